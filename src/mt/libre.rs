//! LibreTranslate: `POST {url}/translate` with JSON `{"q": [...], "source", "target",
//! "format": "text", "api_key"}` → `{"translatedText": [...]}`; `GET {url}/languages`.
//!
//! A batch is one request with an array of texts, in order. The answer must hold exactly as
//! many texts as were sent; anything else is a protocol error, never a guess.

use std::time::Duration;

use serde::Deserialize;
use serde_json::json;

use super::http::{send, HttpError, RetryPolicy};
use crate::lang::Lang;

/// A LibreTranslate server.
pub struct Libre {
    client: reqwest::Client,
    url: String,
    source: Lang,
    target: Lang,
    key: Option<String>,
    policy: RetryPolicy,
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
    pub fn new(
        url: &str,
        source: Lang,
        target: Lang,
        key: Option<String>,
        timeout: Duration,
        policy: RetryPolicy,
    ) -> Libre {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .expect("an HTTP client with default TLS builds");
        Libre {
            client,
            url: url.trim_end_matches('/').to_string(),
            source,
            target,
            key,
            policy,
        }
    }

    /// The server's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Whether the server answers and offers the pair.
    pub async fn check(&self) -> Result<bool, HttpError> {
        let url = format!("{}/languages", self.url);
        let body = send(|| self.client.get(&url), &self.policy).await?;
        let langs: Vec<Language> =
            serde_json::from_str(&body).map_err(|e| HttpError::Protocol {
                url: url.clone(),
                message: e.to_string(),
            })?;
        Ok(langs.iter().any(|l| {
            l.code == self.source.code() && l.targets.iter().any(|t| t == self.target.code())
        }))
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
        let answer = send(|| self.client.post(&url).json(&body), &self.policy).await?;
        let protocol = |message: String| HttpError::Protocol {
            url: url.clone(),
            message,
        };
        let t: Translated =
            serde_json::from_str(&answer).map_err(|e| protocol(format!("invalid JSON: {e}")))?;
        let out: Vec<String> = match t.text {
            serde_json::Value::Array(items) => items
                .into_iter()
                .map(|v| v.as_str().map(String::from))
                .collect::<Option<_>>()
                .ok_or_else(|| protocol("translatedText holds a non-string".into()))?,
            serde_json::Value::String(s) if texts.len() == 1 => vec![s],
            _ => return Err(protocol("translatedText is not a list of texts".into())),
        };
        if out.len() != texts.len() {
            return Err(protocol(format!(
                "{} texts sent, {} returned",
                texts.len(),
                out.len()
            )));
        }
        Ok(out)
    }
}
