//! An XLIFF work file keeps what a translator's CAT tool added to it: `translate` and
//! `segment --update` rewrite only what puente owns (targets it fills, their states, its own
//! notes) and keep every other element, attribute, comment and processing instruction where
//! it was, so a file that came back from memoQ, Okapi or Trados goes out again with the
//! translator's metadata, matches, notes and states, and still validates against the OASIS
//! XLIFF 2 schema.

use std::path::Path;

use crate::support::{assert_valid_xliff, code, fixtures, puente, require, stderr};

/// The namespaces a CAT tool declares on the root: the XLIFF 2 matches and metadata modules
/// and a vendor's own (Okapi's).
const NAMESPACES: &str = " xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" \
     xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\" \
     xmlns:okp=\"okapi-framework:xliff2-extensions\"";

/// What the CAT tool adds, each a piece of text that must still be in the file afterwards.
const PROLOG: &str =
    "<!-- Exported by memoQ 10.4 for El Diario -->\n<?memoq-export profile=\"newsroom\"?>\n";
const ROOT_ATTR: &str = " okp:exported=\"2026-11-30T18:02:00Z\"";
const FILE_ATTRS: &str = " okp:projectId=\"drones-4711\" srcDir=\"ltr\"";
const FILE_METADATA: &str = "<mda:metadata id=\"fm1\"><mda:metaGroup category=\"project\">\
     <mda:meta type=\"client\">El Diario</mda:meta></mda:metaGroup></mda:metadata>";
const UNIT_ATTRS: &str = " okp:wordCount=\"35\" type=\"okp:para\"";
const MATCHES: &str = "<mtc:matches>\n        <mtc:match ref=\"#p.f84a8706\" similarity=\"87.5\" \
     origin=\"memoQ TM\" type=\"tm\">\n          <source>As the Trump administration considers \
     drone attacks on cartels.</source>\n          <target>Mientras el gobierno de Trump \
     considera ataques con drones contra los cárteles.</target>\n        </mtc:match>\n      \
     </mtc:matches>";
const UNIT_METADATA: &str = "<mda:metadata><mda:metaGroup category=\"review\">\
     <mda:meta type=\"reviewer\">Ana López</mda:meta></mda:metaGroup></mda:metadata>";
const REVIEWER_NOTE: &str = "<note id=\"n1\" category=\"reviewer\" priority=\"2\" \
     appliesTo=\"target\" okp:author=\"ana\">Confirm «pledge» with the desk.</note>";
const SEGMENT_STATE: &str = "state=\"reviewed\" subState=\"memoq:confirmed\"";
/// A reviewed translation with the reviewer's annotation inside it.
const TARGET: &str = "<target xml:lang=\"es-MX\">Mientras el gobierno de Trump contempla \
     ataques con drones contra operaciones de los cárteles en territorio mexicano, la \
     presidenta <mrk id=\"m1\" type=\"comment\" value=\"nombre completo\">Claudia \
     Sheinbaum</mrk> redobla su promesa de defender la soberanía de México.</target>";
const UNIT_COMMENT: &str = "<!-- Ana: checked against the style guide -->";
const UNIT_PI: &str = "<?okp-review pass=\"2\"?>";
const EPILOG: &str = "<!-- end of memoQ export -->";

/// Every piece the CAT tool added.
const FOREIGN: [&str; 12] = [
    PROLOG,
    ROOT_ATTR,
    FILE_ATTRS,
    FILE_METADATA,
    UNIT_ATTRS,
    MATCHES,
    UNIT_METADATA,
    REVIEWER_NOTE,
    SEGMENT_STATE,
    TARGET,
    UNIT_COMMENT,
    UNIT_PI,
];

/// Replaces the one occurrence of `from` in `text` by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from}");
    text.replacen(from, to, 1)
}

/// `d.xlf` (a puente work file for the sample article) as memoQ returns it: the pieces above
/// added to the root, the file, the first paragraph's unit, its notes and its first segment,
/// which the translator reviewed.
fn as_a_cat_tool_returns_it(text: &str) -> String {
    let mut t = edit(
        text,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        &format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{PROLOG}"),
    );
    t = edit(
        &t,
        " trgLang=\"es\">",
        &format!(" trgLang=\"es\"{NAMESPACES}{ROOT_ATTR}>"),
    );
    t = edit(
        &t,
        "<file id=\"f1\" original=\"drone-strikes.en.md\">",
        &format!(
            "<file id=\"f1\" original=\"drone-strikes.en.md\"{FILE_ATTRS}>\n    {FILE_METADATA}"
        ),
    );
    t = edit(
        &t,
        "<unit id=\"b.602264f6\" name=\"paragraph\" xml:space=\"preserve\">",
        &format!(
            "<unit id=\"b.602264f6\" name=\"paragraph\" xml:space=\"preserve\"{UNIT_ATTRS}>\n      \
             {MATCHES}\n      {UNIT_METADATA}"
        ),
    );
    t = edit(
        &t,
        "<note category=\"puente:location\">drone-strikes.en.md:9</note>",
        &format!(
            "<note category=\"puente:location\">drone-strikes.en.md:9</note>\n        {REVIEWER_NOTE}"
        ),
    );
    let segment = "<segment id=\"p.f84a8706\" state=\"initial\">";
    let at = t.find(segment).unwrap();
    let end = at + t[at..].find("</segment>").unwrap() + "</segment>".len();
    let source = &t[at + segment.len()..end - "</segment>".len()];
    let reviewed = format!(
        "<segment id=\"p.f84a8706\" {SEGMENT_STATE}>{source}{TARGET}</segment>\n      \
         {UNIT_COMMENT}\n      {UNIT_PI}"
    );
    t = format!("{}{reviewed}{}", &t[..at], &t[end..]);
    format!("{t}{EPILOG}\n")
}

/// Asserts that every piece the CAT tool added is in `name`, as it wrote it.
fn assert_kept(dir: &Path, name: &str, when: &str) {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    for piece in FOREIGN {
        assert!(text.contains(piece), "{when}: lost {piece}\n{text}");
    }
    for decl in NAMESPACES.split_whitespace() {
        assert!(text.contains(decl), "{when}: lost {decl}\n{text}");
    }
    assert!(text.contains(EPILOG), "{when}: lost {EPILOG}\n{text}");
    // The reviewer's note is on its unit once, the matches and metadata in their place:
    // before the unit's notes, as the schema wants them.
    assert_eq!(
        text.matches("Confirm «pledge»").count(),
        1,
        "{when}\n{text}"
    );
    let unit = text.find(UNIT_ATTRS).unwrap();
    let notes = unit + text[unit..].find("<notes>").unwrap();
    assert!(unit < text.find(MATCHES).unwrap() && text.find(UNIT_METADATA).unwrap() < notes);
    assert_valid_xliff(dir, name);
}

/// A scratch folder holding the sample article and its XLIFF work file as puente writes it
/// (`d.xlf`).
fn sample_xliff() -> (tempfile::TempDir, std::path::PathBuf) {
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
    (dir, path)
}

#[test]
fn translate_and_update_keep_what_a_cat_tool_added() {
    require("apertium");
    let (dir, path) = sample_xliff();
    let returned = as_a_cat_tool_returns_it(&std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &returned).unwrap();
    // The file as the CAT tool returns it is valid XLIFF 2.
    assert_valid_xliff(dir.path(), "d.xlf");

    // Re-segmenting the same article changes nothing at all.
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "--update", "d.xlf"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after == returned, "{after}");

    // translate fills the other segments and leaves the reviewed one as the translator left it.
    let o = puente(dir.path(), &["translate", "d.xlf"]);
    assert!(matches!(code(&o), 0 | 1), "{}", stderr(&o));
    let translated = std::fs::read_to_string(&path).unwrap();
    assert!(translated.matches("<target>").count() > 40, "{translated}");
    assert_kept(dir.path(), "d.xlf", "translate");

    // The article is revised: the first paragraph's second sentence changes (so its unit gets
    // a new id), and a sentence of the third paragraph is deleted.
    let article = dir.path().join("drone-strikes.en.md");
    let mut text = std::fs::read_to_string(&article).unwrap();
    text = edit(
        &text,
        "The escalating dispute highlights the fragile balance",
        "The escalating dispute shows the fragile balance",
    );
    text = edit(
        &text,
        " These rumors gained traction when American media revealed conversations among current \
         and former officials about the feasibility of using armed drones to target cartel \
         strongholds.",
        "",
    );
    std::fs::write(&article, text).unwrap();
    let o = puente(
        dir.path(),
        &["segment", "drone-strikes.en.md", "--update", "d.xlf"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_kept(dir.path(), "d.xlf", "segment --update");
    let updated = std::fs::read_to_string(&path).unwrap();
    // The unit of the edited paragraph has a new id and keeps what its old one had.
    assert!(!updated.contains("\"b.602264f6\""), "{updated}");
    // The deleted sentence's translation stays, as an obsolete note of the file.
    assert!(
        updated.contains("id=\"os.p.049d9b23\" category=\"puente:obsolete-source\""),
        "{updated}"
    );
    assert!(!updated.contains("<segment id=\"p.049d9b23\""), "{updated}");
}

/// XLIFF 2 allows no attribute of another namespace on `<segment>`, but tools write them
/// (Okapi's `okp:` extensions): puente keeps them as it found them, and its own states on the
/// same element change around them.
#[test]
fn a_vendor_attribute_on_a_segment_is_kept() {
    require("apertium");
    let (dir, path) = sample_xliff();
    let text = std::fs::read_to_string(&path).unwrap();
    let text = edit(
        &text,
        " trgLang=\"es\">",
        " trgLang=\"es\" xmlns:okp=\"okapi-framework:xliff2-extensions\">",
    );
    let text = edit(
        &text,
        "<segment id=\"k.f0d1f70f\" state=\"initial\">",
        "<segment okp:note-ref=\"x1\" id=\"k.f0d1f70f\" state=\"initial\" canResegment=\"no\">",
    );
    std::fs::write(&path, &text).unwrap();
    let o = puente(dir.path(), &["translate", "d.xlf"]);
    assert!(matches!(code(&o), 0 | 1), "{}", stderr(&o));
    let after = std::fs::read_to_string(&path).unwrap();
    let seg = after
        .lines()
        .find(|l| l.contains("id=\"k.f0d1f70f\""))
        .unwrap();
    // Translated: puente's state replaces the old one in its place; the others stay.
    assert!(
        seg.contains(
            "<segment okp:note-ref=\"x1\" id=\"k.f0d1f70f\" state=\"translated\" \
             canResegment=\"no\" subState=\"puente:fuzzy\">"
        ),
        "{seg}"
    );
    assert!(seg.contains("<target>"), "{seg}");
}
