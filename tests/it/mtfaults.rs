//! Machine-translation engines under faults and hostile servers: a server that accepts and
//! never answers (from the start, or from the middle of a run), one that is only slow, one
//! without the probe endpoint, a local Apertium program that hangs, keys echoed in error
//! bodies, passwords in engine URLs, key variables left unset, redirects to another origin,
//! `Retry-After` as an HTTP date, and the run's deadline. Each test makes the fault really happen and runs the real
//! binary under a watchdog, so a run that would hang fails the test instead of stalling it.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use crate::mtserver::{
    apy_pairs, apy_translate, deepl_translate, deepl_usage, fake_translate, libre_languages,
    libre_translate, openai_models, openai_translate, probe, probe_path, Answer, HangingServer,
    MtServer,
};
use crate::support::{bin, fixtures, scratch_with};

/// A key no text would hold by chance; its halves are checked too, so a cut body cannot leak
/// one of them.
const KEY: &str = "pzq7-SECRETKEY-4f7d1c2b8e6a-91x0";

/// What a run left: exit code (`None` when the watchdog killed it), stdout, stderr, time.
struct Run {
    code: Option<i32>,
    out: String,
    err: String,
    took: Duration,
}

/// Runs puente in `dir` with `env` set (and `LT_KEY` removed unless given), killing it when it
/// outlives `limit`.
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)], limit: Duration) -> Run {
    let mut cmd = crate::support::command(dir, args);
    cmd.env_remove("LT_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let mut child = cmd.spawn().expect("puente runs");
    let pipe = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = r.read_to_end(&mut s);
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let out = pipe(Box::new(child.stdout.take().unwrap()));
    let err = pipe(Box::new(child.stderr.take().unwrap()));
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Run {
        code,
        took: started.elapsed(),
        out: out.join().unwrap(),
        err: err.join().unwrap(),
    }
}

fn glossary() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("glossary")
        .to_string_lossy()
        .into_owned()
}

/// `puente translate w.po --engine e`, plus `extra` arguments.
fn translate(dir: &Path, extra: &[&str], env: &[(&str, &str)], limit: Duration) -> Run {
    let g = glossary();
    let mut args = vec!["translate", "w.po", "--engine", "e", "--glossary", &g];
    args.extend_from_slice(extra);
    run(dir, &args, env, limit)
}

/// A project with a 120-segment work file `w.po` and `[engine.e]` from `engine` (TOML lines).
fn project120(engine: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("---\nlang: en\ntitle: \"Dead server\"\n---\n\n");
    for i in 1..=119 {
        text.push_str(&format!(
            "Paragraph number {i} says the council met on Tuesday about the budget.\n\n"
        ));
    }
    std::fs::write(dir.path().join("a.en.md"), text).unwrap();
    segment(dir.path(), "a.en.md");
    std::fs::write(
        dir.path().join("puente.toml"),
        format!("[engine.e]\n{engine}\n"),
    )
    .unwrap();
    dir
}

/// A project with the sample article's 54-segment work file `w.po` and `[engine.e]`.
fn project54(engine: &str) -> tempfile::TempDir {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    segment(dir.path(), "drone-strikes.en.md");
    std::fs::write(
        dir.path().join("puente.toml"),
        format!("[engine.e]\n{engine}\n"),
    )
    .unwrap();
    dir
}

fn segment(dir: &Path, article: &str) {
    let o = crate::support::puente(dir, &["segment", article, "-o", "w.po"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn summary(stdout: &str) -> Value {
    serde_json::from_str(stdout.lines().next().unwrap_or("{}"))
        .unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// The segments of `w.po` that hold a translation.
fn translated(dir: &Path) -> usize {
    let po = std::fs::read_to_string(dir.join("w.po")).unwrap();
    let wf = puente::workfile::WorkFile::read(&po, puente::workfile::WorkFormat::Po).unwrap();
    wf.units.iter().filter(|u| !u.target.is_empty()).count()
}

/// Every byte puente wrote or printed: stdout, stderr, the work file and everything under
/// `.puente/` (the cache, its write-ahead log), as text.
fn everything(dir: &Path, r: &Run) -> String {
    let mut all = format!("{}\n{}\n", r.out, r.err);
    all.push_str(&String::from_utf8_lossy(
        &std::fs::read(dir.join("w.po")).unwrap(),
    ));
    if let Ok(entries) = std::fs::read_dir(dir.join(".puente")) {
        for e in entries {
            all.push_str(&String::from_utf8_lossy(
                &std::fs::read(e.unwrap().path()).unwrap(),
            ));
        }
    }
    all
}

/// Asserts that neither `secret` nor either half of it is in `text`.
fn assert_absent(text: &str, secret: &str, what: &str) {
    let half = secret.len() / 2;
    for part in [secret, &secret[..half], &secret[half..]] {
        assert!(!text.contains(part), "{what}: {part:?} leaked:\n{text}");
    }
}

const MINUTE: Duration = Duration::from_secs(60);

/// The `[engine.e]` lines for `kind` at `url`, with what the kind needs (a key variable for
/// DeepL, a model for OpenAI), then `extra`.
fn engine_lines(kind: &str, url: &str, extra: &str) -> String {
    let needs = match kind {
        "deepl" => "key_env = \"LT_KEY\"\n",
        "openai" => "model = \"m\"\n",
        _ => "",
    };
    format!("kind = \"{kind}\"\nurl = \"{url}\"\n{needs}{extra}")
}

const HTTP_KINDS: [&str; 4] = ["apy", "libretranslate", "deepl", "openai"];

#[test]
fn a_dead_server_is_given_up_in_seconds_before_any_text_is_sent() {
    // Each kind with its default timeouts (20 s, OpenAI 60 s), against a server that accepts
    // every connection and never writes a byte. Before the probe, two timeouts gave a dead
    // APy server up after 41 s and an OpenAI-compatible one after two minutes.
    std::thread::scope(|scope| {
        for kind in HTTP_KINDS {
            scope.spawn(move || {
                let server = HangingServer::start(|_, _| None);
                let dir = project120(&engine_lines(kind, &server.url(), "batch_texts = 5"));
                let r = translate(dir.path(), &[], &[("LT_KEY", KEY)], MINUTE);
                assert!(r.code.is_some(), "{kind}: still running after a minute");
                assert_eq!(r.code, Some(2), "{kind}: {}", r.err);
                assert!(r.took < Duration::from_secs(20), "{kind}: {:?}", r.took);
                // Nothing but the probe was sent, once.
                let probe = format!("{}{}", server.url(), probe_path(kind));
                assert_eq!(
                    *server.paths.lock().unwrap(),
                    [probe_path(kind)],
                    "{kind}: {}",
                    r.err
                );
                // The summary says what was done and what is left, then why the run stopped.
                assert!(
                    r.err
                        .contains("0 segments translated and saved, 120 still to translate"),
                    "{kind}: {}",
                    r.err
                );
                assert!(
                    r.err.contains(&format!(
                        "{probe} did not answer within 5 s; the server is taken for dead"
                    )),
                    "{kind}: {}",
                    r.err
                );
                assert!(
                    r.err.contains("hint: check that the server is running"),
                    "{kind}: {}",
                    r.err
                );
                assert_eq!(translated(dir.path()), 0);
                // `puente engines` asks the same probe and says the same, as quickly.
                let e = run(
                    dir.path(),
                    &["engines", "--format", "json"],
                    &[("LT_KEY", KEY)],
                    MINUTE,
                );
                assert_eq!(e.code, Some(1), "{kind}: {}", e.err);
                assert!(e.took < Duration::from_secs(20), "{kind}: {:?}", e.took);
                let line: Value = e
                    .out
                    .lines()
                    .map(|l| serde_json::from_str::<Value>(l).unwrap())
                    .find(|l| l["name"] == "e")
                    .unwrap();
                assert_eq!(line["ok"], false, "{kind}: {line}");
                assert!(
                    line["error"].as_str().unwrap().contains(&probe),
                    "{kind}: {line}"
                );
            });
        }
    });
}

#[test]
fn a_libretranslate_server_that_dies_mid_run_keeps_what_came_back() {
    // The probe and the first two batches come back; then the server goes silent, to the
    // probe too. Default timeouts: the batches in flight time out after 20 s, the probe
    // after 5 s, and no batch is sent again.
    let answered = Arc::new(Mutex::new(0));
    let server = HangingServer::start(move |path, body| {
        let mut n = answered.lock().unwrap();
        match path {
            "/languages" => (*n < 2).then(libre_languages),
            _ => {
                *n += 1;
                (*n <= 2).then(|| libre_translate(body, fake_translate))
            }
        }
    });
    let dir = project120(&format!(
        "kind = \"libretranslate\"\nurl = \"{}\"\nbatch_texts = 10",
        server.url()
    ));
    let r = translate(dir.path(), &["--format", "json"], &[], MINUTE);
    assert!(r.code.is_some(), "still running after a minute: {}", r.err);
    assert_eq!(r.code, Some(2), "{}", r.err);
    assert!(r.took < Duration::from_secs(32), "{:?}", r.took);
    let s = summary(&r.out);
    assert_eq!(s["verified"], 20, "{s}");
    assert_eq!(s["left"], 100, "{s}");
    assert_eq!(s["stopped"], true, "{s}");
    // Every finished batch is in the file.
    assert_eq!(translated(dir.path()), 20);
    // Once the engine has timed out, no batch is tried again and the batches still waiting
    // are not tried at all: the two answered and the four in flight, of twelve batches.
    let sent = server.count("/translate");
    assert!((3..=6).contains(&sent), "{sent} requests");
    assert!(server.count("/languages") >= 2, "the probe was asked again");
    assert!(
        r.err.contains(&format!(
            "a request got no answer within 20 s, and then {}/languages did not answer within 5 s either",
            server.url()
        )),
        "{}",
        r.err
    );
}

#[test]
fn a_server_that_dies_mid_run_is_given_up_after_one_timeout_and_the_probe() {
    // An OpenAI-compatible server answers the probe and the first batch, then hangs every
    // request, the probe included. With timeout = 3 the run ends after 3 s for the batch and
    // 3 s for the probe (a probe never waits longer than a request), without a retry.
    let dead = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let server = HangingServer::start(move |path, body| {
        if dead.load(std::sync::atomic::Ordering::SeqCst) {
            return None;
        }
        probe(path).or_else(|| {
            dead.store(true, std::sync::atomic::Ordering::SeqCst);
            Some(openai_translate(body, fake_translate, "stop"))
        })
    });
    let dir = project54(&engine_lines(
        "openai",
        &server.url(),
        "batch_texts = 20\nconcurrency = 1\ntimeout = 3",
    ));
    std::fs::create_dir(dir.path().join("no-glossary")).unwrap();
    let r = run(
        dir.path(),
        &[
            "translate",
            "w.po",
            "--engine",
            "e",
            "--glossary",
            "no-glossary",
            "--format",
            "json",
        ],
        &[],
        MINUTE,
    );
    assert_eq!(r.code, Some(2), "{}", r.err);
    assert!(
        (Duration::from_secs(6)..Duration::from_secs(11)).contains(&r.took),
        "{:?}",
        r.err
    );
    assert_eq!(
        *server.paths.lock().unwrap(),
        [
            "/v1/models",
            "/v1/chat/completions",
            "/v1/chat/completions",
            "/v1/models"
        ],
        "the probe, the answered batch, the silent one, the probe again, and no retry"
    );
    let s = summary(&r.out);
    assert_eq!(
        (s["verified"].as_u64(), s["left"].as_u64()),
        (Some(20), Some(34)),
        "{s}"
    );
    assert_eq!(translated(dir.path()), 20);
    assert!(
        r.err.contains(&format!(
            "a request got no answer within 3 s, and then {}/v1/models did not answer within 3 s either",
            server.url()
        )),
        "{}",
        r.err
    );
}

#[test]
fn batches_leave_in_file_order_one_at_a_time() {
    // One segment per batch and one request at a time: the server must see the work file's
    // segments in their order, so a run that stops leaves the file filled from the top.
    // Before batches took their place in a queue, whichever task got the permit first
    // went out first, and a stopped run kept an unpredictable part of the file.
    let server = MtServer::start(|_, path, body| {
        probe(path).unwrap_or_else(|| libre_translate(body, fake_translate))
    });
    let dir = project54(&engine_lines(
        "libretranslate",
        &server.url(),
        "batch_texts = 1\nconcurrency = 1",
    ));
    // Without a glossary nothing is protected, so each request holds its source as written.
    std::fs::create_dir(dir.path().join("no-glossary")).unwrap();
    let r = run(
        dir.path(),
        &[
            "translate",
            "w.po",
            "--engine",
            "e",
            "--glossary",
            "no-glossary",
            "--format",
            "json",
        ],
        &[],
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.err);
    let po = std::fs::read_to_string(dir.path().join("w.po")).unwrap();
    let wf = puente::workfile::WorkFile::read(&po, puente::workfile::WorkFormat::Po).unwrap();
    let order: Vec<String> = wf.units.iter().map(|u| u.source.to_string()).collect();
    let sent: Vec<String> = server
        .requests("/translate")
        .iter()
        .map(|b| {
            let v: Value = serde_json::from_str(b).unwrap();
            v["q"][0].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(sent, order);
}

#[test]
fn a_slow_server_that_answers_its_probe_gets_one_more_try() {
    // An APy server whose first answer to a batch comes after the timeout, while it answers
    // its probe at once: the model is slow, not dead, so the batch is sent once more, after
    // the probe, and the answer accepted.
    let slow = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let server = MtServer::start(move |_, path, body| match path {
        "/listPairs" => apy_pairs(),
        _ => {
            let answer = apy_translate(body, fake_translate);
            if slow.swap(false, std::sync::atomic::Ordering::SeqCst) {
                answer.after(Duration::from_secs(4))
            } else {
                answer
            }
        }
    });
    let dir = project54(&format!(
        "kind = \"apy\"\nurl = \"{}\"\nbatch_texts = 100\nbatch_chars = 100000\ntimeout = 1",
        server.url()
    ));
    std::fs::create_dir(dir.path().join("no-glossary")).unwrap();
    let r = run(
        dir.path(),
        &[
            "translate",
            "w.po",
            "--engine",
            "e",
            "--glossary",
            "no-glossary",
            "--format",
            "json",
        ],
        &[],
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert_eq!(summary(&r.out)["verified"], 54, "{}", r.out);
    let paths: Vec<String> = server
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|(p, _, _)| p.clone())
        .collect();
    assert_eq!(
        paths,
        ["/listPairs", "/translate", "/listPairs", "/translate"],
        "the probe, the slow batch, the probe again, the retry"
    );
    assert_eq!(translated(dir.path()), 54);
}

#[test]
fn a_server_without_the_probe_endpoint_is_alive_and_a_key_refused_by_it_stops_at_once() {
    for (status, code) in [(404, 0), (405, 0), (401, 2)] {
        let server = MtServer::start(move |_, path, body| match path {
            "/v1/models" => echo(status, |m| {
                serde_json::json!({"error": {"message": m, "type": "invalid_request_error"}})
                    .to_string()
            }),
            _ => openai_translate(body, fake_translate, "stop"),
        });
        let dir = project54(&engine_lines(
            "openai",
            &server.url(),
            "key_env = \"LT_KEY\"\n",
        ));
        std::fs::create_dir(dir.path().join("no-glossary")).unwrap();
        let r = run(
            dir.path(),
            &[
                "translate",
                "w.po",
                "--engine",
                "e",
                "--glossary",
                "no-glossary",
            ],
            &[("LT_KEY", KEY)],
            MINUTE,
        );
        assert_eq!(r.code, Some(code), "{status}: {}", r.err);
        let batches = server.requests("/v1/chat/completions").len();
        if code == 0 {
            assert_eq!(translated(dir.path()), 54, "{status}");
        } else {
            assert_eq!(batches, 0, "nothing sent with a refused key");
            assert!(
                r.err.contains("/v1/models answered HTTP 401"),
                "{status}: {}",
                r.err
            );
        }
        assert_absent(&everything(dir.path(), &r), KEY, "probe");
    }
}

/// Whether process `pid` is gone: no such process, or a zombie nobody has reaped yet (it
/// runs no more; a container's init may never reap it).
fn gone(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // The state follows the command name, which is in parentheses.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
    }
}

/// A project whose engine `e` is `./fake-apertium` with `timeout` seconds: a shell script
/// running a pipeline, as `apertium` is, that lists the pair (unless `hang_list`), reads the
/// batch and then waits forever on a `sleep` of its own. Each process it starts writes its id
/// to the file `pids` in the project.
fn hung_apertium(timeout: u32, hang_list: bool) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = project54(&format!(
        "kind = \"apertium\"\nprogram = \"./fake-apertium\"\ntimeout = {timeout}"
    ));
    let pids = dir.path().join("pids");
    let script = format!(
        "#!/bin/sh\n\
         echo $$ >> '{pids}'\n\
         if [ \"$1\" = -l ] && [ {hang} = no ]; then echo eng-spa; echo spa-eng; exit 0; fi\n\
         cat > /dev/null\n\
         sleep 1000 &\n\
         echo $! >> '{pids}'\n\
         wait\n",
        pids = pids.display(),
        hang = if hang_list { "yes" } else { "no" },
    );
    let path = dir.path().join("fake-apertium");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// The process ids the fake Apertium of `dir` wrote.
fn fake_pids(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("pids"))
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect()
}

/// Asserts that every process in `pids` is gone within 5 s (a kill takes a moment).
fn assert_gone(pids: &[String], what: &str) {
    let started = Instant::now();
    while !pids.iter().all(|p| gone(p)) {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{what}: left running: {:?}",
            pids.iter().filter(|p| !gone(p)).collect::<Vec<_>>()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_hung_apertium_program_is_stopped_with_its_pipeline() {
    // Once with `-l` answered and the batch hung, once with `-l` itself hung.
    for hang_list in [false, true] {
        let dir = hung_apertium(2, hang_list);
        let r = translate(
            dir.path(),
            &["--format", "json"],
            &[],
            Duration::from_secs(30),
        );
        assert!(r.code.is_some(), "{hang_list}: still running after 30 s");
        assert_eq!(r.code, Some(2), "{hang_list}: {}", r.err);
        assert!(
            r.took < Duration::from_secs(10),
            "{hang_list}: {:?}",
            r.took
        );
        assert!(
            r.err
                .contains("e: ./fake-apertium did not finish within 2 s and was stopped"),
            "{hang_list}: {}",
            r.err
        );
        assert!(
            r.err.contains("hint:") && r.err.contains("timeout"),
            "{}",
            r.err
        );
        let s = summary(&r.out);
        assert_eq!(
            (s["left"].as_u64(), s["stopped"].as_bool()),
            (Some(54), Some(true))
        );
        // The script and its sleep really ran, and neither is left.
        let pids = fake_pids(dir.path());
        assert_eq!(pids.len(), if hang_list { 2 } else { 3 }, "{pids:?}");
        assert_gone(&pids, &format!("{hang_list}"));
    }
}

#[test]
fn an_interrupted_run_stops_a_hung_apertium_too() {
    // The program has a process group of its own, so a signal sent to puente alone (as a CI
    // runner or a service manager sends it) reaches only puente, which must stop it.
    let dir = hung_apertium(600, false);
    let g = glossary();
    let mut child = Command::new(bin())
        .args(["translate", "w.po", "--engine", "e", "--glossary", &g])
        .current_dir(dir.path())
        .env("LANG", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the batch is in the program's hands: the check, the script and its sleep.
    let started = Instant::now();
    while fake_pids(dir.path()).len() < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the batch never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = rustix::process::Pid::from_child(&child);
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("puente outlived SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(128 + 15));
    assert_gone(&fake_pids(dir.path()), "SIGTERM");
}

/// A body that echoes the key the way careless servers do: plainly, in an Authorization
/// header it quotes back, percent-encoded, and across the point where error bodies are cut.
fn echo(status: u16, wrap: impl Fn(&str) -> String) -> Answer {
    let padding = "x".repeat(300 - KEY.len() / 2 - "Key ".len());
    let message = format!(
        "Invalid key {KEY}; you sent Authorization: Bearer {KEY} (key={}). {padding}Key {KEY}",
        KEY.replace('-', "%2D")
    );
    Answer::status(status, &wrap(&message))
}

#[test]
fn keys_echoed_by_a_server_are_never_printed_or_stored() {
    for kind in ["deepl", "openai", "libretranslate"] {
        let batches = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let server = MtServer::start(move |_, path, body| {
            // The first batch comes back translated, with the key echoed into every text;
            // the second is refused with the key in the error body.
            let translation = matches!(
                path,
                "/v2/translate" | "/v1/chat/completions" | "/translate"
            );
            let first =
                translation && batches.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0;
            match (kind, path) {
                ("deepl", "/v2/usage") => deepl_usage(),
                ("deepl", "/v2/glossaries") => Answer::status(201, r#"{"glossary_id":"g-1"}"#),
                ("openai", "/v1/models") => openai_models(&[]),
                ("libretranslate", "/languages") => libre_languages(),
                _ if first => {
                    let f = |t: &str| format!("{} (ref {KEY})", fake_translate(t));
                    match kind {
                        "deepl" => deepl_translate(body, f),
                        "openai" => openai_translate(body, f, "stop"),
                        _ => libre_translate(body, f),
                    }
                }
                ("deepl", _) => echo(403, |m| serde_json::json!({ "message": m }).to_string()),
                ("openai", _) => echo(401, |m| {
                    serde_json::json!({"error": {"message": m, "type": "invalid_request_error"}})
                        .to_string()
                }),
                _ => echo(403, |m| serde_json::json!({ "error": m }).to_string()),
            }
        });
        let model = if kind == "openai" {
            "model = \"m\"\n"
        } else {
            ""
        };
        let dir = project54(&format!(
            "kind = \"{kind}\"\nurl = \"{}\"\nkey_env = \"LT_KEY\"\n{model}batch_texts = 5\nconcurrency = 1",
            server.url()
        ));
        // No glossary: nothing is protected, so the stand-in translation of whichever batch
        // goes first passes verification and reaches the file and the cache.
        std::fs::create_dir(dir.path().join("no-glossary")).unwrap();
        let r = run(
            dir.path(),
            &[
                "translate",
                "w.po",
                "--engine",
                "e",
                "--glossary",
                "no-glossary",
            ],
            &[("LT_KEY", KEY)],
            MINUTE,
        );
        assert_eq!(r.code, Some(2), "{kind}: {}", r.err);
        let status = if kind == "openai" {
            "HTTP 401"
        } else {
            "HTTP 403"
        };
        assert!(r.err.contains(status), "{kind}: {}", r.err);
        assert!(
            r.err.contains("Invalid key [redacted]"),
            "{kind}: {}",
            r.err
        );
        // The first batch came back with the key in every text: masked, and then refused,
        // so none of it reached the file or the cache.
        assert_eq!(translated(dir.path()), 0, "{kind}: {}", r.err);
        let all = everything(dir.path(), &r);
        assert_absent(&all, KEY, kind);
        assert!(
            !all.contains("(ref "),
            "{kind}: an answer with the key was kept"
        );
        assert!(
            std::fs::read_to_string(dir.path().join("w.po"))
                .unwrap()
                .contains("not accepted: the answer holds the engine's API key"),
            "{kind}"
        );
        assert!(
            std::fs::read_to_string(dir.path().join("w.po"))
                .unwrap()
                .contains("refused: "),
            "{kind}: the refusal is noted in the work file: {}",
            r.err
        );
    }
}

#[test]
fn a_password_in_an_engine_url_is_refused_before_any_request() {
    for kind in ["libretranslate", "openai", "apy"] {
        let server = HangingServer::start(|_, _| Some(Answer::status(500, "{}")));
        let url = format!("http://newsroom:hunter2%21pw@127.0.0.1:{}/", server.port);
        let dir = project54(&format!(
            "kind = \"{kind}\"\nurl = \"{url}\"\nmodel = \"m\"\n"
        ));
        let before = std::fs::read(dir.path().join("w.po")).unwrap();
        let r = translate(dir.path(), &[], &[], MINUTE);
        assert_eq!(r.code, Some(2), "{kind}: {}", r.err);
        assert_eq!(
            server.connections.load(std::sync::atomic::Ordering::SeqCst),
            0,
            "{kind}: puente connected"
        );
        assert!(
            r.err
                .contains(&format!("http://127.0.0.1:{}/", server.port)),
            "{kind}: {}",
            r.err
        );
        assert!(r.err.contains("key_env"), "{kind}: {}", r.err);
        for secret in ["hunter2", "newsroom", "bmV3c3Jvb206aHVudGVyMiFwdw"] {
            assert!(!r.err.contains(secret), "{kind}: {}", r.err);
        }
        assert_eq!(std::fs::read(dir.path().join("w.po")).unwrap(), before);
        // `puente engines` says the same, without the password.
        let e = run(dir.path(), &["engines", "--format", "json"], &[], MINUTE);
        assert_eq!(e.code, Some(1), "{}", e.err);
        assert!(!e.out.contains("hunter2") && !e.err.contains("hunter2"));
        assert!(e.out.contains("key_env"), "{}", e.out);
    }
}

#[test]
fn a_key_variable_unset_or_empty_stops_before_any_request() {
    for kind in ["libretranslate", "openai", "deepl"] {
        for value in [None, Some("")] {
            let server = HangingServer::start(|_, _| Some(Answer::status(401, "{}")));
            let dir = project54(&format!(
                "kind = \"{kind}\"\nurl = \"{}\"\nkey_env = \"PUENTE_TEST_KEY\"\nmodel = \"m\"\n",
                server.url()
            ));
            let env: Vec<(&str, &str)> =
                value.map(|v| ("PUENTE_TEST_KEY", v)).into_iter().collect();
            let r = translate(dir.path(), &[], &env, MINUTE);
            assert_eq!(r.code, Some(2), "{kind} {value:?}: {}", r.err);
            assert!(
                r.err
                    .contains("environment variable PUENTE_TEST_KEY is empty or unset"),
                "{kind} {value:?}: {}",
                r.err
            );
            assert_eq!(
                server.connections.load(std::sync::atomic::Ordering::SeqCst),
                0,
                "{kind} {value:?}: puente connected without its key"
            );
        }
    }
}

#[test]
fn self_hosted_servers_need_no_key_when_the_config_names_none() {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    let dir = project54(&format!(
        "kind = \"libretranslate\"\nurl = \"{}\"",
        server.url()
    ));
    let r = translate(dir.path(), &[], &[], MINUTE);
    assert_eq!(r.code, Some(0), "{}", r.err);
    let bodies = server.requests("/translate");
    assert!(!bodies.is_empty() && bodies.iter().all(|b| !b.contains("api_key")));
}

#[test]
fn a_redirect_to_another_origin_is_refused_and_the_key_stays_home() {
    let elsewhere = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    // A password in the Location is never shown either.
    let target = format!(
        "http://mallory:pw-in-location@127.0.0.1:{}/translate",
        elsewhere.port
    );
    let home = MtServer::start(move |_, path, _| match path {
        "/languages" => libre_languages(),
        _ => Answer::status(307, "").header("Location", &target),
    });
    let dir = project54(&format!(
        "kind = \"libretranslate\"\nurl = \"{}\"\nkey_env = \"LT_KEY\"",
        home.url()
    ));
    let r = translate(
        dir.path(),
        &["--format", "json"],
        &[("LT_KEY", KEY)],
        MINUTE,
    );
    assert_eq!(r.code, Some(2), "{}", r.err);
    assert!(
        elsewhere.seen.lock().unwrap().is_empty(),
        "the key followed the redirect"
    );
    assert!(
        r.err.contains(&home.url()) && r.err.contains(&elsewhere.url()),
        "both origins named: {}",
        r.err
    );
    assert!(
        r.err.contains("hint:") && r.err.contains("url"),
        "{}",
        r.err
    );
    assert!(!r.err.contains("pw-in-location") && !r.err.contains("mallory"));
    assert_eq!(summary(&r.out)["stopped"], true);
    assert_absent(&everything(dir.path(), &r), KEY, "redirect");
}

#[test]
fn a_redirect_within_the_origin_is_followed() {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        "/translate" => Answer::status(307, "").header("Location", "/api/v2/translate"),
        _ => libre_translate(body, fake_translate),
    });
    let dir = project54(&format!(
        "kind = \"libretranslate\"\nurl = \"{}\"\nkey_env = \"LT_KEY\"",
        server.url()
    ));
    let r = translate(
        dir.path(),
        &["--format", "json"],
        &[("LT_KEY", KEY)],
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert_eq!(summary(&r.out)["verified"], 54);
    // The body, key included, went again to the same server.
    assert!(server
        .requests("/api/v2/translate")
        .iter()
        .all(|b| b.contains(KEY)));
}

#[test]
fn retry_after_as_an_http_date_is_honored() {
    let times: Arc<Mutex<Vec<SystemTime>>> = Arc::default();
    let until: Arc<Mutex<Option<SystemTime>>> = Arc::default();
    let (t, u) = (Arc::clone(&times), Arc::clone(&until));
    let server = MtServer::start(move |_, path, body| match path {
        "/languages" => libre_languages(),
        _ => {
            let mut t = t.lock().unwrap();
            t.push(SystemTime::now());
            if t.len() == 1 {
                // HTTP dates have whole seconds: this one is 2 to 3 s ahead.
                let date = SystemTime::now() + Duration::from_secs(3);
                let date = httpdate::parse_http_date(&httpdate::fmt_http_date(date)).unwrap();
                *u.lock().unwrap() = Some(date);
                Answer::status(503, r#"{"error":"busy"}"#)
                    .header("Retry-After", &httpdate::fmt_http_date(date))
            } else {
                libre_translate(body, fake_translate)
            }
        }
    });
    let dir = project54(&format!(
        "kind = \"libretranslate\"\nurl = \"{}\"\nbatch_texts = 100\nbatch_chars = 100000",
        server.url()
    ));
    let r = translate(dir.path(), &["--format", "json"], &[], MINUTE);
    assert_eq!(r.code, Some(0), "{}", r.err);
    let times = times.lock().unwrap();
    assert_eq!(times.len(), 2);
    let date = until.lock().unwrap().unwrap();
    assert!(
        times[1] >= date,
        "retried {:?} before the date",
        date.duration_since(times[1])
    );
}

#[test]
fn a_retry_after_beyond_the_run_budget_gives_up_at_once() {
    for after in [
        httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3600)),
        "7200".to_string(),
    ] {
        let a = after.clone();
        let server = MtServer::start(move |_, path, _| match path {
            "/languages" => libre_languages(),
            _ => Answer::status(429, r#"{"error":"Slowdown"}"#).header("Retry-After", &a),
        });
        let dir = project54(&format!(
            "kind = \"libretranslate\"\nurl = \"{}\"\nconcurrency = 1",
            server.url()
        ));
        let r = translate(dir.path(), &["--format", "json"], &[], MINUTE);
        assert_eq!(r.code, Some(2), "{after}: {}", r.err);
        assert!(r.took < Duration::from_secs(10), "{after}: {:?}", r.took);
        assert_eq!(server.requests("/translate").len(), 1, "{after}");
        assert!(r.err.contains("asks to wait"), "{after}: {}", r.err);
        let s = summary(&r.out);
        assert_eq!(
            (s["left"].as_u64(), s["stopped"].as_bool()),
            (Some(54), Some(true))
        );
    }
}

#[test]
fn the_run_deadline_stops_a_slow_engine_and_keeps_its_progress() {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate).after(Duration::from_millis(700)),
    });
    // Eleven batches at 0.7 s each, one at a time, need 8 s; the run may take 2.5.
    let dir = project54(&format!(
        "kind = \"libretranslate\"\nurl = \"{}\"\nbatch_texts = 5\nconcurrency = 1\ndeadline = 2.5",
        server.url()
    ));
    let r = translate(dir.path(), &["--format", "json"], &[], MINUTE);
    assert_eq!(r.code, Some(2), "{}", r.err);
    assert!(r.took < Duration::from_secs(6), "{:?}", r.took);
    let s = summary(&r.out);
    let verified = s["verified"].as_u64().unwrap();
    assert!((5..54).contains(&verified), "{s}");
    assert_eq!(s["left"].as_u64(), Some(54 - verified), "{s}");
    assert_eq!(translated(dir.path()) as u64, verified);
    assert!(r.err.contains("2.5 s"), "{}", r.err);
}

#[test]
fn engine_time_settings_are_validated() {
    for (line, name) in [
        ("timeout = 0", "timeout"),
        ("connect_timeout = -1", "connect_timeout"),
        ("deadline = nan", "deadline"),
        ("retries = 50", "retries"),
    ] {
        let dir = project54(&format!(
            "kind = \"libretranslate\"\nurl = \"http://127.0.0.1:9\"\n{line}"
        ));
        let r = translate(dir.path(), &[], &[], MINUTE);
        assert_eq!(r.code, Some(2), "{line}: {}", r.err);
        assert!(
            r.err.contains("puente.toml") && r.err.contains(&format!("[engine.e] {name}")),
            "{line}: {}",
            r.err
        );
    }
}

#[test]
fn a_retry_after_of_any_size_is_too_long_a_wait_never_a_crash() {
    // Numbers past any clock panicked in the conversion to a wait (exit 101 and a backtrace).
    for (kind, after) in [
        ("libretranslate", "1e20"),
        ("apy", "99999999999999999999"),
        ("deepl", "inf"),
        ("openai", "1e308"),
    ] {
        let a = after.to_string();
        let server = MtServer::start(move |_, path, _| {
            probe(path).unwrap_or_else(|| {
                Answer::status(429, r#"{"error":"Slowdown"}"#).header("Retry-After", &a)
            })
        });
        let dir = project54(&engine_lines(kind, &server.url(), "concurrency = 1"));
        let r = translate(
            dir.path(),
            &["--format", "json"],
            &[("LT_KEY", KEY)],
            MINUTE,
        );
        assert_eq!(r.code, Some(2), "{kind} {after}: {}", r.err);
        assert!(r.err.contains("asks to wait"), "{kind} {after}: {}", r.err);
        assert!(!r.err.contains("panicked"), "{kind} {after}: {}", r.err);
        assert_eq!(summary(&r.out)["left"].as_u64(), Some(54), "{kind}");
    }
}

#[test]
fn engine_rates_and_sizes_are_validated_with_their_line() {
    for (line, name) in [
        ("requests_per_second = 1e-300", "requests_per_second"),
        ("requests_per_second = 0", "requests_per_second"),
        ("requests_per_second = -1", "requests_per_second"),
        ("concurrency = 0", "concurrency"),
        ("batch_texts = 0", "batch_texts"),
        ("batch_chars = 0", "batch_chars"),
    ] {
        let dir = project54(&format!(
            "kind = \"libretranslate\"\nurl = \"http://127.0.0.1:9\"\n{line}"
        ));
        let r = translate(dir.path(), &[], &[], MINUTE);
        assert_eq!(r.code, Some(2), "{line}: {}", r.err);
        assert!(
            r.err.contains("puente.toml:4:") && r.err.contains(&format!("[engine.e] {name}")),
            "{line}: {}",
            r.err
        );
    }
}

/// A project whose `w.po` is translated slowly: batches of 5, one at a time, each answered
/// after `delay`, so a run lasts about 11 × `delay`.
fn slow_project(delay: Duration) -> (MtServer, tempfile::TempDir) {
    let server = MtServer::start(move |_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate).after(delay),
    });
    let dir = project54(&format!(
        "kind = \"libretranslate\"\nurl = \"{}\"\nbatch_texts = 5\nconcurrency = 1",
        server.url()
    ));
    (server, dir)
}

/// Starts `puente translate FILE --engine e` in the background, its stderr in `err.txt`.
fn start_translate(dir: &Path, file: &str) -> std::process::Child {
    let g = glossary();
    crate::support::command(dir, &["translate", file, "--engine", "e", "--glossary", &g])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("err.txt")).unwrap())
        .spawn()
        .expect("puente runs")
}

/// Waits (at most 20 s) until `ready` holds, panicking otherwise.
fn wait_for(what: &str, ready: impl Fn() -> bool) {
    crate::support::wait_until(what, Duration::from_secs(20), ready);
}

/// Waits (at most a minute) for `child` to end; its exit code.
fn finish(mut child: std::process::Child) -> Option<i32> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if started.elapsed() > MINUTE {
            child.kill().unwrap();
            child.wait().unwrap();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_work_file_shares_its_lock_and_nothing_is_sent_twice() {
    let (server, dir) = slow_project(Duration::from_millis(300));
    std::os::unix::fs::symlink("w.po", dir.path().join("link.po")).unwrap();
    let first = start_translate(dir.path(), "w.po");
    let pid = first.id();
    wait_for("the first run holds the lock", || {
        dir.path().join("w.po.lock").exists()
    });
    let g = glossary();
    let second = run(
        dir.path(),
        &["translate", "link.po", "--engine", "e", "--glossary", &g],
        &[],
        MINUTE,
    );
    assert_eq!(second.code, Some(2), "{}", second.err);
    assert!(second.err.contains(&pid.to_string()), "{}", second.err);
    assert_eq!(finish(first), Some(0));
    // Every segment went to the server once.
    let sent: usize = server
        .requests("/translate")
        .iter()
        .map(|b| {
            serde_json::from_str::<Value>(b).unwrap()["q"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(sent, 54);
}

#[test]
fn segment_update_waits_for_a_translate_run_on_the_same_file() {
    let (_server, dir) = slow_project(Duration::from_millis(300));
    let before = std::fs::read_to_string(dir.path().join("w.po")).unwrap();
    let article = dir.path().join("drone-strikes.en.md");
    let mut text = std::fs::read_to_string(&article).unwrap();
    text.push_str("\nA paragraph the editor added late.\n");
    std::fs::write(&article, text).unwrap();
    let first = start_translate(dir.path(), "w.po");
    let pid = first.id();
    wait_for("the run holds the lock", || {
        dir.path().join("w.po.lock").exists()
    });
    let o = crate::support::puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "--update", "w.po"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&pid.to_string()) && err.contains("wait"),
        "{err}"
    );
    assert_eq!(finish(first), Some(0));
    // The update runs once translate is done, and keeps both.
    let o = crate::support::puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "--update", "w.po"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = std::fs::read_to_string(dir.path().join("w.po")).unwrap();
    assert!(after.contains("A paragraph the editor added late."));
    assert_ne!(before, after);
    assert_eq!(translated(dir.path()), 54);
}

#[test]
fn a_work_file_changed_underneath_a_run_is_never_overwritten() {
    let (_server, dir) = slow_project(Duration::from_millis(400));
    let wf = dir.path().join("w.po");
    let first = start_translate(dir.path(), "w.po");
    // Once the first batch is in the file, another program rewrites it.
    wait_for("the first batch is written", || {
        std::fs::read_to_string(&wf).is_ok_and(|t| t.contains("verified"))
    });
    let mine = format!(
        "{}\n# edited by hand\n",
        std::fs::read_to_string(&wf).unwrap()
    );
    std::fs::write(&wf, &mine).unwrap();
    let code = finish(first);
    let err = std::fs::read_to_string(dir.path().join("err.txt")).unwrap();
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("w.po changed while translating"), "{err}");
    assert!(
        err.contains("not written") && err.contains("run puente translate"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&wf).unwrap(),
        mine,
        "the edit is kept"
    );
    assert!(!dir.path().join("w.po.lock").exists());
}

#[test]
fn keys_with_slashes_are_redacted_in_every_encoding_a_server_echoes() {
    const SLASHED: &str = "ab/cd+ef=SECRETKEY==";
    use base64::Engine as _;
    let b64 = &base64::engine::general_purpose::STANDARD;
    for kind in ["libretranslate", "deepl", "openai"] {
        let server = MtServer::start(move |_, path, _| {
            probe(path).unwrap_or_else(|| {
                // Python's quote keeps `/`; PHP's json_encode writes `\/`; other encoders
                // write `\u002b`; some quote the Basic header they got.
                let message = format!(
                    "bad key ab/cd%2Bef%3DSECRETKEY%3D%3D, {}, ab\\u002fcd\\u002bef\\u003dSECRETKEY\\u003d\\u003d, Basic-ish {}, {}",
                    serde_json::to_string(SLASHED).unwrap().replace('/', "\\/"),
                    b64.encode(format!("api:{SLASHED}")),
                    b64.encode(SLASHED),
                );
                Answer::status(403, &format!("{{\"message\": \"{}\"}}", message.replace('"', "'")))
            })
        });
        let dir = project54(
            &engine_lines(kind, &server.url(), "key_env = \"LT_KEY\"\nconcurrency = 1").replace(
                "key_env = \"LT_KEY\"\nkey_env = \"LT_KEY\"",
                "key_env = \"LT_KEY\"",
            ),
        );
        let r = translate(dir.path(), &[], &[("LT_KEY", SLASHED)], MINUTE);
        assert_eq!(r.code, Some(2), "{kind}: {}", r.err);
        assert!(r.err.contains("HTTP 403"), "{kind}: {}", r.err);
        assert!(!r.err.contains("SECRETKEY"), "{kind}: {}", r.err);
        for encoded in [b64.encode(SLASHED), b64.encode(format!("api:{SLASHED}"))] {
            assert!(!r.err.contains(&encoded[4..16]), "{kind}: {}", r.err);
        }
    }
}

#[test]
fn a_translation_holding_the_key_is_refused_whatever_its_length() {
    for key in ["k3Y9z", KEY] {
        let k = key.to_string();
        let server = MtServer::start(move |_, path, body| match path {
            "/languages" => libre_languages(),
            // The first text of each batch comes back with the key in it.
            _ => {
                let first = std::cell::Cell::new(true);
                libre_translate(body, |t| {
                    if first.replace(false) {
                        format!("{} ({k})", fake_translate(t))
                    } else {
                        fake_translate(t)
                    }
                })
            }
        });
        let dir = project54(&format!(
            "kind = \"libretranslate\"\nurl = \"{}\"\nkey_env = \"LT_KEY\"\nbatch_texts = 10",
            server.url()
        ));
        std::fs::create_dir(dir.path().join("no-glossary")).unwrap();
        let r = run(
            dir.path(),
            &[
                "translate",
                "w.po",
                "--engine",
                "e",
                "--glossary",
                "no-glossary",
                "--format",
                "json",
            ],
            &[("LT_KEY", key)],
            MINUTE,
        );
        // Refused segments are findings (exit 1), the rest is translated.
        assert_eq!(r.code, Some(1), "{key}: {}", r.err);
        let s = summary(&r.out);
        assert_eq!(s["failed"].as_u64(), Some(6), "{key}: {s}");
        assert_eq!(translated(dir.path()), 48, "{key}");
        let all = everything(dir.path(), &r);
        assert!(!all.contains(key), "{key} leaked");
        assert!(
            !all.contains("[redacted]"),
            "{key}: a masked answer was kept"
        );
        assert_eq!(
            all.matches("not accepted: the answer holds the engine's API key")
                .count(),
            6,
            "{key}"
        );
    }
}

#[test]
fn a_query_or_fragment_in_an_engine_url_is_refused_before_any_request() {
    for suffix in ["/?k=SECRETKEY", "/#SECRETKEY"] {
        let server = MtServer::start(|_, path, body| {
            probe(path).unwrap_or_else(|| libre_translate(body, fake_translate))
        });
        let dir = project54(&engine_lines(
            "libretranslate",
            &format!("{}{suffix}", server.url()),
            "",
        ));
        let r = translate(dir.path(), &[], &[], MINUTE);
        assert_eq!(r.code, Some(2), "{suffix}: {}", r.err);
        assert!(r.err.contains("query or fragment"), "{suffix}: {}", r.err);
        assert!(r.err.contains("key_env"), "{suffix}: {}", r.err);
        assert!(
            !everything(dir.path(), &r).contains("SECRETKEY"),
            "{suffix}"
        );
        assert!(
            server.seen.lock().unwrap().is_empty(),
            "{suffix}: a request went out"
        );
    }
}

#[test]
fn the_summary_agrees_with_itself_when_the_engine_check_fails() {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => Answer::status(403, r#"{"error":"Invalid API key"}"#),
        _ => libre_translate(body, fake_translate),
    });
    let dir = project54(&engine_lines("libretranslate", &server.url(), ""));
    let r = translate(dir.path(), &[], &[], MINUTE);
    assert_eq!(r.code, Some(2), "{}", r.err);
    assert!(server.requests("/translate").is_empty());
    // Nothing was sent, so no characters; every segment is left, in both lines.
    assert!(r.err.contains(" 0 sent,"), "{}", r.err);
    assert!(r.err.contains(" 0 characters,"), "{}", r.err);
    assert!(
        r.err
            .contains("54 left untranslated (0 of them refused or unanswered)"),
        "{}",
        r.err
    );
    assert!(r.err.contains("54 still to translate"), "{}", r.err);
    let j = translate(dir.path(), &["--format", "json"], &[], MINUTE);
    let s = summary(&j.out);
    assert_eq!(
        (
            s["sent"].as_u64(),
            s["characters"].as_u64(),
            s["left"].as_u64()
        ),
        (Some(0), Some(0), Some(54)),
        "{s}"
    );
}
