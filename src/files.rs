//! Reading and writing files the way puente promises: text is validated before anything is
//! parsed (UTF-8, no UTF-16, no NUL bytes, not empty), and every write goes to a temporary file
//! in the destination folder that is renamed over the target, so an interrupted or failed run
//! never leaves a half-written file. SQLite files (the cache, the memory) are opened here too.

use std::io::{Read, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Reads `path` (or standard input for `-`) as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::read(path, e))?;
        buf
    } else {
        if path.is_dir() {
            return Err(Error::IsDir {
                path: path.to_path_buf(),
            });
        }
        std::fs::read(path).map_err(|e| Error::read(path, e))?
    };
    text_from_bytes(path, bytes)
}

/// Validates bytes as puente's text input.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let p = || path.to_path_buf();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::Utf16 { path: p() });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        // UTF-16 without a byte order mark shows as ASCII interleaved with NULs.
        let looks_utf16 = bytes.len() >= 4
            && (bytes.iter().step_by(2).take(64).all(|&b| b == 0)
                || bytes.iter().skip(1).step_by(2).take(64).all(|&b| b == 0));
        if looks_utf16 {
            return Err(Error::Utf16 { path: p() });
        }
        return Err(Error::Nul { path: p(), offset });
    }
    let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: p(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Error::Empty { path: p() });
    }
    Ok(text)
}

/// Writes `contents` to `path` atomically: a temporary file beside it, then a rename.
///
/// The rename is what makes the write atomic for other processes and for a killed run; the
/// data is not forced to disk with fsync, which would cost more than the whole pipeline on a
/// large corpus (ext4 and XFS flush a file replaced by rename before the rename itself).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(contents))
}

/// Like [`write_atomic`], with the contents streamed by `fill` (buffered); the target is only
/// replaced if `fill` succeeds.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let err = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".puente-").suffix(".tmp");
    // The new file gets the permissions of the one it replaces, or what the user's umask
    // gives a new file, not the temporary file's private 0600: an exported TMX or a merged
    // article is meant to be read by others.
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666))
    };
    #[cfg(unix)]
    builder.permissions(mode);
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        fill(&mut w).map_err(err)?;
        w.flush().map_err(err)?;
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Opens (or creates) a SQLite database at `path`, creating its folder, in WAL mode (readers
/// and the one writer stay apart) with a busy timeout (a second run waits rather than fails),
/// and runs `schema` (idempotent `CREATE … IF NOT EXISTS` statements).
pub fn open_sqlite(path: &Path, schema: &str) -> rusqlite::Result<rusqlite::Connection> {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let db = rusqlite::Connection::open(path)?;
    db.busy_timeout(std::time::Duration::from_secs(5))?;
    db.pragma_update(None, "journal_mode", "WAL")?;
    db.execute_batch(schema)?;
    Ok(db)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn written_files_are_as_readable_as_the_umask_allows_and_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_atomic(&p, b"one").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        // Whatever the umask, the owner can read and write, and it is not the temporary
        // file's 0600 unless the umask says so.
        assert_eq!(mode & 0o600, 0o600);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"two").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "a replaced file keeps its mode");
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
    }

    #[test]
    fn rejects_what_is_not_text() {
        let p = Path::new("x.txt");
        assert!(matches!(
            text_from_bytes(p, b"ok \xff bad".to_vec()),
            Err(Error::NotUtf8 { offset: 3, .. })
        ));
        assert!(matches!(
            text_from_bytes(p, vec![0xFF, 0xFE, b'a', 0]),
            Err(Error::Utf16 { .. })
        ));
        assert!(matches!(
            text_from_bytes(p, b"a\0b\0c\0d\0".to_vec()),
            Err(Error::Utf16 { .. })
        ));
        assert!(matches!(
            text_from_bytes(p, b"hello\0world, this is binary".to_vec()),
            Err(Error::Nul { offset: 5, .. })
        ));
        assert!(matches!(
            text_from_bytes(p, b"  \n".to_vec()),
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.po");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let missing = dir.path().join("no/such/dir/out.po");
        assert!(write_atomic(&missing, b"x").is_err());
    }
}
