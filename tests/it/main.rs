//! puente's integration tests: one binary, one module per area.

mod cli;
mod roundtrip;
mod props;
mod segmentation;
mod support;
mod tools;
