//! XLIFF 2.1 work files for CAT tools: one `<unit>` per block, one `<segment>` per sentence,
//! `<ignorable>` for what lies between segments, placeholders as `<ph>` and links as `<pc>`
//! with their markup in `<originalData>`.
//!
//! Written and read with quick-xml, which does all escaping; characters XML cannot carry are
//! written as `<cp hex="…"/>`. A DOCTYPE that names an external DTD is read past (never
//! fetched); internal subsets and entity declarations are refused ([`crate::xml::XmlIn`]). Pure:
//! text in, text out.
//!
//! A rewrite (`translate`, `segment` over an existing file, `segment --update`) loses nothing
//! a translator's CAT tool added to an XLIFF 2 file ([`Kept`]). puente owns the skeleton it
//! writes: the root's `version` and languages, the file's `id` and `original`, each unit's
//! `id`, `name` and `xml:space`, its `puente:` notes, its `<originalData>` and `<ignorable>`s,
//! each segment's `id`, `state` and `subState` and its `<source>`, and the targets it fills.
//! Everything else is written again as it was read, in its place: namespace declarations and
//! other attributes on `<xliff>`, `<file>`, `<unit>`, `<segment>` (XLIFF 2 allows none there;
//! tools write them all the same), `<source>` and `<note>` (`id`, `priority`, `appliesTo`),
//! in their order; elements puente does not write (`<skeleton>`, `<mda:metadata>`,
//! `<mtc:matches>`, any other namespace's) with all they hold, byte for byte; comments and
//! processing instructions, before, inside and after the root, each after the sibling it
//! followed (in a `<notes>`, at its end); a DOCTYPE; notes others wrote on the file and on
//! units; and a target as written (`<mrk>` annotations, `xml:lang`) while its text and its
//! source are the same. A unit whose id changed because a sentence of its paragraph was
//! edited keeps what its old unit held. What a re-segmentation must lose goes with the
//! segment that left the article, as in OmegaT and Okapi: its attributes, what was written
//! inside it and its annotated target; its translation stays, as a `puente:obsolete-*` note
//! of the file, and what followed it in its unit moves to the unit's end. A target puente
//! rewrites (a sentence whose source changed) is written anew, without the old annotations.
//! Groups are read through: their units are written directly in the one `<file>` puente
//! writes, and the attributes of a second `<file>` are not kept. XLIFF 1.2 files are read,
//! never kept: puente writes 2.1.
//!
//! A unit whose segmentation is not to be changed (`canResegment="no"`) and whose text the
//! article still has is written back as it was read when puente would cut it otherwise
//! ([`XliffDoc::held`], see [`super::update`]).
//!
//! Content not to be translated (`translate="no"` on its unit, group or file, the nearest
//! that says anything deciding) is left alone by `translate`, and read back without a target
//! its source stands as its target ([`Unit::source_stands`]): merge puts the source in the
//! edition and does not wait for it, `check` has no translation to look at, and the memory
//! does not learn it.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::{Extract, Issue, IssueKind, Meta, State, Unit, WorkFile, WorkFormat, GENERATOR};
use crate::xml::{attr, has_other_attrs, replay, rewrite_start, XmlIn};

/// The XLIFF 2 core namespace (2.1 keeps the 2.0 one).
pub const NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The subState that marks an unreviewed translation.
pub const FUZZY_SUBSTATE: &str = "puente:fuzzy";

/// An unreadable XLIFF file, with the 1-based line and column where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {kind}")]
pub struct XliffError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong (the CLI words it in the user's language).
    pub kind: XliffProblem,
}

/// What makes an XLIFF file unreadable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XliffProblem {
    /// The XML itself.
    #[error("{0}")]
    Xml(crate::xml::XmlProblem),
    /// A `<cp>` whose `hex` names no character.
    #[error("a <cp> without a valid hex")]
    BadCp,
    /// No `<xliff>` element.
    #[error("no <xliff> element")]
    NoRoot,
    /// An id used twice (what [`WorkFile::read`] refuses).
    #[error("duplicate id {id} (first at line {first_line})")]
    Duplicate {
        /// The id.
        id: String,
        /// The line where it was first used.
        first_line: usize,
    },
}

/// An XLIFF segment as read.
#[derive(Debug, Clone, Default)]
pub struct XSegment {
    /// The segment id.
    pub id: String,
    /// `state` (initial when absent).
    pub state: String,
    /// `subState`.
    pub sub_state: Option<String>,
    /// The source, placeholders as `{n}`.
    pub source: String,
    /// The target, placeholders as `{n}`; `None` when there is no `<target>`.
    pub target: Option<String>,
    /// 1-based line of `<segment>`.
    pub line: usize,
    /// The id of the `<unit>` holding it.
    pub unit: String,
    /// Whether its unit, group or file says `translate="no"` (the nearest that says anything
    /// decides, as XLIFF's inheritance goes): `translate` leaves it alone, and read as a
    /// [`WorkFile`] without a target its source stands as its target ([`Unit::source_stands`]).
    pub no_translate: bool,
    /// Whether it, its unit, group or file says `canResegment="no"` (the nearest that says
    /// anything decides): its unit's segmentation is not puente's to change
    /// ([`XliffDoc::held`]).
    pub no_resegment: bool,
}

/// What puente reads from an XLIFF file.
#[derive(Debug, Clone, Default)]
pub struct XliffDoc {
    /// `srcLang`.
    pub src_lang: Option<String>,
    /// `trgLang`.
    pub trg_lang: Option<String>,
    /// File-level notes by category.
    pub file_notes: HashMap<String, String>,
    /// File-level notes that puente did not write (no `puente:` category), in order:
    /// (category, text); a rewrite keeps them.
    pub file_foreign_notes: Vec<(Option<String>, String)>,
    /// Unit-level notes that puente did not write, by unit id: (category, text).
    pub foreign_notes: HashMap<String, Vec<(Option<String>, String)>>,
    /// Segments in order.
    pub segments: Vec<XSegment>,
    /// Translations of segments no longer in the article, kept so nothing is lost.
    pub obsolete: Vec<Obsolete>,
    /// Ids used twice where XLIFF allows them once: a `<unit>` id in its `<file>` (reported on
    /// the unit's first segment) and a segment id in its unit. `unit` is a segment's index.
    pub duplicates: Vec<super::Issue>,
    /// What puente does not model (another tool's elements, attributes, comments and
    /// processing instructions), kept so that a rewrite writes it again where it was (boxed:
    /// most files have little of it, and a document is moved around whole).
    pub kept: Box<Kept>,
    /// The units whose segmentation is not to be changed (`canResegment="no"` holds for one of
    /// their segments), by id (the first with that id).
    pub fixed: HashMap<String, Fixed>,
}

/// A unit whose segmentation is not to be changed, as read.
#[derive(Debug, Clone, Default)]
pub struct Fixed {
    /// The unit as written, from `<unit` to `</unit>`.
    pub raw: Piece,
    /// Its segments as read: (id, source).
    pub segments: Vec<(String, String)>,
}

/// A piece of markup puente does not model, as written: an element with everything in it, a
/// comment or a processing instruction.
pub type Piece = String;

/// The pieces another tool put among the children of an element puente writes, each with the
/// child of puente's it followed (`None`: before all of them), so they are written again in
/// the same place among the new children.
#[derive(Debug, Clone, Default)]
pub struct Foreign {
    /// (the owned sibling before it, the piece), in document order.
    pub pieces: Vec<(Option<String>, Piece)>,
}

/// What an XLIFF 2 file holds that puente does not model, by where it was. Start tags are
/// kept only when they have attributes puente does not write.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    /// Comments, processing instructions and a DOCTYPE before the root element.
    pub prolog: Vec<Piece>,
    /// Comments and processing instructions after it.
    pub epilog: Vec<Piece>,
    /// The `<xliff>` start tag (namespace declarations, other tools' attributes).
    pub root: Option<BytesStart<'static>>,
    /// Pieces among the root's children.
    pub root_children: Foreign,
    /// The first `<file>` start tag.
    pub file: Option<BytesStart<'static>>,
    /// Pieces among the file's children (`<skeleton>`, `<mda:metadata>`, comments).
    pub file_children: Foreign,
    /// Comments and processing instructions in the file's `<notes>`.
    pub file_notes: Foreign,
    /// The file's `<notes>` start tag, when it declares namespaces (its notes' attributes may
    /// use them).
    pub file_notes_tag: Option<BytesStart<'static>>,
    /// By unit id.
    pub units: HashMap<String, KeptUnit>,
    /// By segment id (the first segment with that id).
    pub segments: HashMap<String, KeptSegment>,
    /// Start tags of notes others wrote that carry more than a category (`id`, `priority`,
    /// `appliesTo`, other namespaces'), by (category, text).
    pub notes: HashMap<(Option<String>, String), std::collections::VecDeque<BytesStart<'static>>>,
}

/// What a `<unit>` holds that puente does not model.
#[derive(Debug, Clone, Default)]
pub struct KeptUnit {
    /// Its start tag.
    pub tag: Option<BytesStart<'static>>,
    /// Pieces among its children (`<mtc:matches>`, `<mda:metadata>`, comments).
    pub children: Foreign,
    /// Comments and processing instructions in its `<notes>`.
    pub notes: Foreign,
    /// Its `<notes>` start tag, when it declares namespaces.
    pub notes_tag: Option<BytesStart<'static>>,
}

/// What a `<segment>` holds that puente does not model.
#[derive(Debug, Clone, Default)]
pub struct KeptSegment {
    /// Its start tag.
    pub tag: Option<BytesStart<'static>>,
    /// Comments and processing instructions among its children.
    pub children: Foreign,
    /// Its `<source>` start tag (`xml:lang`).
    pub source_tag: Option<BytesStart<'static>>,
    /// Its target, when it holds what puente does not write (attributes, `<mrk>`
    /// annotations, comments).
    pub target: Option<KeptTarget>,
}

/// A target as written, kept whole while its text and its source stay the same.
#[derive(Debug, Clone, Default)]
pub struct KeptTarget {
    /// The target as read (placeholders as `{n}`).
    pub text: String,
    /// The source's content as written, which the target's codes refer to.
    pub source: String,
    /// The `<target>` element as written.
    pub raw: Piece,
}

/// A translated segment that left the article (an XLIFF file's `puente:obsolete-source` and
/// `puente:obsolete-target` notes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Obsolete {
    /// The segment's id when it was in the article.
    pub id: String,
    /// Its source.
    pub source: String,
    /// Its translation.
    pub target: String,
}

const OBSOLETE_SOURCE: &str = "puente:obsolete-source";
const OBSOLETE_TARGET: &str = "puente:obsolete-target";

/// The segments of `article` as an XLIFF work file has them: (segment id, unit id, source
/// text), in order.
pub fn segments_of(article: &crate::article::Article) -> Vec<(&str, &str, &str)> {
    article
        .segments
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                article.blocks[s.block].id.as_str(),
                article.text(s),
            )
        })
        .collect()
}

impl XliffDoc {
    /// The units a rewrite writes back as they were read, however puente would cut their text
    /// now: those whose segmentation is not to be changed ([`XliffDoc::fixed`]) while the
    /// article still has their text (a block with the unit's id, which is a hash of its text)
    /// and puente's segments of it are not the ones the unit has (a CAT tool joined or split
    /// them, or an older puente cut them otherwise). `new` lists the article's segments as
    /// [`segments_of`] does.
    pub fn held(&self, new: &[(&str, &str, &str)]) -> HashSet<String> {
        if self.fixed.is_empty() {
            return HashSet::new();
        }
        let mut cut: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
        for &(id, unit, source) in new {
            if self.fixed.contains_key(unit) {
                cut.entry(unit).or_default().push((id, source));
            }
        }
        cut.into_iter()
            .filter(|(unit, cut)| {
                let has = self.fixed[*unit]
                    .segments
                    .iter()
                    .map(|(id, source)| (id.as_str(), source.as_str()));
                !has.eq(cut.iter().copied())
            })
            .map(|(unit, _)| unit.to_string())
            .collect()
    }

    /// The reading as a [`WorkFile`].
    pub fn into_workfile(self) -> WorkFile {
        let meta = match (
            self.file_notes.get("puente:source"),
            self.file_notes.get("puente:source-sha256"),
            self.src_lang.as_deref().and_then(|l| l.parse().ok()),
            self.trg_lang.as_deref().and_then(|l| l.parse().ok()),
        ) {
            (Some(source), Some(sha), Some(sl), Some(tl)) => Some(Meta {
                source: source.clone(),
                source_sha256: sha.clone(),
                source_lang: sl,
                target_lang: tl,
            }),
            _ => None,
        };
        let mut issues = self.duplicates;
        if meta.is_some() {
            // puente's own files key every segment by its id, across units.
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for (unit, seg) in self.segments.iter().enumerate() {
                let first_line = *seen.entry(seg.id.as_str()).or_insert(seg.line);
                if first_line != seg.line && !issues.iter().any(|i| i.unit == unit) {
                    issues.push(Issue {
                        unit,
                        kind: IssueKind::Duplicate {
                            id: seg.id.clone(),
                            first_line,
                        },
                    });
                }
            }
            issues.sort_by_key(|i| i.unit);
        }
        let notes = &self.foreign_notes;
        let units = self
            .segments
            .into_iter()
            .map(|s| {
                let target = s.target.unwrap_or_default();
                // Content not to be translated, left without a target: its source stands.
                let source_stands = s.no_translate && target.is_empty();
                let (target, state) = if source_stands {
                    (s.source.clone(), State::Translated)
                } else {
                    let state = state_from(&s.state, s.sub_state.as_deref(), &target);
                    (target, state)
                };
                // Unit notes written by people (or other tools) apply to each of its segments.
                let comments = notes
                    .get(&s.unit)
                    .map(|n| n.iter().map(|(_, text)| text.clone()).collect())
                    .unwrap_or_default();
                Unit {
                    id: s.id.into(),
                    source: s.source.into(),
                    target: target.into(),
                    state,
                    line: s.line,
                    comments,
                    source_stands,
                }
            })
            .collect();
        WorkFile {
            format: WorkFormat::Xliff,
            meta,
            source_lang: self.src_lang,
            target_lang: self.trg_lang,
            units,
            issues,
        }
    }
}

fn state_from(state: &str, sub: Option<&str>, target: &str) -> State {
    if target.is_empty() {
        return State::Untranslated;
    }
    match state {
        "reviewed" | "final" => State::Translated,
        "translated" if sub != Some(FUZZY_SUBSTATE) => State::Translated,
        _ => State::Fuzzy,
    }
}

type W = Writer<Vec<u8>>;

fn nl(w: &mut W, depth: usize) {
    let mut s = String::from("\n");
    s.push_str(&"  ".repeat(depth));
    let _ = w.write_event(Event::Text(BytesText::from_escaped(s)));
}

/// Writes text, turning characters XML 1.0 cannot hold into `<cp hex="…"/>`.
fn text(w: &mut W, s: &str) {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let ok =
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}');
        if !ok {
            if start < i {
                let _ = w.write_event(Event::Text(BytesText::new(&s[start..i])));
            }
            let mut cp = BytesStart::new("cp");
            cp.push_attribute(("hex", format!("{:04X}", c as u32).as_str()));
            let _ = w.write_event(Event::Empty(cp));
            start = i + c.len_utf8();
        }
    }
    if start < s.len() {
        let _ = w.write_event(Event::Text(BytesText::new(&s[start..])));
    }
}

/// A piece of segment content.
enum Inline<'a> {
    Text(&'a str),
    Ph(usize),
    Pc(usize, &'a str),
}

/// Splits text with `{n}` placeholders into text, `<ph>` and, for `[text]({n})` links, `<pc>`.
fn inlines(s: &str, count: usize) -> Vec<Inline<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        if b[i] == b'{' {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 && b.get(i + 1 + digits) == Some(&b'}') {
                let n: usize = s[i + 1..i + 1 + digits].parse().unwrap_or(0);
                let end = i + digits + 2;
                if n >= 1 && n <= count {
                    // A link: `[` … `](` {n} `)`.
                    if s[..i].ends_with("](") && s[end..].starts_with(')') {
                        let close = i - 2;
                        if let Some(open) = s[at..close].rfind('[').map(|o| at + o) {
                            let inner = &s[open + 1..close];
                            if !inner.contains(['[', ']']) {
                                if open > at {
                                    out.push(Inline::Text(&s[at..open]));
                                }
                                out.push(Inline::Pc(n, inner));
                                at = end + 1;
                                i = at;
                                continue;
                            }
                        }
                    }
                    if i > at {
                        out.push(Inline::Text(&s[at..i]));
                    }
                    out.push(Inline::Ph(n));
                    at = end;
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    if at < s.len() {
        out.push(Inline::Text(&s[at..]));
    }
    out
}

fn write_content(w: &mut W, s: &str, count: usize, k: usize) {
    for piece in inlines(s, count) {
        match piece {
            Inline::Text(t) => text(w, t),
            Inline::Ph(n) => {
                let mut ph = BytesStart::new("ph");
                ph.push_attribute(("id", format!("c{k}-{n}").as_str()));
                ph.push_attribute(("dataRef", format!("d{k}-{n}").as_str()));
                let _ = w.write_event(Event::Empty(ph));
            }
            Inline::Pc(n, inner) => {
                let mut pc = BytesStart::new("pc");
                pc.push_attribute(("id", format!("c{k}-{n}").as_str()));
                pc.push_attribute(("dataRefStart", format!("ds{k}-{n}").as_str()));
                pc.push_attribute(("dataRefEnd", format!("d{k}-{n}").as_str()));
                let _ = w.write_event(Event::Start(pc));
                write_content(w, inner, count, k);
                let _ = w.write_event(Event::End(BytesEnd::new("pc")));
            }
        }
    }
}

fn simple(w: &mut W, name: &str, attrs: &[(&str, &str)], body: &str) {
    let mut start = BytesStart::new(name);
    for a in attrs {
        start.push_attribute(*a);
    }
    let _ = w.write_event(Event::Start(start));
    text(w, body);
    let _ = w.write_event(Event::End(BytesEnd::new(name)));
}

/// Writes a container's kept pieces again among its new children: each after the owned child
/// it followed, and those whose child is gone at the end.
struct Placer<'a> {
    pieces: &'a [(Option<String>, Piece)],
    done: Vec<bool>,
}

impl<'a> Placer<'a> {
    fn new(foreign: &'a Foreign) -> Self {
        Placer {
            pieces: &foreign.pieces,
            done: vec![false; foreign.pieces.len()],
        }
    }

    /// Writes the pieces that followed `after` (`None`: those before every owned child), each
    /// on a line of its own at `depth`, or inline without one.
    fn at(&mut self, w: &mut W, after: Option<&str>, depth: Option<usize>) {
        if self.pieces.is_empty() {
            return;
        }
        for (i, (anchor, piece)) in self.pieces.iter().enumerate() {
            if !self.done[i] && anchor.as_deref() == after {
                self.done[i] = true;
                if let Some(d) = depth {
                    nl(w, d);
                }
                replay(w, piece);
            }
        }
    }

    /// Writes the pieces not written yet, in their order.
    fn rest(&mut self, w: &mut W, depth: Option<usize>) {
        for (i, (_, piece)) in self.pieces.iter().enumerate() {
            if !std::mem::replace(&mut self.done[i], true) {
                if let Some(d) = depth {
                    nl(w, d);
                }
                replay(w, piece);
            }
        }
    }
}

/// The start tags of notes others wrote, each used once for the note of the same category and
/// text.
struct NoteTags<'a> {
    tags: &'a HashMap<(Option<String>, String), std::collections::VecDeque<BytesStart<'static>>>,
    used: HashMap<(Option<String>, String), usize>,
}

impl<'a> NoteTags<'a> {
    fn new(
        tags: &'a HashMap<
            (Option<String>, String),
            std::collections::VecDeque<BytesStart<'static>>,
        >,
    ) -> Self {
        NoteTags {
            tags,
            used: HashMap::new(),
        }
    }

    /// Writes a note with its category and text, and the rest of its start tag as it was.
    fn write(&mut self, w: &mut W, category: Option<&str>, body: &str) {
        let mut old = None;
        if !self.tags.is_empty() {
            let key = (category.map(str::to_string), body.to_string());
            if let Some(list) = self.tags.get(&key) {
                let n = self.used.entry(key).or_insert(0);
                old = list.get(*n);
                *n += 1;
            }
        }
        let start = rewrite_start("note", old, &[("category", category)]);
        let _ = w.write_event(Event::Start(start));
        text(w, body);
        let _ = w.write_event(Event::End(BytesEnd::new("note")));
    }
}

impl Extract<'_> {
    /// Writes the XLIFF 2.1 document. Targets, states and notes from `old` (the file being
    /// rewritten) are carried over by segment id.
    pub fn to_xliff(&self, old: Option<&XliffDoc>) -> String {
        let article = self.article;
        // The article's source of each segment id.
        let ids: HashMap<&str, &str> = article
            .segments
            .iter()
            .map(|s| (s.id.as_str(), article.text(s)))
            .collect();
        // The segment carried over for each id: the first with the article's source and a
        // translation (a translation `segment --update` lent comes after the untranslated
        // segment it fills), else the first with that id (as in PO); a later one with the
        // same id and another translation is kept as obsolete below, never silently dropped.
        let carries = |s: &XSegment| {
            ids.get(s.id.as_str()) == Some(&s.source.as_str())
                && s.target.as_deref().is_some_and(|t| !t.is_empty())
        };
        let mut old_segments: HashMap<&str, &XSegment> = HashMap::new();
        for seg in old.iter().flat_map(|d| &d.segments) {
            let first = old_segments.entry(seg.id.as_str()).or_insert(seg);
            if !carries(first) && carries(seg) {
                *first = seg;
            }
        }
        let empty = Kept::default();
        let kept = old.map_or(&empty, |d| &d.kept);
        // Units written back as read: their segmentation is not puente's to change.
        let held = old
            .map(|d| d.held(&segments_of(article)))
            .unwrap_or_default();
        let mut w = Writer::new(Vec::with_capacity(article.source.len() * 3));
        let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        nl(&mut w, 0);
        for piece in &kept.prolog {
            replay(&mut w, piece);
            nl(&mut w, 0);
        }
        // The languages as the file's owner spelled them (`es-MX`), when they are still the
        // work file's languages; puente's own codes otherwise.
        let spelled = |old_tag: Option<&str>, lang: crate::lang::Lang| -> String {
            old_tag
                .filter(|t| t.parse::<crate::lang::Lang>().ok() == Some(lang))
                .map_or_else(|| lang.code().to_string(), str::to_string)
        };
        let src_lang = spelled(
            old.and_then(|d| d.src_lang.as_deref()),
            self.meta.source_lang,
        );
        let trg_lang = spelled(
            old.and_then(|d| d.trg_lang.as_deref()),
            self.meta.target_lang,
        );
        let root = rewrite_start(
            "xliff",
            kept.root.as_ref(),
            &[
                ("xmlns", Some(NS)),
                ("version", Some("2.1")),
                ("srcLang", Some(&src_lang)),
                ("trgLang", Some(&trg_lang)),
            ],
        );
        let _ = w.write_event(Event::Start(root));
        let mut root_pieces = Placer::new(&kept.root_children);
        root_pieces.at(&mut w, None, Some(1));
        nl(&mut w, 1);
        let file = rewrite_start(
            "file",
            kept.file.as_ref(),
            &[("id", Some("f1")), ("original", Some(&self.reference_path))],
        );
        let _ = w.write_event(Event::Start(file));
        let mut file_pieces = Placer::new(&kept.file_children);
        file_pieces.at(&mut w, None, Some(2));
        nl(&mut w, 2);
        let notes = rewrite_start("notes", kept.file_notes_tag.as_ref(), &[]);
        let _ = w.write_event(Event::Start(notes));
        let mut note_tags = NoteTags::new(&kept.notes);
        for (cat, value) in [
            ("puente:source", self.meta.source.as_str()),
            ("puente:source-sha256", self.meta.source_sha256.as_str()),
            ("puente:generator", GENERATOR),
        ] {
            nl(&mut w, 3);
            simple(&mut w, "note", &[("category", cat)], value);
        }
        // Translations of segments the article no longer has, earlier ones first.
        let mut obsolete: Vec<(&str, &str, &str)> = Vec::new();
        if let Some(d) = old {
            let mut seen: HashSet<&str> = HashSet::new();
            let shadowed = |s: &XSegment| {
                old_segments
                    .get(s.id.as_str())
                    .is_some_and(|kept| !std::ptr::eq(*kept, s) && kept.target != s.target)
            };
            let gone = d
                .segments
                .iter()
                .filter(|s| !held.contains(&s.unit))
                // A segment whose id is the article's but whose source is not (a CAT tool
                // joined it with the next one and kept its id) is not carried either.
                .filter(|s| ids.get(s.id.as_str()) != Some(&s.source.as_str()) || shadowed(s))
                .filter_map(|s| {
                    let t = s.target.as_deref().filter(|t| !t.is_empty())?;
                    Some((s.id.as_str(), s.source.as_str(), t))
                });
            let earlier = d
                .obsolete
                .iter()
                .filter(|o| !ids.contains_key(o.id.as_str()))
                .map(|o| (o.id.as_str(), o.source.as_str(), o.target.as_str()));
            for o in earlier.chain(gone) {
                if seen.insert(o.0) {
                    obsolete.push(o);
                }
            }
        }
        // The notes others wrote on the file (a reviewer's, a CAT tool's) stay.
        for (cat, body) in old.iter().flat_map(|d| &d.file_foreign_notes) {
            nl(&mut w, 3);
            note_tags.write(&mut w, cat.as_deref(), body);
        }
        for (id, source, target) in obsolete {
            nl(&mut w, 3);
            simple(
                &mut w,
                "note",
                &[("id", &format!("os.{id}")), ("category", OBSOLETE_SOURCE)],
                source,
            );
            nl(&mut w, 3);
            simple(
                &mut w,
                "note",
                &[("id", &format!("ot.{id}")), ("category", OBSOLETE_TARGET)],
                target,
            );
        }
        Placer::new(&kept.file_notes).rest(&mut w, Some(3));
        nl(&mut w, 2);
        let _ = w.write_event(Event::End(BytesEnd::new("notes")));
        file_pieces.at(&mut w, Some("notes"), Some(2));

        // A unit whose id changed (a sentence of its paragraph was edited) keeps what its old
        // unit held: the old unit is the first one, gone from the article, that held one of
        // its segments.
        let block_ids: HashSet<&str> = article.blocks.iter().map(|b| b.id.as_str()).collect();
        let mut claimed: HashSet<&str> = HashSet::new();
        let no_unit = KeptUnit::default();
        let no_segment = KeptSegment::default();
        for block in &article.blocks {
            if let Some(raw) = old
                .filter(|_| held.contains(&block.id))
                .and_then(|d| d.fixed.get(&block.id))
            {
                nl(&mut w, 2);
                replay(&mut w, &raw.raw);
                file_pieces.at(&mut w, Some(&format!("unit:{}", block.id)), Some(2));
                continue;
            }
            let segs = &article.segments[block.segments.clone()];
            let from = if kept.units.contains_key(&block.id) {
                None
            } else {
                segs.iter()
                    .filter_map(|s| old_segments.get(s.id.as_str()))
                    .map(|s| s.unit.as_str())
                    .find(|u| !block_ids.contains(u) && !claimed.contains(u))
            };
            if let Some(f) = from {
                claimed.insert(f);
            }
            let kept_unit = kept
                .units
                .get(&block.id)
                .or_else(|| from.and_then(|f| kept.units.get(f)))
                .unwrap_or(&no_unit);
            nl(&mut w, 2);
            let unit = rewrite_start(
                "unit",
                kept_unit.tag.as_ref(),
                &[
                    ("id", Some(&block.id)),
                    ("name", Some(block.kind.name())),
                    ("xml:space", Some("preserve")),
                ],
            );
            let _ = w.write_event(Event::Start(unit));
            let mut unit_pieces = Placer::new(&kept_unit.children);
            unit_pieces.at(&mut w, None, Some(3));
            nl(&mut w, 3);
            let notes = rewrite_start("notes", kept_unit.notes_tag.as_ref(), &[]);
            let _ = w.write_event(Event::Start(notes));
            nl(&mut w, 4);
            simple(
                &mut w,
                "note",
                &[("category", "puente:kind")],
                block.kind.name(),
            );
            nl(&mut w, 4);
            let location = format!("{}:{}", self.reference_path, block.line);
            simple(
                &mut w,
                "note",
                &[("category", "puente:location")],
                &location,
            );
            // The unit's notes, then those of the old unit it took the place of (which
            // `segment --update` has already moved here).
            let notes_of = |id: Option<&str>| {
                old.zip(id)
                    .and_then(|(d, id)| d.foreign_notes.get(id))
                    .into_iter()
                    .flatten()
            };
            for (cat, body) in notes_of(Some(&block.id)).chain(notes_of(from)) {
                nl(&mut w, 4);
                note_tags.write(&mut w, cat.as_deref(), body);
            }
            Placer::new(&kept_unit.notes).rest(&mut w, Some(4));
            nl(&mut w, 3);
            let _ = w.write_event(Event::End(BytesEnd::new("notes")));
            unit_pieces.at(&mut w, Some("notes"), Some(3));

            let segs = &article.segments[block.segments.clone()];
            if segs.iter().any(|s| !s.placeholders.is_empty()) {
                nl(&mut w, 3);
                let _ = w.write_event(Event::Start(BytesStart::new("originalData")));
                for (k, seg) in segs.iter().enumerate() {
                    // The links of the segment, found once: a segment with many placeholders
                    // is not split again for each of them.
                    let links: HashSet<usize> = inlines(article.text(seg), seg.placeholders.len())
                        .iter()
                        .filter_map(|p| match p {
                            Inline::Pc(m, _) => Some(*m),
                            _ => None,
                        })
                        .collect();
                    for (i, data) in seg.placeholders.iter().enumerate() {
                        let n = i + 1;
                        if links.contains(&n) {
                            nl(&mut w, 4);
                            simple(&mut w, "data", &[("id", &format!("ds{k}-{n}"))], "[");
                            nl(&mut w, 4);
                            simple(
                                &mut w,
                                "data",
                                &[("id", &format!("d{k}-{n}"))],
                                &format!("]({data})"),
                            );
                        } else {
                            nl(&mut w, 4);
                            simple(&mut w, "data", &[("id", &format!("d{k}-{n}"))], data);
                        }
                    }
                }
                nl(&mut w, 3);
                let _ = w.write_event(Event::End(BytesEnd::new("originalData")));
            }
            unit_pieces.at(&mut w, Some("originalData"), Some(3));

            for (k, seg) in segs.iter().enumerate() {
                if k > 0 {
                    let between = &article.source[segs[k - 1].span.end..seg.span.start];
                    nl(&mut w, 3);
                    let _ = w.write_event(Event::Start(BytesStart::new("ignorable")));
                    simple(&mut w, "source", &[], between);
                    let _ = w.write_event(Event::End(BytesEnd::new("ignorable")));
                }
                let prev = old_segments
                    .get(seg.id.as_str())
                    .filter(|p| p.source == article.text(seg));
                let target = prev
                    .and_then(|p| p.target.as_deref())
                    .filter(|t| !t.is_empty());
                nl(&mut w, 3);
                // What another tool wrote on the segment stays while it is the same segment.
                let kept_seg = prev.and_then(|_| kept.segments.get(seg.id.as_str()));
                let kept_seg = kept_seg.unwrap_or(&no_segment);
                let (state, sub) = match (prev, target) {
                    (Some(p), Some(_)) => (p.state.as_str(), p.sub_state.as_deref()),
                    // An untranslated segment is `initial`; a subState another tool gave it
                    // then stays.
                    (Some(p), None) if p.state == "initial" => ("initial", p.sub_state.as_deref()),
                    _ => ("initial", None),
                };
                let s = rewrite_start(
                    "segment",
                    kept_seg.tag.as_ref(),
                    &[
                        ("id", Some(&seg.id)),
                        ("state", Some(state)),
                        ("subState", sub),
                    ],
                );
                let _ = w.write_event(Event::Start(s));
                let mut seg_pieces = Placer::new(&kept_seg.children);
                seg_pieces.at(&mut w, None, None);
                let source = rewrite_start("source", kept_seg.source_tag.as_ref(), &[]);
                let _ = w.write_event(Event::Start(source));
                let source_at = w.get_ref().len();
                write_content(&mut w, article.text(seg), seg.placeholders.len(), k);
                let source_end = w.get_ref().len();
                let _ = w.write_event(Event::End(BytesEnd::new("source")));
                seg_pieces.at(&mut w, Some("source"), None);
                if let Some(t) = target {
                    // The target as written (its annotations, its attributes) while its text
                    // and the source its codes refer to are the same.
                    let as_written = kept_seg.target.as_ref().filter(|k| {
                        k.text == t && k.source.as_bytes() == &w.get_ref()[source_at..source_end]
                    });
                    match as_written {
                        Some(k) => replay(&mut w, &k.raw),
                        None => {
                            let _ = w.write_event(Event::Start(BytesStart::new("target")));
                            write_content(&mut w, t, seg.placeholders.len(), k);
                            let _ = w.write_event(Event::End(BytesEnd::new("target")));
                        }
                    }
                    seg_pieces.at(&mut w, Some("target"), None);
                }
                seg_pieces.rest(&mut w, None);
                let _ = w.write_event(Event::End(BytesEnd::new("segment")));
                unit_pieces.at(&mut w, Some(&format!("segment:{}", seg.id)), Some(3));
            }
            unit_pieces.rest(&mut w, Some(3));
            nl(&mut w, 2);
            let _ = w.write_event(Event::End(BytesEnd::new("unit")));
            file_pieces.at(&mut w, Some(&format!("unit:{}", block.id)), Some(2));
            if let Some(f) = from {
                file_pieces.at(&mut w, Some(&format!("unit:{f}")), Some(2));
            }
        }
        file_pieces.rest(&mut w, Some(2));
        nl(&mut w, 1);
        let _ = w.write_event(Event::End(BytesEnd::new("file")));
        root_pieces.at(&mut w, Some("file"), Some(1));
        root_pieces.rest(&mut w, Some(1));
        nl(&mut w, 0);
        let _ = w.write_event(Event::End(BytesEnd::new("xliff")));
        for piece in &kept.epilog {
            nl(&mut w, 0);
            replay(&mut w, piece);
        }
        let mut out = String::from_utf8(w.into_inner()).unwrap_or_default();
        out.push('\n');
        out
    }
}

fn position(text: &str, pos: usize) -> (usize, usize) {
    // The parser's offset can fall inside a multi-byte character (after a BOM, say).
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Where an element is, for what [`Kept`] keeps: a container puente writes, or anywhere else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    Root,
    File,
    Group,
    FileNotes,
    /// A unit ([`Keeper::unit`] is its id).
    Unit,
    UnitNotes,
    /// A segment ([`Keeper::segment`] is its id).
    Segment,
    Other,
}

impl Ctx {
    /// Whether a child named `name` is one puente writes in this container; every other child
    /// (and every comment and processing instruction) is kept as a piece.
    fn owns(self, name: &[u8]) -> bool {
        match self {
            Ctx::Root => name == b"file",
            Ctx::File => matches!(name, b"notes" | b"unit" | b"group"),
            Ctx::FileNotes | Ctx::UnitNotes => name == b"note",
            Ctx::Unit => matches!(name, b"notes" | b"originalData" | b"segment" | b"ignorable"),
            Ctx::Segment => matches!(name, b"source" | b"target"),
            Ctx::Group | Ctx::Other => true,
        }
    }

    /// The kind of the owned child `name` that a piece following it is placed after (a unit
    /// and a segment are told apart by their ids, added when a piece is kept).
    fn anchor(self, name: &[u8]) -> Option<&'static str> {
        match (self, name) {
            (Ctx::Root, b"file") => Some("file"),
            (Ctx::File, b"notes") | (Ctx::Unit, b"notes") => Some("notes"),
            (Ctx::File, b"unit") => Some("unit"),
            (Ctx::Unit, b"originalData") => Some("originalData"),
            (Ctx::Unit, b"segment") => Some("segment"),
            (Ctx::Segment, b"source") => Some("source"),
            (Ctx::Segment, b"target") => Some("target"),
            _ => None,
        }
    }
}

/// Reads alongside [`read`] what puente does not model in an XLIFF 2 file, into [`Kept`].
#[derive(Default)]
struct Keeper {
    kept: Kept,
    /// Whether the root says XLIFF 2 (1.2 files are read, never kept: puente writes 2.1).
    v2: bool,
    saw_root: bool,
    files: usize,
    /// The open elements: where each is, and the kind of the last child of puente's read in
    /// it (the last unit or segment read is the one open or closed last).
    stack: Vec<(Ctx, Option<&'static str>)>,
    /// The id of the unit open, and of the segment open.
    unit: String,
    segment: String,
    /// A foreign element being read past: where it started, and how deep inside it reading is.
    capture: Option<(usize, usize)>,
    /// The note being read, when its start tag carries more than a category.
    note_tag: Option<BytesStart<'static>>,
    /// The content of the last `<source>` read (start and end offsets).
    source: (usize, usize),
    /// The `<target>` being read: where it started, and whether it holds what puente does not
    /// write.
    target: Option<(usize, bool)>,
}

/// The attributes puente writes on each element it rewrites.
const ROOT_ATTRS: [&str; 4] = ["xmlns", "version", "srcLang", "trgLang"];
const FILE_ATTRS: [&str; 2] = ["id", "original"];
const UNIT_ATTRS: [&str; 3] = ["id", "name", "xml:space"];
const SEGMENT_ATTRS: [&str; 3] = ["id", "state", "subState"];

impl Keeper {
    /// Takes in one event read from `text` (from offset `at` to `end`), before [`read`] gives
    /// it meaning: `true` when it belongs to a piece kept whole, which `read` then skips.
    fn event(
        &mut self,
        text: &str,
        at: usize,
        end: usize,
        event: &Event<'_>,
        seg: Option<&XSegment>,
    ) -> bool {
        if let Some((start, depth)) = self.capture.as_mut() {
            match event {
                // The reader refuses a file cut inside an element; this is only a guard.
                Event::Eof => {
                    self.capture = None;
                    return false;
                }
                Event::Start(_) => *depth += 1,
                Event::End(_) => *depth -= 1,
                _ => {}
            }
            if *depth == 0 {
                let piece = text[*start..end].to_string();
                self.capture = None;
                self.piece(piece);
            }
            return true;
        }
        let piece = || text[at..end].trim_start().to_string();
        let Some((ctx, _)) = self.stack.last() else {
            if matches!(event, Event::Comment(_) | Event::PI(_) | Event::DocType(_)) {
                if self.saw_root {
                    self.kept.epilog.push(piece());
                } else {
                    self.kept.prolog.push(piece());
                }
            }
            if let Event::Start(e) = event {
                if e.local_name().as_ref() == b"xliff" {
                    self.saw_root = true;
                    self.v2 = attr(e, "version").is_some_and(|v| v.starts_with('2'));
                    if self.v2 && has_other_attrs(e, &ROOT_ATTRS) {
                        self.kept.root = Some(e.clone().into_owned());
                    }
                }
                self.stack.push((Ctx::Root, None));
            }
            return false;
        };
        let ctx = *ctx;
        let keeps = self.v2 && !matches!(ctx, Ctx::Group | Ctx::Other);
        match event {
            Event::Comment(_) | Event::PI(_) if keeps => {
                self.piece(piece());
                return true;
            }
            Event::Comment(_) | Event::PI(_) => {
                if let Some((_, special)) = self.target.as_mut() {
                    *special = true;
                }
            }
            Event::Start(e) | Event::Empty(e) if keeps && !ctx.owns(e.local_name().as_ref()) => {
                if matches!(event, Event::Start(_)) {
                    self.capture = Some((at, 1));
                } else {
                    self.piece(piece());
                }
                return true;
            }
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                // Only units and segments are known by their ids here.
                let id = match (ctx, name) {
                    (Ctx::File | Ctx::Group, b"unit") | (Ctx::Unit, b"segment") => {
                        attr(e, "id").unwrap_or_default()
                    }
                    _ => String::new(),
                };
                if let (Some(top), Some(kind)) = (self.stack.last_mut(), ctx.anchor(name)) {
                    top.1 = Some(kind);
                }
                if self.target.is_some() && !matches!(name, b"ph" | b"pc" | b"cp") {
                    // An annotation or another tool's code: only the target as written has it.
                    if let Some((_, special)) = self.target.as_mut() {
                        *special = true;
                    }
                }
                if self.v2 {
                    self.tags(ctx, name, e, &id, at, end);
                }
                if matches!(event, Event::Start(_)) {
                    let child = match (ctx, name) {
                        (Ctx::Root, b"file") => Ctx::File,
                        (Ctx::File | Ctx::Group, b"group") => Ctx::Group,
                        (Ctx::File | Ctx::Group, b"unit") => {
                            self.unit = id;
                            Ctx::Unit
                        }
                        (Ctx::File, b"notes") => Ctx::FileNotes,
                        (Ctx::Unit, b"notes") => Ctx::UnitNotes,
                        (Ctx::Unit, b"segment") => {
                            self.segment = id;
                            Ctx::Segment
                        }
                        _ => Ctx::Other,
                    };
                    self.stack.push((child, None));
                }
            }
            Event::End(e) => {
                self.stack.pop();
                let name = e.local_name();
                match (self.stack.last().map(|(c, _)| c), name.as_ref()) {
                    (Some(Ctx::Segment), b"source") => self.source.1 = at,
                    (Some(Ctx::Segment), b"target") => {
                        if let (Some((start, true)), Some(s)) = (self.target.take(), seg) {
                            let kept = self.kept.segments.entry(self.segment.clone()).or_default();
                            kept.target.get_or_insert_with(|| KeptTarget {
                                text: s.target.clone().unwrap_or_default(),
                                source: text[self.source.0..self.source.1].to_string(),
                                raw: text[start..end].to_string(),
                            });
                        }
                        self.target = None;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        false
    }

    /// Keeps the start tags of owned elements that carry attributes puente does not write.
    fn tags(&mut self, ctx: Ctx, name: &[u8], e: &BytesStart<'_>, id: &str, at: usize, end: usize) {
        match (ctx, name) {
            (Ctx::Root, b"file") => {
                self.files += 1;
                if self.files == 1 && has_other_attrs(e, &FILE_ATTRS) {
                    self.kept.file = Some(e.clone().into_owned());
                }
            }
            (Ctx::File | Ctx::Group, b"unit") if has_other_attrs(e, &UNIT_ATTRS) => {
                let unit = self.kept.units.entry(id.to_string()).or_default();
                unit.tag.get_or_insert_with(|| e.clone().into_owned());
            }
            (Ctx::Unit, b"segment") if has_other_attrs(e, &SEGMENT_ATTRS) => {
                let seg = self.kept.segments.entry(id.to_string()).or_default();
                seg.tag.get_or_insert_with(|| e.clone().into_owned());
            }
            (Ctx::Segment, b"source") => {
                self.source = (end, end);
                if has_other_attrs(e, &[]) {
                    let seg = self.kept.segments.entry(self.segment.clone()).or_default();
                    seg.source_tag.get_or_insert_with(|| e.clone().into_owned());
                }
            }
            (Ctx::Segment, b"target") => {
                self.target = Some((at, has_other_attrs(e, &[])));
            }
            (Ctx::File, b"notes") if has_other_attrs(e, &[]) => {
                self.kept.file_notes_tag = Some(e.clone().into_owned());
            }
            (Ctx::Unit, b"notes") if has_other_attrs(e, &[]) => {
                let unit = self.kept.units.entry(self.unit.clone()).or_default();
                unit.notes_tag.get_or_insert_with(|| e.clone().into_owned());
            }
            (Ctx::FileNotes | Ctx::UnitNotes, b"note") => {
                self.note_tag = has_other_attrs(e, &["category"]).then(|| e.clone().into_owned());
            }
            _ => {}
        }
    }

    /// Keeps a piece read in the container open now, after the last owned child read in it.
    fn piece(&mut self, piece: Piece) {
        let Some(&(ctx, after)) = self.stack.last() else {
            return;
        };
        let after = after.map(|kind| match kind {
            "unit" => format!("unit:{}", self.unit),
            "segment" => format!("segment:{}", self.segment),
            kind => kind.to_string(),
        });
        let kept = &mut self.kept;
        let foreign = match ctx {
            Ctx::Root => &mut kept.root_children,
            Ctx::File => &mut kept.file_children,
            Ctx::FileNotes => &mut kept.file_notes,
            Ctx::Unit => &mut kept.units.entry(self.unit.clone()).or_default().children,
            Ctx::UnitNotes => &mut kept.units.entry(self.unit.clone()).or_default().notes,
            Ctx::Segment => {
                &mut kept
                    .segments
                    .entry(self.segment.clone())
                    .or_default()
                    .children
            }
            Ctx::Group | Ctx::Other => return,
        };
        foreign.pieces.push((after, piece));
    }

    /// A note others wrote was read whole: its start tag, if it carries more than a category,
    /// is kept by the note's category and text.
    fn note(&mut self, category: Option<&str>, body: &str) {
        let Some(tag) = self.note_tag.take() else {
            return;
        };
        if category.is_some_and(|c| c.starts_with("puente:")) {
            return;
        }
        self.kept
            .notes
            .entry((category.map(str::to_string), body.to_string()))
            .or_default()
            .push_back(tag);
    }
}

/// Reads an XLIFF 2 document.
pub fn read(text: &str) -> Result<XliffDoc, XliffError> {
    let mut reader = XmlIn::new(text);
    let mut doc = XliffDoc::default();
    let mut unit_id = String::new();
    let mut seg: Option<XSegment> = None;
    // Where content goes: 0 nowhere, 1 source, 2 target, 3 a note.
    let mut sink = 0u8;
    let mut note_cat: Option<String> = None;
    let mut note_id: Option<String> = None;
    let mut note_text = String::new();
    let mut in_unit_notes = false;
    let mut in_file_notes = false;
    let mut pcs: Vec<String> = Vec::new();
    let mut in_ignorable = false;
    let mut saw_root = false;
    // XLIFF 1.2, as many CAT tools still write it: <trans-unit> is unit and segment at once,
    // and its inline codes (<ph>, <bpt>, <ept>, <it>) hold native code that is not text.
    let mut in_trans_unit = false;
    // `translate` as each open `<file>`, `<group>` and unit says it, inherited when it does not.
    let mut no_translate: Vec<bool> = Vec::new();
    // `canResegment` likewise, and where the open `<unit>` starts, to keep it whole.
    let mut no_resegment: Vec<bool> = Vec::new();
    let mut unit_at = 0;
    let mut approved = false;
    let mut skip_code: usize = 0;
    // Ids seen: units in the current <file>, segments in the current unit (with their lines),
    // and a duplicate unit waiting for its first segment to be reported on.
    let mut unit_ids: HashMap<String, usize> = HashMap::new();
    let mut segment_ids: HashMap<String, usize> = HashMap::new();
    let mut duplicate_unit: Option<(String, usize)> = None;
    let mut keeper = Keeper::default();
    let err = |offset: usize, kind: XliffProblem| {
        let (line, column) = position(text, offset);
        XliffError { line, column, kind }
    };
    loop {
        let (at, event) = reader
            .event()
            .map_err(|(offset, problem)| err(offset, XliffProblem::Xml(problem)))?;
        if keeper.event(text, at, reader.position(), &event, seg.as_ref()) {
            // Text kept as written is held to the same rule as text read: no entity but
            // XML's own.
            if let Event::Text(t) = &event {
                t.unescape().map_err(|e| {
                    err(
                        reader.position(),
                        XliffProblem::Xml(crate::xml::XmlProblem::from_quick(&e)),
                    )
                })?;
            }
            continue;
        }
        match event {
            Event::Eof => break,
            Event::Start(e) if (sink == 1 || sink == 2) && in_trans_unit && is_native_code(&e) => {
                // A 1.2 code with native content: one placeholder, its content skipped.
                skip_code += 1;
                let piece = format!("{{{}}}", code_label(&e));
                if skip_code == 1 {
                    if let Some(t) = sink_str(&mut seg, sink) {
                        t.push_str(&piece);
                    }
                }
            }
            Event::Start(_) | Event::Empty(_) if (sink == 1 || sink == 2) && skip_code > 0 => {}
            Event::Start(e) | Event::Empty(e) if sink == 1 || sink == 2 => {
                let piece = match e.local_name().as_ref() {
                    b"x" | b"bx" | b"ex" | b"ph" | b"bpt" | b"ept" | b"it" => {
                        format!("{{{}}}", code_label(&e))
                    }
                    b"g" => {
                        pcs.push(code_label(&e));
                        "[".to_string()
                    }
                    // Codes another tool wrote keep their own id, so the checks can still
                    // compare them between source and target.
                    b"pc" => {
                        pcs.push(code_label(&e));
                        "[".to_string()
                    }
                    b"cp" => attr(&e, "hex")
                        .and_then(|h| u32::from_str_radix(&h, 16).ok())
                        .and_then(char::from_u32)
                        .ok_or_else(|| err(reader.position(), XliffProblem::BadCp))?
                        .to_string(),
                    // Annotations (`<mrk>`) and other codes carry no text of their own.
                    _ => String::new(),
                };
                if let Some(t) = sink_str(&mut seg, sink) {
                    t.push_str(&piece);
                }
            }
            Event::Start(e) => {
                let name = e.local_name();
                if matches!(name.as_ref(), b"file" | b"group" | b"unit" | b"trans-unit") {
                    let inherited = no_translate.last().copied().unwrap_or(false);
                    no_translate.push(match attr(&e, "translate").as_deref() {
                        Some("no") => true,
                        Some("yes") => false,
                        _ => inherited,
                    });
                    no_resegment.push(says_no_resegment(&e, &no_resegment));
                }
                match name.as_ref() {
                    b"xliff" => {
                        saw_root = true;
                        doc.src_lang = attr(&e, "srcLang");
                        doc.trg_lang = attr(&e, "trgLang");
                    }
                    b"file" => {
                        unit_ids.clear();
                        if doc.src_lang.is_none() {
                            doc.src_lang = attr(&e, "source-language");
                            doc.trg_lang = attr(&e, "target-language").or(doc.trg_lang.take());
                        }
                    }
                    b"trans-unit" => {
                        let (line, _) = position(text, at);
                        let id = attr(&e, "id").unwrap_or_default();
                        start_unit(
                            &id,
                            line,
                            &mut unit_ids,
                            &mut segment_ids,
                            &mut duplicate_unit,
                        );
                        unit_id = id.clone();
                        in_trans_unit = true;
                        approved = attr(&e, "approved").as_deref() == Some("yes");
                        seg = Some(XSegment {
                            id,
                            state: "initial".into(),
                            line,
                            unit: unit_id.clone(),
                            no_translate: no_translate.last().copied().unwrap_or(false),
                            no_resegment: no_resegment.last().copied().unwrap_or(false),
                            ..XSegment::default()
                        });
                    }
                    b"unit" => {
                        unit_at = at;
                        let (line, _) = position(text, at);
                        unit_id = attr(&e, "id").unwrap_or_default();
                        start_unit(
                            &unit_id,
                            line,
                            &mut unit_ids,
                            &mut segment_ids,
                            &mut duplicate_unit,
                        );
                    }
                    b"notes" => {
                        if unit_id.is_empty() {
                            in_file_notes = true;
                        } else {
                            in_unit_notes = true;
                        }
                    }
                    b"note" => {
                        note_cat = attr(&e, "category");
                        note_id = attr(&e, "id");
                        note_text.clear();
                        sink = 3;
                    }
                    b"segment" => {
                        let (line, _) = position(text, at);
                        seg = Some(XSegment {
                            id: attr(&e, "id").unwrap_or_default(),
                            state: attr(&e, "state").unwrap_or_else(|| "initial".into()),
                            sub_state: attr(&e, "subState"),
                            line,
                            unit: unit_id.clone(),
                            no_translate: no_translate.last().copied().unwrap_or(false),
                            no_resegment: says_no_resegment(&e, &no_resegment),
                            ..XSegment::default()
                        });
                    }
                    // Ignorable text (2.x) and alternative translations (1.2 TM matches) are
                    // not the segment's source or target.
                    b"ignorable" | b"alt-trans" => in_ignorable = true,
                    b"source" if seg.is_some() && !in_ignorable => sink = 1,
                    b"target" if seg.is_some() && !in_ignorable => {
                        sink = 2;
                        if in_trans_unit {
                            let (state, sub) =
                                state_from_12(attr(&e, "state").as_deref(), approved);
                            if let Some(s) = seg.as_mut() {
                                s.state = state.into();
                                s.sub_state = sub.map(String::from);
                            }
                        }
                        if let Some(s) = seg.as_mut() {
                            s.target.get_or_insert_with(String::new);
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) if e.local_name().as_ref() == b"target" => {
                if let Some(s) = seg.as_mut() {
                    s.target.get_or_insert_with(String::new);
                }
            }
            Event::End(e)
                if skip_code > 0
                    && in_trans_unit
                    && is_native_code_name(e.local_name().as_ref()) =>
            {
                skip_code -= 1;
            }
            Event::End(e) => {
                let name = e.local_name();
                if matches!(name.as_ref(), b"file" | b"group" | b"unit" | b"trans-unit") {
                    no_translate.pop();
                    no_resegment.pop();
                }
                match name.as_ref() {
                    b"pc" | b"g" if sink == 1 || sink == 2 => {
                        let n = pcs.pop().unwrap_or_default();
                        if let Some(t) = sink_str(&mut seg, sink) {
                            t.push_str(&format!("]({{{n}}})"));
                        }
                    }
                    b"source" | b"target" if sink == 1 || sink == 2 => sink = 0,
                    b"note" => {
                        sink = 0;
                        keeper.note(note_cat.as_deref(), &note_text);
                        let body = std::mem::take(&mut note_text);
                        if in_file_notes {
                            let id = note_id.take().unwrap_or_default();
                            match note_cat.take() {
                                Some(c) if c == OBSOLETE_SOURCE => {
                                    doc.obsolete.push(Obsolete {
                                        id: id.strip_prefix("os.").unwrap_or(&id).to_string(),
                                        source: body,
                                        target: String::new(),
                                    });
                                }
                                Some(c) if c == OBSOLETE_TARGET => {
                                    let id = id.strip_prefix("ot.").unwrap_or(&id);
                                    if let Some(o) =
                                        doc.obsolete.iter_mut().rev().find(|o| o.id == id)
                                    {
                                        o.target = body;
                                    }
                                }
                                Some(c) if c.starts_with("puente:") => {
                                    doc.file_notes.insert(c, body);
                                }
                                cat => {
                                    if let Some(c) = &cat {
                                        doc.file_notes.insert(c.clone(), body.clone());
                                    }
                                    doc.file_foreign_notes.push((cat, body));
                                }
                            }
                        } else if in_unit_notes || in_trans_unit {
                            let cat = note_cat.take();
                            if !cat.as_deref().is_some_and(|c| c.starts_with("puente:")) {
                                doc.foreign_notes
                                    .entry(unit_id.clone())
                                    .or_default()
                                    .push((cat, body));
                            }
                        }
                    }
                    b"notes" => {
                        in_file_notes = false;
                        in_unit_notes = false;
                    }
                    b"segment" => {
                        if let Some(s) = seg.take() {
                            push_segment(&mut doc, s, &mut segment_ids, &mut duplicate_unit);
                        }
                    }
                    b"ignorable" | b"alt-trans" => in_ignorable = false,
                    b"unit" => {
                        let first = doc.segments.len()
                            - doc
                                .segments
                                .iter()
                                .rev()
                                .take_while(|s| s.unit == unit_id)
                                .count();
                        let segs = &doc.segments[first..];
                        if segs.iter().any(|s| s.no_resegment) && !doc.fixed.contains_key(&unit_id)
                        {
                            let fixed = Fixed {
                                raw: text[unit_at..reader.position().min(text.len())].to_string(),
                                segments: segs
                                    .iter()
                                    .map(|s| (s.id.clone(), s.source.clone()))
                                    .collect(),
                            };
                            doc.fixed.insert(unit_id.clone(), fixed);
                        }
                        unit_id.clear();
                    }
                    b"trans-unit" => {
                        if let Some(s) = seg.take() {
                            push_segment(&mut doc, s, &mut segment_ids, &mut duplicate_unit);
                        }
                        in_trans_unit = false;
                        unit_id.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(_) | Event::CData(_) if skip_code > 0 => {}
            Event::Text(t) => {
                let piece = t.unescape().map_err(|e| {
                    err(
                        reader.position(),
                        XliffProblem::Xml(crate::xml::XmlProblem::from_quick(&e)),
                    )
                })?;
                if sink == 3 {
                    note_text.push_str(&piece);
                } else if let Some(x) = sink_str(&mut seg, sink) {
                    x.push_str(&piece);
                }
            }
            Event::CData(c) => {
                let piece = String::from_utf8_lossy(&c).into_owned();
                if sink == 3 {
                    note_text.push_str(&piece);
                } else if let Some(x) = sink_str(&mut seg, sink) {
                    x.push_str(&piece);
                }
            }
            _ => {}
        }
    }
    if !saw_root {
        return Err(XliffError {
            line: 1,
            column: 1,
            kind: XliffProblem::NoRoot,
        });
    }
    doc.kept = Box::new(keeper.kept);
    Ok(doc)
}

/// Whether `canResegment` is `no` for element `e`: as it says, else as the nearest enclosing
/// element that says (`open`, innermost last), else `yes`, the default.
fn says_no_resegment(e: &BytesStart<'_>, open: &[bool]) -> bool {
    match attr(e, "canResegment").as_deref() {
        Some("no") => true,
        Some("yes") => false,
        _ => open.last().copied().unwrap_or(false),
    }
}

/// A `<unit>` (or 1.2 `<trans-unit>`) starts at `line`: its id is remembered for its `<file>`,
/// and one already used there is held until the unit's first segment can carry the finding.
fn start_unit(
    id: &str,
    line: usize,
    unit_ids: &mut HashMap<String, usize>,
    segment_ids: &mut HashMap<String, usize>,
    duplicate_unit: &mut Option<(String, usize)>,
) {
    segment_ids.clear();
    *duplicate_unit = match unit_ids.get(id) {
        Some(&first_line) if !id.is_empty() => Some((id.to_string(), first_line)),
        _ => {
            unit_ids.insert(id.to_string(), line);
            None
        }
    };
}

/// Adds a segment read, noting it if its unit's id or its own id (in its unit) was used before.
fn push_segment(
    doc: &mut XliffDoc,
    seg: XSegment,
    segment_ids: &mut HashMap<String, usize>,
    duplicate_unit: &mut Option<(String, usize)>,
) {
    let unit = doc.segments.len();
    let first = match duplicate_unit.take() {
        Some(dup) => Some(dup),
        None if seg.id.is_empty() => None,
        None => match segment_ids.get(&seg.id) {
            Some(&first_line) => Some((seg.id.clone(), first_line)),
            None => {
                segment_ids.insert(seg.id.clone(), seg.line);
                None
            }
        },
    };
    if let Some((id, first_line)) = first {
        doc.duplicates.push(Issue {
            unit,
            kind: IssueKind::Duplicate { id, first_line },
        });
    }
    doc.segments.push(seg);
}

/// The string that content goes to: the segment's source (1) or target (2).
fn sink_str(seg: &mut Option<XSegment>, sink: u8) -> Option<&mut String> {
    let s = seg.as_mut()?;
    match sink {
        1 => Some(&mut s.source),
        2 => Some(s.target.get_or_insert_with(String::new)),
        _ => None,
    }
}

/// XLIFF 1.2 inline codes whose content is native code, not text.
fn is_native_code_name(name: &[u8]) -> bool {
    matches!(name, b"ph" | b"bpt" | b"ept" | b"it" | b"sub")
}

fn is_native_code(e: &BytesStart<'_>) -> bool {
    is_native_code_name(e.local_name().as_ref())
}

/// An XLIFF 1.2 target `state` (and the unit's `approved`) as 2.x state and subState.
fn state_from_12(state: Option<&str>, approved: bool) -> (&'static str, Option<&'static str>) {
    match state {
        _ if approved => ("final", None),
        Some("translated" | "signed-off" | "final") | None => ("translated", None),
        Some("new" | "needs-translation") => ("initial", None),
        Some(_) => ("translated", Some(FUZZY_SUBSTATE)),
    }
}

/// The placeholder label of an inline code: puente's number, or the id another tool gave it.
fn code_label(e: &BytesStart<'_>) -> String {
    match code_number(e) {
        Some(n) => n.to_string(),
        None => attr(e, "id").unwrap_or_default(),
    }
}

fn code_number(e: &BytesStart<'_>) -> Option<usize> {
    let id = attr(e, "id")?;
    id.rsplit('-').next()?.parse().ok()
}

#[cfg(test)]
mod keep_tests {
    use super::*;
    use crate::article::{Article, Format};
    use crate::lang::Lang;

    fn article(text: &str) -> Article {
        Article::parse(text.to_string(), Format::Markdown, Lang::En).unwrap()
    }

    /// Replaces the one occurrence of `from` in `text` by `to`.
    fn edit(text: &str, from: &str, to: &str) -> String {
        assert_eq!(text.matches(from).count(), 1, "{from} in {text}");
        text.replacen(from, to, 1)
    }

    const TEXT: &str = "One sentence here. And another one.\n\nA second paragraph.\n";

    /// puente's file for [`TEXT`] as another tool leaves it: something of its own in every
    /// place puente writes, attributes with escapes as that tool wrote them.
    fn annotated(a: &Article) -> (String, Vec<&'static str>) {
        let x = Extract::new(a, "a.md", Lang::En, Lang::Es);
        let xml = x.to_xliff(None);
        let first = a.blocks[0].id.clone();
        let one = a.segments[0].id.clone();
        let pieces = vec![
            "<!DOCTYPE xliff SYSTEM \"x>y.dtd\">",
            " xmlns:okp=\"okapi-framework:xliff2-extensions\" okp:t=\"a &amp; b &lt; c\"",
            "<skeleton href=\"a.skl\"/>",
            "<!-- a file comment -->",
            "<?pi in the notes?>",
            " okp:unit=\"&#x41;\"",
            "<okp:flag x=\"1\"/>",
            "<note id=\"r1\" category=\"desk\" priority=\"3\">It&apos;s checked.</note>",
            "<!-- between source and target -->",
            "<target xml:lang=\"es-MX\">Una <mrk id=\"m1\" type=\"term\">oración</mrk> aquí.</target>",
            "<!-- after the first segment -->",
            "<!-- at the end -->",
        ];
        let mut t = edit(&xml, "?>\n", &format!("?>\n{}\n", pieces[0]));
        t = edit(
            &t,
            " trgLang=\"es\">",
            &format!(" trgLang=\"es\"{}>", pieces[1]),
        );
        t = edit(
            &t,
            "original=\"a.md\">",
            &format!("original=\"a.md\">\n    {}", pieces[2]),
        );
        t = edit(
            &t,
            "</note>\n    </notes>",
            &format!(
                "</note>\n      {}\n      {}\n    </notes>",
                pieces[3], pieces[4]
            ),
        );
        let unit = format!("<unit id=\"{first}\" name=\"paragraph\" xml:space=\"preserve\"");
        t = edit(
            &t,
            &format!("{unit}>"),
            &format!("{unit}{}>\n      {}", pieces[5], pieces[6]),
        );
        t = edit(
            &t,
            "a.md:1</note>",
            &format!("a.md:1</note>\n        {}", pieces[7]),
        );
        t = edit(
            &t,
            &format!("<segment id=\"{one}\" state=\"initial\"><source>One sentence here.</source></segment>"),
            &format!(
                "<segment id=\"{one}\" state=\"final\"><source>One sentence here.</source>{}{}</segment>\n      {}",
                pieces[8], pieces[9], pieces[10]
            ),
        );
        t = edit(&t, "</file>", &format!("</file>\n  {}", pieces[11]));
        (t, pieces)
    }

    #[test]
    fn a_rewrite_writes_what_another_tool_added_as_it_was() {
        let a = article(TEXT);
        let (text, pieces) = annotated(&a);
        let doc = read(&text).unwrap();
        assert_eq!(doc.segments.len(), 3);
        // The target is read for what it says, the annotation's text in it.
        assert_eq!(doc.segments[0].target.as_deref(), Some("Una oración aquí."));
        let again = Extract::new(&a, "a.md", Lang::En, Lang::Es).to_xliff(Some(&doc));
        assert!(again == text, "{again}\n---\n{text}");
        for p in pieces {
            assert!(again.contains(p), "{p}");
        }
    }

    #[test]
    fn a_target_puente_changes_is_its_own_and_the_rest_stays() {
        let a = article(TEXT);
        let (text, _) = annotated(&a);
        let mut doc = read(&text).unwrap();
        doc.segments[0].target = Some("Una frase aquí.".into());
        let again = Extract::new(&a, "a.md", Lang::En, Lang::Es).to_xliff(Some(&doc));
        assert!(
            again.contains("<target>Una frase aquí.</target>"),
            "{again}"
        );
        assert!(!again.contains("<mrk"), "{again}");
        assert!(again.contains("<!-- between source and target -->"));
        assert!(again.contains("<okp:flag x=\"1\"/>"));
    }

    #[test]
    fn a_revised_paragraph_keeps_its_units_pieces_and_a_gone_segments_go_with_it() {
        let a = article(TEXT);
        let (text, _) = annotated(&a);
        let doc = read(&text).unwrap();
        // The first sentence is deleted: its unit gets a new id, and takes what the old one
        // had; what was written on or after the segment that left goes with it, at the end
        // of the unit for what followed it.
        let b = article("And another one.\n\nA second paragraph.\n");
        assert_ne!(a.blocks[0].id, b.blocks[0].id);
        let again = Extract::new(&b, "a.md", Lang::En, Lang::Es).to_xliff(Some(&doc));
        let unit = again
            .find(&format!("<unit id=\"{}\"", b.blocks[0].id))
            .unwrap();
        let end = unit + again[unit..].find("</unit>").unwrap();
        let unit = &again[unit..end];
        assert!(unit.contains(" okp:unit=\"&#x41;\""), "{unit}");
        assert!(unit.contains("<okp:flag x=\"1\"/>"), "{unit}");
        assert!(unit.contains("It&apos;s checked."), "{unit}");
        assert!(
            unit.trim_end()
                .ends_with("<!-- after the first segment -->"),
            "{unit}"
        );
        assert!(!again.contains("between source and target"), "{again}");
        assert!(!again.contains("<mrk"), "{again}");
        // The translation itself stays, as an obsolete note of the file.
        assert!(again.contains("category=\"puente:obsolete-target\">Una oración aquí."));
    }

    #[test]
    fn a_namespace_declared_on_notes_stays_with_the_notes_that_use_it() {
        let a = article(TEXT);
        let x = Extract::new(&a, "a.md", Lang::En, Lang::Es);
        let text = x.to_xliff(None);
        let unit = format!("<unit id=\"{}\"", a.blocks[0].id);
        let at = text.find(&unit).unwrap();
        let notes = at + text[at..].find("<notes>").unwrap();
        let text = format!(
            "{}<notes xmlns:x=\"urn:x\">{}",
            &text[..notes],
            &text[notes + "<notes>".len()..]
        );
        let text = edit(
            &text,
            "a.md:1</note>",
            "a.md:1</note><note x:by=\"ana\">Ok.</note>",
        );
        let doc = read(&text).unwrap();
        let again = x.to_xliff(Some(&doc));
        assert!(again.contains("<notes xmlns:x=\"urn:x\">"), "{again}");
        assert!(again.contains("<note x:by=\"ana\">Ok.</note>"), "{again}");
    }

    /// Every prefix of an annotated file, and the file without any one of its bytes, reads or
    /// is refused without a panic; what reads is written again as XML that reads again, with
    /// the same segments.
    #[test]
    fn cut_and_damaged_files_never_panic_and_what_reads_rewrites_to_xml() {
        let a = article(TEXT);
        let x = Extract::new(&a, "a.md", Lang::En, Lang::Es);
        let (text, _) = annotated(&a);
        let mut variants: Vec<String> = (0..text.len())
            .filter(|i| text.is_char_boundary(*i))
            .map(|i| text[..i].to_string())
            .collect();
        for (i, c) in text.char_indices() {
            variants.push(format!("{}{}", &text[..i], &text[i + c.len_utf8()..]));
        }
        let mut read_ok = 0;
        for v in &variants {
            let Ok(doc) = read(v) else { continue };
            read_ok += 1;
            let again = x.to_xliff(Some(&doc));
            let doc2 = read(&again).unwrap_or_else(|e| panic!("{e}\n{again}\nfrom\n{v}"));
            assert_eq!(doc2.segments.len(), a.segments.len());
        }
        assert!(read_ok > 100, "{read_ok}");
    }

    #[test]
    fn an_unknown_entity_in_another_tools_element_is_refused_as_anywhere() {
        let a = article(TEXT);
        let text = Extract::new(&a, "a.md", Lang::En, Lang::Es).to_xliff(None);
        let text = edit(
            &text,
            "original=\"a.md\">",
            "original=\"a.md\"><x:m xmlns:x=\"urn:x\">a&nbsp;b</x:m>",
        );
        let e = read(&text).unwrap_err();
        assert!(
            matches!(&e.kind, XliffProblem::Xml(crate::xml::XmlProblem::UnknownEntity { name }) if name == "nbsp"),
            "{e:?}"
        );
    }

    #[test]
    fn xliff_1_2_is_read_as_before_and_nothing_of_it_is_kept() {
        let text = "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"es\">\
                    <header><!-- h --></header><body><trans-unit id=\"1\"><source>A.</source>\
                    <target>B.</target></trans-unit></body></file></xliff>";
        let doc = read(text).unwrap();
        assert_eq!(doc.segments.len(), 1);
        assert!(doc.kept.file_children.pieces.is_empty() && doc.kept.units.is_empty());
    }
}
