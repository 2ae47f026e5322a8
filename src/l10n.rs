//! The CLI's own language: Fluent bundles for every message puente shows a person.
//!
//! Both locales (`locales/en-US`, `locales/es-MX`) are embedded in the binary; en-US is the
//! fallback for any message a locale lacks. Choosing the language is pure: the caller passes
//! the flag and the environment values ([`negotiate`]), so this module never reads the
//! environment itself. Placeables are not wrapped in Unicode isolation marks, since the output
//! is a terminal or a log, not bidirectional text.

use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

type Bundle = fluent_bundle::concurrent::FluentBundle<FluentResource>;

/// The languages the CLI speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiLang {
    /// English (United States), the default and fallback.
    EnUs,
    /// Spanish (Mexico).
    EsMx,
}

impl UiLang {
    /// The locale tag.
    pub fn tag(self) -> &'static str {
        match self {
            UiLang::EnUs => "en-US",
            UiLang::EsMx => "es-MX",
        }
    }

    /// Reads a tag or POSIX locale (`es`, `es-MX`, `es_MX.UTF-8`); `None` for languages puente
    /// does not speak.
    pub fn parse(s: &str) -> Option<UiLang> {
        match crate::lang::primary_subtag(s).as_str() {
            "es" => Some(UiLang::EsMx),
            "en" | "c" | "posix" => Some(UiLang::EnUs),
            _ => None,
        }
    }
}

/// The embedded Fluent sources: (locale, file name, text).
pub const SOURCES: &[(&str, &str, &str)] = &[
    (
        "en-US",
        "puente.ftl",
        include_str!("../locales/en-US/puente.ftl"),
    ),
    (
        "es-MX",
        "puente.ftl",
        include_str!("../locales/es-MX/puente.ftl"),
    ),
];

/// Chooses the CLI language: the `--ui-lang` flag, then `PUENTE_UI_LANG`, then the first set
/// of `LC_ALL`, `LC_MESSAGES`, `LANG` (as POSIX does), then en-US.
pub fn negotiate(flag: Option<&str>, env: impl Fn(&str) -> Option<String>) -> UiLang {
    if let Some(l) = flag.and_then(UiLang::parse) {
        return l;
    }
    if let Some(l) = env("PUENTE_UI_LANG").as_deref().and_then(UiLang::parse) {
        return l;
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env(var).filter(|v| !v.is_empty()) {
            return UiLang::parse(&v).unwrap_or(UiLang::EnUs);
        }
    }
    UiLang::EnUs
}

/// Localized messages for one language.
pub struct L10n {
    lang: UiLang,
    bundle: Bundle,
    fallback: Option<Bundle>,
}

fn bundle(tag: &str) -> Bundle {
    let langid: LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    for (locale, _, text) in SOURCES {
        if *locale == tag {
            // A resource with errors still loads its valid messages; the locale test
            // keeps the shipped files free of errors.
            let res = match FluentResource::try_new(text.to_string()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            let _ = bundle.add_resource(res);
        }
    }
    bundle
}

impl L10n {
    /// The messages of `lang`, with en-US behind them.
    pub fn new(lang: UiLang) -> Self {
        L10n {
            lang,
            bundle: bundle(lang.tag()),
            fallback: (lang != UiLang::EnUs).then(|| bundle("en-US")),
        }
    }

    /// The language in use.
    pub fn lang(&self) -> UiLang {
        self.lang
    }

    /// The message `id` with `args`. A missing message shows its id, so a gap is visible
    /// rather than silent.
    pub fn msg(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        for b in std::iter::once(&self.bundle).chain(self.fallback.as_ref()) {
            if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let s = b.format_pattern(pattern, Some(&fargs), &mut errors);
                return s.into_owned();
            }
        }
        id.to_string()
    }

    /// A message without arguments.
    pub fn get(&self, id: &str) -> String {
        self.msg(id, &[])
    }
}

/// Formats a message: `t!(l10n, "id")` or `t!(l10n, "id", name = value, …)`.
#[macro_export]
macro_rules! t {
    ($l:expr, $id:expr) => {
        $l.get($id)
    };
    ($l:expr, $id:expr, $($k:ident = $v:expr),+ $(,)?) => {
        $l.msg($id, &[$((stringify!($k), ::fluent_bundle::FluentValue::from($v))),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    /// Message ids (with attributes) and the variables each uses, per locale.
    fn inventory(text: &str) -> BTreeMap<String, BTreeSet<String>> {
        let res = fluent_syntax::parser::parse(text).expect("locale file parses without errors");
        let mut out = BTreeMap::new();
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    collect_vars(p, &mut vars);
                }
                for a in &m.attributes {
                    collect_vars(&a.value, &mut vars);
                }
                out.insert(m.id.name.to_string(), vars);
            }
        }
        out
    }

    fn collect_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                collect_expr(expression, vars);
            }
        }
    }

    fn collect_expr(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Inline(i) => collect_inline(i, vars),
            ast::Expression::Select { selector, variants } => {
                collect_inline(selector, vars);
                for v in variants {
                    collect_vars(&v.value, vars);
                }
            }
        }
    }

    fn collect_inline(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => collect_expr(expression, vars),
            _ => {}
        }
    }

    #[test]
    fn both_locales_define_the_same_messages_and_variables() {
        let en = inventory(SOURCES[0].2);
        let es = inventory(SOURCES[1].2);
        let en_ids: BTreeSet<_> = en.keys().collect();
        let es_ids: BTreeSet<_> = es.keys().collect();
        assert_eq!(
            en_ids.symmetric_difference(&es_ids).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "message ids differ between en-US and es-MX"
        );
        for (id, vars) in &en {
            assert_eq!(
                vars, &es[id],
                "variables of `{id}` differ between en-US and es-MX"
            );
        }
    }

    /// The text of a pattern with each placeable as `X`; each variant of a selector is its
    /// own clause (after a `;`), since each is read on its own.
    fn flatten(p: &ast::Pattern<&str>, out: &mut String) {
        for el in &p.elements {
            match el {
                ast::PatternElement::TextElement { value } => out.push_str(value),
                ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { variants, .. },
                } => {
                    for v in variants {
                        out.push_str("; ");
                        flatten(&v.value, out);
                    }
                    out.push_str("; ");
                }
                ast::PatternElement::Placeable { .. } => out.push('X'),
            }
        }
    }

    /// Every message and attribute as (id, flattened text, variables used as selectors,
    /// variables used as placeables).
    fn messages(text: &str) -> Vec<(String, String, BTreeSet<String>, BTreeSet<String>)> {
        fn selectors(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
            for el in &p.elements {
                if let ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { selector, variants },
                } = el
                {
                    if let ast::InlineExpression::VariableReference { id } = selector {
                        out.insert(id.name.to_string());
                    }
                    for v in variants {
                        selectors(&v.value, out);
                    }
                }
            }
        }
        let res = fluent_syntax::parser::parse(text).expect("locale file parses without errors");
        let mut out = Vec::new();
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                let patterns = m.value.iter().map(|p| (m.id.name.to_string(), p)).chain(
                    m.attributes
                        .iter()
                        .map(|a| (format!("{}.{}", m.id.name, a.id.name), &a.value)),
                );
                for (id, p) in patterns {
                    let mut flat = String::new();
                    flatten(p, &mut flat);
                    let (mut sel, mut vars) = (BTreeSet::new(), BTreeSet::new());
                    selectors(p, &mut sel);
                    collect_vars(p, &mut vars);
                    out.push((id, flat, sel, vars));
                }
            }
        }
        out
    }

    /// Words only the informal tú uses: pronouns, possessives, verb forms and imperatives
    /// with a pronoun attached. They are wrong anywhere in the interface.
    const TU_WORDS: &[&str] = &[
        "tu",
        "tus",
        "te",
        "ti",
        "contigo",
        "puedes",
        "debes",
        "tienes",
        "quieres",
        "necesitas",
        "escríbela",
        "escríbelo",
        "escríbelos",
        "conviértelo",
        "conviértela",
        "quítalo",
        "quítalos",
        "bórralo",
        "úsalo",
        "ejecútalo",
        "créala",
        "créalo",
        "defínelo",
        "instálalo",
        "hazlo",
        "ponlo",
        "cámbialo",
        "revísalo",
        "revísala",
        "asegúrate",
        "indícalo",
    ];

    /// Imperatives of tú that are also the third person of the present ("Revisa el glosario"
    /// describes a command): wrong where a clause of an instruction starts.
    const TU_IMPERATIVES: &[&str] = &[
        "usa",
        "revisa",
        "publica",
        "escribe",
        "pasa",
        "ejecuta",
        "agrega",
        "añade",
        "corrige",
        "vuelve",
        "restaura",
        "indica",
        "elige",
        "borra",
        "quita",
        "lee",
        "define",
        "instala",
        "espera",
        "exporta",
        "divide",
        "aumenta",
        "abre",
        "cierra",
        "copia",
        "pon",
        "haz",
        "traduce",
        "sustituye",
        "conserva",
        "cambia",
        "prueba",
        "elimina",
        "crea",
        "guarda",
        "mueve",
        "omite",
        "verifica",
        "comprueba",
        "consulta",
        "deja",
        "intenta",
        "especifica",
        "incluye",
        "imprime",
        "silencia",
        "convierte",
        "quita",
        "reduce",
        "divide",
        "cierra",
    ];

    /// Messages that tell the user what to do: every clause of theirs may start with an
    /// imperative. Elsewhere a verb that starts a clause is a description ("Revisa el
    /// glosario" says what a command does; "<! abre algo…" what the file does).
    fn instructs(id: &str) -> bool {
        id.contains("hint")
    }

    #[test]
    fn spanish_speaks_to_the_user_as_usted() {
        let mut wrong = Vec::new();
        for (id, text, _, _) in messages(SOURCES[1].2) {
            // The edition's own words speak to the story's readers in the newsroom's voice
            // ("Lee también", as the Mexican press writes), not in the interface's.
            if id.starts_with("edition-") {
                continue;
            }
            // Markup named in a message (<tu>, <seg>) is not Spanish.
            let mut lower = String::new();
            let mut in_tag = false;
            for c in text.to_lowercase().chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    _ if !in_tag => lower.push(c),
                    _ => {}
                }
            }
            let words = |s: &str| {
                s.split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            for w in words(&lower) {
                if TU_WORDS.contains(&w.as_str()) {
                    wrong.push(format!("{id}: «{w}»"));
                }
            }
            // The first word of each clause of an instruction: the message's start, and after
            // a period, semicolon, colon, parenthesis, question mark or "o"/"y".
            let clauses = lower
                .split([';', ':', '(', '.', '?', '¿'])
                .flat_map(|c| {
                    c.split(", o ")
                        .flat_map(|c| c.split(" o "))
                        .flat_map(|c| c.split(", y "))
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .filter(|_| instructs(&id));
            for clause in clauses {
                if let Some(first) = words(&clause).first() {
                    if TU_IMPERATIVES.contains(&first.as_str()) {
                        wrong.push(format!("{id}: «{first}» in «{}»", clause.trim()));
                    }
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "es-MX speaks as tú (write usted: use, revise, ejecute, escríbala, su):\n{}",
            wrong.join("\n")
        );
    }

    /// Words the Spanish interface does not use, with the one it uses for the same concept
    /// (the glossary at the head of `locales/es-MX/puente.ftl`): a form is matched at the start
    /// of a word, case-insensitively; `TA` only as written.
    const AVOIDED: &[(&str, &str)] = &[
        ("idioma meta", "idioma de destino"),
        ("idioma origen", "idioma fuente"),
        ("idioma de origen", "idioma fuente"),
        ("texto de origen", "texto fuente"),
        ("artículo de origen", "artículo fuente"),
        ("predeterminad", "por omisión"),
        ("directorio", "carpeta"),
        ("fichero", "archivo"),
        ("agreg", "añadir"),
        ("agrég", "añadir"),
        ("difus", "sin revisar (fuzzy)"),
        ("TA", "traducción automática"),
    ];

    #[test]
    fn spanish_says_one_term_per_concept() {
        let mut wrong = Vec::new();
        for (id, text, _, _) in messages(SOURCES[1].2) {
            let lower = text.to_lowercase();
            for (avoid, use_instead) in AVOIDED {
                let (hay, needle) = if *avoid == "TA" {
                    (text.as_str(), *avoid)
                } else {
                    (lower.as_str(), *avoid)
                };
                let found = hay.match_indices(needle).any(|(i, _)| {
                    let before = hay[..i].chars().next_back();
                    let after = hay[i + needle.len()..].chars().next();
                    let starts_word = !before.is_some_and(char::is_alphanumeric);
                    // `TA` is a whole word; the others may be the stem of one.
                    let ends_word = *avoid != "TA" || !after.is_some_and(char::is_alphanumeric);
                    starts_word && ends_word
                });
                if found {
                    wrong.push(format!("{id}: «{avoid}» (write «{use_instead}»)"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "es-MX uses another term for a concept its glossary names:\n{}",
            wrong.join("\n")
        );
    }

    /// Variables that count something a noun names: a message using one must choose its words
    /// with a plural selector (`{ $count -> [one] … *[other] … }`) in both locales.
    const COUNTS: &[&str] = &[
        "count",
        "files",
        "segments",
        "terms",
        "quotes",
        "lost",
        "left",
        "failed",
        "warnings",
        "errors",
        "translated",
        "sent",
        "fuzzy",
        "dropped",
        "done",
        "characters",
        "blocks",
        "words",
        "verified",
        "untranslated",
        "units",
        "total",
        "sources",
        "read",
        "memory",
        "flagged",
        "cells",
        "columns",
        "cached",
        "batches",
        "got",
        "lines",
        "entries",
        "written",
        "refused",
        "unlearned",
        "published",
        "drafts",
        "articles",
    ];

    /// Counts that need no selector: (locale, or `*` for both; message; variable; why no word
    /// around the number inflects).
    const PLURAL_EXCEPTIONS: &[(&str, &str, &str, &str)] = &[
        ("*", "merge-more", "count", "“… and N more” / “… y N más”"),
        (
            "*",
            "err-glossary-lint-more",
            "count",
            "“… and N more” / “… y N más”",
        ),
        (
            "*",
            "merge-done",
            "translated",
            "“N of M segments”: the total governs the noun",
        ),
        (
            "*",
            "merge-done-draft",
            "translated",
            "“N of M segments”: the total governs the noun",
        ),
        (
            "*",
            "status-line",
            "left",
            "“N of M words”: the total governs the noun",
        ),
        (
            "*",
            "translate-stopped",
            "left",
            "“N still to translate” / “N por traducir”",
        ),
        (
            "*",
            "translate-summary",
            "memory",
            "“N from the memory” / “N de la memoria”",
        ),
        (
            "*",
            "translate-summary",
            "cached",
            "“N from the cache” / “N de la caché”",
        ),
        (
            "*",
            "translate-summary",
            "left",
            "“N left untranslated” / “N sin traducir”",
        ),
        (
            "en-US",
            "translate-summary",
            "sent",
            "an English participle does not inflect",
        ),
        (
            "en-US",
            "translate-summary",
            "verified",
            "an English participle does not inflect",
        ),
        (
            "en-US",
            "translate-summary",
            "failed",
            "“N of them refused”",
        ),
        (
            "en-US",
            "status-line",
            "translated",
            "an English participle does not inflect",
        ),
        (
            "en-US",
            "status-line",
            "fuzzy",
            "an adjective before the list's noun",
        ),
        (
            "es-MX",
            "status-line",
            "fuzzy",
            "a loanword used as an invariable adjective",
        ),
        ("es-MX", "status-line", "untranslated", "“N sin traducir”"),
        (
            "en-US",
            "segment-updated",
            "flagged",
            "an English participle does not inflect",
        ),
        (
            "en-US",
            "tm-imported",
            "read",
            "an English participle does not inflect",
        ),
        ("en-US", "proto-count", "got", "“N returned”: a participle"),
        (
            "en-US",
            "merge-many-done",
            "written",
            "an English participle does not inflect",
        ),
        (
            "en-US",
            "merge-many-done",
            "refused",
            "an English participle does not inflect",
        ),
    ];

    #[test]
    fn counts_choose_their_words_with_plural_selectors() {
        let mut wrong = Vec::new();
        for (locale, _, text) in SOURCES {
            for (id, _, selectors, vars) in messages(text) {
                for var in vars.iter().filter(|v| COUNTS.contains(&v.as_str())) {
                    let excepted = PLURAL_EXCEPTIONS
                        .iter()
                        .any(|(l, i, v, _)| (*l == "*" || l == locale) && *i == id && v == var);
                    if !selectors.contains(var) && !excepted {
                        wrong.push(format!("{locale} {id}: ${var}"));
                    }
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "counts without a plural selector (write {{ $count -> [one] … *[other] … }}):\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn negotiation_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(negotiate(None, env(&[])), UiLang::EnUs);
        assert_eq!(
            negotiate(None, env(&[("LANG", "es_MX.UTF-8")])),
            UiLang::EsMx
        );
        assert_eq!(
            negotiate(None, env(&[("LANG", "es_MX.UTF-8"), ("LC_ALL", "C")])),
            UiLang::EnUs
        );
        assert_eq!(
            negotiate(None, env(&[("LANG", "en_US"), ("PUENTE_UI_LANG", "es")])),
            UiLang::EsMx
        );
        assert_eq!(
            negotiate(Some("en"), env(&[("PUENTE_UI_LANG", "es")])),
            UiLang::EnUs
        );
    }

    #[test]
    fn messages_format_with_arguments() {
        let l = L10n::new(UiLang::EsMx);
        let s = crate::t!(l, "merge-draft", count = 3);
        assert!(s.contains('3'), "{s}");
        assert_ne!(s, "merge-draft");
    }
}
