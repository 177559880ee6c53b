//! The sentence's say in the corrector's close calls. The corrector weighs each written form
//! alone (its verdict is kept per form); where that verdict is a near tie, or its winner has a
//! reading one letter's place away (`يوتوقع`: `يتوقع` with a و typed too many, or `ويتوقع`
//! with two letters swapped), the words beside this occurrence weigh in: what may follow the
//! word before it, and what the word after it agrees with. Decided per occurrence, never
//! kept per form; reads only the word's line.

use crate::core::corrector;
use crate::core::rules::Context;

use super::beside;

/// The corrector's answer on a form, as the rule keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Answer {
    /// One candidate clearly wins.
    Right(String),
    /// The winner and a runner-up too close to it (see [`corrector::Refusal::Close`]).
    Close(String, String),
}

/// How many frequency classes (a tenth of a power of ten each) the sentence's evidence with
/// the forms' own frequencies must put one reading ahead of the other to decide.
const MARGIN: i32 = 3;

/// The correction of word `i`, whose key is `key`, given the corrector's `answer` on its form.
pub(super) fn decide(ctx: &Context<'_>, i: usize, key: &str, answer: &Answer) -> Option<String> {
    match answer {
        Answer::Right(best) => {
            let lex = ctx.lexicon?;
            let other = Some(best.as_str()).and_then(|b| pair_reading(key, b)).filter(|o| lex.knows_with_clitics(o));
            // The corrector weighed the forms' frequencies already: only the sentence's own
            // evidence for the other reading, enough to make up for its rarity, overturns it.
            match other {
                Some(other) if lead(ctx, i, key, &other, best).is_some_and(|(d, e)| e > 0 && d >= MARGIN) => {
                    Some(other)
                }
                _ => Some(best.clone()),
            }
        }
        Answer::Close(best, runner_up) => {
            // Only the sentence breaks a tie: its evidence must be for the reading it picks.
            let (d, e) = lead(ctx, i, key, best, runner_up)?;
            if d >= MARGIN && e > 0 {
                Some(best.clone())
            } else if d <= -MARGIN && e < 0 {
                Some(runner_up.clone())
            } else {
                None
            }
        }
    }
}

/// The reading of `key` that pairs with the corrector's `best` as one of the shapes the
/// sentence can decide (see [`Shape`]): the same word with its letter moved one place instead
/// of taken out, or taken out instead of moved.
fn pair_reading(key: &str, best: &str) -> Option<String> {
    // (No second و on a word whose own و is the conjunction: `وإذا` is و + `إذا`, and `ووإذا`
    // no reading; `وزير` is commoner than `زير`, and `ووزير` one.)
    let conjunction = best.strip_prefix('و').is_some_and(|rest| {
        let rank = |f: &str| corrector::web_rank(f, corrector::STEM_PENALTY);
        rest.chars().count() >= 2 && rank(rest).is_some_and(|r| rank(best).is_none_or(|b| r < b))
    });
    let candidates = [
        if conjunction { String::new() } else { format!("و{best}") },
        best.strip_prefix('و').map(str::to_string).unwrap_or_default(),
        format!("{best}ا"),
        best.strip_suffix('ا').map(str::to_string).unwrap_or_default(),
        format!("{best}ي"),
        best.strip_suffix('ي').map(str::to_string).unwrap_or_default(),
    ];
    candidates.into_iter().filter(|c| c.chars().count() >= 3).find(|c| shape(c, best).is_some() && one_slip(key, c))
}

/// Whether `cand` is `key` with two neighbouring letters swapped, or with one letter taken out.
fn one_slip(key: &str, cand: &str) -> bool {
    let k: Vec<char> = key.chars().collect();
    let c: Vec<char> = cand.chars().collect();
    if k.len() == c.len() {
        let diff: Vec<usize> = (0..k.len()).filter(|&j| k[j] != c[j]).collect();
        diff.len() == 2 && diff[1] == diff[0] + 1 && k[diff[0]] == c[diff[1]] && k[diff[1]] == c[diff[0]]
    } else if k.len() == c.len() + 1 {
        let at = (0..c.len()).find(|&j| k[j] != c[j]).unwrap_or(c.len());
        k[at + 1..] == c[at..]
    } else {
        false
    }
}

/// Two readings the sentence can tell apart: the longer is the shorter with one letter more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// The conjunction و on the word (`ويتوقع` / `يتوقع`).
    Waw,
    /// The alif of the indefinite accusative (`كبيرا` / `كبير`).
    Accusative,
    /// The nisba ي of a definite adjective (`الرياضي` / `الرياض`).
    Nisba,
}

/// The shape of two readings, with the longer first.
fn shape<'a>(a: &'a str, b: &'a str) -> Option<(Shape, &'a str, &'a str)> {
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    if long.strip_prefix('و') == Some(short) {
        return Some((Shape::Waw, long, short));
    }
    if long.strip_suffix('ا') == Some(short)
        && short.chars().count() >= 3
        && !definite(short)
        && !short.ends_with(['ة', 'ا', 'ى', 'و', 'ء'])
    {
        return Some((Shape::Accusative, long, short));
    }
    if long.strip_suffix('ي') == Some(short) && definite(short) && short.chars().count() >= 5 {
        return Some((Shape::Nisba, long, short));
    }
    None
}

/// By how many classes the sentence with the forms' frequencies puts reading `a` ahead of `b`
/// at word `i`, and how many of them are the sentence's own evidence; `None` when the two are
/// none of the shapes the sentence tells apart, or the frequency table cannot weigh them.
fn lead(ctx: &Context<'_>, i: usize, key: &str, a: &str, b: &str) -> Option<(i32, i32)> {
    let (shape, long, short) = shape(a, b)?;
    let rank = |f: &str| corrector::web_rank(f, corrector::STEM_PENALTY);
    let (long_rank, short_rank) = (rank(long)?, rank(short)?);
    // Evidence for the longer reading over the shorter, in classes, against how much rarer it is.
    let mut e = evidence(ctx, i, shape, short, long_rank > short_rank);
    if shape == Shape::Waw {
        e += waw_letters(key, long);
    }
    let for_long = e - (long_rank - short_rank);
    Some(if a == long { (for_long, e) } else { (-for_long, -e) })
}

/// How many classes the words beside word `i` weigh for the longer reading of `shape` (a
/// likelihood ratio of ten to the tenth per class, measured on published copy: see the
/// constants); a reading the context rules out gets [`RULED_OUT`] against it.
fn evidence(ctx: &Context<'_>, i: usize, shape: Shape, short: &str, long_rarer: bool) -> i32 {
    let doc = ctx.doc;
    let prev = i.checked_sub(1).and_then(|j| beside(doc, i, j));
    let next = beside(doc, i, i + 1);
    match shape {
        Shape::Waw => {
            // (A verb in the imperfect, a definite word, any other word.)
            let kind = if definite(short) {
                1
            } else if short.starts_with(['ي', 'ت', 'ن']) {
                0
            } else {
                2
            };
            match prev {
                // A particle or a preposition takes its verb or noun directly: no و between (`لم
                // يتوقع`, `في المدينة`). Only where the و reading is the rarer form, as a
                // conjunction on a word always is: a word whose own first letter is و (`وزير`
                // beside `زير`) is commoner than its remainder, and a preposition takes it (`في
                // وزير`).
                Some(p) if long_rarer && (NO_WAW_AFTER.contains(&p) || PREPOSITIONS.contains(&p)) => -RULED_OUT,
                Some(p) => waw_after_word(kind, p),
                // After a full stop, a comma or at a line's start a word carries و more often (a
                // verb in the imperfect most, `ويتوقع` opening a sentence); right after an opening
                // quote or bracket, less often (a quotation opens without it).
                None => match opening(doc, i) {
                    Opening::Line => WAW_AT_LINE_START[kind],
                    Opening::Stop => WAW_AFTER_STOP[kind],
                    Opening::Comma => WAW_AFTER_COMMA[kind],
                    Opening::Quote => WAW_AFTER_QUOTE,
                    Opening::Other => 0,
                },
            }
        }
        Shape::Accusative => {
            let mut e = 0;
            if prev.is_some_and(|p| PREPOSITIONS.contains(&p)) {
                e -= ACCUSATIVE_AFTER_PREPOSITION;
            }
            match next {
                // A noun with tanween is no construct: the definite word after it is rarely its.
                Some(n) if definite(n) => e -= ACCUSATIVE_BEFORE_DEFINITE,
                // An accusative adjective or adverb after it (`دورا كبيرا`, `كبيرا جدا`).
                Some(n) if n.ends_with('ا') && n.chars().count() >= 3 => e += ACCUSATIVE_BEFORE_ALIF,
                Some(_) => {}
                None => e += ACCUSATIVE_AT_END,
            }
            e
        }
        Shape::Nisba => match prev {
            // A definite adjective follows a definite noun (`النادي الرياضي`), a masculine
            // singular most surely (a noun in ة takes the feminine, `الجهة الرياضية`); a
            // definite noun after a preposition or an indefinite noun is its object or its
            // construct's second term (`في الرياض`, `مدينة الرياض`).
            Some(p) if PREPOSITIONS.contains(&p) => -NISBA_AFTER_PREPOSITION,
            Some(p) if definite(p) && p.ends_with('ة') => NISBA_AFTER_DEFINITE_TAA,
            Some(p) if definite(p) && ["ات", "ين", "ون"].iter().any(|e| p.ends_with(e)) => {
                NISBA_AFTER_DEFINITE_PLURAL
            }
            Some(p) if definite(p) && p.ends_with('ي') => NISBA_AFTER_DEFINITE_NISBA,
            Some(p) if definite(p) => NISBA_AFTER_DEFINITE,
            Some(p) if p.ends_with('ة') => -NISBA_AFTER_TAA,
            Some(_) => -NISBA_AFTER_INDEFINITE,
            None => 0,
        },
    }
}

/// What the typed letters themselves say of the conjunction typed one place late (`key` is
/// `long`, the word with the conjunction, with its first two letters swapped: `جونوب` for
/// `وجنوب`) against a و added after the word's first letter (`جونوب` for `جنوب`). A و added
/// as a long vowel writes a damma: never on an alif that cannot carry one (the kasra of `إ`,
/// the wasl alif's, `اوستقبال`, `إوليه`; the long `آ`; `أ` may: `أوخرى` for `أخرى`), nor
/// right before a long vowel (`شواحنة`); there only the swap reads the letters. (Anywhere
/// else the letters weigh nothing: a weight for the swap there, 5 classes, took the
/// right fixes of a letter added or dropped from 76.6% to 75.4% on the tune half of seeds
/// 1-6 for 0.3 points on the swaps.)
fn waw_letters(key: &str, long: &str) -> i32 {
    let k: Vec<char> = key.chars().collect();
    let l: Vec<char> = long.chars().collect();
    let moved = k.len() == l.len() && k.len() >= 3 && l[0] == 'و' && k[1] == 'و' && k[0] == l[1] && k[2..] == l[2..];
    if !moved {
        return 0;
    }
    if matches!(k[0], 'ا' | 'إ' | 'آ') || matches!(k[2], 'ا' | 'ي' | 'ى') {
        RULED_OUT
    } else {
        0
    }
}

/// The evidence for the conjunction on a word of `kind` (see [`evidence`]) right after the
/// word `prev` (no particle or preposition). A definite word keeps its weight whatever stands
/// before it; on any other, what the word before is weighs (see [`WAW_AFTER_NISBA`]): a noun
/// phrase closed by an adjective is followed by its next conjunct, a word with no article
/// mostly by its own genitive or its verb's subject.
fn waw_after_word(kind: usize, prev: &str) -> i32 {
    if kind == 1 {
        WAW_BETWEEN_WORDS[1]
    } else if prev.ends_with("ية") {
        WAW_AFTER_NISBA
    } else if definite(prev) {
        WAW_AFTER_DEFINITE
    } else if prev.starts_with(['ي', 'ت', 'ن']) {
        WAW_AFTER_IMPERFECT[kind]
    } else {
        WAW_BETWEEN_WORDS[kind]
    }
}

/// What stands before a word that has no word beside it before (see [`opening`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opening {
    /// Nothing but spaces: the word starts its line.
    Line,
    /// A full stop, a question or exclamation mark.
    Stop,
    /// A comma, semicolon or colon.
    Comma,
    /// An opening quote or bracket.
    Quote,
    /// Anything else (a closing quote or bracket, a dash, a digit).
    Other,
}

/// What stands right before word `i` on its line, back to the word before it or the line's
/// start: the last character that is not a space.
fn opening(doc: &crate::core::document::Document<'_>, i: usize) -> Opening {
    let Some(w) = doc.words.get(i) else { return Opening::Other };
    let from = i.checked_sub(1).and_then(|j| doc.words.get(j)).map_or(0, |p| p.range.end);
    let before = doc.text.get(from..w.range.start).unwrap_or("");
    let on_line = before.rsplit('\n').next().unwrap_or("");
    match on_line.chars().rev().find(|c| !c.is_whitespace()) {
        None => Opening::Line,
        Some('.' | '!' | '?' | '؟') => Opening::Stop,
        Some('،' | ',' | '؛' | ';' | ':') => Opening::Comma,
        Some('«' | '(' | '"' | '“' | '[' | '\'') => Opening::Quote,
        Some(_) => Opening::Other,
    }
}

/// Evidence that rules a reading out.
const RULED_OUT: i32 = 100;
/// The weights below are likelihood ratios counted on the tune half of the evaluation corpus
/// only (`examples/planted.rs` splits it by a hash of the file name), for words where both
/// readings are words the dictionary knows: how much likelier a context is for the longer
/// reading than for the shorter, in classes (10 × log10 of the ratio, rounded towards zero).
///
/// A word with و as a conjunction (the word without it a word, and commoner) stands after
/// punctuation or at a line's start 3.7 times as often as one that could take it (5.7
/// classes). None of 2,370 follows a particle of [`NO_WAW_AFTER`] or one of the
/// [`PREPOSITIONS`], where 14% and 12% of the 28,603 words that could take و stand.
///
/// By what stands before it (counted again on the tune half, with the frequency table for the
/// dictionary: a word in و whose remainder of three letters or more the table has commoner,
/// 2,405 of them, against 17,437 words the table has with و too, and rarer), for an imperfect
/// verb, a definite word and any other word, in classes: after a full stop or a question or
/// exclamation mark 10.5, 8.3 and 9.4; after a comma, semicolon or colon 9.5, 9.3 and 6.7; at a
/// line's start 8.9, 3.3 and 8.0; right after an opening quote or bracket -4.9, -3.4 and -7.4
/// (11 of 2,405 against 424 of 17,437: taken as one weight, -6.2); after another word (and no
/// particle or preposition) -2.6, -0.5 and -2.2 (split for the verb and the other word by that
/// word: see [`WAW_AFTER_NISBA`]). After other punctuation (a closing quote, a dash, a digit)
/// -2.1, left at 0.
const WAW_AFTER_STOP: [i32; 3] = [10, 8, 9];
const WAW_AFTER_COMMA: [i32; 3] = [9, 9, 6];
const WAW_AT_LINE_START: [i32; 3] = [8, 3, 8];
const WAW_AFTER_QUOTE: i32 = -6;
/// (For the verb and the other word: after a word with no article, none of the kinds below.)
const WAW_BETWEEN_WORDS: [i32; 3] = [-2, 0, -2];
/// After another word, by that word, for a word with no article (counted again on the tune
/// half, the same way: 1,685 words in و whose remainder the table has commoner, against 11,370
/// words it has with و too, and rarer; a verb in the imperfect, then any other word): after a
/// word in ية (a nisba adjective closing its noun phrase, `الأسواق المحلية ومدارس`) 2.8 and
/// 2.8; after another definite word 1.4 and 1.4; after a word opening with ي, ت or ن (an
/// imperfect verb's letters: mostly a verb, whose subject or object follows it) -0.9 and -5.9;
/// after any other word -2.5 and -2.4 (mostly a noun whose genitive follows it, `قطاع`).
const WAW_AFTER_NISBA: i32 = 2;
const WAW_AFTER_DEFINITE: i32 = 1;
/// (The definite word's place unused: see [`waw_after_word`].)
const WAW_AFTER_IMPERFECT: [i32; 3] = [0, 0, -5];
/// An indefinite accusative in alif is a third as likely after a preposition (4.6 classes),
/// half as likely before a definite word (3.2), 2.6 times as likely before another word in
/// alif (4.2) and twice as likely before punctuation (3.1).
const ACCUSATIVE_AFTER_PREPOSITION: i32 = 4;
const ACCUSATIVE_BEFORE_DEFINITE: i32 = 3;
const ACCUSATIVE_AT_END: i32 = 3;
const ACCUSATIVE_BEFORE_ALIF: i32 = 4;
/// A definite nisba adjective is 3.3 times as likely as its noun after a definite word (5.2
/// classes), a sixth as likely after a preposition (8.0), a quarter after a noun in ة (5.9) and
/// half after another indefinite word (3.2). Counted again on the tune half with the frequency
/// table for the dictionary (573 definite words in ي whose noun without it the table has,
/// against 1,379 nouns whose nisba it has), by the definite word before it: one in ة 1.7
/// classes, a plural in ات, ين or ون 2.4, another word in ي 6.0, any other 10.1; after a
/// preposition -11.3, a noun in ة -6.5, any other indefinite word -4.8.
const NISBA_AFTER_DEFINITE: i32 = 10;
const NISBA_AFTER_DEFINITE_TAA: i32 = 1;
const NISBA_AFTER_DEFINITE_PLURAL: i32 = 2;
const NISBA_AFTER_DEFINITE_NISBA: i32 = 6;
const NISBA_AFTER_PREPOSITION: i32 = 11;
const NISBA_AFTER_TAA: i32 = 6;
const NISBA_AFTER_INDEFINITE: i32 = 4;

/// Particles and prepositions that take the next word directly: no و can start it.
const NO_WAW_AFTER: &[&str] = &[
    "أن",
    "ان",
    "إن",
    "لن",
    "لم",
    "لما",
    "قد",
    "سوف",
    "كي",
    "لكي",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "في",
    "من",
    "إلى",
    "الى",
    "على",
    "عن",
    "منذ",
    "حتى",
    "هل",
];

/// Prepositions whose object is in the genitive.
const PREPOSITIONS: &[&str] =
    &["في", "من", "إلى", "الى", "على", "عن", "مع", "بين", "عند", "منذ", "حول", "خلال", "نحو", "دون", "ضد", "عبر", "لدى"];

/// Whether a key is definite: the article after any clitics (`والمدينة`, `بالمدينة`, `للمدينة`).
fn definite(key: &str) -> bool {
    let k = key.strip_prefix(['و', 'ف']).unwrap_or(key);
    let k = k.strip_prefix(['ب', 'ك']).unwrap_or(k);
    k.starts_with("ال") || (k.starts_with("لل") && k.chars().count() >= 4)
}

#[cfg(test)]
mod tests {
    use super::{one_slip, pair_reading, shape, Shape};

    #[test]
    fn a_letter_moved_or_taken_out() {
        assert!(one_slip("يوتوقع", "ويتوقع"));
        assert!(one_slip("يوتوقع", "يتوقع"));
        assert!(one_slip("كبيار", "كبيرا"));
        assert!(one_slip("كبيار", "كبير"));
        assert!(!one_slip("كبيار", "كبرا"));
        assert!(!one_slip("كبيار", "صغير"));
        assert!(!one_slip("", "ا"));
    }

    #[test]
    fn the_reading_paired_with_the_winner() {
        assert_eq!(pair_reading("يوتوقع", "يتوقع").as_deref(), Some("ويتوقع"));
        assert_eq!(pair_reading("كبيار", "كبير").as_deref(), Some("كبيرا"));
        assert_eq!(pair_reading("الريايض", "الرياض").as_deref(), Some("الرياضي"));
        // The article and ة rule the accusative out; a reading no slip away is none.
        assert_eq!(pair_reading("الكبيار", "الكبير"), None);
        assert_eq!(pair_reading("مكتبه", "مكتبة"), None);
        // No second conjunction on a word whose و is one: `وإوذا` is no `ووإذا`.
        assert_eq!(pair_reading("وإوذا", "وإذا"), None);
    }

    #[test]
    fn what_opens_a_word() {
        use super::{opening, Opening};
        use crate::core::document::Document;
        let text = "ويتوقع أن يتوقع. يتوقع، يتوقع «يتوقع» - يتوقع\n  يتوقع";
        let doc = Document::new(text);
        // (Asked only of a word with no word beside it before: the first and from the fourth.)
        let got: Vec<Opening> = [0, 3, 4, 5, 6, 7].iter().map(|&i| opening(&doc, i)).collect();
        use Opening::*;
        assert_eq!(got, [Line, Stop, Comma, Quote, Other, Line]);
    }

    #[test]
    fn what_the_word_before_says_of_a_conjunction() {
        use super::waw_after_word;
        // (A verb in the imperfect, a definite word, any other word.)
        assert!(waw_after_word(2, "الزراعية") > 0);
        assert!(waw_after_word(2, "السنوي") > 0);
        assert!(waw_after_word(2, "حديقة") < 0);
        assert!(waw_after_word(2, "يشاهد") < waw_after_word(2, "حديقة"));
        assert_eq!(waw_after_word(0, "يشاهد"), 0);
        assert_eq!(waw_after_word(1, "حديقة"), 0);
    }

    #[test]
    fn what_the_letters_say_of_a_waw_one_place_late() {
        use super::{waw_letters, RULED_OUT};
        // After a wasl alif or إ, before a long vowel: only the swap reads the letters.
        assert_eq!(waw_letters("اوستعراض", "واستعراض"), RULED_OUT);
        assert_eq!(waw_letters("إوعداد", "وإعداد"), RULED_OUT);
        assert_eq!(waw_letters("طواولة", "وطاولة"), RULED_OUT);
        // A damma the letters may write (`أ`, a consonant): no weight; nor a و not moved.
        assert_eq!(waw_letters("أوخرى", "وأخرى"), 0);
        assert_eq!(waw_letters("جومهور", "وجمهور"), 0);
        assert_eq!(waw_letters("يوتوقع", "يتوقع"), 0);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("ويتوقع", "يتوقع").map(|s| s.0), Some(Shape::Waw));
        assert_eq!(shape("كبير", "كبيرا").map(|s| s.0), Some(Shape::Accusative));
        assert_eq!(shape("الرياضي", "الرياض").map(|s| s.0), Some(Shape::Nisba));
        assert_eq!(shape("رياضي", "رياض"), None);
        assert_eq!(shape("مدينة", "مدينتا"), None);
    }
}
