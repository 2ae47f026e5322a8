//! The quote register for one direction: which source quotes are register entries, the
//! wording their translation must print, and whether a translated segment kept it. Machine
//! translation protects register quotes with it ([`Register::protect`]) and the
//! `quote-fidelity` check judges them with it ([`Register::fidelity`]).
//!
//! One matcher serves both. Texts are compared as words: folded first
//! ([`crate::text::quotes::fold`]: quotation marks, apostrophes, dashes and case), then split
//! on what is not a letter or a digit, so typography and punctuation never count. Which entry
//! a quote *is* tolerates small wording differences, because outlets report the same words a
//! little differently: a wording (an original, a rendering or a reported variant) matches
//! a text when some run of the text's words scores at least [`THRESHOLD`] against it, the
//! score being 2 × (words in common, in order) / (words of the wording + words of the run,
//! a run shorter than the wording counted as long as it): the Dice coefficient over the
//! longest common subsequence of words, where a fragment scores the share of the wording it
//! has. 0.8 lets one word in five be added, dropped or changed ("we will never subordinate
//! ourselves" for "we never subordinate ourselves" scores 0.89) but not one word changed in a
//! short quote («abrazos, no disparos» for «abrazos, no balazos» scores 0.67), and a quote
//! that merely shares a word or two with an entry stays far below. Whether a translation
//! *kept* the approved wording does not tolerate them: the wording is fixed, so every word of
//! an approved wording must be there, in order (a one-word change in a fixed quote is what
//! `quote-fidelity` is for). Pure.

use std::cell::OnceCell;
use std::ops::Range;

use super::Glossary;
use crate::lang::Lang;
use crate::text::quotes::{fold, Scan};

/// The least score at which a text is taken for a register wording (see the module doc).
pub const THRESHOLD: f32 = 0.8;

/// A wording as its folded words.
struct Wording {
    words: Vec<String>,
}

impl Wording {
    fn new(text: &str) -> Wording {
        Wording {
            words: words(&fold(text)).map(str::to_string).collect(),
        }
    }
}

/// The words of a folded text: runs of letters and digits, an apostrophe inside a word kept
/// (don't).
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
}

/// The best score of `w` against a run of `text`'s words, and whether that run is all of
/// `text`, when it is at least `threshold`. The one matcher of the register.
fn score(w: &[String], text: &[&str], threshold: f32) -> Option<(f32, bool)> {
    let m = w.len();
    if m == 0 || text.is_empty() {
        return None;
    }
    // A run scores at most 2c / (m + c) with c words in common: too few shared words cannot
    // reach the threshold, and most texts stop here (without allocating).
    let shared = text.iter().filter(|t| w.iter().any(|x| x == *t)).count();
    let needed = ((threshold * m as f32) / (2.0 - threshold)).ceil() as usize;
    if shared < needed.max(1) {
        return None;
    }
    // Longer runs than this cannot reach the threshold either.
    let longest = ((2.0 / threshold - 1.0) * m as f32).floor() as usize;
    let mut best: Option<(f32, bool)> = None;
    let mut prev = vec![0usize; m + 1];
    let mut cur = vec![0usize; m + 1];
    for i in 0..text.len() {
        // A run is best started and ended on a shared word.
        if !w.iter().any(|x| x == text[i]) {
            continue;
        }
        prev.iter_mut().for_each(|x| *x = 0);
        for j in i..text.len().min(i + longest) {
            cur[0] = 0;
            for k in 1..=m {
                cur[k] = if text[j] == w[k - 1] {
                    prev[k - 1] + 1
                } else {
                    prev[k].max(cur[k - 1])
                };
            }
            std::mem::swap(&mut prev, &mut cur);
            // A run shorter than the wording counts as long as it, so a fragment («abrazos,
            // no») is not taken for the whole.
            let run = (j + 1 - i).max(m);
            let s = 2.0 * prev[m] as f32 / (m + run) as f32;
            let whole = i == 0 && j + 1 == text.len();
            if s >= threshold && best.is_none_or(|(b, bw)| s > b || (s == b && whole && !bw)) {
                best = Some((s, whole));
            }
        }
    }
    best
}

/// Whether two wordings are the same words (typography and punctuation aside), as the
/// register compares them.
pub fn same_wording(a: &str, b: &str) -> bool {
    Wording::new(a).words == Wording::new(b).words
}

/// Whether `text` holds one of `wordings` by the register's tolerance.
fn recognised(wordings: &[Wording], text: &[&str]) -> bool {
    wordings
        .iter()
        .any(|w| score(&w.words, text, THRESHOLD).is_some())
}

/// Whether `text` holds every word of one of `wordings`, in order and together.
fn kept(wordings: &[Wording], text: &[&str]) -> bool {
    wordings
        .iter()
        .any(|w| score(&w.words, text, 1.0).is_some())
}

struct Entry {
    id: String,
    speaker: String,
    /// The wordings a source quote is recognised by: the approved ones in the source's
    /// language and that language's reported variants.
    source: Vec<Wording>,
    /// The wordings the target may print: the approved ones in the target's language, and
    /// its reported variants when the quote was said in it.
    accepted: Vec<Wording>,
    /// The wordings a target quote is recognised by: `accepted` and the other variants.
    target: Vec<Wording>,
    /// The first approved target wording, as written.
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
                let approved = |l: Lang| {
                    if l == q.said_in {
                        &q.original
                    } else {
                        &q.renderings
                    }
                };
                let variants = |l: Lang| q.variants.get(&l).into_iter().flatten();
                let all = |texts: &mut dyn Iterator<Item = &String>| {
                    texts.map(|x| Wording::new(x)).collect::<Vec<_>>()
                };
                let mut accepted = all(&mut approved(target).iter());
                if target == q.said_in {
                    accepted.extend(all(&mut variants(target)));
                }
                let mut target_words = all(&mut approved(target).iter());
                target_words.extend(all(&mut variants(target)));
                Entry {
                    id: q.id.clone(),
                    speaker: q.speaker.clone(),
                    source: all(&mut approved(source).iter().chain(variants(source))),
                    accepted,
                    target: target_words,
                    shown: approved(target).first().cloned().unwrap_or_default(),
                }
            })
            .collect();
        Register { entries }
    }

    /// The source quotes that are a register entry as a whole (up to typography and small
    /// wording differences, the one matcher's), as the byte range of their words (the
    /// punctuation inside the marks left out) and the wording the target must print. Machine
    /// translation replaces them before sending.
    pub fn protect(&self, src: &str, scan: &Scan) -> Vec<(Range<usize>, String)> {
        let mut out = Vec::new();
        if self.entries.is_empty() {
            return out;
        }
        for p in &scan.pairs {
            let inner = p.inner();
            let words_at = src[inner.clone()]
                .trim_end_matches(|c: char| c.is_whitespace() || ".,;:".contains(c));
            let start = inner.start + (words_at.len() - words_at.trim_start().len());
            let range = start..inner.start + words_at.len();
            let folded = fold(words_at);
            let quote: Vec<&str> = words(&folded).collect();
            // The quote is replaced whole, so only a match of all its words counts.
            let whole = |e: &Entry| {
                e.source
                    .iter()
                    .any(|w| score(&w.words, &quote, THRESHOLD).is_some_and(|(_, all)| all))
            };
            if let Some(e) = self.entries.iter().find(|e| whole(e)) {
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
        let (tgt_folded, tgt_split) = (OnceCell::new(), OnceCell::new());
        let tgt_words = || {
            tgt_split
                .get_or_init(|| words(tgt_folded.get_or_init(|| fold(tgt))).collect::<Vec<_>>())
        };
        let (src_folded, src_split) = (OnceCell::new(), OnceCell::new());
        let src_words = || {
            src_split
                .get_or_init(|| words(src_folded.get_or_init(|| fold(src))).collect::<Vec<_>>())
        };
        let folded_quotes = |text: &str, scan: &Scan| -> Vec<(Range<usize>, String)> {
            scan.pairs
                .iter()
                .map(|p| (p.outer(), fold(&text[p.inner()])))
                .collect()
        };
        let tgt_quotes = folded_quotes(tgt, tgt_scan);
        let tgt_quotes: Vec<(&Range<usize>, Vec<&str>)> = tgt_quotes
            .iter()
            .map(|(r, q)| (r, words(q).collect()))
            .collect();
        let src_quotes = folded_quotes(src, src_scan);
        let src_quotes: Vec<(&Range<usize>, Vec<&str>)> = src_quotes
            .iter()
            .map(|(r, q)| (r, words(q).collect()))
            .collect();
        for e in &self.entries {
            let matched = src_quotes.iter().find(|(_, q)| recognised(&e.source, q));
            match matched {
                Some((span, _)) => {
                    f.source_spans.push((*span).clone());
                    if !kept(&e.accepted, tgt_words()) {
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
                    let extra = tgt_quotes.iter().find(|(_, q)| recognised(&e.target, q));
                    let Some((span, _)) = extra else {
                        continue;
                    };
                    if !recognised(&e.source, src_words()) {
                        f.findings.push(Finding {
                            entry: e.id.clone(),
                            speaker: e.speaker.clone(),
                            span: Some((*span).clone()),
                            problem: Problem::Extra,
                        });
                    }
                }
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::quotes::{scan, Marks};

    fn w(text: &str) -> Vec<String> {
        Wording::new(text).words
    }

    fn score_of(wording: &str, text: &str) -> Option<f32> {
        let folded = fold(text);
        let t: Vec<&str> = words(&folded).collect();
        score(&w(wording), &t, THRESHOLD).map(|(s, _)| s)
    }

    #[test]
    fn the_score_tolerates_typography_and_a_word_in_five() {
        let v = "we never subordinate ourselves";
        assert_eq!(score_of(v, "“We never subordinate ourselves.”"), Some(1.0));
        // Inside a longer quote, the best run counts.
        assert_eq!(
            score_of(v, "and she said we never subordinate ourselves to anyone"),
            Some(1.0)
        );
        let near = score_of(v, "we will never subordinate ourselves").unwrap();
        assert!((near - 8.0 / 9.0).abs() < 1e-6, "{near}");
        assert_eq!(score_of("hugs, not bullets", "hugs not bullets"), Some(1.0));
        // One word changed in a short quote, a quote that shares a word: not taken.
        assert_eq!(
            score_of("abrazos, no balazos", "abrazos, no disparos"),
            None
        );
        assert_eq!(score_of(v, "we never give up"), None);
        assert_eq!(score_of(v, ""), None);
    }

    #[test]
    fn protection_replaces_a_quote_that_is_an_entry_as_a_whole() {
        let g = crate::glossary::seed();
        let r = Register::new(&g, Lang::En, Lang::Es);
        let protected = |src: &str| -> Vec<(String, String)> {
            r.protect(src, &scan(src, Marks::Quotation))
                .into_iter()
                .map(|(range, wording)| (src[range].to_string(), wording))
                .collect()
        };
        let original = "Nos coordinamos, colaboramos, pero no nos subordinamos".to_string();
        // A reported variant and a near variant are recognised.
        for src in [
            "She said: “We never subordinate ourselves.”",
            "She said: “We will never subordinate ourselves.”",
        ] {
            let p = protected(src);
            assert_eq!(p.len(), 1, "{src}");
            assert_eq!(p[0].1, original);
        }
        // The replacement is of the whole quote: one with other words around is left alone,
        // and so is an unrelated one.
        assert!(protected(
            "“We never subordinate ourselves to Washington or anyone else,” she said."
        )
        .is_empty());
        assert!(protected("“We never give up,” she said.").is_empty());
    }
}
