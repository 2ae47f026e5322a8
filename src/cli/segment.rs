//! `puente segment`: writes the work file for an article (or for each article of several, or
//! of folders, with one summary), carrying over the translations of a work file it replaces
//! (the work is [`crate::app::segment`]'s), and warns of front matter keys puente does not
//! know, with the closest known key.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgMatches;

use super::render::SearchErrors;
use super::{path_arg, report_error, slash_path, CmdResult};
use crate::app::segment::{self, Request};
use crate::app::workfiles;
use crate::article::frontmatter::{FrontMatterWarning, KEYS, RELATED_KEYS};
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;
use crate::t;
use crate::workfile::WorkFormat;

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let given: Vec<PathBuf> = m
        .get_many::<PathBuf>("article")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let request = Request {
        article: given.first().cloned().unwrap_or_default(),
        flags: (
            m.get_one::<Lang>("from").copied(),
            m.get_one::<Lang>("to").copied(),
        ),
        output: path_arg(m, "output"),
        update: path_arg(m, "update"),
        format: match m.get_one::<String>("format").map(String::as_str) {
            Some("xliff") => Some(WorkFormat::Xliff),
            Some(_) => Some(WorkFormat::Po),
            None => None,
        },
    };
    // Several articles, or a folder of them: each work file where a single run puts it.
    if given.len() > 1 || given.iter().any(|p| p.is_dir()) {
        return run_many(out, project, &given, &request);
    }
    let report = segment::run(project, &request)?;
    front_warnings(out, &request.article, &report.warnings);
    if let Some(text) = &report.stdout {
        out.data(text)?;
    }
    if let Some(lent) = &report.lent {
        out.note(&t!(
            l,
            "segment-updated",
            fuzzy = lent.fuzzy,
            flagged = lent.flagged
        ));
        if lent.held > 0 {
            out.note(&t!(l, "segment-held", count = lent.held));
        }
    }
    if report.carried > 0 {
        out.note(&t!(
            l,
            "segment-carried",
            count = report.carried,
            path = report.output.display().to_string()
        ));
    }
    if report.stdout.is_none() {
        out.note(&t!(
            l,
            "segment-done",
            path = report.output.display().to_string(),
            segments = report.segments,
            blocks = report.blocks
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// `segment` of several articles or folders: each one's errors and front matter warnings, in
/// order, then one summary; exit 2 if any could not be segmented.
fn run_many(
    out: &Output<'_>,
    project: &Project,
    given: &[PathBuf],
    request: &Request,
) -> CmdResult {
    let l = out.l10n();
    let count = given.len();
    // One work file per article: an output or an update names one file.
    let refused = if request.output.is_some() {
        Some(("many-output", "hint-many-output"))
    } else if request.update.is_some() {
        Some(("many-update", "hint-many-update"))
    } else {
        None
    };
    if let Some((message, hint)) = refused {
        out.error(&t!(l, message, count = count), Some(&l.get(hint)));
        return Ok(ExitCode::from(2));
    }
    let found = workfiles::find_articles(given);
    let mut failed = found.errors.len();
    // A path that could not be searched is said where it was given among the articles'
    // messages: before the first article found after it.
    let mut search_errors = SearchErrors::new(&found);
    // The editions merge wrote beside their sources are not stories to translate again.
    let (sources, editions) = segment::editions_apart(project, &found.files, request.flags.0);
    for (edition, source) in &editions {
        out.note(&t!(
            l,
            "segment-edition-skipped",
            path = slash_path(edition),
            source = slash_path(source)
        ));
    }
    // A bar of articles (with the segments so far) while a person watches; Ctrl-C lets the
    // articles under way finish and starts no other.
    let bar = out.progress(sources.len() as u64, &l.get("progress-segment"));
    let so_far = std::sync::atomic::AtomicUsize::new(0);
    // Each batch's errors and warnings go out as soon as the batch is done, and only counts
    // are kept: a run over a whole archive never holds its reports.
    let (mut articles, mut segments, mut unstarted, mut started) = (0, 0, 0, 0);
    {
        let _between = crate::stop::Between::begin();
        let done = |r: &Result<segment::Report, crate::error::Error>| {
            let n = r.as_ref().map_or(0, |r| r.segments);
            let total = so_far.fetch_add(n, std::sync::atomic::Ordering::Relaxed) + n;
            bar.inc(1);
            bar.say(&t!(l, "progress-segments", segments = total));
        };
        segment::run_many(project, &sources, request, &done, |batch| {
            bar.suspend(|| {
                for (path, result) in batch.paths.iter().zip(batch.results) {
                    search_errors.before_file(path, |e| report_error(out, e));
                    let Some(result) = result else {
                        unstarted += 1;
                        continue;
                    };
                    started += 1;
                    match result {
                        Ok(report) => {
                            front_warnings(out, path, &report.warnings);
                            articles += 1;
                            segments += report.segments;
                        }
                        Err(e) => {
                            report_error(out, &e);
                            failed += 1;
                        }
                    }
                }
            })
        });
    }
    bar.finish();
    search_errors.rest(|e| report_error(out, e));
    out.note(&t!(
        l,
        "segment-many-done",
        articles = articles,
        segments = segments,
        failed = failed
    ));
    if let Some(signal) = crate::stop::requested() {
        return Ok(super::stopped_between(out, signal, started, unstarted));
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Says what an article's front matter holds that puente does not act on: each unknown key,
/// with its file and line, and the closest known key (else the keys puente knows).
pub fn front_warnings(out: &Output<'_>, path: &std::path::Path, warnings: &[FrontMatterWarning]) {
    let l = out.l10n();
    for w in warnings {
        let FrontMatterWarning::UnknownKey {
            line,
            key,
            closest,
            related,
        } = w;
        let message = t!(
            l,
            if *related {
                "fm-unknown-related-key"
            } else {
                "fm-unknown-key"
            },
            path = path.display().to_string(),
            line = *line,
            key = key.clone()
        );
        let hint = match closest {
            Some(c) => t!(l, "hint-fm-closest", closest = *c),
            None => {
                let keys = if *related { RELATED_KEYS } else { KEYS };
                let keys: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
                t!(l, "hint-fm-keys", keys = keys.join(", "))
            }
        };
        out.note(&format!("{}: {message}", l.get("warning-prefix")));
        out.note(&format!("{}: {hint}", l.get("hint-prefix")));
    }
}
