//! A local HTTP server that speaks an MT engine's protocol, for tests and benchmarks. Each
//! request is answered on its own thread (so concurrency is real) by a script: a function of
//! the request's number, path and body that returns status, headers, body and a delay.
//! [`probe`] answers every engine kind's probe (the cheap `GET` puente sends before the first
//! batch and after a timeout), so a script can answer them all in one line.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server answers.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Answer {
    pub fn ok(body: String) -> Answer {
        Answer {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body,
            delay: Duration::ZERO,
        }
    }

    pub fn status(status: u16, body: &str) -> Answer {
        Answer {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn after(mut self, delay: Duration) -> Answer {
        self.delay = delay;
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Answer {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// One request as the server saw it: path, body and Authorization header.
pub type Seen = (String, String, Option<String>);

/// A running server; it stops with the process (tests are short-lived).
pub struct MtServer {
    pub port: u16,
    /// Every request's path, body and Authorization header, in arrival order.
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

type Script = dyn Fn(usize, &str, &str) -> Answer + Send + Sync;

impl MtServer {
    pub fn start(script: impl Fn(usize, &str, &str) -> Answer + Send + Sync + 'static) -> MtServer {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("a local port");
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let count = Arc::new(AtomicUsize::new(0));
        let seen2 = Arc::clone(&seen);
        std::thread::spawn(move || {
            for mut request in server.incoming_requests() {
                let script = Arc::clone(&script);
                let seen = Arc::clone(&seen2);
                let n = count.fetch_add(1, Ordering::SeqCst);
                std::thread::spawn(move || {
                    let mut body = String::new();
                    let _ = request.as_reader().read_to_string(&mut body);
                    let path = request.url().to_string();
                    let auth = request
                        .headers()
                        .iter()
                        .find(|h| h.field.equiv("Authorization"))
                        .map(|h| h.value.to_string());
                    seen.lock()
                        .unwrap()
                        .push((path.clone(), body.clone(), auth));
                    let answer = script(n, &path, &body);
                    std::thread::sleep(answer.delay);
                    let mut response = tiny_http::Response::from_string(answer.body)
                        .with_status_code(answer.status);
                    for (k, v) in answer.headers {
                        response = response.with_header(
                            tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap(),
                        );
                    }
                    let _ = request.respond(response);
                });
            }
        });
        MtServer { port, seen }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn requests(&self, path: &str) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _, _)| p.starts_with(path))
            .map(|(_, b, _)| b.clone())
            .collect()
    }

    /// The Authorization headers of the requests to `path`.
    pub fn auth(&self, path: &str) -> Vec<Option<String>> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _, _)| p.starts_with(path))
            .map(|(_, _, a)| a.clone())
            .collect()
    }
}

/// The path of the probe puente sends to an engine of `kind` before the first batch and
/// after a request timed out.
pub fn probe_path(kind: &str) -> &'static str {
    match kind {
        "apy" => "/listPairs",
        "libretranslate" => "/languages",
        "deepl" => "/v2/usage",
        "openai" => "/v1/models",
        other => panic!("no probe for {other}"),
    }
}

/// The answer to any engine kind's probe, as a live server gives it (en ↔ es offered, an
/// OpenAI model list that names none); `None` for any other path.
pub fn probe(path: &str) -> Option<Answer> {
    match path {
        "/listPairs" => Some(apy_pairs()),
        "/languages" => Some(libre_languages()),
        "/v2/usage" => Some(deepl_usage()),
        "/v1/models" => Some(openai_models(&[])),
        _ => None,
    }
}

/// APy's `/listPairs` answer for eng ↔ spa.
pub fn apy_pairs() -> Answer {
    Answer::ok(
        r#"{"responseData":[{"sourceLanguage":"eng","targetLanguage":"spa"},{"sourceLanguage":"spa","targetLanguage":"eng"}],"responseDetails":null,"responseStatus":200}"#
            .into(),
    )
}

/// DeepL's `/v2/usage` answer: characters used and the account's limit.
pub fn deepl_usage() -> Answer {
    Answer::ok(r#"{"character_count":180118,"character_limit":1250000}"#.into())
}

/// An OpenAI-compatible `/v1/models` answer listing `models`.
pub fn openai_models(models: &[&str]) -> Answer {
    let data: Vec<serde_json::Value> = models
        .iter()
        .map(|m| serde_json::json!({"id": m, "object": "model", "owned_by": "newsroom"}))
        .collect();
    Answer::ok(serde_json::json!({"object": "list", "data": data}).to_string())
}

/// APy's `/translate` answer for a form body: the `q` field through `f`, paragraph by
/// paragraph (APy keeps blank lines).
pub fn apy_translate(body: &str, f: impl Fn(&str) -> String) -> Answer {
    let q = url::form_urlencoded::parse(body.as_bytes())
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.into_owned())
        .expect("a q field");
    let text: Vec<String> = q.split("\n\n").map(&f).collect();
    Answer::ok(
        serde_json::json!({"responseData": {"translatedText": text.join("\n\n")}, "responseDetails": null, "responseStatus": 200})
            .to_string(),
    )
}

/// LibreTranslate's `/languages` answer for en ↔ es.
pub fn libre_languages() -> Answer {
    Answer::ok(
        r#"[{"code":"en","name":"English","targets":["es"]},{"code":"es","name":"Spanish","targets":["en"]}]"#
            .into(),
    )
}

/// A stand-in translation that keeps tokens and placeholders: the text uppercased and marked.
pub fn fake_translate(text: &str) -> String {
    format!("{} (es)", text.to_uppercase())
}

/// LibreTranslate's `/translate` answer, each text run through `f`.
pub fn libre_translate(body: &str, f: impl Fn(&str) -> String) -> Answer {
    let v: serde_json::Value = serde_json::from_str(body).expect("JSON body");
    let q: Vec<String> = v["q"]
        .as_array()
        .expect("q is a list")
        .iter()
        .map(|t| f(t.as_str().unwrap()))
        .collect();
    Answer::ok(serde_json::json!({ "translatedText": q }).to_string())
}

/// DeepL's `/v2/translate` answer: each text through `f`, in order.
pub fn deepl_translate(body: &str, f: impl Fn(&str) -> String) -> Answer {
    let v: serde_json::Value = serde_json::from_str(body).expect("JSON body");
    let t: Vec<serde_json::Value> = v["text"]
        .as_array()
        .expect("text is a list")
        .iter()
        .map(|t| serde_json::json!({"detected_source_language": "EN", "text": f(t.as_str().unwrap())}))
        .collect();
    Answer::ok(serde_json::json!({ "translations": t }).to_string())
}

/// An OpenAI chat-completions answer: the segments of the user message through `f`.
pub fn openai_translate(body: &str, f: impl Fn(&str) -> String, finish: &str) -> Answer {
    let v: serde_json::Value = serde_json::from_str(body).expect("JSON body");
    let user: serde_json::Value =
        serde_json::from_str(v["messages"][1]["content"].as_str().unwrap()).unwrap();
    let segs: Vec<serde_json::Value> = user["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| serde_json::json!({"id": s["id"], "text": f(s["text"].as_str().unwrap())}))
        .collect();
    let content = serde_json::json!({ "segments": segs }).to_string();
    Answer::ok(
        serde_json::json!({
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10}
        })
        .to_string(),
    )
}

/// A server on a bare socket, for faults tiny_http cannot play: it answers a request (path,
/// body) with what `answer` returns and, when that is `None`, keeps the connection open and
/// never writes a byte, which is a dead engine as a client sees it.
pub struct HangingServer {
    pub port: u16,
    /// Connections accepted.
    pub connections: Arc<AtomicUsize>,
    /// The path of every request read, answered or not, in arrival order.
    pub paths: Arc<Mutex<Vec<String>>>,
}

type HangScript = dyn Fn(&str, &str) -> Option<Answer> + Send + Sync;

impl HangingServer {
    pub fn start(answer: impl Fn(&str, &str) -> Option<Answer> + Send + Sync + 'static) -> Self {
        use std::io::{BufRead, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a local port");
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let paths = Arc::new(Mutex::new(Vec::new()));
        let answer: Arc<HangScript> = Arc::new(answer);
        let (count, seen) = (Arc::clone(&connections), Arc::clone(&paths));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                count.fetch_add(1, Ordering::SeqCst);
                let (answer, seen) = (Arc::clone(&answer), Arc::clone(&seen));
                std::thread::spawn(move || {
                    let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
                    let mut stream = stream;
                    // One request after another on a kept-alive connection.
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
                        let mut length = 0;
                        loop {
                            let mut h = String::new();
                            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                                return;
                            }
                            let h = h.trim_end();
                            if h.is_empty() {
                                break;
                            }
                            if let Some((k, v)) = h.split_once(':') {
                                if k.eq_ignore_ascii_case("content-length") {
                                    length = v.trim().parse().unwrap_or(0);
                                }
                            }
                        }
                        let mut body = vec![0; length];
                        if reader.read_exact(&mut body).is_err() {
                            return;
                        }
                        seen.lock().unwrap().push(path.clone());
                        let Some(a) = answer(&path, &String::from_utf8_lossy(&body)) else {
                            // Hold the connection open, silent, for as long as the test runs.
                            loop {
                                std::thread::park();
                            }
                        };
                        std::thread::sleep(a.delay);
                        let mut head = format!(
                            "HTTP/1.1 {} X\r\nContent-Length: {}\r\n",
                            a.status,
                            a.body.len()
                        );
                        for (k, v) in &a.headers {
                            head.push_str(&format!("{k}: {v}\r\n"));
                        }
                        head.push_str("\r\n");
                        if stream.write_all(head.as_bytes()).is_err()
                            || stream.write_all(a.body.as_bytes()).is_err()
                        {
                            return;
                        }
                    }
                });
            }
        });
        HangingServer {
            port,
            connections,
            paths,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// How many requests to paths starting with `path` were read.
    pub fn count(&self, path: &str) -> usize {
        self.paths
            .lock()
            .unwrap()
            .iter()
            .filter(|p| p.starts_with(path))
            .count()
    }
}
