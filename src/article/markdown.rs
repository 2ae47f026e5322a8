//! The Markdown body: finds translatable blocks with pulldown-cmark and records, per line,
//! the span of the text inside each block, plus the inline spans that must not be cut
//! (links, code, inline HTML) or offered for translation (URLs, code, HTML).
//!
//! Code blocks, HTML blocks and link reference definitions are not translatable and stay as
//! they are.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::{BlockKind, Builder};

/// A block being collected: per line, the smallest start and largest end of its inline content.
struct Leaf {
    kind: BlockKind,
    lines: BTreeMap<usize, (usize, usize)>,
    keep: Vec<Range<usize>>,
    protect: Vec<Range<usize>>,
}

impl Leaf {
    fn new(kind: BlockKind) -> Self {
        Leaf {
            kind,
            lines: BTreeMap::new(),
            keep: Vec::new(),
            protect: Vec::new(),
        }
    }

    fn touch(&mut self, builder: &Builder<'_>, range: &Range<usize>) {
        if range.start >= range.end {
            return;
        }
        let first = builder.lines.line_of(range.start);
        let last = builder.lines.line_of(range.end - 1);
        // A range over several lines (emphasis, a link) only sets where the first line starts
        // and where the last one ends; the text events inside set the rest, so container
        // prefixes such as `> ` on the lines between stay outside the block.
        let e = self
            .lines
            .entry(first)
            .or_insert((range.start, range.start));
        e.0 = e.0.min(range.start);
        if first == last {
            e.1 = e.1.max(range.end);
        } else {
            let e = self.lines.entry(last).or_insert((range.end, range.end));
            e.1 = e.1.max(range.end);
        }
    }

    fn flush(self, builder: &mut Builder<'_>) {
        let pieces: Vec<Range<usize>> = self
            .lines
            .values()
            .map(|&(s, e)| {
                let text = &builder.source[s..e];
                let lead = text.len() - text.trim_start().len();
                let trimmed = text.trim();
                s + lead..s + lead + trimmed.len()
            })
            .filter(|r| r.start < r.end)
            .collect();
        builder.push_block(self.kind, &pieces, &self.keep, &self.protect);
    }
}

/// Walks the body starting at `body_at` and adds its blocks to `builder`.
pub(super) fn parse_body(builder: &mut Builder<'_>, body_at: usize) {
    let source = builder.source;
    let body = &source[body_at..];
    let parser = Parser::new_ext(body, Options::ENABLE_STRIKETHROUGH).into_offset_iter();
    let mut leaf: Option<Leaf> = None;
    let mut item_depth = 0usize;
    let mut skip_depth = 0usize; // inside code or HTML blocks, or images
                                 // Open links: their range and where their last child ended.
    let mut links: Vec<(Range<usize>, usize, bool)> = Vec::new();

    for (event, range) in parser {
        let range = range.start + body_at..range.end + body_at;
        match event {
            Event::Start(Tag::Paragraph) => {
                let in_item_fresh = leaf
                    .as_ref()
                    .is_some_and(|l| l.kind == BlockKind::ListItem && l.lines.is_empty());
                if !in_item_fresh {
                    if let Some(l) = leaf.take() {
                        l.flush(builder);
                    }
                    let kind = if item_depth > 0 {
                        BlockKind::ListItem
                    } else {
                        BlockKind::Paragraph
                    };
                    leaf = Some(Leaf::new(kind));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some(l) = leaf.take() {
                    l.flush(builder);
                }
                let kind = if level == HeadingLevel::H1 {
                    BlockKind::Headline
                } else {
                    BlockKind::Subhead
                };
                leaf = Some(Leaf::new(kind));
            }
            Event::Start(Tag::Item) => {
                if let Some(l) = leaf.take() {
                    l.flush(builder);
                }
                item_depth += 1;
                leaf = Some(Leaf::new(BlockKind::ListItem));
            }
            Event::End(TagEnd::Item) => {
                item_depth = item_depth.saturating_sub(1);
                if let Some(l) = leaf.take() {
                    l.flush(builder);
                }
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => {
                if let Some(l) = leaf.take() {
                    l.flush(builder);
                }
            }
            Event::Start(Tag::List(_)) => {
                // A nested list ends the text of the item that holds it.
                if let Some(l) = leaf.take() {
                    l.flush(builder);
                }
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                if let Some(l) = leaf.take() {
                    l.flush(builder);
                }
                skip_depth += 1;
            }
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            Event::Start(Tag::Image { .. }) => {
                if let Some(l) = leaf.as_mut() {
                    l.touch(builder, &range);
                    l.keep.push(range.clone());
                    l.protect.push(range.clone());
                }
                skip_depth += 1;
            }
            Event::End(TagEnd::Image) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            _ if skip_depth > 0 => {}
            Event::Start(Tag::Link { link_type, .. }) => {
                if let Some(l) = leaf.as_mut() {
                    l.touch(builder, &range);
                    l.keep.push(range.clone());
                    let whole = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    if whole {
                        l.protect.push(range.clone());
                    }
                    links.push((range.clone(), range.start + 1, whole));
                }
            }
            Event::End(TagEnd::Link) => {
                if let (Some(l), Some((r, last_child_end, whole))) = (leaf.as_mut(), links.pop()) {
                    if !whole {
                        // `[text](url "title")`: protect what is inside the parentheses;
                        // `[text][ref]`: protect the reference, brackets included.
                        let closing = last_child_end.max(r.start + 1)..r.end;
                        let tail = &source[closing.clone()];
                        if let Some(inner) =
                            tail.strip_prefix("](").and_then(|t| t.strip_suffix(')'))
                        {
                            let s = closing.start + 2;
                            if !inner.is_empty() {
                                l.protect.push(s..s + inner.len());
                            }
                        } else if let Some(rest) = tail.strip_prefix(']') {
                            if !rest.is_empty() {
                                l.protect.push(closing.start + 1..r.end);
                            }
                        }
                    }
                    if let Some(parent) = links.last_mut() {
                        parent.1 = r.end;
                    }
                }
            }
            Event::Start(Tag::Emphasis)
            | Event::Start(Tag::Strong)
            | Event::Start(Tag::Strikethrough) => {
                if let Some(l) = leaf.as_mut() {
                    l.touch(builder, &range);
                }
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak => {
                if let Some(l) = leaf.as_mut() {
                    if matches!(event, Event::Text(_)) {
                        l.touch(builder, &range);
                    }
                    if let Some(link) = links.last_mut() {
                        link.1 = link.1.max(range.end);
                    }
                }
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) => {
                if let Some(l) = leaf.as_mut() {
                    l.touch(builder, &range);
                    l.keep.push(range.clone());
                    l.protect.push(range.clone());
                    if let Some(link) = links.last_mut() {
                        link.1 = link.1.max(range.end);
                    }
                }
            }
            Event::End(TagEnd::Emphasis)
            | Event::End(TagEnd::Strong)
            | Event::End(TagEnd::Strikethrough) => {
                if let Some(link) = links.last_mut() {
                    link.1 = link.1.max(range.end);
                }
            }
            _ => {}
        }
    }
    if let Some(l) = leaf.take() {
        l.flush(builder);
    }
}
