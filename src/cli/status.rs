//! `puente status [PATH…]`: per work file, how many segments and words are translated, fuzzy
//! (unreviewed) and untranslated. Words are counted in the source, as translators bill them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgMatches;
use serde::Serialize;

use super::check::{read_workfile, workfile_paths};
use super::{project_config, slash_path, CmdResult};
use crate::output::Output;
use crate::t;
use crate::workfile::State;

/// One line of `--format json`, schema 1.
#[derive(Serialize, Default, Clone)]
struct Counts {
    schema: u32,
    file: String,
    translated: usize,
    fuzzy: usize,
    untranslated: usize,
    translated_words: usize,
    fuzzy_words: usize,
    untranslated_words: usize,
}

/// Words as translators count them: runs of letters or digits (placeholders are not words).
fn words(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
        - crate::text::markup::placeholder_tokens(text).count()
}

pub fn run(m: &ArgMatches, out: &Output<'_>) -> CmdResult {
    let l = out.l10n();
    let cfg = project_config()?;
    let given: Vec<PathBuf> = m
        .get_many::<PathBuf>("paths")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let dir = cfg
        .as_ref()
        .map(|c| c.workfiles_dir())
        .unwrap_or_else(|| PathBuf::from("."));
    let paths = workfile_paths(&given, dir, out)?;
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    let mut total = Counts {
        schema: 1,
        file: "total".into(),
        ..Counts::default()
    };
    let mut buf = String::new();
    for p in &paths {
        let wf = read_workfile(p)?;
        let mut c = Counts {
            schema: 1,
            file: slash_path(p),
            ..Counts::default()
        };
        for u in &wf.units {
            let w = words(&u.source);
            match u.state {
                State::Translated => {
                    c.translated += 1;
                    c.translated_words += w;
                }
                State::Fuzzy => {
                    c.fuzzy += 1;
                    c.fuzzy_words += w;
                }
                State::Untranslated => {
                    c.untranslated += 1;
                    c.untranslated_words += w;
                }
            }
        }
        total.translated += c.translated;
        total.fuzzy += c.fuzzy;
        total.untranslated += c.untranslated;
        total.translated_words += c.translated_words;
        total.fuzzy_words += c.fuzzy_words;
        total.untranslated_words += c.untranslated_words;
        line(&mut buf, l, &c, json);
    }
    if paths.len() > 1 {
        line(&mut buf, l, &total, json);
    }
    out.data(&buf)?;
    Ok(ExitCode::SUCCESS)
}

fn line(buf: &mut String, l: &crate::l10n::L10n, c: &Counts, json: bool) {
    if json {
        buf.push_str(&serde_json::to_string(c).expect("counts serialize"));
    } else {
        let all = c.translated + c.fuzzy + c.untranslated;
        // An empty work file has nothing left to do.
        let percent = (c.translated * 100).checked_div(all).unwrap_or(100);
        buf.push_str(&t!(
            l,
            "status-line",
            file = c.file.clone(),
            percent = percent,
            translated = c.translated,
            fuzzy = c.fuzzy,
            untranslated = c.untranslated,
            words = c.translated_words + c.fuzzy_words + c.untranslated_words,
            left = c.fuzzy_words + c.untranslated_words
        ));
    }
    buf.push('\n');
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_leave_placeholders_out() {
        assert_eq!(super::words("See [the report]({1}) on 2 U.S. drones."), 8);
    }
}
