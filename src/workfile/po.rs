//! Gettext PO: reading and writing with full fidelity.
//!
//! The reader keeps everything a translator or another tool put in the file (translator
//! comments, flags, previous strings, obsolete entries, unknown header fields, `msgstr[n]`), so
//! puente can rewrite a file without losing what it does not own. It reads every C escape
//! gettext does, octal and hex included (`msgcat --escape`), and checks the decoded bytes as
//! UTF-8; it writes UTF-8 with gettext's named escapes only. It never touches the file system.

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
        self.msgid.is_empty() && self.msgctxt.is_none() && !self.obsolete
    }
}

/// A whole PO file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The header entry (`msgid ""`), if any.
    pub header: Option<Entry>,
    /// The other entries, obsolete ones included, in file order.
    pub entries: Vec<Entry>,
}

impl Catalog {
    /// The header fields, in order, as (name, value).
    pub fn header_fields(&self) -> Vec<(String, String)> {
        let Some(h) = &self.header else {
            return Vec::new();
        };
        h.msgstr()
            .lines()
            .filter_map(|l| {
                let (k, v) = l.split_once(':')?;
                Some((k.trim().to_string(), v.trim().to_string()))
            })
            .collect()
    }

    /// One header field's value.
    pub fn header_field(&self, name: &str) -> Option<String> {
        self.header_fields()
            .into_iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// Sets header fields, replacing existing ones in place and appending new ones; fields
    /// not named are kept.
    pub fn set_header_fields(&mut self, fields: &[(&str, String)]) {
        let mut current = self.header_fields();
        for (name, value) in fields {
            match current
                .iter_mut()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
            {
                Some(slot) => slot.1 = value.clone(),
                None => current.push((name.to_string(), value.clone())),
            }
        }
        let mut text = String::new();
        for (k, v) in current {
            let _ = writeln!(text, "{k}: {v}");
        }
        let header = self.header.get_or_insert_with(Entry::default);
        header.msgstr = vec![text];
    }

    /// Parses a PO file.
    pub fn parse(text: &str) -> Result<Catalog, PoError> {
        Parser::new(text).parse()
    }

    /// Writes the catalog in the layout gettext's own tools use (no line wrapping).
    pub fn write(&self) -> String {
        let mut out = String::new();
        if let Some(h) = &self.header {
            write_entry(&mut out, h);
        }
        for e in &self.entries {
            out.push('\n');
            write_entry(&mut out, e);
        }
        out
    }
}

/// Appends one entry in PO syntax.
pub fn write_entry(out: &mut String, e: &Entry) {
    let prefix = if e.obsolete { "#~ " } else { "" };
    for c in &e.translator_comments {
        if c.is_empty() {
            out.push_str("#\n");
        } else {
            let _ = writeln!(out, "# {c}");
        }
    }
    for c in &e.extracted_comments {
        let _ = writeln!(out, "#. {c}");
    }
    for r in &e.references {
        let _ = writeln!(out, "#: {r}");
    }
    if !e.flags.is_empty() {
        let _ = writeln!(out, "#, {}", e.flags.join(", "));
    }
    for p in &e.previous {
        let _ = writeln!(out, "#|{p}");
    }
    if let Some(ctx) = &e.msgctxt {
        write_string(out, prefix, "msgctxt", ctx);
    }
    write_string(out, prefix, "msgid", &e.msgid);
    if let Some(p) = &e.msgid_plural {
        write_string(out, prefix, "msgid_plural", p);
    }
    if e.msgstr_indexed || e.msgid_plural.is_some() {
        for (i, s) in e.msgstr.iter().enumerate() {
            write_string(out, prefix, &format!("msgstr[{i}]"), s);
        }
    } else {
        write_string(out, prefix, "msgstr", e.msgstr());
    }
}

fn write_string(out: &mut String, prefix: &str, keyword: &str, value: &str) {
    // Strings with inner newlines are written one line per newline, as gettext does.
    let multiline = value.contains('\n') && value.len() > 1;
    if multiline {
        let _ = writeln!(out, "{prefix}{keyword} \"\"");
        for part in value.split_inclusive('\n') {
            let _ = writeln!(out, "{prefix}\"{}\"", escape(part));
        }
    } else {
        let _ = writeln!(out, "{prefix}{keyword} \"{}\"", escape(value));
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

struct Parser<'a> {
    text: &'a str,
    catalog: Catalog,
    entry: Entry,
    field: Option<Field>,
    has_content: bool,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            catalog: Catalog::default(),
            entry: Entry::default(),
            field: None,
            has_content: false,
        }
    }

    fn parse(mut self) -> Result<Catalog, PoError> {
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(self.text);
        for (idx, raw) in text.lines().enumerate() {
            let line_no = idx + 1;
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
        let end = text.lines().count() + 1;
        self.finish_entry(end)?;
        Ok(self.catalog)
    }

    fn start_if_needed(&mut self, line_no: usize) {
        if self.entry.line == 0 {
            self.entry.line = line_no;
        }
    }

    fn keyword_line(&mut self, line: &str, line_no: usize, col: usize) -> Result<(), PoError> {
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
            self.append(field, &s);
            return Ok(());
        }
        let (keyword, rest) = match line.find(|c: char| c.is_whitespace()) {
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
                    Some(Field::Str(_)) => self.entry.msgstr.len(),
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
            Field::Ctxt => self.entry.msgctxt = Some(String::new()),
            Field::Plural => self.entry.msgid_plural = Some(String::new()),
            Field::Str(n) => {
                while self.entry.msgstr.len() <= n {
                    self.entry.msgstr.push(String::new());
                }
            }
            Field::Id => {}
        }
        self.append(field, &s);
        Ok(())
    }

    fn append(&mut self, field: Field, s: &str) {
        match field {
            Field::Ctxt => self
                .entry
                .msgctxt
                .get_or_insert_with(String::new)
                .push_str(s),
            Field::Id => self.entry.msgid.push_str(s),
            Field::Plural => self
                .entry
                .msgid_plural
                .get_or_insert_with(String::new)
                .push_str(s),
            Field::Str(n) => self.entry.msgstr[n].push_str(s),
        }
    }

    fn finish_entry(&mut self, line_no: usize) -> Result<(), PoError> {
        let entry = std::mem::take(&mut self.entry);
        let had_strings = self.has_content;
        self.field = None;
        self.has_content = false;
        if !had_strings {
            // Comments with no entry (e.g. a file's trailing comments) are dropped only if
            // there are none; otherwise they belong to nothing, which PO does not allow.
            if entry.translator_comments.is_empty()
                && entry.extracted_comments.is_empty()
                && entry.references.is_empty()
                && entry.flags.is_empty()
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
        if entry.msgstr.is_empty() {
            entry.msgstr.push(String::new());
        }
        entry.msgstr_indexed |= entry.msgid_plural.is_some();
        if entry.is_header() && self.catalog.header.is_none() && self.catalog.entries.is_empty() {
            self.catalog.header = Some(entry);
        } else {
            self.catalog.entries.push(entry);
        }
        Ok(())
    }
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
fn parse_string(s: &str, line_no: usize, col: usize) -> Result<String, PoError> {
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
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'"' || c == b'\\')
                    .map_or(b.len(), |p| i + p);
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
}
