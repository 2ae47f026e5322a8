//! Inputs other tools write, read safely, and work files that grow with their article: a long
//! paragraph gives a work file a small multiple of the article; TBX, TMX and XLIFF naming an
//! external DTD load without fetching it (internal subsets still refused); PO files with C and
//! octal escapes (`msgcat --escape`) read; CSV errors name their line; a glossary with lint
//! errors is refused by the commands that use it; duplicate ids and plural forms that do not
//! match the header are check findings, and merge refuses duplicate ids.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{assert_valid_xliff, code, fixtures, puente, require, scratch_with, stderr};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn glossary() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("glossary")
        .to_string_lossy()
        .into_owned()
}

/// A folder with the sample article and its reviewed translation, and a project file.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    write(
        dir.path(),
        "puente.toml",
        "[project]\nsource = \"en\"\ntarget = \"es\"\n",
    );
    dir
}

/// `check --format json` with the project glossary: the exit code and the findings.
fn check_json(dir: &Path, files: &[&str]) -> (i32, Vec<Value>) {
    let g = glossary();
    let mut args = vec!["check", "--glossary", &g, "--format", "json"];
    args.extend(files);
    let o = puente(dir, &args);
    assert!(code(&o) != 2, "{}", stderr(&o));
    let findings = String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    (code(&o), findings)
}

fn of_rule<'a>(findings: &'a [Value], rule: &str) -> Vec<&'a Value> {
    findings.iter().filter(|f| f["rule"] == rule).collect()
}

/// A one-paragraph article of about `bytes` bytes: news-length sentences, every one different.
fn long_paragraph(bytes: usize) -> String {
    let mut s = String::from("# One very long paragraph\n\n");
    let mut i = 0;
    while s.len() < bytes {
        i += 1;
        s.push_str(&format!(
            "Officials in district {i} said on Tuesday that the new road linking the northern \
             towns would open next spring, after months of delays caused by heavy rains. "
        ));
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}

#[test]
fn a_long_paragraph_gives_a_work_file_a_small_multiple_of_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let article = long_paragraph(200_000);
    write(dir.path(), "long.en.md", &article);
    for (format, name) in [("po", "long.po"), ("xliff", "long.xlf")] {
        let o = puente(
            dir.path(),
            &[
                "segment",
                "long.en.md",
                "--to",
                "es",
                "--format",
                format,
                "-o",
                name,
            ],
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let size = std::fs::metadata(dir.path().join(name)).unwrap().len() as usize;
        assert!(
            size < 4 * article.len(),
            "{name}: {size} bytes for a {}-byte article",
            article.len()
        );
        // Nothing translated: a draft merge gives the article back byte for byte, under the
        // front matter that says it is a draft.
        let o = puente(dir.path(), &["merge", name, "--draft", "-o", "back.md"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(
            read(dir.path(), "back.md"),
            format!("---\ndraft: true\n---\n{article}")
        );
    }
    // Translators still see the neighbouring sentences, cut with an ellipsis.
    let po = read(dir.path(), "long.po");
    assert!(po.contains("\n#. previous: …"), "{}", &po[..2000]);
    assert!(po.contains("\n#. next: Officials in district"));
    if require("msgfmt") {
        let m = Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null", "long.po"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(m.status.success(), "{}", String::from_utf8_lossy(&m.stderr));
    }
    assert_valid_xliff(dir.path(), "long.xlf");
}

/// A TBX, a TMX and an XLIFF 1.1 file naming their DTDs, as CAT tools write them, load; the
/// DTD is never fetched (a local server that would serve it sees no connection).
#[test]
fn files_naming_an_external_dtd_load_and_nothing_is_fetched() {
    let dir = project();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!(
        "http://{}/TBXcoreStructV02.dtd",
        listener.local_addr().unwrap()
    );
    let foreign = fixtures().join("foreign");
    let tbx = std::fs::read_to_string(foreign.join("cat-tool.tbx"))
        .unwrap()
        .replace("\"TBXcoreStructV02.dtd\"", &format!("\"{url}\""));
    write(dir.path(), "desk.tbx", &tbx);

    let o = puente(dir.path(), &["glossary", "import", "desk.tbx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let toml = String::from_utf8(o.stdout).unwrap();
    assert!(
        toml.contains("es = [\"ataque con drones\", \"ataques con drones\"]"),
        "{toml}"
    );
    assert!(toml.contains("es = [\"ataque de drones\"]"), "{toml}");
    assert!(toml.contains("id = \"sovereignty\""), "{toml}");

    let tmx = foreign.join("cat-tool.tmx");
    let o = puente(dir.path(), &["tm", "import", tmx.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2 new units of 2 read"),
        "{}",
        stderr(&o)
    );

    let xlf = foreign.join("cat-tool-dtd.xlf");
    let (exit, findings) = check_json(dir.path(), &[xlf.to_str().unwrap()]);
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["untranslated"]);
    assert_eq!(exit, 1);

    assert!(
        listener.accept().is_err(),
        "puente connected to the DTD's address"
    );
}

/// What a DTD could declare stays refused when the DOCTYPE names one: internal subsets (entity
/// bombs, external entities) and references to entities only a DTD could define.
#[test]
fn internal_subsets_and_undeclared_entities_are_still_refused() {
    let dir = project();
    let foreign = fixtures().join("foreign");
    let tbx = std::fs::read_to_string(foreign.join("cat-tool.tbx")).unwrap();
    let tmx = std::fs::read_to_string(foreign.join("cat-tool.tmx")).unwrap();
    let xlf = std::fs::read_to_string(foreign.join("cat-tool-dtd.xlf")).unwrap();
    let subset = "[<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>";
    let xxe = "[<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
    let cases = [
        (
            "bomb.tbx",
            tbx.replace(".dtd\">", &format!(".dtd\" {subset}"))
                .replace("<p>Exported", "<p>&b;Exported"),
        ),
        (
            "xxe.tmx",
            tmx.replace(".dtd\">", &format!(".dtd\" {xxe}"))
                .replace("<seg>Mexico", "<seg>&x;Mexico"),
        ),
        (
            "bomb.xlf",
            xlf.replace("xliff.dtd\">", &format!("xliff.dtd\" {subset}")),
        ),
        (
            "entity.tbx",
            tbx.replace("<term>sovereignty", "<term>&ext;sovereignty"),
        ),
        (
            "entity.tmx",
            tmx.replace("srclang=\"EN-US\"", "srclang=\"&ext;\""),
        ),
    ];
    for (name, text) in &cases {
        assert_ne!(text, &tbx);
        write(dir.path(), name, text);
    }
    for (name, args) in [
        ("bomb.tbx", vec!["glossary", "import", "bomb.tbx"]),
        ("entity.tbx", vec!["glossary", "import", "entity.tbx"]),
        ("xxe.tmx", vec!["tm", "import", "xxe.tmx"]),
        ("entity.tmx", vec!["tm", "import", "entity.tmx"]),
        ("bomb.xlf", vec!["check", "bomb.xlf"]),
    ] {
        let o = puente(dir.path(), &args);
        assert_eq!(code(&o), 2, "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(name), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("aaaaaaaaaa"), "{}", stderr(&o));
    }
    let o = puente(dir.path(), &["glossary", "import", "bomb.tbx"]);
    assert!(
        stderr(&o).contains("bomb.tbx:2: DOCTYPE refused"),
        "{}",
        stderr(&o)
    );
}

/// `msgcat --escape` writes every non-ASCII byte as an octal escape; such a file reads as the
/// same translations: it checks clean and merges into the same article.
#[test]
fn a_po_with_octal_escapes_reads_like_the_original() {
    if !require("msgcat") {
        return;
    }
    let dir = project();
    let m = Command::new("msgcat")
        .args(["--escape", "drone-strikes.es.po", "-o", "escaped.po"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(m.status.success(), "{}", String::from_utf8_lossy(&m.stderr));
    let escaped = read(dir.path(), "escaped.po");
    assert!(
        escaped.contains("\\303\\201"),
        "msgcat wrote no octal escape"
    );
    // Comments stay as they were; every string is ASCII.
    assert!(escaped
        .lines()
        .filter(|l| !l.starts_with('#'))
        .all(|l| l.is_ascii()));

    let (exit, findings) = check_json(dir.path(), &["escaped.po"]);
    assert_eq!(findings, Vec::<Value>::new());
    assert_eq!(exit, 0);
    for (po, out) in [("drone-strikes.es.po", "a.md"), ("escaped.po", "b.md")] {
        let o = puente(dir.path(), &["merge", po, "-o", out]);
        assert_eq!(code(&o), 0, "{po}: {}", stderr(&o));
    }
    assert_eq!(read(dir.path(), "a.md"), read(dir.path(), "b.md"));
    assert!(read(dir.path(), "b.md").contains("México"));

    // Escaped bytes that are not UTF-8: exit 2, with the file, line and column.
    let broken = escaped.replacen("\\303\\201", "\\303(", 1);
    let line = broken[..broken.find("\\303(").unwrap()]
        .matches('\n')
        .count()
        + 1;
    write(dir.path(), "broken.po", &broken);
    let o = puente(dir.path(), &["check", "broken.po"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains(&format!("broken.po:{line}:")),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("not UTF-8"), "{}", stderr(&o));
}

#[test]
fn csv_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "desk.csv",
        "en,es\ncartel,cártel\n\"drone strike,ataque con drones\nmayor,alcalde\n",
    );
    let o = puente(
        dir.path(),
        &["glossary", "import", "desk.csv", "-o", "desk.toml"],
    );
    assert_eq!(code(&o), 2, "{}", String::from_utf8_lossy(&o.stdout));
    assert!(
        stderr(&o).contains("desk.csv:3: a quoted value"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("desk.toml").exists());

    // A value over two lines: the next record's errors name its own line.
    write(
        dir.path(),
        "kinds.csv",
        "en,es,kind,note\nmayor,alcalde,term,\"two\nlines\"\ncartel,cártel,bogus,\n",
    );
    let o = puente(dir.path(), &["glossary", "import", "kinds.csv"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("kinds.csv:4: "), "{}", stderr(&o));
}

/// A glossary where two entries translate the same form differently: `glossary lint` reports
/// it, and check, translate and publish refuse to run with it (exit 2), naming both entries and
/// where they are.
#[test]
fn a_glossary_with_lint_errors_is_refused_by_the_commands_that_use_it() {
    let dir = project();
    std::fs::create_dir(dir.path().join("glossary")).unwrap();
    write(
        dir.path(),
        "glossary/a.toml",
        "[[term]]\nid = \"drone\"\nen = [\"drone\"]\nes = [\"dron\"]\n",
    );
    write(
        dir.path(),
        "glossary/b.toml",
        "# Added later by another desk.\n\n[[term]]\nid = \"drone-uav\"\nen = [\"drone\"]\nes = [\"vehículo aéreo no tripulado\"]\n",
    );
    let o = puente(dir.path(), &["glossary", "lint"]);
    assert_eq!(code(&o), 1);

    for args in [
        vec!["check", "drone-strikes.es.po"],
        vec!["translate", "drone-strikes.es.po", "--dry-run"],
        vec![
            "publish",
            "drone-strikes.en.md",
            "drone-strikes.es.po",
            "--out",
            "site",
        ],
    ] {
        let o = puente(dir.path(), &args);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{args:?}: {err}");
        assert!(err.contains("glossary/b.toml:3:1"), "{args:?}: {err}");
        assert!(err.contains("drone-uav") && err.contains("drone"), "{err}");
        assert!(err.contains("puente glossary lint"), "{err}");
        assert!(!dir.path().join("site").exists());
    }
    // The same glossary given with --glossary is refused the same way.
    std::fs::rename(dir.path().join("glossary"), dir.path().join("terms")).unwrap();
    let o = puente(
        dir.path(),
        &["check", "drone-strikes.es.po", "--glossary", "terms"],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("terms/b.toml:3:1"), "{}", stderr(&o));
}

/// The lines of `text` from the one starting `from` up to the next blank line.
fn entry_of(text: &str, from: &str) -> String {
    let start = text.find(from).unwrap();
    let end = text[start..]
        .find("\n\n")
        .map_or(text.len(), |e| start + e + 1);
    text[start..end].to_string()
}

fn line_of(text: &str, needle: &str, nth: usize) -> usize {
    let at = text.match_indices(needle).nth(nth).unwrap().0;
    text[..at].matches('\n').count() + 1
}

/// The same msgctxt and msgid twice (msgfmt refuses it): a check finding at the second, naming
/// the first; merge refuses the file, naming the id and both lines.
#[test]
fn duplicate_po_entries_are_found_and_merge_refuses_them() {
    let dir = project();
    let po = read(dir.path(), "drone-strikes.es.po");
    let kicker = entry_of(&po, "#. kicker");
    let twice = format!("{po}\n{kicker}");
    write(dir.path(), "drone-strikes.es.po", &twice);
    let first = line_of(&twice, "#. kicker", 0);
    let second = line_of(&twice, "#. kicker", 1);

    let (exit, findings) = check_json(dir.path(), &["drone-strikes.es.po"]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f["rule"], "duplicate-id");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["segment"], "k.f0d1f70f");
    assert_eq!(f["line"], second);
    assert_eq!(f["args"]["first_line"], first.to_string());
    assert_eq!(exit, 1);

    let o = puente(dir.path(), &["merge", "drone-strikes.es.po", "-o", "es.md"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("drone-strikes.es.po:{second}")),
        "{err}"
    );
    assert!(
        err.contains("k.f0d1f70f") && err.contains(&format!("line {first}")),
        "{err}"
    );
    assert!(!dir.path().join("es.md").exists());
}

/// The `<unit>` … `</unit>` element whose start contains `start`.
fn unit_of(text: &str, start: &str) -> String {
    let at = text.find(start).unwrap();
    let begin = text[..at].rfind("<unit ").unwrap();
    let end = at + text[at..].find("</unit>").unwrap() + "</unit>".len();
    text[begin..end].to_string()
}

/// XLIFF: a unit id twice, and a segment id twice in one unit, are findings; merge refuses.
#[test]
fn duplicate_xliff_ids_are_found_and_merge_refuses_them() {
    let dir = project();
    let o = puente(
        dir.path(),
        &[
            "segment",
            "drone-strikes.en.md",
            "--format",
            "xliff",
            "-o",
            "d.xlf",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let xlf = read(dir.path(), "d.xlf");

    // The kicker's unit, twice.
    let kicker = unit_of(&xlf, "name=\"kicker\"");
    let twice = xlf.replacen(&kicker, &format!("{kicker}\n    {kicker}"), 1);
    write(dir.path(), "units.xlf", &twice);
    let (_, findings) = check_json(dir.path(), &["units.xlf"]);
    let dups = of_rule(&findings, "duplicate-id");
    assert_eq!(dups.len(), 1, "{findings:#?}");
    assert_eq!(dups[0]["segment"], "k.f0d1f70f");
    assert_eq!(
        dups[0]["line"],
        line_of(&twice, "<segment id=\"k.f0d1f70f\"", 1)
    );

    // A paragraph whose second segment takes the first one's id.
    let first_id = "p.f84a8706";
    let unit = unit_of(&xlf, &format!("<segment id=\"{first_id}\""));
    let ids: Vec<&str> = unit
        .match_indices("<segment id=\"")
        .map(|(i, m)| {
            let rest = &unit[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert!(ids.len() > 1 && ids[0] == first_id, "{ids:?}");
    let same = unit.replace(
        &format!("<segment id=\"{}\"", ids[1]),
        &format!("<segment id=\"{first_id}\""),
    );
    let segs = xlf.replacen(&unit, &same, 1);
    write(dir.path(), "segments.xlf", &segs);
    let (exit, findings) = check_json(dir.path(), &["segments.xlf"]);
    let dups = of_rule(&findings, "duplicate-id");
    assert_eq!(dups.len(), 1, "{findings:#?}");
    assert_eq!(dups[0]["segment"], first_id);
    assert_eq!(
        dups[0]["line"],
        line_of(&segs, &format!("<segment id=\"{first_id}\""), 1)
    );
    assert_eq!(exit, 1);

    for name in ["units.xlf", "segments.xlf"] {
        let o = puente(dir.path(), &["merge", name, "--draft", "-o", "es.md"]);
        assert_eq!(code(&o), 2, "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("is used twice (first at line"),
            "{}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("hint: keep one of the two"),
            "{}",
            stderr(&o)
        );
        assert!(!dir.path().join("es.md").exists());
    }
}

/// Plural entries with more or fewer forms than the header's nplurals, and msgstr[n] without a
/// msgid_plural, are findings (msgfmt refuses them).
#[test]
fn plural_forms_that_do_not_match_the_header_are_found() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "plural.po",
        "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\
         \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\"X-Source-Language: en\\n\"\n\n\
         msgid \"One reader wrote.\"\nmsgid_plural \"Many readers wrote.\"\n\
         msgstr[0] \"Un lector escribió.\"\nmsgstr[1] \"Muchos lectores escribieron.\"\n\n\
         msgid \"One editor wrote.\"\nmsgid_plural \"Many editors wrote.\"\n\
         msgstr[0] \"Un editor escribió.\"\nmsgstr[1] \"Muchos editores escribieron.\"\n\
         msgstr[2] \"Muchísimos editores escribieron.\"\n\n\
         msgid \"One critic wrote.\"\nmsgid_plural \"Many critics wrote.\"\n\
         msgstr[0] \"Un crítico escribió.\"\n\n\
         msgid \"The desk wrote.\"\nmsgstr[0] \"La mesa escribió.\"\n",
    );
    let (exit, findings) = check_json(dir.path(), &["plural.po"]);
    let got: Vec<(u64, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap(),
                f["args"]["found"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (13, "plural-forms", "3"),
            (19, "plural-forms", "1"),
            (23, "plural-forms", "")
        ],
        "{findings:#?}"
    );
    assert_eq!(exit, 1);
    if require("msgfmt") {
        let m = Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null", "plural.po"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(!m.status.success(), "msgfmt accepts what check reports");
    }
}

/// The new rules in every report format, and documented in both languages.
#[test]
fn duplicate_ids_and_plural_forms_in_every_report_format() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = ["duplicate-id", "plural-forms"]
        .iter()
        .map(|r| fixtures().join("violations").join(format!("{r}.po")))
        .collect();
    let names: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
    let g = glossary();
    let run = |format: &str| {
        let mut args = vec!["check", "--glossary", &g, "--format", format];
        args.extend(&names);
        let o = puente(dir.path(), &args);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let human = run("human");
    assert!(human.contains("error[duplicate-id] k.f0d1f70f"), "{human}");
    assert!(human.contains("error[plural-forms]"), "{human}");
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let results: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(results, ["duplicate-id", "plural-forms"]);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["id"] == "plural-forms"));
    let junit = run("junit");
    // Once: the segment's two entries are two test cases, the finding on the second.
    assert_eq!(
        junit.matches("<failure type=\"duplicate-id\"").count(),
        1,
        "{junit}"
    );
    assert!(junit.contains("<failure type=\"plural-forms\""), "{junit}");

    for rule in ["duplicate-id", "plural-forms"] {
        for lang in ["en", "es"] {
            let o = puente(dir.path(), &["--ui-lang", lang, "check", "--explain", rule]);
            assert_eq!(code(&o), 0);
            let out = String::from_utf8(o.stdout).unwrap();
            assert!(out.starts_with(rule) && !out.contains("explain-"), "{out}");
        }
    }
}

/// Issue 11: character references to characters XML 1.0 forbids (`&#x1b;`, `&#xFFFE;`,
/// `&#0;`) are refused with the file and line in XLIFF, TMX and TBX, as xmllint does.
#[test]
fn character_references_xml_forbids_are_refused_with_file_and_line() {
    let dir = project();
    let foreign = fixtures().join("foreign");
    let tbx = std::fs::read_to_string(foreign.join("cat-tool.tbx")).unwrap();
    let tmx = std::fs::read_to_string(foreign.join("cat-tool.tmx")).unwrap();
    let xlf = std::fs::read_to_string(foreign.join("cat-tool-dtd.xlf")).unwrap();
    let cases = [
        (
            "esc.xlf",
            xlf.replacen("<source>Mexico", "<source>&#x1b;]0;pwned&#x7;Mexico", 1),
            9,
        ),
        (
            "fffe.tmx",
            tmx.replacen("<seg>Mexico", "<seg>&#xFFFE;Mexico", 1),
            13,
        ),
        (
            "nul.tbx",
            tbx.replacen("<term>drone strike<", "<term>drone&#0; strike<", 1),
            14,
        ),
    ];
    for (name, text, line) in &cases {
        write(dir.path(), name, text);
        let args: Vec<&str> = match name.rsplit('.').next().unwrap() {
            "xlf" => vec!["check", name],
            "tmx" => vec!["tm", "import", name],
            _ => vec!["glossary", "import", name],
        };
        let o = puente(dir.path(), &args);
        assert_eq!(code(&o), 2, "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(&format!("{name}:{line}:")), "{name}: {err}");
        assert!(err.contains("XML 1.0"), "{name}: {err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }
}

/// Issue 11: a plural entry in a PO whose header has no Plural-Forms, or one msgfmt cannot
/// read, is a plural-forms finding (msgfmt --check refuses all three); a second header entry
/// is a duplicate-id.
#[test]
fn plural_entries_need_a_readable_plural_forms_header() {
    let dir = tempfile::tempdir().unwrap();
    let entry = "msgid \"One reader wrote.\"\nmsgid_plural \"Many readers wrote.\"\n\
                 msgstr[0] \"Un lector escribió.\"\nmsgstr[1] \"Muchos lectores escribieron.\"\n";
    let header = |forms: &str| {
        format!(
            "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\
             \"Content-Type: text/plain; charset=UTF-8\\n\"\n{forms}\"X-Source-Language: en\\n\"\n\n"
        )
    };
    let cases = [
        ("none.po", header(""), "check-plural-no-header"),
        (
            "empty.po",
            header("\"Plural-Forms: nplurals=;\\n\"\n"),
            "nplurals=;",
        ),
        (
            "garbage.po",
            header("\"Plural-Forms: garbage\\n\"\n"),
            "garbage",
        ),
    ];
    for (name, head, said) in &cases {
        write(dir.path(), name, &format!("{head}{entry}"));
        let o = puente(
            dir.path(),
            &["check", "--format", "json", "--to", "es", name],
        );
        assert_eq!(code(&o), 1, "{name}: {}", stderr(&o));
        let out = String::from_utf8(o.stdout).unwrap();
        assert_eq!(out.lines().count(), 1, "{name}: {out}");
        let f: Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(f["rule"], "plural-forms", "{name}: {out}");
        if name != &"none.po" {
            assert!(f["message"].as_str().unwrap().contains(said), "{out}");
        }
    }
    // A second header entry.
    let twice = format!(
        "{}msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\nmsgid \"Hello\"\nmsgstr \"Hola\"\n",
        header("\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n")
    );
    write(dir.path(), "twice.po", &twice);
    let o = puente(
        dir.path(),
        &["check", "--format", "json", "--to", "es", "twice.po"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("\"rule\":\"duplicate-id\""), "{out}");
    if require("msgfmt") {
        for name in ["none.po", "empty.po", "garbage.po", "twice.po"] {
            let m = Command::new("msgfmt")
                .args(["--check", "-o", "/dev/null", name])
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert!(!m.status.success(), "msgfmt accepts {name}");
        }
    }
}

/// Issue 11: `segment --update` on a PO holding an entry twice keeps the other translation as
/// obsolete under a context of its own, never as a `#~` entry with the live entry's msgctxt
/// and msgid, which msgfmt --check refuses ("duplicate message definition").
#[test]
fn update_never_writes_an_obsolete_entry_that_duplicates_a_live_one() {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let reviewed = std::fs::read_to_string(fixtures().join("drone-strikes.es.po")).unwrap();
    let entry = "msgctxt \"k.f0d1f70f\"\nmsgid \"ANALYSIS\"\nmsgstr \"ANÁLISIS\"\n";
    assert!(reviewed.contains(entry));
    let twice = format!(
        "{reviewed}\nmsgctxt \"k.f0d1f70f\"\nmsgid \"ANALYSIS\"\nmsgstr \"ANÁLISIS DE FONDO\"\n"
    );
    write(dir.path(), "drone-strikes.es.po", &twice);
    let o = puente(
        dir.path(),
        &[
            "segment",
            "drone-strikes.en.md",
            "--update",
            "drone-strikes.es.po",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let po = read(dir.path(), "drone-strikes.es.po");
    assert!(
        po.contains("ANÁLISIS DE FONDO"),
        "the other translation is kept"
    );
    assert!(!po.contains("#~ msgctxt \"k.f0d1f70f\"\n"), "{po}");
    let o = puente(dir.path(), &["check", "--to", "es", "drone-strikes.es.po"]);
    assert!(!stderr(&o).contains("duplicate-id"), "{}", stderr(&o));
    if require("msgfmt") {
        let m = Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null", "drone-strikes.es.po"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(m.status.success(), "{}", String::from_utf8_lossy(&m.stderr));
    }
}

/// Issue 11: a CSV glossary loses no data silently: a column named twice and a row with an
/// extra cell are errors with their line and CSV's own hint; two entries with one id are a
/// `glossary lint` error (duplicate-id).
#[test]
fn csv_glossaries_lose_nothing_silently() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "twice.csv", "en,es,en\ncartel,cártel,cartels\n");
    write(
        dir.path(),
        "extra.csv",
        "en,es\ncartel,cártel\nmayor,alcalde,jefe\n",
    );
    for (name, said) in [
        (
            "twice.csv",
            "twice.csv:1: the header row names the column en twice",
        ),
        (
            "extra.csv",
            "extra.csv:3: this row has 3 cells but the header names 2",
        ),
    ] {
        let o = puente(dir.path(), &["glossary", "import", name, "-o", "g.toml"]);
        assert_eq!(code(&o), 2, "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(said), "{err}");
        assert!(!err.contains("DOCTYPE"), "{err}");
        assert!(err.contains("naming each column once"), "{err}");
        assert!(!dir.path().join("g.toml").exists());
    }
    write(
        dir.path(),
        "ids.csv",
        "id,en,es\na,cartel,cártel\na,mayor,alcalde\n",
    );
    let o = puente(
        dir.path(),
        &["glossary", "import", "ids.csv", "-o", "ids.toml"],
    );
    assert!(stderr(&o).contains("1 lint finding"), "{}", stderr(&o));
    let o = puente(dir.path(), &["glossary", "lint", "ids.toml"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(
        all.contains("error[duplicate-id]: a: the id is also used at"),
        "{all}"
    );
}

/// Issue 11: a DOCTYPE is read as XML defines it: a `>` inside a quoted literal does not end
/// it (valid XML loads), while `<!doctype` in lowercase and a public id without a system
/// literal are not well-formed and are refused.
#[test]
fn doctype_literals_and_keywords_are_read_as_xml_defines_them() {
    let dir = project();
    let xlf = std::fs::read_to_string(fixtures().join("foreign/cat-tool-dtd.xlf")).unwrap();
    let doctype = xlf.lines().nth(1).unwrap();
    assert!(doctype.starts_with("<!DOCTYPE xliff PUBLIC"));
    let cases = [
        ("gt.xlf", "<!DOCTYPE xliff SYSTEM \"a>b.dtd\">", 0),
        ("lower.xlf", "<!doctype xliff SYSTEM \"xliff.dtd\">", 2),
        (
            "public.xlf",
            "<!DOCTYPE xliff PUBLIC \"-//XLIFF//DTD XLIFF//EN\">",
            2,
        ),
    ];
    write(dir.path(), "orig.xlf", &xlf);
    let o = puente(dir.path(), &["check", "--format", "json", "orig.xlf"]);
    let expected = code(&o);
    assert_ne!(expected, 2, "{}", stderr(&o));
    for (name, line, refused) in cases {
        write(dir.path(), name, &xlf.replacen(doctype, line, 1));
        let o = puente(dir.path(), &["check", "--format", "json", name]);
        if refused == 2 {
            assert_eq!(code(&o), 2, "{name}: {}", stderr(&o));
            assert!(stderr(&o).contains(&format!("{name}:2")), "{}", stderr(&o));
        } else {
            assert_eq!(code(&o), expected, "{name}: {}", stderr(&o));
        }
    }
}

/// `text` as UTF-16 with a byte order mark, its declaration saying so, as Trados exports TMX.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let text = text.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        if big_endian {
            bytes.extend_from_slice(&unit.to_be_bytes());
        } else {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
    }
    bytes
}

#[test]
fn utf16_tmx_and_tbx_with_a_byte_order_mark_import_like_their_utf8_twins() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = fixtures().join("foreign");
    let tmx = std::fs::read_to_string(foreign.join("cat-tool.tmx")).unwrap();
    let tbx = std::fs::read_to_string(foreign.join("cat-tool.tbx")).unwrap();
    for (i, big) in [false, true].into_iter().enumerate() {
        let name = format!("trados{i}.tmx");
        std::fs::write(dir.path().join(&name), utf16(&tmx, big)).unwrap();
        let memory = format!("m{i}.sqlite");
        let o = puente(dir.path(), &["tm", "import", &name, "--tm", &memory]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(
            stderr(&o).contains("2 new units of 2 read"),
            "{}",
            stderr(&o)
        );

        let name = format!("terms{i}.tbx");
        std::fs::write(dir.path().join(&name), utf16(&tbx, big)).unwrap();
        let out = format!("terms{i}.toml");
        let o = puente(dir.path(), &["glossary", "import", &name, "-o", &out]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let utf8 = dir.path().join("plain.tbx");
        std::fs::write(&utf8, &tbx).unwrap();
        let o = puente(
            dir.path(),
            &["glossary", "import", "plain.tbx", "-o", "plain.toml"],
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        // The same terms, whatever the encoding (the file name in the header comment aside).
        let terms = |f: &str| {
            std::fs::read_to_string(dir.path().join(f))
                .unwrap()
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(terms(&out), terms("plain.toml"));
        std::fs::remove_file(dir.path().join("plain.toml")).unwrap();
    }
    // A UTF-16 document whose declaration names another encoding is refused, and UTF-16 stays
    // refused for articles and work files, which are UTF-8 by definition.
    let lying = utf16(&tmx, false);
    let lying = String::from_utf16(
        &lying[2..]
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect::<Vec<_>>(),
    )
    .unwrap()
    .replace("UTF-16", "ISO-8859-1");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in lying.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(dir.path().join("lying.tmx"), bytes).unwrap();
    let o = puente(
        dir.path(),
        &["tm", "import", "lying.tmx", "--tm", "x.sqlite"],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    std::fs::write(
        dir.path().join("a.en.md"),
        utf16("# Title\n\nText.\n", false),
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "a.en.md", "--to", "es"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}
