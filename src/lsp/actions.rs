//! Code actions: one quick fix per fix, "fix all «rule» findings", `source.fixAll.copydesk`,
//! and the two actions persisted in `copydesk.toml` (as server-side commands, so they work
//! in every client): add a word to the desk dictionary, ignore a finding.

use std::collections::HashMap;
use std::ops::Range;

use ropey::Rope;
use serde::{Deserialize, Serialize};
use tower_lsp_server::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use crate::core::{Edit, Finding, Fix};
use crate::lsp::diagnostics;
use crate::lsp::positions::{self, Encoding};

pub const FIX_ALL_KIND: CodeActionKind = CodeActionKind::new("source.fixAll.copydesk");

/// Server-side command: add a word to `[dictionary] words` in `copydesk.toml`.
pub const ADD_WORD: &str = "copydesk.addToDictionary";
/// Server-side command: append `[[ignore]] {rule, text}` to `copydesk.toml`.
pub const IGNORE: &str = "copydesk.ignoreFinding";
/// Server-side command for clients that take no code action literals: the server asks the
/// client to apply the fix's workspace edit (`workspace/applyEdit`).
pub const APPLY_EDIT: &str = "copydesk.applyEdit";
pub const COMMANDS: [&str; 3] = [ADD_WORD, IGNORE, APPLY_EDIT];

/// The argument of both commands: the document (to find its `copydesk.toml`) and what to add.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandArgs {
    pub uri: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The checked text an action is computed against.
pub struct Target<'a> {
    pub uri: &'a Uri,
    pub rope: &'a Rope,
    pub text: &'a str,
    pub version: i32,
    pub findings: &'a [Finding],
    pub enc: Encoding,
    /// The client shows `codeDescription` links (for the diagnostics attached to actions).
    pub links: bool,
    /// The client takes versioned `documentChanges` (so a stale edit is refused).
    pub document_changes: bool,
}

/// Rules whose findings are words the desk may accept.
const WORD_RULES: [&str; 2] = ["misspelling", "name-variant"];

/// Whether an action of `kind` was asked for (`only` lists kinds or their parents).
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    match only {
        None => true,
        Some(only) => only.iter().any(|o| {
            let (o, k) = (o.as_str(), kind.as_str());
            k == o || k.strip_prefix(o).is_some_and(|rest| rest.starts_with('.'))
        }),
    }
}

/// The code actions for the byte range `range` of the target.
pub fn actions(t: &Target<'_>, range: Range<usize>, only: Option<&[CodeActionKind]>) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let here: Vec<usize> = (0..t.findings.len())
        .filter(|&i| {
            let f = &t.findings[i].range;
            f.start <= range.end && range.start <= f.end
        })
        .collect();
    if wanted(only, &CodeActionKind::QUICKFIX) {
        for &i in &here {
            let f = &t.findings[i];
            let diag = Some(diagnostics::diagnostic(t.rope, f, t.enc, t.links));
            let mut preferred_given = false;
            for fix in &f.fixes {
                let preferred = fix.is_safe() && !preferred_given;
                preferred_given |= preferred;
                out.push(action(t, fix.title.clone(), CodeActionKind::QUICKFIX, &fix.edits, diag.clone(), preferred));
            }
        }
        let mut rules: Vec<&'static str> = Vec::new();
        for &i in &here {
            if !rules.contains(&t.findings[i].rule) {
                rules.push(t.findings[i].rule);
            }
        }
        for rule in rules {
            let fixes: Vec<&Fix> = t.findings.iter().filter(|f| f.rule == rule).filter_map(first_safe).collect();
            if fixes.len() >= 2 {
                let edits = no_new_final_break(t.text, &fixes, non_overlapping(&fixes));
                let title = format!("Fix all «{rule}» findings in this document");
                out.push(action(t, title, CodeActionKind::QUICKFIX, &edits, None, false));
            }
        }
        for &i in &here {
            let f = &t.findings[i];
            let flagged = t.text.get(f.range.clone()).unwrap_or("").trim();
            if flagged.is_empty() {
                continue;
            }
            let diag = Some(diagnostics::diagnostic(t.rope, f, t.enc, t.links));
            if WORD_RULES.contains(&f.rule)
                && !flagged.chars().any(char::is_whitespace)
                && flagged.chars().count() <= 64
            {
                let args = CommandArgs {
                    uri: t.uri.as_str().to_string(),
                    word: Some(flagged.to_string()),
                    rule: None,
                    text: None,
                };
                out.push(command_action(
                    format!("Add «{flagged}» to the desk dictionary"),
                    ADD_WORD,
                    &args,
                    diag.clone(),
                ));
            }
            let text = t.text.get(f.range.clone()).unwrap_or("");
            let args = CommandArgs {
                uri: t.uri.as_str().to_string(),
                word: None,
                rule: Some(f.rule.to_string()),
                text: Some(text.to_string()),
            };
            out.push(command_action(
                format!("Ignore this finding here («{}», {})", shorten(flagged), f.rule),
                IGNORE,
                &args,
                diag,
            ));
        }
    }
    if wanted(only, &FIX_ALL_KIND) {
        let fixes: Vec<&Fix> = t.findings.iter().filter_map(first_safe).collect();
        if !fixes.is_empty() {
            let edits = no_new_final_break(t.text, &fixes, non_overlapping(&fixes));
            out.push(action(t, "Fix all safe copydesk findings".into(), FIX_ALL_KIND, &edits, None, false));
        }
    }
    out
}

fn first_safe(f: &Finding) -> Option<&Fix> {
    f.fixes.iter().find(|x| x.is_safe())
}

/// The edits of `fixes` that can go in one workspace edit. A fix that clashes with one taken
/// before it is dropped, except that overlapping deletions (two adjacent "delete this line"
/// fixes share a line break) merge into one.
pub fn non_overlapping(fixes: &[&Fix]) -> Vec<Edit> {
    // Overlapping, or starting at the same offset (two insertions there have no order).
    let clash = |a: &Range<usize>, b: &Range<usize>| (a.start < b.end && b.start < a.end) || a.start == b.start;
    let mut taken: Vec<Edit> = Vec::new();
    for fix in fixes {
        let clashing: Vec<usize> =
            (0..taken.len()).filter(|&i| fix.edits.iter().any(|e| clash(&e.range, &taken[i].range))).collect();
        if clashing.is_empty() {
            taken.extend(fix.edits.iter().cloned());
            continue;
        }
        let [only] = fix.edits.as_slice() else { continue };
        if !only.replacement.is_empty() || clashing.iter().any(|&i| !taken[i].replacement.is_empty()) {
            continue;
        }
        let mut union = only.range.clone();
        for &i in clashing.iter().rev() {
            let r = taken.remove(i).range;
            union = union.start.min(r.start)..union.end.max(r.end);
        }
        taken.push(Edit::delete(union));
    }
    taken.sort_by_key(|e| (e.range.start, e.range.end));
    taken
}

/// `--fix`'s ending for the fix-all edits (`edits`, made of the first safe `fixes`).
/// Deleting a text's last line takes the line break before it (`\nY`). When another fix
/// deletes that line break too (the line above, `X\n`), [`non_overlapping`] merges the
/// two; `--fix` applies one, checks again, and deletes what is then the last line with the
/// line break before it, so its text ends with no line break. The merged block must take
/// that line break as well, or fix-all leaves an empty last line (as Neovim showed).
fn no_new_final_break(text: &str, fixes: &[&Fix], mut edits: Vec<Edit>) -> Vec<Edit> {
    if text.ends_with(['\n', '\r']) {
        return edits;
    }
    let deletions = || fixes.iter().flat_map(|f| &f.edits).filter(|e| e.replacement.is_empty());
    let merged = deletions().any(|last| {
        last.range.end == text.len()
            && text.get(last.range.start..).is_some_and(|rest| rest.starts_with(['\n', '\r']))
            && deletions().any(|d| d.range.start < last.range.start && last.range.start < d.range.end)
    });
    if !merged {
        return edits;
    }
    match edits.last() {
        Some(e) if e.replacement.is_empty() && e.range.end == text.len() => {}
        _ => return edits,
    }
    // The deletions that end the text, back to back: where the kept text ends.
    let mut first = edits.len();
    let mut start = text.len();
    while first > 0 && edits[first - 1].replacement.is_empty() && edits[first - 1].range.end == start {
        first -= 1;
        start = edits[first].range.start;
    }
    let Some(before) = text.get(..start) else { return edits };
    let lb = if before.ends_with("\r\n") {
        2
    } else if before.ends_with(['\n', '\r']) {
        1
    } else {
        return edits;
    };
    let from = start - lb;
    // The line break must be kept text: not touched by an edit before it.
    if first > 0 && edits[first - 1].range.end > from {
        return edits;
    }
    edits.truncate(first);
    edits.push(Edit::delete(from..text.len()));
    edits
}

fn shorten(s: &str) -> String {
    const MAX: usize = 30;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// A workspace edit carrying `edits` (byte ranges of the target's text) for the target document.
pub fn workspace_edit(t: &Target<'_>, edits: &[Edit]) -> WorkspaceEdit {
    let text_edits: Vec<TextEdit> = edits
        .iter()
        .map(|e| TextEdit { range: positions::range(t.rope, e.range.clone(), t.enc), new_text: e.replacement.clone() })
        .collect();
    if t.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri: t.uri.clone(), version: Some(t.version) },
                edits: text_edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit { changes: Some(HashMap::from([(t.uri.clone(), text_edits)])), ..WorkspaceEdit::default() }
    }
}

fn action(
    t: &Target<'_>,
    title: String,
    kind: CodeActionKind,
    edits: &[Edit],
    diag: Option<Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diag.map(|d| vec![d]),
        edit: Some(workspace_edit(t, edits)),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

fn command_action(title: String, command: &str, args: &CommandArgs, diag: Option<Diagnostic>) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diag.map(|d| vec![d]),
        command: Some(Command {
            title,
            command: command.to_string(),
            arguments: Some(vec![serde_json::to_value(args).unwrap_or_default()]),
        }),
        ..CodeAction::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Applicability, Severity};

    #[test]
    fn kinds_filter_hierarchically() {
        assert!(wanted(None, &FIX_ALL_KIND));
        assert!(wanted(Some(&[CodeActionKind::SOURCE_FIX_ALL]), &FIX_ALL_KIND));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &FIX_ALL_KIND));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), &FIX_ALL_KIND));
        assert!(!wanted(Some(&[CodeActionKind::new("source.fix")]), &FIX_ALL_KIND));
        assert!(!wanted(Some(&[CodeActionKind::SOURCE]), &CodeActionKind::QUICKFIX));
    }

    #[test]
    fn overlapping_fixes_are_dropped() {
        let fix = |a: usize, b: usize| Fix {
            title: "t".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit::replace(a..b, "x")],
        };
        let (f1, f2, f3) = (fix(0, 4), fix(2, 6), fix(6, 8));
        let edits = non_overlapping(&[&f1, &f2, &f3]);
        assert_eq!(edits.iter().map(|e| e.range.clone()).collect::<Vec<_>>(), vec![0..4, 6..8]);
        // Two line deletions sharing a line break become one deletion.
        let del = |a: usize, b: usize| Fix {
            title: "t".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit::delete(a..b)],
        };
        let (d1, d2, d3) = (del(10, 23), del(22, 40), del(40, 41));
        let edits = non_overlapping(&[&f1, &d1, &d2, &d3]);
        assert_eq!(edits.iter().map(|e| e.range.clone()).collect::<Vec<_>>(), vec![0..4, 10..40, 40..41]);
        // A deletion overlapping a replacement is not merged.
        assert_eq!(non_overlapping(&[&f1, &del(2, 5)]).len(), 1);
    }

    /// The edits of the fix-all action, as the client gets them, applied to `text`.
    fn fix_all(text: &str, findings: &[Finding]) -> String {
        let rope = Rope::from_str(text);
        let uri: Uri = "file:///desk/story.txt".parse().unwrap();
        let t = Target {
            uri: &uri,
            rope: &rope,
            text,
            version: 1,
            findings,
            enc: Encoding::Utf8,
            links: false,
            document_changes: false,
        };
        let got = actions(&t, 0..0, Some(&[FIX_ALL_KIND]));
        let [CodeActionOrCommand::CodeAction(a)] = got.as_slice() else { panic!("one fix-all action: {got:?}") };
        let edits = &a.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        // Back from LSP positions (UTF-8 units) to byte offsets, as a client would.
        let offset =
            |p: tower_lsp_server::lsp_types::Position| rope.line_to_byte(p.line as usize) + p.character as usize;
        let edits: Vec<Edit> = edits
            .iter()
            .map(|e| Edit::replace(offset(e.range.start)..offset(e.range.end), e.new_text.clone()))
            .collect();
        crate::core::apply_edits(text, &edits).0
    }

    #[test]
    fn fix_all_leaves_the_text_check_fix_leaves() {
        let checker = crate::core::Checker::new(crate::core::Config::default(), None);
        let seed = include_str!("../../examples/stories/seed-article.txt");
        // The seed as saved (no final line break), with one, with CRLF, and a story whose
        // repeated headline and boilerplate end it with harakat and an emoji before them.
        let cases = [
            seed.to_string(),
            format!("{seed}\n"),
            seed.replace('\n', "\r\n"),
            "مصادر روسية ترجّح التوصل لاتفاق حول سوريا 🇸🇾\nأكد الكرملين أن الرئيس سيستقبل الوزير في في موسكو.\nمصادر روسية ترجّح التوصل لاتفاق حول سوريا 🇸🇾\nلم تشترك بعد\n".to_string(),
            // A blank line before the last lines: one deleted line keeps it, as --fix does.
            "مصادر روسية ترجّح التوصل لاتفاق حول سوريا\r\nأكد الكرملين أن الرئيس سيستقبل الوزير في موسكو.\r\n\r\nمصادر روسية ترجّح التوصل لاتفاق حول سوريا".to_string(),
            "مصادر روسية ترجّح التوصل لاتفاق حول سوريا\nأكد الكرملين أن الرئيس سيستقبل الوزير في موسكو.\n\nمصادر روسية ترجّح التوصل لاتفاق حول سوريا\nلم تشترك بعد".to_string(),
        ];
        for text in &cases {
            let findings = checker.check(text, None).findings;
            assert!(findings.iter().any(|f| f.rule == "duplicate-paragraph"), "{text}");
            let cli = crate::cli::fix::fix_until_stable(text, false, |t| checker.check(t, None));
            assert_eq!(fix_all(text, &findings), cli.text, "fix-all and `check --fix` differ on {text:?}");
        }
    }

    /// Every story of a headline and up to three more lines drawn from a repeated headline,
    /// a line with a repeated word, boilerplate, a blank line and a misspelling (with an
    /// emoji), LF or CRLF, with or without a final line break: fix-all leaves what
    /// `copydesk check --fix` leaves.
    #[test]
    fn fix_all_agrees_with_check_fix_on_every_short_story() {
        let checker = crate::core::Checker::new(crate::core::Config::default(), None);
        let pieces = [
            "مصادر روسية ترجّح التوصل لاتفاق حول سوريا",
            "أكد الكرملين أن الرئيس سيستقبل الوزير في في موسكو.",
            "لم تشترك بعد",
            "",
            "وقال المتحدث إن الإدراة ستعلن خطتها غداً 📣.",
        ];
        let mut differ = Vec::new();
        let mut stories = 0;
        for n in 1..=3u32 {
            for code in 0..pieces.len().pow(n) {
                let mut lines = vec![pieces[0]];
                let mut c = code;
                for _ in 0..n {
                    lines.push(pieces[c % pieces.len()]);
                    c /= pieces.len();
                }
                for nl in ["\n", "\r\n"] {
                    for end in ["", nl] {
                        let text = format!("{}{end}", lines.join(nl));
                        let findings = checker.check(&text, None).findings;
                        if !findings.iter().any(|f| f.fixes.iter().any(|x| x.is_safe())) {
                            continue;
                        }
                        stories += 1;
                        let cli = crate::cli::fix::fix_until_stable(&text, false, |t| checker.check(t, None));
                        if fix_all(&text, &findings) != cli.text {
                            differ.push(text);
                        }
                    }
                }
            }
        }
        assert!(stories > 500, "{stories}");
        assert!(differ.is_empty(), "{} of {stories} differ, first {:?}", differ.len(), differ.first());
    }

    #[test]
    fn actions_for_a_misspelling() {
        let text = "اجتماع الإدراة والإدراة";
        let rope = Rope::from_str(text);
        let uri: Uri = "file:///desk/story.txt".parse().unwrap();
        let finding = |word_start: usize, len: usize| Finding {
            rule: "misspelling",
            severity: Severity::Warning,
            range: word_start..word_start + len,
            message: "Misspelling".into(),
            fixes: vec![Fix::safe(
                "Replace with «الإدارة»",
                vec![Edit::replace(word_start..word_start + len, "الإدارة")],
            )],
        };
        let a = text.find("الإدراة").unwrap();
        let b = text.rfind("الإدراة").unwrap();
        let findings = vec![finding(a, "الإدراة".len()), finding(b, "الإدراة".len())];
        let t = Target {
            uri: &uri,
            rope: &rope,
            text,
            version: 3,
            findings: &findings,
            enc: Encoding::Utf16,
            links: true,
            document_changes: false,
        };
        let got = actions(&t, a..a, None);
        let titles: Vec<String> = got
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.title.clone(),
                CodeActionOrCommand::Command(c) => c.title.clone(),
            })
            .collect();
        assert_eq!(
            titles,
            vec![
                "Replace with «الإدارة»",
                "Fix all «misspelling» findings in this document",
                "Add «الإدراة» to the desk dictionary",
                "Ignore this finding here («الإدراة», misspelling)",
                "Fix all safe copydesk findings",
            ]
        );
        let CodeActionOrCommand::CodeAction(fix) = &got[0] else { panic!() };
        assert_eq!(fix.is_preferred, Some(true));
        let edits = &fix.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        assert_eq!(edits.len(), 1);
        assert_eq!((edits[0].range.start.character, edits[0].range.end.character), (7, 14));
        let only_source = actions(&t, a..a, Some(&[CodeActionKind::SOURCE_FIX_ALL]));
        assert_eq!(only_source.len(), 1);
    }
}
