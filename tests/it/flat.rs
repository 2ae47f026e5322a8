//! Folder runs hold a batch at a time (issue 17, "memory flat in the number of articles"):
//! `segment`, `merge` and `publish` of a folder hand each batch's reports out as soon as the
//! batch is done, and keep only counts, rather than holding every story's report until the
//! summary. Each test proves it without timing: the last story's article (or work file) is a
//! FIFO that the test feeds only once the first stories' lines are out, so a run that printed nothing
//! before its end waits for the FIFO forever; the test then feeds it (to let the run end)
//! and fails.

use std::fs;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{code, puente, stderr, translate_all};

/// More stories than a folder run takes in one batch (`app::segment::BATCH`,
/// `app::merge::BATCH`), so that the FIFO's story is in a later batch than the first.
const STORIES: usize = {
    let (segment, merge) = (puente::app::segment::BATCH, puente::app::merge::BATCH);
    (if segment > merge { segment } else { merge }) + 2
};

/// A project (English into Spanish) with `corpus/` holding `n` small articles; the first has a
/// front matter key puente does not know, which `segment` warns of.
fn corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("puente.toml"),
        "[project]\nsource = \"en\"\ntarget = \"es\"\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    for i in 0..n {
        let extra = if i == 0 { "flavour: mint\n" } else { "" };
        fs::write(
            dir.path().join(format!("corpus/a{i:03}.md")),
            article(&format!("Story {i}"), extra),
        )
        .unwrap();
    }
    dir
}

fn article(title: &str, extra: &str) -> String {
    format!("---\ntitle: \"{title}\"\n{extra}---\n\n{title} opens here. It has readers.\n")
}

/// Makes `path` a FIFO (what was there, if anything, is removed first).
fn fifo(path: &Path) {
    let _ = fs::remove_file(path);
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Runs puente in `dir` with `args` (stdout and stderr into files), waits until `seen` holds
/// of (stdout, stderr) while the run is still waiting for the FIFO at `late`, then writes
/// `text` into the FIFO and waits for the run to end. Returns the exit code, stdout and
/// stderr. Fails (after feeding the FIFO, so that the run ends) if the run printed nothing
/// `seen` accepts before it reached the FIFO.
fn feed_once_seen(
    dir: &Path,
    args: &[&str],
    late: &Path,
    text: &str,
    seen: impl Fn(&str, &str) -> bool,
) -> (i32, String, String) {
    let (out, err) = (dir.join("out.txt"), dir.join("err.txt"));
    let mut child = crate::support::command(dir, args)
        // A story whose article is not there yet holds one of the pool's threads; the
        // others must be free to settle the batches before it, whatever this machine's
        // number of cores.
        .env("RAYON_NUM_THREADS", "4")
        .stdout(fs::File::create(&out).unwrap())
        .stderr(fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let read = || {
        (
            fs::read_to_string(&out).unwrap_or_default(),
            fs::read_to_string(&err).unwrap_or_default(),
        )
    };
    let started = Instant::now();
    loop {
        let (o, e) = read();
        if seen(&o, &e) {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the run ended ({status}) without reading the FIFO:\n{o}\n{e}");
        }
        if started.elapsed() > Duration::from_secs(120) {
            // The run holds its reports until it ends, and it cannot end: it waits for the
            // FIFO.
            let _ = child.kill();
            let _ = child.wait();
            panic!("nothing of the first batch was printed while the last story waited:\n{o}\n{e}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // The run is waiting for the FIFO, or soon will be: it is opened for writing once a
    // reader has it open (a non-blocking open fails until then).
    let mut writer = loop {
        match fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(late)
        {
            Ok(f) => break f,
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
                if let Some(status) = child.try_wait().unwrap() {
                    let (o, e) = read();
                    panic!("the run ended ({status}) without reading the FIFO:\n{o}\n{e}");
                }
                if started.elapsed() > Duration::from_secs(240) {
                    let _ = child.kill();
                    let (o, e) = read();
                    panic!("the run never read the FIFO:\n{o}\n{e}");
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!("{}: {e}", late.display()),
        }
    };
    writer.write_all(text.as_bytes()).unwrap();
    drop(writer);
    let status = child.wait().unwrap();
    let (o, e) = read();
    (status.code().unwrap_or(-1), o, e)
}

#[test]
fn segment_of_a_folder_says_the_first_batch_s_warnings_while_a_later_article_is_unread() {
    let dir = corpus(STORIES);
    let late = dir.path().join("late.md");
    fifo(&late);
    let text = article("Late story", "");
    let (exit, _, err) = feed_once_seen(
        dir.path(),
        &["segment", "corpus", "late.md"],
        &late,
        &text,
        |_, err| err.contains("corpus/a000.md"),
    );
    assert_eq!(exit, 0, "{err}");
    // The warning, once, then the summary of every article, the late one included.
    assert_eq!(err.matches("flavour").count(), 1, "{err}");
    assert!(
        err.contains(&format!("segmented {} articles: ", STORIES + 1)),
        "{err}"
    );
    assert!(dir.path().join("work/late.es.po").is_file());
}

/// `corpus(STORIES)` segmented and its work files reviewed, with one more story, `late/late.md`,
/// whose work file is `late/late.es.po`, also reviewed. Returns the project.
fn reviewed_with_a_late_story() -> tempfile::TempDir {
    let dir = corpus(STORIES);
    let o = puente(dir.path(), &["segment", "corpus"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    fs::create_dir(dir.path().join("late")).unwrap();
    let text = article("Late story", "");
    fs::write(dir.path().join("late/late.md"), &text).unwrap();
    let o = puente(
        dir.path(),
        &["segment", "late/late.md", "-o", "late/late.es.po"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for e in fs::read_dir(dir.path().join("work")).unwrap().flatten() {
        translate_all(&e.path());
    }
    translate_all(&dir.path().join("late/late.es.po"));
    dir
}

/// Makes the file at `path` a FIFO, and returns what it held.
fn fifo_for(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    fifo(path);
    text
}

#[test]
fn merge_of_a_folder_prints_the_first_batch_s_records_while_a_later_work_file_is_unread() {
    let dir = reviewed_with_a_late_story();
    // Merge reads a work file named on the command line whatever it is.
    let late = dir.path().join("late/late.es.po");
    let text = fifo_for(&late);
    let (exit, out, err) = feed_once_seen(
        dir.path(),
        &["merge", "work", "late/late.es.po", "--format", "json"],
        &late,
        &text,
        |out, _| out.contains("a000.md"),
    );
    assert_eq!(exit, 0, "{err}");
    // One record a story, in the order given, the late one last.
    let records: Vec<&str> = out.lines().collect();
    assert_eq!(records.len(), STORIES + 1, "{out}");
    for (i, r) in records.iter().take(STORIES).enumerate() {
        assert!(r.contains(&format!("corpus/a{i:03}.md\"")), "{r}");
    }
    assert!(records[STORIES].contains("late/late.md"), "{out}");
    assert!(
        err.contains(&format!("merged {} work files", STORIES + 1)),
        "{err}"
    );
    assert!(dir.path().join("late/late.es.md").is_file());
}

#[test]
fn publish_of_a_folder_prints_each_story_s_record_while_a_later_article_is_unread() {
    let dir = reviewed_with_a_late_story();
    // Publish reads every work file first (one per story), then each story's article.
    let late = dir.path().join("late/late.md");
    let text = fifo_for(&late);
    fs::create_dir(dir.path().join("no-glossary")).unwrap();
    let args = [
        "publish",
        "work",
        "late/late.es.po",
        "--out",
        "site",
        "--glossary",
        "no-glossary",
        // The stories' made-up translations are drafts to the gate.
        "--draft",
        "--format",
        "json",
    ];
    let (exit, out, err) = feed_once_seen(dir.path(), &args, &late, &text, |out, _| {
        out.contains("\"slug\":\"a000\"")
    });
    assert_eq!(exit, 0, "{err}");
    let records: Vec<&str> = out.lines().collect();
    // Each story's record, in order, then the summary's.
    assert_eq!(records.len(), STORIES + 2, "{out}");
    assert!(records[0].contains("\"slug\":\"a000\""), "{out}");
    assert!(records[STORIES].contains("\"slug\":\"late\""), "{out}");
    assert!(
        records[STORIES + 1].contains(&format!("\"published\":{}", STORIES + 1)),
        "{out}"
    );
}
