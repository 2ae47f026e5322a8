//! Work files as commands find and read them (and articles as `segment` of a folder finds
//! them): the files named or found under folders (each once, regular files only), read and
//! parsed with errors that name the file, and their languages from the project's one resolver. A file that cannot be found or read is an
//! item's error: the others go on.
//!
//! It never prints and never decides an exit code.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::files;
use crate::lang::Lang;
use crate::project::{LangEvidence, Project};
use crate::workfile::{Loaded, ReadError, WorkFile, WorkFileOf, WorkFormat};

/// What a search for work files found.
#[derive(Debug, Default)]
pub struct Found {
    /// The work files to read, in order: as named, and sorted within each folder.
    pub files: Vec<PathBuf>,
    /// Special files (FIFOs, sockets, devices) with a work file's name, left alone.
    pub skipped: Vec<PathBuf>,
    /// Paths that could not be searched (missing, unreadable, a folder without work files).
    pub errors: Vec<Error>,
    /// For each of [`Found::errors`], how many of [`Found::files`] come before it in the
    /// order the paths were given: where a run that reports as it goes says it.
    pub error_at: Vec<usize>,
    /// The files' sizes added up, as the search saw them: how large a job they make.
    pub bytes: u64,
}

/// The work files under each of `given` (files or folders), else under `default`; each file
/// once, however often it is named or reached.
pub fn find(given: &[PathBuf], default: &Path) -> Found {
    find_kind(given, Some(default), Kind::Workfiles)
}

/// The articles (`.md`, `.txt`) under each of `given` (files or folders), found as work files
/// are: each once, regular files only, sorted within each folder (`segment` of a folder).
pub fn find_articles(given: &[PathBuf]) -> Found {
    find_kind(given, None, Kind::Articles)
}

/// What a walk looks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Workfiles,
    Articles,
}

fn find_kind(given: &[PathBuf], default: Option<&Path>, kind: Kind) -> Found {
    let mut walk = Walk {
        kind,
        ..Walk::default()
    };
    let defaulted = default.filter(|_| given.is_empty());
    for p in defaulted
        .into_iter()
        .chain(given.iter().map(PathBuf::as_path))
    {
        if let Err(e) = walk.add(p) {
            walk.errors.push((walk.files.len(), e));
        }
    }
    let (error_at, errors) = walk.errors.into_iter().unzip();
    Found {
        files: walk.files,
        skipped: walk.skipped,
        errors,
        error_at,
        bytes: walk.bytes,
    }
}

/// Reads and parses a work file, errors naming the file; one where an id is used twice is
/// refused ([`WorkFile::read`]).
pub fn read(path: &Path) -> Result<WorkFile, Error> {
    read_with(path, |text, format| WorkFile::read(&text, format))
}

/// Reads a work file as `check` does: ids used twice and plural forms at odds with the header
/// are kept as issues, to be reported as findings ([`WorkFileOf::read_in`]), and its units'
/// strings are borrowed from its text, which is kept with them.
pub fn load(path: &Path) -> Result<Loaded, Error> {
    read_with(path, Loaded::read)
}

fn read_with<T>(
    path: &Path,
    read: impl FnOnce(String, WorkFormat) -> Result<T, ReadError>,
) -> Result<T, Error> {
    let text = files::read_text(path)?;
    let format = WorkFormat::detect(&path.to_string_lossy(), &text);
    read(text, format).map_err(|e| match e {
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

/// The languages of a work file by the project's one precedence: the flags, then its header,
/// then the project; a file nothing speaks for is refused.
pub fn languages(
    project: &Project,
    path: &Path,
    wf: &WorkFileOf<'_>,
    flags: (Option<Lang>, Option<Lang>),
) -> Result<(Lang, Lang), Error> {
    let (source, target) =
        crate::project::declared_langs(path, wf.source_lang.as_deref(), wf.target_lang.as_deref())?;
    let evidence = LangEvidence::flags(flags.0, flags.1).with_header(source, target);
    project.languages(path, evidence, None)
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
    /// Paths and subfolders that could not be searched, each with how many files were taken
    /// before it.
    errors: Vec<(usize, Error)>,
    seen: std::collections::HashSet<FileKey>,
    kind: Kind,
    /// The sizes of the files taken, added up.
    bytes: u64,
}

fn is_workfile_name(p: &Path) -> bool {
    p.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| matches!(x, "po" | "xlf" | "xliff"))
}

fn is_article_name(p: &Path) -> bool {
    p.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| matches!(x, "md" | "txt"))
}

impl Walk {
    /// Takes `path`: a file named on the command line (read whatever it is, so the reader
    /// reports what is wrong with it), or a folder walked for `.po`/`.xlf`/`.xliff` files,
    /// sorted.
    fn add(&mut self, path: &Path) -> Result<(), Error> {
        let meta = std::fs::metadata(path).map_err(|e| Error::read(path, e))?;
        if !meta.is_dir() {
            if file_key(path, &meta).is_none_or(|k| self.seen.insert(k)) {
                self.files.push(path.to_path_buf());
                self.bytes += meta.len();
            }
            return Ok(());
        }
        let mut found = Vec::new();
        // Work files met, also those already taken through another path.
        let mut met = 0;
        let mut stack = vec![path.to_path_buf()];
        while let Some(dir) = stack.pop() {
            // A subfolder that cannot be read is its own error: the work files found
            // elsewhere under the folder are still checked.
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) => {
                    self.errors.push((self.files.len(), Error::read(&dir, e)));
                    continue;
                }
            };
            for e in entries.flatten() {
                let p = e.path();
                let Ok(kind) = e.file_type() else { continue };
                if kind.is_dir() {
                    stack.push(p);
                    continue;
                }
                let wanted = match self.kind {
                    Kind::Workfiles => is_workfile_name(&p),
                    Kind::Articles => is_article_name(&p),
                };
                if !wanted {
                    continue;
                }
                // A symlink counts as what it points to, except that folders are not followed.
                // Anything else is looked at from its folder, without walking its path again.
                let meta = if kind.is_symlink() {
                    std::fs::metadata(&p)
                } else {
                    e.metadata()
                };
                let Ok(meta) = meta else {
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
                    self.bytes += meta.len();
                }
            }
        }
        if met == 0 {
            let path = path.to_path_buf();
            return Err(match self.kind {
                Kind::Workfiles => Error::NoWorkfiles { path },
                Kind::Articles => Error::NoArticles { path },
            });
        }
        found.sort();
        self.files.extend(found);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_adds_up_the_sizes_of_the_files_it_takes_each_once() {
        let dir = tempfile::tempdir().unwrap();
        let work = dir.path().join("work");
        std::fs::create_dir_all(work.join("sub")).unwrap();
        std::fs::write(work.join("a.po"), "12345").unwrap();
        std::fs::write(work.join("sub/b.xlf"), "1234567").unwrap();
        // Not a work file's name: not taken, not counted.
        std::fs::write(work.join("notes.txt"), "123456789").unwrap();
        // The same file named again, by itself: taken once, counted once.
        let found = find(&[work.clone(), work.join("a.po")], Path::new("."));
        assert_eq!(found.files.len(), 2);
        assert_eq!(found.bytes, 12);
        // A file named alone is counted too.
        let found = find(&[work.join("sub/b.xlf")], Path::new("."));
        assert_eq!(found.bytes, 7);
    }
}
