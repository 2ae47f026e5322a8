//! Machine translation of work files: fills the untranslated segments of each PO or XLIFF
//! work file: memory → cache → protect → batch → send → restore → verify → write.
//!
//! Accepted results are written fuzzy, with their provenance in a translator comment; a result
//! that fails verification is retried alone once, then left untranslated with a comment that
//! says why. A forbidden form of the glossary in a verified result is replaced by the
//! glossary's fix when exactly one form replaces it
//! ([`crate::glossary::Glossary::repair_forbidden`]), and the note says so; when none does,
//! the segment is left untranslated with the reason, so an engine's forbidden form is never
//! written as a verified translation. The words the engine did not know (Apertium's marks)
//! are named in the note ([`crate::workfile::edit::unknown_words_note`]), and such a result
//! is not cached, so a later run writes its note again. Translations people wrote (fuzzy or not) are never touched. The file is rewritten
//! atomically after every batch, so an interrupted run leaves a valid file and the next run
//! sends only what is still missing; a file another program changed underneath is never
//! written over ([`Saver`]).
//!
//! Before the first batch the engine checks itself: the local program lists the pair, a
//! server answers its probe within seconds (see [`crate::mt::http`]). Whatever stops a run
//! (the check fails, the engine refuses the key, is dead or overloaded, redirects elsewhere,
//! asks for too long a wait, the local program outlives its timeout, or the run's deadline
//! passes), every batch that came back is already in the file, the summary still says what
//! was translated and what is left, and the run stops with the error ([`Report::stopped`]).
//! A work file that cannot be read or translated for a reason of its own (missing, broken,
//! locked, changed underneath, languages unknown) is reported with its error
//! ([`FileResult`]) and the run goes on with the next file.
//!
//! The cache is the project's `.puente/cache.sqlite`, opened for each work file, or, when
//! `PUENTE_CACHE_URL` or `[cache] url` names one, a PostgreSQL server's, connected once for the
//! run with its password found as the memory's is ([`super::memory::ServerAccess`]); a cache
//! that cannot be opened, or a server that stops answering, is said ([`Event::NoCache`],
//! [`Event::NoCacheServer`]) and the run goes on without it. A file's cache lookups are one
//! request, and a batch's verified translations are kept together once it is applied.
//!
//! Progress comes back as [`Event`]s, as it happens; nothing here prints or renders a message.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;

use super::engines::{self, Env, Setup};
use super::memory::ServerAccess;
use super::work::{self, Work};
use crate::check::QuoteStyle;
use crate::error::Error;
use crate::files;
use crate::glossary::matcher::Matcher;
use crate::glossary::Glossary;
use crate::lang::Lang;
use crate::mt::cache::{self, Cache, CacheError};
use crate::mt::http::HttpError;
use crate::mt::protect::{Protected, Protector, TokenKind};
use crate::mt::EngineError;
use crate::project::{parent_dir, slash_path, LangEvidence, Project};
use crate::text::sha256_hex;
use crate::tm::postgres::Server;
use crate::tm::FUZZY_THRESHOLD;
use crate::workfile::edit::{self, MT_NOTE, TM_NOTE};
use crate::workfile::FIELD_SOURCE_LANG;

/// What to translate, and how.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The work files and folders, in the order they are translated; a folder's work files
    /// are found as `check` finds them (sorted, each once, regular files only).
    pub workfiles: Vec<PathBuf>,
    /// The engine's name in puente.toml; the local Apertium program when `None`.
    pub engine: Option<String>,
    /// The glossary (`--glossary`), else the project's.
    pub glossary: Option<PathBuf>,
    /// The source language, over the work file's header.
    pub from: Option<Lang>,
    /// The target language, over the work file's header.
    pub to: Option<Lang>,
    /// Say what would be sent, send nothing and write nothing.
    pub dry_run: bool,
    /// Do not look in the translation memory.
    pub no_tm: bool,
    /// Neither read nor fill the cache of verified translations.
    pub no_cache: bool,
}

/// A work file's progress as saved on disk: segments translated and saved, segments still to
/// translate. What a run stopped now (by a signal) would leave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The work file, with forward slashes.
    pub file: String,
    /// Segments translated and in the file.
    pub done: usize,
    /// Segments still to translate.
    pub left: usize,
}

/// The summary of one work file (`--format json` writes it as it is), schema 1.
#[derive(Serialize, Default, Clone, Debug, PartialEq)]
pub struct Summary {
    /// The work file, with forward slashes.
    pub file: String,
    /// The engine, as provenance notes name it.
    pub engine: String,
    /// Segments nobody had translated when the run began.
    pub untranslated: usize,
    /// Segments whose request reached the engine.
    pub sent: usize,
    /// Segments filled from the cache.
    pub cached: usize,
    /// Segments filled from the memory (exact and similar matches).
    pub memory: usize,
    /// Of those, similar (fuzzy) matches.
    pub memory_fuzzy: usize,
    /// Machine translations that passed verification and were written.
    pub verified: usize,
    /// Of those, translations with a forbidden form the glossary's fix replaced (noted).
    pub repaired: usize,
    /// Of those, translations with words the engine did not know (their note names them).
    pub unknown: usize,
    /// Segments left untranslated, with a note that says why.
    pub failed: usize,
    /// Characters sent (or, in a dry run, that would be).
    pub characters: usize,
    /// Batches sent (or, in a dry run, that would be).
    pub batches: usize,
    /// How long the file took.
    pub seconds: f64,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Segments still untranslated when the run ended.
    pub left: usize,
    /// Whether the run stopped before sending everything (the error says why).
    pub stopped: bool,
}

impl Summary {
    /// Segments translated and saved: from the memory, the cache and the engine.
    pub fn done(&self) -> usize {
        self.memory + self.cached + self.verified
    }

    /// What a stopped file leaves: translated and saved, and still to translate.
    pub fn progress(&self) -> Progress {
        Progress {
            file: self.file.clone(),
            done: self.done(),
            left: self.left,
        }
    }
}

/// What happens during a run, as it happens.
#[derive(Debug)]
pub enum Event<'a> {
    /// The cache could not be opened: this file goes without it.
    NoCache {
        /// The cache file.
        path: &'a Path,
        /// Why (SQLite's words).
        reason: String,
    },
    /// The cache on a server (`[cache] url`, `PUENTE_CACHE_URL`) cannot be used, or stopped
    /// answering: the rest of the run goes without a cache.
    NoCacheServer {
        /// Host, port and database (never the password), or, for a URL that cannot be read,
        /// where it was written (`PUENTE_CACHE_URL`, `[cache] url`).
        place: &'a str,
        /// Why (the driver's or the server's words, without the password).
        reason: &'a str,
    },
    /// The work file was written (or, at its start, read): a run stopped now leaves this.
    Saved(&'a Progress),
    /// The work file's lock was left by a run that no longer exists (killed outright), and
    /// this run took it over.
    StaleLock {
        /// The work file, as given.
        path: &'a Path,
        /// The process that had left it.
        pid: u32,
    },
    /// Batches are about to leave for the engine.
    Sending {
        /// The work file, with forward slashes.
        file: &'a str,
        /// The engine, described.
        engine: &'a str,
        /// Segments to send.
        segments: usize,
    },
    /// A batch of `segments` segments came back (translated or not) and was applied.
    Batch {
        /// Its segments.
        segments: usize,
    },
    /// A work file is done (or stopped: [`Summary::stopped`]).
    Summary(&'a Summary),
    /// A special file (a FIFO, a socket, a device) with a work file's name, left alone.
    Skipped {
        /// The file.
        path: &'a Path,
    },
    /// A path named could not be searched (missing, unreadable, a folder without work
    /// files); the run goes on with the others.
    Unsearched(&'a Error),
    /// A work file could not be read or translated; the run goes on with the next.
    Failed {
        /// The work file.
        path: &'a Path,
        /// Why.
        error: &'a Error,
    },
}

/// What became of one work file.
#[derive(Debug)]
pub struct FileResult {
    /// The work file.
    pub path: PathBuf,
    /// Its summary, or why it could not be read or translated.
    pub outcome: Result<Summary, Error>,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// One result per work file the run reached, in order.
    pub files: Vec<FileResult>,
    /// Paths named that could not be searched for work files, each with why.
    pub unsearched: Vec<Error>,
    /// Why the run stopped before the end (a fatal engine answer, an engine that cannot be
    /// built): the files after the one it stopped in were not touched.
    pub stopped: Option<Error>,
}

impl Report {
    /// Whether a work file could not be read or translated, or the run stopped.
    pub fn has_errors(&self) -> bool {
        self.stopped.is_some()
            || !self.unsearched.is_empty()
            || self.files.iter().any(|f| f.outcome.is_err())
    }

    /// Whether a segment was left untranslated for a reason (not accepted, not answered).
    pub fn has_failures(&self) -> bool {
        self.files
            .iter()
            .any(|f| f.outcome.as_ref().is_ok_and(|s| s.failed > 0))
    }
}

/// Why an answer holding the engine's key is not accepted (it goes in the work file, so it
/// never quotes the answer).
const KEY_IN_ANSWER: &str = "the answer holds the engine's API key";

/// What the cache keys of this way of verifying carry: translations cached before engines'
/// unknown words were read and their forbidden forms repaired (issue 13) may hold either
/// unnoticed, so they are asked for again rather than written.
const CACHE_GENERATION: &str = "/2";

/// The longest gap between two requests a rate may ask for.
const DAY: std::time::Duration = std::time::Duration::from_secs(86_400);

/// The variable whose URL overrides `[cache] url`.
pub const CACHE_URL_VAR: &str = "PUENTE_CACHE_URL";

/// Where a run's cache is.
enum CacheAt {
    /// `--no-cache`: nowhere.
    Off,
    /// The project's `.puente/cache.sqlite` (one beside each work file outside a project),
    /// opened for each work file, as before the cache could be on a server.
    Files,
    /// The server of `PUENTE_CACHE_URL` or `[cache] url`, connected once for the run;
    /// `None` when it cannot be used (said once), and the run goes on uncached.
    Server(Option<Cache>),
}

/// Why the cache on a server cannot be used: where (host, port and database, or where a URL
/// that cannot be read was written) and why, for a warning.
type Unusable = (String, String);

/// The server `PUENTE_CACHE_URL` (from `env`), else `[cache] url`, names, with its password
/// found as the memory's is ([`super::memory::ServerAccess`]: the URL's own, from the variable
/// only; the variable `[cache] password_env` names; `PGPASSWORD`; the password file). `None`
/// when neither names one.
fn cache_server(
    project: &Project,
    env: Env<'_>,
) -> Option<Result<(Server, Option<String>), Unusable>> {
    let set = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    let settings = project
        .config()
        .map(|c| c.cache.clone())
        .unwrap_or_default();
    let (url, from) = match set(env(CACHE_URL_VAR)) {
        Some(url) => (url, CACHE_URL_VAR),
        None => (set(settings.url)?, "[cache] url"),
    };
    let (server, url_password) = match Server::parse(url.trim()) {
        Ok(parsed) => parsed,
        Err(problem) => return Some(Err((from.to_string(), problem.to_string()))),
    };
    let access = ServerAccess {
        configured: Some(server.url()),
        url_password,
        password_env: settings.password_env.map(|name| {
            let value = set(env(&name));
            (name, value)
        }),
        ..ServerAccess::from_env(&env)
    };
    Some(match access.password(&server) {
        Ok(password) => Ok((server, password)),
        Err(Error::MemoryPasswordEnv { name }) => Err((
            server.place(),
            format!("the variable {name} that [cache] password_env names is not set"),
        )),
        Err(e) => Err((server.place(), e.to_string())),
    })
}

/// Translates `request.workfiles` in order, saying what happens through `on`. `env` gives the
/// engine's key (see [`engines::Env`]). An error before the first file (an unknown engine, a
/// glossary that does not load) is returned; everything after is in the [`Report`].
pub fn run(
    project: &Project,
    request: &Request,
    env: Env<'_>,
    on: &mut impl FnMut(Event<'_>),
) -> Result<Report, Error> {
    let cfg = project.config();
    let quote_style = project.check_settings().quote_style;
    let loaded = project.glossary(request.glossary.as_deref())?;
    // The engine: `--engine NAME` from puente.toml, else the local Apertium binary.
    let setup = engines::setup(request.engine.as_deref(), cfg)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::EngineFailed {
            engine: setup.kind.clone(),
            message: e.to_string(),
        })?;
    // The cache on a server is connected once for the run; a dry run reads no cache.
    let cache = match cache_server(project, env) {
        _ if request.no_cache => CacheAt::Off,
        None => CacheAt::Files,
        Some(_) if request.dry_run => CacheAt::Server(None),
        Some(found) => CacheAt::Server(
            match found.and_then(|(server, password)| {
                Cache::connect(&server, password.as_deref()).map_err(|e| (e.0.place, e.0.detail))
            }) {
                Ok(cache) => Some(cache),
                Err((place, reason)) => {
                    on(Event::NoCacheServer {
                        place: &place,
                        reason: &reason,
                    });
                    None
                }
            },
        ),
    };
    let run = Run {
        project,
        request,
        cache,
        env,
        quote_style,
        glossary: &loaded.glossary,
        checksum: &loaded.checksum,
        setup,
        runtime,
    };
    let mut report = Report::default();
    // Folders are searched as `check` searches them; a path that cannot be searched is that
    // path's error, reported in its place among the files, and the run goes on.
    let found = super::workfiles::find(&request.workfiles, &project.work_dir(Path::new(".")));
    for path in &found.skipped {
        on(Event::Skipped { path });
    }
    // Each search error is said just before the first file found after its path, so the
    // events come in the order the paths were given.
    let mut errors = found.error_at.iter().copied().zip(found.errors).peekable();
    let mut unsearched = |until: usize, report: &mut Report, on: &mut dyn FnMut(Event<'_>)| {
        while let Some((_, error)) = errors.next_if(|(at, _)| *at <= until) {
            on(Event::Unsearched(&error));
            report.unsearched.push(error);
        }
    };
    for (i, path) in found.files.iter().enumerate() {
        unsearched(i, &mut report, on);
        match run.file(path, on) {
            Ok((summary, stop)) => {
                on(Event::Summary(&summary));
                report.files.push(FileResult {
                    path: path.clone(),
                    outcome: Ok(summary),
                });
                if stop.is_some() {
                    report.stopped = stop;
                    break;
                }
            }
            Err(Stop::File(error)) => {
                on(Event::Failed {
                    path,
                    error: &error,
                });
                report.files.push(FileResult {
                    path: path.clone(),
                    outcome: Err(error),
                });
            }
            Err(Stop::Run(error)) => {
                report.stopped = Some(error);
                break;
            }
        }
    }
    unsearched(usize::MAX, &mut report, on);
    Ok(report)
}

/// Why a work file ended without a summary.
enum Stop {
    /// Something about this file: the run goes on with the next.
    File(Error),
    /// Something that would fail every file (the engine cannot be built): the run stops.
    Run(Error),
}

impl From<Error> for Stop {
    fn from(e: Error) -> Self {
        Stop::File(e)
    }
}

/// What every work file of a run shares.
struct Run<'a> {
    project: &'a Project,
    request: &'a Request,
    cache: CacheAt,
    env: Env<'a>,
    quote_style: QuoteStyle,
    glossary: &'a Glossary,
    checksum: &'a str,
    setup: Setup,
    runtime: tokio::runtime::Runtime,
}

impl Run<'_> {
    /// Translates one work file: its summary, and the error that stops the run (a fatal
    /// engine answer) when there is one.
    fn file(
        &self,
        path: &Path,
        on: &mut dyn FnMut(Event<'_>),
    ) -> Result<(Summary, Option<Error>), Stop> {
        let request = self.request;
        let (glossary, checksum) = (self.glossary, self.checksum);
        let dry_run = request.dry_run;
        let started = Instant::now();
        // The run's cache on a server, else the project's file, or one beside the work file
        // outside a project.
        let file_cache;
        let cache: Option<&Cache> = match &self.cache {
            CacheAt::Off => None,
            CacheAt::Server(server) => server.as_ref(),
            CacheAt::Files => {
                let file = self.project.cache_path(&parent_dir(path));
                file_cache = match Cache::open(&file) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        on(Event::NoCache {
                            path: &file,
                            reason: e.to_string(),
                        });
                        None
                    }
                };
                file_cache.as_ref()
            }
        };
        // A cache that stops answering is said once, and the run goes on without it.
        let cache_failed = |e: CacheError, on: &mut dyn FnMut(Event<'_>)| {
            on(Event::NoCacheServer {
                place: &e.0.place,
                reason: &e.0.detail,
            })
        };
        // One writer at a time: while another translate or a segment rewrite holds the file,
        // this one is refused for that file (and the run goes on with the next).
        let held = if dry_run {
            None
        } else {
            Some(work::lock(path)?)
        };
        if let Some(pid) = held.as_ref().and_then(|l| l.took_over()) {
            on(Event::StaleLock { path, pid });
        }
        // Read before it is parsed: a change that slips in between is seen at the first
        // write, which then stops instead of writing.
        let mut saver = Saver::new(path, 0);
        let mut work = Work::open(path)?;
        let (declared_source, declared_target) = work.languages(path)?;
        let evidence = LangEvidence::flags(request.from, request.to)
            .with_header(declared_source, declared_target);
        let (source, target) = self.project.languages(path, evidence, None)?;
        let engine = Arc::new(
            self.setup
                .build(source, target, glossary, checksum, self.env)
                .map_err(Stop::Run)?,
        );
        // Described once: the text goes into every provenance note and cache key.
        let described = engine.describe();
        let provenance = format!("{MT_NOTE} {described}; glossary {checksum}");
        // The Spanish source's numbers are read as its header tag says (es-ES: 1.500,5), as
        // check reads them.
        let (source_tag, target_tag) = match &work {
            Work::Po(cat) => (
                cat.header_field(FIELD_SOURCE_LANG),
                cat.header_field("Language"),
            ),
            Work::Xliff { doc, .. } => (doc.src_lang.clone(), doc.trg_lang.clone()),
        };
        let settings = self.project.check_settings_for(
            (source, target),
            source_tag.as_deref(),
            target_tag.as_deref(),
        );
        let protector = Protector::new(glossary, source, target, self.quote_style)
            .with_number_locale(settings.number_locale);
        // Forbidden forms in what the engine wrote are found in the target language.
        let forbidden_matcher = Matcher::new(glossary, target);

        // Only what nobody has translated goes to the engine.
        let mut todo: Vec<usize> = work.edit().todo();
        let mut summary = Summary {
            file: slash_path(path),
            engine: described.clone(),
            untranslated: todo.len(),
            dry_run,
            ..Summary::default()
        };
        // From here a signal says how far this file got.
        saver.left = todo.len();
        if !dry_run {
            on(Event::Saved(&saver.progress()));
        }
        // The memory answers first: a sentence the newsroom has translated before is never
        // sent again. A match in the same context is accepted as reviewed when the project
        // says so; any other exact match is written fuzzy, for review, with its origin.
        let cfg = self.project.config();
        let tm_path = self.project.memory_path(None, &parent_dir(path));
        let memory = match dry_run || request.no_tm {
            true => None,
            false => super::memory::open_existing(&tm_path)?,
        };
        if let Some(memory) = memory {
            let accept = cfg.is_some_and(|c| c.tm.accept_exact_in_context);
            let edit = work.edit_mut();
            todo.retain(|&i| {
                let (prev, next) = edit.context(i);
                let Ok(Some((unit, same))) =
                    memory.exact(source, target, edit.source(i), &prev, &next)
                else {
                    return true;
                };
                let context = if same { " in context" } else { "" };
                let note = format!("{TM_NOTE} 100 % match{context}; from {}", unit.origin);
                if same && accept {
                    edit.accept_reviewed(i, unit.target, note);
                } else {
                    edit.accept(i, unit.target, note);
                }
                summary.memory += 1;
                false
            });
            // Then fuzzy matches: the best one at or above the threshold, written fuzzy with
            // its score, its origin and the memory's source (for PO as `#| msgid`, so
            // translators' tools show what differs).
            let threshold = cfg.map_or(FUZZY_THRESHOLD, |c| c.tm.threshold());
            let mut lookup_error = None;
            todo.retain(|&i| {
                if lookup_error.is_some() {
                    return true;
                }
                let hits = match memory.fuzzy(source, target, edit.source(i), threshold, 1) {
                    Ok(h) => h,
                    Err(e) => {
                        lookup_error = Some(e);
                        return true;
                    }
                };
                let Some(hit) = hits.into_iter().next() else {
                    return true;
                };
                let note = format!(
                    "{TM_NOTE} {} % match; from {}",
                    (hit.score * 100.0).floor(),
                    hit.unit.origin
                );
                edit.accept_similar(i, hit.unit.target, note, &hit.unit.source);
                summary.memory += 1;
                summary.memory_fuzzy += 1;
                false
            });
            if let Some(e) = lookup_error {
                return Err(Error::Memory {
                    path: tm_path.clone(),
                    message: e.to_string(),
                }
                .into());
            }
            if summary.memory > 0 {
                saver.pending += summary.memory;
                saver.save(&work, on)?;
            }
        }
        // The cache answers next: a repeated request costs nothing.
        let pair = format!("{source}-{target}{CACHE_GENERATION}");
        let cache_key = |text: &str| cache::key(&described, &pair, checksum, text);
        if let Some(c) = cache.filter(|_| !dry_run) {
            // One lookup for the whole file: one round trip to a server.
            let keys: Vec<String> = todo
                .iter()
                .map(|&i| cache_key(work.edit().source(i)))
                .collect();
            let found = c
                .get_many(&keys.iter().map(String::as_str).collect::<Vec<_>>())
                .unwrap_or_else(|e| {
                    cache_failed(e, on);
                    HashMap::new()
                });
            let mut keys = keys.iter();
            let edit = work.edit_mut();
            todo.retain(|&i| {
                let key = keys.next();
                // A hit that holds a key (stored before answers were checked for one) is
                // asked for again.
                let Some(hit) = key
                    .and_then(|k| found.get(k))
                    .filter(|hit| !engine.leaks(edit.source(i), hit))
                    .cloned()
                else {
                    return true;
                };
                edit.accept(i, hit, format!("{provenance}; verified; cached"));
                summary.cached += 1;
                false
            });
            if summary.cached > 0 {
                saver.pending += summary.cached;
                saver.save(&work, on)?;
            }
        }
        let (batch_size, batch_chars) = (self.setup.texts, self.setup.chars);
        // A dry run says what would be sent; a real run counts what was.
        if dry_run {
            summary.characters = todo
                .iter()
                .map(|&i| work.edit().source(i).chars().count())
                .sum();
        }
        let batches = batches(&work, &todo, batch_size, batch_chars);
        summary.batches = batches.len();
        summary.left = todo.len();
        if dry_run || todo.is_empty() {
            return Ok((summary, None));
        }
        // An engine that fails its check stops the run before any batch goes out.
        let mut fatal: Option<EngineError> = self.runtime.block_on(engine.check()).err();
        // Batches go out `concurrency` at a time; results are applied and written as each
        // batch comes back, so the file on disk is never more than one batch behind.
        let protected: Vec<_> = todo
            .iter()
            .map(|&i| protector.protect_with(work.edit().source(i), engine.method()))
            .collect();
        let position: HashMap<usize, usize> =
            todo.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        if fatal.is_none() {
            on(Event::Sending {
                file: &summary.file,
                engine: &described,
                segments: todo.len(),
            });
        }
        let outcome: Result<(), Error> = self.runtime.block_on(async {
            if fatal.is_some() {
                return Ok(());
            }
            let (concurrency, rps) = (self.setup.concurrency, self.setup.rps);
            let semaphore = Arc::new(tokio::sync::Semaphore::new(concurrency));
            // Requests start no faster than the engine's requests_per_second allows.
            let next_slot = Arc::new(tokio::sync::Mutex::new(tokio::time::Instant::now()));
            // Batches leave in file order whichever task gets a permit first: a task
            // that gets one takes the next batch from this queue. Order matters to the
            // translator (the file fills from the top) and makes a stopped run's
            // remainder predictable.
            let queue: Arc<std::sync::Mutex<VecDeque<_>>> = Arc::new(std::sync::Mutex::new(
                batches
                    .iter()
                    .enumerate()
                    .map(|(b, batch)| {
                        let texts: Vec<String> = batch
                            .iter()
                            .map(|i| protected[position[i]].text.clone())
                            .collect();
                        let notes = instructions(batch.iter().map(|i| &protected[position[i]]));
                        (b, texts, notes)
                    })
                    .collect(),
            ));
            let mut set = tokio::task::JoinSet::new();
            for _ in 0..batches.len() {
                let engine = Arc::clone(&engine);
                let permit = Arc::clone(&semaphore);
                let next_slot = Arc::clone(&next_slot);
                let queue = Arc::clone(&queue);
                set.spawn(async move {
                    // A closed gate means the engine gave a fatal answer: the batch is not
                    // sent, and has nothing to apply.
                    let Ok(_permit) = Arc::clone(&permit).acquire_owned().await else {
                        return (usize::MAX, None);
                    };
                    // One task per batch, so the queue holds one for every permit taken.
                    let Some((b, texts, notes)) = queue
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .pop_front()
                    else {
                        return (usize::MAX, None);
                    };
                    if let Some(rps) = rps {
                        let mut next = next_slot.lock().await;
                        tokio::time::sleep_until(*next).await;
                        // The config keeps the rate within one request a day and 1000 a
                        // second; checked all the same, so no number can panic here.
                        let gap = std::time::Duration::try_from_secs_f64(1.0 / rps)
                            .unwrap_or(DAY)
                            .min(DAY);
                        let now = tokio::time::Instant::now();
                        *next = now.checked_add(gap).unwrap_or(now);
                    }
                    let outputs = engine.translate(texts, notes).await;
                    // Closed before this batch's permit is released, so no waiting batch
                    // slips out between a fatal answer and the abort below.
                    if outputs.as_ref().is_err_and(EngineError::is_fatal) {
                        permit.close();
                    }
                    (b, Some(outputs))
                });
            }
            // Each batch is applied and written as soon as it comes back, so a killed run
            // loses at most the batches in flight.
            while let Some(joined) = set.join_next().await {
                let (b, outputs) = match joined {
                    Ok((b, Some(outputs))) => (b, outputs),
                    Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                    // A batch cancelled after a fatal answer has nothing to apply.
                    Ok((_, None)) | Err(_) => continue,
                };
                let batch = &batches[b];
                on(Event::Batch {
                    segments: batch.len(),
                });
                // Sent means the server had the texts: an answer, even a refusal.
                if outputs.as_ref().map_or_else(reached, |_| true) {
                    summary.sent += batch.len();
                    summary.characters += batch
                        .iter()
                        .map(|&i| work.edit().source(i).chars().count())
                        .sum::<usize>();
                }
                let outputs = match outputs {
                    Ok(o) => o,
                    Err(e) => {
                        // A batch without a translation stays untranslated, noted with what
                        // became of its request; a bad key or an exhausted quota stops the
                        // run after what already landed is written.
                        summary.failed += batch.len();
                        let fate = fate(&e);
                        for &i in batch {
                            work.edit_mut()
                                .reject(i, format!("{provenance}; {fate}: {e}"));
                        }
                        if e.is_fatal() && fatal.is_none() {
                            fatal = Some(e);
                            set.abort_all();
                        }
                        saver.save(&work, on)?;
                        continue;
                    }
                };
                // The batch's verified translations, kept together once it is applied.
                let mut keep = Vec::new();
                for (&i, output) in batch.iter().zip(&outputs) {
                    let p = &protected[position[&i]];
                    let source_text = work.edit().source(i).to_string();
                    let mut result = protector.restore(&source_text, p, &output.text);
                    let mut unknown = output.unknown.clone();
                    if result.is_err() && fatal.is_none() {
                        // One retry, alone: a batch neighbour can disturb an engine.
                        let notes = instructions(std::iter::once(p));
                        match engine.translate(vec![p.text.clone()], notes).await {
                            Ok(again) => {
                                if let Some(o) = again.first() {
                                    result = protector.restore(&source_text, p, &o.text);
                                    unknown = o.unknown.clone();
                                }
                            }
                            Err(e) if e.is_fatal() => {
                                fatal = Some(e);
                                semaphore.close();
                                set.abort_all();
                            }
                            Err(_) => {}
                        }
                    }
                    // An answer that holds the key (or the mask the key became) is never
                    // written or cached, however short the key.
                    let result = match result {
                        Ok(t) if engine.leaks(&source_text, &t) => Err(KEY_IN_ANSWER.to_string()),
                        Ok(t) => repair(glossary, &forbidden_matcher, target, t),
                        Err(why) => Err(why.to_string()),
                    };
                    // A protected span is the engine's unknown word by design, never the
                    // source's.
                    unknown.retain(|w| !p.tokens.iter().any(|t| w.contains(t.key.as_str())));
                    match result {
                        Ok((translation, repairs)) => {
                            // A translation with unknown words is not cached: a later run
                            // asks again, and writes the note again.
                            if cache.is_some() && unknown.is_empty() {
                                keep.push(cache::Entry {
                                    key: cache_key(&source_text),
                                    engine: described.clone(),
                                    source: source_text.clone(),
                                    target: translation.clone(),
                                });
                            }
                            let mut note = format!("{provenance}; verified");
                            for r in &repairs {
                                note.push_str("; ");
                                note.push_str(r);
                            }
                            if !unknown.is_empty() {
                                note.push_str("; ");
                                note.push_str(&edit::unknown_words_note(&unknown));
                                summary.unknown += 1;
                            }
                            summary.repaired += usize::from(!repairs.is_empty());
                            work.edit_mut().accept(i, translation, note);
                            summary.verified += 1;
                            saver.pending += 1;
                        }
                        Err(why) => {
                            work.edit_mut()
                                .reject(i, format!("{provenance}; not accepted: {why}"));
                            summary.failed += 1;
                        }
                    }
                }
                if let Some(Err(e)) = cache.map(|c| c.put_many(&keep)) {
                    cache_failed(e, on);
                }
                saver.save(&work, on)?;
            }
            Ok(())
        });
        outcome?;
        summary.seconds = started.elapsed().as_secs_f64();
        summary.left = summary.untranslated.saturating_sub(summary.done());
        summary.stopped = fatal.is_some();
        let stop = fatal.map(|e| self.setup.error(e));
        Ok((summary, stop))
    }
}

/// A verified translation with every forbidden form of the glossary replaced by its fix, and
/// what was replaced, for the note; refused (with the reason for the note) when a forbidden
/// form has no unambiguous fix, so it is never written as a verified translation.
fn repair(
    glossary: &Glossary,
    matcher: &Matcher,
    target: Lang,
    text: String,
) -> Result<(String, Vec<String>), String> {
    let (repaired, found) = glossary.repair_forbidden(matcher, &text, target);
    if let Some(f) = found.iter().find(|f| f.fix.is_none()) {
        return Err(format!(
            "forbidden «{}» ({}): no unambiguous fix",
            f.form, f.entry
        ));
    }
    let notes = found
        .iter()
        .map(|f| {
            format!(
                "forbidden «{}» replaced by «{}» ({})",
                f.form,
                f.fix.as_deref().unwrap_or_default(),
                f.entry
            )
        })
        .collect();
    Ok((repaired, notes))
}

/// Whether a failed request reached the server: it answered, if only to refuse.
fn reached(e: &EngineError) -> bool {
    matches!(
        e,
        EngineError::Http(
            HttpError::Status { .. }
                | HttpError::Protocol { .. }
                | HttpError::Wait { .. }
                | HttpError::Redirect { .. }
        )
    )
}

/// What became of a batch's request, for the note on its segments: refused by the server,
/// answered in a way that is no translation, left without an answer, or never sent.
fn fate(e: &EngineError) -> &'static str {
    match e {
        EngineError::Http(
            HttpError::Status { .. } | HttpError::Wait { .. } | HttpError::Redirect { .. },
        ) => "refused",
        EngineError::Http(HttpError::Protocol { .. }) => "unexpected answer",
        EngineError::Http(
            HttpError::Timeout { .. } | HttpError::Dead { .. } | HttpError::Transport { .. },
        ) => "no answer",
        EngineError::Http(HttpError::Deadline { .. }) => "stopped at the deadline",
        EngineError::Apertium(_) => "failed",
    }
}

/// The checksum of the file's bytes as they are now (`None` when it cannot be read).
fn fingerprint(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| sha256_hex(&b))
}

/// Writes the work file after each step, but only over the file this run last read or wrote:
/// a file another program changed underneath (an editor, a `segment --update` that ignored
/// the lock) is left as it is, and the run stops, saying how many translations it could not
/// write.
struct Saver {
    path: PathBuf,
    /// The checksum of the file as this run last read or wrote it.
    seen: Option<String>,
    /// Translations in memory that are not in the file yet.
    pending: usize,
    /// Segments translated and saved (in the file), and still to translate.
    saved: usize,
    left: usize,
}

impl Saver {
    /// A saver for `path` as it is on disk now, with `left` segments still to translate.
    fn new(path: &Path, left: usize) -> Saver {
        Saver {
            seen: fingerprint(path),
            path: path.to_path_buf(),
            pending: 0,
            saved: 0,
            left,
        }
    }

    /// The file's progress as saved.
    fn progress(&self) -> Progress {
        Progress {
            file: slash_path(&self.path),
            done: self.saved,
            left: self.left,
        }
    }

    /// Writes `work` over the file, unless another program changed it since this run last
    /// read or wrote it; says so through `on`.
    fn save(&mut self, work: &Work, on: &mut dyn FnMut(Event<'_>)) -> Result<(), Error> {
        if fingerprint(&self.path) != self.seen {
            return Err(Error::WorkfileChanged {
                path: self.path.clone(),
                lost: self.pending,
            });
        }
        let text = work.render();
        // The file and the record of what it holds change as one step for a signal, which
        // reports that record: a signal between the rename and the record would otherwise
        // say fewer segments were saved than the file holds.
        files::commit(|| {
            files::write_atomic(&self.path, text.as_bytes())?;
            self.seen = Some(sha256_hex(text.as_bytes()));
            self.saved += self.pending;
            self.left = self.left.saturating_sub(self.pending);
            self.pending = 0;
            on(Event::Saved(&self.progress()));
            Ok(())
        })
    }
}

/// The instructions for a batch: what each segment entrusts to the engine, once each.
fn instructions<'a>(segments: impl Iterator<Item = &'a Protected>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in segments {
        for e in &p.expected {
            let line = match e.kind {
                TokenKind::Name => format!("Keep the name \"{}\" exactly as written.", e.source),
                TokenKind::Term => format!(
                    "Translate \"{}\" with one of: {}.",
                    e.source,
                    e.forms
                        .iter()
                        .map(|f| format!("\"{f}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                TokenKind::Quote => format!(
                    "The quote \"{}\" must be printed exactly as: \"{}\".",
                    e.source,
                    e.forms.first().map(String::as_str).unwrap_or_default()
                ),
            };
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}

/// Groups `todo` (entry indexes) into batches of at most `texts` segments and `chars`
/// characters (a longer segment goes alone).
fn batches(work: &Work, todo: &[usize], texts: usize, chars: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut size = 0;
    for &i in todo {
        let len = work.edit().source(i).chars().count();
        let full = out
            .last()
            .is_none_or(|b| b.len() >= texts || (size + len > chars && !b.is_empty()));
        if full {
            out.push(Vec::new());
            size = 0;
        }
        out.last_mut().expect("a batch exists").push(i);
        size += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// A project in `dir` whose engine `fake` is a shell script standing in for the Apertium
    /// program: it lists `pairs`, and "translates" by writing `ES ` before each line.
    fn project(dir: &Path, pairs: &str) -> Project {
        use std::os::unix::fs::PermissionsExt;
        let script = dir.join("fake-apertium");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nif [ \"$1\" = -l ]; then echo {pairs}; exit 0; fi\n\
                 sed 's/^\\(.\\)/ES \\1/'\n"
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let toml = format!(
            "[engine.fake]\nkind = \"apertium\"\nprogram = \"{}\"\n",
            script.display()
        );
        let config = Config::parse(&dir.join(crate::config::FILE_NAME), &toml).unwrap();
        Project::from_config(Some(config))
    }

    /// A PO work file, English to Spanish, with the untranslated entries `sources`.
    fn po(sources: &[&str]) -> String {
        let mut po = String::from(
            "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\"X-Source-Language: en\\n\"\n",
        );
        for (i, s) in sources.iter().enumerate() {
            po.push_str(&format!("\nmsgctxt \"p{i}\"\nmsgid \"{s}\"\nmsgstr \"\"\n"));
        }
        po
    }

    /// A request for `files` with the fake engine, an empty glossary folder and no memory.
    fn request(files: Vec<PathBuf>) -> Request {
        let glossary = files[0].with_file_name("glossary");
        std::fs::create_dir_all(&glossary).unwrap();
        Request {
            glossary: Some(glossary),
            workfiles: files,
            engine: Some("fake".into()),
            no_tm: true,
            ..Request::default()
        }
    }

    /// The events of a run, as text: their kind and what they count.
    fn run_logged(project: &Project, request: &Request) -> (Report, Vec<String>) {
        let mut log = Vec::new();
        let report = run(project, request, &|_| None, &mut |e| {
            log.push(match e {
                Event::NoCache { .. } => "no-cache".to_string(),
                Event::NoCacheServer { place, .. } => format!("no-cache-server {place}"),
                Event::StaleLock { pid, .. } => format!("stale lock {pid}"),
                Event::Saved(p) => format!(
                    "saved {} {}/{}",
                    p.file.rsplit('/').next().unwrap_or_default(),
                    p.done,
                    p.left
                ),
                Event::Sending { segments, .. } => format!("sending {segments}"),
                Event::Batch { segments } => format!("batch {segments}"),
                Event::Summary(s) => format!("summary {}", s.verified),
                Event::Failed { .. } => "failed".to_string(),
                Event::Unsearched(_) => "unsearched".to_string(),
                Event::Skipped { path } => format!("skipped {}", path.display()),
            })
        })
        .unwrap();
        (report, log)
    }

    #[test]
    fn a_folder_is_translated_file_by_file_in_name_order_and_an_empty_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path(), "eng-spa");
        let work = dir.path().join("work");
        std::fs::create_dir_all(work.join("sub")).unwrap();
        std::fs::create_dir_all(dir.path().join("empty")).unwrap();
        std::fs::write(work.join("b.po"), po(&["Good night."])).unwrap();
        std::fs::write(work.join("a.po"), po(&["Good morning.", "Good day."])).unwrap();
        std::fs::write(work.join("sub").join("c.po"), po(&["Hello."])).unwrap();
        // Not a work file: a folder's other files are left alone.
        std::fs::write(work.join("notes.txt"), "Hello.").unwrap();
        let request = Request {
            no_cache: true,
            ..request(vec![work.clone(), dir.path().join("empty")])
        };
        let (report, log) = run_logged(&project, &request);
        let summaries: Vec<&String> = log.iter().filter(|l| l.starts_with("summary")).collect();
        assert_eq!(
            summaries,
            ["summary 2", "summary 1", "summary 1"],
            "{log:?}"
        );
        let names: Vec<String> = report
            .files
            .iter()
            .map(|f| f.outcome.as_ref().unwrap().file.clone())
            .collect();
        let names: Vec<&str> = names
            .iter()
            .map(|n| n.rsplit("work/").next().unwrap())
            .collect();
        assert_eq!(names, ["a.po", "b.po", "sub/c.po"]);
        assert!(
            matches!(report.unsearched[..], [Error::NoWorkfiles { .. }]),
            "{:?}",
            report.unsearched
        );
        assert!(report.has_errors());
        for f in ["a.po", "b.po", "sub/c.po"] {
            let text = std::fs::read_to_string(work.join(f)).unwrap();
            let empty = text.contains("msgstr \"\"\n\n") || text.ends_with("msgstr \"\"\n");
            assert!(!empty && text.contains("msgstr \"ES "), "{f}: {text}");
        }
        assert_eq!(
            std::fs::read_to_string(work.join("notes.txt")).unwrap(),
            "Hello."
        );
    }

    #[test]
    fn a_file_that_cannot_be_read_is_reported_and_the_next_is_translated() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path(), "eng-spa");
        let good = dir.path().join("good.po");
        std::fs::write(&good, po(&["Good morning.", "Good night."])).unwrap();
        let request = Request {
            no_cache: true,
            ..request(vec![dir.path().join("missing.po"), good.clone()])
        };
        let (report, log) = run_logged(&project, &request);
        assert_eq!(
            log,
            [
                "unsearched",
                "saved good.po 0/2",
                "sending 2",
                "batch 2",
                "saved good.po 2/0",
                "summary 2"
            ]
        );
        assert!(report.has_errors() && !report.has_failures() && report.stopped.is_none());
        assert!(
            matches!(report.unsearched[..], [Error::NotFound { .. }]),
            "{:?}",
            report.unsearched
        );
        let summary = report.files[0].outcome.as_ref().unwrap();
        assert_eq!(
            (summary.untranslated, summary.sent, summary.left),
            (2, 2, 0)
        );
        let text = std::fs::read_to_string(&good).unwrap();
        assert!(text.contains("msgstr \"ES Good night.\""), "{text}");
        // The provenance names the engine and the glossary (here the one in the current folder).
        assert!(
            text.contains("# puente-mt: apertium eng-spa; glossary "),
            "{text}"
        );
    }

    #[test]
    fn the_cache_answers_a_second_run_and_a_dry_run_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path(), "eng-spa");
        let (a, b) = (dir.path().join("a.po"), dir.path().join("b.po"));
        std::fs::write(&a, po(&["Good morning."])).unwrap();
        std::fs::write(&b, po(&["Good morning."])).unwrap();
        let dry = Request {
            dry_run: true,
            ..request(vec![a.clone()])
        };
        let (report, log) = run_logged(&project, &dry);
        assert_eq!(log, ["summary 0"]);
        let summary = report.files[0].outcome.as_ref().unwrap();
        assert_eq!((summary.characters, summary.batches), (13, 1));
        assert_eq!(std::fs::read_to_string(&a).unwrap(), po(&["Good morning."]));
        run_logged(&project, &request(vec![a]));
        let (report, log) = run_logged(&project, &request(vec![b]));
        assert_eq!(log, ["saved b.po 0/1", "saved b.po 1/0", "summary 0"]);
        assert_eq!(report.files[0].outcome.as_ref().unwrap().cached, 1);
    }

    #[test]
    fn a_translation_cached_before_marks_and_forbidden_forms_were_read_is_asked_again() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path(), "eng-spa");
        let path = dir.path().join("a.po");
        std::fs::write(&path, po(&["Good morning."])).unwrap();
        let request = request(vec![path.clone()]);
        let checksum = project
            .glossary(request.glossary.as_deref())
            .unwrap()
            .checksum
            .clone();
        // What an earlier version cached for this request: a forbidden form it never saw.
        let cache = Cache::open(&project.cache_path(dir.path())).unwrap();
        let old = cache::key("apertium eng-spa", "en-es", &checksum, "Good morning.");
        cache.put(&old, "apertium eng-spa", "Good morning.", "La huelga.");
        drop(cache);
        let (report, _) = run_logged(&project, &request);
        let summary = report.files[0].outcome.as_ref().unwrap();
        assert_eq!((summary.cached, summary.verified), (0, 1));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("msgstr \"ES Good morning.\""), "{text}");
    }

    #[test]
    fn an_engine_that_fails_its_check_stops_the_run_before_the_next_file() {
        let dir = tempfile::tempdir().unwrap();
        let project = project(dir.path(), "spa-eng");
        let (a, b) = (dir.path().join("a.po"), dir.path().join("b.po"));
        std::fs::write(&a, po(&["Good morning."])).unwrap();
        std::fs::write(&b, po(&["Good night."])).unwrap();
        let (report, log) = run_logged(&project, &request(vec![a, b]));
        // Nothing was sent; the file's summary says what is left, then the run stops.
        assert_eq!(log, ["saved a.po 0/1", "summary 0"]);
        assert_eq!(report.files.len(), 1);
        let summary = report.files[0].outcome.as_ref().unwrap();
        assert!(summary.stopped && summary.left == 1 && summary.sent == 0);
        assert!(
            matches!(&report.stopped, Some(Error::EnginePair { pair, .. }) if pair == "eng-spa"),
            "{:?}",
            report.stopped
        );
    }

    #[test]
    fn each_save_says_what_a_signal_reports_and_a_changed_file_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.po");
        std::fs::write(&path, po(&["a"])).unwrap();
        let mut saver = Saver::new(&path, 5);
        let work = Work::open(&path).unwrap();
        let mut seen = Vec::new();
        saver.pending = 2;
        saver
            .save(&work, &mut |e| {
                if let Event::Saved(p) = e {
                    seen.push((p.done, p.left));
                }
            })
            .unwrap();
        assert_eq!(seen, [(2, 3)]);
        // Another program writes the file: the next save refuses, and says nothing.
        std::fs::write(&path, "changed").unwrap();
        saver.pending = 1;
        let refused = saver.save(&work, &mut |_| panic!("no event for a refused save"));
        assert!(matches!(
            refused,
            Err(Error::WorkfileChanged { lost: 1, .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "changed");
    }
}
