//! `split`: the sentences of a text (a file or standard input), as the segmenter finds them.
//!
//! It never prints: the segments come back as ranges of the text read, so a large text is
//! not copied once per segment, and the CLI writes them out.

use std::ops::Range;
use std::path::Path;

use crate::error::Error;
use crate::files;
use crate::lang::Lang;
use crate::segment::Segmenter;

/// A text and its segments.
#[derive(Debug, Default)]
pub struct Split {
    text: String,
    ranges: Vec<Range<usize>>,
}

impl Split {
    /// The segments, in order.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.ranges.iter().map(|r| &self.text[r.clone()])
    }

    /// How many segments there are.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The length in bytes of the text split (without its byte order mark).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }
}

/// Splits the text at `input` (`-` for standard input), read within the input limit, as
/// `lang` writes sentences. An empty input has no segments; a byte order mark is not text.
pub fn split(input: &Path, lang: Lang) -> Result<Split, Error> {
    let mut text = match files::read_text(input) {
        Ok(t) => t,
        // Splitting nothing gives nothing.
        Err(Error::Empty { .. }) => String::new(),
        Err(e) => return Err(e),
    };
    if text.starts_with('\u{feff}') {
        text.replace_range(..'\u{feff}'.len_utf8(), "");
    }
    let ranges = Segmenter::new(lang).segments(&text);
    Ok(Split { text, ranges })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_not_text_and_an_empty_file_has_no_segments() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "\u{feff}One sentence. Another one.\n").unwrap();
        let found = split(&file, Lang::En).unwrap();
        assert_eq!(
            found.segments().collect::<Vec<_>>(),
            ["One sentence.", "Another one."]
        );
        std::fs::write(&file, "").unwrap();
        assert!(split(&file, Lang::Es).unwrap().is_empty());
    }
}
