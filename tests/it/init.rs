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
    // Again, in the project now there: the settings and the recipe are kept, and a missing
    // piece (here a GitHub recipe) is added.
    std::fs::write(p.join(".gitlab-ci.yml"), "mine\n").unwrap();
    std::fs::write(p.join("puente.toml"), "[project]\nsource = \"es\"\n").unwrap();
    let o = puente(p, &["init", "--ci", "github"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("kept puente.toml"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("puente init --force replaces"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(p.join("puente.toml")).unwrap(),
        "[project]\nsource = \"es\"\n"
    );
    assert!(p.join(".github/workflows/puente.yml").is_file());
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

/// The `puente` commands of a CI recipe, as its shell would run them: GitHub's `run:` steps
/// and GitLab's `script:` items, skipping the install step (the binary under test is on PATH).
fn recipe_commands(recipe: &str) -> Vec<String> {
    recipe
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("run: ")
                .or_else(|| l.strip_prefix("- "))
                .filter(|c| c.starts_with("puente "))
                .map(str::to_string)
        })
        .collect()
}

/// Runs a recipe's commands in `dir` with the binary under test first on PATH, as CI would.
fn run_recipe(dir: &Path, recipe: &str) {
    let commands = recipe_commands(recipe);
    assert!(commands.len() >= 2, "no puente commands in:\n{recipe}");
    let bin_dir = Path::new(crate::support::bin()).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for c in commands {
        let o = std::process::Command::new("sh")
            .args(["-c", &c])
            .current_dir(dir)
            .env("PATH", &path)
            .env("LANG", "C")
            .env_remove("PUENTE_UI_LANG")
            .output()
            .unwrap();
        assert_eq!(code(&o), 0, "{c}: {}", stderr(&o));
    }
}

#[test]
fn the_ci_recipes_pass_on_the_first_day_and_fail_on_a_finding() {
    for (ci, recipe_file, report) in [
        ("github", ".github/workflows/puente.yml", "puente.sarif"),
        ("gitlab", ".gitlab-ci.yml", "puente-junit.xml"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let o = puente(p, &["init", "--ci", ci]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let recipe = std::fs::read_to_string(p.join(recipe_file)).unwrap();
        // Day one: no work files yet. Every step passes and the report is valid.
        run_recipe(p, &recipe);
        let text = std::fs::read_to_string(p.join(report)).unwrap();
        if ci == "github" {
            let doc = crate::reports::valid_sarif(&text);
            assert_eq!(doc["runs"][0]["results"].as_array().unwrap().len(), 0);
        } else {
            let (ok, why) = crate::reports::junit_schema_check(&p.join(report));
            assert!(ok, "{why}");
        }
        // A work file with an error: the check step fails (exit 1) and still writes its report.
        std::fs::copy(
            crate::support::fixtures().join("drone-strikes.en.md"),
            p.join("drone-strikes.en.md"),
        )
        .unwrap();
        let o = puente(p, &["segment", "drone-strikes.en.md"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let check = recipe_commands(&recipe)
            .into_iter()
            .find(|c| c.starts_with("puente check"))
            .unwrap();
        std::fs::remove_file(p.join(report)).unwrap();
        let bin_dir = Path::new(crate::support::bin()).parent().unwrap();
        let o = std::process::Command::new("sh")
            .args(["-c", &check])
            .current_dir(p)
            .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
            .env("LANG", "C")
            .output()
            .unwrap();
        assert_eq!(code(&o), 1, "{check}: untranslated segments fail the build");
        assert!(
            p.join(report).is_file(),
            "{ci}: the report is still written"
        );
    }
}
