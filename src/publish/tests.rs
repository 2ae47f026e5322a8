use super::html::safe_url;
use super::*;

#[test]
fn unsafe_link_schemes_are_refused_whatever_their_spelling() {
    for ok in [
        "https://example.com/a",
        "http://x.test",
        "mailto:a@b.c",
        "/es/nota",
        "nota.html",
        "#top",
        "//cdn.test/x",
    ] {
        assert!(safe_url(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:x",
        "data:text/html,<script>",
        "vbscript:x",
        "file:///etc/passwd",
    ] {
        assert!(!safe_url(bad), "{bad:?}");
    }
}

#[test]
fn dates_are_read_only_when_real() {
    assert_eq!(iso_date("2026-11-23").as_deref(), Some("2026-11-23"));
    assert_eq!(
        iso_date("\"2026-11-23T08:00:00Z\"").as_deref(),
        Some("2026-11-23")
    );
    assert_eq!(iso_date("2026-02-30"), None);
    assert_eq!(iso_date("2024-02-29").as_deref(), Some("2024-02-29"));
    assert_eq!(iso_date("23/11/2026"), None);
    // A time of day after the date must be one.
    for good in [
        "2026-11-23T08:00",
        "2026-11-23 08:00:00",
        "2026-11-23T23:59:60.25+05:30",
        "2026-11-23 08:00:00 -06:00",
        "2026-11-23t08:00:00z",
        "2016-05-20 22:34:00 -0500",
        "2001-12-14 21:59:43.10 -5",
        "2026-11-23 8:00:00 +01",
    ] {
        assert_eq!(iso_date(good).as_deref(), Some(&good[..10]), "{good}");
    }
    for bad in [
        "2026-11-23T25:00:00Z",
        "2026-11-23T08:60",
        "2026-11-23T08:00:61",
        "2026-11-23T08:00+24:00",
        "2026-11-23T123:00",
        "2026-11-23 08:00:00 -0560",
        "2026-11-23 08:00:00 -",
        "2026-11-23T08:00:00.",
        "2026-11-23 and more",
        "2026-11-23x",
    ] {
        assert_eq!(iso_date(bad), None, "{bad}");
    }
}

fn md(text: &str, lang: Lang) -> Article {
    Article::parse(text.to_string(), Format::Markdown, lang).unwrap()
}

#[test]
fn every_page_keeps_quotations_numbered_items_and_leading_emphasis() {
    let en = md(
        "*By Ana*\n\n> Nobody asked us.\n> Nobody will.\n\n3. First.\n4. Second.\n",
        Lang::En,
    );
    let es = md(
        "*Por Ana*\n\n> Nadie nos preguntó.\n> Nadie lo hará.\n\n3. Primero.\n4. Segundo.\n",
        Lang::Es,
    );
    let story = Story::from_articles("s", &en, &es, Lang::En, Lang::Es).unwrap();
    assert_eq!(
        story.bilingual_markdown(),
        "*By Ana*\n\n*Por Ana*\n\n> Nobody asked us.\n> Nobody will.\n\n\
         > Nadie nos preguntó.\n> Nadie lo hará.\n\n3. First.\n\n3. Primero.\n\n\
         4. Second.\n\n4. Segundo.\n"
    );
    let chrome = Chrome::default();
    let page = html::edition(&story, Lang::Es, (&chrome, &chrome), None);
    assert!(page.contains(
        "<p><em>Por Ana</em></p>\n<blockquote>\n<p>Nadie nos preguntó.\nNadie lo hará.</p>\n\
         </blockquote>\n<ol start=\"3\">\n<li>Primero.</li>\n<li>Segundo.</li>\n</ol>\n"
    ));
    let both = html::bilingual(&story, (&chrome, &chrome), None);
    assert!(both.contains("<div lang=\"es\"><p><em>Por Ana</em></p></div>"));
    assert!(both.contains("<div lang=\"en\"><ol start=\"4\">\n<li>Second.</li>\n</ol>\n</div>"));
    assert!(both.contains("<div lang=\"es\"><blockquote>\n<p>Nadie nos preguntó."));
}

/// A draft of `en` → `es` whose segments came from `origins` in order (the rest reviewed),
/// with `notes` as (segment index, rule, message, hint).
fn draft(en: &str, es: &str, origins: &[Origin], notes: &[(usize, &'static str, &str)]) -> Story {
    let mut story = Story::from_articles(
        "s",
        &md(en, Lang::En),
        &md(es, Lang::Es),
        Lang::En,
        Lang::Es,
    )
    .unwrap();
    story.draft = true;
    for (s, o) in story.segments.iter_mut().zip(origins) {
        s.origin = *o;
    }
    story.notes = notes
        .iter()
        .map(|(i, rule, message)| ReviewNote {
            segment: story.segments[*i].id.clone(),
            rule,
            severity: "error",
            message: message.to_string(),
            hint: format!("fix {rule}"),
        })
        .collect();
    story
}

fn labelled() -> Chrome {
    Chrome {
        unreviewed: "UNREVIEWED".into(),
        machine: "MACHINE".into(),
        memory: "MEMORY".into(),
        untranslated: "UNTRANSLATED".into(),
        finding: "FINDING".into(),
        legend: "LEGEND".into(),
        ..Chrome::default()
    }
}

#[test]
fn a_draft_marks_each_sentence_not_its_paragraph_and_leaves_reviewed_ones_bare() {
    let story = draft(
        "---\ntitle: T\n---\n\nOne. Two. Three. Four.\n",
        "---\ntitle: T\n---\n\nUno. Dos. Tres. Cuatro.\n",
        &[
            Origin::Reviewed,
            Origin::Reviewed,
            Origin::Machine,
            Origin::Memory,
            Origin::Untranslated,
        ],
        &[],
    );
    let c = labelled();
    let page = html::edition(&story, Lang::Es, (&c, &c), None);
    let id = |i: usize| story.segments[i].id.clone();
    assert!(
        page.contains(&format!(
            "<p>Uno. <span class=\"rv rv-machine\" id=\"seg-{}\" title=\"MACHINE\">\
             <span class=\"vh\">MACHINE: </span>Dos.</span> \
             <span class=\"rv rv-memory\" id=\"seg-{}\" title=\"MEMORY\">\
             <span class=\"vh\">MEMORY: </span>Tres.</span> \
             <span class=\"rv rv-untranslated\" id=\"seg-{}\" title=\"UNTRANSLATED\" lang=\"en\">\
             <span class=\"vh\" lang=\"es\">UNTRANSLATED: </span>Cuatro.</span></p>",
            id(2),
            id(3),
            id(4)
        )),
        "{page}"
    );
    // The headline (segment 0) is reviewed: no mark in the header.
    assert!(page.contains("<h1>T</h1>"), "{page}");
    // The source edition is the original: a legend, no marks.
    let en = html::edition(&story, Lang::En, (&c, &c), None);
    assert!(en.contains("class=\"legend\""), "{en}");
    assert!(!en.contains("id=\"seg-"), "{en}");
}

#[test]
fn a_final_edition_carries_no_review_marks_whatever_the_story_holds() {
    let mut story = draft(
        "Two. Three.\n",
        "Dos. Tres.\n",
        &[Origin::Machine, Origin::Untranslated],
        &[(0, "forbidden-term", "bad")],
    );
    story.draft = false;
    let c = labelled();
    for page in [
        html::edition(&story, Lang::Es, (&c, &c), None),
        html::bilingual(&story, (&c, &c), None),
    ] {
        assert!(page.contains("<p>Dos. Tres.</p>"), "{page}");
        for mark in ["class=\"rv", "LEGEND", "class=\"finding\"", "seg-"] {
            assert!(!page.contains(mark), "{mark}: {page}");
        }
    }
}

#[test]
fn marks_keep_emphasis_at_a_sentence_edge_and_author_html_inert() {
    // Emphasis that opens or closes a segment (underscores are the strictest), a segment cut
    // by a link, raw HTML, and the characters the marks would use, written by the author.
    let en =
        "_Nobody_ asked. A [long\nlink](https://e.test) here. <b>Bold</b> \u{2E00}x\u{2E01}.\n";
    let es = "_Nadie_ preguntó. Un [enlace\nlargo](https://e.test) aquí. <b>Negrita</b> \u{2E00}x\u{2E01}.\n";
    let story = draft(
        en,
        es,
        &[
            Origin::Machine,
            Origin::Memory,
            Origin::Memory,
            Origin::Unreviewed,
        ],
        &[],
    );
    // The segmenter cuts the link at its line break: the mark must still nest.
    assert_eq!(story.segments.len(), 4, "{:?}", story.segments);
    let c = labelled();
    let page = html::edition(&story, Lang::Es, (&c, &c), None);
    let body = &page[page.find("<main>").unwrap()..];
    let id = |i: usize| story.segments[i].id.clone();
    assert!(
        body.contains(&format!(
            "<p><em><span class=\"rv rv-machine\" id=\"seg-{}\" title=\"MACHINE\">\
             <span class=\"vh\">MACHINE: </span>Nadie</span></em>\
             <span class=\"rv rv-machine\" title=\"MACHINE\"> preguntó.</span> ",
            id(0)
        )),
        "emphasis kept, the mark inside it: {body}"
    );
    // The link holds the end of one segment and the start of the next: each run is marked
    // inside it, never across it.
    assert!(
        body.contains(&format!(
            "<a href=\"https://e.test\"><span class=\"rv rv-memory\" title=\"MEMORY\">enlace</span>\n\
             <span class=\"rv rv-memory\" id=\"seg-{}\" title=\"MEMORY\"><span class=\"vh\">MEMORY: </span>largo</span></a>\
             <span class=\"rv rv-memory\" title=\"MEMORY\"> aquí.</span>",
            id(2)
        )),
        "{body}"
    );
    assert!(body.contains("&lt;b&gt;Negrita&lt;/b&gt;"), "{body}");
    assert!(!body.contains("<b>"), "{body}");
    // The author's own punctuation is kept as text, and no marker leaks.
    assert_eq!(body.matches('\u{2E00}').count(), 1, "{body}");
    assert_eq!(body.matches('\u{2E01}').count(), 1, "{body}");
    for c in '\u{2E02}'..='\u{2E2E}' {
        assert!(!body.contains(c), "{c:?} leaked: {body}");
    }
}

#[test]
fn a_finding_follows_its_sentence_where_a_block_may_stand() {
    let story = draft(
        "## Head\n\nOne. Two.\n\n- Item one.\n",
        "## Cabeza\n\nUno. Dos.\n\n- Elemento uno.\n",
        &[],
        &[
            (0, "r0", "on the heading"),
            (1, "r1", "on the first sentence"),
            (3, "r3", "on the item"),
        ],
    );
    let c = labelled();
    let id = |i: usize| story.segments[i].id.clone();
    let note = |i: usize, rule: &str, msg: &str| {
        format!(
            "<aside class=\"finding\" id=\"finding-{}\" aria-label=\"FINDING\">\
             <p class=\"finding-message\" data-severity=\"error\"><code>{rule}</code> {msg}</p>\
             <p class=\"finding-hint\">fix {rule}</p></aside>",
            id(i)
        )
    };
    let es = html::edition(&story, Lang::Es, (&c, &c), None);
    let both = html::bilingual(&story, (&c, &c), None);
    for page in [&es, &both] {
        // pulldown-cmark puts a line break between blocks; maud does not.
        let page = &page
            .replace(">\n<aside", "><aside")
            .replace("</aside>\n", "</aside>");
        // After the heading, after the paragraph (not after the sentence inside it), and
        // inside the list item (a list holds only items).
        assert!(
            page.contains(&format!(
                "Cabeza</span></h2>{}",
                note(0, "r0", "on the heading")
            )),
            "{page}"
        );
        assert!(
            page.contains(&format!(
                "aria-describedby=\"finding-{}\">Uno.</span> Dos.</p>{}",
                id(1),
                note(1, "r1", "on the first sentence")
            )),
            "{page}"
        );
        assert!(
            page.contains(&format!(
                "Elemento uno.</span>{}</li>",
                note(3, "r3", "on the item")
            )),
            "{page}"
        );
        assert_eq!(
            page.matches("<aside class=\"finding\"").count(),
            3,
            "{page}"
        );
    }
}

#[test]
fn the_legend_names_every_mark_and_the_bilingual_one_in_both_languages() {
    let story = draft("One.\n", "Uno.\n", &[Origin::Machine], &[]);
    let c = labelled();
    let es = html::edition(&story, Lang::Es, (&Chrome::default(), &c), None);
    for (class, word) in [
        ("rv rv-machine", "MACHINE"),
        ("rv rv-memory", "MEMORY"),
        ("rv rv-unreviewed", "UNREVIEWED"),
        ("rv rv-untranslated", "UNTRANSLATED"),
        ("rv rv-noted", "FINDING"),
    ] {
        assert!(
            es.contains(&format!(
                "<li><span class=\"{class}\"><span lang=\"es\">{word}</span></span></li>"
            )),
            "{word}: {es}"
        );
    }
    let en = Chrome {
        machine: "Machine".into(),
        ..Chrome::default()
    };
    let both = html::bilingual(&story, (&en, &c), None);
    assert!(both.contains(
        "<span class=\"rv rv-machine\"><span lang=\"en\">Machine</span> / <span lang=\"es\">MACHINE</span></span>"
    ));
}

#[test]
fn the_bilingual_page_puts_the_header_in_the_editions_order_and_marks_related_titles() {
    // Front matter key order puts the headline first; every page shows the kicker first.
    let en = "---\ntitle: Head\nkicker: NEWS\ndek: Sub\nrelated:\n  - title: Other\n    url: https://e.test/o\n---\n\nBody.\n";
    let es = "---\ntitle: Cabeza\nkicker: NOTICIAS\ndek: Bajada\nrelated:\n  - title: Otra\n    url: https://e.test/o\n---\n\nCuerpo.\n";
    let mut story = draft(en, es, &[], &[]);
    for s in &mut story.segments {
        s.origin = Origin::Unreviewed;
    }
    let c = labelled();
    let both = html::bilingual(&story, (&c, &c), None);
    let (k, h, d) = (
        both.find(">NOTICIAS<").unwrap(),
        both.find(">Cabeza<").unwrap(),
        both.find(">Bajada<").unwrap(),
    );
    assert!(k < h && h < d, "{both}");
    for t in ["NOTICIAS", "Cabeza", "Bajada", "Otra", "Cuerpo."] {
        assert!(
            both.contains(&format!("<span class=\"vh\">UNREVIEWED: </span>{t}</span>")),
            "{t}: {both}"
        );
    }
    assert!(both.contains("<a href=\"https://e.test/o\"><span class=\"rv rv-unreviewed\""));
}
