//! The embedded backend of the memory: one SQLite file (bundled SQLite). Fuzzy lookups narrow
//! the candidates with SQLite's FTS5 index of the sources (the query's rarest words, ranked by
//! their rarity), then score each candidate exactly by character edit distance, so a memory of
//! a million units answers in milliseconds. Touches only its SQLite file.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use super::{
    index_words, score_candidates, word_plan, Backend, FuzzyMatch, Group, Ranking, Seen, Stats,
    TmError, TmUnit, UnitRef,
};
use crate::lang::Lang;

/// The memory's schema version (`PRAGMA user_version`): 1 added the word index; 2 dropped
/// the index `units_source` (direction and source), which the unique index's first three
/// columns already are: it only made every unit's write a third index longer.
const SCHEMA_VERSION: i64 = 2;

/// A unit from a row whose first columns are `source, target, prev, next, origin`.
fn unit_from_row(
    r: &rusqlite::Row<'_>,
    source_lang: Lang,
    target_lang: Lang,
) -> Result<TmUnit, rusqlite::Error> {
    Ok(TmUnit {
        source_lang,
        target_lang,
        source: r.get(0)?,
        target: r.get(1)?,
        prev: r.get(2)?,
        next: r.get(3)?,
        origin: r.get(4)?,
    })
}

/// Adds one to the count of each distinct word of `source`.
fn count_words(counts: &mut HashMap<String, i64>, source: &str) {
    for w in index_words(source) {
        *counts.entry(w).or_default() += 1;
    }
}

fn store_counts(
    tx: &rusqlite::Transaction<'_>,
    counts: HashMap<String, i64>,
) -> Result<(), rusqlite::Error> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO words (word, df) VALUES (?1, ?2)
         ON CONFLICT (word) DO UPDATE SET df = df + excluded.df",
    )?;
    for (w, n) in counts {
        stmt.execute(params![w, n])?;
    }
    Ok(())
}

/// The page cache a memory keeps between writes, in KiB.
const CACHE_FLOOR_KIB: i64 = 8 * 1024;

/// The page cache for a write of `units` units, in KiB: about 1 KiB a unit, from 8 MiB for a
/// folder merge's batch (so a merge's memory stays flat in the number of stories) to 128 MiB
/// for a whole TMX import, whose one transaction would otherwise spill its pages and read
/// them again (with SQLite's default 2 MB, an import took twice as long).
fn cache_for(units: usize) -> i64 {
    i64::try_from(units)
        .unwrap_or(i64::MAX)
        .clamp(CACHE_FLOOR_KIB, 128 * 1024)
}

/// An open SQLite memory.
pub struct Sqlite {
    db: Connection,
}

impl Sqlite {
    /// Opens (or creates) the memory at `path`, making its folder if needed.
    pub fn open(path: &Path) -> Result<Sqlite, rusqlite::Error> {
        Sqlite::open_in(path, true)
    }

    /// Opens (or creates) the memory at `path`; its folder is made only if `make_folder`.
    pub fn open_in(path: &Path, make_folder: bool) -> Result<Sqlite, rusqlite::Error> {
        let db = crate::files::open_sqlite_with(
            path,
            "CREATE TABLE IF NOT EXISTS units (
                 id INTEGER PRIMARY KEY,
                 source_lang TEXT NOT NULL,
                 target_lang TEXT NOT NULL,
                 source TEXT NOT NULL,
                 target TEXT NOT NULL,
                 prev TEXT NOT NULL DEFAULT '',
                 next TEXT NOT NULL DEFAULT '',
                 origin TEXT NOT NULL DEFAULT '',
                 created INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
                 UNIQUE (source_lang, target_lang, source, target, prev, next)
             );
             CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(
                 source, content='units', content_rowid='id',
                 tokenize='unicode61 remove_diacritics 2');
             CREATE TABLE IF NOT EXISTS words (
                 word TEXT PRIMARY KEY,
                 df INTEGER NOT NULL
             ) WITHOUT ROWID;",
            make_folder,
            std::time::Duration::from_secs(5),
            // A new memory is made of 16 KiB pages: a folder merge's transactions write and
            // read a quarter as many pages as with SQLite's 4 KiB (a fifth of its time).
            Some(16 * 1024),
        )?;
        // A memory is read through the map, and its page cache holds what a write dirties:
        // each write sizes the cache to its batch (`cache_for`), from this floor.
        db.pragma_update(None, "cache_size", -CACHE_FLOOR_KIB)?;
        db.pragma_update(None, "mmap_size", 1_i64 << 30)?;
        // A memory made before the word index existed gets it built once.
        let version: i64 = db.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let mut memory = Sqlite { db };
        if version < 1 {
            memory.rebuild_index()?;
        } else if version < SCHEMA_VERSION {
            memory.drop_source_index()?;
        }
        Ok(memory)
    }

    /// The memory read without the map: for a run that mostly writes, whose reads are the
    /// lookups its inserts make and are best bounded by the page cache.
    pub fn unmapped(self) -> Result<Sqlite, rusqlite::Error> {
        self.db.pragma_update(None, "mmap_size", 0_i64)?;
        Ok(self)
    }

    /// Builds the word index and the word counts from the units.
    fn rebuild_index(&mut self) -> Result<(), rusqlite::Error> {
        let tx = self.write()?;
        // Another run may have built it while this one waited for the lock.
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version >= SCHEMA_VERSION {
            return Ok(());
        }
        tx.execute_batch(
            "INSERT INTO units_fts (units_fts) VALUES ('rebuild'); DELETE FROM words;
             DROP INDEX IF EXISTS units_source;",
        )?;
        let mut counts: HashMap<String, i64> = HashMap::new();
        {
            let mut stmt = tx.prepare("SELECT source FROM units")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                count_words(&mut counts, r.get_ref(0)?.as_str()?);
            }
        }
        store_counts(&tx, counts)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()
    }

    /// Drops the index a memory of version 1 had beside the unique one (see
    /// [`SCHEMA_VERSION`]).
    fn drop_source_index(&mut self) -> Result<(), rusqlite::Error> {
        let tx = self.write()?;
        tx.execute_batch("DROP INDEX IF EXISTS units_source;")?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()
    }

    /// A write transaction, begun IMMEDIATE: it takes the write lock first, waiting for
    /// another run's (the busy timeout). A deferred transaction would read first and then
    /// ask for the lock, and SQLite refuses that upgrade at once, without waiting, when
    /// another run has written since the read: parallel merges lost their units that way.
    fn write(&mut self) -> Result<rusqlite::Transaction<'_>, rusqlite::Error> {
        self.db
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
    }

    /// Adds `units`; returns how many were new.
    pub fn add(&mut self, units: &[TmUnit]) -> Result<usize, TmError> {
        let units: Vec<UnitRef<'_>> = units.iter().map(TmUnit::borrowed).collect();
        Ok(self.add_groups(&[Group::new(&units)])?.iter().sum())
    }
}

impl Backend for Sqlite {
    /// Adds several files' units in one transaction (a folder's merges pay one commit, not
    /// one each); returns how many of each group were new, in order. A unit met in an
    /// earlier group is not new in a later one, as in runs one after the other. Either every
    /// group is stored or none is.
    fn add_groups(&mut self, groups: &[Group<'_>]) -> Result<Vec<usize>, TmError> {
        let units: usize = groups.iter().map(|g| g.units.len()).sum();
        self.db
            .pragma_update(None, "cache_size", -cache_for(units))?;
        let tx = self.write()?;
        let mut added_each = Vec::with_capacity(groups.len());
        // Word counts are summed here and written once per word, not once per unit.
        let mut counts: HashMap<String, i64> = HashMap::new();
        let last: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM units", [], |r| r.get(0))?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO units (source_lang, target_lang, source, target, prev, next, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut seen = Seen::default();
            for group in groups {
                let mut added = 0;
                for (i, u) in group.units.iter().enumerate() {
                    if !seen.first(u, group.key(i)) {
                        continue;
                    }
                    let new = stmt.execute(params![
                        u.source_lang.code(),
                        u.target_lang.code(),
                        u.source,
                        u.target,
                        u.prev,
                        u.next,
                        u.origin
                    ])?;
                    if new > 0 {
                        count_words(&mut counts, u.source);
                    }
                    added += new;
                }
                added_each.push(added);
            }
        }
        // The word index is fed in one statement: FTS5 writes its pending entries at every
        // statement's end, so a statement per unit would write a million tiny segments.
        tx.execute(
            "INSERT INTO units_fts (rowid, source) SELECT id, source FROM units WHERE id > ?1",
            [last],
        )?;
        store_counts(&tx, counts)?;
        tx.commit()?;
        Ok(added_each)
    }

    /// The best exact match for `source`: one in the same context first, else the newest.
    /// The flag says whether the context matched.
    fn exact(
        &self,
        source_lang: Lang,
        target_lang: Lang,
        source: &str,
        prev: &str,
        next: &str,
    ) -> Result<Option<(TmUnit, bool)>, TmError> {
        Ok(self
            .db
            .query_row(
                "SELECT source, target, prev, next, origin, (prev = ?4 AND next = ?5) AS same
                 FROM units WHERE source_lang = ?1 AND target_lang = ?2 AND source = ?3
                 ORDER BY same DESC, created DESC, id DESC LIMIT 1",
                params![source_lang.code(), target_lang.code(), source, prev, next],
                |r| {
                    Ok((
                        unit_from_row(r, source_lang, target_lang)?,
                        r.get::<_, bool>(5)?,
                    ))
                },
            )
            .optional()?)
    }

    /// The units whose source is at least `min` similar to `source` (but not equal to it),
    /// best first, at most `limit`.
    fn fuzzy(
        &self,
        source_lang: Lang,
        target_lang: Lang,
        source: &str,
        min: f64,
        limit: usize,
    ) -> Result<Vec<FuzzyMatch>, TmError> {
        let words = index_words(source);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        // The rarest words find near-identical sentences; common ones ("the", "de") would
        // only make the index walk most of the memory. Each candidate is ranked by the
        // rarity of the words it shares with the query (their inverse document frequency).
        let mut df: Vec<(i64, &str)> = Vec::with_capacity(words.len());
        {
            let mut stmt = self
                .db
                .prepare_cached("SELECT df FROM words WHERE word = ?1")?;
            for w in &words {
                let n: Option<i64> = stmt.query_row([w], |r| r.get(0)).optional()?;
                if let Some(n) = n {
                    df.push((n, w));
                }
            }
        }
        let total: i64 = self
            .db
            .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM units")?
            .query_row([], |r| r.get(0))?;
        let mut ranking = Ranking::default();
        {
            let mut stmt = self
                .db
                .prepare_cached("SELECT rowid FROM units_fts WHERE units_fts MATCH ?1")?;
            for (w, weight) in word_plan(df, total) {
                let phrase = format!("\"{}\"", w.replace('"', "\"\""));
                let mut rows = stmt.query([phrase])?;
                while let Some(r) = rows.next()? {
                    ranking.hold(r.get(0)?, weight);
                }
            }
        }
        let ranked = ranking.best();
        let mut stmt = self.db.prepare_cached(
            "SELECT source, target, prev, next, origin FROM units
             WHERE id = ?1 AND source_lang = ?2 AND target_lang = ?3 AND source <> ?4",
        )?;
        let mut candidates = Vec::with_capacity(ranked.len());
        for id in ranked {
            if let Some(unit) = stmt
                .query_row(
                    params![id, source_lang.code(), target_lang.code(), source],
                    |r| unit_from_row(r, source_lang, target_lang),
                )
                .optional()?
            {
                candidates.push(unit);
            }
        }
        Ok(score_candidates(source, candidates, min, limit))
    }

    /// Units and distinct sources per direction.
    fn stats(&self) -> Result<Vec<Stats>, TmError> {
        let mut stmt = self.db.prepare(
            "SELECT source_lang, target_lang, COUNT(*), COUNT(DISTINCT source)
             FROM units GROUP BY source_lang, target_lang ORDER BY source_lang, target_lang",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Stats {
                source: r.get(0)?,
                target: r.get(1)?,
                units: r.get::<_, i64>(2)? as u64,
                sources: r.get::<_, i64>(3)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A walk of the rowid: every direction, so one index serves every page.
    fn page(&self, after: i64, limit: usize) -> Result<Vec<(i64, Option<TmUnit>)>, TmError> {
        let mut stmt = self.db.prepare_cached(
            "SELECT source, target, prev, next, origin, id, source_lang, target_lang FROM units
             WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit as i64], |r| {
            let langs = (
                r.get::<_, String>(6)?.parse::<Lang>(),
                r.get::<_, String>(7)?.parse::<Lang>(),
            );
            let unit = match langs {
                (Ok(s), Ok(t)) => Some(unit_from_row(r, s, t)?),
                _ => None,
            };
            Ok((r.get(5)?, unit))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memory_from_before_the_word_index_gets_it_built() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        let unit = TmUnit {
            source_lang: Lang::En,
            target_lang: Lang::Es,
            source: "Drone strikes grew under the new policy.".into(),
            target: "Los ataques con drones crecieron con la nueva política.".into(),
            prev: String::new(),
            next: String::new(),
            origin: "old".into(),
        };
        {
            let mut m = Sqlite::open(&path).unwrap();
            m.add(std::slice::from_ref(&unit)).unwrap();
            // Empty the index and forget the version, as in a memory made before it.
            m.db.execute_batch(
                "INSERT INTO units_fts (units_fts) VALUES ('delete-all'); PRAGMA user_version = 0;",
            )
            .unwrap();
        }
        let m = Sqlite::open(&path).unwrap();
        let hits = m
            .fuzzy(
                Lang::En,
                Lang::Es,
                "Drone strikes grew under the old policy.",
                0.75,
                1,
            )
            .unwrap();
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn a_memory_of_version_1_loses_its_redundant_index_and_answers_as_before() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        let unit = |target: &str| TmUnit {
            source_lang: Lang::En,
            target_lang: Lang::Es,
            source: "The vote is on Sunday.".into(),
            target: target.into(),
            prev: String::new(),
            next: String::new(),
            origin: "old".into(),
        };
        {
            let mut m = Sqlite::open(&path).unwrap();
            m.add(&[unit("La votación es el domingo.")]).unwrap();
            // As version 1 made it: the index on direction and source beside the unique one.
            m.db.execute_batch(
                "CREATE INDEX units_source ON units (source_lang, target_lang, source);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let mut m = Sqlite::open(&path).unwrap();
        let version: i64 =
            m.db.pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let indexes: i64 =
            m.db.query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'units_source'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 0);
        // A lookup by source is still answered from an index, the unique one.
        let plan: String =
            m.db.query_row(
                "EXPLAIN QUERY PLAN SELECT target FROM units
                 WHERE source_lang = 'en' AND target_lang = 'es' AND source = 'x'",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(
            plan.contains(
                "INDEX sqlite_autoindex_units_1 (source_lang=? AND target_lang=? AND source=?)"
            ),
            "{plan}"
        );
        assert_eq!(m.add(&[unit("La votación es el domingo.")]).unwrap(), 0);
        assert_eq!(m.add(&[unit("Se vota el domingo.")]).unwrap(), 1);
        let (found, _) = m
            .exact(Lang::En, Lang::Es, "The vote is on Sunday.", "", "")
            .unwrap()
            .unwrap();
        assert_eq!(found.target, "Se vota el domingo.");
    }
}
