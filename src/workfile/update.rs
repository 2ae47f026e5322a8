//! Revised articles: after re-segmenting, a sentence that changed gets the best old
//! translation as fuzzy, with the old source kept (`#| msgid`), so nothing is retyped and
//! nothing changed is accepted silently. When the numbers or the negations of the source
//! changed, the carried translation is also flagged with a comment. Old entries stay as
//! obsolete (`#~` in PO, `puente:obsolete` notes in XLIFF): nothing is lost. Pure: no files,
//! no terminal.

use std::collections::{HashMap, HashSet};

use super::po::{escape, Catalog};
use super::xliff::{XSegment, XliffDoc, FUZZY_SUBSTATE};
use crate::lang::Lang;
use crate::text::numbers::{self, NumberLocale};
use crate::text::similarity;

/// How similar an old source must be (0–1, by characters) to lend its translation.
pub const THRESHOLD: f64 = 0.75;

/// The comment prefix of revision flags.
pub const UPDATE_NOTE: &str = "puente-update:";

/// The XLIFF note category of revision flags.
pub const UPDATE_CATEGORY: &str = "puente-update";

/// What [`carry_changed`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    /// Changed segments that got an old translation, fuzzy.
    pub fuzzy: usize,
    /// Of those, the ones flagged for changed numbers or negations.
    pub flagged: usize,
}

fn negations(text: &str, lang: Lang) -> usize {
    crate::text::negations(text, lang).len()
}

fn values(text: &str, lang: Lang) -> Vec<String> {
    let mut v: Vec<String> = numbers::extract(text, lang, NumberLocale::Mx)
        .into_iter()
        .map(|n| format!("{}", n.value))
        .collect();
    v.sort();
    v
}

/// What a changed segment borrows: the old segment it comes from, how similar the two
/// sources are, and the comments a reviewer must read.
#[derive(Clone, Debug, PartialEq)]
pub struct Loan {
    /// Index into the old list.
    pub from: usize,
    /// Similarity of the sources (0–1, by characters).
    pub score: f64,
    /// `puente-update:` comments: where the translation came from, and any flags.
    pub notes: Vec<String>,
}

/// For each new source, the most similar old (source, translation) at or above
/// [`THRESHOLD`], each old one lent at most once. `None` marks a source nothing resembles,
/// or one that needs nothing (an empty string). `lang` is the source language.
pub fn lend(old: &[(&str, &str)], new: &[&str], lang: Lang) -> Vec<Option<Loan>> {
    let mut taken = vec![false; old.len()];
    let mut out = Vec::with_capacity(new.len());
    for new_source in new {
        if new_source.is_empty() {
            out.push(None);
            continue;
        }
        let best = old
            .iter()
            .enumerate()
            .filter(|(j, (_, t))| !taken[*j] && !t.is_empty())
            .map(|(j, (s, _))| (j, similarity(s, new_source, THRESHOLD)))
            .filter(|(_, score)| *score >= THRESHOLD)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((j, score)) = best else {
            out.push(None);
            continue;
        };
        taken[j] = true;
        let old_source = old[j].0;
        let mut notes = vec![format!(
            "{UPDATE_NOTE} carried from a changed sentence ({:.0} % similar)",
            (score * 100.0).floor()
        )];
        let (a, b) = (values(old_source, lang), values(new_source, lang));
        if a != b {
            let list = |v: &[String]| {
                if v.is_empty() {
                    "none".to_string()
                } else {
                    v.join(", ")
                }
            };
            notes.push(format!(
                "{UPDATE_NOTE} the numbers changed ({} → {}): check the translation",
                list(&a),
                list(&b)
            ));
        }
        if negations(old_source, lang) != negations(new_source, lang) {
            notes.push(format!(
                "{UPDATE_NOTE} a negation was added or removed: check the translation"
            ));
        }
        out.push(Some(Loan {
            from: j,
            score,
            notes,
        }));
    }
    out
}

impl Carried {
    fn count(&mut self, loan: &Loan) {
        self.fuzzy += 1;
        if loan.notes.len() > 1 {
            self.flagged += 1;
        }
    }
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
    let todo: Vec<usize> = cat
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.obsolete && !e.is_header() && e.msgstr().is_empty())
        .map(|(i, _)| i)
        .collect();
    let old_pairs: Vec<(String, String, Option<String>)> = old
        .iter()
        .map(|&j| {
            let o = &cat.entries[j];
            (o.msgid.clone(), o.msgstr().to_string(), o.msgctxt.clone())
        })
        .collect();
    let pairs: Vec<(&str, &str)> = old_pairs
        .iter()
        .map(|(s, t, _)| (s.as_str(), t.as_str()))
        .collect();
    let sources: Vec<String> = todo.iter().map(|&i| cat.entries[i].msgid.clone()).collect();
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    for (&i, loan) in todo.iter().zip(lend(&pairs, &sources, lang)) {
        let Some(loan) = loan else {
            continue;
        };
        let (old_source, old_target, old_ctx) = &old_pairs[loan.from];
        let e = &mut cat.entries[i];
        e.msgstr = vec![old_target.clone()];
        e.set_fuzzy(true);
        e.previous.clear();
        if let Some(ctx) = old_ctx {
            e.previous.push(format!(" msgctxt \"{}\"", escape(ctx)));
        }
        e.previous
            .push(format!(" msgid \"{}\"", escape(old_source)));
        e.translator_comments
            .retain(|c| !c.trim_start().starts_with(UPDATE_NOTE));
        result.count(&loan);
        e.translator_comments.extend(loan.notes);
    }
    result
}

/// The XLIFF side of a revision. Old segments that are no longer in the article (and the
/// file's earlier obsolete ones) lend their translations to the new segments that have
/// none, as fuzzy (`state="translated" subState="puente:fuzzy"`), each with a
/// `puente-update` note on its unit naming the previous source. `new` lists the article's
/// segments as (segment id, unit id, source text). Unit notes of units that vanished move
/// to the unit that now holds their segments. The document is then ready for
/// [`Extract::to_xliff`](super::Extract::to_xliff), which also keeps the old translations as
/// obsolete notes.
pub fn carry_changed_xliff(doc: &mut XliffDoc, new: &[(&str, &str, &str)], lang: Lang) -> Carried {
    let new_ids: HashSet<&str> = new.iter().map(|(id, _, _)| *id).collect();
    let new_units: HashSet<&str> = new.iter().map(|(_, u, _)| *u).collect();
    let translated = |s: &XSegment| s.target.as_deref().is_some_and(|t| !t.is_empty());
    let mut old: Vec<(String, String, String, String)> = doc
        .segments
        .iter()
        .filter(|s| !new_ids.contains(s.id.as_str()) && translated(s))
        .map(|s| {
            (
                s.id.clone(),
                s.source.clone(),
                s.target.clone().unwrap_or_default(),
                s.unit.clone(),
            )
        })
        .collect();
    old.extend(
        doc.obsolete
            .iter()
            .filter(|o| !old.iter().any(|(id, ..)| id == &o.id))
            .map(|o| {
                (
                    o.id.clone(),
                    o.source.clone(),
                    o.target.clone(),
                    String::new(),
                )
            })
            .collect::<Vec<_>>(),
    );
    let kept: HashSet<&str> = doc
        .segments
        .iter()
        .filter(|s| translated(s))
        .map(|s| s.id.as_str())
        .collect();
    let todo: Vec<&(&str, &str, &str)> = new.iter().filter(|(id, ..)| !kept.contains(id)).collect();
    let pairs: Vec<(&str, &str)> = old
        .iter()
        .map(|(_, s, t, _)| (s.as_str(), t.as_str()))
        .collect();
    let sources: Vec<&str> = todo.iter().map(|(_, _, s)| *s).collect();
    let loans = lend(&pairs, &sources, lang);
    let mut result = Carried::default();
    // Where the segments of vanished units went, for their notes.
    let old_unit_of: HashMap<&str, &str> = doc
        .segments
        .iter()
        .map(|s| (s.id.as_str(), s.unit.as_str()))
        .collect();
    let mut moved: HashMap<String, String> = HashMap::new();
    for (id, unit, _) in new {
        if let Some(old_unit) = old_unit_of.get(id) {
            if !new_units.contains(old_unit) {
                moved
                    .entry(old_unit.to_string())
                    .or_insert_with(|| unit.to_string());
            }
        }
    }
    let mut added = Vec::new();
    for ((id, unit, source), loan) in todo.iter().zip(loans) {
        let Some(loan) = loan else {
            continue;
        };
        let (old_id, old_source, old_target, old_unit) = &old[loan.from];
        if !old_unit.is_empty() && !new_units.contains(old_unit.as_str()) {
            moved
                .entry(old_unit.clone())
                .or_insert_with(|| unit.to_string());
        }
        added.push(XSegment {
            id: id.to_string(),
            state: "translated".into(),
            sub_state: Some(FUZZY_SUBSTATE.into()),
            source: source.to_string(),
            target: Some(old_target.clone()),
            line: 0,
            unit: unit.to_string(),
            // A segment re-segmentation makes has a target already: nothing to hold back.
            no_translate: false,
        });
        result.count(&loan);
        let notes = doc.foreign_notes.entry(unit.to_string()).or_default();
        let prefix = format!("{id}: ");
        notes.retain(|(c, t)| !(c.as_deref() == Some(UPDATE_CATEGORY) && t.starts_with(&prefix)));
        let mut text = loan.notes.join("; ");
        text.push_str(&format!("; previous source ({old_id}): {old_source}"));
        notes.push((Some(UPDATE_CATEGORY.to_string()), format!("{prefix}{text}")));
    }
    doc.segments.extend(added);
    for (from, to) in moved {
        if let Some(notes) = doc.foreign_notes.remove(&from) {
            let dest = doc.foreign_notes.entry(to).or_default();
            for n in notes {
                if !dest.contains(&n) {
                    dest.push(n);
                }
            }
        }
    }
    result
}
