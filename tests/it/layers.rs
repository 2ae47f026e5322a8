//! The layering of the crate, enforced: read from the sources, not trusted to the docs.
//!
//! Allowed direction of `crate::` imports between top-level modules (an arrow may point only
//! down this list, never up, and never both ways between two modules):
//!
//! ```text
//!   cli (and app)            clap, rendering; everything below
//!   mt, tm                   engines, memory (mt::protect is pure)
//!   publish, check           check reads work files and the glossary
//!   workfile                 PO / XLIFF, revisions
//!   article, glossary        articles; terms, names, the quote register, target forms
//!   segment, config, l10n, xml
//!   text                     scanners, quotes, numbers, similarity, checksums, lines
//!   lang
//! ```
//!
//! `error`, `files` and `output` sit beside the CLI: pure stages use none of them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules that never touch files, network, terminal or environment, and the files of
/// other modules that are pure too.
const PURE: &[&str] = &[
    "text", "segment", "article", "glossary", "workfile", "check", "publish", "config", "l10n",
    "xml", "lang",
];
const PURE_FILES: &[&str] = &["mt/protect.rs"];

/// What a pure module must not import.
const IMPURE: &[&str] = &["cli", "app", "project", "files", "output", "error", "tm"];

/// What a pure module must not call on its own: the standard library's doors to files, the
/// environment, the network, other programs and the terminal.
const IMPURE_STD: &[&str] = &[
    "std::fs",
    "std::env",
    "std::net",
    "std::process",
    "std::io::stdin",
    "std::io::stdout",
    "std::io::stderr",
];

/// Pairs of modules that still import each other, each with the reason it is tolerated. The
/// list only shrinks.
const KNOWN_CIRCLES: &[(&str, &str, &str)] = &[];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The crate's top-level modules, from `src/lib.rs`.
fn top_modules(src: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(src.join("lib.rs"))
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod ")?.strip_suffix(';'))
        .map(str::to_string)
        .collect()
}

/// The top-level modules a line of code names through `crate::` (`crate::a::b`, and each
/// name of `crate::{a, b::c}`). Comments are left out: a doc link is not an import.
fn named(line: &str, modules: &BTreeSet<String>) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            group
                .split(',')
                .map(|p| p.trim().split("::").next().unwrap_or("").trim())
                .collect()
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            vec![&rest[..end]]
        };
        out.extend(
            names
                .into_iter()
                .filter(|n| modules.contains(*n))
                .map(str::to_string),
        );
    }
    out
}

/// Module → (imported module → the first file and line that imports it).
fn import_graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = top_modules(&src);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let top = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        if !modules.contains(&top) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for m in named(line, &modules) {
                if m != top {
                    graph
                        .entry(top.clone())
                        .or_default()
                        .entry(m)
                        .or_insert_with(|| format!("src/{rel}:{}", n + 1));
                }
            }
        }
    }
    graph
}

#[test]
fn the_reader_of_imports_sees_grouped_and_plain_paths_but_not_comments() {
    let modules: BTreeSet<String> = ["cli", "text", "glossary", "lang"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        named(
            "use crate::{glossary::Term, text::{self, quotes}};",
            &modules
        ),
        ["glossary", "text"]
    );
    assert_eq!(
        named("    x = crate::text::similarity(a, b);", &modules),
        ["text"]
    );
    assert!(named("/// See [`crate::cli`].", &modules).is_empty());
    assert!(named("use crate::t;", &modules).is_empty());
}

#[test]
fn pure_modules_import_no_io_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = top_modules(&src);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut bad = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let top = rel.split('/').next().unwrap().trim_end_matches(".rs");
        if !PURE.contains(&top) && !PURE_FILES.contains(&rel.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests may make scratch files; the module's own code may not.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            for m in named(line, &modules) {
                if IMPURE.contains(&m.as_str()) {
                    bad.push(format!("src/{rel}:{}: crate::{m}", n + 1));
                }
            }
            let line = line.split("//").next().unwrap_or("");
            for door in IMPURE_STD {
                if line.contains(door) {
                    bad.push(format!("src/{rel}:{}: {door}", n + 1));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "pure modules import an I/O layer:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_two_modules_import_each_other() {
    let graph = import_graph();
    let mut circles = Vec::new();
    for (a, deps) in &graph {
        for (b, at_a) in deps {
            if a >= b {
                continue;
            }
            let Some(at_b) = graph.get(b).and_then(|d| d.get(a)) else {
                continue;
            };
            let known = KNOWN_CIRCLES
                .iter()
                .any(|(x, y, _)| (x, y) == (&a.as_str(), &b.as_str()));
            if !known {
                circles.push(format!("{a} ↔ {b} ({at_a}; {at_b})"));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules import each other:\n{}",
        circles.join("\n")
    );
    // The known circles are still circles: a fixed one must leave the list.
    for (a, b, why) in KNOWN_CIRCLES {
        let both = graph.get(*a).is_some_and(|d| d.contains_key(*b))
            && graph.get(*b).is_some_and(|d| d.contains_key(*a));
        assert!(
            both,
            "{a} ↔ {b} is gone: remove it from KNOWN_CIRCLES ({why})"
        );
    }
}

#[test]
fn the_named_imports_of_issue_12_are_gone() {
    let graph = import_graph();
    let imports = |a: &str, b: &str| graph.get(a).is_some_and(|d| d.contains_key(b));
    assert!(!imports("workfile", "check"), "{:?}", graph.get("workfile"));
    assert!(!imports("workfile", "tm"), "{:?}", graph.get("workfile"));
    assert!(!imports("text", "article"));
    let protect =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/mt/protect.rs"))
            .unwrap();
    let code: String = protect.split("#[cfg(test)]").next().unwrap().to_string();
    assert!(!code.contains("crate::check"), "mt::protect imports check");
}

/// The CLI is thin: its command files map arguments and render, so none imports another
/// (what they share lives in `cli/mod.rs`, `cli/render.rs` and `cli/errors.rs`), and none
/// holds the pipeline (`app` does: the command files never reach for the pure stages' writers
/// or the memory themselves).
#[test]
fn command_files_import_no_other_command_file() {
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
    let shared = ["mod", "render", "errors"];
    let mut commands = Vec::new();
    for e in std::fs::read_dir(&cli).unwrap() {
        let p = e.unwrap().path();
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        if !shared.contains(&stem.as_str()) {
            commands.push(stem);
        }
    }
    let mut bad = Vec::new();
    for e in std::fs::read_dir(&cli).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let me = p.file_stem().unwrap().to_string_lossy().into_owned();
        for (n, line) in text.lines().enumerate() {
            for c in &commands {
                if *c == me || me == "mod" {
                    continue;
                }
                let used = line.contains(&format!("super::{c}::"))
                    || line.contains(&format!("super::{{{c}"))
                    || line.contains(&format!("crate::cli::{c}::"))
                    || (line.contains("use super::{") && line.contains(&format!(" {c}::")));
                if used {
                    bad.push(format!("src/cli/{me}.rs:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "command files import each other:\n{}",
        bad.join("\n")
    );
    // The pipeline's I/O is the application layer's: no command file opens the memory or
    // merges a work file itself.
    for c in &commands {
        let text = std::fs::read_to_string(cli.join(format!("{c}.rs"))).unwrap();
        for needle in ["Memory::open_in", "workfile::merge::merge", "check_files("] {
            assert!(
                !text.contains(needle),
                "src/cli/{c}.rs holds pipeline logic: {needle}"
            );
        }
    }
    let reads = cli_reads_and_writes(&cli);
    assert!(
        reads.is_empty(),
        "the CLI reads or writes files itself (the application layer does):\n{}",
        reads.join("\n")
    );
}

/// What the CLI may still do with the file system, each by the exact code that does it and
/// why: everything else is the application layer's.
const CLI_FILE_ACCESS: &[(&str, &str, &str)] = &[(
    "mod.rs",
    "std::env::current_dir()",
    "the project is opened from the folder the user runs puente in",
)];

/// Each line of a file in `cli` that reads or writes files itself: through `files`' readers
/// and writer (by path or imported by name) or through `std::fs`, outside comments and
/// outside [`CLI_FILE_ACCESS`]. Printing data through `Output` (`-o -`) is not a write.
fn cli_reads_and_writes(cli: &Path) -> Vec<String> {
    const NEEDLES: &[&str] = &[
        "read_text(",
        "read_text_within(",
        "read_xml_within(",
        "write_output(",
        "std::fs",
        "std::env::current_dir",
        "File::open",
        "File::create",
    ];
    let mut bad = Vec::new();
    for e in std::fs::read_dir(cli).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&p).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let allowed = CLI_FILE_ACCESS
                .iter()
                .any(|(file, call, _)| *file == name && code.contains(call));
            if !allowed && NEEDLES.iter().any(|needle| code.contains(needle)) {
                bad.push(format!("src/cli/{name}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    bad
}

#[test]
fn the_reader_of_cli_file_access_sees_calls_but_not_comments_or_the_allowed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tm.rs"),
        "use crate::files::{self, write_output};\n\
         // files::read_text is the application layer's\n\
         let t = files::read_xml_within(&f, Limit::Tmx)?;\n\
         let _ = std::fs::remove_file(&p);\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("mod.rs"),
        "    std::env::current_dir().unwrap_or_default()\n",
    )
    .unwrap();
    let mut found = cli_reads_and_writes(dir.path());
    found.sort();
    assert_eq!(
        found,
        [
            "src/cli/tm.rs:3: let t = files::read_xml_within(&f, Limit::Tmx)?;",
            "src/cli/tm.rs:4: let _ = std::fs::remove_file(&p);",
        ]
    );
    // `use … write_output};` names it without a call; a call by that name is caught.
    std::fs::write(dir.path().join("tm.rs"), "write_output(&o, &[], d, f)?;\n").unwrap();
    assert_eq!(cli_reads_and_writes(dir.path()).len(), 1);
    // The allowance is by file: the same call elsewhere is caught.
    std::fs::write(
        dir.path().join("tm.rs"),
        "let here = std::env::current_dir();\n",
    )
    .unwrap();
    assert_eq!(cli_reads_and_writes(dir.path()).len(), 1);
}
