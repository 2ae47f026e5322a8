//! Revised articles: `segment --update` carries every translation over, lends old
//! translations to changed sentences as fuzzy, flags changed numbers and negations, keeps
//! removed ones as obsolete, and merge never uses a fuzzy one.

use crate::support::{code, fixtures, puente, stderr};

/// A scratch folder with the sample article and its reviewed translation.
fn reviewed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn revise(dir: &std::path::Path, edits: &[(&str, &str)]) {
    let path = dir.join("drone-strikes.en.md");
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(path, text).unwrap();
}

/// The entry whose msgid is `msgid`, as text.
fn entry<'a>(po: &'a str, msgid: &str) -> &'a str {
    let at = po
        .find(&format!("msgid \"{msgid}\""))
        .unwrap_or_else(|| panic!("{msgid}"));
    let start = po[..at].rfind("\n\n").map_or(0, |i| i + 2);
    let end = po[at..].find("\n\n").map_or(po.len(), |i| at + i);
    &po[start..end]
}

#[test]
fn a_revision_keeps_every_translation_and_flags_what_changed() {
    let dir = reviewed();
    revise(
        dir.path(),
        &[
            // An edit, a number, a negation, an insertion, a deletion.
            ("The escalating dispute highlights the fragile balance", "The escalating dispute exposes the fragile balance"),
            ("in the mid-19th century", "in the mid-18th century"),
            ("Sheinbaum’s firm stance has stirred strong opinions at home.", "Sheinbaum’s firm stance has not stirred strong opinions at home."),
            ("Skepticism toward foreign armed involvement", "Analysts agree on one point. Skepticism toward foreign armed involvement"),
            ("The prolonged memory of the Mexican-American War, followed by subsequent military incursions in the early 20th century, remains a touchstone in national consciousness. ", ""),
        ],
    );
    let o = puente(
        dir.path(),
        &[
            "segment",
            "drone-strikes.en.md",
            "--update",
            "drone-strikes.es.po",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("3 changed segments got an old translation as fuzzy (2 flagged"),
        "{}",
        stderr(&o)
    );
    let po = std::fs::read_to_string(dir.path().join("drone-strikes.es.po")).unwrap();

    // Unchanged: kept, reviewed.
    let e = entry(&po, "The Threat of Unilateral Measures");
    assert!(
        e.contains("msgstr \"La amenaza de las medidas unilaterales\"") && !e.contains("fuzzy")
    );
    // Edited: the old translation, fuzzy, with the old source.
    let e = entry(&po, "The escalating dispute exposes the fragile balance at stake between security cooperation and national autonomy.");
    assert!(e.contains("#, fuzzy"), "{e}");
    assert!(
        e.contains("#| msgid \"The escalating dispute highlights"),
        "{e}"
    );
    assert!(
        e.contains("msgstr \"La creciente disputa pone de relieve"),
        "{e}"
    );
    assert!(
        !e.contains("numbers changed") && !e.contains("negation"),
        "{e}"
    );
    // A number changed: flagged.
    let e = entry(&po, "Historically, the country lost over half of its territory to the United States in the mid-18th century.");
    assert!(
        e.contains("#, fuzzy") && e.contains("the numbers changed (19 → 18)"),
        "{e}"
    );
    // A negation added: flagged.
    let e = entry(
        &po,
        "Sheinbaum’s firm stance has not stirred strong opinions at home.",
    );
    assert!(
        e.contains("#, fuzzy") && e.contains("a negation was added or removed"),
        "{e}"
    );
    // Inserted: untranslated.
    let e = entry(&po, "Analysts agree on one point.");
    assert!(e.contains("msgstr \"\""), "{e}");
    // Deleted: kept as obsolete, translation and all.
    assert!(
        po.contains("#~ msgid \"The prolonged memory of the Mexican-American War"),
        "{po}"
    );
    assert!(
        po.contains("#~ msgstr \"El largo recuerdo de la guerra entre México y Estados Unidos"),
        "{po}"
    );

    // merge refuses fuzzy segments, and --draft never uses one.
    let o = puente(dir.path(), &["merge", "drone-strikes.es.po", "-o", "es.md"]);
    assert_eq!(code(&o), 1);
    let o = puente(
        dir.path(),
        &["merge", "drone-strikes.es.po", "--draft", "-o", "es.md"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let es = std::fs::read_to_string(dir.path().join("es.md")).unwrap();
    assert!(es.contains("The escalating dispute exposes the fragile balance"));
    assert!(!es.contains("La creciente disputa pone de relieve"));
    assert!(es.contains("La amenaza de las medidas unilaterales"));
}
