//! Drafts that say so everywhere (issue 15): `merge --draft` and `publish --draft` write
//! `draft: true` into the Markdown's front matter, show what the one draft rule shows (a
//! usable fuzzy translation, the source for an untranslated segment), and agree byte for
//! byte; a final edition carries no flag, whatever its source said.

use std::path::Path;

use puente::workfile::Catalog;

use crate::support::*;

/// The article body every case shares, after its header.
const BODY: &str = "The mayor said no on Monday. The cartels listened. A vote is due in May.\n";

/// A reviewed title, a fuzzy (machine) sentence, an untranslated one and a reviewed one:
/// (source, translation, fuzzy). "The cartels listened." stays untranslated.
const UNITS: &[(&str, &str, bool)] = &[
    ("Council vote", "Votación del cabildo", false),
    (
        "The mayor said no on Monday.",
        "El alcalde dijo que no el lunes.",
        true,
    ),
    ("A vote is due in May.", "Se vota en mayo.", false),
];

/// The three ways an article is written: Markdown with front matter, Markdown without, and
/// plain text. (file name, text).
fn articles() -> [(&'static str, String); 3] {
    [
        (
            "vote.en.md",
            format!("---\nlang: en\ntitle: \"Council vote\"\n---\n\n{BODY}"),
        ),
        ("bare.en.md", format!("# Council vote\n\n{BODY}")),
        ("plain.en.txt", format!("Council vote\n\n{BODY}")),
    ]
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Writes `name` with `text`, segments it into `po`, and fills the work file as `units` says
/// (every unit reviewed when `all_reviewed`).
fn prepare(dir: &Path, name: &str, text: &str, po: &str, all_reviewed: bool) {
    std::fs::write(dir.join(name), text).unwrap();
    let o = puente(dir, &["segment", name, "--to", "es", "-o", po]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    fill(dir, po, all_reviewed);
}

fn fill(dir: &Path, po: &str, all_reviewed: bool) {
    let mut cat = Catalog::parse(&read(dir, po)).unwrap();
    for e in &mut cat.entries {
        if let Some((_, t, fuzzy)) = UNITS.iter().find(|(s, _, _)| *s == e.msgid) {
            e.msgstr = vec![t.to_string()];
            e.set_fuzzy(*fuzzy && !all_reviewed);
        } else if all_reviewed {
            e.msgstr = vec!["Los cárteles escucharon.".to_string()];
            e.set_fuzzy(false);
        }
    }
    std::fs::write(dir.join(po), cat.write()).unwrap();
}

/// The draft body: the fuzzy sentence shown, the untranslated one in English.
const DRAFT_BODY: &str =
    "El alcalde dijo que no el lunes. The cartels listened. Se vota en mayo.\n";

#[test]
fn merge_draft_shows_usable_fuzzy_keeps_the_untranslated_and_flags_the_markdown() {
    let expected = [
        format!("---\ndraft: true\nlang: es\ntitle: \"Votación del cabildo\"\n---\n\n{DRAFT_BODY}"),
        format!("---\ndraft: true\n---\n# Votación del cabildo\n\n{DRAFT_BODY}"),
        // Plain text cannot carry front matter: its bytes are the translation's only.
        format!("Votación del cabildo\n\n{DRAFT_BODY}"),
    ];
    for ((name, text), expected) in articles().into_iter().zip(expected) {
        let dir = tempfile::tempdir().unwrap();
        prepare(dir.path(), name, &text, "w.po", false);
        let o = puente(dir.path(), &["merge", "w.po", "--draft", "-o", "out"]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        assert_eq!(read(dir.path(), "out"), expected, "{name}");
        let err = stderr(&o);
        assert!(
            err.contains(
                "DRAFT: 2 segments are not reviewed (1 with an unreviewed translation, 1 with the source text)"
            ),
            "{name}: {err}"
        );
        assert!(
            err.contains("wrote out as a DRAFT: 2 of 4 segments reviewed"),
            "{name}: {err}"
        );
        // Only the plain-text edition is told apart: nothing in it says it is a draft.
        assert_eq!(
            err.contains("the edition is plain text, which has no front matter"),
            name.ends_with(".txt"),
            "{name}: {err}"
        );
        // The same rule to standard output, summarized in Spanish too.
        let o = puente(
            dir.path(),
            &["--ui-lang", "es-MX", "merge", "w.po", "--draft", "-o", "-"],
        );
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        assert_eq!(String::from_utf8_lossy(&o.stdout), expected, "{name}");
        assert!(
            stderr(&o).contains("BORRADOR: 2 segmentos sin revisar"),
            "{name}: {}",
            stderr(&o)
        );
        // The gate is the same: without --draft, the two unreviewed segments stop the merge.
        let o = puente(dir.path(), &["merge", "w.po", "-o", "final"]);
        assert_eq!(code(&o), 1, "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("2 segments are not ready"),
            "{}",
            stderr(&o)
        );
        assert!(!dir.path().join("final").exists());
    }
}

#[test]
fn a_final_merge_after_a_draft_carries_no_flag_even_when_the_source_had_one() {
    let dir = tempfile::tempdir().unwrap();
    // The source article itself says it is a draft (a reporter's flag): the Spanish draft
    // says so once, and the final edition not at all.
    let text = format!("---\nlang: en\ndraft: true\ntitle: \"Council vote\"\n---\n\n{BODY}");
    prepare(dir.path(), "vote.en.md", &text, "w.po", false);
    let o = puente(dir.path(), &["merge", "w.po", "--draft"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let draft = read(dir.path(), "vote.es.md");
    assert_eq!(
        draft,
        format!("---\nlang: es\ndraft: true\ntitle: \"Votación del cabildo\"\n---\n\n{DRAFT_BODY}")
    );
    fill(dir.path(), "w.po", true);
    let o = puente(dir.path(), &["merge", "w.po", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let record: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(record["draft"], false);
    assert_eq!(
        read(dir.path(), "vote.es.md"),
        "---\nlang: es\ntitle: \"Votación del cabildo\"\n---\n\nEl alcalde dijo que no el lunes. Los cárteles escucharon. Se vota en mayo.\n"
    );
    assert!(
        stderr(&o).contains("vote.es.md: 4 of 4 segments translated"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("DRAFT"), "{}", stderr(&o));
}

#[test]
fn publish_draft_writes_what_merge_draft_writes_and_flags_every_markdown() {
    for (name, text) in articles() {
        let dir = tempfile::tempdir().unwrap();
        prepare(dir.path(), name, &text, "w.po", false);
        let o = puente(dir.path(), &["merge", "w.po", "--draft", "-o", "merged"]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        let o = puente(
            dir.path(),
            &["publish", name, "w.po", "--out", "site", "--draft"],
        );
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        let (slug, ext) = name.split_once(".en.").unwrap();
        // The target edition's Markdown is merge --draft's output, byte for byte.
        assert_eq!(
            read(dir.path(), &format!("site/{slug}.es.{ext}")),
            read(dir.path(), "merged"),
            "{name}"
        );
        // The pages show what the Markdown shows: the fuzzy translation, the untranslated
        // sentence in English, each marked by where its text came from.
        let page = read(dir.path(), &format!("site/es/{slug}.html"));
        assert!(page.contains("El alcalde dijo que no el lunes."), "{page}");
        assert!(page.contains("The cartels listened."), "{page}");
        assert!(page.contains("class=\"rv rv-unreviewed\""), "{page}");
        assert!(page.contains("class=\"rv rv-untranslated\""), "{page}");
        let bilingual = read(dir.path(), &format!("site/{slug}.bilingual.md"));
        assert!(
            bilingual.starts_with("---\ndraft: true\n---\n\n"),
            "{name}: {bilingual}"
        );
        assert!(bilingual.contains("El alcalde dijo que no el lunes."));
        let source = read(dir.path(), &format!("site/{slug}.en.{ext}"));
        if ext == "md" {
            // The source edition of a draft story says it is one too.
            assert!(source.starts_with("---\ndraft: true\n"), "{name}: {source}");
            assert!(source.ends_with(BODY), "{name}: {source}");
        } else {
            assert_eq!(source, text, "{name}");
        }
    }
}

#[test]
fn a_final_publish_flags_nothing_even_when_the_source_said_draft() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("---\nlang: en\ntitle: \"Council vote\"\ndraft: true\n---\n\n{BODY}");
    prepare(dir.path(), "vote.en.md", &text, "w.po", true);
    let o = puente(
        dir.path(),
        &["publish", "vote.en.md", "w.po", "--out", "site"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for f in ["vote.en.md", "vote.es.md", "vote.bilingual.md"] {
        let md = read(dir.path(), &format!("site/{f}"));
        assert!(!md.contains("draft"), "{f}: {md}");
    }
    assert_eq!(
        read(dir.path(), "site/vote.en.md"),
        text.replace("draft: true\n", "")
    );
    let o = puente(dir.path(), &["merge", "w.po", "-o", "merged.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        read(dir.path(), "site/vote.es.md"),
        read(dir.path(), "merged.md")
    );
}

#[test]
fn publish_draft_from_a_translated_article_flags_its_markdown_too() {
    let dir = tempfile::tempdir().unwrap();
    let en = format!("---\nlang: en\ntitle: \"Council vote\"\n---\n\n{BODY}");
    // The translation says it is a draft: it publishes as a draft only, and once the flag is
    // taken out of it, as a final edition with no flag.
    let es = "---\nlang: es\ndraft: true\ntitle: \"Votación del cabildo\"\n---\n\nEl alcalde dijo que no el lunes. Los cárteles escucharon. Se vota en mayo.\n";
    std::fs::write(dir.path().join("vote.en.md"), &en).unwrap();
    std::fs::write(dir.path().join("vote.es.md"), es).unwrap();
    let args = ["publish", "vote.en.md", "vote.es.md", "--out"];
    let o = puente(dir.path(), &[&args[..], &["draft", "--draft"]].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(read(dir.path(), "draft/vote.es.md"), es);
    assert_eq!(
        read(dir.path(), "draft/vote.en.md"),
        en.replacen("---\n", "---\ndraft: true\n", 1)
    );
    let o = puente(dir.path(), &[&args[..], &["final"]].concat());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("vote.es.md:3: the article is marked as a draft"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("final").exists());
    let reviewed = es.replace("draft: true\n", "");
    std::fs::write(dir.path().join("vote.es.md"), &reviewed).unwrap();
    let o = puente(dir.path(), &[&args[..], &["final"]].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(read(dir.path(), "final/vote.es.md"), reviewed);
    assert_eq!(read(dir.path(), "final/vote.en.md"), en);
}
