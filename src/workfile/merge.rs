//! Merge: rebuilds the target article from the source article and a work file.
//!
//! A translation is usable when its placeholders match the source's, it holds no control
//! character its source does not have (a NUL from a `\000` in a PO, an ESC from a broken MT
//! answer: Markdown and XML cannot carry them, and puente itself refuses to read an article
//! with a NUL) and it decodes. A final edition uses only usable translations that are
//! accepted (not untranslated, not fuzzy). A draft follows the one rule of what a draft shows,
//! which `merge --draft`, publish's Markdown and publish's pages all take from here: a usable
//! fuzzy translation is shown too (gettext's `msgfmt --use-fuzzy`), and an untranslated or
//! unusable segment keeps its source text. Either way [`Merged::pending`] lists every segment
//! that is not a reviewed translation, and [`Merged::shown`] says what each segment shows.
//! A unit is a segment's when it has the segment's id and its source: one with the id and
//! another source (a CAT tool's join that kept the first id, in a unit `segment --update`
//! kept whole for its `canResegment="no"`) is not used, and the segment is missing.
//! A draft's front matter says `draft: true` (a plain-text article cannot); a final edition's
//! says nothing of drafts, whatever its source said. Pure: the caller reads and writes the
//! files.

use crate::article::{Article, Edition};

use super::{State, WorkFile};

/// Why a segment kept its source text (or stopped the merge).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum Pending {
    /// No translation.
    Untranslated,
    /// A translation nobody accepted yet.
    Fuzzy,
    /// The work file has no entry for the segment.
    Missing,
    /// The translation's placeholders do not match the source's.
    Placeholder {
        /// What is wrong.
        detail: String,
    },
    /// The translation holds a control character (C0 other than tab, newline and carriage
    /// return, DEL or C1) that the source segment does not have.
    ControlCharacter {
        /// The first such character, as `U+0000`.
        character: String,
    },
}

/// The first control character of `target` that an article cannot carry and `source` does
/// not have: C0 other than tab, newline and carriage return, DEL, and C1.
pub fn stray_control(source: &str, target: &str) -> Option<char> {
    // Almost no translation has one: its bytes are looked at before its characters are
    // decoded (decoding every target was a twentieth of a folder merge).
    if !crate::text::may_hold_control(target) {
        return None;
    }
    target
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r') && !source.contains(c))
}

/// A segment merge could not translate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PendingSegment {
    /// The segment id.
    pub id: String,
    /// 1-based line in the source article.
    pub source_line: usize,
    /// 1-based line in the work file, when it has the segment.
    pub workfile_line: Option<usize>,
    /// Why.
    #[serde(flatten)]
    pub reason: Pending,
}

/// What the edition shows for one segment of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// Its reviewed translation (placeholders decoded).
    Reviewed(String),
    /// In a draft, a fuzzy translation the merge would take once accepted (placeholders
    /// decoded); it is pending all the same.
    Unreviewed(String),
    /// Its source text: untranslated, missing, unusable, or fuzzy in a final edition.
    Source,
}

impl Shown {
    /// The translation shown, if any.
    pub fn translation(&self) -> Option<&str> {
        match self {
            Shown::Reviewed(t) | Shown::Unreviewed(t) => Some(t),
            Shown::Source => None,
        }
    }
}

/// The result of a merge.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The target article.
    pub output: String,
    /// Segments that are not reviewed translations: they keep their source text, or, in a
    /// draft, show an unreviewed translation.
    pub pending: Vec<PendingSegment>,
    /// Segments translated with a reviewed translation.
    pub translated: usize,
    /// What each segment of the article shows, in the article's order.
    pub shown: Vec<Shown>,
    /// Whether the edition is a draft.
    pub draft: bool,
}

impl Merged {
    /// Segments that show an unreviewed translation (only in a draft).
    pub fn unreviewed(&self) -> usize {
        self.shown
            .iter()
            .filter(|s| matches!(s, Shown::Unreviewed(_)))
            .count()
    }

    /// Segments that keep their source text.
    pub fn kept(&self) -> usize {
        self.shown.iter().filter(|s| **s == Shown::Source).count()
    }
}

/// Merges `work` into `article`: the target edition, whose front matter `lang` (when the
/// article has one) is the work file's target language, and which is a `draft` or final (see
/// the module's doc for what each shows and how it is flagged). Never fails: the caller
/// decides, from [`Merged::pending`], whether the edition may be written.
pub fn merge(article: &Article, work: &WorkFile, draft: bool) -> Merged {
    let mut units = work.lookup();
    let mut pending = Vec::new();
    let mut shown = Vec::with_capacity(article.segments.len());
    let target = work
        .meta
        .as_ref()
        .map(|m| m.target_lang.code().to_string())
        .or_else(|| work.target_lang.clone());
    let edition = Edition {
        lang: target.as_deref(),
        draft: Some(draft),
    };
    let output = article.render_in(&edition, |seg| {
        let mut pend = |workfile_line, reason| {
            pending.push(PendingSegment {
                id: seg.id.clone(),
                source_line: seg.line,
                workfile_line,
                reason,
            })
        };
        // A unit with the segment's id but another source (a CAT tool joined two segments
        // and kept the first one's id) holds no translation of this segment.
        let found = units.get(&seg.id);
        let Some(unit) = found.filter(|u| u.source == article.text(seg)) else {
            pend(None, Pending::Missing);
            shown.push(Shown::Source);
            return None;
        };
        let line = Some(unit.line);
        // Whether a translation is usable is asked of a fuzzy one too, in a draft: it is
        // shown when the merge would take it once accepted.
        let usable = || match stray_control(article.text(seg), &unit.target) {
            Some(c) => Err(Pending::ControlCharacter {
                character: format!("U+{:04X}", c as u32),
            }),
            None => article
                .decode(seg, &unit.target)
                .map_err(|e| Pending::Placeholder {
                    detail: e.to_string(),
                }),
        };
        let choice = match unit.state {
            State::Untranslated => {
                pend(line, Pending::Untranslated);
                Shown::Source
            }
            State::Fuzzy => {
                pend(line, Pending::Fuzzy);
                match draft.then(usable) {
                    Some(Ok(text)) => Shown::Unreviewed(text),
                    _ => Shown::Source,
                }
            }
            State::Translated => match usable() {
                Ok(text) => Shown::Reviewed(text),
                Err(reason) => {
                    pend(line, reason);
                    Shown::Source
                }
            },
        };
        let text = choice.translation().map(str::to_string);
        shown.push(choice);
        text
    });
    let translated = shown
        .iter()
        .filter(|s| matches!(s, Shown::Reviewed(_)))
        .count();
    Merged {
        output,
        pending,
        translated,
        shown,
        draft,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;
    use crate::lang::Lang;
    use crate::workfile::{Catalog, Extract, WorkFormat};

    const MD: &str = "---\ntitle: Council vote\n---\n\nSee [the vote](https://x.test/v). Read [the text](https://x.test/t). It failed. Wait [here](https://x.test/w). It ended.\n";

    /// The article, and its work file with (msgid, msgstr, fuzzy) as `units` says.
    #[test]
    fn every_stray_control_character_is_found_and_tab_newline_and_return_pass() {
        let controls = (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32);
        for c in controls {
            let target = format!("«¿Sí?» ¡Ñandú!\u{a0}° {c}");
            let expected = (!matches!(c, '\t' | '\n' | '\r')).then_some(c);
            assert_eq!(
                stray_control("source", &target),
                expected,
                "U+{:04X}",
                c as u32
            );
            // One the source has is the writer's.
            assert_eq!(stray_control(&format!("a{c}"), &target), None);
        }
        assert_eq!(stray_control("s", "«¿Sí?» ¡Ñandú!"), None);
    }

    fn work(units: &[(&str, &str, bool)]) -> (Article, WorkFile) {
        let a = Article::parse(MD.to_string(), Format::Markdown, Lang::En).unwrap();
        let po = Extract::new(&a, "a.md", Lang::En, Lang::Es)
            .to_po(None)
            .write();
        let mut cat = Catalog::parse(&po).unwrap();
        for e in &mut cat.entries {
            if let Some((_, t, fuzzy)) = units.iter().find(|(s, _, _)| *s == e.msgid) {
                e.msgstr = vec![t.to_string()];
                e.set_fuzzy(*fuzzy);
            }
        }
        (a, WorkFile::read(&cat.write(), WorkFormat::Po).unwrap())
    }

    #[test]
    fn a_draft_shows_a_usable_fuzzy_translation_and_a_final_edition_never_does() {
        let (a, wf) = work(&[
            ("Council vote", "Votación del cabildo", false),
            // Usable: shown in a draft.
            ("See [the vote]({1}).", "Vea [la votación]({1}).", true),
            // Unusable: a placeholder lost, a control character.
            ("Read [the text]({1}).", "Lea [el texto].", true),
            ("It failed.", "Fracasó\u{1b}.", true),
            // Reviewed but broken: never used.
            ("Wait [here]({1}).", "Espere aquí.", false),
            // "It ended." stays untranslated.
        ]);
        let draft = merge(&a, &wf, true);
        assert_eq!(
            draft.shown,
            [
                Shown::Reviewed("Votación del cabildo".into()),
                Shown::Unreviewed("Vea [la votación](https://x.test/v).".into()),
                Shown::Source,
                Shown::Source,
                Shown::Source,
                Shown::Source,
            ]
        );
        let body = "Read [the text](https://x.test/t). It failed. Wait [here](https://x.test/w). It ended.\n";
        assert_eq!(
            draft.output,
            format!("---\ndraft: true\ntitle: Votación del cabildo\n---\n\nVea [la votación](https://x.test/v). {body}")
        );
        assert_eq!(
            (draft.translated, draft.unreviewed(), draft.kept()),
            (1, 1, 4)
        );
        let last = merge(&a, &wf, false);
        assert_eq!(
            last.output,
            format!(
                "---\ntitle: Votación del cabildo\n---\n\nSee [the vote](https://x.test/v). {body}"
            )
        );
        assert_eq!((last.translated, last.unreviewed(), last.kept()), (1, 0, 5));
        // Pending is every segment that is not a reviewed translation, draft or not, with
        // the same reasons: the gate and the unreviewed marks do not depend on the rule.
        assert_eq!(draft.pending, last.pending);
        let reasons: Vec<_> = last.pending.iter().map(|p| p.reason.clone()).collect();
        assert_eq!(reasons.len(), 5);
        assert_eq!(
            reasons[..3],
            [Pending::Fuzzy, Pending::Fuzzy, Pending::Fuzzy]
        );
        assert!(
            matches!(reasons[3], Pending::Placeholder { .. }),
            "{reasons:?}"
        );
        assert_eq!(reasons[4], Pending::Untranslated);
    }

    #[test]
    fn content_not_to_be_translated_stands_as_its_own_target_in_the_edition() {
        let md = "---\ntitle: Council vote\n---\n\nSee [the vote](https://x.test/v). It defends sovereignty.\n";
        let a = Article::parse(md.to_string(), Format::Markdown, Lang::En).unwrap();
        let text = Extract::new(&a, "a.md", Lang::En, Lang::Es).to_xliff(None);
        // The paragraph is not to be translated, as its group says; the title is reviewed.
        let body = &a.blocks[1].id;
        let text = text
            .replacen(
                &format!("<unit id=\"{body}\""),
                "<group id=\"g\" translate=\"no\"><unit id=\"p\"",
                1,
            )
            .replacen("</unit>\n  </file>", "</unit></group>\n  </file>", 1);
        let mut doc = crate::workfile::xliff::read(&text).unwrap();
        let title = &mut doc.segments[0];
        title.target = Some("Votación del cabildo".into());
        title.state = "final".into();
        let wf = doc.into_workfile();
        let stands: Vec<bool> = wf.units.iter().map(|u| u.source_stands).collect();
        assert_eq!(stands, [false, true, true]);
        // Merge puts the source in the edition and nothing is pending.
        let m = merge(&a, &wf, false);
        assert_eq!(m.pending, []);
        assert_eq!(
            m.output,
            md.replace("title: Council vote", "title: Votación del cabildo")
        );
        // A target a translator wrote anyway is read as any other.
        let mut doc = crate::workfile::xliff::read(&text).unwrap();
        doc.segments[2].target = Some("Defiende la soberania.".into());
        doc.segments[2].state = "final".into();
        let u = &doc.into_workfile().units[2];
        assert!(!u.source_stands && u.state == State::Translated);
        assert_eq!(u.target, "Defiende la soberania.");
    }
}
