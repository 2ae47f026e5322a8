//! OpenAI-compatible chat completions (OpenAI, vLLM, llama.cpp, Ollama, OpenRouter):
//! `POST {url}/v1/chat/completions` with the key as a Bearer token. A batch is one request: the
//! segments as JSON keyed by id, the rules, names, glossary hits and register quotes of the
//! batch in the system message, and a strict JSON schema for the answer. Every id must come
//! back exactly once and `finish_reason` must be `stop`; anything else fails the batch.

use std::collections::HashMap;
use std::time::Duration;

use serde::Deserialize;
use serde_json::json;

use super::http::{send, HttpError, RetryPolicy};
use crate::lang::Lang;

/// An OpenAI-compatible server and model.
pub struct OpenAi {
    client: reqwest::Client,
    url: String,
    key: Option<String>,
    model: String,
    source: Lang,
    target: Lang,
    policy: RetryPolicy,
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
        timeout: Duration,
        policy: RetryPolicy,
    ) -> OpenAi {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .expect("an HTTP client with default TLS builds");
        OpenAi {
            client,
            url: url.trim_end_matches('/').to_string(),
            key,
            model: model.to_string(),
            source,
            target,
            policy,
        }
    }

    /// The server's URL and model, for provenance.
    pub fn describe(&self) -> String {
        format!("{} {}", self.url, self.model)
    }

    fn request(&self, url: &str) -> reqwest::RequestBuilder {
        let r = self.client.post(url);
        match &self.key {
            Some(k) => r.bearer_auth(k),
            None => r,
        }
    }

    /// Whether the server answers and serves the model (`GET /v1/models`; a server that
    /// lists no models is taken at its word).
    pub async fn check(&self) -> Result<bool, HttpError> {
        let url = format!("{}/v1/models", self.url);
        let body = send(
            || {
                let r = self.client.get(&url);
                match &self.key {
                    Some(k) => r.bearer_auth(k),
                    None => r,
                }
            },
            &self.policy,
        )
        .await?;
        #[derive(Deserialize)]
        struct Models {
            #[serde(default)]
            data: Vec<Model>,
        }
        #[derive(Deserialize)]
        struct Model {
            id: String,
        }
        let models: Models = serde_json::from_str(&body).map_err(|e| HttpError::Protocol {
            url: url.clone(),
            message: e.to_string(),
        })?;
        Ok(models.data.is_empty() || models.data.iter().any(|m| m.id == self.model))
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
        let answer = send(|| self.request(&url).json(&body), &self.policy).await?;
        let protocol = |message: String| HttpError::Protocol {
            url: url.clone(),
            message,
        };
        let c: Completion =
            serde_json::from_str(&answer).map_err(|e| protocol(format!("invalid JSON: {e}")))?;
        let choice = c
            .choices
            .into_iter()
            .next()
            .ok_or_else(|| protocol("no choices".into()))?;
        match choice.finish_reason.as_deref() {
            Some("stop") => {}
            other => {
                return Err(protocol(format!(
                    "finish_reason {} (truncated or filtered)",
                    other.unwrap_or("missing")
                )))
            }
        }
        let content = choice.message.content.unwrap_or_default();
        let segs: Segments = serde_json::from_str(&content)
            .map_err(|e| protocol(format!("the answer is not the JSON asked for: {e}")))?;
        let mut by_id: HashMap<String, String> = HashMap::new();
        for s in segs.segments {
            if by_id.insert(s.id.clone(), s.text).is_some() {
                return Err(protocol(format!("segment id {} returned twice", s.id)));
            }
        }
        let mut out = Vec::with_capacity(texts.len());
        for id in &ids {
            match by_id.remove(id) {
                Some(t) => out.push(t),
                None => return Err(protocol(format!("segment id {id} not returned"))),
            }
        }
        if let Some(extra) = by_id.keys().next() {
            return Err(protocol(format!("segment id {extra} was never sent")));
        }
        Ok(out)
    }
}
