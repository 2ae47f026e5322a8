//! `puente publish` at newsroom scale (issue 17): an archive (a month, or the undated
//! stories) larger than a page is cut into pages of a bounded size, each made from its own
//! rows and linking the pages before and after it, so no page grows with the archive; a
//! publish rewrites only the pages whose rows changed; a run of many leaves every record in
//! the index's cache. The page size is set small through `PUENTE_ARCHIVE_PAGE_STORIES`.

use std::path::Path;

use serde_json::Value;

use crate::publish::{assert_nu_valid, glossary, vnu_jar};
use crate::publishmany::rows;
use crate::support::{code, command, fixtures, stderr};

/// Stories per archive page in these tests.
const PER_PAGE: &str = "3";

/// An undated story `name` in `work/`: the sample article (which has no date) and its
/// reviewed work file, renamed.
fn undated(dir: &Path, name: &str) {
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    let article = std::fs::read_to_string(fixtures().join("drone-strikes.en.md")).unwrap();
    assert!(
        !article.contains("\ndate:"),
        "the sample article has no date"
    );
    let po = std::fs::read_to_string(fixtures().join("drone-strikes.es.po"))
        .unwrap()
        .replace(
            "X-Puente-Source: drone-strikes.en.md",
            &format!("X-Puente-Source: {name}.en.md"),
        );
    std::fs::write(work.join(format!("{name}.en.md")), article).unwrap();
    std::fs::write(work.join(format!("{name}.es.po")), po).unwrap();
}

/// `puente publish ARGS… --out site --glossary G --format json` with archive pages of
/// [`PER_PAGE`] stories; fails the test unless it exits 0.
fn publish(dir: &Path, args: &[&str]) -> std::process::Output {
    let g = glossary();
    let mut all = vec!["publish"];
    all.extend_from_slice(args);
    all.extend(["--out", "site", "--glossary", &g, "--format", "json"]);
    let o = command(dir, &all)
        .env("PUENTE_ARCHIVE_PAGE_STORIES", PER_PAGE)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    o
}

/// Publishes the one story `name` (its article and work file) again.
fn publish_one(dir: &Path, name: &str) -> Vec<String> {
    let (article, po) = (format!("work/{name}.en.md"), format!("work/{name}.es.po"));
    index_files(&publish(dir, &[&article, &po]))
}

/// The index files a one-story publish wrote: those after its seven edition files and its
/// record.
fn index_files(o: &std::process::Output) -> Vec<String> {
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    report["files"].as_array().unwrap()[8..]
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The pager of an archive page: its `<nav class="pages">`, or "" when it has none.
fn pager(page: &str) -> &str {
    match page.find("<nav class=\"pages\">") {
        Some(start) => &page[start..start + page[start..].find("</nav>").unwrap() + 6],
        None => "",
    }
}

/// The archive pages of the undated stories in each language, as expected.
const PAGES: [&str; 3] = ["undated.html", "undated.p2.html", "undated.p3.html"];

#[test]
fn an_archive_larger_than_a_page_is_cut_into_linked_pages_listing_each_story_once() {
    let dir = tempfile::tempdir().unwrap();
    let slugs = ["s1", "s2", "s3", "s4", "s5", "s6", "s7"];
    for s in slugs {
        undated(dir.path(), s);
    }
    publish(dir.path(), &["work"]);
    for lang in ["en", "es"] {
        let pages: Vec<String> = PAGES
            .iter()
            .map(|p| read(dir.path(), &format!("site/{lang}/{p}")))
            .collect();
        let listed: Vec<Vec<&str>> = pages.iter().map(|p| rows(p)).collect();
        assert_eq!(
            listed,
            [vec!["s1", "s2", "s3"], vec!["s4", "s5", "s6"], vec!["s7"]],
            "{lang}"
        );
        assert!(!dir
            .path()
            .join(format!("site/{lang}/undated.p4.html"))
            .exists());
        let front = read(dir.path(), &format!("site/{lang}/index.html"));
        assert!(
            front.contains(r#"<a href="undated.html" data-count="7">"#),
            "{front}"
        );
        // Each page links the one before and the one after it, in its own language, and
        // the same page in the other language.
        let (previous, next, page) = match lang {
            "en" => ("Previous page", "Next page", "Page"),
            _ => ("Página anterior", "Página siguiente", "Página"),
        };
        assert_eq!(
            pager(&pages[0]),
            format!(
                r#"<nav class="pages"><span>{page} 1</span><a href="undated.p2.html" rel="next">{next}</a></nav>"#
            )
        );
        assert_eq!(
            pager(&pages[1]),
            format!(
                r#"<nav class="pages"><a href="undated.html" rel="prev">{previous}</a><span>{page} 2</span><a href="undated.p3.html" rel="next">{next}</a></nav>"#
            )
        );
        assert_eq!(
            pager(&pages[2]),
            format!(
                r#"<nav class="pages"><a href="undated.p2.html" rel="prev">{previous}</a><span>{page} 3</span></nav>"#
            )
        );
        let other = if lang == "en" { "es" } else { "en" };
        assert!(
            pages[1].contains(&format!(
                r#"<a href="../{other}/undated.p2.html" hreflang="{other}""#
            )),
            "{}",
            pages[1]
        );
        assert!(
            pages[1].contains(&format!(" · {page} 2</title>")),
            "{}",
            pages[1]
        );
    }
    // The run of many left every record in the index's cache, for the next publish.
    let cache: Value = serde_json::from_str(&read(dir.path(), "site/.puente.index.json")).unwrap();
    let records = cache["records"].as_object().unwrap();
    let mut cached: Vec<&str> = records.keys().map(String::as_str).collect();
    cached.sort_unstable();
    let want: Vec<String> = slugs.iter().map(|s| format!("{s}.story.json")).collect();
    assert_eq!(cached, want);
    assert_eq!(records["s3.story.json"]["entry"]["slug"], "s3");
    let pages = cache["pages"].as_object().unwrap();
    let mut stems: Vec<&str> = pages.keys().map(String::as_str).collect();
    stems.sort_unstable();
    assert_eq!(stems, ["undated", "undated.p2", "undated.p3"]);
}

#[test]
fn a_publish_rewrites_only_the_archive_pages_it_changed_and_empties_one_no_longer_needed() {
    let dir = tempfile::tempdir().unwrap();
    for s in ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"] {
        undated(dir.path(), s);
    }
    // Nine stories, three full pages.
    let all: Vec<String> = (1..=9).map(|i| format!("work/s{i}.es.po")).collect();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    publish(dir.path(), &all);
    let untouched = |rel: &str| {
        std::fs::metadata(dir.path().join(rel))
            .unwrap()
            .modified()
            .unwrap()
    };
    let first = untouched("site/en/undated.html");

    // A story published again unchanged: its page's rows are the same, so no archive page
    // is made again.
    let index = [
        "site/index.html",
        "site/en/index.html",
        "site/es/index.html",
    ];
    assert_eq!(
        publish_one(dir.path(), "s5"),
        [&index[..], &["site/.puente.index.json"]].concat()
    );

    // A tenth story, last in order: a fourth page, and the third (which now links it); the
    // first two are not made again.
    undated(dir.path(), "sz");
    // The index and the last two archive pages of each language.
    let last_two = [
        &index[..],
        &[
            "site/en/undated.p3.html",
            "site/en/undated.p4.html",
            "site/es/undated.p3.html",
            "site/es/undated.p4.html",
            "site/.puente.index.json",
        ],
    ]
    .concat();
    assert_eq!(publish_one(dir.path(), "sz"), last_two);
    assert_eq!(rows(&read(dir.path(), "site/es/undated.p4.html")), ["sz"]);
    assert!(pager(&read(dir.path(), "site/es/undated.p3.html"))
        .contains(r#"<a href="undated.p4.html" rel="next">Página siguiente</a>"#));
    assert_eq!(untouched("site/en/undated.html"), first);

    // Two stories gone (their pages and records deleted): the pages after them shift, and
    // the fourth, no longer needed, is written empty rather than left listing them.
    for s in ["s8", "sz"] {
        for f in [
            format!("site/{s}.story.json"),
            format!("site/en/{s}.html"),
            format!("site/es/{s}.html"),
            format!("site/bilingual/{s}.html"),
        ] {
            std::fs::remove_file(dir.path().join(f)).unwrap();
        }
    }
    assert_eq!(publish_one(dir.path(), "s1"), last_two);
    let third = read(dir.path(), "site/en/undated.p3.html");
    assert_eq!(rows(&third), ["s7", "s9"]);
    assert!(!pager(&third).contains("rel=\"next\""), "{third}");
    let fourth = read(dir.path(), "site/en/undated.p4.html");
    assert!(
        rows(&fourth).is_empty() && pager(&fourth).is_empty(),
        "{fourth}"
    );
    let mut seen: Vec<&str> = Vec::new();
    let pages: Vec<String> = ["undated.html", "undated.p2.html", "undated.p3.html"]
        .iter()
        .map(|p| read(dir.path(), &format!("site/en/{p}")))
        .collect();
    for p in &pages {
        seen.extend(rows(p));
    }
    assert_eq!(seen, ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s9"]);
}

#[test]
fn the_nu_html_checker_finds_no_error_on_archive_pages_of_several() {
    let jar = vnu_jar();
    let dir = tempfile::tempdir().unwrap();
    for s in ["s1", "s2", "s3", "s4", "s5", "s6", "s7"] {
        undated(dir.path(), s);
    }
    publish(dir.path(), &["work"]);
    let pages: Vec<String> = ["en", "es"]
        .iter()
        .flat_map(|l| PAGES.iter().map(move |p| format!("site/{l}/{p}")))
        .collect();
    assert_nu_valid(dir.path(), &jar, &pages);
}
