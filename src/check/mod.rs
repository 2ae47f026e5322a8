//! Quality checks over translated work files: terminology, names, quotes, numbers,
//! punctuation, markup, control characters, the state of each segment, and the file's
//! structure (ids used twice, plural forms at odds with the header or under a header without
//! a readable Plural-Forms, from the reader's [`crate::workfile::Issue`]s).
//!
//! [`Checker`] holds what every segment is checked against (the glossary's automatons, the
//! quote register, the project's settings); [`check_files`] runs it over work files already
//! read and returns findings that name the file, the segment, the side and the byte span. Each
//! rule has a stable id ([`Rule`]) and a default severity that a project can change.
//! Messages are data (a Fluent id and its arguments): the CLI renders them in the reader's
//! language. A translator silences one rule on one segment with a comment
//! `puente-ignore RULE: reason`. Pure: no I/O, no terminal, no environment.

pub mod numbers;
pub mod quotes;
pub mod report;
mod text;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::glossary::matcher::{select, Hit, Matcher, Workload};
use crate::glossary::register::Register;
use crate::glossary::{Glossary, Kind};
use crate::lang::Lang;
use crate::text::markup;
use crate::text::quotes::{self as text_quotes, Marks};
// The check settings name them; text owns them because protection and number reading
// use them too.
pub use crate::text::numbers::NumberLocale;
pub use crate::text::quotes::QuoteStyle;
use crate::workfile::{IssueKind, State, UnitOf, WorkFileOf};
pub use quotes::EnglishPunctuation;

/// The rules, in the order the docs list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Each source occurrence of a term has its target form.
    GlossaryTerm,
    /// No forbidden form in the target.
    ForbiddenTerm,
    /// Names verbatim.
    NamePreserved,
    /// Quotation marks paired, nested per style, as many as the source.
    QuoteMarks,
    /// Spanish: the comma or period after the closing mark.
    QuotePunctuation,
    /// Register quotes in their approved wording.
    QuoteFidelity,
    /// The same numeric values.
    Numbers,
    /// Spanish ¿ ¡ openers.
    SpanishPunctuation,
    /// No translation.
    Untranslated,
    /// An unreviewed translation.
    Fuzzy,
    /// The target is the source.
    SameAsSource,
    /// One source, different translations.
    Inconsistent,
    /// Placeholders, links and inline markup kept.
    Markup,
    /// An id used twice in a work file (PO: `msgctxt` and `msgid`; XLIFF: unit or segment).
    DuplicateId,
    /// PO plural entries with as many forms as the header's `nplurals`.
    PluralForms,
    /// No control characters (ESC, BEL, NUL…) in the target that the source does not have.
    ControlCharacters,
    /// A `puente-ignore` comment without a known rule or a reason.
    Suppression,
    /// An unreviewed machine translation whose note names words the engine did not know.
    EngineUnknownWords,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Rule; 18] = [
        Rule::GlossaryTerm,
        Rule::ForbiddenTerm,
        Rule::NamePreserved,
        Rule::QuoteMarks,
        Rule::QuotePunctuation,
        Rule::QuoteFidelity,
        Rule::Numbers,
        Rule::SpanishPunctuation,
        Rule::Untranslated,
        Rule::Fuzzy,
        Rule::SameAsSource,
        Rule::Inconsistent,
        Rule::Markup,
        Rule::DuplicateId,
        Rule::PluralForms,
        Rule::ControlCharacters,
        Rule::Suppression,
        Rule::EngineUnknownWords,
    ];

    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            Rule::GlossaryTerm => "glossary-term",
            Rule::ForbiddenTerm => "forbidden-term",
            Rule::NamePreserved => "name-preserved",
            Rule::QuoteMarks => "quote-marks",
            Rule::QuotePunctuation => "quote-punctuation",
            Rule::QuoteFidelity => "quote-fidelity",
            Rule::Numbers => "numbers",
            Rule::SpanishPunctuation => "spanish-punctuation",
            Rule::Untranslated => "untranslated",
            Rule::Fuzzy => "fuzzy",
            Rule::SameAsSource => "same-as-source",
            Rule::Inconsistent => "inconsistent",
            Rule::Markup => "markup",
            Rule::DuplicateId => "duplicate-id",
            Rule::PluralForms => "plural-forms",
            Rule::ControlCharacters => "control-characters",
            Rule::Suppression => "suppression",
            Rule::EngineUnknownWords => "engine-unknown-words",
        }
    }

    /// The rule with this id.
    pub fn parse(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The severity a rule has unless the project says otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::Fuzzy
            | Rule::SameAsSource
            | Rule::Inconsistent
            | Rule::Suppression
            | Rule::EngineUnknownWords => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Not run.
    Off,
    /// Reported; does not fail the run.
    Warning,
    /// Fails the run (exit 1).
    Error,
}

impl Severity {
    /// `error`, `warning` or `off`.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `off`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "off" => Some(Severity::Off),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Which text of a segment a span points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The source text.
    Source,
    /// The translation.
    Target,
}

/// A message argument: text, or a count Fluent can choose a plural form by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Words, forms, marks.
    Text(String),
    /// How many.
    Count(usize),
}

impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Arg::Text(t) => f.write_str(t),
            Arg::Count(n) => write!(f, "{n}"),
        }
    }
}

/// A message as data: a Fluent id and its arguments, rendered by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The Fluent id (`check-…`).
    pub id: &'static str,
    /// Named arguments.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    fn arg(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    fn count(mut self, name: &'static str, value: usize) -> Message {
        self.args.push((name, Arg::Count(value)));
        self
    }
}

/// One finding on one segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// Its severity in this project.
    pub severity: Severity,
    /// The text the span points into.
    pub side: Side,
    /// The offending bytes, when there is a place to point at.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: Message,
}

/// A finding with the file (index into the checked files) and unit (index into its units).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// Index of the work file.
    pub file: usize,
    /// Index of the unit in that file.
    pub unit: usize,
    /// The finding.
    pub finding: Finding,
}

/// What a project sets for the checks.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Spanish first-level quotes.
    pub quote_style: QuoteStyle,
    /// Spanish number format.
    pub number_locale: NumberLocale,
    /// Where an English target puts a comma or period after a quotation (from its tag).
    pub english_punctuation: EnglishPunctuation,
    /// Severity per rule, where the project changed it.
    pub levels: HashMap<Rule, Severity>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            quote_style: QuoteStyle::Angular,
            number_locale: NumberLocale::Mx,
            english_punctuation: EnglishPunctuation::American,
            levels: HashMap::new(),
        }
    }
}

impl Settings {
    /// The severity of `rule` here.
    pub fn severity(&self, rule: Rule) -> Severity {
        self.levels
            .get(&rule)
            .copied()
            .unwrap_or_else(|| rule.default_severity())
    }
}

/// Everything a segment is checked against, for one direction.
pub struct Checker<'g> {
    glossary: &'g Glossary,
    source: Lang,
    target: Lang,
    settings: Settings,
    source_matcher: Matcher,
    target_matcher: Matcher,
    register: Register,
}

impl<'g> Checker<'g> {
    /// A checker for `source` → `target` with `glossary`, for many segments.
    pub fn new(glossary: &'g Glossary, source: Lang, target: Lang, settings: Settings) -> Self {
        Checker::for_segments(glossary, source, target, settings, usize::MAX)
    }

    /// A checker for `source` → `target` with `glossary`, built for checking about `segments`
    /// segments ([`Workload::of`]).
    pub fn for_segments(
        glossary: &'g Glossary,
        source: Lang,
        target: Lang,
        settings: Settings,
        segments: usize,
    ) -> Self {
        let workload = Workload::of(segments);
        // The two automatons are built at once: with a large glossary their build is most of
        // a one-story check.
        let (source_matcher, target_matcher) = rayon::join(
            || Matcher::for_workload(glossary, source, workload),
            || Matcher::for_workload(glossary, target, workload),
        );
        Checker {
            glossary,
            source,
            target,
            source_matcher,
            target_matcher,
            register: Register::new(glossary, source, target),
            settings,
        }
    }

    /// The direction checked.
    pub fn languages(&self) -> (Lang, Lang) {
        (self.source, self.target)
    }

    /// The findings on one unit, suppressions applied, rules set to `off` left out.
    pub fn check_unit(&self, unit: &UnitOf<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        self.raw_findings(unit, &mut out);
        let mut found = Vec::with_capacity(out.len());
        let suppressions = suppressions(unit);
        for (rule, severity, side, span, message) in out {
            if suppressions.silenced.contains(&rule) {
                continue;
            }
            found.push(Finding {
                rule,
                severity,
                side,
                span,
                message,
            });
        }
        for bad in suppressions.bad {
            found.push(Finding {
                rule: Rule::Suppression,
                severity: self.settings.severity(Rule::Suppression),
                side: Side::Target,
                span: None,
                message: Message::new("check-suppression").arg("comment", bad),
            });
        }
        found.retain(|f| f.severity != Severity::Off);
        found
    }

    fn raw_findings(&self, unit: &UnitOf<'_>, out: &mut Vec<Raw>) {
        // Content not to be translated has no translation to look at: its source stands.
        if unit.source_stands {
            return;
        }
        let mut push = |rule: Rule, side: Side, span: Option<Range<usize>>, message: Message| {
            let severity = self.settings.severity(rule);
            if severity != Severity::Off {
                out.push((rule, severity, side, span, message));
            }
        };
        match unit.state {
            State::Untranslated => {
                push(
                    Rule::Untranslated,
                    Side::Source,
                    None,
                    Message::new("check-untranslated"),
                );
                return;
            }
            State::Fuzzy => {
                push(Rule::Fuzzy, Side::Target, None, Message::new("check-fuzzy"));
                // Words the engine did not know, as translate noted them: listed while nobody
                // has reviewed the translation.
                let unknown: Vec<&str> = unit
                    .comments
                    .iter()
                    .flat_map(|c| crate::workfile::edit::unknown_words(c, &unit.id))
                    .collect();
                if !unknown.is_empty() {
                    push(
                        Rule::EngineUnknownWords,
                        Side::Target,
                        None,
                        Message::new("check-engine-unknown-words")
                            .arg("list", unknown.join(", "))
                            .count("count", unknown.len()),
                    );
                }
            }
            State::Translated => {}
        }
        let (src, tgt) = (unit.source.as_ref(), unit.target.as_ref());
        let to_es = self.target == Lang::Es;
        // Terms, names and quotes are read in the writer's words only: a forbidden form in a
        // link's URL or the quotes of an HTML attribute are not words (offsets unchanged).
        let (src_words, tgt_words) = (markup::words_only(src), markup::words_only(tgt));
        let (src_w, tgt_w) = (src_words.as_ref(), tgt_words.as_ref());

        // Register quotes first: terms inside a register quote are the quote's business.
        let src_quotes = text_quotes::scan(src_w, Marks::Quotation);
        let tgt_quotes = text_quotes::scan(tgt_w, Marks::Quotation);
        let (quoted, findings) =
            quotes::fidelity(&self.register, src_w, &src_quotes, tgt_w, &tgt_quotes);
        let register_said = !findings.is_empty();
        for (span, message) in findings {
            push(Rule::QuoteFidelity, Side::Target, span, message);
        }

        let src_hits = self.source_matcher.find(src_w);
        self.terms(src_w, tgt_w, &src_hits, &quoted, &mut push);

        for (span, message) in quotes::marks(
            (src_w, &src_quotes),
            (tgt_w, &tgt_quotes),
            self.target,
            self.settings.quote_style,
            self.settings.english_punctuation,
        ) {
            // A register quote added or dropped changes the count too: said once is enough.
            if register_said && message.id == "check-quote-count" {
                continue;
            }
            push(Rule::QuoteMarks, Side::Target, span, message);
        }
        for (span, message) in quotes::punctuation(
            tgt_w,
            &tgt_quotes,
            self.target,
            self.settings.english_punctuation,
        ) {
            push(Rule::QuotePunctuation, Side::Target, span, message);
        }
        if to_es {
            for (span, message) in text::spanish_punctuation(tgt) {
                push(Rule::SpanishPunctuation, Side::Target, span, message);
            }
        }
        let locale = |lang: Lang| match lang {
            Lang::En => NumberLocale::Mx,
            Lang::Es => self.settings.number_locale,
        };
        for (side, span, message) in numbers::compare(
            src,
            self.source,
            locale(self.source),
            tgt,
            self.target,
            locale(self.target),
        ) {
            push(Rule::Numbers, side, span, message);
        }
        for (span, message) in text::control_characters(src, tgt) {
            push(Rule::ControlCharacters, Side::Target, span, message);
        }
        for (span, message) in text::markup(src, tgt) {
            push(Rule::Markup, Side::Target, span, message);
        }
        for (span, message) in
            text::emphasis_words(src, tgt, &src_hits, || self.target_matcher.find(tgt_w))
        {
            push(Rule::Markup, Side::Target, span, message);
        }
        if text::same_as_source(src, tgt, &src_hits, self.glossary) {
            push(
                Rule::SameAsSource,
                Side::Target,
                None,
                Message::new("check-same-as-source"),
            );
        }
    }

    /// glossary-term, forbidden-term and name-preserved.
    fn terms(
        &self,
        src: &str,
        tgt: &str,
        src_hits: &[Hit<'_>],
        quoted: &[Range<usize>],
        push: &mut impl FnMut(Rule, Side, Option<Range<usize>>, Message),
    ) {
        let g = self.glossary;
        let src_hits: Vec<&Hit> = src_hits
            .iter()
            .filter(|h| !h.forbidden)
            .filter(|h| {
                !quoted
                    .iter()
                    .any(|q| q.start <= h.span.start && h.span.end <= q.end)
            })
            .collect();
        let tgt_all = self.target_matcher.candidates(tgt);
        let tgt_hits = select(&tgt_all);
        // The accent-blind copy of the target, made once and only if a name needs it.
        let folded = std::cell::OnceCell::new();

        // Forbidden forms of terms; a name's forbidden forms are reported as names below.
        for h in tgt_hits.iter().filter(|h| h.forbidden) {
            let term = &g.terms[h.term];
            if term.kind == Kind::Name {
                continue;
            }
            // A fix is suggested only when one form unambiguously replaces the forbidden one;
            // otherwise the entry is named, for its forms and its note.
            let occurrence = &tgt[h.span.clone()];
            let message = match term.fix_for(h.form, occurrence, self.target) {
                Some(fix) => Message::new("check-forbidden-term")
                    .arg("form", occurrence)
                    .arg("fix", fix),
                None => Message::new("check-forbidden-term-entry").arg("form", occurrence),
            };
            push(
                Rule::ForbiddenTerm,
                Side::Target,
                Some(h.span.clone()),
                message.arg("entry", &term.id),
            );
        }

        // Source occurrences per entry, in order of first appearance.
        let mut needed: BTreeMap<usize, Vec<&Hit>> = BTreeMap::new();
        for h in src_hits {
            needed.entry(h.term).or_default().push(h);
        }
        // A forbidden form of an entry that has no forms in the source language (a rule of
        // the target's alone, such as «huelga» never standing for a strike) stands where some
        // term should have been: it stands for one missing occurrence, which forbidden-term
        // has reported already.
        let mut unattributed = tgt_hits
            .iter()
            .filter(|c| {
                c.forbidden
                    && g.terms[c.term].kind != Kind::Name
                    && g.terms[c.term]
                        .forms
                        .get(&self.source)
                        .is_none_or(|f| f.is_empty())
            })
            .count();
        for (&term_ix, hits) in &needed {
            let term = &g.terms[term_ix];
            let Some(forms) = term.forms.get(&self.target) else {
                continue;
            };
            let found =
                count_disjoint(tgt_all.iter().filter(|c| c.term == term_ix && !c.forbidden));
            let wrong: Vec<&Hit> = tgt_hits
                .iter()
                .copied()
                .filter(|c| c.term == term_ix && c.forbidden)
                .collect();
            if term.kind == Kind::Name {
                // Spanish often drops a repeated subject, so a name needs to be there once,
                // spelled right; every misspelling is reported.
                let mut bad: Vec<Range<usize>> = wrong.iter().map(|w| w.span.clone()).collect();
                for form in forms {
                    let folded = folded.get_or_init(|| text::Folded::new(tgt));
                    for span in folded.find_all(tgt, form) {
                        let exact = forms.iter().any(|f| tgt[span.clone()] == **f);
                        let covered = tgt_all.iter().any(|c| {
                            c.term == term_ix
                                && c.span.start <= span.start
                                && span.end <= c.span.end
                        });
                        if !exact
                            && !covered
                            && !bad.iter().any(|b| b.start < span.end && span.start < b.end)
                        {
                            bad.push(span);
                        }
                    }
                }
                bad.sort_by_key(|b| b.start);
                for span in &bad {
                    push(
                        Rule::NamePreserved,
                        Side::Target,
                        Some(span.clone()),
                        Message::new("check-name-changed")
                            .arg("name", hits[0].form)
                            .arg("found", &tgt[span.clone()]),
                    );
                }
                if found == 0 && bad.is_empty() {
                    push(
                        Rule::NamePreserved,
                        Side::Target,
                        None,
                        Message::new("check-name-missing").arg("name", hits[0].form),
                    );
                }
                continue;
            }
            if found >= hits.len() {
                continue;
            }
            // A forbidden form stands where the term should be: forbidden-term has said so.
            let mut missing = (hits.len() - found).saturating_sub(wrong.len());
            let standing_in = missing.min(unattributed);
            missing -= standing_in;
            unattributed -= standing_in;
            if missing == 0 {
                continue;
            }
            let first_missing = hits[found.min(hits.len() - 1)];
            push(
                Rule::GlossaryTerm,
                Side::Source,
                Some(first_missing.span.clone()),
                Message::new("check-glossary-term")
                    .arg("form", &src[first_missing.span.clone()])
                    .arg("expected", forms.join(" / "))
                    .count("count", hits.len())
                    .count("found", found)
                    .arg("entry", &term.id),
            );
        }
    }
}

type Raw = (Rule, Severity, Side, Option<Range<usize>>, Message);

/// How many of `hits` can be taken without overlapping, earliest first.
fn count_disjoint<'a, 'm: 'a>(hits: impl Iterator<Item = &'a Hit<'m>>) -> usize {
    let mut end = 0;
    let mut n = 0;
    for h in hits {
        if n == 0 || h.span.start >= end {
            n += 1;
            end = h.span.end;
        }
    }
    n
}

/// The rules a unit's comments silence, and the comments that try and fail.
struct Suppressions {
    silenced: Vec<Rule>,
    bad: Vec<String>,
}

/// The marker that starts a suppression comment.
pub const SUPPRESS: &str = "puente-ignore";

/// Reads `puente-ignore RULE [SEGMENT]: reason` comments. A segment id limits an XLIFF unit
/// note to one of its segments. Without a known rule or a reason nothing is silenced, and the
/// comment itself is reported.
fn suppressions(unit: &UnitOf<'_>) -> Suppressions {
    let mut s = Suppressions {
        silenced: Vec::new(),
        bad: Vec::new(),
    };
    for comment in unit.comments.iter().flat_map(|c| c.lines()) {
        let Some(rest) = comment.trim().strip_prefix(SUPPRESS) else {
            continue;
        };
        let (head, reason) = rest.split_once(':').unwrap_or((rest, ""));
        let mut words = head.split_whitespace();
        let rule = words.next().and_then(Rule::parse);
        let segment = words.next();
        if segment.is_some_and(|seg| seg != unit.id) {
            continue;
        }
        match rule {
            Some(r) if !reason.trim().is_empty() => s.silenced.push(r),
            _ => s.bad.push(comment.trim().to_string()),
        }
    }
    s
}

/// One work file to check: its name (for messages), its content and its direction's checker.
pub struct CheckedFile<'a, 'g> {
    /// The file's name as the user gave it.
    pub name: &'a str,
    /// The file, read.
    pub workfile: &'a WorkFileOf<'a>,
    /// The checker for its languages.
    pub checker: &'a Checker<'g>,
}

/// Runs `checker` over `files` (the checker of each file's direction), then the rules about
/// a file's structure (`duplicate-id`, `plural-forms`) and the cross-file `inconsistent` rule,
/// and returns every finding in file and unit order.
pub fn check_files(files: &[CheckedFile<'_, '_>], settings: &Settings) -> Vec<Located> {
    let mut consistency = Consistency::default();
    let mut found = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        found.extend(check_file(fi, f, settings, &mut consistency));
    }
    found
}

/// Checks one file, the `fi`-th of a run: its units, its structure and, against the files
/// before it (what `consistency` remembers of them), the `inconsistent` rule. The findings
/// are in unit order. A run that checks its files one at a time this way holds one file at a
/// time, and finds what [`check_files`] finds over all of them.
pub fn check_file(
    fi: usize,
    f: &CheckedFile<'_, '_>,
    settings: &Settings,
    consistency: &mut Consistency,
) -> Vec<Located> {
    let mut found = check_units(fi, f, settings);
    found.extend(consistency.file(fi, f, settings));
    // Stable: a unit's own findings first, then the file's, then the cross-file ones.
    found.sort_by_key(|l| l.unit);
    found
}

/// The findings of file `fi` that need no other file: its units' and its structure's, in that
/// order (files can be checked this way on several threads at once).
pub fn check_units(fi: usize, f: &CheckedFile<'_, '_>, settings: &Settings) -> Vec<Located> {
    let mut found = Vec::new();
    for (ui, unit) in f.workfile.units.iter().enumerate() {
        for finding in f.checker.check_unit(unit) {
            found.push(Located {
                file: fi,
                unit: ui,
                finding,
            });
        }
    }
    found.extend(structure(fi, f.workfile, settings));
    found
}

/// The findings on a file's structure, from the issues its reader listed.
fn structure(file: usize, wf: &WorkFileOf<'_>, settings: &Settings) -> Vec<Located> {
    let mut out = Vec::new();
    for issue in &wf.issues {
        let (rule, message) = match &issue.kind {
            IssueKind::Duplicate { id, first_line } => (
                Rule::DuplicateId,
                Message::new("check-duplicate-id")
                    .arg("id", id)
                    .arg("first_line", first_line.to_string()),
            ),
            IssueKind::PluralCount { found, expected } => (
                Rule::PluralForms,
                Message::new("check-plural-count")
                    .count("found", *found)
                    .count("expected", *expected),
            ),
            IssueKind::PluralWithoutMsgidPlural => (
                Rule::PluralForms,
                Message::new("check-plural-no-msgid-plural"),
            ),
            IssueKind::PluralFormsHeader { found: None } => {
                (Rule::PluralForms, Message::new("check-plural-no-header"))
            }
            IssueKind::PluralFormsHeader { found: Some(forms) } => (
                Rule::PluralForms,
                Message::new("check-plural-bad-header").arg("forms", forms),
            ),
        };
        let severity = settings.severity(rule);
        let Some(unit) = wf.units.get(issue.unit) else {
            continue;
        };
        if severity == Severity::Off || suppressions(unit).silenced.contains(&rule) {
            continue;
        }
        out.push(Located {
            file,
            unit: issue.unit,
            finding: Finding {
                rule,
                severity,
                side: Side::Target,
                span: None,
                message,
            },
        });
    }
    out
}

/// What the `inconsistent` rule remembers of the files checked so far: the first translation
/// of each source in each direction, with where it was. Only this is kept of a file once it is
/// checked, so a run over a whole archive holds its distinct translated sources, not its files.
#[derive(Debug, Default)]
pub struct Consistency {
    /// The first translation of each source, by direction: (file index, line, translation).
    /// Looked up by the source's text, so only a source met for the first time is copied.
    first: HashMap<(Lang, Lang), FirstTranslations>,
    /// The files' names, by index, for the messages.
    names: Vec<String>,
}

/// The first translation of each source of one direction: (file index, line, translation).
type FirstTranslations = HashMap<String, (usize, usize, String), foldhash::fast::RandomState>;

impl Consistency {
    /// The same source translated differently: each translation in file `fi` that differs
    /// from the first one seen (in an earlier file, or earlier in this one) is reported
    /// against it. Files must come in order, each once; nothing when the rule is off.
    pub fn file(
        &mut self,
        fi: usize,
        f: &CheckedFile<'_, '_>,
        settings: &Settings,
    ) -> Vec<Located> {
        if settings.severity(Rule::Inconsistent) == Severity::Off {
            return Vec::new();
        }
        if self.names.len() <= fi {
            self.names.resize(fi + 1, String::new());
        }
        self.names[fi] = f.name.to_string();
        let checker = f.checker;
        let mut out = Vec::new();
        let first = self
            .first
            .entry((checker.source, checker.target))
            .or_default();
        for (ui, unit) in f.workfile.units.iter().enumerate() {
            // A source standing as its target is no translation to compare.
            if unit.target.trim().is_empty() || unit.source_stands {
                continue;
            }
            let Some((f0, line, other)) = first.get(unit.source.as_ref()) else {
                first.insert(
                    unit.source.to_string(),
                    (fi, unit.line, unit.target.to_string()),
                );
                continue;
            };
            if other.trim() == unit.target.trim()
                || suppressions(unit).silenced.contains(&Rule::Inconsistent)
            {
                continue;
            }
            out.push(Located {
                file: fi,
                unit: ui,
                finding: Finding {
                    rule: Rule::Inconsistent,
                    severity: settings.severity(Rule::Inconsistent),
                    side: Side::Target,
                    span: None,
                    message: Message::new("check-inconsistent")
                        .arg("file", &self.names[*f0])
                        .arg("line", line.to_string())
                        .arg("other", other.clone()),
                },
            });
        }
        out
    }
}

#[cfg(test)]
mod tests;
