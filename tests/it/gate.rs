//! The one gate: `publish` refuses a story for the same reasons whether its translation is a
//! work file or an article already translated, and `--draft` is the only way past.

use std::path::Path;

use crate::support::{code, contract, fixtures, puente, stderr};

/// A project with the sample article, its reviewed work file, the newsroom glossary and the
/// Spanish article `merge` makes of the two: a translation that passes the gate.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    let glossary = dir.path().join("glossary");
    std::fs::create_dir(&glossary).unwrap();
    for f in ["terms.toml", "names.toml", "quotes.toml"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("glossary")
            .join(f);
        std::fs::copy(from, glossary.join(f)).unwrap();
    }
    let o = puente(dir.path(), &["merge", "drone-strikes.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    dir
}

/// Replaces the first `from` in `file` with `to`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn publish(dir: &Path, translation: &str, draft: bool) -> std::process::Output {
    let mut args = vec![
        "publish",
        "drone-strikes.en.md",
        translation,
        "--out",
        "site",
    ];
    if draft {
        args.push("--draft");
    }
    puente(dir, &args)
}

#[test]
fn a_clean_translated_article_publishes_as_final() {
    let dir = project();
    let o = publish(dir.path(), "drone-strikes.es.md", false);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.path().join("site/es/drone-strikes.html")).unwrap();
    assert!(!page.contains("noindex"), "a final edition is indexable");
}

#[test]
fn a_forbidden_term_stops_a_translated_article_as_it_stops_its_work_file() {
    let dir = project();
    // The same mistake in the article and in the work file it came from.
    edit(
        dir.path(),
        "drone-strikes.es.md",
        "los cárteles",
        "los carteles",
    );
    edit(
        dir.path(),
        "drone-strikes.es.po",
        "los cárteles",
        "los carteles",
    );

    let by_article = publish(dir.path(), "drone-strikes.es.md", false);
    let by_workfile = publish(dir.path(), "drone-strikes.es.po", false);
    assert_eq!(code(&by_article), 1, "{}", stderr(&by_article));
    assert_eq!(code(&by_workfile), 1, "{}", stderr(&by_workfile));
    assert!(
        !dir.path().join("site").exists(),
        "a refused story writes nothing"
    );
    // The same listing: one problem, the same segment and rule, each at its own file's line.
    let article_err = stderr(&by_article);
    let workfile_err = stderr(&by_workfile);
    let item = |s: &str| {
        s.lines()
            .find(|l| l.contains("forbidden-term"))
            .map(|l| l.split_once(": ").unwrap().1.to_string())
            .unwrap_or_else(|| panic!("no forbidden-term item in:\n{s}"))
    };
    assert_eq!(item(&article_err), item(&workfile_err));
    assert!(
        article_err.contains("drone-strikes.es.md:9: segment"),
        "the article's line is named:\n{article_err}"
    );
    insta::assert_snapshot!(
        "gate_refuses_a_translated_article",
        contract(&by_article, dir.path())
    );

    // --draft is the way past, and the draft says so.
    let o = publish(dir.path(), "drone-strikes.es.md", true);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.path().join("site/es/drone-strikes.html")).unwrap();
    assert!(page.contains("noindex"), "a draft is not indexable");
}

#[test]
fn a_misspelt_name_stops_a_translated_article_whose_sentences_were_joined() {
    let dir = project();
    // The translator joined the paragraph's two sentences and misspelt a name: the block no
    // longer pairs sentence by sentence, and the gate still reads it, as one unit.
    edit(
        dir.path(),
        "drone-strikes.es.md",
        "Claudia Sheinbaum redobla su compromiso de defender la soberanía de México. La creciente",
        "Claudia Sheinbam redobla su compromiso de defender la soberanía de México; la creciente",
    );
    let o = publish(dir.path(), "drone-strikes.es.md", false);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("drone-strikes.es.md:9: segment b.") && err.contains("(glossary-term)"),
        "{err}"
    );
}

#[test]
fn an_article_marked_draft_is_not_published_as_final() {
    let dir = project();
    edit(
        dir.path(),
        "drone-strikes.es.md",
        "---\n",
        "---\ndraft: true\n",
    );
    let o = publish(dir.path(), "drone-strikes.es.md", false);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("drone-strikes.es.md:2: the article is marked as a draft"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("site").exists());
    let o = publish(dir.path(), "drone-strikes.es.md", true);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn an_article_merged_as_a_draft_is_not_final_while_its_work_file_says_unreviewed() {
    let dir = project();
    // One segment of the story's work file goes back to fuzzy (as machine translation is):
    // its article, given as a translated article, is held by the work file's record.
    let po = dir.path().join("drone-strikes.es.po");
    let text = std::fs::read_to_string(&po).unwrap();
    let at = text.find("\nmsgctxt ").unwrap();
    std::fs::write(&po, format!("{}\n#, fuzzy{}", &text[..at], &text[at..])).unwrap();
    let o = publish(dir.path(), "drone-strikes.es.md", false);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("fuzzy (not reviewed)"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("site").exists());
    // A work file made from another article says nothing about this one.
    let other = text.replacen(
        "X-Puente-Source: drone-strikes.en.md",
        "X-Puente-Source: other.en.md",
        1,
    );
    let at = other.find("\nmsgctxt ").unwrap();
    let other = format!("{}\n#, fuzzy{}", &other[..at], &other[at..]);
    std::fs::write(&po, other).unwrap();
    // Still a work file puente reads, with one fuzzy segment: only its article differs.
    let o = crate::support::puente(dir.path(), &["status", "drone-strikes.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("1 fuzzy"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = publish(dir.path(), "drone-strikes.es.md", false);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}
