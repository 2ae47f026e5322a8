//! The revision figure: `segment --update` over a revised corpus of 10,000 articles, each
//! with a reviewed PO work file, on one core, through files as the CLI does it (read the
//! revised article and the old work file, parse both, re-segment, carry every translation
//! over, lend old translations to changed sentences, write the work file atomically).
//!
//! Each article is revised the way newsrooms revise: a sentence edited, a number changed, a
//! negation added, a sentence inserted and one deleted.
//!
//! Run: `cargo bench --bench update` (PUENTE_BENCH_ARTICLES sets the count).

// A benchmark or a test reports its figures on the terminal: the printing rule is the
// library's and the CLI's, not theirs.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::time::Instant;

use puente::article::{Article, Format};
use puente::files::{read_text, write_atomic};
use puente::lang::Lang;
use puente::workfile::po::Catalog;
use puente::workfile::update::carry_changed;
use puente::workfile::Extract;

const SAMPLE_MD: &str = include_str!("../tests/fixtures/drone-strikes.en.md");

const REVISIONS: &[(&str, &str)] = &[
    (
        "The escalating dispute highlights",
        "The escalating dispute exposes",
    ),
    ("in the mid-19th century", "in the mid-18th century"),
    (
        "has stirred strong opinions at home",
        "has not stirred strong opinions at home",
    ),
    (
        "The specter of U.S. meddling",
        "Few events unite Mexicans so quickly. The specter of U.S. meddling",
    ),
    (
        "Cartels are known for their decentralized structures and rapid adaptability. ",
        "",
    ),
];

fn main() {
    let count: usize = std::env::var("PUENTE_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let (head, body) = SAMPLE_MD.split_at(SAMPLE_MD.find("\n---\n").unwrap() + 5);
    let mut bytes = 0;
    for i in 0..count {
        // The reviewed edition: every segment translated (a stand-in translation), then
        // the article revised.
        let text = format!("{head}\nStory {i} opens here. It has {i} readers.\n{body}");
        let article = Article::parse(text.clone(), Format::Markdown, Lang::En).unwrap();
        let name = format!("a{i}.en.md");
        let mut cat = Extract::new(&article, &name, Lang::En, Lang::Es).to_po(None);
        for e in cat.entries.iter_mut().filter(|e| !e.is_header()) {
            e.msgstr = vec![format!("ES {}", e.msgid)];
        }
        std::fs::write(dir.path().join(format!("a{i}.es.po")), cat.write()).unwrap();
        let mut revised = text;
        for (from, to) in REVISIONS {
            revised = revised.replacen(from, to, 1);
        }
        bytes += revised.len();
        std::fs::write(dir.path().join(&name), revised).unwrap();
    }
    let start = Instant::now();
    let (mut fuzzy, mut flagged) = (0, 0);
    for i in 0..count {
        let carried = update_one(
            &dir.path().join(format!("a{i}.en.md")),
            &dir.path().join(format!("a{i}.es.po")),
        );
        fuzzy += carried.fuzzy;
        flagged += carried.flagged;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "segment --update: {count} revised articles ({:.1} MB) in {secs:.2} s ({:.2} ms an article); {fuzzy} changed segments lent a translation, {flagged} flagged",
        bytes as f64 / 1e6,
        secs * 1000.0 / count as f64
    );
    assert_eq!(
        fuzzy,
        3 * count,
        "edit, number and negation in each article"
    );
    assert_eq!(flagged, 2 * count, "number and negation in each article");
}

fn update_one(src: &Path, po_path: &Path) -> puente::workfile::update::Carried {
    let text = read_text(src).unwrap();
    let article = Article::parse(text, Format::Markdown, Lang::En).unwrap();
    let old = Catalog::parse(&read_text(po_path).unwrap()).unwrap();
    let name = src.file_name().unwrap().to_string_lossy().into_owned();
    let extract = Extract::new(&article, &name, Lang::En, Lang::Es);
    let mut cat = extract.to_po(Some(&old));
    let carried = carry_changed(&mut cat, Lang::En);
    write_atomic(po_path, cat.write().as_bytes()).unwrap();
    carried
}
