//! The PO reader under fuzzing, seeded with what other tools write (`fuzz/corpus/po/seed-*`:
//! octal and hex escapes from `msgcat --escape`, every C escape, duplicate entries, plural forms
//! at odds with the header, obsolete entries). For any UTF-8 input: parsing never panics; what
//! parses writes back to a catalog that parses the same; the work file's issues point at its
//! units, and `WorkFile::read` refuses exactly the files with a duplicate; the checks run over
//! whatever was read without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use puente::check::{check_files, CheckedFile, Checker, Settings};
use puente::glossary::Glossary;
use puente::lang::Lang;
use puente::workfile::{Catalog, IssueKind, WorkFile, WorkFormat};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(cat) = Catalog::parse(text) else {
        assert!(WorkFile::read_any(text, WorkFormat::Po).is_err());
        return;
    };
    // Full fidelity: what was read is written back and read again the same, lines aside.
    let written = cat.write();
    let mut again = Catalog::parse(&written).expect("a written catalog parses");
    let mut first = cat.clone();
    for e in first.header.iter_mut().chain(first.entries.iter_mut()) {
        e.line = 0;
    }
    for e in again.header.iter_mut().chain(again.entries.iter_mut()) {
        e.line = 0;
    }
    assert_eq!(first, again, "written:\n{written}");

    let wf = WorkFile::read_any(text, WorkFormat::Po).expect("it parsed as a catalog");
    assert!(wf.issues.iter().all(|i| i.unit < wf.units.len()));
    let duplicate = wf
        .issues
        .iter()
        .any(|i| matches!(i.kind, IssueKind::Duplicate { .. }));
    assert_eq!(WorkFile::read(text, WorkFormat::Po).is_err(), duplicate);

    let glossary = Glossary::default();
    let settings = Settings::default();
    let checker = Checker::new(&glossary, Lang::En, Lang::Es, settings.clone());
    let files = [CheckedFile {
        name: "f.po",
        workfile: &wf,
        checker: &checker,
    }];
    for f in check_files(&files, &settings) {
        assert!(f.unit < wf.units.len());
    }
});
