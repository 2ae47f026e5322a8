//! The MT cache on PostgreSQL (issue 18), against a real private cluster made for each test
//! (`tests/common/pg.rs`) and a local LibreTranslate that counts what it is asked
//! (`tests/common/mtserver.rs`): two translators pointing at one server pay once for one
//! translation; translators at once lose and duplicate nothing; a server that is down, or goes
//! away mid-run, is said once (in English or Spanish) and the translation goes on uncached;
//! the password is never printed.

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::mtserver::{fake_translate, libre_languages, libre_translate, MtServer};
use crate::pg::{free_port, Cluster, WRITER_PASSWORD};
use crate::support::{code, command, corpus_opening, fixtures, stderr, wait_until};

/// A LibreTranslate that answers each `/translate` after `delay`.
fn mt(delay: Duration) -> MtServer {
    MtServer::start(move |_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate).after(delay),
    })
}

/// How many translation requests `server` had.
fn requests(server: &MtServer) -> usize {
    server.requests("/translate").len()
}

/// The settings of a project (English into Spanish) whose cache is `cache` (a `[cache]`
/// table's lines, or nothing) and whose engine `lt` is `mt`, four segments a request, one
/// request at a time.
fn settings(cache: &str, mt: &MtServer) -> String {
    format!(
        "[project]\nsource = \"en\"\ntarget = \"es\"\n\n{cache}\n\
         [engine.lt]\nkind = \"libretranslate\"\nurl = \"{}\"\nbatch_texts = 4\n\
         concurrency = 1\n",
        mt.url()
    )
}

/// A project with `settings` and the sample article segmented into `new.po`.
fn project(settings: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("drone-strikes.en.md"),
        dir.path().join("drone-strikes.en.md"),
    )
    .unwrap();
    std::fs::write(dir.path().join("puente.toml"), settings).unwrap();
    let o = run(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "new.po"],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    dir
}

/// `[cache]` on `url`, with `more` lines.
fn on_server(url: &str, more: &str) -> String {
    format!("[cache]\nurl = \"{url}\"\n{more}")
}

/// puente in `dir`, no memory or cache server nor password from the tester's environment.
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    crate::support::puente_without_pg_secrets(dir, args, env)
}

const TRANSLATE: &[&str] = &["translate", "new.po", "--engine", "lt", "--format", "json"];

/// The summaries of a `--format json` translate run, one per work file.
fn summaries(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The summary of a one-file translate run that went through.
fn translated(o: &Output) -> Value {
    assert_eq!(code(o), 0, "{}", stderr(o));
    summaries(o).pop().unwrap()
}

fn never(o: &Output, secret: &str) {
    let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(o));
    assert!(!all.contains(secret), "the password was printed:\n{all}");
}

/// The rows of the cache on `db`, and the distinct sources among them.
fn rows(cluster: &Cluster, db: &str) -> (i64, i64) {
    let row = cluster
        .admin(db)
        .query_one(
            "SELECT COUNT(*), COUNT(DISTINCT source) FROM puente_mt_cache",
            &[],
        )
        .unwrap();
    (row.get(0), row.get(1))
}

/// The warning a run gives when the cache on `place` cannot be used.
fn warning(place: &str) -> String {
    format!("the translation cache on the server {place} cannot be used: going on without it")
}

#[test]
fn a_second_translator_pays_nothing_for_what_the_first_paid_for() {
    let cluster = Cluster::start();
    cluster.create_db("news", "tester");
    let engine = mt(Duration::ZERO);
    let url = cluster.url("news");
    let first = project(&settings(&on_server(&url, ""), &engine));
    let second = project(&settings(&on_server(&url, ""), &engine));

    let s = translated(&run(first.path(), TRANSLATE, &[]));
    let verified = s["verified"].as_u64().unwrap();
    assert!(verified > 40, "{s}");
    assert_eq!(
        (s["cached"].as_u64(), s["left"].as_u64()),
        (Some(0), Some(0))
    );
    let paid = requests(&engine);
    assert!(paid > 0);

    let o = run(second.path(), TRANSLATE, &[]);
    let s = translated(&o);
    assert!(!stderr(&o).contains("cannot be used"), "{}", stderr(&o));
    assert_eq!(
        (s["cached"].as_u64(), s["sent"].as_u64(), s["left"].as_u64()),
        (Some(verified), Some(0), Some(0)),
        "{s}"
    );
    assert_eq!(requests(&engine), paid, "no request for what was paid for");
    // The same translations, the second's noted as from the cache.
    let read = |d: &Path| std::fs::read_to_string(d.join("new.po")).unwrap();
    assert_eq!(
        read(second.path()).replace("; verified; cached", "; verified"),
        read(first.path())
    );
    // The cache is on the server, not in either project.
    for d in [&first, &second] {
        assert!(!d.path().join(".puente/cache.sqlite").exists());
    }
    let (all, distinct) = rows(&cluster, "news");
    assert!(all > 0 && all == distinct, "{all} rows, {distinct} sources");
    let version: i32 = cluster
        .admin("news")
        .query_one("SELECT version FROM puente_cache_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, puente::mt::cache::SCHEMA_VERSION);

    // PUENTE_CACHE_URL overrides [cache] url: a project whose own server is down is
    // answered by the one the variable names.
    let down = format!("postgresql://tester@127.0.0.1:{}/news", free_port());
    let third = project(&settings(&on_server(&down, ""), &engine));
    let o = run(third.path(), TRANSLATE, &[("PUENTE_CACHE_URL", &url)]);
    assert_eq!(translated(&o)["cached"].as_u64(), Some(verified));
    assert!(!stderr(&o).contains("cannot be used"), "{}", stderr(&o));
    assert_eq!(requests(&engine), paid);
    // --no-cache still means no cache.
    let fourth = project(&settings(&on_server(&url, ""), &engine));
    let s = translated(&run(
        fourth.path(),
        &[TRANSLATE, &["--no-cache"]].concat(),
        &[],
    ));
    assert_eq!(
        (s["cached"].as_u64(), s["sent"].as_u64()),
        (Some(0), Some(verified))
    );
}

#[test]
fn translators_at_once_lose_nothing_and_duplicate_nothing() {
    const TRANSLATORS: usize = 6;
    let cluster = Cluster::start();
    cluster.create_db("busy", "tester");
    let url = cluster.url("busy");
    // Slow enough answers that every run is still sending when the last one starts.
    let engine = mt(Duration::from_millis(60));
    let cache = on_server(&url, "");
    // Each translator's story opens with a sentence of its own; the rest is shared.
    let opening = |k: usize| format!("Translator {k} opens this story.");
    let dirs: Vec<_> = (0..TRANSLATORS)
        .map(|k| {
            let dir = corpus_opening(1, |_| opening(k));
            std::fs::write(dir.path().join("puente.toml"), settings(&cache, &engine)).unwrap();
            let o = run(
                dir.path(),
                &["segment", "corpus/a00.md", "-o", "new.po"],
                &[],
            );
            assert_eq!(code(&o), 0, "{}", stderr(&o));
            dir
        })
        .collect();
    let children: Vec<_> = dirs
        .iter()
        .map(|d| {
            let mut c = command(d.path(), TRANSLATE);
            c.env("HOME", d.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    let mut children: Vec<_> = children.into_iter().collect();
    for c in &mut children {
        assert!(
            c.try_wait().unwrap().is_none(),
            "a run ended before the last one started"
        );
    }
    for child in children {
        let o = child.wait_with_output().unwrap();
        let s = translated(&o);
        assert!(!stderr(&o).contains("cannot be used"), "{}", stderr(&o));
        assert_eq!(s["left"].as_u64(), Some(0), "{s}");
    }
    // Nothing stored twice: one row per source (one engine, one direction).
    let (all, distinct) = rows(&cluster, "busy");
    assert_eq!(all, distinct);
    let openings: i64 = cluster
        .admin("busy")
        .query_one(
            "SELECT COUNT(*) FROM puente_mt_cache WHERE source LIKE 'Translator % opens this story.'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(openings, TRANSLATORS as i64);
    // Nothing lost: every translator's story again, in one run elsewhere, asks the engine
    // nothing.
    let paid = requests(&engine);
    let all_of_them = tempfile::tempdir().unwrap();
    std::fs::write(
        all_of_them.path().join("puente.toml"),
        settings(&cache, &engine),
    )
    .unwrap();
    std::fs::create_dir(all_of_them.path().join("work")).unwrap();
    for (k, d) in dirs.iter().enumerate() {
        let o = run(
            d.path(),
            &["segment", "corpus/a00.md", "-o", "again.po"],
            &[],
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        std::fs::rename(
            d.path().join("again.po"),
            all_of_them.path().join(format!("work/t{k}.po")),
        )
        .unwrap();
    }
    let o = run(
        all_of_them.path(),
        &["translate", "work", "--engine", "lt", "--format", "json"],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let files = summaries(&o);
    assert_eq!(files.len(), TRANSLATORS);
    for s in &files {
        assert_eq!(
            (s["sent"].as_u64(), s["left"].as_u64()),
            (Some(0), Some(0)),
            "{s}"
        );
        assert!(s["cached"].as_u64().unwrap() > 40, "{s}");
    }
    assert_eq!(requests(&engine), paid);
    assert_eq!(
        rows(&cluster, "busy"),
        (all, distinct),
        "nothing added twice"
    );
}

#[test]
fn a_cache_server_that_is_down_is_said_once_and_the_translation_goes_on() {
    let engine = mt(Duration::ZERO);
    let port = free_port();
    let url = format!("postgresql://tester@127.0.0.1:{port}/news");
    let dir = project(&settings(&on_server(&url, ""), &engine));
    let o = run(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "es.po"],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(dir.path(), TRANSLATE, &[]);
    // Exit as when every segment is translated: 0.
    let s = translated(&o);
    let e = stderr(&o);
    assert_eq!(
        e.matches(&warning(&format!("127.0.0.1:{port}/news")))
            .count(),
        1,
        "{e}"
    );
    assert!(s["verified"].as_u64().unwrap() > 40, "{s}");
    assert_eq!(
        (s["cached"].as_u64(), s["left"].as_u64()),
        (Some(0), Some(0))
    );
    // Bypassed, not replaced by a file of the project's.
    assert!(!dir.path().join(".puente/cache.sqlite").exists());
    // In Spanish.
    let o = run(
        dir.path(),
        &["translate", "es.po", "--engine", "lt"],
        &[("PUENTE_UI_LANG", "es-MX")],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "no se puede usar la caché de traducciones del servidor 127.0.0.1:{port}/news: \
             se continúa sin ella"
        )),
        "{}",
        stderr(&o)
    );
    // A URL puente cannot read is said the same way, naming where it was written.
    let o = run(
        dir.path(),
        TRANSLATE,
        &[("PUENTE_CACHE_URL", &format!("{url}?sslcert=x"))],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&warning("PUENTE_CACHE_URL")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_cache_server_that_goes_away_mid_run_is_said_once_and_the_run_goes_on() {
    let cluster = Cluster::start();
    cluster.create_db("news", "tester");
    let engine = mt(Duration::from_millis(150));
    let dir = project(&settings(&on_server(&cluster.url("news"), ""), &engine));
    let child = command(dir.path(), TRANSLATE)
        .env("HOME", dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Two batches back (and kept) before the server goes.
    wait_until("two batches sent", Duration::from_secs(60), || {
        requests(&engine) >= 3
    });
    cluster.stop();
    let before = requests(&engine);
    let o = child.wait_with_output().unwrap();
    let s = translated(&o);
    assert!(
        requests(&engine) > before,
        "the run went on after the server went"
    );
    let e = stderr(&o);
    let place = format!("127.0.0.1:{}/news", cluster.port);
    assert_eq!(e.matches(&warning(&place)).count(), 1, "{e}");
    assert_eq!(
        (s["left"].as_u64(), s["cached"].as_u64()),
        (Some(0), Some(0)),
        "{s}"
    );
    // What was kept before the server went stays; the rest was not kept.
    cluster.start_again();
    let (kept, _) = rows(&cluster, "news");
    let verified = s["verified"].as_u64().unwrap() as i64;
    assert!(kept > 0 && kept < verified, "{kept} of {verified} kept");
}

#[test]
fn the_cache_password_is_never_printed() {
    let cluster = Cluster::start();
    cluster.create_db("secret", "writer");
    let engine = mt(Duration::ZERO);
    let url = cluster.url_as("writer", "secret");
    // From the variable [cache] password_env names.
    let dir = project(&settings(
        &on_server(&url, "password_env = \"MT_CACHE_PW\"\n"),
        &engine,
    ));
    let o = run(dir.path(), TRANSLATE, &[("MT_CACHE_PW", WRITER_PASSWORD)]);
    let s = translated(&o);
    assert!(!stderr(&o).contains("cannot be used"), "{}", stderr(&o));
    let verified = s["verified"].as_u64().unwrap();
    never(&o, WRITER_PASSWORD);
    // That variable unset: said, and the translation goes on.
    let again = |d: &Path| {
        std::fs::remove_file(d.join("new.po")).unwrap();
        let o = run(d, &["segment", "drone-strikes.en.md", "-o", "new.po"], &[]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    };
    again(dir.path());
    let o = run(dir.path(), TRANSLATE, &[]);
    assert_eq!(translated(&o)["cached"].as_u64(), Some(0));
    let place = format!("127.0.0.1:{}/secret", cluster.port);
    assert!(stderr(&o).contains(&warning(&place)), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("MT_CACHE_PW that [cache] password_env names is not set"),
        "{}",
        stderr(&o)
    );
    // In PUENTE_CACHE_URL itself: used, never shown.
    let with_password = |port: u16, db: &str| {
        format!("postgresql://writer:{WRITER_PASSWORD}@127.0.0.1:{port}/{db}")
    };
    let plain = project(&settings("", &engine));
    let o = run(
        plain.path(),
        TRANSLATE,
        &[("PUENTE_CACHE_URL", &with_password(cluster.port, "secret"))],
    );
    assert_eq!(translated(&o)["cached"].as_u64(), Some(verified));
    never(&o, WRITER_PASSWORD);
    // From ~/.pgpass, as the memory reads it.
    again(plain.path());
    let pgpass = plain.path().join(".pgpass");
    std::fs::write(
        &pgpass,
        format!("127.0.0.1:*:secret:writer:{WRITER_PASSWORD}\n"),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = run(plain.path(), TRANSLATE, &[("PUENTE_CACHE_URL", &url)]);
    assert_eq!(
        translated(&o)["cached"].as_u64(),
        Some(verified),
        "{}",
        stderr(&o)
    );
    never(&o, WRITER_PASSWORD);
    std::fs::remove_file(&pgpass).unwrap();
    // A missing database, a wrong password, a server that is down: said, never shown.
    for (env_url, said) in [
        (
            with_password(cluster.port, "nowhere"),
            format!("127.0.0.1:{}/nowhere", cluster.port),
        ),
        (
            format!(
                "postgresql://writer:not-{WRITER_PASSWORD}@127.0.0.1:{}/secret",
                cluster.port
            ),
            place.clone(),
        ),
        {
            let port = free_port();
            (
                with_password(port, "secret"),
                format!("127.0.0.1:{port}/secret"),
            )
        },
    ] {
        again(plain.path());
        let o = run(plain.path(), TRANSLATE, &[("PUENTE_CACHE_URL", &env_url)]);
        assert_eq!(translated(&o)["cached"].as_u64(), Some(0));
        assert!(stderr(&o).contains(&warning(&said)), "{}", stderr(&o));
        never(&o, WRITER_PASSWORD);
    }
    // Written in puente.toml, it is refused at its line, before any connection.
    std::fs::write(
        plain.path().join("puente.toml"),
        format!(
            "[cache]\nurl = \"{}\"\n",
            with_password(cluster.port, "secret")
        ),
    )
    .unwrap();
    let o = run(plain.path(), TRANSLATE, &[]);
    assert_eq!(code(&o), 2);
    let e = stderr(&o);
    assert!(e.contains("puente.toml:2"), "{e}");
    assert!(e.contains("[cache] url holds a password"), "{e}");
    assert!(e.contains("[cache] password_env"), "{e}");
    never(&o, WRITER_PASSWORD);
}

#[test]
fn writers_of_overlapping_batches_in_any_order_keep_each_row_once() {
    use puente::mt::cache::{key, Cache, Entry};
    use puente::tm::postgres::Server;
    let cluster = Cluster::start();
    cluster.create_db("rows", "tester");
    let entry = |i: usize| Entry {
        key: key("engine", "en-es", "glossary", &format!("Sentence {i}.")),
        engine: "engine".into(),
        source: format!("Sentence {i}."),
        target: format!("Oración {i}."),
    };
    // Eight writers, each 1,500 rows in batches of 100, most shared with its neighbours, half
    // of them going backwards: 5,000 distinct rows.
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let (server, _) = Server::parse(&cluster.url("rows")).unwrap();
            std::thread::spawn(move || {
                let cache = Cache::connect(&server, None).unwrap();
                let mut rows: Vec<Entry> = (w * 500..w * 500 + 1_500).map(entry).collect();
                if w % 2 == 1 {
                    rows.reverse();
                }
                for batch in rows.chunks(100) {
                    cache.put_many(batch).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(rows(&cluster, "rows"), (5_000, 5_000));
    let (server, _) = Server::parse(&cluster.url("rows")).unwrap();
    let cache = Cache::connect(&server, None).unwrap();
    let keys: Vec<String> = (0..5_000).map(|i| entry(i).key).collect();
    let found = cache
        .get_many(&keys.iter().map(String::as_str).collect::<Vec<_>>())
        .unwrap();
    assert_eq!(found.len(), 5_000);
    assert_eq!(found[&entry(4_321).key], "Oración 4321.");
}
