//! Front matter: the `---` YAML or `+++` TOML header of a canonical article.
//!
//! puente reads the subset newsrooms write by hand or by `puente import`: one `key: value`
//! (or `key = "value"`) per line, and `related` as a list of `{title, url}`. It records the
//! exact byte span of each translatable value so that merge can replace it without touching
//! anything else. It never rewrites the header: unknown keys, comments and spacing survive.
//! The one exception is the `draft` flag, which is not translatable: [`draft_edits`] says how
//! an edition flags a draft (`draft: true`, the line rewritten or added after the opening
//! delimiter, or a whole header `---\ndraft: true\n---\n` for an article without one) or
//! removes the flag from a final edition. It is the only place puente writes a key of its own.

use std::ops::Range;

use super::{BlockKind, Encoding};

/// One translatable value found in the front matter.
#[derive(Debug, Clone)]
pub struct Field {
    /// What the value is (kicker, headline, dek, related title).
    pub kind: BlockKind,
    /// Byte span of the value's content in the whole article (inside the quotes, if quoted).
    pub span: Range<usize>,
    /// How the value is written, so a translation can be written the same way.
    pub encoding: Encoding,
    /// The value as text, escapes resolved.
    pub text: String,
    /// 1-based line of the value.
    pub line: usize,
}

/// What the front matter says.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Byte span of the whole header, delimiters included.
    pub span: Range<usize>,
    /// Translatable values in order of appearance.
    pub fields: Vec<Field>,
    /// The `lang` value, if any.
    pub lang: Option<String>,
    /// Byte span of the `lang` value in the article (inside its quotes), so a merge can
    /// write the target language there.
    pub lang_span: Option<Range<usize>>,
    /// Other simple values (author, date, slug, draft, url of related links…), in order.
    pub values: Vec<(String, String)>,
    /// Whether the header is TOML (`+++`), not YAML (`---`).
    pub toml: bool,
    /// Byte span of each top-level `draft` line (not one inside `related` or a TOML table),
    /// its line ending included, so that an edition can rewrite or remove the flag.
    pub draft_lines: Vec<Range<usize>>,
    /// Byte offset just after the opening delimiter's line, where a flag is added.
    pub header_start: usize,
}

/// A front matter that puente cannot read, with the 1-based line where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based line in the article.
    pub line: usize,
    /// What is wrong, in English (the CLI shows a localized message built from `kind`).
    pub kind: FrontMatterErrorKind,
}

/// The ways front matter can be unreadable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterErrorKind {
    /// The header is opened but never closed.
    Unclosed,
    /// A quoted value has no closing quote on its line.
    UnclosedQuote,
    /// A multi-line value (`|`, `>`, `"""`), which puente does not translate.
    MultiLine,
    /// Invalid TOML, with the parser's message.
    Toml(String),
}

const TRANSLATABLE: &[(&str, BlockKind)] = &[
    ("kicker", BlockKind::Kicker),
    ("title", BlockKind::Headline),
    ("dek", BlockKind::Dek),
];

/// Finds and reads front matter at `start` (after any BOM) of `text`. Returns `Ok(None)` when
/// the article has none.
pub fn parse(text: &str, start: usize) -> Result<Option<FrontMatter>, FrontMatterError> {
    let rest = &text[start..];
    let delim = if rest.starts_with("---\n") || rest.starts_with("---\r\n") {
        "---"
    } else if rest.starts_with("+++\n") || rest.starts_with("+++\r\n") {
        "+++"
    } else {
        return Ok(None);
    };
    let toml = delim == "+++";
    let mut fm = FrontMatter {
        toml,
        ..FrontMatter::default()
    };
    let mut offset = start;
    let mut line_no = 1;
    let mut first = true;
    let mut in_related = false;
    // In TOML, whether a `[table]` or `[[array]]` opened: its keys are not the header's own.
    let mut in_table = false;
    let mut end = None;
    for raw in text[start..].split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if first {
            first = false;
            fm.header_start = offset;
            line_no += 1;
            continue;
        }
        if line == delim || (!toml && line == "...") {
            end = Some((line_start, offset));
            break;
        }
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            line_no += 1;
            continue;
        }
        if toml {
            if trimmed.starts_with("[[") {
                in_related = trimmed.trim_end() == "[[related]]";
                in_table = true;
            } else if trimmed.starts_with('[') {
                in_related = false;
                in_table = true;
            } else if let Some((key, value_at)) = split_key(trimmed, '=') {
                if key == "draft" && !in_table {
                    fm.draft_lines.push(line_start..offset);
                }
                let kind = if in_related {
                    (key == "title").then_some(BlockKind::RelatedTitle)
                } else {
                    translatable(key)
                };
                let abs = line_start + indent + value_at;
                read_value(text, abs, line_no, kind, key, true, &mut fm)?;
            }
        } else {
            let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
            let body_at = indent + (trimmed.len() - body.len());
            if indent == 0 && !trimmed.starts_with('-') {
                in_related = trimmed.starts_with("related:");
            }
            if let Some((key, value_at)) = split_key(body, ':') {
                if key == "draft" && indent == 0 && body_at == 0 {
                    fm.draft_lines.push(line_start..offset);
                }
                let kind = if indent == 0 {
                    translatable(key)
                } else if in_related && key == "title" {
                    Some(BlockKind::RelatedTitle)
                } else {
                    None
                };
                let abs = line_start + body_at + value_at;
                read_value(text, abs, line_no, kind, key, false, &mut fm)?;
            }
        }
        line_no += 1;
    }
    let Some((close_start, end)) = end else {
        return Err(FrontMatterError {
            line: 1,
            kind: FrontMatterErrorKind::Unclosed,
        });
    };
    if toml {
        let header_start = start + text[start..].find('\n').map(|i| i + 1).unwrap_or(0);
        let inner = &text[header_start..close_start];
        if let Err(e) = inner.parse::<toml::Table>() {
            let line = e
                .span()
                .map(|s| inner[..s.start].matches('\n').count() + 2)
                .unwrap_or(1);
            return Err(FrontMatterError {
                line,
                kind: FrontMatterErrorKind::Toml(e.message().to_string()),
            });
        }
    }
    fm.span = start..end;
    Ok(Some(fm))
}

/// The edits that make an article's front matter say what its edition is: with `draft`,
/// `draft: true` (`draft = true` in TOML), the first top-level `draft` line rewritten so and any
/// other removed, or the line added after the opening delimiter (where TOML's own keys must
/// be), or, for an article with no front matter, a header `---\ndraft: true\n---\n` put at
/// `start` (after any BOM); without `draft` (a final edition), every top-level `draft` line
/// removed, so that a flag the source carried never reaches a final edition. Each edit is a
/// byte range of `text` and what replaces it, in order; the line endings follow the article's
/// (CRLF stays CRLF).
pub fn draft_edits(
    text: &str,
    start: usize,
    front: Option<&FrontMatter>,
    draft: bool,
) -> Vec<(Range<usize>, String)> {
    let first_line = text[start..].split_inclusive('\n').next().unwrap_or("");
    let eol = if first_line.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let Some(fm) = front else {
        return if draft {
            vec![(start..start, format!("---{eol}draft: true{eol}---{eol}"))]
        } else {
            Vec::new()
        };
    };
    let line = |eol: &str| {
        let sep = if fm.toml { " = " } else { ": " };
        format!("draft{sep}true{eol}")
    };
    let mut edits = Vec::new();
    let mut lines = fm.draft_lines.iter();
    if draft {
        match lines.next() {
            Some(first) => {
                let own = &text[first.clone()];
                let eol = if own.ends_with("\r\n") {
                    "\r\n"
                } else if own.ends_with('\n') {
                    "\n"
                } else {
                    eol
                };
                edits.push((first.clone(), line(eol)));
            }
            None => edits.push((fm.header_start..fm.header_start, line(eol))),
        }
    }
    edits.extend(lines.map(|l| (l.clone(), String::new())));
    edits
}

fn translatable(key: &str) -> Option<BlockKind> {
    TRANSLATABLE
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, kind)| *kind)
}

/// Splits `key: value` / `key = value`; returns the key and the byte offset of the value.
fn split_key(line: &str, sep: char) -> Option<(&str, usize)> {
    let at = line.find(sep)?;
    let key = line[..at].trim();
    let key = key.trim_matches(['"', '\'']);
    if key.is_empty() || key.contains(' ') {
        return None;
    }
    let after = &line[at + 1..];
    // YAML needs a space (or the end of the line) after the colon.
    if sep == ':' && !(after.is_empty() || after.starts_with(' ') || after.starts_with('\t')) {
        return None;
    }
    let value_at = at + 1 + (after.len() - after.trim_start().len());
    Some((key, value_at))
}

#[allow(clippy::too_many_arguments)]
fn read_value(
    text: &str,
    abs: usize,
    line_no: usize,
    kind: Option<BlockKind>,
    key: &str,
    toml: bool,
    fm: &mut FrontMatter,
) -> Result<(), FrontMatterError> {
    let line_end = abs + text[abs..].find(['\n', '\r']).unwrap_or(text.len() - abs);
    let raw = &text[abs..line_end];
    let err = |kind| FrontMatterError {
        line: line_no,
        kind,
    };
    let (span, encoding, value) = if let Some(body) = raw.strip_prefix('"') {
        if toml && body.starts_with("\"\"") {
            return Err(err(FrontMatterErrorKind::MultiLine));
        }
        let close = find_closing_double(body).ok_or(err(FrontMatterErrorKind::UnclosedQuote))?;
        let content = &body[..close];
        let enc = if toml {
            Encoding::TomlBasic
        } else {
            Encoding::YamlDouble
        };
        (abs + 1..abs + 1 + close, enc, unescape_double(content))
    } else if let Some(body) = raw.strip_prefix('\'') {
        if toml && body.starts_with("''") {
            return Err(err(FrontMatterErrorKind::MultiLine));
        }
        let close = if toml {
            body.find('\'')
        } else {
            find_closing_single_yaml(body)
        }
        .ok_or(err(FrontMatterErrorKind::UnclosedQuote))?;
        let content = &body[..close];
        let (enc, value) = if toml {
            (Encoding::TomlLiteral, content.to_string())
        } else {
            (Encoding::YamlSingle, content.replace("''", "'"))
        };
        (abs + 1..abs + 1 + close, enc, value)
    } else {
        if !toml && (raw.starts_with('|') || raw.starts_with('>')) {
            return Err(err(FrontMatterErrorKind::MultiLine));
        }
        // A plain value ends at a comment (` #`) or the end of the line.
        let content_end = raw.find(" #").unwrap_or(raw.len());
        let content = raw[..content_end].trim_end();
        (
            abs..abs + content.len(),
            Encoding::YamlPlain,
            content.to_string(),
        )
    };
    if key == "lang" {
        fm.lang = Some(value.clone());
        fm.lang_span = Some(span.clone());
    }
    match kind {
        Some(kind) if !value.trim().is_empty() => fm.fields.push(Field {
            kind,
            span,
            encoding,
            text: value,
            line: line_no,
        }),
        _ => fm.values.push((key.to_string(), value)),
    }
    Ok(())
}

fn find_closing_double(body: &str) -> Option<usize> {
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn find_closing_single_yaml(body: &str) -> Option<usize> {
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\'' {
            if b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Resolves the escapes YAML and TOML double-quoted strings share.
fn unescape_double(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        out.push_str("\\u");
                        out.push_str(&hex);
                    }
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Writes `value` so that it reads back as `value` in the given encoding. Returns the text and
/// whether it replaces the value's quotes too: a TOML literal string cannot hold a `'`, so such
/// a value is rewritten as a basic string, quotes included. A plain YAML value that would not
/// survive unquoted is written double-quoted (its span has no quotes to replace).
pub fn encode(value: &str, encoding: Encoding) -> (String, bool) {
    match encoding {
        Encoding::Raw => (value.to_string(), false),
        Encoding::YamlDouble | Encoding::TomlBasic => (escape_double(value), false),
        Encoding::YamlSingle => (value.replace('\'', "''").replace('\n', " "), false),
        Encoding::TomlLiteral => {
            if value.contains('\'') || value.contains('\n') {
                (format!("\"{}\"", escape_double(value)), true)
            } else {
                (value.to_string(), false)
            }
        }
        Encoding::YamlPlain => {
            if plain_safe(value) {
                (value.to_string(), false)
            } else {
                (format!("\"{}\"", escape_double(value)), false)
            }
        }
    }
}

fn escape_double(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Whether a value can be written as a plain YAML scalar and read back unchanged.
pub fn plain_safe(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    !(value.trim() != value
        || "-?:,[]{}#&*!|>'\"%@`«“¿¡".contains(first)
        || value.contains(": ")
        || value.contains(" #")
        || value.ends_with(':')
        || value.contains('\n')
        || matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "~" | "on" | "off"
        )
        || value.parse::<f64>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_spans_point_inside_quotes() {
        let text = "---\nlang: en\ntitle: \"Mexico \\\"Resists\\\"\"\nkicker: ANALYSIS # label\nrelated:\n  - title: 'It''s on'\n    url: https://x.test/a\n---\nBody\n";
        let fm = parse(text, 0).unwrap().unwrap();
        assert_eq!(fm.lang.as_deref(), Some("en"));
        let texts: Vec<_> = fm.fields.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["Mexico \"Resists\"", "ANALYSIS", "It's on"]);
        assert_eq!(&text[fm.fields[1].span.clone()], "ANALYSIS");
        assert_eq!(&text[fm.fields[2].span.clone()], "It''s on");
        assert_eq!(&text[fm.span.clone()], &text[..text.find("Body").unwrap()]);
    }

    #[test]
    fn toml_front_matter_and_errors() {
        let text = "+++\ntitle = \"Hola\"\n[[related]]\ntitle = 'Lee'\nurl = \"u\"\n+++\n";
        let fm = parse(text, 0).unwrap().unwrap();
        assert_eq!(fm.fields.len(), 2);
        let bad = "+++\ntitle = \"Hola\"\nnope nope\n+++\n";
        let e = parse(bad, 0).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(parse("---\ntitle: x\n", 0).is_err());
    }

    #[test]
    fn plain_values_that_need_quotes_get_them() {
        assert_eq!(encode("Hola", Encoding::YamlPlain).0, "Hola");
        assert_eq!(
            encode("México: tensión", Encoding::YamlPlain).0,
            "\"México: tensión\""
        );
        assert_eq!(encode("«Sí»", Encoding::YamlPlain).0, "\"«Sí»\"");
        assert_eq!(
            encode("It's", Encoding::TomlLiteral),
            ("\"It's\"".to_string(), true)
        );
    }

    /// The article `text` rendered as a draft (`Some(true)`), a final edition (`Some(false)`)
    /// or as it is (`None`), nothing translated.
    fn edition(text: &str, draft: Option<bool>) -> String {
        use crate::article::{Article, Edition, Format};
        let a = Article::parse(text.to_string(), Format::Markdown, crate::lang::Lang::En).unwrap();
        a.render_in(&Edition { lang: None, draft }, |_| None)
    }

    #[test]
    fn draft_is_a_known_value_never_a_segment() {
        let text =
            "---\ntitle: Hola\ndraft: true\nrelated:\n  - title: Lee\n    draft: x\n---\nBody.\n";
        let fm = parse(text, 0).unwrap().unwrap();
        assert_eq!(fm.fields.len(), 2, "title and the related title only");
        assert!(fm
            .values
            .contains(&("draft".to_string(), "true".to_string())));
        // Only the header's own `draft` line is the flag, not one inside `related`.
        assert_eq!(fm.draft_lines.len(), 1);
        assert_eq!(&text[fm.draft_lines[0].clone()], "draft: true\n");
        let toml = "+++\ntitle = \"Hola\"\n[extra]\ndraft = false\n+++\n";
        assert!(parse(toml, 0).unwrap().unwrap().draft_lines.is_empty());
    }

    #[test]
    fn a_draft_says_draft_true_after_the_opening_line() {
        assert_eq!(
            edition("---\ntitle: Hola\n---\nBody.\n", Some(true)),
            "---\ndraft: true\ntitle: Hola\n---\nBody.\n"
        );
        // TOML's own keys must come before any table: the flag goes first there too.
        assert_eq!(
            edition(
                "\u{feff}+++\r\ntitle = 'Hola'\r\n[[related]]\r\ntitle = 'Lee'\r\n+++\r\nBody.\r\n",
                Some(true)
            ),
            "\u{feff}+++\r\ndraft = true\r\ntitle = 'Hola'\r\n[[related]]\r\ntitle = 'Lee'\r\n+++\r\nBody.\r\n"
        );
        // An article with no front matter gets a minimal one, after its BOM.
        assert_eq!(
            edition("\u{feff}# Hola\n\nBody.\n", Some(true)),
            "\u{feff}---\ndraft: true\n---\n# Hola\n\nBody.\n"
        );
        assert_eq!(
            edition("Body.\r\n", Some(true)),
            "---\r\ndraft: true\r\n---\r\nBody.\r\n"
        );
    }

    #[test]
    fn an_existing_flag_is_rewritten_in_a_draft_and_removed_from_a_final_edition() {
        let text = "---\ndraft: false # wip\ntitle: Hola\ndraft: no\n---\nBody.\n";
        assert_eq!(
            edition(text, Some(true)),
            "---\ndraft: true\ntitle: Hola\n---\nBody.\n"
        );
        assert_eq!(edition(text, Some(false)), "---\ntitle: Hola\n---\nBody.\n");
        // A draft rendered again as a draft is the same draft.
        let draft = edition(text, Some(true));
        assert_eq!(edition(&draft, Some(true)), draft);
        // Nothing asked, nothing changed; a final edition of an unflagged article is itself.
        assert_eq!(edition(text, None), text);
        let plain = "---\ntitle: Hola\n---\nBody.\n";
        assert_eq!(edition(plain, Some(false)), plain);
        assert_eq!(edition("Body.\n", Some(false)), "Body.\n");
        let toml = "+++\ndraft = true\ntitle = \"Hola\"\n+++\n";
        assert_eq!(edition(toml, Some(false)), "+++\ntitle = \"Hola\"\n+++\n");
    }

    #[test]
    fn a_text_is_flagged_without_being_rendered() {
        use crate::article::with_draft_flag;
        assert_eq!(with_draft_flag("", true), "---\ndraft: true\n---\n");
        assert_eq!(
            with_draft_flag("---\ndraft: true\nlang: es\n---\nB\n", false),
            "---\nlang: es\n---\nB\n"
        );
        // A header puente cannot read is left alone.
        assert_eq!(with_draft_flag("---\ntitle: x\n", true), "---\ntitle: x\n");
    }
}
