//! `puente translate`: fills the untranslated segments of PO work files with machine
//! translation: protect → batch → send → restore → verify → write.
//!
//! Accepted results are written fuzzy, with their provenance in a translator comment; a result
//! that fails verification is retried alone once, then left untranslated with a comment that
//! says why. Translations people wrote (fuzzy or not) are never touched. The file is rewritten
//! atomically after every batch, so an interrupted run leaves a valid file and the next run
//! sends only what is still missing.
//!
//! Before the first batch the engine checks itself: the local program lists the pair, a
//! server answers its probe within seconds (see [`crate::mt::http`]). Whatever stops a run
//! (the check fails, the engine refuses the key, is dead or overloaded, redirects elsewhere,
//! asks for too long a wait, the local program outlives its timeout, or the run's deadline
//! passes), every batch that came back is already in the file, the summary still says what
//! was translated and what is left, and the error follows (exit 2).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::ArgMatches;
use serde::Serialize;

use super::check::{project_glossary, settings};
use super::engines;
use super::glossary::glossary_files;
use super::work::{Work, MT_NOTE, TM_NOTE};
use super::{project_config, CmdResult};
use crate::error::Error;
use crate::files;
use crate::lang::Lang;
use crate::mt::apertium::ApertiumError;
use crate::mt::cache::{self, Cache};
use crate::mt::http::HttpError;
use crate::mt::lock::{Lock, LockError};
use crate::mt::protect::{Protected, Protector, TokenKind};
use crate::mt::EngineError;
use crate::output::Output;
use crate::t;
use crate::text::sha256_hex;
use crate::tm::FUZZY_THRESHOLD;

/// The work file a run is filling and how far it got, as saved on disk: what a signal that
/// ends the process reports ([`report_interrupted`]). `None` between work files.
static PROGRESS: std::sync::Mutex<Option<Progress>> = std::sync::Mutex::new(None);

/// A run's progress: its work file, segments translated and saved, segments left.
#[derive(Clone, Debug, PartialEq)]
struct Progress {
    file: String,
    done: usize,
    left: usize,
}

/// Records (or clears) the progress a signal reports.
fn set_progress(progress: Option<Progress>) {
    *PROGRESS.lock().unwrap_or_else(|e| e.into_inner()) = progress;
}

/// The line a stopped run prints: segments translated and saved, and still to translate.
fn stopped_line(l: &crate::l10n::L10n, p: &Progress) -> String {
    t!(
        l,
        "translate-stopped",
        file = p.file.clone(),
        done = p.done,
        left = p.left
    )
}

/// For the signal handler, before the process exits: when a translate run is under way, says
/// on stderr how many segments it translated and saved and how many are still to translate,
/// as a run that stopped for any other reason does. Nothing otherwise.
pub fn report_interrupted(l: &crate::l10n::L10n) {
    // The handler must not wait on a run that holds the record at that instant: a run only
    // holds it to copy a few numbers, so one short wait is enough, and none is a silence.
    let progress = PROGRESS
        .try_lock()
        .ok()
        .and_then(|p| p.clone())
        .or_else(|| {
            std::thread::sleep(std::time::Duration::from_millis(5));
            PROGRESS.try_lock().ok().and_then(|p| p.clone())
        });
    if let Some(p) = progress {
        Output::new(l).note(&stopped_line(l, &p));
    }
}

/// Why an answer holding the engine's key is not accepted (it goes in the work file, so it
/// never quotes the answer).
const KEY_IN_ANSWER: &str = "the answer holds the engine's API key";

/// The longest gap between two requests a rate may ask for.
const DAY: std::time::Duration = std::time::Duration::from_secs(86_400);

/// The summary (`--format json`), schema 1.
#[derive(Serialize, Default)]
struct Summary {
    schema: u32,
    file: String,
    engine: String,
    untranslated: usize,
    sent: usize,
    cached: usize,
    memory: usize,
    memory_fuzzy: usize,
    verified: usize,
    failed: usize,
    characters: usize,
    batches: usize,
    seconds: f64,
    dry_run: bool,
    /// Segments still untranslated when the run ended.
    left: usize,
    /// Whether the run stopped before sending everything (the error says why).
    stopped: bool,
}

/// The checksum of the glossary files (names and contents), for provenance.
fn glossary_checksum(path: Option<&Path>) -> Result<String, Error> {
    let Some(path) = path else {
        return Ok("none".into());
    };
    let mut all = Vec::new();
    for f in glossary_files(path)? {
        all.extend_from_slice(
            f.file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or_default(),
        );
        all.push(0);
        all.extend_from_slice(files::read_text(&f)?.as_bytes());
        all.push(0);
    }
    Ok(sha256_hex(&all)[..16].to_string())
}

/// The error for what `engine` (its name in puente.toml) answered.
pub(super) fn mt_error(engine: &str, e: EngineError) -> Error {
    match e {
        EngineError::Apertium(a) => apertium_error(engine, a),
        EngineError::Http(h) => http_error(engine, h),
    }
}

/// Every text in `e` is already redacted.
fn http_error(engine: &str, e: HttpError) -> Error {
    let engine = engine.to_string();
    match e {
        HttpError::Timeout { url, seconds } => Error::EngineTimeout {
            engine,
            url: url.to_string(),
            seconds: seconds.to_string(),
        },
        HttpError::Redirect { from, to } => Error::EngineRedirect {
            engine,
            from: from.to_string(),
            to: to.to_string(),
        },
        HttpError::Wait {
            url,
            status,
            seconds,
        } => Error::EngineWait {
            engine,
            url: url.to_string(),
            status,
            seconds,
        },
        HttpError::Deadline { seconds, .. } => Error::EngineDeadline {
            engine,
            seconds: seconds.to_string(),
        },
        HttpError::Dead {
            url,
            seconds,
            after,
        } => Error::EngineDead {
            engine,
            url: url.to_string(),
            seconds: seconds.to_string(),
            after: after.map(|a| a.to_string()),
        },
        other => Error::EngineFailed {
            engine,
            message: other.to_string(),
        },
    }
}

/// `engine` is the name in puente.toml (`apertium` for the default).
fn apertium_error(engine: &str, e: ApertiumError) -> Error {
    match e {
        ApertiumError::Missing => Error::EngineMissing {
            engine: "apertium".into(),
        },
        ApertiumError::PairMissing(pair) => Error::EnginePair {
            engine: "apertium".into(),
            pair,
        },
        ApertiumError::Failed { pair, message } => Error::EngineFailed {
            engine: format!("apertium {pair}"),
            message,
        },
        ApertiumError::Timeout { program, seconds } => Error::EngineStuck {
            engine: engine.to_string(),
            program,
            seconds: seconds.to_string(),
        },
    }
}

pub fn run(m: &ArgMatches, out: &Output<'_>) -> CmdResult {
    let l = out.l10n();
    let cfg = project_config()?;
    let check_settings = settings(cfg.as_ref())?;
    let (glossary_path, glossary) = project_glossary(m, cfg.as_ref())?;
    let checksum = glossary_checksum(glossary_path.as_deref())?;

    // The engine: `--engine NAME` from puente.toml, else the local Apertium binary.
    let engine_name = m.get_one::<String>("engine").cloned();
    let setup = engines::setup(engine_name.as_deref(), cfg.as_ref())?;
    let name = setup.name.clone();
    let kind = setup.kind.clone();
    let (batch_size, batch_chars, concurrency, rps) =
        (setup.texts, setup.chars, setup.concurrency, setup.rps);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::EngineFailed {
            engine: kind.clone(),
            message: e.to_string(),
        })?;
    let dry_run = m.get_flag("dry-run");
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");

    let no_cache = m.get_flag("no-cache");
    let mut code = ExitCode::SUCCESS;
    let paths: Vec<PathBuf> = m
        .get_many::<PathBuf>("workfiles")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    for path in paths {
        let started = Instant::now();
        // The project's cache, or one beside the work file outside a project.
        let cache = if no_cache {
            None
        } else {
            let dir = cfg
                .as_ref()
                .map(|c| c.root.clone())
                .unwrap_or_else(|| super::parent_dir(&path));
            let file = dir.join(".puente").join("cache.sqlite");
            match Cache::open(&file) {
                Ok(c) => Some(c),
                Err(e) => {
                    out.note(&t!(
                        l,
                        "translate-no-cache",
                        path = super::slash_path(&file),
                        reason = e.to_string()
                    ));
                    None
                }
            }
        };
        // One writer at a time: another translate, or a segment --update, waits its turn.
        let _lock = if dry_run { None } else { Some(lock(&path)?) };
        // Read before it is parsed: a change that slips in between is seen at the first
        // write, which then stops instead of writing.
        let mut saver = Saver::new(&path, 0);
        let mut work = Work::open(&path)?;
        let (declared_source, declared_target) = work.languages();
        let source = m
            .get_one::<Lang>("from")
            .copied()
            .or(declared_source)
            .or_else(|| cfg.as_ref().map(|c| c.project.source));
        let target = m
            .get_one::<Lang>("to")
            .copied()
            .or(declared_target)
            .or_else(|| source.map(Lang::other));
        let (Some(source), Some(target)) = (source, target) else {
            return Err(Error::NoLanguages { path }.into());
        };
        let engine = std::sync::Arc::new(setup.build(source, target, &glossary, &checksum)?);
        // Described once: the text goes into every provenance note and cache key.
        let described = engine.describe();
        let provenance = format!("{MT_NOTE} {described}; glossary {checksum}");
        let protector = Protector::new(&glossary, source, target, check_settings.quote_style);

        // Only what nobody has translated goes to the engine.
        let mut todo: Vec<usize> = work.todo();
        let mut summary = Summary {
            schema: 1,
            file: super::slash_path(&path),
            engine: described.clone(),
            untranslated: todo.len(),
            dry_run,
            ..Summary::default()
        };
        // From here a signal says how far this file got.
        saver.left = todo.len();
        if !dry_run {
            set_progress(Some(Progress {
                file: summary.file.clone(),
                done: 0,
                left: saver.left,
            }));
        }
        // The memory answers first: a sentence the newsroom has translated before is never
        // sent again. A match in the same context is accepted as reviewed when the project
        // says so; any other exact match is written fuzzy, for review, with its origin.
        let tm_path = super::tm::memory_path(None, cfg.as_ref(), &super::parent_dir(&path));
        if !dry_run && !m.get_flag("no-tm") && tm_path.exists() {
            let accept = cfg.as_ref().is_some_and(|c| c.tm.accept_exact_in_context);
            let memory = super::tm::open(&tm_path)?;
            todo.retain(|&i| {
                let (prev, next) = work.context(i);
                let Ok(Some((unit, same))) =
                    memory.exact(source, target, work.source(i), &prev, &next)
                else {
                    return true;
                };
                let context = if same { " in context" } else { "" };
                let note = format!("{TM_NOTE} 100 % match{context}; from {}", unit.origin);
                if same && accept {
                    work.accept_reviewed(i, unit.target, note);
                } else {
                    work.accept(i, unit.target, note);
                }
                summary.memory += 1;
                false
            });
            // Then fuzzy matches: the best one at or above the threshold, written fuzzy with
            // its score, its origin and the memory's source (for PO as `#| msgid`, so
            // translators' tools show what differs).
            let threshold = cfg.as_ref().map_or(FUZZY_THRESHOLD, |c| c.tm.threshold());
            let mut lookup_error = None;
            todo.retain(|&i| {
                if lookup_error.is_some() {
                    return true;
                }
                let hits = match memory.fuzzy(source, target, work.source(i), threshold, 1) {
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
                work.accept_similar(i, hit.unit.target, note, &hit.unit.source);
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
                saver.save(&work)?;
            }
        }
        // The cache answers next: a repeated request costs nothing.
        let pair = format!("{source}-{target}");
        let cache_key = |text: &str| cache::key(&described, &pair, &checksum, text);
        if let Some(c) = cache.as_ref().filter(|_| !dry_run) {
            todo.retain(|&i| {
                // A hit that holds a key (stored before answers were checked for one) is
                // asked for again.
                let Some(hit) = c
                    .get(&cache_key(work.source(i)))
                    .filter(|hit| !engine.leaks(work.source(i), hit))
                else {
                    return true;
                };
                work.accept(i, hit, format!("{provenance}; verified; cached"));
                summary.cached += 1;
                false
            });
            if summary.cached > 0 {
                saver.pending += summary.cached;
                saver.save(&work)?;
            }
        }
        let chars = |i: usize| work.source(i).chars().count();
        // A dry run says what would be sent; a real run counts what was.
        if dry_run {
            summary.characters = todo.iter().map(|&i| chars(i)).sum();
        }
        let batches = batches(&work, &todo, batch_size, batch_chars);
        summary.batches = batches.len();
        summary.left = todo.len();
        if dry_run || todo.is_empty() {
            set_progress(None);
            report(out, l, &summary, json)?;
            continue;
        }
        // An engine that fails its check stops the run before any batch goes out.
        let mut fatal: Option<EngineError> = runtime.block_on(engine.check()).err();
        // Batches go out `concurrency` at a time; results are applied and written as each
        // batch comes back, so the file on disk is never more than one batch behind.
        let protected: Vec<_> = todo
            .iter()
            .map(|&i| protector.protect_with(work.source(i), engine.method()))
            .collect();
        let position: std::collections::HashMap<usize, usize> =
            todo.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        // A progress bar only when a person watches stderr, never in JSON mode or a pipe.
        let progress = (!json && out.stderr_is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(todo.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_message(described.clone());
            bar
        });
        let outcome: Result<(), Error> = runtime.block_on(async {
            if fatal.is_some() {
                return Ok(());
            }
            let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(concurrency));
            // Requests start no faster than the engine's requests_per_second allows.
            let next_slot =
                std::sync::Arc::new(tokio::sync::Mutex::new(tokio::time::Instant::now()));
            // Batches leave in file order whichever task gets a permit first: a task
            // that gets one takes the next batch from this queue. Order matters to the
            // translator (the file fills from the top) and makes a stopped run's
            // remainder predictable.
            let queue: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<_>>> =
                std::sync::Arc::new(std::sync::Mutex::new(
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
                let engine = std::sync::Arc::clone(&engine);
                let permit = std::sync::Arc::clone(&semaphore);
                let next_slot = std::sync::Arc::clone(&next_slot);
                let queue = std::sync::Arc::clone(&queue);
                set.spawn(async move {
                    // A closed gate means the engine gave a fatal answer: the batch is not
                    // sent, and has nothing to apply.
                    let Ok(_permit) = std::sync::Arc::clone(&permit).acquire_owned().await else {
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
                if let Some(bar) = &progress {
                    bar.inc(batches[b].len() as u64);
                }
                let batch = &batches[b];
                // Sent means the server had the texts: an answer, even a refusal.
                if outputs.as_ref().map_or_else(reached, |_| true) {
                    summary.sent += batch.len();
                    summary.characters += batch
                        .iter()
                        .map(|&i| work.source(i).chars().count())
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
                            work.reject(i, format!("{provenance}; {fate}: {e}"));
                        }
                        if e.is_fatal() && fatal.is_none() {
                            fatal = Some(e);
                            set.abort_all();
                        }
                        saver.save(&work)?;
                        continue;
                    }
                };
                for (&i, output) in batch.iter().zip(&outputs) {
                    let p = &protected[position[&i]];
                    let source_text = work.source(i).to_string();
                    let mut result = protector.restore(&source_text, p, output);
                    if result.is_err() && fatal.is_none() {
                        // One retry, alone: a batch neighbour can disturb an engine.
                        let notes = instructions(std::iter::once(p));
                        match engine.translate(vec![p.text.clone()], notes).await {
                            Ok(again) => {
                                if let Some(o) = again.first() {
                                    result = protector.restore(&source_text, p, o);
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
                        Ok(t) => Ok(t),
                        Err(why) => Err(why.to_string()),
                    };
                    match result {
                        Ok(translation) => {
                            if let Some(c) = &cache {
                                c.put(
                                    &cache_key(&source_text),
                                    &described,
                                    &source_text,
                                    &translation,
                                );
                            }
                            work.accept(i, translation, format!("{provenance}; verified"));
                            summary.verified += 1;
                            saver.pending += 1;
                        }
                        Err(why) => {
                            work.reject(i, format!("{provenance}; not accepted: {why}"));
                            summary.failed += 1;
                        }
                    }
                }
                saver.save(&work)?;
            }
            Ok(())
        });
        if let Some(bar) = &progress {
            bar.finish_and_clear();
        }
        set_progress(None);
        outcome?;
        summary.seconds = started.elapsed().as_secs_f64();
        let done = summary.memory + summary.cached + summary.verified;
        summary.left = summary.untranslated.saturating_sub(done);
        summary.stopped = fatal.is_some();
        report(out, l, &summary, json)?;
        if let Some(e) = fatal {
            out.note(&stopped_line(
                l,
                &Progress {
                    file: summary.file.clone(),
                    done,
                    left: summary.left,
                },
            ));
            return Err(mt_error(&name, e).into());
        }
        if summary.failed > 0 {
            code = super::exit_findings();
        }
    }
    Ok(code)
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

/// Takes the work file's lock (see [`crate::mt::lock`]), as `translate` and `segment` do.
pub(super) fn lock(path: &Path) -> Result<Lock, Error> {
    Lock::take(path).map_err(|e| match e {
        LockError::Held { path, pid } => Error::Locked { path, pid },
        LockError::Io(path, source) => Error::Write { path, source },
    })
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

    fn save(&mut self, work: &Work) -> Result<(), Error> {
        if fingerprint(&self.path) != self.seen {
            return Err(Error::WorkfileChanged {
                path: self.path.clone(),
                lost: self.pending,
            });
        }
        let text = work.render();
        files::write_atomic(&self.path, text.as_bytes())?;
        self.seen = Some(sha256_hex(text.as_bytes()));
        self.saved += self.pending;
        self.left = self.left.saturating_sub(self.pending);
        self.pending = 0;
        set_progress(Some(Progress {
            file: super::slash_path(&self.path),
            done: self.saved,
            left: self.left,
        }));
        Ok(())
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
        let len = work.source(i).chars().count();
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

fn report(
    out: &Output<'_>,
    l: &crate::l10n::L10n,
    s: &Summary,
    json: bool,
) -> Result<(), crate::output::Closed> {
    if json {
        let mut line = serde_json::to_string(s).expect("summary serializes");
        line.push('\n');
        return out.data(&line);
    }
    if s.dry_run {
        out.note(&t!(
            l,
            "translate-dry-run",
            file = s.file.clone(),
            segments = s.untranslated,
            characters = s.characters,
            batches = s.batches
        ));
    } else {
        out.note(&t!(
            l,
            "translate-summary",
            file = s.file.clone(),
            engine = s.engine.clone(),
            sent = s.sent,
            cached = s.cached,
            memory = s.memory,
            verified = s.verified,
            failed = s.failed,
            left = s.left,
            characters = s.characters,
            seconds = format!("{:.2}", s.seconds)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_save_records_what_a_signal_reports() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.po");
        std::fs::write(
            &path,
            "msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\"\nmsgstr \"\"\n",
        )
        .unwrap();
        let mut saver = Saver::new(&path, 5);
        let work = Work::open(&path).unwrap();
        saver.pending = 2;
        saver.save(&work).unwrap();
        let p = PROGRESS.lock().unwrap().clone().unwrap();
        assert_eq!((p.done, p.left), (2, 3));
        let l = crate::l10n::L10n::new(crate::l10n::UiLang::EnUs);
        assert!(
            stopped_line(&l, &p).contains("2 segments translated and saved, 3 still to translate")
        );
        // Another program writes the file: the next save refuses, and records nothing new.
        std::fs::write(&path, "changed").unwrap();
        saver.pending = 1;
        assert!(matches!(
            saver.save(&work),
            Err(Error::WorkfileChanged { lost: 1, .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "changed");
        assert_eq!(PROGRESS.lock().unwrap().clone().unwrap().done, 2);
        set_progress(None);
    }
}
