//! Glossary files and interchange formats never panic on hostile input: TOML, TBX, TSV and CSV
//! give a glossary or an error with a line, and whatever loads can be checked against.
#![no_main]

use libfuzzer_sys::fuzz_target;
use puente::glossary::interchange::{from_table, from_tbx, Format};
use puente::glossary::Glossary;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut g = Glossary::default();
    let _ = g.add_file("f.toml", text);
    let _ = from_tbx(text, "f.tbx");
    let _ = from_table(text, Format::Tsv, "f.tsv");
    if let Ok(t) = from_table(text, Format::Csv, "f.csv") {
        // A glossary that loads builds its automatons.
        let _ = puente::glossary::matcher::Matcher::new(&t, puente::lang::Lang::Es);
    }
});
