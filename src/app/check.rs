//! `check`: the work files named (or the project's), each read once and placed in its
//! language pair by the one resolver, checked with the project's glossary and settings.
//! A file that cannot be found, read or placed is that file's error; the others are checked.
//! A folder without work files (a new project's `work/`, or the project's work folder not
//! made yet) is nothing to check, not an error: the run succeeds with empty reports.
//!
//! Files are read and checked a batch at a time, and each batch's findings are handed over
//! as soon as it is done ([`Job::run`]) and then forgotten: a check holds one batch of files
//! and findings at a time, whatever the number of files, besides a few facts per file and
//! what the `inconsistent` rule needs to compare translations across files.
//!
//! It never prints or renders a message: findings are data (rule, severity, span, message id
//! and arguments) for the CLI to render in the reader's language or in a report format. The
//! CLI renders a report as the batches come; [`write_report`] writes it into a file as it
//! goes, and puts the file in place only when the check is whole.

use std::collections::HashMap;
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

    /// Checks the work files a batch at a time, on every core, and hands each batch's
    /// findings to `sink` as soon as the batch is done, in order; of each file only what the
    /// reports and the `inconsistent` rule need is kept ([`File`], [`Consistency`]). A file
    /// that fails is in [`Report::errors`] and the others are still checked. Stops at the
    /// sink's first error.
    ///
    /// The batches go through three stages at once: while the pool checks one batch's
    /// segments and reads the next, this thread settles the batch before (the `inconsistent`
    /// rule, which needs the files in order, and the sink). While each batch was settled on
    /// its own, the pool waited: its threads were busy 77 % of a 10,000-file check, and 84 %
    /// with the stages overlapped (sampled by perf on two cores).
    pub fn run<E>(self, mut sink: impl FnMut(Batch<'_>) -> Result<(), E>) -> Result<Report, E> {
        let Job {
            project,
            request,
            loaded,
            files: paths,
            kept,
            first,
            report,
        } = self;
        let settings = project.check_settings();
        // The automatons are built for the size of the job: one story checked before a
        // commit needs a fast build, a whole archive a fast search. The job's size is told
        // from the files' sizes, before any is read.
        let bytes: u64 = paths
            .par_iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        let segments = usize::try_from(bytes / BYTES_PER_SEGMENT).unwrap_or(usize::MAX);
        // One checker per language pair and way of writing numbers (the Spanish side's
        // locale, from the file's header): its matchers are built once for all those files.
        let mut checkers: HashMap<CheckerKey, Checker<'_>> = HashMap::new();
        let mut ledger = Ledger {
            consistency: Consistency::default(),
            kept,
            report,
        };
        let batches = paths.len().div_ceil(BATCH);
        let read_at = |b: usize| read_batch(project, request, &paths, b);
        let mut next = first
            .filter(|_| batches > 0)
            .or_else(|| (batches > 0).then(|| read_at(0)));
        // The files checked so far, and the batch checked but not yet settled.
        let mut files_before = 0;
        let mut unsettled: Option<Checked> = None;
        for b in 0..=batches {
            // This batch's files get their checkers here, before the pool borrows them.
            let read = next.take().map(|read| {
                let mut files = Vec::new();
                let mut errors = Vec::new();
                for r in read {
                    match r {
                        Ok(f) => files.push(f),
                        Err(e) => errors.push(e),
                    }
                }
                for f in &files {
                    checkers.entry(checker_key(f)).or_insert_with(|| {
                        Checker::for_segments(
                            &loaded.glossary,
                            f.langs.0,
                            f.langs.1,
                            f.settings.clone(),
                            segments,
                        )
                    });
                }
                let first = files_before;
                files_before += files.len();
                (files, errors, first)
            });
            let mut checked = None;
            let mut read_next = None;
            let sunk = rayon::in_place_scope(|scope| {
                if let Some((files, errors, first)) = read {
                    let (checkers, settings, read_at) = (&checkers, &settings, &read_at);
                    let (checked, read_next) = (&mut checked, &mut read_next);
                    scope.spawn(move |_| {
                        let (own, after) = rayon::join(
                            || {
                                files
                                    .par_iter()
                                    .enumerate()
                                    .map(|(i, f)| {
                                        // A file's own findings never name it: its name is
                                        // the settling thread's, for the `inconsistent` rule.
                                        let file = CheckedFile {
                                            name: "",
                                            workfile: &f.workfile,
                                            checker: &checkers[&checker_key(f)],
                                        };
                                        check_units(first + i, &file, settings)
                                    })
                                    .collect()
                            },
                            || (b + 1 < batches).then(|| read_at(b + 1)),
                        );
                        *checked = Some(Checked {
                            files,
                            errors,
                            first,
                            own,
                        });
                        *read_next = after;
                    });
                }
                let Some(done) = unsettled.take() else {
                    return Ok(());
                };
                let files = ledger.settle(done, &checkers, &settings, request, &mut sink)?;
                // The files are freed on the pool, where they were made.
                scope.spawn(move |_| drop(files));
                Ok(())
            });
            sunk?;
            unsettled = checked;
            next = read_next;
        }
        Ok(ledger.report)
    }
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

/// A batch whose segments were checked, waiting for the `inconsistent` rule and the sink.
struct Checked {
    files: Vec<Read>,
    errors: Vec<Error>,
    /// The index of its first file among the files checked, which its findings carry.
    first: usize,
    /// Each file's own findings ([`check_units`]).
    own: Vec<Vec<Located>>,
}

/// What a check keeps from batch to batch, which only the settling thread touches: what the
/// `inconsistent` rule remembers, the files' names and paths not yet reported, the report.
struct Ledger {
    consistency: Consistency,
    kept: Vec<(String, PathBuf)>,
    report: Report,
}

impl Ledger {
    /// Settles a checked batch, in order: the `inconsistent` rule against the files before, the
    /// tally, the files' entries in the report, then the sink. Gives the files back to be freed.
    fn settle<E>(
        &mut self,
        done: Checked,
        checkers: &HashMap<CheckerKey, Checker<'_>>,
        settings: &Settings,
        request: &Request,
        sink: &mut impl FnMut(Batch<'_>) -> Result<(), E>,
    ) -> Result<Vec<Read>, E> {
        let Ledger {
            consistency,
            kept,
            report,
        } = self;
        let Checked {
            files,
            errors,
            first,
            own,
        } = done;
        let first_error = report.errors.len();
        report.errors.extend(errors);
        debug_assert_eq!(first, report.files.len(), "batches settle in order");
        let mut findings = Vec::new();
        for ((i, f), mut located) in files.iter().enumerate().zip(own) {
            let c = CheckedFile {
                name: &kept[f.index].0,
                workfile: &f.workfile,
                checker: &checkers[&checker_key(f)],
            };
            located.extend(consistency.file(first + i, &c, settings));
            // Stable: a segment's own findings first, then the file's, then the cross-file ones.
            located.sort_by_key(|l| l.unit);
            let units = &f.workfile.units;
            findings.extend(located.into_iter().map(|l| {
                let u = &units[l.unit];
                Found {
                    file: l.file,
                    segment: Segment {
                        line: u.line,
                        id: u.id.clone(),
                        source: u.source.clone(),
                        target: u.target.clone(),
                    },
                    finding: l.finding,
                }
            }));
        }
        let errors = findings
            .iter()
            .filter(|f| f.finding.severity == Severity::Error)
            .count();
        report.found.errors += errors;
        report.found.warnings += findings.len() - errors;
        let mut cases = Vec::new();
        for f in &files {
            if request.cases {
                cases.push(
                    f.workfile
                        .units
                        .iter()
                        .map(|u| (crate::check::report::short_id(&u.id), u.line))
                        .collect(),
                );
            }
            let (name, path) = std::mem::take(&mut kept[f.index]);
            report.files.push(File {
                name,
                path,
                langs: f.langs,
                segments: f.workfile.units.len(),
            });
        }
        sink(Batch {
            report,
            files: first..report.files.len(),
            errors: first_error..report.errors.len(),
            findings,
            cases,
        })?;
        Ok(files)
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
    workfile: crate::workfile::WorkFile,
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
    let workfile = super::workfiles::read_any(path)?;
    let langs = super::workfiles::languages(project, path, &workfile, request.flags)?;
    let settings = project.check_settings_for(
        langs,
        workfile.source_lang.as_deref(),
        workfile.target_lang.as_deref(),
    );
    Ok(Read {
        index,
        workfile,
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
