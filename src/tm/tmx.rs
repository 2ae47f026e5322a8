//! TMX 1.4b: writing a memory's units, reading them back (from puente or any tool that writes
//! TMX). Each `<tu>` has one `<tuv>` per language; puente keeps a unit's context in
//! `<prop type="x-context-prev|next">` and its origin in `<prop type="x-origin">`. A DOCTYPE
//! that names an external DTD (`tmx14.dtd`) is read past, never fetched; one with an internal
//! subset is refused, so no entity is declared or expanded. Both ways go a unit at a time
//! ([`Writer`], [`Reader`]), so a memory of any size is written and read in bounded space.
//! Pure: it reads from and writes to what it is handed.

use quick_xml::events::Event;

use super::TmUnit;
use crate::lang::Lang;
use crate::xml::{XmlOut, XmlProblem, XmlStream};

/// Why a TMX file could not be read: the line and what.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct TmxError {
    /// 1-based line.
    pub line: usize,
    /// What went wrong (the CLI words it in the user's language).
    pub problem: TmxProblem,
}

/// What makes a TMX file unreadable.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TmxProblem {
    /// The XML itself.
    #[error("{0}")]
    Xml(XmlProblem),
    /// No `<tmx>` element.
    #[error("not a TMX document (no <tmx> element)")]
    NotTmx,
}

/// The units as a TMX 1.4b document (`srclang` is the first unit's source language). Units
/// that XML 1.0 cannot carry are left out: see [`write_counted`].
pub fn write(units: &[TmUnit]) -> String {
    write_counted(units).0
}

/// The units as a TMX 1.4b document, and how many were left out because their source or
/// target holds a character XML 1.0 forbids (see [`Writer`]).
pub fn write_counted(units: &[TmUnit]) -> (String, usize) {
    let mut w = Writer::new();
    for u in units {
        w.unit(u);
    }
    let skipped = w.skipped();
    (w.finish(), skipped)
}

/// A TMX 1.4b document written a unit at a time and handed over in pieces ([`Writer::take`]),
/// so a memory of any size is exported in the space of a page of it; the pieces together are
/// the document [`write`] makes of the same units.
///
/// A unit whose source or target holds a character XML 1.0 forbids (a NUL, ESC, BEL… from a
/// `\000` in a PO or a broken MT answer) is left out and counted: such a character cannot be
/// written, escaped or not, and a file holding it is not XML that any tool (puente included)
/// reads back; rather than export a broken file or alter the text of a translation, the unit
/// stays in the memory and out of the export, as OmegaT and Okapi keep invalid characters out
/// of their TMX. A context or origin property holding one is left out alone.
pub struct Writer {
    w: XmlOut,
    /// Whether the header is written: it names the first unit's source language (`srclang`).
    started: bool,
    written: usize,
    skipped: usize,
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

impl Writer {
    /// A new document.
    pub fn new() -> Writer {
        let mut w = XmlOut::new();
        w.open("tmx", &[("version", "1.4")]);
        Writer {
            w,
            started: false,
            written: 0,
            skipped: 0,
        }
    }

    /// The header and `<body>`, once, with `srclang` the first unit's (English without one).
    fn start(&mut self, srclang: &str) {
        if self.started {
            return;
        }
        self.started = true;
        self.w.empty(
            "header",
            &[
                ("creationtool", "puente"),
                ("creationtoolversion", env!("CARGO_PKG_VERSION")),
                ("datatype", "plaintext"),
                ("segtype", "sentence"),
                ("adminlang", "en"),
                ("srclang", srclang),
                ("o-tmf", "puente"),
            ],
        );
        self.w.open("body", &[]);
    }

    /// Adds one unit (or counts it left out).
    pub fn unit(&mut self, u: &TmUnit) {
        let xml_safe = |s: &str| s.chars().all(crate::xml::is_xml_char);
        self.start(u.source_lang.code());
        if !xml_safe(&u.source) || !xml_safe(&u.target) {
            self.skipped += 1;
            return;
        }
        self.written += 1;
        let w = &mut self.w;
        w.open("tu", &[]);
        for (kind, value) in [
            ("x-context-prev", &u.prev),
            ("x-context-next", &u.next),
            ("x-origin", &u.origin),
        ] {
            if !value.is_empty() && xml_safe(value) {
                w.element("prop", &[("type", kind)], value);
            }
        }
        for (lang, seg) in [(u.source_lang, &u.source), (u.target_lang, &u.target)] {
            w.open("tuv", &[("xml:lang", lang.code())]);
            w.element("seg", &[], seg);
            w.close("tuv");
        }
        w.close("tu");
    }

    /// Units written so far.
    pub fn written(&self) -> usize {
        self.written
    }

    /// Units left out so far, because XML 1.0 cannot carry them.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// What was written since the start or the last `take`.
    pub fn take(&mut self) -> String {
        self.w.take()
    }

    /// The rest of the document.
    pub fn finish(mut self) -> String {
        self.start("en");
        self.w.close("body");
        self.w.close("tmx");
        self.w.finish()
    }
}

/// Reads a TMX document's units for the pair `from` → `to` (both languages must be in a
/// `<tu>`; other languages are skipped). `origin` names the file.
pub fn read(text: &str, from: Lang, to: Lang, origin: &str) -> Result<Vec<TmUnit>, TmxError> {
    let mut reader = Reader::new(text.as_bytes(), from, to, origin);
    let mut out = Vec::new();
    while let Some(u) = reader.next_unit()? {
        out.push(u);
    }
    Ok(out)
}

/// A TMX document read from a stream a unit at a time ([`Reader::next_unit`]): what is kept
/// is the unit being read, never the document, so a memory's TMX of any size is imported in
/// bounded space. A document without a `<tmx>` element is refused at its end; units met
/// before that element wait for it, so none is given from a document that is then refused.
pub struct Reader<R: std::io::Read> {
    xml: XmlStream<R>,
    from: Lang,
    to: Lang,
    origin: String,
    saw_root: bool,
    in_tu: bool,
    tuv_lang: Option<Lang>,
    props: Vec<(String, String)>,
    segs: Vec<(Lang, String)>,
    /// Where text goes: `"seg"` or a prop's type.
    sink: Option<String>,
    buf: String,
    /// Units read before the `<tmx>` element (none in a TMX file).
    waiting: std::collections::VecDeque<TmUnit>,
}

impl<R: std::io::Read> Reader<R> {
    /// A reader of the units for `from` → `to` in `source`; `origin` names the file.
    pub fn new(source: R, from: Lang, to: Lang, origin: &str) -> Reader<R> {
        Reader {
            xml: XmlStream::new(source),
            from,
            to,
            origin: origin.to_string(),
            saw_root: false,
            in_tu: false,
            tuv_lang: None,
            props: Vec::new(),
            segs: Vec::new(),
            sink: None,
            buf: String::new(),
            waiting: std::collections::VecDeque::new(),
        }
    }

    /// The stream read from (to ask it why it stopped).
    pub fn source_mut(&mut self) -> &mut R {
        self.xml.source_mut()
    }

    /// The next unit for the pair, `None` at the end of the document.
    pub fn next_unit(&mut self) -> Result<Option<TmUnit>, TmxError> {
        loop {
            if self.saw_root {
                if let Some(u) = self.waiting.pop_front() {
                    return Ok(Some(u));
                }
            }
            let xml_error = |(line, problem)| TmxError {
                line,
                problem: TmxProblem::Xml(problem),
            };
            let (line, event) = self.xml.event().map_err(xml_error)?;
            match event {
                Event::Eof => {
                    if !self.saw_root {
                        return Err(TmxError {
                            line: 1,
                            problem: TmxProblem::NotTmx,
                        });
                    }
                    return Ok(None);
                }
                Event::Start(e) => {
                    let attr = |name: &str| crate::xml::attr(&e, name);
                    match e.local_name().as_ref() {
                        b"tmx" => self.saw_root = true,
                        b"tu" => {
                            self.in_tu = true;
                            self.props.clear();
                            self.segs.clear();
                        }
                        b"tuv" if self.in_tu => {
                            self.tuv_lang = attr("xml:lang")
                                .or_else(|| attr("lang"))
                                .and_then(|l| l.parse().ok());
                        }
                        b"seg" if self.tuv_lang.is_some() => {
                            self.sink = Some("seg".into());
                            self.buf.clear();
                        }
                        b"prop" if self.in_tu && self.tuv_lang.is_none() => {
                            self.sink = attr("type");
                            self.buf.clear();
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if self.sink.is_some() => {
                    let piece = t.unescape().map_err(|e| TmxError {
                        line,
                        problem: TmxProblem::Xml(XmlProblem::from_quick(&e)),
                    })?;
                    self.buf.push_str(&piece);
                }
                Event::CData(c) if self.sink.is_some() => {
                    self.buf.push_str(&String::from_utf8_lossy(&c))
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"seg" => {
                        if let (Some(_), Some(l)) = (self.sink.take(), self.tuv_lang) {
                            self.segs.push((l, std::mem::take(&mut self.buf)));
                        }
                    }
                    b"prop" => {
                        if let Some(kind) = self.sink.take() {
                            self.props.push((kind, std::mem::take(&mut self.buf)));
                        }
                    }
                    b"tuv" => self.tuv_lang = None,
                    b"tu" => {
                        self.in_tu = false;
                        if let Some(u) = self.unit() {
                            if self.saw_root {
                                return Ok(Some(u));
                            }
                            self.waiting.push_back(u);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }

    /// The unit the `<tu>` just read gives for the pair, if it has both languages' text.
    fn unit(&mut self) -> Option<TmUnit> {
        let seg = |l: Lang| {
            self.segs
                .iter()
                .find(|(x, _)| *x == l)
                .map(|(_, s)| s.clone())
        };
        let prop = |k: &str| {
            self.props
                .iter()
                .find(|(x, _)| x == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let (source, target) = (seg(self.from)?, seg(self.to)?);
        if source.trim().is_empty() || target.trim().is_empty() {
            return None;
        }
        let o = prop("x-origin");
        Some(TmUnit {
            source_lang: self.from,
            target_lang: self.to,
            source,
            target,
            prev: prop("x-context-prev"),
            next: prop("x-context-next"),
            origin: if o.is_empty() { self.origin.clone() } else { o },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(s: &str, t: &str) -> TmUnit {
        TmUnit {
            source_lang: Lang::En,
            target_lang: Lang::Es,
            source: s.into(),
            target: t.into(),
            prev: "Before <this> & that.".into(),
            next: String::new(),
            origin: "a.po".into(),
        }
    }

    #[test]
    fn write_then_read_loses_nothing() {
        let units = vec![
            unit("The cartels “grew”.", "Los cárteles «crecieron»."),
            unit("A {1} link.", "Un enlace {1}."),
        ];
        let tmx = write(&units);
        assert_eq!(read(&tmx, Lang::En, Lang::Es, "x.tmx").unwrap(), units);
        // The other direction reads the same units the other way round.
        let back = read(&tmx, Lang::Es, Lang::En, "x.tmx").unwrap();
        assert_eq!(back[0].source, "Los cárteles «crecieron».");
    }

    #[test]
    fn a_doctype_naming_the_tmx_dtd_is_read() {
        let units = vec![unit("The cartels grew.", "Los cárteles crecieron.")];
        let tmx = write(&units).replacen("?>\n", "?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n", 1);
        assert_eq!(read(&tmx, Lang::En, Lang::Es, "x.tmx").unwrap(), units);
        // An internal subset after the external id is still refused.
        let tmx = tmx.replace("\"tmx14.dtd\">", "\"tmx14.dtd\" [<!ENTITY a \"b\">]>");
        assert_eq!(read(&tmx, Lang::En, Lang::Es, "x.tmx").unwrap_err().line, 2);
    }

    #[test]
    fn hostile_and_broken_files_are_refused() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY a \"aaaa\">]>\n<tmx>&a;</tmx>";
        let e = read(bomb, Lang::En, Lang::Es, "b.tmx").unwrap_err();
        assert_eq!(e.line, 2);
        let e = read("<tmx>\n<body></tu></tmx>", Lang::En, Lang::Es, "c.tmx").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(read("not xml", Lang::En, Lang::Es, "n.tmx").is_err());
        // A cut file is an error, not a memory with its last units missing.
        let cut = "<tmx>\n<body><tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>";
        let e = read(cut, Lang::En, Lang::Es, "cut.tmx").unwrap_err();
        assert_eq!(e.problem, TmxProblem::Xml(XmlProblem::Truncated), "{e}");
    }

    /// Issue 11: a unit holding a character XML 1.0 forbids is left out and counted, so the
    /// export stays XML that puente and xmllint read back; a character reference to one is
    /// refused on import with its line.
    #[test]
    fn units_xml_cannot_carry_are_left_out_of_the_export() {
        let mut ctx = unit("Fine.", "Bien.");
        ctx.prev = "a\u{7}bell".into();
        let units = vec![
            unit("Analysis", "AN\0ÁLISIS"),
            unit("Hello world.", "\u{1b}[31mHola\u{7} mundo\u{b}."),
            ctx.clone(),
        ];
        let (tmx, skipped) = write_counted(&units);
        assert_eq!(skipped, 2);
        assert!(tmx.chars().all(crate::xml::is_xml_char), "{tmx:?}");
        let back = read(&tmx, Lang::En, Lang::Es, "x.tmx").unwrap();
        ctx.prev.clear();
        assert_eq!(back, vec![ctx]);
        let bad = "<tmx>\n<body><tu><tuv xml:lang=\"en\"><seg>a</seg></tuv>\n<tuv xml:lang=\"es\"><seg>&#x1b;[2J</seg></tuv></tu></body></tmx>";
        let e = read(bad, Lang::En, Lang::Es, "x.tmx").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(
            matches!(
                e.problem,
                TmxProblem::Xml(XmlProblem::ForbiddenCharRef { .. })
            ),
            "{e}"
        );
    }
}
