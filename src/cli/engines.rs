//! Engine setup from `puente.toml` (`[engine.NAME]`), shared by `translate`, and
//! `puente engines`, which lists the configured engines and checks each one with the same
//! check `translate` runs before its first batch (a server's probe, the program's `-l`).
//!
//! Time defaults per kind: 20 s a request (60 s for `openai`, whose model writes a whole batch
//! before it answers; 60 s a run of the local `apertium` program), 10 s to connect, 600 s a
//! run; a probe gets 5 s at most (see [`crate::mt::http`]).
//!
//! Setup is where an engine's key and URL are judged, before any request: a `key_env` that
//! names an unset or empty variable is an error (DeepL needs `key_env` at all), while an
//! engine whose table names no `key_env` (a self-hosted LibreTranslate or OpenAI-compatible
//! server) is asked without a key. A URL with a user name or password, a query or a fragment
//! is refused, so the key has one way in (`key_env`) and requests never carry two
//! Authorization headers.

use std::process::ExitCode;
use std::time::Duration;

use clap::ArgMatches;
use serde::Serialize;

use super::{project_config, CmdResult};
use crate::config::{Config, EngineConfig};
use crate::error::Error;
use crate::glossary::Glossary;
use crate::lang::Lang;
use crate::mt::apertium::{self, Apertium};
use crate::mt::apy::Apy;
use crate::mt::deepl::DeepL;
use crate::mt::http::{Http, Limits};
use crate::mt::libre::Libre;
use crate::mt::openai::OpenAi;
use crate::mt::secret::{self, Secrets};
use crate::mt::{deepl, Engine};
use crate::output::Output;
use crate::t;

/// The engine kinds puente knows.
pub const KINDS: [&str; 5] = ["apertium", "apy", "libretranslate", "deepl", "openai"];

/// An engine's settings, defaults filled in.
#[derive(Clone, Debug)]
pub struct Setup {
    /// Its name in puente.toml (`apertium` for the default).
    pub name: String,
    /// Its kind.
    pub kind: String,
    /// Its table, if configured.
    pub spec: Option<EngineConfig>,
    /// Segments per request.
    pub texts: usize,
    /// Characters per request.
    pub chars: usize,
    /// Requests in flight.
    pub concurrency: usize,
    /// Requests started per second, at most.
    pub rps: Option<f64>,
    /// Timeouts, the run's deadline and retries.
    pub limits: Limits,
}

/// The setup for `name` (or the local Apertium binary when none is given).
pub fn setup(name: Option<&str>, cfg: Option<&Config>) -> Result<Setup, Error> {
    let spec = match name {
        Some(name) => {
            let Some(e) = cfg.and_then(|c| c.engine.get(name)) else {
                return Err(Error::UnknownEngine { name: name.into() });
            };
            let needs_url = matches!(e.kind.as_str(), "apy" | "libretranslate" | "openai");
            if !KINDS.contains(&e.kind.as_str())
                || (needs_url && e.url.is_none())
                || (e.kind == "openai" && e.model.is_none())
            {
                return Err(Error::UnknownEngine { name: name.into() });
            }
            Some(e.clone())
        }
        None => None,
    };
    let kind = spec
        .as_ref()
        .map(|e| e.kind.clone())
        .unwrap_or_else(|| "apertium".into());
    // Defaults per kind: the binary is one process per batch on this machine's cores; servers
    // take a few requests in parallel, each within the limits their docs give.
    let (texts, chars, concurrency) = match kind.as_str() {
        "apy" => (20, 4_000, 4),
        "libretranslate" => (25, 5_000, 4),
        // DeepL: at most 50 texts and a 128 KiB body.
        "deepl" => (50, 30_000, 4),
        "openai" => (20, 6_000, 4),
        _ => (200, 100_000, 1),
    };
    let get = |f: fn(&EngineConfig) -> Option<usize>, d: usize| {
        spec.as_ref().and_then(f).unwrap_or(d).max(1)
    };
    // Time: a dead server (accepts, never answers) fails its probe before the first batch,
    // or, dying later, a timeout and then the probe. A model writes a whole batch before it
    // answers, so an OpenAI-compatible server gets longer; the local program gets a minute
    // for a batch it finishes in about a second.
    let defaults = Limits {
        timeout: match kind.as_str() {
            "openai" => Duration::from_secs(60),
            "apertium" => apertium::TIMEOUT,
            _ => Limits::default().timeout,
        },
        ..Limits::default()
    };
    let seconds = |f: fn(&EngineConfig) -> Option<f64>, d: Duration| {
        // The config refuses anything but seconds from above 0 to a day; a conversion that
        // fails anyway keeps the default rather than panicking.
        spec.as_ref()
            .and_then(f)
            .and_then(|s| Duration::try_from_secs_f64(s).ok())
            .unwrap_or(d)
    };
    Ok(Setup {
        name: name.unwrap_or("apertium").to_string(),
        texts: get(|e| e.batch_texts, texts),
        chars: get(|e| e.batch_chars, chars),
        concurrency: get(|e| e.concurrency, concurrency),
        rps: spec
            .as_ref()
            .and_then(|e| e.requests_per_second)
            .filter(|r| r.is_finite() && *r > 0.0),
        limits: Limits {
            timeout: seconds(|e| e.timeout, defaults.timeout),
            connect_timeout: seconds(|e| e.connect_timeout, defaults.connect_timeout),
            deadline: seconds(|e| e.deadline, defaults.deadline),
            retries: spec
                .as_ref()
                .and_then(|e| e.retries)
                .unwrap_or(defaults.retries),
        },
        kind,
        spec,
    })
}

impl Setup {
    /// The key, from the environment variable the config names (never from a file): `None`
    /// when the table names no `key_env`; an error, before any request, when the variable is
    /// unset or empty, or when the engine needs a key and the table names no variable.
    fn key(&self) -> Result<Option<String>, Error> {
        let var = self.spec.as_ref().and_then(|e| e.key_env.clone());
        match var {
            Some(var) => match std::env::var(&var) {
                // Surrounding whitespace (a key file's newline) is never part of a key.
                Ok(k) if !k.trim().is_empty() => Ok(Some(k.trim().to_string())),
                _ => Err(Error::EngineKey {
                    engine: self.name.clone(),
                    var,
                }),
            },
            None if self.kind == "deepl" => Err(Error::EngineKeyEnv {
                engine: self.name.clone(),
            }),
            None => Ok(None),
        }
    }

    /// `url` when it is an http(s) address without userinfo; refused otherwise, shown
    /// without the userinfo.
    fn checked_url(&self, url: &str) -> Result<(), Error> {
        let shown = || secret::shown(url).to_string();
        let (user, password) = secret::userinfo(url);
        if !user.is_empty() || !password.is_empty() {
            return Err(Error::EngineUserinfo {
                engine: self.name.clone(),
                url: shown(),
            });
        }
        match url::Url::parse(url) {
            // A query or fragment is where keys end up when they are put in the URL; it is
            // refused like userinfo, shown without it.
            Ok(u) if u.query().is_some() || u.fragment().is_some() => Err(Error::EngineUrlQuery {
                engine: self.name.clone(),
                url: shown(),
            }),
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => Ok(()),
            _ => Err(Error::EngineUrl {
                engine: self.name.clone(),
                url: shown(),
            }),
        }
    }

    /// The engine for `source` → `target`; DeepL's glossary comes from `glossary`. Keys and
    /// URLs are judged here, before any request.
    pub fn build(
        &self,
        source: Lang,
        target: Lang,
        glossary: &Glossary,
        checksum: &str,
    ) -> Result<Engine, Error> {
        let Some(spec) = self.spec.as_ref().filter(|_| self.kind != "apertium") else {
            let program = self
                .spec
                .as_ref()
                .and_then(|e| e.program.as_deref())
                .unwrap_or("apertium");
            return Ok(Engine::Apertium(std::sync::Arc::new(
                Apertium::new(program, source, target).within(self.limits.timeout),
            )));
        };
        if let Some(url) = &spec.url {
            self.checked_url(url)?;
        }
        let key = self.key()?;
        let url = match self.kind.as_str() {
            "deepl" => deepl::host(spec.url.as_deref(), key.as_deref().unwrap_or_default()),
            _ => spec.url.clone().unwrap_or_default(),
        };
        // Everything the engine's strings must never show: the key, and the URL's userinfo
        // (refused above, so none today; the redactor would catch it all the same).
        let http = Http::new(
            self.limits.clone(),
            Secrets::new(key.as_deref(), [url.as_str()]),
        );
        Ok(match self.kind.as_str() {
            "deepl" => Engine::DeepL(DeepL::new(
                Some(&url),
                key.unwrap_or_default(),
                source,
                target,
                deepl_entries(glossary, source, target),
                format!("puente-{checksum}"),
                http,
            )),
            "openai" => Engine::OpenAi(OpenAi::new(
                &url,
                key,
                spec.model.as_deref().unwrap_or_default(),
                source,
                target,
                http,
            )),
            "libretranslate" => Engine::Libre(Libre::new(&url, source, target, key, http)),
            _ => Engine::Apy(Apy::new(&url, source, target, http)),
        })
    }
}

/// DeepL glossary pairs: each source form with the target form at the same position when the
/// lists pair up (cartels → cárteles), else with the first target form. Names travel as tags.
fn deepl_entries(g: &Glossary, source: Lang, target: Lang) -> Vec<(String, String)> {
    g.engine_pairs(source, target)
}

/// One line of `puente engines --format json`, schema 1.
#[derive(Serialize)]
struct Status {
    schema: u32,
    name: String,
    kind: String,
    engine: String,
    source: String,
    target: String,
    ok: bool,
    error: Option<String>,
}

/// `puente engines`: each configured engine (and the default Apertium), checked: it answers
/// (a server its probe, within seconds) and offers the project's language pair. Exit 1 when
/// one does not.
pub fn run(m: &ArgMatches, out: &Output<'_>) -> CmdResult {
    let l = out.l10n();
    let cfg = project_config()?;
    let (source, target) = cfg
        .as_ref()
        .map(|c| (c.project.source, c.project.target))
        .unwrap_or((Lang::En, Lang::Es));
    let mut names: Vec<Option<String>> = vec![None];
    if let Some(c) = &cfg {
        names.extend(c.engine.keys().cloned().map(Some));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::EngineFailed {
            engine: "tokio".into(),
            message: e.to_string(),
        })?;
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    let mut failed = 0;
    let mut buf = String::new();
    for name in names {
        let setup = setup(name.as_deref(), cfg.as_ref())?;
        // A check needs no retries: it reports, it does not persevere.
        let setup = Setup {
            limits: Limits {
                retries: 0,
                ..setup.limits.clone()
            },
            ..setup
        };
        let result = setup
            .build(source, target, &Glossary::default(), "check")
            .and_then(|engine| {
                let described = engine.describe();
                runtime
                    .block_on(engine.check())
                    .map(|_| described)
                    .map_err(|e| super::translate::mt_error(&setup.name, e))
            });
        let (ok, engine, error) = match result {
            Ok(d) => (true, d, None),
            Err(e) => {
                failed += 1;
                let (msg, hint) = super::errors::describe(&e, l);
                let text = match hint {
                    Some(h) => format!("{msg} ({h})"),
                    None => msg,
                };
                (false, setup.kind.clone(), Some(text))
            }
        };
        if json {
            let s = Status {
                schema: 1,
                name: setup.name.clone(),
                kind: setup.kind.clone(),
                engine,
                source: source.code().into(),
                target: target.code().into(),
                ok,
                error,
            };
            buf.push_str(&serde_json::to_string(&s).expect("status serializes"));
            buf.push('\n');
        } else {
            let state = if ok {
                l.get("engines-ok")
            } else {
                l.get("engines-failed")
            };
            buf.push_str(&format!(
                "{}\t{}\t{}\t{state}{}\n",
                setup.name,
                setup.kind,
                engine,
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
