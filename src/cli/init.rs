//! `puente init`: writes a commented `puente.toml`.

use std::path::Path;
use std::process::ExitCode;

use clap::ArgMatches;

use super::CmdResult;
use crate::config::{FILE_NAME, TEMPLATE};
use crate::files::{self, Durability};
use crate::output::Output;
use crate::project::Project;
use crate::t;

pub fn run(m: &ArgMatches, out: &Output<'_>, _project: &Project) -> CmdResult {
    let l = out.l10n();
    let path = Path::new(FILE_NAME);
    if path.exists() && !m.get_flag("force") {
        out.error(
            &t!(l, "init-exists", path = FILE_NAME.to_string()),
            Some(&l.get("init-hint")),
        );
        return Ok(std::process::ExitCode::from(2));
    }
    files::write_output(path, &[], Durability::Synced, |w| {
        w.write_all(TEMPLATE.as_bytes())
    })?;
    out.note(&t!(l, "init-done", path = FILE_NAME.to_string()));
    Ok(ExitCode::SUCCESS)
}
