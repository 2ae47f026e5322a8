//! Quotation marks (and, for the segmenter, brackets): the one pairing of a text's marks, the
//! mark each nesting level wants per language ([`expected`]), quote text folded "up to
//! typography" for comparing wordings, the turns of a Spanish dialogue line ([`dialogue`])
//! and the narrator's incises inside a quotation ([`incises`]). Pure.
//!
//! The pairing rule, for every caller: an opening mark is pushed; a closing mark closes the
//! innermost open mark of its kind, and marks opened inside that pair and never closed are
//! reported as unclosed; a closing mark with nothing to close is reported as unopened. A ’
//! between two letters or digits is an apostrophe (Mexico’s, rock’n’roll); elsewhere it closes
//! an open ‘ and is an apostrophe when none is open (the students’). A straight " closes an
//! open " when it touches the quoted words (no space before it, or no word after it) and
//! opens otherwise. [`Marks`] says which marks take part, the only thing callers choose.

use std::ops::Range;

use crate::lang::Lang;

/// First-level quotation marks in a Spanish target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteStyle {
    /// « », then “ ”, then ‘ ’ (RAE).
    Angular,
    /// “ ”, then ‘ ’ (many Mexican outlets).
    Curly,
    /// Either, as the text opens: « » or “ ” at the first level, nested after it. What a
    /// Mexican, US or Latin American Spanish target gets when the project chooses no style
    /// (Mexican press prints “ ”; the RAE's « » is as correct). Machine translation writes
    /// « » then.
    Either,
}

/// A kind of mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// « »
    Angular,
    /// “ ”
    Double,
    /// ‘ ’
    Single,
    /// " "
    Straight,
    /// ' ' (only with [`Marks::Regions`])
    StraightSingle,
    /// ( ) (only with [`Marks::Regions`])
    Paren,
    /// [ ] (only with [`Marks::Regions`])
    Bracket,
}

impl Mark {
    /// The pair of marks as written, for messages.
    pub fn pair(self) -> &'static str {
        match self {
            Mark::Angular => "« »",
            Mark::Double => "“ ”",
            Mark::Single => "‘ ’",
            Mark::Straight => "\" \"",
            Mark::StraightSingle => "' '",
            Mark::Paren => "( )",
            Mark::Bracket => "[ ]",
        }
    }

    /// The opening and closing characters.
    pub fn chars(self) -> (char, char) {
        let mut c = self.pair().chars().filter(|c| *c != ' ');
        let open = c.next().expect("a pair has two marks");
        (open, c.next().expect("a pair has two marks"))
    }
}

/// The mark expected at nesting `level` (0 for the outermost) in `lang`, for the checks and
/// typography alike. Spanish: « » then
/// “ ” then ‘ ’ (or “ ” then ‘ ’ with the curly style), the last repeating deeper down;
/// English alternates “ ” and ‘ ’ at every level (“…‘…“…‘…’…”…’…”).
pub fn expected(lang: Lang, style: QuoteStyle, level: usize) -> Mark {
    let marks: &[Mark] = match (lang, style) {
        (Lang::Es, QuoteStyle::Angular | QuoteStyle::Either) => {
            &[Mark::Angular, Mark::Double, Mark::Single]
        }
        (Lang::Es, QuoteStyle::Curly) => &[Mark::Double, Mark::Single],
        (Lang::En, _) => return [Mark::Double, Mark::Single][level % 2],
    };
    marks[level.min(marks.len() - 1)]
}

/// Which marks take part in the pairing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marks {
    /// Quotation marks only (« » “ ” ‘ ’ "): what typography and the quote rules judge.
    Quotation,
    /// Quotation marks, straight single quotes, parentheses and square brackets: the regions
    /// a sentence is not cut inside. A straight ' opens after a space or an opener and before
    /// a letter, and closes after a non-space when no word follows.
    Regions,
}

/// A matched pair of marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The mark.
    pub mark: Mark,
    /// Nesting level, 0 for the outermost.
    pub level: usize,
    /// The opening mark's bytes.
    pub open: Range<usize>,
    /// The closing mark's bytes.
    pub close: Range<usize>,
}

impl Pair {
    /// The quoted words, between the marks.
    pub fn inner(&self) -> Range<usize> {
        self.open.end..self.close.start
    }

    /// The whole pair, from the opening mark to just after the closing one.
    pub fn outer(&self) -> Range<usize> {
        self.open.start..self.close.end
    }
}

/// The marks of a text.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    /// Matched pairs, in order of their closing mark.
    pub pairs: Vec<Pair>,
    /// Opening marks never closed.
    pub unclosed: Vec<(Mark, Range<usize>)>,
    /// Closing marks never opened.
    pub unopened: Vec<(Mark, Range<usize>)>,
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|t| t.chars().next_back())
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '"' | '\'' | '“' | '‘' | '«' | '‹' | '¿' | '¡'
    )
}

/// Pairs the marks of `text` (see the module doc for the rule).
pub fn scan(text: &str, marks: Marks) -> Scan {
    let bytes = text.as_bytes();
    match marks {
        // Every quotation mark starts with one of these bytes (« » are C2 xx, the curly ones
        // E2 80 xx): memchr jumps between candidates instead of decoding every character.
        Marks::Quotation => pair(text, marks, memchr::memchr3_iter(b'"', 0xC2, 0xE2, bytes)),
        Marks::Regions => pair(
            text,
            marks,
            bytes.iter().enumerate().filter_map(|(i, &b)| {
                matches!(b, b'(' | b')' | b'[' | b']' | b'"' | b'\'' | 0xE2 | 0xC2).then_some(i)
            }),
        ),
    }
}

fn pair(text: &str, marks: Marks, candidates: impl Iterator<Item = usize>) -> Scan {
    let regions = marks == Marks::Regions;
    let mut s = Scan::default();
    let mut stack: Vec<(Mark, Range<usize>)> = Vec::new();
    for i in candidates {
        let Some(c) = char_at(text, i) else {
            continue;
        };
        let r = i..i + c.len_utf8();
        let open = |m: Mark| stack.iter().any(|(x, _)| *x == m);
        let (mark, opening) = match c {
            '«' => (Mark::Angular, true),
            '»' => (Mark::Angular, false),
            '“' => (Mark::Double, true),
            '”' => (Mark::Double, false),
            '‘' => (Mark::Single, true),
            '’' => {
                let prev = char_before(text, i);
                let next = char_at(text, r.end);
                let inside_word = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if inside_word || !open(Mark::Single) {
                    continue;
                }
                (Mark::Single, false)
            }
            '"' => {
                let prev = char_before(text, i);
                let next = char_at(text, r.end);
                let closes = open(Mark::Straight)
                    && (!prev.is_some_and(char::is_whitespace)
                        || !next.is_some_and(char::is_alphanumeric));
                (Mark::Straight, !closes)
            }
            '(' if regions => (Mark::Paren, true),
            ')' if regions => (Mark::Paren, false),
            '[' if regions => (Mark::Bracket, true),
            ']' if regions => (Mark::Bracket, false),
            '\'' if regions => {
                let prev = char_before(text, i);
                let next = char_at(text, r.end);
                let prev_space = prev.is_none_or(|p| p.is_whitespace() || is_opener(p));
                let next_letter = next.is_some_and(|n| n.is_alphabetic() || n == '¿' || n == '¡');
                if prev_space && next_letter {
                    (Mark::StraightSingle, true)
                } else if !prev_space && !next.is_some_and(char::is_alphanumeric) {
                    if !open(Mark::StraightSingle) {
                        continue;
                    }
                    (Mark::StraightSingle, false)
                } else {
                    continue;
                }
            }
            _ => continue,
        };
        if opening {
            stack.push((mark, r));
            continue;
        }
        match stack.iter().rposition(|(m, _)| *m == mark) {
            Some(pos) => {
                // Marks opened inside this pair and never closed are reported as such.
                for (m, open) in stack.drain(pos + 1..) {
                    s.unclosed.push((m, open));
                }
                let (_, open) = stack.pop().expect("position is in the stack");
                s.pairs.push(Pair {
                    mark,
                    level: stack.len(),
                    open,
                    close: r,
                });
            }
            None => s.unopened.push((mark, r)),
        }
    }
    s.unclosed.extend(stack);
    s.unclosed.sort_by_key(|(_, r)| r.start);
    s
}

/// Quote text compared "up to typography": case, apostrophes, dashes and runs of spaces
/// folded, quotation marks and the punctuation at either end dropped.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '’' | '‘' | 'ʼ' => '\'',
            '–' | '—' | '‑' => '-',
            '«' | '»' | '“' | '”' | '"' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out.trim_matches(|c: char| c == ' ' || ".,;:".contains(c))
        .to_string()
}

/// Whether `needle` occurs in `hay` (both folded) on word boundaries.
pub fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// One turn of a Spanish dialogue line: words said, or the narrator's incise between dashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    /// Whether these are the speaker's words (else the narrator's).
    pub spoken: bool,
    /// The words, without the dashes and the spaces around them.
    pub words: Range<usize>,
    /// For an incise closed by a dash: the punctuation right after that dash (`.` in
    /// «—afirmó—.», empty in «—dijo— a ganar»).
    pub tail: Range<usize>,
}

/// Whether the dash at `i` opens a narrator's incise: a space before it, a word after it.
fn opens_incise(text: &str, i: usize) -> bool {
    char_before(text, i).is_some_and(char::is_whitespace)
        && char_at(text, i + '—'.len_utf8()).is_some_and(|c| !c.is_whitespace())
}

/// The first dash in `text[from..to]` that opens an incise.
fn incise_open(text: &str, from: usize, to: usize) -> Option<usize> {
    text[from..to]
        .match_indices('—')
        .map(|(i, _)| from + i)
        .find(|&i| opens_incise(text, i))
}

/// The first dash in `text[from..to]` that closes an incise: one touching its last word.
fn incise_close(text: &str, from: usize, to: usize) -> Option<usize> {
    text[from..to]
        .match_indices('—')
        .map(|(i, _)| from + i)
        .find(|&i| char_before(text, i).is_some_and(|c| !c.is_whitespace()))
}

/// The narrator's incises inside a quotation's words `inner` (RAE: «Vamos a cooperar —dijo
/// Sheinbaum—, pero no aceptaremos ataques»): a dash after a space opens one, a dash touching
/// its last word closes it, and words said follow it before the quotation ends. Each may be
/// where an English rendering splits the quotation in two (“We will cooperate,” Sheinbaum
/// said, “but…”), or an aside that stays inside it: the spans run from dash to dash.
pub fn incises(text: &str, inner: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = inner.start;
    while let Some(open) = incise_open(text, at, inner.end) {
        let from = open + '—'.len_utf8();
        let Some(close) = incise_close(text, from, inner.end) else {
            break;
        };
        at = close + '—'.len_utf8();
        if text[at..inner.end].chars().any(char::is_alphanumeric) {
            out.push(open..at);
        }
    }
    out
}

/// Where a dialogue line's opening dash is: at the start of `text` (after spaces), or after
/// a colon and a space, touching a capital (`El fiscal fue tajante: —No habrá acuerdo.`).
/// An aside after a colon starts in lower case (`Una cosa: —y esto es clave— falta.`).
fn dialogue_start(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    if text[lead..].starts_with('—') {
        return Some(lead);
    }
    // The dashes are found by a vectorized search: `match_indices` was 2 % of a large check.
    static DASH: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("—"));
    DASH.find_iter(text.as_bytes()).find(|&i| {
        let before = text[..i].trim_end();
        before.len() < i
            && before.ends_with(':')
            && char_at(text, i + '—'.len_utf8())
                .is_some_and(|c| c.is_uppercase() || c == '¿' || c == '¡')
    })
}

/// The turns of a Spanish dialogue line (RAE): the line opens with a dash touching the
/// words said (`—No podemos seguir así`), at the start of the text or after a colon mid-
/// segment (`El fiscal fue tajante: —No habrá acuerdo.`, the words said in capitals); a
/// space then a dash opens the narrator's incise (` —afirmó el gobernador`), which a dash
/// touching its last word closes (`—.`) or the end of the line ends; words after a closed
/// incise are said again (`—. Lo haremos mañana.`). A line without an incise must end as a
/// sentence does (an agency credit «—Con información de AP» is not dialogue). Empty when
/// `text` holds no dialogue line; the narrator's words before the colon are no turn. The one
/// reading of dialogue dashes: typography turns them into quotation marks, `quote-marks`
/// counts each spoken turn as a quote.
pub fn dialogue(text: &str) -> Vec<Turn> {
    let Some(lead) = dialogue_start(text) else {
        return Vec::new();
    };
    let rest = &text[lead + '—'.len_utf8()..];
    if rest.chars().next().is_none_or(char::is_whitespace) {
        return Vec::new();
    }
    let mut turns = Vec::new();
    let mut at = lead + '—'.len_utf8();
    let trimmed = |r: Range<usize>| {
        let s = &text[r.clone()];
        let start = r.start + (s.len() - s.trim_start().len());
        start..start + s.trim().len()
    };
    while at < text.len() {
        // The words said run to a dash that opens an incise: a space before it, a word after.
        let opens = incise_open(text, at, text.len());
        let said_end = opens.unwrap_or(text.len());
        let words = trimmed(at..said_end);
        if !words.is_empty() {
            turns.push(Turn {
                spoken: true,
                words,
                tail: said_end..said_end,
            });
        }
        let Some(open) = opens else { break };
        let from = open + '—'.len_utf8();
        // The incise runs to a dash touching its last word, or to the end of the line.
        let Some(close) = incise_close(text, from, text.len()) else {
            turns.push(Turn {
                spoken: false,
                words: trimmed(from..text.len()),
                tail: text.len()..text.len(),
            });
            break;
        };
        let after = close + '—'.len_utf8();
        let punct = text[after..]
            .find(|c: char| !".,;:".contains(c))
            .unwrap_or(text.len() - after);
        turns.push(Turn {
            spoken: false,
            words: trimmed(from..close),
            tail: after..after + punct,
        });
        at = after + punct;
    }
    // A line with no incise is dialogue when it ends as a sentence does: «—Con información
    // de AP» is an agency credit, not words said.
    let said_alone = turns.len() == 1
        && !text
            .trim_end()
            .ends_with(['.', '?', '!', '…', '»', '”', '"']);
    if turns.iter().any(|t| t.spoken) && !said_alone {
        turns
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str, marks: Marks) -> Vec<&str> {
        scan(text, marks)
            .pairs
            .iter()
            .map(|p| &text[p.outer()])
            .collect()
    }

    #[test]
    fn an_apostrophe_inside_a_word_never_closes_a_quote() {
        // Before the scanners were one, the check's pairing closed ‘ at Mexico’s.
        let t = "He called it ‘Mexico’s moment’ again.";
        assert_eq!(pairs(t, Marks::Quotation), ["‘Mexico’s moment’"]);
        assert!(scan("the students’ books", Marks::Quotation)
            .pairs
            .is_empty());
    }

    #[test]
    fn regions_add_brackets_and_straight_singles_to_the_same_pairing() {
        let t = "She said 'no (never)' and [left].";
        assert_eq!(
            pairs(t, Marks::Regions),
            ["(never)", "'no (never)'", "[left]"]
        );
        assert!(pairs(t, Marks::Quotation).is_empty());
        let s = scan("«uno “dos” tres", Marks::Quotation);
        assert_eq!(s.pairs[0].level, 1);
        assert_eq!(s.unclosed.len(), 1);
    }

    fn turns(text: &str) -> Vec<(bool, &str, &str)> {
        dialogue(text)
            .into_iter()
            .map(|t| (t.spoken, &text[t.words], &text[t.tail]))
            .collect()
    }

    #[test]
    fn dialogue_lines_split_into_spoken_words_and_incises() {
        assert_eq!(
            turns("—No podemos seguir así —afirmó el gobernador—."),
            [
                (true, "No podemos seguir así", ""),
                (false, "afirmó el gobernador", ".")
            ]
        );
        assert_eq!(
            turns("—No podemos —afirmó—. Lo haremos mañana."),
            [
                (true, "No podemos", ""),
                (false, "afirmó", "."),
                (true, "Lo haremos mañana.", "")
            ]
        );
        assert_eq!(
            turns("—Vamos —dijo el ministro— a ganar."),
            [
                (true, "Vamos", ""),
                (false, "dijo el ministro", ""),
                (true, "a ganar.", "")
            ]
        );
        assert_eq!(
            turns("—¿Vienes? —preguntó ella."),
            [(true, "¿Vienes?", ""), (false, "preguntó ella.", "")]
        );
        assert_eq!(
            turns("  —No podemos seguir así."),
            [(true, "No podemos seguir así.", "")]
        );
        // A dash inside a sentence, or one followed by a space, is not dialogue.
        assert!(turns("El plan —dijo— fracasó.").is_empty());
        assert!(turns("— una lista").is_empty());
        // A credit line is not words said.
        assert!(turns("—Con información de AP").is_empty());
    }

    #[test]
    fn a_dialogue_line_may_start_after_a_colon_mid_segment() {
        assert_eq!(
            turns("El fiscal fue tajante: —No habrá acuerdo."),
            [(true, "No habrá acuerdo.", "")]
        );
        assert_eq!(
            turns("Respondió:  —No podemos —afirmó—. Lo haremos."),
            [
                (true, "No podemos", ""),
                (false, "afirmó", "."),
                (true, "Lo haremos.", "")
            ]
        );
        // An aside after a colon is in lower case; a credit, a dash touching the colon and a
        // dash mid-sentence are no dialogue either.
        assert!(turns("Una cosa: —y esto es clave— falta el dinero.").is_empty());
        assert!(turns("Fuente: —Con información de AP").is_empty());
        assert!(turns("Dijo:—No.").is_empty());
        assert!(turns("El acuerdo —y esto es clave— se firmará mañana.").is_empty());
    }

    fn incise_words(text: &str) -> Vec<&str> {
        let s = scan(text, Marks::Quotation);
        s.pairs
            .iter()
            .flat_map(|p| incises(text, p.inner()))
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn an_incise_inside_a_quotation_is_found_where_words_said_follow_it() {
        assert_eq!(
            incise_words(
                "«Vamos a cooperar —dijo Sheinbaum—, pero no aceptaremos ataques con drones»."
            ),
            ["—dijo Sheinbaum—"]
        );
        assert_eq!(
            incise_words("«Uno —dijo— dos —añadió— tres»."),
            ["—dijo—", "—añadió—"]
        );
        // An incise that ends the quotation splits nothing; English dashes are no incise.
        assert!(incise_words("«Vamos a cooperar —dijo—».").is_empty());
        assert!(incise_words("“The deal—and this is key—will be signed.”").is_empty());
        assert!(incise_words("“The deal — and this is key — will be signed.”").is_empty());
        assert!(incise_words("Vamos —dijo— a ganar.").is_empty());
    }
}
