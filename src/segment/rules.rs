//! The per-language word lists the segmenter consults, loaded from the data files beside this
//! module (`data/en.txt`, `data/es.txt`), which editors can read and extend.
//!
//! Loading is pure: the files are embedded in the binary at build time.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::lang::Lang;

/// How an abbreviation behaves before a capitalised word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Never ends a sentence (Mr., Sen., e.g.).
    Title,
    /// Ends a sentence unless a continuation word follows (U.S., Inc., a.m.).
    Abbreviation,
}

/// Word lists for one language.
#[derive(Debug, Default)]
pub struct Rules {
    title: HashSet<String>,
    abbrev: HashSet<String>,
    /// Abbreviations written with inner spaces (`ee. uu`, `a. m`), with their class.
    pub spaced: Vec<(String, AbbrevClass)>,
    continuation: HashSet<String>,
    starter: HashSet<String>,
    speech_verbs: HashSet<&'static str>,
    exclamation: HashSet<String>,
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
    "added",
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
                "title" | "abbreviation" => {
                    let class = if section == "title" {
                        AbbrevClass::Title
                    } else {
                        AbbrevClass::Abbreviation
                    };
                    let entry = line.to_lowercase();
                    if entry.contains(' ') {
                        rules.spaced.push((entry, class));
                    } else if class == AbbrevClass::Title {
                        rules.title.insert(entry);
                    } else {
                        rules.abbrev.insert(entry);
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
                _ => {}
            }
        }
        // Longer spaced forms first, so `s. a. de c. v` wins over `s. a`.
        rules
            .spaced
            .sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        rules
    }

    /// The class of `word` (lowercase, without its final period), if it is a known abbreviation.
    pub fn class_of(&self, lower: &str) -> Option<AbbrevClass> {
        if self.title.contains(lower) {
            Some(AbbrevClass::Title)
        } else if self.abbrev.contains(lower) {
            Some(AbbrevClass::Abbreviation)
        } else {
            None
        }
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

    /// Whether `word` (lowercase) is a verb of saying.
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(word)
    }
}
