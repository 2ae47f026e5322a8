//! Work files keep what belongs to their owner: a PO file saved by Poedit (its header, its
//! `Language: es_MX`, its lines wrapped at 79 columns by gettext's rules) goes through
//! `segment --update` and `translate` with only what puente must change changed, and the
//! wrapping puente writes is msgcat's own.

use std::path::Path;
use std::process::Command;

use puente::workfile::po::{write_entry_with, Catalog, Wrap};

use crate::support::{assert_valid_xliff, code, fixtures, puente, require, stderr};

/// Runs msgcat with `args` over `file` in `dir` and returns what it writes.
fn msgcat(dir: &Path, file: &str, args: &[&str]) -> String {
    require("msgcat");
    let o = Command::new("msgcat")
        .current_dir(dir)
        .args(args)
        .arg(file)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn msgfmt_check(dir: &Path, file: &str) {
    require("msgfmt");
    let o = Command::new("msgfmt")
        .current_dir(dir)
        .args(["--check", "-o", "/dev/null", file])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The header a translator's Poedit 3 leaves: its own generator, the regional language as
/// Poedit spells it, the translator and team, a custom field, comments of the team's.
const POEDIT_HEADER: &str = "# Spanish translation of drone-strikes.en.md.\n\
# Copyright (C) 2026 El Diario\n\
# Ana López <ana.lopez@example.mx>, 2026.\n\
#\n\
msgid \"\"\n\
msgstr \"\"\n\
\"Project-Id-Version: Drone strikes analysis\\n\"\n\
\"POT-Creation-Date: 2026-11-20 09:00-0600\\n\"\n\
\"PO-Revision-Date: 2026-11-23 15:45-0600\\n\"\n\
\"Last-Translator: Ana López <ana.lopez@example.mx>\\n\"\n\
\"Language-Team: Mesa de traducción <traduccion@example.mx>\\n\"\n\
\"Language: es_MX\\n\"\n\
\"MIME-Version: 1.0\\n\"\n\
\"Content-Type: text/plain; charset=UTF-8\\n\"\n\
\"Content-Transfer-Encoding: 8bit\\n\"\n\
\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\
\"X-Generator: Poedit 3.4\\n\"\n\
\"X-Poedit-SourceCharset: UTF-8\\n\"\n\
\"X-Source-Language: en\\n\"\n\
\"X-Puente-Source: drone-strikes.en.md\\n\"\n";

/// Makes `po` (a puente work file in `dir`) look as Poedit 3 saves it: Poedit's header (with
/// puente's checksum line kept) and every string wrapped at 79 columns by msgcat.
fn as_poedit_saves_it(dir: &Path, po: &str) {
    let path = dir.join(po);
    let text = std::fs::read_to_string(&path).unwrap();
    let sha = text
        .lines()
        .find(|l| l.starts_with("\"X-Puente-Source-SHA256"))
        .unwrap()
        .to_string();
    let body = &text[text.find("\n\n").unwrap()..];
    std::fs::write(&path, format!("{POEDIT_HEADER}{sha}\n{body}")).unwrap();
    let wrapped = msgcat(dir, po, &["--width=79"]);
    std::fs::write(&path, wrapped).unwrap();
}

/// A scratch folder with the sample article and its reviewed translation as Poedit saved it.
fn poedit_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    // The fixture is brought up to this version's notes first: what puente owns in an entry
    // (its `#.` notes) is not what this test is about.
    update(dir.path());
    as_poedit_saves_it(dir.path(), "drone-strikes.es.po");
    dir
}

fn update(dir: &Path) {
    let o = puente(
        dir,
        &[
            "segment",
            "drone-strikes.en.md",
            "--update",
            "drone-strikes.es.po",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

/// The entries (blank-line separated blocks) of `a` that `b` does not have.
fn only_in<'a>(a: &'a str, b: &str) -> Vec<&'a str> {
    let blocks = |t: &'a str| t.split("\n\n").map(|e| e.trim_end_matches('\n'));
    let theirs: std::collections::HashSet<&str> =
        b.split("\n\n").map(|e| e.trim_end_matches('\n')).collect();
    blocks(a).filter(|e| !theirs.contains(e)).collect()
}

#[test]
fn an_update_with_no_change_leaves_a_poedit_file_byte_for_byte() {
    let dir = poedit_project();
    let path = dir.path().join("drone-strikes.es.po");
    let before = std::fs::read_to_string(&path).unwrap();
    // The file is wrapped: the test is not passing on a file with nothing to wrap.
    assert!(before.contains("msgstr \"\"\n\"La "), "{before}");
    update(dir.path());
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after == before, "{:#?}", only_in(&after, &before));
}

#[test]
fn an_update_with_one_changed_paragraph_changes_only_that_entry() {
    let dir = poedit_project();
    let path = dir.path().join("drone-strikes.es.po");
    let before = std::fs::read_to_string(&path).unwrap();
    let article = dir.path().join("drone-strikes.en.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let from = "The escalating dispute highlights the fragile balance";
    assert!(text.contains(from));
    std::fs::write(
        &article,
        text.replacen(
            from,
            "The escalating dispute exposes the fragile balance",
            1,
        ),
    )
    .unwrap();
    update(dir.path());
    let after = std::fs::read_to_string(&path).unwrap();

    let added = only_in(&after, &before);
    let removed = only_in(&before, &after);
    // The header (only its checksum), the entry before the changed one (only its note that
    // quotes the next sentence, which is puente's), the changed entry, and its old
    // translation kept as obsolete at the end.
    assert_eq!(added.len(), 4, "{added:#?}");
    assert_eq!(removed.len(), 3, "{removed:#?}");
    let changed_lines = |a: &str, b: &str| -> Vec<String> {
        a.lines()
            .zip(b.lines())
            .filter(|(x, y)| x != y)
            .map(|(_, y)| y.to_string())
            .collect()
    };
    let header_diff = changed_lines(removed[0], added[0]);
    assert_eq!(header_diff.len(), 1, "{header_diff:#?}");
    // The checksum is longer than a line, so msgcat wrapped it: the hash is its own line.
    assert_eq!(
        header_diff[0].len(),
        "\"\\n\"".len() + 64,
        "{header_diff:#?}"
    );
    let note_diff = changed_lines(removed[1], added[1]);
    assert_eq!(
        note_diff,
        ["#. next: The escalating dispute exposes the fragile balance at stake between security cooperation and national autonomy."]
    );
    for kept in [
        "\"Language: es_MX\\n\"",
        "\"X-Generator: Poedit 3.4\\n\"",
        "\"Last-Translator: Ana López <ana.lopez@example.mx>\\n\"",
        "\"Language-Team: Mesa de traducción <traduccion@example.mx>\\n\"",
        "\"Project-Id-Version: Drone strikes analysis\\n\"",
        "\"POT-Creation-Date: 2026-11-20 09:00-0600\\n\"",
        "\"X-Poedit-SourceCharset: UTF-8\\n\"",
        "# Ana López <ana.lopez@example.mx>, 2026.",
    ] {
        assert!(added[0].contains(kept), "{kept}\n{}", added[0]);
    }
    assert!(added[2].contains("#, fuzzy"), "{}", added[2]);
    assert!(
        added[2].contains("\"The escalating dispute exposes"),
        "{}",
        added[2]
    );
    assert!(added[3].contains("#~ msgid"), "{}", added[3]);
    // The new and changed entries are wrapped as msgcat wraps them: a round trip through
    // msgcat gives the same bytes, and msgfmt accepts the file.
    assert!(
        msgcat(dir.path(), "drone-strikes.es.po", &["--width=79"]) == after,
        "{:#?}",
        only_in(
            &msgcat(dir.path(), "drone-strikes.es.po", &["--width=79"]),
            &after
        )
    );
    msgfmt_check(dir.path(), "drone-strikes.es.po");
}

#[test]
fn translate_keeps_a_poedit_header_and_its_wrapping() {
    require("apertium");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("drone-strikes.en.md"),
        dir.path().join("drone-strikes.en.md"),
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "drone-strikes.en.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    as_poedit_saves_it(dir.path(), "drone-strikes.es.po");
    let path = dir.path().join("drone-strikes.es.po");
    let before = std::fs::read_to_string(&path).unwrap();
    let header = &before[..before.find("\n\n").unwrap()];

    let o = puente(dir.path(), &["translate", "drone-strikes.es.po"]);
    assert!(matches!(code(&o), 0 | 1), "{}", stderr(&o));
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(&format!("{header}\n\n")), "{after}");
    // Translations were written, long ones among them, and wrapped at 79 as msgcat would.
    assert!(after.matches("#, fuzzy").count() > 40, "{after}");
    assert!(
        after.lines().filter(|l| l.starts_with('"')).count()
            > before.lines().filter(|l| l.starts_with('"')).count() + 40
    );
    let again = msgcat(dir.path(), "drone-strikes.es.po", &["--width=79"]);
    assert!(again == after, "{:#?}", only_in(&again, &after));
    msgfmt_check(dir.path(), "drone-strikes.es.po");
}

/// Strings that exercise the wrapping: the sample's sentences and translations, and the hard
/// cases (long words and URLs, escapes, tabs, quotes of every kind, dashes, brackets, accents
/// and combining accents, wide characters, text around `\n`).
fn hard_strings() -> Vec<String> {
    let po = std::fs::read_to_string(fixtures().join("drone-strikes.es.po")).unwrap();
    let cat = Catalog::parse(&po).unwrap();
    let mut out: Vec<String> = cat
        .entries
        .iter()
        .flat_map(|e| [e.msgid.clone(), e.msgstr().to_string()])
        .collect();
    let pad = "Según fuentes oficiales consultadas por este diario, la situación";
    for tail in [
        " «No vamos a permitir que la sequía afecte a 1.500.000 personas», dijo.",
        " —según la empresa— no respondió; otros dijeron 50/50 o «quizá».",
        " ¿Qué pasó? ¡Nadie lo sabe! El 15% de los encuestados no respondió nada.",
        " Supercalifragilisticexpialidocious-antidisestablishmentarianism-more words",
        " https://example.com/a/very/long/path/that/does/not/fit/on/any/line/at/all ok",
        " \"quoted\" and a backslash \\ here with\ttabs and more words to wrap it",
        " «cita» (aparte) “comillas” ‘simples’ y el {1} marcador{2}texto final aquí",
        " un guion – otro guion — y otro—pegado, 12-13 y well-known y 3—4 fin",
        " línea uno\nlínea dos que es mucho más larga que la primera y que pasa de ancho\n",
        " combinación de acentos: cafe\u{301} cafe\u{301} cafe\u{301} cafe\u{301} y más texto aquí",
        " 東京で会議が開かれた 東京で会議が開かれた 東京で会議が開かれた ok",
        "\n",
        " ends with a newline only and is long enough to need wrapping at seventy-nine\n",
    ] {
        out.push(format!("{pad}{tail}"));
    }
    out.push(String::new());
    out
}

#[test]
fn wrapping_is_msgcats_at_every_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut cat = Catalog::default();
    cat.set_header_fields(&[("Content-Type", "text/plain; charset=UTF-8".to_string())]);
    for (i, s) in hard_strings().into_iter().enumerate() {
        let mut e = puente::workfile::po::Entry {
            msgctxt: Some(format!("p.{i}")),
            msgid: s.clone(),
            msgstr: vec![s],
            ..Default::default()
        };
        if i % 5 == 0 {
            e.previous = vec![format!(
                " msgid \"{}\"",
                puente::workfile::po::escape(&e.msgid)
            )];
            e.flags = vec!["fuzzy".to_string()];
        }
        cat.entries.push(e);
    }
    // Obsolete entries (msgcat writes them last) are wrapped with their `#~ ` in the width.
    let obsolete: Vec<_> = cat
        .entries
        .iter()
        .filter(|e| e.msgid.len() > 60)
        .take(12)
        .cloned()
        .map(|mut e| {
            e.obsolete = true;
            e.previous.clear();
            e.msgctxt = e.msgctxt.map(|c| format!("{c} (old)"));
            e
        })
        .collect();
    cat.entries.extend(obsolete);
    std::fs::write(dir.path().join("in.po"), cat.write()).unwrap();
    for (wrap, args) in [
        (Wrap::Width(79), vec!["--width=79"]),
        (Wrap::Width(80), vec!["--width=80"]),
        (Wrap::Width(60), vec!["--width=60"]),
        (Wrap::Width(40), vec!["--width=40"]),
        (Wrap::None, vec!["--no-wrap"]),
    ] {
        let want = msgcat(dir.path(), "in.po", &args);
        let mut got = String::new();
        for (i, e) in cat.header.iter().chain(&cat.entries).enumerate() {
            if i > 0 {
                got.push('\n');
            }
            write_entry_with(&mut got, e, wrap);
        }
        assert!(got == want, "{wrap:?}: {:#?}", only_in(&got, &want));
    }
}

#[test]
fn a_file_is_read_with_its_wrapping() {
    let dir = tempfile::tempdir().unwrap();
    let po = std::fs::read_to_string(fixtures().join("drone-strikes.es.po")).unwrap();
    std::fs::write(dir.path().join("a.po"), &po).unwrap();
    for (wrap, args) in [
        (Wrap::Width(79), vec!["--width=79"]),
        (Wrap::Width(80), vec!["--width=80"]),
        (Wrap::None, vec!["--no-wrap"]),
    ] {
        let text = msgcat(dir.path(), "a.po", &args);
        let cat = Catalog::parse_keeping_form(&text).unwrap();
        assert_eq!(cat.wrap(), wrap);
        assert!(cat.write() == text);
    }
}

#[test]
fn an_xliff_update_keeps_the_languages_as_spelled() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("drone-strikes.en.md"),
        dir.path().join("drone-strikes.en.md"),
    )
    .unwrap();
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "-o", "d.xlf"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let path = dir.path().join("d.xlf");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(" srcLang=\"en\" trgLang=\"es\""), "{text}");
    let text = text.replacen(
        " srcLang=\"en\" trgLang=\"es\"",
        " srcLang=\"en-US\" trgLang=\"es-MX\"",
        1,
    );
    // A note of the desk's on the file, and one without a category.
    let at = text.find("<note category=\"puente:generator\">").unwrap();
    let at = at + text[at..].find("</note>").unwrap() + "</note>".len();
    let text = format!(
        "{}\n      <note category=\"desk\">Revisar cifras con la fuente.</note>\n      <note>Sin categoría.</note>{}",
        &text[..at],
        &text[at..]
    );
    std::fs::write(&path, &text).unwrap();
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "--update", "d.xlf"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after == text, "{after}");
    assert_valid_xliff(dir.path(), "d.xlf");
    // A file whose languages are not the article's any more is given the article's.
    let o = puente(
        dir.path(),
        &[
            "segment",
            "drone-strikes.en.md",
            "--from",
            "es",
            "--to",
            "en",
            "-o",
            "d.xlf",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains(" srcLang=\"es\" trgLang=\"en\""), "{after}");
}

/// Random prose from the characters news text is written with (words of every length,
/// accents, digits, every kind of punctuation, quotes, brackets, dashes, escapes), wrapped by
/// puente and by msgcat at several widths: the same lines.
#[test]
fn random_prose_wraps_as_msgcat_wraps_it() {
    let pieces = [
        "el",
        "de",
        "presidente",
        "Sheinbaum",
        "sequía",
        "años",
        "U.S.",
        "EE. UU.",
        "1.500",
        "70",
        "15%",
        "$12",
        "«cita»",
        "“quote”",
        "‘single’",
        "(aparte)",
        "[nota]",
        "{1}",
        "¿qué?",
        "¡ya!",
        "dijo:",
        "ok,",
        "fin.",
        "y;",
        "well-known",
        "12-13",
        "—según—",
        "– guion",
        "50/50",
        "a/b",
        "…",
        "http://example.com/a",
        "it’s",
        "\"q\"",
        "back\\slash",
        "tab\tx",
        "antidisestablishmentarianism",
        "x",
        "a.",
        "b,",
        "naïve",
        "cafe\u{301}",
        "Ñandú",
        "«¿Por qué?»",
        "(«cita»)",
        "—",
        "--",
        "e.g.",
        ")",
        "(",
        "» (",
        ":",
        "?",
        "!",
    ];
    let mut rng = fastrand::Rng::with_seed(16);
    let mut cat = Catalog::default();
    cat.set_header_fields(&[("Content-Type", "text/plain; charset=UTF-8".to_string())]);
    for i in 0..1000 {
        let n = rng.usize(5..40);
        let mut s = String::new();
        for k in 0..n {
            if k > 0 {
                // Mostly one space, sometimes none or two.
                s.push_str(["", " ", " ", " ", " ", "  "][rng.usize(0..6)]);
            }
            s.push_str(pieces[rng.usize(0..pieces.len())]);
        }
        cat.entries.push(puente::workfile::po::Entry {
            msgctxt: Some(format!("r.{i}")),
            msgid: s,
            msgstr: vec![String::new()],
            ..Default::default()
        });
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.po"), cat.write()).unwrap();
    for width in [79, 80, 50, 30] {
        let want = msgcat(dir.path(), "in.po", &[&format!("--width={width}")]);
        let mut got = String::new();
        for (i, e) in cat.header.iter().chain(&cat.entries).enumerate() {
            if i > 0 {
                got.push('\n');
            }
            write_entry_with(&mut got, e, Wrap::Width(width));
        }
        let wrong = only_in(&got, &want);
        assert!(wrong.is_empty(), "width {width}: {wrong:#?}");
    }
}
