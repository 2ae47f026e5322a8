//! `puente tm add|stats|export|import`: the project's translation memory
//! (`.puente/tm.sqlite` at the project root, or `--tm PATH`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;

use super::{path_arg, slash_path, CmdResult};
use crate::app::memory::{self, Folder};
use crate::app::workfiles;
use crate::error::Error;
use crate::files::{self, Durability, InputRole, Limit};
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;
use crate::t;
use crate::tm::tmx;

/// Where the memory lives: `--tm`, else the project's (in the current folder outside one).
pub fn memory_path(m: Option<&ArgMatches>, project: &Project) -> PathBuf {
    let flag = m.and_then(|m| m.try_get_one::<PathBuf>("tm").ok().flatten());
    project.memory_path(flag.map(PathBuf::as_path), Path::new("."))
}

/// A memory named with `--tm` must be in a folder that exists; the project's default one
/// gets its `.puente/` folder made.
fn folder(m: &ArgMatches) -> Folder {
    match m.try_get_one::<PathBuf>("tm").ok().flatten() {
        Some(_) => Folder::MustExist,
        None => Folder::Make,
    }
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    match m.subcommand() {
        Some(("add", sm)) => {
            let path = memory_path(Some(sm), project);
            let mut memory = memory::open_for_writing(&path, folder(sm))?;
            let files: Vec<PathBuf> = sm
                .get_many::<PathBuf>("workfiles")
                .map(|v| v.cloned().collect())
                .unwrap_or_default();
            for f in files {
                let wf = workfiles::read(&f)?;
                let added = memory::add_workfile(
                    project,
                    &mut memory,
                    &path,
                    &f,
                    &wf,
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
            let stats = match memory::open_existing(&path)? {
                Some(memory) => memory.stats().map_err(|e| memory::db_error(&path, e))?,
                None => Vec::new(),
            };
            let json = sm.get_one::<String>("format").map(String::as_str) == Some("json");
            let mut buf = String::new();
            for s in &stats {
                if json {
                    buf.push_str(&crate::output::json_line("tm-pair", s));
                    continue;
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
            let memory = memory::open_existing(&path)?
                .ok_or_else(|| Error::NoMemory { path: path.clone() })?;
            let (from, to) = pair(sm, project, &path)?;
            let units = memory
                .all(from, to)
                .map_err(|e| memory::db_error(&path, e))?;
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
            let mut memory = memory::open_for_writing(&path, folder(sm))?;
            let added = memory.add(&units).map_err(|e| memory::db_error(&path, e))?;
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
