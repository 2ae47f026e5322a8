//! Emphasis and strong through the real Apertium binary, both directions: every segment of
//! the sample article is translated and verified with emphasis added to some of them, and
//! each emphasis comes back around the translation of the words it enclosed.

use puente::text::markup::{self, Stress};
use puente::workfile::{State, WorkFile, WorkFormat};
use serde_json::Value;

use crate::support::{code, fixtures, puente, require, stderr};

fn glossary() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("glossary")
        .to_string_lossy()
        .into_owned()
}

/// `text` with each `(plain, marked)` replaced once; each must be there.
fn emphasize(text: &str, marks: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (plain, marked) in marks {
        assert!(out.contains(plain), "the article lost {plain:?}");
        out = out.replacen(plain, marked, 1);
    }
    out
}

/// Segments `article` (written in `dir`), translates its work file `po` with Apertium, and
/// checks that every segment was filled and verified, that each segment's emphasis and strong
/// spans came back as many, in the same order, with no mark left alone, that each of
/// `expect` (a source emphasis's words, words of its translation) holds, and that `check`
/// finds nothing wrong with the markup.
fn translate_with_emphasis(
    dir: &std::path::Path,
    article: &str,
    po: &str,
    expect: &[(&str, Stress, &str)],
) {
    let o = puente(dir, &["segment", article]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let g = glossary();
    let o = puente(
        dir,
        &["translate", po, "--glossary", &g, "--format", "json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
    let text = std::fs::read_to_string(dir.join(po)).unwrap();
    // 100 % accepted: nothing failed, nothing left for a reason such as an engine mark.
    assert_eq!(summary["failed"], 0, "{summary}\n{text}");
    assert_eq!(summary["verified"], summary["untranslated"], "{summary}");
    assert!(!text.contains("not accepted"), "{text}");
    let wf = WorkFile::read(&text, WorkFormat::Po).unwrap();
    let mut emphasized = 0;
    for u in &wf.units {
        assert_ne!(u.state, State::Untranslated, "{} not filled", u.id);
        assert!(!u.target.trim().is_empty(), "{} empty", u.id);
        let (s, t) = (markup::emphasis(&u.source), markup::emphasis(&u.target));
        let kinds = |e: &[markup::Emphasis]| e.iter().map(|e| e.stress).collect::<Vec<_>>();
        assert_eq!(kinds(&s), kinds(&t), "{}: {}", u.id, u.target);
        assert!(
            markup::stray_marks(&u.target).is_empty(),
            "{}: {}",
            u.id,
            u.target
        );
        assert!(!u.target.contains('⟦'), "{}: {}", u.id, u.target);
        for (se, te) in s.iter().zip(&t) {
            assert!(
                u.target[te.inner()].chars().any(char::is_alphanumeric),
                "{}: {}",
                u.id,
                u.target
            );
            // The marks the writer chose come back: `_` stays `_`.
            assert_eq!(u.source[se.open.clone()], u.target[te.open.clone()]);
            for (words, stress, translated) in expect {
                if se.stress == *stress && &u.source[se.inner()] == *words {
                    assert!(
                        u.target[te.inner()].contains(translated),
                        "{words:?} should come back around {translated:?}: {}",
                        u.target
                    );
                    emphasized += 1;
                }
            }
        }
    }
    assert_eq!(emphasized, expect.len(), "every expectation met once");

    let o = puente(dir, &["check", po, "--glossary", &g, "--format", "json"]);
    for line in String::from_utf8(o.stdout).unwrap().lines() {
        let f: Value = serde_json::from_str(line).unwrap();
        assert_ne!(f["rule"], "markup", "{f}");
    }
}

#[test]
fn apertium_translates_every_emphasized_segment_both_ways() {
    if !require("apertium") {
        return;
    }
    // English → Spanish, on the sample article with emphasis added.
    let dir = tempfile::tempdir().unwrap();
    let en = std::fs::read_to_string(fixtures().join("drone-strikes.en.md")).unwrap();
    let en = emphasize(
        &en,
        &[
            (
                "## The Threat of Unilateral",
                "## The Threat of *Unilateral*",
            ),
            (
                "pledge to defend Mexico’s sovereignty",
                "pledge to *defend Mexico’s sovereignty*",
            ),
            ("sparked intense debate", "sparked **intense debate**"),
            ("will not tolerate foreign", "will **not tolerate** foreign"),
            ("Sheinbaum’s firm stance", "**Sheinbaum’s *firm* stance**"),
            ("rejection of drone strikes", "rejection of *drone strikes*"),
            (
                "The specter of U.S. meddling",
                "The specter of _U.S. meddling_",
            ),
            ("lost over half", "lost ***over half***"),
        ],
    );
    std::fs::write(dir.path().join("drone-strikes.en.md"), en).unwrap();
    translate_with_emphasis(
        dir.path(),
        "drone-strikes.en.md",
        "drone-strikes.es.po",
        &[
            ("defend Mexico’s sovereignty", Stress::Emphasis, "soberanía"),
            ("intense debate", Stress::Strong, "debate intenso"),
            ("not tolerate", Stress::Strong, "no toler"),
            ("Sheinbaum’s *firm* stance", Stress::Strong, "Sheinbaum"),
            // A glossary term inside an emphasis gets its form inside the marks.
            ("drone strikes", Stress::Emphasis, "ataques con drones"),
            ("U.S. meddling", Stress::Emphasis, "Estados Unidos"),
            ("over half", Stress::Strong, "medio"),
        ],
    );

    // Spanish → English, on the article the reviewed translation makes.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("drone-strikes.en.md"),
        dir.path().join("drone-strikes.en.md"),
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "drone-strikes.en.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    std::fs::copy(
        fixtures().join("drone-strikes.es.po"),
        dir.path().join("drone-strikes.es.po"),
    )
    .unwrap();
    let o = puente(dir.path(), &["merge", "drone-strikes.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let es = std::fs::read_to_string(dir.path().join("drone-strikes.es.md")).unwrap();
    let es = emphasize(
        &es,
        &[
            (
                "## La amenaza de las medidas unilaterales",
                "## La amenaza de las medidas *unilaterales*",
            ),
            (
                "compromiso de defender la soberanía de México",
                "compromiso de *defender la soberanía de México*",
            ),
            (
                "desatado un intenso debate",
                "desatado **un intenso debate**",
            ),
            ("país no tolerará una", "país **no tolerará** una"),
            (
                "La postura firme de Sheinbaum",
                "**La postura *firme* de Sheinbaum**",
            ),
            (
                "rechazo a los ataques con drones",
                "rechazo a los *ataques con drones*",
            ),
            ("perdió más de la mitad", "perdió ***más de la mitad***"),
        ],
    );
    let spanish = tempfile::tempdir().unwrap();
    std::fs::write(spanish.path().join("drone-strikes.es.md"), es).unwrap();
    translate_with_emphasis(
        spanish.path(),
        "drone-strikes.es.md",
        "drone-strikes.en.po",
        &[
            ("unilaterales", Stress::Emphasis, "unilateral"),
            (
                "defender la soberanía de México",
                Stress::Emphasis,
                "sovereignty",
            ),
            ("un intenso debate", Stress::Strong, "intense debate"),
            ("no tolerará", Stress::Strong, "will not tolerate"),
            (
                "La postura *firme* de Sheinbaum",
                Stress::Strong,
                "Sheinbaum",
            ),
            ("firme", Stress::Emphasis, "firm"),
            ("ataques con drones", Stress::Emphasis, "drone strikes"),
            ("más de la mitad", Stress::Strong, "half"),
        ],
    );
}
