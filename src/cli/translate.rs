//! `puente translate`: fills the untranslated segments of work files with machine translation
//! ([`crate::app::translate`] does the work). This file maps the arguments to a request,
//! renders what the run says as it goes (a progress bar, each file's summary, a file that
//! could not be read or translated) and decides the exit code: 2 when a file failed with an
//! error or the run stopped, else 1 when segments were left untranslated, else 0.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgMatches;

use super::CmdResult;
use crate::app::translate::{self, Event, Progress, Request, Summary};
use crate::l10n::L10n;
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;
use crate::t;

/// The work file a run is filling and how far it got, as saved on disk: what a signal that
/// ends the process reports ([`report_interrupted`]). `None` between work files.
static PROGRESS: std::sync::Mutex<Option<Progress>> = std::sync::Mutex::new(None);

/// Records (or clears) the progress a signal reports.
fn set_progress(progress: Option<Progress>) {
    *PROGRESS.lock().unwrap_or_else(|e| e.into_inner()) = progress;
}

/// The line a stopped run prints: segments translated and saved, and still to translate.
fn stopped_line(l: &L10n, p: &Progress) -> String {
    t!(
        l,
        "translate-stopped",
        file = p.file.clone(),
        done = p.done,
        left = p.left
    )
}

/// For the signal handler, before the process exits: when a translate run is under way, says
/// on stderr how many segments it translated and saved and how many are still to translate,
/// as a run that stopped for any other reason does. Nothing otherwise.
pub fn report_interrupted(l: &L10n) {
    // The handler must not wait on a run that holds the record at that instant: a run only
    // holds it to copy a few numbers, so one short wait is enough, and none is a silence.
    let progress = PROGRESS
        .try_lock()
        .ok()
        .and_then(|p| p.clone())
        .or_else(|| {
            std::thread::sleep(std::time::Duration::from_millis(5));
            PROGRESS.try_lock().ok().and_then(|p| p.clone())
        });
    if let Some(p) = progress {
        let out = Output::new(l);
        out.note(&stopped_line(l, &p));
        // What was saved stays, and a new run sends only what is still empty.
        out.note(&t!(l, "translate-resume", left = p.left));
    }
}

/// The request the arguments make.
fn request(m: &ArgMatches) -> Request {
    Request {
        workfiles: m
            .get_many::<PathBuf>("workfiles")
            .map(|v| v.cloned().collect())
            .unwrap_or_default(),
        engine: m.get_one::<String>("engine").cloned(),
        glossary: m.get_one::<PathBuf>("glossary").cloned(),
        from: m.get_one::<Lang>("from").copied(),
        to: m.get_one::<Lang>("to").copied(),
        dry_run: m.get_flag("dry-run"),
        no_tm: m.get_flag("no-tm"),
        no_cache: m.get_flag("no-cache"),
    }
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    let mut bar: Option<crate::output::Progress> = None;
    // Stdout closed by its reader: the run goes on (its files are written), quietly.
    let mut closed = None;
    let mut on = |event: Event<'_>| match event {
        // SQLite's own words are the cause of a localized note, on a line of their own.
        Event::NoCache { path, reason } => out.note(&format!(
            "{}\n{}: {reason}",
            t!(l, "translate-no-cache", path = super::slash_path(path)),
            l.get("caused-by-prefix")
        )),
        // The server's words (never the password) are the cause, as SQLite's are above.
        Event::NoCacheServer { place, reason } => out.note(&format!(
            "{}\n{}: {reason}",
            t!(l, "translate-no-cache-server", place = place),
            l.get("caused-by-prefix")
        )),
        Event::Saved(p) => set_progress(Some(p.clone())),
        Event::StaleLock { path, pid } => out.note(&t!(
            l,
            "translate-stale-lock",
            file = super::slash_path(path),
            pid = pid
        )),
        // Output draws the bar only when a person watches stderr: never in JSON or quiet
        // mode or a pipe.
        Event::Sending {
            engine, segments, ..
        } => {
            bar = Some(out.progress(segments as u64, engine));
        }
        Event::Batch { segments } => {
            if let Some(bar) = &bar {
                bar.inc(segments as u64);
            }
        }
        Event::Summary(s) => {
            finish(&mut bar);
            if let Err(c) = report(out, l, s, json) {
                closed.get_or_insert(c);
            }
            if s.stopped {
                out.note(&stopped_line(l, &s.progress()));
            }
        }
        Event::Failed { error, .. } | Event::Unsearched(error) => {
            finish(&mut bar);
            let (msg, hint) = super::errors::describe(error, l);
            out.error(&msg, hint.as_deref());
        }
        Event::Skipped { path } => out.note(&t!(
            l,
            "note-not-a-regular-file",
            path = super::slash_path(path)
        )),
    };
    let result = translate::run(project, &request(m), &|k| std::env::var(k).ok(), &mut on);
    finish(&mut bar);
    let report = result?;
    // Several files get one line for the run, as merge and segment of a folder do.
    if report.files.len() + report.unsearched.len() > 1 {
        let summaries = report.files.iter().filter_map(|f| f.outcome.as_ref().ok());
        let (done, left, ok) =
            summaries.fold((0, 0, 0), |(d, l, n), s| (d + s.done(), l + s.left, n + 1));
        out.note(&t!(
            l,
            "translate-many-done",
            files = report.files.len(),
            done = done,
            left = left,
            failed = report.files.len() - ok + report.unsearched.len()
        ));
    }
    if let Some(c) = closed {
        return Err(c.into());
    }
    if let Some(e) = report.stopped {
        return Err(e.into());
    }
    Ok(if report.has_errors() {
        ExitCode::from(2)
    } else if report.has_failures() {
        super::exit_findings()
    } else {
        ExitCode::SUCCESS
    })
}

/// Clears the progress bar, if one is drawn, and the progress a signal would report: the file
/// is done.
fn finish(bar: &mut Option<crate::output::Progress>) {
    if let Some(bar) = bar.take() {
        bar.finish();
    }
    set_progress(None);
}

fn report(
    out: &Output<'_>,
    l: &L10n,
    s: &Summary,
    json: bool,
) -> Result<(), crate::output::Closed> {
    if json {
        return out.json("translate", s);
    }
    if s.dry_run {
        out.note(&t!(
            l,
            "translate-dry-run",
            file = s.file.clone(),
            segments = s.untranslated,
            characters = s.characters,
            batches = s.batches
        ));
    } else {
        out.note(&t!(
            l,
            "translate-summary",
            file = s.file.clone(),
            engine = s.engine.clone(),
            sent = s.sent,
            cached = s.cached,
            memory = s.memory,
            verified = s.verified,
            failed = s.failed,
            left = s.left,
            characters = s.characters,
            seconds = format!("{:.2}", s.seconds)
        ));
        // What a reviewer should look at first: the notes name the words and the repairs.
        if s.unknown > 0 {
            out.note(&t!(
                l,
                "translate-unknown-words",
                file = s.file.clone(),
                count = s.unknown
            ));
        }
        if s.repaired > 0 {
            out.note(&t!(
                l,
                "translate-repaired",
                file = s.file.clone(),
                count = s.repaired
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_progress_is_what_a_signal_reports() {
        let l = L10n::new(crate::l10n::UiLang::EnUs);
        let p = Progress {
            file: "w.po".into(),
            done: 2,
            left: 3,
        };
        set_progress(Some(p.clone()));
        assert_eq!(PROGRESS.lock().unwrap().clone(), Some(p.clone()));
        assert!(
            stopped_line(&l, &p).contains("2 segments translated and saved, 3 still to translate")
        );
        finish(&mut None);
        assert_eq!(*PROGRESS.lock().unwrap(), None);
    }
}
