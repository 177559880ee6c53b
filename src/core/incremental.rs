//! Incremental checking: a text kept with its findings and updated by edits, so that an edit
//! re-checks the lines it touched rather than the whole text.
//!
//! Pure like the rest of the core: byte-range edits in, [`Finding`]s out, nothing of LSP.
//! The invariant (tested by `tests/incremental_props.rs` over random edit sequences): after
//! every edit, [`Incremental::checked`] equals [`Checker::check`] of the same text, finding
//! for finding, fixes included.
//!
//! How: the text is split into lines (the rules' paragraphs). Rules whose findings on a line
//! depend on that line alone ([`Scope::Line`]: `repeated-word`, `boilerplate`) run on each
//! line by itself, and their findings are kept per line, relative to its start, and cached by
//! a hash of the line's text (with its line ending): an edit re-checks the lines it touched,
//! and the other lines' findings are only shifted. The last line is checked together with
//! the line ending before it, because deleting a last line without a line ending takes that
//! line ending with it. `duplicate-paragraph` keeps what it needs of each line (its
//! normalised text, whether it is long enough, whether it is boilerplate's) in the same
//! cache, and only its decision (which lines repeat an earlier one) runs over the story, on
//! those facts. The other rules that look past the line ([`Scope::Story`]: story-wide
//! counts, the line before, the next words) run on the whole text after each edit. Then the same
//! post-processing as a full check ([`Checker::finish`]). HTML comments may span lines and
//! switch rules off for stretches of text, so a text with `<!--` in it is checked whole.

use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use crate::core::rules::boilerplate;
use crate::core::rules::duplicate_paragraph::{self, LineFacts};
use crate::core::{Checked, Checker, Document, Finding, RuleInfo, RuleLevel, Scope, Severity, RULES};

/// Texts at least this long have their story-scope rules run side by side.
const PARALLEL_BYTES: usize = 8 << 10;

/// The line-scope rules' findings on one line checked alone.
#[derive(Debug, Default)]
struct Local {
    /// Offsets relative to the start of the checked segment.
    findings: Vec<Finding>,
    /// Line-scope rules that panicked on this line.
    failed: Vec<&'static str>,
    /// What `duplicate-paragraph` needs of the line, and whether it is boilerplate's.
    paragraph: Option<(LineFacts, bool)>,
}

/// A segment's identity: two independent 64-bit hashes of its text, and its length.
type SegKey = (u64, u64, usize);

#[derive(Clone, Debug)]
struct Line {
    /// Byte length, line ending included.
    len: usize,
    /// Bytes of the line ending before this line that were checked with it (the last line).
    lead: usize,
    key: SegKey,
    local: Arc<Local>,
}

/// A text, its findings, and what is needed to update both after an edit.
pub struct Incremental {
    checker: Arc<Checker>,
    path: Option<String>,
    text: String,
    lines: Vec<Line>,
    /// Line-scope results by segment text, for lines that come back (an undo, a paste).
    cache: FxHashMap<SegKey, Arc<Local>>,
    /// The rules that are on for `path`, with their severity.
    line_rules: Vec<(&'static RuleInfo, Severity)>,
    story_rules: Vec<(&'static RuleInfo, Severity)>,
    /// `duplicate-paragraph`, when on: decided from facts kept per line.
    paragraphs: Option<Severity>,
    checked: Checked,
    /// Lines whose line-scope findings the last update computed (not found in a cache).
    rechecked: usize,
}

impl Incremental {
    /// Check `text` (a full check's worth of work, kept for the edits to come). `path` as
    /// for [`Checker::check`].
    pub fn new(checker: Arc<Checker>, text: &str, path: Option<&str>) -> Incremental {
        let on = |scope: Scope| -> Vec<(&'static RuleInfo, Severity)> {
            RULES
                .iter()
                .filter(|r| r.scope == scope)
                .filter_map(|r| match checker.level(r, path) {
                    RuleLevel::On(severity) => Some((r, severity)),
                    _ => None,
                })
                .collect()
        };
        let (line_rules, mut story_rules) = (on(Scope::Line), on(Scope::Story));
        let paragraphs = story_rules.iter().find(|(r, _)| r.id == duplicate_paragraph::RULE.id).map(|&(_, s)| s);
        story_rules.retain(|(r, _)| r.id != duplicate_paragraph::RULE.id);
        let mut me = Incremental {
            checker,
            path: path.map(str::to_string),
            text: text.to_string(),
            lines: Vec::new(),
            cache: FxHashMap::default(),
            line_rules,
            story_rules,
            paragraphs,
            checked: Checked::default(),
            rechecked: 0,
        };
        me.lines = split_lines(&me.text, 0, me.text.len(), true);
        me.refresh(0..me.lines.len());
        me
    }

    /// The text as the edits so far left it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The findings of the current text, as [`Checker::check`] gives them.
    pub fn findings(&self) -> &[Finding] {
        &self.checked.findings
    }

    pub fn checked(&self) -> &Checked {
        &self.checked
    }

    /// How many lines the last update checked again (not found in the cache).
    pub fn rechecked_lines(&self) -> usize {
        self.rechecked
    }

    /// Replace the bytes in `range` with `replacement` and bring the findings up to date.
    /// A range outside the text or off a character boundary changes nothing: `false`.
    pub fn apply(&mut self, range: Range<usize>, replacement: &str) -> bool {
        let Range { start, end } = range;
        if start > end
            || end > self.text.len()
            || !self.text.is_char_boundary(start)
            || !self.text.is_char_boundary(end)
        {
            return false;
        }
        // The lines holding `start` and `end` (a position at a line's start belongs to that
        // line), re-split after the edit.
        let (first, first_start) = self.line_at(start);
        let (last, last_start) = self.line_at(end);
        let region_end = last_start + self.lines[last].len;
        let to_end = last + 1 == self.lines.len();
        self.text.replace_range(start..end, replacement);
        let new_end = region_end - (end - start) + replacement.len();
        let fresh = split_lines(&self.text, first_start, new_end, to_end);
        let added = fresh.len();
        self.lines.splice(first..=last, fresh);
        self.refresh(first..first + added);
        true
    }

    /// The index and start offset of the line holding byte `at` (the last line for the end).
    fn line_at(&self, at: usize) -> (usize, usize) {
        let mut start = 0;
        for (i, l) in self.lines.iter().enumerate() {
            if at < start + l.len || i + 1 == self.lines.len() {
                return (i, start);
            }
            start += l.len;
        }
        (0, 0)
    }

    /// Re-check the lines in `changed` (and the last line, whose segment depends on the
    /// line before it), then put the findings together.
    fn refresh(&mut self, changed: Range<usize>) {
        self.rechecked = 0;
        let mut starts = Vec::with_capacity(self.lines.len());
        let mut at = 0;
        for l in &self.lines {
            starts.push(at);
            at += l.len;
        }
        let last = self.lines.len().saturating_sub(1);
        for i in changed.chain(std::iter::once(last)) {
            self.recheck_line(i, starts.get(i).copied().unwrap_or(0));
        }
        if self.cache.len() > 2 * self.lines.len() + 256 {
            self.cache = self.lines.iter().map(|l| (l.key, l.local.clone())).collect();
        }
        self.checked = self.assemble(&starts);
    }

    fn recheck_line(&mut self, i: usize, start: usize) {
        let Some(line) = self.lines.get(i) else { return };
        let lead = if i > 0 && i + 1 == self.lines.len() {
            if self.text[..start].ends_with("\r\n") {
                2
            } else {
                1
            }
        } else {
            0
        };
        let seg = &self.text[start - lead..start + line.len];
        let key = seg_key(seg);
        if key == line.key && lead == line.lead {
            return;
        }
        let local = match self.cache.get(&key) {
            Some(l) => l.clone(),
            None => {
                self.rechecked += 1;
                let local = Arc::new(self.check_segment(seg, lead > 0));
                self.cache.insert(key, local.clone());
                local
            }
        };
        if let Some(line) = self.lines.get_mut(i) {
            *line = Line { len: line.len, lead, key, local };
        }
    }

    /// The line-scope rules on one segment (`after_lead`: the line is the segment's second,
    /// after the line ending before it), and what `duplicate-paragraph` needs of the line.
    fn check_segment(&self, seg: &str, after_lead: bool) -> Local {
        let doc = Document::new(seg);
        let mut local = Local::default();
        if self.paragraphs.is_some() {
            let i = usize::from(after_lead);
            let (text, words) = (doc.line_text(i), doc.lines.get(i).map_or(0, |l| l.words.len()));
            let facts = LineFacts::of(text, words);
            let chrome = facts.has_words && boilerplate::matches(self.checker.data(), text).is_some();
            local.paragraph = Some((facts, chrome));
        }
        for &(rule, severity) in &self.line_rules {
            match self.checker.run_rule(rule, &doc, severity) {
                Some(found) => local.findings.extend(found),
                None => local.failed.push(rule.id),
            }
        }
        local
    }

    /// The findings of the whole text: the lines' (shifted), the story rules', finished.
    fn assemble(&self, starts: &[usize]) -> Checked {
        let path = self.path.as_deref();
        if self.text.contains("<!--") {
            return self.checker.check(&self.text, path);
        }
        let mut failed: Vec<&'static str> = Vec::new();
        for l in &self.lines {
            for id in &l.local.failed {
                if !failed.contains(id) {
                    failed.push(id);
                }
            }
        }
        let mut findings = Vec::new();
        for (l, &start) in self.lines.iter().zip(starts) {
            let base = start - l.lead;
            findings.extend(l.local.findings.iter().filter(|f| !failed.contains(&f.rule)).map(|f| shifted(f, base)));
        }
        if let Some(severity) = self.paragraphs {
            match self.paragraphs(starts, severity) {
                Some(found) => findings.extend(found),
                None => failed.push(duplicate_paragraph::RULE.id),
            }
        }
        if !self.story_rules.is_empty() {
            let doc = Document::new(&self.text);
            let run =
                |&(rule, severity): &(&'static RuleInfo, Severity)| (rule, self.checker.run_rule(rule, &doc, severity));
            // Side by side only where it pays: below a few kilobytes, starting threads costs
            // more than the rules take (with the dictionary's corrector, a 20 KB story's
            // misspelling rule alone takes about twice name-variant's time).
            let outcomes: Vec<_> = if self.text.len() >= PARALLEL_BYTES {
                self.story_rules.par_iter().map(run).collect()
            } else {
                self.story_rules.iter().map(run).collect()
            };
            for (rule, outcome) in outcomes {
                match outcome {
                    Some(found) => findings.extend(found),
                    None => failed.push(rule.id),
                }
            }
        }
        self.checker.finish(&self.text, path, &mut findings);
        // In registry order, as a full check reports them.
        let failed_rules = RULES.iter().map(|r| r.id).filter(|id| failed.contains(id)).collect();
        Checked { findings, failed_rules }
    }
}

impl Incremental {
    /// `duplicate-paragraph`'s findings from the facts kept per line (`None` if it panicked).
    fn paragraphs(&self, starts: &[usize], severity: Severity) -> Option<Vec<Finding>> {
        let text = self.text.as_str();
        let ranges: Vec<(Range<usize>, Range<usize>)> = self
            .lines
            .iter()
            .zip(starts)
            .map(|(l, &start)| {
                let full = start..start + l.len;
                let ending = match text.get(full.clone()) {
                    Some(t) if t.ends_with("\r\n") => 2,
                    Some(t) if t.ends_with('\n') => 1,
                    _ => 0,
                };
                (start..full.end - ending, full)
            })
            .collect();
        let none = (LineFacts::default(), false);
        let fact = |i: usize| self.lines.get(i).and_then(|l| l.local.paragraph.as_ref()).unwrap_or(&none);
        let found = catch_unwind(AssertUnwindSafe(|| {
            duplicate_paragraph::decide(text, &ranges, |i| &fact(i).0, |i| fact(i).1, |i| i + 1)
        }))
        .ok()?;
        Some(found.into_iter().map(|f| Finding { severity, ..f }).collect())
    }
}

/// The lines of `text[from..to]`, each with its line ending; the piece after the last line
/// ending is a line only at the end of the text (`to_end`), where it may be empty.
fn split_lines(text: &str, from: usize, to: usize, to_end: bool) -> Vec<Line> {
    let region = &text[from..to];
    let mut out = Vec::new();
    let mut rest = region;
    while let Some(i) = rest.find('\n') {
        out.push(i + 1);
        rest = &rest[i + 1..];
    }
    if to_end || !rest.is_empty() {
        out.push(rest.len());
    }
    // A key no segment has: every new line is checked (or found in the cache) on refresh.
    out.into_iter().map(|len| Line { len, lead: usize::MAX, key: (0, 0, usize::MAX), local: Arc::default() }).collect()
}

fn seg_key(seg: &str) -> SegKey {
    let mut a = FxHasher::default();
    seg.hash(&mut a);
    // A second, unrelated hash (SipHash with fixed keys): a collision of both is not a
    // practical concern, and a line's findings are never taken for another line's.
    let b = std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(seg);
    (a.finish(), b, seg.len())
}

/// `f` with its range and its fixes' edits moved `by` bytes on.
fn shifted(f: &Finding, by: usize) -> Finding {
    let mut f = f.clone();
    f.range = f.range.start + by..f.range.end + by;
    for fix in &mut f.fixes {
        for e in &mut fix.edits {
            e.range = e.range.start + by..e.range.end + by;
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Config;

    fn checker() -> Arc<Checker> {
        Arc::new(Checker::new(Config::default(), None))
    }

    fn same_as_full(inc: &Incremental) {
        let full = inc.checker.check(inc.text(), None);
        assert_eq!(inc.findings(), &full.findings[..], "text: {:?}", inc.text());
        assert_eq!(inc.checked().failed_rules, full.failed_rules);
    }

    #[test]
    fn an_edit_rechecks_only_the_line_it_touched() {
        let text = "قال الوزيرُ في في المؤتمر\r\nخبر ثان 😀 عن عن الاقتصاد\nسطر ثالث\n";
        let mut inc = Incremental::new(checker(), text, None);
        same_as_full(&inc);
        assert_eq!(inc.findings().iter().filter(|f| f.rule == "repeated-word").count(), 2);
        // Type a letter in the second line: one line re-checked.
        let at = inc.text().find("ثان").unwrap();
        assert!(inc.apply(at..at, "ا"));
        assert_eq!(inc.rechecked_lines(), 1);
        same_as_full(&inc);
        // Undo: the line's old findings come from the cache.
        assert!(inc.apply(at..at + "ا".len(), ""));
        assert_eq!(inc.rechecked_lines(), 0);
        same_as_full(&inc);
    }

    #[test]
    fn joining_splitting_and_the_last_line() {
        let mut inc = Incremental::new(checker(), "مشاركة\r\nاقرأ أيضا", None);
        same_as_full(&inc);
        // Join the two lines (delete the CRLF), split them again, delete everything.
        let crlf = inc.text().find("\r\n").unwrap();
        assert!(inc.apply(crlf..crlf + 2, " "));
        same_as_full(&inc);
        assert!(inc.apply(crlf..crlf + 1, "\n"));
        same_as_full(&inc);
        let len = inc.text().len();
        assert!(inc.apply(0..len, ""));
        same_as_full(&inc);
        assert_eq!(inc.text(), "");
        // Invalid edits change nothing.
        assert!(!inc.apply(0..1, "x"));
        assert!(!inc.apply(Range { start: 1, end: 0 }, "x"));
        let mut inc = Incremental::new(checker(), "ب😀", None);
        assert!(!inc.apply(3..4, ""));
        assert_eq!(inc.text(), "ب😀");
    }
}
