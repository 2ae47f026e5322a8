//! One writer per work file: a lock file (`WORKFILE.lock`, created exclusively, holding the
//! process id) that `translate` holds for its run and `segment` for its rewrite of an existing
//! work file, removed when they end, or by the signal handler when the run is interrupted (the
//! lock is recorded with [`crate::files::create_tracked`]). The lock belongs to the file, not
//! to the name it was given: it sits beside the file every symlink leads to (its canonical
//! path), so `translate link.po` and `translate s.es.po` contend for the same one. A lock left
//! by a run that was killed outright (SIGKILL) names a process that no longer exists, and is
//! taken over.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A held lock; dropping it removes the file.
pub struct Lock {
    path: PathBuf,
    took_over: Option<u32>,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another live process holds it.
    Held {
        /// The lock file.
        path: PathBuf,
        /// The process holding it.
        pid: u32,
    },
    /// The lock file could not be written.
    Io(PathBuf, std::io::Error),
}

fn alive(pid: u32) -> bool {
    // Linux and most Unixes expose running processes here; elsewhere a lock is trusted.
    let proc_root = Path::new("/proc");
    if !proc_root.is_dir() {
        return true;
    }
    proc_root.join(pid.to_string()).exists()
}

impl Lock {
    /// Takes the lock for the file `workfile` names (through any symlinks).
    pub fn take(workfile: &Path) -> Result<Lock, LockError> {
        let mut name = identity(workfile).into_os_string();
        name.push(".lock");
        let path = PathBuf::from(name);
        let mut took_over = None;
        for _ in 0..2 {
            let created = crate::files::create_tracked(
                || {
                    std::fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&path)
                },
                |_| path.clone(),
            );
            match created {
                Ok(mut f) => {
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(Lock { path, took_over });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let pid = std::fs::read_to_string(&path)
                        .ok()
                        .and_then(|s| s.trim().parse::<u32>().ok());
                    match pid {
                        Some(pid) if alive(pid) && pid != std::process::id() => {
                            return Err(LockError::Held { path, pid });
                        }
                        // A stale lock (its process is gone, or it is unreadable): take over.
                        // Our own pid is a run of this process that did not release it.
                        Some(pid) if pid != std::process::id() => {
                            took_over = Some(pid);
                            let _ = std::fs::remove_file(&path);
                        }
                        _ => {
                            let _ = std::fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => return Err(LockError::Io(path, e)),
            }
        }
        Err(LockError::Io(
            path,
            std::io::Error::other("the lock file keeps coming back"),
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
        // A live process (pid 1) holds it.
        std::fs::write(dir.path().join("w.po.lock"), "1\n").unwrap();
        assert!(matches!(
            Lock::take(&wf),
            Err(LockError::Held { pid: 1, .. })
        ));
        // A process that cannot exist left it.
        std::fs::write(dir.path().join("w.po.lock"), "4294967\n").unwrap();
        let taken = Lock::take(&wf).unwrap();
        assert_eq!(taken.took_over(), Some(4294967));
        assert_eq!(
            std::fs::read_to_string(taken.path()).unwrap().trim(),
            std::process::id().to_string()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_shares_the_lock_of_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let wf = dir.path().join("s.es.po");
        std::fs::write(&wf, "").unwrap();
        std::os::unix::fs::symlink("s.es.po", dir.path().join("link.po")).unwrap();
        let held = Lock::take(&wf).unwrap();
        std::fs::write(dir.path().join("s.es.po.lock"), "1\n").unwrap();
        assert!(matches!(
            Lock::take(&dir.path().join("link.po")),
            Err(LockError::Held { pid: 1, .. })
        ));
        drop(held);
    }
}
