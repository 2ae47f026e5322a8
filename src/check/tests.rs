use super::*;
use crate::workfile::{WorkFile, WorkFormat};

fn glossary() -> Glossary {
    crate::glossary::seed()
}

fn unit<'a>(source: &'a str, target: &'a str) -> crate::workfile::UnitOf<'a> {
    crate::workfile::UnitOf {
        id: "p.test".into(),
        source: source.into(),
        target: target.into(),
        state: State::Translated,
        line: 1,
        comments: Vec::new(),
        source_stands: false,
    }
}

/// The rule ids and the marked text of each finding.
fn run(c: &Checker<'_>, source: &str, target: &str) -> Vec<(&'static str, String)> {
    c.check_unit(&unit(source, target))
        .into_iter()
        .map(|f| {
            let text = match f.side {
                Side::Source => source,
                Side::Target => target,
            };
            let marked = f.span.map(|s| text[s].to_string()).unwrap_or_default();
            (f.rule.id(), marked)
        })
        .collect()
}

#[test]
fn the_reviewed_sample_translation_is_clean() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    let text = include_str!("../../tests/fixtures/drone-strikes.es.po");
    let wf = WorkFile::read(text, WorkFormat::Po).unwrap();
    let mut all = Vec::new();
    for u in &wf.units {
        for f in c.check_unit(u) {
            all.push((u.id.clone(), f.rule.id(), f.message));
        }
    }
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn terms_forbidden_forms_and_names() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    assert_eq!(
        run(
            &c,
            "The cartels fear drone strikes.",
            "Los carteles temen los ataques con drones."
        ),
        [("forbidden-term", "carteles".to_string())]
    );
    assert_eq!(
        run(
            &c,
            "Two cartels and one cartel.",
            "Dos cárteles y un grupo."
        ),
        [("glossary-term", "cartel".to_string())]
    );
    assert_eq!(
        run(&c, "López Obrador spoke.", "Lopez Obrador habló."),
        [("name-preserved", "Lopez Obrador".to_string())]
    );
    assert_eq!(
        run(&c, "Trump spoke.", "Triunfo habló."),
        [("name-preserved", "Triunfo".to_string())]
    );
    // English target: the terms work in the other direction too.
    let back = Checker::new(&g, Lang::Es, Lang::En, Settings::default());
    assert_eq!(
        run(&back, "La soberanía de México.", "Mexico's autonomy."),
        [("glossary-term", "soberanía".to_string())]
    );
}

#[test]
fn quote_marks_punctuation_and_register() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    assert_eq!(
        run(&c, "He said “no”.", "Dijo “no”."),
        [("quote-marks", "“no”".to_string())]
    );
    assert_eq!(
        run(&c, "“No,” he said.", "«No,» dijo."),
        [("quote-punctuation", ",»".to_string())]
    );
    assert!(run(&c, "He lives in the “U.S.”.", "Vive en «EE. UU.».").is_empty());
    assert_eq!(
        run(&c, "He said “no” twice.", "Lo dijo «no» dos veces «no»."),
        [("quote-marks", String::new())]
    );
    assert_eq!(
        run(
            &c,
            "She said: “Mexico coordinates, collaborates, but does not subordinate”.",
            "Dijo: «México coordina, colabora, pero no se subordina»."
        ),
        [(
            "quote-fidelity",
            "«México coordina, colabora, pero no se subordina»".to_string()
        )]
    );
    assert!(run(
        &c,
        "She said: “Mexico coordinates, collaborates, but does not subordinate”.",
        "Dijo: «Nos coordinamos, colaboramos, pero no nos subordinamos»."
    )
    .is_empty());
    let curly = Settings {
        quote_style: QuoteStyle::Curly,
        ..Settings::default()
    };
    let c2 = Checker::new(&g, Lang::En, Lang::Es, curly);
    assert!(run(&c2, "He said “no”.", "Dijo “no”.").is_empty());
}

#[test]
fn numbers_by_locale_ordinals_and_centuries() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    assert!(run(
        &c,
        "In the mid-19th century, 1,500.5 tons.",
        "A mediados del siglo XIX, 1,500.5 toneladas."
    )
    .is_empty());
    assert_eq!(
        run(&c, "In the 19th century.", "En el siglo XX."),
        [("numbers", "XX".to_string())]
    );
    assert!(run(
        &c,
        "A $1.5 billion plan.",
        "Un plan de 1,500 millones de dólares."
    )
    .is_empty());
    assert!(run(
        &c,
        "Two officials, 3 cartels.",
        "Dos funcionarios, 3 cárteles."
    )
    .is_empty());
    let es = Settings {
        number_locale: NumberLocale::Es,
        ..Settings::default()
    };
    let c_es = Checker::new(&g, Lang::En, Lang::Es, es);
    assert!(run(&c_es, "1,500.5 tons, 20%.", "1.500,5 toneladas, 20 %.").is_empty());
    assert_eq!(
        run(&c_es, "1,500 tons.", "1,500 toneladas."),
        [("numbers", "1,500".to_string())]
    );
}

#[test]
fn spanish_openers_markup_and_states() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    assert!(run(&c, "If he comes, what will he do?", "Si llega, ¿qué hará?").is_empty());
    assert_eq!(
        run(&c, "If he comes, what will he do?", "Si llega, qué hará?"),
        [("spanish-punctuation", "?".to_string())]
    );
    assert_eq!(
        run(
            &c,
            "See [the report]({0}) and `x`.",
            "Vea [el informe] y `x`."
        ),
        [("markup", String::new())]
    );
    assert_eq!(
        run(&c, "The escalating dispute.", "The escalating dispute."),
        [("same-as-source", String::new())]
    );
    assert!(run(&c, "Washington", "Washington").is_empty());
    let mut u = unit("Hello.", "");
    u.state = State::Untranslated;
    assert_eq!(c.check_unit(&u)[0].rule, Rule::Untranslated);
}

#[test]
fn suppression_needs_a_rule_and_a_reason() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    let mut u = unit("He said “no”.", "Dijo “no”.");
    u.comments = vec!["puente-ignore quote-marks: the headline style uses curly quotes".into()];
    assert!(c.check_unit(&u).is_empty());
    u.comments = vec!["puente-ignore quote-marks".into()];
    let rules: Vec<_> = c.check_unit(&u).iter().map(|f| f.rule).collect();
    assert_eq!(rules, [Rule::QuoteMarks, Rule::Suppression]);
    let mut settings = Settings::default();
    settings.levels.insert(Rule::QuoteMarks, Severity::Off);
    let quiet = Checker::new(&g, Lang::En, Lang::Es, settings);
    assert!(quiet
        .check_unit(&unit("He said “no”.", "Dijo “no”."))
        .is_empty());
}

#[test]
fn spanish_to_english_works_the_other_way_round() {
    let g = glossary();
    let c = Checker::new(&g, Lang::Es, Lang::En, Settings::default());
    let clean = [
        (
            "Los cárteles crecieron a mediados del siglo XIX.",
            "The cartels grew in the mid-19th century.",
        ),
        (
            "«Nos coordinamos, colaboramos, pero no nos subordinamos», dijo Sheinbaum.",
            "“We coordinate, we collaborate, but we do not subordinate,” Sheinbaum said.",
        ),
        ("¿Qué hará la Casa Blanca?", "What will the White House do?"),
        (
            "Un paquete de 1,500 millones de dólares.",
            "A $1.5 billion package.",
        ),
        (
            "La política de «abrazos, no balazos».",
            "The “hugs, not bullets” policy.",
        ),
    ];
    for (s, t) in clean {
        assert!(run(&c, s, t).is_empty(), "{s} → {t}: {:?}", run(&c, s, t));
    }
    assert_eq!(
        run(
            &c,
            "«No nos subordinamos», dijo.",
            "«We do not bow,» she said."
        ),
        [("quote-marks", "«We do not bow,»".to_string())]
    );
    assert_eq!(
        run(&c, "Los cárteles crecieron.", "The gangs grew."),
        [("glossary-term", "cárteles".to_string())]
    );
    assert_eq!(
        run(
            &c,
            "«Nos coordinamos, colaboramos, pero no nos subordinamos».",
            "“We work together but never obey.”"
        ),
        [(
            "quote-fidelity",
            "“We work together but never obey.”".to_string()
        )]
    );
    // es-ES numbers in a Spanish source.
    let es = Settings {
        number_locale: NumberLocale::Es,
        ..Settings::default()
    };
    let c = Checker::new(&g, Lang::Es, Lang::En, es);
    assert!(run(&c, "Unos 1.500,5 soldados.", "Some 1,500.5 soldiers.").is_empty());
}

#[test]
fn a_forbidden_form_gets_a_fix_only_when_one_form_replaces_it() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    let message = |source: &str, target: &str| {
        let f = c
            .check_unit(&unit(source, target))
            .into_iter()
            .find(|f| f.rule == Rule::ForbiddenTerm)
            .expect("a forbidden-term finding");
        let fix = f.message.args.iter().find_map(|(k, v)| match v {
            Arg::Text(t) if *k == "fix" => Some(t.clone()),
            _ => None,
        });
        (f.message.id, fix)
    };
    // The lists pair up: «Carteles» → «Cárteles».
    assert_eq!(
        message("Cartels fear it.", "Carteles lo temen."),
        ("check-forbidden-term", Some("Cárteles".to_string()))
    );
    // «huelgas de drones» is forbidden by drone-strike, but nothing says which of its forms
    // replaces it: the entry is named, no fix suggested.
    assert_eq!(
        message(
            "The drone strikes hit the base.",
            "Las huelgas de drones golpearon la base."
        ),
        ("check-forbidden-term-entry", None)
    );
    // «huelga» alone is the strike entry's, paired with «ataque»: a missile strike gets
    // «ataque», never the drone-strike entry's «ataque con drones» as it did before.
    assert_eq!(
        message(
            "The missile strike hit the base.",
            "La huelga de misil golpeó la base."
        ),
        ("check-forbidden-term", Some("ataque".to_string()))
    );
}

#[test]
fn words_the_engine_did_not_know_are_listed_while_the_translation_is_fuzzy() {
    let g = glossary();
    let c = Checker::new(&g, Lang::Es, Lang::En, Settings::default());
    let note = "puente-mt: apertium spa-eng; glossary x; verified; unknown to the engine: escalating, glorbing";
    let mut u = unit(
        "El escalating y el glorbing.",
        "The escalating and the glorbing.",
    );
    u.comments = vec![note.to_string()];
    u.state = State::Fuzzy;
    let found = c.check_unit(&u);
    let listed: Vec<_> = found
        .iter()
        .filter(|f| f.rule == Rule::EngineUnknownWords)
        .collect();
    assert_eq!(listed.len(), 1, "{found:?}");
    assert_eq!(listed[0].severity, Severity::Warning);
    assert!(listed[0]
        .message
        .args
        .iter()
        .any(|(k, v)| *k == "list" && matches!(v, Arg::Text(t) if t == "escalating, glorbing")));
    // Reviewed, it is no longer the rule's business.
    u.state = State::Translated;
    assert!(!c
        .check_unit(&u)
        .iter()
        .any(|f| f.rule == Rule::EngineUnknownWords));
}

/// A segment that is only a link (a query string included) or only a name and a link is the
/// same in both editions; a sentence left in English is not.
#[test]
fn a_link_alone_is_not_same_as_source() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    for text in [
        "https://www.example.gob.mx/buscar?q=fentanilo&page=2",
        "Claudia Sheinbaum: https://example.com/en/news/drone-strikes-debate",
        "prensa@example.gob.mx",
    ] {
        assert_eq!(run(&c, text, text), vec![], "{text}");
    }
    let english = "The cartels answered within hours.";
    assert!(run(&c, english, english)
        .iter()
        .any(|(rule, _)| *rule == "same-as-source"));
}

/// The message ids of the findings, for rules with several messages.
fn ids(c: &Checker<'_>, source: &str, target: &str) -> Vec<(&'static str, String)> {
    c.check_unit(&unit(source, target))
        .into_iter()
        .map(|f| {
            let marked = f.span.map(|s| target[s].to_string()).unwrap_or_default();
            (f.message.id, marked)
        })
        .collect()
}

#[test]
fn emphasis_encloses_the_same_words_wherever_it_moves() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    // Moved with its words, written with other marks, nested: no finding.
    for (src, tgt) in [
        (
            "The *new* program of **Sheinbaum** grew.",
            "El programa _nuevo_ de __Sheinbaum__ creció.",
        ),
        (
            "**Trump** weighs *drone strikes* on 40 targets.",
            "*Ataques con drones* sobre 40 objetivos, sopesa **Trump**.",
        ),
        (
            "***Sheinbaum's* firm no** to 1,500 troops.",
            "El **no firme de *Sheinbaum*** a 1,500 soldados.",
        ),
        ("A *big* deal.", "Un *gran* acuerdo."),
    ] {
        assert!(
            run(&c, src, tgt).is_empty(),
            "{src} → {tgt}: {:?}",
            run(&c, src, tgt)
        );
    }
    // Around the wrong words: the name, the term, the number.
    assert_eq!(
        ids(
            &c,
            "**Sheinbaum** spoke with Trump.",
            "Sheinbaum habló con **Trump**."
        ),
        [("check-markup-emphasis-words", "Sheinbaum".to_string())]
    );
    assert_eq!(
        ids(
            &c,
            "Trump weighs *drone strikes* on cartels.",
            "Trump sopesa ataques con drones contra los *cárteles*."
        ),
        [(
            "check-markup-emphasis-words",
            "ataques con drones".to_string()
        )]
    );
    assert_eq!(
        ids(
            &c,
            "They sent **1,500** troops to 30 towns.",
            "Enviaron 1500 soldados a **30** pueblos."
        ),
        [("check-markup-emphasis-words", "1500".to_string())]
    );
    // Strong became emphasis: counted by kind, one finding saying what stands where.
    assert_eq!(
        ids(&c, "A **firm** no.", "Un *firme* no."),
        [("check-markup-replaced", "*firme*".to_string())]
    );
    // One placeholder written twice in place of another: one finding.
    assert_eq!(
        ids(&c, "See {1} and {2}.", "Vea {1} y {1}."),
        [("check-markup-replaced", "{1}".to_string())]
    );
    // Around nothing: one finding where it is.
    assert_eq!(
        ids(&c, "A **firm** no.", "Un ** ** firme no."),
        [("check-markup-empty", "** **".to_string())]
    );
    // A mark left alone (the old engine-mark failure) is extra markup.
    assert_eq!(
        ids(&c, "The *program* grew.", "El *programa creció."),
        [("check-markup-replaced", "*".to_string())]
    );
}

#[test]
fn code_urls_and_attributes_are_not_words() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    // A forbidden form in a code span a translator typed, in a URL, in an attribute: none is
    // the writer's word. Outside them it is.
    let src =
        "Run `strike` on <a href=\"https://x.mx/drone-strikes\" title=\"strike\">the page</a>.";
    let tgt = "Ejecute `huelga` en <a href=\"https://x.mx/huelga-de-drones\" title=\"huelga\">la página</a>.";
    assert!(run(&c, src, tgt).is_empty(), "{:?}", run(&c, src, tgt));
    // The quotes of an attribute are not quotation marks.
    let src = "He said “no” on <a href=\"https://x.mx\">the page</a>.";
    let tgt = "Dijo «no» en <a href=\"https://x.mx\">la página</a>.";
    assert!(run(&c, src, tgt).is_empty(), "{:?}", run(&c, src, tgt));
}

/// The message ids of the findings.
fn message_ids(c: &Checker<'_>, source: &str, target: &str) -> Vec<&'static str> {
    c.check_unit(&unit(source, target))
        .into_iter()
        .map(|f| f.message.id)
        .collect()
}

#[test]
fn mexican_press_forms_and_spain_numbers_in_both_directions() {
    let g = glossary();
    let es = |locale| Settings {
        number_locale: locale,
        ..Settings::default()
    };
    let to_mx = Checker::new(&g, Lang::En, Lang::Es, es(NumberLocale::Mx));
    let to_es = Checker::new(&g, Lang::En, Lang::Es, es(NumberLocale::Es));
    let from_mx = Checker::new(&g, Lang::Es, Lang::En, es(NumberLocale::Mx));
    let from_es = Checker::new(&g, Lang::Es, Lang::En, es(NumberLocale::Es));
    let clean = [
        (
            &to_mx,
            "A fund of 800 million pesos.",
            "Un fondo de 800 mdp.",
        ),
        (&to_mx, "Some $45 million.", "Unos 45 mdd."),
        (
            &to_mx,
            "A 1.2 billion peso plan.",
            "Un plan de mil 200 millones de pesos.",
        ),
        (
            &to_mx,
            "It cost 3.5 billion pesos.",
            "Costó 3 mil 500 millones de pesos.",
        ),
        (&to_mx, "2,500 people.", "2 mil 500 personas."),
        (&to_mx, "1.5 trillion pesos.", "1.5 billones de pesos."),
        (
            &to_es,
            "1.5 billion pesos, 3.5%.",
            "1.500 millones de pesos, 3,5 %.",
        ),
        (&to_es, "1,500,000 votes.", "1\u{202F}500\u{202F}000 votos."),
        (&to_es, "1,500,000 votes.", "1\u{00A0}500\u{00A0}000 votos."),
        (
            &from_mx,
            "Un fondo de 800 mdp.",
            "An 800 million peso fund.",
        ),
        (
            &from_mx,
            "Costó 1,500 millones de pesos.",
            "It cost 1,500 million pesos.",
        ),
        (
            &from_es,
            "Costó 1.500 millones de pesos.",
            "It cost 1,500 million pesos.",
        ),
        (&from_es, "Subió un 3,5 %.", "It rose 3.5%."),
        (&to_mx, "At 10:30 p.m.", "A las 22:30 horas."),
        (&to_mx, "At 3 p.m.", "A las 15:00 horas."),
        (&to_mx, "At 3 p.m.", "A las 15 horas."),
        (&to_mx, "1.5 million votes.", "Un millón y medio de votos."),
        (
            &from_es,
            "Dos millones y medio de votos.",
            "2.5 million votes.",
        ),
        (&from_es, "A las 22.30 h.", "At 10:30 p.m."),
    ];
    for (c, s, t) in clean {
        assert!(run(c, s, t).is_empty(), "{s} → {t}: {:?}", run(c, s, t));
    }
    let wrong = [
        (
            &to_mx,
            "A fund of 80 million pesos.",
            "Un fondo de 800 mdp.",
            "800",
        ),
        (
            &to_mx,
            "1.5 billion pesos.",
            "1.5 billones de pesos.",
            "1.5",
        ),
        (&to_es, "1,500 tons.", "1,500 toneladas.", "1,500"),
        (
            &from_es,
            "Costó 1.500 millones.",
            "It cost 1.500 million.",
            "1.500",
        ),
        (
            &from_mx,
            "Costó 1,500 millones.",
            "It cost 1.500 million.",
            "1.500",
        ),
        (
            &from_mx,
            "Un fondo de 800 mdp.",
            "An 80 million peso fund.",
            "80",
        ),
    ];
    for (c, s, t, marked) in wrong {
        assert_eq!(run(c, s, t), [("numbers", marked.to_string())], "{s} → {t}");
    }
}

#[test]
fn a_number_read_differently_is_never_said_to_be_itself() {
    // Before, «1,500» in an es-ES file for "1,500" said "the number 1,500 of the source is
    // 1,500 in the translation".
    let g = glossary();
    let settings = Settings {
        number_locale: NumberLocale::Es,
        ..Settings::default()
    };
    let c = Checker::new(&g, Lang::En, Lang::Es, settings);
    let f = c.check_unit(&unit("1,500 tons.", "1,500 toneladas."));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].message.id, "check-number-read");
    let arg = |name| {
        f[0].message
            .args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    };
    assert_eq!(arg("value").as_deref(), Some("1500"));
    assert_eq!(arg("found_value").as_deref(), Some("1.5"));
    // Different digits keep the plain message.
    let mx = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    assert_eq!(
        message_ids(&mx, "80 million pesos.", "800 mdp."),
        ["check-number-changed"]
    );
}

#[test]
fn centuries_in_arabic_numerals_in_a_spanish_target_are_found() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    assert_eq!(
        run(&c, "In the 20th century.", "En el siglo 20."),
        [("numbers", "20".to_string())]
    );
    assert_eq!(
        message_ids(&c, "In the 20th century.", "En el siglo 20."),
        ["check-century-arabic"]
    );
    assert_eq!(
        run(&c, "The 19th and 20th centuries.", "Los siglos 19 y 20."),
        [("numbers", "19".to_string()), ("numbers", "20".to_string())]
    );
    // A wrong century is still a wrong value, and said once more as Arabic.
    assert_eq!(
        message_ids(&c, "In the 16th century.", "En el siglo 17."),
        ["check-number-changed", "check-century-arabic"]
    );
    for (s, t) in [
        ("In the 20th century.", "En el siglo XX."),
        ("The 19th and 20th centuries.", "Los siglos XIX y XX."),
        (
            "The daily Siglo 21 reported it.",
            "Lo publicó el diario Siglo 21.",
        ),
        ("On the 20th, a century later.", "El 20, un siglo después."),
        ("Siglo 21 reported it.", "Siglo 21 lo publicó."),
        (
            "A century ago 20 families came.",
            "Hace un siglo 20 familias llegaron.",
        ),
    ] {
        assert!(run(&c, s, t).is_empty(), "{s} → {t}: {:?}", run(&c, s, t));
    }
    // A Spanish source is the writer's: «siglo 20» there is not a finding.
    let back = Checker::new(&g, Lang::Es, Lang::En, Settings::default());
    assert!(run(&back, "En el siglo 20.", "In the 20th century.").is_empty());
    assert_eq!(
        run(&back, "En el siglo XX.", "In the 19th century."),
        [("numbers", "19th".to_string())]
    );
}

#[test]
fn register_quotes_are_recognised_by_reported_and_near_variants() {
    let g = glossary();
    let original = "«Nos coordinamos, colaboramos, pero no nos subordinamos», dijo Sheinbaum.";
    let to_es = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    // Before, the reported English variant was not recognised, so her original words in the
    // translation were "a quote the source does not have" (quote-fidelity, Extra).
    for s in [
        "“We never subordinate ourselves,” Sheinbaum said.",
        "“We will never subordinate ourselves,” Sheinbaum said.",
        "“We coordinate, we collaborate, but we never subordinate ourselves,” Sheinbaum said.",
    ] {
        assert!(
            run(&to_es, s, original).is_empty(),
            "{s}: {:?}",
            run(&to_es, s, original)
        );
    }
    // An English quote that merely shares words with the entry is not it: the Spanish
    // original is still a quote the source does not have, and its own translation is fine.
    assert_eq!(
        message_ids(&to_es, "“We never give up,” Sheinbaum said.", original),
        ["check-quote-extra"]
    );
    assert!(run(
        &to_es,
        "“We never give up,” Sheinbaum said.",
        "«Nunca nos rendimos», dijo Sheinbaum."
    )
    .is_empty());
    // A recognised variant still needs her words, not a back-translation.
    assert_eq!(
        message_ids(
            &to_es,
            "“We never subordinate ourselves,” Sheinbaum said.",
            "«Nunca nos sometemos», dijo Sheinbaum."
        ),
        ["check-quote-fidelity"]
    );

    // es→en: her words (or a near variant) in the source, an approved rendering in the target.
    let to_en = Checker::new(&g, Lang::Es, Lang::En, Settings::default());
    let rendering = "“We coordinate, we collaborate, but we do not subordinate,” Sheinbaum said.";
    for s in [
        original,
        "«Nos coordinamos y colaboramos, pero no nos subordinamos», dijo Sheinbaum.",
    ] {
        assert!(
            run(&to_en, s, rendering).is_empty(),
            "{s}: {:?}",
            run(&to_en, s, rendering)
        );
    }
    // Another outlet's English is recognised but is not an approved rendering.
    assert_eq!(
        message_ids(
            &to_en,
            original,
            "“We coordinate, we collaborate, but we never subordinate ourselves,” Sheinbaum said."
        ),
        ["check-quote-fidelity"]
    );
    // The reported English variant in a translation whose source does not quote her.
    assert_eq!(
        message_ids(
            &to_en,
            "Sheinbaum habló.",
            "Sheinbaum said: “We never subordinate ourselves.”"
        ),
        ["check-quote-extra"]
    );
}

#[test]
fn decades_and_the_1900s_read_both_ways() {
    let g = glossary();
    let to_es = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    let to_en = Checker::new(&g, Lang::Es, Lang::En, Settings::default());
    for (c, s, t) in [
        (&to_es, "In the 1990s.", "En los años noventa."),
        (&to_es, "In the 1990s.", "En los 90."),
        (&to_es, "In the 1990s.", "En la década de 1990."),
        (&to_es, "In the ’90s.", "En la década de 1990."),
        (&to_es, "In the early 1900s.", "A principios del siglo XX."),
        (&to_en, "Desde el siglo XX.", "Since the 1900s."),
        (&to_en, "En los años 90.", "In the 1990s."),
    ] {
        assert!(run(c, s, t).is_empty(), "{s} → {t}: {:?}", run(c, s, t));
    }
    assert_eq!(
        run(&to_es, "In the 1990s.", "En los 80."),
        [("numbers", "80".to_string())]
    );
    assert_eq!(
        run(&to_es, "In the early 1900s.", "A principios del siglo XIX."),
        [("numbers", "XIX".to_string())]
    );
    assert_eq!(
        run(&to_en, "En los años 90.", "In the 1980s."),
        [("numbers", "1980".to_string())]
    );
}

/// «3,5» in a Mexican target, or "3,5%" in English, is one number written another locale's
/// way: one finding over the whole of it, not "3 is 3" and "5 is extra".
#[test]
fn a_number_written_another_locales_way_is_one_finding() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    assert_eq!(
        run(
            &c,
            "The economy grew 3.5% last year.",
            "La economía creció 3,5 % el año pasado."
        ),
        [("numbers", "3,5".to_string())]
    );
    let es = Settings {
        number_locale: NumberLocale::Es,
        ..Settings::default()
    };
    let c = Checker::new(&g, Lang::Es, Lang::En, es);
    assert_eq!(
        run(
            &c,
            "El paro subió al 3,5 % en enero.",
            "Unemployment rose to 3,5% in January."
        ),
        [("numbers", "3,5".to_string())]
    );
    // A list is two numbers.
    assert_eq!(
        run(&c, "Subió 3 y 5 puntos.", "It rose 3, 5 and 7 points."),
        [("numbers", "7".to_string())]
    );
}

/// A table-sized segment (more numbers than the short scan takes) pairs its numbers the same
/// way: all equal is clean, one changed is one finding.
#[test]
fn a_segment_with_many_numbers_is_paired_the_same_way() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    let list: Vec<String> = (100..160).map(|n| n.to_string()).collect();
    let source = format!("Totals: {}.", list.join("; "));
    let target = format!("Totales: {}.", list.join("; "));
    assert!(run(&c, &source, &target).is_empty());
    let changed = target.replace("; 150;", "; 151;");
    assert_eq!(run(&c, &source, &changed), [("numbers", "151".to_string())]);
}

/// Large values agree to the unit whatever their last bits: «64 mil 745 mdd» is 64,745
/// million dollars, "$64.745 billion" the same; "$64.7 billion" is not.
#[test]
fn large_values_agree_to_the_unit() {
    let g = glossary();
    let c = Checker::new(&g, Lang::Es, Lang::En, Settings::default());
    let source = "Las remesas alcanzaron 64 mil 745 mdd en 2024.";
    assert!(run(&c, source, "Remittances reached $64.745 billion in 2024.").is_empty());
    assert_eq!(
        run(&c, source, "Remittances reached $64.7 billion in 2024.")
            .into_iter()
            .map(|(rule, _)| rule)
            .collect::<Vec<_>>(),
        ["numbers"]
    );
}

/// A number after «siglo» that the source states as a count is no century: «En lo que va
/// del siglo 12 periodistas…» for "So far this century 12 journalists…"; the 12th century
/// written «siglo 12» still is.
#[test]
fn a_count_after_siglo_is_no_century() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    assert!(run(
        &c,
        "So far this century 12 journalists have been killed.",
        "En lo que va del siglo 12 periodistas han sido asesinados."
    )
    .is_empty());
    assert_eq!(
        run(
            &c,
            "It was built in the 12th century.",
            "Se construyó en el siglo 12."
        )
        .into_iter()
        .map(|(rule, _)| rule)
        .collect::<Vec<_>>(),
        ["numbers"]
    );
}

/// Tokens a finding names come in the order the text has them: `<i> </i>`, not `</i> <i>`.
#[test]
fn markup_tokens_are_named_in_text_order() {
    let g = glossary();
    let c = Checker::new(&g, Lang::En, Lang::Es, Settings::default());
    let f = c.check_unit(&unit("It was <b>final</b>.", "Fue <i>definitivo</i>."));
    let arg = |k: &str| {
        f[0].message.args.iter().find_map(|(key, v)| match v {
            Arg::Text(t) if *key == k => Some(t.clone()),
            _ => None,
        })
    };
    assert_eq!(arg("token").as_deref(), Some("<b> </b>"));
    assert_eq!(arg("found").as_deref(), Some("<i> </i>"));
    assert_eq!(f[0].span, Some(4..7));
}

/// A Mexican source's «3,5 millones» (3 and 5 to an es-MX reader, a Spanish writer's 3.5) is
/// one finding against "3.5 million", not two.
#[test]
fn a_source_number_written_another_locales_way_is_one_finding() {
    let g = glossary();
    let c = Checker::new(&g, Lang::Es, Lang::En, Settings::default());
    assert_eq!(
        run(
            &c,
            "Votaron 3,5 millones de personas.",
            "3.5 million people voted."
        )
        .into_iter()
        .map(|(rule, _)| rule)
        .collect::<Vec<_>>(),
        ["numbers"]
    );
}
