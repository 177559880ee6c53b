//! `copydesk check` on Markdown, HTML and Word files, as a newsroom has them: positions in
//! the file's own bytes, fixes that keep the markup whole, Word files read by paragraph and
//! never written. The .docx files are built here (a zip with the parts Word writes).

mod cli_support;

use std::io::Write as _;
use std::path::Path;

use cli_support::{copydesk, copydesk_bytes, desk, flagged, json, read, write};

/// A minimal Word document: one `w:p` a paragraph, each split into two runs at its middle
/// space (Word splits runs wherever formatting or editing did); `\t` is a `w:tab`, `\n` a
/// `w:br`.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let run = |s: &str| {
        let mut out = String::from("<w:r>");
        for (i, piece) in s.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, cell) in piece.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                out.push_str(&format!("<w:t xml:space=\"preserve\">{}</w:t>", esc(cell)));
            }
        }
        out.push_str("</w:r>");
        out
    };
    let mut body = String::new();
    for p in paragraphs {
        if p.is_empty() {
            body.push_str("<w:p/>");
            continue;
        }
        let mid = p.char_indices().filter(|&(_, c)| c == ' ').map(|(i, _)| i).nth(p.matches(' ').count() / 2);
        let (a, b) = match mid {
            Some(i) => p.split_at(i),
            None => (*p, ""),
        };
        body.push_str(&format!("<w:p><w:pPr><w:bidi/></w:pPr>{}{}</w:p>", run(a), run(b)));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let parts = [
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"),
        ("word/document.xml", document.as_str()),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

fn write_bytes(dir: &Path, rel: &str, bytes: &[u8]) {
    std::fs::write(dir.join(rel), bytes).expect("write");
}

const QUOTE: &str = "«لن نقبل بأي اتفاق لا يضمن وقف إطلاق النار بشكل كامل».";
const HEADLINE: &str = "مصادر روسية ترجح التوصل لاتفاق حول سوريا";
const BODY: &str = "أكد الكرملين أن الرئيس سيستقبل وزير الخارجية الأميركي اليوم.";

/// A Word file's case: the rule, the paragraphs, and the finding it must have (paragraph
/// number and flagged text), or none.
type DocxCase = (&'static str, Vec<String>, Option<(usize, &'static str)>);

/// Per rule, a Word file that must be flagged and one that must not.
fn docx_cases() -> Vec<DocxCase> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        ("misspelling", s(&[HEADLINE, "", "قالَ المتحدث إن الإدراة الجديدة ستعلن خطتها 📢"]), Some((3, "الإدراة"))),
        ("misspelling", s(&[HEADLINE, "قال المتحدث إن الإدارة الجديدة ستعلن خطتها."]), None),
        ("boilerplate", s(&[BODY, "لم تشترك بعد"]), Some((2, "لم تشترك بعد"))),
        ("boilerplate", s(&[BODY, "وتشكل الأزمة موضوعاً رئيسياً على جدول الأعمال."]), None),
        ("duplicate-paragraph", s(&[HEADLINE, BODY, HEADLINE]), Some((3, HEADLINE))),
        ("duplicate-paragraph", s(&[HEADLINE, BODY]), None),
        ("repeated-word", s(&[BODY, "وأكد الوزير أن الحكومة ستعمل على\tعلى خفض الأسعار."]), Some((2, "على\tعلى"))),
        ("repeated-word", s(&["وأكد الوزير أن الحكومة تعمل على", "على الحكومة أن تخفض الأسعار."]), None),
        (
            "name-variant",
            s(&[
                "دعا أنطونيو غوتيريش إلى جلسة طارئة.",
                "وقال أنطونيو غوتيريش إن الوضع يتدهور.",
                "وكان أنتونيو غوتيريش قد حذر من موجة نزوح.",
            ]),
            Some((3, "أنتونيو")),
        ),
        ("name-variant", s(&["دعا أنطونيو غوتيريش إلى جلسة طارئة.", "وقال أنطونيو غوتيريش إن الوضع يتدهور."]), None),
        ("unattributed-quote", s(&[BODY, QUOTE]), Some((2, &QUOTE[..QUOTE.len() - 1]))),
        ("unattributed-quote", s(&[&format!("وقال وزير الخارجية: {QUOTE}")]), None),
    ]
}

#[test]
fn word_files_are_checked_by_paragraph_per_rule() {
    let dir = desk();
    let cases = docx_cases();
    let mut names = Vec::new();
    for (i, (rule, paragraphs, _)) in cases.iter().enumerate() {
        let name = format!("{i:02}-{rule}.docx");
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        write_bytes(dir.path(), &name, &docx(&refs));
        names.push(name);
    }
    let mut args = vec!["check", "--format", "json"];
    args.extend(names.iter().map(String::as_str));
    let run = copydesk(dir.path(), &args, None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let items = json(&run);
    for ((rule, paragraphs, expect), name) in cases.iter().zip(&names) {
        let mine: Vec<&serde_json::Value> = items.iter().filter(|f| f["path"] == name.as_str()).collect();
        // Offsets are into the paragraphs as read, one line each.
        let text = paragraphs.join("\n");
        for f in &mine {
            assert_eq!(f["rule"], *rule, "{name}: a {rule} case set off {}", f["rule"]);
        }
        match expect {
            Some((paragraph, flagged)) => {
                let f = mine.first().unwrap_or_else(|| panic!("{name}: expected a {rule} finding"));
                let (s, e) =
                    (f["start_byte"].as_u64().unwrap_or(0) as usize, f["end_byte"].as_u64().unwrap_or(0) as usize);
                assert_eq!(text.get(s..e), Some(*flagged), "{name}");
                assert_eq!(f["line"].as_u64(), Some(*paragraph as u64), "{name}: the line is the paragraph");
                let column = f["column"].as_u64().unwrap_or(0) as usize;
                let para = &paragraphs[paragraph - 1];
                let at: String = para.chars().skip(column - 1).collect();
                assert!(at.starts_with(flagged), "{name}: column {column} of «{para}» is not «{flagged}»");
            }
            None => assert!(mine.is_empty(), "{name}: expected no finding, got {mine:?}"),
        }
    }
}

#[test]
fn word_findings_name_the_paragraph_and_quote_it() {
    let dir = desk();
    write_bytes(dir.path(), "story.docx", &docx(&[HEADLINE, "", "قال المتحدث إن الإدراة الجديدة ستعلن خطتها."]));
    let run = copydesk(dir.path(), &["check", "story.docx"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("story.docx: paragraph 3: warning misspelling: Misspelling «الإدراة»"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(" 3 | قال المتحدث إن ⟦الإدراة⟧ الجديدة ستعلن خطتها."), "{}", run.stdout);
    // A manual line break inside a paragraph: still one paragraph, shown on one line.
    write_bytes(dir.path(), "broken.docx", &docx(&["بقلم مراسلنا\nقال المتحدث إن الإدراة الجديدة ستعلن خطتها."]));
    let run = copydesk(dir.path(), &["check", "broken.docx"], None);
    assert!(run.stdout.contains(" 1 | بقلم مراسلنا↵قال المتحدث إن ⟦الإدراة⟧ الجديدة"), "{}", run.stdout);
    let run = copydesk(dir.path(), &["check", "--format", "short", "story.docx"], None);
    assert!(run.stdout.starts_with("story.docx:3:16: warning misspelling"), "{}", run.stdout);
    let run = copydesk(dir.path(), &["check", "--format", "github", "story.docx"], None);
    assert!(run.stdout.contains("file=story.docx,line=3,col=16"), "{}", run.stdout);
    let run = copydesk(dir.path(), &["check", "--format", "sarif", "story.docx"], None);
    assert!(run.stdout.contains("\"startLine\": 3"), "{}", run.stdout);
}

#[test]
fn word_files_are_never_written() {
    let dir = desk();
    let bytes = docx(&[BODY, "لم تشترك بعد", "قال المتحدث إن الإدراة الجديدة ستعلن خطتها."]);
    write_bytes(dir.path(), "story.docx", &bytes);
    write(dir.path(), "other.txt", "قال المتحدث إن الإدراة الجديدة ستعلن خطتها.\n");
    for flag in ["--fix", "--diff"] {
        let run = copydesk(dir.path(), &["check", flag, "story.docx", "other.txt"], None);
        assert_eq!(run.code, 2, "{flag}: {}", run.stderr);
        assert!(run.stderr.contains("story.docx: Word files are read, never written"), "{flag}: {}", run.stderr);
        assert_eq!(std::fs::read(dir.path().join("story.docx")).expect("read back"), bytes, "{flag} changed it");
    }
    // The text file beside it was still fixed.
    assert_eq!(read(dir.path(), "other.txt"), "قال المتحدث إن الإدارة الجديدة ستعلن خطتها.\n");
}

#[test]
fn broken_word_files_are_clear_errors() {
    let dir = desk();
    write(dir.path(), "notes.docx", "قال المتحدث: هذا ملف نصي باسم خاطئ\n");
    let mut bytes = docx(&[BODY]);
    bytes.truncate(bytes.len() / 2);
    write_bytes(dir.path(), "cut.docx", &bytes);
    write(dir.path(), "ok.txt", "قال المتحدث إن الإدراة الجديدة ستعلن خطتها.\n");
    let run = copydesk(dir.path(), &["check", "--format", "json", "notes.docx", "cut.docx", "ok.txt"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("notes.docx: not a Word document"), "{}", run.stderr);
    assert!(run.stderr.contains("cut.docx: not a Word document"), "{}", run.stderr);
    // The other file's findings are still there.
    assert!(flagged(dir.path(), &run).contains(&("misspelling".into(), "الإدراة".into())));
}

#[test]
fn markdown_and_html_files_are_checked_as_documents() {
    let dir = desk();
    let html = "<!DOCTYPE html>\r\n<html><head><title>الإدراة</title></head><body>\r\n<p class=\"الإدراة\">قالَ المتحدث إن <b>الإدراة</b> الجديدة ستعلن خطتها 📢</p>\r\n<div>لم تشترك بعد</div>\r\n</body></html>\r\n";
    let md = "---\ntitle: الإدراة\n---\n# عنوان\n\nقال المتحدث إن [الإدراة](https://example.com/الإدراة) الجديدة ستعلن خطتها 📢\n\n`الإدراة`\n";
    write(dir.path(), "story.html", html);
    write(dir.path(), "story.md", md);
    write(dir.path(), "story.htm.txt", html);
    let run = copydesk(dir.path(), &["check", "--format", "json", "story.html", "story.md", "story.htm.txt"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = flagged(dir.path(), &run);
    let of = |path: &str| -> Vec<(String, String)> {
        json(&run).iter().zip(&found).filter(|(f, _)| f["path"] == path).map(|(_, x)| x.clone()).collect()
    };
    assert_eq!(
        of("story.html"),
        [("misspelling".to_string(), "الإدراة".to_string()), ("boilerplate".to_string(), "لم تشترك بعد".to_string())]
    );
    assert_eq!(of("story.md"), [("misspelling".to_string(), "الإدراة".to_string())]);
    // The same HTML under another name is plain text: its markup is checked as copy.
    assert!(of("story.htm.txt").len() > 2, "{:?}", of("story.htm.txt"));
    // Lines and columns are the source's.
    let items = json(&run);
    let f = items.iter().find(|f| f["path"] == "story.html" && f["rule"] == "boilerplate").expect("boilerplate");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(4), Some(6)));
}

#[test]
fn fixing_html_deletes_the_element_and_keeps_the_markup() {
    let dir = desk();
    let html = "<article>\n  <h1>مصادر روسية ترجح التوصل لاتفاق حول سوريا</h1>\n  <p>أكد الكرملين أن الرئيس سيستقبل الوزير اليوم، وإن للإدراة رأياً.</p>\n  <div class=\"promo\">لم تشترك بعد</div>\n  <p>مصادر روسية ترجح التوصل لاتفاق حول سوريا</p>\n</article>\n";
    write(dir.path(), "story.html", html);
    let run = copydesk(dir.path(), &["check", "--fix", "story.html"], None);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        read(dir.path(), "story.html"),
        "<article>\n  <h1>مصادر روسية ترجح التوصل لاتفاق حول سوريا</h1>\n  <p>أكد الكرملين أن الرئيس سيستقبل الوزير اليوم، وإن للإدارة رأياً.</p>\n</article>\n"
    );
}

#[test]
fn stdin_takes_its_kind_from_the_stdin_filename() {
    let dir = desk();
    let html = "<p class=\"الإدراة\">قال المتحدث إن الإدراة الجديدة ستعلن خطتها.</p>\n<div>لم تشترك بعد</div>\n";
    let run = copydesk(dir.path(), &["check", "--format", "json", "--stdin-filename", "story.html", "-"], Some(html));
    let rules: Vec<String> = json(&run).iter().map(|f| f["rule"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(rules, ["misspelling", "boilerplate"], "{}", run.stderr);
    // --fix on stdin prints the fixed document: the element is gone, the markup whole.
    let run = copydesk(dir.path(), &["check", "--fix", "--stdin-filename", "story.html", "-"], Some(html));
    assert_eq!(run.stdout, "<p class=\"الإدراة\">قال المتحدث إن الإدارة الجديدة ستعلن خطتها.</p>\n", "{}", run.stderr);
}

#[test]
fn a_word_file_on_stdin_is_read_as_one() {
    let dir = desk();
    let bytes = docx(&[HEADLINE, "", "قال المتحدث إن الإدراة الجديدة ستعلن خطتها."]);
    let run = copydesk_bytes(dir.path(), &["check", "--stdin-filename", "story.docx", "-"], Some(&bytes));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("story.docx: paragraph 3: warning misspelling: Misspelling «الإدراة»"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    // Not a Word file after all: named, not misread as text.
    let run = copydesk_bytes(dir.path(), &["check", "--stdin-filename", "story.docx", "-"], Some("نص".as_bytes()));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("story.docx: not a Word document"), "{}", run.stderr);
    // And never written: --fix on a piped Word file is refused too.
    let run = copydesk_bytes(dir.path(), &["check", "--fix", "--stdin-filename", "story.docx", "-"], Some(&bytes));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("Word files are read, never written"), "{}", run.stderr);
    assert_eq!(run.stdout, "Nothing checked: 1 file not fixed (Word files are never written).\n", "{}", run.stderr);
}
