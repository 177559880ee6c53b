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

/// Every Markdown and HTML rule fixture, opened with its languageId: the diagnostics are the
/// core's findings for that format, at the same source characters.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_markup_fixture_gives_the_core_findings() {
    use copydesk::core::{Checker, Config, Format};
    let lexicon = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    let checker = Checker::new(Config::default(), lexicon);
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut c, _) = Client::start(Options::default(), push_caps(), Some(dir.path()), Value::Null).await;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for (sub, ext, language, format) in
        [("markdown", "md", "markdown", Format::Markdown), ("html", "html", "html", Format::Html)]
    {
        let mut files: Vec<_> =
            std::fs::read_dir(root.join(sub)).expect("fixtures").flatten().map(|e| e.path()).collect();
        files.sort();
        for path in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == ext)) {
            let text = std::fs::read_to_string(&path).expect("UTF-8");
            let uri = format!("untitled:{}", path.file_name().and_then(|n| n.to_str()).unwrap_or("x"));
            open_as(&mut c, &uri, language, &text).await;
            let diags = c.diagnostics(&uri, 1).await;
            let got: Vec<(String, usize, usize)> = diags
                .iter()
                .map(|d| {
                    let s = to_offset(&text, &d["range"]["start"], true);
                    let e = to_offset(&text, &d["range"]["end"], true);
                    (d["code"].as_str().unwrap_or("").to_string(), s, e)
                })
                .collect();
            let want: Vec<(String, usize, usize)> = checker
                .check_as(&text, None, format)
                .findings
                .iter()
                .map(|f| (f.rule.to_string(), f.range.start, f.range.end))
                .collect();
            assert_eq!(got, want, "{}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 24, "{seen} fixtures");
    assert!(c.shutdown().await);
}
