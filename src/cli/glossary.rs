//! `puente glossary lint|export|import`: lints the project's glossary (or the given file or
//! folder), and converts it to and from TBX, TSV and CSV.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;

use super::render::lint_line;
use super::{exit_findings, path_arg, slash_path, CmdResult};
use crate::error::Error;
use crate::files::{self, Durability, InputRole};
use crate::glossary::interchange::{self, Format};
use crate::glossary::lint::lint;
use crate::glossary::Glossary;
use crate::output::Output;
use crate::project::{glossary_files, Project};
use crate::t;

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    match m.subcommand() {
        Some(("lint", m)) => lint_cmd(m, out, project),
        Some(("export", m)) => export_cmd(m, out, project),
        Some(("import", m)) => import_cmd(m, out),
        _ => Ok(ExitCode::from(2)),
    }
}

fn lint_cmd(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let path = match path_arg(m, "path") {
        Some(p) => p,
        None => default_glossary(project),
    };
    let mut glossary = Glossary::default();
    let mut problems = Vec::new();
    let files = glossary_files(&path)?;
    for f in &files {
        let text = files::read_text(f)?;
        problems.extend(glossary.add_file(&slash_path(f), &text));
    }
    let findings = lint(&glossary, &problems);
    if m.get_one::<String>("format").map(String::as_str) == Some("json") {
        // JSON Lines in the common envelope, never localized.
        for f in &findings {
            out.json(
                "glossary-finding",
                &serde_json::json!({
                    "file": f.file,
                    "line": f.line,
                    "column": f.column,
                    "entry": f.entry,
                    "rule": f.rule,
                    "args": f.args,
                }),
            )?;
        }
    } else {
        let mut buf = String::new();
        for f in &findings {
            buf.push_str(&lint_line(l, f));
            buf.push('\n');
        }
        out.data(&buf)?;
    }
    if findings.is_empty() {
        out.note(&t!(
            l,
            "lint-clean",
            files = files.len(),
            terms = glossary.terms.len(),
            quotes = glossary.quotes.len()
        ));
        Ok(ExitCode::SUCCESS)
    } else {
        out.note(&t!(l, "lint-summary", count = findings.len()));
        Ok(exit_findings())
    }
}

/// The project's glossary folder, or `glossary` in the current folder.
fn default_glossary(project: &Project) -> PathBuf {
    project
        .config()
        .map(|c| c.glossary_dir())
        .unwrap_or_else(|| PathBuf::from("glossary"))
}

/// Writes `text` to `-o FILE` (never one of `inputs`), or to stdout (no `-o`, or `-o -`).
fn emit(
    m: &ArgMatches,
    out: &Output<'_>,
    text: &str,
    inputs: &[(&Path, InputRole)],
) -> Result<(), super::Failure> {
    match path_arg(m, "output").filter(|p| p.as_os_str() != "-") {
        Some(p) => {
            files::write_output(&p, inputs, Durability::Synced, |w| {
                w.write_all(text.as_bytes())
            })?;
            out.note(&t!(out.l10n(), "glossary-written", path = slash_path(&p)));
            Ok(())
        }
        None => Ok(out.data(text)?),
    }
}

fn export_cmd(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let path = match path_arg(m, "path") {
        Some(p) => p,
        None => default_glossary(project),
    };
    let (glossary, _) = crate::project::load_glossary(&path)?;
    let sources = glossary_files(&path)?;
    let inputs: Vec<(&Path, InputRole)> = sources
        .iter()
        .map(|f| (f.as_path(), InputRole::Glossary))
        .collect();
    let format = match m.get_one::<String>("format").map(String::as_str) {
        Some("tsv") => Format::Tsv,
        Some("csv") => Format::Csv,
        _ => Format::Tbx,
    };
    let text = match format {
        Format::Tbx => interchange::to_tbx(&glossary),
        f => {
            if !glossary.quotes.is_empty() {
                out.note(&t!(
                    l,
                    "glossary-quotes-left-out",
                    count = glossary.quotes.len()
                ));
            }
            interchange::to_table(&glossary, f)
        }
    };
    emit(m, out, &text, &inputs)?;
    out.note(&t!(
        l,
        "glossary-exported",
        terms = glossary.terms.len(),
        quotes = if format == Format::Tbx {
            glossary.quotes.len()
        } else {
            0
        }
    ));
    Ok(ExitCode::SUCCESS)
}

fn import_cmd(m: &ArgMatches, out: &Output<'_>) -> CmdResult {
    let l = out.l10n();
    let file = path_arg(m, "file").unwrap_or_default();
    let name = slash_path(&file);
    let format = match m.get_one::<String>("format").map(String::as_str) {
        Some("tbx") => Format::Tbx,
        Some("tsv") => Format::Tsv,
        Some("csv") => Format::Csv,
        _ => Format::from_path(&name).unwrap_or(Format::Tbx),
    };
    let text = match format {
        Format::Tbx => files::read_xml_within(&file, files::Limit::Input)?,
        _ => files::read_text(&file)?,
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
    let findings = lint(&reread, &problems);
    emit(m, out, &toml, &[(file.as_path(), InputRole::Glossary)])?;
    out.note(&t!(
        l,
        "glossary-imported",
        terms = glossary.terms.len(),
        quotes = glossary.quotes.len()
    ));
    if !findings.is_empty() {
        out.note(&t!(l, "glossary-import-lint", count = findings.len()));
    }
    Ok(ExitCode::SUCCESS)
}
