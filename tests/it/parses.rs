//! The articles' parses kept in `.puente/parses.sqlite`: `segment` keeps them, `merge` reads
//! them back instead of parsing the article again, and whatever is wrong with the file (gone,
//! damaged, kept by another build, not a file at all) leaves the editions exactly as a merge
//! that parses would write them, with nothing said.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{code, command, fixtures, puente, stderr};

/// The article fixtures the project holds: Markdown with YAML and TOML front matter, a byte
/// order mark, CRLF line ends, plain text, and a Spanish article (merged into English). No
/// edition of one is named as another.
const ARTICLES: &[&str] = &[
    "drone-strikes.en.md",
    "structure.en.md",
    "crlf.md",
    "toml-bom.md",
    "plain.txt",
    "cartels.es.md",
];

fn is_article(name: &str) -> bool {
    ARTICLES.contains(&name)
}

/// A project (English into Spanish) whose `corpus/` holds [`ARTICLES`].
fn project() -> tempfile::TempDir {
    let dir = crate::support::project_en_es();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    for a in ARTICLES {
        std::fs::copy(fixtures().join(a), dir.path().join("corpus").join(a)).unwrap();
    }
    dir
}

/// Segments the corpus and fills every work file with reviewed translations.
fn segment_and_translate(dir: &Path) {
    let o = puente(dir, &["segment", "corpus"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for po in std::fs::read_dir(dir.join("work")).unwrap() {
        fill(&po.unwrap().path());
    }
}

/// Fills every empty msgstr of the PO file at `po` with `ES: ` and its source, wrapped
/// source strings (`msgid ""` and continuation lines) included.
fn fill(po: &Path) {
    let text = std::fs::read_to_string(po).unwrap();
    let mut out = String::new();
    let mut msgid: Vec<&str> = Vec::new();
    let mut in_msgid = false;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("msgid ") {
            msgid = vec![rest];
            in_msgid = true;
        } else if in_msgid && line.starts_with('"') {
            msgid.push(line);
        } else {
            in_msgid = false;
        }
        let source: String = msgid.iter().map(|q| &q[1..q.len() - 1]).collect();
        if line == "msgstr \"\"" && !source.is_empty() {
            out.push_str(&format!("msgstr \"ES: {source}\"\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    std::fs::write(po, out).unwrap();
}

/// Removes the editions a merge wrote beside the articles.
fn remove_editions(dir: &Path) {
    for e in std::fs::read_dir(dir.join("corpus")).unwrap() {
        let p = e.unwrap().path();
        if !is_article(&p.file_name().unwrap().to_string_lossy()) {
            std::fs::remove_file(&p).unwrap();
        }
    }
}

/// Merges the work folder; returns every edition written (name, bytes) and the run's exit
/// code and stderr.
fn merge(dir: &Path) -> (Vec<(String, Vec<u8>)>, i32, String) {
    remove_editions(dir);
    let o = puente(dir, &["merge", "work"]);
    let mut editions: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !is_article(&p.file_name().unwrap().to_string_lossy()))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    editions.sort();
    (editions, code(&o), stderr(&o))
}

fn kept(dir: &Path) -> std::path::PathBuf {
    dir.join(".puente/parses.sqlite")
}

fn rows(dir: &Path) -> i64 {
    rusqlite::Connection::open(kept(dir))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM parses", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn segment_keeps_each_parse_and_merge_writes_the_same_editions_with_or_without_them() {
    let dir = project();
    segment_and_translate(dir.path());
    let articles = ARTICLES.len() as i64;
    assert_eq!(rows(dir.path()), articles);
    let with = merge(dir.path());
    assert_eq!(with.1, 0, "{}", with.2);
    assert_eq!(with.0.len() as i64, articles);
    // The same merge parsing every article.
    std::fs::remove_file(kept(dir.path())).unwrap();
    let without = merge(dir.path());
    assert_eq!(with, without);
    // merge only reads: it does not make the file when it is not there.
    assert!(!kept(dir.path()).exists());
    // The editions are those of the sample's own expected translation round trip: the
    // source with each sentence replaced, front matter and furniture byte for byte.
    let sample = with
        .0
        .iter()
        .find(|(n, _)| n == "drone-strikes.es.md")
        .unwrap();
    let text = String::from_utf8(sample.1.clone()).unwrap();
    assert!(text.starts_with("---\n"), "{text}");
    assert!(text.contains("ES: "), "{text}");
}

#[test]
fn a_folder_of_several_batches_keeps_every_article_s_parse() {
    // Each batch's parses are kept while the next batch is segmented, and the last batch's
    // after it: with two batches and one more article, every one of the three is met.
    let dir = crate::support::project_en_es();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let n = 2 * puente::app::segment::BATCH + 1;
    for i in 0..n {
        let text = format!("# Story {i}\n\nStory {i} opens here. It has {i} readers.\n");
        std::fs::write(corpus.join(format!("story-{i:03}.md")), text).unwrap();
    }
    let o = puente(dir.path(), &["segment", "corpus"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(rows(dir.path()), n as i64);
}

#[test]
fn damaged_or_foreign_parses_are_parsed_anew_and_said_nothing_of() {
    let dir = project();
    segment_and_translate(dir.path());
    let reference = merge(dir.path());
    assert_eq!(reference.1, 0, "{}", reference.2);
    let db = rusqlite::Connection::open(kept(dir.path())).unwrap();
    // Every way a row can be wrong, one per article: cut short, bytes flipped, swapped with
    // another article's parse, emptied.
    let keys: Vec<String> = db
        .prepare("SELECT checksum FROM parses ORDER BY checksum")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(keys.len() >= 4);
    db.execute(
        "UPDATE parses SET parse = substr(parse, 1, length(parse) / 2) WHERE checksum = ?1",
        [&keys[0]],
    )
    .unwrap();
    db.execute(
        "UPDATE parses SET parse = zeroblob(length(parse)) WHERE checksum = ?1",
        [&keys[1]],
    )
    .unwrap();
    db.execute(
        "UPDATE parses SET parse = (SELECT parse FROM parses WHERE checksum = ?2),
                           seal = (SELECT seal FROM parses WHERE checksum = ?2)
         WHERE checksum = ?1",
        [&keys[2], &keys[3]],
    )
    .unwrap();
    db.execute(
        "UPDATE parses SET parse = X'' WHERE checksum = ?1",
        [&keys[3]],
    )
    .unwrap();
    drop(db);
    assert_eq!(merge(dir.path()), reference);

    // Parses kept by another build of puente are never read, and the next segment drops
    // them all before it keeps its own.
    let db = rusqlite::Connection::open(kept(dir.path())).unwrap();
    db.execute("UPDATE build SET build = 'another puente'", [])
        .unwrap();
    db.execute(
        "INSERT INTO parses (checksum, format, lang, parse, seal) VALUES ('x', 0, 'en', X'00', X'00')",
        [],
    )
    .unwrap();
    drop(db);
    assert_eq!(merge(dir.path()), reference);
    let o = puente(dir.path(), &["segment", "corpus/plain.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(rows(dir.path()), 1);
}

#[test]
fn a_folder_or_a_fifo_where_the_parses_go_is_left_alone_and_nothing_waits_for_it() {
    let dir = project();
    std::fs::create_dir(dir.path().join(".puente")).unwrap();
    // A folder first: segment and merge go on without keeping or reading anything.
    std::fs::create_dir(kept(dir.path())).unwrap();
    segment_and_translate(dir.path());
    let reference = merge(dir.path());
    assert_eq!(reference.1, 0, "{}", reference.2);
    assert!(kept(dir.path()).is_dir());
    std::fs::remove_dir(kept(dir.path())).unwrap();
    // A FIFO nobody writes: opening it to read would wait forever.
    let status = std::process::Command::new("mkfifo")
        .arg(kept(dir.path()))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    remove_editions(dir.path());
    for args in [&["segment", "corpus"][..], &["merge", "work"][..]] {
        let mut child = command(dir.path(), args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("puente {args:?} waited on the FIFO");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        assert!(status.success(), "{args:?}: {err}");
        assert!(!err.contains("parses"), "{err}");
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(kept(dir.path()))
        .unwrap()
        .file_type()
        .is_fifo());
}

#[test]
fn a_work_file_only_printed_keeps_no_parse() {
    let dir = project();
    let o = puente(dir.path(), &["segment", "corpus/plain.txt", "-o", "-"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("msgid"));
    assert!(!kept(dir.path()).exists());
}

#[test]
fn outside_a_project_no_parse_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("drone-strikes.en.md"),
        dir.path().join("story.en.md"),
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "story.en.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!dir.path().join(".puente/parses.sqlite").exists());
}
