//! Open documents: one ropey rope per document, changed by full or incremental edits, and
//! the byte-range edits made to it since the checker last caught up (for
//! [`crate::core::Incremental`]).

use ropey::Rope;
use tower_lsp_server::lsp_types::TextDocumentContentChangeEvent;

use crate::lsp::positions::{self, Encoding};

/// The server's copy of one open document.
#[derive(Clone, Debug)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// The latest edits as UTF-8 byte ranges of the text before each, in order; the first
    /// is edit number `edits_total - edits.len()` since the document was opened.
    pub edits: Vec<(std::ops::Range<usize>, String)>,
    /// How many edits were made since the document was opened.
    pub edits_total: u64,
}

/// Edits kept for the checker at most: past this, the checker starts again from the text.
const MAX_KEPT_EDITS: usize = 4096;

impl Document {
    pub fn new(text: &str, version: i32) -> Document {
        Document { rope: Rope::from_str(text), version, edits: Vec::new(), edits_total: 0 }
    }

    /// Forget the edits before edit number `upto` (the checker has them).
    pub fn forget_edits(&mut self, upto: u64) {
        let first = self.edits_total - self.edits.len() as u64;
        let n = upto.saturating_sub(first).min(self.edits.len() as u64) as usize;
        self.edits.drain(..n);
    }

    fn log(&mut self, range: std::ops::Range<usize>, text: &str) {
        if self.edits.len() >= MAX_KEPT_EDITS {
            self.edits.clear();
        }
        self.edits.push((range, text.to_string()));
        self.edits_total += 1;
    }

    /// Apply the changes of one `didChange`, in order. A change without a range replaces the
    /// whole text; ranges outside the text are clamped (see [`positions`]).
    pub fn apply(&mut self, changes: &[TextDocumentContentChangeEvent], version: i32, enc: Encoding) {
        for change in changes {
            match change.range {
                None => {
                    self.log(0..self.rope.len_bytes(), &change.text);
                    self.rope = Rope::from_str(&change.text);
                }
                Some(range) => {
                    let bytes = positions::byte_range(&self.rope, range, enc);
                    self.log(bytes.clone(), &change.text);
                    let start = self.rope.byte_to_char(bytes.start);
                    let end = self.rope.byte_to_char(bytes.end);
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::lsp_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range { start: Position::new(l0, c0), end: Position::new(l1, c1) }),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edits_in_utf16_and_utf8() {
        let mut doc = Document::new("قال 👋\r\nكيري", 1);
        // Replace the emoji (two UTF-16 units, four UTF-8 bytes) with a word.
        doc.apply(&[change(0, 4, 0, 6, "مرحبا")], 2, Encoding::Utf16);
        assert_eq!(doc.text(), "قال مرحبا\r\nكيري");
        doc.apply(&[change(1, 0, 1, 8, "لافروف")], 3, Encoding::Utf8);
        assert_eq!(doc.text(), "قال مرحبا\r\nلافروف");
        assert_eq!(doc.version, 3);
        // Several changes in one notification apply in order, each to the previous result.
        doc.apply(&[change(0, 0, 0, 0, "أ"), change(0, 0, 0, 1, "ب")], 4, Encoding::Utf16);
        assert_eq!(doc.text(), "بقال مرحبا\r\nلافروف");
        // Out of range: clamped to the end.
        doc.apply(&[change(9, 9, 12, 0, "!")], 5, Encoding::Utf16);
        assert_eq!(doc.text(), "بقال مرحبا\r\nلافروف!");
        // Full replacement.
        doc.apply(
            &[TextDocumentContentChangeEvent { range: None, range_length: None, text: "x".into() }],
            6,
            Encoding::Utf16,
        );
        assert_eq!(doc.text(), "x");
        // Each change is kept as a byte-range edit of the text before it.
        assert_eq!(doc.edits_total, 6);
        assert_eq!(doc.edits[0], (7..11, "مرحبا".to_string()));
        assert_eq!(doc.edits[5], (0.."بقال مرحبا\r\nلافروف!".len(), "x".to_string()));
        doc.forget_edits(5);
        assert_eq!(doc.edits.len(), 1);
        doc.forget_edits(99);
        assert!(doc.edits.is_empty());
    }
}
