//! LibreTranslate: `POST {url}/translate` with JSON `{"q": [...], "source", "target",
//! "format": "text", "api_key"}` → `{"translatedText": [...]}`; `GET {url}/languages`.
//!
//! A batch is one request with an array of texts, in order. The answer must hold exactly as
//! many texts as were sent; anything else is a protocol error, never a guess.
//!
//! The key travels in the JSON body, so it would go wherever the body goes: [`Http`] follows
//! redirects only within the server's origin. A self-hosted server without keys is asked
//! without `api_key` (no `key_env` in the config). `/languages`, which needs no key, is the
//! probe that tells whether the server is alive.

use serde::Deserialize;
use serde_json::json;

use super::http::{Http, HttpError, ProtocolProblem};
use crate::lang::Lang;

/// A LibreTranslate server.
pub struct Libre {
    http: Http,
    url: String,
    source: Lang,
    target: Lang,
    key: Option<String>,
}

#[derive(Deserialize)]
struct Translated {
    #[serde(rename = "translatedText")]
    text: serde_json::Value,
}

#[derive(Deserialize)]
struct Language {
    code: String,
    #[serde(default)]
    targets: Vec<String>,
}

impl Libre {
    /// A client for the server at `url`; `key` is the API key, if the server wants one.
    pub fn new(url: &str, source: Lang, target: Lang, key: Option<String>, http: Http) -> Libre {
        let url = url.trim_end_matches('/').to_string();
        let languages = format!("{url}/languages");
        Libre {
            http: http.probing(move |c| c.get(&languages)),
            url,
            source,
            target,
            key,
        }
    }

    /// The secrets its answers lose.
    pub fn secrets(&self) -> &crate::mt::secret::Secrets {
        self.http.secrets()
    }

    /// The server's URL, as it may be shown.
    pub fn url(&self) -> String {
        self.http.redact(&self.url).to_string()
    }

    /// Whether the server answers its probe (`/languages`) and offers the pair (a server
    /// without that list is taken at its word).
    pub async fn check(&self) -> Result<(), HttpError> {
        let url = format!("{}/languages", self.url);
        let Some(body) = self.http.probe().await? else {
            return Ok(());
        };
        let langs: Vec<Language> =
            serde_json::from_str(&body).map_err(|e| self.http.json(&url, e))?;
        if langs.iter().any(|l| {
            l.code == self.source.code() && l.targets.iter().any(|t| t == self.target.code())
        }) {
            Ok(())
        } else {
            Err(self.http.protocol(
                &url,
                ProtocolProblem::PairNotOffered {
                    pair: format!("{}-{}", self.source.code(), self.target.code()),
                },
            ))
        }
    }

    /// Translates `texts`, one output per input, in order.
    pub async fn translate(&self, texts: &[String]) -> Result<Vec<String>, HttpError> {
        let url = format!("{}/translate", self.url);
        let mut body = json!({
            "q": texts,
            "source": self.source.code(),
            "target": self.target.code(),
            "format": "text",
        });
        if let Some(k) = &self.key {
            body["api_key"] = json!(k);
        }
        let answer = self.http.send(|c| c.post(&url).json(&body)).await?;
        let protocol = |problem: ProtocolProblem| self.http.protocol(&url, problem);
        let t: Translated = serde_json::from_str(&answer).map_err(|e| self.http.json(&url, e))?;
        let out: Vec<String> = match t.text {
            serde_json::Value::Array(items) => items
                .into_iter()
                .map(|v| v.as_str().map(String::from))
                .collect::<Option<_>>()
                .ok_or_else(|| protocol(ProtocolProblem::NotTexts))?,
            serde_json::Value::String(s) if texts.len() == 1 => vec![s],
            _ => return Err(protocol(ProtocolProblem::NotTexts)),
        };
        if out.len() != texts.len() {
            return Err(protocol(ProtocolProblem::Count {
                sent: texts.len(),
                got: out.len(),
            }));
        }
        Ok(out)
    }
}
