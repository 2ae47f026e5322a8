//! Property tests: for any text, parsing never panics, and segment → work file → merge with
//! nothing translated gives the text back byte for byte, through PO and through XLIFF.

use proptest::prelude::*;

use puente::article::{Article, Format};
use puente::lang::Lang;
use puente::segment::Segmenter;
use puente::workfile::{merge::merge, xliff, Catalog, Extract, WorkFile, WorkFormat};

/// Text built from pieces that exercise the parsers: Markdown markup, quotes, abbreviations,
/// numbers, line endings, control characters and front matter openings.
fn article_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Hello world. ".to_string()),
        Just("U.S. ".to_string()),
        Just("EE. UU. ".to_string()),
        Just("“Quote.” ".to_string()),
        Just("«Sí», dijo. ".to_string()),
        Just("¿Qué? ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("\t".to_string()),
        Just("  ".to_string()),
        Just("# ".to_string()),
        Just("## Head".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("> ".to_string()),
        Just("*em* ".to_string()),
        Just("[link](http://x.test/a) ".to_string()),
        Just("`code` ".to_string()),
        Just("<b>".to_string()),
        Just("{1}".to_string()),
        Just("```".to_string()),
        Just("---\n".to_string()),
        Just("title: \"T\"\n".to_string()),
        Just("\u{1}".to_string()),
        Just("1,500.5 ".to_string()),
        "[a-zA-Z .!?]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    (any::<bool>(), prop::collection::vec(piece, 0..30)).prop_map(|(bom, parts)| {
        let mut s = if bom {
            "\u{feff}".to_string()
        } else {
            String::new()
        };
        for p in parts {
            s.push_str(&p);
        }
        s
    })
}

fn extract(article: &Article) -> Extract<'_> {
    Extract::new(article, "a.md", Lang::En, Lang::Es)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn segments_concatenate_back(text in article_text()) {
        for lang in [Lang::En, Lang::Es] {
            let seg = Segmenter::new(lang);
            let cuts = seg.cuts(&text);
            let joined: String = cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect();
            prop_assert_eq!(&joined, &text);
            for r in seg.segments(&text) {
                let s = &text[r];
                prop_assert!(!s.is_empty() && s.trim() == s && !s.contains('\n'));
            }
        }
    }

    #[test]
    fn untranslated_round_trip_is_exact(text in article_text()) {
        for format in [Format::Markdown, Format::PlainText] {
            let Ok(article) = Article::parse(text.clone(), format, Lang::En) else { continue };
            let x = extract(&article);

            let po = x.to_po(None).write();
            let wf = WorkFile::read(&po, WorkFormat::Po).expect("our PO reads back");
            prop_assert_eq!(wf.units.len(), article.segments.len());
            prop_assert_eq!(&merge(&article, &wf, false).output, &text);

            let doc = x.to_xliff(None);
            let wf = WorkFile::read(&doc, WorkFormat::Xliff).expect("our XLIFF reads back");
            for (u, s) in wf.units.iter().zip(&article.segments) {
                prop_assert_eq!(u.source.as_ref(), article.text(s));
            }
            prop_assert_eq!(&merge(&article, &wf, false).output, &text);

            // Pseudo-translation through PO changes the segments and nothing else.
            let mut cat = Catalog::parse(&po).unwrap();
            for e in &mut cat.entries {
                e.msgstr = vec![format!("X{}", e.msgid)];
            }
            let wf = WorkFile::read(&cat.write(), WorkFormat::Po).unwrap();
            let merged = merge(&article, &wf, false);
            prop_assert!(merged.pending.is_empty());
            let expected = article.render(|s| {
                let mut t = format!("X{}", article.text(s));
                for (i, p) in s.placeholders.iter().enumerate() {
                    t = t.replace(&format!("{{{}}}", i + 1), p);
                }
                Some(t)
            });
            prop_assert_eq!(merged.output, expected);
            let _ = xliff::read(&doc).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The glossary matcher never panics, and its spans are character boundaries of the text
    /// that cover a form of the entry they name.
    #[test]
    fn glossary_matches_are_well_formed(text in article_text()) {
        let mut g = puente::glossary::Glossary::default();
        g.add_file("terms.toml", include_str!("../../glossary/terms.toml"));
        g.add_file("names.toml", include_str!("../../glossary/names.toml"));
        for lang in [Lang::En, Lang::Es] {
            let m = puente::glossary::matcher::Matcher::new(&g, lang);
            let mut last = 0;
            for hit in m.find(&text) {
                prop_assert!(hit.span.start >= last && hit.span.start < hit.span.end);
                prop_assert!(text.is_char_boundary(hit.span.start) && text.is_char_boundary(hit.span.end));
                last = hit.span.end;
            }
        }
    }
}

/// Segment text for the checks: the risky characters of every rule, in any order.
fn check_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("cárteles ".to_string()),
        Just("carteles ".to_string()),
        Just("cartels ".to_string()),
        Just("López Obrador ".to_string()),
        Just("Lopez Obrador ".to_string()),
        Just("Trump".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("\"".to_string()),
        Just("¿".to_string()),
        Just("?".to_string()),
        Just("¡".to_string()),
        Just("!".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just(" ".to_string()),
        Just("1,500.5".to_string()),
        Just("1.500,5".to_string()),
        Just("19th".to_string()),
        Just("siglo XIX".to_string()),
        Just("mil ".to_string()),
        Just(" millones".to_string()),
        Just("{1}".to_string()),
        Just("[a]({2})".to_string()),
        Just("**".to_string()),
        Just("_".to_string()),
        Just("<b>".to_string()),
        Just("https://x.test/?a=1".to_string()),
        Just("abrazos, no balazos".to_string()),
        Just("hugs not bullets".to_string()),
        Just("é".to_string()),
        Just("\u{0301}".to_string()),
        "[a-zA-Z0-9 ]{0,6}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// The checks never panic, in either direction and either locale, and every span they
    /// report lies on character boundaries of the text it points into.
    #[test]
    fn checks_never_panic_and_spans_are_valid(src in check_text(), tgt in check_text()) {
        use puente::check::Side;
        use puente::workfile::{State, Unit};
        let unit = Unit {
            id: "p.x".into(),
            source: src.clone().into(),
            target: tgt.clone().into(),
            state: if tgt.is_empty() { State::Untranslated } else { State::Translated },
            line: 1,
            comments: vec!["puente-ignore markup: a reason".into(), "puente-ignore".into()],
            source_stands: false,
        };
        for c in checkers() {
                for f in c.check_unit(&unit) {
                    let text = match f.side { Side::Source => &src, Side::Target => &tgt };
                    if let Some(s) = f.span {
                        prop_assert!(s.start <= s.end && s.end <= text.len());
                        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    }
                }
        }
    }
}

/// Checkers for both directions and both settings, built once for all cases.
fn checkers() -> &'static [puente::check::Checker<'static>] {
    use puente::check::{Checker, NumberLocale, QuoteStyle, Settings};
    static GLOSSARY: std::sync::OnceLock<puente::glossary::Glossary> = std::sync::OnceLock::new();
    static CHECKERS: std::sync::OnceLock<Vec<Checker<'static>>> = std::sync::OnceLock::new();
    let g = GLOSSARY.get_or_init(|| {
        let mut g = puente::glossary::Glossary::default();
        g.add_file("terms.toml", include_str!("../../glossary/terms.toml"));
        g.add_file("names.toml", include_str!("../../glossary/names.toml"));
        g.add_file("quotes.toml", include_str!("../../glossary/quotes.toml"));
        g
    });
    CHECKERS.get_or_init(|| {
        let mut v = Vec::new();
        for (from, to) in [(Lang::En, Lang::Es), (Lang::Es, Lang::En)] {
            for (quote_style, number_locale) in [
                (QuoteStyle::Angular, NumberLocale::Mx),
                (QuoteStyle::Curly, NumberLocale::Es),
            ] {
                let settings = Settings {
                    quote_style,
                    number_locale,
                    ..Settings::default()
                };
                v.push(Checker::new(g, from, to, settings));
            }
        }
        v
    })
}
