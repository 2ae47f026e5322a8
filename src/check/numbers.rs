//! The `numbers` rule: the source and the target state the same numeric values, as
//! [`crate::text::numbers`] reads them (by locale, ordinals, centuries, scale words, small
//! numbers spelled out on the other side), and that a Spanish target writes centuries in Roman
//! numerals. Pure.

use std::collections::HashMap;
use std::ops::Range;

use super::{Message, Side};
use crate::lang::Lang;
use crate::text::numbers::{arabic_centuries, extract, key, spelled, Num, NumberLocale};

/// A value for a message, the same in every locale: digits, a narrow no-break space between
/// thousands from 10 000 up (1 500 000 000 reads the same in Mexico, Spain and English), a
/// decimal point.
fn show(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = (v as i64).unsigned_abs().to_string();
        if digits.len() <= 4 {
            return format!("{}", v as i64);
        }
        let mut out = String::new();
        if v < 0.0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push('\u{202F}');
            }
            out.push(c);
        }
        out
    } else {
        format!("{v}")
    }
}

/// The `numbers` rule on one segment: the values, and in a Spanish target the centuries
/// written in Arabic numerals («siglo 20», fix «siglo XX»). A Spanish source is the writer's,
/// not judged.
pub fn compare(
    src: &str,
    src_lang: Lang,
    src_locale: NumberLocale,
    tgt: &str,
    tgt_lang: Lang,
    tgt_locale: NumberLocale,
) -> Vec<(Side, Option<Range<usize>>, Message)> {
    let mut out = values(src, src_lang, src_locale, tgt, tgt_lang, tgt_locale);
    if tgt_lang == Lang::Es {
        for (span, roman) in arabic_centuries(tgt) {
            // A name the source carries as it is (the daily *Siglo 21* at the start of a
            // sentence) is not a century.
            if src.contains(&format!("Siglo {}", &tgt[span.clone()])) {
                continue;
            }
            // «En lo que va del siglo 12 periodistas…»: the number after «siglo» is a count
            // the source states as a plain number ("this century 12 journalists"), not an
            // ordinal ("12th").
            if states_a_count(src, &tgt[span.clone()]) {
                continue;
            }
            out.push((
                Side::Target,
                Some(span.clone()),
                Message::new("check-century-arabic")
                    .arg("number", &tgt[span])
                    .arg("fix", roman),
            ));
        }
    }
    out
}

/// The target's numbers not yet paired, found by value. A segment holds a handful of numbers,
/// and a scan of their keys beats hashing them; a table-sized segment gets a hash map, so
/// pairing stays linear.
struct Pool {
    keys: Vec<i128>,
    used: Vec<bool>,
    by_key: Option<HashMap<i128, Vec<usize>>>,
}

impl Pool {
    fn new(t: &[Num]) -> Pool {
        let keys: Vec<i128> = t.iter().map(|n| key(n.value)).collect();
        let by_key = (keys.len() > 32).then(|| {
            let mut m: HashMap<i128, Vec<usize>> = HashMap::new();
            for (j, k) in keys.iter().enumerate().rev() {
                m.entry(*k).or_default().push(j);
            }
            m
        });
        Pool {
            used: vec![false; keys.len()],
            keys,
            by_key,
        }
    }

    /// The first unpaired number of value `k`, now paired.
    fn take(&mut self, k: i128) -> Option<usize> {
        let j = match &mut self.by_key {
            Some(m) => m.get_mut(&k).and_then(Vec::pop)?,
            None => (0..self.keys.len()).find(|&j| !self.used[j] && self.keys[j] == k)?,
        };
        self.used[j] = true;
        Some(j)
    }
}

/// Whether `src` writes `digits` as a plain number of its own, never as an ordinal (12th,
/// 12.º).
fn states_a_count(src: &str, digits: &str) -> bool {
    let mut plain = false;
    for (at, _) in src.match_indices(digits) {
        let before = src[..at].chars().next_back();
        let after = &src[at + digits.len()..];
        if before.is_some_and(|c| c.is_alphanumeric()) || after.starts_with(char::is_numeric) {
            continue;
        }
        let ordinal = ["st", "nd", "rd", "th", ".º", "º", ".ª", "ª"]
            .iter()
            .any(|s| after.starts_with(s));
        if ordinal {
            return false;
        }
        plain = true;
    }
    plain
}

/// The numbers of one side still unpaired, less those the other side spells out in words
/// («dos», "two", «los noventa»; `words` counts them by value).
fn unpaired<'a>(nums: &'a [Num], used: &[bool], mut words: HashMap<i128, usize>) -> Vec<&'a Num> {
    let mut take = |n: &Num| {
        for v in std::iter::once(n.value).chain(n.alt) {
            if let Some(c) = words.get_mut(&key(v)).filter(|c| **c > 0) {
                *c -= 1;
                return true;
            }
        }
        false
    };
    nums.iter()
        .zip(used)
        .filter(|(n, u)| !**u && !take(n))
        .map(|(n, _)| n)
        .collect()
}

/// `nums` (of `text`, in order) with the pieces of one written number joined: digits cut by a
/// lone comma or period the locale did not read as a decimal point.
fn join_pieces(nums: &[&Num], text: &str) -> Vec<Num> {
    let mut groups: Vec<Num> = Vec::with_capacity(nums.len());
    for n in nums {
        if let Some(last) = groups.last_mut() {
            if last.span.end < n.span.start
                && matches!(&text[last.span.end..n.span.start], "," | ".")
            {
                last.span.end = n.span.end;
                continue;
            }
        }
        groups.push((*n).clone());
    }
    groups
}

/// The same values on both sides.
fn values(
    src: &str,
    src_lang: Lang,
    src_locale: NumberLocale,
    tgt: &str,
    tgt_lang: Lang,
    tgt_locale: NumberLocale,
) -> Vec<(Side, Option<Range<usize>>, Message)> {
    let s = extract(src, src_lang, src_locale);
    let t = extract(tgt, tgt_lang, tgt_locale);
    if s.is_empty() && t.is_empty() {
        return Vec::new();
    }
    // Pair equal values first, then a number's other reading ("the 1990s" is also «los 90»,
    // "the 1900s" also «el siglo XX»), so a plain reading is never taken by an alternative.
    let mut pool = Pool::new(&t);
    let mut s_used = vec![false; s.len()];
    for pass_alt in [false, true] {
        for (i, n) in s.iter().enumerate() {
            let v = if pass_alt { n.alt } else { Some(n.value) };
            let Some(v) = v.filter(|_| !s_used[i]) else {
                continue;
            };
            if pool.take(key(v)).is_some() {
                s_used[i] = true;
            }
        }
    }
    let mut t_used = pool.used;
    // A target number's other reading against a source number still unpaired.
    if t.iter().zip(&t_used).any(|(n, u)| !u && n.alt.is_some()) {
        for (j, n) in t.iter().enumerate() {
            let Some(alt) = n.alt.filter(|_| !t_used[j]) else {
                continue;
            };
            if let Some(i) = (0..s.len()).find(|&i| !s_used[i] && key(s[i].value) == key(alt)) {
                s_used[i] = true;
                t_used[j] = true;
            }
        }
    }
    if s_used.iter().chain(&t_used).all(|u| *u) {
        return Vec::new();
    }
    let missing = unpaired(&s, &s_used, spelled(tgt, tgt_lang));
    let extra = unpaired(&t, &t_used, spelled(src, src_lang));
    // Digits cut by a separator the locale does not read as a decimal point («3,5» in a
    // Mexican text reads as 3 and 5; "3,5%" in English likewise) are one number written
    // another locale's way: one finding over the whole span, not one per piece, on either side.
    let extra = join_pieces(&extra, tgt);
    let missing = join_pieces(&missing, src);
    // A number replaced by another is one finding, pointing at the replacement.
    let mut out = Vec::new();
    let changed = missing.len().min(extra.len());
    for (m, e) in missing.iter().zip(&extra).take(changed) {
        let (number, found) = (&src[m.span.clone()], &tgt[e.span.clone()]);
        // The same digits read as another value («1.500» is 1500 in Spain Spanish and 1.5 in
        // English; «800 mdp» is 800 million): saying "1.500 is 1.500" would contradict
        // itself, so the message gives both values.
        let message = if number == found {
            Message::new("check-number-read")
                .arg("number", number)
                .arg("value", show(m.value))
                .arg("found_value", show(e.value))
        } else {
            Message::new("check-number-changed")
                .arg("number", number)
                .arg("found", found)
        };
        out.push((Side::Target, Some(e.span.clone()), message));
    }
    for n in &missing[changed..] {
        out.push((
            Side::Source,
            Some(n.span.clone()),
            Message::new("check-number-missing")
                .arg("number", &src[n.span.clone()])
                .arg("value", show(n.value)),
        ));
    }
    for n in &extra[changed..] {
        out.push((
            Side::Target,
            Some(n.span.clone()),
            Message::new("check-number-extra")
                .arg("number", &tgt[n.span.clone()])
                .arg("value", show(n.value)),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::show;

    #[test]
    fn values_in_messages_read_the_same_in_every_locale() {
        assert_eq!(show(800.0), "800");
        assert_eq!(show(1500.0), "1500");
        assert_eq!(show(1.5), "1.5");
        assert_eq!(show(1.5e9), "1\u{202F}500\u{202F}000\u{202F}000");
        assert_eq!(show(-25_000.0), "-25\u{202F}000");
    }
}
