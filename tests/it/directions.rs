//! Both directions with English as a first-class target: `puente translate` from an es-ES
//! article through the real Apertium (English typography, numbers read with the source's
//! locale), and `puente check` on es→en and en→es work files whose quotations change form
//! (Spanish dialogue dashes, English quotation marks).

use std::path::Path;

use puente::workfile::{WorkFile, WorkFormat};
use serde_json::Value;

use crate::support::{code, puente, require, stderr};

/// A PO work file `name` in `dir` for `source` (a tag) → `target`, with `(msgid, msgstr)`
/// entries, reviewed.
fn write_po(dir: &Path, name: &str, source: &str, target: &str, entries: &[(&str, &str)]) {
    let mut po = format!(
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: {target}\\n\"\n\"X-Source-Language: {source}\\n\"\n"
    );
    for (i, (s, t)) in entries.iter().enumerate() {
        po.push_str(&format!(
            "\nmsgctxt \"p.{i}\"\nmsgid \"{}\"\nmsgstr \"{}\"\n",
            s.replace('"', "\\\""),
            t.replace('"', "\\\"")
        ));
    }
    std::fs::write(dir.join(name), po).unwrap();
}

/// `puente check` on `name` in `dir` as JSON: the exit code and each finding's rule and
/// segment.
fn check(dir: &Path, name: &str) -> (i32, Vec<(String, String)>) {
    let o = puente(dir, &["check", name, "--format", "json"]);
    let findings = String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("each line is JSON"))
        .filter(|v| v["type"] == "finding")
        .map(|v| {
            (
                v["rule"].as_str().unwrap_or_default().to_string(),
                v["segment"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    (code(&o), findings)
}

#[test]
fn apertium_into_english_writes_english_typography() {
    require("apertium");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nota.es.md"),
        "---\ntitle: Prueba\nlang: es\n---\n\n\
         «El gobierno dijo “basta” hoy», afirmó la ministra.\n\n\
         —No podemos seguir así —afirmó el gobernador—.\n\n\
         La reunión empezó a las 9 a. m. con 1.500 millones de euros y un alza del 3,5 %.\n\n\
         Los funcionarios de EE. UU. llegaron.\n\n\
         ¿Qué pasa?\n",
    )
    .unwrap();
    let o = puente(dir.path(), &["segment", "nota.es.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The work file says its Spanish is Spain's: 1.500 is fifteen hundred, 3,5 three and a
    // half.
    let po_path = dir.path().join("nota.en.po");
    let po = std::fs::read_to_string(&po_path).unwrap();
    assert!(po.contains("\"X-Source-Language: es\\n\""), "{po}");
    let po = po.replace(
        "\"X-Source-Language: es\\n\"",
        "\"X-Source-Language: es-ES\\n\"",
    );
    std::fs::write(&po_path, po).unwrap();

    let o = puente(dir.path(), &["translate", "nota.en.po", "--no-cache"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let po = std::fs::read_to_string(&po_path).unwrap();
    let wf = WorkFile::read(&po, WorkFormat::Po).unwrap();
    let target = |start: &str| {
        wf.units
            .iter()
            .find(|u| u.source.starts_with(start))
            .map(|u| u.target.clone())
            .unwrap_or_else(|| panic!("no segment starts with {start}: {po}"))
    };
    for u in &wf.units {
        assert!(!u.target.is_empty(), "{} not translated: {po}", u.id);
        for mark in ['«', '»', '¿', '¡', '—'] {
            assert!(!u.target.contains(mark), "{mark} left in {}", u.target);
        }
    }
    // « » and the Spanish “ ” inside become “ ” then ‘ ’, the comma inside the closing mark.
    let quote = target("«El gobierno");
    assert!(quote.starts_with('“'), "{quote}");
    assert!(quote.contains('‘') && quote.contains('’'), "{quote}");
    assert!(quote.contains(",” "), "{quote}");
    // The dialogue line: the words said in quotes, the governor outside after a comma.
    let said = target("—No podemos");
    assert!(said.starts_with('“'), "{said}");
    assert!(said.contains(",” "), "{said}");
    assert!(said.ends_with("governor."), "{said}");
    // a. m. kept (Apertium alone writes "to. m."), es-ES numbers written the English way.
    let numbers = target("La reunión");
    assert!(numbers.contains("9 a.m."), "{numbers}");
    assert!(!numbers.contains("to. m."), "{numbers}");
    assert!(numbers.contains("1,500 million "), "{numbers}");
    assert!(numbers.contains("3.5%"), "{numbers}");
    let us = target("Los funcionarios");
    assert!(us.contains("U.S."), "{us}");
    assert!(!us.contains("EE."), "{us}");

    // And check agrees with the result: no quotation or number finding, only the machine's
    // fuzzy flags.
    let (_, findings) = check(dir.path(), "nota.en.po");
    let rules: Vec<&str> = findings
        .iter()
        .map(|(r, _)| r.as_str())
        .filter(|r| *r != "fuzzy")
        .collect();
    assert!(rules.is_empty(), "{findings:?}");
}

#[test]
fn check_counts_a_dialogue_line_and_its_english_quotation_as_one_quote() {
    let dir = tempfile::tempdir().unwrap();
    for source in ["es-MX", "es-ES"] {
        write_po(
            dir.path(),
            "a.en.po",
            source,
            "en-US",
            &[
                (
                    "—No podemos seguir así —afirmó el gobernador—.",
                    "“We cannot go on like this,” the governor said.",
                ),
                (
                    "—No podemos —dijo—. Lo haremos mañana.",
                    "“We cannot,” he said. “We will do it tomorrow.”",
                ),
                ("«Basta», dijo la ministra.", "“Enough,” the minister said."),
                ("¿Qué pasa?", "What is going on?"),
                (
                    "—No podemos seguir así —afirmó la gobernadora—.",
                    "—We cannot go on like this —the governor said.",
                ),
                (
                    "«Basta ya», dijo la ministra.",
                    "“Enough now”, the minister said.",
                ),
            ],
        );
        let (code, findings) = check(dir.path(), "a.en.po");
        assert_eq!(
            findings,
            [
                ("quote-marks".to_string(), "p.4".to_string()),
                ("quote-punctuation".to_string(), "p.5".to_string())
            ],
            "{source}"
        );
        assert_eq!(code, 1);
    }
    for target in ["es-MX", "es-ES"] {
        write_po(
            dir.path(),
            "a.es.po",
            "en-US",
            target,
            &[
                (
                    "“We cannot,” the governor said. “We will do it tomorrow.”",
                    "—No podemos —dijo el gobernador—. Lo haremos mañana.",
                ),
                (
                    "“We cannot,” the governor said.",
                    "No podemos, dijo el gobernador.",
                ),
            ],
        );
        let (code, findings) = check(dir.path(), "a.es.po");
        assert_eq!(
            findings,
            [("quote-marks".to_string(), "p.1".to_string())],
            "{target}"
        );
        assert_eq!(code, 1);
    }
}

#[test]
fn first_level_quotes_follow_the_project_and_either_accepts_the_mexican_press() {
    let dir = tempfile::tempdir().unwrap();
    let entries = [
        ("“Enough,” she said.", "“Basta”, dijo."),
        ("“Enough,” she said again.", "«Basta», dijo otra vez."),
        ("“He said ‘no,’” she said.", "“Él dijo «no»”, dijo ella."),
    ];
    // No style chosen: the RAE's « » first, in Mexico as in Spain (NEWSROOM.md: the style is
    // a setting; the default is the one the init template writes).
    for tag in ["es-MX", "es-ES"] {
        write_po(dir.path(), "a.es.po", "en-US", tag, &entries);
        let (_, findings) = check(dir.path(), "a.es.po");
        let mut marks: Vec<&str> = findings.iter().map(|(_, s)| s.as_str()).collect();
        marks.dedup();
        assert_eq!(marks, ["p.0", "p.2"], "{tag}: {findings:?}");
    }
    // `either`: a desk that takes the Mexican press's “ ” as well as « » at the first level,
    // each segment nested after what it opens with.
    std::fs::write(
        dir.path().join("puente.toml"),
        "[check]\nquote_style = \"either\"\n",
    )
    .unwrap();
    write_po(dir.path(), "a.es.po", "en-US", "es-MX", &entries);
    let (_, findings) = check(dir.path(), "a.es.po");
    assert_eq!(findings, [("quote-marks".to_string(), "p.2".to_string())]);
}

#[test]
fn american_english_gets_the_period_inside_and_a_british_target_keeps_it_outside() {
    let dir = tempfile::tempdir().unwrap();
    let entries = [
        (
            "Lo calificó de «inaceptable».",
            "She called it “unacceptable”.",
        ),
        (
            "El informe lo calificó de «un fracaso», y el secretario renunció.",
            "The report called it “a failure”, and the secretary resigned.",
        ),
        (
            "Ayer lo calificó de «inaceptable».",
            "Yesterday she called it “unacceptable.”",
        ),
        (
            "Son las finanzas de los cárteles.",
            "These are the finances of the cartels’.",
        ),
    ];
    let seeded = [
        ("quote-punctuation".to_string(), "p.0".to_string()),
        ("quote-punctuation".to_string(), "p.1".to_string()),
    ];
    for target in ["en", "en-US"] {
        write_po(dir.path(), "a.en.po", "es-MX", target, &entries);
        let (code, findings) = check(dir.path(), "a.en.po");
        assert_eq!(findings, seeded, "{target}");
        assert_eq!(code, 1);
    }
    // Logical punctuation in a British English file: what the sense puts outside stays.
    write_po(dir.path(), "a.en.po", "es-ES", "en-GB", &entries);
    let (code, findings) = check(dir.path(), "a.en.po");
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(code, 0);
    // The same from an XLIFF file's trgLang; other files of the run keep the American rule.
    let units: String = entries
        .iter()
        .enumerate()
        .map(|(i, (s, t))| {
            format!(
                "<unit id=\"p.{i}\"><segment state=\"final\"><source>{s}</source>\
                 <target>{t}</target></segment></unit>"
            )
        })
        .collect();
    for (target, expected) in [
        ("en-US", ["po", "po", "xlf", "xlf"].as_slice()),
        ("en-GB", ["po", "po"].as_slice()),
    ] {
        let xliff = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" \
             version=\"2.0\" srcLang=\"es-ES\" trgLang=\"{target}\"><file id=\"f1\">{units}</file></xliff>\n"
        );
        std::fs::write(dir.path().join("b.en.xlf"), xliff).unwrap();
        write_po(dir.path(), "a.en.po", "es-MX", "en-US", &entries);
        let o = puente(
            dir.path(),
            &["check", "a.en.po", "b.en.xlf", "--format", "json"],
        );
        let out = String::from_utf8(o.stdout.clone()).unwrap();
        let files: Vec<&str> = out
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("each line is JSON"))
            .filter(|v| v["type"] == "finding" && v["rule"] == "quote-punctuation")
            .map(|v| {
                if v["file"].as_str().unwrap_or_default().ends_with("xlf") {
                    "xlf"
                } else {
                    "po"
                }
            })
            .collect();
        assert_eq!(files, expected, "{target}: {out}\n{}", stderr(&o));
    }
}

#[test]
fn a_quotation_the_narrator_interrupts_and_a_dialogue_line_after_a_colon_match_english() {
    let dir = tempfile::tempdir().unwrap();
    let es = [
        "«Vamos a cooperar —dijo Sheinbaum—, pero no aceptaremos ataques con drones».",
        "El fiscal fue tajante: —No habrá acuerdo.",
        "«La ruta ha cambiado —dijo el inspector—, y Europa es el nuevo mercado».",
    ];
    let en = [
        "“We will cooperate,” Sheinbaum said, “but we will not accept drone strikes.”",
        "The prosecutor was blunt: “There will be no deal.”",
        "The inspector said the route had changed and Europe was the new market.",
    ];
    // The last one drops the quotation: still found, in both directions.
    write_po(
        dir.path(),
        "a.en.po",
        "es-ES",
        "en-US",
        &[(es[0], en[0]), (es[1], en[1]), (es[2], en[2])],
    );
    let (_, findings) = check(dir.path(), "a.en.po");
    assert_eq!(findings, [("quote-marks".to_string(), "p.2".to_string())]);
    write_po(
        dir.path(),
        "a.es.po",
        "en-US",
        "es-MX",
        &[(en[0], es[0]), (en[1], es[1])],
    );
    let (code, findings) = check(dir.path(), "a.es.po");
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(code, 0);
}
