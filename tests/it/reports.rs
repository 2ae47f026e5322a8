//! Issue 16: `check`'s reports as strict consumers take them. SARIF validates against the OASIS
//! SARIF 2.1.0 schema, formats included, with percent-encoded URIs relative to the project
//! root; JUnit validates against the Jenkins xUnit plugin's `junit-10.xsd`, its counts
//! consistent with its test cases; a project with no work files yet checks clean with valid
//! empty reports; and a check that fails writes no report file at all.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use url::Url;

use crate::support::{code, puente, require, stderr};

/// The schemas shipped with the tests (`tests/data/schemas/README.md` says where they come
/// from and under which license).
fn schema(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/schemas")
        .join(name)
}

/// Why `doc` is not valid SARIF 2.1.0: the schema's errors, once as the schema declares itself
/// (draft 4) and once under draft 7, the draft that defines the `uri-reference` format the
/// schema gives every artifact URI (draft 4 has no such format, so it would go unchecked).
fn sarif_errors(doc: &Value) -> Vec<String> {
    let text = std::fs::read_to_string(schema("sarif-schema-2.1.0.json")).unwrap();
    let sarif: Value = serde_json::from_str(&text).unwrap();
    let mut errors = Vec::new();
    for draft in [jsonschema::Draft::Draft4, jsonschema::Draft::Draft7] {
        let validator = jsonschema::options()
            .with_draft(draft)
            .should_validate_formats(true)
            .build(&sarif)
            .expect("the SARIF schema compiles");
        errors.extend(
            validator
                .iter_errors(doc)
                .map(|e| format!("{draft:?}: {} at {}", e, e.instance_path())),
        );
    }
    errors
}

/// `text` parsed and checked against the SARIF schema.
pub(crate) fn valid_sarif(text: &str) -> Value {
    let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text:?}"));
    let errors = sarif_errors(&doc);
    assert!(errors.is_empty(), "{}\n{text}", errors.join("\n"));
    doc
}

/// Whether xmllint accepts `path` against the JUnit schema, with its complaint.
pub(crate) fn junit_schema_check(path: &Path) -> (bool, String) {
    require("xmllint");
    let o = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema("junit-10.xsd"))
        .arg(path)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The counts a JUnit report claims, checked against its test cases: `tests` is the number
/// of test cases and `failures` the number of test cases with a failure, in every suite. The
/// root claims no totals (the report is written as the files are checked, before they are
/// known; consumers add up the suites), so none can disagree. Returns the suites' (tests,
/// failures) added up.
pub(crate) fn junit_counts(xml: &str) -> (usize, usize) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let attr = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> Option<usize> {
        e.try_get_attribute(name)
            .unwrap()
            .map(|a| a.unescape_value().unwrap().parse().unwrap())
    };
    // Whether there is a root, each suite's claim and what each suite holds.
    let mut root = false;
    let mut suites: Vec<((usize, usize), (usize, usize))> = Vec::new();
    let mut in_case_failed = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"testsuites" => {
                root = true;
                for name in ["tests", "failures", "errors"] {
                    assert_eq!(attr(&e, name), None, "the root claims {name}: {xml}");
                }
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"testsuite" => {
                let claim = (attr(&e, "tests").unwrap(), attr(&e, "failures").unwrap());
                assert_eq!(attr(&e, "errors"), Some(0), "{xml}");
                suites.push((claim, (0, 0)));
            }
            Event::Empty(e) if e.name().as_ref() == b"testcase" => {
                suites.last_mut().unwrap().1 .0 += 1;
            }
            Event::Start(e) if e.name().as_ref() == b"testcase" => {
                suites.last_mut().unwrap().1 .0 += 1;
                in_case_failed = false;
            }
            // A case with several failures is one failing case.
            Event::Start(e) | Event::Empty(e)
                if e.name().as_ref() == b"failure" && !in_case_failed =>
            {
                suites.last_mut().unwrap().1 .1 += 1;
                in_case_failed = true;
            }
            _ => {}
        }
    }
    for (claim, held) in &suites {
        assert_eq!(
            claim, held,
            "a suite's counts disagree with its cases: {xml}"
        );
    }
    assert!(root, "a testsuites root: {xml}");
    suites
        .iter()
        .fold((0, 0), |(t, f), (_, (a, b))| (t + a, f + b))
}

/// A project folder with a minimal `puente.toml` (the work folder is `work/`, not made).
fn project() -> tempfile::TempDir {
    crate::support::project_en_es()
}

/// A work file with two errors in one segment (quotation marks and a number) and a clean one.
const TWO_ERRORS_IN_ONE_SEGMENT: &str = "msgid \"\"\nmsgstr \"\"\n\
    \"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: es\\n\"\n\
    \"X-Source-Language: en\\n\"\n\n\
    msgctxt \"p.1\"\nmsgid \"He said “no” 13 times.\"\nmsgstr \"Dijo “no” 14 veces.\"\n\n\
    msgctxt \"p.2\"\nmsgid \"Fine.\"\nmsgstr \"Bien.\"\n";

/// The root's `file:` URI as the report gives it: the real path, as puente finds its project.
fn root_uri(dir: &Path) -> Url {
    Url::from_directory_path(std::fs::canonicalize(dir).unwrap()).unwrap()
}

/// The artifact locations of a SARIF report's results.
fn locations(doc: &Value) -> Vec<Value> {
    doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"].clone())
        .collect()
}

#[test]
fn an_empty_project_checks_clean_with_valid_empty_reports() {
    let dir = tempfile::tempdir().unwrap();
    let o = puente(dir.path(), &["init"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let work = dir.path().join("work");
    // The day-one project as `init` leaves it, its work folder not made yet (older projects),
    // and the same with an empty work folder.
    for made in [false, true] {
        let _ = std::fs::remove_dir_all(&work);
        if made {
            std::fs::create_dir(&work).unwrap();
        }
        let said = if made {
            "nothing to check: there are no work files (.po, .xlf, .xliff) in"
        } else {
            "nothing to check: the work folder"
        };
        for format in ["sarif", "junit", "json"] {
            let file = format!("report.{format}");
            let _ = std::fs::remove_file(dir.path().join(&file));
            // Once as docs/ci.md writes it (to a file), once to standard output.
            let to_file = puente(dir.path(), &["check", "--format", format, "-o", &file]);
            let to_stdout = puente(dir.path(), &["check", "--format", format]);
            for o in [&to_file, &to_stdout] {
                assert_eq!(code(o), 0, "{format}, work/ made: {made}: {}", stderr(o));
                assert!(stderr(o).contains(said), "{}", stderr(o));
                assert!(stderr(o).contains("0 files, 0 segments"), "{}", stderr(o));
            }
            assert!(
                stderr(&to_file).contains(&format!("wrote {file}")),
                "{}",
                stderr(&to_file)
            );
            let written = std::fs::read_to_string(dir.path().join(&file)).unwrap();
            assert_eq!(written.as_bytes(), &to_stdout.stdout[..], "{format}");
            match format {
                "sarif" => {
                    let doc = valid_sarif(&written);
                    assert_eq!(doc["runs"].as_array().unwrap().len(), 1, "{written}");
                    assert_eq!(doc["runs"][0]["results"], json!([]), "{written}");
                    assert_eq!(
                        doc["runs"][0]["invocations"][0]["executionSuccessful"],
                        true
                    );
                    assert_eq!(
                        doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
                        root_uri(dir.path()).as_str()
                    );
                }
                "junit" => {
                    assert_eq!(junit_counts(&written), (0, 0), "{written}");
                    let (ok, why) = junit_schema_check(&dir.path().join(&file));
                    assert!(ok, "{why}\n{written}");
                }
                // JSON Lines: one line per finding, so no findings is no lines.
                _ => assert_eq!(written, "", "{written}"),
            }
        }
    }
}

#[test]
fn an_empty_folder_checks_clean_and_a_missing_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let o = puente(dir.path(), &["check", "empty", "--format", "sarif"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("nothing to check: there are no work files (.po, .xlf, .xliff) in empty"),
        "{}",
        stderr(&o)
    );
    let doc = valid_sarif(&String::from_utf8(o.stdout).unwrap());
    assert_eq!(doc["runs"][0]["results"], json!([]));
    // Without a project, the root is the folder puente ran in.
    assert_eq!(
        doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        root_uri(dir.path()).as_str()
    );
    // A path that is not there is still an error, and so is the Spanish UI's message.
    let o = puente(dir.path(), &["check", "missing", "--format", "sarif"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let o = puente(dir.path(), &["--ui-lang", "es-MX", "check", "empty"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("nada que revisar: no hay archivos de trabajo"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_check_that_fails_writes_no_report() {
    let dir = project();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(work.join("good.es.po"), TWO_ERRORS_IN_ONE_SEGMENT).unwrap();
    std::fs::write(work.join("bad.es.po"), "msgid \"unterminated\n").unwrap();
    for format in ["sarif", "junit", "json", "human"] {
        // No report at all where there was none…
        let o = puente(dir.path(), &["check", "--format", format, "-o", "report"]);
        assert_eq!(code(&o), 2, "{format}: {}", stderr(&o));
        assert!(stderr(&o).contains("bad.es.po"), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("the report was not written to report"),
            "{}",
            stderr(&o)
        );
        assert!(!dir.path().join("report").exists(), "{format}");
        // …and an earlier report left as it was, never emptied or cut.
        std::fs::write(dir.path().join("old"), "earlier report\n").unwrap();
        let o = puente(dir.path(), &["check", "--format", format, "-o", "old"]);
        assert_eq!(code(&o), 2, "{format}: {}", stderr(&o));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("old")).unwrap(),
            "earlier report\n"
        );
        // Standard output holds no report; in JSON mode, the error's own record.
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(
            out.lines().all(|l| l.contains(r#""type":"error""#)),
            "{format}: {out}"
        );
    }
    // To standard output the readable files are still reported, and the SARIF says that the
    // run did not succeed and why, so the report does not pass for a whole one.
    let o = puente(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let doc = valid_sarif(&String::from_utf8(o.stdout).unwrap());
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false, "{invocation}");
    let told = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(told.contains("bad.es.po"), "{told}");
    assert!(!locations(&doc).is_empty());
    // A glossary that does not load stops the check before anything is checked.
    std::fs::remove_file(work.join("bad.es.po")).unwrap();
    std::fs::write(dir.path().join("broken.toml"), "[[term]\n").unwrap();
    let o = puente(
        dir.path(),
        &[
            "check",
            "--glossary",
            "broken.toml",
            "--format",
            "sarif",
            "-o",
            "r.sarif",
        ],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(!dir.path().join("r.sarif").exists());
    // The report goes through puente's one write path: never over a file the check reads.
    let o = puente(
        dir.path(),
        &["check", "--format", "sarif", "-o", "work/good.es.po"],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(work.join("good.es.po")).unwrap(),
        TWO_ERRORS_IN_ONE_SEGMENT
    );
    // The same check with every file readable writes its report (exit 1: errors found).
    let o = puente(dir.path(), &["check", "--format", "sarif", "-o", "r.sarif"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    valid_sarif(&std::fs::read_to_string(dir.path().join("r.sarif")).unwrap());
}

#[test]
fn sarif_uris_are_encoded_and_relative_to_the_project_root() {
    let dir = project();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let name = "sequía 2025.es.po";
    std::fs::write(work.join(name), TWO_ERRORS_IN_ONE_SEGMENT).unwrap();
    let root = root_uri(dir.path());
    let real = std::fs::canonicalize(work.join(name)).unwrap();
    let absolute = real.to_string_lossy().into_owned();
    let relative = format!("work/{name}");
    let dotted = format!("./../work/{name}");
    // The project reached through a symlink to its folder.
    let links = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path(), links.path().join("desk")).unwrap();
    let linked = links
        .path()
        .join("desk/work")
        .join(name)
        .to_string_lossy()
        .into_owned();
    // However the file is named: the project's work folder, a relative path, an absolute
    // one, one through a symlink, and names relative to a subfolder of the project.
    let runs: [(&Path, Vec<&str>); 6] = [
        (dir.path(), vec![]),
        (dir.path(), vec![&relative]),
        (dir.path(), vec![&absolute]),
        (dir.path(), vec![&linked]),
        (&work, vec![name]),
        (&work, vec![&dotted]),
    ];
    for (cwd, paths) in runs {
        let mut args = vec!["check", "--format", "sarif"];
        args.extend(paths.iter().copied());
        let o = puente(cwd, &args);
        assert_eq!(code(&o), 1, "{args:?}: {}", stderr(&o));
        let doc = valid_sarif(&String::from_utf8(o.stdout).unwrap());
        let base = &doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
        assert_eq!(base, root.as_str(), "{args:?}");
        let found = locations(&doc);
        assert!(!found.is_empty(), "{args:?}");
        for location in found {
            assert_eq!(
                location,
                json!({ "uri": "work/sequ%C3%ADa%202025.es.po", "uriBaseId": "%SRCROOT%" }),
                "{args:?}"
            );
            // The reference resolves against its base to the file itself.
            let resolved = root.join(location["uri"].as_str().unwrap()).unwrap();
            assert_eq!(resolved.to_file_path().unwrap(), real, "{args:?}");
        }
    }

    // A file outside the project is an absolute file: URI, with no base.
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("año nuevo.es.po");
    std::fs::write(&outside, TWO_ERRORS_IN_ONE_SEGMENT).unwrap();
    let o = puente(
        dir.path(),
        &["check", "--format", "sarif", &outside.to_string_lossy()],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let doc = valid_sarif(&String::from_utf8(o.stdout).unwrap());
    let want = Url::from_file_path(std::fs::canonicalize(&outside).unwrap()).unwrap();
    for location in locations(&doc) {
        assert_eq!(location, json!({ "uri": want.as_str() }));
        assert!(want.as_str().contains("a%C3%B1o%20nuevo.es.po"), "{want}");
    }
}

/// The schema check is no formality: it rejects what the issue saw consumers reject.
#[test]
fn the_sarif_check_rejects_a_raw_uri_and_a_missing_version() {
    let dir = project();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(work.join("sequía 2025.es.po"), TWO_ERRORS_IN_ONE_SEGMENT).unwrap();
    let o = puente(dir.path(), &["check", "--format", "sarif"]);
    let doc = valid_sarif(&String::from_utf8(o.stdout).unwrap());
    // The URI as puente wrote it before issue 16.
    let mut raw = doc.clone();
    raw["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] =
        json!({ "uri": "work/sequía 2025.es.po" });
    let errors = sarif_errors(&raw);
    assert!(
        errors.iter().any(|e| e.contains("uri-reference")),
        "{errors:?}"
    );
    let mut versionless = doc;
    versionless.as_object_mut().unwrap().remove("version");
    assert!(!sarif_errors(&versionless).is_empty());
}

#[test]
fn junit_counts_failing_cases_and_validates_against_the_xunit_schema() {
    let dir = project();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(work.join("a.es.po"), TWO_ERRORS_IN_ONE_SEGMENT).unwrap();
    std::fs::write(
        work.join("b.es.po"),
        TWO_ERRORS_IN_ONE_SEGMENT.replace("14 veces", "13 veces"),
    )
    .unwrap();
    let o = puente(dir.path(), &["check", "--format", "json"]);
    let errors = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.contains(r#""severity":"error""#))
        .count();
    // a.es.po's p.1 breaks two rules, b.es.po's p.1 one: three errors in two test cases.
    assert_eq!(errors, 3);
    let o = puente(
        dir.path(),
        &["check", "--format", "junit", "-o", "junit.xml"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let xml = std::fs::read_to_string(dir.path().join("junit.xml")).unwrap();
    assert_eq!(junit_counts(&xml), (4, 2), "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 3, "{xml}");
    let (ok, why) = junit_schema_check(&dir.path().join("junit.xml"));
    assert!(ok, "{why}\n{xml}");
    // The schema is strict: the test case attributes puente wrote before issue 16 (file,
    // line) are refused.
    let old = xml.replacen(
        "<testcase classname=",
        "<testcase file=\"work/a.es.po\" line=\"7\" classname=",
        1,
    );
    std::fs::write(dir.path().join("old.xml"), &old).unwrap();
    let (ok, why) = junit_schema_check(&dir.path().join("old.xml"));
    assert!(!ok && why.contains("file"), "{why}");
}
