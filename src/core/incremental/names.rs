//! `name-variant` kept up to date by line for [`super::Incremental`]: what each line holds of
//! names (its words' keys, where its possible names are, what `compounds` reads of it) is kept
//! with the line's other facts; the story's counts of whole words by skeleton and each
//! distinct word's name form are updated as lines are replaced; after an edit only the
//! skeleton groups whose inputs changed are decided again (by `name_variant::decide`, the
//! full check's own code), and the other groups' findings are shifted. Which lines hold which
//! words is indexed (`Holders`: key hash, line id), so a group decided again visits only the
//! lines holding its words.
//!
//! A group's decision reads its spellings' occurrences (their order, their words' neighbours
//! on the line, the words as written), the story's count of each skeleton (through each
//! word's name form) and what does not change with the text (data, dictionary, frequency
//! table). So a group is decided again when an occurrence with its key, neighbours and
//! written text appears or disappears (a multiset difference over the replaced lines), when
//! a word's name form moves into or out of it (a skeleton count crossed 1 or 2), or when one
//! of its findings touches the edited range. A group whose spellings differ by hamza alone also
//! reads the story's hamza style (its function words written with or without hamza, counted
//! per line and summed): the groups whose last decision read it are decided again when it
//! changes. `compounds` is run on the words it may read on the lines that hold a compound both
//! written apart and joined somewhere (hashes of forms per line, counted), put alone one after
//! another ([`Excerpt`]), again only when those words or that set change, or when the story's counts of compounds written apart and joined (per line, summed),
//! which it read to break a tie, change.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use super::LineIndex;
use crate::core::data::Data;
use crate::core::document::Document;
use crate::core::finding::{Finding, Severity};
use crate::core::lexicon::Lexicon;
use crate::core::rules::name_variant::{self as nv, KnownCache, Spelling, Words};
use crate::core::rules::Context;

/// What a line holds of names.
#[derive(Debug, Default)]
pub(super) struct LineNames {
    /// Each word's range, relative to the line's start: its key is the line's text there,
    /// unless it is one of the `odd` words. (Keys of their own for every word, one after
    /// another with their ends, and each possible name's range again took about 2 MB more on
    /// the 2 MB document.)
    words: Box<[[u32; 2]]>,
    /// The words whose key is not their written text (harakat, tatweel, marks, presentation
    /// forms): (index among the line's words, end of its key in `keys`), by index; and their
    /// keys, one after another.
    odd: Box<[[u32; 2]]>,
    keys: Box<str>,
    /// The words that may be names.
    occs: Box<[Occ]>,
    /// [`nv::compound_facts`] of the line.
    joinable: Box<[u64]>,
    pairs: Box<[u64]>,
    forms: Box<[u64]>,
    /// Its function words written with and without hamza ([`nv::hamza_tell`]).
    hamza: (u32, u32),
    /// [`nv::line_compounds`] of the line: compounds written apart and joined.
    compound_style: (u32, u32),
    /// The words `compounds` may read on the line: each with a stem that may be a compound
    /// written joined, and both words of each pair that may be one written apart (index
    /// among the line's words, start and end relative to the line's start; by index). Its
    /// run puts these alone one after another, not the lines that hold them (see
    /// [`Names::compounds`]).
    compound_words: Box<[[u32; 3]]>,
}

/// 8 bytes (with the word's range and the whole `u64` hash, 24: 2.4 MB more on the 2 MB
/// document, where 150,000 words may be names).
#[derive(Clone, Copy, Debug)]
struct Occ {
    /// The low 32 bits of [`hash_str`] of the key (what the holders' index and the words'
    /// table key words by: see [`WordTable::shared_bits`]).
    hash: u32,
    /// Index of the word among the line's words.
    word: u32,
}

/// Two words whose keys' hashes share their low 32 bits are both found, and either is found
/// once the other is gone (for the engine's tests).
#[cfg(test)]
pub(super) fn assert_collisions_found() {
    let mut seen: FxHashMap<u32, String> = FxHashMap::default();
    let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
    let (a, b) = (0u64..)
        .find_map(|i| {
            let word: String = (0..5).map(|d| letters[(i / 28u64.pow(d)) as usize % letters.len()]).collect();
            match seen.insert(hash_str(&word) as u32, word.clone()) {
                Some(other) if other != word => Some((other, word)),
                _ => None,
            }
        })
        .unwrap_or_default();
    let info = || KeyInfo { skeleton: nv::skeleton_hash("سامي"), form_skeleton: 0, form_at: NO_FORM, count: 1 };
    let mut table = WordTable::default();
    let (ia, ib) = (table.insert(&a, &[], info()), table.insert(&b, &[], info()));
    assert_ne!(ia, ib);
    // (their shared bits are known, so neither is found by its hash alone)
    assert_eq!(table.shared_bits(), [hash_str(&a) as u32].into_iter().collect());
    assert_eq!((table.find(&a), table.find(&b)), (Some(ia), Some(ib)));
    table.remove(ia);
    assert_eq!((table.find(&a), table.find(&b)), (None, Some(ib)));
    let ic = table.insert(&a, &[], info());
    assert_eq!(ic, ia, "the freed id is taken again");
    assert_eq!((table.find(&a), table.find(&b)), (Some(ic), Some(ib)));
    assert_eq!(table.shared_bits(), [hash_str(&a) as u32].into_iter().collect());
    table.remove(ib);
    assert_eq!((table.find(&a), table.find(&b), table.len()), (Some(ic), None, 1));
    assert!(table.shared_bits().is_empty());
    let mut found = FxHashSet::default();
    table.with_skeleton(nv::skeleton_hash("سامي"), &mut found);
    assert_eq!(found, [ic].into_iter().collect());
}

/// The words' keys and stems stay found as removed words' bytes are dropped from the table's
/// buffers (for the engine's tests).
#[cfg(test)]
pub(super) fn assert_table_compacts() {
    let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
    let word = |i: usize| -> String { (0..4).map(|d| letters[(i / 28usize.pow(d)) % letters.len()]).collect() };
    let info = |i: usize| KeyInfo { skeleton: i as u64, form_skeleton: 0, form_at: NO_FORM, count: 1 };
    let mut table = WordTable::default();
    let ids: Vec<u32> = (0..3000).map(|i| table.insert(&word(i), &[i as u64 + 1_000_000, 7], info(i))).collect();
    let full = table.keys.len();
    for (i, &id) in ids.iter().enumerate().filter(|(i, _)| i % 3 != 0) {
        assert_eq!(table.key(id), word(i));
        table.remove(id);
    }
    assert!(table.keys.len() < full / 2, "the removed words' keys are dropped");
    for (i, &id) in ids.iter().enumerate() {
        let kept = i % 3 == 0;
        assert_eq!(table.find(&word(i)), kept.then_some(id));
        assert_eq!(table.key(id), if kept { word(i) } else { String::new() });
        let stems: Vec<u64> = if kept { vec![i as u64 + 1_000_000, 7] } else { Vec::new() };
        assert_eq!(table.stems(id), &stems[..]);
    }
    let mut found = FxHashSet::default();
    table.with_skeleton(1_000_000 + 300, &mut found);
    assert_eq!(found, [ids[300]].into_iter().collect());
    assert_eq!(table.iter().count(), 1000);
}

/// A compound's words alone are put in the excerpt `compounds` runs on, and a document of it
/// that finds a word elsewhere, or another word, is told apart (for the engine's tests).
#[cfg(test)]
pub(super) fn assert_excerpt_checked(data: &Data) {
    let text = "وصل عبد العزيز صباحاً، ثم زار الأمير\r\n";
    let doc = Document::new(text);
    let names = LineNames::of(data, &doc, 0, 0);
    let lines = [&names];
    let story = View { text, lines: &lines, starts: &[0] };
    let live: FxHashSet<u64> = names.pairs.iter().copied().collect();
    let mut excerpt = Excerpt::words(text, &lines, &[0], &live);
    assert_eq!(excerpt.text, "عبد العزيز\nزار الأمير\n");
    assert_eq!(excerpt.places, [(0, "وصل ".len()), ("عبد العزيز\n".len(), text.find("زار").unwrap_or(0))]);
    assert!(excerpt.found_by(&Document::new(&excerpt.text), &story));
    // Its words put on one line: the second piece's words are on another line than expected.
    assert!(!excerpt.found_by(&Document::new("عبد العزيز زار الأمير\n"), &story));
    // Another word in a piece's place, or a word found ending elsewhere.
    assert!(!excerpt.found_by(&Document::new("عبد العزيز\nزار الأمر\n"), &story));
    if let Some(w) = excerpt.words.as_mut().and_then(|w| w.first_mut()) {
        w[1] -= 1;
    }
    assert!(!excerpt.found_by(&Document::new(&excerpt.text), &story));
    // Whole lines are always the story's.
    assert!(Excerpt::lines(text, &lines, &[0], &live).found_by(&Document::new(""), &story));
}

/// A line's words' keys are read from its text, but for the words written with harakat,
/// tatweel or marks, whose keys are kept (for the engine's tests).
#[cfg(test)]
pub(super) fn assert_keys_kept(data: &Data) {
    let text = "وصل الوفد صباحاً\nقال محمّد إنَّ الوزيـر سافر\n";
    let doc = Document::new(text);
    let lead = text.find('\n').map_or(0, |n| n + 1);
    let names = LineNames::of(data, &doc, 1, lead);
    let line = &text[lead..];
    let words = &doc.words[doc.lines[1].words.clone()];
    assert_eq!(names.words.len(), words.len());
    for (j, w) in words.iter().enumerate() {
        assert_eq!(names.key(line, j as u32), doc.key(w));
        assert_eq!(names.written(line, j as u32), &text[w.range.clone()]);
    }
    assert_eq!(names.odd.len(), 3, "محمّد، إنَّ، الوزيـر");
    assert_eq!(names.key(line, 1), "محمد");
    assert_eq!(names.neighbour(line, 0, false), None);
    assert_eq!(names.neighbour(line, 3, true), Some("سافر"));
    assert_eq!(names.key(line, 9), "");
}

/// The sizes the memory bound counts on (for the engine's tests).
#[cfg(test)]
pub(super) fn assert_small() {
    assert_eq!(std::mem::size_of::<KeyInfo>(), 24);
    assert_eq!(std::mem::size_of::<Word>(), 40);
    assert_eq!(std::mem::size_of::<Occ>(), 8);
    let mut info = KeyInfo { skeleton: 1, form_skeleton: 0, form_at: NO_FORM, count: 1 };
    assert_eq!(info.form(), None);
    info.set_form((3, 7));
    assert_eq!(info.form(), Some((3, 7)));
}

impl LineNames {
    /// The facts of line `line` of `doc`, whose start is `lead` bytes into `doc`'s text.
    pub(super) fn of(data: &Data, doc: &Document<'_>, line: usize, lead: usize) -> LineNames {
        let Some(l) = doc.lines.get(line) else { return LineNames::default() };
        let mut keys = String::new();
        let mut words = Vec::with_capacity(l.words.len());
        let mut odd = Vec::new();
        let mut occs = Vec::new();
        let mut hamza = (0, 0);
        for (j, w) in doc.words[l.words.clone()].iter().enumerate() {
            let key = doc.key(w);
            // (offsets in 32 bits, as a line's are wherever the engine keeps them)
            words.push([w.range.start.saturating_sub(lead) as u32, w.range.end.saturating_sub(lead) as u32]);
            if doc.text.get(w.range.clone()) != Some(key) {
                keys.push_str(key);
                odd.push([j as u32, keys.len() as u32]);
            }
            match nv::hamza_tell(key) {
                Some(true) => hamza.0 += 1,
                Some(false) => hamza.1 += 1,
                None => {}
            }
            if nv::may_be_name(key) {
                occs.push(Occ { hash: hash_str(key) as u32, word: j as u32 });
            }
        }
        let (mut joinable, mut pairs, mut forms) = (Vec::new(), Vec::new(), Vec::new());
        nv::compound_facts(data, doc, line, &mut joinable, &mut pairs, &mut forms);
        let (apart, joined) = nv::line_compounds(doc, line);
        let compound_words =
            if forms.is_empty() && pairs.is_empty() { Box::default() } else { compound_words(data, doc, line, lead) };
        LineNames {
            compound_words,
            hamza,
            compound_style: (apart as u32, joined as u32),
            words: words.into(),
            odd: odd.into(),
            keys: keys.into(),
            occs: occs.into(),
            joinable: joinable.into(),
            pairs: pairs.into(),
            forms: forms.into(),
        }
    }

    /// Whether the line holds one of the `live` compounds' forms (written apart or joined).
    fn holds_compound(&self, live: &FxHashSet<u64>) -> bool {
        self.pairs.iter().chain(self.forms.iter()).any(|h| live.contains(h))
    }

    /// The key of the line's word `word`; `line` is the line's text (the text these facts
    /// were made of, from the line's start on).
    fn key<'a>(&'a self, line: &'a str, word: u32) -> &'a str {
        match self.odd.binary_search_by_key(&word, |o| o[0]) {
            Ok(i) => {
                let start = i.checked_sub(1).and_then(|p| self.odd.get(p)).map_or(0, |o| o[1] as usize);
                let end = self.odd.get(i).map_or(0, |o| o[1] as usize);
                self.keys.get(start..end).unwrap_or("")
            }
            Err(_) => self.written(line, word),
        }
    }

    /// The line's word `word` as written (see [`LineNames::key`] for `line`).
    fn written<'a>(&self, line: &'a str, word: u32) -> &'a str {
        self.words.get(word as usize).and_then(|r| line.get(r[0] as usize..r[1] as usize)).unwrap_or("")
    }

    fn neighbour<'a>(&'a self, line: &'a str, word: u32, after: bool) -> Option<&'a str> {
        let n = if after { word.checked_add(1) } else { word.checked_sub(1) }?;
        ((n as usize) < self.words.len()).then(|| self.key(line, n))
    }

    /// The occurrence's key, neighbours and written text, hashed.
    fn identity(&self, o: &Occ, line: &str) -> u64 {
        let mut h = FxHasher::default();
        self.key(line, o.word).hash(&mut h);
        self.neighbour(line, o.word, false).hash(&mut h);
        self.neighbour(line, o.word, true).hash(&mut h);
        self.words.get(o.word as usize).and_then(|r| line.get(r[0] as usize..r[1] as usize)).hash(&mut h);
        h.finish()
    }
}

/// [`LineNames::compound_words`] of line `line` of `doc`, whose start is `lead` bytes into
/// `doc`'s text: the words with a stem [`nv::compound_split`] splits, and both words of each
/// pair whose first word's key or a stem of it, with the second's key after it, splits right
/// there (what [`nv::compound_facts`] hashes; more than `compounds` reads is only more text).
fn compound_words(data: &Data, doc: &Document<'_>, line: usize, lead: usize) -> Box<[[u32; 3]]> {
    let Some(l) = doc.lines.get(line) else { return Box::default() };
    let words = doc.words.get(l.words.clone()).unwrap_or(&[]);
    let mut read = vec![false; words.len()];
    let mut buf = String::new();
    for (i, w) in words.iter().enumerate() {
        let k = doc.key(w);
        if stems(k).any(|s| nv::compound_split(data, s).is_some()) {
            read[i] = true;
        }
        let Some(b) = words.get(i + 1) else { continue };
        let kb = doc.key(b);
        let pair = stems(k).any(|head| {
            buf.clear();
            buf.push_str(head);
            buf.push_str(kb);
            nv::compound_split(data, &buf) == Some(head.len())
        });
        if pair {
            read[i] = true;
            read[i + 1] = true;
        }
    }
    let rel = |x: usize| x.saturating_sub(lead) as u32;
    let picked = words.iter().enumerate().filter(|&(i, _)| read[i]);
    picked.map(|(i, w)| [i as u32, rel(w.range.start), rel(w.range.end)]).collect()
}

/// A key and the stems its clitic chains leave.
fn stems(k: &str) -> impl Iterator<Item = &str> + '_ {
    std::iter::once(k).chain(crate::core::arabic::clitic_splits(k).map(|(_, s)| s))
}

/// Findings, and whether computing them panicked.
type Outcome = (Vec<Finding>, bool);

/// `compounds`' run: its findings, whether it panicked, and the story's compound counts if it
/// read them.
type CompoundRun = (Vec<Finding>, bool, Option<(u32, u32)>);

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// What is kept of a distinct word that may be a name, beside its key and its stems'
/// skeletons (kept in [`WordTable`]'s buffers): 24 bytes (an `Option<(usize, u64)>` for the
/// form made it 40; 37,000 of them on the 2 MB document).
#[derive(Debug)]
struct KeyInfo {
    skeleton: u64,
    /// Its name form's skeleton, and where the form starts in the key ([`NO_FORM`] until
    /// computed): see [`KeyInfo::form`].
    form_skeleton: u64,
    form_at: u32,
    /// Its occurrences in the story.
    count: u32,
}

/// [`KeyInfo::form_at`] of a word whose name form is not computed yet.
const NO_FORM: u32 = u32::MAX;

impl KeyInfo {
    /// Its name form: (byte offset in the key, skeleton); `None` until computed.
    fn form(&self) -> Option<(usize, u64)> {
        (self.form_at != NO_FORM).then_some((self.form_at as usize, self.form_skeleton))
    }

    /// What a free id holds.
    fn free() -> KeyInfo {
        KeyInfo { skeleton: 0, form_skeleton: 0, form_at: NO_FORM, count: 0 }
    }

    fn set_form(&mut self, (at, skeleton): (usize, u64)) {
        // (a key is one word: its offsets fit in 32 bits, as the lines' occurrences' do)
        self.form_at = u32::try_from(at).unwrap_or(NO_FORM - 1);
        self.form_skeleton = skeleton;
    }
}

/// A word of [`WordTable`]: where its key and its stems' skeletons are in the table's buffers
/// (start, length; an empty key for a free id), and its facts. 40 bytes, and no allocation of
/// its own: a boxed key and a boxed slice of stems took 56 bytes and two allocations a word
/// (about 1.5 MB more on the 2 MB document).
#[derive(Debug)]
struct Word {
    key: [u32; 2],
    stems: [u32; 2],
    info: KeyInfo,
}

/// The distinct words that may be names, each with an id (kept while the word is in the
/// story), found by key and by skeleton: the words whose own or stem skeleton is a given one
/// (what a skeleton whose count crossed 1 or 2 may give another name form, and the words a
/// group decided again may hold) without visiting all 37,000 of the 2 MB document.
#[derive(Default)]
struct WordTable {
    /// By id.
    words: Vec<Word>,
    /// The words' keys, one after another, and the skeletons of the stems their clitic
    /// chains leave (what their name form may be); a removed word's stay until they are
    /// written again without them (when they are over half of a buffer: `dead`).
    keys: String,
    stems: Vec<u64>,
    dead: (usize, usize),
    /// Ids of removed words, for reuse.
    free: Vec<u32>,
    /// The low 32 bits of the key's [`hash_str`] to its id (8 bytes a slot, not 16: 0.5 MB
    /// less on the 2 MB document); a key whose bits another key holds is in `collided`.
    ids: FxHashMap<u32, u32>,
    collided: FxHashMap<Box<str>, u32>,
    /// (low 32 bits of the word's own and stems' skeletons, id); ids since removed or reused
    /// stay until it is made again (when it holds twice the live words' entries).
    by_skeleton: LineIndex,
    /// The live words' entries in `by_skeleton`.
    entries: usize,
}

impl WordTable {
    fn len(&self) -> usize {
        self.words.len() - self.free.len()
    }

    fn find(&self, key: &str) -> Option<u32> {
        match self.ids.get(&(hash_str(key) as u32)) {
            Some(&id) if self.key(id) == key => Some(id),
            _ => self.collided.get(key).copied(),
        }
    }

    /// The word's key (empty for a free id).
    fn key(&self, id: u32) -> &str {
        let Some(w) = self.words.get(id as usize) else { return "" };
        self.keys.get(w.key[0] as usize..w.key[0] as usize + w.key[1] as usize).unwrap_or("")
    }

    /// The skeletons of the word's stems.
    fn stems(&self, id: u32) -> &[u64] {
        let Some(w) = self.words.get(id as usize) else { return &[] };
        self.stems.get(w.stems[0] as usize..w.stems[0] as usize + w.stems[1] as usize).unwrap_or(&[])
    }

    fn get(&self, id: u32) -> Option<&KeyInfo> {
        self.words.get(id as usize).map(|w| &w.info)
    }

    fn get_mut(&mut self, id: u32) -> Option<&mut KeyInfo> {
        self.words.get_mut(id as usize).map(|w| &mut w.info)
    }

    /// The word's key, its stems' skeletons and its facts, to change the facts.
    fn parts_mut(&mut self, id: u32) -> Option<(&str, &[u64], &mut KeyInfo)> {
        let w = self.words.get_mut(id as usize)?;
        let key = self.keys.get(w.key[0] as usize..w.key[0] as usize + w.key[1] as usize).unwrap_or("");
        let stems = self.stems.get(w.stems[0] as usize..w.stems[0] as usize + w.stems[1] as usize).unwrap_or(&[]);
        Some((key, stems, &mut w.info))
    }

    /// A new word (not in the table), with its stems' skeletons.
    fn insert(&mut self, key: &str, stems: &[u64], info: KeyInfo) -> u32 {
        let sks: Vec<u32> = std::iter::once(info.skeleton).chain(stems.iter().copied()).map(|s| s as u32).collect();
        // (offsets in 32 bits: the buffers hold at most twice what the story's words hold,
        // and a text the engine takes is far below 2 GB)
        let word = Word {
            key: [self.keys.len() as u32, key.len() as u32],
            stems: [self.stems.len() as u32, stems.len() as u32],
            info,
        };
        self.keys.push_str(key);
        self.stems.extend_from_slice(stems);
        let id = match self.free.pop() {
            Some(id) => {
                self.words[id as usize] = word;
                id
            }
            None => {
                self.words.push(word);
                (self.words.len() - 1) as u32
            }
        };
        match self.ids.entry(hash_str(key) as u32) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(id);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert(key.into(), id);
            }
        }
        self.entries += sks.len();
        self.by_skeleton.add(sks, id);
        id
    }

    fn remove(&mut self, id: u32) {
        let key = self.key(id).to_string();
        let stems = self.stems(id).len();
        let Some(word) = self.words.get_mut(id as usize) else { return };
        let old = std::mem::replace(word, Word { key: [0, 0], stems: [0, 0], info: KeyInfo::free() });
        self.dead.0 += old.key[1] as usize;
        self.dead.1 += old.stems[1] as usize;
        let h = hash_str(&key) as u32;
        if self.ids.get(&h) == Some(&id) {
            self.ids.remove(&h);
        } else {
            self.collided.remove(key.as_str());
        }
        self.entries -= 1 + stems;
        self.free.push(id);
        if self.dead.0 > self.keys.len() / 2 + 4096 || self.dead.1 > self.stems.len() / 2 + 512 {
            self.compact();
        }
        if self.by_skeleton.len() > 2 * self.entries + 4096 {
            let live = (0..self.words.len() as u32).filter(|&id| !self.key(id).is_empty());
            self.by_skeleton = LineIndex::of(
                live.flat_map(|id| {
                    let own = self.get(id).map(|i| i.skeleton);
                    own.into_iter().chain(self.stems(id).iter().copied()).map(move |s| (s as u32, id))
                })
                .collect(),
            );
        }
    }

    /// The buffers written again with the live words' keys and stems alone.
    fn compact(&mut self) {
        let (mut keys, mut stems) = (String::new(), Vec::new());
        for w in &mut self.words {
            let key = self.keys.get(w.key[0] as usize..w.key[0] as usize + w.key[1] as usize).unwrap_or("");
            let sks = self.stems.get(w.stems[0] as usize..w.stems[0] as usize + w.stems[1] as usize).unwrap_or(&[]);
            w.key = [keys.len() as u32, key.len() as u32];
            w.stems = [stems.len() as u32, sks.len() as u32];
            keys.push_str(key);
            stems.extend_from_slice(sks);
        }
        (self.keys, self.stems, self.dead) = (keys, stems, (0, 0));
    }

    /// The live words whose own or a stem's skeleton is `sk`.
    fn with_skeleton(&self, sk: u64, out: &mut FxHashSet<u32>) {
        let mut ids = FxHashSet::default();
        self.by_skeleton.lines(sk, &mut ids);
        out.extend(ids.into_iter().filter(|&id| {
            !self.key(id).is_empty() && (self.get(id).is_some_and(|i| i.skeleton == sk) || self.stems(id).contains(&sk))
        }));
    }

    /// The low 32 bits of the keys' hashes that more than one live word has (one of each such
    /// pair of words is in `collided`): a word whose bits are not among them is the only live
    /// word with its hash, so an occurrence (whose word is live) with its hash is of it.
    fn shared_bits(&self) -> FxHashSet<u32> {
        self.collided.keys().map(|k| hash_str(k) as u32).collect()
    }

    fn iter(&self) -> impl Iterator<Item = (u32, &str, &KeyInfo)> {
        (0..self.words.len() as u32)
            .map(|id| (id, self.key(id)))
            .filter(|(_, k)| !k.is_empty())
            .filter_map(|(id, k)| Some((id, k, self.get(id)?)))
    }
}

/// The words of the text as `name_variant::decide` reads them: (line index, index among the
/// line's possible names).
struct View<'a> {
    text: &'a str,
    lines: &'a [&'a LineNames],
    starts: &'a [usize],
}

impl Words for View<'_> {
    type Id = (u32, u32);

    fn key(&self, (l, o): (u32, u32)) -> &str {
        let names = self.lines[l as usize];
        names.occs.get(o as usize).map_or("", |occ| names.key(self.line(l), occ.word))
    }

    fn neighbour(&self, (l, o): (u32, u32), after: bool) -> Option<&str> {
        let names = self.lines[l as usize];
        names.neighbour(self.line(l), names.occs.get(o as usize)?.word, after)
    }

    fn written(&self, (l, o): (u32, u32)) -> (&str, usize) {
        let names = self.lines[l as usize];
        let start = self.starts[l as usize];
        names.occs.get(o as usize).and_then(|occ| names.words.get(occ.word as usize)).map_or(("", start), |r| {
            let at = start + r[0] as usize;
            (self.text.get(at..start + r[1] as usize).unwrap_or(""), at)
        })
    }
}

impl View<'_> {
    /// The text from line `l`'s start on (what its facts' offsets are relative to).
    fn line(&self, l: u32) -> &str {
        self.starts.get(l as usize).and_then(|&s| self.text.get(s..)).unwrap_or("")
    }
}

/// Which lines hold which words that may be names (by key hash), so that deciding a group
/// visits only the lines that hold its words; made again when it holds twice the story's
/// occurrences (a `Vec` of lines per distinct word took 6 MB on the 2 MB document).
#[derive(Default)]
struct Holders {
    index: LineIndex,
    /// Made again from the lines at the next refresh.
    remake: bool,
}

/// The engine's `name-variant` state.
pub(super) struct Names {
    pub(super) severity: Severity,
    /// The distinct words that may be names, by id.
    words: WordTable,
    /// Occurrences of whole words by skeleton.
    skeletons: FxHashMap<u64, u32>,
    /// The counts before the pending changes, for the skeletons they changed.
    skeletons_before: FxHashMap<u64, u32>,
    /// Occurrences removed (-) and added (+) since the last refresh, by identity, with the
    /// word's id and its form's skeleton when it was removed.
    diff: FxHashMap<u64, (i32, u32, Option<u64>)>,
    /// Words whose count fell to 0 or that are new since the last refresh.
    counted: FxHashSet<u32>,
    /// Groups to decide again (by skeleton).
    touched: FxHashSet<u64>,
    /// Each group's findings (absolute offsets) and whether deciding it panicked; only groups
    /// with either.
    groups: FxHashMap<u64, (Vec<Finding>, bool)>,
    /// `compounds`: counts of the lines' hashes, the hashes of compounds written both ways,
    /// its findings and whether it panicked, and whether it must run again.
    joinable: FxHashMap<u64, u32>,
    pairs: FxHashMap<u64, u32>,
    live: FxHashSet<u64>,
    compound: (Vec<Finding>, bool),
    compound_dirty: bool,
    /// What `compounds` was last run on (the words it reads put one after another) and gave, in that
    /// text's offsets, with the story's compound counts if it read them: it is a function of
    /// that text alone (and of what does not change), so the same text is not run again.
    compound_memo: Option<CompoundMemo>,
    /// How many times the last refresh ran `compounds` (0 or 1; for the engine's tests).
    compound_runs: usize,
    /// How many times `compounds` was run on whole lines because a document of the words
    /// alone did not find them as the story does (for the engine's tests).
    compound_whole: usize,
    /// The story's function words written with and without hamza, and the hamza style the
    /// groups were last decided with ([`nv::hamza_style`]).
    hamza: (u32, u32),
    hamza_style: Option<bool>,
    /// The groups whose last decision read the hamza style: decided again when it changes.
    reads_hamza: FxHashSet<u64>,
    /// The story's compounds written apart and joined ([`nv::line_compounds`] summed), and
    /// what `compounds` last read of them (`None`: it did not): run again when they change.
    compound_style: (u32, u32),
    compound_read: Option<(u32, u32)>,
    /// Which lines hold which words.
    holders: Holders,
    /// Set while a line is counted in that an edit over more than one line made (one of its
    /// new lines other than those kept as they were at either end): every occurrence on it
    /// counts as changed (a multiset difference cannot tell lines put in another order).
    pub(super) whole_lines: bool,
    /// How many groups the last refresh decided again (for the engine's tests).
    decided: usize,
}

/// `compounds`' last run: the text it ran on (the words it may read, or the lines holding
/// them, one piece a line), its findings in that text's offsets, whether it panicked, and the
/// story's compound counts if it read them.
struct CompoundMemo {
    text: Box<str>,
    /// The text was the words alone ([`Excerpt::words`]).
    words_only: bool,
    found: Vec<Finding>,
    failed: bool,
    read: Option<(u32, u32)>,
}

/// What `compounds` runs on in place of the story: pieces of the story's text, one a line.
/// Its findings are the story's when every word it may read is in a piece with the words
/// next to it that it may pair it with, no word is in two, and a document of the pieces finds
/// the same words in them as the story's lines hold (checked: [`Excerpt::found_by`]): a
/// compound's occurrences written apart and joined, and so its decision, are then the same,
/// and the words it does not read change nothing. So an edit to a line that holds a compound
/// runs it on a few kilobytes of words, not on the 340 KB of lines that hold one (the 2 MB
/// document): about 20 ms a run.
#[derive(Default)]
struct Excerpt {
    text: String,
    /// Each piece's start in `text` and in the story, in order.
    places: Vec<(usize, usize)>,
    /// The words the pieces hold, in order, as the story's lines hold them: (start and end
    /// in `text`, piece, line, index among the line's words); `None` for whole lines.
    words: Option<Vec<[u32; 5]>>,
}

impl Excerpt {
    /// The words `compounds` may read on the lines holding a `live` compound
    /// ([`LineNames::compound_words`]), each run of a line's consecutive ones a piece.
    fn words(text: &str, lines: &[&LineNames], starts: &[usize], live: &FxHashSet<u64>) -> Excerpt {
        let mut me = Excerpt { words: Some(Vec::new()), ..Excerpt::default() };
        let mut expected = Vec::new();
        for (l, names) in lines.iter().enumerate().filter(|(_, n)| n.holds_compound(live)) {
            let start = starts.get(l).copied().unwrap_or(0);
            for piece in names.compound_words.chunk_by(|a, b| b[0] == a[0] + 1) {
                let (Some(first), Some(last)) = (piece.first(), piece.last()) else { continue };
                let (from, to) = (first[1] as usize, last[2] as usize);
                let at = me.text.len();
                let n = me.places.len() as u32;
                me.places.push((at, start + from));
                me.text.push_str(text.get(start + from..start + to).unwrap_or(""));
                me.text.push('\n');
                for w in piece {
                    let (s, e) = (at + w[1] as usize - from, at + w[2] as usize - from);
                    expected.push([s as u32, e as u32, n, l as u32, w[0]]);
                }
            }
        }
        me.words = Some(expected);
        me
    }

    /// The lines holding a `live` compound, whole.
    fn lines(text: &str, lines: &[&LineNames], starts: &[usize], live: &FxHashSet<u64>) -> Excerpt {
        let mut me = Excerpt::default();
        for (l, _) in lines.iter().enumerate().filter(|(_, n)| n.holds_compound(live)) {
            let start = starts.get(l).copied().unwrap_or(0);
            let end = starts.get(l + 1).copied().unwrap_or(text.len());
            let line = text.get(start..end).unwrap_or("");
            me.places.push((me.text.len(), start));
            me.text.push_str(line);
            if !line.ends_with('\n') {
                me.text.push('\n');
            }
        }
        me
    }

    /// Whether `doc` (of `self.text`) finds the words the pieces were made of, where they
    /// were put and with their keys, each piece a line of its own (whole lines: always).
    /// (`story`: the story's lines and their facts.)
    fn found_by(&self, doc: &Document<'_>, story: &View<'_>) -> bool {
        let Some(words) = &self.words else { return true };
        doc.words.len() == words.len()
            && doc.words.iter().zip(words).all(|(w, &[s, e, piece, l, j])| {
                w.range == (s as usize..e as usize)
                    && w.line == piece as usize
                    && story.lines.get(l as usize).is_some_and(|names| names.key(story.line(l), j) == doc.key(w))
            })
    }
}

fn bump(map: &mut FxHashMap<u64, u32>, k: u64, add: bool) -> (u32, u32) {
    let now = map.get(&k).copied().unwrap_or(0);
    let next = if add { now + 1 } else { now.saturating_sub(1) };
    if next == 0 {
        map.remove(&k);
    } else {
        map.insert(k, next);
    }
    (now, next)
}

impl Names {
    pub(super) fn new(severity: Severity) -> Names {
        Names {
            severity,
            words: WordTable::default(),
            skeletons: FxHashMap::default(),
            skeletons_before: FxHashMap::default(),
            diff: FxHashMap::default(),
            touched: FxHashSet::default(),
            counted: FxHashSet::default(),
            groups: FxHashMap::default(),
            joinable: FxHashMap::default(),
            pairs: FxHashMap::default(),
            live: FxHashSet::default(),
            compound: (Vec::new(), false),
            compound_dirty: true,
            compound_memo: None,
            compound_runs: 0,
            compound_whole: 0,
            hamza: (0, 0),
            hamza_style: None,
            reads_hamza: FxHashSet::default(),
            compound_style: (0, 0),
            compound_read: None,
            whole_lines: false,
            holders: Holders::default(),
            decided: 0,
        }
    }

    /// Distinct words kept (for the engine's footprint).
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    /// How many groups the last refresh decided again (for the engine's tests).
    #[cfg(test)]
    pub(super) fn decided(&self) -> usize {
        self.decided
    }

    /// How many times the last refresh ran `compounds` (for the engine's tests).
    #[cfg(test)]
    pub(super) fn compound_runs(&self) -> usize {
        self.compound_runs
    }

    /// How many times `compounds` ran on whole lines, the words alone not found as the story's
    /// lines hold them (for the engine's tests).
    #[cfg(test)]
    pub(super) fn compound_whole(&self) -> usize {
        self.compound_whole
    }

    /// Take a line's facts out of the story (`add`: put them in). `line` is its text, `id` the
    /// line's id (kept while the line exists, see `Incremental::number`).
    pub(super) fn count(&mut self, names: Option<&LineNames>, line: &str, id: u32, add: bool) {
        let Some(names) = names else { return };
        let sum = |a: (u32, u32), b: (u32, u32)| {
            if add {
                (a.0 + b.0, a.1 + b.1)
            } else {
                (a.0.saturating_sub(b.0), a.1.saturating_sub(b.1))
            }
        };
        self.hamza = sum(self.hamza, names.hamza);
        self.compound_style = sum(self.compound_style, names.compound_style);
        for o in names.occs.iter() {
            let key = names.key(line, o.word);
            let identity = names.identity(o, line) ^ u64::from(self.whole_lines && add);
            if add {
                self.holders.index.add([o.hash], id);
            }
            let id = match self.words.find(key) {
                Some(id) => id,
                None => {
                    let skeleton = nv::skeleton_hash(key);
                    let stems: Vec<u64> = crate::core::arabic::clitic_splits(key)
                        .filter(|(_, stem)| stem.chars().count() >= nv::MIN_LETTERS)
                        .map(|(_, stem)| nv::skeleton_hash(stem))
                        .collect();
                    let info = KeyInfo { skeleton, form_skeleton: 0, form_at: NO_FORM, count: 0 };
                    self.words.insert(key, &stems, info)
                }
            };
            let Some(info) = self.words.get_mut(id) else { continue };
            info.count = if add { info.count + 1 } else { info.count.saturating_sub(1) };
            let (skeleton, form) = (info.skeleton, info.form().map(|f| f.1));
            if info.count == 0 || form.is_none() {
                self.counted.insert(id);
            }
            // (a new word's group is touched when its form is first computed: nothing to
            // compare; on opening, every word is new)
            if form.is_some() {
                let entry = self.diff.entry(identity).or_insert_with(|| (0, id, form));
                entry.0 += if add { 1 } else { -1 };
            }
            let (was, _) = bump(&mut self.skeletons, skeleton, add);
            self.skeletons_before.entry(skeleton).or_insert(was);
        }
        // A compound is written both ways when both counts are above 0: the set changes only
        // when one crosses 0 while the other is above it.
        for (joinable, hashes) in [(true, &names.joinable), (false, &names.pairs)] {
            let (map, other) =
                if joinable { (&mut self.joinable, &self.pairs) } else { (&mut self.pairs, &self.joinable) };
            for &h in hashes.iter() {
                let (was, now) = bump(map, h, add);
                if (was == 0) != (now == 0) && other.contains_key(&h) {
                    self.compound_dirty = true;
                }
            }
        }
        if !self.compound_dirty && names.pairs.iter().chain(names.forms.iter()).any(|h| self.live.contains(h)) {
            self.compound_dirty = true;
        }
    }

    /// Before the text's bytes `range` are replaced by `len` bytes: the groups with a finding
    /// touching the range are to be decided again, the others' findings after it move.
    pub(super) fn edit(&mut self, range: Range<usize>, len: usize) {
        let touches = |f: &Finding| f.range.start <= range.end && f.range.end >= range.start;
        let (from, by_up, by_down) = (range.end, len.saturating_sub(range.len()), range.len().saturating_sub(len));
        let shift = |f: &mut Finding| {
            let mv = |x: usize| if x >= from { x + by_up - by_down } else { x };
            f.range = mv(f.range.start)..mv(f.range.end);
            for fix in &mut f.fixes {
                for e in &mut fix.edits {
                    e.range = mv(e.range.start)..mv(e.range.end);
                }
            }
        };
        for (&sk, (found, _)) in &mut self.groups {
            if found.iter().any(touches) {
                self.touched.insert(sk);
            } else {
                found.iter_mut().for_each(shift);
            }
        }
        if self.compound.0.iter().any(touches) {
            self.compound_dirty = true;
        } else {
            self.compound.0.iter_mut().for_each(shift);
        }
    }

    /// Bring the findings up to date with the counted lines (`lines[i]`'s facts, starting at
    /// `starts[i]` in `text`, with id `ids[i]`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn refresh(
        &mut self,
        text: &str,
        lines: &[&LineNames],
        starts: &[usize],
        ids: &[u32],
        data: &Data,
        lexicon: Option<&Lexicon>,
    ) {
        self.whole_lines = false;
        self.decided = 0;
        self.compound_runs = 0;
        let live: usize = lines.iter().map(|l| l.occs.len()).sum();
        if self.holders.remake || self.holders.index.len() > 2 * live + 4096 {
            self.holders.remake = false;
            self.holders.index = LineIndex::of(
                lines.iter().zip(ids).flat_map(|(l, &id)| l.occs.iter().map(move |o| (o.hash, id))).collect(),
            );
        }
        if self.holders.index.recent.len() > 1024 {
            self.holders.index.merge();
        }
        // 1. Skeletons whose count crossed 1 or 2: the words whose own or stem skeleton it is
        // may have another name form now.
        let crossed: FxHashSet<u64> = self
            .skeletons_before
            .drain()
            .filter(|(sk, was)| {
                let now = self.skeletons.get(sk).copied().unwrap_or(0);
                (*was >= 1) != (now >= 1) || (*was >= 2) != (now >= 2)
            })
            .map(|(sk, _)| sk)
            .collect();
        let counts = &self.skeletons;
        let touched = &mut self.touched;
        // (whether the word is still in the story; its form computed again where it may
        // have changed, and its groups then and now touched if it did)
        let mut reform = |key: &str, stems: &[u64], info: &mut KeyInfo| {
            if info.count == 0 {
                touched.extend(info.form().map(|f| f.1));
                return false;
            }
            let again = info.form().is_none()
                || (!crossed.is_empty()
                    && (crossed.contains(&info.skeleton) || stems.iter().any(|s| crossed.contains(s))));
            if again {
                let (at, _, sk) = nv::name_form(key, info.skeleton, |s| counts.get(&s).copied().unwrap_or(0) as usize);
                if info.form() != Some((at, sk)) {
                    touched.extend(info.form().map(|f| f.1));
                    touched.insert(sk);
                    info.set_form((at, sk));
                }
            }
            true
        };
        // (the words the replaced lines hold, which may be new or gone, and the words of the
        // skeletons that crossed)
        let mut again: FxHashSet<u32> = self.counted.drain().collect();
        for &sk in &crossed {
            self.words.with_skeleton(sk, &mut again);
        }
        for id in again {
            let Some((key, stems, info)) = self.words.parts_mut(id) else { continue };
            if !key.is_empty() && !reform(key, stems, info) {
                self.words.remove(id);
            }
        }
        // 2. Occurrences that appeared or disappeared: their groups, then and now.
        for (_, (net, id, then)) in self.diff.drain() {
            if net != 0 {
                self.touched.extend(then);
                self.touched.extend(self.words.get(id).and_then(|i| i.form().map(|f| f.1)));
            }
        }
        // (what opening or a long paste filled is not kept as capacity)
        for cap in [self.diff.capacity(), self.counted.capacity(), self.skeletons_before.capacity()] {
            if cap > 1024 {
                self.diff = FxHashMap::default();
                self.counted = FxHashSet::default();
                self.skeletons_before = FxHashMap::default();
                break;
            }
        }
        // 3. The groups whose decision read the story's hamza style, when it changed; then the
        // touched groups: their spellings and occurrences, decided again.
        let style = nv::hamza_style(self.hamza.0 as usize, self.hamza.1 as usize);
        if style != self.hamza_style {
            self.hamza_style = style;
            self.touched.extend(self.reads_hamza.iter().copied());
        }
        if !self.touched.is_empty() {
            self.decide(text, lines, starts, ids, data, lexicon);
        }
        // 4. Compounds (again when the story's other compounds, which a tie read, changed).
        if self.compound_read.is_some_and(|read| read != self.compound_style) {
            self.compound_dirty = true;
        }
        if self.compound_dirty {
            self.compound_dirty = false;
            self.live = self.pairs.keys().filter(|h| self.joinable.contains_key(h)).copied().collect();
            (self.compound, self.compound_read) = self.compounds(text, lines, starts, data, lexicon);
            if self.live.is_empty() {
                self.compound_memo = None;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn decide(
        &mut self,
        text: &str,
        lines: &[&LineNames],
        starts: &[usize],
        ids: &[u32],
        data: &Data,
        lexicon: Option<&Lexicon>,
    ) {
        let touched = std::mem::take(&mut self.touched);
        self.decided = touched.len();
        for sk in &touched {
            self.groups.remove(sk);
            self.reads_hamza.remove(sk);
        }
        // The words whose name form is in a touched group, by the low 32 bits of the key's hash
        // (what the lines' occurrences keep: words that share them are compared by key).
        let mut wanted: FxHashMap<u32, Vec<(&str, usize, u64)>> = FxHashMap::default();
        // (through the skeletons' index, unless most groups are touched, as on opening)
        let words: Vec<u32> = if touched.len() > 64 && touched.len() > self.words.len() / 16 {
            self.words.iter().map(|(id, _, _)| id).collect()
        } else {
            let mut ids = FxHashSet::default();
            for &sk in &touched {
                self.words.with_skeleton(sk, &mut ids);
            }
            ids.into_iter().collect()
        };
        for id in words {
            let (key, Some(info)) = (self.words.key(id), self.words.get(id)) else { continue };
            if let Some((at, sk)) = info.form().filter(|f| touched.contains(&f.1)) {
                wanted.entry(hash_str(key) as u32).or_default().push((key, at, sk));
            }
        }
        if wanted.is_empty() {
            return;
        }
        // (a wanted word that is the only live word with its hash is found by the hash alone,
        // without reading the occurrence's key: most of gathering a touched group's
        // occurrences was loading their keys from every line to compare them)
        let shared = self.words.shared_bits();
        let alone = |h: u32, keys: &[(&str, usize, u64)]| keys.len() == 1 && !shared.contains(&h);
        // Their occurrences, in text order: spellings by form (on the lines the index says
        // hold them).
        let mut holding: FxHashSet<u32> = FxHashSet::default();
        self.holders.index.settle();
        for &h in wanted.keys() {
            self.holders.index.lines(u64::from(h), &mut holding);
        }
        let mut form_ids: FxHashMap<&str, usize> = FxHashMap::default();
        let mut spellings: Vec<Spelling<'_, (u32, u32)>> = Vec::new();
        // (the held lines' ids as a bitset, while the ids are dense enough, and the wanted
        // words' hashes as a 65,536-bit filter: most lines are not held, and most words of a
        // held line are not wanted; a hash set's lookup for each was a fifth of a pasted
        // paragraph's time in the engine)
        let top = holding.iter().max().map_or(0, |&m| m as usize + 1);
        let dense = top <= 8 * ids.len() + 65_536;
        let mut held = vec![0u64; if dense { top.div_ceil(64) } else { 0 }];
        for &id in holding.iter().filter(|_| dense) {
            held[id as usize / 64] |= 1 << (id % 64);
        }
        let is_held = |id: u32| {
            if dense {
                held.get(id as usize / 64).is_some_and(|w| w & (1 << (id % 64)) != 0)
            } else {
                holding.contains(&id)
            }
        };
        let mut filter = vec![0u64; 1024];
        for &h in wanted.keys() {
            let b = (h >> 16) as usize;
            filter[b / 64] |= 1 << (b % 64);
        }
        let maybe_wanted = |h: u32| {
            let b = (h >> 16) as usize;
            filter[b / 64] & (1 << (b % 64)) != 0
        };
        let visit = ids.iter().enumerate().filter(|&(_, &id)| is_held(id)).map(|(l, _)| l);
        for (l, names) in visit.filter_map(|l| Some((l, *lines.get(l)?))) {
            for (o, occ) in names.occs.iter().enumerate() {
                let h = occ.hash;
                if !maybe_wanted(h) {
                    continue;
                }
                let Some(keys) = wanted.get(&h) else { continue };
                let found = if alone(h, keys) {
                    keys.first()
                } else {
                    let line = starts.get(l).and_then(|&s| text.get(s..)).unwrap_or("");
                    let key = names.key(line, occ.word);
                    keys.iter().find(|(k, _, _)| *k == key)
                };
                let Some(&(k, at, sk)) = found else { continue };
                let form = k.get(at..).unwrap_or(k);
                let id = *form_ids.entry(form).or_insert_with(|| {
                    spellings.push(Spelling { form, skeleton: sk, at: Vec::new() });
                    spellings.len() - 1
                });
                spellings[id].at.push(((l as u32, o as u32), at));
            }
        }
        let mut groups: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (id, s) in spellings.iter().enumerate() {
            groups.entry(s.skeleton).or_default().push(id);
        }
        let view = View { text, lines, starts };
        // The dictionary's verdicts on forms, for this refresh only: kept across edits it held
        // 65,000 forms on the 2 MB document (2 MB), which the lexicon's own memo answers again
        // as fast.
        let known = &KnownCache::default();
        let style = self.hamza_style;
        let empty = Document::new("");
        let ctx = Context { doc: &empty, data, lexicon };
        for (sk, mut group) in groups {
            if !nv::is_candidate(data, &spellings, &group) {
                continue;
            }
            group.sort_by_key(|&id| spellings[id].at[0].0);
            let mut found = Vec::new();
            let read = std::cell::Cell::new(false);
            let hamza = || {
                read.set(true);
                style
            };
            let failed = catch_unwind(AssertUnwindSafe(|| {
                nv::decide(&ctx, &view, &spellings, group, known, &hamza, &mut found);
            }))
            .is_err();
            if read.get() {
                self.reads_hamza.insert(sk);
            }
            for f in &mut found {
                f.severity = self.severity;
            }
            if failed || !found.is_empty() {
                self.groups.insert(sk, (found, failed));
            }
        }
    }

    /// `compounds` on the words that it may read on the lines holding a compound written both
    /// ways (or, should a document of those words alone not find them as the story does, on
    /// the lines whole), put one after another, its findings moved back to where they are in
    /// the story; and the story's compound counts if it read them.
    fn compounds(
        &mut self,
        text: &str,
        lines: &[&LineNames],
        starts: &[usize],
        data: &Data,
        lexicon: Option<&Lexicon>,
    ) -> (Outcome, Option<(u32, u32)>) {
        if self.live.is_empty() {
            return ((Vec::new(), false), None);
        }
        let words = Excerpt::words(text, lines, starts, &self.live);
        let story = View { text, lines, starts };
        let (excerpt, run) = match self.run_compounds(&words, &story, data, lexicon) {
            Some(run) => (words, run),
            None => {
                self.compound_whole += 1;
                let whole = Excerpt::lines(text, lines, starts, &self.live);
                let run = self.run_compounds(&whole, &story, data, lexicon);
                (whole, run.unwrap_or_default())
            }
        };
        let (mut found, failed, read) = run;
        let places = &excerpt.places;
        let back = |x: usize| {
            let i = places.partition_point(|p| p.0 <= x).saturating_sub(1);
            places.get(i).map_or(x, |&(from, to)| x - from + to)
        };
        for f in &mut found {
            f.severity = self.severity;
            // (an end at a piece's end maps with the piece it ends)
            let start = back(f.range.start);
            let end = f.range.end - f.range.start + start;
            f.range = start..end;
            for fix in &mut f.fixes {
                for e in &mut fix.edits {
                    let s = back(e.range.start);
                    e.range = s..s + e.range.len();
                }
            }
        }
        ((found, failed), read)
    }

    /// `compounds` run on `excerpt` (its findings in the excerpt's offsets, whether it panicked,
    /// the story's compound counts if it read them); `None` if a document of the excerpt does
    /// not find the words the excerpt was made of as the story's lines do.
    fn run_compounds(
        &mut self,
        excerpt: &Excerpt,
        story: &View<'_>,
        data: &Data,
        lexicon: Option<&Lexicon>,
    ) -> Option<CompoundRun> {
        // (the same text as last time gives the same findings: an edit that counted a line
        // holding a compound out and back in as it was, or one away from the words compounds
        // reads, runs nothing; the story's counts are compared if read)
        let style_now = self.compound_style;
        let words_only = excerpt.words.is_some();
        let memo = self.compound_memo.as_ref().filter(|m| {
            m.words_only == words_only && *m.text == *excerpt.text && m.read.is_none_or(|read| read == style_now)
        });
        if let Some(m) = memo {
            return Some((m.found.clone(), m.failed, m.read));
        }
        let doc = Document::new(&excerpt.text);
        if !excerpt.found_by(&doc, story) {
            return None;
        }
        self.compound_runs += 1;
        let ctx = Context { doc: &doc, data, lexicon };
        let mut found = Vec::new();
        let read = std::cell::Cell::new(false);
        let style = || {
            read.set(true);
            (style_now.0 as usize, style_now.1 as usize)
        };
        let failed = catch_unwind(AssertUnwindSafe(|| nv::compounds(&ctx, &style, &mut found))).is_err();
        let read = read.get().then_some(style_now);
        let text = excerpt.text.as_str().into();
        self.compound_memo = Some(CompoundMemo { text, words_only, found: found.clone(), failed, read });
        Some((found, failed, read))
    }

    /// Lines were given new ids: the index of the lines holding each word is made again at the
    /// next refresh.
    pub(super) fn relabel(&mut self) {
        self.holders = Holders { index: LineIndex::default(), remake: true };
    }

    /// The findings, and whether deciding any group (or the compounds) panicked.
    pub(super) fn findings(&self) -> (impl Iterator<Item = &Finding>, bool) {
        let failed = self.compound.1 || self.groups.values().any(|g| g.1);
        (self.groups.values().flat_map(|g| g.0.iter()).chain(self.compound.0.iter()), failed)
    }
}
