//! HTTP engines against local servers that speak their documented protocols: batches, 429
//! with Retry-After, 5xx then success, fatal statuses, timeouts, invalid JSON, dropped texts,
//! mangled tokens, the source echoed, and the key that never shows.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::mtserver::{fake_translate, libre_languages, libre_translate, Answer, MtServer};
use crate::support::{bin, fixtures, scratch_with};

const KEY: &str = "sk-test-7f3a9c1e-never-print-me";

fn glossary() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("glossary")
        .to_string_lossy()
        .into_owned()
}

/// A scratch project with the sample's work file and an engine `lt` at `url`.
fn project(url: &str, extra: &str) -> tempfile::TempDir {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = crate::support::puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "w.po"],
    );
    assert!(o.status.success());
    std::fs::write(
        dir.path().join("puente.toml"),
        format!(
            "[engine.lt]\nkind = \"libretranslate\"\nurl = \"{url}\"\nkey_env = \"LT_KEY\"\n{extra}"
        ),
    )
    .unwrap();
    dir
}

/// Runs translate with the key in the environment; returns (exit, stdout, stderr).
fn translate(dir: &Path) -> (i32, String, String) {
    let o = std::process::Command::new(bin())
        .args([
            "translate",
            "w.po",
            "--engine",
            "lt",
            "--glossary",
            &glossary(),
            "--format",
            "json",
        ])
        .current_dir(dir)
        .env("LANG", "C")
        .env("LT_KEY", KEY)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn summary(stdout: &str) -> Value {
    serde_json::from_str(stdout.lines().next().unwrap_or("{}")).unwrap()
}

fn workfile(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("w.po")).unwrap()
}

#[test]
fn libretranslate_batches_and_never_shows_the_key() {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    let dir = project(&server.url(), "");
    let (code, out, err) = translate(dir.path());
    assert_eq!(code, 0, "{err}");
    let s = summary(&out);
    assert_eq!(s["verified"], 54);
    // 54 segments (7,586 characters) in batches of at most 25 texts and 5,000 characters,
    // each request with the key in its body.
    let bodies = server.requests("/translate");
    assert_eq!(bodies.len(), 3);
    let mut texts = 0;
    for b in &bodies {
        assert!(b.contains(KEY));
        let v: Value = serde_json::from_str(b).unwrap();
        assert_eq!(
            (v["source"].as_str(), v["target"].as_str()),
            (Some("en"), Some("es"))
        );
        let q = v["q"].as_array().unwrap();
        assert!(q.len() <= 25);
        let chars: usize = q.iter().map(|t| t.as_str().unwrap().chars().count()).sum();
        assert!(chars <= 5_000 || q.len() == 1);
        texts += q.len();
    }
    assert_eq!(texts, 54);
    // Names never reach the engine; the key never reaches output, errors or files.
    assert!(!bodies.iter().any(|b| b.contains("Sheinbaum")));
    let po = workfile(dir.path());
    assert!(po.contains("Sheinbaum") && po.contains("«abrazos, no balazos»"));
    // The cache (and its write-ahead log) holds texts, never the key.
    let mut cache = String::new();
    for f in [".puente/cache.sqlite", ".puente/cache.sqlite-wal"] {
        if let Ok(bytes) = std::fs::read(dir.path().join(f)) {
            cache.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    assert!(
        cache.contains("PZX") || cache.contains("(es)"),
        "the cache holds the run"
    );
    for text in [&out, &err, &po, &cache] {
        assert!(!text.contains(KEY));
    }
}

#[test]
fn retry_after_and_server_errors_are_retried() {
    let server = MtServer::start(|n, path, body| match (path, n) {
        ("/languages", _) => libre_languages(),
        (_, 1) => Answer::status(429, r#"{"error":"Slowdown"}"#).header("Retry-After", "1"),
        (_, 2) => Answer::status(503, r#"{"error":"busy"}"#),
        _ => libre_translate(body, fake_translate),
    });
    let dir = project(
        &server.url(),
        "batch_texts = 100\nbatch_chars = 100000\nconcurrency = 1\n",
    );
    let started = Instant::now();
    let (code, out, err) = translate(dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary(&out)["verified"], 54);
    assert_eq!(server.requests("/translate").len(), 3);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honored"
    );
}

#[test]
fn bad_answers_leave_segments_untranslated_with_the_reason() {
    for (name, reason) in [
        ("invalid-json", "invalid JSON"),
        ("dropped", "25 texts sent, 24 returned"),
        ("echo", "not accepted: source echoed"),
        ("mangled", "not accepted: protected span PZX"),
    ] {
        let server = MtServer::start(move |_, path, body| match path {
            "/languages" => libre_languages(),
            _ => match name {
                "invalid-json" => Answer::ok("{\"translatedText\": [".into()),
                "dropped" => {
                    let mut a = libre_translate(body, fake_translate);
                    let mut v: Value = serde_json::from_str(&a.body).unwrap();
                    v["translatedText"].as_array_mut().unwrap().pop();
                    a.body = v.to_string();
                    a
                }
                "echo" => libre_translate(body, |t| t.to_string()),
                _ => libre_translate(body, |t| fake_translate(&t.replace("PZX", "PXZ"))),
            },
        });
        let dir = project(&server.url(), "retries = 0\n");
        let (code, out, err) = translate(dir.path());
        assert_eq!(code, 1, "{name}: {err}");
        let s = summary(&out);
        // Segments with nothing protected survive mangling; no other does.
        assert!(s["failed"].as_u64().unwrap() > 0, "{name}: {s}");
        assert_eq!(
            s["verified"].as_u64().unwrap() + s["failed"].as_u64().unwrap(),
            54,
            "{name}: {s}"
        );
        if name != "mangled" {
            assert_eq!(s["verified"], 0, "{name}: {s}");
        }
        let po = workfile(dir.path());
        assert!(po.contains(reason), "{name}: {po}");
        // Nothing failed was written as a translation.
        let wf = puente::workfile::WorkFile::read(&po, puente::workfile::WorkFormat::Po).unwrap();
        assert!(wf
            .units
            .iter()
            .all(|u| u.target.is_empty() || !u.target.contains("PZX")));
    }
}

#[test]
fn a_rejected_key_stops_the_run_and_names_the_url_not_the_key() {
    let server = MtServer::start(|_, path, _| match path {
        "/languages" => libre_languages(),
        _ => Answer::status(403, r#"{"error":"Invalid API key"}"#),
    });
    let dir = project(&server.url(), "");
    let (code, out, err) = translate(dir.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains(&format!("{}/translate", server.url())),
        "{err}"
    );
    assert!(err.contains("HTTP 403"), "{err}");
    assert!(!err.contains(KEY) && !out.contains(KEY));
    // Never retried: at most one request per batch (the run stops at the first refusal).
    let n = server.requests("/translate").len();
    assert!((1..=3).contains(&n), "{n} requests");
    assert!(!workfile(dir.path()).contains(KEY));
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate).after(Duration::from_secs(5)),
    });
    let dir = project(
        &server.url(),
        "timeout = 0.3\nretries = 1\nbatch_texts = 100\nbatch_chars = 100000\n",
    );
    let started = Instant::now();
    let (code, out, err) = translate(dir.path());
    // A silent engine is taken for dead: the run stops, says what is left, and exits 2.
    assert_eq!(code, 2, "{err}");
    assert!(started.elapsed() < Duration::from_secs(4));
    assert!(workfile(dir.path()).contains("no answer:"));
    assert!(err.contains("did not answer within 0.3 s"), "{err}");
    assert!(err.contains("54 still to translate"), "{err}");
    assert_eq!(summary(&out)["left"], 54);
    assert_eq!(
        server.requests("/translate").len(),
        2,
        "one try and one retry"
    );
    // The retry came after the probe was answered: the server is alive, only slow.
    let paths: Vec<String> = server
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.0.clone())
        .collect();
    assert_eq!(
        paths,
        ["/languages", "/translate", "/languages", "/translate"]
    );
}

#[test]
fn the_cache_makes_a_repeat_free_and_no_cache_bypasses_it() {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    let dir = project(&server.url(), "");
    let fresh = std::fs::read(dir.path().join("w.po")).unwrap();
    let (code, _, err) = translate(dir.path());
    assert_eq!(code, 0, "{err}");
    let first = workfile(dir.path());
    let sent = server.requests("/translate").len();
    assert!(dir.path().join(".puente/cache.sqlite").exists());

    // The same work file again, untranslated: everything comes from the cache.
    std::fs::write(dir.path().join("w.po"), &fresh).unwrap();
    let (code, out, _) = translate(dir.path());
    assert_eq!(code, 0);
    let s = summary(&out);
    assert_eq!(
        (s["cached"].as_u64(), s["sent"].as_u64()),
        (Some(54), Some(0))
    );
    assert_eq!(server.requests("/translate").len(), sent);
    assert_eq!(
        workfile(dir.path()).replace("; verified; cached", "; verified"),
        first
    );

    std::fs::write(dir.path().join("w.po"), &fresh).unwrap();
    let o = std::process::Command::new(bin())
        .args([
            "translate",
            "w.po",
            "--engine",
            "lt",
            "--no-cache",
            "--glossary",
            &glossary(),
        ])
        .current_dir(dir.path())
        .env("LANG", "C")
        .env("LT_KEY", KEY)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(server.requests("/translate").len(), 2 * sent);
}

#[test]
fn kill_9_leaves_a_valid_file_and_the_next_run_sends_only_the_rest() {
    // The first batch is answered; then, until the kill, every request is taken and never
    // answered, so the run is surely in the middle when it is killed.
    let hang = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let first = std::sync::atomic::AtomicBool::new(true);
    let hanging = std::sync::Arc::clone(&hang);
    let server = MtServer::start(move |_, path, body| match path {
        "/languages" => libre_languages(),
        _ => {
            let answer = libre_translate(body, fake_translate);
            let first = first.swap(false, std::sync::atomic::Ordering::SeqCst);
            if !first && hanging.load(std::sync::atomic::Ordering::SeqCst) {
                answer.after(Duration::from_secs(3600))
            } else {
                answer
            }
        }
    });
    let dir = project(
        &server.url(),
        "batch_texts = 3\nbatch_chars = 100000\nconcurrency = 1\n",
    );
    let mut child = std::process::Command::new(bin())
        .args([
            "translate",
            "w.po",
            "--engine",
            "lt",
            "--no-cache",
            "--glossary",
            &glossary(),
        ])
        .current_dir(dir.path())
        .env("LANG", "C")
        .env("LT_KEY", KEY)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the first batch is saved and the second is on its way.
    let start = Instant::now();
    let saved = || {
        let po = std::fs::read_to_string(dir.path().join("w.po")).unwrap_or_default();
        puente::workfile::WorkFile::read(&po, puente::workfile::WorkFormat::Po)
            .map(|wf| wf.units.iter().filter(|u| !u.target.is_empty()).count())
            .unwrap_or(0)
    };
    while saved() < 3 || server.requests("/translate").len() < 2 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the run never got going"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // A second run on the same file is refused while the first is alive.
    let (code, _, err) = translate(dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("w.po.lock"), "{err}");
    child.kill().unwrap(); // SIGKILL: no cleanup runs.
    child.wait().unwrap();

    let po = workfile(dir.path());
    let wf = puente::workfile::WorkFile::read(&po, puente::workfile::WorkFormat::Po)
        .expect("a killed run leaves a valid work file");
    let done = wf.units.iter().filter(|u| !u.target.is_empty()).count();
    assert_eq!(
        done, 3,
        "the first batch, and only it, was saved before the kill"
    );
    assert!(
        dir.path().join("w.po.lock").exists(),
        "the stale lock is left behind"
    );

    hang.store(false, std::sync::atomic::Ordering::SeqCst);
    let before = server.requests("/translate").len();
    let (code, out, err) = translate(dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary(&out)["sent"].as_u64(), Some((54 - done) as u64));
    let later: usize = server.requests("/translate")[before..]
        .iter()
        .map(|b| {
            serde_json::from_str::<Value>(b).unwrap()["q"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(later, 54 - done, "only what was missing is sent again");
    assert!(!dir.path().join("w.po.lock").exists());
}

/// A project with an engine `e` of `kind` at `url`.
fn project_with(kind: &str, url: &str, extra: &str) -> tempfile::TempDir {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = crate::support::puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "w.po"],
    );
    assert!(o.status.success());
    std::fs::write(
        dir.path().join("puente.toml"),
        format!("[engine.lt]\nkind = \"{kind}\"\nurl = \"{url}\"\nkey_env = \"LT_KEY\"\n{extra}"),
    )
    .unwrap();
    dir
}

/// A compliant model: follows the "Translate X with one of: Y" and quote rules of the system
/// message, and marks the rest as translated.
fn follow_rules(body: &str, text: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap();
    let system = v["messages"][0]["content"].as_str().unwrap();
    let mut out = text.to_string();
    for line in system.lines() {
        let quoted: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        if line.starts_with("- Translate ") && quoted.len() >= 2 {
            out = out.replace(quoted[0], quoted[quoted.len() - 1]);
        }
        if line.starts_with("- The quote ") && quoted.len() == 2 {
            out = out.replace(quoted[0], quoted[1]);
        }
    }
    format!("{out} (es)")
}

/// What a glossary engine does with its entries: one pass, longest entry first, any case,
/// on word boundaries.
fn apply_glossary(text: &str, entries: &[(String, String)]) -> String {
    let mut sorted = entries.to_vec();
    sorted.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let mut out = String::new();
    let mut i = 0;
    'outer: while i < text.len() {
        let boundary = !text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if boundary {
            for (s, t) in &sorted {
                let end = i + s.len();
                if end <= text.len()
                    && text.is_char_boundary(end)
                    && text[i..end].eq_ignore_ascii_case(s)
                    && !text[end..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                {
                    out.push_str(t);
                    i = end;
                    continue 'outer;
                }
            }
        }
        let c = text[i..].chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[test]
fn deepl_uses_its_glossary_and_tags_and_the_key_only_in_the_header() {
    let entries = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(String, String)>::new()));
    let stored = std::sync::Arc::clone(&entries);
    let server = MtServer::start(move |_, path, body| match path {
        "/v2/usage" => crate::mtserver::deepl_usage(),
        "/v2/glossaries" => {
            let v: Value = serde_json::from_str(body).unwrap();
            let mut e = stored.lock().unwrap();
            for line in v["entries"].as_str().unwrap().lines() {
                let (s, t) = line.split_once('\t').unwrap();
                e.push((s.to_string(), t.to_string()));
            }
            Answer::status(201, r#"{"glossary_id":"g-123","ready":true}"#)
        }
        _ => {
            let e = stored.lock().unwrap().clone();
            crate::mtserver::deepl_translate(body, |t| format!("{} (es)", apply_glossary(t, &e)))
        }
    });
    let dir = project_with("deepl", &server.url(), "");
    let (code, out, err) = translate(dir.path());
    assert_eq!(code, 0, "{err}{out}");
    assert_eq!(summary(&out)["verified"], 54, "{out}");
    let glossaries = server.requests("/v2/glossaries");
    assert_eq!(glossaries.len(), 1, "one glossary per run");
    assert!(
        glossaries[0].contains("cartels\\tcárteles"),
        "{}",
        glossaries[0]
    );
    for (body, auth) in server
        .requests("/v2/translate")
        .iter()
        .zip(server.auth("/v2/translate"))
    {
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["glossary_id"], "g-123");
        assert_eq!(v["tag_handling"], "xml");
        assert!(v["text"].as_array().unwrap().len() <= 50);
        assert!(!body.contains(KEY), "the key travels only in the header");
        assert_eq!(
            auth.as_deref(),
            Some(format!("DeepL-Auth-Key {KEY}").as_str())
        );
    }
    let po = workfile(dir.path());
    assert!(po.contains("«Nos coordinamos, colaboramos, pero no nos subordinamos»"));
    assert!(po.contains("cárteles") && !po.contains("<x id="));
    for text in [&out, &err, &po] {
        assert!(!text.contains(KEY));
    }
}

#[test]
fn deepl_quota_exhausted_stops_without_retrying() {
    let server = MtServer::start(|_, path, _| match path {
        "/v2/usage" => crate::mtserver::deepl_usage(),
        "/v2/glossaries" => Answer::status(201, r#"{"glossary_id":"g-1"}"#),
        _ => Answer::status(456, r#"{"message":"Quota exceeded"}"#),
    });
    // Retries are on, and still a 456 is never retried: at most one request per batch.
    let dir = project_with("deepl", &server.url(), "retries = 5\n");
    let (code, _, err) = translate(dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("HTTP 456") && err.contains("/v2/translate"),
        "{err}"
    );
    assert!(!err.contains(KEY));
    let n = server.requests("/v2/translate").len();
    assert!((1..=2).contains(&n), "{n} requests for 2 batches");
}

#[test]
fn openai_gets_the_rules_and_must_return_every_id() {
    for case in ["ok", "length", "dropped", "quota"] {
        let server = MtServer::start(move |_, path, body| match path {
            "/v1/models" => crate::mtserver::openai_models(&["news-mt"]),
            _ => match case {
                "ok" => crate::mtserver::openai_translate(body, |t| follow_rules(body, t), "stop"),
                "length" => {
                    crate::mtserver::openai_translate(body, |t| follow_rules(body, t), "length")
                }
                "dropped" => {
                    let mut a =
                        crate::mtserver::openai_translate(body, |t| follow_rules(body, t), "stop");
                    let mut v: Value = serde_json::from_str(&a.body).unwrap();
                    let content = v["choices"][0]["message"]["content"]
                        .as_str()
                        .unwrap()
                        .to_string();
                    let mut c: Value = serde_json::from_str(&content).unwrap();
                    c["segments"].as_array_mut().unwrap().pop();
                    v["choices"][0]["message"]["content"] = Value::String(c.to_string());
                    a.body = v.to_string();
                    a
                }
                _ => Answer::status(
                    429,
                    r#"{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}"#,
                ),
            },
        });
        let dir = project_with("openai", &server.url(), "model = \"news-mt\"\n");
        let (code, out, err) = translate(dir.path());
        let bodies = server.requests("/v1/chat/completions");
        match case {
            "ok" => {
                assert_eq!(code, 0, "{err}");
                assert_eq!(summary(&out)["verified"], 54, "{out}");
                let v: Value = serde_json::from_str(&bodies[0]).unwrap();
                assert_eq!(v["model"], "news-mt");
                assert_eq!(v["response_format"]["type"], "json_schema");
                let system = v["messages"][0]["content"].as_str().unwrap();
                assert!(system.contains("Keep the name"), "{system}");
                assert!(system.contains("with one of"), "{system}");
                assert_eq!(
                    server.auth("/v1/chat/completions")[0].as_deref(),
                    Some(format!("Bearer {KEY}").as_str())
                );
                let po = workfile(dir.path());
                assert!(po.contains("«abrazos, no balazos»"), "{po}");
            }
            "length" | "dropped" => {
                assert_eq!(code, 1, "{case}: {err}");
                let po = workfile(dir.path());
                let why = if case == "length" {
                    "finish_reason length"
                } else {
                    "not returned"
                };
                assert!(po.contains(why), "{case}: {po}");
                assert_eq!(summary(&out)["verified"], 0);
            }
            _ => {
                assert_eq!(code, 2, "{out}");
                assert!(err.contains("insufficient_quota"), "{err}");
                assert!(bodies.len() <= 3, "never retried: {}", bodies.len());
            }
        }
        assert!(!out.contains(KEY) && !err.contains(KEY) && !workfile(dir.path()).contains(KEY));
    }
}

#[test]
fn requests_per_second_spaces_the_requests() {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    // 54 segments in batches of 10: six requests, at most 4 a second, so at least 1.25 s.
    let dir = project(
        &server.url(),
        "batch_texts = 10\nbatch_chars = 100000\nconcurrency = 6\nrequests_per_second = 4\n",
    );
    let started = Instant::now();
    let (code, out, err) = translate(dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary(&out)["batches"], 6);
    assert!(
        started.elapsed() >= Duration::from_millis(1250),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn engines_lists_and_checks_each_engine() {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        "/translate" => libre_translate(body, fake_translate),
        _ => Answer::status(404, "{}"),
    });
    let dir = project(
        &server.url(),
        "\n[engine.gone]\nkind = \"apy\"\nurl = \"http://127.0.0.1:1\"\n",
    );
    let o = std::process::Command::new(bin())
        .args(["engines", "--format", "json"])
        .current_dir(dir.path())
        .env("LANG", "C")
        .env("LT_KEY", KEY)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_name = |n: &str| lines.iter().find(|l| l["name"] == n).unwrap().clone();
    assert_eq!(by_name("lt")["ok"], true);
    assert_eq!(by_name("gone")["ok"], false);
    assert!(by_name("gone")["error"]
        .as_str()
        .unwrap()
        .contains("http://127.0.0.1:1/listPairs"));
    assert_eq!(lines.len(), 3, "the default Apertium is listed too");
}

#[test]
fn engines_translates_a_test_sentence_each_way_before_it_says_ready() {
    use std::os::unix::fs::PermissionsExt;
    // Before, an engine that answered its check was "ok" whatever it then translated.
    let good = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    let echo = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, |t| t.to_string()),
    });
    let empty = MtServer::start(|_, path, body| match path {
        "/listPairs" => crate::mtserver::apy_pairs(),
        _ => crate::mtserver::apy_translate(body, |_| String::new()),
    });
    let dir = tempfile::tempdir().unwrap();
    // An Apertium-like program that lists its pairs and then translates nothing.
    let mute = dir.path().join("mute");
    std::fs::write(
        &mute,
        "#!/bin/sh\nif [ \"$1\" = -l ]; then echo eng-spa spa-eng; exit 0; fi\ncat >/dev/null\n",
    )
    .unwrap();
    std::fs::set_permissions(&mute, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(
        dir.path().join("puente.toml"),
        format!(
            "[engine.good]\nkind = \"libretranslate\"\nurl = \"{}\"\n\
             [engine.echo]\nkind = \"libretranslate\"\nurl = \"{}\"\n\
             [engine.empty]\nkind = \"apy\"\nurl = \"{}\"\n\
             [engine.mute]\nkind = \"apertium\"\nprogram = \"{}\"\n",
            good.url(),
            echo.url(),
            empty.url(),
            mute.display()
        ),
    )
    .unwrap();
    let o = std::process::Command::new(bin())
        .args(["engines", "--format", "json"])
        .current_dir(dir.path())
        .env("LANG", "C")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_name = |n: &str| lines.iter().find(|l| l["name"] == n).unwrap().clone();
    let error = |n: &str| by_name(n)["error"].as_str().unwrap_or_default().to_string();
    // The real Apertium translates both ways; the good server too, and it was asked both ways.
    assert_eq!(by_name("apertium")["ok"], true, "{}", error("apertium"));
    assert_eq!(by_name("good")["ok"], true, "{}", error("good"));
    let asked = good.requests("/translate");
    assert!(
        asked.iter().any(|b| b.contains("\"source\":\"en\""))
            && asked.iter().any(|b| b.contains("\"source\":\"es\"")),
        "{asked:?}"
    );
    assert_eq!(by_name("echo")["ok"], false);
    assert!(
        error("echo").contains("the test sentence (en → es) came back untranslated"),
        "{}",
        error("echo")
    );
    assert_eq!(by_name("empty")["ok"], false);
    assert!(
        error("empty").contains("the test sentence (en → es) came back empty"),
        "{}",
        error("empty")
    );
    assert_eq!(by_name("mute")["ok"], false);
    assert!(
        error("mute").contains("ended without writing a translation"),
        "{}",
        error("mute")
    );
    // People read the same in Spanish.
    let o = std::process::Command::new(bin())
        .args(["--ui-lang", "es", "engines"])
        .current_dir(dir.path())
        .env("LANG", "C")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("la oración de prueba (en → es) volvió sin traducir"),
        "{out}"
    );
}
