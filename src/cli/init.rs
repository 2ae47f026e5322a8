//! `puente init`: makes a working project (config, glossary, work folder, `.gitignore`, and on
//! request a CI recipe) in the language the CLI speaks. The step is [`crate::app::init`]'s;
//! this file words the template's comments and renders the outcome.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgMatches;

use super::CmdResult;
use crate::app::init::{self, Ci, Made, Outcome, Request};
use crate::config::FILE_NAME;
use crate::output::Output;
use crate::project::Project;
use crate::t;

pub fn run(m: &ArgMatches, out: &Output<'_>, _project: &Project) -> CmdResult {
    let l = out.l10n();
    let comment = |id: &str| l.get(id);
    let request = Request {
        dir: m.get_one::<PathBuf>("dir").cloned().unwrap_or_default(),
        force: m.get_flag("force"),
        ci: match m.get_one::<String>("ci").map(String::as_str) {
            Some("github") => Some(Ci::Github),
            Some("gitlab") => Some(Ci::Gitlab),
            _ => None,
        },
        comment: &comment,
    };
    let shown = |p: &std::path::Path| super::slash_path(p);
    match init::run(&request)? {
        Outcome::Made(made) => {
            for m in &made {
                out.note(&match m {
                    Made::File(p) => t!(l, "init-made-file", path = shown(p)),
                    Made::Folder(p) => t!(l, "init-made-folder", path = shown(p)),
                    Made::Ignored { path, entry } => {
                        t!(
                            l,
                            "init-ignored",
                            path = shown(path),
                            entry = entry.to_string()
                        )
                    }
                    Made::Kept(p) => t!(l, "init-kept", path = shown(p)),
                });
            }
            // A kept configuration can be replaced by the template, on request only.
            if made
                .iter()
                .any(|m| matches!(m, Made::Kept(p) if p.ends_with(FILE_NAME)))
            {
                out.note(&t!(
                    l,
                    "init-config-kept-hint",
                    path = FILE_NAME.to_string()
                ));
            } else {
                // A new project is told what comes next.
                out.note(&l.get("init-next"));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
