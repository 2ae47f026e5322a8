//! Project configuration: `puente.toml`, found in the current folder or its parents (as
//! Cargo finds `Cargo.toml`). The search is the CLI's job; this module parses text and
//! resolves paths against the folder that holds the file.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::lang::Lang;

/// The file name puente looks for.
pub const FILE_NAME: &str = "puente.toml";

/// A project's settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Languages and folders.
    #[serde(default)]
    pub project: Project,
    /// Settings for `puente check` (quote style, number locale), read by the checks.
    #[serde(default)]
    pub check: CheckSettings,
    /// Translation memory settings (`[tm]`).
    #[serde(default)]
    pub tm: TmSettings,
    /// Machine-translation engines by name (`[engine.NAME]`).
    #[serde(default)]
    pub engine: std::collections::BTreeMap<String, EngineConfig>,
    /// Input size limits (`[limits]`).
    #[serde(default)]
    pub limits: Limits,
    /// The folder holding `puente.toml`, filled in after loading.
    #[serde(skip)]
    pub root: PathBuf,
}

/// The `[project]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// The language stories are usually written in.
    #[serde(default = "default_source")]
    pub source: Lang,
    /// The language they are translated into.
    #[serde(default = "default_target")]
    pub target: Lang,
    /// The target locale (es-MX, es-ES…), which decides number and quote conventions.
    #[serde(default = "default_locale")]
    pub target_locale: String,
    /// Where work files go, relative to the project root.
    #[serde(default = "default_workfiles")]
    pub workfiles: PathBuf,
    /// The glossary folder, relative to the project root.
    #[serde(default = "default_glossary")]
    pub glossary: PathBuf,
}

/// The `[tm]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TmSettings {
    /// Accept an exact match in the same context (same previous and next segment) as a
    /// reviewed translation, instead of writing it fuzzy for review.
    #[serde(default)]
    pub accept_exact_in_context: bool,
    /// The lowest fuzzy match (a percentage of characters, 50–100) the memory offers.
    #[serde(default = "default_fuzzy_threshold")]
    pub fuzzy_threshold: u8,
}

fn default_fuzzy_threshold() -> u8 {
    75
}

impl Default for TmSettings {
    fn default() -> Self {
        TmSettings {
            accept_exact_in_context: false,
            fuzzy_threshold: default_fuzzy_threshold(),
        }
    }
}

impl TmSettings {
    /// The fuzzy threshold as a fraction.
    pub fn threshold(&self) -> f64 {
        f64::from(self.fuzzy_threshold) / 100.0
    }
}

/// The `[limits]` table: the largest inputs puente reads, in bytes or as a size with a
/// unit (`"16 MiB"`); absent values keep the defaults (16 MiB, and 4 GiB for TMX).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// An article, a glossary file, the settings; a work file may be eight times it
    /// ([`crate::files::WORKFILE_FACTOR`]).
    #[serde(default, deserialize_with = "size")]
    pub max_input_size: Option<u64>,
    /// A TMX file imported into the memory.
    #[serde(default, deserialize_with = "size")]
    pub max_tmx_size: Option<u64>,
}

fn size<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bytes(u64),
        Text(String),
    }
    let parsed = match Raw::deserialize(d)? {
        Raw::Bytes(n) => (n > 0).then_some(n),
        Raw::Text(t) => parse_size(&t),
    };
    parsed.map(Some).ok_or_else(|| {
        serde::de::Error::custom("expected a size above zero, such as 16777216 or \"16 MiB\"")
    })
}

/// A size: a number of bytes, or a number with a unit (`KiB`, `MiB`, `GiB` or `K`, `M`, `G`:
/// powers of 1024; `KB`, `MB`, `GB`: powers of 1000), any case, with or without a space.
/// `None` for anything else, and for zero.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        _ => return None,
    };
    let bytes = match number.parse::<u64>() {
        Ok(n) => n.checked_mul(factor)?,
        Err(_) => {
            let x: f64 = number.parse().ok()?;
            let b = (x * factor as f64).round();
            if !b.is_finite() || b >= u64::MAX as f64 {
                return None;
            }
            b as u64
        }
    };
    (bytes > 0).then_some(bytes)
}

/// One `[engine.NAME]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineConfig {
    /// The engine kind: `apertium` (the local binary), `apy` (an APy server),
    /// `libretranslate`, `deepl` or `openai` (any OpenAI-compatible server).
    pub kind: String,
    /// For `apertium`: the program to run (default `apertium`).
    #[serde(default)]
    pub program: Option<String>,
    /// The name of the environment variable that holds the API key (keys never live here).
    #[serde(default)]
    pub key_env: Option<String>,
    /// For `openai`: the model.
    #[serde(default)]
    pub model: Option<String>,
    /// For HTTP engines: the server's base URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Segments per request.
    #[serde(default)]
    pub batch_texts: Option<usize>,
    /// Characters per request.
    #[serde(default)]
    pub batch_chars: Option<usize>,
    /// Requests in flight at once.
    #[serde(default)]
    pub concurrency: Option<usize>,
    /// Requests started per second, at most (no limit when absent).
    #[serde(default)]
    pub requests_per_second: Option<f64>,
    /// Seconds one whole request may take (connect, first byte, full body); for `apertium`,
    /// one run of the program.
    #[serde(default)]
    pub timeout: Option<f64>,
    /// Seconds connecting may take.
    #[serde(default)]
    pub connect_timeout: Option<f64>,
    /// Seconds a run may spend with this engine on one work file (its budget).
    #[serde(default)]
    pub deadline: Option<f64>,
    /// Retries after a 429 or 5xx (a timeout or failed connection is retried at most once).
    #[serde(default)]
    pub retries: Option<u32>,
}

/// The most retries an engine may be given.
pub const MAX_RETRIES: u32 = 10;
/// The most requests a second an engine may be asked to start.
pub const MAX_RATE: f64 = 1000.0;
/// The most requests an engine may have in flight.
pub const MAX_CONCURRENCY: usize = 64;
/// The most segments in one request.
pub const MAX_BATCH_TEXTS: usize = 1000;
/// The most characters in one request.
pub const MAX_BATCH_CHARS: usize = 1_000_000;

/// The line of `key` in the table `[header]` of `text`, when it is written there plainly.
fn line_of(text: &str, header: &str, key: &str) -> Option<usize> {
    let mut inside = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line.trim_end_matches(|c: char| c != ']') == header;
        } else if inside
            && line
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return Some(n + 1);
        }
    }
    None
}

impl EngineConfig {
    /// What is wrong with the table's limits, if anything, as the key and the problem: times
    /// are seconds above 0 (and at most a day), retries at most [`MAX_RETRIES`], the rate a
    /// finite number of requests a second from one a day to [`MAX_RATE`], and concurrency and
    /// batch sizes at least 1 and at most their maxima. Every number here becomes a wait or a
    /// count, so nothing outside these bounds reaches a clock.
    fn problem(&self) -> Option<(&'static str, String)> {
        for (name, value) in [
            ("timeout", self.timeout),
            ("connect_timeout", self.connect_timeout),
            ("deadline", self.deadline),
        ] {
            match value {
                Some(v) if !(v.is_finite() && v > 0.0 && v <= 86_400.0) => {
                    return Some((
                        name,
                        format!(
                            "{name} must be a number of seconds above 0 and at most 86400, not {v}"
                        ),
                    ))
                }
                _ => {}
            }
        }
        if let Some(r) = self.requests_per_second {
            if !(r.is_finite() && r > 0.0 && r <= MAX_RATE && 1.0 / r <= 86_400.0) {
                return Some((
                    "requests_per_second",
                    format!(
                        "requests_per_second must be a number above 0 (at least one request a \
                         day) and at most {MAX_RATE}, not {r}"
                    ),
                ));
            }
        }
        for (name, value, max) in [
            ("concurrency", self.concurrency, MAX_CONCURRENCY),
            ("batch_texts", self.batch_texts, MAX_BATCH_TEXTS),
            ("batch_chars", self.batch_chars, MAX_BATCH_CHARS),
        ] {
            match value {
                Some(v) if v == 0 || v > max => {
                    return Some((name, format!("{name} must be from 1 to {max}, not {v}")))
                }
                _ => {}
            }
        }
        match self.retries {
            Some(r) if r > MAX_RETRIES => Some((
                "retries",
                format!("retries must be at most {MAX_RETRIES}, not {r}"),
            )),
            _ => None,
        }
    }
}

/// The `[check]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSettings {
    /// First-level quotation marks in Spanish: `angular` (« ») or `curly` (“ ”).
    #[serde(default = "default_quotes")]
    pub quote_style: String,
    /// How numbers are written in the target: `es-MX` (1,500.5) or `es-ES` (1.500,5).
    #[serde(default = "default_locale")]
    pub number_locale: String,
    /// Severity per rule id (`error`, `warning`, `off`), where the project departs from the
    /// defaults.
    #[serde(default)]
    pub rules: std::collections::BTreeMap<String, String>,
}

fn default_source() -> Lang {
    Lang::En
}
fn default_target() -> Lang {
    Lang::Es
}
fn default_locale() -> String {
    "es-MX".into()
}
fn default_workfiles() -> PathBuf {
    PathBuf::from("work")
}
fn default_glossary() -> PathBuf {
    PathBuf::from("glossary")
}
fn default_quotes() -> String {
    "angular".into()
}

impl Default for Project {
    fn default() -> Self {
        Project {
            source: default_source(),
            target: default_target(),
            target_locale: default_locale(),
            workfiles: default_workfiles(),
            glossary: default_glossary(),
        }
    }
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            quote_style: default_quotes(),
            number_locale: default_locale(),
            rules: Default::default(),
        }
    }
}

impl Config {
    /// Parses the text of `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            Error::Config {
                path: path.to_path_buf(),
                message: match line {
                    Some(l) => format!("line {l}: {}", e.message()),
                    None => e.message().to_string(),
                },
            }
        })?;
        if !(50..=100).contains(&cfg.tm.fuzzy_threshold) {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: format!(
                    "[tm] fuzzy_threshold must be a percentage from 50 to 100, not {}",
                    cfg.tm.fuzzy_threshold
                ),
            });
        }
        for (name, engine) in &cfg.engine {
            if let Some((key, problem)) = engine.problem() {
                let header = format!("[engine.{name}]");
                let at = line_of(text, &header, key)
                    .map(|l| format!("line {l}: "))
                    .unwrap_or_default();
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: format!("{at}{header} {problem}"),
                });
            }
        }
        cfg.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(cfg)
    }

    /// The work file folder, resolved.
    pub fn workfiles_dir(&self) -> PathBuf {
        self.root.join(&self.project.workfiles)
    }

    /// The glossary folder, resolved.
    pub fn glossary_dir(&self) -> PathBuf {
        self.root.join(&self.project.glossary)
    }
}

/// The commented file `puente init` writes.
pub const TEMPLATE: &str = r#"# puente project settings. puente finds this file in the current folder or its parents.

[project]
# The language stories are usually written in, and the one they are translated into (en, es).
source = "en"
target = "es"
# The target locale decides number and quotation conventions for checks (es-MX, es-ES).
target_locale = "es-MX"
# Where `puente segment` writes work files when no -o is given, relative to this file.
workfiles = "work"
# The glossary and quote register (TOML files), relative to this file.
glossary = "glossary"

[check]
# First-level quotation marks in Spanish: "angular" for « » (RAE), "curly" for “ ”.
quote_style = "angular"
# Numbers in the target: "es-MX" writes 1,500.5 like English; "es-ES" writes 1.500,5.
number_locale = "es-MX"

[tm]
# Accept an exact translation-memory match in the same context (same previous and next
# segment) as reviewed, instead of writing it fuzzy for review.
accept_exact_in_context = false
# The lowest fuzzy match the memory offers, in percent of characters (50–100). Fuzzy matches
# are written fuzzy with their score and origin, and are not sent to the engine.
fuzzy_threshold = 75

[limits]
# The largest article or glossary file puente reads (a news story is far smaller), and the
# largest TMX file `puente tm import` reads. PUENTE_MAX_INPUT_SIZE overrides the first. Work
# files (PO, XLIFF) are many times their article: they may be eight times max_input_size, and
# puente never writes one larger, so it always reads back what it writes.
# max_input_size = "16 MiB"
# max_tmx_size = "4 GiB"

[check.rules]
# A rule's severity in this project: "error" (fails the check), "warning" or "off".
# `puente check --explain RULE` documents each rule.
# fuzzy = "error"
# same-as-source = "off"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_and_errors_name_the_line() {
        let cfg = Config::parse(Path::new("/p/puente.toml"), TEMPLATE).unwrap();
        assert_eq!(cfg.project.target, Lang::Es);
        assert_eq!(cfg.workfiles_dir(), Path::new("/p/work"));
        let e = Config::parse(Path::new("p.toml"), "[project]\ntarget = \"fr\"\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }

    #[test]
    fn sizes_in_bytes_or_with_a_unit() {
        assert_eq!(parse_size("16 MiB"), Some(16 << 20));
        assert_eq!(parse_size("16MiB"), Some(16 << 20));
        assert_eq!(parse_size("4g"), Some(4 << 30));
        assert_eq!(parse_size("1.5 KiB"), Some(1536));
        assert_eq!(parse_size("2 MB"), Some(2_000_000));
        assert_eq!(parse_size("4096"), Some(4096));
        for bad in [
            "",
            "0",
            "MiB",
            "12 parsecs",
            "-5",
            "99999999999999999999 GiB",
        ] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
        let cfg = Config::parse(
            Path::new("p.toml"),
            "[limits]\nmax_input_size = \"1 MiB\"\nmax_tmx_size = 5000\n",
        )
        .unwrap();
        assert_eq!(cfg.limits.max_input_size, Some(1 << 20));
        assert_eq!(cfg.limits.max_tmx_size, Some(5000));
        let e =
            Config::parse(Path::new("p.toml"), "[limits]\nmax_input_size = \"big\"\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }

    #[test]
    fn engine_limits_are_seconds_above_zero() {
        let engine = |line: &str| {
            Config::parse(
                Path::new("p.toml"),
                &format!("[engine.x]\nkind = \"apy\"\nurl = \"http://h\"\n{line}\n"),
            )
        };
        for ok in [
            "timeout = 0.5",
            "connect_timeout = 3",
            "deadline = 900",
            "retries = 0",
        ] {
            assert!(engine(ok).is_ok(), "{ok}");
        }
        for bad in [
            "timeout = 0",
            "timeout = -2",
            "connect_timeout = inf",
            "deadline = nan",
            "deadline = 1e9",
            "retries = 11",
            "requests_per_second = 0",
            "requests_per_second = -1",
            "requests_per_second = 1e-300",
            "requests_per_second = inf",
            "requests_per_second = nan",
            "requests_per_second = 1e9",
            "concurrency = 0",
            "concurrency = 100000",
            "batch_texts = 0",
            "batch_chars = 0",
        ] {
            let e = engine(bad).unwrap_err().to_string();
            let key = bad.split(' ').next().unwrap();
            assert!(e.contains(&format!("[engine.x] {key}")), "{bad}: {e}");
            assert!(e.contains("line 4: "), "{bad}: {e}");
        }
        for ok in [
            "requests_per_second = 0.5",
            "concurrency = 8",
            "batch_texts = 1",
        ] {
            assert!(engine(ok).is_ok(), "{ok}");
        }
    }
}
