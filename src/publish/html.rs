//! The HTML pages of a story: each edition on its own, and both side by side. Templates are
//! maud's (every value escaped by maud). A Markdown article's body is rendered by
//! pulldown-cmark as CommonMark would (blockquotes, ordered lists and their start, nested
//! lists, emphasis anywhere, code), its renderer escaping text and attributes, after raw HTML
//! has been turned into text, images into their description (no external resources) and links
//! with a scheme other than http, https, mailto or tel into plain text; the bilingual page
//! renders each body block the same way with its own markers (`> `, `3. `), the header in the
//! editions' order (kicker, headline, dek). Nothing is escaped by hand. Pure.
//!
//! A draft is a review page: in the target text every sentence that is not a reviewed
//! translation is marked by where its text came from (machine translation, a memory match,
//! unreviewed, untranslated: the source shown, in its language), each with its own underline,
//! a `title` and a label for screen readers; a legend names the marks; each `check` finding
//! follows its sentence's block in an `<aside>` the sentence points at
//! (`aria-describedby`). A Markdown body is one document, so its sentences are found by
//! putting two punctuation characters the text does not hold around each marked segment
//! before pulldown-cmark parses it, and turning them into `<span>`s in its events, one per
//! run of text, so that marks always nest inside emphasis and links. A final edition has no
//! mark at all.

use std::collections::HashMap;
use std::ops::Range;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{Chrome, Origin, Pair, ReviewNote, Story};
use crate::article::BlockKind;
use crate::lang::Lang;

/// One stylesheet for every page: readable on a phone, two columns on a wide screen for the
/// bilingual edition, clean on paper.
const CSS: &str = r#"
:root { color-scheme: light; --ink: #1a1a1a; --muted: #5b5b5b; --rule: #d8d8d8; --accent: #9b1c1c; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 1.125rem/1.6 Georgia, "Times New Roman", serif; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
main.bilingual { max-width: 76rem; }
nav { font: 0.9rem/1.4 system-ui, sans-serif; max-width: 76rem; margin: 0 auto; padding: 0.75rem 1.25rem; border-bottom: 1px solid var(--rule); }
nav a { color: var(--accent); }
.kicker { font: 700 0.8rem/1.2 system-ui, sans-serif; letter-spacing: 0.08em; text-transform: uppercase; color: var(--accent); margin: 1.5rem 0 0.25rem; }
header { margin-bottom: 1.25rem; }
h1 { font-size: 2rem; line-height: 1.15; margin: 0.25rem 0 0.75rem; }
h2 { font-size: 1.35rem; line-height: 1.25; margin: 2rem 0 0.5rem; }
h3, h4, h5, h6 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
.dek { font-size: 1.25rem; color: var(--muted); margin: 0 0 1rem; }
.meta, .notice { font: 0.9rem/1.4 system-ui, sans-serif; color: var(--muted); margin: 0.25rem 0; }
.notice { font-style: italic; }
p { margin: 0 0 1rem; }
a { color: var(--accent); }
aside { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--rule); font-family: system-ui, sans-serif; }
aside h2 { font-size: 1rem; text-transform: uppercase; letter-spacing: 0.06em; margin-top: 0; }
.draft { background: #fff3cd; color: #5c3c00; border-bottom: 2px solid #e0a800; font: 700 1rem/1.4 system-ui, sans-serif; padding: 0.75rem 1.25rem; text-align: center; }
/* Review marks (drafts): each kind its own underline, so that colour is never the only cue. */
.rv { text-decoration-skip-ink: none; text-underline-offset: 0.22em; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.rv-machine { background: #fff1e0; text-decoration: underline wavy #b45309 1.5px; }
.rv-memory { background: #e8f0fe; text-decoration: underline dashed #1d4ed8 2px; }
.rv-unreviewed { background: #f3e8ff; text-decoration: underline dotted #7e22ce 2.5px; }
.rv-untranslated { background: repeating-linear-gradient(135deg, #fde2e2 0 6px, #fff 6px 9px); text-decoration: underline double #b91c1c; font-style: italic; }
.rv-noted { border-bottom: 3px solid #b91c1c; padding-bottom: 1px; }
.rv-noted::after { content: "\2691"; font: 700 0.7em/1 system-ui, sans-serif; color: #b91c1c; vertical-align: super; margin-left: 0.1em; }
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.legend { font: 0.85rem/1.5 system-ui, sans-serif; background: #fffdf5; border-bottom: 1px solid #e0a800; padding: 0.5rem 1.25rem; text-align: center; }
.legend ul { display: inline; list-style: none; margin: 0; padding: 0; }
.legend li { display: inline-block; margin: 0.15rem 0 0.15rem 0.9rem; }
aside.finding { font: 0.9rem/1.45 system-ui, sans-serif; margin: -0.5rem 0 1rem; padding: 0.5rem 0.75rem; border: 0; border-left: 4px solid #b91c1c; background: #fef2f2; }
aside.finding p { margin: 0; }
aside.finding code { font-weight: 700; }
.finding-message[data-severity="warning"] code { color: #92400e; }
.finding-message[data-severity="error"] code { color: #b91c1c; }
.finding-hint { color: var(--muted); }
.finding-hint::before { content: "\2192\00a0"; }
li > aside.finding { margin: 0.25rem 0 0.5rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2.5rem; align-items: start; border-bottom: 1px solid #f0f0f0; }
.pair > div { min-width: 0; }
.pair > div > :first-child { margin-top: 0.75rem; }
.labels { font: 700 0.8rem/1.2 system-ui, sans-serif; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); border-bottom: 2px solid var(--rule); }
@media (max-width: 48rem) {
  body { font-size: 1.05rem; }
  h1 { font-size: 1.6rem; }
  .pair { grid-template-columns: 1fr; }
  .pair > div + div { border-top: 1px dashed var(--rule); }
  .labels { display: none; }
  .legend { font-size: 0.8rem; padding: 0.4rem 0.75rem; }
  .legend li { margin-left: 0.6rem; }
  /* Stacked, each block says its language. */
  .pair > div[lang]:not(:empty)::before { content: attr(lang); display: block; margin-top: 0.6rem; font: 700 0.7rem/1.2 system-ui, sans-serif; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); }
}
@media print {
  nav { display: none; }
  body { font-size: 11pt; }
  main, main.bilingual { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .pair { break-inside: avoid; }
  .rv { background: none; }
}
"#;

/// Whether a link destination is safe to keep: http, https, mailto, tel, or relative.
/// Browsers ignore tabs, newlines and leading spaces in a URL, and so does the parser.
pub fn safe_url(dest: &str) -> bool {
    match url::Url::parse(dest) {
        Ok(u) => matches!(u.scheme(), "http" | "https" | "mailto" | "tel"),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// A block's inline Markdown as it is parsed: when it would parse as anything but one
/// paragraph (a `#`, `>`, `- ` or `1.` at its start), its first character is escaped so that it
/// stays text; emphasis or a link at its start (`*Ana*`) is left as it is. Also returns where
/// the backslash went, if one did.
fn inline_source(text: &str) -> (String, Option<usize>) {
    if one_paragraph(text) {
        return (text.to_string(), None);
    }
    let first = text.trim_start();
    let lead = text.len() - first.len();
    let digits = first.bytes().take_while(u8::is_ascii_digit).count();
    let at = match first.as_bytes().first() {
        Some(b'#' | b'>' | b'-' | b'+' | b'*' | b'_' | b'=' | b'|' | b'`' | b'~') => lead,
        Some(b'0'..=b'9') if matches!(first.as_bytes().get(digits), Some(b'.' | b')')) => {
            lead + digits
        }
        _ => return (text.to_string(), None),
    };
    let mut src = String::with_capacity(text.len() + 1);
    src.push_str(&text[..at]);
    src.push('\\');
    src.push_str(&text[at..]);
    (src, Some(at))
}

/// Whether `text` parses as a single paragraph and nothing else.
fn one_paragraph(text: &str) -> bool {
    let mut depth = 0usize;
    let mut blocks = 0usize;
    for e in Parser::new_ext(text, options()) {
        match e {
            Event::Start(t) => {
                if depth == 0 {
                    blocks += 1;
                    if !matches!(t, Tag::Paragraph) {
                        return false;
                    }
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule | Event::Html(_) if depth == 0 => return false,
            _ => {}
        }
    }
    blocks == 1
}

/// The Markdown extensions puente reads in an article (the article parser's own).
fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}

/// puente's safety rules over pulldown-cmark's events: raw HTML becomes text, a link with an
/// unsafe destination keeps only its text, and an image gives only its description (it would
/// load from elsewhere). Everything else passes, to be escaped by pulldown-cmark's renderer.
fn safe<'a, R>(
    events: impl Iterator<Item = (Event<'a>, R)>,
) -> impl Iterator<Item = (Event<'a>, R)> {
    let mut dropped_links: Vec<bool> = Vec::new();
    events.filter_map(move |(e, r)| {
        let e = match e {
            Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = safe_url(&dest_url);
                dropped_links.push(!keep);
                keep.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => {
                let dropped = dropped_links.pop().unwrap_or(false);
                (!dropped).then_some(Event::End(TagEnd::Link))
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            other => Some(other),
        };
        e.map(|e| (e, r))
    })
}

/// Block structure inside a block's text is not the page's: its inline events only.
fn inline_events<'a>(src: &'a str) -> impl Iterator<Item = Event<'a>> {
    safe(Parser::new_ext(src, options()).map(|e| (e, ()))).filter_map(|(e, ())| match e {
        Event::Start(
            Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::List(_)
            | Tag::Item
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock,
        ) => None,
        Event::End(
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock,
        ) => None,
        other => Some(other),
    })
}

/// What a draft's review marks are made of: where each segment's text came from, the
/// findings on it, and the words for them (the chrome of the language the marked text is
/// in). A final edition has none.
struct Review<'a> {
    origins: HashMap<&'a str, Origin>,
    notes: HashMap<&'a str, Vec<&'a ReviewNote>>,
    chrome: &'a Chrome,
    source: Lang,
    target: Lang,
}

impl<'a> Review<'a> {
    /// The review of a draft, labelled with `chrome`; `None` for a final edition.
    fn of(story: &'a Story, chrome: &'a Chrome) -> Option<Review<'a>> {
        if !story.draft {
            return None;
        }
        let mut notes: HashMap<&str, Vec<&ReviewNote>> = HashMap::new();
        for n in &story.notes {
            notes.entry(n.segment.as_str()).or_default().push(n);
        }
        Some(Review {
            origins: story
                .segments
                .iter()
                .map(|s| (s.id.as_str(), s.origin))
                .collect(),
            notes,
            chrome,
            source: story.source_lang,
            target: story.target_lang,
        })
    }

    fn origin(&self, segment: &str) -> Origin {
        self.origins
            .get(segment)
            .copied()
            .unwrap_or(Origin::Reviewed)
    }

    /// The segments among `spans` that carry a mark: not reviewed, or found at fault.
    fn pick<'s>(&self, spans: &'s [(String, Range<usize>)]) -> Vec<(&'s str, Range<usize>)> {
        spans
            .iter()
            .filter(|(id, _)| {
                self.origin(id) != Origin::Reviewed || self.notes.contains_key(id.as_str())
            })
            .map(|(id, r)| (id.as_str(), r.clone()))
            .collect()
    }
}

/// The class and the label of a segment's mark (no label for a reviewed one).
fn mark(origin: Origin, chrome: &Chrome) -> (&'static str, &str) {
    match origin {
        Origin::Machine => ("rv rv-machine", &chrome.machine),
        Origin::Memory => ("rv rv-memory", &chrome.memory),
        Origin::Unreviewed => ("rv rv-unreviewed", &chrome.unreviewed),
        Origin::Untranslated => ("rv rv-untranslated", &chrome.untranslated),
        Origin::Reviewed => ("rv", ""),
    }
}

fn note_id(segment: &str) -> String {
    format!("finding-{segment}")
}

/// One run of a marked segment's text (a segment cut by emphasis or a link is several runs,
/// so that elements always nest). The first run carries the segment's id, a label for screen
/// readers and the link to its findings.
fn fragment(review: &Review, segment: &str, first: bool, inner: String) -> String {
    let origin = review.origin(segment);
    let (class, label) = mark(origin, review.chrome);
    let noted = review.notes.contains_key(segment);
    let class = if noted {
        format!("{class} rv-noted")
    } else {
        class.to_string()
    };
    // Untranslated text is the source: screen readers should read it in that language.
    let lang = (origin == Origin::Untranslated).then(|| review.source.code());
    let title = (!label.is_empty()).then_some(label);
    html! {
        span class=(class)
            id=[first.then(|| format!("seg-{segment}"))]
            title=[title]
            lang=[lang]
            aria-describedby=[(first && noted).then(|| note_id(segment))] {
            @if let (true, Some(label)) = (first, title) {
                span.vh lang=[lang.map(|_| review.target.code())] { (label) ": " }
            }
            (PreEscaped(inner))
        }
    }
    .into_string()
}

/// The findings on one segment, to show right after its sentence's block.
fn findings(review: &Review, segment: &str) -> Markup {
    let notes = review.notes.get(segment).map_or(&[][..], Vec::as_slice);
    html! {
        aside.finding id=(note_id(segment)) aria-label=(review.chrome.finding)
            lang=[Some(&review.chrome.findings_lang).filter(|l| !l.is_empty())] {
            @for n in notes {
                p.finding-message data-severity=(n.severity) {
                    code { (n.rule) } " " (n.message)
                }
                @if !n.hint.is_empty() {
                    p.finding-hint { (n.hint) }
                }
            }
        }
    }
}

/// The segment markers in a text: two punctuation characters the text does not hold, so
/// that nothing an author writes can pass for one, and that emphasis beside a segment's edge
/// parses as it would beside the space or line end that was there (CommonMark treats
/// punctuation and whitespace alike there); `ids` are the marked segments in text order.
struct Sentinels {
    open: char,
    close: char,
    ids: Vec<String>,
}

/// `src` with each of `spans` between the two sentinels. `None` when there is nothing to
/// mark (or, absurdly, when the text holds every candidate character).
fn with_sentinels(src: &str, spans: &[(&str, Range<usize>)]) -> Option<(String, Sentinels)> {
    if spans.is_empty() {
        return None;
    }
    // U+2E00 to U+2E2E, the Supplemental Punctuation block's first run: all punctuation.
    let mut free = ('\u{2E00}'..='\u{2E2E}').filter(|c| !src.contains(*c));
    let (open, close) = (free.next()?, free.next()?);
    let mut sorted = spans.to_vec();
    sorted.sort_by_key(|(_, r)| r.start);
    let mut out = String::with_capacity(src.len() + 6 * spans.len());
    let mut ids = Vec::with_capacity(spans.len());
    let mut at = 0;
    for (id, r) in sorted {
        let fits = at <= r.start
            && r.start <= r.end
            && src.is_char_boundary(r.start)
            && src.is_char_boundary(r.end);
        if !fits {
            continue;
        }
        out.push_str(&src[at..r.start]);
        out.push(open);
        out.push_str(&src[r.clone()]);
        out.push(close);
        at = r.end;
        ids.push(id.to_string());
    }
    out.push_str(&src[at..]);
    Some((out, Sentinels { open, close, ids }))
}

/// Turns the sentinels in a stream of events into review marks: each run of a marked
/// segment's text becomes a `<span>` (rendered by maud around pulldown-cmark's own rendering
/// of the run), and the segment's findings follow the block that holds it, placed where a
/// block may stand (after a paragraph or a heading, at the end of a list item's text).
struct Marker<'r, 'e> {
    review: &'r Review<'r>,
    sentinels: &'r Sentinels,
    out: Vec<Event<'e>>,
    /// The open run of the current segment.
    run: Vec<Event<'e>>,
    /// The index of the next segment to open.
    next: usize,
    current: Option<usize>,
    /// Whether the current segment's first run is written.
    started: bool,
    /// Segments whose findings wait for the end of their block.
    notes: Vec<usize>,
}

impl<'r, 'e> Marker<'r, 'e> {
    fn new(review: &'r Review<'r>, sentinels: &'r Sentinels) -> Self {
        Marker {
            review,
            sentinels,
            out: Vec::new(),
            run: Vec::new(),
            next: 0,
            current: None,
            started: false,
            notes: Vec::new(),
        }
    }

    fn push(&mut self, e: Event<'e>) {
        match e {
            Event::Text(t) => self.text(t, false),
            Event::Code(t) => self.text(t, true),
            Event::SoftBreak | Event::HardBreak => self.content(e),
            Event::Start(tag) => {
                self.close_run();
                if !matches!(
                    tag,
                    Tag::Item
                        | Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                ) {
                    self.flush_notes();
                }
                self.out.push(Event::Start(tag));
            }
            Event::End(tag) => {
                self.close_run();
                let after = matches!(
                    tag,
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock
                );
                if matches!(tag, TagEnd::Item | TagEnd::BlockQuote(_)) {
                    self.flush_notes();
                }
                self.out.push(Event::End(tag));
                if after {
                    self.flush_notes();
                }
            }
            other => {
                self.close_run();
                self.out.push(other);
            }
        }
    }

    /// An event the page leaves out (the body's headline, shown in the header): its
    /// segments are counted, not shown.
    fn skip(&mut self, e: &Event<'e>) {
        if let Event::Text(t) | Event::Code(t) = e {
            self.next += t.matches(self.sentinels.open).count();
        }
    }

    fn text(&mut self, t: CowStr<'e>, code: bool) {
        let (open, close) = (self.sentinels.open, self.sentinels.close);
        if !t.contains([open, close]) {
            self.content(if code { Event::Code(t) } else { Event::Text(t) });
            return;
        }
        if code {
            // A code span cannot be cut: a segment edge inside one (a segmenter's slip)
            // goes around it.
            let bare: String = t.chars().filter(|c| *c != open && *c != close).collect();
            for _ in 0..t.matches(open).count() {
                self.open();
            }
            self.content(Event::Code(bare.into()));
            for _ in 0..t.matches(close).count() {
                self.close();
            }
            return;
        }
        let mut rest: &str = &t;
        while let Some(i) = rest.find([open, close]) {
            if i > 0 {
                self.content(Event::Text(rest[..i].to_string().into()));
            }
            let c = rest[i..].chars().next().unwrap_or(open);
            if c == open {
                self.open();
            } else {
                self.close();
            }
            rest = &rest[i + c.len_utf8()..];
        }
        if !rest.is_empty() {
            self.content(Event::Text(rest.to_string().into()));
        }
    }

    fn content(&mut self, e: Event<'e>) {
        if self.current.is_some() {
            self.run.push(e);
        } else {
            self.out.push(e);
        }
    }

    fn open(&mut self) {
        self.close_run();
        self.current = (self.next < self.sentinels.ids.len()).then_some(self.next);
        self.next += 1;
        self.started = false;
    }

    fn close(&mut self) {
        self.close_run();
        if let Some(k) = self.current.take() {
            if self
                .review
                .notes
                .contains_key(self.sentinels.ids[k].as_str())
            {
                self.notes.push(k);
            }
        }
    }

    fn close_run(&mut self) {
        let Some(k) = self.current else { return };
        if self.run.is_empty() {
            return;
        }
        let mut inner = String::new();
        pulldown_cmark::html::push_html(&mut inner, self.run.drain(..));
        let span = fragment(self.review, &self.sentinels.ids[k], !self.started, inner);
        self.out.push(Event::InlineHtml(span.into()));
        self.started = true;
    }

    fn flush_notes(&mut self) {
        for k in std::mem::take(&mut self.notes) {
            let mut aside = findings(self.review, &self.sentinels.ids[k]).into_string();
            aside.push('\n');
            self.out.push(Event::Html(aside.into()));
        }
    }

    /// The HTML, and the segments whose findings found no block end to follow.
    fn finish(mut self) -> (String, Vec<String>) {
        self.close_run();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, self.out.into_iter());
        let left = self
            .notes
            .iter()
            .map(|&k| self.sentinels.ids[k].clone())
            .collect();
        (html, left)
    }
}

/// The findings of `segments`, one after the other.
fn findings_of(review: Option<&Review>, segments: &[String]) -> Markup {
    html! {
        @if let Some(r) = review {
            @for s in segments {
                (findings(r, s))
            }
        }
    }
}

/// A piece of Markdown as HTML, its block structure kept (a blockquote, an ordered list and
/// its start number, nested lists, code), under puente's safety rules; level-1 headings are
/// left out when `skip_h1` (the page's header shows the headline). With a review (a draft's
/// target), the marked segments among `spans` (byte ranges of `src`) are marked and their
/// findings follow their blocks.
fn markdown(
    src: &str,
    skip_h1: bool,
    spans: &[(&str, Range<usize>)],
    review: Option<&Review>,
) -> String {
    let picked = review.and_then(|r| {
        let spans: Vec<(&str, Range<usize>)> = spans
            .iter()
            .filter(|(id, _)| r.origin(id) != Origin::Reviewed || r.notes.contains_key(id))
            .cloned()
            .collect();
        with_sentinels(src, &spans).map(|(text, s)| (r, text, s))
    });
    let text = picked.as_ref().map_or(src, |(_, t, _)| t.as_str());
    let events = safe(Parser::new_ext(text, options()).map(|e| (e, ()))).map(|(e, ())| e);
    let mut skipping = false;
    let mut keep = |e: &Event| -> bool {
        match e {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if skip_h1 => skipping = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if skipping => {
                skipping = false;
                return false;
            }
            _ => {}
        }
        !skipping
    };
    let Some((review, _, sentinels)) = &picked else {
        let mut out = String::with_capacity(src.len() + src.len() / 4);
        pulldown_cmark::html::push_html(&mut out, events.filter(|e| keep(e)));
        return out;
    };
    let mut marker = Marker::new(review, sentinels);
    for e in events {
        if keep(&e) {
            marker.push(e);
        } else {
            marker.skip(&e);
        }
    }
    let (mut html, left) = marker.finish();
    html.push_str(&findings_of(Some(review), &left).into_string());
    html
}

/// A block's text as HTML: Markdown rendered (escaped by pulldown-cmark), or plain text
/// (escaped by maud, or by pulldown-cmark when marked); and, with a review (a draft's
/// target), its marked segments and the findings to show after the block.
fn inline(pair: &Pair, target: bool, review: Option<&Review>) -> (Markup, Vec<String>) {
    let t = if target { &pair.target } else { &pair.source };
    let review = review.filter(|_| target);
    let spans = review
        .map(|r| r.pick(&pair.target_segments))
        .unwrap_or_default();
    let (src, escaped) = if pair.markdown {
        inline_source(t)
    } else {
        (t.clone(), None)
    };
    // The escaping backslash shifts what follows it; a segment that starts there keeps its
    // marker before the backslash.
    let shift = |p: usize| match escaped {
        Some(at) if p > at => p + 1,
        _ => p,
    };
    let spans: Vec<(&str, Range<usize>)> = spans
        .into_iter()
        .map(|(id, r)| (id, shift(r.start)..shift(r.end)))
        .collect();
    let marked = review.and_then(|r| with_sentinels(&src, &spans).map(|(s, n)| (r, s, n)));
    match (&marked, pair.markdown) {
        (None, true) => {
            let mut out = String::with_capacity(src.len() + src.len() / 4);
            pulldown_cmark::html::push_html(&mut out, inline_events(&src));
            (PreEscaped(out), Vec::new())
        }
        (None, false) => (html! { (t) }, Vec::new()),
        (Some((review, text, sentinels)), md) => {
            let mut marker = Marker::new(review, sentinels);
            if md {
                for e in inline_events(text) {
                    marker.push(e);
                }
            } else {
                marker.push(Event::Text(text.as_str().into()));
            }
            let (html, left) = marker.finish();
            (PreEscaped(html), left)
        }
    }
}

/// One block as HTML, its review marks and findings in a draft's target.
fn block(pair: &Pair, target: bool, review: Option<&Review>) -> Markup {
    let (t, left) = inline(pair, target, review);
    let notes = findings_of(review, &left);
    match pair.kind {
        BlockKind::Kicker => html! { p.kicker { (t) } (notes) },
        BlockKind::Headline => html! { h1 { (t) } (notes) },
        BlockKind::Dek => html! { p.dek { (t) } (notes) },
        BlockKind::Subhead => match pair.level {
            3 => html! { h3 { (t) } (notes) },
            4 => html! { h4 { (t) } (notes) },
            5 | 6 => html! { h5 { (t) } (notes) },
            _ => html! { h2 { (t) } (notes) },
        },
        // A list may hold only items: the findings go inside the item.
        BlockKind::ListItem => html! { ul { li { (t) (notes) } } },
        BlockKind::Paragraph | BlockKind::RelatedTitle => html! { p { (t) } (notes) },
    }
}

/// A Markdown body block on the bilingual page: rendered as a document with its own markers
/// (`> `, `3. `), so that a quotation stays one and a numbered item keeps its number. A
/// nested item's indentation is dropped: beside its translation it stands alone.
fn body_block(pair: &Pair, target: bool, review: Option<&Review>) -> Markup {
    let (text, markers) = if target {
        (&pair.target, &pair.target_prefix)
    } else {
        (&pair.source, &pair.prefix)
    };
    let markers = markers.trim_start();
    if markers.is_empty() && pair.kind == BlockKind::Paragraph {
        let (t, left) = inline(pair, target, review);
        return html! { p { (t) } (findings_of(review.filter(|_| target), &left)) };
    }
    let md = format!("{markers}{text}");
    let spans: Vec<(&str, Range<usize>)> = if target {
        pair.target_segments
            .iter()
            .map(|(id, r)| (id.as_str(), r.start + markers.len()..r.end + markers.len()))
            .collect()
    } else {
        Vec::new()
    };
    PreEscaped(markdown(&md, false, &spans, review.filter(|_| target)))
}

/// The legend of a draft's marks, in each of `chromes`' languages.
fn legend(chromes: &[(&Chrome, Lang)]) -> Markup {
    let words = |f: fn(&Chrome) -> &str| {
        html! {
            @for (i, (c, l)) in chromes.iter().enumerate() {
                @if i > 0 { " / " }
                span lang=(l.code()) { (f(c)) }
            }
        }
    };
    html! {
        div.legend role="note" {
            strong { (words(|c| &c.legend)) }
            ul {
                li { span.rv.rv-machine { (words(|c| &c.machine)) } }
                li { span.rv.rv-memory { (words(|c| &c.memory)) } }
                li { span.rv.rv-unreviewed { (words(|c| &c.unreviewed)) } }
                li { span.rv.rv-untranslated { (words(|c| &c.untranslated)) } }
                li { span.rv.rv-noted { (words(|c| &c.finding)) } }
            }
        }
    }
}

/// Where the pages are, relative to a page in `en/`, `es/` or `bilingual/`.
fn href(slug: &str, edition: &str) -> String {
    format!("../{edition}/{slug}.html")
}

fn head(story: &Story, lang: Lang, title: &str, base: Option<&str>) -> Markup {
    let url = |edition: &str| match base {
        Some(b) => format!("{}/{edition}/{}.html", b.trim_end_matches('/'), story.slug),
        None => href(&story.slug, edition),
    };
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) }
            @if story.draft {
                meta name="robots" content="noindex, nofollow";
            }
            @if !story.draft {
                link rel="canonical" href=(url(lang.code()));
            }
            link rel="alternate" hreflang=(story.source_lang.code()) href=(url(story.source_lang.code()));
            link rel="alternate" hreflang=(story.target_lang.code()) href=(url(story.target_lang.code()));
            style { (PreEscaped(CSS)) }
        }
    }
}

fn headline(story: &Story, target: bool) -> String {
    story
        .pairs
        .iter()
        .find(|p| p.kind == BlockKind::Headline)
        .map(|p| if target { &p.target } else { &p.source })
        .cloned()
        .unwrap_or_else(|| story.slug.clone())
}

fn header_meta(story: &Story, chrome: &Chrome) -> Markup {
    html! {
        @if chrome.byline.is_some() || chrome.date.is_some() {
            p.meta {
                @if let Some(b) = &chrome.byline { (b) }
                @if chrome.byline.is_some() && chrome.date.is_some() { " · " }
                @if let (Some(d), Some(iso)) = (&chrome.date, &story.date) {
                    time datetime=(iso) { (d) }
                }
            }
        }
    }
}

/// The page of one edition. `chromes` is (source language chrome, target language chrome).
pub fn edition(
    story: &Story,
    lang: Lang,
    chromes: (&Chrome, &Chrome),
    base: Option<&str>,
) -> String {
    let target = lang == story.target_lang;
    let (own, other) = if target {
        (chromes.1, chromes.0)
    } else {
        (chromes.0, chromes.1)
    };
    let other_lang = if target {
        story.source_lang
    } else {
        story.target_lang
    };
    // Only the target edition of a draft has marks: the source edition is the original.
    let review = Review::of(story, own).filter(|_| target);
    let review = review.as_ref();
    let title = headline(story, target);
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            (head(story, lang, &title, base))
            body {
                @if story.draft {
                    div.draft role="status" { (own.draft) }
                    (legend(&[(own, lang)]))
                }
                nav {
                    a href=(href(&story.slug, other_lang.code())) hreflang=(other_lang.code()) lang=(other_lang.code()) { (other.read_this_edition) }
                    " · "
                    a href=(href(&story.slug, "bilingual")) { (own.bilingual) }
                }
                main {
                    article {
                        header {
                            @for p in header_pairs(story) {
                                @if let (Some(label), BlockKind::Kicker) = (&own.kicker, p.kind) {
                                    p.kicker { (label) }
                                } @else {
                                    (block(p, target, review))
                                }
                            }
                            (header_meta(story, own))
                            @if target {
                                p.notice { (own.translated_from) }
                            }
                        }
                        (body_blocks(story, target, review))
                        @if !story.related.is_empty() {
                            aside { (related(story, target, own, review)) }
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}

/// The header's blocks in the order every page shows them: kicker, headline, dek.
fn header_pairs(story: &Story) -> impl Iterator<Item = &Pair> {
    [BlockKind::Kicker, BlockKind::Headline, BlockKind::Dek]
        .into_iter()
        .flat_map(move |k| story.pairs.iter().filter(move |p| p.kind == k))
}

/// The related links in one language: a heading and the list, each link kept only when its
/// URL is safe; a draft's target marks its titles as it marks sentences.
fn related(story: &Story, target: bool, chrome: &Chrome, review: Option<&Review>) -> Markup {
    let titles = story
        .pairs
        .iter()
        .filter(|p| p.kind == BlockKind::RelatedTitle);
    html! {
        h2 { (chrome.also_read) }
        ul {
            @for (p, (_, _, url)) in titles.zip(&story.related) {
                @let (t, left) = inline(p, target, review);
                li {
                    @match url.as_deref().filter(|u| safe_url(u)) {
                        Some(u) => a href=(u) { (t) },
                        None => (t),
                    }
                    (findings_of(review.filter(|_| target), &left))
                }
            }
        }
    }
}

/// The body: a Markdown article's as pulldown-cmark renders it (every construct kept, the
/// headline left to the header); a plain-text article's block by block.
fn body_blocks(story: &Story, target: bool, review: Option<&Review>) -> Markup {
    let lang = if target {
        story.target_lang
    } else {
        story.source_lang
    };
    let review = review.filter(|_| target);
    if let Some((body, spans)) = story.markdown_body(lang) {
        return PreEscaped(markdown(&body, true, &spans, review));
    }
    let body: Vec<&Pair> = story
        .pairs
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                BlockKind::Subhead | BlockKind::Paragraph | BlockKind::ListItem
            )
        })
        .collect();
    let mut groups: Vec<Vec<&Pair>> = Vec::new();
    for p in body {
        match groups.last_mut() {
            Some(g) if p.kind == BlockKind::ListItem && g[0].kind == BlockKind::ListItem => {
                g.push(p)
            }
            _ => groups.push(vec![p]),
        }
    }
    html! {
        @for g in &groups {
            @if g[0].kind == BlockKind::ListItem {
                ul {
                    @for p in g {
                        @let (t, left) = inline(p, target, review);
                        li { (t) (findings_of(review, &left)) }
                    }
                }
            } @else {
                (block(g[0], target, review))
            }
        }
    }
}

/// The bilingual page: each block beside its translation, stacked on a narrow screen (where
/// each column says its language), in the order of the editions.
pub fn bilingual(story: &Story, chromes: (&Chrome, &Chrome), base: Option<&str>) -> String {
    let (src, tgt) = (story.source_lang, story.target_lang);
    let title = format!("{} / {}", headline(story, false), headline(story, true));
    let review = Review::of(story, chromes.1);
    let review = review.as_ref();
    let row = |p: &Pair| -> Markup {
        let column = |c: &Chrome, target: bool| match (&c.kicker, p.kind) {
            (Some(label), BlockKind::Kicker) => html! { p.kicker { (label) } },
            (_, BlockKind::Paragraph | BlockKind::ListItem) if p.markdown => {
                body_block(p, target, review)
            }
            _ => block(p, target, review),
        };
        html! {
            div.pair data-block=(p.id) {
                div lang=(src.code()) { (column(chromes.0, false)) }
                div lang=(tgt.code()) { (column(chromes.1, true)) }
            }
        }
    };
    let page = html! {
        (DOCTYPE)
        html lang=(src.code()) {
            (head(story, src, &title, base))
            body {
                @if story.draft {
                    div.draft role="status" {
                        span lang=(src.code()) { (chromes.0.draft) }
                        " / "
                        span lang=(tgt.code()) { (chromes.1.draft) }
                    }
                    (legend(&[(chromes.0, src), (chromes.1, tgt)]))
                }
                nav {
                    a href=(href(&story.slug, src.code())) hreflang=(src.code()) { (chromes.0.read_this_edition) }
                    " · "
                    a href=(href(&story.slug, tgt.code())) hreflang=(tgt.code()) lang=(tgt.code()) { (chromes.1.read_this_edition) }
                }
                main.bilingual {
                    article {
                        div.pair.labels aria-hidden="true" {
                            div { (src.code()) }
                            div { (tgt.code()) }
                        }
                        @for p in header_pairs(story) {
                            (row(p))
                        }
                        div.pair {
                            div lang=(src.code()) { (header_meta(story, chromes.0)) }
                            div lang=(tgt.code()) {
                                (header_meta(story, chromes.1))
                                p.notice { (chromes.1.translated_from) }
                            }
                        }
                        @for p in story.pairs.iter().filter(|p| matches!(p.kind, BlockKind::Subhead | BlockKind::Paragraph | BlockKind::ListItem)) {
                            (row(p))
                        }
                        @if !story.related.is_empty() {
                            aside.pair {
                                div lang=(src.code()) { (related(story, false, chromes.0, None)) }
                                div lang=(tgt.code()) { (related(story, true, chromes.1, review)) }
                            }
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}

/// The stylesheet every page shares, for another page of the site (the index) to start from.
pub fn stylesheet() -> &'static str {
    CSS
}
