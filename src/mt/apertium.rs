//! The Apertium engine through its local binary (`apertium eng-spa`), the default engine:
//! free, offline, installed with `apt-get install apertium-eng-spa`.
//!
//! A batch is one run of the binary: the segments go in as paragraphs separated by blank
//! lines (`-f txt` keeps them), unknown-word marks are turned off (`-u`), and the output is
//! split back at the blank lines. When the count does not match, each segment is sent alone.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::lang::Lang;

/// Why Apertium could not translate.
#[derive(Debug, thiserror::Error)]
pub enum ApertiumError {
    /// The binary is not installed.
    #[error("the apertium program is not installed")]
    Missing,
    /// The language pair is not installed.
    #[error("the Apertium pair {0} is not installed")]
    PairMissing(String),
    /// The program failed.
    #[error("apertium {pair} failed: {message}")]
    Failed {
        /// The pair.
        pair: String,
        /// Its stderr, cut.
        message: String,
    },
}

/// The Apertium mode for a direction (`eng-spa`, `spa-eng`).
pub fn pair(source: Lang, target: Lang) -> &'static str {
    match (source, target) {
        (Lang::En, _) => "eng-spa",
        (Lang::Es, _) => "spa-eng",
    }
}

/// The local binary.
pub struct Apertium {
    program: String,
    pair: &'static str,
}

impl Apertium {
    /// The engine for `source` → `target`, run as `program` (normally `apertium`).
    pub fn new(program: &str, source: Lang, target: Lang) -> Apertium {
        Apertium {
            program: program.to_string(),
            pair: pair(source, target),
        }
    }

    /// The mode name, for provenance.
    pub fn pair(&self) -> &str {
        self.pair
    }

    /// Whether the binary runs and offers the pair.
    pub fn check(&self) -> Result<(), ApertiumError> {
        let out = Command::new(&self.program)
            .arg("-l")
            .stdin(Stdio::null())
            .output()
            .map_err(|_| ApertiumError::Missing)?;
        let listed = String::from_utf8_lossy(&out.stdout);
        if listed.split_whitespace().any(|m| m == self.pair) {
            Ok(())
        } else {
            Err(ApertiumError::PairMissing(self.pair.to_string()))
        }
    }

    fn run(&self, input: &str) -> Result<String, ApertiumError> {
        let mut child = Command::new(&self.program)
            .args(["-u", "-f", "txt", self.pair])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|_| ApertiumError::Missing)?;
        // Writing happens on its own thread: a large batch would otherwise fill the output
        // pipe while we are still writing the input, and both sides would wait forever.
        let mut stdin = child.stdin.take().expect("piped stdin");
        let input = input.to_string();
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let out = child
            .wait_with_output()
            .map_err(|e| ApertiumError::Failed {
                pair: self.pair.to_string(),
                message: e.to_string(),
            })?;
        let _ = writer.join();
        if !out.status.success() {
            let message: String = String::from_utf8_lossy(&out.stderr)
                .chars()
                .take(300)
                .collect();
            return Err(ApertiumError::Failed {
                pair: self.pair.to_string(),
                message,
            });
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Translates `texts`, one output per input, in order.
    pub fn translate<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<String>, ApertiumError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let out = self.run(&format!("{}\n", super::join_paragraphs(texts)))?;
        if let Some(parts) = super::split_paragraphs(&out, texts.len()) {
            return Ok(parts);
        }
        texts
            .iter()
            .map(|t| {
                self.run(&format!("{}\n", t.as_ref()))
                    .map(|o| o.trim().to_string())
            })
            .collect()
    }
}
