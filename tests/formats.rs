//! Markdown and HTML checked as documents, in the core: every `tests/fixtures/markdown/*.md`
//! and `tests/fixtures/html/*.html` is checked as its format and its findings compared with
//! the `.expected` file beside it (`UPDATE_EXPECT=1 cargo test --test formats` rewrites
//! them), with positions and edits shown in the source's own bytes. `flag-RULE-*` fixtures
//! must have a finding of RULE, `clean-RULE-*` none, and no fixture may set off another rule
//! (markup must not look like copy). Safe fixes must converge and keep the markup whole. The
//! seed story written as Markdown and as HTML gives the findings of the plain-text seed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use copydesk::core::{apply_edits, Checker, Config, Finding, Format, Lexicon, RULES};

fn lexicon() -> Arc<Lexicon> {
    let dic = Path::new(copydesk::dictionary::SYSTEM_AR);
    copydesk::dictionary::load(dic)
        .unwrap_or_else(|e| panic!("the tests need the Hunspell Arabic dictionary (Debian hunspell-ar): {e}"))
}

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(Config::default(), Some(lexicon())))
}

fn render(text: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let (l1, c1) = copydesk::core::config::line_col(text, f.range.start);
        let (l2, c2) = copydesk::core::config::line_col(text, f.range.end);
        let _ = writeln!(out, "{l1}:{c1}-{l2}:{c2} «{}» {}: {}", &text[f.range.clone()], f.rule, f.message);
        for fix in &f.fixes {
            let kind = if fix.is_safe() { "safe" } else { "unsafe" };
            let edits: Vec<String> = fix
                .edits
                .iter()
                .map(|e| {
                    format!("[{}..{}] {:?} -> {:?}", e.range.start, e.range.end, &text[e.range.clone()], e.replacement)
                })
                .collect();
            let _ = writeln!(out, "    fix ({kind}) {}: {}", fix.title, edits.join(", "));
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

/// Every Markdown and HTML fixture, with its format and the rule its name is about.
fn fixtures() -> Vec<(PathBuf, Format, &'static str)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for (dir, ext, format) in [("markdown", "md", Format::Markdown), ("html", "html", Format::Html)] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("tests/fixtures/{dir}: {e}"))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        files.sort();
        for p in files {
            let name = name(&p);
            let rest = name.strip_prefix("flag-").or_else(|| name.strip_prefix("clean-")).unwrap_or("");
            let rule = RULES
                .iter()
                .filter(|r| rest.starts_with(&format!("{}-", r.id)))
                .max_by_key(|r| r.id.len())
                .unwrap_or_else(|| panic!("{name}: name it flag-RULE-… or clean-RULE-…"));
            out.push((p, format, rule.id));
        }
    }
    // Every rule has both kinds of fixture in both formats.
    for rule in RULES {
        for format in [Format::Markdown, Format::Html] {
            let of = |kind: &str| {
                out.iter().filter(|(p, f, r)| *f == format && *r == rule.id && name(p).starts_with(kind)).count()
            };
            assert!(of("flag-") >= 1 && of("clean-") >= 1, "{} needs flag- and clean- fixtures in {format:?}", rule.id);
        }
    }
    out
}

fn name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn fixtures_match_their_expectations() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for (path, format, rule) in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let checked = checker().check_as(&text, None, format);
        assert!(checked.failed_rules.is_empty(), "{}: rules panicked: {:?}", path.display(), checked.failed_rules);
        let findings = checked.findings;
        let n = name(&path);
        let own = findings.iter().filter(|f| f.rule == rule).count();
        if n.starts_with("flag-") && own == 0 {
            failures.push(format!("{n}: expected a {rule} finding, got none"));
        }
        if n.starts_with("clean-") && own > 0 {
            failures.push(format!("{n}: expected no {rule} finding, got:\n{}", render(&text, &findings)));
        }
        if let Some(other) = findings.iter().find(|f| f.rule != rule) {
            failures.push(format!("{n}: a {rule} fixture set off {}: {}", other.rule, other.message));
        }
        // Positions are in the source: the flagged text is copy, never markup.
        for f in &findings {
            let flagged = &text[f.range.clone()];
            if flagged.contains(['<', '>']) || flagged.trim() != flagged || flagged.is_empty() {
                failures.push(format!("{n}: {} flags {flagged:?}, not copy", f.rule));
            }
        }
        let rendered = render(&text, &findings);
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &rendered).expect("write expectation");
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != rendered {
                failures.push(format!("{n}: findings differ:\n--- expected\n{expected}--- got\n{rendered}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Start tags minus end tags, per element name: what a fix must not change, except by
/// deleting whole elements (whose tags then go in pairs).
fn open_tags(html: &str) -> std::collections::BTreeMap<String, i64> {
    let mut out = std::collections::BTreeMap::new();
    for part in html.split('<').skip(1) {
        let (close, rest) = match part.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, part),
        };
        let tag: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
        if tag.is_empty() || matches!(tag.as_str(), "br" | "hr" | "img" | "meta") {
            continue;
        }
        *out.entry(tag).or_insert(0) += if close { -1 } else { 1 };
    }
    out.retain(|_, n| *n != 0);
    out
}

#[test]
fn safe_fixes_converge_and_keep_the_markup_whole() {
    for (path, format, rule) in fixtures() {
        let original = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let mut text = original.clone();
        for round in 0.. {
            assert!(round < 5, "{}: safe fixes did not converge", path.display());
            let findings = checker().check_as(&text, None, format).findings;
            let edits: Vec<_> = findings
                .iter()
                .filter(|f| f.rule == rule)
                .flat_map(|f| f.fixes.iter().filter(|x| x.is_safe()).take(1))
                .flat_map(|x| x.edits.iter().cloned())
                .collect();
            if edits.is_empty() {
                break;
            }
            let (fixed, applied) = apply_edits(&text, &edits);
            assert_eq!(applied, edits.len(), "{}: safe fixes overlap", path.display());
            text = fixed;
        }
        if format == Format::Html {
            assert_eq!(open_tags(&text), open_tags(&original), "{}: a fix broke the markup:\n{text}", path.display());
        }
        if name(&path).starts_with("flag-") && text != original {
            // What was fixed is gone, and nothing the fix left is flagged for it.
            let left = checker().check_as(&text, None, format).findings;
            assert!(
                left.iter().all(|f| f.rule != rule || f.fixes.iter().all(|x| !x.is_safe())),
                "{}: still flagged after its fixes:\n{text}",
                path.display()
            );
        }
    }
}

/// Written by hand: the element goes with the line, not just its text.
#[test]
fn deleting_a_leftover_deletes_its_element() {
    let html = "<article>\n  <p>أكد الكرملين أن الرئيس سيستقبل الوزير اليوم.</p>\n  <div class=\"promo\">لم تشترك بعد</div>\n</article>\n";
    let found = checker().check_as(html, None, Format::Html).findings;
    let f = found.iter().find(|f| f.rule == "boilerplate").expect("the prompt is flagged");
    assert_eq!(&html[f.range.clone()], "لم تشترك بعد");
    let (fixed, _) = apply_edits(html, &f.fixes[0].edits);
    assert_eq!(fixed, "<article>\n  <p>أكد الكرملين أن الرئيس سيستقبل الوزير اليوم.</p>\n</article>\n");

    let md =
        "أكد الكرملين أن الرئيس سيستقبل الوزير اليوم.\r\n\r\n> لم تشترك بعد\r\n\r\nوتشكل الأزمة موضوعاً رئيسياً 🗞️.\r\n";
    let found = checker().check_as(md, None, Format::Markdown).findings;
    let f = found.iter().find(|f| f.rule == "boilerplate").expect("the prompt is flagged");
    let (fixed, _) = apply_edits(md, &f.fixes[0].edits);
    assert_eq!(fixed, "أكد الكرملين أن الرئيس سيستقبل الوزير اليوم.\r\n\r\nوتشكل الأزمة موضوعاً رئيسياً 🗞️.\r\n");
}

/// A fix whose edit would cross markup is dropped; the finding stays.
#[test]
fn a_fix_that_would_cut_markup_is_dropped() {
    // The repeated word's deletion would take `<b>` with it; the misspelling inside a
    // word spelled with a character reference cannot be replaced without touching it.
    let html = "<p>ستعمل الحكومة على <b>على</b> خفض الأسعار، وقالت إن الإد&#1585;اة تدرس ذلك.</p>\n";
    let found = checker().check_as(html, None, Format::Html).findings;
    let repeated = found.iter().find(|f| f.rule == "repeated-word").expect("flagged across the tag");
    assert!(repeated.fixes.is_empty(), "{:?}", repeated.fixes);
    let misspelt = found.iter().find(|f| f.rule == "misspelling").expect("flagged through the reference");
    assert_eq!(&html[misspelt.range.clone()], "الإد&#1585;اة");
    assert!(misspelt.fixes.is_empty(), "{:?}", misspelt.fixes);
}

#[test]
fn suppression_comments_work_in_markdown_and_html() {
    let md = "<!-- copydesk-disable-next-line misspelling -->\nقال المتحدث إن الإدراة الجديدة ستعلن خطتها.\n\nوقال إن الإدراة سترد.\n";
    let found = checker().check_as(md, None, Format::Markdown).findings;
    let lines: Vec<usize> = found.iter().map(|f| copydesk::core::config::line_col(md, f.range.start).0).collect();
    assert_eq!(lines, [4], "{found:?}");
    let html =
        "<p>قال المتحدث إن الإدراة الجديدة.</p>\n<!-- copydesk-disable misspelling -->\n<p>وقال إن الإدراة سترد.</p>\n";
    let found = checker().check_as(html, None, Format::Html).findings;
    let lines: Vec<usize> = found.iter().map(|f| copydesk::core::config::line_col(html, f.range.start).0).collect();
    assert_eq!(lines, [1], "{found:?}");
}

/// The findings of a text, position-free: rule, flagged text, message (with the source line
/// a "first appears on line N" names replaced by the text of that line's copy).
fn summary(text: &str, format: Format) -> Vec<(String, String, String, Vec<String>)> {
    let checked = checker().check_as(text, None, format);
    assert!(checked.failed_rules.is_empty());
    checked
        .findings
        .iter()
        .map(|f| {
            let message = match f.message.split_once("first appears on line ") {
                Some((head, n)) => {
                    let n: usize = n.trim().parse().expect("a line number");
                    let line = text.lines().nth(n - 1).unwrap_or("");
                    let copy = line.contains("مصادر روسية ترجح");
                    format!("{head}first appears on a line with it: {copy}")
                }
                None => f.message.clone(),
            };
            let fixes = f.fixes.iter().flat_map(|x| x.edits.iter().map(|e| e.replacement.clone())).collect();
            (f.rule.to_string(), text[f.range.clone()].to_string(), message, fixes)
        })
        .collect()
}

#[test]
fn the_seed_as_markdown_and_html_gives_the_seed_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/stories");
    let read = |n: &str| std::fs::read_to_string(root.join(n)).expect("example story");
    let txt = summary(&read("seed-article.txt"), Format::Plain);
    assert!(txt.len() >= 5, "{txt:?}");
    assert_eq!(summary(&read("seed-article.md"), Format::Markdown), txt);
    assert_eq!(summary(&read("seed-article.html"), Format::Html), txt);
    // Read as plain text, the markup is copy: the attribute's misspelling is flagged.
    let as_text = summary(&read("seed-article.html"), Format::Plain);
    assert!(as_text.len() > txt.len());
}

#[test]
fn plain_text_is_checked_as_before() {
    let text = "<p>قال إن الإدراة سترد.</p>\n<div>لم تشترك بعد</div>\n";
    let a = checker().check(text, None).findings;
    let b = checker().check_as(text, None, Format::Plain).findings;
    assert_eq!(a, b);
    let rules: Vec<&str> = a.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["misspelling"]);
}

/// Pieces of Markdown, HTML and copy, for inputs that are mostly markup.
const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<h1>",
    "</h1>",
    "<br>",
    "<li>",
    "<ul>",
    "</ul>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<!-- copydesk-disable -->",
    "<!-- copydesk-disable-next-line -->",
    "&amp;",
    "&#1575;",
    "&#x627;",
    "&nbsp;",
    "&quot;",
    "&laquo;",
    "&",
    ";",
    "#",
    "# ",
    "\n",
    "\r\n",
    "\n\n",
    "```",
    "`",
    "---\n",
    "+++\n",
    "- ",
    "> ",
    "[",
    "](",
    ")",
    "*",
    "_",
    "<",
    ">",
    "\"",
    "«",
    "»",
    "الإدراة",
    "لم تشترك بعد",
    "على على",
    "قال",
    "الوزير",
    "😀",
    "\u{64E}",
    "ـ",
    "\u{200F}",
    " ",
    "|",
    "<b>",
    "</b>",
    "<a href=\"x\">",
    "</a>",
    "<title>",
    "</title>",
    "<pre>",
    "</pre>",
    "\t",
    "<img src=x>",
    "<p class=\"الإدراة\">",
    "![",
    "<https://x.org>",
];

fn markup_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|v| v.concat()), ".{0,80}",]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// No Markdown or HTML input makes the core panic; findings and edits stay inside the
    /// source on character boundaries; the projection keeps the source's length; and fixing
    /// converges.
    #[test]
    fn any_markup_is_checked_soundly(text in markup_text(), html in proptest::bool::ANY) {
        let format = if html { Format::Html } else { Format::Markdown };
        let projection = copydesk::core::markup::project(&text, format).expect("a projection");
        proptest::prop_assert_eq!(projection.text.len(), text.len());
        let checked = checker().check_as(&text, None, format);
        copydesk::fuzzing::assert_findings_sound(&text, &checked);
        let fixed = copydesk::cli::fix::fix_until_stable(&text, true, |t| checker().check_as(t, None, format));
        proptest::prop_assert!(!fixed.cycled, "fixes cycled on {:?}", text);
    }
}
