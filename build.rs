//! Names the parse this puente makes of an article, for the parses it keeps
//! (`project::parses`): a hash of every source file the parse depends on (the article model,
//! the segmenter and its data, the shared text readings, the languages) and of the locked
//! versions of the crates they use. Any change to them is another name, so a parse kept by
//! one build is never read by another that would parse differently, whatever the version
//! number, the program's size or its time say. It reads only those files.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// What the parse depends on, from the crate's root.
const INPUTS: &[&str] = &[
    "src/article",
    "src/segment",
    "src/text",
    "src/lang.rs",
    "Cargo.lock",
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
    let mut all = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        files(&root.join(input), &mut all);
    }
    let mut h = Sha256::new();
    for f in &all {
        let name = f
            .strip_prefix(&root)
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
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=PUENTE_PARSE_FINGERPRINT={hex}");
}
