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

    // merge refuses fuzzy segments; --draft shows a usable one, as msgfmt --use-fuzzy does,
    // in an edition that says it is a draft.
    let o = puente(dir.path(), &["merge", "drone-strikes.es.po", "-o", "es.md"]);
    assert_eq!(code(&o), 1);
    let o = puente(
        dir.path(),
        &["merge", "drone-strikes.es.po", "--draft", "-o", "es.md"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let es = std::fs::read_to_string(dir.path().join("es.md")).unwrap();
    assert!(!es.contains("The escalating dispute exposes the fragile balance"));
    assert!(es.contains("La creciente disputa pone de relieve"));
    assert!(es.contains("La amenaza de las medidas unilaterales"));
    assert!(es.starts_with("---\ndraft: true\n"), "{es}");
}

/// The work file's segments by source: (state, target).
fn segments(
    path: &std::path::Path,
) -> std::collections::HashMap<String, (puente::workfile::State, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let format = puente::workfile::WorkFormat::detect(&path.to_string_lossy(), &text);
    puente::workfile::WorkFile::read(&text, format)
        .unwrap()
        .units
        .into_iter()
        .map(|u| (u.source.into_owned(), (u.state, u.target.into_owned())))
        .collect()
}

/// Runs a sequence of revisions of the sample through `segment --update` on a reviewed work
/// file `name` and checks, after each, that every unchanged reviewed segment kept its
/// translation, that every changed one is fuzzy (never reviewed), and that no translation
/// ever left the file.
/// A revision step: what it is, its edits, and how many changed segments it makes.
type Step<'a> = (&'a str, &'a [(&'a str, &'a str)], usize);

fn revision_sequence(dir: &std::path::Path, name: &str) {
    use puente::workfile::State;
    let steps: &[Step<'_>] = &[
        (
            "a sentence edited",
            &[(
                "The escalating dispute highlights",
                "The escalating dispute exposes",
            )],
            1,
        ),
        (
            "a sentence inserted",
            &[(
                "The specter of U.S. meddling",
                "Few events unite Mexicans so quickly. The specter of U.S. meddling",
            )],
            0,
        ),
        (
            "a sentence deleted",
            &[(
                "Cartels are known for their decentralized structures and rapid adaptability. ",
                "",
            )],
            0,
        ),
        (
            "a paragraph split",
            &[(
                "on both sides of the border. According to",
                "on both sides of the border.\n\nAccording to",
            )],
            0,
        ),
        (
            "two paragraphs joined",
            &[
                ("authority. In multiple", "authority. In multiple"),
                (".\n\nSheinbaum’s firm stance", ". Sheinbaum’s firm stance"),
            ],
            0,
        ),
        (
            "a number changed",
            &[("in the mid-19th century", "in the mid-18th century")],
            1,
        ),
        (
            "a negation added",
            &[(
                "has stirred strong opinions at home",
                "has not stirred strong opinions at home",
            )],
            1,
        ),
    ];
    let work = dir.join(name);
    let mut all_targets: Vec<String> = segments(&work)
        .into_values()
        .filter(|(s, _)| *s == State::Translated)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(all_targets.len(), 54);
    for (what, edits, changed) in steps {
        let before = segments(&work);
        revise(dir, edits);
        let o = puente(dir, &["segment", "drone-strikes.en.md", "--update", name]);
        assert_eq!(code(&o), 0, "{what}: {}", stderr(&o));
        let after = segments(&work);
        let text = std::fs::read_to_string(&work).unwrap();
        for (source, (state, target)) in &after {
            match before.get(source) {
                // Unchanged: the same translation in the same state.
                Some((s, t)) => assert_eq!((s, t), (state, target), "{what}: {source}"),
                // New or changed: never reviewed.
                None => assert_ne!(*state, State::Translated, "{what}: {source}"),
            }
        }
        let lent = after
            .keys()
            .filter(|s| !before.contains_key(*s))
            .filter(|s| after[*s].0 == State::Fuzzy)
            .count();
        assert_eq!(
            lent, *changed,
            "{what}: changed segments lent a translation"
        );
        // Nothing lost: every translation is still in the file, in a segment or obsolete.
        for t in &all_targets {
            let escaped = t.replace('"', "\\\"");
            assert!(
                text.contains(t.as_str()) || text.contains(&escaped),
                "{what}: lost {t}"
            );
        }
        all_targets.extend(
            after
                .into_values()
                .map(|(_, t)| t)
                .filter(|t| !t.is_empty()),
        );
        all_targets.sort();
        all_targets.dedup();
    }
    let text = std::fs::read_to_string(&work).unwrap();
    assert!(text.contains("numbers changed (19 → 18)"), "{text}");
    assert!(text.contains("a negation was added or removed"), "{text}");
    // merge refuses the fuzzy segments; --draft shows them (they are usable: no placeholder
    // is lost), as msgfmt --use-fuzzy does.
    let o = puente(dir, &["merge", name, "-o", "es.md"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let o = puente(dir, &["merge", name, "--draft", "-o", "es.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let es = std::fs::read_to_string(dir.join("es.md")).unwrap();
    let mut fuzzy = 0;
    for (_, (state, target)) in segments(&work) {
        if state == State::Fuzzy && !target.contains("{1}") {
            fuzzy += 1;
            let escaped = target.replace('"', "\\\"");
            assert!(
                es.contains(&target) || es.contains(&escaped),
                "the draft shows a usable fuzzy translation: {target}"
            );
        }
    }
    assert!(fuzzy > 0, "the revisions leave fuzzy segments to show");
}

#[test]
fn a_sequence_of_revisions_never_loses_a_translation_po() {
    let dir = reviewed();
    revision_sequence(dir.path(), "drone-strikes.es.po");
    // Translate Toolkit's and gettext's readers accept the result, obsolete entries and all.
    if crate::support::require("msgfmt") {
        let o = std::process::Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null", "drone-strikes.es.po"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

#[test]
fn a_sequence_of_revisions_never_loses_a_translation_xliff() {
    let dir = reviewed();
    // A reviewed XLIFF work file: the memory fills it, accepted in context.
    std::fs::write(
        dir.path().join("puente.toml"),
        "[project]\nsource = \"en\"\ntarget = \"es\"\n\n[tm]\naccept_exact_in_context = true\n",
    )
    .unwrap();
    for args in [
        &["tm", "add", "drone-strikes.es.po"][..],
        &["segment", "drone-strikes.en.md", "-o", "w.xlf"],
        &["translate", "w.xlf"],
    ] {
        let o = puente(dir.path(), args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
    }
    revision_sequence(dir.path(), "w.xlf");
    let xlf = std::fs::read_to_string(dir.path().join("w.xlf")).unwrap();
    assert!(xlf.contains("category=\"puente:obsolete-target\""), "{xlf}");
    assert!(
        xlf.contains("previous source (") && xlf.contains("The escalating dispute highlights"),
        "{xlf}"
    );
    crate::support::assert_valid_xliff(dir.path(), "w.xlf");
}
