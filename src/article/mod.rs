//! Articles: the canonical Markdown article (with front matter) and plain text, parsed into
//! blocks and segments that point into the original bytes.
//!
//! The model never copies the body: every block and segment is a byte span of the source,
//! so rendering a translation is "the source with some spans replaced" and rendering with
//! nothing replaced is the source itself, byte for byte (BOM, CRLF, tabs, trailing spaces,
//! a missing final newline and the front matter included). Parsing never touches the file
//! system, the network or the terminal.

pub mod frontmatter;
pub mod import;
pub mod kept;
mod markdown;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use sha2::{Digest, Sha256};

use crate::lang::Lang;
use crate::segment::Segmenter;
use crate::text::markup::{self, Braces};
use crate::text::LineIndex;

pub use frontmatter::{FrontMatter, FrontMatterError, FrontMatterErrorKind, FrontMatterWarning};

/// How the article is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown with optional front matter: the canonical article.
    Markdown,
    /// Plain text: every line is a block.
    PlainText,
}

impl Format {
    /// Chooses by file extension, then by content (a front matter delimiter means Markdown).
    pub fn detect(path: &str, text: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            return Format::Markdown;
        }
        if lower.ends_with(".txt") {
            return Format::PlainText;
        }
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        if body.starts_with("---\n")
            || body.starts_with("+++\n")
            || body.starts_with("---\r\n")
            || body.starts_with("+++\r\n")
        {
            Format::Markdown
        } else {
            Format::PlainText
        }
    }
}

/// What a block is, which translators see as context and editions use for layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum BlockKind {
    /// The label above the headline (ANALYSIS).
    Kicker,
    /// The headline (front matter `title` or a `#` heading).
    Headline,
    /// The standfirst under the headline.
    Dek,
    /// A `##` (or deeper) heading.
    Subhead,
    /// A paragraph of the body.
    Paragraph,
    /// An item of a list.
    ListItem,
    /// The title of a related link.
    RelatedTitle,
}

impl BlockKind {
    /// The stable name used in work files (`#.` comments, XLIFF notes) and JSON.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Kicker => "kicker",
            BlockKind::Headline => "headline",
            BlockKind::Dek => "dek",
            BlockKind::Subhead => "subhead",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list item",
            BlockKind::RelatedTitle => "related title",
        }
    }

    /// Reads a name written by [`BlockKind::name`].
    pub fn from_name(name: &str) -> Option<BlockKind> {
        [
            BlockKind::Kicker,
            BlockKind::Headline,
            BlockKind::Dek,
            BlockKind::Subhead,
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::RelatedTitle,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }

    /// The prefix of segment ids of this kind.
    fn id_prefix(self) -> &'static str {
        match self {
            BlockKind::Kicker => "k",
            BlockKind::Headline => "h",
            BlockKind::Dek => "d",
            BlockKind::Subhead => "s",
            BlockKind::Paragraph => "p",
            BlockKind::ListItem => "li",
            BlockKind::RelatedTitle => "r",
        }
    }
}

impl fmt::Display for BlockKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a segment's text is written in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    /// As is (the body of the article).
    Raw,
    /// Inside a YAML double-quoted scalar.
    YamlDouble,
    /// Inside a YAML single-quoted scalar.
    YamlSingle,
    /// A plain YAML scalar.
    YamlPlain,
    /// Inside a TOML basic string.
    TomlBasic,
    /// Inside a TOML literal string.
    TomlLiteral,
}

/// A translatable unit: a sentence, a heading, a front matter value.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Segment {
    /// Stable id: the same text in the same kind of block gets the same id after
    /// re-segmenting, wherever it moves.
    pub id: String,
    /// Index of the block in [`Article::blocks`].
    pub block: usize,
    /// Byte span of the segment in the source.
    pub span: Range<usize>,
    /// How the span is written.
    pub encoding: Encoding,
    /// The text translators see, when it differs from the source span (escapes resolved, or
    /// URLs, code and inline HTML replaced by placeholders `{1}`, `{2}`, …). Most segments are
    /// their span as is, and are not copied: see [`Article::text`].
    encoded: Option<String>,
    /// What each placeholder stands for, in order (`{1}` is `placeholders[0]`).
    pub placeholders: Vec<String>,
    /// 1-based line of the segment's start.
    pub line: usize,
}

/// A block: a paragraph, heading, list item or front matter value.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Block {
    /// Stable id of the block (an XLIFF unit).
    pub id: String,
    /// What the block is.
    pub kind: BlockKind,
    /// 1-based line where it starts.
    pub line: usize,
    /// Byte span from the start of its first segment to the end of its last.
    pub span: Range<usize>,
    /// Indices of its segments in [`Article::segments`].
    pub segments: Range<usize>,
}

/// A parsed article.
#[derive(Clone, Debug)]
pub struct Article {
    /// The source text, exactly as read.
    pub source: String,
    /// Markdown or plain text.
    pub format: Format,
    /// The front matter, if any.
    pub front: Option<FrontMatter>,
    /// Blocks in order.
    pub blocks: Vec<Block>,
    /// Segments in order of position.
    pub segments: Vec<Segment>,
}

/// `text`, a Markdown article, with its front matter's `draft` flag as `draft` says (see
/// [`frontmatter::draft_edits`]), for an edition that is not rendered from segments (an
/// article already translated). Its front matter is read again for that; a text whose front
/// matter cannot be read is given as it is.
pub fn with_draft_flag(text: &str, draft: bool) -> std::borrow::Cow<'_, str> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let Ok(front) = frontmatter::parse(text, start) else {
        return text.into();
    };
    let edits = frontmatter::draft_edits(text, start, front.as_ref(), draft);
    if edits.is_empty() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for (span, with) in edits {
        out.push_str(&text[at..span.start]);
        out.push_str(&with);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out.into()
}

/// What `segment` enforces of an article's front matter before it segments it: every value is
/// what its key needs ([`frontmatter::KEYS`]; the first that is not is the error, with its
/// line), and the keys puente does not know come back as warnings, for the caller to say. A
/// plain-text article, or one without front matter, has nothing to check.
pub fn check_front(
    text: &str,
    format: Format,
) -> Result<Vec<FrontMatterWarning>, FrontMatterError> {
    if format != Format::Markdown {
        return Ok(Vec::new());
    }
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    match frontmatter::parse(text, start)? {
        Some(fm) => fm.check().map(|()| fm.warnings),
        None => Ok(Vec::new()),
    }
}

/// Whether `text` reads as an article rather than a work file: it opens with a front matter
/// delimiter, or it is prose: not XML (an XLIFF file opens with `<`) and no line starts with
/// the PO keyword `msgid`. Commands that expect a work file use it to say that they were given
/// an article (`merge story.md`), whatever the file's name.
pub fn looks_like_article(text: &str) -> bool {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if ["---\n", "---\r\n", "+++\n", "+++\r\n"]
        .iter()
        .any(|d| body.starts_with(d))
    {
        return true;
    }
    !body.trim_start().starts_with('<')
        && !body.lines().any(|l| l.trim_start().starts_with("msgid"))
}

/// What an edition changes in the article besides its segments (the default changes nothing).
#[derive(Clone, Copy, Debug, Default)]
pub struct Edition<'a> {
    /// The language the front matter's `lang` value becomes (when the article has one).
    pub lang: Option<&'a str>,
    /// `Some(true)`: a draft, flagged `draft: true` in the front matter (one is made for a
    /// Markdown article that has none); `Some(false)`: a final edition, any `draft` key
    /// removed; `None`: the flag as the source has it. A plain-text article has no front
    /// matter to flag: its bytes are left alone.
    pub draft: Option<bool>,
}

/// Why an article could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArticleError {
    /// The front matter is unreadable.
    #[error("front matter, line {}: {:?}", .0.line, .0.kind)]
    FrontMatter(FrontMatterError),
}

/// A placeholder problem in a translation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceholderError {
    /// The translation lacks a placeholder of the source.
    #[error("placeholder {{{0}}} is missing")]
    Missing(usize),
    /// The translation has a placeholder the source does not.
    #[error("placeholder {{{0}}} is not in the source")]
    Unknown(usize),
}

impl Article {
    /// Parses `source` as `format`, segmenting in `lang`.
    pub fn parse(source: String, format: Format, lang: Lang) -> Result<Article, ArticleError> {
        let segmenter = Segmenter::new(lang);
        let body_start = if source.starts_with('\u{feff}') { 3 } else { 0 };
        let lines = LineIndex::new(&source);
        let mut builder = Builder::new(&source, &lines, segmenter, format == Format::Markdown);
        let mut front = None;
        match format {
            Format::Markdown => {
                let fm =
                    frontmatter::parse(&source, body_start).map_err(ArticleError::FrontMatter)?;
                let body_at = fm.as_ref().map(|f| f.span.end).unwrap_or(body_start);
                if let Some(fm) = &fm {
                    for field in &fm.fields {
                        builder.push_field(field);
                    }
                }
                front = fm;
                markdown::parse_body(&mut builder, body_at);
            }
            Format::PlainText => {
                let mut offset = body_start;
                for raw in source[body_start..].split_inclusive('\n') {
                    let line = raw.trim_end_matches(['\n', '\r']);
                    let trimmed = line.trim();
                    if !trimmed.is_empty() {
                        let lead = line.len() - line.trim_start().len();
                        let start = offset + lead;
                        builder.push_block(
                            BlockKind::Paragraph,
                            std::slice::from_ref(&(start..start + trimmed.len())),
                            &[],
                            &[],
                        );
                    }
                    offset += raw.len();
                }
            }
        }
        let (blocks, segments) = builder.finish();
        Ok(Article {
            source,
            format,
            front,
            blocks,
            segments,
        })
    }

    /// The text translators see for `seg`: its source span, or its escaped or placeholder form.
    pub fn text<'a>(&'a self, seg: &'a Segment) -> &'a str {
        seg.encoded
            .as_deref()
            .unwrap_or(&self.source[seg.span.clone()])
    }

    /// The language the front matter declares, if any.
    pub fn declared_lang(&self) -> Option<&str> {
        self.front.as_ref().and_then(|f| f.lang.as_deref())
    }

    /// Turns a translation written with placeholders back into source markup.
    pub fn decode(&self, seg: &Segment, translated: &str) -> Result<String, PlaceholderError> {
        if seg.placeholders.is_empty() {
            return Ok(translated.to_string());
        }
        let mut out = String::with_capacity(translated.len() + 32);
        let mut used = vec![false; seg.placeholders.len()];
        let mut at = 0;
        let placeholders = markup::spans(translated, Braces::Numbered)
            .into_iter()
            .filter(|s| s.kind == markup::Kind::Placeholder);
        for span in placeholders {
            let (start, end) = (span.range.start, span.range.end);
            out.push_str(&translated[at..start]);
            let n: usize = translated[start + 1..end - 1].parse().unwrap_or(0);
            match seg.placeholders.get(n.wrapping_sub(1)) {
                Some(data) => {
                    out.push_str(data);
                    used[n - 1] = true;
                }
                None => return Err(PlaceholderError::Unknown(n)),
            }
            at = end;
        }
        out.push_str(&translated[at..]);
        match used.iter().position(|u| !u) {
            Some(missing) => Err(PlaceholderError::Missing(missing + 1)),
            None => Ok(out),
        }
    }

    /// Renders the article with each segment replaced by what `target` returns for it (the
    /// final text, placeholders already decoded), or kept as in the source when it returns
    /// `None`. With no replacement at all, the result is the source byte for byte.
    pub fn render<F>(&self, target: F) -> String
    where
        F: FnMut(&Segment) -> Option<String>,
    {
        self.render_in(&Edition::default(), target)
    }

    /// [`Article::render`] for another edition: the front matter's `lang` value (when the
    /// article has one) becomes `edition.lang`, the `draft` flag says what
    /// `edition.draft` says (see [`frontmatter::draft_edits`]), and nothing else changes but
    /// the segments.
    pub fn render_in<F>(&self, edition: &Edition<'_>, mut target: F) -> String
    where
        F: FnMut(&Segment) -> Option<String>,
    {
        let mut out = String::with_capacity(self.source.len() + self.source.len() / 4);
        let mut at = 0;
        // The front matter's own edits (the `lang` value, the `draft` flag) are not segments;
        // each is written when the segments reach it.
        let mut edits = self.front_edits(edition).into_iter().peekable();
        for seg in &self.segments {
            while let Some((span, text)) = edits.next_if(|(span, _)| span.start <= seg.span.start) {
                out.push_str(&self.source[at..span.start]);
                out.push_str(&text);
                at = span.end;
            }
            let Some(text) = target(seg) else { continue };
            let (encoded, outer) = frontmatter::encode(&text, seg.encoding);
            let span = if outer {
                seg.span.start - 1..seg.span.end + 1
            } else {
                seg.span.clone()
            };
            out.push_str(&self.source[at..span.start]);
            out.push_str(&encoded);
            at = span.end;
        }
        for (span, text) in edits {
            if span.start < at {
                continue;
            }
            out.push_str(&self.source[at..span.start]);
            out.push_str(&text);
            at = span.end;
        }
        out.push_str(&self.source[at..]);
        out
    }

    /// The edits `edition` makes to the front matter, in order.
    fn front_edits(&self, edition: &Edition<'_>) -> Vec<(Range<usize>, String)> {
        let mut edits = Vec::new();
        if let (Some(l), Some(span)) = (
            edition.lang,
            self.front.as_ref().and_then(|f| f.lang_span.clone()),
        ) {
            edits.push((span, l.to_string()));
        }
        if let (Some(draft), Format::Markdown) = (edition.draft, self.format) {
            let start = if self.source.starts_with('\u{feff}') {
                3
            } else {
                0
            };
            edits.extend(frontmatter::draft_edits(
                &self.source,
                start,
                self.front.as_ref(),
                draft,
            ));
        }
        edits.sort_by_key(|(span, _)| span.start);
        edits
    }

    /// The text of a block as the source has it (for context in work files).
    pub fn block_text(&self, block: &Block) -> &str {
        &self.source[block.span.clone()]
    }
}

/// Collects blocks and segments while a parser walks the article.
struct Builder<'a> {
    source: &'a str,
    lines: &'a LineIndex,
    segmenter: Segmenter,
    markdown: bool,
    blocks: Vec<Block>,
    segments: Vec<Segment>,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str, lines: &'a LineIndex, segmenter: Segmenter, markdown: bool) -> Self {
        Builder {
            source,
            lines,
            segmenter,
            markdown,
            blocks: Vec::new(),
            segments: Vec::new(),
        }
    }

    fn push_field(&mut self, field: &frontmatter::Field) {
        let first = self.segments.len();
        self.segments.push(Segment {
            id: String::new(),
            block: self.blocks.len(),
            span: field.span.clone(),
            encoding: field.encoding,
            encoded: Some(field.text.clone()),
            placeholders: Vec::new(),
            line: field.line,
        });
        self.blocks.push(Block {
            id: String::new(),
            kind: field.kind,
            line: field.line,
            span: field.span.clone(),
            segments: first..first + 1,
        });
    }

    /// Adds a block made of `pieces` (one per line), never cutting inside `keep` ranges and
    /// replacing `protect` ranges by placeholders.
    fn push_block(
        &mut self,
        kind: BlockKind,
        pieces: &[Range<usize>],
        keep: &[Range<usize>],
        protect: &[Range<usize>],
    ) {
        let first = self.segments.len();
        for piece in pieces {
            let text = &self.source[piece.clone()];
            let local_keep: Vec<Range<usize>> = keep
                .iter()
                .filter(|k| k.start >= piece.start && k.end <= piece.end)
                .map(|k| k.start - piece.start..k.end - piece.start)
                .collect();
            for r in self.segmenter.segments_keeping(text, &local_keep) {
                let span = piece.start + r.start..piece.start + r.end;
                self.push_segment(span, protect);
            }
        }
        if self.segments.len() == first {
            return;
        }
        let span = self.segments[first].span.start..self.segments[self.segments.len() - 1].span.end;
        let block = self.blocks.len();
        for seg in &mut self.segments[first..] {
            seg.block = block;
        }
        self.blocks.push(Block {
            id: String::new(),
            kind,
            line: self.lines.line_of(span.start),
            span,
            segments: first..self.segments.len(),
        });
    }

    fn push_segment(&mut self, span: Range<usize>, protect: &[Range<usize>]) {
        let raw = &self.source[span.clone()];
        let mut ranges: Vec<Range<usize>> = protect
            .iter()
            .filter(|p| p.start >= span.start && p.end <= span.end && p.start < p.end)
            .cloned()
            .collect();
        // In Markdown, literal `{n}` is protected too, so every `{n}` a translator sees is a
        // placeholder and none is ambiguous.
        if self.markdown {
            for found in markup::spans(raw, Braces::Numbered) {
                if found.kind != markup::Kind::Placeholder {
                    continue;
                }
                let r = span.start + found.range.start..span.start + found.range.end;
                if !ranges.iter().any(|p| p.start < r.end && r.start < p.end) {
                    ranges.push(r);
                }
            }
        }
        ranges.sort_by_key(|r| r.start);
        let (encoded, placeholders) = if ranges.is_empty() {
            (None, Vec::new())
        } else {
            let (text, placeholders) = self.with_placeholders(&span, &ranges);
            (Some(text), placeholders)
        };
        self.segments.push(Segment {
            id: String::new(),
            block: 0,
            line: self.lines.line_of(span.start),
            span,
            encoding: Encoding::Raw,
            encoded,
            placeholders,
        });
    }

    /// The text of `span` with each of `ranges` replaced by `{n}`, and what each `{n}` was.
    fn with_placeholders(
        &self,
        span: &Range<usize>,
        ranges: &[Range<usize>],
    ) -> (String, Vec<String>) {
        let raw = &self.source[span.clone()];
        let mut text = String::with_capacity(raw.len());
        let mut placeholders = Vec::with_capacity(ranges.len());
        let mut at = span.start;
        for r in ranges.iter().cloned() {
            if r.start < at {
                continue;
            }
            text.push_str(&self.source[at..r.start]);
            placeholders.push(self.source[r.clone()].to_string());
            text.push('{');
            text.push_str(&placeholders.len().to_string());
            text.push('}');
            at = r.end;
        }
        text.push_str(&self.source[at..span.end]);
        (text, placeholders)
    }

    fn finish(mut self) -> (Vec<Block>, Vec<Segment>) {
        // Stable ids: kind prefix + hash of the text; repeats of the same text in the same
        // kind of block are numbered in order. Repeats are counted by the hash itself, so an
        // id is written once and never copied (the ids were a twentieth of a folder merge).
        let mut seen: HashMap<(&str, [u8; 4]), usize, foldhash::fast::RandomState> =
            HashMap::with_capacity_and_hasher(self.segments.len(), Default::default());
        for seg in &mut self.segments {
            let kind = self.blocks[seg.block].kind;
            let text = seg
                .encoded
                .as_deref()
                .unwrap_or(&self.source[seg.span.clone()]);
            let hash = short_hash(kind.id_prefix(), text);
            seg.id = numbered_id(kind.id_prefix(), hash, &mut seen);
        }
        seen.clear();
        for block in &mut self.blocks {
            let text = &self.source[block.span.clone()];
            let hash = short_hash(block.kind.id_prefix(), text);
            block.id = numbered_id("b", hash, &mut seen);
        }
        // Front matter segments come first in the file, so the list is already in order; keep
        // it sorted anyway, since render relies on it.
        debug_assert!(self
            .segments
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start));
        (self.blocks, self.segments)
    }
}

/// The first four bytes of the SHA-256 of `prefix`, a NUL and `text`: what a stable id hashes.
fn short_hash(prefix: &str, text: &str) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(prefix.as_bytes());
    h.update([0]);
    h.update(text.as_bytes());
    let digest = h.finalize();
    [digest[0], digest[1], digest[2], digest[3]]
}

/// The id `prefix.hash` (the hash in hex), numbered `.2`, `.3`, … when `seen` has met the same
/// prefix and hash before in this article.
fn numbered_id<'p>(
    prefix: &'p str,
    hash: [u8; 4],
    seen: &mut HashMap<(&'p str, [u8; 4]), usize, foldhash::fast::RandomState>,
) -> String {
    let n = seen.entry((prefix, hash)).or_insert(0);
    *n += 1;
    // Written in one string: an article has an id for every segment and every block.
    let mut id = String::with_capacity(prefix.len() + 12);
    id.push_str(prefix);
    id.push('.');
    // The hash in eight lowercase hex digits, as `{:08x}` writes it, without the formatter.
    for b in hash {
        for nibble in [b >> 4, b & 0xf] {
            id.push(char::from(b"0123456789abcdef"[usize::from(nibble)]));
        }
    }
    if *n > 1 {
        id.push('.');
        id.push_str(itoa::Buffer::new().format(*n));
    }
    id
}

#[cfg(test)]
mod tests;
