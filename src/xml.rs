//! XML through quick-xml, which does all the escaping. Writing: the glossary's TBX, the
//! memory's TMX and the JUnit report. Reading: XLIFF and TBX go through [`XmlIn`], over a
//! whole text, and TMX through [`XmlStream`], over a stream (a memory's TMX may be gigabytes),
//! with the same refusals (one `check` for both). Either accepts a DOCTYPE only when it names
//! an external DTD and nothing else (as CAT tools write
//! `<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">`): the DTD is never fetched, and an
//! internal subset (where entities are declared) is refused, so no entity is ever declared or
//! expanded;
//! references to anything but the five predefined entities and character references are
//! errors, in text (the callers unescape) and in attributes (checked here). Characters XML
//! 1.0 forbids (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF),
//! written raw or as character references (`&#x1b;`, `&#0;`), are refused in text and
//! attributes, and [`is_xml_char`] lets the writers keep them out. A document cut short is an
//! error too. Rewriting a document read earlier (XLIFF) goes through [`rewrite_start`], which
//! keeps the attributes the writer does not own where they were, and [`replay`], which writes
//! a piece of markup read earlier again event by event, exactly. Pure: it reads only what it
//! is handed.

use std::io::Cursor;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// A document being written, indented by two spaces, with its XML declaration.
pub struct XmlOut {
    w: Writer<Cursor<Vec<u8>>>,
}

impl Default for XmlOut {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlOut {
    /// A new document (`<?xml version="1.0" encoding="UTF-8"?>`).
    pub fn new() -> XmlOut {
        let mut out = XmlOut {
            w: Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2),
        };
        out.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        out
    }

    fn event(&mut self, e: Event<'_>) {
        self.w
            .write_event(e)
            .expect("writing to memory cannot fail");
    }

    fn start(name: &str, attrs: &[(&str, &str)]) -> BytesStart<'static> {
        let mut start = BytesStart::new(name.to_string());
        for a in attrs {
            start.push_attribute(*a);
        }
        start
    }

    /// `<name attrs…>`.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(Self::start(name, attrs)));
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// `<name attrs…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(Self::start(name, attrs)));
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) {
        self.event(Event::Text(BytesText::new(text)));
    }

    /// `<name attrs…>text</name>`.
    pub fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    /// What was written since the start or the last `take`, handed over and forgotten: a
    /// long document goes out in pieces, each laid out as in the whole document.
    pub fn take(&mut self) -> String {
        let buf = self.w.get_mut();
        let bytes = std::mem::take(buf.get_mut());
        buf.set_position(0);
        String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
    }

    /// The document (what is left of it after [`XmlOut::take`]), ending with a newline.
    pub fn finish(self) -> String {
        let mut s =
            String::from_utf8(self.w.into_inner().into_inner()).expect("UTF-8 in, UTF-8 out");
        s.push('\n');
        s
    }
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production): tab, newline, carriage
/// return, and everything from U+0020 but U+FFFE and U+FFFF (surrogates cannot be a `char`).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// The first character XML 1.0 forbids in raw `text` (before unescaping), written as is or
/// as a character reference.
fn forbidden_char(raw: &[u8]) -> Option<XmlProblem> {
    let text = String::from_utf8_lossy(raw);
    if let Some(c) = text.chars().find(|c| !is_xml_char(*c)) {
        return Some(XmlProblem::ForbiddenChar { code: c as u32 });
    }
    let mut rest = &*text;
    while let Some(i) = rest.find("&#") {
        rest = &rest[i + 2..];
        let Some(end) = rest.find(';') else { break };
        let body = &rest[..end];
        let code = match body.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => body.parse::<u32>().ok(),
        };
        // A reference that names no character at all is left to the parser's own error.
        let named = code.and_then(char::from_u32);
        if named.map_or(code.is_some(), |c| !is_xml_char(c)) {
            return Some(XmlProblem::ForbiddenCharRef {
                reference: body.to_string(),
            });
        }
        rest = &rest[end..];
    }
    None
}

/// The first character XML 1.0 forbids in CDATA, where `&#` is no reference.
fn forbidden_char_raw(raw: &[u8]) -> Option<XmlProblem> {
    let c = String::from_utf8_lossy(raw)
        .chars()
        .find(|c| !is_xml_char(*c))?;
    Some(XmlProblem::ForbiddenChar { code: c as u32 })
}

/// An attribute's value, unescaped, by its name as written (`xml:lang`, `id`).
pub fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// A start tag named `name` for an element being written again over `old` (the element as
/// read, if any): the attributes the writer owns, `owned` (name and unescaped value; `None`
/// leaves it out), are written where `old` had them; every other attribute of `old` (another
/// tool's, a namespace declaration) stays as it was written, in its order; owned attributes
/// `old` lacks follow in `owned`'s order. Without `old` it is `owned` alone.
pub fn rewrite_start(
    name: &str,
    old: Option<&BytesStart<'_>>,
    owned: &[(&str, Option<&str>)],
) -> BytesStart<'static> {
    let mut start = BytesStart::new(name.to_string());
    let mut done = vec![false; owned.len()];
    let mut attrs = old.map(|o| {
        let mut a = o.attributes();
        a.with_checks(false);
        a
    });
    for a in attrs.iter_mut().flatten().flatten() {
        match owned
            .iter()
            .position(|(n, _)| n.as_bytes() == a.key.as_ref())
        {
            Some(i) if !done[i] => {
                done[i] = true;
                if let Some(value) = owned[i].1 {
                    start.push_attribute((owned[i].0, value));
                }
            }
            Some(_) => {}
            // The value as written, escapes and all: quick-xml copies its bytes.
            None => start.push_attribute(a),
        }
    }
    for ((n, value), done) in owned.iter().zip(done) {
        if let (false, Some(value)) = (done, value) {
            start.push_attribute((*n, *value));
        }
    }
    start
}

/// Whether `e` has an attribute other than those named in `owned`: what a rewrite would lose
/// if it wrote the element from its own fields alone.
pub fn has_other_attrs(e: &BytesStart<'_>, owned: &[&str]) -> bool {
    let mut attrs = e.attributes();
    attrs
        .with_checks(false)
        .flatten()
        .any(|a| !owned.iter().any(|n| n.as_bytes() == a.key.as_ref()))
}

/// Writes again, event by event, a piece of markup read earlier (an element with all it
/// holds, a comment, a processing instruction), exactly as it was written: its prefixes still
/// refer to the declarations around it, which the caller keeps.
pub fn replay<W: std::io::Write>(w: &mut Writer<W>, piece: &str) {
    // A DOCTYPE is written whole: quick-xml would end it at a `>` inside a quoted literal.
    if let Some(decl) = piece
        .strip_prefix("<!DOCTYPE")
        .and_then(|d| d.strip_suffix('>'))
    {
        let _ = w.write_event(Event::DocType(BytesText::from_escaped(decl.trim_start())));
        return;
    }
    let mut r = quick_xml::Reader::from_str(piece);
    // The piece was read once from a well-formed document: it reads again the same way.
    while let Ok(event) = r.read_event() {
        if matches!(event, Event::Eof) || w.write_event(event).is_err() {
            break;
        }
    }
}

/// The text of an XML document from its bytes, as XML 1.0 (appendix F) reads them: a UTF-16
/// byte order mark (little or big endian, as Trados exports TMX) means UTF-16, else the bytes
/// must be UTF-8 (a UTF-8 mark is dropped). A declaration that names another encoding than
/// the one the bytes are in is refused, as is UTF-16 that does not decode. `None` when the
/// bytes are neither: the caller reports them as not UTF-8.
pub fn decode_document(bytes: &[u8]) -> Option<String> {
    let (units, big): (&[u8], bool) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, false),
        [0xFE, 0xFF, rest @ ..] => (rest, true),
        _ => {
            let text = std::str::from_utf8(bytes).ok()?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let declared = declared_encoding(text);
            return declared
                .is_none_or(|e| e.eq_ignore_ascii_case("UTF-8"))
                .then(|| text.to_string());
        }
    };
    if units.len() % 2 != 0 {
        return None;
    }
    let words = units.chunks_exact(2).map(|p| {
        if big {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let text: String = char::decode_utf16(words).collect::<Result<_, _>>().ok()?;
    let declared = declared_encoding(&text);
    declared
        .is_none_or(|e| e.to_ascii_uppercase().starts_with("UTF-16"))
        .then_some(text)
}

/// The `encoding` of a document's XML declaration, if it has one.
fn declared_encoding(text: &str) -> Option<&str> {
    let decl = text.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let rest = &rest[1..];
    Some(&rest[..rest.find(quote)?])
}

/// What can go wrong reading XML, before any meaning is given to it: each a kind the CLI
/// words in the user's language ([`XmlProblem::Other`] keeps the parser's own text for the
/// rare failure that has no kind here).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XmlProblem {
    /// A tag (`<a`) that is never closed by `>`.
    UnclosedTag,
    /// A comment (`<!--`) that is never closed.
    UnclosedComment,
    /// A CDATA section that is never closed.
    UnclosedCData,
    /// A DOCTYPE that is never closed.
    UnclosedDoctype,
    /// A processing instruction or XML declaration (`<?`) that is never closed.
    UnclosedPi,
    /// `<!` followed by neither a comment, CDATA nor a DOCTYPE.
    InvalidMarkup,
    /// An end tag that does not close the element open.
    MismatchedEnd {
        /// The element open.
        expected: String,
        /// The end tag found.
        found: String,
    },
    /// An end tag with no element open.
    UnmatchedEnd {
        /// The end tag found.
        name: String,
    },
    /// An XML declaration without its version.
    MissingVersion,
    /// `--` inside a comment.
    DoubleHyphen,
    /// An attribute written wrongly (no `=`, no quotes, no value).
    BadAttribute,
    /// An attribute given twice in one tag.
    DuplicateAttribute,
    /// A reference to an entity that is not one of the five XML predefines (`&nbsp;`).
    UnknownEntity {
        /// The entity's name.
        name: String,
    },
    /// An `&` that starts a reference never ended by `;`.
    UnterminatedEntity,
    /// A character reference that is not a number or names no character (`&#xZZ;`).
    BadCharRef,
    /// A character XML 1.0 forbids, written as is.
    ForbiddenChar {
        /// Its code point.
        code: u32,
    },
    /// A character reference to a character XML 1.0 forbids (`&#x1b;`).
    ForbiddenCharRef {
        /// The reference as written, without `&#` and `;`.
        reference: String,
    },
    /// A DOCTYPE with an internal subset, or out of place: refused, so no entity is ever
    /// declared, fetched or expanded.
    Doctype,
    /// The text ends with elements still open (a cut file).
    Truncated,
    /// A failure of the parser that has no kind here, in the parser's own words.
    Other {
        /// quick-xml's text.
        detail: String,
    },
}

impl XmlProblem {
    /// The kind of a quick-xml error.
    pub fn from_quick(e: &quick_xml::Error) -> XmlProblem {
        use quick_xml::errors::{IllFormedError as I, SyntaxError as S};
        use quick_xml::Error as E;
        match e {
            E::Syntax(s) => match s {
                S::InvalidBangMarkup => XmlProblem::InvalidMarkup,
                S::UnclosedPIOrXmlDecl => XmlProblem::UnclosedPi,
                S::UnclosedComment => XmlProblem::UnclosedComment,
                S::UnclosedDoctype => XmlProblem::UnclosedDoctype,
                S::UnclosedCData => XmlProblem::UnclosedCData,
                S::UnclosedTag => XmlProblem::UnclosedTag,
            },
            E::IllFormed(i) => match i {
                I::MissingDeclVersion(_) => XmlProblem::MissingVersion,
                I::MissingDoctypeName => XmlProblem::Doctype,
                I::MissingEndTag(_) => XmlProblem::Truncated,
                I::UnmatchedEndTag(name) => XmlProblem::UnmatchedEnd { name: name.clone() },
                I::MismatchedEndTag { expected, found } => XmlProblem::MismatchedEnd {
                    expected: expected.clone(),
                    found: found.clone(),
                },
                I::DoubleHyphenInComment => XmlProblem::DoubleHyphen,
            },
            E::InvalidAttr(a) => XmlProblem::from_attr(a),
            E::Escape(x) => XmlProblem::from_escape(x),
            other => XmlProblem::Other {
                detail: other.to_string(),
            },
        }
    }

    /// The kind of a malformed attribute.
    fn from_attr(e: &quick_xml::events::attributes::AttrError) -> XmlProblem {
        match e {
            quick_xml::events::attributes::AttrError::Duplicated(..) => {
                XmlProblem::DuplicateAttribute
            }
            _ => XmlProblem::BadAttribute,
        }
    }

    /// The kind of a reference that cannot be unescaped.
    pub fn from_escape(e: &quick_xml::escape::EscapeError) -> XmlProblem {
        use quick_xml::escape::EscapeError as X;
        match e {
            X::UnrecognizedEntity(_, name) => XmlProblem::UnknownEntity { name: name.clone() },
            X::UnterminatedEntity(_) => XmlProblem::UnterminatedEntity,
            X::InvalidCharRef(_) => XmlProblem::BadCharRef,
        }
    }
}

impl std::fmt::Display for XmlProblem {
    /// The problem in English, for logs and tests; the CLI words each kind in the user's
    /// language instead.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XmlProblem::UnclosedTag => f.write_str("a tag is never closed"),
            XmlProblem::UnclosedComment => f.write_str("a comment is never closed"),
            XmlProblem::UnclosedCData => f.write_str("a CDATA section is never closed"),
            XmlProblem::UnclosedDoctype => f.write_str("a DOCTYPE is never closed"),
            XmlProblem::UnclosedPi => f.write_str("a processing instruction is never closed"),
            XmlProblem::InvalidMarkup => f.write_str("invalid markup after <!"),
            XmlProblem::MismatchedEnd { expected, found } => {
                write!(f, "</{found}> closes <{expected}>")
            }
            XmlProblem::UnmatchedEnd { name } => write!(f, "</{name}> closes nothing"),
            XmlProblem::MissingVersion => f.write_str("the XML declaration has no version"),
            XmlProblem::DoubleHyphen => f.write_str("-- inside a comment"),
            XmlProblem::BadAttribute => f.write_str("a malformed attribute"),
            XmlProblem::DuplicateAttribute => f.write_str("an attribute given twice"),
            XmlProblem::UnknownEntity { name } => write!(f, "unknown entity &{name};"),
            XmlProblem::UnterminatedEntity => f.write_str("a reference without its ;"),
            XmlProblem::BadCharRef => f.write_str("a malformed character reference"),
            XmlProblem::ForbiddenChar { code } => {
                write!(f, "the character U+{code:04X} is not allowed in XML 1.0")
            }
            XmlProblem::ForbiddenCharRef { reference } => write!(
                f,
                "the character reference &#{reference}; names a character XML 1.0 does not allow"
            ),
            XmlProblem::Doctype => f.write_str(
                "DOCTYPE refused: only one that names an external DTD is read (and the DTD is never \
                 fetched); internal subsets and entity declarations are not",
            ),
            XmlProblem::Truncated => f.write_str("the file ends before its elements are closed"),
            XmlProblem::Other { detail } => f.write_str(detail),
        }
    }
}

/// Reading a document event by event, refusing what no puente format may hold.
pub struct XmlIn<'a> {
    text: &'a str,
    /// Where `reader` started in `text`: after a DOCTYPE whose literal holds a `>`, reading
    /// goes on from its true end.
    base: usize,
    reader: quick_xml::Reader<&'a [u8]>,
    depth: usize,
    /// Whether an element or a DOCTYPE was read: a DOCTYPE may only come once, before both.
    prolog_over: bool,
}

impl<'a> XmlIn<'a> {
    /// A reader over `text`.
    pub fn new(text: &'a str) -> XmlIn<'a> {
        // quick-xml skips a byte order mark without counting it in its positions, so the mark
        // is stepped over here and counted in `base`: every offset stays an offset into
        // `text`, on a character boundary.
        let base = if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        XmlIn {
            text,
            base,
            reader: quick_xml::Reader::from_str(&text[base..]),
            depth: 0,
            prolog_over: false,
        }
    }

    /// The byte offset reached.
    pub fn position(&self) -> usize {
        self.base + self.reader.buffer_position() as usize
    }

    /// The next event (`Eof` at the end), with the offset where it starts; problems come with
    /// the offset where they were found.
    pub fn event(&mut self) -> Result<(usize, Event<'a>), (usize, XmlProblem)> {
        let at = self.position();
        let event = self
            .reader
            .read_event()
            .map_err(|e| (self.position(), XmlProblem::from_quick(&e)))?;
        match &event {
            Event::DocType(_) => {
                // quick-xml ends a DOCTYPE at the first `>`, even inside a quoted literal
                // (`SYSTEM "a>b.dtd"`), and takes `<!doctype` in any case: the declaration is
                // read again here from the text, as XML defines it.
                let start = at + self.text[at..].find('<').unwrap_or(0);
                let raw = &self.text[start..];
                let Some(decl) = raw.strip_prefix("<!DOCTYPE") else {
                    return Err((at, XmlProblem::Doctype));
                };
                let Some(len) = doctype_len(decl.as_bytes()) else {
                    return Err((at, XmlProblem::Doctype));
                };
                let content = &decl[..len];
                if self.prolog_over || !external_only(content.as_bytes()) {
                    return Err((at, XmlProblem::Doctype));
                }
                self.prolog_over = true;
                let end = start + "<!DOCTYPE".len() + len + 1;
                if end != self.position() {
                    self.base = end;
                    self.reader = quick_xml::Reader::from_str(&self.text[end..]);
                }
                return Ok((at, Event::DocType(BytesText::from_escaped(content))));
            }
            _ => check(&event, &mut self.depth, &mut self.prolog_over).map_err(|p| (at, p))?,
        }
        Ok((at, event))
    }
}

/// What [`XmlIn`] and [`XmlStream`] both refuse in any event but a DOCTYPE: attributes that
/// are malformed, hold a forbidden character or refer to an undeclared entity; forbidden
/// characters in text and CDATA; a document that ends with elements open. Keeps `depth` (the
/// elements open) and `prolog_over` (an element was read).
fn check(event: &Event<'_>, depth: &mut usize, prolog_over: &mut bool) -> Result<(), XmlProblem> {
    match event {
        Event::Start(e) | Event::Empty(e) => {
            *prolog_over = true;
            // An attribute that refers to an undeclared entity is an error, not a value
            // quietly dropped by the callers' lookups.
            for a in e.attributes() {
                a.map_err(|e| XmlProblem::from_attr(&e)).and_then(|a| {
                    match forbidden_char(&a.value) {
                        Some(p) => Err(p),
                        None => a
                            .unescape_value()
                            .map(|_| ())
                            .map_err(|e| XmlProblem::from_quick(&e)),
                    }
                })?;
            }
            if matches!(event, Event::Start(_)) {
                *depth += 1;
            }
        }
        Event::Text(t) => {
            if let Some(p) = forbidden_char(t) {
                return Err(p);
            }
        }
        Event::CData(t) => {
            if let Some(p) = forbidden_char_raw(t) {
                return Err(p);
            }
        }
        Event::End(_) => *depth = depth.saturating_sub(1),
        Event::Eof if *depth > 0 => return Err(XmlProblem::Truncated),
        _ => {}
    }
    Ok(())
}

/// What quick-xml has consumed of a stream: how many newlines (so every event and problem
/// has its line without the text being kept) and the first bytes of the markup being read
/// (so a DOCTYPE's keyword is checked as written).
struct Counted<R> {
    inner: std::io::BufReader<R>,
    newlines: usize,
    head: Vec<u8>,
}

/// How many bytes of an event [`Counted`] keeps: `<!DOCTYPE`.
const HEAD: usize = 10;

/// The longest DOCTYPE a stream is read on for (a name and two literals).
const DOCTYPE_MAX: usize = 64 * 1024;

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        use std::io::BufRead;
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: std::io::Read> std::io::BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        let gone = &self.inner.buffer()[..n];
        self.newlines += memchr::memchr_iter(b'\n', gone).count();
        let room = HEAD.saturating_sub(self.head.len()).min(n);
        self.head.extend_from_slice(&gone[..room]);
        self.inner.consume(n);
    }
}

/// Reading a document from a stream event by event, with the same refusals as [`XmlIn`]
/// (one `check` for both) and nothing of the text kept but the event being read: a
/// memory's TMX of any size is read in the space of its longest element. Events and problems
/// come with their line. A DOCTYPE is read past its true end as in [`XmlIn`], except one
/// whose literal holds a `<` as well, which is refused.
pub struct XmlStream<R: std::io::Read> {
    reader: quick_xml::Reader<Counted<R>>,
    buf: Vec<u8>,
    depth: usize,
    /// Whether an element or a DOCTYPE was read: a DOCTYPE may only come once, before both.
    prolog_over: bool,
}

impl<R: std::io::Read> XmlStream<R> {
    /// A reader over `source` (UTF-8; a byte order mark is skipped).
    pub fn new(source: R) -> XmlStream<R> {
        XmlStream {
            reader: quick_xml::Reader::from_reader(Counted {
                inner: std::io::BufReader::with_capacity(1 << 16, source),
                newlines: 0,
                head: Vec::with_capacity(HEAD),
            }),
            buf: Vec::new(),
            depth: 0,
            prolog_over: false,
        }
    }

    /// The line reached (1-based).
    pub fn line(&self) -> usize {
        self.reader.get_ref().newlines + 1
    }

    /// The stream read from.
    pub fn source_mut(&mut self) -> &mut R {
        self.reader.get_mut().inner.get_mut()
    }

    /// The next event (`Eof` at the end), with the line where it starts; problems come with
    /// the line where they were found.
    pub fn event(&mut self) -> Result<(usize, Event<'_>), (usize, XmlProblem)> {
        let line = self.line();
        self.reader.get_mut().head.clear();
        self.buf.clear();
        let event = match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => event,
            Err(e) => {
                let at = self.reader.get_ref().newlines + 1;
                return Err((at, XmlProblem::from_quick(&e)));
            }
        };
        if let Event::DocType(t) = &event {
            let decl = t.to_vec();
            let decl =
                doctype(&mut self.reader, &mut self.prolog_over, decl).map_err(|p| (line, p))?;
            let decl = String::from_utf8_lossy(&decl).into_owned();
            return Ok((line, Event::DocType(BytesText::from_escaped(decl))));
        }
        check(&event, &mut self.depth, &mut self.prolog_over).map_err(|p| (line, p))?;
        Ok((line, event))
    }
}

/// A DOCTYPE's content in a stream, read on to its true end when quick-xml stopped at a `>`
/// inside a literal, and refused unless it only names an external DTD (as [`XmlIn`] reads
/// it).
fn doctype<R: std::io::Read>(
    reader: &mut quick_xml::Reader<Counted<R>>,
    prolog_over: &mut bool,
    mut decl: Vec<u8>,
) -> Result<Vec<u8>, XmlProblem> {
    use std::io::BufRead;
    let head = &reader.get_ref().head;
    let keyword = head.strip_prefix(b"<").unwrap_or(head);
    if !keyword.starts_with(b"!DOCTYPE") || *prolog_over {
        return Err(XmlProblem::Doctype);
    }
    loop {
        decl.push(b'>');
        match doctype_len(&decl) {
            Some(len) if len + 1 == decl.len() => break,
            Some(_) => return Err(XmlProblem::Doctype),
            None => {}
        }
        // The `>` quick-xml stopped at is inside a literal: the rest is read here, up to
        // the next `>`, from the stream quick-xml reads (so lines are still counted).
        let source = reader.get_mut();
        loop {
            let buf = source.fill_buf().map_err(|_| XmlProblem::Doctype)?;
            if buf.is_empty() {
                return Err(XmlProblem::Doctype);
            }
            match memchr::memchr(b'>', buf) {
                Some(i) => {
                    decl.extend_from_slice(&buf[..i]);
                    source.consume(i + 1);
                    break;
                }
                // No DOCTYPE that only names a DTD is this long: what runs on is not
                // kept.
                None if decl.len() > DOCTYPE_MAX => return Err(XmlProblem::Doctype),
                None => {
                    let n = buf.len();
                    decl.extend_from_slice(buf);
                    source.consume(n);
                }
            }
        }
    }
    decl.pop();
    if !external_only(&decl) {
        return Err(XmlProblem::Doctype);
    }
    *prolog_over = true;
    Ok(decl)
}

/// The length of a DOCTYPE's content (what follows `<!DOCTYPE`, up to its closing `>`): a
/// `>` inside a quoted literal or an internal subset does not close it. `None` when nothing
/// closes it.
fn doctype_len(decl: &[u8]) -> Option<usize> {
    let mut quote = None;
    let mut depth = 0usize;
    for (i, &c) in decl.iter().enumerate() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'[') => depth += 1,
            (None, b']') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// Whether a DOCTYPE's content (what follows `<!DOCTYPE`) is a name, at most an external id
/// (`SYSTEM "uri"`, `PUBLIC "id" "uri"`) and at most an empty internal subset `[ ]`.
fn external_only(decl: &[u8]) -> bool {
    let mut rest = decl.trim_ascii_start();
    let name_len = rest
        .iter()
        .position(|c| c.is_ascii_whitespace() || *c == b'[')
        .unwrap_or(rest.len());
    if name_len == 0 {
        return false;
    }
    rest = rest[name_len..].trim_ascii_start();
    let literals = if let Some(r) = rest.strip_prefix(b"SYSTEM") {
        rest = r;
        1..=1
    } else if let Some(r) = rest.strip_prefix(b"PUBLIC") {
        // A public id always comes with a system literal in a DOCTYPE (XML 1.0, ExternalID).
        rest = r;
        2..=2
    } else {
        0..=0
    };
    let mut read = 0;
    loop {
        let r = rest.trim_ascii_start();
        let Some(&quote) = r.first().filter(|q| **q == b'"' || **q == b'\'') else {
            break;
        };
        // A keyword and its literal are separated by white space.
        if r.len() == rest.len() {
            return false;
        }
        let Some(end) = r[1..].iter().position(|c| *c == quote) else {
            return false;
        };
        rest = &r[end + 2..];
        read += 1;
    }
    if !literals.contains(&read) {
        return false;
    }
    let rest = rest.trim_ascii();
    // An empty internal subset declares nothing; anything in it is refused.
    rest.is_empty()
        || (rest.first() == Some(&b'[')
            && rest.last() == Some(&b']')
            && rest[1..rest.len() - 1].trim_ascii().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` to the end: the offset and problem of the first refusal, if any.
    fn read_all(text: &str) -> Result<(), (usize, XmlProblem)> {
        let mut r = XmlIn::new(text);
        loop {
            if let (_, Event::Eof) = r.event()? {
                return Ok(());
            }
        }
    }

    /// The line and problem of the first refusal, if any.
    type Refusal = Result<(), (usize, XmlProblem)>;

    /// The line and problem of the first refusal reading `text` through [`XmlIn`], and
    /// through [`XmlStream`] fed a few bytes at a time.
    fn both(text: &str) -> (Refusal, Refusal) {
        let lines = crate::text::LineIndex::new(text);
        let whole = read_all(text).map_err(|(at, p)| (lines.line_of(at), p));
        /// A stream that gives at most three bytes a read, as a slow pipe does.
        struct Trickle<'a>(&'a [u8]);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(out.len()).min(3);
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut r = XmlStream::new(Trickle(text.as_bytes()));
        let streamed = loop {
            match r.event() {
                Ok((_, Event::Eof)) => break Ok(()),
                Ok(_) => {}
                Err(e) => break Err(e),
            }
        };
        (whole, streamed)
    }

    /// Issue 17: a stream is refused where a whole text is, with the same problem on the
    /// same line, however the stream is cut into reads.
    #[test]
    fn a_stream_is_read_as_the_whole_text_is() {
        let docs = [
            "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx>\n<a b=\"c\">x</a>\n</tmx>",
            "<!DOCTYPE xliff SYSTEM \"a>b.dtd\">\n<xliff>x</xliff>",
            "<!DOCTYPE x PUBLIC 'i>d' \"a>b\"><x/>",
            "\u{feff}<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"a>b.dtd\">\n<tmx>x</tmx>",
            "<!DOCTYPE x SYSTEM \"a>b.dtd\">\n<x>&#1;</x>",
            "<!DOCTYPE m [<!ENTITY a \"aaaa\">]><m>&a;</m>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE m SYSTEM \"m.dtd\"\n [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><m>&x;</m>",
            "<!DOCTYPE m SYSTEM><m/>",
            "<!DOCTYPE m PUBLIC \"a\" \"b\" \"c\"><m/>",
            "<!DOCTYPE><m/>",
            "\n<!doctype m SYSTEM \"a\"><m/>",
            "<!DOCTYPE m SYSTEM \"a\"><!DOCTYPE m SYSTEM \"a\"><m/>",
            "<m>\n<!DOCTYPE m SYSTEM \"a\"></m>",
            "<m>\n\n&#x1b;</m>",
            "<m>\na\u{1b}b</m>",
            "<m\n a=\"&#x1;\"/>",
            "<m><![CDATA[\n\u{7}]]></m>",
            "<m a=\"&ext;\">x</m>",
            "<tmx>\n<body></tu></tmx>",
            "<tmx>\n<body>\n<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>",
            "<a>\n<!-- x -- y -->\n</a>",
            "<a>\n<b c=\"1\" c=\"2\"/></a>",
            "<a>\n&nbsp;</a>",
            "<a>\n<b\n",
            "<a>\n\n</b>",
        ];
        for doc in docs {
            let (whole, streamed) = both(doc);
            assert_eq!(whole, streamed, "{doc:?}");
        }
        assert!(both(docs[0]).0.is_ok() && both(docs[5]).0.is_err());
    }

    #[test]
    fn utf16_documents_with_a_byte_order_mark_are_decoded() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tmx><seg>México «sí»</seg></tmx>";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(doc.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(doc.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_document(&le).as_deref(), Some(doc));
        assert_eq!(decode_document(&be).as_deref(), Some(doc));
        assert_eq!(
            decode_document(doc.as_bytes()),
            None,
            "UTF-8 bytes declared UTF-16"
        );
        let utf8 = doc.replace("UTF-16", "utf-8");
        assert_eq!(decode_document(utf8.as_bytes()).as_deref(), Some(&*utf8));
        assert_eq!(decode_document(b"<m>\xff</m>"), None);
        assert_eq!(decode_document(&le[..le.len() - 1]), None);
    }

    #[test]
    fn a_byte_order_mark_keeps_offsets_in_the_text() {
        // Found by the `xliff` fuzz target: a mark before a DOCTYPE made an offset fall inside
        // it, and slicing there panicked.
        let bom = "\u{feff}: <!DOCTYPE xliff SYSTEM \"x.dtd\" [l ]><xliff/>";
        assert!(matches!(read_all(bom), Err((_, XmlProblem::Doctype))));
        let ok = "\u{feff}<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"a>b.dtd\">\n<tmx>x</tmx>";
        assert_eq!(read_all(ok), Ok(()));
        let bad = "\u{feff}<tmx>&#x1b;</tmx>";
        let (at, _) = read_all(bad).unwrap_err();
        assert!(bad.is_char_boundary(at) && at >= 3, "{at}");
    }

    #[test]
    fn a_doctype_naming_an_external_dtd_is_read_and_nothing_else() {
        for ok in [
            "<!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">\n<martif/>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM 'tmx14.dtd'>\n<tmx/>",
            "<!DOCTYPE xliff PUBLIC \"-//XLIFF//DTD XLIFF//EN\" \"http://www.oasis-open.org/committees/xliff/documents/xliff.dtd\"><xliff/>",
            "<!DOCTYPE martif><martif/>",
            "<!DOCTYPE martif SYSTEM \"a.dtd\" [ ]><martif/>",
            // A `>` inside a literal does not end the DOCTYPE.
            "<!DOCTYPE xliff SYSTEM \"a>b.dtd\">\n<xliff>x</xliff>",
            "<!DOCTYPE x PUBLIC 'i>d' \"a>b\"><x/>",
        ] {
            assert_eq!(read_all(ok), Ok(()), "{ok}");
        }
        for bad in [
            // Internal subsets: entity declarations, bombs, external entities.
            "<!DOCTYPE m [<!ENTITY a \"aaaa\">]><m>&a;</m>",
            "<!DOCTYPE m SYSTEM \"m.dtd\" [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><m>&x;</m>",
            "<!DOCTYPE m [<!ENTITY % p SYSTEM \"http://example.com/p\"> %p;]><m/>",
            // Not an external id, or a broken one.
            "<!DOCTYPE m SYSTEM><m/>",
            "<!DOCTYPE m SYSTEM \"a.dtd\" \"b\"><m/>",
            "<!DOCTYPE m PUBLIC \"a\" \"b\" \"c\"><m/>",
            "<!DOCTYPE m SYSTEM\"a.dtd\"><m/>",
            "<!DOCTYPE m FOO \"a\"><m/>",
            "<!DOCTYPE><m/>",
            // Not well-formed: the keyword in lowercase, a public id without a system literal.
            "<!doctype m SYSTEM \"a\"><m/>",
            "<!DOCTYPE m PUBLIC \"id\"><m/>",
            // Twice, or after the root element started.
            "<!DOCTYPE m SYSTEM \"a\"><!DOCTYPE m SYSTEM \"a\"><m/>",
            "<m><!DOCTYPE m SYSTEM \"a\"></m>",
        ] {
            let got = read_all(bad);
            assert!(got.is_err(), "{bad}");
        }
        // Characters XML 1.0 forbids, raw or as references, in text and attributes.
        for bad in [
            "<m>&#x1b;</m>",
            "<m>&#xFFFE;</m>",
            "<m>&#0;</m>",
            "<m>&#7;</m>",
            "<m>a\u{1b}b</m>",
            "<m a=\"&#x1;\"/>",
            "<m><![CDATA[\u{7}]]></m>",
        ] {
            let got = read_all(bad);
            assert!(
                matches!(
                    &got,
                    Err((
                        _,
                        XmlProblem::ForbiddenChar { .. } | XmlProblem::ForbiddenCharRef { .. }
                    ))
                ),
                "{bad}: {got:?}"
            );
        }
        for ok in [
            "<m>&#x9;&#10;&#xD;&#xe9;&#x1F600;</m>",
            "<m a=\"&#x20;\">é</m>",
        ] {
            assert_eq!(read_all(ok), Ok(()), "{ok}");
        }
        // After a DOCTYPE with a `>` in its literal, reading goes on from its true end, and
        // offsets still count from the start of the text.
        let text = "<!DOCTYPE x SYSTEM \"a>b.dtd\">\n<x>&#1;</x>";
        let mut r = XmlIn::new(text);
        let mut texts = Vec::new();
        let got = loop {
            match r.event() {
                Ok((_, Event::Text(t))) => texts.push(String::from_utf8_lossy(&t).into_owned()),
                Ok((_, Event::Eof)) => break None,
                Ok(_) => {}
                Err(e) => break Some(e),
            }
        };
        assert!(texts.iter().all(|t| !t.contains("b.dtd")), "{texts:?}");
        assert_eq!(got.map(|e| e.0), Some(text.find("&#1;").unwrap()));
        // With a DOCTYPE read, an entity it might have declared is still not expanded.
        let text = "<!DOCTYPE m SYSTEM \"m.dtd\"><m a=\"&ext;\">x</m>";
        assert!(matches!(
            read_all(text),
            Err((_, XmlProblem::UnknownEntity { name })) if name == "ext"
        ));
    }
}
