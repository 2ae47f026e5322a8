//! `merge`: a work file and its source article → the target edition, behind the gate that
//! every segment is translated and reviewed (or a draft is asked for), then the reviewed
//! translations fed to the memory from the same parsed work file. A draft shows what
//! [`crate::workfile::merge`] says a draft shows and is flagged `draft: true` in its front
//! matter; a plain-text draft cannot be, so the report says whether the flag was written.
//!
//! The work file's article is where its header says, or the one `--source` names (an article
//! that moved or was renamed), its checksum checked either way. An article given where the
//! work file belongs (`merge story.md`, told by its content) is refused with the work file to
//! merge instead, not reported as a broken work file.
//!
//! A huge work file stays cheap: the memory's units are borrowed from the parsed work file
//! ([`Learnable`]), never copied out of it, so the units cost the file no second copy of its
//! texts. In a run of many, each unit's key is made with its merge, on the pool, so that the
//! one thread that writes editions and feeds the memory only borrows and compares.
//!
//! It never prints: the report says what was written, what is pending and what the memory
//! took, and the CLI renders it.

use std::path::{Path, PathBuf};

use super::memory::{self, Folder};
use crate::article::looks_like_article;
use crate::error::Error;
use crate::files::{self, Durability, InputRole};
use crate::lang::Lang;
use crate::project::{slash_path, with_lang, LangEvidence, Project};
use crate::tm::{Learnable, Memory};
use crate::workfile::merge::{merge, PendingSegment};
use crate::workfile::WorkFormat;

/// What to merge.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The work file.
    pub workfile: PathBuf,
    /// Where the edition goes: a path, `-` for standard output, or beside the article
    /// (`story.es.md`) when `None`.
    pub output: Option<PathBuf>,
    /// `--source`: the source article, when it is no longer where the work file says (moved
    /// or renamed); its checksum must still be the one the work file records.
    pub source: Option<PathBuf>,
    /// A draft: segments that are not reviewed go through (a usable fuzzy translation shown,
    /// the others keeping their source text) and the edition is flagged `draft: true`.
    pub draft: bool,
    /// The folder the command runs in, to name a work file in a hint as the user types it.
    pub cwd: PathBuf,
}

/// What a merge did.
#[derive(Debug)]
pub struct Report {
    /// The source article's path.
    pub source: PathBuf,
    /// The source as the work file names it (for pending items).
    pub source_name: String,
    /// Where the edition went (or would have gone).
    pub output: PathBuf,
    /// The edition's text when it goes to standard output (the CLI prints it).
    pub stdout: Option<String>,
    /// Segments translated.
    pub translated: usize,
    /// Segments in the article.
    pub total: usize,
    /// Segments that are not reviewed translations (they stopped the merge, or went into
    /// the draft).
    pub pending: Vec<PendingSegment>,
    /// Of those, segments that show an unreviewed (fuzzy) translation: only in a draft.
    pub unreviewed: usize,
    /// Segments that kept their source text.
    pub kept: usize,
    /// Whether the edition's front matter says `draft: true`: a Markdown draft's does; a
    /// plain-text article has no front matter to say it.
    pub flagged: bool,
    /// Whether the gate refused the merge: nothing was written.
    pub refused: bool,
    /// The memory the reviewed translations went to, with how many units were new, or why
    /// it could not take them (the edition is written all the same). `None` when nothing
    /// was translated.
    pub memory: Option<(PathBuf, Result<usize, Error>)>,
}

/// What a merge that went through gives the memory: where it is and the reviewed units (or
/// why they could not be placed, which is that merge's memory error).
struct Feed {
    memory: PathBuf,
    units: Result<Learnable, Error>,
}

/// Merges the work file of `request`; an error means nothing was written.
pub fn run(project: &Project, request: &Request) -> Result<Report, Error> {
    let (mut report, feed) = write(merge_one(project, request)?)?;
    if let Some(feed) = feed {
        let fed = feed.units.and_then(|learnable| {
            memory::open_for_writing(&feed.memory, Folder::Make)
                .and_then(|mut m| memory::add_batch(&mut m, &feed.memory, &[&learnable]))
                .map(|counts| counts.iter().sum())
        });
        report.memory = Some((feed.memory, fed));
    }
    Ok(report)
}

/// One batch of a run of many merges ([`run_many`]), settled: its editions written and its
/// units in the memory.
pub type Batch<'a> = super::Batch<'a, Report>;

/// How many work files a run of many merges makes at a time: enough to keep every core busy
/// and the memory's transactions few (one per batch), few enough that what a batch holds
/// (its work files parsed, its editions, its units) stays small beside the process.
pub const BATCH: usize = 128;

/// Merges each of `workfiles` (a folder's, `merge DIR`) as [`run`] would with `template`
/// (its work file is not used), in order, and hands each batch's reports to `sink` as soon
/// as the batch is settled ([`Batch`]).
///
/// The merges are made on every core and their editions written in order; the memory is
/// opened once and fed in one transaction per [`BATCH`] work files, in order. When a batch's
/// transaction fails, its merges are [`Error::NotLearned`]: their editions stay written
/// (they are right), and `tm add` gives the memory their units later.
///
/// `done` hears of each work file as its merge is made (on any thread). Once a stop is asked
/// for ([`crate::stop`]), no other merge starts: those are `None`; the ones under way are
/// written, and the memory learns from them, as in a run that ended there.
pub fn run_many(
    project: &Project,
    workfiles: &[PathBuf],
    template: &Request,
    done: &(dyn Fn() + Sync),
    mut sink: impl FnMut(Batch<'_>),
) {
    // Memories opened so far, by path: a project has one; work files outside a project each
    // use the one of their folder.
    let mut memories: Vec<(PathBuf, Result<Memory, Error>)> = Vec::new();
    let chunks: Vec<&[PathBuf]> = workfiles.chunks(BATCH).collect();
    // A batch's requests are made when it is merged, not all at the start.
    let requests = |chunk: &[PathBuf]| -> Vec<Request> {
        chunk
            .iter()
            .map(|w| Request {
                workfile: w.clone(),
                ..template.clone()
            })
            .collect()
    };
    // The batches are merged on the pool one after the other, each handed over as soon as it
    // is made, at most [`AHEAD`] made ahead of the one being settled; this thread writes a
    // batch's editions and feeds its units to the memory, then hands its reports over. The
    // editions stay on this one thread: written from every core, their files' creations and
    // renames waited for each other's hold on the folder, and the run was slower. Neither side
    // waits for the other while there is work: the memory's one writer never waits for the
    // merges, the pool never for the writer, and a batch's reports go out without waiting for
    // the next one. A settled batch's work files go back to the pool's side, which frees them
    // beside the next batch's merges: freed on this thread, their hundreds of thousands of
    // strings kept it from the memory; left to the pool as tasks of their own, they waited
    // behind the merges and piled up (with a pool of one thread, a 10,000-file merge grew to
    // 278 MiB).
    //
    // The merges are made on a pool of their own, a thread smaller than the machine's: this
    // thread is busy for the whole run, and with a pool as large as the machine the two sides
    // took cores from each other. On two cores, a 10,000-file merge took as long with one
    // thread making merges as with two, and a tenth less CPU time (3.35 s, not 3.75 s).
    let threads = rayon::current_num_threads().saturating_sub(1).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let (made, ready) = std::sync::mpsc::sync_channel(AHEAD);
    let (spent, freed) = std::sync::mpsc::channel::<Vec<Learnable>>();
    in_place_scope_in(pool.as_ref().ok(), |s| {
        let chunks = &chunks;
        let requests = &requests;
        s.spawn(move |_| {
            for chunk in chunks {
                // At most the batches in flight wait here ([`AHEAD`]); they are freed beside
                // the merges, not before them.
                let settled: Vec<Vec<Learnable>> = freed.try_iter().collect();
                let batch = requests(chunk);
                let ((), prepared) =
                    rayon::join(move || drop(settled), || prepare(project, &batch, done));
                // A settling side that has stopped (its sink panicked) takes no more.
                if made.send((batch, prepared)).is_err() {
                    break;
                }
            }
        });
        // Moved in, so that leaving this side early lets the pool's side stop too.
        let ready = ready;
        for &chunk in chunks {
            let Ok((batch, prepared)) = ready.recv() else {
                break;
            };
            let (results, learned) = settle(&batch, prepared, &mut memories);
            drop(batch);
            // Once the pool's side has made every batch, this side frees what is left.
            if let Err(std::sync::mpsc::SendError(files)) = spent.send(learned) {
                drop(files);
            }
            sink(Batch {
                paths: chunk,
                results,
            });
        }
    });
}

/// [`rayon::in_place_scope`] in `pool`, else (its threads could not be made) in the global
/// pool.
fn in_place_scope_in<'scope, R>(
    pool: Option<&rayon::ThreadPool>,
    op: impl FnOnce(&rayon::Scope<'scope>) -> R,
) -> R {
    match pool {
        Some(pool) => pool.in_place_scope(op),
        None => rayon::in_place_scope(op),
    }
}

/// How many batches the pool may have made and waiting while one is settled: one, so that
/// the pool goes on with the next while this thread takes the waiting one. More did not make
/// a 10,000-file merge faster on two cores (the pool and the memory's writer share them), and
/// each batch more that waits is a batch's work files held: at most 39 MiB with one, up to 54
/// and 60 MiB with two and three.
const AHEAD: usize = 1;

/// The merges of a batch, made on every core: `None` for a work file whose merge was not
/// started (a stop was asked for).
fn prepare(
    project: &Project,
    chunk: &[Request],
    done: &(dyn Fn() + Sync),
) -> Vec<Option<Result<Prepared, Error>>> {
    use rayon::prelude::*;
    chunk
        .par_iter()
        .map(|r| {
            crate::stop::requested().is_none().then(|| {
                let p = merge_one(project, r);
                done();
                p
            })
        })
        .collect()
}

/// Writes a batch's editions in order and feeds its units to the memory, one transaction per
/// memory: each work file's report, `None` for one never started, and the work files the
/// memory learned from, for the caller to free where it chooses.
fn settle(
    all: &[Request],
    prepared: Vec<Option<Result<Prepared, Error>>>,
    memories: &mut Vec<(PathBuf, Result<Memory, Error>)>,
) -> (Vec<Option<Result<Report, Error>>>, Vec<Learnable>) {
    let started: Vec<bool> = prepared.iter().map(Option::is_some).collect();
    let chunk: Vec<&Request> = all
        .iter()
        .zip(&started)
        .filter_map(|(r, s)| s.then_some(r))
        .collect();
    let prepared: Vec<Result<Prepared, Error>> = prepared.into_iter().flatten().collect();
    // The editions are written in order, one after the other: two work files of one
    // article leave the later one's edition, as runs one after the other do.
    let merged: Vec<Result<(Report, Option<Feed>), Error>> =
        prepared.into_iter().map(|p| p.and_then(write)).collect();
    // The feeds of the batch, grouped by memory in the order first met.
    let mut paths: Vec<PathBuf> = Vec::new();
    for (_, feed) in merged.iter().flatten() {
        if let Some(f) = feed {
            if !paths.contains(&f.memory) {
                paths.push(f.memory.clone());
            }
        }
    }
    let mut outcomes: Vec<Option<Result<usize, Error>>> = merged.iter().map(|_| None).collect();
    for path in &paths {
        let members: Vec<usize> = merged
            .iter()
            .enumerate()
            .filter_map(|(i, m)| match m {
                Ok((_, Some(f))) if &f.memory == path => Some(i),
                _ => None,
            })
            .collect();
        // The units are borrowed from their work files, with the keys made on the pool.
        let learnable: Vec<&Learnable> = members
            .iter()
            .filter_map(|&i| match &merged[i] {
                Ok((_, Some(f))) => f.units.as_ref().ok(),
                _ => None,
            })
            .collect();
        if !memories.iter().any(|(p, _)| p == path) {
            memories.push((path.clone(), memory::open_for_writing(path, Folder::Make)));
        }
        let slot = memories.iter_mut().find(|(p, _)| p == path).map(|(_, m)| m);
        let added = match slot {
            // As one step for a signal handler, which waits for it: a merge whose edition is
            // written is learned by the memory before the process ends.
            Some(Ok(m)) => files::commit(|| memory::add_batch(m, path, &learnable)),
            Some(Err(e)) => Err(Error::Memory {
                path: path.clone(),
                message: memory::memory_message(e),
            }),
            None => Ok(Vec::new()),
        };
        let mut counts = added.as_ref().map(|c| c.iter().copied());
        for &i in &members {
            let Ok((report, Some(feed))) = &merged[i] else {
                continue;
            };
            outcomes[i] = Some(match (&feed.units, &mut counts) {
                (Err(_), _) => Ok(0),
                (Ok(_), Ok(c)) => Ok(c.next().unwrap_or(0)),
                (Ok(_), Err(e)) => Err(Error::NotLearned {
                    workfile: chunk[i].workfile.clone(),
                    merged: report.stdout.is_none(),
                    memory: path.clone(),
                    message: memory::memory_message(e),
                }),
            });
        }
    }
    let mut learned: Vec<Learnable> = Vec::new();
    let mut made = merged.into_iter().zip(outcomes).map(|(m, outcome)| {
        m.map(|(mut report, feed)| {
            if let Some(feed) = feed {
                let fed = match feed.units {
                    Err(e) => Err(e),
                    Ok(units) => {
                        learned.push(units);
                        outcome.unwrap_or(Ok(0))
                    }
                };
                report.memory = Some((feed.memory, fed));
            }
            report
        })
    });
    let reports = started
        .iter()
        .map(|s| if *s { made.next() } else { None })
        .collect();
    drop(made);
    (reports, learned)
}

/// A merge made and not yet written: its report, what the memory is to learn from it
/// (nothing when it was refused or nothing was translated), and the edition to write.
struct Prepared {
    report: Report,
    feed: Option<Feed>,
    edition: Option<Edition>,
}

/// An edition to write, with the inputs it must not land on.
struct Edition {
    text: String,
    inputs: Vec<(PathBuf, InputRole)>,
}

/// Merges the work file of `request`, writing nothing (the CPU's part of a merge).
fn merge_one(project: &Project, request: &Request) -> Result<Prepared, Error> {
    let wf_path = &request.workfile;
    // An article given where the work file belongs is said as such, not as the syntax error
    // (or the missing header) it is for a work file.
    let work = match super::workfiles::read(wf_path) {
        Ok(work) => work,
        Err(e @ (Error::Po { .. } | Error::Xliff { .. })) => {
            return Err(given_an_article(project, wf_path, &request.cwd).unwrap_or(e))
        }
        Err(e) => return Err(e),
    };
    let Some(meta) = work.meta.clone() else {
        return Err(
            given_an_article(project, wf_path, &request.cwd).unwrap_or_else(|| {
                Error::NotWorkfile {
                    path: wf_path.clone(),
                }
            }),
        );
    };
    let (source_path, article) =
        super::work::source_article_from(Some(project), wf_path, &meta, request.source.as_deref())?;
    let merged = merge(&article, &work, request.draft);
    let (unreviewed, kept) = (merged.unreviewed(), merged.kept());
    let output = request.output.clone().unwrap_or_else(|| {
        let ext = source_path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_else(|| "md".into());
        with_lang(&source_path, meta.target_lang, &ext)
    });
    let to_stdout = output.as_os_str() == "-";
    // The edition must not land on anything this run reads: the work file, the article, or
    // the memory the reviewed translations go to next.
    let memory_path = project.memory_path(None, &crate::project::parent_dir(wf_path));
    let inputs = [
        (wf_path.as_path(), InputRole::Workfile),
        (source_path.as_path(), InputRole::Article),
        (memory_path.as_path(), InputRole::Memory),
    ];
    let refused = !merged.pending.is_empty() && !request.draft;
    // An edition to write is refused there, by the one write path; a merge that writes
    // nothing still says that its output would have been one of its inputs.
    if refused {
        files::refuse_inputs(&output, &inputs)?;
    }
    let mut stdout = None;
    let mut edition = None;
    if refused {
        // Nothing is written and the memory learns nothing from a refused merge.
    } else if to_stdout {
        stdout = Some(merged.output);
    } else {
        edition = Some(Edition {
            text: merged.output,
            inputs: inputs.map(|(p, role)| (p.to_path_buf(), role)).to_vec(),
        });
    }
    // Every merge that went through feeds the memory with its reviewed translations, from
    // the work file as parsed above.
    let learns = !refused && merged.translated > 0;
    // Pending items name the article as it was found: the one given, else the header's name.
    let source_name = match &request.source {
        Some(given) => slash_path(given),
        None => meta.source,
    };
    let report = Report {
        source: source_path,
        source_name,
        output,
        stdout,
        translated: merged.translated,
        total: article.segments.len(),
        unreviewed,
        kept,
        flagged: request.draft && article.format == crate::article::Format::Markdown,
        pending: merged.pending,
        refused,
        memory: None,
    };
    // What the merge no longer needs is let go before the work file is handed on.
    drop(article);
    // The units are keyed here, on the pool in a run of many ([`Learnable`]).
    let feed = learns.then(|| Feed {
        units: memory::units_for(project, wf_path, work, (None, None)),
        memory: memory_path,
    });
    Ok(Prepared {
        report,
        feed,
        edition,
    })
}

/// Writes the edition of a prepared merge, and hands back what the memory is to learn.
fn write(prepared: Prepared) -> Result<(Report, Option<Feed>), Error> {
    let Prepared {
        report,
        feed,
        edition,
    } = prepared;
    if let Some(edition) = edition {
        let inputs: Vec<(&Path, InputRole)> = edition
            .inputs
            .iter()
            .map(|(p, role)| (p.as_path(), *role))
            .collect();
        // The edition is made again from the work file at any time, so it is not flushed
        // to disk one by one; the work file is what must never be lost.
        files::write_output(&report.output, &inputs, Durability::Bulk, |w| {
            w.write_all(edition.text.as_bytes())
        })?;
    }
    Ok((report, feed))
}

/// The error for an article given where a work file is expected, when the file at `path`
/// reads as one ([`looks_like_article`]): it names the work file `segment` writes for it, and
/// whether that exists yet. `None` when the file is not an article (a broken work file).
fn given_an_article(project: &Project, path: &Path, cwd: &Path) -> Option<Error> {
    let text = files::read_text(path).ok()?;
    if !looks_like_article(&text) {
        return None;
    }
    // The languages as `segment` would find them; an article whose front matter does not say
    // is taken to be the usual English into Spanish, as there.
    let target = super::work::article_languages(project, path, &text, LangEvidence::default())
        .map(|(_, target)| target)
        .unwrap_or(Lang::Es);
    let candidates = [WorkFormat::Po, WorkFormat::Xliff]
        .map(|format| super::segment::default_workfile(project, path, target, format).0);
    let found = candidates.iter().find(|c| c.is_file());
    let workfile = found.unwrap_or(&candidates[0]);
    // Named as the user would type it: from the current folder when it is under it (the
    // project's work folder is known by its absolute path).
    let workfile = workfile
        .strip_prefix(cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| workfile.clone());
    Some(Error::ArticleNotWorkfile {
        path: path.to_path_buf(),
        workfile,
        exists: found.is_some(),
    })
}
