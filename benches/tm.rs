//! The memory's figures: `puente tm import` of a 1,000,000-unit TMX through the CLI, then
//! fuzzy lookups in that memory (p50, p95, p99 over 1,000 queries), with the recall of the
//! edited sentences among them.
//!
//! The units are synthetic news-like sentences: 8 to 40 words drawn from a Zipf-distributed
//! vocabulary of 60,000 words plus English function words, so common words are as common as
//! in real text and the index cannot lean on every word being rare.
//!
//! The sentence generator (`Words`) is shared with `benches/pgmemory.rs`.
//!
//! Run: `cargo bench --bench tm` (PUENTE_BENCH_UNITS sets the size; the memory is kept in
//! target/bench-tm/ between runs when PUENTE_BENCH_KEEP is set).

// A benchmark or a test reports its figures on the terminal: the printing rule is the
// library's and the CLI's, not theirs.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use puente::lang::Lang;
use puente::tm::{tmx, Memory, TmUnit, FUZZY_THRESHOLD};

const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "is", "for", "on", "with", "as", "by", "was",
    "at", "from", "has", "have", "its", "their", "would", "could", "not", "but", "an", "be",
];

pub(crate) struct Words {
    vocab: Vec<String>,
    cumulative: Vec<f64>,
    rng: fastrand::Rng,
}

impl Words {
    pub(crate) fn new(seed: u64) -> Words {
        let mut rng = fastrand::Rng::with_seed(seed);
        let syllables = [
            "ra", "mi", "con", "tel", "sa", "dor", "vi", "pre", "lan", "go", "ter", "na", "es",
            "ba", "lu", "qui", "fo", "den", "ri", "mo", "sta", "ple", "cor", "vo",
        ];
        let mut vocab = Vec::with_capacity(60_000);
        let mut seen = std::collections::HashSet::new();
        while vocab.len() < 60_000 {
            let n = 2 + rng.usize(0..3);
            let w: String = (0..n)
                .map(|_| syllables[rng.usize(..syllables.len())])
                .collect();
            if seen.insert(w.clone()) {
                vocab.push(w);
            }
        }
        let mut cumulative = Vec::with_capacity(vocab.len());
        let mut total = 0.0;
        for r in 1..=vocab.len() {
            total += 1.0 / r as f64;
            cumulative.push(total);
        }
        Words {
            vocab,
            cumulative,
            rng,
        }
    }

    fn word(&mut self) -> &str {
        if self.rng.f64() < 0.4 {
            return FUNCTION_WORDS[self.rng.usize(..FUNCTION_WORDS.len())];
        }
        let x = self.rng.f64() * self.cumulative[self.cumulative.len() - 1];
        let i = self.cumulative.partition_point(|c| *c < x);
        &self.vocab[i.min(self.vocab.len() - 1)]
    }

    pub(crate) fn sentence(&mut self) -> String {
        let n = 8 + self.rng.usize(0..33);
        let mut s = String::new();
        for k in 0..n {
            if k > 0 {
                s.push(' ');
            }
            let w = self.word().to_string();
            if k == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push_str(&w);
            }
        }
        s.push('.');
        s
    }

    /// The sentence with one to three words replaced: what a revision or a similar story
    /// gives.
    pub(crate) fn edit(&mut self, sentence: &str) -> String {
        let mut words: Vec<String> = sentence.split(' ').map(str::to_string).collect();
        let edits = 1 + self.rng.usize(0..3);
        for _ in 0..edits {
            let i = 1 + self.rng.usize(0..words.len() - 1);
            words[i] = self.word().to_string();
        }
        let mut s = words.join(" ");
        if !s.ends_with('.') {
            s.push('.');
        }
        s
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let count: usize = std::env::var("PUENTE_BENCH_UNITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-tm");
    std::fs::create_dir_all(&dir).unwrap();
    let tm_path = dir.join(format!("tm-{count}.sqlite"));
    let keep = std::env::var_os("PUENTE_BENCH_KEEP").is_some();
    let mut words = Words::new(7);
    let sources: Vec<String> = (0..count).map(|_| words.sentence()).collect();

    if !(keep && tm_path.exists()) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", tm_path.display()));
        }
        let tmx_path = dir.join(format!("units-{count}.tmx"));
        let mut targets = Words::new(11);
        let units: Vec<TmUnit> = sources
            .iter()
            .map(|s| TmUnit {
                source_lang: Lang::En,
                target_lang: Lang::Es,
                source: s.clone(),
                target: targets.sentence(),
                prev: String::new(),
                next: String::new(),
                origin: String::new(),
            })
            .collect();
        let text = tmx::write(&units);
        drop(units);
        std::fs::File::create(&tmx_path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .unwrap();
        let mb = text.len() as f64 / 1e6;
        drop(text);
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_puente"))
            .args(["tm", "import"])
            .arg(&tmx_path)
            .args(["--tm"])
            .arg(&tm_path)
            .args(["--from", "en", "--to", "es"])
            .env("PUENTE_LANG", "en")
            .status()
            .unwrap();
        assert!(status.success(), "tm import failed");
        let secs = start.elapsed().as_secs_f64();
        println!(
            "tm import: {count} units ({mb:.0} MB of TMX) in {secs:.1} s ({:.0} units/s)",
            count as f64 / secs
        );
        let _ = std::fs::remove_file(&tmx_path);
    }
    let size = std::fs::metadata(&tm_path).map(|m| m.len()).unwrap_or(0);
    println!("memory file: {:.0} MB", size as f64 / 1e6);

    let memory = Memory::open(&tm_path).unwrap();
    // Warm the page cache as a translate run would after its first lookups.
    let _ = memory.fuzzy(Lang::En, Lang::Es, &sources[0], FUZZY_THRESHOLD, 1);
    let mut rng = fastrand::Rng::with_seed(3);
    let mut times = Vec::new();
    let (mut edited, mut found) = (0, 0);
    for q in 0..1000 {
        let (query, original) = if q % 2 == 0 {
            let original = &sources[rng.usize(..count)];
            (words.edit(original), Some(original))
        } else {
            (words.sentence(), None)
        };
        let start = Instant::now();
        let hits = memory
            .fuzzy(Lang::En, Lang::Es, &query, FUZZY_THRESHOLD, 3)
            .unwrap();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        if let Some(original) = original {
            // Only edits that keep the sentence at or above the threshold count.
            if puente::text::similarity(&query, original, 0.0) >= FUZZY_THRESHOLD
                && &query != original
            {
                edited += 1;
                if hits.iter().any(|h| &h.unit.source == original) {
                    found += 1;
                }
            }
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "fuzzy lookup in {count} units: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
    println!("recall: {found}/{edited} edited sentences (≥ 75 %) found");
}
