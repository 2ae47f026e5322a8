//! (being moved here from `src/cli/translate.rs`.)
