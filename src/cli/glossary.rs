//! `puente glossary lint`: lints the project's glossary (or the given file or folder).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;

use super::{exit_findings, path_arg, project_config, slash_path, CmdResult};
use crate::error::Error;
use crate::files;
use crate::glossary::{lint::lint, Glossary};
use crate::output::Output;
use crate::t;

/// The glossary files at `path`: the file itself, or the `.toml` files of a folder, sorted.
pub fn glossary_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| Error::read(path, e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

pub fn run(m: &ArgMatches, out: &Output<'_>) -> CmdResult {
    match m.subcommand() {
        Some(("lint", m)) => lint_cmd(m, out),
        _ => Ok(ExitCode::from(2)),
    }
}

fn lint_cmd(m: &ArgMatches, out: &Output<'_>) -> CmdResult {
    let l = out.l10n();
    let path = match path_arg(m, "path") {
        Some(p) => p,
        None => project_config()?
            .map(|c| c.glossary_dir())
            .unwrap_or_else(|| PathBuf::from("glossary")),
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
        // JSON Lines, never localized, with a schema version.
        let mut buf = String::new();
        for f in &findings {
            let line = serde_json::json!({
                "schema": 1,
                "rule": f.rule,
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "entry": f.entry,
                "args": f.args,
            });
            buf.push_str(&line.to_string());
            buf.push('\n');
        }
        out.data(&buf)?;
    } else {
        let mut buf = String::new();
        for f in &findings {
            let arg = |k: &str| f.args.get(k).cloned().unwrap_or_default();
            let id = format!("lint-{}", f.rule);
            let message = t!(
                l,
                &id,
                entry = f.entry.clone().unwrap_or_default(),
                lang = arg("lang"),
                form = arg("form"),
                other = arg("other"),
                en = arg("en"),
                es = arg("es"),
                reason = arg("reason")
            );
            buf.push_str(&format!(
                "{}:{}:{}: {}[{}]: {}\n",
                f.file,
                f.line,
                f.column,
                l.get("lint-error"),
                f.rule,
                message
            ));
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
