//! Import: turns a scraped plain-text article into a canonical Markdown article.
