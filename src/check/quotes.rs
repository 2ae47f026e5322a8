//! Quotation marks: nesting per the target's style and as many as the source, a Spanish
//! dialogue line counting one quote per spoken turn (`quote-marks`), the comma and period
//! after the closing mark in Spanish and inside it in English (`quote-punctuation`), and the
//! quote register's findings as messages (`quote-fidelity`). The pairing and the dialogue
//! turns are [`crate::text::quotes`]'s, the register [`crate::glossary::register`]'s. Pure.

use std::ops::Range;

use super::{Message, QuoteStyle};
use crate::glossary::register::{Problem, Register};
use crate::lang::Lang;
use crate::text::quotes::{self, Mark, Scan};

/// The marks expected at each level in `lang` (the last one repeats deeper down).
fn levels(lang: Lang, style: QuoteStyle) -> &'static [Mark] {
    match (lang, style) {
        (Lang::Es, QuoteStyle::Angular | QuoteStyle::Either) => {
            &[Mark::Angular, Mark::Double, Mark::Single]
        }
        (Lang::Es, QuoteStyle::Curly) => &[Mark::Double, Mark::Single],
        (Lang::En, _) => &[Mark::Double, Mark::Single],
    }
}

/// How many quotations a text holds: its pairs of marks, and each spoken turn of a Spanish
/// dialogue line («—No podemos —afirmó—. Lo haremos.» holds two, as its English rendering
/// “We can't,” he said. “We will.” does).
fn quotations(text: &str, scan: &Scan) -> usize {
    scan.pairs.len() + quotes::dialogue(text).iter().filter(|t| t.spoken).count()
}

/// `quote-marks`: pairing, nesting per the target's style, as many quotations as the source
/// (dialogue turns count), and no dialogue dashes in English.
pub fn marks(
    (src_text, src): (&str, &Scan),
    (tgt_text, tgt): (&str, &Scan),
    target: Lang,
    style: QuoteStyle,
) -> Vec<(Option<Range<usize>>, Message)> {
    let mut out = Vec::new();
    // Reported only with the narrator's incise: then it is surely dialogue.
    let turns = match target {
        Lang::En => quotes::dialogue(tgt_text),
        Lang::Es => Vec::new(),
    };
    if turns.iter().any(|t| !t.spoken) {
        if let Some(first) = turns.first() {
            let dash = first.words.start - '—'.len_utf8();
            out.push((
                Some(dash..first.words.end),
                Message::new("check-quote-dialogue"),
            ));
        }
    }
    // A quote that runs over several paragraphs is left open in each one; a target with the
    // same imbalance as its source follows the source, not an error.
    let same_imbalance =
        src.unclosed.len() == tgt.unclosed.len() && src.unopened.len() == tgt.unopened.len();
    if !same_imbalance {
        for (m, r) in &tgt.unclosed {
            out.push((
                Some(r.clone()),
                Message::new("check-quote-unclosed").arg("mark", m.pair()),
            ));
        }
        for (m, r) in &tgt.unopened {
            out.push((
                Some(r.clone()),
                Message::new("check-quote-unopened").arg("mark", m.pair()),
            ));
        }
    }
    // Either style: the segment's first quotation decides which one it follows.
    let first = tgt
        .pairs
        .iter()
        .filter(|p| p.level == 0)
        .min_by_key(|p| p.open.start);
    let style = match (style, first) {
        (QuoteStyle::Either, Some(p)) if p.mark == Mark::Double => QuoteStyle::Curly,
        (style, _) => style,
    };
    let expected = levels(target, style);
    for p in &tgt.pairs {
        let want = expected[p.level.min(expected.len() - 1)];
        let ok = p.mark == want
            || (target == Lang::En && p.mark == Mark::Straight && want == Mark::Double);
        if !ok {
            out.push((
                Some(p.open.start..p.close.end),
                Message::new("check-quote-level")
                    .arg("level", (p.level + 1).to_string())
                    .arg("expected", want.pair())
                    .arg("found", p.mark.pair()),
            ));
        }
    }
    let (in_source, in_target) = (quotations(src_text, src), quotations(tgt_text, tgt));
    if same_imbalance && in_source != in_target {
        out.push((
            None,
            Message::new("check-quote-count")
                .count("source", in_source)
                .count("target", in_target),
        ));
    }
    out
}

/// `quote-punctuation` in a `target` text: Spanish or American English.
pub fn punctuation(text: &str, scan: &Scan, target: Lang) -> Vec<(Option<Range<usize>>, Message)> {
    match target {
        Lang::Es => spanish_punctuation(text, scan),
        Lang::En => english_punctuation(text, scan),
    }
}

/// Words that say a quotation is speech, so the comma after it is a quotation's comma: in
/// English “…”, she said; a quoted title or a word used as a word is left to the writer.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "stated",
    "states",
    "wrote",
    "writes",
    "declared",
    "explained",
    "insisted",
    "noted",
    "replied",
    "answered",
    "warned",
    "continued",
    "affirmed",
    "argued",
    "recalled",
    "according",
];

/// Whether one of the first three words of `text` is a word of speech.
fn speech_follows(text: &str) -> bool {
    text.split_whitespace()
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .any(|w| SPEECH.contains(&w.as_str()))
}

/// Whether the last two words of `text` hold a word of speech (she said, “…”), or `text`
/// ends with a colon.
fn speech_precedes(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(':')
        || t.rsplit(|c: char| c.is_whitespace())
            .take(2)
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
            .any(|w| SPEECH.contains(&w.as_str()))
}

/// `quote-punctuation` in English (American, as AP writes): a comma or period goes inside
/// the closing mark (“…,” she said). Reported only where the quotation is surely speech: a
/// comma before a word of speech (“…”, she said), a period after a quotation opened by one
/// (she said, “…”.) or opening the text. A quoted title, a question or exclamation, an
/// abbreviation's period and an ellipsis are left alone.
fn english_punctuation(text: &str, scan: &Scan) -> Vec<(Option<Range<usize>>, Message)> {
    let mut out = Vec::new();
    for p in scan.pairs.iter().filter(|p| p.level == 0) {
        let after = &text[p.close.end..];
        let Some(punct) = after.chars().next().filter(|c| *c == ',' || *c == '.') else {
            continue;
        };
        if after.starts_with("..") {
            continue;
        }
        let inner = &text[p.inner()];
        if inner
            .trim_end()
            .ends_with(['?', '!', '…', '.', ',', ';', ':'])
        {
            continue;
        }
        let before = &text[..p.open.start];
        let speech = match punct {
            ',' => speech_follows(&after[1..]) || before.trim().is_empty(),
            _ => speech_precedes(before) || before.trim().is_empty(),
        };
        if !speech {
            continue;
        }
        let closing = &text[p.close.clone()];
        out.push((
            Some(p.close.start..p.close.end + 1),
            Message::new("check-quote-punctuation-inside")
                .arg("found", format!("{closing}{punct}"))
                .arg("fix", format!("{punct}{closing}")),
        ));
    }
    out
}

/// `quote-punctuation` in Spanish: a comma or period goes after the closing mark («…», dijo).
/// A period left inside is fine when another follows the mark: it ends an abbreviation
/// («… EE. UU.».). An ellipsis stays inside.
fn spanish_punctuation(text: &str, scan: &Scan) -> Vec<(Option<Range<usize>>, Message)> {
    let mut out = Vec::new();
    for p in &scan.pairs {
        let inner = &text[p.inner()];
        let Some(last) = inner.chars().next_back() else {
            continue;
        };
        if last != ',' && last != '.' {
            continue;
        }
        if inner[..inner.len() - 1].ends_with('.') || inner.ends_with('…') {
            continue;
        }
        let after = text[p.close.end..].chars().next();
        if last == '.' && matches!(after, Some('.' | ',' | ';' | ':')) {
            continue;
        }
        let start = p.close.start - 1;
        let closing = &text[p.close.clone()];
        out.push((
            Some(start..p.close.end),
            Message::new("check-quote-punctuation")
                .arg("found", format!("{last}{closing}"))
                .arg("fix", format!("{closing}{last}")),
        ));
    }
    out
}

/// Findings of one rule on one segment: where (if known) and what.
pub type Findings = Vec<(Option<Range<usize>>, Message)>;

/// `quote-fidelity` on one segment: the source spans of the register quotes it recognised,
/// and the register's findings as messages.
pub fn fidelity(
    register: &Register,
    src: &str,
    src_scan: &Scan,
    tgt: &str,
    tgt_scan: &Scan,
) -> (Vec<Range<usize>>, Findings) {
    let f = register.fidelity(src, src_scan, tgt, tgt_scan);
    let messages = f
        .findings
        .into_iter()
        .map(|x| {
            let message = match x.problem {
                Problem::Unfaithful { expected } => Message::new("check-quote-fidelity")
                    .arg("entry", &x.entry)
                    .arg("speaker", &x.speaker)
                    .arg("expected", &expected),
                Problem::Extra => Message::new("check-quote-extra")
                    .arg("entry", &x.entry)
                    .arg("speaker", &x.speaker),
            };
            (x.span, message)
        })
        .collect();
    (f.source_spans, messages)
}

#[cfg(test)]
mod tests {
    use crate::check::{Checker, NumberLocale, Settings, Side};
    use crate::lang::Lang;
    use crate::workfile::{State, Unit};

    /// The rule and message ids of each finding on one segment, with the marked text.
    fn findings(c: &Checker<'_>, source: &str, target: &str) -> Vec<(&'static str, String)> {
        let unit = Unit {
            id: "p.test".into(),
            source: source.into(),
            target: target.into(),
            state: State::Translated,
            line: 1,
            comments: Vec::new(),
        };
        c.check_unit(&unit)
            .into_iter()
            .map(|f| {
                let text = match f.side {
                    Side::Source => source,
                    Side::Target => target,
                };
                let marked = f.span.map(|s| text[s].to_string()).unwrap_or_default();
                (f.message.id, marked)
            })
            .collect()
    }

    fn settings(locale: NumberLocale) -> Settings {
        Settings {
            number_locale: locale,
            ..Settings::default()
        }
    }

    #[test]
    fn a_spanish_dialogue_line_and_an_english_quotation_are_the_same_quote() {
        let g = crate::glossary::seed();
        for locale in [NumberLocale::Mx, NumberLocale::Es] {
            let c = Checker::new(&g, Lang::Es, Lang::En, settings(locale));
            // Before, each of these was a quote-count error (0 quotes against 1 or 2).
            for (s, t) in [
                (
                    "—No podemos seguir así —afirmó el gobernador—.",
                    "“We cannot go on like this,” the governor said.",
                ),
                (
                    "—No podemos —afirmó el gobernador—. Lo haremos mañana.",
                    "“We cannot,” the governor said. “We will do it tomorrow.”",
                ),
                (
                    "—Vamos —dijo el ministro— a ganar.",
                    "“We are going,” the minister said, “to win.”",
                ),
                ("—¿Vienes?", "“Are you coming?”"),
                ("—Con información de AP", "With information from AP"),
            ] {
                assert!(
                    findings(&c, s, t).is_empty(),
                    "{s} → {t}: {:?}",
                    findings(&c, s, t)
                );
            }
            // Dashes left in English, and a quotation lost.
            assert_eq!(
                findings(
                    &c,
                    "—No podemos seguir así —afirmó el gobernador—.",
                    "—We cannot go on like this —the governor said."
                ),
                [("check-quote-dialogue", "—We cannot go on like this".into())]
            );
            assert_eq!(
                findings(
                    &c,
                    "—No podemos —afirmó—. Lo haremos mañana.",
                    "“We cannot,” he said. We will do it tomorrow."
                ),
                [("check-quote-count", String::new())]
            );
        }
        // And the other way: English quotations rendered as a Spanish dialogue line.
        for locale in [NumberLocale::Mx, NumberLocale::Es] {
            let c = Checker::new(&g, Lang::En, Lang::Es, settings(locale));
            assert!(findings(
                &c,
                "“We cannot,” the governor said. “We will do it tomorrow.”",
                "—No podemos —dijo el gobernador—. Lo haremos mañana."
            )
            .is_empty());
            assert_eq!(
                findings(
                    &c,
                    "“We cannot,” the governor said. “We will do it tomorrow.”",
                    "—No podemos —dijo el gobernador—."
                ),
                [("check-quote-count", String::new())]
            );
        }
    }

    #[test]
    fn english_targets_want_the_comma_and_period_inside_where_it_is_speech() {
        let g = crate::glossary::seed();
        let c = Checker::new(&g, Lang::Es, Lang::En, settings(NumberLocale::Es));
        assert_eq!(
            findings(
                &c,
                "«Nos coordinamos», dijo Sheinbaum.",
                "“We coordinate”, Sheinbaum said."
            ),
            [("check-quote-punctuation-inside", "”,".into())]
        );
        assert_eq!(
            findings(&c, "Dijo: «Basta».", "She said: “Enough”."),
            [("check-quote-punctuation-inside", "”.".into())]
        );
        assert_eq!(
            findings(&c, "«Basta».", "“Enough”."),
            [("check-quote-punctuation-inside", "”.".into())]
        );
        // A quoted title, a question, an abbreviation and the right American form pass.
        for (s, t) in [
            (
                "Vio «Roma», la película de Cuarón.",
                "He saw “Roma”, the film by Cuarón.",
            ),
            (
                "Criticó la política de «abrazos, no balazos».",
                "He criticized the “hugs, not bullets”.",
            ),
            ("«¿Por qué?», preguntó.", "“Why?” she asked."),
            ("«Nos coordinamos», dijo.", "“We coordinate,” she said."),
            ("«Vienen de EE. UU.».", "“They come from the U.S.”"),
        ] {
            assert!(
                findings(&c, s, t).is_empty(),
                "{s} → {t}: {:?}",
                findings(&c, s, t)
            );
        }
        // Spanish targets keep the Spanish rule.
        let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
        assert!(findings(&c, "“We coordinate,” she said.", "«Nos coordinamos», dijo.").is_empty());
        assert_eq!(
            findings(&c, "“We coordinate,” she said.", "«Nos coordinamos,» dijo."),
            [("check-quote-punctuation", ",»".into())]
        );
    }

    #[test]
    fn spanish_only_rules_say_nothing_on_an_english_target() {
        let g = crate::glossary::seed();
        let c = Checker::new(&g, Lang::Es, Lang::En, Settings::default());
        // No ¿ ¡ expected in English, and straight quotes are tolerated.
        assert!(findings(&c, "¿Qué hará? ¡Nada!", "What will he do? Nothing!").is_empty());
        assert!(findings(&c, "Dijo «no».", "He said \"no.\"").is_empty());
        // A Spanish target still wants its openers and angular quotes.
        let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
        assert_eq!(
            findings(&c, "What will he do?", "Qué hará?"),
            [("check-spanish-opener", "?".into())]
        );
    }
}
