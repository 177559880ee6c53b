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

/// All findings, made one at a time as the serializer asks for them.
struct All<'a>(&'a [FileReport]);

impl Serialize for All<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(located(self.0).map(|(file, f, s)| {
            JsonFinding {
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
                fixes: f
                    .fixes
                    .iter()
                    .map(|fix| JsonFix {
                        title: &fix.title,
                        safe: fix.is_safe(),
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                start_byte: e.range.start,
                                end_byte: e.range.end,
                                replacement: &e.replacement,
                            })
                            .collect(),
                    })
                    .collect(),
            }
        }))
    }
}

/// Write the array to `out` as it is made.
pub fn write(files: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &All(files))?;
    out.write_all(b"\n")
}
