//! The publish figure: 1,000 stories, every output, through files, on one core, as `puente
//! publish` does each one: read the article and its reviewed work file, parse both, check
//! the checksum, run the gate (merge and `check` with the project glossary), build the story
//! and its chrome, render the English, Spanish and bilingual pages, the three Markdown files
//! and the aligned JSON, rebuild the newsroom's index from every story record already in the
//! folder (as publish does on each story: the thousandth reads 999 records), and write the
//! eleven files atomically (the story's seven, its record and the three index pages).
//!
//! Run: `cargo bench --bench publish` (PUENTE_BENCH_STORIES sets the count).

// A benchmark or a test reports its figures on the terminal: the printing rule is the
// library's and the CLI's, not theirs.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::time::Instant;

use puente::app::publish::index_pages;
use puente::article::{Article, Format};
use puente::check::{check_files, CheckedFile, Checker, Settings};
use puente::files::{read_text, write_output, Durability};
use puente::glossary::Glossary;
use puente::lang::Lang;
use puente::publish::index::{IndexChrome, IndexFacts};
use puente::publish::{html, Chrome, Story};
use puente::text::sha256_hex;
use puente::workfile::merge::merge;
use puente::workfile::{WorkFile, WorkFormat};

const SAMPLE_MD: &str = include_str!("../tests/fixtures/drone-strikes.en.md");
const SAMPLE_PO: &str = include_str!("../tests/fixtures/drone-strikes.es.po");

fn glossary() -> Glossary {
    let mut g = Glossary::default();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for f in files {
        let problems = g.add_file(&f.to_string_lossy(), &std::fs::read_to_string(&f).unwrap());
        assert!(problems.is_empty());
    }
    g
}

fn chrome(lang: Lang) -> Chrome {
    // The CLI fills these from Fluent; their length, not their words, matters here.
    let es = lang == Lang::Es;
    Chrome {
        kicker: Some(if es { "ANÁLISIS" } else { "ANALYSIS" }.into()),
        also_read: if es { "Lee también" } else { "Also read" }.into(),
        translated_from: "Traducido del inglés".into(),
        read_this_edition: if es {
            "Leer en español"
        } else {
            "Read in English"
        }
        .into(),
        byline: Some(if es { "Por Ana Ruiz" } else { "By Ana Ruiz" }.into()),
        date: Some(
            if es {
                "23 de noviembre de 2026"
            } else {
                "November 23, 2026"
            }
            .into(),
        ),
        draft: "DRAFT".into(),
        bilingual: "Bilingual edition".into(),
        unreviewed: "Unreviewed".into(),
        machine: "Machine translation".into(),
        memory: "Memory match".into(),
        untranslated: "Untranslated".into(),
        finding: "Check finding".into(),
        legend: "Review marks".into(),
        findings_lang: String::new(),
    }
}

fn index_chrome(facts: &IndexFacts<'_>) -> IndexChrome {
    // As the CLI's: every label, and each date the index shows written out.
    let es = facts.lang == Lang::Es;
    let pick = |en: &str, sp: &str| if es { sp } else { en }.to_string();
    IndexChrome {
        title: pick("Stories", "Notas"),
        language: pick("English", "Español"),
        date: pick("Date", "Fecha"),
        headline: pick("Headline", "Titular"),
        status: pick("Status", "Estado"),
        editions: pick("Editions", "Ediciones"),
        final_status: "Final".into(),
        draft_status: pick("Draft", "Borrador"),
        bilingual: pick("Bilingual", "Bilingüe"),
        dates: facts
            .dates
            .iter()
            .map(|&(y, m, d)| {
                (
                    format!("{y:04}-{m:02}-{d:02}"),
                    format!("{d} de month-{m} de {y}"),
                )
            })
            .collect(),
    }
}

fn main() {
    let count: usize = std::env::var("PUENTE_BENCH_STORIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    let dir = tempfile::tempdir().unwrap();
    for i in 0..count {
        std::fs::write(dir.path().join(format!("s{i}.en.md")), SAMPLE_MD).unwrap();
        let po = SAMPLE_PO.replacen(
            "X-Puente-Source: drone-strikes.en.md",
            &format!("X-Puente-Source: s{i}.en.md"),
            1,
        );
        std::fs::write(dir.path().join(format!("s{i}.es.po")), po).unwrap();
    }
    let glossary = glossary();
    let chromes = (chrome(Lang::En), chrome(Lang::Es));
    let start = Instant::now();
    let mut bytes = 0;
    let mut indexing = 0.0;
    for i in 0..count {
        let (n, index_secs) = publish_one(dir.path(), i, &glossary, (&chromes.0, &chromes.1));
        bytes += n;
        indexing += index_secs;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "publish: {count} stories, 11 files each ({:.1} MB written) in {secs:.2} s ({:.2} ms a story; the index's reading and rendering {indexing:.2} s of it)",
        bytes as f64 / 1e6,
        secs * 1000.0 / count as f64
    );
    // The last index lists every story.
    let last = std::fs::read_to_string(dir.path().join("site/en/index.html")).unwrap();
    assert_eq!(last.matches("<tr data-slug=").count(), count);
}

fn publish_one(
    dir: &Path,
    i: usize,
    glossary: &Glossary,
    chromes: (&Chrome, &Chrome),
) -> (usize, f64) {
    let src = dir.join(format!("s{i}.en.md"));
    let text = read_text(&src).unwrap();
    let article = Article::parse(text, Format::Markdown, Lang::En).unwrap();
    let work = WorkFile::read(
        &read_text(&dir.join(format!("s{i}.es.po"))).unwrap(),
        WorkFormat::Po,
    )
    .unwrap();
    assert_eq!(
        work.meta.as_ref().unwrap().source_sha256,
        sha256_hex(article.source.as_bytes())
    );
    // The gate: nothing pending, no check error.
    let merged = merge(&article, &work, false);
    assert!(merged.pending.is_empty());
    let settings = Settings::default();
    let checker = Checker::new(glossary, Lang::En, Lang::Es, settings.clone());
    let files = [CheckedFile {
        name: "s.es.po",
        workfile: &work,
        checker: &checker,
    }];
    assert!(check_files(&files, &settings).is_empty());
    let slug = format!("s{i}");
    let mut story = Story::from_workfile(&slug, &article, &work, &merged, Lang::En, Lang::Es);
    // Stories over a year of days, some of them drafts, as a newsroom's folder holds them.
    story.date = Some(format!("2026-{:02}-{:02}", i % 12 + 1, i % 28 + 1));
    story.draft = i % 10 == 0;
    let out = dir.join("site");
    let mut outputs = vec![
        (
            out.join("en").join(format!("{slug}.html")),
            html::edition(&story, Lang::En, chromes, None),
        ),
        (
            out.join("es").join(format!("{slug}.html")),
            html::edition(&story, Lang::Es, chromes, None),
        ),
        (
            out.join("bilingual").join(format!("{slug}.html")),
            html::bilingual(&story, chromes, None),
        ),
        (
            out.join(format!("{slug}.en.md")),
            story.article(Lang::En).to_string(),
        ),
        (
            out.join(format!("{slug}.es.md")),
            story.article(Lang::Es).to_string(),
        ),
        (
            out.join(format!("{slug}.bilingual.md")),
            story.bilingual_markdown(),
        ),
        (
            out.join(format!("{slug}.aligned.json")),
            story.aligned_json(),
        ),
    ];
    let started = Instant::now();
    let index = index_pages(&out, &story, &index_chrome).unwrap();
    let index_secs = started.elapsed().as_secs_f64();
    assert!(index.skipped.is_empty());
    outputs.extend(index.files);
    let mut n = 0;
    for (path, content) in &outputs {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // As `puente publish` writes pages: atomically, without fsync (they can be made again).
        write_output(path, &[], Durability::Bulk, |w| {
            w.write_all(content.as_bytes())
        })
        .unwrap();
        n += content.len();
    }
    (n, index_secs)
}
