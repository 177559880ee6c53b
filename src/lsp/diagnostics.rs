//! Findings as LSP diagnostics: code = rule id, source = "copydesk", a link to the rule's docs.

use std::str::FromStr;

use ropey::Rope;
use rustc_hash::FxHashMap;
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
    publish_json_after(uri, version, rope, findings, enc, link, None).0
}

/// The ranges a publish converted: each finding's byte range (its end no earlier than its
/// start) with its LSP range, and the text and encoding they were converted against. The next
/// publish takes a finding's range from here when the edits since cannot have moved it
/// within its line ([`publish_json_after`]).
pub struct Converted {
    rope: Rope,
    enc: Encoding,
    ranges: FxHashMap<(usize, usize), Range>,
}

/// What of a text an edit left as it was, against the text before: its first `prefix` bytes,
/// and from `after` on (the start of the first line wholly after the changed bytes) the rest,
/// moved by `bytes` and `lines`. A position depends only on the text before it (and on the
/// byte at it: whether it starts a character, a line): a range ending before `prefix` is where
/// it was, and one starting at `after` or later is on the same column of the line `lines`
/// further on (that line starts after a line break the edit did not touch).
struct Kept {
    prefix: usize,
    after: usize,
    bytes: isize,
    lines: isize,
}

impl Kept {
    fn between(old: &Rope, new: &Rope) -> Kept {
        let prefix = common_prefix(old.chunks(), new.chunks());
        let most = old.len_bytes().min(new.len_bytes()) - prefix;
        let suffix =
            common_suffix(old.chunks_at_byte(old.len_bytes()).0, new.chunks_at_byte(new.len_bytes()).0).min(most);
        let end = new.len_bytes() - suffix;
        let line = new.byte_to_line(end);
        let after = if line + 1 < new.len_lines() { new.line_to_byte(line + 1) } else { usize::MAX };
        Kept {
            prefix,
            after,
            bytes: new.len_bytes() as isize - old.len_bytes() as isize,
            lines: new.len_lines() as isize - old.len_lines() as isize,
        }
    }

    /// The LSP range of the byte range `start..end` of the new text, if `before` holds it.
    fn range(&self, before: &Converted, start: usize, end: usize) -> Option<Range> {
        if end < self.prefix {
            return before.ranges.get(&(start, end)).copied();
        }
        if start < self.after {
            return None;
        }
        let old = |x: usize| usize::try_from(x as isize - self.bytes).ok();
        let r = before.ranges.get(&(old(start)?, old(end)?))?;
        let line = |l: u32| u32::try_from(i64::from(l) + self.lines as i64).ok();
        Some(Range {
            start: tower_lsp_server::lsp_types::Position { line: line(r.start.line)?, character: r.start.character },
            end: tower_lsp_server::lsp_types::Position { line: line(r.end.line)?, character: r.end.character },
        })
    }
}

/// How many bytes two texts, given as chunks, start with in common.
fn common_prefix<'a>(a: impl Iterator<Item = &'a str>, b: impl Iterator<Item = &'a str>) -> usize {
    common_run(a.map(str::as_bytes), b.map(str::as_bytes), false)
}

/// How many bytes two texts end with in common, given as chunk iterators at their ends (read
/// backwards with `prev`).
fn common_suffix(mut a: ropey::iter::Chunks<'_>, mut b: ropey::iter::Chunks<'_>) -> usize {
    common_run(
        std::iter::from_fn(move || a.prev().map(str::as_bytes)),
        std::iter::from_fn(move || b.prev().map(str::as_bytes)),
        true,
    )
}

/// The common run of bytes of two texts given as chunks, from their starts (or, `backwards`,
/// from their ends, the chunks coming last first).
fn common_run<'a>(
    mut a: impl Iterator<Item = &'a [u8]>,
    mut b: impl Iterator<Item = &'a [u8]>,
    backwards: bool,
) -> usize {
    let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
    let mut n = 0;
    loop {
        if x.is_empty() {
            match a.next() {
                Some(c) => x = c,
                None => return n,
            }
            continue;
        }
        if y.is_empty() {
            match b.next() {
                Some(c) => y = c,
                None => return n,
            }
            continue;
        }
        let k = x.len().min(y.len());
        let (p, q) = if backwards { (&x[x.len() - k..], &y[y.len() - k..]) } else { (&x[..k], &y[..k]) };
        if p != q {
            let same = if backwards {
                p.iter().rev().zip(q.iter().rev()).take_while(|(u, v)| u == v).count()
            } else {
                p.iter().zip(q).take_while(|(u, v)| u == v).count()
            };
            return n + same;
        }
        n += k;
        (x, y) = if backwards { (&x[..x.len() - k], &y[..y.len() - k]) } else { (&x[k..], &y[k..]) };
    }
}

/// [`publish_json`], taking the ranges of the findings the edits since `before` (the last
/// publish's conversion, if any) cannot have moved within their lines from it rather than
/// converting them again (a paragraph deleted from a 2 MB document left 740 of its 750
/// findings where they were on their lines; converting them took about 1.1–1.5 ms of each
/// publish's 1.7); and this publish's conversion, for the next.
pub fn publish_json_after(
    uri: &Uri,
    version: Option<i32>,
    rope: &Rope,
    findings: &[Finding],
    enc: Encoding,
    link: bool,
    before: Option<&Converted>,
) -> (Vec<u8>, Converted) {
    use std::io::Write;
    let mut ranges = Ranges::new(rope, enc, before, findings.len());
    let mut out = Vec::with_capacity(256 + findings.len() * 320);
    out.extend_from_slice(br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#);
    // (writing to a Vec cannot fail, nor can serialising a string or a URI)
    let _ = serde_json::to_writer(&mut out, uri);
    out.extend_from_slice(br#","diagnostics":["#);
    // What follows the range up to the message, per rule (a handful of rules).
    let mut middles: Vec<(&str, Severity, Vec<u8>)> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let r = ranges.of(f);
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
    (out, ranges.done())
}

/// [`diagnostics`], taking ranges from `before` as [`publish_json_after`] does; and this
/// conversion, for the next.
pub fn diagnostics_after(
    rope: &Rope,
    findings: &[Finding],
    enc: Encoding,
    link: bool,
    before: Option<&Converted>,
) -> (Vec<Diagnostic>, Converted) {
    let mut ranges = Ranges::new(rope, enc, before, findings.len());
    let out = findings.iter().map(|f| with_range(f, ranges.of(f), link)).collect();
    (out, ranges.done())
}

/// One conversion's ranges: taken from the last conversion where the edits since cannot have
/// moved them on their lines, else converted with one [`positions::Cursor`]; all kept for
/// the next.
struct Ranges<'a> {
    rope: &'a Rope,
    enc: Encoding,
    cursor: positions::Cursor<'a>,
    before: Option<(&'a Converted, Kept)>,
    ranges: FxHashMap<(usize, usize), Range>,
}

impl<'a> Ranges<'a> {
    fn new(rope: &'a Rope, enc: Encoding, before: Option<&'a Converted>, n: usize) -> Ranges<'a> {
        let before = before.filter(|b| b.enc == enc).map(|b| (b, Kept::between(&b.rope, rope)));
        let mut ranges = FxHashMap::default();
        ranges.reserve(n);
        Ranges { rope, enc, cursor: positions::Cursor::new(rope, enc), before, ranges }
    }

    /// The LSP range of a finding (of findings taken in order of their starts).
    fn of(&mut self, f: &Finding) -> Range {
        let (start, end) = (f.range.start, f.range.end.max(f.range.start));
        let r = match self.before.as_ref().and_then(|(b, kept)| kept.range(b, start, end)) {
            Some(r) => r,
            None => self.cursor.range(f.range.clone()),
        };
        self.ranges.insert((start, end), r);
        r
    }

    fn done(self) -> Converted {
        Converted { rope: self.rope.clone(), enc: self.enc, ranges: self.ranges }
    }
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
    fn a_publish_after_an_edit_is_written_as_one_from_scratch() {
        // Texts of Arabic words with harakat, emoji, CRLF, lone CR and LF line breaks; an edit
        // anywhere (inside a CRLF, at either end, over several lines); the findings after it
        // those before it moved along, some dropped, some new, some past the end: the publish
        // that takes ranges from the last one is the same bytes as one converted afresh.
        let pieces = ["قالَ ", "الرئيسُ", " ", "👋🏽", "\r\n", "\r", "\n", "في", "x", "،"];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let uri: Uri = "untitled:one".parse().unwrap();
        let mut reused = 0;
        for case in 0..400 {
            let text: String = (0..next(40)).map(|_| pieces[next(pieces.len())]).collect();
            let boundaries = |t: &str| -> Vec<usize> { (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect() };
            let bs = boundaries(&text);
            let pick = |next: &mut dyn FnMut(usize) -> usize, bs: &[usize]| bs[next(bs.len())];
            let findings = |next: &mut dyn FnMut(usize) -> usize, t: &str| -> Vec<Finding> {
                let bs = boundaries(t);
                let mut found: Vec<Finding> = (0..next(12))
                    .map(|i| {
                        let (a, b) = (pick(next, &bs), pick(next, &bs));
                        let range = if next(8) == 0 { b..a } else { a.min(b)..a.max(b) };
                        Finding {
                            rule: "misspelling",
                            severity: Severity::Warning,
                            range,
                            message: format!("{i}"),
                            fixes: vec![],
                        }
                    })
                    .collect();
                found.sort_by_key(|f| f.range.start);
                found
            };
            let old = Rope::from_str(&text);
            let old_found = findings(&mut next, &text);
            let enc = if case % 3 == 0 { Encoding::Utf8 } else { Encoding::Utf16 };
            let (_, converted) = publish_json_after(&uri, Some(1), &old, &old_found, enc, true, None);
            let (a, b) = (pick(&mut next, &bs), pick(&mut next, &bs));
            let (a, b) = (a.min(b), a.max(b));
            let inserted: String = (0..next(4)).map(|_| pieces[next(pieces.len())]).collect();
            let new_text = format!("{}{inserted}{}", &text[..a], &text[b..]);
            let new = Rope::from_str(&new_text);
            let moved = |x: usize| if x >= b { x - b + a + inserted.len() } else { x.min(a) };
            let extra = findings(&mut next, &new_text);
            let mut new_found: Vec<Finding> = old_found
                .iter()
                .filter(|_| next(5) != 0)
                .map(|f| Finding { range: moved(f.range.start)..moved(f.range.end), ..f.clone() })
                .filter(|f| new_text.is_char_boundary(f.range.start) && new_text.is_char_boundary(f.range.end))
                .chain(extra)
                .collect();
            if next(6) == 0 {
                new_found.push(Finding {
                    range: new_text.len() + 2..new_text.len() + 5,
                    ..old_found.first().cloned().unwrap_or_else(|| findings(&mut |_| 1, "ab").remove(0))
                });
            }
            new_found.sort_by_key(|f| f.range.start);
            for (use_enc, what) in [(enc, "same encoding"), (Encoding::Utf16, "UTF-16")] {
                let fresh = publish_json(&uri, Some(2), &new, &new_found, use_enc, true);
                let (after, _) = publish_json_after(&uri, Some(2), &new, &new_found, use_enc, true, Some(&converted));
                assert_eq!(
                    String::from_utf8(after).unwrap(),
                    String::from_utf8(fresh).unwrap(),
                    "{what}: {text:?} -> {new_text:?}"
                );
                let (pulled, _) = diagnostics_after(&new, &new_found, use_enc, true, Some(&converted));
                assert_eq!(pulled, diagnostics(&new, &new_found, use_enc, true), "{what}: {text:?} -> {new_text:?}");
            }
            let kept = Kept::between(&old, &new);
            reused += new_found
                .iter()
                .filter(|f| kept.range(&converted, f.range.start, f.range.end.max(f.range.start)).is_some())
                .count();
        }
        assert!(reused > 300, "ranges taken from the last publish: {reused}");
    }

    #[test]
    fn the_common_run_of_two_texts_in_chunks() {
        let run = |a: &[&str], b: &[&str], back: bool| {
            let (a, b) = (a.iter().map(|c| c.as_bytes()), b.iter().map(|c| c.as_bytes()));
            if back {
                common_run(a.rev(), b.rev(), true)
            } else {
                common_run(a, b, false)
            }
        };
        assert_eq!(run(&["ab", "", "cd"], &["a", "bcx"], false), 3);
        assert_eq!(run(&["ab", "cd"], &["abcd"], true), 4);
        assert_eq!(run(&["xb", "cd"], &["y", "bcd"], true), 3);
        assert_eq!(run(&[], &["a"], false), 0);
        let (old, new) = (Rope::from_str("سطر أول\r\nسطر ثان\n"), Rope::from_str("سطر أول\r\nسطر ثالث\n"));
        let kept = Kept::between(&old, &new);
        // (ن and ل share their first byte; the line after the edit is the empty last one)
        let prefix = "سطر أول\r\nسطر ثا".len() + 1;
        assert_eq!((kept.prefix, kept.after, kept.bytes, kept.lines), (prefix, new.len_bytes(), 2, 0));
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
