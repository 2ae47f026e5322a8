//! Work files: what translators edit. Extraction (article → PO or XLIFF), reading back, and
//! merge (work file + source article → translated article) live together here.
//!
//! A work file names its source article (relative to the work file's folder) and the
//! source's SHA-256, so merge can refuse a source that changed. Segment ids (`msgctxt` in PO,
//! segment `id` in XLIFF) tie each translation to its place in the source. An id used twice is
//! an [`Issue`] that `check` reports and [`WorkFile::read`] refuses, so no translation is ever
//! picked silently; rewriting such a file keeps the other translation as obsolete. A PO entry's
//! notes quote the sentences around it, each cut to [`CONTEXT_CHARS`], so a work file is a small
//! multiple of its article however long its paragraphs. A PO work file is read entry by entry
//! into its units, and merge finds each segment's unit in the file's order
//! ([`WorkFile::lookup`]), so a huge work file is held once, as its units, and not indexed again.
//! `check` keeps a work file's text instead, with units that borrow their strings from it
//! ([`Loaded`]): reading an archive to check it copies almost nothing.
//!
//! This module is pure: it turns text into text and never touches the file system, the
//! network or the terminal.

pub mod edit;
pub mod merge;
pub mod po;
pub mod update;
pub mod xliff;

use std::borrow::Cow;
use std::collections::HashMap;

use crate::article::{Article, Block};
use crate::lang::Lang;

pub use po::{Catalog, Entry};

/// The generator string written into work files.
pub const GENERATOR: &str = concat!("puente ", env!("CARGO_PKG_VERSION"));

/// PO header fields (and XLIFF notes) puente owns.
pub const FIELD_SOURCE: &str = "X-Puente-Source";
/// The source's checksum.
pub const FIELD_SHA: &str = "X-Puente-Source-SHA256";
/// The source's language.
pub const FIELD_SOURCE_LANG: &str = "X-Source-Language";

/// The two work file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkFormat {
    /// Gettext PO.
    Po,
    /// XLIFF 2.1.
    Xliff,
}

impl WorkFormat {
    /// Chooses by extension (`.po`, `.pot`, `.xlf`, `.xliff`), then by content.
    pub fn detect(path: &str, text: &str) -> WorkFormat {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".xlf") || lower.ends_with(".xliff") {
            WorkFormat::Xliff
        } else if lower.ends_with(".po") || lower.ends_with(".pot") {
            WorkFormat::Po
        } else if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
        {
            WorkFormat::Xliff
        } else {
            WorkFormat::Po
        }
    }

    /// The usual extension.
    pub fn extension(self) -> &'static str {
        match self {
            WorkFormat::Po => "po",
            WorkFormat::Xliff => "xlf",
        }
    }
}

/// Where a work file came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// The source article, relative to the work file's folder (or absolute).
    pub source: String,
    /// The SHA-256 of the source's bytes, in hex.
    pub source_sha256: String,
    /// The source language.
    pub source_lang: Lang,
    /// The target language.
    pub target_lang: Lang,
}

/// How far a segment's translation has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// No translation.
    Untranslated,
    /// A translation nobody has reviewed (PO `fuzzy`; XLIFF `translated` with the
    /// `puente:fuzzy` subState, or `initial` with a target).
    Fuzzy,
    /// Translated and accepted.
    Translated,
}

/// One segment of a work file, as read back: [`UnitOf`] owning its strings, as every command
/// but `check` keeps it.
pub type Unit = UnitOf<'static>;

/// One segment of a work file, as read back, its strings borrowed from the file's text where
/// they could be ([`WorkFileOf::read_in`]) or owned (`'static`, [`Unit`]).
#[derive(Clone, Debug)]
pub struct UnitOf<'a> {
    /// The segment id.
    pub id: Cow<'a, str>,
    /// The source text (with placeholders).
    pub source: Cow<'a, str>,
    /// The translation (with placeholders), empty when untranslated.
    pub target: Cow<'a, str>,
    /// Its state.
    pub state: State,
    /// 1-based line in the work file.
    pub line: usize,
    /// Translator comments (PO `# …`, XLIFF unit notes), where suppressions are written.
    pub comments: Vec<String>,
    /// Whether the segment is not to be translated and its source stands as its target: an
    /// XLIFF unit marked `translate="no"` (by itself, its group or its file) left without a
    /// target. Such a unit reads as [`State::Translated`] with its source as `target`, so
    /// merge puts the source in the edition, the gate does not wait for it and status counts
    /// it done; it is no translation, so `check` has nothing to look at in it and the memory
    /// does not learn it. A target written anyway is read as any other.
    pub source_stands: bool,
}

/// Something wrong with a work file's structure that does not stop it being read: `check`
/// reports it (rules `duplicate-id` and `plural-forms`); [`WorkFile::read`] refuses duplicates,
/// since merge could not tell which translation to use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// The unit it is about (index into [`WorkFile::units`]).
    pub unit: usize,
    /// What.
    pub kind: IssueKind,
}

/// The kinds of [`Issue`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IssueKind {
    /// The unit's id was used before. PO: the same `msgctxt` and `msgid` (msgfmt refuses it),
    /// or in a puente work file the same segment id. XLIFF: a `<unit>` id twice in a
    /// `<file>`, a segment id twice in a unit, or in a puente work file twice anywhere.
    Duplicate {
        /// The id.
        id: String,
        /// 1-based line where it was first used.
        first_line: usize,
    },
    /// A PO plural entry with another number of forms than the header's `nplurals`.
    PluralCount {
        /// Forms written.
        found: usize,
        /// The header's `nplurals` (2 when the header does not say).
        expected: usize,
    },
    /// A PO entry with `msgstr[n]` and no `msgid_plural`.
    PluralWithoutMsgidPlural,
    /// A PO file with plural entries whose header has no `Plural-Forms: nplurals=N;
    /// plural=EXPRESSION;` that can be read (msgfmt --check refuses it): reported once, on the
    /// first plural entry.
    PluralFormsHeader {
        /// The header's `Plural-Forms` as written, `None` when it has none.
        found: Option<String>,
    },
}

/// A work file read back, owning its strings: what merge and the other commands keep.
pub type WorkFile = WorkFileOf<'static>;

/// A work file read back: what merge and the checks need. `check` reads it with its units'
/// strings borrowed from the file's text ([`WorkFileOf::read_in`]), which it holds beside
/// them: copying every string of an archive was a sixth of checking it.
#[derive(Clone, Debug)]
pub struct WorkFileOf<'a> {
    /// Its format.
    pub format: WorkFormat,
    /// The source it names, if it is a puente work file.
    pub meta: Option<Meta>,
    /// The source language the file declares, if any.
    pub source_lang: Option<String>,
    /// The target language the file declares, if any.
    pub target_lang: Option<String>,
    /// Its segments, in file order.
    pub units: Vec<UnitOf<'a>>,
    /// What is wrong with its structure, in unit order.
    pub issues: Vec<Issue>,
}

/// A work file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// PO syntax.
    #[error("{0}")]
    Po(#[from] po::PoError),
    /// XML or XLIFF structure.
    #[error("{0}")]
    Xliff(#[from] xliff::XliffError),
}

impl<'a> WorkFileOf<'a> {
    /// Reads a work file's text whatever its [`Issue`]s, which it lists, its units' strings
    /// borrowed from `text` where they are written as they read (a PO string that needed no
    /// decoding or joining): what `check` reads.
    pub fn read_in(text: &'a str, format: WorkFormat) -> Result<WorkFileOf<'a>, ReadError> {
        read_keeping(text, format, |s| s)
    }
}

/// Reads a work file's text in `format`, each PO string kept as `keep` makes it (an XLIFF
/// file's strings are owned whatever `keep` says): the one reader behind
/// [`WorkFileOf::read_in`] and [`WorkFile::read_any`].
fn read_keeping<'a, 'b>(
    text: &'a str,
    format: WorkFormat,
    keep: impl Fn(Cow<'a, str>) -> Cow<'b, str>,
) -> Result<WorkFileOf<'b>, ReadError> {
    match format {
        WorkFormat::Po => Ok(read_po(text, keep)?),
        WorkFormat::Xliff => Ok(xliff::read(text)?.into_workfile()),
    }
}

self_cell::self_cell!(
    /// A work file's text and the work file read from it ([`WorkFileOf::read_in`]), its
    /// units' strings borrowed from that text: what a reader that keeps a work file a while
    /// (`check`, until its findings are reported) holds, one text and no copies.
    pub struct Loaded {
        owner: String,
        #[covariant]
        dependent: WorkFileOf,
    }
    impl {Debug}
);

impl Loaded {
    /// Reads `text` as [`WorkFileOf::read_in`] does, and keeps it when the units borrow from
    /// it: an XLIFF file's units own their strings, and its text is let go.
    pub fn read(text: String, format: WorkFormat) -> Result<Loaded, ReadError> {
        match format {
            WorkFormat::Po => Loaded::try_new(text, |text| WorkFileOf::read_in(text, format)),
            WorkFormat::Xliff => {
                let wf = WorkFile::read_any(&text, format)?;
                Ok(Loaded::new(String::new(), |_| wf))
            }
        }
    }

    /// The work file.
    pub fn workfile(&self) -> &WorkFileOf<'_> {
        self.borrow_dependent()
    }
}

impl WorkFile {
    /// Reads a work file's text, refusing one where an id is used twice (the error names the
    /// id and both lines): merge, the memory and publish cannot tell which translation to use.
    pub fn read(text: &str, format: WorkFormat) -> Result<WorkFile, ReadError> {
        let wf = WorkFile::read_any(text, format)?;
        for issue in &wf.issues {
            let IssueKind::Duplicate { id, first_line } = &issue.kind else {
                continue;
            };
            let line = wf.units[issue.unit].line;
            return Err(match format {
                WorkFormat::Po => ReadError::Po(po::PoError {
                    pos: po::Pos { line, column: 1 },
                    kind: po::PoErrorKind::Duplicate {
                        id: id.clone(),
                        first_line: *first_line,
                    },
                }),
                WorkFormat::Xliff => ReadError::Xliff(xliff::XliffError {
                    line,
                    column: 1,
                    kind: xliff::XliffProblem::Duplicate {
                        id: id.clone(),
                        first_line: *first_line,
                    },
                }),
            });
        }
        Ok(wf)
    }

    /// Reads a work file's text whatever its [`Issue`]s, which it lists.
    pub fn read_any(text: &str, format: WorkFormat) -> Result<WorkFile, ReadError> {
        // Each string is copied as it is read: a second pass over the units to copy them was
        // 2 % of a folder merge.
        read_keeping(text, format, |s| Cow::Owned(s.into_owned()))
    }

    /// The units by id.
    pub fn by_id(&self) -> HashMap<&str, &Unit> {
        self.units.iter().map(|u| (u.id.as_ref(), u)).collect()
    }

    /// The units by id for ids asked in the file's order (an article's segments, in a work
    /// file made from it): what [`WorkFile::by_id`] finds, without a map while the ids come
    /// one after the other as the units do, so a huge work file is not indexed a second time.
    pub fn lookup(&self) -> Lookup<'_> {
        let duplicates = self
            .issues
            .iter()
            .any(|i| matches!(i.kind, IssueKind::Duplicate { .. }));
        Lookup {
            units: &self.units,
            next: 0,
            // With an id used twice the map decides which unit is found, as `by_id` does.
            map: duplicates.then(|| self.by_id()),
        }
    }
}

/// Units found by id, in order while the ids follow the units ([`WorkFile::lookup`]).
#[derive(Debug)]
pub struct Lookup<'a> {
    units: &'a [Unit],
    /// The unit the next id is expected to be.
    next: usize,
    /// The units by id, made at the first id out of order.
    map: Option<HashMap<&'a str, &'a Unit>>,
}

impl<'a> Lookup<'a> {
    /// The unit whose id is `id`.
    pub fn get(&mut self, id: &str) -> Option<&'a Unit> {
        if self.map.is_none() {
            match self.units.get(self.next) {
                Some(u) if u.id == id => {
                    self.next += 1;
                    return Some(u);
                }
                _ => self.map = Some(self.units.iter().map(|u| (u.id.as_ref(), u)).collect()),
            }
        }
        self.map.as_ref().and_then(|m| m.get(id).copied())
    }

    /// Whether every id so far was found in order, without a map.
    pub fn in_order(&self) -> bool {
        self.map.is_none()
    }
}

/// Reads a PO work file entry by entry: each live entry becomes a unit as soon as it is read
/// (its strings kept as `keep` makes them, its comments other than the translator's dropped), so a large work file
/// is never held as a whole catalog beside its units.
///
/// Each unit's strings are what `keep` makes of them as read: borrowed from `text`, or owned.
fn read_po<'a, 'b>(
    text: &'a str,
    keep: impl Fn(Cow<'a, str>) -> Cow<'b, str>,
) -> Result<WorkFileOf<'b>, po::PoError> {
    let mut units = Vec::new();
    let mut keys = Vec::new();
    let mut plurals = Vec::new();
    let header = Catalog::parse_each(text, &mut |mut e, mut s| {
        if e.obsolete {
            return;
        }
        if s.msgid_plural.is_some() || e.msgstr_indexed {
            plurals.push(PluralEntry {
                unit: units.len(),
                plural: s.msgid_plural.is_some(),
                forms: s.msgstr.len(),
            });
        }
        let state = if s.msgstr().is_empty() {
            State::Untranslated
        } else if e.is_fuzzy() {
            State::Fuzzy
        } else {
            State::Translated
        };
        let target = s.msgstr.drain(..).next().unwrap_or_default();
        keys.push(s.msgctxt.is_some());
        units.push(UnitOf {
            comments: std::mem::take(&mut e.translator_comments),
            id: keep(s.msgctxt.take().unwrap_or_else(|| s.msgid.clone())),
            source: keep(s.msgid),
            target: keep(target),
            state,
            line: e.line,
            source_stands: false,
        });
    })?;
    let [source_lang, target_lang, source, sha, forms] = header.header_values([
        FIELD_SOURCE_LANG,
        "Language",
        FIELD_SOURCE,
        FIELD_SHA,
        "Plural-Forms",
    ]);
    let meta = match (
        source,
        sha,
        source_lang.as_deref().and_then(|l| l.parse().ok()),
        target_lang.as_deref().and_then(|l| l.parse().ok()),
    ) {
        (Some(source), Some(sha), Some(sl), Some(tl)) => Some(Meta {
            source,
            source_sha256: sha,
            source_lang: sl,
            target_lang: tl,
        }),
        _ => None,
    };
    let issues = po_issues(&header, forms, &units, &keys, &plurals, meta.is_some());
    Ok(WorkFileOf {
        format: WorkFormat::Po,
        meta,
        source_lang,
        target_lang,
        units,
        issues,
    })
}

/// What the plural rules need of a live PO entry written with plural forms (`msgid_plural`
/// or `msgstr[n]`), which its unit does not keep.
struct PluralEntry {
    /// Its unit.
    unit: usize,
    /// Whether it has a `msgid_plural`.
    plural: bool,
    /// How many `msgstr` forms it has.
    forms: usize,
}

/// Whether a `Plural-Forms` value is what msgfmt reads: `nplurals=` a positive number and
/// `plural=` an expression.
fn plural_forms_ok(forms: &str) -> bool {
    let mut n = None;
    let mut expr = None;
    for part in forms.split(';') {
        if let Some((k, v)) = part.split_once('=') {
            match k.trim() {
                "nplurals" => n = v.trim().parse::<usize>().ok().filter(|n| *n > 0),
                "plural" => expr = Some(v.trim()).filter(|e| !e.is_empty()),
                _ => {}
            }
        }
    }
    n.is_some() && expr.is_some()
}

/// The `nplurals` of a `Plural-Forms` value (`nplurals=2; plural=(n != 1);`), if it says.
fn nplurals(forms: &str) -> Option<usize> {
    forms.split(';').find_map(|part| {
        let (k, v) = part.split_once('=')?;
        (k.trim() == "nplurals").then(|| v.trim().parse().ok())?
    })
}

/// Duplicate entries and plural forms at odds with the header, by live entry (the units):
/// `cat` holds the header and `forms` its `Plural-Forms` value, `has_ctx` says which units'
/// ids are a `msgctxt` (the others' are their `msgid`), and `plurals` lists the entries
/// written with plural forms, in unit order.
fn po_issues(
    cat: &Catalog,
    forms: Option<String>,
    units: &[UnitOf<'_>],
    has_ctx: &[bool],
    plurals: &[PluralEntry],
    puente_file: bool,
) -> Vec<Issue> {
    use std::collections::hash_map::Entry as Slot;
    // gettext's own default when a header does not say.
    let expected = forms.as_deref().and_then(nplurals).unwrap_or(2);
    // An entry is the same as an earlier one when both its `msgctxt` and its `msgid` are.
    // The first entry of each `msgctxt` (or of none) is kept by its context alone, so the
    // long `msgid`s are hashed only for entries whose context was met before: in a puente
    // work file, where each context is a segment id, hardly ever.
    // foldhash, sized once: SipHash and the table's regrowth were 3 % of a large check.
    let mut first_of_ctx: HashMap<Option<&str>, (&str, usize), foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(units.len() + 1, Default::default());
    let mut others: HashMap<(Option<&str>, &str), usize, foldhash::fast::RandomState> =
        HashMap::default();
    // A second header entry (`msgid ""` again) is a duplicate of the first, as msgfmt says.
    if let Some(h) = &cat.header {
        first_of_ctx.insert(None, ("", h.line));
    }
    let mut header_said = forms.as_deref().is_some_and(plural_forms_ok);
    let mut plurals = plurals.iter().peekable();
    let mut issues = Vec::new();
    for (unit, (u, &ctx)) in units.iter().zip(has_ctx).enumerate() {
        let plural = plurals.next_if(|p| p.unit == unit);
        if !header_said && plural.is_some() {
            header_said = true;
            issues.push(Issue {
                unit,
                kind: IssueKind::PluralFormsHeader {
                    found: forms.clone(),
                },
            });
        }
        let ctx = ctx.then_some(u.id.as_ref());
        let (first, ctx_line) = match first_of_ctx.entry(ctx) {
            Slot::Vacant(v) => {
                v.insert((&u.source, u.line));
                (None, u.line)
            }
            Slot::Occupied(o) => {
                let (msgid, line) = *o.get();
                let first = if msgid == u.source {
                    Some(line)
                } else {
                    match others.entry((ctx, &u.source)) {
                        Slot::Occupied(o) => Some(*o.get()),
                        Slot::Vacant(v) => {
                            v.insert(u.line);
                            None
                        }
                    }
                };
                (first, line)
            }
        };
        // In a puente work file the msgctxt is the segment id, which merge looks units up by.
        let first = first.or_else(|| {
            ctx.filter(|_| puente_file)?;
            (ctx_line != u.line).then_some(ctx_line)
        });
        if let Some(first_line) = first {
            issues.push(Issue {
                unit,
                kind: IssueKind::Duplicate {
                    id: u.id.to_string(),
                    first_line,
                },
            });
        }
        match plural {
            Some(p) if p.plural && p.forms != expected => issues.push(Issue {
                unit,
                kind: IssueKind::PluralCount {
                    found: p.forms,
                    expected,
                },
            }),
            Some(p) if !p.plural => issues.push(Issue {
                unit,
                kind: IssueKind::PluralWithoutMsgidPlural,
            }),
            _ => {}
        }
    }
    issues
}

/// What extraction needs besides the article.
#[derive(Clone, Debug)]
pub struct Extract<'a> {
    /// The parsed source.
    pub article: &'a Article,
    /// The header facts.
    pub meta: Meta,
    /// The source path as references (`#:`) show it.
    pub reference_path: String,
}

impl<'a> Extract<'a> {
    /// Extraction of `article` from `source` (its path relative to the work file's folder,
    /// also shown in references), with the source's checksum computed from the article.
    pub fn new(article: &'a Article, source: &str, source_lang: Lang, target_lang: Lang) -> Self {
        Extract {
            article,
            meta: Meta {
                source: source.to_string(),
                source_sha256: crate::text::sha256_hex(article.source.as_bytes()),
                source_lang,
                target_lang,
            },
            reference_path: source.to_string(),
        }
    }
}

/// How many characters of a neighbouring sentence a segment's context notes show. The notes
/// quote the previous and the next segment of the same paragraph, each cut to this many
/// characters, so they add at most twice the article to its work file, whatever the length
/// of its paragraphs (the whole paragraph in every entry grew with the square of the longest).
pub const CONTEXT_CHARS: usize = 120;

/// A PO reference, `path:line`, pieced together: every entry of a folder's segment has one.
fn reference(path: &str, line: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let line = digits.format(line);
    let mut out = String::with_capacity(path.len() + 1 + line.len());
    out.push_str(path);
    out.push(':');
    out.push_str(line);
    out
}

/// The last `n` characters of `text` (trimmed, on one line), starting at a word where the cut
/// allows, with `…` where it was cut; `None` when there is nothing. Only the end of `text` is
/// read, however long it is.
fn context_before(text: &str, n: usize) -> Option<String> {
    let text = text.trim_end();
    let start = match text.char_indices().rev().nth(n) {
        None => return one_line(text.trim_start(), "", ""),
        Some((i, c)) => i + c.len_utf8(),
    };
    let cut = &text[start..];
    let word = cut
        .find(char::is_whitespace)
        .map(|i| cut[i..].trim_start())
        .filter(|w| !w.is_empty())
        .unwrap_or(cut);
    one_line(word, "…", "")
}

/// The first `n` characters of `text`, the same way round as [`context_before`].
fn context_after(text: &str, n: usize) -> Option<String> {
    let text = text.trim_start();
    let end = match text.char_indices().nth(n) {
        None => return one_line(text.trim_end(), "", ""),
        Some((i, _)) => i,
    };
    let cut = &text[..end];
    let word = cut
        .rfind(char::is_whitespace)
        .map(|i| cut[..i].trim_end())
        .filter(|w| !w.is_empty())
        .unwrap_or(cut);
    one_line(word, "", "…")
}

fn one_line(text: &str, before: &str, after: &str) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let mut line = String::with_capacity(before.len() + text.len() + after.len());
    line.push_str(before);
    // Written a line at a time: a search per character (`replace` with a set of them) was a
    // twentieth of segmenting a folder.
    let mut rest = text;
    while let Some(at) = memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
        line.push_str(&rest[..at]);
        line.push(' ');
        rest = &rest[at + 1..];
    }
    line.push_str(rest);
    line.push_str(after);
    Some(line)
}

impl Extract<'_> {
    /// The translator-facing notes of a segment: block kind, the sentences before and after it
    /// in its paragraph (at most [`CONTEXT_CHARS`] characters of each), placeholders.
    fn notes(&self, seg_index: usize) -> Vec<String> {
        let seg = &self.article.segments[seg_index];
        let block: &Block = &self.article.blocks[seg.block];
        let mut notes = vec![block.kind.name().to_string()];
        if block.segments.len() > 1 {
            let source = &self.article.source;
            let segments = &self.article.segments;
            let before = match seg_index.checked_sub(1) {
                Some(p) if block.segments.contains(&p) => {
                    &source[segments[p].span.start..seg.span.start]
                }
                _ => "",
            };
            let after = match seg_index + 1 {
                n if block.segments.contains(&n) => &source[seg.span.end..segments[n].span.end],
                _ => "",
            };
            if let Some(b) = context_before(before, CONTEXT_CHARS) {
                notes.push(["previous: ", &b].concat());
            }
            if let Some(a) = context_after(after, CONTEXT_CHARS) {
                notes.push(["next: ", &a].concat());
            }
        }
        for (i, p) in seg.placeholders.iter().enumerate() {
            notes.push(format!("{{{}}} = {}", i + 1, p.replace(['\n', '\r'], " ")));
        }
        notes
    }

    /// Builds the PO catalog. When `old` is given (the work file being rewritten), its
    /// translations, translator comments, flags and unknown header fields are carried over,
    /// and translated entries that no longer exist are kept as obsolete (`#~`).
    pub fn to_po(&self, old: Option<&Catalog>) -> Catalog {
        let mut cat = self.po_header(old);
        let mut entries = Vec::with_capacity(self.article.segments.len());
        self.po_entries(old, &mut |e| entries.push(e));
        cat.entries = entries;
        cat
    }

    /// Writes the same PO as [`Extract::to_po`] entry by entry, so a large article never has
    /// its whole work file in memory twice.
    pub fn write_po(
        &self,
        old: Option<&Catalog>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let header = self.po_header(old);
        let mut result = out.write_all(header.write().as_bytes());
        let mut buf = String::new();
        self.po_entries(old, &mut |e| {
            buf.push('\n');
            header.write_one(&mut buf, &e);
            if buf.len() > 1 << 16 && result.is_ok() {
                result = out.write_all(header.line_ends(std::mem::take(&mut buf)).as_bytes());
            }
        });
        result?;
        out.write_all(header.line_ends(buf).as_bytes())
    }

    /// The header of the PO being written. A header read from the file being rewritten is
    /// its owner's: puente changes only what it owns there ([`FIELD_SOURCE`], [`FIELD_SHA`],
    /// [`FIELD_SOURCE_LANG`]; `Language` only when it names another language than the
    /// target, so `es_MX` stays `es_MX`; `Content-Type` only when it names another charset
    /// than UTF-8, which puente writes; `X-Generator` only when puente wrote it) and adds the
    /// fields that are missing; every other field (`Last-Translator`, `Language-Team`,
    /// `Plural-Forms`, `POT-Creation-Date`, `X-Generator` of another tool, custom `X-`
    /// fields) and the header's comments stay as written. puente writes no date: a work
    /// file made twice from the same article is the same file.
    fn po_header(&self, old: Option<&Catalog>) -> Catalog {
        let mut cat = Catalog {
            header: old.and_then(|o| o.header.clone()),
            entries: Vec::new(),
            form: old.and_then(|o| o.form.clone()),
        };
        let cat_ref = &mut cat;
        if cat_ref.header.is_none() {
            cat_ref.header = Some(Entry {
                translator_comments: vec![
                    format!(
                        "{} work file for {} ({} → {}).",
                        GENERATOR, self.reference_path, self.meta.source_lang, self.meta.target_lang
                    ),
                    "Translate each msgstr; puente keeps translator comments when it rewrites this file.".to_string(),
                ],
                ..Entry::default()
            });
        }
        let project = self
            .reference_path
            .rsplit('/')
            .next()
            .unwrap_or(&self.reference_path)
            .to_string();
        let team = if self.meta.target_lang == Lang::En {
            "English <en@li.org>"
        } else {
            "Spanish <es@li.org>"
        };
        // Fields the owner's tools fill in are only seeded, never overwritten: the missing
        // ones are added in one rewrite of the header, not one each.
        let mut seeds = Vec::new();
        for (name, value) in [
            ("Project-Id-Version", project),
            ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE".to_string()),
            ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>".to_string()),
            ("Language-Team", team.to_string()),
            ("Language", self.meta.target_lang.code().to_string()),
            ("MIME-Version", "1.0".to_string()),
            ("Content-Type", "text/plain; charset=UTF-8".to_string()),
            ("Content-Transfer-Encoding", "8bit".to_string()),
            ("Plural-Forms", "nplurals=2; plural=(n != 1);".to_string()),
            ("X-Generator", GENERATOR.to_string()),
        ] {
            if cat_ref.header_field(name).is_none() {
                seeds.push((name, value));
            }
        }
        if !seeds.is_empty() {
            cat_ref.set_header_fields(&seeds);
        }
        // What puente must say: the target language when the header names another one, a
        // UTF-8 charset, and its own generator string when it was the last to write it.
        let mut owned = Vec::new();
        let language = cat_ref.header_field("Language").unwrap_or_default();
        if language.parse::<Lang>().ok() != Some(self.meta.target_lang) {
            owned.push(("Language", self.meta.target_lang.code().to_string()));
        }
        let content_type = cat_ref.header_field("Content-Type").unwrap_or_default();
        if !content_type.to_ascii_lowercase().contains("charset=utf-8") {
            owned.push(("Content-Type", "text/plain; charset=UTF-8".to_string()));
        }
        if cat_ref
            .header_field("X-Generator")
            .is_some_and(|g| g.starts_with("puente "))
        {
            owned.push(("X-Generator", GENERATOR.to_string()));
        }
        owned.extend([
            (FIELD_SOURCE_LANG, self.meta.source_lang.code().to_string()),
            (FIELD_SOURCE, self.meta.source.clone()),
            (FIELD_SHA, self.meta.source_sha256.clone()),
        ]);
        cat_ref.set_header_fields(&owned);
        cat
    }

    fn po_entries(&self, old: Option<&Catalog>, emit: &mut dyn FnMut(Entry)) {
        let mut old_by_ctx: HashMap<&str, &Entry> = HashMap::new();
        let mut old_by_id: HashMap<&str, &Entry> = HashMap::new();
        if let Some(old) = old {
            for e in &old.entries {
                if let Some(c) = &e.msgctxt {
                    old_by_ctx.entry(c.as_str()).or_insert(e);
                }
                if !e.msgstr().is_empty() {
                    old_by_id.entry(e.msgid.as_str()).or_insert(e);
                }
            }
        }
        // The old entries taken, by identity: a file with the same entry twice (a bad merge of
        // two branches) must not lose the second one's translation because the first was used.
        let mut used: std::collections::HashSet<*const Entry> = Default::default();
        let mut used_text: std::collections::HashSet<(Option<&str>, &str, &str)> =
            Default::default();
        for (i, seg) in self.article.segments.iter().enumerate() {
            let mut entry = Entry {
                extracted_comments: self.notes(i),
                references: vec![reference(&self.reference_path, seg.line)],
                msgctxt: Some(seg.id.clone()),
                msgid: self.article.text(seg).to_string(),
                msgstr: vec![String::new()],
                ..Entry::default()
            };
            let previous = old_by_ctx
                .get(seg.id.as_str())
                .filter(|e| e.msgid == self.article.text(seg))
                .or_else(|| old_by_id.get(self.article.text(seg)));
            if let Some(prev) = previous {
                entry.msgstr = vec![prev.msgstr().to_string()];
                entry.translator_comments = prev.translator_comments.clone();
                entry.flags = prev.flags.clone();
                entry.previous = prev.previous.clone();
                used.insert(std::ptr::from_ref(*prev));
                used_text.insert((prev.msgctxt.as_deref(), &prev.msgid, prev.msgstr()));
            }
            emit(entry);
        }
        // Nothing translated is ever dropped: what no longer matches becomes obsolete.
        if let Some(old) = old {
            // The msgctxt and msgid of each entry written: no two may share both, obsolete
            // ones included, or msgfmt refuses the file ("duplicate message definition").
            // Made only for a file that keeps an obsolete entry, from the segments the live
            // entries came from.
            let mut keys: Option<std::collections::HashSet<(Option<String>, String)>> = None;
            for e in &old.entries {
                let same_as_used = used.contains(&std::ptr::from_ref(e))
                    || used_text.contains(&(e.msgctxt.as_deref(), &e.msgid, e.msgstr()));
                if !e.msgstr().is_empty() && !same_as_used {
                    let keys = keys.get_or_insert_with(|| {
                        self.article
                            .segments
                            .iter()
                            .map(|seg| (Some(seg.id.clone()), self.article.text(seg).to_string()))
                            .collect()
                    });
                    let mut o = e.clone();
                    o.obsolete = true;
                    // The other translation of an entry written twice keeps its text under a
                    // context of its own, so it is kept without clashing with the live entry.
                    let mut n = 1;
                    while keys.contains(&(o.msgctxt.clone(), o.msgid.clone())) {
                        n += 1;
                        let base = e.msgctxt.as_deref().unwrap_or("");
                        o.msgctxt = Some(format!("{base} (other translation {n})"));
                    }
                    keys.insert((o.msgctxt.clone(), o.msgid.clone()));
                    emit(o);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
