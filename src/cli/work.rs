//! A work file being filled by `translate`: PO (edited in place, everything else kept) or
//! XLIFF 2 (rebuilt from its source article, which must be present and unchanged, as for
//! merge). Both give the segments to fill and take results back with their provenance note.

use std::path::Path;

use super::{parent_dir, segment::load_article};
use crate::article::Article;
use crate::error::Error;
use crate::files;
use crate::lang::Lang;
use crate::text::sha256_hex;
use crate::workfile::xliff::{self, XliffDoc, FUZZY_SUBSTATE};
use crate::workfile::{po, Catalog, Extract, Meta, WorkFormat, FIELD_SOURCE_LANG};

/// The note prefix of machine-translation provenance.
pub const MT_NOTE: &str = "puente-mt:";
/// The note prefix of translation-memory provenance.
pub const TM_NOTE: &str = "puente-tm:";
/// The XLIFF note category for it (not `puente:`, so rewriting keeps it like people's notes).
const MT_CATEGORY: &str = "puente-mt";
/// The XLIFF note category for memory provenance.
const TM_CATEGORY: &str = "puente-tm";

/// An open work file.
pub enum Work {
    /// A PO catalog.
    Po(Catalog),
    /// An XLIFF document and the article it was extracted from.
    Xliff {
        /// The document.
        doc: XliffDoc,
        /// The source article.
        article: Box<Article>,
        /// Where it came from.
        meta: Meta,
    },
}

impl Work {
    /// Reads the work file at `path`.
    pub fn open(path: &Path) -> Result<Work, Error> {
        let text = files::read_text(path)?;
        match WorkFormat::detect(&path.to_string_lossy(), &text) {
            WorkFormat::Po => Catalog::parse(&text)
                .map(Work::Po)
                .map_err(|error| Error::Po {
                    path: path.to_path_buf(),
                    error,
                }),
            WorkFormat::Xliff => {
                let doc = xliff::read(&text).map_err(|error| Error::Xliff {
                    path: path.to_path_buf(),
                    error,
                })?;
                let Some(meta) = doc.clone().into_workfile().meta else {
                    return Err(Error::NotWorkfile {
                        path: path.to_path_buf(),
                    });
                };
                let source_path = parent_dir(path).join(&meta.source);
                if !source_path.is_file() {
                    return Err(Error::SourceMissing {
                        path: path.to_path_buf(),
                        source_path,
                    });
                }
                let source_text = files::read_text(&source_path)?;
                if sha256_hex(source_text.as_bytes()) != meta.source_sha256 {
                    return Err(Error::SourceChanged {
                        path: path.to_path_buf(),
                        source_path,
                    });
                }
                let article = load_article(&source_path, source_text, meta.source_lang)?;
                Ok(Work::Xliff {
                    doc,
                    article: Box::new(article),
                    meta,
                })
            }
        }
    }

    /// The languages the file declares.
    pub fn languages(&self) -> (Option<Lang>, Option<Lang>) {
        match self {
            Work::Po(cat) => {
                let declared = |f: &str| cat.header_field(f).and_then(|v| v.parse::<Lang>().ok());
                (declared(FIELD_SOURCE_LANG), declared("Language"))
            }
            Work::Xliff { meta, .. } => (Some(meta.source_lang), Some(meta.target_lang)),
        }
    }

    /// The segments nobody has translated, by index.
    pub fn todo(&self) -> Vec<usize> {
        match self {
            Work::Po(cat) => cat
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| !e.obsolete && !e.is_header() && e.msgstr().is_empty())
                .map(|(i, _)| i)
                .collect(),
            Work::Xliff { doc, .. } => doc
                .segments
                .iter()
                .enumerate()
                .filter(|(_, s)| s.target.as_deref().is_none_or(str::is_empty))
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// The source text of segment `i`.
    pub fn source(&self, i: usize) -> &str {
        match self {
            Work::Po(cat) => &cat.entries[i].msgid,
            Work::Xliff { doc, .. } => &doc.segments[i].source,
        }
    }

    /// The source texts before and after segment `i` in the file (empty at either end).
    pub fn context(&self, i: usize) -> (String, String) {
        match self {
            Work::Po(cat) => {
                let live = |j: &usize| {
                    let e = &cat.entries[*j];
                    !e.obsolete && !e.is_header()
                };
                let prev = (0..i).rev().find(live);
                let next = (i + 1..cat.entries.len()).find(live);
                let text =
                    |j: Option<usize>| j.map(|j| cat.entries[j].msgid.clone()).unwrap_or_default();
                (text(prev), text(next))
            }
            Work::Xliff { doc, .. } => {
                let text = |j: Option<usize>| {
                    j.and_then(|j| doc.segments.get(j))
                        .map(|s| s.source.clone())
                        .unwrap_or_default()
                };
                (text(i.checked_sub(1)), text(Some(i + 1)))
            }
        }
    }

    /// Writes a translation as reviewed (an exact memory match the project accepts).
    pub fn accept_reviewed(&mut self, i: usize, translation: String, note: String) {
        match self {
            Work::Po(cat) => {
                let e = &mut cat.entries[i];
                e.msgstr = vec![translation];
                e.set_fuzzy(false);
            }
            Work::Xliff { doc, .. } => {
                let s = &mut doc.segments[i];
                s.target = Some(translation);
                s.state = "final".into();
                s.sub_state = None;
            }
        }
        self.note(i, note);
    }

    /// Replaces segment `i`'s provenance note with `note`.
    fn note(&mut self, i: usize, note: String) {
        match self {
            Work::Po(cat) => {
                let e = &mut cat.entries[i];
                e.translator_comments.retain(|c| {
                    let c = c.trim_start();
                    !c.starts_with(MT_NOTE) && !c.starts_with(TM_NOTE)
                });
                e.translator_comments.push(note);
            }
            Work::Xliff { doc, .. } => {
                let seg = &doc.segments[i];
                let prefix = format!("{}: ", seg.id);
                let notes = doc.foreign_notes.entry(seg.unit.clone()).or_default();
                notes.retain(|(cat, text)| {
                    !(cat.as_deref() == Some(MT_CATEGORY) && text.starts_with(&prefix))
                });
                let category = if note.starts_with(TM_NOTE) {
                    TM_CATEGORY
                } else {
                    MT_CATEGORY
                };
                notes.retain(|(cat, text)| {
                    !(cat.as_deref() == Some(TM_CATEGORY) && text.starts_with(&prefix))
                });
                notes.push((Some(category.to_string()), format!("{prefix}{note}")));
            }
        }
    }

    /// Writes a verified machine translation, unreviewed, with its provenance.
    pub fn accept(&mut self, i: usize, translation: String, note: String) {
        match self {
            Work::Po(cat) => {
                let e = &mut cat.entries[i];
                e.msgstr = vec![translation];
                e.set_fuzzy(true);
            }
            Work::Xliff { doc, .. } => {
                let s = &mut doc.segments[i];
                s.target = Some(translation);
                s.state = "translated".into();
                s.sub_state = Some(FUZZY_SUBSTATE.into());
            }
        }
        self.note(i, note);
    }

    /// Writes the translation of a similar sentence from the memory, fuzzy, with the
    /// memory's source: as the previous msgid in PO (translators' tools show the
    /// difference), in the note in XLIFF.
    pub fn accept_similar(&mut self, i: usize, translation: String, note: String, was: &str) {
        let note = match self {
            Work::Po(cat) => {
                cat.entries[i].previous = vec![format!(" msgid \"{}\"", po::escape(was))];
                note
            }
            Work::Xliff { .. } => format!("{note}; its source: {was}"),
        };
        self.accept(i, translation, note);
    }

    /// Leaves segment `i` untranslated, saying why.
    pub fn reject(&mut self, i: usize, note: String) {
        self.note(i, note);
    }

    /// The file's new text.
    pub fn render(&self) -> String {
        match self {
            Work::Po(cat) => cat.write(),
            Work::Xliff { doc, article, meta } => {
                Extract::new(article, &meta.source, meta.source_lang, meta.target_lang)
                    .to_xliff(Some(doc))
            }
        }
    }
}
