//! Letter sequences Arabic never writes: a form with a run of three letters (or a word's start
//! or end and two letters) that no word of the frequency table has — a ة inside a word
//! (`محتضةن`), a hamza on a seat no word puts it on (`شإكالات`, `ؤمدبة`), a pronoun suffix
//! written backwards (`طاعهتم`) — is no word of the language, whatever names and loanwords the
//! table holds. A swap that takes such a run out, where it puts none in, is the slip's own
//! evidence: names and loanwords read as written either way.
//!
//! Story-independent; the set is derived from the frequency table and shipped with it
//! (`src/data/letter-trigrams.bin`, no I/O).

use crate::core::lexicon::Lexicon;

/// Letters as indices: 0 a word's start or end, 1.. the Arabic letters ء..ي, and one index for
/// every other letter (Persian ی and ک, ڤ، پ، گ: rare alike, never taken for a slip).
const N: usize = 44;
const OTHER: usize = N - 1;

fn index(c: Option<char>) -> usize {
    match c {
        None => 0,
        Some(c @ '\u{0621}'..='\u{064A}') => c as usize - 0x0620,
        Some(_) => OTHER,
    }
}

/// Bytes in the set of trigrams, one bit each.
const BYTES: usize = (N * N * N).div_ceil(8);

/// Which letter trigrams (by index) some word of the frequency table writes, one bit each,
/// shipped precomputed (10 KB; deriving it from the table's 80,000 words took about 1.5 ms of a
/// fresh process's start-up). `tests::the_shipped_set_is_the_tables` proves it is the table's;
/// `UPDATE_TRIGRAMS=1 cargo test --lib letters` writes it again after the table changes.
static WRITTEN: &[u8; BYTES] = include_bytes!("../../data/letter-trigrams.bin");

/// The set of trigrams the frequency table's words write, derived from the table.
#[cfg(test)]
fn derive() -> Vec<u8> {
    let mut bits = vec![0u8; BYTES];
    for line in crate::core::frequency::TABLE.lines().filter(|l| !l.starts_with('#')) {
        let word = line.split('\t').next().unwrap_or("");
        let (mut a, mut b) = (0, 0);
        for c in word.chars().map(Some).chain(std::iter::once(None)) {
            let c = index(c);
            let t = (a * N + b) * N + c;
            bits[t / 8] |= 1 << (t % 8);
            (a, b) = (b, c);
        }
    }
    bits
}

/// How many of `form`'s letter trigrams (its start and end counted as letters) no word of the
/// table writes. A trigram with a letter outside the Arabic alphabet counts as written.
pub(super) fn unwritten(form: &str) -> usize {
    let (mut a, mut b) = (0, 0);
    let mut n = 0;
    for c in form.chars().map(Some).chain(std::iter::once(None)) {
        let c = index(c);
        let t = (a * N + b) * N + c;
        if a != OTHER && b != OTHER && c != OTHER && WRITTEN[t / 8] & (1 << (t % 8)) == 0 {
            n += 1;
        }
        (a, b) = (b, c);
    }
    n
}

/// Whether `cand` takes out of `key` a letter sequence no word writes and puts none in.
pub(super) fn mends(key: &str, cand: &str) -> bool {
    unwritten(cand) < unwritten(key)
}

/// Whether `form` has ة or ى before its last letter: they only end a word (before an ending
/// they are written ت and ي), whatever the table holds.
pub(crate) fn final_inside(form: &str) -> bool {
    let mut it = form.chars();
    it.next_back();
    it.any(|c| matches!(c, 'ة' | 'ى'))
}

/// How many more letter sequences no word writes a swap must take out for a candidate the
/// table holds to win rarer than it may (see `swap_evidence`): one such sequence is also
/// what a rare word or a name the table lacks reads like (`الحفش`, `إبيار`; at one, 4 new
/// findings on the 10 MB bench file, all false).
const SURE_MEND: usize = 2;

/// Whether `cand` takes out of `key` at least [`SURE_MEND`] more sequences no word writes
/// than it puts in.
pub(super) fn mends_surely(key: &str, cand: &str) -> bool {
    unwritten(cand) + SURE_MEND <= unwritten(key)
}

/// The one word the dictionary accepts whole that `chars` (a form nobody writes, that the
/// dictionary rejects, with no candidate the frequency table holds) becomes with two
/// neighbours swapped back, where the swap takes out a letter sequence no word writes (see
/// [`mends`]), and that is an inflection of a stem the table holds (see
/// [`super::stem_class`]): `مشرةع` -> `مشرعة`; or where the swap puts back at the end a ة or
/// ى written inside the word (see [`final_inside`]: `موغةل` -> `موغلة`). A name or a loanword
/// is mostly written with sequences the table has, and a family name's swap that makes a
/// verb with a pronoun (`شبطيني`: `شطبيني`, of a three-letter stem) is no inflection the
/// table vouches for. `None` when no swap the dictionary accepts whole, or more than one.
pub(super) fn swap(lex: &Lexicon, chars: &[char]) -> Option<String> {
    let key: String = chars.iter().collect();
    if unwritten(&key) == 0 {
        return None;
    }
    only_swap(chars, |_| false, |cand| lex.knows(cand)).filter(|cand| {
        (mends(&key, cand) && super::stem_class(cand).is_some()) || (final_inside(&key) && !final_inside(cand))
    })
}

/// The one form `chars` becomes with two different neighbours swapped (not at an `i` that
/// `skip` names: the pair `i`, `i + 1`) that `is_word` accepts, and that is not the article
/// written twice (see [`super::article_doubled`]). `None` when no swap makes one, or more than
/// one does. (Two different swaps never make the same form.)
pub(super) fn only_swap(
    chars: &[char],
    skip: impl Fn(usize) -> bool,
    is_word: impl Fn(&str) -> bool,
) -> Option<String> {
    let mut v = chars.to_vec();
    let mut found: Option<String> = None;
    for i in 0..chars.len().saturating_sub(1) {
        if chars[i] == chars[i + 1] || skip(i) {
            continue;
        }
        v.swap(i, i + 1);
        let cand: String = v.iter().collect();
        v.swap(i, i + 1);
        if super::article_doubled(&cand) || !is_word(&cand) {
            continue;
        }
        if found.is_some() {
            return None;
        }
        found = Some(cand);
    }
    found
}

/// Letters a writer drops or types too many without noticing (see [`sole_slip`]): the long
/// vowels.
const LONG_VOWELS: &[char] = &['ا', 'و', 'ي'];

/// The one word the dictionary accepts whole that `chars` becomes with one letter added or
/// taken out after its first (a clitic's or a name's own), where no other letter added or
/// taken out anywhere makes a word the dictionary accepts whole: a form one letter from two
/// words is no sure slip. `None` when no such word, or more than one.
pub(super) fn sole_slip(lex: &Lexicon, chars: &[char]) -> Option<SoleSlip> {
    let key: String = chars.iter().collect();
    let n = chars.len();
    // Where each letter starts in `key` (and its end): every candidate is written into one
    // buffer from `key`'s own bytes, with no String made for each (a form asks about its
    // letters taken out and about 36 letters added at each place: hundreds of candidates, of
    // which the dictionary accepts a few).
    let offs: Vec<usize> = key.char_indices().map(|(at, _)| at).chain(std::iter::once(key.len())).collect();
    // (the candidate, whether some edit that makes it is a slip of the hand, whether one takes
    // out one of two identical neighbours, and whether it has a letter more)
    let mut found: Option<(String, bool, bool, bool)> = None;
    let mut weigh = |cand: &str, likely: bool, double: bool| -> bool {
        if cand == key || super::article_doubled(cand) || !lex.knows(cand) {
            return true;
        }
        match &mut found {
            Some((other, was, doubled, _)) if *other == cand => {
                *was = *was || likely;
                *doubled = *doubled || double;
                true
            }
            Some(_) => false,
            None => {
                let added = cand.len() > key.len();
                found = Some((cand.to_string(), likely, double, added));
                true
            }
        }
    };
    let mut buf = String::with_capacity(key.len() + 4);
    // letters taken out
    for i in 1..n {
        buf.clear();
        buf.push_str(&key[..offs[i]]);
        buf.push_str(&key[offs[i + 1]..]);
        let double = chars[i] == chars[i - 1] || chars.get(i + 1) == Some(&chars[i]);
        if !weigh(&buf, double || LONG_VOWELS.contains(&chars[i]), double) {
            return None;
        }
    }
    // letters added
    for i in 1..=n {
        let (before, after) = key.split_at(offs[i]);
        for l in super::LETTERS.chars() {
            buf.clear();
            buf.push_str(before);
            buf.push(l);
            buf.push_str(after);
            let dropped = LONG_VOWELS.contains(&l) || chars[i - 1] == l || chars.get(i) == Some(&l);
            if !weigh(&buf, dropped, false) {
                return None;
            }
        }
    }
    found.map(|(word, typed, undoubled, added)| {
        let mends = mends(&key, &word);
        SoleSlip { word, typed, undoubled, added, mends }
    })
}

/// What [`sole_slip`] found.
pub(super) struct SoleSlip {
    pub word: String,
    /// A slip of the hand makes it: a long vowel typed or dropped, a letter typed twice or one
    /// of a double dropped.
    pub typed: bool,
    /// It is the form with one of two identical neighbours taken out.
    pub undoubled: bool,
    /// It is the form with a letter restored (not taken out).
    pub added: bool,
    /// The edit takes out a letter sequence no word writes, and puts none in (see [`mends`]).
    pub mends: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_set_is_the_tables() {
        let derived = derive();
        if std::env::var_os("UPDATE_TRIGRAMS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/letter-trigrams.bin");
            if let Err(e) = std::fs::write(path, &derived) {
                panic!("cannot write {path}: {e}");
            }
            return;
        }
        assert!(derived.as_slice() == WRITTEN.as_slice(), "run UPDATE_TRIGRAMS=1 cargo test --lib letters");
    }

    #[test]
    fn sequences_no_word_writes_are_found() {
        // ة inside a word, a hamza on a seat no word starts with, a pronoun written backwards
        for w in ["محتضةن", "ؤمدبة", "طاعهتم"] {
            assert!(unwritten(w) > 0, "{w}");
        }
        // everyday words, a name, a word in Persian letters
        for w in ["الحكومة", "وزارة", "بوتين", "العارضین"] {
            assert_eq!(unwritten(w), 0, "{w}");
        }
    }
}
