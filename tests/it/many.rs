//! Many files in one run: `segment` of a folder of articles and `merge` of a folder of work
//! files do what a shell loop of single runs does (the same work files and editions byte for
//! byte, the same units in the memory), report a broken item and go on, refuse `-o` with
//! several inputs, and end with one summary (contract snapshots). A memory that cannot take a
//! batch fails its merges, named, with exit 2.

use std::fs;
use std::path::Path;

use crate::support::{code, contract, corpus, puente, stderr, translate_all};

const ARTICLES: usize = 30;

fn names(dir: &Path, folder: &str) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir.join(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Segments each article of `corpus/` by itself, as a shell loop does, and checks each run.
fn segment_one_by_one(dir: &Path) {
    for name in names(dir, "corpus") {
        let o = puente(dir, &["segment", &format!("corpus/{name}")]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
    }
}

/// Every unit of the project's memory but its time of creation, in the memory's order.
fn units(dir: &Path) -> Vec<Vec<String>> {
    let db = rusqlite::Connection::open(dir.join(".puente/tm.sqlite")).unwrap();
    let mut stmt = db
        .prepare(
            "SELECT source_lang, target_lang, source, target, prev, next, origin FROM units \
             ORDER BY id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| (0..7).map(|i| r.get::<_, String>(i)).collect())
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn a_folder_of_articles_is_segmented_in_one_run_as_single_runs_segment_each() {
    let (many, single) = (corpus(ARTICLES), corpus(ARTICLES));
    let o = puente(many.path(), &["segment", "corpus"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!("segmented {ARTICLES} articles: 1680 segments, 0 failed\n")
    );
    segment_one_by_one(single.path());
    let written = names(many.path(), "work");
    assert_eq!(written.len(), ARTICLES);
    assert_eq!(written, names(single.path(), "work"));
    for name in &written {
        assert_eq!(
            fs::read(many.path().join("work").join(name)).unwrap(),
            fs::read(single.path().join("work").join(name)).unwrap(),
            "{name} differs from a single run's"
        );
    }
}

#[test]
fn a_folder_of_reviewed_work_files_is_merged_in_one_run_as_single_runs_merge_each() {
    let (many, single) = (corpus(ARTICLES), corpus(ARTICLES));
    for dir in [many.path(), single.path()] {
        segment_one_by_one(dir);
        for name in names(dir, "work") {
            translate_all(&dir.join("work").join(name));
        }
    }
    let o = puente(many.path(), &["merge", "work"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!("merged {ARTICLES} work files: {ARTICLES} written, 0 refused, 0 failed\n")
    );
    for name in names(single.path(), "work") {
        let o = puente(single.path(), &["merge", &format!("work/{name}")]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
    }
    let editions = names(many.path(), "corpus");
    assert_eq!(editions.len(), 2 * ARTICLES);
    assert_eq!(editions, names(single.path(), "corpus"));
    for name in &editions {
        assert_eq!(
            fs::read(many.path().join("corpus").join(name)).unwrap(),
            fs::read(single.path().join("corpus").join(name)).unwrap(),
            "{name} differs from a single run's"
        );
    }
    // The same units, from the same work files, in the same order as 30 merges one by one.
    let (fed, one_by_one) = (units(many.path()), units(single.path()));
    assert!(fed.len() > ARTICLES * 3, "{} units", fed.len());
    assert_eq!(fed, one_by_one);
}

#[test]
fn a_broken_article_is_reported_and_the_others_are_segmented() {
    let dir = corpus(5);
    // The third article's front matter is never closed.
    fs::write(
        dir.path().join("corpus/a02.md"),
        "---\ntitle: Council vote\nlang: en\n\n# Council vote\n\nThe mayor spoke on Monday.\n",
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "corpus"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        names(dir.path(), "work"),
        ["a00.es.po", "a01.es.po", "a03.es.po", "a04.es.po"]
    );
    insta::assert_snapshot!("many_segment_one_broken", contract(&o, dir.path()));
}

#[test]
fn a_refused_and_a_broken_work_file_are_reported_and_the_others_merged() {
    let dir = corpus(5);
    segment_one_by_one(dir.path());
    let work = dir.path().join("work");
    for name in ["a00.es.po", "a01.es.po", "a02.es.po", "a04.es.po"] {
        translate_all(&work.join(name));
    }
    // a03 is not translated: the gate refuses it. Alone, that is exit 1.
    let o = puente(dir.path(), &["merge", "work"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    insta::assert_snapshot!("many_merge_one_refused", contract(&o, dir.path()));
    assert!(!dir.path().join("corpus/a03.es.md").exists());
    for i in [0, 1, 2, 4] {
        assert!(dir.path().join(format!("corpus/a0{i}.es.md")).is_file());
    }
    // A work file that is not one as well: an error, so exit 2, and the others still merge.
    fs::write(work.join("a01.es.po"), "msgid \"unclosed\n").unwrap();
    fs::remove_file(dir.path().join("corpus/a04.es.md")).unwrap();
    let o = puente(dir.path(), &["merge", "work"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("work/a01.es.po"), "{}", stderr(&o));
    assert!(stderr(&o).ends_with("merged 5 work files: 3 written, 1 refused, 1 failed\n"));
    assert!(dir.path().join("corpus/a04.es.md").is_file());
}

#[test]
fn a_memory_that_cannot_learn_a_batch_fails_its_merges_by_name() {
    let dir = corpus(3);
    segment_one_by_one(dir.path());
    for name in names(dir.path(), "work") {
        translate_all(&dir.path().join("work").join(name));
    }
    // segment made the folder, for the articles' parses.
    fs::create_dir_all(dir.path().join(".puente")).unwrap();
    fs::write(
        dir.path().join(".puente/tm.sqlite"),
        "this is not a database, and SQLite cannot write to it\n".repeat(100),
    )
    .unwrap();
    let o = puente(dir.path(), &["merge", "work"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    // Each merge is named as not learned, its edition written all the same (it is right)
    // and counted as written, and the hint says how the memory learns it later.
    for i in 0..3 {
        assert!(dir.path().join(format!("corpus/a0{i}.es.md")).is_file());
    }
    insta::assert_snapshot!("many_merge_memory_failed", contract(&o, dir.path()));
    // The summary says the same in Spanish.
    let o = puente(dir.path(), &["--ui-lang", "es-MX", "merge", "work"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with(
            "3 archivos de trabajo combinados: 3 escritos, 0 rechazados, 0 con error; \
             la memoria no aprendió 3 de los escritos\n"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_output_or_an_update_with_several_inputs_is_refused() {
    let dir = corpus(2);
    for args in [
        &["segment", "corpus/a00.md", "corpus/a01.md", "-o", "x.po"][..],
        &["segment", "corpus", "-o", "x.po"],
        &[
            "segment",
            "corpus/a00.md",
            "corpus/a01.md",
            "--update",
            "x.po",
        ],
    ] {
        let o = puente(dir.path(), args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(!dir.path().join("work").exists(), "{args:?} wrote");
        assert!(!dir.path().join("x.po").exists(), "{args:?} wrote");
    }
    let o = puente(
        dir.path(),
        &["segment", "corpus/a00.md", "corpus/a01.md", "-o", "x.po"],
    );
    insta::assert_snapshot!("many_segment_output_refused", contract(&o, dir.path()));
    segment_one_by_one(dir.path());
    let o = puente(dir.path(), &["merge", "work", "-o", "x.md"]);
    assert_eq!(code(&o), 2);
    assert!(!dir.path().join("x.md").exists());
    insta::assert_snapshot!("many_merge_output_refused", contract(&o, dir.path()));
    // The single-file forms keep their flags.
    let o = puente(dir.path(), &["segment", "corpus/a00.md", "-o", "x.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(dir.path().join("x.po").is_file());
}

#[test]
fn tm_add_of_several_work_files_ends_with_one_summary() {
    let (dir, single) = (corpus(3), corpus(3));
    for d in [dir.path(), single.path()] {
        segment_one_by_one(d);
        for name in names(d, "work") {
            translate_all(&d.join("work").join(name));
        }
    }
    let o = puente(
        dir.path(),
        &[
            "tm",
            "add",
            "work/a00.es.po",
            "work/missing.es.po",
            "work/a01.es.po",
            "work/a02.es.po",
        ],
    );
    assert_eq!(code(&o), 2);
    insta::assert_snapshot!("many_tm_add", contract(&o, dir.path()));
    // The units of a `tm add` of each file, one after the other.
    for name in names(single.path(), "work") {
        let o = puente(single.path(), &["tm", "add", &format!("work/{name}")]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
    }
    assert_eq!(units(dir.path()), units(single.path()));
}

#[test]
fn two_articles_of_one_work_file_are_segmented_one_after_the_other() {
    // `a/story.md` and `b/story.md` both go to the project's `work/story.es.po`: the later
    // one replaces the earlier's work file, as a loop of single runs leaves it, never both
    // at once.
    let (many, single) = (corpus(2), corpus(2));
    for dir in [many.path(), single.path()] {
        for (sub, i) in [("a", 0), ("b", 1)] {
            fs::create_dir(dir.join("corpus").join(sub)).unwrap();
            fs::rename(
                dir.join(format!("corpus/a0{i}.md")),
                dir.join(format!("corpus/{sub}/story.md")),
            )
            .unwrap();
        }
    }
    let o = puente(many.path(), &["segment", "corpus/a", "corpus/b"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for article in ["corpus/a/story.md", "corpus/b/story.md"] {
        let o = puente(single.path(), &["segment", article]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    assert_eq!(names(many.path(), "work"), ["story.es.po"]);
    let po = fs::read_to_string(many.path().join("work/story.es.po")).unwrap();
    assert!(po.contains("Story 1 opens here."), "{po}");
    assert_eq!(
        po,
        fs::read_to_string(single.path().join("work/story.es.po")).unwrap()
    );
}

#[test]
fn two_work_files_of_one_article_leave_the_later_ones_edition_in_a_folder_merge() {
    // Each article has two work files, `work/a/` and `work/b/`, translated differently: a
    // folder merge leaves each article's edition from its later work file (`b`), as a loop of
    // single runs does, however the merges are spread over the cores. Forty work files are
    // one batch, merged and written at once.
    let dir = corpus(20);
    let d = dir.path();
    for sub in ["a", "b"] {
        fs::create_dir_all(d.join("work").join(sub)).unwrap();
    }
    for i in 0..20 {
        for sub in ["a", "b"] {
            let out = format!("work/{sub}/a{i:02}.es.po");
            let o = puente(d, &["segment", &format!("corpus/a{i:02}.md"), "-o", &out]);
            assert_eq!(code(&o), 0, "{}", stderr(&o));
            translate_all(&d.join(&out));
            let text = fs::read_to_string(d.join(&out)).unwrap();
            fs::write(
                d.join(&out),
                text.replace(
                    "msgstr \"ES: ",
                    &format!("msgstr \"{}: ", sub.to_uppercase()),
                ),
            )
            .unwrap();
        }
    }
    let o = puente(d, &["merge", "work"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for i in 0..20 {
        let edition = fs::read_to_string(d.join(format!("corpus/a{i:02}.es.md"))).unwrap();
        assert!(
            edition.contains(&format!("B: Story {i} opens here.")),
            "{edition}"
        );
        assert!(!edition.contains("A: "), "{edition}");
    }
}

#[test]
fn a_folder_run_leaves_the_editions_merge_wrote_beside_their_sources() {
    let dir = corpus(2);
    let d = dir.path();
    // The first story segmented, translated (the source copied as its translation, reviewed)
    // and merged: its Spanish edition now sits beside it.
    let o = puente(d, &["segment", "corpus/a00.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    translate_all(&d.join("work/a00.es.po"));
    let o = puente(d, &["merge", "work/a00.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(d.join("corpus/a00.es.md").is_file());
    // A story written in Spanish, with no English source beside it, is a source of its own.
    fs::write(
        d.join("corpus/c.es.md"),
        "---\nlang: es\ntitle: \"Llueve\"\n---\n\nLlueve en la ciudad.\n",
    )
    .unwrap();

    let o = puente(d, &["segment", "corpus/"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "corpus/a00.es.md is the edition merge wrote from corpus/a00.md: not segmented"
        ),
        "{}",
        stderr(&o)
    );
    assert!(
        !d.join("work/a00.en.po").exists(),
        "the edition was segmented"
    );
    assert!(d.join("work/a01.es.po").is_file());
    assert!(
        d.join("work/c.en.po").is_file(),
        "a Spanish story is segmented"
    );
}

#[test]
fn tm_add_of_a_folder_adds_every_work_file_in_it() {
    let (dir, single) = (corpus(3), corpus(3));
    for d in [dir.path(), single.path()] {
        segment_one_by_one(d);
        for name in names(d, "work") {
            translate_all(&d.join("work").join(name));
        }
    }
    let o = puente(dir.path(), &["tm", "add", "work/"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("from 3 work files, 0 failed"),
        "{}",
        stderr(&o)
    );
    for name in names(single.path(), "work") {
        let o = puente(single.path(), &["tm", "add", &format!("work/{name}")]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
    }
    assert_eq!(units(dir.path()), units(single.path()));
}

#[test]
fn translate_of_a_folder_fills_each_work_file_as_single_runs_do() {
    crate::support::require("apertium");
    let (many, single) = (corpus(3), corpus(3));
    for dir in [many.path(), single.path()] {
        segment_one_by_one(dir);
    }
    // A folder, a missing path and an empty folder in one run: each path that cannot be
    // searched is reported in its place (after the folder's files), the work files are
    // translated, and the run ends with one line.
    fs::create_dir(many.path().join("empty")).unwrap();
    let o = puente(
        many.path(),
        &["translate", "work", "missing", "empty", "--no-cache"],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    for name in names(single.path(), "work") {
        let o = puente(
            single.path(),
            &["translate", &format!("work/{name}"), "--no-cache"],
        );
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
    }
    let written = names(many.path(), "work");
    assert_eq!(written.len(), 3);
    for name in &written {
        let text = fs::read_to_string(many.path().join("work").join(name)).unwrap();
        assert!(text.contains("#, fuzzy"), "{name} was not translated");
        assert_eq!(
            text,
            fs::read_to_string(single.path().join("work").join(name)).unwrap(),
            "{name} differs from a single run's"
        );
    }
    insta::assert_snapshot!("many_translate", contract(&o, many.path()));
}

#[test]
fn check_of_a_folder_finds_an_inconsistency_between_files_far_apart() {
    // More files than a check reads at once: the first translation of a sentence is
    // remembered after its file is let go, and a different one 69 files later is reported
    // against it, in file order with the other findings.
    let dir = corpus(70);
    segment_one_by_one(dir.path());
    for name in names(dir.path(), "work") {
        translate_all(&dir.path().join("work").join(name));
    }
    let last = dir.path().join("work/a69.es.po");
    let text = fs::read_to_string(&last).unwrap();
    let changed = text.replacen("msgstr \"ES: ANALYSIS\"", "msgstr \"ANÁLISIS\"", 1);
    assert_ne!(text, changed);
    fs::write(&last, changed).unwrap();
    let o = puente(dir.path(), &["check", "work", "--format", "json"]);
    let found: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["rule"] == "inconsistent")
        .collect();
    assert_eq!(found.len(), 1, "{}", stderr(&o));
    assert_eq!(found[0]["file"], "work/a69.es.po");
    assert_eq!(found[0]["args"]["file"], "work/a00.es.po");
    assert_eq!(found[0]["args"]["other"], "ES: ANALYSIS");
    assert!(
        stderr(&o).contains("70 files, 3920 segments"),
        "{}",
        stderr(&o)
    );
}
