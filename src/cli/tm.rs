//! `puente tm add|stats|export|import|migrate`: the project's translation memory
//! (`.puente/tm.sqlite` at the project root, the PostgreSQL server of `[tm] url` or
//! `PUENTE_TM_URL`, or `--tm PATH|URL`). The steps are
//! [`crate::app::memory`]'s; this file maps the arguments and renders the reports.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;

use super::render::SearchErrors;
use super::{path_arg, report_error, slash_path, CmdResult};
use crate::app::memory::{self, AddRequest, ExportRequest, ImportRequest, MigrateRequest};
use crate::app::workfiles;
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;
use crate::t;

/// The memory named with `--tm`.
fn tm_flag(m: &ArgMatches) -> Option<PathBuf> {
    m.try_get_one::<PathBuf>("tm").ok().flatten().cloned()
}

/// The languages given with `--from` and `--to`.
fn lang_flags(m: &ArgMatches) -> (Option<Lang>, Option<Lang>) {
    (
        m.get_one::<Lang>("from").copied(),
        m.get_one::<Lang>("to").copied(),
    )
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    match m.subcommand() {
        Some(("add", sm)) => {
            let given: Vec<PathBuf> = sm
                .get_many::<PathBuf>("workfiles")
                .map(|v| v.cloned().collect())
                .unwrap_or_default();
            // Folders are searched for work files as check and status search them.
            let found = workfiles::find(&given, &project.work_dir(Path::new(".")));
            for p in &found.skipped {
                out.note(&t!(l, "note-not-a-regular-file", path = slash_path(p)));
            }
            let request = AddRequest {
                memory: tm_flag(sm),
                workfiles: found.files.clone(),
                flags: lang_flags(sm),
            };
            // A path that could not be searched is said where it was given among the files'
            // results, as merge and status say theirs.
            let mut search_errors = SearchErrors::new(&found);
            let report = match memory::add_files(project, &request) {
                Ok(report) => report,
                Err(e) => {
                    // The memory that cannot be opened ends the run: what was found wrong
                    // with the paths given is said first.
                    search_errors.rest(|e| report_error(out, e));
                    return Err(e.into());
                }
            };
            // A file that cannot be read or placed is reported, and the others are still
            // added; the exit code says some were not.
            let searched = found.errors.len();
            let (mut failed, mut units) = (searched, 0);
            for (f, added) in &report.files {
                search_errors.before_file(f, |e| report_error(out, e));
                match added {
                    Ok(n) => {
                        out.note(&t!(l, "tm-added", count = *n, file = slash_path(f)));
                        units += n;
                    }
                    Err(e) => {
                        report_error(out, e);
                        failed += 1;
                    }
                }
            }
            search_errors.rest(|e| report_error(out, e));
            // Several files end with one summary.
            let total = report.files.len() + searched;
            if total > 1 {
                out.note(&t!(
                    l,
                    "tm-add-done",
                    path = slash_path(&report.memory),
                    units = units,
                    files = total,
                    failed = failed
                ));
            }
            Ok(if failed > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(("stats", sm)) => {
            let report = memory::stats(project, tm_flag(sm).as_deref())?;
            let json = sm.get_one::<String>("format").map(String::as_str) == Some("json");
            let mut buf = String::new();
            for s in &report.pairs {
                if json {
                    buf.push_str(&crate::output::json_line("tm-pair", s));
                } else {
                    buf.push_str(&t!(
                        l,
                        "tm-stats-line",
                        source = s.source.clone(),
                        target = s.target.clone(),
                        units = s.units,
                        sources = s.sources
                    ));
                    buf.push('\n');
                }
            }
            out.data(&buf)?;
            if !json {
                let path = slash_path(&report.memory);
                if report.pairs.is_empty() && !report.exists {
                    out.note(&t!(l, "tm-none-yet", path = path));
                } else {
                    out.note(&t!(l, "tm-where", path = path));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(("export", sm)) => {
            let request = ExportRequest {
                memory: tm_flag(sm),
                output: path_arg(sm, "output"),
                flags: lang_flags(sm),
            };
            // The TMX goes to standard output piece by piece as the memory is read.
            let report = memory::export(project, &request, |piece| {
                out.data(piece).map_err(super::Failure::from)
            })?;
            if report.skipped > 0 {
                out.note(&t!(l, "tm-export-skipped", count = report.skipped));
            }
            if let Some(o) = &report.output {
                out.note(&t!(
                    l,
                    "tm-exported",
                    count = report.written,
                    file = slash_path(o),
                    from = report.direction.0.code(),
                    to = report.direction.1.code()
                ));
            }
            // A TMX holds one direction: the others are named, with the flags that export them.
            for (from, to, units) in &report.others {
                out.note(&t!(
                    l,
                    "tm-export-other-direction",
                    count = *units as usize,
                    from = from.clone(),
                    to = to.clone()
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(("import", sm)) => {
            let request = ImportRequest {
                memory: tm_flag(sm),
                file: path_arg(sm, "file").unwrap_or_default(),
                flags: lang_flags(sm),
            };
            let report = memory::import(project, &request)?;
            out.note(&t!(
                l,
                "tm-imported",
                count = report.added,
                read = report.read,
                file = slash_path(&request.file)
            ));
            Ok(ExitCode::SUCCESS)
        }
        Some(("migrate", sm)) => {
            let request = MigrateRequest {
                memory: tm_flag(sm),
                to: path_arg(sm, "to").unwrap_or_default(),
            };
            let report = memory::migrate(project, &request)?;
            out.note(&t!(
                l,
                "tm-migrated",
                from = slash_path(&report.from),
                to = slash_path(&report.to),
                read = report.read,
                added = report.added
            ));
            Ok(ExitCode::SUCCESS)
        }
        _ => Ok(ExitCode::from(2)),
    }
}
