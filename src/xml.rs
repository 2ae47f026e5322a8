//! XML through quick-xml, which does all the escaping. Writing: the glossary's TBX, the
//! memory's TMX and the JUnit report. Reading: XLIFF, TBX and TMX go through [`XmlIn`], which
//! refuses a DOCTYPE (no external entities, no entity expansion) and a document cut short. Pure.

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

    /// The document, ending with a newline.
    pub fn finish(self) -> String {
        let mut s =
            String::from_utf8(self.w.into_inner().into_inner()).expect("UTF-8 in, UTF-8 out");
        s.push('\n');
        s
    }
}

/// An attribute's value, unescaped, by its name as written (`xml:lang`, `id`).
pub fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// What can go wrong reading XML, before any meaning is given to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XmlProblem {
    /// The parser's own complaint.
    Syntax(String),
    /// A DOCTYPE: refused, so external entities and entity expansion never run.
    Doctype,
    /// The text ends with elements still open (a cut file).
    Truncated,
}

impl std::fmt::Display for XmlProblem {
    /// The problem in English, as the readers of TMX, TBX and XLIFF report it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XmlProblem::Syntax(m) => f.write_str(m),
            XmlProblem::Doctype => f.write_str(
                "DOCTYPE declarations are refused (no external entities, no entity expansion)",
            ),
            XmlProblem::Truncated => f.write_str("the file ends before its elements are closed"),
        }
    }
}

/// Reading a document event by event, refusing what no puente format may hold.
pub struct XmlIn<'a> {
    reader: quick_xml::Reader<&'a [u8]>,
    depth: usize,
}

impl<'a> XmlIn<'a> {
    /// A reader over `text`.
    pub fn new(text: &'a str) -> XmlIn<'a> {
        XmlIn {
            reader: quick_xml::Reader::from_str(text),
            depth: 0,
        }
    }

    /// The byte offset reached.
    pub fn position(&self) -> usize {
        self.reader.buffer_position() as usize
    }

    /// The next event (`Eof` at the end), with the offset where it starts; problems come with
    /// the offset where they were found.
    pub fn event(&mut self) -> Result<(usize, Event<'a>), (usize, XmlProblem)> {
        let at = self.position();
        let event = self
            .reader
            .read_event()
            .map_err(|e| (self.position(), XmlProblem::Syntax(e.to_string())))?;
        match &event {
            Event::DocType(_) => return Err((at, XmlProblem::Doctype)),
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Eof if self.depth > 0 => return Err((at, XmlProblem::Truncated)),
            _ => {}
        }
        Ok((at, event))
    }
}
