//! How common a written Arabic form is: wordfreq's Arabic frequencies (CC BY-SA 4.0), compiled
//! in as `src/data/frequency-ar.txt` and parsed once, on first use.
//!
//! Classes are negated centibels / 10: lower is more frequent (30 is one word in a thousand,
//! 60 one in a million). The table is built by `scripts/build-frequency.py`; its source and
//! licence are in `src/data/README.md`.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

pub const TABLE: &str = include_str!("../data/frequency-ar.txt");

/// The class given to a form the table does not have: rarer than anything in it.
pub const UNSEEN: u8 = 99;

fn table() -> &'static FxHashMap<&'static str, u8> {
    static MAP: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        map.reserve(90_000);
        for line in TABLE.lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some((word, class)) = line.split_once('\t') {
                if let Ok(c) = class.trim().parse::<u8>() {
                    map.insert(word, c);
                }
            }
        }
        map
    })
}

/// The frequency class of `form` (a lookup key: no harakat or tatweel), if the table has it.
pub fn class(form: &str) -> Option<u8> {
    table().get(form).copied()
}

/// The class of `form`, or [`UNSEEN`].
pub fn class_or_unseen(form: &str) -> u8 {
    class(form).unwrap_or(UNSEEN)
}

/// How many forms the table holds.
pub fn len() -> usize {
    table().len()
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
}
