//! `puente split`: the segments of a text, one per line or as JSON Lines. The step is
//! [`crate::app::split`]'s; this file maps the arguments and writes the segments out.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgMatches;

use super::{path_arg, CmdResult};
use crate::app::split::split;
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let input = path_arg(m, "input").unwrap_or_else(|| PathBuf::from("-"));
    // `--lang`, else the one resolver: the file's name, the project's source, English.
    let evidence = crate::project::LangEvidence::flags(m.get_one::<Lang>("lang").copied(), None)
        .with_article(None, &input);
    let (lang, _) = project.languages(&input, evidence, Some(Lang::En))?;
    let split = split(&input, lang)?;
    if m.get_one::<String>("format").map(String::as_str) == Some("json") {
        // One `segment` record per line, in the common envelope.
        let mut buf = String::new();
        for s in split.segments() {
            buf.push_str(&crate::output::json_line(
                "segment",
                &serde_json::json!({ "text": s }),
            ));
            if buf.len() > 1 << 16 {
                out.data(&buf)?;
                buf.clear();
            }
        }
        out.data(&buf)?;
    } else {
        let mut buf = String::with_capacity(split.text_len() + split.len());
        for s in split.segments() {
            // A segment never holds a line break, so one per line is unambiguous.
            buf.push_str(s);
            buf.push('\n');
            if buf.len() > 1 << 16 {
                out.data(&buf)?;
                buf.clear();
            }
        }
        out.data(&buf)?;
    }
    Ok(ExitCode::SUCCESS)
}
