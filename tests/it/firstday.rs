//! The small frictions of a newsroom's first days (issue 16): a story counted once by
//! `status`, and `tm export` saying what it left out.

use std::path::Path;

use crate::support::{code, fixtures, puente, stderr};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn status_counts_a_story_once_when_its_po_and_xliff_both_exist() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::copy(fixtures().join("drone-strikes.en.md"), p.join("a.en.md")).unwrap();
    std::fs::copy(fixtures().join("plain.txt"), p.join("b.en.txt")).unwrap();
    for args in [
        &["segment", "a.en.md", "--to", "es", "-o", "a.es.po"][..],
        &["segment", "b.en.txt", "--to", "es", "-o", "b.es.po"][..],
    ] {
        let o = puente(p, args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    let o = puente(p, &["status", "--format", "json", "a.es.po", "b.es.po"]);
    let once = stdout(&o);
    let total = |s: &str| {
        s.lines()
            .find(|l| l.contains("\"status-total\""))
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["untranslated"].as_u64().unwrap()
            })
            .unwrap_or_else(|| panic!("no total in {s}"))
    };
    // The same story as XLIFF, written later: listed, not counted twice.
    let o = puente(
        p,
        &[
            "segment", "a.en.md", "--to", "es", "--format", "xliff", "-o", "a.es.xlf",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The PO an hour older, whatever the file system's clock resolution.
    std::fs::File::options()
        .write(true)
        .open(p.join("a.es.po"))
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
    let o = puente(
        p,
        &[
            "status", "--format", "json", "a.es.po", "a.es.xlf", "b.es.po",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let twice = stdout(&o);
    assert_eq!(total(&twice), total(&once), "{twice}");
    assert_eq!(twice.matches("\"type\":\"status\"").count(), 3, "{twice}");
    assert!(twice.contains("\"file\":\"a.es.po\"") && twice.contains("\"counted\":false"));
    assert!(
        stderr(&o).contains("a.es.po translates the same story as a.es.xlf, which is newer"),
        "{}",
        stderr(&o)
    );
    // Two different stories are both counted.
    assert_eq!(once.matches("\"counted\":true").count(), 2, "{once}");
}

const ES_EN_TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="desk" creationtoolversion="1" segtype="sentence" o-tmf="desk" adminlang="en" srclang="es" datatype="plaintext"/><body>
<tu><tuv xml:lang="es"><seg>El cabildo votó el lunes.</seg></tuv><tuv xml:lang="en"><seg>The council voted on Monday.</seg></tuv></tu>
<tu><tuv xml:lang="es"><seg>Nadie habló.</seg></tuv><tuv xml:lang="en"><seg>Nobody spoke.</seg></tuv></tu>
</body></tmx>
"#;

#[test]
fn tm_export_names_the_directions_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("desk.tmx"), ES_EN_TMX).unwrap();
    let o = puente(
        p,
        &[
            "tm", "import", "desk.tmx", "--from", "es", "--to", "en", "--tm", "m.sqlite",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(fixtures().join(f), p.join(f)).unwrap();
    }
    let o = puente(p, &["tm", "add", "drone-strikes.es.po", "--tm", "m.sqlite"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    let o = puente(p, &["tm", "export", "-o", "out.tmx", "--tm", "m.sqlite"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("(en → es) to out.tmx"), "{err}");
    assert!(
        err.contains("the memory also holds 2 units es → en, not in this file: export them with --from es --to en"),
        "{err}"
    );
    let o = puente(
        p,
        &[
            "tm", "export", "-o", "back.tmx", "--from", "es", "--to", "en", "--tm", "m.sqlite",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("wrote 2 units (es → en)"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("the memory also holds 54 units en → es"),
        "{}",
        stderr(&o)
    );
    let back = std::fs::read_to_string(Path::new(p).join("back.tmx")).unwrap();
    assert!(back.contains("Nobody spoke."));
}
