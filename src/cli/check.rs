//! `puente check`: runs the QA rules over work files and reports findings for people
//! (localized) or machines (JSON Lines, SARIF 2.1.0, JUnit; never localized), to standard
//! output or with `-o FILE` to a file, each batch of files' part as soon as the batch is
//! checked; the file is put in place only when every file could be checked.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgMatches;
use fluent_bundle::FluentValue;

use super::render::{render, short_args};
use super::{exit_findings, path_arg, report_error, slash_path, CmdResult};
use crate::app::{
    self,
    check::{Found, Nothing, Request},
};
use crate::check::report::{self, Item, RuleDoc};
use crate::check::{Rule, Side};
use crate::error::Error;
use crate::l10n::{L10n, UiLang};
use crate::lang::Lang;
use crate::output::{json_line, Output};
use crate::project::Project;
use crate::t;

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    if let Some(id) = m.get_one::<String>("explain") {
        return explain(id, out, project);
    }
    let settings = project.check_settings();
    let request = Request {
        paths: m
            .get_many::<PathBuf>("paths")
            .map(|v| v.cloned().collect())
            .unwrap_or_default(),
        flags: (
            m.get_one::<Lang>("from").copied(),
            m.get_one::<Lang>("to").copied(),
        ),
        glossary: m.get_one::<PathBuf>("glossary").cloned(),
        cwd: super::current_dir(),
        cases: m.get_one::<String>("format").map(String::as_str) == Some("junit"),
    };
    // `-o -` is standard output, as for the other commands' `--output`.
    let output = path_arg(m, "output").filter(|p| p.as_os_str() != "-");
    let format = m
        .get_one::<String>("format")
        .map(String::as_str)
        .unwrap_or("human");
    let job = app::check::start(project, &request)?;
    let before = job.report();
    if !before.glossary {
        out.note(&l.get("check-no-glossary"));
    }
    for p in &before.skipped {
        out.note(&t!(l, "note-not-a-regular-file", path = slash_path(p)));
    }
    // A new project has no work files yet: that is said, and the reports are empty.
    for n in &before.nothing {
        out.note(&match n {
            Nothing::NoWorkfiles(p) => t!(l, "check-nothing", path = slash_path(p)),
            Nothing::NoWorkFolder(p) => t!(l, "check-no-work-folder", path = slash_path(p)),
        });
    }
    // A path that cannot be searched, and later each file that cannot be read or placed in a
    // language pair, is reported, and the others are still checked; the exit code says so
    // at the end.
    for e in &before.errors {
        report_error(out, e);
    }

    // The report goes out as the files are checked, a batch at a time, so that a check of a
    // whole archive never holds its report.
    let checked = match &output {
        // A report file is written whole or not at all: a check that could not read some
        // files writes none, since a report of the others would pass for a whole one.
        Some(path) => {
            let inputs = job.inputs();
            let (checked, written) = app::check::write_report(&inputs, path, |w| {
                render_report(job, format, &settings, out, |s| w.write_all(s.as_bytes()))
            })?;
            out.note(&if written {
                t!(l, "check-report-written", path = slash_path(path))
            } else {
                t!(l, "check-report-not-written", path = slash_path(path))
            });
            checked
        }
        None => render_report(job, format, &settings, out, |s| out.data(s))?,
    };

    let found = checked.found;
    let segments: usize = checked.files.iter().map(|f| f.segments).sum();
    out.note(&t!(
        l,
        "check-summary",
        files = checked.files.len(),
        segments = segments,
        errors = found.errors,
        warnings = found.warnings,
        unchecked = checked.errors.len()
    ));
    Ok(if !checked.errors.is_empty() {
        ExitCode::from(2)
    } else if found.errors > 0 {
        exit_findings()
    } else {
        ExitCode::SUCCESS
    })
}

/// Text handed out in pieces of about 64 KiB rather than as one string or a write per line.
struct Pieces<F> {
    buf: String,
    emit: F,
}

impl<E, F: FnMut(&str) -> Result<(), E>> Pieces<F> {
    fn push(&mut self, s: &str) -> Result<(), E> {
        self.buf.push_str(s);
        if self.buf.len() > 1 << 16 {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), E> {
        if !self.buf.is_empty() {
            (self.emit)(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}

/// Runs the check and renders its report in `format` as each batch of files is done,
/// handing it to `emit` in pieces; the files that cannot be checked are reported as they
/// come. The machine formats are never localized; the human one is in the reader's language.
fn render_report<E>(
    job: app::check::Job<'_>,
    format: &str,
    settings: &crate::check::Settings,
    out: &Output<'_>,
    emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<app::check::Report, E> {
    let l = out.l10n();
    let english = L10n::new(UiLang::EnUs);
    let mut pieces = Pieces {
        buf: String::new(),
        emit,
    };
    let mut sarif = None;
    let mut junit = None;
    match format {
        "sarif" => {
            let docs: Vec<RuleDoc> = Rule::ALL
                .iter()
                .map(|r| RuleDoc {
                    rule: *r,
                    severity: settings.severity(*r),
                    title: english.get(&format!("rule-{}", r.id())),
                    help: english.get(&format!("explain-{}", r.id())),
                })
                .collect();
            let (w, head) =
                report::Sarif::head(&docs, env!("CARGO_PKG_VERSION"), &job.report().root);
            pieces.push(&head)?;
            sarif = Some(w);
        }
        "junit" => {
            let (w, head) = report::Junit::head();
            pieces.push(&head)?;
            junit = Some(w);
        }
        _ => {}
    }
    let checked = job.run(|batch| {
        for e in &batch.report.errors[batch.errors.clone()] {
            report_error(out, e);
        }
        let files = &batch.report.files;
        if let Some(w) = sarif.as_mut() {
            for f in &batch.findings {
                pieces.push(&w.result(&item(&english, files, f)))?;
            }
        } else if let Some(w) = junit.as_mut() {
            let items: Vec<(usize, Item)> = batch
                .findings
                .iter()
                .map(|f| (f.file, item(&english, files, f)))
                .collect();
            for (fi, cases) in batch.files.clone().zip(&batch.cases) {
                let mine: Vec<&Item> = items
                    .iter()
                    .filter(|(file, _)| *file == fi)
                    .map(|(_, i)| i)
                    .collect();
                pieces.push(&w.suite(&files[fi].name, cases, &mine))?;
            }
        } else if format == "json" {
            for f in &batch.findings {
                pieces.push(&json_line("finding", &item(&english, files, f)))?;
            }
        } else {
            human(l, files, &batch.findings, &mut pieces)?;
        }
        // What a batch found goes out when the batch is done.
        pieces.flush()
    })?;
    if let Some(w) = sarif {
        let problems: Vec<String> = checked
            .errors
            .iter()
            .map(|e| super::errors::describe_inline(e, &english).0)
            .collect();
        pieces.push(&w.tail(&problems))?;
    } else if let Some(w) = junit {
        pieces.push(&w.tail())?;
    }
    pieces.flush()?;
    Ok(checked)
}

fn item(english: &L10n, files: &[app::check::File], f: &Found) -> Item {
    let file = &files[f.file];
    let unit = &f.segment;
    let text = match f.finding.side {
        Side::Source => &unit.source,
        Side::Target => &unit.target,
    };
    let span = f.finding.span.clone().filter(|r| r.end <= text.len());
    Item {
        file: file.name.to_string(),
        path: file.path.clone(),
        line: unit.line,
        segment: report::short_id(&unit.id),
        rule: f.finding.rule.id(),
        severity: f.finding.severity.id(),
        side: Item::side_name(f.finding.side),
        span: span.as_ref().map(|r| (r.start, r.end)),
        text: span.map(|r| report::cut(&text[r], 2 * report::CONTEXT_CHARS)),
        message: render(
            english,
            f.finding.message.id,
            &short_args(&f.finding.message.args),
        ),
        args: f
            .finding
            .message
            .args
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    report::cut(&v.to_string(), 2 * report::CONTEXT_CHARS),
                )
            })
            .collect::<BTreeMap<_, _>>(),
    }
}

/// The report for people: `file:line: severity[rule] segment: message`, then the source and
/// the target with the offending span marked, then the rule's hint.
fn human<E>(
    l: &L10n,
    files: &[app::check::File],
    found: &[Found],
    out: &mut Pieces<impl FnMut(&str) -> Result<(), E>>,
) -> Result<(), E> {
    let mut buf = String::new();
    let source_label = l.get("check-source-label");
    let target_label = l.get("check-target-label");
    let hint_label = l.get("hint-prefix");
    let width = source_label
        .chars()
        .count()
        .max(target_label.chars().count());
    for f in found {
        let file = &files[f.file];
        let unit = &f.segment;
        let finding = &f.finding;
        let (src_span, tgt_span) = match finding.side {
            Side::Source => (finding.span.as_ref(), None),
            Side::Target => (None, finding.span.as_ref()),
        };
        buf.push_str(&format!(
            "{}:{}: {}[{}] {}: {}\n",
            report::visible(&file.name),
            unit.line,
            l.get(&format!("check-severity-{}", finding.severity.id())),
            finding.rule.id(),
            report::visible(&report::short_id(&unit.id)),
            report::visible(&render(
                l,
                finding.message.id,
                &short_args(&finding.message.args)
            ))
        ));
        buf.push_str(&format!(
            "    {source_label:>width$}: {}\n",
            report::visible(&report::excerpt(&unit.source, src_span))
        ));
        if !unit.target.is_empty() {
            buf.push_str(&format!(
                "    {target_label:>width$}: {}\n",
                report::visible(&report::excerpt(&unit.target, tgt_span))
            ));
        }
        buf.push_str(&format!(
            "    {hint_label:>width$}: {}\n\n",
            // A hint may differ by the file's target language (Spanish or English quotation
            // style), so it is given the target's code to choose with.
            l.msg(
                &format!("hint-rule-{}", finding.rule.id()),
                &[("target", FluentValue::from(file.langs.1.code()))]
            )
        ));
        out.push(&buf)?;
        buf.clear();
    }
    Ok(())
}

/// `--explain ID`: the rule's documentation.
fn explain(id: &str, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let Some(rule) = Rule::parse(id) else {
        return Err(Error::UnknownRule { id: id.to_string() }.into());
    };
    let severity = project.check_settings().severity(rule);
    let text = format!(
        "{} — {}\n\n{}\n\n{}\n{}\n",
        rule.id(),
        l.get(&format!("rule-{}", rule.id())),
        l.get(&format!("explain-{}", rule.id())),
        t!(
            l,
            "check-explain-severity",
            default = l.get(&format!("check-severity-{}", rule.default_severity().id())),
            project = l.get(&format!("check-severity-{}", severity.id()))
        ),
        t!(l, "check-explain-silence", id = rule.id()),
    );
    out.data(&text)?;
    Ok(ExitCode::SUCCESS)
}
