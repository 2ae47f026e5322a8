//! OpenAI-compatible chat completions (OpenAI, vLLM, llama.cpp, Ollama, OpenRouter):
//! `POST {url}/v1/chat/completions` with the key as a Bearer token. A batch is one request: the
//! segments as JSON keyed by id, the rules, names, glossary hits and register quotes of the
//! batch in the system message, and a strict JSON schema for the answer. Every id must come
//! back exactly once and `finish_reason` must be `stop`; anything else fails the batch.
//! Without `key_env` in the config (a self-hosted server) no Authorization header is sent.
//! `GET {url}/v1/models` is the probe that tells whether the server is alive; a server without
//! it (404, 405) is alive all the same.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::json;

use super::http::{Http, HttpError, ProtocolProblem};
use crate::lang::Lang;

/// An OpenAI-compatible server and model.
pub struct OpenAi {
    http: Http,
    url: String,
    key: Option<String>,
    model: String,
    source: Lang,
    target: Lang,
}

#[derive(Deserialize)]
struct Completion {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: ChatMessage,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct ChatMessage {
    content: Option<String>,
}

#[derive(Deserialize)]
struct Segments {
    segments: Vec<Segment>,
}

#[derive(Deserialize)]
struct Segment {
    id: String,
    text: String,
}

/// `r` with the key as a Bearer token, when there is one.
fn authorized(r: reqwest::RequestBuilder, key: Option<&str>) -> reqwest::RequestBuilder {
    match key {
        Some(k) => r.bearer_auth(k),
        None => r,
    }
}

fn language(l: Lang) -> &'static str {
    match l {
        Lang::En => "English",
        Lang::Es => "Spanish (Mexico)",
    }
}

impl OpenAi {
    /// A client for `model` at `url`.
    pub fn new(
        url: &str,
        key: Option<String>,
        model: &str,
        source: Lang,
        target: Lang,
        http: Http,
    ) -> OpenAi {
        let url = url.trim_end_matches('/').to_string();
        let models = format!("{url}/v1/models");
        let probe_key = key.clone();
        OpenAi {
            http: http.probing(move |c| authorized(c.get(&models), probe_key.as_deref())),
            url,
            key,
            model: model.to_string(),
            source,
            target,
        }
    }

    /// The secrets its answers lose.
    pub fn secrets(&self) -> &crate::mt::secret::Secrets {
        self.http.secrets()
    }

    /// The server's URL and model, for provenance, as they may be shown.
    pub fn describe(&self) -> String {
        self.http
            .redact(&format!("{} {}", self.url, self.model))
            .to_string()
    }

    /// Whether the server answers its probe (`GET /v1/models`) and serves the model (a
    /// server without that list, or one that lists no models, is taken at its word).
    pub async fn check(&self) -> Result<(), HttpError> {
        let url = format!("{}/v1/models", self.url);
        let Some(body) = self.http.probe().await? else {
            return Ok(());
        };
        #[derive(Deserialize)]
        struct Models {
            #[serde(default)]
            data: Vec<Model>,
        }
        #[derive(Deserialize)]
        struct Model {
            id: String,
        }
        let models: Models = serde_json::from_str(&body).map_err(|e| self.http.json(&url, e))?;
        if models.data.is_empty() || models.data.iter().any(|m| m.id == self.model) {
            Ok(())
        } else {
            Err(self.http.protocol(&url, ProtocolProblem::ModelNotOffered))
        }
    }

    /// Translates `texts`; `notes` are the batch's names, glossary hits and quotes, as lines.
    pub async fn translate(
        &self,
        texts: &[String],
        notes: &[String],
    ) -> Result<Vec<String>, HttpError> {
        let url = format!("{}/v1/chat/completions", self.url);
        let ids: Vec<String> = (1..=texts.len()).map(|i| i.to_string()).collect();
        let mut system = format!(
            "You translate news segments from {} to {} for a newsroom. Translate each segment \
             faithfully and completely; keep every placeholder such as {{1}} exactly as written; \
             keep Markdown marks; answer with JSON {{\"segments\": [{{\"id\", \"text\"}}]}}, one \
             entry per segment id, nothing else.",
            language(self.source),
            language(self.target)
        );
        if !notes.is_empty() {
            system.push_str("\nRules for this batch (follow them exactly):\n");
            for n in notes {
                system.push_str("- ");
                system.push_str(n);
                system.push('\n');
            }
        }
        let user = json!({
            "segments": ids.iter().zip(texts).map(|(id, t)| json!({"id": id, "text": t})).collect::<Vec<_>>()
        })
        .to_string();
        let body = json!({
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": user},
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {
                    "name": "segments",
                    "strict": true,
                    "schema": {
                        "type": "object",
                        "properties": {
                            "segments": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "id": {"type": "string"},
                                        "text": {"type": "string"}
                                    },
                                    "required": ["id", "text"],
                                    "additionalProperties": false
                                }
                            }
                        },
                        "required": ["segments"],
                        "additionalProperties": false
                    }
                }
            }
        });
        let answer = self
            .http
            .send(|c| authorized(c.post(&url), self.key.as_deref()).json(&body))
            .await?;
        let protocol = |problem: ProtocolProblem| self.http.protocol(&url, problem);
        let c: Completion = serde_json::from_str(&answer).map_err(|e| self.http.json(&url, e))?;
        let choice = c
            .choices
            .into_iter()
            .next()
            .ok_or_else(|| protocol(ProtocolProblem::NoChoices))?;
        match choice.finish_reason.as_deref() {
            Some("stop") => {}
            other => {
                return Err(protocol(ProtocolProblem::Unfinished {
                    reason: other.unwrap_or("missing").to_string(),
                }))
            }
        }
        let content = choice.message.content.unwrap_or_default();
        let segs: Segments = serde_json::from_str(&content).map_err(|e| HttpError::Protocol {
            url: super::secret::shown(&url),
            problem: ProtocolProblem::NotAsked,
            detail: Some(self.http.redact(&e.to_string())),
        })?;
        let mut by_id: HashMap<String, String> = HashMap::new();
        for s in segs.segments {
            if by_id.insert(s.id.clone(), s.text).is_some() {
                return Err(protocol(ProtocolProblem::Twice { id: s.id }));
            }
        }
        let mut out = Vec::with_capacity(texts.len());
        for id in &ids {
            match by_id.remove(id) {
                Some(t) => out.push(t),
                None => return Err(protocol(ProtocolProblem::NotReturned { id: id.clone() })),
            }
        }
        if let Some(extra) = by_id.keys().next() {
            return Err(protocol(ProtocolProblem::NeverSent { id: extra.clone() }));
        }
        Ok(out)
    }
}
