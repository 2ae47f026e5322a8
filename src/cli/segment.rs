//! `puente segment`: writes the work file for an article, carrying over the translations of
//! a work file it replaces.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;

use super::{parent_dir, path_arg, relative_path, slash_path, with_lang, CmdResult};
use crate::article::{Article, Format};
use crate::error::Error;
use crate::files::{self, Durability, InputRole};
use crate::lang::Lang;
use crate::output::Output;
use crate::project::{LangEvidence, Project};
use crate::t;
use crate::workfile::{po::Catalog, xliff, Extract, WorkFormat};

/// Parses an article file, mapping front matter errors to the file.
pub fn load_article(path: &Path, text: String, lang: Lang) -> Result<Article, Error> {
    let format = Format::detect(&path.to_string_lossy(), &text);
    Article::parse(text, format, lang).map_err(|e| match e {
        crate::article::ArticleError::FrontMatter(error) => Error::FrontMatter {
            path: path.to_path_buf(),
            error,
        },
    })
}

/// The language a Markdown article declares, read cheaply before segmenting.
fn declared_lang(path: &Path, text: &str) -> Result<Option<String>, Error> {
    if Format::detect(&path.to_string_lossy(), text) != Format::Markdown {
        return Ok(None);
    }
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    crate::article::frontmatter::parse(text, start)
        .map(|fm| fm.and_then(|f| f.lang))
        .map_err(|error| Error::FrontMatter {
            path: path.to_path_buf(),
            error,
        })
}

/// The article's languages, by the project's one precedence (flags, front matter, file
/// name, project), English when nothing says.
pub(super) fn article_languages(
    m: &ArgMatches,
    path: &Path,
    text: &str,
    project: &Project,
) -> Result<(Lang, Lang), Error> {
    let declared = match declared_lang(path, text)? {
        Some(d) => Some(d.parse::<Lang>().map_err(|_| Error::Lang { value: d })?),
        None => None,
    };
    let evidence = LangEvidence::flags(
        m.get_one::<Lang>("from").copied(),
        m.get_one::<Lang>("to").copied(),
    )
    .with_article(declared, path);
    project.languages(path, evidence, Some(Lang::En))
}

/// How many of the old work file's translated ids are segments of the article.
fn carried_count<'a>(article: &Article, translated_ids: impl Iterator<Item = &'a str>) -> usize {
    let ids: std::collections::HashSet<&str> =
        article.segments.iter().map(|s| s.id.as_str()).collect();
    translated_ids.filter(|id| ids.contains(id)).count()
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let article_path = path_arg(m, "article").unwrap_or_default();
    let text = files::read_text(&article_path)?;
    let cfg = project.config();
    let (source_lang, target_lang) = article_languages(m, &article_path, &text, project)?;
    // `--update WORKFILE` rewrites that work file, lending old translations to changed
    // sentences; it is `-o WORKFILE` plus the fuzzy carry-over.
    let update = path_arg(m, "update");
    let target_path = update.clone().or_else(|| path_arg(m, "output"));
    let format = match m.get_one::<String>("format").map(String::as_str) {
        Some("xliff") => WorkFormat::Xliff,
        Some(_) => WorkFormat::Po,
        None => target_path
            .as_ref()
            .map(|p| WorkFormat::detect(&p.to_string_lossy(), ""))
            .unwrap_or(WorkFormat::Po),
    };
    if let Some(u) = &update {
        if !u.is_file() {
            return Err(Error::NotFound { path: u.clone() }.into());
        }
    }
    // The project's work file folder is puente's own and is made when missing; the folder of
    // an output the user names is not (a typo must not grow a tree of folders).
    let (output, own_folder): (PathBuf, bool) = match target_path {
        Some(p) => (p, false),
        None => {
            let name = with_lang(&article_path, target_lang, format.extension());
            match &cfg {
                Some(c) => (
                    c.workfiles_dir().join(name.file_name().unwrap_or_default()),
                    true,
                ),
                None => (name, false),
            }
        }
    };
    let inputs = [(article_path.as_path(), InputRole::Article)];
    files::refuse_inputs(&output, &inputs)?;
    let article = load_article(&article_path, text, source_lang)?;
    let out_dir = parent_dir(&output);
    if own_folder && !out_dir.exists() {
        std::fs::create_dir_all(&out_dir).map_err(|e| Error::Write {
            path: output.clone(),
            source: e,
        })?;
    }
    // `-o -` prints the work file (as gettext's tools do). Rewriting an existing work file
    // carries a translator's work, so that write is synced to disk; a new one holds nothing
    // that another `segment` could not make again, so a folder of new articles is not paid
    // for a flush each.
    let to_stdout = output.as_os_str() == "-";
    let durability = if output.is_file() {
        Durability::Synced
    } else {
        Durability::Bulk
    };
    let write = |fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>| {
        if to_stdout {
            let mut buf = Vec::new();
            fill(&mut buf).map_err(|source| Error::Stdout { source })?;
            out.data(&String::from_utf8_lossy(&buf))?;
            Ok::<(), super::Failure>(())
        } else {
            Ok(files::write_output(&output, &inputs, durability, fill)?)
        }
    };
    let source_rel = slash_path(&relative_path(&article_path, &out_dir));
    let extract = Extract::new(&article, &source_rel, source_lang, target_lang);
    // A work file being replaced is read and rewritten under its lock, so a translate run
    // working on it is waited for rather than overwritten (or overwriting this update).
    let _lock = if !to_stdout && output.is_file() {
        Some(crate::app::work::lock(&output)?)
    } else {
        None
    };
    // The work file being replaced, if any: its translations are carried over.
    let old_text = if !to_stdout && output.is_file() {
        Some(files::read_text(&output)?)
    } else {
        None
    };
    let (written, carried) = match format {
        WorkFormat::Po => {
            let old = old_text
                .as_deref()
                .map(Catalog::parse)
                .transpose()
                .map_err(|error| Error::Po {
                    path: output.clone(),
                    error,
                })?;
            let carried = old.as_ref().map_or(0, |o| {
                carried_count(
                    &article,
                    o.entries
                        .iter()
                        .filter(|e| !e.obsolete && !e.msgstr().is_empty())
                        .filter_map(|e| e.msgctxt.as_deref()),
                )
            });
            if update.is_some() {
                let mut cat = extract.to_po(old.as_ref());
                let lent = crate::workfile::update::carry_changed(&mut cat, source_lang);
                let text = cat.write();
                write(&mut |w| w.write_all(text.as_bytes()))?;
                out.note(&t!(
                    l,
                    "segment-updated",
                    fuzzy = lent.fuzzy,
                    flagged = lent.flagged
                ));
            } else {
                write(&mut |w| extract.write_po(old.as_ref(), w))?;
            }
            (None, carried)
        }
        WorkFormat::Xliff => {
            let old = old_text
                .as_deref()
                .map(xliff::read)
                .transpose()
                .map_err(|error| Error::Xliff {
                    path: output.clone(),
                    error,
                })?;
            let carried = old.as_ref().map_or(0, |o| {
                carried_count(
                    &article,
                    o.segments
                        .iter()
                        .filter(|s| s.target.as_deref().is_some_and(|t| !t.is_empty()))
                        .map(|s| s.id.as_str()),
                )
            });
            let mut old = old;
            if let (Some(doc), Some(_)) = (old.as_mut(), &update) {
                let new: Vec<(&str, &str, &str)> = article
                    .segments
                    .iter()
                    .map(|s| {
                        (
                            s.id.as_str(),
                            article.blocks[s.block].id.as_str(),
                            article.text(s),
                        )
                    })
                    .collect();
                let lent = crate::workfile::update::carry_changed_xliff(doc, &new, source_lang);
                out.note(&t!(
                    l,
                    "segment-updated",
                    fuzzy = lent.fuzzy,
                    flagged = lent.flagged
                ));
            }
            let doc = Some(extract.to_xliff(old.as_ref()));
            (doc, carried)
        }
    };
    if let Some(doc) = written {
        write(&mut |w| w.write_all(doc.as_bytes()))?;
    }
    if carried > 0 {
        out.note(&t!(
            l,
            "segment-carried",
            count = carried,
            path = output.display().to_string()
        ));
    }
    if !to_stdout {
        out.note(&t!(
            l,
            "segment-done",
            path = output.display().to_string(),
            segments = article.segments.len(),
            blocks = article.blocks.len()
        ));
    }
    Ok(ExitCode::SUCCESS)
}
