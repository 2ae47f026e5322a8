//! Names what this puente makes of its inputs, for what it keeps between runs: a hash of
//! every source file a kept thing depends on and of the locked versions of the crates they
//! use. `PUENTE_PARSE_FINGERPRINT` names the parse of an article (the article model, the
//! segmenter and its data, the shared text readings, the languages), for the kept parses
//! (`project::parses`); `PUENTE_GLOSSARY_FINGERPRINT` names a glossary's parse (the glossary
//! model and reader, the text readings, the languages), for the kept glossary. Any change to
//! them is another name, so what one build kept is never read by another that would read it
//! differently, whatever the version number, the program's size or its time say. It reads
//! only those files.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Each name and what it depends on, from the crate's root.
const FINGERPRINTS: &[(&str, &[&str])] = &[
    (
        "PUENTE_PARSE_FINGERPRINT",
        &[
            "src/article",
            "src/segment",
            "src/text",
            "src/lang.rs",
            "Cargo.lock",
        ],
    ),
    (
        "PUENTE_GLOSSARY_FINGERPRINT",
        &["src/glossary", "src/text", "src/lang.rs", "Cargo.lock"],
    ),
];

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .expect("a source folder is readable")
            .map(|e| e.expect("a source folder is readable").path())
            .collect();
        entries.sort();
        for e in entries {
            files(&e, out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    for (name, inputs) in FINGERPRINTS {
        let mut all = Vec::new();
        for input in *inputs {
            println!("cargo:rerun-if-changed={input}");
            files(&root.join(input), &mut all);
        }
        println!("cargo:rustc-env={name}={}", fingerprint(&root, &all));
    }
}

/// The hash of `files` (their names from `root` and their contents), as 16 hex digits.
fn fingerprint(root: &Path, files: &[PathBuf]) -> String {
    let mut h = Sha256::new();
    for f in files {
        let name = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .into_owned();
        let body = std::fs::read(f).expect("a source file is readable");
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((body.len() as u64).to_le_bytes());
        h.update(&body);
    }
    let digest = h.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}
