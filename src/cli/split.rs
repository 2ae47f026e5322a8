//! `puente split`: the segments of a text, one per line or as a JSON array.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgMatches;

use super::{path_arg, CmdResult};
use crate::error::Error;
use crate::files;
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;
use crate::segment::Segmenter;

pub fn run(m: &ArgMatches, out: &Output<'_>, _project: &Project) -> CmdResult {
    let input = path_arg(m, "input").unwrap_or_else(|| PathBuf::from("-"));
    let text = match files::read_text(&input) {
        Ok(t) => t,
        // Splitting nothing gives nothing.
        Err(Error::Empty { .. }) => String::new(),
        Err(e) => return Err(e.into()),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lang = m.get_one::<Lang>("lang").copied().unwrap_or(Lang::En);
    let seg = Segmenter::new(lang);
    let segments: Vec<&str> = seg.segments(text).into_iter().map(|r| &text[r]).collect();
    if m.get_one::<String>("format").map(String::as_str) == Some("json") {
        // One `segment` record per line, in the common envelope.
        let mut buf = String::new();
        for s in segments {
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
        let mut buf = String::with_capacity(text.len() + segments.len());
        for s in segments {
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
