//! `puente check` on the reviewed sample translation, on work files that each break one rule,
//! in PO and XLIFF, in every report format.

use std::path::{Path, PathBuf};

use puente::article::{Article, Format};
use puente::lang::Lang;
use puente::workfile::xliff::{XSegment, XliffDoc};
use puente::workfile::{Extract, State, WorkFile, WorkFormat};
use serde_json::Value;

use crate::support::{code, fixtures, puente, require, stderr};

fn glossary() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("glossary")
        .to_string_lossy()
        .into_owned()
}

fn reviewed() -> PathBuf {
    fixtures().join("drone-strikes.es.po")
}

fn violation(rule: &str) -> PathBuf {
    fixtures().join("violations").join(format!("{rule}.po"))
}

/// Runs check with the project glossary and JSON output; returns the exit code and findings.
fn check_json(dir: &Path, files: &[&Path], extra: &[&str]) -> (i32, Vec<Value>) {
    let g = glossary();
    let mut args = vec!["check", "--glossary", &g, "--format", "json"];
    let names: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    args.extend(names.iter().map(String::as_str));
    args.extend(extra);
    let o = puente(dir, &args);
    let findings = String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    (code(&o), findings)
}

#[test]
fn the_reviewed_translation_has_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let (code, findings) = check_json(dir.path(), &[&reviewed()], &[]);
    assert_eq!(findings, Vec::<Value>::new());
    assert_eq!(code, 0);
}

/// Each fixture breaks its rule once, in this segment, and nothing else is found.
const VIOLATIONS: [(&str, &str, i32); 15] = [
    ("glossary-term", "p.f84a8706", 1),
    ("forbidden-term", "p.16967a52", 1),
    ("name-preserved", "p.311681c5", 1),
    ("quote-marks", "p.dfbefe67", 1),
    ("quote-punctuation", "p.57a76c4e", 1),
    ("quote-fidelity", "p.57a76c4e", 1),
    ("numbers", "p.62873662", 1),
    ("spanish-punctuation", "p.06e54dd0", 1),
    ("untranslated", "p.b9ee7efd", 1),
    ("fuzzy", "p.b9ee7efd", 0),
    ("same-as-source", "p.06e54dd0", 0),
    ("markup", "p.b9ee7efd", 1),
    ("duplicate-id", "k.f0d1f70f", 1),
    ("plural-forms", "letters.count", 1),
    ("control-characters", "p.b9ee7efd", 1),
];

#[test]
fn each_violation_is_found_once_in_its_segment() {
    let dir = tempfile::tempdir().unwrap();
    for (rule, segment, exit) in VIOLATIONS {
        let (code, findings) = check_json(dir.path(), &[&violation(rule)], &[]);
        assert_eq!(findings.len(), 1, "{rule}: {findings:#?}");
        let f = &findings[0];
        assert_eq!(f["rule"], rule);
        assert_eq!(f["segment"], segment, "{rule}");
        assert_eq!(f["schema"], 1);
        assert_eq!(code, exit, "{rule}");
    }
}

#[test]
fn inconsistent_translations_across_files() {
    let dir = tempfile::tempdir().unwrap();
    let (code, findings) = check_json(dir.path(), &[&reviewed(), &violation("inconsistent")], &[]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["rule"], "inconsistent");
    assert_eq!(findings[0]["segment"], "p.b9ee7efd");
    assert!(findings[0]["file"]
        .as_str()
        .unwrap()
        .ends_with("violations/inconsistent.po"));
    assert_eq!(code, 0, "inconsistent is a warning");
}

#[test]
fn a_suppression_with_a_reason_silences_one_rule() {
    let dir = tempfile::tempdir().unwrap();
    let (code, findings) = check_json(dir.path(), &[&violation("suppressed")], &[]);
    assert_eq!(findings, Vec::<Value>::new());
    assert_eq!(code, 0);
}

#[test]
fn project_levels_change_severity_and_turn_rules_off() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("puente.toml"),
        "[check.rules]\nquote-marks = \"off\"\nfuzzy = \"error\"\n",
    )
    .unwrap();
    let (exit, findings) = check_json(dir.path(), &[&violation("quote-marks")], &[]);
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(exit, 0);
    let (exit, findings) = check_json(dir.path(), &[&violation("fuzzy")], &[]);
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(exit, 1);

    std::fs::write(
        dir.path().join("puente.toml"),
        "[check.rules]\nquote-markz = \"off\"\n",
    )
    .unwrap();
    let o = puente(dir.path(), &["check", &reviewed().to_string_lossy()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("quote-markz"), "{}", stderr(&o));
}

/// The reviewed PO's translations written into an XLIFF 2.1 work file for the same article,
/// with `edit` applied to one segment's target.
fn xliff_from_reviewed(edit: Option<(&str, &str, &str)>) -> String {
    let md = std::fs::read_to_string(fixtures().join("drone-strikes.en.md")).unwrap();
    let article = Article::parse(md, Format::Markdown, Lang::En).unwrap();
    let po = std::fs::read_to_string(reviewed()).unwrap();
    let wf = WorkFile::read(&po, WorkFormat::Po).unwrap();
    let segments = wf
        .units
        .iter()
        .map(|u| {
            let mut target = u.target.to_string();
            if let Some((id, from, to)) = edit {
                if u.id == id {
                    assert!(target.contains(from));
                    target = target.replace(from, to);
                }
            }
            assert_eq!(u.state, State::Translated);
            XSegment {
                id: u.id.to_string(),
                state: "final".into(),
                source: u.source.to_string(),
                target: Some(target),
                ..XSegment::default()
            }
        })
        .collect();
    let old = XliffDoc {
        segments,
        ..XliffDoc::default()
    };
    Extract::new(&article, "drone-strikes.en.md", Lang::En, Lang::Es).to_xliff(Some(&old))
}

#[test]
fn xliff_work_files_are_checked_too() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.xlf");
    std::fs::write(&clean, xliff_from_reviewed(None)).unwrap();
    let (code, findings) = check_json(dir.path(), &[&clean], &[]);
    assert_eq!(findings, Vec::<Value>::new());
    assert_eq!(code, 0);

    let broken = dir.path().join("broken.xlf");
    std::fs::write(
        &broken,
        xliff_from_reviewed(Some(("p.311681c5", "López Obrador", "Lopez Obrador"))),
    )
    .unwrap();
    let (code, findings) = check_json(dir.path(), &[&broken], &[]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["rule"], "name-preserved");
    assert_eq!(findings[0]["segment"], "p.311681c5");
    assert_eq!(findings[0]["text"], "Lopez Obrador");
    assert_eq!(code, 1);
}

#[test]
fn a_foreign_po_takes_its_languages_from_the_flags() {
    // A minimal PO as another tool writes it: no puente header, no languages.
    let dir = tempfile::tempdir().unwrap();
    let po = dir.path().join("poedit.po");
    std::fs::write(
        &po,
        "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n\
         msgid \"The cartels grew.\"\nmsgstr \"Los carteles crecieron.\"\n",
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &["check", "poedit.po", "--glossary", &glossary()],
    );
    assert_eq!(code(&o), 2, "no languages: cannot run");
    assert!(stderr(&o).contains("--from"), "{}", stderr(&o));
    let (code, findings) = check_json(dir.path(), &[&po], &["--from", "en", "--to", "es"]);
    assert_eq!(code, 1);
    assert_eq!(findings[0]["rule"], "forbidden-term");
    assert_eq!(findings[0]["line"], 4);
}

#[test]
fn the_human_report_marks_the_span_and_gives_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let v = violation("forbidden-term");
    let o = puente(
        dir.path(),
        &["check", "--glossary", &glossary(), &v.to_string_lossy()],
    );
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        out.contains(
            ":57: error[forbidden-term] p.16967a52: “carteles” is forbidden here: use “cárteles”"
        ),
        "{out}"
    );
    assert!(out.contains("contra los ⟦carteles⟧ mexicanos"), "{out}");
    assert!(out.contains("hint: replace the forbidden form"), "{out}");
    assert!(stderr(&o).contains("1 file, 54 segments: 1 error, 0 warnings"));
}

#[test]
fn sarif_and_junit_reports() {
    let dir = tempfile::tempdir().unwrap();
    let g = glossary();
    let files = [violation("forbidden-term"), violation("fuzzy")];
    let f0 = files[0].to_string_lossy().into_owned();
    let f1 = files[1].to_string_lossy().into_owned();
    let o = puente(
        dir.path(),
        &["check", "--glossary", &g, "--format", "sarif", &f0, &f1],
    );
    assert_eq!(code(&o), 1);
    let sarif: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "puente");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), puente::check::Rule::ALL.len());
    let results = run["results"].as_array().unwrap();
    // The two files also disagree on one segment: an `inconsistent` warning.
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["forbidden-term", "inconsistent", "fuzzy"]);
    let r = &results[0];
    assert_eq!(r["ruleId"], "forbidden-term");
    assert_eq!(
        rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "forbidden-term"
    );
    assert_eq!(r["level"], "error");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        57
    );
    assert_eq!(
        r["locations"][0]["logicalLocations"][0]["name"],
        "p.16967a52"
    );
    assert_eq!(results[1]["level"], "warning");

    let o = puente(
        dir.path(),
        &["check", "--glossary", &g, "--format", "junit", &f0, &f1],
    );
    assert_eq!(code(&o), 1);
    let xml = String::from_utf8(o.stdout).unwrap();
    // The root has no totals (the report is written as the files are checked); the suites
    // add up to 108 test cases, one failing.
    assert!(xml.contains("<testsuites name=\"puente check\">"), "{xml}");
    assert_eq!(xml.matches("tests=\"54\"").count(), 2, "{xml}");
    assert_eq!(xml.matches("failures=\"1\"").count(), 1, "{xml}");
    assert_eq!(xml.matches("failures=\"0\"").count(), 1, "{xml}");
    assert!(xml.contains("<failure type=\"forbidden-term\" message=\"“carteles” is forbidden here: use “cárteles” (cartel)\">"), "{xml}");
    if require("xmllint") {
        let path = dir.path().join("junit.xml");
        std::fs::write(&path, &xml).unwrap();
        let lint = std::process::Command::new("xmllint")
            .args(["--noout", &path.to_string_lossy()])
            .output()
            .unwrap();
        assert!(
            lint.status.success(),
            "{}",
            String::from_utf8_lossy(&lint.stderr)
        );
    }
}

#[test]
fn explain_documents_every_rule_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for rule in puente::check::Rule::ALL {
        let o = puente(dir.path(), &["check", "--explain", rule.id()]);
        assert_eq!(code(&o), 0);
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.starts_with(rule.id()), "{out}");
        assert!(out.contains("Default severity"), "{out}");
        assert!(!out.contains("explain-"), "a message is missing: {out}");
        let o = puente(
            dir.path(),
            &["--ui-lang", "es", "check", "--explain", rule.id()],
        );
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains("Gravedad por omisión"), "{out}");
    }
    let o = puente(dir.path(), &["check", "--explain", "nope"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("glossary-term, forbidden-term"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unreadable_input_exits_2_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.po"), "msgid \"unterminated\n").unwrap();
    let o = puente(dir.path(), &["check", "bad.po", "--to", "es"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("bad.po"), "{}", stderr(&o));
    let o = puente(dir.path(), &["check", "nothing-here"]);
    assert_eq!(code(&o), 2);
    // An empty folder is nothing to check, not an error (issue 16: tests/it/reports.rs).
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let o = puente(dir.path(), &["check", "empty"]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("no work files"), "{}", stderr(&o));
}

#[test]
fn glossary_export_and_import_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let g = glossary();
    // TOML → TBX → TOML, and the result lints clean and checks the same way.
    let o = puente(dir.path(), &["glossary", "export", &g, "-o", "g.tbx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = puente(dir.path(), &["glossary", "import", "g.tbx", "-o", "g.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("imported 28 terms and 2 quotes"),
        "{}",
        stderr(&o)
    );
    let o = puente(dir.path(), &["glossary", "lint", "g.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = violation("forbidden-term");
    let o = puente(
        dir.path(),
        &[
            "check",
            "--glossary",
            "g.toml",
            "--format",
            "json",
            &v.to_string_lossy(),
        ],
    );
    assert_eq!(code(&o), 1);
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"rule\":\"forbidden-term\""));

    // TSV to stdout; a minimal CSV in.
    let o = puente(dir.path(), &["glossary", "export", &g, "--format", "tsv"]);
    let tsv = String::from_utf8(o.stdout).unwrap();
    assert!(tsv.starts_with("id\tkind\tcase\ten\tes\tforbidden:en\tforbidden:es\tnote\n"));
    assert!(tsv.contains(
        "cartel\tterm\tinsensitive\tcartel | cartels\tcártel | cárteles\t\tcartel | carteles\t"
    ));
    std::fs::write(
        dir.path().join("desk.csv"),
        "en,es,forbidden:es\n\"hugs, not bullets\",\"abrazos, no balazos\",\nfentanyl,fentanilo,fentanil\n",
    )
    .unwrap();
    let o = puente(dir.path(), &["glossary", "import", "desk.csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let toml = String::from_utf8(o.stdout).unwrap();
    assert!(toml.contains("id = \"hugs-not-bullets\""), "{toml}");
    assert!(toml.contains("es = [\"abrazos, no balazos\"]"), "{toml}");
    assert!(toml.contains("es = [\"fentanil\"]"), "{toml}");

    // Hostile and malformed files: exit 2, the file and line named, nothing written.
    std::fs::write(
        dir.path().join("bomb.tbx"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<martif>&b;</martif>\n",
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &["glossary", "import", "bomb.tbx", "-o", "bomb.toml"],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("bomb.tbx:2: DOCTYPE"), "{}", stderr(&o));
    assert!(!dir.path().join("bomb.toml").exists());
    std::fs::write(dir.path().join("bad.tsv"), "english\tspanish\na\tb\n").unwrap();
    let o = puente(dir.path(), &["glossary", "import", "bad.tsv"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("bad.tsv:1: the header row"),
        "{}",
        stderr(&o)
    );
}

/// Scores one case file (`# expect: clean` or `# expect: RULE` above each entry): returns how
/// many clean and seeded entries it holds and every entry whose findings differ from what it
/// expects, plus any finding outside the entries. The entries reuse sources, so the cross-file
/// `inconsistent` rule is off here.
fn score_cases(name: &str) -> (usize, usize, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("puente.toml"),
        "[check.rules]\ninconsistent = \"off\"\n",
    )
    .unwrap();
    let cases = fixtures().join("check").join(name);
    let (_, findings) = check_json(dir.path(), &[&cases], &[]);
    let mut found: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for f in &findings {
        found
            .entry(f["segment"].as_str().unwrap().to_string())
            .or_default()
            .push(f["rule"].as_str().unwrap().to_string());
    }
    let text = std::fs::read_to_string(&cases).unwrap();
    let mut wrong = Vec::new();
    let (mut clean, mut seeded) = (0, 0);
    for block in text.split("\n\n") {
        let Some(expect) = block.lines().find_map(|l| l.strip_prefix("# expect: ")) else {
            continue;
        };
        let ctx = block
            .lines()
            .find_map(|l| l.strip_prefix("msgctxt \""))
            .unwrap()
            .trim_end_matches('"');
        let got = found.remove(ctx).unwrap_or_default();
        let want: Vec<String> = match expect.trim() {
            "clean" => {
                clean += 1;
                vec![]
            }
            rule => {
                seeded += 1;
                vec![rule.to_string()]
            }
        };
        if got != want {
            wrong.push(format!("{name} {ctx}: expected {want:?}, found {got:?}"));
        }
    }
    for (ctx, rules) in found {
        wrong.push(format!(
            "{name} {ctx}: findings outside the cases: {rules:?}"
        ));
    }
    (clean, seeded, wrong)
}

/// tests/fixtures/check/cases.po: correct Spanish that looks risky (`# expect: clean`) and one
/// seeded violation per entry (`# expect: RULE`). Every violation is found, in its entry, and
/// nothing else is: no false alarm on correct Spanish.
#[test]
fn seeded_cases_are_found_without_false_alarms() {
    let (clean, seeded, wrong) = score_cases("cases.po");
    assert!(
        clean >= 30 && seeded >= 30,
        "{clean} clean, {seeded} seeded"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The four directions a newsroom works in (en→es-MX, en→es-ES, es-MX→en, es-ES→en), each with
/// at least 60 risky-but-correct entries and 40 seeded violations: each violation is found in its
/// entry by its rule, and correct text in either direction raises nothing. The locales come from
/// each file's header alone.
#[test]
fn both_directions_and_both_spanish_are_scored() {
    let mut wrong = Vec::new();
    for name in ["en-es-MX.po", "en-es-ES.po", "es-MX-en.po", "es-ES-en.po"] {
        let (clean, seeded, w) = score_cases(name);
        assert!(
            clean >= 60 && seeded >= 40,
            "{name}: {clean} clean, {seeded} seeded"
        );
        wrong.extend(w);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// An XLIFF 1.2 file as CAT tools write it: languages from <file>, states from target@state and
/// approved, inline codes as placeholders, alt-trans ignored, unit notes as suppressions.
#[test]
fn a_cat_tool_xliff_1_2_file_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixtures().join("foreign/cat-tool.xlf");
    let (code, findings) = check_json(dir.path(), &[&f], &[]);
    let got: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["segment"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("3", "fuzzy"),
        ("3", "forbidden-term"),
        ("5", "untranslated"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);
    assert_eq!(findings[1]["line"], 18);
    assert_eq!(code, 1);
}

#[test]
fn status_counts_segments_and_words_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = reviewed();
    let b = violation("untranslated");
    let o = puente(
        dir.path(),
        &[
            "status",
            &a.to_string_lossy(),
            &b.to_string_lossy(),
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "two files and the total");
    assert_eq!(
        (
            lines[0]["translated"].as_u64(),
            lines[0]["untranslated"].as_u64()
        ),
        (Some(54), Some(0))
    );
    assert_eq!(lines[1]["untranslated"], 1);
    assert_eq!(
        lines[1]["untranslated_words"], 10,
        "“Sheinbaum’s firm stance has stirred strong opinions at home.”"
    );
    assert_eq!(lines[2]["type"], "status-total");
    assert_eq!(lines[0]["type"], "status");
    assert_eq!(lines[2]["translated"], 107);
}

/// One PO entry of `n` repetitions of a sentence that breaks several rules, without msgctxt.
fn long_entry_po(n: usize) -> String {
    format!(
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\
         \"Language: es\\n\"\n\"X-Source-Language: en\\n\"\n\n\
         msgid \"{}\"\nmsgstr \"{}\"\n",
        "He said \\\"no\\\" 12 times? ".repeat(n),
        "Dijo \\\"no\\\" 13 veces? ".repeat(n),
    )
}

/// Issue 11: each finding shows the text around its span, not the whole segment again, so
/// every report format grows linearly with the input (it grew with its square).
#[test]
fn reports_on_a_long_entry_stay_linear_in_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut sizes = Vec::new();
    for n in [1000, 2000] {
        let po = dir.path().join(format!("long{n}.po"));
        let text = long_entry_po(n);
        std::fs::write(&po, &text).unwrap();
        let mut row = Vec::new();
        for format in ["human", "json", "sarif", "junit"] {
            let o = puente(
                dir.path(),
                &["check", "--format", format, &po.to_string_lossy()],
            );
            assert_eq!(code(&o), 1, "{format}: {}", stderr(&o));
            assert!(
                o.stdout.len() < 100 * text.len(),
                "{format}: {} bytes of report for {} of input",
                o.stdout.len(),
                text.len()
            );
            row.push(o.stdout.len());
            if format == "json" {
                let first: Value = serde_json::from_str(
                    String::from_utf8_lossy(&o.stdout).lines().next().unwrap(),
                )
                .unwrap();
                let segment = first["segment"].as_str().unwrap();
                assert!(segment.chars().count() <= 61, "{segment}");
                // The span is exact in the whole text.
                let (s, e) = (first["span"][0].as_u64(), first["span"][1].as_u64());
                assert!(s.is_some() && e.is_some(), "{first}");
            }
        }
        sizes.push((text.len(), row));
    }
    let ((small_in, small), (big_in, big)) = (&sizes[0], &sizes[1]);
    for (a, b) in small.iter().zip(big) {
        // Twice the input: about twice the report, never four times.
        let ratio = *b as f64 / *a as f64;
        let input = *big_in as f64 / *small_in as f64;
        assert!(ratio < input * 1.25, "{sizes:?}");
    }
}

/// Issue 11: control characters in a translation are a finding (rule control-characters) in
/// every format, and no report hands them raw to a terminal or an XML reader.
#[test]
fn control_characters_are_found_and_never_printed_raw() {
    let dir = tempfile::tempdir().unwrap();
    let v = violation("control-characters");
    // A PO entry named by its msgid, holding an ESC sequence that would retitle a terminal.
    let po = dir.path().join("esc.po");
    std::fs::write(
        &po,
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\
         \"Language: es\\n\"\n\"X-Source-Language: en\\n\"\n\n\
         msgid \"Bell\\a and \\033]0;pwned\\007 title\"\nmsgstr \"Hola\\033]0;pwned\\007\\033[J\"\n",
    )
    .unwrap();
    for format in ["human", "json", "sarif", "junit"] {
        let o = puente(
            dir.path(),
            &[
                "check",
                "--glossary",
                &glossary(),
                "--format",
                format,
                &v.to_string_lossy(),
                &po.to_string_lossy(),
            ],
        );
        assert_eq!(code(&o), 1, "{format}: {}", stderr(&o));
        let out = String::from_utf8(o.stdout.clone()).unwrap();
        assert!(out.contains("control-characters"), "{format}: {out}");
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{format}: a raw control character in {out:?}"
        );
        if format == "human" {
            assert!(out.contains("\\u{1b}"), "{out}");
        }
    }
}

/// Runs puente in `dir`, killed after 30 s: a walk that opens a FIFO would block forever.
fn puente_bounded(dir: &Path, args: &[&str]) -> std::process::Output {
    use std::process::Stdio;
    let mut child = crate::support::command(dir, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("puente {args:?} did not finish within 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// Issue 11: a folder walk reads regular files only (a FIFO or socket named x.po is skipped
/// with a note, never opened), does not follow symlinked folders (a loop never repeats a
/// file), and takes each file once even when it is named twice.
#[cfg(unix)]
#[test]
fn folder_walks_skip_special_files_and_never_loop() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir_all(work.join("sub")).unwrap();
    std::fs::copy(violation("numbers"), work.join("sub/a.po")).unwrap();
    let fifo = work.join("x.po");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let _socket = std::os::unix::net::UnixListener::bind(work.join("s.po")).unwrap();
    std::os::unix::fs::symlink(".", work.join("self")).unwrap();
    std::os::unix::fs::symlink("..", work.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("sub/a.po", work.join("link.po")).unwrap();

    for (cmd, extra) in [("check", vec!["--format", "json"]), ("status", vec![])] {
        let mut args = vec![cmd, "work", "work", "work/sub/a.po"];
        args.extend(extra);
        let o = puente_bounded(dir.path(), &args);
        let err = stderr(&o);
        assert_eq!(
            err.matches("x.po is not a regular file").count(),
            1,
            "{err}"
        );
        assert!(err.contains("s.po is not a regular file"), "{cmd}: {err}");
        if cmd == "check" {
            assert_eq!(code(&o), 1, "{err}");
            assert!(err.contains("1 file, 54 segments: 1 error"), "{err}");
            let out = String::from_utf8(o.stdout).unwrap();
            assert_eq!(out.lines().count(), 1, "{out}");
        } else {
            assert_eq!(code(&o), 0, "{err}");
            // The file is reached as work/sub/a.po and as work/link.po: counted once.
            let out = String::from_utf8(o.stdout).unwrap();
            assert_eq!(out.matches(".po: 100 % done").count(), 1, "{out}");
        }
    }
}

/// A PO entry with its header's languages, as an agency's tool writes it.
fn tagged_po(target: &str, source: &str, msgid: &str, msgstr: &str) -> String {
    format!(
        "msgid \"\"\nmsgstr \"\"\n\"Language: {target}\\n\"\n\"X-Source-Language: {source}\\n\"\n\nmsgid \"{msgid}\"\nmsgstr \"{msgstr}\"\n"
    )
}

#[test]
fn numbers_are_read_with_the_locale_the_work_file_names() {
    // Before, every file was read with the project's number_locale (es-MX by default): correct
    // Spain Spanish was reported, es-MX-style numbers in an es-ES file passed, and a Spanish
    // source in an es→en file was read with Mexican rules.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases = [
        // (file, target tag, source tag, source, translation, findings)
        (
            "es-es-right.po",
            "es-ES",
            "en",
            "It cost 1,500.5 pesos.",
            "Costó 1.500,5 pesos.",
            0,
        ),
        (
            "es-es-wrong.po",
            "es-ES",
            "en",
            "It cost 1,500 pesos.",
            "Costó 1,500 pesos.",
            1,
        ),
        (
            "es-ar-right.po",
            "es_AR",
            "en",
            "A 3.5% rise.",
            "Un alza de 3,5 %.",
            0,
        ),
        (
            "from-es-es.po",
            "en",
            "es-ES",
            "Costó 1.500 millones de pesos.",
            "It cost 1,500 million pesos.",
            0,
        ),
        (
            "from-es-es-wrong.po",
            "en",
            "es-ES",
            "Costó 1.500 millones de pesos.",
            "It cost 1.500 million pesos.",
            1,
        ),
        (
            "es-mx.po",
            "es-MX",
            "en",
            "It cost 1,500.5 pesos.",
            "Costó 1,500.5 pesos.",
            0,
        ),
        // No region: the project's setting (es-MX by default).
        (
            "es.po",
            "es",
            "en",
            "It cost 1,500.5 pesos.",
            "Costó 1,500.5 pesos.",
            0,
        ),
    ];
    for (name, target, source, msgid, msgstr, expected) in cases {
        std::fs::write(d.join(name), tagged_po(target, source, msgid, msgstr)).unwrap();
        let o = puente(d, &["check", name, "--format", "json"]);
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        let found = out
            .lines()
            .filter(|l| l.contains("\"rule\":\"numbers\""))
            .count();
        assert_eq!(found, expected, "{name}: {out}{}", stderr(&o));
        assert_eq!(
            code(&o),
            if expected > 0 { 1 } else { 0 },
            "{name}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn urls_and_html_attributes_are_not_the_writers_words() {
    // Before, a forbidden form inside a link's URL was a forbidden term, and the quotes of an
    // HTML attribute were counted as quotation marks: two false alarms on a correct segment.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let glossary = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary");
    std::fs::write(
        d.join("u.po"),
        tagged_po(
            "es",
            "en",
            "Read <a href=\\\"https://x.test/drone-strikes-debate\\\">the analysis</a>.",
            "Lea <a href=\\\"https://x.test/huelga-de-drones\\\">el análisis</a>.",
        ),
    )
    .unwrap();
    let o = puente(
        d,
        &[
            "check",
            "u.po",
            "--glossary",
            glossary.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(
        code(&o),
        0,
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
    // The same forbidden form in the writer's words is still found.
    std::fs::write(
        d.join("w.po"),
        tagged_po(
            "es",
            "en",
            "Read the analysis of the drone strikes.",
            "Lea el análisis de la huelga de drones.",
        ),
    )
    .unwrap();
    let o = puente(
        d,
        &[
            "check",
            "w.po",
            "--glossary",
            glossary.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("\"rule\":\"forbidden-term\""),
        "{out}{}",
        stderr(&o)
    );
}

#[test]
fn press_forms_centuries_and_register_variants_in_both_directions() {
    // Before: «800 mdp» for "800 million pesos" was "the number 800 of the source is 800 in
    // the translation", «siglo 20» passed, and the reported “we never subordinate ourselves”
    // was not recognised, so her own words in the Spanish edition were an extra quote.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let thin = "1\u{202F}500\u{202F}000";
    let cases = [
        // (file, target tag, source tag, source, translation, findings as (rule, marked))
        (
            "mx-mdp.po",
            "es-MX",
            "en",
            "A fund of 800 million pesos.",
            "Un fondo de 800 mdp.",
            vec![],
        ),
        (
            "mx-mdp-wrong.po",
            "es-MX",
            "en",
            "A fund of 80 million pesos.",
            "Un fondo de 800 mdp.",
            vec![("numbers", "800")],
        ),
        (
            "es-thin.po",
            "es-ES",
            "en",
            "1,500,000 votes, 3.5%.",
            &format!("{thin} votos, 3,5 %."),
            vec![],
        ),
        (
            "es-century.po",
            "es-ES",
            "en",
            "In the 20th century, 1.5 billion.",
            "En el siglo 20, 1.500 millones.",
            vec![("numbers", "20")],
        ),
        (
            "from-mx.po",
            "en",
            "es-MX",
            "Un fondo de 3 mil 500 mdp en el siglo 20.",
            "A 3.5 billion peso fund in the 20th century.",
            vec![],
        ),
        (
            "from-mx-wrong.po",
            "en",
            "es-MX",
            "Un fondo de 800 mdp.",
            "An 80 million peso fund.",
            vec![("numbers", "80")],
        ),
        (
            "from-es-wrong.po",
            "en",
            "es-ES",
            "Costó 1.500 millones.",
            "It cost 1.500 million.",
            vec![("numbers", "1.500")],
        ),
        (
            "variant.po",
            "es-MX",
            "en",
            "“We never subordinate ourselves,” Sheinbaum said.",
            "«Nos coordinamos, colaboramos, pero no nos subordinamos», dijo Sheinbaum.",
            vec![],
        ),
        (
            "variant-back.po",
            "en",
            "es-MX",
            "«Nos coordinamos y colaboramos, pero no nos subordinamos», dijo Sheinbaum.",
            "“We coordinate, we collaborate, but we do not subordinate,” Sheinbaum said.",
            vec![],
        ),
        (
            "unrelated.po",
            "es-MX",
            "en",
            "“We never give up,” Sheinbaum said.",
            "«Nos coordinamos, colaboramos, pero no nos subordinamos», dijo Sheinbaum.",
            vec![(
                "quote-fidelity",
                "«Nos coordinamos, colaboramos, pero no nos subordinamos»",
            )],
        ),
    ];
    for (name, target, source, msgid, msgstr, expected) in cases {
        let path = d.join(name);
        std::fs::write(&path, tagged_po(target, source, msgid, msgstr)).unwrap();
        let (rc, findings) = check_json(d, &[&path], &[]);
        let found: Vec<(String, String)> = findings
            .iter()
            .filter(|f| f["type"] == "finding")
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["text"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = expected
            .iter()
            .map(|(r, t)| (r.to_string(), t.to_string()))
            .collect();
        assert_eq!(found, want, "{name}: {findings:?}");
        assert_eq!(rc, if want.is_empty() { 0 } else { 1 }, "{name}");
        // No message says a number is itself.
        for f in &findings {
            let (number, found) = (&f["args"]["number"], &f["args"]["found"]);
            assert!(number.is_null() || number != found, "{name}: {f}");
        }
    }
    // An XLIFF names its languages with srcLang and trgLang: es-ES → en, then en → es-ES.
    for (src, tgt, source, target, marked) in [
        (
            "es-ES",
            "en",
            "Costó 1.500 millones en el siglo XX.",
            "It cost 1,500 million in the 20th century.",
            None,
        ),
        (
            "es-ES",
            "en",
            "Costó 1.500 millones.",
            "It cost 1.500 million.",
            Some("1.500"),
        ),
        (
            "en",
            "es-ES",
            "It cost 1.5 billion, 3.5%.",
            "Costó 1.500 millones, 3,5 %.",
            None,
        ),
        (
            "en",
            "es-ES",
            "In the 20th century.",
            "En el siglo 20.",
            Some("20"),
        ),
    ] {
        let xlf = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"{src}\" trgLang=\"{tgt}\">\n<file id=\"f\"><unit id=\"u\"><segment state=\"translated\"><source>{source}</source><target>{target}</target></segment></unit></file>\n</xliff>\n"
        );
        let path = d.join("x.xlf");
        std::fs::write(&path, xlf).unwrap();
        let (rc, findings) = check_json(d, &[&path], &[]);
        let found: Vec<&str> = findings
            .iter()
            .filter(|f| f["type"] == "finding")
            .map(|f| f["text"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(
            found,
            marked.into_iter().collect::<Vec<_>>(),
            "{src}→{tgt} {source}: {findings:?}"
        );
        assert_eq!(rc, i32::from(marked.is_some()));
    }
    // The century's fix is in the message, in both languages.
    let path = d.join("es-century.po");
    let g = glossary();
    let p = path.to_string_lossy().into_owned();
    let en = puente(d, &["check", "--glossary", &g, &p]);
    assert!(
        String::from_utf8_lossy(&en.stdout).contains("Roman numerals (XX)"),
        "{}",
        stderr(&en)
    );
    let es = puente(d, &["--ui-lang", "es-MX", "check", "--glossary", &g, &p]);
    assert!(
        String::from_utf8_lossy(&es.stdout).contains("números romanos (XX)"),
        "{}",
        stderr(&es)
    );
    // The message of the same digits read as two values gives both values.
    let path = d.join("from-es-wrong.po");
    let p = path.to_string_lossy().into_owned();
    let o = puente(d, &["check", "--glossary", &g, &p]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(
            "the source's 1.500 is 1\u{202F}500\u{202F}000\u{202F}000, but 1.500 reads as 1\u{202F}500\u{202F}000 in the translation"
        ),
        "{out}"
    );
}

/// A hint speaks of the file's target language: English style for an English translation,
/// Spanish style for a Spanish one (before, every hint described both, or Spanish alone).
#[test]
fn hints_follow_the_target_language() {
    let dir = tempfile::tempdir().unwrap();
    let po = |source_lang: &str, lang: &str, source: &str, target: &str| {
        format!(
            "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\
             \"Language: {lang}\\n\"\n\"X-Source-Language: {source_lang}\\n\"\n\n\
             msgctxt \"p.1\"\nmsgid \"{source}\"\nmsgstr \"{target}\"\n"
        )
    };
    std::fs::write(
        dir.path().join("a.en.po"),
        po(
            "es-ES",
            "en",
            "El paro subió al 3,5 % en enero.",
            "Unemployment rose to 3,5% in January.",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.es.po"),
        po(
            "en",
            "es-MX",
            "The economy grew 3.5% last year.",
            "La economía creció 3,5 % el año pasado.",
        ),
    )
    .unwrap();
    let g = glossary();
    let o = puente(dir.path(), &["check", "--glossary", &g, "a.en.po"]);
    assert_eq!(code(&o), 1);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("written the English way (1,500.5; 3.5%)"),
        "{out}"
    );
    let o = puente(dir.path(), &["check", "--glossary", &g, "a.es.po"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("written the way of the translation's Spanish"),
        "{out}"
    );
}

/// Issue 17: check reads its first work files while the glossary loads, but never a FIFO
/// named on the command line: nobody writes to it here, and a glossary that does not load is
/// still said at once (exit 2), not after a read that never ends.
#[cfg(unix)]
#[test]
fn a_glossary_error_is_not_held_back_by_a_fifo_named_to_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("glossary")).unwrap();
    std::fs::write(
        dir.path().join("glossary/bad.toml"),
        "[[term]]\nid = \"x\"\nen = [\"unclosed\"\n",
    )
    .unwrap();
    let fifo = dir.path().join("x.es.po");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let o = puente_bounded(dir.path(), &["check", "x.es.po"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("the glossary does not load"), "{err}");
}
