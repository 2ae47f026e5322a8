//! `check`: the work files named (or the project's), each read once and placed in its
//! language pair by the one resolver, checked with the project's glossary and settings.
//! A file that cannot be found, read or placed is that file's error; the others are checked.
//!
//! It never prints or renders a message: findings are data (rule, severity, span, message id
//! and arguments) for the CLI to render in the reader's language or in a report format.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::check::{check_files, CheckedFile, Checker, Located, Settings};
use crate::error::Error;
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
}

/// A work file that was read.
#[derive(Debug)]
pub struct File {
    /// Its name as given (forward slashes).
    pub name: String,
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
    /// Whether a glossary was found (without one, term, name and quote-register rules have
    /// nothing to check).
    pub glossary: bool,
}

/// Checks the work files of `request`. An error means nothing was checked (the glossary
/// does not load); a file that fails is in [`Report::errors`].
pub fn run(project: &Project, request: &Request) -> Result<Report, Error> {
    let settings = project.check_settings();
    let loaded = project.glossary(request.glossary.as_deref())?;
    let found = super::workfiles::find(&request.paths, &project.work_dir(Path::new(".")));
    let mut report = Report {
        errors: found.errors,
        skipped: found.skipped,
        glossary: loaded.path.is_some(),
        ..Report::default()
    };
    for p in &found.files {
        let read = super::workfiles::read_any(p).and_then(|wf| {
            super::workfiles::languages(project, p, &wf, request.flags).map(|l| (wf, l))
        });
        match read {
            Ok((workfile, langs)) => report.files.push(File {
                name: slash_path(p),
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
    let mut checkers: HashMap<_, Checker<'_>> = HashMap::new();
    for (f, s) in report.files.iter().zip(&file_settings) {
        checkers
            .entry(key(f.langs, s))
            .or_insert_with(|| Checker::new(&loaded.glossary, f.langs.0, f.langs.1, s.clone()));
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
