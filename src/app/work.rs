//! A work file opened to be filled (by `translate`): PO, edited in place with everything else
//! kept, or XLIFF 2, rebuilt from its source article, which must be present and unchanged (as
//! for merge). Both are edited through [`Edit`] (the pure part, in
//! [`crate::workfile::edit`]); this module reads the files, takes the work file's lock and
//! renders the new text.
//!
//! It never writes the work file (the caller does, atomically) and never prints.

use std::path::Path;

use crate::article::{Article, Format};
use crate::error::Error;
use crate::files;
use crate::lang::Lang;
use crate::mt::lock::{Lock, LockError};
use crate::project::parses::{KeptParse, Parses};
use crate::project::{parent_dir, LangEvidence, Project};
use crate::text::sha256_hex;
use crate::workfile::edit::Edit;
use crate::workfile::xliff::{self, XliffDoc};
use crate::workfile::{Catalog, Extract, Meta, WorkFormat, FIELD_SOURCE_LANG};

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
    /// Reads the work file at `path` (and, for XLIFF, its source article).
    pub fn open(path: &Path) -> Result<Work, Error> {
        let text = files::read_text(path)?;
        match WorkFormat::detect(&path.to_string_lossy(), &text) {
            // Kept with its form: the rewrite leaves the entries it does not fill as they were.
            WorkFormat::Po => Catalog::parse_keeping_form(&text)
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
                let (_, article) = source_article(path, &meta)?;
                Ok(Work::Xliff {
                    doc,
                    article: Box::new(article),
                    meta,
                })
            }
        }
    }

    /// The languages the file at `path` declares; a value puente does not translate is an
    /// error naming the file.
    pub fn languages(&self, path: &Path) -> Result<(Option<Lang>, Option<Lang>), Error> {
        match self {
            Work::Po(cat) => crate::project::declared_langs(
                path,
                cat.header_field(FIELD_SOURCE_LANG).as_deref(),
                cat.header_field("Language").as_deref(),
            ),
            Work::Xliff { meta, .. } => Ok((Some(meta.source_lang), Some(meta.target_lang))),
        }
    }

    /// The segments, to read.
    pub fn edit(&self) -> &dyn Edit {
        match self {
            Work::Po(cat) => cat,
            Work::Xliff { doc, .. } => doc,
        }
    }

    /// The segments, to fill.
    pub fn edit_mut(&mut self) -> &mut dyn Edit {
        match self {
            Work::Po(cat) => cat,
            Work::Xliff { doc, .. } => doc,
        }
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

/// The source article of the work file at `path` whose header is `meta`: its path (beside
/// the work file, as the header names it) and the parsed article, which must be there and
/// unchanged since the work file was made (its SHA-256 is in the header).
pub fn source_article(path: &Path, meta: &Meta) -> Result<(std::path::PathBuf, Article), Error> {
    source_article_from(None, path, meta, None)
}

/// [`source_article`], read from `given` when the caller names the article (`merge --source`,
/// for a work file whose article moved or was renamed): the path the header records is then
/// not looked at, but the checksum is checked all the same, so another article is refused as
/// a changed source is.
/// With a `project`, the parse it kept of the article is read back when there is one
/// ([`kept_article`]).
pub fn source_article_from(
    project: Option<&Project>,
    path: &Path,
    meta: &Meta,
    given: Option<&Path>,
) -> Result<(std::path::PathBuf, Article), Error> {
    let source_path = match given {
        Some(g) => g.to_path_buf(),
        None => parent_dir(path).join(&meta.source),
    };
    // The article is looked for by opening it: a missing one is said as the work file's
    // missing source, anything else as the read's own error.
    let source_text = match files::read_text(&source_path) {
        Err(Error::NotFound { .. }) if given.is_none() => {
            return Err(Error::SourceMissing {
                path: path.to_path_buf(),
                source_path,
            })
        }
        other => other?,
    };
    if sha256_hex(source_text.as_bytes()) != meta.source_sha256 {
        return Err(Error::SourceChanged {
            path: path.to_path_buf(),
            source_path,
        });
    }
    let article = match project.and_then(Project::parses) {
        Some(parses) => kept_article(
            parses,
            &source_path,
            source_text,
            meta.source_lang,
            &meta.source_sha256,
        )?,
        None => load_article(&source_path, source_text, meta.source_lang)?,
    };
    Ok((source_path, article))
}

/// The article at `path` (its `text` already read, `checksum` its SHA-256 in hex) in `lang`:
/// the parse `parses` kept of it when there is one that fits the text, else parsed
/// ([`load_article`]).
pub fn kept_article(
    parses: &Parses,
    path: &Path,
    text: String,
    lang: Lang,
    checksum: &str,
) -> Result<Article, Error> {
    let format = Format::detect(&path.to_string_lossy(), &text);
    let text = match parses.recall(checksum, format, lang) {
        Some(bytes) => match crate::article::kept::decode(text, format, &bytes) {
            Ok(article) => return Ok(article),
            Err(text) => text,
        },
        None => text,
    };
    load_article(path, text, lang)
}

/// What a project keeps of `article` (`checksum` the SHA-256 of its bytes in hex), parsed in
/// `lang` by [`load_article`].
pub fn parse_to_keep(article: &Article, lang: Lang, checksum: &str) -> KeptParse {
    KeptParse {
        checksum: checksum.to_string(),
        format: article.format,
        lang,
        bytes: crate::article::kept::encode(article),
    }
}

/// Parses the article at `path` (its `text` already read) in `lang`.
pub fn load_article(path: &Path, text: String, lang: Lang) -> Result<Article, Error> {
    let format = Format::detect(&path.to_string_lossy(), &text);
    Article::parse(text, format, lang).map_err(|e| match e {
        crate::article::ArticleError::FrontMatter(error) => Error::FrontMatter {
            path: path.to_path_buf(),
            error,
        },
    })
}

/// Takes the work file's lock (see [`crate::mt::lock`]), as `translate` and `segment` do.
pub fn lock(path: &Path) -> Result<Lock, Error> {
    Lock::take(path).map_err(|e| match e {
        LockError::Held { path, pid } => Error::Locked { path, pid },
        LockError::Io(path, source) => Error::Write { path, source },
    })
}

/// The language a Markdown article declares, read cheaply before segmenting.
fn declared_lang(path: &Path, text: &str) -> Result<Option<Lang>, Error> {
    if Format::detect(&path.to_string_lossy(), text) != Format::Markdown {
        return Ok(None);
    }
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let front =
        crate::article::frontmatter::parse(text, start).map_err(|error| Error::FrontMatter {
            path: path.to_path_buf(),
            error,
        })?;
    let Some(front) = front else {
        return Ok(None);
    };
    // A `lang` puente does not translate is said with the article's name and the line.
    let bad = front
        .problems
        .iter()
        .find(|p| matches!(p.kind, crate::article::FrontMatterErrorKind::Lang { .. }));
    if let Some(error) = bad {
        return Err(Error::FrontMatter {
            path: path.to_path_buf(),
            error: error.clone(),
        });
    }
    Ok(front.lang.and_then(|d| d.trim().parse::<Lang>().ok()))
}

/// The languages of the article at `path` (its `text` already read), by the project's one
/// precedence: `evidence` (the flags, a work file's header), then its front matter, its file
/// name, the project; English into Spanish when nothing says. The front matter is read
/// without segmenting, so the article is segmented once, in the language found.
pub fn article_languages(
    project: &Project,
    path: &Path,
    text: &str,
    evidence: LangEvidence,
) -> Result<(Lang, Lang), Error> {
    let evidence = evidence.with_article(declared_lang(path, text)?, path);
    project.languages(path, evidence, Some(Lang::En))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_is_read_back_from_the_parse_its_project_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("puente.toml"), "[project]\n").unwrap();
        let project = Project::open(dir.path()).unwrap();
        let parses = project.parses().expect("a project keeps parses");
        let path = dir.path().join("story.txt");
        let text = "Aaa. Bbb.".to_string();
        let checksum = sha256_hex(text.as_bytes());
        // Nothing kept yet: the article is parsed.
        let parsed = kept_article(parses, &path, text.clone(), Lang::En, &checksum).unwrap();
        let texts = |a: &Article| -> Vec<String> {
            a.segments.iter().map(|s| a.text(s).to_string()).collect()
        };
        assert_eq!(texts(&parsed), ["Aaa.", "Bbb."]);
        // A parse kept under this article's checksum is what comes back, not a new parse:
        // here another text's, which cuts these bytes elsewhere.
        let other = load_article(&path, "Xx. Yy zz".into(), Lang::En).unwrap();
        parses.keep(&[parse_to_keep(&other, Lang::En, &checksum)]);
        let recalled = kept_article(parses, &path, text.clone(), Lang::En, &checksum).unwrap();
        let theirs: Vec<&str> = other
            .segments
            .iter()
            .map(|s| &text[s.span.clone()])
            .collect();
        assert_eq!(texts(&recalled), theirs);
        assert_ne!(texts(&recalled), texts(&parsed));
        // In the other language it was not kept.
        let es = kept_article(parses, &path, text, Lang::Es, &checksum).unwrap();
        assert_eq!(texts(&es), ["Aaa.", "Bbb."]);
    }
}
