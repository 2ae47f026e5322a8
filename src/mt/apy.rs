//! The Apertium APy HTTP server (`apertium-apy`): `POST {url}/translate` with a form
//! (`langpair=eng|spa`, `q`, `markUnknown=yes`, `format=txt`), and `GET {url}/listPairs`.
//!
//! APy has no batching of its own: a batch goes as paragraphs separated by blank lines, as
//! with the binary, and is split back; when the count does not match, each text goes alone.
//! Unknown-word marks are asked for and read as with the binary (`unmark` in [`super`]).
//! APy takes no key; requests go through [`Http`], like every HTTP engine's, with
//! `/listPairs` as the probe that tells whether the server is alive.

use serde::Deserialize;

use super::http::{Http, HttpError, ProtocolProblem};
use crate::lang::Lang;

/// An APy server.
pub struct Apy {
    http: Http,
    url: String,
    source: &'static str,
    target: &'static str,
}

#[derive(Deserialize)]
struct TranslateResponse {
    #[serde(rename = "responseData")]
    data: TranslateData,
}

#[derive(Deserialize)]
struct TranslateData {
    #[serde(rename = "translatedText")]
    text: String,
}

#[derive(Deserialize)]
struct PairsResponse {
    #[serde(rename = "responseData")]
    data: Vec<Pair>,
}

#[derive(Deserialize)]
struct Pair {
    #[serde(rename = "sourceLanguage")]
    source: String,
    #[serde(rename = "targetLanguage")]
    target: String,
}

fn code3(l: Lang) -> &'static str {
    match l {
        Lang::En => "eng",
        Lang::Es => "spa",
    }
}

impl Apy {
    /// A client for the server at `url` (`http://127.0.0.1:2737`).
    pub fn new(url: &str, source: Lang, target: Lang, http: Http) -> Apy {
        let url = url.trim_end_matches('/').to_string();
        let pairs = format!("{url}/listPairs");
        Apy {
            http: http.probing(move |c| c.get(&pairs)),
            url,
            source: code3(source),
            target: code3(target),
        }
    }

    /// `eng|spa`.
    pub fn pair(&self) -> String {
        format!("{}|{}", self.source, self.target)
    }

    /// The secrets its answers lose.
    pub fn secrets(&self) -> &crate::mt::secret::Secrets {
        self.http.secrets()
    }

    /// The server's URL, as it may be shown.
    pub fn url(&self) -> String {
        self.http.redact(&self.url).to_string()
    }

    /// Whether the server answers its probe (`/listPairs`) and offers the pair (a server
    /// without that list is taken at its word).
    pub async fn check(&self) -> Result<(), HttpError> {
        let url = format!("{}/listPairs", self.url);
        let Some(body) = self.http.probe().await? else {
            return Ok(());
        };
        let pairs: PairsResponse =
            serde_json::from_str(&body).map_err(|e| self.http.json(&url, e))?;
        if pairs
            .data
            .iter()
            .any(|p| p.source == self.source && p.target == self.target)
        {
            Ok(())
        } else {
            Err(self
                .http
                .protocol(&url, ProtocolProblem::PairNotOffered { pair: self.pair() }))
        }
    }

    async fn one(&self, text: &str) -> Result<String, HttpError> {
        let url = format!("{}/translate", self.url);
        let pair = self.pair();
        let body = self
            .http
            .send(|c| {
                c.post(&url).form(&[
                    ("langpair", pair.as_str()),
                    ("q", text),
                    ("markUnknown", "yes"),
                    ("format", "txt"),
                ])
            })
            .await?;
        let r: TranslateResponse =
            serde_json::from_str(&body).map_err(|e| self.http.json(&url, e))?;
        Ok(r.data.text)
    }

    /// Translates `texts`, one output per input, in order, with the words the engine did
    /// not know.
    pub async fn translate(&self, texts: &[String]) -> Result<Vec<super::Translation>, HttpError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let out = self.one(&super::join_paragraphs(texts)).await?;
        let outputs = match super::split_paragraphs(&out, texts.len()) {
            Some(parts) => parts,
            None => {
                let mut all = Vec::with_capacity(texts.len());
                for t in texts {
                    all.push(self.one(t).await?.trim().to_string());
                }
                all
            }
        };
        Ok(texts
            .iter()
            .zip(outputs)
            .map(|(t, o)| super::unmark(t, &o))
            .collect())
    }
}
