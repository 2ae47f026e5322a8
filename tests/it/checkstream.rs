//! Issue 17, item 3: `check` reports a batch of files as soon as it is checked, so that its
//! memory stays flat in the number of files (bench/checkmem.py measures that). A report over
//! more files than one batch holds what checks of each file find, in file order, plus what
//! only a check of them together finds (`inconsistent`); its SARIF and JUnit are valid and
//! agree with it; a file that cannot be read is reported when its batch is, after the
//! batches before it; and `-o FILE` with one file that cannot be checked writes nothing at
//! FILE and leaves no temporary file behind.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::reports::{junit_counts, junit_schema_check, valid_sarif};
use crate::support::{code, corpus, puente, stderr, translate_all};

/// More work files than a check reads at once (64).
const FILES: usize = 70;

/// A project (English into Spanish) whose `work/` holds `n` reviewed work files that differ
/// (each article opens with its own sentence), `a00.es.po`…, so that their order is the
/// names'. Their "translations" (`ES: ` and the source) keep the English quotation marks, so
/// every file has findings.
fn project(n: usize) -> tempfile::TempDir {
    let dir = corpus(n);
    let o = puente(dir.path(), &["segment", "corpus"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for i in 0..n {
        translate_all(&dir.path().join(format!("work/a{i:02}.es.po")));
    }
    dir
}

/// The JSON Lines records of a run's standard output.
fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// What a finding is, whatever the format: file, line, rule.
fn key(file: &str, line: u64, rule: &str) -> (String, u64, String) {
    (file.to_string(), line, rule.to_string())
}

#[test]
fn a_report_over_many_batches_holds_what_checks_of_each_file_find() {
    let dir = project(FILES);
    // A sentence translated differently 69 files after its first translation: only a check
    // of the files together finds it.
    let last = dir.path().join("work/a69.es.po");
    let text = fs::read_to_string(&last).unwrap();
    let changed = text.replacen("msgstr \"ES: ANALYSIS\"", "msgstr \"ANÁLISIS\"", 1);
    assert_ne!(text, changed);
    fs::write(&last, changed).unwrap();

    let o = puente(dir.path(), &["check", "work", "--format", "json"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let all = records(&o.stdout);
    let (inconsistent, rest): (Vec<Value>, Vec<Value>) = all
        .iter()
        .cloned()
        .partition(|r| r["rule"] == "inconsistent");
    assert_eq!(inconsistent.len(), 1, "{inconsistent:?}");
    assert_eq!(inconsistent[0]["file"], "work/a69.es.po");
    // Each file by itself finds the same, in the same order: file by file, in name order.
    let mut one_by_one = Vec::new();
    for i in 0..FILES {
        let o = puente(
            dir.path(),
            &["check", &format!("work/a{i:02}.es.po"), "--format", "json"],
        );
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        let found = records(&o.stdout);
        assert!(!found.is_empty(), "a{i:02}: every file has findings");
        one_by_one.extend(found);
    }
    assert_eq!(rest, one_by_one);
    let errors = all.iter().filter(|r| r["severity"] == "error").count();
    let warnings = all.len() - errors;
    // One warning: the inconsistent translation.
    assert_eq!(warnings, 1);
    let summary = format!("{FILES} files, 3920 segments: {errors} errors, 1 warning");
    assert!(stderr(&o).contains(&summary), "{}", stderr(&o));
    let mut want: Vec<_> = all
        .iter()
        .map(|r| {
            key(
                r["file"].as_str().unwrap(),
                r["line"].as_u64().unwrap(),
                r["rule"].as_str().unwrap(),
            )
        })
        .collect();
    want.sort();

    // SARIF, to a file and to standard output alike: valid, with one result per finding.
    let o = puente(
        dir.path(),
        &["check", "work", "--format", "sarif", "-o", "r.sarif"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains(&summary), "{}", stderr(&o));
    let written = fs::read_to_string(dir.path().join("r.sarif")).unwrap();
    let doc = valid_sarif(&written);
    let to_stdout = puente(dir.path(), &["check", "work", "--format", "sarif"]);
    assert_eq!(written.as_bytes(), &to_stdout.stdout[..]);
    let mut got: Vec<_> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let place = &r["locations"][0]["physicalLocation"];
            key(
                place["artifactLocation"]["uri"].as_str().unwrap(),
                place["region"]["startLine"].as_u64().unwrap(),
                r["ruleId"].as_str().unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );

    // JUnit: valid, a suite per file, a case per segment, a failure per error.
    let o = puente(
        dir.path(),
        &["check", "work", "--format", "junit", "-o", "junit.xml"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let xml = fs::read_to_string(dir.path().join("junit.xml")).unwrap();
    let (ok, why) = junit_schema_check(&dir.path().join("junit.xml"));
    assert!(ok, "{why}");
    let (tests, failures) = junit_counts(&xml);
    assert_eq!(tests, 3920);
    assert!(failures > 0 && failures <= errors, "{failures} of {errors}");
    assert_eq!(xml.matches("<testsuite ").count(), FILES);
    assert_eq!(xml.matches("<failure ").count(), errors);
    let to_stdout = puente(dir.path(), &["check", "work", "--format", "junit"]);
    assert_eq!(xml.as_bytes(), &to_stdout.stdout[..]);

    // The report for people: one heading line per finding.
    let o = puente(dir.path(), &["check", "work"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let headings = out
        .lines()
        .filter(|l| l.starts_with("work/a") && (l.contains(": error[") || l.contains(": warning[")))
        .count();
    assert_eq!(headings, all.len());
}

#[test]
fn a_file_that_cannot_be_read_is_reported_after_the_batches_before_it() {
    let dir = project(FILES);
    // In the second batch (files 64 to 69).
    fs::write(dir.path().join("work/a66.es.po"), "msgid \"unterminated\n").unwrap();
    let o = puente(dir.path(), &["check", "work", "--format", "json"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let all = records(&o.stdout);
    let at = all
        .iter()
        .position(|r| r["type"] == "error")
        .expect("an error record");
    assert!(
        all[at]["message"].as_str().unwrap().contains("a66.es.po"),
        "{}",
        all[at]
    );
    // The first batch's findings went out before the second batch was read; the error comes
    // before the findings of its own batch.
    let before: Vec<&str> = all[..at]
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert!(before.contains(&"work/a00.es.po") && before.contains(&"work/a63.es.po"));
    assert!(before.iter().all(|f| *f < "work/a64"), "{before:?}");
    assert!(all[at + 1..]
        .iter()
        .all(|r| r["file"].as_str().unwrap() >= "work/a64"));
    assert!(stderr(&o).contains("69 files, "), "{}", stderr(&o));
}

#[test]
fn a_report_file_is_not_written_when_one_file_of_many_cannot_be_checked() {
    let dir = project(FILES);
    fs::write(dir.path().join("work/a66.es.po"), "msgid \"unterminated\n").unwrap();
    let listing = |d: &Path| {
        let mut v: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let files_before = listing(dir.path());
    for format in ["sarif", "junit", "json", "human"] {
        let o = puente(
            dir.path(),
            &["check", "work", "--format", format, "-o", "report"],
        );
        assert_eq!(code(&o), 2, "{format}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("the report was not written to report"),
            "{}",
            stderr(&o)
        );
        assert!(stderr(&o).contains("69 files, "), "{}", stderr(&o));
        // Nothing at FILE, and no temporary file left beside it.
        assert_eq!(listing(dir.path()), files_before, "{format}");
        // An earlier report is left as it was.
        fs::write(dir.path().join("old"), "earlier report\n").unwrap();
        let o = puente(
            dir.path(),
            &["check", "work", "--format", format, "-o", "old"],
        );
        assert_eq!(code(&o), 2, "{format}: {}", stderr(&o));
        assert_eq!(
            fs::read_to_string(dir.path().join("old")).unwrap(),
            "earlier report\n"
        );
        fs::remove_file(dir.path().join("old")).unwrap();
    }
    // With the file repaired, the report is written.
    fs::copy(
        dir.path().join("work/a65.es.po"),
        dir.path().join("work/a66.es.po"),
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &["check", "work", "--format", "sarif", "-o", "report"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    valid_sarif(&fs::read_to_string(dir.path().join("report")).unwrap());
}

#[test]
fn a_file_whose_checker_is_not_built_yet_is_checked_as_it_would_be_alone() {
    let dir = project(FILES);
    // Files in the second batch, whose header says Spain's Spanish: the first batch, read
    // while the glossary loaded, had only Mexico's, so these are the first files of their
    // kind, met by tasks that find no checker built for them.
    let records_of = |o: &std::process::Output, file: &str| -> Vec<Value> {
        records(&o.stdout)
            .into_iter()
            .filter(|r| r["file"] == file)
            .collect()
    };
    let alone = |file: &str| {
        let o = puente(dir.path(), &["check", file, "--format", "json"]);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        records_of(&o, file)
    };
    let mut mexico = Vec::new();
    for i in [66, 68] {
        // A figure Mexico and Spain write differently, in the source and the translation.
        let path = dir.path().join(format!("work/a{i}.es.po"));
        let text = fs::read_to_string(&path).unwrap();
        let figure = format!("It has {i} readers.");
        let text = text.replace(&figure, &format!("It has 1,0{i} readers."));
        fs::write(&path, &text).unwrap();
        mexico.push(alone(&format!("work/a{i}.es.po")));
        let spain = text.replacen("\"Language: es\\n\"", "\"Language: es-ES\\n\"", 1);
        assert_ne!(text, spain);
        fs::write(&path, spain).unwrap();
    }
    // The numbers rule reads Spain's figures otherwise: the files need a checker of their own.
    assert_ne!(mexico[0], alone("work/a66.es.po"));
    assert_ne!(mexico[1], alone("work/a68.es.po"));
    let o = puente(dir.path(), &["check", "work", "--format", "json"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    for i in [0, 63, 64, 65, 66, 67, 68, 69] {
        let file = format!("work/a{i}.es.po");
        let file = if i < 10 {
            format!("work/a0{i}.es.po")
        } else {
            file
        };
        let together: Vec<Value> = records_of(&o, &file)
            .into_iter()
            .filter(|r| r["rule"] != "inconsistent")
            .collect();
        assert_eq!(together, alone(&file), "{file}");
    }
    assert!(stderr(&o).contains("70 files, "), "{}", stderr(&o));
}
