//! Revised articles: after re-segmenting, a sentence that changed gets the best old
//! translation as fuzzy, with the old source kept (`#| msgid`), so nothing is retyped and
//! nothing changed is accepted silently. When the numbers or the negations of the source
//! changed, the carried translation is also flagged with a comment. Old entries stay as
//! obsolete (`#~` in PO, `puente:obsolete` notes in XLIFF): nothing is lost. A segment is
//! still in the article when both its id and its source are: an XLIFF segment that kept its
//! id but not its source (a CAT tool joined it with the next one) is a changed sentence too.
//!
//! An XLIFF unit whose segmentation is not to be changed (`canResegment="no"` on one of its
//! segments, on the unit, or inherited from its group or file: the nearest that says anything
//! decides, as for `translate`) keeps its segments while the article still has its text (a
//! block with the unit's id, which is a hash of the text). If puente would now cut that text
//! into other segments (a translator's CAT tool joined or split them before locking the unit,
//! or an older puente cut them otherwise), the unit is written back exactly as it was read,
//! translations, states and all, and its segments neither lend nor borrow
//! ([`XliffDoc::held`]); merge still takes the article's segments by id and source, so it says
//! which of them such a unit does not hold. When the article's text under the unit changed,
//! the text is new source and the unit no longer describes it: puente cuts it as any
//! paragraph (merge, check and the memory need the article's segments), its unchanged
//! sentences keep their translations, a changed one borrows as above, and a translation
//! nothing resembles enough stays as an obsolete note. Pure: no files, no terminal.

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
    /// XLIFF units written back as they were read ([`XliffDoc::held`]): their segmentation
    /// is locked and puente would cut their text otherwise.
    pub held: usize,
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
    // A segment is still in the article when its id and its source are.
    let new_sources: HashMap<&str, &str> = new.iter().map(|(id, _, s)| (*id, *s)).collect();
    let stays = |s: &XSegment| new_sources.get(s.id.as_str()) == Some(&s.source.as_str());
    let new_units: HashSet<&str> = new.iter().map(|(_, u, _)| *u).collect();
    let translated = |s: &XSegment| s.target.as_deref().is_some_and(|t| !t.is_empty());
    // A unit kept as it was neither lends nor borrows: its segments stay where they are.
    let held = doc.held(new);
    let mut old: Vec<(String, String, String, String)> = doc
        .segments
        .iter()
        .filter(|s| !held.contains(&s.unit))
        .filter(|s| !stays(s) && translated(s))
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
        .filter(|s| translated(s) && stays(s))
        .map(|s| s.id.as_str())
        .collect();
    let todo: Vec<&(&str, &str, &str)> = new
        .iter()
        .filter(|(id, unit, _)| !kept.contains(id) && !held.contains(*unit))
        .collect();
    let pairs: Vec<(&str, &str)> = old
        .iter()
        .map(|(_, s, t, _)| (s.as_str(), t.as_str()))
        .collect();
    let sources: Vec<&str> = todo.iter().map(|(_, _, s)| *s).collect();
    let loans = lend(&pairs, &sources, lang);
    let mut result = Carried {
        held: held.len(),
        ..Carried::default()
    };
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
            no_resegment: false,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Format};
    use crate::workfile::xliff::{read, segments_of};
    use crate::workfile::Extract;

    fn article(text: &str) -> Article {
        Article::parse(text.to_string(), Format::Markdown, Lang::En).unwrap()
    }

    /// Replaces the one occurrence of `from` in `text` by `to`.
    fn edit(text: &str, from: &str, to: &str) -> String {
        assert_eq!(text.matches(from).count(), 1, "{from} in {text}");
        text.replacen(from, to, 1)
    }

    /// The `<unit>` element with id `id` in `text`, as written.
    fn unit<'a>(text: &'a str, id: &str) -> &'a str {
        let at = text.find(&format!("<unit id=\"{id}\"")).unwrap();
        &text[at..at + text[at..].find("</unit>").unwrap() + "</unit>".len()]
    }

    #[test]
    fn a_unit_that_may_not_be_resegmented_keeps_its_segments_through_an_update() {
        let a = article("One sentence here. And another one.\n\nA second paragraph.\n");
        let (first, one, two) = (&a.blocks[0].id, &a.segments[0].id, &a.segments[1].id);
        // The translator joined the first paragraph's two sentences into one segment and
        // translated it: the segmentation is the translator's now.
        let joined = edit(
            &Extract::new(&a, "a.md", Lang::En, Lang::Es).to_xliff(None),
            &format!(
                "<segment id=\"{one}\" state=\"initial\"><source>One sentence here.</source></segment>\n      \
                 <ignorable><source> </source></ignorable>\n      \
                 <segment id=\"{two}\" state=\"initial\"><source>And another one.</source></segment>"
            ),
            &format!(
                "<segment id=\"{one}\" state=\"final\"><source>One sentence here. And another one.</source>\
                 <target>Una oración aquí. Y otra.</target></segment>"
            ),
        );
        let tag = format!("<unit id=\"{first}\" name=\"paragraph\"");
        let seg = format!("<segment id=\"{one}\"");
        // The second paragraph is revised.
        let b = article("One sentence here. And another one.\n\nA second paragraph, revised.\n");
        let update = |text: &str| {
            let mut doc = read(text).unwrap();
            carry_changed_xliff(&mut doc, &segments_of(&b), Lang::En);
            Extract::new(&b, "a.md", Lang::En, Lang::Es).to_xliff(Some(&doc))
        };
        // canResegment="no" on the unit, on the segment, or on the file the unit inherits
        // from: the unit is written back as it was, its translation neither obsolete nor lent.
        for (from, to) in [
            (tag.clone(), format!("{tag} canResegment=\"no\"")),
            (seg.clone(), format!("{seg} canResegment=\"no\"")),
            (
                "<file id=\"f1\"".to_string(),
                "<file id=\"f1\" canResegment=\"no\"".to_string(),
            ),
        ] {
            let text = edit(&joined, &from, &to);
            let again = update(&text);
            assert_eq!(unit(&again, first), unit(&text, first), "{to}");
            assert!(!again.contains("obsolete"), "{again}");
            assert_eq!(again.matches("Una oración aquí").count(), 1, "{again}");
            assert!(again.contains("A second paragraph, revised."), "{again}");
            // Rewriting it again (translate does) keeps it too.
            let doc = read(&again).unwrap();
            let twice = Extract::new(&b, "a.md", Lang::En, Lang::Es).to_xliff(Some(&doc));
            assert_eq!(twice, again);
        }
        // The file says no and the unit yes: the nearest decides, and puente cuts the unit
        // anew as it does without the attribute; the joined translation is kept as obsolete.
        for text in [
            joined.clone(),
            edit(
                &edit(
                    &joined,
                    "<file id=\"f1\"",
                    "<file id=\"f1\" canResegment=\"no\"",
                ),
                &tag,
                &format!("{tag} canResegment=\"yes\""),
            ),
        ] {
            let again = update(&text);
            assert!(unit(&again, first).contains(&format!("<segment id=\"{two}\"")));
            assert!(
                again.contains("category=\"puente:obsolete-target\">Una oración aquí. Y otra."),
                "{again}"
            );
        }
    }

    #[test]
    fn a_locked_unit_puente_cuts_the_same_way_borrows_as_any_other() {
        let a = article("One sentence here. And another one.\n\nAnd another one!\n");
        let (first, two, gone) = (&a.blocks[0].id, &a.segments[1].id, &a.segments[2].id);
        let mut text = Extract::new(&a, "a.md", Lang::En, Lang::Es).to_xliff(None);
        text = edit(
            &text,
            &format!("<unit id=\"{first}\""),
            &format!("<unit id=\"{first}\" canResegment=\"no\""),
        );
        text = edit(
            &text,
            &format!("<segment id=\"{gone}\" state=\"initial\"><source>And another one!</source>"),
            &format!("<segment id=\"{gone}\" state=\"final\"><source>And another one!</source><target>¡Y otra!</target>"),
        );
        // The second paragraph is deleted: its translation is lent to the untranslated
        // sentence that resembles it, in the locked unit, whose segments are puente's own.
        // (The loan to a sentence that is still there, untranslated, used to be noted on the
        // unit and counted, but not written: the untranslated segment came first.)
        let b = article("One sentence here. And another one.\n");
        let mut doc = read(&text).unwrap();
        let carried = carry_changed_xliff(&mut doc, &segments_of(&b), Lang::En);
        assert_eq!((carried.fuzzy, carried.held), (1, 0));
        let again = Extract::new(&b, "a.md", Lang::En, Lang::Es).to_xliff(Some(&doc));
        let locked = unit(&again, first);
        assert!(locked.contains(" canResegment=\"no\""), "{locked}");
        assert!(
            locked.contains(&format!("<segment id=\"{two}\" state=\"translated\" subState=\"puente:fuzzy\"><source>And another one.</source><target>¡Y otra!</target>")),
            "{locked}"
        );
    }
}
