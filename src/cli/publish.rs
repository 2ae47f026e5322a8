//! `puente publish`: the editions of a story behind the review gate. The gate refuses (exit
//! 1, nothing written) while a segment is untranslated, fuzzy or broken, or `check` finds an
//! error; `--draft` publishes anyway, with a banner and `noindex`. The step itself is
//! [`app::publish`](crate::app::publish); this file maps the arguments to its request, builds
//! the chrome of each edition and of the index pages from that language's Fluent bundle
//! (whatever language the CLI speaks) and renders the report, with a note naming each file the
//! index left out.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgMatches;
use fluent_bundle::FluentValue;
use serde::Serialize;

use super::render::pending_item;
use super::{exit_findings, path_arg, slash_path, CmdResult};
use crate::app::publish::{self as step, ChromeFacts, Outcome, Problem, Request};
use crate::check::Finding;
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

fn ui(lang: Lang) -> L10n {
    L10n::new(match lang {
        Lang::En => UiLang::EnUs,
        Lang::Es => UiLang::EsMx,
    })
}

/// The chrome of the edition `facts` describe, in that edition's language; the check
/// findings it shows are in `editor`, the editor's language.
fn chrome(facts: &ChromeFacts<'_>, editor: UiLang) -> Chrome {
    let l = ui(facts.lang);
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

/// The index's labels in the language `facts` name, each date as that language writes it.
fn index_chrome(facts: &IndexFacts<'_>) -> IndexChrome {
    let l = ui(facts.lang);
    IndexChrome {
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

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    let request = Request {
        article: path_arg(m, "article").unwrap_or_default(),
        translation: path_arg(m, "translation"),
        from: m.get_one::<Lang>("from").copied(),
        to: m.get_one::<Lang>("to").copied(),
        glossary: m.get_one::<PathBuf>("glossary").cloned(),
        draft: m.get_flag("draft"),
        date: m.get_one::<String>("date").cloned(),
        author: m.get_one::<String>("author").cloned(),
        base_url: m.get_one::<String>("base-url").cloned(),
        out: path_arg(m, "out"),
        chrome: &|facts| chrome(facts, l.lang()),
        describe: &|finding, target| describe(l, finding, target),
        index_chrome: &index_chrome,
    };
    let report = step::run(project, &request)?;
    let refused = report.outcome == Outcome::Refused;

    // The problems: why the run exits 1 (said even with --quiet), or what the draft carries.
    if !report.problems.is_empty() {
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

    // A file the index could not read is left out of it, and said so, by name.
    for s in &report.skipped {
        out.note(&t!(
            l,
            "index-skipped",
            path = slash_path(&s.path),
            reason = skip_reason(l, &s.reason)
        ));
    }

    let (files, bilingual) = match &report.outcome {
        Outcome::Refused => (Vec::new(), None),
        Outcome::Published {
            files, bilingual, ..
        } => (
            files.iter().map(|p| slash_path(p)).collect(),
            Some(slash_path(bilingual)),
        ),
    };
    if json {
        out.json(
            "publish",
            &Record {
                slug: &report.slug,
                draft: report.draft,
                published: !refused,
                bilingual: bilingual.clone(),
                files,
                unreviewed: report.unreviewed,
                check_errors: report.check_errors,
            },
        )?;
    }
    let Outcome::Published { out_dir, files, .. } = &report.outcome else {
        return Ok(exit_findings());
    };
    if !json {
        // The bilingual page is the data: scripts (and the demo) print where it is.
        out.data(&format!("{}\n", bilingual.unwrap_or_default()))?;
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
