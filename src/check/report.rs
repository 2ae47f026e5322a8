//! Machine-readable reports of check findings: JSON Lines, SARIF 2.1.0 and JUnit XML.
//!
//! The caller renders each finding's message (in English for these formats) and hands over
//! [`Item`]s; this module only lays them out. JSON goes through serde, XML through quick-xml's
//! writer, so nothing is escaped by hand. Pure: text in, text out.

use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

use super::{Rule, Severity, Side};
use crate::xml::XmlOut;

/// One finding, ready to report.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    /// The work file, as given.
    pub file: String,
    /// 1-based line of the segment in the work file.
    pub line: usize,
    /// The segment id.
    pub segment: String,
    /// The rule id.
    pub rule: &'static str,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// `source` or `target`: the text the span points into.
    pub side: &'static str,
    /// Byte span in that text.
    pub span: Option<(usize, usize)>,
    /// The marked text.
    pub text: Option<String>,
    /// The message, in English.
    pub message: String,
    /// The message's arguments.
    pub args: BTreeMap<String, String>,
}

impl Item {
    /// The side's name.
    pub fn side_name(side: Side) -> &'static str {
        match side {
            Side::Source => "source",
            Side::Target => "target",
        }
    }
}

/// A rule's description for the reports: its id, title and explanation, in English.
pub struct RuleDoc {
    /// The rule.
    pub rule: Rule,
    /// Severity in this project.
    pub severity: Severity,
    /// One line.
    pub title: String,
    /// The `--explain` text.
    pub help: String,
}

fn sarif_level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

/// SARIF 2.1.0: one run of puente, its rules in `tool.driver.rules`, one result per finding,
/// located by file and line, with the segment id as a logical location.
pub fn sarif(items: &[Item], rules: &[RuleDoc], version: &str) -> String {
    let rule_index: BTreeMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.rule.id(), i))
        .collect();
    let rules_json: Vec<_> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.rule.id(),
                "name": r.rule.id(),
                "shortDescription": { "text": r.title },
                "fullDescription": { "text": r.help },
                "help": { "text": r.help },
                "defaultConfiguration": { "level": sarif_level(r.severity.id()), "enabled": r.severity != Severity::Off },
            })
        })
        .collect();
    let results: Vec<_> = items
        .iter()
        .map(|i| {
            let mut fingerprint = i.file.clone();
            for part in [&i.segment, i.rule, &i.message] {
                fingerprint.push('\u{1f}');
                fingerprint.push_str(part);
            }
            json!({
                "ruleId": i.rule,
                "ruleIndex": rule_index.get(i.rule).copied().unwrap_or(0),
                "level": sarif_level(i.severity),
                "message": { "text": match &i.text {
                    Some(t) => format!("{} [{} {}: “{}”]", i.message, i.segment, i.side, t),
                    None => format!("{} [{}]", i.message, i.segment),
                }},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": i.file },
                        "region": { "startLine": i.line },
                    },
                    "logicalLocations": [{ "name": i.segment, "kind": "element" }],
                }],
                "partialFingerprints": {
                    "puenteFinding/v1": crate::text::sha256_hex(fingerprint.as_bytes()),
                },
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "puente",
                "version": version,
                "rules": rules_json,
            }},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    s.push('\n');
    s
}

/// JUnit XML: a test suite per work file and a test case per segment checked; errors are
/// failures, warnings go to the case's `system-out`.
pub fn junit(files: &[(String, Vec<(String, usize)>)], items: &[Item]) -> String {
    // By line too: a segment id used twice (rule duplicate-id) is two test cases, each with
    // its own findings.
    let mut by_segment: BTreeMap<(&str, &str, usize), Vec<&Item>> = BTreeMap::new();
    for i in items {
        by_segment
            .entry((i.file.as_str(), i.segment.as_str(), i.line))
            .or_default()
            .push(i);
    }
    let mut w = XmlOut::new();
    let total_tests: usize = files.iter().map(|(_, s)| s.len()).sum();
    let total_failures = items.iter().filter(|i| i.severity == "error").count();
    w.open(
        "testsuites",
        &[
            ("name", "puente check"),
            ("tests", &total_tests.to_string()),
            ("failures", &total_failures.to_string()),
        ],
    );
    for (file, segments) in files {
        let failures = items
            .iter()
            .filter(|i| i.file == *file && i.severity == "error")
            .count();
        w.open(
            "testsuite",
            &[
                ("name", file),
                ("tests", &segments.len().to_string()),
                ("failures", &failures.to_string()),
                ("errors", "0"),
            ],
        );
        for (segment, line_no) in segments {
            let line = line_no.to_string();
            let case = [
                ("classname", file.as_str()),
                ("name", segment.as_str()),
                ("file", file.as_str()),
                ("line", line.as_str()),
            ];
            let Some(found) = by_segment.get(&(file.as_str(), segment.as_str(), *line_no)) else {
                w.empty("testcase", &case);
                continue;
            };
            w.open("testcase", &case);
            let mut warnings = String::new();
            for i in found {
                let text = format!(
                    "{}:{}: {} [{}] {}",
                    i.file, i.line, i.severity, i.rule, i.message
                );
                if i.severity == "error" {
                    w.element(
                        "failure",
                        &[("type", i.rule), ("message", i.message.as_str())],
                        &text,
                    );
                } else {
                    warnings.push_str(&text);
                    warnings.push('\n');
                }
            }
            if !warnings.is_empty() {
                w.element("system-out", &[], &warnings);
            }
            w.close("testcase");
        }
        w.close("testsuite");
    }
    w.close("testsuites");
    w.finish()
}

/// How many characters of context a report shows on each side of a finding's span. A report
/// repeats a segment's text once per finding, so a whole long segment each time would make
/// the report grow with the square of the input; a bounded cut keeps it linear.
pub const CONTEXT_CHARS: usize = 80;

/// The longest segment id a report shows whole: PO entries without `msgctxt` are named by
/// their `msgid`, which may be a whole paragraph.
pub const ID_CHARS: usize = 60;

/// `s` cut to its first `max` characters, with an ellipsis when something was left out.
pub fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((end, _)) => format!("{}…", &s[..end]),
    }
}

/// A segment id as reports show it: the id, or its start and an ellipsis when it is long,
/// control characters escaped ([`visible`]) since a PO entry without `msgctxt` is named by
/// its `msgid`.
pub fn short_id(id: &str) -> String {
    visible(&cut(id, ID_CHARS))
}

/// `s` without its first characters when it is longer than `max`: an ellipsis and the last
/// `max` characters.
fn cut_front(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let start = s.char_indices().nth(n - max).map_or(0, |(i, _)| i);
    format!("…{}", &s[start..])
}

/// `text` with `span` marked ⟦like this⟧, cut to [`CONTEXT_CHARS`] characters on each side
/// of the span (and the span itself to twice that), with ellipses where text was left out.
/// Without a span, the start of the text. Byte spans in the reports still refer to the whole
/// text; this is only what is shown.
pub fn excerpt(text: &str, span: Option<&std::ops::Range<usize>>) -> String {
    match span {
        Some(r)
            if r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end) =>
        {
            format!(
                "{}⟦{}⟧{}",
                cut_front(&text[..r.start], CONTEXT_CHARS),
                cut(&text[r.clone()], 2 * CONTEXT_CHARS),
                cut(&text[r.end..], CONTEXT_CHARS)
            )
        }
        _ => cut(text, 2 * CONTEXT_CHARS),
    }
}

/// `s` safe to print on a terminal and on one line: a newline as ⏎, a tab kept, and every
/// other C0 or C1 control character (ESC, BEL, NUL…) and DEL written as an escape such as
/// `\u{1b}`, so a work file can neither move the cursor nor retitle the window of the person
/// reading the report.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push('⏎'),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod excerpt_tests {
    use super::*;

    #[test]
    fn excerpts_are_bounded_and_mark_the_span() {
        let text = "a".repeat(1000) + "XYZ" + &"b".repeat(1000);
        let e = excerpt(&text, Some(&(1000..1003)));
        assert!(e.contains("⟦XYZ⟧"), "{e}");
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert_eq!(e.chars().count(), 2 * CONTEXT_CHARS + 3 + 4);
        assert_eq!(excerpt("short", Some(&(0..5))), "⟦short⟧");
        assert_eq!(excerpt("ñandú", None), "ñandú");
        assert!(short_id(&"x".repeat(500)).chars().count() <= ID_CHARS + 1);
    }

    #[test]
    fn controls_are_escaped() {
        assert_eq!(
            visible("a\u{1b}]0;t\u{7}\0\u{9b}\tb\nc"),
            "a\\u{1b}]0;t\\u{7}\\u{0}\\u{9b}\tb⏎c"
        );
    }
}
