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
//!
//! The keys puente knows are one list, [`KEYS`] (and [`RELATED_KEYS`] for each related link),
//! with what each value must be. Reading is lenient, so that every command can read an article
//! written before a rule existed; what [`FrontMatter::check`] says is what `segment` enforces:
//! an unknown key is a warning ([`FrontMatterWarning`], with the closest known key: a CMS adds
//! keys of its own, and they are kept), a value that is not what its key needs (a `lang` puente
//! does not translate, a date that is not a calendar date, a `draft` that is not `true` or
//! `false`, `related` that is not a list of links) an error naming its line.

use std::borrow::Cow;
use std::ops::Range;

use super::{BlockKind, Encoding};
use crate::lang::Lang;

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
    /// Keys puente does not know, in order (see [`KEYS`]).
    pub warnings: Vec<FrontMatterWarning>,
    /// Values that are not what their key needs, in order: what [`FrontMatter::check`]
    /// refuses. Reading goes on past them, so commands that only read an article (merge,
    /// publish) still read one written before the rule.
    pub problems: Vec<FrontMatterError>,
}

/// What a known key's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// Text that is translated, as a block of this kind.
    Translated(BlockKind),
    /// The article's language: `en`, `es`, or a regional form (`en-US`, `es-MX`, `es_MX`).
    Lang,
    /// A calendar date, `YYYY-MM-DD` (a time may follow: `2026-11-23T08:00:00Z`).
    Date,
    /// `true` or `false`.
    Flag,
    /// The related links: a list of links, each with a `title` (translated) and a `url`.
    Related,
    /// Text kept as it is (the author, the slug, a link's URL).
    Text,
}

/// Every key puente knows at the top of a front matter, and what its value must be. Any other
/// key is kept as it is, never translated, and warned about with the closest of these.
pub const KEYS: &[(&str, KeyKind)] = &[
    ("lang", KeyKind::Lang),
    ("kicker", KeyKind::Translated(BlockKind::Kicker)),
    ("title", KeyKind::Translated(BlockKind::Headline)),
    ("dek", KeyKind::Translated(BlockKind::Dek)),
    ("author", KeyKind::Text),
    ("byline", KeyKind::Text),
    ("date", KeyKind::Date),
    ("slug", KeyKind::Text),
    ("draft", KeyKind::Flag),
    ("related", KeyKind::Related),
];

/// The keys of each link in `related` (the rest of the one list of known keys, [`KEYS`]).
pub const RELATED_KEYS: &[(&str, KeyKind)] = &[
    ("title", KeyKind::Translated(BlockKind::RelatedTitle)),
    ("url", KeyKind::Text),
];

/// Something in a front matter puente reads but does not act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterWarning {
    /// A key puente does not know: kept as it is, never translated (a misspelled `kikcer`
    /// drops the kicker from the translation, so it is said).
    UnknownKey {
        /// 1-based line in the article.
        line: usize,
        /// The key as written.
        key: String,
        /// The closest known key, when one is close (`kicker` for `kikcer`).
        closest: Option<&'static str>,
        /// Whether the key is in a related link (whose keys are [`RELATED_KEYS`]).
        related: bool,
    },
}

/// The known key closest to `key` among `known`, when one is close enough to be a slip of the
/// keyboard: at most one edit (a transposition counts as one) for a short key, two for a longer
/// one, letter case aside.
pub fn closest_key(key: &str, known: &[(&'static str, KeyKind)]) -> Option<&'static str> {
    let lower = key.to_lowercase();
    let limit = if lower.chars().count() <= 4 { 1 } else { 2 };
    known
        .iter()
        .map(|(k, _)| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

impl FrontMatter {
    /// Whether every value is what its key needs: the first that is not, with its line.
    pub fn check(&self) -> Result<(), FrontMatterError> {
        match self.problems.first() {
            Some(p) => Err(p.clone()),
            None => Ok(()),
        }
    }
}

/// A front matter that puente cannot read, with the 1-based line where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based line in the article.
    pub line: usize,
    /// What is wrong, in English (the CLI shows a localized message built from `kind`).
    pub kind: FrontMatterErrorKind,
}

/// The ways front matter can be unreadable, or hold a value its key does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterErrorKind {
    /// The header is opened (on the error's line) but never closed.
    Unclosed {
        /// The delimiter that closes it (`---` or `+++`).
        delim: &'static str,
        /// The last line that reads as part of the header (a key, an item, a comment), after
        /// which the closing delimiter belongs.
        last: usize,
    },
    /// A quoted value has no closing quote on its line.
    UnclosedQuote,
    /// A multi-line value (`|`, `>`, `"""`), which puente does not translate.
    MultiLine,
    /// Invalid TOML, with the parser's message.
    Toml(String),
    /// A `lang` puente does not translate.
    Lang {
        /// The value as written.
        value: String,
    },
    /// A `date` that is not a calendar date (the rule publish uses: [`iso_date`]).
    Date {
        /// The value as written.
        value: String,
    },
    /// A `draft` that is neither `true` nor `false`.
    Draft {
        /// The value as written.
        value: String,
    },
    /// `related` that is not a list of links each with a title.
    Related {
        /// What is wrong with it.
        problem: RelatedProblem,
        /// Whether the header is TOML (the fix is written differently).
        toml: bool,
    },
}

/// How `related` can be other than a list of links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelatedProblem {
    /// A single value or a table, not a list.
    NotAList,
    /// A list written on one line (`[…]`), whose titles puente would not translate.
    Inline,
    /// An item that is not a link (`- Budget talks` instead of `- title: Budget talks`).
    NotALink,
    /// A link without a title.
    NoTitle,
}

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
    // The closing delimiter is found first: a header that never closes is said to be so,
    // whatever its lines (or the article's text after them) hold.
    let (close_start, end) = find_close(text, start, delim, toml)?;
    let mut fm = FrontMatter {
        toml,
        ..FrontMatter::default()
    };
    let mut r = Reader {
        text,
        toml,
        fm: &mut fm,
        in_related: false,
        in_table: false,
        items: Vec::new(),
    };
    let mut offset = start;
    let mut line_no = 1;
    for raw in text[start..close_start].split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        if line_no == 1 {
            r.fm.header_start = offset;
            line_no += 1;
            continue;
        }
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        if !(trimmed.is_empty() || trimmed.starts_with('#')) {
            let indent = line.len() - trimmed.len();
            if toml {
                r.toml_line(trimmed, line_start + indent, line_start..offset, line_no)?;
            } else {
                r.yaml_line(trimmed, indent, line_start, line_start..offset, line_no)?;
            }
        }
        line_no += 1;
    }
    r.end_related();
    if toml {
        let header_start = fm.header_start;
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

/// The span of the closing delimiter's line, or the error saying the header never closes and
/// after which line its closing delimiter belongs: the last key, item or indented line before
/// the first line that is none of these (the article's text, or a `# Heading` after a blank
/// line). Blank lines and comments are passed over.
fn find_close(
    text: &str,
    start: usize,
    delim: &'static str,
    toml: bool,
) -> Result<(usize, usize), FrontMatterError> {
    let mut offset = start;
    let mut last = 1;
    let mut in_header = true;
    let mut after_blank = false;
    for (i, raw) in text[start..].split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += raw.len();
        if i == 0 {
            continue;
        }
        let line = raw.trim_end_matches(['\n', '\r']);
        if line == delim || (!toml && line == "...") {
            return Ok((line_start, offset));
        }
        let trimmed = line.trim_start();
        if !in_header {
            continue;
        }
        if trimmed.is_empty() {
            after_blank = true;
            continue;
        }
        if trimmed.starts_with('#') {
            // After a blank line, a `# ` line is the article's first heading.
            in_header = !after_blank;
            continue;
        }
        after_blank = false;
        let part = trimmed.len() != line.len()
            || if toml {
                trimmed.starts_with('[') || split_key(trimmed, '=').is_some()
            } else {
                trimmed.starts_with('-') || split_key(trimmed, ':').is_some()
            };
        if part {
            last = i + 1;
        } else {
            in_header = false;
        }
    }
    Err(FrontMatterError {
        line: 1,
        kind: FrontMatterErrorKind::Unclosed { delim, last },
    })
}

/// The state of reading a header line by line.
struct Reader<'t, 'f> {
    text: &'t str,
    toml: bool,
    fm: &'f mut FrontMatter,
    /// Whether the lines read are `related`'s (its YAML list, or a TOML `[[related]]` table).
    in_related: bool,
    /// In TOML, whether a `[table]` or `[[array]]` opened: its keys are not the header's own.
    in_table: bool,
    /// The links of the `related` being read: the line each starts on, and whether it has a
    /// title.
    items: Vec<(usize, bool)>,
}

impl Reader<'_, '_> {
    fn yaml_line(
        &mut self,
        trimmed: &str,
        indent: usize,
        line_start: usize,
        whole: Range<usize>,
        line_no: usize,
    ) -> Result<(), FrontMatterError> {
        // A top-level key starts at the margin; a `- ` item there belongs to the key above
        // (YAML lets a list sit at its key's indentation).
        if indent == 0 && !trimmed.starts_with('-') {
            self.end_related();
            let Some((key, value_at)) = split_key(trimmed, ':') else {
                return Ok(());
            };
            if key == "draft" {
                self.fm.draft_lines.push(whole);
            }
            return self.top_key(key, line_start + value_at, line_no);
        }
        let dash = trimmed == "-" || trimmed.starts_with("- ");
        let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        let body_at = indent + (trimmed.len() - body.len());
        if !self.in_related {
            // A value nested under another key: read (so a broken quote is said) and kept.
            if let Some((key, value_at)) = split_key(body, ':') {
                self.read_value(line_start + body_at + value_at, line_no, None, key)?;
            }
            return Ok(());
        }
        if dash {
            self.items.push((line_no, false));
        }
        match split_key(body, ':') {
            Some((key, value_at)) => {
                if self.items.is_empty() {
                    self.problem(line_no, related(RelatedProblem::NotAList, false));
                }
                self.related_key(key, line_start + body_at + value_at, line_no)
            }
            None => {
                if dash {
                    self.problem(line_no, related(RelatedProblem::NotALink, false));
                }
                Ok(())
            }
        }
    }

    fn toml_line(
        &mut self,
        trimmed: &str,
        at: usize,
        whole: Range<usize>,
        line_no: usize,
    ) -> Result<(), FrontMatterError> {
        if let Some(name) = trimmed.strip_prefix("[[") {
            self.end_related();
            let name = name.split("]]").next().unwrap_or("").trim();
            self.in_table = true;
            self.in_related = name == "related";
            if self.in_related {
                self.items.push((line_no, false));
            } else {
                self.table_name(name, line_no);
            }
            return Ok(());
        }
        if let Some(name) = trimmed.strip_prefix('[') {
            self.end_related();
            let name = name.split(']').next().unwrap_or("").trim();
            self.in_table = true;
            if name == "related" {
                self.problem(line_no, related(RelatedProblem::NotAList, true));
            } else {
                self.table_name(name, line_no);
            }
            return Ok(());
        }
        let Some((key, value_at)) = split_key(trimmed, '=') else {
            return Ok(());
        };
        if self.in_related {
            self.related_key(key, at + value_at, line_no)
        } else if self.in_table {
            // A table's own keys are its business.
            self.read_value(at + value_at, line_no, None, key)
                .map(|_| ())
        } else {
            if key == "draft" {
                self.fm.draft_lines.push(whole);
            }
            self.top_key(key, at + value_at, line_no)
        }
    }

    /// A TOML table puente does not know is an unknown key of the header (by its first part:
    /// `[seo.meta]` is `seo`'s).
    fn table_name(&mut self, name: &str, line_no: usize) {
        let first = name
            .split('.')
            .next()
            .unwrap_or(name)
            .trim_matches(['"', '\'']);
        if known(first, KEYS).is_none() {
            self.warn(line_no, first, KEYS, false);
        }
    }

    /// A key of the header itself, its value at `abs`.
    fn top_key(&mut self, key: &str, abs: usize, line_no: usize) -> Result<(), FrontMatterError> {
        // A dotted TOML key (`seo.title`) is its first part's.
        let first = if self.toml {
            key.split('.').next().unwrap_or(key)
        } else {
            key
        };
        let kind = known(first, KEYS).filter(|_| first == key);
        if known(first, KEYS).is_none() {
            self.warn(line_no, first, KEYS, false);
        }
        let (value, span) = self.read_value(abs, line_no, translated(kind), key)?;
        let bare = value.trim();
        let problem = match kind {
            Some(KeyKind::Lang) => {
                self.fm.lang = Some(value.clone());
                self.fm.lang_span = Some(span);
                bare.parse::<Lang>()
                    .is_err()
                    .then(|| FrontMatterErrorKind::Lang {
                        value: value.clone(),
                    })
            }
            Some(KeyKind::Date) => iso_date(bare)
                .is_none()
                .then(|| FrontMatterErrorKind::Date {
                    value: value.clone(),
                }),
            Some(KeyKind::Flag) => (!bare.eq_ignore_ascii_case("true")
                && !bare.eq_ignore_ascii_case("false"))
            .then(|| FrontMatterErrorKind::Draft {
                value: value.clone(),
            }),
            Some(KeyKind::Related) => {
                self.in_related = !self.toml;
                // An empty value opens the list below it; `[]` is an empty list.
                let inline = bare.starts_with('[') && bare != "[]";
                if inline {
                    Some(related(RelatedProblem::Inline, self.toml))
                } else if !bare.is_empty() && bare != "[]" {
                    Some(related(RelatedProblem::NotAList, self.toml))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(kind) = problem {
            self.problem(line_no, kind);
        }
        Ok(())
    }

    /// A key of a related link, its value at `abs`.
    fn related_key(
        &mut self,
        key: &str,
        abs: usize,
        line_no: usize,
    ) -> Result<(), FrontMatterError> {
        let kind = known(key, RELATED_KEYS);
        if kind.is_none() {
            self.warn(line_no, key, RELATED_KEYS, true);
        }
        let (value, _) = self.read_value(abs, line_no, translated(kind), key)?;
        if key == "title" && !value.trim().is_empty() {
            if let Some(item) = self.items.last_mut() {
                item.1 = true;
            }
        }
        Ok(())
    }

    /// Closes the `related` being read: each link must have a title.
    fn end_related(&mut self) {
        self.in_related = false;
        for (line, titled) in std::mem::take(&mut self.items) {
            if !titled {
                self.problem(line, related(RelatedProblem::NoTitle, self.toml));
            }
        }
    }

    fn warn(&mut self, line: usize, key: &str, among: &[(&'static str, KeyKind)], rel: bool) {
        self.fm.warnings.push(FrontMatterWarning::UnknownKey {
            line,
            key: key.to_string(),
            closest: closest_key(key, among),
            related: rel,
        });
    }

    fn problem(&mut self, line: usize, kind: FrontMatterErrorKind) {
        self.fm.problems.push(FrontMatterError { line, kind });
    }

    fn read_value(
        &mut self,
        abs: usize,
        line_no: usize,
        kind: Option<BlockKind>,
        key: &str,
    ) -> Result<(String, Range<usize>), FrontMatterError> {
        read_value(self.text, abs, line_no, kind, key, self.toml, self.fm)
    }
}

fn related(problem: RelatedProblem, toml: bool) -> FrontMatterErrorKind {
    FrontMatterErrorKind::Related { problem, toml }
}

/// `YYYY-MM-DD` at the start of a front matter date (`2026-11-23`, `2026-11-23T08:00:00Z`),
/// if it is a real calendar date and what follows it, if anything, a real time of day as RFC
/// 3339 and YAML write one (`T` or a space, `HH:MM`, optional seconds and fraction, then `Z`
/// or an offset): the one rule `segment` checks and `publish` shows.
pub fn iso_date(value: &str) -> Option<String> {
    let d = value.trim().trim_matches(['"', '\'']);
    let head = d.get(..10)?;
    let (y, m, day) = parse_date(head)?;
    let rest = &d[10..];
    if !rest.is_empty() && !time_of_day(rest) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{day:02}"))
}

/// Whether `s` is the time part of an RFC 3339, YAML or Jekyll date-time: `T08:00`,
/// `T08:00:00`, ` 8:00:00.5`, each with an optional zone after it (a space before it, as
/// YAML and Jekyll allow): `Z`, or an offset `±HH:MM`, `±HHMM`, `±HH` or `±H`
/// (`2016-05-20 22:34:00 -0500`), with hours below 24, minutes below 60 and seconds up to a
/// leap second's 60.
fn time_of_day(s: &str) -> bool {
    let Some(s) = s.strip_prefix(['T', 't', ' ']) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // One or two digits for an hour, as YAML writes them; exactly two for the rest.
    let hour = |s: &str| s.len() <= 2 && digits(s) && s.parse::<u32>().is_ok_and(|n| n <= 23);
    let two =
        |s: &str, max: u32| s.len() == 2 && digits(s) && s.parse::<u32>().is_ok_and(|n| n <= max);
    let (clock, zone) = match s.find(['Z', 'z', '+', '-']) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let clock = clock.trim_end();
    let mut parts = clock.splitn(3, ':');
    let (Some(h), Some(m)) = (parts.next(), parts.next()) else {
        return false;
    };
    let seconds_ok = match parts.next() {
        None => true,
        Some(sec) => {
            let (whole, fraction) = sec.split_once('.').unwrap_or((sec, "0"));
            two(whole, 60) && digits(fraction)
        }
    };
    let zone_ok = match zone {
        "" | "Z" | "z" => true,
        z => {
            let offset = &z[1..];
            match offset.split_once(':') {
                Some((oh, om)) => hour(oh) && two(om, 59),
                None if offset.len() == 4 => hour(&offset[..2]) && two(&offset[2..], 59),
                None => hour(offset),
            }
        }
    };
    hour(h) && two(m, 59) && seconds_ok && zone_ok
}

/// (year, month, day) of `YYYY-MM-DD`, if it is a real calendar date.
pub fn parse_date(d: &str) -> Option<(u32, u32, u32)> {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: u32 = d[..4].parse().ok()?;
    let m: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    ((1..=12).contains(&m) && (1..=days[(m - 1) as usize]).contains(&day)).then_some((y, m, day))
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

/// What `key` is among `known`, if puente knows it.
fn known(key: &str, known: &[(&str, KeyKind)]) -> Option<KeyKind> {
    known.iter().find(|(k, _)| *k == key).map(|(_, kind)| *kind)
}

/// The block kind of a translated key.
fn translated(kind: Option<KeyKind>) -> Option<BlockKind> {
    match kind {
        Some(KeyKind::Translated(b)) => Some(b),
        _ => None,
    }
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

fn read_value(
    text: &str,
    abs: usize,
    line_no: usize,
    kind: Option<BlockKind>,
    key: &str,
    toml: bool,
    fm: &mut FrontMatter,
) -> Result<(String, Range<usize>), FrontMatterError> {
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
    match kind {
        Some(kind) if !value.trim().is_empty() => fm.fields.push(Field {
            kind,
            span: span.clone(),
            encoding,
            text: value.clone(),
            line: line_no,
        }),
        _ => fm.values.push((key.to_string(), value.clone())),
    }
    Ok((value, span))
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
pub fn encode(value: &str, encoding: Encoding) -> (Cow<'_, str>, bool) {
    // Most values are written as they are (every sentence of the body is `Raw`): those are
    // not copied.
    match encoding {
        Encoding::Raw => (value.into(), false),
        Encoding::YamlDouble | Encoding::TomlBasic => (escape_double(value).into(), false),
        Encoding::YamlSingle => (value.replace('\'', "''").replace('\n', " ").into(), false),
        Encoding::TomlLiteral => {
            if value.contains('\'') || value.contains('\n') {
                (format!("\"{}\"", escape_double(value)).into(), true)
            } else {
                (value.into(), false)
            }
        }
        Encoding::YamlPlain => {
            if plain_safe(value) {
                (value.into(), false)
            } else {
                (format!("\"{}\"", escape_double(value)).into(), false)
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
    fn the_closest_known_key_is_one_slip_of_the_keyboard_away() {
        assert_eq!(closest_key("kikcer", KEYS), Some("kicker"));
        assert_eq!(closest_key("tittle", KEYS), Some("title"));
        assert_eq!(closest_key("Title", KEYS), Some("title"));
        assert_eq!(closest_key("lnag", KEYS), Some("lang"));
        assert_eq!(closest_key("dates", KEYS), Some("date"));
        assert_eq!(closest_key("ulr", RELATED_KEYS), Some("url"));
        // Nothing close: no guess.
        assert_eq!(closest_key("cms_id", KEYS), None);
        assert_eq!(closest_key("tags", KEYS), None);
        assert_eq!(closest_key("seo", KEYS), None);
    }

    /// The warnings of `text`'s front matter, as (line, key, closest).
    fn unknown(text: &str) -> Vec<(usize, String, Option<&'static str>)> {
        parse(text, 0)
            .unwrap()
            .unwrap()
            .warnings
            .into_iter()
            .map(|w| match w {
                FrontMatterWarning::UnknownKey {
                    line, key, closest, ..
                } => (line, key, closest),
            })
            .collect()
    }

    #[test]
    fn unknown_keys_are_warned_once_with_their_line_and_nested_values_are_their_keys_own() {
        let text = "---\ntitle: A\nkikcer: B\nseo:\n  description: d\n  tags:\n    - x\nrelated:\n  - title: L\n    ulr: u\n---\n";
        assert_eq!(
            unknown(text),
            [
                (3, "kikcer".to_string(), Some("kicker")),
                (4, "seo".to_string(), None),
                (10, "ulr".to_string(), Some("url")),
            ]
        );
        // The misspelled kicker is kept, not translated.
        let fm = parse(text, 0).unwrap().unwrap();
        assert_eq!(fm.fields.len(), 2, "title and the related title");
        assert!(fm.values.contains(&("kikcer".to_string(), "B".to_string())));
        let toml =
            "+++\ntitle = 'A'\nseo.title = 'x'\n[extra]\nfoo = 1\n[[related]]\ntitle = 'L'\n+++\n";
        assert_eq!(
            unknown(toml),
            [(3, "seo".to_string(), None), (4, "extra".to_string(), None)]
        );
        // A dotted key is not the known key it starts like.
        assert_eq!(parse(toml, 0).unwrap().unwrap().fields.len(), 2);
    }

    #[test]
    fn a_link_at_the_margin_of_related_is_a_link_and_a_nested_lang_is_not_the_articles() {
        let text = "---\nrelated:\n- title: Lee\n  url: u\n  lang: fr\ntitle: Hola\n---\n";
        let fm = parse(text, 0).unwrap().unwrap();
        let kinds: Vec<_> = fm
            .fields
            .iter()
            .map(|f| (f.kind, f.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::RelatedTitle, "Lee"),
                (BlockKind::Headline, "Hola")
            ]
        );
        assert_eq!(fm.lang, None);
        // `lang` in a link is not a related key: warned, not checked as the article's.
        assert!(fm.check().is_ok());
        assert_eq!(unknown(text), [(5, "lang".to_string(), None)]);
    }

    #[test]
    fn a_bad_value_is_a_problem_with_its_line_and_reading_goes_on() {
        let check = |text: &str| parse(text, 0).unwrap().unwrap().check();
        let err = |line, kind| Err(FrontMatterError { line, kind });
        // Read all the same (merge and publish read articles segmented before the rule).
        let fm = parse("---\ndate: 2026-02-30\ntitle: A\n---\n", 0)
            .unwrap()
            .unwrap();
        assert_eq!(fm.fields.len(), 1);
        assert_eq!(
            fm.check(),
            err(
                2,
                FrontMatterErrorKind::Date {
                    value: "2026-02-30".into()
                }
            )
        );
        assert_eq!(
            check("---\ntitle: A\nlang: eng\n---\n"),
            err(
                3,
                FrontMatterErrorKind::Lang {
                    value: "eng".into()
                }
            )
        );
        assert_eq!(
            check("---\ndraft: yes\n---\n"),
            err(
                2,
                FrontMatterErrorKind::Draft {
                    value: "yes".into()
                }
            )
        );
        let related = |problem| FrontMatterErrorKind::Related {
            problem,
            toml: false,
        };
        assert_eq!(
            check("---\nrelated:\n  - title: A\n  - url: u\n  - title: B\n---\n"),
            err(4, related(RelatedProblem::NoTitle))
        );
        assert_eq!(
            check("---\nrelated:\n  - Budget\n---\n"),
            err(3, related(RelatedProblem::NotALink))
        );
        assert_eq!(
            check("---\nrelated: x\n---\n"),
            err(2, related(RelatedProblem::NotAList))
        );
        // An empty title is no title (publish pairs titles and URLs in order).
        assert_eq!(
            check("---\nrelated:\n  - title: ''\n    url: u\n---\n"),
            err(3, related(RelatedProblem::NoTitle))
        );
        for fine in [
            "---\nlang: ES-mx\ndate: '2024-02-29'\ndraft: False\nrelated: []\n---\n",
            "+++\ndate = 2026-11-23T08:00:00Z\ndraft = true\n[[related]]\ntitle = 'L'\n+++\n",
        ] {
            assert_eq!(check(fine), Ok(()), "{fine}");
        }
    }

    #[test]
    fn an_unclosed_header_names_the_line_its_delimiter_belongs_after() {
        let unclosed = |text: &str| match parse(text, 0) {
            Err(FrontMatterError {
                line: 1,
                kind: FrontMatterErrorKind::Unclosed { delim, last },
            }) => (delim, last),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            unclosed("---\ntitle: A\n# a comment\nlang: en\n\n# Heading\n\nText: here.\n"),
            ("---", 4)
        );
        assert_eq!(
            unclosed("---\ntitle: A\nrelated:\n  - title: B\nThe mayor spoke.\n"),
            ("---", 4)
        );
        assert_eq!(unclosed("+++\ntitle = 'A'\n\nBody.\n"), ("+++", 2));
        assert_eq!(unclosed("---\nBody.\n"), ("---", 1));
        // A broken quote in the text below does not hide that the header is never closed.
        assert_eq!(unclosed("---\ntitle: A\nNote: \"open\n"), ("---", 3));
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
            ("\"It's\"".into(), true)
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
