//! `puente publish` keeps the newsroom's index: rebuilt from every story's record in the
//! output folder on each publish, one page per language and a root page, valid HTML that reads
//! on a desktop and a phone.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::publish::{chromium, glossary, shots, vnu_jar};
use crate::support::{code, fixtures, puente, stderr};

/// A scratch folder with two stories: the sample article with its reviewed work file, and
/// the structure article with its translation.
fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "drone-strikes.en.md",
        "drone-strikes.es.po",
        "structure.en.md",
        "structure.es.md",
    ] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// Publishes the drone-strikes story from `work` into `site/`, with `extra` arguments.
fn drones(dir: &Path, work: &str, extra: &[&str]) -> std::process::Output {
    let g = glossary();
    let mut args = vec![
        "publish",
        "drone-strikes.en.md",
        work,
        "--out",
        "site",
        "--glossary",
        &g,
    ];
    args.extend_from_slice(extra);
    puente(dir, &args)
}

/// Publishes the structure story (from its translated article) into `site/`.
fn structure(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "publish",
        "structure.en.md",
        "structure.es.md",
        "--out",
        "site",
    ];
    args.extend_from_slice(extra);
    puente(dir, &args)
}

fn ok(o: &std::process::Output) {
    assert_eq!(code(o), 0, "{}", stderr(o));
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The slugs of an index page's rows, in order.
fn rows(page: &str) -> Vec<&str> {
    page.split("<tr data-slug=\"")
        .skip(1)
        .map(|r| &r[..r.find('"').unwrap()])
        .collect()
}

/// The row of `slug` in an index page.
fn row<'a>(page: &'a str, slug: &str) -> &'a str {
    let start = page
        .find(&format!("<tr data-slug=\"{slug}\""))
        .unwrap_or_else(|| panic!("no row {slug}: {page}"));
    let end = start + page[start..].find("</tr>").unwrap();
    &page[start..end]
}

#[test]
fn two_stories_published_one_after_the_other_are_both_listed_newest_first() {
    let dir = newsroom();
    ok(&drones(
        dir.path(),
        "drone-strikes.es.po",
        &["--date", "2026-11-23"],
    ));
    let o = structure(dir.path(), &["--date", "2026-11-24", "--format", "json"]);
    ok(&o);
    // The record and the index pages are written with the story, and said so: the front
    // pages, the archive pages of the month whose stories changed, and the index's cache.
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let files: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(
        files[7..],
        [
            "site/structure.story.json",
            "site/index.html",
            "site/en/index.html",
            "site/es/index.html",
            "site/en/2026-11.html",
            "site/es/2026-11.html",
            "site/.puente.index.json"
        ]
    );

    let en = read(dir.path(), "site/en/index.html");
    let es = read(dir.path(), "site/es/index.html");
    assert!(en.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(es.starts_with("<!DOCTYPE html><html lang=\"es\">"));
    // Newest first, each headline in the page's language, labels from Fluent.
    assert_eq!(rows(&en), ["structure", "drone-strikes"]);
    assert_eq!(rows(&es), ["structure", "drone-strikes"]);
    assert!(en.contains("<title>Stories</title>") && es.contains("<title>Notas</title>"));
    assert!(en.contains("<th scope=\"col\">Headline</th>"));
    assert!(es.contains("<th scope=\"col\">Titular</th>"));
    let drone_en = row(&en, "drone-strikes");
    assert!(drone_en.contains(r#"<time datetime="2026-11-23">November 23, 2026</time>"#));
    assert!(drone_en.contains(
        r#"<a href="../en/drone-strikes.html">Mexico Resists Drone Strikes: Tensions Grow Under Trump</a>"#
    ));
    assert!(drone_en.contains(r#"<span class="status">Final</span>"#));
    assert!(drone_en
        .contains(r#"<a href="../es/drone-strikes.html" hreflang="es" lang="es">Español</a>"#));
    assert!(drone_en.contains(r#"<a href="../bilingual/drone-strikes.html">Bilingual</a>"#));
    let drone_es = row(&es, "drone-strikes");
    assert!(drone_es.contains(r#"<time datetime="2026-11-23">23 de noviembre de 2026</time>"#));
    assert!(drone_es.contains(
        r#"<a href="../es/drone-strikes.html">México rechaza los ataques con drones: crecen las tensiones con Trump</a>"#
    ));
    assert!(drone_es
        .contains(r#"<a href="../en/drone-strikes.html" hreflang="en" lang="en">English</a>"#));
    assert!(drone_es.contains(r#"<a href="../bilingual/drone-strikes.html">Bilingüe</a>"#));
    assert!(row(&es, "structure").contains(">Voces desde la frontera</a>"));
    // The front page leads to the month's archive page, which lists both too.
    assert!(
        en.contains(r#"<a href="2026-11.html" data-count="2">November 2026</a>"#),
        "{en}"
    );
    assert!(es.contains(r#"<a href="2026-11.html" data-count="2">noviembre de 2026</a>"#));
    let month = read(dir.path(), "site/es/2026-11.html");
    assert_eq!(rows(&month), ["structure", "drone-strikes"]);
    assert!(
        month.contains("<title>Notas · noviembre de 2026</title>"),
        "{month}"
    );
    // Every link of the index leads to a page that is there.
    for (page, name) in [
        ("en", "index"),
        ("es", "index"),
        ("en", "2026-11"),
        ("es", "2026-11"),
    ] {
        let html = read(dir.path(), &format!("site/{page}/{name}.html"));
        for href in html
            .split("href=\"")
            .skip(1)
            .map(|h| &h[..h.find('"').unwrap()])
        {
            assert!(
                dir.path().join("site").join(page).join(href).is_file(),
                "{page}/{name}.html links to {href}"
            );
        }
    }
    // The root page leads to both, each in its own language.
    let root = read(dir.path(), "site/index.html");
    assert!(root.contains(r#"<a href="en/index.html" hreflang="en" lang="en">English</a>"#));
    assert!(root.contains(r#"<a href="es/index.html" hreflang="es" lang="es">Español</a>"#));
    // The record is small, versioned and says what the index shows.
    let record: Value =
        serde_json::from_str(&read(dir.path(), "site/drone-strikes.story.json")).unwrap();
    assert_eq!(record["type"], "puente-story");
    assert_eq!(record["schema"], 1);
    assert_eq!(record["date"], "2026-11-23");
    assert_eq!(record["draft"], false);
    assert_eq!(
        record["headline"]["es"],
        "México rechaza los ataques con drones: crecen las tensiones con Trump"
    );
    // Publishing again changes nothing: the index is rebuilt the same, byte for byte.
    ok(&structure(dir.path(), &["--date", "2026-11-24"]));
    assert_eq!(read(dir.path(), "site/en/index.html"), en);
    assert_eq!(read(dir.path(), "site/es/index.html"), es);
}

#[test]
fn a_story_published_again_as_a_draft_then_final_keeps_one_row_with_its_status() {
    let dir = newsroom();
    ok(&drones(
        dir.path(),
        "drone-strikes.es.po",
        &["--date", "2026-11-23"],
    ));
    ok(&structure(dir.path(), &["--date", "2026-11-20"]));
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "raw.po"],
    );
    ok(&o);
    ok(&drones(
        dir.path(),
        "raw.po",
        &["--draft", "--date", "2026-11-25"],
    ));
    let en = read(dir.path(), "site/en/index.html");
    let es = read(dir.path(), "site/es/index.html");
    assert_eq!(
        rows(&en),
        ["drone-strikes", "structure"],
        "moved by its new date"
    );
    let draft = row(&es, "drone-strikes");
    assert!(
        draft.contains(r#"<span class="status draft">Borrador</span>"#),
        "{draft}"
    );
    assert!(!draft.contains(">Final<"), "{draft}");
    // A draft's pages are noindex: the index does not lead crawlers there.
    assert!(
        draft.contains(r#"<a href="../es/drone-strikes.html" rel="nofollow">"#),
        "{draft}"
    );
    assert!(row(&en, "drone-strikes").contains(r#"<span class="status draft">Draft</span>"#));
    assert!(row(&en, "structure").contains(r#"<span class="status">Final</span>"#));

    ok(&drones(
        dir.path(),
        "drone-strikes.es.po",
        &["--date", "2026-11-23"],
    ));
    let en = read(dir.path(), "site/en/index.html");
    assert_eq!(rows(&en), ["drone-strikes", "structure"]);
    let fin = row(&en, "drone-strikes");
    assert!(
        fin.contains(r#"<span class="status">Final</span>"#),
        "{fin}"
    );
    assert!(!fin.contains("nofollow") && !fin.contains("Draft"), "{fin}");
}

#[test]
fn a_story_whose_files_are_gone_leaves_the_index_and_a_missing_page_its_link() {
    let dir = newsroom();
    ok(&drones(
        dir.path(),
        "drone-strikes.es.po",
        &["--date", "2026-11-23"],
    ));
    ok(&structure(dir.path(), &["--date", "2026-11-24"]));
    // The Spanish page of one story is taken down: the row stays, without that link.
    std::fs::remove_file(dir.path().join("site/es/structure.html")).unwrap();
    ok(&drones(
        dir.path(),
        "drone-strikes.es.po",
        &["--date", "2026-11-23"],
    ));
    let es = read(dir.path(), "site/es/index.html");
    assert_eq!(rows(&es), ["structure", "drone-strikes"]);
    let gone = row(&es, "structure");
    assert!(!gone.contains("../es/structure.html"), "{gone}");
    assert!(
        gone.contains(r#"<td class="headline">Voces desde la frontera</td>"#),
        "{gone}"
    );
    assert!(gone.contains("../en/structure.html") && gone.contains("../bilingual/structure.html"));
    // Every file of the story is deleted: it leaves the index at the next publish.
    for rel in [
        "en/structure.html",
        "bilingual/structure.html",
        "structure.en.md",
        "structure.es.md",
        "structure.bilingual.md",
        "structure.aligned.json",
        "structure.story.json",
    ] {
        std::fs::remove_file(dir.path().join("site").join(rel)).unwrap();
    }
    ok(&drones(
        dir.path(),
        "drone-strikes.es.po",
        &["--date", "2026-11-23"],
    ));
    assert_eq!(
        rows(&read(dir.path(), "site/en/index.html")),
        ["drone-strikes"]
    );
    assert_eq!(
        rows(&read(dir.path(), "site/es/index.html")),
        ["drone-strikes"]
    );
    // The pages gone but the record left behind: not listed either.
    ok(&structure(dir.path(), &["--date", "2026-11-24"]));
    for rel in [
        "en/structure.html",
        "es/structure.html",
        "bilingual/structure.html",
    ] {
        std::fs::remove_file(dir.path().join("site").join(rel)).unwrap();
    }
    ok(&drones(
        dir.path(),
        "drone-strikes.es.po",
        &["--date", "2026-11-23"],
    ));
    assert_eq!(
        rows(&read(dir.path(), "site/en/index.html")),
        ["drone-strikes"]
    );
}

#[test]
fn a_broken_or_foreign_record_is_left_out_and_named_and_publish_goes_on() {
    let dir = newsroom();
    ok(&structure(dir.path(), &["--date", "2026-11-24"]));
    let site = dir.path().join("site");
    // Not named as a record: not read, nothing said.
    std::fs::write(site.join("notes.json"), "{oops").unwrap();
    std::fs::write(site.join("broken.story.json"), "{oops").unwrap();
    std::fs::write(
        site.join("foreign.story.json"),
        r#"{"type": "cms-export", "items": []}"#,
    )
    .unwrap();
    // A record copied under another name: its slug is not its name's.
    std::fs::copy(
        site.join("structure.story.json"),
        site.join("copy.story.json"),
    )
    .unwrap();
    // A FIFO named like a record: never opened (it would wait for a writer forever).
    let fifo = Command::new("mkfifo")
        .arg(site.join("fifo.story.json"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let newer =
        read(dir.path(), "site/structure.story.json").replace("\"schema\": 1", "\"schema\": 9");
    std::fs::write(
        site.join("newer.story.json"),
        newer.replace("\"structure\"", "\"newer\""),
    )
    .unwrap();

    let o = drones(dir.path(), "drone-strikes.es.po", &["--date", "2026-11-23"]);
    ok(&o);
    let err = stderr(&o);
    let said: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("left out of the index"))
        .collect();
    assert_eq!(said.len(), 5, "{err}");
    assert!(
        said[0].starts_with("site/broken.story.json is left out of the index: it is not JSON ("),
        "{err}"
    );
    assert!(said[1].starts_with("site/copy.story.json is left out of the index: it holds the record of structure, not of the story its name says"), "{err}");
    assert!(
        said[2].starts_with("site/fifo.story.json is left out of the index: it cannot be read ("),
        "{err}"
    );
    assert!(
        said[3].starts_with(
            "site/foreign.story.json is left out of the index: it is not a puente story record ("
        ),
        "{err}"
    );
    assert!(
        said[4].starts_with(
            "site/newer.story.json is left out of the index: it is a story record of schema 9"
        ),
        "{err}"
    );
    assert!(!err.contains("notes.json"), "{err}");
    assert_eq!(
        rows(&read(dir.path(), "site/en/index.html")),
        ["structure", "drone-strikes"]
    );

    // In Spanish, and as a note: --quiet says nothing of it.
    let g = glossary();
    let o = crate::support::command(
        dir.path(),
        &[
            "--ui-lang",
            "es-MX",
            "publish",
            "drone-strikes.en.md",
            "drone-strikes.es.po",
            "--out",
            "site",
            "--glossary",
            &g,
        ],
    )
    .output()
    .unwrap();
    ok(&o);
    assert!(
        stderr(&o).contains("site/broken.story.json queda fuera del índice: no es JSON ("),
        "{}",
        stderr(&o)
    );
    let o = drones(dir.path(), "drone-strikes.es.po", &["--quiet"]);
    ok(&o);
    assert!(!stderr(&o).contains("broken.story.json"), "{}", stderr(&o));
}

#[test]
fn a_story_whose_slug_is_index_is_refused_before_anything_is_written() {
    let dir = newsroom();
    std::fs::rename(
        dir.path().join("structure.en.md"),
        dir.path().join("index.en.md"),
    )
    .unwrap();
    std::fs::rename(
        dir.path().join("structure.es.md"),
        dir.path().join("index.es.md"),
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &["publish", "index.en.md", "index.es.md", "--out", "site"],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "error: the story's slug index would take the place of the index site/en/index.html"
        ),
        "{err}"
    );
    assert!(err.contains("hint: give the story another slug"), "{err}");
    assert!(!dir.path().join("site/en").exists(), "nothing written");
}

/// Publishes two stories into `site/`, one of them a draft.
fn two_stories(dir: &Path) {
    ok(&structure(dir, &["--date", "2026-11-24"]));
    let o = puente(dir, &["segment", "drone-strikes.en.md", "-o", "raw.po"]);
    ok(&o);
    ok(&drones(dir, "raw.po", &["--draft", "--date", "2026-11-23"]));
}

const INDEX_PAGES: [&str; 5] = [
    "site/index.html",
    "site/en/index.html",
    "site/es/index.html",
    "site/en/2026-11.html",
    "site/es/2026-11.html",
];

#[test]
fn the_nu_html_checker_finds_no_error_on_the_index_pages() {
    let jar = vnu_jar();
    let dir = newsroom();
    two_stories(dir.path());
    crate::publish::assert_nu_valid(dir.path(), &jar, &INDEX_PAGES);
}

/// How wide the page lays out in the browser at `width`, the viewport's width, and the
/// height of each row.
fn layout(page: &Path, width: u32) -> (f64, f64, Vec<f64>) {
    let probe = page.with_file_name("probe.html");
    let html = std::fs::read_to_string(page).unwrap().replace(
        "</body>",
        "<script>const r=[...document.querySelectorAll('tr[data-slug]')].map(t=>t.getBoundingClientRect().height);const o=document.createElement('pre');o.id='layout';o.textContent=JSON.stringify([document.documentElement.scrollWidth,window.innerWidth,r]);document.body.append(o);</script></body>",
    );
    std::fs::write(&probe, html).unwrap();
    let dom = chromium(&probe, width, 900, None);
    std::fs::remove_file(&probe).unwrap();
    let open = "<pre id=\"layout\">";
    let start = dom.find(open).expect("the probe ran") + open.len();
    let end = start + dom[start..].find("</pre>").unwrap();
    serde_json::from_str(&dom[start..end]).unwrap()
}

#[test]
fn chromium_shows_the_index_as_a_table_on_a_desktop_and_cards_on_a_phone() {
    crate::support::require("chromium");
    let dir = newsroom();
    two_stories(dir.path());
    let page = dir
        .path()
        .join("site/es/index.html")
        .canonicalize()
        .unwrap();
    // Nothing wider than the screen, on either; on a phone each story is a card, taller
    // than a table row.
    let (desktop_width, desktop_view, desktop_rows) = layout(&page, 1280);
    let (phone_width, phone_view, phone_rows) = layout(&page, 390);
    assert!(
        desktop_width <= desktop_view,
        "{desktop_width} > {desktop_view}"
    );
    assert!(phone_width <= phone_view, "{phone_width} > {phone_view}");
    assert_eq!((desktop_rows.len(), phone_rows.len()), (2, 2));
    for (d, p) in desktop_rows.iter().zip(&phone_rows) {
        assert!(
            p > d,
            "a card on a phone ({p}) is taller than the row ({d})"
        );
    }

    let d = shots();
    chromium(&page, 1280, 700, Some(&d.join("index-desktop.png")));
    chromium(&page, 390, 900, Some(&d.join("index-phone.png")));
    let root = dir.path().join("site/index.html").canonicalize().unwrap();
    chromium(&root, 390, 500, Some(&d.join("index-root-phone.png")));
    for f in [
        "index-desktop.png",
        "index-phone.png",
        "index-root-phone.png",
    ] {
        assert!(std::fs::metadata(d.join(f)).unwrap().len() > 5_000, "{f}");
    }
}

/// The files a publish wrote after the story's seven, from its JSON report.
fn index_files(o: &std::process::Output) -> Vec<String> {
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    report["files"].as_array().unwrap()[7..]
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_front_page_lists_the_newest_fifty_and_a_publish_rewrites_only_the_pages_it_changed() {
    use crate::publishmany::{publish, story};
    let dir = tempfile::tempdir().unwrap();
    for d in 1..=30 {
        story(
            dir.path(),
            &format!("sep{d:02}"),
            &format!("2026-09-{d:02}"),
            "drone-strikes.es.po",
        );
    }
    for d in 1..=22 {
        story(
            dir.path(),
            &format!("oct{d:02}"),
            &format!("2026-10-{d:02}"),
            "drone-strikes.es.po",
        );
    }
    let o = publish(dir.path(), &["work"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The front page: the newest fifty, then the archive, a page per month.
    let en = read(dir.path(), "site/en/index.html");
    let front = rows(&en);
    assert_eq!(front.len(), 50);
    assert_eq!((front[0], front[49]), ("oct22", "sep03"));
    assert!(
        en.contains(r#"<a href="2026-10.html" data-count="22">October 2026</a>"#),
        "{en}"
    );
    assert!(en.contains(r#"<a href="2026-09.html" data-count="30">September 2026</a>"#));
    assert!(
        en.find("2026-10.html") < en.find("2026-09.html"),
        "newest month first"
    );
    let sep = read(dir.path(), "site/es/2026-09.html");
    assert_eq!(rows(&sep).len(), 30);
    assert_eq!(rows(&sep)[29], "sep01");
    assert!(sep.contains("<h1>septiembre de 2026</h1>"), "{sep}");
    assert!(sep.contains(r#"<a href="../en/2026-09.html" hreflang="en" lang="en">English</a>"#));

    // A story of a new month: the front pages, that month's pages and the cache; the other
    // months' pages are not made again.
    story(dir.path(), "nov", "2026-11-01", "drone-strikes.es.po");
    let o = publish(
        dir.path(),
        &["work/nov.en.md", "work/nov.es.po", "--format", "json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        index_files(&o),
        [
            "site/nov.story.json",
            "site/index.html",
            "site/en/index.html",
            "site/es/index.html",
            "site/en/2026-11.html",
            "site/es/2026-11.html",
            "site/.puente.index.json"
        ]
    );
    let en = read(dir.path(), "site/en/index.html");
    assert_eq!(rows(&en)[..2], ["nov", "oct22"]);
    assert!(
        !rows(&en).contains(&"sep03"),
        "the fifty-first is on its month's page only"
    );
    assert!(rows(&read(dir.path(), "site/en/2026-09.html")).contains(&"sep03"));

    // A story moved to another month leaves the old month's page and joins the new one's:
    // both are made again.
    let o = publish(
        dir.path(),
        &[
            "work/sep01.en.md",
            "work/sep01.es.po",
            "--date",
            "2026-10-30",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Archive pages come newest month first, as the front page lists them.
    let files = index_files(&o);
    assert_eq!(
        files[4..8],
        [
            "site/en/2026-10.html",
            "site/en/2026-09.html",
            "site/es/2026-10.html",
            "site/es/2026-09.html"
        ],
        "{files:?}"
    );
    assert!(!rows(&read(dir.path(), "site/en/2026-09.html")).contains(&"sep01"));
    assert_eq!(rows(&read(dir.path(), "site/en/2026-10.html"))[0], "sep01");
}

/// Sets the modification time of `path` to `ago` before now.
fn age(path: &Path, ago: std::time::Duration) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(std::time::SystemTime::now() - ago).unwrap();
}

#[test]
fn a_record_edited_or_deleted_behind_the_caches_back_is_seen() {
    use crate::publishmany::{publish, story};
    let hour = std::time::Duration::from_secs(3600);
    let dir = tempfile::tempdir().unwrap();
    story(dir.path(), "a", "2026-10-05", "drone-strikes.es.po");
    story(dir.path(), "b", "2026-11-02", "drone-strikes.es.po");
    story(dir.path(), "c", "2026-12-01", "drone-strikes.es.po");
    let o = publish(dir.path(), &["work/a.es.po", "work/b.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Records written an hour ago: old enough for the cache to vouch for them.
    for s in ["a", "b"] {
        age(&dir.path().join(format!("site/{s}.story.json")), hour);
    }
    let c = |dir: &Path| {
        let o = publish(dir, &["work/c.en.md", "work/c.es.po"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    };
    c(dir.path());
    // The cache is what a publish reads for a record whose file has not changed: a headline
    // changed in the cache alone shows.
    let cache_path = dir.path().join("site/.puente.index.json");
    let mut cache: Value =
        serde_json::from_str(&read(dir.path(), "site/.puente.index.json")).unwrap();
    cache["records"]["a.story.json"]["entry"]["headline"]["en"] = "FROM THE CACHE".into();
    std::fs::write(&cache_path, cache.to_string()).unwrap();
    c(dir.path());
    let en = read(dir.path(), "site/en/index.html");
    assert!(row(&en, "a").contains("FROM THE CACHE"), "{en}");

    // A record edited behind the cache's back (its time set back, older still) is read again.
    let record = dir.path().join("site/a.story.json");
    let text = read(dir.path(), "site/a.story.json").replacen(
        "\"en\": \"Mexico Resists",
        "\"en\": \"EDITED ON DISK Mexico Resists",
        1,
    );
    std::fs::write(&record, text).unwrap();
    age(&record, 2 * hour);
    c(dir.path());
    let en = read(dir.path(), "site/en/index.html");
    assert!(row(&en, "a").contains("EDITED ON DISK"), "{en}");
    assert!(!en.contains("FROM THE CACHE"));
    assert!(read(dir.path(), "site/en/2026-10.html").contains("EDITED ON DISK"));

    // A record deleted behind its back leaves the front page and its month's page.
    std::fs::remove_file(dir.path().join("site/b.story.json")).unwrap();
    c(dir.path());
    assert_eq!(rows(&read(dir.path(), "site/en/index.html")), ["c", "a"]);
    assert!(rows(&read(dir.path(), "site/es/2026-11.html")).is_empty());
    assert!(!read(dir.path(), "site/en/index.html").contains("2026-11.html"));

    // A cache that is not one is ignored, never an error.
    std::fs::write(&cache_path, "{ not json").unwrap();
    c(dir.path());
    assert!(row(&read(dir.path(), "site/en/index.html"), "a").contains("EDITED ON DISK"));
}
