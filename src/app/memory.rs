//! The translation memory as commands open it: the project's `.puente/tm.sqlite` (or a path
//! the user named), or the PostgreSQL server of `[tm] url` / `PUENTE_TM_URL` (whose URL, never
//! holding a password, stands where the path would), opened to read (nothing created when
//! there is none) or to add to (made on first use), and work files fed to it with the
//! project's one language resolver; the steps of `tm`: add work files, count, export as TMX,
//! import TMX, migrate from one memory to another. Export, import and migrate hold
//! [`UNIT_BATCH`] units at a time, whatever the memory's or the file's size: a page of the
//! memory read and written out, a batch of a streamed TMX added in one transaction.
//!
//! It never prints and never reads the environment: the CLI hands over what the environment
//! says ([`configure`]). SQLite's and the server's own text travel only as an error's cause.

use std::path::{Path, PathBuf};
use std::sync::RwLock;

use crate::error::Error;
use crate::files::{self, Durability, InputRole, Limit};
use crate::lang::Lang;
use crate::project::{parent_dir, slash_path, LangEvidence, Project};
use crate::tm::postgres::{self, Server};
use crate::tm::{tmx, Learnable, Memory, Stats, TmError};
use crate::workfile::WorkFile;

/// The variable whose URL overrides `[tm] url`.
pub const URL_VAR: &str = "PUENTE_TM_URL";

/// How the memory server's password is found, from what the environment said when the run
/// began: the one place it is kept, never in a path, a URL or a message.
#[derive(Debug, Clone, Default)]
pub struct ServerAccess {
    /// The configured server's URL (without a password): `url_password` and `password_env`
    /// are for that server only, never sent to another one named with `--tm`.
    pub configured: Option<String>,
    /// A password written in `PUENTE_TM_URL` itself.
    pub url_password: Option<String>,
    /// `[tm] password_env`: the variable's name and its value, if set.
    pub password_env: Option<(String, Option<String>)>,
    /// `PGPASSWORD`.
    pub pgpassword: Option<String>,
    /// The password file: `PGPASSFILE`, else `~/.pgpass`.
    pub pgpass: Option<PathBuf>,
}

/// What the run knows about the memory server's password; set once by [`configure`].
static ACCESS: RwLock<Option<ServerAccess>> = RwLock::new(None);

/// Points the run's memory at the server of `PUENTE_TM_URL` (from `env`), else `[tm] url`,
/// when either names one, and keeps how to find its password: the URL's own (from the
/// variable only), the variable `[tm] password_env` names, `PGPASSWORD`, then `PGPASSFILE`
/// or `~/.pgpass`. Without a URL nothing changes: the memory is `.puente/tm.sqlite`.
pub fn configure(
    project: Project,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Project, Error> {
    let set = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    let tm = project.config().map(|c| c.tm.clone()).unwrap_or_default();
    // What libpq would read is kept whether or not a server is configured: `--tm URL` uses it.
    let mut access = ServerAccess::from_env(env);
    let (url, from) = match set(env(URL_VAR)) {
        Some(url) => (url, URL_VAR),
        None => match tm.url.clone() {
            Some(url) => (url, "puente.toml"),
            None => {
                set_access(access);
                return Ok(project);
            }
        },
    };
    let (server, url_password) = Server::parse(url.trim()).map_err(|problem| Error::MemoryUrl {
        from: from.to_string(),
        problem,
    })?;
    access.configured = Some(server.url());
    access.url_password = url_password;
    access.password_env = tm.password_env.map(|name| {
        let value = set(env(&name));
        (name, value)
    });
    set_access(access);
    Ok(project.with_memory_url(Some(server.url())))
}

impl ServerAccess {
    /// What libpq would read from `env`: `PGPASSWORD`, and the password file (`PGPASSFILE`,
    /// else `~/.pgpass`); no server configured yet.
    pub fn from_env(env: &impl Fn(&str) -> Option<String>) -> ServerAccess {
        let set = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        ServerAccess {
            pgpassword: set(env("PGPASSWORD")),
            pgpass: set(env("PGPASSFILE"))
                .map(PathBuf::from)
                .or_else(|| set(env("HOME")).map(|h| Path::new(&h).join(".pgpass"))),
            ..ServerAccess::default()
        }
    }

    /// The password for `server`: the configured server's own first (the URL's, then the
    /// variable `password_env` names, which must be set), then `PGPASSWORD`, then the
    /// password file, which, as libpq does, is read only when no one but its owner may read
    /// it.
    pub fn password(&self, server: &Server) -> Result<Option<String>, Error> {
        if self.configured.as_deref() == Some(server.url().as_str()) {
            if let Some(p) = &self.url_password {
                return Ok(Some(p.clone()));
            }
            if let Some((name, value)) = &self.password_env {
                return value
                    .clone()
                    .map(Some)
                    .ok_or_else(|| Error::MemoryPasswordEnv { name: name.clone() });
            }
        }
        if let Some(p) = &self.pgpassword {
            return Ok(Some(p.clone()));
        }
        let Some(file) = &self.pgpass else {
            return Ok(None);
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            match std::fs::metadata(file) {
                Ok(m) if m.is_file() && m.permissions().mode() & 0o077 == 0 => {}
                _ => return Ok(None),
            }
        }
        Ok(std::fs::read_to_string(file)
            .ok()
            .and_then(|text| postgres::pgpass_password(&text, server)))
    }
}

/// Sets how the memory server's password is found (the CLI through [`configure`]; tests).
pub fn set_access(access: ServerAccess) {
    *ACCESS
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(access);
}

/// The memory server `path` names, when it is a `postgresql://` URL rather than a file.
fn server_of(path: &Path) -> Result<Option<Server>, Error> {
    let Some(text) = path.to_str().filter(|t| postgres::is_url(t)) else {
        return Ok(None);
    };
    let (server, password) = Server::parse(text).map_err(|problem| Error::MemoryUrl {
        from: "--tm".to_string(),
        problem,
    })?;
    // A URL that holds a password is refused: it would be shown wherever the memory is named.
    if password.is_some() {
        return Err(Error::MemoryUrlPassword {
            from: "--tm".to_string(),
        });
    }
    Ok(Some(server))
}

/// The password for `server`, as the run's environment gives it ([`ServerAccess::password`]).
fn password_for(server: &Server) -> Result<Option<String>, Error> {
    ACCESS
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
        .unwrap_or_default()
        .password(server)
}

/// How a memory may be made when it is not there yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// The project's default memory: its `.puente/` folder is made too.
    Make,
    /// A path the user named (`--tm`): its folder must exist, so a mistyped one is an error.
    MustExist,
}

/// Opens the memory at `path` to add to it, creating it if it is not there yet. A path that is
/// not a regular file (a folder, a device, a FIFO) is refused before SQLite opens it. A
/// `postgresql://` URL is the memory on that server, its schema made or migrated there.
pub fn open_for_writing(path: &Path, folder: Folder) -> Result<Memory, Error> {
    if let Some(server) = server_of(path)? {
        let password = password_for(&server)?;
        return Memory::connect(&server, password.as_deref())
            .map_err(|e| db_error(Path::new(&server.url()), e));
    }
    files::database_exists(path)?;
    let dir = parent_dir(path);
    if folder == Folder::MustExist && !dir.is_dir() {
        return Err(Error::NoFolder {
            path: path.to_path_buf(),
            folder: dir,
        });
    }
    Memory::open_to_write(path, folder == Folder::Make).map_err(|e| db_error(path, e))
}

/// Opens the memory at `path` only to read it: `None` when there is none yet, and nothing is
/// created (no file, no folder; on a server, no table).
pub fn open_existing(path: &Path) -> Result<Option<Memory>, Error> {
    if let Some(server) = server_of(path)? {
        let password = password_for(&server)?;
        return Memory::connect_existing(&server, password.as_deref())
            .map_err(|e| db_error(Path::new(&server.url()), e));
    }
    if !files::database_exists(path)? {
        return Ok(None);
    }
    Memory::open_in(path, false)
        .map(Some)
        .map_err(|e| db_error(path, e))
}

/// SQLite's or the server's words in a memory error, to say them again for each file of a
/// batch.
pub fn memory_message(e: &Error) -> String {
    match e {
        Error::Memory { message, .. } => message.clone(),
        Error::MemoryServer { detail, .. } => detail.clone(),
        other => other.to_string(),
    }
}

/// The error for what SQLite or the server said about the memory at `path`.
pub fn db_error(path: &Path, e: TmError) -> Error {
    match e {
        TmError::Sqlite(e) => Error::Memory {
            path: path.to_path_buf(),
            message: e.to_string(),
        },
        TmError::Server(e) => Error::MemoryServer {
            place: e.place,
            kind: e.kind,
            detail: e.detail,
        },
    }
}

/// The reviewed units of `wf` (read from `path`) as the memory files them, its languages
/// from the project's one resolver (a file that does not say which way it goes is refused).
pub fn units_for(
    project: &Project,
    path: &Path,
    wf: WorkFile,
    flags: (Option<Lang>, Option<Lang>),
) -> Result<Learnable, Error> {
    let (s, t) = super::workfiles::languages(project, path, &wf, flags)?;
    Ok(Learnable::new(wf, s, t, slash_path(path)))
}

/// How many work files a run feeds the memory in one transaction: one commit for a batch,
/// not one per story, while what waits for it stays bounded.
pub const BATCH: usize = 500;

/// Adds the reviewed units of several work files in one transaction: how many of each
/// file's were new, in order, or why the memory took none of them.
pub fn add_batch(
    memory: &mut Memory,
    mem_path: &Path,
    files: &[&Learnable],
) -> Result<Vec<usize>, Error> {
    memory.learn(files).map_err(|e| db_error(mem_path, e))
}

/// Where the memory of a `tm` step lives, and how it may be made: `flag` (`--tm`, whose
/// folder must exist so that a mistyped one is an error), else the project's (in the current
/// folder outside one), whose `.puente/` folder is made.
pub fn locate(project: &Project, flag: Option<&Path>) -> (PathBuf, Folder) {
    let path = project.memory_path(flag, Path::new("."));
    let folder = if flag.is_some() {
        Folder::MustExist
    } else {
        Folder::Make
    };
    (path, folder)
}

/// The direction `tm export` and `tm import` work in: the flags, else the project's, else
/// English into Spanish (the one resolver, with the memory file standing for the file).
fn pair(
    project: &Project,
    memory: &Path,
    flags: (Option<Lang>, Option<Lang>),
) -> Result<(Lang, Lang), Error> {
    project.languages(
        memory,
        LangEvidence::flags(flags.0, flags.1),
        Some(Lang::En),
    )
}

/// Work files to add to a memory (`tm add`).
#[derive(Debug, Clone, Default)]
pub struct AddRequest {
    /// The memory named with `--tm`, else the project's.
    pub memory: Option<PathBuf>,
    /// The work files, in order.
    pub workfiles: Vec<PathBuf>,
    /// The languages given as flags (`--from`, `--to`), which override each file's own.
    pub flags: (Option<Lang>, Option<Lang>),
}

/// What `tm add` did.
#[derive(Debug)]
pub struct AddReport {
    /// The memory the units went to.
    pub memory: PathBuf,
    /// Each work file, in order, with how many of its units were new, or why it could not be
    /// read or placed (the others are added all the same).
    pub files: Vec<(PathBuf, Result<usize, Error>)>,
}

/// Adds the reviewed units of each work file of `request` to the memory. An error means the
/// memory could not be opened and nothing was added; a file that cannot be read, or whose
/// languages cannot be known, is that file's error, and the others go on.
///
/// The files are read on every core, and their units go to the memory in one transaction per
/// [`BATCH`] files: a batch the memory cannot take is every one of its files' error.
pub fn add_files(project: &Project, request: &AddRequest) -> Result<AddReport, Error> {
    use rayon::prelude::*;
    let (path, folder) = locate(project, request.memory.as_deref());
    let mut memory = open_for_writing(&path, folder)?;
    let mut files = Vec::with_capacity(request.workfiles.len());
    for chunk in request.workfiles.chunks(BATCH) {
        // Each file is read and its units keyed on every core ([`Learnable`]).
        let units: Vec<Result<Learnable, Error>> = chunk
            .par_iter()
            .map(|f| {
                super::workfiles::read(f).and_then(|wf| units_for(project, f, wf, request.flags))
            })
            .collect();
        let learnable: Vec<&Learnable> = units.iter().filter_map(|u| u.as_ref().ok()).collect();
        let mut added = add_batch(&mut memory, &path, &learnable).map(Vec::into_iter);
        for (f, u) in chunk.iter().zip(units) {
            let result = u.and_then(|_| match &mut added {
                Ok(counts) => Ok(counts.next().unwrap_or(0)),
                Err(e) => Err(Error::NotLearned {
                    workfile: f.clone(),
                    merged: false,
                    memory: path.clone(),
                    message: memory_message(e),
                }),
            });
            files.push((f.clone(), result));
        }
    }
    Ok(AddReport {
        memory: path,
        files,
    })
}

/// What `tm stats` found.
#[derive(Debug)]
pub struct StatsReport {
    /// The memory counted.
    pub memory: PathBuf,
    /// Whether there is a memory there yet (none is created to count it).
    pub exists: bool,
    /// Units per language pair (none when there is no memory yet).
    pub pairs: Vec<Stats>,
}

/// Counts the units of the memory (`flag`, else the project's) per language pair. A project
/// without a memory yet has an empty one: nothing is created to say so.
pub fn stats(project: &Project, flag: Option<&Path>) -> Result<StatsReport, Error> {
    let (path, _) = locate(project, flag);
    let memory = open_existing(&path)?;
    let pairs = match &memory {
        Some(memory) => memory.stats().map_err(|e| db_error(&path, e))?,
        None => Vec::new(),
    };
    Ok(StatsReport {
        exists: memory.is_some() || path.exists(),
        memory: path,
        pairs,
    })
}

/// A memory to export as TMX (`tm export`).
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// The memory named with `--tm`, else the project's.
    pub memory: Option<PathBuf>,
    /// Where the TMX goes: a path, or standard output for `None` or `-`.
    pub output: Option<PathBuf>,
    /// The direction (`--from`, `--to`), else the project's, else English into Spanish.
    pub flags: (Option<Lang>, Option<Lang>),
}

/// What `tm export` did.
#[derive(Debug)]
pub struct ExportReport {
    /// The file written (`None` for standard output).
    pub output: Option<PathBuf>,
    /// Units written.
    pub written: usize,
    /// Units left out because they hold characters XML 1.0 cannot carry.
    pub skipped: usize,
    /// The direction exported (source, target).
    pub direction: (Lang, Lang),
    /// The memory's other directions and their units, not in this TMX (a TMX names one source
    /// language; each direction is exported on its own).
    pub others: Vec<(String, String, u64)>,
    /// Pages of the memory read (and pieces of the TMX written).
    pub pages: usize,
}

/// Exports the units of one direction of the memory as TMX, to the file named or, for
/// standard output, to `data` piece by piece. There must be a memory: none is created to
/// export nothing. The memory is read [`UNIT_BATCH`] units at a time
/// ([`export_in_pages`]).
pub fn export<E: From<Error>>(
    project: &Project,
    request: &ExportRequest,
    data: impl FnMut(&str) -> Result<(), E>,
) -> Result<ExportReport, E> {
    export_in_pages(project, request, UNIT_BATCH, data)
}

/// Why a TMX piece could not be handed on: the memory could not be read, or the output not
/// written.
enum Sunk<E> {
    Memory(Error),
    Output(E),
}

/// [`export`], `page` units at a time: each page of the memory (every direction counted) is
/// read, written as TMX and handed on before the next is read, so what the export holds
/// stays one page whatever the memory's size. The TMX is the one [`tmx::write`] makes of
/// all the direction's units, oldest first.
pub fn export_in_pages<E: From<Error>>(
    project: &Project,
    request: &ExportRequest,
    page: usize,
    mut data: impl FnMut(&str) -> Result<(), E>,
) -> Result<ExportReport, E> {
    let (path, _) = locate(project, request.memory.as_deref());
    let memory = open_existing(&path)?.ok_or_else(|| Error::NoMemory { path: path.clone() })?;
    let (from, to) = pair(project, &path, request.flags)?;
    let others = memory
        .stats()
        .map_err(|e| db_error(&path, e))?
        .into_iter()
        .filter(|s| (s.source.as_str(), s.target.as_str()) != (from.code(), to.code()))
        .filter(|s| s.units > 0)
        .map(|s| (s.source, s.target, s.units))
        .collect();
    let output = request.output.clone().filter(|p| p.as_os_str() != "-");
    let page = page.max(1);
    let counted = match &output {
        Some(o) => {
            let (mut counts, mut failed) = (None, None);
            files::write_output(
                o,
                &[(path.as_path(), InputRole::Memory)],
                Durability::Synced,
                |w| match write_tmx(&memory, &path, (from, to), page, &mut |s| {
                    w.write_all(s.as_bytes()).map_err(Sunk::Output)
                }) {
                    Ok(c) => {
                        counts = Some(c);
                        Ok(())
                    }
                    Err(Sunk::Output(e)) => Err(e),
                    // The memory failed: the file is not replaced.
                    Err(Sunk::Memory(e)) => {
                        failed = Some(e);
                        Err(std::io::Error::other("the memory failed"))
                    }
                },
            )
            .map_err(|e| failed.take().unwrap_or(e))?;
            counts.unwrap_or_default()
        }
        None => write_tmx(&memory, &path, (from, to), page, &mut |s| {
            data(s).map_err(Sunk::Output)
        })
        .map_err(|e| match e {
            Sunk::Memory(e) => E::from(e),
            Sunk::Output(e) => e,
        })?,
    };
    let (written, skipped, pages) = counted;
    Ok(ExportReport {
        output,
        written,
        skipped,
        direction: (from, to),
        others,
        pages,
    })
}

/// Writes one direction of `memory` (at `path`) as TMX, a page of `page` units at a time,
/// each page's piece handed to `put` before the next page is read: units written, left out,
/// and pages. Units holding characters XML 1.0 cannot carry stay in the memory but are left
/// out of the TMX, which must stay a document every CAT tool can read; the report counts them.
fn write_tmx<X>(
    memory: &Memory,
    path: &Path,
    (from, to): (Lang, Lang),
    page: usize,
    put: &mut dyn FnMut(&str) -> Result<(), Sunk<X>>,
) -> Result<(usize, usize, usize), Sunk<X>> {
    let mut w = tmx::Writer::new();
    let mut pages = 0;
    for units in memory.pages(from, to, page) {
        let units = units.map_err(|e| Sunk::Memory(db_error(path, e)))?;
        for u in &units {
            w.unit(u);
        }
        pages += 1;
        put(&w.take())?;
    }
    let counts = (w.written(), w.skipped(), pages);
    put(&w.finish())?;
    Ok(counts)
}

/// A TMX file to import into a memory (`tm import`).
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// The memory named with `--tm`, else the project's.
    pub memory: Option<PathBuf>,
    /// The TMX file (`-` for standard input).
    pub file: PathBuf,
    /// The direction to take from it (`--from`, `--to`), else the project's, else English
    /// into Spanish.
    pub flags: (Option<Lang>, Option<Lang>),
}

/// What `tm import` did.
#[derive(Debug)]
pub struct ImportReport {
    /// The memory the units went to.
    pub memory: PathBuf,
    /// Units read from the TMX in the direction asked for.
    pub read: usize,
    /// Units that were new to the memory.
    pub added: usize,
    /// Batches written (one transaction each).
    pub batches: usize,
}

/// Imports the units of one direction of a TMX file into the memory (made on first use),
/// [`UNIT_BATCH`] units at a time ([`import_in_batches`]).
pub fn import(project: &Project, request: &ImportRequest) -> Result<ImportReport, Error> {
    import_in_batches(project, request, UNIT_BATCH)
}

/// [`import`], `batch` units at a time: the TMX is read as a stream, and each batch of its
/// units is added (one transaction) before the next is read, so what the import holds stays
/// one batch whatever the file's size. A regular file is read through once before anything is
/// added, so a broken one adds nothing, as when the whole file was held; a stream (a pipe,
/// standard input), which can be read only once, is learned as it comes, and one refused
/// partway (cut or broken) keeps the batches added before the line named: importing it again
/// once mended adds only the rest, as a unit already there is not new. The memory is opened at
/// the first batch: a file refused before then leaves no memory behind.
pub fn import_in_batches(
    project: &Project,
    request: &ImportRequest,
    batch: usize,
) -> Result<ImportReport, Error> {
    let (path, folder) = locate(project, request.memory.as_deref());
    let file = &request.file;
    let (from, to) = pair(project, &path, request.flags)?;
    // Whole memories are large: TMX has its own, larger limit.
    let open = || -> Result<_, Error> {
        let input = files::stream::open_xml(file, Limit::Tmx)?;
        Ok(tmx::Reader::new(input, from, to, &slash_path(file)))
    };
    let unit_of = |reader: &mut tmx::Reader<files::stream::XmlInput>| {
        reader.next_unit().map_err(|e| {
            // What the input held (a NUL, bytes that are not UTF-8, too many) stops the
            // document: that is the error, not the parser's view of it.
            reader.source_mut().problem().unwrap_or_else(|| Error::Tmx {
                path: file.clone(),
                line: e.line,
                problem: e.problem,
            })
        })
    };
    if !files::is_stdio(file) && std::fs::metadata(file).is_ok_and(|m| m.is_file()) {
        let mut check = open()?;
        while unit_of(&mut check)?.is_some() {}
    }
    let mut reader = open()?;
    let batch = batch.max(1);
    let mut memory: Option<Memory> = None;
    let mut units = Vec::with_capacity(batch.min(UNIT_BATCH));
    let (mut read, mut added, mut batches) = (0, 0, 0);
    loop {
        let next = unit_of(&mut reader)?;
        let end = next.is_none();
        units.extend(next);
        if units.len() >= batch || (end && (memory.is_none() || !units.is_empty())) {
            let m = match &mut memory {
                Some(m) => m,
                None => memory.insert(open_for_writing(&path, folder)?),
            };
            read += units.len();
            added += m.add(&units).map_err(|e| db_error(&path, e))?;
            batches += usize::from(!units.is_empty());
            units.clear();
        }
        if end {
            break;
        }
    }
    Ok(ImportReport {
        memory: path,
        read,
        added,
        batches,
    })
}

/// A memory to copy into another (`tm migrate`).
#[derive(Debug, Clone, Default)]
pub struct MigrateRequest {
    /// The memory copied from: `--tm`, else the project's.
    pub memory: Option<PathBuf>,
    /// The memory copied into: a `postgresql://` URL or a SQLite file (made if missing, in a
    /// folder that must exist).
    pub to: PathBuf,
}

/// What `tm migrate` did.
#[derive(Debug)]
pub struct MigrateReport {
    /// The memory copied from.
    pub from: PathBuf,
    /// The memory copied into.
    pub to: PathBuf,
    /// Units read, every direction.
    pub read: usize,
    /// Units that were new to the memory copied into.
    pub added: usize,
    /// Batches read and written.
    pub batches: usize,
}

/// How many units `tm migrate` and `tm import` write per transaction, and `tm export` reads
/// at a time: what they hold stays that many units whatever the memory's size; a stopped
/// copy or import keeps what it wrote, and running it again adds only the rest.
pub const UNIT_BATCH: usize = 10_000;

/// Copies every unit of one memory (every direction, oldest first) into another, which is
/// made when it is not there: SQLite into a server, a server into SQLite, or between two of
/// either. A unit already there is not added again, so a copy can be run twice. Units are read
/// and written [`UNIT_BATCH`] at a time ([`migrate_in_batches`]).
pub fn migrate(project: &Project, request: &MigrateRequest) -> Result<MigrateReport, Error> {
    migrate_in_batches(project, request, UNIT_BATCH)
}

/// [`migrate`], `batch` units at a time: a batch is read from one memory and written to the
/// other (one transaction) before the next is read, so what the copy holds stays one batch
/// whatever the memory's size.
pub fn migrate_in_batches(
    project: &Project,
    request: &MigrateRequest,
    batch: usize,
) -> Result<MigrateReport, Error> {
    let (from, _) = locate(project, request.memory.as_deref());
    let source = open_existing(&from)?.ok_or_else(|| Error::NoMemory { path: from.clone() })?;
    let to = request.to.clone();
    let mut target = open_for_writing(&to, Folder::MustExist)?;
    let (mut read, mut added, mut batches) = (0, 0, 0);
    let mut at = Some(0);
    while let Some(after) = at {
        let page = source
            .page(after, batch.max(1))
            .map_err(|e| db_error(&from, e))?;
        if !page.units.is_empty() {
            read += page.units.len();
            added += target.add(&page.units).map_err(|e| db_error(&to, e))?;
            batches += 1;
        }
        at = page.next;
    }
    Ok(MigrateReport {
        from,
        to,
        read,
        added,
        batches,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_files_keeps_going_past_a_file_it_cannot_read() {
        let dir = tempfile::tempdir().unwrap();
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drone-strikes.es.po");
        let request = AddRequest {
            memory: Some(dir.path().join("tm.sqlite")),
            workfiles: vec![dir.path().join("missing.po"), fixture.clone()],
            flags: (None, None),
        };
        let report = add_files(&Project::default(), &request).unwrap();
        assert_eq!(report.memory, dir.path().join("tm.sqlite"));
        assert!(
            matches!(
                &report.files[0],
                (p, Err(Error::NotFound { .. })) if p.ends_with("missing.po")
            ),
            "{:?}",
            report.files[0]
        );
        assert_eq!(report.files[1].0, fixture);
        assert_eq!(report.files[1].1.as_ref().ok(), Some(&54));
        let stats = stats(&Project::default(), request.memory.as_deref()).unwrap();
        assert!(stats.exists);
        assert_eq!(stats.pairs.len(), 1);
        assert_eq!(stats.pairs[0].units, 54);
    }

    /// A TMX of `n` units en → es (`Sentence k.`), with one unit given twice and one that has
    /// no Spanish, after `before` (which may break the document).
    fn numbered_tmx(n: usize, after: &str) -> String {
        let mut t =
            String::from("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header/>\n<body>\n");
        let tu = |k: usize| {
            format!(
                "<tu><tuv xml:lang=\"en\"><seg>Sentence {k}.</seg></tuv>\n<tuv xml:lang=\"es\"><seg>Oración {k}.</seg></tuv></tu>\n"
            )
        };
        for k in 0..n {
            t.push_str(&tu(k));
        }
        t.push_str(&tu(3));
        t.push_str("<tu><tuv xml:lang=\"en\"><seg>Alone.</seg></tuv></tu>\n");
        t.push_str(after);
        t
    }

    /// Issue 17: an import adds a batch at a time (one transaction each) and counts what it
    /// read and added as a single batch would; a file broken after the first batches keeps
    /// them, names its line, and adds only the rest once mended.
    #[test]
    fn import_adds_a_batch_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let mem = dir.path().join("tm.sqlite");
        let file = dir.path().join("in.tmx");
        std::fs::write(&file, numbered_tmx(10, "</body>\n</tmx>\n")).unwrap();
        let request = ImportRequest {
            memory: Some(mem.clone()),
            file: file.clone(),
            flags: (None, None),
        };
        let report = import_in_batches(&Project::default(), &request, 4).unwrap();
        // 11 units for the pair (one given twice), in batches of 4, 4 and 3.
        assert_eq!((report.read, report.added, report.batches), (11, 10, 3));
        let one = import_in_batches(&Project::default(), &request, 1000).unwrap();
        assert_eq!((one.read, one.added, one.batches), (11, 0, 1));
        // A file broken at its end adds nothing: it is read through before any batch is
        // added. The error names the line.
        let broken = dir.path().join("broken.tmx");
        let text = numbered_tmx(10, "</body>\n</tmx>\n").replace("Sentence", "Phrase");
        let text = text.replace("<seg>Phrase 9.</seg>", "<seg>Phrase 9.</sag>");
        std::fs::write(&broken, &text).unwrap();
        let request = ImportRequest {
            file: broken.clone(),
            ..request
        };
        let e = import_in_batches(&Project::default(), &request, 4).unwrap_err();
        let line = text.lines().position(|l| l.contains("</sag>")).unwrap() + 1;
        assert!(
            matches!(&e, Error::Tmx { path, line: l, .. } if *path == broken && *l == line),
            "{e:?}"
        );
        let stats = stats(&Project::default(), Some(&mem)).unwrap();
        assert_eq!(stats.pairs[0].units, 10);
        std::fs::write(&broken, text.replace("</sag>", "</seg>")).unwrap();
        let mended = import_in_batches(&Project::default(), &request, 4).unwrap();
        assert_eq!((mended.read, mended.added, mended.batches), (11, 10, 3));
    }

    /// A file refused before its first batch is full leaves no memory behind, as before.
    #[test]
    fn a_file_refused_early_makes_no_memory() {
        let dir = tempfile::tempdir().unwrap();
        let mem = dir.path().join("tm.sqlite");
        let file = dir.path().join("in.tmx");
        std::fs::write(&file, numbered_tmx(3, "</body>\n")).unwrap();
        let request = ImportRequest {
            memory: Some(mem.clone()),
            file,
            flags: (None, None),
        };
        let e = import_in_batches(&Project::default(), &request, 10).unwrap_err();
        assert!(matches!(e, Error::Tmx { .. }), "{e:?}");
        assert!(!mem.exists());
    }

    /// Issue 17: an export reads the memory a page at a time and hands each page's TMX on
    /// before reading the next; the pieces make the document that all the units make at once,
    /// whatever the page size, with the directions' units interleaved in the memory.
    #[test]
    fn export_writes_a_page_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let mem = dir.path().join("tm.sqlite");
        let mut memory = Memory::open(&mem).unwrap();
        let unit = |k: usize, from: Lang, to: Lang| crate::tm::TmUnit {
            source_lang: from,
            target_lang: to,
            source: format!("Source {k} <&>."),
            target: if k == 4 {
                "Bell \u{7}.".to_string()
            } else {
                format!("Target {k}.")
            },
            prev: format!("Before {k}."),
            next: String::new(),
            origin: "a.po".into(),
        };
        for k in 0..20 {
            let (from, to) = if k % 3 == 2 {
                (Lang::Es, Lang::En)
            } else {
                (Lang::En, Lang::Es)
            };
            memory.add(&[unit(k, from, to)]).unwrap();
        }
        let whole = tmx::write(&memory.all(Lang::En, Lang::Es).unwrap());
        drop(memory);
        let request = ExportRequest {
            memory: Some(mem),
            output: None,
            flags: (None, None),
        };
        // The pages that hold a unit en → es: every one of 1 to 7 units (no two es → en units
        // are next to each other), but the 6 of 1 unit that hold an es → en one.
        for (page, pages) in [(1, 14), (2, 10), (3, 7), (7, 3), (1000, 1)] {
            let mut pieces = Vec::new();
            let report = export_in_pages(&Project::default(), &request, page, |s| {
                pieces.push(s.to_string());
                Ok::<(), Error>(())
            })
            .unwrap();
            assert_eq!(pieces.concat(), whole, "pages of {page}");
            assert_eq!((report.written, report.skipped), (13, 1));
            // Each page's piece holds at most a page of units, and no piece more.
            let most = pieces.iter().map(|p| p.matches("<tu>").count()).max();
            assert!(most <= Some(page), "pages of {page}: {most:?}");
            assert_eq!(report.pages, pages, "pages of {page}");
            assert_eq!(pieces.len(), report.pages + 1);
        }
    }
}
