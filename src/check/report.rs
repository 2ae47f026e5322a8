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

/// The JSON Lines schema version.
pub const SCHEMA: u32 = 1;

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

/// JSON Lines: one object per finding, each with the schema version.
pub fn json_lines(items: &[Item]) -> String {
    let mut out = String::new();
    for i in items {
        let mut v = serde_json::to_value(i).expect("items serialize");
        v["schema"] = json!(SCHEMA);
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
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
                    "puenteFinding/v1": crate::article::sha256_hex(fingerprint.as_bytes()),
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
