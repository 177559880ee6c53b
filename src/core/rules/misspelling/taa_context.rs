//! Taa marbuta written as ha on an indefinite word, decided by the next word: `مدينه كبيرة`,
//! `جامعه الملك سعود`, `مباراه ودية`. Without the article a final ه may be the pronoun "his"
//! (`منطقه` "his logic", `جامعه` "its collector"), so the word is flagged only when its ة form
//! is a word far more common than the ه form, and the next word settles it: a definite noun
//! (a construct: a noun with a pronoun cannot take one) or an adjective agreeing in ة; or,
//! whatever follows, when the ة form is an everyday word overwhelmingly more common.

use crate::core::arabic;
use crate::core::frequency;
use crate::core::rules::Context;

/// How much more common (in frequency classes: 10 = ten times) the ة form must be.
const MARGIN: u8 = 10;
/// Without a neighbour that decides, the ة form must be this much more common (in classes,
/// the forms weighed through their clitics)...
const MARGIN_ALONE: i32 = 12;
/// ...and an everyday word (at least one in 30,000 words)...
const MOST_ORDINARY_ALONE: i32 = 45;
/// ...and the ه form rare on the web (fewer than one in 200,000 words: `منطقه` "his logic" is
/// written far more often)...
const RARE_HA: i32 = 53;
/// ...and the word without ه clearly rarer than the ة form: a pronoun on a common noun
/// (`مساعده` "his assistant", `مساعد` is as common as `مساعدة`) is as likely as the slip.
const MARGIN_BARE: i32 = 5;
/// A form known only through a clitic ranks as its stem plus this.
const STEM_PENALTY: i32 = 3;

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
    // An adjective takes no preposition: `بطريقة` after `تنقل عماله` ("its workers") is ب +
    // طريقة, a form rarer than its stem, not an adjective.
    let preposition = |k: &str| {
        k.strip_prefix(['ب', 'ل', 'ك']).is_some_and(|stem| {
            stem.chars().count() >= 3 && frequency::class_or_unseen(stem) < frequency::class_or_unseen(k)
        })
    };
    let indefinite_taa =
        |k: &str| k.ends_with('ة') && !k.starts_with("ال") && k.chars().count() >= 4 && !preposition(k) && lex.knows(k);
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
        return by_frequency(key).filter(|right| lex.knows_with_clitics(right)).map(|right| (0, right));
    }
    // The whole word first, then after a conjunction or preposition (never the article).
    std::iter::once(("", key)).chain(arabic::clitic_splits(key).filter(|(p, _)| !arabic::has_article(p))).find_map(
        |(prefix, stem)| {
            let base = stem.strip_suffix('ه').filter(|b| b.chars().count() >= 3)?;
            let right = format!("{base}ة");
            let taa = frequency::class(&right)?;
            let ha = frequency::class_or_unseen(stem);
            (taa.saturating_add(MARGIN) <= ha && lex.knows(&right)).then_some((prefix.len(), right))
        },
    )
}

/// The word with ة for its final ه when the ة form is an everyday word overwhelmingly more
/// common than the ه form (`هائله`, `تكلفه`, `للمساعده`): the pronoun reading is then far the
/// rarer one, whatever follows.
fn by_frequency(key: &str) -> Option<String> {
    let base = key.strip_suffix('ه').filter(|b| b.chars().count() >= 3)?;
    let right = format!("{base}ة");
    let (taa, ha, bare) = (rank(&right), rank(key), rank(base));
    (taa <= MOST_ORDINARY_ALONE && taa + MARGIN_ALONE <= ha && ha >= RARE_HA && taa + MARGIN_BARE <= bare)
        .then_some(right)
}

/// How common a form is (frequency class, lower is more common): the form itself, else its
/// stem after a clitic, ranked a little rarer.
fn rank(form: &str) -> i32 {
    frequency::class(form).map(i32::from).unwrap_or_else(|| {
        arabic::clitic_splits(form)
            .filter(|(_, stem)| stem.chars().count() >= 3)
            .filter_map(|(_, stem)| frequency::class(stem))
            .min()
            .map_or(i32::from(frequency::UNSEEN), |c| i32::from(c) + STEM_PENALTY)
    })
}
