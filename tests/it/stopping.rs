//! Ctrl-C during a folder run: the stories under way finish, no other starts, and the run
//! says how many it did and how many it never started, with the shell's exit code 130. What
//! it did is whole: every work file written parses, every edition written has its units in
//! the memory. The signal is sent while the run is truly in the middle (some stories done,
//! most not started), which the tests check.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{code, corpus_opening, puente, stderr, translate_all};

/// Enough stories that a debug build takes seconds over them on two cores.
const STORIES: usize = 2000;

/// A project (English into Spanish) with `corpus/` holding `n` articles that differ by their
/// first sentence.
fn corpus(n: usize) -> tempfile::TempDir {
    corpus_opening(n, |i| format!("Story {i} opens here."))
}

fn count(dir: &Path, suffix: &str) -> usize {
    fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(suffix))
                .count()
        })
        .unwrap_or(0)
}

/// Runs puente in `dir` with `args`, sends SIGINT once `ready` holds, and returns the exit
/// code and stderr.
fn interrupt_when(dir: &Path, args: &[&str], ready: impl Fn() -> bool) -> (i32, String) {
    let err = dir.join("err.txt");
    let mut child = crate::support::command(dir, args)
        .stdout(Stdio::null())
        .stderr(fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !ready() {
        assert!(started.elapsed() < Duration::from_secs(60), "no progress");
        if let Some(status) = child.try_wait().unwrap() {
            let text = fs::read_to_string(&err).unwrap();
            panic!("the run ended ({status}) before the signal:\n{text}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let status = child.wait().unwrap();
    let text = fs::read_to_string(&err).unwrap();
    (status.code().unwrap_or(-1), text)
}

/// The counts the last line gives: (done, not started).
fn counts(err: &str) -> (usize, usize) {
    let re = regex::Regex::new(r"(?m)^interrupted by SIGINT: (\d+) done, (\d+) not started; run the same command again to do the rest$").unwrap();
    let c = re.captures(err).unwrap_or_else(|| panic!("{err}"));
    (c[1].parse().unwrap(), c[2].parse().unwrap())
}

#[test]
fn ctrl_c_during_segment_of_a_folder_finishes_the_articles_under_way_and_starts_no_other() {
    let dir = corpus(STORIES);
    let work = dir.path().join("work");
    let (exit, err) = interrupt_when(dir.path(), &["segment", "corpus"], || {
        count(&work, ".po") >= 20
    });
    assert_eq!(exit, 130, "{err}");
    // The note is said from a thread of its own as the signal comes (so a second signal is
    // heard even when stderr blocks): it may come before or after other lines, or not at
    // all when the run ends first.
    assert!(
        err.lines().count() <= 3
            && err
                .lines()
                .any(|l| l.starts_with("interrupted by SIGINT: ")),
        "{err}"
    );
    let (done, unstarted) = counts(&err);
    assert_eq!(done + unstarted, STORIES, "{err}");
    assert!(unstarted > 0, "the run finished before the signal: {err}");
    // Every article said done has its work file, whole; no other was written.
    assert_eq!(count(&work, ".po"), done);
    for e in fs::read_dir(&work).unwrap().flatten() {
        let text = fs::read_to_string(e.path()).unwrap();
        let wf = puente::workfile::WorkFile::read(&text, puente::workfile::WorkFormat::Po)
            .unwrap_or_else(|error| panic!("{}: {error:?}", e.path().display()));
        assert_eq!(wf.units.len(), 55, "{}", e.path().display());
    }
    assert_eq!(count(&work, ".tmp"), 0);
    // Running the command again does the rest.
    let o = puente(dir.path(), &["segment", "corpus"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(count(&work, ".po"), STORIES);
}

#[test]
fn ctrl_c_during_merge_of_a_folder_keeps_every_merged_story_in_the_memory() {
    let dir = corpus(STORIES);
    let o = puente(dir.path(), &["segment", "corpus"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let work = dir.path().join("work");
    for e in fs::read_dir(&work).unwrap().flatten() {
        translate_all(&e.path());
    }
    let corpus = dir.path().join("corpus");
    let (exit, err) = interrupt_when(dir.path(), &["merge", "work"], || {
        count(&corpus, ".es.md") >= 20
    });
    assert_eq!(exit, 130, "{err}");
    let (done, unstarted) = counts(&err);
    assert_eq!(done + unstarted, STORIES, "{err}");
    assert!(unstarted > 0, "the run finished before the signal: {err}");
    assert_eq!(count(&corpus, ".es.md"), done, "{err}");
    // The memory learned every story merged, and none other: each story's own first
    // sentence is there exactly when its edition is.
    let db = rusqlite::Connection::open(dir.path().join(".puente/tm.sqlite")).unwrap();
    let mut stmt = db
        .prepare("SELECT source FROM units WHERE source LIKE 'Story % opens here.'")
        .unwrap();
    let mut learned: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    learned.sort();
    let mut merged: Vec<String> = fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let n: usize = name
                .strip_prefix('a')?
                .strip_suffix(".es.md")?
                .parse()
                .ok()?;
            Some(format!("Story {n} opens here."))
        })
        .collect();
    merged.sort();
    assert_eq!(learned, merged);
}

#[test]
fn ctrl_c_during_publish_of_a_folder_indexes_the_stories_published() {
    const N: usize = 300;
    let dir = corpus(N);
    let o = puente(dir.path(), &["segment", "corpus"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let work = dir.path().join("work");
    for e in fs::read_dir(&work).unwrap().flatten() {
        translate_all(&e.path());
    }
    fs::create_dir(dir.path().join("no-glossary")).unwrap();
    let site = dir.path().join("site");
    let args = [
        "publish",
        "work",
        "--out",
        "site",
        "--glossary",
        "no-glossary",
        // The stories' made-up translations are drafts to the gate.
        "--draft",
    ];
    let (exit, err) = interrupt_when(dir.path(), &args, || count(&site, ".story.json") >= 5);
    assert_eq!(exit, 130, "{err}");
    let (done, unstarted) = counts(&err);
    assert_eq!(done + unstarted, N, "{err}");
    assert!(unstarted > 0, "the run finished before the signal: {err}");
    assert!(
        err.contains(&format!(
            "published {done} stories into site ({done} as DRAFTS)"
        )),
        "{err}"
    );
    assert_eq!(count(&site, ".story.json"), done);
    // The index lists exactly the stories published.
    let index = fs::read_to_string(site.join("en/index.html")).unwrap();
    assert_eq!(crate::publishmany::rows(&index).len(), done, "{index}");
}

/// A story under way that can never finish (a FIFO named on the command line that nothing
/// writes to) does not keep a single SIGTERM from ending a folder run, as a service manager or
/// a CI runner sends it: the run says it stops waiting and ends after the grace, with the
/// shell's 128 + 15, and leaves no temporary file.
#[cfg(unix)]
#[test]
fn one_sigterm_ends_a_folder_run_held_by_a_fifo_nothing_writes_to() {
    let dir = corpus(3);
    let stuck = dir.path().join("corpus/stuck.en.md");
    assert!(Command::new("mkfifo")
        .arg(&stuck)
        .status()
        .unwrap()
        .success());
    let err = dir.path().join("err.txt");
    let mut child = crate::support::command(
        dir.path(),
        &[
            "segment",
            "corpus/a0.en.md",
            "corpus/stuck.en.md",
            "corpus/a1.en.md",
        ],
    )
    .stdout(Stdio::null())
    .stderr(fs::File::create(&err).unwrap())
    .spawn()
    .unwrap();
    // Nothing ever writes to the FIFO: the run is held there for good, and still running
    // when the signal comes.
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run did not wait for the FIFO"
    );
    let pid = child.id().to_string();
    let signalled = Instant::now();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if signalled.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("one SIGTERM did not end the run within a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = fs::read_to_string(&err).unwrap();
    assert_eq!(status.code(), Some(143), "{text}");
    assert!(
        text.contains("what was under way did not finish within 10 s: stopping now"),
        "{text}"
    );
    assert!(text.contains("interrupted by SIGTERM"), "{text}");
    // Nothing half-made is left: no temporary file in the project.
    let mut left = Vec::new();
    for sub in ["corpus", "work", ".puente"] {
        for e in fs::read_dir(dir.path().join(sub))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.contains(".tmp") || name.starts_with(".puente-") {
                left.push(name);
            }
        }
    }
    assert!(left.is_empty(), "{left:?}");
}
