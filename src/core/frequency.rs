//! How common a written Arabic form is: wordfreq's Arabic frequencies (CC BY-SA 4.0), compiled
//! in as `src/data/frequency-ar.txt` and looked up in place.
//!
//! Classes are negated centibels / 10: lower is more frequent (30 is one word in a thousand,
//! 60 one in a million). The table is built by `scripts/build-frequency.py`; its source and
//! licence are in `src/data/README.md`.
//!
//! The file is sorted by bytes (a test keeps it so). Its index is laid out at build time
//! (`build.rs`) and compiled in beside it: a lookup hashes the form and probes a slot or two,
//! so a fresh process checking one story answers its first question as fast as its
//! hundred-thousandth, with nothing to parse or build first (a binary search in the text took
//! about a fifth of such a process's CPU; building the index at run time, 9–13 ms).

pub const TABLE: &str = include_str!("../data/frequency-ar.txt");

/// The class given to a form the table does not have: rarer than anything in it.
pub const UNSEEN: u8 = 99;

/// The table's entries as (word, class), in file (byte) order.
fn entries() -> impl Iterator<Item = (&'static str, u8)> {
    TABLE.lines().filter(|l| !l.starts_with('#')).filter_map(|line| {
        let (word, class) = line.split_once('\t')?;
        Some((word, class.trim().parse::<u8>().ok()?))
    })
}

/// The table indexed in place, open-addressed like a hash map's but with 5 bytes a slot: a
/// byte of the word's hash (0 for an empty slot), in an array of its own that a miss (the
/// common case) rarely reads past, and the entry's line start in [`TABLE`] with its class
/// (see `build.rs`, which lays it out: `SLOTS` tag bytes, then `SLOTS` little-endian u32s).
/// 0.6 MB of the binary, read where it lies: a process touches only the pages it probes.
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/frequency-index.bin"));

/// Slots in [`INDEX`] (a power of two).
const SLOTS: usize = INDEX.len() / 5;

/// Bits of a slot that hold the line start (plus one).
const OFFSET_BITS: u32 = u32::BITS - (TABLE.len() as u32 + 1).leading_zeros();

/// A slot's tag for hash `h`: its top 7 bits, never 0.
fn tag(h: u64) -> u8 {
    0x80 | (h >> 57) as u8
}

/// The slot of index position `i` (its line start plus one and its class; 0 past the end).
#[inline]
fn slot_at(i: usize) -> u32 {
    let at = SLOTS + 4 * i;
    INDEX.get(at..at + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_le_bytes)
}

/// The frequency class of `form` (a lookup key: no harakat or tatweel), if the table has it.
pub fn class(form: &str) -> Option<u8> {
    let h = crate::core::table_hash::table_hash(form.as_bytes());
    let (want, bytes) = (tag(h), TABLE.as_bytes());
    let mask = SLOTS - 1;
    let mut i = h as usize & mask;
    // The slot is read only after its tag matched: most questions are misses, which the tag
    // array (a fifth of the index, the part that stays in the cache) answers alone. (The
    // corrector's candidates are mostly no word: on the 10 MB bench file 3.1 million of 3.3
    // million questions were misses. Reading the first slot with its tag, so that a hit's two
    // reads overlapped, made every miss wait for a read of the slots too: a seventh of the
    // check's time was this function, most of it waiting for that read.)
    loop {
        match *INDEX.get(i)? {
            0 => return None,
            t if t == want => {
                let slot = slot_at(i);
                let start = (slot & ((1 << OFFSET_BITS) - 1)) as usize;
                let start = start.checked_sub(1)?;
                let end = start + form.len();
                // (a line start, then the form, then the tab: the line's word, unless the
                // form runs on into the lines below)
                if bytes.get(start..end).is_some_and(|w| crate::core::document::same_bytes(w, form.as_bytes()))
                    && bytes.get(end) == Some(&b'\t')
                    && !form.contains('\n')
                {
                    return Some((slot >> (u32::BITS - 8)) as u8);
                }
            }
            _ => {}
        }
        i = (i + 1) & mask;
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
    fn the_index_answers_every_entry_and_nothing_else() {
        assert!(OFFSET_BITS + 8 <= u32::BITS, "a slot holds a line start and a class");
        assert!(SLOTS.is_power_of_two() && INDEX.len() == 5 * SLOTS);
        let table: std::collections::HashMap<&str, u8> = entries().collect();
        assert!(table.len() * 3 / 2 < SLOTS, "under two thirds full");
        for (&word, &c) in &table {
            assert_eq!(class(word), Some(c), "{word}");
            // a prefix or an extension of an entry is another form
            let mut longer = word.to_string();
            longer.push('ة');
            assert_eq!(class(&longer), table.get(longer.as_str()).copied(), "{longer}");
            if let Some((at, _)) = word.char_indices().last().filter(|&(at, _)| at > 0) {
                assert_eq!(class(&word[..at]), table.get(&word[..at]).copied(), "{}", &word[..at]);
            }
        }
        assert_eq!(table.len(), len());
        // a form that runs on past its line, or starts on a comment or a class
        for miss in ["", "ضضضضض", "\u{10FFFF}", "ا", "الحكومه x", "a", "\t", "#", "الحكومة\t", "الحكومة\n"]
        {
            assert_eq!(class(miss), table.get(miss).copied(), "{miss:?}");
        }
    }

    #[test]
    fn the_table_is_sorted_by_bytes() {
        let words: Vec<&str> = entries().map(|(w, _)| w).collect();
        assert!(words.windows(2).all(|p| p[0] < p[1]), "sorted, each form once");
    }
}
