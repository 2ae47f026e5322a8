//! Localized messages (and hints) for library errors.

use crate::article::FrontMatterErrorKind;
use crate::config::ConfigProblem;
use crate::error::Error;
use crate::l10n::L10n;
use crate::mt::http::{HttpError, ProtocolProblem, TransportKind};
use crate::t;
use crate::workfile::po::PoErrorKind;
use crate::xml::XmlProblem;

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
        // Anything rarer: said to be the system's, with its number to look up.
        _ if e.raw_os_error().is_some() => "io-other",
        _ => return e.to_string(),
    };
    match e.raw_os_error() {
        Some(code) => t!(l, "io-with-code", reason = l.get(id), code = code),
        None => l.get(id),
    }
}

/// `message`, then `cause` (a foreign library's or program's own words, when puente has
/// nothing better) on a `Caused by:` line of its own.
fn caused(l: &L10n, message: String, cause: Option<&str>) -> String {
    match cause.map(str::trim).filter(|c| !c.is_empty()) {
        // One line: a parser's multi-line text (TOML's) is joined, so every line of the
        // message starts with its prefix.
        Some(cause) => format!(
            "{message}\n{}: {}",
            l.get("caused-by-prefix"),
            cause
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        None => message,
    }
}

/// An XML problem in `l`'s language, and the parser's own words when the problem has no kind
/// of its own.
pub fn xml_reason(p: &XmlProblem, l: &L10n) -> (String, Option<String>) {
    let reason = match p {
        XmlProblem::UnclosedTag => l.get("xml-unclosed-tag"),
        XmlProblem::UnclosedComment => l.get("xml-unclosed-comment"),
        XmlProblem::UnclosedCData => l.get("xml-unclosed-cdata"),
        XmlProblem::UnclosedDoctype => l.get("xml-unclosed-doctype"),
        XmlProblem::UnclosedPi => l.get("xml-unclosed-pi"),
        XmlProblem::InvalidMarkup => l.get("xml-invalid-markup"),
        XmlProblem::MismatchedEnd { expected, found } => t!(
            l,
            "xml-mismatched-end",
            expected = expected.clone(),
            found = found.clone()
        ),
        XmlProblem::UnmatchedEnd { name } => t!(l, "xml-unmatched-end", name = name.clone()),
        XmlProblem::MissingVersion => l.get("xml-missing-version"),
        XmlProblem::DoubleHyphen => l.get("xml-double-hyphen"),
        XmlProblem::BadAttribute => l.get("xml-bad-attribute"),
        XmlProblem::DuplicateAttribute => l.get("xml-duplicate-attribute"),
        XmlProblem::UnknownEntity { name } => t!(l, "xml-unknown-entity", name = name.clone()),
        XmlProblem::UnterminatedEntity => l.get("xml-unterminated-entity"),
        XmlProblem::BadCharRef => l.get("xml-bad-char-ref"),
        XmlProblem::ForbiddenChar { code } => {
            t!(l, "xml-forbidden-char", code = format!("U+{code:04X}"))
        }
        XmlProblem::ForbiddenCharRef { reference } => t!(
            l,
            "xml-forbidden-char-ref",
            reference = format!("&#{reference};")
        ),
        XmlProblem::Doctype => l.get("xml-doctype"),
        XmlProblem::Truncated => l.get("xml-truncated"),
        XmlProblem::Other { detail } => return (l.get("xml-other"), Some(detail.clone())),
    };
    (reason, None)
}

/// A `puente.toml` problem in `l`'s language: the message, its hint, and the TOML reader's
/// own words when there is nothing better.
fn config_reason(p: &ConfigProblem, l: &L10n) -> (String, Option<String>, Option<String>) {
    match p {
        ConfigProblem::Syntax { detail } => (
            l.get("cfg-syntax"),
            Some(l.get("hint-cfg-syntax")),
            Some(detail.clone()),
        ),
        ConfigProblem::UnknownKey { key, allowed } => (
            t!(l, "cfg-unknown-key", key = key.clone()),
            Some(t!(l, "hint-cfg-keys", allowed = allowed.clone())),
            None,
        ),
        ConfigProblem::BadValue { key, detail } => (
            t!(l, "cfg-bad-value", key = key.clone()),
            Some(l.get("hint-cfg-syntax")),
            Some(detail.clone()),
        ),
        ConfigProblem::Choice {
            key,
            value,
            allowed,
        } => (
            t!(l, "cfg-choice", key = key.clone(), value = value.clone()),
            Some(t!(l, "hint-cfg-choice", allowed = allowed.clone())),
            None,
        ),
        ConfigProblem::UnknownRule { id, allowed } => (
            t!(l, "cfg-unknown-rule", id = id.clone()),
            Some(t!(l, "hint-unknown-rule", rules = allowed.clone())),
            None,
        ),
        ConfigProblem::Seconds { key, value } => (
            t!(l, "cfg-seconds", key = key.clone(), value = value.clone()),
            None,
            None,
        ),
        ConfigProblem::Rate { key, value, max } => (
            t!(
                l,
                "cfg-rate",
                key = key.clone(),
                value = value.clone(),
                max = max.clone()
            ),
            None,
            None,
        ),
        ConfigProblem::Range {
            key,
            value,
            min,
            max,
        } => (
            t!(
                l,
                "cfg-range",
                key = key.clone(),
                value = value.clone(),
                min = *min,
                max = *max
            ),
            None,
            None,
        ),
        ConfigProblem::Size { key } => (
            t!(l, "cfg-size", key = key.clone()),
            Some(l.get("hint-bad-size")),
            None,
        ),
        ConfigProblem::Missing { key, kind } => (
            t!(l, "cfg-missing", key = key.clone(), kind = kind.clone()),
            None,
            None,
        ),
        ConfigProblem::PasswordInUrl { key } => (
            t!(l, "cfg-password-in-url", key = key.clone()),
            Some(l.get(if key.starts_with("[cache]") {
                "hint-cache-url-password"
            } else {
                "hint-memory-url-password"
            })),
            None,
        ),
    }
}

/// What an engine that cannot be reached is, for the hint: its kind and key variable.
struct EngineAt<'a> {
    kind: &'a str,
    key_env: Option<&'a str>,
}

/// The port an engine URL names, or its scheme's (for `apertium-apy -p PORT`).
fn url_port(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.port_or_known_default())
        .map(|p| p.to_string())
        .unwrap_or_else(|| "2737".into())
}

/// An engine's HTTP failure in `l`'s language: the message, its hint (by the engine's kind:
/// start APy, check the URL, the key variable), and the server's or the HTTP client's own
/// words (already redacted) as the cause, when puente has no words of its own for them.
fn http_reason(
    engine: &str,
    e: &HttpError,
    at: EngineAt<'_>,
    l: &L10n,
) -> (String, Option<String>, Option<String>) {
    let engine = engine.to_string();
    match e {
        HttpError::Status {
            url, status, body, ..
        } => {
            let hint = match (status, at.key_env) {
                (401 | 403, Some(var)) => Some(t!(
                    l,
                    "hint-engine-refused-key-var",
                    engine = engine.clone(),
                    var = var.to_string()
                )),
                (401 | 403, None) => Some(t!(
                    l,
                    "hint-engine-needs-key",
                    engine = engine.clone(),
                    kind = at.kind.to_string()
                )),
                (456, _) => Some(l.get("hint-engine-quota")),
                _ if body.as_str().contains("insufficient_quota") => {
                    Some(l.get("hint-engine-quota"))
                }
                (429 | 408 | 529 | 500..=599, _) => Some(l.get("hint-engine-server")),
                _ => None,
            };
            (
                t!(
                    l,
                    "err-engine-status",
                    engine = engine,
                    url = url.to_string(),
                    status = *status
                ),
                hint,
                Some(body.to_string()),
            )
        }
        HttpError::Transport { url, kind, detail } => {
            let url = url.to_string();
            let (id, cause) = match kind {
                // puente's words say it all: the client's chain adds nothing a person needs.
                TransportKind::Refused => ("err-engine-refused", None),
                TransportKind::Dns => ("err-engine-dns", None),
                TransportKind::Tls => ("err-engine-tls", Some(detail.to_string())),
                TransportKind::Connect => ("err-engine-connect", Some(detail.to_string())),
                TransportKind::Broken => ("err-engine-broken", Some(detail.to_string())),
                TransportKind::Request => ("err-engine-request", Some(detail.to_string())),
            };
            let hint = match kind {
                TransportKind::Refused if at.kind == "apy" => t!(
                    l,
                    "hint-engine-start-apy",
                    engine = engine.clone(),
                    port = url_port(&url)
                ),
                TransportKind::Dns => t!(l, "hint-engine-dns", engine = engine.clone()),
                TransportKind::Tls => t!(l, "hint-engine-tls", engine = engine.clone()),
                _ => t!(l, "hint-engine-connect", engine = engine.clone()),
            };
            (t!(l, id, engine = engine, url = url), Some(hint), cause)
        }
        HttpError::Protocol {
            url,
            problem,
            detail,
        } => {
            let reason = match problem {
                ProtocolProblem::TooLarge => l.get("proto-too-large"),
                ProtocolProblem::Json => l.get("proto-json"),
                ProtocolProblem::ModelNotOffered => l.get("proto-model"),
                ProtocolProblem::PairNotOffered { pair } => {
                    t!(l, "proto-pair", pair = pair.clone())
                }
                ProtocolProblem::Count { sent, got } => {
                    t!(l, "proto-count", sent = *sent, got = *got)
                }
                ProtocolProblem::NoChoices => l.get("proto-no-choices"),
                ProtocolProblem::Unfinished { reason } => {
                    t!(l, "proto-unfinished", reason = reason.clone())
                }
                ProtocolProblem::NotAsked => l.get("proto-not-asked"),
                ProtocolProblem::Twice { id } => t!(l, "proto-twice", id = id.clone()),
                ProtocolProblem::NotReturned { id } => {
                    t!(l, "proto-not-returned", id = id.clone())
                }
                ProtocolProblem::NeverSent { id } => t!(l, "proto-never-sent", id = id.clone()),
                ProtocolProblem::NotTexts => l.get("proto-not-texts"),
            };
            (
                t!(
                    l,
                    "err-engine-protocol",
                    engine = engine,
                    url = url.to_string(),
                    reason = reason
                ),
                None,
                detail.as_ref().map(|d| d.to_string()),
            )
        }
        // The other kinds have variants of their own (see `cli::translate::http_error`); one
        // that reaches here is still said in the user's language.
        HttpError::Timeout { url, seconds } | HttpError::Dead { url, seconds, .. } => (
            t!(
                l,
                "err-engine-timeout",
                engine = engine.clone(),
                url = url.to_string(),
                seconds = seconds.to_string()
            ),
            Some(t!(l, "hint-engine-timeout", engine = engine)),
            None,
        ),
        HttpError::Redirect { from, to } => (
            t!(
                l,
                "err-engine-redirect",
                engine = engine.clone(),
                from = from.to_string(),
                to = to.to_string()
            ),
            Some(t!(
                l,
                "hint-engine-redirect",
                engine = engine,
                to = to.to_string()
            )),
            None,
        ),
        HttpError::Wait {
            url,
            status,
            seconds,
        } => (
            t!(
                l,
                "err-engine-wait",
                engine = engine,
                url = url.to_string(),
                status = *status,
                seconds = *seconds
            ),
            Some(l.get("hint-engine-wait")),
            None,
        ),
        HttpError::Deadline { seconds, .. } => (
            t!(
                l,
                "err-engine-deadline",
                engine = engine.clone(),
                seconds = seconds.to_string()
            ),
            Some(t!(l, "hint-engine-deadline", engine = engine)),
            None,
        ),
    }
}

/// The `[engine.NAME]` table a hint proposes for an engine of `kind`: what that kind needs,
/// with the address its service usually has and the variable its key is usually kept in.
/// TOML, so never translated.
fn engine_table(name: &str, kind: &str) -> String {
    let name = if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        name.to_string()
    } else {
        format!("{name:?}")
    };
    let body = match kind {
        "deepl" => "kind = \"deepl\"\nurl = \"https://api-free.deepl.com\"\nkey_env = \"DEEPL_AUTH_KEY\"",
        "libretranslate" => "kind = \"libretranslate\"\nurl = \"http://127.0.0.1:5000\"",
        "apy" => "kind = \"apy\"\nurl = \"http://127.0.0.1:2737\"",
        "openai" => "kind = \"openai\"\nurl = \"https://api.openai.com\"\nmodel = \"gpt-4o-mini\"\nkey_env = \"OPENAI_API_KEY\"",
        _ => "kind = \"apertium\"",
    };
    format!("    [engine.{name}]\n    {}", body.replace('\n', "\n    "))
}

/// [`describe`] on one line, for a table row or a JSON field: a `Caused by:` line follows its
/// message after a semicolon.
pub fn describe_inline(e: &Error, l: &L10n) -> (String, Option<String>) {
    let (message, hint) = describe(e, l);
    (message.replace('\n', "; "), hint)
}

/// The message and hint for `e`, in `l`'s language. A foreign library's or program's own
/// words appear only on a `Caused by:` line under the message, when puente has no kind for
/// them.
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
            use crate::article::frontmatter::RelatedProblem as R;
            let fixed = || l.get("hint-front-matter");
            let (reason, hint) = match &error.kind {
                FrontMatterErrorKind::Unclosed { delim, last } => (
                    t!(l, "fm-unclosed-at", delim = *delim),
                    t!(l, "hint-fm-unclosed", delim = *delim, last = *last),
                ),
                FrontMatterErrorKind::UnclosedQuote => (l.get("fm-unclosed-quote"), fixed()),
                FrontMatterErrorKind::MultiLine => (l.get("fm-multi-line"), fixed()),
                FrontMatterErrorKind::Toml(_) => (l.get("fm-toml-alone"), fixed()),
                FrontMatterErrorKind::Lang { value } => (
                    t!(l, "fm-lang", value = value.clone()),
                    l.get("hint-fm-lang"),
                ),
                FrontMatterErrorKind::Date { value } => (
                    t!(l, "fm-date", value = value.clone()),
                    l.get("hint-fm-date"),
                ),
                FrontMatterErrorKind::Draft { value } => (
                    t!(l, "fm-draft", value = value.clone()),
                    l.get("hint-fm-draft"),
                ),
                FrontMatterErrorKind::Related { problem, toml } => (
                    l.get(match problem {
                        R::NotAList => "fm-related-not-a-list",
                        R::Inline => "fm-related-inline",
                        R::NotALink => "fm-related-not-a-link",
                        R::NoTitle => "fm-related-no-title",
                    }),
                    l.get(if *toml {
                        "hint-fm-related-toml"
                    } else {
                        "hint-fm-related"
                    }),
                ),
            };
            // The TOML reader's own words, as the cause.
            let cause = match &error.kind {
                FrontMatterErrorKind::Toml(m) => Some(m.as_str()),
                _ => None,
            };
            (
                caused(
                    l,
                    t!(
                        l,
                        "err-front-matter",
                        path = p(path),
                        line = error.line,
                        reason = reason
                    ),
                    cause,
                ),
                Some(hint),
            )
        }
        Error::ArticleNotWorkfile {
            path,
            workfile,
            exists,
        } => (
            t!(l, "err-article-not-workfile", path = p(path)),
            Some(if *exists {
                t!(l, "hint-article-not-workfile", workfile = sh(workfile))
            } else {
                t!(
                    l,
                    "hint-article-not-segmented",
                    path = sh(path),
                    workfile = sh(workfile)
                )
            }),
        ),
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
            use crate::workfile::xliff::XliffProblem as X;
            let (reason, hint, cause) = match &error.kind {
                X::Duplicate { id, first_line } => (
                    t!(
                        l,
                        "duplicate-id-reason",
                        id = id.clone(),
                        first = *first_line
                    ),
                    Some(t!(l, "hint-duplicate-id", path = sh(path))),
                    None,
                ),
                X::Xml(x) => {
                    let (reason, cause) = xml_reason(x, l);
                    let hint = matches!(x, XmlProblem::Doctype).then(|| l.get("hint-xml-doctype"));
                    (reason, hint, cause)
                }
                X::BadCp => (l.get("xliff-bad-cp"), None, None),
                X::NoRoot => (l.get("xliff-no-root"), Some(l.get("hint-xliff")), None),
            };
            (
                caused(
                    l,
                    t!(
                        l,
                        "err-xliff",
                        path = p(path),
                        line = error.line,
                        column = error.column,
                        reason = reason
                    ),
                    cause.as_deref(),
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
            Some(t!(l, "hint-source-moved", path = sh(path))),
        ),
        Error::Unpaired {
            path,
            source_path,
            problem,
        } => (
            t!(
                l,
                "err-unpaired",
                path = p(path),
                source = p(source_path),
                detail = match problem {
                    crate::publish::PairError::BlockCount {
                        source_blocks,
                        target_blocks,
                    } => t!(
                        l,
                        "pair-block-count",
                        source = *source_blocks,
                        target = *target_blocks
                    ),
                    crate::publish::PairError::Kind {
                        index,
                        line,
                        source_kind,
                        target_kind,
                    } => t!(
                        l,
                        "pair-kind",
                        index = *index,
                        line = *line,
                        source = t!(l, "block-kind", kind = source_kind.name().replace(' ', "-")),
                        target = t!(l, "block-kind", kind = target_kind.name().replace(' ', "-"))
                    ),
                }
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
        Error::FrontMatterDate { path, value } => (
            t!(
                l,
                "err-front-matter-date",
                path = p(path),
                value = value.clone()
            ),
            Some(l.get("hint-front-matter-date")),
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
        Error::FolderLocked { path, seconds } => (
            t!(l, "err-folder-locked", path = p(path), seconds = *seconds),
            Some(t!(
                l,
                "hint-folder-locked",
                var = super::LOCK_WAIT_VAR,
                seconds = *seconds
            )),
        ),
        Error::BadSeconds { setting, value } => (
            t!(
                l,
                "err-bad-seconds",
                setting = setting.clone(),
                value = value.clone()
            ),
            Some(l.get("hint-bad-seconds")),
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
        Error::Config {
            path,
            line,
            problem,
        } => {
            let (reason, hint, cause) = config_reason(problem, l);
            let message = match line {
                Some(line) => t!(
                    l,
                    "err-config-at",
                    path = p(path),
                    line = *line,
                    reason = reason
                ),
                None => t!(l, "err-config", path = p(path), reason = reason),
            };
            (caused(l, message, cause.as_deref()), hint)
        }
        Error::Glossary {
            file,
            line,
            column,
            problem,
        } => (
            {
                let message = t!(
                    l,
                    "err-glossary-load",
                    file = file.clone(),
                    line = *line,
                    column = *column
                );
                match problem {
                    // The TOML reader's own words: the cause of a localized message.
                    crate::glossary::LoadProblemKind::Toml(reason) => {
                        caused(l, message, Some(reason))
                    }
                    crate::glossary::LoadProblemKind::UnknownLanguage(lang) => format!(
                        "{message}: {}",
                        t!(l, "lint-unknown-language", lang = lang.clone())
                    ),
                }
            },
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
                message.push_str(&super::render::lint_line(l, f));
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
        Error::HeaderLang { path, value } => (
            t!(l, "err-header-lang", path = p(path), value = value.clone()),
            Some(l.get("hint-header-lang")),
        ),
        Error::FlagAgainstHeader {
            path,
            flag,
            given,
            declared,
        } => (
            t!(
                l,
                "err-flag-against-header",
                path = p(path),
                flag = flag.clone(),
                given = given.clone(),
                declared = declared.clone()
            ),
            Some(t!(l, "hint-flag-against-header", flag = flag.clone())),
        ),
        Error::LangMismatch {
            path,
            front_matter,
            file_name,
        } => (
            t!(
                l,
                "err-lang-mismatch",
                path = p(path),
                front = front_matter.clone(),
                name = file_name.clone()
            ),
            Some(l.get("hint-lang-mismatch")),
        ),
        Error::NoLanguages { path } => (
            t!(l, "err-no-languages", path = p(path)),
            Some(l.get("hint-no-languages")),
        ),
        Error::NoWorkfiles { path } => (t!(l, "err-no-workfiles", path = p(path)), None),
        Error::NoArticles { path } => (t!(l, "err-no-articles", path = p(path)), None),
        Error::NotLearned {
            workfile,
            merged,
            memory,
            message,
        } => (
            // SQLite's own words, under a localized message.
            caused(
                l,
                t!(
                    l,
                    "err-not-learned",
                    file = p(workfile),
                    path = p(memory),
                    merged = if *merged { "yes" } else { "no" }
                ),
                Some(message),
            ),
            Some(t!(l, "hint-not-learned", file = p(workfile))),
        ),
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
            caused(
                l,
                t!(l, "err-engine-failed-alone", engine = engine.clone()),
                Some(message),
            ),
            None,
        ),
        Error::EngineHttp {
            engine,
            error,
            kind,
            key_env,
        } => {
            let at = EngineAt {
                kind,
                key_env: key_env.as_deref(),
            };
            let (message, hint, cause) = http_reason(engine, error, at, l);
            (caused(l, message, cause.as_deref()), hint)
        }
        Error::UnknownEngine {
            name,
            configured,
            kind,
        } => (
            t!(
                l,
                "err-unknown-engine-named",
                name = name.clone(),
                count = configured.len(),
                engines = configured.join(", ")
            ),
            Some(t!(
                l,
                "hint-unknown-engine-table",
                table = engine_table(name, kind)
            )),
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
        Error::EngineExit {
            engine,
            program,
            pair,
            code,
            message,
        } => (
            // The program's own words are the cause: what it complained about.
            caused(
                l,
                match code {
                    Some(code) => t!(
                        l,
                        "err-engine-exit",
                        engine = engine.clone(),
                        program = program.clone(),
                        code = *code
                    ),
                    None => t!(
                        l,
                        "err-engine-signal",
                        engine = engine.clone(),
                        program = program.clone()
                    ),
                },
                Some(message),
            ),
            Some(program_hint(l, program, pair)),
        ),
        Error::EngineNoOutput {
            engine,
            program,
            pair,
            message,
        } => (
            caused(
                l,
                t!(
                    l,
                    "err-engine-no-output",
                    engine = engine.clone(),
                    program = program.clone()
                ),
                Some(message),
            ),
            Some(program_hint(l, program, pair)),
        ),
        Error::EngineUnusable {
            engine,
            source_lang,
            target,
            answer,
        } => (
            match answer {
                None => t!(
                    l,
                    "err-engine-test-empty",
                    engine = engine.clone(),
                    source = source_lang.clone(),
                    target = target.clone()
                ),
                Some(answer) => t!(
                    l,
                    "err-engine-test-echo",
                    engine = engine.clone(),
                    source = source_lang.clone(),
                    target = target.clone(),
                    answer = answer.clone()
                ),
            },
            Some(t!(l, "hint-engine-test", engine = engine.clone())),
        ),
        Error::Memory { path, message } => (
            // SQLite's own words, under a localized message.
            caused(l, t!(l, "err-memory-alone", path = p(path)), Some(message)),
            None,
        ),
        Error::MemoryServer {
            place,
            kind,
            detail,
        } => {
            use crate::tm::postgres::ServerErrorKind as K;
            let (id, hint) = match kind {
                K::Unreachable => ("err-memory-server-down", Some("hint-memory-server-down")),
                K::NoPassword => (
                    "err-memory-server-no-password",
                    Some("hint-memory-server-password"),
                ),
                K::Auth => (
                    "err-memory-server-auth",
                    Some("hint-memory-server-password"),
                ),
                K::Tls => ("err-memory-server-tls", Some("hint-memory-server-tls")),
                K::NoDatabase => (
                    "err-memory-server-no-database",
                    Some("hint-memory-server-no-database"),
                ),
                K::Newer => ("err-memory-server-newer", Some("hint-memory-server-newer")),
                K::RootCert => (
                    "err-memory-server-root-cert",
                    Some("hint-memory-server-root-cert"),
                ),
                K::Query => ("err-memory-server", None),
            };
            (
                // The driver's or the server's own words (never the password) as the cause.
                caused(l, t!(l, id, place = place.clone()), Some(detail)),
                hint.map(|h| l.get(h)),
            )
        }
        Error::MemoryUrl { from, problem } => {
            use crate::tm::postgres::UrlProblem as U;
            let reason = match problem {
                U::NotPostgres => l.get("memory-url-not-postgres"),
                U::NoUser => l.get("memory-url-no-user"),
                U::NoHost => l.get("memory-url-no-host"),
                U::Parameter(name) => t!(l, "memory-url-parameter", name = name.clone()),
                U::Value(name) => t!(l, "memory-url-value", name = name.clone()),
            };
            (
                t!(l, "err-memory-url", from = from.clone(), reason = reason),
                Some(l.get("hint-memory-url")),
            )
        }
        Error::MemoryUrlPassword { from } => (
            t!(l, "err-memory-url-password", from = from.clone()),
            Some(l.get("hint-memory-url-password")),
        ),
        Error::MemoryPasswordEnv { name } => (
            t!(l, "err-memory-password-env", name = name.clone()),
            Some(l.get("hint-memory-password-env")),
        ),
        Error::Tmx {
            path,
            line,
            problem,
        } => {
            let (reason, cause) = match problem {
                crate::tm::tmx::TmxProblem::Xml(x) => xml_reason(x, l),
                crate::tm::tmx::TmxProblem::NotTmx => (l.get("tmx-not-tmx"), None),
            };
            (
                caused(
                    l,
                    t!(l, "err-tmx", path = p(path), line = *line, reason = reason),
                    cause.as_deref(),
                ),
                Some(l.get("hint-tmx")),
            )
        }
        Error::Locked { path, pid } => (
            t!(l, "err-locked", path = p(path), pid = *pid),
            Some(t!(l, "hint-locked", path = sh(path))),
        ),
        Error::WorkfileChanged { path, lost } => (
            t!(l, "err-workfile-changed", path = p(path), lost = *lost),
            Some(t!(l, "hint-workfile-changed", path = p(path))),
        ),
        Error::SlugTaken { slug, path, other } => (
            t!(
                l,
                "err-slug-taken",
                path = p(path),
                slug = slug.clone(),
                other = p(other)
            ),
            Some(l.get("hint-slug-taken")),
        ),
        Error::ReservedSlug { slug, path } => (
            t!(l, "err-reserved-slug", slug = slug.clone(), path = p(path)),
            Some(l.get("hint-reserved-slug")),
        ),
        Error::OneStoryFlag { flag, count } => (
            t!(
                l,
                "err-publish-one-story-flag",
                flag = flag.clone(),
                count = *count
            ),
            Some(t!(l, "hint-publish-one-story-flag", flag = flag.clone())),
        ),
        Error::Interchange { path, line, kind } => {
            use crate::glossary::interchange::ImportErrorKind as K;
            let mut cause = None;
            let reason = match kind {
                K::Xml(x) => {
                    let (reason, c) = xml_reason(x, l);
                    cause = c;
                    reason
                }
                K::Table(detail) => {
                    cause = Some(detail.clone());
                    l.get("import-table")
                }
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
                caused(
                    l,
                    t!(
                        l,
                        "err-interchange",
                        path = p(path),
                        line = *line,
                        reason = reason
                    ),
                    cause.as_deref(),
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

/// What to do when an engine's program failed or wrote nothing: run it by hand.
fn program_hint(l: &L10n, program: &str, pair: &str) -> String {
    t!(
        l,
        "hint-engine-program",
        program = program.to_string(),
        pair = pair.to_string()
    )
}
