//! Work files are accepted by the real tools: `msgfmt --check`, Translate Toolkit's `pocount`
//! and `po2xliff`-free XML validation with `xmllint` against the OASIS XLIFF 2 core schema.

use std::process::Command;

use crate::support::*;

#[test]
fn po_passes_msgfmt_check_and_loads_in_translate_toolkit() {
    require("msgfmt");
    require("pocount");
    for fixture in article_fixtures() {
        let (dir, article) = scratch_with(&fixture);
        let name = article.file_name().unwrap().to_str().unwrap();
        let o = puente(dir.path(), &["segment", name, "-o", "w.po"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let m = Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null", "w.po"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            m.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&m.stderr)
        );
        let p = Command::new("pocount")
            .arg("w.po")
            .current_dir(dir.path())
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&p.stdout);
        assert!(
            p.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&p.stderr)
        );
        let article = std::fs::read_to_string(&fixture).unwrap();
        let lang = if name.contains(".es.") {
            puente::lang::Lang::Es
        } else {
            puente::lang::Lang::En
        };
        let a = puente::article::Article::parse(
            article,
            puente::article::Format::detect(name, ""),
            lang,
        )
        .unwrap();
        let expected = format!("Untranslated:   {}", a.segments.len());
        let normalized: String = report.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            normalized.contains(&expected.split_whitespace().collect::<Vec<_>>().join(" ")),
            "{name}: pocount says\n{report}"
        );
    }
}

#[test]
fn xliff_validates_against_the_oasis_schema() {
    for fixture in article_fixtures() {
        let (dir, article) = scratch_with(&fixture);
        let name = article.file_name().unwrap().to_str().unwrap();
        let o = puente(dir.path(), &["segment", name, "-o", "w.xlf"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_valid_xliff(dir.path(), "w.xlf");
    }
}

/// The exported TBX is read by Translate Toolkit's `tbx2po`: every term and quote arrives,
/// with its Spanish form as the translation.
#[test]
fn exported_tbx_loads_in_translate_toolkit() {
    require("tbx2po");
    let dir = tempfile::tempdir().unwrap();
    let glossary = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary");
    let o = puente(
        dir.path(),
        &[
            "glossary",
            "export",
            &glossary.to_string_lossy(),
            "-o",
            "g.tbx",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let t = Command::new("tbx2po")
        .args(["g.tbx", "g.po"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(t.status.success(), "{}", String::from_utf8_lossy(&t.stderr));
    let po = std::fs::read_to_string(dir.path().join("g.po")).unwrap();
    // The header, then one entry per term and quote.
    assert_eq!(po.matches("\nmsgid \"").count(), 1 + 28 + 2, "{po}");
    assert!(
        po.contains("msgid \"sovereignty\"\nmsgstr \"soberanía\""),
        "{po}"
    );
}

/// The one-violation fixtures are valid PO files too: what `check` reports is the rule, not
/// a broken file. Except the rules that find what msgfmt itself refuses: msgfmt refuses those.
#[test]
fn check_fixtures_pass_msgfmt() {
    require("msgfmt");
    let dir = fixtures().join("violations");
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let m = Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null"])
            .arg(&p)
            .output()
            .unwrap();
        let refused_by_msgfmt = ["duplicate-id.po", "plural-forms.po"]
            .iter()
            .any(|f| p.ends_with(f));
        assert!(
            m.status.success() != refused_by_msgfmt,
            "{}: {}",
            p.display(),
            String::from_utf8_lossy(&m.stderr)
        );
    }
}
