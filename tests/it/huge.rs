//! One huge article stays cheap (issue 17, item 5): merging it holds less than three times its
//! largest input, as ARCHITECTURE.md promises, the memory fed included.
//!
//! The merge runs in this process, so that what it holds is counted exactly: every allocation
//! of the `it` binary goes through a counter of the live bytes of the thread that made it, and
//! the merge runs on the test's own thread. Nothing here is timed; bench/huge.py measures the
//! speed of the real binary on a 52 MB article.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

use puente::app::merge::{run, Request};
use puente::project::Project;

use crate::support::{code, puente, translate_all};

thread_local! {
    /// Bytes this thread allocated and has not freed (freed elsewhere: counted off there).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// The most `LIVE` has been since it was last reset.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// The system allocator, counting each thread's live bytes.
struct Counting;

fn count(bytes: isize) {
    // `try_with`: a thread being torn down frees memory after its counters are gone.
    let _ = LIVE.try_with(|live| {
        let now = live.get() + bytes;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call is passed to `System` as is; only counters beside it change.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The most this thread holds while `f` runs, beyond what it held before.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(start));
    let out = f();
    let peak = PEAK.with(Cell::get) - start;
    (out, peak.max(0) as usize)
}

/// The sample's body repeated `copies` times, each copy opened by a sentence of its own.
fn huge_article(copies: usize) -> String {
    let sample =
        std::fs::read_to_string(crate::support::fixtures().join("drone-strikes.en.md")).unwrap();
    let end = sample[4..].find("\n---\n").unwrap() + 4 + 5;
    let (head, body) = sample.split_at(end);
    let mut out = head.to_string();
    for n in 0..copies {
        out.push_str(&format!(
            "\nStory {n} opens here. It has {n} readers.\n{body}"
        ));
    }
    out
}

#[test]
fn merging_a_huge_reviewed_article_holds_less_than_three_times_its_largest_input() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("puente.toml"),
        "[project]\nsource = \"en\"\ntarget = \"es\"\n",
    )
    .unwrap();
    // About 2 MB: large beside what a merge holds whatever its size.
    std::fs::write(root.join("big.en.md"), huge_article(260)).unwrap();
    let seg = puente(root, &["segment", "big.en.md"]);
    assert_eq!(code(&seg), 0, "{}", String::from_utf8_lossy(&seg.stderr));
    let po = root.join("work/big.es.po");
    translate_all(&po);
    let size = |p: &Path| std::fs::metadata(p).unwrap().len() as usize;
    let largest = size(&po).max(size(&root.join("big.en.md")));

    let project = Project::open(root).unwrap();
    let request = Request {
        workfile: po.clone(),
        output: Some(root.join("big.es.md")),
        cwd: root.to_path_buf(),
        ..Request::default()
    };
    let (report, peak) = peak_of(|| run(&project, &request).unwrap());

    // The merge went through and the memory learned every reviewed unit: all of the work
    // was done while it was counted.
    assert!(!report.refused);
    assert_eq!(report.translated, report.total);
    let learned = report
        .memory
        .as_ref()
        .map(|(_, n)| n.as_ref().ok().copied());
    assert!(matches!(learned, Some(Some(n)) if n > 0), "{learned:?}");
    assert!(
        peak < 3 * largest,
        "the merge held {:.1} MB at its peak, {:.2} times its largest input ({:.1} MB)",
        peak as f64 / 1e6,
        peak as f64 / largest as f64,
        largest as f64 / 1e6
    );
    // The edition is the binary's, byte for byte.
    std::fs::rename(root.join("big.es.md"), root.join("in-process.es.md")).unwrap();
    let merged = puente(root, &["merge", "work/big.es.po"]);
    assert_eq!(
        code(&merged),
        0,
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert!(
        std::fs::read(root.join("in-process.es.md")).unwrap()
            == std::fs::read(root.join("big.es.md")).unwrap()
    );
}
