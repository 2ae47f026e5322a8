//! Helpers for running the real `puente` binary in a scratch folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_puente")
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every article fixture (Markdown and plain text).
pub fn article_fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")))
        .collect();
    v.sort();
    v
}

/// `puente ARGS` in `dir`, with English messages and nothing on stdin, ready to be given more
/// settings, run or spawned.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env_remove("PUENTE_UI_LANG")
        // A memory server named in the tester's environment is not the scratch project's.
        .env_remove("PUENTE_TM_URL")
        .env_remove("PUENTE_CACHE_URL")
        // clap wraps help to COLUMNS: snapshots must not depend on the terminal.
        .env_remove("COLUMNS")
        .stdin(Stdio::null());
    c
}

/// Runs puente in `dir` as [`puente`] does, with no database password from the tester's
/// environment (`PGPASSWORD`, `PGPASSFILE`, a `~/.pgpass`: `HOME` is `dir`), and `env` set.
pub fn puente_without_pg_secrets(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = command(dir, args);
    for v in ["PGPASSWORD", "PGPASSFILE"] {
        c.env_remove(v);
    }
    c.env("HOME", dir);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("puente runs")
}

/// Runs puente in `dir` with English messages and no project config above it.
pub fn puente(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("puente runs")
}

/// Waits until `done` holds, failing the test after `limit`: a fault test waits for the moment
/// it needs (a batch saved, a request sent), never a fixed time.
pub fn wait_until(what: &str, limit: std::time::Duration, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "never: {what}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A scratch folder holding a copy of `fixture`.
pub fn scratch_with(fixture: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join(fixture.file_name().unwrap());
    std::fs::copy(fixture, &dest).unwrap();
    (dir, dest)
}

/// Asserts that an external tool is installed. A test that needs one fails when it is missing
/// (`bash scripts/test.sh` installs them all) rather than passing without having run; it returns
/// `true` so call sites read as a condition.
pub fn require(tool: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "{tool} is not installed; `bash scripts/test.sh` installs it (as root)"
    );
    true
}

/// Asserts that `name` in `dir` validates against the OASIS XLIFF 2 core schema (when xmllint
/// is installed; CI installs it).
pub fn assert_valid_xliff(dir: &Path, name: &str) {
    require("xmllint");
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/schemas/xliff_core_2.0.xsd");
    let x = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(name)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        x.status.success(),
        "{name}: {}\n{}",
        String::from_utf8_lossy(&x.stderr),
        std::fs::read_to_string(dir.join(name)).unwrap_or_default()
    );
}

/// The CLI contract of a run, for a snapshot: exit code, stdout and stderr together, with what
/// changes from run to run replaced: the scratch folder's path (as given and as resolved) by
/// `[DIR]`, measured times (`0.03 s`, `"seconds":0.031`) by `[S]`, and puente's version
/// by `[VERSION]`.
pub fn contract(o: &Output, dir: &Path) -> String {
    let real = std::fs::canonicalize(dir).unwrap();
    // A measured time has decimals ("0.03 s"); a configured one ("within 30 s") has none.
    let seconds = regex::Regex::new(r"\b\d+\.\d+ s\b").unwrap();
    let json_seconds = regex::Regex::new(r#""seconds":\d+(\.\d+)?(e-?\d+)?"#).unwrap();
    let norm = |b: &[u8]| {
        let s = String::from_utf8_lossy(b)
            .replace(&*real.to_string_lossy(), "[DIR]")
            .replace(&*dir.to_string_lossy(), "[DIR]")
            .replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        let s = json_seconds.replace_all(&s, r#""seconds":"[S]""#);
        seconds.replace_all(&s, "[S] s").into_owned()
    };
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        code(o),
        norm(&o.stdout),
        norm(&o.stderr)
    )
}

/// Fills every empty msgstr of the PO file at `po` (the header's aside) with a reviewed
/// "translation" (`ES: ` and the source).
pub fn translate_all(po: &Path) {
    let text = std::fs::read_to_string(po).unwrap();
    let mut out = String::new();
    let mut msgid = String::new();
    for line in text.lines() {
        if let Some(id) = line
            .strip_prefix("msgid \"")
            .and_then(|l| l.strip_suffix('"'))
        {
            msgid = id.to_string();
        }
        if line == "msgstr \"\"" && !msgid.is_empty() {
            out.push_str(&format!("msgstr \"ES: {msgid}\"\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    std::fs::write(po, out).unwrap();
}

/// A project (English into Spanish) with `corpus/` holding `n` articles that differ (each
/// opens with its own sentence, `Story N opens here. It has N readers.`), named `a00.md`…
/// (`a0000.md`… for thousands), so that their order is the names'.
pub fn corpus(n: usize) -> tempfile::TempDir {
    corpus_opening(n, |i| format!("Story {i} opens here. It has {i} readers."))
}

/// An empty project folder going English into Spanish: a `puente.toml` and nothing else.
pub fn project_en_es() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("puente.toml"),
        "[project]\nsource = \"en\"\ntarget = \"es\"\n",
    )
    .unwrap();
    dir
}

/// [`corpus`], each article opening with `opening(i)`.
pub fn corpus_opening(n: usize, opening: impl Fn(usize) -> String) -> tempfile::TempDir {
    let dir = project_en_es();
    let sample = std::fs::read_to_string(fixtures().join("drone-strikes.en.md")).unwrap();
    let end = sample[4..].find("\n---\n").unwrap() + 4 + 5;
    let (head, body) = sample.split_at(end);
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    let width = n.saturating_sub(1).to_string().len().max(2);
    for i in 0..n {
        std::fs::write(
            dir.path().join(format!("corpus/a{i:0width$}.md")),
            format!("{head}\n{}\n{body}", opening(i)),
        )
        .unwrap();
    }
    dir
}
