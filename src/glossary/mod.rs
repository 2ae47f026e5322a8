//! The glossary and the quote register: TOML files in the project's `glossary/` folder,
//! edited by hand in git.
//!
//! A `[[term]]` fixes the forms of a concept in English and Spanish (inflections written out),
//! the forms that must not appear, and how case is compared; a `name` is never translated. A
//! `[[quote]]` fixes the wording of a quote: the original words in the language they were said
//! in, the approved renderings in the other, and variants reported elsewhere that it is
//! recognised by. Loading is pure (text in, model out) and keeps
//! the line of every entry for messages. Linting is in [`lint`].
//!
//! The glossary is also the one home of two decisions every stage must take the same way:
//! which target form a term takes for a source form ([`Term::target_form`], used by machine
//! translation's protection and the DeepL glossary through [`Glossary::engine_pairs`]), which
//! form replaces a forbidden one, when one unambiguously does ([`Term::fix_for`], used by
//! check's fix and by machine translation's repair of an engine's output,
//! [`Glossary::repair_forbidden`]), and the quote register for one direction
//! ([`register::Register`], used by protection and the `quote-fidelity` check). Never touches
//! files, the network, the terminal or the environment.

pub mod interchange;
pub mod lint;
pub mod matcher;
pub mod register;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::text::LineIndex;

/// What an entry is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A term with a fixed translation.
    #[default]
    Term,
    /// A name: never translated, identical in both languages.
    Name,
}

/// How case is compared when matching forms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Case {
    /// Any case.
    #[default]
    Insensitive,
    /// Exactly as written.
    Sensitive,
    /// As written, except that the first letter may change case (sentence starts).
    FirstLetter,
}

/// One glossary entry.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Term {
    /// Stable id.
    pub id: String,
    /// Term or name.
    pub kind: Kind,
    /// Case handling.
    pub case: Case,
    /// Accepted forms per language.
    pub forms: BTreeMap<Lang, Vec<String>>,
    /// Forbidden forms per language.
    pub forbidden: BTreeMap<Lang, Vec<String>>,
    /// Note for translators.
    pub note: Option<String>,
    /// Where it is written.
    pub at: Location,
}

/// One quote of the register.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Quote {
    /// Stable id.
    pub id: String,
    /// Who said it.
    pub speaker: String,
    /// The language the words were said in.
    pub said_in: Lang,
    /// The words as said (reported variants).
    pub original: Vec<String>,
    /// Approved renderings in the other language.
    pub renderings: Vec<String>,
    /// Wordings reported elsewhere, per language (`variants = { en = [...], es = [...] }`):
    /// a quote is recognised by them, in a source or in a translation, but they are never the
    /// wording puente prints. One in the language the quote was said in is the speaker's
    /// words as another outlet reported them, so a translation may print it; one in the
    /// other language is someone else's translation, so a translation prints an approved
    /// rendering instead.
    pub variants: BTreeMap<Lang, Vec<String>>,
    /// Where the wording comes from.
    pub source: Option<String>,
    /// Where it is written.
    pub at: Location,
}

/// Whether a form reads as plural: its head word ends in -s (English heads come last, "drone
/// strikes"; Spanish heads come first, «ataques con drones»).
fn reads_plural(form: &str, lang: Lang) -> bool {
    let mut words = form.split_whitespace();
    let head = match lang {
        Lang::En => words.next_back(),
        Lang::Es => words.next(),
    };
    head.is_some_and(|w| {
        w.trim_end_matches(|c: char| !c.is_alphabetic())
            .ends_with(['s', 'S'])
    })
}

impl Term {
    /// Which `to` form to write for `form`, a form of this term written in `from`, found in a
    /// text as `occurrence`. The one rule, for machine-translation protection, the DeepL
    /// glossary and the fix `check` suggests for a forbidden form:
    /// 1. a name keeps the occurrence as written;
    /// 2. `form` is looked up among the accepted forms of `from`, then among its forbidden
    ///    forms (a forbidden form is fixed in its own language: `from` = `to`);
    /// 3. when that list and the `to` forms have the same length, they pair up by position
    ///    (cartel, cartels → cártel, cárteles; the forbidden carteles → cárteles);
    /// 4. otherwise number agrees: a plural `form` takes the first plural `to` form, a singular
    ///    one the first singular form (drone strikes → ataques con drones when the Spanish list
    ///    also holds «bombardeo con drones»), and failing that the first `to` form;
    /// 5. an occurrence that starts with a capital (a sentence start, a headline) starts the
    ///    result with one, unless the term's case is `sensitive`.
    ///
    /// `None` when the term has no form in `to`.
    pub fn target_form(
        &self,
        from: Lang,
        form: &str,
        occurrence: &str,
        to: Lang,
    ) -> Option<String> {
        if self.kind == Kind::Name {
            return Some(occurrence.to_string());
        }
        let targets = self.forms.get(&to).filter(|t| !t.is_empty())?;
        let listed = |lists: &BTreeMap<Lang, Vec<String>>| {
            lists.get(&from).and_then(|l| {
                let i = l.iter().position(|f| f == form).or_else(|| {
                    l.iter()
                        .position(|f| f.to_lowercase() == form.to_lowercase())
                })?;
                Some((l.len(), i))
            })
        };
        let position = listed(&self.forms).or_else(|| listed(&self.forbidden));
        let chosen = match position {
            Some((len, i)) if len == targets.len() => &targets[i],
            _ => {
                let plural = reads_plural(form, from);
                targets
                    .iter()
                    .find(|t| reads_plural(t, to) == plural)
                    .unwrap_or(&targets[0])
            }
        };
        let capital = occurrence.chars().next().is_some_and(char::is_uppercase);
        let mut chars = chosen.chars();
        match chars.next() {
            Some(first) if capital && first.is_lowercase() && self.case != Case::Sensitive => {
                Some(first.to_uppercase().chain(chars).collect())
            }
            _ => Some(chosen.clone()),
        }
    }
}

/// A form compared as a spelling: lowercase, accents dropped (cartel and Cártel fold alike).
fn spelling(form: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    form.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Term {
    /// The accepted form of `lang` that replaces `forbidden`, a forbidden form of this term
    /// found as `occurrence`, when exactly one does:
    /// 1. when the forbidden list and the accepted forms have the same length, they pair up
    ///    by position (cartel, carteles → cártel, cárteles);
    /// 2. otherwise the forbidden form must be a spelling of exactly one accepted form (case
    ///    and accents aside);
    /// 3. an occurrence that starts with a capital starts the fix with one, as in
    ///    [`Term::target_form`].
    ///
    /// `None` when no single form replaces it («huelga» for a drone strike could be «ataque»
    /// or «ataques con drones», whatever the sentence says): a person decides. A name's
    /// forbidden forms have no fix here.
    pub fn fix_for(&self, forbidden: &str, occurrence: &str, lang: Lang) -> Option<String> {
        if self.kind == Kind::Name {
            return None;
        }
        let forms = self.forms.get(&lang).filter(|f| !f.is_empty())?;
        let list = self.forbidden.get(&lang)?;
        let at = list.iter().position(|f| f == forbidden).or_else(|| {
            list.iter()
                .position(|f| f.to_lowercase() == forbidden.to_lowercase())
        })?;
        let chosen = if list.len() == forms.len() {
            &forms[at]
        } else {
            let folded = spelling(forbidden);
            let mut alike = forms.iter().filter(|f| spelling(f) == folded);
            match (alike.next(), alike.next()) {
                (Some(one), None) => one,
                _ => return None,
            }
        };
        let capital = occurrence.chars().next().is_some_and(char::is_uppercase);
        let mut chars = chosen.chars();
        match chars.next() {
            Some(first) if capital && first.is_lowercase() && self.case != Case::Sensitive => {
                Some(first.to_uppercase().chain(chars).collect())
            }
            _ => Some(chosen.clone()),
        }
    }
}

/// A forbidden form an engine wrote, and its glossary entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forbidden {
    /// The form as it stands in the text.
    pub form: String,
    /// The entry's id.
    pub entry: String,
    /// What replaced it ([`Term::fix_for`]); `None` when nothing unambiguously does.
    pub fix: Option<String>,
}

/// `fix` in place of `occurrence`, keeping what the writer's words had between them and is
/// not words (`words` is the same span with marks blanked): an emphasis that closes inside
/// the form (`Presidente** Sheinbaum`) stays where it was (`Presidenta** Sheinbaum`). When
/// the fix has another number of words, nothing says where such a mark would go: `None`.
fn keep_markup(occurrence: &str, words: &str, fix: &str) -> Option<String> {
    if occurrence == words {
        return Some(fix.to_string());
    }
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, c) in words
        .char_indices()
        .chain(std::iter::once((words.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                spans.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    let fix_words: Vec<&str> = fix.split_whitespace().collect();
    if spans.len() != fix_words.len() {
        return None;
    }
    let mut out = String::with_capacity(occurrence.len() + fix.len());
    for (i, w) in fix_words.iter().enumerate() {
        out.push_str(w);
        if let Some(next) = spans.get(i + 1) {
            out.push_str(&occurrence[spans[i].end..next.start]);
        }
    }
    Some(out)
}

impl Glossary {
    /// `text` (in `lang`, found with `matcher`, built for this glossary and `lang`) with every
    /// forbidden form of a term replaced by its fix ([`Term::fix_for`]), and the forbidden
    /// forms found. A name's forbidden forms are left to `check`, and URLs, addresses and HTML
    /// tags are not words ([`crate::text::markup::words_only`]). The text is the original
    /// when one of them has no fix: the caller decides what to do with it.
    pub fn repair_forbidden(
        &self,
        matcher: &matcher::Matcher,
        text: &str,
        lang: Lang,
    ) -> (String, Vec<Forbidden>) {
        // Read in the writer's words only, as check reads them: a forbidden form in a link's
        // URL is no word, and replacing it would break the link. Offsets are unchanged.
        let words = crate::text::markup::words_only(text);
        let candidates = matcher.candidates(&words);
        let mut found = Vec::new();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for h in matcher::select(&candidates) {
            let term = &self.terms[h.term];
            if !h.forbidden || term.kind == Kind::Name {
                continue;
            }
            let occurrence = &text[h.span.clone()];
            let fix = term
                .fix_for(h.form, occurrence, lang)
                .and_then(|fix| keep_markup(occurrence, &words[h.span.clone()], &fix));
            out.push_str(&text[at..h.span.start]);
            out.push_str(fix.as_deref().unwrap_or(occurrence));
            at = h.span.end;
            found.push(Forbidden {
                form: occurrence.to_string(),
                entry: term.id.clone(),
                fix,
            });
        }
        out.push_str(&text[at..]);
        if found.iter().any(|f| f.fix.is_none()) {
            return (text.to_string(), found);
        }
        (out, found)
    }

    /// The (source form, target form) pairs a bilingual engine glossary gets (DeepL's):
    /// every accepted source form of every term that is not a name, with its
    /// [`Term::target_form`]. An engine refuses a source form listed twice: the first entry
    /// wins.
    pub fn engine_pairs(&self, source: Lang, target: Lang) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for t in self.terms.iter().filter(|t| t.kind != Kind::Name) {
            let Some(forms) = t.forms.get(&source) else {
                continue;
            };
            for f in forms {
                let Some(to) = t.target_form(source, f, f, target) else {
                    continue;
                };
                if !out.iter().any(|(x, _)| x == f) {
                    out.push((f.clone(), to));
                }
            }
        }
        out
    }
}

/// A place in a glossary file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The file, as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// The whole glossary of a project.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Glossary {
    /// Terms and names, in file order.
    pub terms: Vec<Term>,
    /// The quote register.
    pub quotes: Vec<Quote>,
}

/// A problem found while reading a file: invalid TOML, or a value of the wrong shape. Kept as
/// data so `glossary lint` can report it with the other findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadProblem {
    /// Where.
    pub at: Location,
    /// What, in English (the TOML parser's message or puente's).
    pub kind: LoadProblemKind,
}

/// The kinds of load problems.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadProblemKind {
    /// The file is not valid TOML, or an entry has the wrong shape.
    Toml(String),
    /// A language key puente does not know (`fr = [...]`).
    UnknownLanguage(String),
}

#[derive(Deserialize)]
struct FileDe {
    #[serde(default)]
    term: Vec<toml::Spanned<TermDe>>,
    #[serde(default)]
    quote: Vec<toml::Spanned<QuoteDe>>,
}

#[derive(Deserialize)]
struct TermDe {
    id: String,
    #[serde(default)]
    kind: Kind,
    #[serde(default)]
    case: Case,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    forbidden: BTreeMap<String, Vec<String>>,
    #[serde(flatten)]
    forms: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteDe {
    id: String,
    speaker: String,
    said_in: String,
    original: Vec<String>,
    renderings: Vec<String>,
    #[serde(default)]
    variants: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    source: Option<String>,
}

impl Glossary {
    /// Adds the entries of one file's `text`; `file` names it in locations. Problems are
    /// returned, not raised: a bad file adds nothing and reports where it broke.
    pub fn add_file(&mut self, file: &str, text: &str) -> Vec<LoadProblem> {
        let lines = LineIndex::new(text);
        let at = |offset: usize| {
            let line = lines.line_of(offset);
            let line_start = text[..offset.min(text.len())]
                .rfind('\n')
                .map(|i| i + 1)
                .unwrap_or(0);
            Location {
                file: file.to_string(),
                line,
                column: text[line_start..offset.min(text.len())].chars().count() + 1,
            }
        };
        let parsed: FileDe = match toml::from_str(text) {
            Ok(p) => p,
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                return vec![LoadProblem {
                    at: at(offset),
                    kind: LoadProblemKind::Toml(e.message().to_string()),
                }];
            }
        };
        let mut problems = Vec::new();
        for spanned in parsed.term {
            let location = at(spanned.span().start);
            let t = spanned.into_inner();
            let mut langs = |map: BTreeMap<String, Vec<String>>| {
                let mut out = BTreeMap::new();
                for (key, forms) in map {
                    match key.parse::<Lang>() {
                        Ok(l) if key.len() == 2 => {
                            out.insert(l, forms);
                        }
                        _ => problems.push(LoadProblem {
                            at: location.clone(),
                            kind: LoadProblemKind::UnknownLanguage(key),
                        }),
                    }
                }
                out
            };
            let forms = langs(t.forms);
            let forbidden = langs(t.forbidden);
            self.terms.push(Term {
                id: t.id,
                kind: t.kind,
                case: t.case,
                forms,
                forbidden,
                note: t.note,
                at: location,
            });
        }
        for spanned in parsed.quote {
            let location = at(spanned.span().start);
            let q = spanned.into_inner();
            let Ok(said_in) = q.said_in.parse::<Lang>() else {
                problems.push(LoadProblem {
                    at: location,
                    kind: LoadProblemKind::UnknownLanguage(q.said_in),
                });
                continue;
            };
            let mut variants = BTreeMap::new();
            for (lang, wordings) in q.variants {
                match lang.parse::<Lang>() {
                    Ok(l) => {
                        variants.insert(l, wordings);
                    }
                    Err(_) => problems.push(LoadProblem {
                        at: location.clone(),
                        kind: LoadProblemKind::UnknownLanguage(lang),
                    }),
                }
            }
            self.quotes.push(Quote {
                id: q.id,
                speaker: q.speaker,
                said_in,
                original: q.original,
                renderings: q.renderings,
                variants,
                source: q.source,
                at: location,
            });
        }
        problems
    }
}

/// The project's own seed glossary (`glossary/*.toml`), for the unit tests of every stage.
#[cfg(test)]
pub(crate) fn seed() -> Glossary {
    let mut g = Glossary::default();
    for (name, text) in [
        ("terms.toml", include_str!("../../glossary/terms.toml")),
        ("names.toml", include_str!("../../glossary/names.toml")),
        ("quotes.toml", include_str!("../../glossary/quotes.toml")),
    ] {
        assert!(g.add_file(name, text).is_empty());
    }
    g
}

/// The example entry of the starter glossary `puente init` writes, commented out: the
/// newsroom's own terms replace it.
const STARTER_EXAMPLE: &str = "[[term]]
id = \"sovereignty\"
en = [\"sovereignty\"]
es = [\"soberanía\"]
forbidden = { es = [\"soberania\"] }
";

/// The starter glossary file: what each field means (the comment `head`, worded in the
/// project's language) and one example entry, commented out, so that a new project's glossary
/// lints clean and shows how an entry is written.
pub fn starter(head: &str) -> String {
    let mut out = String::new();
    for line in head
        .lines()
        .chain(std::iter::once(""))
        .chain(STARTER_EXAMPLE.lines())
    {
        out.push_str(if line.is_empty() { "#" } else { "# " });
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;
