//! Gettext PO: reading and writing with full fidelity.
//!
//! The reader keeps everything a translator or another tool put in the file (translator
//! comments, flags, previous strings, obsolete entries, unknown header fields, `msgstr[n]`), so
//! puente can rewrite a file without losing what it does not own. It reads every C escape
//! gettext does, octal and hex included (`msgcat --escape`), and checks the decoded bytes as
//! UTF-8; it writes UTF-8 with gettext's named escapes only.
//!
//! A reader that keeps only part of each entry ([`Catalog::parse_each`]: a work file's units)
//! is handed the entries one by one as they are read, never the whole catalog, with their
//! strings ([`Strings`]) borrowed from the text wherever they are written as they read.
//!
//! A file read to be rewritten ([`Catalog::parse_keeping_form`]) keeps its [`Form`]: its
//! wrapping, detected by which of `--no-wrap` and the usual widths reproduces its entries
//! (79, gettext's and Poedit's default, when nothing tells and the file is not puente's), its
//! line ends, and each entry's text as written. Writing it back, an entry whose content did
//! not change is written byte for byte as it was; a new or changed one is wrapped as msgcat
//! wraps it (`write-po.c`: cut after each `\n`, lines of at most the width with the quotes,
//! broken where libunistring's line breaking allows, `keyword ""` first when the string does
//! not fit; compared with the real msgcat in `tests/it/keep.rs`). It never touches the file
//! system.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A position in a PO file, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
}

/// A PO syntax error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {}, column {}: {kind}", .pos.line, .pos.column)]
pub struct PoError {
    /// Where.
    pub pos: Pos,
    /// What.
    pub kind: PoErrorKind,
}

/// The kinds of PO syntax errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PoErrorKind {
    /// A string without its closing quote.
    #[error("unterminated string")]
    Unterminated,
    /// A backslash escape PO does not have, or an octal or hex escape beyond a byte.
    #[error("unknown escape sequence")]
    BadEscape,
    /// Octal or hex escapes whose bytes are not UTF-8.
    #[error("escaped bytes that are not UTF-8")]
    InvalidUtf8,
    /// A line that is neither a keyword, a string nor a comment.
    #[error("unexpected text")]
    Unexpected,
    /// A string continuation with nothing to continue.
    #[error("string without a keyword")]
    Orphan,
    /// An entry without `msgid`.
    #[error("entry without msgid")]
    NoMsgid,
    /// `msgstr[n]` out of order: each entry's forms are numbered from 0, one after another.
    #[error("msgstr[{found}] where msgstr[{expected}] was expected")]
    PluralIndex {
        /// The index written.
        found: usize,
        /// The next index.
        expected: usize,
    },
    /// The same entry twice (the same `msgctxt` and `msgid`, which msgfmt refuses too; or the
    /// same segment id in a puente work file): which translation to use cannot be told.
    #[error("the id {id} is used twice (first at line {first_line})")]
    Duplicate {
        /// The entry's id: its `msgctxt`, else its `msgid`.
        id: String,
        /// Where it was first used.
        first_line: usize,
    },
}

/// One entry of a PO file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// Translator comments (`# …`), without the leading `#` and one space.
    pub translator_comments: Vec<String>,
    /// Extracted comments (`#. …`).
    pub extracted_comments: Vec<String>,
    /// References (`#: …`), one string per line as written.
    pub references: Vec<String>,
    /// Flags (`#, fuzzy, c-format`), in order.
    pub flags: Vec<String>,
    /// Previous-string lines (`#| msgid "…"`), kept verbatim after `#|`.
    pub previous: Vec<String>,
    /// `msgctxt`.
    pub msgctxt: Option<String>,
    /// `msgid`.
    pub msgid: String,
    /// `msgid_plural`.
    pub msgid_plural: Option<String>,
    /// `msgstr`, or `msgstr[n]` in order for plural entries.
    pub msgstr: Vec<String>,
    /// Whether the translations are written `msgstr[n]` rather than `msgstr`: always for a
    /// plural entry, and for any other entry read that way, so it is written back as it was.
    pub msgstr_indexed: bool,
    /// A `#~` obsolete entry.
    pub obsolete: bool,
    /// 1-based line of the entry's first line in the file it was read from.
    pub line: usize,
}

impl Entry {
    /// Whether the entry carries the `fuzzy` flag.
    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }

    /// Sets or clears the `fuzzy` flag.
    pub fn set_fuzzy(&mut self, fuzzy: bool) {
        self.flags.retain(|f| f != "fuzzy");
        if fuzzy {
            self.flags.insert(0, "fuzzy".to_string());
        }
    }

    /// The (singular) translation.
    pub fn msgstr(&self) -> &str {
        self.msgstr.first().map(String::as_str).unwrap_or("")
    }

    /// Whether this is the header entry.
    pub fn is_header(&self) -> bool {
        header_strings(self.msgid.is_empty(), self.msgctxt.is_none(), self.obsolete)
    }
}

/// The strings of an entry as read ([`Catalog::parse_each`]): each borrowed from the file's
/// text, as nearly all of a work file's are, owned only when it had to be decoded (an escape)
/// or joined (a string written in several non-empty pieces). A reader that keeps a little of
/// each entry copies nothing it does not keep: copying every string was the most of reading
/// a work file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strings<'a> {
    /// `msgctxt`.
    pub msgctxt: Option<Cow<'a, str>>,
    /// `msgid`.
    pub msgid: Cow<'a, str>,
    /// `msgid_plural`.
    pub msgid_plural: Option<Cow<'a, str>>,
    /// `msgstr`, or `msgstr[n]` in order for plural entries; never empty once the entry is
    /// whole (a missing `msgstr` reads as one empty string).
    pub msgstr: Vec<Cow<'a, str>>,
}

impl Strings<'_> {
    /// Whether these are the header entry's strings (`msgid ""`, no context), in an entry
    /// that is `obsolete` or not: the one rule [`Entry::is_header`] applies too.
    pub fn is_header(&self, obsolete: bool) -> bool {
        header_strings(self.msgid.is_empty(), self.msgctxt.is_none(), obsolete)
    }

    /// The (singular) translation.
    pub fn msgstr(&self) -> &str {
        self.msgstr.first().map_or("", |s| s)
    }

    /// Puts the strings, owned, into `entry`.
    fn fill(self, entry: &mut Entry) {
        entry.msgctxt = self.msgctxt.map(Cow::into_owned);
        entry.msgid = self.msgid.into_owned();
        entry.msgid_plural = self.msgid_plural.map(Cow::into_owned);
        entry.msgstr = self.msgstr.into_iter().map(Cow::into_owned).collect();
    }
}

/// Whether an entry is the header: `msgid ""`, no context, not obsolete.
fn header_strings(empty_msgid: bool, no_context: bool, obsolete: bool) -> bool {
    empty_msgid && no_context && !obsolete
}

/// A whole PO file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The header entry (`msgid ""`), if any.
    pub header: Option<Entry>,
    /// The other entries, obsolete ones included, in file order.
    pub entries: Vec<Entry>,
    /// The layout of the file this catalog was read from, when it was read to be rewritten
    /// ([`Catalog::parse_keeping_form`]): [`Catalog::write`] then writes the entries that did
    /// not change byte for byte as they were, and the others wrapped the way the file was.
    pub form: Option<std::sync::Arc<Form>>,
}

/// How a PO file's strings are cut into lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// One line per `\n` of the string, however long (`msgcat --no-wrap`; puente's own).
    None,
    /// Lines of at most this many columns, as `msgcat --width=N` cuts them (gettext and
    /// Poedit: 79).
    Width(usize),
}

/// The layout of a PO file as its owner's editor wrote it: its wrapping, and each entry's
/// text as written, found by the entry's content, so a rewrite leaves unchanged entries as
/// they were, whatever tool wrote them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The wrapping detected in the file: new and changed entries are written this way.
    pub wrap: Wrap,
    /// Whether the file's lines end in CR LF, as the whole file is then written.
    pub crlf: bool,
    /// The file's text.
    text: String,
    /// Each entry's lines in `text`, by the hash of the entry's content.
    raw: std::collections::HashMap<u64, Vec<std::ops::Range<usize>>>,
}

/// The widths tried when a file's wrapping is detected, the usual first.
const WIDTHS: [usize; 6] = [79, 80, 76, 78, 72, 100];

/// How many entries detection renders at most: enough to tell the widths apart, and a bounded
/// cost for a large file.
const DETECT_SAMPLE: usize = 400;

/// The content of an entry as puente's own layout writes it, which is what tells whether an
/// entry changed (its line in the file is not content).
fn content(e: &Entry) -> String {
    let mut s = String::new();
    write_entry_with(&mut s, e, Wrap::None);
    s
}

fn content_hash(e: &Entry) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    content(e).hash(&mut h);
    h.finish()
}

impl Form {
    /// Reads the layout of `text`, whose entries (header first) were parsed from `spans`.
    fn detect(text: &str, cat: &Catalog, spans: &[std::ops::Range<usize>]) -> Form {
        let entries: Vec<&Entry> = cat.header.iter().chain(&cat.entries).collect();
        let mut raw: std::collections::HashMap<u64, Vec<std::ops::Range<usize>>> =
            Default::default();
        for (e, span) in entries.iter().zip(spans) {
            raw.entry(content_hash(e)).or_default().push(span.clone());
        }
        // Each candidate is scored by the entries it reproduces exactly, over the entries
        // where the candidates differ (a short entry reads the same under any width).
        let candidates: Vec<Wrap> = std::iter::once(Wrap::None)
            .chain(WIDTHS.iter().map(|w| Wrap::Width(*w)))
            .collect();
        let mut scores = vec![0usize; candidates.len()];
        let mut sampled = 0;
        for (e, span) in entries.iter().zip(spans) {
            if sampled == DETECT_SAMPLE {
                break;
            }
            let written = text[span.clone()].replace("\r\n", "\n");
            let renders: Vec<String> = candidates
                .iter()
                .map(|w| {
                    let mut s = String::new();
                    write_entry_with(&mut s, e, *w);
                    s
                })
                .collect();
            if renders.iter().all(|r| r == &renders[0]) {
                continue;
            }
            sampled += 1;
            for (score, r) in scores.iter_mut().zip(&renders) {
                if r.trim_end_matches('\n') == written.trim_end_matches('\n') {
                    *score += 1;
                }
            }
        }
        let best = scores.iter().copied().max().unwrap_or(0);
        let wrap = if best == 0 {
            // Nothing tells: puente's own files are not wrapped, everyone else's are wrapped
            // the way gettext's tools and Poedit do by default.
            let puente = cat
                .header_field("X-Generator")
                .is_some_and(|g| g.starts_with("puente"));
            if puente || cat.header.is_none() {
                Wrap::None
            } else {
                Wrap::Width(WIDTHS[0])
            }
        } else {
            candidates[scores.iter().position(|s| *s == best).unwrap_or(0)]
        };
        Form {
            wrap,
            crlf: text.contains("\r\n"),
            text: text.to_string(),
            raw,
        }
    }

    /// The entry's text as the file had it (lines ending in LF, as the writer writes them),
    /// if the file had this entry unchanged.
    fn written(&self, e: &Entry) -> Option<String> {
        let spans = self.raw.get(&content_hash(e))?;
        let want = content(e);
        spans
            .iter()
            .map(|s| &self.text[s.clone()])
            .find(|raw| {
                // The hash found it; the text read again confirms it (no collision writes a
                // stranger's entry).
                Parser::new(raw)
                    .parse()
                    .ok()
                    .and_then(|c| c.header.or_else(|| c.entries.into_iter().next()))
                    .is_some_and(|old| content(&old) == want)
            })
            .map(|raw| raw.replace("\r\n", "\n"))
    }
}

/// What one line of a PO header says: its field's name and value, each trimmed (`Language:
/// es` is `("Language", "es")`); `None` for a line without a colon. The one reading of a
/// header line, for every field looked up, listed or set.
fn header_line(line: &str) -> Option<(&str, &str)> {
    line.split_once(':').map(|(k, v)| (k.trim(), v.trim()))
}

impl Catalog {
    /// The header fields, in order, as (name, value).
    pub fn header_fields(&self) -> Vec<(String, String)> {
        let Some(h) = &self.header else {
            return Vec::new();
        };
        h.msgstr()
            .lines()
            .filter_map(header_line)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// One header field's value.
    pub fn header_field(&self, name: &str) -> Option<String> {
        let [value] = self.header_values([name]);
        value
    }

    /// Several header fields' values, each the first line that names it, read in one pass
    /// over the header as `header_fields` reads them, without a copy of every field: merge
    /// and check ask a handful of fields of every work file, and a pass for each was 1.5 % of
    /// a large check.
    pub fn header_values<const N: usize>(&self, names: [&str; N]) -> [Option<String>; N] {
        let mut values = [const { None }; N];
        let Some(header) = &self.header else {
            return values;
        };
        let mut left = N;
        for line in header.msgstr().lines() {
            let Some((k, v)) = header_line(line) else {
                continue;
            };
            for (name, value) in names.iter().zip(&mut values) {
                if value.is_none() && k.eq_ignore_ascii_case(name) {
                    *value = Some(v.to_string());
                    left -= 1;
                }
            }
            if left == 0 {
                break;
            }
        }
        values
    }

    /// Sets header fields: a field the header has keeps its line (its name as spelled) and
    /// is rewritten only when its value changes; a new one is appended. Every other line of
    /// the header is kept as written.
    pub fn set_header_fields(&mut self, fields: &[(&str, String)]) {
        let header = self.header.get_or_insert_with(Entry::default);
        let mut lines: Vec<String> = header
            .msgstr()
            .split_inclusive('\n')
            .map(str::to_string)
            .collect();
        for (name, value) in fields {
            let slot = lines
                .iter_mut()
                .find(|l| header_line(l).is_some_and(|(k, _)| k.eq_ignore_ascii_case(name)));
            match slot {
                Some(line) => {
                    let (key, old) = line.split_once(':').unwrap_or_default();
                    if old.trim() != value {
                        *line = format!("{key}: {value}\n");
                    }
                }
                None => {
                    if let Some(last) = lines.last_mut().filter(|l| !l.ends_with('\n')) {
                        last.push('\n');
                    }
                    lines.push(format!("{name}: {value}\n"));
                }
            }
        }
        header.msgstr = vec![lines.concat()];
    }

    /// Parses a PO file.
    pub fn parse(text: &str) -> Result<Catalog, PoError> {
        Parser::new(text).parse()
    }

    /// Parses a PO file handing each entry after the header to `each` as soon as it is read,
    /// in file order, instead of keeping it: the catalog returned holds the header only. A
    /// reader that keeps a little of each entry (a work file's units) never holds the whole
    /// catalog beside what it keeps.
    ///
    /// The entries handed over carry no extracted comments and no references: a work file's
    /// units need neither, and copying every entry's context notes was a tenth of reading one.
    /// Their strings come apart from them ([`Strings`]), borrowed from `text` where they can
    /// be; the entry's own string fields are left empty, so ask the [`Strings`] (not the
    /// entry's `msgstr()` or `is_header()`) about them.
    pub fn parse_each<'a>(
        text: &'a str,
        each: &mut dyn FnMut(Entry, Strings<'a>),
    ) -> Result<Catalog, PoError> {
        let mut parser = Parser::new(text);
        parser.each = Some(each);
        parser.lean = true;
        parser.parse()
    }

    /// Parses a PO file that is going to be rewritten, keeping its [`Form`]: its wrapping and
    /// the text of each entry as written.
    pub fn parse_keeping_form(text: &str) -> Result<Catalog, PoError> {
        let mut parser = Parser::new(text);
        parser.spans = Some(Vec::new());
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let offset = text.len() - body.len();
        let (mut cat, spans) = parser.parse_spans()?;
        let spans: Vec<std::ops::Range<usize>> = spans
            .into_iter()
            .map(|r| r.start + offset..r.end + offset)
            .collect();
        cat.form = Some(std::sync::Arc::new(Form::detect(text, &cat, &spans)));
        Ok(cat)
    }

    /// The wrapping new and changed entries are written with: the file's, else none.
    pub fn wrap(&self) -> Wrap {
        self.form.as_ref().map_or(Wrap::None, |f| f.wrap)
    }

    /// Writes the catalog: entries the file read had unchanged as they were written, the
    /// others in the layout gettext's tools use, wrapped as the file was (unwrapped for a
    /// catalog read without its form).
    pub fn write(&self) -> String {
        let mut out = String::new();
        if let Some(h) = &self.header {
            self.write_one(&mut out, h);
        }
        for e in &self.entries {
            out.push('\n');
            self.write_one(&mut out, e);
        }
        self.line_ends(out)
    }

    /// `text` (written with LF line ends) with the line ends of the file read: CR LF for a
    /// file written so.
    pub fn line_ends(&self, text: String) -> String {
        match &self.form {
            Some(f) if f.crlf => text.replace('\n', "\r\n"),
            _ => text,
        }
    }

    /// Appends one entry of this catalog (see [`Catalog::write`]), with LF line ends.
    pub fn write_one(&self, out: &mut String, e: &Entry) {
        if let Some(written) = self.form.as_ref().and_then(|f| f.written(e)) {
            out.push_str(&written);
            if !written.ends_with('\n') {
                out.push('\n');
            }
            return;
        }
        write_entry_with(out, e, self.wrap());
    }
}

/// Appends one entry in PO syntax, unwrapped.
pub fn write_entry(out: &mut String, e: &Entry) {
    write_entry_with(out, e, Wrap::None);
}

/// Appends one entry in PO syntax, its strings wrapped by `wrap` as msgcat does.
pub fn write_entry_with(out: &mut String, e: &Entry, wrap: Wrap) {
    let prefix = if e.obsolete { "#~ " } else { "" };
    // Comment lines are pieced together rather than formatted: a folder's segment writes
    // several for each of its hundreds of thousands of entries.
    let mut line = |mark: &str, text: &str| {
        out.push_str(mark);
        out.push_str(text);
        out.push('\n');
    };
    for c in &e.translator_comments {
        if c.is_empty() {
            line("#", "");
        } else {
            line("# ", c);
        }
    }
    for c in &e.extracted_comments {
        line("#. ", c);
    }
    for r in &e.references {
        line("#: ", r);
    }
    if !e.flags.is_empty() {
        line("#, ", &e.flags.join(", "));
    }
    match previous_fields(&e.previous) {
        // The previous strings are written as msgcat writes them (`#| msgid "…"`, wrapped
        // like the others), whoever wrote them first.
        Some(fields) => {
            for (keyword, value) in fields {
                write_string(out, "#| ", &keyword, &value, wrap);
            }
        }
        None => {
            for p in &e.previous {
                line("#|", p);
            }
        }
    }
    if let Some(ctx) = &e.msgctxt {
        write_string(out, prefix, "msgctxt", ctx, wrap);
    }
    write_string(out, prefix, "msgid", &e.msgid, wrap);
    if let Some(p) = &e.msgid_plural {
        write_string(out, prefix, "msgid_plural", p, wrap);
    }
    if e.msgstr_indexed || e.msgid_plural.is_some() {
        for (i, s) in e.msgstr.iter().enumerate() {
            write_string(out, prefix, &format!("msgstr[{i}]"), s, wrap);
        }
    } else {
        write_string(out, prefix, "msgstr", e.msgstr(), wrap);
    }
}

/// The previous strings of an entry (`#| msgid "…"` lines, as kept after `#|`) as keywords
/// and values, when they read as such; `None` for anything else (an obsolete entry's `#~|`,
/// a line no tool writes), which is then written back as it was.
fn previous_fields(lines: &[String]) -> Option<Vec<(String, String)>> {
    if lines.is_empty() {
        return None;
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in lines {
        let line = line.strip_prefix(' ')?;
        if line.starts_with('"') {
            let s = parse_string(line, 1, 1).ok()?;
            fields.last_mut()?.1.push_str(&s);
            continue;
        }
        let (keyword, rest) = line.split_once(' ')?;
        if !matches!(keyword, "msgctxt" | "msgid" | "msgid_plural") || !rest.starts_with('"') {
            return None;
        }
        fields.push((
            keyword.to_string(),
            parse_string(rest, 1, 1).ok()?.into_owned(),
        ));
    }
    Some(fields)
}

/// Writes `keyword "value"` the way gettext's `write-po.c` does: the string cut after each
/// `\n`, each piece broken into lines of at most the width (with its quotes and `prefix`) at
/// the places Unicode line breaking allows ([`break_before`]), a piece that does not fit on
/// the keyword's line (or any string of several pieces) starting on a line of its own after
/// `keyword ""`. Columns are characters of their display width (an accent that combines
/// counts none), as msgcat counts them in UTF-8.
fn write_string(out: &mut String, prefix: &str, keyword: &str, value: &str, wrap: Wrap) {
    let pieces: Vec<&str> = if value.is_empty() {
        vec![""]
    } else {
        value.split_inclusive('\n').collect()
    };
    let prefix_cols = prefix.chars().count();
    let after_break = prefix_cols + 1;
    // Room for the closing quote, counted from the first column after the opening one.
    let width = match wrap {
        Wrap::None => usize::MAX / 2,
        Wrap::Width(w) => w.saturating_sub(1 + after_break),
    };
    let mut first_line = true;
    for (k, piece) in pieces.iter().enumerate() {
        let more = k + 1 < pieces.len();
        let start = |first: bool| {
            // The column where the text starts, relative to the lines after a break.
            let col = prefix_cols
                + if first {
                    keyword.chars().count() + 1
                } else {
                    0
                }
                + 1;
            col as isize - after_break as isize
        };
        // A piece that fits on its line whatever its characters has no break to find: every
        // string of a file written unwrapped, the short ones of a wrapped file. Each byte
        // takes at most two columns once written (an escape is two ASCII characters for one
        // byte; no character is wider in columns than it is long in UTF-8 bytes, which a
        // review checked over all of Unicode), so twice its bytes is a bound.
        // Such a piece is written straight from the text; finding breaks char by char was a
        // third of segmenting a folder.
        let room = width as isize - start(first_line);
        let fits = room >= 0 && piece.len() <= (room / 2) as usize;
        let spread = (!fits).then(|| escaped(piece));
        let breaks_from = |first: bool| {
            spread
                .as_ref()
                .map(|(chars, fixed)| line_breaks(chars, fixed, width, start(first)))
        };
        let mut breaks = breaks_from(first_line);
        if first_line
            && !piece.is_empty()
            && (more
                || start(true) > width as isize
                || breaks.as_ref().is_some_and(|b| b.contains(&true)))
        {
            let _ = writeln!(out, "{prefix}{keyword} \"\"");
            first_line = false;
            breaks = breaks_from(false);
        }
        out.push_str(prefix);
        if first_line {
            out.push_str(keyword);
            out.push(' ');
            first_line = false;
        }
        out.push('"');
        match (&spread, &breaks) {
            (Some((chars, _)), Some(breaks)) => {
                for (c, brk) in chars.iter().zip(breaks) {
                    if *brk {
                        out.push_str("\"\n");
                        out.push_str(prefix);
                        out.push('"');
                    }
                    out.push(*c);
                }
            }
            _ => push_escaped(out, piece),
        }
        out.push_str("\"\n");
    }
}

/// The letter `c` is written as after a backslash between quotes, if it is escaped.
fn escape_of(c: char) -> Option<char> {
    match c {
        '\\' => Some('\\'),
        '"' => Some('"'),
        '\n' => Some('n'),
        '\t' => Some('t'),
        '\r' => Some('r'),
        '\u{7}' => Some('a'),
        '\u{8}' => Some('b'),
        '\u{b}' => Some('v'),
        '\u{c}' => Some('f'),
        _ => None,
    }
}

/// `piece` as written between quotes ([`escape_of`]), onto `out`: the stretches with nothing
/// to escape copied whole.
fn push_escaped(out: &mut String, piece: &str) {
    let mut from = 0;
    // Every character escaped is ASCII, and an ASCII byte is always a whole character in
    // UTF-8, so the bytes are looked at, not the characters.
    for (i, &b) in piece.as_bytes().iter().enumerate() {
        if b >= 0x20 && b != b'\\' && b != b'"' {
            continue;
        }
        if let Some(e) = escape_of(char::from(b)) {
            out.push_str(&piece[from..i]);
            out.push('\\');
            out.push(e);
            from = i + 1;
        }
    }
    out.push_str(&piece[from..]);
}

/// A piece of a string as written between quotes, one char each, and for each whether a
/// line may never break before it (the inside of an escape; the `\n` that ends the piece).
fn escaped(piece: &str) -> (Vec<char>, Vec<bool>) {
    let mut chars = Vec::with_capacity(piece.len() + 2);
    let mut fixed = Vec::with_capacity(piece.len() + 2);
    for c in piece.chars() {
        match escape_of(c) {
            Some(e) => {
                chars.extend(['\\', e]);
                fixed.extend([false, true]);
            }
            None => {
                chars.push(c);
                fixed.push(false);
            }
        }
    }
    if piece.ends_with('\n') {
        let n = fixed.len();
        fixed[n - 2] = true;
    }
    (chars, fixed)
}

/// The display width of `c` (`None` for a control character), as `unicode_width` gives it,
/// without its tables for printable ASCII, most of any text: wrapping a folder's work files
/// asks for the width of every character of every string.
#[inline]
fn cols(c: char) -> Option<usize> {
    if (' '..='~').contains(&c) {
        Some(1)
    } else {
        unicode_width::UnicodeWidthChar::width(c)
    }
}

/// Where a line breaks (before which chars), filling lines greedily as libunistring's
/// `ulc_width_linebreaks` does: a piece of text between two break opportunities goes to the
/// next line when it would pass `width`; a piece longer than a line (a long word, a URL)
/// stays whole and passes it. `start` is the first char's column.
fn line_breaks(chars: &[char], fixed: &[bool], width: usize, start: isize) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let width = width as isize;
    let mut last: Option<usize> = None;
    let mut last_col = start;
    let mut piece = 0isize;
    for i in 0..chars.len() {
        if !fixed[i] && break_before(chars, i) {
            if let Some(l) = last {
                if last_col + piece > width {
                    out[l] = true;
                    last_col = 0;
                }
            }
            last = Some(i);
            last_col += piece;
            piece = 0;
        }
        piece += cols(chars[i]).unwrap_or(0) as isize;
    }
    if let Some(l) = last {
        if last_col + piece > width {
            out[l] = true;
        }
    }
    out
}

/// Whether a line may break before `chars[i]`, as libunistring's line breaking (UAX #14 with
/// its own pair table, which msgcat uses) decides for the characters news text is written
/// with, worked out against msgcat and checked against it on random prose
/// (`tests/it/keep.rs`): after spaces, except before closing punctuation (`) ] } , . : ; ! ?
/// /`), after an opening bracket or mark (`( [ { ¿ ¡`), between a quotation mark and an
/// opening bracket, and between two em dashes; after a hyphen, a dash, a slash, a stop, a
/// comma, a colon, `!`, `?`, an ellipsis or a closing bracket before a letter, an opening
/// bracket or a currency sign, as each allows; before an em dash; around ideographs and kana.
/// Never inside a word or a number, around an apostrophe, or before a combining accent.
/// Scripts beyond these (Thai, Arabic, Hangul, emoji sequences) are not covered: an entry in
/// them may be cut elsewhere than msgcat cuts it, which changes its layout, never its text.
fn break_before(chars: &[char], i: usize) -> bool {
    let opening = |c: char| matches!(c, '(' | '[' | '{' | '¿' | '¡');
    // UAX #14's PR: what stands before a number (a currency sign; a backslash).
    let prefix = |c: char| matches!(c, '\\' | '$' | '+' | '€' | '£' | '¥');
    if i == 0 {
        return false;
    }
    let cur = chars[i];
    // A combining accent belongs to the letter before it (UAX #14's LB9), and never starts a
    // line.
    let combining = |c: char| cols(c) == Some(0);
    if combining(cur) {
        return false;
    }
    let Some(&prev) = chars[..i].iter().rev().find(|c| !combining(**c)) else {
        return false;
    };
    if cur == ' ' {
        return false;
    }
    if prev == ' ' {
        if matches!(
            cur,
            ')' | ']' | '}' | ',' | '.' | ':' | ';' | '!' | '?' | '/'
        ) {
            return false;
        }
        let Some(before) = chars[..i].iter().rev().find(|c| **c != ' ') else {
            return false;
        };
        // No break after an opening bracket, nor between two em dashes, spaces or not.
        if matches!(before, '(' | '[' | '{' | '¿' | '¡') || (*before == '—' && cur == '—') {
            return false;
        }
        let quote = matches!(before, '"' | '\'' | '«' | '»' | '“' | '”' | '‘' | '’');
        return !(quote && matches!(cur, '(' | '[' | '{' | '¿' | '¡'));
    }
    // Ideographs and kana (two columns wide) break around them, as they break anywhere.
    let wide = |c: char| cols(c) == Some(2);
    if (wide(prev) || wide(cur)) && !matches!(cur, '、' | '。' | '」' | '』' | '）' | '，') {
        return !matches!(prev, '「' | '『' | '（');
    }
    // An em dash breaks before it as well as after it (UAX #14's B2), but never between two.
    if cur == '—'
        && (prev.is_alphanumeric()
            || matches!(
                prev,
                '…' | '?' | '!' | '.' | ',' | ':' | ';' | '-' | ')' | ']' | '}' | '%'
            ))
    {
        return true;
    }
    match prev {
        // libunistring breaks after a stop, a comma, a colon, `!`, `?` or an ellipsis before
        // a letter (`U.` | `S.`), an opening bracket or a currency sign or backslash, though
        // UAX #14 would not; after `!`, `?` and an ellipsis before a digit too.
        '.' | ',' | ':' | ';' | '!' | '?' | '…' => {
            cur.is_alphabetic()
                || opening(cur)
                || prefix(cur)
                || (cur.is_numeric() && matches!(prev, '!' | '?' | '…'))
        }
        ')' | ']' => opening(cur),
        '-' => cur.is_alphabetic() || opening(cur) || prefix(cur),
        '–' | '—' => cur.is_alphanumeric() || opening(cur) || prefix(cur),
        '/' => cur.is_alphabetic(),
        '}' => cur.is_alphanumeric() || opening(cur),
        '%' => prefix(cur),
        _ => false,
    }
}

/// Escapes a string for a PO file.
pub fn escape(s: &str) -> String {
    if !s.bytes().any(|b| b == b'\\' || b == b'"' || b < 0x20) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Ctxt,
    Id,
    Plural,
    Str(usize),
}

struct Parser<'a, 'e> {
    text: &'a str,
    catalog: Catalog,
    /// The entry being read: its comments, flags and place, and apart from them its strings.
    entry: Entry,
    strings: Strings<'a>,
    field: Option<Field>,
    has_content: bool,
    /// When the entries' places are wanted: each entry's text (header first), from its first
    /// line to the end of its last, as byte ranges of the text after a byte order mark.
    spans: Option<Vec<std::ops::Range<usize>>>,
    /// Where the entry being read began, where the line being read begins, and where the
    /// last line read ends, in bytes.
    entry_start: usize,
    line_start: usize,
    last_end: usize,
    /// Where the entries after the header go when they are not kept ([`Catalog::parse_each`]).
    each: Option<&'e mut dyn FnMut(Entry, Strings<'a>)>,
    /// Whether an entry was read (the header can only be the first).
    any_entry: bool,
    /// Whether extracted comments and references are read past rather than kept
    /// ([`Catalog::parse_each`]), and whether the entry being read had any.
    lean: bool,
    skipped: bool,
}

impl<'a, 'e> Parser<'a, 'e> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            catalog: Catalog::default(),
            entry: Entry::default(),
            strings: Strings::default(),
            field: None,
            has_content: false,
            spans: None,
            entry_start: 0,
            line_start: 0,
            last_end: 0,
            each: None,
            any_entry: false,
            lean: false,
            skipped: false,
        }
    }

    fn parse(self) -> Result<Catalog, PoError> {
        self.parse_spans().map(|(c, _)| c)
    }

    fn parse_spans(mut self) -> Result<(Catalog, Vec<std::ops::Range<usize>>), PoError> {
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(self.text);
        let mut offset = 0;
        let mut lines = 0;
        // Where entries end is only wanted for their spans.
        let spans = self.spans.is_some();
        for (idx, (raw, next)) in lines_at(text).enumerate() {
            let line_no = idx + 1;
            lines = line_no;
            // The line's end is only recorded once it is read: an entry that a line finishes
            // (a comment after strings) ends at the line before.
            if spans && idx > 0 && !text[self.line_start..offset].trim().is_empty() {
                self.last_end = offset;
            }
            self.line_start = offset;
            offset = next;
            let line = raw.trim_end_matches('\r');
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if trimmed.is_empty() {
                self.finish_entry(line_no)?;
                continue;
            }
            if let Some(rest) = trimmed.strip_prefix("#~") {
                // An obsolete entry: its keyword lines follow `#~`.
                let rest_trim = rest.trim_start();
                if let Some(prev) = rest_trim.strip_prefix('|') {
                    self.start_if_needed(line_no);
                    self.entry.previous.push(format!("~{prev}"));
                    continue;
                }
                if self.field.is_some() && !self.entry.obsolete && self.has_content {
                    self.finish_entry(line_no)?;
                }
                self.start_if_needed(line_no);
                self.entry.obsolete = true;
                let col = indent + 2 + (rest.len() - rest_trim.len()) + 1;
                self.keyword_line(rest_trim, line_no, col)?;
                continue;
            }
            if let Some(rest) = trimmed.strip_prefix('#') {
                if self.field.is_some() && self.has_content {
                    // A comment after strings starts the next entry.
                    self.finish_entry(line_no)?;
                }
                self.start_if_needed(line_no);
                match rest.chars().next() {
                    Some('.' | ':') if self.lean => self.skipped = true,
                    Some('.') => self
                        .entry
                        .extracted_comments
                        .push(strip_one_space(&rest[1..])),
                    Some(':') => self.entry.references.push(strip_one_space(&rest[1..])),
                    Some(',') => self.entry.flags.extend(
                        rest[1..]
                            .split(',')
                            .map(|f| f.trim().to_string())
                            .filter(|f| !f.is_empty()),
                    ),
                    Some('|') => self.entry.previous.push(rest[1..].to_string()),
                    _ => self.entry.translator_comments.push(strip_one_space(rest)),
                }
                continue;
            }
            self.keyword_line(trimmed, line_no, indent + 1)?;
        }
        if spans && !text[self.line_start..offset].trim().is_empty() {
            self.last_end = offset;
        }
        self.finish_entry(lines + 1)?;
        let spans = self.spans.take().unwrap_or_default();
        Ok((self.catalog, spans))
    }

    fn start_if_needed(&mut self, line_no: usize) {
        if self.entry.line == 0 {
            self.entry.line = line_no;
            self.entry_start = self.line_start;
        }
    }

    fn keyword_line(&mut self, line: &'a str, line_no: usize, col: usize) -> Result<(), PoError> {
        let err = |kind, c| PoError {
            pos: Pos {
                line: line_no,
                column: c,
            },
            kind,
        };
        if line.starts_with('"') {
            let Some(field) = self.field else {
                return Err(err(PoErrorKind::Orphan, col));
            };
            let s = parse_string(line, line_no, col)?;
            self.append(field, s);
            return Ok(());
        }
        // A keyword is ASCII, and most are followed by a space: found by bytes, and by
        // characters only when something else follows.
        let b = line.as_bytes();
        let end = b
            .iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'[' | b']')));
        let split = match end {
            Some(i) if matches!(b[i], b' ' | b'\t') => Some(i),
            _ => line.find(|c: char| c.is_whitespace()),
        };
        let (keyword, rest) = match split {
            Some(i) => (&line[..i], line[i..].trim_start()),
            None => (line, ""),
        };
        let rest_col = col + (line.len() - rest.len());
        let field = match keyword {
            "msgctxt" => Field::Ctxt,
            "msgid" => Field::Id,
            "msgid_plural" => Field::Plural,
            "msgstr" => Field::Str(0),
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                let n = k[7..k.len() - 1]
                    .parse()
                    .map_err(|_| err(PoErrorKind::Unexpected, col))?;
                // Forms come in order, so an index is never more than one past the last (and
                // `msgstr[99999999999]` never asks for that many strings).
                let expected = match self.field {
                    Some(Field::Str(_)) => self.strings.msgstr.len(),
                    _ => 0,
                };
                if n != expected {
                    return Err(err(PoErrorKind::PluralIndex { found: n, expected }, col));
                }
                self.entry.msgstr_indexed = true;
                Field::Str(n)
            }
            _ => return Err(err(PoErrorKind::Unexpected, col)),
        };
        // A new msgctxt or msgid after a msgstr starts a new entry (no blank line between).
        if matches!(field, Field::Ctxt | Field::Id) && matches!(self.field, Some(Field::Str(_))) {
            let obsolete = self.entry.obsolete;
            self.finish_entry(line_no)?;
            self.entry.obsolete = obsolete;
        }
        if field == Field::Id && self.field == Some(Field::Ctxt) {
            // msgctxt then msgid: same entry.
        }
        self.start_if_needed(line_no);
        if !rest.starts_with('"') {
            return Err(err(PoErrorKind::Unexpected, rest_col));
        }
        let s = parse_string(rest, line_no, rest_col)?;
        self.field = Some(field);
        self.has_content = true;
        match field {
            Field::Ctxt => self.strings.msgctxt = Some(Cow::Borrowed("")),
            Field::Plural => self.strings.msgid_plural = Some(Cow::Borrowed("")),
            Field::Str(n) => {
                while self.strings.msgstr.len() <= n {
                    self.strings.msgstr.push(Cow::Borrowed(""));
                }
            }
            Field::Id => {}
        }
        self.append(field, s);
        Ok(())
    }

    fn append(&mut self, field: Field, s: Cow<'a, str>) {
        let to = match field {
            Field::Ctxt => self.strings.msgctxt.get_or_insert_default(),
            Field::Id => &mut self.strings.msgid,
            Field::Plural => self.strings.msgid_plural.get_or_insert_default(),
            Field::Str(n) => &mut self.strings.msgstr[n],
        };
        // A string on one line (most are) stays as it was read, borrowed or decoded; only a
        // string written on several lines is joined into a copy.
        if to.is_empty() {
            *to = s;
        } else if !s.is_empty() {
            to.to_mut().push_str(&s);
        }
    }

    fn finish_entry(&mut self, line_no: usize) -> Result<(), PoError> {
        let entry = std::mem::take(&mut self.entry);
        let mut strings = std::mem::take(&mut self.strings);
        let had_strings = self.has_content;
        let skipped = std::mem::take(&mut self.skipped);
        self.field = None;
        self.has_content = false;
        if !had_strings {
            // Comments with no entry (e.g. a file's trailing comments) are dropped only if
            // there are none; otherwise they belong to nothing, which PO does not allow.
            if entry.translator_comments.is_empty()
                && entry.extracted_comments.is_empty()
                && entry.references.is_empty()
                && entry.flags.is_empty()
                && !skipped
            {
                return Ok(());
            }
            return Err(PoError {
                pos: Pos {
                    line: line_no,
                    column: 1,
                },
                kind: PoErrorKind::NoMsgid,
            });
        }
        let mut entry = entry;
        if strings.msgstr.is_empty() {
            strings.msgstr.push(Cow::Borrowed(""));
        }
        entry.msgstr_indexed |= strings.msgid_plural.is_some();
        if let Some(spans) = self.spans.as_mut() {
            spans.push(self.entry_start..self.last_end.max(self.entry_start));
        }
        let first = !self.any_entry;
        self.any_entry = true;
        if strings.is_header(entry.obsolete) && first {
            strings.fill(&mut entry);
            self.catalog.header = Some(entry);
        } else if let Some(each) = self.each.as_mut() {
            each(entry, strings);
        } else {
            strings.fill(&mut entry);
            self.catalog.entries.push(entry);
        }
        Ok(())
    }
}

/// The lines of `text` as `str::lines` gives them (a line ends at `\n` or `\r\n`; no empty
/// line after the last line ending), each with where the next line starts, found with one
/// vectorized search over the whole text: `str::lines` starts a new search on every line,
/// which was a tenth of reading a work file.
fn lines_at(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let (line, next) = match ends.next() {
            Some(nl) => {
                let line = &text[start..nl];
                (line.strip_suffix('\r').unwrap_or(line), nl + 1)
            }
            None => (&text[start..], text.len()),
        };
        start = next;
        Some((line, next))
    })
}

fn strip_one_space(s: &str) -> String {
    s.strip_prefix(' ').unwrap_or(s).to_string()
}

/// Parses one quoted PO string starting at the `"` of `s`.
///
/// Every C escape gettext reads is decoded: `\a \b \f \n \r \t \v \\ \" \? \'`, octal
/// `\ooo` (one to three digits) and hex `\xhh`. Octal and hex escapes are bytes (`msgcat
/// --escape` writes `í` as `\303\255`), so the decoded string is checked as UTF-8 once it is
/// whole, and bytes that do not form UTF-8 are an error at the escape that began them.
fn parse_string(s: &str, line_no: usize, col: usize) -> Result<Cow<'_, str>, PoError> {
    match parse_plain_string(s) {
        Some(text) => Ok(text),
        None => parse_any_string(s, line_no, col).map(Cow::Owned),
    }
}

/// The common case of [`parse_string`]: a well-formed string whose escapes are all one
/// ASCII character each, borrowed from `s` when it has no escape at all, else written straight
/// into a `String`. `None` for anything else (an octal or hex escape, which may write any
/// byte, or an error), which the full reader then reads.
fn parse_plain_string(s: &str) -> Option<Cow<'_, str>> {
    let b = s.as_bytes();
    let closed = |at: usize| {
        let rest = s[at + 1..].trim();
        rest.is_empty() || rest.starts_with('#')
    };
    let at = 1 + memchr::memchr2(b'"', b'\\', &b[1..])?;
    // Both bytes are ASCII, so `at` is a character boundary.
    if b[at] == b'"' {
        return closed(at).then_some(Cow::Borrowed(&s[1..at]));
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 1;
    loop {
        let at = i + memchr::memchr2(b'"', b'\\', &b[i..])?;
        out.push_str(&s[i..at]);
        if b[at] == b'"' {
            return closed(at).then_some(Cow::Owned(out));
        }
        let c = match b.get(at + 1)? {
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'"' => '"',
            b'\\' => '\\',
            b'a' => '\u{7}',
            b'b' => '\u{8}',
            b'v' => '\u{b}',
            b'f' => '\u{c}',
            b'?' => '?',
            b'\'' => '\'',
            _ => return None,
        };
        out.push(c);
        i = at + 2;
    }
}

/// [`parse_string`] for any string, byte escapes and errors included.
fn parse_any_string(s: &str, line_no: usize, col: usize) -> Result<String, PoError> {
    let err = |kind, c| PoError {
        pos: Pos {
            line: line_no,
            column: c,
        },
        kind,
    };
    // The column is only computed for an error, so reading stays linear.
    let column = |i: usize| col + s[..i].chars().count();
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    // Where escaped bytes were written, so a UTF-8 error can point at the escape.
    let mut escapes: Vec<(usize, usize)> = Vec::new();
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let rest = s[i + 1..].trim();
                if !rest.is_empty() && !rest.starts_with('#') {
                    return Err(err(PoErrorKind::Unexpected, column(i) + 1));
                }
                return String::from_utf8(out).map_err(|e| {
                    let bad = e.utf8_error().valid_up_to();
                    // The last escape written at or before the bad byte began it.
                    let at = escapes
                        .iter()
                        .take_while(|(o, _)| *o <= bad)
                        .last()
                        .map(|(_, src)| *src)
                        .unwrap_or(0);
                    err(PoErrorKind::InvalidUtf8, column(at))
                });
            }
            b'\\' => {
                let start = i;
                let Some(&c) = b.get(i + 1) else {
                    break;
                };
                i += 2;
                let byte = match c {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'"' => b'"',
                    b'\\' => b'\\',
                    b'a' => 0x07,
                    b'b' => 0x08,
                    b'v' => 0x0b,
                    b'f' => 0x0c,
                    b'?' => b'?',
                    b'\'' => b'\'',
                    b'0'..=b'7' => {
                        let mut v = u32::from(c - b'0');
                        let mut n = 1;
                        while n < 3 && matches!(b.get(i), Some(b'0'..=b'7')) {
                            v = v * 8 + u32::from(b[i] - b'0');
                            i += 1;
                            n += 1;
                        }
                        let v = u8::try_from(v)
                            .map_err(|_| err(PoErrorKind::BadEscape, column(start)))?;
                        escapes.push((out.len(), start));
                        v
                    }
                    b'x' => {
                        // As in C (and gettext), every hex digit that follows belongs to it.
                        let digits = b[i..].iter().take_while(|d| d.is_ascii_hexdigit()).count();
                        let v = std::str::from_utf8(&b[i..i + digits])
                            .ok()
                            .and_then(|h| u8::from_str_radix(h, 16).ok())
                            .filter(|_| digits > 0)
                            .ok_or_else(|| err(PoErrorKind::BadEscape, column(start)))?;
                        i += digits;
                        escapes.push((out.len(), start));
                        v
                    }
                    _ => return Err(err(PoErrorKind::BadEscape, column(start))),
                };
                out.push(byte);
            }
            _ => {
                // Plain text is copied a run at a time: it is UTF-8 already.
                let end = memchr::memchr2(b'"', b'\\', &b[i..]).map_or(b.len(), |p| i + p);
                out.extend_from_slice(&b[i..end]);
                i = end;
            }
        }
    }
    Err(err(PoErrorKind::Unterminated, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Issue 17: a piece [`write_string`] writes without looking for breaks (its bytes at
        /// most half the room left on its line) never has one: the line breaking finds none
        /// in it, whatever its characters (escapes, wide, combining, control) and the width.
        #[test]
        fn a_piece_within_half_its_room_has_no_break(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Word", " ", "  ", "\t", "\\", "\"", "\r", "\u{7}", "-", "/", "¿", "«",
                "»", "(", ")", ".", "…", "文字", "🙂", "e\u{301}", "\u{a0}", "www.x.mx/a-b",
            ]), 0..60),
            width in 0usize..120,
            start in 0isize..40,
        ) {
            let piece: String = parts.concat();
            let room = width as isize - start;
            if room >= 0 && piece.len() <= (room / 2) as usize {
                let (chars, fixed) = escaped(&piece);
                proptest::prop_assert!(!line_breaks(&chars, &fixed, width, start).contains(&true));
            }
        }
    }

    #[test]
    fn header_values_in_one_pass_are_what_each_field_alone_gives() {
        let text = "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\"language: en\\n\"\n\"Bad line\\n\"\n\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\"X-Empty:\\n\"\n";
        let cat = Catalog::parse(text).unwrap();
        let names = ["language", "Plural-Forms", "X-Empty", "Missing", "LANGUAGE"];
        let values = cat.header_values(names);
        for (name, value) in names.iter().zip(&values) {
            assert_eq!(value, &cat.header_field(name), "{name}");
        }
        assert_eq!(
            values,
            [
                Some("es".to_string()),
                Some("nplurals=2; plural=(n != 1);".to_string()),
                Some(String::new()),
                None,
                Some("es".to_string()),
            ]
        );
        assert_eq!(Catalog::default().header_values(["Language"]), [None]);
    }

    #[test]
    fn entries_read_one_by_one_carry_no_notes_and_orphan_notes_are_still_an_error() {
        let text = "msgid \"\"\nmsgstr \"\"\n\n#. a note\n#: a.md:3\n#, fuzzy\nmsgctxt \"p.1\"\nmsgid \"One.\"\nmsgstr \"Uno.\"\n";
        let mut seen = Vec::new();
        Catalog::parse_each(text, &mut |e, s| seen.push((e, s))).unwrap();
        assert_eq!(seen.len(), 1);
        let (entry, strings) = &seen[0];
        assert!(entry.extracted_comments.is_empty() && entry.references.is_empty());
        assert!(entry.is_fuzzy());
        assert_eq!(strings.msgstr(), "Uno.");
        assert_eq!(strings.msgctxt.as_deref(), Some("p.1"));
        // The whole catalog keeps them.
        let cat = Catalog::parse(text).unwrap();
        assert_eq!(cat.entries[0].extracted_comments, ["a note"]);
        assert_eq!(cat.entries[0].references, ["a.md:3"]);
        // Notes that belong to no entry are an error either way.
        for orphan in ["#. a note\n", "#: a.md:3\n"] {
            let text = format!("{text}\n{orphan}");
            let kind = |e: PoError| e.kind;
            assert_eq!(
                Catalog::parse_each(&text, &mut |_, _| {})
                    .map_err(kind)
                    .unwrap_err(),
                PoErrorKind::NoMsgid
            );
            assert_eq!(
                Catalog::parse(&text).map_err(kind).unwrap_err(),
                PoErrorKind::NoMsgid
            );
        }
    }

    const SAMPLE: &str = r#"# Translator note kept.
msgid ""
msgstr ""
"Language: es\n"
"X-Custom: kept\n"

# a translator comment
#. headline
#: a.md:3
#, fuzzy, c-format
#| msgid "Old"
msgctxt "h.1"
msgid "Hello \"world\""
msgstr "Hola"

msgid ""
"two\n"
"lines"
msgstr ""

#~ msgctxt "p.9"
#~ msgid "Gone"
#~ msgstr "Ido"
"#;

    #[test]
    fn reads_everything_and_writes_it_back() {
        let cat = Catalog::parse(SAMPLE).unwrap();
        assert_eq!(cat.header_field("X-Custom").as_deref(), Some("kept"));
        assert_eq!(cat.entries.len(), 3);
        let e = &cat.entries[0];
        assert_eq!(e.translator_comments, ["a translator comment"]);
        assert!(e.is_fuzzy());
        assert_eq!(e.msgid, "Hello \"world\"");
        assert_eq!(e.previous, [" msgid \"Old\""]);
        assert_eq!(cat.entries[1].msgid, "two\nlines");
        assert!(cat.entries[2].obsolete);
        assert_eq!(cat.entries[2].msgstr(), "Ido");
        let again = Catalog::parse(&cat.write()).unwrap();
        assert_eq!(again, {
            let mut c = cat.clone();
            for (a, b) in c.entries.iter_mut().zip(&again.entries) {
                a.line = b.line;
            }
            if let (Some(a), Some(b)) = (c.header.as_mut(), again.header.as_ref()) {
                a.line = b.line;
            }
            c
        });
    }

    #[test]
    fn errors_have_line_and_column() {
        let e = Catalog::parse("msgid \"a\nmsgstr \"b\"\n").unwrap_err();
        assert_eq!(e.pos, Pos { line: 1, column: 7 });
        assert_eq!(e.kind, PoErrorKind::Unterminated);
        let e = Catalog::parse("msgid \"a\"\nmsgstr \"\\q\"\n").unwrap_err();
        assert_eq!((e.pos.line, e.kind), (2, PoErrorKind::BadEscape));
        let e = Catalog::parse("msgid \"a\"\nbogus \"b\"\n").unwrap_err();
        assert_eq!((e.pos.line, e.pos.column), (2, 1));
    }

    #[test]
    fn every_c_escape_is_read() {
        // `msgcat --escape` writes non-ASCII as one octal escape per byte.
        let po = "msgid \"Mar\\303\\255a \\x41\\x42 \\101\\7\\0\"\nmsgstr \"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\\?\\'\"\n";
        let cat = Catalog::parse(po).unwrap();
        let e = &cat.entries[0];
        assert_eq!(e.msgid, "María AB A\u{7}\u{0}");
        assert_eq!(e.msgstr(), "\u{7}\u{8}\u{c}\n\r\t\u{b}\\\"?'");
        // Written back as UTF-8, without octal escapes, and read back the same.
        let written = cat.write();
        assert!(written.contains("María"), "{written}");
        assert_eq!(Catalog::parse(&written).unwrap().entries[0].msgid, e.msgid);
    }

    #[test]
    fn escaped_bytes_that_are_not_utf8_are_an_error_at_their_escape() {
        // \303 starts a two-byte sequence; "(" cannot end it.
        let e = Catalog::parse("msgid \"ab\"\nmsgstr \"xy\\303(\"\n").unwrap_err();
        assert_eq!(e.kind, PoErrorKind::InvalidUtf8);
        assert_eq!(
            e.pos,
            Pos {
                line: 2,
                column: 11
            }
        );
        let e = Catalog::parse("msgid \"\\377\"\nmsgstr \"\"\n").unwrap_err();
        assert_eq!(
            (e.pos.line, e.pos.column, e.kind),
            (1, 8, PoErrorKind::InvalidUtf8)
        );
        // Beyond a byte, or a hex escape without digits, is not an escape.
        for bad in ["\\400", "\\x", "\\x100", "\\q", "\\é"] {
            let e = Catalog::parse(&format!("msgid \"{bad}\"\nmsgstr \"\"\n")).unwrap_err();
            assert_eq!((e.pos.column, e.kind), (8, PoErrorKind::BadEscape), "{bad}");
        }
    }

    #[test]
    fn entries_that_did_not_change_are_written_as_they_were() {
        // Odd layouts no tool would choose: kept for the entries that do not change.
        let text = "\u{feff}# header comment\r\nmsgid \"\"\r\nmsgstr \"\"\r\n\"Language: es_MX\\n\"\r\n\r\n\
                    #. note\r\nmsgid \"a\"\r\n\"b\"\r\nmsgstr \"x\"\r\nmsgid \"c\"\r\nmsgstr \"\"\r\n\"y\"\r\n\r\n\
                    #~ msgid \"gone\"\r\n#~ msgstr \"ido\"\r\n";
        let cat = Catalog::parse_keeping_form(text).unwrap();
        assert_eq!(cat.entries.len(), 3);
        assert_eq!(
            cat.write(),
            text.trim_start_matches('\u{feff}')
                .replace("\r\nmsgid \"c\"", "\r\n\r\nmsgid \"c\"")
        );
        // A changed entry is written in gettext's layout; the others stay as they were.
        let mut changed = cat.clone();
        changed.entries[1].msgstr = vec!["z".into()];
        let out = changed.write();
        assert!(out.contains("#. note\r\nmsgid \"a\"\r\n\"b\"\r\n"), "{out}");
        assert!(out.contains("\r\nmsgid \"c\"\r\nmsgstr \"z\"\r\n"), "{out}");
        // Read without its form, the same catalog is written in gettext's layout.
        let plain = Catalog::parse(text).unwrap();
        assert!(plain.write().contains("msgid \"ab\"\nmsgstr \"x\"\n"));
    }

    #[test]
    fn the_wrapping_is_read_from_the_file() {
        // Words of every length, so each width cuts the string in its own places.
        let long: String = (1..60).map(|n| "x".repeat(n % 9 + 1) + " ").collect();
        let entry = |wrap| {
            let mut out = String::new();
            let e = Entry {
                msgid: long.trim_end().to_string(),
                ..Entry::default()
            };
            write_entry_with(&mut out, &e, wrap);
            out
        };
        for wrap in [
            Wrap::None,
            Wrap::Width(79),
            Wrap::Width(80),
            Wrap::Width(72),
        ] {
            let text = format!(
                "msgid \"\"\nmsgstr \"X-Generator: puente\\n\"\n\n{}",
                entry(wrap)
            );
            assert_eq!(Catalog::parse_keeping_form(&text).unwrap().wrap(), wrap);
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(Catalog::parse_keeping_form(&crlf).unwrap().wrap(), wrap);
        }
        // Nothing long enough to tell: puente's files are not wrapped, others' are, at 79.
        let short =
            "msgid \"\"\nmsgstr \"X-Generator: Poedit 3.4\\n\"\n\nmsgid \"a\"\nmsgstr \"\"\n";
        let cat = Catalog::parse_keeping_form(short).unwrap();
        assert_eq!(cat.wrap(), Wrap::Width(79));
        let ours = short.replace("Poedit 3.4", "puente 0.1.0");
        let cat = Catalog::parse_keeping_form(&ours).unwrap();
        assert_eq!(cat.wrap(), Wrap::None);
    }

    #[test]
    fn lines_are_the_lines_str_gives() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r",
            "\r\n\r\n",
            "a\rb\n\nc",
        ] {
            assert_eq!(
                lines_at(text).map(|(line, _)| line).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
            // Each line and its line end, and nothing else, lie before the next line.
            let mut start = 0;
            for (line, next) in lines_at(text) {
                let end = &text[start + line.len()..next];
                assert!(
                    text[start..].starts_with(line) && ["", "\n", "\r\n"].contains(&end),
                    "{text:?}: {line:?} ends with {end:?}"
                );
                start = next;
            }
            assert_eq!(start, text.len(), "{text:?}");
        }
    }

    #[test]
    fn header_fields_keep_their_lines() {
        let text = "msgid \"\"\nmsgstr \"\"\n\"language:es_MX\\n\"\n\"X-Custom:  spaced \\n\"\n";
        let mut cat = Catalog::parse(text).unwrap();
        cat.set_header_fields(&[("Language", "es_MX".into()), ("X-New", "1".into())]);
        assert_eq!(
            cat.header.as_ref().unwrap().msgstr(),
            "language:es_MX\nX-Custom:  spaced \nX-New: 1\n"
        );
        cat.set_header_fields(&[("Language", "es".into())]);
        assert!(cat.header.unwrap().msgstr().starts_with("language: es\n"));
    }
}
