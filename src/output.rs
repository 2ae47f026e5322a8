//! The one place that prints. stdout carries data (articles, segments, JSON, reports) and
//! nothing else; stderr carries messages for people: `error:` and `hint:` lines, notes and
//! summaries, all localized by the caller.
//!
//! A data write that fails says why ([`Stopped`]): a reader that closed the pipe
//! (`puente split … | head`, EPIPE) is [`Stopped::Closed`], and the CLI exits quietly; any other
//! failure (a full disk, an I/O error) is [`Stopped::Failed`], which the CLI reports as an
//! error naming standard output (exit 2), so a report that was not written never passes for
//! one that was. Failures to write to stderr are ignored: there is nowhere left to say so.
//!
//! `--quiet` silences the notes, summaries and progress bars (what [`Output::note`] and
//! [`Output::progress`] print); errors ([`Output::error`]) and data are never silenced, so a
//! script sees the same stdout and learns why a run failed. The progress bar lives here too:
//! it is drawn only when a person watches stderr (a terminal), never in quiet or JSON mode.
//!
//! `--format json` output has one shape for every command: JSON Lines, each line an object
//! that starts with `"schema"` ([`JSON_SCHEMA`]) and `"type"` (the record's name), then the
//! record's own fields ([`json_line`], [`Output::json`]; README.md's "JSON output").
//!
//! Clippy enforces it: `print!`-style macros are denied in the whole crate (`[lints]` in
//! Cargo.toml) and `std::io::stdout`/`stderr` are disallowed (`clippy.toml`) outside this
//! module.
// The module the rule is about.
#![allow(clippy::disallowed_methods)]

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::l10n::L10n;

/// The version of the JSON Lines shape (`"schema"` in every record). It changes only when a
/// field is removed or changes meaning; new fields and new record types keep it.
pub const JSON_SCHEMA: u32 = 1;

/// Why data could not be written to stdout.
#[derive(Debug)]
pub enum Stopped {
    /// The reader closed the pipe: stop quietly.
    Closed,
    /// Anything else: an error.
    Failed(io::Error),
}

/// The name commands' signatures use for [`Stopped`].
pub type Closed = Stopped;

/// Streams for one run.
pub struct Output<'a> {
    l10n: &'a L10n,
    quiet: bool,
    json: bool,
}

impl<'a> Output<'a> {
    /// Output speaking `l10n`'s language, saying everything, with human data.
    pub fn new(l10n: &'a L10n) -> Self {
        Output {
            l10n,
            quiet: false,
            json: false,
        }
    }

    /// The same output, silent (`--quiet`) or not: a quiet run prints no notes, summaries or
    /// progress, only data and errors.
    pub fn quiet(self, quiet: bool) -> Self {
        Output { quiet, ..self }
    }

    /// The same output, writing JSON data (`--format json`) or not: no progress bar is drawn
    /// beside JSON, which is read by programs.
    pub fn json_mode(self, json: bool) -> Self {
        Output { json, ..self }
    }

    /// Whether this run writes JSON data (`--format json`).
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Whether this run is quiet.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// The messages.
    pub fn l10n(&self) -> &L10n {
        self.l10n
    }

    /// Whether a person watches stderr (a terminal, not a pipe or a file): progress bars are
    /// drawn only then.
    fn stderr_is_terminal(&self) -> bool {
        io::stderr().is_terminal()
    }

    /// Writes data to stdout.
    pub fn data(&self, s: &str) -> Result<(), Stopped> {
        let mut out = io::stdout().lock();
        out.write_all(s.as_bytes())
            .and_then(|_| out.flush())
            .map_err(|e| match e.kind() {
                io::ErrorKind::BrokenPipe => Stopped::Closed,
                _ => Stopped::Failed(e),
            })
    }

    /// Writes one JSON Lines record to stdout: `record`'s fields after the envelope
    /// (`"schema"` and `"type": kind`), as [`json_line`] makes it.
    pub fn json(&self, kind: &str, record: &impl Serialize) -> Result<(), Stopped> {
        self.data(&json_line(kind, record))
    }

    /// A note for people on stderr (a summary, what was written, what was skipped); nothing
    /// in quiet mode.
    pub fn note(&self, s: &str) {
        if !self.quiet {
            let _ = writeln!(io::stderr().lock(), "{s}");
        }
    }

    /// Why a run stops short of success without an error (exit 1: a merge refused for
    /// unfinished segments, a publish gate that failed), with its list: printed even in quiet
    /// mode, since the exit code alone does not say what to do.
    pub fn refusal(&self, s: &str) {
        let _ = writeln!(io::stderr().lock(), "{s}");
    }

    /// A progress bar on stderr for `len` steps, labelled `message`, with the time left: drawn
    /// only when a person watches stderr, and never in quiet or JSON mode (then every call on
    /// it does nothing).
    /// It is cleared when finished or dropped.
    pub fn progress(&self, len: u64, message: &str) -> Progress {
        let shown = !self.quiet && !self.json && self.stderr_is_terminal();
        Progress {
            bar: shown.then(|| {
                let bar = indicatif::ProgressBar::new(len);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:30} {pos}/{len} {prefix} {msg} ({eta})",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar.set_prefix(message.to_string());
                bar
            }),
        }
    }

    /// An error line, with an optional hint line.
    pub fn error(&self, message: &str, hint: Option<&str>) {
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "{}: {message}", self.l10n.get("error-prefix"));
        if let Some(h) = hint {
            let _ = writeln!(err, "{}: {h}", self.l10n.get("hint-prefix"));
        }
    }
}

/// A progress bar from [`Output::progress`]; hidden ones ignore every call.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    /// Advances by `n` steps.
    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    /// Shows `s` after the count (what the steps have added up to so far).
    pub fn say(&self, s: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(s.to_string());
        }
    }

    /// Runs `f` with the bar taken off the terminal, and draws it again after: lines printed
    /// while a run goes on (a batch's reports) are not written over by the bar.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Whether the bar is drawn.
    pub fn is_shown(&self) -> bool {
        self.bar.is_some()
    }

    /// Removes the bar from the terminal (as dropping it does).
    pub fn finish(self) {}
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// One JSON Lines record, newline included: `{"schema":1,"type":KIND,` then `record`'s own
/// fields in the order it serializes them. `record` serializes to an object whose fields are
/// not named `schema` or `type` (those are the envelope's); any other value goes whole under
/// `"value"`.
pub fn json_line(kind: &str, record: &impl Serialize) -> String {
    let fields = serde_json::to_string(record).expect("records serialize to JSON");
    let mut line = serde_json::json!({ "schema": JSON_SCHEMA, "type": kind }).to_string();
    line.pop(); // the closing brace: the record's fields follow
    match fields.strip_prefix('{') {
        Some(rest) => {
            debug_assert!(
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&fields)
                    .is_ok_and(|m| !m.contains_key("schema") && !m.contains_key("type")),
                "a {kind} record names a field of the envelope"
            );
            if rest != "}" {
                line.push(',');
            }
            line.push_str(rest);
        }
        None => {
            line.push_str(",\"value\":");
            line.push_str(&fields);
            line.push('}');
        }
    }
    line.push('\n');
    line
}

/// `path` as a POSIX shell word, for hints that suggest a command (`mkdir -p …`,
/// `iconv … > fixed.txt`): left as it is when it holds only characters no shell treats
/// specially, else in single quotes (a single quote inside written `'\''`), so a user can
/// copy the command as shown.
pub fn shell_quote(path: &std::path::Path) -> String {
    let s = path.to_string_lossy();
    let plain = |c: char| c.is_alphanumeric() || "/._-+,:@%=".contains(c);
    if !s.is_empty() && s.chars().all(plain) && !s.starts_with('=') {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::{json_line, shell_quote, Output, JSON_SCHEMA};
    use crate::l10n::{L10n, UiLang};
    use std::path::Path;

    /// Fields out of alphabetical order, to show they keep the record's order.
    #[derive(serde::Serialize)]
    struct Pair {
        units: u64,
        source: &'static str,
        target: &'static str,
    }

    #[test]
    fn every_json_record_starts_with_the_schema_and_its_type() {
        let line = json_line(
            "tm-pair",
            &Pair {
                units: 3,
                source: "en",
                target: "es",
            },
        );
        assert_eq!(
            line,
            "{\"schema\":1,\"type\":\"tm-pair\",\"units\":3,\"source\":\"en\",\"target\":\"es\"}\n"
        );
        // One line, and it parses back whole.
        assert_eq!(line.matches('\n').count(), 1);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["schema"], JSON_SCHEMA);
        assert_eq!(v["units"], 3);
        // A value that is not an object keeps the envelope.
        assert_eq!(
            json_line("count", &7),
            "{\"schema\":1,\"type\":\"count\",\"value\":7}\n"
        );
        // An empty record is the envelope alone.
        assert_eq!(
            json_line("done", &serde_json::json!({})),
            "{\"schema\":1,\"type\":\"done\"}\n"
        );
        // Text that needs escaping stays one valid line.
        let v: serde_json::Value =
            serde_json::from_str(&json_line("note", &serde_json::json!({"text": "a\nb\"c"})))
                .unwrap();
        assert_eq!(v["text"], "a\nb\"c");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "names a field of the envelope")]
    fn a_record_may_not_name_a_field_of_the_envelope() {
        json_line("engine", &serde_json::json!({"type": "deepl"}));
    }

    #[test]
    fn no_progress_is_drawn_in_quiet_or_json_mode() {
        let l = L10n::new(UiLang::EnUs);
        assert!(!Output::new(&l).quiet(true).progress(3, "a").is_shown());
        assert!(!Output::new(&l).json_mode(true).progress(3, "a").is_shown());
        assert!(Output::new(&l).quiet(true).is_quiet());
        assert!(!Output::new(&l).is_quiet());
    }

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_quote(Path::new("news/a.es.po")), "news/a.es.po");
        assert_eq!(shell_quote(Path::new("Año nuevo.md")), "'Año nuevo.md'");
        assert_eq!(shell_quote(Path::new("it's.md")), r"'it'\''s.md'");
        assert_eq!(shell_quote(Path::new("$HOME;rm")), "'$HOME;rm'");
        assert_eq!(shell_quote(Path::new("")), "''");
    }
}
