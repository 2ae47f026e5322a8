//! The quote register for one direction: which source quotes are register entries, the
//! wording their translation must print, and whether a translated segment kept it. Machine
//! translation protects register quotes with it ([`Register::protect`]) and the
//! `quote-fidelity` check judges them with it ([`Register::fidelity`]). Wordings compare "up
//! to typography" ([`crate::text::quotes::fold`]). Pure.

use std::ops::Range;

use super::Glossary;
use crate::lang::Lang;
use crate::text::quotes::{contains_words, fold, Scan};

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

/// What went wrong with a register quote in a translated segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The source quotes the entry; the target lacks an approved wording.
    Unfaithful {
        /// The approved wording, as written.
        expected: String,
    },
    /// The target quotes the entry; the source does not.
    Extra,
}

/// One register finding: the entry, its speaker, where in the target (if known) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The entry's id.
    pub entry: String,
    /// Who said it.
    pub speaker: String,
    /// The target quote concerned, when it can be pointed at.
    pub span: Option<Range<usize>>,
    /// What.
    pub problem: Problem,
}

/// What the register found in a segment.
pub struct Fidelity {
    /// Source spans (whole quotes) matched by register entries.
    pub source_spans: Vec<Range<usize>>,
    /// The findings.
    pub findings: Vec<Finding>,
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

    /// Whether the register quotes of `src` kept their approved wording in `tgt`, and whether
    /// `tgt` adds one the source does not have.
    pub fn fidelity(&self, src: &str, src_scan: &Scan, tgt: &str, tgt_scan: &Scan) -> Fidelity {
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
            .map(|p| (p.outer(), fold(&tgt[p.inner()])))
            .collect();
        let src_quotes: Vec<(Range<usize>, String)> = src_scan
            .pairs
            .iter()
            .map(|p| (p.outer(), fold(&src[p.inner()])))
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
                            .map(|i| tgt_scan.pairs[i].outer());
                        f.findings.push(Finding {
                            entry: e.id.clone(),
                            speaker: e.speaker.clone(),
                            span: at,
                            problem: Problem::Unfaithful {
                                expected: e.shown.clone(),
                            },
                        });
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
                        f.findings.push(Finding {
                            entry: e.id.clone(),
                            speaker: e.speaker.clone(),
                            span: Some(span.clone()),
                            problem: Problem::Extra,
                        });
                    }
                }
            }
        }
        f
    }
}
