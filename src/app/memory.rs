//! The translation memory as commands open it: the project's `.puente/tm.sqlite` (or a path
//! the user named), or the PostgreSQL server of `[tm] url` / `PUENTE_TM_URL` (whose URL, never
//! holding a password, stands where the path would), opened to read (nothing created when
//! there is none) or to add to (made on first use), and work files fed to it with the
//! project's one language resolver; the steps of `tm`: add work files, count, export as TMX,
//! import TMX, migrate from one memory to another.
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
use crate::tm::{tmx, units_of, Memory, Stats, TmError, TmUnit};
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
    Memory::open_in(path, folder == Folder::Make).map_err(|e| db_error(path, e))
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
    wf: &WorkFile,
    flags: (Option<Lang>, Option<Lang>),
) -> Result<Vec<TmUnit>, Error> {
    let (s, t) = super::workfiles::languages(project, path, wf, flags)?;
    Ok(units_of(wf, s, t, &slash_path(path)))
}

/// How many work files a run feeds the memory in one transaction: one commit for a batch,
/// not one per story, while what waits for it stays bounded.
pub const BATCH: usize = 500;

/// Adds the units of several work files in one transaction: how many of each file's were
/// new, in order, or why the memory took none of them.
pub fn add_batch(
    memory: &mut Memory,
    mem_path: &Path,
    groups: &[&[TmUnit]],
) -> Result<Vec<usize>, Error> {
    memory.add_groups(groups).map_err(|e| db_error(mem_path, e))
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
        let units: Vec<Result<Vec<TmUnit>, Error>> = chunk
            .par_iter()
            .map(|f| {
                super::workfiles::read(f).and_then(|wf| units_for(project, f, &wf, request.flags))
            })
            .collect();
        let groups: Vec<&[TmUnit]> = units.iter().filter_map(|u| u.as_deref().ok()).collect();
        let mut added = add_batch(&mut memory, &path, &groups).map(Vec::into_iter);
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
    /// The TMX when it goes to standard output (the CLI prints it).
    pub stdout: Option<String>,
    /// Units written.
    pub written: usize,
    /// Units left out because they hold characters XML 1.0 cannot carry.
    pub skipped: usize,
    /// The direction exported (source, target).
    pub direction: (Lang, Lang),
    /// The memory's other directions and their units, not in this TMX (a TMX names one source
    /// language; each direction is exported on its own).
    pub others: Vec<(String, String, u64)>,
}

/// Exports the units of one direction of the memory as TMX. There must be a memory: none is
/// created to export nothing.
pub fn export(project: &Project, request: &ExportRequest) -> Result<ExportReport, Error> {
    let (path, _) = locate(project, request.memory.as_deref());
    let memory = open_existing(&path)?.ok_or_else(|| Error::NoMemory { path: path.clone() })?;
    let (from, to) = pair(project, &path, request.flags)?;
    let units = memory.all(from, to).map_err(|e| db_error(&path, e))?;
    let others = memory
        .stats()
        .map_err(|e| db_error(&path, e))?
        .into_iter()
        .filter(|s| (s.source.as_str(), s.target.as_str()) != (from.code(), to.code()))
        .filter(|s| s.units > 0)
        .map(|s| (s.source, s.target, s.units))
        .collect();
    // Units holding characters XML 1.0 cannot carry stay in the memory but are left out of
    // the TMX, which must stay a document every CAT tool can read; the report counts them.
    let (text, skipped) = tmx::write_counted(&units);
    let written = units.len() - skipped;
    match request.output.clone().filter(|p| p.as_os_str() != "-") {
        Some(o) => {
            files::write_output(
                &o,
                &[(path.as_path(), InputRole::Memory)],
                Durability::Synced,
                |w| w.write_all(text.as_bytes()),
            )?;
            Ok(ExportReport {
                output: Some(o),
                stdout: None,
                written,
                skipped,
                direction: (from, to),
                others,
            })
        }
        None => Ok(ExportReport {
            output: None,
            stdout: Some(text),
            written,
            skipped,
            direction: (from, to),
            others,
        }),
    }
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
}

/// Imports the units of one direction of a TMX file into the memory (made on first use).
pub fn import(project: &Project, request: &ImportRequest) -> Result<ImportReport, Error> {
    let (path, folder) = locate(project, request.memory.as_deref());
    let file = &request.file;
    // Whole memories are large: TMX has its own, larger limit.
    let text = files::read_xml_within(file, Limit::Tmx)?;
    let (from, to) = pair(project, &path, request.flags)?;
    let units = tmx::read(&text, from, to, &slash_path(file)).map_err(|e| Error::Tmx {
        path: file.clone(),
        line: e.line,
        problem: e.problem,
    })?;
    let mut memory = open_for_writing(&path, folder)?;
    let added = memory.add(&units).map_err(|e| db_error(&path, e))?;
    Ok(ImportReport {
        memory: path,
        read: units.len(),
        added,
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

/// How many units `tm migrate` writes per transaction: a stopped copy keeps what it wrote,
/// and running it again adds only the rest.
pub const MIGRATE_BATCH: usize = 10_000;

/// Copies every unit of one memory (every direction, oldest first) into another, which is
/// made when it is not there: SQLite into a server, a server into SQLite, or between two of
/// either. A unit already there is not added again, so a copy can be run twice. Units are read
/// and written [`MIGRATE_BATCH`] at a time ([`migrate_in_batches`]).
pub fn migrate(project: &Project, request: &MigrateRequest) -> Result<MigrateReport, Error> {
    migrate_in_batches(project, request, MIGRATE_BATCH)
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
}
