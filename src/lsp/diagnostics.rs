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

/// The `textDocument/publishDiagnostics` notification of `findings` (converted against
/// `rope`, the text they were found in), serialised straight from them: the same bytes as
/// serialising [`diagnostics`] in `PublishDiagnosticsParams` (tested), without a
/// `Diagnostic` per finding (its message, code, source and link each copied, then written
/// out: 3 ms of each publish of a 2 MB document's 700 findings on a loaded machine).
pub fn publish_json(
    uri: &Uri,
    version: Option<i32>,
    rope: &Rope,
    findings: &[Finding],
    enc: Encoding,
    link: bool,
) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::with_capacity(256 + findings.len() * 320);
    out.extend_from_slice(br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#);
    // (writing to a Vec cannot fail, nor can serialising a string or a URI)
    let _ = serde_json::to_writer(&mut out, uri);
    out.extend_from_slice(br#","diagnostics":["#);
    // What follows the range up to the message, per rule (a handful of rules).
    let mut middles: Vec<(&str, Severity, Vec<u8>)> = Vec::new();
    let mut cursor = positions::Cursor::new(rope, enc);
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let r = cursor.range(f.range.clone());
        let _ = write!(
            out,
            r#"{{"range":{{"start":{{"line":{},"character":{}}},"end":{{"line":{},"character":{}}}}}"#,
            r.start.line, r.start.character, r.end.line, r.end.character
        );
        let k = match middles.iter().position(|(rule, s, _)| *rule == f.rule && *s == f.severity) {
            Some(k) => k,
            None => {
                let mut m = Vec::new();
                let _ = write!(m, r#","severity":"#);
                let _ = serde_json::to_writer(&mut m, &severity(f.severity));
                m.extend_from_slice(br#","code":"#);
                let _ = serde_json::to_writer(&mut m, f.rule);
                if let Some(href) = link.then(|| rule_docs_cached(f.rule)).flatten() {
                    m.extend_from_slice(br#","codeDescription":{"href":"#);
                    let _ = serde_json::to_writer(&mut m, &href);
                    m.push(b'}');
                }
                m.extend_from_slice(br#","source":"#);
                let _ = serde_json::to_writer(&mut m, SOURCE);
                m.extend_from_slice(br#","message":"#);
                middles.push((f.rule, f.severity, m));
                middles.len() - 1
            }
        };
        out.extend_from_slice(&middles[k].2);
        let _ = serde_json::to_writer(&mut out, &f.message);
        out.push(b'}');
    }
    out.push(b']');
    if let Some(v) = version {
        let _ = write!(out, r#","version":{v}"#);
    }
    out.extend_from_slice(b"}}");
    out
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
    fn the_publish_is_written_as_serde_writes_its_diagnostics() {
        use tower_lsp_server::lsp_types::PublishDiagnosticsParams;
        #[derive(serde::Serialize)]
        struct Notification {
            jsonrpc: &'static str,
            method: &'static str,
            params: PublishDiagnosticsParams,
        }
        // Quotes, backslashes, controls and non-BMP characters in messages; every severity;
        // a rule without docs; an empty list; ranges past the end.
        let text = "قالَ «الرئيسُ» 👋 في في\r\nالإدراة \"والحكومه\"\rسطر\n";
        let rope = Rope::from_str(text);
        let uri: Uri = "file:///desk/%D8%AE%D8%A8%D8%B1%20one.txt".parse().unwrap();
        let at = |w: &str, rule: &'static str, severity: Severity, message: &str| {
            let start = text.find(w).unwrap();
            Finding { rule, severity, range: start..start + w.len(), message: message.into(), fixes: vec![] }
        };
        let findings = vec![
            at("في في", "repeated-word", Severity::Warning, "Repeated «في»"),
            at("الإدراة", "misspelling", Severity::Error, "Misspelling «الإدراة» \"quoted\" \\ tab\t end\u{1}"),
            at("والحكومه", "misspelling", Severity::Error, "Misspelling «الحكومه» 👋"),
            at("سطر", "boilerplate", Severity::Info, ""),
            at("الرئيسُ", "name-variant", Severity::Hint, "Name «الرئيس»"),
            at("الرئيسُ", "name-variant", Severity::Warning, "Name «الرئيس» again"),
            Finding {
                range: text.len() + 4..text.len() + 9,
                ..at("سطر", "not-a-rule", Severity::Warning, "past the end")
            },
        ];
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for link in [true, false] {
                for version in [Some(7), None, Some(-1)] {
                    for n in [0, 1, findings.len()] {
                        let note = Notification {
                            jsonrpc: "2.0",
                            method: "textDocument/publishDiagnostics",
                            params: PublishDiagnosticsParams {
                                uri: uri.clone(),
                                diagnostics: diagnostics(&rope, &findings[..n], enc, link),
                                version,
                            },
                        };
                        let expected = serde_json::to_vec(&note).unwrap();
                        let written = publish_json(&uri, version, &rope, &findings[..n], enc, link);
                        assert_eq!(
                            String::from_utf8(written).unwrap(),
                            String::from_utf8(expected).unwrap(),
                            "{enc:?} {link} {version:?} {n}"
                        );
                    }
                }
            }
        }
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
