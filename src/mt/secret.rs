//! The one redaction step: every string that comes from an engine's server or URL passes
//! through [`Secrets`] before it can reach stderr, a work file, the cache or a log.
//!
//! An engine's secrets are its key (the value of its `key_env` variable) and any userinfo of
//! its URL (user and password). Each is removed in every form it travels in: as written,
//! percent-encoded (fully, keeping the unreserved, keeping `/` as Python's `quote` does, as a
//! form), JSON-escaped (plainly, `\/` as PHP writes it, `\u00XX`), and in base64: the key
//! alone or inside an encoded `user:KEY` (Basic authentication), and for userinfo the base64
//! of `user:password`. A translation that holds a key, of any length, or the mask one became,
//! is refused by `translate` ([`Secrets::leaks`]). Error texts also lose what merely looks like a credential: URL
//! userinfo, `Authorization` values, Bearer, Basic and DeepL-Auth-Key tokens, and the values of
//! `api_key`, `token`, `password` and like parameters, so a key puente was never told about
//! (a proxy's, another service's) is not printed either.
//!
//! [`Redacted`] can only be made here, and [`crate::mt::http::HttpError`] holds nothing else,
//! so no engine can put an unredacted server string into an error. A body is redacted before it
//! is cut, so a cut never leaves half a key. This module only transforms strings.

use std::fmt;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use base64::Engine as _;
use regex::Regex;

/// What a secret becomes.
pub const MASK: &str = "[redacted]";

/// How many characters of an error body are kept.
pub const BODY_CHARS: usize = 300;

/// A secret shorter than this is not looked for in translations: a short value cannot be told
/// from the words of a text, and error texts are scrubbed of it anyway.
const SHORTEST_IN_TEXT: usize = 8;

/// A value shorter than this is no secret (local servers are often given `x` or `sk` as a
/// dummy key) and is not looked for at all: masking every `x` would garble every message.
const SHORTEST: usize = 4;

/// Text that has been through [`Secrets::redact`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Redacted(String);

impl Redacted {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first [`BODY_CHARS`] characters on one line (cutting redacted text cannot reveal
    /// anything).
    pub fn cut(&self) -> Redacted {
        Redacted(
            self.0
                .chars()
                .take(BODY_CHARS)
                .collect::<String>()
                .replace(['\n', '\r'], " "),
        )
    }
}

impl fmt::Display for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An engine's secrets, and the matcher that finds them.
#[derive(Debug, Clone, Default)]
pub struct Secrets {
    /// Every form of every secret, for error texts.
    all: Option<AhoCorasick>,
    /// The forms long enough to look for in translations.
    long: Option<AhoCorasick>,
    /// The keys as given, of any length, which no translation may hold.
    keys: Vec<String>,
}

/// Credential-shaped text: URL userinfo (`scheme://user:pass@`).
static USERINFO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s"'<>@]*@"#).expect("a valid pattern")
});

/// `Authorization: anything` up to the end of the value.
static AUTHORIZATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(\b(?:proxy-)?authorization["']?\s*[:=]\s*["']?)[^"'\r\n,;}&]+"#)
        .expect("a valid pattern")
});

/// A token after an authentication scheme.
static SCHEME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\b(?:bearer|basic|deepl-auth-key)\s+)[A-Za-z0-9._~+/=:%-]{8,}")
        .expect("a valid pattern")
});

/// The value of a parameter whose name says it is a secret, in a query, a form or JSON.
static PARAMETER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)((?:^|[^a-z0-9_])(?:api[_-]?key|auth[_-]?key|access[_-]?token|token|password|passwd|secret|key)["']?\s*[:=]\s*["']?)[^"'\s&,;}]+"#,
    )
    .expect("a valid pattern")
});

impl Secrets {
    /// The secrets of an engine: `values` (its key) and the userinfo of `urls`.
    pub fn new<'a>(
        values: impl IntoIterator<Item = &'a str>,
        urls: impl IntoIterator<Item = &'a str>,
    ) -> Secrets {
        let mut forms: Vec<String> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for v in values {
            add_forms(&mut forms, v);
            add_base64(&mut forms, v);
            if !v.is_empty() {
                keys.push(v.to_string());
            }
        }
        for u in urls {
            let (user, password) = userinfo(u);
            for part in [&user, &password] {
                add_forms(&mut forms, part);
            }
            if user.is_empty() && password.is_empty() {
                continue;
            }
            // Basic authentication sends base64 of `user:password`, decoded (as HTTP clients
            // do) or as written.
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            };
            for pair in [
                format!("{user}:{password}"),
                format!("{}:{}", decode(&user), decode(&password)),
            ] {
                add_forms(&mut forms, &pair);
                let b64 = base64::engine::general_purpose::STANDARD.encode(pair.as_bytes());
                add_forms(&mut forms, b64.trim_end_matches('='));
                add_forms(&mut forms, &b64);
            }
        }
        forms.retain(|f| f.chars().count() >= SHORTEST);
        forms.sort();
        forms.dedup();
        let build = |forms: Vec<&String>| {
            (!forms.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(forms)
                    .expect("plain strings make a matcher")
            })
        };
        Secrets {
            all: build(forms.iter().collect()),
            long: build(
                forms
                    .iter()
                    .filter(|f| f.chars().count() >= SHORTEST_IN_TEXT)
                    .collect(),
            ),
            keys,
        }
    }

    /// Whether a translation of `source` gives a key away: it holds a key as written (a
    /// short key as a word of its own, a long one anywhere), or more [`MASK`]s than the
    /// source, which is what [`Secrets::scrub`] leaves of a key in an answer. Such a
    /// translation is never written or cached, whatever the key's length.
    pub fn leaks(&self, source: &str, translation: &str) -> bool {
        if translation.matches(MASK).count() > source.matches(MASK).count() {
            return true;
        }
        self.keys.iter().any(|k| {
            if k.chars().count() >= SHORTEST_IN_TEXT {
                return translation.contains(k.as_str());
            }
            // A short key is only told from the words around it at word boundaries: `ab12`
            // inside `tab123` is a coincidence, on its own it is the key.
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            translation.match_indices(k.as_str()).any(|(at, _)| {
                !word(translation[..at].chars().next_back())
                    && !word(translation[at + k.len()..].chars().next())
            })
        })
    }

    /// `text` without this engine's secrets and without anything shaped like a credential:
    /// for every error, URL and message that comes from a server or the configuration.
    pub fn redact(&self, text: &str) -> Redacted {
        let text = replace_all(self.all.as_ref(), text);
        let text = USERINFO.replace_all(&text, "$1");
        let text = AUTHORIZATION.replace_all(&text, format!("${{1}}{MASK}"));
        let text = SCHEME.replace_all(&text, format!("${{1}}{MASK}"));
        let text = PARAMETER.replace_all(&text, format!("${{1}}{MASK}"));
        Redacted(text.into_owned())
    }

    /// A successful answer without this engine's secrets. Only the secrets themselves go
    /// (a translation may well say "bearer" or hold a URL); the mask has no character that
    /// JSON or a form would treat specially, so the answer still parses.
    pub fn scrub(&self, body: String) -> String {
        match &self.long {
            Some(m) if m.is_match(&body) => replace_all(Some(m), &body),
            _ => body,
        }
    }
}

fn replace_all(matcher: Option<&AhoCorasick>, text: &str) -> String {
    match matcher {
        Some(m) => m.replace_all(text, &vec![MASK; m.patterns_len()]),
        None => text.to_string(),
    }
}

/// What RFC 3986 never encodes: letters, digits and `-._~`.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What Python's `urllib.parse.quote` leaves alone by default: the unreserved and `/`.
const PATH: &percent_encoding::AsciiSet = &UNRESERVED.remove(b'/');

/// `secret` as written and in the forms it takes on the wire: percent-encoded (everything but
/// letters and digits, everything but the unreserved, the same keeping `/` as Python's
/// `quote` does, and as a form encodes), percent-decoded, and JSON-escaped (plainly, with
/// `\/` as PHP writes a slash, and with every other character as `\u00XX`).
fn add_forms(forms: &mut Vec<String>, secret: &str) {
    if secret.is_empty() {
        return;
    }
    forms.push(secret.to_string());
    for set in [percent_encoding::NON_ALPHANUMERIC, UNRESERVED, PATH] {
        forms.push(percent_encoding::utf8_percent_encode(secret, set).to_string());
    }
    forms.push(url::form_urlencoded::byte_serialize(secret.as_bytes()).collect());
    if let Ok(decoded) = percent_encoding::percent_decode_str(secret).decode_utf8() {
        forms.push(decoded.into_owned());
    }
    let json = serde_json::to_string(secret).expect("a string serializes");
    let json = json[1..json.len() - 1].to_string();
    forms.push(json.replace('/', "\\/"));
    forms.push(json);
    // Encoders that escape every non-alphanumeric character (the matcher ignores the case of
    // the hex digits).
    forms.push(
        secret
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_string()
                } else {
                    let mut units = [0u16; 2];
                    c.encode_utf16(&mut units)
                        .iter()
                        .map(|u| format!("\\u{u:04x}"))
                        .collect()
                }
            })
            .collect(),
    );
}

/// The key in base64, as a server may quote back an `Authorization: Basic` header or any
/// encoded copy: its own encoding (standard and URL-safe, padded or not), and the characters
/// that stand for the key alone when it follows one or two other bytes (`user:KEY`), so the
/// key is found inside the encoding of a longer string too.
fn add_base64(forms: &mut Vec<String>, secret: &str) {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE};
    if secret.is_empty() {
        return;
    }
    for engine in [&STANDARD, &URL_SAFE] {
        for shift in 0..3usize {
            let mut bytes = vec![0u8; shift];
            bytes.extend_from_slice(secret.as_bytes());
            let encoded = engine.encode(&bytes);
            // The characters that hold a prefix byte are not the key's; nor are those of a
            // last group the bytes after the key would change.
            let skip = [0, 2, 3][shift];
            let whole = bytes.len() / 3 * 4;
            if shift == 0 {
                forms.push(encoded.clone());
                forms.push(encoded.trim_end_matches('=').to_string());
            }
            if whole > skip {
                forms.push(encoded[skip..whole].to_string());
            }
        }
    }
}

/// Where the userinfo of `url` is, `user:password@` included, found by hand: for URLs the
/// parser refuses, so a typo cannot expose a password.
fn userinfo_span(url: &str) -> Option<std::ops::Range<usize>> {
    let start = url.find("://")? + 3;
    let authority = url[start..].split(['/', '?', '#']).next()?;
    authority.rfind('@').map(|at| start..start + at + 1)
}

/// The user and password of `url` as written (percent-encoded), empty when it has none.
pub fn userinfo(url: &str) -> (String, String) {
    if let Ok(u) = url::Url::parse(url) {
        return (
            u.username().to_string(),
            u.password().unwrap_or_default().to_string(),
        );
    }
    let Some(span) = userinfo_span(url) else {
        return Default::default();
    };
    let info = &url[span.start..span.end - 1];
    match info.split_once(':') {
        Some((u, p)) => (u.to_string(), p.to_string()),
        None => (info.to_string(), String::new()),
    }
}

/// `url` as it may be shown: without userinfo, query or fragment, and redacted.
pub fn shown(url: &str) -> Redacted {
    let bare = match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.set_fragment(None);
            u.to_string()
        }
        Err(_) => {
            let mut bare = url.split(['?', '#']).next().unwrap_or_default().to_string();
            if let Some(span) = userinfo_span(&bare) {
                bare.replace_range(span, "");
            }
            bare
        }
    };
    Secrets::default().redact(&bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "sk-live/4f7d+1c2b=8e6a:fx";

    fn secrets() -> Secrets {
        Secrets::new(
            [KEY],
            ["https://ed%40news:p%C3%A1ss%2Fw0rd@mt.example.org/api"],
        )
    }

    #[test]
    fn the_key_goes_in_every_form_it_travels_in() {
        let s = secrets();
        let encoded =
            percent_encoding::utf8_percent_encode(KEY, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
        let form: String = url::form_urlencoded::byte_serialize(KEY.as_bytes()).collect();
        for text in [
            format!("bad key {KEY} here"),
            format!("bad key {encoded} here"),
            format!("bad key {} here", encoded.to_lowercase()),
            format!("bad key {form} here"),
            format!("bad key {} here", serde_json::to_string(KEY).unwrap()),
        ] {
            let r = s.redact(&text);
            assert_eq!(r.as_str().matches(MASK).count(), 1, "{text} → {r}");
            assert!(!r.as_str().contains("4f7d"), "{text} → {r}");
        }
    }

    #[test]
    fn the_key_goes_as_python_php_and_escaping_encoders_write_it() {
        let key = "ab/cd+ef=SECRETKEY==";
        let s = Secrets::new([key], []);
        let b64 = &base64::engine::general_purpose::STANDARD;
        for text in [
            "ab/cd%2Bef%3DSECRETKEY%3D%3D".to_string(),
            r"ab\/cd+ef=SECRETKEY==".to_string(),
            r"ab\u002Fcd\u002Bef\u003DSECRETKEY\u003D\u003D".to_string(),
            b64.encode(key),
            b64.encode(format!("api:{key}")),
            b64.encode(format!("x{key}")),
            b64.encode(format!("{key}:")),
        ] {
            let r = s.redact(&format!("{{\"message\": \"no {text} here\"}}"));
            assert!(!r.as_str().contains("SECRETKEY"), "{text} → {r}");
            assert!(r.as_str().contains(MASK), "{text} → {r}");
            let middle = &text[text.len() / 2 - 3..text.len() / 2 + 3];
            assert!(!r.as_str().contains(middle), "{text} → {r}");
        }
    }

    #[test]
    fn a_translation_with_a_key_of_any_length_leaks() {
        let short = Secrets::new(["k3Y9z"], []);
        assert!(short.leaks("ref", "ref k3Y9z"));
        assert!(
            !short.leaks("ref", "ref xk3Y9z1"),
            "inside a word is chance"
        );
        let one = Secrets::new(["q"], []);
        assert!(one.leaks("a", "a (q)"));
        assert!(!one.leaks("a", "quien"));
        let long = Secrets::new([KEY], []);
        assert!(long.leaks("a", &format!("x{KEY}y")));
        // The mask the key became, beyond the ones the source itself holds.
        assert!(long.leaks("a", "a [redacted]"));
        assert!(!long.leaks("the [redacted] memo", "el memorando [redacted]"));
        assert!(!Secrets::default().leaks("a", "b"));
    }

    #[test]
    fn userinfo_goes_as_written_decoded_and_in_base64() {
        let s = secrets();
        let basic = base64::engine::general_purpose::STANDARD.encode("ed%40news:p%C3%A1ss%2Fw0rd");
        let decoded_basic = base64::engine::general_purpose::STANDARD.encode("ed@news:páss/w0rd");
        for text in [
            "user ed%40news refused".to_string(),
            "user ed@news refused".to_string(),
            "password páss/w0rd refused".to_string(),
            "password p%C3%A1ss%2Fw0rd refused".to_string(),
            format!("header {basic} refused"),
            format!("header {} refused", basic.trim_end_matches('=')),
            format!("header {decoded_basic} refused"),
        ] {
            let r = s.redact(&text);
            assert!(r.as_str().contains(MASK), "{text} → {r}");
            for part in ["news", "w0rd", &basic[..12], &decoded_basic[..12]] {
                assert!(!r.as_str().contains(part), "{text} → {r}");
            }
        }
        assert_eq!(
            shown("https://ed%40news:p%C3%A1ss%2Fw0rd@mt.example.org/api?key=1#x").as_str(),
            "https://mt.example.org/api"
        );
        assert_eq!(
            shown("https://ed:pa ss@bad host/").as_str(),
            "https://bad host/"
        );
    }

    #[test]
    fn credential_shaped_text_goes_even_when_unknown() {
        let s = Secrets::default();
        for (text, kept) in [
            (
                "see https://bob:hunter22@proxy.example:8080/x",
                "https://proxy.example:8080/x",
            ),
            ("Authorization: Bearer abcdefgh12345678", "Authorization: "),
            (
                r#"{"authorization":"DeepL-Auth-Key zzzz-1111:fx"}"#,
                r#"{"authorization":""#,
            ),
            ("got bearer ABCDEFGH12345678.xyz from you", "got bearer "),
            ("Basic dXNlcjpwYXNzd29yZA== rejected", " rejected"),
            ("POST /t?api_key=abc123&q=hi", "&q=hi"),
            (r#"{"api_key": "abc123", "q": "hi"}"#, r#", "q": "hi"}"#),
            ("invalid token=xyz", "invalid token="),
        ] {
            let r = s.redact(text);
            assert!(r.as_str().contains(kept), "{text} → {r}");
            for secret in [
                "hunter22", "abcdefgh", "zzzz", "ABCDEFGH", "dXNlcj", "abc123", "xyz",
            ] {
                assert!(!r.as_str().contains(secret), "{text} → {r}");
            }
        }
        // Ordinary error texts pass unchanged.
        for text in [
            r#"{"error":{"code":"invalid_api_key","message":"Incorrect API key provided"}}"#,
            "That pair is not installed",
            "Bearer token missing",
        ] {
            assert_eq!(s.redact(text).as_str(), text);
        }
    }

    #[test]
    fn a_key_split_by_the_cut_leaves_nothing() {
        let s = secrets();
        for at in [BODY_CHARS - KEY.len() / 2, BODY_CHARS - 3, BODY_CHARS - 1] {
            let body = format!("{}{KEY} and more", "x".repeat(at));
            let cut = s.redact(&body).cut();
            assert!(cut.as_str().chars().count() <= BODY_CHARS);
            for part in [&KEY[..6], &KEY[KEY.len() - 6..], "sk-l"] {
                assert!(!cut.as_str().contains(part), "{at}: {cut}");
            }
        }
    }

    #[test]
    fn answers_lose_only_the_secrets() {
        let s = secrets();
        let body = format!(
            r#"{{"translatedText":["the bearer of news", "ref {KEY}", "https://a:b@c.d/"]}}"#
        );
        let scrubbed = s.scrub(body);
        let v: serde_json::Value = serde_json::from_str(&scrubbed).unwrap();
        assert_eq!(v["translatedText"][0], "the bearer of news");
        assert_eq!(v["translatedText"][1], format!("ref {MASK}"));
        assert_eq!(v["translatedText"][2], "https://a:b@c.d/");
        // A secret too short to tell from words stays in translations; a dummy key of a
        // letter or two is no secret at all.
        let short = Secrets::new(["abcd"], []);
        assert_eq!(short.scrub("abcd def".into()), "abcd def");
        assert_eq!(short.redact("abcd def").as_str(), format!("{MASK} def"));
        let dummy = Secrets::new(["x"], []);
        assert_eq!(dummy.redact("fix the index").as_str(), "fix the index");
    }
}
