//! `puente check`: runs the QA rules over work files and reports findings for people
//! (localized) or machines (JSON Lines, SARIF 2.1.0, JUnit; never localized).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;
use fluent_bundle::FluentValue;

use super::glossary::glossary_files;
use super::{exit_findings, project_config, slash_path, CmdResult};
use crate::check::report::{self, Item, RuleDoc};
use crate::check::{
    check_files, Arg, CheckedFile, Checker, Located, Rule, Settings, Severity, Side,
};
use crate::config::Config;
use crate::error::Error;
use crate::files;
use crate::glossary::Glossary;
use crate::l10n::{L10n, UiLang};
use crate::lang::Lang;
use crate::output::Output;
use crate::t;
use crate::workfile::{ReadError, WorkFile, WorkFormat};

/// Reads and parses a work file, errors naming the file; one where an id is used twice is
/// refused ([`WorkFile::read`]).
pub fn read_workfile(path: &Path) -> Result<WorkFile, Error> {
    read_with(path, WorkFile::read)
}

/// Reads a work file as `check` does: ids used twice and plural forms at odds with the header
/// are kept as issues, to be reported as findings ([`WorkFile::read_any`]).
pub fn read_workfile_any(path: &Path) -> Result<WorkFile, Error> {
    read_with(path, WorkFile::read_any)
}

fn read_with(
    path: &Path,
    read: fn(&str, WorkFormat) -> Result<WorkFile, ReadError>,
) -> Result<WorkFile, Error> {
    let text = files::read_text(path)?;
    let format = WorkFormat::detect(&path.to_string_lossy(), &text);
    read(&text, format).map_err(|e| match e {
        ReadError::Po(error) => Error::Po {
            path: path.to_path_buf(),
            error,
        },
        ReadError::Xliff(error) => Error::Xliff {
            path: path.to_path_buf(),
            error,
        },
    })
}

/// The project's check settings, validated.
pub fn settings(cfg: Option<&Config>) -> Result<Settings, Error> {
    // Validated whole when puente.toml was parsed (`Config::parse`).
    Ok(cfg.map(Config::check_settings).unwrap_or_default())
}

/// Loads the glossary at `path` (a file or folder), refusing one that does not load.
pub fn load_glossary(path: &Path) -> Result<Glossary, Error> {
    let mut g = Glossary::default();
    for f in glossary_files(path)? {
        let text = files::read_text(&f)?;
        if let Some(p) = g.add_file(&slash_path(&f), &text).into_iter().next() {
            let reason = match p.kind {
                crate::glossary::LoadProblemKind::Toml(m) => m,
                crate::glossary::LoadProblemKind::UnknownLanguage(l) => {
                    format!("unknown language code {l}")
                }
            };
            return Err(Error::Glossary {
                file: p.at.file,
                line: p.at.line,
                column: p.at.column,
                reason,
            });
        }
    }
    Ok(g)
}

/// The glossary a command uses (check, translate, publish): `--glossary PATH`, else the
/// project's glossary folder, else `glossary/` in the current folder; none (and an empty
/// glossary) when there is no such thing. One that does not load, or that `glossary lint`
/// finds errors in, is refused.
pub fn project_glossary(
    m: &ArgMatches,
    cfg: Option<&Config>,
) -> Result<(Option<PathBuf>, Glossary), Error> {
    let path = match m.get_one::<PathBuf>("glossary") {
        Some(p) => Some(p.clone()),
        None => cfg
            .map(|c| c.glossary_dir())
            .filter(|p| p.exists())
            .or_else(|| Some(PathBuf::from("glossary")).filter(|p| p.is_dir())),
    };
    let glossary = match &path {
        Some(p) => {
            let g = load_glossary(p)?;
            // What lint calls an error (the same form translated two ways, a form both
            // required and forbidden…) would make the checks and MT pick one entry silently.
            let findings = crate::glossary::lint::lint(&g, &[]);
            if !findings.is_empty() {
                return Err(Error::GlossaryLint {
                    path: p.clone(),
                    findings,
                });
            }
            g
        }
        None => Glossary::default(),
    };
    Ok((path, glossary))
}

/// The work files a command reads: those under each of `given`, else under `default`; each
/// file once, however often it is named or reached; a note for each special file skipped.
pub(super) fn workfile_paths(
    given: &[PathBuf],
    default: PathBuf,
    out: &Output<'_>,
) -> Result<Vec<PathBuf>, Error> {
    let mut walk = Walk::default();
    if given.is_empty() {
        walk.add(&default)?;
    }
    for p in given {
        walk.add(p)?;
    }
    let l = out.l10n();
    for p in &walk.skipped {
        out.note(&t!(l, "note-not-a-regular-file", path = slash_path(p)));
    }
    Ok(walk.files)
}

/// What identifies a file however it is reached: its device and inode where there are such
/// things, else its canonical path.
#[cfg(unix)]
type FileKey = (u64, u64);
#[cfg(not(unix))]
type FileKey = PathBuf;

#[cfg(unix)]
fn file_key(_path: &Path, meta: &std::fs::Metadata) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}
#[cfg(not(unix))]
fn file_key(path: &Path, _meta: &std::fs::Metadata) -> Option<FileKey> {
    std::fs::canonicalize(path).ok()
}

/// A walk over folders for work files, as ripgrep walks by default: symlinks to folders are
/// not followed (so a loop such as `self -> .` never repeats a file), only regular files are
/// read (a FIFO, socket or device named `x.po` would block or never end: it is skipped, never
/// opened), and each file is taken once, by device and inode.
#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    skipped: Vec<PathBuf>,
    seen: std::collections::HashSet<FileKey>,
}

fn is_workfile_name(p: &Path) -> bool {
    p.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| matches!(x, "po" | "xlf" | "xliff"))
}

impl Walk {
    /// Takes `path`: a file named on the command line (read whatever it is, so the reader
    /// reports what is wrong with it), or a folder walked for `.po`/`.xlf`/`.xliff` files,
    /// sorted.
    fn add(&mut self, path: &Path) -> Result<(), Error> {
        let meta = std::fs::metadata(path).map_err(|_| Error::NotFound {
            path: path.to_path_buf(),
        })?;
        if !meta.is_dir() {
            if file_key(path, &meta).is_none_or(|k| self.seen.insert(k)) {
                self.files.push(path.to_path_buf());
            }
            return Ok(());
        }
        let mut found = Vec::new();
        // Work files met, also those already taken through another path.
        let mut met = 0;
        let mut stack = vec![path.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir).map_err(|e| Error::read(&dir, e))?;
            for e in entries.flatten() {
                let p = e.path();
                let Ok(kind) = e.file_type() else { continue };
                if kind.is_dir() {
                    stack.push(p);
                    continue;
                }
                if !is_workfile_name(&p) {
                    continue;
                }
                // A symlink counts as what it points to, except that folders are not followed.
                let Ok(meta) = std::fs::metadata(&p) else {
                    continue;
                };
                if meta.is_dir() {
                    continue;
                }
                if !meta.is_file() {
                    if file_key(&p, &meta).is_none_or(|k| self.seen.insert(k)) {
                        self.skipped.push(p);
                    }
                    continue;
                }
                met += 1;
                if file_key(&p, &meta).is_none_or(|k| self.seen.insert(k)) {
                    found.push(p);
                }
            }
        }
        if met == 0 {
            return Err(Error::NoWorkfiles {
                path: path.to_path_buf(),
            });
        }
        found.sort();
        self.files.extend(found);
        Ok(())
    }
}

/// The languages of a work file: the flags, else its header, else the project.
fn file_languages(
    path: &Path,
    wf: &WorkFile,
    from: Option<Lang>,
    to: Option<Lang>,
    cfg: Option<&Config>,
) -> Result<(Lang, Lang), Error> {
    let declared = |s: &Option<String>| s.as_deref().and_then(|l| l.parse::<Lang>().ok());
    let target = to
        .or_else(|| declared(&wf.target_lang))
        .or_else(|| from.map(Lang::other));
    let source = from
        .or_else(|| declared(&wf.source_lang))
        .or_else(|| target.map(Lang::other));
    match (source, target) {
        (Some(s), Some(t)) if s != t => Ok((s, t)),
        (Some(s), Some(_)) => Err(Error::SameLang {
            lang: s.code().to_string(),
        }),
        _ => match cfg {
            Some(c) => Ok((c.project.source, c.project.target)),
            None => Err(Error::NoLanguages {
                path: path.to_path_buf(),
            }),
        },
    }
}

fn render(l: &L10n, id: &str, args: &[(&'static str, Arg)]) -> String {
    let fargs: Vec<(&str, FluentValue<'_>)> = args
        .iter()
        .map(|(k, v)| {
            // Counts go in as numbers so Fluent can choose the plural form.
            let value = match v {
                Arg::Count(n) => FluentValue::from(*n),
                Arg::Text(t) => FluentValue::from(t.as_str()),
            };
            (*k, value)
        })
        .collect();
    l.msg(id, &fargs)
}

pub fn run(m: &ArgMatches, out: &Output<'_>) -> CmdResult {
    let l = out.l10n();
    if let Some(id) = m.get_one::<String>("explain") {
        return explain(id, out);
    }
    let cfg = project_config()?;
    let settings = settings(cfg.as_ref())?;
    let (glossary_path, glossary) = project_glossary(m, cfg.as_ref())?;
    if glossary_path.is_none() {
        out.note(&l.get("check-no-glossary"));
    }

    let given: Vec<PathBuf> = m
        .get_many::<PathBuf>("paths")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let dir = cfg
        .as_ref()
        .map(|c| c.root.join(&c.project.workfiles))
        .unwrap_or_else(|| PathBuf::from("."));
    let paths = workfile_paths(&given, dir, out)?;
    let from = m.get_one::<Lang>("from").copied();
    let to = m.get_one::<Lang>("to").copied();
    let mut loaded = Vec::with_capacity(paths.len());
    for p in &paths {
        let wf = read_workfile_any(p)?;
        let langs = file_languages(p, &wf, from, to, cfg.as_ref())?;
        loaded.push((slash_path(p), wf, langs));
    }
    let mut checkers: HashMap<(Lang, Lang), Checker<'_>> = HashMap::new();
    for (_, _, langs) in &loaded {
        checkers
            .entry(*langs)
            .or_insert_with(|| Checker::new(&glossary, langs.0, langs.1, settings.clone()));
    }
    let files: Vec<CheckedFile<'_, '_>> = loaded
        .iter()
        .map(|(name, wf, langs)| CheckedFile {
            name,
            workfile: wf,
            checker: &checkers[langs],
        })
        .collect();
    let found = check_files(&files, &settings);

    let english = L10n::new(UiLang::EnUs);
    let format = m
        .get_one::<String>("format")
        .map(String::as_str)
        .unwrap_or("human");
    let items = || -> Vec<Item> { found.iter().map(|f| item(&english, &files, f)).collect() };
    match format {
        "json" => out.data(&report::json_lines(&items()))?,
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
            out.data(&report::sarif(&items(), &docs, env!("CARGO_PKG_VERSION")))?
        }
        "junit" => {
            let suites: Vec<(String, Vec<(String, usize)>)> = files
                .iter()
                .map(|f| {
                    (
                        f.name.to_string(),
                        f.workfile
                            .units
                            .iter()
                            .map(|u| (report::short_id(&u.id), u.line))
                            .collect(),
                    )
                })
                .collect();
            out.data(&report::junit(&suites, &items()))?
        }
        _ => human(l, &files, &found, out)?,
    }

    let errors = found
        .iter()
        .filter(|f| f.finding.severity == Severity::Error)
        .count();
    let warnings = found.len() - errors;
    let segments: usize = files.iter().map(|f| f.workfile.units.len()).sum();
    out.note(&t!(
        l,
        "check-summary",
        files = files.len(),
        segments = segments,
        errors = errors,
        warnings = warnings
    ));
    Ok(if errors > 0 {
        exit_findings()
    } else {
        ExitCode::SUCCESS
    })
}

/// A message's arguments with long texts (a whole other translation, a long quote) cut, so a
/// report stays linear in its input, and control characters escaped, so neither a terminal
/// nor an XML report receives them raw.
fn short_args(args: &[(&'static str, Arg)]) -> Vec<(&'static str, Arg)> {
    args.iter()
        .map(|(k, v)| {
            let v = match v {
                Arg::Text(t) => {
                    Arg::Text(report::visible(&report::cut(t, 2 * report::CONTEXT_CHARS)))
                }
                Arg::Count(n) => Arg::Count(*n),
            };
            (*k, v)
        })
        .collect()
}

fn item(english: &L10n, files: &[CheckedFile<'_, '_>], f: &Located) -> Item {
    let file = &files[f.file];
    let unit = &file.workfile.units[f.unit];
    let text = match f.finding.side {
        Side::Source => &unit.source,
        Side::Target => &unit.target,
    };
    let span = f.finding.span.clone().filter(|r| r.end <= text.len());
    Item {
        file: file.name.to_string(),
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
fn human(
    l: &L10n,
    files: &[CheckedFile<'_, '_>],
    found: &[Located],
    out: &Output<'_>,
) -> Result<(), crate::output::Closed> {
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
        let unit = &file.workfile.units[f.unit];
        let finding = &f.finding;
        let (src_span, tgt_span) = match finding.side {
            Side::Source => (finding.span.as_ref(), None),
            Side::Target => (None, finding.span.as_ref()),
        };
        buf.push_str(&format!(
            "{}:{}: {}[{}] {}: {}\n",
            report::visible(file.name),
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
            l.get(&format!("hint-rule-{}", finding.rule.id()))
        ));
        // Large reports go out in pieces rather than as one string.
        if buf.len() > 1 << 16 {
            out.data(&buf)?;
            buf.clear();
        }
    }
    out.data(&buf)
}

/// `--explain ID`: the rule's documentation.
fn explain(id: &str, out: &Output<'_>) -> CmdResult {
    let l = out.l10n();
    let Some(rule) = Rule::parse(id) else {
        return Err(Error::UnknownRule { id: id.to_string() }.into());
    };
    let cfg = project_config()?;
    let severity = settings(cfg.as_ref())?.severity(rule);
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
