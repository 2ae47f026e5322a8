//! Sentence segmentation: where a block of text is cut into translatable segments.
//!
//! The rules follow `shared/segmentation/CONVENTIONS.md` (copied into the docs as
//! `docs/segmentation.md`): every line break is a boundary; a boundary follows `.` `!` `?` `…`
//! and any closing quotes or brackets when a new sentence visibly begins; abbreviations,
//! initials, numbers, URLs, emails, quotations and parentheses are never cut inside.
//!
//! Whether a period after an abbreviation ends a sentence depends on its class (see
//! [`AbbrevClass`] and the data files) and on evidence from what follows: titles and ranks
//! never end one; era and unit abbreviations only before a known sentence starter; company
//! suffixes, states, countries and dotted acronyms before a starter, a short subject with a
//! verb of saying or a lone capitalised word, not before the rest of a name. A figure after a
//! full stop opens a sentence unless the word before introduces it (`No. 5`, `Rs. 3520`). An
//! apostrophe inside a word or an elision (`didn't`, `'til`) never opens a quotation.
//!
//! The segmenter never changes, allocates or copies the text it cuts: it returns byte ranges.
//! The pieces between consecutive cuts concatenate back to the input exactly, and every
//! segment is a piece with its surrounding whitespace trimmed.
//!
//! ```
//! use puente::segment::Segmenter;
//! use puente::lang::Lang;
//! let text = "Mexico resists. According to various U.S. sources, it “will not bow.” He left.";
//! let seg = Segmenter::new(Lang::En);
//! let parts: Vec<&str> = seg.segments(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(parts, [
//!     "Mexico resists.",
//!     "According to various U.S. sources, it “will not bow.”",
//!     "He left.",
//! ]);
//! ```

mod rules;

use std::ops::Range;

pub use rules::{AbbrevClass, Rules};

use crate::lang::Lang;
use crate::text::{
    self,
    markup::Braces,
    quotes::{Mark, Marks},
};

/// Splits text into segments for one language.
#[derive(Clone, Copy, Debug)]
pub struct Segmenter {
    rules: &'static Rules,
    lang: Lang,
}

/// What precedes a single period, which decides whether the period can end a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Before {
    /// A number (`600.`, `$100.00.`, `x10.`).
    Number,
    /// A title or other word that never ends a sentence (`Mr.`, `e.g.`).
    Title,
    /// An abbreviation that may end a sentence (`U.S.`, `Inc.`).
    Abbrev,
    /// A single letter, as in initials (`Jonas E. Smith`).
    Initial,
    /// Unknown dotted initials (`J.C.`, `i.v.`).
    Initialism,
    /// An inner period of a spaced abbreviation (`EE.` in `EE. UU.`).
    Inner,
    /// An era or unit abbreviation, which ends a sentence only before a known starter
    /// (`a. C.`, `hab.`).
    Rare,
    /// A company suffix, state, country or dotted acronym, which ends a sentence before a
    /// known starter or a subject with a verb of saying, not before the rest of a name.
    Proper,
    /// A word that introduces a number (`No.`, `Sept.`): no sentence starts with the number.
    Numbering,
    /// An ordinary word.
    Word,
    /// Not a single period: `!`, `?`, an ellipsis.
    Other,
}

impl Segmenter {
    /// A segmenter using the built-in rules for `lang`.
    pub fn new(lang: Lang) -> Self {
        Segmenter {
            rules: Rules::get(lang),
            lang,
        }
    }

    /// The language this segmenter was built for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The segments of `text`, as trimmed byte ranges, in order. Whitespace-only text has none.
    pub fn segments(&self, text: &str) -> Vec<Range<usize>> {
        self.segments_keeping(text, &[])
    }

    /// Like [`Segmenter::segments`], but never cuts strictly inside any of the `keep` ranges
    /// (used for Markdown links and code spans).
    pub fn segments_keeping(&self, text: &str, keep: &[Range<usize>]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        while start <= bytes.len() {
            let end = memchr::memchr(b'\n', &bytes[start..])
                .map(|i| start + i)
                .unwrap_or(bytes.len());
            self.segment_line(text, start..end, keep, &mut out);
            if end == bytes.len() {
                break;
            }
            start = end + 1;
        }
        out
    }

    /// The cut points of `text`: the pieces `text[cuts[i]..cuts[i+1]]` (with 0 and `text.len()`
    /// added at the ends) concatenate back to `text`, and each holds at most one segment.
    pub fn cuts(&self, text: &str) -> Vec<usize> {
        let segs = self.segments(text);
        let mut cuts = Vec::with_capacity(segs.len() + 1);
        cuts.push(0);
        for pair in segs.windows(2) {
            cuts.push(pair[1].start);
        }
        cuts.push(text.len());
        cuts.dedup();
        cuts
    }

    fn segment_line(
        &self,
        text: &str,
        line: Range<usize>,
        keep: &[Range<usize>],
        out: &mut Vec<Range<usize>>,
    ) {
        let s = &text[line.clone()];
        let base = line.start;
        let push = |out: &mut Vec<Range<usize>>, a: usize, b: usize| {
            let piece = &s[a..b];
            let trimmed_start = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                let st = base + a + trimmed_start;
                out.push(st..st + trimmed.len());
            }
        };
        if !has_terminal(s.as_bytes()) {
            push(out, 0, s.len());
            return;
        }
        let line_keep: Vec<Range<usize>> = keep
            .iter()
            .filter(|r| r.end > line.start && r.start < line.end)
            .map(|r| r.start.saturating_sub(base)..(r.end - base).min(s.len()))
            .collect();
        let ctx = LineContext::new(s, line_keep, self.rules);
        let mut cuts = ctx.list_cuts.clone();
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Most bytes can neither end a sentence nor close a quotation: they are skipped
            // in one tight search, which keeps its position in a register (this loop's own
            // counter lived on the stack and was a fifth of the segmenter's time).
            match bytes[i..].iter().position(|&b| MAY_CUT[usize::from(b)]) {
                Some(k) => i += k,
                None => break,
            }
            let len = terminal_len(&bytes[i..]);
            if len == 0 {
                if let Some(at) = self.dash_quote_cut(&ctx, i) {
                    cuts.push(at);
                }
                i += 1;
                continue;
            }
            match self.evaluate(&ctx, i, len) {
                Eval::Cut(at, resume) => {
                    cuts.push(at);
                    i = resume.max(i + len);
                }
                Eval::Skip(resume) => i = resume.max(i + len),
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut prev = 0;
        for c in cuts {
            if c > prev && c < s.len() {
                push(out, prev, c);
                prev = c;
            }
        }
        push(out, prev, s.len());
    }

    /// Decides whether the terminal punctuation at `p` (of `len` bytes) ends a sentence.
    fn evaluate(&self, ctx: &LineContext<'_>, p: usize, len: usize) -> Eval {
        let s = ctx.s;
        let c = char_at(s, p).unwrap_or(' ');
        let pc = char_before(s, p);
        let mut j = p + len;
        let mut run_is_single_period = c == '.';
        // A spaced ellipsis of exactly three dots after a space marks an omission inside a
        // sentence (`the thing is . . . I didn’t`); four dots end it.
        let mut omission = false;

        if ctx.in_url(p) {
            return Eval::Skip(j);
        }
        if c == '.' {
            if ctx.marker_dots.contains(&p) {
                return Eval::Skip(j);
            }
            match pc {
                None => {
                    if let Some(end) = spaced_ellipsis(s, p) {
                        j = end;
                        run_is_single_period = false;
                    } else {
                        return Eval::Skip(j);
                    }
                }
                Some(w) if w.is_whitespace() => {
                    if let Some(end) = spaced_ellipsis(s, p) {
                        omission = end - p == 5;
                        j = end;
                        run_is_single_period = false;
                    } else if !char_at(s, j).is_none_or(|n| n.is_whitespace()) {
                        // `.jpeg`, `.50`: a period that starts a word ends nothing.
                        return Eval::Skip(j);
                    }
                }
                Some('(') | Some('[') => return Eval::Skip(run_end(s, j)),
                _ => {}
            }
            if run_is_single_period && char_at(s, j).is_some_and(|n| n.is_ascii_digit()) {
                return self.footnote(ctx, p, j, pc);
            }
        } else if matches!(pc, Some('(') | Some('[')) {
            return Eval::Skip(run_end(s, j));
        }

        // The rest of the run of terminal punctuation (`?!`, `...`, `. . .`).
        loop {
            let more = terminal_len(&s.as_bytes()[j..]);
            if more > 0 {
                j += more;
                run_is_single_period = false;
                omission = false;
                continue;
            }
            if s[j..].starts_with(" . .") {
                if let Some(end) = spaced_ellipsis(s, j + 1) {
                    // MLA: a period, then an omission that opens the next sentence
                    // (`compounds. . . . The practice`): cut after the period.
                    let k = skip_ws(s, end);
                    if run_is_single_period
                        && end - (j + 1) == 5
                        && k > end
                        && char_at(s, k).is_some_and(char::is_uppercase)
                        && pc.is_some_and(char::is_alphabetic)
                    {
                        return Eval::Cut(j, end);
                    }
                    omission = false;
                    j = end;
                    run_is_single_period = false;
                    continue;
                }
            }
            break;
        }
        let (j, closed_quote) = consume_closers(s, j);

        if let Some(outer) = ctx.outer_region_end(p) {
            if j < outer {
                return Eval::Skip(j);
            }
        }
        if ctx.keep.iter().any(|r| r.start < j && j < r.end) {
            return Eval::Skip(j);
        }
        if j >= s.len() {
            return Eval::Skip(j);
        }
        let before = if run_is_single_period && ctx.url_ends_at(p) {
            Before::Word
        } else if run_is_single_period {
            self.classify_before(s, p)
        } else {
            Before::Other
        };
        if before == Before::Inner || (before == Before::Abbrev && self.opening_phrase_only(s, p)) {
            return Eval::Skip(j);
        }

        let nc = char_at(s, j).unwrap_or(' ');
        if !nc.is_whitespace() {
            if is_fullwidth_terminal(c) {
                return Eval::Cut(j, j);
            }
            // A period glued to the next sentence: "Hello world.Today is Tuesday."
            let next_word = leading_word(&s[j..]);
            if run_is_single_period
                && nc.is_uppercase()
                && char_at(s, j + nc.len_utf8()).is_some_and(|n| n.is_lowercase())
                && matches!(before, Before::Word | Before::Number)
                && glued_ok(s, p)
                && (next_word.chars().count() >= 3 || self.is_glued_title(&s[j..]))
            {
                return Eval::Cut(j, j);
            }
            // A dash closing a quote: `to--" At this moment`.
            return Eval::Skip(j);
        }
        let k = skip_ws(s, j);
        if k >= s.len() || omission {
            return Eval::Skip(j);
        }
        // Isolated marks in a row (`! ! !`) stay together.
        if pc.is_none_or(char::is_whitespace) && terminal_len(&s.as_bytes()[k..]) > 0 {
            return Eval::Skip(j);
        }
        if c == '!' && self.rules.is_exclamation_word(word_before(s, p)) {
            return Eval::Skip(j);
        }
        if self.new_sentence_at(s, p, k, before, closed_quote) {
            Eval::Cut(j, k)
        } else {
            Eval::Skip(j)
        }
    }

    /// Whether the sentence so far is only an opening phrase of a preposition, a figure and the
    /// abbreviation that ends at `p` (`At 5 a.m. Mr. Smith went`): no sentence is that short.
    fn opening_phrase_only(&self, s: &str, p: usize) -> bool {
        let mut tokens = s[..p].split_whitespace().rev();
        let mut count = 0;
        let mut first = "";
        for t in tokens.by_ref() {
            // A full stop before a capital starts the sentence (`a.` in `a. m` does not).
            if count > 0
                && t.ends_with(['.', '!', '?', '…', ':', ';'])
                && !first.starts_with(char::is_lowercase)
            {
                break;
            }
            count += 1;
            first = t;
            // `At 5 a.m.` has three tokens, `A las 10 a. m.` five.
            if count > 5 {
                return false;
            }
        }
        count >= 3 && self.rules.is_opening_preposition(first)
    }

    /// Whether `rest` starts with a title and its period (`Mr.`), which may follow a sentence
    /// glued to it (`Tuesday.Mr. Smith`).
    fn is_glued_title(&self, rest: &str) -> bool {
        let word = leading_word(rest);
        rest[word.len()..].starts_with('.')
            && self.rules.class_of(&word.to_lowercase()) == Some(AbbrevClass::Title)
    }

    /// A quotation broken off by a dash ends the sentence when a capital follows:
    /// `…afore she comes, to--" At this moment`.
    fn dash_quote_cut(&self, ctx: &LineContext<'_>, i: usize) -> Option<usize> {
        let s = ctx.s;
        let b = s.as_bytes()[i];
        if !(b == b'"' || b == 0xE2) || !s.is_char_boundary(i) {
            return None;
        }
        let quote_len = if b == b'"' {
            1
        } else if s[i..].starts_with('”') {
            3
        } else {
            return None;
        };
        if !(s[..i].ends_with("--") || s[..i].ends_with('—')) {
            return None;
        }
        let j = i + quote_len;
        let k = skip_ws(s, j);
        if k == j || k >= s.len() || ctx.outer_region_end(i).is_some_and(|e| e > j) {
            return None;
        }
        let nx = char_at(s, k)?;
        (nx.is_uppercase() && !self.is_attribution(&s[k..])).then_some(j)
    }

    /// A period followed by digits: a footnote marker (`consultation.11 12 Take`) or a number.
    fn footnote(&self, ctx: &LineContext<'_>, p: usize, j: usize, pc: Option<char>) -> Eval {
        let s = ctx.s;
        let prev_ok = pc.is_some_and(|c| c.is_alphabetic() || c == ')');
        if !prev_ok {
            return Eval::Skip(j);
        }
        let mut k = j;
        loop {
            let digits = s[k..].bytes().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 || digits > 3 {
                return Eval::Skip(j);
            }
            k += digits;
            if s[k..].starts_with(' ')
                && s[k + 1..]
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_digit())
            {
                k += 1;
                continue;
            }
            break;
        }
        if ctx.outer_region_end(p).is_some() {
            return Eval::Skip(k);
        }
        let w = skip_ws(s, k);
        if w > k && w < s.len() && char_at(s, w).is_some_and(|c| c.is_uppercase()) {
            Eval::Cut(k, w)
        } else {
            Eval::Skip(k)
        }
    }

    /// Whether a new sentence begins at `k` (the first non-space after a candidate boundary).
    fn new_sentence_at(
        &self,
        s: &str,
        p: usize,
        k: usize,
        before: Before,
        closed_quote: bool,
    ) -> bool {
        let nx = char_at(s, k).unwrap_or(' ');
        let quiet = matches!(
            before,
            Before::Title
                | Before::Abbrev
                | Before::Initial
                | Before::Initialism
                | Before::Rare
                | Before::Proper
        );
        if nx.is_lowercase() || matches!(nx, ',' | ';' | ':' | ')' | ']' | '}' | '%') {
            return false;
        }
        if matches!(nx, '-' | '–' | '—') {
            if quiet {
                return false;
            }
            let after = s[k..].trim_start_matches(['-', '–', '—', ' ']);
            return after.chars().next().is_some_and(|c| c.is_uppercase());
        }
        // A year or figure after a full stop opens a sentence (`…waste dump. 1987 was`);
        // after an abbreviation or a numbering word (`No. 5`) it continues one.
        if nx.is_ascii_digit() {
            return match before {
                Before::Number | Before::Other => true,
                Before::Word => !abbreviation_like(token_before(s, p)),
                _ => false,
            };
        }
        if matches!(nx, '¿' | '¡') {
            return before != Before::Title;
        }
        if is_opener(nx) {
            if nx == '('
                && matches!(
                    before,
                    Before::Title | Before::Abbrev | Before::Rare | Before::Proper
                )
            {
                return false;
            }
            let rest = s[k..].trim_start_matches(|c: char| is_opener(c) || c == ' ');
            let first = rest.chars().next().unwrap_or(' ');
            if matches!(first, '¿' | '¡') {
                return before != Before::Title;
            }
            if first.is_ascii_digit() {
                return match before {
                    Before::Number | Before::Other => true,
                    Before::Word => !abbreviation_like(token_before(s, p)),
                    _ => false,
                };
            }
            if !first.is_uppercase() {
                return false;
            }
            if matches!(before, Before::Rare | Before::Proper) {
                return self.rules.is_starter(leading_word(rest));
            }
            return !matches!(before, Before::Title | Before::Initial);
        }
        if nx.is_uppercase() {
            let word = leading_word(&s[k..]);
            return match before {
                Before::Title | Before::Initial | Before::Inner => false,
                Before::Abbrev => {
                    let all_caps = word.chars().count() >= 2
                        && word.chars().all(|c| !c.is_lowercase())
                        && word.chars().any(|c| c.is_alphabetic());
                    !(all_caps || self.rules.is_continuation(word))
                }
                Before::Initialism | Before::Rare => self.rules.is_starter(word),
                Before::Proper => self.ends_before_name(word, &s[k..]),
                Before::Number | Before::Word | Before::Other | Before::Numbering => {
                    !(closed_quote && self.is_attribution(&s[k..]))
                }
            };
        }
        if nx.is_alphabetic() {
            // Scripts without case: a new sentence unless the period belongs to an abbreviation.
            return !quiet;
        }
        // Symbols such as `$`, `•` or `#` start something new unless an abbreviation precedes.
        !quiet
    }

    /// After a company suffix, state, country or acronym (`Inc.`, `Son.`, `U.S.`), whether the
    /// capitalised `word` at the start of `rest` opens a new sentence: a known starter or a
    /// short subject with a verb of saying does, the rest of a name does (a continuation word,
    /// an all-capitals word, a run of capitalised words), and a lone capitalised word followed by
    /// lowercase text does (`…in the U.S. Millions attended`).
    fn ends_before_name(&self, word: &str, rest: &str) -> bool {
        if self.rules.is_starter(word) {
            return true;
        }
        let all_caps = word.chars().count() >= 2
            && word.chars().all(|c| !c.is_lowercase())
            && word.chars().any(|c| c.is_alphabetic());
        // Another abbreviation continues the name: `Samsung Electronics Co. Ltd. said`.
        let chained = rest[word.len()..].starts_with('.')
            && self.rules.class_of(&word.to_lowercase()).is_some();
        if all_caps || chained || self.rules.is_continuation(word) {
            return false;
        }
        if self.is_said(rest) {
            return true;
        }
        // A name goes on with another capitalised word or a linking word
        // (`U.S. Gulf Coast`, `U.S. Conference of Mayors`, `Banco de México`).
        let after = &rest[word.len()..];
        let next = after.trim_start();
        let next_word = leading_word(next);
        let name_goes_on = after.starts_with(' ')
            && (next.chars().next().is_some_and(char::is_uppercase)
                || matches!(next_word, "of" | "for" | "on" | "de" | "del"));
        !name_goes_on
    }

    /// Whether `rest` starts with a short subject (one or two capitalised words) and a verb of
    /// saying: `… sold to Acme Corp. Officials said …` starts a sentence, while the rest of a
    /// name (`Acme Corp. Chief Executive John Smith`) does not.
    fn is_said(&self, rest: &str) -> bool {
        let mut words = rest.split_whitespace();
        for _ in 0..3 {
            let Some(w) = words.next() else { return false };
            let w = w.trim_end_matches([',', '.', ';', ':']);
            if w.chars().next().is_some_and(|c| c.is_uppercase()) {
                continue;
            }
            return self.rules.is_speech_verb(&w.to_lowercase());
        }
        false
    }

    /// Whether `rest` starts with an attribution: capitalised words, then a verb of saying.
    /// "Say" with a direct object of its own (`She said the last words out loud`, `She said it
    /// to the Knave`) is a sentence about saying, not an attribution: what was said is the
    /// object, not the quotation before. A time after it (`she said the next day`) is still an
    /// attribution.
    fn is_attribution(&self, rest: &str) -> bool {
        let mut words = rest.split_whitespace();
        for _ in 0..4 {
            let Some(w) = words.next() else { return false };
            let bare = w.trim_end_matches([',', '.', ';', ':']);
            if bare.chars().next().is_some_and(|c| c.is_uppercase()) {
                continue;
            }
            let verb = bare.to_lowercase();
            if !self.rules.is_speech_verb(&verb) {
                return false;
            }
            if matches!(verb.as_str(), "said" | "says") && bare.len() == w.len() {
                let object = words.next().unwrap_or("");
                let after = words.next().unwrap_or("").to_lowercase();
                let time = matches!(
                    after.trim_end_matches([',', '.', ';', ':']),
                    "next"
                        | "following"
                        | "previous"
                        | "same"
                        | "day"
                        | "week"
                        | "month"
                        | "year"
                        | "morning"
                        | "afternoon"
                        | "evening"
                        | "night"
                );
                if object == "it" || (object == "the" && !time) {
                    return false;
                }
            }
            return true;
        }
        false
    }

    /// Classifies the word that ends with the period at `p`.
    fn classify_before(&self, s: &str, p: usize) -> Before {
        // Spaced abbreviations first (`EE. UU.`, `a. m.`): the period may be inner or final.
        for sp in &self.rules.spaced {
            let (form, class) = (sp.form.as_str(), sp.class);
            let same = |a: &str| {
                if sp.exact {
                    a == form
                } else {
                    eq_ignore_case(a, form)
                }
            };
            let fb = form.as_bytes();
            // Forms are stored without their final period: `ee. uu` ends right before `p`.
            if p >= fb.len()
                && s.is_char_boundary(p - fb.len())
                && same(&s[p - fb.len()..p])
                && word_start(s, p - fb.len())
            {
                return before_of(class);
            }
            // Or `p` is one of the form's inner periods.
            for (idx, _) in form.match_indices('.') {
                let Some(start) = p.checked_sub(idx) else {
                    continue;
                };
                let end = start + fb.len();
                if end <= s.len()
                    && s.is_char_boundary(start)
                    && s.is_char_boundary(end)
                    && same(&s[start..end])
                    && word_start(s, start)
                {
                    return Before::Inner;
                }
            }
        }
        // An apostrophe inside a word (`didn't`, `O'Brien`, `pic's`) belongs to the word: only
        // one after a space or an opener can open a quotation.
        let start = s[..p]
            .char_indices()
            .rev()
            .find(|&(i, c)| {
                c.is_whitespace()
                    || c == '/'
                    || (is_opener(c)
                        && !(c == '\'' && char_before(s, i).is_some_and(char::is_alphanumeric)))
            })
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        let word = &s[start..p];
        if word.is_empty() {
            return Before::Other;
        }
        let lower = word.to_lowercase();
        if let Some(class) = self.rules.class_of_word(word, &lower) {
            return before_of(class);
        }
        // A title glued to the previous sentence: `Tuesday.Mr. Smith`.
        if let Some((_, tail)) = lower.rsplit_once('.') {
            if tail.chars().count() >= 2 && self.rules.class_of(tail) == Some(AbbrevClass::Title) {
                return Before::Title;
            }
        }
        if word.chars().last().is_some_and(|c| c.is_ascii_digit()) {
            return Before::Number;
        }
        let mut chars = word.chars();
        let first = chars.next().unwrap_or(' ');
        if chars.next().is_none() && first.is_alphabetic() {
            // "you and I. Did you": a pronoun after a lowercase word ends the sentence.
            let prev_word = s[..start].split_whitespace().next_back().unwrap_or("");
            if first == 'I'
                && self.lang == Lang::En
                && prev_word.chars().next().is_some_and(|c| c.is_lowercase())
            {
                return Before::Word;
            }
            // A unit after a number (`17:00 h.`, `5 m.`) is a word, not an initial.
            if first.is_lowercase() && prev_word.chars().last().is_some_and(|c| c.is_ascii_digit())
            {
                return Before::Word;
            }
            // A roman numeral after a capitalised word (`su Artículo V.`, `World War I.`,
            // `Henry V.`) ends a sentence before a known starter, like unknown initials.
            if matches!(first, 'I' | 'V' | 'X')
                && prev_word.chars().next().is_some_and(char::is_uppercase)
                && prev_word.chars().skip(1).any(char::is_lowercase)
            {
                return Before::Initialism;
            }
            return Before::Initial;
        }
        if word.contains('.')
            && word.chars().any(char::is_alphabetic)
            && word.split('.').all(|part| {
                let n = part.chars().count();
                n <= 2 && part.chars().all(|c| c.is_alphabetic())
            })
        {
            return Before::Initialism;
        }
        Before::Word
    }
}

fn before_of(class: AbbrevClass) -> Before {
    match class {
        AbbrevClass::Title => Before::Title,
        AbbrevClass::Abbreviation => Before::Abbrev,
        AbbrevClass::Rare => Before::Rare,
        AbbrevClass::Proper => Before::Proper,
        AbbrevClass::Numbering => Before::Numbering,
    }
}

enum Eval {
    /// Cut at the first offset; resume scanning at the second.
    Cut(usize, usize),
    /// No cut; resume scanning here.
    Skip(usize),
}

/// Per-line facts computed once before the scan: quotation and bracket regions, URLs,
/// list markers and the caller's keep-together ranges.
struct LineContext<'a> {
    s: &'a str,
    regions: Vec<Range<usize>>,
    urls: Vec<Range<usize>>,
    keep: Vec<Range<usize>>,
    list_cuts: Vec<usize>,
    marker_dots: Vec<usize>,
}

impl<'a> LineContext<'a> {
    fn new(s: &'a str, keep: Vec<Range<usize>>, rules: &Rules) -> Self {
        let (list_cuts, marker_dots) = list_markers(s);
        LineContext {
            s,
            regions: quote_regions(s, rules),
            urls: url_spans(s),
            keep,
            list_cuts,
            marker_dots,
        }
    }

    /// The end of the outermost quotation or bracket region that contains `p`.
    fn outer_region_end(&self, p: usize) -> Option<usize> {
        self.regions
            .iter()
            .filter(|r| r.start < p && p < r.end)
            .map(|r| r.end)
            .max()
    }

    fn url_ends_at(&self, p: usize) -> bool {
        self.urls.iter().any(|r| r.end == p)
    }

    fn in_url(&self, p: usize) -> bool {
        self.urls.iter().any(|r| r.start <= p && p + 1 < r.end)
    }
}

/// The bytes at which a sentence may end or a quotation close: the ASCII terminals and the
/// quote, and the lead bytes of the three-byte marks `terminal_len` and `dash_quote_cut` know.
static MAY_CUT: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b'.', b'!', b'?', b'"', 0xE2, 0xEF, 0xE3];
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// Whether the bytes contain anything that could end a sentence.
fn has_terminal(b: &[u8]) -> bool {
    b.iter()
        .any(|&c| matches!(c, b'.' | b'!' | b'?' | b')' | 0xE2 | 0xEF | 0xE3))
}

/// The byte length of the terminal punctuation mark at the start of `b`, or 0.
#[inline]
fn terminal_len(b: &[u8]) -> usize {
    match b.first() {
        Some(b'.' | b'!' | b'?') => 1,
        Some(0xE2) if b.starts_with("…".as_bytes()) || b.starts_with("‼".as_bytes()) => 3,
        Some(0xEF)
            if b.starts_with("．".as_bytes())
                || b.starts_with("！".as_bytes())
                || b.starts_with("？".as_bytes()) =>
        {
            3
        }
        Some(0xE3) if b.starts_with("。".as_bytes()) => 3,
        _ => 0,
    }
}

fn is_fullwidth_terminal(c: char) -> bool {
    matches!(c, '．' | '！' | '？' | '。')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '"' | '\'' | '“' | '‘' | '«' | '‹' | '¿' | '¡'
    )
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|t| t.chars().next_back())
}

fn skip_ws(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(s, i) {
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

fn word_start(s: &str, i: usize) -> bool {
    char_before(s, i).is_none_or(|c| !c.is_alphanumeric())
}

fn eq_ignore_case(a: &str, lower: &str) -> bool {
    a.len() == lower.len() && a.to_lowercase() == lower
}

/// The word at the start of `s`: letters, digits, apostrophes and hyphens.
fn leading_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    &s[..end]
}

/// The space-delimited token that ends right before `p`, without the punctuation around it.
fn token_before(s: &str, p: usize) -> &str {
    s[..p]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !(c.is_alphanumeric() || c == '°' || c == 'º'))
}

/// Whether an unlisted word before a period looks like an abbreviation that introduces a
/// number (`Rs. 3520`, `Mar. 23`, `Cra. 7`, `N°. 1026`): a capitalised word of at most three
/// letters, a single letter, a word without vowels (`rs`, `pp`, `mdp`), or one with a sign
/// that is neither a letter nor a digit. Short words (`up`, `it`) and figures (`1990s`) end
/// sentences.
fn abbreviation_like(word: &str) -> bool {
    let n = word.chars().count();
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    let vowelless = word.chars().all(char::is_alphabetic)
        && !word
            .chars()
            .any(|c| c.to_lowercase().any(|l| "aeiouyáéíóúü".contains(l)));
    !word.chars().all(char::is_alphanumeric) || (first_upper && n <= 3) || n <= 1 || vowelless
}

/// Whether a period glued to the next word (`world.Today`) may be cut: not inside a
/// domain-like token and not after a short item marker (`1.Helado`).
fn glued_ok(s: &str, p: usize) -> bool {
    let start = s[..p]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let token = &s[start..p];
    token.chars().count() >= 3 && !token.contains('.') && !token.contains('@')
}

/// The end of a spaced ellipsis `. . .` starting at the period `p`, if there is one.
/// The word that ends right before `p`.
fn word_before(s: &str, p: usize) -> &str {
    let start = s[..p]
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &s[start..p]
}

fn run_end(s: &str, mut j: usize) -> usize {
    loop {
        let more = terminal_len(&s.as_bytes()[j..]);
        if more == 0 {
            return j;
        }
        j += more;
    }
}

fn spaced_ellipsis(s: &str, p: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut dots = 1;
    let mut j = p + 1;
    while j + 1 < b.len() && b[j] == b' ' && b[j + 1] == b'.' {
        dots += 1;
        j += 2;
    }
    (dots >= 3).then_some(j)
}

/// Consumes closing quotes, brackets and bracketed footnote numbers after terminal
/// punctuation. Returns the new offset and whether a quotation mark was closed.
fn consume_closers(s: &str, mut j: usize) -> (usize, bool) {
    let mut closed_quote = false;
    while let Some(c) = char_at(s, j) {
        let next = char_at(s, j + c.len_utf8());
        match c {
            ')' | ']' | '»' | '›' | '”' => {
                closed_quote |= c != ')' && c != ']';
                j += c.len_utf8();
            }
            '’' | '\'' | '"' if !next.is_some_and(|n| n.is_alphanumeric()) => {
                closed_quote = true;
                j += c.len_utf8();
            }
            '[' => {
                let digits = s[j + 1..]
                    .bytes()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if digits > 0 && s[j + 1 + digits..].starts_with(']') {
                    j += digits + 2;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    (j, closed_quote)
}

/// Matched pairs of quotation marks and brackets in a line, as ranges from the opening mark
/// to just after the closing one (the one pairing: [`text::quotes`]).
///
/// An elision (`'til`, `'em`, `rock 'n' roll`) is a word, not a quotation: a single quote that
/// opens one opens no region, so the sentences after it are still cut.
fn quote_regions(s: &str, rules: &Rules) -> Vec<Range<usize>> {
    text::quotes::scan(s, Marks::Regions)
        .pairs
        .iter()
        .filter(|p| {
            !(matches!(p.mark, Mark::StraightSingle | Mark::Single)
                && rules.is_elision(&leading_word(&s[p.open.end..]).to_lowercase()))
        })
        .map(|p| p.outer())
        .collect()
}

/// URLs, email addresses and bare domains (`www.example.com`) in a line, without the
/// punctuation that ends the sentence after them (the one scanner: [`text::markup`]).
fn url_spans(s: &str) -> Vec<Range<usize>> {
    text::markup::spans(s, Braces::Numbered)
        .into_iter()
        .filter(|sp| sp.kind != text::markup::Kind::Placeholder)
        .map(|sp| sp.range)
        .collect()
}

/// Inline list markers (`1. The first item 2. The second item`, `a) … b) …`, `(i) … (ii) …`).
///
/// Markers count only when they run in sequence (1, 2, 3 or a, b, c or i, ii, iii). Returns
/// the offsets to cut at (before each marker after the first position of the line) and the
/// offsets of periods that belong to markers and so never end a sentence. A number or letter
/// followed by a period at the very start of a line is always a marker.
fn list_markers(s: &str) -> (Vec<usize>, Vec<usize>) {
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Kind {
        Num,
        Lower,
        Upper,
        Roman,
    }
    struct Marker {
        start: usize,
        dot: Option<usize>,
        punct: u8,
        values: [(Kind, u32); 2],
    }
    let bytes = s.as_bytes();
    let mut markers: Vec<Marker> = Vec::new();
    let mut cuts = Vec::new();
    let mut dots = Vec::new();
    let first_text = s.len() - s.trim_start().len();

    // Markers start a token: at the line start or after a space or tab. From one candidate
    // the next is found by searching for the next space or tab, not byte by byte.
    let next_token = |from: usize| {
        memchr::memchr2(b' ', b'\t', &bytes[from.min(bytes.len())..])
            .map_or(bytes.len(), |k| from + k + 1)
    };
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let mut j = i;
        // An optional bullet before the marker (`• 9.`, `⁃10.`).
        if let Some(b) = char_at(s, j) {
            if matches!(b, '•' | '⁃' | '‣' | '◦') {
                j += b.len_utf8();
                while bytes.get(j) == Some(&b' ') {
                    j += 1;
                }
            }
        }
        let enclosed = bytes.get(j) == Some(&b'(');
        if enclosed {
            j += 1;
        }
        let body_start = j;
        // A body longer than four characters is no marker: the word is not read to its end.
        while j < bytes.len() && j - body_start <= 4 && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let body = &s[body_start..j];
        let mut dot = None;
        let punct = if enclosed {
            if bytes.get(j) == Some(&b')') {
                j += 1;
                b'E'
            } else {
                0
            }
        } else if bytes.get(j) == Some(&b'.') && bytes.get(j + 1) == Some(&b')') {
            dot = Some(j);
            j += 2;
            b'D'
        } else if bytes.get(j) == Some(&b')') {
            j += 1;
            b')'
        } else if bytes.get(j) == Some(&b'.') {
            dot = Some(j);
            j += 1;
            b'.'
        } else {
            0
        };
        let followed = bytes.get(j) == Some(&b' ') || bytes.get(j) == Some(&b'\t');
        if punct == 0 || body.is_empty() || body.len() > 4 || !followed {
            i = next_token(start);
            continue;
        }
        let next = char_at(s, skip_ws(s, j));
        let values = marker_values(body);
        let Some(values) = values else {
            i = next_token(start);
            continue;
        };
        // "1. The first item" needs a capital after a numeric marker; "for 1. above" is prose.
        if punct == b'.' && values[0].0 == Kind::Num && !next.is_some_and(|c| c.is_uppercase()) {
            i = next_token(start);
            continue;
        }
        // "E." is an initial, not a marker.
        if punct == b'.' && values[0].0 == Kind::Upper {
            i = next_token(start);
            continue;
        }
        if start == first_text {
            if let Some(d) = dot {
                dots.push(d);
            }
        }
        markers.push(Marker {
            start,
            dot,
            punct,
            values,
        });
        i = next_token(j);
    }

    // Runs of markers with the same punctuation whose values go up by one.
    let mut used = vec![false; markers.len()];
    let mut inline_item = vec![false; markers.len()];
    for a in 0..markers.len() {
        for alt in 0..2 {
            let (kind, v) = markers[a].values[alt];
            if v == 0 {
                continue;
            }
            let mut run = vec![a];
            let mut last = v;
            for b in a + 1..markers.len() {
                if markers[b].punct != markers[a].punct {
                    continue;
                }
                if let Some(&(_, nv)) = markers[b]
                    .values
                    .iter()
                    .find(|&&(k, nv)| k == kind && nv == last + 1)
                {
                    run.push(b);
                    last = nv;
                }
            }
            if run.len() >= 2 {
                // Items that end with a comma or semicolon, or a first marker right after a
                // word, enumerate inside one sentence (`for (a) US Corporate, (b) Hedge
                // Funds`; `Ruiz (1), Mena (2) y Candebat (3) tras`): no cuts.
                // (A run that starts inside an earlier run is not a new enumeration.)
                let after_word = !used[run[0]]
                    && s[..markers[run[0]].start]
                        .trim_end()
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                let inline = after_word
                    || run[1..]
                        .iter()
                        .any(|&m| s[..markers[m].start].trim_end().ends_with([',', ';']));
                for &m in &run {
                    used[m] = true;
                    inline_item[m] |= inline;
                }
            }
        }
    }
    for ((m, u), inline) in markers.iter().zip(used).zip(inline_item) {
        if u {
            if m.start > first_text && !inline {
                cuts.push(m.start);
            }
            if let Some(d) = m.dot {
                dots.push(d);
            }
        }
    }
    return (cuts, dots);

    fn marker_values(body: &str) -> Option<[(Kind, u32); 2]> {
        if body.bytes().all(|b| b.is_ascii_digit()) {
            if body.len() > 2 {
                return None;
            }
            let v = body.parse().ok()?;
            return Some([(Kind::Num, v), (Kind::Num, 0)]);
        }
        let roman = roman_value(body);
        if body.len() == 1 {
            let c = body.as_bytes()[0];
            let alpha = if c.is_ascii_lowercase() {
                (Kind::Lower, (c - b'a' + 1) as u32)
            } else if c.is_ascii_uppercase() {
                (Kind::Upper, (c - b'A' + 1) as u32)
            } else {
                return None;
            };
            return Some([
                alpha,
                roman.map(|v| (Kind::Roman, v)).unwrap_or((Kind::Roman, 0)),
            ]);
        }
        roman.map(|v| [(Kind::Roman, v), (Kind::Roman, 0)])
    }

    /// List markers are lowercase and use i, v and x only (a lone c or d is a letter).
    fn roman_value(body: &str) -> Option<u32> {
        if !body.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')) {
            return None;
        }
        text::numbers::roman(body)
    }
}

#[cfg(test)]
mod tests;
