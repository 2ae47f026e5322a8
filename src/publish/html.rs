//! The HTML pages of a story: each edition on its own, and both side by side. Templates are
//! maud's (every value escaped by maud). A Markdown article's body is rendered by
//! pulldown-cmark as CommonMark would (blockquotes, ordered lists and their start, nested
//! lists, emphasis anywhere, code), its renderer escaping text and attributes, after raw HTML
//! has been turned into text, images into their description (no external resources) and links
//! with a scheme other than http, https, mailto or tel into plain text; the bilingual page
//! renders each body block the same way with its own markers (`> `, `3. `). Unreviewed
//! blocks of a draft are wrapped by maud. Nothing is escaped by hand. Pure.

use std::ops::Range;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{Chrome, Pair, Story};
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
.unreviewed { background: #fffbea; box-shadow: -0.5rem 0 0 #f0d36b; }
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
}
@media print {
  nav { display: none; }
  body { font-size: 11pt; }
  main, main.bilingual { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .pair { break-inside: avoid; }
  .unreviewed { background: none; box-shadow: none; border-left: 2pt dotted #999; }
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

/// Markdown inline text as HTML. A block's text is inline content: when it would parse as
/// anything but one paragraph (a `#`, `>`, `- ` or `1.` at its start), its first character is
/// escaped so that it stays text; emphasis or a link at its start (`*Ana*`) is left as it is.
fn inline_markdown(text: &str) -> String {
    if one_paragraph(text) {
        return render_inline(text);
    }
    let mut src = String::with_capacity(text.len() + 1);
    let first = text.trim_start();
    let lead = &text[..text.len() - first.len()];
    src.push_str(lead);
    let digits = first.bytes().take_while(u8::is_ascii_digit).count();
    match first.as_bytes().first() {
        Some(b'#' | b'>' | b'-' | b'+' | b'*' | b'_' | b'=' | b'|' | b'`' | b'~') => src.push('\\'),
        Some(b'0'..=b'9') if matches!(first.as_bytes().get(digits), Some(b'.' | b')')) => {
            src.push_str(&first[..digits]);
            src.push('\\');
            src.push_str(&first[digits..]);
            return render_inline(&src);
        }
        _ => {}
    }
    src.push_str(first);
    render_inline(&src)
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

fn render_inline(src: &str) -> String {
    let events = safe(Parser::new_ext(src, options()).map(|e| (e, ()))).filter_map(|(e, ())| {
        match e {
            // Block structure inside a block's text is not the page's: keep the words only.
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
        }
    });
    let mut out = String::with_capacity(src.len() + src.len() / 4);
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// A piece of Markdown as HTML, its block structure kept (a blockquote, an ordered list and
/// its start number, nested lists, code), under puente's safety rules. `marks` are byte ranges
/// of `src` whose innermost paragraph, heading or list item is wrapped as unreviewed, titled
/// `label`; level-1 headings are left out when `skip_h1` (the page's header shows the
/// headline).
fn markdown(src: &str, skip_h1: bool, marks: &[Range<usize>], label: &str) -> String {
    let mut events: Vec<(Event, Range<usize>)> = Vec::new();
    let mut skipping = false;
    for (e, r) in safe(Parser::new_ext(src, options()).into_offset_iter()) {
        match &e {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if skip_h1 => skipping = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if skipping => skipping = false,
            _ if skipping => {}
            _ => events.push((e, r)),
        }
    }
    // The innermost leaf holding a mark's start is the last one, in document order, whose
    // range holds it: a nested leaf starts after the one that holds it.
    let leaf = |e: &Event| {
        matches!(
            e,
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item)
        )
    };
    let marked: Vec<usize> = marks
        .iter()
        .filter_map(|m| {
            events
                .iter()
                .rposition(|(e, r)| leaf(e) && r.start <= m.start && m.start < r.end)
        })
        .collect();
    let mut out = String::with_capacity(src.len() + src.len() / 4);
    render_marked(&mut out, &events, 0, &marked, label);
    out
}

/// Renders `events` (which start at index `first` of the document's) into `out`, the leaves
/// at the indices in `marked` wrapped by maud as unreviewed; a marked leaf's content is
/// rendered the same way, so that a nested item keeps its own mark.
fn render_marked(
    out: &mut String,
    events: &[(Event, Range<usize>)],
    first: usize,
    marked: &[usize],
    label: &str,
) {
    let mut i = 0;
    let mut plain: Vec<Event> = Vec::new();
    while i < events.len() {
        if !marked.contains(&(first + i)) {
            plain.push(events[i].0.clone());
            i += 1;
            continue;
        }
        pulldown_cmark::html::push_html(out, plain.drain(..));
        let mut depth = 0usize;
        let mut end = events.len() - 1;
        for (j, (e, _)) in events.iter().enumerate().skip(i) {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth == 0 {
                end = j;
                break;
            }
        }
        let mut inner = String::new();
        render_marked(
            &mut inner,
            &events[i + 1..end],
            first + i + 1,
            marked,
            label,
        );
        let inner = PreEscaped(inner);
        let wrapped = match &events[i].0 {
            Event::Start(Tag::Heading { level, .. }) => match level {
                HeadingLevel::H1 => html! { h1.unreviewed title=(label) { (inner) } },
                HeadingLevel::H2 => html! { h2.unreviewed title=(label) { (inner) } },
                HeadingLevel::H3 => html! { h3.unreviewed title=(label) { (inner) } },
                HeadingLevel::H4 => html! { h4.unreviewed title=(label) { (inner) } },
                HeadingLevel::H5 => html! { h5.unreviewed title=(label) { (inner) } },
                HeadingLevel::H6 => html! { h6.unreviewed title=(label) { (inner) } },
            },
            Event::Start(Tag::Item) => html! { li.unreviewed title=(label) { (inner) } },
            _ => html! { p.unreviewed title=(label) { (inner) } },
        };
        // pulldown-cmark puts each block on a line of its own; so does a marked one.
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&wrapped.into_string());
        out.push('\n');
        i = end + 1;
    }
    pulldown_cmark::html::push_html(out, plain.drain(..));
}

/// A block's text: Markdown rendered (escaped by pulldown-cmark), or plain text (escaped by
/// maud).
fn text(pair: &Pair, target: bool) -> Markup {
    let t = if target { &pair.target } else { &pair.source };
    if pair.markdown {
        PreEscaped(inline_markdown(t))
    } else {
        html! { (t) }
    }
}

/// One block as HTML; a target block with unreviewed segments (a draft) is marked.
fn block(pair: &Pair, target: bool, unreviewed_label: &str) -> Markup {
    let t = text(pair, target);
    let flag = target && pair.unreviewed > 0;
    let title = flag.then_some(unreviewed_label);
    let cls = flag.then_some("unreviewed");
    let with = |base: &str| {
        if flag {
            format!("{base} unreviewed")
        } else {
            base.to_string()
        }
    };
    match pair.kind {
        BlockKind::Kicker => html! { p class=(with("kicker")) title=[title] { (t) } },
        BlockKind::Headline => html! { h1 class=[cls] title=[title] { (t) } },
        BlockKind::Dek => html! { p class=(with("dek")) title=[title] { (t) } },
        BlockKind::Subhead => match pair.level {
            3 => html! { h3 class=[cls] title=[title] { (t) } },
            4 => html! { h4 class=[cls] title=[title] { (t) } },
            5 | 6 => html! { h5 class=[cls] title=[title] { (t) } },
            _ => html! { h2 class=[cls] title=[title] { (t) } },
        },
        BlockKind::ListItem => html! { ul { li class=[cls] title=[title] { (t) } } },
        BlockKind::Paragraph | BlockKind::RelatedTitle => {
            html! { p class=[cls] title=[title] { (t) } }
        }
    }
}

/// A Markdown body block on the bilingual page: rendered as a document with its own markers
/// (`> `, `3. `), so that a quotation stays one and a numbered item keeps its number. A
/// nested item's indentation is dropped: beside its translation it stands alone.
fn body_block(pair: &Pair, target: bool, unreviewed_label: &str) -> Markup {
    let (text, markers) = if target {
        (&pair.target, &pair.target_prefix)
    } else {
        (&pair.source, &pair.prefix)
    };
    let markers = markers.trim_start();
    let rendered = if markers.is_empty() && pair.kind == BlockKind::Paragraph {
        inline_markdown(text)
    } else {
        String::new()
    };
    let all = markers.len()..markers.len() + text.len();
    let marks = if target && pair.unreviewed > 0 {
        std::slice::from_ref(&all)
    } else {
        &[]
    };
    if rendered.is_empty() {
        let md = format!("{markers}{text}");
        return PreEscaped(markdown(&md, false, marks, unreviewed_label));
    }
    html! {
        @if marks.is_empty() {
            p { (PreEscaped(rendered)) }
        } @else {
            p.unreviewed title=(unreviewed_label) { (PreEscaped(rendered)) }
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
    let title = headline(story, target);
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            (head(story, lang, &title, base))
            body {
                @if story.draft {
                    div.draft role="status" { (own.draft) }
                }
                nav {
                    a href=(href(&story.slug, other_lang.code())) hreflang=(other_lang.code()) lang=(other_lang.code()) { (other.read_this_edition) }
                    " · "
                    a href=(href(&story.slug, "bilingual")) { (own.bilingual) }
                }
                main {
                    article {
                        header {
                            @for p in story.pairs.iter().filter(|p| matches!(p.kind, BlockKind::Kicker)) {
                                @if let Some(label) = &own.kicker {
                                    p.kicker { (label) }
                                } @else {
                                    (block(p, target, &own.unreviewed))
                                }
                            }
                            @for p in story.pairs.iter().filter(|p| matches!(p.kind, BlockKind::Headline | BlockKind::Dek)) {
                                (block(p, target, &own.unreviewed))
                            }
                            (header_meta(story, own))
                            @if target {
                                p.notice { (own.translated_from) }
                            }
                        }
                        (body_blocks(story, target, &own.unreviewed))
                        @if !story.related.is_empty() {
                            aside { (related(story, target, own)) }
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}

/// The related links in one language: a heading and the list, each link kept only when its
/// URL is safe.
fn related(story: &Story, target: bool, chrome: &Chrome) -> Markup {
    html! {
        h2 { (chrome.also_read) }
        ul {
            @for (src, tgt, url) in &story.related {
                li {
                    @let t = if target { tgt } else { src };
                    @match url.as_deref().filter(|u| safe_url(u)) {
                        Some(u) => a href=(u) { (t) },
                        None => (t),
                    }
                }
            }
        }
    }
}

/// The body: a Markdown article's as pulldown-cmark renders it (every construct kept, the
/// headline left to the header); a plain-text article's block by block.
fn body_blocks(story: &Story, target: bool, unreviewed: &str) -> Markup {
    let lang = if target {
        story.target_lang
    } else {
        story.source_lang
    };
    if let Some((body, marks)) = story.markdown_body(lang) {
        return PreEscaped(markdown(&body, true, &marks, unreviewed));
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
                        li class=[(target && p.unreviewed > 0).then_some("unreviewed")] { (text(p, target)) }
                    }
                }
            } @else {
                (block(g[0], target, unreviewed))
            }
        }
    }
}

/// The bilingual page: each block beside its translation, stacked on a narrow screen.
pub fn bilingual(story: &Story, chromes: (&Chrome, &Chrome), base: Option<&str>) -> String {
    let (src, tgt) = (story.source_lang, story.target_lang);
    let title = format!("{} / {}", headline(story, false), headline(story, true));
    let row = |p: &Pair| -> Markup {
        let kicker = |c: &Chrome, target: bool| match (&c.kicker, p.kind) {
            (Some(label), BlockKind::Kicker) => html! { p.kicker { (label) } },
            (_, BlockKind::Paragraph | BlockKind::ListItem) if p.markdown => {
                body_block(p, target, &chromes.1.unreviewed)
            }
            _ => block(p, target, &chromes.1.unreviewed),
        };
        html! {
            div.pair data-block=(p.id) {
                div lang=(src.code()) { (kicker(chromes.0, false)) }
                div lang=(tgt.code()) { (kicker(chromes.1, true)) }
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
                        @for p in story.pairs.iter().filter(|p| matches!(p.kind, BlockKind::Kicker | BlockKind::Headline | BlockKind::Dek)) {
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
                                div lang=(src.code()) { (related(story, false, chromes.0)) }
                                div lang=(tgt.code()) { (related(story, true, chromes.1)) }
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
