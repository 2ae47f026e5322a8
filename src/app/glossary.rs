//! `glossary lint|export|import`: the glossary's files read and linted (every finding kept
//! as data, not only the first), the glossary converted to TBX, TSV or CSV, and a TBX, TSV or
//! CSV file converted to the glossary's TOML with what lint would say about it.
//!
//! It never prints: findings and counts come back in the reports, and the CLI renders them.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::files::{self, Durability, InputRole, Limit};
use crate::glossary::interchange::{self, Format};
use crate::glossary::lint::{lint as lint_glossary, Finding};
use crate::glossary::Glossary;
use crate::project::{glossary_files, load_glossary, read_glossary, slash_path, Project};

/// The project's glossary folder, or `glossary` in the current folder.
pub fn default_path(project: &Project) -> PathBuf {
    project
        .config()
        .map(|c| c.glossary_dir())
        .unwrap_or_else(|| PathBuf::from("glossary"))
}

/// What `glossary lint` found.
#[derive(Debug)]
pub struct LintReport {
    /// The glossary files read.
    pub files: usize,
    /// Terms loaded.
    pub terms: usize,
    /// Quote-register entries loaded.
    pub quotes: usize,
    /// Every finding, in file order (none for a clean glossary).
    pub findings: Vec<Finding>,
}

/// Lints the glossary at `path` (a file or folder; the project's when `None`). A file that
/// does not parse is a finding like any other, so the user sees every problem at once; a file
/// that cannot be read is an error.
pub fn lint(project: &Project, path: Option<&Path>) -> Result<LintReport, Error> {
    let path = path.map_or_else(|| default_path(project), Path::to_path_buf);
    // Every file is read, and one that does not load is a finding like the others.
    let read = read_glossary(&path)?;
    let (glossary, problems) = (read.glossary, read.problems);
    let findings = lint_glossary(&glossary, &problems);
    Ok(LintReport {
        files: read.files,
        terms: glossary.terms.len(),
        quotes: glossary.quotes.len(),
        findings,
    })
}

/// Where a converted glossary went.
#[derive(Debug)]
pub struct Written {
    /// The file written (`None` for standard output).
    pub output: Option<PathBuf>,
    /// The text when it goes to standard output (the CLI prints it).
    pub stdout: Option<String>,
}

/// Writes `text` to `output` (never one of `inputs`), or gives it back for standard output
/// (`None` or `-`).
fn emit(
    text: String,
    output: Option<&Path>,
    inputs: &[(&Path, InputRole)],
) -> Result<Written, Error> {
    match output.filter(|p| p.as_os_str() != "-") {
        Some(p) => {
            files::write_output(p, inputs, Durability::Synced, |w| {
                w.write_all(text.as_bytes())
            })?;
            Ok(Written {
                output: Some(p.to_path_buf()),
                stdout: None,
            })
        }
        None => Ok(Written {
            output: None,
            stdout: Some(text),
        }),
    }
}

/// A glossary to export (`glossary export`).
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// The glossary file or folder; the project's when `None`.
    pub path: Option<PathBuf>,
    /// The format to write.
    pub format: Format,
    /// Where it goes: a path, or standard output for `None` or `-`.
    pub output: Option<PathBuf>,
}

/// What `glossary export` did.
#[derive(Debug)]
pub struct ExportReport {
    /// Where the export went.
    pub written: Written,
    /// Terms exported.
    pub terms: usize,
    /// Quote-register entries exported (TBX carries them; the tables do not).
    pub quotes: usize,
    /// Quote-register entries left out because the format cannot carry them.
    pub quotes_left_out: usize,
}

/// Exports the glossary of `request`, which must load (as for every command that uses it).
pub fn export(project: &Project, request: &ExportRequest) -> Result<ExportReport, Error> {
    let path = request
        .path
        .clone()
        .unwrap_or_else(|| default_path(project));
    let (glossary, _) = load_glossary(&path)?;
    let sources = glossary_files(&path)?;
    let inputs: Vec<(&Path, InputRole)> = sources
        .iter()
        .map(|f| (f.as_path(), InputRole::Glossary))
        .collect();
    let (text, quotes, quotes_left_out) = match request.format {
        Format::Tbx => (interchange::to_tbx(&glossary), glossary.quotes.len(), 0),
        f => (
            interchange::to_table(&glossary, f),
            0,
            glossary.quotes.len(),
        ),
    };
    let written = emit(text, request.output.as_deref(), &inputs)?;
    Ok(ExportReport {
        written,
        terms: glossary.terms.len(),
        quotes,
        quotes_left_out,
    })
}

/// A TBX, TSV or CSV file to convert to the glossary's TOML (`glossary import`).
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// The file to read.
    pub file: PathBuf,
    /// Its format; from its extension when `None` (TBX when that says nothing).
    pub format: Option<Format>,
    /// Where the TOML goes: a path, or standard output for `None` or `-`.
    pub output: Option<PathBuf>,
}

/// What `glossary import` did.
#[derive(Debug)]
pub struct ImportReport {
    /// Where the TOML went.
    pub written: Written,
    /// Terms read.
    pub terms: usize,
    /// Quote-register entries read.
    pub quotes: usize,
    /// How many findings lint has about the result, worth knowing before it is committed.
    pub findings: usize,
}

/// Converts the file of `request` to the glossary's TOML.
pub fn import(request: &ImportRequest) -> Result<ImportReport, Error> {
    let file = &request.file;
    let name = slash_path(file);
    let format = request
        .format
        .unwrap_or_else(|| Format::from_path(&name).unwrap_or(Format::Tbx));
    let text = match format {
        Format::Tbx => files::read_xml_within(file, Limit::Input)?,
        _ => files::read_text(file)?,
    };
    let glossary = match format {
        Format::Tbx => interchange::from_tbx(&text, &name),
        f => interchange::from_table(&text, f, &name),
    }
    .map_err(|e| Error::Interchange {
        path: file.clone(),
        line: e.line,
        kind: e.kind,
    })?;
    let toml = interchange::to_toml(&glossary, &name);
    // What lint would say about the result is worth knowing before it is committed.
    let mut reread = Glossary::default();
    let problems = reread.add_file("imported.toml", &toml);
    let findings = lint_glossary(&reread, &problems).len();
    let written = emit(
        toml,
        request.output.as_deref(),
        &[(file.as_path(), InputRole::Glossary)],
    )?;
    Ok(ImportReport {
        written,
        terms: glossary.terms.len(),
        quotes: glossary.quotes.len(),
        findings,
    })
}
