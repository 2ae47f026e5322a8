//! A signal that ends a translate run says how far it got, like any other stop. Registered in
//! tests/it/main.rs once the signal handler in src/cli/mod.rs calls
//! `translate::report_interrupted` (issue 11).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::mtserver::{fake_translate, libre_languages, libre_translate, MtServer};
use crate::support::{fixtures, scratch_with};

fn translated(dir: &Path) -> usize {
    let po = std::fs::read_to_string(dir.join("w.po")).unwrap();
    let wf = puente::workfile::WorkFile::read(&po, puente::workfile::WorkFormat::Po).unwrap();
    wf.units.iter().filter(|u| !u.target.is_empty()).count()
}

#[test]
fn a_signal_during_translate_says_what_is_saved_and_what_is_left() {
    for signal in ["-INT", "-TERM"] {
        let server = MtServer::start(|_, path, body| match path {
            "/languages" => libre_languages(),
            _ => libre_translate(body, fake_translate).after(Duration::from_millis(500)),
        });
        let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
        let dir = dir.path();
        let o = crate::support::puente(dir, &["segment", "drone-strikes.en.md", "-o", "w.po"]);
        assert!(o.status.success());
        std::fs::write(
            dir.join("puente.toml"),
            format!(
                "[engine.e]\nkind = \"libretranslate\"\nurl = \"{}\"\nbatch_texts = 5\nconcurrency = 1\n",
                server.url()
            ),
        )
        .unwrap();
        std::fs::create_dir(dir.join("no-glossary")).unwrap();
        let mut child = crate::support::command(
            dir,
            &[
                "translate",
                "w.po",
                "--engine",
                "e",
                "--glossary",
                "no-glossary",
            ],
        )
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("err.txt")).unwrap())
        .spawn()
        .unwrap();
        // Two batches in the file, nine to go: the signal comes mid-run.
        let started = Instant::now();
        while translated(dir) < 10 {
            assert!(started.elapsed() < Duration::from_secs(20), "no progress");
            std::thread::sleep(Duration::from_millis(20));
        }
        let pid = child.id().to_string();
        assert!(Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap()
            .success());
        let status = child.wait().unwrap();
        assert!(!status.success());
        let err = std::fs::read_to_string(dir.join("err.txt")).unwrap();
        let done = translated(dir);
        assert!(done < 54, "{signal}: the run finished first");
        assert!(
            err.contains(&format!(
                "w.po: the run stopped early: {done} segments translated and saved, {} still to translate",
                54 - done
            )),
            "{signal}: {err}"
        );
        assert!(err.contains("interrupted"), "{signal}: {err}");
    }
}
