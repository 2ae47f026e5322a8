//! Placeholder survival per engine, measured with the real Apertium binary and a real APy
//! server on the sample article: each segment is protected (names, terms, register quotes as
//! `PZXnQ` words) and given a `{1}` placeholder after its third word; the figures are how many
//! tokens and placeholders come back exactly once, and how many segments pass verification.
//!
//! Run: `cargo bench --bench survival` (needs apertium-eng-spa and apertium-apy).

// A benchmark or a test reports its figures on the terminal: the printing rule is the
// library's and the CLI's, not theirs.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::Duration;

use puente::check::QuoteStyle;
use puente::glossary::Glossary;
use puente::lang::Lang;
use puente::mt::apertium::Apertium;
use puente::mt::apy::Apy;
use puente::mt::http::{Http, Limits};
use puente::mt::protect::Protector;
use puente::mt::secret::Secrets;
use puente::workfile::{WorkFile, WorkFormat};

fn glossary() -> Glossary {
    let mut g = Glossary::default();
    for (name, text) in [
        ("terms.toml", include_str!("../glossary/terms.toml")),
        ("names.toml", include_str!("../glossary/names.toml")),
        ("quotes.toml", include_str!("../glossary/quotes.toml")),
    ] {
        assert!(g.add_file(name, text).is_empty());
    }
    g
}

/// The sample's sources, each with a `{1}` placeholder after its third word.
fn sources() -> Vec<String> {
    let po = include_str!("../tests/fixtures/drone-strikes.es.po");
    WorkFile::read(po, WorkFormat::Po)
        .unwrap()
        .units
        .iter()
        .map(|u| {
            let mut words: Vec<&str> = u.source.split(' ').collect();
            let at = words.len().min(3);
            words.insert(at, "{1}");
            words.join(" ")
        })
        .collect()
}

fn report(engine: &str, p: &Protector<'_>, sources: &[String], outputs: &[String]) {
    let (mut tokens, mut tokens_ok, mut ph_ok, mut accepted) = (0, 0, 0, 0);
    for (src, out) in sources.iter().zip(outputs) {
        let prot = p.protect(src);
        for t in &prot.tokens {
            tokens += 1;
            if out.matches(t.key.as_str()).count() == 1 {
                tokens_ok += 1;
            }
        }
        if out.matches("{1}").count() == 1 {
            ph_ok += 1;
        }
        if p.restore(src, &prot, out).is_ok() {
            accepted += 1;
        }
    }
    let n = sources.len();
    println!(
        "{engine}: protected words {tokens_ok}/{tokens} ({:.1} %), placeholders {ph_ok}/{n} ({:.1} %), segments accepted {accepted}/{n}",
        100.0 * tokens_ok as f64 / tokens.max(1) as f64,
        100.0 * ph_ok as f64 / n as f64
    );
}

fn main() {
    let g = glossary();
    let p = Protector::new(&g, Lang::En, Lang::Es, QuoteStyle::Angular);
    let sources = sources();
    let protected: Vec<String> = sources.iter().map(|s| p.protect(s).text).collect();

    let binary = Apertium::new("apertium", Lang::En, Lang::Es);
    if binary.check().is_err() {
        println!("apertium is not installed: apt-get install apertium-eng-spa");
        return;
    }
    let refs: Vec<&str> = protected.iter().map(String::as_str).collect();
    let out: Vec<String> = binary
        .translate(&refs)
        .unwrap()
        .into_iter()
        .map(|t| t.text)
        .collect();
    report("apertium (binary)", &p, &sources, &out);

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let Ok(mut server) = std::process::Command::new("apertium-apy")
        .args(["-p", &port.to_string(), "/usr/share/apertium/modes"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    else {
        println!("apertium-apy is not installed: apt-get install apertium-apy");
        return;
    };
    for _ in 0..100 {
        std::thread::sleep(Duration::from_millis(100));
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
    }
    let apy = Apy::new(
        &format!("http://127.0.0.1:{port}"),
        Lang::En,
        Lang::Es,
        Http::new(Limits::default(), Secrets::default()),
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let out: Vec<String> = rt
        .block_on(apy.translate(&protected))
        .unwrap()
        .into_iter()
        .map(|t| t.text)
        .collect();
    report("apertium (APy)", &p, &sources, &out);
    let _ = server.kill();
    let _ = server.wait();
}
