//! Output formats. Each takes the checked files (final text and findings) and returns the
//! text for stdout; positions are computed here, through [`super::position`], only.

mod github;
mod human;
mod json;
mod sarif;
mod short;

use super::position::{LineIndex, Pos};
use super::Format;
use crate::core::Finding;

/// The project's home: Cargo.toml's `repository` when set, else this default.
pub fn repository() -> &'static str {
    match env!("CARGO_PKG_REPOSITORY") {
        "" => "https://github.com/copydesk/copydesk",
        repo => repo,
    }
}

/// One checked file, as the output formats see it.
pub struct FileReport {
    /// The path as the user named it (or the walk found it; `-` or --stdin-filename for stdin).
    pub display: String,
    /// The text the findings' offsets point into.
    pub text: String,
    pub findings: Vec<Finding>,
}

/// A finding's start and end (end exclusive: the position just after the flagged text).
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

pub fn span(index: &LineIndex<'_>, f: &Finding) -> Span {
    Span { start: index.pos(f.range.start), end: index.pos(f.range.end) }
}

/// Every finding of every file, in order, with its span (one line index per file).
pub fn located(files: &[FileReport]) -> impl Iterator<Item = (&FileReport, &Finding, Span)> {
    files.iter().flat_map(|file| {
        let index = LineIndex::new(&file.text);
        file.findings.iter().map(move |f| (file, f, span(&index, f)))
    })
}

/// Where a rule's documentation is published (SARIF help links).
pub fn rule_url(id: &str) -> String {
    format!("{}/blob/main/docs/rules/{id}.md", repository().trim_end_matches('/'))
}

/// `errors` are the run's error messages (also printed on stderr); SARIF records them.
pub fn render(format: Format, files: &[FileReport], color: bool, errors: &[String]) -> String {
    match format {
        Format::Human => human::render(files, color),
        Format::Short => short::render(files),
        Format::Json => json::render(files),
        Format::Sarif => sarif::render(files, errors),
        Format::Github => github::render(files),
    }
}
