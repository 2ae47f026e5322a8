//! Writes that respect what is there, errors on stdout, the input size limit and signals,
//! through the real binary: an output that is an input (by any name) is refused; symlinks are
//! followed and stay links; devices and FIFOs are written, never replaced; a missing folder is
//! an error; a full stdout is an error while a closed pipe stays quiet; inputs beyond the limit
//! are refused; a signal mid-translation leaves a valid work file and nothing else.
//!
//! Device nodes are made with `mknod` inside a temporary folder, never taken from /dev; that
//! needs root, which CI has ([`require_root`]).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::mtserver::{fake_translate, libre_languages, libre_translate, MtServer};
use crate::support::{bin, code, contract, fixtures, puente, scratch_with, stderr};

const ARTICLE: &str = "---\ntitle: \"Council vote\"\nlang: en\n---\n\n\
The mayor spoke on Monday. The council listened.\n\nA vote is due in May.\n";

/// Device nodes need root: these tests fail, never skip, without it.
fn require_root() {
    let id = Command::new("id").arg("-u").output().expect("id runs");
    let uid = String::from_utf8_lossy(&id.stdout).trim().to_string();
    assert_eq!(
        uid, "0",
        "this test makes device nodes with mknod in a temporary folder: run as root, as CI does"
    );
}

/// A character device `name` in `dir` (1 3 is null, 1 5 zero, 1 7 full).
fn mknod(dir: &Path, name: &str, major: u32, minor: u32) -> PathBuf {
    let p = dir.join(name);
    let o = Command::new("mknod")
        .arg(&p)
        .arg("c")
        .arg(major.to_string())
        .arg(minor.to_string())
        .output()
        .expect("mknod runs");
    assert!(o.status.success(), "mknod: {}", stderr(&o));
    p
}

fn is_char_device(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::symlink_metadata(p)
        .unwrap()
        .file_type()
        .is_char_device()
}

/// A folder with `art.md` and its work file `a.es.po`, every segment translated.
fn story() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("art.md"), ARTICLE).unwrap();
    let o = puente(d, &["segment", "art.md", "-o", "a.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    translate_all(&d.join("a.es.po"));
    dir
}

/// Fills every empty msgstr of a PO file with its msgid in capitals.
fn translate_all(po: &Path) {
    let text = fs::read_to_string(po).unwrap();
    let mut out = String::new();
    let mut msgid = None;
    for line in text.lines() {
        if let Some(id) = line
            .strip_prefix("msgid \"")
            .and_then(|l| l.strip_suffix('"'))
        {
            msgid = (!id.is_empty()).then(|| id.to_string());
        }
        match (&msgid, line == "msgstr \"\"") {
            (Some(id), true) => out.push_str(&format!("msgstr \"{}\"\n", id.to_uppercase())),
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    fs::write(po, out).unwrap();
}

/// The names in `dir` (not recursive), sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Asserts no temporary or lock file is left in `dir`.
fn assert_nothing_left(dir: &Path) {
    let left: Vec<String> = names(dir)
        .into_iter()
        .filter(|n| (n.starts_with(".puente-") && n.ends_with(".tmp")) || n.ends_with(".lock"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// Runs puente in `dir` with English messages, `env` set and stdout going to `stdout`.
fn run_with(dir: &Path, args: &[&str], env: &[(&str, &str)], stdout: Stdio) -> Output {
    let mut c = crate::support::command(dir, args);
    c.env_remove("PUENTE_MAX_INPUT_SIZE")
        .stdout(stdout)
        .stderr(Stdio::piped());
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("puente runs")
}

#[test]
fn an_output_that_is_an_input_by_any_name_is_refused() {
    let dir = story();
    let d = dir.path();
    fs::hard_link(d.join("a.es.po"), d.join("hard.po")).unwrap();
    std::os::unix::fs::symlink("a.es.po", d.join("sym.po")).unwrap();
    std::os::unix::fs::symlink("art.md", d.join("art-link.md")).unwrap();
    let po = fs::read(d.join("a.es.po")).unwrap();
    let cases: &[(&[&str], &str)] = &[
        // The reproduced case: the work file replaced by the article, translations lost.
        (
            &["merge", "a.es.po", "-o", "a.es.po"],
            "a.es.po is the work file this command reads",
        ),
        (
            &["merge", "a.es.po", "-o", "./a.es.po"],
            "./a.es.po is the same file as the work file a.es.po",
        ),
        (
            &["merge", "a.es.po", "-o", "hard.po"],
            "hard.po is the same file as the work file a.es.po",
        ),
        (
            &["merge", "a.es.po", "-o", "sym.po"],
            "sym.po is the same file as the work file a.es.po",
        ),
        (
            &["merge", "sym.po", "-o", "a.es.po"],
            "a.es.po is the same file as the work file sym.po",
        ),
        (
            &["merge", "a.es.po", "-o", "art-link.md"],
            "art-link.md is the same file as the source article ./art.md",
        ),
        (
            &["segment", "art.md", "-o", "art-link.md"],
            "art-link.md is the same file as the source article art.md",
        ),
        (
            &["import", "art.md", "-o", "./art.md"],
            "./art.md is the same file as the input art.md",
        ),
    ];
    for (args, needle) in cases {
        let o = puente(d, args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
        assert_eq!(fs::read(d.join("a.es.po")).unwrap(), po, "{args:?}");
        assert_eq!(fs::read_to_string(d.join("art.md")).unwrap(), ARTICLE);
    }
    assert!(fs::symlink_metadata(d.join("sym.po"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_nothing_left(d);
    insta::assert_snapshot!(
        "merge_over_its_work_file",
        contract(&puente(d, &["merge", "a.es.po", "-o", "a.es.po"]), d)
    );

    // The memory a merge feeds, though not made yet, is caught by its name.
    fs::create_dir(d.join(".puente")).unwrap();
    let o = puente(d, &["merge", "a.es.po", "-o", ".puente/tm.sqlite"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the translation memory"),
        "{}",
        stderr(&o)
    );
    assert!(names(&d.join(".puente")).is_empty());

    // An export never lands on what it exports.
    let o = puente(d, &["merge", "a.es.po", "-o", "out.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let memory = fs::read(d.join(".puente/tm.sqlite")).unwrap();
    let o = puente(
        d,
        &[
            "tm",
            "export",
            "--tm",
            ".puente/tm.sqlite",
            "-o",
            "./.puente/tm.sqlite",
        ],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the translation memory"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(d.join(".puente/tm.sqlite")).unwrap(), memory);
    fs::create_dir(d.join("glossary")).unwrap();
    let terms = "[[term]]\nid = \"council\"\nen = [\"council\"]\nes = [\"concejo\"]\n";
    fs::write(d.join("glossary/terms.toml"), terms).unwrap();
    let o = puente(
        d,
        &[
            "glossary",
            "export",
            "glossary",
            "--format",
            "tsv",
            "-o",
            "glossary/terms.toml",
        ],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("glossary/terms.toml is the glossary file this command reads"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(d.join("glossary/terms.toml")).unwrap(),
        terms
    );
    assert_nothing_left(d);
}

#[test]
fn a_merge_whose_memory_step_fails_does_not_exit_0() {
    let dir = story();
    let d = dir.path();
    // A folder where the memory file should be: SQLite cannot open it.
    fs::create_dir_all(d.join(".puente/tm.sqlite")).unwrap();
    let o = puente(d, &["merge", "a.es.po", "-o", "out.md"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("tm.sqlite"), "{}", stderr(&o));
    // The article itself was written and is whole.
    assert!(fs::read_to_string(d.join("out.md"))
        .unwrap()
        .contains("THE MAYOR SPOKE ON MONDAY."));
}

#[test]
fn a_symlinked_work_file_is_updated_through_the_link() {
    let dir = story();
    let d = dir.path();
    fs::create_dir(d.join("real")).unwrap();
    fs::rename(d.join("a.es.po"), d.join("real/a.es.po")).unwrap();
    std::os::unix::fs::symlink("real/a.es.po", d.join("a.es.po")).unwrap();
    fs::write(
        d.join("art.md"),
        format!("{ARTICLE}\nA new paragraph arrives.\n"),
    )
    .unwrap();
    let o = puente(d, &["segment", "art.md", "--update", "a.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let link = fs::symlink_metadata(d.join("a.es.po")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    let real = fs::read_to_string(d.join("real/a.es.po")).unwrap();
    assert!(real.contains("A new paragraph arrives."), "{real}");
    assert!(real.contains("msgstr \"THE COUNCIL LISTENED.\""), "{real}");
    assert_nothing_left(d);
    assert_nothing_left(&d.join("real"));

    // A link to a file not written yet: the file appears where the link points.
    std::os::unix::fs::symlink("real/merged.md", d.join("out.md")).unwrap();
    let o = puente(d, &["merge", "a.es.po", "--draft", "-o", "out.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(fs::symlink_metadata(d.join("out.md"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(d.join("real/merged.md"))
        .unwrap()
        .contains("THE MAYOR SPOKE"));

    // A merged article written over an existing one through a link keeps its mode.
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(d.join("real/merged.md"), fs::Permissions::from_mode(0o640)).unwrap();
    let o = puente(d, &["merge", "a.es.po", "--draft", "-o", "out.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mode = fs::metadata(d.join("real/merged.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn devices_are_written_never_replaced() {
    require_root();
    let dir = story();
    let d = dir.path();
    let null = mknod(d, "null", 1, 3);
    let full = mknod(d, "full", 1, 7);
    let o = puente(d, &["merge", "a.es.po", "-o", "null"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(is_char_device(&null), "null was replaced by a file");
    for args in [
        &["merge", "a.es.po", "-o", "full"][..],
        &["segment", "art.md", "-o", "full"],
        &["import", "art.md", "-o", "full"],
        &["tm", "export", "-o", "full"],
    ] {
        let o = puente(d, args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot write full: no space left on the device (system error 28)"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(is_char_device(&full), "{args:?}: full was replaced");
    }
    assert_nothing_left(d);
    insta::assert_snapshot!(
        "merge_to_a_full_device",
        contract(&puente(d, &["merge", "a.es.po", "-o", "full"]), d)
    );

    // A link to this process's stdout (as /dev/stdout is): the article arrives on stdout and
    // the link stays.
    std::os::unix::fs::symlink("/proc/self/fd/1", d.join("stdout")).unwrap();
    let o = run_with(
        d,
        &["merge", "a.es.po", "-o", "stdout"],
        &[],
        Stdio::piped(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("THE MAYOR SPOKE"));
    assert!(fs::symlink_metadata(d.join("stdout"))
        .unwrap()
        .file_type()
        .is_symlink());
    // stdout appended to a file (`>> log.md`): the article is added, nothing earlier is lost.
    fs::write(d.join("log.md"), "earlier\n").unwrap();
    let log = fs::OpenOptions::new()
        .append(true)
        .open(d.join("log.md"))
        .unwrap();
    let o = run_with(
        d,
        &["merge", "a.es.po", "-o", "stdout"],
        &[],
        Stdio::from(log),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = fs::read_to_string(d.join("log.md")).unwrap();
    assert!(text.starts_with("earlier\n"), "{text}");
    assert!(text.contains("THE MAYOR SPOKE"), "{text}");
    // stdout appended to an input (`>> art.md`, `>> a.es.po`), by any name of the stream: the
    // input is named and left as it was.
    for (input, role) in [("art.md", "source article"), ("a.es.po", "work file")] {
        for stream in ["stdout", "/dev/stdout", "/proc/self/fd/1", "/dev/fd/1"] {
            let before = fs::read(d.join(input)).unwrap();
            let to = fs::OpenOptions::new()
                .append(true)
                .open(d.join(input))
                .unwrap();
            let o = run_with(d, &["merge", "a.es.po", "-o", stream], &[], Stdio::from(to));
            assert_eq!(code(&o), 2, "{stream} >> {input}: {}", stderr(&o));
            assert!(
                stderr(&o).contains(&format!("is the same file as the {role}")),
                "{stream} >> {input}: {}",
                stderr(&o)
            );
            assert_eq!(
                fs::read(d.join(input)).unwrap(),
                before,
                "{stream} >> {input}"
            );
        }
    }
}

#[test]
fn a_fifo_is_written_never_replaced() {
    let dir = story();
    let d = dir.path();
    let fifo = d.join("pipe");
    let o = Command::new("mkfifo").arg(&fifo).output().expect("mkfifo");
    assert!(o.status.success());
    let (tx, rx) = std::sync::mpsc::channel();
    let reader_path = fifo.clone();
    std::thread::spawn(move || {
        let mut s = String::new();
        fs::File::open(&reader_path)
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        let _ = tx.send(s);
    });
    let o = puente(d, &["merge", "a.es.po", "-o", "pipe"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let got = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the reader got the article");
    assert!(got.contains("THE MAYOR SPOKE ON MONDAY."), "{got}");
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_nothing_left(d);
}

#[test]
fn folders_and_sockets_are_refused_and_missing_folders_never_made() {
    let dir = story();
    let d = dir.path();
    fs::create_dir(d.join("folder")).unwrap();
    let _sock = std::os::unix::net::UnixListener::bind(d.join("sock")).unwrap();
    // A memory to export (a missing one is refused before its output is considered).
    let o = puente(d, &["tm", "add", "a.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before: Vec<String> = names(d).into_iter().filter(|n| n != ".puente").collect();
    let cases: &[(&[&str], &str)] = &[
        (
            &["merge", "a.es.po", "-o", "no/such/dir/x.md"],
            "cannot write no/such/dir/x.md: the folder no/such/dir does not exist",
        ),
        (
            &["segment", "art.md", "-o", "no/such/w.po"],
            "the folder no/such does not exist",
        ),
        (
            &["import", "art.md", "-o", "no/x.md"],
            "the folder no does not exist",
        ),
        (
            &["tm", "export", "-o", "no/x.tmx"],
            "the folder no does not exist",
        ),
        (
            &["merge", "a.es.po", "-o", "folder"],
            "cannot write folder: it is a folder",
        ),
        (
            &["merge", "a.es.po", "-o", "sock"],
            "cannot write sock: it is a socket",
        ),
        (
            &["merge", "a.es.po", "-o", "art.md/x.md"],
            "cannot write art.md/x.md",
        ),
    ];
    for (args, needle) in cases {
        let o = puente(d, args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
    }
    // Nothing appeared beside the memory, and no folder.
    let after: Vec<String> = names(d).into_iter().filter(|n| n != ".puente").collect();
    assert_eq!(after, before);
    assert!(names(&d.join("folder")).is_empty());
    let o = puente(d, &["merge", "a.es.po", "-o", "no/such/dir/x.md"]);
    assert!(stderr(&o).contains("hint: create it first (mkdir -p no/such/dir)"));
    insta::assert_snapshot!("merge_into_a_missing_folder", contract(&o, d));
    insta::assert_snapshot!(
        "merge_onto_a_folder",
        contract(&puente(d, &["merge", "a.es.po", "-o", "folder"]), d)
    );
}

#[test]
fn a_full_stdout_is_an_error_and_a_closed_pipe_is_quiet() {
    require_root();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("art.md"), ARTICLE).unwrap();
    assert_eq!(code(&puente(d, &["segment", "art.md", "-o", "a.es.po"])), 0);
    let full = mknod(d, "full", 1, 7);
    let to_full = || Stdio::from(fs::OpenOptions::new().write(true).open(&full).unwrap());
    // The QA gate's report, a split, an article: each an error when it cannot be written.
    for args in [
        &["check", "a.es.po", "--format", "json"][..],
        &["split", "art.md"],
        &["split", "--format", "json", "art.md"],
        &["merge", "a.es.po", "--draft", "-o", "-"],
        &["import", "art.md"],
        &["segment", "art.md", "-o", "-"],
        &["--help"],
    ] {
        let o = run_with(d, args, &[], to_full());
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("error: cannot write to standard output: no space left on the device (system error 28)"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    let o = run_with(d, &["check", "a.es.po", "--format", "json"], &[], to_full());
    insta::assert_snapshot!("check_json_to_a_full_stdout", contract(&o, d));

    // A reader that has gone away (EPIPE) is still no error.
    for args in [
        &["check", "a.es.po", "--format", "json"][..],
        &["split", "art.md"],
    ] {
        let mut child = Command::new(bin())
            .args(args)
            .current_dir(d)
            .env("LANG", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert!(
            !stderr(&o).contains("standard output"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_dash_is_standard_output_never_a_file_named_dash() {
    let dir = story();
    let d = dir.path();
    let cases: &[(&[&str], &str)] = &[
        (&["segment", "art.md", "-o", "-"], "msgctxt \"p.63a2ccd9\""),
        (
            &["merge", "a.es.po", "-o", "-"],
            "THE MAYOR SPOKE ON MONDAY.",
        ),
        (
            &["import", "art.md", "-o", "-"],
            "The mayor spoke on Monday.",
        ),
        (&["tm", "export", "-o", "-"], "<tmx version=\"1.4\">"),
    ];
    for (args, needle) in cases {
        let o = puente(d, args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        let data = String::from_utf8_lossy(&o.stdout);
        assert!(data.contains(needle), "{args:?}: {data}");
        assert!(!d.join("-").exists(), "{args:?} wrote a file named -");
    }
}

#[test]
fn inputs_beyond_the_limit_are_refused_without_reading_them_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let big = format!("{}\n", "One sentence here. ".repeat(200));
    fs::write(d.join("big.md"), &big).unwrap();
    fs::write(
        d.join("puente.toml"),
        "[limits]\nmax_input_size = \"2 KiB\"\n",
    )
    .unwrap();
    let o = puente(d, &["segment", "big.md"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("big.md is 3.7 KiB, more than the input limit of 2 KiB"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("raise max_input_size in the [limits] table of puente.toml"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("big.es.po").exists() && !d.join("work").exists());
    insta::assert_snapshot!("segment_beyond_the_limit", contract(&o, d));

    // Standard input is held to the same limit.
    let mut child = Command::new(bin())
        .args(["split", "-"])
        .current_dir(d)
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feed = big.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(feed.as_bytes());
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("- is larger than the input limit of 2 KiB"),
        "{}",
        stderr(&o)
    );

    // The environment variable overrides the project; a bad value is an error.
    let o = run_with(
        d,
        &["split", "big.md"],
        &[("PUENTE_MAX_INPUT_SIZE", "1MiB")],
        Stdio::piped(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run_with(
        d,
        &["split", "big.md"],
        &[("PUENTE_MAX_INPUT_SIZE", "lots")],
        Stdio::piped(),
    );
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("PUENTE_MAX_INPUT_SIZE = \"lots\" is not a size"),
        "{}",
        stderr(&o)
    );

    // A TMX import has its own, larger limit.
    let mut tmx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n\
         <header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" \
         o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n<body>\n",
    );
    for i in 0..100 {
        tmx.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>Sentence number {i} is here.</seg></tuv>\
             <tuv xml:lang=\"es\"><seg>La oración número {i} está aquí.</seg></tuv></tu>\n"
        ));
    }
    tmx.push_str("</body>\n</tmx>\n");
    assert!(tmx.len() > 4096);
    fs::write(d.join("mem.tmx"), &tmx).unwrap();
    let o = puente(d, &["tm", "import", "mem.tmx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    fs::write(
        d.join("puente.toml"),
        "[limits]\nmax_input_size = \"2 KiB\"\nmax_tmx_size = 4096\n",
    )
    .unwrap();
    let o = puente(d, &["tm", "import", "mem.tmx"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("raise max_tmx_size"), "{}", stderr(&o));
}

#[test]
fn an_endless_input_is_refused_at_the_limit() {
    require_root();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let zero = mknod(d, "zero", 1, 5);
    let start = Instant::now();
    // A zero device is binary from its first byte.
    let o = puente(d, &["split", "zero"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("zero contains a NUL byte at offset 0"),
        "{}",
        stderr(&o)
    );
    let _ = zero;
    // Endless text is refused at the limit.
    let o = Command::new("sh")
        .args(["-c", "yes | \"$PUENTE\" split"])
        .current_dir(d)
        .env("PUENTE", bin())
        .env("LANG", "C")
        .env("PUENTE_MAX_INPUT_SIZE", "64 KiB")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("- is larger than the input limit of 64 KiB"),
        "{}",
        stderr(&o)
    );
    assert!(start.elapsed() < Duration::from_secs(30));
}

/// A scratch project with the sample's work file `w.po` and a LibreTranslate engine `lt` at
/// `url`, in batches of 3 segments, one request at a time.
fn mt_project(url: &str) -> tempfile::TempDir {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "w.po"],
    );
    assert!(o.status.success());
    fs::write(
        dir.path().join("puente.toml"),
        format!(
            "[engine.lt]\nkind = \"libretranslate\"\nurl = \"{url}\"\nkey_env = \"LT_KEY\"\n\
             batch_texts = 3\nbatch_chars = 100000\nconcurrency = 1\n"
        ),
    )
    .unwrap();
    dir
}

fn translate_cmd(dir: &Path) -> Command {
    let mut c = Command::new(bin());
    c.args([
        "translate",
        "w.po",
        "--engine",
        "lt",
        "--no-cache",
        "--no-tm",
        "--format",
        "json",
    ])
    .current_dir(dir)
    .env("LANG", "C")
    .env("LT_KEY", "test-key")
    .stdin(Stdio::null());
    c
}

/// The number of translated units in the work file, if it reads.
fn translated(dir: &Path) -> Option<usize> {
    let text = fs::read_to_string(dir.join("w.po")).ok()?;
    let wf = puente::workfile::WorkFile::read(&text, puente::workfile::WorkFormat::Po).ok()?;
    Some(wf.units.iter().filter(|u| !u.target.is_empty()).count())
}

/// Waits until `done` holds, failing after 30 s.
fn wait_until(what: &str, done: impl FnMut() -> bool) {
    crate::support::wait_until(what, Duration::from_secs(30), done);
}

/// A LibreTranslate server that answers the first batch and then, while `hang` is set, takes
/// every request and never answers it.
fn hanging_server(hang: Arc<AtomicBool>) -> MtServer {
    let first = Arc::new(AtomicBool::new(true));
    MtServer::start(move |_, path, body| match path {
        "/languages" => libre_languages(),
        _ => {
            let answer = libre_translate(body, fake_translate);
            if !first.swap(false, Ordering::SeqCst) && hang.load(Ordering::SeqCst) {
                answer.after(Duration::from_secs(3600))
            } else {
                answer
            }
        }
    })
}

/// A translate run stopped by `kill KILL_ARG` while it is really mid-run: its first batch is
/// saved and its second request hangs on the server.
struct MidRun {
    dir: tempfile::TempDir,
    hang: Arc<AtomicBool>,
    server: MtServer,
    status: std::process::ExitStatus,
    err: String,
}

fn signal_mid_translation(kill_arg: &str, name: &str) -> MidRun {
    let hang = Arc::new(AtomicBool::new(true));
    let server = hanging_server(Arc::clone(&hang));
    let dir = mt_project(&server.url());
    let d = dir.path();
    let mut child = translate_cmd(d)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until("the first batch is saved", || translated(d) == Some(3));
    wait_until("the second batch is sent", || {
        server.requests("/translate").len() >= 2
    });
    assert!(d.join("w.po.lock").exists(), "the run holds its lock");
    let k = Command::new("kill")
        .arg(kill_arg)
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(k.success());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{name} did not stop the run"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    MidRun {
        dir,
        hang,
        server,
        status,
        err,
    }
}

#[test]
fn a_signal_mid_translation_leaves_a_valid_file_and_no_lock() {
    for (signal, name) in [(2, "INT"), (15, "TERM"), (1, "HUP")] {
        let run = signal_mid_translation(&format!("-{name}"), &format!("SIG{name}"));
        let (d, hang, server, status, err) =
            (run.dir.path(), &run.hang, &run.server, run.status, run.err);
        assert_eq!(status.code(), Some(128 + signal), "SIG{name}: {err}");
        assert!(
            err.contains(&format!("interrupted by SIG{name}")),
            "SIG{name}: {err}"
        );
        assert_nothing_left(d);
        assert_eq!(translated(d), Some(3), "SIG{name}: the saved batch is kept");

        // The next run sends only what is missing.
        hang.store(false, Ordering::SeqCst);
        let before = server.requests("/translate").len();
        let o = translate_cmd(d).output().unwrap();
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let summary: Value =
            serde_json::from_str(String::from_utf8_lossy(&o.stdout).lines().next().unwrap())
                .unwrap();
        assert_eq!(summary["sent"].as_u64(), Some(51), "SIG{name}");
        let later: usize = server.requests("/translate")[before..]
            .iter()
            .map(|b| {
                serde_json::from_str::<Value>(b).unwrap()["q"]
                    .as_array()
                    .unwrap()
                    .len()
            })
            .sum();
        assert_eq!(later, 51, "SIG{name}: only what was missing is sent again");
        assert_eq!(translated(d), Some(54));
        assert_nothing_left(d);
    }
}

#[test]
fn an_interrupted_run_says_so_in_spanish_too() {
    let hang = Arc::new(AtomicBool::new(true));
    let server = hanging_server(Arc::clone(&hang));
    let dir = mt_project(&server.url());
    let d = dir.path();
    let child = translate_cmd(d)
        .env("LANG", "es_MX.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until("the first batch is saved", || translated(d) == Some(3));
    let k = Command::new("kill")
        .arg("-INT")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(k.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 130);
    assert!(
        stderr(&o).contains("interrumpido por SIGINT"),
        "{}",
        stderr(&o)
    );
}

/// The system calls of one run, through strace: each line names its file descriptors' paths.
fn traced(dir: &Path, args: &[&str]) -> String {
    assert!(
        crate::support::require("strace"),
        "strace is not installed: apt-get install strace"
    );
    let trace = dir.join("trace.txt");
    let o = Command::new("strace")
        .args([
            "-f",
            "-y",
            "-e",
            "trace=fsync,fdatasync,rename,renameat,renameat2",
        ])
        .arg("-o")
        .arg(&trace)
        .arg(bin())
        .args(args)
        .current_dir(dir)
        .env("LANG", "C")
        .stdin(Stdio::null())
        .output()
        .expect("strace runs");
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    let t = fs::read_to_string(&trace).unwrap();
    fs::remove_file(trace).unwrap();
    t
}

#[test]
fn a_translators_work_is_on_disk_before_the_write_counts() {
    let dir = story();
    let d = dir.path();
    let real = fs::canonicalize(d).unwrap().to_string_lossy().into_owned();
    // Rewriting an existing work file (segment over it, segment --update, translate) is the
    // write that carries translations.
    assert!(d.join("a.es.po").is_file());
    for (args, name) in [
        (&["segment", "art.md", "-o", "a.es.po"][..], "a.es.po"),
        (&["segment", "art.md", "--update", "a.es.po"], "a.es.po"),
    ] {
        let t = traced(d, args);
        let lines: Vec<&str> = t.lines().collect();
        let rename = lines
            .iter()
            .position(|l| l.contains("rename") && l.contains(&format!("{name}\")")))
            .unwrap_or_else(|| panic!("{args:?}: no rename in\n{t}"));
        // The temporary file is synced before it is renamed, and its folder after.
        assert!(
            lines[..rename]
                .iter()
                .any(|l| l.contains("fsync(") && l.contains("/.puente-")),
            "{args:?}: the file is not synced before the rename:\n{t}"
        );
        assert!(
            lines[rename..]
                .iter()
                .any(|l| l.contains("fsync(") && l.contains(&format!("<{real}>)"))),
            "{args:?}: the folder is not synced after the rename:\n{t}"
        );
    }
}

#[test]
fn a_full_disk_leaves_the_old_file_whole_and_no_temporary_file() {
    require_root();
    let dir = story();
    let d = dir.path();
    fs::create_dir(d.join("small")).unwrap();
    // A private mount namespace: the tiny file system is seen by this script alone and goes
    // away with it, whatever happens.
    let script = r#"
        set -e
        mount -t tmpfs -o size=64k tmpfs small
        cd small
        cp ../art.md ../a.es.po .
        printf 'old article\n' > out.md
        cp a.es.po before.po
        yes 'fill the disk' > filler 2>/dev/null || true
        set +e
        "$PUENTE" merge a.es.po -o out.md
        echo "merge exit $?"
        "$PUENTE" segment art.md -o a.es.po
        echo "segment exit $?"
        ls -A
        cat out.md
        cmp -s a.es.po before.po && echo "work file intact"
    "#;
    let o = Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .current_dir(d)
        .env("PUENTE", bin())
        .env("LANG", "C")
        .stdin(Stdio::null())
        .output()
        .expect("unshare runs");
    let out = String::from_utf8_lossy(&o.stdout);
    let err = stderr(&o);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("merge exit 2"), "{out}\n{err}");
    assert!(out.contains("segment exit 2"), "{out}\n{err}");
    assert!(
        err.contains("cannot write out.md: no space left on the device (system error 28)"),
        "{err}"
    );
    assert!(
        err.contains("cannot write a.es.po: no space left on the device (system error 28)"),
        "{err}"
    );
    assert!(!out.contains(".puente-"), "a temporary file is left: {out}");
    assert!(out.contains("old article"), "{out}");
    assert!(out.contains("work file intact"), "{out}");
}

/// Runs puente in `dir` as the unprivileged user nobody (uid and gid 65534, no groups), with
/// English messages: permission bits are judged for nobody as the kernel judges them.
fn as_nobody(dir: &Path, args: &[&str]) -> Output {
    require_root();
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin())
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("PUENTE_UI_LANG")
        .env_remove("PUENTE_MAX_INPUT_SIZE")
        .env("LANG", "C")
        .env("HOME", dir)
        .stdin(Stdio::null())
        .output()
        .expect("setpriv runs")
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
}

/// The story's folder, reachable by nobody: the tempdir itself is private to root.
fn story_for_nobody() -> tempfile::TempDir {
    let dir = story();
    chmod(dir.path(), 0o755);
    for name in names(dir.path()) {
        chmod(&dir.path().join(name), 0o644);
    }
    dir
}

#[test]
fn a_file_we_may_not_write_is_refused_not_replaced() {
    let dir = story_for_nobody();
    let d = dir.path();
    // The folder lets nobody make and rename files: only the file's own bits say no, and a
    // rename through the folder would have replaced it (as it did).
    chmod(d, 0o777);
    fs::write(d.join("out.md"), "old\n").unwrap();
    chmod(&d.join("out.md"), 0o444);
    let o = as_nobody(d, &["merge", "a.es.po", "-o", "out.md"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot write out.md: its permissions do not allow"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("chmod u+w out.md"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(d.join("out.md")).unwrap(), "old\n");
    fs::write(d.join("art.md"), format!("{ARTICLE}\nA new paragraph.\n")).unwrap();
    chmod(&d.join("art.md"), 0o644);
    let before = fs::read(d.join("a.es.po")).unwrap();
    chmod(&d.join("a.es.po"), 0o444);
    let o = as_nobody(d, &["segment", "art.md", "--update", "a.es.po"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot write a.es.po: its permissions do not allow"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(d.join("a.es.po")).unwrap(), before);
    assert_nothing_left(d);
    // Root may write it, as the kernel says: the same command succeeds.
    let o = puente(d, &["segment", "art.md", "--update", "a.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn a_writable_file_in_a_folder_we_may_not_write_is_written_in_place() {
    let dir = story_for_nobody();
    let d = dir.path();
    // The project folder is open (the memory goes in it); the output folder `ro` is root's,
    // 0755: nobody cannot make a temporary file in it, but may write `ro/out.md`.
    chmod(d, 0o777);
    fs::create_dir(d.join("ro")).unwrap();
    chmod(&d.join("ro"), 0o755);
    fs::write(d.join("ro/out.md"), "old\n").unwrap();
    chmod(&d.join("ro/out.md"), 0o666);
    let o = as_nobody(d, &["merge", "a.es.po", "-o", "ro/out.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = fs::read_to_string(d.join("ro/out.md")).unwrap();
    assert!(out.contains("THE MAYOR SPOKE ON MONDAY."), "{out}");
    assert!(!out.contains("old"), "{out}");
    // Shorter contents than before leave no tail of the old file.
    fs::write(d.join("ro/out.md"), "x".repeat(10_000)).unwrap();
    let o = as_nobody(d, &["merge", "a.es.po", "-o", "ro/out.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!fs::read_to_string(d.join("ro/out.md"))
        .unwrap()
        .contains("xxx"));
    assert_eq!(names(&d.join("ro")), ["out.md"]);
    // A new file there cannot be made: the error names the file and the folder, never a
    // temporary file, in the user's language.
    let o = as_nobody(d, &["merge", "a.es.po", "-o", "ro/new.md"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("cannot write ro/new.md: the folder ro"),
        "{err}"
    );
    assert!(
        !err.contains(".puente-") && !err.contains("os error"),
        "{err}"
    );
    let o = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin())
        .args(["merge", "a.es.po", "-o", "ro/new.md"])
        .current_dir(d)
        .env("PUENTE_UI_LANG", "es-MX")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("no se puede escribir ro/new.md"),
        "{}",
        stderr(&o)
    );
    assert_eq!(names(&d.join("ro")), ["out.md"]);
}

#[test]
fn a_bind_mounted_work_file_is_written_in_place() {
    require_root();
    let dir = story();
    let d = dir.path();
    // As `docker -v story.es.po:/work/w.po` does: a file mounted over another, which rename
    // cannot replace (EBUSY). A private mount namespace keeps the mount to this script.
    let script = r#"
        set -e
        cp a.es.po real.po
        : > w.po
        printf 'old\n' > real.md
        : > bound.md
        mount --bind real.po w.po
        mount --bind real.md bound.md
        set +e
        "$PUENTE" merge a.es.po -o bound.md
        echo "merge exit $?"
        printf '\nA new paragraph.\n' >> art.md
        "$PUENTE" segment art.md --update w.po
        echo "segment exit $?"
        ls -A
    "#;
    let o = Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .current_dir(d)
        .env("PUENTE", bin())
        .env("LANG", "C")
        .stdin(Stdio::null())
        .output()
        .expect("unshare runs");
    let out = String::from_utf8_lossy(&o.stdout);
    let err = stderr(&o);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("segment exit 0"), "{out}\n{err}");
    assert!(out.contains("merge exit 0"), "{out}\n{err}");
    assert!(!out.contains(".puente-"), "a temporary file is left: {out}");
    let po = fs::read_to_string(d.join("real.po")).unwrap();
    assert!(po.contains("A new paragraph."), "{po}");
    let md = fs::read_to_string(d.join("real.md")).unwrap();
    assert!(md.contains("THE MAYOR SPOKE ON MONDAY."), "{md}");
}

#[test]
fn paths_in_suggested_commands_are_quoted_for_the_shell() {
    let dir = story();
    let d = dir.path();
    let o = puente(d, &["merge", "a.es.po", "-o", "new dir/out.md"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("mkdir -p 'new dir'"), "{}", stderr(&o));
    fs::write(d.join("my file.md"), b"caf\xe9 con leche\n").unwrap();
    let o = puente(d, &["segment", "my file.md"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("-t UTF-8 'my file.md' > fixed.txt"),
        "{}",
        stderr(&o)
    );
    // A name the shell takes as it is stays as it is.
    let o = puente(d, &["merge", "a.es.po", "-o", "gone/out.md"]);
    assert!(stderr(&o).contains("(mkdir -p gone)"), "{}", stderr(&o));
}

#[test]
fn a_full_disk_leaves_the_old_edition_whole() {
    require_root();
    let dir = story();
    let d = dir.path();
    fs::create_dir(d.join("small")).unwrap();
    // On tmpfs each page of the old edition takes one page of memory, the new Spanish HTML
    // page two: with two pages free, writing the pages one by one once replaced the Spanish
    // page (the English one freed its own page first) and then failed on the bilingual one,
    // leaving an edition half new and half old.
    let script = r#"
        set -e
        mount -t tmpfs -o size=128k tmpfs small
        cd small
        cp ../art.md ../a.es.po .
        "$PUENTE" publish art.md a.es.po --out site > /dev/null
        find site -type f | sort | xargs md5sum > ../before.txt
        long=$(printf 'NEW %.0s' $(seq 375))
        sed -i "s/^msgstr \"THE /msgstr \"$long/" a.es.po
        head -c 8192 /dev/zero > gap
        yes 'fill the disk' > filler 2>/dev/null || true
        rm gap
        set +e
        "$PUENTE" publish art.md a.es.po --out site
        echo "publish exit $?"
        find site -type f | sort | xargs md5sum > ../after.txt
        find . -name '.puente-*'
    "#;
    let o = Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .current_dir(d)
        .env("PUENTE", bin())
        .env("LANG", "C")
        .stdin(Stdio::null())
        .output()
        .expect("unshare runs");
    let out = String::from_utf8_lossy(&o.stdout);
    let err = stderr(&o);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("publish exit 2"), "{out}\n{err}");
    assert!(
        err.contains("no space left on the device (system error 28)"),
        "{err}"
    );
    assert!(!out.contains(".puente-"), "a temporary file is left: {out}");
    let before = fs::read_to_string(d.join("before.txt")).unwrap();
    // The story's seven files, its record, the index's three front pages, its undated
    // archive pages and its cache (the folder's lock file goes with the lock).
    assert_eq!(before.lines().count(), 14, "{before}");
    assert_eq!(fs::read_to_string(d.join("after.txt")).unwrap(), before);
}

#[test]
fn a_zero_device_is_refused_at_its_first_byte() {
    require_root();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mknod(d, "zero", 1, 5);
    // 256 MiB of address space: buffering toward the 4 GiB TMX limit cannot fit, so a run
    // that reads before it checks dies or fails on memory, never with the NUL message.
    let started = Instant::now();
    let o = Command::new("sh")
        .args([
            "-c",
            "ulimit -v 262144 && exec \"$PUENTE\" tm import zero --tm m.sqlite",
        ])
        .current_dir(d)
        .env("PUENTE", bin())
        .env("LANG", "C")
        .env_remove("PUENTE_UI_LANG")
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("zero contains a NUL byte at offset 0"),
        "{}",
        stderr(&o)
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    // Standard input too.
    let zero = fs::File::open(d.join("zero")).unwrap();
    let o = Command::new("sh")
        .args([
            "-c",
            "ulimit -v 262144 && exec \"$PUENTE\" tm import - --tm m.sqlite",
        ])
        .current_dir(d)
        .env("PUENTE", bin())
        .env("LANG", "C")
        .stdin(zero)
        .output()
        .expect("sh runs");
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("NUL byte at offset 0"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_work_file_puente_writes_it_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let limit = [("PUENTE_MAX_INPUT_SIZE", "64 KiB")];
    let piped = Stdio::piped;
    // 16 KB of one-word sentences: a PO of about 400 KB, six times the input limit.
    fs::write(d.join("art.md"), format!("{}\n", "No! ".repeat(4000))).unwrap();
    let o = run_with(d, &["segment", "art.md", "-o", "a.es.po"], &limit, piped());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let size = fs::metadata(d.join("a.es.po")).unwrap().len();
    assert!(size > 64 * 1024, "{size}");
    for args in [
        &["check", "a.es.po"][..],
        &["segment", "art.md", "--update", "a.es.po"][..],
        &["merge", "a.es.po", "-o", "out.md"][..],
    ] {
        let o = run_with(d, args, &limit, piped());
        assert!(!stderr(&o).contains("limit"), "{args:?}: {}", stderr(&o));
        assert_ne!(code(&o), 2, "{args:?}: {}", stderr(&o));
    }
    // An article within the limit whose work file would be beyond eight times it: the work
    // file is not written, rather than written and then refused by every command.
    fs::write(d.join("big.md"), format!("{}\n", "No! ".repeat(15_000))).unwrap();
    let o = run_with(
        d,
        &["segment", "big.md", "-o", "big.es.po"],
        &limit,
        piped(),
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot write big.es.po: the work file would be larger than 512 KiB"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("big.es.po").exists());
    assert_nothing_left(d);
}

#[test]
fn every_signal_that_would_end_the_run_cleans_up_first() {
    // SIGRTMIN+2 is 36 with glibc (SIGRTMIN is 34).
    for (signal, name) in [
        (10, "SIGUSR1"),
        (12, "SIGUSR2"),
        (14, "SIGALRM"),
        (3, "SIGQUIT"),
        (26, "SIGVTALRM"),
        (36, "SIGRTMIN+2"),
    ] {
        let run = signal_mid_translation(&format!("-{signal}"), name);
        let (d, hang, status, err) = (run.dir.path(), &run.hang, run.status, run.err);
        assert_eq!(status.code(), Some(128 + signal), "{name}: {err}");
        assert!(err.contains(&format!("interrupted by {name}")), "{err}");
        assert_nothing_left(d);
        assert_eq!(translated(d), Some(3), "{name}: the saved batch is kept");
        hang.store(false, Ordering::SeqCst);
    }
}

#[test]
fn an_empty_size_variable_is_unset() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("art.md"), ARTICLE).unwrap();
    let o = run_with(
        d,
        &["segment", "art.md", "-o", "a.es.po"],
        &[("PUENTE_MAX_INPUT_SIZE", "")],
        Stdio::piped(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn system_errors_are_told_in_the_readers_language() {
    require_root();
    let dir = story();
    let d = dir.path();
    mknod(d, "full", 1, 7);
    let o = puente(d, &["--ui-lang", "es-MX", "merge", "a.es.po", "-o", "full"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("no queda espacio en el dispositivo (error del sistema 28)"),
        "{err}"
    );
    assert!(
        !err.contains("No space") && !err.contains("os error"),
        "{err}"
    );
    let o = puente(
        d,
        &[
            "--ui-lang",
            "es-MX",
            "merge",
            "a.es.po",
            "-o",
            "a.es.po/x.md",
        ],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(!stderr(&o).contains("Not a directory"), "{}", stderr(&o));
}
