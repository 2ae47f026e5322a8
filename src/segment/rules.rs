//! The per-language word lists the segmenter consults, loaded from the data files beside this
//! module (`data/en.txt`, `data/es.txt`), which editors can read and extend.
//!
//! Loading is pure: the files are embedded in the binary at build time.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::lang::Lang;

/// How an abbreviation behaves before a capitalised word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Never ends a sentence (Mr., Sen., Gral., e.g.).
    Title,
    /// Ends a sentence unless a continuation word follows (a.m., etc.).
    Abbreviation,
    /// Rarely ends a sentence: only before a known sentence starter (era and unit
    /// abbreviations: a. C., hab., km).
    Rare,
    /// Part of a name that may end a sentence: it does before a known sentence starter or a
    /// short capitalised subject with a verb of saying, not before the rest of a name
    /// (company suffixes, states, countries, dotted acronyms: Inc., S. A., Son., U.S.).
    Proper,
    /// Introduces a number and never ends a sentence before one (No. 5, Sept. 11, art. 5);
    /// before a word it is an ordinary word.
    Numbering,
}

/// An abbreviation written with inner spaces (`ee. uu`, `a. C`).
#[derive(Clone, Debug)]
pub struct Spaced {
    /// The form without its final period: lowercase, or as written when `exact`.
    pub form: String,
    /// Its class.
    pub class: AbbrevClass,
    /// Whether case matters (`a. C` the era, not `A. C.` initials; `D. C` the district).
    pub exact: bool,
}

/// Word lists for one language.
#[derive(Debug, Default)]
pub struct Rules {
    words: HashMap<String, AbbrevClass>,
    /// Entries written with a capital, which match only as written (`Son` the state of
    /// Sonora, not the verb `son`).
    exact: HashMap<String, AbbrevClass>,
    /// Abbreviations written with inner spaces (`ee. uu`, `a. m`), longest first.
    pub spaced: Vec<Spaced>,
    continuation: HashSet<String>,
    starter: HashSet<String>,
    speech_verbs: HashSet<&'static str>,
    exclamation: HashSet<String>,
    elision: HashSet<String>,
    opening: HashSet<String>,
}

const EN_DATA: &str = include_str!("data/en.txt");
const ES_DATA: &str = include_str!("data/es.txt");

/// Verbs of saying that make a capitalised word after a closing quote an attribution
/// (“Why now?” Sheinbaum asked), not a new sentence.
const EN_SPEECH: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "explained",
    "replied",
    "answered",
    "shouted",
    "yelled",
    "noted",
    "stated",
    "insisted",
    "warned",
    "argued",
    "continued",
    "whispered",
    "cried",
    "declared",
    "remarked",
    "recalled",
    "concluded",
    "tweeted",
    "posted",
    "countered",
    "acknowledged",
    "admitted",
    // Verbs of manner that attribute a quotation as a verb of saying does (“Wonderful!”
    // Winston beams).
    "beams",
    "beamed",
    "smiles",
    "smiled",
    "laughs",
    "laughed",
    "grins",
    "grinned",
    "sighs",
    "sighed",
];
const ES_SPEECH: &[&str] = &[
    "dijo",
    "dice",
    "afirmó",
    "afirma",
    "preguntó",
    "pregunta",
    "señaló",
    "señala",
    "añadió",
    "agregó",
    "explicó",
    "aseguró",
    "asegura",
    "respondió",
    "contestó",
    "comentó",
    "insistió",
    "advirtió",
    "declaró",
    "sostuvo",
    "indicó",
    "expresó",
    "escribió",
    "subrayó",
    "recalcó",
    "apuntó",
    "gritó",
    "exclamó",
    "manifestó",
    "puntualizó",
    "sentenció",
    "replicó",
];

impl Rules {
    /// The rules for `lang`, parsed once per process.
    pub fn get(lang: Lang) -> &'static Rules {
        static EN: OnceLock<Rules> = OnceLock::new();
        static ES: OnceLock<Rules> = OnceLock::new();
        match lang {
            Lang::En => EN.get_or_init(|| Rules::parse(EN_DATA, EN_SPEECH)),
            Lang::Es => ES.get_or_init(|| Rules::parse(ES_DATA, ES_SPEECH)),
        }
    }

    fn parse(data: &str, speech: &[&'static str]) -> Rules {
        let mut rules = Rules {
            speech_verbs: speech.iter().copied().collect(),
            ..Rules::default()
        };
        let mut section = "";
        for line in data.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                section = &line[1..line.len() - 1];
                continue;
            }
            match section {
                "title" | "abbreviation" | "rare" | "proper" | "numbering" => {
                    let class = match section {
                        "title" => AbbrevClass::Title,
                        "abbreviation" => AbbrevClass::Abbreviation,
                        "rare" => AbbrevClass::Rare,
                        "proper" => AbbrevClass::Proper,
                        _ => AbbrevClass::Numbering,
                    };
                    let exact = line.chars().any(char::is_uppercase);
                    let form = if exact {
                        line.to_string()
                    } else {
                        line.to_lowercase()
                    };
                    if form.contains(' ') {
                        rules.spaced.push(Spaced { form, class, exact });
                    } else if exact {
                        rules.exact.insert(form, class);
                    } else {
                        rules.words.insert(form, class);
                    }
                }
                "continuation" => {
                    rules.continuation.insert(line.to_string());
                }
                "starter" => {
                    rules.starter.insert(line.to_string());
                }
                "exclamation" => {
                    rules.exclamation.insert(line.to_string());
                }
                "opening" => {
                    rules.opening.insert(line.to_string());
                }
                "elision" => {
                    rules.elision.insert(line.to_lowercase());
                }
                _ => {}
            }
        }
        // Longer spaced forms first, so `s. a. de c. v` wins over `s. a`.
        rules
            .spaced
            .sort_by_key(|sp| std::cmp::Reverse(sp.form.len()));
        rules
    }

    /// The class of `word` (lowercase, without its final period), if it is a known abbreviation.
    pub fn class_of(&self, lower: &str) -> Option<AbbrevClass> {
        self.words.get(lower).copied()
    }

    /// The class of `word` as written (without its final period): an entry written with a
    /// capital matches only as written, the others in any case.
    pub fn class_of_word(&self, word: &str, lower: &str) -> Option<AbbrevClass> {
        self.exact
            .get(word)
            .or_else(|| self.words.get(lower))
            .copied()
    }

    /// Whether `word` continues a proper name after an abbreviation (U.S. Senate).
    pub fn is_continuation(&self, word: &str) -> bool {
        self.continuation.contains(word)
    }

    /// Whether `word` commonly opens a sentence.
    pub fn is_starter(&self, word: &str) -> bool {
        self.starter.contains(word)
    }

    /// Whether `word` is a name spelled with an exclamation mark (Yahoo!).
    pub fn is_exclamation_word(&self, word: &str) -> bool {
        self.exclamation.contains(word)
    }

    /// Whether `word` (lowercase) is written after an apostrophe that stands for dropped letters
    /// (`'til`, `'em`), so the apostrophe opens no quotation.
    pub fn is_elision(&self, lower: &str) -> bool {
        self.elision.contains(lower)
    }

    /// Whether `word` is a capitalised preposition that opens a sentence with a time or figure
    /// (`At 5 a.m.`, `A las 10 a. m.`).
    pub fn is_opening_preposition(&self, word: &str) -> bool {
        self.opening.contains(word)
    }

    /// Whether `word` (lowercase) is a verb of saying.
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(word)
    }
}
