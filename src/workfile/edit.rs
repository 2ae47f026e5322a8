//! Editing a work file in memory, the same way for PO ([`Catalog`]) and XLIFF
//! ([`XliffDoc`]): which segments nobody has translated, their sources and the sentences
//! around them, and writing a translation back with its state (reviewed, or fuzzy for review)
//! and its provenance note, or leaving a segment untranslated with a note that says why.
//!
//! Provenance notes start with [`MT_NOTE`] (machine translation) or [`TM_NOTE`] (the
//! memory); a segment keeps one of them, the latest. A machine translation's note also names
//! the words the engine did not know ([`unknown_words_note`], read back by
//! [`unknown_words`]). In PO they are translator comments; in
//! XLIFF unit notes of their own category, `<segment id>: <note>`, which rewriting keeps like
//! people's notes.
//!
//! This module is pure: it changes parsed documents and never reads or writes a file (opening
//! a work file and rebuilding an XLIFF from its article is `crate::app::work`'s).

use super::po::{self, Catalog};
use super::xliff::{XliffDoc, FUZZY_SUBSTATE};

/// The note prefix of machine-translation provenance.
pub const MT_NOTE: &str = "puente-mt:";
/// The note prefix of translation-memory provenance.
pub const TM_NOTE: &str = "puente-tm:";
/// What a machine-translation note says before the words the engine did not know (Apertium's
/// unknown-word marks), so the reviewer sees them and `check` can list them.
pub const UNKNOWN_WORDS: &str = "unknown to the engine:";

/// The part of a machine-translation note that names the words the engine did not know.
pub fn unknown_words_note(words: &[String]) -> String {
    format!("{UNKNOWN_WORDS} {}", words.join(", "))
}

/// The words the machine-translation note of `segment` (as [`unknown_words_note`] wrote it,
/// within the provenance note) says the engine did not know; none for any other note. An
/// XLIFF note starts with its segment's id (`s2: puente-mt: …`): another segment's is not
/// this one's.
pub fn unknown_words<'a>(note: &'a str, segment: &str) -> Vec<&'a str> {
    let note = note.trim_start();
    let note = note
        .strip_prefix(segment)
        .and_then(|n| n.strip_prefix(": "))
        .unwrap_or(note);
    let Some(rest) = note
        .strip_prefix(MT_NOTE)
        .and_then(|n| n.split_once(&format!("; {UNKNOWN_WORDS} ")))
        .map(|(_, rest)| rest)
    else {
        return Vec::new();
    };
    let words = rest.split(';').next().unwrap_or_default();
    words
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The XLIFF note category for machine-translation provenance (not `puente:`, so rewriting
/// keeps it like people's notes).
const MT_CATEGORY: &str = "puente-mt";
/// The XLIFF note category for memory provenance.
const TM_CATEGORY: &str = "puente-tm";

/// The state a translation is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Reviewed: a PO entry without `fuzzy`, an XLIFF segment in state `final`.
    Reviewed,
    /// For review: a fuzzy PO entry, an XLIFF segment `translated` with puente's fuzzy
    /// sub-state.
    Unreviewed,
}

/// A work file's segments, addressed by index (a PO entry's, an XLIFF segment's), as
/// `translate` fills them.
pub trait Edit {
    /// The segments nobody has translated, by index, in file order.
    fn todo(&self) -> Vec<usize>;

    /// The source text of segment `i`.
    fn source(&self, i: usize) -> &str;

    /// The source texts before and after segment `i` in the file (empty at either end).
    fn context(&self, i: usize) -> (String, String);

    /// Writes `translation` into segment `i` in `state`.
    fn set_target(&mut self, i: usize, translation: String, state: State);

    /// Replaces segment `i`'s provenance note (machine or memory) with `note`.
    fn note(&mut self, i: usize, note: String);

    /// Records that segment `i`'s translation is that of the similar sentence `was` (a fuzzy
    /// memory match), returning the note to write: in PO the previous msgid (translators'
    /// tools show the difference) and `note` unchanged; in XLIFF `note` with `was` added.
    fn similar_to(&mut self, i: usize, note: String, was: &str) -> String;

    /// Writes a translation as reviewed (an exact memory match the project accepts).
    fn accept_reviewed(&mut self, i: usize, translation: String, note: String) {
        self.set_target(i, translation, State::Reviewed);
        self.note(i, note);
    }

    /// Writes a translation for review (a verified machine translation, a memory match),
    /// with its provenance.
    fn accept(&mut self, i: usize, translation: String, note: String) {
        self.set_target(i, translation, State::Unreviewed);
        self.note(i, note);
    }

    /// Writes the translation of a similar sentence `was` from the memory, for review, with
    /// the memory's source beside it.
    fn accept_similar(&mut self, i: usize, translation: String, note: String, was: &str) {
        let note = self.similar_to(i, note, was);
        self.accept(i, translation, note);
    }

    /// Leaves segment `i` untranslated, saying why.
    fn reject(&mut self, i: usize, note: String) {
        self.note(i, note);
    }
}

impl Edit for Catalog {
    fn todo(&self) -> Vec<usize> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.obsolete && !e.is_header() && e.msgstr().is_empty())
            .map(|(i, _)| i)
            .collect()
    }

    fn source(&self, i: usize) -> &str {
        &self.entries[i].msgid
    }

    fn context(&self, i: usize) -> (String, String) {
        let live = |j: &usize| {
            let e = &self.entries[*j];
            !e.obsolete && !e.is_header()
        };
        let prev = (0..i).rev().find(live);
        let next = (i + 1..self.entries.len()).find(live);
        let text = |j: Option<usize>| j.map(|j| self.entries[j].msgid.clone()).unwrap_or_default();
        (text(prev), text(next))
    }

    fn set_target(&mut self, i: usize, translation: String, state: State) {
        let e = &mut self.entries[i];
        e.msgstr = vec![translation];
        e.set_fuzzy(state == State::Unreviewed);
    }

    fn note(&mut self, i: usize, note: String) {
        let e = &mut self.entries[i];
        e.translator_comments.retain(|c| {
            let c = c.trim_start();
            !c.starts_with(MT_NOTE) && !c.starts_with(TM_NOTE)
        });
        e.translator_comments.push(note);
    }

    fn similar_to(&mut self, i: usize, note: String, was: &str) -> String {
        self.entries[i].previous = vec![format!(" msgid \"{}\"", po::escape(was))];
        note
    }
}

impl Edit for XliffDoc {
    fn todo(&self) -> Vec<usize> {
        self.segments
            .iter()
            .enumerate()
            // A unit marked `translate="no"` is the translator's: no engine or memory fills it.
            .filter(|(_, s)| !s.no_translate && s.target.as_deref().is_none_or(str::is_empty))
            .map(|(i, _)| i)
            .collect()
    }

    fn source(&self, i: usize) -> &str {
        &self.segments[i].source
    }

    fn context(&self, i: usize) -> (String, String) {
        let text = |j: Option<usize>| {
            j.and_then(|j| self.segments.get(j))
                .map(|s| s.source.clone())
                .unwrap_or_default()
        };
        (text(i.checked_sub(1)), text(Some(i + 1)))
    }

    fn set_target(&mut self, i: usize, translation: String, state: State) {
        let s = &mut self.segments[i];
        s.target = Some(translation);
        match state {
            State::Reviewed => {
                s.state = "final".into();
                s.sub_state = None;
            }
            State::Unreviewed => {
                s.state = "translated".into();
                s.sub_state = Some(FUZZY_SUBSTATE.into());
            }
        }
    }

    fn note(&mut self, i: usize, note: String) {
        let seg = &self.segments[i];
        let prefix = format!("{}: ", seg.id);
        let notes = self.foreign_notes.entry(seg.unit.clone()).or_default();
        // A segment keeps one provenance note, machine or memory, the latest.
        notes.retain(|(cat, text)| {
            !(matches!(cat.as_deref(), Some(MT_CATEGORY | TM_CATEGORY))
                && text.starts_with(&prefix))
        });
        let category = if note.starts_with(TM_NOTE) {
            TM_CATEGORY
        } else {
            MT_CATEGORY
        };
        notes.push((Some(category.to_string()), format!("{prefix}{note}")));
    }

    fn similar_to(&mut self, _: usize, note: String, was: &str) -> String {
        format!("{note}; its source: {was}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PO: &str = "msgid \"\"\nmsgstr \"\"\n\n\
                      msgid \"One.\"\nmsgstr \"\"\n\n\
                      msgid \"Two.\"\nmsgstr \"Dos.\"\n\n\
                      msgid \"Three.\"\nmsgstr \"\"\n";

    #[test]
    fn a_po_catalog_is_filled_with_state_and_one_provenance_note() {
        let mut cat = Catalog::parse(PO).unwrap();
        let todo = cat.todo();
        assert_eq!(todo.len(), 2);
        let (one, three) = (todo[0], todo[1]);
        assert_eq!(cat.source(one), "One.");
        assert_eq!(cat.context(three), ("Two.".to_string(), String::new()));
        cat.accept(one, "Uno.".into(), format!("{MT_NOTE} x"));
        // A later note replaces the provenance note, whichever kind it was.
        cat.accept_reviewed(one, "Uno.".into(), format!("{TM_NOTE} 100 % match"));
        cat.accept_similar(three, "Tres.".into(), format!("{TM_NOTE} 90 %"), "Three!");
        let text = cat.write();
        assert!(!text.contains(MT_NOTE), "{text}");
        assert!(text.contains("#| msgid \"Three!\""), "{text}");
        let cat = Catalog::parse(&text).unwrap();
        assert!(cat.todo().is_empty());
        assert!(!cat.entries[one].is_fuzzy());
        assert!(cat.entries[three].is_fuzzy());
    }

    #[test]
    fn the_words_the_engine_did_not_know_are_read_back_from_their_segment_note() {
        let words = ["escalating".to_string(), "glorbing".to_string()];
        let note = format!(
            "{MT_NOTE} apertium eng-spa; verified; {}",
            unknown_words_note(&words)
        );
        assert_eq!(unknown_words(&note, "p1"), ["escalating", "glorbing"]);
        assert_eq!(unknown_words(&format!("s1: {note}"), "s1"), words);
        assert!(unknown_words(&format!("s1: {note}"), "s2").is_empty());
        assert!(unknown_words("a person wrote: unknown to the engine: x", "p1").is_empty());
    }

    #[test]
    fn a_unit_marked_translate_no_is_left_to_the_translator_as_xliff_inherits_it() {
        let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="es">
  <file id="f1">
    <unit id="plain"><segment id="s1"><source>One.</source></segment></unit>
    <group id="g1" translate="no">
      <unit id="inherits"><segment id="s2"><source>Two.</source></segment></unit>
      <unit id="overrides" translate="yes"><segment id="s3"><source>Three.</source></segment></unit>
    </group>
    <unit id="marked" translate="no"><segment id="s4"><source>Four.</source></segment></unit>
    <unit id="after"><segment id="s5"><source>Five.</source></segment></unit>
  </file>
</xliff>
"#;
        let doc = crate::workfile::xliff::read(text).unwrap();
        let todo: Vec<&str> = doc
            .todo()
            .into_iter()
            .map(|i| doc.segments[i].id.as_str())
            .collect();
        assert_eq!(todo, ["s1", "s3", "s5"]);
    }

    #[test]
    fn an_xliff_segment_is_filled_and_a_rejection_only_notes_why() {
        let mut doc = XliffDoc::default();
        for (id, source) in [("s1", "One."), ("s2", "Two.")] {
            doc.segments.push(crate::workfile::xliff::XSegment {
                id: id.into(),
                state: "initial".into(),
                source: source.into(),
                unit: "u1".into(),
                ..Default::default()
            });
        }
        doc.reject(0, format!("{MT_NOTE} e; not accepted: why"));
        assert_eq!(doc.todo(), vec![0, 1]);
        doc.accept_similar(0, "Uno.".into(), format!("{TM_NOTE} 90 %"), "One!");
        doc.accept_reviewed(1, "Dos.".into(), format!("{TM_NOTE} 100 %"));
        assert!(doc.todo().is_empty());
        assert_eq!(doc.segments[0].sub_state.as_deref(), Some(FUZZY_SUBSTATE));
        assert_eq!(doc.segments[1].state, "final");
        let notes = &doc.foreign_notes["u1"];
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(
            notes[0].1.starts_with("s1: puente-tm:") && notes[0].1.ends_with("its source: One!")
        );
        assert_eq!(doc.context(1), ("One.".to_string(), String::new()));
    }
}
