//! The memory's server going away in the middle of a folder merge (issue 18), with the real
//! binary and a private cluster (`tests/common/pg.rs`) stopped at once (`pg_ctl stop -m
//! immediate`) once the memory has learned the first stories and while the run is still
//! going. The contract: the run exits 2; every edition on disk is whole (written whole or not
//! at all); a story whose edition is written is either in the memory, or named in an error
//! that names the server (never its password), the reason and the `tm add` that adds it
//! later said once for all the stories that failed for it; none is both missing from the
//! memory and silent.

use std::collections::BTreeSet;
use std::fs;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::pg::{Cluster, WRITER_PASSWORD};
use crate::support::{code, command, corpus_opening, stderr, translate_all};

/// Enough stories for several of the memory's batches (500 work files each), so that a
/// debug build is still merging when the first batch has been learned.
const STORIES: usize = 3000;

/// The story numbers of `names` that end with `suffix` (`a0042.es.md` → 42).
fn numbers<'a>(names: impl Iterator<Item = &'a str>, suffix: &str) -> BTreeSet<usize> {
    names
        .filter_map(|n| n.strip_prefix('a')?.strip_suffix(suffix)?.parse().ok())
        .collect()
}

/// The stories the memory on `cluster` holds (each story's own first sentence), or none
/// while its tables are not made.
fn learned(cluster: &Cluster) -> BTreeSet<usize> {
    let Ok(rows) = cluster.admin("news").query(
        "SELECT source FROM puente_units WHERE source LIKE 'Story % opens here.'",
        &[],
    ) else {
        return BTreeSet::new();
    };
    rows.iter()
        .filter_map(|r| {
            r.get::<_, String>(0)
                .strip_prefix("Story ")?
                .strip_suffix(" opens here.")?
                .parse()
                .ok()
        })
        .collect()
}

#[test]
fn the_memory_server_going_away_mid_merge_is_an_error_and_no_story_is_lost_silently() {
    let cluster = Cluster::start();
    cluster.create_db("news", "writer");
    let url = cluster.url_as("writer", "news");
    let dir = corpus_opening(STORIES, |i| format!("Story {i} opens here."));
    fs::write(
        dir.path().join("puente.toml"),
        format!("[project]\nsource = \"en\"\ntarget = \"es\"\n\n[tm]\nurl = \"{url}\"\n"),
    )
    .unwrap();
    let puente = |args: &[&str]| {
        let mut c = command(dir.path(), args);
        c.env("HOME", dir.path())
            .env_remove("PGPASSFILE")
            .env("PGPASSWORD", WRITER_PASSWORD);
        c
    };
    let o = puente(&["segment", "corpus"]).output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for e in fs::read_dir(dir.path().join("work")).unwrap().flatten() {
        translate_all(&e.path());
    }

    let err = dir.path().join("err.txt");
    let mut child = puente(&["merge", "work"])
        .stdout(Stdio::null())
        .stderr(fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    // The server goes once the memory has learned the first stories, while the run goes on.
    let started = Instant::now();
    let before = loop {
        let now = learned(&cluster);
        if !now.is_empty() {
            break now;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "nothing learned"
        );
        if let Some(status) = child.try_wait().unwrap() {
            panic!("{status}: {}", fs::read_to_string(&err).unwrap());
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    cluster.stop();
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run ended before the server went: {}",
        fs::read_to_string(&err).unwrap()
    );
    let status = child.wait().unwrap();
    let text = fs::read_to_string(&err).unwrap();
    assert_eq!(status.code(), Some(2), "{text}");
    assert!(
        !text.contains(WRITER_PASSWORD),
        "the password was printed:\n{text}"
    );
    let place = format!("127.0.0.1:{}/news", cluster.port);
    assert!(text.contains(&place), "the server is named: {text}");

    // Every edition on disk is whole: the first story's, with its own first sentence; and
    // nothing half-written (no temporary file) is left beside them.
    let corpus = dir.path().join("corpus");
    let names: Vec<String> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let written = numbers(names.iter().map(String::as_str), ".es.md");
    let articles = numbers(names.iter().map(String::as_str), ".md");
    assert_eq!(articles.len(), STORIES);
    assert_eq!(
        names.len(),
        articles.len() + written.len(),
        "only articles and editions: {:?}",
        names
            .iter()
            .filter(|n| !n.ends_with(".md"))
            .collect::<Vec<_>>()
    );
    assert!(
        written.is_superset(&before),
        "learned stories have editions"
    );
    let edition = |i: usize| fs::read_to_string(corpus.join(format!("a{i:04}.es.md"))).unwrap();
    let first = edition(0);
    assert!(first.contains("ES: Story 0 opens here."));
    for &i in &written {
        assert_eq!(
            edition(i),
            first.replace("Story 0 opens here.", &format!("Story {i} opens here.")),
            "a{i:04}.es.md is whole"
        );
    }

    // What the memory holds, read once the server is back.
    cluster.start_again();
    let learned = learned(&cluster);
    assert!(learned.is_superset(&before));
    assert!(
        learned.is_subset(&written),
        "the memory holds only merged stories"
    );
    // Every other story with an edition is named, as merged but not learned.
    let not_learned = regex::Regex::new(
        r"(?m)^error: work/a(\d+)\.es\.po is merged, but the translation memory (\S+) did not learn its units$",
    )
    .unwrap();
    let mut named = BTreeSet::new();
    for c in not_learned.captures_iter(&text) {
        assert_eq!(&c[2], url, "{text}");
        named.insert(c[1].parse::<usize>().unwrap());
    }
    assert!(
        !named.is_empty(),
        "the server was down for part of the run: {text}"
    );
    assert!(named.is_disjoint(&learned), "{named:?} named and learned");
    let missing: Vec<_> = written
        .difference(&learned)
        .filter(|i| !named.contains(i))
        .collect();
    assert!(
        missing.is_empty(),
        "merged, not learned, and not said: {missing:?}\n{text}"
    );
    // A reason and its hint are said once, not for each later story: those are named one
    // line each, and one hint at the end adds them all.
    assert!(
        text.lines().count() < named.len() + 20,
        "one line per story after the first for a reason:\n{text}"
    );
    assert!(
        text.contains("more work files above were not learned for the same reason")
            && text.contains("puente tm add work\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "merged {} work files: {} written, 0 refused, 0 failed; the memory did not learn {} of those written\n",
            written.len(),
            written.len(),
            named.len()
        )),
        "{text}"
    );
}
