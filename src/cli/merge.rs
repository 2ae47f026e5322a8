//! `puente merge`: work file + source article → translated article, behind the gate that
//! every segment is translated and reviewed (or `--draft`).

use std::process::ExitCode;

use clap::ArgMatches;
use serde::Serialize;

use super::render::pending_item;
use super::{exit_findings, parent_dir, path_arg, segment::load_article, with_lang, CmdResult};
use crate::article::sha256_hex;
use crate::error::Error;
use crate::files::{self, Durability, InputRole};
use crate::output::Output;
use crate::project::Project;
use crate::t;
use crate::workfile::merge::{merge, PendingSegment};
use crate::workfile::{WorkFile, WorkFormat};

/// The JSON report (`--format json`), schema version 1.
#[derive(Serialize)]
struct Report<'a> {
    schema: u32,
    output: Option<String>,
    source: String,
    translated: usize,
    total: usize,
    draft: bool,
    pending: &'a [PendingSegment],
}

pub fn run(m: &ArgMatches, out: &Output<'_>, project: &Project) -> CmdResult {
    let l = out.l10n();
    let wf_path = path_arg(m, "workfile").unwrap_or_default();
    let wf_text = files::read_text(&wf_path)?;
    let format = WorkFormat::detect(&wf_path.to_string_lossy(), &wf_text);
    let read = WorkFile::read(&wf_text, format);
    // The text is no longer needed once parsed; free it before the article is loaded.
    drop(wf_text);
    let work = read.map_err(|e| match e {
        crate::workfile::ReadError::Po(error) => Error::Po {
            path: wf_path.clone(),
            error,
        },
        crate::workfile::ReadError::Xliff(error) => Error::Xliff {
            path: wf_path.clone(),
            error,
        },
    })?;
    let Some(meta) = work.meta.clone() else {
        return Err(Error::NotWorkfile { path: wf_path }.into());
    };
    let source_path = parent_dir(&wf_path).join(&meta.source);
    if !source_path.is_file() {
        return Err(Error::SourceMissing {
            path: wf_path,
            source_path,
        }
        .into());
    }
    let source_text = files::read_text(&source_path)?;
    if sha256_hex(source_text.as_bytes()) != meta.source_sha256 {
        return Err(Error::SourceChanged {
            path: wf_path,
            source_path,
        }
        .into());
    }
    let article = load_article(&source_path, source_text, meta.source_lang)?;
    let merged = merge(&article, &work);
    let draft = m.get_flag("draft");
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    let total = article.segments.len();
    let output = path_arg(m, "output").unwrap_or_else(|| {
        let ext = source_path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_else(|| "md".into());
        with_lang(&source_path, meta.target_lang, &ext)
    });
    let to_stdout = output.as_os_str() == "-";
    // The merged article must not land on anything this run reads: the work file, the
    // article, or the memory the reviewed translations go to next.
    let memory = super::tm::after_merge_memory(project, &wf_path);
    let inputs = [
        (wf_path.as_path(), InputRole::Workfile),
        (source_path.as_path(), InputRole::Article),
        (memory.as_path(), InputRole::Memory),
    ];
    files::refuse_inputs(&output, &inputs)?;
    let refused = !merged.pending.is_empty() && !draft;

    if refused {
        out.note(&t!(l, "merge-refused", count = merged.pending.len()));
        for p in merged.pending.iter().take(20) {
            out.note(&format!("  {}", pending_item(l, p, &meta.source)));
        }
        if merged.pending.len() > 20 {
            out.note(&format!(
                "  {}",
                t!(l, "merge-more", count = merged.pending.len() - 20)
            ));
        }
        out.note(&format!(
            "{}: {}",
            l.get("hint-prefix"),
            l.get("merge-hint-draft")
        ));
    } else if to_stdout {
        out.data(&merged.output)?;
    } else {
        // The merged article is made again from the work file at any time, so it is not
        // flushed to disk one by one; the work file is what must never be lost.
        files::write_output(&output, &inputs, Durability::Bulk, |w| {
            w.write_all(merged.output.as_bytes())
        })?;
    }

    if json {
        let report = Report {
            schema: 1,
            output: (!refused && !to_stdout).then(|| output.display().to_string()),
            source: source_path.display().to_string(),
            translated: merged.translated,
            total,
            draft,
            pending: &merged.pending,
        };
        if !to_stdout {
            out.data(&serde_json::to_string_pretty(&report).unwrap_or_default())?;
            out.data("\n")?;
        }
    }
    if refused {
        return Ok(exit_findings());
    }
    if !merged.pending.is_empty() {
        out.note(&t!(l, "merge-draft", count = merged.pending.len()));
    }
    if !to_stdout {
        out.note(&t!(
            l,
            "merge-done",
            path = output.display().to_string(),
            translated = merged.translated,
            total = total
        ));
    }
    // Every successful merge feeds the translation memory with its reviewed translations;
    // a memory that cannot take them is an error (the article itself is written).
    if merged.translated > 0 {
        super::tm::after_merge(out, project, &wf_path, &memory)?;
    }
    Ok(ExitCode::SUCCESS)
}
