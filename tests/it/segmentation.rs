//! Segmentation quality on the public golden suites (`tests/data/segmentation/`).
//!
//! The `core` cases are those whose expected sentences are verbatim substrings of the input,
//! the fair benchmark for a segmenter that never rewrites its input. The bar is 95 %
//! exact-match accuracy for each language.

use puente::lang::Lang;
use puente::segment::Segmenter;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    id: String,
    text: String,
    sentences: Vec<String>,
    core: bool,
}

/// Scores a suite; returns (passed, total, failures).
pub fn score(lang: Lang, json: &str) -> (usize, usize, Vec<String>) {
    let cases: Vec<Case> = serde_json::from_str(json).expect("golden file parses");
    let seg = Segmenter::new(lang);
    let mut passed = 0;
    let mut total = 0;
    let mut failures = Vec::new();
    for case in cases.iter().filter(|c| c.core) {
        total += 1;
        let got: Vec<String> = seg
            .segments(&case.text)
            .into_iter()
            .map(|r| case.text[r].trim().to_string())
            .collect();
        if got == case.sentences {
            passed += 1;
        } else {
            let first = got
                .iter()
                .zip(&case.sentences)
                .position(|(g, w)| g != w)
                .unwrap_or(got.len().min(case.sentences.len()));
            failures.push(format!(
                "{} (first difference at sentence {first})\n  want: {:?}\n  got:  {:?}",
                case.id,
                case.sentences.get(first),
                got.get(first)
            ));
        }
    }
    (passed, total, failures)
}

fn check(lang: Lang, json: &str) {
    let (passed, total, failures) = score(lang, json);
    let accuracy = passed as f64 / total as f64;
    eprintln!(
        "{lang}: {passed}/{total} core cases ({:.1} %)",
        accuracy * 100.0
    );
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        accuracy >= 0.95,
        "{lang} accuracy {:.1} % is under 95 %",
        accuracy * 100.0
    );
}

#[test]
fn english_core_accuracy_is_at_least_95_percent() {
    check(
        Lang::En,
        include_str!("../data/segmentation/golden-en.json"),
    );
}

#[test]
fn spanish_core_accuracy_is_at_least_95_percent() {
    check(
        Lang::Es,
        include_str!("../data/segmentation/golden-es.json"),
    );
}
