//! Localized messages (and hints) for library errors.

use crate::article::FrontMatterErrorKind;
use crate::error::Error;
use crate::l10n::L10n;
use crate::t;
use crate::workfile::po::PoErrorKind;

/// How many of a glossary's lint errors a refusal lists (`glossary lint` lists them all).
const GLOSSARY_LINT_SHOWN: usize = 10;

/// What went wrong with the system, in `l`'s language: the common failures by kind, with the
/// system's error number so it can be looked up; anything rarer in the system's own words.
pub fn io_reason(e: &std::io::Error, l: &L10n) -> String {
    use std::io::ErrorKind as K;
    let id = match e.kind() {
        K::NotFound => "io-not-found",
        K::PermissionDenied => "io-permission-denied",
        K::AlreadyExists => "io-already-exists",
        K::StorageFull => "io-storage-full",
        K::QuotaExceeded => "io-quota-exceeded",
        K::NotADirectory => "io-not-a-directory",
        K::IsADirectory => "io-is-a-directory",
        K::ReadOnlyFilesystem => "io-read-only-filesystem",
        K::ResourceBusy => "io-resource-busy",
        K::CrossesDevices => "io-crosses-devices",
        K::FileTooLarge => "io-file-too-large",
        K::InvalidFilename => "io-invalid-filename",
        K::TimedOut => "io-timed-out",
        K::Interrupted => "io-interrupted",
        K::UnexpectedEof => "io-unexpected-eof",
        _ => return e.to_string(),
    };
    match e.raw_os_error() {
        Some(code) => t!(l, "io-with-code", reason = l.get(id), code = code),
        None => l.get(id),
    }
}

/// The message and hint for `e`, in `l`'s language.
pub fn describe(e: &Error, l: &L10n) -> (String, Option<String>) {
    let p = |path: &std::path::Path| path.display().to_string();
    // Paths inside a command a hint suggests, quoted so the command can be copied as shown.
    let sh = |path: &std::path::Path| crate::output::shell_quote(path);
    match e {
        Error::NotFound { path } => (t!(l, "err-not-found", path = p(path)), None),
        Error::IsDir { path } => (t!(l, "err-is-dir", path = p(path)), None),
        Error::Permission { path } => (t!(l, "err-permission", path = p(path)), None),
        Error::Read { path, source } => (
            t!(l, "err-read", path = p(path), reason = io_reason(source, l)),
            None,
        ),
        Error::Write { path, source } => (
            t!(
                l,
                "err-write",
                path = p(path),
                reason = io_reason(source, l)
            ),
            None,
        ),
        Error::NotUtf8 { path, offset } => (
            t!(l, "err-not-utf8", path = p(path), offset = *offset),
            Some(t!(l, "hint-not-utf8", path = sh(path))),
        ),
        Error::Utf16 { path } => (
            t!(l, "err-utf16", path = p(path)),
            Some(t!(l, "hint-utf16", path = sh(path))),
        ),
        Error::Nul { path, offset } => (t!(l, "err-nul", path = p(path), offset = *offset), None),
        Error::Empty { path } => (t!(l, "err-empty", path = p(path)), None),
        Error::FrontMatter { path, error } => {
            let reason = match &error.kind {
                FrontMatterErrorKind::Unclosed => l.get("fm-unclosed"),
                FrontMatterErrorKind::UnclosedQuote => l.get("fm-unclosed-quote"),
                FrontMatterErrorKind::MultiLine => l.get("fm-multi-line"),
                FrontMatterErrorKind::Toml(m) => t!(l, "fm-toml", reason = m.clone()),
            };
            (
                t!(
                    l,
                    "err-front-matter",
                    path = p(path),
                    line = error.line,
                    reason = reason
                ),
                Some(l.get("hint-front-matter")),
            )
        }
        Error::Po { path, error } => {
            let reason = match &error.kind {
                PoErrorKind::Unterminated => l.get("po-unterminated"),
                PoErrorKind::BadEscape => l.get("po-bad-escape"),
                PoErrorKind::InvalidUtf8 => l.get("po-invalid-utf8"),
                PoErrorKind::Unexpected => l.get("po-unexpected"),
                PoErrorKind::Orphan => l.get("po-orphan"),
                PoErrorKind::NoMsgid => l.get("po-no-msgid"),
                PoErrorKind::PluralIndex { found, expected } => {
                    t!(l, "po-plural-index", found = *found, expected = *expected)
                }
                PoErrorKind::Duplicate { id, first_line } => {
                    t!(
                        l,
                        "duplicate-id-reason",
                        id = id.clone(),
                        first = *first_line
                    )
                }
            };
            let hint = matches!(error.kind, PoErrorKind::Duplicate { .. })
                .then(|| t!(l, "hint-duplicate-id", path = sh(path)));
            (
                t!(
                    l,
                    "err-po",
                    path = p(path),
                    line = error.pos.line,
                    column = error.pos.column,
                    reason = reason
                ),
                hint,
            )
        }
        Error::Xliff { path, error } => {
            let (reason, hint) = match &error.duplicate {
                Some((id, first)) => (
                    t!(l, "duplicate-id-reason", id = id.clone(), first = *first),
                    Some(t!(l, "hint-duplicate-id", path = sh(path))),
                ),
                None => (error.message.clone(), None),
            };
            (
                t!(
                    l,
                    "err-xliff",
                    path = p(path),
                    line = error.line,
                    column = error.column,
                    reason = reason
                ),
                hint,
            )
        }
        Error::NotWorkfile { path } => (
            t!(l, "err-not-workfile", path = p(path)),
            Some(l.get("hint-not-workfile")),
        ),
        Error::SourceMissing { path, source_path } => (
            t!(
                l,
                "err-source-missing",
                path = p(path),
                source = p(source_path)
            ),
            Some(l.get("hint-source-missing")),
        ),
        Error::Unpaired {
            path,
            source_path,
            detail,
        } => (
            t!(
                l,
                "err-unpaired",
                path = p(path),
                source = p(source_path),
                detail = detail.clone()
            ),
            Some(l.get("hint-unpaired")),
        ),
        Error::OtherArticle {
            path,
            article,
            source_name,
        } => (
            t!(
                l,
                "err-other-article",
                path = p(path),
                article = p(article),
                source = source_name.clone()
            ),
            None,
        ),
        Error::Date { value } => (
            t!(l, "err-date", value = value.clone()),
            Some(l.get("hint-date")),
        ),
        Error::SourceChanged { path, source_path } => (
            t!(
                l,
                "err-source-changed",
                path = p(path),
                source = p(source_path)
            ),
            Some(t!(
                l,
                "hint-source-changed",
                path = sh(path),
                source = sh(source_path)
            )),
        ),
        Error::Lang { value } => (
            t!(l, "err-lang", value = value.clone()),
            Some(l.get("hint-lang")),
        ),
        Error::OutputIsInput { path, input, role } => (
            // "a.es.po is the work file a.es.po" says nothing twice: the input is named only
            // when the output reaches it by another name (a link, another path).
            if p(path) == p(input) {
                t!(l, "err-output-is-input", path = p(path), role = role.id())
            } else {
                t!(
                    l,
                    "err-output-is-input-linked",
                    path = p(path),
                    input = p(input),
                    role = role.id()
                )
            },
            Some(l.get("hint-output-is-input")),
        ),
        Error::TooBig {
            path,
            size,
            limit,
            setting,
        } => (
            match size {
                Some(size) => t!(
                    l,
                    "err-too-big",
                    path = p(path),
                    size = human_size(*size),
                    limit = human_size(*limit)
                ),
                None => t!(
                    l,
                    "err-too-big-stream",
                    path = p(path),
                    limit = human_size(*limit)
                ),
            },
            Some(if *setting == "max_input_size" {
                t!(
                    l,
                    "hint-too-big-input",
                    setting = *setting,
                    var = super::MAX_INPUT_VAR
                )
            } else {
                t!(l, "hint-too-big", setting = *setting)
            }),
        ),
        Error::OutputKind { path, kind } => (
            t!(l, "err-output-kind", path = p(path), kind = *kind),
            Some(l.get("hint-output-kind")),
        ),
        Error::WorkfileTooBig { path, limit } => (
            t!(
                l,
                "err-workfile-too-big",
                path = p(path),
                limit = human_size(*limit)
            ),
            Some(t!(
                l,
                "hint-workfile-too-big",
                factor = crate::files::WORKFILE_FACTOR
            )),
        ),
        Error::DatabaseKind { path, kind } => (
            t!(l, "err-database-kind", path = p(path), kind = *kind),
            Some(l.get("hint-database-kind")),
        ),
        Error::NoMemory { path } => (
            t!(l, "err-no-memory", path = p(path)),
            Some(l.get("hint-no-memory")),
        ),
        Error::ReadOnly { path } => (
            t!(l, "err-read-only", path = p(path)),
            Some(t!(l, "hint-read-only", path = sh(path))),
        ),
        Error::FolderReadOnly { path, folder } => (
            t!(
                l,
                "err-folder-read-only",
                path = p(path),
                folder = p(folder)
            ),
            Some(t!(l, "hint-folder-read-only", folder = sh(folder))),
        ),
        Error::NoFolder { path, folder } => (
            t!(l, "err-no-folder", path = p(path), folder = p(folder)),
            Some(t!(l, "hint-no-folder", folder = sh(folder))),
        ),
        Error::Stdout { source } => (t!(l, "err-stdout", reason = io_reason(source, l)), None),
        Error::BadSize { setting, value } => (
            t!(
                l,
                "err-bad-size",
                setting = setting.clone(),
                value = value.clone()
            ),
            Some(l.get("hint-bad-size")),
        ),
        Error::SameLang { lang } => (t!(l, "err-same-lang", lang = lang.clone()), None),
        Error::Config { path, message } => (
            t!(l, "err-config", path = p(path), reason = message.clone()),
            None,
        ),
        Error::Glossary {
            file,
            line,
            column,
            reason,
        } => (
            t!(
                l,
                "err-glossary",
                file = file.clone(),
                line = *line,
                column = *column,
                reason = reason.clone()
            ),
            Some(t!(
                l,
                "hint-glossary",
                file = crate::output::shell_quote(std::path::Path::new(file))
            )),
        ),
        Error::GlossaryLint { path, findings } => {
            // Every finding names its entries, file and line, as `glossary lint` prints them.
            let mut message = t!(
                l,
                "err-glossary-lint",
                path = p(path),
                count = findings.len()
            );
            for f in findings.iter().take(GLOSSARY_LINT_SHOWN) {
                message.push_str("\n  ");
                message.push_str(&super::glossary::lint_line(l, f));
            }
            if findings.len() > GLOSSARY_LINT_SHOWN {
                message.push_str("\n  ");
                message.push_str(&t!(
                    l,
                    "err-glossary-lint-more",
                    count = findings.len() - GLOSSARY_LINT_SHOWN
                ));
            }
            (message, Some(t!(l, "hint-glossary-lint", path = sh(path))))
        }
        Error::UnknownRule { id } => (
            t!(l, "err-unknown-rule", id = id.clone()),
            Some(t!(l, "hint-unknown-rule", rules = rule_list())),
        ),
        Error::NoLanguages { path } => (
            t!(l, "err-no-languages", path = p(path)),
            Some(l.get("hint-no-languages")),
        ),
        Error::NoWorkfiles { path } => (t!(l, "err-no-workfiles", path = p(path)), None),
        Error::EngineMissing { engine } => (
            t!(l, "err-engine-missing", engine = engine.clone()),
            Some(l.get("hint-apertium-install")),
        ),
        Error::EnginePair { engine, pair } => (
            t!(
                l,
                "err-engine-pair",
                engine = engine.clone(),
                pair = pair.clone()
            ),
            Some(l.get("hint-apertium-install")),
        ),
        Error::EngineFailed { engine, message } => (
            t!(
                l,
                "err-engine-failed",
                engine = engine.clone(),
                reason = message.clone()
            ),
            None,
        ),
        Error::UnknownEngine { name } => (
            t!(l, "err-unknown-engine", name = name.clone()),
            Some(t!(l, "hint-unknown-engine", name = name.clone())),
        ),
        Error::EngineKey { engine, var } => (
            t!(
                l,
                "err-engine-key",
                engine = engine.clone(),
                var = var.clone()
            ),
            Some(t!(l, "hint-engine-key", var = var.clone())),
        ),
        Error::EngineKeyEnv { engine } => (
            t!(l, "err-engine-key-env", engine = engine.clone()),
            Some(t!(l, "hint-engine-key-env", engine = engine.clone())),
        ),
        Error::EngineUrlQuery { engine, url } => (
            t!(
                l,
                "err-engine-url-query",
                engine = engine.clone(),
                url = url.clone()
            ),
            Some(t!(l, "hint-engine-url-query", engine = engine.clone())),
        ),
        Error::EngineUserinfo { engine, url } => (
            t!(
                l,
                "err-engine-userinfo",
                engine = engine.clone(),
                url = url.clone()
            ),
            Some(t!(l, "hint-engine-userinfo", engine = engine.clone())),
        ),
        Error::EngineUrl { engine, url } => (
            t!(
                l,
                "err-engine-url",
                engine = engine.clone(),
                url = url.clone()
            ),
            Some(t!(l, "hint-engine-url", engine = engine.clone())),
        ),
        Error::EngineTimeout {
            engine,
            url,
            seconds,
        } => (
            t!(
                l,
                "err-engine-timeout",
                engine = engine.clone(),
                url = url.clone(),
                seconds = seconds.clone()
            ),
            Some(t!(l, "hint-engine-timeout", engine = engine.clone())),
        ),
        Error::EngineRedirect { engine, from, to } => (
            t!(
                l,
                "err-engine-redirect",
                engine = engine.clone(),
                from = from.clone(),
                to = to.clone()
            ),
            Some(t!(
                l,
                "hint-engine-redirect",
                engine = engine.clone(),
                to = to.clone()
            )),
        ),
        Error::EngineWait {
            engine,
            url,
            status,
            seconds,
        } => (
            t!(
                l,
                "err-engine-wait",
                engine = engine.clone(),
                url = url.clone(),
                status = *status,
                seconds = *seconds
            ),
            Some(l.get("hint-engine-wait")),
        ),
        Error::EngineDeadline { engine, seconds } => (
            t!(
                l,
                "err-engine-deadline",
                engine = engine.clone(),
                seconds = seconds.clone()
            ),
            Some(t!(l, "hint-engine-deadline", engine = engine.clone())),
        ),
        Error::EngineDead {
            engine,
            url,
            seconds,
            after,
        } => (
            match after {
                None => t!(
                    l,
                    "err-engine-dead",
                    engine = engine.clone(),
                    url = url.clone(),
                    seconds = seconds.clone()
                ),
                Some(after) => t!(
                    l,
                    "err-engine-died",
                    engine = engine.clone(),
                    url = url.clone(),
                    seconds = seconds.clone(),
                    timeout = after.clone()
                ),
            },
            Some(l.get("hint-engine-dead")),
        ),
        Error::EngineStuck {
            engine,
            program,
            seconds,
        } => (
            t!(
                l,
                "err-engine-stuck",
                engine = engine.clone(),
                program = program.clone(),
                seconds = seconds.clone()
            ),
            Some(t!(
                l,
                "hint-engine-stuck",
                engine = engine.clone(),
                program = program.clone()
            )),
        ),
        Error::Memory { path, message } => (
            t!(l, "err-memory", path = p(path), reason = message.clone()),
            None,
        ),
        Error::Tmx {
            path,
            line,
            message,
        } => (
            t!(
                l,
                "err-tmx",
                path = p(path),
                line = *line,
                reason = message.clone()
            ),
            Some(l.get("hint-tmx")),
        ),
        Error::Locked { path, pid } => (
            t!(l, "err-locked", path = p(path), pid = *pid),
            Some(t!(l, "hint-locked", path = sh(path))),
        ),
        Error::WorkfileChanged { path, lost } => (
            t!(l, "err-workfile-changed", path = p(path), lost = *lost),
            Some(t!(l, "hint-workfile-changed", path = p(path))),
        ),
        Error::Interchange { path, line, kind } => {
            use crate::glossary::interchange::ImportErrorKind as K;
            let reason = match kind {
                K::Syntax(m) => t!(l, "import-syntax", reason = m.clone()),
                K::Doctype => l.get("import-doctype"),
                K::NotTbx => l.get("import-not-tbx"),
                K::Language(v) => t!(l, "import-language", value = v.clone()),
                K::Case(v) => t!(l, "import-case", value = v.clone()),
                K::Kind(v) => t!(l, "import-kind", value = v.clone()),
                K::QuoteLanguage => l.get("import-quote-language"),
                K::NoLanguageColumn(h) => t!(l, "import-no-language-column", header = h.clone()),
                K::UnterminatedQuote => l.get("import-unterminated-quote"),
                K::RepeatedColumn(c) => t!(l, "import-repeated-column", column = c.clone()),
                K::ExtraCells { cells, columns } => {
                    t!(l, "import-extra-cells", cells = *cells, columns = *columns)
                }
            };
            (
                t!(
                    l,
                    "err-interchange",
                    path = p(path),
                    line = *line,
                    reason = reason
                ),
                // Each format's own hint: a CSV's problem is never about a DOCTYPE.
                Some(
                    match crate::glossary::interchange::Format::from_path(&path.to_string_lossy()) {
                        Some(crate::glossary::interchange::Format::Tbx) | None => {
                            l.get("hint-interchange")
                        }
                        Some(_) => l.get("hint-interchange-table"),
                    },
                ),
            )
        }
    }
}

/// A size for people: whole GiB, MiB or KiB when it is one, else bytes, with one decimal
/// above a KiB ("16 MiB", "1.2 MiB", "900 bytes").
fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if bytes >= size {
            return if bytes % size == 0 {
                format!("{} {unit}", bytes / size)
            } else {
                format!("{:.1} {unit}", bytes as f64 / size as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// Every rule id, comma-separated.
fn rule_list() -> String {
    crate::check::Rule::ALL
        .iter()
        .map(|r| r.id())
        .collect::<Vec<_>>()
        .join(", ")
}
