//! The CLI contract: for every command's main paths, the exit code, stdout and stderr of the
//! real binary, snapshotted together (insta) so a change to any of them shows in review. Each
//! snapshot starts with the command line it ran; the scratch folder is `[DIR]`, measured times
//! `[S]` and the version `[VERSION]` ([`contract`]). A representative subset also runs with
//! `--ui-lang es-MX`, in the same snapshot as its English run, so the two read side by side.
//!
//! Every run gets a fresh project (`puente init`, the repository's glossary, one short
//! article), so no run depends on another's leftovers.

use std::fs;
use std::path::Path;

use crate::mtserver::{fake_translate, libre_languages, libre_translate, MtServer};
use crate::support::{contract, puente, require};

const ARTICLE: &str = "---\ntitle: \"Council vote\"\nlang: en\n---\n\n\
The mayor said “no” on Monday. The cartels listened.\n\nA vote is due in May.\n";

/// The article's segments and their reviewed Spanish.
const SPANISH: [(&str, &str); 4] = [
    ("Council vote", "Votación del concejo"),
    (
        "The mayor said “no” on Monday.",
        "El alcalde dijo «no» el lunes.",
    ),
    ("The cartels listened.", "Los cárteles escucharon."),
    ("A vote is due in May.", "La votación será en mayo."),
];

/// A scraped page, as `puente import` gets it: a headline, text, boilerplate and a related link.
const SCRAPED: &str = "Council vote\n\nAdvertisement\n\nThe mayor spoke on Monday. The council \
listened.\n\nRelated: Budget talks stall\n\nA vote is due in May.\n\nShare this article\n";

/// What a case needs before it runs.
#[derive(Clone, Copy)]
enum Setup {
    /// An empty folder, no project.
    Empty,
    /// A project: `puente.toml` from `puente init`, the glossary and `art.md`.
    Project,
    /// The project and its work file `work/art.es.po` as `segment` wrote it.
    Segmented,
    /// The project and `work/art.es.po` with every segment translated and reviewed.
    Translated,
}

fn ok(dir: &Path, args: &[&str]) {
    let o = puente(dir, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn prepare(setup: Setup) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    if let Setup::Empty = setup {
        return dir;
    }
    ok(d, &["init"]);
    let glossary = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary");
    fs::create_dir_all(d.join("glossary")).unwrap();
    for f in ["terms.toml", "names.toml", "quotes.toml"] {
        fs::copy(glossary.join(f), d.join("glossary").join(f)).unwrap();
    }
    fs::write(d.join("art.md"), ARTICLE).unwrap();
    fs::write(
        d.join("art.txt"),
        "The mayor spoke on Monday.\n\nA vote is due in May.\n",
    )
    .unwrap();
    fs::write(d.join("scraped.txt"), SCRAPED).unwrap();
    if let Setup::Segmented | Setup::Translated = setup {
        ok(d, &["segment", "art.md"]);
    }
    if let Setup::Translated = setup {
        review(&d.join("work/art.es.po"));
    }
    dir
}

/// Writes the reviewed Spanish of [`SPANISH`] into the PO file's empty msgstr lines.
fn review(po: &Path) {
    let text = fs::read_to_string(po).unwrap();
    let mut out = String::new();
    let mut msgid = String::new();
    for line in text.lines() {
        if let Some(id) = line
            .strip_prefix("msgid \"")
            .and_then(|l| l.strip_suffix('"'))
        {
            msgid = id.replace("\\\"", "\"");
        }
        match SPANISH.iter().find(|(en, _)| *en == msgid) {
            Some((_, es)) if line == "msgstr \"\"" => out.push_str(&format!("msgstr \"{es}\"\n")),
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    fs::write(po, out).unwrap();
}

/// One run's contract, headed by its command line.
fn run(dir: &Path, args: &[&str], extra: &[(&str, &str)]) -> String {
    let o = puente(dir, args);
    let mut text = format!("$ puente {}\n{}", args.join(" "), contract(&o, dir));
    for (from, to) in extra {
        text = text.replace(from, to);
    }
    text
}

/// `args` in a fresh `setup`, in English and, when `es`, again in a fresh one in Spanish.
fn case(setup: Setup, args: &[&str], es: bool) -> String {
    case_with(setup, args, es, |_| {})
}

/// [`case`], with `before` changing the fresh project before each run.
fn case_with(setup: Setup, args: &[&str], es: bool, before: impl Fn(&Path)) -> String {
    let dir = prepare(setup);
    before(dir.path());
    let mut text = run(dir.path(), args, &[]);
    if es {
        let dir = prepare(setup);
        before(dir.path());
        let mut spanish = vec!["--ui-lang", "es-MX"];
        spanish.extend(args);
        text.push_str("\n\n");
        text.push_str(&run(dir.path(), &spanish, &[]));
    }
    text
}

#[test]
fn help_of_every_command_in_both_languages() {
    let commands: &[&[&str]] = &[
        &[],
        &["import"],
        &["split"],
        &["segment"],
        &["merge"],
        &["publish"],
        &["translate"],
        &["tm"],
        &["tm", "add"],
        &["tm", "stats"],
        &["tm", "export"],
        &["tm", "import"],
        &["status"],
        &["engines"],
        &["check"],
        &["glossary"],
        &["glossary", "lint"],
        &["glossary", "export"],
        &["glossary", "import"],
        &["init"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let name = match command.join("_") {
            n if n.is_empty() => "help".to_string(),
            n => format!("help_{n}"),
        };
        insta::assert_snapshot!(name, case(Setup::Empty, &args, true));
    }
    insta::assert_snapshot!("version", case(Setup::Empty, &["--version"], false));
    // No command at all is a usage error, not help on stdout.
    insta::assert_snapshot!("no_command", case(Setup::Empty, &[], true));
}

#[test]
fn init() {
    insta::assert_snapshot!("init", case(Setup::Empty, &["init"], true));
    insta::assert_snapshot!("init_over_a_project", case(Setup::Project, &["init"], true));
}

#[test]
fn import() {
    insta::assert_snapshot!(
        "import",
        case(Setup::Project, &["import", "scraped.txt"], true)
    );
    insta::assert_snapshot!(
        "import_to_a_file",
        case(
            Setup::Project,
            &["import", "scraped.txt", "-o", "new.md"],
            false
        )
    );
}

#[test]
fn split() {
    insta::assert_snapshot!(
        "split_md",
        case(Setup::Project, &["split", "art.md"], false)
    );
    insta::assert_snapshot!(
        "split_txt",
        case(Setup::Project, &["split", "art.txt"], false)
    );
    insta::assert_snapshot!(
        "split_json",
        case(
            Setup::Project,
            &["split", "--format", "json", "art.txt"],
            false
        )
    );
}

#[test]
fn segment() {
    insta::assert_snapshot!(
        "segment_md",
        case(Setup::Project, &["segment", "art.md"], true)
    );
    insta::assert_snapshot!(
        "segment_txt",
        case(
            Setup::Project,
            &["segment", "art.txt", "-o", "t.es.po"],
            false
        )
    );
    insta::assert_snapshot!(
        "segment_xliff",
        case(
            Setup::Project,
            &["segment", "art.md", "--format", "xliff", "-o", "a.es.xlf"],
            false
        )
    );
    // The article gains a sentence after its work file was translated.
    insta::assert_snapshot!(
        "segment_update",
        case_with(
            Setup::Translated,
            &["segment", "art.md", "--update", "work/art.es.po"],
            true,
            |d| fs::write(
                d.join("art.md"),
                ARTICLE.replace("due in May.", "due in May. Nobody expects a surprise.")
            )
            .unwrap()
        )
    );
    insta::assert_snapshot!(
        "segment_missing_article",
        case(Setup::Project, &["segment", "gone.md"], true)
    );
}

#[test]
fn merge() {
    insta::assert_snapshot!(
        "merge_complete",
        case(Setup::Translated, &["merge", "work/art.es.po"], true)
    );
    insta::assert_snapshot!(
        "merge_complete_json",
        case(
            Setup::Translated,
            &[
                "merge",
                "work/art.es.po",
                "-o",
                "out.md",
                "--format",
                "json"
            ],
            false
        )
    );
    insta::assert_snapshot!(
        "merge_pending",
        case(Setup::Segmented, &["merge", "work/art.es.po"], true)
    );
    insta::assert_snapshot!(
        "merge_pending_json",
        case(
            Setup::Segmented,
            &["merge", "work/art.es.po", "--format", "json"],
            false
        )
    );
    insta::assert_snapshot!(
        "merge_draft",
        case(
            Setup::Segmented,
            &["merge", "work/art.es.po", "--draft", "-o", "-"],
            true
        )
    );
}

/// The reviewed translation with two errors: a forbidden form of a glossary term and the
/// wrong quotation marks.
fn violations(d: &Path) {
    let po = d.join("work/art.es.po");
    let text = fs::read_to_string(&po)
        .unwrap()
        .replace("Los cárteles", "Los carteles")
        .replace("«no»", "“no”");
    fs::write(po, text).unwrap();
}

#[test]
fn check() {
    insta::assert_snapshot!(
        "check_clean",
        case(Setup::Translated, &["check", "work/art.es.po"], true)
    );
    let findings = ["check", "work/art.es.po"];
    insta::assert_snapshot!(
        "check_findings",
        case_with(Setup::Translated, &findings, true, violations)
    );
    for format in ["json", "sarif", "junit"] {
        let mut args = findings.to_vec();
        args.extend(["--format", format]);
        insta::assert_snapshot!(
            format!("check_findings_{format}"),
            case_with(Setup::Translated, &args, false, violations)
        );
    }
    insta::assert_snapshot!(
        "check_explain",
        case(Setup::Empty, &["check", "--explain", "quote-marks"], true)
    );
    insta::assert_snapshot!(
        "check_explain_unknown",
        case(Setup::Empty, &["check", "--explain", "no-such-rule"], true)
    );
}

#[test]
fn status() {
    insta::assert_snapshot!("status", case(Setup::Segmented, &["status"], true));
    insta::assert_snapshot!(
        "status_json",
        case_with(
            Setup::Translated,
            &["status", "--format", "json", "work/art.es.po", "t.es.po"],
            false,
            |d| ok(d, &["segment", "art.txt", "-o", "t.es.po"])
        )
    );
}

#[test]
fn glossary() {
    insta::assert_snapshot!(
        "glossary_lint",
        case(Setup::Project, &["glossary", "lint"], true)
    );
    let broken = |d: &Path| {
        fs::write(
            d.join("glossary/extra.toml"),
            "[[term]]\nid = \"council\"\nen = [\"council\"]\nes = [\"concejo\"]\n\n\
             [[term]]\nid = \"town-council\"\nen = [\"council\"]\nes = [\"cabildo\"]\n",
        )
        .unwrap()
    };
    insta::assert_snapshot!(
        "glossary_lint_problems",
        case_with(Setup::Project, &["glossary", "lint"], true, broken)
    );
    let invalid = |d: &Path| {
        fs::write(
            d.join("glossary/extra.toml"),
            "[[term]]\nen = [\"council\"]\n",
        )
        .unwrap()
    };
    insta::assert_snapshot!(
        "glossary_lint_invalid",
        case_with(Setup::Project, &["glossary", "lint"], true, invalid)
    );
    insta::assert_snapshot!(
        "glossary_lint_problems_json",
        case_with(
            Setup::Project,
            &["glossary", "lint", "--format", "json"],
            false,
            broken
        )
    );
    insta::assert_snapshot!(
        "glossary_export_tsv",
        case(
            Setup::Project,
            &["glossary", "export", "--format", "tsv"],
            false
        )
    );
    insta::assert_snapshot!(
        "glossary_import",
        case_with(
            Setup::Project,
            &["glossary", "import", "terms.tsv", "-o", "imported.toml"],
            true,
            |d| fs::write(
                d.join("terms.tsv"),
                "en\tes\nmayor\talcalde\ncouncil\tconcejo\n"
            )
            .unwrap()
        )
    );
}

#[test]
fn tm() {
    let add = |d: &Path| ok(d, &["tm", "add", "work/art.es.po"]);
    insta::assert_snapshot!(
        "tm_add",
        case(Setup::Translated, &["tm", "add", "work/art.es.po"], true)
    );
    insta::assert_snapshot!(
        "tm_stats_empty",
        case(Setup::Project, &["tm", "stats"], true)
    );
    insta::assert_snapshot!(
        "tm_stats",
        case_with(Setup::Translated, &["tm", "stats"], false, add)
    );
    insta::assert_snapshot!(
        "tm_stats_json",
        case_with(
            Setup::Translated,
            &["tm", "stats", "--format", "json"],
            false,
            add
        )
    );
    insta::assert_snapshot!(
        "tm_export",
        case_with(
            Setup::Translated,
            &["tm", "export", "-o", "mem.tmx"],
            true,
            add
        )
    );
    insta::assert_snapshot!(
        "tm_import",
        case_with(Setup::Project, &["tm", "import", "mem.tmx"], true, |d| {
            let source = prepare(Setup::Translated);
            ok(source.path(), &["tm", "add", "work/art.es.po"]);
            ok(source.path(), &["tm", "export", "-o", "mem.tmx"]);
            fs::copy(source.path().join("mem.tmx"), d.join("mem.tmx")).unwrap();
        })
    );
}

/// A project whose engine `lt` is a LibreTranslate server on this machine.
fn with_engine(url: &str) -> impl Fn(&Path) + '_ {
    move |d: &Path| {
        let toml = fs::read_to_string(d.join("puente.toml")).unwrap();
        fs::write(
            d.join("puente.toml"),
            format!("{toml}\n[engine.lt]\nkind = \"libretranslate\"\nurl = \"{url}\"\n"),
        )
        .unwrap();
    }
}

#[test]
fn translate() {
    let server = MtServer::start(|_, path, body| match path {
        "/languages" => libre_languages(),
        _ => libre_translate(body, fake_translate),
    });
    let url = server.url();
    // `engines` lists and checks the built-in Apertium engine beside the configured one.
    require("apertium");
    let hide_url = |text: String| text.replace(&url, "[URL]");
    insta::assert_snapshot!(
        "translate_dry_run",
        hide_url(case_with(
            Setup::Segmented,
            &["translate", "work/art.es.po", "--engine", "lt", "--dry-run"],
            true,
            with_engine(&url)
        ))
    );
    insta::assert_snapshot!(
        "translate",
        hide_url(case_with(
            Setup::Segmented,
            &[
                "translate",
                "work/art.es.po",
                "--engine",
                "lt",
                "--no-cache"
            ],
            true,
            with_engine(&url)
        ))
    );
    insta::assert_snapshot!(
        "translate_json",
        hide_url(case_with(
            Setup::Segmented,
            &[
                "translate",
                "work/art.es.po",
                "--engine",
                "lt",
                "--no-cache",
                "--format",
                "json"
            ],
            false,
            with_engine(&url)
        ))
    );
    insta::assert_snapshot!(
        "quiet_translate",
        hide_url(case_with(
            Setup::Segmented,
            &[
                "-q",
                "translate",
                "work/art.es.po",
                "--engine",
                "lt",
                "--no-cache"
            ],
            false,
            with_engine(&url)
        ))
    );
    insta::assert_snapshot!(
        "engines",
        hide_url(case_with(
            Setup::Project,
            &["engines"],
            true,
            with_engine(&url)
        ))
    );
    insta::assert_snapshot!(
        "engines_json",
        hide_url(case_with(
            Setup::Project,
            &["engines", "--format", "json"],
            false,
            with_engine(&url)
        ))
    );
}

/// `--quiet` silences notes, summaries and progress, never data or errors: each command's
/// snapshot holds the run without and with `-q`.
#[test]
fn quiet_keeps_data_and_errors_only() {
    let pairs: &[(&str, Setup, &[&str])] = &[
        ("quiet_segment", Setup::Project, &["segment", "art.md"]),
        (
            "quiet_merge",
            Setup::Translated,
            &["merge", "work/art.es.po", "-o", "-"],
        ),
        (
            // Today merge prints its refusal as notes, so -q hides the list and leaves only the
            // exit code; once merge calls Output::refusal, this snapshot keeps the list under -q.
            "quiet_merge_pending",
            Setup::Segmented,
            &["merge", "work/art.es.po"],
        ),
        (
            "quiet_publish_refused",
            Setup::Segmented,
            &["publish", "art.md"],
        ),
        (
            "quiet_status",
            Setup::Segmented,
            &["status", "work/art.es.po"],
        ),
        (
            "quiet_tm_add",
            Setup::Translated,
            &["tm", "add", "work/art.es.po"],
        ),
        (
            "quiet_missing_file",
            Setup::Project,
            &["segment", "gone.md"],
        ),
    ];
    for (name, setup, args) in pairs {
        let loud = case(*setup, args, false);
        let mut quiet_args = vec!["-q"];
        quiet_args.extend(*args);
        let quiet = case(*setup, &quiet_args, false);
        insta::assert_snapshot!(*name, format!("{loud}\n\n{quiet}"));
    }
    // The flag is global: after the command too, and in Spanish.
    insta::assert_snapshot!(
        "quiet_after_the_command",
        case(Setup::Project, &["segment", "art.md", "--quiet"], true)
    );
}

/// `publish`: a reviewed story written (the bilingual page's path on stdout), and its JSON
/// record in the common envelope.
#[test]
fn publish_contract() {
    insta::assert_snapshot!(
        "publish",
        case(Setup::Translated, &["publish", "art.md"], true)
    );
    insta::assert_snapshot!(
        "publish_json",
        case(
            Setup::Translated,
            &["publish", "art.md", "--format", "json"],
            false
        )
    );
}
