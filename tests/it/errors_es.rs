//! Issue 12: every error path a user can reach, run with the Spanish UI. Each must say
//! `error:` and no English sentence: a foreign library's own words may appear only on a
//! `Causa:` line (`Caused by:` in English) under puente's message.

use std::path::Path;
use std::process::Output;

use crate::mtserver::{libre_languages, Answer, MtServer};
use crate::support::{code, command, fixtures, scratch_with};

/// Words that are English and not Spanish, as whole words ("error" is both, so it is not here).
const ENGLISH: &[&str] = &[
    "the",
    "not",
    "expected",
    "allowed",
    "invalid",
    "failed",
    "cannot",
    "does",
    "is",
    "was",
    "must",
    "file",
    "found",
    "unknown",
    "answer",
    "answered",
    "refused",
    "within",
    "missing",
    "unexpected",
    "with",
    "and",
    "of",
    "only",
    "wrong",
    "type",
    "value",
    "ends",
    "before",
    "closed",
    "element",
    "reference",
    "connect",
    "connection",
    "server",
    "request",
    "valid",
    "line",
    "column",
    "needs",
    "offered",
    "returned",
    "sent",
];

/// `puente ARGS` in `dir` with the Spanish UI (by flag, and by LANG for good measure).
fn puente_es(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = command(dir, &[&["--ui-lang", "es-MX"], args].concat());
    c.env("LANG", "es_MX.UTF-8");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("puente runs")
}

/// `text` without its causes: `Causa:` lines, and a line's end from `; Causa:` (a table
/// row or a JSON field holds the error on one line).
fn without_causes(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("Causa:"))
        .map(|l| l.split("; Causa:").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The English words in `text` outside its `Causa:` lines, and outside paths and URLs.
fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in without_causes(text).lines() {
        for word in line.split_whitespace() {
            // Paths, URLs, file names and XML element names hold whatever their owner chose.
            if word.contains(['/', '<', '>']) || word.contains('.') && word.len() > 4 {
                continue;
            }
            for w in word.split(|c: char| !c.is_alphanumeric()) {
                let w = w.to_lowercase();
                if ENGLISH.contains(&w.as_str()) && !found.contains(&w) {
                    found.push(w);
                }
            }
        }
    }
    found
}

/// Asserts that a run failed (exit 2), said `error:` and no English outside its causes,
/// and did not show `old`, the English text this error had before issue 12.
fn assert_spanish(case: &str, o: &Output, old: &[&str]) {
    let err = String::from_utf8_lossy(&o.stderr);
    let out = String::from_utf8_lossy(&o.stdout);
    let all = format!("{out}{err}");
    assert_eq!(code(o), 2, "{case}: exit code\n{all}");
    assert!(err.contains("error: "), "{case}: no error line\n{all}");
    let english = english_words(&all);
    assert!(english.is_empty(), "{case}: English {english:?}\n{all}");
    for o in old {
        assert!(
            !without_causes(&all).contains(o),
            "{case}: still says {o:?}\n{all}"
        );
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

const XLIFF_HEAD: &str = "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"es\">\n<file id=\"f\">\n";

#[test]
fn work_file_errors_are_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let unit = "<unit id=\"u1\"><segment id=\"s1\"><source>Hello.</source></segment></unit>\n";
    let cases: Vec<(&str, String, &[&str])> = vec![
        (
            "doctype.xlf",
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"boom\">]>\n{}",
                &XLIFF_HEAD[22..]
            ) + unit
                + "</file></xliff>\n",
            &["DOCTYPE refused", "DOCTYPE declarations"],
        ),
        (
            "mismatch.xlf",
            format!("{XLIFF_HEAD}{unit}</unit></xliff>\n"),
            &["expecting"],
        ),
        (
            "cut.xlf",
            format!("{XLIFF_HEAD}{unit}"),
            &["ends before"],
        ),
        (
            "entity.xlf",
            format!(
                "{XLIFF_HEAD}<unit id=\"u1\"><segment id=\"s1\"><source>A&nbsp;b</source></segment></unit>\n</file></xliff>\n"
            ),
            &["nbsp;`", "unrecognized"],
        ),
        (
            "control.xlf",
            format!(
                "{XLIFF_HEAD}<unit id=\"u1\"><segment id=\"s1\"><source>a&#x1b;b</source></segment></unit>\n</file></xliff>\n"
            ),
            &["not allowed in XML"],
        ),
        (
            "noroot.xlf",
            "<?xml version=\"1.0\"?>\n<other/>\n".to_string(),
            &["no <xliff> element"],
        ),
        (
            "bad.po",
            "msgid \"Hello\nmsgstr \"\"\n".to_string(),
            &[],
        ),
    ];
    for (name, text, old) in &cases {
        write(d, name, text);
        let o = puente_es(d, &["check", name], &[]);
        assert_spanish(name, &o, old);
    }
    // A file that is not there, and a folder without work files (for status; check finds
    // nothing to check there and succeeds, issue 16).
    let o = puente_es(d, &["check", "missing.po"], &[]);
    assert_spanish("missing", &o, &["does not exist"]);
    std::fs::create_dir(d.join("empty")).unwrap();
    let o = puente_es(d, &["status", "empty"], &[]);
    assert_spanish("folder", &o, &["no work files"]);
}

#[test]
fn interchange_errors_are_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "bomb.tbx",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY a \"aaaa\">]>\n<martif>&a;</martif>\n",
    );
    write(d, "notbx.tbx", "<?xml version=\"1.0\"?>\n<other/>\n");
    write(
        d,
        "broken.tbx",
        "<martif><text><body><termEntry></langSet></body></text></martif>\n",
    );
    write(d, "nolang.csv", "id,note\nx,y\n");
    for (name, old) in [
        ("bomb.tbx", &["DOCTYPE refused"][..]),
        ("notbx.tbx", &["not a TBX document"][..]),
        ("broken.tbx", &["expecting"][..]),
        ("nolang.csv", &["names no language column"][..]),
    ] {
        let o = puente_es(d, &["glossary", "import", name, "-o", "g.toml"], &[]);
        assert_spanish(name, &o, old);
    }
    write(
        d,
        "xxe.tmx",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<tmx>&x;</tmx>\n",
    );
    write(d, "notmx.tmx", "<?xml version=\"1.0\"?>\n<other/>\n");
    write(
        d,
        "cut.tmx",
        "<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"en\"><seg>a</seg></tuv>",
    );
    for (name, old) in [
        ("xxe.tmx", &["DOCTYPE refused"][..]),
        ("notmx.tmx", &["not a TMX document"][..]),
        ("cut.tmx", &["ends before"][..]),
    ] {
        let o = puente_es(d, &["tm", "import", name, "--tm", "m.sqlite"], &[]);
        assert_spanish(name, &o, old);
    }
    // A memory that is not a database: SQLite's words only as the cause.
    write(d, "junk.sqlite", &"not a database at all ".repeat(400));
    let o = puente_es(
        d,
        &["tm", "import", "notmx.tmx", "--tm", "junk.sqlite"],
        &[],
    );
    // The TMX is refused first; the memory is reached through export.
    assert_spanish("notmx.tmx again", &o, &[]);
    let o = puente_es(d, &["tm", "export", "--tm", "junk.sqlite"], &[]);
    assert_spanish("junk.sqlite", &o, &["cannot be used"]);
}

#[test]
fn settings_errors_are_in_spanish_for_every_command() {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let d = dir.path();
    let o = puente_es(d, &["segment", "drone-strikes.en.md", "-o", "w.po"], &[]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let cases: [(&str, &str, &[&str]); 8] = [
        (
            "fancy quotes",
            "[check]\nquote_style = \"fancy\"\n",
            &["expected \"angular\" or \"curly\""],
        ),
        (
            "number locale",
            "[check]\nnumber_locale = \"fr-FR\"\n",
            &["expected \"es-MX\""],
        ),
        (
            "rule level",
            "[check.rules]\nfuzzy = \"loud\"\n",
            &["expected \"error\""],
        ),
        (
            "unknown key",
            "[project]\ntargte = \"es\"\n",
            &["unknown field"],
        ),
        (
            "wrong type",
            "[tm]\nfuzzy_threshold = \"high\"\n",
            &["invalid type"],
        ),
        ("not toml", "[project\n", &["invalid table header"]),
        (
            "engine timeout",
            "[engine.x]\nkind = \"apy\"\nurl = \"http://localhost:1\"\ntimeout = 0\n",
            &["must be a number of seconds"],
        ),
        (
            "bad size",
            "[limits]\nmax_input_size = \"big\"\n",
            &["expected a size"],
        ),
    ];
    for (case, toml, old) in cases {
        write(d, "puente.toml", toml);
        // Every command refuses the file, not only the one whose section it is.
        for args in [&["check", "w.po"][..], &["status"][..]] {
            let o = puente_es(d, args, &[]);
            assert_spanish(&format!("{case} ({})", args[0]), &o, old);
        }
    }
}

/// A scratch project with a work file and an engine `lt` at `url` that gives up at once.
fn engine_project(url: &str) -> tempfile::TempDir {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = command(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "w.po"],
    )
    .output()
    .unwrap();
    assert!(o.status.success());
    write(
        dir.path(),
        "puente.toml",
        &format!(
            "[engine.lt]\nkind = \"libretranslate\"\nurl = \"{url}\"\nkey_env = \"LT_KEY\"\n\
             retries = 0\ntimeout = 5\nconnect_timeout = 2\n"
        ),
    );
    dir
}

#[test]
fn engine_errors_are_in_spanish() {
    let key = [("LT_KEY", "sk-never-shown-1234567890")];
    // 401 and 500 from the translation, garbage where JSON belongs at the probe.
    for (case, status, body, old) in [
        (
            "401",
            401,
            r#"{"error":"Invalid API key"}"#,
            &["HTTP 401: "][..],
        ),
        ("500", 500, r#"{"error":"internal"}"#, &["HTTP 500: "][..]),
    ] {
        let server = MtServer::start(move |_, path, _| match path {
            "/languages" => libre_languages(),
            _ => Answer::status(status, body),
        });
        let dir = engine_project(&server.url());
        let o = puente_es(dir.path(), &["translate", "w.po", "--engine", "lt"], &key);
        assert_spanish(case, &o, old);
        assert!(
            !String::from_utf8_lossy(&o.stderr).contains(key[0].1),
            "{case}: the key shows"
        );
    }
    let server = MtServer::start(|_, _, _| Answer::ok("<html>surprise</html>".into()));
    let dir = engine_project(&server.url());
    let o = puente_es(dir.path(), &["translate", "w.po", "--engine", "lt"], &key);
    assert_spanish("garbage JSON", &o, &["unexpected answer", "invalid JSON"]);
    let o = puente_es(dir.path(), &["engines"], &key);
    // `engines` reports each engine and exits 1 when one fails: its text is the error's.
    let all = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(english_words(&all).is_empty(), "engines: {all}");
    assert!(
        all.lines()
            .any(|l| l.starts_with("lt\t") && l.contains("; Causa: ")),
        "engines: one row per engine, its cause on it\n{all}"
    );
    assert!(!all.contains("unexpected answer"), "engines: {all}");
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = engine_project(&format!("http://127.0.0.1:{port}"));
    let o = puente_es(dir.path(), &["translate", "w.po", "--engine", "lt"], &key);
    assert_spanish(
        "dead port",
        &o,
        &["error sending request", "Connection refused"],
    );
}

/// clap's own words, which its errors and help print in English whatever the UI says.
const CLAP_ENGLISH: &[&str] = &[
    "required",
    "requires",
    "provided",
    "supplied",
    "subcommand",
    "subcommands",
    "argument",
    "arguments",
    "possible",
    "values",
    "tip",
    "similar",
    "exists",
    "information",
    "try",
    "usage",
    "for",
    "more",
    "but",
    "none",
    "used",
    "times",
    "multiple",
    "unrecognized",
    "following",
];

/// Argument placeholders as the English help writes them.
const ENGLISH_PLACEHOLDERS: &[&str] = &[
    "ARTICLE",
    "WORKFILE",
    "FILE",
    "PATH",
    "DIR",
    "OUT",
    "NAME",
    "RULE",
    "COMMAND",
    "YYYY",
    "SCRAPED",
    "TRANSLATED_ARTICLE",
];

/// The English placeholders in `text` (whole words, so ARCHIVO is not FILE).
fn english_placeholders(text: &str) -> Vec<&'static str> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    ENGLISH_PLACEHOLDERS
        .iter()
        .copied()
        .filter(|p| words.contains(p))
        .collect()
}

/// Every kind of usage error clap finds (issue 12: they were clap's English, and
/// `puente --ui-lang es-MX` alone said "'puente' requires a subcommand"): in Spanish, as
/// `error:`, the command's usage line and a `sugerencia:` that names its `--help`, exit 2.
#[test]
fn usage_errors_are_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: &[(&[&str], &str)] = &[
        (&[], "puente --help"),
        (&["--bogus"], "puente --help"),
        (&["trnslate"], "puente --help"),
        (&["tm"], "puente tm --help"),
        (&["segment"], "puente segment --help"),
        (&["split", "a.md", "b.md"], "puente split --help"),
        (&["segment", "a.md", "--to"], "puente segment --help"),
        (&["segment", "a.md", "--to", "fr"], "puente segment --help"),
        (
            &["segment", "a.md", "--format", "docx"],
            "puente segment --help",
        ),
        (
            &["segment", "a.md", "--to", "en", "--to", "es"],
            "puente segment --help",
        ),
        (
            &["segment", "a.md", "-o", "x.po", "--update", "y.po"],
            "puente segment --help",
        ),
        (&["check", "--formt", "json"], "puente check --help"),
        (&["check", "--format", "xml"], "puente check --help"),
        (
            &["glossary", "export", "--format", "pdf"],
            "puente glossary export --help",
        ),
        (&["tm", "import"], "puente tm import --help"),
    ];
    for (args, help) in cases {
        let o = puente_es(d, args, &[]);
        let case = format!("puente --ui-lang es-MX {}", args.join(" "));
        assert_spanish(
            &case,
            &o,
            &[
                "requires a subcommand",
                "unexpected argument",
                "invalid value",
                "required arguments were not provided",
                "a value is required",
                "cannot be used",
                "unrecognized subcommand",
                "For more information",
                "Usage:",
                "tip:",
            ],
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.stdout.is_empty(), "{case}: data on stdout");
        assert!(err.starts_with("error: "), "{case}\n{err}");
        assert!(
            err.contains("\nUso: puente"),
            "{case}: no usage line\n{err}"
        );
        let hint = err.lines().last().unwrap_or_default();
        assert!(
            hint.starts_with("sugerencia: ") && hint.ends_with(help),
            "{case}: the hint names {help}\n{err}"
        );
        let english: Vec<_> = err
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| CLAP_ENGLISH.contains(&w.to_lowercase().as_str()))
            .collect();
        assert!(english.is_empty(), "{case}: English {english:?}\n{err}");
        let placeholders = english_placeholders(&err);
        assert!(
            placeholders.is_empty(),
            "{case}: English placeholders {placeholders:?}\n{err}"
        );
    }
}

/// The help in Spanish names its arguments in Spanish (issue 12: `[paths]`, `<file>` and
/// `--explain <RULE>` beside "REGLA"), in the usage lines and in the lists alike.
#[test]
fn help_placeholders_are_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        &["--help"][..],
        &["import", "--help"],
        &["split", "--help"],
        &["segment", "--help"],
        &["merge", "--help"],
        &["publish", "--help"],
        &["translate", "--help"],
        &["status", "--help"],
        &["check", "--help"],
        &["tm", "--help"],
        &["tm", "add", "--help"],
        &["tm", "export", "--help"],
        &["tm", "import", "--help"],
        &["glossary", "--help"],
        &["glossary", "lint", "--help"],
        &["glossary", "export", "--help"],
        &["glossary", "import", "--help"],
    ] {
        let o = puente_es(dir.path(), command, &[]);
        let help = String::from_utf8_lossy(&o.stdout);
        assert_eq!(code(&o), 0, "{command:?}\n{help}");
        let placeholders = english_placeholders(&help);
        assert!(
            placeholders.is_empty(),
            "{command:?}: English placeholders {placeholders:?}\n{help}"
        );
        // clap's default placeholder is the argument's lowercase id: `[paths]`, `<file>`.
        for id in [
            "<article>",
            "<workfile>",
            "<file>",
            "[paths]",
            "[path]",
            "[input]",
            "<input>",
        ] {
            assert!(!help.contains(id), "{command:?}: {id}\n{help}");
        }
    }
}

#[test]
fn resolver_pairing_and_glossary_errors_are_in_spanish() {
    // The errors of the one language resolver, of pairing two articles in publish, and of a
    // glossary language puente does not know: before, pairing and the glossary's language
    // were English text inside a Spanish line.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let po = "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\"X-Source-Language: es\\n\"\n\nmsgid \"Hola.\"\nmsgstr \"Hello.\"\n";
    write(d, "w.po", po);
    write(d, "pt.po", &po.replace("Language: en", "Language: pt"));
    write(d, "undeclared.po", "msgid \"Hola.\"\nmsgstr \"Hello.\"\n");
    write(d, "story.es.md", "---\nlang: en\n---\n\nHola a todos.\n");
    write(d, "a.en.md", "---\nlang: en\n---\n\nOne.\n\nTwo.\n");
    write(d, "a.es.md", "---\nlang: es\n---\n\nUno.\n");
    std::fs::create_dir(d.join("g")).unwrap();
    write(
        d,
        "g/terms.toml",
        "[[term]]\nid = \"x\"\nen = [\"x\"]\nfr = [\"x\"]\n",
    );
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "flag",
            &["tm", "add", "w.po", "--from", "en"],
            &["contradicts"],
        ),
        ("header", &["check", "pt.po"], &["does not translate"]),
        ("undeclared", &["check", "undeclared.po"], &["does not say"]),
        ("mismatch", &["segment", "story.es.md"], &["file name says"]),
        (
            "unpaired",
            &["publish", "a.en.md", "a.es.md"],
            &["blocks and the translation"],
        ),
        (
            "glossary",
            &["check", "w.po", "--glossary", "g"],
            &["unknown language code"],
        ),
    ];
    for (case, args, old) in cases {
        let o = puente_es(d, args, &[]);
        assert_spanish(case, &o, old);
    }
}

/// An engine program that fails or writes nothing (issue 13) is an error in Spanish, the
/// program's own complaint on its `Causa:` line.
#[test]
fn engine_program_errors_are_in_spanish() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, body) in [
        ("mute", "cat >/dev/null; echo 'locale not valid' >&2"),
        (
            "broken",
            "cat >/dev/null; echo 'lt-proc: no such mode' >&2; exit 3",
        ),
    ] {
        let script = d.join(name);
        write(
            d,
            name,
            &format!("#!/bin/sh\nif [ \"$1\" = -l ]; then echo eng-spa; exit 0; fi\n{body}\n"),
        );
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    write(
        d,
        "puente.toml",
        "[engine.mute]\nkind = \"apertium\"\nprogram = \"./mute\"\n\
         [engine.broken]\nkind = \"apertium\"\nprogram = \"./broken\"\n",
    );
    std::fs::create_dir(d.join("glossary")).unwrap();
    for engine in ["mute", "broken"] {
        write(
            d,
            "w.po",
            "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\
             \"Language: es\\n\"\n\"X-Source-Language: en\\n\"\n\n\
             msgctxt \"p.1\"\nmsgid \"Good morning.\"\nmsgstr \"\"\n",
        );
        let o = puente_es(
            d,
            &[
                "translate",
                "w.po",
                "--engine",
                engine,
                "--glossary",
                "glossary",
            ],
            &[],
        );
        assert_spanish(engine, &o, &["ended without writing", "exited with status"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("./"), "{engine}: names the program\n{err}");
    }
}
