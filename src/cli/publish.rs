//! `puente publish`: the editions of a story behind the review gate. The gate refuses (exit
//! 1, nothing written) while a segment is untranslated, fuzzy or broken, or `check` finds an
//! error; `--draft` publishes anyway, with a banner and `noindex`. Given work files or folders
//! of them (`publish work/`), it publishes the story of each in one run: a refusal or an error
//! is that story's, the others go on, one summary ends the run (exit 2 if a story failed, 1
//! if one was refused), and the index is rebuilt once; `--date` and `--author`, one story's,
//! are refused there with more than one. The step itself is
//! [`app::publish`](crate::app::publish); this file maps the arguments to its request, builds
//! the chrome of each edition and of the index pages from that language's Fluent bundle
//! (whatever language the CLI speaks) and renders the report, with a note naming each file the
//! index left out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;
use fluent_bundle::FluentValue;
use serde::Serialize;

use super::render::{pending_item, SearchErrors};
use super::{exit_findings, path_arg, report_error, slash_path, CmdResult};
use crate::app::publish::{self as step, ChromeFacts, Outcome, Problem, Request};
use crate::app::workfiles;
use crate::check::Finding;
use crate::error::Error;
use crate::l10n::{L10n, UiLang};
use crate::lang::Lang;
use crate::output::Output;
use crate::project::Project;
use crate::publish::index::{IndexChrome, IndexFacts, Skip};
use crate::publish::Chrome;
use crate::t;

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

/// How many problems are listed before "and N more".
const LISTED: usize = 30;

/// The `publish` record of `--format json`.
#[derive(Serialize)]
struct Record<'a> {
    slug: &'a str,
    draft: bool,
    published: bool,
    bilingual: Option<String>,
    files: Vec<String>,
    unreviewed: usize,
    check_errors: usize,
}

/// Each edition's language, its Fluent bundle parsed once per run: the chrome is asked for
/// every story of a run, and parsing the bundle each time was a tenth of a 1,000-story run.
struct Editions {
    en: L10n,
    es: L10n,
}

impl Editions {
    fn new() -> Editions {
        Editions {
            en: L10n::new(UiLang::EnUs),
            es: L10n::new(UiLang::EsMx),
        }
    }

    fn ui(&self, lang: Lang) -> &L10n {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }
}

/// The chrome of the edition `facts` describe, in that edition's language; the check
/// findings it shows are in `editor`, the editor's language.
fn chrome(facts: &ChromeFacts<'_>, editor: UiLang, editions: &Editions) -> Chrome {
    let l = editions.ui(facts.lang);
    let kicker = facts.kicker.and_then(|k| {
        let k = k.trim().to_lowercase();
        KICKERS
            .iter()
            .find(|(name, _)| *name == k)
            .map(|(_, id)| l.get(id))
    });
    Chrome {
        kicker,
        also_read: l.get("edition-also-read"),
        translated_from: l.get(&format!(
            "edition-translated-from-{}",
            facts.source_lang.code()
        )),
        read_this_edition: l.get("edition-read-this"),
        byline: facts
            .author
            .map(|a| t!(l, "edition-byline", author = a.to_string())),
        date: facts.date.map(|(y, m, d)| {
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
        machine: l.get("edition-mark-machine"),
        memory: l.get("edition-mark-memory"),
        untranslated: l.get("edition-mark-untranslated"),
        finding: l.get("edition-finding"),
        legend: l.get("edition-legend"),
        findings_lang: editor.tag().to_string(),
    }
}

/// A finding's message and hint in the UI language, as `check` words them.
fn describe(l: &L10n, finding: &Finding, target: Lang) -> (String, String) {
    let message = super::render::render(
        l,
        finding.message.id,
        &super::render::short_args(&finding.message.args),
    );
    let hint = l.msg(
        &format!("hint-rule-{}", finding.rule.id()),
        &[("target", FluentValue::from(target.code()))],
    );
    (message, hint)
}

/// The environment variable that sets how many stories an archive page of the index lists
/// (a positive whole number), for tests that want several pages from a few stories; unset,
/// empty or anything else, [`crate::publish::index::ARCHIVE_PAGE_STORIES`].
pub const ARCHIVE_PAGE_VAR: &str = "PUENTE_ARCHIVE_PAGE_STORIES";

/// How many stories an archive page lists: `PUENTE_ARCHIVE_PAGE_STORIES`, else the default.
fn archive_page_stories() -> usize {
    std::env::var(ARCHIVE_PAGE_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(crate::publish::index::ARCHIVE_PAGE_STORIES)
}

/// The index's labels in the language `facts` name, each date and month as that language
/// writes it.
fn index_chrome(facts: &IndexFacts<'_>, editions: &Editions) -> IndexChrome {
    let l = editions.ui(facts.lang);
    IndexChrome {
        archive: l.get("index-archive"),
        undated: l.get("index-undated"),
        months: facts
            .months
            .iter()
            .map(|&(y, m)| {
                (
                    format!("{y:04}-{m:02}"),
                    t!(
                        l,
                        "index-month",
                        year = y.to_string(),
                        month = l.get(&format!("month-{m}"))
                    ),
                )
            })
            .collect(),
        title: l.get("index-title"),
        language: l.get("index-language"),
        date: l.get("index-date"),
        headline: l.get("index-headline"),
        status: l.get("index-status"),
        editions: l.get("index-editions"),
        final_status: l.get("index-final"),
        draft_status: l.get("index-draft"),
        bilingual: l.get("index-bilingual"),
        dates: facts
            .dates
            .iter()
            .map(|&(y, m, d)| {
                (
                    format!("{y:04}-{m:02}-{d:02}"),
                    t!(
                        l,
                        "edition-date",
                        year = y.to_string(),
                        month = l.get(&format!("month-{m}")),
                        day = d.to_string()
                    ),
                )
            })
            .collect(),
        previous_page: l.get("index-page-previous"),
        next_page: l.get("index-page-next"),
        pages: facts
            .pages
            .iter()
            .map(|&page| (page, t!(l, "index-page", page = page.to_string())))
            .collect(),
    }
}

/// Why a file was left out of the index, for people.
fn skip_reason(l: &L10n, reason: &Skip) -> String {
    match reason {
        Skip::Unreadable(e) => t!(l, "index-skip-unreadable", reason = e.clone()),
        Skip::TooBig => l.get("index-skip-too-big"),
        Skip::NotJson(e) => t!(l, "index-skip-not-json", reason = e.clone()),
        Skip::NotARecord(e) => t!(l, "index-skip-not-a-record", reason = e.clone()),
        Skip::Schema(n) => t!(l, "index-skip-schema", schema = *n),
        Skip::OtherSlug(s) => t!(l, "index-skip-other-slug", slug = s.clone()),
    }
}

/// One problem of the gate, as a line for people.
fn problem_item(l: &L10n, p: &Problem) -> String {
    match p {
        Problem::Pending { article, segment } => pending_item(l, segment, article),
        Problem::MarkedDraft { file, line } => {
            t!(l, "publish-draft-item", file = file.clone(), line = *line)
        }
        Problem::Check {
            file,
            line,
            segment,
            rule,
        } => t!(
            l,
            "publish-check-item",
            file = file.clone(),
            line = *line,
            id = segment.clone(),
            rule = rule.id()
        ),
    }
}

/// Whether `path` is named like a work file (`.po`, `.pot`, `.xlf`, `.xliff`).
fn workfile_name(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("po" | "pot" | "xlf" | "xliff")
    )
}

/// Says why the gate refused `report`'s story (said even with --quiet), or what its draft
/// carries.
fn say_problems(out: &Output<'_>, report: &step::Report) {
    let l = out.l10n();
    if report.problems.is_empty() {
        return;
    }
    let refused = report.outcome == Outcome::Refused;
    let say = |s: &str| {
        if refused {
            out.refusal(s)
        } else {
            out.note(s)
        }
    };
    let count = report.problems.len();
    let head = if refused {
        "publish-refused"
    } else {
        "publish-draft-anyway"
    };
    say(&t!(l, head, count = count));
    for p in report.problems.iter().take(LISTED) {
        say(&format!("  {}", problem_item(l, p)));
    }
    if count > LISTED {
        say(&format!(
            "  {}",
            t!(l, "merge-more", count = count - LISTED)
        ));
    }
    if refused {
        say(&format!(
            "{}: {}",
            l.get("hint-prefix"),
            l.get("publish-hint-draft")
        ));
    }
}

/// Names each file the index left out (a file the index could not read is left out of it,
/// and said so, by name).
fn say_skipped(out: &Output<'_>, skipped: &[step::Skipped]) {
    let l = out.l10n();
    for s in skipped {
        out.note(&t!(
            l,
            "index-skipped",
            path = slash_path(&s.path),
            reason = skip_reason(l, &s.reason)
        ));
    }
}

/// The `--format json` record of one story.
fn record(report: &step::Report) -> Record<'_> {
    let (files, bilingual) = match &report.outcome {
        Outcome::Refused => (Vec::new(), None),
        Outcome::Published {
            files, bilingual, ..
        } => (
            files.iter().map(|p| slash_path(p)).collect(),
            Some(slash_path(bilingual)),
        ),
    };
    Record {
        slug: &report.slug,
        draft: report.draft,
        published: report.outcome != Outcome::Refused,
        bilingual,
        files,
        unreviewed: report.unreviewed,
        check_errors: report.check_errors,
    }
}

/// The `publish-summary` record of a run of many stories.
#[derive(Serialize)]
struct Summary {
    published: usize,
    drafts: usize,
    refused: usize,
    failed: usize,
    index: Vec<String>,
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    let mut given: Vec<PathBuf> = path_arg(m, "article").into_iter().collect();
    given.extend(
        m.get_many::<PathBuf>("translation")
            .into_iter()
            .flatten()
            .cloned(),
    );
    let editions = Editions::new();
    let request = Request {
        article: given.first().cloned().unwrap_or_default(),
        translation: given.get(1).cloned(),
        from: m.get_one::<Lang>("from").copied(),
        to: m.get_one::<Lang>("to").copied(),
        glossary: m.get_one::<PathBuf>("glossary").cloned(),
        draft: m.get_flag("draft"),
        date: m.get_one::<String>("date").cloned(),
        author: m.get_one::<String>("author").cloned(),
        base_url: m.get_one::<String>("base-url").cloned(),
        out: path_arg(m, "out"),
        chrome: &|facts| chrome(facts, l.lang(), &editions),
        describe: &|finding, target| describe(l, finding, target),
        index_chrome: &|facts| index_chrome(facts, &editions),
        archive_page_stories: archive_page_stories(),
    };
    // Work files and folders of them are stories to publish in one run; an article (with
    // its translation) is the one story of the first form.
    let first = given.first().map(PathBuf::as_path).unwrap_or(Path::new(""));
    if given.len() > 2 || first.is_dir() || workfile_name(first) {
        return run_many(out, project, &given, &request, json);
    }
    let report = step::run(project, &request)?;
    let refused = report.outcome == Outcome::Refused;
    say_problems(out, &report);
    say_skipped(out, &report.skipped);
    let record = record(&report);
    if json {
        out.json("publish", &record)?;
    }
    let Outcome::Published { out_dir, files, .. } = &report.outcome else {
        return Ok(exit_findings());
    };
    debug_assert!(!refused);
    if !json {
        // The bilingual page is the data: scripts (and the demo) print where it is.
        out.data(&format!("{}\n", record.bilingual.unwrap_or_default()))?;
    }
    out.note(&t!(
        l,
        if report.draft {
            "publish-done-draft"
        } else {
            "publish-done"
        },
        slug = report.slug.clone(),
        dir = out_dir.display().to_string(),
        files = files.len()
    ));
    Ok(ExitCode::SUCCESS)
}

/// `puente publish WORKFILE_OR_FOLDER…`: every story found, one summary, the index rebuilt
/// once. Exit 2 if anything failed, else 1 if the gate refused a story, else 0.
fn run_many(
    out: &Output<'_>,
    project: &Project,
    given: &[PathBuf],
    request: &Request<'_>,
    json: bool,
) -> CmdResult {
    let l = out.l10n();
    let found = workfiles::find(given, &project.work_dir(Path::new(".")));
    // The date and the byline are one story's: several stories take theirs from their
    // front matter.
    let count = found.files.len();
    for (flag, set) in [
        ("--date", request.date.is_some()),
        ("--author", request.author.is_some()),
    ] {
        if set && (count > 1 || given.len() > 1) {
            return Err(Error::OneStoryFlag {
                flag: flag.into(),
                count,
            }
            .into());
        }
    }
    for p in &found.skipped {
        out.note(&t!(l, "note-not-a-regular-file", path = slash_path(p)));
    }
    let mut failed = found.errors.len();
    // A path that could not be searched is said where it was given among the stories'
    // messages: before the first story found after it.
    let mut search_errors = SearchErrors::new(&found);
    let job = step::run_many(project, &found.files, request);
    for (left, published) in job.repeats() {
        out.note(&t!(
            l,
            "publish-same-story",
            file = slash_path(left),
            other = slash_path(published)
        ));
    }
    // A bar of stories while a person watches; Ctrl-C lets the story under way finish,
    // starts no other, and the index is rebuilt with those published.
    let bar = out.progress(found.files.len() as u64, &l.get("progress-publish"));
    // Each story's refusal, error and record go out as soon as it is done, and only counts
    // are kept: a run over a whole archive never holds its reports. The first record that
    // cannot be printed (a reader gone) is the run's error at the end, as it was when
    // everything was printed then: the stories go on, since they are the work.
    let (mut published, mut drafts, mut refused) = (0, 0, 0);
    let mut printing: Result<(), crate::cli::Failure> = Ok(());
    let many = {
        let _between = crate::stop::Between::begin();
        job.run(&|| bar.inc(1), |path, story| {
            bar.suspend(|| {
                search_errors.before_file(path, |e| report_error(out, e));
                let report = match story {
                    Ok(r) => r,
                    Err(e) => {
                        report_error(out, &e);
                        failed += 1;
                        return;
                    }
                };
                let record = record(&report);
                if report.outcome == Outcome::Refused {
                    // The story first, then why: each refusal's list is read under its name.
                    refused += 1;
                    out.refusal(&t!(
                        l,
                        "publish-many-refused",
                        file = slash_path(path),
                        slug = report.slug.clone()
                    ));
                    say_problems(out, &report);
                } else {
                    say_problems(out, &report);
                    published += 1;
                    drafts += usize::from(report.draft);
                }
                if printing.is_err() {
                    return;
                }
                printing = if json {
                    out.json("publish", &record).map_err(Into::into)
                } else if let Some(b) = &record.bilingual {
                    out.data(&format!("{b}\n")).map_err(Into::into)
                } else {
                    Ok(())
                };
            })
        })
    };
    bar.finish();
    search_errors.rest(|e| report_error(out, e));
    printing?;
    let index = match &many.index {
        Some(Ok(files)) => files.iter().map(|p| slash_path(p)).collect(),
        Some(Err(e)) => {
            report_error(out, e);
            failed += 1;
            Vec::new()
        }
        None => Vec::new(),
    };
    say_skipped(out, &many.skipped);
    if json {
        out.json(
            "publish-summary",
            &Summary {
                published,
                drafts,
                refused,
                failed,
                index,
            },
        )?;
    }
    if published == 0 {
        out.note(&l.get("publish-many-nothing"));
    } else {
        let dir = &many.out_dir;
        out.note(&t!(
            l,
            "publish-many-done",
            published = published,
            drafts = drafts,
            refused = refused,
            failed = failed,
            dir = dir.display().to_string()
        ));
    }
    if let Some(signal) = crate::stop::requested() {
        return Ok(super::stopped_between(
            out,
            signal,
            many.done,
            many.unstarted,
        ));
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else if refused > 0 {
        exit_findings()
    } else {
        ExitCode::SUCCESS
    })
}
