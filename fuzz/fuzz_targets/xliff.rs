//! The XLIFF reader under fuzzing, seeded with what CAT tools write and what attackers send
//! (`fuzz/corpus/xliff/seed-*`: XLIFF 2.1 from puente, 1.2 and 1.1 with a DOCTYPE naming the
//! DTD, internal subsets, entity bombs, external and parameter entities, duplicate unit and
//! segment ids). For any UTF-8 input: reading never panics (nor expands anything); the work
//! file's issues point at its units, and `WorkFile::read` refuses exactly
//! the files with a duplicate; the checks run over whatever was read without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use puente::check::{check_files, CheckedFile, Checker, Settings};
use puente::glossary::Glossary;
use puente::lang::Lang;
use puente::workfile::{IssueKind, WorkFile, WorkFormat};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(wf) = WorkFile::read_any(text, WorkFormat::Xliff) else { return };
    assert!(wf.issues.iter().all(|i| i.unit < wf.units.len()));
    let duplicate = wf
        .issues
        .iter()
        .any(|i| matches!(i.kind, IssueKind::Duplicate { .. }));
    assert_eq!(WorkFile::read(text, WorkFormat::Xliff).is_err(), duplicate);

    let glossary = Glossary::default();
    let settings = Settings::default();
    let checker = Checker::new(&glossary, Lang::En, Lang::Es, settings.clone());
    let files = [CheckedFile {
        name: "f.xlf",
        workfile: &wf,
        checker: &checker,
    }];
    for f in check_files(&files, &settings) {
        assert!(f.unit < wf.units.len());
    }
});
