//! The one scanner of placeholders, URLs, addresses and inline Markdown marks in a text:
//! what no rule may read as words or numbers, what a sentence is never cut inside, what a
//! translation must keep.
//! Pure.
//!
//! The rule, for every caller:
//! - a **placeholder** is `{` + 1 to 62 characters without `}` + `}` ([`Braces::Any`]: the
//!   tokens of any tool's work file), or only `{` + digits + `}` ([`Braces::Numbered`]:
//!   puente's own placeholders, which an article may sit beside literal braces);
//! - a **URL** starts at a scheme (`https://`, `ftp://`: letters, then letters, digits,
//!   `+ . -`, then `://`) or at `www.`, not in the middle of a word;
//! - an **address** is a run holding `@` (an email address, a handle) that is not a URL;
//! - a URL or an address runs until whitespace or a character a URL cannot hold unescaped
//!   (`< > " { } ` and the backtick), then loses the punctuation that ends the sentence after
//!   it (`. , ; : ! ? ) ' ” ’ »`), and an address also the opening marks before it.
//!
//! Spans never overlap: a placeholder inside a URL is part of the URL.
//!
//! Emphasis (`*x*`, `_x_`), strong (`**x**`, `__x__`) and inline code are found by
//! CommonMark's own rules (pulldown-cmark's inline parse with offsets, [`emphasis`],
//! [`code_spans`]), never by a scanner of our own; [`stray_marks`] are the `*` and `_` left
//! over, [`empty_emphasis`] the pairs that enclose no words.

use std::ops::Range;

/// What a span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `{1}`, `{name}`.
    Placeholder,
    /// `https://…`, `www.…`.
    Url,
    /// `someone@example.com`, `@handle`.
    Address,
}

/// One span of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// What it is.
    pub kind: Kind,
    /// Its bytes.
    pub range: Range<usize>,
}

/// Which braces are placeholders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Braces {
    /// Only `{digits}`: puente's own placeholders (an article may hold literal braces).
    Numbered,
    /// Any `{…}` of 1 to 62 characters: the placeholders of any tool.
    Any,
}

/// The characters that end a URL or an address: a URL cannot hold them unescaped.
fn ends_run(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '"' | '{' | '}' | '`')
}

/// Sentence punctuation after a URL or an address, not part of it.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', '\'', '”', '’', '»'];

/// Opening marks before an address, not part of it.
const LEADING: &[char] = &['(', '“', '«', '‘', '\''];

/// The placeholder at the start of `rest`, as a length.
fn placeholder_len(rest: &str, braces: Braces) -> Option<usize> {
    let after = rest.strip_prefix('{')?;
    match braces {
        Braces::Numbered => {
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0 && after[digits..].starts_with('}')).then_some(digits + 2)
        }
        Braces::Any => after
            .find('}')
            .filter(|&e| (1..63).contains(&e))
            .map(|e| e + 2),
    }
}

/// The length of the scheme + `://` or `www.` at the start of `rest`, if a URL starts there.
fn url_start(rest: &str) -> bool {
    if rest.starts_with("www.") {
        return true;
    }
    let b = rest.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let scheme = b
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
        .count();
    // Schemes are short; a long run before :// is a word, not a scheme.
    scheme <= 16 && rest[scheme..].starts_with("://")
}

/// The end of the run that starts at `from`, without the trailing punctuation.
fn run_end(text: &str, from: usize) -> usize {
    let end = text[from..].find(ends_run).map_or(text.len(), |e| from + e);
    from + text[from..end].trim_end_matches(TRAILING).len()
}

/// Every placeholder, URL and address of `text`, in order (see the module doc for the rule).
pub fn spans(text: &str, braces: Braces) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Most segments hold none of these: one pass over the bytes rules them out at once.
    let held = held(b);
    let urls = may_hold_url(b, held);
    let at = held & AT != 0;
    let brace = held & BRACE != 0;
    if !urls && !at && !brace {
        return out;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'{' && brace {
            if let Some(n) = placeholder_len(&text[i..], braces) {
                out.push(Span {
                    kind: Kind::Placeholder,
                    range: i..i + n,
                });
                i += n;
                continue;
            }
        }
        let word_start = i == 0
            || !text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        if urls && word_start && c.is_ascii_alphabetic() && url_start(&text[i..]) {
            let end = run_end(text, i);
            out.push(Span {
                kind: Kind::Url,
                range: i..end,
            });
            i = end.max(i + 1);
            continue;
        }
        if at && c == b'@' {
            // The address is the run around the @, whatever ends it on both sides.
            let start = text[..i].rfind(ends_run).map_or(0, |p| {
                p + text[p..].chars().next().map_or(1, char::len_utf8)
            });
            let start = start.max(out.last().map_or(0, |s: &Span| s.range.end));
            let start = text.len() - text[start..].trim_start_matches(LEADING).len();
            let end = run_end(text, i);
            if end > start && start <= i {
                out.push(Span {
                    kind: Kind::Address,
                    range: start..end,
                });
            }
            i = end.max(i + 1);
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// The length of the HTML tag at the start of `rest` (`<a href="…">`, `</a>`, `<br/>`): `<`,
/// then a letter or `/`, then anything but `<` up to the first `>`, within 200 bytes. `None`
/// when `rest` does not start with one (`a < b`, `<3`).
pub fn tag_len(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('<')?;
    let starts_tag =
        body.starts_with('/') || body.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if !starts_tag {
        return None;
    }
    let end = rest.find('>').filter(|&e| e < 200)?;
    (!rest[1..end].contains('<')).then_some(end + 1)
}

/// What a byte may begin ([`held`]): a tag, a code span, an emphasis mark, an address, a
/// placeholder, a URL's `://` or a `www.`.
const TAG: u8 = 1;
const CODE: u8 = 2;
const MARK: u8 = 4;
const AT: u8 = 8;
const BRACE: u8 = 16;
const COLON: u8 = 32;
const W: u8 = 64;

/// Which of the bytes that may begin markup the text `b` holds ([`TAG`] and the others), in
/// one pass: a search for each (seven of them) was 6 % of a large check.
fn held(b: &[u8]) -> u8 {
    crate::text::gather(b, begins)
}

/// Whether the text `b`, holding `held` ([`held`]), may hold a URL (`://`, `www.`).
fn may_hold_url(b: &[u8], held: u8) -> bool {
    (held & COLON != 0 && crate::text::has(b, b"://"))
        || (held & W != 0 && crate::text::has(b, b"www."))
}

/// Whether `text` may hold markup the `markup` rule compares: a placeholder, a URL, a tag, a
/// code span or an emphasis mark (addresses are words there). `false` means it holds none;
/// one pass over its bytes tells, where a search for each was 3 % of a large check.
pub fn may_hold_markup(text: &str) -> bool {
    let b = text.as_bytes();
    let held = held(b);
    held & (TAG | CODE | MARK | BRACE) != 0 || may_hold_url(b, held)
}

/// What `c` may begin ([`TAG`] and the others): made of comparisons, not a table, so that
/// the pass over a text ([`crate::text::gather`]) runs sixteen bytes at a time.
fn begins(c: u8) -> u8 {
    (u8::from(c == b'<') * TAG)
        | (u8::from(c == b'`') * CODE)
        | (u8::from(c == b'*' || c == b'_') * MARK)
        | (u8::from(c == b'@') * AT)
        | (u8::from(c == b'{') * BRACE)
        | (u8::from(c == b':') * COLON)
        | (u8::from(c == b'w') * W)
}

/// `text` with what no rule may read as words blanked: placeholders, URLs, addresses, inline
/// code spans, emphasis marks and HTML tags become spaces, byte for byte, so every offset into the result is an offset
/// into `text`. Term, name and quote rules read this, so a forbidden form in a link's URL
/// or the quotes of an HTML attribute are not taken for the writer's words.
pub fn words_only(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let held = held(b);
    let tags = held & TAG != 0;
    // Most segments hold none of these, or only puente's `{n}` (no words in it): the text is
    // then its own words, and nothing is scanned or copied.
    let urls = may_hold_url(b, held);
    let code = held & CODE != 0;
    let marks = held & MARK != 0;
    if !tags && !urls && !code && !marks && held & AT == 0 {
        let only_numbered = held & BRACE == 0
            || memchr::memchr_iter(b'{', b).all(|i| b.get(i + 1).is_some_and(u8::is_ascii_digit));
        if only_numbered {
            return std::borrow::Cow::Borrowed(text);
        }
    }
    let mut blank: Vec<Range<usize>> = spans(text, Braces::Any)
        .into_iter()
        .filter(|s| {
            // A numbered placeholder holds no word, quote or term: nothing to hide.
            !(s.kind == Kind::Placeholder
                && text[s.range.clone()][1..].starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(|s| s.range)
        .collect();
    // Code a translator typed (`` `huelga` ``) is not the writer's words either.
    if code {
        blank.extend(code_spans(text));
    }
    // Emphasis marks are not letters of the words they touch (`__Sheinbaum__`).
    if marks {
        for e in emphasis(text) {
            blank.push(e.open);
            blank.push(e.close);
        }
    }
    if tags {
        let mut i = 0;
        while let Some(at) = text[i..].find('<') {
            let start = i + at;
            match tag_len(&text[start..]) {
                Some(n) => {
                    blank.push(start..start + n);
                    i = start + n;
                }
                None => i = start + 1,
            }
        }
    }
    if blank.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.as_bytes().to_vec();
    for r in blank {
        out[r].fill(b' ');
    }
    // Whole spans of whole characters were replaced by ASCII spaces.
    std::borrow::Cow::Owned(String::from_utf8(out).expect("spans cover whole characters"))
}

/// Every puente placeholder (`{1}`, `{2}`, …) written in a segment's text, in order, repeats
/// included: the [`Braces::Numbered`] placeholders of [`spans`].
pub fn placeholder_tokens(text: &str) -> impl Iterator<Item = &str> {
    spans(text, Braces::Numbered)
        .into_iter()
        .filter(|s| s.kind == Kind::Placeholder)
        .map(move |s| &text[s.range])
}

/// Emphasis (`*x*`, `_x_`) or strong (`**x**`, `__x__`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stress {
    /// `*x*`, `_x_`.
    Emphasis,
    /// `**x**`, `__x__`.
    Strong,
}

impl Stress {
    /// How many mark characters open (and close) it.
    pub fn width(self) -> usize {
        match self {
            Stress::Emphasis => 1,
            Stress::Strong => 2,
        }
    }
}

/// One emphasis or strong span of a segment's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Emphasis {
    /// Emphasis or strong.
    pub stress: Stress,
    /// The opening mark (`*`, `__`…).
    pub open: Range<usize>,
    /// The closing mark.
    pub close: Range<usize>,
}

impl Emphasis {
    /// What the marks enclose.
    pub fn inner(&self) -> Range<usize> {
        self.open.end..self.close.start
    }
}

/// The inline Markdown events of a segment's text with their byte ranges, by CommonMark's
/// own rules (pulldown-cmark): what is emphasis, strong or code, and what is a literal `*`.
fn inline_events(text: &str) -> impl Iterator<Item = (pulldown_cmark::Event<'_>, Range<usize>)> {
    pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::empty()).into_offset_iter()
}

/// Every emphasis and strong span of a segment's text, in the order they open (an outer span
/// before the spans it holds: `***x***` is two). Links and code are already `{n}` in a work
/// file; a code span a translator typed holds no emphasis, as CommonMark says.
pub fn emphasis(text: &str) -> Vec<Emphasis> {
    use pulldown_cmark::{Event, Tag};
    if memchr::memchr2(b'*', b'_', text.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (event, range) in inline_events(text) {
        let stress = match event {
            Event::Start(Tag::Emphasis) => Stress::Emphasis,
            Event::Start(Tag::Strong) => Stress::Strong,
            _ => continue,
        };
        let w = stress.width();
        if range.len() < 2 * w {
            continue;
        }
        out.push(Emphasis {
            stress,
            open: range.start..range.start + w,
            close: range.end - w..range.end,
        });
    }
    out
}

/// The byte ranges of the inline code spans (`` `x` ``) of a text, backticks included.
pub fn code_spans(text: &str) -> Vec<Range<usize>> {
    if memchr::memchr(b'`', text.as_bytes()).is_none() {
        return Vec::new();
    }
    inline_events(text)
        .filter(|(e, _)| matches!(e, pulldown_cmark::Event::Code(_)))
        .map(|(_, r)| r)
        .collect()
}

/// The runs of `*` and `_` that are not the marks of an [`emphasis`] span nor inside code: a
/// mark left alone (`*programa`), or a pair enclosing nothing (`** **`). A `_` inside a word
/// (`snake_case`) and an escaped `\*` are text, not marks.
pub fn stray_marks(text: &str) -> Vec<Range<usize>> {
    if memchr::memchr2(b'*', b'_', text.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut taken: Vec<Range<usize>> = code_spans(text);
    for e in emphasis(text) {
        taken.push(e.open);
        taken.push(e.close);
    }
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'*' && c != b'_' {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < b.len() && b[end] == c {
            end += 1;
        }
        let escaped = i > 0 && b[i - 1] == b'\\';
        let inside_word = c == b'_'
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        // A run partly taken (`***x**`: one `*` left over) leaves its untaken bytes.
        let mut at = i;
        while at < end {
            match taken.iter().find(|r| r.contains(&at)) {
                Some(r) => at = r.end.min(end).max(at + 1),
                None => {
                    let stop = taken
                        .iter()
                        .filter(|r| r.start > at && r.start < end)
                        .map(|r| r.start)
                        .min()
                        .unwrap_or(end);
                    if !escaped && !inside_word {
                        out.push(at..stop);
                    }
                    at = stop;
                }
            }
        }
        i = end;
    }
    out
}

/// The stray mark runs of `text` that pair up around nothing but spaces (`** **`, `__`): an
/// emphasis that encloses no words.
pub fn empty_emphasis(text: &str) -> Vec<Range<usize>> {
    let stray = stray_marks(text);
    let mut out = Vec::new();
    let mut k = 0;
    while k < stray.len() {
        let a = &stray[k];
        let run = &text[a.clone()];
        // `****` is a strong opened and closed on nothing.
        if run == "****" || run == "____" {
            out.push(a.clone());
            k += 1;
            continue;
        }
        if let Some(b) = stray.get(k + 1) {
            if text[b.clone()] == *run && text[a.end..b.start].trim().is_empty() {
                out.push(a.start..b.end);
                k += 2;
                continue;
            }
        }
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_only_blanks_urls_tags_and_placeholders_keeping_offsets() {
        let t = "Vea <a href=\"https://x.mx/huelga-de-drones\">el «informe»</a> y {nombre}.";
        let w = words_only(t);
        assert_eq!(w.len(), t.len());
        assert!(
            !w.contains("huelga") && !w.contains('"') && !w.contains('{'),
            "{w}"
        );
        assert!(w.contains("el «informe»"), "{w}");
        // puente's own `{n}` hold no words: such a text is its own words, not copied.
        assert!(matches!(
            words_only("Lea {1} hoy."),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(words_only("a < b, <3"), "a < b, <3");
        assert_eq!(tag_len("</a> x"), Some(4));
        assert_eq!(tag_len("<3 y <b>"), None);
    }

    #[test]
    fn markup_is_told_possible_by_each_byte_or_url_that_may_begin_it() {
        // What may begin markup the `markup` rule compares, one searched at a time: the one
        // pass over the bytes must tell the same, wherever each stands.
        let by_search = |t: &str| {
            let b = t.as_bytes();
            b.iter().any(|c| b"{<*`_".contains(c))
                || crate::text::has(b, b"://")
                || crate::text::has(b, b"www.")
        };
        let plain = "El presidente habló de la soberanía: 3 veces, «sin» duda — wow, no.";
        let mut texts = vec![
            String::new(),
            plain.to_string(),
            "w.w:/ ww. :/ /".to_string(),
        ];
        for piece in [
            "{0}",
            "<b>",
            "*",
            "`",
            "_",
            "https://x.mx",
            "www.x.mx",
            "ww",
            "a@b.mx",
        ] {
            for at in [0, 17, plain.len()] {
                let mut t = plain.to_string();
                t.insert_str(at, piece);
                texts.push(t);
            }
        }
        for t in &texts {
            assert_eq!(may_hold_markup(t), by_search(t), "{t:?}");
        }
        assert!(texts.iter().any(|t| may_hold_markup(t)));
        assert!(texts.iter().any(|t| !may_hold_markup(t)));
    }

    /// Issue 17: the one pass that tells a text holds nothing to blank misses none of what
    /// does: each kind alone, at the start, in the middle and at the end of a text.
    #[test]
    fn words_only_blanks_each_kind_wherever_it_stands() {
        for (piece, hidden) in [
            ("<b>x</b>", "<b>"),
            ("`huelga`", "huelga"),
            ("*x*", "*"),
            ("__y__", "__"),
            ("ana@example.com", "ana@"),
            ("@presidencia", "@presidencia"),
            ("{nombre}", "{nombre}"),
            ("https://x.mx/huelga", "huelga"),
            ("www.huelga.mx", "huelga"),
        ] {
            for text in [
                piece.to_string(),
                format!("Dijo {piece} hoy."),
                format!("Al final: {piece}"),
            ] {
                let w = words_only(&text);
                assert_eq!(w.len(), text.len());
                assert!(!w.contains(hidden), "{text:?} -> {w:?}");
            }
        }
        // What looks like one of them and is not is the text itself.
        for text in ["Lea {1} hoy.", "Son las 10:30 en la W.", "Twitter y wwf."] {
            assert!(matches!(words_only(text), std::borrow::Cow::Borrowed(t) if t == text));
        }
    }

    fn marked(text: &str) -> Vec<(Stress, &str)> {
        emphasis(text)
            .into_iter()
            .map(|e| (e.stress, &text[e.inner()]))
            .collect()
    }

    #[test]
    fn emphasis_is_found_by_commonmark_rules() {
        use Stress::{Emphasis as Em, Strong};
        assert_eq!(
            marked("The *new* program and __the budget__ grew."),
            [(Em, "new"), (Strong, "the budget")]
        );
        // Nested: the outer span first.
        assert_eq!(
            marked("***both*** and **a *b* c**"),
            [
                (Em, "**both**"),
                (Strong, "both"),
                (Strong, "a *b* c"),
                (Em, "b")
            ]
        );
        // Not emphasis: snake_case, an escaped mark, a lone star, a code span, spaces inside.
        assert!(emphasis(r"snake_case_name \*x\* 2 * 3 * 4 `*x*` ** **").is_empty());
        let t = "*El programa* creció.";
        let e = &emphasis(t)[0];
        assert_eq!((&t[e.open.clone()], &t[e.close.clone()]), ("*", "*"));
    }

    #[test]
    fn stray_and_empty_marks() {
        assert!(stray_marks("The *new* __old__ snake_case \\*x").is_empty());
        let t = "El *programa creció.";
        assert_eq!(stray_marks(t), vec![3..4_usize]);
        let t = "El ** ** y **** y _ _ programa.";
        assert_eq!(
            empty_emphasis(t)
                .into_iter()
                .map(|r| &t[r])
                .collect::<Vec<_>>(),
            ["** **", "****", "_ _"]
        );
        assert!(empty_emphasis("Un *x* y **y**.").is_empty());
    }

    #[test]
    fn words_only_blanks_code_spans() {
        let t = "Use `huelga --x` now, not huelga.";
        let w = words_only(t);
        assert_eq!(w.len(), t.len());
        assert_eq!(w.matches("huelga").count(), 1, "{w}");
        assert!(w.ends_with("not huelga."));
        assert_eq!(
            words_only("De __Sheinbaum__ y *x*"),
            "De   Sheinbaum   y  x "
        );
    }

    fn shown(text: &str, braces: Braces) -> Vec<(Kind, &str)> {
        spans(text, braces)
            .into_iter()
            .map(|s| (s.kind, &text[s.range]))
            .collect()
    }

    #[test]
    fn one_rule_for_placeholders_urls_and_addresses() {
        let t = "See {1}, https://example.com/a_(b). Write to ed@example.com or (www.x.mx).";
        assert_eq!(
            shown(t, Braces::Any),
            [
                (Kind::Placeholder, "{1}"),
                (Kind::Url, "https://example.com/a_(b"),
                (Kind::Address, "ed@example.com"),
                (Kind::Url, "www.x.mx"),
            ]
        );
        // Literal braces beside puente's placeholders are text.
        assert_eq!(
            shown("{name} and {2}", Braces::Numbered),
            [(Kind::Placeholder, "{2}")]
        );
        assert_eq!(
            shown("{name} and {2}", Braces::Any),
            [(Kind::Placeholder, "{name}"), (Kind::Placeholder, "{2}")]
        );
        // A placeholder right after a URL is not swallowed by it, nor a tag's quote.
        assert_eq!(
            shown(
                "**{1}https://x.com{2}** <a href=\"http://y.org\">",
                Braces::Numbered
            ),
            [
                (Kind::Placeholder, "{1}"),
                (Kind::Url, "https://x.com"),
                (Kind::Placeholder, "{2}"),
                (Kind::Url, "http://y.org"),
            ]
        );
        // Not in the middle of a word.
        assert!(spans("awww.example", Braces::Any).is_empty());
        assert_eq!(
            placeholder_tokens("{1}{x}{1}").collect::<Vec<_>>(),
            ["{1}", "{1}"]
        );
    }
}
