//! `puente publish`: the editions, the gate, escaping, and the pages as real clients see them
//! (the W3C Nu HTML Checker, headless Chromium at desktop and phone widths).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{code, fixtures, puente, stderr};

pub fn glossary() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("glossary")
        .to_string_lossy()
        .into_owned()
}

/// A scratch folder with the sample article and its reviewed work file.
fn reviewed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn publish(dir: &Path, extra: &[&str]) -> std::process::Output {
    let g = glossary();
    let mut args = vec![
        "publish",
        "drone-strikes.en.md",
        "drone-strikes.es.po",
        "--out",
        "site",
        "--glossary",
        &g,
    ];
    args.extend_from_slice(extra);
    puente(dir, &args)
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const PAGES: [&str; 3] = [
    "site/en/drone-strikes.html",
    "site/es/drone-strikes.html",
    "site/bilingual/drone-strikes.html",
];

#[test]
fn a_reviewed_story_gets_every_edition_with_its_chrome() {
    let dir = reviewed();
    let o = publish(
        dir.path(),
        &["--date", "2026-11-23", "--author", "Ana Ruiz"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // stdout is the bilingual page's path.
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        Path::new("site/bilingual/drone-strikes.html")
            .display()
            .to_string()
    );
    for f in [
        "site/drone-strikes.en.md",
        "site/drone-strikes.es.md",
        "site/drone-strikes.bilingual.md",
        "site/drone-strikes.aligned.json",
    ]
    .iter()
    .chain(PAGES.iter())
    {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
    // The Markdown editions are the articles, byte for byte.
    assert_eq!(
        read(dir.path(), "site/drone-strikes.es.md"),
        std::fs::read_to_string(fixtures().join("expected/drone-strikes.es.md")).unwrap()
    );
    assert_eq!(
        read(dir.path(), "site/drone-strikes.en.md"),
        read(dir.path(), "drone-strikes.en.md")
    );

    let en = read(dir.path(), "site/en/drone-strikes.html");
    let es = read(dir.path(), "site/es/drone-strikes.html");
    let bi = read(dir.path(), "site/bilingual/drone-strikes.html");
    assert!(en.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(es.starts_with("<!DOCTYPE html><html lang=\"es\">"));
    for page in [&en, &es, &bi] {
        assert!(page
            .contains(r#"<link rel="alternate" hreflang="en" href="../en/drone-strikes.html">"#));
        assert!(page
            .contains(r#"<link rel="alternate" hreflang="es" href="../es/drone-strikes.html">"#));
        assert!(!page.contains("noindex") && !page.contains("class=\"draft\""));
        // No external resources: no scripts, images, fonts or stylesheets from elsewhere.
        assert!(!page.contains("<script") && !page.contains("<img") && !page.contains("@import"));
    }
    // Chrome from Fluent, in each edition's language.
    assert!(en.contains(r#"<p class="kicker">ANALYSIS</p>"#));
    assert!(es.contains(r#"<p class="kicker">ANÁLISIS</p>"#));
    assert!(en.contains("By Ana Ruiz · <time datetime=\"2026-11-23\">November 23, 2026</time>"));
    assert!(
        es.contains("Por Ana Ruiz · <time datetime=\"2026-11-23\">23 de noviembre de 2026</time>")
    );
    assert!(es.contains("<p class=\"notice\">Traducido del inglés</p>"));
    assert!(!en.contains("Translated from"));
    assert!(en.contains(r#"hreflang="es" lang="es">Leer en español</a>"#));
    assert!(es.contains(r#"hreflang="en" lang="en">Read in English</a>"#));
    assert!(en.contains("<h2>Also read</h2>") && es.contains("<h2>Lee también</h2>"));
    assert!(es.contains("<li>Ecuador decide: reformas constitucionales"));
    // Semantic structure, and quotes kept as typed.
    assert!(es.contains("<main><article><header>"));
    assert!(es.contains("<h1>México rechaza los ataques con drones"));
    assert!(es.contains("<h2>La amenaza de las medidas unilaterales</h2>"));
    assert!(es.contains("«Nos coordinamos, colaboramos, pero no nos subordinamos»"));
    assert!(en.contains("“Mexico coordinates, collaborates, but does not subordinate,”"));
    // The bilingual page: each block beside its translation, the other language marked.
    assert!(bi.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    let pairs = bi.matches("<div class=\"pair\" data-block=").count();
    assert_eq!(pairs, 2 + 17, "kicker and headline, then 17 body blocks");
    assert_eq!(
        bi.matches("<div lang=\"es\">").count(),
        pairs + 2,
        "and the byline and related rows"
    );

    // The aligned JSON: every segment with its id and state.
    let json: Value =
        serde_json::from_str(&read(dir.path(), "site/drone-strikes.aligned.json")).unwrap();
    assert_eq!(json["schema"], 1);
    assert_eq!(json["draft"], false);
    let segs = json["segments"].as_array().unwrap();
    assert_eq!(segs.len(), 54);
    assert!(segs.iter().all(|s| s["state"] == "translated"));
    assert_eq!(segs[0]["kind"], "kicker");
    assert_eq!(segs[0]["target"], "ANÁLISIS");
    // The bilingual Markdown interleaves the blocks.
    let md = read(dir.path(), "site/drone-strikes.bilingual.md");
    let a = md.find("## The Threat of Unilateral Measures").unwrap();
    let b = md
        .find("## La amenaza de las medidas unilaterales")
        .unwrap();
    let c = md.find("Reports suggesting that Washington").unwrap();
    assert!(a < b && b < c, "{md}");
}

#[test]
fn the_gate_refuses_unreviewed_work_and_a_draft_is_marked() {
    let dir = reviewed();
    // A fresh work file: nothing translated.
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "raw.po"],
    );
    assert_eq!(code(&o), 0);
    let g = glossary();
    let args = [
        "publish",
        "drone-strikes.en.md",
        "raw.po",
        "--out",
        "site",
        "--glossary",
        &g,
    ];
    let o = puente(dir.path(), &args);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("publish refused: 54 problems stop the story"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("untranslated"), "{}", stderr(&o));
    assert!(!dir.path().join("site").exists(), "nothing written");
    // --quiet still says why the run exits 1; JSON is one record in the common envelope.
    let o = puente(
        dir.path(),
        &[&args[..], &["--quiet", "--format", "json"]].concat(),
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("publish refused: 54 problems stop the story"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("  h.6abdc171 (drone-strikes.en.md:4): untranslated"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("and 24 more"), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (
            &report["schema"],
            &report["type"],
            &report["published"],
            &report["unreviewed"],
            &report["files"]
        ),
        (
            &Value::from(1),
            &Value::from("publish"),
            &Value::from(false),
            &Value::from(54),
            &Value::Array(Vec::new())
        )
    );
    assert!(!dir.path().join("site").exists(), "nothing written");

    let mut draft = args.to_vec();
    draft.extend(["--draft", "--format", "json"]);
    let o = puente(dir.path(), &draft);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (report["published"].as_bool(), report["unreviewed"].as_u64()),
        (Some(true), Some(54))
    );
    for page in PAGES {
        let html = read(dir.path(), page);
        assert!(
            html.contains(r#"<meta name="robots" content="noindex, nofollow">"#),
            "{page}"
        );
        assert!(html.contains("class=\"draft\" role=\"status\""), "{page}");
        assert!(!html.contains("rel=\"canonical\""), "{page}");
    }
    assert!(read(dir.path(), PAGES[1]).contains("BORRADOR: sin revisar"));
    assert!(read(dir.path(), PAGES[0]).contains("DRAFT: not reviewed"));
    // Untranslated segments keep the source, marked as unreviewed.
    assert!(read(dir.path(), PAGES[1]).contains("title=\"Sin traducir: se muestra el original\" lang=\"en\"><span class=\"vh\" lang=\"es\">Sin traducir: se muestra el original: </span>The Threat of Unilateral Measures</span></h2>"));
}

#[test]
fn check_errors_stop_the_story_and_fuzzy_shows_only_in_a_draft() {
    let dir = reviewed();
    let g = glossary();
    std::fs::copy(
        fixtures().join("violations/forbidden-term.po"),
        dir.path().join("bad.po"),
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &[
            "publish",
            "drone-strikes.en.md",
            "bad.po",
            "--out",
            "site",
            "--glossary",
            &g,
        ],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("check error (forbidden-term)"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("site").exists());

    std::fs::copy(
        fixtures().join("violations/fuzzy.po"),
        dir.path().join("fz.po"),
    )
    .unwrap();
    let args = [
        "publish",
        "drone-strikes.en.md",
        "fz.po",
        "--out",
        "site",
        "--glossary",
        &g,
    ];
    let o = puente(dir.path(), &args);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("fuzzy"), "{}", stderr(&o));
    let mut draft = args.to_vec();
    draft.push("--draft");
    let o = puente(dir.path(), &draft);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The draft shows the unreviewed translation, marked, so editors can read it; the
    // Markdown edition (what merge --draft writes) shows it too, by the same rule.
    let es = read(dir.path(), PAGES[1]);
    assert_eq!(
        es.matches("class=\"rv rv-unreviewed\" id=\"seg-").count(),
        1,
        "{es}"
    );
    let json: Value =
        serde_json::from_str(&read(dir.path(), "site/drone-strikes.aligned.json")).unwrap();
    assert_eq!(json["draft"], true);
    let fuzzy: Vec<&Value> = json["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["state"] == "fuzzy")
        .collect();
    assert_eq!(fuzzy.len(), 1);
}

/// The Markdown edition publish writes is what `merge` writes for the same work file, byte for
/// byte: reviewed, and as a draft whatever the work file holds (fuzzy, untranslated, broken
/// placeholders, control characters), since both come from the one merge.
#[test]
fn the_markdown_edition_is_what_merge_writes() {
    let dir = reviewed();
    let g = glossary();
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "raw.po"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for f in ["fuzzy.po", "control-characters.po", "markup.po"] {
        std::fs::copy(fixtures().join("violations").join(f), dir.path().join(f)).unwrap();
    }
    let cases: [(&str, &[&str]); 5] = [
        ("drone-strikes.es.po", &[]),
        ("fuzzy.po", &["--draft"]),
        ("control-characters.po", &["--draft"]),
        ("markup.po", &["--draft"]),
        ("raw.po", &["--draft"]),
    ];
    for (k, (work, draft)) in cases.into_iter().enumerate() {
        let merged = format!("merged{k}.md");
        let o = puente(
            dir.path(),
            &[&["merge", work, "-o", &merged], draft].concat(),
        );
        assert_eq!(code(&o), 0, "{work}: {}", stderr(&o));
        let site = format!("site{k}");
        let o = puente(
            dir.path(),
            &[
                &[
                    "publish",
                    "drone-strikes.en.md",
                    work,
                    "--out",
                    &site,
                    "--glossary",
                    &g,
                ],
                draft,
            ]
            .concat(),
        );
        assert_eq!(code(&o), 0, "{work}: {}", stderr(&o));
        assert_eq!(
            read(dir.path(), &format!("{site}/drone-strikes.es.md")),
            read(dir.path(), &merged),
            "{work}"
        );
    }
}

#[test]
fn hostile_text_comes_out_inert() {
    let dir = tempfile::tempdir().unwrap();
    let en = "---\nlang: en\ntitle: \"<script>alert(1)</script> Headline\"\nrelated:\n  - title: \"Click\"\n    url: \"javascript:alert(3)\"\n---\n\nA paragraph with <script>alert(2)</script> inside.\n\nA link \"><img src=x onerror=alert(1)> and [a trap](javascript:alert(1)) and [fine](https://example.com/a?b=1&c=2).\n\n![tracker](https://evil.example/pixel.png) An image.\n\n<div onclick=\"alert(4)\">raw block</div>\n";
    let es = "---\nlang: es\ntitle: \"<script>alert(1)</script> Titular\"\nrelated:\n  - title: \"Clic\"\n    url: \"javascript:alert(3)\"\n---\n\nUn párrafo con <script>alert(2)</script> dentro.\n\nUn enlace \"><img src=x onerror=alert(1)> y [una trampa](javascript:alert(1)) y [bueno](https://example.com/a?b=1&c=2).\n\n![rastreador](https://evil.example/pixel.png) Una imagen.\n\n<div onclick=\"alert(4)\">bloque crudo</div>\n";
    std::fs::write(dir.path().join("x.en.md"), en).unwrap();
    std::fs::write(dir.path().join("x.es.md"), es).unwrap();
    let o = puente(
        dir.path(),
        &["publish", "x.en.md", "x.es.md", "--out", "site"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for page in ["site/en/x.html", "site/es/x.html", "site/bilingual/x.html"] {
        let html = read(dir.path(), page);
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "{page}");
        assert!(!lower.contains("<img"), "{page}");
        assert!(!lower.contains("javascript:"), "{page}: {html}");
        // No tag carries an event handler (the text may mention one, escaped).
        for tag in lower
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
        {
            assert!(!tag.contains(" on"), "{page}: <{tag}>");
        }
        assert!(
            html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
            "{page}"
        );
        assert!(
            html.contains("href=\"https://example.com/a?b=1&amp;c=2\""),
            "{page}"
        );
        assert!(
            !html.contains("evil.example/pixel.png\""),
            "no external resource: {page}"
        );
    }
}

#[test]
fn a_translated_article_is_paired_block_by_block_and_a_mismatch_is_an_error() {
    let dir = reviewed();
    std::fs::copy(
        fixtures().join("expected/drone-strikes.es.md"),
        dir.path().join("drone-strikes.es.md"),
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &[
            "publish",
            "drone-strikes.en.md",
            "drone-strikes.es.md",
            "--out",
            "site",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: Value =
        serde_json::from_str(&read(dir.path(), "site/drone-strikes.aligned.json")).unwrap();
    assert_eq!(json["segments"].as_array().unwrap().len(), 54);
    // One paragraph too many: the error names both files and the counts.
    let mut es = read(dir.path(), "drone-strikes.es.md");
    es.push_str("\nUn párrafo de más.\n");
    std::fs::write(dir.path().join("drone-strikes.es.md"), es).unwrap();
    let o = puente(
        dir.path(),
        &[
            "publish",
            "drone-strikes.en.md",
            "drone-strikes.es.md",
            "--out",
            "site2",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("drone-strikes.es.md cannot be paired with drone-strikes.en.md block by block: the source has 20 blocks and the translation 21"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("site2").exists());
    // A bad date is an error that says how to write one.
    let o = publish(dir.path(), &["--date", "23/11/2026"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("23/11/2026 is not a date"),
        "{}",
        stderr(&o)
    );
}

/// An impossible date in the front matter stops the story with an error that names the
/// article, in either language, and `--date` mends it.
#[test]
fn an_impossible_front_matter_date_names_the_article() {
    let dir = reviewed();
    let article = read(dir.path(), "drone-strikes.en.md");
    let dated = article.replacen("lang: en\n", "lang: en\ndate: 2026-02-30\n", 1);
    assert_ne!(article, dated);
    std::fs::write(dir.path().join("drone-strikes.en.md"), dated).unwrap();
    // The work file was made from the undated article: a PO without its source checksum
    // still pairs by segment id.
    let po = read(dir.path(), "drone-strikes.es.po");
    let po: String = po
        .lines()
        .filter(|l| !l.starts_with("\"X-Puente-Source-SHA256"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("drone-strikes.es.po"), po).unwrap();
    let o = publish(dir.path(), &[]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "error: drone-strikes.en.md: the front matter's date 2026-02-30 is not a date"
        ),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("--date"), "{}", stderr(&o));
    assert!(!dir.path().join("site").exists());
    let o = publish(dir.path(), &["--ui-lang", "es-MX"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "error: drone-strikes.en.md: la fecha 2026-02-30 del front matter no es una fecha"
        ),
        "{}",
        stderr(&o)
    );
    let o = publish(dir.path(), &["--date", "2026-02-28"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(read(dir.path(), "site/en/drone-strikes.html").contains("datetime=\"2026-02-28\""));
}

/// The work file's header says which languages the story is in, before the article's front
/// matter, file name or defaults: a Spanish article with no `lang` and a work file made
/// `--from es` publish as Spanish → English.
#[test]
fn the_work_file_header_names_the_languages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nota.md"),
        "# La alcaldesa habló el lunes\n\nEl concejo votó el martes. La sesión duró dos horas.\n",
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &["segment", "nota.md", "--from", "es", "-o", "nota.po"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = puente(
        dir.path(),
        &["publish", "nota.md", "nota.po", "--draft", "--out", "site"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let es = read(dir.path(), "site/es/nota.html");
    assert!(es.starts_with("<!DOCTYPE html><html lang=\"es\">"), "{es}");
    assert!(es.contains("La alcaldesa habló el lunes"), "{es}");
    assert!(dir.path().join("site/nota.en.md").is_file());
    let json: Value = serde_json::from_str(&read(dir.path(), "site/nota.aligned.json")).unwrap();
    assert_eq!(
        (&json["source_lang"], &json["target_lang"]),
        (&Value::from("es"), &Value::from("en"))
    );
}

/// What CommonMark makes of an article's body under puente's safety rules, written here
/// independently of puente: pulldown-cmark renders the article with its front matter skipped,
/// raw HTML as text, links with an unsafe scheme as their text, images as their description,
/// and the level-1 heading left to the page's header.
fn commonmark_body(article: &str) -> String {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let article = article.trim_start_matches('\u{feff}');
    let options = Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut skip = 0usize;
    let mut dropped: Vec<bool> = Vec::new();
    let mut events = Vec::new();
    for e in Parser::new_ext(article, options) {
        match e {
            Event::Start(Tag::MetadataBlock(_))
            | Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => skip += 1,
            Event::End(TagEnd::MetadataBlock(_))
            | Event::End(TagEnd::Heading(HeadingLevel::H1)) => skip -= 1,
            _ if skip > 0 => {}
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Text(h)),
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let lower = dest_url.to_ascii_lowercase();
                let unsafe_scheme = lower.split_once(':').is_some_and(|(scheme, _)| {
                    !scheme.contains('/') && !["http", "https", "mailto", "tel"].contains(&scheme)
                });
                dropped.push(unsafe_scheme);
                if !unsafe_scheme {
                    events.push(e);
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped.pop().unwrap_or(false) {
                    events.push(e);
                }
            }
            e => events.push(e),
        }
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

/// The article body of an edition page: what lies between its header and its related links.
fn page_body(page: &str) -> &str {
    let start = page.find("</header>").expect("a header") + "</header>".len();
    let end = page[start..]
        .find("<aside")
        .or_else(|| page[start..].find("</article>"))
        .expect("an article");
    &page[start..start + end]
}

/// The article in the other language, for pairing: the same text with its `lang` flipped.
fn flipped(article: &str, from: &str, to: &str) -> String {
    article
        .replacen(&format!("lang: {from}"), &format!("lang: {to}"), 1)
        .replacen(
            &format!("lang = \"{from}\""),
            &format!("lang = \"{to}\""),
            1,
        )
}

/// A project whose gate does not judge how each language is written (quotation marks,
/// numbers, punctuation, terms): for tests about structure, whose translations are the source
/// articles with their language swapped.
const LANGUAGE_RULES_OFF: &str = "[check.rules]
quote-marks = \"off\"
quote-punctuation = \"off\"
numbers = \"off\"
spanish-punctuation = \"off\"
glossary-term = \"off\"
forbidden-term = \"off\"
";

#[test]
fn every_edition_body_is_what_commonmark_makes_of_its_article() {
    let mut checked = 0;
    for fixture in crate::support::article_fixtures() {
        let name = fixture.file_name().unwrap().to_str().unwrap().to_string();
        if !name.ends_with(".md") || name.ends_with(".es.md") && name.starts_with("structure") {
            continue;
        }
        let text = std::fs::read_to_string(&fixture).unwrap();
        let (from, to) = if name.contains(".es.") {
            ("es", "en")
        } else {
            ("en", "es")
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(format!("a.{from}.md")), &text).unwrap();
        // The translation is the structure fixture's own, or the article with its language
        // flipped: either way a final edition in both languages.
        let translated = if name == "structure.en.md" {
            std::fs::read_to_string(fixtures().join("structure.es.md")).unwrap()
        } else {
            flipped(&text, from, to)
        };
        std::fs::write(dir.path().join(format!("a.{to}.md")), &translated).unwrap();
        // A flipped article is its own "translation", in the wrong language for the gate's
        // checks: the rules about how a language is written are off for this structure test.
        std::fs::write(dir.path().join("puente.toml"), LANGUAGE_RULES_OFF).unwrap();
        let o = puente(
            dir.path(),
            &[
                "publish",
                &format!("a.{from}.md"),
                &format!("a.{to}.md"),
                "--out",
                "site",
            ],
        );
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        for (lang, article) in [(from, &text), (to, &translated)] {
            let page = read(dir.path(), &format!("site/{lang}/a.html"));
            assert_eq!(
                page_body(&page),
                commonmark_body(article),
                "{name}, {lang} edition"
            );
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked} editions checked");

    // From a work file, the target edition's body is CommonMark's rendering of the merged
    // article that publish writes beside it.
    let dir = reviewed();
    let o = publish(dir.path(), &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for lang in ["en", "es"] {
        let merged = read(dir.path(), &format!("site/drone-strikes.{lang}.md"));
        let page = read(dir.path(), &format!("site/{lang}/drone-strikes.html"));
        assert_eq!(page_body(&page), commonmark_body(&merged), "{lang} edition");
    }
}

#[test]
fn the_bilingual_pages_keep_quotations_numbers_and_emphasis() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["structure.en.md", "structure.es.md"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    let o = puente(
        dir.path(),
        &[
            "publish",
            "structure.en.md",
            "structure.es.md",
            "--out",
            "site",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let page = read(dir.path(), "site/bilingual/structure.html");
    assert!(
        page.contains("<p><em>Por Ana Ruiz, enviada especial</em></p>"),
        "{page}"
    );
    assert!(!page.contains("*By Ana"), "{page}");
    assert!(
        page.contains("<blockquote>\n<p>No seremos un campo de batalla."),
        "{page}"
    );
    assert!(
        page.contains("<ol start=\"3\">\n<li>Consulta antes"),
        "{page}"
    );
    assert!(page.contains("<ol start=\"5\">\n<li>Fondos"), "{page}");
    let md = read(dir.path(), "site/structure.bilingual.md");
    for line in [
        "> We will not be a battlefield. Nobody asked us.\n> Nobody will.\n",
        "> No seremos un campo de batalla. Nadie nos preguntó.\n> Nadie lo hará.\n",
        "\n3. Consultation before any operation.\n\n3. Consulta antes de cualquier operación.\n",
        "\n  - Night checkpoints.\n\n  - Retenes nocturnos.\n",
        "\n*Por Ana Ruiz, enviada especial*\n",
    ] {
        assert!(md.contains(line), "{line:?} in\n{md}");
    }
}

/// The Nu HTML Checker's jar: `PUENTE_VNU_JAR`, or where `.ci/run` installs it. A missing jar
/// fails the test that needs it.
pub fn vnu_jar() -> PathBuf {
    let path = std::env::var_os("PUENTE_VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/tools/node_modules/vnu-jar/build/dist/vnu.jar")
        });
    crate::support::require("java");
    assert!(
        path.is_file(),
        "vnu.jar is not at {}; `bash scripts/test.sh` installs it",
        path.display()
    );
    path
}

#[test]
fn the_nu_html_checker_finds_no_error_on_any_page() {
    let jar = vnu_jar();
    let dir = reviewed();
    let o = publish(
        dir.path(),
        &["--date", "2026-11-23", "--author", "Ana Ruiz"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "raw.po"],
    );
    assert_eq!(code(&o), 0);
    let g = glossary();
    let o = puente(
        dir.path(),
        &[
            "publish",
            "drone-strikes.en.md",
            "raw.po",
            "--out",
            "draft",
            "--draft",
            "--glossary",
            &g,
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut pages: Vec<String> = PAGES.iter().map(|p| p.to_string()).collect();
    pages.extend(PAGES.iter().map(|p| p.replacen("site/", "draft/", 1)));
    // The story with a quotation, numbered and nested lists and emphasis, final and draft
    // (its unreviewed items and quotation marked).
    for f in ["structure.en.md", "structure.es.md"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    let o = puente(
        dir.path(),
        &[
            "publish",
            "structure.en.md",
            "structure.es.md",
            "--out",
            "site",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = puente(dir.path(), &["segment", "structure.en.md", "-o", "s.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = puente(
        dir.path(),
        &[
            "publish",
            "structure.en.md",
            "s.po",
            "--out",
            "draft",
            "--draft",
            "--glossary",
            &g,
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let draft = read(dir.path(), "draft/es/structure.html");
    assert!(
        draft.contains("<li><span class=\"rv rv-untranslated\""),
        "{draft}"
    );
    assert!(
        draft.contains("<blockquote>\n<p><span class=\"rv rv-untranslated\""),
        "{draft}"
    );
    for edition in ["site", "draft"] {
        for page in ["en", "es", "bilingual"] {
            pages.push(format!("{edition}/{page}/structure.html"));
        }
    }
    assert_nu_valid(dir.path(), &jar, &pages);
}

/// Runs the Nu HTML Checker (`jar`) on `pages` in `dir` and fails on any error it reports.
pub fn assert_nu_valid<P: AsRef<std::ffi::OsStr>>(dir: &Path, jar: &Path, pages: &[P]) {
    let o = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json"])
        .args(pages)
        .current_dir(dir)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&o.stderr)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&o.stderr)));
    let messages = report["messages"].as_array().unwrap();
    assert!(
        messages.is_empty(),
        "{}",
        serde_json::to_string_pretty(&messages).unwrap()
    );
    assert!(o.status.success());
}

/// Where the screenshots go, for a person to look at.
pub fn shots() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/publish-screenshots");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs headless Chromium on `page` at `width`×`height`; with `probe`, the page gets a
/// script that writes the pairs' geometry into the DOM, which `--dump-dom` prints.
pub fn chromium(page: &Path, width: u32, height: u32, screenshot: Option<&Path>) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("chromium");
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--run-all-compositor-stages-before-draw",
        "--virtual-time-budget=2000",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .arg(format!("--window-size={width},{height}"));
    match screenshot {
        Some(s) => {
            cmd.arg(format!("--screenshot={}", s.display()));
        }
        None => {
            cmd.arg("--dump-dom");
        }
    }
    let o = cmd
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The tops and bottoms of each pair's two columns, measured by the browser.
fn geometry(page: &Path, width: u32) -> Vec<[f64; 4]> {
    // A copy of the page with a measuring script: the published page has no script.
    let probe = page.with_file_name("probe.html");
    let html = std::fs::read_to_string(page).unwrap().replace(
        "</body>",
        "<script>const r=[...document.querySelectorAll('.pair[data-block]')].map(p=>{const a=p.children[0].getBoundingClientRect(),b=p.children[1].getBoundingClientRect();return [a.top,a.bottom,b.top,b.bottom]});const o=document.createElement('pre');o.id='geometry';o.textContent=JSON.stringify(r);document.body.append(o);</script></body>",
    );
    std::fs::write(&probe, html).unwrap();
    let dom = chromium(&probe, width, 900, None);
    let start = dom.find("<pre id=\"geometry\">").expect("the probe ran") + 19;
    let end = start + dom[start..].find("</pre>").unwrap();
    serde_json::from_str(&dom[start..end]).unwrap()
}

#[test]
fn chromium_shows_pairs_side_by_side_on_a_desktop_and_stacked_on_a_phone() {
    crate::support::require("chromium");
    let dir = reviewed();
    let o = publish(
        dir.path(),
        &["--date", "2026-11-23", "--author", "Ana Ruiz"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let page = dir.path().join(PAGES[2]).canonicalize().unwrap();

    let desktop = geometry(&page, 1280);
    assert_eq!(desktop.len(), 19);
    for (i, [a_top, _, b_top, _]) in desktop.iter().enumerate() {
        assert!(
            (a_top - b_top).abs() < 1.0,
            "pair {i} starts on one row: {a_top} vs {b_top}"
        );
    }
    // Rows follow each other down the page.
    assert!(desktop
        .windows(2)
        .all(|w| w[1][0] >= w[0][1].max(w[0][3]) - 1.0));

    let phone = geometry(&page, 390);
    for (i, [_, a_bottom, b_top, _]) in phone.iter().enumerate() {
        assert!(
            b_top >= &(a_bottom - 1.0),
            "pair {i} stacked on a phone: {b_top} < {a_bottom}"
        );
    }

    // Screenshots for a person to look at.
    let d = shots();
    chromium(&page, 1280, 2400, Some(&d.join("bilingual-desktop.png")));
    chromium(&page, 390, 3200, Some(&d.join("bilingual-phone.png")));
    let es = dir.path().join(PAGES[1]).canonicalize().unwrap();
    chromium(&es, 390, 2400, Some(&d.join("es-phone.png")));
    for f in [
        "bilingual-desktop.png",
        "bilingual-phone.png",
        "es-phone.png",
    ] {
        assert!(std::fs::metadata(d.join(f)).unwrap().len() > 10_000, "{f}");
    }
}
