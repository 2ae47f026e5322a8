//! Machine translation: engines, and the protection that keeps glossary terms, names and
//! register quotes out of their hands.
//!
//! [`protect`] is pure. The engines ([`apertium`], [`apy`], [`libre`], [`deepl`], [`openai`])
//! are the one place besides the CLI that runs other programs or talks to the network; [`http`]
//! holds the manners every HTTP engine shares (time limits, the probe that tells a live server
//! from a dead one, retries, redirects), and [`secret`] the one redaction step every string
//! from a server or a URL passes through. Every engine is bounded in time: a server by its
//! probe, its timeouts and its deadline, the local program by a timeout on each run.

pub mod apertium;
pub mod apy;
pub mod cache;
pub mod deepl;
pub mod http;
pub mod libre;
pub mod lock;
pub mod openai;
pub mod protect;
pub mod secret;

use std::sync::Arc;

use self::apertium::{Apertium, ApertiumError};
use self::apy::Apy;
use self::deepl::DeepL;
use self::http::HttpError;
use self::libre::Libre;
use self::openai::OpenAi;
use self::protect::Method;

/// A batch for Apertium's frontends (binary and APy), which translate paragraphs: the segments
/// separated by blank lines. A segment never holds a blank line, so the split is safe.
pub(crate) fn join_paragraphs<S: AsRef<str>>(texts: &[S]) -> String {
    texts
        .iter()
        .map(|t| t.as_ref().replace('\n', " "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The answer to [`join_paragraphs`], one text per segment; `None` when the engine merged or
/// split paragraphs and the count no longer matches.
pub(crate) fn split_paragraphs(out: &str, count: usize) -> Option<Vec<String>> {
    let parts: Vec<String> = out
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    (parts.len() == count).then_some(parts)
}

/// Why an engine could not translate a batch.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The local binary.
    #[error(transparent)]
    Apertium(#[from] ApertiumError),
    /// An HTTP engine.
    #[error(transparent)]
    Http(#[from] HttpError),
}

impl EngineError {
    /// Whether the run must stop rather than go on with other batches (see
    /// [`HttpError::stops_run`]).
    pub fn is_fatal(&self) -> bool {
        match self {
            EngineError::Apertium(_) => true,
            EngineError::Http(h) => h.stops_run(),
        }
    }
}

/// A configured engine.
pub enum Engine {
    /// The local `apertium` binary.
    Apertium(Arc<Apertium>),
    /// An APy server.
    Apy(Apy),
    /// A LibreTranslate server.
    Libre(Libre),
    /// DeepL API v2.
    DeepL(DeepL),
    /// An OpenAI-compatible chat-completions server.
    OpenAi(OpenAi),
}

impl Engine {
    /// What provenance comments and summaries call it.
    pub fn describe(&self) -> String {
        match self {
            Engine::Apertium(a) => format!("apertium {}", a.pair()),
            Engine::Apy(a) => format!("apy {} {}", a.url(), a.pair()),
            Engine::Libre(l) => format!("libretranslate {}", l.url()),
            Engine::DeepL(d) => format!("deepl {}", d.url()),
            Engine::OpenAi(o) => format!("openai {}", o.describe()),
        }
    }

    /// Whether a translation of `source` gives the engine's key away (see
    /// [`secret::Secrets::leaks`]); the local program has no key.
    pub fn leaks(&self, source: &str, translation: &str) -> bool {
        let secrets = match self {
            Engine::Apertium(_) => return false,
            Engine::Apy(a) => a.secrets(),
            Engine::Libre(l) => l.secrets(),
            Engine::DeepL(d) => d.secrets(),
            Engine::OpenAi(o) => o.secrets(),
        };
        secrets.leaks(source, translation)
    }

    /// How protected spans travel to this engine.
    pub fn method(&self) -> Method {
        match self {
            Engine::Apertium(_) | Engine::Apy(_) | Engine::Libre(_) => Method::Words,
            Engine::DeepL(_) => Method::Tags,
            Engine::OpenAi(_) => Method::Instructions,
        }
    }

    /// Whether the engine runs and offers the language pair: the program lists it, or the
    /// server answers its probe (see [`http`]) within seconds and offers it.
    pub async fn check(&self) -> Result<(), EngineError> {
        match self {
            Engine::Apertium(a) => {
                let a = Arc::clone(a);
                tokio::task::spawn_blocking(move || a.check())
                    .await
                    .expect("the check does not panic")?;
                Ok(())
            }
            Engine::DeepL(d) => Ok(d.check().await?),
            Engine::OpenAi(o) => Ok(o.check().await?),
            Engine::Libre(l) => Ok(l.check().await?),
            Engine::Apy(a) => Ok(a.check().await?),
        }
    }

    /// Translates `texts`, one output per input, in order. `notes` are instructions for the
    /// batch (names, glossary hits, quotes) for engines that read instructions.
    pub async fn translate(
        &self,
        texts: Vec<String>,
        notes: Vec<String>,
    ) -> Result<Vec<String>, EngineError> {
        match self {
            Engine::Apertium(a) => {
                let a = Arc::clone(a);
                tokio::task::spawn_blocking(move || a.translate(&texts))
                    .await
                    .expect("the engine thread does not panic")
                    .map_err(EngineError::from)
            }
            Engine::Apy(a) => a.translate(&texts).await.map_err(EngineError::from),
            Engine::Libre(l) => l.translate(&texts).await.map_err(EngineError::from),
            Engine::DeepL(d) => d.translate(&texts).await.map_err(EngineError::from),
            Engine::OpenAi(o) => o.translate(&texts, &notes).await.map_err(EngineError::from),
        }
    }
}
