//! Finding glossary forms in text: every form of every entry, required and forbidden, in one
//! Aho-Corasick automaton per language.
//!
//! Text and forms are normalized the same way before matching: runs of whitespace (line breaks,
//! tabs, no-break spaces) become one space, typographic apostrophes become straight ones, and
//! letters are lowercased (accents kept: cartel ≠ cártel). A candidate counts only on Unicode
//! word boundaries and when the entry's case rule accepts the original text. Among overlapping
//! hits the leftmost, then longest, wins. Pure: no I/O.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{Case, Glossary};
use crate::lang::Lang;

/// A form found in a text, borrowing the form from the matcher that found it (a check meets
/// millions of candidates, and a copy of each form was a tenth of the time it took to find
/// them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit<'m> {
    /// Index of the entry in [`Glossary::terms`].
    pub term: usize,
    /// Whether the form is a forbidden one.
    pub forbidden: bool,
    /// The form as the glossary writes it.
    pub form: &'m str,
    /// Byte span in the original text.
    pub span: Range<usize>,
}

struct Pattern {
    term: usize,
    forbidden: bool,
    form: String,
    case: Case,
}

/// Leftmost-longest, non-overlapping hits among `candidates` (as [`Matcher::candidates`]
/// returns them).
pub fn select<'h, 'm>(candidates: &'h [Hit<'m>]) -> Vec<&'h Hit<'m>> {
    let mut hits: Vec<&Hit> = Vec::new();
    for c in candidates {
        if hits.last().is_some_and(|h| c.span.start < h.span.end) {
            continue;
        }
        hits.push(c);
    }
    hits
}

/// The automaton for one language.
pub struct Matcher {
    ac: AhoCorasick,
    patterns: Vec<Pattern>,
}

/// Text normalized for matching, and the way back to the original's offsets.
///
/// Most of a text keeps its offsets (ASCII lowercases to one byte, and so do most accented
/// letters to as many bytes as they had), so instead of one offset per byte the table keeps
/// only the places where the shift between the two changes: a folded run of whitespace, a
/// typographic apostrophe, a letter whose lowercase is longer or shorter. A text with none
/// has an empty table. Offsets are `u32` (segments are far below 4 GiB).
struct Normalized {
    text: String,
    /// `(normalized offset, original offset)` from which on the two advance together, in
    /// order of the normalized offset; before the first, both are equal.
    jumps: Vec<(u32, u32)>,
}

impl Normalized {
    /// No text yet: buffers that allocate nothing until written.
    const EMPTY: Normalized = Normalized {
        text: String::new(),
        jumps: Vec::new(),
    };

    /// The original offset of the normalized character that starts at `at` (or of the end,
    /// for `at` the normalized length).
    fn origin(&self, at: usize) -> usize {
        let k = self.jumps.partition_point(|&(n, _)| n as usize <= at);
        match k.checked_sub(1) {
            Some(k) => {
                let (n, o) = self.jumps[k];
                o as usize + (at - n as usize)
            }
            None => at,
        }
    }
}

/// Where the normalized text is written: its bytes, and the jumps of [`Normalized`].
struct Writer {
    out: String,
    jumps: Vec<(u32, u32)>,
    shift: isize,
}

impl Writer {
    /// Notes that the next byte written comes from original offset `origin`, recording a jump
    /// when the shift between the two is not the current one.
    fn mark(&mut self, origin: usize) {
        let here = self.out.len();
        let now = origin as isize - here as isize;
        if now != self.shift {
            self.shift = now;
            self.jumps.push((here as u32, origin as u32));
        }
    }
}

/// Whether an ASCII byte is one `char::is_whitespace` accepts (vertical tab included).
fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// How many bytes `bytes` starts with that are printable ASCII (space to `~`, and DEL): the
/// ones that normalize to themselves, lowercased, when no two spaces are next to each other.
fn printable_ascii(bytes: &[u8]) -> usize {
    let plain = |b: u8| (0x20..0x80).contains(&b);
    let mut n = 0;
    // Blocks of 16 are tested whole, without a branch per byte, so the test is vectorized.
    for block in bytes.chunks_exact(16) {
        if !block.iter().fold(true, |all, &b| all & plain(b)) {
            break;
        }
        n += 16;
    }
    n + bytes[n..].iter().take_while(|&&b| plain(b)).count()
}

fn normalize(s: &str) -> Normalized {
    let mut norm = Normalized::EMPTY;
    normalize_into(s, &mut norm);
    norm
}

/// [`normalize`] into `norm`'s buffers, which are cleared first and grow only when `s` needs
/// more than an earlier text did.
fn normalize_into(s: &str, norm: &mut Normalized) {
    let bytes = s.as_bytes();
    let mut out = std::mem::take(&mut norm.text);
    out.clear();
    out.reserve(s.len());
    let mut jumps = std::mem::take(&mut norm.jumps);
    jumps.clear();
    let mut w = Writer {
        out,
        jumps,
        shift: 0,
    };
    let mut in_space = false;
    // Without two spaces in a row anywhere, a stretch ends only at a byte that is not
    // printable ASCII, which is found a block of bytes at a time.
    // Its searcher is built once: `memmem::find` built one for every text normalized.
    static DOUBLE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    let doubles = DOUBLE.find(bytes).is_some();
    let mut i = 0;
    while i < bytes.len() {
        // Most of a text is a stretch that keeps its offsets: ASCII, with whitespace only as
        // single spaces. It is copied lowercased in one go.
        let start = i;
        if !doubles {
            // A space right after folded whitespace is folded into it, one character at a
            // time below.
            if !(in_space && bytes[i] == b' ') {
                i += printable_ascii(&bytes[i..]);
                if i > start {
                    in_space = bytes[i - 1] == b' ';
                }
            }
        } else {
            while let Some(&b) = bytes.get(i) {
                if b == b' ' {
                    if in_space {
                        break;
                    }
                    in_space = true;
                } else if !b.is_ascii() || ascii_space(b) {
                    break;
                } else {
                    in_space = false;
                }
                i += 1;
            }
        }
        if i > start {
            w.mark(start);
            // Written as text, so the whole is never checked again as UTF-8.
            let at = w.out.len();
            w.out.push_str(&s[start..i]);
            w.out[at..].make_ascii_lowercase();
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        // What stopped the stretch: whitespace to fold, or a character beyond ASCII.
        let (c, width) = if b.is_ascii() {
            (char::from(b), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or_default();
            (c, c.len_utf8())
        };
        if c.is_whitespace() {
            if !in_space {
                w.mark(i);
                w.out.push(' ');
                in_space = true;
            }
        } else {
            in_space = false;
            let c = if c == '’' || c == 'ʼ' { '\'' } else { c };
            // Every character of a lowercase comes from the one original character.
            for l in c.to_lowercase() {
                w.mark(i);
                w.out.push(l);
            }
        }
        i += width;
    }
    w.mark(s.len());
    norm.text = w.out;
    norm.jumps = w.jumps;
}

/// The largest normalized text whose buffer a thread keeps for the next search, in bytes:
/// far above a news paragraph, far below a whole article held as one segment.
const KEPT_BUFFER: usize = 1 << 16;

fn normalize_form(s: &str) -> String {
    normalize(s.trim()).text
}

/// The characters of `s` with each run of whitespace as one space and typographic
/// apostrophes as straight ones, as they are compared under a case rule.
fn squashed(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut space = false;
    s.chars().filter_map(move |c| {
        if c.is_whitespace() {
            let first = !space;
            space = true;
            first.then_some(' ')
        } else {
            space = false;
            Some(if c == '’' || c == 'ʼ' { '\'' } else { c })
        }
    })
}

/// `text[span]` compared with `form`, up to whitespace and apostrophes, under `case`. Compared
/// character by character, never copied: every candidate of a check is weighed here.
fn case_ok(original: &str, form: &str, case: Case) -> bool {
    match case {
        Case::Insensitive => true,
        Case::Sensitive => original == form || squashed(original).eq(squashed(form)),
        Case::FirstLetter => {
            let (mut a, mut b) = (squashed(original), squashed(form));
            match (a.next(), b.next()) {
                (Some(x), Some(y)) => x.to_lowercase().eq(y.to_lowercase()) && a.eq(b),
                (x, y) => x == y,
            }
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// How many texts a matcher is expected to search, which decides how its automaton is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// Many texts (a folder of work files, a long translation run): a DFA, which costs more to
    /// build but searches several times faster.
    Many,
    /// A few thousand texts at most (a few stories): a contiguous NFA, built in a fraction of
    /// the DFA's time, since with a 5,000-entry glossary the build is most of such a run.
    Few,
    /// A few hundred texts (one story checked before a commit): the noncontiguous NFA the
    /// other two are made from, which saves their conversion and searches a story's
    /// segments about as fast.
    One,
}

impl Workload {
    /// The workload of searching `texts` texts: below this many, the DFA's faster search does
    /// not repay its build (measured with `bench/check.py`: about 40 ms more to build with
    /// 5,000 entries, about 3 µs less per segment checked).
    pub fn of(texts: usize) -> Workload {
        if texts < 1_000 {
            Workload::One
        } else if texts < 10_000 {
            Workload::Few
        } else {
            Workload::Many
        }
    }
}

impl Matcher {
    /// The automaton for the forms of `lang` in `glossary`, for many texts.
    pub fn new(glossary: &Glossary, lang: Lang) -> Matcher {
        Matcher::for_workload(glossary, lang, Workload::Many)
    }

    /// The automaton for the forms of `lang` in `glossary`, built for `workload`.
    pub fn for_workload(glossary: &Glossary, lang: Lang, workload: Workload) -> Matcher {
        let mut patterns = Vec::new();
        let mut keys = Vec::new();
        for (i, t) in glossary.terms.iter().enumerate() {
            for (forbidden, map) in [(false, &t.forms), (true, &t.forbidden)] {
                for form in map.get(&lang).into_iter().flatten() {
                    let key = normalize_form(form);
                    if key.is_empty() {
                        continue;
                    }
                    keys.push(key);
                    patterns.push(Pattern {
                        term: i,
                        forbidden,
                        form: form.clone(),
                        case: t.case,
                    });
                }
            }
        }
        // Overlapping search: the longest candidate may fail a boundary or case check while a
        // shorter one at the same place passes, so all candidates are weighed below.
        // A DFA costs more memory and build time than an NFA but searches several times
        // faster, and `check` searches every segment twice: it pays when there are many.
        let kind = match workload {
            Workload::Many => AhoCorasickKind::DFA,
            Workload::Few => AhoCorasickKind::ContiguousNFA,
            Workload::One => AhoCorasickKind::NoncontiguousNFA,
        };
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&keys)
            .expect("glossary automaton builds");
        Matcher { ac, patterns }
    }

    /// Every hit in `text`, leftmost-longest, not overlapping, in order.
    pub fn find(&self, text: &str) -> Vec<Hit<'_>> {
        let mut hits = self.candidates(text);
        let mut end = None;
        hits.retain(|h| {
            if end.is_some_and(|e| h.span.start < e) {
                return false;
            }
            end = Some(h.span.end);
            true
        });
        hits
    }

    /// Every valid hit in `text`, overlapping ones included, by start and then longest first.
    /// The checks count a term's forms with these, so a form nested in a longer one (drones in
    /// «ataques con drones») still counts for its own entry.
    pub fn candidates(&self, text: &str) -> Vec<Hit<'_>> {
        // Each thread normalizes into buffers of its own, kept from text to text: a check
        // searches every segment twice, and two allocations and their frees for each search
        // stood out in a large check's profile. A buffer grown for a huge text is not kept.
        thread_local! {
            static NORMALIZED: std::cell::RefCell<Normalized> =
                const { std::cell::RefCell::new(Normalized::EMPTY) };
        }
        NORMALIZED.with_borrow_mut(|norm| {
            normalize_into(text, norm);
            let hits = self.candidates_in(text, norm);
            if norm.text.capacity() > KEPT_BUFFER {
                *norm = Normalized::EMPTY;
            }
            hits
        })
    }

    /// [`Matcher::candidates`] of `text`, normalized as `norm`.
    fn candidates_in(&self, text: &str, norm: &Normalized) -> Vec<Hit<'_>> {
        let mut candidates: Vec<Hit> = Vec::new();
        for m in self.ac.find_overlapping_iter(&norm.text) {
            let start = norm.origin(m.start());
            let end = if m.end() < norm.text.len() {
                // The original end is where the next normalized byte's character starts,
                // minus any whitespace the normalization folded into a single space.
                let next = norm.origin(m.end());
                let slice = &text[start..next];
                start + slice.trim_end().len()
            } else {
                text.len()
            };
            // A match that ends inside one character's lowercase (the «i» of «İ», whose
            // lowercase is «i» and a combining dot) is not a match of whole characters.
            if end <= start {
                continue;
            }
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                continue;
            }
            let p = &self.patterns[m.pattern().as_usize()];
            if !case_ok(&text[start..end], &p.form, p.case) {
                continue;
            }
            candidates.push(Hit {
                term: p.term,
                forbidden: p.forbidden,
                form: &p.form,
                span: start..end,
            });
        }
        candidates.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
        candidates
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The offsets as one entry per normalized byte, as `normalize` kept them before it kept
    /// only the jumps: the reference the jumps must agree with.
    fn dense(s: &str) -> (String, Vec<usize>) {
        let (mut text, mut origin, mut in_space) = (String::new(), Vec::new(), false);
        for (i, c) in s.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    text.push(' ');
                    origin.push(i);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            let c = if c == '’' || c == 'ʼ' { '\'' } else { c };
            for l in c.to_lowercase() {
                let before = text.len();
                text.push(l);
                origin.extend(std::iter::repeat_n(i, text.len() - before));
            }
        }
        origin.push(s.len());
        (text, origin)
    }

    #[test]
    fn a_buffer_normalized_into_again_holds_nothing_of_the_text_before() {
        let texts = [
            "Don’t say ʼtis  O’Brien’s\u{a0}ÁNGEL İstanbul",
            "plain",
            "",
            "Tabs\tand\nnew  lines",
            "ß ẞ ǅ",
        ];
        let mut norm = Normalized::EMPTY;
        for a in texts {
            for b in texts {
                normalize_into(a, &mut norm);
                normalize_into(b, &mut norm);
                let fresh = normalize(b);
                assert_eq!(
                    (&norm.text, &norm.jumps),
                    (&fresh.text, &fresh.jumps),
                    "{a:?} then {b:?}"
                );
            }
        }
    }

    #[test]
    fn the_jumps_give_every_character_its_original_offset() {
        let texts = [
            "",
            "plain ascii text",
            "  Leading and trailing  ",
            "Tabs\tand\nnew\r\nlines\u{b}\u{c}here",
            "No\u{a0}break\u{2009}thin \u{a0} mixed",
            "Don’t say ʼtis O’Brien’s",
            "ÁNGEL Ñandú ÉXITO Ω Σ",
            "İstanbul İİ and K Kelvin",
            "emoji 🙂 and ÆØÅ 𝔄",
            "«abrazos, no balazos» — SOBERANÍA",
            "ß ẞ ǅ ǈ",
        ];
        for t in texts {
            let norm = normalize(t);
            let (text, origin) = dense(t);
            assert_eq!(norm.text, text, "{t:?}");
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(norm.origin(at), origin[at], "{t:?} at {at}");
            }
        }
        // A form that matches only the start of a character's lowercase is no hit, and
        // never a span running to the end of the text.
        let mut g = Glossary::default();
        let problems = g.add_file(
            "t.toml",
            "[[term]]\nid = \"i\"\nes = [\"i\"]\nen = [\"i\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(Matcher::new(&g, Lang::Es).candidates("la i sola").len(), 1);
        assert!(Matcher::new(&g, Lang::Es).candidates("İ yz").is_empty());
        // A text that keeps every offset needs no table at all.
        assert!(normalize("Plain Text, With Capitals.").jumps.is_empty());
    }

    proptest::proptest! {
        /// Any mix of ASCII, spaces single and doubled, folded whitespace, apostrophes and
        /// characters whose lowercase changes length normalizes as the reference does.
        #[test]
        fn normalize_agrees_with_the_reference(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Word", "x y", " ", "  ", "\t", "\n", "\r\n", "\u{a0}", "\u{2009}",
                "’", "ʼ", "'", "İ", "K", "ß", "Σ", "Á", "ñ", "🙂", "\u{7f}", "\u{1}",
                "0123456789abcdefXYZ",
            ]), 0..40)
        ) {
            let t: String = parts.concat();
            let norm = normalize(&t);
            let (text, origin) = dense(&t);
            proptest::prop_assert_eq!(&norm.text, &text);
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                proptest::prop_assert_eq!(norm.origin(at), origin[at]);
            }
        }
    }

    #[test]
    fn case_rules_compare_up_to_whitespace_and_apostrophes() {
        use Case::*;
        assert!(case_ok("O'Brien", "O’Brien", Sensitive));
        assert!(case_ok(
            "Claudia\n  Sheinbaum",
            "Claudia Sheinbaum",
            Sensitive
        ));
        assert!(!case_ok(
            "claudia Sheinbaum",
            "Claudia Sheinbaum",
            Sensitive
        ));
        assert!(!case_ok(
            "Claudia Sheinbaum",
            "Claudia  Sheinbaumx",
            Sensitive
        ));
        assert!(case_ok("Cártel", "cártel", FirstLetter));
        assert!(case_ok("Ángel’s", "ángel's", FirstLetter));
        assert!(!case_ok("CÁRTEL", "cártel", FirstLetter));
        assert!(!case_ok("", "cártel", FirstLetter));
        assert!(case_ok("", "", FirstLetter));
        assert!(case_ok("ANY Case", "any case", Insensitive));
    }

    fn glossary() -> Glossary {
        crate::glossary::seed()
    }

    fn ids(g: &Glossary, hits: &[Hit]) -> Vec<(String, bool, String)> {
        hits.iter()
            .map(|h| (g.terms[h.term].id.clone(), h.forbidden, h.form.to_string()))
            .collect()
    }

    #[test]
    fn accents_boundaries_and_longest_forms() {
        let g = glossary();
        let es = Matcher::new(&g, Lang::Es);
        let text = "Los carteles y el cártel; los ataques con\n  drones de EE. UU.";
        let hits = es.find(text);
        assert_eq!(
            ids(&g, &hits),
            [
                ("cartel".into(), true, "carteles".into()),
                ("cartel".into(), false, "cártel".into()),
                ("drone-strike".into(), false, "ataques con drones".into()),
                ("united-states".into(), false, "EE. UU.".into()),
            ]
        );
        assert_eq!(&text[hits[2].span.clone()], "ataques con\n  drones");
        // No match inside a longer word.
        assert!(es.find("cartelera").is_empty());
    }

    #[test]
    fn case_rules_and_apostrophes() {
        let g = glossary();
        let en = Matcher::new(&g, Lang::En);
        assert_eq!(
            ids(&g, &en.find("Trump’s plan")),
            [("donald-trump".into(), false, "Trump".into())]
        );
        assert!(
            en.find("a trump card").is_empty(),
            "names are case-sensitive"
        );
        let es = Matcher::new(&g, Lang::Es);
        let hits = es.find("La presidenta Sheinbaum habló.");
        assert_eq!(ids(&g, &hits)[0].0, "president-sheinbaum");
        assert_eq!(
            ids(&g, &es.find("Lopez Obrador")),
            [("lopez-obrador".into(), true, "Lopez Obrador".into())]
        );
    }
}
