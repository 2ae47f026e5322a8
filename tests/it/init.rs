//! `puente init` makes a working project in the UI language: config, starter glossary, work
//! folder, `.gitignore`, and the CI recipe of docs/ci.md.

use std::path::Path;

use crate::support::{code, command, puente, stderr};

/// The settings of a config file: its lines without comments or blank lines.
fn settings(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("# ") && *l != "#")
        .collect()
}

#[test]
fn a_new_project_lints_clean_in_english_and_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let o = puente(dir.path(), &["init", "en"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = command(dir.path(), &["init", "es"])
        .env("PUENTE_UI_LANG", "es")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("se escribió es/puente.toml"),
        "{}",
        stderr(&o)
    );
    for lang in ["en", "es"] {
        let project = dir.path().join(lang);
        for made in [
            "puente.toml",
            "glossary/terms.toml",
            "work/.gitkeep",
            ".gitignore",
        ] {
            assert!(project.join(made).is_file(), "{lang}: no {made}");
        }
        assert_eq!(
            std::fs::read_to_string(project.join(".gitignore")).unwrap(),
            ".puente/\n"
        );
        let o = puente(&project, &["glossary", "lint"]);
        assert_eq!(code(&o), 0, "{lang}: {}", stderr(&o));
    }
    let en = std::fs::read_to_string(dir.path().join("en/puente.toml")).unwrap();
    let es = std::fs::read_to_string(dir.path().join("es/puente.toml")).unwrap();
    // The same settings; the comments in each language.
    assert_eq!(settings(&en), settings(&es));
    assert!(en.contains("# The glossary and quote register"), "{en}");
    assert!(es.contains("# El glosario y el registro de citas"), "{es}");
    let glossary = std::fs::read_to_string(dir.path().join("es/glossary/terms.toml")).unwrap();
    assert!(glossary.contains("# Los términos fijos"), "{glossary}");
}

#[test]
fn init_keeps_what_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join(".gitignore"), "target/\n").unwrap();
    std::fs::create_dir(p.join("glossary")).unwrap();
    std::fs::write(p.join("glossary/mine.toml"), "").unwrap();
    let o = puente(p, &["init", "--ci", "gitlab"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("kept glossary: it is already there"),
        "{}",
        stderr(&o)
    );
    assert!(
        !p.join("glossary/terms.toml").exists(),
        "a glossary is never added to"
    );
    assert_eq!(
        std::fs::read_to_string(p.join(".gitignore")).unwrap(),
        "target/\n.puente/\n"
    );
    let recipe = std::fs::read_to_string(p.join(".gitlab-ci.yml")).unwrap();
    assert!(recipe.contains("puente check"), "{recipe}");
    // Again: the config is refused (exit 2), nothing else changes.
    std::fs::write(p.join(".gitlab-ci.yml"), "mine\n").unwrap();
    let o = puente(p, &["init", "--ci", "gitlab"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("puente.toml already exists"),
        "{}",
        stderr(&o)
    );
    // Forced: the config is written again; the recipe and .gitignore are the user's now.
    let o = puente(p, &["init", "--ci", "gitlab", "--force"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(p.join(".gitlab-ci.yml")).unwrap(),
        "mine\n"
    );
    assert_eq!(
        std::fs::read_to_string(p.join(".gitignore")).unwrap(),
        "target/\n.puente/\n"
    );
    assert!(Path::new(&p.join("puente.toml")).is_file());
}
