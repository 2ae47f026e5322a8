//! Issue 16, item 5: front matter a newsroom writes by hand. Unknown keys are warned (with the
//! closest known key), every value is checked at `segment` with the file and line, an unclosed
//! header says where to close it; `merge` given the article instead of its work file says so,
//! and `merge --source` re-attaches a work file whose article moved. Each error and warning is
//! also a contract snapshot (exit code, stdout, stderr), some in both UI languages.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::support::{code, command, contract, puente, stderr, translate_all};

/// A project folder (`puente init`) holding `art.md` with `front` as its front matter lines.
fn project_with(front: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = puente(dir.path(), &["init"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    fs::write(dir.path().join("art.md"), article(front)).unwrap();
    dir
}

/// A short YAML article with `front` as its front matter lines.
fn article(front: &str) -> String {
    format!("---\n{front}---\n\nThe mayor spoke on Monday. The council listened.\n")
}

/// `puente ARGS` in `dir` with the Spanish UI.
fn puente_es(dir: &Path, args: &[&str]) -> Output {
    command(dir, &[&["--ui-lang", "es-MX"], args].concat())
        .output()
        .expect("puente runs")
}

/// One run's contract, headed by its command line, as tests/it/contract.rs writes them.
fn run(dir: &Path, args: &[&str]) -> String {
    format!(
        "$ puente {}\n{}",
        args.join(" "),
        contract(&puente(dir, args), dir)
    )
}

/// [`run`], then the same in Spanish in a copy made by `setup` (runs must not share leftovers).
fn both(setup: impl Fn() -> tempfile::TempDir, args: &[&str]) -> String {
    let en = setup();
    let es = setup();
    let mut spanish = vec!["--ui-lang", "es-MX"];
    spanish.extend(args);
    format!("{}\n\n{}", run(en.path(), args), run(es.path(), &spanish))
}

#[test]
fn a_misspelled_key_is_warned_with_the_closest_known_key_and_the_work_file_is_written() {
    let dir = project_with(
        "title: Council vote\nkikcer: ANALYSIS\nlang: en\ncms_id: 4411\nrelated:\n  - title: Budget talks stall\n    ulr: https://example.com/budget\n",
    );
    let o = puente(dir.path(), &["segment", "art.md"]);
    let err = stderr(&o);
    // A warning, not a refusal: a CMS adds keys of its own.
    assert_eq!(code(&o), 0, "{err}");
    assert!(dir.path().join("work/art.es.po").is_file());
    assert!(
        err.contains(
            "warning: art.md:3: unknown front matter key kikcer: it is kept as it is and not translated\nhint: did you mean kicker?\n"
        ),
        "{err}"
    );
    // Nothing is close to `cms_id`: the hint lists the keys puente knows.
    assert!(
        err.contains("warning: art.md:5: unknown front matter key cms_id")
            && err.contains(
                "hint: puente knows lang, kicker, title, dek, author, byline, date, slug, draft, related"
            ),
        "{err}"
    );
    // A related link's keys are its own list: `ulr` is close to `url`.
    assert!(
        err.contains("warning: art.md:8: unknown key ulr in a related link")
            && err.contains("hint: did you mean url?"),
        "{err}"
    );
    // The known keys make no noise.
    assert_eq!(err.matches("warning:").count(), 3, "{err}");
    let clean = project_with("title: Council vote\nkicker: ANALYSIS\nlang: en\n");
    let o = puente(clean.path(), &["segment", "art.md"]);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    // --quiet silences notes, warnings included; the work file is written all the same.
    let quiet = project_with("kikcer: ANALYSIS\n");
    let o = puente(quiet.path(), &["--quiet", "segment", "art.md"]);
    assert_eq!((code(&o), stderr(&o).as_str()), (0, ""));
}

#[test]
fn every_value_is_checked_at_segment_with_file_and_line_and_nothing_is_written() {
    // (front matter lines, what stderr says)
    let cases: &[(&str, &str)] = &[
        (
            "title: Vote\nlang: eng\n",
            "error: art.md:3: lang eng is not a language puente translates\nhint: write en or es, or a regional form such as en-US, en-GB, es-MX or es_MX\n",
        ),
        (
            "title: Vote\ndate: 2026-02-30\n",
            "error: art.md:3: date 2026-02-30 is not a calendar date\nhint: write the date as YYYY-MM-DD",
        ),
        (
            "date: \"23/11/2026\"\n",
            "error: art.md:2: date 23/11/2026 is not a calendar date",
        ),
        (
            "title: Vote\ndraft: yes\n",
            "error: art.md:3: draft yes is neither true nor false\nhint: write draft: true or draft: false\n",
        ),
        (
            "related: Budget talks stall\n",
            "error: art.md:2: related is not a list of links\nhint: write each link as a list item under related",
        ),
        (
            "related: [{title: Budget talks stall, url: https://example.com/b}]\n",
            "error: art.md:2: related is written on one line, where its titles would not be translated",
        ),
        (
            "related:\n  - Budget talks stall\n",
            "error: art.md:3: this item of related is not a link with a title",
        ),
        (
            "related:\n  - title: Budget talks stall\n  - url: https://example.com/b\n",
            "error: art.md:4: this link of related has no title",
        ),
        (
            "related:\n  title: Budget talks stall\n",
            "error: art.md:3: related is not a list of links",
        ),
    ];
    for (front, says) in cases {
        let dir = project_with(front);
        let o = puente(dir.path(), &["segment", "art.md"]);
        assert_eq!(code(&o), 2, "{front}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{front}:\n{}", stderr(&o));
        assert!(
            !dir.path().join("work/art.es.po").exists(),
            "{front}: a work file was written"
        );
    }
    // The values that are right pass: a regional language, a date with a time, a list of links.
    let dir = project_with("lang: es_MX\ndate: 2026-11-23T08:00:00Z\ndraft: false\nrelated: []\n");
    let o = puente(dir.path(), &["segment", "art.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let dir = project_with("related:\n- title: Lee\n  url: https://example.com/a\n");
    let o = puente(dir.path(), &["segment", "art.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // A link's title at the list's own indentation is the link's title, not the headline.
    let po = fs::read_to_string(dir.path().join("work/art.es.po")).unwrap();
    assert!(po.contains("#. related title"), "{po}");
}

#[test]
fn toml_values_are_checked_the_same_way() {
    let cases: &[(&str, &str)] = &[
        (
            "+++\ntitle = \"Vote\"\ndate = \"2026-02-30\"\n+++\nBody.\n",
            "error: art.md:3: date 2026-02-30 is not a calendar date",
        ),
        (
            "+++\n[related]\ntitle = \"Lee\"\n+++\nBody.\n",
            "error: art.md:2: related is not a list of links\nhint: write each link as a [[related]] table with title = \"…\" and url = \"…\"\n",
        ),
        (
            "+++\n[[related]]\nurl = \"https://example.com/a\"\n+++\nBody.\n",
            "error: art.md:2: this link of related has no title",
        ),
        (
            "+++\ntitle = \"Vote\"\nlang = \"fr\"\n+++\nBody.\n",
            "error: art.md:3: lang fr is not a language puente translates",
        ),
    ];
    for (text, says) in cases {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("art.md"), text).unwrap();
        let o = puente(dir.path(), &["segment", "art.md"]);
        assert_eq!(code(&o), 2, "{text}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{text}:\n{}", stderr(&o));
        assert!(!dir.path().join("art.es.po").exists());
    }
    // A table of the CMS's own is one unknown key, warned once; its keys are its own.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("art.md"),
        "+++\ntitle = \"Vote\"\ntitel = \"x\"\n[seo]\ndescription = \"d\"\n+++\nBody.\n",
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "art.md"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 0, "{err}");
    assert!(
        err.contains("art.md:3: unknown front matter key titel")
            && err.contains("did you mean title?"),
        "{err}"
    );
    assert!(
        err.contains("art.md:4: unknown front matter key seo"),
        "{err}"
    );
    assert_eq!(err.matches("warning:").count(), 2, "{err}");
}

#[test]
fn an_unclosed_front_matter_says_to_close_it_after_its_last_key() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("art.md"),
        "---\ntitle: Council vote\nlang: en\n\n# Council vote\n\nThe mayor spoke on Monday.\n",
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "art.md"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "error: art.md:1: the front matter opened here is never closed (no --- line after it)\n\
         hint: close the front matter: add a line --- after line 3, before the article's text\n"
    );
    fs::write(
        dir.path().join("art.md"),
        "+++\ntitle = \"Council vote\"\n\nThe mayor spoke on Monday.\n",
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "art.md"]);
    assert!(
        stderr(&o).contains(
            "no +++ line after it)\nhint: close the front matter: add a line +++ after line 2,"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_bad_value_is_said_in_spanish_too() {
    let dir = project_with("title: Vote\nlang: eng\n");
    let o = puente_es(dir.path(), &["segment", "art.md"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "error: art.md:3: lang eng no es un idioma que puente traduzca\n\
         sugerencia: escriba en o es, o una forma regional como en-US, en-GB, es-MX o es_MX\n"
    );
    let dir = project_with("kikcer: ANÁLISIS\n");
    let o = puente_es(dir.path(), &["segment", "art.md"]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains(
            "aviso: art.md:2: clave desconocida del front matter kikcer: se conserva tal cual y no se traduce\nsugerencia: ¿quiso decir kicker?\n"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn merge_given_the_article_says_it_is_one_and_names_the_work_file() {
    let dir = project_with("title: Council vote\nlang: en\n");
    let d = dir.path();
    // Not segmented yet: the hint says to segment it first.
    let o = puente(d, &["merge", "art.md"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "error: art.md is an article, not a work file\n\
         hint: segment the article first (puente segment art.md writes work/art.es.po), translate it, then merge that work file\n"
    );
    let o = puente(d, &["segment", "art.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = puente(d, &["merge", "art.md"]);
    assert_eq!(
        (code(&o), stderr(&o).as_str()),
        (
            2,
            "error: art.md is an article, not a work file\nhint: merge the article's work file: puente merge work/art.es.po\n"
        )
    );
    // By content, not by name: prose in a file called .po, and a plain-text article.
    fs::write(d.join("notes.po"), "The mayor spoke on Monday.\n").unwrap();
    let o = puente(d, &["merge", "notes.po"]);
    assert!(
        stderr(&o).starts_with("error: notes.po is an article, not a work file\n"),
        "{}",
        stderr(&o)
    );
    fs::write(d.join("brief.txt"), "The mayor spoke on Monday.\n").unwrap();
    let o = puente(d, &["merge", "brief.txt"]);
    assert!(
        stderr(&o).starts_with("error: brief.txt is an article, not a work file\n"),
        "{}",
        stderr(&o)
    );
    // A broken work file is still a broken work file, with its line and column.
    fs::write(
        d.join("broken.po"),
        "msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\n",
    )
    .unwrap();
    let o = puente(d, &["merge", "broken.po"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("error: broken.po:2:"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("art.es.md").exists());
}

#[test]
fn merge_source_reattaches_a_work_file_to_its_moved_article_and_still_checks_it() {
    let dir = project_with("title: Council vote\nlang: en\n");
    let d = dir.path();
    assert_eq!(code(&puente(d, &["segment", "art.md"])), 0);
    translate_all(&d.join("work/art.es.po"));
    fs::create_dir(d.join("desk")).unwrap();
    fs::rename(d.join("art.md"), d.join("desk/council.md")).unwrap();
    // Without it, the work file's recorded path no longer resolves: the hint says --source.
    let o = puente(d, &["merge", "work/art.es.po"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("hint: restore the article at that path; if it moved, name it: puente merge --source ARTICLE work/art.es.po\n"),
        "{}",
        stderr(&o)
    );
    let o = puente(
        d,
        &["merge", "--source", "desk/council.md", "work/art.es.po"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The edition goes beside the article it was merged from.
    let edition = fs::read_to_string(d.join("desk/council.es.md")).unwrap();
    assert!(
        edition.contains("title: \"ES: Council vote\"")
            || edition.contains("title: ES: Council vote"),
        "{edition}"
    );
    assert!(edition.contains("lang: es"), "{edition}");
    assert!(
        edition.contains("ES: The mayor spoke on Monday."),
        "{edition}"
    );
    // Another article (or this one edited) is refused, naming both files; nothing is written.
    fs::write(d.join("desk/other.md"), article("title: Other\nlang: en\n")).unwrap();
    let o = puente(d, &["merge", "--source", "desk/other.md", "work/art.es.po"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with(
            "error: desk/other.md changed since work/art.es.po was written (checksum differs)\n"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("desk/other.es.md").exists());
    let o = puente(d, &["merge", "--source", "desk/gone.md", "work/art.es.po"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with("error: desk/gone.md does not exist\n"));
}

#[test]
fn contract_front_matter_warnings_and_errors() {
    let with = |front: &'static str| move || project_with(front);
    insta::assert_snapshot!(
        "frontmatter_unknown_keys",
        both(
            with("title: Council vote\nkikcer: ANALYSIS\ncms_id: 4411\nlang: en\n"),
            &["segment", "art.md"]
        )
    );
    insta::assert_snapshot!(
        "frontmatter_bad_lang",
        both(
            with("title: Council vote\nlang: eng\n"),
            &["segment", "art.md"]
        )
    );
    insta::assert_snapshot!(
        "frontmatter_bad_date",
        both(
            with("title: Council vote\ndate: 2026-02-30\n"),
            &["segment", "art.md"]
        )
    );
    insta::assert_snapshot!(
        "frontmatter_bad_draft",
        both(
            with("title: Council vote\ndraft: maybe\n"),
            &["segment", "art.md"]
        )
    );
    insta::assert_snapshot!(
        "frontmatter_bad_related",
        both(
            with("title: Council vote\nrelated:\n  - url: https://example.com/a\n"),
            &["segment", "art.md"]
        )
    );
    insta::assert_snapshot!(
        "frontmatter_unclosed",
        both(
            || {
                let dir = tempfile::tempdir().unwrap();
                fs::write(
                    dir.path().join("art.md"),
                    "---\ntitle: Council vote\nlang: en\n\nThe mayor spoke on Monday.\n",
                )
                .unwrap();
                dir
            },
            &["segment", "art.md"]
        )
    );
}

#[test]
fn contract_merge_of_an_article_and_of_a_moved_one() {
    let segmented = || {
        let dir = project_with("title: Council vote\nlang: en\n");
        assert_eq!(code(&puente(dir.path(), &["segment", "art.md"])), 0);
        dir
    };
    insta::assert_snapshot!(
        "frontmatter_merge_article",
        both(segmented, &["merge", "art.md"])
    );
    let moved = || {
        let dir = segmented();
        translate_all(&dir.path().join("work/art.es.po"));
        fs::rename(dir.path().join("art.md"), dir.path().join("council.md")).unwrap();
        dir
    };
    insta::assert_snapshot!(
        "frontmatter_merge_moved",
        both(moved, &["merge", "work/art.es.po"])
    );
    insta::assert_snapshot!(
        "frontmatter_merge_source",
        both(
            moved,
            &["merge", "--source", "council.md", "work/art.es.po"]
        )
    );
}
