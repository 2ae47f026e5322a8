//! The publish figures: 1,000 stories, every output, through files, on one core, through the
//! library's own `publish` (the gate: the article and its reviewed work file read and parsed,
//! the checksum, merge and `check` with the project glossary; the story and its chrome; the
//! English, Spanish and bilingual pages, the three Markdown files, the aligned JSON and the
//! story's record written atomically), measured two ways:
//!
//! 1. one run of many stories (`puente publish work/`, [`run_many`]): the glossary and the
//!    checker made once, the newsroom's index rebuilt once at the end: the figure, < 5 s;
//! 2. a thousand single publishes one after the other ([`run`]), each rebuilding the index
//!    (its front pages, the month pages it changed and its cache), as a desk publishing one
//!    story at a time does.
//!
//! Run: `cargo bench --bench publish` (PUENTE_BENCH_STORIES sets the count). The whole
//! process, binary and all: `bench/publish.sh`.

// A benchmark or a test reports its figures on the terminal: the printing rule is the
// library's and the CLI's, not theirs.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use puente::app::publish::{index_pages, run, run_many, ChromeFacts, Outcome, Request};
use puente::lang::Lang;
use puente::project::Project;
use puente::publish::index::{IndexChrome, IndexFacts, ARCHIVE_PAGE_STORIES};
use puente::publish::Chrome;
use puente::text::sha256_hex;

const SAMPLE_MD: &str = include_str!("../tests/fixtures/drone-strikes.en.md");
const SAMPLE_PO: &str = include_str!("../tests/fixtures/drone-strikes.es.po");

fn chrome(facts: &ChromeFacts<'_>) -> Chrome {
    let lang = facts.lang;
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
        archive: pick("Archive", "Archivo"),
        undated: pick("Undated", "Sin fecha"),
        months: facts
            .months
            .iter()
            .map(|&(y, m)| (format!("{y:04}-{m:02}"), format!("month-{m} {y}")))
            .collect(),
        previous_page: pick("Previous page", "Página anterior"),
        next_page: pick("Next page", "Página siguiente"),
        pages: facts
            .pages
            .iter()
            .map(|&n| (n, format!("{} {n}", pick("Page", "Página"))))
            .collect(),
    }
}

/// Writes `count` stories into `dir/work` (dated over a year of days), each article with its
/// reviewed work file; returns the work files, in order.
fn corpus(dir: &Path, count: usize) -> Vec<PathBuf> {
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    (0..count)
        .map(|i| {
            let date = format!("2026-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
            let md = SAMPLE_MD.replacen("lang: en\n", &format!("lang: en\ndate: {date}\n"), 1);
            let po = SAMPLE_PO
                .replacen(
                    "X-Puente-Source: drone-strikes.en.md",
                    &format!("X-Puente-Source: s{i}.en.md"),
                    1,
                )
                .replacen(
                    "83ea59adc8b66a072618f33d33d39c4f393e8692cf512202f430ce91876ed917",
                    &sha256_hex(md.as_bytes()),
                    1,
                );
            std::fs::write(work.join(format!("s{i}.en.md")), md).unwrap();
            let wf = work.join(format!("s{i}.es.po"));
            std::fs::write(&wf, po).unwrap();
            wf
        })
        .collect()
}

fn request(dir: &Path) -> Request<'static> {
    Request {
        article: PathBuf::new(),
        translation: None,
        from: None,
        to: None,
        glossary: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary")),
        draft: false,
        date: None,
        author: Some("Ana Ruiz".into()),
        base_url: None,
        out: Some(dir.join("site")),
        chrome: &chrome,
        describe: &|f, _| (f.rule.id().to_string(), String::new()),
        index_chrome: &index_chrome,
        archive_page_stories: ARCHIVE_PAGE_STORIES,
    }
}

/// Bytes under `dir`.
fn size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            if m.is_dir() {
                size(&e.path())
            } else {
                m.len()
            }
        })
        .sum()
}

/// Stories on an index: the front page's rows and those of every month page.
fn listed(site: &Path) -> (usize, usize) {
    let front = std::fs::read_to_string(site.join("en/index.html")).unwrap();
    let months: usize = std::fs::read_dir(site.join("en"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("2026-"))
        .map(|n| {
            std::fs::read_to_string(site.join("en").join(n))
                .unwrap()
                .matches("<tr data-slug=")
                .count()
        })
        .sum();
    (front.matches("<tr data-slug=").count(), months)
}

fn main() {
    let count: usize = std::env::var("PUENTE_BENCH_STORIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);

    // 1. One run of many stories, the index rebuilt once.
    let dir = tempfile::tempdir().unwrap();
    let workfiles = corpus(dir.path(), count);
    let project = Project::default();
    let req = request(dir.path());
    let start = Instant::now();
    let report = run_many(&project, &workfiles, &req).run(&|| {}, |wf, r| {
        let r = r.unwrap_or_else(|e| panic!("{}: {e}", wf.display()));
        assert!(matches!(r.outcome, Outcome::Published { .. }), "{r:?}");
    });
    let secs = start.elapsed().as_secs_f64();
    let index = report.index.unwrap().unwrap();
    let site = dir.path().join("site");
    assert_eq!(listed(&site), (count.min(50), count));
    println!(
        "publish, one run (run_many): {count} stories, 8 files each and {} index files once ({:.1} MB written) in {secs:.2} s ({:.2} ms a story)",
        index.len(),
        size(&site) as f64 / 1e6,
        secs * 1000.0 / count as f64
    );

    // 2. One story at a time, each rebuilding the index.
    let dir = tempfile::tempdir().unwrap();
    let workfiles = corpus(dir.path(), count);
    let project = Project::default();
    let start = Instant::now();
    for wf in &workfiles {
        let mut req = request(dir.path());
        req.article = wf.with_extension("").with_extension("en.md");
        req.translation = Some(wf.clone());
        let r = run(&project, &req).unwrap();
        assert!(matches!(r.outcome, Outcome::Published { .. }), "{r:?}");
    }
    let secs = start.elapsed().as_secs_f64();
    let site = dir.path().join("site");
    assert_eq!(listed(&site), (count.min(50), count));
    println!(
        "publish, one story at a time (run, {count} times): each rebuilding the index in {secs:.2} s ({:.2} ms a story)",
        secs * 1000.0 / count as f64
    );

    // 3. What publishing a story again costs in that archive (its month page changes), once
    // the records are old enough for the cache to vouch for them: the whole publish, and the
    // index's reading and rendering alone.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let more = 20;
    let extra = corpus(&dir.path().join("more"), more);
    let start = Instant::now();
    let mut entry = None;
    for wf in &extra {
        let mut req = request(dir.path());
        req.article = wf.with_extension("").with_extension("en.md");
        req.translation = Some(wf.clone());
        let r = run(&project, &req).unwrap();
        entry = r.entry;
    }
    let one = start.elapsed().as_secs_f64() * 1000.0 / more as f64;
    let entry = entry.unwrap();
    let start = Instant::now();
    for _ in 0..more {
        index_pages(
            &site,
            vec![entry.clone()],
            ARCHIVE_PAGE_STORIES,
            &index_chrome,
            &mut |_, _| Ok(()),
        )
        .unwrap();
    }
    let index_ms = start.elapsed().as_secs_f64() * 1000.0 / more as f64;
    println!(
        "publish, one more story into the archive of {count}: {one:.2} ms, the index's reading and rendering {index_ms:.2} ms of it"
    );
}
