//! The review page of a draft (issue 15): each sentence marked by where its text came from
//! (machine translation, a memory match, unreviewed, untranslated), a legend, each check
//! finding beside its sentence in the editor's language, language labels on a phone; checked
//! in the HTML, by the Nu HTML Checker and by headless Chromium.

use std::collections::HashMap;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::publish::{chromium, glossary, shots, vnu_jar};
use crate::support::{code, command, puente, stderr};

/// The headline comes before the kicker in the front matter; every page shows the kicker
/// first.
const ARTICLE: &str = "---
lang: en
title: \"Voices From the Border\"
kicker: REPORT
dek: \"Residents speak about the checkpoints.\"
related:
  - title: \"The Mayor Answers\"
    url: \"https://example.com/mayor\"
---

The mayor spoke *plainly*. The council will vote on Friday. Residents fear the cartels. Nobody asked us.

- Safety on the *roads*.
- Prices at the market.
";

/// How each segment was translated: (source, translation, the provenance note of a
/// translation nobody reviewed, as `translate` writes it; `None` for a reviewed one).
const TRANSLATIONS: &[(&str, &str, Option<&str>)] = &[
    ("REPORT", "REPORTAJE", Some("puente-tm: 92% old.es.po")),
    ("Voices From the Border", "Voces desde la frontera", None),
    (
        "Residents speak about the checkpoints.",
        "Los vecinos hablan de los retenes.",
        Some("puente-mt: apertium"),
    ),
    ("The Mayor Answers", "La alcaldesa responde", Some("")),
    (
        "The mayor spoke *plainly*.",
        "La alcaldesa habló *claro*.",
        None,
    ),
    (
        "The council will vote on Friday.",
        "El consejo votará el viernes.",
        Some("puente-mt: apertium"),
    ),
    // Reviewed, but with a form the glossary forbids: a check finding.
    (
        "Residents fear the cartels.",
        "Los vecinos temen a los carteles.",
        None,
    ),
    // "Nobody asked us." stays untranslated.
    (
        "Safety on the *roads*.",
        "La seguridad en las *carreteras*.",
        Some("puente-tm: 100% old.es.po"),
    ),
    ("Prices at the market.", "Los precios del mercado.", None),
];

/// The entry of `msgid` in a PO `segment` wrote, translated as `msgstr`; `note`: fuzzy, with
/// that translator comment when it is not empty.
fn fill(po: &str, msgid: &str, msgstr: &str, note: Option<&str>) -> String {
    let empty = format!("msgid \"{msgid}\"\nmsgstr \"\"");
    let at = po.find(&empty).unwrap_or_else(|| panic!("{msgid}: {po}"));
    let entry = po[..at].rfind("\n\n").unwrap() + 2;
    let ctxt = entry + po[entry..].find("msgctxt").unwrap();
    let mut out = po[..entry].to_string();
    if let Some(n) = note.filter(|n| !n.is_empty()) {
        out.push_str(&format!("# {n}\n"));
    }
    out.push_str(&po[entry..ctxt]);
    if note.is_some() {
        out.push_str("#, fuzzy\n");
    }
    out.push_str(&po[ctxt..at]);
    out.push_str(&format!("msgid \"{msgid}\"\nmsgstr \"{msgstr}\""));
    out.push_str(&po[at + empty.len()..]);
    out
}

/// The segment id (`msgctxt`) of `msgid`.
fn id_of(po: &str, msgid: &str) -> String {
    let at = po.find(&format!("\nmsgid \"{msgid}\"")).unwrap();
    let line = po[..at].lines().last().unwrap();
    line.trim_start_matches("msgctxt \"")
        .trim_end_matches('"')
        .to_string()
}

/// A scratch folder with the article and its work file; the segment ids by source text.
fn story() -> (tempfile::TempDir, HashMap<&'static str, String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.en.md"), ARTICLE).unwrap();
    let o = puente(dir.path(), &["segment", "story.en.md", "-o", "story.es.po"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut po = std::fs::read_to_string(dir.path().join("story.es.po")).unwrap();
    let mut ids = HashMap::new();
    for (src, _, _) in TRANSLATIONS {
        ids.insert(*src, id_of(&po, src));
    }
    ids.insert("Nobody asked us.", id_of(&po, "Nobody asked us."));
    for (src, tgt, note) in TRANSLATIONS {
        po = fill(&po, src, tgt, *note);
    }
    std::fs::write(dir.path().join("story.es.po"), po).unwrap();
    (dir, ids)
}

/// `publish --draft` into `out` with the UI language settings `env`.
fn publish_draft(dir: &Path, out: &str, env: &[(&str, &str)]) -> Output {
    let g = glossary();
    let mut c = command(
        dir,
        &[
            "publish",
            "story.en.md",
            "story.es.po",
            "--out",
            out,
            "--glossary",
            &g,
            "--draft",
        ],
    );
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    o
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The page without the line breaks pulldown-cmark puts between blocks.
fn flat(page: &str) -> String {
    page.replace(">\n<", "><")
}

#[test]
fn a_draft_marks_each_sentence_by_where_its_text_came_from() {
    let (dir, ids) = story();
    let o = publish_draft(dir.path(), "site", &[]);
    assert!(stderr(&o).contains("publishing a DRAFT"), "{}", stderr(&o));
    let mark = |class: &str, src: &str, label: &str, text: &str| {
        format!(
            "<span class=\"rv rv-{class}\" id=\"seg-{}\" title=\"{label}\"><span class=\"vh\">{label}: </span>{text}",
            ids[src]
        )
    };
    let mt = "Traducción automática sin revisar";
    let tm = "Coincidencia de la memoria de traducción sin revisar";
    for page in ["site/es/story.html", "site/bilingual/story.html"] {
        let html = flat(&read(dir.path(), page));
        for (class, src, label, text) in [
            ("memory", "REPORT", tm, "REPORTAJE</span></p>"),
            (
                "machine",
                "Residents speak about the checkpoints.",
                mt,
                "Los vecinos hablan de los retenes.</span></p>",
            ),
            (
                "machine",
                "The council will vote on Friday.",
                mt,
                "El consejo votará el viernes.</span> ",
            ),
            (
                "memory",
                "Safety on the *roads*.",
                tm,
                "La seguridad en las </span><em><span class=\"rv rv-memory\"",
            ),
            (
                "unreviewed",
                "The Mayor Answers",
                "Traducción sin revisar",
                "La alcaldesa responde</span></a>",
            ),
        ] {
            assert!(
                html.contains(&mark(class, src, label, text)),
                "{src} in {page}: {html}"
            );
        }
        // Untranslated: the source is shown, in its language, the label in the page's.
        assert!(
            html.contains(&format!(
                "<span class=\"rv rv-untranslated\" id=\"seg-{}\" title=\"Sin traducir: se muestra el original\" lang=\"en\">\
                 <span class=\"vh\" lang=\"es\">Sin traducir: se muestra el original: </span>Nobody asked us.</span></p>",
                ids["Nobody asked us."]
            )),
            "{page}: {html}"
        );
        // Reviewed sentences carry no mark: not the headline, not the first sentence, not
        // the last item.
        assert!(html.contains("<h1>Voces desde la frontera</h1>"), "{page}");
        assert!(
            html.contains("<p>La alcaldesa habló <em>claro</em>. <span"),
            "{page}"
        );
        assert!(html.contains("<li>Los precios del mercado.</li>"), "{page}");
        assert!(!html.contains(&format!("seg-{}", ids["Voices From the Border"])));
        // One element per segment carries its id.
        assert_eq!(html.matches("id=\"seg-").count(), 7, "{page}");
    }
    // The source edition is the original: no marks, the legend in English.
    let en = read(dir.path(), "site/en/story.html");
    assert!(!en.contains("id=\"seg-"), "{en}");
    assert!(
        en.contains("<span class=\"rv rv-machine\"><span lang=\"en\">Machine translation, not reviewed</span></span>"),
        "{en}"
    );
}

#[test]
fn every_draft_page_has_a_legend_and_a_final_one_no_mark() {
    let (dir, _) = story();
    publish_draft(dir.path(), "site", &[]);
    let es = read(dir.path(), "site/es/story.html");
    let both = read(dir.path(), "site/bilingual/story.html");
    for (class, en_word, es_word) in [
        (
            "rv rv-machine",
            "Machine translation, not reviewed",
            "Traducción automática sin revisar",
        ),
        (
            "rv rv-memory",
            "Translation memory match, not reviewed",
            "Coincidencia de la memoria de traducción sin revisar",
        ),
        (
            "rv rv-unreviewed",
            "Unreviewed translation",
            "Traducción sin revisar",
        ),
        (
            "rv rv-untranslated",
            "Untranslated: the source is shown",
            "Sin traducir: se muestra el original",
        ),
        ("rv rv-noted", "Check finding", "Hallazgo de la revisión"),
    ] {
        assert!(
            es.contains(&format!(
                "<li><span class=\"{class}\"><span lang=\"es\">{es_word}</span></span></li>"
            )),
            "{es_word}: {es}"
        );
        assert!(
            both.contains(&format!(
                "<li><span class=\"{class}\"><span lang=\"en\">{en_word}</span> / <span lang=\"es\">{es_word}</span></span></li>"
            )),
            "{en_word}: {both}"
        );
    }
    assert!(es.contains("<strong><span lang=\"es\">Marcas de revisión</span></strong>"));

    // A reviewed story published final: no legend, no mark, no finding.
    let dir = tempfile::tempdir().unwrap();
    for f in ["drone-strikes.en.md", "drone-strikes.es.po"] {
        std::fs::copy(crate::support::fixtures().join(f), dir.path().join(f)).unwrap();
    }
    let g = glossary();
    let o = puente(
        dir.path(),
        &[
            "publish",
            "drone-strikes.en.md",
            "drone-strikes.es.po",
            "--out",
            "site",
            "--glossary",
            &g,
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for page in ["en", "es", "bilingual"] {
        let html = read(dir.path(), &format!("site/{page}/drone-strikes.html"));
        for mark in [
            "class=\"legend\"",
            "class=\"rv",
            "class=\"finding\"",
            "id=\"seg-",
        ] {
            assert!(!html.contains(mark), "{mark} in {page}");
        }
    }
}

#[test]
fn each_finding_sits_beside_its_sentence_in_the_editors_language() {
    let (dir, ids) = story();
    let id = &ids["Residents fear the cartels."];
    for (out, env, tag, words) in [
        (
            "en-ui",
            &[][..],
            "en-US",
            "“carteles” is forbidden here: use “cárteles” (cartel)</p><p class=\"finding-hint\">replace the forbidden form with the glossary's form</p>",
        ),
        (
            "es-ui",
            &[("PUENTE_UI_LANG", "es")][..],
            "es-MX",
            "«carteles» está prohibido aquí: use «cárteles» (cartel)</p><p class=\"finding-hint\">sustituya la forma prohibida por la del glosario</p>",
        ),
        (
            "es-lang",
            &[("LANG", "es_MX.UTF-8")][..],
            "es-MX",
            "«carteles» está prohibido aquí",
        ),
    ] {
        publish_draft(dir.path(), out, env);
        for page in ["es", "bilingual"] {
            let html = flat(&read(dir.path(), &format!("{out}/{page}/story.html")));
            // The sentence points at its finding, which follows the sentence's paragraph;
            // the page's own words (the finding's label) stay in the page's language.
            let expected = format!(
                "<span class=\"rv rv-noted\" id=\"seg-{id}\" aria-describedby=\"finding-{id}\">Los vecinos temen a los carteles.</span> \
                 <span class=\"rv rv-untranslated\" id=\"seg-{}\"",
                ids["Nobody asked us."]
            );
            assert!(html.contains(&expected), "{out} {page}: {html}");
            let aside = format!(
                "Nobody asked us.</span></p><aside class=\"finding\" id=\"finding-{id}\" aria-label=\"Hallazgo de la revisión\" lang=\"{tag}\">\
                 <p class=\"finding-message\" data-severity=\"error\"><code>forbidden-term</code> {words}"
            );
            assert!(html.contains(&aside), "{out} {page}: {html}");
            assert_eq!(html.matches("<aside class=\"finding\"").count(), 1, "{out} {page}");
        }
        // The source edition has no findings: they are about the translation.
        assert!(!read(dir.path(), &format!("{out}/en/story.html")).contains("class=\"finding\""));
    }
}

#[test]
fn the_bilingual_page_shows_the_header_in_the_editions_order() {
    let (dir, _) = story();
    publish_draft(dir.path(), "site", &[]);
    for page in ["es", "bilingual"] {
        let page_html = read(dir.path(), &format!("site/{page}/story.html"));
        // The body, not the page's <title>.
        let html = &page_html[page_html.find("<main").unwrap()..];
        let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} in {page}"));
        assert!(
            at("REPORTAJE") < at("Voces desde la frontera")
                && at("Voces desde la frontera") < at("Los vecinos hablan de los retenes."),
            "{page}: {html}"
        );
    }
    let both = read(dir.path(), "site/bilingual/story.html");
    assert!(both.find(">REPORT<").unwrap() < both.find(">Voices From the Border<").unwrap());
}

#[test]
fn the_nu_html_checker_finds_no_error_on_the_review_pages() {
    let jar = vnu_jar();
    let (dir, _) = story();
    publish_draft(dir.path(), "site", &[("PUENTE_UI_LANG", "es")]);
    crate::publish::assert_nu_valid(
        dir.path(),
        &jar,
        &[
            "site/en/story.html",
            "site/es/story.html",
            "site/bilingual/story.html",
        ],
    );
}

/// What the browser shows of the review marks, measured by a script in a copy of the page:
/// each mark's underline style, the width of the screen-reader labels, the language label
/// of the target column, and where the finding is relative to its sentence's paragraph.
fn measure(page: &Path, width: u32) -> Value {
    let probe = page.with_file_name("probe.html");
    let script = "<script>\
        const s=e=>getComputedStyle(e);\
        const marks={};for(const e of document.querySelectorAll('main .rv[id]')){marks[e.className]=s(e).textDecorationStyle}\
        const vh=Math.max(...[...document.querySelectorAll('.vh')].map(e=>e.getBoundingClientRect().width));\
        const col=document.querySelector('.pair[data-block] > div[lang=es]');\
        const label=col?getComputedStyle(col,'::before').content:null;\
        const f=document.querySelector('aside.finding');const p=document.getElementById(f.id.replace('finding-','seg-')).closest('p');\
        const gap=f.getBoundingClientRect().top-p.getBoundingClientRect().bottom;\
        const o=document.createElement('pre');o.id='measure';o.textContent=JSON.stringify({marks,vh,label,gap});document.body.append(o);\
        </script></body>";
    let html = std::fs::read_to_string(page)
        .unwrap()
        .replace("</body>", script);
    std::fs::write(&probe, html).unwrap();
    let dom = chromium(&probe, width, 900, None);
    let start = dom.find("<pre id=\"measure\">").expect("the probe ran") + 18;
    let end = start + dom[start..].find("</pre>").unwrap();
    serde_json::from_str(&dom[start..end].replace("&quot;", "\"")).unwrap()
}

#[test]
fn chromium_shows_distinct_marks_findings_beside_sentences_and_language_labels_on_a_phone() {
    crate::support::require("chromium");
    let (dir, _) = story();
    publish_draft(dir.path(), "site", &[]);
    let both = dir
        .path()
        .join("site/bilingual/story.html")
        .canonicalize()
        .unwrap();
    let es = dir
        .path()
        .join("site/es/story.html")
        .canonicalize()
        .unwrap();
    for (page, width, label) in [
        (&both, 1280, Value::from("none")),
        (&both, 390, Value::from("\"es\"")),
        (&es, 1280, Value::Null),
        (&es, 390, Value::Null),
    ] {
        let m = measure(page, width);
        // Not colour alone: each kind has its own underline.
        for (class, style) in [
            ("rv rv-machine", "wavy"),
            ("rv rv-memory", "dashed"),
            ("rv rv-unreviewed", "dotted"),
            ("rv rv-untranslated", "double"),
        ] {
            assert_eq!(m["marks"][class], style, "{class} at {width}: {m}");
        }
        assert!(
            m["vh"].as_f64().unwrap() <= 1.0,
            "screen-reader labels hidden: {m}"
        );
        assert_eq!(m["label"], label, "{} at {width}: {m}", page.display());
        // The finding follows its sentence's paragraph, right below it.
        let gap = m["gap"].as_f64().unwrap();
        assert!((-12.0..=24.0).contains(&gap), "gap {gap} at {width}: {m}");
    }
    // Screenshots for a person to look at.
    let d = shots();
    for (page, name) in [(&both, "review-bilingual"), (&es, "review-es")] {
        chromium(
            page,
            1280,
            1400,
            Some(&d.join(format!("{name}-desktop.png"))),
        );
        chromium(page, 390, 2400, Some(&d.join(format!("{name}-phone.png"))));
        for w in ["desktop", "phone"] {
            let f = d.join(format!("{name}-{w}.png"));
            assert!(
                std::fs::metadata(&f).unwrap().len() > 10_000,
                "{}",
                f.display()
            );
        }
    }
}
