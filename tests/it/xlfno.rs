//! XLIFF 2 markup that CAT tools rely on, through the real binary: content marked
//! `translate="no"` is not to be translated, so its source stands as its target for `check`,
//! `status` and `merge` (and the memory does not learn it); a unit marked
//! `canResegment="no"` keeps the segmentation it has through `segment --update`. Each file
//! written by hand here validates against the OASIS XLIFF 2 schema first.

use std::path::Path;

use serde_json::Value;

use crate::support::{assert_valid_xliff, code, puente, stderr};

fn glossary() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("glossary")
        .to_string_lossy()
        .into_owned()
}

/// Replaces the one occurrence of `from` in `text` by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from}\n{text}");
    text.replacen(from, to, 1)
}

/// `text` with segment `id` translated as `target` and reviewed (`state="final"`), as a CAT
/// tool writes it.
fn review(text: &str, id: &str, target: &str) -> String {
    let tag = format!("<segment id=\"{id}\" state=\"initial\">");
    let text = edit(
        text,
        &tag,
        &format!("<segment id=\"{id}\" state=\"final\">"),
    );
    let at = text.find(&format!("<segment id=\"{id}\"")).unwrap();
    let end = at + text[at..].find("</source>").unwrap() + "</source>".len();
    format!("{}<target>{target}</target>{}", &text[..end], &text[end..])
}

/// A scratch folder with `a.en.md` holding `article` and its XLIFF work file `a.es.xlf`, as
/// `segment` writes it.
fn story(article: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.en.md"), article).unwrap();
    let o = puente(
        dir.path(),
        &[
            "segment", "a.en.md", "--to", "es", "--format", "xliff", "-o", "a.es.xlf",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

const VOTE: &str = "---\ntitle: Council vote\n---\n\nThe council voted on Monday.\n\n\
     It defends sovereignty.\n\nIt defends sovereignty. The vote ended.\n";

#[test]
fn content_marked_translate_no_stands_as_its_own_target_in_check_status_and_merge() {
    let dir = story(VOTE);
    let d = dir.path();
    // The second paragraph is not to be translated (its unit says so) and has no target; the
    // same sentence in the third paragraph is translated, and so is everything else.
    let mut x = read(d, "a.es.xlf");
    x = edit(
        &x,
        "<unit id=\"b.41deca0b\" name=\"paragraph\"",
        "<unit id=\"b.41deca0b\" name=\"paragraph\" translate=\"no\"",
    );
    for (id, target) in [
        ("h.4c988468", "Votación del cabildo"),
        ("p.fdd2966f", "El cabildo votó el lunes."),
        ("p.41deca0b.2", "Defiende la soberanía."),
        ("p.3fc0f383", "La votación terminó."),
    ] {
        x = review(&x, id, target);
    }
    write(d, "a.es.xlf", &x);
    assert_valid_xliff(d, "a.es.xlf");

    // check finds nothing: not `untranslated`, not the term «soberanía» missing, not the
    // same sentence translated two ways.
    let g = glossary();
    let o = puente(
        d,
        &["check", "--glossary", &g, "--format", "json", "a.es.xlf"],
    );
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(code(&o), 0, "{out}{}", stderr(&o));
    assert!(!out.contains("\"rule\""), "{out}");

    // status counts it done.
    let o = puente(d, &["status", "a.es.xlf", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let line: Value =
        serde_json::from_str(String::from_utf8(o.stdout).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(
        (line["translated"].as_u64(), line["untranslated"].as_u64()),
        (Some(5), Some(0)),
        "{line}"
    );

    // merge passes the gate and puts the source in the edition.
    let o = puente(d, &["merge", "a.es.xlf"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        read(d, "a.es.md"),
        "---\ntitle: Votación del cabildo\n---\n\nEl cabildo votó el lunes.\n\n\
         It defends sovereignty.\n\nDefiende la soberanía. La votación terminó.\n"
    );
    // The memory learned the four translations, not the source standing for itself.
    let o = puente(d, &["tm", "export", "-o", "-"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let tmx = String::from_utf8(o.stdout).unwrap();
    assert_eq!(tmx.matches("<tu>").count(), 4, "{tmx}");
    // The sentence is there once: the source of its translation in the third paragraph.
    assert_eq!(
        tmx.matches("<seg>It defends sovereignty.</seg>").count(),
        1,
        "{tmx}"
    );
}

/// The unit of `text` with id `id`, as written.
fn unit<'a>(text: &'a str, id: &str) -> &'a str {
    let at = text
        .find(&format!("<unit id=\"{id}\""))
        .unwrap_or_else(|| panic!("{id}\n{text}"));
    &text[at..at + text[at..].find("</unit>").unwrap() + "</unit>".len()]
}

const FEE: &str = "---\ntitle: Council vote\n---\n\n\
     The council met on Monday. It voted to raise the fee.\n\n\
     The mayor spoke at length about the budget.\n";

#[test]
fn a_unit_marked_can_resegment_no_keeps_its_segments_through_segment_update() {
    let dir = story(FEE);
    let d = dir.path();
    let x = read(d, "a.es.xlf");
    // In the CAT tool the translator joined the first paragraph's two sentences into one
    // segment, translated it, and locked the unit's segmentation.
    let first = "b.c110f562";
    let mut x = edit(
        &x,
        "<segment id=\"p.7ac9ddb8\" state=\"initial\"><source>The council met on Monday.</source></segment>\n      \
         <ignorable><source> </source></ignorable>\n      \
         <segment id=\"p.cadb6785\" state=\"initial\"><source>It voted to raise the fee.</source></segment>",
        "<segment id=\"p.7ac9ddb8\" state=\"final\"><source>The council met on Monday. It voted to raise the fee.</source>\
         <target>El cabildo se reunió el lunes y votó por subir la cuota.</target></segment>",
    );
    x = edit(
        &x,
        &format!("<unit id=\"{first}\" name=\"paragraph\""),
        &format!("<unit id=\"{first}\" name=\"paragraph\" canResegment=\"no\""),
    );
    x = review(&x, "h.4c988468", "Votación del cabildo");
    x = review(
        &x,
        "p.7e3f62d7",
        "El alcalde habló largamente del presupuesto.",
    );
    write(d, "a.es.xlf", &x);
    assert_valid_xliff(d, "a.es.xlf");
    let locked = unit(&x, first).to_string();

    // Another paragraph of the article is revised: the locked unit is written back as it
    // was, its translation neither obsolete nor lent; the revised sentence borrows its old
    // translation for review, as ever.
    let article = read(d, "a.en.md");
    write(
        d,
        "a.en.md",
        &edit(&article, "about the budget", "about the city budget"),
    );
    let o = puente(d, &["segment", "a.en.md", "--update", "a.es.xlf"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 unit was kept as it was: it says canResegment=\"no\""),
        "{}",
        stderr(&o)
    );
    let y = read(d, "a.es.xlf");
    assert_eq!(unit(&y, first), locked, "{y}");
    assert!(!y.contains("obsolete-target\">El cabildo"), "{y}");
    assert!(
        y.contains("subState=\"puente:fuzzy\"><source>The mayor spoke at length about the city budget.</source>\
                    <target>El alcalde habló largamente del presupuesto.</target>"),
        "{y}"
    );
    assert_valid_xliff(d, "a.es.xlf");

    // merge takes the article's segments by id and source: the joined segment is neither of
    // them, so merge says both are missing rather than put the whole paragraph's
    // translation in place of its first sentence.
    let o = puente(d, &["merge", "a.es.xlf", "--draft"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let draft = read(d, "a.es.md");
    assert!(
        draft.contains("\nThe council met on Monday. It voted to raise the fee.\n"),
        "{draft}"
    );
    let o = puente(d, &["merge", "a.es.xlf", "--format", "json"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.matches("\"missing\"").count(), 2, "{out}");

    // When the article's text under the unit changes, that text is new source: puente cuts
    // it as it cuts any paragraph (merge takes the article's segments), and the joined
    // translation, which neither new sentence resembles enough to borrow, is kept as an
    // obsolete note.
    let article = read(d, "a.en.md");
    write(
        d,
        "a.en.md",
        &edit(&article, "met on Monday", "met on Tuesday"),
    );
    let o = puente(d, &["segment", "a.en.md", "--update", "a.es.xlf"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let z = read(d, "a.es.xlf");
    assert!(!z.contains(&format!("<unit id=\"{first}\"")), "{z}");
    assert!(
        z.contains("<source>The council met on Tuesday.</source></segment>\n      \
             <ignorable><source> </source></ignorable>\n      \
             <segment id=\"p.cadb6785\" state=\"initial\"><source>It voted to raise the fee.</source>"),
        "{z}"
    );
    assert!(
        z.contains("category=\"puente:obsolete-target\">El cabildo se reunió el lunes y votó por subir la cuota.</note>"),
        "{z}"
    );
    assert_valid_xliff(d, "a.es.xlf");
}
