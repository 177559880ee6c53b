//! `--format short`: one line a finding, `path:line:col: severity rule: message`.

use super::{located, FileReport};

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for (file, f, s) in located(files) {
        let message = one_line(&f.message);
        out.push_str(&format!(
            "{}:{}:{}: {} {}: {message}\n",
            file.display, s.start.line, s.start.column, f.severity, f.rule
        ));
    }
    out
}

/// Messages are one line in line-oriented formats.
pub fn one_line(s: &str) -> String {
    s.split(['\r', '\n']).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}
