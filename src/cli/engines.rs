//! `puente engines`: lists the configured engines and checks each one with the same check
//! `translate` runs before its first batch, then a test sentence each way (see
//! [`crate::app::engines`], where engines are set up); this file maps the arguments and
//! renders the statuses.

use std::process::ExitCode;

use clap::ArgMatches;
use serde::Serialize;

use super::CmdResult;
use crate::app::engines;
use crate::output::Output;
use crate::project::Project;
use crate::t;

/// One `engine` record of `puente engines --format json`.
#[derive(Serialize)]
struct Status {
    name: String,
    kind: String,
    engine: String,
    source: String,
    target: String,
    ok: bool,
    error: Option<String>,
}

/// `puente engines`: each configured engine (and the default Apertium), checked: it answers
/// (a server its probe, within seconds), offers the project's language pair, and translates a
/// test sentence each way into something that is neither empty nor the sentence itself. Exit
/// 1 when one does not.
pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    // JSON is never localized: its error text is English, whatever the UI speaks.
    let english = crate::l10n::L10n::new(crate::l10n::UiLang::EnUs);
    let statuses = engines::check_all(project, &|k| std::env::var(k).ok())?;
    let (source, target) = (statuses.source, statuses.target);
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    let mut failed = 0;
    let mut buf = String::new();
    for status in statuses.engines {
        let ok = status.result.is_ok();
        let error = status.result.err().map(|e| {
            failed += 1;
            let (msg, hint) = super::errors::describe_inline(&e, if json { &english } else { l });
            match hint {
                Some(h) => format!("{msg} ({h})"),
                None => msg,
            }
        });
        if json {
            let s = Status {
                name: status.name,
                kind: status.kind,
                engine: status.engine,
                source: source.code().into(),
                target: target.code().into(),
                ok,
                error,
            };
            buf.push_str(&crate::output::json_line("engine", &s));
        } else {
            let state = if ok {
                l.get("engines-ok")
            } else {
                l.get("engines-failed")
            };
            buf.push_str(&format!(
                "{}\t{}\t{}\t{state}{}\n",
                status.name,
                status.kind,
                status.engine,
                error.map(|e| format!(": {e}")).unwrap_or_default()
            ));
        }
    }
    out.data(&buf)?;
    out.note(&t!(
        l,
        "engines-summary",
        source = source.code(),
        target = target.code(),
        failed = failed
    ));
    Ok(if failed > 0 {
        super::exit_findings()
    } else {
        ExitCode::SUCCESS
    })
}
