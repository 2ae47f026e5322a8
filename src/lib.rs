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
//! Modules in pipeline order. Pure stages (`lang`, `text`, `segment`, `article`, `glossary`,
//! `workfile`, `check`, `publish`, `config`, `l10n`, `xml`) never touch the network, the terminal or the
//! environment; only `files`, `output`, `cli`, `mt`'s engines and `tm` (its SQLite file) do.

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
pub mod text;
pub mod tm;
pub mod workfile;
pub mod xml;
