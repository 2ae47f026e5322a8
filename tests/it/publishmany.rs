//! `puente publish WORKFILE_OR_FOLDER…`: every story a work file names, in one run, each behind
//! the same gate, a refusal or an error its own (the others go on), one summary, and the index
//! rebuilt once at the end. `--date` and `--author` are one story's, refused with several.

use std::path::Path;

use serde_json::Value;

use crate::publish::glossary;
use crate::support::{code, fixtures, puente, stderr};

/// Writes the sample article as `work/NAME.en.md`, dated `date`, and its work file
/// `work/NAME.es.po` made from the fixture `po` (reviewed, or with faults), pointed at it.
pub fn story(dir: &Path, name: &str, date: &str, po: &str) {
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    let article = std::fs::read_to_string(fixtures().join("drone-strikes.en.md"))
        .unwrap()
        .replacen("lang: en\n", &format!("lang: en\ndate: {date}\n"), 1);
    let sha = puente::text::sha256_hex(article.as_bytes());
    let po = std::fs::read_to_string(fixtures().join(po))
        .unwrap()
        .replace(
            "X-Puente-Source: drone-strikes.en.md",
            &format!("X-Puente-Source: {name}.en.md"),
        )
        .replace(
            "83ea59adc8b66a072618f33d33d39c4f393e8692cf512202f430ce91876ed917",
            &sha,
        );
    std::fs::write(work.join(format!("{name}.en.md")), article).unwrap();
    std::fs::write(work.join(format!("{name}.es.po")), po).unwrap();
}

/// `puente publish ARGS… --out site --glossary G`.
pub fn publish(dir: &Path, args: &[&str]) -> std::process::Output {
    let g = glossary();
    let mut all = vec!["publish"];
    all.extend_from_slice(args);
    all.extend(["--out", "site", "--glossary", &g]);
    puente(dir, &all)
}

/// The slugs of an index page's rows, in order.
pub fn rows(page: &str) -> Vec<&str> {
    page.split("<tr data-slug=\"")
        .skip(1)
        .map(|r| &r[..r.find('"').unwrap()])
        .collect()
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The JSON records of a run, by type.
fn records(o: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_folder_publishes_every_story_past_a_refusal_and_an_error_and_rebuilds_the_index_once() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path(), "a-oct", "2026-10-05", "drone-strikes.es.po");
    story(dir.path(), "b-nov", "2026-11-02", "drone-strikes.es.po");
    story(dir.path(), "c-fuzzy", "2026-11-03", "violations/fuzzy.po");
    // A work file whose article is gone: an error of its own.
    story(dir.path(), "d-gone", "2026-11-04", "drone-strikes.es.po");
    std::fs::remove_file(dir.path().join("work/d-gone.en.md")).unwrap();

    let o = publish(dir.path(), &["work"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "an error outranks a refusal: {err}");
    // The data: each published story's bilingual page, in the order of the work files.
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "site/bilingual/a-oct.html\nsite/bilingual/b-nov.html\n"
    );
    assert!(err.contains("work/c-fuzzy.es.po: c-fuzzy refused"), "{err}");
    assert!(err.contains("publish refused"), "{err}");
    assert!(err.contains("d-gone.en.md"), "{err}");
    assert!(
        err.contains(
            "published 2 stories into site; 1 refused, 1 failed; the index was rebuilt once"
        ),
        "{err}"
    );
    assert!(!dir.path().join("site/en/c-fuzzy.html").exists());
    assert!(!dir.path().join("site/c-fuzzy.story.json").exists());
    // The index lists both, newest first, each on its month's archive page.
    let en = read(dir.path(), "site/en/index.html");
    assert_eq!(rows(&en), ["b-nov", "a-oct"]);
    assert_eq!(rows(&read(dir.path(), "site/en/2026-10.html")), ["a-oct"]);
    assert_eq!(rows(&read(dir.path(), "site/es/2026-11.html")), ["b-nov"]);

    // Without the broken one, the refusal is the run's exit 1; the same files, as JSON: each
    // story's record lists its own files and its record only, the summary the index pages,
    // written once.
    std::fs::remove_file(dir.path().join("work/d-gone.es.po")).unwrap();
    let o = publish(dir.path(), &["work", "--format", "json"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let recs = records(&o);
    let kinds: Vec<&str> = recs.iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["publish", "publish", "publish", "publish-summary"]);
    assert_eq!(recs[0]["slug"], "a-oct");
    assert_eq!(recs[2]["published"], false);
    for r in &recs[..2] {
        let files = r["files"].as_array().unwrap();
        assert_eq!(files.len(), 8, "{r}");
        assert!(files[7].as_str().unwrap().ends_with(".story.json"), "{r}");
    }
    let summary = &recs[3];
    assert_eq!(
        (
            &summary["published"],
            &summary["refused"],
            &summary["failed"]
        ),
        (&Value::from(2), &Value::from(1), &Value::from(0))
    );
    let index: Vec<&str> = summary["index"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(
        index[..3],
        [
            "site/index.html",
            "site/en/index.html",
            "site/es/index.html"
        ]
    );

    // --draft holds for every story: the fuzzy one is published as a draft, exit 0.
    let o = publish(dir.path(), &["work", "--draft"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("published 3 stories into site (3 as DRAFTS)"));
    let en = read(dir.path(), "site/en/index.html");
    assert_eq!(rows(&en), ["c-fuzzy", "b-nov", "a-oct"]);
}

#[test]
fn work_files_named_one_by_one_are_published_in_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path(), "a", "2026-10-05", "drone-strikes.es.po");
    story(dir.path(), "b", "2026-11-02", "drone-strikes.es.po");
    let o = publish(dir.path(), &["work/b.es.po", "work/a.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "site/bilingual/b.html\nsite/bilingual/a.html\n"
    );
    // One work file alone is a run of one, and takes one story's date.
    let o = publish(dir.path(), &["work/a.es.po", "--date", "2026-12-25"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("published 1 story into site"),
        "{}",
        stderr(&o)
    );
    let record: Value = serde_json::from_str(&read(dir.path(), "site/a.story.json")).unwrap();
    assert_eq!(record["date"], "2026-12-25");
}

#[test]
fn date_and_author_are_one_storys_and_refused_with_several_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path(), "a", "2026-10-05", "drone-strikes.es.po");
    story(dir.path(), "b", "2026-11-02", "drone-strikes.es.po");
    for (flag, value) in [("--date", "2026-01-01"), ("--author", "Ana Ruiz")] {
        let o = publish(dir.path(), &["work", flag, value]);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!(
                "error: {flag} is one story's, but 2 work files are being published"
            )),
            "{}",
            stderr(&o)
        );
        assert!(stderr(&o).contains("hint: publish the story on its own"));
        assert!(!dir.path().join("site").exists());
    }
    let g = glossary();
    let o = puente(
        dir.path(),
        &[
            "--ui-lang",
            "es-MX",
            "publish",
            "work",
            "--date",
            "2026-01-01",
            "--out",
            "site",
            "--glossary",
            &g,
        ],
    );
    assert!(
        stderr(&o)
            .contains("--date es de una sola nota, pero se están publicando 2 archivos de trabajo"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_storys_po_and_its_copy_publish_once_and_two_stories_never_share_a_slug() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    story(d, "rain", "2026-11-20", "drone-strikes.es.po");
    // The same story's work file twice (as a PO and an XLIFF would be), the copy older.
    let po = d.join("work/rain.es.po");
    std::fs::copy(&po, d.join("work/rain-copy.es.po")).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(d.join("work/rain-copy.es.po"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let o = publish(d, &["work/"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "work/rain-copy.es.po translates the same story as work/rain.es.po, which is newer: only work/rain.es.po is published"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(rows(&read(d, "site/es/index.html")), ["rain"]);

    // Another story whose article names the same slug: refused, the first story's pages kept.
    story(d, "snow", "2026-11-21", "drone-strikes.es.po");
    let snow = d.join("work/snow.en.md");
    let text = std::fs::read_to_string(&snow).unwrap();
    let text = text.replacen("lang: en\n", "lang: en\nslug: rain\n", 1);
    let sha = puente::text::sha256_hex(text.as_bytes());
    std::fs::write(&snow, &text).unwrap();
    let snow_po = d.join("work/snow.es.po");
    let po_text = std::fs::read_to_string(&snow_po).unwrap();
    let line = po_text
        .lines()
        .find(|l| l.contains("X-Puente-Source-SHA256"))
        .unwrap()
        .to_string();
    let fixed = po_text.replace(&line, &format!("\"X-Puente-Source-SHA256: {sha}\\n\""));
    std::fs::write(&snow_po, fixed).unwrap();
    std::fs::remove_file(d.join("work/rain-copy.es.po")).unwrap();
    std::fs::remove_dir_all(d.join("site")).unwrap();
    let o = publish(d, &["work/rain.es.po", "work/snow.es.po"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("work/snow.es.po: its story's slug rain is the slug of work/rain.es.po"),
        "{}",
        stderr(&o)
    );
    assert_eq!(rows(&read(d, "site/es/index.html")), ["rain"]);
    assert!(read(d, "site/es/rain.html").contains("2026-11-20"));
}
