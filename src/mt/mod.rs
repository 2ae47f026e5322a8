//! Machine translation: engines, and the protection that keeps glossary terms, names and
//! register quotes out of their hands.
//!
//! [`protect`] is pure. The engines ([`apertium`], [`apy`], [`libre`], [`deepl`], [`openai`])
//! are the one place besides the CLI that runs other programs or talks to the network; [`http`]
//! holds the manners every HTTP engine shares (time limits, the probe that tells a live server
//! from a dead one, retries, redirects), and [`secret`] the one redaction step every string
//! from a server or a URL passes through. Every engine is bounded in time: a server by its
//! probe, its timeouts and its deadline, the local program by a timeout on each run.
//!
//! An engine answers each segment with a [`Translation`]: the text, and the words it did not
//! know, which only Apertium's frontends mark (read and taken out by `unmark`); the others
//! answer none.

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

/// One segment's translation as an engine gave it: the text, and the words the engine did not
/// know and left as they were.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Translation {
    /// The translation, without the engine's marks.
    pub text: String,
    /// The words the engine marked as unknown to it (Apertium's `*word` and `@word`), in
    /// order, each once; none for engines that do not mark them.
    pub unknown: Vec<String>,
}

impl Translation {
    /// A translation from an engine that marks nothing.
    pub fn plain(text: String) -> Translation {
        Translation {
            text,
            unknown: Vec::new(),
        }
    }
}

/// Whether `word` stands in `text` as a whole word.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Reads an Apertium frontend's marks in `output`, the translation of `input`, and takes them
/// out (the binary's, APy's with `markUnknown=yes`). What they mean:
/// - `*word`: the analyser did not know the word, which is copied untranslated: unknown;
/// - `@word`: the word was analysed but the bilingual dictionary has no translation for it,
///   and its source lemma is copied: unknown too;
/// - `#word`: the word was translated, but the generator has no form of it for this context
///   (gender, number): the mark goes, the word stays, since the reviewer reads it anyway.
///
/// A mark is only a mark where the engine could have put it: at the start of a word, and not
/// copied from the input (a `*` of emphasis, a `@handle`, a `#hashtag`); a `*` also needs the
/// word itself in the input, since that is what an unknown word is.
pub(crate) fn unmark(input: &str, output: &str) -> Translation {
    let mut text = String::with_capacity(output.len());
    let mut unknown: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    let mut rest = output;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        let word: &str = after
            .split(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or_default();
        let at_start = !prev.is_some_and(char::is_alphanumeric);
        let marked = at_start
            && !word.is_empty()
            && matches!(c, '*' | '@' | '#')
            && !has_word(input, &format!("{c}{word}"))
            && (c != '*' || has_word(input, word));
        if marked {
            if c != '#' && !unknown.iter().any(|u| u == word) {
                unknown.push(word.to_string());
            }
        } else {
            text.push(c);
        }
        prev = Some(c);
        rest = after;
    }
    Translation { text, unknown }
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

    /// Translates `texts`, one output per input, in order, with the words the engine did not
    /// know. `notes` are instructions for the batch (names, glossary hits, quotes) for engines
    /// that read instructions.
    pub async fn translate(
        &self,
        texts: Vec<String>,
        notes: Vec<String>,
    ) -> Result<Vec<Translation>, EngineError> {
        let plain = |r: Result<Vec<String>, HttpError>| {
            r.map(|v| v.into_iter().map(Translation::plain).collect())
                .map_err(EngineError::from)
        };
        match self {
            Engine::Apertium(a) => {
                let a = Arc::clone(a);
                tokio::task::spawn_blocking(move || a.translate(&texts))
                    .await
                    .expect("the engine thread does not panic")
                    .map_err(EngineError::from)
            }
            Engine::Apy(a) => a.translate(&texts).await.map_err(EngineError::from),
            Engine::Libre(l) => plain(l.translate(&texts).await),
            Engine::DeepL(d) => plain(d.translate(&texts).await),
            Engine::OpenAi(o) => plain(o.translate(&texts, &notes).await),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unmark;

    #[test]
    fn apertium_marks_are_read_and_taken_out() {
        let t = unmark(
            "el escalating la disputa y el escalating-thing de PZX3Q",
            "The *escalating the dispute and the *escalating-*thing of *PZX3Q",
        );
        assert_eq!(
            t.text,
            "The escalating the dispute and the escalating-thing of PZX3Q"
        );
        assert_eq!(t.unknown, ["escalating", "thing", "PZX3Q"]);
        // `@` is a word without a translation; `#` a word without its form: the mark goes.
        let t = unmark("He said the arena strikes", "Dijo el #arena @strike");
        assert_eq!(t.text, "Dijo el arena strike");
        assert_eq!(t.unknown, ["strike"]);
    }

    #[test]
    fn what_the_input_had_is_no_mark() {
        let t = unmark(
            "Follow @SENER, #Elecciones2024, *programa* y C# #1",
            "Follow @SENER, #Elecciones2024, *program* and C# #1",
        );
        assert_eq!(
            t.text,
            "Follow @SENER, #Elecciones2024, *program* and C# #1"
        );
        assert!(t.unknown.is_empty(), "{:?}", t.unknown);
        // Apertium marks an unknown word after a copied `@`: only its own mark goes.
        let t = unmark("Sigue a @SENER", "*Follow @*SENER");
        assert_eq!((t.text.as_str(), t.unknown.len()), ("*Follow @SENER", 1));
    }
}
