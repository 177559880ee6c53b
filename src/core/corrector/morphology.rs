//! Corrections that would undo a valid morphological pattern: the written form is a regular
//! word of Arabic the dictionary lacks, one letter from a commoner word it knows. Read on the
//! even pieces of the bench file (held-out copy), where each was a false alarm.

/// Whether `best` undoes a valid pattern of `key` (see [`awi_nisba_undone`], [`case_seat_moved`]).
pub fn undoes_pattern(key: &str, best: &str) -> bool {
    awi_nisba_undone(key, best) || case_seat_moved(key, best)
}

/// Endings after the `وي` of a nisba (`شعبوي`, `شعبوية`, `شعبويا`, `شعبويين`...).
const NISBA_AFTER_WAW: &[&str] = &["", "ة", "ا", "ين", "ون", "ات", "ان", "تين", "تان"];

/// Letters before the `و` of an `-awi` nisba: its stem is a noun of three letters or more
/// (with any article or clitic before it).
const MIN_AWI_STEM: usize = 3;

/// Whether `best` takes the `و` out of an `-awi` nisba `key` (`الشعبوية` -> `الشعبية`,
/// `الإسلاموي` -> `الإسلامي`, `والتغذوية` -> `والتغذية`): the nisba in `وي` is a word of its own,
/// often of a stance or a school ("populist", "Islamist"), not the plain nisba with a و typed
/// too many. (Bench even pieces: 3 findings of this shape, all false.)
pub fn awi_nisba_undone(key: &str, best: &str) -> bool {
    let k: Vec<char> = key.chars().collect();
    let b: Vec<char> = best.chars().collect();
    if b.len() + 1 != k.len() {
        return false;
    }
    let at = k.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if at < MIN_AWI_STEM || k[at] != 'و' || k[at + 1..] != b[at..] {
        return false;
    }
    let rest: String = k[at + 1..].iter().collect();
    rest.strip_prefix('ي').is_some_and(|end| NISBA_AFTER_WAW.contains(&end))
}

/// Pronoun suffixes a final hamza may stand before.
const PRONOUNS: &[&str] = &["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا"];

/// The seats of a hamza that ends a stem before a pronoun: the case or mood picks one (`يملؤه`
/// "fills it", indicative; `لن يملأه`; `مبدئه`, genitive).
const CASE_SEATS: &[char] = &['أ', 'ؤ', 'ئ'];

/// Whether `best` only moves a hamza between the seats of [`CASE_SEATS`] right before a pronoun
/// suffix that ends `key` (`يملؤه` -> `يملأه`, `يملؤنا` -> `يملأنا`): both are right spellings,
/// the seat reads the word's case or mood. (Bench even pieces: 3 findings, all false.)
pub fn case_seat_moved(key: &str, best: &str) -> bool {
    let k: Vec<char> = key.chars().collect();
    let b: Vec<char> = best.chars().collect();
    if k.len() != b.len() {
        return false;
    }
    let mut diff = k.iter().zip(&b).enumerate().filter(|(_, (x, y))| x != y);
    let (Some((at, (&x, &y))), None) = (diff.next(), diff.next()) else { return false };
    if at < 2 || !CASE_SEATS.contains(&x) || !CASE_SEATS.contains(&y) {
        return false;
    }
    let rest: String = k[at + 1..].iter().collect();
    PRONOUNS.contains(&rest.as_str())
}

/// The clitic whose letter a writer types one place late: the conjunction و, which opens a word
/// far more often than any other. (ب and ل too: on the planted faults of the tune half, seeds
/// 1-6, they were mostly a letter typed twice after a word's first letter, `خللال`, `أببرز`,
/// 6 against 2 swaps, `عللاج`; ف and ك, `تففتقد`, `مككيفات`, all of them.)
const PROCLITIC_LETTERS: &[char] = &['و'];

/// The form `key` becomes with one letter taken out, where `swapped` is `key` with its first
/// two letters swapped that puts the conjunction back in front (`مودارس` -> `ومدارس`,
/// `يووجد` -> `ويوجد`): its letter typed one place late reads, taken out, as the bare word
/// (`مدارس`, `يوجد`). Not the clitic moved behind another (`وكتكفي`, `ووعلى`: on the tune
/// half, a letter typed twice or a long vowel added inside the word). `None` for any other
/// swap.
pub fn clitic_moved(key: &str, swapped: &str) -> Option<String> {
    let (mut k, mut s) = (key.chars(), swapped.chars());
    let (k0, k1, s0, s1) = (k.next()?, k.next()?, s.next()?, s.next()?);
    let swap = k0 == s1 && k1 == s0 && k0 != k1 && !k.as_str().is_empty() && k.as_str() == s.as_str();
    (swap && PROCLITIC_LETTERS.contains(&s0)).then(|| {
        let mut bare = String::with_capacity(key.len());
        bare.push(k0);
        bare.push_str(k.as_str());
        bare
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_awi_nisba_keeps_its_waw() {
        assert!(awi_nisba_undone("الشعبوية", "الشعبية"));
        assert!(awi_nisba_undone("الإسلاموي", "الإسلامي"));
        assert!(awi_nisba_undone("نهضويين", "نهضيين"));
        // (Not a و taken out elsewhere, nor before another ending.)
        assert!(!awi_nisba_undone("المووظف", "الموظف"));
        assert!(!awi_nisba_undone("يدعوين", "يدعين"));
        assert!(!awi_nisba_undone("وية", "ية"));
    }

    #[test]
    fn a_hamza_before_a_pronoun_keeps_its_seat() {
        assert!(case_seat_moved("يملؤه", "يملأه"));
        assert!(case_seat_moved("يملؤنا", "يملأنا"));
        assert!(case_seat_moved("مبدئها", "مبدأها"));
        // (A seat inside the stem is a slip, `سؤال`; a bare seat is no case.)
        assert!(!case_seat_moved("مسئول", "مسؤول"));
        assert!(!case_seat_moved("يملوه", "يملأه"));
    }

    #[test]
    fn a_proclitic_typed_one_place_late() {
        assert_eq!(clitic_moved("مودارس", "ومدارس").as_deref(), Some("مدارس"));
        assert_eq!(clitic_moved("يووجد", "ويوجد").as_deref(), Some("يوجد"));
        // (Not another clitic, not a swap further in, nor a swap that puts no clitic in front.)
        assert_eq!(clitic_moved("عللاج", "لعلاج"), None);
        assert_eq!(clitic_moved("تففتقد", "فتفتقد"), None);
        assert_eq!(clitic_moved("وعولى", "ووعلى"), None);
        assert_eq!(clitic_moved("مدراس", "مدارس"), None);
        assert_eq!(clitic_moved("ومدارس", "موارس"), None);
    }
}
