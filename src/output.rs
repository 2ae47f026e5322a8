//! The one place that prints. stdout carries data (articles, segments, JSON) and nothing
//! else; stderr carries messages for people: `error:` and `hint:` lines, notes and
//! summaries, all localized by the caller. A closed stdout (`puente split … | head`) is
//! reported as [`Closed`] so the CLI can exit quietly.

use std::io::{self, Write};

use crate::l10n::L10n;

/// stdout was closed by the reader (a broken pipe).
#[derive(Debug)]
pub struct Closed;

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

    /// Writes data to stdout.
    pub fn data(&self, s: &str) -> Result<(), Closed> {
        let mut out = io::stdout().lock();
        match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
            Ok(()) => Ok(()),
            // Any failure to write data means nobody is reading it: stop quietly.
            Err(_) => Err(Closed),
        }
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
