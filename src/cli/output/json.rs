//! `--format json`: one array, one object per finding (the contract in DESIGN.md).

use serde::Serialize;

use super::{located, FileReport};

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    start_byte: usize,
    end_byte: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start_byte: usize,
    end_byte: usize,
    replacement: &'a str,
}

pub fn render(files: &[FileReport]) -> String {
    let mut all = Vec::new();
    for (file, f, s) in located(files) {
        let fixes = f
            .fixes
            .iter()
            .map(|fix| JsonFix {
                title: &fix.title,
                safe: fix.is_safe(),
                edits: fix
                    .edits
                    .iter()
                    .map(|e| JsonEdit { start_byte: e.range.start, end_byte: e.range.end, replacement: &e.replacement })
                    .collect(),
            })
            .collect();
        all.push(JsonFinding {
            path: &file.display,
            rule: f.rule,
            severity: f.severity.as_str(),
            message: &f.message,
            start_byte: f.range.start,
            end_byte: f.range.end,
            line: s.start.line,
            column: s.start.column,
            end_line: s.end.line,
            end_column: s.end.column,
            fixes,
        });
    }
    let mut out = serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}
