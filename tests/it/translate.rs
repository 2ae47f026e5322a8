//! `puente translate` with the real Apertium binary (Debian's apertium-eng-spa).

use serde_json::Value;

use crate::support::{code, fixtures, puente, require, scratch_with, stderr};

fn glossary() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("glossary")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn apertium_fills_the_sample_keeping_names_terms_and_quotes() {
    if !require("apertium") {
        return;
    }
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = puente(dir.path(), &["segment", "drone-strikes.en.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // A translator's own work is there before the engine runs.
    let po_path = dir.path().join("drone-strikes.es.po");
    let po = std::fs::read_to_string(&po_path).unwrap();
    let po = po.replacen(
        "msgid \"ANALYSIS\"\nmsgstr \"\"",
        "msgid \"ANALYSIS\"\nmsgstr \"ANÁLISIS\"",
        1,
    );
    std::fs::write(&po_path, po).unwrap();

    let g = glossary();
    let o = puente(
        dir.path(),
        &[
            "translate",
            "drone-strikes.es.po",
            "--glossary",
            &g,
            "--format",
            "json",
        ],
    );
    // Every segment is written. Apertium writes «huelga(s)» for "unilateral strikes" and
    // "military strikes", a form the glossary's strike entry forbids and pairs with one form
    // of its own: the two are repaired, never written as the engine left them.
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["untranslated"], 53);
    assert_eq!(summary["verified"], 53);
    assert_eq!(summary["failed"], 0);
    assert_eq!(summary["repaired"], 2, "{summary}");
    // Words Apertium did not know are named in their segments' notes ("escalating").
    assert!(summary["unknown"].as_u64().unwrap() > 10, "{summary}");

    let po = std::fs::read_to_string(&po_path).unwrap();
    assert!(
        po.contains("msgid \"ANALYSIS\"\nmsgstr \"ANÁLISIS\""),
        "human work kept"
    );
    assert_eq!(po.matches("#, fuzzy").count(), 53);
    assert_eq!(po.matches("replaced by «").count(), 2, "{po}");
    assert!(
        !po.lines()
            .any(|l| l.starts_with("msgstr") && l.to_lowercase().contains("huelga")),
        "{po}"
    );
    assert!(
        po.contains("; verified; unknown to the engine: escalating\n"),
        "{po}"
    );
    assert_eq!(
        po.matches("# puente-mt: apertium eng-spa; glossary ")
            .count(),
        53
    );
    let wf = puente::workfile::WorkFile::read(&po, puente::workfile::WorkFormat::Po).unwrap();
    for u in &wf.units {
        for name in ["Trump", "Sheinbaum", "López Obrador", "CIA", "Washington"] {
            assert_eq!(
                u.source.matches(name).count(),
                u.target.matches(name).count(),
                "{name} in {}: {}",
                u.id,
                u.target
            );
        }
        for w in u.target.split_whitespace() {
            assert!(
                !(w.starts_with(['*', '#', '@']) && w.len() > 1),
                "engine mark in {}: {}",
                u.id,
                u.target
            );
        }
        assert!(!u.target.contains("PZX"), "token left in {}", u.id);
    }
    assert!(po.contains("«abrazos, no balazos»"));
    assert!(po.contains("«Nos coordinamos, colaboramos, pero no nos subordinamos»"));
    assert!(po.contains("ataques con drones") && po.contains("cárteles"));
    assert!(!po.contains("Triunfo"));

    // What check still reports is for a reviewer: the engine's fuzzy marks and the words it
    // did not know; never a name, a term the engine was given, a quote, a placeholder, or a
    // forbidden form (the engine's «huelga» is never written).
    let o = puente(
        dir.path(),
        &[
            "check",
            "drone-strikes.es.po",
            "--glossary",
            &g,
            "--format",
            "json",
        ],
    );
    for line in String::from_utf8(o.stdout).unwrap().lines() {
        let f: Value = serde_json::from_str(line).unwrap();
        let rule = f["rule"].as_str().unwrap();
        assert!(
            matches!(rule, "fuzzy" | "engine-unknown-words"),
            "unexpected finding: {f}"
        );
    }

    // The filled work file is still one msgfmt accepts.
    if require("msgfmt") {
        let m = std::process::Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null", "drone-strikes.es.po"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(m.status.success(), "{}", String::from_utf8_lossy(&m.stderr));
    }

    // A second run has nothing left to send.
    let o = puente(
        dir.path(),
        &[
            "translate",
            "drone-strikes.es.po",
            "--glossary",
            &g,
            "--format",
            "json",
        ],
    );
    let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["sent"], 0, "{summary}");
}

#[test]
fn dry_run_sends_nothing_and_a_missing_engine_says_how_to_install_it() {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = puente(dir.path(), &["segment", "drone-strikes.en.md"]);
    assert_eq!(code(&o), 0);
    let before = std::fs::read(dir.path().join("drone-strikes.es.po")).unwrap();
    let o = puente(
        dir.path(),
        &["translate", "drone-strikes.es.po", "--dry-run"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("54 segments to translate, 7586 characters, 1 batch (nothing sent)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        before,
        std::fs::read(dir.path().join("drone-strikes.es.po")).unwrap()
    );

    std::fs::write(
        dir.path().join("puente.toml"),
        "[engine.gone]\nkind = \"apertium\"\nprogram = \"/nonexistent/apertium\"\n",
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &["translate", "drone-strikes.es.po", "--engine", "gone"],
    );
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("apt-get install apertium-eng-spa"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        before,
        std::fs::read(dir.path().join("drone-strikes.es.po")).unwrap()
    );
}

/// A real APy server on 127.0.0.1, stopped when dropped.
struct ApyServer {
    child: std::process::Child,
    port: u16,
}

impl ApyServer {
    fn start() -> Option<ApyServer> {
        if !require("apertium-apy") {
            return None;
        }
        // A port the OS says is free right now.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new("apertium-apy")
            .args(["-p", &port.to_string(), "/usr/share/apertium/modes"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let server = ApyServer { child, port };
        // It answers within a few seconds of starting: poll /listPairs.
        for _ in 0..100 {
            std::thread::sleep(std::time::Duration::from_millis(100));
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(server);
            }
        }
        panic!("apertium-apy did not start on port {port}");
    }
}

impl Drop for ApyServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn apy_server_fills_the_sample_too() {
    let Some(server) = ApyServer::start() else {
        return;
    };
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = puente(dir.path(), &["segment", "drone-strikes.en.md"]);
    assert_eq!(code(&o), 0);
    std::fs::write(
        dir.path().join("puente.toml"),
        format!(
            "[engine.apy]\nkind = \"apy\"\nurl = \"http://127.0.0.1:{}\"\n",
            server.port
        ),
    )
    .unwrap();
    let g = glossary();
    let o = puente(
        dir.path(),
        &[
            "translate",
            "drone-strikes.es.po",
            "--engine",
            "apy",
            "--glossary",
            &g,
            "--format",
            "json",
        ],
    );
    // As with the binary, the two segments where the engine writes «huelga(s)» are repaired.
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["verified"], 54, "{summary}");
    assert_eq!(summary["repaired"], 2, "{summary}");
    assert_eq!(summary["batches"], 3);
    let po = std::fs::read_to_string(dir.path().join("drone-strikes.es.po")).unwrap();
    assert!(
        po.contains(&format!(
            "# puente-mt: apy http://127.0.0.1:{} eng|spa; glossary ",
            server.port
        )),
        "{po}"
    );
    assert!(po.contains("«abrazos, no balazos»"));
    assert!(!po.contains("Triunfo") && !po.contains("PZX"));
    // APy's unknown-word marks (markUnknown=yes) are read as the binary's.
    assert!(po.contains("unknown to the engine: escalating"), "{po}");
    assert!(!po.contains("*escalating"), "{po}");
}

#[test]
fn apertium_fills_an_xliff_work_file_that_stays_valid() {
    if !require("apertium") {
        return;
    }
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "w.xlf"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let g = glossary();
    let o = puente(
        dir.path(),
        &[
            "translate",
            "w.xlf",
            "--glossary",
            &g,
            "--format",
            "json",
            "--no-cache",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["verified"], 54);
    let xlf = std::fs::read_to_string(dir.path().join("w.xlf")).unwrap();
    assert_eq!(xlf.matches("subState=\"puente:fuzzy\"").count(), 54);
    assert!(xlf.contains("<note category=\"puente-mt\">"), "{xlf}");
    assert!(xlf.contains("unknown to the engine: escalating"), "{xlf}");
    assert!(xlf.contains("«abrazos, no balazos»"));
    crate::support::assert_valid_xliff(dir.path(), "w.xlf");
    // check reads it back the same way as the PO: unreviewed, and what a reviewer must see.
    let o = puente(
        dir.path(),
        &["check", "w.xlf", "--glossary", &g, "--format", "json"],
    );
    let stdout = String::from_utf8(o.stdout).unwrap();
    // An XLIFF note names its segment: the unknown words are listed for that one alone.
    assert!(
        stdout.contains("\"rule\":\"engine-unknown-words\""),
        "{stdout}"
    );
    for line in stdout.lines() {
        let f: Value = serde_json::from_str(line).unwrap();
        assert!(
            matches!(f["rule"].as_str(), Some("fuzzy" | "engine-unknown-words")),
            "{f}"
        );
    }
    // A second run finds nothing to do; merge --draft still works from it.
    let o = puente(
        dir.path(),
        &["translate", "w.xlf", "--glossary", &g, "--format", "json"],
    );
    let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["untranslated"], 0);
    let o = puente(dir.path(), &["merge", "w.xlf", "--draft", "-o", "out.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

/// A project in a temporary folder whose engine `fake` is a shell script standing in for the
/// Apertium program: it lists eng-spa, and "translates" by writing `ES ` before each line, but
/// echoes a line that starts with `Same`.
fn fake_engine_project() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("fake-apertium");
    std::fs::write(
        &script,
        "#!/bin/sh\n\
         if [ \"$1\" = -l ]; then echo eng-spa; exit 0; fi\n\
         sed '/^Same/!s/^\\(.\\)/ES \\1/'\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(
        dir.path().join("puente.toml"),
        "[engine.fake]\nkind = \"apertium\"\nprogram = \"./fake-apertium\"\n",
    )
    .unwrap();
    dir
}

/// A PO work file, English to Spanish, with the untranslated entries `sources`.
fn po_with(sources: &[&str]) -> String {
    let mut po = String::from(
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\
         \"Language: es\\n\"\n\"X-Source-Language: en\\n\"\n",
    );
    for (i, s) in sources.iter().enumerate() {
        po.push_str(&format!(
            "\nmsgctxt \"p{i}.s0\"\nmsgid \"{s}\"\nmsgstr \"\"\n"
        ));
    }
    po
}

#[test]
fn a_work_file_that_cannot_be_read_does_not_stop_the_others_and_exits_2() {
    let dir = fake_engine_project();
    std::fs::write(dir.path().join("broken.po"), "msgid \"unterminated\n").unwrap();
    std::fs::write(dir.path().join("good.po"), po_with(&["Good morning."])).unwrap();
    let o = puente(
        dir.path(),
        &[
            "translate",
            "missing.po",
            "broken.po",
            "good.po",
            "--engine",
            "fake",
            "--format",
            "json",
        ],
    );
    // Both bad files are named on stderr, each as an error of its own.
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(
        err.contains("missing.po") && err.contains("broken.po"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 2, "{err}");
    // The good file after them is translated, and its summary is the only data.
    let stdout = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let summary: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(summary["file"], "good.po");
    assert_eq!(summary["verified"], 1);
    let po = std::fs::read_to_string(dir.path().join("good.po")).unwrap();
    assert!(po.contains("msgstr \"ES Good morning.\""), "{po}");
}

#[test]
fn segments_left_untranslated_exit_1_after_every_file_is_done() {
    // The fake engine echoes a line that starts with "Same": an echo is not accepted, so
    // that segment stays untranslated, and the run goes on to the next file.
    let dir = fake_engine_project();
    std::fs::write(dir.path().join("a.po"), po_with(&["Same text."])).unwrap();
    std::fs::write(dir.path().join("b.po"), po_with(&["Good night."])).unwrap();
    let o = puente(
        dir.path(),
        &[
            "translate",
            "a.po",
            "b.po",
            "--engine",
            "fake",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let summaries: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(summaries.len(), 2, "{stdout}");
    assert_eq!(
        (
            summaries[0]["file"].as_str(),
            summaries[0]["failed"].as_u64()
        ),
        (Some("a.po"), Some(1))
    );
    assert_eq!(
        (
            summaries[1]["file"].as_str(),
            summaries[1]["verified"].as_u64()
        ),
        (Some("b.po"), Some(1))
    );
    let po = std::fs::read_to_string(dir.path().join("a.po")).unwrap();
    assert!(po.contains("not accepted"), "{po}");
}

#[test]
fn apertium_runs_whatever_locale_puente_was_started_in() {
    // Under a UI locale the system has not generated, Apertium's programs aborted
    // (`locale::facet::_S_create_c_locale name not valid`) and every segment came back
    // "not accepted: empty". They now run under C.UTF-8.
    if !require("apertium") {
        return;
    }
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "w.po"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let g = glossary();
    let o = crate::support::command(
        dir.path(),
        &[
            "translate",
            "w.po",
            "--no-cache",
            "--glossary",
            &g,
            "--format",
            "json",
        ],
    )
    .env("LANG", "es_CO.UTF-8")
    .env("LC_ALL", "es_CO.UTF-8")
    .output()
    .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let s: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&o.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(
        (s["verified"].as_u64(), s["failed"].as_u64()),
        (Some(54), Some(0)),
        "{s}"
    );
}

/// A PO work file from `source` to `target` with the untranslated entries `sources`.
fn po_between(source: &str, target: &str, sources: &[&str]) -> String {
    let mut po = format!(
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\
         \"Language: {target}\\n\"\n\"X-Source-Language: {source}\\n\"\n"
    );
    for (i, s) in sources.iter().enumerate() {
        po.push_str(&format!(
            "\nmsgctxt \"p{i}.s0\"\nmsgid \"{s}\"\nmsgstr \"\"\n"
        ));
    }
    po
}

/// The findings of `puente check FILE --format json` as (rule, message) pairs.
fn findings(dir: &std::path::Path, file: &str, glossary: &str) -> Vec<(String, String)> {
    let o = puente(
        dir,
        &["check", file, "--glossary", glossary, "--format", "json"],
    );
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let f: Value = serde_json::from_str(l).unwrap();
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn words_apertium_did_not_know_are_noted_and_listed_by_check() {
    // Before, `-u` dropped Apertium's marks: «El escalating la disputa» was written as
    // verified with nothing to tell the reviewer.
    if !require("apertium") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("glossary");
    std::fs::create_dir(&g).unwrap();
    let g = g.to_string_lossy().into_owned();
    std::fs::write(
        dir.path().join("w.po"),
        po_between(
            "es",
            "en",
            &[
                "El escalating la disputa preocupa al gobierno.",
                "La casa es grande.",
            ],
        ),
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &[
            "translate",
            "w.po",
            "--glossary",
            &g,
            "--no-cache",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (summary["verified"].as_u64(), summary["unknown"].as_u64()),
        (Some(2), Some(1))
    );
    let po = std::fs::read_to_string(dir.path().join("w.po")).unwrap();
    // The word stays, its mark goes, and the note names it; a segment without one has none.
    assert!(!po.contains('*'), "{po}");
    assert!(po.contains("msgstr \"The escalating"), "{po}");
    assert!(
        po.contains("; verified; unknown to the engine: escalating\n#, fuzzy\nmsgctxt \"p0.s0\""),
        "{po}"
    );
    assert_eq!(po.matches("unknown to the engine").count(), 1, "{po}");
    let found = findings(dir.path(), "w.po", &g);
    let unknown: Vec<_> = found
        .iter()
        .filter(|(r, _)| r == "engine-unknown-words")
        .collect();
    assert_eq!(unknown.len(), 1, "{found:?}");
    assert!(unknown[0].1.contains("escalating"), "{found:?}");
    // Without --format json, the summary says so too.
    std::fs::write(
        dir.path().join("x.po"),
        po_between(
            "es",
            "en",
            &["El escalating la disputa preocupa al gobierno."],
        ),
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &["translate", "x.po", "--glossary", &g, "--no-cache"],
    );
    assert!(
        stderr(&o).contains("x.po: 1 translation holds words the engine did not know"),
        "{}",
        stderr(&o)
    );
    // Reviewed (no longer fuzzy), the words are the reviewer's business: no finding.
    std::fs::write(dir.path().join("w.po"), po.replace("#, fuzzy\n", "")).unwrap();
    let found = findings(dir.path(), "w.po", &g);
    assert!(
        !found.iter().any(|(r, _)| r == "engine-unknown-words"),
        "{found:?}"
    );
}

#[test]
fn a_forbidden_form_the_engine_writes_is_repaired_or_left_for_review() {
    // Apertium renders "missile strike" as «huelga de misil». Before, it was written as a
    // verified translation and only check noticed.
    if !require("apertium") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("w.po"),
        po_with(&["The missile strike hit the base."]),
    )
    .unwrap();
    // A glossary that forbids «huelga» in an entry whose forms («ataque con drones», «ataques
    // con drones») do not say which one replaces it: the segment is left for review.
    let ambiguous = dir.path().join("ambiguous");
    std::fs::create_dir(&ambiguous).unwrap();
    std::fs::write(
        ambiguous.join("terms.toml"),
        "[[term]]\nid = \"drone-strike\"\nen = [\"drone strike\", \"drone strikes\"]\n\
         es = [\"ataque con drones\", \"ataques con drones\"]\n\
         forbidden = { es = [\"huelga\", \"huelgas\", \"huelga de drones\"] }\n",
    )
    .unwrap();
    let ambiguous = ambiguous.to_string_lossy().into_owned();
    let o = puente(
        dir.path(),
        &[
            "translate",
            "w.po",
            "--glossary",
            &ambiguous,
            "--no-cache",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (summary["verified"].as_u64(), summary["failed"].as_u64()),
        (Some(0), Some(1))
    );
    let po = std::fs::read_to_string(dir.path().join("w.po")).unwrap();
    assert!(
        po.contains("not accepted: forbidden «huelga» (drone-strike): no unambiguous fix\nmsgctxt"),
        "{po}"
    );
    assert!(!po.contains("msgstr \"La huelga"), "{po}");

    // The project's glossary pairs «huelga» with one form of its strike entry: the fix is
    // written, and noted (the article before it is the reviewer's).
    std::fs::write(
        dir.path().join("w.po"),
        po_with(&["The missile strike hit the base."]),
    )
    .unwrap();
    let g = glossary();
    let o = puente(
        dir.path(),
        &[
            "translate",
            "w.po",
            "--glossary",
            &g,
            "--no-cache",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (summary["verified"].as_u64(), summary["repaired"].as_u64()),
        (Some(1), Some(1))
    );
    let po = std::fs::read_to_string(dir.path().join("w.po")).unwrap();
    assert!(po.contains("msgstr \"La ataque de misil"), "{po}");
    assert!(
        po.contains("; verified; forbidden «huelga» replaced by «ataque» (strike)"),
        "{po}"
    );
    assert!(!po.contains("huelga de"), "{po}");
    std::fs::write(
        dir.path().join("w.po"),
        po_with(&["The missile strike hit the base."]),
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &["translate", "w.po", "--glossary", &g, "--no-cache"],
    );
    assert!(
        stderr(&o).contains("w.po: 1 translation had a forbidden form the glossary's fix replaced"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_engine_program_that_fails_or_writes_nothing_stops_the_run_with_its_complaint() {
    use std::os::unix::fs::PermissionsExt;
    // Before, a program that wrote nothing left every segment "not accepted: empty", and the
    // program's exit status and complaint went nowhere.
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        // Apertium's pipeline under a locale the system lacks: exit 0, nothing written.
        (
            "mute",
            "cat >/dev/null; echo 'locale::facet::_S_create_c_locale name not valid' >&2",
        ),
        (
            "broken",
            "cat >/dev/null; echo 'lt-proc: no such mode' >&2; exit 3",
        ),
    ] {
        let script = dir.path().join(name);
        std::fs::write(
            &script,
            format!("#!/bin/sh\nif [ \"$1\" = -l ]; then echo eng-spa; exit 0; fi\n{body}\n"),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(
        dir.path().join("puente.toml"),
        "[engine.mute]\nkind = \"apertium\"\nprogram = \"./mute\"\n\
         [engine.broken]\nkind = \"apertium\"\nprogram = \"./broken\"\n",
    )
    .unwrap();
    let g = dir.path().join("glossary");
    std::fs::create_dir(&g).unwrap();
    let g = g.to_string_lossy().into_owned();
    for (engine, says) in [
        ("mute", "./mute ended without writing a translation"),
        ("broken", "./broken exited with status 3"),
    ] {
        std::fs::write(
            dir.path().join("w.po"),
            po_with(&["Good morning.", "Good night."]),
        )
        .unwrap();
        let o = puente(
            dir.path(),
            &[
                "translate",
                "w.po",
                "--engine",
                engine,
                "--glossary",
                &g,
                "--no-cache",
            ],
        );
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{err}");
        assert!(err.contains(says), "{err}");
        let complaint = if engine == "mute" {
            "_S_create_c_locale"
        } else {
            "no such mode"
        };
        assert!(err.contains(complaint), "{err}");
        assert!(err.contains("hint: run it by hand"), "{err}");
        let po = std::fs::read_to_string(dir.path().join("w.po")).unwrap();
        assert!(!po.contains("not accepted: empty"), "{po}");
    }
}
