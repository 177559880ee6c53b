//! A small LSP client for in-process tests: real message framing over tokio duplex pipes,
//! answers to the server's requests, and reference position conversions written
//! independently of `copydesk::lsp::positions` (so the tests check it, not copy it).
#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;

use copydesk::lsp::Options;

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub fn seed() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/stories/seed-article.txt"))
        .expect("seed article")
}

pub struct Client {
    w: DuplexStream,
    rx: mpsc::UnboundedReceiver<Value>,
    /// Notifications from the server not yet looked at, in arrival order.
    pub notes: VecDeque<Value>,
    /// Requests the server sent us (answered already).
    pub server_requests: Vec<Value>,
    /// What `workspace/configuration` answers with (per item).
    pub configuration: Value,
    next_id: i64,
    pub server: tokio::task::JoinHandle<bool>,
    /// The raw bytes the reader could not parse (must stay empty: the server's framing).
    pub utf16: bool,
}

/// Capabilities of a client that only takes pushed diagnostics (like Emacs eglot).
pub fn push_caps() -> Value {
    json!({
        "textDocument": {
            "synchronization": {"dynamicRegistration": false, "didSave": true},
            "publishDiagnostics": {"versionSupport": true, "codeDescriptionSupport": true},
            "codeAction": {"isPreferredSupport": true, "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source", "source.fixAll"]}}}
        },
        "workspace": {"workspaceEdit": {"documentChanges": true}, "didChangeWatchedFiles": {"dynamicRegistration": true}}
    })
}

/// Capabilities of a client that pulls diagnostics and offers UTF-8 positions.
pub fn pull_utf8_caps() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-8", "utf-16"]},
        "textDocument": {
            "diagnostic": {"dynamicRegistration": false},
            "codeAction": {"isPreferredSupport": true, "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source"]}}}
        },
        "workspace": {"diagnostic": {"refreshSupport": true}, "configuration": true}
    })
}

impl Client {
    /// Start a server in-process and initialize it. Returns the client and the initialize result.
    pub async fn start(
        options: Options,
        capabilities: Value,
        root: Option<&Path>,
        init_options: Value,
    ) -> (Client, Value) {
        let (client_w, server_r) = tokio::io::duplex(1 << 20);
        let (server_w, client_r) = tokio::io::duplex(1 << 20);
        let server = tokio::spawn(copydesk::lsp::serve(server_r, server_w, options));
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(read_frames(client_r, tx));
        let utf16 = capabilities
            .pointer("/general/positionEncodings")
            .and_then(Value::as_array)
            .is_none_or(|a| !a.contains(&json!("utf-8")));
        let mut c = Client {
            w: client_w,
            rx,
            notes: VecDeque::new(),
            server_requests: Vec::new(),
            configuration: Value::Null,
            next_id: 1,
            server,
            utf16,
        };
        let root_uri = root.map(file_uri);
        let folders = root_uri.as_ref().map(|u| json!([{"uri": u, "name": "desk"}])).unwrap_or(Value::Null);
        let result = c
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root_uri,
                    "workspaceFolders": folders,
                    "capabilities": capabilities,
                    "initializationOptions": init_options,
                }),
            )
            .await;
        let result = result.get("result").cloned().unwrap_or_else(|| panic!("initialize failed: {result}"));
        c.notify("initialized", json!({})).await;
        (c, result)
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.w.write_all(bytes).await.expect("server input open");
    }

    pub async fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        self.send_raw(frame.as_bytes()).await;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params})).await;
    }

    /// Send a request without waiting; returns its id.
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        id
    }

    /// Send a request and wait for its response (the whole response message).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params).await;
        self.response(json!(id)).await
    }

    pub async fn response(&mut self, id: Value) -> Value {
        loop {
            let msg = self.next_message().await;
            if msg.get("method").is_none() && msg.get("id") == Some(&id) {
                return msg;
            }
            self.absorb(msg).await;
        }
    }

    /// Wait for the responses to all of `ids`, in whatever order they come; returned in the
    /// order of `ids`.
    pub async fn responses(&mut self, ids: &[Value]) -> Vec<Value> {
        let mut got: Vec<Option<Value>> = vec![None; ids.len()];
        let is_response = |m: &Value| m.get("method").is_none() && m.get("id").is_some();
        // Responses filed as notes while waiting for something else.
        let mut i = 0;
        while i < self.notes.len() {
            let slot = ids.iter().position(|id| is_response(&self.notes[i]) && self.notes[i]["id"] == *id);
            match slot {
                Some(k) if got[k].is_none() => got[k] = self.notes.remove(i),
                _ => i += 1,
            }
        }
        while got.iter().any(Option::is_none) {
            let msg = self.next_message().await;
            match ids.iter().position(|id| is_response(&msg) && msg["id"] == *id) {
                Some(k) if got[k].is_none() => got[k] = Some(msg),
                _ => self.absorb(msg).await,
            }
        }
        got.into_iter().flatten().collect()
    }

    async fn next_message(&mut self) -> Value {
        match tokio::time::timeout(TIMEOUT, self.rx.recv()).await {
            Ok(Some(m)) => m,
            Ok(None) => panic!("server closed its output; last notes: {}", self.last_notes()),
            Err(_) => panic!("timed out waiting for the server; last notes: {}", self.last_notes()),
        }
    }

    fn last_notes(&self) -> String {
        let skip = self.notes.len().saturating_sub(3);
        let notes: Vec<String> =
            self.notes.iter().skip(skip).map(|n| n.to_string().chars().take(300).collect()).collect();
        format!("{} in all; {}", self.notes.len(), notes.join("\n"))
    }

    /// File a message that is not the one being waited for: answer requests, keep notes.
    async fn absorb(&mut self, msg: Value) {
        match (msg.get("method").and_then(Value::as_str), msg.get("id")) {
            (Some(method), Some(id)) => {
                let result = match method {
                    "workspace/configuration" => {
                        let n = msg.pointer("/params/items").and_then(Value::as_array).map_or(1, Vec::len);
                        Value::Array(vec![self.configuration.clone(); n])
                    }
                    "workspace/applyEdit" => json!({"applied": true}),
                    _ => Value::Null,
                };
                let id = id.clone();
                self.server_requests.push(msg);
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": result})).await;
            }
            (Some(_), None) => self.notes.push_back(msg),
            _ => self.notes.push_back(msg), // a response nobody waits for (kept for inspection)
        }
    }

    /// The next notification matching `pred` (earlier non-matching ones stay queued).
    pub async fn wait_note(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.notes.iter().position(&pred) {
            return self.notes.remove(i).expect("index");
        }
        loop {
            let msg = self.next_message().await;
            let is_note = msg.get("method").is_some() && msg.get("id").is_none();
            if is_note && pred(&msg) {
                return msg;
            }
            self.absorb(msg).await;
        }
    }

    /// Wait for the diagnostics published for `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let note = self
            .wait_note(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            })
            .await;
        note["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Let the server run for a moment and collect whatever it sends.
    pub async fn drain(&mut self, for_ms: u64) {
        let deadline = tokio::time::Instant::now() + Duration::from_millis(for_ms);
        while let Ok(Some(msg)) = tokio::time::timeout_at(deadline, self.rx.recv()).await {
            self.absorb(msg).await;
        }
    }

    pub async fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        )
        .await;
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// Shut down and exit; returns whether the server reported a clean exit.
    pub async fn shutdown(mut self) -> bool {
        let r = self.request("shutdown", Value::Null).await;
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(TIMEOUT, self.server).await.expect("server exits").expect("server task")
    }
}

async fn read_frames(r: DuplexStream, tx: mpsc::UnboundedSender<Value>) {
    let mut r = BufReader::new(r);
    loop {
        let mut len = None;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').expect("header line from the server");
            if name.eq_ignore_ascii_case("content-length") {
                len = Some(value.trim().parse::<usize>().expect("length"));
            }
        }
        let mut body = vec![0; len.expect("Content-Length from the server")];
        if r.read_exact(&mut body).await.is_err() {
            return;
        }
        let msg: Value = serde_json::from_slice(&body).expect("server sends JSON");
        assert_eq!(msg["jsonrpc"], "2.0", "{msg}");
        if tx.send(msg).is_err() {
            return;
        }
    }
}

/// Start offsets (bytes) of each line, splitting at `\r\n`, `\n` and `\r` like LSP.
pub fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 2;
                continue;
            }
            b'\r' | b'\n' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// Reference conversion: byte offset -> (line, character) in UTF-16 units or UTF-8 bytes.
pub fn to_position(text: &str, at: usize, utf16: bool) -> Value {
    let starts = line_starts(text);
    let line = starts.iter().rposition(|&s| s <= at).unwrap_or(0);
    let segment = &text[starts[line]..at];
    let character = if utf16 { segment.encode_utf16().count() } else { segment.len() };
    json!({"line": line, "character": character})
}

/// Reference conversion: (line, character) -> byte offset (positions must be exact here).
pub fn to_offset(text: &str, pos: &Value, utf16: bool) -> usize {
    let starts = line_starts(text);
    let line = pos["line"].as_u64().expect("line") as usize;
    let character = pos["character"].as_u64().expect("character") as usize;
    let start = starts[line];
    if !utf16 {
        return start + character;
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

pub fn to_range(text: &str, r: std::ops::Range<usize>, utf16: bool) -> Value {
    json!({"start": to_position(text, r.start, utf16), "end": to_position(text, r.end, utf16)})
}

/// Apply LSP text edits (computed against `text`) the way a client does.
pub fn apply_text_edits(text: &str, edits: &[Value], utf16: bool) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let start = to_offset(text, &e["range"]["start"], utf16);
            let end = to_offset(text, &e["range"]["end"], utf16);
            (start, end, e["newText"].as_str().expect("newText").to_string())
        })
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = String::new();
    let mut pos = 0;
    for (start, end, new) in spans {
        assert!(start >= pos, "overlapping edits");
        out.push_str(&text[pos..start]);
        out.push_str(&new);
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The text edits of a code action's workspace edit for `uri` (either shape).
pub fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(changes) = edit["changes"][uri].as_array() {
        return changes.clone();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["textDocument"]["uri"] == uri)
        .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// A `file://` URI for `path`, percent-encoded as editors send it (Arabic names, spaces).
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for b in path.to_str().expect("UTF-8 path").bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}
