//! Machine-readable reports of check findings: JSON Lines, SARIF 2.1.0 and JUnit XML.
//!
//! The caller renders each finding's message (in English for these formats) and hands over
//! [`Item`]s; this module only lays them out. JSON goes through serde, XML through quick-xml's
//! writer and file URIs through the `url` crate, so nothing is escaped by hand. Pure: text
//! and paths in, text out; it never reads the file system.
//!
//! What strict consumers are promised, and the tests check (`tests/it/reports.rs`):
//! - SARIF validates against the OASIS SARIF 2.1.0 schema, formats included: an artifact's
//!   `uri` is a percent-encoded reference relative to the project root (`uriBaseId`
//!   [`ROOT_BASE_ID`], defined in the run's `originalUriBaseIds` as the root's `file:` URI), or
//!   an absolute `file:` URI for a file outside the root;
//! - JUnit validates against the Jenkins xUnit plugin's `junit-10.xsd`: in each suite,
//!   `tests` counts test cases (one per segment) and `failures` the test cases that failed;
//!   the root carries no totals (they are known only at the end, and consumers add up the
//!   suites);
//! - both are written in pieces as the files are checked ([`Sarif`], [`Junit`]), so a report
//!   of any size is never held whole;
//! - with nothing checked, each format is still a whole, valid report: SARIF one run with no
//!   results, JUnit no test cases, JSON Lines no lines.

use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use url::Url;

use super::{Rule, Severity, Side};
use crate::xml::XmlOut;

/// One finding, ready to report.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    /// The work file, as given.
    pub file: String,
    /// The work file's absolute path, for the SARIF URI (not in the JSON report).
    #[serde(skip)]
    pub path: PathBuf,
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

/// The SARIF `uriBaseId` of the project root (the folder of `puente.toml`, else the folder
/// puente ran in): the name code-scanning services and SARIF viewers know for a repository's
/// root.
pub const ROOT_BASE_ID: &str = "%SRCROOT%";

/// Where `path` is, as a SARIF `artifactLocation`: under `root`, a reference relative to
/// [`ROOT_BASE_ID`] (`work/sequía 2025.en.xlf` → `work/sequ%C3%ADa%202025.en.xlf`); elsewhere
/// an absolute `file:` URI, which takes no base. Both paths are absolute and lexically
/// normalized (no `.` or `..`); a relative `path` is taken as relative to the root.
pub fn artifact_location(root: &Path, path: &Path) -> serde_json::Value {
    let root_url = Url::from_directory_path(root).ok();
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    };
    let file_url = Url::from_file_path(&absolute).ok();
    match (root_url, file_url) {
        (Some(base), Some(file)) if absolute.starts_with(root) => {
            let relative = base
                .make_relative(&file)
                .expect("a file: URL under a folder's file: URL is relative to it");
            json!({ "uri": no_scheme_lookalike(relative), "uriBaseId": ROOT_BASE_ID })
        }
        (_, Some(file)) => json!({ "uri": file.as_str() }),
        // A relative root (the current folder could not be known): the file's name, encoded
        // as the path of a file: URL is, relative to that unknown root.
        (None, None) => {
            let rooted = Url::from_file_path(Path::new("/").join(path)).ok();
            let uri = rooted.map_or_else(String::new, |u| u.path()[1..].to_string());
            json!({ "uri": no_scheme_lookalike(uri), "uriBaseId": ROOT_BASE_ID })
        }
        (Some(_), None) => json!({ "uri": "" }),
    }
}

/// A relative reference whose first segment holds a colon (`a:b.po`) would read as a URI with
/// the scheme `a`; RFC 3986 (section 4.2) writes it `./a:b.po`.
fn no_scheme_lookalike(relative: String) -> String {
    let first = relative.split('/').next().unwrap_or("");
    if first.contains(':') {
        format!("./{relative}")
    } else {
        relative
    }
}

/// SARIF 2.1.0, written in pieces so that a report of any size goes out as it is made: one
/// run of puente, its rules in `tool.driver.rules`, one result per finding, located by file
/// (see [`artifact_location`]) and line, with the segment id as a logical location. The
/// document is [`Sarif::head`], each result ([`Sarif::result`]) and [`Sarif::tail`], laid out
/// as one pretty-printed document (each result indented to its place); the invocation comes
/// after the results, since whether the run succeeded is known only at the end.
pub struct Sarif {
    root: PathBuf,
    rule_index: BTreeMap<&'static str, usize>,
    results: usize,
}

/// The indentation of the run's keys and of each result, in levels of two spaces.
const SARIF_RUN_DEPTH: usize = 3;
const SARIF_RESULT_DEPTH: usize = 4;

/// `value` pretty-printed, its lines after the first indented by `depth` levels, to sit at
/// that depth in a larger document. JSON strings hold no raw newline (serde escapes it), so
/// only the layout's lines move.
fn pretty_at(value: &serde_json::Value, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).expect("JSON serializes");
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
}

impl Sarif {
    /// The document up to its first result, and the writer of the rest. `root` is the
    /// project root, absolute, given in `originalUriBaseIds`.
    pub fn head(rules: &[RuleDoc], version: &str, root: &Path) -> (Sarif, String) {
        let rule_index = rules
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
        let tool = json!({ "driver": {
            "name": "puente",
            "version": version,
            "rules": rules_json,
        }});
        let indent = "  ".repeat(SARIF_RUN_DEPTH);
        let mut head = format!(
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \
             \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n{indent}\"tool\": {},\n",
            pretty_at(&tool, SARIF_RUN_DEPTH)
        );
        // The root is given only when it is known as an absolute folder: a base id must
        // resolve to an absolute URI (SARIF 3.14.14).
        if let Ok(base) = Url::from_directory_path(root) {
            let bases = json!({ ROOT_BASE_ID: { "uri": base.as_str() } });
            head.push_str(&format!(
                "{indent}\"originalUriBaseIds\": {},\n",
                pretty_at(&bases, SARIF_RUN_DEPTH)
            ));
        }
        head.push_str(&format!("{indent}\"results\": ["));
        let writer = Sarif {
            root: root.to_path_buf(),
            rule_index,
            results: 0,
        };
        (writer, head)
    }

    /// One finding's result, with the comma or line break that goes before it.
    pub fn result(&mut self, i: &Item) -> String {
        let mut fingerprint = i.file.clone();
        for part in [&i.segment, i.rule, &i.message] {
            fingerprint.push('\u{1f}');
            fingerprint.push_str(part);
        }
        let result = json!({
            "ruleId": i.rule,
            "ruleIndex": self.rule_index.get(i.rule).copied().unwrap_or(0),
            "level": sarif_level(i.severity),
            "message": { "text": match &i.text {
                Some(t) => format!("{} [{} {}: “{}”]", i.message, i.segment, i.side, t),
                None => format!("{} [{}]", i.message, i.segment),
            }},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": artifact_location(&self.root, &i.path),
                    "region": { "startLine": i.line },
                },
                "logicalLocations": [{ "name": i.segment, "kind": "element" }],
            }],
            "partialFingerprints": {
                "puenteFinding/v1": crate::text::sha256_hex(fingerprint.as_bytes()),
            },
        });
        let before = if self.results == 0 { "\n" } else { ",\n" };
        self.results += 1;
        format!(
            "{before}{}{}",
            "  ".repeat(SARIF_RESULT_DEPTH),
            pretty_at(&result, SARIF_RESULT_DEPTH)
        )
    }

    /// The rest of the document: the run's invocation. `problems` are the files that could
    /// not be checked, in English: the invocation says the run did not succeed and lists
    /// them, so a report of the other files never passes for a whole one.
    pub fn tail(self, problems: &[String]) -> String {
        let invocations = json!([{
            "executionSuccessful": problems.is_empty(),
            "toolExecutionNotifications": problems
                .iter()
                .map(|p| json!({ "level": "error", "message": { "text": p } }))
                .collect::<Vec<_>>(),
        }]);
        let indent = "  ".repeat(SARIF_RUN_DEPTH);
        let close = if self.results == 0 {
            String::from("]")
        } else {
            format!("\n{indent}]")
        };
        format!(
            "{close},\n{indent}\"invocations\": {}\n    }}\n  ]\n}}\n",
            pretty_at(&invocations, SARIF_RUN_DEPTH)
        )
    }
}

/// A whole SARIF document of `items` at once (see [`Sarif`]).
pub fn sarif(
    items: &[Item],
    rules: &[RuleDoc],
    version: &str,
    root: &Path,
    problems: &[String],
) -> String {
    let (mut w, mut doc) = Sarif::head(rules, version, root);
    for i in items {
        doc.push_str(&w.result(i));
    }
    doc.push_str(&w.tail(problems));
    doc
}

/// JUnit XML as the Jenkins xUnit plugin's `junit-10.xsd` defines it, written in pieces so
/// that a report of any size goes out as it is made: a test suite per work file and a test
/// case per segment checked; each error is a `failure` of its segment's case, warnings go to
/// the case's `system-out`. In each suite, `tests` counts the test cases and `failures` the
/// cases with at least one failure, as consumers that check the counts against the cases
/// expect. The root `testsuites` carries only its name: it is written before any file is
/// checked, and the schema, Jenkins and GitLab take its totals as optional (they add up the
/// suites). The schema has no place for a case's file and line: the suite names the file,
/// and each failure's text starts with `file:line:`.
pub struct Junit {
    w: XmlOut,
}

impl Junit {
    /// The document up to its first suite, and the writer of the rest.
    pub fn head() -> (Junit, String) {
        let mut w = XmlOut::new();
        w.open("testsuites", &[("name", "puente check")]);
        let head = w.take();
        (Junit { w }, head)
    }

    /// One work file's suite: `file` as given, its segments' short ids and lines, and its
    /// findings (in any order; those of other files are left out).
    pub fn suite(&mut self, file: &str, segments: &[(String, usize)], items: &[&Item]) -> String {
        // By line too: a segment id used twice (rule duplicate-id) is two test cases, each
        // with its own findings.
        let mut by_segment: BTreeMap<(&str, usize), Vec<&Item>> = BTreeMap::new();
        for i in items.iter().filter(|i| i.file == file) {
            by_segment
                .entry((i.segment.as_str(), i.line))
                .or_default()
                .push(i);
        }
        let failing = segments
            .iter()
            .filter(|(segment, line)| {
                by_segment
                    .get(&(segment.as_str(), *line))
                    .is_some_and(|found| found.iter().any(|i| i.severity == "error"))
            })
            .count();
        let w = &mut self.w;
        w.open(
            "testsuite",
            &[
                ("name", file),
                ("tests", &segments.len().to_string()),
                ("failures", &failing.to_string()),
                ("errors", "0"),
                ("file", file),
            ],
        );
        for (segment, line_no) in segments {
            let case = [("classname", file), ("name", segment.as_str())];
            let Some(found) = by_segment.get(&(segment.as_str(), *line_no)) else {
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
        w.take()
    }

    /// The rest of the document.
    pub fn tail(mut self) -> String {
        self.w.close("testsuites");
        self.w.finish()
    }
}

/// A whole JUnit document at once (see [`Junit`]): each file as given with its segments'
/// short ids and lines, and the findings.
pub fn junit(files: &[(String, Vec<(String, usize)>)], items: &[Item]) -> String {
    let all: Vec<&Item> = items.iter().collect();
    let (mut w, mut doc) = Junit::head();
    for (file, segments) in files {
        doc.push_str(&w.suite(file, segments, &all));
    }
    doc.push_str(&w.tail());
    doc
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

#[cfg(test)]
mod uri_tests {
    use super::*;

    #[test]
    fn files_under_the_root_are_percent_encoded_relative_references() {
        let root = Path::new("/srv/diario");
        assert_eq!(
            artifact_location(root, Path::new("/srv/diario/work/sequía 2025.en.xlf")),
            json!({ "uri": "work/sequ%C3%ADa%202025.en.xlf", "uriBaseId": ROOT_BASE_ID })
        );
        // Characters a URI reserves are encoded where a path must not hold them raw.
        assert_eq!(
            artifact_location(root, Path::new("/srv/diario/work/50% #1?.po"))["uri"],
            "work/50%25%20%231%3F.po"
        );
        // A relative path is taken from the root.
        assert_eq!(
            artifact_location(root, Path::new("work/año.po"))["uri"],
            "work/a%C3%B1o.po"
        );
        // A colon in the first segment would read as a scheme.
        assert_eq!(
            artifact_location(root, Path::new("/srv/diario/a:b.po"))["uri"],
            "./a:b.po"
        );
    }

    #[test]
    fn files_outside_the_root_are_absolute_file_uris_without_a_base() {
        let root = Path::new("/srv/diario");
        assert_eq!(
            artifact_location(root, Path::new("/srv/diario-2/año.po")),
            json!({ "uri": "file:///srv/diario-2/a%C3%B1o.po" })
        );
        assert_eq!(
            artifact_location(root, Path::new("/tmp/x.po")),
            json!({ "uri": "file:///tmp/x.po" })
        );
    }

    #[test]
    fn the_run_names_the_root_as_a_base() {
        let s = sarif(&[], &[], "0", Path::new("/srv/mi diario"), &[]);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(
            v["runs"][0]["originalUriBaseIds"][ROOT_BASE_ID]["uri"],
            "file:///srv/mi%20diario/"
        );
        assert_eq!(v["runs"][0]["results"], json!([]));
        assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], true);
        let s = sarif(
            &[],
            &[],
            "0",
            Path::new("/srv"),
            &["a.po: unreadable".into()],
        );
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        let invocation = &v["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        assert_eq!(
            invocation["toolExecutionNotifications"][0]["message"]["text"],
            "a.po: unreadable"
        );
    }
}

#[cfg(test)]
mod sarif_tests {
    use super::*;

    fn item(segment: &str) -> Item {
        Item {
            file: "work/a.po".to_string(),
            path: PathBuf::from("/srv/diario/work/a.po"),
            line: 7,
            segment: segment.to_string(),
            rule: "numbers",
            severity: "error",
            side: "target",
            span: Some((0, 2)),
            text: Some("14".to_string()),
            message: "the number 13 of the source is 14 in the translation".to_string(),
            args: BTreeMap::new(),
        }
    }

    #[test]
    fn a_document_in_pieces_reads_as_one_pretty_document() {
        let rules = [RuleDoc {
            rule: Rule::Numbers,
            severity: Severity::Error,
            title: "numbers".into(),
            help: "line one\nline two".into(),
        }];
        let root = Path::new("/srv/diario");
        let s = sarif(&[item("p.1"), item("p.2")], &rules, "0", root, &[]);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        let run = &v["runs"][0];
        assert_eq!(run["results"].as_array().unwrap().len(), 2);
        assert_eq!(
            run["results"][1]["locations"][0]["logicalLocations"][0]["name"],
            "p.2"
        );
        assert_eq!(
            run["tool"]["driver"]["rules"][0]["help"]["text"],
            "line one\nline two"
        );
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        // Each result sits at its depth, as a pretty-printed whole document would have it,
        // and the run's keys come in the order they are written.
        assert!(s.starts_with("{\n  \"$schema\": "), "{s}");
        assert!(
            s.contains("\n      \"results\": [\n        {\n          \"level\": \"error\","),
            "{s}"
        );
        assert!(
            s.contains("\n        },\n        {\n          \"level\""),
            "{s}"
        );
        assert!(
            s.contains("\n        }\n      ],\n      \"invocations\": [\n        {\n"),
            "{s}"
        );
        assert!(s.ends_with("\n      ]\n    }\n  ]\n}\n"), "{s}");
        let order = [
            "\"$schema\"",
            "\"version\"",
            "\"tool\"",
            "\"originalUriBaseIds\"",
            "\"results\"",
            "\"invocations\"",
        ];
        let at: Vec<usize> = order.iter().map(|k| s.find(k).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
        // Without results, the array is empty on its line.
        let s = sarif(&[], &rules, "0", root, &[]);
        assert!(s.contains("\"results\": [],\n      \"invocations\""), "{s}");
    }
}

#[cfg(test)]
mod junit_tests {
    use super::*;

    fn error(file: &str, segment: &str, line: usize, rule: &'static str) -> Item {
        Item {
            file: file.to_string(),
            path: PathBuf::from(file),
            line,
            segment: segment.to_string(),
            rule,
            severity: "error",
            side: "target",
            span: None,
            text: None,
            message: format!("{rule} broken"),
            args: BTreeMap::new(),
        }
    }

    fn attr<'a>(xml: &'a str, element: &str, name: &str) -> &'a str {
        let start = xml.find(&format!("<{element} ")).unwrap();
        let rest = &xml[start..];
        let from = rest.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        &rest[from..from + rest[from..].find('"').unwrap()]
    }

    #[test]
    fn failures_count_failing_cases_not_findings() {
        let files = vec![(
            "a.po".to_string(),
            vec![("p.1".to_string(), 7), ("p.2".to_string(), 10)],
        )];
        let mut warning = error("a.po", "p.2", 10, "fuzzy");
        warning.severity = "warning";
        let items = [
            error("a.po", "p.1", 7, "numbers"),
            error("a.po", "p.1", 7, "quote-marks"),
            warning,
        ];
        let xml = junit(&files, &items);
        assert_eq!(attr(&xml, "testsuite", "tests"), "2", "{xml}");
        assert_eq!(attr(&xml, "testsuite", "failures"), "1", "{xml}");
        assert_eq!(attr(&xml, "testsuite", "errors"), "0", "{xml}");
        assert_eq!(xml.matches("<failure ").count(), 2, "{xml}");
        assert!(
            xml.contains("<system-out>a.po:10: warning [fuzzy]"),
            "{xml}"
        );
    }

    #[test]
    fn nothing_checked_is_an_empty_root() {
        let xml = junit(&[], &[]);
        assert!(xml.contains("<testsuites name=\"puente check\">"), "{xml}");
        assert!(!xml.contains("<testsuite "), "{xml}");
    }

    #[test]
    fn a_report_in_pieces_is_the_report_at_once() {
        let files = vec![
            ("a.po".to_string(), vec![("p.1".to_string(), 7)]),
            ("b.po".to_string(), vec![("p.1".to_string(), 7)]),
        ];
        let items = [
            error("a.po", "p.1", 7, "numbers"),
            error("b.po", "p.1", 7, "numbers"),
        ];
        let whole = junit(&files, &items);
        // Each suite is given only its own file's findings, as the check hands them over.
        let (mut w, mut pieces) = Junit::head();
        pieces.push_str(&w.suite("a.po", &files[0].1, &[&items[0]]));
        pieces.push_str(&w.suite("b.po", &files[1].1, &[&items[1]]));
        pieces.push_str(&w.tail());
        assert_eq!(pieces, whole);
        assert_eq!(whole.matches("<failure ").count(), 2, "{whole}");
        // Indented as one document: each suite one level in, each case two.
        assert!(whole.contains("\n  <testsuite name=\"b.po\""), "{whole}");
        assert!(whole.contains("\n    <testcase "), "{whole}");
        assert!(whole.ends_with("</testsuite>\n</testsuites>\n"), "{whole}");
    }
}
