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

/// A DeepL stand-in that reorders: each `<mN>…</mN>` element moves, with its words, to the end
/// of the sentence, as a translation into a language with another word order may move it.
fn move_elements_to_the_end(text: &str) -> String {
    let mut rest = text.to_string();
    let mut moved = Vec::new();
    while let Some(start) = rest.find("<m") {
        let name_end = start + rest[start..].find('>').unwrap();
        let name = rest[start + 1..name_end].to_string();
        let close = format!("</{name}>");
        let end = rest.find(&close).unwrap() + close.len();
        moved.push(rest[start..end].to_string());
        rest.replace_range(start..end, "");
    }
    let body = rest.trim_end_matches('.').trim_end();
    format!("{body} {} (es).", moved.join(" "))
}

#[test]
fn deepl_moves_emphasis_with_its_words() {
    // No glossary applied: segments whose terms DeepL was trusted with are refused for
    // that; the emphasized ones hold none.
    let server = crate::mtserver::MtServer::start(|_, path, body| match path {
        "/v2/usage" => crate::mtserver::deepl_usage(),
        "/v2/glossaries" => {
            crate::mtserver::Answer::status(201, r#"{"glossary_id":"g-1","ready":true}"#)
        }
        _ => crate::mtserver::deepl_translate(body, move_elements_to_the_end),
    });
    let dir = tempfile::tempdir().unwrap();
    let en = std::fs::read_to_string(fixtures().join("drone-strikes.en.md")).unwrap();
    let en = emphasize(
        &en,
        &[
            ("the status quo remains", "the *status quo* remains"),
            ("Sheinbaum’s firm stance", "Sheinbaum’s **firm stance**"),
            (
                "highlights the fragile balance",
                "highlights the _fragile balance_",
            ),
        ],
    );
    std::fs::write(dir.path().join("drone-strikes.en.md"), en).unwrap();
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "w.po"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    std::fs::write(
        dir.path().join("puente.toml"),
        format!(
            "[engine.lt]\nkind = \"deepl\"\nurl = \"{}\"\nkey_env = \"LT_KEY\"\n",
            server.url()
        ),
    )
    .unwrap();
    let o = crate::support::command(
        dir.path(),
        &[
            "translate",
            "w.po",
            "--engine",
            "lt",
            "--glossary",
            &glossary(),
            "--format",
            "json",
        ],
    )
    .env("LT_KEY", "test-key:fx")
    .output()
    .unwrap();
    assert_ne!(code(&o), 2, "{}", stderr(&o));
    let po = std::fs::read_to_string(dir.path().join("w.po")).unwrap();
    let wf = WorkFile::read(&po, WorkFormat::Po).unwrap();
    let marked: Vec<_> = wf
        .units
        .iter()
        .filter(|u| !markup::emphasis(&u.source).is_empty())
        .collect();
    assert_eq!(marked.len(), 3);
    for u in marked {
        let why = po
            .lines()
            .find(|l| l.contains("not accepted"))
            .unwrap_or("");
        assert_eq!(u.state, State::Fuzzy, "{}: {why}", u.id);
    }
    // DeepL got elements, never the marks.
    let sent = server.requests("/v2/translate").join("\n");
    assert!(sent.contains("the <m0>status quo</m0> remains"), "{sent}");
    assert!(sent.contains("<m0>firm stance</m0>") && sent.contains("<m0>fragile balance</m0>"));
    assert!(
        !sent.contains("*status") && !sent.contains("_fragile"),
        "{sent}"
    );
    // The marks came back around the words the element moved with.
    for moved in [
        "For now, the remains in limbo *status quo* (es).",
        "has stirred strong opinions at home **firm stance** (es).",
        "_fragile balance_ (es).",
    ] {
        assert!(po.contains(moved), "{moved}\n{po}");
    }
    assert!(!po.contains("<m0>") && !po.contains("emphasis"), "{po}");
}

/// The sample article with emphasis around "status quo", segmented into `w.po`, and an engine
/// `lt` of `kind` at `url`; runs `translate` and returns the work file and the emphasized unit.
fn translate_status_quo(kind: &str, url: &str, extra: &str) -> (String, puente::workfile::Unit) {
    let dir = tempfile::tempdir().unwrap();
    let en = std::fs::read_to_string(fixtures().join("drone-strikes.en.md")).unwrap();
    let en = emphasize(
        &en,
        &[("the status quo remains", "the *status quo* remains")],
    );
    std::fs::write(dir.path().join("drone-strikes.en.md"), en).unwrap();
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "w.po"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    std::fs::write(
        dir.path().join("puente.toml"),
        format!("[engine.lt]\nkind = \"{kind}\"\nurl = \"{url}\"\nkey_env = \"LT_KEY\"\n{extra}"),
    )
    .unwrap();
    let o = crate::support::command(
        dir.path(),
        &[
            "translate",
            "w.po",
            "--engine",
            "lt",
            "--glossary",
            &glossary(),
        ],
    )
    .env("LT_KEY", "test-key")
    .output()
    .unwrap();
    assert_ne!(code(&o), 2, "{}", stderr(&o));
    let po = std::fs::read_to_string(dir.path().join("w.po")).unwrap();
    let wf = WorkFile::read(&po, WorkFormat::Po).unwrap();
    let unit = wf
        .units
        .into_iter()
        .find(|u| u.source.contains("*status quo*"))
        .unwrap();
    (po, unit)
}

#[test]
fn a_chat_model_keeps_the_marks_or_its_answer_is_refused() {
    for keeps in [true, false] {
        let server = crate::mtserver::MtServer::start(move |_, path, body| match path {
            "/v1/models" => crate::mtserver::openai_models(&["news-mt"]),
            _ => crate::mtserver::openai_translate(
                body,
                |t| {
                    let t = if keeps {
                        t.to_string()
                    } else {
                        t.replace('*', "")
                    };
                    format!("{t} (es)")
                },
                "stop",
            ),
        });
        let (po, unit) = translate_status_quo("openai", &server.url(), "model = \"news-mt\"\n");
        // The model got the marks as they are.
        let sent = server.requests("/v1/chat/completions").join("\n");
        assert!(sent.contains("the *status quo* remains"), "{sent}");
        if keeps {
            assert_eq!(unit.state, State::Fuzzy);
            assert_eq!(
                unit.target,
                "For now, the *status quo* remains in limbo. (es)"
            );
        } else {
            assert_eq!(unit.state, State::Untranslated, "{}", unit.target);
            let block = po
                .split("\n\n")
                .find(|b| b.contains("*status quo*"))
                .unwrap();
            assert!(
                block.contains("not accepted: emphasis mark *…* lost or repeated"),
                "{block}"
            );
        }
    }
}
