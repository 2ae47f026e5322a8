//! The work file readers never panic on hostile input: PO and XLIFF parsing return a value or
//! an error with a position.
#![no_main]

use libfuzzer_sys::fuzz_target;
use puente::workfile::{WorkFile, WorkFormat};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = WorkFile::read(text, WorkFormat::Po);
    let _ = WorkFile::read(text, WorkFormat::Xliff);
});
