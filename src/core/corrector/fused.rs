//! Two words written as one, the space dropped after a letter that does not join the next
//! (`عقارواحد`, `قدتراجعت`, `منصوربن`): where the corrector's general split finds its parts
//! too rare or too short, the evidence it misses — a particle or a short word that only
//! stands alone, a part that is a rare inflection of a common stem, and the story writing
//! a part elsewhere.

use super::{definite, stem_class, suffixed_rank, web_rank, StoryForms, PLURAL_TAILS, SHORT_SECOND, STEM_PENALTY};
use crate::core::arabic;
use crate::core::frequency;

/// Two-letter particles, prepositions and a pronoun a fused word may start with, beside the corrector's
/// `SHORT_FIRST`, before a word that is not the article (`قدتراجعت`, `إذتبين`, `ضدقرار`): each
/// ends in a letter that does not join the next, so the dropped space does not show, and none
/// starts a word it makes by chance that the dictionary rejects. `هو` too (`هوسبب`): the names
/// it starts (`هوارد`, `هوبكنز`) leave no word after it, and after `بن` the rule keeps a name
/// whole. (Before the article, only [`SHORT_FIRST_BEFORE_ARTICLE`].)
pub(super) const SHORT_FIRST_BEFORE_WORD: &[&str] = &["قد", "إذ", "ضد", "هو"];

/// Whether `a` is `قد` (after a conjunction or لـ too), which only stands before a verb: the
/// verb after it may be rarer than a split's parts must be (see the corrector's split). So
/// may the word after لا or ما (see [`particle`]) where the split is made at all: where the
/// story writes that particle apart (see [`particle_apart`], which asks a word rarer than a
/// split's parts to be a verb in the imperfect: `لاتخلط`, `لاينقص`) and the web writes the
/// word after it (the corrector's split asks that). (A word the web does not write is no
/// such evidence: the dictionary reads too much as a verb with a clitic, `نصارهم`, `نستشر`.)
pub(super) fn verbal_particle(a: &str) -> bool {
    matches!(a, "قد" | "وقد" | "فقد" | "لقد") || particle(a)
}

/// Of those, the ones that also stand before the article: `ضد` is a preposition, and its noun
/// is most often definite (`ضدالحرب`); `هو` opens a nominal sentence whose predicate is as
/// often definite (`هوالحل`); `قد` takes a verb and `إذ` a clause.
pub(super) const SHORT_FIRST_BEFORE_ARTICLE: &[&str] = &["ضد", "هو"];

/// Whether `b`, starting with و, is the second word after one of the words of
/// [`SHORT_FIRST_BEFORE_WORD`] as it stands (`قدوقعت`, `ضدوزير`): the و is the word's own
/// letter, not a conjunction to split off (none of those words is a name's first syllable
/// before و).
pub(super) fn particle_before_waw_word(a: &str, b: &str) -> bool {
    SHORT_FIRST_BEFORE_WORD.contains(&a) && b.chars().count() >= 3
}

/// Two-letter words a fused word may end with after a first part of three letters or more,
/// beside the corrector's `SHORT_SECOND`: pronouns, `مع`, `كل`, `ما`, the passive's `تم`, and
/// `بن` of a name's chain (`القرارهو`, `كثيراما`, `منصوربن`, `كماتم`). Not `لا`: a name or a loanword ends in it
/// (`ناديلا`, `كانولا`: 2 false bench findings of 4). Not a preposition with a pronoun
/// (`له`, `به`, `لك`): a stem's last letter with a pronoun suffix reads the same (`نومله` is
/// `نؤمله` with its hamza dropped, not `نوم له`).
pub(super) const SHORT_SECOND_AFTER_WORD: &[&str] = &["ما", "بن", "هو", "هي", "مع", "كل", "تم"];

/// Second parts that are also a pronoun suffix: a word with one of them attached is an
/// inflection (`مرانهما` "their training"), not two words fused, whatever the story writes.
/// (`هو` and `هي` are never suffixes, and stay splittable: `القرارهو`.)
pub(super) const SUFFIX_PRONOUNS: &[&str] = &["ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا"];

/// How common (frequency class) a first part of three letters must be for و + a word after
/// it to be split off (`بعدوصوله`, `هذاوتابع`): an everyday word.
const WAW_SHORT_FIRST_CLASS: u8 = 45;

/// Whether a three-letter `first` is common enough for a second part starting with و (the
/// conjunction and a word) to be split off after it (see [`WAW_SHORT_FIRST_CLASS`]): a word
/// of its own (`فور`, `بلد`, whatever clitic their first letter could be), not a preposition
/// with a pronoun (`بها`, `لنا`), which a name's first syllable too often reads as.
pub(super) fn everyday_before_waw(first: &str) -> bool {
    first.chars().count() == 3
        && frequency::class(first).is_some_and(|c| c <= WAW_SHORT_FIRST_CLASS)
        && !arabic::clitic_splits(first).any(|(_, stem)| SUFFIX_PRONOUNS.contains(&stem))
}

/// Whether the story writes a part of a split elsewhere, as a word of its own (or after a
/// clitic): evidence the frequency table cannot give (`عقارواحد` in a story that writes
/// `عقار`, or a name's `منصوربن` in one that writes `منصور`). One part is enough: a story
/// writes the rare part of a fused pair (its subject) far more often than the common one,
/// which the table ranks anyway. The fused form itself counts as neither part.
pub(super) fn story_writes_a_part(first: &str, second: &str, story: &StoryForms<'_>) -> bool {
    story.at_least(first, 1) || story.at_least(second, 1)
}

/// The rank of a part of a split after a letter that does not join the next, given its rank
/// `rank` as written: at most that of the commonest stem it inflects (see [`stem_class`],
/// plus [`STEM_PENALTY`]: `وتحريرها` ranks by `تحرير`), or of the word it is with a pronoun
/// suffix the table lacks (see [`suffixed_rank`]). A form with the article ranks as written:
/// a definite word takes no pronoun (`العيدها` is no inflection of `عيد`). A second part
/// starting with و ranks by the word after it, of four letters or more, plus the same
/// penalty (not `ولين`: `لين` alone is too easily a name's syllable, `الغازولين`).
/// Either part may rank by the word after its clitics too (see [`clitic_rank`]).
pub(super) fn inflected_rank(part: &str, rank: i32, second: bool) -> i32 {
    match part.strip_prefix('و') {
        Some(rest) if second && rest.chars().count() >= 4 => {
            inflected_rank_of(rest, rank - STEM_PENALTY) + STEM_PENALTY
        }
        Some(_) if second => rank,
        _ if second => inflected_rank_of(part, rank).min(clitic_rank(part, SECOND_PART_CLITICS)),
        _ => inflected_rank_of(part, rank).min(clitic_rank(part, FIRST_PART_CLITICS)),
    }
}

/// [`inflected_rank`] of a part as it stands: its stem's, or its own with a pronoun suffix.
fn inflected_rank_of(part: &str, rank: i32) -> i32 {
    let stem = if definite(part) { rank } else { stem_class(part).map_or(rank, |c| rank.min(c + STEM_PENALTY)) };
    stem.min(suffixed_rank(part, &StoryForms::default(), STEM_PENALTY))
}

/// Proclitics a first part of a split may carry and rank by the word after them (see
/// [`clitic_rank`]): a conjunction or a preposition, or both, not a chain ending in the
/// article (`والبلاد` is `البلاد` with و, which the chains below reach too).
const FIRST_PART_CLITICS: &[&str] = &["و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"];
/// Of those, the ones a second part may carry (`التهديدبمصير`, `الجديدببذل`): a preposition
/// that is no letter of the article (`عبدالواحد` is no `عبدا` + ل + `واحد`, and a name's last
/// syllables start with ل as often: `هوليدي`).
const SECOND_PART_CLITICS: &[&str] = &["ب", "ك"];
/// How long (letters) the word after such a proclitic must be: a name's syllable after a
/// letter that reads as a clitic is short, and so are the function words it makes by chance
/// (`فلهالم` is no `ف` + `لها` + `لم`, `وعمانويل` no `و` + `عما` + `نويل`: 3 false bench
/// findings of 3 with three letters allowed).
const FIRST_PART_CLITIC_STEM: usize = 4;

/// The rank of a part of a split after a letter that does not join the next, by the word
/// after one of `clitics` (plus [`STEM_PENALTY`]), where the web writes that word: a clitic
/// makes a word rarer, not less of a word (`بمصير` 57 is `مصير` 45 with ب, `ويبتعد` 60 is
/// `يبتعد` 51 with و, `لتعود` 53 is `تعود` 39 with ل). The stem may be definite (`بالعقد`:
/// `العقد` with ب). A second part takes fewer clitics (see [`SECOND_PART_CLITICS`]): with ل
/// too, 3 false bench findings and no true one (`عبدا لواحد` twice, `يا لشباب`). Above
/// [`frequency::UNSEEN`] when there is none. (Looked up only for a split of a form nobody
/// writes, once per split: a few table lookups.)
fn clitic_rank(part: &str, clitics: &[&str]) -> i32 {
    clitics
        .iter()
        .filter_map(|p| part.strip_prefix(p))
        .filter(|stem| stem.chars().count() >= FIRST_PART_CLITIC_STEM)
        .filter_map(frequency::class)
        .map(|c| i32::from(c) + STEM_PENALTY)
        .min()
        .unwrap_or(frequency::UNSEEN as i32 + 1)
}

/// How common (frequency class) the noun under an accusative's alif must be, and how long
/// (letters), for the alif to end a word (see [`accusative`]). A noun of three letters must
/// be commoner: names' first syllables are three letters (`سام`, `رام`, `كين` in
/// `ساماريو`, `رامانوف`, `كينابري`).
const ACCUSATIVE_NOUN_CLASS: i32 = 52;
const ACCUSATIVE_NOUN_LETTERS: usize = 4;
const ACCUSATIVE_SHORT_NOUN_CLASS: i32 = 40;
/// A second part rarer than this (class) only after an everyday noun of four letters or more,
/// of at most [`ACCUSATIVE_EVERYDAY_NOUN`] (`نجاحاباهرا`; not `سانتاكورو`, `باباديرو`).
const ACCUSATIVE_RARE_SECOND: i32 = 56;
const ACCUSATIVE_EVERYDAY_NOUN: i32 = 45;
/// How long (letters) a second part the web never writes must be after an everyday noun's
/// accusative (`يوماويتخلله`, `مقالاترويحيا`): a rare inflection of a word, not a name's last
/// syllables, which are short (`باباديرو`, `كانافارو`: four letters after the alif).
const ACCUSATIVE_UNSEEN_SECOND_LETTERS: usize = 5;
/// The endings of a nisba in `اوي` after its noun (`صحراويون`, `صحراوية`): never a second
/// part after an accusative's alif.
const NISBA_AWI: &[&str] = &["وي", "وية", "ويون", "ويين", "ويا", "ويات"];
/// The clitics an accusative may carry: a conjunction, not a preposition.
const CONJUNCTIONS: &[&str] = &["و", "ف"];

/// لا after an accusative's alif (`شخصيالا`): the negation opens the next clause. Not the
/// article's alif with a word of one letter after it, and the form is no name's ending (names
/// end in `لا` after a consonant: `ناديلا`, `كانولا`), so the common noun under the alif
/// is evidence enough (see [`accusative_noun`]). (1 new bench finding, true: `وحدهالا`;
/// planted and dev unchanged.)
const ACCUSATIVE_LA: &str = "لا";

/// Whether `noun` and an alif are an indefinite noun or adjective with the alif of its
/// accusative (`نجاحا`, `واضحا`, `مقطعا`): that alif only ends a word, so a word glued after
/// it (`نجاحاباهرا`, `عددامن`) was surely split by a dropped space, as after ة. The noun
/// under the alif, alone or after a conjunction (a preposition takes no accusative:
/// `كاسماتو` is no `كاسما تو`), must be a common word (see
/// [`ACCUSATIVE_NOUN_CLASS`]) that takes the alif (not one ending in ة, ى, ء or an alif of
/// its own), and the form indefinite: the article takes no tanween. The second part must be
/// a word the web writes (or its stem: `يبقياتحاد` is no `يبقيا تحاد`) of three letters or a
/// particle (`أهلاوي`) — or, after an everyday noun, a long one the web does not write (see
/// [`ACCUSATIVE_UNSEEN_SECOND_LETTERS`]) — not starting with ل, where the alif more likely starts the article
/// (`عبدالرزاق` is no `عبدا لرزاق`), nor the ت of a feminine plural (`ومكتباتنا`) or a
/// nisba's ending (see [`NISBA_AWI`]) — save لا itself (see [`ACCUSATIVE_LA`]).
pub(super) fn accusative(noun: &str, second: &str) -> bool {
    if second == ACCUSATIVE_LA {
        return accusative_noun(noun).is_some();
    }
    if second.starts_with('ل')
        || PLURAL_TAILS.contains(&second)
        || NISBA_AWI.contains(&second)
        || !(second.chars().count() >= 3 || SHORT_SECOND.contains(&second))
        || (second.starts_with('و') && second.chars().count() < 4)
    {
        return false;
    }
    accusative_noun(noun).is_some_and(|c| match web_rank(second, STEM_PENALTY) {
        Some(second_rank) => {
            second_rank <= ACCUSATIVE_RARE_SECOND
                || (c <= ACCUSATIVE_EVERYDAY_NOUN && noun.chars().count() >= ACCUSATIVE_NOUN_LETTERS)
        }
        // (A second part the web never writes, only after an everyday noun and a long one: see
        // [`ACCUSATIVE_UNSEEN_SECOND_LETTERS`]. The dictionary must still know it. Not where the
        // alif and that part are a word the web writes, a wasl alif's most often: `يوماستثنائي`
        // is `يوم استثنائي`. Looked up only for a form nobody writes, once per form.)
        None => {
            c <= ACCUSATIVE_EVERYDAY_NOUN
                && second.chars().count() >= ACCUSATIVE_UNSEEN_SECOND_LETTERS
                && web_rank(&format!("ا{second}"), STEM_PENALTY).is_none()
        }
    })
}

/// The class of `noun` if it can carry an accusative's alif (see [`accusative`]): a common
/// word, alone or after a conjunction, not ending in a letter that takes no such alif.
fn accusative_noun(noun: &str) -> Option<i32> {
    if definite(noun) || noun.ends_with(['ا', 'ة', 'ى', 'ء', 'أ', 'إ', 'آ']) {
        return None;
    }
    std::iter::once(noun)
        .chain(arabic::clitic_splits(noun).filter(|(clitic, _)| CONJUNCTIONS.contains(clitic)).map(|(_, stem)| stem))
        .filter_map(|stem| {
            let letters = stem.chars().count();
            let most =
                if letters >= ACCUSATIVE_NOUN_LETTERS { ACCUSATIVE_NOUN_CLASS } else { ACCUSATIVE_SHORT_NOUN_CLASS };
            let class = i32::from(frequency::class(stem)?);
            (letters >= ACCUSATIVE_NOUN_LETTERS - 1 && class <= most).then_some(class)
        })
        .min()
}

/// Whether a split after an alif (`a`) before a ل (`b`) takes the article's alif for the
/// first word's last letter: `الدورالأول` is `الدور الأول`, not `الدورا لأول`. So where the
/// alif and `b` are a word the web writes (the article and a noun, of two letters or more),
/// `a` is not (`هداياللأطفال` keeps `هدايا للأطفال`), and `a` cannot be an accusative
/// (definite, a verb's `وا`, a preposition before it: see [`accusative`]), nor the vocative
/// `يا` (`يالبنان`). (An accusative keeps both readings: `يومالعمل`. So does a form the web
/// writes with the alif, unless [`ALIF_FORM_RARER`] classes rarer than without it.)
/// How many classes rarer than the word without it a form with a final alif the web writes
/// must be for the alif to be the article's all the same (`هوا` 49 beside `هو` 24; an
/// accusative is commonly five to ten classes rarer than its noun).
const ALIF_FORM_RARER: u8 = 15;

pub(super) fn article_alif_taken(a: &str, b: &str) -> bool {
    let Some(noun) = a.strip_suffix('ا') else { return false };
    if !b.starts_with('ل') || b.chars().count() < 3 || noun.chars().count() < 2 || accusative_noun(noun).is_some() {
        return false;
    }
    // (A form the web writes with the alif is a reading of its own, unless the word without it
    // is far commoner: `هوا` beside `هو`.)
    if frequency::class(a).is_some_and(|c| frequency::class(noun).is_none_or(|bare| c < bare + ALIF_FORM_RARER)) {
        return false;
    }
    let article = format!("ا{b}");
    web_rank(&article, STEM_PENALTY).is_some()
}

/// و with a pronoun or a particle that opens a clause: a second part after a first of three
/// letters or more that ends in a letter not joining the next (`أيضاوهي`, `كتبهاولم`). The
/// corrector splits off و + a word only when the word has four letters or more (names end in
/// `وان`, `ولين`); these close no name. (Not `وما`, `ولا`: `مفهوما`, `مولا`.)
pub(super) const WAW_PARTICLES: &[&str] = &["وهو", "وهي", "ولم", "ولن", "وقد", "وفي", "ومن"];

/// Pronoun suffixes that end a word on an inflection whose own ending they change (see
/// [`pronoun_on_inflection`]). Not `نا`, a stem's own ending too often (`أمانينا`).
const INFLECTION_PRONOUNS: &[&str] = &["هما", "هم", "ها", "كم"];
/// How common (frequency class, or its stem's after clitics with [`STEM_PENALTY`]) the
/// inflection under the pronoun must be.
const INFLECTION_CLASS: i32 = 58;

/// Whether `form` is an inflection with a pronoun suffix that changed its ending, so the
/// pronoun ends a word as surely as ة (`استعملوهافي`, `ينساهافي`, `معلميهافي`): a verb's plural
/// `وا` without its alif (`استعملوها`: `استعملوا`), a final ى written ا (`ينساها`: `ينسى`), a
/// plural or dual in construct without its ن (`معلميها`: `معلمين`, `ومعلموها`: `معلمون`). The
/// inflection must be a word the web writes, of three letters or more before the suffix.
pub(super) fn pronoun_on_inflection(form: &str) -> bool {
    let Some(base) = INFLECTION_PRONOUNS.iter().find_map(|suffix| form.strip_suffix(suffix)) else { return false };
    if definite(base) || base.chars().count() < 3 {
        return false;
    }
    let mut word = String::with_capacity(base.len() + 4);
    let mut written = |stem: &str, ending: char| {
        word.clear();
        word.push_str(stem);
        word.push(ending);
        web_rank(&word, STEM_PENALTY).is_some_and(|rank| rank <= INFLECTION_CLASS)
    };
    match base.chars().next_back() {
        Some('و') => written(base, 'ا') || written(base, 'ن'),
        Some('ي') => written(base, 'ن'),
        Some('ا') => base.strip_suffix('ا').is_some_and(|stem| written(stem, 'ى')),
        _ => false,
    }
}

/// How common (frequency class, as written) both parts of a fused form the web writes must be,
/// and how many classes rarer than the rarer part the form itself, for it to be weighed as
/// a form nobody writes (see [`web_slip`]).
const WEB_SLIP_PART: u8 = 46;
const WEB_SLIP_RARER: i32 = 12;

/// Function words of three letters that end in ما and start a fused form the web writes
/// (`كماجرى`, `بمافيها`): a preposition or a comparison with ما, not ما alone (a house
/// decision, see the corrector's `SHORT_FIRST`).
const MA_FIRST: &[&str] = &["كما", "بما", "مما", "عما", "فيما"];

/// Whether a form the web writes (its rank `written`) is two everyday words with the space
/// dropped, one of them a function word (`كماجرى`, `أكثرمن`): the web makes the slips writers
/// make, a thousand times more rarely than it writes the words apart. Two content words are
/// not enough: the web writes names made of them (`العيد` + a syllable, `خان` + a name) about
/// as rarely. A word of its own (`هيرمن`, `كمال`) is no pair of everyday words of two letters
/// or more, or is written about as often as its parts.
pub(super) fn web_slip(written: i32, a: &str, b: &str) -> bool {
    if !(MA_FIRST.contains(&a) || super::SHORT_SECOND.contains(&b) || super::FUNCTION_SECOND.contains(&b)) {
        return false;
    }
    let everyday = |part: &str| {
        (part.chars().count() >= 2).then(|| frequency::class(part)).flatten().filter(|&c| c <= WEB_SLIP_PART)
    };
    matches!((everyday(a), everyday(b)),
        (Some(ca), Some(cb)) if written >= i32::from(ca.max(cb)) + WEB_SLIP_RARER)
}

/// The story-count key under which every word that is لا or ما fused to a word is counted
/// (see [`particle_fused`]): no word's key holds a space.
pub(crate) const PARTICLE_FUSED: &str = "لا ما";

/// The fewest times a story writes لا (or ما) on its own before that particle fused to a word
/// once is a slip against the story's own spelling, not its writer's habit.
pub(super) const PARTICLE_APART: usize = 2;
/// ... and the fewest where the web never writes the fused form at all (it is not in the
/// frequency table, while the word after the particle is: `لاينقص`, `لايتجاوز`; not the
/// house spellings `لايمكن`, `مازال`, `لايزال`, which the web writes fused): one place that
/// writes the particle apart is then the story's own spelling against a form nobody uses.
/// Only before a verb in the imperfect (its prefix and three letters or more: `لاينقص`,
/// `مانقدمه`), which a particle precedes as a word of its own; a short word after ما is too
/// often a name's syllable (`مانور بارك`: 1 false bench finding of 7 without this).
const PARTICLE_APART_UNWRITTEN: usize = 1;

/// Whether `key` (a conjunction allowed before it) is لا or ما with the space before a word
/// dropped, by the frequency table alone: the rest is a word of three letters or more the web
/// writes, and the whole is not a word the web writes about as often (`لاحقا` is a word, not
/// لا + `حقا`). Counted story-wide so that a story whose writer fuses them (`لايمكن` beside
/// `مايبدو`) keeps its house spelling.
pub(crate) fn particle_fused(key: &str) -> bool {
    let bare = key.strip_prefix(['و', 'ف']).unwrap_or(key);
    let Some(rest) = bare.strip_prefix("لا").or_else(|| bare.strip_prefix("ما")) else { return false };
    if rest.chars().count() < 3 {
        return false;
    }
    match frequency::class(rest) {
        Some(r) if r <= PARTICLE_REST_CLASS => {
            frequency::class(key).is_none_or(|k| k > r.saturating_add(PARTICLE_WHOLE_RARER))
        }
        _ => false,
    }
}

/// The rarest the word after a fused particle may be, for [`particle_fused`].
const PARTICLE_REST_CLASS: u8 = 58;
/// How many classes rarer than its rest a fused particle's whole form must be written.
const PARTICLE_WHOLE_RARER: u8 = 6;

/// Whether `a` is لا or ما, after و or ف or not.
pub(super) fn particle(a: &str) -> bool {
    matches!(a.trim_start_matches(['و', 'ف']), "لا" | "ما")
}

/// Whether `key`, لا or ما fused to a word once, goes against the story's spelling: it
/// writes that particle on its own at least [`PARTICLE_APART`] times (or
/// [`PARTICLE_APART_UNWRITTEN`]) and fuses it to no other word (see [`PARTICLE_FUSED`]).
pub(super) fn particle_apart(key: &str, story: &StoryForms<'_>) -> bool {
    let bare = key.strip_prefix(['و', 'ف']).unwrap_or(key);
    let particle = if bare.starts_with("لا") {
        "لا"
    } else if bare.starts_with("ما") {
        "ما"
    } else {
        return false;
    };
    let own = particle_fused(key);
    let verb =
        bare[particle.len()..].starts_with(super::IMPERFECT_PREFIXES) && bare[particle.len()..].chars().count() >= 4;
    let apart = if own && verb && frequency::class(key).is_none() { PARTICLE_APART_UNWRITTEN } else { PARTICLE_APART };
    // A word after the particle rarer than a split's parts (which the corrector's split then
    // ranks as after `قد`, see [`verbal_particle`]) only where it is a verb in the imperfect
    // (see [`conjugated`]): a rarer noun or a name's syllables after لا or ما make a name
    // (`لامونت`, `مانوال`, `ماجزين`, `لابرون`: 5 false findings of 10 new on the bench pieces
    // without this, the 5 others all verbs), unless the story writes that word elsewhere.
    let rest = &bare[particle.len()..];
    let rare_rest = frequency::class(rest).is_none_or(|c| i32::from(c) > super::SPLIT_PART_CLASS);
    if rare_rest && !(verb && conjugated(rest)) && !story.at_least(rest, 1) {
        return false;
    }
    !story.at_least(key, 2) && !story.at_least(PARTICLE_FUSED, usize::from(own) + 1) && story.at_least(particle, apart)
}

/// How long (letters, its prefix counted) a word after لا or ما the table lacks must be for
/// the corrector's split to take it as a verb the web conjugates (see [`unwritten_verb`]).
/// Three letters after a prefix match another person's form the web writes too often by
/// chance: `مانستر` (`مانشستر` with a letter dropped) read as ما + `نستر` (`يستر`): 1 planted
/// miss on the tune half with four letters allowed, none gained by it.
const UNWRITTEN_VERB_LETTERS: usize = 5;

/// Whether `word`, which the frequency table lacks, is an imperfect verb by the web's use of
/// its other persons (see [`conjugated`]), long enough not to match them by chance (see
/// [`UNWRITTEN_VERB_LETTERS`]): `تكذبه`, `تتخير`, `يؤملونه` after لا or ما the story writes
/// apart. (Looked up only for a split of such a form.)
pub(super) fn unwritten_verb(word: &str) -> bool {
    word.starts_with(super::IMPERFECT_PREFIXES) && word.chars().count() >= UNWRITTEN_VERB_LETTERS && conjugated(word)
}

/// The imperfect's prefixes of another person a verb takes in its place (`يحسبون`:
/// `تحسبون`): not أ, which starts nouns of the pattern أفعل (`أوال` beside `نوال`).
const OTHER_PERSONS: &[char] = &['ي', 'ت', 'ن'];

/// Whether `word`, starting with an imperfect's prefix, is a verb by the web's own use: the
/// same stem with the prefix of another person is a form the web writes (`يفرج`: `تفرج`,
/// `تتعدى`: `يتعدى`). A name that starts with such a letter (`نوال`, `تيرون`) has no such
/// forms beside it. (Looked up only for a form of لا or ما before a word rarer than a split's
/// parts.) A plural's or dual's ending may be left off too (`ينتقدون`: `ينتقد`), and a
/// pronoun suffix with it (`تكذبه`: `يكذب`; `يؤملونه`: `تؤمل`; `يحترموه`, whose plural lost
/// its alif before the pronoun: `تحترم`), the stem before the suffix of three letters or more.
fn conjugated(word: &str) -> bool {
    conjugated_as_written(word, false)
        || super::PRONOUN_SUFFIXES
            .iter()
            .filter_map(|suffix| word.strip_suffix(suffix))
            .filter(|base| base.chars().count() >= 4)
            .any(|base| conjugated_as_written(base, true))
}

/// [`conjugated`] for `word` as it stands (`suffixed`: a pronoun suffix was taken off it, so a
/// plural's `وا` may have lost its alif).
fn conjugated_as_written(word: &str, suffixed: bool) -> bool {
    let Some(first) = word.chars().next() else { return false };
    let stem = &word[first.len_utf8()..];
    let endings: &[&str] = if suffixed { &["ون", "وا", "ان", "و"] } else { &["ون", "وا", "ان"] };
    let bare = endings.iter().find_map(|end| stem.strip_suffix(end)).filter(|b| b.chars().count() >= 2);
    let mut form = String::with_capacity(word.len());
    let mut written = |p: char, base: &str| {
        form.clear();
        form.push(p);
        form.push_str(base);
        frequency::class(&form).is_some()
    };
    OTHER_PERSONS.iter().any(|&p| (p != first && written(p, stem)) || bare.is_some_and(|base| written(p, base)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_everyday_nouns_accusative_takes_a_long_word_the_web_does_not_write() {
        // a long second part the table lacks after an everyday noun's alif; not a short one,
        // which a name's syllables make (`باب` + `ديرو`)
        assert!(frequency::class("ويتسامرون").is_none());
        assert!(accusative("أسبوع", "ويتسامرون"));
        assert!(!accusative("باب", "ديرو"));
        // لا after the alif, not a word starting with ل (the article's alif)
        assert!(accusative("شخصي", "لا"));
        assert!(!accusative("شخصي", "لواحد"));
    }

    #[test]
    fn a_first_part_ranks_by_the_word_after_its_clitic() {
        // `بمصير` by `مصير` with ب, `بالعقد` by `العقد`, as a second part too; not a second
        // part after ل, which may be the article's (`عبدا` + `لواحد`), nor a stem of three
        // letters (`فلها`: `لها` is a word by chance)
        let ba = i32::from(frequency::class("مصير").unwrap()) + STEM_PENALTY;
        assert!(frequency::class("بمصير").is_some_and(|c| i32::from(c) > ba));
        assert_eq!(inflected_rank("بمصير", 70, false), ba);
        assert_eq!(inflected_rank("بمصير", 70, true), ba);
        assert_eq!(clitic_rank("لواحد", SECOND_PART_CLITICS), frequency::UNSEEN as i32 + 1);
        assert!(inflected_rank("بالعقد", 70, false) < 70);
        assert_eq!(clitic_rank("فلها", FIRST_PART_CLITICS), frequency::UNSEEN as i32 + 1);
    }

    #[test]
    fn a_verb_in_the_imperfect_has_another_persons_form_beside_it() {
        // `يبالغ` beside `تبالغ`; `ينتقد` for `ينتقدون` without its plural's ending; a name
        // starting with ن has no `يوال` or `توال`
        assert!(conjugated("تبالغ"));
        assert!(conjugated("ينتقدون"));
        assert!(!conjugated("نوال"));
        assert!(verbal_particle("ولا") && verbal_particle("ما") && verbal_particle("قد"));
        assert!(!verbal_particle("من"));
    }

    #[test]
    fn an_unwritten_imperfect_may_carry_a_pronoun() {
        // the table lacks `تكذبه` and `يحترموه`, not `يكذب` or `تحترم` (the plural's alif lost
        // before the pronoun); a table-less form of four letters is too short to count
        assert!(frequency::class("تكذبه").is_none() && frequency::class("يحترموه").is_none());
        assert!(unwritten_verb("تكذبه"));
        assert!(unwritten_verb("يحترموه"));
        assert!(!unwritten_verb("نستر"));
        assert!(!unwritten_verb("مونته"));
    }
}
