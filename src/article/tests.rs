use super::*;

fn parse_md(text: &str) -> Article {
    Article::parse(text.to_string(), Format::Markdown, Lang::En).unwrap()
}

#[test]
fn markdown_blocks_kinds_and_placeholders() {
    let text = "---\ntitle: Mexico Resists\nkicker: ANALYSIS\n---\n\n## The Threat\n\nRead [the report](https://x.test/r \"R\") and `code`. It *matters*.\n\n- one item\n- two\n\n```\nnot translated.\n```\n";
    let a = parse_md(text);
    let kinds: Vec<_> = a.segments.iter().map(|s| a.blocks[s.block].kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Headline,
            BlockKind::Kicker,
            BlockKind::Subhead,
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::ListItem
        ]
    );
    let texts: Vec<_> = a.segments.iter().map(|s| a.text(s)).collect();
    assert_eq!(
        texts,
        [
            "Mexico Resists",
            "ANALYSIS",
            "The Threat",
            "Read [the report]({1}) and {2}.",
            "It *matters*.",
            "one item",
            "two"
        ]
    );
    assert_eq!(
        a.segments[3].placeholders,
        ["https://x.test/r \"R\"", "`code`"]
    );
    assert_eq!(a.render(|_| None), text);
}

#[test]
fn blockquote_lines_keep_their_prefix_outside() {
    let text = "> First *line\n> second* line.\n";
    let a = parse_md(text);
    let texts: Vec<_> = a.segments.iter().map(|s| &text[s.span.clone()]).collect();
    assert_eq!(texts, ["First *line", "second* line."]);
}

#[test]
fn decode_restores_placeholders_and_reports_missing_ones() {
    let a = parse_md("See [this](https://x.test) now.\n");
    let seg = &a.segments[0];
    assert_eq!(
        a.decode(seg, "Mira [esto]({1}) ya.").unwrap(),
        "Mira [esto](https://x.test) ya."
    );
    assert_eq!(
        a.decode(seg, "Mira esto."),
        Err(PlaceholderError::Missing(1))
    );
    assert_eq!(a.decode(seg, "{1} {2}"), Err(PlaceholderError::Unknown(2)));
}

#[test]
fn ids_are_stable_when_text_moves() {
    let a = parse_md("One. Two.\n\nThree.\n");
    let b = parse_md("Zero.\n\nOne. Two.\n\nThree.\n");
    let ids_a: Vec<_> = a.segments.iter().map(|s| s.id.clone()).collect();
    let ids_b: Vec<_> = b.segments.iter().skip(1).map(|s| s.id.clone()).collect();
    assert_eq!(ids_a, ids_b);
    let dup = parse_md("Yes.\n\nYes.\n");
    assert_ne!(dup.segments[0].id, dup.segments[1].id);
}

#[test]
fn plain_text_every_line_is_a_block() {
    let text = "\u{feff}ANALYSIS\r\n\r\nHello world. Bye.  \r\nLast";
    let a = Article::parse(text.to_string(), Format::PlainText, Lang::En).unwrap();
    let texts: Vec<_> = a.segments.iter().map(|s| a.text(s)).collect();
    assert_eq!(texts, ["ANALYSIS", "Hello world.", "Bye.", "Last"]);
    assert_eq!(a.render(|_| None), text);
    let upper = a.render(|s| Some(a.text(s).to_uppercase()));
    assert_eq!(upper, "\u{feff}ANALYSIS\r\n\r\nHELLO WORLD. BYE.  \r\nLAST");
}

#[test]
fn front_matter_translation_is_escaped() {
    let text = "---\ntitle: Plain\ndek: \"Quoted\"\n---\nBody.\n";
    let a = parse_md(text);
    let out = a.render(|s| match a.text(s) {
        "Plain" => Some("México: sí".to_string()),
        "Quoted" => Some("Dijo \"no\"".to_string()),
        _ => None,
    });
    assert_eq!(
        out,
        "---\ntitle: \"México: sí\"\ndek: \"Dijo \\\"no\\\"\"\n---\nBody.\n"
    );
}

#[test]
fn an_article_is_told_from_a_work_file_by_its_content() {
    use super::looks_like_article;
    for article in [
        "---\ntitle: A\n---\nBody.\n",
        "\u{feff}+++\r\ntitle = 'A'\r\n+++\r\n",
        "The mayor spoke on Monday.\n",
        "# Heading\n\nText.\n",
    ] {
        assert!(looks_like_article(article), "{article:?}");
    }
    for workfile in [
        "# comment\nmsgid \"\"\nmsgstr \"\"\n",
        "msgid \"a\"\nmsgstr \"b\n",
        "\u{feff}<?xml version=\"1.0\"?>\n<xliff/>\n",
    ] {
        assert!(!looks_like_article(workfile), "{workfile:?}");
    }
}
