//! DeepL API v2: `POST {url}/v2/translate` (JSON, at most 50 texts, key in the
//! `Authorization: DeepL-Auth-Key` header), and `POST {url}/v2/glossaries` for the project's
//! terms, which DeepL inflects itself. Names and register quotes travel as `<x>` elements with
//! `tag_handling = xml` and `ignore_tags = ["x"]`. The host follows the key: free keys (ending
//! in `:fx`) go to api-free.deepl.com. 403 (key) and 456 (quota) stop the run. Requests go
//! through [`Http`], which never lets the key header follow a redirect to another origin.
//! `GET /v2/usage`, with the key, is the probe: it tells that the server is alive and takes
//! the key, which is the whole check (DeepL offers both of puente's directions).

use serde::Deserialize;
use serde_json::json;
use tokio::sync::OnceCell;

use super::http::{Http, HttpError, ProtocolProblem};
use crate::lang::Lang;

/// A DeepL account.
pub struct DeepL {
    http: Http,
    url: String,
    key: String,
    source: Lang,
    target: Lang,
    /// Source → target pairs for DeepL's glossary, made once per run.
    entries: Vec<(String, String)>,
    glossary: OnceCell<Option<String>>,
    name: String,
}

#[derive(Deserialize)]
struct Translations {
    translations: Vec<Translation>,
}

#[derive(Deserialize)]
struct Translation {
    text: String,
}

#[derive(Deserialize)]
struct GlossaryCreated {
    glossary_id: String,
}

fn code(l: Lang) -> &'static str {
    match l {
        Lang::En => "EN",
        Lang::Es => "ES",
    }
}

impl DeepL {
    /// A client: `url` overrides the host the key implies; `entries` are the glossary's pairs;
    /// `name` names the glossary DeepL keeps (the glossary checksum makes it unique).
    pub fn new(
        url: Option<&str>,
        key: String,
        source: Lang,
        target: Lang,
        entries: Vec<(String, String)>,
        name: String,
        http: Http,
    ) -> DeepL {
        let url = host(url, &key);
        let usage = format!("{url}/v2/usage");
        let auth = authorization(&key);
        DeepL {
            http: http.probing(move |c| c.get(&usage).header("Authorization", &auth)),
            url,
            key,
            source,
            target,
            entries,
            glossary: OnceCell::new(),
            name,
        }
    }

    /// The secrets its answers lose.
    pub fn secrets(&self) -> &crate::mt::secret::Secrets {
        self.http.secrets()
    }

    /// The API's base URL, as it may be shown.
    pub fn url(&self) -> String {
        self.http.redact(&self.url).to_string()
    }

    fn auth(&self) -> String {
        authorization(&self.key)
    }

    /// POSTs `body` as JSON with the key in the header, with the run's retry policy.
    async fn post_json(&self, url: &str, body: &serde_json::Value) -> Result<String, HttpError> {
        self.http
            .send(|c| c.post(url).header("Authorization", self.auth()).json(body))
            .await
    }

    /// Whether the server answers its probe (`GET /v2/usage`) and accepts the key.
    pub async fn check(&self) -> Result<(), HttpError> {
        self.http.probe().await.map(drop)
    }

    /// The glossary's id, created on first use (none when there are no entries).
    async fn glossary_id(&self) -> Result<Option<String>, HttpError> {
        self.glossary
            .get_or_try_init(|| async {
                if self.entries.is_empty() {
                    return Ok(None);
                }
                let url = format!("{}/v2/glossaries", self.url);
                let tsv: String = self
                    .entries
                    .iter()
                    .map(|(s, t)| format!("{s}\t{t}\n"))
                    .collect();
                let body = json!({
                    "name": self.name,
                    "source_lang": self.source.code(),
                    "target_lang": self.target.code(),
                    "entries": tsv,
                    "entries_format": "tsv",
                });
                let answer = self.post_json(&url, &body).await?;
                let g: GlossaryCreated =
                    serde_json::from_str(&answer).map_err(|e| self.http.json(&url, e))?;
                Ok(Some(g.glossary_id))
            })
            .await
            .cloned()
    }

    /// Translates `texts` (XML with `<x>` elements), one output per input, in order.
    pub async fn translate(&self, texts: &[String]) -> Result<Vec<String>, HttpError> {
        let glossary = self.glossary_id().await?;
        let url = format!("{}/v2/translate", self.url);
        let mut body = json!({
            "text": texts,
            "source_lang": code(self.source),
            "target_lang": code(self.target),
            "tag_handling": "xml",
            "ignore_tags": ["x"],
            "split_sentences": "nonewlines",
            "preserve_formatting": true,
        });
        if let Some(id) = glossary {
            body["glossary_id"] = json!(id);
        }
        let answer = self.post_json(&url, &body).await?;
        let t: Translations = serde_json::from_str(&answer).map_err(|e| self.http.json(&url, e))?;
        if t.translations.len() != texts.len() {
            return Err(self.http.protocol(
                &url,
                ProtocolProblem::Count {
                    sent: texts.len(),
                    got: t.translations.len(),
                },
            ));
        }
        Ok(t.translations.into_iter().map(|t| t.text).collect())
    }
}

/// The `Authorization` header's value for `key`.
fn authorization(key: &str) -> String {
    format!("DeepL-Auth-Key {key}")
}

/// The API's base URL: `url` when configured, else the host the key implies.
pub fn host(url: Option<&str>, key: &str) -> String {
    match url {
        Some(u) => u.trim_end_matches('/').to_string(),
        None if key.ends_with(":fx") => "https://api-free.deepl.com".into(),
        None => "https://api.deepl.com".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_picks_the_host() {
        assert_eq!(host(None, "abc:fx"), "https://api-free.deepl.com");
        assert_eq!(host(None, "abc"), "https://api.deepl.com");
        assert_eq!(
            host(Some("http://127.0.0.1:9/"), "abc"),
            "http://127.0.0.1:9"
        );
    }
}
