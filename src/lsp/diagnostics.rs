//! Findings as LSP diagnostics: code = rule id, source = "copydesk", a link to the rule's docs.

use std::str::FromStr;

use ropey::Rope;
use tower_lsp_server::lsp_types::{CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Range, Uri};

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

/// [`rule_docs`] of each rule, made once (parsing a URI per diagnostic was a tenth of the
/// time converting a long document's findings took).
fn rule_docs_cached(rule: &str) -> Option<Uri> {
    static DOCS: std::sync::OnceLock<Vec<(&'static str, Option<Uri>)>> = std::sync::OnceLock::new();
    let docs = DOCS.get_or_init(|| crate::core::RULES.iter().map(|r| (r.id, rule_docs(r.id))).collect());
    match docs.iter().find(|(id, _)| *id == rule) {
        Some((_, uri)) => uri.clone(),
        None => rule_docs(rule),
    }
}

/// The diagnostics of all of a text's `findings`, converted against `rope` (the text they were
/// found in): each as [`diagnostic`] makes it, with one [`positions::Cursor`] for them all.
pub fn diagnostics(rope: &Rope, findings: &[Finding], enc: Encoding, link: bool) -> Vec<Diagnostic> {
    let mut cursor = positions::Cursor::new(rope, enc);
    findings.iter().map(|f| with_range(f, cursor.range(f.range.clone()), link)).collect()
}

/// One finding as a diagnostic, its range converted against `rope` (the text it was found in).
/// `link`: the client shows `codeDescription` (the link to the rule's docs).
pub fn diagnostic(rope: &Rope, finding: &Finding, enc: Encoding, link: bool) -> Diagnostic {
    with_range(finding, positions::range(rope, finding.range.clone(), enc), link)
}

/// `finding` as a diagnostic at `range` (its range already converted).
fn with_range(finding: &Finding, range: Range, link: bool) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: if link { rule_docs_cached(finding.rule).map(|href| CodeDescription { href }) } else { None },
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

    #[test]
    fn all_at_once_is_one_at_a_time() {
        let text = "قالَ الرئيسُ 👋 في في\r\nالإدراة والحكومه\rسطر\n";
        let rope = Rope::from_str(text);
        let at = |w: &str, rule: &'static str| {
            let start = text.find(w).unwrap();
            Finding {
                rule,
                severity: Severity::Warning,
                range: start..start + w.len(),
                message: format!("«{w}»"),
                fixes: vec![],
            }
        };
        let mut findings = vec![
            at("في في", "repeated-word"),
            at("الإدراة", "misspelling"),
            at("الحكومه", "misspelling"),
            at("سطر", "boilerplate"),
            at("الرئيسُ", "name-variant"),
        ];
        findings.push(Finding { range: text.len() + 4..text.len() + 9, ..at("سطر", "not-a-rule") });
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for link in [true, false] {
                let one: Vec<Diagnostic> = findings.iter().map(|f| diagnostic(&rope, f, enc, link)).collect();
                assert_eq!(diagnostics(&rope, &findings, enc, link), one, "{enc:?} {link}");
            }
        }
    }
}
