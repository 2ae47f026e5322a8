//! `import`: scraped plain text (a file or standard input) → the canonical Markdown article,
//! written to a file or given back for standard output.
//!
//! It never prints: what happened to special lines (dropped as page furniture, kept as a
//! related link) comes back as notes in the report, and the CLI renders them.

use std::path::PathBuf;

use crate::article::import::{import, Note};
use crate::error::Error;
use crate::files::{self, Durability, InputRole};
use crate::lang::Lang;
use crate::project::{LangEvidence, Project};

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The scraped text (`-` for standard input).
    pub input: PathBuf,
    /// Where the article goes: a path, or standard output for `None` or `-`.
    pub output: Option<PathBuf>,
    /// `--lang`: the article's language; when `None`, the project's one resolver decides
    /// (the input's file name, then the project's source language, then English).
    pub lang: Option<Lang>,
    /// Whether lines that look like page furniture are kept.
    pub keep_all: bool,
}

/// What an import did.
#[derive(Debug)]
pub struct Report {
    /// What happened to special lines, in order.
    pub notes: Vec<Note>,
    /// How many lines were dropped as page furniture.
    pub dropped: usize,
    /// Blocks written to the body and front matter.
    pub blocks: usize,
    /// The file written (`None` for standard output).
    pub output: Option<PathBuf>,
    /// The article when it goes to standard output (the CLI prints it).
    pub stdout: Option<String>,
}

/// Imports the scraped text of `request`; an error means nothing was written.
pub fn run(project: &Project, request: &Request) -> Result<Report, Error> {
    let input = &request.input;
    let text = files::read_text(input)?;
    let evidence = LangEvidence::flags(request.lang, None).with_article(None, input);
    let (lang, _) = project.languages(input, evidence, Some(Lang::En))?;
    let imported = import(&text, lang, request.keep_all);
    let dropped = imported
        .notes
        .iter()
        .filter(|n| matches!(n, Note::Dropped { .. }))
        .count();
    let (output, stdout) = match request.output.clone().filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            files::write_output(
                &path,
                &[(input.as_path(), InputRole::Input)],
                Durability::Synced,
                |w| w.write_all(imported.markdown.as_bytes()),
            )?;
            (Some(path), None)
        }
        None => (None, Some(imported.markdown)),
    };
    Ok(Report {
        notes: imported.notes,
        dropped,
        blocks: imported.blocks,
        output,
        stdout,
    })
}
