//! How common a written Arabic form is: wordfreq's Arabic frequencies (CC BY-SA 4.0), compiled
//! in as `src/data/frequency-ar.txt` and looked up in place.
//!
//! Classes are negated centibels / 10: lower is more frequent (30 is one word in a thousand,
//! 60 one in a million). The table is built by `scripts/build-frequency.py`; its source and
//! licence are in `src/data/README.md`.
//!
//! The file is sorted by bytes (a test keeps it so), so a lookup is a binary search in the
//! compiled-in text itself: nothing to parse or index before the first answer, which is what
//! a fresh process checking one story needs. A long document asks hundreds of thousands of
//! questions; after [`MAP_AFTER`] lookups the table is indexed once, in place (a hash table of
//! line starts).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

pub const TABLE: &str = include_str!("../data/frequency-ar.txt");

/// The class given to a form the table does not have: rarer than anything in it.
pub const UNSEEN: u8 = 99;

/// Lookups answered by binary search before the index is built. Building it costs about as
/// much as 20,000 searches (9–13 ms against 0.4–1 µs a search, in-process on the 2-core
/// machine): a story asking fewer never builds it, a long document stops searching there.
const MAP_AFTER: usize = 20_000;

/// The table's entries as (word, class), in file (byte) order.
fn entries() -> impl Iterator<Item = (&'static str, u8)> {
    TABLE.lines().filter(|l| !l.starts_with('#')).filter_map(|line| {
        let (word, class) = line.split_once('\t')?;
        Some((word, class.trim().parse::<u8>().ok()?))
    })
}

/// Where the entries start: after the comment lines at the top.
fn body_start() -> usize {
    static START: OnceLock<usize> = OnceLock::new();
    *START.get_or_init(|| {
        let mut at = 0;
        while TABLE[at..].starts_with('#') {
            at = TABLE[at..].find('\n').map_or(TABLE.len(), |i| at + i + 1);
        }
        at
    })
}

/// Binary search in the text itself: `lo` and `hi` are always line starts (or the end), and
/// each probe reads the line around the middle byte. Nothing to build first.
fn by_search(form: &str) -> Option<u8> {
    let bytes = TABLE.as_bytes();
    let (mut lo, mut hi) = (body_start(), bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes.get(lo..mid)?.iter().rposition(|&b| b == b'\n').map_or(lo, |i| lo + i + 1);
        let end = bytes.get(start..hi)?.iter().position(|&b| b == b'\n').map_or(hi, |i| start + i);
        let line = TABLE.get(start..end)?;
        let (word, class) = line.split_once('\t')?;
        match word.cmp(form) {
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
            std::cmp::Ordering::Equal => return class.trim().parse().ok(),
        }
    }
    None
}

/// The table indexed in place, open-addressed like a hash map's but with 5 bytes a slot: a
/// byte of the word's hash (0 for an empty slot), in an array of its own that a miss (the
/// common case) rarely reads past, and the entry's line start in [`TABLE`] with its class.
/// Under two thirds full: 0.6 MB where a map of (`&str`, class) took 3.3 MB in every process
/// that asked enough questions (the server's memory bound).
struct Index {
    tags: Box<[u8]>,
    /// The line start plus one, and the class in the top 8 bits.
    slots: Box<[u32]>,
    mask: usize,
}

/// Bits of a slot that hold the line start (plus one).
const OFFSET_BITS: u32 = u32::BITS - (TABLE.len() as u32 + 1).leading_zeros();

/// Lookups stay on binary search if a slot cannot hold a line start and a class.
const INDEXABLE: bool = OFFSET_BITS + 8 <= u32::BITS;

fn hash(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// A slot's tag for hash `h`: its top 7 bits, never 0.
fn tag(h: u64) -> u8 {
    0x80 | (h >> 57) as u8
}

impl Index {
    fn build() -> Index {
        let n = entries().count();
        let size = (n * 3 / 2 + 1).next_power_of_two();
        let (mut tags, mut slots) = (vec![0u8; size].into_boxed_slice(), vec![0u32; size].into_boxed_slice());
        let mask = size - 1;
        for (word, class) in entries() {
            let offset = word.as_ptr() as usize - TABLE.as_ptr() as usize;
            let h = hash(word);
            let mut i = h as usize & mask;
            // (the table is sorted strictly, so no word comes twice)
            while tags[i] != 0 {
                i = (i + 1) & mask;
            }
            tags[i] = tag(h);
            slots[i] = (u32::from(class) << (u32::BITS - 8)) | (offset as u32 + 1);
        }
        Index { tags, slots, mask }
    }

    fn get(&self, form: &str) -> Option<u8> {
        let h = hash(form);
        let (want, bytes) = (tag(h), TABLE.as_bytes());
        let mut i = h as usize & self.mask;
        loop {
            match self.tags[i] {
                0 => return None,
                t if t == want => {
                    let slot = self.slots[i];
                    let start = (slot & ((1 << OFFSET_BITS) - 1)) as usize - 1;
                    let end = start + form.len();
                    // (a line start, then the form, then the tab: the line's word, unless the
                    // form runs on into the lines below)
                    if bytes.get(start..end) == Some(form.as_bytes())
                        && bytes.get(end) == Some(&b'\t')
                        && !form.contains('\n')
                    {
                        return Some((slot >> (u32::BITS - 8)) as u8);
                    }
                }
                _ => {}
            }
            i = (i + 1) & self.mask;
        }
    }
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(Index::build)
}

/// Lookups answered by binary search so far (counted until [`MAP_AFTER`]).
static ASKED: AtomicUsize = AtomicUsize::new(0);

/// The frequency class of `form` (a lookup key: no harakat or tatweel), if the table has it.
pub fn class(form: &str) -> Option<u8> {
    if !INDEXABLE || ASKED.load(Ordering::Relaxed) < MAP_AFTER {
        ASKED.fetch_add(1, Ordering::Relaxed);
        return by_search(form);
    }
    index().get(form)
}

/// Build the index now and answer from it from now on, as after [`MAP_AFTER`] lookups (for a
/// thread that warms a server up: the lookup that crosses the threshold otherwise pays for
/// the build, 9–13 ms, inside a keystroke).
pub fn warm() {
    if INDEXABLE {
        index();
        ASKED.fetch_max(MAP_AFTER, Ordering::Relaxed);
    }
}

/// The class of `form`, or [`UNSEEN`].
pub fn class_or_unseen(form: &str) -> u8 {
    class(form).unwrap_or(UNSEEN)
}

/// How many forms the table holds.
pub fn len() -> usize {
    entries().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_words_rank_above_their_misspellings() {
        assert!(len() > 50_000);
        for (right, wrong) in [("الحكومة", "الحكومه"), ("اجتماع", "إجتماع"), ("الإدارة", "الإدراة")]
        {
            assert!(class_or_unseen(right) + 5 < class_or_unseen(wrong), "{right} / {wrong}");
        }
    }

    #[test]
    fn unknown_forms_are_unseen() {
        assert_eq!(class("qqqq"), None);
        assert_eq!(class_or_unseen("ضضضضض"), UNSEEN);
        assert_eq!(class(""), None);
    }

    #[test]
    fn warmed_lookups_answer_as_searches() {
        warm();
        assert!(ASKED.load(Ordering::Relaxed) >= MAP_AFTER, "answered from the index from now on");
        for form in ["الحكومة", "الحكومه", "ضضضضض", "", "qqqq"] {
            assert_eq!(class(form), by_search(form), "{form}");
        }
    }

    #[test]
    fn search_and_index_agree_on_every_entry_and_on_misses() {
        assert!(INDEXABLE, "a slot holds a line start and a class");
        let mut n = 0;
        for (word, c) in entries() {
            assert_eq!(by_search(word), Some(c), "{word}");
            assert_eq!(index().get(word), Some(c), "{word}");
            // a prefix or an extension of an entry is another form
            let mut longer = word.to_string();
            longer.push('ة');
            assert_eq!(index().get(&longer), by_search(&longer), "{longer}");
            if let Some((at, _)) = word.char_indices().last().filter(|&(at, _)| at > 0) {
                assert_eq!(index().get(&word[..at]), by_search(&word[..at]), "{}", &word[..at]);
            }
            n += 1;
        }
        assert_eq!(n, len());
        for miss in ["", "ضضضضض", "\u{10FFFF}", "ا", "الحكومه x", "a", "\t", "#"] {
            assert_eq!(by_search(miss), index().get(miss), "{miss:?}");
        }
    }

    #[test]
    fn the_table_is_sorted_by_bytes() {
        let words: Vec<&str> = entries().map(|(w, _)| w).collect();
        assert!(words.windows(2).all(|p| p[0] < p[1]), "binary search needs the table sorted");
    }
}
