//! Quotation marks: pairing and nesting (`quote-marks`), Spanish punctuation after the closing
//! mark (`quote-punctuation`), and the quote register (`quote-fidelity`). Pure.

use std::ops::Range;

use super::{Message, QuoteStyle};
use crate::glossary::Glossary;
use crate::lang::Lang;

/// A kind of quotation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// « »
    Angular,
    /// “ ”
    Double,
    /// ‘ ’
    Single,
    /// " "
    Straight,
}

impl Mark {
    fn pair(self) -> &'static str {
        match self {
            Mark::Angular => "« »",
            Mark::Double => "“ ”",
            Mark::Single => "‘ ’",
            Mark::Straight => "\" \"",
        }
    }
}

/// A matched pair of marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The mark.
    pub mark: Mark,
    /// Nesting level, 0 for the outermost.
    pub level: usize,
    /// The opening mark's bytes.
    pub open: Range<usize>,
    /// The closing mark's bytes.
    pub close: Range<usize>,
}

impl Pair {
    /// The quoted words, between the marks.
    pub fn inner(&self) -> Range<usize> {
        self.open.end..self.close.start
    }
}

/// The quotation marks of a text.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    /// Matched pairs, in order of their closing mark.
    pub pairs: Vec<Pair>,
    /// Opening marks never closed.
    pub unclosed: Vec<(Mark, Range<usize>)>,
    /// Closing marks never opened.
    pub unopened: Vec<(Mark, Range<usize>)>,
}

/// Pairs the quotation marks of `text`. A ’ closes only an open ‘; anywhere else it is an
/// apostrophe (Mexico’s). A straight " closes an open " and opens otherwise.
pub fn scan(text: &str, _lang: Lang, _style: QuoteStyle) -> Scan {
    let mut s = Scan::default();
    let mut stack: Vec<(Mark, Range<usize>)> = Vec::new();
    // Every mark starts with one of these bytes (« » are C2 xx, the curly ones E2 80 xx):
    // memchr jumps between candidates instead of decoding every character.
    for i in memchr::memchr3_iter(b'"', 0xC2, 0xE2, text.as_bytes()) {
        let Some(c) = text[i..].chars().next() else {
            continue;
        };
        let r = i..i + c.len_utf8();
        let (mark, opening) = match c {
            '«' => (Mark::Angular, true),
            '»' => (Mark::Angular, false),
            '“' => (Mark::Double, true),
            '”' => (Mark::Double, false),
            '‘' => (Mark::Single, true),
            '’' => {
                if stack.iter().any(|(m, _)| *m == Mark::Single) {
                    (Mark::Single, false)
                } else {
                    continue;
                }
            }
            '"' => (
                Mark::Straight,
                !stack.iter().any(|(m, _)| *m == Mark::Straight),
            ),
            _ => continue,
        };
        if opening {
            stack.push((mark, r));
            continue;
        }
        match stack.iter().rposition(|(m, _)| *m == mark) {
            Some(pos) => {
                // Marks opened inside this pair and never closed are reported as such.
                for (m, open) in stack.drain(pos + 1..) {
                    s.unclosed.push((m, open));
                }
                let (_, open) = stack.pop().expect("position is in the stack");
                s.pairs.push(Pair {
                    mark,
                    level: stack.len(),
                    open,
                    close: r,
                });
            }
            None => s.unopened.push((mark, r)),
        }
    }
    s.unclosed.extend(stack);
    s.unclosed.sort_by_key(|(_, r)| r.start);
    s
}

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

/// Quote text compared "up to typography": case, apostrophes, dashes and runs of spaces
/// folded, quotation marks and the punctuation at either end dropped.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '’' | '‘' | 'ʼ' => '\'',
            '–' | '—' | '‑' => '-',
            '«' | '»' | '“' | '”' | '"' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out.trim_matches(|c: char| c == ' ' || ".,;:".contains(c))
        .to_string()
}

/// Whether `needle` occurs in `hay` (both folded) on word boundaries.
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

struct Entry {
    id: String,
    speaker: String,
    /// The wording a source quote is recognised by, folded.
    source: Vec<String>,
    /// The wording the target must print, folded, and the first one as written.
    target: Vec<String>,
    shown: String,
}

/// The quote register for one direction.
pub struct Register {
    entries: Vec<Entry>,
}

/// What the register found in a segment.
pub struct Fidelity {
    /// Source spans (whole quotes) matched by register entries.
    pub source_spans: Vec<Range<usize>>,
    /// The findings.
    pub findings: Vec<(Option<Range<usize>>, Message)>,
}

impl Register {
    /// The register of `glossary` for `source` → `target`: a quote said in the source language
    /// is recognised by its original words and must be rendered with an approved rendering; a
    /// quote said in the target language is recognised by its renderings and must be printed
    /// in its original words.
    pub fn new(glossary: &Glossary, source: Lang, target: Lang) -> Register {
        let entries = glossary
            .quotes
            .iter()
            .map(|q| {
                let (s, t) = if q.said_in == source {
                    (&q.original, &q.renderings)
                } else {
                    debug_assert_eq!(q.said_in, target);
                    (&q.renderings, &q.original)
                };
                Entry {
                    id: q.id.clone(),
                    speaker: q.speaker.clone(),
                    source: s.iter().map(|x| fold(x)).collect(),
                    target: t.iter().map(|x| fold(x)).collect(),
                    shown: t.first().cloned().unwrap_or_default(),
                }
            })
            .collect();
        Register { entries }
    }

    /// The source quotes whose words are exactly a register entry's (up to typography), as
    /// the byte range of those words (the punctuation inside the marks left out) and the
    /// wording the target must print. Machine translation replaces them before sending.
    pub fn protect(&self, src: &str, scan: &Scan) -> Vec<(Range<usize>, String)> {
        let mut out = Vec::new();
        for p in &scan.pairs {
            let inner = p.inner();
            let words = src[inner.clone()]
                .trim_end_matches(|c: char| c.is_whitespace() || ".,;:".contains(c));
            let start = inner.start + (words.len() - words.trim_start().len());
            let range = start..inner.start + words.len();
            let folded = fold(words);
            if let Some(e) = self.entries.iter().find(|e| e.source.contains(&folded)) {
                out.push((range, e.shown.clone()));
            }
        }
        out
    }

    /// `quote-fidelity` on one segment.
    pub fn check(&self, src: &str, src_scan: &Scan, tgt: &str, tgt_scan: &Scan) -> Fidelity {
        let mut f = Fidelity {
            source_spans: Vec::new(),
            findings: Vec::new(),
        };
        if self.entries.is_empty() || (src_scan.pairs.is_empty() && tgt_scan.pairs.is_empty()) {
            return f;
        }
        // Folding is the costly part: each text is folded once, and only when needed.
        let tgt_folded = std::cell::OnceCell::new();
        let tgt_folded = || tgt_folded.get_or_init(|| fold(tgt)).as_str();
        let src_folded = std::cell::OnceCell::new();
        let src_folded = || src_folded.get_or_init(|| fold(src)).as_str();
        let tgt_quotes: Vec<(Range<usize>, String)> = tgt_scan
            .pairs
            .iter()
            .map(|p| (p.open.start..p.close.end, fold(&tgt[p.inner()])))
            .collect();
        let src_quotes: Vec<(Range<usize>, String)> = src_scan
            .pairs
            .iter()
            .map(|p| (p.open.start..p.close.end, fold(&src[p.inner()])))
            .collect();
        for e in &self.entries {
            let matched = src_quotes
                .iter()
                .find(|(_, q)| e.source.iter().any(|w| contains_words(q, w)));
            match matched {
                Some((span, _)) => {
                    f.source_spans.push(span.clone());
                    if !e.target.iter().any(|w| contains_words(tgt_folded(), w)) {
                        // Point at the target quote in the same position, if the counts agree.
                        let at = src_scan
                            .pairs
                            .iter()
                            .position(|p| p.open.start == span.start)
                            .filter(|_| src_scan.pairs.len() == tgt_scan.pairs.len())
                            .map(|i| {
                                let p = &tgt_scan.pairs[i];
                                p.open.start..p.close.end
                            });
                        f.findings.push((
                            at,
                            Message::new("check-quote-fidelity")
                                .arg("entry", &e.id)
                                .arg("speaker", &e.speaker)
                                .arg("expected", &e.shown),
                        ));
                    }
                }
                None => {
                    // A register quote in the target that the source does not have.
                    let extra = tgt_quotes
                        .iter()
                        .find(|(_, q)| e.target.iter().any(|w| contains_words(q, w)));
                    let Some((span, _)) = extra else {
                        continue;
                    };
                    if !e.source.iter().any(|w| contains_words(src_folded(), w)) {
                        f.findings.push((
                            Some(span.clone()),
                            Message::new("check-quote-extra")
                                .arg("entry", &e.id)
                                .arg("speaker", &e.speaker),
                        ));
                    }
                }
            }
        }
        f
    }
}
