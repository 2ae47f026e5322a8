//! The command line: clap definitions built from Fluent messages, and one file per command.
//!
//! This is the only layer (with [`crate::output`]) that reads the environment, the file
//! system and the terminal. Commands return an exit code or an error; nothing deep calls
//! `process::exit`. Exit codes: 0 ok, 1 findings or unfinished work (the gate), 2 errors.

mod check;
mod engines;
mod errors;
mod glossary;
mod import;
mod init;
mod merge;
mod publish;
mod render;
mod segment;
mod split;
mod status;
mod tm;
mod translate;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::config;
use crate::error::Error;
use crate::l10n::{self, L10n};
use crate::lang::Lang;
use crate::output::{Output, Stopped};
use crate::project::Project;

/// Why a command stopped.
pub enum Failure {
    /// A reportable error (exit 2).
    Error(Error),
    /// stdout was closed by its reader: exit quietly.
    Closed,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Error(e)
    }
}

impl From<Stopped> for Failure {
    fn from(s: Stopped) -> Self {
        match s {
            Stopped::Closed => Failure::Closed,
            // A full disk or an I/O error behind stdout is an error: the data is not there.
            Stopped::Failed(source) => Failure::Error(Error::Stdout { source }),
        }
    }
}

/// The result of a command.
pub type CmdResult = Result<ExitCode, Failure>;

/// Reports an item's error (one file of several) in the UI language: the run goes on, and
/// the command raises its exit code at the end.
pub fn report_error(out: &Output<'_>, e: &Error) {
    let (msg, hint) = errors::describe(e, out.l10n());
    out.error(&msg, hint.as_deref());
}

/// Exit code for findings or unfinished work.
pub fn exit_findings() -> ExitCode {
    ExitCode::from(1)
}

/// Runs puente with the process's arguments and environment, removing what it leaves
/// behind if a signal stops it.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let env = |k: &str| std::env::var(k).ok();
    on_signal_clean_up_and_exit(l10n::negotiate(prescan_ui_lang(&args).as_deref(), env));
    run(args, env)
}

/// On any signal whose default action ends the process and that can be caught (SIGINT,
/// SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
/// SIGIO and the real-time signals the C library leaves to programs): removes the temporary
/// and lock files this process made ([`crate::files::remove_tracked`]), stops the Apertium
/// runs under way, which have process groups of their own
/// ([`crate::mt::apertium::stop_running`]), says so on stderr and exits with 128 + the
/// signal, as shells report a process a signal ended. SIGPIPE is left alone: Rust ignores it,
/// and a closed pipe is an EPIPE error handled where it happens ([`crate::output`]). The
/// work is done on a thread of its own that waits for the signal (signal-hook), where
/// removing files and printing are safe; the files written before (a translation saved
/// after each batch) stay whole, since every file is replaced by a rename.
#[cfg(unix)]
fn on_signal_clean_up_and_exit(lang: l10n::UiLang) {
    use signal_hook::consts::*;
    let mut wanted = vec![
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ, SIGIO,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let rt_min = libc::SIGRTMIN();
    #[cfg(any(target_os = "linux", target_os = "android"))]
    wanted.extend(rt_min..=libc::SIGRTMAX());
    let Ok(mut signals) = signal_hook::iterator::Signals::new(&wanted) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // A save under way finishes first (with the record of what it saved), and no
            // other starts: what is reported below is what the files hold.
            let _held = crate::files::hold_commits(std::time::Duration::from_secs(5));
            crate::files::remove_tracked();
            crate::mt::apertium::stop_running();
            let name = match signal_hook::low_level::signal_name(signal) {
                Some(name) => name.to_string(),
                #[cfg(any(target_os = "linux", target_os = "android"))]
                None => format!("SIGRTMIN+{}", signal - rt_min),
                #[cfg(not(any(target_os = "linux", target_os = "android")))]
                None => format!("signal {signal}"),
            };
            let l10n = L10n::new(lang);
            translate::report_interrupted(&l10n);
            Output::new(&l10n).note(&crate::t!(l10n, "interrupted", signal = name));
            // The one exit outside `main`: the signal has already stopped the run, whatever the
            // other threads are doing, and its exit code is the shell's 128 + N.
            #[allow(clippy::exit)]
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
fn on_signal_clean_up_and_exit(_: l10n::UiLang) {}

/// Runs puente with the given arguments and environment lookup.
pub fn run(args: Vec<OsString>, env: impl Fn(&str) -> Option<String>) -> ExitCode {
    let flag = prescan_ui_lang(&args);
    let l10n = L10n::new(l10n::negotiate(flag.as_deref(), &env));
    let out = Output::new(&l10n);
    if let Some(f) = flag.as_deref() {
        if l10n::UiLang::parse(f).is_none() {
            out.note(&crate::t!(l10n, "err-ui-lang", value = f.to_string()));
        }
    }
    let matches = match build(&l10n).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind;
            let printed = e.print();
            return match e.kind() {
                // Help and version are data on stdout: held to the same rule as any data.
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => match printed {
                    Err(source) if source.kind() != std::io::ErrorKind::BrokenPipe => {
                        let (msg, hint) = errors::describe(&Error::Stdout { source }, &l10n);
                        out.error(&msg, hint.as_deref());
                        ExitCode::from(2)
                    }
                    _ => ExitCode::SUCCESS,
                },
                _ => ExitCode::from(2),
            };
        }
    };
    // `--quiet` and `--format json` hold for the whole run: the output is told once.
    let leaf = leaf_matches(&matches);
    let out = out.quiet(leaf.get_flag("quiet")).json_mode(matches!(
        leaf.try_get_one::<String>("format"),
        Ok(Some(f)) if f == "json"
    ));
    let fail = |e: Error| {
        let (msg, hint) = errors::describe(&e, &l10n);
        out.error(&msg, hint.as_deref());
        ExitCode::from(2)
    };
    // The project is opened once, before any command runs: its `puente.toml` is validated
    // whole, so every command refuses a broken one the same way. Only `init` (which may be
    // run to replace a broken file) goes without.
    let project = match matches.subcommand_name() {
        Some("init") => Project::default(),
        _ => match Project::open(&current_dir()) {
            Ok(p) => p,
            Err(e) => return fail(e),
        },
    };
    if let Err(e) = apply_limits(&env, &project) {
        return fail(e);
    }
    let result = match matches.subcommand() {
        Some(("import", m)) => import::run(m, &out, &project),
        Some(("split", m)) => split::run(m, &out, &project),
        Some(("segment", m)) => segment::run(m, &out, &project),
        Some(("merge", m)) => merge::run(m, &out, &project),
        Some(("init", m)) => init::run(m, &out, &project),
        Some(("glossary", m)) => glossary::run(m, &out, &project),
        Some(("check", m)) => check::run(m, &out, &project),
        Some(("translate", m)) => translate::run(m, &out, &project),
        Some(("engines", m)) => engines::run(m, &out, &project),
        Some(("status", m)) => status::run(m, &out, &project),
        Some(("tm", m)) => tm::run(m, &out, &project),
        Some(("publish", m)) => publish::run(m, &out, &project),
        _ => Ok(ExitCode::from(2)),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(Failure::Error(e)) => {
            let (msg, hint) = errors::describe(&e, &l10n);
            out.error(&msg, hint.as_deref());
            ExitCode::from(2)
        }
    }
}

/// The matches of the command that runs (`tm stats` in `puente tm stats`), where global
/// flags such as `--quiet` end up wherever they were given.
fn leaf_matches(m: &ArgMatches) -> &ArgMatches {
    match m.subcommand() {
        Some((_, sub)) => leaf_matches(sub),
        None => m,
    }
}

/// The environment variable that sets the input size limit (over `[limits] max_input_size`).
pub const MAX_INPUT_VAR: &str = "PUENTE_MAX_INPUT_SIZE";

/// Sets the input size limits for this run: `PUENTE_MAX_INPUT_SIZE`, else the project's
/// `[limits]`, else the defaults.
fn apply_limits(env: &impl Fn(&str) -> Option<String>, project: &Project) -> Result<(), Error> {
    use crate::files::Limit;
    let limits = project.config().map(|c| &c.limits);
    // An empty value is no value, as shells treat `VAR=` in scripts.
    let input = match env(MAX_INPUT_VAR).filter(|v| !v.trim().is_empty()) {
        Some(v) => config::parse_size(&v).ok_or(Error::BadSize {
            setting: MAX_INPUT_VAR.to_string(),
            value: v,
        })?,
        None => limits
            .and_then(|l| l.max_input_size)
            .unwrap_or(crate::files::DEFAULT_MAX_INPUT),
    };
    Limit::Input.set(input);
    Limit::Tmx.set(
        limits
            .and_then(|l| l.max_tmx_size)
            .unwrap_or(crate::files::DEFAULT_MAX_TMX),
    );
    Ok(())
}

/// Finds `--ui-lang X` / `--ui-lang=X` before clap runs, since clap's help needs the language.
fn prescan_ui_lang(args: &[OsString]) -> Option<String> {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let a = a.to_string_lossy();
        if a == "--" {
            break;
        }
        if a == "--ui-lang" {
            return it.next().map(|v| v.to_string_lossy().into_owned());
        }
        if let Some(v) = a.strip_prefix("--ui-lang=") {
            return Some(v.to_string());
        }
    }
    None
}

/// The command tree, every text from Fluent.
pub fn build(l: &L10n) -> Command {
    let options = l.get("cli-options-heading");
    let arguments = l.get("cli-arguments-heading");
    let usage = l.get("cli-usage-heading");
    let template =
        format!("{{about-with-newline}}\n{usage}: {{usage}}\n\n{{all-args}}{{after-help}}");
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(l.get("cli-help"))
        .help_heading(options.clone())
        .global(true);
    let sub = |name: &'static str, about: &str, usage_line: &str| {
        Command::new(name)
            .about(about.to_string())
            .help_template(template.clone())
            .override_usage(usage_line.to_string())
            .disable_help_flag(true)
            .next_help_heading(options.clone())
    };
    let pos = |name: &'static str, help: String| {
        Arg::new(name)
            .help(help)
            .help_heading(arguments.clone())
            .value_parser(clap::value_parser!(PathBuf))
    };
    let output = |help: String| {
        Arg::new("output")
            .short('o')
            .long("output")
            .value_name("FILE")
            .help(help)
            .value_parser(clap::value_parser!(PathBuf))
    };
    let lang_arg = |name: &'static str, help: String| {
        Arg::new(name)
            .long(name)
            .value_name("en|es")
            .help(help)
            .value_parser(|s: &str| s.parse::<Lang>().map_err(|e| e.to_string()))
    };
    // check, translate and publish read the same glossary option.
    let glossary_arg = Arg::new("glossary")
        .long("glossary")
        .value_name("PATH")
        .help(l.get("arg-check-glossary"))
        .value_parser(clap::value_parser!(PathBuf));
    let format_data = Arg::new("format")
        .long("format")
        .value_name("human|json")
        .help(l.get("arg-format-data"))
        .value_parser(["human", "json"])
        .hide_possible_values(true)
        .default_value("human")
        .hide_default_value(true);

    Command::new("puente")
        .version(env!("CARGO_PKG_VERSION"))
        .about(l.get("cli-about"))
        .after_help(l.get("cli-after-help"))
        .help_template(template.clone())
        .override_usage("puente [--ui-lang en-US|es-MX] <COMMAND>")
        .subcommand_help_heading(l.get("cli-commands-heading"))
        .subcommand_value_name("COMMAND")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(help)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(l.get("cli-version"))
                .help_heading(options.clone()),
        )
        .arg(
            Arg::new("ui-lang")
                .long("ui-lang")
                .value_name("en-US|es-MX")
                .help(l.get("cli-ui-lang"))
                .help_heading(options.clone())
                // The global options close every command's list, after its own.
                .display_order(1000)
                .global(true),
        )
        .arg(
            Arg::new("quiet")
                .short('q')
                .long("quiet")
                .action(ArgAction::SetTrue)
                .help(l.get("cli-quiet"))
                .help_heading(options.clone())
                .display_order(1001)
                .global(true),
        )
        .subcommand(
            sub(
                "import",
                &l.get("cmd-import"),
                "puente import <SCRAPED.txt> [-o ARTICLE.md] [--lang en|es] [--keep-all]",
            )
            .arg(pos("input", l.get("arg-import-input")).required(true))
            .arg(output(l.get("arg-import-output")))
            .arg(lang_arg("lang", l.get("arg-lang")))
            .arg(
                Arg::new("keep-all")
                    .long("keep-all")
                    .action(ArgAction::SetTrue)
                    .help(l.get("arg-keep-all")),
            ),
        )
        .subcommand(
            sub(
                "split",
                &l.get("cmd-split"),
                "puente split [--lang en|es] [--format human|json] [FILE|-]",
            )
            .arg(pos("input", l.get("arg-split-input")))
            .arg(lang_arg("lang", l.get("arg-lang")))
            .arg(format_data.clone()),
        )
        .subcommand(
            sub(
                "segment",
                &l.get("cmd-segment"),
                "puente segment <ARTICLE> [--to en|es] [-o WORKFILE] [--format po|xliff]",
            )
            .arg(pos("article", l.get("arg-article")).required(true))
            .arg(lang_arg("to", l.get("arg-to")))
            .arg(lang_arg("from", l.get("arg-from")))
            .arg(output(l.get("arg-segment-output")))
            .arg(
                Arg::new("update")
                    .long("update")
                    .value_name("WORKFILE")
                    .help(l.get("arg-update"))
                    .conflicts_with("output")
                    .value_parser(clap::value_parser!(PathBuf)),
            )
            .arg(
                Arg::new("format")
                    .long("format")
                    .value_name("po|xliff")
                    .help(l.get("arg-workfile-format"))
                    .value_parser(["po", "xliff"])
                    .hide_possible_values(true),
            ),
        )
        .subcommand(
            sub(
                "merge",
                &l.get("cmd-merge"),
                "puente merge <WORKFILE> [-o OUT] [--draft] [--format human|json]",
            )
            .arg(pos("workfile", l.get("arg-workfile")).required(true))
            .arg(output(l.get("arg-merge-output")))
            .arg(
                Arg::new("draft")
                    .long("draft")
                    .action(ArgAction::SetTrue)
                    .help(l.get("arg-draft")),
            )
            .arg(format_data.clone()),
        )
        .subcommand(
            sub(
                "publish",
                &l.get("cmd-publish"),
                "puente publish <ARTICLE> [WORKFILE|TRANSLATED_ARTICLE] [--out DIR] [--draft] [--format human|json]",
            )
            .arg(pos("article", l.get("arg-publish-article")).required(true))
            .arg(pos("translation", l.get("arg-publish-translation")))
            .arg(
                Arg::new("out")
                    .long("out")
                    .value_name("DIR")
                    .help(l.get("arg-publish-out"))
                    .value_parser(clap::value_parser!(PathBuf)),
            )
            .arg(
                Arg::new("draft")
                    .long("draft")
                    .action(ArgAction::SetTrue)
                    .help(l.get("arg-publish-draft")),
            )
            .arg(glossary_arg.clone())
            .arg(lang_arg("from", l.get("arg-from")))
            .arg(lang_arg("to", l.get("arg-to")))
            .arg(
                Arg::new("date")
                    .long("date")
                    .value_name("YYYY-MM-DD")
                    .help(l.get("arg-publish-date")),
            )
            .arg(
                Arg::new("author")
                    .long("author")
                    .value_name("NAME")
                    .help(l.get("arg-publish-author")),
            )
            .arg(
                Arg::new("base-url")
                    .long("base-url")
                    .value_name("URL")
                    .help(l.get("arg-publish-base-url")),
            )
            .arg(format_data.clone()),
        )
        .subcommand(
            sub(
                "translate",
                &l.get("cmd-translate"),
                "puente translate <WORKFILE>... [--engine NAME] [--glossary PATH] [--dry-run] \
                 [--format human|json]",
            )
            .arg(
                pos("workfiles", l.get("arg-translate-workfiles"))
                    .required(true)
                    .num_args(1..)
                    .action(ArgAction::Append),
            )
            .arg(
                Arg::new("engine")
                    .long("engine")
                    .value_name("NAME")
                    .help(l.get("arg-engine")),
            )
            .arg(glossary_arg.clone())
            .arg(lang_arg("from", l.get("arg-check-from")))
            .arg(lang_arg("to", l.get("arg-check-to")))
            .arg(
                Arg::new("dry-run")
                    .long("dry-run")
                    .action(ArgAction::SetTrue)
                    .help(l.get("arg-dry-run")),
            )
            .arg(
                Arg::new("no-cache")
                    .long("no-cache")
                    .action(ArgAction::SetTrue)
                    .help(l.get("arg-no-cache")),
            )
            .arg(
                Arg::new("no-tm")
                    .long("no-tm")
                    .action(ArgAction::SetTrue)
                    .help(l.get("arg-no-tm")),
            )
            .arg(format_data.clone()),
        )
        .subcommand({
            let tm_arg = Arg::new("tm")
                .long("tm")
                .value_name("PATH")
                .help(l.get("arg-tm"))
                .value_parser(clap::value_parser!(PathBuf));
            sub(
                "tm",
                &l.get("cmd-tm"),
                "puente tm add|stats|export|import …",
            )
            .subcommand_required(true)
            .subcommand_help_heading(l.get("cli-commands-heading"))
            .subcommand_value_name("COMMAND")
            .subcommand(
                sub(
                    "add",
                    &l.get("cmd-tm-add"),
                    "puente tm add <WORKFILE>... [--from en|es] [--to en|es] [--tm PATH]",
                )
                .arg(
                    pos("workfiles", l.get("arg-tm-workfiles"))
                        .required(true)
                        .num_args(1..)
                        .action(ArgAction::Append),
                )
                .arg(lang_arg("from", l.get("arg-check-from")))
                .arg(lang_arg("to", l.get("arg-check-to")))
                .arg(tm_arg.clone()),
            )
            .subcommand(
                sub(
                    "stats",
                    &l.get("cmd-tm-stats"),
                    "puente tm stats [--tm PATH] [--format human|json]",
                )
                .arg(tm_arg.clone())
                .arg(format_data.clone()),
            )
            .subcommand(
                sub(
                    "export",
                    &l.get("cmd-tm-export"),
                    "puente tm export [-o FILE.tmx] [--from en|es] [--to en|es] [--tm PATH]",
                )
                .arg(output(l.get("arg-tm-export-output")))
                .arg(lang_arg("from", l.get("arg-tm-from")))
                .arg(lang_arg("to", l.get("arg-tm-to")))
                .arg(tm_arg.clone()),
            )
            .subcommand(
                sub(
                    "import",
                    &l.get("cmd-tm-import"),
                    "puente tm import <FILE.tmx> [--from en|es] [--to en|es] [--tm PATH]",
                )
                .arg(pos("file", l.get("arg-tm-import-file")).required(true))
                .arg(lang_arg("from", l.get("arg-tm-from")))
                .arg(lang_arg("to", l.get("arg-tm-to")))
                .arg(tm_arg),
            )
        })
        .subcommand(
            sub(
                "status",
                &l.get("cmd-status"),
                "puente status [WORKFILE|DIR]... [--format human|json]",
            )
            .arg(
                pos("paths", l.get("arg-check-paths"))
                    .num_args(0..)
                    .action(ArgAction::Append),
            )
            .arg(format_data.clone()),
        )
        .subcommand(
            sub(
                "engines",
                &l.get("cmd-engines"),
                "puente engines [--format human|json]",
            )
            .arg(format_data.clone()),
        )
        .subcommand(
            sub(
                "check",
                &l.get("cmd-check"),
                "puente check [WORKFILE|DIR]... [--from en|es] [--to en|es] [--glossary PATH] \
                 [--format human|json|sarif|junit]\n       puente check --explain RULE",
            )
            .after_help(l.get("check-after-help"))
            .arg(
                pos("paths", l.get("arg-check-paths"))
                    .num_args(0..)
                    .action(ArgAction::Append),
            )
            .arg(lang_arg("from", l.get("arg-check-from")))
            .arg(lang_arg("to", l.get("arg-check-to")))
            .arg(glossary_arg.clone())
            .arg(
                Arg::new("explain")
                    .long("explain")
                    .value_name("RULE")
                    .help(l.get("arg-explain")),
            )
            .arg(
                Arg::new("format")
                    .long("format")
                    .value_name("human|json|sarif|junit")
                    .help(l.get("arg-check-format"))
                    .value_parser(["human", "json", "sarif", "junit"])
                    .hide_possible_values(true)
                    .default_value("human")
                    .hide_default_value(true),
            ),
        )
        .subcommand(
            sub(
                "glossary",
                &l.get("cmd-glossary"),
                "puente glossary lint|export|import …",
            )
            .subcommand_required(true)
            .subcommand_help_heading(l.get("cli-commands-heading"))
            .subcommand_value_name("COMMAND")
            .subcommand(
                sub(
                    "lint",
                    &l.get("cmd-glossary-lint"),
                    "puente glossary lint [PATH] [--format human|json]",
                )
                .arg(pos("path", l.get("arg-glossary-path")))
                .arg(format_data.clone()),
            )
            .subcommand(
                sub(
                    "export",
                    &l.get("cmd-glossary-export"),
                    "puente glossary export [PATH] [--format tbx|tsv|csv] [-o OUT]",
                )
                .arg(pos("path", l.get("arg-glossary-path")))
                .arg(output(l.get("arg-glossary-export-output")))
                .arg(
                    Arg::new("format")
                        .long("format")
                        .value_name("tbx|tsv|csv")
                        .help(l.get("arg-glossary-format"))
                        .value_parser(["tbx", "tsv", "csv"])
                        .hide_possible_values(true)
                        .default_value("tbx")
                        .hide_default_value(true),
                ),
            )
            .subcommand(
                sub(
                    "import",
                    &l.get("cmd-glossary-import"),
                    "puente glossary import <FILE> [--format tbx|tsv|csv] [-o OUT.toml]",
                )
                .arg(pos("file", l.get("arg-glossary-import-file")).required(true))
                .arg(output(l.get("arg-glossary-import-output")))
                .arg(
                    Arg::new("format")
                        .long("format")
                        .value_name("tbx|tsv|csv")
                        .help(l.get("arg-glossary-import-format"))
                        .value_parser(["tbx", "tsv", "csv"])
                        .hide_possible_values(true),
                ),
            ),
        )
        .subcommand(
            sub("init", &l.get("cmd-init"), "puente init [--force]").arg(
                Arg::new("force")
                    .long("force")
                    .action(ArgAction::SetTrue)
                    .help(l.get("arg-force")),
            ),
        )
}

/// The current folder, from which the project is found.
pub fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

pub use crate::project::{parent_dir, relative_path, slash_path, with_lang};

/// The argument as a path.
pub fn path_arg(m: &ArgMatches, name: &str) -> Option<PathBuf> {
    m.get_one::<PathBuf>(name).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_is_built_in_both_languages() {
        for lang in [l10n::UiLang::EnUs, l10n::UiLang::EsMx] {
            build(&L10n::new(lang)).debug_assert();
        }
    }
}
