//! An XML input read as a stream ([`open_xml`]): what [`super::read_xml_within`] checks, checked
//! on each chunk as it comes instead of on the whole text, so a memory's TMX of any size is
//! read in bounded space. The limit is the same ([`Limit`]); a NUL byte, bytes that are not
//! UTF-8 and an input with nothing but white space are refused with the same errors and
//! offsets. A document that opens with a UTF-16 byte order mark (a Trados export) is read and
//! decoded whole, as before, and then handed out. Never parses.

use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

use super::{is_stdio, open_within, read_checked, text_from_bytes, too_big, Limit, Nul};
use crate::error::{Error, Result};

/// How many bytes at the start of an input decide whether a NUL in them means UTF-16 without
/// a byte order mark ([`text_from_bytes`] looks at as many).
const HEAD: usize = 128;

/// An XML input being read: a [`Read`] that stops at the first thing puente refuses in an
/// input; [`XmlInput::problem`] then says what it was.
pub struct XmlInput {
    path: PathBuf,
    from: Box<dyn Read>,
    /// Whether the bytes are checked as they come (UTF-8); a UTF-16 document was checked and
    /// decoded whole.
    checked: bool,
    limit: Limit,
    max: u64,
    /// The size of a regular file when it was opened.
    known: Option<u64>,
    /// Bytes handed out.
    read: u64,
    /// The first bytes, to tell UTF-16 without a mark from a NUL.
    head: Vec<u8>,
    /// The start of a UTF-8 sequence cut by the end of a chunk.
    carry: Vec<u8>,
    /// Whether anything but white space (and a UTF-8 mark) was read.
    text: bool,
    problem: Option<Error>,
}

/// Opens `path` (standard input for `-`) to be read as an XML document within `limit`: a
/// missing file, a folder or a regular file over the limit is refused here; anything else
/// puente refuses in an input is found as the bytes are read.
pub fn open_xml(path: &Path, limit: Limit) -> Result<XmlInput> {
    let max = limit.bytes();
    let (mut from, known): (Box<dyn Read>, Option<u64>) = if is_stdio(path) {
        (Box::new(io::stdin()), None)
    } else {
        let (file, known) = open_within(path, limit)?;
        (Box::new(file), known)
    };
    // The first two bytes say whether this is UTF-16 (a byte order mark).
    let mut first = Vec::with_capacity(2);
    (&mut from)
        .take(2)
        .read_to_end(&mut first)
        .map_err(|e| Error::read(path, e))?;
    let utf16 = first.starts_with(&[0xFF, 0xFE]) || first.starts_with(&[0xFE, 0xFF]);
    let mut input = XmlInput {
        path: path.to_path_buf(),
        from: Box::new(Cursor::new(first).chain(from)),
        checked: !utf16,
        limit,
        max,
        known,
        read: 0,
        head: Vec::with_capacity(HEAD),
        carry: Vec::new(),
        text: false,
        problem: None,
    };
    if utf16 {
        let mut bytes = Vec::new();
        read_checked(&mut input.from, max, Nul::AfterUtf16Mark, &mut bytes)
            .map_err(|e| Error::read(path, e))?;
        if bytes.len() as u64 > max {
            return Err(too_big(path, limit, input.grown()));
        }
        let text = crate::xml::decode_document(&bytes).ok_or_else(|| Error::Utf16 {
            path: path.to_path_buf(),
        })?;
        drop(bytes);
        // The decoded text goes through the same checks as any input (no NUL, not empty).
        let text = text_from_bytes(path, text.into_bytes())?;
        input.from = Box::new(Cursor::new(text.into_bytes()));
    }
    Ok(input)
}

/// The error for an input over its limit.
impl XmlInput {
    /// Why reading stopped, when it was something in the input (or reading it failed) rather
    /// than the document: asked once a reader of it fails.
    pub fn problem(&mut self) -> Option<Error> {
        self.problem.take()
    }

    /// The new size of a regular file that grew while it was read.
    fn grown(&self) -> Option<u64> {
        self.known
            .and_then(|_| std::fs::metadata(&self.path).ok().map(|m| m.len()))
    }

    /// Checks the next `chunk`, which starts at byte `self.read`.
    fn check(&mut self, chunk: &[u8]) -> Result<()> {
        let at = self.read;
        self.read += chunk.len() as u64;
        if self.read > self.max {
            return Err(too_big(&self.path, self.limit, self.grown()));
        }
        let room = HEAD.saturating_sub(self.head.len()).min(chunk.len());
        self.head.extend_from_slice(&chunk[..room]);
        if let Some(i) = memchr::memchr(0, chunk) {
            let offset = at as usize + i;
            // Near the start, a NUL may be UTF-16 without its mark: the one test says which.
            if offset < self.head.len() {
                // Reading stops here, so the rest of the head may be read to decide.
                let more = (HEAD - self.head.len()) as u64;
                let mut head = std::mem::take(&mut self.head);
                (&mut self.from).take(more).read_to_end(&mut head).ok();
                text_from_bytes(&self.path, head)?;
            }
            return Err(Error::Nul {
                path: self.path.clone(),
                offset,
            });
        }
        let base = at as usize - self.carry.len();
        let joined;
        let bytes = if self.carry.is_empty() {
            chunk
        } else {
            joined = [std::mem::take(&mut self.carry).as_slice(), chunk].concat();
            &joined[..]
        };
        let valid = match std::str::from_utf8(bytes) {
            Ok(_) => bytes.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => {
                return Err(Error::NotUtf8 {
                    path: self.path.clone(),
                    offset: base + e.valid_up_to(),
                })
            }
        };
        self.carry = bytes[valid..].to_vec();
        if !self.text {
            let bytes = &bytes[..valid];
            let start = if base == 0 {
                bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes)
            } else {
                bytes
            };
            self.text = start.iter().any(|b| !b.is_ascii_whitespace());
        }
        Ok(())
    }

    /// Checks the end of the input: no cut UTF-8 sequence, not empty.
    fn check_end(&mut self) -> Result<()> {
        if !self.carry.is_empty() {
            return Err(Error::NotUtf8 {
                path: self.path.clone(),
                offset: (self.read as usize) - self.carry.len(),
            });
        }
        if !self.text {
            return Err(Error::Empty {
                path: self.path.clone(),
            });
        }
        Ok(())
    }
}

impl Read for XmlInput {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let refused = || io::Error::other("the input was refused");
        if self.problem.is_some() {
            return Err(refused());
        }
        let n = match self.from.read(out) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
            Err(e) => {
                self.problem = Some(Error::read(&self.path, e));
                return Err(refused());
            }
        };
        if !self.checked {
            return Ok(n);
        }
        let checked = if n == 0 && !out.is_empty() {
            self.check_end()
        } else {
            self.check(&out[..n])
        };
        match checked {
            Ok(()) => Ok(n),
            Err(e) => {
                self.problem = Some(e);
                Err(refused())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `bytes` through an [`XmlInput`] a few bytes at a time: the error it stops at.
    fn streamed(path: &Path) -> Option<Error> {
        let mut input = match open_xml(path, Limit::Tmx) {
            Ok(i) => i,
            Err(e) => return Some(e),
        };
        let mut buf = [0u8; 5];
        loop {
            match input.read(&mut buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(_) => return Some(input.problem().expect("a problem is kept")),
            }
        }
    }

    /// Issue 17: a stream is refused for what the whole text is refused for, at the same
    /// offset, wherever the chunks fall.
    #[test]
    fn a_stream_is_refused_as_the_whole_input_is() {
        let cases: Vec<Vec<u8>> = vec![
            b"<tmx>ok</tmx>".to_vec(),
            "<tmx>«sí» México</tmx>".as_bytes().to_vec(),
            b"<tmx>a\0b</tmx>".to_vec(),
            [b"<tmx>".repeat(40).as_slice(), b"\0"].concat(),
            "<tmx>".encode_utf16().flat_map(u16::to_le_bytes).collect(),
            b"<tmx>caf\xc3</tmx>".to_vec(),
            b"<tmx>caf\xc3".to_vec(),
            b"<tmx>\xff</tmx>".to_vec(),
            b"  \n\t ".to_vec(),
            b"\xef\xbb\xbf \n".to_vec(),
            [
                &[0xFF, 0xFE][..],
                &"<tmx>sí</tmx>"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>(),
            ]
            .concat(),
            vec![0xFE, 0xFF, 0, b'<', 0],
        ];
        for bytes in cases {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.tmx");
            std::fs::write(&path, &bytes).unwrap();
            let whole = super::super::read_xml_within(&path, Limit::Tmx).err();
            let stream = streamed(&path);
            assert_eq!(
                whole.map(|e| format!("{e:?}")),
                stream.map(|e| format!("{e:?}")),
                "{bytes:?}"
            );
        }
    }
}
