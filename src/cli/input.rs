//! What kind of input a file is, by its extension, and reading the kinds that are not text:
//! Word files (`.docx`), whose paragraphs are read (a zip archive and its XML, no office
//! suite) and never written.

use std::io::Read;

use crate::core::Format;

/// How an input is read and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text, checked as plain text, Markdown or HTML.
    Text(Format),
    /// A Word document: its paragraphs are checked as plain text, one line each.
    Docx,
}

impl Kind {
    /// The kind of a file by its name's extension (any case); plain text when unknown.
    pub fn of(name: &str) -> Kind {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        match base.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && ext.eq_ignore_ascii_case("docx") => Kind::Docx,
            _ => Kind::Text(Format::from_path(base)),
        }
    }
}

/// Why `--fix` and `--diff` leave a Word file alone.
pub fn docx_not_written(display: &str) -> String {
    format!(
        "{display}: Word files are read, never written: --fix and --diff cannot change a .docx (the file is untouched); check it without them and make the fixes in Word"
    )
}

/// Read the Word file at `path` (at most `limit` bytes of it, and of its text). Errors name
/// the file as `display`.
pub fn read_docx(path: &std::path::Path, display: &str, limit: u64) -> Result<Paragraphs, String> {
    let cannot = |e: std::io::Error| format!("{display}: cannot read: {e}");
    let file = std::fs::File::open(path).map_err(cannot)?;
    let too_large = || {
        format!(
            "{display}: larger than the input limit of {}; not read (raise it with --max-input-size or `max_input_size` in copydesk.toml)",
            crate::core::config::ByteSize(limit)
        )
    };
    if file.metadata().map_err(cannot)?.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    docx_paragraphs(&bytes, limit).map_err(|e| format!("{display}: {e}"))
}

/// The paragraphs of a Word document as text: one line each, with their start offsets.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Paragraphs {
    /// The paragraphs joined with `\n` (a manual line break inside one is a `\n` too; a tab
    /// is a tab).
    pub text: String,
    /// The byte offset where each paragraph starts in `text`; paragraph `n` is `starts[n - 1]`.
    pub starts: Vec<usize>,
}

/// Read the paragraphs of the Word document `bytes` (a `.docx` file). The document's XML is
/// read up to `limit` bytes, so a small archive that unpacks to gigabytes is refused.
pub fn docx_paragraphs(bytes: &[u8], limit: u64) -> Result<Paragraphs, String> {
    let not_word = |why: String| format!("not a Word document ({why}); copydesk reads .docx files saved by Word");
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_word(format!("not a zip archive: {e}")))?;
    let part = archive.by_name("word/document.xml").map_err(|_| not_word("no word/document.xml in it".into()))?;
    let mut xml = Vec::new();
    part.take(limit.saturating_add(1)).read_to_end(&mut xml).map_err(|e| not_word(format!("cannot unpack it: {e}")))?;
    if xml.len() as u64 > limit {
        return Err(format!(
            "its text is larger than the input limit of {}; not read",
            crate::core::config::ByteSize(limit)
        ));
    }
    let xml = String::from_utf8(xml).map_err(|_| not_word("its XML is not UTF-8".into()))?;
    paragraphs_of(&xml).map_err(|e| not_word(format!("its XML is broken: {e}")))
}

/// The paragraphs (`w:p`) of a WordprocessingML body: the text of their runs (`w:t`), tabs
/// (`w:tab`) and breaks (`w:br`, `w:cr`). Deleted text (`w:delText`) is not text.
fn paragraphs_of(xml: &str) -> Result<Paragraphs, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Paragraphs::default();
    // Depth of open `w:p` (a text box's paragraphs sit inside another's) and of `w:t`.
    let (mut in_p, mut in_t) = (0usize, 0usize);
    let mut started = false;
    let mut start_paragraph = |out: &mut Paragraphs| {
        if started {
            out.text.push('\n');
        }
        started = true;
        out.starts.push(out.text.len());
    };
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                b"w:p" => {
                    // A paragraph inside another (a text box) starts a new line too.
                    start_paragraph(&mut out);
                    in_p += 1;
                }
                b"w:t" if in_p > 0 => in_t += 1,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => start_paragraph(&mut out),
                b"w:tab" if in_p > 0 && in_t == 0 => out.text.push('\t'),
                b"w:br" | b"w:cr" if in_p > 0 && in_t == 0 => out.text.push('\n'),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:p" => in_p = in_p.saturating_sub(1),
                b"w:t" => in_t = in_t.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_t > 0 => out.text.push_str(&t.decode().map_err(|e| e.to_string())?),
            Event::CData(t) if in_t > 0 => out.text.push_str(&t.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(r) if in_t > 0 => {
                let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| e.to_string())?;
                        quick_xml::escape::resolve_xml_entity(&name)
                            .ok_or_else(|| format!("unknown entity &{name};"))?
                            .to_string()
                    }
                };
                out.text.push_str(&c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if out.starts.is_empty() {
        out.starts.push(0);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(Kind::of("a/story.DOCX"), Kind::Docx);
        assert_eq!(Kind::of("story.md"), Kind::Text(Format::Markdown));
        assert_eq!(Kind::of("story.html"), Kind::Text(Format::Html));
        assert_eq!(Kind::of("story.txt"), Kind::Text(Format::Plain));
        assert_eq!(Kind::of(".docx"), Kind::Text(Format::Plain));
        assert_eq!(Kind::of("-"), Kind::Text(Format::Plain));
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>قالَ </w:t></w:r><w:r><w:t xml:space="preserve">الوزير &amp; 😀</w:t><w:tab/><w:t>ثم</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>سطر</w:t><w:br/><w:t>آخر&#1575;</w:t><w:delText>محذوف</w:delText></w:r></w:p>
</w:body></w:document>"#;
        let p = paragraphs_of(xml).unwrap_or_default();
        assert_eq!(p.text, "قالَ الوزير & 😀\tثم\n\nسطر\nآخرا");
        assert_eq!(p.starts, [0, "قالَ الوزير & 😀\tثم\n".len(), "قالَ الوزير & 😀\tثم\n\n".len()]);
    }

    #[test]
    fn broken_archives_are_errors_not_panics() {
        for bytes in [&b""[..], b"PK\x03\x04", b"not a zip at all", &[0xFF; 64]] {
            let e = docx_paragraphs(bytes, 1 << 20).err().unwrap_or_default();
            assert!(e.starts_with("not a Word document"), "{e}");
        }
        assert!(paragraphs_of("<w:p><w:t>a</w:p>").is_err());
    }
}
