//! Machine translation against a local LibreTranslate-protocol server: 1,000 segments with the
//! server answering each request after 100 ms (default settings: batches of 25 texts, 4 in
//! flight), and with an instant server, which leaves puente's own overhead per segment.
//!
//! Run: `cargo bench --bench mt`.

// A benchmark or a test reports its figures on the terminal: the printing rule is the
// library's and the CLI's, not theirs.
// A benchmark has no API to document (criterion_group! writes an undocumented function).
#![allow(clippy::print_stdout, clippy::print_stderr, missing_docs)]

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "../tests/common/mtserver.rs"]
#[allow(dead_code)]
mod mtserver;

use mtserver::{fake_translate, libre_languages, libre_translate, MtServer};

/// A project folder with a 1,000-segment article's work file and an engine at `url`.
fn project(url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("---\nlang: en\ntitle: \"Benchmark\"\n---\n\n");
    for i in 0..999 {
        text.push_str(&format!(
            "Officials in Washington met {i} times with Sheinbaum about the cartels and border security.\n\n"
        ));
    }
    std::fs::write(dir.path().join("a.en.md"), text).unwrap();
    // The project glossary, so protection runs as it does in the newsroom.
    let glossary = dir.path().join("glossary");
    std::fs::create_dir(&glossary).unwrap();
    for name in ["terms.toml", "names.toml", "quotes.toml"] {
        std::fs::copy(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("glossary")
                .join(name),
            glossary.join(name),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("puente.toml"),
        format!("[engine.lt]\nkind = \"libretranslate\"\nurl = \"{url}\"\n"),
    )
    .unwrap();
    std::env::set_current_dir(dir.path()).unwrap();
    let code = puente::cli::run(
        ["puente", "segment", "a.en.md", "-o", "fresh.po"]
            .iter()
            .map(Into::into)
            .collect(),
        |_| None,
    );
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    dir
}

/// One run from an untranslated work file; `cache` decides whether repeats may be answered
/// from `.puente/cache.sqlite`.
fn run_translate(dir: &std::path::Path, cache: bool) {
    std::fs::copy(dir.join("fresh.po"), dir.join("w.po")).unwrap();
    let mut args = vec![
        "puente",
        "translate",
        "w.po",
        "--engine",
        "lt",
        "--format",
        "json",
    ];
    if !cache {
        args.push("--no-cache");
    }
    let code = puente::cli::run(args.iter().map(Into::into).collect(), |_| None);
    assert_eq!(code, std::process::ExitCode::SUCCESS);
}

fn mt(c: &mut Criterion) {
    let slow = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate).after(Duration::from_millis(100)),
    });
    let fast = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    let mut g = c.benchmark_group("translate");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1000));
    let dir = project(&slow.url());
    g.bench_function("1000_segments_server_100ms", |b| {
        b.iter(|| run_translate(dir.path(), false))
    });
    let dir = project(&fast.url());
    g.bench_function("1000_segments_instant_server", |b| {
        b.iter(|| run_translate(dir.path(), false))
    });
    g.bench_function("1000_segments_all_cached", |b| {
        b.iter(|| run_translate(dir.path(), true))
    });
    g.finish();
}

criterion_group!(benches, mt);
criterion_main!(benches);
