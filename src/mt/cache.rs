//! The translation cache, which makes a repeated request free: one [`Cache`] over two stores,
//! a SQLite file (bundled SQLite, no system library; `.puente/cache.sqlite`, the default) or a
//! table on a PostgreSQL server a newsroom shares (`[cache] url`), so that one verified
//! machine translation is paid for once per newsroom. A key is the SHA-256 of everything that
//! decides the answer: the engine (kind, URL, model), the languages, the glossary's checksum
//! and the source text. Only verified translations are stored, and only after the engine's
//! redaction ([`super::secret`]): the engine description and the translations hold no key.
//!
//! A cache that cannot be opened is reported and bypassed: it never stops a translation run.
//! The file store keeps its old ways: a lookup or a write that fails is a miss or nothing.
//! The server store says so once ([`CacheError`]), and the cache then answers nothing and
//! keeps nothing for the rest of the run.
//!
//! On the server: the table `puente_mt_cache` (one row per key, its primary key), made and
//! migrated by puente under an advisory lock with its version in `puente_cache_schema`, apart
//! from the memory's tables; rows are added with `INSERT … ON CONFLICT (key) DO NOTHING`,
//! keys sorted so that writers of overlapping batches wait for each other instead of
//! deadlocking, so several translators at once lose no row and duplicate none, and the first
//! verified translation of a request is the one every translator gets. The connection is the
//! memory's ([`crate::tm::postgres::open_client`]): the same timeouts, TLS and errors, which
//! name host, port and database and never the password. Touches only its file or its server;
//! never the terminal or the environment.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use postgres::Client;
use rusqlite::{params, Connection, OptionalExtension};

use crate::text::sha256_hex;
use crate::tm::postgres::{
    client_error, open_client, retryable, Server, ServerError, ServerErrorKind,
};

/// The version of the cache's tables on a server that this puente writes and reads
/// (`puente_cache_schema.version`).
pub const SCHEMA_VERSION: i32 = 1;

/// The advisory lock that serializes changes to the cache's tables: "puente", then `0x20`.
const SCHEMA_LOCK: i64 = 0x7075_656e_7465_0020;

/// How many times a write is tried again after a deadlock or serialization failure.
const RETRIES: u32 = 5;

/// Schema version 1: one row per request's key.
const SCHEMA_V1: &str = "
    CREATE TABLE puente_mt_cache (
        key text PRIMARY KEY,
        engine text NOT NULL,
        source text NOT NULL,
        target text NOT NULL,
        created timestamptz NOT NULL DEFAULT now()
    );";

/// An open cache, whichever store holds it.
pub struct Cache {
    store: Box<dyn Store>,
    /// Set once the store failed: the cache answers nothing and keeps nothing from then on.
    off: AtomicBool,
}

/// One verified translation to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its key ([`key`]).
    pub key: String,
    /// The engine, described (no key in it).
    pub engine: String,
    /// The source text.
    pub source: String,
    /// The verified translation.
    pub target: String,
}

/// Why the cache stopped answering: the server's error (host, port and database, and the
/// driver's words without the password).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(transparent)]
pub struct CacheError(#[from] pub ServerError);

/// What a cache store does; [`Cache`] is the one interface callers use.
trait Store {
    /// The translations kept for those of `keys` the store holds.
    fn get(&self, keys: &[&str]) -> Result<HashMap<String, String>, CacheError>;
    /// Keeps `entries`; one already kept under a key is left as it is on a server.
    fn put(&self, entries: &[Entry]) -> Result<(), CacheError>;
}

/// The key for one request.
pub fn key(engine: &str, pair: &str, glossary: &str, source: &str) -> String {
    let mut all = String::new();
    for part in [engine, pair, glossary, source] {
        all.push_str(part);
        all.push('\u{1f}');
    }
    sha256_hex(all.as_bytes())
}

impl Cache {
    /// Opens (or creates) the cache file at `path`, creating its folder.
    pub fn open(path: &Path) -> Result<Cache, rusqlite::Error> {
        let db = crate::files::open_sqlite(
            path,
            "CREATE TABLE IF NOT EXISTS mt_cache (
                 key TEXT PRIMARY KEY,
                 engine TEXT NOT NULL,
                 source TEXT NOT NULL,
                 target TEXT NOT NULL,
                 created INTEGER NOT NULL DEFAULT (strftime('%s', 'now'))
             );",
        )?;
        Ok(Cache::with(File { db }))
    }

    /// Connects to the cache on a PostgreSQL server, creating or migrating its table there.
    pub fn connect(server: &Server, password: Option<&str>) -> Result<Cache, CacheError> {
        Ok(Cache::with(OnServer::connect(server, password)?))
    }

    fn with(store: impl Store + 'static) -> Cache {
        Cache {
            store: Box::new(store),
            off: AtomicBool::new(false),
        }
    }

    /// The translations kept for those of `keys` the cache holds. The first failure of the
    /// store is returned once; from then on the cache answers nothing.
    pub fn get_many(&self, keys: &[&str]) -> Result<HashMap<String, String>, CacheError> {
        if keys.is_empty() || self.off.load(Ordering::Relaxed) {
            return Ok(HashMap::new());
        }
        self.store.get(keys).inspect_err(|_| self.turn_off())
    }

    /// Keeps verified translations. The first failure of the store is returned once; from
    /// then on the cache keeps nothing.
    pub fn put_many(&self, entries: &[Entry]) -> Result<(), CacheError> {
        if entries.is_empty() || self.off.load(Ordering::Relaxed) {
            return Ok(());
        }
        self.store.put(entries).inspect_err(|_| self.turn_off())
    }

    /// The cached translation for `key` (a failure is a miss).
    pub fn get(&self, key: &str) -> Option<String> {
        self.get_many(&[key]).ok()?.remove(key)
    }

    /// Stores a verified translation (a failure only costs a future request).
    pub fn put(&self, key: &str, engine: &str, source: &str, target: &str) {
        let _ = self.put_many(&[Entry {
            key: key.to_string(),
            engine: engine.to_string(),
            source: source.to_string(),
            target: target.to_string(),
        }]);
    }

    fn turn_off(&self) {
        self.off.store(true, Ordering::Relaxed);
    }
}

/// The cache in a SQLite file.
struct File {
    db: Connection,
}

impl Store for File {
    fn get(&self, keys: &[&str]) -> Result<HashMap<String, String>, CacheError> {
        // A lookup that fails is a miss, as it always was in the file.
        let mut found = HashMap::new();
        let Ok(mut query) = self
            .db
            .prepare_cached("SELECT target FROM mt_cache WHERE key = ?1")
        else {
            return Ok(found);
        };
        for k in keys {
            if let Ok(Some(target)) = query.query_row(params![k], |r| r.get(0)).optional() {
                found.insert(k.to_string(), target);
            }
        }
        Ok(found)
    }

    fn put(&self, entries: &[Entry]) -> Result<(), CacheError> {
        // A failed write only costs a future request; it is not worth stopping for.
        for e in entries {
            let _ = self.db.execute(
                "INSERT OR REPLACE INTO mt_cache (key, engine, source, target)
                 VALUES (?1, ?2, ?3, ?4)",
                params![e.key, e.engine, e.source, e.target],
            );
        }
        Ok(())
    }
}

/// The cache on a PostgreSQL server.
struct OnServer {
    /// The connection; `None` only while it is being closed.
    client: Mutex<Option<Client>>,
    server: Server,
    password: Option<String>,
}

/// Runs `f` on a thread of its own and waits for it. The driver is synchronous: it runs its
/// own small runtime, which must not be started from a thread that is already driving
/// another (translate writes to the cache from inside its engine's runtime).
fn on_own_thread<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| match s.spawn(f).join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

impl OnServer {
    fn connect(server: &Server, password: Option<&str>) -> Result<OnServer, ServerError> {
        let client = on_own_thread(|| open_client(server, password))?;
        let store = OnServer {
            client: Mutex::new(Some(client)),
            server: server.clone(),
            password: password.map(str::to_string),
        };
        let prepared = match store.lock().as_mut() {
            Some(client) => on_own_thread(|| store.prepare_schema(client)),
            None => Ok(()),
        };
        // A store that could not be prepared is closed as any other ([`Drop`]).
        prepared.map(|()| store)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Client>> {
        // Every use is one statement or one transaction, which the server ends whole or not
        // at all: a panic while the connection was held leaves nothing half done.
        self.client
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn error(&self, e: &postgres::Error) -> ServerError {
        client_error(e, &self.server, self.password.as_deref())
    }

    /// Creates or migrates the cache's table, one run at a time (an advisory lock held for
    /// the transaction).
    fn prepare_schema(&self, client: &mut Client) -> Result<(), ServerError> {
        let err = |e: postgres::Error| self.error(&e);
        let mut tx = client.transaction().map_err(err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
            .map_err(err)?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS puente_cache_schema (version integer NOT NULL)",
        )
        .map_err(err)?;
        let version: i32 = tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM puente_cache_schema",
                &[],
            )
            .map_err(err)?
            .get(0);
        if version > SCHEMA_VERSION {
            return Err(ServerError {
                kind: ServerErrorKind::Newer,
                place: self.server.place(),
                detail: format!(
                    "cache schema version {version}, this puente knows {SCHEMA_VERSION}"
                ),
            });
        }
        if version < 1 {
            tx.batch_execute(SCHEMA_V1).map_err(err)?;
            tx.batch_execute(
                "DELETE FROM puente_cache_schema; INSERT INTO puente_cache_schema VALUES (1)",
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    /// Runs `f` with the connection, on a thread of its own ([`on_own_thread`]).
    fn with_client<T: Send>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<T, postgres::Error> + Send,
    ) -> Result<T, ServerError> {
        let mut guard = self.lock();
        let Some(client) = guard.as_mut() else {
            return Err(ServerError {
                kind: ServerErrorKind::Unreachable,
                place: self.server.place(),
                detail: "connection closed".into(),
            });
        };
        on_own_thread(|| f(client)).map_err(|e| self.error(&e))
    }
}

impl Store for OnServer {
    fn get(&self, keys: &[&str]) -> Result<HashMap<String, String>, CacheError> {
        let rows = self.with_client(|c| {
            c.query(
                "SELECT key, target FROM puente_mt_cache WHERE key = ANY($1)",
                &[&keys],
            )
        })?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn put(&self, entries: &[Entry]) -> Result<(), CacheError> {
        // PostgreSQL text cannot hold a NUL (a `\000` in a PO): such a translation is not
        // kept, which only costs a request. Keys in order, each once: two writers of
        // overlapping batches then take the same keys in the same order, and one waits for
        // the other instead of deadlocking.
        let mut rows: Vec<&Entry> = entries
            .iter()
            .filter(|e| {
                ![&e.key, &e.engine, &e.source, &e.target]
                    .iter()
                    .any(|t| t.contains('\0'))
            })
            .collect();
        rows.sort_by(|a, b| a.key.cmp(&b.key));
        rows.dedup_by(|a, b| a.key == b.key);
        if rows.is_empty() {
            return Ok(());
        }
        let column = |f: fn(&Entry) -> &str| -> Vec<&str> { rows.iter().map(|e| f(e)).collect() };
        let (keys, engines) = (column(|e| &e.key), column(|e| &e.engine));
        let (sources, targets) = (column(|e| &e.source), column(|e| &e.target));
        self.with_client(|c| {
            let mut attempt = 0;
            loop {
                let tried = c.execute(
                    "INSERT INTO puente_mt_cache (key, engine, source, target)
                     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                     ON CONFLICT (key) DO NOTHING",
                    &[&keys, &engines, &sources, &targets],
                );
                match tried {
                    Ok(_) => return Ok(()),
                    Err(e) if retryable(&e) && attempt < RETRIES => {
                        attempt += 1;
                        std::thread::sleep(std::time::Duration::from_millis(
                            20 * u64::from(attempt) + fastrand::u64(0..50),
                        ));
                    }
                    Err(e) => return Err(e),
                }
            }
        })?;
        Ok(())
    }
}

impl Drop for OnServer {
    fn drop(&mut self) {
        // Closing a connection runs the driver's runtime too ([`on_own_thread`]).
        let client = self.lock().take();
        if let Some(client) = client {
            on_own_thread(move || drop(client));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_finds_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::open(&dir.path().join(".puente/cache.sqlite")).unwrap();
        let k = key("apertium eng-spa", "en-es", "abc", "Hello.");
        assert_eq!(c.get(&k), None);
        c.put(&k, "apertium eng-spa", "Hello.", "Hola.");
        assert_eq!(c.get(&k).as_deref(), Some("Hola."));
        assert_ne!(k, key("apertium eng-spa", "en-es", "abd", "Hello."));
        // Many at once: the ones kept, and no others.
        let k2 = key("apertium eng-spa", "en-es", "abc", "Bye.");
        c.put_many(&[Entry {
            key: k2.clone(),
            engine: "apertium eng-spa".into(),
            source: "Bye.".into(),
            target: "Adiós.".into(),
        }])
        .unwrap();
        let found = c.get_many(&[&k, &k2, "missing"]).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[&k2], "Adiós.");
    }
}
