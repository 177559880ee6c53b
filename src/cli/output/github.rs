//! `--format github`: GitHub Actions workflow commands, which become annotations on the
//! pull request: `::warning file=…,line=…,col=…,endColumn=…,title=…::message`.

use super::{located, FileReport};
use crate::core::Severity;

/// Escape the message (data) of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value of a workflow command (`:` and `,` separate properties).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for (file, f, s) in located(files) {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        // GitHub takes endColumn only when the annotation starts and ends on one line.
        let end = if s.end.line == s.start.line {
            format!("endColumn={}", s.end.column)
        } else {
            format!("endLine={}", s.end.line)
        };
        out.push_str(&format!(
            "::{level} file={},line={},col={},{end},title={}::{}\n",
            escape_property(&file.display),
            s.start.line,
            s.start.column,
            escape_property(&format!("copydesk {}", f.rule)),
            escape_data(&f.message),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
