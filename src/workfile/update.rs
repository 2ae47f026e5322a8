//! Revised articles: after re-segmenting, a sentence that changed gets the best old
//! translation as fuzzy, with the old source kept (`#| msgid`), so nothing is retyped and
//! nothing changed is accepted silently. When the numbers or the negations of the source
//! changed, the carried translation is also flagged with a comment. Old entries stay as
//! obsolete (`#~`): nothing is lost. Pure.

use std::collections::HashMap;

use super::po::{escape, Catalog};
use crate::check::numbers;
use crate::check::NumberLocale;
use crate::lang::Lang;

/// How similar an old source must be (0–1, by characters) to lend its translation.
pub const THRESHOLD: f64 = 0.75;

/// The comment prefix of revision flags.
pub const UPDATE_NOTE: &str = "puente-update:";

/// What [`carry_changed`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    /// Changed segments that got an old translation, fuzzy.
    pub fuzzy: usize,
    /// Of those, the ones flagged for changed numbers or negations.
    pub flagged: usize,
}

fn negations(text: &str, lang: Lang) -> usize {
    let words: &[&str] = match lang {
        Lang::En => &[
            "not", "no", "never", "nor", "neither", "none", "nobody", "nothing",
        ],
        Lang::Es => &[
            "no", "nunca", "ni", "jamás", "tampoco", "nadie", "nada", "ninguno", "ninguna",
        ],
    };
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| words.contains(w) || w.ends_with("n't") || w.ends_with("n’t"))
        .count()
}

fn values(text: &str, lang: Lang) -> Vec<String> {
    let mut v: Vec<String> = numbers::extract(text, lang, NumberLocale::Mx)
        .into_iter()
        .map(|n| format!("{}", n.value))
        .collect();
    v.sort();
    v
}

/// Gives each untranslated segment of `cat` the translation of the most similar obsolete
/// entry (at least [`THRESHOLD`]), fuzzy, with the previous source kept and a flag when the
/// numbers or negations differ. `lang` is the source language.
pub fn carry_changed(cat: &mut Catalog, lang: Lang) -> Carried {
    let old: Vec<usize> = cat
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.obsolete && !e.msgstr().is_empty())
        .map(|(i, _)| i)
        .collect();
    let mut result = Carried::default();
    if old.is_empty() {
        return result;
    }
    // Each old translation lends itself once, to its best new match.
    let mut taken: HashMap<usize, ()> = HashMap::new();
    let todo: Vec<usize> = cat
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.obsolete && !e.is_header() && e.msgstr().is_empty())
        .map(|(i, _)| i)
        .collect();
    for i in todo {
        let new_source = cat.entries[i].msgid.clone();
        let best = old
            .iter()
            .filter(|j| !taken.contains_key(j))
            .map(|&j| {
                (
                    j,
                    strsim::normalized_levenshtein(&cat.entries[j].msgid, &new_source),
                )
            })
            .filter(|(_, score)| *score >= THRESHOLD)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((j, score)) = best else {
            continue;
        };
        taken.insert(j, ());
        let (old_source, old_target, old_ctx) = {
            let o = &cat.entries[j];
            (o.msgid.clone(), o.msgstr().to_string(), o.msgctxt.clone())
        };
        let mut flags = Vec::new();
        let (a, b) = (values(&old_source, lang), values(&new_source, lang));
        if a != b {
            flags.push(format!(
                "{UPDATE_NOTE} the numbers changed ({} → {}): check the translation",
                if a.is_empty() {
                    "none".into()
                } else {
                    a.join(", ")
                },
                if b.is_empty() {
                    "none".into()
                } else {
                    b.join(", ")
                }
            ));
        }
        if negations(&old_source, lang) != negations(&new_source, lang) {
            flags.push(format!(
                "{UPDATE_NOTE} a negation was added or removed: check the translation"
            ));
        }
        let e = &mut cat.entries[i];
        e.msgstr = vec![old_target];
        e.set_fuzzy(true);
        e.previous.clear();
        if let Some(ctx) = old_ctx {
            e.previous.push(format!(" msgctxt \"{}\"", escape(&ctx)));
        }
        e.previous
            .push(format!(" msgid \"{}\"", escape(&old_source)));
        e.translator_comments
            .retain(|c| !c.trim_start().starts_with(UPDATE_NOTE));
        e.translator_comments.push(format!(
            "{UPDATE_NOTE} carried from a changed sentence ({:.0} % similar)",
            score * 100.0
        ));
        if !flags.is_empty() {
            result.flagged += 1;
        }
        e.translator_comments.extend(flags);
        result.fuzzy += 1;
    }
    result
}
