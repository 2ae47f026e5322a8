//! `puente glossary lint`: finds what would make matching and checks wrong or ambiguous.
//! Every finding is an error: `check`, `translate` and `publish` refuse a glossary with any
//! (the CLI's one glossary loader runs this lint), rather than pick one entry silently.
//!
//! Rules (stable ids): `invalid-toml`, `unknown-language`, `duplicate-id`, `empty-form`,
//! `duplicate-form`, `conflicting-targets`, `required-and-forbidden`, `name-forms-differ`. Pure: it reads the
//! model and the load problems and returns findings in file order. A quote's wordings
//! (original, renderings, reported variants) go by `empty-form` (none, or one without words)
//! and `duplicate-form` (a variant that is also an approved wording, typography aside).

use std::collections::BTreeMap;

use serde::Serialize;

use super::register::same_wording;
use super::{Case, Glossary, Kind, LoadProblem, LoadProblemKind, Location};
use crate::lang::Lang;

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id.
    pub rule: &'static str,
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The entry's id, when the finding is about one.
    pub entry: Option<String>,
    /// The facts of the finding, for the message (form, language, other entry…).
    pub args: BTreeMap<&'static str, String>,
}

fn finding(
    rule: &'static str,
    at: &Location,
    entry: Option<&str>,
    args: &[(&'static str, String)],
) -> Finding {
    Finding {
        rule,
        file: at.file.clone(),
        line: at.line,
        column: at.column,
        entry: entry.map(str::to_string),
        args: args.iter().cloned().collect(),
    }
}

/// How forms are compared for `case`.
fn key(form: &str, case: Case) -> String {
    match case {
        Case::Sensitive | Case::FirstLetter => form.trim().to_string(),
        Case::Insensitive => form.trim().to_lowercase(),
    }
}

/// Lints `glossary` (with the `problems` found while loading it).
pub fn lint(glossary: &Glossary, problems: &[LoadProblem]) -> Vec<Finding> {
    let mut out: Vec<Finding> = problems
        .iter()
        .map(|p| match &p.kind {
            LoadProblemKind::Toml(m) => {
                finding("invalid-toml", &p.at, None, &[("reason", m.clone())])
            }
            LoadProblemKind::UnknownLanguage(l) => {
                finding("unknown-language", &p.at, None, &[("lang", l.clone())])
            }
        })
        .collect();

    // An id names one entry (term or quote): the checks' messages and suppressions point at
    // entries by id, so two entries with one id could not be told apart.
    let mut ids: std::collections::HashMap<&str, &Location> = std::collections::HashMap::new();
    let entries = glossary
        .terms
        .iter()
        .map(|t| (t.id.as_str(), &t.at))
        .chain(glossary.quotes.iter().map(|q| (q.id.as_str(), &q.at)));
    for (id, at) in entries {
        match ids.get(id) {
            Some(first) => out.push(finding(
                "duplicate-id",
                at,
                Some(id),
                &[("other", format!("{}:{}", first.file, first.line))],
            )),
            None => {
                ids.insert(id, at);
            }
        }
    }

    // Where each (language, form) is required, to find duplicates and conflicts.
    let mut required: BTreeMap<(Lang, String), Vec<usize>> = BTreeMap::new();
    for (i, t) in glossary.terms.iter().enumerate() {
        for (lang, forms) in t.forms.iter().chain(t.forbidden.iter()) {
            for f in forms {
                if f.trim().is_empty() {
                    out.push(finding(
                        "empty-form",
                        &t.at,
                        Some(&t.id),
                        &[("lang", lang.code().into())],
                    ));
                }
            }
        }
        if t.forms.values().all(|f| f.is_empty()) {
            out.push(finding(
                "empty-form",
                &t.at,
                Some(&t.id),
                &[("lang", "en, es".into())],
            ));
        }
        for (lang, forms) in &t.forms {
            let mut seen = std::collections::HashSet::new();
            for f in forms.iter().filter(|f| !f.trim().is_empty()) {
                let k = key(f, t.case);
                if !seen.insert(k.clone()) {
                    out.push(finding(
                        "duplicate-form",
                        &t.at,
                        Some(&t.id),
                        &[
                            ("lang", lang.code().into()),
                            ("form", f.clone()),
                            ("other", t.id.clone()),
                        ],
                    ));
                    continue;
                }
                required.entry((*lang, k)).or_default().push(i);
            }
        }
        if t.kind == Kind::Name {
            let en = t.forms.get(&Lang::En).cloned().unwrap_or_default();
            let es = t.forms.get(&Lang::Es).cloned().unwrap_or_default();
            if en != es {
                out.push(finding(
                    "name-forms-differ",
                    &t.at,
                    Some(&t.id),
                    &[("en", en.join(", ")), ("es", es.join(", "))],
                ));
            }
        }
    }
    for ((lang, form), entries) in &required {
        if entries.len() < 2 {
            continue;
        }
        let first = &glossary.terms[entries[0]];
        for &j in &entries[1..] {
            let t = &glossary.terms[j];
            // The same form in two entries: a conflict when they translate it differently.
            let other = lang.other();
            let targets_differ = first.forms.get(&other) != t.forms.get(&other);
            let rule = if targets_differ {
                "conflicting-targets"
            } else {
                "duplicate-form"
            };
            out.push(finding(
                rule,
                &t.at,
                Some(&t.id),
                &[
                    ("lang", lang.code().into()),
                    ("form", form.clone()),
                    ("other", first.id.clone()),
                ],
            ));
        }
    }
    // Quotes: every wording has words, and a reported variant is not also an approved
    // wording (it would be printed and "never printed" at once).
    for q in &glossary.quotes {
        let approved = |l: Lang| {
            if l == q.said_in {
                &q.original
            } else {
                &q.renderings
            }
        };
        for lang in [Lang::En, Lang::Es] {
            let variants = q.variants.get(&lang).map(Vec::as_slice).unwrap_or_default();
            let blank = |f: &String| f.chars().all(|c| !c.is_alphanumeric());
            if approved(lang).is_empty() || approved(lang).iter().chain(variants).any(blank) {
                out.push(finding(
                    "empty-form",
                    &q.at,
                    Some(&q.id),
                    &[("lang", lang.code().into())],
                ));
            }
            for v in variants {
                if approved(lang).iter().any(|a| same_wording(a, v)) {
                    out.push(finding(
                        "duplicate-form",
                        &q.at,
                        Some(&q.id),
                        &[
                            ("lang", lang.code().into()),
                            ("form", v.clone()),
                            ("other", q.id.clone()),
                        ],
                    ));
                }
            }
        }
    }
    // A form required somewhere and forbidden somewhere, in the same language.
    for t in &glossary.terms {
        for (lang, forms) in &t.forbidden {
            for f in forms {
                for case in [Case::Sensitive, Case::Insensitive] {
                    if let Some(entries) = required.get(&(*lang, key(f, case))) {
                        let owner = &glossary.terms[entries[0]];
                        // Insensitive keys only count for entries compared insensitively.
                        if case == Case::Insensitive && owner.case != Case::Insensitive {
                            continue;
                        }
                        out.push(finding(
                            "required-and-forbidden",
                            &t.at,
                            Some(&t.id),
                            &[
                                ("lang", lang.code().into()),
                                ("form", f.clone()),
                                ("other", owner.id.clone()),
                            ],
                        ));
                        break;
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| (&a.file, a.line, a.rule).cmp(&(&b.file, b.line, b.rule)));
    out.dedup();
    out
}
