//! Two letters swapped across a clitic chain's boundary or inside the article (`املحنط` ->
//! `المحنط`, `لامنومين` -> `المنومين`, `واملحنط` -> `والمحنط`): the article's letters move
//! into or out of the stem. The word meant is one the dictionary knows, often one the
//! frequency table lacks (a rare definite form), so the corrector's ranked candidates never
//! hold it; this is its own, narrow evidence.

use crate::core::arabic;
use crate::core::lexicon::Lexicon;

/// Shortest stem (letters) after the chain: the article before a short word makes a word by
/// chance.
const MIN_STEM: usize = 4;

/// The one word `chars` (a form nobody writes, that the dictionary rejects) becomes when two
/// neighbours, at least one of them a letter of a proclitic chain ending in the article that
/// the candidate starts with, are swapped back, and the dictionary accepts that word whole —
/// Hunspell's own analysis, which puts the article on nouns only: `لاتستطيع` (لا fused to a
/// verb) is no `التستطيع`.
/// `None` when there is no such word or more than one.
pub(super) fn swap(lex: &Lexicon, chars: &[char]) -> Option<String> {
    let n = chars.len();
    let mut found: Option<String> = None;
    for i in 0..n.saturating_sub(1).min(4) {
        if chars[i] == chars[i + 1] {
            continue;
        }
        let mut v = chars.to_vec();
        v.swap(i, i + 1);
        let cand: String = v.iter().collect();
        // The swap touches a chain that ends in the article: its first letter is one of the
        // chain's. (A conjunction or a preposition alone swapped with the stem's first letter
        // makes a word of nearly any name with و or ب second, `رواسا` -> `وراسا`, `سباهي` ->
        // `بساهي`; with the story's stem as evidence still 1 finding in 4,911 bench pieces, false,
        // and 2 with the bench file as one story, for 1 planted swap.)
        let chained = arabic::PROCLITICS.iter().filter(|p| arabic::has_article(p)).any(|p| {
            i < p.chars().count() && cand.strip_prefix(p).is_some_and(|stem| stem.chars().count() >= MIN_STEM)
        });
        if !chained || super::article_doubled(&cand) || !lex.knows(&cand) {
            continue;
        }
        match &found {
            Some(other) if *other != cand => return None,
            _ => found = Some(cand),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::core::corrector::{correct, StoryForms};
    use std::path::Path;

    #[test]
    fn letters_swapped_across_the_chain_are_mended_where_the_table_lacks_the_word() {
        let lex = crate::dictionary::load(Path::new(crate::dictionary::SYSTEM_AR)).expect("hunspell-ar");
        let story = StoryForms::default();
        for (wrong, right) in [
            // the article's ل swapped with the stem's first letter, the article's own letters
            // swapped, the article's ل swapped after a conjunction
            ("املحنط", "المحنط"),
            ("لامنومين", "المنومين"),
            ("واملحنط", "والمحنط"),
        ] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
        // لا fused to a verb is no article (the dictionary puts ال on nouns only); a name
        // whose swap makes no word stays; a preposition swapped with the stem's first letter
        // is no article (names: `سباهي`)
        for w in ["لاتستطيعين", "لايعرفونها", "انلسون", "تبداولات", "سباهي"] {
            assert_eq!(correct(&lex, w, &story), None, "{w}");
        }
    }
}
