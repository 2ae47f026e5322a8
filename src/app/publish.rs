//! `publish`: the editions of a story behind the review gate. It reads the article and its
//! translation (a work file, or an article already translated), works out the languages with
//! the project's one resolver, runs the gate (the segments [`merge`] could not use, and
//! `check`'s error-level findings with the project's glossary and settings), assembles the
//! [`Story`] and writes every page and file all or nothing, the newsroom's index among them:
//! the story's record (`SLUG.story.json`) and the index pages, rebuilt from every record in
//! the output folder ([`index_pages`]; the pages are [`index`]'s): the front pages, the
//! archive pages (of a bounded number of stories each) whose rows changed, and the index's
//! cache (`.puente.index.json`), which spares reading every record again but is checked
//! against the folder's listing each time. [`run_many`] publishes the story of each of many
//! work files through the same step (one glossary, one checker per direction), each story's
//! refusal or error its own, hands each story's report over as soon as it is done (keeping
//! only counts), and rebuilds the index once at the end from the records in the folder, so
//! what it holds does not grow with the stories but for the index's one row per story. The gate is one, whatever
//! the translation: an article already translated is aligned with its source block by block
//! and sentence by sentence (as the aligned JSON pairs them), and those pairs are the units
//! `check` reads, each at its line in the translated article; an article whose front matter
//! says `draft: true` is a problem too. `--draft` is the only way past.
//!
//! Each article is read once and segmented once, in the source language its front matter
//! (read first, without segmenting) and the other evidence give ([`article_languages`]), and
//! the merge is computed once: the gate lists what it left pending
//! and the story's Markdown edition is its output, so `publish` writes what `merge` writes.
//!
//! It never parses arguments, prints, or renders Fluent messages. The chrome of each edition
//! (labels, byline, date) is localized text, so the caller builds it: [`Request::chrome`] is
//! a function from the facts this step finds ([`ChromeFacts`]) to a [`Chrome`]. The gate's
//! problems come back as data ([`Problem`]) for the caller to render.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::app::work::{article_languages, load_article};
use crate::article::{Article, BlockKind, Format};
use crate::check::{check_files, CheckedFile, Checker, Finding, Rule, Severity};
use crate::error::Error;
use crate::files::{self, make_folder, Durability, InputRole};
use crate::lang::Lang;
use crate::project::{slash_path, with_lang, LangEvidence, Project};
use crate::publish::index::{self, Entry, IndexChrome, IndexFacts, Row, Skip};
use crate::publish::{self, html, Chrome, ReviewNote, Story};
use crate::text::sha256_hex;
use crate::workfile::merge::{merge, Pending, PendingSegment};
use crate::workfile::{State, Unit, WorkFile, WorkFormat};

/// What to publish, and how.
pub struct Request<'a> {
    /// The source article.
    pub article: PathBuf,
    /// Its translation: a work file or an article already translated; `None` for the work
    /// file `segment` writes by default.
    pub translation: Option<PathBuf>,
    /// `--from`.
    pub from: Option<Lang>,
    /// `--to`.
    pub to: Option<Lang>,
    /// `--glossary`, else the project's.
    pub glossary: Option<PathBuf>,
    /// Publish whatever the gate finds, marked as a draft.
    pub draft: bool,
    /// The story's date as given (`--date`), else the front matter's.
    pub date: Option<String>,
    /// The byline's author as given (`--author`), else the front matter's.
    pub author: Option<String>,
    /// The site's address, for absolute `hreflang` and canonical links.
    pub base_url: Option<String>,
    /// The output folder; `public/` at the project root (or here) when `None`.
    pub out: Option<PathBuf>,
    /// The chrome of one edition, localized by the caller from the facts given.
    pub chrome: &'a dyn Fn(&ChromeFacts<'_>) -> Chrome,
    /// A `check` finding in the editor's UI language: its message and its hint (which may
    /// depend on the target language given), for the review page.
    pub describe: &'a dyn Fn(&Finding, Lang) -> (String, String),
    /// The labels of the index pages in one language, localized by the caller.
    pub index_chrome: &'a dyn Fn(&IndexFacts<'_>) -> IndexChrome,
    /// How many stories an archive page lists ([`index::ARCHIVE_PAGE_STORIES`] unless a
    /// test asks for fewer).
    pub archive_page_stories: usize,
}

/// What an edition's chrome is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChromeFacts<'a> {
    /// The edition's language (its labels are in it).
    pub lang: Lang,
    /// The story's source language (a translated edition says it is translated from it).
    pub source_lang: Lang,
    /// The article's kicker as written in the source (`ANALYSIS`), if it has one.
    pub kicker: Option<&'a str>,
    /// The byline's author.
    pub author: Option<&'a str>,
    /// The story's date (year, month, day).
    pub date: Option<(u32, u32, u32)>,
}

/// One thing that stops the story (or marks a draft).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A segment the merge could not use: untranslated, fuzzy, missing, or a translation it
    /// cannot carry.
    Pending {
        /// The article's file name (the segment's line is in it).
        article: String,
        /// The segment and why.
        segment: PendingSegment,
    },
    /// The translated article's front matter says it is a draft (`draft: true`).
    MarkedDraft {
        /// The translated article, as given (forward slashes).
        file: String,
        /// The line of the flag.
        line: usize,
    },
    /// An error-level `check` finding other than untranslated and fuzzy (already pending).
    Check {
        /// The work file, as given (forward slashes).
        file: String,
        /// Its line in the work file.
        line: usize,
        /// The segment id.
        segment: String,
        /// The rule.
        rule: Rule,
    },
}

/// The gate's `check`, the same for a work file and for the units aligned from a translated
/// article: every finding but untranslated and fuzzy (the merge's to list) becomes a note for
/// the review page, and each error-level one a [`Problem`].
fn check_gate<'p>(
    project: &'p Project,
    checkers: &Checkers<'p>,
    request: &Request<'_>,
    (source_lang, target_lang): (Lang, Lang),
    work: &WorkFile,
    name: &str,
    notes: &mut Vec<ReviewNote>,
) -> Result<Vec<Problem>, Error> {
    let mut checked = Vec::new();
    let settings = project.check_settings_for(
        (source_lang, target_lang),
        work.source_lang.as_deref(),
        work.target_lang.as_deref(),
    );
    let glossary = &project.glossary(request.glossary.as_deref())?.glossary;
    let checker = checkers.get(glossary, (source_lang, target_lang), &settings);
    let files = [CheckedFile {
        name,
        workfile: work,
        checker: &checker,
    }];
    for f in check_files(&files, &settings) {
        // Untranslated and fuzzy segments are the review page's marks and the merge's list;
        // every other finding is shown beside its sentence.
        if matches!(f.finding.rule, Rule::Untranslated | Rule::Fuzzy) {
            continue;
        }
        let unit = &work.units[f.unit];
        let (message, hint) = (request.describe)(&f.finding, target_lang);
        notes.push(ReviewNote {
            segment: unit.id.to_string(),
            rule: f.finding.rule.id(),
            severity: f.finding.severity.id(),
            message,
            hint,
        });
        if f.finding.severity != Severity::Error {
            continue;
        }
        checked.push(Problem::Check {
            file: name.to_string(),
            line: unit.line,
            segment: unit.id.to_string(),
            rule: f.finding.rule,
        });
    }
    Ok(checked)
}

/// The line of the `draft: true` in an article's front matter, if it has one. The value is
/// read as the front matter's reader reads it (which refuses anything but `true` and `false`,
/// in any case and quoted or not), so `segment` and `publish` never disagree on a draft.
fn draft_flag(article: &Article) -> Option<usize> {
    let value = publish::front_value(article, "draft")?;
    let yes = value
        .trim()
        .trim_matches(['"', '\''])
        .eq_ignore_ascii_case("true");
    yes.then(|| front_line(article, "draft"))
}

/// The 1-based line of a front matter key, or 1 when it cannot be told.
fn front_line(article: &Article, key: &str) -> usize {
    article
        .source
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

/// Each segment's state (and line) in the work file at `path`, when it is a work file made
/// from this very article (its name and checksum): what people reviewed of the story.
fn recorded_states(
    path: &Path,
    article_path: &Path,
    article: &Article,
    file_name: &str,
) -> Option<std::collections::HashMap<String, (State, usize)>> {
    if !path.is_file() {
        return None;
    }
    let work = crate::app::workfiles::read(path).ok()?;
    work.meta.as_ref()?;
    same_source(&work, path, article_path, article, file_name).ok()?;
    Some(
        work.units
            .into_iter()
            .map(|u| (u.id.into_owned(), (u.state, u.line)))
            .collect(),
    )
}

/// The line of segment `id` in the source article.
fn source_line(article: &Article, id: &str) -> usize {
    article
        .segments
        .iter()
        .find(|s| s.id == id)
        .map_or(1, |s| s.line)
}

/// What the step did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The gate refused: nothing written.
    Refused,
    /// The editions were written.
    Published {
        /// The output folder.
        out_dir: PathBuf,
        /// Every file written, in order: the source, target and bilingual pages, the two
        /// articles, the bilingual Markdown, the aligned JSON, then the story's record and
        /// the index pages (the root's, the English and the Spanish one).
        files: Vec<PathBuf>,
        /// The bilingual page (one of `files`).
        bilingual: PathBuf,
    },
}

/// The report of a publish.
#[derive(Clone, Debug)]
pub struct Report {
    /// The story's slug, the stem of every file.
    pub slug: String,
    /// Whether it was published as a draft.
    pub draft: bool,
    /// What the gate found, merge's pending segments first.
    pub problems: Vec<Problem>,
    /// Segments the merge could not use.
    pub unreviewed: usize,
    /// Error-level check findings.
    pub check_errors: usize,
    /// Written, or refused.
    pub outcome: Outcome,
    /// Files that look like story records but were left out of the index, and why.
    pub skipped: Vec<Skipped>,
    /// The story's record, when it was written (what a run of many lists on the index).
    pub entry: Option<Entry>,
}

/// The translation as read.
enum Translation {
    /// A work file: the gate sees every segment's state and checks it.
    Work(WorkFile),
    /// An article already translated, its text read.
    Article(String),
}

impl Translation {
    /// The languages a work file's header declares (source, target); none for an article.
    fn header(&self, path: &Path) -> Result<(Option<Lang>, Option<Lang>), Error> {
        match self {
            Translation::Work(wf) => crate::project::declared_langs(
                path,
                wf.source_lang.as_deref(),
                wf.target_lang.as_deref(),
            ),
            Translation::Article(_) => Ok((None, None)),
        }
    }
}

/// Publishes the story `request` names in `project`, and rebuilds the index with it.
pub fn run(project: &Project, request: &Request<'_>) -> Result<Report, Error> {
    let named = match &request.translation {
        Some(p) => Some((p.clone(), read_translation(p)?)),
        None => None,
    };
    // One story is a few dozen segments: its checker is built for a fast start.
    let checkers = Checkers {
        segments: 1,
        ..Checkers::default()
    };
    publish_story(project, request, named, &checkers, true)
}

/// What a run of many stories did ([`Many::run`]), but the stories' reports: those are
/// handed over one at a time as each story is done, and only counted here, so that a run
/// over a whole archive holds one story's report at a time (the records the index lists are
/// read back from the output folder at the end).
#[derive(Debug)]
pub struct ManyReport {
    /// Stories done (published, refused or failed), each handed over as it was.
    pub done: usize,
    /// The index as rebuilt at the end of the run (once): the files written, or the error
    /// that stopped it; `None` when no story was written.
    pub index: Option<Result<Vec<PathBuf>, Error>>,
    /// Files that look like story records but were left out of the index, and why.
    pub skipped: Vec<Skipped>,
    /// The output folder.
    pub out_dir: PathBuf,
    /// Work files whose story was never started: a stop was asked for ([`crate::stop`]).
    pub unstarted: usize,
}

/// The lock file of an output folder, held while its index is rebuilt.
pub const INDEX_LOCK: &str = ".puente.index.lock";

/// A run of many stories ready to go ([`run_many`]): the work files to publish, one per
/// story, none published yet.
pub struct Many<'p, 'r, 'a> {
    project: &'p Project,
    request: &'r Request<'a>,
    workfiles: Vec<PathBuf>,
    repeats: Vec<(PathBuf, PathBuf)>,
}

/// Prepares the publishing of the story of each work file in `workfiles` (each names its
/// article in its header): one work file per story ([`Many::repeats`] says which were left
/// out), nothing published yet; [`Many::run`] publishes them. `request` holds what applies
/// to every story: its `article` and `translation` are not used (each story's come from its
/// work file); a `date` or `author` given applies to every story, so the CLI refuses them
/// with more than one.
pub fn run_many<'p, 'r, 'a>(
    project: &'p Project,
    workfiles: &[PathBuf],
    request: &'r Request<'a>,
) -> Many<'p, 'r, 'a> {
    let (workfiles, repeats) = one_per_story(workfiles);
    Many {
        project,
        request,
        workfiles,
        repeats,
    }
}

impl Many<'_, '_, '_> {
    /// Work files left out because a newer one translates the same story (its PO and its
    /// XLIFF): (the one left out, the one published).
    pub fn repeats(&self) -> &[(PathBuf, PathBuf)] {
        &self.repeats
    }

    /// Publishes the stories in order, each behind the same gate as [`run`] (the one
    /// `publish_story`, with the project's glossary loaded once and one checker per
    /// direction for the whole run), and hands each one's report (or the error that stopped
    /// it: nothing of that story was written) to `sink` with its work file as soon as it is
    /// done; a story's error or refusal is its own, and the others go on. The index is
    /// rebuilt once, at the end, from the records in the output folder, those this run wrote
    /// among them: each story's record is on disk once its story is written, so the run
    /// keeps none of them while it goes (memory flat in the number of stories), and the
    /// index's cache then holds them all for the next publish.
    ///
    /// `done` hears of each story as it is done. Once a stop is asked for ([`crate::stop`]),
    /// no other story starts, and the index is rebuilt with the stories published so far.
    pub fn run(
        self,
        done: &dyn Fn(),
        mut sink: impl FnMut(&Path, Result<Report, Error>),
    ) -> ManyReport {
        let Many {
            project,
            request,
            workfiles,
            repeats,
        } = self;
        drop(repeats);
        let checkers = Checkers {
            segments: usize::MAX,
            ..Checkers::default()
        };
        let (mut stories, mut unstarted, mut written) = (0, 0, false);
        for wf in &workfiles {
            if crate::stop::requested().is_some() {
                unstarted += 1;
                continue;
            }
            let report = story_of(wf).and_then(|(article, work)| {
                let one = Request {
                    article,
                    translation: Some(wf.clone()),
                    from: request.from,
                    to: request.to,
                    glossary: request.glossary.clone(),
                    draft: request.draft,
                    date: request.date.clone(),
                    author: request.author.clone(),
                    base_url: request.base_url.clone(),
                    out: request.out.clone(),
                    chrome: request.chrome,
                    describe: request.describe,
                    index_chrome: request.index_chrome,
                    archive_page_stories: request.archive_page_stories,
                };
                let named = Some((wf.clone(), Translation::Work(work)));
                publish_story(project, &one, named, &checkers, false)
            });
            written |= matches!(&report, Ok(Report { entry: Some(_), .. }));
            stories += 1;
            sink(wf, report);
            done();
        }
        drop(workfiles);
        // The checkers' matchers are the largest thing a run holds: let go before the index,
        // which holds one row per story.
        drop(checkers);
        let out_dir = out_dir(project, request);
        let mut report = ManyReport {
            done: stories,
            index: None,
            skipped: Vec::new(),
            out_dir: out_dir.clone(),
            unstarted,
        };
        if !written {
            return report;
        }
        // The records on disk are read and the index written under the folder's lock:
        // another run publishing into the folder at the same time waits, then sees these
        // records.
        // Each page is made ready beside its target as soon as it is rendered, and let go;
        // they are all put in place at the end.
        let index = files::lock_folder(&out_dir, INDEX_LOCK).and_then(|_lock| {
            let mut batch = files::Batch::new(&[], Durability::Bulk);
            let mut names = Vec::new();
            report.skipped = index_pages(
                &out_dir,
                Vec::new(),
                request.archive_page_stories,
                request.index_chrome,
                &mut |path, content| {
                    if let Some(dir) = path.parent() {
                        make_folder(dir)?;
                    }
                    batch.add(&path, content.as_bytes())?;
                    names.push(path);
                    Ok(())
                },
            )?;
            batch.commit()?;
            Ok(names)
        });
        report.index = Some(index);
        report
    }
}

/// The article a work file names in its header (beside the work file), and the work file.
fn story_of(path: &Path) -> Result<(PathBuf, WorkFile), Error> {
    let work = crate::app::workfiles::read(path)?;
    let Some(meta) = &work.meta else {
        return Err(Error::NotWorkfile {
            path: path.to_path_buf(),
        });
    };
    let article = files::parent_dir(path).join(&meta.source);
    Ok((article, work))
}

/// The work files of `workfiles` to publish, one per story (the same article into the same
/// language), in order: of a story's PO and XLIFF the newer is published, as `status` counts
/// it, and the others come back paired with it. A file that cannot be read stays in, for its
/// story's error to say why.
fn one_per_story(workfiles: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, PathBuf)>) {
    let story = |wf: &PathBuf| {
        let (article, work) = story_of(wf).ok()?;
        let target = work.meta.as_ref()?.target_lang;
        Some((std::fs::canonicalize(&article).unwrap_or(article), target))
    };
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let keys: Vec<_> = workfiles.iter().map(story).collect();
    // The work files of each story, found by key in one pass rather than by comparing every
    // pair (a folder of 10,000 stories would make 10^8 comparisons).
    let mut by_story: HashMap<&(PathBuf, Lang), Vec<usize>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            by_story.entry(key).or_default().push(i);
        }
    }
    let mut kept = Vec::new();
    let mut repeats = Vec::new();
    for (i, wf) in workfiles.iter().enumerate() {
        let newer = keys[i].as_ref().and_then(|key| {
            by_story[key]
                .iter()
                .copied()
                .filter(|&j| j != i)
                .find(|&j| {
                    let (mine, theirs) = (modified(wf), modified(&workfiles[j]));
                    theirs > mine || (theirs == mine && j < i)
                })
        });
        match newer {
            Some(j) => repeats.push((wf.clone(), workfiles[j].clone())),
            None => kept.push(wf.clone()),
        }
    }
    (kept, repeats)
}

/// The output folder of `request`: `--out`, else `public/` at the project root (or here).
fn out_dir(project: &Project, request: &Request<'_>) -> PathBuf {
    request.out.clone().unwrap_or_else(|| match project.root() {
        Some(root) => root.join("public"),
        None => PathBuf::from("public"),
    })
}

/// The checkers of one run, each made once per direction and settings: a checker's matchers
/// are built from the whole glossary, which is what a run of many stories must not repeat.
#[derive(Default)]
struct Checkers<'g> {
    made: std::cell::RefCell<Vec<(String, std::rc::Rc<Checker<'g>>)>>,
    /// The slugs this run has published, each with its translation: a second story with the
    /// same slug would overwrite the first's pages.
    slugs: std::cell::RefCell<std::collections::HashMap<String, PathBuf>>,
    /// How many segments the run will check, which decides how the matchers are built
    /// ([`crate::glossary::matcher::Workload`]).
    segments: usize,
}

impl<'g> Checkers<'g> {
    /// Claims `slug` for the story translated by `translation`, refusing one another story of
    /// this run has.
    fn claim(&self, slug: &str, translation: &Path) -> Result<(), Error> {
        let mut slugs = self.slugs.borrow_mut();
        match slugs.get(slug) {
            Some(other) if other != translation => Err(Error::SlugTaken {
                slug: slug.to_string(),
                path: translation.to_path_buf(),
                other: other.clone(),
            }),
            _ => {
                slugs.insert(slug.to_string(), translation.to_path_buf());
                Ok(())
            }
        }
    }

    /// The checker of `langs` with `settings` over `glossary`, made on first use.
    fn get(
        &self,
        glossary: &'g crate::glossary::Glossary,
        langs: (Lang, Lang),
        settings: &crate::check::Settings,
    ) -> std::rc::Rc<Checker<'g>> {
        // Settings have no equality of their own; their full debug text is the key.
        let key = format!("{}{}{settings:?}", langs.0.code(), langs.1.code());
        let mut made = self.made.borrow_mut();
        if let Some((_, c)) = made.iter().find(|(k, _)| *k == key) {
            return c.clone();
        }
        let c = std::rc::Rc::new(Checker::for_segments(
            glossary,
            langs.0,
            langs.1,
            settings.clone(),
            self.segments,
        ));
        made.push((key, c.clone()));
        c
    }
}

/// Publishes one story: the gate, the editions and the story's record, written all or
/// nothing, with the index pages when `with_index` (a run of many rebuilds them once, at
/// its end). `named` is the translation as read, if one was named.
fn publish_story<'p>(
    project: &'p Project,
    request: &Request<'_>,
    named: Option<(PathBuf, Translation)>,
    checkers: &Checkers<'p>,
    with_index: bool,
) -> Result<Report, Error> {
    let article_path = request.article.as_path();
    let text = files::read_text(article_path)?;
    let flags = LangEvidence::flags(request.from, request.to);

    // A translation named on the command line is read first: a work file's header outranks
    // the article's front matter. Without one, the target language names the default.
    let header = match &named {
        Some((p, t)) => t.header(p)?,
        None => (None, None),
    };
    let (mut article, mut langs) = parse_article(
        project,
        article_path,
        text,
        flags.with_header(header.0, header.1),
    )?;
    let (translation_path, translation) = match named {
        Some(named) => named,
        None => {
            let path = default_workfile(article_path, langs.1, project);
            let translation = read_translation(&path)?;
            let (s, t) = translation.header(&path)?;
            (article, langs) = settle(
                project,
                article_path,
                article,
                langs.0,
                flags.with_header(s, t),
            )?;
            (path, translation)
        }
    };
    let (source_lang, target_lang) = langs;

    let file_name = article_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = publish::slug(&article, &file_name);
    let draft = request.draft;
    let mut problems = Vec::new();
    let unreviewed;
    let check_errors;
    let is_workfile = matches!(translation, Translation::Work(_));
    let mut notes = Vec::new();
    let mut story = match translation {
        Translation::Work(mut work) => {
            same_source(&work, &translation_path, article_path, &article, &file_name)?;
            // The gate, part two (listed after part one): no check error. Untranslated and
            // fuzzy segments are the merge's to list.
            let name = slash_path(&translation_path);
            let checked = check_gate(
                project,
                checkers,
                request,
                (source_lang, target_lang),
                &work,
                &name,
                &mut notes,
            )?;
            check_errors = checked.len();
            // The edition names the language the resolver settled on, whatever the header
            // said (a PO without `Language`, or `--to`).
            if let Some(meta) = &mut work.meta {
                meta.target_lang = target_lang;
            }
            work.target_lang = Some(target_lang.code().to_string());
            // The gate, part one: every segment reviewed and usable, by the one merge.
            let merged = merge(&article, &work, draft);
            unreviewed = merged.pending.len();
            problems.extend(merged.pending.iter().map(|p| Problem::Pending {
                article: file_name.clone(),
                segment: p.clone(),
            }));
            problems.extend(checked);
            Story::from_workfile(&slug, &article, &work, &merged, source_lang, target_lang)
        }
        Translation::Article(text) => {
            let translated = load_article(&translation_path, text, target_lang)?;
            let story =
                Story::from_articles(&slug, &article, &translated, source_lang, target_lang)
                    .map_err(|e| Error::Unpaired {
                        path: translation_path.clone(),
                        source_path: article_path.to_path_buf(),
                        problem: e,
                    })?;
            // The same gate as a work file's: the two articles aligned block by block and
            // sentence by sentence (as the aligned JSON pairs them) are the units `check`
            // reads, each at its line in the translated article. A segment with no
            // translation is pending, as the merge would list it.
            let work = WorkFile {
                format: WorkFormat::Po,
                meta: None,
                source_lang: Some(source_lang.code().to_string()),
                target_lang: Some(target_lang.code().to_string()),
                units: story
                    .segments
                    .iter()
                    .map(|p| Unit {
                        id: p.id.clone().into(),
                        source: p.source.clone().into(),
                        target: p.target.clone().into(),
                        state: if p.target.trim().is_empty() {
                            State::Untranslated
                        } else {
                            State::Translated
                        },
                        line: p.line,
                        comments: Vec::new(),
                        source_stands: false,
                    })
                    .collect(),
                issues: Vec::new(),
            };
            let name = slash_path(&translation_path);
            for unit in work.units.iter().filter(|u| u.state == State::Untranslated) {
                problems.push(Problem::Pending {
                    article: file_name.clone(),
                    segment: PendingSegment {
                        id: unit.id.to_string(),
                        source_line: source_line(&article, &unit.id),
                        workfile_line: None,
                        reason: Pending::Untranslated,
                    },
                });
            }
            // The story's own work file, when it is there and was made from this very article,
            // records which sentences people reviewed: an article merged as a draft must not
            // pass for reviewed because it is given as an article.
            let recorded = default_workfile(article_path, target_lang, project);
            if let Some(states) = recorded_states(&recorded, article_path, &article, &file_name) {
                for unit in &work.units {
                    let reason = match states.get(unit.id.as_ref()) {
                        Some((State::Fuzzy, _)) => Pending::Fuzzy,
                        Some((State::Untranslated, _)) => Pending::Untranslated,
                        _ => continue,
                    };
                    problems.push(Problem::Pending {
                        article: file_name.clone(),
                        segment: PendingSegment {
                            id: unit.id.to_string(),
                            source_line: source_line(&article, &unit.id),
                            workfile_line: states.get(unit.id.as_ref()).map(|s| s.1),
                            reason,
                        },
                    });
                }
            }
            unreviewed = problems.len();
            let checked = check_gate(
                project,
                checkers,
                request,
                (source_lang, target_lang),
                &work,
                &name,
                &mut notes,
            )?;
            check_errors = checked.len();
            problems.extend(checked);
            // An article its front matter calls a draft (as `merge --draft` writes it) is
            // not published as final.
            if let Some(line) = draft_flag(&translated) {
                problems.push(Problem::MarkedDraft { file: name, line });
            }
            story
        }
    };
    story.draft = draft;
    story.notes = notes;
    let mut report = Report {
        slug,
        draft,
        problems,
        unreviewed,
        check_errors,
        outcome: Outcome::Refused,
        skipped: Vec::new(),
        entry: None,
    };
    if !report.problems.is_empty() && !draft {
        return Ok(report);
    }
    checkers.claim(&report.slug, &translation_path)?;

    // The chrome: the date and author from the request or the front matter.
    let date = match &request.date {
        Some(v) => Some(publish::iso_date(v).ok_or_else(|| Error::Date { value: v.clone() })?),
        None => match publish::front_value(&article, "date") {
            Some(v) => Some(publish::iso_date(v).ok_or_else(|| Error::FrontMatterDate {
                path: article_path.to_path_buf(),
                value: v.to_string(),
            })?),
            None => None,
        },
    };
    let ymd = date.as_deref().and_then(publish::parse_date);
    story.date = date;
    let author = request.author.as_deref().or_else(|| {
        ["author", "byline"]
            .iter()
            .find_map(|k| publish::front_value(&article, k))
    });
    let kicker = story
        .pairs
        .iter()
        .find(|p| p.kind == BlockKind::Kicker)
        .map(|p| p.source.as_str());
    let facts = |lang| ChromeFacts {
        lang,
        source_lang,
        kicker,
        author,
        date: ymd,
    };
    let chrome_src = (request.chrome)(&facts(source_lang));
    let chrome_tgt = (request.chrome)(&facts(target_lang));
    let chromes = (&chrome_src, &chrome_tgt);
    let base = request.base_url.as_deref();

    let out_dir = out_dir(project, request);
    let slug = &report.slug;
    let ext = if article.format == Format::Markdown {
        "md"
    } else {
        "txt"
    };
    let bilingual = out_dir.join("bilingual").join(format!("{slug}.html"));
    let mut outputs: Vec<(PathBuf, String)> = vec![
        (
            out_dir
                .join(source_lang.code())
                .join(format!("{slug}.html")),
            html::edition(&story, source_lang, chromes, base),
        ),
        (
            out_dir
                .join(target_lang.code())
                .join(format!("{slug}.html")),
            html::edition(&story, target_lang, chromes, base),
        ),
        (bilingual.clone(), html::bilingual(&story, chromes, base)),
        (
            out_dir.join(format!("{slug}.{}.{ext}", source_lang.code())),
            story.article(source_lang).to_string(),
        ),
        (
            out_dir.join(format!("{slug}.{}.{ext}", target_lang.code())),
            story.article(target_lang).to_string(),
        ),
        (
            out_dir.join(format!("{slug}.bilingual.md")),
            story.bilingual_markdown(),
        ),
        (
            out_dir.join(format!("{slug}.aligned.json")),
            story.aligned_json(),
        ),
    ];
    // The story's record, and the newsroom's index rebuilt from every record in the folder
    // (a run of many rebuilds it once, at its end).
    let entry = Entry::from_story(&story);
    if index::reserved_slug(&entry.slug) {
        return Err(Error::ReservedSlug {
            path: out_dir
                .join(index::edition_folder(Some(story.source_lang)))
                .join(format!("{}.html", entry.slug)),
            slug: entry.slug,
        });
    }
    outputs.push((
        out_dir.join(format!("{}{}", entry.slug, index::RECORD_SUFFIX)),
        entry.to_json(),
    ));
    let inputs = [
        (article_path, InputRole::Article),
        (
            translation_path.as_path(),
            if is_workfile {
                InputRole::Workfile
            } else {
                InputRole::Input
            },
        ),
    ];
    for (path, _) in &outputs {
        files::refuse_inputs(path, &inputs)?;
    }
    // The output folder and its edition folders are publish's own: made when missing, but
    // only inside a folder that exists (a mistyped --out must not grow a tree of folders).
    make_folder(&out_dir)?;
    // The edition is written all or nothing: every page is made beside its target first, and
    // only then are they all put in place, so a full disk leaves the old edition whole. Pages
    // can be published again at will: no fsync per file.
    let mut batch = files::Batch::new(&inputs, Durability::Bulk);
    let add = |batch: &mut files::Batch<'_>, path: &Path, content: &str| {
        if let Some(dir) = path.parent() {
            make_folder(dir)?;
        }
        batch.add(path, content.as_bytes())
    };
    for (path, content) in &outputs {
        add(&mut batch, path, content)?;
    }
    let mut written: Vec<PathBuf> = outputs.into_iter().map(|(p, _)| p).collect();
    if with_index {
        // The records on disk are read and the index written under the folder's lock:
        // another run publishing into the folder at the same time waits, then sees this
        // record. Each index page is made ready beside its target as soon as it is made,
        // and let go.
        let _lock = files::lock_folder(&out_dir, INDEX_LOCK)?;
        report.skipped = index_pages(
            &out_dir,
            vec![entry.clone()],
            request.archive_page_stories,
            request.index_chrome,
            &mut |path, content| {
                add(&mut batch, &path, &content)?;
                written.push(path);
                Ok(())
            },
        )?;
        batch.commit()?;
    } else {
        batch.commit()?;
    }
    report.outcome = Outcome::Published {
        out_dir,
        files: written,
        bilingual,
    };
    report.entry = Some(entry);
    Ok(report)
}

/// Reads the translation at `path`: a work file by its extension, or by its content (XLIFF is
/// XML; a PO starts with comments or `msgid`); anything else is an article.
fn read_translation(path: &Path) -> Result<Translation, Error> {
    if !path.is_file() {
        return Err(Error::NotFound {
            path: path.to_path_buf(),
        });
    }
    let by_name = matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("po" | "pot" | "xlf" | "xliff")
    );
    if by_name {
        return crate::app::workfiles::read(path).map(Translation::Work);
    }
    let text = files::read_text(path)?;
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<?xml") || head.starts_with("<xliff") || head.starts_with("msgid ") {
        // A work file with another name: read as work files are (it is small; the text is
        // read again there rather than parsed by a second reader).
        drop(text);
        return crate::app::workfiles::read(path).map(Translation::Work);
    }
    Ok(Translation::Article(text))
}

/// The article at `path` (its `text` read) and its languages by the project's precedence
/// (`evidence`, then its front matter, its file name, the project, English), segmented once
/// in its source language.
fn parse_article(
    project: &Project,
    path: &Path,
    text: String,
    evidence: LangEvidence,
) -> Result<(Article, (Lang, Lang)), Error> {
    let langs = article_languages(project, path, &text, evidence)?;
    Ok((load_article(path, text, langs.0)?, langs))
}

/// `article`'s languages once the default work file's header is known (`evidence`); the
/// article segmented again only when that header names another source language.
fn settle(
    project: &Project,
    path: &Path,
    article: Article,
    segmented_in: Lang,
    evidence: LangEvidence,
) -> Result<(Article, (Lang, Lang)), Error> {
    let langs = article_languages(project, path, &article.source, evidence)?;
    if langs.0 == segmented_in {
        return Ok((article, langs));
    }
    let article = load_article(path, article.source, langs.0)?;
    Ok((article, langs))
}

/// Refuses a work file made from another article, or from an older version of this one.
fn same_source(
    work: &WorkFile,
    path: &Path,
    article_path: &Path,
    article: &Article,
    file_name: &str,
) -> Result<(), Error> {
    let Some(meta) = &work.meta else {
        return Ok(());
    };
    let name = Path::new(&meta.source)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name != file_name {
        return Err(Error::OtherArticle {
            path: path.to_path_buf(),
            article: article_path.to_path_buf(),
            source_name: meta.source.clone(),
        });
    }
    if sha256_hex(article.source.as_bytes()) != meta.source_sha256 {
        return Err(Error::SourceChanged {
            path: path.to_path_buf(),
            source_path: article_path.to_path_buf(),
        });
    }
    Ok(())
}

/// The work file `segment` writes for `article` by default: in the project's work folder
/// when it is there, else beside the article.
fn default_workfile(article: &Path, target: Lang, project: &Project) -> PathBuf {
    let name = with_lang(article, target, "po");
    match project.config() {
        Some(c) => {
            let in_project = c.workfiles_dir().join(name.file_name().unwrap_or_default());
            if in_project.is_file() {
                in_project
            } else {
                name
            }
        }
        None => name,
    }
}

/// A file that looks like a story record (`*.story.json`) but was left out of the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: Skip,
}

/// The index's cache in the output folder: every record as last read, with the size and
/// modification time of its file, and a fingerprint of each archive page's rows as last
/// written. It only saves work: it is checked against the folder's listing on every publish,
/// and a record whose file is new, changed or too recently written to tell is read again.
pub const CACHE_FILE: &str = ".puente.index.json";

/// The cache's `type` and version; a cache of another version, or written by another puente
/// (whose pages may look otherwise), is ignored whole.
const CACHE_TYPE: &str = "puente-index-cache";
const CACHE_SCHEMA: u32 = 1;

/// How recent a record's modification time may be, relative to when the cache's listing was
/// taken, for the cache to trust it. File systems keep modification times coarser than the
/// clock (a jiffy, or a second or two on some), so a record rewritten with the same size in
/// the same tick as the cache read it would look unchanged; one older than this margin
/// cannot (the same rule as git's "racily clean" entries).
const RACY_NS: i64 = 2_000_000_000;

#[derive(Debug, Default, serde::Deserialize)]
struct Cache {
    #[serde(rename = "type")]
    kind: String,
    schema: u32,
    /// The puente that wrote it.
    puente: String,
    /// When the listing the cache was made from was taken, in nanoseconds since the epoch.
    listed_ns: i64,
    /// Each record read, by its file name.
    records: std::collections::BTreeMap<String, Cached>,
    /// The fingerprint of each archive page's rows as written, by archive key.
    pages: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, serde::Deserialize)]
struct Cached {
    size: u64,
    mtime_ns: i64,
    entry: Entry,
}

/// A writer that only counts the bytes written to it.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A record's file as the cache saw it: its size and modification time (nanoseconds).
type Stamp = (u64, i64);

/// The cache as it is written: the same fields as [`Cache`], its records serialized
/// straight from the index's rows (each story's record is held once, in its row).
#[derive(serde::Serialize)]
struct CacheOut<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    schema: u32,
    puente: &'a str,
    listed_ns: i64,
    records: CachedRows<'a>,
    pages: &'a std::collections::BTreeMap<String, String>,
}

/// The rows whose record file was read or trusted, as the cache's `records`.
struct CachedRows<'a> {
    rows: &'a [Row],
    stamps: &'a HashMap<String, Stamp>,
}

impl serde::Serialize for CachedRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct One<'a> {
            size: u64,
            mtime_ns: i64,
            entry: &'a Entry,
        }
        s.collect_map(self.rows.iter().filter_map(|r| {
            let &(size, mtime_ns) = self.stamps.get(&r.entry.slug)?;
            let name = format!("{}{}", r.entry.slug, index::RECORD_SUFFIX);
            Some((
                name,
                One {
                    size,
                    mtime_ns,
                    entry: &r.entry,
                },
            ))
        }))
    }
}

impl Cache {
    /// The cache in `out_dir`, or an empty one when it is missing, unreadable, or not this
    /// puente's: a cache is never an error.
    fn load(out_dir: &Path) -> Cache {
        let read = std::fs::read(out_dir.join(CACHE_FILE)).ok();
        read.and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
            .filter(|c| {
                c.kind == CACHE_TYPE
                    && c.schema == CACHE_SCHEMA
                    && c.puente == env!("CARGO_PKG_VERSION")
            })
            .unwrap_or_default()
    }

    /// The cached record of the file `name` whose metadata is `meta`, taken out of the
    /// cache (the index then holds it once), if the cache may be trusted for it: same size,
    /// same modification time, and that time old enough.
    fn take_record(&mut self, name: &str, meta: &std::fs::Metadata) -> Option<Entry> {
        let c = self.records.get(name)?;
        let mtime = mtime_ns(meta)?;
        let trusted =
            c.size == meta.len() && c.mtime_ns == mtime && mtime < self.listed_ns - RACY_NS;
        trusted.then(|| self.records.remove(name).map(|c| c.entry))?
    }
}

/// A file's modification time in nanoseconds since the epoch.
fn mtime_ns(meta: &std::fs::Metadata) -> Option<i64> {
    let t = meta.modified().ok()?;
    let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    i64::try_from(d.as_nanos()).ok()
}

/// The fingerprint of an archive page: what its pager shows (its number, whether it has
/// one, and whether it links a next page) and what its rows show, in order (each record as
/// compact JSON, which no headline can make ambiguous, and its editions).
fn fingerprint(paging: index::Paging, rows: &[Row]) -> String {
    let mut text = Vec::with_capacity(rows.len() * 256 + 32);
    let pager = format!(
        "page {} numbered {} next {}\n",
        paging.page,
        paging.numbered(),
        paging.has_next()
    );
    text.extend_from_slice(pager.as_bytes());
    for r in rows {
        // Writing into memory cannot fail.
        let _ = serde_json::to_writer(&mut text, &r.entry);
        for e in &r.editions {
            text.extend_from_slice(index::edition_folder(*e).as_bytes());
            text.push(b' ');
        }
        text.push(b'\n');
    }
    sha256_hex(&text)
}

/// The index pages, each handed to `page` as soon as it is made (the root page, the
/// English and the Spanish front page, the archive pages whose rows changed, English then
/// Spanish, and the index's cache), rather than all held at once: made from the records of
/// `current` (the stories being published, listed from memory) and every other story's in
/// `out_dir` (`read_index`, through the cache), listed by the pure renderer ([`index`]).
/// The root and front pages are made every time; an archive page (of `per_page` stories,
/// [`index::archive_pages`]) only when its rows or its place among its archive's pages
/// changed since the cache says it was written, or when it is missing, so a publish into a
/// big archive rewrites a few short pages. Returns the files left out of the index. Stops
/// at `page`'s first error.
///
/// What it holds grows with the archive only by one row per story (its record, held once:
/// taken out of the cache, never copied) and the folder's listing; every page is made from
/// its own rows and let go.
pub fn index_pages(
    out_dir: &Path,
    current: Vec<Entry>,
    per_page: usize,
    chrome: &dyn Fn(&IndexFacts<'_>) -> IndexChrome,
    page: &mut dyn FnMut(PathBuf, String) -> Result<(), Error>,
) -> Result<Vec<Skipped>, Error> {
    use std::collections::{BTreeMap, HashSet};

    let mut cache = Cache::load(out_dir);
    let slugs: HashSet<&str> = current.iter().map(|e| e.slug.as_str()).collect();
    let listed = read_index(out_dir, &slugs, &mut cache)?;
    drop(slugs);
    // What is left of the cache's records are those not listed now: let go.
    let written = std::mem::take(&mut cache.pages);
    drop(cache);
    let Listed {
        mut rows,
        skipped,
        pages: present,
        stamps,
        listed_ns,
    } = listed;
    // The stories being published are listed from memory: their files are not all in place.
    rows.extend(current.into_iter().map(|entry| Row {
        entry,
        editions: vec![Some(Lang::En), Some(Lang::Es), None],
    }));
    index::sort(&mut rows);
    let archive = index::archive_pages(&rows, per_page);
    // An archive page is there when it is in both languages' folders.
    let both = edition_bit(Some(Lang::En)) | edition_bit(Some(Lang::Es));
    let on_disk = |name: &str| present.get(name).is_some_and(|bits| bits & both == both);
    // Each archive page's fingerprint, by its file's stem; the pages to write (those whose
    // rows or place changed, or that are missing), by their place in `archive`.
    let mut prints = BTreeMap::new();
    let mut stale = Vec::new();
    for (i, p) in archive.iter().enumerate() {
        let print = fingerprint(p.paging, &rows[p.rows.clone()]);
        let name = p.name();
        let stem = name.strip_suffix(".html").unwrap_or(&name).to_string();
        if written.get(&stem) != Some(&print) || !on_disk(&name) {
            stale.push(i);
        }
        prints.insert(stem, print);
    }
    drop(present);
    // A page the cache knew that is no longer one (its month's stories all gone, or fewer
    // pages of them): written empty.
    let gone: Vec<(String, usize)> = written
        .keys()
        .filter(|stem| !prints.contains_key(*stem))
        .map(|stem| {
            let (key, n) = index::archive_stem(stem);
            (key.to_string(), n)
        })
        .collect();
    drop(written);
    let front = &rows[..rows.len().min(index::FRONT_PAGE_STORIES)];
    // The chrome writes out only the dates, months and page numbers these pages show.
    let mut dates: Vec<(u32, u32, u32)> = front
        .iter()
        .chain(stale.iter().flat_map(|&i| &rows[archive[i].rows.clone()]))
        .filter_map(|r| r.entry.date.as_deref().and_then(publish::parse_date))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    let month = |k: &str| {
        let (y, m) = k.split_once('-')?;
        Some((y.parse().ok()?, m.parse().ok()?))
    };
    let mut months: Vec<(u32, u32)> = archive
        .iter()
        .map(|p| p.key.as_str())
        .chain(gone.iter().map(|(k, _)| k.as_str()))
        .filter_map(month)
        .collect();
    months.dedup();
    let mut numbers: Vec<usize> = stale
        .iter()
        .map(|&i| archive[i].paging)
        .filter(|p| p.numbered())
        .map(|p| p.page)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let facts = |lang| IndexFacts {
        lang,
        dates: &dates,
        months: &months,
        pages: &numbers,
    };
    let (en, es) = (chrome(&facts(Lang::En)), chrome(&facts(Lang::Es)));
    let chromes = (&en, &es);
    // Each archive's story count, newest month first (undated last), as the front page links
    // them.
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in &archive {
        match counts.last_mut() {
            Some((key, n)) if *key == p.key => *n += p.rows.len(),
            _ => counts.push((p.key.clone(), p.rows.len())),
        }
    }
    let folder = |lang: Lang| out_dir.join(index::edition_folder(Some(lang)));
    page(out_dir.join(index::PAGE), index::root_page(chromes))?;
    for lang in [Lang::En, Lang::Es] {
        page(
            folder(lang).join(index::PAGE),
            index::language_page(lang, &rows, &counts, chromes),
        )?;
    }
    for lang in [Lang::En, Lang::Es] {
        for &i in &stale {
            let p = &archive[i];
            page(
                folder(lang).join(p.name()),
                index::archive_language_page(
                    lang,
                    &p.key,
                    p.paging,
                    &rows[p.rows.clone()],
                    chromes,
                ),
            )?;
        }
        for (key, n) in &gone {
            let paging = index::Paging { page: *n, pages: 0 };
            page(
                folder(lang).join(index::archive_page(key, *n)),
                index::archive_language_page(lang, key, paging, &[], chromes),
            )?;
        }
    }
    drop(archive);
    let cache = CacheOut {
        kind: CACHE_TYPE,
        schema: CACHE_SCHEMA,
        puente: env!("CARGO_PKG_VERSION"),
        listed_ns,
        records: CachedRows {
            rows: &rows,
            stamps: &stamps,
        },
        pages: &prints,
    };
    // Measured first, then written into a buffer of its size: grown by doubling, a cache of
    // many records would briefly need its size twice over, and more.
    let mut size = Counter(0);
    let _ = serde_json::to_writer(&mut size, &cache);
    let mut text = Vec::with_capacity(size.0 + 1);
    let _ = serde_json::to_writer(&mut text, &cache);
    text.push(b'\n');
    // JSON from serde_json is UTF-8.
    let text = String::from_utf8(text).unwrap_or_default();
    drop(rows);
    page(out_dir.join(CACHE_FILE), text)?;
    Ok(skipped)
}

/// The edition folders, in the order the index links them: English, Spanish, bilingual.
const EDITIONS: [Option<Lang>; 3] = [Some(Lang::En), Some(Lang::Es), None];

/// The bit of an edition folder in [`Listed::pages`].
fn edition_bit(edition: Option<Lang>) -> u8 {
    match edition {
        Some(Lang::En) => 1,
        Some(Lang::Es) => 2,
        None => 4,
    }
}

/// What [`read_index`] found in the output folder.
struct Listed {
    /// Every story listed, with the editions whose pages are there.
    rows: Vec<Row>,
    /// The files left out, and why.
    skipped: Vec<Skipped>,
    /// The name of each page in the edition folders, with the folders it is in
    /// ([`edition_bit`]): one name per story rather than one per page, since the three
    /// folders hold the same names.
    pages: HashMap<String, u8>,
    /// The size and modification time of each listed story's record file (by slug), for
    /// the next cache; a record read through a symbolic link has none (it is read every
    /// time).
    stamps: HashMap<String, Stamp>,
    /// When the listing was taken (nanoseconds since the epoch).
    listed_ns: i64,
}

/// Every story record in `out_dir` but those of `current` (being published), each with the
/// editions whose pages are there; a story none of whose pages is left is not listed. A file
/// named like a record that cannot be read as one is left out and reported, never an error:
/// one bad file must not stop the newsroom from publishing.
///
/// Cheap by design, since it runs on every publish: one listing of the output folder and
/// one of each edition folder, and a read only of the records the cache cannot vouch for
/// (new, changed, or written too recently to tell); no page is opened.
fn read_index(
    out_dir: &Path,
    current: &std::collections::HashSet<&str>,
    cache: &mut Cache,
) -> Result<Listed, Error> {
    use std::io::Read;

    // Taken before anything is listed or read: a record changed after it is newer.
    let listed_ns = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_nanos()).ok())
        .unwrap_or(0);
    let mut found = Listed {
        rows: Vec::new(),
        skipped: Vec::new(),
        pages: HashMap::new(),
        stamps: HashMap::new(),
        listed_ns,
    };
    let listing = match std::fs::read_dir(out_dir) {
        Ok(l) => l,
        // A first publish: the folder is made later.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(Error::read(out_dir, e)),
    };
    // The pages in the edition folders, by file name.
    for edition in EDITIONS {
        let Ok(listing) = std::fs::read_dir(out_dir.join(index::edition_folder(edition))) else {
            continue;
        };
        for name in listing.filter_map(|e| e.ok()?.file_name().into_string().ok()) {
            *found.pages.entry(name).or_default() |= edition_bit(edition);
        }
    }
    // About one row per page name: reserved at once, the rows are not grown by doubling.
    found.rows.reserve(found.pages.len());
    for item in listing {
        let item = item.map_err(|e| Error::read(out_dir, e))?;
        let Ok(name) = item.file_name().into_string() else {
            continue;
        };
        let Some(slug) = name.strip_suffix(index::RECORD_SUFFIX) else {
            continue;
        };
        if current.contains(slug) {
            continue;
        }
        let path = item.path();
        // Only a regular file is opened: a FIFO would wait for a writer forever.
        let meta = match item.file_type() {
            Ok(t) if t.is_symlink() => path.metadata().ok(),
            Ok(_) => item.metadata().ok(),
            Err(_) => None,
        }
        .filter(std::fs::Metadata::is_file);
        let trusted = meta.as_ref().and_then(|m| cache.take_record(&name, m));
        let entry = match trusted {
            Some(entry) => Ok(entry),
            None => {
                let read = match &meta {
                    Some(_) => std::fs::File::open(&path).and_then(|f| {
                        let mut bytes = Vec::new();
                        f.take(index::RECORD_MAX + 1).read_to_end(&mut bytes)?;
                        Ok(bytes)
                    }),
                    None => Err(std::io::Error::other("not a regular file")),
                };
                match read {
                    Ok(bytes) if bytes.len() as u64 > index::RECORD_MAX => Err(Skip::TooBig),
                    Ok(bytes) => Entry::parse(&bytes, slug),
                    Err(e) => Err(Skip::Unreadable(e.to_string())),
                }
            }
        };
        let entry = match entry {
            Ok(entry) => entry,
            Err(reason) => {
                found.skipped.push(Skipped { path, reason });
                continue;
            }
        };
        let bits = found
            .pages
            .get(&format!("{slug}.html"))
            .copied()
            .unwrap_or(0);
        let editions: Vec<Option<Lang>> = EDITIONS
            .into_iter()
            .filter(|e| bits & edition_bit(*e) != 0)
            .collect();
        if editions.is_empty() {
            continue;
        }
        // Symlinked records are read every time: their target's metadata is not the link's.
        if let Some(stamp) = meta.as_ref().and_then(|m| Some((m.len(), mtime_ns(m)?))) {
            found.stamps.insert(entry.slug.clone(), stamp);
        }
        found.rows.push(Row { entry, editions });
    }
    // The listing's order is the file system's: the report's is the names'.
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::workfile::merge::Pending;

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
    }

    /// A folder with the sample article and `work` (a fixture) as `w.po`.
    fn scratch(work: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            fixtures().join("drone-strikes.en.md"),
            dir.path().join("drone-strikes.en.md"),
        )
        .unwrap();
        std::fs::copy(fixtures().join(work), dir.path().join("w.po")).unwrap();
        dir
    }

    /// A chrome with fixed labels that records what it was asked for.
    fn recording(asked: &RefCell<Vec<String>>) -> impl Fn(&ChromeFacts<'_>) -> Chrome + '_ {
        move |f| {
            asked.borrow_mut().push(format!(
                "{} from {} kicker {:?} by {:?} on {:?}",
                f.lang.code(),
                f.source_lang.code(),
                f.kicker,
                f.author,
                f.date
            ));
            Chrome {
                draft: format!("DRAFT-{}", f.lang.code()),
                unreviewed: "UNREVIEWED".into(),
                ..Chrome::default()
            }
        }
    }

    fn request<'a>(
        dir: &Path,
        draft: bool,
        chrome: &'a dyn Fn(&ChromeFacts<'_>) -> Chrome,
    ) -> Request<'a> {
        Request {
            article: dir.join("drone-strikes.en.md"),
            translation: Some(dir.join("w.po")),
            from: None,
            to: None,
            glossary: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary")),
            draft,
            date: None,
            author: Some("Ana Ruiz".into()),
            base_url: None,
            out: Some(dir.join("site")),
            chrome,
            // The rule's id stands for its message: the words are the CLI's.
            describe: &|f, _| (f.rule.id().to_string(), String::new()),
            index_chrome: &|_| IndexChrome::default(),
            archive_page_stories: index::ARCHIVE_PAGE_STORIES,
        }
    }

    #[test]
    fn the_gate_refuses_with_its_problems_as_data_and_writes_nothing() {
        let dir = scratch("violations/fuzzy.po");
        let asked = RefCell::new(Vec::new());
        let chrome = recording(&asked);
        let report = run(&Project::default(), &request(dir.path(), false, &chrome)).unwrap();
        assert_eq!(report.outcome, Outcome::Refused);
        assert_eq!((report.unreviewed, report.check_errors), (1, 0));
        let [Problem::Pending { article, segment }] = report.problems.as_slice() else {
            panic!("{:?}", report.problems);
        };
        assert_eq!(
            (article.as_str(), &segment.reason),
            ("drone-strikes.en.md", &Pending::Fuzzy)
        );
        assert!(asked.borrow().is_empty(), "no chrome for a refused story");
        assert!(!dir.path().join("site").exists());
    }

    #[test]
    fn a_draft_writes_merges_output_and_asks_the_chrome_of_each_edition() {
        let dir = scratch("violations/fuzzy.po");
        let asked = RefCell::new(Vec::new());
        let chrome = recording(&asked);
        let report = run(&Project::default(), &request(dir.path(), true, &chrome)).unwrap();
        let Outcome::Published {
            files, bilingual, ..
        } = &report.outcome
        else {
            panic!("{:?}", report.outcome);
        };
        assert_eq!(files.len(), 14);
        assert_eq!(
            bilingual,
            &dir.path().join("site/bilingual/drone-strikes.html")
        );
        assert_eq!(
            asked.borrow().as_slice(),
            [
                "en from en kicker Some(\"ANALYSIS\") by Some(\"Ana Ruiz\") on None",
                "es from en kicker Some(\"ANALYSIS\") by Some(\"Ana Ruiz\") on None",
            ]
        );
        // The Markdown edition is the one draft merge's output, flagged; it and the page show
        // the fuzzy translation, which the page marks.
        let text = std::fs::read_to_string(dir.path().join("drone-strikes.en.md")).unwrap();
        let article = load_article(Path::new("drone-strikes.en.md"), text, Lang::En).unwrap();
        let work = crate::app::workfiles::read(&dir.path().join("w.po")).unwrap();
        let merged = merge(&article, &work, true);
        let edition = std::fs::read_to_string(dir.path().join("site/drone-strikes.es.md")).unwrap();
        assert_eq!(edition, merged.output);
        let fuzzy = work
            .units
            .iter()
            .find(|u| u.state == crate::workfile::State::Fuzzy)
            .unwrap();
        assert!(edition.contains(fuzzy.target.as_ref()));
        assert!(edition.contains("\ndraft: true\n"), "{edition}");
        let page = std::fs::read_to_string(dir.path().join("site/es/drone-strikes.html")).unwrap();
        assert!(page.contains("DRAFT-es"), "{page}");
        assert_eq!(page.matches("title=\"UNREVIEWED\"").count(), 1, "{page}");
        assert!(page.contains(fuzzy.target.as_ref()), "{page}");
    }

    #[test]
    fn a_translation_that_is_not_there_is_an_error_naming_it() {
        let dir = scratch("drone-strikes.es.po");
        let chrome = |_: &ChromeFacts<'_>| Chrome::default();
        let mut req = request(dir.path(), false, &chrome);
        req.translation = Some(dir.path().join("gone.po"));
        let e = run(&Project::default(), &req).unwrap_err();
        assert!(
            matches!(&e, Error::NotFound { path } if path.ends_with("gone.po")),
            "{e:?}"
        );
    }
}
