//! Criterion benchmarks: `split` throughput on English news text, and segment + merge of the
//! sample article (in process, work file text included).
//!
//! Run: `cargo bench --bench pipeline` (or `bash bench/run.sh` for every figure).

// A benchmark or a test reports its figures on the terminal: the printing rule is the
// library's and the CLI's, not theirs.
// A benchmark has no API to document (criterion_group! writes an undocumented function).
#![allow(clippy::print_stdout, clippy::print_stderr, missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use puente::article::{Article, Format};
use puente::lang::Lang;
use puente::segment::Segmenter;
use puente::workfile::{merge::merge, Extract, WorkFile, WorkFormat};

const SAMPLE_TXT: &str = include_str!("../tests/fixtures/drone-strikes.en.txt");
const SAMPLE_MD: &str = include_str!("../tests/fixtures/drone-strikes.en.md");

/// About 4 MB of English news text: the sample article repeated.
fn news_text() -> String {
    let mut s = String::with_capacity(4 << 20);
    while s.len() < 4 << 20 {
        s.push_str(SAMPLE_TXT);
        s.push('\n');
    }
    s
}

fn split(c: &mut Criterion) {
    let text = news_text();
    let seg = Segmenter::new(Lang::En);
    let mut g = c.benchmark_group("split");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("english_news_4MB", |b| {
        b.iter(|| black_box(seg.segments(black_box(&text))).len())
    });
    g.finish();
}

fn segment_merge(c: &mut Criterion) {
    let mut g = c.benchmark_group("article");
    g.throughput(Throughput::Bytes(SAMPLE_MD.len() as u64));
    g.bench_function("segment_po_merge_draft", |b| {
        b.iter(|| {
            let article =
                Article::parse(SAMPLE_MD.to_string(), Format::Markdown, Lang::En).unwrap();
            let x = Extract::new(&article, "a.md", Lang::En, Lang::Es);
            let po = x.to_po(None).write();
            let wf = WorkFile::read(&po, WorkFormat::Po).unwrap();
            black_box(merge(&article, &wf, true).output.len())
        })
    });
    g.finish();
}

/// Matching with a 5,000-entry glossary (the project's seed plus synthetic multiword terms)
/// over Spanish news-sized text.
fn bench_glossary() -> puente::glossary::Glossary {
    let mut toml = String::from(include_str!("../glossary/terms.toml"));
    toml.push_str(include_str!("../glossary/names.toml"));
    for i in 0..5_000 {
        toml.push_str(&format!(
            "[[term]]\nid = \"t{i}\"\nen = [\"term{i} alpha\", \"terms{i} alpha\"]\nes = [\"término{i} alfa\"]\nforbidden = {{ es = [\"termino{i} alfa\"] }}\n"
        ));
    }
    let mut g = puente::glossary::Glossary::default();
    assert!(g.add_file("bench.toml", &toml).is_empty());
    assert!(g
        .add_file("quotes.toml", include_str!("../glossary/quotes.toml"))
        .is_empty());
    g
}

fn glossary_match(c: &mut Criterion) {
    use puente::glossary::matcher::Matcher;
    let g = bench_glossary();
    let text = "Los ataques con drones contra los cárteles en México, la soberanía nacional y el \
                narcotráfico: la presidenta Sheinbaum habló con Washington sobre el fentanilo. "
        .repeat(200);
    let mut grp = c.benchmark_group("glossary");
    grp.bench_function("build_5000_entries", |b| {
        b.iter(|| black_box(Matcher::new(&g, Lang::Es)))
    });
    let m = Matcher::new(&g, Lang::Es);
    grp.throughput(Throughput::Bytes(text.len() as u64));
    grp.bench_function("match_5000_entries", |b| {
        b.iter(|| black_box(m.find(black_box(&text))).len())
    });
    grp.finish();
}

/// `check` over 100,000 translated segments (the reviewed sample translation, repeated) with
/// the 5,000-entry glossary, in process: the work files are parsed beforehand.
fn check(c: &mut Criterion) {
    use puente::check::{check_files, CheckedFile, Checker, Settings};
    let g = bench_glossary();
    let po = include_str!("../tests/fixtures/drone-strikes.es.po");
    let one = WorkFile::read(po, WorkFormat::Po).unwrap();
    let copies = 100_000usize.div_ceil(one.units.len());
    let files: Vec<WorkFile> = (0..copies).map(|_| one.clone()).collect();
    let names: Vec<String> = (0..copies).map(|i| format!("story{i}.po")).collect();
    let settings = Settings::default();
    let checker = Checker::new(&g, Lang::En, Lang::Es, settings.clone());
    let checked: Vec<CheckedFile<'_, '_>> = files
        .iter()
        .zip(&names)
        .map(|(workfile, name)| CheckedFile {
            name,
            workfile,
            checker: &checker,
        })
        .collect();
    let mut grp = c.benchmark_group("check");
    grp.sample_size(10);
    grp.throughput(Throughput::Elements((copies * one.units.len()) as u64));
    grp.bench_function("100k_segments_5000_entries", |b| {
        b.iter(|| black_box(check_files(&checked, &settings)).len())
    });
    grp.bench_function("build_checker_5000_entries", |b| {
        b.iter(|| black_box(Checker::new(&g, Lang::En, Lang::Es, Settings::default())).languages())
    });
    grp.finish();
}

criterion_group!(benches, split, segment_merge, glossary_match, check);
criterion_main!(benches);
