//! Engines as a project configures them (`[engine.NAME]` in `puente.toml`): their settings
//! with the defaults filled in ([`setup`]), the engine built for a language pair
//! ([`Setup::build`], DeepL's glossary from the project's), the check every engine passes
//! before a run's first batch, and for `puente engines` a test sentence translated in each
//! direction after it ([`check_all`]), and the error each engine failure becomes
//! ([`mt_error`]).
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
//! Authorization headers. The key is looked up through the [`Env`] the caller passes: this
//! module never reads the environment itself.
//!
//! It never prints and never renders a message: statuses and errors are data.

use std::time::Duration;

use crate::config::{Config, EngineConfig};
use crate::error::Error;
use crate::glossary::Glossary;
use crate::lang::Lang;
use crate::mt::apertium::{self, Apertium, ApertiumError};
use crate::mt::apy::Apy;
use crate::mt::deepl::DeepL;
use crate::mt::http::{Http, HttpError, Limits};
use crate::mt::libre::Libre;
use crate::mt::openai::OpenAi;
use crate::mt::secret::{self, Secrets};
use crate::mt::{deepl, Engine, EngineError};
use crate::project::Project;

/// How an engine's key is looked up: the value of an environment variable, by name (the CLI
/// passes the process's environment).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

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
            let configured = || {
                cfg.map(|c| c.engine.keys().cloned().collect())
                    .unwrap_or_default()
            };
            let Some(e) = cfg.and_then(|c| c.engine.get(name)) else {
                return Err(Error::UnknownEngine {
                    name: name.into(),
                    configured: configured(),
                    kind: suggested_kind(name).into(),
                });
            };
            let needs_url = matches!(e.kind.as_str(), "apy" | "libretranslate" | "openai");
            if !KINDS.contains(&e.kind.as_str())
                || (needs_url && e.url.is_none())
                || (e.kind == "openai" && e.model.is_none())
            {
                return Err(Error::UnknownEngine {
                    name: name.into(),
                    configured: configured(),
                    kind: if KINDS.contains(&e.kind.as_str()) {
                        e.kind.clone()
                    } else {
                        suggested_kind(name).into()
                    },
                });
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

/// The kind an engine's name suggests, for the table a hint proposes when `--engine NAME`
/// is not configured: a kind's name or a well-known service in it (`deepl`, `deepl-pro` →
/// `deepl`; `libre` → `libretranslate`; `gpt`, `chat`, `llm`, `ollama` → `openai`), else the
/// local `apertium`.
pub fn suggested_kind(name: &str) -> &'static str {
    let name = name.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    if has(&["deepl"]) {
        "deepl"
    } else if has(&["libre"]) {
        "libretranslate"
    } else if has(&["apy"]) {
        "apy"
    } else if has(&["openai", "gpt", "chat", "llm", "ollama", "vllm", "llama"]) {
        "openai"
    } else {
        "apertium"
    }
}

impl Setup {
    /// The error for what this engine answered (see [`mt_error`]).
    pub fn error(&self, e: EngineError) -> Error {
        mt_error(self, e)
    }

    /// The variable the key comes from, when the table names one.
    fn key_env(&self) -> Option<String> {
        self.spec.as_ref().and_then(|e| e.key_env.clone())
    }

    /// The key, from the environment variable the config names (never from a file): `None`
    /// when the table names no `key_env`; an error, before any request, when the variable is
    /// unset or empty, or when the engine needs a key and the table names no variable.
    fn key(&self, env: Env<'_>) -> Result<Option<String>, Error> {
        match self.key_env() {
            Some(var) => match env(&var) {
                // Surrounding whitespace (a key file's newline) is never part of a key.
                Some(k) if !k.trim().is_empty() => Ok(Some(k.trim().to_string())),
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

    /// The engine for `source` → `target`; DeepL's glossary comes from `glossary`. Keys
    /// (looked up in `env`) and URLs are judged here, before any request.
    pub fn build(
        &self,
        source: Lang,
        target: Lang,
        glossary: &Glossary,
        checksum: &str,
        env: Env<'_>,
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
        let key = self.key(env)?;
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

/// An engine's state as `puente engines` reports it.
#[derive(Debug)]
pub struct Status {
    /// Its name in puente.toml (`apertium` for the default).
    pub name: String,
    /// Its kind.
    pub kind: String,
    /// What summaries call it ([`Engine::describe`]), or its kind when it could not be built.
    pub engine: String,
    /// Whether it answers and offers the pair, or why not.
    pub result: Result<(), Error>,
}

/// The engines' check for `puente engines`.
#[derive(Debug)]
pub struct Statuses {
    /// The project's language pair, which every engine is checked for.
    pub source: Lang,
    /// The target language.
    pub target: Lang,
    /// The default Apertium, then each configured engine in name order.
    pub engines: Vec<Status>,
}

/// The sentence `puente engines` has every engine translate from `lang`: plain news prose
/// every engine knows, so that an empty answer or the sentence itself is the engine's fault.
pub fn test_sentence(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "The mayor said the city will open three new schools next year.",
        Lang::Es => "El alcalde dijo que la ciudad abrirá tres escuelas nuevas el próximo año.",
    }
}

/// Whether `engine` (named `name`) is usable from `source` to `target`: it passes the check
/// `translate` runs before its first batch, then translates [`test_sentence`] into something
/// that is neither empty nor the sentence itself. A check that passes says only that the
/// engine answers: a program without its language data, or a server that echoes, passes it.
async fn try_engine(
    engine: &Engine,
    setup: &Setup,
    source: Lang,
    target: Lang,
) -> Result<(), Error> {
    let name = &setup.name;
    engine.check().await.map_err(|e| mt_error(setup, e))?;
    let sentence = test_sentence(source);
    let out = engine
        .translate(vec![sentence.to_string()], Vec::new())
        .await
        .map_err(|e| mt_error(setup, e))?;
    let answer = out.first().map(|t| t.text.trim()).unwrap_or_default();
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let unusable = |answer: Option<String>| Error::EngineUnusable {
        engine: name.to_string(),
        source_lang: source.code().to_string(),
        target: target.code().to_string(),
        answer,
    };
    if answer.is_empty() {
        return Err(unusable(None));
    }
    if fold(answer) == fold(sentence) {
        return Err(unusable(Some(answer.to_string())));
    }
    Ok(())
}

/// Checks the default Apertium and every configured engine as `translate` does before its
/// first batch (a server's probe within seconds, the program's `-l`), then has it translate a
/// test sentence ([`test_sentence`]), in the project's direction (English → Spanish outside a
/// project) and back: work files of either direction go to the same engines. A check is not
/// retried: it reports, it does not persevere. An engine table that cannot be set up at all
/// is an error.
pub fn check_all(project: &Project, env: Env<'_>) -> Result<Statuses, Error> {
    let cfg = project.config();
    let (source, target) = cfg
        .map(|c| (c.project.source, c.project.target))
        .unwrap_or((Lang::En, Lang::Es));
    let mut names: Vec<Option<String>> = vec![None];
    if let Some(c) = cfg {
        names.extend(c.engine.keys().cloned().map(Some));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::EngineFailed {
            engine: "tokio".into(),
            message: e.to_string(),
        })?;
    let mut engines = Vec::new();
    for name in names {
        let setup = setup(name.as_deref(), cfg)?;
        let setup = Setup {
            limits: Limits {
                retries: 0,
                ..setup.limits.clone()
            },
            ..setup
        };
        let build = |s: Lang, t: Lang| setup.build(s, t, &Glossary::default(), "check", env);
        let (engine, result) = match build(source, target) {
            Ok(engine) => {
                let result = runtime
                    .block_on(try_engine(&engine, &setup, source, target))
                    .and_then(|()| {
                        let back = build(target, source)?;
                        runtime.block_on(try_engine(&back, &setup, target, source))
                    });
                (engine.describe(), result)
            }
            Err(e) => (setup.kind.clone(), Err(e)),
        };
        engines.push(Status {
            name: setup.name,
            kind: setup.kind,
            engine,
            result,
        });
    }
    Ok(Statuses {
        source,
        target,
        engines,
    })
}

/// The error for what the engine `setup` describes answered.
pub fn mt_error(setup: &Setup, e: EngineError) -> Error {
    match e {
        EngineError::Apertium(a) => apertium_error(&setup.name, a),
        EngineError::Http(h) => http_error(setup, h),
    }
}

/// Every text in `e` is already redacted.
fn http_error(setup: &Setup, e: HttpError) -> Error {
    let engine = setup.name.clone();
    match e {
        HttpError::Timeout { url, seconds } => Error::EngineTimeout {
            engine,
            url: url.to_string(),
            seconds: seconds.to_string(),
        },
        HttpError::Redirect { from, to } => Error::EngineRedirect {
            engine,
            from: from.to_string(),
            to: to.to_string(),
        },
        HttpError::Wait {
            url,
            status,
            seconds,
        } => Error::EngineWait {
            engine,
            url: url.to_string(),
            status,
            seconds,
        },
        HttpError::Deadline { seconds, .. } => Error::EngineDeadline {
            engine,
            seconds: seconds.to_string(),
        },
        HttpError::Dead {
            url,
            seconds,
            after,
        } => Error::EngineDead {
            engine,
            url: url.to_string(),
            seconds: seconds.to_string(),
            after: after.map(|a| a.to_string()),
        },
        other => Error::EngineHttp {
            engine,
            error: Box::new(other),
            kind: setup.kind.clone(),
            key_env: setup.key_env(),
        },
    }
}

/// `engine` is the name in puente.toml (`apertium` for the default).
fn apertium_error(engine: &str, e: ApertiumError) -> Error {
    match e {
        ApertiumError::Missing => Error::EngineMissing {
            engine: "apertium".into(),
        },
        ApertiumError::PairMissing(pair) => Error::EnginePair {
            engine: "apertium".into(),
            pair,
        },
        ApertiumError::Failed { pair, message } => Error::EngineFailed {
            engine: format!("apertium {pair}"),
            message,
        },
        ApertiumError::Exit {
            program,
            pair,
            code,
            message,
        } => Error::EngineExit {
            engine: engine.to_string(),
            program,
            pair,
            code,
            message,
        },
        ApertiumError::NoOutput {
            program,
            pair,
            message,
        } => Error::EngineNoOutput {
            engine: engine.to_string(),
            program,
            pair,
            message,
        },
        ApertiumError::Timeout { program, seconds } => Error::EngineStuck {
            engine: engine.to_string(),
            program,
            seconds: seconds.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &std::path::Path, engines: &str) -> Config {
        Config::parse(&dir.join(crate::config::FILE_NAME), engines).unwrap()
    }

    #[test]
    fn keys_come_from_the_environment_the_caller_passes() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = config(
            dir.path(),
            "[engine.d]\nkind = \"deepl\"\nkey_env = \"D_KEY\"\n\
             [engine.n]\nkind = \"deepl\"\n",
        );
        let build = |name: &str, env: Env<'_>| {
            setup(Some(name), Some(&cfg)).unwrap().build(
                Lang::En,
                Lang::Es,
                &Glossary::default(),
                "c",
                env,
            )
        };
        let unset = build("d", &|_| None).err();
        assert!(matches!(unset, Some(Error::EngineKey { ref var, .. }) if var == "D_KEY"));
        let blank = build("d", &|_| Some("  \n".into())).err();
        assert!(matches!(blank, Some(Error::EngineKey { .. })));
        let built = build("d", &|k| (k == "D_KEY").then(|| "secret:fx\n".into())).unwrap();
        assert!(
            built.describe().starts_with("deepl "),
            "{}",
            built.describe()
        );
        let no_var = build("n", &|_| Some("k".into())).err();
        assert!(matches!(no_var, Some(Error::EngineKeyEnv { .. })));
        assert!(matches!(
            setup(Some("x"), Some(&cfg)),
            Err(Error::UnknownEngine { .. })
        ));
        // The engines the config defines are listed, and the kind is the name's, never
        // apertium's for a name that says deepl.
        match setup(Some("deepl"), Some(&cfg)) {
            Err(Error::UnknownEngine {
                configured, kind, ..
            }) => {
                assert_eq!(kind, "deepl");
                assert_eq!(configured, cfg.engine.keys().cloned().collect::<Vec<_>>());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_engine_name_suggests_its_kind() {
        for (name, kind) in [
            ("deepl", "deepl"),
            ("DeepL-Pro", "deepl"),
            ("libre", "libretranslate"),
            ("apy", "apy"),
            ("gpt", "openai"),
            ("ollama", "openai"),
            ("default", "apertium"),
            ("local", "apertium"),
        ] {
            assert_eq!(suggested_kind(name), kind, "{name}");
        }
    }

    #[test]
    fn every_engine_is_checked_and_reported_as_data() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("fake-apertium");
        // Lists both pairs and "translates" by writing `ES ` before each line.
        std::fs::write(
            &script,
            "#!/bin/sh\nif [ \"$1\" = -l ]; then echo eng-spa spa-eng; exit 0; fi\n\
             sed 's/^\\(.\\)/ES \\1/'\n",
        )
        .unwrap();
        // Both answer the check; then one writes nothing (its complaint on stderr, exit 0, as
        // Apertium's pipeline did under a locale the system lacks), the other the input back.
        let mute = dir.path().join("mute-apertium");
        std::fs::write(
            &mute,
            "#!/bin/sh\nif [ \"$1\" = -l ]; then echo eng-spa spa-eng; exit 0; fi\n\
             cat >/dev/null; echo 'locale::facet::_S_create_c_locale name not valid' >&2\n",
        )
        .unwrap();
        let echo = dir.path().join("echo-apertium");
        std::fs::write(
            &echo,
            "#!/bin/sh\nif [ \"$1\" = -l ]; then echo eng-spa spa-eng; exit 0; fi\ncat\n",
        )
        .unwrap();
        for s in [&mute, &echo] {
            std::fs::set_permissions(s, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let cfg = config(
            dir.path(),
            &format!(
                "[engine.fake]\nkind = \"apertium\"\nprogram = \"{}\"\n\
                 [engine.gone]\nkind = \"apertium\"\nprogram = \"{}\"\n\
                 [engine.mute]\nkind = \"apertium\"\nprogram = \"{}\"\n\
                 [engine.parrot]\nkind = \"apertium\"\nprogram = \"{}\"\n",
                script.display(),
                dir.path().join("none").display(),
                mute.display(),
                echo.display()
            ),
        );
        let statuses = check_all(&Project::from_config(Some(cfg)), &|_| None).unwrap();
        assert_eq!((statuses.source, statuses.target), (Lang::En, Lang::Es));
        let names: Vec<&str> = statuses.engines.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["apertium", "fake", "gone", "mute", "parrot"]);
        let fake = &statuses.engines[1];
        assert_eq!(fake.engine, "apertium eng-spa");
        assert!(fake.result.is_ok(), "{:?}", fake.result);
        assert!(matches!(
            statuses.engines[2].result,
            Err(Error::EngineMissing { .. })
        ));
        // Their checks pass; their test sentences do not.
        assert!(
            matches!(
                &statuses.engines[3].result,
                Err(Error::EngineNoOutput { engine, message, .. })
                    if engine == "mute" && message.contains("_S_create_c_locale")
            ),
            "{:?}",
            statuses.engines[3].result
        );
        assert!(
            matches!(
                &statuses.engines[4].result,
                Err(Error::EngineUnusable { answer: Some(a), source_lang, .. })
                    if a == test_sentence(Lang::En) && source_lang == "en"
            ),
            "{:?}",
            statuses.engines[4].result
        );
    }

    #[test]
    fn deepl_pairs_each_source_form_with_the_target_form_in_its_place() {
        let mut g = Glossary::default();
        let problems = g.add_file(
            "g.toml",
            "[[term]]\nid = \"c\"\nen = [\"cartel\", \"cartels\"]\nes = [\"cártel\", \"cárteles\"]\n\
             [[term]]\nid = \"d\"\nen = [\"drone\", \"drones\"]\nes = [\"dron\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let entries = deepl_entries(&g, Lang::En, Lang::Es);
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            entries,
            [
                pair("cartel", "cártel"),
                pair("cartels", "cárteles"),
                pair("drone", "dron"),
                pair("drones", "dron")
            ]
        );
    }
}
