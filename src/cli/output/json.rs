//! `--format json`: one array, one object per finding (the contract in DESIGN.md).

use serde_json::{json, Value};

use super::{span, FileReport};
use crate::cli::position::LineIndex;

pub fn render(files: &[FileReport]) -> String {
    let mut all = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        for f in &file.findings {
            let s = span(&index, f);
            let fixes: Vec<Value> = f
                .fixes
                .iter()
                .map(|fix| {
                    let edits: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|e| json!({"start_byte": e.range.start, "end_byte": e.range.end, "replacement": e.replacement}))
                        .collect();
                    json!({"title": fix.title, "safe": fix.is_safe(), "edits": edits})
                })
                .collect();
            all.push(json!({
                "path": file.display,
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "message": f.message,
                "start_byte": f.range.start,
                "end_byte": f.range.end,
                "line": s.start.line,
                "column": s.start.column,
                "end_line": s.end.line,
                "end_column": s.end.column,
                "fixes": fixes,
            }));
        }
    }
    let mut out = serde_json::to_string_pretty(&Value::Array(all)).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}
