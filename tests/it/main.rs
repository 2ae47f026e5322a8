//! puente's integration tests: one binary, one module per area.

// Tests report scores (segmentation) on the terminal: the printing rule is the library's
// and the CLI's, not theirs.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod check;
mod checkstream;
mod cli;
mod concurrency;
mod contract;
mod directions;
mod drafts;
mod emphasis;
mod engines;
mod errors_es;
mod firstday;
mod flat;
mod formats;
mod frontmatter;
mod gate;
mod huge;
mod index;
mod init;
mod interrupted;
mod keep;
mod layers;
mod many;
mod mtfaults;
#[path = "../common/mtserver.rs"]
mod mtserver;
mod netfaults;
mod parses;
#[path = "../common/pg.rs"]
mod pg;
mod pgcache;
mod pgmemory;
mod pgmerge;
mod project;
mod props;
mod publish;
mod publishlock;
mod publishmany;
mod pubscale;
mod reports;
mod review;
mod roundtrip;
mod segmentation;
mod stopping;
mod support;
mod tm;
mod tmstream;
mod tools;
mod translate;
mod update;
mod writes;
mod xlfno;
mod xliffkeep;
