//! Article languages: the two languages puente translates between.
//!
//! This is about the language of the text being translated, not the language the CLI speaks
//! (that is [`crate::l10n`]). It never touches the environment.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language an article can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Spanish (any variety; number and quote conventions are project settings).
    Es,
}

impl Lang {
    /// The short code used in files and on the command line (`en`, `es`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The other language of the pair.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error for a language code puente does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language code `{0}` (expected en or es)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts `en`, `es` and regional tags such as `es-MX`, `es_MX.UTF-8` or `en-US`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match primary_subtag(s).as_str() {
            "en" => Ok(Lang::En),
            "es" => Ok(Lang::Es),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

/// The language part of a tag or POSIX locale, lowercased: `es` for `es-MX` or `es_MX.UTF-8`.
pub fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_regional_tags() {
        assert_eq!("es-MX".parse::<Lang>(), Ok(Lang::Es));
        assert_eq!("en_US.UTF-8".parse::<Lang>(), Ok(Lang::En));
        assert!("fr".parse::<Lang>().is_err());
    }
}
