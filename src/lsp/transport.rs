//! The guard in front of the protocol library: reads LSP frames, passes well-formed ones on,
//! and turns malformed ones into an error reply instead of letting them end the session.
//!
//! `tower-lsp-server`'s reader stops for good at the first frame it cannot decode (bad
//! header, invalid JSON, a JSON value that is no JSON-RPC message). Here every frame is
//! checked first; a bad one is replaced by a request to [`INVALID_MESSAGE`], which the
//! server answers with the JSON-RPC error (with the original `id` when there was one).
//!
//! The framing itself is [`Decoder`], a plain state machine with no I/O: bytes in, [`Event`]s
//! out. It never allocates more than twice what has arrived (a declared `Content-Length` is
//! not trusted), skips bodies over the size limit without keeping them (learning their `id`,
//! `method` and document URI on the way, with [`Peek`]), and resynchronises when a
//! `Content-Length` is shorter or longer than its body: a header line can never occur inside
//! a JSON text (a raw line break is only allowed between tokens, and `Content-Length` is no
//! JSON token), so a header seen inside a body starts the next frame.

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The internal method that answers for a malformed message.
pub const INVALID_MESSAGE: &str = "copydesk/invalidMessage";
/// The internal notification that tells the server a message was skipped for its size.
pub const SKIPPED_MESSAGE: &str = "copydesk/skippedMessage";

/// The largest message read (128 MiB: a document at the check limit, 64 MiB, with room for
/// JSON escapes). Larger bodies are skipped unread and answered with an error.
pub const MAX_MESSAGE_BYTES: usize = 128 << 20;
/// Header lines longer than this are junk (only their end is kept, to find a header in it).
const MAX_HEADER_LINE: usize = 8 << 10;
/// Longest header line that can still start a frame: `content-length`, blanks, `:`, blanks,
/// up to 20 digits, `\r\n`.
const HEADER_WINDOW: usize = 64;

pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;

/// What the decoder made of the bytes it was fed.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A JSON-RPC message the protocol library will decode: pass it on.
    Message(Vec<u8>),
    /// A malformed message: answer with this error (`id` null when it could not be found).
    Invalid { id: Value, code: i64, message: String },
    /// A message over the size limit, skipped without being kept; what was learnt of it.
    TooLarge { len: u64, id: Option<Value>, method: Option<String>, uri: Option<String> },
    /// Something skipped or repaired that the client need not be told about (log it).
    Note(String),
}

enum State {
    /// Reading header lines: the `Content-Length` so far, whether any header line was seen.
    Headers { length: Option<Result<u64, String>>, seen: bool },
    /// Reading a body of `len` bytes into `body`; bytes before `scanned` were searched for a
    /// header line already.
    Body { len: usize, scanned: usize },
    /// Skipping a body over the limit: bytes left, the declared length, what was learnt.
    Skip { remaining: u64, len: u64, peek: Box<Peek> },
}

/// LSP framing as a state machine: feed it bytes as they arrive, get [`Event`]s.
pub struct Decoder {
    limit: usize,
    state: State,
    /// The header line being read (at most [`MAX_HEADER_LINE`] bytes).
    line: Vec<u8>,
    /// The body being read.
    body: Vec<u8>,
    /// The last bytes of a skipped body, to find a header line across chunks.
    tail: Vec<u8>,
}

impl Decoder {
    /// A decoder that skips bodies over `limit` bytes.
    pub fn new(limit: usize) -> Decoder {
        Decoder {
            limit,
            state: State::Headers { length: None, seen: false },
            line: Vec::new(),
            body: Vec::new(),
            tail: Vec::new(),
        }
    }

    /// Bytes held for a frame not yet complete (for tests of the memory bound).
    pub fn buffered(&self) -> usize {
        self.line.capacity() + self.body.capacity() + self.tail.capacity()
    }

    /// Decode `data` (the next bytes of the stream), appending what it completes to `out`.
    pub fn feed(&mut self, data: &[u8], out: &mut Vec<Event>) {
        // Bytes still to decode, last first: bytes taken back from a body (a header found
        // inside it) come before whatever followed them.
        let mut todo: Vec<Vec<u8>> = Vec::new();
        self.run(data, out, &mut todo);
        while let Some(next) = todo.pop() {
            self.run(&next, out, &mut todo);
        }
    }

    fn run(&mut self, mut data: &[u8], out: &mut Vec<Event>, todo: &mut Vec<Vec<u8>>) {
        while !data.is_empty() {
            let (used, refeed) = self.step(data, out);
            data = &data[used.min(data.len())..];
            if let Some(bytes) = refeed {
                if !data.is_empty() {
                    todo.push(data.to_vec());
                }
                todo.push(bytes);
                return;
            }
        }
    }

    /// Consume a prefix of `data`; returns how much, and bytes to decode again first (a
    /// header found inside a body).
    fn step(&mut self, data: &[u8], out: &mut Vec<Event>) -> (usize, Option<Vec<u8>>) {
        match &mut self.state {
            State::Headers { .. } => (self.header_bytes(data, out), None),
            State::Body { len, scanned } => {
                let (len, from) = (*len, *scanned);
                let take = (len - self.body.len()).min(data.len());
                grow(&mut self.body, take, len);
                self.body.extend_from_slice(&data[..take]);
                let scan_start = from.saturating_sub(HEADER_WINDOW);
                if let Some(at) = find_header(&self.body[scan_start..]).map(|i| scan_start + i) {
                    // A header inside the body: the Content-Length was too long.
                    let rest = self.body.split_off(at);
                    let body = std::mem::take(&mut self.body);
                    out.push(Event::Note(format!(
                        "Content-Length {len} is longer than the message ({} bytes); resynchronised at the next header",
                        body.len()
                    )));
                    out.push(classify(trim_ascii(&body)));
                    self.state = State::Headers { length: None, seen: false };
                    return (take, Some(rest));
                }
                if let State::Body { scanned, .. } = &mut self.state {
                    *scanned = self.body.len();
                }
                if self.body.len() == len {
                    let body = std::mem::take(&mut self.body);
                    out.push(classify(&body));
                    self.state = State::Headers { length: None, seen: false };
                }
                (take, None)
            }
            State::Skip { remaining, len, peek } => {
                let take = usize::try_from(*remaining).unwrap_or(usize::MAX).min(data.len());
                let chunk = &data[..take];
                // Look for a header across the previous chunk's end and this chunk.
                let mut window = std::mem::take(&mut self.tail);
                let old = window.len();
                window.extend_from_slice(chunk);
                if let Some(at) = find_header(&window) {
                    let before = at.saturating_sub(old);
                    peek.feed(&chunk[..before.min(chunk.len())]);
                    let (len, id) = (*len, peek.id.clone());
                    out.push(Event::Note(format!(
                        "Content-Length {len} is longer than the message; resynchronised at the next header"
                    )));
                    out.push(Event::Invalid {
                        id: id.unwrap_or(Value::Null),
                        code: INVALID_REQUEST,
                        message: format!("Content-Length {len} does not match the message"),
                    });
                    let rest = window.split_off(at);
                    self.state = State::Headers { length: None, seen: false };
                    return (take, Some(rest));
                }
                peek.feed(chunk);
                let keep = window.len().saturating_sub(HEADER_WINDOW);
                window.drain(..keep);
                window.shrink_to(HEADER_WINDOW * 2);
                self.tail = window;
                *remaining -= take as u64;
                if *remaining == 0 {
                    let (len, peek) = (*len, std::mem::take(peek));
                    self.tail = Vec::new();
                    out.push(Event::TooLarge { len, id: peek.id, method: peek.method, uri: peek.uri });
                    self.state = State::Headers { length: None, seen: false };
                }
                (take, None)
            }
        }
    }

    /// Read header bytes up to and including the end of one line (or all of `data`).
    fn header_bytes(&mut self, data: &[u8], out: &mut Vec<Event>) -> usize {
        let (used, complete) = match data.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (data.len(), false),
        };
        self.line.extend_from_slice(&data[..used]);
        if self.line.len() > MAX_HEADER_LINE {
            // Junk: keep only the end, where a header may start.
            let cut = self.line.len() - HEADER_WINDOW;
            out.push(Event::Note(format!("skipped {cut} bytes that are no header")));
            self.line.drain(..cut);
        }
        if complete {
            let line = std::mem::take(&mut self.line);
            self.header_line(&line, out);
            if self.line.capacity() > MAX_HEADER_LINE {
                self.line = Vec::new();
            }
        }
        used
    }

    fn header_line(&mut self, raw: &[u8], out: &mut Vec<Event>) {
        let State::Headers { length, seen } = &mut self.state else { return };
        let line = trim_ascii(raw);
        if line.is_empty() {
            if !*seen {
                return; // blank lines between messages
            }
            let length = length.take();
            self.state = State::Headers { length: None, seen: false };
            match length {
                None => out.push(Event::Invalid {
                    id: Value::Null,
                    code: PARSE_ERROR,
                    message: "missing Content-Length".into(),
                }),
                Some(Err(e)) => out.push(Event::Invalid { id: Value::Null, code: PARSE_ERROR, message: e }),
                Some(Ok(n)) if n > self.limit as u64 => {
                    out.push(Event::Note(format!("skipping a {n}-byte message (limit {})", self.limit)));
                    self.state = State::Skip { remaining: n, len: n, peek: Box::default() };
                    self.tail = Vec::new();
                }
                Some(Ok(0)) => out.push(classify(b"")),
                Some(Ok(n)) => {
                    self.body = Vec::new();
                    self.state = State::Body { len: n as usize, scanned: 0 };
                }
            }
            return;
        }
        if let Some(at) = find_content_length(line) {
            if at > 0 {
                // Junk before the header (the end of a body that was longer than its
                // Content-Length): the frame starts here.
                out.push(Event::Note(format!("skipped {at} bytes that are no header before a Content-Length")));
            }
            *length = Some(parse_length(&line[at..]));
            *seen = true;
            return;
        }
        *seen = true;
        match header_name(line) {
            Some(name) if name.eq_ignore_ascii_case("content-type") => {}
            Some(name) => out.push(Event::Note(format!("ignoring an unknown header `{name}`"))),
            None => out.push(Event::Note(format!("skipped a line of {} bytes that is no header", raw.len()))),
        }
    }
}

/// Grow `v` for `more` bytes, to at most twice its length and never past `cap`.
fn grow(v: &mut Vec<u8>, more: usize, cap: usize) {
    let need = v.len() + more;
    if need > v.capacity() {
        let target = need.max(v.capacity() * 2).min(cap).max(need);
        v.reserve_exact(target - v.len());
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(start, |e| e + 1);
    &b[start..end.max(start)]
}

/// The name of a `Name: value` header line (an HTTP token before the colon).
fn header_name(line: &[u8]) -> Option<&str> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = std::str::from_utf8(&line[..colon]).ok()?;
    let token = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.!#$%&'*+^`|~".contains(&b));
    token.then_some(name)
}

const CONTENT_LENGTH: &[u8] = b"content-length";

/// Where `content-length` (any case) starts in `line`, if followed by blanks and a colon.
fn find_content_length(line: &[u8]) -> Option<usize> {
    (0..line.len().saturating_sub(CONTENT_LENGTH.len() - 1)).find(|&i| {
        line[i..].len() >= CONTENT_LENGTH.len()
            && line[i..i + CONTENT_LENGTH.len()].eq_ignore_ascii_case(CONTENT_LENGTH)
            && line[i + CONTENT_LENGTH.len()..].iter().find(|b| !matches!(b, b' ' | b'\t')) == Some(&b':')
    })
}

fn parse_length(header: &[u8]) -> Result<u64, String> {
    let value = header.iter().position(|&b| b == b':').map_or(&header[..0], |c| &header[c + 1..]);
    let value = String::from_utf8_lossy(trim_ascii(value)).into_owned();
    value.parse::<u64>().map_err(|e| format!("bad Content-Length `{value}`: {e}"))
}

/// Where a complete `Content-Length: <digits>` line starts in `b` (a line that no JSON text
/// can contain).
fn find_header(b: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = find_content_length(&b[from..]).map(|i| from + i) {
        let mut j = i + CONTENT_LENGTH.len();
        while matches!(b.get(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        j += 1; // the colon
        while matches!(b.get(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        let digits = b[j.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        let end = j + digits;
        let newline = matches!((b.get(end), b.get(end + 1)), (Some(b'\n'), _) | (Some(b'\r'), Some(b'\n')));
        if digits > 0 && digits <= 20 && newline {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// What to do with one complete body.
fn classify(body: &[u8]) -> Event {
    match check(body) {
        Ok(()) => Event::Message(body.to_vec()),
        Err((id, code, message)) => Event::Invalid { id, code, message },
    }
}

/// Whether `body` is a JSON-RPC message the protocol library will decode; if not, the id to
/// answer with (found even in a cut-off message), the error code and why.
pub fn check(body: &[u8]) -> Result<(), (Value, i64, String)> {
    let peek_id = || {
        let mut peek = Peek::default();
        peek.feed(body);
        peek.id.unwrap_or(Value::Null)
    };
    let text = std::str::from_utf8(body).map_err(|e| (peek_id(), PARSE_ERROR, format!("not UTF-8: {e}")))?;
    if serde_json::from_str::<Request>(text).is_ok() || serde_json::from_str::<Response>(text).is_ok() {
        return Ok(());
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| (peek_id(), PARSE_ERROR, format!("invalid JSON: {e}")))?;
    let id = match value.get("id") {
        Some(Value::Number(n)) if n.is_i64() => Value::Number(n.clone()),
        Some(Value::String(s)) => Value::String(s.clone()),
        _ => Value::Null,
    };
    Err((id, INVALID_REQUEST, "not a JSON-RPC 2.0 message".into()))
}

/// A streaming look at a JSON-RPC message that is not kept: its top-level `id` and `method`
/// and its `params.textDocument.uri`, found in one pass over the bytes as they go by, with
/// a few hundred bytes of memory whatever the message's size. Works on cut-off messages.
#[derive(Debug, Default)]
pub struct Peek {
    /// Open objects and arrays, the first three levels (deeper ones are only counted).
    stack: Vec<Level>,
    deeper: usize,
    in_string: bool,
    escape: bool,
    in_scalar: bool,
    /// The current string or scalar, when it is one of the wanted values or a key.
    token: Vec<u8>,
    capture: bool,
    pub id: Option<Value>,
    pub method: Option<String>,
    pub uri: Option<String>,
}

#[derive(Debug)]
struct Level {
    object: bool,
    key: Option<String>,
    expect_key: bool,
}

const MAX_CAPTURE: usize = 4096;

impl Peek {
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    fn byte(&mut self, b: u8) {
        if self.in_string {
            if self.escape {
                self.escape = false;
            } else if b == b'\\' {
                self.escape = true;
            } else if b == b'"' {
                self.in_string = false;
                self.end_string();
                return;
            }
            if self.capture && self.token.len() < MAX_CAPTURE {
                self.token.push(b);
            }
            return;
        }
        if self.in_scalar {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.') {
                if self.token.len() < 32 {
                    self.token.push(b);
                }
                return;
            }
            self.in_scalar = false;
            self.end_scalar();
        }
        match b {
            b'"' => {
                self.in_string = true;
                self.token.clear();
                self.capture = self.deeper == 0
                    && (self.stack.last().is_some_and(|l| l.object && l.expect_key) || self.wanted().is_some());
            }
            b'{' | b'[' => {
                if self.deeper > 0 || self.stack.len() >= 3 {
                    self.deeper += 1;
                } else {
                    self.stack.push(Level { object: b == b'{', key: None, expect_key: b == b'{' });
                }
            }
            b'}' | b']' => {
                if self.deeper > 0 {
                    self.deeper -= 1;
                } else {
                    self.stack.pop();
                }
            }
            b':' if self.deeper == 0 => {
                if let Some(l) = self.stack.last_mut() {
                    l.expect_key = false;
                }
            }
            b',' if self.deeper == 0 => {
                if let Some(l) = self.stack.last_mut() {
                    if l.object {
                        l.expect_key = true;
                        l.key = None;
                    }
                }
            }
            b if b.is_ascii_whitespace() || matches!(b, b':' | b',') => {}
            _ => {
                self.in_scalar = true;
                self.token.clear();
                self.token.push(b);
            }
        }
    }

    /// Which wanted value sits at the current position, if any.
    fn wanted(&self) -> Option<&'static str> {
        let keys: Vec<Option<&str>> = self.stack.iter().map(|l| l.key.as_deref()).collect();
        let in_value = self.stack.last().is_some_and(|l| l.object && !l.expect_key);
        if !in_value || self.deeper > 0 {
            return None;
        }
        match keys.as_slice() {
            [Some("id")] => Some("id"),
            [Some("method")] => Some("method"),
            [Some("params"), Some("textDocument"), Some("uri")] => Some("uri"),
            _ => None,
        }
    }

    fn end_string(&mut self) {
        if !self.capture {
            return;
        }
        let mut quoted = Vec::with_capacity(self.token.len() + 2);
        quoted.push(b'"');
        quoted.extend_from_slice(&self.token);
        quoted.push(b'"');
        let s: Option<String> = serde_json::from_slice(&quoted).ok();
        self.token.clear();
        let key_position = self.stack.last().is_some_and(|l| l.object && l.expect_key);
        if key_position {
            if let Some(l) = self.stack.last_mut() {
                l.key = Some(s.unwrap_or_default());
            }
            return;
        }
        match (self.wanted(), s) {
            (Some("id"), Some(s)) => self.id = Some(Value::String(s)),
            (Some("method"), Some(s)) => self.method = Some(s),
            (Some("uri"), Some(s)) => self.uri = Some(s),
            _ => {}
        }
    }

    fn end_scalar(&mut self) {
        if self.wanted() == Some("id") {
            if let Ok(n) = std::str::from_utf8(&self.token).unwrap_or("").parse::<i64>() {
                self.id = Some(Value::from(n));
            }
        }
        self.token.clear();
    }
}

/// Copy frames from `input` to `output` until `input` ends or `output` is closed; bodies
/// over `limit` bytes are skipped and answered.
pub async fn guard<R: AsyncRead + Unpin, W: AsyncWrite + Unpin>(mut input: R, mut output: W, limit: usize) {
    let mut decoder = Decoder::new(limit);
    let mut buf = vec![0; 64 << 10];
    let mut events = Vec::new();
    loop {
        let n = match input.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        decoder.feed(&buf[..n], &mut events);
        for event in events.drain(..) {
            let ok = match event {
                Event::Message(body) => forward(&mut output, &body).await,
                Event::Invalid { id, code, message } => {
                    eprintln!("copydesk lsp: ignoring a malformed message: {message}");
                    reply_error(&mut output, id, code, &message).await
                }
                Event::TooLarge { len, id, method, uri } => {
                    let method_name = method.as_deref().unwrap_or("a message");
                    let message = format!(
                        "copydesk: {method_name} of {len} bytes is over the limit of {limit} bytes and was not read"
                    );
                    eprintln!("copydesk lsp: {message}");
                    match id {
                        Some(id) => reply_error(&mut output, id, INVALID_REQUEST, &message).await,
                        None => {
                            let note = serde_json::json!({
                                "jsonrpc": "2.0",
                                "method": SKIPPED_MESSAGE,
                                "params": { "message": message, "method": method, "uri": uri },
                            });
                            forward(&mut output, note.to_string().as_bytes()).await
                        }
                    }
                }
                Event::Note(note) => {
                    eprintln!("copydesk lsp: {note}");
                    true
                }
            };
            if !ok {
                return;
            }
        }
        if events.capacity() > 1024 {
            events = Vec::new();
        }
    }
}

/// The server's output: the protocol library's messages (framed, from `library`) and the
/// server's own serialised messages (`own`, bodies), each written whole, until the library's
/// output ends (the session is over; own messages still queued are written first).
pub async fn merge_output<R, W>(mut library: R, mut own: tokio::sync::mpsc::Receiver<Vec<u8>>, mut output: W)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut decoder = Decoder::new(usize::MAX);
    let mut buf = vec![0; 64 << 10];
    let mut events = Vec::new();
    let mut own_open = true;
    loop {
        tokio::select! {
            biased;
            body = own.recv(), if own_open => match body {
                Some(body) => {
                    let large = body.len() > 1 << 20;
                    if !forward(&mut output, &body).await {
                        return;
                    }
                    crate::lsp::trace::stamp(crate::lsp::trace::Step::Written);
                    if large {
                        // A large publish leaves its serialised copy free: give it back.
                        drop(body);
                        crate::lsp::memory::give_back_soon();
                    }
                }
                None => own_open = false,
            },
            read = library.read(&mut buf) => {
                let n = match read {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                decoder.feed(&buf[..n], &mut events);
                for event in events.drain(..) {
                    if let Event::Message(body) = event {
                        if !forward(&mut output, &body).await {
                            return;
                        }
                    }
                }
            }
        }
    }
    while let Ok(body) = own.try_recv() {
        if !forward(&mut output, &body).await {
            return;
        }
    }
}

async fn forward<W: AsyncWrite + Unpin>(output: &mut W, body: &[u8]) -> bool {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    output.write_all(header.as_bytes()).await.is_ok()
        && output.write_all(body).await.is_ok()
        && output.flush().await.is_ok()
}

async fn reply_error<W: AsyncWrite + Unpin>(output: &mut W, id: Value, code: i64, message: &str) -> bool {
    let request = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": INVALID_MESSAGE,
        "params": { "code": code, "message": message },
    });
    forward(output, request.to_string().as_bytes()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    /// Feed `bytes` in chunks of `chunk` bytes; the events.
    fn decode(bytes: &[u8], chunk: usize, limit: usize) -> Vec<Event> {
        let mut d = Decoder::new(limit);
        let mut out = Vec::new();
        for c in bytes.chunks(chunk.max(1)) {
            d.feed(c, &mut out);
        }
        out
    }

    fn messages(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Message(b) => Some(String::from_utf8_lossy(b).into_owned()),
                _ => None,
            })
            .collect()
    }

    const A: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
    const B: &str = r#"{"jsonrpc":"2.0","method":"exit"}"#;

    #[test]
    fn checks_messages_like_the_protocol_library() {
        assert!(check(A.as_bytes()).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_ok());
        assert_eq!(check(b"{not json").unwrap_err().1, PARSE_ERROR);
        assert_eq!(check(b"\xff\xfe").unwrap_err().1, PARSE_ERROR);
        let (id, code, _) = check(br#"{"id":7,"method":"x"}"#).unwrap_err();
        assert_eq!((id, code), (serde_json::json!(7), INVALID_REQUEST));
        assert_eq!(check(b"[1,2]").unwrap_err().1, INVALID_REQUEST);
        // A cut-off request is a parse error that still names its id.
        let (id, code, _) = check(&A.as_bytes()[..30]).unwrap_err();
        assert_eq!((id, code), (serde_json::json!(1), PARSE_ERROR));
    }

    #[test]
    fn frames_in_any_chunking_and_unknown_headers() {
        let mut bytes = frame(A);
        bytes.extend(b"X-Foo: bar\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n");
        bytes.extend(frame(B));
        for chunk in [1, 2, 7, 64, 4096] {
            let events = decode(&bytes, chunk, 1 << 20);
            assert_eq!(messages(&events), [A, B], "chunk {chunk}");
            assert!(events.contains(&Event::Note("ignoring an unknown header `X-Foo`".into())), "{events:?}");
        }
    }

    #[test]
    fn a_content_length_shorter_than_the_body_loses_one_message_only() {
        let mut bytes = format!("Content-Length: 30\r\n\r\n{A}").into_bytes();
        bytes.extend(frame(B));
        for chunk in [1, 5, 4096] {
            let events = decode(&bytes, chunk, 1 << 20);
            assert_eq!(messages(&events), [B], "chunk {chunk}: {events:?}");
            // The cut-off request is answered with its own id.
            assert!(events
                .iter()
                .any(|e| matches!(e, Event::Invalid { id, code: PARSE_ERROR, .. } if *id == serde_json::json!(1))));
        }
    }

    #[test]
    fn a_content_length_longer_than_the_body_resynchronises() {
        let mut bytes = format!("Content-Length: {}\r\n\r\n{A}", A.len() + 500).into_bytes();
        bytes.extend(frame(B));
        bytes.extend(frame(A));
        for chunk in [1, 3, 4096] {
            let events = decode(&bytes, chunk, 1 << 20);
            assert_eq!(messages(&events), [A, B, A], "chunk {chunk}: {events:?}");
        }
        // Over the limit and longer than the body: the next message still gets through.
        let mut bytes = format!("Content-Length: {}\r\n\r\n{A}", 1u64 << 40).into_bytes();
        bytes.extend(frame(B));
        for chunk in [1, 3, 4096] {
            let events = decode(&bytes, chunk, 1 << 20);
            assert_eq!(messages(&events), [B], "chunk {chunk}: {events:?}");
            assert!(events.iter().any(|e| matches!(e, Event::Invalid { id, .. } if *id == serde_json::json!(1))));
        }
    }

    #[test]
    fn a_header_in_a_json_string_is_no_header() {
        // Escaped line breaks: the text "Content-Length: 5\r\n" inside a document.
        let body = r#"{"jsonrpc":"2.0","method":"x","params":{"text":"Content-Length: 5\r\n\r\nhi"}}"#;
        assert_eq!(messages(&decode(&frame(body), 3, 1 << 20)), [body]);
    }

    #[test]
    fn a_message_over_the_limit_is_skipped_unkept_and_described() {
        let text = "قالَ 👋\r\n".repeat(20_000);
        let open = serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///أخبار/story.txt", "languageId": "plaintext", "version": 1, "text": text}}}).to_string();
        let request = serde_json::json!({"params": {"x": [1, {"id": 9}]}, "method": "textDocument/diagnostic", "id": "abc", "jsonrpc": "2.0"}).to_string();
        let mut bytes = frame(&open);
        bytes.extend(frame(&request));
        bytes.extend(frame(B));
        let mut d = Decoder::new(60);
        let mut events = Vec::new();
        let mut most = 0;
        for c in bytes.chunks(1000) {
            d.feed(c, &mut events);
            most = most.max(d.buffered());
        }
        assert!(most < 4096, "held {most} bytes while skipping");
        let skipped: Vec<&Event> = events.iter().filter(|e| matches!(e, Event::TooLarge { .. })).collect();
        assert_eq!(
            skipped[0],
            &Event::TooLarge {
                len: open.len() as u64,
                id: None,
                method: Some("textDocument/didOpen".into()),
                uri: Some("file:///أخبار/story.txt".into())
            }
        );
        assert!(matches!(skipped[1], Event::TooLarge { id: Some(id), .. } if *id == serde_json::json!("abc")));
        assert_eq!(messages(&events), [B]);
    }

    #[test]
    fn a_body_is_never_allocated_before_it_arrives() {
        let mut d = Decoder::new(usize::MAX);
        let mut out = Vec::new();
        d.feed(format!("Content-Length: {}\r\n\r\n{{\"a\":", 200 << 20).as_bytes(), &mut out);
        assert!(d.buffered() < 1024, "{}", d.buffered());
        for _ in 0..100 {
            d.feed(&[b' '; 1000], &mut out);
        }
        assert!(d.buffered() <= 2 * 100_000 + 1024, "{}", d.buffered());
    }

    #[test]
    fn junk_and_long_lines_do_not_grow_the_buffer() {
        let mut bytes = vec![b'x'; 100_000];
        bytes.extend(b"\r\n");
        bytes.extend(frame(A));
        let mut d = Decoder::new(1 << 20);
        let mut events = Vec::new();
        for c in bytes.chunks(512) {
            d.feed(c, &mut events);
            assert!(d.buffered() < 3 * MAX_HEADER_LINE);
        }
        assert_eq!(messages(&events), [A]);
    }
}
