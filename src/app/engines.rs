//! (being moved here from `src/cli/engines.rs`.)
