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

/// Where rule documentation is published: `{DOCS_URL}{id}.md`. Used for SARIF help links
/// and in human output.
pub const DOCS_URL: &str = "https://github.com/copydesk/copydesk/blob/main/docs/rules/";

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

pub fn rule_url(id: &str) -> String {
    format!("{DOCS_URL}{id}.md")
}

pub fn render(format: Format, files: &[FileReport], color: bool) -> String {
    match format {
        Format::Human => human::render(files, color),
        Format::Short => short::render(files),
        Format::Json => json::render(files),
        Format::Sarif => sarif::render(files),
        Format::Github => github::render(files),
    }
}
