//! Project configuration: `puente.toml`, found in the current folder or its parents (as
//! Cargo finds `Cargo.toml`). The search is the CLI's job; this module parses text and
//! resolves paths against the folder that holds the file.

use std::path::{Path, PathBuf};

use serde::Deserialize;

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
    /// The cache of verified machine translations (`[cache]`).
    #[serde(default)]
    pub cache: CacheSettings,
    /// Machine-translation engines by name (`[engine.NAME]`).
    #[serde(default)]
    pub engine: std::collections::BTreeMap<String, EngineConfig>,
    /// Input size limits (`[limits]`).
    #[serde(default)]
    pub limits: Limits,
    /// The folder holding `puente.toml`, filled in after loading.
    #[serde(skip)]
    pub root: PathBuf,
    /// `[check]`, validated when the file was parsed.
    #[serde(skip)]
    check_settings: crate::check::Settings,
}

/// The engine kinds puente drives.
pub const ENGINE_KINDS: [&str; 5] = ["apertium", "apy", "libretranslate", "deepl", "openai"];

/// What is wrong with a `puente.toml` (the CLI words each kind in the user's language). Keys
/// are written as in the file's tables: `[check] quote_style`.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigProblem {
    /// Not TOML.
    Syntax {
        /// The TOML parser's own words.
        detail: String,
    },
    /// A table or key puente does not know.
    UnknownKey {
        /// The key.
        key: String,
        /// The keys its table may hold, comma-separated.
        allowed: String,
    },
    /// A value of the wrong type (a text for a number, say).
    BadValue {
        /// The key.
        key: String,
        /// The TOML reader's own words.
        detail: String,
    },
    /// A value that is not one of those allowed.
    Choice {
        /// The key.
        key: String,
        /// The value written.
        value: String,
        /// The values allowed, quoted and comma-separated.
        allowed: String,
    },
    /// A `[check.rules]` entry for a rule puente does not have.
    UnknownRule {
        /// The rule id written.
        id: String,
        /// Every rule id, comma-separated.
        allowed: String,
    },
    /// A time that is not a number of seconds above 0 and at most a day.
    Seconds {
        /// The key.
        key: String,
        /// The value written.
        value: String,
    },
    /// A request rate outside its bounds.
    Rate {
        /// The key.
        key: String,
        /// The value written.
        value: String,
        /// The highest rate.
        max: String,
    },
    /// A count outside `min..=max`.
    Range {
        /// The key.
        key: String,
        /// The value written.
        value: String,
        /// The smallest value allowed.
        min: u64,
        /// The largest value allowed.
        max: u64,
    },
    /// A size that is not a size above zero.
    Size {
        /// The key.
        key: String,
    },
    /// An engine table without a key its kind needs.
    Missing {
        /// The key missing.
        key: String,
        /// The engine's kind.
        kind: String,
    },
    /// A URL that holds a password where passwords are never kept (`[tm] url`).
    PasswordInUrl {
        /// The key.
        key: String,
    },
}

impl std::fmt::Display for ConfigProblem {
    /// The problem in English, for logs and tests; the CLI words each kind in the user's
    /// language instead.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigProblem::Syntax { detail } => write!(f, "not TOML: {detail}"),
            ConfigProblem::UnknownKey { key, allowed } => {
                write!(f, "unknown key {key} (known: {allowed})")
            }
            ConfigProblem::BadValue { key, detail } => write!(f, "{key}: {detail}"),
            ConfigProblem::Choice {
                key,
                value,
                allowed,
            } => write!(f, "{key} = \"{value}\": expected {allowed}"),
            ConfigProblem::UnknownRule { id, .. } => write!(f, "[check.rules] unknown rule {id}"),
            ConfigProblem::Seconds { key, value } => write!(
                f,
                "{key} must be a number of seconds above 0 and at most 86400, not {value}"
            ),
            ConfigProblem::Rate { key, value, max } => write!(
                f,
                "{key} must be a number above 0 (at least one request a day) and at most {max}, \
                 not {value}"
            ),
            ConfigProblem::Range {
                key,
                value,
                min,
                max,
            } => write!(f, "{key} must be from {min} to {max}, not {value}"),
            ConfigProblem::Size { key } => write!(
                f,
                "{key}: expected a size above zero, such as 16777216 or \"16 MiB\""
            ),
            ConfigProblem::Missing { key, kind } => {
                write!(f, "{key} is needed by the kind {kind}")
            }
            ConfigProblem::PasswordInUrl { key } => {
                write!(
                    f,
                    "{key} holds a password, which is never kept in puente.toml"
                )
            }
        }
    }
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
    /// A PostgreSQL server holding the memory a newsroom shares
    /// (`postgresql://user@host:port/database`), instead of `.puente/tm.sqlite`; never with
    /// a password (issue 18).
    #[serde(default)]
    pub url: Option<String>,
    /// The environment variable holding the memory server's password.
    #[serde(default)]
    pub password_env: Option<String>,
}

fn default_fuzzy_threshold() -> u8 {
    75
}

impl Default for TmSettings {
    fn default() -> Self {
        TmSettings {
            accept_exact_in_context: false,
            fuzzy_threshold: default_fuzzy_threshold(),
            url: None,
            password_env: None,
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

/// The line of the table header `header` (`[check]`) in `text`.
fn line_of_header(text: &str, header: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.trim_end_matches(|c: char| c != ']') == header
                || l.starts_with(&format!("{}.", header.trim_end_matches(']')))
        })
        .map(|n| n + 1)
}

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
    /// What is wrong with the table, if anything, as the key and the problem (`header` is
    /// `[engine.NAME]`): the kind is one puente drives, with the keys it needs; times are
    /// seconds above 0 (and at most a day), retries at most [`MAX_RETRIES`], the rate a finite
    /// number of requests a second from one a day to [`MAX_RATE`], and concurrency and batch
    /// sizes at least 1 and at most their maxima. Every number here becomes a wait or a count,
    /// so nothing outside these bounds reaches a clock.
    fn problem(&self, header: &str) -> Option<(&'static str, ConfigProblem)> {
        let key = |name: &str| format!("{header} {name}");
        if !ENGINE_KINDS.contains(&self.kind.as_str()) {
            return Some((
                "kind",
                ConfigProblem::Choice {
                    key: key("kind"),
                    value: self.kind.clone(),
                    allowed: quoted(&ENGINE_KINDS),
                },
            ));
        }
        let needs_url = matches!(self.kind.as_str(), "apy" | "libretranslate" | "openai");
        for (name, needed, present) in [
            ("url", needs_url, self.url.is_some()),
            ("model", self.kind == "openai", self.model.is_some()),
        ] {
            if needed && !present {
                return Some((
                    "kind",
                    ConfigProblem::Missing {
                        key: key(name),
                        kind: self.kind.clone(),
                    },
                ));
            }
        }
        for (name, value) in [
            ("timeout", self.timeout),
            ("connect_timeout", self.connect_timeout),
            ("deadline", self.deadline),
        ] {
            match value {
                Some(v) if !(v.is_finite() && v > 0.0 && v <= 86_400.0) => {
                    return Some((
                        name,
                        ConfigProblem::Seconds {
                            key: key(name),
                            value: format!("{v:?}"),
                        },
                    ))
                }
                _ => {}
            }
        }
        if let Some(r) = self.requests_per_second {
            if !(r.is_finite() && r > 0.0 && r <= MAX_RATE && 1.0 / r <= 86_400.0) {
                return Some((
                    "requests_per_second",
                    ConfigProblem::Rate {
                        key: key("requests_per_second"),
                        // `{:?}`: 1e-300 stays short, where `{}` writes every zero.
                        value: format!("{r:?}"),
                        max: MAX_RATE.to_string(),
                    },
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
                    return Some((
                        name,
                        ConfigProblem::Range {
                            key: key(name),
                            value: v.to_string(),
                            min: 1,
                            max: max as u64,
                        },
                    ))
                }
                _ => {}
            }
        }
        match self.retries {
            Some(r) if r > MAX_RETRIES => Some((
                "retries",
                ConfigProblem::Range {
                    key: key("retries"),
                    value: r.to_string(),
                    min: 0,
                    max: MAX_RETRIES.into(),
                },
            )),
            _ => None,
        }
    }
}

/// The `[cache]` table: where verified machine translations are kept (issue 18).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheSettings {
    /// A PostgreSQL server holding the cache a newsroom shares
    /// (`postgresql://user@host:port/database`), instead of `.puente/cache.sqlite`; never
    /// with a password.
    #[serde(default)]
    pub url: Option<String>,
    /// The environment variable holding the cache server's password.
    #[serde(default)]
    pub password_env: Option<String>,
}

/// `values` quoted and comma-separated: `"angular", "curly"`.
fn quoted(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a URL holds a password: in its user part (`user:secret@host`) or as a
/// `password=` parameter (libpq reads both).
pub fn url_has_password(text: &str) -> bool {
    match url::Url::parse(text) {
        Ok(u) => u.password().is_some() || u.query_pairs().any(|(k, _)| k == "password"),
        // A URL that does not parse may still hold one: a colon in its user part.
        Err(_) => text
            .split_once("://")
            .and_then(|(_, rest)| rest.split(['/', '?']).next())
            .and_then(|authority| authority.rsplit_once('@'))
            .is_some_and(|(userinfo, _)| userinfo.contains(':')),
    }
}

/// The keys each table may hold, for the refusal of one it does not (`engine.*` for every
/// engine's table).
const KEYS: &[(&str, &[&str])] = &[
    ("", &["project", "check", "tm", "cache", "engine", "limits"]),
    (
        "project",
        &["source", "target", "target_locale", "workfiles", "glossary"],
    ),
    ("check", &["quote_style", "number_locale", "rules"]),
    (
        "tm",
        &[
            "accept_exact_in_context",
            "fuzzy_threshold",
            "url",
            "password_env",
        ],
    ),
    ("cache", &["url", "password_env"]),
    ("limits", &["max_input_size", "max_tmx_size"]),
    (
        "engine.*",
        &[
            "kind",
            "program",
            "key_env",
            "model",
            "url",
            "batch_texts",
            "batch_chars",
            "concurrency",
            "requests_per_second",
            "timeout",
            "connect_timeout",
            "deadline",
            "retries",
        ],
    ),
];

/// The first key of `table` (at `path`, `""` for the top) that puente does not know, with
/// the keys allowed there; tables within are walked too.
fn unknown_key(table: &toml::Table, path: &str) -> Option<(String, String, String)> {
    let schema = if path.starts_with("engine.") {
        "engine.*"
    } else {
        path
    };
    // `[engine]` holds engines by any name.
    let allowed = KEYS.iter().find(|(t, _)| *t == schema).map(|(_, k)| *k);
    if allowed.is_none() && path != "engine" {
        return None;
    }
    for (key, value) in table {
        if allowed.is_some_and(|a| !a.contains(&key.as_str())) {
            return Some((
                path.to_string(),
                key.clone(),
                allowed.unwrap_or_default().join(", "),
            ));
        }
        let inner = match (path, key.as_str()) {
            ("", _) => key.clone(),
            ("engine", _) => format!("engine.{key}"),
            _ => continue,
        };
        if let toml::Value::Table(t) = value {
            if let Some(found) = unknown_key(t, &inner) {
                return Some(found);
            }
        }
    }
    None
}

/// A key as the messages write it: `[check] quote_style`, or `[check]` for a table at the top.
fn key_name(table: &str, key: &str) -> String {
    if table.is_empty() {
        format!("[{key}]")
    } else {
        format!("[{table}] {key}")
    }
}

/// The key written on 1-based `line` of `text`, named as [`key_name`] does (the table from the
/// header above it), for a value the TOML reader refused there.
fn key_at(text: &str, line: usize) -> String {
    let mut table = String::new();
    for (n, l) in text.lines().enumerate().take(line) {
        let l = l.trim();
        if l.starts_with('[') {
            table = l
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            if n + 1 == line {
                return format!("[{table}]");
            }
        } else if n + 1 == line {
            let key = l.split('=').next().unwrap_or_default().trim();
            return key_name(&table, key.trim_matches('"'));
        }
    }
    format!("[{table}]")
}

/// The 1-based line where a byte offset into `text` falls.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The `[check]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSettings {
    /// First-level quotation marks in Spanish: `angular` (« »), `curly` (“ ”) or `either`.
    /// Not set: « » (angular), and for a Mexican, US or Latin American Spanish target either.
    #[serde(default)]
    pub quote_style: Option<String>,
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

impl CheckSettings {
    /// The settings the checks use, or the table header, key and problem of the first value
    /// they cannot use.
    fn validate(
        &self,
    ) -> std::result::Result<crate::check::Settings, (&'static str, String, ConfigProblem)> {
        use crate::check::{NumberLocale, QuoteStyle, Rule, Severity};
        let mut s = crate::check::Settings::default();
        let choice = |key: &str, value: &str, allowed: &[&str]| {
            (
                "[check]",
                key.to_string(),
                ConfigProblem::Choice {
                    key: key_name("check", key),
                    value: value.to_string(),
                    allowed: quoted(allowed),
                },
            )
        };
        s.quote_style = match self.quote_style.as_deref().unwrap_or("angular") {
            "angular" => QuoteStyle::Angular,
            "curly" => QuoteStyle::Curly,
            "either" => QuoteStyle::Either,
            other => {
                return Err(choice(
                    "quote_style",
                    other,
                    &["angular", "curly", "either"],
                ))
            }
        };
        s.number_locale = match self.number_locale.as_str() {
            "es-ES" => NumberLocale::Es,
            "es-MX" | "es-US" | "es-419" => NumberLocale::Mx,
            other => {
                return Err(choice(
                    "number_locale",
                    other,
                    &["es-MX", "es-ES", "es-US", "es-419"],
                ))
            }
        };
        for (id, level) in &self.rules {
            let rule = Rule::parse(id).ok_or_else(|| {
                (
                    "[check.rules]",
                    id.clone(),
                    ConfigProblem::UnknownRule {
                        id: id.clone(),
                        allowed: Rule::ALL
                            .iter()
                            .map(|r| r.id())
                            .collect::<Vec<_>>()
                            .join(", "),
                    },
                )
            })?;
            let sev = Severity::parse(level).ok_or_else(|| {
                (
                    "[check.rules]",
                    id.clone(),
                    ConfigProblem::Choice {
                        key: key_name("check.rules", id),
                        value: level.clone(),
                        allowed: quoted(&["error", "warning", "off"]),
                    },
                )
            })?;
            s.levels.insert(rule, sev);
        }
        Ok(s)
    }
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            quote_style: None,
            number_locale: default_locale(),
            rules: Default::default(),
        }
    }
}

/// A `puente.toml` that cannot be used: the file, the line of the key when known, and what
/// is wrong (the CLI renders it localized).
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    /// The settings file.
    pub path: PathBuf,
    /// The 1-based line of the key, when it is known.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: ConfigProblem,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {:?}", self.problem)
    }
}

impl Config {
    /// Parses the text of `path` and validates every section, so whatever command loads
    /// the file, a value puente cannot use is refused at once, naming the line and the key.
    pub fn parse(path: &Path, text: &str) -> std::result::Result<Config, ConfigError> {
        let refuse = |line: Option<usize>, problem: ConfigProblem| ConfigError {
            path: path.to_path_buf(),
            line,
            problem,
        };
        // First as plain TOML: a syntax error is told apart from a value puente refuses.
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            refuse(
                e.span().map(|s| line_at(text, s.start)),
                ConfigProblem::Syntax {
                    detail: e.message().to_string(),
                },
            )
        })?;
        if let Some((table, key, allowed)) = unknown_key(&table, "") {
            let header = format!("[{table}]");
            let line = if table.is_empty() {
                line_of_header(text, &format!("[{key}]"))
            } else {
                line_of(text, &header, &key)
            };
            return Err(refuse(
                line,
                ConfigProblem::UnknownKey {
                    key: key_name(&table, &key),
                    allowed,
                },
            ));
        }
        // Languages are checked before the types, so `source = "fr"` is a choice refused, not
        // a value of the wrong type.
        if let Some(toml::Value::Table(project)) = table.get("project") {
            for key in ["source", "target"] {
                if let Some(toml::Value::String(v)) = project.get(key) {
                    if v != "en" && v != "es" {
                        return Err(refuse(
                            line_of(text, "[project]", key),
                            ConfigProblem::Choice {
                                key: key_name("project", key),
                                value: v.clone(),
                                allowed: quoted(&["en", "es"]),
                            },
                        ));
                    }
                }
            }
        }
        if let Some(toml::Value::Table(limits)) = table.get("limits") {
            for key in ["max_input_size", "max_tmx_size"] {
                let ok = match limits.get(key) {
                    None => true,
                    Some(toml::Value::Integer(n)) => *n > 0,
                    Some(toml::Value::String(s)) => parse_size(s).is_some(),
                    Some(_) => false,
                };
                if !ok {
                    return Err(refuse(
                        line_of(text, "[limits]", key),
                        ConfigProblem::Size {
                            key: key_name("limits", key),
                        },
                    ));
                }
            }
        }
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_at(text, s.start));
            refuse(
                line,
                ConfigProblem::BadValue {
                    key: line.map(|l| key_at(text, l)).unwrap_or_default(),
                    detail: e.message().to_string(),
                },
            )
        })?;
        if !(50..=100).contains(&cfg.tm.fuzzy_threshold) {
            return Err(refuse(
                line_of(text, "[tm]", "fuzzy_threshold"),
                ConfigProblem::Range {
                    key: key_name("tm", "fuzzy_threshold"),
                    value: cfg.tm.fuzzy_threshold.to_string(),
                    min: 50,
                    max: 100,
                },
            ));
        }
        // The memory server's password lives in the environment or ~/.pgpass, never in a
        // file that is committed with the project.
        for (table, url) in [("tm", &cfg.tm.url), ("cache", &cfg.cache.url)] {
            if url.as_deref().is_some_and(url_has_password) {
                return Err(refuse(
                    line_of(text, &format!("[{table}]"), "url"),
                    ConfigProblem::PasswordInUrl {
                        key: key_name(table, "url"),
                    },
                ));
            }
        }
        for (name, engine) in &cfg.engine {
            let header = format!("[engine.{name}]");
            if let Some((key, problem)) = engine.problem(&header) {
                return Err(refuse(line_of(text, &header, key), problem));
            }
        }
        cfg.check_settings = cfg
            .check
            .validate()
            .map_err(|(table, key, problem)| refuse(line_of(text, table, &key), problem))?;
        cfg.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(cfg)
    }

    /// The `[check]` settings, as validated by [`Config::parse`].
    pub fn check_settings(&self) -> crate::check::Settings {
        self.check_settings.clone()
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

/// One line of the `puente.toml` template: a comment (a Fluent id, worded in the language the
/// project is set up in, one `#` line per line of the message), a setting, or a blank line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateLine {
    /// A comment, by its Fluent id.
    Comment(&'static str),
    /// A line written as is (a table header or a setting, maybe commented out).
    Toml(&'static str),
    /// An empty line.
    Blank,
}

/// The `puente init` template: every setting a project usually changes, each with its
/// comment. The settings are the same in every language; only the comments are translated.
pub const TEMPLATE: &[TemplateLine] = {
    use TemplateLine::{Blank, Comment, Toml};
    &[
        Comment("init-config-head"),
        Blank,
        Toml("[project]"),
        Comment("init-config-languages"),
        Toml("source = \"en\""),
        Toml("target = \"es\""),
        Comment("init-config-target-locale"),
        Toml("target_locale = \"es-MX\""),
        Comment("init-config-workfiles"),
        Toml("workfiles = \"work\""),
        Comment("init-config-glossary"),
        Toml("glossary = \"glossary\""),
        Blank,
        Toml("[check]"),
        Comment("init-config-quote-style"),
        Toml("quote_style = \"angular\""),
        Comment("init-config-number-locale"),
        Toml("number_locale = \"es-MX\""),
        Blank,
        Toml("[tm]"),
        Comment("init-config-tm-exact"),
        Toml("accept_exact_in_context = false"),
        Comment("init-config-tm-fuzzy"),
        Toml("fuzzy_threshold = 75"),
        Blank,
        Toml("[limits]"),
        Comment("init-config-limits"),
        Toml("# max_input_size = \"16 MiB\""),
        Toml("# max_tmx_size = \"4 GiB\""),
        Blank,
        Toml("[check.rules]"),
        Comment("init-config-rules"),
        Toml("# fuzzy = \"error\""),
        Toml("# same-as-source = \"off\""),
    ]
};

/// The template as text, its comments worded by `comment` (a Fluent lookup).
pub fn template(comment: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for line in TEMPLATE {
        match line {
            TemplateLine::Comment(id) => {
                for l in comment(id).lines() {
                    out.push_str(if l.is_empty() { "#" } else { "# " });
                    out.push_str(l);
                    out.push('\n');
                }
            }
            TemplateLine::Toml(t) => {
                out.push_str(t);
                out.push('\n');
            }
            TemplateLine::Blank => out.push('\n'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_parses_and_errors_name_the_line() {
        let english = crate::l10n::L10n::new(crate::l10n::UiLang::EnUs);
        let cfg =
            Config::parse(Path::new("/p/puente.toml"), &template(|id| english.get(id))).unwrap();
        assert_eq!(cfg.project.target, Lang::Es);
        assert_eq!(cfg.workfiles_dir(), Path::new("/p/work"));
        let e = Config::parse(Path::new("p.toml"), "[project]\ntarget = \"fr\"\n").unwrap_err();
        assert!(matches!(e, ConfigError { line: Some(2), .. }), "{e}");
    }

    #[test]
    fn a_memory_url_with_a_password_is_refused_at_its_line() {
        let ok = Config::parse(
            Path::new("p.toml"),
            "[tm]\nurl = \"postgresql://ana@db:5432/news\"\npassword_env = \"TM_PW\"\n",
        )
        .unwrap();
        assert_eq!(ok.tm.url.as_deref(), Some("postgresql://ana@db:5432/news"));
        assert_eq!(ok.tm.password_env.as_deref(), Some("TM_PW"));
        for url in [
            "postgresql://ana:s3cret@db:5432/news",
            "postgresql://ana@db/news?password=s3cret",
            "postgresql://ana:s3cret@/news?host=/run/pg",
        ] {
            let (line, problem) = refusal(&format!("[project]\n\n[tm]\nurl = \"{url}\"\n"));
            assert_eq!(line, Some(4), "{url}");
            assert_eq!(
                problem,
                ConfigProblem::PasswordInUrl {
                    key: "[tm] url".into()
                }
            );
            assert!(!problem.to_string().contains("s3cret"));
        }
    }

    #[test]
    fn a_cache_url_with_a_password_is_refused_at_its_line() {
        let ok = Config::parse(
            Path::new("p.toml"),
            "[cache]\nurl = \"postgresql://ana@db:5432/news\"\npassword_env = \"MT_PW\"\n",
        )
        .unwrap();
        assert_eq!(
            ok.cache.url.as_deref(),
            Some("postgresql://ana@db:5432/news")
        );
        assert_eq!(ok.cache.password_env.as_deref(), Some("MT_PW"));
        assert_eq!(
            Config::parse(Path::new("p.toml"), "").unwrap().cache.url,
            None
        );
        for url in [
            "postgresql://ana:s3cret@db:5432/news",
            "postgresql://ana@db/news?password=s3cret",
        ] {
            let (line, problem) = refusal(&format!(
                "[tm]\nurl = \"postgresql://ana@db/tm\"\n\n[cache]\n\nurl = \"{url}\"\n"
            ));
            assert_eq!(line, Some(6), "{url}");
            assert_eq!(
                problem,
                ConfigProblem::PasswordInUrl {
                    key: "[cache] url".into()
                }
            );
            assert!(!problem.to_string().contains("s3cret"));
        }
        assert!(matches!(
            refusal("[cache]\nsize = 3\n").1,
            ConfigProblem::UnknownKey { key, .. } if key == "[cache] size"
        ));
    }

    /// The line and problem of `text`'s refusal.
    fn refusal(text: &str) -> (Option<usize>, ConfigProblem) {
        match Config::parse(Path::new("p.toml"), text) {
            Err(ConfigError { line, problem, .. }) => (line, problem),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn every_section_is_validated_when_the_file_is_parsed() {
        // Issue 12: `[check]` was validated only by `check`, so other commands took a bad
        // value silently.
        assert_eq!(
            refusal("[project]\nsource = \"en\"\n\n[check]\nquote_style = \"fancy\"\n"),
            (
                Some(5),
                ConfigProblem::Choice {
                    key: "[check] quote_style".into(),
                    value: "fancy".into(),
                    allowed: "\"angular\", \"curly\", \"either\"".into(),
                }
            )
        );
        assert!(matches!(
            refusal("[check]\nnumber_locale = \"fr-FR\"\n"),
            (Some(2), ConfigProblem::Choice { key, .. }) if key == "[check] number_locale"
        ));
        assert!(matches!(
            refusal("[check.rules]\nfuzzy = \"loud\"\n"),
            (Some(2), ConfigProblem::Choice { key, value, .. })
                if key == "[check.rules] fuzzy" && value == "loud"
        ));
        assert!(matches!(
            refusal("[check.rules]\nno-such-rule = \"off\"\n"),
            (Some(2), ConfigProblem::UnknownRule { id, .. }) if id == "no-such-rule"
        ));
        assert!(matches!(
            refusal("[engine.x]\nkind = \"babelfish\"\n"),
            (Some(2), ConfigProblem::Choice { key, .. }) if key == "[engine.x] kind"
        ));
        assert!(matches!(
            refusal("[engine.x]\nkind = \"openai\"\nurl = \"http://h\"\n"),
            (Some(2), ConfigProblem::Missing { key, .. }) if key == "[engine.x] model"
        ));
        assert!(matches!(
            refusal("[tm]\nfuzzy_threshold = 20\n"),
            (
                Some(2),
                ConfigProblem::Range {
                    min: 50,
                    max: 100,
                    ..
                }
            )
        ));
        let settings = Config::parse(
            Path::new("p.toml"),
            "[check]\nquote_style = \"curly\"\nnumber_locale = \"es-ES\"\n",
        )
        .unwrap()
        .check_settings();
        assert_eq!(settings.quote_style, crate::check::QuoteStyle::Curly);
        assert_eq!(settings.number_locale, crate::check::NumberLocale::Es);
    }

    #[test]
    fn syntax_unknown_keys_and_types_are_told_apart() {
        assert!(matches!(
            refusal("[project]\nsource = \n"),
            (Some(2), ConfigProblem::Syntax { .. })
        ));
        assert_eq!(
            refusal("[project]\nsource = \"en\"\ntargte = \"es\"\n"),
            (
                Some(3),
                ConfigProblem::UnknownKey {
                    key: "[project] targte".into(),
                    allowed: "source, target, target_locale, workfiles, glossary".into(),
                }
            )
        );
        assert!(matches!(
            refusal("[projet]\nsource = \"en\"\n"),
            (Some(1), ConfigProblem::UnknownKey { key, .. }) if key == "[projet]"
        ));
        assert!(matches!(
            refusal("[engine.x]\nkind = \"apy\"\nurl = \"http://h\"\ntimout = 3\n"),
            (Some(4), ConfigProblem::UnknownKey { key, .. }) if key == "[engine.x] timout"
        ));
        assert!(matches!(
            refusal("[tm]\nfuzzy_threshold = \"high\"\n"),
            (Some(2), ConfigProblem::BadValue { key, .. }) if key == "[tm] fuzzy_threshold"
        ));
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
        assert_eq!(
            refusal("[limits]\nmax_input_size = \"big\"\n"),
            (
                Some(2),
                ConfigProblem::Size {
                    key: "[limits] max_input_size".into()
                }
            )
        );
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
            let e = engine(bad).unwrap_err();
            let key = bad.split(' ').next().unwrap();
            assert!(
                e.to_string().contains(&format!("[engine.x] {key}")),
                "{bad}: {e}"
            );
            assert!(matches!(e, ConfigError { line: Some(4), .. }), "{bad}: {e}");
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
