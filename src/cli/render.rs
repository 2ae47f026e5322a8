//! Rendering shared by command files: what more than one command shows people the same way
//! (a segment merge could not use is listed alike by `merge` and `publish`; a glossary lint
//! finding alike by `glossary lint` and every command that refuses a glossary). Command files
//! import this module, never each other.

use fluent_bundle::FluentValue;

use crate::check::report;
use crate::check::Arg;
use crate::glossary::lint::Finding;
use crate::l10n::L10n;
use crate::t;
use crate::workfile::merge::{Pending, PendingSegment};

/// One segment merge could not translate, as a line for people: id, source line, why.
pub(super) fn pending_item(l: &L10n, p: &PendingSegment, source_name: &str) -> String {
    let reason = match &p.reason {
        Pending::Untranslated => l.get("reason-untranslated"),
        Pending::Fuzzy => l.get("reason-fuzzy"),
        Pending::Missing => l.get("reason-missing"),
        Pending::Placeholder { detail } => t!(l, "reason-placeholder", detail = detail.clone()),
        Pending::ControlCharacter { character } => {
            t!(l, "reason-control-character", character = character.clone())
        }
    };
    t!(
        l,
        "merge-pending-item",
        id = p.id.clone(),
        source = source_name.to_string(),
        line = p.source_line,
        reason = reason
    )
}

/// One lint finding for people: `file:line:column: error[rule]: message`.
pub(super) fn lint_line(l: &L10n, f: &Finding) -> String {
    let arg = |k: &str| f.args.get(k).cloned().unwrap_or_default();
    let id = format!("lint-{}", f.rule);
    let message = t!(
        l,
        &id,
        entry = f.entry.clone().unwrap_or_default(),
        lang = arg("lang"),
        form = arg("form"),
        other = arg("other"),
        en = arg("en"),
        es = arg("es"),
        reason = arg("reason")
    );
    format!(
        "{}:{}:{}: {}[{}]: {}",
        f.file,
        f.line,
        f.column,
        l.get("lint-error"),
        f.rule,
        message
    )
}

/// A message's arguments with long texts (a whole other translation, a long quote) cut, so a
/// report stays linear in its input, and control characters escaped, so neither a terminal
/// nor an XML report receives them raw.
pub(super) fn short_args(args: &[(&'static str, Arg)]) -> Vec<(&'static str, Arg)> {
    args.iter()
        .map(|(k, v)| {
            let v = match v {
                Arg::Text(t) => {
                    Arg::Text(report::visible(&report::cut(t, 2 * report::CONTEXT_CHARS)))
                }
                Arg::Count(n) => Arg::Count(*n),
            };
            (*k, v)
        })
        .collect()
}

pub(super) fn render(l: &L10n, id: &str, args: &[(&'static str, Arg)]) -> String {
    let fargs: Vec<(&str, FluentValue<'_>)> = args
        .iter()
        .map(|(k, v)| {
            // Counts go in as numbers so Fluent can choose the plural form.
            let value = match v {
                Arg::Count(n) => FluentValue::from(*n),
                Arg::Text(t) => FluentValue::from(t.as_str()),
            };
            (*k, value)
        })
        .collect();
    l.msg(id, &fargs)
}

/// The errors of a search for files (a path missing, a folder without any), said where their
/// paths were given among the files' own results: each just before the first file found after
/// it, the rest at the end.
pub(super) struct SearchErrors<'f> {
    found: &'f crate::app::workfiles::Found,
    said: usize,
    /// Where the last file reported stands among the files found.
    position: usize,
}

impl<'f> SearchErrors<'f> {
    pub(super) fn new(found: &'f crate::app::workfiles::Found) -> SearchErrors<'f> {
        SearchErrors {
            found,
            said: 0,
            position: 0,
        }
    }

    /// Says, with `say`, the errors given before `path`, the next file to be reported. The
    /// files come in the order found, though a run may leave some out (editions, repeats).
    pub(super) fn before_file(
        &mut self,
        path: &std::path::Path,
        say: impl FnMut(&crate::error::Error),
    ) {
        while self
            .found
            .files
            .get(self.position)
            .is_some_and(|f| f != path)
        {
            self.position += 1;
        }
        self.before(self.position, say);
    }

    /// Says, with `say`, the errors given before the file at `index` of the search's files.
    fn before(&mut self, index: usize, mut say: impl FnMut(&crate::error::Error)) {
        while let (Some(e), Some(&at)) = (
            self.found.errors.get(self.said),
            self.found.error_at.get(self.said),
        ) {
            if at > index {
                break;
            }
            say(e);
            self.said += 1;
        }
    }

    /// Says the errors not said yet.
    pub(super) fn rest(&mut self, say: impl FnMut(&crate::error::Error)) {
        self.before(usize::MAX, say);
    }
}
