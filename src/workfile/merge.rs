//! Merge: rebuilds the target article from the source article and a work file.
//!
//! Only segments whose translation is accepted (not untranslated, not fuzzy) are used; with
//! `draft`, the others keep the source text, as po4a does. A translation whose placeholders do
//! not match the source is never used, nor one holding a control character its source does
//! not have (a NUL from a `\000` in a PO, an ESC from a broken MT answer): Markdown and XML
//! cannot carry them, and puente itself refuses to read an article with a NUL. Pure: the
//! caller reads and writes the files.

use crate::article::Article;

use super::{State, WorkFile};

/// Why a segment kept its source text (or stopped the merge).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum Pending {
    /// No translation.
    Untranslated,
    /// A translation nobody accepted yet.
    Fuzzy,
    /// The work file has no entry for the segment.
    Missing,
    /// The translation's placeholders do not match the source's.
    Placeholder {
        /// What is wrong.
        detail: String,
    },
    /// The translation holds a control character (C0 other than tab, newline and carriage
    /// return, DEL or C1) that the source segment does not have.
    ControlCharacter {
        /// The first such character, as `U+0000`.
        character: String,
    },
}

/// The first control character of `target` that an article cannot carry and `source` does
/// not have: C0 other than tab, newline and carriage return, DEL, and C1.
pub fn stray_control(source: &str, target: &str) -> Option<char> {
    target
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r') && !source.contains(c))
}

/// A segment merge could not translate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PendingSegment {
    /// The segment id.
    pub id: String,
    /// 1-based line in the source article.
    pub source_line: usize,
    /// 1-based line in the work file, when it has the segment.
    pub workfile_line: Option<usize>,
    /// Why.
    #[serde(flatten)]
    pub reason: Pending,
}

/// The result of a merge.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The target article.
    pub output: String,
    /// Segments that kept their source text.
    pub pending: Vec<PendingSegment>,
    /// Segments translated.
    pub translated: usize,
}

/// Merges `work` into `article`: the target edition, whose front matter `lang` (when the
/// article has one) is the work file's target language. Never fails: the caller decides,
/// from [`Merged::pending`], whether a draft is acceptable.
pub fn merge(article: &Article, work: &WorkFile) -> Merged {
    let by_id = work.by_id();
    let mut pending = Vec::new();
    let mut translated = 0;
    let target = work
        .meta
        .as_ref()
        .map(|m| m.target_lang.code().to_string())
        .or_else(|| work.target_lang.clone());
    let output = article.render_in(target.as_deref(), |seg| {
        let Some(unit) = by_id.get(seg.id.as_str()) else {
            pending.push(PendingSegment {
                id: seg.id.clone(),
                source_line: seg.line,
                workfile_line: None,
                reason: Pending::Missing,
            });
            return None;
        };
        let reason = match unit.state {
            State::Untranslated => Some(Pending::Untranslated),
            State::Fuzzy => Some(Pending::Fuzzy),
            State::Translated => None,
        };
        if let Some(reason) = reason {
            pending.push(PendingSegment {
                id: seg.id.clone(),
                source_line: seg.line,
                workfile_line: Some(unit.line),
                reason,
            });
            return None;
        }
        if let Some(c) = stray_control(article.text(seg), &unit.target) {
            pending.push(PendingSegment {
                id: seg.id.clone(),
                source_line: seg.line,
                workfile_line: Some(unit.line),
                reason: Pending::ControlCharacter {
                    character: format!("U+{:04X}", c as u32),
                },
            });
            return None;
        }
        match article.decode(seg, &unit.target) {
            Ok(text) => {
                translated += 1;
                Some(text)
            }
            Err(e) => {
                let detail = e.to_string();
                pending.push(PendingSegment {
                    id: seg.id.clone(),
                    source_line: seg.line,
                    workfile_line: Some(unit.line),
                    reason: Pending::Placeholder { detail },
                });
                None
            }
        }
    });
    Merged {
        output,
        pending,
        translated,
    }
}
