//! Several puente processes on one project at once (a desk, `xargs -P`, CI jobs) share the
//! translation memory: none loses a unit, and none exits 0 with its units unwritten.

use std::path::Path;

use crate::support::{code, puente, stderr, translate_all};

/// A short article of its own: every sentence names the story, so no two stories share a unit.
fn article(i: usize) -> String {
    format!(
        "---\nlang: en\ntitle: \"Story {i} opens\"\n---\n\nThe council of town {i} met on Monday. \
         It voted on budget line {i}.\n\nResidents of town {i} waited outside. Nobody from \
         town {i} spoke.\n"
    )
}

/// Units in the project's memory, as `tm stats --format json` counts them.
fn units(dir: &Path) -> u64 {
    let o = puente(dir, &["tm", "stats", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["units"].as_u64())
        .sum()
}

/// A project with `n` reviewed work files.
fn project(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("puente.toml"),
        "[project]\nsource = \"en\"\ntarget = \"es\"\n",
    )
    .unwrap();
    for i in 0..n {
        let name = format!("s{i}.en.md");
        std::fs::write(p.join(&name), article(i)).unwrap();
        let o = puente(p, &["segment", &name]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        translate_all(&p.join(format!("work/s{i}.es.po")));
    }
    dir
}

#[test]
fn merges_run_in_parallel_lose_no_unit_of_the_memory() {
    const STORIES: usize = 40;
    const AT_ONCE: usize = 8;
    // The same stories merged one after the other say how many units there are.
    let serial = project(STORIES);
    for i in 0..STORIES {
        let o = puente(serial.path(), &["merge", &format!("work/s{i}.es.po")]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    let expected = units(serial.path());
    assert_eq!(
        expected,
        STORIES as u64 * 5,
        "each story has 5 units of its own"
    );

    // Eight at a time, each a process of its own, all writing the one memory.
    let parallel = project(STORIES);
    let dir = parallel.path().to_path_buf();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..AT_ONCE {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if i >= STORIES {
                    break;
                }
                let o = puente(&dir, &["merge", "-q", &format!("work/s{i}.es.po")]);
                if code(&o) != 0 {
                    failures
                        .lock()
                        .unwrap()
                        .push(format!("s{i}: {}", stderr(&o)));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "merges failed:\n{}",
        failures.join("\n")
    );
    assert_eq!(
        units(&dir),
        expected,
        "every reviewed unit is in the memory"
    );
}
