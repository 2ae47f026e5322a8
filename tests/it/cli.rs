//! The command line's contract: exit codes, stdout for data, stderr for people, localized
//! messages, and clear errors on bad input with no file left behind.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::*;

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn spanish_help_from_lang() {
    let o = Command::new(bin())
        .arg("--help")
        .env("LANG", "es_MX.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("PUENTE_UI_LANG")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(
        help.contains("Uso:") && help.contains("Comandos:") && help.contains("Opciones:"),
        "{help}"
    );
    assert!(help.contains("Reconstruye el artículo traducido"), "{help}");
    // The flag beats the environment.
    let o = Command::new(bin())
        .args(["--ui-lang", "en-US", "--help"])
        .env("LANG", "es_MX.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("Usage:"));
}

#[test]
fn split_prints_segments_and_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.txt"),
        "The U.S. Senate voted. It passed.\nNext line",
    )
    .unwrap();
    let o = puente(dir.path(), &["split", "--lang", "en", "t.txt"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "The U.S. Senate voted.\nIt passed.\nNext line\n"
    );
    assert!(o.stderr.is_empty());
    let o = puente(dir.path(), &["split", "--format", "json", "t.txt"]);
    // JSON Lines: one `segment` record per line.
    let v: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            assert_eq!((&r["schema"], &r["type"]), (&1.into(), &"segment".into()));
            r["text"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(v, ["The U.S. Senate voted.", "It passed.", "Next line"]);
    // Standard input.
    let mut child = Command::new(bin())
        .args(["split", "--lang", "es", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Salió de EE. UU. El barco llegó.".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "Salió de EE. UU.\nEl barco llegó.\n"
    );
}

#[test]
fn broken_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let big = "One sentence here. ".repeat(200_000);
    std::fs::write(dir.path().join("big.txt"), big).unwrap();
    let mut child = Command::new(bin())
        .args(["split", "big.txt"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe.
    let mut out = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    let _ = std::io::Read::read(&mut out, &mut buf);
    drop(out);
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0);
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn import_reports_dropped_lines_on_stderr() {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.txt"));
    let o = puente(dir.path(), &["import", "drone-strikes.en.txt"]);
    assert_eq!(code(&o), 0);
    let err = stderr(&o);
    assert!(err.contains("dropped line 41: Related Articles"), "{err}");
    assert!(err.contains("dropped line 43: Back to top button"), "{err}");
    let md = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        md,
        std::fs::read_to_string(fixtures().join("drone-strikes.en.md")).unwrap()
    );
    let o = puente(
        dir.path(),
        &[
            "--ui-lang",
            "es",
            "import",
            "drone-strikes.en.txt",
            "-o",
            "a.md",
        ],
    );
    assert!(
        stderr(&o).contains("línea 41 descartada: Related Articles"),
        "{}",
        stderr(&o)
    );
}

/// Each bad input: a clear message naming the file, exit 2, no panic, nothing written.
#[test]
fn bad_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("latin1.md"), b"caf\xe9 con leche\n").unwrap();
    std::fs::write(d.join("utf16.md"), [0xFF, 0xFE, b'h', 0, b'i', 0]).unwrap();
    std::fs::write(d.join("nul.md"), b"hello\0world is here\n").unwrap();
    std::fs::write(d.join("empty.md"), b"").unwrap();
    std::fs::create_dir(d.join("folder.md")).unwrap();
    std::fs::write(d.join("badfm.md"), "---\ntitle: \"unclosed\n---\nBody.\n").unwrap();
    std::fs::write(d.join("bad.po"), "msgid \"a\nmsgstr \"\"\n").unwrap();
    std::fs::write(
        d.join("bad.xlf"),
        "<xliff version=\"2.1\">\n<file>\n</xliff>\n",
    )
    .unwrap();
    std::fs::write(d.join("foreign.po"), "msgid \"a\"\nmsgstr \"b\"\n").unwrap();
    let before = files_in(d);
    let cases: &[(&[&str], &str)] = &[
        (
            &["segment", "latin1.md"],
            "latin1.md is not valid UTF-8 (byte offset 3)",
        ),
        (&["segment", "utf16.md"], "utf16.md is UTF-16"),
        (&["segment", "nul.md"], "NUL byte at offset 5"),
        (&["segment", "empty.md"], "empty.md is empty"),
        (
            &["segment", "folder.md"],
            "there are no articles (.md, .txt) in folder.md",
        ),
        (&["segment", "missing.md"], "missing.md does not exist"),
        (
            &["segment", "badfm.md"],
            "badfm.md:2: a quoted value has no closing quote",
        ),
        (&["merge", "bad.po"], "bad.po:1:7: unterminated string"),
        (&["merge", "bad.xlf"], "bad.xlf:3:"),
        (
            &["merge", "foreign.po"],
            "foreign.po does not name its source article",
        ),
        (
            &["segment", "x.md", "--to", "fr"],
            "fr is not a valid value for --to <en|es>",
        ),
        (
            &["segment", "latin1.md", "-o", "latin1.md"],
            "latin1.md is not valid UTF-8",
        ),
    ];
    for (args, needle) in cases {
        let o = puente(d, args);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{args:?}: {err}");
        assert!(
            err.contains(needle),
            "{args:?}: expected {needle:?} in {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    assert!(stderr(&puente(d, &["segment", "latin1.md"])).contains("hint: convert it first"));
    assert_eq!(files_in(d), before, "a failed command wrote a file");
}

#[test]
fn merge_refuses_a_changed_or_missing_source() {
    let (dir, article) = scratch_with(&fixtures().join("crlf.md"));
    let d = dir.path();
    assert_eq!(code(&puente(d, &["segment", "crlf.md", "-o", "w.po"])), 0);
    // Neither command writes over the source.
    let o = puente(d, &["segment", "crlf.md", "-o", "crlf.md"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("crlf.md is the source article"),
        "{}",
        stderr(&o)
    );
    let o = puente(d, &["merge", "w.po", "--draft", "-o", "crlf.md"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        std::fs::read(&article).unwrap(),
        std::fs::read(fixtures().join("crlf.md")).unwrap()
    );
    std::fs::write(&article, "---\ntitle: changed\n---\nNew text.\n").unwrap();
    let o = puente(d, &["merge", "w.po", "--draft"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("crlf.md changed since w.po was written"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("hint: run puente segment"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(&article).unwrap();
    let o = puente(d, &["--ui-lang", "es-MX", "merge", "w.po"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("crlf.md indicada por w.po no existe"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn resegmenting_keeps_translations() {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let d = dir.path();
    assert_eq!(
        code(&puente(
            d,
            &["segment", "drone-strikes.en.md", "-o", "w.po"]
        )),
        0
    );
    let text = std::fs::read_to_string(d.join("w.po")).unwrap();
    let text = text.replacen(
        "msgid \"ANALYSIS\"\nmsgstr \"\"",
        "msgid \"ANALYSIS\"\nmsgstr \"ANÁLISIS\"",
        1,
    );
    let text = text.replacen("#. kicker\n", "# checked by the desk\n#. kicker\n", 1);
    std::fs::write(d.join("w.po"), text).unwrap();
    let o = puente(d, &["segment", "drone-strikes.en.md", "-o", "w.po"]);
    assert!(
        stderr(&o).contains("kept 1 existing translation from"),
        "{}",
        stderr(&o)
    );
    let again = std::fs::read_to_string(d.join("w.po")).unwrap();
    assert!(
        again.contains("# checked by the desk\n#. kicker"),
        "{again}"
    );
    assert!(again.contains("msgstr \"ANÁLISIS\""));
}

#[test]
fn project_config_sets_the_work_file_folder() {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let d = dir.path();
    assert_eq!(code(&puente(d, &["init"])), 0);
    // A second init keeps the project as it is.
    assert_eq!(code(&puente(d, &["init"])), 0);
    let o = puente(d, &["segment", "drone-strikes.en.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let po = std::fs::read_to_string(d.join("work/drone-strikes.es.po")).unwrap();
    assert!(
        po.contains("X-Puente-Source: ../drone-strikes.en.md"),
        "{po}"
    );
    let o = puente(
        d,
        &[
            "merge",
            "work/drone-strikes.es.po",
            "--draft",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["total"], 54);
    assert_eq!(report["pending"].as_array().unwrap().len(), 54);
    assert!(d.join("drone-strikes.es.md").exists());
}

#[test]
fn glossary_lint_on_the_project_and_on_bad_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = puente(root, &["glossary", "lint"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("no findings"), "{}", stderr(&o));

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("a.toml"),
        "[[term]]\nid = \"cartel\"\nen = [\"cartel\"]\nes = [\"cártel\"]\nforbidden = { es = [\"cártel\"] }\n",
    )
    .unwrap();
    std::fs::write(d.join("b.toml"), "[[term]]\nid = \"x\"\nen = [\"a\"\n").unwrap();
    let o = puente(d, &["glossary", "lint", "."]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(
        report
            .contains("./a.toml:1:1: error[required-and-forbidden]: cartel: the es form “cártel”"),
        "{report}"
    );
    assert!(
        report.contains("./b.toml:3:10: error[invalid-toml]: invalid TOML: unclosed array"),
        "{report}"
    );
    let o = puente(d, &["glossary", "lint", ".", "--format", "json"]);
    let rules: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["rule"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(rules, ["required-and-forbidden", "invalid-toml"]);
}
