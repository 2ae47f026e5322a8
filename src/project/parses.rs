//! The parses of articles kept between runs, in the project's `.puente/parses.sqlite`
//! ([`PARSES_KEPT`]): `segment` keeps the parse of each article it segments, and `merge`,
//! which must find the same segments in the same article to rebuild it byte for byte, reads
//! it back instead of segmenting the article again (parsing was about a third of a merge).
//!
//! A parse is kept under the SHA-256 of the article's bytes (the checksum its work file
//! records, which merge verifies first), its format and its language, and only for the puente
//! that made it (its version and its program file's size and time, as the kept glossary): a
//! file kept by another build is emptied at its next write and never read. Each row is sealed
//! with a hash of its key, the build and the parse, and what is read back is checked against
//! the text before it is used (`article::kept::decode`), and anything
//! amiss (no file, another build, a damaged row, a locked or unreadable database) means the
//! article is parsed as before: keeping is best effort, never an error and never printed.
//! Parses not kept again for [`KEPT_DAYS`] days are dropped at a write.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};

use crate::article::Format;
use crate::files;
use crate::lang::Lang;

/// Where a project keeps its articles' parses, from its root.
pub const PARSES_KEPT: &str = ".puente/parses.sqlite";

/// How long a parse stays kept without being kept again.
pub const KEPT_DAYS: i64 = 180;

/// The states of [`Parses::readable`].
const UNKNOWN: u8 = 0;
const READABLE: u8 = 1;
const UNREADABLE: u8 = 2;

/// The tables' version (`PRAGMA user_version`). A file of another version (or none) is read
/// as holding nothing, and its tables are made again at the next write.
const SCHEMA_VERSION: i64 = 1;

/// How long a run waits for another's hold on the file before it does without: keeping is
/// only a speed-up.
const WAIT: std::time::Duration = std::time::Duration::from_millis(50);

const SCHEMA: &str = "DROP TABLE IF EXISTS parses;
     DROP TABLE IF EXISTS build;
     CREATE TABLE parses (
         checksum TEXT NOT NULL,
         format INTEGER NOT NULL,
         lang TEXT NOT NULL,
         parse BLOB NOT NULL,
         seal BLOB NOT NULL,
         kept INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
         PRIMARY KEY (checksum, format, lang)
     );
     CREATE TABLE build (build TEXT NOT NULL);";

/// One article's parse to keep.
#[derive(Debug, Clone)]
pub struct KeptParse {
    /// The SHA-256 of the article's bytes, in hex.
    pub checksum: String,
    /// Its format.
    pub format: Format,
    /// The language it was segmented in.
    pub lang: Lang,
    /// Its parse, from `article::kept::encode`.
    pub bytes: Vec<u8>,
}

/// The kept parses of one project, shared by a run's threads.
#[derive(Debug)]
pub struct Parses {
    path: PathBuf,
    /// This puente, as [`super::build`] names it.
    build: String,
    /// Connections not in use: each thread takes one while it reads, so a folder's merges on
    /// every core read at once.
    idle: Mutex<Vec<Connection>>,
    /// Connections that only read parses, each in one read transaction from its first read
    /// to the end of the run: a folder's merge reads thousands, and beginning and ending a
    /// transaction around each was a tenth of the merging thread's time. What such a
    /// connection reads is the file as it was at its first read, which is all a run needs:
    /// it never reads back a parse it kept itself.
    readers: Mutex<Vec<Connection>>,
    /// Whether the file holds this build's parses ([`UNKNOWN`], [`READABLE`] or
    /// [`UNREADABLE`]): looked at on the first read of the run, and readable once this run
    /// has kept a parse.
    readable: AtomicU8,
    /// Whether this run has dropped the parses past [`KEPT_DAYS`] yet.
    pruned: AtomicBool,
    /// Whether a write failed (a lock held too long, a full disk): the run keeps nothing
    /// more, rather than wait or fail again for each batch.
    failed: AtomicBool,
}

impl Parses {
    /// The kept parses at `path` for the puente named `build`. Nothing is opened yet.
    pub fn new(path: PathBuf, build: String) -> Parses {
        Parses {
            path,
            build,
            idle: Mutex::new(Vec::new()),
            readers: Mutex::new(Vec::new()),
            readable: AtomicU8::new(UNKNOWN),
            pruned: AtomicBool::new(false),
            failed: AtomicBool::new(false),
        }
    }

    /// Where they are kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The kept parse of the article with `checksum` in `format` and `lang`, if this build
    /// kept one.
    pub fn recall(&self, checksum: &str, format: Format, lang: Lang) -> Option<Vec<u8>> {
        if self.readable.load(Ordering::Relaxed) == UNKNOWN {
            // A run that only reads never makes the file.
            let readable = files::database_exists(&self.path).unwrap_or(false)
                && self
                    .with_connection(|db| {
                        if version(db)? != SCHEMA_VERSION {
                            return Ok(false);
                        }
                        let build: Option<String> = db
                            .query_row("SELECT build FROM build", [], |r| r.get(0))
                            .optional()?;
                        Ok(build.as_deref() == Some(self.build.as_str()))
                    })
                    .unwrap_or(false);
            let state = if readable { READABLE } else { UNREADABLE };
            let _ = self.readable.compare_exchange(
                UNKNOWN,
                state,
                Ordering::Relaxed,
                Ordering::Relaxed,
            );
        }
        if self.readable.load(Ordering::Relaxed) != READABLE {
            return None;
        }
        let (bytes, sealed): (Vec<u8>, Vec<u8>) = self
            .with_reader(|db| {
                db.prepare_cached(
                    "SELECT parse, seal FROM parses
                     WHERE checksum = ?1 AND format = ?2 AND lang = ?3",
                )?
                .query_row(params![checksum, format_code(format), lang.code()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()
            })
            .ok()
            .flatten()?;
        (sealed == self.seal(checksum, format, lang, &bytes)).then_some(bytes)
    }

    /// What a row's parse is sealed with: the start of the SHA-256 of its key, this build and
    /// the parse, so a row damaged, or moved under another article's key, is never read as
    /// that article's parse.
    fn seal(&self, checksum: &str, format: Format, lang: Lang, bytes: &[u8]) -> Vec<u8> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for part in [
            checksum.as_bytes(),
            lang.code().as_bytes(),
            self.build.as_bytes(),
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
        h.update([format_code(format) as u8]);
        h.update(bytes);
        h.finalize()[..16].to_vec()
    }

    /// Keeps `parses`, all in one transaction. Best effort: a database that cannot be opened
    /// or written keeps nothing, silently.
    pub fn keep(&self, parses: &[KeptParse]) {
        if parses.is_empty() || self.failed.load(Ordering::Relaxed) {
            return;
        }
        let kept = self.with_connection(|db| {
            let tx = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            if version(&tx)? != SCHEMA_VERSION {
                tx.execute_batch(SCHEMA)?;
                tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            }
            let build: Option<String> = tx
                .query_row("SELECT build FROM build", [], |r| r.get(0))
                .optional()?;
            if build.as_deref() != Some(self.build.as_str()) {
                // Another puente's parses may not be this one's: they all go.
                tx.execute_batch("DELETE FROM parses; DELETE FROM build;")?;
                tx.execute("INSERT INTO build (build) VALUES (?1)", [&self.build])?;
            }
            if !self.pruned.swap(true, Ordering::Relaxed) {
                tx.execute(
                    "DELETE FROM parses WHERE kept < strftime('%s', 'now') - ?1",
                    [KEPT_DAYS * 86_400],
                )?;
            }
            {
                let mut insert = tx.prepare_cached(
                    "INSERT OR REPLACE INTO parses (checksum, format, lang, parse, seal)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for p in parses {
                    insert.execute(params![
                        p.checksum,
                        format_code(p.format),
                        p.lang.code(),
                        p.bytes,
                        self.seal(&p.checksum, p.format, p.lang, &p.bytes)
                    ])?;
                }
            }
            tx.commit()
        });
        match kept {
            // The file now holds this build's parses (any other build's were dropped).
            Ok(()) => self.readable.store(READABLE, Ordering::Relaxed),
            Err(_) => self.failed.store(true, Ordering::Relaxed),
        }
    }

    /// Runs `f` on a connection of the pool, opening one when none is idle.
    fn with_connection<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        self.with_pooled(&self.idle, false, f)
    }

    /// Runs `f` on one of the [`Parses::readers`], opening one when none is idle.
    fn with_reader<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        self.with_pooled(&self.readers, true, f)
    }

    /// Runs `f` on a connection of `pool`, opening one when none is idle; one opened for
    /// `reading` begins the transaction its reads share.
    fn with_pooled<T>(
        &self,
        pool: &Mutex<Vec<Connection>>,
        reading: bool,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        let idle = pool.lock().ok().and_then(|mut v| v.pop());
        let mut db = match idle {
            Some(db) => db,
            None => {
                let db = files::open_sqlite_with(&self.path, "", true, WAIT, None)?;
                // Each article's parse is read once: a page cache of the size SQLite gives by
                // default (2 MiB) per thread would only fill with pages never read again, and
                // grow a folder merge with the number of its stories.
                db.pragma_update(None, "cache_size", -256)?;
                if reading {
                    // Deferred: the read lock is taken at the first read and held until the
                    // connection is closed (rolled back), never a write lock.
                    db.execute_batch("BEGIN DEFERRED")?;
                }
                db
            }
        };
        let result = f(&mut db);
        if let Ok(mut v) = pool.lock() {
            v.push(db);
        }
        result
    }
}

/// The version of the tables in `db`.
fn version(db: &Connection) -> rusqlite::Result<i64> {
    db.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// How a format is stored.
fn format_code(format: Format) -> i64 {
    match format {
        Format::Markdown => 0,
        Format::PlainText => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `parses` reads back of the Markdown article in English numbered `n`.
    fn recalled(parses: &Parses, n: u8) -> Option<Vec<u8>> {
        parses.recall(&parse(n).checksum, Format::Markdown, Lang::En)
    }

    fn parse(n: u8) -> KeptParse {
        KeptParse {
            checksum: format!("{n:064x}"),
            format: Format::Markdown,
            lang: Lang::En,
            bytes: vec![n; 3],
        }
    }

    #[test]
    fn a_kept_parse_is_read_back_only_by_the_build_that_kept_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(PARSES_KEPT);
        let this = Parses::new(path.clone(), "v1".into());
        assert_eq!(recalled(&this, 1), None);
        // Reading made no file.
        assert!(!path.exists());
        let this = Parses::new(path.clone(), "v1".into());
        this.keep(&[parse(1), parse(2)]);
        assert_eq!(recalled(&this, 2), Some(vec![2; 3]));
        // Another format, language or article is another parse.
        assert_eq!(
            this.recall(&parse(2).checksum, Format::PlainText, Lang::En),
            None
        );
        assert_eq!(
            this.recall(&parse(2).checksum, Format::Markdown, Lang::Es),
            None
        );
        assert_eq!(recalled(&this, 3), None);
        // Another build reads nothing, and its first write drops what this one kept.
        let other = Parses::new(path.clone(), "v2".into());
        assert_eq!(recalled(&other, 1), None);
        other.keep(&[parse(3)]);
        let this = Parses::new(path, "v1".into());
        assert_eq!(recalled(&this, 3), None);
        assert_eq!(recalled(&this, 1), None);
    }

    #[test]
    fn a_row_damaged_or_moved_under_another_key_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(PARSES_KEPT);
        let parses = Parses::new(path.clone(), "v1".into());
        parses.keep(&[parse(1), parse(2)]);
        let db = Connection::open(&path).unwrap();
        db.execute(
            "UPDATE parses SET parse = X'020202FF' WHERE checksum = ?1",
            [parse(2).checksum],
        )
        .unwrap();
        db.execute(
            "UPDATE parses SET checksum = ?1 WHERE checksum = ?2",
            [parse(3).checksum, parse(1).checksum],
        )
        .unwrap();
        let parses = Parses::new(path, "v1".into());
        assert_eq!(recalled(&parses, 2), None);
        assert_eq!(recalled(&parses, 3), None);
        assert_eq!(recalled(&parses, 1), None);
    }

    #[test]
    fn a_file_of_other_tables_is_made_again_at_the_first_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(PARSES_KEPT);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let db = Connection::open(&path).unwrap();
        db.execute_batch(
            "CREATE TABLE parses (checksum TEXT, format INT, lang TEXT, parse BLOB, kept INT);
             CREATE TABLE build (build TEXT); INSERT INTO build VALUES ('v1');",
        )
        .unwrap();
        drop(db);
        let parses = Parses::new(path.clone(), "v1".into());
        assert_eq!(recalled(&parses, 1), None);
        parses.keep(&[parse(1)]);
        let parses = Parses::new(path, "v1".into());
        assert_eq!(recalled(&parses, 1), Some(vec![1; 3]));
    }

    #[test]
    fn a_runs_reads_share_one_transaction_that_holds_up_no_other_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(PARSES_KEPT);
        Parses::new(path.clone(), "v1".into()).keep(&[parse(1), parse(2)]);
        let reading = Parses::new(path.clone(), "v1".into());
        assert_eq!(recalled(&reading, 1), Some(vec![1; 3]));
        // The reads of the run go on in the transaction the first one began.
        assert!(reading
            .readers
            .lock()
            .unwrap()
            .iter()
            .all(|db| !db.is_autocommit()));
        // Another run keeps its parses meanwhile, without waiting for this one.
        let other = Parses::new(path.clone(), "v1".into());
        let start = std::time::Instant::now();
        other.keep(&[parse(3)]);
        assert!(start.elapsed() < WAIT, "{:?}", start.elapsed());
        assert!(!other.failed.load(Ordering::Relaxed));
        assert_eq!(
            recalled(&Parses::new(path, "v1".into()), 3),
            Some(vec![3; 3])
        );
        // This run still reads the file as it was at its first read.
        assert_eq!(recalled(&reading, 2), Some(vec![2; 3]));
        assert_eq!(recalled(&reading, 3), None);
    }

    #[test]
    fn a_file_another_run_holds_is_done_without_not_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(PARSES_KEPT);
        Parses::new(path.clone(), "v1".into()).keep(&[parse(1)]);
        let holder = Connection::open(&path).unwrap();
        holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
        let parses = Parses::new(path.clone(), "v1".into());
        let start = std::time::Instant::now();
        for n in 2..12 {
            parses.keep(&[parse(n)]);
        }
        // One wait of WAIT, then none: ten batches do not wait ten times.
        assert!(start.elapsed() < WAIT * 5, "{:?}", start.elapsed());
        holder.execute_batch("ROLLBACK").unwrap();
        let parses = Parses::new(path, "v1".into());
        assert_eq!(recalled(&parses, 2), None);
        assert_eq!(recalled(&parses, 1), Some(vec![1; 3]));
    }

    #[test]
    fn what_is_not_a_database_keeps_nothing_and_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file would be.
        let path = dir.path().join("parses.sqlite");
        std::fs::create_dir(&path).unwrap();
        let parses = Parses::new(path.clone(), "v1".into());
        parses.keep(&[parse(1)]);
        assert_eq!(recalled(&parses, 1), None);
        assert!(path.is_dir());
        // A file that is not SQLite.
        let path = dir.path().join("garbage.sqlite");
        std::fs::write(&path, "not a database at all, just text").unwrap();
        let parses = Parses::new(path.clone(), "v1".into());
        parses.keep(&[parse(1)]);
        assert_eq!(recalled(&parses, 1), None);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "not a database at all, just text"
        );
    }
}
