//! Output formats. Each takes the checked files (final text and findings) and returns the
//! text for stdout; positions are computed here, through [`super::position`], only.

mod github;
mod human;
mod json;
mod sarif;
mod short;

use std::io::Write;

use super::position::{LineIndex, Pos};
use super::Format;
use crate::core::Finding;
pub use human::{count, files_count, findings_count};

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
    /// The path as the system gave it, when it is a file (its bytes may not be UTF-8; the
    /// display name is then lossy, SARIF URIs keep the bytes).
    pub path: Option<std::path::PathBuf>,
    /// The text the findings' offsets point into.
    pub text: String,
    pub findings: Vec<Finding>,
    /// A Word file's paragraph starts in `text`: its lines are its paragraphs (a manual line
    /// break inside one does not start a line). `None` for text files.
    pub paragraphs: Option<Vec<usize>>,
}

impl FileReport {
    /// Lines and columns in this file: by paragraph for a Word file.
    pub fn line_index(&self) -> LineIndex<'_> {
        match &self.paragraphs {
            Some(starts) => LineIndex::with_line_starts(&self.text, starts.clone()),
            None => LineIndex::new(&self.text),
        }
    }

    /// The file as a URI reference (SARIF): the path's own bytes, percent-encoded.
    pub fn uri(&self) -> String {
        match &self.path {
            Some(p) => sarif::path_bytes_uri(p.as_os_str().as_encoded_bytes()),
            None => sarif::path_uri(&self.display),
        }
    }
}

/// A finding's start and end (end exclusive: the position just after the flagged text).
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

/// The spans of all of `findings` in `index`'s text, in order, found in one pass.
pub fn spans(index: &LineIndex<'_>, findings: &[Finding]) -> Vec<Span> {
    let offsets: Vec<usize> = findings.iter().flat_map(|f| [f.range.start, f.range.end]).collect();
    let pos = index.positions(&offsets);
    pos.chunks_exact(2).map(|p| Span { start: p[0], end: p[1] }).collect()
}

/// Every finding of every file, in order, with its span (one line index and one pass per
/// file).
pub fn located(files: &[FileReport]) -> impl Iterator<Item = (&FileReport, &Finding, Span)> {
    files.iter().flat_map(|file| {
        let index = file.line_index();
        let spans = spans(&index, &file.findings);
        file.findings.iter().zip(spans).map(move |(f, s)| (file, f, s))
    })
}

/// Where a rule's documentation is published (SARIF help links).
pub fn rule_url(id: &str) -> String {
    format!("{}/blob/main/docs/rules/{id}.md", repository().trim_end_matches('/'))
}

/// Inputs named or found but not checked (their errors are on stderr); the human summary
/// counts them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Missing, unreadable, not UTF-8, or over the size limit.
    pub unread: usize,
    /// Under a copydesk.toml with errors.
    pub bad_config: usize,
    /// Word files named with `--fix` or `--diff`: never written, so not checked either.
    pub not_written: usize,
}

/// Write the report in `format` to `out`. `errors` are the run's error messages (also
/// printed on stderr; SARIF records them). JSON and SARIF are written as they are made.
pub fn write(
    format: Format,
    files: &[FileReport],
    color: bool,
    errors: &[String],
    skipped: Skipped,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => out.write_all(human::render(files, color, skipped).as_bytes()),
        Format::Short => out.write_all(short::render(files).as_bytes()),
        Format::Json => json::write(files, out),
        Format::Sarif => sarif::write(files, errors, out),
        Format::Github => out.write_all(github::render(files).as_bytes()),
    }
}
