//! `puente init`: writes a commented `puente.toml`. The step is [`crate::app::init`]'s; this
//! file renders its outcome.

use std::path::Path;
use std::process::ExitCode;

use clap::ArgMatches;

use super::CmdResult;
use crate::app::init::{self, Outcome};
use crate::config::FILE_NAME;
use crate::output::Output;
use crate::project::Project;
use crate::t;

pub fn run(m: &ArgMatches, out: &Output<'_>, _project: &Project) -> CmdResult {
    let l = out.l10n();
    match init::run(Path::new(FILE_NAME), m.get_flag("force"))? {
        Outcome::Exists => {
            out.error(
                &t!(l, "init-exists", path = FILE_NAME.to_string()),
                Some(&l.get("init-hint")),
            );
            Ok(ExitCode::from(2))
        }
        Outcome::Written => {
            out.note(&t!(l, "init-done", path = FILE_NAME.to_string()));
            Ok(ExitCode::SUCCESS)
        }
    }
}
