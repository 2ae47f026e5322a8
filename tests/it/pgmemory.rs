//! The memory on PostgreSQL (issue 18), against a real private cluster made for each test
//! (`tests/common/pg.rs`): the same behavior as the SQLite memory (one test body run on both
//! backends), the project's `[tm] url` and `PUENTE_TM_URL` used by merge, translate and `tm`,
//! `tm migrate` both ways, writers at once losing and duplicating nothing, a server that is
//! down or goes away, a database where the memory cannot be made, TLS (with a private
//! certificate authority through `sslrootcert` too), a copy a batch at a time, connections
//! handed on from one memory to the next, and the password never printed.

use std::collections::HashSet;
use std::path::Path;
use std::process::Output;

use puente::lang::Lang;
use puente::tm::postgres::Server;
use puente::tm::{units_of, Group, Memory, TmUnit, UnitRef, FUZZY_THRESHOLD};
use puente::workfile::{WorkFile, WorkFormat};
use serde_json::Value;

use crate::pg::{free_port, Cluster, WRITER_PASSWORD};
use crate::support::{code, command, fixtures, stderr};

/// The reviewed units of the sample translation.
fn sample_units() -> Vec<TmUnit> {
    let po = std::fs::read_to_string(fixtures().join("drone-strikes.es.po")).unwrap();
    let wf = WorkFile::read(&po, WorkFormat::Po).unwrap();
    units_of(&wf, Lang::En, Lang::Es, "drone-strikes.es.po")
}

/// A connection to `db` on `cluster` as its trusted superuser.
fn server_memory(cluster: &Cluster, db: &str) -> Memory {
    let (server, _) = Server::parse(&cluster.url(db)).unwrap();
    Memory::connect(&server, None).unwrap()
}

/// What every memory does, whichever backend holds it: reviewed units in once, exact lookups
/// by context, fuzzy lookups scored by the exact similarity, directions kept apart, counts,
/// every unit back in order, a NUL kept.
fn behaves(m: &mut Memory) {
    let po = std::fs::read_to_string(fixtures().join("violations/fuzzy.po")).unwrap();
    let wf = WorkFile::read(&po, WorkFormat::Po).unwrap();
    let units = units_of(&wf, Lang::En, Lang::Es, "fuzzy.po");
    assert_eq!(units.len(), 53, "the fuzzy one stays out");
    assert_eq!(m.add(&units).unwrap(), 53);
    assert_eq!(m.add(&units).unwrap(), 0, "adding again changes nothing");
    // In one call, a unit met in an earlier group is not new in a later one.
    let extra = TmUnit {
        source: "A sentence only this test adds.".into(),
        target: "Una oración que solo esta prueba agrega.".into(),
        ..units[0].clone()
    };
    let extra_one = [extra.borrowed()];
    let first: Vec<UnitRef<'_>> = units[..3].iter().map(TmUnit::borrowed).collect();
    let groups = [
        Group::new(&extra_one),
        Group::new(&extra_one),
        Group::new(&first),
    ];
    assert_eq!(m.add_groups(&groups).unwrap(), vec![1, 0, 0]);
    let u = &units[5];
    let (hit, same) = m
        .exact(Lang::En, Lang::Es, &u.source, &u.prev, &u.next)
        .unwrap()
        .unwrap();
    assert!(same);
    assert_eq!(hit, *u);
    let (_, same) = m
        .exact(Lang::En, Lang::Es, &u.source, "", "")
        .unwrap()
        .unwrap();
    assert!(!same);
    assert!(m
        .exact(Lang::Es, Lang::En, &u.source, "", "")
        .unwrap()
        .is_none());

    let sample = sample_units();
    m.add(&sample).unwrap();
    let original = sample
        .iter()
        .find(|u| u.source.starts_with("These rumors gained traction"))
        .unwrap();
    let edited = original
        .source
        .replacen("American media", "Canadian media", 1);
    let hits = m
        .fuzzy(Lang::En, Lang::Es, &edited, FUZZY_THRESHOLD, 3)
        .unwrap();
    assert_eq!(
        (&hits[0].unit.source, &hits[0].unit.target),
        (&original.source, &original.target)
    );
    let expected = puente::text::similarity(&edited, &original.source, 0.0);
    assert!((hits[0].score - expected).abs() < 1e-12);
    assert!(m
        .fuzzy(Lang::En, Lang::Es, &original.source, FUZZY_THRESHOLD, 3)
        .unwrap()
        .iter()
        .all(|h| h.unit.source != original.source));
    assert!(m
        .fuzzy(Lang::Es, Lang::En, &edited, FUZZY_THRESHOLD, 3)
        .unwrap()
        .is_empty());
    assert!(m
        .fuzzy(
            Lang::En,
            Lang::Es,
            "Bread rises in a warm kitchen.",
            FUZZY_THRESHOLD,
            3
        )
        .unwrap()
        .is_empty());
    assert!(!m
        .fuzzy(Lang::En, Lang::Es, &edited.to_uppercase(), 0.1, 3)
        .unwrap()
        .is_empty());
    assert!(m
        .fuzzy(Lang::En, Lang::Es, "¡¿…?!", 0.1, 3)
        .unwrap()
        .is_empty());

    // The other direction is a memory of its own.
    let back = TmUnit {
        source_lang: Lang::Es,
        target_lang: Lang::En,
        source: "Hola.\0".into(),
        target: "Hello.".into(),
        prev: String::new(),
        next: String::new(),
        origin: "nul.po".into(),
    };
    assert_eq!(m.add(std::slice::from_ref(&back)).unwrap(), 1);
    assert_eq!(m.all(Lang::Es, Lang::En).unwrap(), vec![back.clone()]);
    let stats = m.stats().unwrap();
    let pairs: Vec<(&str, &str, u64)> = stats
        .iter()
        .map(|s| (s.source.as_str(), s.target.as_str(), s.units))
        .collect();
    let distinct: HashSet<_> = units
        .iter()
        .chain(&sample)
        .chain([&extra])
        .map(|u| (&u.source, &u.target, &u.prev, &u.next))
        .collect();
    assert_eq!(
        pairs,
        vec![("en", "es", distinct.len() as u64), ("es", "en", 1)]
    );
    let all = m.all(Lang::En, Lang::Es).unwrap();
    assert_eq!(all.len(), distinct.len());
    assert_eq!(all[..53], units[..], "oldest first");
}

#[test]
fn the_memory_behaves_alike_on_sqlite_and_postgresql() {
    let cluster = Cluster::start();
    cluster.create_db("alike", "tester");
    let dir = tempfile::tempdir().unwrap();
    let mut sqlite = Memory::open(&dir.path().join("tm.sqlite")).unwrap();
    let mut server = server_memory(&cluster, "alike");
    behaves(&mut sqlite);
    behaves(&mut server);
    // Every sentence of the sample with one word changed finds the same matches with the
    // same scores on both.
    let mut compared = 0;
    for u in sample_units() {
        let Some(word) = u.source.split_whitespace().find(|w| w.len() > 4) else {
            continue;
        };
        let query = u.source.replacen(word, "zebra", 1);
        let a = sqlite.fuzzy(Lang::En, Lang::Es, &query, 0.6, 3).unwrap();
        let b = server.fuzzy(Lang::En, Lang::Es, &query, 0.6, 3).unwrap();
        assert_eq!(a, b, "{query}");
        compared += usize::from(!a.is_empty());
    }
    assert!(compared > 40, "{compared} queries found something");
    // Opening again finds the schema made, at its version.
    drop(server);
    let again = server_memory(&cluster, "alike");
    assert_eq!(again.stats().unwrap(), sqlite.stats().unwrap());
    let version: i32 = cluster
        .admin("alike")
        .query_one("SELECT version FROM puente_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, puente::tm::postgres::SCHEMA_VERSION);
}

/// A project whose memory is on `url`, with the sample article and its reviewed translation.
fn project_on(url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(
        dir.path().join("puente.toml"),
        format!("[project]\nsource = \"en\"\ntarget = \"es\"\n\n[tm]\nurl = \"{url}\"\n"),
    )
    .unwrap();
    dir
}

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    crate::support::puente_without_pg_secrets(dir, args, env)
}

fn all_output(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(o))
}

fn stats_json(dir: &Path, env: &[(&str, &str)]) -> Vec<Value> {
    let o = run(dir, &["tm", "stats", "--format", "json"], env);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_project_with_a_server_url_keeps_its_memory_there() {
    let cluster = Cluster::start();
    cluster.create_db("news", "tester");
    let dir = project_on(&cluster.url("news"));
    let o = run(
        dir.path(),
        &["merge", "drone-strikes.es.po", "-o", "out.md"],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("54 new units"), "{}", stderr(&o));
    assert!(
        !dir.path().join(".puente/tm.sqlite").exists(),
        "no SQLite memory beside the server"
    );
    let o = run(dir.path(), &["tm", "add", "drone-strikes.es.po"], &[]);
    assert!(stderr(&o).contains("0 new units"), "{}", stderr(&o));
    let stats = stats_json(dir.path(), &[]);
    assert_eq!(stats[0]["units"], 54, "{stats:?}");
    let o = run(dir.path(), &["tm", "stats"], &[]);
    assert!(
        stderr(&o).contains(&format!("memory: {}", cluster.url("news"))),
        "{}",
        stderr(&o)
    );
    // translate asks the server's memory first.
    let o = run(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "new.po"],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(
        dir.path(),
        &["translate", "new.po", "--format", "json"],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (s["memory"].as_u64(), s["sent"].as_u64()),
        (Some(54), Some(0))
    );
    // TMX out of the server and into another database named by PUENTE_TM_URL, which
    // overrides puente.toml.
    let o = run(dir.path(), &["tm", "export", "-o", "out.tmx"], &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.tmx"))
            .unwrap()
            .matches("<tu>")
            .count(),
        54
    );
    cluster.create_db("other", "tester");
    let other = cluster.url("other");
    let env = [("PUENTE_TM_URL", other.as_str())];
    let o = run(dir.path(), &["tm", "stats"], &env);
    assert!(
        stderr(&o).contains("no translation memory yet"),
        "{}",
        stderr(&o)
    );
    let o = run(dir.path(), &["tm", "import", "out.tmx"], &env);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stats_json(dir.path(), &env)[0]["units"], 54);
}

#[test]
fn tm_migrate_copies_every_unit_to_the_server_and_back() {
    let cluster = Cluster::start();
    cluster.create_db("moved", "tester");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("drone-strikes.es.po"),
        dir.path().join("drone-strikes.es.po"),
    )
    .unwrap();
    let o = run(
        dir.path(),
        &["tm", "add", "drone-strikes.es.po", "--tm", "tm.sqlite"],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let url = cluster.url("moved");
    let o = run(
        dir.path(),
        &["tm", "migrate", "--tm", "tm.sqlite", "--to", &url],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("54 units read, 54 new"),
        "{}",
        stderr(&o)
    );
    // Again: nothing new, nothing doubled.
    let o = run(
        dir.path(),
        &["tm", "migrate", "--tm", "tm.sqlite", "--to", &url],
        &[],
    );
    assert!(
        stderr(&o).contains("54 units read, 0 new"),
        "{}",
        stderr(&o)
    );
    // And back from the server into a new SQLite file: the same units in the same order.
    let o = run(
        dir.path(),
        &["tm", "migrate", "--tm", &url, "--to", "back.sqlite"],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let a = Memory::open(&dir.path().join("tm.sqlite")).unwrap();
    let b = Memory::open(&dir.path().join("back.sqlite")).unwrap();
    assert_eq!(
        a.all(Lang::En, Lang::Es).unwrap(),
        b.all(Lang::En, Lang::Es).unwrap()
    );
    assert_eq!(a.all(Lang::En, Lang::Es).unwrap().len(), 54);
}

#[test]
fn tm_migrate_copies_a_batch_at_a_time_both_directions_in_order() {
    use puente::app::memory::{migrate_in_batches, MigrateRequest};
    use puente::project::Project;
    let cluster = Cluster::start();
    cluster.create_db("paged", "tester");
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("tm.sqlite");
    // 25 units, the two directions interleaved, a NUL in one.
    let units: Vec<TmUnit> = (0..25)
        .map(|i| {
            let (s, t) = if i % 3 == 0 {
                (Lang::Es, Lang::En)
            } else {
                (Lang::En, Lang::Es)
            };
            TmUnit {
                source_lang: s,
                target_lang: t,
                source: format!("Sentence {i} of the paged copy.\0"),
                target: format!("Oración {i} de la copia por páginas."),
                prev: String::new(),
                next: format!("after {i}"),
                origin: format!("story-{i}.po"),
            }
        })
        .collect();
    let mut memory = Memory::open(&from).unwrap();
    for u in &units {
        memory.add(std::slice::from_ref(u)).unwrap();
    }
    drop(memory);
    let url = cluster.url("paged");
    let request = MigrateRequest {
        memory: Some(from.clone()),
        to: url.clone().into(),
    };
    let report = migrate_in_batches(&Project::default(), &request, 4).unwrap();
    assert_eq!((report.read, report.added, report.batches), (25, 25, 7));
    // Again: every batch read, nothing new.
    let report = migrate_in_batches(&Project::default(), &request, 10).unwrap();
    assert_eq!((report.read, report.added, report.batches), (25, 0, 3));
    // And back into a new file, 3 at a time: the same units, each direction oldest first.
    let back = dir.path().join("back.sqlite");
    let request = MigrateRequest {
        memory: Some(url.into()),
        to: back.clone(),
    };
    let report = migrate_in_batches(&Project::default(), &request, 3).unwrap();
    assert_eq!((report.read, report.added, report.batches), (25, 25, 9));
    let (a, b) = (Memory::open(&from).unwrap(), Memory::open(&back).unwrap());
    for (s, t) in [(Lang::En, Lang::Es), (Lang::Es, Lang::En)] {
        let expected: Vec<&TmUnit> = units
            .iter()
            .filter(|u| u.source_lang == s && u.target_lang == t)
            .collect();
        let copied = b.all(s, t).unwrap();
        assert_eq!(copied.iter().collect::<Vec<_>>(), expected);
        assert_eq!(a.all(s, t).unwrap(), copied);
    }
    // A page walks every direction by position: 4 units, then the rest.
    let first = b.page(0, 4).unwrap();
    assert_eq!(first.units, units[..4].to_vec());
    let rest = b.page(first.next.unwrap(), 100).unwrap();
    assert_eq!(rest.units, units[4..].to_vec());
    assert_eq!(b.page(rest.next.unwrap(), 100).unwrap().next, None);
}

#[test]
fn eight_writers_at_once_lose_no_unit_and_duplicate_none() {
    let cluster = Cluster::start();
    cluster.create_db("busy", "tester");
    // Eight processes add the same work file to a memory that is not there yet: the schema is
    // made once, and the 54 units go in once.
    let dir = project_on(&cluster.url("busy"));
    let children: Vec<_> = (0..8)
        .map(|_| {
            let mut c = command(dir.path(), &["tm", "add", "drone-strikes.es.po"]);
            c.env_remove("PUENTE_TM_URL")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    let mut new = 0;
    for child in children {
        let o = child.wait_with_output().unwrap();
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let text = stderr(&o);
        let n: usize = text
            .split("translation memory: ")
            .nth(1)
            .and_then(|t| t.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{text}"));
        new += n;
    }
    assert_eq!(new, 54, "each unit new to exactly one writer");
    assert_eq!(stats_json(dir.path(), &[])[0]["units"], 54);

    // Eight threads, each adding 1,500 units in batches of 100, most units shared with its
    // neighbours: 5,000 distinct units, each counted new once.
    let unit = |i: usize| TmUnit {
        source_lang: Lang::En,
        target_lang: Lang::Es,
        source: format!("Sentence number {i} about the council budget."),
        target: format!("Oración número {i} sobre el presupuesto del concejo."),
        prev: String::new(),
        next: String::new(),
        origin: "writers".into(),
    };
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let (server, _) = Server::parse(&cluster.url("busy")).unwrap();
            std::thread::spawn(move || {
                let mut m = Memory::connect(&server, None).unwrap();
                let units: Vec<TmUnit> = (w * 500..w * 500 + 1_500).map(unit).collect();
                let units: Vec<UnitRef<'_>> = units.iter().map(TmUnit::borrowed).collect();
                let mut added = 0;
                for batch in units.chunks(100) {
                    let groups: Vec<Group<'_>> = batch.chunks(10).map(Group::new).collect();
                    added += m.add_groups(&groups).unwrap().iter().sum::<usize>();
                }
                added
            })
        })
        .collect();
    let added: usize = writers.into_iter().map(|w| w.join().unwrap()).sum();
    assert_eq!(added, 5_000);
    let row = cluster
        .admin("busy")
        .query_one(
            "SELECT COUNT(*), COUNT(DISTINCT (source, target, prev, next))
             FROM puente_units WHERE origin = 'writers'",
            &[],
        )
        .unwrap();
    assert_eq!((row.get::<_, i64>(0), row.get::<_, i64>(1)), (5_000, 5_000));
}

#[test]
fn a_server_that_is_down_is_a_clear_error_naming_the_host_and_writes_nothing() {
    let port = free_port();
    let url = format!("postgresql://tester@127.0.0.1:{port}/news");
    let dir = project_on(&url);
    let o = run(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "new.po"],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = std::fs::read(dir.path().join("new.po")).unwrap();
    let listing = |d: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let mut files = listing(dir.path());
    files.retain(|f| f != ".puente");
    let place = format!("127.0.0.1:{port}/news");
    for args in [
        &["tm", "stats"][..],
        &["translate", "new.po"],
        &["tm", "add", "drone-strikes.es.po"],
    ] {
        let o = run(dir.path(), args, &[]);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        let e = stderr(&o);
        assert!(
            e.contains(&format!(
                "error: the translation memory server {place} does not answer"
            )),
            "{args:?}: {e}"
        );
        assert!(e.contains("hint: check that PostgreSQL runs there"), "{e}");
    }
    assert_eq!(std::fs::read(dir.path().join("new.po")).unwrap(), before);
    // No temporary or lock file left behind: translate's MT cache, opened before the memory,
    // is the only thing made (beside the article's parse, which segment kept).
    let mut after = listing(dir.path());
    after.retain(|f| f != ".puente");
    assert_eq!(after, files, "no file left behind");
    assert_eq!(
        listing(&dir.path().join(".puente")),
        vec![
            std::ffi::OsString::from("cache.sqlite"),
            std::ffi::OsString::from("parses.sqlite")
        ]
    );
    // In Spanish too.
    let o = run(dir.path(), &["tm", "stats"], &[("PUENTE_UI_LANG", "es-MX")]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains(&format!(
            "el servidor de la memoria de traducción {place} no responde"
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_database_where_the_memory_cannot_be_made_is_a_clear_error() {
    let cluster = Cluster::start();
    cluster.create_db("locked", "tester");
    // `writer` may log in but not make tables in this database (PostgreSQL 15's default).
    let dir = project_on(&cluster.url_as("writer", "locked"));
    let o = run(
        dir.path(),
        &["tm", "add", "drone-strikes.es.po"],
        &[("PGPASSWORD", WRITER_PASSWORD)],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.starts_with(&format!(
            "error: the translation memory server 127.0.0.1:{}/locked failed\n\
             Caused by: ERROR: permission denied for schema public",
            cluster.port
        )),
        "{e}"
    );
}

#[test]
fn the_password_is_never_printed() {
    let cluster = Cluster::start();
    cluster.create_db("secret", "writer");
    let url = cluster.url_as("writer", "secret");
    let dir = project_on(&url);
    let add = ["tm", "add", "drone-strikes.es.po"];
    let never = |o: &Output, password: &str| {
        let all = all_output(o);
        assert!(!all.contains(password), "the password was printed: {all}");
    };
    // No password anywhere: the server asks for one.
    let o = run(dir.path(), &add, &[]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("asks for a password"), "{}", stderr(&o));
    // A wrong one: refused, and not repeated.
    let o = run(dir.path(), &add, &[("PGPASSWORD", "Wrong-pass-42")]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("refused the user or the password"),
        "{}",
        stderr(&o)
    );
    never(&o, "Wrong-pass-42");
    // The right one, from PGPASSWORD.
    let o = run(dir.path(), &add, &[("PGPASSWORD", WRITER_PASSWORD)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    never(&o, WRITER_PASSWORD);
    // From a password file only its owner may read.
    let pgpass = dir.path().join("pgpass");
    std::fs::write(
        &pgpass,
        format!(
            "127.0.0.1:{}:secret:writer:{WRITER_PASSWORD}\n",
            cluster.port
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = run(
        dir.path(),
        &["tm", "stats"],
        &[("PGPASSFILE", pgpass.to_str().unwrap())],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    never(&o, WRITER_PASSWORD);
    // From the variable password_env names; unset, the variable is named.
    std::fs::write(
        dir.path().join("puente.toml"),
        format!("[tm]\nurl = \"{url}\"\npassword_env = \"NEWSROOM_TM_PASSWORD\"\n"),
    )
    .unwrap();
    let o = run(
        dir.path(),
        &["tm", "stats"],
        &[("NEWSROOM_TM_PASSWORD", WRITER_PASSWORD)],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    never(&o, WRITER_PASSWORD);
    let o = run(dir.path(), &["tm", "stats"], &[]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("NEWSROOM_TM_PASSWORD"),
        "{}",
        stderr(&o)
    );
    // In PUENTE_TM_URL itself: used, never shown, also when the database is missing or the
    // server is down.
    let with_password = |port: u16, db: &str| {
        format!("postgresql://writer:{WRITER_PASSWORD}@127.0.0.1:{port}/{db}")
    };
    let ok = with_password(cluster.port, "secret");
    let o = run(dir.path(), &["tm", "stats"], &[("PUENTE_TM_URL", &ok)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    never(&o, WRITER_PASSWORD);
    let missing = with_password(cluster.port, "nowhere");
    let o = run(dir.path(), &add, &[("PUENTE_TM_URL", &missing)]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("has no such database"),
        "{}",
        stderr(&o)
    );
    never(&o, WRITER_PASSWORD);
    let down = with_password(free_port(), "secret");
    let o = run(dir.path(), &add, &[("PUENTE_TM_URL", &down)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("does not answer"), "{}", stderr(&o));
    never(&o, WRITER_PASSWORD);
    // A server named with --tm outside any project: PGPASSWORD answers for it.
    let elsewhere = tempfile::tempdir().unwrap();
    let o = run(
        elsewhere.path(),
        &["tm", "stats", "--tm", &url],
        &[("PGPASSWORD", WRITER_PASSWORD)],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("54"),
        "{}",
        all_output(&o)
    );
    never(&o, WRITER_PASSWORD);
    // Given with --tm, it is refused without being repeated.
    let o = run(dir.path(), &["tm", "stats", "--tm", &ok], &[]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("holds a password"), "{}", stderr(&o));
    never(&o, WRITER_PASSWORD);
    // Written in puente.toml, it is refused at the line, before any connection.
    std::fs::write(
        dir.path().join("puente.toml"),
        format!("[tm]\nurl = \"{ok}\"\n"),
    )
    .unwrap();
    let o = run(dir.path(), &["tm", "stats"], &[]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("[tm] url holds a password, which is never kept in puente.toml"),
        "{}",
        stderr(&o)
    );
    never(&o, WRITER_PASSWORD);
}

/// The server processes of puente's connections to `db`, in order.
fn puente_backends(cluster: &Cluster, db: &str) -> Vec<i32> {
    cluster
        .admin("postgres")
        .query(
            "SELECT pid FROM pg_stat_activity WHERE application_name = 'puente' AND datname = $1
             ORDER BY pid",
            &[&db],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn memories_opened_one_after_another_share_a_login_and_at_once_have_their_own() {
    use puente::tm::postgres::KEEP;
    use std::sync::{Arc, Barrier};
    let cluster = Cluster::start();
    cluster.create_db("kept", "tester");
    let units = sample_units();
    let mut m = server_memory(&cluster, "kept");
    m.add(&units).unwrap();
    let first = puente_backends(&cluster, "kept");
    assert_eq!(first.len(), 1);
    drop(m);
    // The next memory opened (to read, as translate opens it for each work file) is served
    // by the same server process: no new login.
    let (server, _) = Server::parse(&cluster.url("kept")).unwrap();
    let m = Memory::connect_existing(&server, None).unwrap().unwrap();
    assert_eq!(puente_backends(&cluster, "kept"), first);
    assert!(m
        .exact(Lang::En, Lang::Es, &units[3].source, "", "")
        .unwrap()
        .is_some());
    drop(m);
    // Memories open at once each have a connection of their own: lookups in several workers
    // never wait for one connection.
    let workers = KEEP + 2;
    let open = Arc::new(Barrier::new(workers + 1));
    let done = Arc::new(Barrier::new(workers + 1));
    let threads: Vec<_> = (0..workers)
        .map(|w| {
            let (server, open, done) = (server.clone(), open.clone(), done.clone());
            let long: Vec<&TmUnit> = units.iter().filter(|u| u.source.len() > 80).collect();
            let query = format!("{} Hoy.", long[w].source);
            std::thread::spawn(move || {
                let m = Memory::connect_existing(&server, None).unwrap().unwrap();
                open.wait();
                let hits = m.fuzzy(Lang::En, Lang::Es, &query, 0.5, 1).unwrap();
                done.wait();
                hits.len()
            })
        })
        .collect();
    open.wait();
    let during = puente_backends(&cluster, "kept");
    assert_eq!(during.len(), workers, "{during:?}");
    assert!(during.contains(&first[0]), "the kept one is among them");
    done.wait();
    for t in threads {
        assert_eq!(t.join().unwrap(), 1);
    }
    // Once they are dropped, only KEEP stay open for the rest of the run.
    let mut left = puente_backends(&cluster, "kept");
    for _ in 0..100 {
        if left.len() == KEEP {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        left = puente_backends(&cluster, "kept");
    }
    assert_eq!(left.len(), KEEP, "{left:?}");
    // A kept connection the server ended is not handed on: the next memory logs in anew.
    cluster
        .admin("postgres")
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = 'puente' AND datname = 'kept'",
        )
        .unwrap();
    let m = Memory::connect_existing(&server, None).unwrap().unwrap();
    assert_eq!(m.stats().unwrap()[0].units, units.len() as u64);
    let now = puente_backends(&cluster, "kept");
    assert!(now.iter().all(|p| !left.contains(p)), "{now:?} {left:?}");
}

#[test]
fn a_server_that_goes_away_mid_run_is_an_error_naming_it() {
    let cluster = Cluster::start();
    cluster.create_db("gone", "tester");
    let mut m = server_memory(&cluster, "gone");
    let units = sample_units();
    assert_eq!(m.add(&units[..10]).unwrap(), 10);
    let place = format!("127.0.0.1:{}/gone", cluster.port);
    drop(cluster);
    for result in [
        m.add(&units[10..]).map(|_| ()),
        m.exact(Lang::En, Lang::Es, &units[0].source, "", "")
            .map(|_| ()),
    ] {
        match result {
            Err(puente::tm::TmError::Server(e)) => {
                assert_eq!(
                    e.kind,
                    puente::tm::postgres::ServerErrorKind::Unreachable,
                    "{e}"
                );
                assert_eq!(e.place, place);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn tls_is_used_when_the_url_asks_for_it() {
    let cluster = Cluster::start_with_tls();
    cluster.create_db("tls", "tester");
    // Whether puente's newest connection to the cluster is encrypted (a dropped memory's
    // connection is kept for the next one opened on the same URL).
    let encrypted = || -> bool {
        cluster
            .admin("postgres")
            .query_one(
                "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid
                 WHERE a.application_name = 'puente' ORDER BY a.backend_start DESC LIMIT 1",
                &[],
            )
            .unwrap()
            .get(0)
    };
    let (server, _) = Server::parse(&format!("{}?sslmode=require", cluster.url("tls"))).unwrap();
    let mut m = Memory::connect(&server, None).unwrap();
    assert_eq!(m.add(&sample_units()).unwrap(), 54);
    assert!(encrypted(), "sslmode=require encrypts");
    drop(m);
    let m = server_memory(&cluster, "tls");
    assert!(!encrypted(), "no sslmode, no TLS");
    assert_eq!(m.stats().unwrap()[0].units, 54);
    drop(m);
    // verify-full checks the certificate: a self-signed one is refused, clearly.
    let dir = project_on(&format!("{}?sslmode=verify-full", cluster.url("tls")));
    let o = run(dir.path(), &["tm", "stats"], &[]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains(&format!(
            "the TLS connection to the translation memory server 127.0.0.1:{}/tls failed",
            cluster.port
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_private_certificate_authority_is_trusted_through_sslrootcert() {
    use puente::tm::postgres::ServerErrorKind;
    use puente::tm::TmError;
    let cluster = Cluster::start_with_private_ca();
    cluster.create_db("ca", "tester");
    let ca = cluster.ca_file();
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other-ca.crt");
    crate::pg::certificate_authority(&other);
    let connect = |query: String| {
        let (server, _) = Server::parse(&format!("{}?{query}", cluster.url("ca"))).unwrap();
        Memory::connect(&server, None)
    };
    let tls_refused = |r: Result<Memory, TmError>, what: &str| match r {
        Err(TmError::Server(e)) => assert_eq!(e.kind, ServerErrorKind::Tls, "{what}: {e}"),
        Err(e) => panic!("{what}: {e}"),
        Ok(_) => panic!("{what}: connected"),
    };
    // The server's certificate is signed by the private authority, for `localhost`, and the
    // tests connect to 127.0.0.1: verify-ca takes it, verify-full does not.
    let mut m = connect(format!("sslmode=verify-ca&sslrootcert={}", ca.display())).unwrap();
    assert_eq!(m.add(&sample_units()).unwrap(), 54);
    let ssl: bool = cluster
        .admin("postgres")
        .query_one(
            "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid
             WHERE a.application_name = 'puente'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(ssl, "verify-ca encrypts");
    drop(m);
    tls_refused(
        connect(format!("sslmode=verify-full&sslrootcert={}", ca.display())),
        "verify-full, a certificate for another host name",
    );
    // Without sslrootcert only the web's authorities are trusted.
    tls_refused(
        connect("sslmode=verify-ca".into()),
        "verify-ca, no sslrootcert",
    );
    // Another authority's file: refused, with require too (which then checks as verify-ca).
    tls_refused(
        connect(format!("sslmode=verify-ca&sslrootcert={}", other.display())),
        "verify-ca, another authority",
    );
    tls_refused(
        connect(format!("sslmode=require&sslrootcert={}", other.display())),
        "require, another authority",
    );
    let m = connect(format!("sslmode=require&sslrootcert={}", ca.display())).unwrap();
    assert_eq!(m.stats().unwrap()[0].units, 54);
    drop(m);

    // A file that is missing, a folder, or holds no certificate: a clear error naming it, the
    // password never shown.
    std::fs::write(dir.path().join("empty.pem"), "not a certificate\n").unwrap();
    for (file, why) in [
        ("missing.pem", "No such file"),
        ("a-folder", "directory"),
        ("empty.pem", "no PEM certificate in it"),
    ] {
        std::fs::create_dir_all(dir.path().join("a-folder")).unwrap();
        let path = dir.path().join(file);
        let url = format!(
            "{}?sslmode=verify-full&sslrootcert={}",
            cluster.url_as("writer", "ca"),
            path.display()
        );
        let project = project_on(&url);
        let o = run(
            project.path(),
            &["tm", "stats"],
            &[("PGPASSWORD", WRITER_PASSWORD)],
        );
        let err = all_output(&o);
        assert_eq!(code(&o), 2, "{err}");
        assert!(
            err.contains(&format!(
                "cannot read the certificate authority file that sslrootcert names for the \
                 translation memory server 127.0.0.1:{}/ca",
                cluster.port
            )),
            "{err}"
        );
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains(why), "{err}");
        assert!(err.contains("hint: make sslrootcert in the URL name a readable PEM file"));
        assert!(!err.contains(WRITER_PASSWORD), "{err}");
    }
}

#[test]
fn memory_server_errors_are_in_spanish() {
    let port = free_port();
    let url = format!("postgresql://tester@127.0.0.1:{port}/news");
    let dir = project_on(&url);
    let es = [("PUENTE_UI_LANG", "es-MX")];
    // Each case: its settings, and the Spanish words its error starts with.
    type Case<'a> = (&'a str, Vec<(&'a str, String)>, &'a str);
    let cases: [Case; 4] = [
        (
            "down",
            vec![],
            "error: el servidor de la memoria de traducción",
        ),
        (
            "unknown parameter",
            vec![("PUENTE_TM_URL", format!("{url}?sslcert=x"))],
            "error: la URL de la memoria de traducción en PUENTE_TM_URL no se puede usar: \
             puente no usa el parámetro sslcert",
        ),
        (
            "password in the URL given with --tm",
            vec![],
            "error: la URL de la memoria de traducción en --tm contiene una contraseña",
        ),
        (
            "unset password variable",
            vec![],
            "error: la variable TM_PW que nombra [tm] password_env no está definida",
        ),
    ];
    for (case, env, expected) in cases {
        let mut env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        env.extend(es);
        let args: &[&str] = match case {
            "password in the URL given with --tm" => &[
                "tm",
                "stats",
                "--tm",
                "postgresql://tester:pw@127.0.0.1/news",
            ],
            _ => &["tm", "stats"],
        };
        if case == "unset password variable" {
            std::fs::write(
                dir.path().join("puente.toml"),
                format!("[tm]\nurl = \"{url}\"\npassword_env = \"TM_PW\"\n"),
            )
            .unwrap();
        }
        let o = run(dir.path(), args, &env);
        assert_eq!(code(&o), 2, "{case}");
        let e = stderr(&o);
        assert!(e.starts_with(expected), "{case}: {e}");
        // Only the driver's own words (on the «Causa:» line) may be English.
        for line in e.lines().filter(|l| !l.starts_with("Causa:")) {
            for english in [" the ", " does ", " cannot ", " server ", " not "] {
                assert!(!line.contains(english), "{case}: {line}");
            }
        }
    }
    std::fs::write(
        dir.path().join("puente.toml"),
        "[tm]\nurl = \"postgresql://tester:pw@127.0.0.1/news\"\n",
    )
    .unwrap();
    let o = run(dir.path(), &["tm", "stats"], &es);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("[tm] url contiene una contraseña, que nunca se guarda en puente.toml"),
        "{}",
        stderr(&o)
    );
}
