//! The translation memory: reviewed translations, both directions in one memory, each unit
//! with the source segments around it (its context) and where it came from. One interface
//! ([`Memory`], over the [`Backend`] trait) and two backends: an embedded SQLite file
//! ([`sqlite`], the default for one person) and a PostgreSQL server a newsroom shares
//! ([`postgres`]). TMX 1.4b goes in and out through [`tmx`].
//!
//! Only reviewed translations (not fuzzy, not machine output) enter. Adding the same unit
//! twice changes nothing. Lookups: exact (by source and context) and fuzzy. A fuzzy lookup
//! asks the backend's word index about the query's rarest words ([`word_plan`]: SQLite's FTS5
//! index, a postings table on PostgreSQL), ranks the units holding them by those words'
//! rarity ([`Ranking`], the same in both), and scores the best candidates with the one exact
//! similarity ([`crate::text::similarity`], in [`score_candidates`]), so both backends give
//! the same matches the same scores. Touches only its SQLite file or its server; never the terminal or
//! the environment.

pub mod postgres;
pub mod sqlite;
pub mod tmx;

use std::path::Path;

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

/// A unit to add to a memory, borrowed from where it is held: a work file ([`Learnable`]),
/// a [`TmUnit`] ([`TmUnit::borrowed`]). A folder merge feeds the memory hundreds of
/// thousands of these; copying each unit's five texts out of its work file was a tenth of
/// the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitRef<'a> {
    /// The source language.
    pub source_lang: Lang,
    /// The target language.
    pub target_lang: Lang,
    /// The source text (placeholders as `{n}`).
    pub source: &'a str,
    /// The reviewed translation.
    pub target: &'a str,
    /// The previous source segment in its file, if any.
    pub prev: &'a str,
    /// The next source segment in its file, if any.
    pub next: &'a str,
    /// Where it came from (a work file, a TMX file).
    pub origin: &'a str,
}

impl UnitRef<'_> {
    /// The unit, owned.
    pub fn owned(&self) -> TmUnit {
        TmUnit {
            source_lang: self.source_lang,
            target_lang: self.target_lang,
            source: self.source.to_string(),
            target: self.target.to_string(),
            prev: self.prev.to_string(),
            next: self.next.to_string(),
            origin: self.origin.to_string(),
        }
    }
}

impl TmUnit {
    /// The unit, borrowed, to add to a memory.
    pub fn borrowed(&self) -> UnitRef<'_> {
        UnitRef {
            source_lang: self.source_lang,
            target_lang: self.target_lang,
            source: &self.source,
            target: &self.target,
            prev: &self.prev,
            next: &self.next,
            origin: &self.origin,
        }
    }
}

/// One file's units to add to a memory ([`Memory::add_groups`]), with each unit's
/// [`batch_key`] when they were made beside the units ([`Learnable`]).
#[derive(Clone, Copy)]
pub struct Group<'a> {
    /// The units, in file order.
    pub units: &'a [UnitRef<'a>],
    /// One key per unit, or none: the memory makes them.
    keys: &'a [u64],
}

impl<'a> Group<'a> {
    /// A group whose keys the memory makes as it adds the units.
    pub fn new(units: &'a [UnitRef<'a>]) -> Group<'a> {
        Group { units, keys: &[] }
    }

    /// The key of the `i`-th unit: the one made beside it, else made now.
    pub(crate) fn key(&self, i: usize) -> u64 {
        self.keys
            .get(i)
            .copied()
            .unwrap_or_else(|| batch_key(&self.units[i]))
    }
}

/// A work file's reviewed units, as the memory learns them ([`Learnable::units`]): each
/// translated unit with its context (the source segments around it, in file order) and
/// where it came from; not one with no translation, a fuzzy one, or one whose source stands
/// as its target (content not to be translated).
///
/// The work file is kept, not copied into units; only each unit's key ([`batch_key`]) is
/// made here, which a folder merge does on the pool, where the file was just read: the
/// memory's one writer then borrows the units and compares keys.
pub struct Learnable {
    work: WorkFile,
    source_lang: Lang,
    target_lang: Lang,
    origin: String,
    /// The work file's units that are learned, by index.
    learned: Vec<usize>,
    /// Their keys.
    keys: Vec<u64>,
}

impl Learnable {
    /// The reviewed units of `work`, from `source_lang` into `target_lang`, come from
    /// `origin`.
    pub fn new(work: WorkFile, source_lang: Lang, target_lang: Lang, origin: String) -> Learnable {
        let units = &work.units;
        let learns = |u: &crate::workfile::Unit| {
            u.state == State::Translated && !u.target.trim().is_empty() && !u.source_stands
        };
        // Each source is hashed once, though it is a unit's source and its neighbours'
        // context: a unit's key is made of its texts' hashes ([`batch_key`]).
        let sources: Vec<u64> = if units.iter().any(learns) {
            units.iter().map(|u| text_hash(&u.source)).collect()
        } else {
            Vec::new()
        };
        let around = |j: Option<usize>| j.and_then(|j| sources.get(j).copied());
        let (learned, keys) = units
            .iter()
            .enumerate()
            .filter(|(_, u)| learns(u))
            .map(|(i, u)| {
                let key = key_of(
                    source_lang,
                    target_lang,
                    [
                        sources[i],
                        text_hash(&u.target),
                        around(i.checked_sub(1)).unwrap_or_else(|| text_hash("")),
                        around(Some(i + 1)).unwrap_or_else(|| text_hash("")),
                    ],
                );
                (i, key)
            })
            .unzip();
        Learnable {
            work,
            source_lang,
            target_lang,
            origin,
            learned,
            keys,
        }
    }

    /// How many units the memory is to learn.
    pub fn len(&self) -> usize {
        self.learned.len()
    }

    /// Whether there is nothing to learn.
    pub fn is_empty(&self) -> bool {
        self.learned.is_empty()
    }

    /// The units to learn, in file order, borrowed from the work file.
    pub fn units(&self) -> Vec<UnitRef<'_>> {
        let units = &self.work.units;
        let around = |j: Option<usize>| j.and_then(|j| units.get(j)).map_or("", |u| &u.source);
        self.learned
            .iter()
            .map(|&i| UnitRef {
                source_lang: self.source_lang,
                target_lang: self.target_lang,
                source: &units[i].source,
                target: &units[i].target,
                prev: around(i.checked_sub(1)),
                next: around(Some(i + 1)),
                origin: &self.origin,
            })
            .collect()
    }

    /// `units` (this file's [`Learnable::units`]) as a group to add, with their keys.
    fn group<'a>(&'a self, units: &'a [UnitRef<'a>]) -> Group<'a> {
        debug_assert!(
            units.len() != self.keys.len()
                || units
                    .iter()
                    .zip(&self.learned)
                    .all(|(u, &i)| std::ptr::eq(u.source, &*self.work.units[i].source)),
            "a group's units are this file's"
        );
        // Keys made for other units would only be wrong hints; the memory makes its own.
        let keys = if units.len() == self.keys.len() {
            &self.keys[..]
        } else {
            &[]
        };
        Group { units, keys }
    }
}

/// This process's seed for [`batch_key`], so that keys made on any thread agree.
fn seed() -> &'static foldhash::fast::RandomState {
    static SEED: std::sync::OnceLock<foldhash::fast::RandomState> = std::sync::OnceLock::new();
    SEED.get_or_init(Default::default)
}

/// The hash of one text, for [`batch_key`].
fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    seed().hash_one(text)
}

/// A unit's key from its languages and its texts' hashes: source, target, previous, next.
fn key_of(source_lang: Lang, target_lang: Lang, texts: [u64; 4]) -> u64 {
    use std::hash::BuildHasher;
    seed().hash_one((source_lang, target_lang, texts))
}

/// The hash that tells units apart within one call to [`Memory::add_groups`]: of every text
/// that makes a unit one (its languages, source, target and context), with this process's
/// random seed. Every text is hashed: a hash of the source and the other texts' lengths alone
/// made a 52 MB article's thousands of repeated sentences, each with its own numbered context,
/// one chain compared end to end. Equal keys are never trusted alone ([`Seen`]).
pub fn batch_key(u: &UnitRef<'_>) -> u64 {
    key_of(
        u.source_lang,
        u.target_lang,
        [
            text_hash(u.source),
            text_hash(u.target),
            text_hash(u.prev),
            text_hash(u.next),
        ],
    )
}

/// The units met so far in one call to [`Memory::add_groups`], by key: a unit met earlier
/// in the call is not new, whatever the backend would say, so a folder of stories sharing
/// boilerplate does not look each repeat up in the index.
#[derive(Default)]
pub(crate) struct Seen<'a> {
    met: std::collections::HashSet<Met<'a>, std::hash::BuildHasherDefault<KeyHasher>>,
}

impl<'a> Seen<'a> {
    /// Whether `unit` (whose key is `key`) is met here for the first time.
    pub(crate) fn first(&mut self, unit: &'a UnitRef<'a>, key: u64) -> bool {
        self.met.insert(Met { key, unit })
    }
}

/// A unit met, with its key: hashed by the key, equal only when every text is.
struct Met<'a> {
    key: u64,
    unit: &'a UnitRef<'a>,
}

impl std::hash::Hash for Met<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.key);
    }
}

impl PartialEq for Met<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.unit, other.unit);
        self.key == other.key
            && a.source_lang == b.source_lang
            && a.target_lang == b.target_lang
            && a.source == b.source
            && a.target == b.target
            && a.prev == b.prev
            && a.next == b.next
    }
}

impl Eq for Met<'_> {}

/// The hasher of [`Seen`]: the key is already a hash, so it is taken as it is.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is ever called (by `Met`); anything else is folded in.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
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

/// The default fuzzy threshold: how similar (0–1, by characters) a memory source must be to
/// lend its translation.
pub const FUZZY_THRESHOLD: f64 = 0.75;

/// How many candidates a backend's index hands to exact scoring.
pub(crate) const CANDIDATES: usize = 48;

/// How many units [`Memory::all`] reads per statement.
const ALL_PAGE: usize = 50_000;

/// How many of the query's words (the rarest) the word index is asked about.
pub(crate) const QUERY_WORDS: usize = 8;

/// How many index entries one lookup may walk, beyond its two rarest words: this bounds a
/// lookup's time whatever the memory's size.
pub(crate) const POSTINGS_BUDGET: i64 = 30_000;

/// The words of `text` as the word index folds them: lower case, accents removed.
pub(crate) fn index_words(text: &str) -> Vec<String> {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            // An ASCII word (most of them) has no marks to take off and no letter whose
            // lowercase is longer: it is lowered byte by byte, without decomposing it.
            if w.is_ascii() {
                return w.to_ascii_lowercase();
            }
            w.nfd()
                .filter(|c| !is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The words a fuzzy lookup asks the word index about, with the weight each gives a
/// candidate that holds it (its inverse document frequency): from the rarest up, at most
/// [`QUERY_WORDS`], and past the two rarest only while the index entries walked stay within
/// [`POSTINGS_BUDGET`]. `df` pairs each of the query's words the memory knows with how many
/// units hold it; `total` is the memory's highest unit id. Both backends ask this one plan, so
/// they rank the same candidates.
///
/// The rarest words find near-identical sentences; common ones ("the", "de") would only make
/// the index walk most of the memory.
pub(crate) fn word_plan(mut df: Vec<(i64, &str)>, total: i64) -> Vec<(&str, f64)> {
    df.sort();
    let mut walked = 0;
    let mut plan = Vec::new();
    for (k, (n, w)) in df.into_iter().enumerate() {
        if k >= QUERY_WORDS || (k >= 2 && walked + n > POSTINGS_BUDGET) {
            break;
        }
        walked += n;
        plan.push((w, ((total as f64 + 1.0) / n as f64).ln()));
    }
    plan
}

/// How a fuzzy lookup ranks the units its plan's words find, the same in both backends: each
/// unit by the summed weights ([`word_plan`]) of the plan's words it holds, added in the
/// plan's order (so the sums are the same numbers), the best [`CANDIDATES`] kept, ties to the
/// oldest unit.
#[derive(Default)]
pub(crate) struct Ranking {
    shared: std::collections::HashMap<i64, f64, foldhash::fast::RandomState>,
}

impl Ranking {
    /// The unit `id` holds a plan word of weight `weight`.
    pub(crate) fn hold(&mut self, id: i64, weight: f64) {
        *self.shared.entry(id).or_default() += weight;
    }

    /// The best units' ids, best first.
    pub(crate) fn best(self) -> Vec<i64> {
        let mut ranked: Vec<(i64, f64)> = self.shared.into_iter().collect();
        let order = |a: &(i64, f64), b: &(i64, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        // The order is total (ids differ), so selecting the best few first and sorting only
        // them gives what sorting every unit would, without sorting tens of thousands.
        if ranked.len() > CANDIDATES {
            ranked.select_nth_unstable_by(CANDIDATES - 1, order);
            ranked.truncate(CANDIDATES);
        }
        ranked.sort_unstable_by(order);
        ranked.into_iter().map(|(id, _)| id).collect()
    }
}

/// A fuzzy match: a unit and how similar its source is to the query (0–1).
#[derive(Clone, Debug, PartialEq)]
pub struct FuzzyMatch {
    /// The unit.
    pub unit: TmUnit,
    /// Similarity by characters: 1 − edit distance ÷ the longer length.
    pub score: f64,
}

/// Why the memory could not answer or learn: the backend's own words as a cause.
#[derive(Debug, thiserror::Error)]
pub enum TmError {
    /// The SQLite file.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// The PostgreSQL server (its text never holds the password).
    #[error(transparent)]
    Server(#[from] postgres::ServerError),
}

/// What a memory backend does; [`Memory`] is the one interface callers use.
pub trait Backend: Send {
    /// Adds several files' units in one transaction; how many of each group were new, in
    /// order. A unit met in an earlier group is not new in a later one. Either every group is
    /// stored or none is.
    fn add_groups(&mut self, groups: &[Group<'_>]) -> Result<Vec<usize>, TmError>;
    /// The best exact match for `source`: one in the same context first, else the newest.
    /// The flag says whether the context matched.
    fn exact(
        &self,
        source_lang: Lang,
        target_lang: Lang,
        source: &str,
        prev: &str,
        next: &str,
    ) -> Result<Option<(TmUnit, bool)>, TmError>;
    /// The units whose source is at least `min` similar to `source` (but not equal to it),
    /// best first, at most `limit`.
    fn fuzzy(
        &self,
        source_lang: Lang,
        target_lang: Lang,
        source: &str,
        min: f64,
        limit: usize,
    ) -> Result<Vec<FuzzyMatch>, TmError>;
    /// Units and distinct sources per direction.
    fn stats(&self) -> Result<Vec<Stats>, TmError>;
    /// Up to `limit` units, every direction, oldest first, from those after the position
    /// `after` (0: the first) on; each with its position (increasing). A unit whose
    /// languages this puente does not know is given as `None`, its position still counted.
    fn page(&self, after: i64, limit: usize) -> Result<Vec<(i64, Option<TmUnit>)>, TmError>;
}

/// One page of a memory's units ([`Memory::page`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The units, every direction, oldest first.
    pub units: Vec<TmUnit>,
    /// Where the next page starts; `None` when there is no more.
    pub next: Option<i64>,
}

/// An open memory, whichever backend holds it.
pub struct Memory {
    backend: Box<dyn Backend>,
}

/// The reviewed units of a work file, with their context, in file order (see [`Learnable`]).
pub fn units_of(wf: &WorkFile, source: Lang, target: Lang, origin: &str) -> Vec<TmUnit> {
    let learnable = Learnable::new(wf.clone(), source, target, origin.to_string());
    learnable.units().iter().map(UnitRef::owned).collect()
}

impl Memory {
    /// Opens (or creates) the SQLite memory at `path`, making its folder if needed.
    pub fn open(path: &Path) -> Result<Memory, TmError> {
        Memory::open_in(path, true)
    }

    /// Opens (or creates) the SQLite memory at `path`; its folder is made only if
    /// `make_folder`.
    pub fn open_in(path: &Path, make_folder: bool) -> Result<Memory, TmError> {
        Ok(Memory::with(sqlite::Sqlite::open_in(path, make_folder)?))
    }

    /// [`Memory::open_in`] for a run that writes to the memory (merge, `tm add`, import,
    /// migrate): the file is not mapped, so what the writes read goes through the page cache
    /// each write sizes, and the pages a folder merge touches do not stay in the process.
    pub fn open_to_write(path: &Path, make_folder: bool) -> Result<Memory, TmError> {
        Ok(Memory::with(
            sqlite::Sqlite::open_in(path, make_folder)?.unmapped()?,
        ))
    }

    /// Connects to the memory on a PostgreSQL server, creating or migrating its schema.
    pub fn connect(server: &postgres::Server, password: Option<&str>) -> Result<Memory, TmError> {
        Ok(Memory::with(postgres::Postgres::connect(server, password)?))
    }

    /// Connects to the memory on a PostgreSQL server to read it: `None` when there is none
    /// there yet (nothing is created).
    pub fn connect_existing(
        server: &postgres::Server,
        password: Option<&str>,
    ) -> Result<Option<Memory>, TmError> {
        Ok(postgres::Postgres::connect_existing(server, password)?.map(Memory::with))
    }

    /// A memory over any backend.
    pub fn with(backend: impl Backend + 'static) -> Memory {
        Memory {
            backend: Box::new(backend),
        }
    }

    /// Adds `units`; returns how many were new.
    pub fn add(&mut self, units: &[TmUnit]) -> Result<usize, TmError> {
        let units: Vec<UnitRef<'_>> = units.iter().map(TmUnit::borrowed).collect();
        Ok(self.add_groups(&[Group::new(&units)])?.iter().sum())
    }

    /// Adds the reviewed units of several work files ([`Learnable`]) in one transaction, each
    /// borrowed from its file with the keys made beside it: how many of each file's were new,
    /// in order, as [`Memory::add_groups`] says.
    pub fn learn(&mut self, files: &[&Learnable]) -> Result<Vec<usize>, TmError> {
        let borrowed: Vec<Vec<UnitRef<'_>>> = files.iter().map(|l| l.units()).collect();
        let groups: Vec<Group<'_>> = files
            .iter()
            .zip(&borrowed)
            .map(|(l, units)| l.group(units))
            .collect();
        self.add_groups(&groups)
    }

    /// Adds several files' units in one transaction (a folder's merges pay one commit, not
    /// one each); returns how many of each group were new, in order. A unit met in an
    /// earlier group is not new in a later one, as in runs one after the other. Either every
    /// group is stored or none is.
    pub fn add_groups(&mut self, groups: &[Group<'_>]) -> Result<Vec<usize>, TmError> {
        self.backend.add_groups(groups)
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
    ) -> Result<Option<(TmUnit, bool)>, TmError> {
        self.backend
            .exact(source_lang, target_lang, source, prev, next)
    }

    /// The units whose source is at least `min` similar to `source` (but not equal to it),
    /// best first, at most `limit`.
    pub fn fuzzy(
        &self,
        source_lang: Lang,
        target_lang: Lang,
        source: &str,
        min: f64,
        limit: usize,
    ) -> Result<Vec<FuzzyMatch>, TmError> {
        self.backend
            .fuzzy(source_lang, target_lang, source, min, limit)
    }

    /// Units and distinct sources per direction.
    pub fn stats(&self) -> Result<Vec<Stats>, TmError> {
        self.backend.stats()
    }

    /// Every unit of one direction, oldest first.
    pub fn all(&self, source_lang: Lang, target_lang: Lang) -> Result<Vec<TmUnit>, TmError> {
        let mut all = Vec::new();
        for page in self.pages(source_lang, target_lang, ALL_PAGE) {
            all.extend(page?);
        }
        Ok(all)
    }

    /// The units of one direction, oldest first, read [`Memory::page`] by page of `size`
    /// units (every direction counted): an export holds one page, whatever the memory's size.
    /// A page may hold none of the direction's units; none is given empty.
    pub fn pages(
        &self,
        source_lang: Lang,
        target_lang: Lang,
        size: usize,
    ) -> impl Iterator<Item = Result<Vec<TmUnit>, TmError>> + '_ {
        let mut at = Some(0);
        std::iter::from_fn(move || loop {
            let after = at?;
            let page = match self.page(after, size) {
                Ok(page) => page,
                Err(e) => {
                    at = None;
                    return Some(Err(e));
                }
            };
            at = page.next;
            let units: Vec<TmUnit> = page
                .units
                .into_iter()
                .filter(|u| u.source_lang == source_lang && u.target_lang == target_lang)
                .collect();
            if !units.is_empty() {
                return Some(Ok(units));
            }
        })
    }

    /// Up to `limit` units, every direction, oldest first, from the position `after` on (0:
    /// the first): a copy reads a memory a page at a time, whatever its size, each page one
    /// walk of the units' primary key.
    pub fn page(&self, after: i64, limit: usize) -> Result<Page, TmError> {
        let rows = self.backend.page(after, limit.max(1))?;
        let next = rows.last().map(|(at, _)| *at);
        Ok(Page {
            units: rows.into_iter().filter_map(|(_, u)| u).collect(),
            next,
        })
    }
}

/// Keeps the best-scoring candidates: each distinct source once, at least `min` similar to
/// `query` by [`crate::text::similarity`], best first, at most `limit`. Both backends end
/// their fuzzy lookups here, so their scores are the same numbers.
pub(crate) fn score_candidates(
    query: &str,
    candidates: impl IntoIterator<Item = TmUnit>,
    min: f64,
    limit: usize,
) -> Vec<FuzzyMatch> {
    let mut found: Vec<FuzzyMatch> = Vec::new();
    for unit in candidates {
        if found.iter().any(|f| f.unit.source == unit.source) {
            continue;
        }
        let score = crate::text::similarity(query, &unit.source, min);
        if score >= min {
            found.push(FuzzyMatch { unit, score });
        }
    }
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::similarity;
    use crate::workfile::WorkFormat;

    /// A work file of `n` units, every third untranslated, every fifth fuzzy, every seventh
    /// one whose source stands as its target.
    fn work(n: usize) -> WorkFile {
        let units = (0..n)
            .map(|i| crate::workfile::Unit {
                id: format!("p.{i}").into(),
                source: format!("Sentence {i}.").into(),
                target: if i % 3 == 0 {
                    String::new()
                } else {
                    format!("Oración {i}.")
                }
                .into(),
                state: match i {
                    _ if i % 3 == 0 => State::Untranslated,
                    _ if i % 5 == 0 => State::Fuzzy,
                    _ => State::Translated,
                },
                line: i + 1,
                comments: Vec::new(),
                source_stands: i % 7 == 6,
            })
            .collect();
        WorkFile {
            format: WorkFormat::Po,
            meta: None,
            source_lang: Some("en".into()),
            target_lang: Some("es".into()),
            units,
            issues: Vec::new(),
        }
    }

    /// Issue 17: the units a work file gives the memory are borrowed from it: the reviewed
    /// ones, each with the sources around it (an untranslated neighbour's too) and its
    /// origin; and the keys made beside them are the keys the memory would make, so a group
    /// keyed on the pool and one keyed by the memory tell the same units apart.
    #[test]
    fn a_work_files_units_are_its_reviewed_ones_with_their_context_and_keys() {
        for n in [0, 1, 2, 7, 30] {
            let learnable = Learnable::new(work(n), Lang::En, Lang::Es, "w/a.es.po".into());
            let units = learnable.units();
            let expected: Vec<TmUnit> = (0..n)
                .filter(|i| i % 3 != 0 && i % 5 != 0 && i % 7 != 6)
                .map(|i| TmUnit {
                    source_lang: Lang::En,
                    target_lang: Lang::Es,
                    source: format!("Sentence {i}."),
                    target: format!("Oración {i}."),
                    prev: i
                        .checked_sub(1)
                        .map_or(String::new(), |j| format!("Sentence {j}.")),
                    next: if i + 1 < n {
                        format!("Sentence {}.", i + 1)
                    } else {
                        String::new()
                    },
                    origin: "w/a.es.po".into(),
                })
                .collect();
            assert_eq!(
                units.iter().map(UnitRef::owned).collect::<Vec<_>>(),
                expected
            );
            assert_eq!(learnable.len(), expected.len());
            assert_eq!(
                units_of(&work(n), Lang::En, Lang::Es, "w/a.es.po"),
                expected
            );
            let group = learnable.group(&units);
            for (i, u) in units.iter().enumerate() {
                assert_eq!(group.key(i), batch_key(u), "{n} units, unit {i}");
            }
        }
    }

    /// Issue 17: units with equal keys are told apart by their texts: a key is only a hint.
    #[test]
    fn units_met_are_told_apart_by_their_texts_not_their_keys() {
        let a = TmUnit {
            source_lang: Lang::En,
            target_lang: Lang::Es,
            source: "One.".into(),
            target: "Uno.".into(),
            prev: String::new(),
            next: "Two.".into(),
            origin: "a.po".into(),
        };
        let b = TmUnit {
            next: "Three.".into(),
            ..a.clone()
        };
        let c = TmUnit {
            origin: "b.po".into(),
            ..a.clone()
        };
        let (a, b, c) = (a.borrowed(), b.borrowed(), c.borrowed());
        let mut seen = Seen::default();
        assert!(seen.first(&a, 7));
        assert!(
            seen.first(&b, 7),
            "another context under the same key is new"
        );
        assert!(!seen.first(&c, 7), "the same unit from another file is not");
        assert!(!seen.first(&a, 7));
        // Through a memory: a group whose keys all collide still stores every unit.
        let dir = tempfile::tempdir().unwrap();
        let mut m = Memory::open(&dir.path().join("tm.sqlite")).unwrap();
        let units = [a, b, c];
        let keys = [1, 1, 1];
        let group = Group {
            units: &units,
            keys: &keys,
        };
        assert_eq!(m.add_groups(&[group]).unwrap(), vec![2]);
    }

    #[test]
    fn words_are_folded_alike_whether_ascii_or_not() {
        assert_eq!(
            index_words("The VOTE, the vote: Vóté and ÉLAN élan 2026 Ǆemal ß"),
            ["2026", "and", "elan", "the", "vote", "ß", "ǆemal"]
        );
        // An ASCII word lowered byte by byte is what decomposing it would give.
        for w in ["Abc", "ZZ9", "mIxEd"] {
            let slow: String = w.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(index_words(w), [slow]);
        }
    }

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

    #[test]
    fn the_ranking_keeps_the_best_candidates_ties_to_the_oldest() {
        let mut ranking = Ranking::default();
        // 100 units hold a common word; units 7 and 3 also hold rare ones, and 50 to 99 a
        // second common one: equal sums are ordered by id.
        for id in 0..100 {
            ranking.hold(id, 1.0);
        }
        for id in 50..100 {
            ranking.hold(id, 0.5);
        }
        ranking.hold(7, 9.0);
        ranking.hold(3, 9.0);
        ranking.hold(3, 0.25);
        let best = ranking.best();
        assert_eq!(best.len(), CANDIDATES);
        assert_eq!(&best[..4], &[3, 7, 50, 51]);
        let mut expected: Vec<i64> = (50..100).filter(|&i| i != 7 && i != 3).collect();
        expected.truncate(CANDIDATES - 2);
        assert_eq!(&best[2..], &expected[..]);
        let mut few = Ranking::default();
        few.hold(2, 1.0);
        few.hold(1, 1.0);
        assert_eq!(few.best(), vec![1, 2]);
    }

    #[test]
    fn fuzzy_matches_find_the_edited_sentence_and_score_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Memory::open(&dir.path().join("tm.sqlite")).unwrap();
        let po = include_str!("../../tests/fixtures/drone-strikes.es.po");
        let wf = WorkFile::read(po, WorkFormat::Po).unwrap();
        let units = units_of(&wf, Lang::En, Lang::Es, "drone-strikes.es.po");
        m.add(&units).unwrap();
        let original = units
            .iter()
            .find(|u| u.source.starts_with("These rumors gained traction"))
            .expect("the sentence about the rumors");
        // One word changed: still a strong match, and the only one.
        let edited = original
            .source
            .replacen("American media", "Canadian media", 1);
        let hits = m
            .fuzzy(Lang::En, Lang::Es, &edited, FUZZY_THRESHOLD, 3)
            .unwrap();
        assert_eq!(hits[0].unit.source, original.source);
        assert_eq!(hits[0].unit.target, original.target);
        let expected = similarity(&edited, &original.source, 0.0);
        assert!((hits[0].score - expected).abs() < 1e-9);
        assert!(
            hits[0].score > 0.85 && hits[0].score < 1.0,
            "{}",
            hits[0].score
        );
        // The exact source is not a fuzzy match of itself, the other direction is
        // separate, and an unrelated sentence finds nothing.
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
        // Accents and case do not hide a match from the index.
        let shouted = edited.to_uppercase();
        assert!(!m
            .fuzzy(Lang::En, Lang::Es, &shouted, 0.1, 3)
            .unwrap()
            .is_empty());
    }
}
