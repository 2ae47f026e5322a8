//! `check`: the work files named (or the project's), each read once and placed in its
//! language pair by the one resolver, checked with the project's glossary and settings.
//! A file that cannot be found, read or placed is that file's error; the others are checked.
//! A folder without work files (a new project's `work/`, or the project's work folder not
//! made yet) is nothing to check, not an error: the run succeeds with empty reports.
//!
//! It never prints or renders a message: findings are data (rule, severity, span, message id
//! and arguments) for the CLI to render in the reader's language or in a report format. The
//! CLI renders a report; [`write_report`] writes it to a file, atomically.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::check::{check_units, CheckedFile, Checker, Consistency, Finding, Located, Settings};
use crate::error::Error;
use crate::files::{self, Durability, InputRole};
use crate::lang::Lang;
use crate::project::{slash_path, Project};

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
    /// Keep every segment's id and line ([`File::cases`]), as a JUnit report lists them.
    pub cases: bool,
}

/// A work file that was checked: what the reports say of it. The file itself is not kept
/// (only the findings' segments are), so a check of a whole archive holds one batch of files
/// at a time.
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
    /// Each segment's short id and line, when the request asked for them
    /// ([`Request::cases`]).
    pub cases: Vec<(String, usize)>,
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

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// The files checked, in order.
    pub files: Vec<File>,
    /// The findings, in file and segment order.
    pub findings: Vec<Found>,
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

/// Checks the work files of `request`. An error means nothing was checked (the glossary
/// does not load); a file that fails is in [`Report::errors`].
pub fn run(project: &Project, request: &Request) -> Result<Report, Error> {
    let settings = project.check_settings();
    let loaded = project.glossary(request.glossary.as_deref())?;
    let work_dir = project.work_dir(Path::new("."));
    let mut nothing = Vec::new();
    // The project's own work folder not made yet is a project with no work files; a path the
    // user named that is not there stays an error.
    let found = if request.paths.is_empty()
        && std::fs::symlink_metadata(&work_dir)
            .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
    {
        nothing.push(Nothing::NoWorkFolder(work_dir));
        super::workfiles::Found::default()
    } else {
        super::workfiles::find(&request.paths, &work_dir)
    };
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
    let mut report = Report {
        errors,
        skipped: found.skipped,
        nothing,
        root,
        glossary: loaded.path.is_some(),
        glossary_path: loaded.path.clone(),
        ..Report::default()
    };
    // The automatons are built for the size of the job: one story checked before a commit
    // needs a fast build, a whole archive a fast search. The job's size is told from the
    // files' sizes, before any is read.
    let bytes: u64 = found
        .files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let segments = usize::try_from(bytes / BYTES_PER_SEGMENT).unwrap_or(usize::MAX);
    let key = |(a, b): (Lang, Lang), s: &Settings| {
        (a, b, s.number_locale, s.quote_style, s.english_punctuation)
    };
    // One checker per language pair and way of writing numbers (the Spanish side's locale,
    // from the file's header): its matchers are built once for all those files.
    let mut checkers: HashMap<_, Checker<'_>> = HashMap::new();
    let mut consistency = Consistency::default();
    // Files are read and checked a batch at a time, on every core; only what the reports
    // and the `inconsistent` rule need is kept of them.
    for batch in found.files.chunks(BATCH) {
        let read: Vec<Result<Read, Error>> = batch
            .par_iter()
            .map(|p| read(project, request, p))
            .collect();
        let mut files = Vec::new();
        for r in read {
            match r {
                Ok(f) => files.push(f),
                Err(e) => report.errors.push(e),
            }
        }
        for f in &files {
            checkers
                .entry(key(f.langs, &f.settings))
                .or_insert_with(|| {
                    Checker::for_segments(
                        &loaded.glossary,
                        f.langs.0,
                        f.langs.1,
                        f.settings.clone(),
                        segments,
                    )
                });
        }
        let first = report.files.len();
        let checked: Vec<CheckedFile<'_, '_>> = files
            .iter()
            .map(|f| CheckedFile {
                name: &f.name,
                workfile: &f.workfile,
                checker: &checkers[&key(f.langs, &f.settings)],
            })
            .collect();
        let own: Vec<Vec<Located>> = checked
            .par_iter()
            .enumerate()
            .map(|(i, c)| check_units(first + i, c, &settings))
            .collect();
        for ((i, c), mut located) in checked.iter().enumerate().zip(own) {
            located.extend(consistency.file(first + i, c, &settings));
            // Stable: a segment's own findings first, then the file's, then the cross-file
            // ones.
            located.sort_by_key(|l| l.unit);
            let units = &c.workfile.units;
            report.findings.extend(located.into_iter().map(|l| {
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
        for f in files {
            report.files.push(File {
                path: under_root(&report.root, absolute(&request.cwd, f.path)),
                langs: f.langs,
                segments: f.workfile.units.len(),
                cases: if request.cases {
                    f.workfile
                        .units
                        .iter()
                        .map(|u| (crate::check::report::short_id(&u.id), u.line))
                        .collect()
                } else {
                    Vec::new()
                },
                name: f.name,
            });
        }
    }
    Ok(report)
}

/// Files read and checked at once: enough to keep every core busy, few enough that a run
/// over a whole archive holds little of it.
const BATCH: usize = 64;

/// About how many bytes of a work file one segment takes (the sample article's PO file has
/// one per 250 bytes or so): what tells a job's size from its files' sizes.
const BYTES_PER_SEGMENT: u64 = 200;

/// A work file read and placed in its language pair, waiting to be checked.
struct Read<'p> {
    path: &'p Path,
    name: String,
    workfile: crate::workfile::WorkFile,
    langs: (Lang, Lang),
    settings: Settings,
}

fn read<'p>(project: &Project, request: &Request, path: &'p Path) -> Result<Read<'p>, Error> {
    let workfile = super::workfiles::read_any(path)?;
    let langs = super::workfiles::languages(project, path, &workfile, request.flags)?;
    let settings = project.check_settings_for(
        langs,
        workfile.source_lang.as_deref(),
        workfile.target_lang.as_deref(),
    );
    Ok(Read {
        path,
        name: slash_path(path),
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

/// Writes a rendered report to `output`, the one way puente writes files: atomically, never
/// over one of the files the check read. Call it only for a check that ran: a check that
/// failed writes no report, so that no consumer takes a partial report for a whole one.
pub fn write_report(report: &Report, output: &Path, text: &str) -> Result<(), Error> {
    let mut inputs: Vec<(&Path, InputRole)> = report
        .files
        .iter()
        .map(|f| (f.path.as_path(), InputRole::Workfile))
        .collect();
    if let Some(g) = &report.glossary_path {
        inputs.push((g.as_path(), InputRole::Glossary));
    }
    files::write_output(output, &inputs, Durability::Bulk, |w| {
        w.write_all(text.as_bytes())
    })
}
