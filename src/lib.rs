//! puente: the workflow between the English and Spanish editions of a news story.
//!
//! ```text
//!  scraped .txt ──import──▶ article.md ──segment──▶ work file (PO / XLIFF) ──merge──▶ article.es.md
//!                              │                        ▲    │
//!                              └─ article ─ segment ────┘    └─ translators, glossary, checks
//!                                                            │
//!                                  publish (gate: check) ◀───┘──▶ en/, es/, bilingual/ HTML, .md, .json
//! ```
//!
//! Four layers, each using only those below it (`tests/it/layers.rs` enforces it): `cli`
//! (arguments and rendering) over `app` (one function per step of the workflow) over
//! `project` (the project context and the one language resolver) over the pure stages
//! (`lang`, `text`, `segment`, `article`, `glossary`, `workfile`, `check`, `publish`,
//! `config`, `l10n`, `xml`), which never touch the network, the terminal, files or the
//! environment. Beside them, `files` (reads and writes), `output` (the one printer), `error`,
//! `stop` (a Ctrl-C that stops a folder run between stories), `mt`'s engines (programs and
//! HTTP) and `tm` (the SQLite memory). See ARCHITECTURE.md.

pub mod app;
pub mod article;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod files;
pub mod glossary;
pub mod l10n;
pub mod lang;
pub mod mt;
pub mod output;
pub mod project;
pub mod publish;
pub mod segment;
pub mod stop;
pub mod text;
pub mod tm;
pub mod workfile;
pub mod xml;
