//! The Apertium APy HTTP server (`apertium-apy`): `POST {url}/translate` with a form
//! (`langpair=eng|spa`, `q`, `markUnknown=no`, `format=txt`), and `GET {url}/listPairs`.
//!
//! APy has no batching of its own: a batch goes as paragraphs separated by blank lines, as
//! with the binary, and is split back; when the count does not match, each text goes alone.
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

/// Removes the `#` Apertium puts before a word it could not inflect, as `apertium -u` does for
/// the binary: `markUnknown=no` drops only the `*` marks. `@` (transfer errors) stays, and
/// verification rejects it.
fn drop_generation_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let at_word_start = prev.is_none_or(|p| !p.is_alphanumeric());
        if c == '#' && at_word_start && chars.peek().is_some_and(|n| n.is_alphabetic()) {
            prev = Some(c);
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
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
                    ("markUnknown", "no"),
                    ("format", "txt"),
                ])
            })
            .await?;
        let r: TranslateResponse =
            serde_json::from_str(&body).map_err(|e| self.http.json(&url, e))?;
        Ok(drop_generation_marks(&r.data.text))
    }

    /// Translates `texts`, one output per input, in order.
    pub async fn translate(&self, texts: &[String]) -> Result<Vec<String>, HttpError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let out = self.one(&super::join_paragraphs(texts)).await?;
        if let Some(parts) = super::split_paragraphs(&out, texts.len()) {
            return Ok(parts);
        }
        let mut all = Vec::with_capacity(texts.len());
        for t in texts {
            all.push(self.one(t).await?.trim().to_string());
        }
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn generation_marks_go_as_with_the_binary() {
        assert_eq!(
            super::drop_generation_marks("en el #arena político, “#sello” y C# #1"),
            "en el arena político, “sello” y C# #1"
        );
    }
}
