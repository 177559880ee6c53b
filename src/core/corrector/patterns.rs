//! Arabic word patterns: whether a word reads as a root of three or four consonants poured
//! into one of the language's patterns (فاعل، مفعول، تفعيل، استفعال, an imperfect's prefix
//! and a pattern, ...), after its clitics and before its ending. A long vowel typed inside a
//! word, or dropped from it, mostly breaks its pattern (`الزلوازل` for `الزلازل`); a name or a
//! loanword reads as no pattern either way, or as one both ways. The corrector takes a
//! written form that parses as no pattern, one long vowel from a word that does, as evidence
//! for a rarer winner (see `pattern_mended` in the corrector).
//!
//! Story-independent and pure; the patterns are the grammar's, not a word list.

/// Proclitic chains a stem may carry, with none first.
const CLITICS: &[&str] = &[
    "", "و", "ف", "ب", "ك", "ل", "ال", "لل", "وال", "فال", "بال", "كال", "ولل", "فلل", "وب", "ول", "فب", "فل", "وك",
    "س", "وس", "فس",
];

/// Endings a stem may carry: the feminine, plurals and duals, pronoun suffixes, a verb's
/// persons, the accusative's alif, a nisba.
const ENDINGS: &[&str] = &[
    "", "ة", "ات", "ون", "ين", "ان", "ا", "ه", "ها", "هم", "هما", "كم", "نا", "ي", "ية", "وا", "ت", "تم", "ته", "تها",
    "تهم", "اته", "اتها", "اتهم", "ك",
];

/// Stem patterns: `C` a root consonant, `Q` one of a root of four (never a weak letter or a
/// hamza: a root of four with one is rare, and with them any four letters would parse), any
/// other letter the pattern's own. Three root letters
/// (فعل، فاعل، فعال، فعيل، فعول، مفعل، مفعول، مفاعل، مفاعيل، تفعيل، تفاعل، تفعّل، افتعال،
/// افتعل، انفعال، انفعل، استفعال، استفعل، مفتعل، منفعل، مستفعل، متفاعل، متفعّل، أفعال، أفعل،
/// إفعال، فواعل، مفعال) and four (فعلل، فعالل، فعاليل، تفعلل، مفعلل).
const STEMS: &[&str] = &[
    "CCC",
    "CاCC",
    "CCاC",
    "CCيC",
    "CCوC",
    "مCCC",
    "مCCوC",
    "مCاCC",
    "مCاCيC",
    "تCCيC",
    "تCاCC",
    "تCCC",
    "اCتCاC",
    "اCتCC",
    "انCCاC",
    "انCCC",
    "استCCاC",
    "استCCC",
    "مCتCC",
    "منCCC",
    "مستCCC",
    "متCاCC",
    "متCCC",
    "أCCاC",
    "أCCC",
    "إCCاC",
    "CواCC",
    "مCCاC",
    "QQQQ",
    "QQاQQ",
    "QQاQيQ",
    "تQQQQ",
    "مQQQQ",
];

/// Imperfect stems after a person's prefix (ي ت ن أ): يفعل، يفاعل، يتفعّل، يتفاعل، يفتعل،
/// ينفعل، يستفعل، يفعّل، and the hollow verb's يفول، يفيل، يفال.
const IMPERFECT_STEMS: &[&str] = &["CCC", "CاCC", "تCCC", "تCاCC", "CتCC", "نCCC", "ستCCC", "CوC", "CيC", "CاC"];

/// Letters that are no root consonant: a long vowel, the alif's seats, and the letters that
/// only end a word.
fn root_letter(c: char) -> bool {
    !matches!(c, 'ا' | 'آ' | 'ة' | 'ى')
}

/// Which kind of letter of the pattern a letter must be (see [`parses_with`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A root consonant (`C`).
    Root,
    /// One of the pattern's own long vowels (ا و ي).
    Vowel,
}

/// Letters that are a root consonant of a root of four (see [`STEMS`]).
fn strong_letter(c: char) -> bool {
    root_letter(c) && !matches!(c, 'و' | 'ي' | 'ء' | 'أ' | 'إ' | 'ؤ' | 'ئ')
}

/// Whether `stem` fits `pattern`, with its letter `at` (an index into `stem`), if any, of the
/// kind `slot`.
fn fits(stem: &[char], pattern: &str, at: Option<usize>, slot: Slot) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    p.len() == stem.len()
        && at.is_none_or(|at| match slot {
            Slot::Root => matches!(p[at], 'C' | 'Q'),
            Slot::Vowel => matches!(p[at], 'ا' | 'و' | 'ي'),
        })
        && p.iter().zip(stem).all(|(&want, &c)| match want {
            'C' => root_letter(c),
            'Q' => strong_letter(c),
            _ => want == c,
        })
}

/// Whether `word` parses as clitics, a stem of one of the patterns and an ending, with its
/// letter `at` (an index into the word's letters), if any, inside the stem and of the kind
/// `slot`.
pub fn parses_with(word: &str, at: Option<usize>, slot: Slot) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if at.is_some_and(|at| at >= n) {
        return false;
    }
    for clitic in CLITICS.iter().filter(|c| word.starts_with(*c)) {
        let from = clitic.chars().count();
        if at.is_some_and(|at| at < from) {
            continue;
        }
        for ending in ENDINGS.iter().filter(|e| word.ends_with(*e)) {
            let to = n - ending.chars().count();
            if at.is_some_and(|at| at >= to) || to < from + 3 {
                continue;
            }
            let stem = &chars[from..to];
            let i = at.map(|at| at - from);
            if STEMS.iter().any(|p| fits(stem, p, i, slot)) {
                return true;
            }
            // An imperfect: its person prefix, then a stem (not after the article).
            if !clitic.contains("ال")
                && i != Some(0)
                && matches!(stem[0], 'ي' | 'ت' | 'ن' | 'أ')
                && IMPERFECT_STEMS.iter().any(|p| fits(&stem[1..], p, i.map(|i| i - 1), slot))
            {
                return true;
            }
        }
    }
    false
}

/// Whether `word` parses (see [`parses_with`]) at all.
pub fn parses(word: &str) -> bool {
    parses_with(word, None, Slot::Root)
}

#[cfg(test)]
mod tests {
    use super::{parses, parses_with, Slot};

    #[test]
    fn words_of_the_patterns_parse() {
        // فعالل with the article, يتفاعل, مفعول with a conjunction and the article, استفعال.
        for w in ["الزلازل", "يتشاركون", "والمكتوب", "استقبال", "إمداد"] {
            assert!(parses(w), "{w}");
        }
    }

    #[test]
    fn a_long_vowel_typed_inside_breaks_the_pattern() {
        for w in ["الزلوازل", "تطبويقا", "المعيروض"] {
            assert!(!parses(w), "{w}");
        }
    }

    #[test]
    fn a_letter_of_the_kind_asked_for() {
        // The alif of إفعال is the pattern's own vowel, not a root consonant.
        assert!(parses_with("إمداد", Some(3), Slot::Vowel));
        assert!(!parses_with("إمداد", Some(3), Slot::Root));
        // The root's second consonant of مفعول.
        assert!(parses_with("مكتوب", Some(2), Slot::Root));
        // A clitic, an ending, or past the word's end: no letter of the stem.
        assert!(!parses_with("والمكتوب", Some(0), Slot::Root));
        assert!(!parses_with("كاتبة", Some(4), Slot::Root));
        assert!(!parses_with("كتب", Some(3), Slot::Root));
        // Any input: no panic.
        assert!(!parses("") && !parses("ab"));
        assert!(!parses_with("", Some(0), Slot::Vowel));
    }
}
