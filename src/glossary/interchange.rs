//! Glossary interchange: TBX-Basic (both ways), TSV and CSV (both ways), and the TOML that
//! `glossary import` writes.
//!
//! TBX is the martif TBX-Basic layout most terminology tools read. Each term or quote is a
//! `termEntry`; accepted forms are `preferredTerm-admn-sts` (the first) and
//! `admittedTerm-admn-sts`; forbidden forms are `forbiddenTerm-admn-sts` (ISO 12620's
//! administrativeStatus value; `deprecatedTerm-admn-sts` and `supersededTerm-admn-sts` are read
//! as forbidden too). A quote's reported variants are `supersededTerm-admn-sts` (deprecated and
//! forbidden statuses are read as variants too). A name is `partOfSpeech` properNoun. What
//! TBX-Basic has no place for (the case rule, a quote's speaker and language) travels in `<note>`s starting with `puente:`, so
//! TOML → TBX → TOML loses nothing but comments. A DOCTYPE that names an external DTD (as CAT
//! tools write `TBXcoreStructV02.dtd`) is read past, never fetched; one with an internal subset
//! is refused, so no entity is declared or expanded. TSV and CSV (comma-separated, or
//! semicolon-separated as spreadsheets in Spanish save it) have a header row naming the columns:
//! `en`, `es`, and optionally `id`, `kind`, `case`, `note`, `forbidden:en`, `forbidden:es`;
//! several forms in one cell are separated by ` | `; errors name the line where the record
//! starts, and a quote never closed is one. Pure: text in, text out.

use quick_xml::events::Event;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::{Case, Glossary, Kind, Location, Quote, Term};
use crate::lang::Lang;
use crate::text::LineIndex;
use crate::xml::{XmlIn, XmlOut, XmlProblem};

/// Why a file could not be imported, and the 1-based line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}")]
pub struct ImportError {
    /// Where.
    pub line: usize,
    /// What.
    pub kind: ImportErrorKind,
}

/// The kinds of import errors (the CLI localizes them).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportErrorKind {
    /// The XML itself (a DOCTYPE with an internal subset is [`XmlProblem::Doctype`]).
    #[error("{0}")]
    Xml(XmlProblem),
    /// A table the CSV reader cannot read, in its own words.
    #[error("{0}")]
    Table(String),
    /// No `<martif>` or `<tbx>` root.
    #[error("not a TBX document (no <martif> or <tbx> element)")]
    NotTbx,
    /// A language other than en or es.
    #[error("language {0} is not en or es")]
    Language(String),
    /// A case rule puente does not know.
    #[error("unknown case rule {0}")]
    Case(String),
    /// A kind other than term or name.
    #[error("unknown kind {0}")]
    Kind(String),
    /// A quote note without its language.
    #[error("a quote without said_in = en|es")]
    QuoteLanguage,
    /// A table whose header names no language column.
    #[error("the header row ({0}) names no language column (en, es)")]
    NoLanguageColumn(String),
    /// A CSV quoted field that is never closed: the rest of the file would be one value.
    #[error("a quoted field opened here is never closed")]
    UnterminatedQuote,
    /// A column named twice in the header row: one of the two would be dropped.
    #[error("the header row names the column {0} twice")]
    RepeatedColumn(String),
    /// A row with more cells than the header has columns: the extra ones would be dropped.
    #[error("this row has {cells} cells but the header names {columns} columns")]
    ExtraCells {
        /// Cells in the row.
        cells: usize,
        /// Columns in the header.
        columns: usize,
    },
}

fn err(line: usize, kind: ImportErrorKind) -> ImportError {
    ImportError { line, kind }
}

/// A CSV reader's error, in its own words: the text is already UTF-8 and rows may have any
/// length, so none is expected; the CLI shows it as the cause under a localized message.
fn table_problem(e: &csv::Error) -> ImportErrorKind {
    ImportErrorKind::Table(e.to_string())
}

/// The interchange formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// TBX-Basic.
    Tbx,
    /// Tab-separated values.
    Tsv,
    /// Comma-separated values.
    Csv,
}

impl Format {
    /// By file extension.
    pub fn from_path(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".tbx") || lower.ends_with(".xml") {
            Some(Format::Tbx)
        } else if lower.ends_with(".tsv") || lower.ends_with(".tab") || lower.ends_with(".txt") {
            Some(Format::Tsv)
        } else if lower.ends_with(".csv") {
            Some(Format::Csv)
        } else {
            None
        }
    }
}

const FORBIDDEN: &str = "forbiddenTerm-admn-sts";
const PREFERRED: &str = "preferredTerm-admn-sts";
const ADMITTED: &str = "admittedTerm-admn-sts";
const SUPERSEDED: &str = "supersededTerm-admn-sts";
const NOTE_PREFIX: &str = "puente:";

fn case_id(c: Case) -> &'static str {
    match c {
        Case::Insensitive => "insensitive",
        Case::Sensitive => "sensitive",
        Case::FirstLetter => "first-letter",
    }
}

fn parse_case(s: &str) -> Option<Case> {
    match s.trim() {
        "insensitive" | "" => Some(Case::Insensitive),
        "sensitive" => Some(Case::Sensitive),
        "first-letter" => Some(Case::FirstLetter),
        _ => None,
    }
}

fn tig(w: &mut XmlOut, form: &str, status: &str, name: bool) {
    w.open("tig", &[]);
    w.element("term", &[], form);
    w.element("termNote", &[("type", "administrativeStatus")], status);
    if name {
        w.element("termNote", &[("type", "partOfSpeech")], "properNoun");
    }
    w.close("tig");
}

/// The glossary as a TBX-Basic document.
pub fn to_tbx(g: &Glossary) -> String {
    let mut w = XmlOut::new();
    w.open("martif", &[("type", "TBX-Basic"), ("xml:lang", "en")]);
    w.open("martifHeader", &[]);
    w.open("fileDesc", &[]);
    w.open("sourceDesc", &[]);
    w.element(
        "p",
        &[],
        concat!("Exported by puente ", env!("CARGO_PKG_VERSION")),
    );
    w.close("sourceDesc");
    w.close("fileDesc");
    w.open("encodingDesc", &[]);
    w.element("p", &[("type", "XCSURI")], "TBXBasicXCSV02.xcs");
    w.close("encodingDesc");
    w.close("martifHeader");
    w.open("text", &[]);
    w.open("body", &[]);
    for t in &g.terms {
        w.open("termEntry", &[("id", t.id.as_str())]);
        if let Some(n) = &t.note {
            w.element("note", &[], n);
        }
        if t.case != Case::Insensitive {
            w.element(
                "note",
                &[],
                &format!("{NOTE_PREFIX} case = {}", case_id(t.case)),
            );
        }
        let langs: std::collections::BTreeSet<Lang> =
            t.forms.keys().chain(t.forbidden.keys()).copied().collect();
        for lang in langs {
            w.open("langSet", &[("xml:lang", lang.code())]);
            let name = t.kind == Kind::Name;
            for (i, f) in t.forms.get(&lang).into_iter().flatten().enumerate() {
                tig(&mut w, f, if i == 0 { PREFERRED } else { ADMITTED }, name);
            }
            for f in t.forbidden.get(&lang).into_iter().flatten() {
                tig(&mut w, f, FORBIDDEN, name);
            }
            w.close("langSet");
        }
        w.close("termEntry");
    }
    for q in &g.quotes {
        w.open("termEntry", &[("id", q.id.as_str())]);
        if let Some(s) = &q.source {
            w.element("note", &[], s);
        }
        w.element(
            "note",
            &[],
            &format!(
                "{NOTE_PREFIX} quote; speaker = {}; said_in = {}",
                q.speaker,
                q.said_in.code()
            ),
        );
        for (lang, forms) in [(q.said_in, &q.original), (q.said_in.other(), &q.renderings)] {
            w.open("langSet", &[("xml:lang", lang.code())]);
            // Reported variants are recognised, never printed: superseded wordings.
            let variants = q.variants.get(&lang).into_iter().flatten();
            let statuses = (0..forms.len())
                .map(|i| if i == 0 { PREFERRED } else { ADMITTED })
                .chain(std::iter::repeat(SUPERSEDED));
            for (f, status) in forms.iter().chain(variants).zip(statuses) {
                w.open("tig", &[]);
                w.element("term", &[], f);
                w.element("termNote", &[("type", "administrativeStatus")], status);
                w.element("termNote", &[("type", "termType")], "phrase");
                w.close("tig");
            }
            w.close("langSet");
        }
        w.close("termEntry");
    }
    w.close("body");
    w.close("text");
    w.close("martif");
    w.finish()
}

#[derive(Default)]
struct EntryIn {
    id: String,
    line: usize,
    notes: Vec<String>,
    /// (lang, form, status, part of speech)
    terms: Vec<(Lang, String, String, Option<String>)>,
}

fn location(file: &str, line: usize) -> Location {
    Location {
        file: file.to_string(),
        line,
        column: 1,
    }
}

/// Reads a TBX document (TBX-Basic or any martif that keeps to termEntry/langSet/tig or
/// ntig/termGrp). `file` names it in the entries' locations.
pub fn from_tbx(text: &str, file: &str) -> Result<Glossary, ImportError> {
    let lines = LineIndex::new(text);
    let line = |offset: usize| lines.line_of(offset);
    let mut reader = XmlIn::new(text);
    let mut g = Glossary::default();
    let mut entry: Option<EntryIn> = None;
    let mut lang: Option<Lang> = None;
    let mut term: Option<(String, String, Option<String>)> = None;
    // What the current text goes to: a term, a termNote of this type, or an entry note.
    let mut sink: Option<String> = None;
    let mut buf = String::new();
    let mut saw_root = false;
    loop {
        let (at, event) = reader
            .event()
            .map_err(|(offset, problem)| err(line(offset), ImportErrorKind::Xml(problem)))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let attr = |name: &str| crate::xml::attr(&e, name);
                match e.local_name().as_ref() {
                    b"martif" | b"tbx" => saw_root = true,
                    b"termEntry" | b"conceptEntry" => {
                        entry = Some(EntryIn {
                            id: attr("id").unwrap_or_default(),
                            line: line(at),
                            ..EntryIn::default()
                        })
                    }
                    b"langSet" | b"langSec" => {
                        let code = attr("xml:lang").unwrap_or_default();
                        lang =
                            Some(code.parse::<Lang>().map_err(|_| {
                                err(line(at), ImportErrorKind::Language(code.clone()))
                            })?);
                    }
                    b"tig" | b"ntig" | b"termSec" => {
                        term = Some((String::new(), String::new(), None));
                    }
                    b"term" => {
                        sink = Some("term".into());
                        buf.clear();
                    }
                    b"termNote" => {
                        sink = Some(attr("type").unwrap_or_default());
                        buf.clear();
                    }
                    b"note" | b"descrip" if term.is_none() && entry.is_some() => {
                        sink = Some("note".into());
                        buf.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if sink.is_some() => {
                let piece = t
                    .unescape()
                    .map_err(|e| err(line(at), ImportErrorKind::Xml(XmlProblem::from_quick(&e))))?;
                buf.push_str(&piece);
            }
            Event::CData(c) if sink.is_some() => {
                buf.push_str(&String::from_utf8_lossy(&c));
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"term" | b"termNote" | b"note" | b"descrip" => {
                    let value = std::mem::take(&mut buf).trim().to_string();
                    match (sink.take().as_deref(), term.as_mut(), entry.as_mut()) {
                        (Some("term"), Some(t), _) => t.0 = value,
                        (Some("administrativeStatus"), Some(t), _) => t.1 = value,
                        (Some("partOfSpeech"), Some(t), _) => t.2 = Some(value),
                        (Some("note"), None, Some(en)) => en.notes.push(value),
                        _ => {}
                    }
                }
                b"tig" | b"ntig" | b"termSec" => {
                    if let (Some((form, status, pos)), Some(en), Some(l)) =
                        (term.take(), entry.as_mut(), lang)
                    {
                        en.terms.push((l, form, status, pos));
                    }
                }
                b"langSet" | b"langSec" => lang = None,
                b"termEntry" | b"conceptEntry" => {
                    if let Some(en) = entry.take() {
                        add_entry(&mut g, en, file)?;
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    if !saw_root {
        return Err(err(1, ImportErrorKind::NotTbx));
    }
    Ok(g)
}

/// Whether a TBX administrativeStatus marks a form not to use: a term's forbidden form, a
/// quote's reported variant.
fn is_bad_status(status: &str) -> bool {
    matches!(
        status,
        FORBIDDEN | "deprecatedTerm-admn-sts" | SUPERSEDED | "forbidden" | "deprecated"
    )
}

fn add_entry(g: &mut Glossary, en: EntryIn, file: &str) -> Result<(), ImportError> {
    let mut case = Case::Insensitive;
    let mut quote: Option<(String, Lang)> = None;
    let mut notes = Vec::new();
    for n in &en.notes {
        let Some(rest) = n.strip_prefix(NOTE_PREFIX) else {
            notes.push(n.clone());
            continue;
        };
        let mut fields = BTreeMap::new();
        let mut is_quote = false;
        for part in rest.split(';') {
            match part.split_once('=') {
                Some((k, v)) => {
                    fields.insert(k.trim().to_string(), v.trim().to_string());
                }
                None if part.trim() == "quote" => is_quote = true,
                None => {}
            }
        }
        if let Some(c) = fields.get("case") {
            case = parse_case(c).ok_or_else(|| err(en.line, ImportErrorKind::Case(c.clone())))?;
        }
        if is_quote {
            let speaker = fields.get("speaker").cloned().unwrap_or_default();
            let said_in = fields
                .get("said_in")
                .and_then(|l| l.parse::<Lang>().ok())
                .ok_or_else(|| err(en.line, ImportErrorKind::QuoteLanguage))?;
            quote = Some((speaker, said_in));
        }
    }
    let note = (!notes.is_empty()).then(|| notes.join("\n"));
    let id = if en.id.is_empty() {
        slug(
            en.terms
                .iter()
                .find(|t| t.0 == Lang::En)
                .or(en.terms.first())
                .map(|t| t.1.as_str())
                .unwrap_or("entry"),
        )
    } else {
        en.id.clone()
    };
    if let Some((speaker, said_in)) = quote {
        // A quote's superseded (or deprecated, forbidden) wordings are its reported variants.
        let forms = |l: Lang, variant: bool| -> Vec<String> {
            en.terms
                .iter()
                .filter(|t| t.0 == l && is_bad_status(&t.2) == variant)
                .map(|t| t.1.clone())
                .collect()
        };
        let variants = [Lang::En, Lang::Es]
            .into_iter()
            .map(|l| (l, forms(l, true)))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        g.quotes.push(Quote {
            id,
            speaker,
            said_in,
            original: forms(said_in, false),
            renderings: forms(said_in.other(), false),
            variants,
            source: note,
            at: location(file, en.line),
        });
        return Ok(());
    }
    let mut forms: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
    let mut forbidden: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
    let mut name = !en.terms.is_empty();
    for (l, form, status, pos) in en.terms {
        name &= pos.as_deref() == Some("properNoun");
        if is_bad_status(&status) {
            forbidden.entry(l).or_default().push(form);
        } else {
            forms.entry(l).or_default().push(form);
        }
    }
    g.terms.push(Term {
        id,
        kind: if name { Kind::Name } else { Kind::Term },
        case,
        forms,
        forbidden,
        note,
        at: location(file, en.line),
    });
    Ok(())
}

/// An id from a form: lowercase ASCII letters and digits joined by hyphens.
pub fn slug(form: &str) -> String {
    let mut out = String::new();
    for c in form.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "entry".into()
    } else {
        out
    }
}

const SEP: &str = " | ";

/// The glossary's terms as TSV or CSV, with a header row. Quotes are not included (TBX
/// carries them).
pub fn to_table(g: &Glossary, format: Format) -> String {
    let delimiter = if format == Format::Tsv { b'\t' } else { b',' };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(if format == Format::Tsv {
            csv::QuoteStyle::Never
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_writer(Vec::new());
    let header = [
        "id",
        "kind",
        "case",
        "en",
        "es",
        "forbidden:en",
        "forbidden:es",
        "note",
    ];
    w.write_record(header).expect("writing to memory");
    // TSV has no quoting: tabs and line breaks inside a value become spaces.
    let clean = |s: &str| -> String {
        if format == Format::Tsv {
            s.replace(['\t', '\n', '\r'], " ")
        } else {
            s.to_string()
        }
    };
    for t in &g.terms {
        let join = |m: &BTreeMap<Lang, Vec<String>>, l: Lang| {
            clean(&m.get(&l).map(|v| v.join(SEP)).unwrap_or_default())
        };
        let row = [
            clean(&t.id),
            match t.kind {
                Kind::Term => "term".into(),
                Kind::Name => "name".into(),
            },
            case_id(t.case).to_string(),
            join(&t.forms, Lang::En),
            join(&t.forms, Lang::Es),
            join(&t.forbidden, Lang::En),
            join(&t.forbidden, Lang::Es),
            clean(t.note.as_deref().unwrap_or("")),
        ];
        w.write_record(&row).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("UTF-8")
}

/// A header cell's meaning, so `forbidden:es` and `forbidden-es`, or `note` and `notes`, are
/// the same column.
fn canonical_column(h: &str) -> String {
    match h {
        "notes" | "comment" => "note".to_string(),
        _ => h.replacen("forbidden-", "forbidden:", 1),
    }
}

/// The line where a CSV quoted field opens and is never closed, if one does. The csv crate
/// takes the rest of the file as that field's value without a word, so this follows its rules:
/// a quote opens a field only at its start, and `""` inside one is a quote.
fn unterminated_quote(text: &str, delimiter: u8) -> Option<usize> {
    #[derive(PartialEq)]
    enum At {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut at = At::FieldStart;
    let mut line = 1;
    let mut opened = 0;
    for c in text.bytes() {
        at = match (at, c) {
            (At::Quoted, b'"') => At::QuoteInQuoted,
            (At::Quoted, _) => At::Quoted,
            (At::QuoteInQuoted, b'"') => At::Quoted,
            (At::FieldStart, b'"') => {
                opened = line;
                At::Quoted
            }
            (_, b'\n' | b'\r') => At::FieldStart,
            (_, c) if c == delimiter => At::FieldStart,
            _ => At::Unquoted,
        };
        if c == b'\n' {
            line += 1;
        }
    }
    (at == At::Quoted).then_some(opened)
}

/// Reads TSV or CSV with a header row naming its columns (at least one language). Errors name
/// the line where the record starts.
pub fn from_table(text: &str, format: Format, file: &str) -> Result<Glossary, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = match format {
        Format::Tsv => b'\t',
        // Spreadsheets in Spanish (and most European) locales save CSV with semicolons: a
        // header row with semicolons and no comma says so.
        _ => {
            let header = text.lines().next().unwrap_or("");
            if header.contains(';') && !header.contains(',') {
                b';'
            } else {
                b','
            }
        }
    };
    if format == Format::Csv {
        if let Some(line) = unterminated_quote(text, delimiter) {
            return Err(err(line, ImportErrorKind::UnterminatedQuote));
        }
    }
    let line_of = |e: &csv::Error| e.position().map_or(1, |p| p.line() as usize);
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(format == Format::Csv)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .map_err(|e| err(line_of(&e), table_problem(&e)))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    enum Col {
        Id,
        Kind,
        Case,
        Note,
        Forms(Lang),
        Forbidden(Lang),
        Other,
    }
    let cols: Vec<Col> = header
        .iter()
        .map(|h| match h.as_str() {
            "id" => Col::Id,
            "kind" => Col::Kind,
            "case" => Col::Case,
            "note" | "notes" | "comment" => Col::Note,
            _ => match h
                .strip_prefix("forbidden:")
                .or_else(|| h.strip_prefix("forbidden-"))
            {
                Some(l) => l.parse::<Lang>().map(Col::Forbidden).unwrap_or(Col::Other),
                None => h.parse::<Lang>().map(Col::Forms).unwrap_or(Col::Other),
            },
        })
        .collect();
    if !cols.iter().any(|c| matches!(c, Col::Forms(_))) {
        return Err(err(1, ImportErrorKind::NoLanguageColumn(header.join(", "))));
    }
    // A column named twice would have one cell overwrite the other: refused, not guessed.
    let mut named = HashSet::new();
    for (h, c) in header.iter().zip(&cols) {
        if !matches!(c, Col::Other) && !named.insert(canonical_column(h)) {
            return Err(err(1, ImportErrorKind::RepeatedColumn(h.clone())));
        }
    }
    let mut g = Glossary::default();
    let mut ids: HashSet<String> = HashSet::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| err(line_of(&e), table_problem(&e)))?;
        // A quoted value can hold line breaks: the record's own line, not a count of records.
        let line = rec.position().map_or(1, |p| p.line() as usize);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // Cells beyond the header have no column to go to; empty trailing ones (a spreadsheet's
        // stray delimiter) lose nothing.
        let filled = (0..rec.len())
            .rev()
            .find(|&i| !rec[i].trim().is_empty())
            .map_or(0, |i| i + 1);
        if filled > header.len() {
            return Err(err(
                line,
                ImportErrorKind::ExtraCells {
                    cells: filled,
                    columns: header.len(),
                },
            ));
        }
        let mut id = String::new();
        let mut kind = Kind::Term;
        let mut case = Case::Insensitive;
        let mut note = None;
        let mut forms: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
        let mut forbidden: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
        let split = |s: &str| -> Vec<String> {
            s.split('|')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(String::from)
                .collect()
        };
        for (col, value) in cols.iter().zip(rec.iter()) {
            let value = value.trim();
            match col {
                Col::Id => id = value.to_string(),
                Col::Kind => {
                    kind = match value {
                        "name" => Kind::Name,
                        "term" | "" => Kind::Term,
                        other => return Err(err(line, ImportErrorKind::Kind(other.into()))),
                    }
                }
                Col::Case => {
                    case = parse_case(value)
                        .ok_or_else(|| err(line, ImportErrorKind::Case(value.into())))?
                }
                Col::Note => note = (!value.is_empty()).then(|| value.to_string()),
                Col::Forms(l) => {
                    let v = split(value);
                    if !v.is_empty() {
                        forms.insert(*l, v);
                    }
                }
                Col::Forbidden(l) => {
                    let v = split(value);
                    if !v.is_empty() {
                        forbidden.insert(*l, v);
                    }
                }
                Col::Other => {}
            }
        }
        if id.is_empty() {
            let base = slug(
                forms
                    .get(&Lang::En)
                    .or(forms.values().next())
                    .and_then(|v| v.first())
                    .map(String::as_str)
                    .unwrap_or("entry"),
            );
            id = base.clone();
            let mut n = 2;
            while ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
        }
        ids.insert(id.clone());
        g.terms.push(Term {
            id,
            kind,
            case,
            forms,
            forbidden,
            note,
            at: location(file, line),
        });
    }
    Ok(g)
}

#[derive(Serialize)]
struct FileSer<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    term: Vec<TermSer<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    quote: Vec<QuoteSer<'a>>,
}

#[derive(Serialize)]
struct TermSer<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    case: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    en: Option<&'a Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    es: Option<&'a Vec<String>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    forbidden: BTreeMap<&'static str, &'a Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct QuoteSer<'a> {
    id: &'a str,
    speaker: &'a str,
    said_in: &'static str,
    original: &'a [String],
    renderings: &'a [String],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    variants: BTreeMap<&'static str, &'a Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

/// The glossary as the TOML puente reads (`[[term]]` and `[[quote]]`), with a header comment.
pub fn to_toml(g: &Glossary, origin: &str) -> String {
    let file = FileSer {
        term: g
            .terms
            .iter()
            .map(|t| TermSer {
                id: &t.id,
                kind: (t.kind == Kind::Name).then_some("name"),
                case: (t.case != Case::Insensitive).then(|| case_id(t.case)),
                en: t.forms.get(&Lang::En),
                es: t.forms.get(&Lang::Es),
                forbidden: t.forbidden.iter().map(|(l, v)| (l.code(), v)).collect(),
                note: t.note.as_deref(),
            })
            .collect(),
        quote: g
            .quotes
            .iter()
            .map(|q| QuoteSer {
                id: &q.id,
                speaker: &q.speaker,
                said_in: q.said_in.code(),
                original: &q.original,
                renderings: &q.renderings,
                variants: q.variants.iter().map(|(l, v)| (l.code(), v)).collect(),
                source: q.source.as_deref(),
            })
            .collect(),
    };
    let body = toml::to_string(&file).expect("a glossary serializes to TOML");
    format!(
        "# Imported by puente {} from {origin}. Check it with `puente glossary lint`.\n\n{body}",
        env!("CARGO_PKG_VERSION")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Glossary {
        crate::glossary::seed()
    }

    /// Everything but locations, for comparing glossaries.
    fn content(g: &Glossary) -> String {
        let mut s = String::new();
        for t in &g.terms {
            s += &format!(
                "{} {:?} {:?} {:?} {:?} {:?}\n",
                t.id, t.kind, t.case, t.forms, t.forbidden, t.note
            );
        }
        for q in &g.quotes {
            s += &format!(
                "{} {} {:?} {:?} {:?} {:?} {:?}\n",
                q.id, q.speaker, q.said_in, q.original, q.renderings, q.variants, q.source
            );
        }
        s
    }

    #[test]
    fn toml_to_tbx_to_toml_loses_nothing() {
        let g = project();
        let tbx = to_tbx(&g);
        assert!(tbx
            .contains("<termNote type=\"administrativeStatus\">forbiddenTerm-admn-sts</termNote>"));
        let back = from_tbx(&tbx, "x.tbx").unwrap();
        assert_eq!(content(&back), content(&g));
        let toml = to_toml(&back, "x.tbx");
        let mut again = Glossary::default();
        assert_eq!(again.add_file("again.toml", &toml), vec![]);
        assert_eq!(content(&again), content(&g));
    }

    #[test]
    fn quote_variants_travel_in_tbx_as_superseded_wordings() {
        let g = project();
        let tbx = to_tbx(&g);
        let at = tbx
            .find("<term>we never subordinate ourselves</term>")
            .unwrap();
        let status = tbx[at..].split("administrativeStatus\">").nth(1).unwrap();
        assert!(status.starts_with("supersededTerm-admn-sts<"), "{status}");
        let back = from_tbx(&tbx, "x.tbx").unwrap();
        let q = back
            .quotes
            .iter()
            .find(|q| q.id == "no-nos-subordinamos")
            .unwrap();
        assert_eq!(q.variants[&Lang::En], g.quotes[0].variants[&Lang::En]);
        assert_eq!(q.renderings, g.quotes[0].renderings);
        let toml = to_toml(&back, "x.tbx");
        let mut again = Glossary::default();
        assert_eq!(again.add_file("again.toml", &toml), vec![]);
        assert_eq!(again.quotes[0].variants, g.quotes[0].variants, "{toml}");
    }

    #[test]
    fn tables_round_trip_terms() {
        let mut g = project();
        g.quotes.clear();
        for f in [Format::Tsv, Format::Csv] {
            let text = to_table(&g, f);
            let back = from_table(&text, f, "t").unwrap();
            assert_eq!(content(&back), content(&g), "{f:?}");
        }
    }

    #[test]
    fn a_minimal_table_needs_only_language_columns() {
        let g = from_table(
            "en\tes\ncartel | cartels\tcártel | cárteles\nWhite House\tCasa Blanca\n",
            Format::Tsv,
            "t.tsv",
        )
        .unwrap();
        assert_eq!(g.terms[0].id, "cartel");
        assert_eq!(g.terms[0].forms[&Lang::Es], ["cártel", "cárteles"]);
        assert_eq!(g.terms[1].id, "white-house");
        assert_eq!(g.terms[1].at.line, 3);
        let e = from_table("english,spanish\na,b\n", Format::Csv, "t.csv").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn a_tbx_with_its_dtd_named_loads() {
        let tbx = to_tbx(&project()).replacen(
            "?>\n",
            "?>\n<!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">\n",
            1,
        );
        assert!(tbx.contains("<!DOCTYPE martif"));
        let g = from_tbx(&tbx, "x.tbx").unwrap();
        assert_eq!(content(&g), content(&project()));
    }

    #[test]
    fn repeated_columns_and_extra_cells_are_refused() {
        let e = from_table("en,es,en\na,b,c\n", Format::Csv, "t.csv").unwrap_err();
        assert_eq!(e, err(1, ImportErrorKind::RepeatedColumn("en".into())));
        let e = from_table("en,es,note,notes\na,b,c,d\n", Format::Csv, "t.csv").unwrap_err();
        assert_eq!(e.kind, ImportErrorKind::RepeatedColumn("notes".into()));
        let e = from_table("en,es\na,b\nc,d,e\n", Format::Csv, "t.csv").unwrap_err();
        assert_eq!(
            e,
            err(
                3,
                ImportErrorKind::ExtraCells {
                    cells: 3,
                    columns: 2
                }
            )
        );
        // A stray delimiter at the end of a row loses nothing.
        assert!(from_table("en,es\na,b,\n", Format::Csv, "t.csv").is_ok());
        // Two entries with one id import, and lint names the second.
        let g = from_table("id,en,es\na,x,y\na,z,w\n", Format::Csv, "t.csv").unwrap();
        let f = crate::glossary::lint::lint(&g, &[]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].rule, f[0].line), ("duplicate-id", 3));
        assert_eq!(f[0].args["other"], "t.csv:2");
    }

    #[test]
    fn table_errors_name_the_line_where_the_record_starts() {
        // An unterminated quote would swallow the rest of the file as one value.
        let csv = "en,es\ncartel,cártel\n\"drone,dron\nmayor,alcalde\n";
        let e = from_table(csv, Format::Csv, "t.csv").unwrap_err();
        assert_eq!((e.line, e.kind), (3, ImportErrorKind::UnterminatedQuote));
        let e = from_table("\"en,es\na,b\n", Format::Csv, "t.csv").unwrap_err();
        assert_eq!((e.line, e.kind), (1, ImportErrorKind::UnterminatedQuote));
        // Closed quotes, doubled quotes and quotes inside a value are fine; a TSV has no quoting.
        let csv = "en,es,note\n\"a, b\",\"c \"\"d\"\"\",x\"y\nz,w,\"two\nlines\"\n";
        let g = from_table(csv, Format::Csv, "t.csv").unwrap();
        assert_eq!(g.terms[0].forms[&Lang::Es], ["c \"d\""]);
        assert_eq!(g.terms[0].note.as_deref(), Some("x\"y"));
        assert_eq!(g.terms[1].note.as_deref(), Some("two\nlines"));
        assert!(from_table("en\tes\n\"a\tb\n", Format::Tsv, "t.tsv").is_ok());
        // After a value with a line break, lines are still counted in the file.
        let csv = "en,es,kind\n\"a\nb\",x,term\nc,d,bogus\n";
        let e = from_table(csv, Format::Csv, "t.csv").unwrap_err();
        assert_eq!((e.line, e.kind), (4, ImportErrorKind::Kind("bogus".into())));
        let g = from_table("en,es\n\"a\nb\",x\nc,d\n", Format::Csv, "t.csv").unwrap();
        assert_eq!(g.terms[1].at.line, 4);
        // A spreadsheet in Spanish saves with semicolons.
        let g = from_table("en;es;note\ncartel;cártel;\"a; b\"\n", Format::Csv, "t.csv").unwrap();
        assert_eq!(g.terms[0].forms[&Lang::Es], ["cártel"]);
        assert_eq!(g.terms[0].note.as_deref(), Some("a; b"));
        let e = from_table("en;es\n\"a;b\n", Format::Csv, "t.csv").unwrap_err();
        assert_eq!((e.line, e.kind), (2, ImportErrorKind::UnterminatedQuote));
    }

    #[test]
    fn hostile_xml_is_refused() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&lol2;</term></tig></langSet></termEntry></body></text></martif>";
        let e = from_tbx(bomb, "bomb.tbx").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(e.kind, ImportErrorKind::Xml(XmlProblem::Doctype));
        let xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><martif>&x;</martif>";
        assert!(
            from_tbx(xxe, "xxe.tbx").unwrap_err().kind == ImportErrorKind::Xml(XmlProblem::Doctype)
        );
        // An undeclared entity is an error, never an expansion.
        let undeclared = "<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>";
        assert!(from_tbx(undeclared, "u.tbx").is_err());
        assert!(from_tbx("<martif><unclosed></martif>", "m.tbx").is_err());
        assert!(from_tbx("not xml at all", "n.tbx").is_err());
        let cut = "<martif><text><body><termEntry id=\"a\">";
        assert!(matches!(
            from_tbx(cut, "cut.tbx").unwrap_err().kind,
            ImportErrorKind::Xml(XmlProblem::Truncated)
        ));
    }
}
