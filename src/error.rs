//! The library's error type. Every variant names the file (and line, segment or offset) it is
//! about; the CLI turns each into a localized message with a hint ([`crate::cli`]).

use std::path::PathBuf;

use crate::article::FrontMatterError;
use crate::workfile::{po::PoError, xliff::XliffError};

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The path does not exist.
    #[error("{} does not exist", .path.display())]
    NotFound {
        /// The file (or folder) it is about.
        path: PathBuf,
    },
    /// The path is a directory.
    #[error("{} is a directory", .path.display())]
    IsDir {
        /// The file (or folder) it is about.
        path: PathBuf,
    },
    /// Reading was refused.
    #[error("cannot read {}: permission denied", .path.display())]
    Permission {
        /// The file (or folder) it is about.
        path: PathBuf,
    },
    /// Any other read failure.
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        /// The file (or folder) it is about.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A write failed; nothing was left behind.
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        /// The output.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Not UTF-8.
    #[error("{} is not valid UTF-8 (byte offset {offset})", .path.display())]
    NotUtf8 {
        /// The file (or folder) it is about.
        path: PathBuf,
        /// The byte offset.
        offset: usize,
    },
    /// UTF-16 (a byte order mark says so).
    #[error("{} is UTF-16, not UTF-8", .path.display())]
    Utf16 {
        /// The file (or folder) it is about.
        path: PathBuf,
    },
    /// A NUL byte: a binary file.
    #[error("{} contains a NUL byte at offset {offset}", .path.display())]
    Nul {
        /// The file (or folder) it is about.
        path: PathBuf,
        /// The byte offset.
        offset: usize,
    },
    /// Nothing to work on.
    #[error("{} is empty", .path.display())]
    Empty {
        /// The file (or folder) it is about.
        path: PathBuf,
    },
    /// Unreadable front matter.
    #[error("{}:{}: front matter: {:?}", .path.display(), .error.line, .error.kind)]
    FrontMatter {
        /// The article.
        path: PathBuf,
        /// What is wrong, and where in the file.
        error: FrontMatterError,
    },
    /// PO syntax.
    #[error("{}: {error}", .path.display())]
    Po {
        /// The PO file.
        path: PathBuf,
        /// What is wrong, and where in the file.
        error: PoError,
    },
    /// XLIFF syntax.
    #[error("{}: {error}", .path.display())]
    Xliff {
        /// The XLIFF file.
        path: PathBuf,
        /// What is wrong, and where in the file.
        error: XliffError,
    },
    /// An article given where a work file is expected (`merge story.md`): told by its
    /// content (front matter or prose, no `msgid`), not only by its name.
    #[error("{} is an article, not a work file", .path.display())]
    ArticleNotWorkfile {
        /// The article given.
        path: PathBuf,
        /// The work file `segment` writes for it (where puente would look for it).
        workfile: PathBuf,
        /// Whether that work file exists (else the article is still to be segmented).
        exists: bool,
    },
    /// A work file without puente's header.
    #[error("{} does not name its source article", .path.display())]
    NotWorkfile {
        /// The work file.
        path: PathBuf,
    },
    /// The source a work file names is gone.
    #[error("the source {} named by {} does not exist", .source_path.display(), .path.display())]
    SourceMissing {
        /// The work file.
        path: PathBuf,
        /// The source article.
        source_path: PathBuf,
    },
    /// The source changed since the work file was written.
    #[error("{} changed since {} was written", .source_path.display(), .path.display())]
    SourceChanged {
        /// The work file.
        path: PathBuf,
        /// The source article.
        source_path: PathBuf,
    },
    /// A translated article that cannot be paired with its source, block by block.
    #[error("{}: cannot be paired with {}: {problem}", .path.display(), .source_path.display())]
    Unpaired {
        /// The translated article.
        path: PathBuf,
        /// The source article.
        source_path: PathBuf,
        /// Where the two stop matching.
        problem: crate::publish::PairError,
    },
    /// A work file made from another article.
    #[error("{} was made from {source_name}, not {}", .path.display(), .article.display())]
    OtherArticle {
        /// The work file.
        path: PathBuf,
        /// The article given.
        article: PathBuf,
        /// The article the work file names.
        source_name: String,
    },
    /// A date that is not YYYY-MM-DD.
    #[error("{value} is not a date (YYYY-MM-DD)")]
    Date {
        /// The value given.
        value: String,
    },
    /// A front matter date that is not a calendar date (publish).
    #[error("{}: the front matter's date {value} is not a date (YYYY-MM-DD)", .path.display())]
    FrontMatterDate {
        /// The article.
        path: PathBuf,
        /// The value it gives.
        value: String,
    },
    /// Source and target are the same language.
    #[error("source and target language are both {lang}")]
    SameLang {
        /// The language given for both.
        lang: String,
    },
    /// The output is one of the command's inputs (the same file, by whatever name).
    #[error("{} is the same file as the {} {}; writing there would destroy it", .path.display(), .role.id(), .input.display())]
    OutputIsInput {
        /// The output.
        path: PathBuf,
        /// The input it is, by the name given for it.
        input: PathBuf,
        /// Which of the inputs.
        role: InputRole,
    },
    /// An invalid `puente.toml`.
    #[error("{}:{}: {problem}", .path.display(), .line.unwrap_or(0))]
    Config {
        /// The settings file.
        path: PathBuf,
        /// The 1-based line of the key, when it is known.
        line: Option<usize>,
        /// What is wrong.
        problem: crate::config::ConfigProblem,
    },
    /// A glossary file that does not load.
    #[error("{file}:{line}:{column}: the glossary does not load: {problem:?}")]
    Glossary {
        /// The glossary file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// The 1-based column.
        column: usize,
        /// What is wrong: the TOML reader's words, or a language puente does not know.
        problem: crate::glossary::LoadProblemKind,
    },
    /// A glossary that loads but that `glossary lint` finds errors in (two entries giving the
    /// same form different translations, say): the checks and MT would pick one silently.
    #[error("{}: the glossary has {} lint errors", .path.display(), .findings.len())]
    GlossaryLint {
        /// The glossary.
        path: PathBuf,
        /// The lint errors.
        findings: Vec<crate::glossary::lint::Finding>,
    },
    /// A rule id puente does not have.
    #[error("unknown rule `{id}`")]
    UnknownRule {
        /// The rule id given.
        id: String,
    },
    /// A work file's header names a language puente does not translate.
    #[error("{}: the header names the language {value}", .path.display())]
    HeaderLang {
        /// The work file.
        path: PathBuf,
        /// The value as written.
        value: String,
    },
    /// A flag that contradicts what a work file's header declares: the header says what its
    /// translations are in, so the flag is refused rather than obeyed.
    #[error("{}: {flag} {given} contradicts the header ({declared})", .path.display())]
    FlagAgainstHeader {
        /// The work file.
        path: PathBuf,
        /// `--from` or `--to`.
        flag: String,
        /// The language the flag gives.
        given: String,
        /// What the header declares for that side.
        declared: String,
    },
    /// An article whose front matter and file name name different source languages.
    #[error("{}: front matter lang {front_matter}, file name {file_name}", .path.display())]
    LangMismatch {
        /// The article.
        path: PathBuf,
        /// The front matter's `lang`.
        front_matter: String,
        /// The language the file name names.
        file_name: String,
    },
    /// A work file whose languages are not declared and not given.
    #[error("{} does not say its languages", .path.display())]
    NoLanguages {
        /// The file (or folder) it is about.
        path: PathBuf,
    },
    /// Nothing to check.
    #[error("no work files (.po, .xlf, .xliff) in {}", .path.display())]
    NoWorkfiles {
        /// The folder.
        path: PathBuf,
    },
    /// A folder given to `segment` holds no articles.
    #[error("no articles (.md, .txt) in {}", .path.display())]
    NoArticles {
        /// The folder.
        path: PathBuf,
    },
    /// A merge whose edition was written but whose reviewed units the memory did not take
    /// (its batch's transaction failed): `tm add` adds them later.
    #[error("{}: the translation memory {} did not learn its units: {message}", .workfile.display(), .memory.display())]
    NotLearned {
        /// The work file merged (or added, with `tm add`).
        workfile: PathBuf,
        /// Whether its edition was written (`merge`), which stays written.
        merged: bool,
        /// The memory's database file.
        memory: PathBuf,
        /// SQLite's words.
        message: String,
    },
    /// An engine's program is not installed.
    #[error("the {engine} engine is not installed")]
    EngineMissing {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
    },
    /// An engine lacks the language pair.
    #[error("the {engine} engine does not offer {pair}")]
    EnginePair {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The language pair.
        pair: String,
    },
    /// An engine failed in a way that has no kind of its own (a local program's complaint,
    /// a runtime that could not start): `message` is shown as the cause.
    #[error("{engine} failed: {message}")]
    EngineFailed {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The cause, in the words of whatever failed (the program, the runtime).
        message: String,
    },
    /// An engine's server answered with an error, broke its protocol, or could not be
    /// reached (every text in `error` is redacted).
    #[error("{engine}: {error}")]
    EngineHttp {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// What happened (boxed: the largest of the variants would make every `Result` carry it).
        error: Box<crate::mt::http::HttpError>,
        /// The engine's kind (`apy`, `deepl`...): the hint says what to do for that kind.
        kind: String,
        /// The environment variable the engine's key comes from (`key_env`), if it names one.
        key_env: Option<String>,
    },
    /// `--engine NAME` that puente.toml does not define (or of a kind not available).
    #[error("no engine named {name}")]
    UnknownEngine {
        /// The name given.
        name: String,
        /// The engines puente.toml defines, in name order.
        configured: Vec<String>,
        /// The kind the hint's table is written for: the engine's own when it is defined but
        /// unusable, else the kind its name suggests (`deepl` → `deepl`), else `apertium`.
        kind: String,
    },
    /// An engine that needs a key, without one in its environment variable.
    #[error("the engine {engine} needs a key in the environment variable {var}")]
    EngineKey {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The environment variable.
        var: String,
    },
    /// An engine that always needs a key (DeepL), configured without `key_env`.
    #[error("the engine {engine} needs key_env")]
    EngineKeyEnv {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
    },
    /// An engine URL with a user name or password (`url` is shown without them).
    #[error("the url of the engine {engine} holds a user name or password: {url}")]
    EngineUserinfo {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The URL (without user name, password or query).
        url: String,
    },
    /// An engine URL with a query or a fragment (`url` is shown without them).
    #[error("the url of the engine {engine} has a query or fragment: {url}")]
    EngineUrlQuery {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The URL (without user name, password or query).
        url: String,
    },
    /// An engine URL that is not an http:// or https:// address.
    #[error("the url of the engine {engine} is not an http:// or https:// address: {url}")]
    EngineUrl {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The URL (without user name, password or query).
        url: String,
    },
    /// An engine that did not answer within its timeout (after one retry).
    #[error("{engine}: {url} did not answer within {seconds} s")]
    EngineTimeout {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The URL (without user name, password or query).
        url: String,
        /// The timeout, in seconds.
        seconds: String,
    },
    /// A redirect to another origin, refused (origins without userinfo).
    #[error("{engine}: {from} redirects to {to}, another origin")]
    EngineRedirect {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The origin asked.
        from: String,
        /// The origin it points to.
        to: String,
    },
    /// A server asking for a wait longer than the run allows.
    #[error("{engine}: {url} answers HTTP {status} and asks to wait {seconds} s")]
    EngineWait {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The URL (without user name, password or query).
        url: String,
        /// The HTTP status.
        status: u16,
        /// The wait asked for, in whole seconds.
        seconds: u64,
    },
    /// The run's deadline with an engine has passed.
    #[error("{engine}: the deadline of {seconds} s has passed")]
    EngineDeadline {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The deadline, in seconds.
        seconds: String,
    },
    /// A server that did not answer its probe (before the first batch, or after a request
    /// went unanswered for `after` seconds): taken for dead.
    #[error("{engine}: {url} did not answer within {seconds} s")]
    EngineDead {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The probe's URL.
        url: String,
        /// The probe's timeout, in seconds.
        seconds: String,
        /// The timeout of the request that went unanswered, in seconds (none for the check
        /// before the first batch).
        after: Option<String>,
    },
    /// A local engine's program that did not finish a batch within its timeout, stopped.
    #[error("{engine}: {program} did not finish within {seconds} s")]
    EngineStuck {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The program, as configured.
        program: String,
        /// The timeout, in seconds.
        seconds: String,
    },
    /// A local engine's program that exited with an error (`code`; `None` when a signal
    /// stopped it); `message` is its standard error.
    #[error("{engine}: {program} {pair} exited with status {code:?}: {message}")]
    EngineExit {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The program, as configured.
        program: String,
        /// The language pair (mode) it was run with.
        pair: String,
        /// Its exit status.
        code: Option<i32>,
        /// Its standard error, cut.
        message: String,
    },
    /// A local engine's program that exited normally but wrote no translation; `message` is
    /// its standard error.
    #[error("{engine}: {program} {pair} wrote nothing: {message}")]
    EngineNoOutput {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The program, as configured.
        program: String,
        /// The language pair (mode) it was run with.
        pair: String,
        /// Its standard error, cut.
        message: String,
    },
    /// An engine that passed its check but did not translate `puente engines`' test sentence:
    /// it came back empty (`answer` is `None`) or as the sentence itself.
    #[error("{engine}: the test sentence ({source_lang} → {target}) came back {answer:?}")]
    EngineUnusable {
        /// The engine's name in puente.toml (or its kind).
        engine: String,
        /// The sentence's language.
        source_lang: String,
        /// The language it was to be translated into.
        target: String,
        /// What came back, when it was the sentence itself.
        answer: Option<String>,
    },
    /// The translation memory cannot be opened or written.
    #[error("{}: {message}", .path.display())]
    Memory {
        /// The memory's database file.
        path: PathBuf,
        /// SQLite's words.
        message: String,
    },
    /// The translation memory's PostgreSQL server cannot be reached, refused the login, or
    /// cannot hold the memory (issue 18). Never holds the password.
    #[error("the translation memory server {place}: {detail}")]
    MemoryServer {
        /// Host, port and database.
        place: String,
        /// What went wrong.
        kind: crate::tm::postgres::ServerErrorKind,
        /// The server's or the driver's words.
        detail: String,
    },
    /// A memory server URL puente cannot use (the URL itself is not repeated: it may hold a
    /// password).
    #[error("the translation memory URL in {from}: {problem}")]
    MemoryUrl {
        /// Where the URL came from (`PUENTE_TM_URL`, `puente.toml`, `--tm`).
        from: String,
        /// What is wrong with it.
        problem: crate::tm::postgres::UrlProblem,
    },
    /// A memory server URL given with a password where passwords are not kept (`--tm`).
    #[error("the translation memory URL in {from} holds a password")]
    MemoryUrlPassword {
        /// Where the URL came from.
        from: String,
    },
    /// `[tm] password_env` names a variable that is not set.
    #[error("the memory server's password variable {name} is not set")]
    MemoryPasswordEnv {
        /// The variable.
        name: String,
    },
    /// A TMX file that cannot be read.
    #[error("{}:{line}: {problem}", .path.display())]
    Tmx {
        /// The TMX file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        problem: crate::tm::tmx::TmxProblem,
    },
    /// Another run holds the work file.
    #[error("{} is locked by process {pid}", .path.display())]
    Locked {
        /// The work file.
        path: PathBuf,
        /// The process holding the lock.
        pid: u32,
    },
    /// Another program changed the work file while translate ran; `lost` translations of
    /// this run were not written.
    #[error("{} changed while translating; {lost} translations were not written", .path.display())]
    WorkfileChanged {
        /// The work file.
        path: PathBuf,
        /// Translations not written.
        lost: usize,
    },
    /// An input larger than the limit (`size` is unknown for a stream).
    #[error("{} is larger than the limit of {limit} bytes ([limits] {setting})", .path.display())]
    TooBig {
        /// The input.
        path: PathBuf,
        /// The input's size in bytes, when known.
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
        /// The setting (or environment variable) that sets the limit.
        setting: &'static str,
    },
    /// An output that is a directory or a socket.
    #[error("cannot write {}: it is a {kind}", .path.display())]
    OutputKind {
        /// The output.
        path: PathBuf,
        /// What the path is instead (a folder, a socket…).
        kind: &'static str,
    },
    /// An output whose folder does not exist (puente never creates it silently).
    #[error("cannot write {}: the folder {} does not exist", .path.display(), .folder.display())]
    NoFolder {
        /// The output.
        path: PathBuf,
        /// The folder that does not exist.
        folder: PathBuf,
    },
    /// A work file that would be larger than puente reads back: not written.
    #[error("cannot write {}: the work file would be larger than {limit} bytes", .path.display())]
    WorkfileTooBig {
        /// The output.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// A database path (the memory, the cache) that is not a regular file.
    #[error("{} is a {kind}, not a database file", .path.display())]
    DatabaseKind {
        /// The file (or folder) it is about.
        path: PathBuf,
        /// What the path is instead (a folder, a socket…).
        kind: &'static str,
    },
    /// A command that reads the memory found none.
    #[error("there is no translation memory at {} yet", .path.display())]
    NoMemory {
        /// The memory's database file.
        path: PathBuf,
    },
    /// An existing output whose permissions do not let puente write it (never replaced).
    #[error("cannot write {}: its permissions do not allow it", .path.display())]
    ReadOnly {
        /// The output.
        path: PathBuf,
    },
    /// A new output in a folder whose permissions do not let puente add a file to it.
    #[error("cannot write {}: the folder {} does not allow new files", .path.display(), .folder.display())]
    FolderReadOnly {
        /// The output.
        path: PathBuf,
        /// The folder that refuses new files.
        folder: PathBuf,
    },
    /// Data could not be written to standard output (not a closed pipe, which is quiet).
    #[error("cannot write to standard output: {source}")]
    Stdout {
        /// What the system said.
        source: std::io::Error,
    },
    /// A size setting that is not a size.
    #[error("{setting} = {value:?} is not a size")]
    BadSize {
        /// The setting (or environment variable).
        setting: String,
        /// The value given.
        value: String,
    },
    /// A glossary file that cannot be imported.
    #[error("{}:{line}: {kind}", .path.display())]
    Interchange {
        /// The file (or folder) it is about.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        kind: crate::glossary::interchange::ImportErrorKind,
    },
    /// Two stories of one run with the same slug: the second would overwrite the first.
    #[error("{}: its story's slug {slug} is also {}'s", .path.display(), .other.display())]
    SlugTaken {
        /// The slug.
        slug: String,
        /// The translation of the story refused.
        path: PathBuf,
        /// The translation of the story published with that slug.
        other: PathBuf,
    },
    /// A story whose slug would name the index page of its edition folder.
    #[error("the story's slug {slug} would take the place of the index {}", .path.display())]
    ReservedSlug {
        /// The slug.
        slug: String,
        /// The index page the story's page would replace.
        path: PathBuf,
    },
    /// A folder's lock ([`crate::files::lock_folder`]) still held by another run after
    /// waiting the limit: another `puente publish` is writing that folder's index.
    #[error("{} is locked: another puente publish is using that folder (waited {seconds} s)", .path.display())]
    FolderLocked {
        /// The lock file.
        path: PathBuf,
        /// How long the run waited, in seconds.
        seconds: u64,
    },
    /// A setting or variable that must be a number of seconds and is not.
    #[error("{setting} = \"{value}\" is not a number of seconds")]
    BadSeconds {
        /// The setting or variable, as written.
        setting: String,
        /// Its value.
        value: String,
    },
    /// A flag that gives one story's value (`--date`, `--author`) with several stories.
    #[error("{flag} is one story's, but {count} work files are being published")]
    OneStoryFlag {
        /// The flag, as typed.
        flag: String,
        /// How many work files were given or found.
        count: usize,
    },
}

impl Error {
    /// Maps an I/O error on reading `path` to the most precise variant.
    pub fn read(path: &std::path::Path, e: std::io::Error) -> Error {
        let path = path.to_path_buf();
        match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path },
            std::io::ErrorKind::PermissionDenied => Error::Permission { path },
            std::io::ErrorKind::IsADirectory => Error::IsDir { path },
            _ => Error::Read { path, source: e },
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<crate::config::ConfigError> for Error {
    fn from(e: crate::config::ConfigError) -> Self {
        Error::Config {
            path: e.path,
            line: e.line,
            problem: e.problem,
        }
    }
}

/// What an input of a command is, for the message when an output would overwrite it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputRole {
    /// The source article.
    Article,
    /// A work file.
    Workfile,
    /// A glossary file.
    Glossary,
    /// The translation memory.
    Memory,
    /// Any other file the command reads.
    Input,
}

impl InputRole {
    /// The role's name in messages (a Fluent selector value).
    pub fn id(self) -> &'static str {
        match self {
            InputRole::Article => "article",
            InputRole::Workfile => "workfile",
            InputRole::Glossary => "glossary",
            InputRole::Memory => "memory",
            InputRole::Input => "input",
        }
    }
}
