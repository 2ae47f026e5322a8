//! `puente import`: scraped plain text → canonical Markdown article.

use std::process::ExitCode;

use clap::ArgMatches;

use super::{path_arg, CmdResult};
use crate::article::import::{import, Note};
use crate::files::{self, Durability, InputRole};
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;
use crate::t;

pub fn run(m: &ArgMatches, out: &Output<'_>, _project: &Project) -> CmdResult {
    let l = out.l10n();
    let input = path_arg(m, "input").unwrap_or_else(|| "-".into());
    let text = files::read_text(&input)?;
    let lang = m.get_one::<Lang>("lang").copied().unwrap_or(Lang::En);
    let imported = import(&text, lang, m.get_flag("keep-all"));
    let mut dropped = 0;
    for note in &imported.notes {
        match note {
            Note::Dropped { line, text } => {
                dropped += 1;
                out.note(&t!(l, "import-dropped", line = *line, text = text.clone()));
            }
            Note::Related { line, text } => {
                out.note(&t!(l, "import-related", line = *line, text = text.clone()))
            }
        }
    }
    match path_arg(m, "output").filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            files::write_output(
                &path,
                &[(input.as_path(), InputRole::Input)],
                Durability::Synced,
                |w| w.write_all(imported.markdown.as_bytes()),
            )?;
            out.note(&t!(
                l,
                "import-done",
                path = path.display().to_string(),
                blocks = imported.blocks,
                dropped = dropped
            ));
        }
        None => out.data(&imported.markdown)?,
    }
    Ok(ExitCode::SUCCESS)
}
