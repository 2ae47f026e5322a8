//! Publishing: the English, Spanish and bilingual editions of a story, as HTML pages, Markdown
//! and a segment-aligned JSON for a CMS.
//!
//! A [`Story`] pairs the source article's blocks with the target's, block by block (headline
//! beside headline, paragraph beside paragraph), from a work file as the one merge used it
//! (its output is the target edition's article) or from an article already translated
//! (blocks paired in order). The edition chrome (labels, notices, the date) arrives already
//! localized in [`Chrome`]; rendering is pure: it never reads files, the environment or the
//! terminal, and every piece of text goes through maud's or pulldown-cmark's escaping, never
//! by hand. The gate (what is unreviewed, what `check` found) is the caller's: a story
//! records that it is a draft, where each segment's text came from ([`Origin`]) and the
//! findings the caller localized ([`ReviewNote`]), which a draft's pages show beside each
//! sentence ([`Pair::target_segments`] says where each sentence is).

pub mod html;
pub mod index;

use std::ops::Range;

use serde::Serialize;

use crate::article::{Article, Block, BlockKind, Encoding, Format};
use crate::lang::Lang;

// The date rule is the front matter's, which `segment` checks: publish shows what passed it.
pub use crate::article::frontmatter::{iso_date, parse_date};
use crate::workfile::merge::{Merged, Shown};
use crate::workfile::{State, WorkFile};

/// The edition chrome in one language, from Fluent.
#[derive(Clone, Debug, Default)]
pub struct Chrome {
    /// The kicker label when the article's kicker is one the newsroom names (ANALYSIS →
    /// ANÁLISIS); `None` keeps the article's own (translated) kicker.
    pub kicker: Option<String>,
    /// "Also read" / "Lee también".
    pub also_read: String,
    /// "Translated from Spanish" / "Traducido del inglés": shown on a translated edition.
    pub translated_from: String,
    /// The link to this edition, in this edition's language ("Leer en español" shown on the
    /// English page, "Read in English" on the Spanish one).
    pub read_this_edition: String,
    /// "By Jane Doe" / "Por Jane Doe", when the story has an author.
    pub byline: Option<String>,
    /// The date for this locale ("November 23, 2026" / "23 de noviembre de 2026").
    pub date: Option<String>,
    /// The draft banner ("DRAFT: not reviewed…" / "BORRADOR: …").
    pub draft: String,
    /// The bilingual edition's label.
    pub bilingual: String,
    /// The label of a segment nobody reviewed, in the draft.
    pub unreviewed: String,
    /// The label of a machine translation nobody reviewed yet, in the draft.
    pub machine: String,
    /// The label of a translation memory match nobody reviewed yet, in the draft.
    pub memory: String,
    /// The label of a segment with no usable translation (its source is shown), in the draft.
    pub untranslated: String,
    /// The label of a sentence `check` found something in, in the draft.
    pub finding: String,
    /// The legend's title ("Review marks"), in the draft.
    pub legend: String,
    /// The language the check findings are worded in (the editor's, a BCP 47 tag such as
    /// `es-MX`), which may not be the page's; empty when it is the page's.
    pub findings_lang: String,
}

/// A block of the story in both languages.
#[derive(Clone, Debug)]
pub struct Pair {
    /// The source block's id.
    pub id: String,
    /// What the block is.
    pub kind: BlockKind,
    /// Heading level for subheads (2 for `##`), 0 otherwise.
    pub level: u8,
    /// The source text (Markdown inline for a Markdown body, plain otherwise).
    pub source: String,
    /// The target text, same form.
    pub target: String,
    /// Whether the texts are Markdown (the body of a Markdown article).
    pub markdown: bool,
    /// Segments of the block that are not reviewed translations.
    pub unreviewed: usize,
    /// The container markers that open the block's first line in the source (`> `, `1. `,
    /// `  - `), empty for a block outside any container or outside a Markdown body.
    pub prefix: String,
    /// The same in the target article.
    pub target_prefix: String,
    /// Each segment of the block with its byte range in `target`, for the review marks of a
    /// draft: the id is the source segment's (the one [`SegmentPair`] and [`ReviewNote`]
    /// name). Empty when the target's segments cannot be told apart.
    pub target_segments: Vec<(String, Range<usize>)>,
}

/// Where the text a segment shows came from, for the review marks of a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// A translation a person reviewed (or an article already translated).
    Reviewed,
    /// A match from the translation memory, not yet reviewed.
    Memory,
    /// Machine translation, not yet reviewed.
    Machine,
    /// A translation nobody has reviewed, with no note saying where it came from.
    Unreviewed,
    /// No usable translation: the source text is shown.
    Untranslated,
}

/// A `check` finding on one segment, already localized in the editor's UI language, to show
/// beside its sentence in a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewNote {
    /// The segment id.
    pub segment: String,
    /// The rule's id (`glossary-forbidden`).
    pub rule: &'static str,
    /// Its severity's id (`error`, `warning`).
    pub severity: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// Segments of a text, each as (segment id, byte range in the text).
pub type Spans<'a> = Vec<(&'a str, Range<usize>)>;

/// A segment in both languages, for the aligned JSON.
#[derive(Clone, Debug, Serialize)]
pub struct SegmentPair {
    /// The segment id.
    pub id: String,
    /// The block's id.
    pub block: String,
    /// The block's kind (its name).
    pub kind: &'static str,
    /// Source text (placeholders as `{n}`).
    pub source: String,
    /// Target text.
    pub target: String,
    /// `translated`, `fuzzy` or `untranslated`.
    pub state: &'static str,
    /// Where the text the pages show came from.
    pub origin: Origin,
    /// 1-based line of the target text in the translated article, when the translation is
    /// an article (the gate's findings name it); the source article's line otherwise.
    #[serde(skip)]
    pub line: usize,
}

/// A story ready to render.
#[derive(Clone, Debug)]
pub struct Story {
    /// The file name stem of every output.
    pub slug: String,
    /// The source edition's language.
    pub source_lang: Lang,
    /// The target edition's language.
    pub target_lang: Lang,
    /// Blocks in order.
    pub pairs: Vec<Pair>,
    /// Segments in order.
    pub segments: Vec<SegmentPair>,
    /// Related links: (source title, target title, URL if any).
    pub related: Vec<(String, String, Option<String>)>,
    /// The ISO date (`YYYY-MM-DD`) for `<time datetime>`, if the story has one.
    pub date: Option<String>,
    /// The source article as it is (Markdown or text).
    pub source_article: String,
    /// The target article as it is.
    pub target_article: String,
    /// Published with `--draft`: a banner and `noindex`.
    pub draft: bool,
    /// Whether the articles are Markdown (their bodies are rendered as documents).
    pub markdown: bool,
    /// The gate's `check` findings, segment by segment, for the review page.
    pub notes: Vec<ReviewNote>,
}

/// Why two articles cannot be paired.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PairError {
    /// The translated article has a different number of blocks.
    #[error("the source has {source_blocks} blocks and the translation {target_blocks}")]
    BlockCount {
        /// Source blocks.
        source_blocks: usize,
        /// Target blocks.
        target_blocks: usize,
    },
    /// A block's kind differs.
    #[error("block {index} (line {line}) is a {source_kind} in the source and a {target_kind} in the translation")]
    Kind {
        /// 1-based block number.
        index: usize,
        /// Its line in the translation.
        line: usize,
        /// Source kind.
        source_kind: BlockKind,
        /// Target kind.
        target_kind: BlockKind,
    },
}

fn state_name(s: State) -> &'static str {
    match s {
        State::Translated => "translated",
        State::Fuzzy => "fuzzy",
        State::Untranslated => "untranslated",
    }
}

fn is_raw(article: &Article, block: &Block) -> bool {
    article.segments[block.segments.clone()]
        .iter()
        .all(|s| s.encoding == Encoding::Raw)
}

/// The `##` level of a subhead: the number of `#` that open its line.
fn level(article: &Article, block: &Block) -> u8 {
    if block.kind != BlockKind::Subhead {
        return 0;
    }
    let line_start = article.source[..block.span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let hashes = article.source[line_start..block.span.start]
        .trim_start()
        .bytes()
        .take_while(|b| *b == b'#')
        .count();
    // A setext subhead (underlined with ---) is a level-2 heading.
    hashes.clamp(2, 6) as u8
}

/// The container markers before a Markdown body block on its first line (`> `, `1. `,
/// `  - `, `> - `): what makes it a quotation or a list item. A heading's `#` are not
/// containers (its level says them), nor is anything else before a block.
fn prefix(article: &Article, block: &Block) -> String {
    if article.format != Format::Markdown
        || !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
        || !is_raw(article, block)
    {
        return String::new();
    }
    let line_start = article.source[..block.span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let before = &article.source[line_start..block.span.start];
    let markers = before.trim_start_matches('\u{feff}');
    if markers.chars().all(|c| {
        matches!(
            c,
            ' ' | '\t' | '>' | '-' | '+' | '*' | '.' | ')' | '0'..='9'
        )
    }) {
        markers.to_string()
    } else {
        String::new()
    }
}

/// The block's text with each segment replaced by `text(segment index)`; front matter
/// values (YAML or TOML strings) are given decoded, joined by spaces.
fn block_with(article: &Article, block: &Block, text: impl FnMut(usize) -> String) -> String {
    block_spans(article, block, text).0
}

/// [`block_with`], and where each segment's text is in it: (segment id, byte range).
fn block_spans(
    article: &Article,
    block: &Block,
    mut text: impl FnMut(usize) -> String,
) -> (String, Vec<(String, Range<usize>)>) {
    let raw = is_raw(article, block);
    let mut out = String::new();
    let mut spans = Vec::with_capacity(block.segments.len());
    let mut at = block.span.start;
    for i in block.segments.clone() {
        let seg = &article.segments[i];
        if raw {
            out.push_str(&article.source[at..seg.span.start]);
            at = seg.span.end;
        } else if !out.is_empty() {
            out.push(' ');
        }
        let start = out.len();
        out.push_str(&text(i));
        spans.push((seg.id.clone(), start..out.len()));
    }
    if raw {
        out.push_str(&article.source[at..block.span.end]);
    }
    (out, spans)
}

/// The decoded source text of segment `i` (placeholders put back).
fn source_of(article: &Article, i: usize) -> String {
    let seg = &article.segments[i];
    if seg.encoding == Encoding::Raw {
        article.source[seg.span.clone()].to_string()
    } else {
        article.text(seg).to_string()
    }
}

/// Related links' URLs, in order (the `url` values of front matter).
fn related_urls(article: &Article) -> Vec<String> {
    article
        .front
        .as_ref()
        .map(|f| {
            f.values
                .iter()
                .filter(|(k, _)| k == "url")
                .map(|(_, v)| v.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// A front matter value (`date`, `author`…), if the article has it.
pub fn front_value<'a>(article: &'a Article, key: &str) -> Option<&'a str> {
    article.front.as_ref().and_then(|f| {
        f.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    })
}

impl Story {
    /// Pairs `article` with its work file, as `merged` (the one [`merge`] of the two) used
    /// it: the target edition's article is the merge's output byte for byte, and each segment
    /// shows what the merge chose for it ([`Merged::shown`]): in a draft, a usable fuzzy
    /// translation, and elsewhere the source text of a segment the merge left pending. A
    /// segment that is not a reviewed translation is marked unreviewed.
    ///
    /// [`merge`]: crate::workfile::merge::merge
    pub fn from_workfile(
        slug: &str,
        article: &Article,
        work: &WorkFile,
        merged: &Merged,
        source_lang: Lang,
        target_lang: Lang,
    ) -> Story {
        let by_id = work.by_id();
        // For each segment: (the text the pages show, whether it is a reviewed translation,
        // its state, the work file's translation, where the text shown came from).
        let chosen: Vec<(String, bool, State, String, Origin)> = article
            .segments
            .iter()
            .enumerate()
            .map(|(i, seg)| {
                let unit = by_id.get(seg.id.as_str());
                let state = unit.map_or(State::Untranslated, |u| u.state);
                let shown = merged.shown.get(i).unwrap_or(&Shown::Source);
                let raw_target = unit.map(|u| u.target.to_string()).unwrap_or_default();
                let text = shown
                    .translation()
                    .map_or_else(|| source_of(article, i), str::to_string);
                let origin = match (shown, unit) {
                    (Shown::Reviewed(_), _) => Origin::Reviewed,
                    (Shown::Unreviewed(_), Some(u)) => origin_of(u),
                    _ => Origin::Untranslated,
                };
                (
                    text,
                    matches!(shown, Shown::Reviewed(_)),
                    state,
                    raw_target,
                    origin,
                )
            })
            .collect();
        let mut pairs = Vec::with_capacity(article.blocks.len());
        let mut segments = Vec::with_capacity(article.segments.len());
        for block in &article.blocks {
            let unreviewed = block.segments.clone().filter(|&i| !chosen[i].1).count();
            let (target, target_segments) = block_spans(article, block, |i| chosen[i].0.clone());
            pairs.push(Pair {
                id: block.id.clone(),
                kind: block.kind,
                level: level(article, block),
                source: block_with(article, block, |i| source_of(article, i)),
                target,
                target_segments,
                markdown: article.format == Format::Markdown && is_raw(article, block),
                unreviewed,
                prefix: prefix(article, block),
                // The merge changes segments only, never the markers around them.
                target_prefix: prefix(article, block),
            });
            for i in block.segments.clone() {
                let seg = &article.segments[i];
                segments.push(SegmentPair {
                    id: seg.id.clone(),
                    block: block.id.clone(),
                    kind: block.kind.name(),
                    source: article.text(seg).to_string(),
                    target: chosen[i].3.clone(),
                    state: state_name(chosen[i].2),
                    origin: chosen[i].4,
                    line: seg.line,
                });
            }
        }
        Story::finish(
            slug,
            article,
            source_lang,
            target_lang,
            pairs,
            segments,
            merged.output.clone(),
        )
    }

    /// Pairs `article` with `translated`, an article already in the target language, block
    /// by block; segments are paired within a block when both have as many.
    pub fn from_articles(
        slug: &str,
        article: &Article,
        translated: &Article,
        source_lang: Lang,
        target_lang: Lang,
    ) -> Result<Story, PairError> {
        if article.blocks.len() != translated.blocks.len() {
            return Err(PairError::BlockCount {
                source_blocks: article.blocks.len(),
                target_blocks: translated.blocks.len(),
            });
        }
        let mut pairs = Vec::new();
        let mut segments = Vec::new();
        for (k, (a, b)) in article.blocks.iter().zip(&translated.blocks).enumerate() {
            if a.kind != b.kind {
                return Err(PairError::Kind {
                    index: k + 1,
                    line: b.line,
                    source_kind: a.kind,
                    target_kind: b.kind,
                });
            }
            let (sa, sb) = (
                &article.segments[a.segments.clone()],
                &translated.segments[b.segments.clone()],
            );
            let (target, mut target_segments) =
                block_spans(translated, b, |i| source_of(translated, i));
            // A translated segment is named after the source segment it stands for; when the
            // counts differ the block is one segment, named after the block, as below.
            if sa.len() == sb.len() {
                for ((id, _), x) in target_segments.iter_mut().zip(sa) {
                    id.clone_from(&x.id);
                }
            } else {
                target_segments = vec![(a.id.clone(), 0..target.len())];
            }
            pairs.push(Pair {
                id: a.id.clone(),
                kind: a.kind,
                level: level(article, a),
                source: block_with(article, a, |i| source_of(article, i)),
                target,
                target_segments,
                markdown: article.format == Format::Markdown && is_raw(article, a),
                unreviewed: 0,
                prefix: prefix(article, a),
                target_prefix: prefix(translated, b),
            });
            if sa.len() == sb.len() {
                for (x, y) in sa.iter().zip(sb) {
                    segments.push(SegmentPair {
                        id: x.id.clone(),
                        block: a.id.clone(),
                        kind: a.kind.name(),
                        source: article.text(x).to_string(),
                        target: translated.text(y).to_string(),
                        state: "translated",
                        origin: Origin::Reviewed,
                        line: y.line,
                    });
                }
            } else {
                segments.push(SegmentPair {
                    id: a.id.clone(),
                    block: a.id.clone(),
                    kind: a.kind.name(),
                    source: article.block_text(a).to_string(),
                    target: translated.block_text(b).to_string(),
                    state: "translated",
                    origin: Origin::Reviewed,
                    line: b.line,
                });
            }
        }
        Ok(Story::finish(
            slug,
            article,
            source_lang,
            target_lang,
            pairs,
            segments,
            translated.source.clone(),
        ))
    }

    fn finish(
        slug: &str,
        article: &Article,
        source_lang: Lang,
        target_lang: Lang,
        pairs: Vec<Pair>,
        segments: Vec<SegmentPair>,
        target_article: String,
    ) -> Story {
        let urls = related_urls(article);
        let related = pairs
            .iter()
            .filter(|p| p.kind == BlockKind::RelatedTitle)
            .enumerate()
            .map(|(i, p)| (p.source.clone(), p.target.clone(), urls.get(i).cloned()))
            .collect();
        Story {
            slug: slug.to_string(),
            source_lang,
            target_lang,
            pairs,
            segments,
            related,
            date: front_value(article, "date").and_then(iso_date),
            source_article: article.source.clone(),
            target_article,
            draft: false,
            markdown: article.format == Format::Markdown,
            notes: Vec::new(),
        }
    }

    /// The body of one edition's Markdown article as its page shows it, and, in the target
    /// edition, each segment of it with its byte range in that body (for the review marks of
    /// a draft). Each body block of [`Story::article`] is replaced by the pair's text, which is
    /// the same text (a draft's pages and Markdown follow the one draft rule of the merge). `None` for a plain-text story, or when the article no longer
    /// parses as the blocks the story pairs.
    pub fn markdown_body(&self, lang: Lang) -> Option<(String, Spans<'_>)> {
        if !self.markdown {
            return None;
        }
        let target = lang == self.target_lang;
        let text = self.article(lang);
        let article = Article::parse(text.to_string(), Format::Markdown, lang).ok()?;
        if article.blocks.len() != self.pairs.len() {
            return None;
        }
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let body_at = article.front.as_ref().map_or(bom, |f| f.span.end);
        let mut body = String::with_capacity(text.len() - body_at);
        let mut spans = Vec::new();
        let mut at = body_at;
        for (b, p) in article.blocks.iter().zip(&self.pairs) {
            if b.span.start < body_at || !p.markdown {
                continue;
            }
            body.push_str(&text[at..b.span.start]);
            let start = body.len();
            body.push_str(if target { &p.target } else { &p.source });
            if target {
                spans.extend(
                    p.target_segments
                        .iter()
                        .map(|(id, r)| (id.as_str(), start + r.start..start + r.end)),
                );
            }
            at = b.span.end;
        }
        body.push_str(&text[at..]);
        Some((body, spans))
    }

    /// The article of one edition, as its `.md` is written: a Markdown edition's front
    /// matter says `draft: true` in a draft and carries no `draft` key in a final story
    /// (whatever the source article said), the one writer of that flag being the article
    /// module's; the target edition from a work file is already so (it is the merge's
    /// output). A plain-text edition is as it is.
    pub fn article(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        let text = if lang == self.source_lang {
            &self.source_article
        } else {
            &self.target_article
        };
        if self.markdown {
            crate::article::with_draft_flag(text, self.draft)
        } else {
            text.into()
        }
    }

    /// The bilingual Markdown: the front matter's values, then each block in the source
    /// language followed by the same block in the target language. A draft's opens with the
    /// front matter that flags it, as the article module writes it for an article without one.
    pub fn bilingual_markdown(&self) -> String {
        let mut out = String::new();
        if self.draft {
            out.push_str(&crate::article::with_draft_flag("", true));
            out.push('\n');
        }
        for p in &self.pairs {
            for (text, markers) in [(&p.source, &p.prefix), (&p.target, &p.target_prefix)] {
                let line = match p.kind {
                    BlockKind::Kicker => format!("**{text}**"),
                    BlockKind::Headline => format!("# {text}"),
                    BlockKind::Dek => format!("*{text}*"),
                    BlockKind::Subhead => format!("{} {text}", "#".repeat(p.level.max(2).into())),
                    BlockKind::RelatedTitle => format!("→ {text}"),
                    // A body block keeps its own markers (`> `, `3. `, `  - `), so that a
                    // quotation or a numbered item stays one in both languages.
                    BlockKind::ListItem | BlockKind::Paragraph => {
                        match (p.kind, markers.is_empty()) {
                            (BlockKind::ListItem, true) => format!("- {text}"),
                            _ => format!("{markers}{text}"),
                        }
                    }
                };
                out.push_str(&line);
                out.push_str("\n\n");
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }

    /// The segment-aligned JSON for a CMS (schema 1).
    pub fn aligned_json(&self) -> String {
        #[derive(Serialize)]
        struct Aligned<'a> {
            schema: u32,
            slug: &'a str,
            source_lang: &'a str,
            target_lang: &'a str,
            draft: bool,
            blocks: Vec<AlignedBlock<'a>>,
            segments: &'a [SegmentPair],
        }
        #[derive(Serialize)]
        struct AlignedBlock<'a> {
            id: &'a str,
            kind: &'a str,
            source: &'a str,
            target: &'a str,
            unreviewed: usize,
        }
        let doc = Aligned {
            schema: 1,
            slug: &self.slug,
            source_lang: self.source_lang.code(),
            target_lang: self.target_lang.code(),
            draft: self.draft,
            blocks: self
                .pairs
                .iter()
                .map(|p| AlignedBlock {
                    id: &p.id,
                    kind: p.kind.name(),
                    source: &p.source,
                    target: &p.target,
                    unreviewed: p.unreviewed,
                })
                .collect(),
            segments: &self.segments,
        };
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Where an unreviewed translation came from, by the provenance note `translate` wrote.
fn origin_of(unit: &crate::workfile::Unit) -> Origin {
    use crate::workfile::edit::{MT_NOTE, TM_NOTE};
    let noted = |prefix: &str| {
        unit.comments
            .iter()
            .any(|c| c.trim_start().starts_with(prefix))
    };
    if noted(TM_NOTE) {
        Origin::Memory
    } else if noted(MT_NOTE) {
        Origin::Machine
    } else {
        Origin::Unreviewed
    }
}

/// The slug of a story: the front matter's `slug`, or the file name without its language
/// and extension (`drone-strikes.en.md` → `drone-strikes`).
pub fn slug(article: &Article, file_name: &str) -> String {
    let raw = front_value(article, "slug")
        .map(str::to_string)
        .unwrap_or_else(|| {
            let mut stem = file_name.to_string();
            for ext in [".md", ".markdown", ".txt"] {
                if let Some(s) = stem.strip_suffix(ext) {
                    stem = s.to_string();
                    break;
                }
            }
            for l in [".en", ".es"] {
                if let Some(s) = stem.strip_suffix(l) {
                    stem = s.to_string();
                    break;
                }
            }
            stem
        });
    // A slug names files: keep it to letters, digits, dashes and underscores.
    let clean: String = raw
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let clean = clean.trim_matches('-').to_string();
    if clean.is_empty() {
        "story".into()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests;
