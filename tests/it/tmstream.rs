//! Issue 17, newsroom scale: `tm export` and `tm import` stream (a page of the memory, a
//! batch of the TMX at a time), on SQLite and on PostgreSQL, with the same bytes out as before
//! they streamed; and the publish index lock waits a bounded time, then says who holds it.

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use crate::pg::Cluster;
use crate::support::{code, fixtures, puente_without_pg_secrets, stderr, wait_until};

fn run(dir: &Path, args: &[&str]) -> Output {
    puente_without_pg_secrets(dir, args, &[])
}

/// The golden export, made by puente before export streamed, with this build's version.
fn golden(name: &str) -> String {
    std::fs::read_to_string(fixtures().join("tmstream").join(name))
        .unwrap()
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
}

/// Fills the memory `tm` as the golden exports' memory was filled, from `dir`: the sample
/// translation with one target holding ESC (left out of the export), a CAT tool's TMX the
/// other way (es → en), a second work file (one unit new), the TMX again the first way. The
/// directions' units are interleaved in the memory.
fn fill(dir: &Path, tm: &str) {
    let po = std::fs::read_to_string(fixtures().join("drone-strikes.es.po")).unwrap();
    let esc = po.replace(
        "msgstr \"La amenaza de las medidas unilaterales\"",
        "msgstr \"La amenaza\\033[2J de las medidas unilaterales\"",
    );
    assert_ne!(po, esc);
    std::fs::write(dir.join("a.po"), esc).unwrap();
    std::fs::copy(fixtures().join("violations/fuzzy.po"), dir.join("b.po")).unwrap();
    std::fs::copy(fixtures().join("foreign/cat-tool.tmx"), dir.join("c.tmx")).unwrap();
    for args in [
        &["tm", "add", "a.po", "--tm", tm][..],
        &[
            "tm", "import", "c.tmx", "--from", "es", "--to", "en", "--tm", tm,
        ],
        &[
            "tm", "add", "b.po", "--from", "en", "--to", "es", "--tm", tm,
        ],
        &["tm", "import", "c.tmx", "--tm", tm],
    ] {
        let o = run(dir, args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
    }
}

/// Exports both directions of `tm` (one to a file, one to standard output) and compares them
/// with the golden exports, byte for byte.
fn exports_as_before(dir: &Path, tm: &str) {
    let o = run(dir, &["tm", "export", "-o", "en-es.tmx", "--tm", tm]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 unit was left out of the export"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("wrote 56 units (en → es)"),
        "{}",
        stderr(&o)
    );
    let file = std::fs::read_to_string(dir.join("en-es.tmx")).unwrap();
    assert!(file == golden("en-es.tmx"), "en → es differs:\n{file}");
    let o = run(
        dir,
        &["tm", "export", "--from", "es", "--to", "en", "--tm", tm],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out == golden("es-en.tmx"), "es → en differs:\n{out}");
}

/// The export of a memory is byte for byte what puente wrote before it streamed (the golden
/// files were made with that build from the same steps), to a file and to standard output.
#[test]
fn export_is_the_same_bytes_as_before_it_streamed() {
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path(), "m.sqlite");
    exports_as_before(dir.path(), "m.sqlite");
}

/// The same memory on PostgreSQL exports the same bytes, and a TMX of it imported into a
/// second database comes out the same again.
#[test]
fn export_from_the_server_is_the_same_bytes() {
    let cluster = Cluster::start();
    cluster.create_db("news", "tester");
    cluster.create_db("copy", "tester");
    let dir = tempfile::tempdir().unwrap();
    let url = cluster.url("news");
    fill(dir.path(), &url);
    exports_as_before(dir.path(), &url);
    let copy = cluster.url("copy");
    let o = run(dir.path(), &["tm", "import", "en-es.tmx", "--tm", &copy]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(
        dir.path(),
        &["tm", "export", "-o", "again.tmx", "--tm", &copy],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let again = std::fs::read_to_string(dir.path().join("again.tmx")).unwrap();
    // Units without an origin of their own in the TMX keep theirs through x-origin.
    assert!(again == golden("en-es.tmx"), "{again}");
}

/// The units en → es in the memory `tm`, as `tm stats` (another process) counts them.
fn units_in(dir: &Path, tm: &str) -> u64 {
    let o = run(dir, &["tm", "stats", "--format", "json", "--tm", tm]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["source"] == "en" && v["target"] == "es")
        .map(|v| v["units"].as_u64().unwrap())
        .sum()
}

fn tu(k: usize) -> String {
    format!(
        "<tu><tuv xml:lang=\"en\"><seg>Sentence number {k}.</seg></tuv><tuv xml:lang=\"es\"><seg>Oración número {k}.</seg></tuv></tu>\n"
    )
}

/// `tm import` adds a TMX a batch at a time as it reads it: with the TMX coming through a
/// FIFO, the first batch (10,000 units) is in the memory, and seen there by another process,
/// while the import still waits for the rest of the file. Holding the whole file, or all
/// its units, before adding any, it never would be.
#[test]
fn import_learns_a_fifo_a_batch_at_a_time() {
    const BATCH: usize = puente::app::memory::UNIT_BATCH;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.tmx");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let mut child =
        crate::support::command(dir.path(), &["tm", "import", "in.tmx", "--tm", "m.sqlite"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
    // Opening blocks until the import opens the FIFO to read it.
    let mut w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    w.write_all(b"<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body>\n")
        .unwrap();
    for k in 0..BATCH {
        w.write_all(tu(k).as_bytes()).unwrap();
    }
    w.flush().unwrap();
    wait_until(
        "the first batch is in the memory",
        std::time::Duration::from_secs(120),
        || dir.path().join("m.sqlite").exists() && units_in(dir.path(), "m.sqlite") > 0,
    );
    assert_eq!(units_in(dir.path(), "m.sqlite"), BATCH as u64);
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import still waits for the FIFO"
    );
    for k in BATCH..BATCH + 5 {
        w.write_all(tu(k).as_bytes()).unwrap();
    }
    w.write_all(b"</body></tmx>\n").unwrap();
    drop(w);
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(units_in(dir.path(), "m.sqlite"), BATCH as u64 + 5);
}

/// Runs `publish` of one story into `site` while this test holds the folder's index lock,
/// with `PUENTE_LOCK_TIMEOUT=1`, in `ui` (`en-US` or `es-MX`): the run waits for the lock,
/// then gives up with exit 2. Returns its stderr. A run that never gives up fails the test
/// (after two minutes) instead of hanging it.
fn publish_while_locked(ui: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    crate::publishmany::story(dir.path(), "a", "2026-10-01", "drone-strikes.es.po");
    std::fs::create_dir(dir.path().join("site")).unwrap();
    let lock = std::fs::File::create(dir.path().join("site/.puente.index.lock")).unwrap();
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive).unwrap();
    let g = crate::publish::glossary();
    let args = [
        "--ui-lang",
        ui,
        "publish",
        "work/a.es.po",
        "--out",
        "site",
        "--glossary",
        &g,
    ];
    let started = std::time::Instant::now();
    let mut child = crate::support::command(dir.path(), &args)
        .env("PUENTE_LOCK_TIMEOUT", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut status = None;
    let gave_up = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_until(
            "publish gives up on the lock",
            std::time::Duration::from_secs(120),
            || {
                status = child.try_wait().unwrap();
                status.is_some()
            },
        )
    }));
    if gave_up.is_err() {
        child.kill().unwrap();
        panic!("publish still waits for the lock after two minutes");
    }
    // It waited the whole limit for the lock, which was held all along.
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(!dir.path().join("site/en/index.html").exists());
    drop(lock);
    stderr(&o)
}

/// The publish index lock is waited for a bounded time, then named with who holds it and
/// what to do, in English and in Spanish.
#[test]
fn publish_gives_up_on_a_held_index_lock_and_says_why() {
    let err = publish_while_locked("en-US");
    assert!(
        err.contains(
            "site/.puente.index.lock is locked: another puente publish is using that folder \
             (waited 1 second)"
        ),
        "{err}"
    );
    assert!(
        err.contains("PUENTE_LOCK_TIMEOUT sets how many seconds to wait (now 1)"),
        "{err}"
    );
    let err = publish_while_locked("es-MX");
    assert!(
        err.contains(
            "site/.puente.index.lock está bloqueado: otra ejecución de puente publish está \
             usando esa carpeta (se esperó 1 segundo)"
        ),
        "{err}"
    );
    assert!(
        err.contains("PUENTE_LOCK_TIMEOUT fija cuántos segundos esperar"),
        "{err}"
    );
}

/// A wait that is not a number of seconds is refused before anything runs.
#[test]
fn a_lock_wait_that_is_not_seconds_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = crate::support::command(dir.path(), &["tm", "stats"])
        .env("PUENTE_LOCK_TIMEOUT", "soon")
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("PUENTE_LOCK_TIMEOUT = \"soon\" is not a number of seconds"),
        "{}",
        stderr(&o)
    );
}
