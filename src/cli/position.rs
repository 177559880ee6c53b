//! Byte offsets to 1-based lines and columns (columns in Unicode scalar values), the only
//! place the CLI converts positions.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the language server numbers them (ropey's
//! `cr_lines`). A UTF-8 byte-order mark at the start of the text is not a column: editors
//! hide it, so the first character after it is column 1. Columns of many offsets are found
//! in one forward pass ([`LineIndex::positions`]), never by counting from the line start for
//! each offset, so long lines with many findings cost what the line costs.

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

const BOM: &str = "\u{feff}";

/// Line starts of one text, for repeated lookups.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineIndex { text, starts }
    }

    /// Lines that start at `starts` (a Word file's paragraphs) rather than after line breaks;
    /// starts out of order or past the text are dropped, and the first line starts at 0.
    pub fn with_line_starts(text: &'a str, starts: Vec<usize>) -> LineIndex<'a> {
        let mut clean = vec![0];
        for s in starts {
            if s > *clean.last().unwrap_or(&0) && s <= text.len() && text.is_char_boundary(s) {
                clean.push(s);
            }
        }
        LineIndex { text, starts: clean }
    }

    /// `offset` clamped to the text and back to a character boundary.
    fn floor(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// 0-based line of a (clamped) offset.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Where columns of 0-based `line` start counting: its first byte, or after the BOM.
    fn column_origin(&self, line: usize) -> usize {
        let start = self.starts.get(line).copied().unwrap_or(0);
        if line == 0 && self.text.starts_with(BOM) {
            BOM.len()
        } else {
            start
        }
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    /// Counts from the line start: for many offsets use [`LineIndex::positions`].
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = self.floor(offset);
        let line = self.line_of(offset);
        let origin = self.column_origin(line).min(offset);
        Pos { line: line + 1, column: self.text[origin..offset].chars().count() + 1 }
    }

    /// The positions of `offsets` (in any order), in one forward pass over the text.
    pub fn positions(&self, offsets: &[usize]) -> Vec<Pos> {
        let mut order: Vec<(usize, usize)> = offsets.iter().enumerate().map(|(i, &o)| (self.floor(o), i)).collect();
        order.sort_unstable();
        let mut out = vec![Pos { line: 1, column: 1 }; offsets.len()];
        // The cursor: a byte offset, its 0-based line, and its column.
        let (mut at, mut line, mut column) = (self.column_origin(0), 0usize, 1usize);
        for (offset, i) in order {
            let l =
                if self.starts.get(line + 1).is_some_and(|&next| next <= offset) { self.line_of(offset) } else { line };
            if l != line {
                (at, line, column) = (self.column_origin(l), l, 1);
            }
            if offset > at {
                column += self.text[at..offset].chars().count();
                at = offset;
            }
            out[i] = Pos { line: line + 1, column };
        }
        out
    }

    /// The byte range of 1-based `line`, without its line break (`\n`, `\r\n` or `\r`)
    /// and, on the first line, without a byte-order mark.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let i = line.saturating_sub(1);
        let start = if i < self.starts.len() { self.column_origin(i) } else { self.text.len() };
        let bytes = self.text.as_bytes();
        let mut end = self.starts.get(i + 1).map_or(self.text.len(), |&next| next - 1);
        // `end` is at the break's last byte (or the end of the text): drop the whole break.
        if end < self.text.len() && bytes.get(end) == Some(&b'\n') && end > start && bytes.get(end - 1) == Some(&b'\r')
        {
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

    #[test]
    fn a_lone_cr_ends_a_line_as_in_the_server() {
        let text = "سطر أول\rقال 👍 نعم\r\n\rأخير";
        let idx = LineIndex::new(text);
        let naam = text.find("نعم").unwrap_or(0);
        assert_eq!(idx.pos(naam), Pos { line: 2, column: 7 });
        assert_eq!(&text[idx.line_range(1)], "سطر أول");
        assert_eq!(&text[idx.line_range(2)], "قال 👍 نعم");
        assert_eq!(&text[idx.line_range(3)], "");
        assert_eq!(&text[idx.line_range(4)], "أخير");
        assert_eq!(idx.pos(text.len()), Pos { line: 4, column: 5 });
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}قال إن الإدراة\nثم";
        let idx = LineIndex::new(text);
        let word = text.find("الإدراة").unwrap_or(0);
        assert_eq!(idx.pos(word), Pos { line: 1, column: 8 });
        assert_eq!(idx.pos(0), Pos { line: 1, column: 1 });
        assert_eq!(&text[idx.line_range(1)], "قال إن الإدراة");
        assert_eq!(idx.positions(&[word, 0, text.len()]), vec![idx.pos(word), idx.pos(0), idx.pos(text.len())]);
    }

    #[test]
    fn one_pass_agrees_with_counting_from_the_line_start() {
        let text = "\u{feff}أ👍ب\r\nجـ\rد\n\nهـو َ end";
        let idx = LineIndex::new(text);
        // Every offset, clamped ones and ones inside characters included, in a shuffled order.
        let mut offsets: Vec<usize> = (0..text.len() + 3).collect();
        offsets.reverse();
        offsets.rotate_left(7);
        let expected: Vec<Pos> = offsets.iter().map(|&o| idx.pos(o)).collect();
        assert_eq!(idx.positions(&offsets), expected);
    }
}
