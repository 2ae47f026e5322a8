//! puente's integration tests: one binary, one module per area.

mod check;
mod cli;
mod props;
mod roundtrip;
mod segmentation;
mod support;
mod tools;
mod translate;
