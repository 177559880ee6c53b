//! Taa marbuta written as ha on an indefinite word, decided by the next word: `مدينه كبيرة`,
//! `جامعه الملك سعود`, `مباراه ودية`. Without the article a final ه may be the pronoun "his"
//! (`منطقه` "his logic", `جامعه` "its collector"), so the word is flagged only when its ة form
//! is a word far more common than the ه form, and the next word settles it: a definite noun
//! (a construct: a noun with a pronoun cannot take one) or an adjective agreeing in ة.

use crate::core::arabic;
use crate::core::frequency;
use crate::core::rules::Context;

/// How much more common (in frequency classes: 10 = ten times) the ة form must be.
const MARGIN: u8 = 10;

/// The correction of word `i` as (byte offset in its key where the stem starts, stem with ة).
pub fn taa_in_context(ctx: &Context<'_>, i: usize) -> Option<(usize, String)> {
    let lex = ctx.lexicon?;
    let doc = ctx.doc;
    let w = doc.words.get(i)?;
    let key = doc.key(w);
    // A vocalised final ه (`نَبتَهُ`) is the pronoun.
    let vocalised = doc.word_text(w).chars().next_back().is_some_and(arabic::is_harakah);
    if !key.ends_with('ه') || key.starts_with("ال") || vocalised {
        return None;
    }
    // The neighbour on the same line with nothing but spaces between.
    let neighbour = |j: usize| {
        let n = doc.words.get(j)?;
        let (a, b) = if j > i { (w, n) } else { (n, w) };
        let gap = doc.text.get(a.range.end..b.range.start)?;
        (n.line == w.line && gap.chars().all(char::is_whitespace)).then(|| doc.key(n))
    };
    let indefinite_taa = |k: &str| k.ends_with('ة') && !k.starts_with("ال") && k.chars().count() >= 4 && lex.knows(k);
    let next = neighbour(i + 1);
    // A definite noun, not a nisba adjective (in ي or ية), which would make the ه a pronoun:
    // `منطقه الفكري` "his intellectual logic", `مطالبه الباغية`.
    let construct = next.is_some_and(|nk| {
        nk.starts_with("ال") && nk.chars().count() >= 4 && !nk.ends_with(['ي', 'ى']) && !nk.ends_with("ية")
    });
    // An adjective agreeing in ة after it (`مدينه كبيرة`). Not the noun before it: that is
    // as often a construct with the pronoun form (`تلبية مطالبه` "meeting his demands").
    let agrees = next.is_some_and(indefinite_taa);
    if !construct && !agrees {
        return None;
    }
    // The whole word first, then after a conjunction or preposition (never the article).
    std::iter::once(("", key)).chain(arabic::clitic_splits(key).filter(|(p, _)| !arabic::has_article(p))).find_map(
        |(prefix, stem)| {
            let base = stem.strip_suffix('ه').filter(|b| b.chars().count() >= 3)?;
            let right = format!("{base}ة");
            let taa = frequency::class(&right)?;
            let ha = frequency::class_or_unseen(stem);
            (taa.saturating_add(MARGIN) <= ha && lex.knows(&right)).then(|| (prefix.len(), right))
        },
    )
}
