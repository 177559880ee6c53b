//! The language server on Markdown and HTML documents: the languageId from `didOpen` picks
//! the format, diagnostics point at the source's own characters (UTF-16 positions), and a
//! boilerplate quick fix removes its whole element.

mod lsp_support;

use lsp_support::*;
use serde_json::{json, Value};

use copydesk::lsp::Options;

async fn open_as(c: &mut Client, uri: &str, language: &str, text: &str) {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
    )
    .await;
}

fn flagged<'a>(text: &'a str, diags: &[Value]) -> Vec<(String, &'a str)> {
    diags
        .iter()
        .map(|d| {
            let s = to_offset(text, &d["range"]["start"], true);
            let e = to_offset(text, &d["range"]["end"], true);
            (d["code"].as_str().unwrap_or("").to_string(), &text[s..e])
        })
        .collect()
}

const HTML: &str = "<!DOCTYPE html>\r\n<html><head><title>الإدراة</title></head><body>\r\n<article data-x=\"الإدراة\">\r\n  <p>قالَ المتحدث 😀 إن <b>الإدراة</b> الجديدة ستعلن خطتها.</p>\r\n  <div class=\"promo\">لم تشترك بعد</div>\r\n  <p>وتشكل الأزمة موضوعاً رئيسياً على جدول الأعمال.</p>\r\n</article>\r\n</body></html>\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_diagnostics_have_source_positions_and_the_quick_fix_removes_the_element() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut c, _) = Client::start(Options::default(), push_caps(), Some(dir.path()), Value::Null).await;
    let uri = file_uri(&dir.path().join("story.html"));
    open_as(&mut c, &uri, "html", HTML).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(
        flagged(HTML, &diags),
        [("misspelling".to_string(), "الإدراة"), ("boilerplate".to_string(), "لم تشترك بعد")],
        "{diags:#?}"
    );
    // The misspelling after the emoji: UTF-16 columns in the source line.
    let m = diags.iter().find(|d| d["code"] == "misspelling").expect("misspelling");
    assert_eq!(m["range"]["start"], json!({"line": 3, "character": 27}));

    let b = diags.iter().find(|d| d["code"] == "boilerplate").expect("boilerplate").clone();
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": b["range"], "context": {"diagnostics": [b]}}),
        )
        .await;
    let actions = r["result"].as_array().cloned().unwrap_or_default();
    let fix = actions.iter().find(|a| a["title"] == "Delete this line").unwrap_or_else(|| panic!("{actions:#?}"));
    let fixed = apply_text_edits(HTML, &action_edits(fix, &uri), true);
    assert_eq!(fixed, HTML.replace("  <div class=\"promo\">لم تشترك بعد</div>\r\n", ""));
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_id_picks_the_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut c, _) = Client::start(Options::default(), push_caps(), Some(dir.path()), Value::Null).await;
    let md = "---\ntitle: الإدراة\n---\n# عنوان\n\nقال المتحدث إن [الإدراة](https://example.com/الإدراة) الجديدة ستعلن خطتها.\n\n`الإدراة`\n";
    let as_md = "untitled:story-1";
    let as_text = "untitled:story-2";
    open_as(&mut c, as_md, "markdown", md).await;
    open_as(&mut c, as_text, "plaintext", md).await;
    let diags = c.diagnostics(as_md, 1).await;
    let words: Vec<(usize, &str)> = diags
        .iter()
        .map(|d| {
            let s = to_offset(md, &d["range"]["start"], true);
            (s, &md[s..to_offset(md, &d["range"]["end"], true)])
        })
        .collect();
    assert_eq!(words, [(md.find("[الإدراة]").unwrap_or(0) + 1, "الإدراة")], "{diags:#?}");
    // The same text as plain text: the front matter, the URL and the code are copy.
    let diags = c.diagnostics(as_text, 1).await;
    assert_eq!(diags.iter().filter(|d| d["code"] == "misspelling").count(), 4, "{diags:#?}");
    assert!(c.shutdown().await);
}
