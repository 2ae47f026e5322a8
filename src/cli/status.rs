//! `puente status [PATH…]`: per work file, how many segments and words are translated, fuzzy
//! (unreviewed) and untranslated. Words are counted in the source, as translators bill them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;
use serde::Serialize;

use super::render::SearchErrors;
use super::{report_error, slash_path, CmdResult};
use crate::app::status::{status, Counts};
use crate::app::workfiles;
use crate::output::Output;
use crate::project::Project;
use crate::t;

/// One `status` record of `--format json`: the file and its counts.
#[derive(Serialize)]
struct FileCounts<'a> {
    file: &'a str,
    #[serde(flatten)]
    counts: &'a Counts,
    /// Whether the total counts it (false for the older of two work files of one story).
    counted: bool,
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let given: Vec<PathBuf> = m
        .get_many::<PathBuf>("paths")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let found = workfiles::find(&given, &project.work_dir(Path::new(".")));
    for p in &found.skipped {
        out.note(&t!(l, "note-not-a-regular-file", path = slash_path(p)));
    }
    let mut failed = found.errors.len();
    // A path that could not be searched is said where it was given among the lines.
    let mut search_errors = SearchErrors::new(&found);
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    let mut total = Counts::default();
    let mut counted = 0;
    let entries = status(&found.files);
    for entry in &entries {
        search_errors.before_file(&entry.path, |e| report_error(out, e));
        let p = &entry.path;
        // A file that cannot be read is reported, and the others are still counted.
        let c = match &entry.counts {
            Ok(c) => c,
            Err(e) => {
                report_error(out, e);
                failed += 1;
                continue;
            }
        };
        // A story is counted once: its newer work file counts, and the other says so.
        match entry.repeats {
            Some(newer) => out.note(&t!(
                l,
                "status-same-story",
                file = slash_path(p),
                other = slash_path(&entries[newer].path)
            )),
            None => {
                total.add(c);
                counted += 1;
            }
        }
        let file = slash_path(p);
        if json {
            out.json(
                "status",
                &FileCounts {
                    file: &file,
                    counts: c,
                    counted: entry.repeats.is_none(),
                },
            )?;
        } else {
            out.data(&line(l, &file, c))?;
        }
    }
    search_errors.rest(|e| report_error(out, e));
    if counted > 1 || counted < entries.iter().filter(|e| e.counts.is_ok()).count() {
        if json {
            out.json("status-total", &total)?;
        } else {
            out.data(&line(l, &l.get("status-total"), &total))?;
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn line(l: &crate::l10n::L10n, file: &str, c: &Counts) -> String {
    let all = c.translated + c.fuzzy + c.untranslated;
    // An empty work file has nothing left to do.
    let percent = (c.translated * 100).checked_div(all).unwrap_or(100);
    let mut line = t!(
        l,
        "status-line",
        file = file.to_string(),
        percent = percent,
        translated = c.translated,
        fuzzy = c.fuzzy,
        untranslated = c.untranslated,
        words = c.translated_words + c.fuzzy_words + c.untranslated_words,
        left = c.fuzzy_words + c.untranslated_words
    );
    line.push('\n');
    line
}
