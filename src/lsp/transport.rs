//! The guard in front of the protocol library: reads LSP frames, passes well-formed ones on,
//! and turns malformed ones into an error reply instead of letting them end the session.
//!
//! `tower-lsp-server`'s reader stops for good at the first frame it cannot decode (bad
//! header, invalid JSON, a JSON value that is no JSON-RPC message). Here every frame is
//! checked first; a bad one is replaced by a request to [`INVALID_MESSAGE`], which the
//! server answers with the JSON-RPC error (with the original `id` when there was one).

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The internal method that answers for a malformed message.
pub const INVALID_MESSAGE: &str = "copydesk/invalidMessage";

/// Larger bodies are skipped (and answered with an error) rather than buffered.
pub const MAX_MESSAGE_BYTES: usize = 256 << 20;
const MAX_HEADER_LINE: u64 = 8 << 10;

pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;

/// Copy frames from `input` to `output` until `input` ends or `output` is closed.
pub async fn guard<R: AsyncRead + Unpin, W: AsyncWrite + Unpin>(input: R, mut output: W) {
    let mut reader = BufReader::new(input);
    loop {
        let mut content_length: Option<Result<usize, String>> = None;
        let mut seen_header = false;
        loop {
            let mut line = Vec::new();
            match (&mut reader).take(MAX_HEADER_LINE).read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if seen_header {
                    break;
                }
                continue;
            }
            seen_header = true;
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    content_length =
                        Some(value.trim().parse::<usize>().map_err(|e| format!("bad Content-Length: {e}")));
                }
            }
        }
        let body_len = match content_length {
            Some(Ok(n)) => n,
            Some(Err(e)) => {
                eprintln!("copydesk lsp: ignoring a message: {e}");
                if !reply_error(&mut output, Value::Null, PARSE_ERROR, &e).await {
                    return;
                }
                continue;
            }
            None => {
                eprintln!("copydesk lsp: ignoring a message without Content-Length");
                if !reply_error(&mut output, Value::Null, PARSE_ERROR, "missing Content-Length").await {
                    return;
                }
                continue;
            }
        };
        if body_len > MAX_MESSAGE_BYTES {
            eprintln!("copydesk lsp: skipping a {body_len}-byte message (limit {MAX_MESSAGE_BYTES})");
            let skip = u64::try_from(body_len).unwrap_or(u64::MAX);
            match tokio::io::copy(&mut (&mut reader).take(skip), &mut tokio::io::sink()).await {
                Ok(n) if n == skip => {}
                _ => return,
            }
            if !reply_error(&mut output, Value::Null, INVALID_REQUEST, "message too large").await {
                return;
            }
            continue;
        }
        let mut body = vec![0; body_len];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let ok = match check(&body) {
            Ok(()) => forward(&mut output, &body).await,
            Err((id, code, why)) => {
                eprintln!("copydesk lsp: ignoring a malformed message: {why}");
                reply_error(&mut output, id, code, &why).await
            }
        };
        if !ok {
            return;
        }
    }
}

/// Whether `body` is a JSON-RPC message the protocol library will decode; if not, the id to
/// answer with, the error code and why.
fn check(body: &[u8]) -> Result<(), (Value, i64, String)> {
    let text = std::str::from_utf8(body).map_err(|e| (Value::Null, PARSE_ERROR, format!("not UTF-8: {e}")))?;
    let value: Value =
        serde_json::from_str(text).map_err(|e| (Value::Null, PARSE_ERROR, format!("invalid JSON: {e}")))?;
    if serde_json::from_value::<Request>(value.clone()).is_ok()
        || serde_json::from_value::<Response>(value.clone()).is_ok()
    {
        return Ok(());
    }
    let id = match value.get("id") {
        Some(Value::Number(n)) if n.is_i64() => Value::Number(n.clone()),
        Some(Value::String(s)) => Value::String(s.clone()),
        _ => Value::Null,
    };
    Err((id, INVALID_REQUEST, "not a JSON-RPC 2.0 message".into()))
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

    #[test]
    fn checks_messages_like_the_protocol_library() {
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_ok());
        assert_eq!(check(b"{not json").unwrap_err().1, PARSE_ERROR);
        assert_eq!(check(b"\xff\xfe").unwrap_err().1, PARSE_ERROR);
        let (id, code, _) = check(br#"{"id":7,"method":"x"}"#).unwrap_err();
        assert_eq!((id, code), (serde_json::json!(7), INVALID_REQUEST));
        assert_eq!(check(b"[1,2]").unwrap_err().1, INVALID_REQUEST);
    }
}
