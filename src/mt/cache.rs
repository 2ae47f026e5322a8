//! The translation cache: a SQLite file (bundled SQLite, no system library) that makes a
//! repeated request free. A key is the SHA-256 of everything that decides the answer: the
//! engine (kind, URL, model), the languages, the glossary's checksum and the source text.
//! Only verified translations are stored, and only after the engine's redaction
//! ([`super::secret`]): the engine description and the translations hold no key. A cache that
//! cannot be opened is reported and bypassed: it never stops a translation run.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::text::sha256_hex;

/// An open cache.
pub struct Cache {
    db: Connection,
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
    /// Opens (or creates) the cache at `path`, creating its folder.
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
        Ok(Cache { db })
    }

    /// The cached translation for `key`.
    pub fn get(&self, key: &str) -> Option<String> {
        self.db
            .query_row(
                "SELECT target FROM mt_cache WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()
            .ok()
            .flatten()
    }

    /// Stores a verified translation.
    pub fn put(&self, key: &str, engine: &str, source: &str, target: &str) {
        // A failed write only costs a future request; it is not worth stopping for.
        let _ = self.db.execute(
            "INSERT OR REPLACE INTO mt_cache (key, engine, source, target) VALUES (?1, ?2, ?3, ?4)",
            params![key, engine, source, target],
        );
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
    }
}
