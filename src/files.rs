//! Reading and writing files the way puente promises.
//!
//! **Reading.** Text is validated before anything is parsed (UTF-8, no UTF-16, no NUL bytes,
//! not empty), and no input is read past a size limit: 16 MiB for articles, glossaries and
//! settings ([`Limit::Input`], `[limits] max_input_size` in `puente.toml` or
//! `PUENTE_MAX_INPUT_SIZE`), eight times that for work files ([`Limit::Workfile`], files named
//! `.po`, `.pot`, `.xlf`, `.xliff`: a work file is many times its article, and a work file
//! beyond that limit is never written, so puente reads back whatever it writes), 4 GiB for a TMX memory import ([`Limit::Tmx`],
//! `[limits] max_tmx_size`). A file known to be larger is refused before it is read; a stream
//! (standard input, a FIFO, a device) is refused after at most limit + 1 bytes. Everything is
//! read in chunks checked as they come: the first NUL byte stops the read, so a binary
//! stream is refused at once rather than buffered up to the limit.
//!
//! **Writing.** Every output goes through [`write_output`]:
//! - an output that is one of the command's inputs is refused before anything is written: the
//!   same file by device and inode (through symlinks and hard links), or for a file not yet
//!   there, the same name in the same real folder;
//! - a regular file (or a new one) is written to a temporary file in its real folder and
//!   renamed over it, so a failed or interrupted run leaves the old file or the new one, never
//!   half of one; a symlink is followed to its final target, which is replaced while the link
//!   stays a link; the replaced file keeps its mode and, where allowed, its owner;
//! - an existing file whose permissions do not let this process write it (judged as the
//!   kernel judges, `access(2)`: root may) is refused, never replaced through its folder, as
//!   `msgcat -o` and `curl -o` refuse; so is a new file in a folder we may not add to;
//! - when the atomic route is closed for an existing, writable file (no temporary file can be
//!   made in its folder, or the rename fails with EBUSY or EXDEV: a bind-mounted file, as
//!   `docker -v file:file` makes), the file is written in place instead, as msgcat does: the
//!   whole contents are made first, then written over it and the rest cut off;
//! - a character or block device or a FIFO is opened and written as it is, never replaced by
//!   a file; `/dev/stdout` and `/dev/stderr` (and `/dev/fd/1`, `/proc/self/fd/2`…) are the
//!   process's own streams, written as they are open (a shell's `>>` still appends); a
//!   directory or a socket is refused;
//! - a missing folder is an error, never created;
//! - [`Durability::Synced`] writes (a work file that already held translations, exports of
//!   the memory and the glossary) are flushed to disk, the file and then its folder, before
//!   the write counts as done; [`Durability::Bulk`] (new work files, merged articles,
//!   published pages: all made again from their inputs at any time) skips that: on ext4 a
//!   synced write costs about 0.7 ms against 0.1 ms, nothing for one file, seconds for a
//!   thousand stories;
//! - any failure is an [`Error::Write`] (or a more precise variant) naming the path.
//!
//! Temporary files and lock files are recorded in a process-wide list ([`create_tracked`],
//! [`finish_tracked`]) so that a signal handler can remove them ([`remove_tracked`]) before
//! the process exits: nothing this process made is ever left behind.
//!
//! SQLite files (the cache, the memory) are opened here too: a path that is there but is not
//! a regular file (a folder, a device, a FIFO) is refused before SQLite opens it, so no
//! journal file appears beside it, and a folder is made only for the project's own
//! `.puente/` ([`open_sqlite_in`]). Commands that only read the memory check
//! [`database_exists`] first and create nothing. This module never parses and never prints.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::{Error, Result};

pub mod stream;

/// The default limit for an article, a work file, a glossary file or the settings: far
/// beyond any news story (a long feature is under 100 KB), far below what exhausts memory.
pub const DEFAULT_MAX_INPUT: u64 = 16 * 1024 * 1024;
/// The default limit for a TMX file imported into the memory: whole memories are large.
pub const DEFAULT_MAX_TMX: u64 = 4 * 1024 * 1024 * 1024;

static MAX_INPUT: AtomicU64 = AtomicU64::new(DEFAULT_MAX_INPUT);
static MAX_TMX: AtomicU64 = AtomicU64::new(DEFAULT_MAX_TMX);

/// How many times the input limit a work file may be. A work file is much larger than its
/// article (a PO entry is about 70 bytes of comments and keys around each sentence: a 1 MB
/// article of `No! ` makes a 25.6 MiB PO), so it has its own limit; and puente never writes
/// a work file beyond it ([`write_output`] refuses), so whatever it writes it reads back.
pub const WORKFILE_FACTOR: u64 = 8;

/// Which size limit a read is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Articles, glossaries, settings.
    Input,
    /// Work files (PO, XLIFF): [`WORKFILE_FACTOR`] times [`Limit::Input`].
    Workfile,
    /// A TMX file imported into the memory.
    Tmx,
}

impl Limit {
    /// The limit in bytes in force for this process.
    pub fn bytes(self) -> u64 {
        match self {
            Limit::Input => MAX_INPUT.load(Ordering::Relaxed),
            Limit::Workfile => MAX_INPUT
                .load(Ordering::Relaxed)
                .saturating_mul(WORKFILE_FACTOR),
            Limit::Tmx => MAX_TMX.load(Ordering::Relaxed),
        }
    }

    /// The setting that raises it, as `puente.toml` names it (in `[limits]`).
    pub fn setting(self) -> &'static str {
        match self {
            Limit::Input | Limit::Workfile => "max_input_size",
            Limit::Tmx => "max_tmx_size",
        }
    }

    /// Sets the limit for the rest of the process (the CLI does, from the settings); the
    /// work-file limit follows the input limit.
    pub fn set(self, bytes: u64) {
        match self {
            Limit::Input | Limit::Workfile => MAX_INPUT.store(bytes, Ordering::Relaxed),
            Limit::Tmx => MAX_TMX.store(bytes, Ordering::Relaxed),
        }
    }

    /// The limit for a file by its name: a work file (`.po`, `.pot`, `.xlf`, `.xliff`, the
    /// names puente gives work files and reads them by) or any other input.
    pub fn for_path(path: &Path) -> Limit {
        if is_workfile_name(path) {
            Limit::Workfile
        } else {
            Limit::Input
        }
    }
}

/// Whether `path` is named like a work file.
fn is_workfile_name(path: &Path) -> bool {
    path.extension().and_then(|x| x.to_str()).is_some_and(|x| {
        ["po", "pot", "xlf", "xliff"]
            .iter()
            .any(|w| x.eq_ignore_ascii_case(w))
    })
}

/// Whether `path` names standard input or output (`-`).
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads `path` (or standard input for `-`) as UTF-8 text, within [`Limit::Input`], or
/// [`Limit::Workfile`] for a file named like a work file.
pub fn read_text(path: &Path) -> Result<String> {
    read_text_within(path, Limit::for_path(path))
}

/// Reads `path` (or standard input for `-`) as UTF-8 text, within `limit`.
pub fn read_text_within(path: &Path, limit: Limit) -> Result<String> {
    let bytes = read_bytes(path, limit)?;
    text_from_bytes(path, bytes)
}

/// Reads an XML document (TMX, TBX) as XML 1.0 reads one: UTF-8, or UTF-16 when it opens with
/// a byte order mark (Trados and other CAT tools export TMX that way), within `limit`. Any
/// other text input stays UTF-8 only. The same checks as [`read_text`] apply to the decoded
/// text.
pub fn read_xml_within(path: &Path, limit: Limit) -> Result<String> {
    let bytes = read_bytes_as(path, limit, Nul::AfterUtf16Mark)?;
    if !(bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])) {
        return text_from_bytes(path, bytes);
    }
    let text = crate::xml::decode_document(&bytes).ok_or_else(|| Error::Utf16 {
        path: path.to_path_buf(),
    })?;
    // The decoded text goes through the same checks as any input (no NUL, not empty).
    text_from_bytes(path, text.into_bytes())
}

/// Whether a read stops at the first NUL byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nul {
    /// Always: no UTF-8 text input holds one.
    Stops,
    /// Unless the input opens with a UTF-16 byte order mark, where every ASCII character
    /// carries one.
    AfterUtf16Mark,
}

/// The bytes of `path`, refusing more than `limit` without reading them all: a file's size is
/// checked first, and any stream is read through `take(limit + 1)`.
fn read_bytes(path: &Path, limit: Limit) -> Result<Vec<u8>> {
    read_bytes_as(path, limit, Nul::Stops)
}

/// The error for an input over `limit`, with its size when it is known.
fn too_big(path: &Path, limit: Limit, size: Option<u64>) -> Error {
    Error::TooBig {
        path: path.to_path_buf(),
        size,
        limit: limit.bytes(),
        setting: limit.setting(),
    }
}

/// Opens the file `path` to be read as an input within `limit`: a folder, or a regular file
/// already over the limit, is refused here; the size is given for a regular file (a device or
/// a FIFO has none to tell, and is checked as it is read).
fn open_within(path: &Path, limit: Limit) -> Result<(File, Option<u64>)> {
    let file = File::open(path).map_err(|e| Error::read(path, e))?;
    let meta = file.metadata().map_err(|e| Error::read(path, e))?;
    if meta.is_dir() {
        return Err(Error::IsDir {
            path: path.to_path_buf(),
        });
    }
    let known = meta.is_file().then_some(meta.len());
    if let Some(len) = known.filter(|len| *len > limit.bytes()) {
        return Err(too_big(path, limit, Some(len)));
    }
    Ok((file, known))
}

fn read_bytes_as(path: &Path, limit: Limit, nul: Nul) -> Result<Vec<u8>> {
    let max = limit.bytes();
    let mut buf = Vec::new();
    let known = if is_stdio(path) {
        read_checked(io::stdin().lock(), max, nul, &mut buf).map_err(|e| Error::read(path, e))?;
        None
    } else {
        let (file, known) = open_within(path, limit)?;
        if let Some(len) = known {
            buf.reserve_exact(usize::try_from(len).unwrap_or(0));
        }
        read_checked(file, max, nul, &mut buf).map_err(|e| Error::read(path, e))?;
        known
    };
    if buf.len() as u64 > max {
        // A regular file that grew while it was read is reported with its new size.
        let size = known.and_then(|_| std::fs::metadata(path).ok().map(|m| m.len()));
        return Err(too_big(path, limit, size));
    }
    Ok(buf)
}

/// Reads `from` into `buf`, at most `max + 1` bytes, in chunks checked as they come: reading
/// stops at the first NUL byte, which no text input may hold ([`text_from_bytes`] then says
/// why), so an endless binary stream (a zero device) is refused at once instead of being
/// buffered up to the limit.
fn read_checked(from: impl Read, max: u64, nul: Nul, buf: &mut Vec<u8>) -> io::Result<()> {
    const CHUNK: u64 = 64 * 1024;
    let mut from = from.take(max.saturating_add(1));
    loop {
        let start = buf.len();
        let n = (&mut from).take(CHUNK).read_to_end(buf)?;
        let utf16 = buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF]);
        let stop_at_nul = nul == Nul::Stops || !utf16;
        // A chunk cut short ended at the end of the input (or of `max + 1`): asking again
        // would only read nothing, once per file of a folder run.
        if (n as u64) < CHUNK || (stop_at_nul && memchr::memchr(0, &buf[start..]).is_some()) {
            return Ok(());
        }
    }
}

/// Validates bytes as puente's text input.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let p = || path.to_path_buf();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::Utf16 { path: p() });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        // UTF-16 without a byte order mark shows as ASCII interleaved with NULs; nothing but
        // NULs (a zero device) is binary, not UTF-16.
        let even_nul = bytes.iter().step_by(2).take(64).all(|&b| b == 0);
        let odd_nul = bytes.iter().skip(1).step_by(2).take(64).all(|&b| b == 0);
        let looks_utf16 = bytes.len() >= 4 && even_nul != odd_nul;
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

pub use crate::error::InputRole;

/// How much a write must survive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// Flushed to disk (the file, then its folder) before the write counts as done: losing it
    /// in a crash would lose a translator's work.
    Synced,
    /// Left to the operating system: outputs that can be made again at will.
    Bulk,
}

/// The folder a file lives in ("." for a bare name).
pub fn parent_dir(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Makes the folder `dir` if it is missing; its parent must exist.
pub fn make_folder(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir(dir).or_else(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists if dir.is_dir() => Ok(()),
        std::io::ErrorKind::NotFound => Err(Error::NoFolder {
            path: dir.to_path_buf(),
            folder: parent_dir(dir),
        }),
        _ => Err(Error::Write {
            path: dir.to_path_buf(),
            source: e,
        }),
    })
}

/// Writes `contents` to `path` the one way puente writes ([`write_output`]), synced, with no
/// inputs to protect.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_output(path, &[], Durability::Synced, |w| w.write_all(contents))
}

/// Like [`write_atomic`], with the contents streamed by `fill`.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    write_output(path, &[], Durability::Synced, fill)
}

/// Writes the contents streamed by `fill` (buffered) to `path`, the one write path for every
/// output (see the module documentation). `inputs` are the files the command read: an output
/// that is one of them is refused before anything is written. A regular file is replaced only
/// if `fill` succeeds; a device or FIFO receives what `fill` writes as it writes it.
pub fn write_output(
    path: &Path,
    inputs: &[(&Path, InputRole)],
    durability: Durability,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let err = |e: io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    // `-o /dev/stdout` names the process's own streams: the user asked for a file, and that
    // file is the open stream, so this is the one write to them outside `output`.
    #[allow(clippy::disallowed_methods)]
    let destination = destination(path)?;
    // A stream or a device is written as it is open, never replaced: it may still be one of
    // the inputs (`-o /dev/stdout >> story.md` appends to the article).
    if !matches!(destination, Destination::File { .. }) {
        refuse_inputs(path, inputs)?;
    }
    #[allow(clippy::disallowed_methods)]
    match destination {
        Destination::Stdout => {
            // The same open file as the process's stdout, so a shell's `>>` still appends.
            let mut w = io::stdout().lock();
            fill(&mut w).map_err(err)?;
            w.flush().map_err(err)
        }
        Destination::Stderr => {
            let mut w = io::stderr().lock();
            fill(&mut w).map_err(err)?;
            w.flush().map_err(err)
        }
        Destination::Direct => {
            let file = OpenOptions::new().write(true).open(path).map_err(err)?;
            // The node was checked before it was opened; a regular file swapped in between
            // would be written over without truncation, so it is refused instead.
            if file.metadata().map_err(err)?.is_file() {
                return Err(err(io::Error::other("it became a regular file")));
            }
            let mut w = io::BufWriter::with_capacity(1 << 16, file);
            fill(&mut w).map_err(err)?;
            w.flush().map_err(err)?;
            Ok(())
        }
        Destination::File { real, existing } => {
            refuse_inputs_known(path, existing.as_ref(), inputs)?;
            may_write(path, &real, existing.is_some())?;
            if !is_workfile_name(path) {
                return replace(&real, existing.as_ref(), durability, fill).map_err(err);
            }
            // A work file puente could not read back is never written.
            let limit = Limit::Workfile.bytes();
            let over = std::cell::Cell::new(false);
            let capped = |w: &mut dyn Write| {
                let mut c = Capped {
                    inner: w,
                    left: limit,
                    over: &over,
                };
                fill(&mut c)
            };
            replace(&real, existing.as_ref(), durability, capped).map_err(|e| {
                if over.get() {
                    Error::WorkfileTooBig {
                        path: path.to_path_buf(),
                        limit,
                    }
                } else {
                    err(e)
                }
            })
        }
    }
}

/// A writer that fails once more than `left` bytes are written through it.
struct Capped<'a, 'b> {
    inner: &'a mut dyn Write,
    left: u64,
    over: &'b std::cell::Cell<bool>,
}

impl Write for Capped<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() as u64 > self.left {
            self.over.set(true);
            return Err(io::Error::other("larger than the work-file limit"));
        }
        let n = self.inner.write(buf)?;
        self.left -= n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Refuses writing `output` when it is one of `inputs`: the same file by device and inode
/// (whatever the links and names), or, when either does not exist yet, the same name in the
/// same real folder. Standard input and output (`-`) are never the same as a file.
pub fn refuse_inputs(output: &Path, inputs: &[(&Path, InputRole)]) -> Result<()> {
    if is_stdio(output) {
        return Ok(());
    }
    // The output is looked at once, not once per input: a folder merge asks this of every
    // edition it writes.
    refuse_inputs_known(output, std::fs::metadata(output).ok().as_ref(), inputs)
}

/// [`refuse_inputs`] with the output's metadata (its links followed) already read: `None`
/// when it does not exist.
pub fn refuse_inputs_known(
    output: &Path,
    out_meta: Option<&Metadata>,
    inputs: &[(&Path, InputRole)],
) -> Result<()> {
    for &(input, role) in inputs {
        if !is_stdio(input) && same_file_as(output, out_meta, input) {
            return Err(Error::OutputIsInput {
                path: output.to_path_buf(),
                input: input.to_path_buf(),
                role,
            });
        }
    }
    Ok(())
}

/// Whether `a` and `b` are one file (see [`refuse_inputs`]), with `a`'s metadata already read
/// (`None`: it does not exist or cannot be looked at).
fn same_file_as(a: &Path, a_meta: Option<&Metadata>, b: &Path) -> bool {
    match (a_meta, std::fs::metadata(b)) {
        (Some(x), Ok(y)) => identity(x) == identity(&y),
        (None, Err(_)) => match (would_be(a), would_be(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
        _ => false,
    }
}

#[cfg(unix)]
fn identity(m: &Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn identity(m: &Metadata) -> (u64, u64) {
    // Without inode numbers, the size and modification time stand in; names still decide
    // through `would_be` for files not yet written.
    let t = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (m.len(), t)
}

/// The real path a file that does not exist yet would get: its links followed, its folder
/// resolved; `None` when the folder does not exist either.
fn would_be(path: &Path) -> Option<PathBuf> {
    let real = follow_links(path);
    let folder = std::fs::canonicalize(folder_of(&real)).ok()?;
    Some(folder.join(real.file_name()?))
}

/// The folder a path lives in ("." for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// `path` with its own symlinks followed (not its folders'), even to a target that does not
/// exist; at most 40 links, as the kernel allows.
fn follow_links(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&p) {
                Ok(target) => p = folder_of(&p).join(target),
                Err(_) => break,
            },
            _ => break,
        }
    }
    p
}

/// Whether `path` is an entry of a folder of this process's open files (`/dev/fd`,
/// `/proc/self/fd`, `/proc/thread-self/fd`, `/proc/PID/fd`).
fn in_fd_folder(path: &Path) -> bool {
    path.parent().is_some_and(|d| {
        d == Path::new("/proc/self/fd")
            || d == Path::new("/proc/thread-self/fd")
            || d == Path::new("/dev/fd")
            || d.strip_prefix("/proc").is_ok_and(|rest| {
                rest.parent()
                    .is_some_and(|pid| pid.to_str() == Some(&std::process::id().to_string()))
                    && rest.file_name() == Some(std::ffi::OsStr::new("fd"))
            })
    })
}

/// The standard stream `path` names through links (`/dev/stdout`, `/dev/fd/2`,
/// `/proc/self/fd/1`): 1 or 2, if it names one of them.
fn own_stream(path: &Path) -> Option<u32> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        if in_fd_folder(&p) {
            let n = p.file_name().and_then(|n| n.to_str()?.parse::<u32>().ok());
            return n.filter(|n| matches!(n, 1 | 2));
        }
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&p) {
                Ok(target) => p = folder_of(&p).join(target),
                Err(_) => return None,
            },
            _ => return None,
        }
    }
    None
}

/// Where and how an output is written.
enum Destination {
    /// This process's standard output (`/dev/stdout`), written as it is open.
    Stdout,
    /// This process's standard error (`/dev/stderr`).
    Stderr,
    /// A device or a FIFO: opened and written as it is.
    Direct,
    /// A regular file (existing or not) at its real path, replaced through a temporary file.
    File {
        real: PathBuf,
        existing: Option<Metadata>,
    },
}

fn destination(path: &Path) -> Result<Destination> {
    let err = |e: io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let kind = |kind: &'static str| Error::OutputKind {
        path: path.to_path_buf(),
        kind,
    };
    // The name is looked at once, without following it: a folder run writes thousands of
    // new editions, and each look at a name that is not there yet waits for the folder's
    // lock while the other cores make their files in it. Only a link is followed.
    let first = std::fs::symlink_metadata(path);
    let link = matches!(&first, Ok(m) if m.file_type().is_symlink());
    // `/dev/stdout` reaches the very file the shell opened: replacing it by name would lose a
    // `>>` file's earlier contents, so the stream itself is written.
    if link || in_fd_folder(path) {
        match own_stream(path) {
            Some(1) => return Ok(Destination::Stdout),
            Some(_) => return Ok(Destination::Stderr),
            None => {}
        }
    }
    let meta = if link { std::fs::metadata(path) } else { first };
    match meta {
        Ok(m) => {
            let t = m.file_type();
            if t.is_file() {
                let real = std::fs::canonicalize(path).map_err(err)?;
                Ok(Destination::File {
                    real,
                    existing: Some(m),
                })
            } else if t.is_dir() {
                Err(kind("directory"))
            } else if is_device_or_fifo(&t) {
                Ok(Destination::Direct)
            } else {
                Err(kind("socket"))
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // The file (or the target of a dangling link) does not exist: its folder must.
            let real = if link {
                follow_links(path)
            } else {
                path.to_path_buf()
            };
            let folder = folder_of(&real);
            match std::fs::metadata(folder) {
                Ok(m) if m.is_dir() => Ok(Destination::File {
                    real,
                    existing: None,
                }),
                Ok(_) => Err(err(io::Error::other(format!(
                    "{} is not a folder",
                    folder.display()
                )))),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Error::NoFolder {
                    path: path.to_path_buf(),
                    folder: folder.to_path_buf(),
                }),
                Err(e) => Err(err(e)),
            }
        }
        Err(e) => Err(err(e)),
    }
}

#[cfg(unix)]
fn is_device_or_fifo(t: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    t.is_char_device() || t.is_block_device() || t.is_fifo()
}

#[cfg(not(unix))]
fn is_device_or_fifo(_: &std::fs::FileType) -> bool {
    false
}

/// Refuses an output the permission bits do not let this process write, as `msgcat -o` and
/// `curl -o` do, rather than replacing it through the folder: an existing file that is not
/// writable for us, or a new file in a folder where we may not make one. Judged by the kernel
/// (`access(2)` with the effective ids), so root may write what root may write.
fn may_write(path: &Path, real: &Path, exists: bool) -> Result<()> {
    #[cfg(unix)]
    {
        use rustix::fs::{accessat, Access, AtFlags, CWD};
        let denied = |p: &Path, how: Access| {
            matches!(
                accessat(CWD, p, how, AtFlags::EACCESS),
                Err(rustix::io::Errno::ACCESS)
            )
        };
        if exists {
            if denied(real, Access::WRITE_OK) {
                return Err(Error::ReadOnly {
                    path: path.to_path_buf(),
                });
            }
        } else {
            let folder = folder_of(real);
            if denied(folder, Access::WRITE_OK | Access::EXEC_OK) {
                return Err(Error::FolderReadOnly {
                    path: path.to_path_buf(),
                    folder: folder.to_path_buf(),
                });
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (path, real, exists);
    Ok(())
}

/// Whether a failure to make a temporary file beside an existing file, or to rename it over
/// that file, means the atomic route is closed and the file should be written in place: a
/// folder we may not add to (EACCES, EROFS, EPERM) while the file itself is writable, or a
/// file that cannot be renamed over (EBUSY: a bind-mounted file, as `docker -v file:file`
/// makes; EXDEV: a mount point between the two).
fn atomic_route_closed(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        let code = e.raw_os_error();
        [
            Errno::ACCESS,
            Errno::PERM,
            Errno::ROFS,
            Errno::BUSY,
            Errno::XDEV,
        ]
        .iter()
        .any(|errno| code == Some(errno.raw_os_error()))
    }
    #[cfg(not(unix))]
    {
        e.kind() == io::ErrorKind::PermissionDenied
    }
}

/// Writes `contents` over the existing regular file `real` in place (never creating it), as
/// msgcat does when it cannot rename: used only when the atomic route is closed
/// ([`atomic_route_closed`]). The contents are complete before the file is touched, so only
/// a failure of the write itself (a full disk) can leave it part-written.
fn write_in_place(real: &Path, contents: &[u8], durability: Durability) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(real)?;
    file.write_all(contents)?;
    file.set_len(contents.len() as u64)?;
    if durability == Durability::Synced {
        file.sync_all()?;
    }
    Ok(())
}

/// The operating system's error for one that `tempfile` wrapped with the temporary file's
/// path: messages name the user's file, never the temporary one. The wrapper hides the
/// error number, so it is found again from the kind for the failures a folder can give.
fn unwrap_os_error(e: io::Error) -> io::Error {
    if e.get_ref().is_none() {
        return e;
    }
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        let errno = match e.kind() {
            io::ErrorKind::PermissionDenied => Some(Errno::ACCESS),
            io::ErrorKind::ReadOnlyFilesystem => Some(Errno::ROFS),
            io::ErrorKind::StorageFull => Some(Errno::NOSPC),
            io::ErrorKind::NotFound => Some(Errno::NOENT),
            io::ErrorKind::NotADirectory => Some(Errno::NOTDIR),
            _ => None,
        };
        if let Some(errno) = errno {
            return io::Error::from_raw_os_error(errno.raw_os_error());
        }
    }
    io::Error::from(e.kind())
}

/// Replaces the regular file `real` (or creates it) through a temporary file in its folder;
/// an existing file is written in place when the atomic route is closed.
fn replace(
    real: &Path,
    existing: Option<&Metadata>,
    durability: Durability,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    prepare(real, existing, durability, fill)?.finish(real, durability)
}

/// A new file's contents, complete and waiting to take the place of the old one.
enum Prepared {
    /// In a temporary file beside it, to be renamed over it.
    Temp { tmp: Temp, existing: bool },
    /// In memory, to be written over the existing file in place (the atomic route is closed).
    InPlace(Vec<u8>),
}

/// Writes the new contents of `real` to a temporary file in its folder (or, when no
/// temporary file can be made there beside an existing file, to memory), leaving `real`
/// untouched.
fn prepare(
    real: &Path,
    existing: Option<&Metadata>,
    durability: Durability,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<Prepared> {
    let folder = folder_of(real);
    let mut tmp = match Temp::new(folder) {
        Ok(tmp) => tmp,
        Err(e) if existing.is_some() && atomic_route_closed(&e) => {
            let mut contents = Vec::new();
            fill(&mut contents)?;
            return Ok(Prepared::InPlace(contents));
        }
        Err(e) => return Err(e),
    };
    let file = tmp.file();
    // The new file gets the mode (and, where allowed, the owner) of the one it replaces; a new
    // file was made with 0666 less the umask, never the temporary file's private 0600: an
    // exported TMX or a merged article is meant to be read by others.
    #[cfg(unix)]
    if let Some(m) = existing {
        use std::os::unix::fs::MetadataExt;
        file.set_permissions(m.permissions())?;
        let _ = std::os::unix::fs::fchown(file, Some(m.uid()), Some(m.gid()));
    }
    {
        let mut w = io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut w)?;
        w.flush()?;
    }
    if durability == Durability::Synced {
        file.sync_all()?;
    }
    Ok(Prepared::Temp {
        tmp,
        existing: existing.is_some(),
    })
}

impl Prepared {
    /// Puts the prepared contents in place of `real`: renames the temporary file over it or,
    /// when the rename is impossible (EBUSY, EXDEV), writes them over it in place.
    fn finish(self, real: &Path, durability: Durability) -> io::Result<()> {
        let (mut tmp, existing) = match self {
            Prepared::InPlace(contents) => return write_in_place(real, &contents, durability),
            Prepared::Temp { tmp, existing } => (tmp, existing),
        };
        match tmp.persist(real) {
            Ok(()) => {}
            Err(e) if existing && atomic_route_closed(&e) => {
                let mut contents = Vec::new();
                {
                    let mut file = tmp.file();
                    io::Seek::rewind(&mut file)?;
                    file.read_to_end(&mut contents)?;
                }
                drop(tmp);
                return write_in_place(real, &contents, durability);
            }
            Err(e) => return Err(e),
        }
        if durability == Durability::Synced {
            sync_folder(folder_of(real))?;
        }
        Ok(())
    }
}

/// Several outputs written all or nothing, as one edition (`publish`'s pages): every file's
/// new contents are made first ([`Batch::add`], each in a temporary file beside its target),
/// and only when all of them are complete are they put in place ([`Batch::commit`]). A
/// failure while they are made (a full disk, a folder we may not write) removes every
/// temporary file and leaves every old file as it was. The checks of [`write_output`] apply
/// to each file; a device, a FIFO or a standard stream in a batch is written at commit time.
pub struct Batch<'a> {
    inputs: &'a [(&'a Path, InputRole)],
    durability: Durability,
    pending: Vec<(PathBuf, Pending)>,
}

enum Pending {
    File { real: PathBuf, prepared: Prepared },
    Stream(Vec<u8>),
}

impl<'a> Batch<'a> {
    /// An empty batch; `inputs` are the command's inputs, never to be written over.
    pub fn new(inputs: &'a [(&'a Path, InputRole)], durability: Durability) -> Batch<'a> {
        Batch {
            inputs,
            durability,
            pending: Vec::new(),
        }
    }

    /// Makes `path`'s new contents ready, touching nothing the user sees. On an error the
    /// batch should be dropped: that removes the temporary files made so far.
    pub fn add(&mut self, path: &Path, contents: &[u8]) -> Result<()> {
        let err = |e: io::Error| Error::Write {
            path: path.to_path_buf(),
            source: e,
        };
        let pending = match destination(path)? {
            Destination::File { real, existing } => {
                refuse_inputs(path, self.inputs)?;
                may_write(path, &real, existing.is_some())?;
                let prepared = prepare(&real, existing.as_ref(), self.durability, |w| {
                    w.write_all(contents)
                })
                .map_err(err)?;
                Pending::File { real, prepared }
            }
            _ => Pending::Stream(contents.to_vec()),
        };
        self.pending.push((path.to_path_buf(), pending));
        Ok(())
    }

    /// Puts every file in place, in the order they were added.
    pub fn commit(self) -> Result<()> {
        for (path, pending) in self.pending {
            match pending {
                Pending::File { real, prepared } => prepared
                    .finish(&real, self.durability)
                    .map_err(|e| Error::Write { path, source: e })?,
                Pending::Stream(contents) => {
                    write_output(&path, self.inputs, self.durability, |w| {
                        w.write_all(&contents)
                    })?
                }
            }
        }
        Ok(())
    }
}

/// Flushes a folder's entries (a rename in it) to disk. File systems that cannot sync a
/// folder say so with EINVAL; that is not a failure of the write.
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        match File::open(folder).and_then(|f| f.sync_all()) {
            Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

/// A temporary file `.puente-*.tmp`, recorded for the signal handler from the moment it
/// exists until it is renamed or removed.
struct Temp {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Temp {
    fn new(folder: &Path) -> io::Result<Temp> {
        let file = create_tracked(
            || {
                let mut builder = tempfile::Builder::new();
                builder.prefix(".puente-").suffix(".tmp");
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    builder.permissions(std::fs::Permissions::from_mode(0o666));
                }
                builder.tempfile_in(folder)
            },
            |f| f.path().to_path_buf(),
        )
        .map_err(unwrap_os_error)?;
        let path = file.path().to_path_buf();
        Ok(Temp {
            file: Some(file),
            path,
        })
    }

    fn file(&mut self) -> &File {
        self.file.as_ref().expect("not yet persisted").as_file()
    }

    /// Renames the file over `target`. On failure the temporary file stays with `self` (its
    /// contents can still be read) and is removed when `self` is dropped.
    fn persist(&mut self, target: &Path) -> io::Result<()> {
        let file = self.file.take().expect("persisted once");
        let mut list = tracked();
        match file.persist(target) {
            Ok(_) => {
                if let Some(i) = list.iter().position(|p| *p == self.path) {
                    list.swap_remove(i);
                }
                Ok(())
            }
            Err(e) => {
                self.file = Some(e.file);
                Err(e.error)
            }
        }
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            finish_tracked(&self.path, || drop(file));
        }
    }
}

/// The files this process made and must not leave behind if it is interrupted: temporary
/// files and lock files.
static TRACKED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn tracked() -> MutexGuard<'static, Vec<PathBuf>> {
    TRACKED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Makes a file with `create` and records its path (`path_of`) in one step as the signal
/// handler sees it: the file is either not made yet or made and recorded.
pub fn create_tracked<T>(
    create: impl FnOnce() -> io::Result<T>,
    path_of: impl FnOnce(&T) -> PathBuf,
) -> io::Result<T> {
    let mut list = tracked();
    let made = create()?;
    list.push(path_of(&made));
    Ok(made)
}

/// Runs `finish` (which renames or removes the recorded file at `path`) and forgets the path,
/// in one step as the signal handler sees it.
pub fn finish_tracked<R>(path: &Path, finish: impl FnOnce() -> R) -> R {
    let mut list = tracked();
    let r = finish();
    if let Some(i) = list.iter().position(|p| p == path) {
        list.swap_remove(i);
    }
    r
}

/// Held while a file is saved together with what a signal would report about it (translate's
/// "N saved, M left"), so the report and the file never disagree: a signal that comes in
/// between the rename and the record waits for both ([`hold_commits`]).
static COMMIT: Mutex<()> = Mutex::new(());

/// Runs `f` (a save and the record of what it saved) as one step for the signal handler.
pub fn commit<T>(f: impl FnOnce() -> T) -> T {
    let _held = COMMIT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    f()
}

/// A folder's lock, held by one process at a time: publish holds its output folder's while it
/// reads the story records there and writes the index made from them, so two runs publishing
/// into one folder at once each see the other's record, and neither index drops a story.
/// The operating system releases it when the process ends however it ends; a run that ends
/// normally also removes its file, so a published folder is left with no trace of it.
#[derive(Debug)]
pub struct FolderLock {
    path: PathBuf,
    _file: File,
}

impl Drop for FolderLock {
    /// Removes the lock's file while it is still held (the file is closed, and the lock let
    /// go, only after this): a run waiting on it then finds that the name no longer gives
    /// the file it locked, and locks the name anew ([`lock_folder`]).
    fn drop(&mut self) {
        finish_tracked(&self.path, || {
            let _ = std::fs::remove_file(&self.path);
        });
    }
}

/// How long [`lock_folder`] waits by default for another run to let go of a lock: long
/// enough for another publish to rebuild a large index, short enough that a run stuck
/// behind a hung one ends with an error rather than never.
pub const DEFAULT_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// How long [`lock_folder`] waits in this process, in milliseconds ([`set_lock_wait`]).
static LOCK_WAIT_MS: AtomicU64 = AtomicU64::new(DEFAULT_LOCK_WAIT.as_millis() as u64);

/// Sets how long [`lock_folder`] waits for the rest of the process (the CLI does, from
/// `PUENTE_LOCK_TIMEOUT`).
pub fn set_lock_wait(wait: std::time::Duration) {
    let ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
    LOCK_WAIT_MS.store(ms, Ordering::Relaxed);
}

/// Takes the lock `name` in the folder `dir`, a file made there when missing and removed when
/// the lock is let go, waiting while another run holds it, as git waits on `index.lock` or
/// `flock -w`: tried without blocking, then again after short sleeps, for at most the wait
/// set ([`set_lock_wait`], [`DEFAULT_LOCK_WAIT`]); then [`Error::FolderLocked`]. The lock
/// counts only once the name still gives the file locked: the run that held it removes it as
/// it lets go, and a lock on a file no longer there keeps nobody out, so the name is opened
/// and locked again. Something other than a regular file under that name is an error, never
/// opened.
pub fn lock_folder(dir: &Path, name: &str) -> Result<FolderLock> {
    let path = dir.join(name);
    let wait = std::time::Duration::from_millis(LOCK_WAIT_MS.load(Ordering::Relaxed));
    let start = std::time::Instant::now();
    // A name whose file keeps being replaced, or a file system whose names and open files
    // disagree on what file they are, is given up on after a few tries, never tried for ever.
    for _ in 0..8 {
        if let Ok(meta) = std::fs::symlink_metadata(&path) {
            if !meta.is_file() {
                let kind = if meta.is_dir() {
                    "directory"
                } else {
                    "special"
                };
                return Err(Error::OutputKind { path, kind });
            }
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| Error::Write {
                path: path.clone(),
                source: e,
            })?;
        #[cfg(unix)]
        if !flock_within(&file, &path, start, wait)? || !still_there(&file, &path) {
            continue;
        }
        // Held now: a signal that ends the run removes the file too.
        let _ = create_tracked(|| Ok(()), |()| path.clone());
        return Ok(FolderLock { path, _file: file });
    }
    Err(Error::FolderLocked {
        path,
        seconds: start.elapsed().as_secs_f64().ceil() as u64,
    })
}

/// Whether `file` is still the file at `path`: the run that held a lock file may have removed
/// it between our open and our lock, and a lock on a file nobody else can see excludes
/// nobody. The one test of it, for work files' locks and folders' alike.
#[cfg(unix)]
pub fn still_there(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether the file at `path` is still there (no identity to compare with here).
#[cfg(not(unix))]
pub fn still_there(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// Locks `file` (the lock file `path`), waiting while another run holds it until `wait` has
/// passed since `start`: [`Error::FolderLocked`] then. `false` when the file is gone from
/// under the lock (a network file system's stale handle): the name is to be opened again.
#[cfg(unix)]
fn flock_within(
    file: &File,
    path: &Path,
    start: std::time::Instant,
    wait: std::time::Duration,
) -> Result<bool> {
    use rustix::fs::{flock, FlockOperation};
    // Short sleeps at first, for a lock held a moment; longer ones, up to a fifth of a
    // second, for one held while a large index is written.
    let mut pause = std::time::Duration::from_millis(5);
    loop {
        match flock(file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => return Ok(true),
            Err(rustix::io::Errno::INTR) => continue,
            Err(rustix::io::Errno::STALE) => return Ok(false),
            Err(rustix::io::Errno::WOULDBLOCK) => {
                let waited = start.elapsed();
                if waited >= wait {
                    return Err(Error::FolderLocked {
                        path: path.to_path_buf(),
                        seconds: wait.as_secs_f64().ceil() as u64,
                    });
                }
                std::thread::sleep(pause.min(wait - waited));
                pause = (pause * 2).min(std::time::Duration::from_millis(200));
            }
            Err(e) => {
                return Err(Error::Write {
                    path: path.to_path_buf(),
                    source: e.into(),
                })
            }
        }
    }
}

/// For a signal handler about to exit the process: waits up to `limit` for a [`commit`]
/// under way to finish, then keeps any other from starting before the process ends. `None`
/// when the wait ran out (a save stuck on a slow disk): the handler goes on without it.
pub fn hold_commits(limit: std::time::Duration) -> Option<MutexGuard<'static, ()>> {
    let start = std::time::Instant::now();
    loop {
        match COMMIT.try_lock() {
            Ok(g) => return Some(g),
            Err(std::sync::TryLockError::Poisoned(e)) => return Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) if start.elapsed() < limit => {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            Err(std::sync::TryLockError::WouldBlock) => return None,
        }
    }
}

/// For a signal handler about to exit the process: removes every recorded file, and keeps
/// the record locked so that no new one is made before the process ends.
pub fn remove_tracked() {
    let list = tracked();
    for p in list.iter() {
        let _ = std::fs::remove_file(p);
    }
    std::mem::forget(list);
}

/// For a second signal, which ends the process at once: removes every recorded file unless
/// the first signal's clean-up already did (it keeps the record). Never waits for a save, so
/// one stuck on a slow disk cannot hold the process; a lock file this leaves behind names a
/// process that no longer exists, and the next run takes it over. Nothing half-written is
/// left either way: a file is replaced by a rename, whole or not at all.
pub fn remove_tracked_at_once() {
    // The record is only ever held for an instant (a file made, renamed or removed), except
    // after the first signal's clean-up, which keeps it: a short wait tells the two apart.
    let start = std::time::Instant::now();
    let list = loop {
        match TRACKED.try_lock() {
            Ok(list) => break list,
            Err(std::sync::TryLockError::Poisoned(e)) => break e.into_inner(),
            Err(std::sync::TryLockError::WouldBlock)
                if start.elapsed() < std::time::Duration::from_millis(200) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Err(std::sync::TryLockError::WouldBlock) => return,
        }
    };
    for p in list.iter() {
        let _ = std::fs::remove_file(p);
    }
    std::mem::forget(list);
}

/// Whether a database file is at `path`: `false` when nothing is there, `true` for a regular
/// file. Anything else (a folder, a device, a FIFO, a socket) is refused before SQLite opens
/// it, since SQLite would write its journal files beside it.
pub fn database_exists(path: &Path) -> Result<bool> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(true),
        Ok(m) => Err(Error::DatabaseKind {
            path: path.to_path_buf(),
            kind: if m.is_dir() {
                "directory"
            } else if is_device_or_fifo(&m.file_type()) {
                "device"
            } else {
                "socket"
            },
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::read(path, e)),
    }
}

/// Opens (or creates) a SQLite database at `path`, creating its folder (the project's
/// `.puente/`), like [`open_sqlite_in`].
pub fn open_sqlite(path: &Path, schema: &str) -> rusqlite::Result<rusqlite::Connection> {
    open_sqlite_in(path, schema, true)
}

/// Opens (or creates) a SQLite database at `path` in WAL mode (readers and the one writer
/// stay apart) with a busy timeout (a second run waits rather than fails), and runs `schema`
/// (idempotent `CREATE … IF NOT EXISTS` statements). Its folder is made only when
/// `make_folder` says so (the project's own `.puente/`, never a folder the user named). A
/// path that is there but is not a regular file is refused before SQLite touches it.
pub fn open_sqlite_in(
    path: &Path,
    schema: &str,
    make_folder: bool,
) -> rusqlite::Result<rusqlite::Connection> {
    open_sqlite_with(
        path,
        schema,
        make_folder,
        std::time::Duration::from_secs(5),
        None,
    )
}

/// [`open_sqlite_in`], waiting at most `wait` for another run's lock (a store that is only
/// a speed-up, such as the kept parses, is better done without than waited for), and making
/// a new database with pages of `page_size` bytes when it says (an existing one keeps its
/// own).
pub fn open_sqlite_with(
    path: &Path,
    schema: &str,
    make_folder: bool,
    wait: std::time::Duration,
    page_size: Option<u32>,
) -> rusqlite::Result<rusqlite::Connection> {
    // SQLite counts the memory it allocates under one lock for the whole process unless told
    // not to, before its first use: a folder merge's threads, each on its own database (the
    // memory, the kept parses), then waited for each other on every allocation.
    static UNCOUNTED: std::sync::Once = std::sync::Once::new();
    UNCOUNTED.call_once(|| {
        // SAFETY: `sqlite3_config` is called before any connection is opened (every one is
        // opened here), as SQLite requires; MEMSTATUS takes one int.
        unsafe {
            rusqlite::ffi::sqlite3_config(
                rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
                0 as std::ffi::c_int,
            );
        }
    });
    if database_exists(path).is_err() {
        return Err(rusqlite::Error::InvalidPath(path.to_path_buf()));
    }
    if make_folder {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
    }
    let db = rusqlite::Connection::open(path)?;
    db.busy_timeout(wait)?;
    // Runs that make a new database at once meet where SQLite answers "locked" without
    // waiting: one holds a read of the schema and asks for the write lock while another
    // holds that lock and waits for the reads to end, and SQLite refuses the first at once
    // rather than let the two wait for each other. Eight merges started together on a new
    // project failed that way. Every step here can be taken again (the schema is `IF NOT
    // EXISTS`), so they are, within the same bound as the busy timeout.
    until_not_busy(wait, || {
        // Before the journal mode: a database in WAL mode has its page size fixed.
        if let Some(size) = page_size {
            db.pragma_update(None, "page_size", size)?;
        }
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.execute_batch(schema)
    })?;
    Ok(db)
}

/// Runs `step` until it is not refused for another connection's lock, or until `wait` has
/// passed (then its last error is returned), pausing a little longer each time.
fn until_not_busy<T>(
    wait: std::time::Duration,
    mut step: impl FnMut() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let deadline = std::time::Instant::now() + wait;
    let mut pause = std::time::Duration::from_millis(5);
    loop {
        match step() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() + pause < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(100));
            }
            done => return done,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_folder_lock_leaves_no_file_and_a_run_waiting_on_it_locks_the_name_anew() {
        use rustix::fs::{flock, FlockOperation};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".x.lock");
        let first = lock_folder(dir.path(), ".x.lock").unwrap();
        assert!(path.is_file());
        // A second run waits on the same file; the first lets go, removing it.
        let (tx, rx) = std::sync::mpsc::channel();
        let root = dir.path().to_path_buf();
        let second = std::thread::spawn(move || {
            tx.send(()).unwrap();
            lock_folder(&root, ".x.lock").unwrap()
        });
        rx.recv().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(!second.is_finished(), "the second run did not wait");
        drop(first);
        let second = second.join().unwrap();
        // It holds the file the name gives now, made anew: a third run is kept out.
        let third = File::open(&path).expect("the second run's lock file is there");
        assert!(matches!(
            flock(&third, FlockOperation::NonBlockingLockExclusive),
            Err(rustix::io::Errno::WOULDBLOCK)
        ));
        // Held, it is recorded for a signal's clean-up; let go, it is forgotten.
        assert!(tracked().contains(&path));
        drop(second);
        assert!(!path.exists(), "the lock's file is removed as it is let go");
        assert!(!tracked().contains(&path));
    }

    #[test]
    fn a_signal_waits_for_the_save_under_way_and_stops_the_next() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let (saved, recorded) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicBool::new(false)),
        );
        let (s, r) = (Arc::clone(&saved), Arc::clone(&recorded));
        let (tx, rx) = std::sync::mpsc::channel();
        let saver = std::thread::spawn(move || {
            commit(|| {
                tx.send(()).unwrap();
                s.store(true, Ordering::SeqCst);
                // The slow part between the rename and the record: a folder's fsync.
                std::thread::sleep(std::time::Duration::from_millis(200));
                r.store(true, Ordering::SeqCst);
            })
        });
        rx.recv().unwrap();
        let held = hold_commits(std::time::Duration::from_secs(5));
        assert!(held.is_some());
        assert!(saved.load(Ordering::SeqCst) && recorded.load(Ordering::SeqCst));
        // While the handler holds it, no new save starts.
        let blocked = std::thread::spawn(|| commit(|| ()));
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!blocked.is_finished());
        drop(held);
        blocked.join().unwrap();
        saver.join().unwrap();
    }

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
    fn a_step_refused_for_a_lock_is_taken_again_within_the_wait() {
        fn busy<T>() -> rusqlite::Result<T> {
            Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                None,
            ))
        }
        let wait = std::time::Duration::from_secs(5);
        let mut tries = 0;
        let done = until_not_busy(wait, || {
            tries += 1;
            if tries < 3 {
                busy()
            } else {
                Ok(tries)
            }
        });
        assert_eq!(done.unwrap(), 3);
        // Refused for as long as the wait: the last refusal is the answer, once the wait is
        // over and not before.
        let start = std::time::Instant::now();
        let wait = std::time::Duration::from_millis(300);
        let refused: rusqlite::Result<()> = until_not_busy(wait, busy::<()>);
        assert!(matches!(
            refused,
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseBusy
        ));
        let took = start.elapsed();
        assert!(took >= std::time::Duration::from_millis(150), "{took:?}");
        assert!(took < std::time::Duration::from_secs(3), "{took:?}");
        // Any other error is the answer at once.
        let mut tries = 0;
        let other: rusqlite::Result<()> = until_not_busy(wait, || {
            tries += 1;
            Err(rusqlite::Error::InvalidQuery)
        });
        assert!(other.is_err());
        assert_eq!(tries, 1);
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

    /// The recorded temporary files inside `dir`.
    fn tracked_in(dir: &Path) -> Vec<PathBuf> {
        tracked()
            .iter()
            .filter(|p| p.starts_with(dir))
            .cloned()
            .collect()
    }

    #[test]
    fn a_temporary_file_is_recorded_while_it_exists_and_gone_after_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("w.po");
        std::fs::write(&target, "old").unwrap();
        let mut seen = Vec::new();
        let r = write_output(&target, &[], Durability::Synced, |w| {
            seen = tracked_in(dir.path());
            w.write_all(b"half")?;
            Err(io::Error::other("the engine went away"))
        });
        assert!(matches!(r, Err(Error::Write { .. })));
        assert_eq!(
            seen.len(),
            1,
            "the temporary file is recorded while written"
        );
        assert!(seen[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".puente-"));
        assert!(tracked_in(dir.path()).is_empty());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic(&target, b"new").unwrap();
        assert!(tracked_in(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("real")).unwrap();
        std::fs::write(d.join("real/w.po"), "old").unwrap();
        std::os::unix::fs::symlink("real/w.po", d.join("w.po")).unwrap();
        write_atomic(&d.join("w.po"), b"new").unwrap();
        assert!(std::fs::symlink_metadata(d.join("w.po"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(d.join("real/w.po")).unwrap(), "new");
        // A chain of links, the last one dangling: the file appears at the end of it.
        std::os::unix::fs::symlink("real/new.md", d.join("b.md")).unwrap();
        std::os::unix::fs::symlink("b.md", d.join("a.md")).unwrap();
        write_atomic(&d.join("a.md"), b"x").unwrap();
        assert_eq!(std::fs::read_to_string(d.join("real/new.md")).unwrap(), "x");
        assert!(std::fs::symlink_metadata(d.join("a.md"))
            .unwrap()
            .file_type()
            .is_symlink());
        // A link into a missing folder is a missing folder.
        std::os::unix::fs::symlink("gone/x.md", d.join("c.md")).unwrap();
        assert!(matches!(
            write_atomic(&d.join("c.md"), b"x"),
            Err(Error::NoFolder { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn the_same_file_by_any_name_is_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.po"), "x").unwrap();
        std::fs::hard_link(d.join("a.po"), d.join("hard.po")).unwrap();
        std::os::unix::fs::symlink("a.po", d.join("sym.po")).unwrap();
        std::fs::create_dir(d.join("sub")).unwrap();
        let same_file = |x: &Path, y: &Path| same_file_as(x, std::fs::metadata(x).ok().as_ref(), y);
        let a = d.join("a.po");
        for other in ["hard.po", "sym.po", "sub/../a.po", "./a.po"] {
            assert!(same_file(&d.join(other), &a), "{other}");
        }
        assert!(!same_file(&d.join("b.po"), &a));
        // Neither exists: the same name in the same real folder.
        assert!(same_file(&d.join("new.po"), &d.join("sub/../new.po")));
        assert!(!same_file(&d.join("new.po"), &d.join("sub/new.po")));
        let inputs = [(a.as_path(), InputRole::Workfile)];
        assert!(matches!(
            refuse_inputs(&d.join("sym.po"), &inputs),
            Err(Error::OutputIsInput {
                role: InputRole::Workfile,
                ..
            })
        ));
        assert!(refuse_inputs(Path::new("-"), &inputs).is_ok());
        // Nothing is written over an input.
        assert!(
            write_output(&d.join("hard.po"), &inputs, Durability::Bulk, |w| {
                w.write_all(b"y")
            })
            .is_err()
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "x");
    }

    #[test]
    fn folders_are_refused_and_never_made() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            write_atomic(dir.path(), b"x"),
            Err(Error::OutputKind {
                kind: "directory",
                ..
            })
        ));
        let missing = dir.path().join("no/such/out.po");
        assert!(matches!(
            write_atomic(&missing, b"x"),
            Err(Error::NoFolder { folder, .. }) if folder == dir.path().join("no/such")
        ));
        assert!(!dir.path().join("no").exists());
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
