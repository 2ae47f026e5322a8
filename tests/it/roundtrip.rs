//! The round-trip invariant over every fixture, through the real binary: segment, then merge
//! with nothing translated, reproduces the source byte for byte (PO and XLIFF) but for the
//! front matter's `lang`, which names the target edition's language; and the
//! pseudo-translation (every msgstr uppercased) changes exactly the segments and that value.

use std::path::Path;

use puente::article::{Article, Edition, Format};
use puente::lang::Lang;
use puente::workfile::po::Catalog;

use crate::support::*;

/// `text` with its front matter's `lang` value (YAML `lang: x`, quoted or not, or TOML
/// `lang = "x"`) replaced by `lang`, everything else byte for byte: what a merge into the
/// other edition must give when nothing is translated. Written line by line, apart from the
/// article model it checks.
fn in_edition(text: &str, lang: Lang) -> String {
    let mut out = String::new();
    let mut fences = 0;
    let mut done = false;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_start_matches('\u{feff}').trim_end();
        if bare == "---" || bare == "+++" {
            fences += 1;
        }
        let key = line.trim_start_matches('\u{feff}');
        let sep = key.strip_prefix("lang").map(str::trim_start);
        match sep {
            Some(rest)
                if fences == 1 && !done && (rest.starts_with(':') || rest.starts_with('=')) =>
            {
                let value_at = line.len() - rest.len() + 1;
                let value = &line[value_at..];
                let lead = value.len() - value.trim_start().len();
                let v = &value[lead..];
                let (open, body) = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => (q.to_string(), &v[1..]),
                    _ => (String::new(), v),
                };
                let end = if open.is_empty() {
                    body.find([' ', '\r', '\n']).unwrap_or(body.len())
                } else {
                    body.find(open.as_str()).unwrap()
                };
                out.push_str(&line[..value_at + lead]);
                out.push_str(&open);
                out.push_str(lang.code());
                out.push_str(&body[end..]);
                done = true;
            }
            _ => out.push_str(line),
        }
    }
    out
}

fn lang_of(path: &Path) -> Lang {
    if path.to_string_lossy().contains(".es.") {
        Lang::Es
    } else {
        Lang::En
    }
}

/// `text` as a draft edition of it says it is one, computed line by line apart from the
/// article model: a Markdown article's front matter gets `draft: true` (`draft = true` in
/// TOML) after its opening line, in the article's line endings, or a `---` header of its own
/// when it has none; plain text is left as it is.
fn flagged(text: &str, markdown: bool) -> String {
    if !markdown {
        return text.to_string();
    }
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let first = body.split_inclusive('\n').next().unwrap_or("");
    let eol = if first.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    match first.trim_end() {
        "---" => format!("{bom}{first}draft: true{eol}{}", &body[first.len()..]),
        "+++" => format!("{bom}{first}draft = true{eol}{}", &body[first.len()..]),
        _ => format!("{bom}---{eol}draft: true{eol}---{eol}{body}"),
    }
}

#[test]
fn draft_merge_of_an_untranslated_work_file_is_the_source_flagged_as_a_draft() {
    for fixture in article_fixtures() {
        for format in ["po", "xliff"] {
            let (dir, article) = scratch_with(&fixture);
            let name = article.file_name().unwrap().to_str().unwrap().to_string();
            let wf = format!("work.{}", if format == "po" { "po" } else { "xlf" });
            let o = puente(
                dir.path(),
                &["segment", &name, "-o", &wf, "--format", format],
            );
            assert_eq!(code(&o), 0, "{name} {format}: {}", stderr(&o));
            let o = puente(dir.path(), &["merge", &wf, "--draft", "-o", "out"]);
            assert_eq!(code(&o), 0, "{name} {format}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("with the source text"),
                "{}",
                stderr(&o)
            );
            assert!(stderr(&o).contains("as a DRAFT"), "{}", stderr(&o));
            let original = std::fs::read_to_string(&fixture).unwrap();
            let merged = std::fs::read_to_string(dir.path().join("out")).unwrap();
            let markdown = Format::detect(&name, &original) == Format::Markdown;
            let expected = flagged(&in_edition(&original, lang_of(&fixture).other()), markdown);
            assert!(
                expected == merged,
                "{name} ({format}) is not the source flagged as a draft:\n{merged}"
            );
        }
    }
}

#[test]
fn merge_without_draft_refuses_and_lists_segments() {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let o = puente(dir.path(), &["segment", "drone-strikes.en.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = puente(dir.path(), &["merge", "drone-strikes.es.po"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("54 segments are not ready"), "{err}");
    assert!(
        err.contains("k.f0d1f70f (drone-strikes.en.md:3): untranslated"),
        "{err}"
    );
    assert!(!dir.path().join("drone-strikes.es.md").exists());
}

/// The expected pseudo-translation, computed from the article model independently of merge:
/// each segment's source span uppercased, except the text its placeholders stand for.
fn uppercase_segments(article: &Article) -> String {
    let src = &article.source;
    let mut out = String::new();
    let mut at = 0;
    for seg in &article.segments {
        out.push_str(&src[at..seg.span.start]);
        let raw = &src[seg.span.clone()];
        // Keep placeholder data as is; uppercase the rest.
        let mut rest = raw;
        for p in &seg.placeholders {
            let i = rest.find(p.as_str()).unwrap();
            out.push_str(&rest[..i].to_uppercase());
            out.push_str(p);
            rest = &rest[i + p.len()..];
        }
        out.push_str(&rest.to_uppercase());
        at = seg.span.end;
    }
    out.push_str(&src[at..]);
    out
}

#[test]
fn pseudo_translation_changes_exactly_the_segments() {
    for fixture in article_fixtures() {
        let (dir, article_path) = scratch_with(&fixture);
        let name = article_path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let o = puente(dir.path(), &["segment", &name, "-o", "w.po"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let po = dir.path().join("w.po");
        let mut cat = Catalog::parse(&std::fs::read_to_string(&po).unwrap()).unwrap();
        for e in &mut cat.entries {
            // `{n}` placeholders survive uppercasing, as digits have no case.
            e.msgstr = vec![e.msgid.to_uppercase()];
        }
        std::fs::write(&po, cat.write()).unwrap();
        let o = puente(dir.path(), &["merge", "w.po", "-o", "out"]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        let text = std::fs::read_to_string(&fixture).unwrap();
        let format = Format::detect(&name, &text);
        let article = Article::parse(text, format, lang_of(&fixture)).unwrap();
        // Front matter values are written back escaped; compare through the model for them.
        // A final merge: the edition's language, and no draft flag.
        let final_edition = Edition {
            lang: Some(lang_of(&fixture).other().code()),
            draft: Some(false),
        };
        let expected = article.render_in(&final_edition, |s| {
            let mut t = article.text(s).to_uppercase();
            for (i, p) in s.placeholders.iter().enumerate() {
                t = t.replace(&format!("{{{}}}", i + 1), p);
            }
            Some(t)
        });
        let got = std::fs::read_to_string(dir.path().join("out")).unwrap();
        assert_eq!(got, expected, "{name}");
        if article.front.is_none() {
            assert_eq!(got, uppercase_segments(&article), "{name}");
        }
        // The model and the line-by-line reading agree on where `lang` is.
        let lang_only = Edition {
            lang: Some(lang_of(&fixture).other().code()),
            draft: None,
        };
        let untouched = article.render_in(&lang_only, |_| None);
        assert_eq!(
            untouched,
            in_edition(&article.source, lang_of(&fixture).other()),
            "{name}"
        );
    }
}

/// The reviewed Spanish translation of the sample article (`tests/fixtures/drone-strikes.es.po`,
/// written as the newsroom would publish it) merges completely into the edition kept in
/// `tests/fixtures/expected/`, which a person has read.
#[test]
fn reviewed_translation_merges_into_the_spanish_edition() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    let o = puente(dir.path(), &["merge", "drone-strikes.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("54 of 54 segments translated"),
        "{}",
        stderr(&o)
    );
    let got = std::fs::read_to_string(dir.path().join("drone-strikes.es.md")).unwrap();
    let want = std::fs::read_to_string(fixtures().join("expected/drone-strikes.es.md")).unwrap();
    assert_eq!(got, want);
    // The quotes said in Spanish are printed in their original words.
    assert!(got.contains("«Nos coordinamos, colaboramos, pero no nos subordinamos»,"));
    assert!(got.contains("«abrazos, no balazos»"));
}

/// Issue 11: a translation with a NUL (a `\000` escape in the PO) or another control
/// character is never written into the article: merge names the segment and stops, and a
/// draft keeps the source text there.
#[test]
fn merge_refuses_control_characters_in_a_translation() {
    let (dir, _) = scratch_with(&fixtures().join("drone-strikes.en.md"));
    let reviewed = std::fs::read_to_string(fixtures().join("drone-strikes.es.po")).unwrap();
    let po = reviewed
        .replace("msgstr \"ANÁLISIS\"", "msgstr \"AN\\000ÁLISIS\"")
        .replace(
            "msgstr \"La amenaza de las medidas unilaterales\"",
            "msgstr \"La amenaza\\033[2J de las medidas unilaterales\"",
        );
    assert_ne!(po, reviewed);
    std::fs::write(dir.path().join("drone-strikes.es.po"), po).unwrap();
    let o = puente(dir.path(), &["merge", "drone-strikes.es.po"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("k.f0d1f70f"), "{err}");
    assert!(err.contains("control character U+0000"), "{err}");
    assert!(err.contains("s.8e1cf494"), "{err}");
    assert!(err.contains("control character U+001B"), "{err}");
    assert!(!dir.path().join("drone-strikes.es.md").exists());
    let o = puente(dir.path(), &["merge", "drone-strikes.es.po", "--draft"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = std::fs::read_to_string(dir.path().join("drone-strikes.es.md")).unwrap();
    assert!(!out.contains('\0') && !out.contains('\u{1b}'));
    assert!(out.contains("ANALYSIS"), "the source text is kept");
}
