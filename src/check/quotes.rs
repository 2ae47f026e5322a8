//! Quotation marks: nesting per style and as many as the source (`quote-marks`), Spanish
//! punctuation after the closing mark (`quote-punctuation`), and the quote register's findings
//! as messages (`quote-fidelity`). The pairing is [`crate::text::quotes`]'s, the register
//! [`crate::glossary::register`]'s. Pure.

use std::ops::Range;

use super::{Message, QuoteStyle};
use crate::glossary::register::{Problem, Register};
use crate::lang::Lang;
use crate::text::quotes::{Mark, Scan};

/// The marks expected at each level in `lang` (the last one repeats deeper down).
fn levels(lang: Lang, style: QuoteStyle) -> &'static [Mark] {
    match (lang, style) {
        (Lang::Es, QuoteStyle::Angular) => &[Mark::Angular, Mark::Double, Mark::Single],
        (Lang::Es, QuoteStyle::Curly) => &[Mark::Double, Mark::Single],
        (Lang::En, _) => &[Mark::Double, Mark::Single],
    }
}

/// `quote-marks`: pairing, nesting per the target's style, and as many quotes as the source.
pub fn marks(
    src: &Scan,
    tgt: &Scan,
    target: Lang,
    style: QuoteStyle,
) -> Vec<(Option<Range<usize>>, Message)> {
    let mut out = Vec::new();
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
    if same_imbalance && src.pairs.len() != tgt.pairs.len() {
        out.push((
            None,
            Message::new("check-quote-count")
                .count("source", src.pairs.len())
                .count("target", tgt.pairs.len()),
        ));
    }
    out
}

/// `quote-punctuation`: in Spanish a comma or period goes after the closing mark («…», dijo).
/// A period left inside is fine when another follows the mark: it ends an abbreviation
/// («… EE. UU.».). An ellipsis stays inside.
pub fn punctuation(text: &str, scan: &Scan) -> Vec<(Option<Range<usize>>, Message)> {
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
