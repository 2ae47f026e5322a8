//! `puente glossary lint|export|import`: lints the project's glossary (or the given file or
//! folder), and converts it to and from TBX, TSV and CSV. The steps are
//! [`crate::app::glossary`]'s; this file maps the arguments and renders the reports.

use std::process::ExitCode;

use clap::ArgMatches;

use super::render::lint_line;
use super::{exit_findings, path_arg, slash_path, CmdResult};
use crate::app::glossary::{self, ExportRequest, ImportRequest, Written};
use crate::glossary::interchange::Format;
use crate::output::Output;
use crate::project::Project;
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
    let report = glossary::lint(project, path_arg(m, "path").as_deref())?;
    let findings = &report.findings;
    if m.get_one::<String>("format").map(String::as_str) == Some("json") {
        // JSON Lines in the common envelope, never localized.
        for f in findings {
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
        for f in findings {
            buf.push_str(&lint_line(l, f));
            buf.push('\n');
        }
        out.data(&buf)?;
    }
    if findings.is_empty() {
        out.note(&t!(
            l,
            "lint-clean",
            files = report.files,
            terms = report.terms,
            quotes = report.quotes
        ));
        Ok(ExitCode::SUCCESS)
    } else {
        out.note(&t!(l, "lint-summary", count = findings.len()));
        Ok(exit_findings())
    }
}

/// Prints a conversion that goes to stdout, or says which file it was written to.
fn render_written(out: &Output<'_>, written: &Written) -> Result<(), super::Failure> {
    if let Some(text) = &written.stdout {
        out.data(text)?;
    }
    if let Some(p) = &written.output {
        out.note(&t!(out.l10n(), "glossary-written", path = slash_path(p)));
    }
    Ok(())
}

fn export_cmd(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let request = ExportRequest {
        path: path_arg(m, "path"),
        format: match m.get_one::<String>("format").map(String::as_str) {
            Some("tsv") => Format::Tsv,
            Some("csv") => Format::Csv,
            _ => Format::Tbx,
        },
        output: path_arg(m, "output"),
    };
    let report = glossary::export(project, &request)?;
    if report.quotes_left_out > 0 {
        out.note(&t!(
            l,
            "glossary-quotes-left-out",
            count = report.quotes_left_out
        ));
    }
    render_written(out, &report.written)?;
    out.note(&t!(
        l,
        "glossary-exported",
        terms = report.terms,
        quotes = report.quotes
    ));
    Ok(ExitCode::SUCCESS)
}

fn import_cmd(m: &ArgMatches, out: &Output<'_>) -> CmdResult {
    let l = out.l10n();
    let request = ImportRequest {
        file: path_arg(m, "file").unwrap_or_default(),
        format: match m.get_one::<String>("format").map(String::as_str) {
            Some("tbx") => Some(Format::Tbx),
            Some("tsv") => Some(Format::Tsv),
            Some("csv") => Some(Format::Csv),
            _ => None,
        },
        output: path_arg(m, "output"),
    };
    let report = glossary::import(&request)?;
    render_written(out, &report.written)?;
    out.note(&t!(
        l,
        "glossary-imported",
        terms = report.terms,
        quotes = report.quotes
    ));
    if report.findings > 0 {
        out.note(&t!(l, "glossary-import-lint", count = report.findings));
    }
    Ok(ExitCode::SUCCESS)
}
