//! The checked text as the rules see it: words, lines (paragraphs), sentences and
//! quotations, each with UTF-8 byte ranges into the original text. Built in one pass.

use std::ops::Range;

use crate::core::arabic;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The word's form: the id of its lookup key among the document's distinct keys
    /// ([`Document::key_of_form`]), so that a rule decides once per form and finds the
    /// decision by index.
    pub form: u32,
    /// Index of the innermost quotation the word is inside, plus one (`0`: none), in the low
    /// bits: read it with [`Word::quote`]; and [`PLAIN`], when the word as written is its own
    /// lookup key. (Four bytes, beside `form`: a word is 32 bytes, not 48, and every rule
    /// walks the words of a long document several times.)
    quote_plus_one: u32,
    /// Index of the line the word is on.
    pub line: usize,
}

/// The bit of [`Word::quote_plus_one`] that says the word as written is its own key (most
/// words are): [`Document::key`] then reads it in the text, which the rules walk in order,
/// rather than in the table of distinct keys, where a rare word's key is a cache miss (two
/// with its span), for every rule that reads keys word by word.
const PLAIN: u32 = 1 << 31;

impl Word {
    /// Index of the innermost quotation the word is inside, if any.
    pub fn quote(&self) -> Option<usize> {
        ((self.quote_plus_one & !PLAIN) as usize).checked_sub(1)
    }

    /// Whether the word as written is known to be its own lookup key (`false` says nothing:
    /// compare the key with the text then).
    pub fn is_plain(&self) -> bool {
        self.quote_plus_one & PLAIN != 0
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line without its line ending.
    pub range: Range<usize>,
    /// The line with its line ending (`\n` or `\r\n`), for deleting it whole.
    pub full: Range<usize>,
    /// Indices of the line's words.
    pub words: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the end of the closing mark.
    pub range: Range<usize>,
    /// Between the marks.
    pub inner: Range<usize>,
    /// Indices of the words inside.
    pub words: Range<usize>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub words: Range<usize>,
    pub line: usize,
}

#[derive(Debug)]
pub struct Document<'t> {
    pub text: &'t str,
    pub words: Vec<Word>,
    pub lines: Vec<Line>,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    /// HTML comments (`<!-- … -->`, suppression comments among them), sorted: markup, not
    /// copy. Their words are not in [`Document::words`], and their marks open no quotation.
    pub comments: Vec<Range<usize>>,
    /// The 1-based source line of each line, where it is not its index + 1 (Markdown and
    /// HTML, whose paragraphs are one line here); empty for plain text.
    pub source_lines: Vec<usize>,
    /// Each distinct lookup key once, one after the other; [`Document::forms`] has their spans.
    keys: String,
    /// The span in `keys` of each form (by id).
    forms: Vec<(u32, u32)>,
}

/// Gives each distinct lookup key an id while the document is built: an open-addressing table
/// of (hash, id, the key's span in [`Document::keys`]), so that the lookup every word makes
/// compares a hash first and then the bytes in place, in the compact arena of keys.
/// (Dropped once the document is built.)
struct Interner {
    /// `0` tag and `u32::MAX` id: empty.
    slots: Vec<Slot>,
    len: usize,
}

#[derive(Clone, Copy)]
struct Slot {
    tag: u32,
    id: u32,
    start: u32,
    end: u32,
}

const EMPTY: Slot = Slot { tag: 0, id: u32::MAX, start: 0, end: 0 };

impl Default for Interner {
    fn default() -> Self {
        Interner { slots: vec![EMPTY; 1024], len: 0 }
    }
}

fn hash_key(key: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(key.as_bytes());
    h.finish()
}

/// `a == b`, compared inline, eight bytes at a time: keys and forms are short, and a call to
/// `memcmp` for each word's was a tenth of the document's time (the frequency table's probes
/// compare with it too).
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |c: &[u8]| c.try_into().map_or(0, u64::from_ne_bytes);
    if !a8.by_ref().zip(b8.by_ref()).all(|(x, y)| word(x) == word(y)) {
        return false;
    }
    a8.remainder().iter().zip(b8.remainder()).all(|(x, y)| x == y)
}

impl Interner {
    /// The id of `key`, given it if it has none yet.
    fn id(&mut self, doc: &mut Document<'_>, key: &str) -> u32 {
        let h = hash_key(key);
        let tag = (h >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = tag as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.id == u32::MAX {
                break;
            }
            if slot.tag == tag {
                let stored = doc.keys.as_bytes().get(slot.start as usize..slot.end as usize).unwrap_or(&[]);
                if same_bytes(stored, key.as_bytes()) {
                    return slot.id;
                }
            }
            i = (i + 1) & mask;
        }
        let id = doc.push_form(key);
        let (start, end) = doc.forms.last().copied().unwrap_or((0, 0));
        self.slots[i] = Slot { tag, id, start, end };
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    fn grow(&mut self) {
        let bigger = vec![EMPTY; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|s| s.id != u32::MAX) {
            // The tag (the hash's high half, where FxHash mixes best) places a key too.
            let mut i = slot.tag as usize & mask;
            while self.slots[i].id != u32::MAX {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }
}

use crate::core::arabic::is_word_char;

/// A character that may sit inside a word but not start or end it.
fn is_word_joiner(c: char) -> bool {
    arabic::is_invisible(c) || matches!(c, '\'' | '’')
}

const SENTENCE_END: &[char] = &['.', '!', '?', '؟', '…'];

/// Whether `before` ends in a word of one letter: the dot after it abbreviates a title or a
/// name (`د. محمد`, `م. خالد`, `J. Smith`), it does not end the sentence.
fn after_initial(before: &str) -> bool {
    let mut back = before.chars().rev();
    back.next().is_some_and(char::is_alphabetic)
        && back.next().is_none_or(|c| c.is_whitespace() || "(«“\".".contains(c))
}

/// Where the run of plain characters starting at byte `at` of `bytes` ends: ASCII letters and
/// digits and the plain Arabic letters (U+0621–U+063A, U+0641–U+064A), each a word character
/// that a key keeps as it is ([`arabic::key_needs_work`] is false for all of them).
fn plain_run(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&b) = bytes.get(at) {
        match (b, bytes.get(at + 1)) {
            (b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z', _) => at += 1,
            (0xD8, Some(0xA1..=0xBA)) | (0xD9, Some(0x81..=0x8A)) => at += 2,
            _ => break,
        }
    }
    at
}

/// The bytes [`next_mark`] stops at: `"` `.` `!` `?` `<`, the lead bytes of `«` `»` (0xC2)
/// and of `“` `”` `…` (0xE2), and the second byte of `؟` (0xD8 0x9F), not its lead byte, which
/// starts half the Arabic letters (stopping at each of those was most of the scan's time).
const MARK_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b'"', b'.', b'!', b'?', b'<', 0xC2, 0xE2, 0x9F];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Where, at or after byte `from` (a character boundary), the first character starts that may
/// be one the quotation and sentence pass acts on once a sentence has copy: `"` `.` `!` `?`
/// `<`, `«` `»`, `“` `”` `…` and `؟`. A superset: the pass decodes it and decides.
fn next_mark(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(&b) = bytes.get(at) {
        if MARK_BYTES[b as usize] {
            if b != 0x9F {
                return Some(at);
            }
            // (0x9F continues a character: the scan's only after the 0xD8 of `؟`)
            if at > from && bytes[at - 1] == 0xD8 {
                return Some(at - 1);
            }
        }
        at += 1;
    }
    None
}

impl<'t> Document<'t> {
    pub fn new(text: &'t str) -> Document<'t> {
        let mut doc = Document {
            text,
            words: Vec::with_capacity(text.len() / 8),
            lines: Vec::new(),
            sentences: Vec::new(),
            quotes: Vec::new(),
            comments: html_comments(text),
            source_lines: Vec::new(),
            keys: String::new(),
            forms: Vec::new(),
        };
        let mut interner = Interner::default();
        let mut start = 0;
        while start <= text.len() {
            let nl = text[start..].find('\n').map(|i| start + i);
            let (content_end, full_end) = match nl {
                Some(i) => (if i > start && text.as_bytes()[i - 1] == b'\r' { i - 1 } else { i }, i + 1),
                None => (text.len(), text.len()),
            };
            doc.add_line(start..content_end, start..full_end, &mut interner);
            if nl.is_none() {
                break;
            }
            start = full_end;
        }
        doc
    }

    /// The lookup key of a word (harakat, tatweel and invisible marks dropped; NFKC forms).
    #[inline]
    pub fn key(&self, w: &Word) -> &str {
        if w.quote_plus_one & PLAIN != 0 {
            if let Some(key) = self.text.get(w.range.clone()) {
                return key;
            }
        }
        self.key_of_form(w.form)
    }

    /// The lookup key of form `id` (`""` for an id the document never gave).
    pub fn key_of_form(&self, id: u32) -> &str {
        self.forms.get(id as usize).and_then(|&(a, b)| self.keys.get(a as usize..b as usize)).unwrap_or("")
    }

    /// How many distinct lookup keys (forms) the words have: their ids are `0..form_count()`.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    /// How many words have each form, by id.
    pub fn form_frequencies(&self) -> Vec<u32> {
        let mut n = vec![0u32; self.forms.len()];
        for w in &self.words {
            if let Some(c) = n.get_mut(w.form as usize) {
                *c += 1;
            }
        }
        n
    }

    fn push_form(&mut self, key: &str) -> u32 {
        let start = self.keys.len();
        self.keys.push_str(key);
        // Offsets fit in u32: a text is at most a few hundred MiB (the CLI refuses more).
        let span = (u32::try_from(start).unwrap_or(u32::MAX), u32::try_from(self.keys.len()).unwrap_or(u32::MAX));
        self.forms.push(span);
        u32::try_from(self.forms.len() - 1).unwrap_or(u32::MAX)
    }

    /// The word's text as written.
    pub fn word_text(&self, w: &Word) -> &'t str {
        &self.text[w.range.clone()]
    }

    /// The 1-based number of line `i` in the source, for messages.
    pub fn line_number(&self, i: usize) -> usize {
        self.source_lines.get(i).copied().unwrap_or(i + 1)
    }

    /// The line with index `i`, as text.
    pub fn line_text(&self, i: usize) -> &'t str {
        self.lines.get(i).map_or("", |l| &self.text[l.range.clone()])
    }

    /// Whether line `i` holds markup only: one or more comments and whitespace, no copy.
    pub fn is_markup_line(&self, i: usize) -> bool {
        let Some(line) = self.lines.get(i) else { return false };
        if !line.words.is_empty() || line.range.is_empty() {
            return false;
        }
        let mut at = line.range.start;
        let mut any = false;
        while at < line.range.end {
            if let Some(end) = self.comment_covering(at) {
                any = true;
                at = end;
                continue;
            }
            match self.text[at..line.range.end].chars().next() {
                Some(c) if c.is_whitespace() => at += c.len_utf8(),
                _ => return false,
            }
        }
        any
    }

    /// The end of the comment that covers byte `at`, if one does.
    fn comment_covering(&self, at: usize) -> Option<usize> {
        let i = self.comments.partition_point(|c| c.end <= at);
        self.comments.get(i).filter(|c| c.start <= at).map(|c| c.end)
    }

    fn add_line(&mut self, range: Range<usize>, full: Range<usize>, interner: &mut Interner) {
        let line_idx = self.lines.len();
        let first_word = self.words.len();
        let text: &'t str = self.text;
        let s = &text[range.clone()];
        let base = range.start;
        // Bytes before this offset are inside a comment (one may run on from a line above).
        let skip_from_start = self.comment_covering(base).unwrap_or(0);

        // Words. Read by byte offset: inside a word a run of plain letters and digits (the
        // bulk of news copy) is stepped over a byte at a time without decoding (see
        // [`plain_run`]); everything else is decoded as a `char`.
        let bytes = s.as_bytes();
        let mut skip_until = skip_from_start;
        let mut next = 0;
        while let Some(c) = s.get(next..).and_then(|rest| rest.chars().next()) {
            let i = next;
            next += c.len_utf8();
            if base + i < skip_until {
                continue;
            }
            if c == '<' {
                if let Some(end) = self.comment_covering(base + i) {
                    skip_until = end;
                    continue;
                }
            }
            if !is_word_char(c) {
                continue;
            }
            // Whether the word holds a character its key drops or normalises, asked of each
            // character as it is read (the key is then made; most words are their own key;
            // the plain run's characters never need it).
            let mut work = arabic::key_needs_work(c);
            let mut end = next;
            loop {
                end = plain_run(bytes, end);
                let Some(n) = s.get(end..).and_then(|rest| rest.chars().next()) else { break };
                let j = end;
                if is_word_char(n) {
                    work |= arabic::key_needs_work(n);
                    end = j + n.len_utf8();
                } else if is_word_joiner(n) {
                    // Only inside a word: look past joiners for another word char.
                    let rest = &s[j..];
                    match rest.char_indices().find(|&(_, x)| !is_word_joiner(x)) {
                        Some((k, x)) if is_word_char(x) => {
                            work |= rest[..k].chars().any(arabic::key_needs_work);
                            end = j + k;
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            next = end;
            let word: &'t str = &s[i..end];
            // (`arabic::key(word)`, without its scan: `work` is its test)
            let form = if work { interner.id(self, &arabic::key_with_map(word).0) } else { interner.id(self, word) };
            let plain = if work { 0 } else { PLAIN };
            self.words.push(Word { range: base + i..base + end, form, quote_plus_one: plain, line: line_idx });
        }
        let words_end = self.words.len();

        // Quotations and sentences, tracking quote depth so that a full stop inside a
        // quotation does not end the sentence around it.
        let mut stack = QuoteStack::default();
        let mut sentence_start = base;
        // Whether copy (a letter or digit) follows the last sentence end.
        let mut pending_copy = false;
        let mut found: Vec<(usize, usize, usize, usize)> = Vec::new(); // open, inner_start, inner_end, close_end
        let mut skip_until = skip_from_start;
        let mut next = 0;
        loop {
            if pending_copy {
                // Once the sentence has copy only a mark, a sentence end or a comment's `<`
                // can matter: step over the bytes of everything else without decoding.
                match next_mark(bytes, next) {
                    Some(at) => next = at,
                    None => break,
                }
            }
            let Some(c) = s.get(next..).and_then(|rest| rest.chars().next()) else { break };
            let i = next;
            let at = base + i;
            let len = c.len_utf8();
            next += len;
            if at < skip_until {
                continue;
            }
            if c == '<' {
                if let Some(end) = self.comment_covering(at) {
                    skip_until = end;
                    continue;
                }
            }
            // (Asked once per sentence, not per character: Unicode's tables are slow for Arabic.)
            if !pending_copy {
                pending_copy = c.is_alphanumeric();
            }
            match c {
                '«' | '“' => stack.push(c, at),
                '»' | '”' => {
                    let opener = if c == '»' { '«' } else { '“' };
                    if let Some(open_at) = stack.close(opener) {
                        found.push((open_at, open_at + opener.len_utf8(), at, at + len));
                    }
                }
                '"' => {
                    // Straight quotes do not say which way they face: a mark glued to the
                    // word before it closes, one glued to the word after it opens.
                    let prev = s[..i].chars().next_back();
                    let next = s[i + 1..].chars().next();
                    // A one-letter clitic may be glued to an opening mark: و"…", لـ"…".
                    let glued_clitic = {
                        let before = s[..i].trim_end_matches(arabic::TATWEEL);
                        let mut back = before.chars().rev();
                        matches!(back.next(), Some('و' | 'ف' | 'ب' | 'ل' | 'ك'))
                            && back.next().is_none_or(char::is_whitespace)
                    };
                    let can_close =
                        prev.is_some_and(|p| !p.is_whitespace()) || next.is_none_or(|n| !n.is_alphanumeric());
                    let can_open = next.is_some_and(|n| n.is_alphanumeric() || matches!(n, '«' | '(' | '[' | '“'))
                        && (prev.is_none_or(|p| !p.is_alphanumeric() && p != arabic::TATWEEL) || glued_clitic);
                    if stack.is_open('"') && (can_close || !can_open) {
                        if let Some(open_at) = stack.close('"') {
                            found.push((open_at, open_at + 1, at, at + 1));
                        }
                    } else if can_open {
                        stack.push('"', at);
                    }
                }
                _ if SENTENCE_END.contains(&c) && stack.is_empty() => {
                    // Not a decimal point or an abbreviation dot between letters/digits.
                    let after = s[next..].chars().next();
                    let is_inner = c == '.' && after.is_some_and(|n| n.is_alphanumeric());
                    if !is_inner && !(c == '.' && after_initial(&s[..i])) {
                        let mut end = at + len;
                        // Keep runs of punctuation (?!, ...) and closing quotes together.
                        while let Some(n) = s[next..].chars().next() {
                            if SENTENCE_END.contains(&n) {
                                next += n.len_utf8();
                                end = base + next;
                            } else {
                                break;
                            }
                        }
                        self.push_sentence(sentence_start..end, line_idx, first_word..words_end);
                        sentence_start = end;
                        pending_copy = false;
                    }
                }
                _ => {}
            }
        }
        if pending_copy {
            self.push_sentence(sentence_start..range.end, line_idx, first_word..words_end);
        }

        // Pairs come from a stack, so they nest and never cross. Sorted by start, each
        // word's innermost quotation is the last one opened before it that is still open:
        // one sweep with a stack of open quotations, not one pass per quotation.
        found.sort_by_key(|q| q.0);
        let first_quote = self.quotes.len();
        for (open, inner_start, inner_end, close_end) in found {
            let words = word_span(&self.words[first_word..words_end], inner_start..inner_end);
            let words = first_word + words.start..first_word + words.end;
            self.quotes.push(Quote { range: open..close_end, inner: inner_start..inner_end, words, line: line_idx });
        }
        let mut open: Vec<usize> = Vec::new();
        let mut next = first_quote;
        for wi in first_word..words_end {
            let start = self.words[wi].range.start;
            while next < self.quotes.len() && self.quotes[next].range.start <= start {
                while open.last().is_some_and(|&q| self.quotes[q].range.end <= self.quotes[next].range.start) {
                    open.pop();
                }
                open.push(next);
                next += 1;
            }
            while open.last().is_some_and(|&q| self.quotes[q].range.end <= start) {
                open.pop();
            }
            let quote = open.last().copied().filter(|&q| self.quotes[q].words.contains(&wi));
            // (a text has fewer quotations than half its bytes, and the CLI refuses texts of
            // 4 GiB: the index fits below the PLAIN bit)
            let plus_one = quote.map_or(0, |q| u32::try_from(q + 1).ok().filter(|&n| n < PLAIN).unwrap_or(0));
            let w = &mut self.words[wi];
            w.quote_plus_one = (w.quote_plus_one & PLAIN) | plus_one;
        }

        self.lines.push(Line { range, full, words: first_word..words_end });
    }

    fn push_sentence(&mut self, range: Range<usize>, line: usize, line_words: Range<usize>) {
        let rel = word_span(&self.words[line_words.clone()], range.clone());
        let words = line_words.start + rel.start..line_words.start + rel.end;
        self.sentences.push(Sentence { range, words, line });
    }

    /// The index of the sentence containing byte offset `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.end <= at);
        (i < self.sentences.len() && self.sentences[i].range.start <= at).then_some(i)
    }
}

/// The quotation marks opened and not yet closed on a line, innermost last, with an index
/// per kind of mark so that a closing mark finds its opener without searching the stack
/// (a line of 250,000 `“` then `»` must not take 250,000² steps).
#[derive(Default)]
struct QuoteStack {
    /// (mark, byte offset) of each open mark, in order.
    marks: Vec<(char, usize)>,
    /// Positions in `marks` of the open `«`, `“` and `"` marks.
    by_kind: [Vec<usize>; 3],
}

impl QuoteStack {
    fn kind(mark: char) -> usize {
        match mark {
            '«' => 0,
            '“' => 1,
            _ => 2,
        }
    }

    fn push(&mut self, mark: char, at: usize) {
        self.by_kind[Self::kind(mark)].push(self.marks.len());
        self.marks.push((mark, at));
    }

    fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    fn is_open(&self, mark: char) -> bool {
        !self.by_kind[Self::kind(mark)].is_empty()
    }

    /// Close the innermost open `mark`, dropping the marks opened inside it (they were
    /// never closed): returns where it opened.
    fn close(&mut self, mark: char) -> Option<usize> {
        let pos = self.by_kind[Self::kind(mark)].pop()?;
        let (_, at) = self.marks.get(pos).copied()?;
        self.marks.truncate(pos);
        for list in &mut self.by_kind {
            while list.last().is_some_and(|&p| p >= pos) {
                list.pop();
            }
        }
        Some(at)
    }
}

/// The `<!-- … -->` comments of `text`, in order. An unclosed `<!--` is text.
fn html_comments(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--").map(|i| from + i) {
        let Some(close) = text[open + 4..].find("-->").map(|i| open + 4 + i) else { break };
        out.push(open..close + 3);
        from = close + 3;
    }
    out
}

/// Indices (relative to `words`) of the words that lie inside `range`.
fn word_span(words: &[Word], range: Range<usize>) -> Range<usize> {
    let start = words.partition_point(|w| w.range.start < range.start);
    let end = words.partition_point(|w| w.range.end <= range.end);
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(doc: &'a Document) -> Vec<&'a str> {
        doc.words.iter().map(|w| doc.word_text(w)).collect()
    }

    /// Words as the tokeniser read them before its byte scans: char by char, a word char
    /// starting a word, joiners kept only between word chars. (Range, key.)
    fn words_char_by_char(s: &str) -> Vec<(Range<usize>, String)> {
        let mut out = Vec::new();
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !is_word_char(c) {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if is_word_char(n) {
                    end = j + n.len_utf8();
                    chars.next();
                } else if is_word_joiner(n) {
                    let rest = &s[j..];
                    match rest.char_indices().find(|&(_, x)| !is_word_joiner(x)) {
                        Some((k, x)) if is_word_char(x) => {
                            while chars.peek().is_some_and(|&(m, _)| m < j + k) {
                                chars.next();
                            }
                            end = j + k;
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            out.push((i..end, arabic::key_string(&s[i..end])));
        }
        out
    }

    #[test]
    fn the_byte_scans_read_the_words_a_char_by_char_reading_does() {
        // Plain letters and digits (the byte scan), and what it must stop at: harakat,
        // tatweel, joiners, presentation forms, combining hamza, Arabic-Indic digits, the
        // letters beyond the plain ranges, Latin-1 letters, emoji, marks and stops.
        let pieces = [
            "كتاب",
            "ال",
            "ة",
            "ى",
            "ئ",
            "ـ",
            "\u{064E}",
            "\u{0651}",
            "\u{200C}",
            "\u{200F}",
            "'",
            "’",
            "\u{FEFB}",
            "\u{0627}\u{0654}",
            "٣",
            "12",
            "ok",
            "É",
            "ß",
            "😀",
            " ",
            " ",
            "\n",
            "«",
            "»",
            "“",
            "”",
            "\"",
            ".",
            "؟",
            "…",
            "!",
            "پ",
            "ۀ",
            "\u{0670}",
            "-",
            "،",
            "\u{00A0}",
            "ٱ",
            "ﻻ",
            "x'y",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for round in 0..3000 {
            let mut text = String::new();
            for _ in 0..(round % 23) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let doc = Document::new(&text);
            let got: Vec<(Range<usize>, String)> =
                doc.words.iter().map(|w| (w.range.clone(), doc.key(w).to_string())).collect();
            let mut want = Vec::new();
            let mut at = 0;
            for line in text.split('\n') {
                want.extend(words_char_by_char(line).into_iter().map(|(r, k)| (r.start + at..r.end + at, k)));
                at += line.len() + 1;
            }
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn marks_and_stops_after_copy_are_all_seen() {
        // Once a sentence has copy the pass steps over plain bytes: every mark and stop it
        // acts on must still stop it (« » “ ” " . ! ? ؟ … and a comment's <).
        let doc = Document::new("قال «نعم» ثم “لا” و\"ربما\" هل؟ حقا! متى? انتهى… بعد. ثم <!-- x. --> آخر.");
        let s: Vec<&str> = doc.sentences.iter().map(|s| doc.text[s.range.clone()].trim()).collect();
        assert_eq!(s, ["قال «نعم» ثم “لا” و\"ربما\" هل؟", "حقا!", "متى?", "انتهى…", "بعد.", "ثم <!-- x. --> آخر."]);
        assert_eq!(doc.quotes.len(), 3);
        let inner: Vec<&str> = doc.quotes.iter().map(|q| &doc.text[q.inner.clone()]).collect();
        assert_eq!(inner, ["نعم", "لا", "ربما"]);
        // A run of stops stays one sentence end; a decimal point and an initial do not end one.
        let doc = Document::new("بلغ 3.5 مليار؟!… قال د. محمد ذلك.");
        let s: Vec<&str> = doc.sentences.iter().map(|s| doc.text[s.range.clone()].trim()).collect();
        assert_eq!(s, ["بلغ 3.5 مليار؟!…", "قال د. محمد ذلك."]);
    }

    #[test]
    fn the_mark_scan_stops_where_a_char_by_char_scan_does() {
        // (0x9F continues ؟ and other characters too: ٟ, ڟ, an emoji's second byte)
        let text = "أ«ب»ج“د”ه…و\"ز.ح!ط?ي<ك؟لٟمڟن😀س\u{00A0}ع\u{200F}ف؟";
        let by_char: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| {
                matches!(c, '"' | '.' | '!' | '?' | '<' | '؟') || matches!(c as u32, 0x80..=0xBF | 0x2000..=0x2FFF)
            })
            .map(|(i, _)| i)
            .collect();
        let mut scanned = Vec::new();
        let mut from = 0;
        while let Some(at) = next_mark(text.as_bytes(), from) {
            scanned.push(at);
            from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        }
        assert_eq!(scanned, by_char);
    }

    #[test]
    fn words_keep_harakat_and_drop_them_from_keys() {
        let doc = Document::new("قالَ الوزيرُ: «الإدارـة ستعمل»، 😀 ok");
        assert_eq!(words(&doc), ["قالَ", "الوزيرُ", "الإدارـة", "ستعمل", "ok"]);
        assert_eq!(doc.key(&doc.words[0]), "قال");
        assert_eq!(doc.key(&doc.words[2]), "الإدارة");
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.quotes[0].words, 2..4);
        assert_eq!(doc.words[2].quote(), Some(0));
    }

    #[test]
    fn one_form_per_distinct_key_whatever_the_spelling_as_written() {
        // The vocalised word comes first (its key is made), the plain ones after it; CRLF,
        // emoji and tatweel between.
        let doc = Document::new("قالَ 😀 قال\r\nقالـ ok قال ok");
        let forms: Vec<u32> = doc.words.iter().map(|w| w.form).collect();
        assert_eq!(forms, [0, 0, 0, 1, 0, 1]);
        assert_eq!(doc.form_count(), 2);
        assert_eq!((doc.key_of_form(0), doc.key_of_form(1), doc.key_of_form(2)), ("قال", "ok", ""));
        assert_eq!(doc.form_frequencies(), [4, 2]);
        assert!(doc.words.iter().all(|w| doc.key(w) == doc.key_of_form(w.form)));
    }

    #[test]
    fn thousands_of_forms_keep_their_ids_as_the_table_grows() {
        // Keys of many lengths (the inline comparison's 8-byte chunks and their remainders),
        // Arabic and Latin, each written twice, the second time after the table has grown.
        let keys: Vec<String> = (0..6000).map(|n| format!("{}ب{n}{}", "ك".repeat(n % 13), "x".repeat(n % 9))).collect();
        let text = format!("{}\r\n{}", keys.join(" "), keys.join(" "));
        let doc = Document::new(&text);
        assert_eq!(doc.words.len(), 12_000);
        assert_eq!(doc.form_count(), 6000);
        for (n, key) in keys.iter().enumerate() {
            let (a, b) = (&doc.words[n], &doc.words[n + 6000]);
            assert_eq!((a.form, b.form), (n as u32, n as u32));
            assert_eq!(doc.key_of_form(a.form), key);
        }
        assert!(super::same_bytes(b"", b"") && !super::same_bytes(b"abcdefghi", b"abcdefghj"));
        assert!(!super::same_bytes(b"abcdefgh", b"abcdefgi") && !super::same_bytes(b"a", b"ab"));
    }

    #[test]
    fn a_word_is_compact_and_keys_what_it_drops() {
        // 32 bytes on 64-bit targets: the quotation packed beside the form.
        #[cfg(target_pointer_width = "64")]
        assert_eq!(std::mem::size_of::<Word>(), 32);
        // A word is its own key unless one of its characters is dropped or normalised: a
        // haraka, tatweel, an invisible mark between letters, a presentation form, a
        // combining hamza; plain letters, digits and Latin keep the word as written.
        let doc = Document::new("كتب كتَب كتـب ك\u{200D}تب ﻛﺘﺐ ا\u{0654}حمد abc9 x'y");
        let keys: Vec<&str> = doc.words.iter().map(|w| doc.key(w)).collect();
        assert_eq!(keys, ["كتب", "كتب", "كتب", "كتب", "كتب", "أحمد", "abc9", "x'y"]);
        assert_eq!(doc.form_count(), 4);
        assert!(doc
            .words
            .iter()
            .all(|w| arabic::key(doc.word_text(w)).as_deref().unwrap_or(doc.word_text(w)) == doc.key(w)));
    }

    #[test]
    fn crlf_lines_and_ranges() {
        let text = "سطر أول\r\nسطر ثان\r\n";
        let doc = Document::new(text);
        assert_eq!(doc.lines.len(), 3);
        assert_eq!(&text[doc.lines[0].range.clone()], "سطر أول");
        assert_eq!(&text[doc.lines[0].full.clone()], "سطر أول\r\n");
        assert_eq!(&text[doc.lines[1].range.clone()], "سطر ثان");
    }

    #[test]
    fn bidi_marks_do_not_stick_to_word_edges() {
        let doc = Document::new("\u{200F}بوتين\u{200F} و\u{200C}واشنطن");
        assert_eq!(words(&doc), ["بوتين", "و\u{200C}واشنطن"]);
        assert_eq!(doc.key(&doc.words[1]), "وواشنطن");
    }

    #[test]
    fn sentences_ignore_stops_inside_quotes() {
        let doc = Document::new("قال: «جملة. وأخرى». ثم ذهب. العدد 3.5 كبير");
        let s: Vec<&str> = doc.sentences.iter().map(|s| doc.text[s.range.clone()].trim()).collect();
        assert_eq!(s, ["قال: «جملة. وأخرى».", "ثم ذهب.", "العدد 3.5 كبير"]);
    }

    #[test]
    fn an_initial_with_a_dot_does_not_end_the_sentence() {
        let doc = Document::new("وقال د. محمد إن الخطة نجحت. ثم غادر أ.د. سعيد، وكتب J. Smith كذلك. وفي يوم 5. انتهى");
        let s: Vec<&str> = doc.sentences.iter().map(|s| doc.text[s.range.clone()].trim()).collect();
        assert_eq!(s, ["وقال د. محمد إن الخطة نجحت.", "ثم غادر أ.د. سعيد، وكتب J. Smith كذلك.", "وفي يوم 5.", "انتهى"]);
    }

    #[test]
    fn nested_and_straight_quotes() {
        let doc = Document::new("He said \"it is «done»\" and “fine”.");
        let q: Vec<&str> = doc.quotes.iter().map(|q| &doc.text[q.inner.clone()]).collect();
        assert_eq!(q, ["it is «done»", "done", "fine"]);
    }

    #[test]
    fn straight_quotes_pair_by_the_side_they_face() {
        // A stray closing mark first must not turn the pairs inside out.
        let doc = Document::new("الوزير\" قال: \"تم تنظيم ثلاث فعاليات\" ثم غادر");
        let q: Vec<&str> = doc.quotes.iter().map(|q| &doc.text[q.inner.clone()]).collect();
        assert_eq!(q, ["تم تنظيم ثلاث فعاليات"]);
        // A clitic glued to the opening mark; a space before the closing one.
        let doc = Document::new("هاتفي أس6\" و\"جالكسي أس6 إيدج \"، في");
        let q: Vec<&str> = doc.quotes.iter().map(|q| &doc.text[q.inner.clone()]).collect();
        assert_eq!(q, ["جالكسي أس6 إيدج "]);
    }

    #[test]
    fn unbalanced_quotes_pair_nothing_and_stay_in_bounds() {
        for (t, lines) in
            [("«", 1), ("»", 1), ("\"", 1), ("«a «b", 1), ("”x“", 1), ("“أ» «ب", 1), ("", 1), ("\n", 2), ("\r\n\r", 2)]
        {
            let doc = Document::new(t);
            assert!(doc.quotes.is_empty(), "{t:?}: {:?}", doc.quotes);
            assert!(doc.words.iter().all(|w| w.quote().is_none()), "{t:?}");
            assert_eq!(doc.lines.len(), lines, "{t:?}");
            assert!(doc.lines.iter().all(|l| l.full.end <= t.len() && l.range.end <= l.full.end), "{t:?}");
        }
    }

    #[test]
    fn a_closing_mark_finds_its_opener_past_others() {
        // The “ marks stay open; the » closes the « under them, and drops them.
        let doc = Document::new("«أ “ب “ج» د”");
        let q: Vec<&str> = doc.quotes.iter().map(|q| &doc.text[q.inner.clone()]).collect();
        assert_eq!(q, ["أ “ب “ج"]);
        // A “ opened inside «…» and left open there cannot be closed after the ».
        let doc = Document::new("«أ “ب» ج” د");
        let q: Vec<&str> = doc.quotes.iter().map(|q| &doc.text[q.inner.clone()]).collect();
        assert_eq!(q, ["أ “ب"]);
    }

    #[test]
    fn words_belong_to_their_innermost_quotation() {
        let doc = Document::new("قال «أَ “ب «ج» د” هـ» و «ز»");
        let inner = |w: &Word| w.quote().map(|q| &doc.text[doc.quotes[q].inner.clone()]);
        let got: Vec<(&str, Option<&str>)> = doc.words.iter().map(|w| (doc.word_text(w), inner(w))).collect();
        assert_eq!(
            got,
            [
                ("قال", None),
                ("أَ", Some("أَ “ب «ج» د” هـ")),
                ("ب", Some("ب «ج» د")),
                ("ج", Some("ج")),
                ("د", Some("ب «ج» د")),
                ("هـ", Some("أَ “ب «ج» د” هـ")),
                ("و", None),
                ("ز", Some("ز")),
            ]
        );
    }

    #[test]
    fn comments_are_markup_not_copy() {
        let text =
            "<!-- copydesk-disable-next-line misspelling -->\r\nقال «نعم» 😀\n<!-- a\n«b» c. -->  \nd <!-- e --> f\n";
        let doc = Document::new(text);
        assert_eq!(words(&doc), ["قال", "نعم", "d", "f"]);
        assert_eq!(doc.quotes.len(), 1);
        let markup: Vec<bool> = (0..doc.lines.len()).map(|i| doc.is_markup_line(i)).collect();
        assert_eq!(markup, [true, false, true, true, false, false]);
        // An unclosed comment is text.
        assert_eq!(words(&Document::new("<!-- copydesk-disable")), ["copydesk", "disable"]);
    }
}
