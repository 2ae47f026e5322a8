//! The translation memory: fed by merge and `tm add`, counted, exported as TMX that Translate
//! Toolkit reads, imported back.

use serde_json::Value;

use crate::support::{code, fixtures, puente, require, stderr};

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(
        dir.path().join("puente.toml"),
        "[project]\nsource = \"en\"\ntarget = \"es\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn merge_feeds_the_memory_and_tmx_round_trips() {
    let dir = project();
    let o = puente(
        dir.path(),
        &["merge", "drone-strikes.es.po", "-o", "out.md"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("translation memory: 54 new units"),
        "{}",
        stderr(&o)
    );
    // Adding the same file again adds nothing.
    let o = puente(dir.path(), &["tm", "add", "drone-strikes.es.po"]);
    assert!(
        stderr(&o).contains("translation memory: 0 new units"),
        "{}",
        stderr(&o)
    );

    let o = puente(dir.path(), &["tm", "stats", "--format", "json"]);
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (s["source"].as_str(), s["target"].as_str()),
        (Some("en"), Some("es"))
    );
    assert_eq!(s["units"], 54);

    let o = puente(dir.path(), &["tm", "export", "-o", "m.tmx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let tmx = std::fs::read_to_string(dir.path().join("m.tmx")).unwrap();
    assert!(tmx.contains("<tmx version=\"1.4\">"));
    assert!(tmx.contains("<seg>Los informes de que Washington contempla ataques con drones"));

    if require("pocount") {
        // Translate Toolkit (the package pocount comes with) reads the TMX back.
        let py = "import sys\nfrom translate.storage import tmx\nf = tmx.tmxfile.parsefile(sys.argv[1])\nunits = [u for u in f.units if u.source]\nprint(len(units))\nprint(units[0].target)";
        // The interpreter Debian's translate-toolkit is installed for.
        let o = std::process::Command::new("/usr/bin/python3")
            .args(["-c", py, "m.tmx"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.starts_with("54\nANÁLISIS"), "{out}");
    }

    let o = puente(
        dir.path(),
        &["tm", "import", "m.tmx", "--tm", "other.sqlite"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("54 new units of 54 read"),
        "{}",
        stderr(&o)
    );

    std::fs::write(
        dir.path().join("bad.tmx"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<tmx>&x;</tmx>\n",
    )
    .unwrap();
    let o = puente(dir.path(), &["tm", "import", "bad.tmx"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("bad.tmx:2: DOCTYPE"), "{}", stderr(&o));
}

#[test]
fn translate_asks_the_memory_first() {
    let dir = project();
    let o = puente(dir.path(), &["tm", "add", "drone-strikes.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // A fresh work file for the same article: every sentence is in the memory.
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "new.po"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = puente(dir.path(), &["translate", "new.po", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (s["memory"].as_u64(), s["sent"].as_u64()),
        (Some(54), Some(0)),
        "{s}"
    );
    let po = std::fs::read_to_string(dir.path().join("new.po")).unwrap();
    assert_eq!(po.matches("#, fuzzy").count(), 54, "for review by default");
    assert!(po.contains("# puente-tm: 100 % match in context; from drone-strikes.es.po"));

    // With the project's consent, matches in the same context are accepted as reviewed, and
    // merge needs no --draft.
    std::fs::write(
        dir.path().join("puente.toml"),
        "[project]\nsource = \"en\"\ntarget = \"es\"\n\n[tm]\naccept_exact_in_context = true\n",
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "again.po"],
    );
    assert_eq!(code(&o), 0);
    let o = puente(dir.path(), &["translate", "again.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let po = std::fs::read_to_string(dir.path().join("again.po")).unwrap();
    assert_eq!(po.matches("#, fuzzy").count(), 0);
    let o = puente(dir.path(), &["merge", "again.po", "-o", "again.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.path().join("again.md")).unwrap(),
        std::fs::read(fixtures().join("expected/drone-strikes.es.md")).unwrap()
    );
}

#[test]
fn similar_sentences_come_from_the_memory_fuzzy_and_only_new_ones_go_to_the_engine() {
    use crate::mtserver::{fake_translate, libre_languages, libre_translate, MtServer};
    let dir = project();
    let o = puente(dir.path(), &["tm", "add", "drone-strikes.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // A revised story: one sentence edited, one sentence nobody has translated.
    let md = std::fs::read_to_string(dir.path().join("drone-strikes.en.md")).unwrap();
    let edited = "These rumors gained traction when Canadian media revealed conversations";
    let new_sentence = "A spokesperson declined to comment on Tuesday.";
    assert!(md.contains("These rumors gained traction when American media"));
    let md = md
        .replacen(
            "These rumors gained traction when American media revealed conversations",
            edited,
            1,
        )
        .replacen(
            "Sheinbaum’s firm stance has stirred strong opinions at home.",
            &format!("Sheinbaum’s firm stance has stirred strong opinions at home. {new_sentence}"),
            1,
        );
    std::fs::write(dir.path().join("revised.en.md"), md).unwrap();
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    std::fs::write(
        dir.path().join("puente.toml"),
        format!(
            "[project]\nsource = \"en\"\ntarget = \"es\"\n\n[engine.lt]\nkind = \"libretranslate\"\nurl = \"{}\"\n",
            server.url()
        ),
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "revised.en.md", "-o", "r.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = puente(
        dir.path(),
        &["translate", "r.po", "--engine", "lt", "--format", "json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (
            s["memory"].as_u64(),
            s["memory_fuzzy"].as_u64(),
            s["sent"].as_u64()
        ),
        (Some(54), Some(1), Some(1)),
        "{s}"
    );
    // Only the new sentence reached the engine.
    let bodies = server.requests("/translate");
    assert_eq!(bodies.len(), 1);
    assert!(bodies[0].contains(new_sentence), "{}", bodies[0]);
    assert!(!bodies[0].contains("Canadian"), "{}", bodies[0]);
    // The edited one carries the old translation, fuzzy, with its score, its origin and the
    // memory's source as the previous msgid.
    let po = std::fs::read_to_string(dir.path().join("r.po")).unwrap();
    let entry = po
        .split("\n\n")
        .find(|e| e.contains("msgid \"These rumors gained traction when Canadian media"))
        .expect("the edited entry");
    assert!(entry.contains("#, fuzzy"), "{entry}");
    assert!(
        entry.contains("# puente-tm: 9") && entry.contains("% match; from drone-strikes.es.po"),
        "{entry}"
    );
    assert!(
        entry.contains("#| msgid \"These rumors gained traction when American media"),
        "{entry}"
    );
    assert!(entry.contains("msgstr \"Estos rumores"), "{entry}");
    if require("msgfmt") {
        let o = std::process::Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null", "r.po"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

/// Every path under `dir`, relative and sorted (folders included).
fn tree(dir: &std::path::Path) -> Vec<String> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            v.push(p.strip_prefix(dir).unwrap().display().to_string());
            if p.is_dir() && !p.is_symlink() {
                stack.push(p);
            }
        }
    }
    v.sort();
    v
}

#[test]
fn reading_the_memory_never_creates_it() {
    let dir = project();
    let d = dir.path();
    let before = tree(d);
    // A fresh project: an empty summary that says where the memory will be, exit 0.
    let o = puente(d, &["tm", "stats"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("no translation memory yet at ") && err.contains(".puente/tm.sqlite"),
        "{err}"
    );
    let o = puente(d, &["tm", "stats", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = puente(d, &["tm", "stats", "--tm", "no/such/dir/tm.sqlite"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Nothing to export is an error that says so.
    let o = puente(d, &["tm", "export", "-o", "m.tmx"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("there is no translation memory at"),
        "{}",
        stderr(&o)
    );
    let o = puente(d, &["tm", "export", "--tm", "no/such/tm.sqlite"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(tree(d), before, "reading the memory made files or folders");
}

#[test]
fn a_named_memory_in_a_missing_folder_is_an_error() {
    let dir = project();
    let d = dir.path();
    let o = puente(
        d,
        &[
            "tm",
            "add",
            "drone-strikes.es.po",
            "--tm",
            "no/such/tm.sqlite",
        ],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("mkdir -p no/such"), "{}", stderr(&o));
    assert!(!d.join("no").exists());
    // The project's own .puente/ folder is made as it always was.
    let o = puente(d, &["tm", "add", "drone-strikes.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(d.join(".puente/tm.sqlite").is_file());
}

#[test]
fn a_memory_that_is_not_a_file_is_refused_before_sqlite_opens_it() {
    let dir = project();
    let d = dir.path();
    let fifo = d.join("fifo");
    let o = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .output()
        .unwrap();
    assert!(o.status.success());
    std::fs::create_dir(d.join("folder")).unwrap();
    let before = tree(d);
    for (target, what) in [("fifo", "a device or a FIFO"), ("folder", "a folder")] {
        for args in [
            &["tm", "add", "drone-strikes.es.po", "--tm", target][..],
            &["tm", "stats", "--tm", target][..],
            &["tm", "export", "--tm", target][..],
        ] {
            let o = puente(d, args);
            assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains(&format!("{target} is {what}, not a database file")),
                "{}",
                stderr(&o)
            );
        }
    }
    assert_eq!(tree(d), before, "journal files were left");
}

#[test]
fn tm_add_reports_a_file_it_cannot_read_or_place_and_adds_the_others() {
    // Before, the first such file stopped `tm add`, and the files after it were never added.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        fixtures().join("drone-strikes.es.po"),
        d.join("drone-strikes.es.po"),
    )
    .unwrap();
    // A work file that does not say which languages it holds, outside any project: it cannot
    // be placed in the memory.
    std::fs::write(
        d.join("w.po"),
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Hola.\"\nmsgstr \"Hello.\"\n",
    )
    .unwrap();
    let o = puente(
        d,
        &["tm", "add", "missing.po", "w.po", "drone-strikes.es.po"],
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("missing.po"), "{err}");
    assert!(
        err.contains("w.po does not say which languages it holds"),
        "{err}"
    );
    assert!(
        err.contains("translation memory: 54 new units from drone-strikes.es.po"),
        "{err}"
    );
    let o = puente(d, &["tm", "stats", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("\"source\":\"en\"")
            && out.contains("\"target\":\"es\"")
            && out.contains("\"units\":54"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");
}
