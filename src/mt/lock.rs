//! One writer per work file: a lock file (`WORKFILE.lock`, holding the process id) that
//! `translate` holds for its run and `segment` for its rewrite of an existing work file,
//! removed when they end, or by the signal handler when the run is interrupted (the lock is
//! recorded with [`crate::files::create_tracked`]). What excludes is the operating system's
//! lock on the open file (`flock`), not the file's being there: the kernel releases it when its
//! process ends however it ends, so a run killed outright (SIGKILL) leaves a file anyone can
//! lock again, and two runs can never both believe they hold it (a pid written after the file
//! was made, or a pid reused by another process, could make them). The pid is only for
//! messages: whom a held lock belongs to, and whose lock was taken over. The lock belongs to
//! the file, not to the name it was given: it sits beside the file every symlink leads to (its
//! canonical path), so `translate link.po` and `translate s.es.po` contend for the same one.

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held lock; dropping it removes the file, then releases the OS lock.
pub struct Lock {
    path: PathBuf,
    took_over: Option<u32>,
    // Closing it releases the OS lock; it is dropped after the file is removed.
    _file: std::fs::File,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another run holds it.
    Held {
        /// The lock file.
        path: PathBuf,
        /// The process holding it (0 when it has not written its id yet).
        pid: u32,
    },
    /// The lock file could not be written.
    Io(PathBuf, std::io::Error),
}

/// Takes the OS lock on `file` without waiting: whether it was taken.
#[cfg(unix)]
fn try_lock(file: &std::fs::File) -> std::io::Result<bool> {
    use rustix::fs::{flock, FlockOperation};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Elsewhere the file's being made first is the lock.
#[cfg(not(unix))]
fn try_lock(_file: &std::fs::File) -> std::io::Result<bool> {
    Ok(true)
}

/// The process id a lock file names, if it names one.
fn pid_in(file: &mut std::fs::File) -> Option<u32> {
    let mut text = String::new();
    file.seek(std::io::SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse::<u32>().ok()
}

impl Lock {
    /// Takes the lock for the file `workfile` names (through any symlinks).
    pub fn take(workfile: &Path) -> Result<Lock, LockError> {
        let mut name = identity(workfile).into_os_string();
        name.push(".lock");
        let path = PathBuf::from(name);
        let io = |e| LockError::Io(path.clone(), e);
        for _ in 0..8 {
            let mut file = crate::files::create_tracked(
                || {
                    std::fs::OpenOptions::new()
                        .read(true)
                        .write(true)
                        .create(true)
                        .truncate(false)
                        .open(&path)
                },
                |_| path.clone(),
            )
            .map_err(io)?;
            // Not ours to remove on a signal unless we hold it.
            let untrack = || crate::files::finish_tracked(&path, || ());
            let locked = match try_lock(&file) {
                Ok(l) => l,
                Err(e) => {
                    untrack();
                    return Err(io(e));
                }
            };
            if !locked {
                untrack();
                // The holder writes its id right after it locks; give it a moment to.
                let mut pid = pid_in(&mut file);
                for _ in 0..5 {
                    if pid.is_some() {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    pid = pid_in(&mut file);
                }
                return Err(LockError::Held {
                    path,
                    pid: pid.unwrap_or(0),
                });
            }
            if !crate::files::still_there(&file, &path) {
                untrack();
                continue;
            }
            // Whoever wrote an id here before is gone: we hold the lock it never released.
            let took_over = pid_in(&mut file).filter(|&p| p != std::process::id());
            // The id is for messages only: a full disk that cannot take it does not stop a
            // run (what it writes reports the full disk itself).
            let _ = file
                .set_len(0)
                .and_then(|()| file.seek(std::io::SeekFrom::Start(0)).map(|_| ()))
                .and_then(|()| writeln!(file, "{}", std::process::id()));
            return Ok(Lock {
                path,
                took_over,
                _file: file,
            });
        }
        Err(LockError::Io(
            path,
            std::io::Error::other("the lock file keeps being replaced"),
        ))
    }
}

impl Lock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The process id a stale lock named when this one took it over: that run was killed
    /// outright (SIGKILL, a power cut) and never removed its lock.
    pub fn took_over(&self) -> Option<u32> {
        self.took_over
    }
}

/// The path that names the file itself: every symlink resolved. A file not made yet is named
/// by its folder's canonical path and its own name.
fn identity(workfile: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(workfile) {
        return p;
    }
    let parent = match workfile.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(parent), workfile.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => workfile.to_path_buf(),
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        crate::files::finish_tracked(&self.path, || {
            let _ = std::fs::remove_file(&self.path);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_stale_locks_are_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let wf = dir.path().join("w.po");
        let lock = Lock::take(&wf).unwrap();
        assert!(dir.path().join("w.po.lock").exists());
        assert_eq!(lock.took_over(), None);
        drop(lock);
        assert!(!dir.path().join("w.po.lock").exists());
        // Another run holds it (another open file of this process holds the OS lock, as
        // another process would).
        let held = Lock::take(&wf).unwrap();
        let me = std::process::id();
        assert!(matches!(
            Lock::take(&wf),
            Err(LockError::Held { pid, .. }) if pid == me
        ));
        drop(held);
        // A file naming a live process that holds no OS lock (its id reused, or an old
        // puente's lock) is taken over: the OS lock is the truth.
        std::fs::write(dir.path().join("w.po.lock"), "1\n").unwrap();
        assert_eq!(Lock::take(&wf).unwrap().took_over(), Some(1));
        // A process that cannot exist left it.
        std::fs::write(dir.path().join("w.po.lock"), "4294967\n").unwrap();
        let taken = Lock::take(&wf).unwrap();
        assert_eq!(taken.took_over(), Some(4294967));
        assert_eq!(
            std::fs::read_to_string(taken.path()).unwrap().trim(),
            std::process::id().to_string()
        );
    }

    #[test]
    fn a_lock_whose_holder_has_not_written_its_id_yet_is_still_held() {
        // The old lock was the file's being there, its id written after: a run that read the
        // file in between saw no id, called it stale, removed it and took its own, and two
        // runs wrote one work file.
        let dir = tempfile::tempdir().unwrap();
        let wf = dir.path().join("w.po");
        let held = Lock::take(&wf).unwrap();
        std::fs::write(held.path(), "").unwrap();
        assert!(matches!(
            Lock::take(&wf),
            Err(LockError::Held { pid: 0, .. })
        ));
        assert!(held.path().exists(), "the holder's lock file stays");
        drop(held);
        assert!(Lock::take(&wf).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_shares_the_lock_of_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let wf = dir.path().join("s.es.po");
        std::fs::write(&wf, "").unwrap();
        std::os::unix::fs::symlink("s.es.po", dir.path().join("link.po")).unwrap();
        let held = Lock::take(&wf).unwrap();
        let me = std::process::id();
        assert!(matches!(
            Lock::take(&dir.path().join("link.po")),
            Err(LockError::Held { pid, .. }) if pid == me
        ));
        drop(held);
    }
}
