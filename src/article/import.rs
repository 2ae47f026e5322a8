//! Import: turns a scraped plain-text article into a canonical Markdown article.
//!
//! The heuristics, in order (documented for editors in `docs/import.md`):
//! 1. Lines listed as page furniture in `data/furniture.txt` (`Related Articles`,
//!    `Back to top button`, share and subscribe lines) are scraping debris and are dropped;
//!    each dropped line is reported.
//! 2. A cross-link (`Also Read: Title`) becomes an entry of `related` in the front matter.
//! 3. The first line, when it is short (at most four words) and in capitals, is the kicker.
//! 4. The next line, when it has no final period, is the headline (`title`).
//! 5. A `By …` / `Por …` line near the top is the byline (`author`).
//! 6. A short line (at most twelve words) with no final punctuation, followed by a
//!    paragraph, is a subhead (`##`).
//! 7. Every other line is a paragraph. Characters that Markdown would read as markup are
//!    escaped, so the article renders as the text it was.
//!
//! With `keep_all`, nothing is dropped: debris lines stay as paragraphs. Pure: text in,
//! Markdown and a report out.

use std::sync::OnceLock;

use super::frontmatter;
use crate::lang::Lang;

/// Something import did to a line, for the report on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The line was dropped as page furniture.
    Dropped {
        /// 1-based line in the scraped file.
        line: usize,
        /// The line.
        text: String,
    },
    /// The line became a related link.
    Related {
        /// 1-based line in the scraped file.
        line: usize,
        /// The line.
        text: String,
    },
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The canonical article.
    pub markdown: String,
    /// What happened to special lines, in order.
    pub notes: Vec<Note>,
    /// Blocks written to the body and front matter.
    pub blocks: usize,
}

struct Furniture {
    debris: Vec<String>,
    prefixes: Vec<String>,
    related: Vec<String>,
}

fn furniture() -> &'static Furniture {
    static F: OnceLock<Furniture> = OnceLock::new();
    F.get_or_init(|| {
        let mut f = Furniture {
            debris: Vec::new(),
            prefixes: Vec::new(),
            related: Vec::new(),
        };
        let mut section = "";
        for line in include_str!("data/furniture.txt").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if line.starts_with('[') {
                section = line;
                continue;
            }
            let entry = line.to_lowercase();
            match section {
                "[debris]" => f.debris.push(entry),
                "[debris-prefix]" => f.prefixes.push(entry),
                "[related]" => f.related.push(entry),
                _ => {}
            }
        }
        f
    })
}

fn is_debris(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let f = furniture();
    f.debris.contains(&lower) || f.prefixes.iter().any(|p| lower.starts_with(p.as_str()))
}

fn related_title(line: &str) -> Option<&str> {
    let lower = line.to_lowercase();
    furniture().related.iter().find_map(|p| {
        if lower.starts_with(p.as_str()) {
            // Lowercasing keeps byte lengths for the ASCII and Spanish letters these use.
            let rest = line.get(p.len()..)?.trim();
            (!rest.is_empty()).then_some(rest)
        } else {
            None
        }
    })
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?…:;,”\"’»)".contains(c))
}

fn is_kicker(line: &str) -> bool {
    words(line) <= 4
        && line.chars().any(char::is_alphabetic)
        && !line.chars().any(char::is_lowercase)
        && !ends_sentence(line)
}

fn is_byline(line: &str) -> bool {
    (line.starts_with("By ") || line.starts_with("Por "))
        && words(line) <= 7
        && !ends_sentence(line)
}

fn is_subhead(line: &str) -> bool {
    words(line) <= 12 && !ends_sentence(line) && line.chars().next().is_some_and(char::is_uppercase)
}

/// Escapes what Markdown would read as markup in a line of plain text.
pub fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    // Block markers at the start of the line.
    let trimmed = line.trim_start();
    let lead = &line[..line.len() - trimmed.len()];
    out.push_str(lead);
    let mut body = trimmed;
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && (body[digits..].starts_with(". ") || body[digits..].starts_with(") ")) {
        out.push_str(&body[..digits]);
        out.push('\\');
        body = &body[digits..];
    } else if body.starts_with("- ")
        || body.starts_with("+ ")
        || body.starts_with('#')
        || body.starts_with('>')
        || body.starts_with('=')
        || body.starts_with("---")
    {
        out.push('\\');
    }
    for c in body.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Imports `text`, scraped in `lang`.
pub fn import(text: &str, lang: Lang, keep_all: bool) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let mut notes = Vec::new();
    let mut kicker = None;
    let mut title = None;
    let mut author = None;
    let mut related: Vec<String> = Vec::new();
    let mut body: Vec<String> = Vec::new();

    let mut content: Vec<(usize, &str)> = Vec::with_capacity(lines.len());
    for &(n, line) in &lines {
        if let Some(t) = related_title(line) {
            notes.push(Note::Related {
                line: n,
                text: line.to_string(),
            });
            related.push(t.to_string());
        } else if is_debris(line) && !keep_all {
            notes.push(Note::Dropped {
                line: n,
                text: line.to_string(),
            });
        } else {
            content.push((n, line));
        }
    }

    let mut i = 0;
    if let Some(&(_, first)) = content.first() {
        if is_kicker(first) && content.len() > 1 {
            kicker = Some(first.to_string());
            i = 1;
        }
    }
    if let Some(&(_, line)) = content.get(i) {
        if !ends_sentence(line) && words(line) <= 25 && content.len() > i + 1 {
            title = Some(line.to_string());
            i += 1;
        }
    }
    if let Some(&(_, line)) = content.get(i) {
        if is_byline(line) {
            author = Some(line.split_once(' ').map(|x| x.1).unwrap_or("").to_string());
            i += 1;
        }
    }
    for k in i..content.len() {
        let (_, line) = content[k];
        let next_is_paragraph = content
            .get(k + 1)
            .is_some_and(|&(_, n)| ends_sentence(n) && words(n) > 12);
        if is_subhead(line) && next_is_paragraph {
            body.push(format!("## {}", escape_markdown(line)));
        } else {
            body.push(escape_markdown(line));
        }
    }

    let mut md = String::with_capacity(text.len() + 256);
    md.push_str("---\n");
    md.push_str(&format!("lang: {}\n", lang.code()));
    let field = |md: &mut String, key: &str, value: &str| {
        md.push_str(key);
        md.push_str(": ");
        md.push_str(&yaml_value(value));
        md.push('\n');
    };
    if let Some(k) = &kicker {
        field(&mut md, "kicker", k);
    }
    if let Some(t) = &title {
        field(&mut md, "title", t);
    }
    if let Some(a) = &author {
        field(&mut md, "author", a);
    }
    if !related.is_empty() {
        md.push_str("related:\n");
        for r in &related {
            md.push_str("  - title: ");
            md.push_str(&yaml_value(r));
            md.push('\n');
        }
    }
    md.push_str("---\n");
    for b in &body {
        md.push('\n');
        md.push_str(b);
        md.push('\n');
    }
    let blocks = body.len() + kicker.is_some() as usize + title.is_some() as usize + related.len();
    Imported {
        markdown: md,
        notes,
        blocks,
    }
}

/// A YAML scalar for `value`: plain when it reads back unchanged, double-quoted otherwise.
fn yaml_value(value: &str) -> String {
    if frontmatter::plain_safe(value) {
        value.to_string()
    } else {
        let (escaped, _) = frontmatter::encode(value, super::Encoding::YamlDouble);
        format!("\"{escaped}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, BlockKind, Format};

    const SAMPLE: &str = include_str!("../../tests/fixtures/drone-strikes.en.txt");

    #[test]
    fn sample_article_structure() {
        let imp = import(SAMPLE, Lang::En, false);
        let dropped: Vec<_> = imp
            .notes
            .iter()
            .filter_map(|n| match n {
                Note::Dropped { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(dropped, ["Related Articles", "Back to top button"]);
        let a = Article::parse(imp.markdown.clone(), Format::Markdown, Lang::En).unwrap();
        let heads: Vec<_> = a
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Paragraph)
            .map(|b| (b.kind, a.block_text(b)))
            .collect();
        assert_eq!(
            heads,
            [
                (BlockKind::Kicker, "ANALYSIS"),
                (
                    BlockKind::Headline,
                    "Mexico Resists Drone Strikes: Tensions Grow Under Trump"
                ),
                (
                    BlockKind::RelatedTitle,
                    "Ecuador Decides: Constitutional Reforms, Controversies, and Democratic Future"
                ),
                (BlockKind::Subhead, "The Threat of Unilateral Measures"),
                (BlockKind::Subhead, "Echoes of Past Interventions"),
                (BlockKind::Subhead, "Balancing Cooperation and Sovereignty"),
            ]
        );
        assert!(!imp.markdown.contains("Also Read"));
        let keep = import(SAMPLE, Lang::En, true);
        assert!(keep.markdown.contains("\nBack to top button\n"));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_markdown("1. Not a list *x*"),
            "1\\. Not a list \\*x\\*"
        );
        assert_eq!(escape_markdown("# no heading"), "\\# no heading");
    }
}
