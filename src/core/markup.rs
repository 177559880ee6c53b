//! Markdown and HTML copy as the rules see it: a projection of the source with the prose kept
//! byte for byte and everything else (tags, attributes, URLs, code, front matter, scripts)
//! blanked, block elements as lines, and the fixes held to what keeps the markup whole.
//!
//! The projection has exactly the source's length, so every offset means the same byte in
//! both: findings and fixes need no mapping back. Each prose byte is copied; every other byte
//! becomes an ASCII space, except that a block boundary (`<p>`, `</li>`, `<br>`, a Markdown
//! paragraph's end) is a `\n` on a markup byte, and a line break inside a paragraph (just a
//! space in Markdown and HTML) becomes a space. A character reference (`&amp;`, `&#1575;`) is
//! rendered in its own bytes when it fits: a letter inside a word is padded with invisible
//! marks the lookup keys drop, so the word stays one word; anything else is spaces.
//!
//! Parsers: `pulldown-cmark` (with its offset iterator) for Markdown, the `html5gum` tokenizer
//! (with byte spans) for HTML and for the HTML inside Markdown. Pure: no I/O; no input panics.

use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::core::arabic;
use crate::core::document::Document;
use crate::core::finding::Finding;

/// How a text is read: as plain text, or as a Markdown or HTML document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    #[default]
    Plain,
    Markdown,
    Html,
}

impl Format {
    /// The format of a file by its extension (`md`, `markdown`, `html`, `htm`; any case).
    pub fn from_extension(ext: &str) -> Format {
        match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            _ => Format::Plain,
        }
    }

    /// The format of a path, by its extension.
    pub fn from_path(path: &str) -> Format {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => Format::from_extension(ext),
            _ => Format::Plain,
        }
    }

    /// The format of an editor document by its LSP languageId (`markdown`, `html`).
    pub fn from_language_id(id: &str) -> Format {
        match id {
            "markdown" => Format::Markdown,
            "html" => Format::Html,
            _ => Format::Plain,
        }
    }
}

/// A Markdown or HTML source as the rules see it.
#[derive(Debug)]
pub struct Projection {
    /// The same length as the source: prose copied, the rest blanked (see the module docs).
    pub text: String,
    format: Format,
    /// Whether each byte is prose copied from the source (an edit may change it).
    prose: Vec<bool>,
    /// Source ranges of the block elements (paragraphs, headings, list items, `<p>`, `<div>`…).
    blocks: Vec<Range<usize>>,
    /// The ranges a "delete this line" fix may delete: whole elements (see [`Projection::shape`]).
    deletions: rustc_hash::FxHashSet<Range<usize>>,
    /// The character references (`&amp;`), in order: a finding never starts or ends inside one.
    refs: Vec<Range<usize>>,
}

/// HTML elements whose content is not copy.
const SKIPPED: &[&str] = &[
    "head", "title", "script", "style", "template", "noscript", "code", "pre", "kbd", "samp", "svg", "math",
    "textarea", "select", "iframe", "object",
];
/// HTML elements that are blocks: each starts and ends a line.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "div",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "ul",
    "ol",
    "figcaption",
    "figure",
    "caption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "address",
    "details",
    "summary",
    "fieldset",
    "form",
    "center",
    "body",
    "html",
];
/// Blocks never deleted whole (they hold the page).
const NOT_DELETED: &[&str] = &["body", "html", "main", "article"];
/// Blocks that hold text, inside which a line break is a space.
const TEXT_BLOCKS: &[&str] =
    &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "figcaption", "caption", "td", "th", "summary"];
/// How far down the open elements an end tag looks for its start tag: deeper nesting is
/// left unclosed, so that 100,000 stray end tags cost 100,000 short looks, not a square.
const MAX_SEARCH: usize = 256;
/// HTML elements that are line breaks with no end tag.
const BREAKS: &[&str] = &["br", "hr"];

/// The projection of `source` read as `format`; `None` for plain text (it is its own).
pub fn project(source: &str, format: Format) -> Option<Projection> {
    let mut p = Builder {
        source,
        out: vec![b' '; source.len()],
        prose: vec![false; source.len()],
        blocks: Vec::new(),
        refs: Vec::new(),
    };
    match format {
        Format::Plain => return None,
        Format::Markdown => p.markdown(),
        Format::Html => p.html(0..source.len()),
    }
    let Builder { out, prose, mut blocks, mut refs, .. } = p;
    refs.sort_by_key(|r| r.start);
    // Only whole characters are ever copied or written, so this cannot fail; if it somehow
    // did, a blank text of the same length is still a correct (if empty) projection.
    let text = String::from_utf8(out).unwrap_or_else(|_| " ".repeat(source.len()));
    blocks.sort_by_key(|b| (b.start, std::cmp::Reverse(b.end)));
    blocks.dedup();
    Some(Projection { text, format, prose, blocks, deletions: Default::default(), refs })
}

struct Builder<'s> {
    source: &'s str,
    out: Vec<u8>,
    prose: Vec<bool>,
    blocks: Vec<Range<usize>>,
    refs: Vec<Range<usize>>,
}

impl Builder<'_> {
    fn markdown(&mut self) {
        let src = self.source;
        // Line ends stay line ends unless they are inside a paragraph (soft breaks, below).
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                self.out[i] = b'\n';
            }
        }
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
        // Inside code blocks, front matter, images and autolinks nothing is copy.
        let mut skip = 0usize;
        let mut html_block = 0usize;
        // Whether each open link is an autolink (its text is the URL).
        let mut links: Vec<bool> = Vec::new();
        for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
            let range = range.start.min(src.len())..range.end.min(src.len());
            match event {
                Event::Start(tag) => match tag {
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } => skip += 1,
                    Tag::Link { link_type, .. } => {
                        let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        skip += usize::from(auto);
                        links.push(auto);
                    }
                    Tag::HtmlBlock => {
                        html_block += 1;
                        if skip == 0 {
                            self.html(range.clone());
                        }
                    }
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::Item
                    | Tag::BlockQuote(_)
                    | Tag::TableCell
                    | Tag::FootnoteDefinition(_)
                    | Tag::DefinitionListTitle
                    | Tag::DefinitionListDefinition => {
                        // Without the blank lines a block's range may end with.
                        let end = self.trim_end(range.start, range.end);
                        self.blocks.push(range.start..end);
                    }
                    _ => {}
                },
                Event::End(tag) => match tag {
                    TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => skip = skip.saturating_sub(1),
                    TagEnd::Link if links.pop() == Some(true) => skip = skip.saturating_sub(1),
                    TagEnd::HtmlBlock => html_block = html_block.saturating_sub(1),
                    _ => {}
                },
                Event::Text(text) if skip == 0 && html_block == 0 => self.text(range, Some(&text)),
                Event::Html(_) | Event::InlineHtml(_) if skip == 0 && html_block == 0 => self.html(range),
                Event::SoftBreak => {
                    // A line break inside a paragraph: a space, and copy an edit may delete.
                    let only_space = src.get(range.clone()).is_some_and(|t| t.trim().is_empty());
                    self.blank(range.clone());
                    if only_space {
                        range.for_each(|i| self.prose[i] = true);
                    }
                }
                _ => {}
            }
        }
        // Table rows: a cell's `|` is markup; cells stay on their row's line.
    }

    /// Blank a range (line ends too).
    fn blank(&mut self, range: Range<usize>) {
        for i in range {
            if let Some(b) = self.out.get_mut(i) {
                *b = b' ';
            }
        }
    }

    /// Copy the text at `range`, whose meaning is `decoded` (if the parser says): character
    /// references are rendered in place when they fit, line ends become spaces.
    fn text(&mut self, range: Range<usize>, decoded: Option<&str>) {
        let Some(raw) = self.source.get(range.clone()) else { return };
        let base = range.start;
        // Markdown gives `\*` as `*` over two bytes: the backslash is markup.
        if let Some(d) = decoded {
            if raw.len() == d.len() + 1 && raw.starts_with('\\') && &raw[1..] == d {
                self.copy(base + 1, d);
                return;
            }
        }
        let mut at = 0;
        while at < raw.len() {
            let rest = &raw[at..];
            if rest.starts_with('&') {
                if let Some((len, c)) = reference(rest) {
                    self.refs.push(base + at..base + at + len);
                    self.render(base + at, len, c, raw.as_bytes().get(at + len).copied());
                    at += len;
                    continue;
                }
            }
            let Some(c) = rest.chars().next() else { break };
            let n = c.len_utf8();
            if c == '\n' || c == '\r' {
                // A space here, and copy an edit may delete.
                self.out[base + at] = b' ';
                self.prose[base + at] = true;
            } else {
                self.copy(base + at, &rest[..n]);
            }
            at += n;
        }
    }

    fn copy(&mut self, at: usize, s: &str) {
        for (k, b) in s.bytes().enumerate() {
            if let Some(slot) = self.out.get_mut(at + k) {
                *slot = b;
                self.prose[at + k] = true;
            }
        }
    }

    /// Write the rendering of a character reference of `len` bytes at `at`: the character
    /// itself when it fits, padded so that a letter stays inside its word and a mark stays
    /// glued to the word it touches (`next` is the source byte after the reference).
    fn render(&mut self, at: usize, len: usize, c: char, next: Option<u8>) {
        let n = c.len_utf8();
        if c.is_whitespace() || n > len {
            return; // Blank (already spaces).
        }
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        let pad = len - n;
        let word = arabic::is_word_char(c) || arabic::is_invisible(c);
        let bytes: Vec<u8> = if word {
            if pad == 1 {
                return; // No one-byte invisible mark: a space (the word splits).
            }
            let mut v = s.as_bytes().to_vec();
            v.extend(invisible_padding(pad));
            v
        } else if next.is_some_and(|b| !b.is_ascii_whitespace() && b != b'<') {
            // A mark glued to the word after it (an opening quotation mark).
            let mut v = vec![b' '; pad];
            v.extend_from_slice(s.as_bytes());
            v
        } else {
            let mut v = s.as_bytes().to_vec();
            v.resize(len, b' ');
            v
        };
        for (k, b) in bytes.into_iter().enumerate() {
            if let Some(slot) = self.out.get_mut(at + k) {
                *slot = b;
            }
        }
    }

    /// Project the HTML at `range` of the source (a whole HTML file, or an HTML block or tag
    /// inside Markdown).
    fn html(&mut self, range: Range<usize>) {
        let Some(src) = self.source.get(range.clone()) else { return };
        let base = range.start;
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        // Open elements whose content is skipped, and open blocks (name, start offset).
        let mut skipped: Vec<Vec<u8>> = Vec::new();
        let mut open: Vec<(Vec<u8>, usize)> = Vec::new();
        // How many of `open` hold text (kept as a count: no walk down the stack per string).
        let mut text_blocks = 0usize;
        let is = |list: &[&str], name: &[u8]| list.iter().any(|x| x.as_bytes() == name);
        let find = |names: &mut dyn Iterator<Item = &[u8]>, len: usize, name: &[u8]| {
            names.take(MAX_SEARCH).position(|n| n == name).map(|back| len - 1 - back)
        };
        for token in Tokenizer::new_with_emitter(src, emitter).flatten() {
            match token {
                Token::StartTag(tag) => {
                    let span = base + tag.span.start..base + tag.span.end;
                    let name = tag.name.to_ascii_lowercase();
                    if is(BREAKS, &name) || is(BLOCKS, &name) {
                        self.boundary(span.start);
                    }
                    if tag.self_closing {
                        continue;
                    }
                    if is(SKIPPED, &name) {
                        skipped.push(name);
                    } else if is(BLOCKS, &name) {
                        // An open <p> or <li> closes at the next one (HTML's implied end tags).
                        if matches!(name.as_slice(), b"p" | b"li" | b"dt" | b"dd")
                            && open.last().is_some_and(|(n, _)| *n == name)
                        {
                            if let Some((_, start)) = open.pop() {
                                text_blocks = text_blocks.saturating_sub(1);
                                let end = self.trim_end(start, span.start);
                                self.blocks.push(start..end);
                            }
                        }
                        text_blocks += usize::from(is(TEXT_BLOCKS, &name));
                        open.push((name, span.start));
                    }
                }
                Token::EndTag(tag) => {
                    let span = base + tag.span.start..base + tag.span.end;
                    let name = tag.name.to_ascii_lowercase();
                    let len = skipped.len();
                    if let Some(k) = find(&mut skipped.iter().rev().map(Vec::as_slice), len, &name) {
                        skipped.truncate(k);
                        continue;
                    }
                    if is(BLOCKS, &name) || is(BREAKS, &name) {
                        self.boundary(span.start);
                    }
                    let len = open.len();
                    if let Some(k) = find(&mut open.iter().rev().map(|(n, _)| n.as_slice()), len, &name) {
                        let start = open[k].1;
                        // Each element leaves the stack once: linear overall.
                        for (n, _) in open.drain(k..) {
                            text_blocks = text_blocks.saturating_sub(usize::from(is(TEXT_BLOCKS, &n)));
                        }
                        if !is(NOT_DELETED, &name) {
                            self.blocks.push(start..span.end);
                        }
                    }
                }
                Token::String(s) if skipped.is_empty() => {
                    let span = base + s.span.start..base + s.span.end;
                    let in_text_block = text_blocks > 0;
                    let blank = self.source.get(span.clone()).is_some_and(|t| t.trim().is_empty());
                    if blank && !in_text_block {
                        // Whitespace between blocks: its line ends stay line ends.
                        for i in span {
                            if self.source.as_bytes().get(i) == Some(&b'\n') {
                                self.boundary(i);
                            }
                        }
                    } else {
                        self.text(span, None);
                    }
                }
                _ => {}
            }
        }
    }

    /// A block boundary at a markup byte.
    fn boundary(&mut self, at: usize) {
        if let Some(b) = self.out.get_mut(at) {
            *b = b'\n';
        }
    }

    /// `end` moved back over whitespace, not before `start`.
    fn trim_end(&self, start: usize, end: usize) -> usize {
        let s = self.source.get(start..end).unwrap_or("");
        start + s.trim_end().len()
    }
}

/// Invisible marks (dropped from lookup keys, allowed inside words) filling `n >= 2` bytes:
/// soft hyphens (two bytes) and one zero-width joiner (three) for an odd count.
fn invisible_padding(n: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(n);
    let mut left = n;
    if left % 2 == 1 && left >= 3 {
        v.extend("\u{200D}".as_bytes());
        left -= 3;
    }
    while left >= 2 {
        v.extend("\u{00AD}".as_bytes());
        left -= 2;
    }
    v
}

/// A character reference at the start of `s` (`&amp;`, `&#1575;`, `&#x627;`): its length in
/// bytes and the character it stands for. Unknown names are not references.
fn reference(s: &str) -> Option<(usize, char)> {
    let body_end = s.bytes().take(34).position(|b| b == b';')?;
    let body = s.get(1..body_end)?;
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(code)?
    } else {
        named_reference(body)?
    };
    Some((body_end + 1, c))
}

/// The named references news copy uses; any other name is blanked as markup.
fn named_reference(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "shy" => '\u{00AD}',
        _ => return None,
    })
}

impl Projection {
    pub fn format(&self) -> Format {
        self.format
    }

    /// Give the document's lines their source shape: each line's range is its copy (without
    /// the blanked markup around it), its `full` range the block element it is alone in (with
    /// its line and a blank line after it), so that deleting a line deletes its element; and
    /// each line's number is its line in the source.
    pub fn shape(&mut self, doc: &mut Document<'_>, source: &str) {
        let text = doc.text;
        // Source line starts, for line numbers.
        let mut starts = vec![0];
        starts.extend(source.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        let word_lines: Vec<usize> = (0..doc.lines.len()).filter(|&i| !doc.lines[i].words.is_empty()).collect();
        doc.source_lines = doc
            .lines
            .iter()
            .map(|l| {
                let at = l.range.start + text.get(l.range.clone()).map_or(0, |s| s.len() - s.trim_start().len());
                starts.partition_point(|&s| s <= at)
            })
            .collect();
        for (k, &i) in word_lines.iter().enumerate() {
            let line = &doc.lines[i];
            let Some(s) = text.get(line.range.clone()) else { continue };
            let start = line.range.start + (s.len() - s.trim_start().len());
            let end = line.range.start + s.trim_end().len();
            let prev_end = k.checked_sub(1).map_or(0, |p| doc.lines[word_lines[p]].range.end);
            let next_start = word_lines.get(k + 1).map_or(source.len(), |&n| doc.lines[n].range.start);
            // (Parsers give ranges on character boundaries; one that is not is never deleted.)
            let element = self.element(start..end, prev_end, next_start, source).filter(|e| {
                e.end <= source.len() && source.is_char_boundary(e.start) && source.is_char_boundary(e.end)
            });
            let line = &mut doc.lines[i];
            line.range = start..end;
            line.full = match element {
                Some(e) => {
                    let full = whole_lines(source, e);
                    self.deletions.insert(full.clone());
                    full
                }
                None => start..end,
            };
        }
    }

    /// The element to delete with the line at `line`: the innermost block that holds it and
    /// no other line's copy (between `lo` and `hi`), widened to a parent block that holds
    /// nothing else but its own tags or markers.
    fn element(&self, line: Range<usize>, lo: usize, hi: usize, source: &str) -> Option<Range<usize>> {
        // Blocks are sorted by start; those that may hold the line start between the line
        // before it and this line, a stretch no other line's blocks start in: linear overall.
        let from = self.blocks.partition_point(|b| b.start < lo);
        let to = self.blocks.partition_point(|b| b.start <= line.start);
        let fits = |b: &&Range<usize>| b.end >= line.end && b.end <= hi;
        // Innermost first: the shortest holding block.
        let mut holding: Vec<&Range<usize>> = self.blocks.get(from..to.max(from))?.iter().filter(fits).collect();
        holding.sort_by_key(|b| b.end - b.start);
        let mut chosen = holding.first().copied()?.clone();
        for parent in holding.iter().skip(1) {
            let before = source.get(parent.start..chosen.start).unwrap_or("");
            let after = source.get(chosen.end..parent.end).unwrap_or("");
            let bare = |s: &str| match self.format {
                Format::Html => s.matches('<').count() <= 1,
                _ => !s.contains(['<', '`']) && !s.chars().any(char::is_alphanumeric),
            };
            let no_copy = (parent.start..chosen.start).chain(chosen.end..parent.end).all(|i| !self.is_prose(i));
            if bare(before) && bare(after) && no_copy {
                chosen = (*parent).clone();
            } else {
                break;
            }
        }
        Some(chosen)
    }

    fn is_prose(&self, i: usize) -> bool {
        self.prose.get(i).copied().unwrap_or(false)
            && self.text.as_bytes().get(i).is_some_and(|b| !b.is_ascii_whitespace())
    }

    /// Hold the findings to the source: drop a finding with no copy in its range (it is about
    /// markup), and drop each fix with an edit that would change markup: an edit may change
    /// copy only, or delete a whole element ([`Projection::shape`]); in HTML its replacement
    /// may not bring in `<` or `&`.
    pub fn guard(&self, findings: &mut Vec<Finding>) {
        findings.retain(|f| f.range.is_empty() || f.range.clone().any(|i| self.is_prose(i)));
        // A range that starts or ends inside a character reference takes all of it.
        for f in findings.iter_mut() {
            let inside = |at: usize| {
                let k = self.refs.partition_point(|r| r.end <= at);
                self.refs.get(k).filter(|r| r.start < at && at < r.end).cloned()
            };
            if let Some(r) = inside(f.range.start) {
                f.range.start = r.start;
            }
            if let Some(r) = inside(f.range.end) {
                f.range.end = r.end;
            }
        }
        for f in findings.iter_mut() {
            f.fixes.retain(|fix| {
                fix.edits.iter().all(|e| {
                    let whole = self.deletions.contains(&e.range) && e.replacement.is_empty();
                    let copy = e.range.clone().all(|i| self.prose.get(i).copied().unwrap_or(false));
                    let safe_text = self.format != Format::Html || !e.replacement.contains(['<', '&']);
                    whole || (copy && safe_text)
                })
            });
        }
    }
}

/// `range` widened to whole lines when it stands alone on its lines: with the indentation
/// before it and the line end after it, and with one blank line after it (or, at the end of
/// the text, the blank line before it) so that no gap is left where it was.
fn whole_lines(text: &str, range: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..range.start];
    let mut start = if before.trim().is_empty() { line_start } else { range.start };
    let mut end = range.end;
    // The element's own line end (a Markdown paragraph's range may already include it).
    let rest_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    if text[end..rest_end].trim().is_empty() && start == line_start {
        end = rest_end;
    } else {
        return start..end;
    }
    if end > 0 && bytes.get(end - 1) != Some(&b'\n') {
        return start..end; // The last line, without a line end.
    }
    // Between blank lines (or first), one blank line after it goes too; at the end of the
    // text, the blank line before it. (Not in a list: the next paragraph would join it.)
    let prev_blank = start == 0 || {
        let prev_start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        text[prev_start..start].trim().is_empty()
    };
    let next_end = text[end..].find('\n').map(|i| end + i + 1);
    match next_end {
        Some(ne) if prev_blank && text[end..ne].trim().is_empty() => end = ne,
        _ if end == text.len() && start > 0 => {
            let prev_start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
            if text[prev_start..start].trim().is_empty() && prev_start > 0 {
                start = prev_start;
            }
        }
        _ => {}
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proj(s: &str, f: Format) -> String {
        project(s, f).map(|p| p.text).unwrap_or_default()
    }

    fn lines(s: &str, f: Format) -> Vec<String> {
        proj(s, f)
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn projection_keeps_length_and_prose_offsets() {
        for (src, f) in [
            ("<p class=\"الإدراة\">قالَ الوزير</p>\r\n<div>لم تشترك بعد</div>", Format::Html),
            ("# عنوان 😀\r\n\nفقرة [رابط](http://x.com/الإدراة) و`كود`\n", Format::Markdown),
            ("", Format::Html),
            ("", Format::Markdown),
        ] {
            let p = proj(src, f);
            assert_eq!(p.len(), src.len(), "{src:?}");
            // Every non-space byte of the projection that is prose is the source's byte.
            for (i, (a, b)) in p.bytes().zip(src.bytes()).enumerate() {
                assert!(a == b || a == b' ' || a == b'\n', "{src:?} at {i}");
            }
        }
    }

    #[test]
    fn html_blocks_are_lines_and_markup_is_blank() {
        let src = "<html><head><title>عنوان الصفحة</title><style>p{}</style></head><body>\n<h1>الوزير في الرياض</h1><p class=\"الإدراة\">قال <b>الوزير</b>\nاليوم</p><div>لم تشترك بعد</div><script>var x = \"الإدراة\";</script><pre>كود</pre>سطر<br>آخر</body></html>";
        assert_eq!(lines(src, Format::Html), ["الوزير في الرياض", "قال الوزير اليوم", "لم تشترك بعد", "سطر", "آخر"]);
    }

    #[test]
    fn markdown_skips_code_urls_and_front_matter() {
        let src = "---\ntitle: الإدراة\n---\n# العنوان\n\nفقرة أولى\nتكمل هنا [رابط](https://example.com/الإدراة) و`الإدراة` <https://x.org/a>\n\n```\nالإدراة\n```\n\n- بند *أول*\n- بند ثان\n\n<div>لم تشترك بعد</div>\n\n![صورة الإدراة](a.png)\n";
        assert_eq!(
            lines(src, Format::Markdown),
            ["العنوان", "فقرة أولى تكمل هنا رابط و", "بند أول", "بند ثان", "لم تشترك بعد"]
        );
    }

    #[test]
    fn character_references_keep_words_whole() {
        // A letter written as a reference stays inside its word; &nbsp; and &amp; separate.
        let src = "<p>الإد&#1575;رة&nbsp;و&amp;ما &quot;قال&quot;</p>";
        let p = proj(src, Format::Html);
        let doc = Document::new(&p);
        let keys: Vec<&str> = doc.words.iter().map(|w| doc.key(w)).collect();
        assert_eq!(keys, ["الإدارة", "و", "ما", "قال"]);
        assert_eq!(doc.quotes.len(), 1, "{p:?}");
        // Broken and unknown references are markup, and never a panic.
        for s in ["&", "&#;", "&#xZZ;", "&#99999999;", "&bogus;", "&#0;", "a&#65;b", "&#x1F600;"] {
            assert_eq!(proj(s, Format::Html).len(), s.len(), "{s:?}");
        }
    }

    #[test]
    fn lines_delete_their_element() {
        let src = "<div>\n  <p>فقرة أولى هنا</p>\n  <div><p>لم تشترك بعد</p></div>\n<ul><li>بند</li></ul>\n</div>";
        let mut p = project(src, Format::Html).unwrap_or_else(|| panic!("html projects"));
        let text = p.text.clone();
        let mut doc = Document::new(&text);
        p.shape(&mut doc, src);
        let full: Vec<&str> = doc.lines.iter().filter(|l| !l.words.is_empty()).map(|l| &src[l.full.clone()]).collect();
        assert_eq!(full, ["  <p>فقرة أولى هنا</p>\n", "  <div><p>لم تشترك بعد</p></div>\n", "<ul><li>بند</li></ul>\n"]);
        let md = "فقرة أولى\n\n> لم تشترك بعد\n\n- بند\n- آخر\n\nالأخيرة\r\n";
        let mut p = project(md, Format::Markdown).unwrap_or_else(|| panic!("markdown projects"));
        let text = p.text.clone();
        let mut doc = Document::new(&text);
        p.shape(&mut doc, md);
        let full: Vec<&str> = doc.lines.iter().filter(|l| !l.words.is_empty()).map(|l| &md[l.full.clone()]).collect();
        assert_eq!(full, ["فقرة أولى\n\n", "> لم تشترك بعد\n\n", "- بند\n", "- آخر\n", "\nالأخيرة\r\n"]);
        let numbers: Vec<usize> =
            (0..doc.lines.len()).filter(|&i| !doc.lines[i].words.is_empty()).map(|i| doc.line_number(i)).collect();
        assert_eq!(numbers, [1, 3, 5, 6, 8]);
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(Format::from_path("a/b/story.MD"), Format::Markdown);
        assert_eq!(Format::from_path("story.htm"), Format::Html);
        assert_eq!(Format::from_path("story.txt"), Format::Plain);
        assert_eq!(Format::from_path(".md"), Format::Plain);
        assert_eq!(Format::from_language_id("html"), Format::Html);
        assert_eq!(Format::from_language_id("plaintext"), Format::Plain);
    }
}
