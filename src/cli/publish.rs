//! `puente publish`: the editions of a story behind the review gate. The gate refuses (exit
//! 1, nothing written) while a segment is untranslated, fuzzy or broken, or `check` finds an
//! error; `--draft` publishes anyway, with a banner and `noindex`. The chrome of each edition
//! comes from that edition's Fluent bundle, whatever language the CLI speaks.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;
use serde::Serialize;

use super::{exit_findings, path_arg, CmdResult};
use crate::app::work::load_article;
use crate::app::workfiles::read as read_workfile;
use crate::article::Format;
use crate::check::{check_files, CheckedFile, Checker, Rule, Severity};
use crate::error::Error;
use crate::files::{self, Durability, InputRole};
use crate::l10n::{L10n, UiLang};
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;
use crate::publish::{self, html, Chrome, Story};
use crate::t;
use crate::text::sha256_hex;
use crate::workfile::merge::merge;

/// Kicker values the newsroom names, mapped to their Fluent label ids.
const KICKERS: &[(&str, &str)] = &[
    ("analysis", "kicker-analysis"),
    ("análisis", "kicker-analysis"),
    ("opinion", "kicker-opinion"),
    ("opinión", "kicker-opinion"),
    ("news", "kicker-news"),
    ("noticias", "kicker-news"),
    ("explainer", "kicker-explainer"),
    ("explicador", "kicker-explainer"),
    ("interview", "kicker-interview"),
    ("entrevista", "kicker-interview"),
];

/// What `--format json` prints.
#[derive(Serialize)]
struct Report {
    schema: u32,
    slug: String,
    draft: bool,
    published: bool,
    bilingual: Option<String>,
    files: Vec<String>,
    unreviewed: usize,
    check_errors: usize,
}

fn ui(lang: Lang) -> L10n {
    L10n::new(match lang {
        Lang::En => UiLang::EnUs,
        Lang::Es => UiLang::EsMx,
    })
}

/// The chrome of the edition in `lang`.
fn chrome(
    lang: Lang,
    source_lang: Lang,
    kicker: Option<&str>,
    author: Option<&str>,
    date: Option<(u32, u32, u32)>,
) -> Chrome {
    let l = ui(lang);
    let kicker = kicker.and_then(|k| {
        let k = k.trim().to_lowercase();
        KICKERS
            .iter()
            .find(|(name, _)| *name == k)
            .map(|(_, id)| l.get(id))
    });
    Chrome {
        kicker,
        also_read: l.get("edition-also-read"),
        translated_from: l.get(&format!("edition-translated-from-{}", source_lang.code())),
        read_this_edition: l.get("edition-read-this"),
        byline: author.map(|a| t!(l, "edition-byline", author = a.to_string())),
        date: date.map(|(y, m, d)| {
            t!(
                l,
                "edition-date",
                year = y.to_string(),
                month = l.get(&format!("month-{m}")),
                day = d.to_string()
            )
        }),
        draft: l.get("edition-draft"),
        bilingual: l.get("edition-bilingual"),
        unreviewed: l.get("edition-unreviewed"),
    }
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let article_path = path_arg(m, "article").unwrap_or_default();
    let text = files::read_text(&article_path)?;
    let cfg = project.config();
    let format = Format::detect(&article_path.to_string_lossy(), &text);
    let (source_lang, target_lang) = crate::app::work::article_languages(
        project,
        &article_path,
        &text,
        (
            m.get_one::<Lang>("from").copied(),
            m.get_one::<Lang>("to").copied(),
        ),
    )?;
    let article = load_article(&article_path, text, source_lang)?;
    let file_name = article_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = publish::slug(&article, &file_name);
    let draft = m.get_flag("draft");
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");

    // The translation: a work file (the gate can see every segment's state and check it), or
    // an article already translated (paired block by block). Without one, the work file
    // `segment` would have written.
    let translation = match path_arg(m, "translation") {
        Some(p) => p,
        None => default_workfile(&article_path, target_lang, cfg),
    };
    if !translation.is_file() {
        return Err(Error::NotFound { path: translation }.into());
    }
    let translation_text = files::read_text(&translation)?;
    // A work file by its extension, or by its content (XLIFF is XML; a PO starts with
    // comments or msgid); anything else is an article.
    let head = translation_text.trim_start_matches('\u{feff}').trim_start();
    let is_workfile = matches!(
        translation
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("po" | "pot" | "xlf" | "xliff")
    ) || head.starts_with("<?xml")
        || head.starts_with("<xliff")
        || head.starts_with("msgid ");

    let mut problems: Vec<String> = Vec::new();
    let mut unreviewed = 0;
    let mut check_errors = 0;
    let story = if is_workfile {
        drop(translation_text);
        let work = read_workfile(&translation)?;
        if let Some(meta) = &work.meta {
            let name = Path::new(&meta.source)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name != file_name {
                return Err(Error::OtherArticle {
                    path: translation,
                    article: article_path,
                    source_name: meta.source.clone(),
                }
                .into());
            }
            if sha256_hex(article.source.as_bytes()) != meta.source_sha256 {
                return Err(Error::SourceChanged {
                    path: translation,
                    source_path: article_path,
                }
                .into());
            }
        }
        // The gate, part one: every segment reviewed and usable.
        let merged = merge(&article, &work);
        unreviewed = merged.pending.len();
        problems.extend(
            merged
                .pending
                .iter()
                .map(|p| super::merge::pending_item(l, p, &file_name)),
        );
        // Part two: no check error.
        let settings = project.check_settings();
        let glossary = &project
            .glossary(m.get_one::<PathBuf>("glossary").map(PathBuf::as_path))?
            .glossary;
        let checker = Checker::new(glossary, source_lang, target_lang, settings.clone());
        let name = super::slash_path(&translation);
        let files = [CheckedFile {
            name: &name,
            workfile: &work,
            checker: &checker,
        }];
        for f in check_files(&files, &settings) {
            // Untranslated and fuzzy segments are already listed, from the merge.
            if f.finding.severity != Severity::Error
                || matches!(f.finding.rule, Rule::Untranslated | Rule::Fuzzy)
            {
                continue;
            }
            check_errors += 1;
            let unit = &work.units[f.unit];
            problems.push(t!(
                l,
                "publish-check-item",
                file = name.clone(),
                line = unit.line,
                id = unit.id.clone(),
                rule = f.finding.rule.id()
            ));
        }
        Story::from_workfile(&slug, &article, &work, target_lang, source_lang, draft)
    } else {
        let translated = load_article(&translation, translation_text, target_lang)?;
        Story::from_articles(&slug, &article, &translated, source_lang, target_lang).map_err(
            |e| Error::Unpaired {
                path: translation.clone(),
                source_path: article_path.clone(),
                detail: e.to_string(),
            },
        )?
    };
    let mut story = story;
    story.draft = draft;

    let refused = !problems.is_empty() && !draft;
    if !problems.is_empty() {
        out.note(&t!(
            l,
            if refused {
                "publish-refused"
            } else {
                "publish-draft-anyway"
            },
            count = problems.len()
        ));
        for p in problems.iter().take(30) {
            out.note(&format!("  {p}"));
        }
        if problems.len() > 30 {
            out.note(&format!(
                "  {}",
                t!(l, "merge-more", count = problems.len() - 30)
            ));
        }
    }
    if refused {
        out.note(&format!(
            "{}: {}",
            l.get("hint-prefix"),
            l.get("publish-hint-draft")
        ));
        if json {
            let report = Report {
                schema: 1,
                slug,
                draft,
                published: false,
                bilingual: None,
                files: Vec::new(),
                unreviewed,
                check_errors,
            };
            out.data(&serde_json::to_string_pretty(&report).unwrap_or_default())?;
            out.data("\n")?;
        }
        return Ok(exit_findings());
    }

    // The chrome: the date and author from the options or the front matter.
    let date_value = m
        .get_one::<String>("date")
        .cloned()
        .or_else(|| publish::front_value(&article, "date").map(str::to_string));
    let date = match &date_value {
        Some(v) => {
            let iso = publish::iso_date(v).ok_or_else(|| Error::Date { value: v.clone() })?;
            story.date = Some(iso.clone());
            publish::parse_date(&iso)
        }
        None => None,
    };
    let author = m.get_one::<String>("author").cloned().or_else(|| {
        ["author", "byline"]
            .iter()
            .find_map(|k| publish::front_value(&article, k).map(str::to_string))
    });
    let kicker = story
        .pairs
        .iter()
        .find(|p| p.kind == crate::article::BlockKind::Kicker)
        .map(|p| p.source.clone());
    let chrome_src = chrome(
        source_lang,
        source_lang,
        kicker.as_deref(),
        author.as_deref(),
        date,
    );
    let chrome_tgt = chrome(
        target_lang,
        source_lang,
        kicker.as_deref(),
        author.as_deref(),
        date,
    );
    let chromes = (&chrome_src, &chrome_tgt);
    let base = m.get_one::<String>("base-url").map(String::as_str);

    let out_dir = path_arg(m, "out").unwrap_or_else(|| match &cfg {
        Some(c) => c.root.join("public"),
        None => PathBuf::from("public"),
    });
    let ext = if format == Format::Markdown {
        "md"
    } else {
        "txt"
    };
    let outputs: Vec<(PathBuf, String)> = vec![
        (
            out_dir
                .join(source_lang.code())
                .join(format!("{slug}.html")),
            html::edition(&story, source_lang, chromes, base),
        ),
        (
            out_dir
                .join(target_lang.code())
                .join(format!("{slug}.html")),
            html::edition(&story, target_lang, chromes, base),
        ),
        (
            out_dir.join("bilingual").join(format!("{slug}.html")),
            html::bilingual(&story, chromes, base),
        ),
        (
            out_dir.join(format!("{slug}.{}.{ext}", source_lang.code())),
            story.article(source_lang).to_string(),
        ),
        (
            out_dir.join(format!("{slug}.{}.{ext}", target_lang.code())),
            story.article(target_lang).to_string(),
        ),
        (
            out_dir.join(format!("{slug}.bilingual.md")),
            story.bilingual_markdown(),
        ),
        (
            out_dir.join(format!("{slug}.aligned.json")),
            story.aligned_json(),
        ),
    ];
    let inputs = [
        (article_path.as_path(), InputRole::Article),
        (
            translation.as_path(),
            if is_workfile {
                InputRole::Workfile
            } else {
                InputRole::Input
            },
        ),
    ];
    for (path, _) in &outputs {
        files::refuse_inputs(path, &inputs)?;
    }
    // The output folder and its edition folders are publish's own: made when missing, but
    // only inside a folder that exists (a mistyped --out must not grow a tree of folders).
    make_folder(&out_dir)?;
    // The edition is written all or nothing: every page is made beside its target first, and
    // only then are they all put in place, so a full disk leaves the old edition whole. Pages
    // can be published again at will: no fsync per file.
    let mut batch = files::Batch::new(&inputs, Durability::Bulk);
    for (path, content) in &outputs {
        if let Some(dir) = path.parent() {
            make_folder(dir)?;
        }
        batch.add(path, content.as_bytes())?;
    }
    batch.commit()?;
    let bilingual = outputs[2].0.display().to_string();
    if json {
        let report = Report {
            schema: 1,
            slug: slug.clone(),
            draft,
            published: true,
            bilingual: Some(bilingual.clone()),
            files: outputs
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect(),
            unreviewed,
            check_errors,
        };
        out.data(&serde_json::to_string_pretty(&report).unwrap_or_default())?;
        out.data("\n")?;
    } else {
        // The bilingual page is the data: scripts (and the demo) print where it is.
        out.data(&format!("{bilingual}\n"))?;
    }
    out.note(&t!(
        l,
        if draft {
            "publish-done-draft"
        } else {
            "publish-done"
        },
        slug = slug,
        dir = out_dir.display().to_string(),
        files = outputs.len()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Makes the folder `dir` if it is missing; its parent must exist.
fn make_folder(dir: &Path) -> Result<(), Error> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir(dir).or_else(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists if dir.is_dir() => Ok(()),
        std::io::ErrorKind::NotFound => Err(Error::NoFolder {
            path: dir.to_path_buf(),
            folder: super::parent_dir(dir),
        }),
        _ => Err(Error::Write {
            path: dir.to_path_buf(),
            source: e,
        }),
    })
}

/// The work file `segment` writes for `article` by default.
fn default_workfile(article: &Path, target: Lang, cfg: Option<&crate::config::Config>) -> PathBuf {
    let name = super::with_lang(article, target, "po");
    match cfg {
        Some(c) => {
            let in_project = c.workfiles_dir().join(name.file_name().unwrap_or_default());
            if in_project.is_file() {
                in_project
            } else {
                name
            }
        }
        None => name,
    }
}
