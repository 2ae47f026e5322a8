//! `puente tm add|stats|export|import`: the project's translation memory
//! (`.puente/tm.sqlite` at the project root, or `--tm PATH`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;

use super::{parent_dir, path_arg, slash_path, CmdResult};
use crate::app::workfiles::{self, read as read_workfile};
use crate::error::Error;
use crate::files::{self, Durability, InputRole, Limit};
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;
use crate::t;
use crate::tm::{tmx, units_of, Memory};

/// Where the memory lives: `--tm`, else the project's (in the current folder outside one).
pub fn memory_path(m: Option<&ArgMatches>, project: &Project) -> PathBuf {
    let flag = m.and_then(|m| m.try_get_one::<PathBuf>("tm").ok().flatten());
    project.memory_path(flag.map(PathBuf::as_path), Path::new("."))
}

/// Opens the memory at `path` to add to it, creating it (and, for the project's default
/// memory, its `.puente/` folder) if it is not there yet.
pub fn open(path: &Path) -> Result<Memory, Error> {
    open_for_writing(path, true)
}

/// Opens the memory at `path` to add to it, creating it if it is not there yet; its folder
/// is made only when `make_folder` (the project's default `.puente/`), never for a `--tm`
/// path the user named: a mistyped folder is an error. A path that is not a regular file
/// (a folder, a device, a FIFO) is refused before SQLite opens it.
fn open_for_writing(path: &Path, make_folder: bool) -> Result<Memory, Error> {
    files::database_exists(path)?;
    let folder = parent_dir(path);
    if !make_folder && !folder.is_dir() {
        return Err(Error::NoFolder {
            path: path.to_path_buf(),
            folder,
        });
    }
    Memory::open_in(path, make_folder).map_err(|e| db_error(path, e))
}

/// Opens the memory at `path` only to read it: `None` when there is none yet, and nothing is
/// created (no file, no folder).
fn open_existing(path: &Path) -> Result<Option<Memory>, Error> {
    if !files::database_exists(path)? {
        return Ok(None);
    }
    Memory::open_in(path, false)
        .map(Some)
        .map_err(|e| db_error(path, e))
}

/// Whether the command names its memory with `--tm` (whose folder is never made).
fn named(m: &ArgMatches) -> bool {
    m.try_get_one::<PathBuf>("tm").ok().flatten().is_some()
}

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Memory {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Adds the reviewed units of the work file at `path` to `memory`; returns how many were new.
pub fn add_workfile(
    memory: &mut Memory,
    mem_path: &Path,
    path: &Path,
    project: &Project,
    flags: (Option<Lang>, Option<Lang>),
) -> Result<usize, Error> {
    let wf = read_workfile(path)?;
    // The one resolver: a file that does not say which way it goes is refused, never filed
    // as English into Spanish.
    let (s, t) = workfiles::languages(project, path, &wf, flags)?;
    let units = units_of(&wf, s, t, &slash_path(path));
    memory.add(&units).map_err(|e| db_error(mem_path, e))
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    match m.subcommand() {
        Some(("add", sm)) => {
            let path = memory_path(Some(sm), project);
            let mut memory = open_for_writing(&path, !named(sm))?;
            let files: Vec<PathBuf> = sm
                .get_many::<PathBuf>("workfiles")
                .map(|v| v.cloned().collect())
                .unwrap_or_default();
            for f in files {
                let added = add_workfile(
                    &mut memory,
                    &path,
                    &f,
                    project,
                    (
                        sm.get_one::<Lang>("from").copied(),
                        sm.get_one::<Lang>("to").copied(),
                    ),
                )?;
                out.note(&t!(l, "tm-added", count = added, file = slash_path(&f)));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(("stats", sm)) => {
            let path = memory_path(Some(sm), project);
            // A project without a memory yet has an empty one: nothing is created to say so.
            let stats = match open_existing(&path)? {
                Some(memory) => memory.stats().map_err(|e| db_error(&path, e))?,
                None => Vec::new(),
            };
            let json = sm.get_one::<String>("format").map(String::as_str) == Some("json");
            let mut buf = String::new();
            for s in &stats {
                if json {
                    let mut v = serde_json::to_value(s).expect("stats serialize");
                    v["schema"] = serde_json::json!(1);
                    buf.push_str(&v.to_string());
                } else {
                    buf.push_str(&t!(
                        l,
                        "tm-stats-line",
                        source = s.source.clone(),
                        target = s.target.clone(),
                        units = s.units,
                        sources = s.sources
                    ));
                }
                buf.push('\n');
            }
            out.data(&buf)?;
            if !json {
                if stats.is_empty() && !path.exists() {
                    out.note(&t!(l, "tm-none-yet", path = slash_path(&path)));
                } else {
                    out.note(&t!(l, "tm-where", path = slash_path(&path)));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(("export", sm)) => {
            let path = memory_path(Some(sm), project);
            let memory =
                open_existing(&path)?.ok_or_else(|| Error::NoMemory { path: path.clone() })?;
            let (from, to) = pair(sm, project, &path)?;
            let units = memory.all(from, to).map_err(|e| db_error(&path, e))?;
            // Units holding characters XML 1.0 cannot carry stay in the memory but are left
            // out of the TMX, which must stay a document every CAT tool can read; the user is
            // told how many.
            let (text, skipped) = tmx::write_counted(&units);
            if skipped > 0 {
                out.note(&t!(l, "tm-export-skipped", count = skipped));
            }
            match path_arg(sm, "output").filter(|p| p.as_os_str() != "-") {
                Some(o) => {
                    files::write_output(
                        &o,
                        &[(path.as_path(), InputRole::Memory)],
                        Durability::Synced,
                        |w| w.write_all(text.as_bytes()),
                    )?;
                    out.note(&t!(
                        l,
                        "tm-exported",
                        count = units.len() - skipped,
                        file = slash_path(&o)
                    ));
                }
                None => out.data(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(("import", sm)) => {
            let path = memory_path(Some(sm), project);
            let file = path_arg(sm, "file").unwrap_or_default();
            // Whole memories are large: TMX has its own, larger limit.
            let text = files::read_xml_within(&file, Limit::Tmx)?;
            let (from, to) = pair(sm, project, &path)?;
            let units = tmx::read(&text, from, to, &slash_path(&file)).map_err(|e| Error::Tmx {
                path: file.clone(),
                line: e.line,
                problem: e.problem,
            })?;
            let mut memory = open_for_writing(&path, !named(sm))?;
            let added = memory.add(&units).map_err(|e| db_error(&path, e))?;
            out.note(&t!(
                l,
                "tm-imported",
                count = added,
                read = units.len(),
                file = slash_path(&file)
            ));
            Ok(ExitCode::SUCCESS)
        }
        _ => Ok(ExitCode::from(2)),
    }
}

/// The direction `tm export` and `tm import` work in: the flags, else the project's, else
/// English into Spanish (the one resolver, with the memory file standing for the file).
fn pair(m: &ArgMatches, project: &Project, memory: &Path) -> Result<(Lang, Lang), Error> {
    let evidence = crate::project::LangEvidence::flags(
        m.get_one::<Lang>("from").copied(),
        m.get_one::<Lang>("to").copied(),
    );
    project.languages(memory, evidence, Some(Lang::En))
}

/// The memory a merge of `workfile` feeds: the project's, else one beside the work file.
pub fn after_merge_memory(project: &Project, workfile: &Path) -> PathBuf {
    project.memory_path(None, &parent_dir(workfile))
}

/// After a successful merge: the work file's reviewed units enter the memory at `memory`.
/// A memory that cannot be opened or written is an error: the merge reports it and does not
/// exit 0, since the translations did not reach the memory.
pub fn after_merge(
    out: &Output<'_>,
    project: &Project,
    workfile: &Path,
    memory: &Path,
) -> Result<(), Error> {
    let n = open(memory)
        .and_then(|mut m| add_workfile(&mut m, memory, workfile, project, (None, None)))?;
    out.note(&t!(
        out.l10n(),
        "tm-added",
        count = n,
        file = slash_path(workfile)
    ));
    Ok(())
}
