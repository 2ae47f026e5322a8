//! The round-trip invariant under fuzzing: for any UTF-8 input, as Markdown and as plain text,
//! segment → PO and XLIFF → merge with nothing translated returns the input byte for byte, but
//! for the front matter's `lang`, which names the target language.
#![no_main]

use libfuzzer_sys::fuzz_target;
use puente::article::{Article, Format};
use puente::lang::Lang;
use puente::workfile::{merge::merge, Extract, WorkFile, WorkFormat};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in [Format::Markdown, Format::PlainText] {
        for lang in [Lang::En, Lang::Es] {
            let Ok(article) = Article::parse(text.to_string(), format, lang) else { continue };
            let x = Extract::new(&article, "a.md", lang, lang.other());
            let expected = article.render_in(Some(lang.other().code()), |_| None);
            if article.front.as_ref().is_none_or(|f| f.lang_span.is_none()) {
                assert_eq!(expected, text);
            }
            let po = WorkFile::read(&x.to_po(None).write(), WorkFormat::Po).expect("PO reads back");
            assert_eq!(merge(&article, &po).output, expected);
            let xlf = WorkFile::read(&x.to_xliff(None), WorkFormat::Xliff).expect("XLIFF reads back");
            assert_eq!(merge(&article, &xlf).output, expected);
        }
    }
});
