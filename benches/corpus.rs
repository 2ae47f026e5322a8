//! The corpus figure: segment + `merge --draft` of 10,000 articles (about 80 MB) through
//! files, as the CLI does it (read, validate, parse, checksum, write the PO atomically, read it
//! back, check the checksum, merge, write the article atomically), on one core.
//!
//! Run: `cargo bench --bench corpus`. Prints the total time, throughput and peak memory.

// A benchmark or a test reports its figures on the terminal: the printing rule is the
// library's and the CLI's, not theirs.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::time::Instant;

use puente::article::{Article, Format};
use puente::text::sha256_hex;

use puente::files::{read_text, write_output, Durability, InputRole};
use puente::lang::Lang;
use puente::workfile::{merge::merge, Extract, WorkFile, WorkFormat};

const SAMPLE_MD: &str = include_str!("../tests/fixtures/drone-strikes.en.md");

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let count: usize = std::env::var("PUENTE_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    // PUENTE_BENCH_DIR picks the file system (for example /dev/shm, to leave out the disk).
    let dir = match std::env::var_os("PUENTE_BENCH_DIR") {
        Some(d) => tempfile::tempdir_in(d).unwrap(),
        None => tempfile::tempdir().unwrap(),
    };
    let (head, body) = SAMPLE_MD.split_at(SAMPLE_MD.find("\n---\n").unwrap() + 5);
    let mut total_bytes = 0usize;
    for i in 0..count {
        // Each article differs (numbers in its sentences) so ids and hashes are real work.
        let text = format!("{head}\nStory {i} opens here. It has {i} readers.\n{body}");
        total_bytes += text.len();
        std::fs::write(dir.path().join(format!("a{i}.en.md")), text).unwrap();
    }
    let rss_before = peak_rss_kb();
    let start = Instant::now();
    for i in 0..count {
        let src = dir.path().join(format!("a{i}.en.md"));
        let po_path = dir.path().join(format!("a{i}.es.po"));
        let out = dir.path().join(format!("a{i}.es.md"));
        run_one(&src, &po_path, &out);
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = total_bytes as f64 / 1e6;
    println!(
        "corpus: {count} articles, {mb:.1} MB: segment + merge --draft in {secs:.2} s ({:.1} MB/s); peak RSS {} KB (before the run {} KB)",
        mb / secs,
        peak_rss_kb(),
        rss_before
    );
}

fn run_one(src: &Path, po_path: &Path, out: &Path) {
    let text = read_text(src).unwrap();
    let article = Article::parse(text, Format::Markdown, Lang::En).unwrap();
    let name = src.file_name().unwrap().to_string_lossy().into_owned();
    let x = Extract::new(&article, &name, Lang::En, Lang::Es);
    // As the CLI writes a new work file and a merged article: checked against its inputs,
    // replaced atomically, not flushed one by one (both are made again at any time).
    let po = x.to_po(None).write();
    write_output(
        po_path,
        &[(src, InputRole::Article)],
        Durability::Bulk,
        |w| w.write_all(po.as_bytes()),
    )
    .unwrap();
    let po_text = read_text(po_path).unwrap();
    let wf = WorkFile::read(&po_text, WorkFormat::Po).unwrap();
    let source = read_text(src).unwrap();
    assert_eq!(
        sha256_hex(source.as_bytes()),
        wf.meta.as_ref().unwrap().source_sha256
    );
    let article = Article::parse(source, Format::Markdown, Lang::En).unwrap();
    let merged = merge(&article, &wf, true);
    write_output(
        out,
        &[(src, InputRole::Article), (po_path, InputRole::Workfile)],
        Durability::Bulk,
        |w| w.write_all(merged.output.as_bytes()),
    )
    .unwrap();
}
