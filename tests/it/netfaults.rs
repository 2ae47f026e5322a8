//! Issue 16, item 6: a run stopped by Ctrl-C or SIGTERM in the middle (against a server that
//! really hangs) keeps what it saved, releases its lock, says how many segments it wrote and
//! that the same command resumes, and exits 128 + N; the next run resumes and finishes. A lock
//! left by a run killed outright is taken over with a note. Network failures of every kind
//! (refused, DNS, TLS, an HTTP status) are said in the user's language with the URL, never a
//! secret, and a hint for the engine's own kind; `--engine NAME` that puente.toml does not
//! define lists the engines it does and proposes a table of the kind the name suggests.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::mtserver::{
    fake_translate, libre_languages, libre_translate, Answer, HangingServer, MtServer,
};
use crate::support::{code, command, contract, fixtures, require, scratch_with, stderr};

/// Segments in drone-strikes.en.md.
const SEGMENTS: usize = 54;

/// A scratch project with the drone-strikes article segmented into `w.po`, an empty glossary
/// folder, and `engines` as its puente.toml.
fn project(engines: &str) -> tempfile::TempDir {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = crate::support::puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "w.po"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::create_dir(dir.path().join("no-glossary")).unwrap();
    std::fs::write(dir.path().join("puente.toml"), engines).unwrap();
    dir
}

/// A LibreTranslate engine table named `e` at `url`: five segments a batch, one at a time,
/// and a timeout long past any test, so that only the signal ends a hung request.
fn libre_engine(url: &str) -> String {
    format!(
        "[engine.e]\nkind = \"libretranslate\"\nurl = \"{url}\"\nbatch_texts = 5\nconcurrency = 1\ntimeout = 600\n"
    )
}

const TRANSLATE: &[&str] = &[
    "translate",
    "w.po",
    "--engine",
    "e",
    "--glossary",
    "no-glossary",
];

/// Segments with a translation in `w.po`.
fn translated(dir: &Path) -> usize {
    let po = std::fs::read_to_string(dir.join("w.po")).unwrap();
    let wf = puente::workfile::WorkFile::read(&po, puente::workfile::WorkFormat::Po).unwrap();
    wf.units.iter().filter(|u| !u.target.is_empty()).count()
}

/// Waits for `child`, killing it (and failing) after 20 s.
fn finish(mut child: Child) -> i32 {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("puente outlived its signal by 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn kill(child: &Child, signal: &str) {
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args([signal, &pid])
        .status()
        .unwrap()
        .success());
}

/// `w.po` passes `msgfmt --check`.
fn assert_valid_po(dir: &Path) {
    require("msgfmt");
    let m = Command::new("msgfmt")
        .args(["--check", "-o", "/dev/null", "w.po"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(m.status.success(), "{}", String::from_utf8_lossy(&m.stderr));
}

/// Nothing but the project's own files: no lock, no temporary file.
fn assert_nothing_left(dir: &Path) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".puente")
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "drone-strikes.en.md",
            "err.txt",
            "no-glossary",
            "puente.toml",
            "w.po"
        ],
        "a lock or temporary file was left"
    );
}

/// A server that answers its probe and the first batch, then accepts every other request and
/// never answers it: the run is stuck on its second batch until a signal ends it.
fn stalls_after_one_batch() -> HangingServer {
    let batches = Arc::new(AtomicUsize::new(0));
    HangingServer::start(move |path, body| match path {
        "/languages" => Some(libre_languages()),
        _ if batches.fetch_add(1, Ordering::SeqCst) == 0 => {
            Some(libre_translate(body, fake_translate))
        }
        _ => None,
    })
}

/// Starts the translate run against a stalling server and waits until the first batch is in
/// the file and the second is hanging, with the lock held.
fn stuck_run(dir: &Path, server: &HangingServer, ui: Option<&str>) -> Child {
    let mut args: Vec<&str> = Vec::new();
    if let Some(ui) = ui {
        args.extend(["--ui-lang", ui]);
    }
    args.extend(TRANSLATE);
    let child = command(dir, &args)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("err.txt")).unwrap())
        .spawn()
        .unwrap();
    crate::support::wait_until(
        "the first batch saved and the second sent",
        Duration::from_secs(20),
        || server.count("/translate") >= 2 && translated(dir) == 5,
    );
    // The second request is in the server's hands and will never be answered.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(translated(dir), 5, "the hung batch was not hung");
    assert!(dir.join("w.po.lock").exists(), "the run holds no lock");
    child
}

/// After an interrupted run: the same command again, against a server that answers, sends only
/// what is still empty and finishes.
fn assert_resumes(dir: &Path) {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    std::fs::write(dir.join("puente.toml"), libre_engine(&server.url())).unwrap();
    let o = crate::support::puente(dir, TRANSLATE);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(translated(dir), SEGMENTS);
    let sent: usize = server
        .requests("/translate")
        .iter()
        .map(|b| {
            let v: serde_json::Value = serde_json::from_str(b).unwrap();
            v["q"].as_array().map_or(1, Vec::len)
        })
        .sum();
    assert_eq!(
        sent,
        SEGMENTS - 5,
        "the resumed run sent the saved segments again"
    );
    assert_valid_po(dir);
    assert!(!dir.join("w.po.lock").exists());
}

#[test]
fn ctrl_c_mid_run_keeps_the_batch_saved_releases_the_lock_and_a_new_run_resumes() {
    let server = stalls_after_one_batch();
    let dir = project(&libre_engine(&server.url()));
    let dir = dir.path();
    let child = stuck_run(dir, &server, None);
    kill(&child, "-INT");
    assert_eq!(finish(child), 130, "Ctrl-C exits 128 + 2");
    let err = std::fs::read_to_string(dir.join("err.txt")).unwrap();
    assert_eq!(
        err,
        "w.po: the run stopped early: 5 segments translated and saved, 49 still to translate\n\
         run the same command again to resume: what was saved stays, and only the 49 segments still empty are sent\n\
         interrupted by SIGINT; no temporary or lock file was left behind\n"
    );
    assert_eq!(translated(dir), 5);
    assert_valid_po(dir);
    assert_nothing_left(dir);
    assert_resumes(dir);
}

#[test]
fn sigterm_mid_run_does_the_same_in_spanish() {
    let server = stalls_after_one_batch();
    let dir = project(&libre_engine(&server.url()));
    let dir = dir.path();
    let child = stuck_run(dir, &server, Some("es-MX"));
    kill(&child, "-TERM");
    assert_eq!(finish(child), 143, "SIGTERM exits 128 + 15");
    let err = std::fs::read_to_string(dir.join("err.txt")).unwrap();
    insta::assert_snapshot!("sigterm_es", err);
    assert!(
        err.contains("5 segmentos traducidos y guardados, 49 por traducir"),
        "{err}"
    );
    assert_eq!(translated(dir), 5);
    assert_valid_po(dir);
    assert_nothing_left(dir);
    assert_resumes(dir);
}

/// A second Ctrl-C stops at once even when the first one's clean-up cannot finish: here its
/// words are stuck, since stderr is a pipe already full that nobody reads (a paused pager).
/// The first signal has removed the lock and no save was under way, so the file is whole and
/// the next run resumes.
#[test]
fn a_second_ctrl_c_stops_at_once_when_the_first_is_stuck() {
    use std::io::{ErrorKind, Read, Write};
    use std::os::unix::io::AsRawFd;
    let server = stalls_after_one_batch();
    let dir = project(&libre_engine(&server.url()));
    let dir = dir.path();
    let fifo = dir.join("err.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // Held open for reading and writing, so that neither open blocks; filled to the brim.
    let mut pipe = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .unwrap();
    // SAFETY: fcntl on a descriptor this test owns, for the duration of the test.
    unsafe {
        let flags = libc::fcntl(pipe.as_raw_fd(), libc::F_GETFL);
        assert!(libc::fcntl(pipe.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK) == 0);
    }
    let mut filled = 0;
    loop {
        match pipe.write(&[b'.'; 4096]) {
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::WouldBlock => break,
            Err(e) => panic!("{e}"),
        }
    }
    assert!(filled > 0);
    let child = command(dir, TRANSLATE)
        .stdout(Stdio::null())
        .stderr(std::fs::OpenOptions::new().write(true).open(&fifo).unwrap())
        .spawn()
        .unwrap();
    crate::support::wait_until(
        "the first batch saved and the second sent",
        Duration::from_secs(20),
        || server.count("/translate") >= 2 && translated(dir) == 5,
    );
    kill(&child, "-INT");
    // The first signal removes the lock, then its report waits on the full pipe.
    crate::support::wait_until("the lock removed", Duration::from_secs(5), || {
        !dir.join("w.po.lock").exists()
    });
    std::thread::sleep(Duration::from_millis(200));
    assert!(child.id() > 0);
    kill(&child, "-INT");
    assert_eq!(finish(child), 130, "the second Ctrl-C did not end the run");
    // Drained, so the test leaves nothing blocked.
    let mut rest = Vec::new();
    let _ = pipe.read_to_end(&mut rest);
    std::fs::remove_file(&fifo).unwrap();
    assert_eq!(translated(dir), 5);
    assert_valid_po(dir);
    std::fs::write(dir.join("err.txt"), "").unwrap();
    assert_nothing_left(dir);
    assert_resumes(dir);
}

/// A run killed outright (SIGKILL: no handler runs) leaves its lock; the next run sees that
/// its process is gone, takes it over, says so, and finishes the file.
#[test]
fn a_lock_left_by_a_killed_run_is_taken_over_with_a_note() {
    let server = stalls_after_one_batch();
    let dir = project(&libre_engine(&server.url()));
    let dir = dir.path();
    let child = stuck_run(dir, &server, None);
    let pid = child.id();
    kill(&child, "-KILL");
    finish(child);
    assert_eq!(
        std::fs::read_to_string(dir.join("w.po.lock"))
            .unwrap()
            .trim(),
        pid.to_string(),
        "SIGKILL leaves the lock"
    );
    assert_valid_po(dir);
    let answering = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    std::fs::write(dir.join("puente.toml"), libre_engine(&answering.url())).unwrap();
    let o = crate::support::puente(dir, TRANSLATE);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with(&format!(
            "w.po: took over its lock, left by process {pid}, which is no longer running (a run that was killed outright)\n"
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(translated(dir), SEGMENTS);
    assert!(!dir.join("w.po.lock").exists());
}

/// A port nothing listens on: bound, then closed.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// The contract of a run with the ports in it replaced by `[PORT]` (they change every run).
fn contract_without_ports(o: &Output, dir: &Path) -> String {
    let text = contract(o, dir);
    let url = regex::Regex::new(r"127\.0\.0\.1:\d+").unwrap();
    let flag = regex::Regex::new(r"-p \d+").unwrap();
    let text = url.replace_all(&text, "127.0.0.1:[PORT]");
    flag.replace_all(&text, "-p [PORT]").into_owned()
}

fn translate_with(dir: &Path, ui: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut args: Vec<&str> = Vec::new();
    if let Some(ui) = ui {
        args.extend(["--ui-lang", ui]);
    }
    args.extend(TRANSLATE);
    let mut c = command(dir, &args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

#[test]
fn a_refused_connection_names_the_url_and_the_hint_for_the_engines_kind() {
    let port = closed_port();
    // APy: the hint says how to start it, on the configured port.
    let dir = project(&format!(
        "[engine.e]\nkind = \"apy\"\nurl = \"http://127.0.0.1:{port}\"\n"
    ));
    let o = translate_with(dir.path(), None, &[]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: e: http://127.0.0.1:{port}/listPairs refused the connection"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "hint: start APy (apertium-apy -p {port} /usr/share/apertium/modes)"
        )),
        "{err}"
    );
    assert!(
        !err.contains("os error"),
        "the client's chain is shown: {err}"
    );
    insta::assert_snapshot!("refused_apy", contract_without_ports(&o, dir.path()));
    assert_eq!(translated(dir.path()), 0);
    assert!(!dir.path().join("w.po.lock").exists());

    // LibreTranslate: no APy hint, the URL to check.
    let dir = project(&libre_engine(&format!("http://127.0.0.1:{port}")));
    let o = translate_with(dir.path(), None, &[]);
    assert_eq!(code(&o), 2);
    assert!(!stderr(&o).contains("apertium-apy"), "{}", stderr(&o));
    insta::assert_snapshot!("refused_libre", contract_without_ports(&o, dir.path()));

    // In Spanish.
    let o = translate_with(dir.path(), Some("es-MX"), &[]);
    assert_eq!(code(&o), 2);
    insta::assert_snapshot!("refused_libre_es", contract_without_ports(&o, dir.path()));
}

#[test]
fn a_host_that_does_not_resolve_and_a_failed_tls_handshake_are_said_as_such() {
    let dir = project(&libre_engine("http://puente-test.invalid:5000"));
    let o = translate_with(dir.path(), None, &[]);
    assert_eq!(code(&o), 2);
    insta::assert_snapshot!("dns", contract_without_ports(&o, dir.path()));

    // https:// to a server that speaks plain HTTP: it answers the TLS greeting with text.
    let plain = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = plain.local_addr().unwrap().port();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for mut c in plain.incoming().flatten() {
            let mut greeting = [0; 512];
            let _ = c.read(&mut greeting);
            let _ = c.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
        }
    });
    let dir = project(&libre_engine(&format!("https://127.0.0.1:{port}")));
    let o = translate_with(dir.path(), None, &[]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("the secure (TLS) connection to https://127.0.0.1:"),
        "{err}"
    );
    assert!(
        err.contains("https:// only for a server that speaks TLS"),
        "{err}"
    );
}

#[test]
fn a_refused_key_hint_names_the_key_variable_and_never_the_key() {
    let key = "k3y-Zq9-SECRET";
    let server = MtServer::start(move |_, path, body| match path {
        "/languages" => libre_languages(),
        // A server that quotes the key back in its complaint.
        _ => Answer::status(
            403,
            &format!("{{\"error\":\"bad api_key {}\"}}", {
                let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
                v["api_key"].as_str().unwrap_or_default().to_string()
            }),
        ),
    });
    let dir = project(&format!(
        "{}key_env = \"LT_KEY\"\n",
        libre_engine(&server.url())
    ));
    let o = translate_with(dir.path(), None, &[("LT_KEY", key)]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(!err.contains("SECRET"), "the key is shown: {err}");
    assert!(err.contains("HTTP 403"), "{err}");
    insta::assert_snapshot!("refused_key", contract_without_ports(&o, dir.path()));

    // No key_env at all: the hint says to add one, for this engine's kind.
    let dir = project(&libre_engine(&server.url()));
    let o = translate_with(dir.path(), None, &[]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains(
            "hint: the server asks for a key: add key_env = \"VARIABLE\" to [engine.e] (kind = \"libretranslate\")"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn credentials_in_an_engine_url_never_reach_stderr() {
    let port = closed_port();
    for url in [
        format!("http://newsroom:hunter2SECRET@127.0.0.1:{port}"),
        format!("http://127.0.0.1:{port}/?key=hunter2SECRET"),
        format!("http://127.0.0.1:{port}/?api_key=hunter2SECRET&x=1"),
    ] {
        let dir = project(&libre_engine(&url));
        for ui in [None, Some("es-MX")] {
            let o = translate_with(dir.path(), ui, &[]);
            assert_eq!(code(&o), 2, "{url}");
            let err = stderr(&o);
            assert!(
                !err.contains("hunter2"),
                "{url}: the secret is shown: {err}"
            );
            assert!(!err.contains("newsroom"), "{url}: the user is shown: {err}");
            assert!(err.contains(&format!("127.0.0.1:{port}")), "{url}: {err}");
        }
    }
}

#[test]
fn an_engine_the_config_does_not_define_gets_a_table_of_the_kind_its_name_suggests() {
    let dir = project(&libre_engine("http://127.0.0.1:5000"));
    let run = |ui: Option<&str>, name: &str| {
        let mut args: Vec<&str> = Vec::new();
        if let Some(ui) = ui {
            args.extend(["--ui-lang", ui]);
        }
        args.extend(["translate", "w.po", "--engine", name]);
        command(dir.path(), &args).output().unwrap()
    };
    let o = run(None, "deepl");
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("kind = \"deepl\""), "{err}");
    assert!(err.contains("key_env = \"DEEPL_AUTH_KEY\""), "{err}");
    assert!(
        !err.contains("apertium\""),
        "another kind is suggested: {err}"
    );
    insta::assert_snapshot!("unknown_deepl", contract(&o, dir.path()));
    insta::assert_snapshot!(
        "unknown_deepl_es",
        contract(&run(Some("es-MX"), "deepl"), dir.path())
    );
    let o = run(None, "gpt");
    assert!(stderr(&o).contains("kind = \"openai\""), "{}", stderr(&o));

    // No config at all: the list says so.
    std::fs::remove_file(dir.path().join("puente.toml")).unwrap();
    let o = run(None, "deepl");
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("no usable engine named deepl (it defines no engine)"),
        "{}",
        stderr(&o)
    );
}
