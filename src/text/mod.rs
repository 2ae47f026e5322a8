//! Text: the shared readings of a string that every stage needs and no stage owns. The one
//! scanner of placeholders, URLs and addresses ([`markup`]), the one pairing of quotation
//! marks and brackets ([`quotes`]), number reading and Roman numerals ([`numbers`]), the
//! similarity of two texts ([`similarity`]), checksums ([`sha256_hex`]) and line numbers
//! ([`LineIndex`]).
//!
//! Used by segment, article, check, mt's protection, workfile and tm, and it uses none of
//! them: it knows nothing of articles, work files, glossaries or rules. Pure: no files, no
//! network, no terminal, no environment.

pub mod markup;
pub mod numbers;
pub mod quotes;

use sha2::{Digest, Sha256};

/// Offsets of line starts, for turning byte offsets into 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line of `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// The negation words of `text` in `lang` ("not", "never", "don't"; «no», «nunca», «jamás»),
/// with their byte ranges: what `segment --update` counts to flag a changed meaning.
pub fn negations(text: &str, lang: crate::lang::Lang) -> Vec<std::ops::Range<usize>> {
    let words: &[&str] = match lang {
        crate::lang::Lang::En => &[
            "not", "no", "never", "nor", "neither", "none", "nobody", "nothing",
        ],
        crate::lang::Lang::Es => &[
            "no", "nunca", "ni", "jamás", "tampoco", "nadie", "nada", "ninguno", "ninguna",
        ],
    };
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = c.is_alphanumeric() || c == '\'' || c == '’';
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = text[s..i].to_lowercase();
                if words.contains(&w.as_str()) || w.ends_with("n't") || w.ends_with("n’t") {
                    out.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether `hay` holds `needle`. For the short needles the rules look for in one segment
/// ("://", «iglo»), finding one byte with memchr and comparing costs nothing to set up, where
/// `memmem::find` builds a searcher on every call (3 % of a large check). The byte looked for
/// is the needle's rarest in prose, so that memchr stops seldom: «iglo» is found by its `g`,
/// where its `i` stopped at nearly every word (9 % of a large check).
pub fn has(hay: &[u8], needle: &[u8]) -> bool {
    let Some(at) = (0..needle.len()).min_by_key(|&k| prose_frequency(needle[k])) else {
        return true;
    };
    memchr::memchr_iter(needle[at], hay).any(|i| i >= at && hay[i - at..].starts_with(needle))
}

/// The flags `f` gives the bytes of `b`, or-ed together: one pass over a segment that tells
/// which of several bytes it holds, sixteen bytes at a time (each lane's flags gathered
/// apart, which the compiler makes vector comparisons of), where a search per byte wanted
/// would pass over the text once for each.
#[inline]
pub fn gather(b: &[u8], f: impl Fn(u8) -> u8) -> u8 {
    let mut lanes = [0u8; 16];
    let mut chunks = b.chunks_exact(16);
    for chunk in chunks.by_ref() {
        for (lane, &c) in lanes.iter_mut().zip(chunk) {
            *lane |= f(c);
        }
    }
    chunks.remainder().iter().fold(0, |held, &c| held | f(c))
        | lanes.iter().fold(0, |held, &lane| held | lane)
}

/// How common a byte is in English and Spanish prose, roughly: 0 for a byte that is not a
/// letter or a space, then by the letters' frequency.
fn prose_frequency(b: u8) -> u8 {
    const TABLE: [u8; 256] = {
        let by_frequency = b"zqjxkwyvfbhgpmculdtrsnioae ";
        let mut table = [0; 256];
        let mut k = 0;
        while k < by_frequency.len() {
            let c = by_frequency[k];
            table[c as usize] = k as u8 + 1;
            table[c.to_ascii_uppercase() as usize] = k as u8 + 1;
            k += 1;
        }
        table
    };
    TABLE[usize::from(b)]
}

/// Whether `text` may hold a control character other than tab and newline: a C0 control, DEL
/// or a C1 control (U+0080 to U+009F). `false` means it holds none; `true` sends the caller to
/// its characters, for almost no text has one. C0 controls and DEL are single bytes, tested
/// over the whole text without a branch per byte, which vectorizes; C1 controls are 0xC2
/// followed by 0x80 to 0x9F, and since 0xC2 also starts ¡, ¿, « and », its few places are
/// looked at one by one.
pub fn may_hold_control(text: &str) -> bool {
    let b = text.as_bytes();
    let single = b.iter().fold(false, |any, &x| {
        any | ((x < 0x20) & (x != b'\t') & (x != b'\n')) | (x == 0x7f)
    });
    single
        || memchr::memchr_iter(0xc2, b)
            .any(|i| b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
}

/// The SHA-256 of `bytes`, in hex: the checksum work files record of their source.
pub fn sha256_hex(bytes: &[u8]) -> String {
    // In one formatting of the whole digest: a string per byte was a tenth of hashing.
    format!("{:x}", Sha256::digest(bytes))
}

/// Similarity of two texts by characters: 1 − Levenshtein distance ÷ the longer length.
/// Texts whose lengths alone rule out `min` score 0 without being compared. The memory's
/// fuzzy matches and a revised article's carried translations both use it.
pub fn similarity(a: &str, b: &str, min: f64) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longer = la.max(lb);
    if longer == 0 {
        return 1.0;
    }
    // The distance is at least the difference in length.
    if (la.min(lb) as f64) < min * longer as f64 {
        return 0.0;
    }
    1.0 - strsim::levenshtein(a, b) as f64 / longer as f64
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_hex_is_the_digest_in_lowercase_hex() {
        // FIPS 180-2's examples: work files and kept parses record checksums in this form.
        assert_eq!(
            super::sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn may_hold_control_is_false_only_for_text_without_one() {
        // Every character up to U+0250 at the end of a text of marks sharing the C1
        // controls' lead byte, and a C1 control's second byte after another lead byte.
        for c in (0u32..0x250).filter_map(char::from_u32) {
            let text = format!("«¿Sí?» ¡Ñandú!\u{a0}° {c}");
            let control = c.is_control() && c != '\t' && c != '\n';
            assert_eq!(
                super::may_hold_control(&text),
                control,
                "U+{:04X}",
                c as u32
            );
        }
        // Ā is 0xC4 0x80: a C1 control's second byte after another lead byte.
        assert!(!super::may_hold_control("\u{100}\u{3085}"));
        assert!(!super::may_hold_control(""));
    }

    #[test]
    fn has_finds_a_needle_anywhere_and_only_whole() {
        assert!(super::has(b"see https://x.mx", b"://"));
        assert!(super::has("el siglo XX".as_bytes(), "iglo".as_bytes()));
        assert!(!super::has(b"a:/ b//", b"://"));
        assert!(!super::has(b"ww", b"www."));
        assert!(super::has(b"anything", b""));
        // Found by a byte inside the needle, at the hay's very start and end.
        assert!(super::has(b"iglo", b"iglo"));
        assert!(super::has(b"gigloiglo", b"iglo"));
        assert!(!super::has(b"glo iglX", b"iglo"));
    }
}
