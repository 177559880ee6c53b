//! Findings as LSP diagnostics: code = rule id, source = "copydesk", a link to the rule's docs.

use std::str::FromStr;

use ropey::Rope;
use tower_lsp_server::lsp_types::{CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Uri};

use crate::core::{Finding, Severity};
use crate::lsp::positions::{self, Encoding};

/// Where a rule's documentation lives (`docs/rules/<id>.md` in the repository).
pub const RULE_DOCS_BASE: &str = "https://github.com/copydesk/copydesk/blob/main/docs/rules/";

pub const SOURCE: &str = "copydesk";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn rule_docs(rule: &str) -> Option<Uri> {
    Uri::from_str(&format!("{RULE_DOCS_BASE}{rule}.md")).ok()
}

/// One finding as a diagnostic, its range converted against `rope` (the text it was found in).
/// `link`: the client shows `codeDescription` (the link to the rule's docs).
pub fn diagnostic(rope: &Rope, finding: &Finding, enc: Encoding, link: bool) -> Diagnostic {
    Diagnostic {
        range: positions::range(rope, finding.range.clone(), enc),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: rule_docs(finding.rule).filter(|_| link).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_docs_link() {
        for rule in crate::core::RULES {
            let uri = rule_docs(rule.id).expect("valid URI");
            assert!(uri.as_str().ends_with(&format!("/{}.md", rule.id)));
        }
    }

    #[test]
    fn diagnostic_carries_rule_source_and_utf16_range() {
        let text = "👋 الإدراة";
        let rope = Rope::from_str(text);
        let start = text.find('ا').unwrap();
        let f = Finding {
            rule: "misspelling",
            severity: Severity::Error,
            range: start..text.len(),
            message: "Misspelling «الإدراة»".into(),
            fixes: vec![],
        };
        let d = diagnostic(&rope, &f, Encoding::Utf16, true);
        assert!(d.code_description.is_some());
        assert!(diagnostic(&rope, &f, Encoding::Utf16, false).code_description.is_none());
        assert_eq!(d.code, Some(NumberOrString::String("misspelling".into())));
        assert_eq!(d.source.as_deref(), Some("copydesk"));
        assert_eq!(d.severity, Some(DiagnosticSeverity::ERROR));
        assert_eq!((d.range.start.character, d.range.end.character), (3, 10));
    }
}
