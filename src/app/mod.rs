//! The application layer: each step of the newsroom's workflow as a function over the
//! [`Project`](crate::project::Project) and plain requests, returning plain reports. Steps
//! read and write files (through [`crate::files`]), open the memory and the cache, and run
//! engines; the pure stages do the work on text.
//!
//! It never parses arguments, prints, or renders Fluent messages: that is the CLI's, which
//! maps arguments to a request and a report (or an [`Error`](crate::error::Error)) to
//! localized text. Progress and per-file outcomes come back as data (events or report
//! entries), so a step can be run and tested without spawning the binary.

pub mod check;
pub mod engines;
pub mod glossary;
pub mod import;
pub mod init;
pub mod memory;
pub mod merge;
pub mod publish;
pub mod segment;
pub mod split;
pub mod status;
pub mod translate;
pub mod work;
pub mod workfiles;
