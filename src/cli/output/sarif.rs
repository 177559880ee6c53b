//! `--format sarif`: SARIF 2.1.0 (OASIS), for code-scanning dashboards. Columns are
//! Unicode code points (`columnKind` says so), 1-based; byte offsets are given too.

use std::io::Write;

use serde::Serialize;

use super::{rule_url, spans, FileReport, Span};
use crate::core::Finding;
use crate::core::{Severity, RULES};

/// Percent-encode a relative path (or an absolute one, as a `file://` URI) into a URI
/// reference: everything but unreserved characters and `/` is encoded, byte by byte.
pub fn path_uri(path: &str) -> String {
    path_bytes_uri(path.as_bytes())
}

/// [`path_uri`] of a path's bytes as the system gives them (on Unix, a file name need not
/// be UTF-8: its bytes are kept exact, each percent-encoded).
pub fn path_bytes_uri(path: &[u8]) -> String {
    let mut out = String::new();
    if path.starts_with(b"/") {
        out.push_str("file://");
    }
    for &b in path {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// The rule's "What it flags" paragraph (docs/rules/<id>.md), as one line of text.
fn what_it_flags(docs: &str) -> Option<String> {
    let start = docs.find("## What it flags")?;
    let body = docs[start..].split_once('\n')?.1.trim_start();
    let paragraph = body.split("\n\n").next()?.trim();
    // A paragraph that introduces a list (ends in a colon) does not stand alone.
    (!paragraph.is_empty() && !paragraph.starts_with('#') && !paragraph.ends_with(':'))
        .then(|| paragraph.lines().map(str::trim).collect::<Vec<_>>().join(" "))
}

// The log as typed structs, serialized as they are walked: no tree of JSON values is built,
// and results are produced one at a time while the output is written. Fields are declared in
// alphabetical order, the order the output has always had.

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    invocations: [Invocation<'a>; 1],
    results: Results<'a>,
    tool: Tool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text<'a>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    information_uri: &'static str,
    name: &'static str,
    rules: Vec<Rule>,
    version: &'static str,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct SeverityProperty {
    severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    default_configuration: Level,
    full_description: OwnedText,
    help: Help,
    help_uri: String,
    id: &'static str,
    properties: SeverityProperty,
    short_description: Text<'static>,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
struct Help {
    markdown: String,
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
    properties: SeverityProperty,
    rule_id: &'static str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region<'a>,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    byte_length: usize,
    byte_offset: usize,
    end_column: usize,
    end_line: usize,
    snippet: Text<'a>,
    start_column: usize,
    start_line: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: [ArtifactChange<'a>; 1],
    description: Text<'a>,
    properties: Safe,
}

#[derive(Serialize)]
struct Safe {
    safe: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: DeletedRegion,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DeletedRegion {
    byte_length: usize,
    byte_offset: usize,
}

fn rules() -> Vec<Rule> {
    RULES
        .iter()
        .map(|r| {
            let full = what_it_flags(r.docs).unwrap_or_else(|| r.summary.to_string());
            let help = if r.docs.trim().is_empty() { r.summary.to_string() } else { r.docs.to_string() };
            Rule {
                default_configuration: Level { level: level(r.default_severity) },
                full_description: OwnedText { text: full },
                help: Help { markdown: help.clone(), text: help },
                help_uri: rule_url(r.id),
                id: r.id,
                properties: SeverityProperty { severity: r.default_severity.as_str() },
                short_description: Text { text: r.summary },
            }
        })
        .collect()
}

/// All results, made one at a time as the serializer asks for them.
struct Results<'a> {
    files: &'a [FileReport],
    uris: Vec<String>,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let results = self.files.iter().zip(&self.uris).flat_map(|(file, uri)| {
            let index = file.line_index();
            let spans = spans(&index, &file.findings);
            file.findings.iter().zip(spans).map(move |(f, s)| result(file, uri, f, s))
        });
        serializer.collect_seq(results)
    }
}

fn result<'a>(file: &'a FileReport, uri: &'a str, f: &'a Finding, s: Span) -> SarifResult<'a> {
    let fixes = f
        .fixes
        .iter()
        .map(|fix| SarifFix {
            artifact_changes: [ArtifactChange {
                artifact_location: ArtifactLocation { uri },
                replacements: fix
                    .edits
                    .iter()
                    .map(|e| Replacement {
                        deleted_region: DeletedRegion {
                            byte_length: e.range.end.saturating_sub(e.range.start),
                            byte_offset: e.range.start,
                        },
                        inserted_content: Text { text: &e.replacement },
                    })
                    .collect(),
            }],
            description: Text { text: &fix.title },
            properties: Safe { safe: fix.is_safe() },
        })
        .collect();
    SarifResult {
        fixes,
        level: level(f.severity),
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri },
                region: Region {
                    byte_length: f.range.end.saturating_sub(f.range.start),
                    byte_offset: f.range.start,
                    end_column: s.end.column,
                    end_line: s.end.line,
                    snippet: Text { text: file.text.get(f.range.clone()).unwrap_or("") },
                    start_column: s.start.column,
                    start_line: s.start.line,
                },
            },
        }],
        message: Text { text: &f.message },
        properties: SeverityProperty { severity: f.severity.as_str() },
        rule_id: f.rule,
        rule_index: RULES.iter().position(|r| r.id == f.rule).unwrap_or(0),
    }
}

/// Write the SARIF log to `out` as it is made.
pub fn write(files: &[FileReport], errors: &[String], out: &mut dyn Write) -> std::io::Result<()> {
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            invocations: [Invocation {
                execution_successful: errors.is_empty(),
                tool_execution_notifications: errors
                    .iter()
                    .map(|e| Notification { level: "error", message: Text { text: e } })
                    .collect(),
            }],
            results: Results { files, uris: files.iter().map(|f| f.uri()).collect() },
            tool: Tool {
                driver: Driver {
                    information_uri: super::repository(),
                    name: "copydesk",
                    rules: rules(),
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_description_is_what_it_flags() {
        let docs = "# x\n\n**Default severity:** warning\n\n## What it flags\nLines that\nare chrome.\n\n## Why";
        assert_eq!(what_it_flags(docs).as_deref(), Some("Lines that are chrome."));
        assert_eq!(what_it_flags("# x\n"), None);
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(path_uri("stories/a b.txt"), "stories/a%20b.txt");
        assert_eq!(path_uri("/tmp/خبر.md"), "file:///tmp/%D8%AE%D8%A8%D8%B1.md");
        assert_eq!(path_uri("-"), "-");
    }
}
