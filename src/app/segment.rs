//! `segment`: an article → its work file (PO or XLIFF 2), carrying over the translations of
//! a work file it replaces; with `update`, changed sentences borrow the old translations as
//! fuzzy ones.
//!
//! The article's front matter is checked before anything else ([`crate::article::check_front`]):
//! a value its key does not allow is an error naming the file and line, and nothing is
//! written; keys puente does not know come back in the report as warnings.
//!
//! It never prints: the report says what was written and carried over, and what the front
//! matter holds that puente does not act on.

use std::path::{Path, PathBuf};

use crate::article::{check_front, Article, Format, FrontMatterWarning};
use crate::error::Error;
use crate::files::{self, Durability, InputRole};
use crate::lang::Lang;
use crate::project::parses::KeptParse;
use crate::project::{parent_dir, relative_path, slash_path, with_lang, LangEvidence, Project};
use crate::workfile::update::Carried;
use crate::workfile::{po::Catalog, xliff, Extract, WorkFormat};

/// What to segment.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The article.
    pub article: PathBuf,
    /// `--from` and `--to`.
    pub flags: (Option<Lang>, Option<Lang>),
    /// Where the work file goes: a path, `-` for standard output, or (when `None`) the
    /// project's work folder, else beside the article.
    pub output: Option<PathBuf>,
    /// `--update WORKFILE`: rewrite that work file, lending old translations to changed
    /// sentences (it is `output` plus the fuzzy carry-over).
    pub update: Option<PathBuf>,
    /// PO or XLIFF; from the output's name when `None`.
    pub format: Option<WorkFormat>,
}

/// What a segment run did.
#[derive(Debug)]
pub struct Report {
    /// The work file written (or `-`).
    pub output: PathBuf,
    /// The work file's text when it goes to standard output (the CLI prints it).
    pub stdout: Option<String>,
    /// Segments in the article.
    pub segments: usize,
    /// Blocks in the article.
    pub blocks: usize,
    /// Translations carried over from the work file replaced.
    pub carried: usize,
    /// With `update`: what changed sentences borrowed.
    pub lent: Option<Carried>,
    /// What the article's front matter holds that puente does not act on (unknown keys), for
    /// the CLI to say; its values were checked before anything was written.
    pub warnings: Vec<FrontMatterWarning>,
}

/// How many of the old work file's translated ids are segments of the article.
fn carried_count<'a>(article: &Article, translated_ids: impl Iterator<Item = &'a str>) -> usize {
    let ids: std::collections::HashSet<&str> =
        article.segments.iter().map(|s| s.id.as_str()).collect();
    translated_ids.filter(|id| ids.contains(id)).count()
}

/// Where `segment` writes the work file of `article` when no output is named: the project's
/// work folder (`work/story.es.po`), else beside the article; and whether that folder is the
/// project's own (made when missing).
pub fn default_workfile(
    project: &Project,
    article: &Path,
    target: Lang,
    format: WorkFormat,
) -> (PathBuf, bool) {
    let name = with_lang(article, target, format.extension());
    match project.config() {
        Some(c) => (
            c.workfiles_dir().join(name.file_name().unwrap_or_default()),
            true,
        ),
        None => (name, false),
    }
}

/// Where an article's work file goes, and in which languages and format.
struct Target {
    langs: (Lang, Lang),
    format: WorkFormat,
    output: PathBuf,
    /// Whether the output's folder is the project's own work folder (made when missing).
    own_folder: bool,
}

/// The languages, format and output of segmenting the article of `request`, whose text is
/// `text`.
fn target(project: &Project, request: &Request, text: &str) -> Result<Target, Error> {
    let article_path = &request.article;
    let langs = super::work::article_languages(
        project,
        article_path,
        text,
        LangEvidence::flags(request.flags.0, request.flags.1),
    )?;
    let target_path = request.update.clone().or_else(|| request.output.clone());
    let format = request.format.unwrap_or_else(|| {
        target_path
            .as_ref()
            .map(|p| WorkFormat::detect(&p.to_string_lossy(), ""))
            .unwrap_or(WorkFormat::Po)
    });
    // The project's work file folder is puente's own and is made when missing; the folder of
    // an output the user names is not (a typo must not grow a tree of folders).
    let (output, own_folder): (PathBuf, bool) = match target_path {
        Some(p) => (p, false),
        None => default_workfile(project, article_path, langs.1, format),
    };
    Ok(Target {
        langs,
        format,
        output,
        own_folder,
    })
}

/// The articles of a folder run split into the sources to segment and the editions `merge`
/// wrote beside them, each with its source: `rain.es.md` beside `rain.en.md` (or `rain.md`)
/// when the stories are written in English. Segmenting an edition would write a work file
/// translating the story back. The source language is `--from`, else the project's; without
/// either nothing can be told apart, and every article is a source.
pub fn editions_apart(
    project: &Project,
    articles: &[PathBuf],
    from: Option<Lang>,
) -> (Vec<PathBuf>, Vec<(PathBuf, PathBuf)>) {
    let Some(source) = from.or_else(|| project.config().map(|c| c.project.source)) else {
        return (articles.to_vec(), Vec::new());
    };
    let given: std::collections::HashSet<&Path> = articles.iter().map(PathBuf::as_path).collect();
    let mut edition_of: std::collections::HashMap<PathBuf, PathBuf> =
        std::collections::HashMap::new();
    for a in articles {
        let ext = a.extension().and_then(|e| e.to_str()).unwrap_or("md");
        for lang in [Lang::En, Lang::Es].into_iter().filter(|&l| l != source) {
            let edition = crate::project::with_lang(a, lang, ext);
            // `a` must not itself be an edition in that language.
            if edition != *a && given.contains(edition.as_path()) {
                edition_of.entry(edition).or_insert_with(|| a.clone());
            }
        }
    }
    let mut sources = Vec::new();
    let mut editions = Vec::new();
    for a in articles {
        match edition_of.get(a) {
            Some(src) => editions.push((a.clone(), src.clone())),
            None => sources.push(a.clone()),
        }
    }
    (sources, editions)
}

/// One batch of a run of many articles ([`run_many`]), segmented.
pub type Batch<'a> = super::Batch<'a, Report>;

/// How many articles a run of many segments at a time: enough to keep every core busy, few
/// enough that a batch's reports are soon handed over.
pub const BATCH: usize = 128;

/// Segments each of `articles` as [`run`] would with the languages and format of `template`
/// (its article, output and update are not used: each work file goes where a single run
/// puts it), in order, a batch at a time, and hands each batch's reports to `sink` as soon
/// as the batch is done ([`Batch`]).
///
/// A batch's articles are read (each once) and segmented on every core, while the batch
/// before has its parses kept (`Project::parses`); the last batch's are kept before this
/// returns. Two articles whose work files would be the same file (`a/story.md` and
/// `b/story.md` into a project's work folder) are never segmented at once: the later one
/// runs after the earlier (batches run one after the other; in a batch, in rounds), and
/// replaces its work file as it would in runs one after the other.
///
/// `done` hears of each article as it is done (on any thread). Once a stop is asked for
/// ([`crate::stop`]), no other article starts: those are `None`; the ones under way finish.
pub fn run_many(
    project: &Project,
    articles: &[PathBuf],
    template: &Request,
    done: &(dyn Fn(&Result<Report, Error>) + Sync),
    mut sink: impl FnMut(Batch<'_>),
) {
    // A batch's parses are kept while the next batch is segmented: kept between two
    // batches, in one transaction each, they left the pool without work for a twentieth of
    // a 10,000-article run.
    let mut kept: Vec<KeptParse> = Vec::new();
    for chunk in articles.chunks(BATCH) {
        // Once a stop is asked for, the batches left are not even read.
        if crate::stop::requested().is_some() {
            sink(Batch {
                paths: chunk,
                results: chunk.iter().map(|_| None).collect(),
            });
            continue;
        }
        let earlier = std::mem::take(&mut kept);
        let ((), (results, parses)) = rayon::join(
            || keep(project, &earlier),
            || segment_batch(project, chunk, template, done),
        );
        kept = parses;
        sink(Batch {
            paths: chunk,
            results,
        });
    }
    keep(project, &kept);
}

/// Keeps parses (a batch's, or one article's) in one transaction, for the merges to come: the
/// one way `segment` keeps them.
fn keep(project: &Project, parses: &[KeptParse]) {
    if let Some(kept) = project.parses() {
        kept.keep(parses);
    }
}

/// Segments one batch of [`run_many`]: each article's report (`None` for one not started),
/// and the parses to keep.
fn segment_batch(
    project: &Project,
    chunk: &[PathBuf],
    template: &Request,
    done: &(dyn Fn(&Result<Report, Error>) + Sync),
) -> (Vec<Option<Result<Report, Error>>>, Vec<KeptParse>) {
    use rayon::prelude::*;
    let mut kept = Vec::new();
    let requests: Vec<Request> = chunk
        .iter()
        .map(|a| Request {
            article: a.clone(),
            output: None,
            update: None,
            ..template.clone()
        })
        .collect();
    // Each article is read once, here, and where its work file goes is worked out, to run
    // those that share one in rounds: the n-th article of a work file in round n. An
    // article that cannot be read, or whose target cannot be known, goes in the first
    // round, where `run` reports why.
    let read: Vec<(Result<String, Error>, Option<PathBuf>)> = requests
        .par_iter()
        .map(|r| {
            let text = files::read_text(&r.article);
            let output = text
                .as_ref()
                .ok()
                .and_then(|t| target(project, r, t).ok())
                .map(|t| t.output);
            (text, output)
        })
        .collect();
    let mut met: std::collections::HashMap<&Path, usize> = std::collections::HashMap::new();
    let rounds: Vec<usize> = read
        .iter()
        .map(|(_, o)| match o {
            Some(o) => {
                let n = met.entry(o.as_path()).or_insert(0);
                *n += 1;
                *n - 1
            }
            None => 0,
        })
        .collect();
    drop(met);
    let mut texts: Vec<Option<Result<String, Error>>> =
        read.into_iter().map(|(text, _)| Some(text)).collect();
    let mut results: Vec<Option<Result<Report, Error>>> = requests.iter().map(|_| None).collect();
    let last = rounds.iter().copied().max().unwrap_or(0);
    for round in 0..=last {
        let todo: Vec<(usize, Result<String, Error>)> = (0..requests.len())
            .filter(|&i| rounds[i] == round)
            .filter_map(|i| Some((i, texts[i].take()?)))
            .collect();
        let finished: Vec<(usize, Result<Segmented, Error>)> = todo
            .into_par_iter()
            .filter(|_| crate::stop::requested().is_none())
            .map(|(i, text)| {
                let result = text.and_then(|text| segment_text(project, &requests[i], text));
                let (result, parse) = match result {
                    Ok((report, parse)) => (Ok(report), parse),
                    Err(e) => (Err(e), None),
                };
                done(&result);
                (i, result.map(|report| (report, parse)))
            })
            .collect();
        for (i, r) in finished {
            results[i] = Some(r.map(|(report, parse)| {
                kept.extend(parse);
                report
            }));
        }
    }
    (results, kept)
}

/// A work file written: its report, and the article's parse to keep.
type Segmented = (Report, Option<KeptParse>);

/// Writes the work file for the article of `request`, and keeps the article's parse for
/// merge (`Project::parses`).
pub fn run(project: &Project, request: &Request) -> Result<Report, Error> {
    let (report, parse) = segment_text(project, request, files::read_text(&request.article)?)?;
    keep(project, parse.as_slice());
    Ok(report)
}

/// Writes the work file for the article of `request`, whose text is `text`; returns its
/// report and, in a project that keeps parses, the article's parse to keep.
fn segment_text(project: &Project, request: &Request, text: String) -> Result<Segmented, Error> {
    let article_path = &request.article;
    // Every front matter value is checked before anything else reads it, so a bad one is
    // said with the article's name and line and no work file is written.
    let warnings = check_front(
        &text,
        Format::detect(&article_path.to_string_lossy(), &text),
    )
    .map_err(|error| Error::FrontMatter {
        path: article_path.clone(),
        error,
    })?;
    let Target {
        langs: (source_lang, target_lang),
        format,
        output,
        own_folder,
    } = target(project, request, &text)?;
    let update = request.update.clone();
    if let Some(u) = &update {
        if !u.is_file() {
            return Err(Error::NotFound { path: u.clone() });
        }
    }
    let inputs = [(article_path.as_path(), InputRole::Article)];
    let to_stdout = output.as_os_str() == "-";
    // The output is looked at once, not before each step that asks whether it is there: a
    // folder's segment writes thousands of new work files, and each look at a name not yet
    // made waits for the folder's lock while the other cores make their files in it.
    let existing = (!to_stdout)
        .then(|| std::fs::metadata(&output).ok())
        .flatten();
    let replacing = existing.as_ref().is_some_and(std::fs::Metadata::is_file);
    if !to_stdout {
        files::refuse_inputs_known(&output, existing.as_ref(), &inputs)?;
    }
    let article = super::work::load_article(article_path, text, source_lang)?;
    let out_dir = parent_dir(&output);
    if own_folder && !out_dir.exists() {
        std::fs::create_dir_all(&out_dir).map_err(|e| Error::Write {
            path: output.clone(),
            source: e,
        })?;
    }
    // `-o -` gives the work file back to print (as gettext's tools do). Rewriting an
    // existing work file carries a translator's work, so that write is synced to disk; a new
    // one holds nothing that another `segment` could not make again, so a folder of new
    // articles is not paid for a flush each.
    let durability = if replacing {
        Durability::Synced
    } else {
        Durability::Bulk
    };
    let mut stdout: Option<String> = None;
    let mut write =
        |fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>| -> Result<(), Error> {
            if to_stdout {
                let mut buf = Vec::new();
                fill(&mut buf).map_err(|source| Error::Stdout { source })?;
                stdout = Some(String::from_utf8_lossy(&buf).into_owned());
                Ok(())
            } else {
                files::write_output(&output, &inputs, durability, fill)
            }
        };
    let source_rel = slash_path(&relative_path(article_path, &out_dir));
    let extract = Extract::new(&article, &source_rel, source_lang, target_lang);
    // A work file only printed leaves nothing in the project, not even the parse.
    let parse = project
        .parses()
        .filter(|_| !to_stdout)
        .map(|_| super::work::parse_to_keep(&article, source_lang, &extract.meta.source_sha256));
    // A work file being replaced is read and rewritten under its lock, so a translate run
    // working on it is never overwritten (nor overwrites this update): while it runs, this
    // rewrite is refused with the holder's process id.
    let _lock = if replacing {
        Some(super::work::lock(&output)?)
    } else {
        None
    };
    // The work file being replaced, if any: its translations are carried over.
    let mut old_text = if replacing {
        Some(files::read_text(&output)?)
    } else {
        None
    };
    let mut lent = None;
    let carried = match format {
        WorkFormat::Po => {
            // Parsed with its form, so the entries that do not change are written back as
            // they were and the others wrapped as the owner's editor wraps them.
            // The text itself is dropped once read: the form holds what it needs of it.
            let old = old_text
                .take()
                .map(|t| Catalog::parse_keeping_form(&t))
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
                lent = Some(crate::workfile::update::carry_changed(
                    &mut cat,
                    source_lang,
                ));
                let text = cat.write();
                write(&mut |w| w.write_all(text.as_bytes()))?;
            } else {
                write(&mut |w| extract.write_po(old.as_ref(), w))?;
            }
            carried
        }
        WorkFormat::Xliff => {
            let mut old = old_text
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
            if let (Some(doc), Some(_)) = (old.as_mut(), &update) {
                let new = xliff::segments_of(&article);
                lent = Some(crate::workfile::update::carry_changed_xliff(
                    doc,
                    &new,
                    source_lang,
                ));
            }
            let doc = extract.to_xliff(old.as_ref());
            write(&mut |w| w.write_all(doc.as_bytes()))?;
            carried
        }
    };
    let report = Report {
        output,
        stdout,
        segments: article.segments.len(),
        blocks: article.blocks.len(),
        carried,
        lent,
        warnings,
    };
    Ok((report, parse))
}
