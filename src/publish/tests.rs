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
