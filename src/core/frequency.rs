//! How common a written Arabic form is: wordfreq's Arabic frequencies (CC BY-SA 4.0), compiled
//! in as `src/data/frequency-ar.txt` and looked up in place.
//!
//! Classes are negated centibels / 10: lower is more frequent (30 is one word in a thousand,
//! 60 one in a million). The table is built by `scripts/build-frequency.py`; its source and
//! licence are in `src/data/README.md`.
//!
//! The file is sorted by bytes (a test keeps it so), so a lookup is a binary search in the
//! compiled-in text itself: nothing to parse before the first answer, which is what a fresh
//! process checking one story needs. A long document asks hundreds of thousands of
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

/// Byte offsets of the entry lines (comments skipped), in order: one pass over the text.
fn lines() -> &'static [u32] {
    static LINES: OnceLock<Vec<u32>> = OnceLock::new();
    LINES.get_or_init(|| {
        let bytes = TABLE.as_bytes();
        let mut out = Vec::with_capacity(90_000);
        let mut at = 0;
        while at < bytes.len() {
            let end = bytes[at..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| at + i);
            if bytes[at] != b'#' && bytes[at..end].contains(&b'\t') {
                out.push(at as u32);
            }
            at = end + 1;
        }
        out
    })
}

/// The entry line starting at byte `at`: (word, class).
fn line_at(at: usize) -> Option<(&'static str, u8)> {
    let rest = TABLE.get(at..)?;
    let line = rest.split_once('\n').map_or(rest, |(l, _)| l);
    let (word, class) = line.split_once('\t')?;
    Some((word, class.trim().parse::<u8>().ok()?))
}

fn by_search(form: &str) -> Option<u8> {
    let lines = lines();
    let i = lines.binary_search_by(|&at| line_at(at as usize).map_or("", |(w, _)| w).cmp(form)).ok()?;
    line_at(lines[i] as usize).map(|(_, c)| c)
}

fn map() -> &'static FxHashMap<&'static str, u8> {
    static MAP: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        map.reserve(lines().len());
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
    lines().len()
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
