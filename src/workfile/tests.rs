use super::*;
use crate::article::Format;

const MD: &str = "---\nlang: en\ntitle: \"Mexico Resists Drone Strikes\"\nkicker: ANALYSIS\nrelated:\n  - title: \"Ecuador Decides\"\n---\n\n## The Threat\n\nRead [the report](https://x.test/r). It *matters*, says `Sheinbaum`.\n";

fn extract(article: &Article) -> Extract<'_> {
    Extract::new(article, "a.md", Lang::En, Lang::Es)
}

fn article() -> Article {
    Article::parse(MD.to_string(), Format::Markdown, Lang::En).unwrap()
}

#[test]
fn po_round_trip_and_pseudo_translation() {
    let a = article();
    let x = extract(&a);
    let po = x.to_po(None).write();
    let mut cat = Catalog::parse(&po).unwrap();
    assert_eq!(cat.header_field(FIELD_SOURCE).as_deref(), Some("a.md"));
    let wf = WorkFile::read(&po, WorkFormat::Po).unwrap();
    assert_eq!(wf.units.len(), a.segments.len());
    let merged = merge::merge(&a, &wf, false);
    // Nothing translated: the source byte for byte, but for the edition's language.
    assert_eq!(merged.output, MD.replace("lang: en", "lang: es"));
    assert_eq!(merged.pending.len(), a.segments.len());

    for e in &mut cat.entries {
        e.msgstr = vec![e.msgid.to_uppercase()];
    }
    let wf = WorkFile::read(&cat.write(), WorkFormat::Po).unwrap();
    let merged = merge::merge(&a, &wf, false);
    assert!(merged.pending.is_empty(), "{:?}", merged.pending);
    let expected = MD
        .replace("lang: en", "lang: es")
        .replace(
            "Mexico Resists Drone Strikes",
            "MEXICO RESISTS DRONE STRIKES",
        )
        .replace("Ecuador Decides", "ECUADOR DECIDES")
        .replace("The Threat", "THE THREAT")
        .replace("Read [the report]", "READ [THE REPORT]")
        .replace(
            "It *matters*, says `Sheinbaum`.",
            "IT *MATTERS*, SAYS `Sheinbaum`.",
        );
    assert_eq!(merged.output, expected);
}

#[test]
fn rewriting_po_keeps_translations_and_comments() {
    let a = article();
    let x = extract(&a);
    let mut cat = x.to_po(None);
    cat.entries[0].msgstr = vec!["México resiste".into()];
    cat.entries[0].translator_comments = vec!["checked with the desk".into()];
    cat.set_header_fields(&[("Last-Translator", "Ana <ana@example.com>".into())]);
    // The source changes: the headline is edited, a sentence is dropped.
    let changed = MD.replace("It *matters*, says `Sheinbaum`.", "");
    let b = Article::parse(changed, Format::Markdown, Lang::En).unwrap();
    let y = extract(&b);
    let mut old = cat.clone();
    old.entries[4].msgstr = vec!["LEE".into()];
    old.entries[5].msgstr = vec!["IMPORTA".into()];
    let new = y.to_po(Some(&old));
    assert_eq!(new.entries[0].msgstr(), "México resiste");
    assert_eq!(
        new.entries[0].translator_comments,
        ["checked with the desk"]
    );
    assert_eq!(
        new.header_field("Last-Translator").as_deref(),
        Some("Ana <ana@example.com>")
    );
    let obsolete: Vec<_> = new.entries.iter().filter(|e| e.obsolete).collect();
    assert_eq!(obsolete.len(), 1);
    assert_eq!(obsolete[0].msgstr(), "IMPORTA");
}

#[test]
fn xliff_round_trip_with_codes() {
    let a = article();
    let x = extract(&a);
    let xml = x.to_xliff(None);
    assert!(
        xml.contains("<pc id=\"c0-1\" dataRefStart=\"ds0-1\" dataRefEnd=\"d0-1\">the report</pc>"),
        "{xml}"
    );
    assert!(xml.contains("<ph id=\"c1-1\" dataRef=\"d1-1\"/>"), "{xml}");
    let doc = xliff::read(&xml).unwrap();
    let wf = doc.clone().into_workfile();
    assert!(wf.meta.is_some());
    for (u, s) in wf.units.iter().zip(&a.segments) {
        assert_eq!(u.source, a.text(s));
        assert_eq!(u.state, State::Untranslated);
    }
    // Translate one segment in a CAT tool: a target with the same codes, state translated.
    let translated = xml.replace(
        "<source>Read <pc id=\"c0-1\" dataRefStart=\"ds0-1\" dataRefEnd=\"d0-1\">the report</pc>.</source>",
        "<source>Read <pc id=\"c0-1\" dataRefStart=\"ds0-1\" dataRefEnd=\"d0-1\">the report</pc>.</source><target>Lee <pc id=\"c0-1\" dataRefStart=\"ds0-1\" dataRefEnd=\"d0-1\">el informe</pc>.</target>",
    ).replacen("state=\"initial\"><source>Read", "state=\"translated\"><source>Read", 1);
    let wf = WorkFile::read(&translated, WorkFormat::Xliff).unwrap();
    let merged = merge::merge(&a, &wf, false);
    assert!(
        merged
            .output
            .contains("Lee [el informe](https://x.test/r). It"),
        "{}",
        merged.output
    );
    // Rewriting carries the target over.
    let again = x.to_xliff(Some(&xliff::read(&translated).unwrap()));
    assert!(again.contains("<target>Lee <pc"));
}

#[test]
fn xliff_with_a_doctype_naming_an_external_dtd_is_read() {
    let a = Article::parse(
        "One sentence here. And another one.\n".to_string(),
        Format::Markdown,
        Lang::En,
    )
    .unwrap();
    let x = extract(&a);
    let xlf = x.to_xliff(None).replacen(
        "?>\n",
        "?>\n<!DOCTYPE xliff SYSTEM \"xliff_core_2.0.dtd\">\n",
        1,
    );
    assert!(xlf.contains("<!DOCTYPE"));
    let wf = WorkFile::read(&xlf, WorkFormat::Xliff).unwrap();
    assert_eq!(wf.units.len(), 2);
}

#[test]
fn xliff_refuses_doctype_and_reports_position() {
    let bad = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<xliff>&e;</xliff>";
    let e = xliff::read(bad).unwrap_err();
    assert_eq!(e.line, 2);
    let e = xliff::read("<xliff>\n  <file>\n</xliff>").unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    // A work file cut short is an error, not a file with its last segments missing.
    let e =
        xliff::read("<xliff srcLang=\"en\">\n  <file id=\"f\">\n    <unit id=\"u\">").unwrap_err();
    assert_eq!(
        e.kind,
        xliff::XliffProblem::Xml(crate::xml::XmlProblem::Truncated),
        "{e}"
    );
}

/// Regression (found by the `workfiles` fuzz target): an error right after a BOM reported a
/// position inside the BOM and panicked while computing the column.
#[test]
fn xliff_error_after_bom_does_not_panic() {
    let e = xliff::read("\u{feff}&").unwrap_err();
    assert_eq!(e.line, 1);
}

#[test]
fn context_notes_show_the_neighbouring_words_within_a_bound() {
    // A short paragraph: the neighbouring sentences whole, no ellipsis.
    let a = Article::parse(
        "First one here. Second one here. Third one here.\n".to_string(),
        Format::Markdown,
        Lang::En,
    )
    .unwrap();
    let cat = extract(&a).to_po(None);
    let notes: Vec<&[String]> = cat
        .entries
        .iter()
        .map(|e| &e.extracted_comments[..])
        .collect();
    assert_eq!(notes[0], ["paragraph", "next: Second one here."]);
    assert_eq!(
        notes[1],
        [
            "paragraph",
            "previous: First one here.",
            "next: Third one here."
        ]
    );
    assert_eq!(notes[2], ["paragraph", "previous: Second one here."]);

    // Long sentences: cut at a word, with an ellipsis.
    let long = "The mayor of the northern town, speaking to reporters outside the council building on a cold and windy Tuesday morning, said that the new road would open next spring.";
    let text = format!("Short one. {long} Another short one.\n");
    let a = Article::parse(text, Format::Markdown, Lang::En).unwrap();
    let cat = extract(&a).to_po(None);
    let before = cat.entries[2].extracted_comments[1]
        .strip_prefix("previous: …")
        .unwrap();
    let after = cat.entries[0].extracted_comments[1]
        .strip_prefix("next: ")
        .unwrap();
    let after = after.strip_suffix('…').unwrap();
    for side in [before, after] {
        assert!(side.chars().count() <= CONTEXT_CHARS, "{side}");
        assert!(side.chars().count() > CONTEXT_CHARS - 15, "{side}");
    }
    // Whole words: a space stands where each was cut.
    assert!(long.ends_with(&format!(" {before}")), "{before}");
    assert!(long.starts_with(&format!("{after} ")), "{after}");

    // A long paragraph of short sentences: the work file stays a small multiple of the
    // article (each entry quoted the whole paragraph before).
    let sentence = "The mayor of the northern town said the road would open next spring. ";
    let text = format!("{}\n", sentence.repeat(2000).trim_end());
    let a = Article::parse(text.clone(), Format::Markdown, Lang::En).unwrap();
    let cat = extract(&a).to_po(None);
    assert_eq!(cat.entries.len(), 2000);
    let po = cat.write();
    assert!(
        po.len() < 5 * text.len(),
        "{} bytes for {}",
        po.len(),
        text.len()
    );
}

#[test]
fn ids_used_twice_are_issues_and_read_refuses_them() {
    // A foreign PO: the same msgctxt with different msgids is fine gettext; the same pair is not.
    let foreign = "msgctxt \"menu\"\nmsgid \"Open\"\nmsgstr \"Abrir\"\n\n\
                   msgctxt \"menu\"\nmsgid \"Close\"\nmsgstr \"Cerrar\"\n\n\
                   msgctxt \"menu\"\nmsgid \"Open\"\nmsgstr \"Abre\"\n";
    let wf = WorkFile::read_any(foreign, WorkFormat::Po).unwrap();
    assert_eq!(
        wf.issues,
        [Issue {
            unit: 2,
            kind: IssueKind::Duplicate {
                id: "menu".into(),
                first_line: 1
            }
        }]
    );
    let e = WorkFile::read(foreign, WorkFormat::Po).unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 9, column 1: the id menu is used twice (first at line 1)"
    );

    // puente's own PO: a segment id twice is a duplicate even with another msgid.
    let a = article();
    let po = extract(&a).to_po(None).write();
    let last = po.rfind("msgctxt \"").unwrap();
    let first_id = &po[po.find("msgctxt \"").unwrap()..];
    let first_id = &first_id[..first_id.find('\n').unwrap()];
    let changed = format!(
        "{}{}{}",
        &po[..last],
        first_id,
        &po[last + po[last..].find('\n').unwrap()..]
    );
    let wf = WorkFile::read_any(&changed, WorkFormat::Po).unwrap();
    assert_eq!(wf.issues.len(), 1, "{:?}", wf.issues);
    assert!(WorkFile::read(&changed, WorkFormat::Po).is_err());

    // XLIFF 2 lets two units number their segments alike; puente's own files do not.
    let foreign = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"es\"><file id=\"f\">\
        <unit id=\"u1\"><segment id=\"1\"><source>A.</source></segment></unit>\
        <unit id=\"u2\"><segment id=\"1\"><source>B.</source></segment></unit>\
        <unit id=\"u3\"></unit><unit id=\"u3\"></unit>\
        </file><file id=\"g\"><unit id=\"u1\"><segment id=\"1\"><source>C.</source></segment></unit></file></xliff>";
    let wf = WorkFile::read(foreign, WorkFormat::Xliff).unwrap();
    assert!(wf.issues.is_empty(), "{:?}", wf.issues);
    let twice = foreign.replace("<unit id=\"u2\">", "<unit id=\"u1\">");
    let wf = WorkFile::read_any(&twice, WorkFormat::Xliff).unwrap();
    assert_eq!(wf.issues.len(), 1);
    assert_eq!(wf.issues[0].unit, 1);
    let xlf = extract(&a).to_xliff(None);
    let ids: Vec<&str> = xlf
        .match_indices("<segment id=\"")
        .map(|(i, m)| &xlf[i + m.len()..i + m.len() + 10])
        .collect();
    let dup = xlf.replace(
        &format!("<segment id=\"{}", ids[1]),
        &format!("<segment id=\"{}", ids[0]),
    );
    let wf = WorkFile::read_any(&dup, WorkFormat::Xliff).unwrap();
    assert_eq!(wf.issues.len(), 1, "{:?}", wf.issues);
    assert!(WorkFile::read(&dup, WorkFormat::Xliff)
        .unwrap_err()
        .to_string()
        .contains("duplicate id"));
}

#[test]
fn plural_forms_are_counted_against_the_header() {
    let head = "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=3; plural=0;\\n\"\n\n";
    let po = format!(
        "{head}msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\nmsgstr[1] \"y\"\nmsgstr[2] \"z\"\n\n\
         msgid \"b\"\nmsgid_plural \"bs\"\nmsgstr[0] \"x\"\nmsgstr[1] \"y\"\n\n\
         msgid \"c\"\nmsgstr[0] \"x\"\n\nmsgid \"d\"\nmsgstr \"x\"\n"
    );
    let wf = WorkFile::read(&po, WorkFormat::Po).unwrap();
    let kinds: Vec<(usize, &IssueKind)> = wf.issues.iter().map(|i| (i.unit, &i.kind)).collect();
    assert_eq!(
        kinds,
        [
            (
                1,
                &IssueKind::PluralCount {
                    found: 2,
                    expected: 3
                }
            ),
            (2, &IssueKind::PluralWithoutMsgidPlural)
        ]
    );
    // Written back as read: msgstr[0] stays indexed.
    let cat = Catalog::parse(&po).unwrap();
    assert!(cat.write().contains("msgid \"c\"\nmsgstr[0] \"x\"\n"));
    // Forms out of order are refused, and a huge index never allocates.
    for bad in [
        "msgstr[1] \"x\"",
        "msgstr[0] \"x\"\nmsgstr[0] \"y\"",
        "msgstr[99999999999] \"x\"",
    ] {
        let e = Catalog::parse(&format!("msgid \"a\"\nmsgid_plural \"b\"\n{bad}\n")).unwrap_err();
        assert!(
            matches!(e.kind, po::PoErrorKind::PluralIndex { .. }),
            "{bad}: {e}"
        );
    }
}

#[test]
fn rewriting_a_file_with_an_entry_twice_loses_neither_translation() {
    let a = article();
    let x = extract(&a);
    let mut old = x.to_po(None);
    old.entries[0].msgstr = vec!["Primera".into()];
    let mut again = old.entries[0].clone();
    again.msgstr = vec!["Segunda".into()];
    old.entries.push(again);
    let new = x.to_po(Some(&old));
    assert_eq!(new.entries[0].msgstr(), "Primera");
    let obsolete: Vec<&str> = new
        .entries
        .iter()
        .filter(|e| e.obsolete)
        .map(|e| e.msgstr())
        .collect();
    assert_eq!(obsolete, ["Segunda"]);

    // XLIFF: the first translation is carried, the other kept as an obsolete note.
    let mut doc = xliff::read(&x.to_xliff(None)).unwrap();
    doc.segments[0].target = Some("Primera".into());
    doc.segments[0].state = "final".into();
    let mut second = doc.segments[0].clone();
    second.target = Some("Segunda".into());
    doc.segments.push(second);
    let rewritten = xliff::read(&x.to_xliff(Some(&doc))).unwrap();
    assert_eq!(rewritten.segments[0].target.as_deref(), Some("Primera"));
    assert_eq!(rewritten.obsolete.len(), 1);
    assert_eq!(rewritten.obsolete[0].target, "Segunda");
}

#[test]
fn a_rewrite_changes_only_the_header_fields_puente_owns() {
    let a = article();
    let x = extract(&a);
    let mut cat = x.to_po(None);
    // What a translator's editor wrote, and a checksum that is out of date.
    cat.set_header_fields(&[
        ("Language", "es_MX".into()),
        ("X-Generator", "Poedit 3.4".into()),
        ("Project-Id-Version", "Sequía 2025".into()),
        ("Plural-Forms", "nplurals=2; plural=n != 1;".into()),
        ("Content-Type", "text/plain; charset=utf-8".into()),
        ("X-Poedit-Basepath", "..".into()),
        (FIELD_SHA, "0000".into()),
    ]);
    let text = cat.write();
    let old = Catalog::parse_keeping_form(&text).unwrap();
    let new = x.to_po(Some(&old));
    for (name, value) in [
        ("Language", "es_MX"),
        ("X-Generator", "Poedit 3.4"),
        ("Project-Id-Version", "Sequía 2025"),
        ("Plural-Forms", "nplurals=2; plural=n != 1;"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("X-Poedit-Basepath", ".."),
    ] {
        assert_eq!(new.header_field(name).as_deref(), Some(value), "{name}");
    }
    assert_eq!(
        new.header_field(FIELD_SHA),
        Some(x.meta.source_sha256.clone())
    );
    // Only the checksum's line changed.
    let (before, after) = (old.header.clone().unwrap(), new.header.clone().unwrap());
    let changed: Vec<_> = before
        .msgstr()
        .lines()
        .zip(after.msgstr().lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");

    // A language that is not the target's any more, another charset, and puente's own
    // generator string are puente's to correct.
    let mut cat = new;
    cat.set_header_fields(&[
        ("Language", "en_US".into()),
        ("Content-Type", "text/plain; charset=ISO-8859-1".into()),
        ("X-Generator", "puente 0.0.1".into()),
    ]);
    let fixed = x.to_po(Some(&cat));
    assert_eq!(fixed.header_field("Language").as_deref(), Some("es"));
    assert_eq!(
        fixed.header_field("Content-Type").as_deref(),
        Some("text/plain; charset=UTF-8")
    );
    assert_eq!(
        fixed.header_field("X-Generator").as_deref(),
        Some(GENERATOR)
    );
}

#[test]
fn an_entry_is_a_duplicate_of_the_first_with_its_context_and_msgid_however_they_repeat() {
    // One context repeated with msgids in turn, entries without a context, and a header
    // written twice: each duplicate names the first entry with its context and its msgid.
    let entry = |ctx: Option<&str>, id: &str| match ctx {
        Some(c) => format!("msgctxt \"{c}\"\nmsgid \"{id}\"\nmsgstr \"x\"\n\n"),
        None => format!("msgid \"{id}\"\nmsgstr \"x\"\n\n"),
    };
    let po = [
        "msgid \"\"\nmsgstr \"Language: es\\n\"\n\n".to_string(), // line 1
        entry(Some("m"), "Open"),                                 // unit 0, line 4
        entry(Some("m"), "Close"),                                // unit 1, line 8
        entry(Some("m"), "Close"),                                // unit 2, line 12: of line 8
        entry(Some("m"), "Open"),                                 // unit 3, line 16: of line 4
        entry(None, "Open"),                                      // unit 4, line 20
        entry(None, "Save"),                                      // unit 5, line 23
        entry(None, "Open"),                                      // unit 6, line 26: of line 20
        entry(None, ""),                                          // unit 7, line 29: the header
        entry(Some("n"), "Close"),                                // unit 8, line 32
        entry(Some("m"), "Save"),                                 // unit 9, line 36
        entry(Some("m"), "Save"),                                 // unit 10, line 40: of line 36
    ]
    .concat();
    let wf = WorkFile::read_any(&po, WorkFormat::Po).unwrap();
    let found: Vec<(usize, &str, usize)> = wf
        .issues
        .iter()
        .map(|i| match &i.kind {
            IssueKind::Duplicate { id, first_line } => (i.unit, id.as_str(), *first_line),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        [
            (2, "m", 8),
            (3, "m", 4),
            (6, "Open", 20),
            (7, "", 1),
            (10, "m", 36)
        ]
    );
    // In puente's own work file, where the context is the segment id, a context met again is
    // a duplicate of its first entry whatever the msgid.
    let own = po.replace(
        "Language: es\\n",
        "Language: es\\nX-Source-Language: en\\nX-Puente-Source: a.md\\nX-Puente-Source-SHA256: 0\\n",
    );
    let wf = WorkFile::read_any(&own, WorkFormat::Po).unwrap();
    assert!(wf.meta.is_some());
    let found: Vec<(usize, usize)> = wf
        .issues
        .iter()
        .map(|i| match &i.kind {
            IssueKind::Duplicate { first_line, .. } => (i.unit, *first_line),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        [(1, 4), (2, 8), (3, 4), (6, 20), (7, 1), (9, 4), (10, 36)]
    );
}

#[test]
fn units_asked_in_the_file_order_are_found_without_a_map_and_out_of_order_with_one() {
    let a = article();
    let wf = WorkFile::read(&extract(&a).to_po(None).write(), WorkFormat::Po).unwrap();
    let by_id = wf.by_id();
    let mut lookup = wf.lookup();
    for seg in &a.segments {
        let found = lookup.get(&seg.id).map(|u| u.line);
        assert_eq!(found, by_id.get(seg.id.as_str()).map(|u| u.line));
        assert!(found.is_some());
    }
    assert!(lookup.in_order());
    // Backwards, and an id the file does not have: the map finds what `by_id` finds.
    let mut lookup = wf.lookup();
    for seg in a.segments.iter().rev() {
        let found = lookup.get(&seg.id).map(|u| u.line);
        assert_eq!(found, by_id.get(seg.id.as_str()).map(|u| u.line));
    }
    assert!(lookup.get("p.nothing").is_none());
    assert!(!lookup.in_order());
}

#[test]
fn a_work_file_read_in_its_text_borrows_the_strings_written_as_they_read() {
    // One string of each kind: plain on one line (borrowed), with an escape, with an octal
    // byte escape, and written over two lines (those three decoded into copies).
    let text = concat!(
        "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\"X-Source-Language: en\\n\"\n\n",
        "# keep: a note\n#, fuzzy\nmsgctxt \"p.1\"\nmsgid \"Plain.\"\nmsgstr \"Llano.\"\n\n",
        "msgctxt \"p.2\"\nmsgid \"Say \\\"so\\\".\"\nmsgstr \"Diga \\\"eso\\\".\"\n\n",
        "msgctxt \"p.3\"\nmsgid \"Caf\\303\\251.\"\nmsgstr \"\"\n\"Caf\"\n\"\\303\\251.\"\n",
    );
    let loaded = Loaded::read(text.to_string(), WorkFormat::Po).unwrap();
    let wf = loaded.workfile();
    let borrowed = |s: &Cow<'_, str>| match s {
        Cow::Borrowed(b) => {
            let range = loaded.borrow_owner().as_bytes().as_ptr_range();
            assert!(range.contains(&b.as_ptr()), "{b:?} is not in the text");
            true
        }
        Cow::Owned(_) => false,
    };
    let seen: Vec<_> = wf
        .units
        .iter()
        .map(|u| {
            (
                (u.id.as_ref(), borrowed(&u.id)),
                (u.source.as_ref(), borrowed(&u.source)),
                (u.target.as_ref(), borrowed(&u.target)),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (("p.1", true), ("Plain.", true), ("Llano.", true)),
            (
                ("p.2", true),
                ("Say \"so\".", false),
                ("Diga \"eso\".", false)
            ),
            (("p.3", true), ("Café.", false), ("Café.", false)),
        ]
    );
    assert_eq!(wf.units[0].state, State::Fuzzy);
    assert_eq!(wf.units[0].comments, ["keep: a note"]);
    // Owned, it is the same work file, as every other command reads it.
    let owned = WorkFile::read_any(text, WorkFormat::Po).unwrap();
    let fields = |u: &UnitOf<'_>| {
        (
            u.id.to_string(),
            u.source.to_string(),
            u.target.to_string(),
            u.state,
            u.line,
            u.comments.clone(),
        )
    };
    assert_eq!(
        owned.units.iter().map(fields).collect::<Vec<_>>(),
        wf.units.iter().map(fields).collect::<Vec<_>>()
    );
    assert!(owned.units.iter().all(|u| matches!(
        (&u.id, &u.source, &u.target),
        (Cow::Owned(_), Cow::Owned(_), Cow::Owned(_))
    )));
    assert_eq!(
        (owned.source_lang.as_deref(), owned.target_lang.as_deref()),
        (Some("en"), Some("es"))
    );
}
