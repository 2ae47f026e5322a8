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

/// One batch of a run over many files (`segment` and `merge` of a folder), settled: handed
/// to the caller's sink as soon as it is, in order, and then forgotten, so that a run holds a
/// batch or two at a time whatever the number of files.
#[derive(Debug)]
pub struct Batch<'a, R> {
    /// The batch's files (articles or work files), in order.
    pub paths: &'a [std::path::PathBuf],
    /// Each one's report, or the error that stopped it (the others went on); `None` for one
    /// never started (a stop was asked for).
    pub results: Vec<Option<Result<R, crate::error::Error>>>,
}
