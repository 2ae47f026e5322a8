//! The project a run works in, opened once: `puente.toml` found upward from the current
//! folder and validated whole (every section, for every command), the glossary and quote
//! register loaded once with their checksum, and the places a run reads and writes (work
//! folder, memory, cache). It is also the one language resolver: every command asks it which
//! languages a file is in, with one precedence.
//!
//! It reads files (the config, the glossary) and writes only two of its own, best effort: the
//! glossary as last parsed ([`GLOSSARY_KEPT`]) and the articles' parses ([`parses`]); it never
//! prints and never reads the environment: the CLI passes what the environment says.

pub mod parses;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::config::{self, Config};
use crate::error::Error;
use crate::files;
use crate::glossary::Glossary;
use crate::lang::Lang;

/// The project context of one run.
#[derive(Debug, Default)]
pub struct Project {
    /// The validated `puente.toml`, when the run is inside a project.
    config: Option<Config>,
    /// The memory server's URL (no password), when `[tm] url` or `PUENTE_TM_URL` names one:
    /// it stands for the memory where `.puente/tm.sqlite` would (issue 18).
    memory_url: Option<String>,
    /// The glossary, loaded on first use and kept for the rest of the run.
    /// A lock, not a cell: a folder's files are segmented and merged on every core, all
    /// sharing the project.
    glossary: OnceLock<LoadedGlossary>,
    /// The articles' kept parses, opened on first use (`None` outside a project).
    parses: OnceLock<Option<parses::Parses>>,
}

/// A glossary as a run uses it: where it came from, the terms, and a checksum for provenance.
#[derive(Debug, Default)]
pub struct LoadedGlossary {
    /// The file or folder it was read from; `None` for the empty glossary of a project
    /// without one.
    pub path: Option<PathBuf>,
    /// The terms, names and quote register.
    pub glossary: Glossary,
    /// The first 16 hex digits of the SHA-256 of its files' names and contents, or `none`.
    pub checksum: String,
}

/// What a command knows about a file's languages, from the strongest evidence to the weakest.
/// The first level that says anything decides; within it a side it does not name is the other
/// language (puente's pairs are English and Spanish).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LangEvidence {
    /// `--from` and `--to`.
    pub flags: (Option<Lang>, Option<Lang>),
    /// The work file's header: source (`X-Source-Language`, XLIFF `srcLang`) and target
    /// (`Language`, XLIFF `trgLang`).
    pub header: (Option<Lang>, Option<Lang>),
    /// The article's front matter `lang` (the source language).
    pub front_matter: Option<Lang>,
    /// The language suffix of the article's file name (`story.es.md`), a source language.
    pub file_name: Option<Lang>,
}

impl LangEvidence {
    /// The flags as given on the command line.
    pub fn flags(from: Option<Lang>, to: Option<Lang>) -> LangEvidence {
        LangEvidence {
            flags: (from, to),
            ..LangEvidence::default()
        }
    }

    /// The same evidence with a work file's header added.
    pub fn with_header(mut self, source: Option<Lang>, target: Option<Lang>) -> LangEvidence {
        self.header = (source, target);
        self
    }

    /// The same evidence with an article's front matter and file name added.
    pub fn with_article(mut self, front_matter: Option<Lang>, path: &Path) -> LangEvidence {
        self.front_matter = front_matter;
        self.file_name = lang_of_file_name(path);
        self
    }
}

/// The languages a work file's header declares, as written there (source, target): none
/// where it says nothing, and a value puente does not translate (`pt_BR`) an error naming the
/// file, never a language guessed in its place.
pub fn declared_langs(
    path: &Path,
    source: Option<&str>,
    target: Option<&str>,
) -> Result<(Option<Lang>, Option<Lang>), Error> {
    let read = |v: Option<&str>| match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse::<Lang>().map(Some).map_err(|_| Error::HeaderLang {
            path: path.to_path_buf(),
            value: v.to_string(),
        }),
    };
    Ok((read(source)?, read(target)?))
}

/// The language suffix of a file name: `story.es.md` → Spanish; `story.md` → none.
pub fn lang_of_file_name(path: &Path) -> Option<Lang> {
    let stem = path.file_stem()?.to_str()?;
    let (_, suffix) = stem.rsplit_once('.')?;
    // Only a bare code: `notes.v2.md` names no language.
    (suffix.len() == 2).then(|| suffix.parse().ok()).flatten()
}

impl Project {
    /// Opens the project that holds `cwd` (the nearest `puente.toml` upward), validating the
    /// whole file; outside a project there is no config and every default applies.
    pub fn open(cwd: &Path) -> Result<Project, Error> {
        Ok(Project {
            config: find_config(cwd)?,
            memory_url: None,
            glossary: OnceLock::new(),
            parses: OnceLock::new(),
        })
    }

    /// A project context from a config already loaded (tests, tools).
    pub fn from_config(config: Option<Config>) -> Project {
        Project {
            config,
            memory_url: None,
            glossary: OnceLock::new(),
            parses: OnceLock::new(),
        }
    }

    /// The same project with its memory on the server at `url` (a `postgresql://` URL
    /// without a password), or back in `.puente/tm.sqlite` for `None`.
    pub fn with_memory_url(mut self, url: Option<String>) -> Project {
        self.memory_url = url;
        self
    }

    /// The validated `puente.toml`, when there is one.
    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    /// The `[check]` settings, validated with the rest of the file; the defaults outside a
    /// project.
    pub fn check_settings(&self) -> crate::check::Settings {
        self.config
            .as_ref()
            .map(Config::check_settings)
            .unwrap_or_default()
    }

    /// The `[check]` settings for one work file: how its Spanish side writes numbers comes
    /// from that side's language tag when the tag names a region (`Language: es-ES` in a PO,
    /// `X-Source-Language: es-AR` for a Spanish source), else from `[check] number_locale`;
    /// an English side tagged British (`en-GB`) keeps logical quote punctuation.
    pub fn check_settings_for(
        &self,
        langs: (Lang, Lang),
        source_tag: Option<&str>,
        target_tag: Option<&str>,
    ) -> crate::check::Settings {
        let mut settings = self.check_settings();
        let spanish_tag = if langs.0 == Lang::Es {
            source_tag
        } else {
            target_tag
        };
        if let Some(locale) = spanish_tag.and_then(crate::text::numbers::NumberLocale::from_tag) {
            settings.number_locale = locale;
        }
        let english_tag = if langs.0 == Lang::En {
            source_tag
        } else {
            target_tag
        };
        if let Some(style) = english_tag.and_then(crate::check::EnglishPunctuation::from_tag) {
            settings.english_punctuation = style;
        }
        settings
    }

    /// The folder holding `puente.toml`, when there is one.
    pub fn root(&self) -> Option<&Path> {
        self.config.as_ref().map(|c| c.root.as_path())
    }

    /// Which languages a file is in, by one precedence for every command: the flags, then
    /// the work file's header, then the article's front matter, then its file name, then the
    /// project. The first level that names a language decides; a side it leaves open is the
    /// other language. When nothing names one, `default_source` (segmenting an article)
    /// applies, else the file is refused with an error that names it and the flags.
    ///
    /// Two levels that disagree are refused rather than one of them believed: a flag against
    /// what a work file's header declares (its translations are in the header's languages),
    /// and, when no flag says, a front matter against the file name (an edition merged before
    /// merge wrote its own `lang`). A flag may correct an article's front matter or name.
    pub fn languages(
        &self,
        path: &Path,
        evidence: LangEvidence,
        default_source: Option<Lang>,
    ) -> Result<(Lang, Lang), Error> {
        let pair = |(source, target): (Option<Lang>, Option<Lang>)| match (source, target) {
            (None, None) => None,
            (Some(s), Some(t)) => Some((s, t)),
            (Some(s), None) => Some((s, s.other())),
            (None, Some(t)) => Some((t.other(), t)),
        };
        if let (Some(flags), Some(header)) = (pair(evidence.flags), pair(evidence.header)) {
            if flags != header {
                let (flag, given, declared) = match evidence.flags {
                    (Some(f), _) if f != header.0 => ("--from", f, header.0),
                    (_, Some(t)) => ("--to", t, header.1),
                    (f, None) => ("--from", f.unwrap_or(header.0), header.0),
                };
                return Err(Error::FlagAgainstHeader {
                    path: path.to_path_buf(),
                    flag: flag.to_string(),
                    given: given.code().to_string(),
                    declared: declared.code().to_string(),
                });
            }
        }
        if let (None, None, Some(front), Some(name)) = (
            pair(evidence.flags),
            pair(evidence.header),
            evidence.front_matter,
            evidence.file_name,
        ) {
            if front != name {
                return Err(Error::LangMismatch {
                    path: path.to_path_buf(),
                    front_matter: front.code().to_string(),
                    file_name: name.code().to_string(),
                });
            }
        }
        let project = self
            .config
            .as_ref()
            .map(|c| (Some(c.project.source), Some(c.project.target)));
        let levels = [
            Some(evidence.flags),
            Some(evidence.header),
            Some((evidence.front_matter, None)),
            Some((evidence.file_name, None)),
            project,
            Some((default_source, None)),
        ];
        for level in levels.into_iter().flatten() {
            let Some((source, target)) = pair(level) else {
                continue;
            };
            if source == target {
                return Err(Error::SameLang {
                    lang: source.code().to_string(),
                });
            }
            return Ok((source, target));
        }
        Err(Error::NoLanguages {
            path: path.to_path_buf(),
        })
    }

    /// The glossary a command uses (check, translate, publish, tm): `flag` (`--glossary`),
    /// else the project's glossary folder, else `glossary/` in the current folder; the empty
    /// glossary when there is no such thing. Loaded once per run. One that does not load, or
    /// in which `glossary lint` finds errors, is refused: the checks and MT would otherwise
    /// pick one of two conflicting entries silently.
    pub fn glossary(&self, flag: Option<&Path>) -> Result<&LoadedGlossary, Error> {
        if let Some(g) = self.glossary.get() {
            return Ok(g);
        }
        let path = match flag {
            Some(p) => Some(p.to_path_buf()),
            None => self
                .config
                .as_ref()
                .map(|c| c.glossary_dir())
                .filter(|p| p.exists())
                .or_else(|| Some(PathBuf::from("glossary")).filter(|p| p.is_dir())),
        };
        let loaded = match path {
            Some(p) => {
                let texts = glossary_texts(&p)?;
                let kept = self.config.as_ref().map(|c| c.root.join(GLOSSARY_KEPT));
                let key = slash_path(&p);
                let remembered = kept
                    .as_deref()
                    .and_then(|k| recall(k, &key, &texts.checksum));
                let glossary = match remembered {
                    Some(glossary) => glossary,
                    None => {
                        let read = parse_glossary(texts.files, texts.checksum.clone());
                        let glossary = refuse_problems(read)?.0;
                        let findings = crate::glossary::lint::lint(&glossary, &[]);
                        if !findings.is_empty() {
                            return Err(Error::GlossaryLint { path: p, findings });
                        }
                        if let Some(k) = &kept {
                            remember(k, &key, &texts.checksum, &glossary);
                        }
                        glossary
                    }
                };
                LoadedGlossary {
                    path: Some(p),
                    glossary,
                    checksum: texts.checksum,
                }
            }
            None => LoadedGlossary {
                path: None,
                glossary: Glossary::default(),
                checksum: "none".into(),
            },
        };
        Ok(self.glossary.get_or_init(|| loaded))
    }

    /// Where the memory lives: `flag` (`--tm`), else the memory server's URL when there is
    /// one, else the project's `.puente/tm.sqlite`, else one in `near` (outside a project:
    /// the work file's folder).
    pub fn memory_path(&self, flag: Option<&Path>, near: &Path) -> PathBuf {
        if let Some(p) = flag {
            return p.to_path_buf();
        }
        if let Some(url) = &self.memory_url {
            return PathBuf::from(url);
        }
        self.state_dir(near).join("tm.sqlite")
    }

    /// Where the cache of verified machine translations lives: the project's
    /// `.puente/cache.sqlite`, else one in `near`.
    pub fn cache_path(&self, near: &Path) -> PathBuf {
        self.state_dir(near).join("cache.sqlite")
    }

    /// The project's work file folder, else `near`.
    pub fn work_dir(&self, near: &Path) -> PathBuf {
        match &self.config {
            Some(c) => c.workfiles_dir(),
            None => near.to_path_buf(),
        }
    }

    /// `.puente/` at the project root, else in `near`.
    /// The project's kept parses of its articles ([`parses`]): none outside a project (a
    /// folder of loose files has no place of its own to keep them), nor when this puente's
    /// program file cannot be found to name its build.
    pub fn parses(&self) -> Option<&parses::Parses> {
        self.parses
            .get_or_init(|| {
                let root = &self.config.as_ref()?.root;
                // The program's build, and the parse itself by the hash of its sources
                // (build.rs): a rebuild that changed how articles are parsed but kept the
                // program's size and time (a reproducible build) is another.
                let build = format!("{} {}", build()?, env!("PUENTE_PARSE_FINGERPRINT"));
                Some(parses::Parses::new(root.join(parses::PARSES_KEPT), build))
            })
            .as_ref()
    }

    fn state_dir(&self, near: &Path) -> PathBuf {
        match &self.config {
            Some(c) => c.root.join(".puente"),
            None => near.join(".puente"),
        }
    }
}

/// Finds and loads `puente.toml` from `start` or its parents, validated whole.
pub fn find_config(start: &Path) -> Result<Option<Config>, Error> {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    for dir in start.ancestors() {
        let candidate = dir.join(config::FILE_NAME);
        if candidate.is_file() {
            let text = files::read_text(&candidate)?;
            return Ok(Some(Config::parse(&candidate, &text)?));
        }
    }
    Ok(None)
}

/// The glossary files at `path`: the file itself, or the `.toml` files of a folder, sorted.
pub fn glossary_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| Error::read(path, e))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    found.sort();
    Ok(found)
}

/// A glossary as its files give it: the terms of every file that loads, the problems of
/// those that do not (with their location), how many files there were, and the checksum of
/// their names and contents (each file read once).
#[derive(Debug, Default)]
pub struct ReadGlossary {
    /// The terms, names and quote register.
    pub glossary: Glossary,
    /// Files that do not load, each with where and why.
    pub problems: Vec<crate::glossary::LoadProblem>,
    /// How many files were read.
    pub files: usize,
    /// The first 16 hex digits of the SHA-256 of the files' names and contents.
    pub checksum: String,
}

/// Reads every glossary file at `path` (a file or folder): the one reader, used by the
/// commands that load a glossary ([`load_glossary`]) and by `glossary lint`, which reports
/// every problem rather than the first.
pub fn read_glossary(path: &Path) -> Result<ReadGlossary, Error> {
    let texts = glossary_texts(path)?;
    Ok(parse_glossary(texts.files, texts.checksum))
}

/// A glossary's files as read, before they are parsed, with their checksum.
struct GlossaryTexts {
    /// Each file and its text, in order.
    files: Vec<(PathBuf, String)>,
    /// The first 16 hex digits of the SHA-256 of the files' names and contents.
    checksum: String,
}

/// Reads the glossary files at `path` (each once) and sums them up.
fn glossary_texts(path: &Path) -> Result<GlossaryTexts, Error> {
    let mut files = Vec::new();
    let mut all = Vec::new();
    for f in glossary_files(path)? {
        let text = files::read_text(&f)?;
        all.extend_from_slice(
            f.file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or_default(),
        );
        all.push(0);
        all.extend_from_slice(text.as_bytes());
        all.push(0);
        files.push((f, text));
    }
    Ok(GlossaryTexts {
        files,
        checksum: crate::text::sha256_hex(&all)[..16].to_string(),
    })
}

/// Parses a glossary's files: the terms of every file that loads, the problems of the others.
fn parse_glossary(texts: Vec<(PathBuf, String)>, checksum: String) -> ReadGlossary {
    let mut read = ReadGlossary {
        checksum,
        ..ReadGlossary::default()
    };
    for (f, text) in &texts {
        read.problems
            .extend(read.glossary.add_file(&slash_path(f), text));
        read.files += 1;
    }
    read
}

/// The glossary, or the first problem of a file that does not load, as an error.
fn refuse_problems(read: ReadGlossary) -> Result<(Glossary, String), Error> {
    if let Some(p) = read.problems.into_iter().next() {
        return Err(Error::Glossary {
            file: p.at.file,
            line: p.at.line,
            column: p.at.column,
            problem: p.kind,
        });
    }
    Ok((read.glossary, read.checksum))
}

/// Loads the glossary at `path` (a file or folder), refusing one whose files do not all load;
/// returns it with its checksum.
pub fn load_glossary(path: &Path) -> Result<(Glossary, String), Error> {
    refuse_problems(read_glossary(path)?)
}

/// Where a project keeps its glossary as last parsed and found clean, under its root.
///
/// Parsing and linting a newsroom's glossary (thousands of entries) takes longer than
/// checking a story with it, and a story is checked before every commit. The parsed glossary
/// is kept with the checksum of the files it came from, so a run whose glossary has not
/// changed reads it back in a fraction of the time; any change to a file (or a different
/// puente, or another glossary path) parses the files anew. It is kept in postcard, a compact
/// binary form of the same serde data: read back from JSON, 5,000 terms took 50 million
/// instructions, about a fifth of a one-story check; from postcard, 14 million.
pub const GLOSSARY_KEPT: &str = ".puente/glossary.bin";

/// What [`GLOSSARY_KEPT`] holds: the puente that kept it ([`build`]), the glossary's path as
/// given, its checksum, and the glossary.
type Kept = (String, String, String, Glossary);

/// The glossary kept at `kept` for the files at `key` with `checksum`, if it is there, is a
/// regular file, and was kept by this very build of puente from those very files. Anything else (a missing
/// or damaged file, a FIFO) is no glossary: the files are parsed.
fn recall(kept: &Path, key: &str, checksum: &str) -> Option<Glossary> {
    // A FIFO or a device would block the read or never end: only a regular file is read.
    if !std::fs::symlink_metadata(kept).ok()?.is_file() {
        return None;
    }
    let bytes = std::fs::read(kept).ok()?;
    let (puente, path, sum, glossary): Kept = postcard::from_bytes(&bytes).ok()?;
    (Some(puente) == glossary_build() && path == key && sum == checksum).then_some(glossary)
}

/// The build as the kept glossary names it: [`build`], and the glossary's parse by the hash
/// of its sources (build.rs), so that a rebuild that changed how glossaries are read but
/// kept the program's size and time (a reproducible build) is another.
fn glossary_build() -> Option<String> {
    Some(format!(
        "{} {}",
        build()?,
        env!("PUENTE_GLOSSARY_FINGERPRINT")
    ))
}

/// This puente, as what it keeps names the one that kept it: its version and its program
/// file's size and modification time, so that another build of the same version parses its
/// inputs anew. `None` when the program file cannot be found: nothing is read back then.
fn build() -> Option<String> {
    let meta = std::env::current_exe().and_then(std::fs::metadata).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} {}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified.as_nanos()
    ))
}

/// Keeps `glossary`, parsed from the files at `key` with `checksum`, for the next run. Best
/// effort and never an error: a project whose `.puente` folder is missing or read-only, or
/// where something other than a regular file has the name, only parses its glossary each run.
fn remember(kept: &Path, key: &str, checksum: &str, glossary: &Glossary) {
    let Some(build) = glossary_build() else {
        return;
    };
    if files::make_folder(&parent_dir(kept)).is_err() {
        return;
    }
    if std::fs::symlink_metadata(kept).is_ok_and(|m| !m.is_file()) {
        return;
    }
    let Ok(bytes) = postcard::to_allocvec(&(build, key, checksum, glossary)) else {
        return;
    };
    let _ = files::write_output(kept, &[], files::Durability::Bulk, |w| w.write_all(&bytes));
}

/// A path with forward slashes, as work files and reports store it.
pub fn slash_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

pub use crate::files::parent_dir;

/// `path` relative to the folder `base`, when both can be resolved; `path` itself otherwise.
pub fn relative_path(path: &Path, base: &Path) -> PathBuf {
    let (Ok(p), Ok(b)) = (std::fs::canonicalize(path), std::fs::canonicalize(base)) else {
        return path.to_path_buf();
    };
    let pc: Vec<_> = p.components().collect();
    let bc: Vec<_> = b.components().collect();
    let common = pc.iter().zip(&bc).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in common..bc.len() {
        rel.push("..");
    }
    for c in &pc[common..] {
        rel.push(c);
    }
    rel
}

/// `drone-strikes.en.md` with `es` → `drone-strikes.es.md`; `story.md` → `story.es.md`.
pub fn with_lang(path: &Path, lang: Lang, ext: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = match stem.rsplit_once('.') {
        Some((b, l)) if l.parse::<Lang>().is_ok() && l.len() <= 5 => b.to_string(),
        _ => stem,
    };
    path.with_file_name(format!("{base}.{}.{ext}", lang.code()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    fn project(source: Lang, target: Lang) -> Project {
        let text = format!(
            "[project]\nsource = \"{}\"\ntarget = \"{}\"\n",
            source.code(),
            target.code()
        );
        Project::from_config(Some(
            Config::parse(Path::new("puente.toml"), &text).expect("a valid config"),
        ))
    }

    const EN: Option<Lang> = Some(Lang::En);
    const ES: Option<Lang> = Some(Lang::Es);

    /// A project in `dir` with a glossary file of one term, `id`.
    fn project_with_glossary(dir: &Path, id: &str) -> (Project, PathBuf) {
        let toml = dir.join("puente.toml");
        std::fs::write(&toml, "[project]\nsource = \"en\"\ntarget = \"es\"\n").unwrap();
        let glossary = dir.join("glossary");
        std::fs::create_dir_all(&glossary).unwrap();
        std::fs::write(
            glossary.join("terms.toml"),
            format!("[[term]]\nid = \"{id}\"\nen = [\"drone\"]\nes = [\"dron\"]\n"),
        )
        .unwrap();
        let text = std::fs::read_to_string(&toml).unwrap();
        (
            Project::from_config(Some(Config::parse(&toml, &text).unwrap())),
            glossary,
        )
    }

    fn term_ids(p: &Project, glossary: &Path) -> Vec<String> {
        let loaded = p.glossary(Some(glossary)).unwrap();
        loaded.glossary.terms.iter().map(|t| t.id.clone()).collect()
    }

    fn read_kept(path: &Path) -> Kept {
        let bytes = std::fs::read(path).expect("the parsed glossary is kept");
        postcard::from_bytes(&bytes).expect("a kept glossary reads back")
    }

    fn write_kept(path: &Path, kept: &Kept) {
        std::fs::write(path, postcard::to_allocvec(kept).unwrap()).unwrap();
    }

    #[test]
    fn a_glossary_is_read_back_as_kept_until_one_of_its_files_changes() {
        let dir = tempfile::tempdir().unwrap();
        let (p, glossary) = project_with_glossary(dir.path(), "drone");
        assert_eq!(term_ids(&p, &glossary), ["drone"]);
        let kept = dir.path().join(GLOSSARY_KEPT);
        // What is kept is what a run uses while the files are unchanged: a kept glossary
        // marked by hand is the one the next run reads.
        let mut k = read_kept(&kept);
        k.3.terms[0].id = "marked".into();
        write_kept(&kept, &k);
        let (p, glossary) = project_with_glossary(dir.path(), "drone");
        assert_eq!(term_ids(&p, &glossary), ["marked"]);
        // A changed file is parsed anew and kept again.
        let (p, glossary) = project_with_glossary(dir.path(), "drone-2");
        assert_eq!(term_ids(&p, &glossary), ["drone-2"]);
        assert_eq!(read_kept(&kept).3.terms[0].id, "drone-2");
        // One kept by a build that reads glossaries differently (another hash of the
        // glossary's sources, build.rs), though of the same version, size and time, is
        // parsed anew.
        let mut k = read_kept(&kept);
        let fingerprint = env!("PUENTE_GLOSSARY_FINGERPRINT");
        assert!(k.0.contains(fingerprint), "{}", k.0);
        k.0 = k.0.replace(fingerprint, "0000000000000000");
        k.3.terms[0].id = "marked".into();
        write_kept(&kept, &k);
        let (p, glossary) = project_with_glossary(dir.path(), "drone-2");
        assert_eq!(term_ids(&p, &glossary), ["drone-2"]);
        // A damaged kept glossary is no glossary: the files are parsed, and it is rewritten.
        // So is one cut short.
        let whole = std::fs::read(&kept).unwrap();
        for damaged in [
            &b"\xff\xff\xff\xff not a kept glossary"[..],
            &whole[..whole.len() / 2],
        ] {
            std::fs::write(&kept, damaged).unwrap();
            let (p, glossary) = project_with_glossary(dir.path(), "drone-2");
            assert_eq!(term_ids(&p, &glossary), ["drone-2"]);
            assert_eq!(std::fs::read(&kept).unwrap(), whole);
        }
    }

    #[test]
    fn a_fifo_where_the_glossary_is_kept_is_neither_read_nor_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".puente")).unwrap();
        let kept = dir.path().join(GLOSSARY_KEPT);
        let made = std::process::Command::new("mkfifo")
            .arg(&kept)
            .status()
            .unwrap();
        assert!(made.success());
        // Reading the FIFO would block this test for ever; writing it would too.
        let (p, glossary) = project_with_glossary(dir.path(), "drone");
        assert_eq!(term_ids(&p, &glossary), ["drone"]);
        assert!(std::fs::symlink_metadata(&kept)
            .unwrap()
            .file_type()
            .is_fifo());
    }

    #[test]
    fn a_glossary_that_does_not_pass_lint_is_refused_and_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (_, glossary) = project_with_glossary(dir.path(), "drone");
        // Two entries with one id: `glossary lint` finds an error.
        std::fs::write(
            glossary.join("more.toml"),
            "[[term]]\nid = \"drone\"\nen = [\"drones\"]\nes = [\"drones\"]\n",
        )
        .unwrap();
        let text = std::fs::read_to_string(dir.path().join("puente.toml")).unwrap();
        let p = Project::from_config(Some(
            Config::parse(&dir.path().join("puente.toml"), &text).unwrap(),
        ));
        assert!(p.glossary(Some(&glossary)).is_err());
        assert!(!dir.path().join(GLOSSARY_KEPT).exists());
    }

    #[test]
    fn the_first_level_that_names_a_language_decides() {
        let p = project(Lang::En, Lang::Es);
        let f = Path::new("w.po");
        // A header that says es → en wins over the project's en → es.
        let e = LangEvidence::default().with_header(ES, EN);
        assert_eq!(p.languages(f, e, None).unwrap(), (Lang::Es, Lang::En));
        // A header with only its target (a PO's `Language`) still decides both sides.
        let e = LangEvidence::default().with_header(None, Some(Lang::En));
        assert_eq!(p.languages(f, e, None).unwrap(), (Lang::Es, Lang::En));
        // A flag fills in what a header leaves open.
        let e = LangEvidence::flags(Some(Lang::Es), None).with_header(None, None);
        assert_eq!(p.languages(f, e, None).unwrap(), (Lang::Es, Lang::En));
        // Front matter before the project; the file name when the front matter is silent.
        let e = LangEvidence::default().with_article(ES, Path::new("a.md"));
        assert_eq!(p.languages(f, e, None).unwrap(), (Lang::Es, Lang::En));
        let e = LangEvidence::default().with_article(None, Path::new("a.es.md"));
        assert_eq!(p.languages(f, e, None).unwrap(), (Lang::Es, Lang::En));
        // Nothing said: the project.
        assert_eq!(
            p.languages(f, LangEvidence::default(), None).unwrap(),
            (Lang::En, Lang::Es)
        );
    }

    #[test]
    fn levels_that_disagree_are_refused_not_one_believed() {
        let p = project(Lang::En, Lang::Es);
        let f = Path::new("w.po");
        // A flag against the header: the translations are in the header's languages.
        let e = LangEvidence::flags(ES, None).with_header(EN, ES);
        assert!(
            matches!(p.languages(f, e, None), Err(Error::FlagAgainstHeader { ref flag, .. }) if flag == "--from")
        );
        let e = LangEvidence::flags(None, EN).with_header(EN, ES);
        assert!(
            matches!(p.languages(f, e, None), Err(Error::FlagAgainstHeader { ref flag, .. }) if flag == "--to")
        );
        // A flag that agrees with the header is fine.
        let e = LangEvidence::flags(EN, None).with_header(None, ES);
        assert_eq!(p.languages(f, e, None).unwrap(), (Lang::En, Lang::Es));
        // Front matter against the file name, with no flag: an old merged edition.
        let a = Path::new("story.es.md");
        let e = LangEvidence::default().with_article(EN, a);
        assert!(matches!(
            p.languages(a, e, None),
            Err(Error::LangMismatch { .. })
        ));
        // A flag corrects an article.
        let e = LangEvidence::flags(ES, None).with_article(EN, a);
        assert_eq!(p.languages(a, e, None).unwrap(), (Lang::Es, Lang::En));
    }

    #[test]
    fn a_header_value_puente_does_not_translate_is_an_error() {
        let f = Path::new("w.po");
        assert_eq!(
            declared_langs(f, Some("en"), Some("es_MX")).unwrap(),
            (EN, ES)
        );
        assert_eq!(declared_langs(f, None, Some(" ")).unwrap(), (None, None));
        assert!(matches!(
            declared_langs(f, Some("en"), Some("pt_BR")),
            Err(Error::HeaderLang { ref value, .. }) if value == "pt_BR"
        ));
    }

    #[test]
    fn a_file_nothing_speaks_for_is_refused_not_guessed() {
        let p = Project::default();
        let e = p.languages(Path::new("w.po"), LangEvidence::default(), None);
        assert!(matches!(e, Err(Error::NoLanguages { .. })), "{e:?}");
        // Segmenting an article has a default source.
        assert_eq!(
            p.languages(Path::new("a.md"), LangEvidence::default(), EN)
                .unwrap(),
            (Lang::En, Lang::Es)
        );
    }

    #[test]
    fn the_same_language_on_both_sides_is_an_error() {
        let p = Project::default();
        let e = p.languages(Path::new("w.po"), LangEvidence::flags(ES, ES), None);
        assert!(matches!(e, Err(Error::SameLang { .. })), "{e:?}");
    }

    #[test]
    fn file_names_name_a_language_only_with_a_bare_code() {
        assert_eq!(lang_of_file_name(Path::new("x/a.es.md")), ES);
        assert_eq!(lang_of_file_name(Path::new("a.en.txt")), EN);
        assert_eq!(lang_of_file_name(Path::new("a.md")), None);
        assert_eq!(lang_of_file_name(Path::new("notes.v2.md")), None);
    }

    #[test]
    fn output_names_follow_the_language() {
        assert_eq!(
            with_lang(Path::new("a/drone-strikes.en.md"), Lang::Es, "md"),
            Path::new("a/drone-strikes.es.md")
        );
        assert_eq!(
            with_lang(Path::new("story.md"), Lang::Es, "po"),
            Path::new("story.es.po")
        );
    }
}
