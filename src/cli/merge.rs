//! `puente merge`: work file + source article → translated article, behind the gate that
//! every segment is translated and reviewed (or `--draft`); several work files or folders in
//! one run, with one summary. A draft's summary says DRAFT
//! whatever the output (a plain-text edition, which cannot carry the flag, included).
//! `--source ARTICLE` names the article of a work file whose article moved.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;
use serde::Serialize;

use super::render::{pending_item, SearchErrors};
use super::{exit_findings, path_arg, report_error, report_error_again, CmdResult, Failure};
use crate::app::merge::{self, Request};
use crate::app::workfiles;
use crate::error::Error;
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
    /// Whether the memory learned the merge's reviewed translations; absent when there were
    /// none to learn. `false` is the one per-story trace of a memory that stopped learning,
    /// which stderr says once per reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    learned: Option<bool>,
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let given: Vec<PathBuf> = m
        .get_many::<PathBuf>("workfile")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let request = Request {
        workfile: given.first().cloned().unwrap_or_default(),
        output: path_arg(m, "output"),
        source: path_arg(m, "source"),
        draft: m.get_flag("draft"),
        cwd: super::current_dir(),
    };
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    // Several work files, or a folder of them: each edition where a single run puts it.
    if given.len() > 1 || given.iter().any(|p| p.is_dir()) {
        return run_many(out, project, &given, &request, json);
    }
    let report = merge::run(project, &request)?;
    if report.refused {
        // Said even with --quiet: it is why the exit code is 1.
        out.refusal(&t!(l, "merge-refused", count = report.pending.len()));
        say_pending(out, &report, 20);
        out.refusal(&format!(
            "{}: {}",
            l.get("hint-prefix"),
            l.get("merge-hint-draft")
        ));
    }
    if let Some(text) = &report.stdout {
        out.data(text)?;
    } else if json {
        record(out, &report, request.draft)?;
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

/// The first `shown` of the segments that kept `report`'s merge from writing, one line each,
/// then how many more there are.
fn say_pending(out: &Output<'_>, report: &merge::Report, shown: usize) {
    let l = out.l10n();
    for p in report.pending.iter().take(shown) {
        out.refusal(&format!("  {}", pending_item(l, p, &report.source_name)));
    }
    if report.pending.len() > shown {
        out.refusal(&format!(
            "  {}",
            t!(l, "merge-more", count = report.pending.len() - shown)
        ));
    }
}

/// Prints the `merge` record of `--format json` for `report`.
fn record(out: &Output<'_>, report: &merge::Report, draft: bool) -> Result<(), Failure> {
    out.json(
        "merge",
        &Record {
            output: (!report.refused).then(|| slash_path(&report.output)),
            source: slash_path(&report.source),
            translated: report.translated,
            total: report.total,
            draft,
            pending: &report.pending,
            learned: report.memory.as_ref().map(|(_, fed)| fed.is_ok()),
        },
    )?;
    Ok(())
}

/// `path` as one word a POSIX shell reads back as it is: quoted when it holds anything
/// beyond letters, digits and `_./-`, so a hint's command can be pasted.
fn shell_word(path: &str) -> String {
    let plain = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '/' | '-'));
    if plain {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

/// `merge` of several work files or folders: each one's refusal or error, in order (and its
/// record with `--format json`), then one summary. Exit 2 if any failed or its memory did not
/// learn it, else 1 if the gate refused any, else 0.
fn run_many(
    out: &Output<'_>,
    project: &Project,
    given: &[PathBuf],
    request: &Request,
    json: bool,
) -> CmdResult {
    let l = out.l10n();
    let count = given.len();
    // One edition per work file: an output names one file, `--source` one article.
    let refused = if request.output.is_some() {
        Some(("many-output", "hint-many-output"))
    } else if request.source.is_some() {
        Some(("many-source", "hint-many-source"))
    } else {
        None
    };
    if let Some((message, hint)) = refused {
        out.error(&t!(l, message, count = count), Some(&l.get(hint)));
        return Ok(ExitCode::from(2));
    }
    let found = workfiles::find(given, Path::new("."));
    let mut failed = found.errors.len();
    // A path that could not be searched is said where it was given among the records.
    let mut search_errors = SearchErrors::new(&found);
    // An edition written is counted as written even when its memory did not learn it (said
    // apart, and an error all the same): the file is there, and right.
    let (mut written, mut refusals, mut unstarted, mut not_learned) = (0, 0, 0, 0);
    // For each memory, the reasons it gave for not learning a merge, each said once, and how
    // many merges were not learned for a reason already said.
    let mut unlearned: std::collections::BTreeMap<PathBuf, (Vec<String>, usize)> =
        Default::default();
    // A bar of work files while a person watches; Ctrl-C lets the merges under way finish
    // (written, and learned by the memory) and starts no other.
    let bar = out.progress(found.files.len() as u64, &l.get("progress-merge"));
    // Each batch's refusals, errors and records go out as soon as the batch is settled, and
    // only counts are kept: a run over a whole archive never holds its reports. The first
    // record that cannot be printed (a reader gone) is the run's error at the end, as it was
    // when everything was printed then: the merges go on, since they are the work.
    let mut printing: Result<(), Failure> = Ok(());
    {
        let _between = crate::stop::Between::begin();
        merge::run_many(project, &found.files, request, &|| bar.inc(1), |batch| {
            bar.suspend(|| {
                for (workfile, result) in batch.paths.iter().zip(batch.results) {
                    search_errors.before_file(workfile, |e| report_error(out, e));
                    let report = match result {
                        None => {
                            unstarted += 1;
                            continue;
                        }
                        Some(Ok(report)) => report,
                        Some(Err(e)) => {
                            report_error(out, &e);
                            failed += 1;
                            continue;
                        }
                    };
                    if json && printing.is_ok() {
                        printing = record(out, &report, request.draft);
                    }
                    if report.refused {
                        // Said even with --quiet: it is why the exit code is 1.
                        out.refusal(&t!(
                            l,
                            "merge-many-refused",
                            path = slash_path(workfile),
                            count = report.pending.len()
                        ));
                        // The first few say where to start; a folder of refusals stays
                        // readable, and the merge of one file lists them all.
                        say_pending(out, &report, 3);
                        refusals += 1;
                        continue;
                    }
                    match &report.memory {
                        Some((_, Err(e))) => {
                            // A memory that stops taking units fails every batch after, for
                            // the same reason: the reason and its hint are said once, with the
                            // first work file; the others are named one line each, and one
                            // hint at the end adds them all.
                            let cause = match e {
                                Error::NotLearned {
                                    memory, message, ..
                                } => Some((memory.clone(), message.clone())),
                                _ => None,
                            };
                            match cause {
                                Some((memory, message)) => {
                                    let seen = unlearned.entry(memory).or_default();
                                    if seen.0.contains(&message) {
                                        report_error_again(out, e);
                                        seen.1 += 1;
                                    } else {
                                        report_error(out, e);
                                        seen.0.push(message);
                                    }
                                }
                                None => report_error(out, e),
                            }
                            written += 1;
                            not_learned += 1;
                        }
                        _ => written += 1,
                    }
                }
            })
        });
    }
    bar.finish();
    search_errors.rest(|e| report_error(out, e));
    printing?;
    for &(_, again) in unlearned.values().filter(|(_, n)| *n > 0) {
        // The same paths again: `tm add` searches them as merge did, and a unit the memory
        // already has changes nothing.
        let command: String = std::iter::once("puente tm add".to_string())
            .chain(given.iter().map(|g| shell_word(&slash_path(g))))
            .collect::<Vec<_>>()
            .join(" ");
        out.refusal(&format!(
            "{}: {}",
            l.get("hint-prefix"),
            t!(l, "hint-not-learned-more", count = again, command = command)
        ));
    }
    if refusals > 0 {
        out.refusal(&format!(
            "{}: {}",
            l.get("hint-prefix"),
            l.get("merge-hint-draft")
        ));
    }
    out.note(&t!(
        l,
        "merge-many-done",
        files = written + refusals + failed,
        written = written,
        refused = refusals,
        failed = failed,
        unlearned = not_learned
    ));
    if let Some(signal) = crate::stop::requested() {
        let done = written + refusals + failed;
        return Ok(super::stopped_between(out, signal, done, unstarted));
    }
    Ok(if failed > 0 || not_learned > 0 {
        ExitCode::from(2)
    } else if refusals > 0 {
        exit_findings()
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn a_path_in_a_hint_reads_back_as_one_word() {
        assert_eq!(shell_word("work/a-1.es.po"), "work/a-1.es.po");
        assert_eq!(shell_word("my work"), "'my work'");
        assert_eq!(shell_word("O'Brien"), r"'O'\''Brien'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("$HOME;rm"), "'$HOME;rm'");
    }
}
