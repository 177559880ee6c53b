//! Byte offsets to 1-based lines and columns (columns in Unicode scalar values), the only
//! place the CLI converts positions.

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// Line starts of one text, for repeated lookups.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    pub fn pos(&self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        Pos { line: line + 1, column: self.text[start..offset].chars().count() + 1 }
    }

    /// The byte range of 1-based `line`, without its line ending (`\n` or `\r\n`).
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(self.text.len());
        let mut end = self.starts.get(line).map_or(self.text.len(), |&next| next - 1);
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalar_values() {
        let text = "أكد الكرملين\nقال 👍 «نعم»\r\nend";
        let idx = LineIndex::new(text);
        assert_eq!(idx.pos(0), Pos { line: 1, column: 1 });
        let naam = text.find("نعم").unwrap_or(0);
        // ق ا ل space 👍 space « -> the word starts at column 8.
        assert_eq!(idx.pos(naam), Pos { line: 2, column: 8 });
        assert_eq!(idx.pos(text.len()), Pos { line: 3, column: 4 });
        assert_eq!(&text[idx.line_range(2)], "قال 👍 «نعم»");
        // Inside a multi-byte character: clamped back to its start.
        assert_eq!(idx.pos(1), Pos { line: 1, column: 1 });
    }
}
