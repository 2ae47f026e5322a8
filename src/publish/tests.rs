use super::html::safe_url;
use super::*;

#[test]
fn unsafe_link_schemes_are_refused_whatever_their_spelling() {
    for ok in [
        "https://example.com/a",
        "http://x.test",
        "mailto:a@b.c",
        "/es/nota",
        "nota.html",
        "#top",
        "//cdn.test/x",
    ] {
        assert!(safe_url(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:x",
        "data:text/html,<script>",
        "vbscript:x",
        "file:///etc/passwd",
    ] {
        assert!(!safe_url(bad), "{bad:?}");
    }
}

#[test]
fn dates_are_read_only_when_real() {
    assert_eq!(iso_date("2026-11-23").as_deref(), Some("2026-11-23"));
    assert_eq!(
        iso_date("\"2026-11-23T08:00:00Z\"").as_deref(),
        Some("2026-11-23")
    );
    assert_eq!(iso_date("2026-02-30"), None);
    assert_eq!(iso_date("2024-02-29").as_deref(), Some("2024-02-29"));
    assert_eq!(iso_date("23/11/2026"), None);
}
