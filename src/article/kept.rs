//! An article's parse as bytes, to be kept and read back instead of parsing the article again.
//!
//! Parsing is most of what a merge spends on its source article: the sentences found, every
//! segment and block hashed into its id. The parse depends on nothing but the article's bytes,
//! its format, its language and the puente that parsed it, so a parse kept under those (the
//! caller's key, see `project::Parses`) is the parse. [`encode`] writes the blocks and segments
//! (postcard: spans, ids, lines, escapes and placeholders; the source itself is not copied);
//! [`decode`] puts them back on the source text and reads the front matter again, which is
//! cheap and holds the values an edition rewrites. What [`decode`] reads is checked before it
//! is trusted with a slice: every span inside the text and on character boundaries, segments
//! in order and each in a block, blocks over their segments; anything else is no parse, and the
//! caller parses. Pure: the caller reads and writes the bytes.

use serde::{Deserialize, Serialize};

use super::{frontmatter, Article, Block, Encoding, Format, Segment};

/// What is kept of a parse: everything but the source text and the front matter.
#[derive(Serialize, Deserialize)]
struct Parts {
    blocks: Vec<Block>,
    segments: Vec<Segment>,
}

/// The parse of `article` as bytes, for [`decode`].
pub fn encode(article: &Article) -> Vec<u8> {
    #[derive(Serialize)]
    struct PartsRef<'a> {
        blocks: &'a [Block],
        segments: &'a [Segment],
    }
    // Serializing vectors of owned strings into a vector cannot fail.
    postcard::to_allocvec(&PartsRef {
        blocks: &article.blocks,
        segments: &article.segments,
    })
    .unwrap_or_default()
}

/// The article `source` in `format` whose parse [`encode`] wrote as `bytes`, or the source
/// back when the bytes are not a parse of this text (damaged, or of another text): the caller
/// parses it.
pub fn decode(source: String, format: Format, bytes: &[u8]) -> Result<Article, String> {
    let Some(parts) = postcard::from_bytes::<Parts>(bytes)
        .ok()
        .filter(|parts| fits(&source, parts))
    else {
        return Err(source);
    };
    let front = match format {
        Format::Markdown => {
            let body_start = if source.starts_with('\u{feff}') { 3 } else { 0 };
            match frontmatter::parse(&source, body_start) {
                Ok(front) => front,
                Err(_) => return Err(source),
            }
        }
        Format::PlainText => None,
    };
    let article = Article {
        source,
        format,
        front,
        blocks: parts.blocks,
        segments: parts.segments,
    };
    if !edits_fit(&article) {
        return Err(article.source);
    }
    Ok(article)
}

/// Whether `parts` can stand on `source` without a slice out of bounds or inside a character:
/// the checks [`decode`] makes before it trusts them. Each segment is taken with the bytes its
/// rendering may replace (a TOML literal may be written as a basic string in place of its
/// quotes), and must end before the next one starts.
fn fits(source: &str, parts: &Parts) -> bool {
    let mut end = 0;
    for seg in &parts.segments {
        let Some(outer) = outer(seg) else {
            return false;
        };
        if !span_fits(source, &seg.span)
            || !span_fits(source, &outer)
            || outer.start < end
            || seg.block >= parts.blocks.len()
            || seg.line == 0
        {
            return false;
        }
        end = outer.end;
    }
    parts.blocks.iter().enumerate().all(|(i, b)| {
        span_fits(source, &b.span)
            && b.segments.start <= b.segments.end
            && b.segments.end <= parts.segments.len()
            && parts.segments[b.segments.clone()]
                .iter()
                .all(|s| s.block == i)
    })
}

/// Whether the front matter's own edits (its `lang` value, its `draft` flag, for any edition)
/// stay clear of every segment, as they do in an article puente parsed: rendering writes each
/// edit between segments.
fn edits_fit(article: &Article) -> bool {
    [true, false].into_iter().all(|draft| {
        let edition = super::Edition {
            lang: Some("xx"),
            draft: Some(draft),
        };
        article.front_edits(&edition).iter().all(|(edit, _)| {
            span_fits(&article.source, edit)
                && article.segments.iter().all(|seg| {
                    let Some(seg) = outer(seg) else {
                        return false;
                    };
                    let inside = |at: usize| seg.start < at && at < seg.end;
                    // Apart, or an insertion at a segment's very edge.
                    (edit.end <= seg.start || seg.end <= edit.start)
                        && !(edit.is_empty() && inside(edit.start))
                })
        })
    })
}

/// The bytes rendering `seg` may replace: its span, with the quotes around a TOML literal.
fn outer(seg: &Segment) -> Option<std::ops::Range<usize>> {
    if seg.encoding == Encoding::TomlLiteral {
        Some(seg.span.start.checked_sub(1)?..seg.span.end.checked_add(1)?)
    } else {
        Some(seg.span.clone())
    }
}

/// Whether `r` is a span of `source` between character boundaries.
fn span_fits(source: &str, r: &std::ops::Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= source.len()
        && source.is_char_boundary(r.start)
        && source.is_char_boundary(r.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    const MD: &str = "\u{feff}---\ntitle: \"Un «título» con \\\"escape\\\"\"\ndek: 'It''s a dek'\nlang: en\ndraft: true\n---\n\n# Heading one\n\nFirst sentence. Second one with `code` and <b>html</b>! Third: https://example.com/a.b?c.\n\n- 1. First item 2. Second item\n- Mr. Smith went to Washington. He said “Yes.” Then left.\n\nThe same sentence.\n\nThe same sentence.\r\n";

    fn same(a: &Article, b: &Article) {
        assert_eq!(a.source, b.source);
        assert_eq!(a.format, b.format);
        assert_eq!(a.declared_lang(), b.declared_lang());
        assert_eq!(format!("{:?}", a.blocks), format!("{:?}", b.blocks));
        assert_eq!(format!("{:?}", a.segments), format!("{:?}", b.segments));
        assert_eq!(format!("{:?}", a.front), format!("{:?}", b.front));
    }

    #[test]
    fn a_parse_read_back_is_the_parse() {
        for (text, format) in [
            (MD, Format::Markdown),
            (MD, Format::PlainText),
            ("Plain. Text here.\n\nAnother line", Format::PlainText),
            ("", Format::Markdown),
            (
                include_str!("../../tests/fixtures/drone-strikes.en.md"),
                Format::Markdown,
            ),
            (
                include_str!("../../tests/fixtures/cartels.es.md"),
                Format::Markdown,
            ),
            (
                include_str!("../../tests/fixtures/crlf.md"),
                Format::Markdown,
            ),
            (
                include_str!("../../tests/fixtures/structure.en.md"),
                Format::Markdown,
            ),
            (
                include_str!("../../tests/fixtures/toml-bom.md"),
                Format::Markdown,
            ),
            (
                include_str!("../../tests/fixtures/plain.txt"),
                Format::PlainText,
            ),
            (
                include_str!("../../tests/fixtures/drone-strikes.en.txt"),
                Format::PlainText,
            ),
        ] {
            for lang in [Lang::En, Lang::Es] {
                let parsed = Article::parse(text.to_string(), format, lang).unwrap();
                let bytes = encode(&parsed);
                let back = decode(text.to_string(), format, &bytes).unwrap();
                same(&parsed, &back);
                // An edition rendered from either is the same, front matter edits included.
                let edition = crate::article::Edition {
                    lang: Some("es"),
                    draft: Some(false),
                };
                let upper = |s: &Segment| Some(parsed.text(s).to_uppercase());
                assert_eq!(
                    parsed.render_in(&edition, upper),
                    back.render_in(&edition, |s| Some(back.text(s).to_uppercase()))
                );
            }
        }
    }

    proptest::proptest! {
        /// Any mix of front matter, Markdown structure, markup that becomes placeholders,
        /// escapes, repeated sentences and line endings is read back as it was parsed.
        #[test]
        fn any_parse_read_back_is_the_parse(
            front in proptest::sample::select(vec![
                "", "---\ntitle: \"A \\\"b\\\"\"\nlang: en\n---\n",
                "+++\ntitle = 'It is'\ndek = \"x\\ty\"\n+++\n", "\u{feff}---\ndek: plain\n---\n",
            ]),
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "Word", " ", "\n", "\n\n", "\r\n", "# ", "## ", "- ", "1. ", "> ", "Mr. ",
                "U.S. ", "It ended. ", "Then? ", "“Yes.” ", "«Sí.» ", "`code` ", "<b>x</b> ",
                "https://example.com/a.b ", "[link](https://x.mx) ", "*em* ", "2. Item ",
                "¿Qué? ", "¡Ya! ", "ñandú ", "… ", "{1} ", "\\", "\"", "'",
            ]), 0..60),
            lang in proptest::sample::select(vec![Lang::En, Lang::Es]),
        ) {
            let text = format!("{front}{}", parts.concat());
            for format in [Format::Markdown, Format::PlainText] {
                let parsed = Article::parse(text.clone(), format, lang).unwrap();
                let back = decode(text.clone(), format, &encode(&parsed)).unwrap();
                proptest::prop_assert_eq!(format!("{:?}", parsed.blocks), format!("{:?}", back.blocks));
                proptest::prop_assert_eq!(format!("{:?}", parsed.segments), format!("{:?}", back.segments));
                proptest::prop_assert_eq!(format!("{:?}", parsed.front), format!("{:?}", back.front));
            }
        }
    }

    #[test]
    fn another_texts_parse_that_would_overlap_a_front_matter_edit_or_a_quote_is_no_parse() {
        // A's headline lies where B's `lang` value is: rendering B's edition would write the
        // new `lang` inside a segment.
        let a = "---\ntitle: Hello world\n---\n\nBody.\n";
        let b = "---\nlang: en\ntitle: Hi\n---\n\nBody text.\n";
        let parsed = Article::parse(a.into(), Format::Markdown, Lang::En).unwrap();
        assert!(decode(b.into(), Format::Markdown, &encode(&parsed)).is_err());
        // A TOML literal's closing quote is where the next segment starts.
        let text = "'ab'cd and more text";
        let segment = |span: std::ops::Range<usize>, encoding| Segment {
            id: "p.1".into(),
            block: 0,
            span,
            encoding,
            encoded: None,
            placeholders: Vec::new(),
            line: 1,
        };
        let block = Block {
            id: "b.1".into(),
            kind: crate::article::BlockKind::Paragraph,
            line: 1,
            span: 0..6,
            segments: 0..2,
        };
        let parts = |first| Parts {
            blocks: vec![block.clone()],
            segments: vec![first, segment(3..6, Encoding::Raw)],
        };
        assert!(!fits(text, &parts(segment(1..3, Encoding::TomlLiteral))));
        assert!(fits(text, &parts(segment(1..3, Encoding::Raw))));
        // And one at the very start of the text has no quote before it.
        assert!(!fits(text, &parts(segment(0..2, Encoding::TomlLiteral))));
    }

    #[test]
    fn bytes_that_do_not_fit_the_text_are_no_parse() {
        let parsed = Article::parse(MD.to_string(), Format::Markdown, Lang::En).unwrap();
        let bytes = encode(&parsed);
        // Another (shorter) text: spans fall outside it or inside a character.
        assert_eq!(
            decode("short".into(), Format::Markdown, &bytes).unwrap_err(),
            "short"
        );
        let cut = "é".repeat(MD.len());
        assert!(decode(cut, Format::Markdown, &bytes).is_err());
        // Damaged bytes: every truncation, and every single byte changed, either decodes to
        // something that fits or is refused; none panics.
        for n in 0..bytes.len() {
            assert!(decode(MD.into(), Format::Markdown, &bytes[..n]).is_err());
        }
        for i in 0..bytes.len() {
            let mut broken = bytes.clone();
            broken[i] ^= 0x5a;
            if let Ok(a) = decode(MD.into(), Format::Markdown, &broken) {
                let _ = a.render(|s| Some(a.text(s).to_string()));
            }
        }
    }
}
