//! Rules on the characters of a segment: Spanish ¿ ¡ openers, markup kept, a target that
//! is the source, and the accent-blind search that points at a misspelled name. Pure.

use std::collections::BTreeMap;
use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::Message;
use crate::glossary::matcher::Hit;
use crate::glossary::{Glossary, Kind};
use crate::text::markup::{self, Braces};

/// `spanish-punctuation`: each ? and ! closes a ¿ or ¡ opened before it, also mid-sentence
/// («Si llega, ¿qué hará?»), and each opener is closed. A lone (?) or (!) of doubt or
/// surprise is allowed, and URLs and placeholders are skipped.
pub fn spanish_punctuation(text: &str) -> Vec<(Option<Range<usize>>, Message)> {
    // ¿ and ¡ are C2 BF and C2 A1 in UTF-8: a byte search rules most segments out at once.
    if memchr::memchr3(b'?', b'!', 0xC2, text.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    let skip: Vec<Range<usize>> = markup::spans(text, Braces::Any)
        .into_iter()
        .map(|s| s.range)
        .collect();
    for (i, c) in text.char_indices() {
        if skip.iter().any(|r| r.contains(&i)) {
            continue;
        }
        match c {
            '¿' | '¡' => open.push((c, i)),
            '?' | '!' => {
                let opener = if c == '?' { '¿' } else { '¡' };
                if text[..i].ends_with('(') && text[i + 1..].starts_with(')') {
                    continue;
                }
                match open.iter().rposition(|(o, _)| *o == opener) {
                    Some(p) => {
                        open.truncate(p);
                    }
                    None => out.push((
                        Some(i..i + 1),
                        Message::new("check-spanish-opener")
                            .arg("mark", c.to_string())
                            .arg("opener", opener.to_string()),
                    )),
                }
            }
            _ => {}
        }
    }
    for (o, i) in open {
        let closer = if o == '¿' { "?" } else { "!" };
        out.push((
            Some(i..i + o.len_utf8()),
            Message::new("check-spanish-closer")
                .arg("mark", o.to_string())
                .arg("closer", closer),
        ));
    }
    out
}

/// The markup of a segment: placeholders, URLs, HTML tags and Markdown delimiters, counted.
fn markup_tokens(text: &str) -> BTreeMap<String, Vec<Range<usize>>> {
    let mut out: BTreeMap<String, Vec<Range<usize>>> = BTreeMap::new();
    let b = text.as_bytes();
    // Placeholders and URLs by the one rule; addresses are words here.
    let scanned: Vec<Range<usize>> = markup::spans(text, Braces::Any)
        .into_iter()
        .filter(|s| s.kind != markup::Kind::Address)
        .map(|s| s.range)
        .collect();
    let mut next = scanned.iter().peekable();
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        while next.next_if(|r| r.start < i).is_some() {}
        let token_len = if let Some(r) = next.next_if(|r| r.start == i) {
            Some(r.len())
        } else if b[i] == b'<' {
            // An HTML tag: `<name …>` or `</name>`, by the one rule.
            markup::tag_len(rest)
        } else if rest.starts_with("**") || rest.starts_with("__") {
            Some(2)
        } else if b[i] == b'_' {
            // A lone underscore is emphasis only at a word's edge (not in snake_case).
            let before = text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let after = text[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            (!(before && after)).then_some(1)
        } else if b[i] == b'`' || b[i] == b'*' {
            Some(1)
        } else {
            None
        };
        match token_len {
            Some(n) => {
                let mut key = text[i..i + n].to_string();
                if key.starts_with('<') {
                    // Tags compare by name, not attributes in a different order.
                    let name_end = key
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(key.len());
                    key = format!("{}>", &key[..name_end]);
                }
                out.entry(key).or_default().push(i..i + n);
                i += n;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// `markup`: every placeholder, URL, tag and Markdown delimiter of the source is in the
/// target as many times, and the target adds none.
pub fn markup(src: &str, tgt: &str) -> Vec<(Option<Range<usize>>, Message)> {
    let quick = |s: &str| {
        let b = s.as_bytes();
        memchr::memchr3(b'{', b'<', b'*', b).is_some()
            || memchr::memchr2(b'`', b'_', b).is_some()
            || memchr::memmem::find(b, b"://").is_some()
            || memchr::memmem::find(b, b"www.").is_some()
    };
    if !quick(src) && !quick(tgt) {
        return Vec::new();
    }
    let s = markup_tokens(src);
    let t = markup_tokens(tgt);
    let mut out = Vec::new();
    // All that is missing is one finding, all that is added another: a dropped link or tag
    // pair is one mistake, not two.
    let missing: Vec<String> = s
        .iter()
        .filter_map(|(tok, spans)| {
            let have = t.get(tok).map_or(0, Vec::len);
            (have < spans.len()).then(|| match spans.len() - have {
                1 => tok.clone(),
                n => format!("{tok} ×{n}"),
            })
        })
        .collect();
    if !missing.is_empty() {
        out.push((
            None,
            Message::new("check-markup-missing").arg("token", missing.join(" ")),
        ));
    }
    let mut first_extra = None;
    let extra: Vec<String> = t
        .iter()
        .filter_map(|(tok, spans)| {
            let want = s.get(tok).map_or(0, Vec::len);
            if spans.len() <= want {
                return None;
            }
            if first_extra.is_none() {
                first_extra = Some(spans[want].clone());
            }
            Some(tok.clone())
        })
        .collect();
    if !extra.is_empty() {
        out.push((
            first_extra,
            Message::new("check-markup-extra").arg("token", extra.join(" ")),
        ));
    }
    out
}

/// `same-as-source`: the target repeats the source although the source has words to
/// translate. Names, numbers, URLs, placeholders and a lone word (a place, a brand) need no
/// translation.
pub fn same_as_source(src: &str, tgt: &str, src_hits: &[Hit], glossary: &Glossary) -> bool {
    if src.trim() != tgt.trim() {
        return false;
    }
    // URLs, addresses, placeholders and tags are nobody's words to translate (a segment that
    // is only a link with a query string is the same in both editions), and names stay as
    // they are: what is left is what a translator should have translated.
    let words_only = crate::text::markup::words_only(src);
    let mut rest = String::with_capacity(src.len());
    let mut last = 0;
    for h in src_hits {
        if glossary.terms[h.term].kind == Kind::Name {
            rest.push_str(&words_only[last..h.span.start]);
            rest.push(' ');
            last = h.span.end;
        }
    }
    rest.push_str(&words_only[last..]);
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .collect();
    // One word the same in both languages is most often a name, a brand or a term the
    // glossary rules already weigh.
    words.len() > 1
}

/// `s` without accents, lowercased, with each folded char's byte range in `s`.
pub struct Folded {
    text: String,
    origin: Vec<Range<usize>>,
    /// Byte offset in `text` of each char, for mapping a match back.
    starts: Vec<usize>,
}

impl Folded {
    /// Folds `s`.
    pub fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut origin = Vec::with_capacity(s.len());
        let mut starts = Vec::with_capacity(s.len());
        for (i, c) in s.char_indices() {
            let range = i..i + c.len_utf8();
            // ASCII needs no decomposition: most of any text takes this path.
            if c.is_ascii() {
                starts.push(text.len());
                text.push(c.to_ascii_lowercase());
                origin.push(range);
                continue;
            }
            for d in c.nfd().filter(|d| !is_combining_mark(*d)) {
                for l in d.to_lowercase() {
                    starts.push(text.len());
                    text.push(l);
                    origin.push(range.clone());
                }
            }
        }
        Folded {
            text,
            origin,
            starts,
        }
    }

    /// Where `name` appears in the folded text up to accents and case (Lopez Obrador for
    /// López Obrador), on word boundaries of `original`, as byte ranges of `original`.
    pub fn find_all(&self, original: &str, name: &str) -> Vec<Range<usize>> {
        let fname = Folded::new(name).text;
        if fname.is_empty() {
            return Vec::new();
        }
        let count = fname.chars().count();
        let mut out = Vec::new();
        for (at, _) in self.text.match_indices(&fname) {
            let Ok(first) = self.starts.binary_search(&at) else {
                continue;
            };
            let start = self.origin[first].start;
            let end = self.origin[first + count - 1].end;
            let before = original[..start].chars().next_back();
            let after = original[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            out.push(start..end);
        }
        out
    }
}

/// Whether `c` is a C0 or C1 control character (or DEL) other than tab and newline: nothing
/// a translation of an article should hold, and what a terminal, XML 1.0 or Markdown cannot
/// carry safely.
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// `control-characters`: control characters in the target that the source does not have
/// (an ESC that recolors a terminal, a BEL, a NUL from a broken MT answer or a `\000` in a
/// PO). One finding per segment, at the first such character, naming each kind once.
pub fn control_characters(src: &str, tgt: &str) -> Vec<(Option<Range<usize>>, Message)> {
    let mut first = None;
    let mut kinds: Vec<char> = Vec::new();
    let mut count = 0;
    for (i, c) in tgt.char_indices() {
        if !is_stray_control(c) || src.contains(c) {
            continue;
        }
        count += 1;
        first.get_or_insert(i..i + c.len_utf8());
        if !kinds.contains(&c) {
            kinds.push(c);
        }
    }
    let Some(span) = first else {
        return Vec::new();
    };
    let names: Vec<String> = kinds
        .iter()
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect();
    vec![(
        Some(span),
        Message::new("check-control-characters")
            .arg("chars", names.join(", "))
            .count("count", count),
    )]
}
