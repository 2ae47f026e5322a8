//! Keeping glossary terms, names and register quotes out of a machine-translation engine's
//! hands, then putting the right words back and verifying the result.
//!
//! [`protect`] replaces, in a segment's source, every name, every glossary term and the words
//! of every register quote with an opaque token the engine passes through unchanged (for
//! Apertium: a capitalized nonsense word such as `PZX3Q`, which it treats as an unknown proper
//! noun). Each token remembers what goes back: a name itself, the term's target form for that
//! occurrence (the glossary's one rule, [`crate::glossary::Term::target_form`]), the quote's
//! approved wording from the glossary's register (its original words when it was said in the
//! target language). [`restore`] checks that every token came
//! back exactly once, that no engine mark is left, and that the result is neither empty nor the
//! source, then puts the words back and fixes the target's typography. Pure.
//!
//! Emphasis and strong (`*x*`, `**x**`, `_x_`, `__x__`, nested; found by
//! [`markup::emphasis`]) travel as keys around the words they enclose: for Apertium, APy and
//! LibreTranslate a bracketed number (`⟦(0(⟧words⟦)0)⟧`, see [`mark_key`] for why it survives
//! reordering), for DeepL an element it translates inside (`<m0>words</m0>`), for a chat model
//! the marks themselves. [`restore`](Protector::restore) puts the marks back and verifies
//! that each pair came back once, opened before it closes, around words, and that no `*` or
//! `_` is left alone.

use std::fmt;
use std::ops::Range;

use crate::glossary::matcher::Matcher;
use crate::glossary::register::Register;
use crate::glossary::{Glossary, Kind};
use crate::lang::Lang;
use crate::text::markup::{self, Stress};
use crate::text::quotes::{self, Marks, QuoteStyle};

/// What a token stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A name, kept as is.
    Name,
    /// A glossary term, replaced by its target form.
    Term,
    /// The words of a register quote, replaced by the approved wording.
    Quote,
}

/// One protected span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The token sent to the engine.
    pub key: String,
    /// What replaces it in the translation.
    pub restore: String,
    /// What it is.
    pub kind: TokenKind,
}

/// How protected spans travel, chosen per engine for what survives it best.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Every protected span becomes a nonsense word (`PZX3Q`) a rule-based engine passes
    /// through as an unknown proper noun: Apertium, APy, LibreTranslate.
    Words,
    /// Names and quotes become `<x id="3">words</x>` elements the engine is told to leave
    /// alone (XML tag handling); terms stay in the text for the engine's own glossary, and the
    /// text is XML-escaped: DeepL.
    Tags,
    /// Nothing is replaced: names, terms and quotes go to the engine as instructions and are
    /// verified afterwards: OpenAI-compatible chat models.
    Instructions,
}

/// Something the translation must contain that was left in the engine's hands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expect {
    /// What it is.
    pub kind: TokenKind,
    /// The source words.
    pub source: String,
    /// Acceptable target words (any one).
    pub forms: Vec<String>,
    /// For terms: the glossary entry's index.
    pub term: Option<usize>,
}

/// A segment ready for the engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protected {
    /// The source with tokens in place of protected spans.
    pub text: String,
    /// The tokens, in order of appearance.
    pub tokens: Vec<Token>,
    /// What the engine was trusted with and must deliver.
    pub expected: Vec<Expect>,
    /// How the spans travel.
    pub method: Method,
    /// The emphasis and strong pairs of the source, in the order they open.
    pub pairs: Vec<Pair>,
}

/// An emphasis or strong pair of the source and what the engine sees for its marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// Emphasis or strong.
    pub stress: Stress,
    /// The source's opening and closing marks (`*`, `__`…), put back after translation.
    pub marks: (String, String),
    /// The keys that stand for the marks: `⟦(0(⟧` and `⟦)0)⟧` ([`Method::Words`] sends them;
    /// [`Method::Tags`] sends `<m0>` and `</m0>` in their place and reads them back into
    /// keys), or the marks themselves ([`Method::Instructions`]).
    pub keys: (String, String),
}

/// Why a translation was not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The engine returned nothing.
    Empty,
    /// The engine returned the source unchanged.
    Echo,
    /// A token is missing (the engine dropped or changed it).
    TokenLost(String),
    /// A token came back more than once.
    TokenRepeated(String),
    /// An engine mark is left (`*unknown`, `#generation`, `@transfer`).
    EngineMark(String),
    /// A placeholder of the source (`{1}`) is missing or repeated.
    Placeholder(String),
    /// A name, term or quote the engine was trusted with is not in the result.
    Missing(String),
    /// An emphasis or strong mark, or a whole pair, is missing or repeated (the engine dropped,
    /// broke or copied it).
    MarkLost(String),
    /// An emphasis pair came back closed before it opened, or crossing another pair.
    MarkOrder(String),
    /// An emphasis pair came back around no words.
    MarkEmpty(String),
    /// A `*` or `_` the source does not have, or emphasis the source does not have.
    MarkStray(String),
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Empty => write!(f, "empty"),
            Rejection::Echo => write!(f, "source echoed"),
            Rejection::TokenLost(t) => write!(f, "protected span {t} lost"),
            Rejection::TokenRepeated(t) => write!(f, "protected span {t} repeated"),
            Rejection::EngineMark(w) => write!(f, "engine mark left: {w}"),
            Rejection::Placeholder(p) => write!(f, "placeholder {p} not kept exactly once"),
            Rejection::Missing(w) => write!(f, "{w} missing"),
            Rejection::MarkLost(m) => write!(f, "emphasis mark {m} lost or repeated"),
            Rejection::MarkOrder(m) => write!(f, "emphasis {m} out of order"),
            Rejection::MarkEmpty(m) => write!(f, "emphasis {m} around no words"),
            Rejection::MarkStray(m) => write!(f, "stray emphasis mark: {m}"),
        }
    }
}

/// The protection for one direction: the source automaton and the register.
pub struct Protector<'g> {
    glossary: &'g Glossary,
    target: Lang,
    matcher: Matcher,
    target_matcher: Matcher,
    register: Register,
    style: QuoteStyle,
}

/// The token for the `n`th protected span: letters and digits an engine keeps as an unknown
/// proper noun.
fn key(n: usize) -> String {
    format!("PZX{n}Q")
}

impl<'g> Protector<'g> {
    /// Protection for `source` → `target` with `glossary`.
    pub fn new(glossary: &'g Glossary, source: Lang, target: Lang, style: QuoteStyle) -> Self {
        Protector {
            glossary,
            target,
            matcher: Matcher::new(glossary, source),
            target_matcher: Matcher::new(glossary, target),
            register: Register::new(glossary, source, target),
            style,
        }
    }

    /// Protects one segment with spans as nonsense words ([`Method::Words`]).
    pub fn protect(&self, source: &str) -> Protected {
        self.protect_with(source, Method::Words)
    }

    /// Protects one segment the way `method` says.
    pub fn protect_with(&self, source: &str, method: Method) -> Protected {
        // Emphasis marks become keys first; everything below reads the text with keys.
        let (marked, pairs) = mark_emphasis(source, method);
        let source = marked.as_str();
        let mut spans: Vec<(Range<usize>, String, TokenKind, Option<usize>)> = Vec::new();
        // Register quotes: their inner words are replaced whole.
        let scan = quotes::scan(source, Marks::Quotation);
        for (range, wording) in self.register.protect(source, &scan) {
            spans.push((range, wording, TokenKind::Quote, None));
        }
        for h in self.matcher.find(source) {
            if h.forbidden
                || spans
                    .iter()
                    .any(|(r, _, _, _)| r.start < h.span.end && h.span.start < r.end)
            {
                continue;
            }
            let term = &self.glossary.terms[h.term];
            // A name keeps the source's own spelling of it; a term gets the glossary's target
            // form for this occurrence.
            let occurrence = &source[h.span.clone()];
            let Some(restore) =
                term.target_form(self.target.other(), &h.form, occurrence, self.target)
            else {
                continue;
            };
            let kind = if term.kind == Kind::Name {
                TokenKind::Name
            } else {
                TokenKind::Term
            };
            spans.push((h.span, restore, kind, Some(h.term)));
        }
        spans.sort_by_key(|(r, _, _, _)| r.start);
        let mut text = String::with_capacity(source.len());
        let mut tokens = Vec::with_capacity(spans.len());
        let mut expected = Vec::new();
        let mut at = 0;
        // Text between spans: XML-escaped when the engine reads XML.
        let plain = |s: &str| -> String {
            if method == Method::Tags {
                quick_xml::escape::escape(s).into_owned()
            } else {
                s.to_string()
            }
        };
        for (range, restore, kind, term) in spans {
            let left_to_engine = match method {
                Method::Words => false,
                Method::Tags => kind == TokenKind::Term,
                Method::Instructions => true,
            };
            if left_to_engine {
                let forms = match (kind, term) {
                    (TokenKind::Term, Some(t)) => self.glossary.terms[t]
                        .forms
                        .get(&self.target)
                        .cloned()
                        .unwrap_or_default(),
                    _ => vec![restore.clone()],
                };
                expected.push(Expect {
                    kind,
                    source: source[range.clone()].to_string(),
                    forms,
                    term,
                });
                continue;
            }
            text.push_str(&plain(&source[at..range.start]));
            let n = tokens.len();
            let k = match method {
                Method::Tags => format!(
                    "<x id=\"{n}\">{}</x>",
                    quick_xml::escape::escape(restore.as_str())
                ),
                _ => key(n),
            };
            text.push_str(&k);
            tokens.push(Token {
                key: k,
                restore,
                kind,
            });
            at = range.end;
        }
        text.push_str(&plain(&source[at..]));
        Protected {
            text: mark_tags(text, &pairs, method),
            tokens,
            expected,
            method,
            pairs,
        }
    }

    /// Verifies an engine's output for `p` (protected from `source`) and restores it.
    pub fn restore(&self, source: &str, p: &Protected, output: &str) -> Result<String, Rejection> {
        let output = output.trim();
        if output.is_empty() {
            return Err(Rejection::Empty);
        }
        if output == p.text.trim() || output == source.trim() {
            return Err(Rejection::Echo);
        }
        // Only rule-based engines leave marks; elsewhere `#` is a hashtag.
        for word in output
            .split_whitespace()
            .filter(|_| p.method == Method::Words)
        {
            let w = skip_keys(word).trim_start_matches(|c: char| "([«“\"¿¡".contains(c));
            if let Some(rest) = w.strip_prefix(['*', '#', '@']) {
                if rest.chars().next().is_some_and(char::is_alphanumeric) {
                    return Err(Rejection::EngineMark(word.to_string()));
                }
            }
        }
        for ph in placeholders(source) {
            if output.matches(ph).count() != source.matches(ph).count() {
                return Err(Rejection::Placeholder(ph.to_string()));
            }
        }
        // Tags come back as elements the engine may have rewritten (`<x id="0"></x>` for
        // `<x id="0"/>`): each is found by its opening and closing tag and turned back into
        // a word token, then the XML text is unescaped.
        let mut work = output.to_string();
        if p.method == Method::Tags {
            work = untag_marks(work, &p.pairs);
            for (n, t) in p.tokens.iter().enumerate() {
                let open = format!("<x id=\"{n}\">");
                let count = work.matches(open.as_str()).count();
                if count == 0 {
                    return Err(Rejection::TokenLost(t.key.clone()));
                }
                if count > 1 {
                    return Err(Rejection::TokenRepeated(t.key.clone()));
                }
                let start = work.find(open.as_str()).expect("counted");
                let Some(len) = work[start..].find("</x>") else {
                    return Err(Rejection::TokenLost(t.key.clone()));
                };
                work.replace_range(start..start + len + "</x>".len(), &key(n));
            }
            work = quick_xml::escape::unescape(&work)
                .map(|c| c.into_owned())
                .unwrap_or(work);
        }
        let keys: Vec<String> = match p.method {
            Method::Tags => (0..p.tokens.len()).map(key).collect(),
            _ => p.tokens.iter().map(|t| t.key.clone()).collect(),
        };
        if p.method != Method::Tags {
            for k in &keys {
                match work.matches(k.as_str()).count() {
                    0 => return Err(Rejection::TokenLost(k.clone())),
                    1 => {}
                    _ => return Err(Rejection::TokenRepeated(k.clone())),
                }
            }
        }
        // Longer keys first, so PZX1Q never matches inside PZX11Q.
        let mut order: Vec<(&String, &Token)> = keys.iter().zip(&p.tokens).collect();
        order.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        for (k, t) in order {
            work = work.replacen(k.as_str(), &t.restore, 1);
        }
        let work = restore_marks(source, &work, p)?;
        let result = typography(&work, self.target, self.style);
        self.verify_expected(&result, p)?;
        Ok(result)
    }

    /// What the engine was trusted with must be in the result: each name verbatim, a form of
    /// each term as many times as the source had it, each quote's wording.
    fn verify_expected(&self, result: &str, p: &Protected) -> Result<(), Rejection> {
        if p.expected.is_empty() {
            return Ok(());
        }
        let candidates = self.target_matcher.candidates(result);
        let folded = quotes::fold(result);
        let mut needed: std::collections::HashMap<usize, usize> = Default::default();
        for e in &p.expected {
            if let Some(t) = e.term.filter(|_| e.kind == TokenKind::Term) {
                *needed.entry(t).or_insert(0) += 1;
            }
        }
        for e in &p.expected {
            let ok = match e.kind {
                TokenKind::Name => e.forms.iter().any(|f| result.contains(f.as_str())),
                TokenKind::Quote => e.forms.iter().any(|f| folded.contains(&quotes::fold(f))),
                TokenKind::Term => {
                    let t = e.term.unwrap_or(usize::MAX);
                    let found = candidates
                        .iter()
                        .filter(|c| c.term == t && !c.forbidden)
                        .count();
                    found >= needed.get(&t).copied().unwrap_or(1)
                }
            };
            if !ok {
                return Err(Rejection::Missing(format!(
                    "{} ({})",
                    e.source,
                    e.forms.join(" / ")
                )));
            }
        }
        Ok(())
    }
}

/// The `{n}` placeholders of a text, each once.
fn placeholders(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for ph in markup::placeholder_tokens(text) {
        if !out.contains(&ph) {
            out.push(ph);
        }
    }
    out
}

/// The key an engine sees for the opening (`⟦(n(⟧`) or closing (`⟦)n)⟧`) mark of the `n`th
/// emphasis pair under [`Method::Words`]. Apertium reads the brackets as blanks, the
/// parentheses as punctuation that no transfer rule moves a word across, and the number
/// fenced between them as a word that tells the pairs apart and that no rule can take into a
/// phrase: the marks stay around the translation of the words they enclosed, which are
/// translated (and reordered) among themselves. The price
/// is that a phrase cut by a mark is not reordered across it (`the *new* program`:
/// «el *nuevo* programa», not «el programa *nuevo*»). Tried with the real engine on the
/// sample article: blanks alone (`|`, `*`) let Apertium reorder the words and leave the
/// marks where they were, around the wrong words; a number alone (`⟦0⟧`) is taken into a
/// noun phrase and moved by the genitive rule (`*respects Mexico's leadership*`, and
/// `*support that* respects Mexico's leadership` for a number on one side of a parenthesis
/// only). Apertium may still repeat an article after a closing key («el *nuevo* el
/// programa»): a reviewer's fix, not emphasis around the wrong words.
fn mark_key(n: usize, close: bool) -> String {
    if close {
        format!("⟦){n})⟧")
    } else {
        format!("⟦({n}(⟧")
    }
}

/// `source` with its emphasis marks replaced by keys (none for [`Method::Instructions`]: a
/// chat model reads Markdown and is verified afterwards), and the pairs.
fn mark_emphasis(source: &str, method: Method) -> (String, Vec<Pair>) {
    let found = markup::emphasis(source);
    let mut pairs = Vec::with_capacity(found.len());
    let mut cuts: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (n, e) in found.iter().enumerate() {
        let marks = (
            source[e.open.clone()].to_string(),
            source[e.close.clone()].to_string(),
        );
        let keys = match method {
            Method::Instructions => marks.clone(),
            _ => (mark_key(n, false), mark_key(n, true)),
        };
        if method != Method::Instructions {
            cuts.push((e.open.clone(), keys.0.clone()));
            cuts.push((e.close.clone(), keys.1.clone()));
        }
        pairs.push(Pair {
            stress: e.stress,
            marks,
            keys,
        });
    }
    if cuts.is_empty() {
        return (source.to_string(), pairs);
    }
    cuts.sort_by_key(|(r, _)| r.start);
    let mut text = String::with_capacity(source.len() + 8 * cuts.len());
    let mut at = 0;
    for (r, key) in cuts {
        text.push_str(&source[at..r.start]);
        text.push_str(&key);
        at = r.end;
    }
    text.push_str(&source[at..]);
    (text, pairs)
}

/// For [`Method::Tags`]: the keys become elements (`<m0>words</m0>`) DeepL translates inside
/// and moves with their words.
fn mark_tags(text: String, pairs: &[Pair], method: Method) -> String {
    if method != Method::Tags || pairs.is_empty() {
        return text;
    }
    let mut text = text;
    for n in 0..pairs.len() {
        text = text
            .replacen(&mark_key(n, false), &format!("<m{n}>"), 1)
            .replacen(&mark_key(n, true), &format!("</m{n}>"), 1);
    }
    text
}

/// For [`Method::Tags`]: DeepL's elements back into keys, before the text is unescaped. An
/// element it emptied (`<m0/>`) is left as is and found lost.
fn untag_marks(mut work: String, pairs: &[Pair]) -> String {
    for n in 0..pairs.len() {
        work = work
            .replace(&format!("<m{n}>"), &mark_key(n, false))
            .replace(&format!("</m{n}>"), &mark_key(n, true));
    }
    work
}

/// `text` without the spaces an engine put inside a key (Apertium moved a blank next to an
/// article it generated into `⟦)1) ⟧`: the digit is a word to it, the brackets blanks). Only
/// what is a key once its spaces are gone is touched: a writer's own `⟦ x ⟧` stays as is.
fn tidy_keys(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('⟦') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '⟦'.len_utf8()..];
        let Some(end) = after.find('⟧') else {
            rest = &rest[start..];
            break;
        };
        let inner: String = after[..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let is_key = inner
            .strip_prefix('(')
            .and_then(|i| i.strip_suffix('('))
            .or_else(|| inner.strip_prefix(')').and_then(|i| i.strip_suffix(')')))
            .is_some_and(digits);
        if is_key {
            out.push('⟦');
            out.push_str(&inner);
            out.push('⟧');
        } else {
            out.push_str(&rest[start..start + '⟦'.len_utf8() + end + '⟧'.len_utf8()]);
        }
        rest = &after[end + '⟧'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// A word without the keys it starts with (`⟦(0(⟧*palabra` → `*palabra`).
fn skip_keys(word: &str) -> &str {
    let mut w = word;
    while let Some(rest) = w.strip_prefix('⟦') {
        match rest.find('⟧') {
            Some(e) => w = &rest[e + '⟧'.len_utf8()..],
            None => break,
        }
    }
    w
}

/// Puts the emphasis marks of `p` back into an engine's output and verifies them: each key
/// once, each pair opened before it closes and not crossing another, around words; the
/// result holds as much emphasis and strong as the source and no `*` or `_` the source lacks.
fn restore_marks(source: &str, work: &str, p: &Protected) -> Result<String, Rejection> {
    let shown = |pair: &Pair| format!("{}…{}", pair.marks.0, pair.marks.1);
    let mut out = work.to_string();
    if p.method == Method::Words {
        out = tidy_keys(&out);
    }
    if p.method != Method::Instructions {
        let mut at: Vec<(usize, usize)> = Vec::with_capacity(p.pairs.len());
        for pair in &p.pairs {
            let (open, close) = (&pair.keys.0, &pair.keys.1);
            if out.matches(open.as_str()).count() != 1 {
                return Err(Rejection::MarkLost(pair.marks.0.clone()));
            }
            if out.matches(close.as_str()).count() != 1 {
                return Err(Rejection::MarkLost(pair.marks.1.clone()));
            }
            let (o, c) = (
                out.find(open.as_str()).expect("counted"),
                out.find(close.as_str()).expect("counted"),
            );
            if c < o {
                return Err(Rejection::MarkOrder(shown(pair)));
            }
            at.push((o, c));
        }
        for (i, &(o1, c1)) in at.iter().enumerate() {
            for (j, &(o2, c2)) in at.iter().enumerate() {
                if i != j && o1 < o2 && o2 < c1 && c1 < c2 {
                    return Err(Rejection::MarkOrder(shown(&p.pairs[j])));
                }
            }
        }
        // Spaces an engine put inside a mark move outside it: `* palabra*` is no emphasis.
        // Inner pairs first (they open later), so a space goes out through every mark.
        for pair in p.pairs.iter().rev() {
            let (open, close) = (&pair.keys.0, &pair.keys.1);
            let o = out.find(open.as_str()).expect("counted") + open.len();
            let c = out.find(close.as_str()).expect("counted");
            let inner = &out[o..c];
            let without_keys: String = {
                let mut t = inner.to_string();
                for q in &p.pairs {
                    t = t.replace(&q.keys.0, "").replace(&q.keys.1, "");
                }
                t
            };
            if !without_keys.chars().any(char::is_alphanumeric) {
                return Err(Rejection::MarkEmpty(shown(pair)));
            }
            let lead = inner.len() - inner.trim_start().len();
            let trail = inner.len() - inner.trim_end().len();
            let trimmed = inner.trim().to_string();
            let spaced = format!(
                "{}{open}{trimmed}{close}{}",
                &inner[..lead],
                &inner[inner.len() - trail..]
            );
            out.replace_range(o - open.len()..c + close.len(), &spaced);
        }
        for pair in &p.pairs {
            out = out
                .replacen(pair.keys.0.as_str(), &pair.marks.0, 1)
                .replacen(pair.keys.1.as_str(), &pair.marks.1, 1);
        }
    }
    // What a reader sees: as many emphasis and strong spans as the source, each around words,
    // and no mark left alone.
    let count = |t: &str, s: Stress| markup::emphasis(t).iter().filter(|e| e.stress == s).count();
    for stress in [Stress::Emphasis, Stress::Strong] {
        let (have, want) = (
            count(&out, stress),
            p.pairs.iter().filter(|q| q.stress == stress).count(),
        );
        if have != want {
            let mark = if stress == Stress::Strong {
                "**…**"
            } else {
                "*…*"
            };
            // Fewer: the engine dropped or broke a pair; more: it made one up.
            return Err(if have < want {
                Rejection::MarkLost(mark.to_string())
            } else {
                Rejection::MarkStray(mark.to_string())
            });
        }
    }
    for e in markup::emphasis(&out) {
        if !out[e.inner()].chars().any(char::is_alphanumeric) {
            return Err(Rejection::MarkEmpty(format!(
                "{}…{}",
                &out[e.open.clone()],
                &out[e.close.clone()]
            )));
        }
    }
    if markup::stray_marks(&out).len() > markup::stray_marks(source).len() {
        let r = markup::stray_marks(&out)[0].clone();
        return Err(Rejection::MarkStray(out[r].to_string()));
    }
    Ok(out)
}

/// The target language's typography on an engine's output: quotation marks per style,
/// Spanish punctuation after the closing mark, single spaces.
pub fn typography(text: &str, target: Lang, style: QuoteStyle) -> String {
    let mut out = String::with_capacity(text.len());
    // Runs of spaces (engines leave doubles where they dropped a word) become one.
    let mut last_space = false;
    for c in text.chars() {
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    }
    let out = out.replace(" ,", ",").replace(" .", ".");
    if target != Lang::Es {
        return out;
    }
    let scan = quotes::scan(&out, Marks::Quotation);
    let (open0, close0, open1, close1) = match style {
        QuoteStyle::Angular => ('«', '»', '“', '”'),
        QuoteStyle::Curly => ('“', '”', '‘', '’'),
    };
    let mut chars: Vec<(usize, String)> = Vec::new();
    for p in &scan.pairs {
        let (o, c) = if p.level == 0 {
            (open0, close0)
        } else {
            (open1, close1)
        };
        chars.push((p.open.start, o.to_string()));
        chars.push((p.close.start, c.to_string()));
    }
    let mut fixed = String::with_capacity(out.len());
    let mut at = 0;
    chars.sort_by_key(|(i, _)| *i);
    for (i, repl) in &chars {
        fixed.push_str(&out[at..*i]);
        fixed.push_str(repl);
        at = i + out[*i..].chars().next().map_or(1, char::len_utf8);
    }
    fixed.push_str(&out[at..]);
    // «…,» → «…», and «….» → «…». (English puts them inside; Spanish after.)
    let scan = quotes::scan(&fixed, Marks::Quotation);
    let mut moves: Vec<(usize, char, usize)> = Vec::new();
    for p in &scan.pairs {
        let inner = &fixed[p.inner()];
        if let Some(last) = inner.chars().next_back().filter(|c| *c == ',' || *c == '.') {
            if inner[..inner.len() - 1].ends_with('.') {
                continue;
            }
            moves.push((p.close.start - 1, last, p.close.end));
        }
    }
    let mut result = String::with_capacity(fixed.len());
    let mut at = 0;
    for (punct_at, punct, close_end) in moves {
        result.push_str(&fixed[at..punct_at]);
        result.push_str(&fixed[punct_at + 1..close_end]);
        let after = fixed[close_end..].chars().next();
        if !matches!(after, Some('.' | ',' | ';' | ':')) {
            result.push(punct);
        }
        at = close_end;
    }
    result.push_str(&fixed[at..]);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        crate::glossary::seed()
    }

    /// A glossary whose lists do not pair up: three Spanish forms for two English ones, one
    /// forbidden form for three accepted ones.
    fn uneven() -> Glossary {
        let mut g = Glossary::default();
        let problems = g.add_file(
            "t.toml",
            r#"
[[term]]
id = "drone-strike"
en = ["drone strike", "drone strikes"]
es = ["ataque con drones", "ataques con drones", "bombardeo con drones"]
forbidden = { es = ["ataques de drones"] }

[[term]]
id = "cartel"
en = ["cartel", "cartels"]
es = ["cártel", "cárteles"]
forbidden = { es = ["cartel", "carteles"] }
"#,
        );
        assert!(problems.is_empty(), "{problems:?}");
        g
    }

    /// What each of the three places picks for a source occurrence (protection, the DeepL
    /// glossary) and for the forbidden form a translator wrote in its place (check's fix).
    fn three_picks(g: &Glossary, source: &str, forbidden_target: &str) -> [String; 3] {
        let p = Protector::new(g, Lang::En, Lang::Es, QuoteStyle::Angular);
        let prot = p.protect(source);
        let protected = prot.tokens[0].restore.clone();
        let form = source.to_lowercase();
        let deepl = g
            .engine_pairs(Lang::En, Lang::Es)
            .into_iter()
            .find(|(f, _)| *f == form)
            .map(|(_, t)| t)
            .unwrap_or_default();
        let checker = crate::check::Checker::new(g, Lang::En, Lang::Es, Default::default());
        let unit = crate::workfile::Unit {
            id: "p.1".into(),
            source: source.into(),
            target: forbidden_target.into(),
            state: crate::workfile::State::Translated,
            line: 1,
            comments: Vec::new(),
        };
        let fix = checker
            .check_unit(&unit)
            .into_iter()
            .find(|f| f.message.id == "check-forbidden-term")
            .and_then(|f| {
                f.message.args.into_iter().find_map(|(k, v)| match v {
                    crate::check::Arg::Text(t) if k == "fix" => Some(t),
                    _ => None,
                })
            })
            .unwrap_or_default();
        [protected, deepl, fix]
    }

    #[test]
    fn protection_deepl_and_check_pick_the_same_target_form() {
        let g = uneven();
        // A plural source takes the plural form although the lists do not pair up. Before the
        // one rule, DeepL got «ataque con drones» (the first form) and the check's fix listed
        // all three forms.
        assert_eq!(
            three_picks(&g, "drone strikes", "ataques de drones"),
            ["ataques con drones"; 3]
        );
        assert_eq!(
            three_picks(&g, "drone strike", "ataques de drones")[..2],
            ["ataque con drones", "ataque con drones"]
        );
        // A capitalized source (a sentence start) starts the target form with a capital.
        // Before, protection restored «cárteles» and the fix said «cárteles». The DeepL
        // glossary pairs the listed forms, and «cartels» is listed in lower case.
        assert_eq!(
            three_picks(&g, "Cartels", "Carteles"),
            ["Cárteles", "cárteles", "Cárteles"]
        );
        // The one function itself, for the forbidden form of several allowed ones.
        let t = &g.terms[0];
        assert_eq!(
            t.target_form(Lang::Es, "ataques de drones", "Ataques de drones", Lang::Es)
                .as_deref(),
            Some("Ataques con drones")
        );
    }

    #[test]
    fn names_terms_and_quotes_become_tokens_and_come_back() {
        let g = glossary();
        let p = Protector::new(&g, Lang::En, Lang::Es, QuoteStyle::Angular);
        let src = "Trump weighs drone strikes on the cartels; Sheinbaum said “Mexico coordinates, collaborates, but does not subordinate,” again.";
        let prot = p.protect(src);
        assert_eq!(
            prot.text,
            "PZX0Q weighs PZX1Q on the PZX2Q; PZX3Q said “PZX4Q,” again."
        );
        let restores: Vec<&str> = prot.tokens.iter().map(|t| t.restore.as_str()).collect();
        assert_eq!(
            restores,
            [
                "Trump",
                "ataques con drones",
                "cárteles",
                "Sheinbaum",
                "Nos coordinamos, colaboramos, pero no nos subordinamos"
            ]
        );
        let out = p
            .restore(
                src,
                &prot,
                "PZX0Q pesa PZX1Q en los PZX2Q;  PZX3Q dijo “PZX4Q,” otra vez.",
            )
            .unwrap();
        assert_eq!(
            out,
            "Trump pesa ataques con drones en los cárteles; Sheinbaum dijo «Nos coordinamos, colaboramos, pero no nos subordinamos», otra vez."
        );
    }

    #[test]
    fn tags_leave_terms_to_the_engine_and_verify_them() {
        let g = glossary();
        let p = Protector::new(&g, Lang::En, Lang::Es, QuoteStyle::Angular);
        let src = "Trump & the cartels: “hugs not bullets”.";
        let prot = p.protect_with(src, Method::Tags);
        assert_eq!(
            prot.text,
            "<x id=\"0\">Trump</x> &amp; the cartels: “<x id=\"1\">abrazos, no balazos</x>”."
        );
        assert_eq!(prot.expected.len(), 1);
        assert_eq!(prot.expected[0].forms, ["cártel", "cárteles"]);
        let out = p
            .restore(
                src,
                &prot,
                "<x id=\"0\">Trump</x> &amp; los cárteles: “<x id=\"1\">abrazos, no balazos</x>”.",
            )
            .unwrap();
        assert_eq!(out, "Trump & los cárteles: «abrazos, no balazos».");
        assert_eq!(
            p.restore(
                src,
                &prot,
                "<x id=\"0\">Trump</x> &amp; los carteles: “<x id=\"1\">abrazos, no balazos</x>”."
            ),
            Err(Rejection::Missing("cartels (cártel / cárteles)".into()))
        );
        assert_eq!(
            p.restore(
                src,
                &prot,
                "Trump y los cárteles: “<x id=\"1\">abrazos, no balazos</x>”."
            ),
            Err(Rejection::TokenLost("<x id=\"0\">Trump</x>".into()))
        );
    }

    #[test]
    fn instructions_are_verified_afterwards() {
        let g = glossary();
        let p = Protector::new(&g, Lang::En, Lang::Es, QuoteStyle::Angular);
        let src = "López Obrador defended “hugs not bullets” against the cartels.";
        let prot = p.protect_with(src, Method::Instructions);
        assert_eq!(prot.text, src);
        assert!(p
            .restore(
                src,
                &prot,
                "López Obrador defendió «abrazos, no balazos» frente a los cárteles."
            )
            .is_ok());
        assert_eq!(
            p.restore(
                src,
                &prot,
                "Lopez Obrador defendió «abrazos, no balazos» frente a los cárteles."
            ),
            Err(Rejection::Missing("López Obrador (López Obrador)".into()))
        );
        assert_eq!(
            p.restore(
                src,
                &prot,
                "López Obrador defendió «abrazos y no balas» frente a los cárteles."
            ),
            Err(Rejection::Missing(
                "hugs not bullets (abrazos, no balazos)".into()
            ))
        );
    }

    #[test]
    fn emphasis_travels_as_keys_apertium_keeps_and_comes_back() {
        let g = glossary();
        let p = Protector::new(&g, Lang::En, Lang::Es, QuoteStyle::Angular);
        let src = "The *new* program and ***Trump's* drone strikes** grew.";
        let prot = p.protect(src);
        assert_eq!(
            prot.text,
            "The ⟦(0(⟧new⟦)0)⟧ program and ⟦(1(⟧⟦(2(⟧PZX0Q's⟦)2)⟧ PZX1Q⟦)1)⟧ grew."
        );
        // Shaped like what apertium -u eng-spa answers for it (the marks stay around their
        // words), with a space an engine left inside a mark.
        let out = p
            .restore(
                src,
                &prot,
                "El ⟦(0(⟧ nuevo⟦)0)⟧ programa y ⟦(1(⟧⟦(2(⟧PZX0Q⟦)2)⟧ PZX1Q⟦)1)⟧ creció.",
            )
            .unwrap();
        assert_eq!(
            out,
            "El *nuevo* programa y ***Trump* ataques con drones** creció."
        );
        // A space an engine moved inside a key is taken out again (Apertium did so after the
        // article it generated, with keys of an earlier shape).
        let src = "Another potential ***flashpoint is the*** Trump designation.";
        let prot = p.protect(src);
        assert_eq!(
            prot.text,
            "Another potential ⟦(0(⟧⟦(1(⟧flashpoint is the⟦)1)⟧⟦)0)⟧ PZX0Q designation."
        );
        assert_eq!(
            p.restore(
                src,
                &prot,
                "Otro potencial ⟦(0(⟧⟦(1(⟧punto de inflamación es el⟦)1) ⟧⟦)0)⟧ PZX0Q señalamiento."
            )
            .unwrap(),
            "Otro potencial ***punto de inflamación es el*** Trump señalamiento."
        );
        // A space inside nested marks (real output for "***she has stressed***", the pronoun
        // dropped) goes out through both.
        let src = "In press statements, ***she has stressed*** that.";
        let prot = p.protect(src);
        assert_eq!(
            p.restore(
                src,
                &prot,
                "En declaraciones de prensa, ⟦(0(⟧⟦(1(⟧ ha acentuado⟦)1)⟧⟦)0)⟧ que."
            )
            .unwrap(),
            "En declaraciones de prensa, ***ha acentuado*** que."
        );
        assert_eq!(tidy_keys("a ⟦ x ⟧ b ⟦)1 ) ⟧ ⟦"), "a ⟦ x ⟧ b ⟦)1)⟧ ⟦");
        // Underscores come back as underscores; no engine mark is seen in a restored pair.
        let src = "A __firm__ _no_.";
        let prot = p.protect(src);
        assert_eq!(
            p.restore(src, &prot, "Un ⟦(0(⟧firme⟦)0)⟧ ⟦(1(⟧no⟦)1)⟧.")
                .unwrap(),
            "Un __firme__ _no_."
        );
        // Apertium's own marks are still rejected, even right after a key.
        assert_eq!(
            p.restore(src, &prot, "Un ⟦(0(⟧*firm⟦)0)⟧ ⟦(1(⟧no⟦)1)⟧."),
            Err(Rejection::EngineMark("⟦(0(⟧*firm⟦)0)⟧".into()))
        );
    }

    #[test]
    fn emphasis_that_does_not_come_back_whole_is_rejected() {
        let g = glossary();
        let p = Protector::new(&g, Lang::En, Lang::Es, QuoteStyle::Angular);
        let src = "The *new* program and **the old one** grew.";
        let prot = p.protect(src);
        let r = |out: &str| p.restore(src, &prot, out);
        assert_eq!(
            r("El nuevo⟦)0)⟧ programa y ⟦(1(⟧el viejo⟦)1)⟧ creció."),
            Err(Rejection::MarkLost("*".into()))
        );
        assert_eq!(
            r("El ⟦(0(⟧nuevo⟦)0)⟧ programa y ⟦(1(⟧el⟦(1(⟧ viejo⟦)1)⟧ creció."),
            Err(Rejection::MarkLost("**".into()))
        );
        assert_eq!(
            r("El ⟦)0)⟧nuevo⟦(0(⟧ programa y ⟦(1(⟧el viejo⟦)1)⟧ creció."),
            Err(Rejection::MarkOrder("*…*".into()))
        );
        assert_eq!(
            r("El ⟦(0(⟧nuevo ⟦(1(⟧programa⟦)0)⟧ y el viejo⟦)1)⟧ creció."),
            Err(Rejection::MarkOrder("**…**".into()))
        );
        assert_eq!(
            r("El ⟦(0(⟧ ⟦)0)⟧ programa y ⟦(1(⟧el viejo⟦)1)⟧ creció."),
            Err(Rejection::MarkEmpty("*…*".into()))
        );
        assert_eq!(
            r("El ⟦(0(⟧nuevo⟦)0)⟧ programa y ⟦(1(⟧el viejo⟦)1)⟧ creció * mucho."),
            Err(Rejection::MarkStray("*".into()))
        );
        assert_eq!(
            r("El ⟦(0(⟧nuevo⟦)0)⟧ programa y ⟦(1(⟧el viejo⟦)1)⟧ creció _."),
            Err(Rejection::MarkStray("_".into()))
        );
        assert!(r("El ⟦(0(⟧nuevo⟦)0)⟧ programa y ⟦(1(⟧el viejo⟦)1)⟧ creció.").is_ok());
    }

    #[test]
    fn emphasis_travels_as_elements_for_deepl_and_as_is_for_chat() {
        let g = glossary();
        let p = Protector::new(&g, Lang::En, Lang::Es, QuoteStyle::Angular);
        let src = "Trump & the *new* program.";
        let prot = p.protect_with(src, Method::Tags);
        assert_eq!(
            prot.text,
            "<x id=\"0\">Trump</x> &amp; the <m0>new</m0> program."
        );
        // DeepL moves the element with its word.
        assert_eq!(
            p.restore(
                src,
                &prot,
                "<x id=\"0\">Trump</x> &amp; el programa <m0>nuevo</m0>."
            )
            .unwrap(),
            "Trump & el programa *nuevo*."
        );
        assert_eq!(
            p.restore(
                src,
                &prot,
                "<x id=\"0\">Trump</x> &amp; el programa <m0/>nuevo."
            ),
            Err(Rejection::MarkLost("*".into()))
        );
        let prot = p.protect_with(src, Method::Instructions);
        assert_eq!(prot.text, src);
        assert_eq!(
            p.restore(src, &prot, "Trump & el programa *nuevo*.")
                .unwrap(),
            "Trump & el programa *nuevo*."
        );
        assert_eq!(
            p.restore(src, &prot, "Trump & el programa nuevo."),
            Err(Rejection::MarkLost("*…*".into()))
        );
        assert_eq!(
            p.restore(src, &prot, "Trump & el *programa nuevo."),
            Err(Rejection::MarkLost("*…*".into()))
        );
        assert_eq!(
            p.restore(src, &prot, "Trump & el *programa* *nuevo*."),
            Err(Rejection::MarkStray("*…*".into()))
        );
    }

    #[test]
    fn bad_output_is_rejected_with_a_reason() {
        let g = glossary();
        let p = Protector::new(&g, Lang::En, Lang::Es, QuoteStyle::Angular);
        let src = "Trump spoke about sovereignty.";
        let prot = p.protect(src);
        assert_eq!(p.restore(src, &prot, "  "), Err(Rejection::Empty));
        assert_eq!(p.restore(src, &prot, &prot.text), Err(Rejection::Echo));
        assert_eq!(
            p.restore(src, &prot, "Triunfo habló de PZX1Q."),
            Err(Rejection::TokenLost("PZX0Q".into()))
        );
        assert_eq!(
            p.restore(src, &prot, "PZX0Q habló de PZX1Q y PZX1Q."),
            Err(Rejection::TokenRepeated("PZX1Q".into()))
        );
        assert_eq!(
            p.restore(src, &prot, "PZX0Q *spoke de PZX1Q."),
            Err(Rejection::EngineMark("*spoke".into()))
        );
        let src = "See [the report]({1}) now.";
        let prot = p.protect(src);
        assert_eq!(
            p.restore(src, &prot, "Vea [el informe]() ya."),
            Err(Rejection::Placeholder("{1}".into()))
        );
        assert_eq!(
            p.restore(src, &prot, "Vea [el informe]({1}) ya.").unwrap(),
            "Vea [el informe]({1}) ya."
        );
    }
}
