//! Conversions between the core's UTF-8 byte offsets and LSP positions, in one place.
//!
//! LSP counts characters in UTF-16 code units unless the client and server negotiated UTF-8.
//! Lines end at `\n`, `\r\n` or `\r` (ropey's `cr_lines`, matching LSP). Every conversion
//! clamps: a position past the end of a line means the end of that line, a line past the
//! end of the text means the end of the text, and a position inside a character (a UTF-8
//! continuation byte, the low half of a surrogate pair) means the start of that character.
//! Nothing here panics on any input.

use ropey::{Rope, RopeSlice};
use tower_lsp_server::lsp_types::{Position, PositionEncodingKind, Range};

/// The negotiated position encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it, else UTF-16 (which every client must support).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Bytes of the line break at the end of `line` (0, 1 for `\n` or `\r`, 2 for `\r\n`).
fn break_len(line: RopeSlice<'_>) -> usize {
    let n = line.len_bytes();
    let last = |k: usize| if n >= k { Some(line.byte(n - k)) } else { None };
    match (last(2), last(1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (_, Some(b'\n' | b'\r')) => 1,
        _ => 0,
    }
}

/// The largest character boundary at or before byte `at` (clamped to the text).
pub fn floor_boundary(rope: &Rope, at: usize) -> usize {
    let at = at.min(rope.len_bytes());
    rope.char_to_byte(rope.byte_to_char(at))
}

/// The byte offset of an LSP position.
pub fn offset(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let content_bytes = slice.len_bytes() - break_len(slice);
    let character = pos.character as usize;
    let within = match enc {
        Encoding::Utf8 => {
            let b = character.min(content_bytes);
            slice.char_to_byte(slice.byte_to_char(b))
        }
        Encoding::Utf16 => {
            let content_chars = slice.byte_to_char(content_bytes);
            let cu = character.min(slice.char_to_utf16_cu(content_chars));
            slice.char_to_byte(slice.utf16_cu_to_char(cu))
        }
    };
    start + within
}

/// The LSP position of a byte offset.
pub fn position(rope: &Rope, at: usize, enc: Encoding) -> Position {
    let at = floor_boundary(rope, at);
    let line = rope.byte_to_line(at);
    let character = match enc {
        Encoding::Utf8 => at - rope.line_to_byte(line),
        Encoding::Utf16 => {
            let start_char = rope.line_to_char(line);
            rope.char_to_utf16_cu(rope.byte_to_char(at)) - rope.char_to_utf16_cu(start_char)
        }
    };
    Position { line: to_u32(line), character: to_u32(character) }
}

/// Positions of many byte offsets of one rope, each as [`position`] gives it, for offsets that
/// come mostly in order (a document's findings, sorted by start): the line of the last offset
/// is kept, so an offset on the same line costs a scan of that line's start rather than the
/// rope lookups [`position`] makes (on a 2 MB document, converting 688 findings' ranges took
/// 1.5–2 ms through [`range`]).
pub struct Cursor<'a> {
    rope: &'a Rope,
    enc: Encoding,
    /// The line kept: its index, its first byte, the first byte of the next line (the text's
    /// length for the last line), and its text.
    line: usize,
    start: usize,
    end: usize,
    text: std::borrow::Cow<'a, str>,
    /// The last position found on the kept line: its byte within the line and its column
    /// (a finding's end, and the next finding on the line, are counted on from there rather
    /// than from the line's start: on a 2 MB document of long paragraphs, counting each from
    /// the start was most of converting 700 findings, 2.3 ms).
    within: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(rope: &'a Rope, enc: Encoding) -> Cursor<'a> {
        Cursor { rope, enc, line: 0, start: 0, end: 0, text: std::borrow::Cow::Borrowed(""), within: 0, column: 0 }
    }

    /// The LSP position of byte `at` (the same as [`position`]).
    pub fn position(&mut self, at: usize) -> Position {
        let at = at.min(self.rope.len_bytes());
        if at < self.start || at >= self.end {
            self.line = self.rope.byte_to_line(at);
            self.start = self.rope.line_to_byte(self.line);
            self.end = self.rope.line_to_byte((self.line + 1).min(self.rope.len_lines()));
            let slice = self.rope.byte_slice(self.start..self.end);
            self.text = match slice.as_str() {
                Some(s) => std::borrow::Cow::Borrowed(s),
                None => std::borrow::Cow::Owned(slice.to_string()),
            };
            (self.within, self.column) = (0, 0);
        }
        let mut within = at - self.start;
        while !self.text.is_char_boundary(within) {
            within -= 1;
        }
        let character = match self.enc {
            Encoding::Utf8 => within,
            Encoding::Utf16 => {
                if within < self.within {
                    (self.within, self.column) = (0, 0);
                }
                let between = self.text.get(self.within..within).unwrap_or("");
                // One unit per character, two for those past U+FFFF (four bytes in UTF-8).
                let units =
                    between.bytes().map(|b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0)).sum::<usize>();
                (self.within, self.column) = (within, self.column + units);
                self.column
            }
        };
        Position { line: to_u32(self.line), character: to_u32(character) }
    }

    /// The LSP range of a byte range (the same as [`range`]).
    pub fn range(&mut self, bytes: std::ops::Range<usize>) -> Range {
        let start = self.position(bytes.start);
        let end = self.position(bytes.end.max(bytes.start));
        Range { start, end }
    }
}

/// The LSP range of a byte range.
pub fn range(rope: &Rope, bytes: std::ops::Range<usize>, enc: Encoding) -> Range {
    let start = position(rope, bytes.start, enc);
    let end = position(rope, bytes.end.max(bytes.start), enc);
    Range { start, end }
}

/// The byte range of an LSP range; a reversed range is read as empty at its start.
pub fn byte_range(rope: &Rope, r: Range, enc: Encoding) -> std::ops::Range<usize> {
    let start = offset(rope, r.start, enc);
    let end = offset(rope, r.end, enc).max(start);
    start..end
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    /// Every character boundary maps to a position and back to itself, in both encodings.
    fn round_trips(text: &str) {
        let rope = Rope::from_str(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                if text[..at].ends_with('\r') && text[at..].starts_with('\n') {
                    continue; // inside a CRLF: no LSP position points there
                }
                let p = position(&rope, at, enc);
                assert_eq!(offset(&rope, p, enc), at, "{enc:?} {at} {p:?} in {text:?}");
            }
        }
    }

    #[test]
    fn arabic_with_harakat_tatweel_emoji_and_crlf_round_trip() {
        round_trips("قالَ الرئيسُ\r\nســلام 👋🏽 عليكم\rسطر\n\nend");
        round_trips("");
        round_trips("\r\n\r\n");
    }

    #[test]
    fn utf16_counts_emoji_as_two_units_and_utf8_counts_bytes() {
        let text = "أ👋ب";
        let rope = Rope::from_str(text);
        let b = text.find('ب').unwrap();
        assert_eq!(position(&rope, b, Encoding::Utf16), pos(0, 3));
        assert_eq!(position(&rope, b, Encoding::Utf8), pos(0, 6));
        // Harakat are characters of their own: one UTF-16 unit, two UTF-8 bytes each.
        let text = "قَالَ";
        let rope = Rope::from_str(text);
        assert_eq!(position(&rope, text.len(), Encoding::Utf16), pos(0, 5));
        assert_eq!(position(&rope, text.len(), Encoding::Utf8), pos(0, 10));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "سطر\r\nثان";
        let rope = Rope::from_str(text);
        // Past the end of a line: the end of its content, before the CRLF.
        assert_eq!(offset(&rope, pos(0, 99), Encoding::Utf16), "سطر".len());
        assert_eq!(offset(&rope, pos(0, 99), Encoding::Utf8), "سطر".len());
        // Past the last line: the end of the text.
        assert_eq!(offset(&rope, pos(7, 0), Encoding::Utf16), text.len());
        assert_eq!(offset(&rope, pos(u32::MAX, u32::MAX), Encoding::Utf8), text.len());
        // Inside a surrogate pair or a UTF-8 sequence: the start of the character.
        let rope = Rope::from_str("👋x");
        assert_eq!(offset(&rope, pos(0, 1), Encoding::Utf16), 0);
        assert_eq!(offset(&rope, pos(0, 3), Encoding::Utf8), 0);
        assert_eq!(offset(&rope, pos(0, 2), Encoding::Utf16), 4);
        // Byte offsets past the end or inside a character.
        assert_eq!(position(&rope, 2, Encoding::Utf8), pos(0, 0));
        assert_eq!(position(&rope, 1000, Encoding::Utf16), pos(0, 3));
    }

    #[test]
    fn the_cursor_gives_what_position_gives() {
        // Harakat, tatweel, an emoji with a skin tone, CRLF, a lone CR, an empty last line.
        let text = "قالَ الرئيسُ\r\nســلام 👋🏽 عليكم\rسطر\n\nend 😀\n";
        // Several chunks: a rope built by edits is not one string.
        let mut rope = Rope::new();
        for (i, piece) in text.split_inclusive(' ').enumerate() {
            rope.insert(rope.len_chars(), piece);
            if i % 2 == 0 {
                rope.insert(0, "ب");
                rope.remove(0..1);
            }
        }
        assert_eq!(rope.to_string(), text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            // In order, backwards, and jumping about; every byte (inside characters too) and past the end.
            let forward: Vec<usize> = (0..text.len() + 3).collect();
            let backward: Vec<usize> = forward.iter().rev().copied().collect();
            let jumping: Vec<usize> = (0..text.len() + 3).map(|i| (i * 7919) % (text.len() + 3)).collect();
            for order in [forward, backward, jumping] {
                let mut c = Cursor::new(&rope, enc);
                for &at in &order {
                    assert_eq!(c.position(at), position(&rope, at, enc), "{enc:?} at {at}");
                }
                let mut c = Cursor::new(&rope, enc);
                for &at in &order {
                    assert_eq!(c.range(at..at + 5), range(&rope, at..at + 5, enc), "{enc:?} at {at}");
                }
            }
        }
        let empty = Rope::new();
        assert_eq!(Cursor::new(&empty, Encoding::Utf16).position(9), pos(0, 0));
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[PositionEncodingKind::UTF16])), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16, PositionEncodingKind::UTF8])),
            Encoding::Utf8
        );
    }
}
