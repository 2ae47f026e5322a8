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
    report(out, e, false);
}

/// An item's error whose reason and hint were just given for another item of the run (a
/// memory that stopped learning fails every batch after): its first line only, so each item
/// is still named without the same cause and hint again.
pub fn report_error_again(out: &Output<'_>, e: &Error) {
    report(out, e, true);
}

/// The one rendering of an error for [`report_error`] and [`report_error_again`] (`brief`:
/// the first line, no hint).
fn report(out: &Output<'_>, e: &Error, brief: bool) {
    let first = |(msg, hint): (String, Option<String>)| {
        if brief {
            (msg.lines().next().unwrap_or_default().to_string(), None)
        } else {
            (msg, hint)
        }
    };
    let (msg, hint) = first(errors::describe(e, out.l10n()));
    out.error(&msg, hint.as_deref());
    // A program reading the JSON learns of it too, in English, as an `error` record.
    if out.is_json() {
        let english = L10n::new(l10n::UiLang::EnUs);
        let (message, hint) = first(errors::describe(e, &english));
        // A stdout that fails here fails for the next record too, where it is reported.
        let _ = out.json(
            "error",
            &serde_json::json!({ "message": message, "hint": hint }),
        );
    }
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
/// after each batch) stay whole, since every file is replaced by a rename. A second signal
/// while the first is being handled ends the process at once, without waiting for a save. A
/// folder run asked to stop between stories that has not ended within [`STOP_GRACE`] is ended
/// as by a second signal, but after the save under way.
/// How long a folder run asked to stop between stories has to finish the ones under way
/// before it is ended as by a second signal.
#[cfg(unix)]
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

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
    let name = move |signal: i32| match signal_hook::low_level::signal_name(signal) {
        Some(name) => name.to_string(),
        #[cfg(any(target_os = "linux", target_os = "android"))]
        None => format!("SIGRTMIN+{}", signal - rt_min),
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        None => format!("signal {signal}"),
    };
    // The signals are passed on over a channel, so that the run's stop between stories can
    // be waited for with a bound.
    let (heard, incoming) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if heard.send(signal).is_err() {
                return;
            }
        }
    });
    std::thread::spawn(move || {
        let Ok(mut signal) = incoming.recv() else {
            return;
        };
        // A folder run stops between stories: the ones under way finish and are reported
        // with the others; a second signal ends it at once, as below. The stop is asked for
        // before the run is looked at, so a run ending at that moment still sees it (and
        // exits 128 + N) rather than miss it.
        crate::stop::request(signal);
        if crate::stop::between_stories() {
            // Said from a thread of its own: stderr may be a pipe nobody reads (a paused
            // pager), and this thread must go on listening for a second signal.
            std::thread::spawn(move || {
                let l10n = L10n::new(lang);
                Output::new(&l10n).note(&crate::t!(
                    l10n,
                    "stopping-between",
                    signal = name(signal)
                ));
            });
            // A story under way that never finishes (a FIFO named on the command line that
            // nothing writes to) must not keep a single SIGTERM from ending the run: past the
            // grace, the run is ended as by a second signal, after the save under way.
            match incoming.recv_timeout(STOP_GRACE) {
                Ok(again) => signal = again,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    let l10n = L10n::new(lang);
                    Output::new(&l10n).note(&crate::t!(
                        l10n,
                        "stopping-after-grace",
                        seconds = STOP_GRACE.as_secs()
                    ));
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        // The clean-up runs on a thread of its own, so that this one hears a second signal
        // (a second Ctrl-C) while the first waits for a save under way.
        std::thread::spawn(move || {
            // A save under way finishes first (with the record of what it saved), and no
            // other starts: what is reported below is what the files hold.
            let _held = crate::files::hold_commits(std::time::Duration::from_secs(5));
            crate::files::remove_tracked();
            crate::mt::apertium::stop_running();
            let l10n = L10n::new(lang);
            translate::report_interrupted(&l10n);
            Output::new(&l10n).note(&crate::t!(l10n, "interrupted", signal = name(signal)));
            // The one exit outside `main`: the signal has already stopped the run, whatever the
            // other threads are doing, and its exit code is the shell's 128 + N.
            #[allow(clippy::exit)]
            std::process::exit(128 + signal);
        });
        // A second signal: the user will not wait. Nothing is waited for; files are replaced
        // by a rename, so none is left half-written, and a lock this leaves is taken over by
        // the next run, since its process is gone.
        if let Ok(again) = incoming.recv() {
            crate::files::remove_tracked_at_once();
            crate::mt::apertium::stop_running();
            // Said if stderr takes it at once: the first signal's words may be stuck in a
            // pipe nobody reads (a paused pager), and this one must not wait behind them.
            let (said, heard) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let l10n = L10n::new(lang);
                Output::new(&l10n).note(&crate::t!(
                    l10n,
                    "interrupted-again",
                    signal = name(again)
                ));
                let _ = said.send(());
            });
            let _ = heard.recv_timeout(std::time::Duration::from_millis(100));
            #[allow(clippy::exit)]
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
fn on_signal_clean_up_and_exit(_: l10n::UiLang) {}

/// What a folder run that a signal stopped between stories says last: how many stories it
/// did and how many it never started. Its exit code is the shell's 128 + N, as for a run the
/// signal ended at once.
pub fn stopped_between(out: &Output<'_>, signal: i32, done: usize, unstarted: usize) -> ExitCode {
    let l = out.l10n();
    let name = signal_hook::low_level::signal_name(signal)
        .map(str::to_string)
        .unwrap_or_else(|| format!("signal {signal}"));
    out.refusal(&crate::t!(
        l,
        "stopped-between",
        signal = name,
        done = done,
        unstarted = unstarted
    ));
    ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX))
}

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
            return match e.kind() {
                // Help and version are data on stdout: held to the same rule as any data.
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => match e.print() {
                    Err(source) if source.kind() != std::io::ErrorKind::BrokenPipe => {
                        let (msg, hint) = errors::describe(&Error::Stdout { source }, &l10n);
                        out.error(&msg, hint.as_deref());
                        ExitCode::from(2)
                    }
                    _ => ExitCode::SUCCESS,
                },
                // `puente` alone prints the help (on stderr, exit 2), already in the UI language.
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    ExitCode::from(2)
                }
                // Everything else is a usage error, said in the UI language: clap's own
                // words are English whatever the UI says.
                _ => {
                    let (msg, hint) = usage_error(&e, &args, &l10n);
                    out.error(&msg, Some(&hint));
                    ExitCode::from(2)
                }
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
    if let Err(e) = apply_lock_wait(&env) {
        return fail(e);
    }
    // The memory on a PostgreSQL server when PUENTE_TM_URL or [tm] url names one (issue 18).
    let project = match crate::app::memory::configure(project, &env) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
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
            report_error(&out, &e);
            ExitCode::from(2)
        }
    }
}

/// A clap usage error in the UI language: the message (with the usage line of the command
/// that was given under it) and the hint (a suggestion clap found, and where the help is).
/// clap's own text is English whatever the UI says, so only its kind and its context (the
/// argument, the value, the valid values) are taken from it.
fn usage_error(e: &clap::Error, args: &[OsString], l: &L10n) -> (String, String) {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let count = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.len(),
        _ => 1,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::UnknownArgument => crate::t!(l, "cli-err-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => crate::t!(
            l,
            "cli-err-unknown-command",
            command = text(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        // A missing value is an invalid empty one to clap.
        ErrorKind::InvalidValue if value.is_empty() => {
            crate::t!(l, "cli-err-missing-value", arg = arg)
        }
        ErrorKind::InvalidValue => crate::t!(
            l,
            "cli-err-invalid-choice",
            arg = arg,
            value = value,
            values = text(ContextKind::ValidValue).unwrap_or_default()
        ),
        // The parser's reason (Lang's, for one) is English: the argument's value name says
        // what it takes.
        ErrorKind::ValueValidation => {
            crate::t!(l, "cli-err-invalid-value", arg = arg, value = value)
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            crate::t!(l, "cli-err-missing-value", arg = arg)
        }
        ErrorKind::TooManyValues => {
            crate::t!(l, "cli-err-too-many-values", arg = arg, value = value)
        }
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(other) if other != arg => {
                crate::t!(l, "cli-err-conflict", arg = arg, other = other)
            }
            _ => crate::t!(l, "cli-err-repeated", arg = arg),
        },
        ErrorKind::MissingRequiredArgument => crate::t!(
            l,
            "cli-err-missing-required",
            args = arg,
            count = count(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingSubcommand => crate::t!(
            l,
            "cli-err-missing-command",
            command = text(ContextKind::InvalidSubcommand).unwrap_or_default(),
            commands = text(ContextKind::ValidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidUtf8 => l.get("cli-err-invalid-utf8"),
        ErrorKind::NoEquals => crate::t!(l, "cli-err-no-equals", arg = arg),
        _ => l.get("cli-err-other"),
    };
    // The command the arguments reached, for its usage line and its help.
    let mut cmd = build(l);
    let mut path = vec![cmd.get_name().to_string()];
    for a in args.iter().skip(1).map(|a| a.to_string_lossy()) {
        if a == "--" {
            break;
        }
        if let Some(sub) = cmd.find_subcommand(a.as_ref()).cloned() {
            path.push(a.into_owned());
            cmd = sub;
        }
    }
    // clap titles the usage in English; the UI's heading replaces it, and a second usage
    // line is indented under the first.
    let heading = l.get("cli-usage-heading");
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim_start()
        .strip_prefix("Usage:")
        .unwrap_or(&usage)
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(&format!(
            "\n{:width$}",
            "",
            width = heading.chars().count() + 2
        ));
    let message = format!("{message}\n{heading}: {usage}");
    let help = format!("{} --help", path.join(" "));
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(text);
    let hint = match suggestion {
        Some(s) => crate::t!(l, "cli-hint-did-you-mean", suggestion = s, help = help),
        None => crate::t!(l, "cli-hint-help", help = help),
    };
    (message, hint)
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

/// The environment variable that sets how many seconds a run waits for a folder's lock held
/// by another run (publish's index lock) before it gives up.
pub const LOCK_WAIT_VAR: &str = "PUENTE_LOCK_TIMEOUT";

/// Sets how long this run waits for a folder's lock: `PUENTE_LOCK_TIMEOUT` seconds (a
/// number, fractions allowed, 0 to try once), else [`crate::files::DEFAULT_LOCK_WAIT`].
fn apply_lock_wait(env: &impl Fn(&str) -> Option<String>) -> Result<(), Error> {
    let Some(v) = env(LOCK_WAIT_VAR).filter(|v| !v.trim().is_empty()) else {
        return Ok(());
    };
    let seconds = v
        .trim()
        .parse::<f64>()
        .ok()
        .and_then(|s| std::time::Duration::try_from_secs_f64(s).ok())
        .ok_or(Error::BadSeconds {
            setting: LOCK_WAIT_VAR.to_string(),
            value: v,
        })?;
    crate::files::set_lock_wait(seconds);
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
    // The placeholders of arguments, in the help and in the usage lines alike.
    let v = |id: &str| l.get(&format!("cli-value-{id}"));
    let article = v("article");
    let workfile = v("workfile");
    let file = v("file");
    let path = v("path");
    let dir = v("dir");
    let out = v("out");
    let name = v("name");
    let command = v("command");
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
    let pos = |name: &'static str, value_name: &str, help: String| {
        Arg::new(name)
            .value_name(value_name.to_string())
            .help(help)
            .help_heading(arguments.clone())
            .value_parser(clap::value_parser!(PathBuf))
    };
    let output = |help: String| {
        Arg::new("output")
            .short('o')
            .long("output")
            .value_name(file.clone())
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
        .value_name(path.clone())
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
        .override_usage(format!("puente [--ui-lang en-US|es-MX] <{command}>"))
        .subcommand_help_heading(l.get("cli-commands-heading"))
        .subcommand_value_name(command.clone())
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
                &format!(
                    "puente import <{}.txt> [-o {article}.md] [--lang en|es] [--keep-all]",
                    v("scraped")
                ),
            )
            .arg(pos("input", &file, l.get("arg-import-input")).required(true))
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
                &format!("puente split [--lang en|es] [--format human|json] [{file}|-]"),
            )
            .arg(pos("input", &file, l.get("arg-split-input")))
            .arg(lang_arg("lang", l.get("arg-lang")))
            .arg(format_data.clone()),
        )
        .subcommand(
            sub(
                "segment",
                &l.get("cmd-segment"),
                &format!(
                    "puente segment <{article}|{dir}>... [--to en|es] [-o {workfile}] [--format po|xliff]"
                ),
            )
            .arg(
                pos("article", &format!("{article}|{dir}"), l.get("arg-segment-articles"))
                    .required(true)
                    .num_args(1..)
                    .action(ArgAction::Append),
            )
            .arg(lang_arg("to", l.get("arg-to")))
            .arg(lang_arg("from", l.get("arg-from")))
            .arg(output(l.get("arg-segment-output")))
            .arg(
                Arg::new("update")
                    .long("update")
                    .value_name(workfile.clone())
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
                &format!("puente merge <{workfile}|{dir}>... [-o {out}] [--source {article}] [--draft] [--format human|json]"),
            )
            .arg(
                pos("workfile", &format!("{workfile}|{dir}"), l.get("arg-merge-workfiles"))
                    .required(true)
                    .num_args(1..)
                    .action(ArgAction::Append),
            )
            .arg(output(l.get("arg-merge-output")))
            .arg(
                Arg::new("source")
                    .long("source")
                    .value_name(article.clone())
                    .help(l.get("arg-merge-source"))
                    .value_parser(clap::value_parser!(PathBuf)),
            )
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
                &format!(
                    "puente publish <{article}> [{workfile}|{translated}] [--out {dir}] [--draft] \
                     [--format human|json]\n       \
                     puente publish <{workfile}|{dir}>... [--out {dir}] [--draft] \
                     [--format human|json]",
                    translated = v("translated")
                ),
            )
            .arg(pos("article", &article, l.get("arg-publish-article-many")).required(true))
            .arg(
                pos(
                    "translation",
                    &format!("{workfile}|{}", v("translated")),
                    l.get("arg-publish-translation-many"),
                )
                .num_args(0..)
                .action(ArgAction::Append),
            )
            .arg(
                Arg::new("out")
                    .long("out")
                    .value_name(dir.clone())
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
                    .value_name(v("date"))
                    .help(l.get("arg-publish-date")),
            )
            .arg(
                Arg::new("author")
                    .long("author")
                    .value_name(name.clone())
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
                &format!(
                    "puente translate <{workfile}>... [--engine {name}] [--glossary {path}] \
                     [--dry-run] [--format human|json]"
                ),
            )
            .arg(
                pos("workfiles", &workfile, l.get("arg-translate-workfiles"))
                    .required(true)
                    .num_args(1..)
                    .action(ArgAction::Append),
            )
            .arg(
                Arg::new("engine")
                    .long("engine")
                    .value_name(name.clone())
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
                .value_name(path.clone())
                .help(l.get("arg-tm"))
                .value_parser(clap::value_parser!(PathBuf));
            sub(
                "tm",
                &l.get("cmd-tm"),
                "puente tm add|stats|export|import|migrate …",
            )
            .subcommand_required(true)
            .subcommand_help_heading(l.get("cli-commands-heading"))
            .subcommand_value_name(command.clone())
            .subcommand(
                sub(
                    "add",
                    &l.get("cmd-tm-add"),
                    &format!(
                        "puente tm add <{workfile}>... [--from en|es] [--to en|es] [--tm {path}]"
                    ),
                )
                .arg(
                    pos("workfiles", &workfile, l.get("arg-tm-workfiles"))
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
                    &format!("puente tm stats [--tm {path}] [--format human|json]"),
                )
                .arg(tm_arg.clone())
                .arg(format_data.clone()),
            )
            .subcommand(
                sub(
                    "export",
                    &l.get("cmd-tm-export"),
                    &format!(
                        "puente tm export [-o {file}.tmx] [--from en|es] [--to en|es] [--tm {path}]"
                    ),
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
                    &format!(
                        "puente tm import <{file}.tmx> [--from en|es] [--to en|es] [--tm {path}]"
                    ),
                )
                .arg(
                    pos("file", &format!("{file}.tmx"), l.get("arg-tm-import-file")).required(true),
                )
                .arg(lang_arg("from", l.get("arg-tm-from")))
                .arg(lang_arg("to", l.get("arg-tm-to")))
                .arg(tm_arg.clone()),
            )
            .subcommand(
                sub(
                    "migrate",
                    &l.get("cmd-tm-migrate"),
                    &format!("puente tm migrate --to <postgresql://…|{path}> [--tm {path}]"),
                )
                .arg(
                    Arg::new("to")
                        .long("to")
                        .value_name(path.clone())
                        .help(l.get("arg-tm-migrate-to"))
                        .required(true)
                        .value_parser(clap::value_parser!(PathBuf)),
                )
                .arg(tm_arg),
            )
        })
        .subcommand(
            sub(
                "status",
                &l.get("cmd-status"),
                &format!("puente status [{workfile}|{dir}]... [--format human|json]"),
            )
            .arg(
                pos(
                    "paths",
                    &format!("{workfile}|{dir}"),
                    l.get("arg-check-paths"),
                )
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
                &format!(
                    "puente check [{workfile}|{dir}]... [--from en|es] [--to en|es] \
                     [--glossary {path}] [--format human|json|sarif|junit] [-o {file}]\n\
                     {:indent$}puente check --explain {rule}",
                    "",
                    indent = usage.chars().count() + 2,
                    rule = v("rule")
                ),
            )
            .after_help(l.get("check-after-help"))
            .arg(
                pos(
                    "paths",
                    &format!("{workfile}|{dir}"),
                    l.get("arg-check-paths"),
                )
                .num_args(0..)
                .action(ArgAction::Append),
            )
            .arg(lang_arg("from", l.get("arg-check-from")))
            .arg(lang_arg("to", l.get("arg-check-to")))
            .arg(glossary_arg.clone())
            .arg(
                Arg::new("explain")
                    .long("explain")
                    .value_name(v("rule"))
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
            )
            .arg(output(l.get("arg-check-output"))),
        )
        .subcommand(
            sub(
                "glossary",
                &l.get("cmd-glossary"),
                "puente glossary lint|export|import …",
            )
            .subcommand_required(true)
            .subcommand_help_heading(l.get("cli-commands-heading"))
            .subcommand_value_name(command.clone())
            .subcommand(
                sub(
                    "lint",
                    &l.get("cmd-glossary-lint"),
                    &format!("puente glossary lint [{path}] [--format human|json]"),
                )
                .arg(pos("path", &path, l.get("arg-glossary-path")))
                .arg(format_data.clone()),
            )
            .subcommand(
                sub(
                    "export",
                    &l.get("cmd-glossary-export"),
                    &format!("puente glossary export [{path}] [--format tbx|tsv|csv] [-o {out}]"),
                )
                .arg(pos("path", &path, l.get("arg-glossary-path")))
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
                    &format!(
                        "puente glossary import <{file}> [--format tbx|tsv|csv] [-o {out}.toml]"
                    ),
                )
                .arg(pos("file", &file, l.get("arg-glossary-import-file")).required(true))
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
            sub(
                "init",
                &l.get("cmd-init"),
                &format!("puente init [{dir}] [--ci github|gitlab] [--force]"),
            )
            .arg(
                Arg::new("dir")
                    .value_name(dir.clone())
                    .value_parser(clap::value_parser!(PathBuf))
                    .help(l.get("arg-init-dir")),
            )
            .arg(
                Arg::new("ci")
                    .long("ci")
                    .value_name("github|gitlab")
                    .value_parser(["github", "gitlab"])
                    .hide_possible_values(true)
                    .help(l.get("arg-init-ci")),
            )
            .arg(
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
