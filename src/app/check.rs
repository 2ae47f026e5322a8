//! `check`: the work files named (or the project's), each read once and placed in its
//! language pair by the one resolver, checked with the project's glossary and settings.
//! A file that cannot be found, read or placed is that file's error; the others are checked.
//! A folder without work files (a new project's `work/`, or the project's work folder not
//! made yet) is nothing to check, not an error: the run succeeds with empty reports.
//!
//! Files are read and checked a few at a time, a bounded number ahead of the ones settled,
//! and each batch's findings are handed over as soon as its files are settled ([`Job::run`])
//! and then forgotten: a check holds a bounded number of files and findings at a time,
//! whatever the number of files, besides a few facts per file and what the `inconsistent`
//! rule needs to compare translations across files.
//!
//! It never prints or renders a message: findings are data (rule, severity, span, message id
//! and arguments) for the CLI to render in the reader's language or in a report format. The
//! CLI renders a report as the batches come; [`write_report`] writes it into a file as it
//! goes, and puts the file in place only when the check is whole.

use std::collections::{HashMap, VecDeque};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::check::{
    check_units, CheckedFile, Checker, Consistency, Finding, Located, Settings, Severity,
};
use crate::error::Error;
use crate::files::{self, Durability, InputRole};
use crate::lang::Lang;
use crate::project::{slash_path, LoadedGlossary, Project};

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Work files or folders; the project's work folder (else the current one) when empty.
    pub paths: Vec<PathBuf>,
    /// `--from` and `--to`.
    pub flags: (Option<Lang>, Option<Lang>),
    /// `--glossary`.
    pub glossary: Option<PathBuf>,
    /// The folder relative paths are read from (the current folder), absolute: reports
    /// locate files from the project root through it.
    pub cwd: PathBuf,
    /// Hand over every segment's id and line ([`Batch::cases`]), as a JUnit report lists
    /// them.
    pub cases: bool,
}

/// A work file that was checked: what the reports say of it. The file itself is not kept
/// (only its batch's findings' segments are, until they are handed over), so a check of a
/// whole archive holds one batch of files at a time.
#[derive(Debug)]
pub struct File {
    /// Its name as given (forward slashes).
    pub name: String,
    /// Its absolute path, lexically normalized (no `.` or `..`), for the reports' URIs.
    pub path: PathBuf,
    /// Its languages.
    pub langs: (Lang, Lang),
    /// How many segments it has.
    pub segments: usize,
}

/// The segment a finding is about, as the reports show it.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Its line in the work file.
    pub line: usize,
    /// Its id.
    pub id: String,
    /// Its source text.
    pub source: String,
    /// Its translation.
    pub target: String,
}

/// A finding with its file (index into [`Report::files`]) and segment.
#[derive(Debug, Clone)]
pub struct Found {
    /// Index of the work file.
    pub file: usize,
    /// The segment.
    pub segment: Segment,
    /// The finding.
    pub finding: Finding,
}

/// How many findings a check made, by severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Findings of severity error.
    pub errors: usize,
    /// The others (warnings).
    pub warnings: usize,
}

/// What a check found, but the findings themselves: those are handed over a batch at a time
/// ([`Job::run`]) and only counted here, so that a check of a whole archive holds one
/// batch's findings at a time.
#[derive(Debug, Default)]
pub struct Report {
    /// The files checked, in order.
    pub files: Vec<File>,
    /// How many findings there were.
    pub found: Tally,
    /// Files or paths that could not be checked, each with why.
    pub errors: Vec<Error>,
    /// Special files with a work file's name, left alone.
    pub skipped: Vec<PathBuf>,
    /// Where there was nothing to check.
    pub nothing: Vec<Nothing>,
    /// The project root (the folder of `puente.toml`, else the current folder), absolute:
    /// what the reports' relative URIs start from.
    pub root: PathBuf,
    /// The glossary file or folder that was read, if any.
    pub glossary_path: Option<PathBuf>,
    /// Whether a glossary was found (without one, term, name and quote-register rules have
    /// nothing to check).
    pub glossary: bool,
}

/// A place where there was nothing to check: not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nothing {
    /// A folder (named, or the project's work folder) without work files.
    NoWorkfiles(PathBuf),
    /// The project's work folder, not made yet (no path was named).
    NoWorkFolder(PathBuf),
}

/// One batch of work files, checked: handed to [`Job::run`]'s sink as soon as it is done,
/// in order. Its findings are final: the `inconsistent` rule reports a file only against
/// the files before it.
#[derive(Debug)]
pub struct Batch<'r> {
    /// The check so far: every file up to this batch's last, every error so far.
    pub report: &'r Report,
    /// This batch's files, in [`Report::files`].
    pub files: Range<usize>,
    /// The files of this batch that could not be checked, in [`Report::errors`].
    pub errors: Range<usize>,
    /// This batch's findings, in file and segment order.
    pub findings: Vec<Found>,
    /// For each of this batch's files, its segments' short ids and lines, when the request
    /// asked for them ([`Request::cases`]); empty otherwise.
    pub cases: Vec<Vec<(String, usize)>>,
}

/// A check ready to run: the glossary loaded, the work files found and the first batch of
/// them read (nothing checked or handed over yet).
pub struct Job<'p> {
    project: &'p Project,
    request: &'p Request,
    loaded: &'p LoadedGlossary,
    files: Vec<PathBuf>,
    /// Each file's name and absolute path, as [`File`] keeps them.
    kept: Vec<(String, PathBuf)>,
    /// The first batch, read while the glossary loaded (when all its files are regular).
    first: Option<Vec<Result<Read, Error>>>,
    /// The files' sizes added up, which tell how large the job is.
    bytes: u64,
    report: Report,
}

/// Prepares the check of `request`: loads the glossary while it finds the work files and
/// reads the first batch of them (reading needs no glossary). An error means nothing can be
/// checked (the glossary does not load); a path that cannot be searched is in the report's
/// errors, as each file that fails will be.
pub fn start<'p>(project: &'p Project, request: &'p Request) -> Result<Job<'p>, Error> {
    let work_dir = project.work_dir(Path::new("."));
    let mut nothing = Vec::new();
    // The glossary is loaded while the work files are looked for: with thousands of terms
    // and of files, each is a good part of a check's start.
    let (loaded, found) = rayon::join(
        || project.glossary(request.glossary.as_deref()),
        || {
            // The project's own work folder not made yet is a project with no work files;
            // a path the user named that is not there stays an error.
            if request.paths.is_empty()
                && std::fs::symlink_metadata(&work_dir)
                    .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
            {
                (
                    Some(Nothing::NoWorkFolder(work_dir.clone())),
                    super::workfiles::Found::default(),
                    None,
                )
            } else {
                let found = super::workfiles::find(&request.paths, &work_dir);
                // The first files are read meanwhile too, as reading needs no glossary; but
                // only regular files, which never keep a read waiting: a FIFO named on the
                // command line must not hold back a glossary error.
                let regular = found
                    .files
                    .iter()
                    .take(BATCH)
                    .all(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()));
                let first = regular.then(|| read_batch(project, request, &found.files, 0));
                (None, found, first)
            }
        },
    );
    let loaded = loaded?;
    let (none, found, first) = found;
    nothing.extend(none);
    let mut errors = Vec::new();
    for e in found.errors {
        match e {
            Error::NoWorkfiles { path } => nothing.push(Nothing::NoWorkfiles(path)),
            e => errors.push(e),
        }
    }
    let root = absolute(
        &request.cwd,
        project.root().unwrap_or(request.cwd.as_path()),
    );
    // The name and absolute path of each file, which the report keeps to the end, are made
    // here, all together before any file is read. Made among a batch's short-lived
    // allocations, these small strings would pin the memory around them, and the process
    // would grow with the number of files (measured at 10,000 files: 25 MB more, more with
    // a longer project path) though the data it holds does not.
    let kept = found
        .files
        .iter()
        .map(|p| (slash_path(p), under_root(&root, absolute(&request.cwd, p))))
        .collect();
    Ok(Job {
        project,
        request,
        loaded,
        files: found.files,
        bytes: found.bytes,
        kept,
        first,
        report: Report {
            errors,
            skipped: found.skipped,
            nothing,
            root,
            glossary: loaded.path.is_some(),
            glossary_path: loaded.path.clone(),
            ..Report::default()
        },
    })
}

impl Job<'_> {
    /// What is known before any file is read: the root, the glossary, the paths that could
    /// not be searched, where there was nothing to check. No files yet.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The files the check reads (the work files found and the glossary): a report is
    /// never written over one of them.
    pub fn inputs(&self) -> Vec<(PathBuf, InputRole)> {
        let mut inputs: Vec<(PathBuf, InputRole)> = self
            .files
            .iter()
            .map(|p| (p.clone(), InputRole::Workfile))
            .collect();
        if let Some(g) = &self.report.glossary_path {
            inputs.push((g.clone(), InputRole::Glossary));
        }
        inputs
    }

    /// Checks the work files on every core, a few at a time, and hands their findings to
    /// `sink` a batch ([`BATCH`] files) at a time, in order, as soon as the batch is done; of
    /// each file only what the reports and the `inconsistent` rule need is kept ([`File`],
    /// [`Consistency`]). A file that fails is in [`Report::errors`] and the others are still
    /// checked. Stops at the sink's first error.
    ///
    /// The pool reads and checks [`CHUNK`] files per task, at most [`WINDOW`] files ahead of
    /// the first one not settled; this thread settles the files in order (the `inconsistent`
    /// rule, which needs them in order, and the sink) as their tasks come back, and gives the
    /// pool a new task for each chunk settled. Nothing waits for a whole batch: when each
    /// batch of 64 files was read and checked as one step of the pool, the steps took 15 %
    /// longer in all than steps four times as large (which held a third more memory), and a
    /// 10,000-file check on two cores took 2.00 s (median of 8) where it now takes 1.71 s.
    pub fn run<E>(self, mut sink: impl FnMut(Batch<'_>) -> Result<(), E>) -> Result<Report, E> {
        let Job {
            project,
            request,
            loaded,
            files: paths,
            kept,
            first,
            bytes,
            report,
        } = self;
        let settings = project.check_settings();
        // The automatons are built for the size of the job: one story checked before a
        // commit needs a fast build, a whole archive a fast search. The job's size is told
        // from the files' sizes as the search for them saw them, before any is read.
        let segments = usize::try_from(bytes / BYTES_PER_SEGMENT).unwrap_or(usize::MAX);
        let checkers = Checkers {
            glossary: &loaded.glossary,
            segments,
            built: std::sync::RwLock::new(HashMap::new()),
        };
        // The files read while the glossary loaded get their checkers before any task starts.
        let first = first.unwrap_or_default();
        for f in first.iter().flatten() {
            checkers.build(f);
        }
        let mut ledger = Ledger {
            consistency: Consistency::default(),
            kept,
            report,
            group: Group::default(),
        };
        let total = paths.len();
        rayon::in_place_scope(|scope| {
            let (tx, rx) = std::sync::mpsc::channel::<Message<'_>>();
            let (paths, checkers, settings) = (&paths, &checkers, &settings);
            // Files `start..` read (those not in `pre`, which were read already) and checked.
            let check_from = |start: usize, pre: Vec<Result<Read, Error>>, end: usize| {
                task(scope, &tx, start, move || {
                    let mut pre = pre.into_iter();
                    (start..end)
                        .map(|i| {
                            let read = pre
                                .next()
                                .unwrap_or_else(|| read(project, request, i, &paths[i]));
                            read.map(|r| checkers.check(r, settings))
                        })
                        .collect()
                });
            };
            // The files from the first not settled on, `None` while their task is out.
            let mut waiting: VecDeque<Option<Result<Outcome<'_>, Error>>> = VecDeque::new();
            let mut first = first.into_iter();
            let (mut settled, mut given) = (0, 0);
            while settled < total {
                while given < total && given < settled + WINDOW {
                    let end = (given + CHUNK).min(total);
                    check_from(given, first.by_ref().take(end - given).collect(), end);
                    given = end;
                }
                // Every task answers once, even one that panics, so this never waits for
                // nothing; a panic stops the settling, and goes on when the scope ends.
                let Ok(Message::Done(start, done)) = rx.recv() else {
                    break;
                };
                for (k, outcome) in done.into_iter().enumerate() {
                    let (i, at) = (start + k, start + k - settled);
                    if waiting.len() <= at {
                        waiting.resize_with(at + 1, || None);
                    }
                    match outcome {
                        // The first file of a direction that had no checker: it is built here,
                        // and the file checked by a task of its own.
                        Ok(Outcome::Unchecked(read)) => {
                            checkers.build(&read);
                            task(scope, &tx, i, move || {
                                vec![Ok(checkers.check(read, settings))]
                            });
                        }
                        outcome => waiting[at] = Some(outcome),
                    }
                }
                while let Some(Some(_)) = waiting.front() {
                    let outcome = waiting.pop_front().flatten().expect("the front is there");
                    ledger.settle(outcome, settings);
                    settled += 1;
                    if ledger.group.count == BATCH || settled == total {
                        let files = ledger.hand_over(request, &mut sink)?;
                        // The files are freed on the pool, where they were made.
                        scope.spawn(move |_| drop(files));
                    }
                }
            }
            Ok(())
        })?;
        Ok(ledger.report)
    }
}

/// Runs `work` on the pool and sends what it returns, the outcomes of the files from `start`
/// on; a panic is sent as such and goes on.
fn task<'s, 'g: 's>(
    scope: &rayon::Scope<'s>,
    tx: &std::sync::mpsc::Sender<Message<'g>>,
    start: usize,
    work: impl FnOnce() -> Vec<Result<Outcome<'g>, Error>> + Send + 's,
) {
    let tx = tx.clone();
    scope.spawn(move |_| {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
            // A settling side that has stopped (the sink failed) takes nothing more.
            Ok(done) => drop(tx.send(Message::Done(start, done))),
            Err(panic) => {
                drop(tx.send(Message::Panicked));
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// Work files checked per task: a few, so that this thread hears of them a few at a time.
const CHUNK: usize = 4;

/// How many files past the first not settled the pool may read and check: enough that a
/// slow file keeps no core waiting, few enough that a check holds little.
const WINDOW: usize = BATCH;

/// What a task hands back.
enum Message<'g> {
    /// The files from this index on, each checked or why it could not be read.
    Done(usize, Vec<Result<Outcome<'g>, Error>>),
    /// The task panicked: the settling side stops, and the panic goes on.
    Panicked,
}

/// A file read, and checked when its direction's checker was there.
enum Outcome<'g> {
    /// Its own findings ([`check_units`]), their file indexes not yet set, and the checker
    /// that made them, which the `inconsistent` rule uses when the file is settled.
    Checked(Read, Vec<Located>, std::sync::Arc<Checker<'g>>),
    /// Read, but no checker was built for its direction yet.
    Unchecked(Read),
}

/// What tells the checkers apart: the direction, and the settings that differ by file.
type CheckerKey = (
    Lang,
    Lang,
    crate::text::numbers::NumberLocale,
    crate::text::quotes::QuoteStyle,
    crate::check::quotes::EnglishPunctuation,
);

fn checker_key(f: &Read) -> CheckerKey {
    let s = &f.settings;
    (
        f.langs.0,
        f.langs.1,
        s.number_locale,
        s.quote_style,
        s.english_punctuation,
    )
}

/// One checker per language pair and way of writing numbers (the Spanish side's locale, from
/// the file's header): its matchers are built once for all those files. Built only by the
/// settling thread, never by a task of the pool: a task that built one would hold the others
/// of its direction waiting, and building one runs tasks of the pool itself.
struct Checkers<'g> {
    glossary: &'g crate::glossary::Glossary,
    /// How many segments the job has, which decides how the matchers are built.
    segments: usize,
    built: std::sync::RwLock<HashMap<CheckerKey, std::sync::Arc<Checker<'g>>>>,
}

impl<'g> Checkers<'g> {
    /// Builds the checker of `f`'s direction, unless there is one.
    fn build(&self, f: &Read) {
        let key = checker_key(f);
        if self.get(&key).is_some() {
            return;
        }
        let checker = Checker::for_segments(
            self.glossary,
            f.langs.0,
            f.langs.1,
            f.settings.clone(),
            self.segments,
        );
        self.built
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key, std::sync::Arc::new(checker));
    }

    fn get(&self, key: &CheckerKey) -> Option<std::sync::Arc<Checker<'g>>> {
        self.built
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    /// `f` checked, if its direction has a checker.
    fn check(&self, f: Read, settings: &Settings) -> Outcome<'g> {
        let Some(checker) = self.get(&checker_key(&f)) else {
            return Outcome::Unchecked(f);
        };
        // A file's own findings never name it: its name is the settling thread's, for the
        // `inconsistent` rule, as is its index among the files checked.
        let file = CheckedFile {
            name: "",
            workfile: f.loaded.workfile(),
            checker: &checker,
        };
        let own = check_units(0, &file, settings);
        Outcome::Checked(f, own, checker)
    }
}

/// The batch being settled: what the sink gets of it once its [`BATCH`] files are settled.
#[derive(Default)]
struct Group {
    /// How many of its files were settled.
    count: usize,
    /// Its files that were checked, to be freed once the batch is handed over.
    files: Vec<Read>,
    findings: Vec<Found>,
    /// Where its files and errors start in the report.
    first_file: usize,
    first_error: usize,
}

/// What a check keeps from file to file, which only the settling thread touches: what the
/// `inconsistent` rule remembers, the files' names and paths not yet reported, the report,
/// the batch being settled.
struct Ledger {
    consistency: Consistency,
    kept: Vec<(String, PathBuf)>,
    report: Report,
    group: Group,
}

impl Ledger {
    /// Settles the next file, in order: the `inconsistent` rule against the files before, the
    /// tally, the file's entry in the report.
    fn settle(&mut self, outcome: Result<Outcome<'_>, Error>, settings: &Settings) {
        let Ledger {
            consistency,
            kept,
            report,
            group,
        } = self;
        if group.count == 0 {
            group.first_file = report.files.len();
            group.first_error = report.errors.len();
        }
        group.count += 1;
        let (f, mut located, checker) = match outcome {
            Ok(Outcome::Checked(f, own, checker)) => (f, own, checker),
            Ok(Outcome::Unchecked(_)) => unreachable!("a file is settled once checked"),
            Err(e) => {
                report.errors.push(e);
                return;
            }
        };
        let fi = report.files.len();
        for l in &mut located {
            l.file = fi;
        }
        let c = CheckedFile {
            name: &kept[f.index].0,
            workfile: f.loaded.workfile(),
            checker: &checker,
        };
        located.extend(consistency.file(fi, &c, settings));
        // Stable: a segment's own findings first, then the file's, then the cross-file ones.
        located.sort_by_key(|l| l.unit);
        let units = &f.loaded.workfile().units;
        let before = group.findings.len();
        group.findings.extend(located.into_iter().map(|l| {
            let u = &units[l.unit];
            Found {
                file: l.file,
                segment: Segment {
                    line: u.line,
                    id: u.id.to_string(),
                    source: u.source.to_string(),
                    target: u.target.to_string(),
                },
                finding: l.finding,
            }
        }));
        let errors = group.findings[before..]
            .iter()
            .filter(|f| f.finding.severity == Severity::Error)
            .count();
        report.found.errors += errors;
        report.found.warnings += group.findings.len() - before - errors;
        let (name, path) = std::mem::take(&mut kept[f.index]);
        report.files.push(File {
            name,
            path,
            langs: f.langs,
            segments: f.loaded.workfile().units.len(),
        });
        group.files.push(f);
    }

    /// Hands the batch settled to the sink, and gives its files back to be freed.
    fn hand_over<E>(
        &mut self,
        request: &Request,
        sink: &mut impl FnMut(Batch<'_>) -> Result<(), E>,
    ) -> Result<Vec<Read>, E> {
        let group = std::mem::take(&mut self.group);
        let cases = if request.cases {
            group
                .files
                .iter()
                .map(|f| {
                    f.loaded
                        .workfile()
                        .units
                        .iter()
                        .map(|u| (crate::check::report::short_id(&u.id), u.line))
                        .collect()
                })
                .collect()
        } else {
            Vec::new()
        };
        sink(Batch {
            report: &self.report,
            files: group.first_file..self.report.files.len(),
            errors: group.first_error..self.report.errors.len(),
            findings: group.findings,
            cases,
        })?;
        Ok(group.files)
    }
}

/// Files read and checked at once: enough to keep every core busy, few enough that a run
/// over a whole archive holds little of it.
const BATCH: usize = 64;

/// About how many bytes of a work file one segment takes (the sample article's PO file has
/// one per 250 bytes or so): what tells a job's size from its files' sizes.
const BYTES_PER_SEGMENT: u64 = 200;

/// A work file read and placed in its language pair, waiting to be checked.
struct Read {
    /// Its index among the files found.
    index: usize,
    /// The file, its units' strings borrowed from its text, which it holds.
    loaded: crate::workfile::Loaded,
    langs: (Lang, Lang),
    settings: Settings,
}

/// Reads batch `b` of `paths` ([`BATCH`] files) on every core.
fn read_batch(
    project: &Project,
    request: &Request,
    paths: &[PathBuf],
    b: usize,
) -> Vec<Result<Read, Error>> {
    paths
        .chunks(BATCH)
        .nth(b)
        .unwrap_or_default()
        .par_iter()
        .enumerate()
        .map(|(i, p)| read(project, request, b * BATCH + i, p))
        .collect()
}

fn read(project: &Project, request: &Request, index: usize, path: &Path) -> Result<Read, Error> {
    let loaded = super::workfiles::load(path)?;
    let wf = loaded.workfile();
    let langs = super::workfiles::languages(project, path, wf, request.flags)?;
    let settings =
        project.check_settings_for(langs, wf.source_lang.as_deref(), wf.target_lang.as_deref());
    Ok(Read {
        index,
        loaded,
        langs,
        settings,
    })
}

/// `path` from `cwd`, with `.` and `..` resolved by name (a symlinked folder is not followed
/// back): the path as the user sees it.
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// `path`, or its real path when only that is under `root` (a file reached through a symlink
/// to the project's folder): a file in the project is always located from its root.
fn under_root(root: &Path, path: PathBuf) -> PathBuf {
    if path.starts_with(root) {
        return path;
    }
    match (std::fs::canonicalize(root), std::fs::canonicalize(&path)) {
        (Ok(real_root), Ok(real)) => match real.strip_prefix(&real_root) {
            Ok(rest) => root.join(rest),
            Err(_) => path,
        },
        _ => path,
    }
}

/// Writes the report that `fill` renders into `output` as the check goes, the one way puente
/// writes files: into a temporary file beside it, never over one of the files the check
/// reads (`inputs`, from [`Job::inputs`]). `fill` runs the check and returns its report. The
/// file is put in place only when every file could be checked: a report of the others would
/// pass for a whole one, so it is thrown away and an earlier file at `output` is left as it
/// was. Returns the check's report and whether it was written; an error means the check did
/// not run (the output is one of the inputs) or the report could not be written.
pub fn write_report(
    inputs: &[(PathBuf, InputRole)],
    output: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<Report>,
) -> Result<(Report, bool), Error> {
    let inputs: Vec<(&Path, InputRole)> = inputs.iter().map(|(p, r)| (p.as_path(), *r)).collect();
    let mut checked = None;
    let written = files::write_output(output, &inputs, Durability::Bulk, |w| {
        let report = fill(w)?;
        let whole = report.errors.is_empty();
        checked = Some(report);
        if whole {
            Ok(())
        } else {
            Err(io::Error::other("some files could not be checked"))
        }
    });
    match (checked, written) {
        (Some(report), Ok(())) => Ok((report, true)),
        (Some(report), Err(_)) if !report.errors.is_empty() => Ok((report, false)),
        (_, Err(e)) => Err(e),
        (None, Ok(())) => unreachable!("the report is written only once the check ran"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_that_panics_says_so_and_its_panic_goes_on() {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut heard = None;
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            rayon::in_place_scope(|scope| {
                task(scope, &tx, 0, || panic!("a task's own panic"));
                // The settling side hears of it instead of waiting for files that never come
                // (a bounded wait, so that a task that says nothing fails the test).
                heard = Some(rx.recv_timeout(std::time::Duration::from_secs(30)));
            })
        }));
        assert!(matches!(heard, Some(Ok(Message::Panicked))));
        let panic = caught.expect_err("the scope goes on with the task's panic");
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"a task's own panic"));
    }

    #[test]
    fn a_task_sends_its_outcomes_with_where_they_start() {
        let (tx, rx) = std::sync::mpsc::channel();
        rayon::in_place_scope(|scope| {
            task(scope, &tx, 7, || {
                vec![Err(Error::NoWorkfiles {
                    path: PathBuf::from("w"),
                })]
            });
        });
        let Ok(Message::Done(7, done)) = rx.recv() else {
            panic!("the task's outcomes, from 7");
        };
        assert!(matches!(done[..], [Err(Error::NoWorkfiles { .. })]));
    }
}
