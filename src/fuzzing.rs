//! The properties the fuzz targets check, as plain functions of bytes: the same code runs
//! under `cargo fuzz` (nightly, `fuzz/`) and in the stable smoke test (`tests/fuzz_smoke.rs`).
//!
//! Each function decodes its input from arbitrary bytes (never rejecting any) and panics with
//! a message when a property does not hold; returning means the input passed.
//!
//! - [`core`]: any text -> check -> every finding and edit inside the text on character
//!   boundaries, every fix applies whole and changes the text, and fixing converges.
//! - [`config`]: any `copydesk.toml` text -> an error located inside the text, or settings a
//!   checker runs with; the server's edits to the file keep it valid and are idempotent.
//! - [`transport`]: any byte stream -> the LSP guard ends, and passes on only frames the
//!   protocol library decodes; well-framed messages come through whole and in order.
//! - [`edits`]: random incremental edits (UTF-16 and UTF-8 positions, in range or not) on the
//!   server's document equal the same edits on a `String`, and positions round-trip.

use std::sync::{Arc, OnceLock};

use ropey::Rope;
use serde_json::Value;
use tower_lsp_server::lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::core::{apply_edits, Checked, Checker, Config, Finding, Lexicon};
use crate::lsp::documents::Document;
use crate::lsp::positions::{self, Encoding};

/// Reads decisions out of the fuzzer's bytes; past the end every read is zero, so any input
/// decodes to something.
struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    fn new(data: &'a [u8]) -> Self {
        Bytes { data, pos: 0 }
    }

    fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        let v = (self.byte() as usize) << 8 | self.byte() as usize;
        v % n
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let start = self.pos.min(self.data.len());
        let end = start.saturating_add(n).min(self.data.len());
        self.pos = end;
        &self.data[start..end]
    }

    fn rest(&mut self) -> &'a [u8] {
        self.take(usize::MAX)
    }
}

/// Pieces of news copy the rules react to, and the characters that bite: harakat, tatweel,
/// presentation forms, bidi and zero-width marks, every kind of quotation mark, emoji, CRLF.
pub const PIECES: &[&str] = &[
    "ال",
    "لل",
    "و",
    "ب",
    "إ",
    "أ",
    "ا",
    "ة",
    "ه",
    "ى",
    "ي",
    "سلسة",
    "زيارات",
    "الإدراة",
    "إجتماع",
    "الحكومه",
    "إنشاء الله",
    "ترمب",
    "ترامب",
    "سيرغي",
    "سيرجي",
    "أردوغان",
    "أردوجان",
    "بيسكوف",
    "بوشكوف",
    "حسام",
    "هشام",
    "قال",
    "وأضاف",
    "بحسب",
    "في",
    "في في",
    "حريصًا",
    "اختراقا",
    "حساباً",
    "«",
    "»",
    "“",
    "”",
    "\"",
    "(",
    ")",
    ":",
    ".",
    "،",
    "؟",
    ",",
    "\u{064B}",
    "\u{064E}",
    "\u{0651}",
    "\u{0652}",
    "\u{0670}",
    "\u{0640}",
    "\u{200F}",
    "\u{200C}",
    "\u{202B}",
    "\u{2067}",
    "\u{FEFF}",
    "\u{061C}",
    "ﻹ",
    "ﻻ",
    "ﺍ",
    "😀",
    "👨‍👩‍👧",
    "🏽",
    "\r\n",
    "\n",
    "\r",
    "\n\n",
    " ",
    "  ",
    "\t",
    "لم تشترك بعد",
    "انشئ حساباً خاصاً بك",
    "// انتهى //",
    "شارك | فيسبوك",
    "اقرأ أيضاً",
    "copydesk-disable-next-line",
    "copydesk-disable",
    "copydesk-enable",
    "<!-- copydesk-disable-line misspelling -->",
    "a",
    "Said",
    "١٢",
    "12",
    "\u{0654}",
    "\u{0653}",
    "\u{2028}",
    "\u{0085}",
    "\u{FFFD}",
];

/// A text made of [`PIECES`], one piece per byte.
fn pieces_text(data: &[u8]) -> String {
    data.iter().map(|&b| PIECES[b as usize % PIECES.len()]).collect()
}

fn lexicon() -> Option<Arc<Lexicon>> {
    crate::dictionary::load(std::path::Path::new(crate::dictionary::SYSTEM_AR)).ok()
}

/// The built-in defaults (with the system dictionary when it is installed).
fn default_checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(Config::default(), lexicon()))
}

/// Every setting a desk can add, on: the dictionary check, house misspellings and names,
/// boilerplate patterns, attribution verbs, allowed words, ignores.
pub const RICH_CONFIG: &str = r#"
[rules]
unattributed-quote = "error"

[misspellings]
"الاداره" = "الإدارة"
"مسؤل" = "مسؤول"

[names]
"ترامب" = ["ترمب", "ترمپ"]
"زيلينسكي" = ["زيلنسكي"]

[boilerplate]
patterns = ["^اقرأ أيضا.*$", "^شارك\\s*\\|"]

[attribution]
verbs = ["غرّد", "كتب"]

[dictionary]
lexicon = true
words = ["كيري", "لافروف"]

[[ignore]]
rule = "misspelling"
text = "سلسة"
"#;

fn rich_checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let config = Config::from_toml(RICH_CONFIG).unwrap_or_else(|e| panic!("RICH_CONFIG is invalid: {e}"));
        Checker::new(config, lexicon())
    })
}

/// Findings and their edits point inside `text`, on character boundaries; each fix's edits
/// apply whole (none overlaps another) and change the text.
pub fn assert_findings_sound(text: &str, checked: &Checked) {
    assert!(checked.failed_rules.is_empty(), "rules panicked: {:?} on {text:?}", checked.failed_rules);
    let inside = |r: &std::ops::Range<usize>| {
        r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
    };
    for f in &checked.findings {
        assert!(inside(&f.range), "{} finding at {:?} outside {text:?}", f.rule, f.range);
        assert!(!f.message.trim().is_empty(), "{} finding without a message", f.rule);
        for fix in &f.fixes {
            assert!(!fix.edits.is_empty(), "{}: fix «{}» has no edits, in {text:?}", f.rule, fix.title);
            for e in &fix.edits {
                assert!(inside(&e.range), "{}: edit {:?} outside {text:?}", f.rule, e.range);
            }
            let (fixed, applied) = apply_edits(text, &fix.edits);
            assert_eq!(applied, fix.edits.len(), "{}: the edits of «{}» overlap, in {text:?}", f.rule, fix.title);
            assert_ne!(fixed, text, "{}: «{}» changes nothing, in {text:?}", f.rule, fix.title);
        }
    }
    let sorted =
        checked.findings.windows(2).all(|w| (w[0].range.start, w[0].range.end) <= (w[1].range.start, w[1].range.end));
    assert!(sorted, "findings are not sorted by offset in {text:?}");
}

/// Fixing `text` until stable (safe fixes; then safe and unsafe) neither goes round in a
/// circle nor runs out of passes, and leaves no applicable fix behind.
pub fn assert_fixes_converge(checker: &Checker, text: &str) {
    for unsafe_fixes in [false, true] {
        let check = |t: &str| {
            let checked = checker.check(t, None);
            assert_findings_sound(t, &checked);
            checked
        };
        let fixed = crate::cli::fix::fix_until_stable(text, unsafe_fixes, check);
        assert!(!fixed.cycled, "fixes went round in a circle (unsafe: {unsafe_fixes}) from {text:?}");
        let left: Vec<&Finding> =
            fixed.remaining.iter().filter(|f| f.fixes.iter().any(|x| unsafe_fixes || x.is_safe())).collect();
        let (edits, _) = crate::cli::fix::choose(&fixed.text, &fixed.remaining, unsafe_fixes);
        assert!(
            edits.is_empty(),
            "still fixable after {} passes (unsafe: {unsafe_fixes}) from {text:?} to {:?}: {left:?}",
            crate::cli::fix::MAX_PASSES,
            fixed.text
        );
    }
}

/// Target `core`: the first byte picks the text's shape (raw UTF-8, or pieces of copy) and
/// the settings (defaults, or everything on).
pub fn core(data: &[u8]) {
    let mut b = Bytes::new(data);
    let mode = b.byte();
    let rest = b.rest();
    let text = if mode & 1 == 0 { String::from_utf8_lossy(rest).into_owned() } else { pieces_text(rest) };
    let checker = if mode & 2 == 0 { default_checker() } else { rich_checker() };
    let checked = checker.check(&text, None);
    assert_findings_sound(&text, &checked);
    assert_fixes_converge(checker, &text);
}

/// Pieces of `copydesk.toml`, for inputs built from them.
const CONFIG_PIECES: &[&str] = &[
    "[rules]\n",
    "misspelling = \"off\"\n",
    "name-variant = \"error\"\n",
    "repeated-word = \"hint\"\n",
    "boilerplate = \"loud\"\n",
    "nope = \"error\"\n",
    "[misspellings]\n",
    "\"الاداره\" = \"الإدارة\"\n",
    "\"x\" = \"\"\n",
    "\"في\" = \"في\"\n",
    "[names]\n",
    "\"ترامب\" = [\"ترمب\"]\n",
    "\"\" = [\"a\"]\n",
    "[boilerplate]\n",
    "patterns = [\"^اقرأ.*\"]\n",
    "patterns = [\"a(b\"]\n",
    "patterns = [\"(a*)*b\"]\n",
    "[attribution]\n",
    "verbs = [\"غرّد\"]\n",
    "[dictionary]\n",
    "lexicon = true\n",
    "words = [\"كيري\"]\n",
    "path = \"/nonexistent.dic\"\n",
    "[[ignore]]\n",
    "rule = \"misspelling\"\n",
    "text = \"سلسة\"\n",
    "paths = [\"news/**\"]\n",
    "paths = [\"[\"]\n",
    "[[overrides]]\n",
    "paths = [\"*.md\"]\n",
    "rules = { boilerplate = \"off\" }\n",
    "exclude = [\"drafts/**\"]\n",
    "dictionary = 3\n",
    "ignore = [{ rule = \"boilerplate\", text = \"x\" }]\n",
    "ignore = 1\n",
    "# comment\n",
    "\r\n",
    "\n",
    "= ",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "ؤ",
    "😀",
    "\u{FEFF}",
];

/// Target `config`: the first byte picks the text's shape (raw, or pieces of settings); the
/// text is parsed, then used; then the server's edits are applied to it.
pub fn config(data: &[u8]) {
    let mut b = Bytes::new(data);
    let mode = b.byte();
    let word_bytes = b.take(8);
    let rest = b.rest();
    let text = if mode & 1 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        rest.iter().map(|&x| CONFIG_PIECES[x as usize % CONFIG_PIECES.len()]).collect()
    };
    match Config::from_toml(&text) {
        Err(e) => {
            assert!(!e.message.trim().is_empty(), "an error without a message for {text:?}");
            let lines = text.split('\n').collect::<Vec<_>>();
            if let Some(line) = e.line {
                assert!(line >= 1 && line <= lines.len(), "error line {line} outside {text:?}: {e}");
                if let Some(col) = e.column {
                    let width = lines[line - 1].chars().count();
                    assert!(col >= 1 && col <= width + 1, "error column {col} outside line {line} of {text:?}: {e}");
                }
            }
        }
        Ok(config) => {
            config.validate().unwrap_or_else(|e| panic!("parsed settings do not validate: {e} in {text:?}"));
            // The server reads the same file as JSON merged with the editor's settings: with
            // no editor settings it must come to the same settings as the CLI.
            let table: toml::Table =
                toml::from_str(&text).unwrap_or_else(|e| panic!("valid settings are no TOML table: {e} in {text:?}"));
            let mut merged =
                serde_json::to_value(table).unwrap_or_else(|e| panic!("settings as JSON: {e} in {text:?}"));
            crate::lsp::settings::merge(&mut merged, &serde_json::json!({}));
            match Config::from_json(&merged) {
                Ok(same) => assert_eq!(same, config, "the server reads {text:?} otherwise than the CLI"),
                Err(e) => panic!("the server rejects settings the CLI accepts: {e} in {text:?}"),
            }
            // Settings that parse are settings a checker runs with.
            let checker = Checker::new(config, None);
            for sample in [&text, "قال الوزير «في في الإدراة».\r\nاقرأ أيضاً"] {
                let checked = checker.check(sample, Some("news/story.md"));
                assert_findings_sound(sample, &checked);
            }
        }
    }
    let word = pieces_text(word_bytes);
    let edits = [
        crate::lsp::settings::ConfigEdit::AddWord(word.clone()),
        crate::lsp::settings::ConfigEdit::Ignore { rule: "misspelling".into(), text: word.clone() },
    ];
    for edit in &edits {
        match crate::lsp::settings::edit_config_text(&text, edit) {
            Err(_) => {}
            Ok(None) => {}
            Ok(Some(out)) => {
                let config =
                    Config::from_toml(&out).unwrap_or_else(|e| panic!("{edit:?} made {text:?} invalid: {e}\n{out}"));
                let there = match edit {
                    crate::lsp::settings::ConfigEdit::AddWord(w) => config.dictionary.words.contains(w),
                    crate::lsp::settings::ConfigEdit::Ignore { rule, text } => {
                        config.ignore.iter().any(|e| &e.rule == rule && &e.text == text && e.paths.is_empty())
                    }
                };
                assert!(there, "{edit:?} is not in the edited settings:\n{out}");
                let again = crate::lsp::settings::edit_config_text(&out, edit);
                assert_eq!(again, Ok(None), "{edit:?} applied twice changes the file again:\n{out}");
            }
        }
    }
}

/// The frames the guard wrote: `Content-Length: N\r\n\r\n` then N bytes, nothing else.
fn read_frames(out: &[u8]) -> Vec<&[u8]> {
    let mut frames = Vec::new();
    let mut rest = out;
    while !rest.is_empty() {
        let end = rest
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("output does not end with a whole frame: {:?}", String::from_utf8_lossy(rest)));
        let header = std::str::from_utf8(&rest[..end]).unwrap_or_else(|e| panic!("header not UTF-8: {e}"));
        let n: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("the guard wrote a header other than Content-Length: {header:?}"));
        let body_start = end + 4;
        assert!(rest.len() >= body_start + n, "a frame is cut short: {header:?}");
        frames.push(&rest[body_start..body_start + n]);
        rest = &rest[body_start + n..];
    }
    frames
}

/// Whether the protocol library decodes `body` (what the guard promises for what it passes).
fn decodes(body: &[u8]) -> bool {
    let Ok(value) = serde_json::from_slice::<Value>(body) else { return false };
    serde_json::from_value::<tower_lsp_server::jsonrpc::Request>(value.clone()).is_ok()
        || serde_json::from_value::<tower_lsp_server::jsonrpc::Response>(value).is_ok()
}

fn run_guard(input: &[u8]) -> Vec<u8> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("cannot start a runtime: {e}"));
    let mut out = Vec::new();
    runtime.block_on(crate::lsp::transport::guard(input, &mut out, crate::lsp::transport::MAX_MESSAGE_BYTES));
    out
}

fn is_error_note(value: &Value) -> bool {
    value.get("method").and_then(Value::as_str) == Some(crate::lsp::transport::INVALID_MESSAGE)
}

/// One message of a well-framed stream, and what the guard must make of it.
enum Expect {
    /// Passed on byte for byte.
    Same(Vec<u8>),
    /// Answered with the error note (with this id, when it has one to answer).
    Error(Option<Value>),
}

/// A JSON string of up to `n` bytes of the input.
fn json_string(b: &mut Bytes<'_>, n: usize) -> String {
    let len = b.below(n + 1);
    let s = String::from_utf8_lossy(b.take(len)).into_owned();
    Value::String(s).to_string()
}

/// Target `transport`. Odd first byte: a stream of well-framed messages (valid requests,
/// notifications and responses, invalid JSON, JSON that is no JSON-RPC), with the header
/// spelled every way the spec allows (any case, extra headers, spaces, blank lines between
/// frames); each must come out whole and in order, or as the error note in its place. Even:
/// any bytes; whatever comes out must be whole frames the protocol library decodes, each
/// passed on unchanged from the input or the guard's own error note.
pub fn transport(data: &[u8]) {
    let mut b = Bytes::new(data);
    let mode = b.byte();
    if mode & 1 == 0 {
        let input = b.rest();
        let out = run_guard(input);
        for frame in read_frames(&out) {
            assert!(decodes(frame), "the guard passed on a frame the library cannot decode: {frame:?}");
            let note = serde_json::from_slice::<Value>(frame).ok().is_some_and(|v| is_error_note(&v));
            let from_input = input.windows(frame.len().max(1)).any(|w| w == frame) || frame.is_empty();
            assert!(note || from_input, "the guard invented a frame: {:?}", String::from_utf8_lossy(frame));
        }
        return;
    }
    let mut input = Vec::new();
    let mut expected = Vec::new();
    let count = b.below(8) + 1;
    for _ in 0..count {
        let kind = b.byte();
        let id = b.below(1000);
        let (body, expect) = match kind % 7 {
            0 => {
                let body = format!(
                    r#"{{"jsonrpc":"2.0","id":{id},"method":{},"params":{{"text":{}}}}}"#,
                    json_string(&mut b, 12),
                    json_string(&mut b, 40)
                );
                (body.clone(), Expect::Same(body.into_bytes()))
            }
            1 => {
                let body = format!(
                    r#"{{"jsonrpc":"2.0","method":{},"params":{{"text":{}}}}}"#,
                    json_string(&mut b, 12),
                    json_string(&mut b, 40)
                );
                (body.clone(), Expect::Same(body.into_bytes()))
            }
            2 => {
                let body = format!(r#"{{"jsonrpc":"2.0","id":"s{id}","result":{}}}"#, json_string(&mut b, 40));
                (body.clone(), Expect::Same(body.into_bytes()))
            }
            3 => {
                let n = b.below(30);
                // No line breaks: a header line inside a body that is no JSON starts the next
                // frame by design (the decoder's resynchronisation), so it is not well framed.
                let junk = String::from_utf8_lossy(b.take(n)).replace(['\r', '\n'], " ");
                let body = format!("{{not json {junk}");
                (body, Expect::Error(None))
            }
            4 => {
                let body = format!(r#"{{"id":{id},"method":{}}}"#, json_string(&mut b, 12));
                (body, Expect::Error(Some(Value::from(id))))
            }
            5 => {
                let body = format!(r#"[{id},{}]"#, json_string(&mut b, 12));
                (body, Expect::Error(None))
            }
            _ => {
                // Arabic with harakat and an emoji: Content-Length counts bytes, not characters.
                let body = format!(r#"{{"jsonrpc":"2.0","method":"x","params":{{"t":"قالَ 👋 {id}"}}}}"#);
                (body.clone(), Expect::Same(body.into_bytes()))
            }
        };
        let style = b.byte();
        let eol = if style & 1 == 0 { "\r\n" } else { "\n" };
        let name = match (style >> 1) % 3 {
            0 => "Content-Length",
            1 => "content-length",
            _ => "CONTENT-LENGTH",
        };
        let mut header = String::new();
        if style & 0x08 != 0 {
            header.push_str(eol); // a blank line between frames
        }
        if style & 0x10 != 0 {
            header.push_str(&format!("Content-Type: application/vscode-jsonrpc; charset=utf-8{eol}"));
        }
        let spaces = if style & 0x20 != 0 { "  " } else { " " };
        header.push_str(&format!("{name}:{spaces}{}{eol}", body.len()));
        if style & 0x40 != 0 {
            header.push_str(&format!("X-Trace: {id}{eol}"));
        }
        header.push_str(eol);
        input.extend_from_slice(header.as_bytes());
        input.extend_from_slice(body.as_bytes());
        expected.push(expect);
    }
    let out = run_guard(&input);
    let frames = read_frames(&out);
    assert_eq!(
        frames.len(),
        expected.len(),
        "{} messages in, {} out, from {:?}",
        expected.len(),
        frames.len(),
        String::from_utf8_lossy(&input)
    );
    for (i, (frame, expect)) in frames.iter().zip(&expected).enumerate() {
        match expect {
            Expect::Same(body) => assert_eq!(
                String::from_utf8_lossy(frame),
                String::from_utf8_lossy(body),
                "message {i} changed on the way, from {:?}",
                String::from_utf8_lossy(&input)
            ),
            Expect::Error(id) => {
                let value: Value = serde_json::from_slice(frame)
                    .unwrap_or_else(|e| panic!("message {i}: the error note is not JSON: {e}"));
                assert!(is_error_note(&value), "message {i} should have become the error note: {value}");
                if let Some(id) = id {
                    assert_eq!(value.get("id"), Some(id), "message {i}: the error answers another id");
                }
            }
        }
    }
}

/// The model's lines: (start, end of content, start of the next line), breaking at `\r\n`,
/// `\n` and `\r` as LSP does. There is always one more line than line breaks.
fn model_lines(text: &str) -> Vec<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                lines.push((start, i, i + 2));
                i += 2;
                start = i;
            }
            b'\n' | b'\r' => {
                lines.push((start, i, i + 1));
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    lines.push((start, text.len(), text.len()));
    lines
}

/// The model's byte offset of a position: past the end of a line is its end, past the last
/// line the end of the text, inside a character the start of that character.
fn model_offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let lines = model_lines(text);
    let Some(&(start, end, _)) = lines.get(pos.line as usize) else { return text.len() };
    let want = pos.character as usize;
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        let n = match enc {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if units + n > want {
            return start + i;
        }
        units += n;
    }
    end
}

/// The model's position of a byte offset (on a character boundary): UTF-8 and UTF-16.
fn model_position(text: &str, at: usize) -> (Position, Position) {
    model_position_in(text, &model_lines(text), at)
}

fn model_position_in(text: &str, lines: &[(usize, usize, usize)], at: usize) -> (Position, Position) {
    let line = lines.iter().rposition(|&(start, _, _)| start <= at).unwrap_or(0);
    let start = lines[line].0;
    let before = &text[start..at];
    let l = line as u32;
    (Position::new(l, before.len() as u32), Position::new(l, before.encode_utf16().count() as u32))
}

fn encoding(flag: u8) -> Encoding {
    if flag & 1 == 0 {
        Encoding::Utf16
    } else {
        Encoding::Utf8
    }
}

/// A character boundary of `text` picked by the input.
fn boundary(b: &mut Bytes<'_>, text: &str) -> usize {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    bounds[b.below(bounds.len())]
}

/// A position picked by the input: one of a character boundary (in the given encoding), or
/// anywhere near the text, past line ends and past the last line included.
fn any_position(b: &mut Bytes<'_>, text: &str, enc: Encoding) -> Position {
    if b.byte() & 3 != 0 {
        let at = boundary(b, text);
        let (p8, p16) = model_position(text, at);
        return if enc == Encoding::Utf8 { p8 } else { p16 };
    }
    let lines = model_lines(text).len();
    let line = b.below(lines + 2) as u32;
    let character = match b.byte() {
        255 => u32::MAX,
        c => c as u32 % 40,
    };
    Position::new(line, character)
}

/// Every position of `text` round-trips through the server's conversions, and they agree
/// with the model's.
fn assert_positions_agree(text: &str, rope: &Rope) {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let lines = model_lines(text);
    let step = (bounds.len() / 200).max(1);
    for &at in bounds.iter().step_by(step).chain(bounds.last()) {
        let (p8, p16) = model_position_in(text, &lines, at);
        let inside_crlf = text[..at].ends_with('\r') && text[at..].starts_with('\n');
        for (enc, p) in [(Encoding::Utf8, p8), (Encoding::Utf16, p16)] {
            assert_eq!(positions::position(rope, at, enc), p, "{enc:?} position of byte {at} in {text:?}");
            if !inside_crlf {
                assert_eq!(positions::offset(rope, p, enc), at, "{enc:?} offset of {p:?} in {text:?}");
            }
        }
    }
}

fn change(range: Option<Range>, text: String) -> TextDocumentContentChangeEvent {
    TextDocumentContentChangeEvent { range, range_length: None, text }
}

/// Target `edits`: a document opened with some text, then up to 32 `didChange`s of one to
/// three changes each (incremental in either encoding, from positions in range or not, or
/// the whole text); after each, the server's document equals the model and positions agree.
pub fn edits(data: &[u8]) {
    let mut b = Bytes::new(data);
    let initial_len = b.below(24);
    let mut model = pieces_text(b.take(initial_len));
    let mut doc = Document::new(&model, 1);
    assert_eq!(doc.text(), model);
    let mut version = 1;
    let mut notes = 0;
    while !b.is_empty() && notes < 32 {
        notes += 1;
        version += 1;
        let enc = encoding(b.byte());
        let mut changes = Vec::new();
        for _ in 0..=b.below(3) {
            let pieces = b.below(4);
            let replacement = pieces_text(b.take(pieces));
            if b.byte() % 16 == 0 {
                model = replacement.clone();
                changes.push(change(None, replacement));
                continue;
            }
            let start = any_position(&mut b, &model, enc);
            let end = any_position(&mut b, &model, enc);
            let (s, e) = (model_offset(&model, start, enc), model_offset(&model, end, enc));
            // A reversed range is read as empty at its start.
            let e = e.max(s);
            model.replace_range(s..e, &replacement);
            changes.push(change(Some(Range::new(start, end)), replacement));
        }
        doc.apply(&changes, version, enc);
        assert_eq!(doc.version, version);
        let text = doc.text();
        assert_eq!(text, model, "the document and the model differ after {changes:?} ({enc:?})");
        assert_positions_agree(&model, &doc.rope);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_breaks_lines_like_lsp() {
        assert_eq!(model_lines("a\r\nb\rc\nd"), vec![(0, 1, 3), (3, 4, 5), (5, 6, 7), (7, 8, 8)]);
        let text = "قال 👋\r\nب";
        assert_eq!(model_offset(text, Position::new(0, 5), Encoding::Utf16), "قال ".len());
        assert_eq!(model_offset(text, Position::new(0, 99), Encoding::Utf16), "قال 👋".len());
        assert_eq!(model_offset(text, Position::new(9, 0), Encoding::Utf8), text.len());
        let at = text.find('ب').unwrap_or(0);
        assert_eq!(model_position(text, at), (Position::new(1, 0), Position::new(1, 0)));
        assert_eq!(model_position(text, "قال 👋".len()).1, Position::new(0, 6));
    }
}
