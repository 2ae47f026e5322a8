//! Publishing into one folder from several processes at once: each run reads the story
//! records and writes the index under the folder's lock (`.puente.index.lock`), so no run's
//! index drops a story another run published meanwhile.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::publish::glossary;
use crate::publishmany::{rows, story};
use crate::support::{code, command, stderr};

#[test]
fn a_publish_waits_for_the_folder_lock_before_it_reads_the_records_and_writes_the_index() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path(), "a", "2026-10-01", "drone-strikes.es.po");
    std::fs::create_dir(dir.path().join("site")).unwrap();
    // Another run holds the lock, as while it rebuilds the index.
    let lock = std::fs::File::create(dir.path().join("site/.puente.index.lock")).unwrap();
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive).unwrap();
    let g = glossary();
    let mut child = command(
        dir.path(),
        &["publish", "work/a.es.po", "--out", "site", "--glossary", &g],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // Long enough for a run that does not wait to have published and indexed its story.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "publish did not wait for the folder's lock"
    );
    assert!(!dir.path().join("site/en/index.html").exists());
    drop(lock);
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let index = std::fs::read_to_string(dir.path().join("site/en/index.html")).unwrap();
    assert_eq!(rows(&index), ["a"]);
    // The lock's file goes with the lock: nothing of it is left to be put online.
    assert!(!dir.path().join("site/.puente.index.lock").exists());
}

#[test]
fn stories_published_at_once_into_one_folder_are_all_in_its_index() {
    const STORIES: usize = 6;
    let dir = tempfile::tempdir().unwrap();
    for i in 0..STORIES {
        story(
            dir.path(),
            &format!("s{i}"),
            &format!("2026-10-{:02}", i + 1),
            "drone-strikes.es.po",
        );
    }
    let g = glossary();
    let children: Vec<_> = (0..STORIES)
        .map(|i| {
            let wf = format!("work/s{i}.es.po");
            command(
                dir.path(),
                &["publish", &wf, "--out", "site", "--glossary", &g],
            )
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    let started = Instant::now();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    assert!(started.elapsed() < Duration::from_secs(120));
    let index = std::fs::read_to_string(dir.path().join("site/en/index.html")).unwrap();
    let mut listed = rows(&index);
    listed.sort();
    let all: Vec<String> = (0..STORIES).map(|i| format!("s{i}")).collect();
    assert_eq!(listed, all);
    // Each run removed the lock's file as it let go, and a run waiting on a removed file
    // locked the name anew: none is left.
    assert!(!dir.path().join("site/.puente.index.lock").exists());
}
