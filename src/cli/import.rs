//! `puente import`: scraped plain text → canonical Markdown article. The step is
//! [`crate::app::import`]'s; this file maps the arguments and renders the report.

use std::process::ExitCode;

use clap::ArgMatches;

use super::{path_arg, CmdResult};
use crate::app::import::{self, Request};
use crate::article::import::Note;
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;
use crate::t;

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let request = Request {
        input: path_arg(m, "input").unwrap_or_else(|| "-".into()),
        output: path_arg(m, "output"),
        lang: m.get_one::<Lang>("lang").copied(),
        keep_all: m.get_flag("keep-all"),
    };
    let report = import::run(project, &request)?;
    for note in &report.notes {
        match note {
            Note::Dropped { line, text } => {
                out.note(&t!(l, "import-dropped", line = *line, text = text.clone()))
            }
            Note::Related { line, text } => {
                out.note(&t!(l, "import-related", line = *line, text = text.clone()))
            }
        }
    }
    if let Some(text) = &report.stdout {
        out.data(text)?;
    }
    if let Some(path) = &report.output {
        out.note(&t!(
            l,
            "import-done",
            path = path.display().to_string(),
            blocks = report.blocks,
            dropped = report.dropped
        ));
    }
    Ok(ExitCode::SUCCESS)
}
