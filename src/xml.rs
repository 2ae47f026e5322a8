//! Writing XML documents in memory through quick-xml, which does all the escaping: the
//! glossary's TBX, the memory's TMX and the JUnit report share it. Pure.

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
