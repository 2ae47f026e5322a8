//! TMX 1.4b: writing a memory's units, reading them back (from puente or any tool that writes
//! TMX). Each `<tu>` has one `<tuv>` per language; puente keeps a unit's context in
//! `<prop type="x-context-prev|next">` and its origin in `<prop type="x-origin">`. A DOCTYPE
//! that names an external DTD (`tmx14.dtd`) is read past, never fetched; one with an internal
//! subset is refused, so no entity is declared or expanded. Pure.

use quick_xml::events::Event;

use super::TmUnit;
use crate::lang::Lang;
use crate::text::LineIndex;
use crate::xml::{XmlIn, XmlOut, XmlProblem};

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
/// target holds a character XML 1.0 forbids (a NUL, ESC, BEL… from a `\000` in a PO or a
/// broken MT answer). Such a character cannot be written, escaped or not, and a file holding
/// it is not XML that any tool (puente included) reads back; rather than export a broken
/// file or alter the text of a translation, the unit stays in the memory and out of the
/// export, counted so the caller can say so, as OmegaT and Okapi keep invalid characters
/// out of their TMX. A context or origin property holding one is left out alone.
pub fn write_counted(units: &[TmUnit]) -> (String, usize) {
    let xml_safe = |s: &str| s.chars().all(crate::xml::is_xml_char);
    let mut skipped = 0;
    let mut w = XmlOut::new();
    w.open("tmx", &[("version", "1.4")]);
    let srclang = units.first().map(|u| u.source_lang.code()).unwrap_or("en");
    w.empty(
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
    w.open("body", &[]);
    for u in units {
        if !xml_safe(&u.source) || !xml_safe(&u.target) {
            skipped += 1;
            continue;
        }
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
    w.close("body");
    w.close("tmx");
    (w.finish(), skipped)
}

/// Reads a TMX document's units for the pair `from` → `to` (both languages must be in a
/// `<tu>`; other languages are skipped). `origin` names the file.
pub fn read(text: &str, from: Lang, to: Lang, origin: &str) -> Result<Vec<TmUnit>, TmxError> {
    let lines = LineIndex::new(text);
    let line = |offset: usize| lines.line_of(offset);
    let mut reader = XmlIn::new(text);
    let mut out = Vec::new();
    let mut saw_root = false;
    let mut in_tu = false;
    let mut tuv_lang: Option<Lang> = None;
    let mut props: Vec<(String, String)> = Vec::new();
    let mut segs: Vec<(Lang, String)> = Vec::new();
    let mut sink: Option<String> = None; // "seg" or a prop type
    let mut buf = String::new();
    loop {
        let (at, event) = reader.event().map_err(|(offset, problem)| TmxError {
            line: line(offset),
            problem: TmxProblem::Xml(problem),
        })?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let attr = |name: &str| crate::xml::attr(&e, name);
                match e.local_name().as_ref() {
                    b"tmx" => saw_root = true,
                    b"tu" => {
                        in_tu = true;
                        props.clear();
                        segs.clear();
                    }
                    b"tuv" if in_tu => {
                        tuv_lang = attr("xml:lang")
                            .or_else(|| attr("lang"))
                            .and_then(|l| l.parse().ok());
                    }
                    b"seg" if tuv_lang.is_some() => {
                        sink = Some("seg".into());
                        buf.clear();
                    }
                    b"prop" if in_tu && tuv_lang.is_none() => {
                        sink = attr("type");
                        buf.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if sink.is_some() => {
                let piece = t.unescape().map_err(|e| TmxError {
                    line: line(at),
                    problem: TmxProblem::Xml(XmlProblem::from_quick(&e)),
                })?;
                buf.push_str(&piece);
            }
            Event::CData(c) if sink.is_some() => buf.push_str(&String::from_utf8_lossy(&c)),
            Event::End(e) => match e.local_name().as_ref() {
                b"seg" => {
                    if let (Some(_), Some(l)) = (sink.take(), tuv_lang) {
                        segs.push((l, std::mem::take(&mut buf)));
                    }
                }
                b"prop" => {
                    if let Some(kind) = sink.take() {
                        props.push((kind, std::mem::take(&mut buf)));
                    }
                }
                b"tuv" => tuv_lang = None,
                b"tu" => {
                    in_tu = false;
                    let seg = |l: Lang| segs.iter().find(|(x, _)| *x == l).map(|(_, s)| s.clone());
                    let prop = |k: &str| {
                        props
                            .iter()
                            .find(|(x, _)| x == k)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    };
                    if let (Some(source), Some(target)) = (seg(from), seg(to)) {
                        if !source.trim().is_empty() && !target.trim().is_empty() {
                            let o = prop("x-origin");
                            out.push(TmUnit {
                                source_lang: from,
                                target_lang: to,
                                source,
                                target,
                                prev: prop("x-context-prev"),
                                next: prop("x-context-next"),
                                origin: if o.is_empty() { origin.to_string() } else { o },
                            });
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    if !saw_root {
        return Err(TmxError {
            line: 1,
            problem: TmxProblem::NotTmx,
        });
    }
    Ok(out)
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
