//! Number reading: the numeric values a text states, read by locale, so values are compared
//! and not digit strings. English and es-MX write 1,500.5; es-ES writes 1.500,5 (or 1 500,5
//! with a thin or no-break space). Ordinals count as their number (19th, 19.º), Roman
//! centuries after «siglo» as theirs (siglo XIX = 19th century), and a scale word multiplies
//! (1.5 billion = 1500 millones = 1,500 millones; a Spanish billón is 10^12). Mexican press
//! forms read as values: «800 mdp» (millones de pesos), «mdd» (de dólares), «mmdp»/«mmdd» (miles
//! de millones), «2 mil 500», «mil 200 millones», «un millón y medio»; so do headline English
//! "$800m", "1.5bn", "2tn" (a bare "5m" is metres). The hour of a time is
//! read on a 24-hour clock (10:30 p.m. = 22:30 = 22.30 h = «las 22 horas» = «a las 22.30», and
//! not 10:30 a. m.; an hour that names no half of the day may be either; «15:00» states no
//! minutes). An English decade has a second reading ([`Num::alt`]: the 1990s = los 90 = la
//! década de 1990; the 1900s = el siglo XX). Small numbers spelled out (two, dos) are
//! read by [`spelled`]. Placeholders, URLs and addresses ([`super::markup`]) hold no numbers.
//! Used by the `numbers` check and by revision flags (`workfile::update`). Pure.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::markup::{self, Braces};
use crate::lang::Lang;

/// How Spanish writes numbers in this project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumberLocale {
    /// 1,500.5 (es-MX, like English).
    Mx,
    /// 1.500,5 or 1 500,5 (es-ES).
    Es,
}

impl NumberLocale {
    /// How the Spanish of a language tag writes numbers, when the tag says: Mexico, the United
    /// States and Latin America as a whole (`es-MX`, `es-US`, `es-419`) group with commas like
    /// English; Spain and the other countries (`es-ES`, `es-AR`, `es-CO`…) with periods and a
    /// decimal comma. `None` for a tag without a region (`es`), or one that is not Spanish:
    /// the project's setting decides then.
    pub fn from_tag(tag: &str) -> Option<NumberLocale> {
        let mut parts = tag.split(['-', '_', '.', '@']);
        if !parts.next()?.eq_ignore_ascii_case("es") {
            return None;
        }
        let region = parts.next().filter(|r| !r.is_empty())?;
        Some(match region.to_ascii_uppercase().as_str() {
            "MX" | "US" | "419" => NumberLocale::Mx,
            // A script or variant subtag, not a region (`es-Latn`): nothing said.
            r if r.len() > 3 => return None,
            _ => NumberLocale::Es,
        })
    }
}

/// A number found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Num {
    /// Its value.
    pub value: f64,
    /// Where it is written.
    pub span: Range<usize>,
    /// Another value it may stand for: "the 1990s" is also «los 90» (90) and "the 1900s" «el
    /// siglo XX» (20); "the ’90s" is also «la década de 1990».
    pub alt: Option<f64>,
}

/// A value as a comparable key (micro-units, so 1.5 and 1.50 agree).
pub fn key(v: f64) -> i128 {
    // From a million up, a unit is precision enough, and micro-units would ask more digits
    // than an f64 holds: «64 mil 745 mdd» and "$64.745 billion" differ in their last bits.
    if v.abs() >= 1e6 {
        return v.round() as i128 * 1_000_000;
    }
    (v * 1e6).round() as i128
}

fn is_group_space(c: char) -> bool {
    matches!(c, '\u{2009}' | '\u{202F}' | '\u{00A0}')
}

/// The word right after byte `at` (skipping one space), lowercased, and its end.
/// Which half of the day the words after a time (at `at`) name: `Some(true)` for p.m., «p. m.»,
/// «de la tarde» or «de la noche», `Some(false)` for a.m., «a. m.», «de la mañana» or «de la
/// madrugada», `None` when they name none.
fn meridiem(text: &str, at: usize) -> Option<bool> {
    let rest = text[at..].trim_start_matches([' ', '\u{00A0}', '\u{202F}']);
    if rest.len() + 3 < text.len() - at {
        return None;
    }
    let lower: String = rest.chars().take(16).collect::<String>().to_lowercase();
    for (words, pm) in [
        ("a.m", false),
        ("a. m", false),
        ("am", false),
        ("p.m", true),
        ("p. m", true),
        ("pm", true),
        ("de la mañana", false),
        ("de la madrugada", false),
        ("de la tarde", true),
        ("de la noche", true),
    ] {
        if lower.starts_with(words)
            && !lower[words.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            return Some(pm);
        }
    }
    None
}

fn next_word(text: &str, at: usize) -> Option<(Cow<'_, str>, usize)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches([' ', '\u{00A0}']);
    if trimmed.len() == rest.len() || rest.len() - trimmed.len() > 2 {
        return None;
    }
    let start = at + (rest.len() - trimmed.len());
    let len = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    if len == 0 {
        return None;
    }
    // Most words are lowercase already, and are then not copied (this runs after every
    // number of a check).
    let word = &text[start..start + len];
    let lower = if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    Some((lower, start + len))
}

fn scale(text: &str, at: usize, lang: Lang) -> (f64, usize) {
    let Some((w, end)) = next_word(text, at) else {
        return (1.0, at);
    };
    match lang {
        Lang::En => match w.as_ref() {
            "thousand" => (1e3, end),
            "million" | "millions" => (1e6, end),
            "billion" | "billions" => (1e9, end),
            "trillion" | "trillions" => (1e12, end),
            _ => (1.0, at),
        },
        Lang::Es => match w.as_ref() {
            "mil" => match next_word(text, end) {
                Some((w2, end2))
                    if matches!(w2.as_ref(), "millones" | "millón" | "mdp" | "mdd") =>
                {
                    (1e9, end2)
                }
                _ => (1e3, end),
            },
            "millón" | "millones" => (1e6, end),
            // Mexican press abbreviations: «800 mdp» is 800 millones de pesos, «mdd» de
            // dólares, «mde» de euros; «mmdp», «mmdd» and «mmde» are miles de millones.
            "mdp" | "mdd" | "mde" => (1e6, end),
            "mmdp" | "mmdd" | "mmde" => (1e9, end),
            // A Spanish billón is a million millions (10^12), an English billion is «mil
            // millones» (10^9).
            "billón" | "billones" => (1e12, end),
            _ => (1.0, at),
        },
    }
}

/// The end of «y medio» («un millón y medio», 1.5 million) right after byte `at`.
fn and_a_half(text: &str, at: usize, lang: Lang) -> Option<usize> {
    if lang != Lang::Es {
        return None;
    }
    let (y, end) = next_word(text, at)?;
    let (half, end) = next_word(text, end).filter(|_| y == "y")?;
    matches!(half.as_ref(), "medio" | "media").then_some(end)
}

/// Whether `b` may mention a century: whether it holds `iglo`, as «siglo» and «Siglo» do.
/// Its searcher is built once: looking for it by its `g` stopped at every «-ing».
fn mentions_century(b: &[u8]) -> bool {
    static CENTURY: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"iglo"));
    CENTURY.find(b).is_some()
}

/// Every number of `text` in `lang`, written per `locale`.
pub fn extract(text: &str, lang: Lang, locale: NumberLocale) -> Vec<Num> {
    let (group, decimal) = match (lang, locale) {
        (Lang::Es, NumberLocale::Es) => ('.', ','),
        _ => (',', '.'),
    };
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Most segments hold no digit: the pass that tells is a fold, which the compiler makes a
    // vector reduction of. Through `text::gather`'s sixteen lanes a digit test was unrolled
    // into two thousand instructions, nine times slower on a sentence, and 4 % of a check.
    let has_digits = b.iter().fold(false, |any, c| any | c.is_ascii_digit());
    // «siglo» is the only word that brings numbers without digits.
    let has_century = mentions_century(b);
    if !has_digits && !has_century {
        return out;
    }
    let skip: Vec<Range<usize>> = if has_digits {
        markup::spans(text, Braces::Any)
            .into_iter()
            .map(|s| s.range)
            .collect()
    } else {
        Vec::new()
    };
    // One buffer for every number's digits, not one allocation each.
    let mut digits = String::new();
    let mut i = 0;
    while i < b.len() {
        // Straight to the next digit.
        match b[i..].iter().position(u8::is_ascii_digit) {
            Some(k) => i += k,
            None => break,
        }
        if let Some(r) = skip.iter().find(|r| r.contains(&i)) {
            i = r.end;
            continue;
        }
        let start = i;
        let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        let first = run(i);
        digits.clear();
        digits.push_str(&text[i..i + first]);
        i += first;
        // Thousands groups: exactly three digits after each separator.
        if first <= 3 {
            while let Some(c) = text[i..].chars().next() {
                let is_sep = c == group || (decimal == ',' && is_group_space(c));
                if !is_sep {
                    break;
                }
                let after = i + c.len_utf8();
                if run(after) == 3 && !b.get(after + 3).is_some_and(|d| d.is_ascii_digit()) {
                    digits.push_str(&text[after..after + 3]);
                    i = after + 3;
                } else {
                    break;
                }
            }
        }
        if text[i..].starts_with(decimal) && run(i + 1) > 0 {
            let n = run(i + 1);
            digits.push('.');
            digits.push_str(&text[i + 1..i + 1 + n]);
            i += 1 + n;
        }
        let mut value: f64 = digits.parse().unwrap_or(0.0);
        // The hour of a time is read on a 24-hour clock, so "10:30 p.m.", «22:30», Spain's
        // «22.30 h» and «a las 22.30» agree and "10:30 a.m." does not; an hour with no a.m.,
        // p.m. or «de la noche» may be either half of the day ("at 10:30" is also 22:30). Its
        // minutes are a number of their own, except a whole hour's «:00».
        let mut time_alt = None;
        if first <= 2 && i == start + first && value <= 24.0 {
            let minutes = |sep: char| {
                text[i..].starts_with(sep)
                    && run(i + 1) == 2
                    && !text[i + 3..].starts_with(|c: char| c.is_alphanumeric())
            };
            // Only the word before is looked at, never the whole text before lowercased (no
            // letter beyond ASCII lowercases to one of «las»'s).
            let before = text[..start].trim_end_matches([' ', '\u{00A0}']).as_bytes();
            let after_las =
                before.len() >= 3 && before[before.len() - 3..].eq_ignore_ascii_case(b"las");
            let spain_hour = decimal == ','
                && minutes('.')
                && (after_las
                    || text[i + 3..]
                        .trim_start_matches([' ', '\u{00A0}'])
                        .starts_with('h'));
            // «a las 15 horas» is a time too; «las 24 horas» is the whole day, left alone.
            let spanish_hour = lang == Lang::Es
                && (13.0..=23.0).contains(&value)
                && after_las
                && next_word(text, i)
                    .is_some_and(|(w, _)| matches!(w.as_ref(), "horas" | "h" | "hrs"));
            let with_minutes = minutes(':') || spain_hour;
            let meridiem = meridiem(text, if with_minutes { i + 3 } else { i });
            if (with_minutes || spanish_hour || meridiem.is_some()) && value >= 0.0 {
                let hour = value;
                match meridiem {
                    Some(pm) if hour <= 12.0 => value = hour % 12.0 + if pm { 12.0 } else { 0.0 },
                    _ if (1.0..12.0).contains(&hour) => time_alt = Some(hour + 12.0),
                    _ => {}
                }
                // «15:00» is "3 p.m.": whole hours state no minutes.
                if with_minutes && &text[i + 1..i + 3] == "00" {
                    i += 3;
                }
            }
        }
        // Ordinal endings carry no value of their own.
        for suffix in [
            "st", "nd", "rd", "th", ".º", ".ª", "º", "ª", "°", ".er", ".os", ".as",
        ] {
            if text[i..].starts_with(suffix)
                && !text[i + suffix.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                i += suffix.len();
                break;
            }
        }
        let mut end = i;
        let mut alt = time_alt;
        // English decades: "the 1990s" may be «los 90» or «los noventa», "the 1900s" «el siglo
        // XX», "the ’90s" «la década de 1990».
        if lang == Lang::En && i == start + first && value % 10.0 == 0.0 {
            let rest = &text[i..];
            let plural = ["s", "'s", "’s"]
                .iter()
                .find_map(|p| rest.strip_prefix(p))
                .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()));
            let clipped = text[..start].ends_with(['\'', '’']);
            if plural && first == 4 {
                alt = Some(if value % 100.0 == 0.0 {
                    value / 100.0 + 1.0
                } else {
                    value % 100.0
                });
            } else if plural && first == 2 && clipped {
                alt = Some(value + if value >= 30.0 { 1900.0 } else { 2000.0 });
            }
        }
        // Headline English: "$800m", "1.5bn", "2tn"; a bare "5m" is five metres.
        if lang == Lang::En {
            let money = text[..start].ends_with(['$', '£', '€']);
            for (suffix, factor) in [("bn", 1e9), ("tn", 1e12), ("m", 1e6)] {
                let fits = text[i..].starts_with(suffix)
                    && !text[i + suffix.len()..].starts_with(|c: char| c.is_alphanumeric());
                if fits && (money || suffix != "m") {
                    value *= factor;
                    i += suffix.len();
                    break;
                }
            }
        }
        if lang == Lang::Es {
            // Mexican copy writes «2 mil 500» for 2,500 and «mil 200 millones» for 1.2 billion.
            let bare_mil = text[..start]
                .trim_end_matches([' ', '\u{00A0}'])
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("mil"))
                && !text[..start]
                    .trim_end_matches([' ', '\u{00A0}'])
                    .trim_end_matches(|c: char| c.is_alphabetic())
                    .trim_end_matches([' ', '\u{00A0}'])
                    .ends_with(|c: char| c.is_ascii_digit());
            if bare_mil {
                value += 1000.0;
            }
            if let Some((w, after_mil)) = next_word(text, i) {
                let rest = &text[after_mil..];
                let gap = rest.len() - rest.trim_start_matches([' ', '\u{00A0}']).len();
                let m_at = after_mil + gap;
                let m_len = run(m_at);
                if w == "mil" && gap > 0 && (1..=3).contains(&m_len) {
                    value = value * 1000.0 + text[m_at..m_at + m_len].parse::<f64>().unwrap_or(0.0);
                    i = m_at + m_len;
                    end = i;
                }
            }
        }
        let (factor, after) = scale(text, i, lang);
        if factor > 1.0 {
            value *= factor;
            i = after;
            if let Some(half) = and_a_half(text, i, lang) {
                value += factor / 2.0;
                i = half;
            } else if lang == Lang::Es && factor == 1e6 {
                // Mexican copy: «20 millones 500 mil habitantes» is 20,500,000.
                let rest = &text[i..];
                let gap = rest.len() - rest.trim_start_matches([' ', '\u{00A0}']).len();
                let k_at = i + gap;
                let k_len = run(k_at);
                if gap > 0 && (1..=3).contains(&k_len) {
                    if let Some((w, after_mil)) = next_word(text, k_at + k_len) {
                        if w == "mil" {
                            value += text[k_at..k_at + k_len].parse::<f64>().unwrap_or(0.0) * 1e3;
                            i = after_mil;
                        }
                    }
                }
            }
        }
        out.push(Num {
            value,
            span: start..end,
            alt,
        });
    }
    if has_century {
        out.extend(centuries(text));
    }
    out.sort_by_key(|n| n.span.start);
    out
}

/// The value of a Roman numeral, if `s` is one in its canonical spelling, all in capitals
/// (siglo XIX) or all in lower case (list markers: iv, ix). The one reading of Roman
/// numerals: centuries and list markers both use it.
pub fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_lowercase()) {
        return roman(&s.to_ascii_uppercase());
    }
    let val = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let vals: Vec<u32> = s.chars().map(val).collect::<Option<_>>()?;
    let mut total = 0u32;
    for (k, v) in vals.iter().enumerate() {
        if vals.get(k + 1).is_some_and(|n| n > v) {
            total = total.saturating_sub(*v);
        } else {
            total += v;
        }
    }
    // Only the canonical spelling counts, so words like "DC" or "MIX" do not pass by accident.
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Roman numerals after «siglo»/«siglos», with lists («los siglos XIX y XX», «del siglo XIX al
/// XX»).
fn centuries(text: &str) -> Vec<Num> {
    let mut out = Vec::new();
    let words = words(text);
    for (k, (_, w)) in words.iter().enumerate() {
        if !(w.eq_ignore_ascii_case("siglo") || w.eq_ignore_ascii_case("siglos")) {
            continue;
        }
        for (at, next) in &words[k + 1..] {
            // A century is written in capitals: «siglo xix» is not read.
            let capitals = next.bytes().all(|b| b.is_ascii_uppercase());
            if let Some(v) = roman(next).filter(|_| capitals) {
                out.push(Num {
                    value: v as f64,
                    span: *at..at + next.len(),
                    alt: None,
                });
            } else if !matches!(*next, "y" | "e" | "o" | "u" | "al" | "a") {
                break;
            }
        }
    }
    out
}

/// A century written in Arabic numerals after «siglo»/«siglos» («el siglo 20», «los siglos
/// 19 y 20»), which the newsroom writes in Roman numerals: the numeral's span and its Roman
/// form («XX»). Only 1 to 21 are centuries. A capitalised «Siglo» inside a sentence is a
/// proper name (the Guadalajara daily *Siglo 21*, the Universidad Siglo 21) and is left
/// alone; at the start of a sentence it is the word. A number that does not follow «siglo»
/// directly («el 20 de siglo», «un siglo, 20 años después») and a length of time («hace un
/// siglo 20 familias», «medio siglo») are not read.
pub fn arabic_centuries(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    if !mentions_century(text.as_bytes()) {
        return out;
    }
    let words = words(text);
    for (k, (at, w)) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if lower != "siglo" && lower != "siglos" {
            continue;
        }
        if w.starts_with('S') {
            let before = text[..*at].trim_end_matches([' ', '\u{00A0}']);
            let starts_sentence = before
                .chars()
                .next_back()
                .is_none_or(|c| ".!?¿¡«“\"—–-:\n(".contains(c));
            if !starts_sentence {
                continue;
            }
        }
        // «hace un siglo 20 familias», «medio siglo»: a length of time, not a century.
        let before = k.checked_sub(1).map(|b| words[b].1.to_lowercase());
        if before.is_some_and(|b| matches!(b.as_str(), "un" | "medio" | "cada" | "otro")) {
            continue;
        }
        let mut prev_end = at + w.len();
        let mut first = true;
        for (n_at, next) in &words[k + 1..] {
            // «siglo 20», «siglos 19, 20 y 21»: only spaces after «siglo», a comma too in a
            // list; «un siglo, 20 años después» is not one.
            let gap = &text[prev_end..*n_at];
            let gap_ok = gap
                .chars()
                .all(|c| c.is_whitespace() || (!first && c == ','));
            if !gap_ok {
                break;
            }
            prev_end = n_at + next.len();
            let digits = next.trim_end_matches(['º', 'ª', 'o']);
            let value = digits
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| digits.parse::<u32>().ok())
                .flatten();
            // «siglo 2.0» is not a century.
            let decimal = text[n_at + next.len()..]
                .strip_prefix(['.', ','])
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
            match value {
                Some(v) if (1..=21).contains(&v) && !decimal => {
                    out.push((*n_at..n_at + digits.len(), to_roman(v)));
                    first = false;
                }
                _ if !first && matches!(*next, "y" | "e" | "o" | "u" | "al" | "a") => {}
                _ => break,
            }
        }
    }
    out
}

/// Alphanumeric runs with their offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Small numbers spelled out, which may stand for digits on the other side.
fn word_value(word: &str, lang: Lang) -> Option<u32> {
    let w = word.to_lowercase();
    let list: &[&str] = match lang {
        Lang::En => &[
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve",
        ],
        Lang::Es => &[
            "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
            "diez", "once", "doce",
        ],
    };
    if let Some(v) = list.iter().position(|x| *x == w) {
        return Some(v as u32);
    }
    match (lang, w.as_str()) {
        (Lang::Es, "una" | "un") => Some(1),
        (Lang::En, "first") | (Lang::Es, "primer" | "primero" | "primera") => Some(1),
        (Lang::En, "second") | (Lang::Es, "segundo" | "segunda") => Some(2),
        (Lang::En, "third") | (Lang::Es, "tercer" | "tercero" | "tercera") => Some(3),
        (Lang::En, "twenty") | (Lang::Es, "veinte") => Some(20),
        (Lang::En, "thirty") | (Lang::Es, "treinta") => Some(30),
        (Lang::En, "forty") | (Lang::Es, "cuarenta") => Some(40),
        (Lang::En, "fifty") | (Lang::Es, "cincuenta") => Some(50),
        (Lang::En, "sixty") | (Lang::Es, "sesenta") => Some(60),
        (Lang::En, "seventy") | (Lang::Es, "setenta") => Some(70),
        (Lang::En, "eighty") | (Lang::Es, "ochenta") => Some(80),
        (Lang::En, "ninety") | (Lang::Es, "noventa") => Some(90),
        (Lang::En, "hundred") | (Lang::Es, "cien") => Some(100),
        (Lang::En, "thousand") | (Lang::Es, "mil") => Some(1000),
        (Lang::En, "both") | (Lang::Es, "ambos" | "ambas") => Some(2),
        _ => None,
    }
}

/// Small numbers spelled out in `text` (two, dos, «cinco millones»), counted by value
/// [`key`].
pub fn spelled(text: &str, lang: Lang) -> HashMap<i128, usize> {
    let mut out = HashMap::new();
    let words = words(text);
    for (k, (at, w)) in words.iter().enumerate() {
        let Some(v) = word_value(w, lang) else {
            continue;
        };
        // «cinco millones», "five million": the scale word applies to the spelled number.
        let (factor, after) = scale(text, at + w.len(), lang);
        let value = if factor > 1.0 && words.get(k + 1).is_some() {
            let half = and_a_half(text, after, lang).map_or(0.0, |_| factor / 2.0);
            v as f64 * factor + half
        } else {
            v as f64
        };
        *out.entry(key(value)).or_insert(0) += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_names_how_its_spanish_writes_numbers() {
        assert_eq!(NumberLocale::from_tag("es-ES"), Some(NumberLocale::Es));
        assert_eq!(
            NumberLocale::from_tag("es_AR.UTF-8"),
            Some(NumberLocale::Es)
        );
        assert_eq!(NumberLocale::from_tag("es-co"), Some(NumberLocale::Es));
        assert_eq!(NumberLocale::from_tag("es_MX"), Some(NumberLocale::Mx));
        assert_eq!(NumberLocale::from_tag("es-US"), Some(NumberLocale::Mx));
        assert_eq!(NumberLocale::from_tag("es-419"), Some(NumberLocale::Mx));
        assert_eq!(NumberLocale::from_tag("es"), None);
        assert_eq!(NumberLocale::from_tag("es-Latn"), None);
        assert_eq!(NumberLocale::from_tag("en-GB"), None);
    }

    fn values(text: &str, lang: Lang, locale: NumberLocale) -> Vec<f64> {
        extract(text, lang, locale)
            .iter()
            .map(|n| n.value)
            .collect()
    }

    #[test]
    fn mexican_press_forms_read_as_values() {
        assert_eq!(
            values(
                "Tiene 20 millones 500 mil habitantes.",
                Lang::Es,
                NumberLocale::Mx
            ),
            [20.5e6]
        );
        assert_eq!(
            values("20 millones y 500 personas", Lang::Es, NumberLocale::Mx),
            [20e6, 500.0]
        );
        let mx = |t: &str| values(t, Lang::Es, NumberLocale::Mx);
        assert_eq!(mx("un fondo de 800 mdp"), [8e8]);
        assert_eq!(mx("unos 45 mdd"), [4.5e7]);
        assert_eq!(mx("1.2 mmdp y 3 mmdd"), [1.2e9, 3e9]);
        assert_eq!(mx("2 mil 500 personas"), [2500.0]);
        assert_eq!(mx("mil 200 millones de pesos"), [1.2e9]);
        assert_eq!(mx("3 mil 500 millones"), [3.5e9]);
        assert_eq!(mx("3 mil mdp"), [3e9]);
        // A Spanish billón is 10^12: an English trillion, not a billion.
        assert_eq!(mx("1.5 billones de pesos"), [1.5e12]);
        assert_eq!(
            values("1.5 trillion pesos", Lang::En, NumberLocale::Mx),
            [1.5e12]
        );
        // Not a press form: the word only counts after a number.
        assert_eq!(mx("el mdp de ayer, 5 mdpx"), [5.0]);
        // The words after a number are read in any case: a headline's capitals and a
        // title's capital letters, as well as every number of a line, each with its own digits.
        assert_eq!(mx("20 MILLONES 500 MIL y 3 Mil Millones"), [20.5e6, 3e9]);
        assert_eq!(
            mx("1 millón Y MEDIO, 2 Mil 500 y 7 MDD"),
            [1.5e6, 2500.0, 7e6]
        );
        assert_eq!(
            values(
                "3 MILLION, 2 Billion and 12,500",
                Lang::En,
                NumberLocale::Mx
            ),
            [3e6, 2e9, 12500.0]
        );
    }

    #[test]
    fn spain_groups_with_periods_and_thin_or_no_break_spaces() {
        let es = |t: &str| values(t, Lang::Es, NumberLocale::Es);
        assert_eq!(es("1.500 millones"), [1.5e9]);
        assert_eq!(es("3,5 %"), [3.5]);
        for sep in ['\u{2009}', '\u{202F}', '\u{00A0}'] {
            assert_eq!(
                es(&format!("1{sep}500{sep}000 votos")),
                [1_500_000.0],
                "{sep:?}"
            );
        }
        // es-MX reads the same digits the English way.
        assert_eq!(values("1.500", Lang::Es, NumberLocale::Mx), [1.5]);
        // The English side is always read the English way, whatever the Spanish locale.
        assert_eq!(values("1,500.5", Lang::En, NumberLocale::Es), [1500.5]);
    }

    #[test]
    fn centuries_in_arabic_numerals_are_found_with_their_roman_form() {
        let found = |t: &str| -> Vec<(String, String)> {
            arabic_centuries(t)
                .into_iter()
                .map(|(r, roman)| (t[r].to_string(), roman))
                .collect()
        };
        assert_eq!(found("En el siglo 20."), [("20".into(), "XX".into())]);
        assert_eq!(
            found("los siglos 19 y 20"),
            [("19".into(), "XIX".into()), ("20".into(), "XX".into())]
        );
        assert_eq!(found("el siglo 16º"), [("16".into(), "XVI".into())]);
        assert_eq!(
            found("los siglos 18, 19 y 20"),
            [
                ("18".into(), "XVIII".into()),
                ("19".into(), "XIX".into()),
                ("20".into(), "XX".into())
            ]
        );
        assert_eq!(found("Siglo 21: el reto."), [("21".into(), "XXI".into())]);
        // Roman numerals, non-century uses and proper names are left alone.
        for fine in [
            "el siglo XX",
            "el 20 de siglo",
            "según el diario Siglo 21 de Guadalajara",
            "la Universidad Siglo 21",
            "la web siglo 2.0",
            "un siglo 50 veces",
            "sin siglo",
            "hace un siglo 20 familias llegaron",
            "un siglo, 20 años después",
            "el siglo y 20 más",
        ] {
            assert!(found(fine).is_empty(), "{fine}: {:?}", found(fine));
        }
    }

    #[test]
    fn hours_are_read_on_a_twenty_four_hour_clock() {
        assert_eq!(
            values("at 10:30 p.m.", Lang::En, NumberLocale::Mx),
            [22.0, 30.0]
        );
        assert_eq!(
            values("at 10:30 a.m.", Lang::En, NumberLocale::Mx),
            [10.0, 30.0]
        );
        assert_eq!(
            values("a las 10:30 a. m.", Lang::Es, NumberLocale::Mx),
            [10.0, 30.0]
        );
        assert_eq!(
            values("a las 10 de la noche", Lang::Es, NumberLocale::Mx),
            [22.0]
        );
        assert_eq!(
            values("a las 22:30 horas", Lang::Es, NumberLocale::Mx),
            [22.0, 30.0]
        );
        assert_eq!(
            values("a las 22.30 h", Lang::Es, NumberLocale::Es),
            [22.0, 30.0]
        );
        // Spain writes the time with a period after «las», «h» or not.
        assert_eq!(
            values(
                "prevista para las 22.30, hora de Madrid",
                Lang::Es,
                NumberLocale::Es
            ),
            [22.0, 30.0]
        );
        assert_eq!(
            values("el 12 de junio a las 10.00.", Lang::Es, NumberLocale::Es),
            [12.0, 10.0]
        );
        // «las» in capitals, or before a non-breaking space, is still the word before.
        assert_eq!(
            values("A LAS 22.30", Lang::Es, NumberLocale::Es),
            [22.0, 30.0]
        );
        assert_eq!(
            values("Las\u{a0}22.30", Lang::Es, NumberLocale::Es),
            [22.0, 30.0]
        );
        // With no half of the day named, an hour may be either.
        let n = extract("at 10:30", Lang::En, NumberLocale::Mx);
        assert_eq!((n[0].value, n[0].alt), (10.0, Some(22.0)));
        // Not times: a decimal, a score, a duration, a ratio of more digits.
        assert_eq!(values("22.30 pesos", Lang::Es, NumberLocale::Mx), [22.3]);
        assert_eq!(values("las 24 horas", Lang::Es, NumberLocale::Mx), [24.0]);
        assert_eq!(values("ganó 3:1", Lang::Es, NumberLocale::Mx), [3.0, 1.0]);
        assert_eq!(
            values("a 150:30 ratio", Lang::En, NumberLocale::Mx),
            [150.0, 30.0]
        );
    }

    #[test]
    fn whole_hours_and_a_half_million() {
        assert_eq!(
            values("a las 15:00 horas", Lang::Es, NumberLocale::Mx),
            [15.0]
        );
        assert_eq!(values("a las 15 horas", Lang::Es, NumberLocale::Mx), [15.0]);
        assert_eq!(values("at 3 p.m.", Lang::En, NumberLocale::Mx), [15.0]);
        assert_eq!(
            values("las 24 horas del día", Lang::Es, NumberLocale::Mx),
            [24.0]
        );
        assert_eq!(
            values("durante 15 horas", Lang::Es, NumberLocale::Mx),
            [15.0]
        );
        assert_eq!(
            values("1 millón y medio", Lang::Es, NumberLocale::Mx),
            [1.5e6]
        );
        assert_eq!(
            values("2 millones y medio de votos", Lang::Es, NumberLocale::Mx),
            [2.5e6]
        );
        assert_eq!(
            spelled("un millón y medio de personas", Lang::Es).get(&key(1.5e6)),
            Some(&1)
        );
    }

    #[test]
    fn headline_english_scales() {
        let en = |t: &str| values(t, Lang::En, NumberLocale::Mx);
        assert_eq!(en("a $800m fund"), [8e8]);
        assert_eq!(en("£1.5bn and 2tn"), [1.5e9, 2e12]);
        assert_eq!(en("a 5m wall"), [5.0]);
        assert_eq!(en("5mg"), [5.0]);
    }

    #[test]
    fn english_decades_have_another_reading() {
        let alts = |t: &str| -> Vec<(f64, Option<f64>)> {
            extract(t, Lang::En, NumberLocale::Mx)
                .iter()
                .map(|n| (n.value, n.alt))
                .collect()
        };
        assert_eq!(alts("in the 1990s"), [(1990.0, Some(90.0))]);
        assert_eq!(alts("in the 1900s"), [(1900.0, Some(20.0))]);
        assert_eq!(alts("in the ’90s"), [(90.0, Some(1990.0))]);
        assert_eq!(alts("the 2010's"), [(2010.0, Some(10.0))]);
        assert_eq!(alts("in 1990, 1995s"), [(1990.0, None), (1995.0, None)]);
    }
}
