//! The project context: one language resolver for every command, one validated config.

use crate::support::{code, puente, stderr};
use std::path::Path;

/// A Spanish → English PO that does not say which languages it holds (no `Language`, no
/// `X-Source-Language`), as a hand-made or foreign file may be.
const UNDECLARED: &str = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Hola.\"\nmsgstr \"Hello.\"\n";

#[test]
fn a_work_file_without_languages_is_refused_by_the_memory_as_by_check() {
    // Before the one resolver, `tm add` guessed English → Spanish and filed "Hola." as the
    // English side of a pair, while `check` refused the same file.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("w.po"), UNDECLARED).unwrap();
    let add = puente(dir.path(), &["tm", "add", "w.po"]);
    let check = puente(dir.path(), &["check", "w.po"]);
    assert_eq!(code(&add), 2, "{}", stderr(&add));
    assert_eq!(code(&check), 2, "{}", stderr(&check));
    for o in [&add, &check] {
        assert!(
            stderr(o).contains("w.po does not say which languages it holds"),
            "{}",
            stderr(o)
        );
        assert!(stderr(o).contains("--from"), "{}", stderr(o));
    }
    let stats = |dir: &std::path::Path| {
        let o = puente(dir, &["tm", "stats", "--format", "json"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(!stats(dir.path()).contains("\"units\""), "nothing is filed");
    // With the direction given, the pair goes the right way round.
    let add = puente(dir.path(), &["tm", "add", "w.po", "--from", "es"]);
    assert_eq!(code(&add), 0, "{}", stderr(&add));
    let s = stats(dir.path());
    assert!(
        s.contains("\"source\":\"es\"")
            && s.contains("\"target\":\"en\"")
            && s.contains("\"units\":1"),
        "{s}"
    );
}

#[test]
fn a_merged_edition_says_its_own_language_and_segments_the_other_way() {
    // Before, the merged Spanish kept `lang: en`, so segmenting it again treated Spanish as
    // English. The output has no language in its name, so only the front matter can tell.
    let dir = tempfile::tempdir().unwrap();
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(crate::support::fixtures().join(f), dir.path().join(f)).unwrap();
    }
    let o = puente(
        dir.path(),
        &["merge", "drone-strikes.es.po", "-o", "story.md"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let story = std::fs::read_to_string(dir.path().join("story.md")).unwrap();
    assert!(story.starts_with("---\nlang: es\n"), "{story}");
    let o = puente(dir.path(), &["segment", "story.md", "-o", "back.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let po = std::fs::read_to_string(dir.path().join("back.po")).unwrap();
    assert!(po.contains("\"X-Source-Language: es\\n\""), "{po}");
    assert!(po.contains("\"Language: en\\n\""), "{po}");
}

#[test]
fn check_and_status_report_a_broken_file_and_go_on_with_the_others() {
    // Before, `check good.po broken.po --format json` printed nothing about good.po and
    // exited 2, and status stopped at the first file it could not read.
    let dir = tempfile::tempdir().unwrap();
    // A number changed in the translation: one finding in good.po.
    let good = "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\"X-Source-Language: en\\n\"\n\nmsgid \"We sent 3 drones.\"\nmsgstr \"Enviamos 4 drones.\"\n";
    std::fs::write(dir.path().join("good.po"), good).unwrap();
    std::fs::write(dir.path().join("broken.po"), "msgid \"unterminated\n").unwrap();
    let o = puente(
        dir.path(),
        &[
            "check",
            "broken.po",
            "good.po",
            "missing.po",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let of = |t: &str| {
        records
            .iter()
            .filter(|r| r["type"] == t)
            .collect::<Vec<_>>()
    };
    let findings = of("finding");
    assert_eq!(findings.len(), 1, "{out}");
    assert_eq!(findings[0]["file"], "good.po", "{out}");
    assert_eq!(findings[0]["rule"], "numbers", "{out}");
    // The files that could not be checked are in the JSON too, in English.
    let errors = of("error");
    assert_eq!(errors.len(), 2, "{out}");
    assert!(
        errors
            .iter()
            .any(|e| e["message"].as_str().unwrap().contains("broken.po:1:")),
        "{out}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e["message"].as_str().unwrap().contains("missing.po")),
        "{out}"
    );
    let err = stderr(&o);
    assert!(err.contains("broken.po:1:"), "{err}");
    assert!(err.contains("missing.po"), "{err}");
    // The summary counts the files that could not be checked beside those that were.
    assert!(
        err.contains("1 file, 1 segment: 1 error, 0 warnings; 2 files could not be checked"),
        "{err}"
    );
    let es = crate::support::command(dir.path(), &["check", "broken.po", "good.po"])
        .env("LANG", "es_MX.UTF-8")
        .output()
        .unwrap();
    let err_es = stderr(&es);
    assert!(
        err_es.contains("1 archivo, 1 segmento: 1 error, 0 avisos; 1 archivo no se pudo revisar"),
        "{err_es}"
    );
    let o = puente(dir.path(), &["check", "good.po"]);
    assert!(
        stderr(&o).ends_with("1 file, 1 segment: 1 error, 0 warnings\n"),
        "{}",
        stderr(&o)
    );
    let o = puente(
        dir.path(),
        &["status", "broken.po", "good.po", "--format", "json"],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(out.contains("\"file\":\"good.po\""), "{out}");
    assert!(stderr(&o).contains("broken.po"), "{}", stderr(&o));
}

/// Writes `a.po` and `b.po` into `dir`: the same translated segment, English to Spanish, with
/// no source article named.
fn two_good_work_files(dir: &Path) {
    let good = "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\"X-Source-Language: en\\n\"\n\nmsgid \"We sent 3 drones.\"\nmsgstr \"Enviamos 3 drones.\"\n";
    std::fs::write(dir.join("a.po"), good).unwrap();
    std::fs::write(dir.join("b.po"), good).unwrap();
}

/// A path that cannot be searched is reported where it was given among the files' records,
/// not before them all: the README promises output in the order given.
#[test]
fn a_missing_path_is_reported_in_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    two_good_work_files(dir.path());
    let kinds = |args: &[&str]| -> Vec<String> {
        let o = puente(dir.path(), args);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                match v["type"].as_str().unwrap() {
                    "error" => format!("error {}", v["message"].as_str().unwrap()),
                    t => format!("{t} {}", v["file"].as_str().unwrap_or("")),
                }
            })
            .collect()
    };
    assert_eq!(
        kinds(&[
            "status",
            "a.po",
            "gone.po",
            "b.po",
            "also-gone.po",
            "--format",
            "json"
        ]),
        [
            "status a.po",
            "error gone.po does not exist",
            "status b.po",
            "error also-gone.po does not exist",
            "status-total ",
        ]
    );
    // These work files name no article: each is an error of its own, in its place.
    let merged = kinds(&["merge", "a.po", "gone.po", "b.po", "--format", "json"]);
    assert_eq!(
        merged,
        [
            "error a.po does not name its source article",
            "error gone.po does not exist",
            "error b.po does not name its source article",
        ]
    );
}

/// `tm add` says a path it cannot search where it was given among the files it added, as
/// status and merge do; a memory that cannot be opened still lets the search's errors be said.
#[test]
fn tm_add_reports_a_missing_path_in_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    two_good_work_files(dir.path());
    let o = puente(
        dir.path(),
        &["tm", "add", "a.po", "gone.po", "b.po", "--tm", "m.sqlite"],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().filter(|l| !l.starts_with("hint:")).collect();
    assert!(lines[0].contains("a.po"), "{err}");
    assert!(
        lines[1].starts_with("error: gone.po does not exist"),
        "{err}"
    );
    assert!(lines[2].contains("b.po"), "{err}");
    assert!(
        lines[3].contains("3 work files, 1 failed"),
        "the summary comes last: {err}"
    );
    // The memory is a folder: nothing is added, and the missing path is still said.
    std::fs::create_dir(dir.path().join("dir.sqlite")).unwrap();
    let o = puente(
        dir.path(),
        &["tm", "add", "a.po", "gone.po", "--tm", "dir.sqlite"],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("gone.po does not exist"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_broken_setting_is_refused_by_every_command_alike() {
    // Before, `[check] quote_style = "fancy"` was seen only by check: status exited 0.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("puente.toml"),
        "[project]\nsource = \"en\"\ntarget = \"es\"\n\n[check]\nquote_style = \"fancy\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.en.md"),
        "---\nlang: en\n---\n\nHello there.\n",
    )
    .unwrap();
    let runs: &[&[&str]] = &[
        &["status"],
        &["check"],
        &["segment", "a.en.md"],
        &["split", "a.en.md"],
        &["tm", "stats"],
        &["glossary", "lint"],
        &["engines"],
        &["translate", "a.es.po", "--dry-run"],
    ];
    for args in runs {
        let o = puente(dir.path(), args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("puente.toml:6") && err.contains("quote_style") && err.contains("fancy"),
            "{args:?}: {err}"
        );
    }
    // `init --force` is how a broken file is replaced, so it alone does not read it.
    let o = puente(dir.path(), &["init", "--force"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn levels_that_disagree_are_refused_rather_than_one_believed() {
    let dir = tempfile::tempdir().unwrap();
    // A Spanish → English work file that says so: `--from en` would file it backwards.
    let po = "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\"X-Source-Language: es\\n\"\n\nmsgid \"Hola.\"\nmsgstr \"Hello.\"\n";
    std::fs::write(dir.path().join("w.po"), po).unwrap();
    let o = puente(dir.path(), &["tm", "add", "w.po", "--from", "en"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("w.po: --from en contradicts the work file's header, which says es"),
        "{}",
        stderr(&o)
    );
    // A header value puente does not translate is named, not guessed past.
    std::fs::write(
        dir.path().join("pt.po"),
        po.replace("Language: en", "Language: pt_BR"),
    )
    .unwrap();
    let o = puente(dir.path(), &["check", "pt.po"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("pt.po: its header names the language pt_BR"),
        "{}",
        stderr(&o)
    );
    // An edition merged before merge wrote its own `lang`: Spanish text under `lang: en`,
    // named as Spanish. Segmenting it is refused until one of them is fixed or --from says.
    std::fs::write(
        dir.path().join("story.es.md"),
        "---\nlang: en\n---\n\nHola a todos.\n",
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "story.es.md", "-o", "s.po"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the front matter says lang en, but the file name says es"),
        "{}",
        stderr(&o)
    );
    let o = puente(
        dir.path(),
        &["segment", "story.es.md", "-o", "s.po", "--from", "es"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn import_and_split_take_the_language_from_the_resolver() {
    // Before, both took English unless --lang said otherwise, so a Spanish project's import
    // wrote `lang: en` over Spanish text (the merged-edition symptom again).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("puente.toml"),
        "[project]\nsource = \"es\"\ntarget = \"en\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("nota.txt"),
        "El Lic. Pérez llegó. Habló con la prensa.\n",
    )
    .unwrap();
    let o = puente(dir.path(), &["import", "nota.txt", "-o", "nota.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let md = std::fs::read_to_string(dir.path().join("nota.md")).unwrap();
    assert!(md.contains("lang: es"), "{md}");
    // Spanish abbreviations hold under Spanish rules: the Spanish data knows «Lic.».
    let o = puente(dir.path(), &["split", "nota.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines = String::from_utf8(o.stdout).unwrap();
    assert_eq!(lines, "El Lic. Pérez llegó.\nHabló con la prensa.\n");
}
