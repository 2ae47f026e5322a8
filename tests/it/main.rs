//! puente's integration tests: one binary, one module per area.

mod check;
mod cli;
mod engines;
mod formats;
mod interrupted;
mod mtfaults;
#[path = "../common/mtserver.rs"]
mod mtserver;
mod props;
mod publish;
mod roundtrip;
mod segmentation;
mod support;
mod tm;
mod tools;
mod translate;
mod update;
mod writes;
