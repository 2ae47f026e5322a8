//! Rules on the characters of a segment: Spanish ¿ ¡ openers, markup kept (emphasis and
//! strong by CommonMark's rules, around the same names, numbers and terms wherever they
//! move), a target that is the source, and the accent-blind search that points at a
//! misspelled name. Pure.

use std::collections::BTreeMap;
use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::Message;
use crate::glossary::matcher::Hit;
use crate::glossary::{Glossary, Kind};
use crate::text::markup::{self, Braces, Stress};

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

/// How findings name an emphasis or strong span.
fn shown(stress: Stress) -> &'static str {
    match stress {
        Stress::Emphasis => "*…*",
        Stress::Strong => "**…**",
    }
}

/// The markup of a segment: placeholders, URLs, HTML tags, code marks, emphasis and strong
/// spans (by CommonMark's rules, whatever their marks: `*x*` and `_x_` are the same
/// emphasis) and `*` or `_` left alone, counted. A pair around nothing counts as the span it
/// was meant to be; [`markup`] reports it as empty.
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
        } else if b[i] == b'`' {
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
    for e in markup::emphasis(text) {
        out.entry(shown(e.stress).to_string())
            .or_default()
            .push(e.open.start..e.close.end);
    }
    let empty = markup::empty_emphasis(text);
    for r in &empty {
        let run = text[r.clone()].trim_end_matches(|c| c != '*' && c != '_');
        let width = run.len() - run.trim_start_matches(['*', '_']).len();
        let stress = if width == 2 || run.len() == 4 {
            Stress::Strong
        } else {
            Stress::Emphasis
        };
        out.entry(shown(stress).to_string())
            .or_default()
            .push(r.clone());
    }
    for r in markup::stray_marks(text) {
        if empty.iter().any(|e| e.start <= r.start && r.end <= e.end) {
            continue;
        }
        out.entry(text[r.clone()].to_string()).or_default().push(r);
    }
    out
}

/// `markup`: every placeholder, URL, tag and Markdown delimiter of the source is in the
/// target as many times, and the target adds none.
pub fn markup(src: &str, tgt: &str) -> Vec<(Option<Range<usize>>, Message)> {
    if !markup::may_hold_markup(src) && !markup::may_hold_markup(tgt) {
        return Vec::new();
    }
    let s = markup_tokens(src);
    let t = markup_tokens(tgt);
    let mut out = Vec::new();
    // An emphasis around nothing is one finding of its own, where it is.
    let empty = markup::empty_emphasis(tgt);
    if empty.len() > markup::empty_emphasis(src).len() {
        out.push((
            empty.first().cloned(),
            Message::new("check-markup-empty").arg("token", &tgt[empty[0].clone()]),
        ));
    }
    // All that is missing is one finding, all that is added another: a dropped link or tag
    // pair is one mistake, not two.
    // Tokens are named in the order the text has them (`<i> </i>`, never `</i> <i>`).
    let mut missing: Vec<(usize, String)> = s
        .iter()
        .filter_map(|(tok, spans)| {
            let have = t.get(tok).map_or(0, Vec::len);
            (have < spans.len()).then(|| {
                let name = match spans.len() - have {
                    1 => tok.clone(),
                    n => format!("{tok} ×{n}"),
                };
                (spans[have].start, name)
            })
        })
        .collect();
    missing.sort();
    let missing: Vec<String> = missing.into_iter().map(|(_, name)| name).collect();
    let mut extra: Vec<(Range<usize>, String)> = t
        .iter()
        .filter_map(|(tok, spans)| {
            let want = s.get(tok).map_or(0, Vec::len);
            (spans.len() > want).then(|| (spans[want].clone(), tok.clone()))
        })
        .collect();
    extra.sort_by_key(|(span, _)| span.start);
    let first_extra = extra.first().map(|(span, _)| span.clone());
    let extra: Vec<String> = extra.into_iter().map(|(_, name)| name).collect();
    // One placeholder written in place of another (`{1} y {1}` for `{1} and {2}`) is one
    // mistake: one finding says what stands where.
    match (missing.is_empty(), extra.is_empty()) {
        (false, false) => out.push((
            first_extra,
            Message::new("check-markup-replaced")
                .arg("token", missing.join(" "))
                .arg("found", extra.join(" ")),
        )),
        (false, true) => out.push((
            None,
            Message::new("check-markup-missing").arg("token", missing.join(" ")),
        )),
        (true, false) => out.push((
            first_extra,
            Message::new("check-markup-extra").arg("token", extra.join(" ")),
        )),
        (true, true) => {}
    }
    out
}

/// The numbers of a text as their digits alone (`1,500` and `1.500` are both `1500`), with
/// their byte ranges: what an emphasis must keep whatever the locale writes between digits.
fn digit_runs(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut cur: Option<(String, usize, usize)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_digit = chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
        match (&mut cur, c) {
            (_, d) if d.is_ascii_digit() => match &mut cur {
                Some((digits, _, end)) => {
                    digits.push(d);
                    *end = i + 1;
                }
                None => cur = Some((d.to_string(), i, i + 1)),
            },
            (Some(_), ',' | '.' | ' ' | '\u{a0}' | '\u{202f}') if next_digit => {}
            _ => {
                if let Some((digits, start, end)) = cur.take() {
                    out.push((digits, start..end));
                }
            }
        }
    }
    if let Some((digits, start, end)) = cur {
        out.push((digits, start..end));
    }
    out
}

/// `markup`, the words of emphasis: a name, number or glossary term inside an emphasis or
/// strong span of the source is inside a span of the same kind in the target (its target
/// form for a term), wherever the translation moved the span with its words. A word the
/// target does not have at all is the business of the term, name and number rules; a span
/// that holds none of them is matched by count alone. `src_hits` are the source's glossary
/// hits; `tgt_hits` gives the target's, asked only when a source span holds one.
pub fn emphasis_words<'m>(
    src: &str,
    tgt: &str,
    src_hits: &[Hit<'_>],
    tgt_hits: impl FnOnce() -> Vec<Hit<'m>>,
) -> Vec<(Option<Range<usize>>, Message)> {
    let src_spans = markup::emphasis(src);
    if src_spans.is_empty() {
        return Vec::new();
    }
    let tgt_spans = markup::emphasis(tgt);
    // What each source span must keep: (what the finding names, where the target has it).
    let tgt_numbers = digit_runs(tgt);
    let mut tgt_terms: Option<Vec<Hit<'m>>> = None;
    let mut tgt_hits = Some(tgt_hits);
    let mut out = Vec::new();
    let mut used = vec![false; tgt_spans.len()];
    for e in &src_spans {
        let inner = e.inner();
        let mut anchors: Vec<(String, Vec<Range<usize>>)> = Vec::new();
        for (digits, r) in digit_runs(&src[inner.clone()]) {
            let _ = r;
            let places: Vec<Range<usize>> = tgt_numbers
                .iter()
                .filter(|(d, _)| *d == digits)
                .map(|(_, r)| r.clone())
                .collect();
            anchors.push((digits, places));
        }
        for h in src_hits
            .iter()
            .filter(|h| !h.forbidden && inner.start <= h.span.start && h.span.end <= inner.end)
        {
            let hits =
                tgt_terms.get_or_insert_with(|| tgt_hits.take().map_or_else(Vec::new, |f| f()));
            let places: Vec<Range<usize>> = hits
                .iter()
                .filter(|t| t.term == h.term)
                .map(|t| t.span.clone())
                .collect();
            anchors.push((src[h.span.clone()].to_string(), places));
        }
        // Only what the target has somewhere can be asked to be inside the span.
        anchors.retain(|(_, places)| !places.is_empty());
        if anchors.is_empty() {
            continue;
        }
        let inside = |t: &markup::Emphasis, places: &[Range<usize>]| {
            let i = t.inner();
            places.iter().any(|p| i.start <= p.start && p.end <= i.end)
        };
        let found = tgt_spans.iter().enumerate().position(|(k, t)| {
            !used[k] && t.stress == e.stress && anchors.iter().all(|(_, p)| inside(t, p))
        });
        match found {
            Some(k) => used[k] = true,
            None => {
                // The first word no span of the kind holds names the finding.
                let (words, places) = anchors
                    .iter()
                    .find(|(_, p)| {
                        !tgt_spans
                            .iter()
                            .any(|t| t.stress == e.stress && inside(t, p))
                    })
                    .unwrap_or(&anchors[0]);
                out.push((
                    places.first().cloned(),
                    Message::new("check-markup-emphasis-words")
                        .arg("enclosed", words.as_str())
                        .arg("token", shown(e.stress)),
                ));
            }
        }
    }
    out
}

/// `same-as-source`: the target repeats the source although the source has words to
/// translate. Names, numbers, URLs, placeholders and a lone word (a place, a brand) need no
/// translation.
pub fn same_as_source(src: &str, tgt: &str, src_hits: &[Hit<'_>], glossary: &Glossary) -> bool {
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
    // Almost no target has one: its bytes are looked at before its characters are decoded.
    if !crate::text::may_hold_control(tgt) {
        return Vec::new();
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_is_found_and_no_other() {
        // Each C0 control but tab and line feed, DEL and each C1 control, at the end of a
        // target full of Latin-1 letters and marks that share the C1 controls' lead byte.
        let others = (0u32..0x20)
            .filter(|&c| c != 0x09 && c != 0x0a)
            .chain(0x7f..0xa0)
            .filter_map(char::from_u32);
        for c in others {
            let tgt = format!("«¿Sí?» ¡Ñandú!\u{a0}° {c}");
            let found = control_characters("source", &tgt);
            assert_eq!(found.len(), 1, "U+{:04X}", c as u32);
            assert_eq!(found[0].0, Some(tgt.len() - c.len_utf8()..tgt.len()));
        }
        assert!(control_characters("s", "«¿Sí?» ¡Ñandú!\u{a0}°\t\n").is_empty());
        // One the source has is the writer's.
        assert!(control_characters("a\u{7}", "b\u{7}").is_empty());
    }
}
