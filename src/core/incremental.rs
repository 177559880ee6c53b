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
//! normalised text and a hash of it, whether it is long enough, whether it is boilerplate's)
//! in the same cache, and the engine counts the story's copies of each paragraph by that
//! hash, updated as lines are replaced: its decision (which lines repeat an earlier one) is
//! handed only the headline, the last line with words and the paragraphs with more than one
//! copy, and when no paragraph has two copies no line is looked at past the first and last
//! with words.
//!
//! `unattributed-quote` ([`Scope::Neighbours`]) reads a line's neighbours: whether the
//! nearest line above it that is not blank ends with a colon or carries attributed speech on,
//! and the first words after it (an attribution phrase may start on its last word and end on
//! a line below). It is checked line by line, each line after a line `:` (when the line above
//! ends with one; after that line itself when it leaves a quotation open or closes one) and followed
//! by the lines that hold the words it may read, and the findings inside the line are kept
//! relative to it; a line with no quotation mark is not checked. After an edit the engine
//! checks again the touched lines, the lines above whose next words reach into them, and the
//! lines below down to the first that is not blank.
//!
//! `misspelling` is checked line by line too, each line with the end of the copy above it
//! (from the last word of the nearest line with words: the rule reads the word before a
//! line's first), against story evidence the engine keeps: how often each form (a word's key,
//! the stems its clitic chains leave) occurs, updated by a line's removal and insertion. Every
//! story lookup goes through [`StoryForms`], which records it with the range of counts over
//! which its answer holds (`at least 2`: 0–1 or 2+); the corrector's verdicts are kept per
//! form with what they read. After an edit the engine re-checks the touched lines, the lines
//! whose recorded lookups now answer otherwise, the lines that used a verdict whose lookups
//! do, and the first line with words below the edit if its context changed. Which lines read
//! which forms is indexed (by the low 32 bits of each form's hash, with ids the lines keep
//! while they exist), so only the lines that read a form whose count changed have their
//! lookups looked at.
//!
//! `name-variant` (module `names`) keeps what it reads of each line with the line's other
//! facts (its words' keys, where its possible names are, what `compounds` reads of it), counts
//! the story's whole words by skeleton and keeps each distinct word's name form. After an edit
//! it decides again, with the full check's own `name_variant::decide`, only the skeleton groups
//! whose inputs changed: an occurrence (key, neighbours on the line, written text) added or
//! removed, a word whose name form moved (a skeleton count crossed 1 or 2), a finding touching
//! the edit, or, for an edit over more than one line, every occurrence on the lines it made
//! other than those it kept as they were at either end (deleting or pasting a paragraph
//! keeps the line after it); the other groups' findings are shifted. `compounds` runs on the
//! words it may read on the lines holding a compound written both ways (those words alone, one
//! run of a line's a line: a few kilobytes where the lines are hundreds), only when those
//! words or that set change. That is for texts of
//! [`NAMES_BY_GROUP_FROM`] bytes or more when opened; a shorter text is opened with
//! name-variant run on the whole text, which keeps less memory (most open stories are not
//! edited), and kept by group from its first edit on. No rule
//! builds a document model of a long text on an edit. Then the same post-processing as a full check ([`Checker::finish`]),
//! one line's findings at a time, each line's kept until what it was made from changes (see
//! [`Incremental::finish_by_line`]). HTML comments may span lines and switch rules off for
//! stretches of text, so a text with `<!--` in it is checked whole.

use std::cell::RefCell;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::core::corrector::{form_hash, FormCounts, Reads, StoryForms};
use crate::core::rules::boilerplate;
use crate::core::rules::duplicate_paragraph::{self, LineFacts};
use crate::core::rules::misspelling::{self, Verdicts};
use crate::core::rules::name_variant;
use crate::core::rules::unattributed_quote;
use crate::core::{Checked, Checker, Document, Finding, RuleInfo, RuleLevel, Scope, Severity, RULES};

mod names;

/// Texts at least this long when opened have `name-variant` kept by skeleton group (facts per
/// line, counts, each group's findings); shorter ones have it run on the whole text after each
/// edit (a 20 KB story's in about 1 ms), which keeps less: by group, 100 open 20 KB stories
/// took 75.6 MB against 41 MB (the memory bench).
pub const NAMES_BY_GROUP_FROM: usize = 256 << 10;

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
    /// A hash of the line's normalised text, if it counts as a paragraph (what the engine's
    /// count of each paragraph's copies is keyed by).
    norm_hash: Option<u64>,
    /// How many words the line holds.
    words: usize,
    /// What `name-variant` reads of the line (when it is on).
    names: Option<names::LineNames>,
    /// The line holds `<!--` (then the whole text is checked whole: see [`Incremental::assemble`]).
    /// No line break is in `<!--`, so the text holds one exactly when a line does.
    comment: bool,
}

/// A line's findings as [`Checker::finish`] left them, kept until what they were made from
/// changes (see [`Incremental::assemble`]).
#[derive(Clone, Debug, Default)]
enum Done {
    /// Not finished since the line's findings last changed.
    #[default]
    Dirty,
    /// Finished: no findings, and no story-scope rule's finding was on the line.
    Empty,
    Kept(Box<Finished>),
}

#[derive(Clone, Debug)]
struct Finished {
    /// The story-scope rules' findings (name-variant's, duplicate-paragraph's) that were on
    /// the line, as they came (offsets relative to the line's start): the line is finished
    /// again when these differ.
    story: Vec<Finding>,
    /// The line's findings, finished (offsets relative to its start).
    findings: Vec<Finding>,
}

/// A segment's identity: two independent 64-bit hashes of its text, and its length.
type SegKey = (u64, u64, usize);

/// The misspelling rule's results on one line, checked with the end of the copy above it (the
/// last word of the nearest line above with words, and what follows it: the rule reads the
/// word before a line's first), and what they depend on besides the line's text.
#[derive(Clone, Debug, Default)]
struct Spell {
    /// Offsets relative to the line's start.
    findings: Vec<Finding>,
    /// The rule panicked on this line.
    failed: bool,
    /// The story lookups the line's verdicts made: the line is checked again when an edit
    /// elsewhere changes one's answer.
    reads: Reads,
    /// The forms (hashes, sorted) whose kept corrector verdicts the line used.
    used: Vec<u64>,
    /// A hash of the context it was checked with (the text from the word above to the line).
    context: u64,
    /// Where the line's last word starts (relative to the line), if it has words.
    last_word: Option<usize>,
}

#[derive(Clone, Debug)]
struct Line {
    /// The line's own number, kept while it exists (never reused; see [`LineIndex`]).
    id: u32,
    /// Byte length, line ending included.
    len: usize,
    /// Bytes of the line ending before this line that were checked with it (the last line).
    lead: usize,
    key: SegKey,
    local: Arc<Local>,
    /// `None` until checked (misspelling off: never).
    spell: Option<Box<Spell>>,
    /// `unattributed-quote`'s findings on the line (offsets relative to its start), and
    /// whether it panicked there; `None` for neither.
    quoted: Option<Box<(Vec<Finding>, bool)>>,
    /// Its findings finished; [`Done::Dirty`] whenever its line-scope, misspelling or
    /// quotation results are made again.
    done: Done,
}

/// The story's forms, counted line by line (what the misspelling rule's story evidence reads),
/// by two independent hashes of each form ([`form_hash`], and 32 bits of another): no string
/// kept per form, and two forms taken for one only if both hashes collide. 16 bytes an entry
/// (a key of two `u64`s made it 24: 0.5 MB more on the 2 MB document's 47,600 forms).
#[derive(Default)]
struct Counts(FxHashMap<FormKey, u32>);

/// [`form_hash`] in two halves and 32 bits of a second hash (4-byte aligned, so that an entry
/// with its count takes 16 bytes).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct FormKey([u32; 3]);

impl FormKey {
    /// The form's [`form_hash`].
    fn hash(self) -> u64 {
        u64::from(self.0[0]) | (u64::from(self.0[1]) << 32)
    }
}

fn form_key(form: &str) -> FormKey {
    let sip = std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(form);
    let h = form_hash(form);
    FormKey([h as u32, (h >> 32) as u32, sip as u32])
}

impl FormCounts for Counts {
    fn count(&self, form: &str) -> usize {
        self.0.get(&form_key(form)).map_or(0, |&n| n as usize)
    }
}

impl Counts {
    /// Add (or take away) the forms of the words of `line`; `before` gets the count each form
    /// had before its first change.
    fn add_line(&mut self, line: &str, add: bool, before: &mut FxHashMap<FormKey, u32>) {
        let doc = Document::new(line);
        for w in &doc.words {
            for f in misspelling::story_forms_of(doc.key(w)) {
                let k = form_key(f);
                let now = self.0.get(&k).copied().unwrap_or(0);
                before.entry(k).or_insert(now);
                let next = if add { now + 1 } else { now.saturating_sub(1) };
                if next == 0 {
                    self.0.remove(&k);
                } else {
                    self.0.insert(k, next);
                }
            }
        }
    }
}

/// Which lines hold what: pairs of (low 32 bits of a hash, line id), looked up by hash. The
/// misspelling rule's readers (every story lookup a line's check recorded, so that after an
/// edit only the lines that read a form whose count changed have their lookups checked again,
/// [`Reads::stale`], rather than every line's: 74,000 lookups on the 2 MB document) and
/// name-variant's holders (`names::Holders`). Entries of lines since re-checked or gone stay
/// until the index is made again: an entry too many only has a line looked at. 8 bytes a pair.
struct LineIndex {
    /// Sorted.
    sorted: Vec<(u32, u32)>,
    /// Added since the last merge (merged into `sorted` when it grows); sorted too when
    /// `recent_sorted` (see [`LineIndex::settle`]).
    recent: Vec<(u32, u32)>,
    recent_sorted: bool,
}

impl Default for LineIndex {
    fn default() -> Self {
        LineIndex { sorted: Vec::new(), recent: Vec::new(), recent_sorted: true }
    }
}

impl LineIndex {
    /// The index of these pairs.
    fn of(mut pairs: Vec<(u32, u32)>) -> LineIndex {
        pairs.sort_unstable();
        pairs.dedup();
        pairs.shrink_to_fit();
        LineIndex { sorted: pairs, recent: Vec::new(), recent_sorted: true }
    }

    /// Line `id` holds these hashes (low 32 bits).
    fn add(&mut self, hashes: impl IntoIterator<Item = u32>, id: u32) {
        self.add_pairs(hashes.into_iter().map(|h| (h, id)));
    }

    /// These (hash, id) pairs (see [`LineIndex::add`]).
    fn add_pairs(&mut self, pairs: impl IntoIterator<Item = (u32, u32)>) {
        let n = self.recent.len();
        self.recent.extend(pairs);
        self.recent_sorted &= self.recent.len() == n;
        if self.recent.len() > 4096 {
            self.merge();
        }
    }

    /// The recent pairs merged into the sorted ones.
    fn merge(&mut self) {
        let mut recent = std::mem::take(&mut self.recent);
        recent.sort_unstable();
        let mut all = merged(std::mem::take(&mut self.sorted), recent);
        all.dedup();
        all.shrink_to_fit();
        self.sorted = all;
        self.recent_sorted = true;
    }

    /// The recent pairs sorted, so that the lookups to come search them rather than scan them
    /// (up to 4,096 pairs for each of a paste's hundreds of changed forms or touched groups'
    /// words: about 4% of a deleted or pasted paragraph's time in the engine).
    fn settle(&mut self) {
        if !self.recent_sorted {
            self.recent.sort_unstable();
            self.recent_sorted = true;
        }
    }

    /// The ids of the lines that (may) hold a hash (its low 32 bits).
    fn lines(&self, hash: u64, out: &mut FxHashSet<u32>) {
        let h = hash as u32;
        out.extend(holding(&self.sorted, h));
        if self.recent_sorted {
            out.extend(holding(&self.recent, h));
        } else {
            out.extend(self.recent.iter().filter(|&&(g, _)| g == h).map(|&(_, id)| id));
        }
    }

    fn len(&self) -> usize {
        self.sorted.len() + self.recent.len()
    }
}

/// The forms whose count an edit changed (form hash -> new count), to ask whether recorded
/// lookups ([`Reads`]) still hold.
struct ChangedForms<'a> {
    counts: &'a FxHashMap<u64, usize>,
    /// The low 32 bits of the changed forms' hashes whose new count is not zero.
    present: FxHashSet<u32>,
    filter: ChangedFilter,
}

impl<'a> ChangedForms<'a> {
    fn new(counts: &'a FxHashMap<u64, usize>) -> ChangedForms<'a> {
        let present = counts.iter().filter(|&(_, &n)| n != 0).map(|(&h, _)| h as u32).collect();
        ChangedForms { counts, present, filter: ChangedFilter::of(counts.keys().copied()) }
    }

    /// Whether an answer `reads` recorded changed. First the filter: lookups none of whose
    /// forms it may hold read no changed form (most of a suspect line's lookups are answered
    /// so, without a hash-map lookup each; the kept verdicts asked are only those
    /// [`Incremental::verdict_readers`] says read a changed form); then whichever way
    /// is shorter: each changed form searched among the lookups (a keystroke changes a few),
    /// or each lookup looked up among the changed forms (a paste, hundreds).
    fn stale(&self, reads: &Reads) -> bool {
        if !reads.forms32().any(|f| self.filter.may_hold(f)) {
            false
        } else if reads.len() < 8 * self.counts.len() {
            reads.stale_among(self.counts, &self.present)
        } else {
            reads.stale(self.counts)
        }
    }
}

/// A set of form hashes (by their low 32 bits, as [`Reads::forms32`] gives them) as a
/// filter of 2^20 bits (128 KB, within the second-level cache): "no" is certain, "yes" may be
/// another hash with the same 20 bits. (With 65,536 bits, a paste's hundreds of changed forms
/// let most verdicts' hundred-odd lookups through.)
struct ChangedFilter(Vec<u64>);

impl ChangedFilter {
    fn of(hashes: impl IntoIterator<Item = u64>) -> ChangedFilter {
        let mut bits = vec![0u64; (1 << Self::BITS) / 64];
        for h in hashes {
            let b = Self::bit(h as u32);
            bits[b / 64] |= 1 << (b % 64);
        }
        ChangedFilter(bits)
    }

    const BITS: u32 = 20;

    fn bit(form32: u32) -> usize {
        (form32 >> (32 - Self::BITS)) as usize
    }

    fn may_hold(&self, form32: u32) -> bool {
        let b = Self::bit(form32);
        self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

/// The ids paired with `h` in sorted `pairs`.
fn holding(pairs: &[(u32, u32)], h: u32) -> impl Iterator<Item = u32> + '_ {
    let from = pairs.partition_point(|&(g, _)| g < h);
    pairs[from..].iter().take_while(move |&&(g, _)| g == h).map(|&(_, id)| id)
}

/// Two sorted lists as one.
fn merged(a: Vec<(u32, u32)>, b: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x <= y => a.next(),
            (Some(_), Some(_)) | (None, Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    out
}

/// Counts of what an [`Incremental`] keeps.
#[derive(Clone, Copy, Debug, Default)]
pub struct Footprint {
    pub lines: usize,
    /// Lines' line-scope results kept by content (for lines that come back).
    pub cached_lines: usize,
    /// Distinct forms in the story's counts.
    pub forms: usize,
    /// Distinct words that may be names, kept by `name-variant`.
    pub name_words: usize,
    /// Corrector verdicts kept, and the story lookups they recorded.
    pub verdicts: usize,
    pub verdict_reads: usize,
    /// Story lookups and verdicts recorded by the lines.
    pub line_reads: usize,
    pub line_verdicts: usize,
    /// Findings kept per line.
    pub line_findings: usize,
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
    /// `misspelling`, when on: checked line by line against the story's counts.
    spelling: Option<Severity>,
    /// `unattributed-quote`, when on: checked line by line with its neighbours, and how many
    /// words after a line it reads.
    quotes: Option<Severity>,
    quote_reach: usize,
    /// `name-variant`, when on: decided by skeleton group from facts kept per line.
    names: Option<names::Names>,
    /// `name-variant`'s severity while a short text runs it whole: kept by group from the
    /// text's first edit on ([`Incremental::names_by_group_now`]).
    names_on_edit: Option<Severity>,
    counts: Counts,
    /// Which lines read which forms (for the misspelling rule), and the next line id.
    /// Which lines read which forms.
    readers: LineIndex,
    next_id: u32,
    /// `duplicate-paragraph`: how many lines hold each paragraph (by [`Local::norm_hash`]),
    /// and how many paragraphs have more than one copy.
    copies: FxHashMap<u64, u32>,
    repeated: usize,
    verdicts: Verdicts,
    /// Which kept verdicts read which forms ((form, verdict's form) by the low 32 bits of their
    /// hashes): an edit asks only the verdicts that read a form whose count it changed
    /// (rather than every verdict's hundred-odd lookups). Entries of verdicts since dropped
    /// stay until it is made again (when it holds twice the kept verdicts' lookups).
    verdict_readers: LineIndex,
    /// How many verdicts were left after they were last pruned.
    verdicts_kept: usize,
    /// Shared with whoever holds this text's findings (the server's results), so they are not
    /// copied per edit.
    checked: Arc<Checked>,
    /// Lines whose line-scope findings the last update computed (not found in a cache).
    rechecked: usize,
    /// Lines whose findings the last update finished again (`None`: the whole text's were).
    refinished: Option<usize>,
    /// The new lines of an edit over more than one line that are not one of its old lines
    /// kept as they were at either end (see [`common_lines`]): their possible names count as
    /// changed whatever the other lines hold (`names::Names::whole_lines`).
    whole: Range<usize>,
}

impl Incremental {
    /// Check `text` (a full check's worth of work, kept for the edits to come). `path` as
    /// for [`Checker::check`].
    pub fn new(checker: Arc<Checker>, text: &str, path: Option<&str>) -> Incremental {
        let mut me = Incremental::with_names_from(checker, text, path, NAMES_BY_GROUP_FROM);
        if me.names.is_none() {
            me.names_on_edit = me.story_rules.iter().find(|(r, _)| r.id == name_variant::RULE.id).map(|&(_, s)| s);
        }
        me
    }

    /// [`Incremental::new`], with `name-variant` kept by skeleton group when `text` is at least
    /// `from` bytes long, else run on the whole text after each edit (never by group, unlike
    /// [`Incremental::new`], which keeps a short text's by group from its first edit); for
    /// tests, which check every way on short stories.
    pub fn with_names_from(checker: Arc<Checker>, text: &str, path: Option<&str>, from: usize) -> Incremental {
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
        let spelling = story_rules.iter().find(|(r, _)| r.id == misspelling::RULE.id).map(|&(_, s)| s);
        let names = story_rules
            .iter()
            .find(|(r, _)| r.id == name_variant::RULE.id && text.len() >= from)
            .map(|&(_, s)| names::Names::new(s));
        story_rules.retain(|(r, _)| {
            r.id != duplicate_paragraph::RULE.id
                && r.id != misspelling::RULE.id
                && (r.id != name_variant::RULE.id || names.is_none())
        });
        let quotes = on(Scope::Neighbours).iter().find(|(r, _)| r.id == unattributed_quote::RULE.id).map(|&(_, s)| s);
        let quote_reach = unattributed_quote::words_read_after(checker.data());
        let mut me = Incremental {
            checker,
            path: path.map(str::to_string),
            text: text.to_string(),
            lines: Vec::new(),
            cache: FxHashMap::default(),
            line_rules,
            story_rules,
            paragraphs,
            spelling,
            quotes,
            quote_reach,
            names,
            names_on_edit: None,
            counts: Counts::default(),
            readers: LineIndex::default(),
            next_id: 0,
            copies: FxHashMap::default(),
            repeated: 0,
            verdicts: Verdicts::default(),
            verdict_readers: LineIndex::default(),
            verdicts_kept: 0,
            checked: Arc::default(),
            rechecked: 0,
            refinished: None,
            whole: 0..0,
        };
        me.lines = split_lines(&me.text, 0, me.text.len(), true);
        me.number(0..me.lines.len());
        if me.spelling.is_some() {
            let mut before = FxHashMap::default();
            for line in me.text.split_inclusive('\n') {
                me.counts.add_line(line, true, &mut before);
            }
            me.counts.0.shrink_to_fit();
        }
        me.refresh(0..me.lines.len(), &FxHashMap::default());
        me.verdicts_kept = me.verdicts.len();
        // (made whole once here, not merged in on the first edit)
        me.verdict_readers = LineIndex::of(me.verdicts.take_made());
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

    /// The findings of the current text, shared (the next edit makes new ones rather than
    /// changing these): what the server keeps with a text, without copying 700 findings of a
    /// long document per edit.
    pub fn shared(&self) -> Arc<Checked> {
        Arc::clone(&self.checked)
    }

    /// What the engine keeps, counted (for the memory bench and tests).
    pub fn footprint(&self) -> Footprint {
        let spells = self.lines.iter().filter_map(|l| l.spell.as_ref());
        let (mut reads, mut used, mut findings) = (0, 0, 0);
        for sp in spells {
            reads += sp.reads.len();
            used += sp.used.len();
            findings += sp.findings.len();
        }
        Footprint {
            lines: self.lines.len(),
            cached_lines: self.cache.len(),
            forms: self.counts.0.len(),
            name_words: self.names.as_ref().map_or(0, names::Names::len),
            verdicts: self.verdicts.len(),
            verdict_reads: self.verdicts.reads_len(),
            line_reads: reads,
            line_verdicts: used,
            line_findings: findings
                + self
                    .lines
                    .iter()
                    .map(|l| l.local.findings.len() + l.quoted.as_ref().map_or(0, |q| q.0.len()))
                    .sum::<usize>(),
        }
    }

    /// How many lines the last update checked again (not found in the cache).
    pub fn rechecked_lines(&self) -> usize {
        self.rechecked
    }

    /// How many lines' findings the last update finished again ([`Checker::finish`] on each
    /// line's by themselves), or `None` if it finished the whole text's at once.
    pub fn refinished_lines(&self) -> Option<usize> {
        self.refinished
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
        self.names_by_group_now();
        // The lines holding `start` and `end` (a position at a line's start belongs to that
        // line), re-split after the edit.
        let (first, first_start) = self.line_at(start);
        let (last, last_start) = self.line_at(end);
        let region_end = last_start + self.lines[last].len;
        let to_end = last + 1 == self.lines.len();
        // An edit over more than one line: its old lines, to find the ones it kept as they were.
        let whole = self.names.is_some() && (last > first || replacement.contains('\n'));
        let old_lens: Vec<usize> =
            if whole { self.lines[first..=last].iter().map(|l| l.len).collect() } else { Vec::new() };
        let old_region = if whole { self.text[first_start..region_end].to_string() } else { String::new() };
        // The story's counts: the old lines' forms out, the new lines' in.
        let mut before = FxHashMap::default();
        if self.spelling.is_some() {
            for line in self.text[first_start..region_end].split_inclusive('\n') {
                self.counts.add_line(line, false, &mut before);
            }
        }
        let mut at = first_start;
        for i in first..=last {
            let local = self.lines[i].local.clone();
            self.count_copies(&local, false);
            let len = self.lines[i].len;
            if let Some(names) = &mut self.names {
                if i == first {
                    names.edit(start..end, replacement.len());
                }
                let id = self.lines[i].id;
                names.count(local.names.as_ref(), self.text.get(at..at + len).unwrap_or(""), id, false);
            }
            at += len;
        }
        self.text.replace_range(start..end, replacement);
        let new_end = region_end - (end - start) + replacement.len();
        let fresh = split_lines(&self.text, first_start, new_end, to_end);
        let added = fresh.len();
        let new_lens: Vec<usize> = if whole { fresh.iter().map(|l| l.len).collect() } else { Vec::new() };
        self.lines.splice(first..=last, fresh);
        self.number(first..first + added);
        self.whole = if whole {
            let old = by_lengths(&old_region, &old_lens);
            let new = by_lengths(self.text.get(first_start..).unwrap_or(""), &new_lens);
            let (p, q) = common_lines(&old, &new);
            first + p..first + added - q
        } else {
            0..0
        };
        if self.spelling.is_some() {
            for line in self.text[first_start..new_end].split_inclusive('\n') {
                self.counts.add_line(line, true, &mut before);
            }
        }
        // The forms whose count the edit changed, with their new count.
        let changed: FxHashMap<u64, usize> = before
            .into_iter()
            .map(|(k, was)| (self.counts.0.get(&k).copied().unwrap_or(0), was, k))
            .filter(|&(now, was, _)| now != was)
            .map(|(now, _, k)| (k.hash(), now as usize))
            .collect();
        self.refresh(first..first + added, &changed);
        true
    }

    /// A short text opened with `name-variant` run whole takes it by skeleton group now (its
    /// first edit): every line's facts are made again, now with what name-variant reads of
    /// it, and counted, as on opening a long text; the edit's refresh then decides every
    /// group. So a story only opened keeps no name facts (100 open 20 KB stories: 40 MB, where
    /// by group from opening took 68 MB), and a story being edited has each keystroke decide
    /// the groups it touched rather than running name-variant over the whole story (a 20 KB
    /// story's keystroke 1.9-2.0 -> 0.7 ms of CPU at p50), at about 0.35-0.55 MB more while
    /// it is kept (the server keeps the engines of the few short texts edited last).
    fn names_by_group_now(&mut self) {
        let Some(severity) = self.names_on_edit.take() else { return };
        self.names = Some(names::Names::new(severity));
        self.story_rules.retain(|(r, _)| r.id != name_variant::RULE.id);
        self.cache.clear();
        let mut at = 0;
        for i in 0..self.lines.len() {
            // (a key no segment has: the line is checked again, now with its name facts)
            self.lines[i].key = (0, 0, usize::MAX);
            self.recheck_line(i, at);
            at += self.lines[i].len;
        }
    }

    /// Give the lines in `range` (new ones) ids of their own. Ids run out after 4 billion
    /// lines made: the readers' index is then rebuilt and the ids given again from 0.
    fn number(&mut self, range: Range<usize>) {
        if self.next_id.checked_add(range.len() as u32).is_none() {
            self.next_id = 0;
            for l in &mut self.lines {
                l.id = self.next_id;
                self.next_id += 1;
            }
            self.rebuild_readers();
            if let Some(names) = &mut self.names {
                names.relabel();
            }
            return;
        }
        for l in &mut self.lines[range] {
            l.id = self.next_id;
            self.next_id += 1;
        }
    }

    /// The readers' index from the lines' recorded lookups alone.
    fn rebuild_readers(&mut self) {
        self.readers = LineIndex::of(
            self.lines
                .iter()
                .filter_map(|l| Some((l.id, &l.spell.as_ref()?.reads)))
                .flat_map(|(id, reads)| reads.forms32().map(move |f| (f, id)))
                .collect(),
        );
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
    fn refresh(&mut self, changed: Range<usize>, counts_changed: &FxHashMap<u64, usize>) {
        // The rules run on the whole text (name-variant on a short one) need nothing the
        // lines' refresh computes: side by side with it where that pays (a 20 KB story's
        // name-variant is most of a keystroke).
        // (a text with comments is checked whole: see `assemble`; whether it has one is
        // kept per line, so a long text's edit does not search it all)
        if self.story_rules.is_empty() || self.text.len() < PARALLEL_BYTES || self.text.contains("<!--") {
            let starts = self.refresh_lines(changed, counts_changed);
            let comments = self.lines.iter().any(|l| l.local.comment);
            let checked = self.assemble(&starts, comments, None);
            self.checked = Arc::new(checked);
            return;
        }
        let (checker, text, rules) = (Arc::clone(&self.checker), self.text.clone(), self.story_rules.clone());
        let (story, starts) = rayon::join(
            move || run_story_rules(&checker, &text, &rules),
            || self.refresh_lines(changed, counts_changed),
        );
        let checked = self.assemble(&starts, false, Some(story));
        self.checked = Arc::new(checked);
    }

    /// Everything [`Self::refresh`] keeps per line brought up to date; the lines' starts.
    fn refresh_lines(&mut self, changed: Range<usize>, counts_changed: &FxHashMap<u64, usize>) -> Vec<usize> {
        self.rechecked = 0;
        let mut starts = Vec::with_capacity(self.lines.len());
        let mut at = 0;
        for l in &self.lines {
            starts.push(at);
            at += l.len;
        }
        let last = self.lines.len().saturating_sub(1);
        for i in changed.clone().chain(std::iter::once(last)) {
            self.recheck_line(i, starts.get(i).copied().unwrap_or(0));
        }
        self.whole = 0..0;
        if self.cache.len() > 2 * self.lines.len() + 256 {
            self.cache = self.lines.iter().map(|l| (l.key, l.local.clone())).collect();
        }
        if self.quotes.is_some() {
            self.refresh_quotes(changed.clone(), &starts);
        }
        if self.spelling.is_some() {
            self.refresh_spelling(changed, counts_changed, &starts);
        }
        if let Some(names) = &mut self.names {
            let none = names::LineNames::default();
            let facts: Vec<&names::LineNames> =
                self.lines.iter().map(|l| l.local.names.as_ref().unwrap_or(&none)).collect();
            let ids: Vec<u32> = self.lines.iter().map(|l| l.id).collect();
            names.refresh(&self.text, &facts, &starts, &ids, self.checker.data(), self.checker.lexicon());
        }
        starts
    }

    /// Bring the misspelling rule's per-line results up to date after the lines in `changed`
    /// were replaced and the story's counts of some forms changed (`counts_changed`: form hash
    /// -> new count): the new lines are checked, and so are the lines whose story lookups now
    /// answer otherwise, the lines that used a corrector verdict those answers undid, and the
    /// first line with words below the edit (its context, the word above, may have changed).
    fn refresh_spelling(&mut self, changed: Range<usize>, counts_changed: &FxHashMap<u64, usize>, starts: &[usize]) {
        // Whichever way is shorter: each changed form searched among the lookups (a keystroke
        // changes a few), or each lookup looked up among the changed forms (a paste, hundreds).
        let changed_forms = ChangedForms::new(counts_changed);
        let stale = |reads: &Reads| changed_forms.stale(reads);
        // (the verdicts made since the last edit indexed first; only the verdicts the index
        // says read a changed form are asked)
        self.verdict_readers.add_pairs(self.verdicts.take_made());
        let gone: FxHashSet<u64> = if counts_changed.is_empty() {
            FxHashSet::default()
        } else {
            self.verdict_readers.settle();
            let mut asked = FxHashSet::default();
            for &form in counts_changed.keys() {
                self.verdict_readers.lines(form, &mut asked);
            }
            self.verdicts.drop_stale_among(&asked, stale).into_iter().collect()
        };
        // The lines that read a form whose count changed (by the index; their lookups decide).
        let mut suspects = FxHashSet::default();
        self.readers.settle();
        for &form in counts_changed.keys() {
            self.readers.lines(form, &mut suspects);
        }
        for i in 0..self.lines.len() {
            let redo = changed.contains(&i)
                || match &self.lines[i].spell {
                    None => true,
                    Some(sp) => {
                        (suspects.contains(&self.lines[i].id) && stale(&sp.reads))
                            || (!gone.is_empty() && sp.used.iter().any(|h| gone.contains(h)))
                    }
                };
            if redo {
                self.recheck_spelling(i, starts);
            }
        }
        // Below the edit, the first line with words reads the word above it: check it again
        // if that context changed.
        for i in changed.end..self.lines.len() {
            let (from, _) = self.context(i, starts);
            let context = hash_of(self.text.get(from..starts[i]).unwrap_or(""));
            let has_words = self.lines[i].spell.as_ref().is_some_and(|sp| sp.last_word.is_some());
            if self.lines[i].spell.as_ref().is_none_or(|sp| sp.context != context) {
                self.recheck_spelling(i, starts);
            }
            if has_words {
                break;
            }
        }
        // Entries of lines re-checked or gone: rebuilt once they are half the index.
        if self.readers.len()
            > 2 * self.lines.iter().filter_map(|l| l.spell.as_ref()).map(|sp| sp.reads.len()).sum::<usize>() + 8192
        {
            self.rebuild_readers();
        }
        if self.verdict_readers.len() > 2 * self.verdicts.reads_len() + 8192 {
            self.verdict_readers = LineIndex::of(self.verdicts.read_pairs());
            self.verdicts.take_made();
        }
        // Forget the verdicts no line uses (the words they were made for are gone), once
        // they are twice as many as after the last time.
        if self.verdicts.len() > 1024 + 2 * self.verdicts_kept {
            let used: FxHashSet<u64> =
                self.lines.iter().filter_map(|l| l.spell.as_ref()).flat_map(|sp| sp.used.iter().copied()).collect();
            self.verdicts.retain(|h| used.contains(&h));
            self.verdicts_kept = self.verdicts.len();
        }
    }

    /// Bring `unattributed-quote`'s per-line findings up to date after the lines in `changed`
    /// were replaced: those lines, the lines above whose next words reach into them, and the
    /// lines below down to the first that is not blank (it reads the last line above that
    /// is not blank) are checked again.
    fn refresh_quotes(&mut self, changed: Range<usize>, starts: &[usize]) {
        let mut j = changed.start;
        let mut between = 0;
        while j > 0 && between < self.quote_reach {
            j -= 1;
            self.recheck_quotes(j, starts);
            between += self.lines[j].local.words;
        }
        for i in changed.clone() {
            self.recheck_quotes(i, starts);
        }
        for i in changed.end..self.lines.len() {
            self.recheck_quotes(i, starts);
            if !self.line_text(i, starts).trim().is_empty() {
                break;
            }
        }
    }

    /// Line `i` with its line ending.
    fn line_text(&self, i: usize, starts: &[usize]) -> &str {
        let start = starts.get(i).copied().unwrap_or(0);
        self.text.get(start..start + self.lines.get(i).map_or(0, |l| l.len)).unwrap_or("")
    }

    /// Check line `i` with `unattributed-quote`: the line, after a line `:` if the nearest
    /// line above it that is not blank ends with a colon (after that line itself if it may
    /// carry its speech on: a quotation left open or closing it), and followed by the lines
    /// that hold the words it may read after it.
    fn recheck_quotes(&mut self, i: usize, starts: &[usize]) {
        let Some(severity) = self.quotes else { return };
        if i >= self.lines.len() {
            return;
        }
        let line = self.line_text(i, starts);
        if !unattributed_quote::may_quote(line) {
            if self.lines[i].quoted.take().is_some() {
                self.lines[i].done = Done::Dirty;
            }
            return;
        }
        let above = (0..i).rev().map(|j| self.line_text(j, starts)).find(|t| !t.trim().is_empty());
        // The line above counts when it ends with a colon (a `:` stands for it) or may carry its
        // speech on (then it is read whole: whether its speech is attributed).
        let colon = above.is_some_and(|t| t.trim().ends_with(':'));
        let open = above.filter(|t| !colon && unattributed_quote::carries_speech_on(t));
        let (start, len) = (starts[i], line.len());
        let (mut end, mut words) = (start + len, 0);
        for next in &self.lines[i + 1..] {
            if words >= self.quote_reach {
                break;
            }
            words += next.local.words;
            end += next.len;
        }
        let after = self.text.get(start..end).unwrap_or("");
        let seg: std::borrow::Cow<'_, str> = match open {
            _ if colon => format!(":\n{after}").into(),
            Some(t) if t.ends_with('\n') => format!("{t}{after}").into(),
            Some(t) => format!("{t}\n{after}").into(),
            None => after.into(),
        };
        let lead = seg.len() - after.len();
        let doc = Document::new(&seg);
        let quoted = match self.checker.run_rule(&unattributed_quote::RULE, &doc, severity) {
            Some(found) => {
                let mine: Vec<Finding> = found
                    .iter()
                    .filter(|f| f.range.start >= lead && f.range.end <= lead + len)
                    .map(|f| shifted_back(f, lead))
                    .collect();
                (!mine.is_empty()).then(|| Box::new((mine, false)))
            }
            None => Some(Box::new((Vec::new(), true))),
        };
        self.lines[i].quoted = quoted;
        self.lines[i].done = Done::Dirty;
    }

    /// Where the context of line `i` starts: the last word of the nearest line above with words
    /// (the line's start if none), and that line's index.
    fn context(&self, i: usize, starts: &[usize]) -> (usize, Option<usize>) {
        for j in (0..i).rev() {
            if let Some(at) = self.lines[j].spell.as_ref().and_then(|sp| sp.last_word) {
                return (starts[j] + at, Some(j));
            }
        }
        (starts.get(i).copied().unwrap_or(0), None)
    }

    /// Check line `i` with the misspelling rule (with its context, the end of the copy above).
    fn recheck_spelling(&mut self, i: usize, starts: &[usize]) {
        let Some(severity) = self.spelling else { return };
        let (from, _) = self.context(i, starts);
        let start = starts[i];
        let end = start + self.lines[i].len;
        let Some(seg) = self.text.get(from..end) else { return };
        let lead = start - from;
        let doc = Document::new(seg);
        let first = doc.words.partition_point(|w| w.range.start < lead);
        let reads = RefCell::new(Vec::new());
        let forms = StoryForms::new(&self.counts);
        let forms = forms.recording(&reads);
        let ctx = crate::core::rules::Context { doc: &doc, data: self.checker.data(), lexicon: self.checker.lexicon() };
        let mut found = Vec::new();
        let verdicts = &mut self.verdicts;
        let failed = catch_unwind(AssertUnwindSafe(|| {
            misspelling::check_words(&ctx, &forms, verdicts, first, &mut found);
        }))
        .is_err();
        let mut used = self.verdicts.take_used();
        used.sort_unstable();
        used.dedup();
        let reads = Reads::new(reads.into_inner());
        // (The hamza style check reads the words before the line too: only the line's own.)
        let findings = found
            .into_iter()
            .filter(|f| f.range.start >= lead)
            .map(|f| {
                let mut f = shifted_back(&f, lead);
                f.severity = severity;
                f
            })
            .collect();
        let last_word = doc.words.last().filter(|w| w.range.start >= lead).map(|w| w.range.start - lead);
        let context = hash_of(&seg[..lead]);
        self.readers.add(reads.forms32(), self.lines[i].id);
        self.lines[i].spell = Some(Box::new(Spell { findings, failed, reads, used, context, last_word }));
        self.lines[i].done = Done::Dirty;
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
            let old = std::mem::replace(&mut line.local, local.clone());
            (line.lead, line.key) = (lead, key);
            line.done = Done::Dirty;
            let (len, id) = (line.len, line.id);
            self.count_copies(&old, false);
            self.count_copies(&local, true);
            let whole = self.whole.contains(&i);
            if let Some(names) = &mut self.names {
                let text = self.text.get(start..start + len).unwrap_or("");
                names.count(old.names.as_ref(), text, id, false);
                names.whole_lines = whole;
                names.count(local.names.as_ref(), text, id, true);
                names.whole_lines = false;
            }
        }
    }

    /// The line-scope rules on one segment (`after_lead`: the line is the segment's second,
    /// after the line ending before it), and what `duplicate-paragraph` needs of the line.
    fn check_segment(&self, seg: &str, after_lead: bool) -> Local {
        let doc = Document::new(seg);
        let mut local = Local {
            words: doc.lines.get(usize::from(after_lead)).map_or(0, |l| l.words.len()),
            comment: seg.contains("<!--"),
            ..Local::default()
        };
        if self.paragraphs.is_some() {
            let i = usize::from(after_lead);
            let (text, words) = (doc.line_text(i), doc.lines.get(i).map_or(0, |l| l.words.len()));
            let mut facts = LineFacts::of(text, words);
            let chrome = facts.has_words && boilerplate::matches(self.checker.data(), text).is_some();
            local.norm_hash = facts.paragraph.then(|| hash_of(&facts.norm));
            // The normalised text is not kept: the few lines `paragraphs` hands to the rule
            // get theirs again from the text (a copy of every line's letters cost the 2 MB
            // document's server 2 MB).
            facts.norm = String::new();
            local.paragraph = Some((facts, chrome));
        }
        if self.names.is_some() {
            let i = usize::from(after_lead);
            let lead = doc.lines.get(i).map_or(0, |l| l.full.start);
            local.names = Some(names::LineNames::of(self.checker.data(), &doc, i, lead));
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
    /// (`comments`: whether the text holds `<!--`.)
    ///
    /// Where no rule failed and every rule's findings are kept per line or by group, each
    /// line's findings are finished by themselves ([`Incremental::finish_by_line`]) and those
    /// of the lines nothing changed on are kept from the edit before; else all of them at
    /// once, as a full check does.
    fn assemble(&mut self, starts: &[usize], comments: bool, story: Option<StoryOutcomes>) -> Checked {
        self.refinished = None;
        if comments {
            return self.checker.check(&self.text, self.path.as_deref());
        }
        let mut failed: Vec<&'static str> = Vec::new();
        for l in &self.lines {
            for id in &l.local.failed {
                if !failed.contains(id) {
                    failed.push(id);
                }
            }
        }
        let spell_failed = self.lines.iter().any(|l| l.spell.as_ref().is_some_and(|sp| sp.failed));
        let quote_failed = self.lines.iter().any(|l| l.quoted.as_ref().is_some_and(|q| q.1));
        let names_failed = self.names.as_ref().is_some_and(|n| n.findings().1);
        let paragraphs = self.paragraphs.map(|severity| self.paragraphs(starts, severity));
        if failed.is_empty()
            && !spell_failed
            && !quote_failed
            && !names_failed
            && !matches!(paragraphs, Some(None))
            && self.story_rules.is_empty()
            && story.is_none()
        {
            let found = paragraphs.clone().flatten().unwrap_or_default();
            if let Some((findings, refinished)) = self.finish_by_line(starts, &found) {
                self.refinished = Some(refinished);
                return Checked { findings, failed_rules: Vec::new() };
            }
        }
        let path = self.path.as_deref();
        let mut findings = Vec::new();
        for (l, &start) in self.lines.iter().zip(starts) {
            let base = start - l.lead;
            findings.extend(l.local.findings.iter().filter(|f| !failed.contains(&f.rule)).map(|f| shifted(f, base)));
        }
        if self.spelling.is_some() {
            if spell_failed {
                failed.push(misspelling::RULE.id);
            } else {
                for (l, &start) in self.lines.iter().zip(starts) {
                    if let Some(sp) = &l.spell {
                        findings.extend(sp.findings.iter().map(|f| shifted(f, start)));
                    }
                }
            }
        }
        if self.quotes.is_some() {
            if quote_failed {
                failed.push(unattributed_quote::RULE.id);
            } else {
                for (l, &start) in self.lines.iter().zip(starts) {
                    if let Some(q) = &l.quoted {
                        findings.extend(q.0.iter().map(|f| shifted(f, start)));
                    }
                }
            }
        }
        if let Some(names) = &self.names {
            let (found, panicked) = names.findings();
            if panicked {
                failed.push(name_variant::RULE.id);
            } else {
                findings.extend(found.cloned());
            }
        }
        match paragraphs {
            Some(Some(found)) => findings.extend(found),
            Some(None) => failed.push(duplicate_paragraph::RULE.id),
            None => {}
        }
        if !self.story_rules.is_empty() {
            let outcomes = story.unwrap_or_else(|| run_story_rules(&self.checker, &self.text, &self.story_rules));
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

    /// The text's findings finished line by line (`paragraphs`: duplicate-paragraph's), and how
    /// many lines' were finished again; `None` where a finding is not inside its line.
    ///
    /// Without suppression comments (no `<!--`: the caller's), what [`Checker::finish`] does
    /// is local to a line: an ignore entry looks at one finding's own text; the order is by
    /// start; one word, one finding looks at the findings overlapping one and at the word's
    /// letters around it. Every finding here lies inside its line (a word, a line: checked,
    /// fixes included), no line break is a letter, and so none overlaps another line's: the
    /// lines' findings finished each by themselves and put one line after another are the
    /// whole text's finished (what `tests/incremental_props.rs` checks after every edit). A
    /// line's are kept ([`Done`], relative to its start) until its line-scope, misspelling or
    /// quotation results are made again ([`Done::Dirty`]) or the story-scope rules' findings
    /// on it differ from those it was finished with; the rest are only shifted.
    fn finish_by_line(&mut self, starts: &[usize], paragraphs: &[Finding]) -> Option<(Vec<Finding>, usize)> {
        let capacity = self.checked.findings.len() + 16;
        let Incremental { lines, names, checker, text, path, .. } = self;
        let line_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
        // The story-scope rules' findings by line, each line's in the order they came.
        let mut story: Vec<(usize, &Finding)> = Vec::new();
        let named = names.as_ref().map(|n| n.findings().0);
        for f in named.into_iter().flatten().chain(paragraphs) {
            let i = line_of(f.range.start);
            let line = lines.get(i)?;
            if !inside(f, starts[i], starts[i] + line.len) {
                return None;
            }
            story.push((i, f));
        }
        story.sort_by_key(|&(i, _)| i);
        let mut out = Vec::with_capacity(capacity);
        let (mut k, mut refinished) = (0, 0);
        for (i, line) in lines.iter_mut().enumerate() {
            let (base, end) = (starts[i], starts[i] + line.len);
            let from = k;
            while story.get(k).is_some_and(|&(j, _)| j == i) {
                k += 1;
            }
            let mine = &story[from..k];
            match &line.done {
                Done::Empty if mine.is_empty() => continue,
                Done::Kept(d)
                    if d.story.len() == mine.len()
                        && d.story.iter().zip(mine).all(|(a, (_, b))| same_at(a, b, base)) =>
                {
                    out.extend(d.findings.iter().map(|f| shifted(f, base)));
                    continue;
                }
                _ => {}
            }
            refinished += 1;
            let mut raw = Vec::new();
            let local_base = base.checked_sub(line.lead)?;
            raw.extend(line.local.findings.iter().map(|f| shifted(f, local_base)));
            if let Some(sp) = &line.spell {
                raw.extend(sp.findings.iter().map(|f| shifted(f, base)));
            }
            if let Some(q) = &line.quoted {
                raw.extend(q.0.iter().map(|f| shifted(f, base)));
            }
            raw.extend(mine.iter().map(|&(_, f)| f.clone()));
            if !raw.iter().all(|f| inside(f, base, end)) {
                return None;
            }
            checker.finish_uncommented(text, path.as_deref(), &mut raw);
            if !raw.iter().all(|f| inside(f, base, end)) {
                return None;
            }
            line.done = if raw.is_empty() && mine.is_empty() {
                Done::Empty
            } else {
                Done::Kept(Box::new(Finished {
                    story: mine.iter().map(|&(_, f)| shifted_back(f, base)).collect(),
                    findings: raw.iter().map(|f| shifted_back(f, base)).collect(),
                }))
            };
            out.append(&mut raw);
        }
        Some((out, refinished))
    }
}

/// Whether `f` and its fixes' edits lie inside `start..end`.
fn inside(f: &Finding, start: usize, end: usize) -> bool {
    let within = |r: &Range<usize>| r.start >= start && r.end <= end && r.start <= r.end;
    within(&f.range) && f.fixes.iter().all(|fix| fix.edits.iter().all(|e| within(&e.range)))
}

/// Whether `rel` (offsets relative to `base`) is `abs`.
fn same_at(rel: &Finding, abs: &Finding, base: usize) -> bool {
    let at = |r: &Range<usize>, a: &Range<usize>| r.start + base == a.start && r.end + base == a.end;
    rel.rule == abs.rule
        && rel.severity == abs.severity
        && at(&rel.range, &abs.range)
        && rel.message == abs.message
        && rel.fixes.len() == abs.fixes.len()
        && rel.fixes.iter().zip(&abs.fixes).all(|(x, y)| {
            x.title == y.title
                && x.applicability == y.applicability
                && x.edits.len() == y.edits.len()
                && x.edits.iter().zip(&y.edits).all(|(e, g)| at(&e.range, &g.range) && e.replacement == g.replacement)
        })
}

/// Each story-wide rule run on the whole text: its findings, or `None` if it panicked.
type StoryOutcomes = Vec<(&'static RuleInfo, Option<Vec<Finding>>)>;

fn run_story_rules(checker: &Checker, text: &str, rules: &[(&'static RuleInfo, Severity)]) -> StoryOutcomes {
    let doc = Document::new(text);
    let run = |&(rule, severity): &(&'static RuleInfo, Severity)| (rule, checker.run_rule(rule, &doc, severity));
    // Side by side only where it pays: below a few kilobytes, starting threads costs more
    // than the rules take.
    if text.len() >= PARALLEL_BYTES {
        rules.par_iter().map(run).collect()
    } else {
        rules.iter().map(run).collect()
    }
}

impl Incremental {
    /// Count (or take away) a line's paragraph among the story's copies of each paragraph.
    fn count_copies(&mut self, local: &Local, add: bool) {
        let Some(h) = local.norm_hash else { return };
        let n = self.copies.get(&h).copied().unwrap_or(0);
        let next = if add { n + 1 } else { n.saturating_sub(1) };
        self.repeated = (self.repeated + usize::from(next >= 2)).saturating_sub(usize::from(n >= 2));
        if next == 0 {
            self.copies.remove(&h);
        } else {
            self.copies.insert(h, next);
        }
    }

    /// `duplicate-paragraph`'s findings from the facts kept per line (`None` if it panicked).
    /// Only the lines that may repeat or be repeated are handed to [`duplicate_paragraph::decide`]:
    /// the headline, the last line with words (which repeats the headline however short it
    /// is), and the paragraphs whose normalised text has more than one copy in the story (by
    /// the kept counts; a hash collision only adds lines, which the decision compares by text).
    fn paragraphs(&self, starts: &[usize], severity: Severity) -> Option<Vec<Finding>> {
        let text = self.text.as_str();
        let none = (LineFacts::default(), false);
        let fact = |i: usize| self.lines.get(i).and_then(|l| l.local.paragraph.as_ref()).unwrap_or(&none);
        let n = self.lines.len();
        let headline = (0..n).find(|&i| fact(i).0.has_words);
        let last = (0..n).rev().find(|&i| fact(i).0.has_words);
        let mut picked: Vec<usize> = Vec::new();
        if self.repeated > 0 {
            let copied =
                |i: usize| self.lines[i].local.norm_hash.is_some_and(|h| self.copies.get(&h).is_some_and(|&c| c >= 2));
            picked.extend((0..n).filter(|&i| Some(i) == headline || Some(i) == last || copied(i)));
        } else {
            picked.extend(headline);
            picked.extend(last.filter(|&l| Some(l) != headline));
        }
        let ranges: Vec<(Range<usize>, Range<usize>)> = picked
            .iter()
            .map(|&i| {
                let start = starts[i];
                let full = start..start + self.lines[i].len;
                let ending = match text.get(full.clone()) {
                    Some(t) if t.ends_with("\r\n") => 2,
                    Some(t) if t.ends_with('\n') => 1,
                    _ => 0,
                };
                (start..full.end - ending, full)
            })
            .collect();
        let found = catch_unwind(AssertUnwindSafe(|| {
            // Each picked line's facts as `check_segment` made them, with the normalised text
            // it did not keep (the line's text is the segment's line: its ending taken off
            // as `Document` takes it).
            let facts: Vec<LineFacts> = picked
                .iter()
                .zip(&ranges)
                .map(|(&i, (range, _))| {
                    let kept = &fact(i).0;
                    if kept.has_words {
                        LineFacts::of(text.get(range.clone()).unwrap_or(""), self.lines[i].local.words)
                    } else {
                        kept.clone()
                    }
                })
                .collect();
            duplicate_paragraph::decide(text, &ranges, |k| &facts[k], |k| fact(picked[k]).1, |k| picked[k] + 1)
        }))
        .ok()?;
        Some(found.into_iter().map(|f| Finding { severity, ..f }).collect())
    }
}

/// How many of an edit's old lines it kept as they were at its start and at its end (`old`
/// and `new`, the lines it replaced and those it made, each with its line ending), at most
/// as many as the shorter holds. Deleting a paragraph replaces it and the line after it with
/// that line; pasting one at a line's start replaces that line with the paragraph and the
/// line: the line kept is where it was among every other line, so its possible names are
/// only taken out and put back (the same occurrences: no group is decided again for them),
/// where counting every name on the edit's lines as changed decided the kept line's groups
/// again too.
fn common_lines(old: &[&str], new: &[&str]) -> (usize, usize) {
    let most = old.len().min(new.len());
    let p = old.iter().zip(new).take_while(|(a, b)| a == b).count().min(most);
    let q = old.iter().rev().zip(new.iter().rev()).take(most - p).take_while(|(a, b)| a == b).count();
    (p, q)
}

/// `text` cut into consecutive pieces of `lens` bytes from its start (a region's lines).
fn by_lengths<'t>(text: &'t str, lens: &[usize]) -> Vec<&'t str> {
    let mut at = 0;
    lens.iter()
        .map(|&len| {
            at += len;
            text.get(at - len..at).unwrap_or("")
        })
        .collect()
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
    out.into_iter()
        .map(|len| Line {
            id: 0,
            len,
            lead: usize::MAX,
            key: (0, 0, usize::MAX),
            local: Arc::default(),
            spell: None,
            quoted: None,
            done: Done::Dirty,
        })
        .collect()
}

fn seg_key(seg: &str) -> SegKey {
    let mut a = FxHasher::default();
    seg.hash(&mut a);
    // A second, unrelated hash (SipHash with fixed keys): a collision of both is not a
    // practical concern, and a line's findings are never taken for another line's.
    let b = std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(seg);
    (a.finish(), b, seg.len())
}

fn hash_of(text: &str) -> u64 {
    let mut h = FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// `f` with its range and its fixes' edits moved `by` bytes back (`by` is at most its start).
fn shifted_back(f: &Finding, by: usize) -> Finding {
    let mut f = f.clone();
    let back = |x: usize| x.saturating_sub(by);
    f.range = back(f.range.start)..back(f.range.end);
    for fix in &mut f.fixes {
        for e in &mut fix.edits {
            e.range = back(e.range.start)..back(e.range.end);
        }
    }
    f
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
    fn what_is_kept_per_form_and_per_word_stays_small() {
        // (the 2 MB document keeps 47,600 form counts and 37,000 name words: the server's
        // memory bound has a few MB to spare)
        assert_eq!(std::mem::size_of::<(FormKey, u32)>(), 16);
        names::assert_small();
        names::assert_collisions_found();
        names::assert_excerpt_checked(checker().data());
        names::assert_keys_kept(checker().data());
        names::assert_table_compacts();
        let mut counts = Counts::default();
        counts.add_line("قال الوزير إن الوزير سافر\n", true, &mut FxHashMap::default());
        assert_eq!(counts.count("الوزير"), 2);
        assert_eq!(form_key("الوزير").hash(), form_hash("الوزير"));
    }

    #[test]
    fn shared_findings_stay_as_they_were_after_the_next_edit() {
        // The server keeps `shared()` with the text it was made for: an edit makes new
        // findings rather than changing those.
        let mut inc = Incremental::new(checker(), "قال الوزير في في المؤتمر\n", None);
        let before = inc.shared();
        let kept: Vec<Finding> = before.findings.clone();
        assert!(!kept.is_empty() && before.findings == inc.findings());
        assert!(inc.apply(0..0, "خبر عن عن الاقتصاد\n"));
        same_as_full(&inc);
        assert_eq!(before.findings, kept);
        assert_ne!(inc.findings(), &kept[..]);
        assert!(Arc::ptr_eq(&inc.shared(), &inc.shared()));
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
    fn a_keystroke_finishes_only_its_own_lines_findings_again() {
        // Findings are finished line by line and kept: typing on one line finishes that line's
        // again, and every other line's are its kept ones shifted.
        let text = "قال الوزيرُ في في المؤتمر\nخبر ثان عن عن الاقتصاد\nسطر ثالث ثالث\nسطر رابع\n";
        let mut inc = Incremental::new(checker(), text, None);
        let at = inc.text().find("ثان").unwrap();
        assert!(inc.apply(at..at, "ا"));
        same_as_full(&inc);
        assert!(inc.apply(at..at, "ا"));
        same_as_full(&inc);
        assert_eq!(inc.refinished_lines(), Some(1));
        assert_eq!(inc.findings().iter().filter(|f| f.rule == "repeated-word").count(), 3);
        // A line break typed: both halves are new lines; the lines below are only shifted.
        let at = inc.text().find("عن عن").unwrap();
        assert!(inc.apply(at..at, "\n"));
        same_as_full(&inc);
        assert_eq!(inc.refinished_lines(), Some(2));
    }

    #[test]
    fn a_line_is_finished_again_when_a_story_rules_findings_on_it_change() {
        // Nothing on the first line changes, but an edit elsewhere gives its name a second
        // spelling (a name-variant finding on it), and a line put above the repeated
        // paragraph changes the line number its finding names: both lines are finished
        // again (with kept findings only shifted, the name's would be missing and the
        // paragraph's message would name the old line).
        let text = "وصل سيرغي لافروف إلى المدينة صباحاً\nسطر ثان\nفقرة تتكرر في هذا الخبر مرتين كاملتين\nسطر آخر\nفقرة تتكرر في هذا الخبر مرتين كاملتين\n";
        let mut inc = Incremental::with_names_from(checker(), text, None, 0);
        same_as_full(&inc);
        let count = |inc: &Incremental, rule: &str| inc.findings().iter().filter(|f| f.rule == rule).count();
        assert_eq!((count(&inc, "name-variant"), count(&inc, "duplicate-paragraph")), (0, 1));
        let end = inc.text().len();
        assert!(inc.apply(end..end, "ثم التقى سيرجي لافروف نظيره\n"));
        same_as_full(&inc);
        assert_eq!(count(&inc, "name-variant"), 1);
        assert!(inc.refinished_lines().is_some());
        let at = inc.text().find("سطر ثان").unwrap();
        assert!(inc.apply(at..at, "سطر جديد\n"));
        same_as_full(&inc);
        let repeated = inc.findings().iter().find(|f| f.rule == "duplicate-paragraph").unwrap();
        assert!(repeated.message.ends_with("line 4"), "{}", repeated.message);
        // The second spelling respelled: the first line's finding goes, though the line
        // stays as it was.
        let at = inc.text().find("سيرجي").unwrap();
        assert!(inc.apply(at..at + "سيرجي".len(), "سيرغي"));
        same_as_full(&inc);
        assert_eq!(count(&inc, "name-variant"), 0);
    }

    #[test]
    fn a_comment_typed_and_taken_away_switches_finishing_whole_and_back() {
        // A text with `<!--` is checked whole (a suppression comment may switch rules off
        // anywhere after it); whether a line holds one is kept with the line.
        let text = "قال الوزيرُ في في المؤتمر\nخبر ثان عن عن الاقتصاد\n";
        let mut inc = Incremental::new(checker(), text, None);
        assert!(inc.apply(0..0, "ا"));
        assert!(inc.refinished_lines().is_some());
        let comment = "<!-- copydesk-disable repeated-word -->\n";
        let at = inc.text().find("خبر").unwrap();
        assert!(inc.apply(at..at, comment));
        same_as_full(&inc);
        assert_eq!(inc.refinished_lines(), None);
        assert_eq!(inc.findings().iter().filter(|f| f.rule == "repeated-word").count(), 1);
        assert!(inc.apply(at..at + comment.len(), ""));
        same_as_full(&inc);
        assert!(inc.refinished_lines().is_some());
        assert_eq!(inc.findings().iter().filter(|f| f.rule == "repeated-word").count(), 2);
    }

    #[test]
    fn a_short_text_keeps_names_by_group_from_its_first_edit() {
        // Opened: name-variant run whole, no name facts kept. The first edit (a keystroke on
        // a line without the name) makes every line's facts and counts them; the next edits
        // respell the name on its line, then add a line with the other spelling: each group
        // is decided from the kept facts, and equals a full check.
        let text = "وصل سيرغي لافروف إلى المدينة صباحاً\r\nقال الوزيرُ إن الاجتماع كان مفيداً\nسطر ثالث\n";
        let mut inc = Incremental::new(checker(), text, None);
        same_as_full(&inc);
        assert_eq!((inc.footprint().name_words, inc.names.is_some()), (0, false));
        let at = inc.text().find("ثالث").unwrap();
        assert!(inc.apply(at..at, "ا"));
        same_as_full(&inc);
        assert!(inc.names.is_some() && inc.footprint().name_words > 0);
        assert!(inc.story_rules.iter().all(|(r, _)| r.id != name_variant::RULE.id));
        let variants = |inc: &Incremental| inc.findings().iter().filter(|f| f.rule == "name-variant").count();
        assert_eq!(variants(&inc), 0);
        let end = inc.text().len();
        assert!(inc.apply(end..end, "ثم التقى سيرجي لافروف نظيره\n"));
        same_as_full(&inc);
        assert_eq!(variants(&inc), 1);
        let at = inc.text().find("سيرغي").unwrap();
        assert!(inc.apply(at..at + "سيرغي".len(), "سيرجي"));
        same_as_full(&inc);
        assert_eq!(variants(&inc), 0);
        // A text opened with name-variant off, or kept whole by `with_names_from`, never
        // switches.
        let mut whole = Incremental::with_names_from(checker(), text, None, usize::MAX);
        assert!(whole.apply(0..0, "ا"));
        assert!(whole.names.is_none());
        same_as_full(&whole);
    }

    #[test]
    fn names_are_found_on_their_lines_after_the_ids_run_out() {
        // Name-variant by group (from 0 bytes); the lines' ids about to run out, so that the
        // next edit gives every line a new id and the words' lines must follow.
        let text = "وصل سيرغي لافروف إلى المدينة صباحاً 😀\r\nقال الوزيرُ إن الاجتماع كان مفيداً\n";
        let mut inc = Incremental::with_names_from(checker(), text, None, 0);
        same_as_full(&inc);
        // (a headline put above: the name's line, now the second, will be given id 1, which
        // no line holding the name has had)
        assert!(inc.apply(0..0, "عنوان الخبر\n"));
        assert!(inc.lines.get(1).is_some_and(|l| l.id > 1));
        inc.next_id = u32::MAX - 1;
        let end = inc.text().len();
        assert!(inc.apply(end..end, "ثم التقى سيرجي لافروف نظيره\nسطر آخر\n"));
        assert_eq!(inc.lines.first().map(|l| l.id), Some(0));
        same_as_full(&inc);
        assert_eq!(inc.findings().iter().filter(|f| f.rule == "name-variant").count(), 1);
        // A later edit on the first line decides the group again from the words' lines.
        let at = inc.text().find("صباحاً").unwrap();
        assert!(inc.apply(at..at, "اليوم "));
        same_as_full(&inc);
        assert_eq!(inc.findings().iter().filter(|f| f.rule == "name-variant").count(), 1);
    }

    #[test]
    fn a_word_whose_stem_becomes_a_whole_word_is_found_by_its_skeleton() {
        // Name-variant by group. "وسيرغي" is read whole while no whole word shares its stem's
        // skeleton; a line bringing "سيرجي" makes that count cross 1, and the words indexed
        // under the skeleton (only "وسيرغي") take their stem as their name form: two spellings.
        let text = "التقى الوزير وسيرغي في المدينة\nخبر عن بوتين والاقتصاد\nسطر آخر عن الاقتصاد\n";
        let mut inc = Incremental::with_names_from(checker(), text, None, 0);
        same_as_full(&inc);
        let variants = |inc: &Incremental| inc.findings().iter().filter(|f| f.rule == "name-variant").count();
        assert_eq!(variants(&inc), 0);
        // (a word gone and another new: the new one takes the freed id, whose old entries in
        // the skeletons' index must not stand for it)
        let at = inc.text().find("بوتين").unwrap();
        assert!(inc.apply(at..at + "بوتين".len(), "لافروف"));
        same_as_full(&inc);
        let end = inc.text().len();
        assert!(inc.apply(end..end, "قال سيرجي لافروف إن الاجتماع مفيد\n"));
        same_as_full(&inc);
        assert_eq!(variants(&inc), 1);
        // And back: the count falls under 1 again, "وسيرغي" is read whole again.
        let at = inc.text().find("قال سيرجي").unwrap();
        let end = inc.text().len();
        assert!(inc.apply(at..end, ""));
        same_as_full(&inc);
        assert_eq!(variants(&inc), 0);
    }

    #[test]
    fn a_line_an_edit_kept_at_either_end_decides_no_group_again() {
        // Name-variant by group. Deleting a line replaces it and the line after it with that
        // line; pasting one at a line's start replaces that line with the two: the line kept
        // is counted out and in again, and its names (the same occurrences, in the same order
        // among the others) decide no group again. Lines put in another order in one edit are
        // decided again.
        let text = "خبر عن الاقتصاد\nمن هو\nوصل سيرغي لافروف إلى المدينة\nثم غادر سيرجي لافروف المدينة\nسطر آخر\n";
        let mut inc = Incremental::with_names_from(checker(), text, None, 0);
        same_as_full(&inc);
        let decided = |inc: &Incremental| inc.names.as_ref().map_or(usize::MAX, names::Names::decided);
        let flagged = |inc: &Incremental| -> Vec<String> {
            let found = inc.findings().iter().filter(|f| f.rule == "name-variant");
            found.map(|f| inc.text()[f.range.clone()].to_string()).collect()
        };
        assert_eq!(flagged(&inc), ["سيرغي"]);
        // A line without possible names (its words too short) deleted, then pasted back at
        // another line's start: the line after it, which holds the names, is kept.
        let line = "من هو\n";
        let at = inc.text().find(line).unwrap();
        assert!(inc.apply(at..at + line.len(), ""));
        same_as_full(&inc);
        assert_eq!(decided(&inc), 0);
        let at = inc.text().find("وصل").unwrap();
        assert!(inc.apply(at..at, line));
        same_as_full(&inc);
        assert_eq!(decided(&inc), 0);
        // A line with names deleted and pasted back: their groups are decided again.
        let line = "ثم غادر سيرجي لافروف المدينة\n";
        let at = inc.text().find(line).unwrap();
        assert!(inc.apply(at..at + line.len(), ""));
        same_as_full(&inc);
        assert!(decided(&inc) > 0);
        assert!(flagged(&inc).is_empty());
        let at = inc.text().find("سطر آخر").unwrap();
        assert!(inc.apply(at..at, line));
        same_as_full(&inc);
        assert!(decided(&inc) > 0);
        assert_eq!(flagged(&inc), ["سيرغي"]);
        // The two lines with the name swapped in one edit (the line after them kept): their
        // names count as changed, decided again.
        let (a, b) = (inc.text().find("وصل").unwrap(), inc.text().find("سطر آخر").unwrap());
        let (first, second) = inc.text()[a..b].split_at(inc.text()[a..b].find('\n').unwrap() + 1);
        let swapped = format!("{second}{first}");
        assert!(inc.apply(a..b, &swapped));
        same_as_full(&inc);
        assert!(decided(&inc) > 0);
        assert_eq!(flagged(&inc), ["سيرغي"]);
    }

    #[test]
    fn compounds_run_again_only_on_other_lines_or_other_counts() {
        // Name-variant by group: `compounds` runs on the lines holding a compound written both
        // ways, and only when what it would run on differs from its last run (those lines'
        // text, in order, and the story's compound counts when it read them).
        let text = "وكان عبدالعزيز قد زار المدينة\nخبر قصير هنا\nوصل عبد العزيز صباحاً\nسطر آخر\n";
        let mut inc = Incremental::with_names_from(checker(), text, None, 0);
        same_as_full(&inc);
        let runs = |inc: &Incremental| inc.names.as_ref().map_or(usize::MAX, names::Names::compound_runs);
        let flagged = |inc: &Incremental| -> Vec<String> {
            let found = inc.findings().iter().filter(|f| f.rule == "name-variant");
            found.map(|f| inc.text()[f.range.clone()].to_string()).collect()
        };
        // Once each way, nothing else: the earlier (joined) is kept.
        assert_eq!(flagged(&inc), ["عبد العزيز"]);
        // A line without compounds deleted, then pasted back: the compound line after it is
        // counted out and in as it was, and `compounds` is not run again.
        let line = "خبر قصير هنا\n";
        let at = inc.text().find(line).unwrap();
        assert!(inc.apply(at..at + line.len(), ""));
        same_as_full(&inc);
        assert_eq!((runs(&inc), flagged(&inc)), (0, vec!["عبد العزيز".to_string()]));
        let at = inc.text().find("وصل").unwrap();
        assert!(inc.apply(at..at, line));
        same_as_full(&inc);
        assert_eq!(runs(&inc), 0);
        // A word typed on a compound's line, away from its finding: run again.
        let at = inc.text().find(" المدينة").unwrap();
        assert!(inc.apply(at..at, " الكبيرة"));
        same_as_full(&inc);
        assert_eq!(runs(&inc), 1);
        // The story's other compounds (none written both ways, so no line of them is run on)
        // written apart: the tie now goes to the apart way, read again.
        let at = inc.text().find("سطر آخر").unwrap();
        assert!(inc.apply(at..at, "زار عبد الرحمن وأبو علي\n"));
        same_as_full(&inc);
        assert_eq!((runs(&inc), flagged(&inc)), (1, vec!["عبدالعزيز".to_string()]));
        // And back.
        let line = "زار عبد الرحمن وأبو علي\n";
        let at = inc.text().find(line).unwrap();
        assert!(inc.apply(at..at + line.len(), ""));
        same_as_full(&inc);
        assert_eq!((runs(&inc), flagged(&inc)), (1, vec!["عبد العزيز".to_string()]));
    }

    #[test]
    fn compounds_run_on_the_words_it_reads_alone() {
        // Name-variant by group: `compounds` runs on the words it may read (a compound's
        // words, a word and the definite word after it), not on the lines holding them, so a
        // word typed on a compound's line away from those words runs nothing, and one typed
        // beside them runs it on the words alone. Harakat, tatweel, punctuation against the
        // words, a CRLF, an emoji: the words alone are found as the story's lines hold them.
        let text = "وكان عبدُالعزيز، قد زار «المدينة»\r\nخبر قصير 👍🏽 هنا\r\nوصل عبـد العزيز صباحاً.\nسطر آخر";
        let mut inc = Incremental::with_names_from(checker(), text, None, 0);
        same_as_full(&inc);
        let names = |inc: &Incremental| {
            let n = inc.names.as_ref().expect("by group");
            (n.compound_runs(), n.compound_whole())
        };
        let flagged = |inc: &Incremental| -> Vec<String> {
            let found = inc.findings().iter().filter(|f| f.rule == "name-variant");
            found.map(|f| inc.text()[f.range.clone()].to_string()).collect()
        };
        assert_eq!(flagged(&inc), ["عبـد العزيز"]);
        // An indefinite word typed at the end of a compound's line, after the full stop: no
        // word compounds reads changed, its findings are moved along.
        let at = inc.text().find("صباحاً.").unwrap() + "صباحاً.".len();
        for typed in [" ك", "ث", "ي", "ر", "اً"] {
            assert!(inc.apply(at..at, typed));
            same_as_full(&inc);
            assert_eq!(names(&inc), (0, 0), "{typed}");
        }
        // Words typed before the compound: it moves, and is found where it is now.
        let at = inc.text().find("وصل").unwrap();
        assert!(inc.apply(at..at, "ثم "));
        same_as_full(&inc);
        assert_eq!(names(&inc).1, 0);
        assert_eq!(flagged(&inc), ["عبـد العزيز"]);
        // A definite word typed after the comma that follows the joined compound: not a pair
        // (a comma between), nothing run; one typed after a word (a pair compounds may read:
        // زار الأمير): run again, on the words alone. Then a second joined one.
        let at = inc.text().find(" قد").unwrap();
        assert!(inc.apply(at..at, " الكبير"));
        same_as_full(&inc);
        assert_eq!(names(&inc), (0, 0));
        let at = inc.text().find(" «المدينة»").unwrap();
        assert!(inc.apply(at..at, " الأمير"));
        same_as_full(&inc);
        assert_eq!(names(&inc), (1, 0));
        let at = inc.text().find("سطر").unwrap();
        assert!(inc.apply(at..at, "ولقي عبدالعزيز أخاه\r\n"));
        same_as_full(&inc);
        assert_eq!(names(&inc), (1, 0));
        assert_eq!(flagged(&inc), ["عبـد العزيز"]);
        let at = inc.text().find("خبر").unwrap();
        assert!(inc.apply(at..at, "ورحب عبد العزيز\n"));
        same_as_full(&inc);
        assert_eq!(names(&inc).1, 0);
    }

    #[test]
    fn a_name_whose_place_on_its_line_moves_is_found_there() {
        // Name-variant by group, its groups' occurrences found by (line id, index among the
        // line's possible names): words typed before a name on its line move it along (the
        // line keeps its id; its old entries name other words now), and the group decided
        // again must find it where it is, in each of several edits.
        let text = "وصل سيرغي لافروف إلى المدينة\nثم غادر سيرجي لافروف المدينة\nسطر آخر\n";
        let mut inc = Incremental::with_names_from(checker(), text, None, 0);
        same_as_full(&inc);
        let decided = |inc: &Incremental| inc.names.as_ref().map_or(0, names::Names::decided);
        let flagged = |inc: &Incremental| -> Vec<(String, usize)> {
            let found = inc.findings().iter().filter(|f| f.rule == "name-variant");
            found.map(|f| (inc.text()[f.range.clone()].to_string(), f.range.start)).collect()
        };
        assert_eq!(flagged(&inc), [("سيرغي".to_string(), "وصل ".len())]);
        for (i, word) in ["الرئيس ", "الروسي ", "والدبلوماسي ", "المخضرم "].into_iter().enumerate()
        {
            let at = inc.text().find("سيرغي").unwrap();
            assert!(inc.apply(at..at, word));
            same_as_full(&inc);
            assert!(decided(&inc) > 0, "{i}");
            let at = inc.text().find("سيرغي").unwrap();
            assert_eq!(flagged(&inc), [("سيرغي".to_string(), at)], "{i}");
            // (the other spelling's line edited: the group decided again from the index alone)
            let at = inc.text().find("المدينة\nسطر").unwrap();
            assert!(inc.apply(at..at, "اليوم "));
            same_as_full(&inc);
            assert!(decided(&inc) > 0, "{i}");
            assert_eq!(flagged(&inc).len(), 1, "{i}");
        }
    }

    #[test]
    fn the_lines_an_edit_kept_are_found_at_either_end() {
        assert_eq!(common_lines(&["a\n", "b\n"], &["b\n"]), (0, 1));
        assert_eq!(common_lines(&["b\n"], &["p\n", "b\n"]), (0, 1));
        assert_eq!(common_lines(&["a\n", "b\n", "c"], &["b\n", "a\n", "c"]), (0, 1));
        assert_eq!(common_lines(&["a\n", "x\n", "c\n"], &["a\n", "y\n", "z\n", "c\n"]), (1, 1));
        // Never more than the shorter side holds, the start taken first.
        assert_eq!(common_lines(&["a\n", "a\n"], &["a\n"]), (1, 0));
        assert_eq!(common_lines(&["a\n"], &["a\n", "a\n", "a\n"]), (1, 0));
        assert_eq!(common_lines(&["a"], &["a\n", "a"]), (0, 1));
        assert_eq!(common_lines(&[], &["a\n"]), (0, 0));
    }

    #[test]
    fn the_readers_index_finds_every_line_that_read_a_form() {
        use crate::core::corrector::Read;
        // Line `id` read forms 7·id (counted), 7·id + 1 (absent) and 5 (counted, by all).
        let reads = |id: u64| {
            Reads::new(vec![
                Read { form: 7 * id, lo: 1, hi: 1 },
                Read { form: 7 * id + 1, lo: 0, hi: 0 },
                Read { form: 5, lo: 2, hi: u32::MAX },
            ])
        };
        let mut readers = LineIndex::default();
        let found = |readers: &LineIndex, form: u64| {
            let mut out = FxHashSet::default();
            readers.lines(form, &mut out);
            out
        };
        // Before and after the recent additions are merged into the sorted list (thousands).
        for id in 0..3000u32 {
            readers.add(reads(u64::from(id)).forms32(), id);
            // (the recent pairs scanned, or searched once settled)
            if id % 3 == 0 {
                readers.settle();
                assert!(readers.recent_sorted);
            }
            for probe in [0, id / 2, id] {
                let p = u64::from(probe);
                assert!(found(&readers, 7 * p).contains(&probe), "{probe} of {id}");
                assert!(found(&readers, 7 * p + 1).contains(&probe), "{probe} of {id}");
            }
        }
        assert!(!readers.sorted.is_empty() && !readers.recent.is_empty());
        assert_eq!(found(&readers, 5).len(), 3000);
        // Forms are matched by the low 32 bits of their hash.
        assert!(found(&readers, (1 << 40) | 7).contains(&1));
        assert!(found(&readers, 4).is_empty());
    }

    /// A verdict made during an edit (not on opening) is found by the verdicts' index when a
    /// later edit changes a form it read: the line using it is checked again (with the index's
    /// pairs of verdicts made since the last edit not added, the second edit keeps the stale
    /// verdict and differs from a full check).
    #[test]
    fn the_verdicts_index_finds_a_verdict_made_by_an_edit() {
        let path = std::path::Path::new(crate::dictionary::SYSTEM_AR);
        let lexicon = crate::dictionary::load(path).expect("the Arabic dictionary (hunspell-ar) is needed here");
        let checker = Arc::new(Checker::new(Config::default(), Some(lexicon)));
        let spelling = |inc: &Incremental| inc.findings().iter().filter(|f| f.rule == "misspelling").count();
        let text = "وقال الوزير كلاما عن الخطة\n";
        let mut inc = Incremental::new(checker.clone(), text, None);
        assert_eq!(inc.verdicts.take_made(), Vec::new(), "nothing made since opening");
        let typed = "وقالَ الوزير المفوظ إن الاجتماع انتهى\r\nوقال المفوظ مرة أخرى 👍🏽\n";
        assert!(inc.apply(0..0, typed));
        assert_eq!(inc.findings(), &checker.check(inc.text(), None).findings[..]);
        let before = spelling(&inc);
        assert!(inc.apply(typed.len()..typed.len(), "وأضاف المفوض كلاما آخر\n"));
        assert_eq!(inc.findings(), &checker.check(inc.text(), None).findings[..], "{:?}", inc.text());
        assert_ne!(spelling(&inc), before, "the edit changes the verdict made by the one before");
        // Every kept verdict's lookups are in the index (or made by the last edit).
        let made = inc.verdicts.take_made();
        inc.verdict_readers.add_pairs(made);
        for (form, verdict) in inc.verdicts.read_pairs() {
            let mut found = FxHashSet::default();
            inc.verdict_readers.lines(u64::from(form), &mut found);
            assert!(found.contains(&verdict), "{form} {verdict}");
        }
    }

    /// A xorshift generator from `seed`: `next(n)` is below `n`, the same sequence on every run.
    fn xorshift(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        }
    }

    /// Up to five lookups of forms drawn by `form`, over short ranges of counts.
    fn random_reads(next: &mut dyn FnMut(u64) -> u64, form: &dyn Fn(&mut dyn FnMut(u64) -> u64) -> u64) -> Reads {
        use crate::core::corrector::Read;
        let reads: Vec<Read> = (0..next(6))
            .map(|_| {
                let lo = next(3) as u32;
                Read { form: form(&mut *next), lo, hi: if next(3) == 0 { lo } else { lo + next(3) as u32 } }
            })
            .collect();
        Reads::new(reads)
    }

    #[test]
    fn stale_either_way_round_is_the_same() {
        // A small generator: the same cases on every run.
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let (mut stale, mut fresh) = (0, 0);
        for _ in 0..2000 {
            // Forms from a small range so that they meet; some differ only above 32 bits.
            let form = |next: &mut dyn FnMut(u64) -> u64| next(12) | (next(2) << 40);
            let reads = random_reads(&mut next, &form);
            let changed: FxHashMap<u64, usize> = (0..next(8)).map(|_| (form(&mut next), next(4) as usize)).collect();
            let present: FxHashSet<u32> = changed.iter().filter(|&(_, &n)| n != 0).map(|(&h, _)| h as u32).collect();
            let want = reads.stale(&changed);
            assert_eq!(reads.stale_among(&changed, &present), want, "{reads:?} {changed:?}");
            if want {
                stale += 1;
            } else {
                fresh += 1;
            }
        }
        assert!(stale > 100 && fresh > 100, "both answers exercised: {stale} / {fresh}");
    }

    #[test]
    fn the_changed_forms_filter_changes_no_answer() {
        // The same cases on every run; forms that differ in the filter's bits (12..32), below
        // them (the same bit, another form) and above 32 bits (the same low 32 bits).
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        let (mut stale, mut fresh, mut filtered) = (0, 0, 0);
        for _ in 0..4000 {
            let form = |next: &mut dyn FnMut(u64) -> u64| (next(10) << 12) | next(2) | (next(2) << 40);
            let reads = random_reads(&mut next, &form);
            let changed: FxHashMap<u64, usize> = (0..next(5)).map(|_| (form(&mut next), next(4) as usize)).collect();
            let forms = ChangedForms::new(&changed);
            let want = reads.stale(&changed);
            assert_eq!(forms.stale(&reads), want, "{reads:?} {changed:?}");
            if !reads.forms32().any(|f| forms.filter.may_hold(f)) {
                filtered += 1;
            }
            if want {
                stale += 1;
            } else {
                fresh += 1;
            }
        }
        assert!(stale > 100 && fresh > 100 && filtered > 100, "{stale} / {fresh} / {filtered}");
        // The filter itself: what went in is held; the bits it answers by are 12..32.
        let f = ChangedFilter::of([0x1234_5678, 0xffff_0000_0000]);
        assert!(f.may_hold(0x1234_5678) && f.may_hold(0x1234_5000) && f.may_hold(0));
        assert!(!f.may_hold(0x1234_6678) && !f.may_hold(0x0000_1000));
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
