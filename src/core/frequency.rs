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
//! questions; after [`MAP_AFTER`] lookups the table is indexed in a hash map once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

pub const TABLE: &str = include_str!("../data/frequency-ar.txt");

/// The class given to a form the table does not have: rarer than anything in it.
pub const UNSEEN: u8 = 99;

/// Lookups answered by binary search before the hash map is built.
const MAP_AFTER: usize = 50_000;

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

fn map() -> &'static FxHashMap<&'static str, u8> {
    static MAP: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        map.reserve(90_000);
        map.extend(entries());
        map
    })
}

/// The frequency class of `form` (a lookup key: no harakat or tatweel), if the table has it.
pub fn class(form: &str) -> Option<u8> {
    static ASKED: AtomicUsize = AtomicUsize::new(0);
    if ASKED.load(Ordering::Relaxed) < MAP_AFTER {
        ASKED.fetch_add(1, Ordering::Relaxed);
        return by_search(form);
    }
    map().get(form).copied()
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
    fn search_and_map_agree_on_every_entry_and_on_misses() {
        let mut n = 0;
        for (word, c) in entries() {
            assert_eq!(by_search(word), Some(c), "{word}");
            assert_eq!(map().get(word).copied(), Some(c), "{word}");
            n += 1;
        }
        assert_eq!(n, len());
        for miss in ["", "ضضضضض", "\u{10FFFF}", "ا", "الحكومه x", "a"] {
            assert_eq!(by_search(miss), map().get(miss).copied(), "{miss:?}");
        }
    }

    #[test]
    fn the_table_is_sorted_by_bytes() {
        let words: Vec<&str> = entries().map(|(w, _)| w).collect();
        assert!(words.windows(2).all(|p| p[0] < p[1]), "binary search needs the table sorted");
    }
}
