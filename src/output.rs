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
//! Clippy enforces it: `print!`-style macros are denied in the whole crate (`[lints]` in
//! Cargo.toml) and `std::io::stdout`/`stderr` are disallowed (`clippy.toml`) outside this
//! module.
// The module the rule is about.
#![allow(clippy::disallowed_methods)]

use std::io::{self, IsTerminal, Write};

use crate::l10n::L10n;

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
}

impl<'a> Output<'a> {
    /// Output speaking `l10n`'s language.
    pub fn new(l10n: &'a L10n) -> Self {
        Output { l10n }
    }

    /// The messages.
    pub fn l10n(&self) -> &L10n {
        self.l10n
    }

    /// Whether a person watches stderr (a terminal, not a pipe or a file): progress bars are
    /// drawn only then.
    pub fn stderr_is_terminal(&self) -> bool {
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

    /// A note for people on stderr.
    pub fn note(&self, s: &str) {
        let _ = writeln!(io::stderr().lock(), "{s}");
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
    use super::shell_quote;
    use std::path::Path;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_quote(Path::new("news/a.es.po")), "news/a.es.po");
        assert_eq!(shell_quote(Path::new("Año nuevo.md")), "'Año nuevo.md'");
        assert_eq!(shell_quote(Path::new("it's.md")), r"'it'\''s.md'");
        assert_eq!(shell_quote(Path::new("$HOME;rm")), "'$HOME;rm'");
        assert_eq!(shell_quote(Path::new("")), "''");
    }
}
