//! `init`: writes the commented `puente.toml` template, never over an existing one unless
//! asked to.
//!
//! It never prints: the outcome says whether the file was written or was already there.

use std::path::Path;

use crate::config::TEMPLATE;
use crate::error::Error;
use crate::files::{self, Durability};

/// What `init` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The template was written.
    Written,
    /// A file was already there and `force` was not given: nothing was written.
    Exists,
}

/// Writes the template to `path` (the project's `puente.toml`), replacing a file already
/// there only when `force` is given.
pub fn run(path: &Path, force: bool) -> Result<Outcome, Error> {
    if path.exists() && !force {
        return Ok(Outcome::Exists);
    }
    files::write_output(path, &[], Durability::Synced, |w| {
        w.write_all(TEMPLATE.as_bytes())
    })?;
    Ok(Outcome::Written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(crate::config::FILE_NAME);
        assert_eq!(run(&path, false).unwrap(), Outcome::Written);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), TEMPLATE);
        std::fs::write(&path, "[project]\n").unwrap();
        assert_eq!(run(&path, false).unwrap(), Outcome::Exists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[project]\n");
        assert_eq!(run(&path, true).unwrap(), Outcome::Written);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), TEMPLATE);
    }
}
