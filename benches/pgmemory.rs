//! The PostgreSQL memory's figures beside the SQLite memory's, in one run (issue 18):
//!
//! - `puente tm import` of the same synthetic TMX (1,000,000 units by default) into a SQLite
//!   file and into a private PostgreSQL cluster (made here as the tests make theirs);
//! - fuzzy lookups, the same 1,000 queries on both (half edited memory sentences, half new
//!   ones): p50, p95 and p99, the recall of the edited sentences, and how many queries got
//!   the very same matches and scores from both;
//! - opening the memory as translate does for each work file: logging in, or on the
//!   connection the previous memory left;
//! - 8 writers at once adding 10,000 units each (half of each shared with a neighbour) to the
//!   server: throughput, and units lost or duplicated (both must be 0).
//!
//! Run: `cargo bench --bench pgmemory` (PUENTE_BENCH_UNITS sets the size). Needs PostgreSQL's
//! server binaries (Debian's `postgresql`); as root the cluster runs as the `postgres` user.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use puente::lang::Lang;
use puente::tm::postgres::Server;
use puente::tm::{tmx, Group, Memory, TmUnit, UnitRef, FUZZY_THRESHOLD};

// The synthetic sentences of the SQLite bench, so both benches ask the same questions.
#[path = "../tests/common/pg.rs"]
mod pg;
#[allow(dead_code)]
#[path = "tm.rs"]
mod sqlite_bench;

use sqlite_bench::Words;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// `puente tm import TMX --tm MEMORY`, timed.
fn import(tmx_path: &Path, memory: &str) -> f64 {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_puente"))
        .args(["tm", "import"])
        .arg(tmx_path)
        .args(["--tm", memory, "--from", "en", "--to", "es"])
        .env("PUENTE_UI_LANG", "en-US")
        .env_remove("PUENTE_TM_URL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "tm import into {memory} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed().as_secs_f64()
}

fn main() {
    let count: usize = std::env::var("PUENTE_BENCH_UNITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let cluster = pg::Cluster::start();
    cluster.create_db("bench", "tester");
    let url = cluster.url("bench");
    let dir = tempfile::tempdir().unwrap();
    let sqlite_path = dir.path().join("tm.sqlite");

    let mut words = Words::new(7);
    let sources: Vec<String> = (0..count).map(|_| words.sentence()).collect();
    let tmx_path = dir.path().join("units.tmx");
    {
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
        std::fs::File::create(&tmx_path)
            .and_then(|mut f| f.write_all(tmx::write(&units).as_bytes()))
            .unwrap();
    }
    for (name, memory) in [
        ("SQLite", sqlite_path.to_str().unwrap()),
        ("PostgreSQL", url.as_str()),
    ] {
        let secs = import(&tmx_path, memory);
        println!(
            "tm import into {name}: {count} units in {secs:.1} s ({:.0} units/s)",
            count as f64 / secs
        );
    }

    // What autovacuum does within a minute of a bulk import: the visibility map set, so the
    // word index is read from its B-tree alone, and the planner's statistics.
    cluster
        .admin("bench")
        .batch_execute("VACUUM ANALYZE")
        .unwrap();
    let (server, _) = Server::parse(&url).unwrap();
    let memories = [
        ("SQLite", Memory::open(&sqlite_path).unwrap()),
        ("PostgreSQL", Memory::connect(&server, None).unwrap()),
    ];
    // The same queries for both: edited memory sentences and new ones.
    let mut rng = fastrand::Rng::with_seed(3);
    let queries: Vec<(String, Option<&String>)> = (0..1000)
        .map(|q| {
            if q % 2 == 0 {
                let original = &sources[rng.usize(..count)];
                (words.edit(original), Some(original))
            } else {
                (words.sentence(), None)
            }
        })
        .collect();
    let mut answers = Vec::new();
    for (name, memory) in &memories {
        let _ = memory.fuzzy(Lang::En, Lang::Es, &sources[0], FUZZY_THRESHOLD, 1);
        let mut times = Vec::new();
        let (mut edited, mut found) = (0, 0);
        let mut got = Vec::new();
        for (query, original) in &queries {
            let start = Instant::now();
            let hits = memory
                .fuzzy(Lang::En, Lang::Es, query, FUZZY_THRESHOLD, 3)
                .unwrap();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            if let Some(original) = original {
                if puente::text::similarity(query, original, 0.0) >= FUZZY_THRESHOLD
                    && query != *original
                {
                    edited += 1;
                    found += usize::from(hits.iter().any(|h| &h.unit.source == *original));
                }
            }
            got.push(hits);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "fuzzy lookup on {name}, {count} units: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms; \
             recall {found}/{edited} edited sentences (≥ 75 %)",
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            percentile(&times, 0.99),
        );
        answers.push(got);
    }
    let same = answers[0]
        .iter()
        .zip(&answers[1])
        .filter(|(a, b)| a == b)
        .count();
    println!(
        "same matches and scores from both: {same}/{} queries",
        queries.len()
    );
    drop(memories);

    // Opening the memory as translate does for each work file: a new login (every memory
    // kept open, so none is handed on), then one after another (each dropped before the
    // next is opened, its connection handed on).
    let open_times = |hand_on: bool| {
        let mut held = Vec::new();
        let mut times = Vec::new();
        for _ in 0..20 {
            let start = Instant::now();
            let m = Memory::connect_existing(&server, None).unwrap().unwrap();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            if !hand_on {
                held.push(m);
            }
        }
        times.sort_by(|a, b| a.total_cmp(b));
        percentile(&times, 0.5)
    };
    let (fresh, kept) = (open_times(false), open_times(true));
    println!("opening the memory on PostgreSQL: p50 {fresh:.2} ms logging in, {kept:.2} ms on a kept connection");

    // Eight writers at once, 10,000 units each, each sharing half of its units with the
    // next writer: 45,000 distinct units.
    const WRITERS: usize = 8;
    const EACH: usize = 10_000;
    let unit = |i: usize| TmUnit {
        source_lang: Lang::En,
        target_lang: Lang::Es,
        source: format!("Writer test sentence {i} about the council budget and the mayor."),
        target: format!("Oración de prueba {i} sobre el presupuesto del concejo y la alcaldesa."),
        prev: String::new(),
        next: String::new(),
        origin: "writers".into(),
    };
    let start = Instant::now();
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let server = server.clone();
            std::thread::spawn(move || {
                let mut m = Memory::connect(&server, None).unwrap();
                let units: Vec<TmUnit> = (w * EACH / 2..w * EACH / 2 + EACH).map(unit).collect();
                let units: Vec<UnitRef<'_>> = units.iter().map(TmUnit::borrowed).collect();
                let mut added = 0;
                // Batches as merge sends them: 500 units, grouped by work file (50 each).
                for batch in units.chunks(500) {
                    let groups: Vec<Group<'_>> = batch.chunks(50).map(Group::new).collect();
                    added += m.add_groups(&groups).unwrap().iter().sum::<usize>();
                }
                added
            })
        })
        .collect();
    let added: usize = writers.into_iter().map(|w| w.join().unwrap()).sum();
    let secs = start.elapsed().as_secs_f64();
    let distinct: HashSet<usize> = (0..WRITERS)
        .flat_map(|w| w * EACH / 2..w * EACH / 2 + EACH)
        .collect();
    let row = cluster
        .admin("bench")
        .query_one(
            "SELECT COUNT(*), COUNT(DISTINCT key) FROM puente_units WHERE origin = 'writers'",
            &[],
        )
        .unwrap();
    let (rows, keys): (i64, i64) = (row.get(0), row.get(1));
    let expected = distinct.len() as i64;
    println!(
        "{WRITERS} writers x {EACH} units at once: {secs:.1} s ({:.0} units/s sent); \
         {rows} stored of {expected} distinct: {} lost, {} duplicated; counted new: {added}",
        (WRITERS * EACH) as f64 / secs,
        (expected - keys).max(0),
        rows - keys
    );
    assert_eq!((rows, keys, added as i64), (expected, expected, expected));
}
