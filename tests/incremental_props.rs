//! Incremental checking equals a full check: random edit sequences (typing, deleting,
//! replacing, line breaks and CRLF, harakat, emoji, Arabic words, pasted and deleted
//! paragraphs) on real stories (`examples/stories/` and the rule fixtures, each rule's
//! fixtures read as one story), and after every edit the engine's findings are the findings of
//! `Checker::check` on the same text, whole (messages, severities, fixes), and the same rules
//! reported failed.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use copydesk::core::{Checker, Config, Incremental, Lexicon};
use copydesk::fuzzing;
use proptest::prelude::*;

fn lexicon() -> Option<Arc<Lexicon>> {
    static LEXICON: OnceLock<Option<Arc<Lexicon>>> = OnceLock::new();
    LEXICON.get_or_init(|| copydesk::dictionary::load(Path::new(copydesk::dictionary::SYSTEM_AR)).ok()).clone()
}

/// The built-in defaults (with the system dictionary when installed), a desk's house style
/// (rules off and raised, its own misspellings, names, boilerplate patterns and `[[ignore]]`
/// entries) whose overrides and ignore paths apply to the path checked, and the strict hamza
/// style (checked inside the misspelling rule, line by line with it).
fn checkers() -> &'static [(Arc<Checker>, Option<&'static str>)] {
    static CHECKERS: OnceLock<Vec<(Arc<Checker>, Option<&'static str>)>> = OnceLock::new();
    CHECKERS.get_or_init(|| {
        let house = std::fs::read_to_string("tests/fixtures/config/house-style.toml").expect("house style fixture");
        let house = Config::from_toml(&house).expect("the house style parses");
        house.validate().expect("the house style is valid");
        let strict = Config::from_toml("[style]\nhamza = \"strict\"\n").expect("the hamza style parses");
        strict.validate().expect("the hamza style is valid");
        vec![
            (Arc::new(Checker::new(Config::default(), lexicon())), None),
            (Arc::new(Checker::new(house, lexicon())), Some("sport/2026/match.txt")),
            (Arc::new(Checker::new(strict, lexicon())), None),
        ]
    })
}

/// The seed story, and each rule's fixtures read one after another as one story.
fn stories() -> &'static [String] {
    static STORIES: OnceLock<Vec<String>> = OnceLock::new();
    STORIES.get_or_init(|| {
        let mut out = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir("examples/stories")
            .expect("examples/stories")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        out.extend(files.iter().map(|p| std::fs::read_to_string(p).expect("a story")));
        let mut rules: Vec<_> = std::fs::read_dir("tests/fixtures")
            .expect("tests/fixtures")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir() && !p.ends_with("config"))
            .collect();
        rules.sort();
        for dir in rules {
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .expect("a fixture folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            let story: String = files.iter().map(|p| std::fs::read_to_string(p).expect("a fixture")).collect();
            out.push(story);
        }
        assert!(out.len() >= 7, "the seed story and six rules' fixtures");
        out
    })
}

/// What may be typed or pasted, besides the fuzzers' pieces and the story's own lines.
const TYPED: &[&str] = &[
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "الوزيرُ",
    "قالَ",
    "😀",
    "👍🏽",
    "في في ",
    "«الاجتماع كان مثمرا جدا وسنواصل العمل معا»",
    "اقرأ أيضا:\n",
    "جميع الحقوق محفوظة\r\n",
    "الإدراة",
    "ترامب ",
    "ترمب",
    ".",
    ":",
    "<!-- copydesk-disable-next-line -->\n",
    // Words whose verdicts read the story or the word above (a form repeated, the corrector's
    // evidence, a title noun ending a line) and the strict hamza style's.
    "السومه ",
    "المفوظ ",
    "المفوض ",
    "صحيفة\n",
    "وقال ان الاجتماع ",
    "الى ",
    // What unattributed-quote reads on the lines around a quotation: a line ending in a colon
    // above it, an attribution phrase running on into the line below.
    "قال المتحدث:\n\n",
    "على حد\r\nقوله",
    "«وسنواصل العمل معا حتى النهاية» على حد\n",
    "وقال الوزير «سنواصل\n",
    // Names: a second spelling, a title before a name, the parts of a compound.
    "بوتن ",
    "بوتين",
    "وأردوجان ",
    "الرئيس ",
    "سيرجي ",
    "عبد ",
    "عبد",
    // What decides a tie between two spellings of a name: the story's hamza style (its
    // function words), how it writes its other compounds.
    "إلى ",
    "او ",
    "وأنه ",
    "أبو علي ",
    "عبدالكريم ",
];

#[derive(Clone, Debug)]
enum Step {
    /// Insert at a fraction of the text: a typed piece or one of the fuzzers' pieces.
    Insert(f64, usize),
    /// Delete from a fraction of the text, up to this many bytes.
    Delete(f64, usize),
    /// Replace up to this many bytes with a typed piece.
    Replace(f64, usize, usize),
    /// Paste a copy of one of the text's lines (with its line ending) before another line.
    PasteLine(f64, f64),
    /// Delete one whole line with its line ending.
    DeleteLine(f64),
    /// Type a piece at the end of a line, before its line ending (where a colon or a full
    /// stop changes what the line below reads).
    EndOfLine(f64, usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0.0..1.0f64, any::<usize>()).prop_map(|(at, p)| Step::Insert(at, p)),
        3 => (0.0..1.0f64, 1..40usize).prop_map(|(at, n)| Step::Delete(at, n)),
        2 => (0.0..1.0f64, 1..30usize, any::<usize>()).prop_map(|(at, n, p)| Step::Replace(at, n, p)),
        1 => (0.0..1.0f64, 0.0..1.0f64).prop_map(|(a, b)| Step::PasteLine(a, b)),
        1 => (0.0..1.0f64).prop_map(Step::DeleteLine),
        2 => (0.0..1.0f64, any::<usize>()).prop_map(|(at, p)| Step::EndOfLine(at, p)),
    ]
}

/// The byte offset at fraction `f` of `text`, moved back to a character boundary.
fn at(text: &str, f: f64) -> usize {
    let mut i = ((text.len() as f64) * f) as usize;
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn piece(p: usize) -> &'static str {
    let n = TYPED.len() + fuzzing::PIECES.len();
    let i = p % n;
    TYPED.get(i).copied().unwrap_or_else(|| fuzzing::PIECES[i - TYPED.len()])
}

/// The line (with its line ending) holding fraction `f` of the text.
fn line_at(text: &str, f: f64) -> std::ops::Range<usize> {
    let i = at(text, f);
    let start = text[..i].rfind('\n').map_or(0, |n| n + 1);
    let end = text[i..].find('\n').map_or(text.len(), |n| i + n + 1);
    start..end
}

/// The edit a step makes to `text`: a byte range and its replacement.
fn edit(text: &str, s: &Step) -> (std::ops::Range<usize>, String) {
    match *s {
        Step::Insert(f, p) => {
            let i = at(text, f);
            (i..i, piece(p).to_string())
        }
        Step::Delete(f, n) => {
            let i = at(text, f);
            let j = at(text, ((i + n).min(text.len()) as f64 + 0.5) / (text.len().max(1) as f64));
            (i..j.max(i), String::new())
        }
        Step::Replace(f, n, p) => {
            let i = at(text, f);
            let mut j = (i + n).min(text.len());
            while !text.is_char_boundary(j) {
                j -= 1;
            }
            (i..j.max(i), piece(p).to_string())
        }
        Step::PasteLine(from, to) => {
            let copied = text[line_at(text, from)].to_string();
            let target = line_at(text, to).start;
            (target..target, copied)
        }
        Step::DeleteLine(f) => (line_at(text, f), String::new()),
        Step::EndOfLine(f, p) => {
            let line = &text[line_at(text, f)];
            let end = line_at(text, f).start + line.trim_end_matches(['\r', '\n']).len();
            (end..end, piece(p).to_string())
        }
    }
}

/// Apply `steps` to `text` one after another, and after each the engine equals a full check.
/// `name-variant` (`names`, taken modulo 3): 0, by skeleton group from opening (as in a long
/// text); 1, on the whole text after every edit; 2, as `Incremental::new` keeps a short text:
/// whole when opened, by group from the first edit on.
fn equal_after_every_edit(text: &str, which: usize, steps: &[Step], names: usize) -> Result<(), TestCaseError> {
    let (checker, path) = &checkers()[which % checkers().len()];
    let mut inc = match names % 3 {
        0 => Incremental::with_names_from(checker.clone(), text, *path, 0),
        1 => Incremental::with_names_from(checker.clone(), text, *path, usize::MAX),
        _ => Incremental::new(checker.clone(), text, *path),
    };
    let full = checker.check(text, *path);
    prop_assert_eq!(inc.findings(), &full.findings[..]);
    let mut shadow = text.to_string();
    for s in steps {
        let (range, replacement) = edit(&shadow, s);
        prop_assert!(inc.apply(range.clone(), &replacement));
        shadow.replace_range(range, &replacement);
        prop_assert_eq!(inc.text(), shadow.as_str());
        let full = checker.check(&shadow, *path);
        prop_assert_eq!(inc.findings(), &full.findings[..], "after {:?}", s);
        prop_assert_eq!(&inc.checked().failed_rules, &full.failed_rules);
    }
    Ok(())
}

/// Short lines that read their neighbours or repeat: a line ending in a colon above a
/// quotation, a quotation whose attribution phrase runs on into the next lines, a paragraph
/// that may come twice (once with a full stop, normalised the same), blank lines between.
const NEAR: &[&str] = &[
    "قال المتحدث باسم الوزارة:",
    "",
    "   ",
    "«الاجتماع كانَ مثمرا جدا وسنواصل العمل معا 😀»",
    "«سنواصل العمل معا حتى النهاية» على حد",
    "قوله أمس في المؤتمر",
    "وقال الوزير «سنواصل العمل معا",
    "حد",
    "وأضاف الوزير أن الخطة جاهزة للتنفيذ",
    "وأضاف الوزيرُ أن الخطة جاهزة للتنفيذ.",
    "خبر اليوم",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn incremental_findings_equal_a_full_check_after_every_edit(
        story in 0..64usize,
        which in 0..3usize,
        steps in prop::collection::vec(step(), 1..16),
    ) {
        let stories = stories();
        // (both ways of checking name-variant, by the steps' parity)
        equal_after_every_edit(&stories[story % stories.len()], which, &steps, steps.len())?;
    }

}

/// Short lines about people whose names the story spells two ways (a name after a title, after
/// a given name, after a clitic; a compound written apart and joined), for `name-variant`,
/// whose groups are decided again only when their inputs change.
const NAMES: &[&str] = &[
    "قال الرئيس الروسي فلاديمير بوتين إن المحادثات مستمرة",
    "وأكد بوتن أن بلادَه مستعدة للحوار 😀",
    "التقى وزير الخارجية سيرغي لافروف نظيره",
    "وقال سيرجي لافروف إن الاجتماع كان مفيداً",
    "وصل عبد العزيز إلى المدينة صباحاً",
    "وكان عبدالعزيز قد زارها أمس",
    "أعلن الرئيس التركي أردوغان خطته",
    "وقال أردوجان إن الخطة جاهزة، ولأردوجان رأي آخر",
    "افتتح رجلُ الأعمال ڤاليرو متجرَه الجديد",
    "وقال فاليرو إن الإقبال فاق توقعاته",
    "غنّت اليسا أمس في افتتاح المهرجان",
    "وأضافت إليسا أن جمهورها هو الأهم 🎤",
    "وقال ان الحفل نجح وانه سيتكرر اذا سمحت الظروف او تحسن الطقس",
    "وأكد أن الحفل نجح وأنه سيتكرر إذا سمحت الظروف أو تحسن الطقس",
    "وصل عبدالله إلى الرياض",
    "وأكد عبد الله أن الزيارة نجحت",
    "واستقبله عبد الرحمن وأبو علي وعبد الكريم",
    "وزار عبدالكريم وأبوظبي",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// Stories of a few lines from [`NAMES`] (LF or CRLF): edits that make a second spelling
    /// appear or disappear, change the title or given name before a name, join or split a
    /// compound, move a name's first occurrence.
    #[test]
    fn names_spelled_two_ways(
        lines in prop::collection::vec((0..NAMES.len(), any::<bool>()), 1..12),
        which in 0..3usize,
        steps in prop::collection::vec(step(), 1..12),
    ) {
        let text: String =
            lines.iter().map(|&(i, crlf)| format!("{}{}", NAMES[i], if crlf { "\r\n" } else { "\n" })).collect();
        equal_after_every_edit(&text, which, &steps, 2 * (steps.len() % 2))?;
    }

    /// Stories of a few short lines from [`NEAR`] (LF or CRLF), where most edits land next to
    /// a line whose findings read its neighbours or the story's other copies of a paragraph.
    #[test]
    fn lines_that_read_their_neighbours(
        lines in prop::collection::vec((0..NEAR.len(), any::<bool>()), 1..14),
        which in 0..3usize,
        steps in prop::collection::vec(step(), 1..12),
    ) {
        let text: String =
            lines.iter().map(|&(i, crlf)| format!("{}{}", NEAR[i], if crlf { "\r\n" } else { "\n" })).collect();
        equal_after_every_edit(&text, which, &steps, steps.len())?;
    }
}

/// Typing into one line of a long story re-checks that line only (the other lines' findings
/// are shifted, not recomputed), and the result still equals a full check.
#[test]
fn typing_rechecks_one_line() {
    let (checker, _) = &checkers()[0];
    let story = &stories()[0];
    let mut inc = Incremental::new(checker.clone(), story, None);
    let mid = at(story, 0.5);
    for (k, c) in "الوزيرُ 😀".chars().enumerate() {
        let i = mid + "الوزيرُ 😀".chars().take(k).map(char::len_utf8).sum::<usize>();
        assert!(inc.apply(i..i, &c.to_string()));
        assert!(inc.rechecked_lines() <= 1, "{} lines re-checked", inc.rechecked_lines());
    }
    assert_eq!(inc.findings(), &checker.check(inc.text(), None).findings[..]);
}

/// A long document (its story-scope rules run side by side): the same findings as a full
/// check after a paragraph is deleted and pasted elsewhere.
#[test]
fn a_long_document_stays_equal_to_a_full_check() {
    let (checker, _) = &checkers()[0];
    let mut text = String::new();
    while text.len() < 300_000 {
        text.push_str(&stories()[0]);
        text.push_str("\r\n");
    }
    let mut inc = Incremental::new(checker.clone(), &text, None);
    assert_eq!(inc.findings(), &checker.check(&text, None).findings[..]);
    let line = line_at(&text, 0.5);
    let paragraph = text[line.clone()].to_string();
    assert!(inc.apply(line.clone(), ""));
    text.replace_range(line, "");
    let to = line_at(&text, 0.2).start;
    assert!(inc.apply(to..to, &paragraph));
    text.insert_str(to, &paragraph);
    assert_eq!(inc.text(), text);
    assert_eq!(inc.findings(), &checker.check(&text, None).findings[..]);
}

/// An edit on one line changes the misspelling rule's verdict on another, and the engine
/// checks that line again: the story's count of a form crossing the threshold the rule reads
/// (a definite word in ه the story repeats three times is a name, `السومه`), the corrector's
/// evidence (a form the story repeats is its spelling until the story also writes the winner,
/// `المفوظ`/`المفوض`), and the word above a line's first (after the title noun `صحيفة`, even
/// across a blank line, a word reads as a name; quoted with another word: a word that is the whole
/// of its quotation keeps its letters whatever is above it). Each edit changes the findings (the case is
/// exercised), and after it and its undo the engine equals a full check. Each case also runs
/// followed by the seed story many times over, so that the lines that read a form are found
/// through the engine's index after it was merged (thousands of lookups), not only in its
/// recent additions.
#[test]
fn an_edit_elsewhere_changes_a_lines_misspelling_verdict() {
    assert!(lexicon().is_some(), "the Arabic dictionary (hunspell-ar) is needed here");
    let (checker, _) = &checkers()[0];
    let cases: &[(&str, &str, &str)] = &[
        ("قالت السومه إن الخطة جاهزة\r\nوأكدت السومه ذلك 😀\nورد السومه عليه\n", "ورد السومه عليه\n", ""),
        (
            "وقالَ الوزير المفوظ إن الاجتماع انتهى\r\nوقال المفوظ مرة أخرى 👍🏽\n",
            "أخرى 👍🏽\n",
            "أخرى 👍🏽\nوأضاف المفوض كلاما آخر\n",
        ),
        ("وقال الوزير صحيفة\nالمفوظ إن الاجتماع انتهى", "صحيفة", "اليوم"),
        ("وقال الوزير صحيفة\n\r\n«المفوظ الجديد» إن الاجتماع انتهى", "صحيفة", "اليوم"),
        ("وقال الوزير اليوم\nالمفوظ إن الاجتماع انتهى", "اليوم\n", "صحيفة\n"),
    ];
    let spelling = |inc: &Incremental| inc.findings().iter().filter(|f| f.rule == "misspelling").count();
    let mut filler = String::new();
    while filler.len() < 150_000 {
        filler.push_str("\r\n");
        filler.push_str(&stories()[0]);
    }
    let padded: Vec<(String, &str, &str)> = cases.iter().map(|&(t, f, r)| (format!("{t}\n{filler}"), f, r)).collect();
    let all = cases.iter().map(|&(t, f, r)| (t, f, r)).chain(padded.iter().map(|(t, f, r)| (t.as_str(), *f, *r)));
    for (text, find, replacement) in all {
        let mut inc = Incremental::new(checker.clone(), text, None);
        assert_eq!(inc.findings(), &checker.check(text, None).findings[..], "{text:?}");
        let before = spelling(&inc);
        let at = text.find(find).expect("the edited text");
        assert!(inc.apply(at..at + find.len(), replacement));
        let edited = inc.text().to_string();
        assert_eq!(inc.findings(), &checker.check(&edited, None).findings[..], "{edited:?}");
        assert_ne!(spelling(&inc), before, "the edit changes a verdict elsewhere: {edited:?}");
        assert!(inc.apply(at..at + replacement.len(), find));
        assert_eq!(inc.text(), text);
        assert_eq!(inc.findings(), &checker.check(text, None).findings[..], "undone: {text:?}");
    }
}

/// An edit on a neighbouring line changes unattributed-quote's finding on a quotation: the
/// colon ending the nearest line above that is not blank (across a blank CRLF line), an
/// attribution phrase that starts after the quotation and ends on the line below, and speech
/// left open or closing the line above (its speaker, its marks). Each edit
/// changes the findings (the case is exercised), and after it and its undo the engine equals
/// a full check.
#[test]
fn an_edit_on_a_neighbouring_line_changes_a_quotations_attribution() {
    let (checker, _) = &checkers()[0];
    let quote = "«الاجتماع كانَ مثمرا جدا وسنواصل العمل معا 😀»";
    let cases: Vec<(String, &str, &str)> = vec![
        (format!("وقال المتحدث باسم الوزارة:\r\n\r\n{quote}\nسطر آخر\n"), ":", "."),
        (format!("خبر اليوم\n{quote} على حد\nقوله أمس\n"), "قوله", "قولها"),
        (format!("خبر اليوم\n{quote} على\r\n\nحد\nقوله أمس"), "قوله", "ذلك"),
        // Speech left open on the line above, or closing at its end, runs on into the
        // quotation's paragraph: it is attributed while that line's speaker is there and its
        // quotation open or closing the line.
        (format!("وقال الوزير «سنواصل العمل\r\n\n{quote}\n"), "وقال", "ومع"),
        (format!("وقال الوزير «سنواصل العمل\n{quote}\n"), "«سنواصل العمل\n", "«سنواصل» العمل\n"),
        (format!("وقال الوزير «سنواصل العمل».\n{quote}\n"), "وقال", "ومع"),
    ];
    let quotes = |inc: &Incremental| inc.findings().iter().filter(|f| f.rule == "unattributed-quote").count();
    for (text, find, replacement) in &cases {
        let mut inc = Incremental::new(checker.clone(), text, None);
        assert_eq!(inc.findings(), &checker.check(text, None).findings[..], "{text:?}");
        let before = quotes(&inc);
        let at = text.rfind(find).expect("the edited text");
        assert!(inc.apply(at..at + find.len(), replacement));
        let edited = inc.text().to_string();
        assert_eq!(inc.findings(), &checker.check(&edited, None).findings[..], "{edited:?}");
        assert_ne!(quotes(&inc), before, "the edit changes the quotation's finding: {edited:?}");
        assert!(inc.apply(at..at + replacement.len(), find));
        assert_eq!(inc.text(), text);
        assert_eq!(inc.findings(), &checker.check(text, None).findings[..], "undone: {text:?}");
    }
}

/// Opening counts the story's forms on every line, a line whose text came before as well
/// (its line rules come from the cache, its forms are counted all the same): a definite word
/// in ه on three lines, two of them the same, is a name; on two it is a misspelling. Both
/// open equal to a full check, and the two differ (the case is exercised).
#[test]
fn opening_counts_the_forms_of_lines_that_repeat() {
    assert!(lexicon().is_some(), "the Arabic dictionary (hunspell-ar) is needed here");
    let (checker, _) = &checkers()[0];
    let three = "قالت السومه إن الخطة جاهزة 😀\r\nورد السومه عليه\nورد السومه عليه\n";
    let two = "قالت السومه إن الخطة جاهزة 😀\r\nورد السومه عليه\n";
    let spelling = |text: &str| {
        let inc = Incremental::new(checker.clone(), text, None);
        assert_eq!(inc.findings(), &checker.check(text, None).findings[..], "{text:?}");
        inc.findings().iter().filter(|f| f.rule == "misspelling").count()
    };
    assert_ne!(spelling(three), spelling(two));
}

/// Replace `range` of `inc`'s text with `with`; the engine's text must then be the old text so
/// edited, and its findings a full check's of it.
fn apply_checked(checker: &Checker, inc: &mut Incremental, range: std::ops::Range<usize>, with: &str) {
    let mut expected = inc.text().to_string();
    assert!(inc.apply(range.clone(), with));
    expected.replace_range(range, with);
    assert_eq!(inc.text(), expected);
    assert_eq!(inc.findings(), &checker.check(&expected, None).findings[..], "text: {expected:?}");
}

/// name-variant's groups and compounds, decided again only when their inputs change: a
/// second spelling typed and respelled, the name beside it (which tells a name from a verb)
/// edited, a compound written joined where the story writes it apart (pasted in whole, so
/// that no line the engine has seen holds it), then split again. Each edit changes the
/// findings, and they equal a full check's.
#[test]
fn a_second_spelling_and_a_compound_come_and_go() {
    let (checker, _) = &checkers()[0];
    let names = |inc: &Incremental| inc.findings().iter().filter(|f| f.rule == "name-variant").count();
    let text = "وصل عبد العزيز إلى المدينة صباحاً 😀\r\nالتقى وزير الخارجية سيرغي لافروف نظيره\r\n";
    let mut inc = Incremental::with_names_from(checker.clone(), text, None, 0);
    let edit =
        |inc: &mut Incremental, range: std::ops::Range<usize>, with: &str| apply_checked(checker, inc, range, with);
    assert_eq!(names(&inc), 0);
    // A second spelling appears; the name beside it changes, and back; it is respelled.
    let end = inc.text().len();
    edit(&mut inc, end..end, "وقال سيرجي لافروف إن الاجتماع كان مفيداً\n");
    assert_eq!(names(&inc), 1);
    let beside = inc.text().rfind("لافروف").unwrap();
    edit(&mut inc, beside..beside + "لافروف".len(), "الوزيرَ");
    assert_eq!(names(&inc), 0);
    edit(&mut inc, beside..beside + "الوزيرَ".len(), "لافروف");
    assert_eq!(names(&inc), 1);
    let at = inc.text().rfind("سيرجي").unwrap() + "سير".len();
    edit(&mut inc, at..at + "ج".len(), "غ");
    assert_eq!(names(&inc), 0);
    // The compound written joined elsewhere: pasted whole, then split.
    let end = inc.text().len();
    edit(&mut inc, end..end, "وكان عبدالعزيز قد زارها أمس\r\n");
    assert_eq!(names(&inc), 1);
    let join = inc.text().rfind("عبدالعزيز").unwrap() + "عبد".len();
    edit(&mut inc, join..join, " ");
    assert_eq!(names(&inc), 0);
}

/// The text of each name-variant finding of `inc`, in order.
fn name_variants(inc: &Incremental) -> Vec<String> {
    inc.findings()
        .iter()
        .filter(|f| f.rule == "name-variant")
        .map(|f| inc.text()[f.range.clone()].to_string())
        .collect()
}

/// A name after ل + the article (لل) is the name after the article alone: typed in beside it,
/// it is one spelling; respelled, it is a variant whose fix keeps the ل; the lines that hold
/// the article's spelling edited, the groups are decided again. Findings equal a full
/// check's after each edit, in both ways of checking name-variant.
#[test]
fn a_name_after_lil_joins_the_name_after_the_article() {
    let (checker, _) = &checkers()[0];
    let variant = name_variants;
    for from in [0, usize::MAX] {
        let text = "أعلن النادي تعاقده مع الكرمتاني لموسمين 😀\r\nوقال المدرب إن الكرمتاني إضافة\r\n";
        let mut inc = Incremental::with_names_from(checker.clone(), text, None, from);
        let edit = |inc: &mut Incremental, find: &str, with: &str| {
            let at = inc.text().rfind(find).expect("the edited text");
            apply_checked(checker, inc, at..at + find.len(), with);
        };
        assert!(variant(&inc).is_empty());
        let end = inc.text().len();
        apply_checked(checker, &mut inc, end..end, "وأضاف أن للكرمتاني دورًا\n");
        assert!(variant(&inc).is_empty());
        edit(&mut inc, "للكرمتاني", "للكرمطاني");
        assert_eq!(variant(&inc), ["للكرمطاني"]);
        let f = inc.findings().iter().find(|f| f.rule == "name-variant").expect("the finding");
        assert_eq!(f.fixes[0].title, "Replace with «للكرمتاني»");
        // The article's spellings respelled too, one (a variant either way) and then the
        // other (one name again).
        edit(&mut inc, "إن الكرمتاني", "إن الكرمطاني");
        assert_eq!(variant(&inc).len(), 1);
        edit(&mut inc, "مع الكرمتاني", "مع الكرمطاني");
        assert!(variant(&inc).is_empty());
    }
}

/// What decides a tie between two spellings of a name and is read from the whole story: its
/// hamza style (function words written with or without hamza, on another line), and how it
/// writes its other compounds (a line of compounds written apart, elsewhere). An edit to that
/// other line flips which spelling is the variant: the groups (and the compounds) that read it
/// are decided again. After each edit the findings are the expected ones and equal a full
/// check's, in both ways of checking name-variant.
#[test]
fn the_storys_hamza_style_and_its_other_compounds_decide_ties() {
    let (checker, _) = &checkers()[0];
    let variant = name_variants;
    for from in [0, usize::MAX] {
        // Hamza: the story writes none, then (its words retyped) writes it, then says nothing
        // (the words gone: the web's spelling is kept), then writes it again. (Each edit inside
        // the middle line: the lines that hold the name are not edited.)
        let without = "ان الحفل نجح وانه سيتكرر اذا سمحت الظروف او تحسن الطقس الى";
        let with = "إن الحفل نجح وأنه سيتكرر إذا سمحت الظروف أو تحسن الطقس إلى";
        let text = format!("غنّت إليسا أمس في افتتاح المهرجان 😀\r\nوقال المنظمون {without} الغد\r\nوأضافت اليسا ذلك\n");
        let mut inc = Incremental::with_names_from(checker.clone(), &text, None, from);
        let edit = |inc: &mut Incremental, find: &str, with: &str| {
            let at = inc.text().find(find).expect("the edited text");
            apply_checked(checker, inc, at..at + find.len(), with);
        };
        assert_eq!(inc.findings(), &checker.check(&text, None).findings[..]);
        assert_eq!(variant(&inc), ["إليسا"]);
        edit(&mut inc, without, with);
        assert_eq!(variant(&inc), ["اليسا"]);
        edit(&mut inc, with, "");
        assert_eq!(variant(&inc), ["إليسا"]);
        edit(&mut inc, "المنظمون", &format!("المنظمون {with}"));
        assert_eq!(variant(&inc), ["اليسا"]);
        // Compounds: once joined, once apart; the story's other compounds written apart (the
        // middle line's words, retyped), then joined, then gone.
        let apart = "عبد الرحمن وأبو علي وعبد الكريم";
        let joined = "عبدالرحمن وأبوعلي وعبدالكريم";
        let text = format!("وصل عبدالله إلى الرياض\nواستقبله {apart} 👍🏽\r\nوأكد عبد الله أن الزيارة نجحت\n");
        let mut inc = Incremental::with_names_from(checker.clone(), &text, None, from);
        assert_eq!(inc.findings(), &checker.check(&text, None).findings[..]);
        assert_eq!(variant(&inc), ["عبدالله"]);
        edit(&mut inc, apart, joined);
        assert_eq!(variant(&inc), ["عبد الله"]);
        edit(&mut inc, joined, apart);
        assert_eq!(variant(&inc), ["عبدالله"]);
        edit(&mut inc, apart, "");
        assert_eq!(variant(&inc), ["عبد الله"]);
    }
}

/// A name respelled into a dictionary word is the name's variant only in the name's context
/// (a word of content beside it on its line, the same on the same side as beside the name):
/// an edit to that neighbour alone, on the word's line and then on the name's lines (the name
/// and the word themselves untouched), decides the group again. After each edit the findings
/// are the expected ones and equal a full check's, in both ways of checking name-variant.
#[test]
fn a_word_in_the_names_context_is_its_variant() {
    let (checker, _) = &checkers()[0];
    let variant = name_variants;
    for from in [0, usize::MAX] {
        let text =
            "انطلق مهرجان القطيف صباح الأحد 😀\r\nوزار الوفد مهرجان القطيف أمس\r\nوتجول الوفد في جناح القطف مساء\n";
        let mut inc = Incremental::with_names_from(checker.clone(), text, None, from);
        assert_eq!(inc.findings(), &checker.check(text, None).findings[..]);
        assert!(variant(&inc).is_empty());
        let edit = |inc: &mut Incremental, find: &str, with: &str| {
            let at = inc.text().find(find).expect("the edited text");
            apply_checked(checker, inc, at..at + find.len(), with);
        };
        // The word's neighbour becomes the name's: the word is the name respelled.
        edit(&mut inc, "جناح", "مهرجان");
        assert_eq!(variant(&inc), ["القطف"]);
        // The name's neighbours change on its own lines, one and then the other.
        edit(&mut inc, "انطلق مهرجان", "انطلق موسم");
        assert_eq!(variant(&inc), ["القطف"]);
        edit(&mut inc, "الوفد مهرجان القطيف", "الوفد موسم القطيف");
        assert!(variant(&inc).is_empty());
        // And back, on the name's line.
        edit(&mut inc, "الوفد موسم القطيف", "الوفد مهرجان القطيف");
        assert_eq!(variant(&inc), ["القطف"]);
    }
}
