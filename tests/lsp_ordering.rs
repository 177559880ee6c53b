//! Ordering stress: thousands of rapid incremental edits of Arabic text, harakat, tatweel,
//! emoji and CRLF, sent without waiting; at the end the server's text must equal the
//! client's, and pushed versions only increase. The server's text is read back through a
//! check that reports it verbatim. Also: a version is published once, whatever the client
//! sends again.

mod lsp_support;

use std::sync::Arc;

use copydesk::core::{Checked, Checker, Finding, Severity};
use copydesk::lsp::Options;
use lsp_support::*;
use serde_json::{json, Value};

/// A check that returns one finding whose message is the whole text.
fn echo() -> Options {
    Options {
        check: Arc::new(|_: &Checker, text: &str, _: Option<&str>| Checked {
            findings: vec![Finding {
                rule: "misspelling",
                severity: Severity::Hint,
                range: 0..0,
                message: text.to_string(),
                fixes: vec![],
            }],
            failed_rules: vec![],
        }),
        incremental: false,
        ..Options::default()
    }
}

/// A small deterministic generator (no dependency needed for this).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

const PIECES: &[&str] = &["قالَ ", "الإدراة", "ــ", "👋🏽", "𝕏", "\r\n", "\n", "", "وزيرُ الخارجيةِ", "ً", "é", " "];

/// A random character boundary of `text` that is not inside a CRLF.
fn boundary(text: &str, rng: &mut Lcg) -> usize {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .filter(|&i| !(text[..i].ends_with('\r') && text[i..].starts_with('\n')))
        .collect();
    bounds[rng.next(bounds.len())]
}

/// Make `n` random edits; returns the changes as sent and the client's final text.
fn edits(start: &str, n: usize, seed: u64, utf16: bool) -> (Vec<Vec<Value>>, String) {
    let mut rng = Lcg(seed);
    let mut text = start.to_string();
    let mut all = Vec::new();
    for _ in 0..n {
        // One to three changes per notification, each against the text the previous one left.
        let mut changes = Vec::new();
        for _ in 0..1 + rng.next(3) {
            let a = boundary(&text, &mut rng);
            let b = boundary(&text, &mut rng);
            let (a, b) = (a.min(b), a.max(b));
            let b =
                if rng.next(4) == 0 { b } else { a + (b - a).min(text[a..].chars().take(3).map(char::len_utf8).sum()) };
            let b = if text.is_char_boundary(b) && !(text[..b].ends_with('\r') && text[b..].starts_with('\n')) {
                b
            } else {
                a
            };
            let piece = PIECES[rng.next(PIECES.len())];
            changes.push(json!({"range": to_range(&text, a..b, utf16), "text": piece}));
            text.replace_range(a..b, piece);
        }
        all.push(changes);
    }
    (all, text)
}

async fn stress(caps: Value, utf16: bool, pull: bool) {
    let (mut c, init) = Client::start(echo(), caps, None, Value::Null).await;
    assert_eq!(init["capabilities"]["positionEncoding"], if utf16 { "utf-16" } else { "utf-8" });
    let uri = "untitled:stress";
    let start = "بيسكوف قالَ: «سيستقبل» 👋\r\nســلام\n";
    c.open(uri, start, 0).await;
    let n = 3000;
    let (all, expected) = edits(start, n, if utf16 { 7 } else { 11 }, utf16);
    for (i, changes) in all.into_iter().enumerate() {
        c.change(uri, i as i64 + 1, Value::Array(changes)).await;
    }
    let got = if pull {
        let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await;
        r["result"]["items"][0]["message"].as_str().expect("echo").to_string()
    } else {
        let d = c.diagnostics(uri, n as i64).await;
        // Every publish before the last one came in version order: nothing stale came after
        // something newer.
        let versions: Vec<i64> = c
            .notes
            .iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .filter_map(|m| m["params"]["version"].as_i64())
            .chain([n as i64])
            .collect();
        assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
        d[0]["message"].as_str().expect("echo").to_string()
    };
    assert_eq!(got.len(), expected.len());
    assert!(got == expected, "the server's text differs from the client's");
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_utf16_edits_pushed() {
    stress(push_caps(), true, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_utf8_edits_pulled() {
    stress(pull_utf8_caps(), false, true).await;
}

/// Publishes for `uri` among the notes not yet looked at.
fn publishes(c: &Client, uri: &str) -> Vec<Value> {
    c.notes
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .map(|m| m["params"]["version"].clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_version_is_published_once_whatever_the_client_sends_again() {
    let (mut c, _) = Client::start(echo(), push_caps(), None, Value::Null).await;
    let uri = "untitled:once";
    let text = "قالَ 👋\r\nــ";
    c.open(uri, text, 1).await;
    c.diagnostics(uri, 1).await;
    // Changes that change nothing, under the same version number: a second checking task
    // starts for each, and none may publish version 1 again.
    for _ in 0..5 {
        c.change(uri, 1, json!([])).await;
        c.drain(100).await;
        c.change(uri, 1, json!([{"range": to_range(text, text.len()..text.len(), true), "text": ""}])).await;
        c.drain(100).await;
    }
    c.change(uri, 2, json!([{"range": to_range(text, 0..0, true), "text": "و"}])).await;
    let d = c.diagnostics(uri, 2).await;
    assert_eq!(d[0]["message"], format!("و{text}"));
    assert_eq!(publishes(&c, uri), Vec::<Value>::new(), "published again");
    assert!(c.shutdown().await);
}
