//! `--format sarif`: SARIF 2.1.0 (OASIS), for code-scanning dashboards. Columns are
//! Unicode code points (`columnKind` says so), 1-based; byte offsets are given too.

use serde_json::{json, Value};

use super::{rule_url, span, FileReport};
use crate::cli::position::LineIndex;
use crate::core::{Severity, RULES};

/// Percent-encode a relative path (or an absolute one, as a `file://` URI) into a URI
/// reference: everything but unreserved characters and `/` is encoded, byte by byte.
pub fn path_uri(path: &str) -> String {
    let mut out = String::new();
    let absolute = path.starts_with('/');
    if absolute {
        out.push_str("file://");
    }
    for b in path.bytes() {
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

fn rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| {
            let full = what_it_flags(r.docs).unwrap_or_else(|| r.summary.to_string());
            let help = if r.docs.trim().is_empty() { r.summary.to_string() } else { r.docs.to_string() };
            json!({
                "id": r.id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": full},
                "help": {"text": help, "markdown": help},
                "helpUri": rule_url(r.id),
                "defaultConfiguration": {"level": level(r.default_severity)},
                "properties": {"severity": r.default_severity.as_str()},
            })
        })
        .collect()
}

pub fn render(files: &[FileReport], errors: &[String]) -> String {
    let mut results = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        let uri = path_uri(&file.display);
        for f in &file.findings {
            let s = span(&index, f);
            let flagged = file.text.get(f.range.clone()).unwrap_or("");
            let fixes: Vec<Value> = f
                .fixes
                .iter()
                .map(|fix| {
                    let replacements: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|e| {
                            json!({
                                "deletedRegion": {"byteOffset": e.range.start, "byteLength": e.range.end.saturating_sub(e.range.start)},
                                "insertedContent": {"text": e.replacement},
                            })
                        })
                        .collect();
                    json!({
                        "description": {"text": fix.title},
                        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
                        "properties": {"safe": fix.is_safe()},
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": RULES.iter().position(|r| r.id == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": s.start.line,
                            "startColumn": s.start.column,
                            "endLine": s.end.line,
                            "endColumn": s.end.column,
                            "byteOffset": f.range.start,
                            "byteLength": f.range.end.saturating_sub(f.range.start),
                            "snippet": {"text": flagged},
                        }
                    }
                }],
                "properties": {"severity": f.severity.as_str()},
            });
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "copydesk",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": super::repository(),
                    "rules": rules(),
                }
            },
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": errors
                    .iter()
                    .map(|e| json!({"level": "error", "message": {"text": e}}))
                    .collect::<Vec<_>>(),
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
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
