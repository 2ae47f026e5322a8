//! `init`: makes a working project in a folder: the commented `puente.toml` (its comments in
//! the language the caller words them in), the glossary folder with a commented starter file,
//! the work folder, `.puente/` in `.gitignore`, and on request the CI recipe of `docs/ci.md`.
//! An empty project made this way lints and checks clean.
//!
//! In a project already there it adds what is missing (a CI recipe, the work folder, the
//! `.gitignore` entry) and keeps the rest: it never replaces a `puente.toml` unless asked to,
//! never replaces a glossary, work folder or CI file, and only appends to a `.gitignore`. It never prints or
//! renders Fluent: the comments come from [`Request::comment`], and the outcome lists what
//! was made and what was kept.

use std::path::{Path, PathBuf};

use crate::config::{self, FILE_NAME};
use crate::error::Error;
use crate::files::{self, make_folder, Durability};

/// The GitHub Actions recipe of `docs/ci.md`.
pub const GITHUB_RECIPE: &str = include_str!("../../docs/ci/github.yml");
/// The GitLab CI recipe of `docs/ci.md`.
pub const GITLAB_RECIPE: &str = include_str!("../../docs/ci/gitlab.yml");

/// The entry `init` adds to `.gitignore`: the memory, the cache and the locks are each
/// translator's own, never committed.
pub const IGNORED: &str = ".puente/";

/// Which CI recipe to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ci {
    /// `.github/workflows/puente.yml`.
    Github,
    /// `.gitlab-ci.yml`.
    Gitlab,
}

impl Ci {
    /// Where the recipe goes, relative to the project folder, and what it says.
    fn recipe(self) -> (PathBuf, &'static str) {
        match self {
            Ci::Github => (
                Path::new(".github").join("workflows").join("puente.yml"),
                GITHUB_RECIPE,
            ),
            Ci::Gitlab => (PathBuf::from(".gitlab-ci.yml"), GITLAB_RECIPE),
        }
    }
}

/// What to make.
pub struct Request<'a> {
    /// The project folder, made when it does not exist.
    pub dir: PathBuf,
    /// Replace an existing `puente.toml`.
    pub force: bool,
    /// The CI recipe to write, if any.
    pub ci: Option<Ci>,
    /// A template comment by its Fluent id, in the project's language.
    pub comment: &'a dyn Fn(&str) -> String,
}

/// One thing `init` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Made {
    /// A file written.
    File(PathBuf),
    /// A folder made.
    Folder(PathBuf),
    /// An entry appended to an ignore file.
    Ignored {
        /// The ignore file.
        path: PathBuf,
        /// The entry.
        entry: &'static str,
    },
    /// Something already there, left as it was.
    Kept(PathBuf),
}

/// What `init` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The project was made (or completed): what was done, in order.
    Made(Vec<Made>),
}

/// Makes the project `request` describes.
pub fn run(request: &Request<'_>) -> Result<Outcome, Error> {
    let dir = &request.dir;
    let config_path = dir.join(FILE_NAME);
    let mut made = Vec::new();
    if !dir.as_os_str().is_empty() && !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(|e| Error::Write {
            path: dir.clone(),
            source: e,
        })?;
        made.push(Made::Folder(dir.clone()));
    }
    let comment = request.comment;
    // A project's settings are the newsroom's: kept unless `force` asks for the template.
    if config_path.exists() && !request.force {
        made.push(Made::Kept(config_path));
    } else {
        files::write_output(&config_path, &[], Durability::Synced, |w| {
            w.write_all(config::template(comment).as_bytes())
        })?;
        made.push(Made::File(config_path));
    }

    // The glossary folder and the work folder the template names.
    let glossary = dir.join("glossary");
    if glossary.exists() {
        made.push(Made::Kept(glossary));
    } else {
        make_folder(&glossary)?;
        let starter = glossary.join("terms.toml");
        let head = comment("init-glossary-head");
        files::write_atomic(&starter, crate::glossary::starter(&head).as_bytes())?;
        made.push(Made::File(starter));
    }
    let work = dir.join("work");
    if work.exists() {
        made.push(Made::Kept(work));
    } else {
        make_folder(&work)?;
        // Git keeps no empty folder: without a file in it, a fresh clone has no `work/` and
        // the CI recipe's `puente check work/` would have nothing to point at.
        files::write_atomic(&work.join(".gitkeep"), b"")?;
        made.push(Made::Folder(work));
    }

    let gitignore = dir.join(".gitignore");
    // A FIFO or a device under that name would block the read (or the write) for ever: it is
    // kept as it is, and said to be kept.
    if std::fs::metadata(&gitignore).is_ok_and(|m| !m.is_file()) {
        made.push(Made::Kept(gitignore));
    } else {
        let current = match std::fs::read_to_string(&gitignore) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(Error::Read {
                    path: gitignore,
                    source: e,
                })
            }
        };
        let listed = current.as_deref().is_some_and(|text| {
            text.lines()
                .any(|l| matches!(l.trim(), ".puente" | ".puente/" | "/.puente" | "/.puente/"))
        });
        if !listed {
            let mut text = current.unwrap_or_default();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(IGNORED);
            text.push('\n');
            files::write_atomic(&gitignore, text.as_bytes())?;
            made.push(Made::Ignored {
                path: gitignore,
                entry: IGNORED,
            });
        }
    }

    if let Some(ci) = request.ci {
        let (relative, recipe) = ci.recipe();
        let path = dir.join(relative);
        if path.exists() {
            made.push(Made::Kept(path));
        } else {
            if let Some(parent) = path.parent() {
                if !parent.is_dir() {
                    std::fs::create_dir_all(parent).map_err(|e| Error::Write {
                        path: parent.to_path_buf(),
                        source: e,
                    })?;
                }
            }
            files::write_atomic(&path, recipe.as_bytes())?;
            made.push(Made::File(path));
        }
    }
    Ok(Outcome::Made(made))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::{L10n, UiLang};

    fn request<'a>(dir: &Path, force: bool, comment: &'a dyn Fn(&str) -> String) -> Request<'a> {
        Request {
            dir: dir.to_path_buf(),
            force,
            ci: None,
            comment,
        }
    }

    #[test]
    fn a_fifo_named_gitignore_is_kept_and_never_opened() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let english = L10n::new(UiLang::EnUs);
        let comment = |id: &str| english.get(id);
        let gitignore = dir.path().join(".gitignore");
        let made = std::process::Command::new("mkfifo")
            .arg(&gitignore)
            .status()
            .unwrap();
        assert!(made.success());
        // Opening the FIFO to read or write it would block this test for ever.
        let Outcome::Made(made) = run(&request(dir.path(), false, &comment)).unwrap();
        assert!(made.contains(&Made::Kept(gitignore.clone())), "{made:?}");
        assert!(dir.path().join(FILE_NAME).is_file());
        let kind = std::fs::symlink_metadata(&gitignore).unwrap().file_type();
        assert!(kind.is_fifo());
    }

    #[test]
    fn an_existing_config_is_kept_unless_forced_and_a_gitignore_only_grows() {
        let dir = tempfile::tempdir().unwrap();
        let english = L10n::new(UiLang::EnUs);
        let comment = |id: &str| english.get(id);
        std::fs::write(dir.path().join(".gitignore"), "target").unwrap();
        let path = dir.path().join(FILE_NAME);
        assert!(matches!(
            run(&request(dir.path(), false, &comment)).unwrap(),
            Outcome::Made(_)
        ));
        let template = config::template(comment);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), template);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
            "target\n.puente/\n"
        );
        std::fs::write(&path, "[project]\n").unwrap();
        let Outcome::Made(made) = run(&request(dir.path(), false, &comment)).unwrap();
        assert!(made.contains(&Made::Kept(path.clone())));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[project]\n");
        let Outcome::Made(made) = run(&request(dir.path(), true, &comment)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), template);
        // The second time, the glossary and work folders are kept and .gitignore is not
        // touched again.
        assert!(made.contains(&Made::Kept(dir.path().join("glossary"))));
        assert!(!made.iter().any(|m| matches!(m, Made::Ignored { .. })));
    }

    #[test]
    fn the_recipes_are_the_ones_the_ci_guide_shows() {
        let guide =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci.md"))
                .unwrap();
        for recipe in [GITHUB_RECIPE, GITLAB_RECIPE] {
            assert!(
                guide.contains(recipe),
                "docs/ci.md does not show:\n{recipe}"
            );
        }
    }
}
