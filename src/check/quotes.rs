//! Quotation marks: nesting per the target's style and as many as the source, a Spanish
//! dialogue line counting one quote per spoken turn and a quotation the narrator interrupts
//! between dashes one or two (`quote-marks`), the comma and period after the closing mark in
//! Spanish and inside it in American English, where a British target keeps them as the sense
//! does (`quote-punctuation`), and the quote register's findings as messages
//! (`quote-fidelity`). The pairing, the marks per level, the incises and the dialogue turns
//! are [`crate::text::quotes`]'s, the register [`crate::glossary::register`]'s. Pure.

use std::ops::Range;

use super::{Message, QuoteStyle};
use crate::glossary::register::{Problem, Register};
use crate::lang::Lang;
use crate::text::quotes::{self, Mark, Scan};

/// How many quotations a text holds, as a range: each pair of marks and each spoken turn of a
/// Spanish dialogue line («—No podemos —afirmó—. Lo haremos.» holds two, as its English
/// rendering “We can't,” he said. “We will.” does) is one; a narrator's incise inside a pair
/// («Vamos —dijo—, pero no»), which English renders as two quotations (“We will,” she said,
/// “but not”), may add one more.
fn quotations(text: &str, scan: &Scan) -> (usize, usize) {
    let least = scan.pairs.len() + quotes::dialogue(text).iter().filter(|t| t.spoken).count();
    let incises = scan
        .pairs
        .iter()
        .flat_map(|p| {
            // An incise inside a quotation nested in this one is that quotation's.
            quotes::incises(text, p.inner()).into_iter().filter(|i| {
                !scan.pairs.iter().any(|q| {
                    q.level > p.level
                        && q.open.start >= p.inner().start
                        && q.inner().contains(&i.start)
                })
            })
        })
        .count();
    (least, least + incises)
}

/// `quote-marks`: pairing, nesting per the target's style, as many quotations as the source
/// (dialogue turns count), and no dialogue dashes in English.
pub fn marks(
    (src_text, src): (&str, &Scan),
    (tgt_text, tgt): (&str, &Scan),
    target: Lang,
    style: QuoteStyle,
    english: EnglishPunctuation,
) -> Vec<(Option<Range<usize>>, Message)> {
    let mut out = Vec::new();
    // Reported with the narrator's incise, or when the source is a Spanish dialogue line the
    // translation kept the dash of («—We will not give in, the governor said.»): then it is
    // surely dialogue, never a credit line or an aside.
    let turns = match target {
        Lang::En => quotes::dialogue(tgt_text),
        Lang::Es => Vec::new(),
    };
    let kept_from_source = !turns.is_empty() && !quotes::dialogue(src_text).is_empty();
    if turns.iter().any(|t| !t.spoken) || kept_from_source {
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
    // British usage (the same tags that keep logical punctuation) may open with ‘ ’ and nest
    // “ ” inside: the segment's first quotation decides, as with the either style.
    let single_first = target == Lang::En
        && english == EnglishPunctuation::Logical
        && first.is_some_and(|p| p.mark == Mark::Single);
    for p in &tgt.pairs {
        let want = if single_first {
            [Mark::Single, Mark::Double][p.level % 2]
        } else {
            quotes::expected(target, style, p.level)
        };
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
    // Counts that may be read two ways match when their ranges meet; the message gives the
    // two nearest counts.
    let (in_source, in_target) = (quotations(src_text, src), quotations(tgt_text, tgt));
    let counts = if in_source.1 < in_target.0 {
        Some((in_source.1, in_target.0))
    } else if in_target.1 < in_source.0 {
        Some((in_source.0, in_target.1))
    } else {
        None
    };
    if let (true, Some((source, target))) = (same_imbalance, counts) {
        out.push((
            None,
            Message::new("check-quote-count")
                .count("source", source)
                .count("target", target),
        ));
    }
    out
}

/// Where English puts a comma or period that follows a quotation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EnglishPunctuation {
    /// Inside the closing mark, always (American, as AP writes): “a failure,” and “routine.”
    #[default]
    American,
    /// Where the sense puts it (British and Commonwealth style): inside only when it belongs
    /// to the words quoted, which a check cannot tell, so never reported.
    Logical,
}

impl EnglishPunctuation {
    /// The style an English language tag names: logical for British, Irish, Australian and
    /// New Zealand English (`en-GB`, `en_GB`, `en-IE`, `en-AU`, `en-NZ`), `None` for another
    /// tag or a tag without a region (the project's default then).
    pub fn from_tag(tag: &str) -> Option<EnglishPunctuation> {
        let mut parts = tag.split(['-', '_']);
        if !parts.next()?.eq_ignore_ascii_case("en") {
            return None;
        }
        let region = parts.find(|p| p.len() == 2)?.to_ascii_uppercase();
        Some(match region.as_str() {
            "GB" | "UK" | "IE" | "AU" | "NZ" => EnglishPunctuation::Logical,
            _ => EnglishPunctuation::American,
        })
    }
}

/// `quote-punctuation` in a `target` text: Spanish, or English in the `english` style.
pub fn punctuation(
    text: &str,
    scan: &Scan,
    target: Lang,
    english: EnglishPunctuation,
) -> Vec<(Option<Range<usize>>, Message)> {
    match (target, english) {
        (Lang::Es, _) => spanish_punctuation(text, scan),
        (Lang::En, EnglishPunctuation::American) => american_punctuation(text, scan),
        (Lang::En, EnglishPunctuation::Logical) => Vec::new(),
    }
}

/// `quote-punctuation` in American English (AP): a comma or period right after a closing
/// mark goes inside it, after speech, a title or a word used as a word alike (“a failure,”
/// and; called it “unacceptable.”). Left alone: a quotation that ends with its own ? ! . or
/// ellipsis (“Why?” she asked; “the U.S.”.), and an ellipsis after the mark. Only paired
/// marks close a quotation, so an apostrophe (the cartels’.) is never one.
fn american_punctuation(text: &str, scan: &Scan) -> Vec<(Option<Range<usize>>, Message)> {
    let mut out = Vec::new();
    for p in &scan.pairs {
        let after = &text[p.close.end..];
        let Some(punct) = after.chars().next().filter(|c| *c == ',' || *c == '.') else {
            continue;
        };
        if after.starts_with("..") {
            continue;
        }
        let inner = text[p.inner()].trim_end();
        if inner.is_empty() || inner.ends_with(['?', '!', '…', '.', ',', ';', ':']) {
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
    use crate::check::{Checker, EnglishPunctuation, NumberLocale, Settings, Side};
    use crate::lang::Lang;
    use crate::workfile::{State, UnitOf};

    /// The rule and message ids of each finding on one segment, with the marked text.
    fn findings(c: &Checker<'_>, source: &str, target: &str) -> Vec<(&'static str, String)> {
        let unit = UnitOf {
            id: "p.test".into(),
            source: source.into(),
            target: target.into(),
            state: State::Translated,
            line: 1,
            comments: Vec::new(),
            source_stands: false,
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
            // The dash kept from a Spanish dialogue line, with no incise left to show it.
            assert_eq!(
                findings(
                    &c,
                    "—No vamos a ceder —afirmó el gobernador—.",
                    "—We will not give in, the governor said."
                ),
                [(
                    "check-quote-dialogue",
                    "—We will not give in, the governor said.".into()
                )]
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
    fn american_english_wants_the_comma_and_period_inside_always() {
        let g = crate::glossary::seed();
        let c = Checker::new(&g, Lang::Es, Lang::En, settings(NumberLocale::Es));
        for (s, t, found) in [
            (
                "«Nos coordinamos», dijo Sheinbaum.",
                "“We coordinate”, Sheinbaum said.",
                "”,",
            ),
            ("Dijo: «Basta».", "She said: “Enough”.", "”."),
            ("«Basta».", "“Enough”.", "”."),
            // Before, only a quotation that was surely speech was reported: a word quoted, a
            // title and a phrase followed by a comma passed.
            (
                "Lo calificó de «inaceptable».",
                "She called it “unacceptable”.",
                "”.",
            ),
            (
                "El informe lo calificó de «un fracaso», y el secretario renunció.",
                "The report called it “a failure”, and the secretary resigned.",
                "”,",
            ),
            (
                "Vio «Roma», la película de Cuarón.",
                "He saw “Roma”, the film by Cuarón.",
                "”,",
            ),
            (
                "Dijo: «Lo llamaron “un montaje”».",
                "She said: “They called it ‘a setup’.”",
                "’.",
            ),
        ] {
            assert_eq!(
                findings(&c, s, t),
                [("check-quote-punctuation-inside", found.into())],
                "{t}"
            );
        }
        // A question, a period of its own, an ellipsis, an apostrophe and the right American
        // form pass.
        for (s, t) in [
            ("«¿Por qué?», preguntó.", "“Why?” she asked."),
            ("«Nos coordinamos», dijo.", "“We coordinate,” she said."),
            ("«Vienen de EE. UU.».", "“They come from the U.S.”"),
            ("«Veremos…».", "“We’ll see…”."),
            (
                "Son las finanzas de los cárteles.",
                "They are the finances of the cartels’.",
            ),
            (
                "Lo calificó de «inaceptable».",
                "She called it “unacceptable.”",
            ),
        ] {
            assert!(
                findings(&c, s, t).is_empty(),
                "{s} → {t}: {:?}",
                findings(&c, s, t)
            );
        }
        // British English keeps logical punctuation.
        let british = Settings {
            english_punctuation: EnglishPunctuation::Logical,
            ..settings(NumberLocale::Es)
        };
        let c = Checker::new(&g, Lang::Es, Lang::En, british);
        assert!(findings(
            &c,
            "Lo calificó de «inaceptable».",
            "She called it “unacceptable”."
        )
        .is_empty());
        // Spanish targets keep the Spanish rule.
        let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
        assert!(findings(&c, "“We coordinate,” she said.", "«Nos coordinamos», dijo.").is_empty());
        assert_eq!(
            findings(&c, "“We coordinate,” she said.", "«Nos coordinamos,» dijo."),
            [("check-quote-punctuation", ",»".into())]
        );
    }

    #[test]
    fn british_tags_name_logical_punctuation() {
        for (tag, style) in [
            ("en-GB", Some(EnglishPunctuation::Logical)),
            ("en_gb", Some(EnglishPunctuation::Logical)),
            ("en-IE", Some(EnglishPunctuation::Logical)),
            ("en-US", Some(EnglishPunctuation::American)),
            ("en", None),
            ("es-ES", None),
        ] {
            assert_eq!(EnglishPunctuation::from_tag(tag), style, "{tag}");
        }
    }

    /// A British target may open with ‘ ’ and nest “ ” inside; an American one may not.
    #[test]
    fn british_targets_may_open_with_single_quotes() {
        let g = crate::glossary::seed();
        let source = "Dijo que el plan fue «un fracaso, “total”».";
        let single = "He said the plan was ‘a failure, “total”’.";
        let mut british = settings(NumberLocale::Es);
        british.english_punctuation = EnglishPunctuation::Logical;
        let c = Checker::new(&g, Lang::Es, Lang::En, british);
        assert!(
            findings(&c, source, single).is_empty(),
            "{:?}",
            findings(&c, source, single)
        );
        assert!(findings(&c, source, "He said the plan was “a failure, ‘total’”.").is_empty());
        let c = Checker::new(&g, Lang::Es, Lang::En, settings(NumberLocale::Es));
        assert_eq!(
            findings(&c, source, single)
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>(),
            [
                "check-quote-level",
                "check-quote-level",
                "check-quote-punctuation-inside"
            ]
        );
    }

    #[test]
    fn a_quotation_split_by_the_narrator_is_one_quote_or_two() {
        let g = crate::glossary::seed();
        let es = "«Vamos a cooperar —dijo Sheinbaum—, pero no aceptaremos ataques con drones».";
        let en = "“We will cooperate,” Sheinbaum said, “but we will not accept drone strikes.”";
        // Before, each way was a quote-count error (1 against 2).
        for locale in [NumberLocale::Mx, NumberLocale::Es] {
            let c = Checker::new(&g, Lang::Es, Lang::En, settings(locale));
            assert!(
                findings(&c, es, en).is_empty(),
                "{:?}",
                findings(&c, es, en)
            );
            // One English quotation for it is as right; a quotation dropped is still found.
            assert!(findings(
                &c,
                es,
                "“We will cooperate, but we will not accept drone strikes,” Sheinbaum said."
            )
            .is_empty());
            assert_eq!(
                findings(
                    &c,
                    es,
                    "Sheinbaum said Mexico would cooperate but would not accept drone strikes."
                ),
                [("check-quote-count", String::new())]
            );
            let c = Checker::new(&g, Lang::En, Lang::Es, settings(locale));
            assert!(
                findings(&c, en, es).is_empty(),
                "{:?}",
                findings(&c, en, es)
            );
            // Three English quotations are more than one incise can make.
            assert_eq!(
                findings(&c, &format!("{en} “Never,” she added."), es),
                [("check-quote-count", String::new())]
            );
        }
    }

    #[test]
    fn a_dialogue_line_after_a_colon_is_one_quote() {
        let g = crate::glossary::seed();
        let c = Checker::new(&g, Lang::Es, Lang::En, settings(NumberLocale::Es));
        // Before: «the source has 0 quotes, the translation 1».
        assert!(findings(
            &c,
            "El fiscal fue tajante: —No habrá acuerdo.",
            "The prosecutor was blunt: “There will be no deal.”"
        )
        .is_empty());
        // An aside and a credit are no quotation.
        assert!(findings(
            &c,
            "Una cosa: —y esto es clave— falta el dinero.",
            "One thing — and this is key — the money is missing."
        )
        .is_empty());
        let c = Checker::new(&g, Lang::En, Lang::Es, settings(NumberLocale::Mx));
        assert!(findings(
            &c,
            "The prosecutor was blunt: “There will be no deal.”",
            "El fiscal fue tajante: —No habrá acuerdo."
        )
        .is_empty());
    }

    #[test]
    fn english_nesting_alternates_and_spanish_repeats_its_last_mark() {
        let g = crate::glossary::seed();
        let c = Checker::new(&g, Lang::Es, Lang::En, settings(NumberLocale::Es));
        let es = "Escribió: «Me dijo: “Nos dijeron ‘nunca’”».";
        // Before, the third level was wanted in ‘ ’.
        assert!(findings(
            &c,
            es,
            "She wrote: “He told me: ‘They said “never” to us.’”"
        )
        .is_empty());
        assert_eq!(
            findings(
                &c,
                es,
                "She wrote: “He told me: ‘They said ‘never’ to us.’”"
            ),
            [("check-quote-level", "‘never’".into())]
        );
        let four = "“A ‘b “c ‘d’ c” b’ a”";
        assert!(findings(&c, "«A “b ‘c ‘d’ c’ b” a»", four).is_empty());
        let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
        assert!(findings(&c, four, "«A “b ‘c ‘d’ c’ b” a»").is_empty());
        assert_eq!(
            findings(&c, four, "«A “b ‘c “d” c’ b” a»"),
            [("check-quote-level", "“d”".into())]
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
