//! The language server in-process over real message framing: sync, both position encodings,
//! pushed and pulled diagnostics, code actions, commands that persist into copydesk.toml,
//! settings from every source, survival of bad input (wrong framing included), results
//! keyed by content rather than version number, size limits the user is told about, and
//! checks of closed documents that never run.

mod lsp_support;

use std::path::Path;
use std::sync::Arc;

use copydesk::core::{Checked, Checker, Config, Finding, Severity};
use copydesk::lsp::Options;
use lsp_support::*;
use serde_json::{json, Value};

fn core_findings(text: &str) -> Vec<Finding> {
    let lexicon = copydesk::dictionary::load(Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    Checker::new(Config::default(), lexicon).check(text, None).findings
}

fn severity_number(s: Severity) -> i64 {
    match s {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
        Severity::Hint => 4,
    }
}

fn flagged<'a>(text: &'a str, diags: &[Value], rule: &str, utf16: bool) -> Vec<&'a str> {
    diags
        .iter()
        .filter(|d| d["code"] == rule)
        .map(|d| &text[to_offset(text, &d["range"]["start"], utf16)..to_offset(text, &d["range"]["end"], utf16)])
        .collect()
}

/// Every diagnostic is the core's finding, range converted exactly, with code, source, link.
fn assert_matches_core(text: &str, diags: &[Value], utf16: bool) {
    let findings = core_findings(text);
    assert!(!findings.is_empty());
    assert_eq!(diags.len(), findings.len(), "{diags:#?}");
    for (d, f) in diags.iter().zip(&findings) {
        assert_eq!(d["range"], to_range(text, f.range.clone(), utf16), "{}", f.message);
        assert_eq!(d["code"], f.rule);
        assert_eq!(d["source"], "copydesk");
        assert_eq!(d["message"], f.message.as_str());
        assert_eq!(d["severity"], severity_number(f.severity));
        let href = d["codeDescription"]["href"].as_str().expect("docs link");
        assert!(href.ends_with(&format!("/docs/rules/{}.md", f.rule)), "{href}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_is_pushed_with_utf16_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, init) = Client::start(Options::default(), push_caps(), Some(dir.path()), Value::Null).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert!(init["capabilities"].get("diagnosticProvider").is_none(), "a push-only client is not offered pull");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    let text = seed();
    let uri = file_uri(&dir.path().join("story.txt"));
    c.open(&uri, &text, 1).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_matches_core(&text, &diags, true);
    assert_eq!(flagged(&text, &diags, "misspelling", true), ["سلسة", "للإدراة"]);
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_is_pulled_with_utf8_ranges_and_unchanged_reports() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, init) = Client::start(Options::default(), pull_utf8_caps(), Some(dir.path()), Value::Null).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(init["capabilities"]["diagnosticProvider"]["interFileDependencies"], false);
    c.drain(300).await; // the server asks for workspace configuration (settings change) first
    let text = seed();
    let uri = file_uri(&dir.path().join("story.txt"));
    c.open(&uri, &text, 1).await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await;
    assert_eq!(r["result"]["kind"], "full", "{r}");
    let items = r["result"]["items"].as_array().unwrap().clone();
    assert_matches_core(&text, &items, false);
    let id = r["result"]["resultId"].clone();
    let again =
        c.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}, "previousResultId": id})).await;
    assert_eq!(again["result"]["kind"], "unchanged", "{again}");
    // An edit makes the old result id stale.
    c.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "👋 "}]),
    )
    .await;
    let after =
        c.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}, "previousResultId": id})).await;
    assert_eq!(after["result"]["kind"], "full");
    let edited = format!("👋 {text}");
    assert_matches_core(&edited, after["result"]["items"].as_array().unwrap(), false);
    // No pushes to a pulling client.
    c.drain(200).await;
    assert!(!c.notes.iter().any(|n| n["method"] == "textDocument/publishDiagnostics"), "{:?}", c.notes);
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_fix_clears_the_finding_and_fix_all_leaves_nothing_safe() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, _) = Client::start(Options::default(), push_caps(), Some(dir.path()), Value::Null).await;
    let text = seed();
    let uri = file_uri(&dir.path().join("story.txt"));
    c.open(&uri, &text, 1).await;
    let diags = c.diagnostics(&uri, 1).await;
    let actions = misspelling_actions(&mut c, &uri, &text, &diags, "للإدراة", true).await;
    let fix = actions.iter().find(|a| a["isPreferred"] == true).expect("a preferred quick fix");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["diagnostics"][0]["code"], "misspelling");
    assert_eq!(fix["edit"]["documentChanges"][0]["textDocument"]["version"], 1);
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(titles.contains(&"Add «للإدراة» to the desk dictionary"), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("Ignore this finding here")), "{titles:?}");

    // Apply it as an editor does: the same edits, sent back as incremental changes.
    let edits = action_edits(fix, &uri);
    let fixed = apply_text_edits(&text, &edits, true);
    assert!(fixed.contains("للإدارة") && !fixed.contains("للإدراة"));
    let changes: Vec<Value> = edits.iter().rev().map(|e| json!({"range": e["range"], "text": e["newText"]})).collect();
    c.change(&uri, 2, Value::Array(changes)).await;
    let diags = c.diagnostics(&uri, 2).await;
    assert_eq!(flagged(&fixed, &diags, "misspelling", true), ["سلسة"]);
    assert_matches_core(&fixed, &diags, true);

    // source.fixAll.copydesk: every safe fix at once.
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 9999, "character": 0}});
    let r = c
        .request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": [], "only": ["source.fixAll"]}}))
        .await;
    let actions = r["result"].as_array().expect("actions").clone();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.copydesk");
    let all_fixed = apply_text_edits(&fixed, &action_edits(&actions[0], &uri), true);
    c.change(&uri, 3, json!([{"text": all_fixed}])).await;
    let diags = c.diagnostics(&uri, 3).await;
    let left: Vec<Finding> =
        core_findings(&all_fixed).into_iter().filter(|f| f.fixes.iter().any(|x| x.is_safe())).collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(!diags.iter().any(|d| d["code"] == "misspelling" || d["code"] == "boilerplate"), "{diags:#?}");
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_without_code_action_literals_get_commands_that_apply_edits() {
    let (mut c, init) = Client::start(Options::default(), json!({}), None, Value::Null).await;
    assert!(init["capabilities"]["executeCommandProvider"]["commands"]
        .as_array()
        .unwrap()
        .contains(&json!("copydesk.applyEdit")));
    let text = seed();
    let uri = "untitled:story";
    c.open(uri, &text, 1).await;
    let diags = c.diagnostics(uri, 1).await;
    let commands = misspelling_actions(&mut c, uri, &text, &diags, "للإدراة", true).await;
    assert!(commands.iter().all(|a| a["command"].is_string() && a.get("edit").is_none()), "{commands:#?}");
    let fix = commands.iter().find(|a| a["command"] == "copydesk.applyEdit").expect("the fix, as a command");
    let r =
        c.request("workspace/executeCommand", json!({"command": fix["command"], "arguments": fix["arguments"]})).await;
    assert!(r.get("error").is_none(), "{r}");
    c.drain(300).await;
    let apply = c
        .server_requests
        .iter()
        .find(|r| r["method"] == "workspace/applyEdit")
        .expect("the server asks the client to apply the fix");
    let edits = apply["params"]["edit"]["changes"][uri].as_array().unwrap();
    assert!(apply_text_edits(&text, edits, true).contains("للإدارة"));
    assert!(c.shutdown().await);
}

/// The code actions offered for the misspelling diagnostic of `word` (asked with its range
/// and the diagnostic itself, as editors do; positions in UTF-16 units or UTF-8 bytes).
async fn misspelling_actions(
    c: &mut Client,
    uri: &str,
    text: &str,
    diags: &[Value],
    word: &str,
    utf16: bool,
) -> Vec<Value> {
    let d = diags
        .iter()
        .find(|d| flagged(text, std::slice::from_ref(*d), "misspelling", utf16) == [word])
        .expect(word)
        .clone();
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
        )
        .await;
    r["result"].as_array().expect("actions").clone()
}

/// The code action titled `title_start…` for the misspelling diagnostic of `word`.
async fn action_titled(c: &mut Client, uri: &str, text: &str, diags: &[Value], word: &str, title_start: &str) -> Value {
    misspelling_actions(c, uri, text, diags, word, true)
        .await
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(title_start)))
        .cloned()
        .expect(title_start)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dictionary_and_ignore_commands_persist_in_copydesk_toml() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let text = seed();
    let uri = file_uri(&root.join("أخبار محلية").join("story.txt"));
    std::fs::create_dir(root.join("أخبار محلية")).unwrap();
    let (mut c, init) = Client::start(Options::default(), push_caps(), Some(root), Value::Null).await;
    let commands = init["capabilities"]["executeCommandProvider"]["commands"].as_array().unwrap().clone();
    c.open(&uri, &text, 1).await;
    let diags = c.diagnostics(&uri, 1).await;

    let add = action_titled(&mut c, &uri, &text, &diags, "للإدراة", "Add «للإدراة»").await;
    assert!(commands.contains(&add["command"]["command"]));
    let r = c
        .request(
            "workspace/executeCommand",
            json!({"command": add["command"]["command"], "arguments": add["command"]["arguments"]}),
        )
        .await;
    assert!(r.get("error").is_none(), "{r}");
    let toml_path = root.join("copydesk.toml");
    let config =
        Config::from_toml(&std::fs::read_to_string(&toml_path).expect("copydesk.toml created at the root")).unwrap();
    assert_eq!(config.dictionary.words, ["للإدراة"]);
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(flagged(&text, &diags, "misspelling", true), ["سلسة"]);

    let ignore = action_titled(&mut c, &uri, &text, &diags, "سلسة", "Ignore this finding here").await;
    let r = c
        .request(
            "workspace/executeCommand",
            json!({"command": ignore["command"]["command"], "arguments": ignore["command"]["arguments"]}),
        )
        .await;
    assert!(r.get("error").is_none(), "{r}");
    let saved = std::fs::read_to_string(&toml_path).unwrap();
    assert!(saved.contains("[[ignore]]"), "{saved}");
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(flagged(&text, &diags, "misspelling", true), Vec::<&str>::new());
    assert!(c.shutdown().await);

    // A new server (a restart) reads them back.
    let (mut c, _) = Client::start(Options::default(), push_caps(), Some(root), Value::Null).await;
    c.open(&uri, &text, 1).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(flagged(&text, &diags, "misspelling", true), Vec::<&str>::new());
    assert!(!diags.is_empty(), "other findings are still there");
    // Bad arguments are an error answer, not a crash.
    let r = c
        .request("workspace/executeCommand", json!({"command": "copydesk.addToDictionary", "arguments": [{"nope": 1}]}))
        .await;
    assert_eq!(r["error"]["code"], -32602);
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_from_init_options_configuration_and_copydesk_toml() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let text = seed();
    let uri = file_uri(&root.join("story.txt"));
    let init = json!({"rules": {"misspelling": "off"}});
    let (mut c, _) = Client::start(Options::default(), push_caps(), Some(root), init).await;
    c.open(&uri, &text, 1).await;
    let rules = |diags: &[Value]| -> Vec<String> {
        let mut r: Vec<String> = diags.iter().map(|d| d["code"].as_str().unwrap().to_string()).collect();
        r.dedup();
        r
    };
    let diags = c.diagnostics(&uri, 1).await;
    assert!(!rules(&diags).contains(&"misspelling".to_string()), "{:?}", rules(&diags));
    assert!(rules(&diags).contains(&"boilerplate".to_string()));

    // workspace/didChangeConfiguration overrides initializationOptions.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"misspelling": "error"}}}}),
    )
    .await;
    let diags = c.diagnostics(&uri, 1).await;
    let miss: Vec<&Value> = diags.iter().filter(|d| d["code"] == "misspelling").collect();
    assert_eq!(miss.len(), 2);
    assert!(miss.iter().all(|d| d["severity"] == 1));

    // An edited copydesk.toml takes effect without a restart.
    let toml_path = root.join("copydesk.toml");
    std::fs::write(&toml_path, "# desk settings\n[rules]\nboilerplate = \"off\"\n").unwrap();
    let changed = json!({"changes": [{"uri": file_uri(&toml_path), "type": 1}]});
    c.notify("workspace/didChangeWatchedFiles", changed.clone()).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert!(!rules(&diags).contains(&"boilerplate".to_string()), "{:?}", rules(&diags));
    assert!(rules(&diags).contains(&"misspelling".to_string()));

    // A broken one is reported and the last good settings stay.
    std::fs::write(&toml_path, "[rules\nboilerplate = \"off\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", changed.clone()).await;
    let msg = c.wait_note(|m| m["method"] == "window/showMessage").await;
    assert_eq!(msg["params"]["type"], 1);
    assert!(msg["params"]["message"].as_str().unwrap().contains("copydesk.toml:1:"), "{msg}");
    let diags = c.diagnostics(&uri, 1).await;
    assert!(!rules(&diags).contains(&"boilerplate".to_string()), "last good settings kept: {:?}", rules(&diags));
    std::fs::write(&toml_path, "[rules]\nduplicate-paragraph = \"hint\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", changed).await;
    let diags = c.diagnostics(&uri, 1).await;
    assert!(rules(&diags).contains(&"boilerplate".to_string()));
    assert!(diags.iter().filter(|d| d["code"] == "duplicate-paragraph").all(|d| d["severity"] == 4));
    // The server asked to watch copydesk.toml.
    assert!(c.server_requests.iter().any(|r| r["method"] == "client/registerCapability"
        && r["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"));
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_clients_get_workspace_configuration_and_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, _) = Client::start(Options::default(), pull_utf8_caps(), Some(dir.path()), Value::Null).await;
    c.configuration = json!({"rules": {"boilerplate": "off"}});
    let text = seed();
    let uri = file_uri(&dir.path().join("story.txt"));
    // The server asks for the configuration after `initialized`; let it.
    c.drain(300).await;
    assert!(c.server_requests.iter().any(|r| r["method"] == "workspace/configuration"));
    c.open(&uri, &text, 1).await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await;
    let items = r["result"]["items"].as_array().unwrap();
    assert!(!items.is_empty() && !items.iter().any(|d| d["code"] == "boilerplate"), "{items:#?}");
    c.configuration = json!({"rules": {"misspelling": "off"}});
    c.notify("workspace/didChangeConfiguration", json!({"settings": null})).await;
    c.drain(500).await;
    assert!(c.server_requests.iter().any(|r| r["method"] == "workspace/diagnostic/refresh"));
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await;
    let items = r["result"]["items"].as_array().unwrap();
    assert!(items.iter().any(|d| d["code"] == "boilerplate") && !items.iter().any(|d| d["code"] == "misspelling"));
    assert!(c.shutdown().await);
}

/// A check that panics on "💥" and otherwise flags every "x".
fn fragile() -> Options {
    Options {
        check: Arc::new(|_: &Checker, text: &str, _: Option<&str>| {
            assert!(!text.contains('💥'), "a rule blew up");
            let findings = text
                .match_indices('x')
                .map(|(i, _)| Finding {
                    rule: "misspelling",
                    severity: Severity::Warning,
                    range: i..i + 1,
                    message: "x".into(),
                    fixes: vec![],
                })
                .collect();
            Checked { findings, failed_rules: vec![] }
        }),
        incremental: false,
        ..Options::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_answered_or_ignored_and_the_server_keeps_serving() {
    let (mut c, _) = Client::start(fragile(), push_caps(), None, Value::Null).await;
    let uri = "untitled:story";
    // Malformed JSON: a parse error with id null.
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json").await;
    let r = c.response(Value::Null).await;
    assert_eq!(r["error"]["code"], -32700, "{r}");
    // Garbage instead of headers.
    c.send_raw(b"hello there\r\n\r\n").await;
    let r = c.response(Value::Null).await;
    assert_eq!(r["error"]["code"], -32700, "{r}");
    // JSON that is no JSON-RPC message: invalid request, answered with its id.
    c.send_raw(b"Content-Length: 22\r\n\r\n{\"id\":77,\"method\":123}").await;
    let r = c.response(json!(77)).await;
    assert_eq!(r["error"]["code"], -32600, "{r}");
    // Unknown methods: requests get "method not found", notifications are ignored.
    let r = c.request("copydesk/noSuchThing", json!({})).await;
    assert_eq!(r["error"]["code"], -32601);
    c.notify("$/noSuchNotification", json!({})).await;
    // Unknown documents.
    c.change("untitled:nothing", 2, json!([{"text": "x"}])).await;
    let r = c.request("textDocument/codeAction", json!({"textDocument": {"uri": "untitled:nothing"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}})).await;
    assert_eq!(r["result"], Value::Null);
    // Wrong parameter types.
    let r = c.request("textDocument/codeAction", json!({"textDocument": 5})).await;
    assert_eq!(r["error"]["code"], -32602);
    // Out-of-range edits and ranges clamp.
    c.open(uri, "ab", 1).await;
    assert_eq!(c.diagnostics(uri, 1).await.len(), 0);
    c.change(
        uri,
        2,
        json!([{"range": {"start": {"line": 99, "character": 5}, "end": {"line": 120, "character": 0}}, "text": "x"}]),
    )
    .await;
    let d = c.diagnostics(uri, 2).await;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["range"], json!({"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 3}}));
    let r = c.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 4000000000u64, "character": 4000000000u64}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}})).await;
    assert!(r.get("error").is_none(), "{r}");
    // A panicking check: logged, nothing published for that version, the server goes on.
    c.change(uri, 3, json!([{"text": "x 💥"}])).await;
    c.change(uri, 4, json!([{"text": "xx"}])).await;
    assert_eq!(c.diagnostics(uri, 4).await.len(), 2);
    // A 2 MB document.
    let big = "x سطر طويل 👋\r\n".repeat(2_000_000 / 24 + 1);
    c.open("untitled:big", &big, 1).await;
    let d = c.diagnostics("untitled:big", 1).await;
    assert_eq!(d.len(), big.matches('x').count());
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_clears_diagnostics_and_exit_without_shutdown_is_unclean() {
    let (mut c, _) = Client::start(fragile(), push_caps(), None, Value::Null).await;
    c.open("untitled:a", "x", 1).await;
    assert_eq!(c.diagnostics("untitled:a", 1).await.len(), 1);
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": "untitled:a"}})).await;
    // (Diagnostics published before the close may still be queued; the clearing one comes after.)
    let note = c
        .wait_note(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["diagnostics"] == json!([]))
        .await;
    assert_eq!(note["params"]["uri"], "untitled:a");
    assert!(note["params"].get("version").is_none_or(Value::is_null));
    c.notify("exit", Value::Null).await;
    assert!(!tokio::time::timeout(TIMEOUT, c.server).await.unwrap().unwrap());
}

/// A `textDocument/codeAction` request for a document that is not open (answered `null`).
fn code_action_request(id: i64) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": "untitled:none"},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": []}}})
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_headers_and_wrong_content_lengths_do_not_make_the_server_deaf() {
    let (mut c, _) = Client::start(fragile(), push_caps(), None, Value::Null).await;
    // A header the server does not know.
    let body = code_action_request(50);
    c.send_raw(format!("X-Foo: bar\r\nContent-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).await;
    let r = c.responses(&[json!(50)]).await;
    assert_eq!(r[0]["result"], Value::Null, "{r:?}");
    // A Content-Length shorter than the body: that request is answered with a parse error
    // (its id found in what was read), and the next message is served.
    let (body, next) = (code_action_request(51), code_action_request(52));
    c.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len() - 20).as_bytes()).await;
    c.send_raw(format!("Content-Length: {}\r\n\r\n{next}", next.len()).as_bytes()).await;
    let r = c.responses(&[json!(51), json!(52)]).await;
    assert_eq!(r[0]["error"]["code"], -32700, "{r:?}");
    assert!(r[1].get("error").is_none(), "{r:?}");
    // Longer than the body: the body ends where the next header starts; both are served.
    let (body, next) = (code_action_request(53), code_action_request(54));
    c.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len() + 100).as_bytes()).await;
    c.send_raw(format!("Content-Length: {}\r\n\r\n{next}", next.len()).as_bytes()).await;
    let r = c.responses(&[json!(53), json!(54)]).await;
    assert!(r.iter().all(|r| r.get("error").is_none()), "{r:?}");
    // Still in sync: documents are checked and the session ends cleanly.
    c.open("untitled:a", "x ــ 👋\r\nx", 1).await;
    assert_eq!(c.diagnostics("untitled:a", 1).await.len(), 2);
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reused_or_lower_version_gets_the_new_texts_diagnostics_and_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, _) = Client::start(Options::default(), pull_utf8_caps(), Some(dir.path()), Value::Null).await;
    c.drain(300).await;
    let text = seed();
    let uri = file_uri(&dir.path().join("story.txt"));
    let pull = |previous: Value| json!({"textDocument": {"uri": uri}, "previousResultId": previous});
    c.open(&uri, &text, 1).await;
    let first = c.request("textDocument/diagnostic", pull(Value::Null)).await;
    let first_id = first["result"]["resultId"].clone();
    // The same version number again, with a new line on top (every range moves a line down).
    let edited = format!("سطرٌ جديد 👋\r\n{text}");
    let top = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    c.change(&uri, 1, json!([{"range": top, "text": "سطرٌ جديد 👋\r\n"}])).await;
    let r = c.request("textDocument/diagnostic", pull(first_id.clone())).await;
    assert_eq!(r["result"]["kind"], "full", "not `unchanged`: the text changed");
    let items = r["result"]["items"].as_array().unwrap().clone();
    assert_matches_core(&edited, &items, false);
    // The quick fix is computed on the new text: applied to it, it changes the word only.
    let actions = misspelling_actions(&mut c, &uri, &edited, &items, "للإدراة", false).await;
    let fix = actions.iter().find(|a| a["isPreferred"] == true).expect("a fix").clone();
    assert_eq!(apply_text_edits(&edited, &action_edits(&fix, &uri), false), edited.replacen("للإدراة", "للإدارة", 1));
    // A lower version number, back to the first text: its diagnostics, with the first result id
    // (results are keyed by the text and the settings, not by the version).
    c.change(&uri, 0, json!([{"text": text}])).await;
    let r = c.request("textDocument/diagnostic", pull(Value::Null)).await;
    assert_matches_core(&text, r["result"]["items"].as_array().unwrap(), false);
    assert_eq!(r["result"]["resultId"], first_id);
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_and_documents_over_the_limits_are_reported_to_the_user() {
    let options = Options { max_message_bytes: 4096, max_check_bytes: 2000, ..fragile() };
    let (mut c, _) = Client::start(options, push_caps(), None, Value::Null).await;
    let shown = |needle: &'static str| {
        move |m: &Value| {
            m["method"] == "window/showMessage" && m["params"]["message"].as_str().is_some_and(|s| s.contains(needle))
        }
    };
    // A request over the limit: a JSON-RPC error with its id.
    let padding = "ـ".repeat(3000);
    let id = c
        .send_request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": "untitled:none"}, "padding": padding,
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": []}}),
        )
        .await;
    let r = c.responses(&[json!(id)]).await;
    assert_eq!(r[0]["error"]["code"], -32600, "{r:?}");
    assert!(r[0]["error"]["message"].as_str().unwrap().contains("limit of 4096 bytes"), "{r:?}");
    // A didOpen over the limit: the user is told, nothing is published for it.
    c.open("untitled:big", &"x قال\r\n".repeat(1000), 1).await;
    let m = c.wait_note(shown("textDocument/didOpen")).await;
    assert_eq!(m["params"]["type"], 1);
    assert!(m["params"]["message"].as_str().unwrap().contains("untitled:big"), "{m}");
    // A change over the limit to an open document: told, and its diagnostics cleared rather
    // than left standing for a text the server no longer has.
    c.open("untitled:a", "x", 1).await;
    assert_eq!(c.diagnostics("untitled:a", 1).await.len(), 1);
    c.change("untitled:a", 2, json!([{"text": "x 👋 ".repeat(1000)}])).await;
    let m = c.wait_note(shown("textDocument/didChange")).await;
    assert!(m["params"]["message"].as_str().unwrap().contains("untitled:a"), "{m}");
    let cleared = c
        .wait_note(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == "untitled:a"
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    assert!(cleared["params"]["version"].is_null(), "{cleared}");
    // A document the transport takes but over the check limit: told once, not "no findings".
    c.open("untitled:c", &"x".repeat(3000), 1).await;
    let m = c.wait_note(shown("not checked")).await;
    assert!(m["params"]["message"].as_str().unwrap().contains("untitled:c"), "{m}");
    // Nothing of this broke the session.
    c.open("untitled:d", "x x", 1).await;
    assert_eq!(c.diagnostics("untitled:d", 1).await.len(), 2);
    assert!(c.shutdown().await);
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dictionary_edits_follow_symlinks_keep_the_mode_and_lose_nothing_when_concurrent() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (root, shared) = (dir.path().join("desk"), dir.path().join("shared"));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&shared).unwrap();
    let real = shared.join("house.toml");
    std::fs::write(&real, "# the desk's shared settings\n[rules]\nboilerplate = \"warning\"\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = root.join("copydesk.toml");
    std::os::unix::fs::symlink("../shared/house.toml", &link).unwrap();

    let (mut c, _) = Client::start(Options::default(), push_caps(), Some(&root), Value::Null).await;
    let uri = file_uri(&root.join("story.txt"));
    c.open(&uri, &seed(), 1).await;
    c.diagnostics(&uri, 1).await;
    // Twenty adds at once.
    let words: Vec<String> = (0..20).map(|i| format!("كيريٌّ{i}")).collect();
    let mut ids = Vec::new();
    for w in &words {
        let args = json!([{"uri": uri, "word": w}]);
        ids.push(json!(
            c.send_request(
                "workspace/executeCommand",
                json!({"command": "copydesk.addToDictionary", "arguments": args})
            )
            .await
        ));
    }
    for r in c.responses(&ids).await {
        assert!(r.get("error").is_none(), "{r}");
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the symlink was replaced");
    let saved = std::fs::read_to_string(&real).unwrap();
    assert!(saved.starts_with("# the desk's shared settings\n"), "{saved}");
    let mut saved_words = Config::from_toml(&saved).unwrap().dictionary.words;
    saved_words.sort();
    let mut expected = words.clone();
    expected.sort();
    assert_eq!(saved_words, expected, "concurrent adds lost words");
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
    assert!(c.shutdown().await);

    // Where there is no copydesk.toml, the new one is readable by the desk (0644).
    let fresh = tempfile::tempdir().unwrap();
    let (mut c, _) = Client::start(Options::default(), push_caps(), Some(fresh.path()), Value::Null).await;
    let uri = file_uri(&fresh.path().join("story.txt"));
    let args = json!([{"uri": uri, "word": "لافروف"}]);
    let r =
        c.request("workspace/executeCommand", json!({"command": "copydesk.addToDictionary", "arguments": args})).await;
    assert!(r.get("error").is_none(), "{r}");
    let created = fresh.path().join("copydesk.toml");
    assert_eq!(std::fs::metadata(&created).unwrap().permissions().mode() & 0o777, 0o644);
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_closed_while_its_check_waits_for_a_turn_is_never_checked() {
    use std::sync::Mutex;
    let (release, wait) = std::sync::mpsc::channel::<()>();
    let wait = Arc::new(Mutex::new(wait));
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let log = seen.clone();
    let options = Options {
        check: Arc::new(move |_: &Checker, text: &str, _: Option<&str>| {
            log.lock().unwrap().push(text.to_string());
            if text.starts_with("بطيء") {
                let _ = wait.lock().unwrap().recv_timeout(TIMEOUT);
            }
            Checked::default()
        }),
        parallel_checks: 1,
        incremental: false,
        ..Options::default()
    };
    let (mut c, _) = Client::start(options, push_caps(), None, Value::Null).await;
    // A slow check takes the only turn.
    c.open("untitled:slow", "بطيءٌ ــ 👋", 1).await;
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    while seen.lock().unwrap().is_empty() {
        assert!(tokio::time::Instant::now() < deadline, "the slow check never started");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    // A story opened and closed while it waits for a turn.
    c.open("untitled:closed", "مغلقٌ\r\nقالَ 👋", 1).await;
    c.drain(300).await; // time enough to start a check, had it a turn
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": "untitled:closed"}})).await;
    c.wait_note(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == "untitled:closed").await;
    release.send(()).unwrap();
    c.diagnostics("untitled:slow", 1).await;
    c.open("untitled:after", "بعدُ", 1).await;
    c.diagnostics("untitled:after", 1).await;
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen, ["بطيءٌ ــ 👋", "بعدُ"], "the closed story was checked");
    assert!(c.shutdown().await);
}

/// Edits go to the document's incremental checker: after typing a word mid-paragraph (with
/// harakat), pasting a paragraph, deleting one, breaking a line with CRLF, adding an emoji and
/// replacing the whole text, the diagnostics are a full check's of the same text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_edits_publish_what_a_full_check_finds() {
    let (mut c, _) = Client::start(Options::default(), push_caps(), None, Value::Null).await;
    let uri = "untitled:incremental";
    let mut text = format!("{}\r\nقال في في المؤتمر إن الإدراة ستعمل\r\n", seed());
    c.open(uri, &text, 1).await;
    let expect = |text: &str| -> Vec<(String, Value, String)> {
        let mut v: Vec<_> = core_findings(text)
            .into_iter()
            .map(|f| (f.rule.to_string(), to_range(text, f.range, true), f.message))
            .collect();
        v.sort_by_key(|x| format!("{x:?}"));
        v
    };
    let got = |ds: Vec<Value>| -> Vec<(String, Value, String)> {
        let mut v: Vec<_> = ds
            .into_iter()
            .map(|d| (d["code"].as_str().unwrap_or("").to_string(), d["range"].clone(), d["message"].to_string()))
            .map(|(c, r, m)| (c, r, serde_json::from_str::<String>(&m).unwrap_or(m)))
            .collect();
        v.sort_by_key(|x| format!("{x:?}"));
        v
    };
    assert_eq!(got(c.diagnostics(uri, 1).await), expect(&text));
    let mid = text.find("الكرملين").unwrap();
    let second_line = text.find('\n').unwrap() + 1;
    let second_end = second_line + text[second_line..].find('\n').unwrap() + 1;
    let steps: Vec<(std::ops::Range<usize>, String)> = vec![
        (mid..mid, "الوزيرُ ".into()),
        (second_line..second_line, text[second_line..second_end].to_string()),
        (second_line..second_end, String::new()),
        (mid..mid, "\r\n😀 ".into()),
        (0..0, "في في ".into()),
    ];
    let mut version = 1;
    for (range, new) in steps {
        let range = range.start.min(text.len())..range.end.min(text.len());
        version += 1;
        c.change(uri, version, json!([{"range": to_range(&text, range.clone(), true), "text": new}])).await;
        text.replace_range(range, &new);
        assert_eq!(got(c.diagnostics(uri, version).await), expect(&text), "version {version}");
    }
    version += 1;
    text = "خبر جديد عن عن الاقتصاد\n".to_string();
    c.change(uri, version, json!([{"text": text}])).await;
    assert_eq!(got(c.diagnostics(uri, version).await), expect(&text));
    assert!(c.shutdown().await);
}

/// Type `new` at byte `at` of story `i` (`untitled:story-{i}`) as version `version`; its
/// diagnostics, checked against a full check's.
async fn type_in(c: &mut Client, texts: &mut [String], i: usize, version: i64, at: usize, new: &str) -> Vec<Value> {
    let uri = format!("untitled:story-{i}");
    let t = &mut texts[i];
    c.change(&uri, version, json!([{"range": to_range(t, at..at, true), "text": new}])).await;
    t.insert_str(at, new);
    let diags = c.diagnostics(&uri, version).await;
    same_as_core(t, &diags);
    diags
}

/// [`assert_matches_core`], for a text that may have no findings.
fn same_as_core(text: &str, diags: &[Value]) {
    assert_eq!(diags.len(), core_findings(text).len(), "{diags:#?}");
    if !diags.is_empty() {
        assert_matches_core(text, diags, true);
    }
}

/// Ten short stories edited one after another: past eight, the engines of the stories edited
/// longest ago are dropped (an edited story keeps name-variant by group, which costs memory),
/// and the next edit of such a story builds its engine again from the text. Every publish is a
/// full check's, the name respelled in the first story found after its engine was dropped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stories_edited_long_ago_are_checked_right_when_edited_again() {
    let (mut c, _) = Client::start(Options::default(), push_caps(), None, Value::Null).await;
    let uri = |i: usize| format!("untitled:story-{i}");
    let mut texts: Vec<String> =
        (0..10).map(|i| format!("الخبر رقم {i}\nوصل سيرغي لافروف إلى المدينة\nقال الوزير إن الاجتماع مفيد\n")).collect();
    for (i, t) in texts.iter().enumerate() {
        c.open(&uri(i), t, 1).await;
        same_as_core(t, &c.diagnostics(&uri(i), 1).await);
    }
    for i in 0..10 {
        let at = texts[i].find("الاجتماع").unwrap();
        type_in(&mut c, &mut texts, i, 2, at, "ا").await;
        type_in(&mut c, &mut texts, i, 3, at, "ل").await;
    }
    // The first story (its engine dropped): the other spelling of the name added.
    let end = texts[0].len();
    let diags = type_in(&mut c, &mut texts, 0, 4, end, "ثم التقى سيرجي لافروف نظيره\n").await;
    assert_eq!(flagged(&texts[0], &diags, "name-variant", true).len(), 1, "{diags:#?}");
    let at = texts[0].find("نظيره").unwrap();
    type_in(&mut c, &mut texts, 0, 5, at, "ب").await;
    assert!(c.shutdown().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_the_desk_excludes_is_excluded_in_the_editor_too() {
    // `exclude = ["archive"]` names a folder: the CLI skips the files in it, and so must the
    // server (it matched the glob against the file's own path only).
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("copydesk.toml"), "exclude = [\"archive\"]\n").unwrap();
    std::fs::create_dir_all(root.join("archive/2015")).unwrap();
    let text = seed();
    let (mut c, _) = Client::start(Options::default(), push_caps(), Some(root), Value::Null).await;
    let archived = file_uri(&root.join("archive/2015/story.txt"));
    c.open(&archived, &text, 1).await;
    assert!(c.diagnostics(&archived, 1).await.is_empty(), "an excluded folder's story gets no findings");
    let current = file_uri(&root.join("story.txt"));
    c.open(&current, &text, 1).await;
    assert!(!c.diagnostics(&current, 1).await.is_empty(), "the story beside it is checked");
    assert!(c.shutdown().await);
}
