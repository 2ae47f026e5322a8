//! `puente merge`: work file + source article → translated article, behind the gate that
//! every segment is translated and reviewed (or `--draft`). A draft's summary says DRAFT
//! whatever the output (a plain-text edition, which cannot carry the flag, included).
//! `--source ARTICLE` names the article of a work file whose article moved.

use std::process::ExitCode;

use clap::ArgMatches;
use serde::Serialize;

use super::render::pending_item;
use super::{exit_findings, path_arg, report_error, CmdResult};
use crate::app::merge::{self, Request};
use crate::output::Output;
use crate::project::{slash_path, Project};
use crate::t;
use crate::workfile::merge::PendingSegment;

/// The `merge` record of `--format json`.
#[derive(Serialize)]
struct Record<'a> {
    output: Option<String>,
    source: String,
    translated: usize,
    total: usize,
    draft: bool,
    pending: &'a [PendingSegment],
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let request = Request {
        workfile: path_arg(m, "workfile").unwrap_or_default(),
        output: path_arg(m, "output"),
        source: path_arg(m, "source"),
        draft: m.get_flag("draft"),
        cwd: super::current_dir(),
    };
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    let report = merge::run(project, &request)?;
    if report.refused {
        // Said even with --quiet: it is why the exit code is 1.
        out.refusal(&t!(l, "merge-refused", count = report.pending.len()));
        for p in report.pending.iter().take(20) {
            out.refusal(&format!("  {}", pending_item(l, p, &report.source_name)));
        }
        if report.pending.len() > 20 {
            out.refusal(&format!(
                "  {}",
                t!(l, "merge-more", count = report.pending.len() - 20)
            ));
        }
        out.refusal(&format!(
            "{}: {}",
            l.get("hint-prefix"),
            l.get("merge-hint-draft")
        ));
    }
    if let Some(text) = &report.stdout {
        out.data(text)?;
    } else if json {
        out.json(
            "merge",
            &Record {
                output: (!report.refused).then(|| slash_path(&report.output)),
                source: slash_path(&report.source),
                translated: report.translated,
                total: report.total,
                draft: request.draft,
                pending: &report.pending,
            },
        )?;
    }
    if report.refused {
        return Ok(exit_findings());
    }
    if request.draft {
        out.note(&t!(
            l,
            "merge-draft",
            count = report.pending.len(),
            unreviewed = report.unreviewed,
            kept = report.kept
        ));
        if !report.flagged {
            out.note(&l.get("merge-draft-plain"));
        }
    }
    if report.stdout.is_none() {
        out.note(&t!(
            l,
            if request.draft {
                "merge-done-draft"
            } else {
                "merge-done"
            },
            path = report.output.display().to_string(),
            translated = report.translated,
            total = report.total
        ));
    }
    // A memory that could not take the reviewed translations is an error (the edition is
    // written): they did not reach it.
    match report.memory {
        Some((_, Ok(n))) => {
            out.note(&t!(
                l,
                "tm-added",
                count = n,
                file = slash_path(&request.workfile)
            ));
            Ok(ExitCode::SUCCESS)
        }
        Some((_, Err(e))) => {
            report_error(out, &e);
            Ok(ExitCode::from(2))
        }
        None => Ok(ExitCode::SUCCESS),
    }
}
