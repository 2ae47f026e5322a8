//! The translation memory: reviewed translations in a SQLite file (bundled SQLite), both
//! directions in one memory, each unit with the source segments around it (its context) and
//! where it came from. TMX 1.4b goes in and out through [`tmx`].
//!
//! Only reviewed translations (not fuzzy, not machine output) enter. Adding the same unit
//! twice changes nothing. Lookups by exact source and context are here; fuzzy matching builds
//! on this table.

pub mod tmx;

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::lang::Lang;
use crate::workfile::{State, WorkFile};

/// One translation unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TmUnit {
    /// The source language.
    pub source_lang: Lang,
    /// The target language.
    pub target_lang: Lang,
    /// The source text (placeholders as `{n}`).
    pub source: String,
    /// The reviewed translation.
    pub target: String,
    /// The previous source segment in its file, if any.
    pub prev: String,
    /// The next source segment in its file, if any.
    pub next: String,
    /// Where it came from (a work file, a TMX file).
    pub origin: String,
}

/// Counts per direction.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Source language.
    pub source: String,
    /// Target language.
    pub target: String,
    /// Units.
    pub units: u64,
    /// Distinct source texts.
    pub sources: u64,
}

/// An open memory.
pub struct Memory {
    db: Connection,
}

/// The reviewed units of a work file, with their context, in file order.
pub fn units_of(wf: &WorkFile, source: Lang, target: Lang, origin: &str) -> Vec<TmUnit> {
    let mut out = Vec::new();
    for (i, u) in wf.units.iter().enumerate() {
        if u.state != State::Translated || u.target.trim().is_empty() {
            continue;
        }
        let around = |j: Option<usize>| {
            j.and_then(|j| wf.units.get(j))
                .map(|u| u.source.clone())
                .unwrap_or_default()
        };
        out.push(TmUnit {
            source_lang: source,
            target_lang: target,
            source: u.source.clone(),
            target: u.target.clone(),
            prev: around(i.checked_sub(1)),
            next: around(Some(i + 1)),
            origin: origin.to_string(),
        });
    }
    out
}

impl Memory {
    /// Opens (or creates) the memory at `path`.
    pub fn open(path: &Path) -> Result<Memory, rusqlite::Error> {
        let db = crate::files::open_sqlite(
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
             CREATE INDEX IF NOT EXISTS units_source ON units (source_lang, target_lang, source);",
        )?;
        Ok(Memory { db })
    }

    /// Adds `units`; returns how many were new.
    pub fn add(&mut self, units: &[TmUnit]) -> Result<usize, rusqlite::Error> {
        let tx = self.db.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO units (source_lang, target_lang, source, target, prev, next, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for u in units {
                added += stmt.execute(params![
                    u.source_lang.code(),
                    u.target_lang.code(),
                    u.source,
                    u.target,
                    u.prev,
                    u.next,
                    u.origin
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// The best exact match for `source`: one in the same context first, else the newest.
    /// The flag says whether the context matched.
    pub fn exact(
        &self,
        source_lang: Lang,
        target_lang: Lang,
        source: &str,
        prev: &str,
        next: &str,
    ) -> Result<Option<(TmUnit, bool)>, rusqlite::Error> {
        self.db
            .query_row(
                "SELECT target, prev, next, origin, (prev = ?4 AND next = ?5) AS same
                 FROM units WHERE source_lang = ?1 AND target_lang = ?2 AND source = ?3
                 ORDER BY same DESC, created DESC, id DESC LIMIT 1",
                params![source_lang.code(), target_lang.code(), source, prev, next],
                |r| {
                    Ok((
                        TmUnit {
                            source_lang,
                            target_lang,
                            source: source.to_string(),
                            target: r.get(0)?,
                            prev: r.get(1)?,
                            next: r.get(2)?,
                            origin: r.get(3)?,
                        },
                        r.get::<_, bool>(4)?,
                    ))
                },
            )
            .optional()
    }

    /// Units and distinct sources per direction.
    pub fn stats(&self) -> Result<Vec<Stats>, rusqlite::Error> {
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
        rows.collect()
    }

    /// Every unit of one direction, oldest first, for export.
    pub fn all(
        &self,
        source_lang: Lang,
        target_lang: Lang,
    ) -> Result<Vec<TmUnit>, rusqlite::Error> {
        let mut stmt = self.db.prepare(
            "SELECT source, target, prev, next, origin FROM units
             WHERE source_lang = ?1 AND target_lang = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![source_lang.code(), target_lang.code()], |r| {
            Ok(TmUnit {
                source_lang,
                target_lang,
                source: r.get(0)?,
                target: r.get(1)?,
                prev: r.get(2)?,
                next: r.get(3)?,
                origin: r.get(4)?,
            })
        })?;
        rows.collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workfile::WorkFormat;

    #[test]
    fn reviewed_units_go_in_once_and_come_back_by_context() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Memory::open(&dir.path().join("tm.sqlite")).unwrap();
        let po = include_str!("../../tests/fixtures/violations/fuzzy.po");
        let wf = WorkFile::read(po, WorkFormat::Po).unwrap();
        let units = units_of(&wf, Lang::En, Lang::Es, "fuzzy.po");
        assert_eq!(units.len(), 53, "the fuzzy one stays out");
        assert_eq!(m.add(&units).unwrap(), 53);
        assert_eq!(m.add(&units).unwrap(), 0, "adding again changes nothing");
        let u = &units[5];
        let (hit, same) = m
            .exact(Lang::En, Lang::Es, &u.source, &u.prev, &u.next)
            .unwrap()
            .unwrap();
        assert!(same);
        assert_eq!(hit.target, u.target);
        let (_, same) = m
            .exact(Lang::En, Lang::Es, &u.source, "", "")
            .unwrap()
            .unwrap();
        assert!(!same);
        assert!(m
            .exact(Lang::Es, Lang::En, &u.source, "", "")
            .unwrap()
            .is_none());
        let s = m.stats().unwrap();
        assert_eq!((s[0].units, s[0].sources), (53, 53));
    }
}
