//! `status`: per work file, how many segments and source words are translated, fuzzy
//! (unreviewed) and untranslated. Words are counted in the source, as translators bill them.
//! A story is counted once: when two work files translate the same article into the same
//! language (its PO and its XLIFF), the newer one counts and the other says which it repeats.
//!
//! It never prints; a file that cannot be read is that file's error, and the others go on.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::Error;
use crate::workfile::{State, WorkFile};

/// Segments and source words by state.
#[derive(Debug, Serialize, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Reviewed segments.
    pub translated: usize,
    /// Segments with an unreviewed translation.
    pub fuzzy: usize,
    /// Segments without a translation.
    pub untranslated: usize,
    /// Source words of the reviewed segments.
    pub translated_words: usize,
    /// Source words of the fuzzy segments.
    pub fuzzy_words: usize,
    /// Source words of the untranslated segments.
    pub untranslated_words: usize,
}

impl Counts {
    /// The counts of one work file.
    pub fn of(wf: &WorkFile) -> Counts {
        let mut c = Counts::default();
        for u in &wf.units {
            let w = words(&u.source);
            match u.state {
                State::Translated => {
                    c.translated += 1;
                    c.translated_words += w;
                }
                State::Fuzzy => {
                    c.fuzzy += 1;
                    c.fuzzy_words += w;
                }
                State::Untranslated => {
                    c.untranslated += 1;
                    c.untranslated_words += w;
                }
            }
        }
        c
    }

    /// Adds `other` to these counts.
    pub fn add(&mut self, other: &Counts) {
        self.translated += other.translated;
        self.fuzzy += other.fuzzy;
        self.untranslated += other.untranslated;
        self.translated_words += other.translated_words;
        self.fuzzy_words += other.fuzzy_words;
        self.untranslated_words += other.untranslated_words;
    }
}

/// Words as translators count them: runs of letters or digits (placeholders are not words).
pub fn words(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
        - crate::text::markup::placeholder_tokens(text).count()
}

/// One work file's status.
#[derive(Debug)]
pub struct Entry {
    /// The work file.
    pub path: PathBuf,
    /// Its counts, or why it could not be read.
    pub counts: Result<Counts, Error>,
    /// Another work file of the list (its index) for the same story (the same article into
    /// the same language) that is newer: this one is not counted in the total.
    pub repeats: Option<usize>,
}

/// The counts of each work file, in order; a file that cannot be read carries its error.
pub fn status(paths: &[PathBuf]) -> Vec<Entry> {
    let read: Vec<_> = paths.iter().map(|p| (p, count(p))).collect();
    // The story each file translates, where the file names its article.
    let stories: Vec<Option<(PathBuf, crate::lang::Lang)>> = read
        .iter()
        .map(|(p, r)| {
            let meta = r.as_ref().ok()?.1.as_ref()?;
            let article = crate::files::parent_dir(p).join(&meta.source);
            let article = std::fs::canonicalize(&article).unwrap_or(article);
            Some((article, meta.target_lang))
        })
        .collect();
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let mut entries = Vec::with_capacity(read.len());
    for (i, (path, result)) in read.into_iter().enumerate() {
        // The newest file of the story counts; among files of the same age, the first given.
        let repeats = stories[i].as_ref().and_then(|story| {
            (0..stories.len())
                .filter(|&j| j != i && stories[j].as_ref() == Some(story))
                .find(|&j| {
                    let (mine, theirs) = (modified(path), modified(&paths[j]));
                    theirs > mine || (theirs == mine && j < i)
                })
        });
        entries.push(Entry {
            path: path.clone(),
            counts: result.map(|(c, _)| c),
            repeats,
        });
    }
    entries
}

fn count(path: &Path) -> Result<(Counts, Option<crate::workfile::Meta>), Error> {
    super::workfiles::read(path).map(|wf| (Counts::of(&wf), wf.meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_leave_placeholders_out() {
        assert_eq!(words("See [the report]({1}) on 2 U.S. drones."), 8);
    }

    #[test]
    fn a_file_that_cannot_be_read_does_not_stop_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.po");
        std::fs::write(
            &good,
            "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\nmsgid \"One two.\"\nmsgstr \"Uno dos.\"\n",
        )
        .unwrap();
        let missing = dir.path().join("missing.po");
        let got = status(&[missing.clone(), good.clone()]);
        assert!(
            matches!(
                got[0].counts,
                Err(Error::NotFound { .. }) | Err(Error::Read { .. })
            ),
            "{:?}",
            got[0].counts
        );
        let c = got[1].counts.as_ref().unwrap();
        assert_eq!((c.translated, c.translated_words), (1, 2));
    }
}
