//! A spelling corrector driven by the dictionary and a word-frequency table, not by lists: for a
//! word the dictionary rejects, the edits Arabic writers make, kept when the dictionary accepts
//! them, ranked by frequency and by the story itself; an answer only when one clearly wins.
//!
//! Pure: the dictionary is passed in, the frequency table is compiled in.

use rustc_hash::FxHashMap;

use crate::core::arabic;
use crate::core::frequency;
use crate::core::lexicon::Lexicon;

/// Letters that stand for each other in common misspellings: the sound-alike consonants,
/// and ة/ه.
const CONFUSABLE: &[&[char]] =
    &[&['ض', 'ظ'], &['ذ', 'ز', 'د'], &['ث', 'س'], &['ص', 'س'], &['ط', 'ت'], &['ق', 'ك', 'غ', 'ج'], &['ة', 'ه']];

/// Spellings of the same sound: hamza on alif and on its seats. A bare alif starting a stem
/// is never the source: writing it for a hamzated alif is the house style `hamza = "off"`
/// allows. Final ى for ي (`فى`) is a house decision too (see `src/data/misspellings.txt`).
/// Persian ya and kaf typed for Arabic ones are the same letters to the reader.
const ORTHOGRAPHIC: &[&[char]] =
    &[&['ا', 'أ', 'إ', 'آ'], &['ء', 'ؤ', 'ئ', 'أ', 'إ'], &['ئ', 'ي'], &['ؤ', 'و'], &['ی', 'ي'], &['ک', 'ك']];

/// Letters a writer drops or doubles without noticing: long vowels and hamzas.
const SLIPPERY: &[char] = &['ا', 'و', 'ي', 'ى', 'ء', 'أ', 'إ', 'ؤ', 'ئ'];

/// Shortest word (in letters) that gets more than orthographic edits: shorter unknown words
/// are mostly names and dialect, and every edit of them makes some common word.
const MIN_LETTERS_FOR_EDITS: usize = 5;
/// Shortest word that may have lost any letter (not only a long vowel, a hamza or a double).
const MIN_LETTERS_FOR_ANY_INSERT: usize = 6;

/// Short words a fused word may start with (`ياكبير`, `فيالمدينة`): split off only these
/// when the first part has fewer than three letters. Not ما and لا: published copy fuses
/// them (`مازال`, `لايزال`), a house decision (see `src/data/misspellings.txt`).
const SHORT_FIRST: &[&str] = &["يا", "في", "من", "عن"];

/// Compound names written as one word by many desks (`عبدالله`): never split.
const COMPOUND_FIRST: &[&str] = &["عبد", "وعبد", "لعبد", "بعبد", "ابو", "أبو", "بو"];

/// The most frequent a split's parts must both be (frequency class).
const SPLIT_PART_CLASS: i32 = 50;

/// Letters of the Arabic alphabet a dropped letter can be.
const LETTERS: &str = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي";

/// How much more frequent (in classes: 10 = ten times) the winner must be than the word as
/// written, and than the runner-up.
const OVER_WRITTEN: i32 = 8;
const OVER_RUNNER_UP: i32 = 6;
/// A candidate the story uses elsewhere counts as this many classes more frequent.
const STORY_BONUS: i32 = 15;
/// The rarest (frequency class) a winner may be, unless the story uses it.
const MOST_ORDINARY: i32 = 52;
/// How long (letters) a word must be for a swap's winner to be as rare as this.
const LONG_WORD: usize = 7;
const MOST_ORDINARY_LONG_SWAP: i32 = 58;
/// A split into two words ranks as the rarer word plus this.
const SPLIT_PENALTY: i32 = 4;
/// A candidate that is only known through a clitic (its stem in the table) ranks as the
/// stem plus this.
const STEM_PENALTY: i32 = 3;
/// The same for a candidate of an edit other than a respelling of one sound.
const STEM_PENALTY_EDIT: i32 = 6;
/// A form the web writes (in the frequency table) that the dictionary rejects is mostly a
/// name or a dialect word, but the web also writes everyday slips (`ذالك`, `اللذي`, `كانو`):
/// an edit other than a respelling of one sound ranks as this many classes rarer there, so
/// only a candidate overwhelmingly more frequent than the written form wins.
const SEEN_PENALTY: i32 = 12;

/// How often each form (a word's key, or a stem its clitic chains leave) occurs in a story.
pub trait FormCounts {
    fn count(&self, form: &str) -> usize;
}

impl FormCounts for FxHashMap<&str, usize> {
    fn count(&self, form: &str) -> usize {
        self.get(form).copied().unwrap_or(0)
    }
}

/// No story: every form unseen.
struct NoForms;

impl FormCounts for NoForms {
    fn count(&self, _: &str) -> usize {
        0
    }
}

/// One lookup of the story's evidence, as recorded: the answer it gave holds while the
/// count of the form (by [`form_hash`]) stays in `lo..=hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Read {
    pub form: u64,
    pub lo: u32,
    pub hi: u32,
}

impl Read {
    /// Whether the recorded answer is still the answer when the form occurs `count` times.
    pub fn holds(&self, count: usize) -> bool {
        (self.lo as usize..=self.hi as usize).contains(&count)
    }
}

/// Recorded lookups, compactly: most say "the story never writes this form" (a candidate
/// nobody wrote), kept as 32 bits of the form's hash (a false match only re-checks more).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reads {
    /// Sorted by form.
    counted: Vec<Read>,
    /// Sorted: `form_hash as u32` of the forms read as occurring zero times, where any change
    /// of the count changes the answer.
    absent: Vec<u32>,
}

impl Reads {
    pub fn new(mut all: Vec<Read>) -> Reads {
        let mut absent: Vec<u32> = all.iter().filter(|r| r.lo == 0 && r.hi == 0).map(|r| r.form as u32).collect();
        all.retain(|r| !(r.lo == 0 && r.hi == 0));
        all.sort_unstable();
        all.dedup();
        all.shrink_to_fit();
        absent.sort_unstable();
        absent.dedup();
        absent.shrink_to_fit();
        Reads { counted: all, absent }
    }

    pub fn is_empty(&self) -> bool {
        self.counted.is_empty() && self.absent.is_empty()
    }

    pub fn len(&self) -> usize {
        self.counted.len() + self.absent.len()
    }

    /// Whether a lookup's answer changes when the forms in `changed` (by [`form_hash`]) now
    /// occur the given number of times, from counts the lookups held for.
    pub fn stale<'c>(&self, changed: impl IntoIterator<Item = (&'c u64, &'c usize)>) -> bool {
        changed.into_iter().any(|(&h, &n)| {
            let from = self.counted.partition_point(|r| r.form < h);
            self.counted[from..].iter().take_while(|r| r.form == h).any(|r| !r.holds(n))
                || (n != 0 && self.absent.binary_search(&(h as u32)).is_ok())
        })
    }
}

/// The hash [`Read`]s name forms by.
pub fn form_hash(form: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(form)
}

/// What the story says about forms: how often each key and clitic stem occurs. Every story
/// lookup of the misspelling rule and the corrector goes through [`StoryForms::get`] or
/// [`StoryForms::at_least`], which can record what was asked and the answer (for incremental
/// checking: a verdict is re-made only when an answer it read would change).
#[derive(Clone, Copy)]
pub struct StoryForms<'a> {
    counts: &'a dyn FormCounts,
    reads: Option<&'a std::cell::RefCell<Vec<Read>>>,
}

impl Default for StoryForms<'static> {
    fn default() -> Self {
        StoryForms { counts: &NoForms, reads: None }
    }
}

impl<'a> StoryForms<'a> {
    pub fn new(counts: &'a dyn FormCounts) -> StoryForms<'a> {
        StoryForms { counts, reads: None }
    }

    /// The same counts, each lookup recorded in `reads`.
    pub fn recording<'b>(&self, reads: &'b std::cell::RefCell<Vec<Read>>) -> StoryForms<'b>
    where
        'a: 'b,
    {
        StoryForms { counts: self.counts, reads: Some(reads) }
    }

    /// Whether lookups are recorded.
    pub fn is_recording(&self) -> bool {
        self.reads.is_some()
    }

    /// How often `form` occurs (the exact count: any change of it changes the answer).
    pub fn get(&self, form: &str) -> usize {
        let n = self.counts.count(form);
        self.record(form, n, n);
        n
    }

    /// Whether `form` occurs at least `n` times (the answer changes only when the count
    /// crosses `n`).
    pub fn at_least(&self, form: &str, n: usize) -> bool {
        let count = self.counts.count(form);
        let yes = count >= n;
        if yes {
            self.record(form, n, usize::MAX);
        } else {
            self.record(form, 0, n.saturating_sub(1));
        }
        yes
    }

    fn record(&self, form: &str, lo: usize, hi: usize) {
        if let Some(reads) = self.reads {
            let clamp = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
            reads.borrow_mut().push(Read { form: form_hash(form), lo: clamp(lo), hi: clamp(hi) });
        }
    }
}

/// The correction of `key` (a lookup key of Arabic letters) if one candidate clearly wins:
/// the whole corrected key. `None` for words the dictionary knows, words it cannot correct,
/// and words with several plausible corrections.
pub fn correct(lex: &Lexicon, key: &str, story: &StoryForms<'_>) -> Option<String> {
    let n = key.chars().count();
    if n < 3 || !key.chars().all(arabic::is_arabic_letter) {
        return None;
    }
    if lex.knows_with_clitics(key) {
        return None;
    }
    let repeated = std::iter::once(key)
        .chain(arabic::clitic_splits(key).map(|(_, stem)| stem).filter(|stem| stem.chars().count() >= 3))
        .any(|f| story.at_least(f, 2));
    // The written form's own frequency (the story's use of it is no evidence: it is this use).
    let written = rank_of(key, &StoryForms::default()).min(frequency::UNSEEN as i32);
    // A form the web writes (in the frequency table) is mostly a word of its own, a name or
    // a dialect word the dictionary lacks: a respelling of one sound may still mend it, any
    // other edit only with overwhelming evidence (SEEN_PENALTY). A form nobody writes gets
    // every edit.
    let in_table = written < frequency::UNSEEN as i32;
    let seen = in_table || n < MIN_LETTERS_FOR_EDITS;
    // Seen on the web, every edit but a respelling of one sound needs overwhelming evidence;
    // short and unseen, a form gets only respellings (names and dialect).
    let penalty = |orthographic: bool| {
        if orthographic {
            Some(0)
        } else if in_table {
            Some(SEEN_PENALTY)
        } else if seen {
            None
        } else {
            Some(0)
        }
    };
    // A bare alif starting the word or its stem where the dictionary knows a hamzated one
    // is the house style (`[style] hamza`), not a slip. Inside the stem (`مسالة`) it is one.
    let chars: Vec<char> = key.chars().collect();
    let stem_starts: Vec<usize> =
        std::iter::once(0).chain(arabic::clitic_splits(key).map(|(p, _)| p.chars().count())).collect();
    for &i in &stem_starts {
        if chars.get(i) == Some(&'ا') {
            for h in ['أ', 'إ', 'آ'] {
                let mut v = chars.clone();
                v[i] = h;
                if lex.knows_with_clitics(&v.iter().collect::<String>()) {
                    return None;
                }
            }
        }
    }
    // candidate -> (rank with any penalty, the penalty)
    let mut cands: FxHashMap<String, (i32, i32)> = FxHashMap::default();
    let no_story = StoryForms::default();
    let consider = |cand: String, orthographic: bool, cands: &mut FxHashMap<String, (i32, i32)>| {
        let Some(extra) = penalty(orthographic) else { return };
        if cand == key {
            return;
        }
        // Seen on the web, a form is weighed against the web alone: a story word one vowel
        // away (فرنسوا beside فرنسا) is another word or a name's variant, not a correction.
        let story = if extra > 0 { &no_story } else { story };
        // Known only through a clitic, an edited candidate may be a clitic glued to another
        // word (بيستون -> ب + ستون): it ranks as its stem plus more.
        let stem_penalty = if orthographic { STEM_PENALTY } else { STEM_PENALTY_EDIT };
        let rank_of = |f: &str, story: &StoryForms<'_>| rank_with(f, story, stem_penalty);
        let rank = match cand.split_once(' ') {
            // ة and ى only end a word: after one, the space was surely dropped.
            Some((a, b)) if a.ends_with(['ة', 'ى']) && b.chars().count() >= 2 => {
                rank_of(a, story).max(rank_of(b, story)) + SPLIT_PENALTY
            }
            Some((a, b)) => {
                let short_ok = a.chars().count() >= 3 || SHORT_FIRST.contains(&a);
                // A second part starting with و may be و + a word (`اللي وان`).
                if !short_ok || b.chars().count() < 3 || b.starts_with('و') || COMPOUND_FIRST.contains(&a) {
                    return;
                }
                let (ra, rb) = (frequency::class_or_unseen(a) as i32, frequency::class_or_unseen(b) as i32);
                if ra > SPLIT_PART_CLASS || rb > SPLIT_PART_CLASS {
                    return;
                }
                ra.max(rb) + SPLIT_PENALTY
            }
            None => rank_of(&cand, story),
        };
        if rank < frequency::UNSEEN as i32 {
            let r = cands.entry(cand).or_insert((i32::MAX, 0));
            if rank + extra < r.0 {
                *r = (rank + extra, extra);
            }
        }
    };
    let mut buf: Vec<char> = Vec::with_capacity(n + 2);
    let mut swapped: Vec<String> = Vec::new();
    let s = |v: &[char]| v.iter().collect::<String>();
    for i in 0..n {
        // one letter for another: the same sound spelled otherwise, or a confusable one
        for (sets, orthographic) in [(ORTHOGRAPHIC, true), (CONFUSABLE, false)] {
            for set in sets.iter().filter(|set| set.contains(&chars[i])) {
                if orthographic && chars[i] == 'ا' && stem_starts.contains(&i) {
                    continue;
                }
                for &to in set.iter().filter(|&&t| t != chars[i] && !matches!(t, 'ی' | 'ک')) {
                    if matches!(to, 'ة' | 'ى') && i + 1 != n {
                        continue;
                    }
                    buf.clear();
                    buf.extend_from_slice(&chars);
                    buf[i] = to;
                    // A hamzated alif made bare is a wasl question the wasl shapes decide, or
                    // a loanword's spelling (إسترليني): not orthographic.
                    consider(s(&buf), orthographic && to != 'ا', &mut cands);
                }
            }
        }
        // a letter too many: a doubled letter, a long vowel or a hamza added; never the
        // first, which may be a clitic or a name's own, and never the ي of a final ية: the
        // nisba ending is productive (المضاربية is an adjective the dictionary lacks, not
        // المضاربة with a letter too many)
        let nisba = chars[i] == 'ي' && i + 2 == n && chars[n - 1] == 'ة';
        // Seen on the web, a form's last vowel is a suffix of its own (فرنسوا، القانونى).
        let suffix = in_table && i + 1 == n;
        if i > 0 && !nisba && !suffix && (chars[i] == chars[i - 1] || SLIPPERY.contains(&chars[i])) {
            buf.clear();
            buf.extend(chars.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &c)| c));
            consider(s(&buf), false, &mut cands);
        }
        // two neighbours swapped
        if i + 1 < n && chars[i] != chars[i + 1] {
            buf.clear();
            buf.extend_from_slice(&chars);
            buf.swap(i, i + 1);
            consider(s(&buf), false, &mut cands);
            swapped.push(s(&buf));
        }
        // fused words: a space dropped
        if i >= 2 && n - i >= 2 {
            let (a, b) = (s(&chars[..i]), s(&chars[i..]));
            let sure = matches!(chars[i - 1], 'ة' | 'ى');
            consider(format!("{a} {b}"), sure, &mut cands);
        }
    }
    // a hamza dropped (إجرا for إجراء): the same sound, spelled
    for i in 1..=n {
        // (not أ: after a letter that is also a clitic it makes a new word, بيار -> بأيار)
        for h in ['ء', 'ئ', 'ؤ'] {
            buf.clear();
            buf.extend_from_slice(&chars[..i]);
            buf.push(h);
            buf.extend_from_slice(&chars[i..]);
            consider(s(&buf), true, &mut cands);
        }
    }
    // a letter dropped (a long vowel, a doubled letter, a hamza, any letter; seen on the web,
    // only a long vowel, a hamza or a double)
    for i in 1..=n {
        let doubled = [chars[i - 1], chars.get(i).copied().unwrap_or(chars[i - 1])];
        for l in LETTERS.chars() {
            let any = n >= MIN_LETTERS_FOR_ANY_INSERT && !in_table;
            if !any && !SLIPPERY.contains(&l) && !doubled.contains(&l) {
                continue;
            }
            buf.clear();
            buf.extend_from_slice(&chars[..i]);
            buf.push(l);
            buf.extend_from_slice(&chars[i..]);
            // The silent alif after a final و (كانوا) is no sound: a spelling.
            let silent = l == 'ا' && i == n && chars[n - 1] == 'و';
            consider(s(&buf), silent, &mut cands);
        }
    }
    // Best first; only candidates the dictionary accepts count. Candidates too rare to win,
    // or to challenge the winner, are never looked up.
    let mut ranked: Vec<(String, i32, i32)> = cands
        .into_iter()
        .map(|(c, (r, extra))| (c, r, extra))
        .filter(|(_, r, _)| r + OVER_WRITTEN <= written)
        .collect();
    ranked.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    let accepted = |c: &str| match c.split_once(' ') {
        Some((a, b)) => lex.knows_with_clitics(a) && lex.knows_with_clitics(b),
        None => !article_invented(key, c, in_table) && lex.knows_with_clitics(c),
    };
    let mut it = ranked.into_iter();
    let (best, best_rank, best_extra) = it.by_ref().find(|(c, _, _)| accepted(c))?;
    // Not seen on the web, the winner must be: a common word, or one the story uses.
    // A swap in a long word has few rivals: its winner may be a rarer word.
    let most_ordinary = if n >= LONG_WORD && swapped.contains(&best) { MOST_ORDINARY_LONG_SWAP } else { MOST_ORDINARY };
    // (The penalty of a form the web writes weighs against the form, not the winner.)
    if best_rank - best_extra > most_ordinary || best.starts_with("الال") {
        return None;
    }
    if it.take_while(|(_, r, _)| *r < best_rank + OVER_RUNNER_UP).any(|(c, _, _)| accepted(&c)) {
        return None;
    }
    // A form the story repeats is its spelling, unless the story also writes the winner.
    if repeated && !story.at_least(&best, 1) {
        return None;
    }
    Some(best)
}

/// A candidate that turns a bare alef into the article (اعلام -> العام) is another word —
/// where the written form is one the web writes (`in_table`: a hamza-less spelling). A form
/// nobody writes that starts with the alef (`اسلفر`, `ادلفاع`) is the article with its ل
/// swapped into the word. (Not one that starts `لا`: `لاتذهب` is لا fused to a verb.)
fn article_invented(key: &str, cand: &str, in_table: bool) -> bool {
    cand.starts_with("ال") && !key.starts_with("ال") && (in_table || !key.starts_with('ا'))
}

/// How common a form is, in frequency classes (lower is more common): the form itself, else
/// its stem after a clitic, and much more common when the story uses it.
fn rank_of(form: &str, story: &StoryForms<'_>) -> i32 {
    rank_with(form, story, STEM_PENALTY)
}

/// [`rank_of`] with `stem_penalty` for a form known only through its stem.
fn rank_with(form: &str, story: &StoryForms<'_>, stem_penalty: i32) -> i32 {
    let own = frequency::class(form).map(i32::from).or_else(|| {
        arabic::clitic_splits(form)
            .filter(|(_, stem)| stem.chars().count() >= 3)
            .filter_map(|(_, stem)| frequency::class(stem))
            .min()
            .map(|c| i32::from(c) + stem_penalty)
    });
    let own = own.unwrap_or(frequency::UNSEEN as i32 + 1);
    if story.at_least(form, 1) {
        own.min(frequency::UNSEEN as i32) - STORY_BONUS
    } else {
        own
    }
}
