use super::lint::lint;
use super::*;

fn load(files: &[(&str, &str)]) -> (Glossary, Vec<LoadProblem>) {
    let mut g = Glossary::default();
    let mut problems = Vec::new();
    for (name, text) in files {
        problems.extend(g.add_file(name, text));
    }
    (g, problems)
}

#[test]
fn the_project_glossary_loads_and_is_clean() {
    let (g, problems) = load(&[
        ("terms.toml", include_str!("../../glossary/terms.toml")),
        ("names.toml", include_str!("../../glossary/names.toml")),
        ("quotes.toml", include_str!("../../glossary/quotes.toml")),
    ]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(lint(&g, &problems), vec![]);
    let cartel = g.terms.iter().find(|t| t.id == "cartel").unwrap();
    assert_eq!(cartel.forms[&Lang::Es], ["cártel", "cárteles"]);
    assert_eq!(cartel.forbidden[&Lang::Es], ["cartel", "carteles"]);
    let q = g
        .quotes
        .iter()
        .find(|q| q.id == "no-nos-subordinamos")
        .unwrap();
    assert_eq!(q.said_in, Lang::Es);
    assert!(g
        .terms
        .iter()
        .any(|t| t.kind == Kind::Name && t.id == "donald-trump"));
}

#[test]
fn each_rule_finds_its_problem_and_nothing_else() {
    let text = r#"
[[term]]
id = "a"
en = ["cartel", "Cartel"]
es = ["cártel"]

[[term]]
id = "b"
en = ["cartel"]
es = ["cartel"]

[[term]]
id = "c"
en = [""]
es = ["x"]
fr = ["y"]

[[term]]
id = "d"
en = ["drone"]
es = ["dron"]
forbidden = { es = ["dron"] }

[[term]]
id = "e"
kind = "name"
case = "sensitive"
en = ["Lopez Obrador"]
es = ["López Obrador"]
"#;
    let (g, problems) = load(&[("g.toml", text)]);
    let findings = lint(&g, &problems);
    let found: Vec<(&str, Option<&str>, usize)> = findings
        .iter()
        .map(|f| (f.rule, f.entry.as_deref(), f.line))
        .collect();
    assert_eq!(
        found,
        [
            ("duplicate-form", Some("a"), 2),
            ("conflicting-targets", Some("b"), 7),
            ("empty-form", Some("c"), 12),
            ("unknown-language", None, 12),
            ("required-and-forbidden", Some("d"), 18),
            ("name-forms-differ", Some("e"), 24),
        ]
    );
}

#[test]
fn invalid_toml_reports_line_and_column() {
    let (_, problems) = load(&[("bad.toml", "[[term]]\nid = \"x\"\nen = [\"a\"\n")]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].at.file, "bad.toml");
    // The array left open on line 3 is named where it opens, not at the end of the file.
    assert_eq!(problems[0].at.line, 3, "{problems:?}");
}

#[test]
fn a_forbidden_form_is_fixed_only_when_one_form_replaces_it() {
    let g = super::seed();
    let term = |id: &str| g.terms.iter().find(|t| t.id == id).unwrap();
    // Lists of the same length pair up by position, and a capital is kept.
    let cartel = term("cartel");
    assert_eq!(
        cartel.fix_for("carteles", "Carteles", Lang::Es).as_deref(),
        Some("Cárteles")
    );
    assert_eq!(
        cartel.fix_for("cartel", "cartel", Lang::Es).as_deref(),
        Some("cártel")
    );
    // «huelga» could be «ataque» or «ataques con drones»: no fix is unambiguous.
    let strike = term("drone-strike");
    assert_eq!(strike.fix_for("huelga", "huelga", Lang::Es), None);
    assert_eq!(
        strike.fix_for("huelga de drones", "huelga de drones", Lang::Es),
        None
    );
    // Otherwise only a spelling of exactly one form is a fix.
    let mut g2 = Glossary::default();
    let problems = g2.add_file(
        "g.toml",
        "[[term]]\nid = \"p\"\nes = [\"México\", \"mexicano\", \"mexicanos\"]\n\
         forbidden = { es = [\"Mexico\", \"mejicano\"] }\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        g2.terms[0].fix_for("Mexico", "Mexico", Lang::Es).as_deref(),
        Some("México")
    );
    assert_eq!(g2.terms[0].fix_for("mejicano", "mejicano", Lang::Es), None);
}

#[test]
fn an_engine_output_is_repaired_only_when_every_forbidden_form_has_a_fix() {
    let g = super::seed();
    let matcher = super::matcher::Matcher::new(&g, Lang::Es);
    let (text, found) = g.repair_forbidden(&matcher, "Los carteles y el cartel.", Lang::Es);
    assert_eq!(text, "Los cárteles y el cártel.");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].fix.as_deref(), Some("cárteles"));
    // «huelgas de drones» could be «ataques con drones» or «ataque con drones»: the
    // drone-strike entry's lists do not pair, so nothing is repaired.
    let source = "Las huelgas de drones y los carteles.";
    let (text, found) = g.repair_forbidden(&matcher, source, Lang::Es);
    assert_eq!(text, source);
    assert_eq!(found[0].form, "huelgas de drones");
    assert_eq!(found[0].entry, "drone-strike");
    assert_eq!(found[0].fix, None);
    // The strike entry pairs «huelga» with «ataque».
    let (text, found) = g.repair_forbidden(&matcher, "Una huelga de misil.", Lang::Es);
    assert_eq!(text, "Una ataque de misil.");
    assert_eq!(
        (found[0].entry.as_str(), found[0].fix.as_deref()),
        ("strike", Some("ataque"))
    );
    // A link's URL is no word: it is neither repaired nor a reason to refuse.
    let linked = "Lea [el análisis](https://x.test/huelga-de-carteles) de los carteles.";
    let (text, found) = g.repair_forbidden(&matcher, linked, Lang::Es);
    assert_eq!(
        text,
        "Lea [el análisis](https://x.test/huelga-de-carteles) de los cárteles."
    );
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn quote_variants_load_per_language_and_are_linted() {
    let (g, problems) = load(&[("quotes.toml", include_str!("../../glossary/quotes.toml"))]);
    assert!(problems.is_empty(), "{problems:?}");
    let q = &g.quotes[0];
    assert!(q.variants[&Lang::En].contains(&"we never subordinate ourselves".to_string()));
    let text = r#"
[[quote]]
id = "a"
speaker = "S"
said_in = "es"
original = ["abrazos, no balazos"]
renderings = ["hugs, not bullets"]
variants = { en = ["“Hugs not bullets”", "hugs instead of bullets"], es = [" "] }

[[quote]]
id = "b"
speaker = "S"
said_in = "es"
original = ["otra cosa"]
renderings = []
variants = { fr = ["autre chose"] }
"#;
    let (g, problems) = load(&[("q.toml", text)]);
    assert_eq!(g.quotes[0].variants[&Lang::En].len(), 2);
    let findings = lint(&g, &problems);
    let found: Vec<(&str, Option<&str>, usize, Option<&str>)> = findings
        .iter()
        .map(|f| {
            let lang = f.args.get("lang").map(String::as_str);
            (f.rule, f.entry.as_deref(), f.line, lang)
        })
        .collect();
    assert_eq!(
        found,
        [
            // A variant that is an approved wording up to typography.
            ("duplicate-form", Some("a"), 2, Some("en")),
            // A variant without words.
            ("empty-form", Some("a"), 2, Some("es")),
            // No approved rendering.
            ("empty-form", Some("b"), 10, Some("en")),
            ("unknown-language", None, 10, Some("fr")),
        ]
    );
}

/// A forbidden form an emphasis mark cuts (`Presidente** Sheinbaum`, the engine's output for
/// `**has lauded President** Sheinbaum`) is repaired with the mark kept where it was. Before,
/// the mark went with the replaced words and the emphasis was left open.
#[test]
fn a_repair_keeps_the_marks_inside_the_forbidden_form() {
    let g = super::seed();
    let matcher = super::matcher::Matcher::new(&g, Lang::Es);
    let (text, found) = g.repair_forbidden(
        &matcher,
        "Trump **elogió a la Presidente** Sheinbaum.",
        Lang::Es,
    );
    assert_eq!(text, "Trump **elogió a la Presidenta** Sheinbaum.");
    assert_eq!(found.len(), 1);
    // A fix with another number of words leaves nowhere to put the mark: no repair.
    assert_eq!(
        super::keep_markup(
            "huelga** de drones",
            "huelga   de drones",
            "ataque con drones"
        )
        .as_deref(),
        Some("ataque** con drones")
    );
    assert_eq!(
        super::keep_markup("huelga** de drones", "huelga   de drones", "ataque"),
        None
    );
}

#[test]
fn every_automaton_finds_the_same_hits() {
    // The workload decides how the automaton is built, never what it finds.
    use super::matcher::{Matcher, Workload};
    let g = super::seed();
    for lang in [Lang::En, Lang::Es] {
        let one = Matcher::for_workload(&g, lang, Workload::One);
        let few = Matcher::for_workload(&g, lang, Workload::Few);
        let many = Matcher::for_workload(&g, lang, Workload::Many);
        for text in [
            "Los cárteles y los carteles: ataques con drones contra el cártel, soberanía.",
            "Cartel leaders fear drone strikes on cartels; hugs, not bullets.",
            "Sheinbaum dijo «abrazos, no balazos» en la mañanera.",
        ] {
            assert_eq!(
                few.candidates(text),
                many.candidates(text),
                "{lang:?}: {text}"
            );
            assert_eq!(few.find(text), many.find(text), "{lang:?}: {text}");
            assert_eq!(
                one.candidates(text),
                many.candidates(text),
                "{lang:?}: {text}"
            );
            assert_eq!(one.find(text), many.find(text), "{lang:?}: {text}");
        }
    }
    assert_eq!(Workload::of(54), Workload::One);
    assert_eq!(Workload::of(5_000), Workload::Few);
    assert_eq!(Workload::of(100_000), Workload::Many);
}
