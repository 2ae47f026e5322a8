//! The newsroom's front page: an index of the stories published in one output folder, one
//! front page per language (`en/index.html`, `es/index.html`: the newest
//! [`FRONT_PAGE_STORIES`], each row with the story's date, its headline in that language,
//! whether it is final or a draft, and a link to every edition that is there, then a link to
//! each month's archive, `en/2026-11.html`, which lists the stories of that month, undated
//! stories on `undated.html`), and a root `index.html` that leads to both. Pages of a bounded
//! size: an archive of more than [`ARCHIVE_PAGE_STORIES`] stories is cut into pages
//! (`2026-11.html`, `2026-11.p2.html`, …, [`archive_pages`]), each made from its own rows and
//! linking the pages before and after it, so publishing one story into an archive of
//! thousands rewrites the front pages and the archive pages whose rows changed, and no page
//! is ever made whole from the archive.
//!
//! The index is made from one small record per story ([`Entry`], `SLUG.story.json` beside the
//! story's aligned JSON). `publish` rebuilds the index from every record in the folder each
//! time it publishes a story, so it is never a list kept up to date by hand: two stories
//! published one after the other both appear, publishing a story again replaces its row, and
//! a story whose files are gone leaves it. Why a record of its own rather than more fields in
//! the aligned JSON: that file holds the whole text of the story (tens of kilobytes), and the
//! index lists every story's record on every publish; a record is a few hundred bytes, so a
//! folder of a thousand stories is read in milliseconds (and `publish` keeps a cache of them,
//! checked against the folder's listing, so that it reads only the records that changed). The pages' file names are not in the
//! record: they follow from the slug by publish's one layout ([`Entry::page`]), so a record
//! (which anyone can edit) cannot point a link anywhere else.
//!
//! Pure: it never reads files or calls Fluent. The labels arrive localized in
//! [`IndexChrome`], the records as text; every value goes through maud's escaping.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::{Deserialize, Serialize};

use super::{html as pages, Story};
use crate::article::BlockKind;
use crate::lang::Lang;

/// The record's `type`: what tells a story record from any other JSON file.
pub const RECORD_TYPE: &str = "puente-story";

/// The record's schema version. A reader skips a record of another version (it may mean
/// something else) rather than guess.
pub const RECORD_SCHEMA: u32 = 1;

/// The suffix of a story record's file name: `SLUG.story.json`.
pub const RECORD_SUFFIX: &str = ".story.json";

/// The index page of each language, in that language's folder, and the root page.
pub const PAGE: &str = "index.html";

/// How many stories a language's front page lists, newest first; every story is on the
/// archive page of its month ([`archive_key`]), so a publish rewrites two short pages and
/// the month pages it changed, not a page listing the whole archive.
pub const FRONT_PAGE_STORIES: usize = 50;

/// How many stories an archive page lists: a month (or the undated stories) with more is
/// cut into pages of this many, each linking the one before and the one after it, so no
/// page grows with the archive.
pub const ARCHIVE_PAGE_STORIES: usize = 100;

/// The archive key of undated stories (their page is `undated.html`).
pub const UNDATED: &str = "undated";

/// The largest record the index reads: a real one is well under a kilobyte, so anything
/// much bigger is not one, and is not read whole.
pub const RECORD_MAX: u64 = 64 * 1024;

/// One story as the index lists it: what `SLUG.story.json` holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// [`RECORD_TYPE`].
    #[serde(rename = "type")]
    pub kind: String,
    /// [`RECORD_SCHEMA`].
    pub schema: u32,
    /// The story's slug: the stem of every file (and of the record's own name).
    pub slug: String,
    /// The story's ISO date (`YYYY-MM-DD`), if it has one.
    pub date: Option<String>,
    /// Published with `--draft`.
    pub draft: bool,
    /// The language the story was written in.
    pub source_lang: Lang,
    /// The language it was translated into.
    pub target_lang: Lang,
    /// The headline in each language, as plain text (Markdown emphasis taken out).
    pub headline: Headlines,
}

/// A story's headline in each language: the record's `"headline": {"en": …, "es": …}`.
/// Two fields rather than a map: an archive of many stories holds one record per story, and
/// a map's node is larger than both headlines together.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headlines {
    /// In English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// In Spanish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es: Option<String>,
}

impl Headlines {
    /// The headline in `lang`, if there is one.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.en.as_deref(),
            Lang::Es => self.es.as_deref(),
        }
    }

    /// Sets the headline in `lang`.
    pub fn set(&mut self, lang: Lang, text: String) {
        match lang {
            Lang::En => self.en = Some(text),
            Lang::Es => self.es = Some(text),
        }
    }
}

/// Why a file that looks like a story record was left out of the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// It could not be read (what the system said).
    Unreadable(String),
    /// It is larger than [`RECORD_MAX`].
    TooBig,
    /// It is not JSON (the parser's message).
    NotJson(String),
    /// It is JSON, but not a story record (the parser's message, or what is wrong).
    NotARecord(String),
    /// A record of another schema version.
    Schema(u32),
    /// A record whose slug is not its file name's.
    OtherSlug(String),
}

impl std::fmt::Display for Skip {
    /// The reason in English, for logs and tests; the CLI localizes its own.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Unreadable(e) => write!(f, "unreadable: {e}"),
            Skip::TooBig => write!(f, "larger than {RECORD_MAX} bytes"),
            Skip::NotJson(e) => write!(f, "not JSON: {e}"),
            Skip::NotARecord(e) => write!(f, "not a story record: {e}"),
            Skip::Schema(n) => write!(f, "schema {n}"),
            Skip::OtherSlug(s) => write!(f, "slug {s}"),
        }
    }
}

/// Whether `slug` is one publish could have made (letters, digits, dashes, underscores):
/// what keeps a record's links inside the folder.
fn slug_chars(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The text of inline Markdown without its markup (`*Ana* says` → `Ana says`).
fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(markdown.len());
    for e in Parser::new(markdown) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

impl Entry {
    /// The record of `story` as it is being published.
    pub fn from_story(story: &Story) -> Entry {
        let headline = story.pairs.iter().find(|p| p.kind == BlockKind::Headline);
        let text = |target: bool| {
            headline.map_or_else(
                || story.slug.clone(),
                |p| {
                    let t = if target { &p.target } else { &p.source };
                    if p.markdown {
                        plain(t)
                    } else {
                        t.clone()
                    }
                },
            )
        };
        let mut headline = Headlines::default();
        headline.set(story.source_lang, text(false));
        headline.set(story.target_lang, text(true));
        Entry {
            kind: RECORD_TYPE.to_string(),
            schema: RECORD_SCHEMA,
            slug: story.slug.clone(),
            date: story.date.clone(),
            draft: story.draft,
            source_lang: story.source_lang,
            target_lang: story.target_lang,
            headline,
        }
    }

    /// The record as its file holds it.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The record in `bytes`, read from the file of the story `slug` (`SLUG.story.json`);
    /// why it is not one otherwise.
    pub fn parse(bytes: &[u8], slug: &str) -> Result<Entry, Skip> {
        // A record as this puente writes it is read in one pass; anything else is read
        // again, to say why it is not one.
        let entry = match serde_json::from_slice::<Entry>(bytes) {
            Ok(e) if e.kind == RECORD_TYPE && e.schema == RECORD_SCHEMA => Some(e),
            _ => None,
        };
        let entry = match entry {
            Some(e) => e,
            None => Self::why_not(bytes)?,
        };
        if entry.slug != slug || !slug_chars(&entry.slug) {
            return Err(Skip::OtherSlug(entry.slug));
        }
        if let Some(d) = &entry.date {
            if super::iso_date(d).as_deref() != Some(d.as_str()) {
                return Err(Skip::NotARecord(format!("{d:?} is not a date")));
            }
        }
        Ok(entry)
    }

    /// Why `bytes` is not a record of this version (or the record, if it is one after all).
    fn why_not(bytes: &[u8]) -> Result<Entry, Skip> {
        // The type and version are looked at before the fields, so that a record of another
        // version says so rather than "a field is missing".
        #[derive(Deserialize)]
        struct Head {
            #[serde(rename = "type")]
            kind: Option<String>,
            schema: Option<u32>,
        }
        let kind_of = |e: serde_json::Error| match e.classify() {
            serde_json::error::Category::Data => Skip::NotARecord(e.to_string()),
            _ => Skip::NotJson(e.to_string()),
        };
        let head: Head = serde_json::from_slice(bytes).map_err(kind_of)?;
        if head.kind.as_deref() != Some(RECORD_TYPE) {
            return Err(Skip::NotARecord(format!(
                "its \"type\" is not \"{RECORD_TYPE}\""
            )));
        }
        match head.schema {
            Some(RECORD_SCHEMA) => {}
            Some(n) => return Err(Skip::Schema(n)),
            None => return Err(Skip::NotARecord("it has no \"schema\"".into())),
        }
        serde_json::from_slice(bytes).map_err(kind_of)
    }

    /// The headline in `lang`, else in the other language, else the slug.
    pub fn headline(&self, lang: Lang) -> &str {
        self.headline
            .get(lang)
            .or_else(|| self.headline.get(lang.other()))
            .unwrap_or(self.slug.as_str())
    }

    /// The page of one edition, relative to the output folder: `en/SLUG.html`,
    /// `es/SLUG.html`, or `bilingual/SLUG.html` (`lang` `None`).
    pub fn page(&self, lang: Option<Lang>) -> String {
        format!("{}/{}.html", edition_folder(lang), self.slug)
    }
}

/// The folder of an edition's pages: the language's code, or `bilingual`.
pub fn edition_folder(lang: Option<Lang>) -> &'static str {
    lang.map_or("bilingual", Lang::code)
}

/// A story on the index, with the editions whose pages are there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The story's record.
    pub entry: Entry,
    /// Which pages exist, in the order the index links them: English, Spanish, bilingual.
    pub editions: Vec<Option<Lang>>,
}

/// Sorts the rows as the index lists them: newest date first (undated stories last), then
/// by slug. Slugs are file names, so no two rows tie and the order is the same every time.
pub fn sort(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        (Reverse(&a.entry.date), &a.entry.slug).cmp(&(Reverse(&b.entry.date), &b.entry.slug))
    });
}

/// The archive a story is listed on: its month (`2026-11`), or [`UNDATED`].
pub fn archive_key(entry: &Entry) -> &str {
    match entry.date.as_deref() {
        Some(d) if d.len() >= 7 => &d[..7],
        _ => UNDATED,
    }
}

/// The file name of page `page` (counted from 1) of the archive `key` in each language's
/// folder: `2026-11.html` for the first, `2026-11.p2.html` for the next. The dot keeps every
/// archive page's name apart from every story's page, since a slug has none (a slug such as
/// `2026-11-2` stays a story's).
pub fn archive_page(key: &str, page: usize) -> String {
    if page <= 1 {
        format!("{key}.html")
    } else {
        format!("{key}.p{page}.html")
    }
}

/// The archive key and page number of an archive page's file stem (`2026-11.p2` → `2026-11`,
/// 2), as [`archive_page`] names it.
pub fn archive_stem(stem: &str) -> (&str, usize) {
    match stem.rsplit_once(".p") {
        Some((key, n)) => match n.parse::<usize>() {
            Ok(n) if n >= 2 => (key, n),
            _ => (stem, 1),
        },
        None => (stem, 1),
    }
}

/// Where a page stands among its archive's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// Its number, counted from 1.
    pub page: usize,
    /// How many pages its archive has now; 0 for a page that is no longer one of them
    /// (written empty, so that no old list stays behind under its name).
    pub pages: usize,
}

impl Paging {
    /// Whether the page shows its number and links its neighbours: it is one of several.
    pub fn numbered(self) -> bool {
        self.pages > 1 && self.page <= self.pages
    }

    /// Whether it links a next page.
    pub fn has_next(self) -> bool {
        self.numbered() && self.page < self.pages
    }
}

/// One archive page of the index: which archive, where it stands, and its rows (a range of
/// the sorted rows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchivePage {
    /// Its archive's key (a month, or [`UNDATED`]).
    pub key: String,
    /// Where it stands among its archive's pages.
    pub paging: Paging,
    /// Its rows, in the rows as [`sort`] orders them.
    pub rows: std::ops::Range<usize>,
}

impl ArchivePage {
    /// Its file name in each language's folder ([`archive_page`]).
    pub fn name(&self) -> String {
        archive_page(&self.key, self.paging.page)
    }
}

/// The archive pages of `rows`, sorted by [`sort`] (which puts each archive's rows
/// together: newest month first, undated last): each archive's rows cut into pages of
/// `per_page` stories (at least one), in that order. A page is made from its own rows, so
/// an archive of any size is written a bounded page at a time.
pub fn archive_pages(rows: &[Row], per_page: usize) -> Vec<ArchivePage> {
    let per_page = per_page.max(1);
    let mut pages = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let key = archive_key(&rows[start].entry);
        let len = rows[start..]
            .iter()
            .position(|r| archive_key(&r.entry) != key)
            .unwrap_or(rows.len() - start);
        let count = len.div_ceil(per_page);
        for page in 0..count {
            let from = start + page * per_page;
            pages.push(ArchivePage {
                key: key.to_string(),
                paging: Paging {
                    page: page + 1,
                    pages: count,
                },
                rows: from..(from + per_page).min(start + len),
            });
        }
        start += len;
    }
    pages
}

/// Whether `slug`'s page would take the place of an index page in its edition folder: the
/// front page (`index`), a month's archive (`2026-11`) or the undated one. The archives'
/// further pages (`2026-11.p2`) need no reserving: a slug has no dot.
pub fn reserved_slug(slug: &str) -> bool {
    let b = slug.as_bytes();
    let month = b.len() == 7
        && b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit());
    format!("{slug}.html") == PAGE || slug == UNDATED || month
}

/// What the index's localized text is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexFacts<'a> {
    /// The language of the labels.
    pub lang: Lang,
    /// The dates the index shows (year, month, day), each once.
    pub dates: &'a [(u32, u32, u32)],
    /// The months of the archive pages it shows (year, month), each once.
    pub months: &'a [(u32, u32)],
    /// The numbers of the archive pages it numbers, each once.
    pub pages: &'a [usize],
}

/// The index's labels in one language, from Fluent.
#[derive(Clone, Debug, Default)]
pub struct IndexChrome {
    /// The page's title and heading ("Stories" / "Notas").
    pub title: String,
    /// The language's own name ("English" / "Español"): the link to its edition and index.
    pub language: String,
    /// The date column's header.
    pub date: String,
    /// The headline column's header.
    pub headline: String,
    /// The status column's header.
    pub status: String,
    /// The editions column's header.
    pub editions: String,
    /// The status of a reviewed story ("Final").
    pub final_status: String,
    /// The status of a draft ("Draft" / "Borrador").
    pub draft_status: String,
    /// The bilingual edition's link.
    pub bilingual: String,
    /// Each date the index shows (ISO), as this language writes it; a date missing here is
    /// shown as it is.
    pub dates: BTreeMap<String, String>,
    /// The heading of the archive's list of months ("Archive" / "Archivo").
    pub archive: String,
    /// The archive page of undated stories ("Undated" / "Sin fecha").
    pub undated: String,
    /// Each archive month (`2026-11`) as this language names it ("November 2026"); a month
    /// missing here is shown as it is.
    pub months: BTreeMap<String, String>,
    /// The link to an archive's previous page ("Previous page" / "Página anterior").
    pub previous_page: String,
    /// The link to its next page ("Next page" / "Página siguiente").
    pub next_page: String,
    /// Each archive page's number as this language says it ("Page 2" / "Página 2"); one
    /// missing here is shown as the number. Not "of how many": adding a page to an
    /// archive then rewrites only the page before it (which gains a next link), not them
    /// all.
    pub pages: BTreeMap<usize, String>,
}

impl IndexChrome {
    /// The name of the archive page `key`.
    fn month<'a>(&'a self, key: &'a str) -> &'a str {
        if key == UNDATED {
            return &self.undated;
        }
        self.months.get(key).map_or(key, String::as_str)
    }

    /// The number of the page `paging`, in words.
    fn page_of(&self, paging: Paging) -> String {
        self.pages
            .get(&paging.page)
            .cloned()
            .unwrap_or_else(|| paging.page.to_string())
    }
}

/// The index's own rules, after the story pages' stylesheet: a table on a wide screen, one
/// card per story on a phone.
const INDEX_CSS: &str = r#"
main.index { max-width: 64rem; }
.index h1 { margin-top: 1rem; }
.index table { width: 100%; border-collapse: collapse; font: 0.95rem/1.4 system-ui, sans-serif; }
.index th { text-align: left; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); border-bottom: 2px solid var(--rule); padding: 0.5rem 0.75rem 0.5rem 0; }
.index td { vertical-align: top; border-bottom: 1px solid var(--rule); padding: 0.75rem 0.75rem 0.75rem 0; }
.index td.headline { font: 1.1rem/1.35 Georgia, "Times New Roman", serif; }
.index td.when { white-space: nowrap; color: var(--muted); }
.index ul.editions { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; }
.status { display: inline-block; font-weight: 700; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; padding: 0.1rem 0.4rem; border-radius: 0.2rem; background: #e7f3ea; color: #1d5a2c; }
.status.draft { background: #fff3cd; color: #5c3c00; border: 1px solid #e0a800; }
.index nav.pages { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; margin: 1.5rem 0; font: 1rem/1.6 system-ui, sans-serif; }
.index nav.archive ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font: 1rem/1.6 system-ui, sans-serif; }
.languages { list-style: none; padding: 0; font: 1.25rem/1.6 system-ui, sans-serif; }
@media (max-width: 48rem) {
  .index thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .index table, .index tbody, .index td { display: block; }
  .index tr { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.75rem; border-bottom: 1px solid var(--rule); padding: 0.75rem 0; }
  .index td { border: 0; padding: 0.15rem 0; }
  .index td.state { order: -1; }
  .index td.when { order: -2; }
  .index td.headline, .index td.links { flex: 0 0 100%; }
}
"#;

fn head(title: &str, alternates: &[(Lang, String)]) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) }
            @for (lang, href) in alternates {
                link rel="alternate" hreflang=(lang.code()) href=(href);
            }
            style { (PreEscaped(pages::stylesheet())) (PreEscaped(INDEX_CSS)) }
        }
    }
}

/// The front page of `lang` (its folder's `index.html`): the newest
/// [`FRONT_PAGE_STORIES`] of `rows` (sorted by [`sort`]), their headlines in `lang`, and a
/// link to each archive page in `archive` (keys, newest first, with how many stories each
/// lists). `chromes` are the English and Spanish labels (each edition's link is named in its
/// own language).
pub fn language_page(
    lang: Lang,
    rows: &[Row],
    archive: &[(String, usize)],
    chromes: (&IndexChrome, &IndexChrome),
) -> String {
    let own = chrome_in(lang, chromes);
    let newest = &rows[..rows.len().min(FRONT_PAGE_STORIES)];
    let body = html! {
        h1 { (own.title) }
        (table(lang, newest, chromes))
        @if !archive.is_empty() {
            nav.archive {
                h2 { (own.archive) }
                ul {
                    @for (key, count) in archive {
                        li { a href=(archive_page(key, 1)) data-count=(count) { (own.month(key)) } }
                    }
                }
            }
        }
    };
    let alternates = [Lang::En, Lang::Es].map(|l| (l, format!("../{}/{PAGE}", l.code())));
    page(lang, &own.title, &alternates, PAGE, chromes, body)
}

/// The archive page `key` of `lang` numbered `paging` (`2026-11.html`, `2026-11.p2.html`
/// in its folder, [`archive_page`]): its `rows` (newest first), the way back to the front
/// page, and, when its archive has several pages, where it stands and links to the pages
/// before and after it.
pub fn archive_language_page(
    lang: Lang,
    key: &str,
    paging: Paging,
    rows: &[Row],
    chromes: (&IndexChrome, &IndexChrome),
) -> String {
    let own = chrome_in(lang, chromes);
    let numbered = paging.numbered();
    let title = if numbered {
        format!(
            "{} · {} · {}",
            own.title,
            own.month(key),
            own.page_of(paging)
        )
    } else {
        format!("{} · {}", own.title, own.month(key))
    };
    let name = archive_page(key, paging.page);
    let body = html! {
        h1 { (own.month(key)) }
        p { a href=(PAGE) { (own.title) } }
        (table(lang, rows, chromes))
        @if numbered {
            nav.pages {
                @if paging.page > 1 {
                    a href=(archive_page(key, paging.page - 1)) rel="prev" { (own.previous_page) }
                }
                span { (own.page_of(paging)) }
                @if paging.has_next() {
                    a href=(archive_page(key, paging.page + 1)) rel="next" { (own.next_page) }
                }
            }
        }
    };
    let alternates = [Lang::En, Lang::Es].map(|l| (l, format!("../{}/{name}", l.code())));
    page(lang, &title, &alternates, &name, chromes, body)
}

fn chrome_in<'a>(lang: Lang, chromes: (&'a IndexChrome, &'a IndexChrome)) -> &'a IndexChrome {
    match lang {
        Lang::En => chromes.0,
        Lang::Es => chromes.1,
    }
}

/// A page of `lang`'s folder named `name`, with the link to the same page in the other
/// language and `body` as its main content.
fn page(
    lang: Lang,
    title: &str,
    alternates: &[(Lang, String)],
    name: &str,
    chromes: (&IndexChrome, &IndexChrome),
    body: Markup,
) -> String {
    let other = lang.other();
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            (head(title, alternates))
            body {
                nav {
                    a href=(format!("../{}/{name}", other.code())) hreflang=(other.code()) lang=(other.code()) { (chrome_in(other, chromes).language) }
                }
                main.index { (body) }
            }
        }
    };
    page.into_string()
}

/// The table of `rows`, headlines in `lang`; nothing when there is no row.
fn table(lang: Lang, rows: &[Row], chromes: (&IndexChrome, &IndexChrome)) -> Markup {
    let own = chrome_in(lang, chromes);
    // Links from inside `en/` or `es/`, as the story pages make theirs.
    let href = |e: &Entry, edition: Option<Lang>| format!("../{}", e.page(edition));
    html! {
        @if !rows.is_empty() {
            table {
                thead {
                    tr {
                        th scope="col" { (own.date) }
                        th scope="col" { (own.headline) }
                        th scope="col" { (own.status) }
                        th scope="col" { (own.editions) }
                    }
                }
                tbody {
                    @for row in rows {
                        @let e = &row.entry;
                        // A draft's pages are noindex: the index does not lead crawlers to
                        // them either.
                        @let rel = e.draft.then_some("nofollow");
                        tr data-slug=(e.slug) {
                            td.when {
                                @if let Some(d) = &e.date {
                                    time datetime=(d) { (own.dates.get(d).unwrap_or(d)) }
                                }
                            }
                            td.headline {
                                @if row.editions.contains(&Some(lang)) {
                                    a href=(href(e, Some(lang))) rel=[rel] { (e.headline(lang)) }
                                } @else {
                                    (e.headline(lang))
                                }
                            }
                            td.state {
                                @if e.draft {
                                    span.status.draft { (own.draft_status) }
                                } @else {
                                    span.status { (own.final_status) }
                                }
                            }
                            td.links {
                                ul.editions {
                                    @for edition in &row.editions {
                                        li {
                                            @match edition {
                                                Some(l) => a href=(href(e, Some(*l))) hreflang=(l.code()) lang=(l.code()) rel=[rel] { (chrome_in(*l, chromes).language) },
                                                None => a href=(href(e, None)) rel=[rel] { (own.bilingual) },
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The root page (`index.html` in the output folder): the way to each language's index,
/// each named in its own language.
pub fn root_page(chromes: (&IndexChrome, &IndexChrome)) -> String {
    let alternates = [Lang::En, Lang::Es].map(|l| (l, format!("{}/{PAGE}", l.code())));
    let title = format!("{} · {}", chromes.0.title, chromes.1.title);
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            (head(&title, &alternates))
            body {
                main.index {
                    h1 {
                        span lang="en" { (chromes.0.title) }
                        " · "
                        span lang="es" { (chromes.1.title) }
                    }
                    ul.languages {
                        li { a href=(format!("en/{PAGE}")) hreflang="en" lang="en" { (chromes.0.language) } }
                        li { a href=(format!("es/{PAGE}")) hreflang="es" lang="es" { (chromes.1.language) } }
                    }
                }
            }
        }
    };
    page.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(slug: &str, date: Option<&str>, draft: bool) -> Entry {
        Entry {
            kind: RECORD_TYPE.into(),
            schema: RECORD_SCHEMA,
            slug: slug.into(),
            date: date.map(str::to_string),
            draft,
            source_lang: Lang::En,
            target_lang: Lang::Es,
            headline: Headlines {
                en: Some(format!("{slug} <en>")),
                es: Some(format!("{slug} «es»")),
            },
        }
    }

    fn chromes() -> (IndexChrome, IndexChrome) {
        let c = |l: &str| IndexChrome {
            title: format!("T-{l}"),
            language: format!("L-{l}"),
            final_status: format!("F-{l}"),
            draft_status: format!("D-{l}"),
            bilingual: format!("B-{l}"),
            dates: BTreeMap::from([("2026-11-23".into(), format!("N23-{l}"))]),
            ..IndexChrome::default()
        };
        (c("en"), c("es"))
    }

    #[test]
    fn a_record_reads_back_and_anything_else_says_why_not() {
        let e = entry("a-story", Some("2026-11-23"), true);
        assert_eq!(
            Entry::parse(e.to_json().as_bytes(), "a-story"),
            Ok(e.clone())
        );
        assert!(matches!(
            Entry::parse(b"{not json", "a"),
            Err(Skip::NotJson(_))
        ));
        assert!(matches!(
            Entry::parse(br#"{"type":"other","schema":1}"#, "a"),
            Err(Skip::NotARecord(_))
        ));
        assert!(matches!(
            Entry::parse(br#"[1,2]"#, "a"),
            Err(Skip::NotARecord(_))
        ));
        let newer = e.to_json().replace("\"schema\": 1", "\"schema\": 2");
        assert_eq!(
            Entry::parse(newer.as_bytes(), "a-story"),
            Err(Skip::Schema(2))
        );
        assert_eq!(
            Entry::parse(e.to_json().as_bytes(), "other"),
            Err(Skip::OtherSlug("a-story".into()))
        );
        let bad_date = e.to_json().replace("2026-11-23", "2026-02-30");
        assert!(matches!(
            Entry::parse(bad_date.as_bytes(), "a-story"),
            Err(Skip::NotARecord(_))
        ));
        // A slug that would lead a link out of the folder is never one publish made.
        let out = e.to_json().replace("a-story", "../x");
        assert!(matches!(
            Entry::parse(out.as_bytes(), "../x"),
            Err(Skip::OtherSlug(_))
        ));
    }

    #[test]
    fn rows_are_newest_first_then_by_slug_and_undated_last() {
        let row = |s, d| Row {
            entry: entry(s, d, false),
            editions: vec![],
        };
        let mut rows = vec![
            row("b", Some("2026-01-02")),
            row("z", None),
            row("a", Some("2026-01-02")),
            row("c", Some("2026-03-01")),
            row("y", None),
        ];
        sort(&mut rows);
        let order: Vec<&str> = rows.iter().map(|r| r.entry.slug.as_str()).collect();
        assert_eq!(order, ["c", "a", "b", "y", "z"]);
    }

    #[test]
    fn a_language_page_lists_each_story_in_its_language_with_only_the_pages_there() {
        let (en, es) = chromes();
        let rows = vec![
            Row {
                entry: entry("one", Some("2026-11-23"), false),
                editions: vec![Some(Lang::En), Some(Lang::Es), None],
            },
            Row {
                entry: entry("two", None, true),
                editions: vec![None],
            },
        ];
        let page = language_page(Lang::Es, &rows, &[], (&en, &es));
        assert!(
            page.starts_with("<!DOCTYPE html><html lang=\"es\">"),
            "{page}"
        );
        assert!(page.contains("<title>T-es</title>"));
        assert!(page.contains(r#"<time datetime="2026-11-23">N23-es</time>"#));
        assert!(
            page.contains(r#"<a href="../es/one.html">one «es»</a>"#),
            "{page}"
        );
        assert!(page.contains(r#"<a href="../en/one.html" hreflang="en" lang="en">L-en</a>"#));
        assert!(page.contains(r#"<a href="../bilingual/one.html">B-es</a>"#));
        assert!(page.contains(r#"<span class="status">F-es</span>"#));
        // The draft: marked, no Spanish page to link its headline to, links not followed.
        assert!(page.contains(r#"<span class="status draft">D-es</span>"#));
        assert!(
            page.contains(r#"<td class="headline">two «es»</td>"#),
            "{page}"
        );
        assert!(page.contains(r#"<a href="../bilingual/two.html" rel="nofollow">B-es</a>"#));
        assert!(!page.contains("../es/two.html"));
        // Escaped by maud: the English headline's `<en>` is text.
        let page = language_page(Lang::En, &rows, &[], (&en, &es));
        assert!(page.contains("one &lt;en&gt;"), "{page}");
        assert!(page.find("data-slug=\"one\"") < page.find("data-slug=\"two\""));
    }

    #[test]
    fn the_front_page_lists_fifty_and_links_each_month_and_a_month_page_lists_its_own() {
        let (mut en, es) = chromes();
        en.archive = "ARCHIVE".into();
        en.undated = "UNDATED".into();
        en.months = BTreeMap::from([("2026-11".into(), "Nov-2026".into())]);
        let rows: Vec<Row> = (0..60)
            .map(|i| Row {
                entry: entry(&format!("s{i:02}"), Some("2026-11-23"), false),
                editions: vec![Some(Lang::En)],
            })
            .collect();
        let archive = [("2026-11".to_string(), 59), (UNDATED.to_string(), 1)];
        let page = language_page(Lang::En, &rows, &archive, (&en, &es));
        assert_eq!(page.matches("<tr data-slug=").count(), FRONT_PAGE_STORIES);
        assert!(page.contains("<h2>ARCHIVE</h2>"), "{page}");
        assert!(page.contains(r#"<a href="2026-11.html" data-count="59">Nov-2026</a>"#));
        assert!(page.contains(r#"<a href="undated.html" data-count="1">UNDATED</a>"#));
        let month = archive_language_page(
            Lang::En,
            "2026-11",
            Paging { page: 1, pages: 1 },
            &rows,
            (&en, &es),
        );
        assert_eq!(month.matches("<tr data-slug=").count(), 60);
        assert!(month.contains("<title>T-en · Nov-2026</title>"), "{month}");
        assert!(month.contains(r#"<p><a href="index.html">T-en</a></p>"#));
        assert!(month.contains(r#"<a href="../es/2026-11.html" hreflang="es" lang="es">L-es</a>"#));
        // A month the chrome has no name for is shown as it is.
        let other = archive_language_page(
            Lang::En,
            "2025-01",
            Paging { page: 1, pages: 1 },
            &[],
            (&en, &es),
        );
        assert!(other.contains("<h1>2025-01</h1>") && !other.contains("<table"));
    }

    #[test]
    fn a_slug_that_would_be_an_index_page_is_reserved() {
        for slug in ["index", "undated", "2026-11", "1999-01"] {
            assert!(reserved_slug(slug), "{slug}");
        }
        for slug in ["a-story", "2026-11-23", "2026_11", "indexes", "2026-1x"] {
            assert!(!reserved_slug(slug), "{slug}");
        }
        let dated = entry("a", Some("2026-11-23"), false);
        assert_eq!(archive_key(&dated), "2026-11");
        assert_eq!(archive_key(&entry("b", None, false)), UNDATED);
        // An archive's further pages have a dot, which no slug has.
        assert_eq!(archive_page("2026-11", 1), "2026-11.html");
        assert_eq!(archive_page("2026-11", 2), "2026-11.p2.html");
        assert_eq!(archive_stem("2026-11.p2"), ("2026-11", 2));
        assert_eq!(archive_stem("undated"), ("undated", 1));
        assert_eq!(archive_stem("undated.px"), ("undated.px", 1));
    }

    #[test]
    fn each_archive_is_cut_into_pages_of_its_own_rows_in_order() {
        let row = |s: &str, d| Row {
            entry: entry(s, d, false),
            editions: vec![Some(Lang::En)],
        };
        let mut rows: Vec<Row> = (0..5)
            .map(|i| row(&format!("n{i}"), Some("2026-11-02")))
            .chain([row("o", Some("2026-10-01"))])
            .chain((0..4).map(|i| row(&format!("u{i}"), None)))
            .collect();
        sort(&mut rows);
        let pages = archive_pages(&rows, 2);
        let got: Vec<(String, usize, usize, std::ops::Range<usize>)> = pages
            .iter()
            .map(|p| (p.name(), p.paging.page, p.paging.pages, p.rows.clone()))
            .collect();
        let want = [
            ("2026-11.html", 1, 3, 0..2),
            ("2026-11.p2.html", 2, 3, 2..4),
            ("2026-11.p3.html", 3, 3, 4..5),
            ("2026-10.html", 1, 1, 5..6),
            ("undated.html", 1, 2, 6..8),
            ("undated.p2.html", 2, 2, 8..10),
        ]
        .map(|(n, p, c, r)| (n.to_string(), p, c, r));
        assert_eq!(got, want);
        assert!(archive_pages(&[], 2).is_empty());
        // A page size of 0 is taken as 1, never a division by zero.
        assert_eq!(archive_pages(&rows, 0).len(), rows.len());
    }

    #[test]
    fn a_page_of_several_says_where_it_stands_and_links_its_neighbours() {
        let (mut en, es) = chromes();
        en.previous_page = "PREV".into();
        en.next_page = "NEXT".into();
        en.pages = BTreeMap::from([(2, "P-2".into())]);
        let rows = vec![Row {
            entry: entry("s", None, false),
            editions: vec![Some(Lang::En)],
        }];
        let middle = Paging { page: 2, pages: 3 };
        let page = archive_language_page(Lang::En, UNDATED, middle, &rows, (&en, &es));
        assert!(
            page.contains(r#"<nav class="pages"><a href="undated.html" rel="prev">PREV</a><span>P-2</span><a href="undated.p3.html" rel="next">NEXT</a></nav>"#),
            "{page}"
        );
        assert!(page.contains("<title>T-en ·  · P-2</title>"), "{page}");
        assert!(
            page.contains(r#"<link rel="alternate" hreflang="es" href="../es/undated.p2.html">"#)
        );
        assert!(
            page.contains(r#"<a href="../es/undated.p2.html" hreflang="es" lang="es">L-es</a>"#)
        );
        // The last page links only back; a page the chrome has no words for says its number.
        let last = archive_language_page(
            Lang::En,
            UNDATED,
            Paging { page: 3, pages: 3 },
            &rows,
            (&en, &es),
        );
        assert!(
            last.contains(r#"<a href="undated.p2.html" rel="prev">PREV</a><span>3</span></nav>"#),
            "{last}"
        );
        assert!(!last.contains("rel=\"next\""));
        // One page alone, or one no longer in its archive (emptied), has no pager.
        for paging in [Paging { page: 1, pages: 1 }, Paging { page: 4, pages: 0 }] {
            let p = archive_language_page(Lang::En, UNDATED, paging, &[], (&en, &es));
            assert!(!p.contains("nav class=\"pages\""), "{p}");
        }
    }
}
