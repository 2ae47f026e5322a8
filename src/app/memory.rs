//! The translation memory as commands open it: the project's `.puente/tm.sqlite` (or a path
//! the user named), opened to read (nothing created when there is none) or to add to (made
//! on first use), and work files fed to it with the project's one language resolver.
//!
//! It never prints; SQLite's own text travels only as an error's cause.

use std::path::Path;

use crate::error::Error;
use crate::files;
use crate::lang::Lang;
use crate::project::{parent_dir, slash_path, Project};
use crate::tm::{units_of, Memory};
use crate::workfile::WorkFile;

/// How a memory may be made when it is not there yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// The project's default memory: its `.puente/` folder is made too.
    Make,
    /// A path the user named (`--tm`): its folder must exist, so a mistyped one is an error.
    MustExist,
}

/// Opens the memory at `path` to add to it, creating it if it is not there yet. A path that is
/// not a regular file (a folder, a device, a FIFO) is refused before SQLite opens it.
pub fn open_for_writing(path: &Path, folder: Folder) -> Result<Memory, Error> {
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
/// created (no file, no folder).
pub fn open_existing(path: &Path) -> Result<Option<Memory>, Error> {
    if !files::database_exists(path)? {
        return Ok(None);
    }
    Memory::open_in(path, false)
        .map(Some)
        .map_err(|e| db_error(path, e))
}

/// The error for what SQLite said about the memory at `path`.
pub fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Memory {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Adds the reviewed units of `wf` (read from `path`) to `memory` at `mem_path`, its
/// languages from the project's one resolver (a file that does not say which way it goes
/// is refused, never filed as English into Spanish); returns how many units were new.
pub fn add_workfile(
    project: &Project,
    memory: &mut Memory,
    mem_path: &Path,
    path: &Path,
    wf: &WorkFile,
    flags: (Option<Lang>, Option<Lang>),
) -> Result<usize, Error> {
    let (s, t) = super::workfiles::languages(project, path, wf, flags)?;
    let units = units_of(wf, s, t, &slash_path(path));
    memory.add(&units).map_err(|e| db_error(mem_path, e))
}
