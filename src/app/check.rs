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

use crate::check::{check_files, CheckedFile, Checker, Located, Settings};
use crate::error::Error;
use crate::files::{self, Durability, InputRole};
use crate::lang::Lang;
use crate::project::{slash_path, Project};
use crate::workfile::WorkFile;

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
}

/// A work file that was read.
#[derive(Debug)]
pub struct File {
    /// Its name as given (forward slashes).
    pub name: String,
    /// Its absolute path, lexically normalized (no `.` or `..`), for the reports' URIs.
    pub path: PathBuf,
    /// The file, read (ids used twice and odd plural forms kept as issues to report).
    pub workfile: WorkFile,
    /// Its languages.
    pub langs: (Lang, Lang),
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// The files read, in order.
    pub files: Vec<File>,
    /// The findings, by file index and unit index into `files`.
    pub findings: Vec<Located>,
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
    for p in &found.files {
        let read = super::workfiles::read_any(p).and_then(|wf| {
            super::workfiles::languages(project, p, &wf, request.flags).map(|l| (wf, l))
        });
        match read {
            Ok((workfile, langs)) => report.files.push(File {
                name: slash_path(p),
                path: under_root(&report.root, absolute(&request.cwd, p)),
                workfile,
                langs,
            }),
            Err(e) => report.errors.push(e),
        }
    }
    // One checker per language pair and way of writing numbers (the Spanish side's locale,
    // from the file's header): its matchers are built once for all those files.
    let file_settings: Vec<_> = report
        .files
        .iter()
        .map(|f| {
            project.check_settings_for(
                f.langs,
                f.workfile.source_lang.as_deref(),
                f.workfile.target_lang.as_deref(),
            )
        })
        .collect();
    let key = |(a, b): (Lang, Lang), s: &Settings| {
        (a, b, s.number_locale, s.quote_style, s.english_punctuation)
    };
    // The automatons are built for the size of the job: one story checked before a commit
    // needs a fast build, a whole archive a fast search.
    let segments: usize = report.files.iter().map(|f| f.workfile.units.len()).sum();
    let mut checkers: HashMap<_, Checker<'_>> = HashMap::new();
    for (f, s) in report.files.iter().zip(&file_settings) {
        checkers.entry(key(f.langs, s)).or_insert_with(|| {
            Checker::for_segments(&loaded.glossary, f.langs.0, f.langs.1, s.clone(), segments)
        });
    }
    let files: Vec<CheckedFile<'_, '_>> = report
        .files
        .iter()
        .zip(&file_settings)
        .map(|(f, s)| CheckedFile {
            name: &f.name,
            workfile: &f.workfile,
            checker: &checkers[&key(f.langs, s)],
        })
        .collect();
    report.findings = check_files(&files, &settings);
    Ok(report)
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
