//! `name-variant`: one name spelled two ways in one story (`ترمب`/`ترامب`).
//! Docs: `docs/rules/name-variant.md`.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::core::arabic;
use crate::core::corrector;
use crate::core::document::{Document, Word};
use crate::core::finding::{Applicability, Edit, Finding, Fix, Severity};
use crate::core::rules::misspelling::hamza_restored;
use crate::core::rules::{Context, RuleInfo, Scope};

pub const RULE: RuleInfo = RuleInfo {
    id: "name-variant",
    default_severity: Severity::Warning,
    summary: "One name spelled two ways in one story",
    docs: include_str!("../../../docs/rules/name-variant.md"),
    check,
    scope: Scope::Story,
};

/// Shortest name form considered (in letters).
pub(crate) const MIN_LETTERS: usize = 3;
/// Names that differ by a written or unwritten long vowel or a doubled letter must be at
/// least this long (and one this short only beside a name or a non-word: see `check`).
const MIN_LETTERS_VOWEL_EDIT: usize = 4;
/// Most differences two spellings of one name may have.
const MAX_EDITS: u32 = 2;

/// How close two spellings' `regularity` may be for a tie between them to stay undecided
/// (both flagged, no safe fix): the mean log-probabilities of a letter of two spellings of
/// one name, neither written on the web, differ by less than this in about half the ties,
/// and there the less regular one is the respelling barely more often than not.
const UNDECIDED_MARGIN: f32 = 0.3;

/// How many short-vowel marks (harakat other than the shadda, which plain copy writes) a
/// word carries when its writer spelled it out letter by letter (`حَيْس`, `الأَمْلَصُ`): a
/// word so written is no careless respelling of another (the bench's vocalized words were
/// flagged beside everyday words and roots of their own: `حَيْس` beside `حيث`).
const VOCALIZED_MARKS: usize = 2;

/// The frequency classes of the commonest words (`العربي` 33, `العرب` 35, `الأحمر` 40).
const COMMON_CLASS: u8 = 40;

/// The coarse class of a letter: every letter another outlet may write for it folds to one
/// class letter (a union of the [`SAME_SOUND`] sets), so two spellings of one name share a
/// skeleton. Which pairs really are interchangeable is [`same_sound`]'s job.
fn class(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ء' | 'ؤ' | 'ئ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ط' => 'ت',
        'ق' | 'ج' | 'غ' | 'گ' | 'ک' => 'ك',
        'ص' | 'ث' => 'س',
        'ذ' | 'ظ' => 'ز',
        'ض' => 'د',
        'ڤ' => 'ف',
        'پ' => 'ب',
        _ => c,
    }
}

/// Letters outlets write for one sound, or interchange: the transliteration correspondences
/// (T, K/Q, G, S/TH, Z/DH, D, V, P), hamza seats, ة/ه and ى/ي.
const SAME_SOUND: &[&[char]] = &[
    &['ت', 'ط'],
    &['ك', 'ق', 'ک'],
    &['ج', 'غ', 'ق', 'گ'],
    &['س', 'ص', 'ث'],
    &['ز', 'ذ', 'ظ'],
    &['د', 'ض'],
    &['ف', 'ڤ'],
    &['ب', 'پ'],
    &['ا', 'أ', 'إ', 'آ', 'ٱ', 'ء', 'ؤ', 'ئ'],
    &['ؤ', 'و'],
    &['ئ', 'ي', 'ى', 'ی'],
    &['ة', 'ه'],
];

/// Whether one spelling of a name may write `b` where another writes `a`. Two seats of a
/// hamza inside a word (ؤ، ئ، ء) are not: the seat follows the vowel around the hamza, which
/// the case ending changes (`أبناؤهم` / `أبنائهم`، `شركاءها` / `شركائها`): an inflection.
fn same_sound(a: char, b: char) -> bool {
    a == b || (!(is_seat(a) && is_seat(b)) && sound_sets(a) & sound_sets(b) != 0)
}

/// The [`SAME_SOUND`] sets each letter of the Arabic block (U+0600–U+06FF) is in, one bit a
/// set, built at compile time: [`same_sound`] is asked for every pair of letters two
/// spellings compare, and scanning the sets each time was a few percent of a whole check.
const SOUND_SETS: [u16; 256] = {
    let mut table = [0u16; 256];
    let mut s = 0;
    while s < SAME_SOUND.len() {
        let set = SAME_SOUND[s];
        let mut i = 0;
        while i < set.len() {
            let c = set[i] as u32;
            assert!(c >= 0x600 && c < 0x700 && s < 16, "SAME_SOUND: Arabic letters, at most 16 sets");
            table[(c - 0x600) as usize] |= 1 << s;
            i += 1;
        }
        s += 1;
    }
    table
};

/// The [`SAME_SOUND`] sets `c` is in, as bits (none for a letter outside them).
fn sound_sets(c: char) -> u16 {
    (c as u32).checked_sub(0x600).and_then(|i| SOUND_SETS.get(i as usize)).copied().unwrap_or(0)
}

/// A hamza on a seat inside a word, or alone.
fn is_seat(c: char) -> bool {
    matches!(c, 'ؤ' | 'ئ' | 'ء')
}

fn is_long_vowel(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ي')
}

/// Letters a spelling may write or leave out: long vowels and the hamza on its own or on a
/// seat (ميكائيل / ميكايل).
fn may_drop(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ي' | 'ء' | 'ئ' | 'ؤ')
}

/// The article (with any clitics before it) that both spellings start with: not part of the
/// name, so a vowel right after it is the name's first letter, never an edit.
const ARTICLES: &[&str] = &["وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"];

/// Letters a final letter must not be for a vowel before it to be written or dropped: there
/// the vowel is a suffix (إضافة / إضافية، الأهلي / الأهلاوي، فرنسا / فرنسوا).
fn is_suffix_letter(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ي' | 'ى' | 'ة' | 'ه' | 'ء' | 'ئ' | 'ؤ')
}

/// How many edits turn `a` into `b` when only these are allowed: a letter for one of the
/// same sound, and (with `vowels`) a long vowel or hamza written or dropped, or a letter
/// written twice or once, anywhere after the name's first letter and before its last (the
/// last syllable included: بوتين / بوتن, but not before a final vowel or ة, where it is a
/// suffix). A shared article is not part of the name. `None` when something else differs,
/// or when the two differ by a vowel pattern (الحوثيون / الحوثيين، جونسون / جانسون، مليون /
/// ملاين: an inflection or another word, not a spelling), or when vowel edits are needed in
/// a name shorter than four letters or no longer than four.
fn variant_edits(a: &str, b: &str, vowels: bool) -> Option<u32> {
    edits_with(a, b, vowels, false)
}

/// [`variant_edits`], and with `before_final` a long vowel may also be written or dropped
/// just before a final vowel (`ماربيا` / `ماربا`, `شنغهاي` / `شنغهي`): for two spellings
/// neither of which stands on its own, where no suffix of a word is in question. Never
/// before a final ة or ه: `تهامية` / `تهامة` is a nisba beside its noun.
fn edits_with(a: &str, b: &str, vowels: bool, before_final: bool) -> Option<u32> {
    edits_within(a, b, vowels, before_final, u32::MAX)
}

/// The edits between a name that ends in ة and one that writes that ة as a long vowel and
/// ه (`الزعفرونة` / `الزعفرونوه`, `الزعفروناه`, `الزعفرونيه`): one edit for the ending (the vowel
/// the ة is heard with, written out), plus the variant edits between what comes before.
/// `edits_within` never writes a vowel before a final ه (there it is a suffix: `تهامية` /
/// `تهامة`), so this is asked apart, only for two spellings neither of which stands on its
/// own as a word (the written-out form never does). `None` for any other pair.
fn taa_written_long(a: &str, b: &str, cap: u32) -> Option<u32> {
    let split = |taa: &str, long: &str| -> Option<u32> {
        let stem = taa.strip_suffix('ة')?;
        let rest = long.strip_suffix('ه')?;
        let vowel = rest.chars().next_back().filter(|&c| is_long_vowel(c))?;
        let other = &rest[..rest.len() - vowel.len_utf8()];
        // (a stem of three letters or fewer is a word with a suffix more often than a name)
        if stem.chars().count() < MIN_LETTERS_VOWEL_EDIT {
            return None;
        }
        let d = if stem == other { 0 } else { edits_within(stem, other, true, false, cap.checked_sub(1)?)? };
        Some(d + 1)
    };
    split(a, b).or_else(|| split(b, a)).filter(|&d| d <= cap)
}

/// [`edits_with`] when it is at most `cap`, else `None` (more edits, or none turn `a` into
/// `b`). Only the cells of the table within `cap` of its diagonal are filled: each letter
/// written or dropped moves a path one cell off the diagonal at a cost of one, so no path
/// through another cell costs `cap` or less (a large group compares hundreds of pairs, most
/// of them far apart).
fn edits_within(a: &str, b: &str, vowels: bool, before_final: bool, cap: u32) -> Option<u32> {
    let (a, b) = match ARTICLES.iter().find(|p| a.starts_with(*p) && b.starts_with(*p)) {
        Some(p) => (&a[p.len()..], &b[p.len()..]),
        None => {
            // One name after two different articles or clitic chains (وللحوثيين /
            // والحوثيين: و + ل + ال against و + ال) is one word with another clitic, never a
            // spelling.
            fn rest(x: &str) -> Option<&str> {
                ARTICLES.iter().find_map(|p| x.strip_prefix(p))
            }
            if rest(a).is_some_and(|r| Some(r) == rest(b)) {
                return None;
            }
            // ل + the article (لل) beside the article alone: the names after them are
            // compared (للحوثثيين / الحوثيين).
            lil_pair(a, b).or_else(|| lil_pair(b, a).map(|(x, y)| (y, x))).unwrap_or((a, b))
        }
    };
    // Names are short: fixed buffers keep this free of allocation on the hot path.
    const MAX: usize = 24;
    let mut ab = ['\0'; MAX];
    let mut bb = ['\0'; MAX];
    let (mut n, mut m) = (0, 0);
    for c in a.chars() {
        *ab.get_mut(n)? = c;
        n += 1;
    }
    for c in b.chars() {
        *bb.get_mut(m)? = c;
        m += 1;
    }
    // Each letter written or dropped costs one: spellings more than `cap` letters apart in
    // length are more than `cap` edits apart, whatever the table would say (asked before
    // filling it: a tie in a large group compares every pair of its spellings).
    if n.abs_diff(m) > usize::try_from(cap).unwrap_or(usize::MAX) {
        return None;
    }
    let (a, b) = (&ab[..n], &bb[..m]);
    if vowel_pattern(a, b) || seat_inflection(a, b) || broken_plural(a, b) || broken_plural(b, a) {
        return None;
    }
    let vowels = vowels && n.min(m) >= MIN_LETTERS_VOWEL_EDIT - 1 && n.max(m) >= MIN_LETTERS_VOWEL_EDIT;
    // Whether `x[i]` may be dropped from `x` (or written into the other spelling).
    let droppable = |x: &[char], i: usize| {
        let len = x.len();
        // (a letter written twice may end the name: هاوردد / هاورد; so may a hamza after a
        // final alif: سيناء / سينا، نكورونزيزاء / نكورونزيزا)
        final_hamza(x, i)
            || (i > 0
                && i + 1 < len
                && may_drop(x[i])
                && (!(i + 2 == len && is_suffix_letter(x[len - 1]))
                    || (before_final && !matches!(x[len - 1], 'ة' | 'ه'))))
            || (i > 1 && i < len && x[i] == x[i - 1])
    };
    const INF: u32 = u32::MAX / 2;
    let mut dp = [[INF; MAX + 1]; MAX + 1];
    dp[0][0] = 0;
    let band = usize::try_from(cap).unwrap_or(usize::MAX);
    for i in 0..=n {
        for j in i.saturating_sub(band)..=m.min(i.saturating_add(band)) {
            let cur = dp[i][j];
            if cur >= INF {
                continue;
            }
            if i < n && j < m && same_sound(a[i], b[j]) {
                let cost = u32::from(a[i] != b[j]);
                dp[i + 1][j + 1] = dp[i + 1][j + 1].min(cur + cost);
            }
            if vowels && i < n && droppable(a, i) {
                dp[i + 1][j] = dp[i + 1][j].min(cur + 1);
            }
            if vowels && j < m && droppable(b, j) {
                dp[i][j + 1] = dp[i][j + 1].min(cur + 1);
            }
        }
    }
    let d = dp[n][m];
    (d < INF && d <= cap).then_some(d)
}

/// The letters of a form, sorted, and how many (`None` for a form longer than any
/// [`edits_within`] compares).
type Bag = Option<([char; BAG], usize)>;
const BAG: usize = 24;

fn letter_bag(form: &str) -> Bag {
    let mut bag = ['\0'; BAG];
    let mut n = 0;
    for c in form.chars() {
        *bag.get_mut(n)? = c;
        n += 1;
    }
    bag[..n].sort_unstable();
    Some((bag, n))
}

/// The letters of the longer of two forms that find no equal letter in the other (0 when a
/// form is too long to count): see [`edits_floor`].
fn bag_bound(a: &Bag, b: &Bag) -> usize {
    let (Some((a, n)), Some((b, m))) = (a, b) else { return 0 };
    let (a, b) = (&a[..*n], &b[..*m]);
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    a.len().max(b.len()) - common
}

/// A lower bound on the edits [`edits_within`] counts between `a` and `b` (with or without
/// vowel edits, before a final vowel or not), from their letters alone (`a_bag`, `b_bag`:
/// [`letter_bag`]): each edit pairs two different letters or writes one letter more, so the
/// longer form's letters that find no equal letter in the other each cost one. A shared
/// article adds the same letters to both, and the bound stays; ل + the article (لل) beside the
/// article alone (ال), which `edits_within` strips, adds one unpaired letter more, taken off.
fn edits_floor(a: &str, a_bag: &Bag, b: &str, b_bag: &Bag) -> usize {
    let bound = bag_bound(a_bag, b_bag);
    if bound > 0 && (lil_pair(a, b).is_some() || lil_pair(b, a).is_some()) {
        bound - 1
    } else {
        bound
    }
}

/// Whether `x[i]` is a hamza standing alone after an alif that ends the name (`ضياء`): one
/// outlet writes it, another leaves it (`ضيا`), as it writes the hamza on an alif.
fn final_hamza(x: &[char], i: usize) -> bool {
    i + 1 == x.len() && i >= MIN_LETTERS && x[i] == 'ء' && x[i - 1] == 'ا'
}

/// Whether `a` and `b` differ only by a hamza after a final alif (`ديسلفا` / `ديسلفاء`): a
/// foreign name goes without it, an Arabic one with it (`سيناء`), and the letters' regularity
/// favours the hamza whatever the name: on a tie, undecided.
fn final_hamza_pair(a: &str, b: &str) -> bool {
    let pair = |x: &str, y: &str| x.len() != y.len() && without_final_hamza(x) == y;
    pair(a, b) || pair(b, a)
}

/// `f` without a hamza standing after its final alif (`مليشاء` → `مليشا`), else `f` itself.
fn without_final_hamza(f: &str) -> &str {
    f.strip_suffix('ء').filter(|r| r.ends_with('ا')).unwrap_or(f)
}

/// The article after the preposition ل (written لل: the article's alif goes), with the
/// conjunction before it or not, and the article it stands for.
const LIL: &[(&str, &str)] = &[("لل", "ال"), ("ولل", "وال"), ("فلل", "فال")];

/// When `a` starts with ل + the article (لل) and `b` with the article alone (after the same
/// conjunction, if any): what follows each.
fn lil_pair<'a, 'b>(a: &'a str, b: &'b str) -> Option<(&'a str, &'b str)> {
    LIL.iter().find_map(|(lil, al)| Some((a.strip_prefix(lil)?, b.strip_prefix(al)?)))
}

/// Whether `a` and `b` are one name, one after ل + the article (لل) and the other after the
/// article alone (للشيلات / الشيلات).
fn same_after_article(a: &str, b: &str) -> bool {
    lil_pair(a, b).or_else(|| lil_pair(b, a)).is_some_and(|(x, y)| x == y)
}

/// A form after ل + the article (لل) written with the article alone (للالعاب -> الالعاب).
fn as_article(form: &str) -> Option<String> {
    LIL.iter().find_map(|(lil, al)| form.strip_prefix(lil).map(|rest| format!("{al}{rest}")))
}

/// The web's frequency class of a form, or of the same after the article alone when it is
/// written after ل + the article.
fn web_class(form: &str) -> Option<u8> {
    crate::core::frequency::class(form).or_else(|| as_article(form).and_then(|a| crate::core::frequency::class(&a)))
}

/// `keep` as a word written like `form` would write it: with ل + the article (لل) where
/// `form` has it and `keep` has the article alone, or the other way round (the fix for
/// `للحوثثيين` beside `الحوثيين` is `للحوثيين`).
fn written_like(form: &str, keep: &str) -> String {
    for (lil, al) in LIL {
        if let (Some(_), Some(rest)) = (form.strip_prefix(lil), keep.strip_prefix(al)) {
            return format!("{lil}{rest}");
        }
        if let (Some(_), Some(rest)) = (form.strip_prefix(al), keep.strip_prefix(lil)) {
            return format!("{al}{rest}");
        }
    }
    keep.to_string()
}

/// Whether `a` and `b` differ only by the seat of one hamza inside the word (ؤ / ئ / ء):
/// the seat follows the case vowel, so this is one word inflected (`أبناؤهم` / `أبنائهم`).
fn seat_inflection(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && {
        let mut diff = a.iter().zip(b).filter(|(x, y)| x != y);
        matches!((diff.next(), diff.next()), (Some((&x, &y)), None) if is_seat(x) && is_seat(y))
    }
}

/// Whether `plural` is the broken plural فواعل of the singular فاعل (`داعش` / `دواعش`, `شارع` /
/// `شوارع`), the article on it or not: a word made of the name (its members), not a spelling.
fn broken_plural(singular: &[char], plural: &[char]) -> bool {
    let plural = match plural {
        ['ا', 'ل', rest @ ..] => rest,
        _ => plural,
    };
    matches!((singular, plural), ([c1, 'ا', c2, c3], [p1, 'و', 'ا', p2, p3]) if c1 == p1 && c2 == p2 && c3 == p3)
}

/// Whether `a` and `b` differ by long vowels on both sides at one place at the end of the
/// name, one vowel pattern for another (الحوثيون / الحوثيين، ميشال / ميشيل): an inflection or
/// another word, not a spelling. The same vowels in another order are a spelling (هوارد /
/// هاورد), and so is a vowel for another earlier in the name (فرانسوا / فرونسوا).
fn vowel_pattern(a: &[char], b: &[char]) -> bool {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    let vowels = |x: &[char]| !x.is_empty() && x.iter().all(|&c| is_long_vowel(c));
    let sorted = |x: &[char]| {
        let mut v = x.to_vec();
        v.sort_unstable();
        v
    };
    suf <= 1 && vowels(a) && vowels(b) && sorted(a) != sorted(b)
}

/// Whether the misspelling rule flags this spelling itself, so a second finding would only
/// repeat it: a known misspelling or hamzat al-wasl written as qat' (الإتحاد / الاتحاد), or a
/// definite word whose ه is the taa marbuta of the kept spelling (البورصه / البورصة), when
/// that spelling is a dictionary word (or there is no dictionary to ask) (`الحوكمه` beside `الحوكمة`, a word Hunspell does not
/// know, is left to this rule: the misspelling rule has no word to mend it to).
fn misspelling_mends<T: Words>(
    ctx: &Context<'_>,
    words: &T,
    spelling: &Spelling<'_, T::Id>,
    keep: &str,
    keep_is_word: bool,
) -> bool {
    // (whether it is definite asked last: it reads every occurrence)
    let definite = || {
        spelling.form.starts_with("ال")
            || arabic::clitic_splits(spelling.form).any(|(p, _)| arabic::has_article(p))
            || spelling.at.iter().any(|&(w, at)| words.key(w).get(..at).is_some_and(arabic::has_article))
    };
    let taa = spelling.form.strip_suffix('ه').is_some_and(|base| keep.strip_suffix('ة') == Some(base));
    (taa && keep_is_word && definite())
        || spelling
            .at
            .iter()
            .take(1)
            .any(|&(w, _)| crate::core::rules::misspelling::known(ctx, words.key(w), false).is_some())
}

/// The hash of the consonant skeleton (letters folded to their class, long vowels and hamza
/// after the first letter dropped, a letter written twice counted once), computed without
/// building it. Two spellings of one name share it.
pub(crate) fn skeleton_hash(form: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let mut last = None;
    // ل + the article is written لل: the name after it is the one after ال (للحوثيين /
    // الحوثيين), so the two share a skeleton.
    let (lead, rest) = match form.strip_prefix("لل") {
        Some(rest) => ("ال", rest),
        None => ("", form),
    };
    for (i, c) in lead.chars().chain(rest.chars()).map(class).enumerate() {
        if i > 0 && (is_long_vowel(c) || Some(c) == last) {
            continue;
        }
        h.write_u32(c as u32);
        last = Some(c);
    }
    h.finish()
}

/// A distinct spelling in the story: where its name part starts in the key, how often and
/// where it occurs.
pub(crate) struct Spelling<'d, W = usize> {
    /// The name form (the whole word, or the word after a clitic).
    pub(crate) form: &'d str,
    pub(crate) skeleton: u64,
    /// Words where the form occurs (in text order), each with the byte offset of the form in
    /// the key.
    pub(crate) at: Vec<(W, usize)>,
}

/// What deciding a group reads of the words of the text: a [`Document`]'s words in a full
/// check, the incremental engine's per-line records after an edit. Word ids are ordered as
/// the words are in the text.
pub(crate) trait Words {
    type Id: Copy + Ord;
    /// The word's lookup key.
    fn key(&self, w: Self::Id) -> &str;
    /// The key of the word before (`after`: after) `w` on its line, if any.
    fn neighbour(&self, w: Self::Id, after: bool) -> Option<&str>;
    /// The word as written, and where it starts in the text.
    fn written(&self, w: Self::Id) -> (&str, usize);
}

impl Words for Document<'_> {
    type Id = usize;

    fn key(&self, w: usize) -> &str {
        self.words.get(w).map_or("", |w| Document::key(self, w))
    }

    fn neighbour(&self, w: usize, after: bool) -> Option<&str> {
        let line = self.words.get(w)?.line;
        let n = if after { w.checked_add(1) } else { w.checked_sub(1) }?;
        self.words.get(n).filter(|n| n.line == line).map(|n| Document::key(self, n))
    }

    fn written(&self, w: usize) -> (&str, usize) {
        self.words.get(w).map_or(("", 0), |w| (self.word_text(w), w.range.start))
    }
}

/// The distinct whole words that may be names, in order of first occurrence: (key, how many
/// words, the first word's index).
type Wholes<'d> = Vec<(&'d str, usize, usize)>;

/// A form id's whole (index into [`Wholes`]) not yet seen, or a form that may be no name.
const UNSEEN: u32 = u32::MAX;
const NO_NAME: u32 = u32::MAX - 1;

/// Whether a word's key is long enough and all letters, so that it may be a name.
pub(crate) fn may_be_name(key: &str) -> bool {
    key.len() >= 2 * MIN_LETTERS && key.chars().all(arabic::is_arabic_letter)
}

/// Step 1: distinct whole words by the document's form ids (each distinct key is looked at
/// once), counted, with the whole of each form id ([`UNSEEN`] or [`NO_NAME`] for none), the
/// skeleton of each whole, and how many words have each skeleton. Where each word occurs is
/// gathered only for the spellings of candidate groups (step 3): most spellings are alone in
/// their skeleton, and their words were most of a long document's.
fn collect<'d>(doc: &'d Document<'_>) -> (Wholes<'d>, Vec<u32>, Vec<u64>, FxHashMap<u64, usize>) {
    let mut whole_ids: Vec<u32> = vec![UNSEEN; doc.form_count()];
    let mut wholes: Wholes<'d> = Vec::new();
    for (i, w) in doc.words.iter().enumerate() {
        let Some(slot) = whole_ids.get_mut(w.form as usize) else { continue };
        if *slot == UNSEEN {
            let key = doc.key(w);
            if may_be_name(key) {
                wholes.push((key, 0, i));
                *slot = (wholes.len() - 1) as u32;
            } else {
                *slot = NO_NAME;
            }
        }
        if let Some(whole) = wholes.get_mut(*slot as usize) {
            whole.1 += 1;
        }
    }
    let mut whole_skeletons: FxHashMap<u64, usize> = FxHashMap::default();
    let skeletons: Vec<u64> = wholes.iter().map(|(k, _, _)| skeleton_hash(k)).collect();
    for (sk, (_, count, _)) in skeletons.iter().zip(&wholes) {
        *whole_skeletons.entry(*sk).or_default() += count;
    }
    (wholes, whole_ids, skeletons, whole_skeletons)
}

/// Step 2: a whole word's name form: the word itself, or, when only the rest after a clitic
/// matches another word, that rest (ولأردوجان -> أردوجان), or, when nothing matches, a
/// definite word from its article on (بالكرملين -> الكرملين: see [`article_chain`]): (byte
/// offset of the form in the key, the form, its skeleton). `whole_skeletons` tells how many whole words of the story
/// have a skeleton.
pub(crate) fn name_form(key: &str, sk: u64, whole_skeletons: impl Fn(u64) -> usize) -> (usize, &str, u64) {
    let letters = |s: &str| s.chars().count();
    // (a word after ل + the article is read whole, as the same after the article alone: see
    // `skeleton_hash`; its stem without the article is not compared with bare words)
    if key.starts_with("لل") {
        return (0, key, sk);
    }
    if whole_skeletons(sk) >= 2 {
        // A word the story writes twice or more after a clitic is read whole (كريم is no ك +
        // ريم), unless a stem of five letters or more after a chain without the article has the
        // skeleton of a word the story writes alone: a name written mostly after و
        // (`وكوفالينكو` twice) then meets its bare respelling (`كوفالنكو`), as one written once
        // after a clitic does. Not a word the web writes whole whose stem it does not write
        // (`فترة` is no ف + `ترة`), nor a stem cut after the article (the article stays with its
        // word: وال + X is never split there). A stem that opens with the article after و
        // (`و` + `البيرولا`) is split as one that opens with أل is (`و` + `ألبيرولا`): the seat of
        // a first alif is no reason to read two spellings of one name apart, and deciding it per
        // spelling left `والX` whole beside `وألX` split, in two groups never compared. A stem of
        // four letters stays in its whole word (`والتي`): a short name is held to one difference
        // and no word beside it, so `لداعش` twice is compared with `لدعش` whole, as the two words
        // they are.
        let web = crate::core::frequency::class;
        return arabic::clitic_splits(key)
            .filter(|(p, stem)| {
                !arabic::has_article(p)
                    && letters(stem) > MIN_LETTERS_VOWEL_EDIT
                    && (web(key).is_none() || web(stem).is_some())
            })
            .map(|(p, stem)| (p.len(), stem, skeleton_hash(stem)))
            .find(|(_, _, stem_sk)| whole_skeletons(*stem_sk) > 0)
            .unwrap_or((0, key, sk));
    }
    // A word written once is split where its stem has the skeleton of a word the story writes
    // whole, unless the web writes the word whole more often than its stem (a lower class: see
    // `frequency::class`), or never the stem: then it is a word of its own, not a clitic on a
    // name, whose clitic the web writes less often than the bare name (`وأحمد` 48 beside
    // `أحمد` 34). `لقاء` is no ل + `قاء` beside `جاء`, `فترة` no ف + `ترة`, `وفاة` no و + `فاة`
    // beside `فئة`, `الذين` no ال + `ذين` beside `زين`, `كامل` no ك + `امل` beside `أمل` (the
    // bench's pieces flagged such stems of everyday words as names' spellings). (The table is
    // asked only of a word whose stem matches: hash probes, no dictionary walk.)
    let web = crate::core::frequency::class;
    let whole_word = std::cell::OnceCell::new();
    let whole_class = || *whole_word.get_or_init(|| web(key));
    arabic::clitic_splits(key)
        .filter(|(_, stem)| letters(stem) >= MIN_LETTERS)
        .map(|(p, stem)| (p.len(), stem, skeleton_hash(stem)))
        .find(|(_, stem, stem_sk)| {
            whole_skeletons(*stem_sk) > 0
                && whole_class().is_none_or(|whole| web(stem).is_some_and(|stem| stem <= whole))
        })
        .unwrap_or_else(|| {
            // A definite word after a clitic that nothing else matches (والكرملين، بالكرملين،
            // وللكرملين) is read from its article on (الكرملين، للكرملين): a name only ever
            // written after two different clitic chains is then one spelling, and a respelling
            // of it meets it in one group (`بالكرملين` beside `والكريملين`).
            match article_chain(key) {
                Some(at) => (at, &key[at..], skeleton_hash(&key[at..])),
                None => (0, key, sk),
            }
        })
}

/// Where the article (ال, or لل after ل) starts in a word that has a clitic before it
/// (والكرملين، بالكرملين، وللكرملين), when at least [`MIN_LETTERS`] letters follow it.
pub(crate) fn article_chain(key: &str) -> Option<usize> {
    arabic::clitic_splits(key)
        .find(|(p, stem)| p.len() > "ال".len() && arabic::has_article(p) && stem.chars().count() >= MIN_LETTERS)
        .map(|(p, _)| p.len() - "ال".len())
}

/// Step 2: the story's spellings: each whole word's name form (its occurrences not yet
/// gathered: see [`occurrences`]), with each spelling's first word, and each whole's spelling
/// and the byte offset of the form in its key.
#[allow(clippy::type_complexity)]
fn spellings<'d>(
    wholes: &Wholes<'d>,
    skeletons: &[u64],
    whole_skeletons: &FxHashMap<u64, usize>,
) -> (Vec<Spelling<'d>>, Vec<usize>, Vec<(u32, usize)>) {
    let mut form_ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut spellings: Vec<Spelling<'_>> = Vec::new();
    let mut firsts: Vec<usize> = Vec::new();
    let mut of_whole: Vec<(u32, usize)> = Vec::with_capacity(wholes.len());
    for (&(key, _, first), &sk) in wholes.iter().zip(skeletons) {
        let (at, form, sk) = name_form(key, sk, |s| whole_skeletons.get(&s).copied().unwrap_or(0));
        let id = *form_ids.entry(form).or_insert_with(|| {
            spellings.push(Spelling { form, skeleton: sk, at: Vec::new() });
            firsts.push(first);
            spellings.len() - 1
        });
        firsts[id] = firsts[id].min(first);
        of_whole.push((id as u32, at));
    }
    (spellings, firsts, of_whole)
}

/// Step 3, last: where the spellings of the candidate `groups` occur, in text order (the
/// others stay empty: no group decides them).
fn occurrences(
    doc: &Document<'_>,
    wholes: &Wholes<'_>,
    whole_ids: &[u32],
    of_whole: &[(u32, usize)],
    spellings: &mut [Spelling<'_>],
    groups: &[Vec<usize>],
) {
    let mut wanted = vec![false; spellings.len()];
    for &id in groups.iter().flatten() {
        wanted[id] = true;
    }
    // (each list allocated once, at its size: a frequent word's runs to thousands)
    let mut sizes = vec![0; spellings.len()];
    for (&(_, count, _), &(id, _)) in wholes.iter().zip(of_whole) {
        if wanted[id as usize] {
            sizes[id as usize] += count;
        }
    }
    for (s, &n) in spellings.iter_mut().zip(&sizes) {
        s.at.reserve_exact(n);
    }
    for (i, w) in doc.words.iter().enumerate() {
        let Some(&whole) = whole_ids.get(w.form as usize) else { continue };
        let Some(&(id, at)) = of_whole.get(whole as usize) else { continue };
        if wanted[id as usize] {
            spellings[id as usize].at.push((i, at));
        }
    }
}

/// Whether a skeleton group of spellings is a candidate: two spellings, or a house spelling.
pub(crate) fn is_candidate<W>(data: &crate::core::data::Data, spellings: &[Spelling<'_, W>], group: &[usize]) -> bool {
    let house_names = !data.house_names.is_empty();
    group.len() > 1 || (house_names && data.house_names.contains_key(&arabic::fold(spellings[group[0]].form)))
}

/// Step 3: spellings grouped by skeleton: a group with two spellings (or a house spelling) is a
/// candidate. Each group in order of first occurrence, the groups by their first.
/// (`firsts`: each spelling's first word.)
fn groups(data: &crate::core::data::Data, spellings: &[Spelling<'_>], firsts: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (id, s) in spellings.iter().enumerate() {
        groups.entry(s.skeleton).or_default().push(id);
    }
    let mut group_list: Vec<Vec<usize>> = groups.into_values().filter(|g| is_candidate(data, spellings, g)).collect();
    for g in &mut group_list {
        g.sort_by_key(|&id| firsts[id]);
    }
    group_list.sort_by_key(|g| firsts[g[0]]);
    group_list
}

/// A spelling's occurrences counted by the slot keys of the words beside them (see
/// `name_slot` in [`decide`]): by the word before, and by the words before and after.
#[derive(Default)]
struct SlotCounts {
    before: FxHashMap<(bool, String), u32>,
    around: FxHashMap<((bool, String), (bool, String)), u32>,
}

/// Dictionary verdicts on forms, kept for one check (or, by the incremental engine, across
/// checks: the dictionary does not change).
pub(crate) type KnownCache = std::cell::RefCell<FxHashMap<String, bool>>;

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let (wholes, whole_ids, skeletons, whole_skeletons) = collect(ctx.doc);
    let (mut spellings, firsts, of_whole) = spellings(&wholes, &skeletons, &whole_skeletons);
    let groups = groups(ctx.data, &spellings, &firsts);
    occurrences(ctx.doc, &wholes, &whole_ids, &of_whole, &mut spellings, &groups);
    let known_cache = KnownCache::default();
    // The story's hamza style and how it writes its compounds, read once and only when a tie
    // needs them.
    let hamza = std::cell::OnceCell::new();
    let hamza = || *hamza.get_or_init(|| story_writes_hamza(ctx.doc));
    for group in groups {
        decide(ctx, ctx.doc, &spellings, group, &known_cache, &hamza, out);
    }
    let style = std::cell::OnceCell::new();
    compounds(ctx, &|| *style.get_or_init(|| story_compounds(ctx.doc)), out);
}

/// Step 4: decide one candidate group (`group`: indices into `spellings`, in order of first
/// occurrence): which spellings are variants of which, and their findings. It reads the words
/// through `words` only (`ctx.doc` is not read), and of the story as a whole only its hamza
/// style (`hamza`: [`story_writes_hamza`]), called only when the group's spellings differ by
/// hamza alone.
pub(crate) fn decide<T: Words>(
    ctx: &Context<'_>,
    words: &T,
    spellings: &[Spelling<'_, T::Id>],
    group: Vec<usize>,
    known_cache: &KnownCache,
    hamza: &dyn Fn() -> Option<bool>,
    out: &mut Vec<Finding>,
) {
    let data = ctx.data;
    let letters = |s: &str| s.chars().count();

    let known = |form: &str| -> bool {
        let Some(lex) = ctx.lexicon else { return false };
        if let Some(&k) = known_cache.borrow().get(form) {
            return k;
        }
        // The dictionary reads clitics itself (والحكومة); its stems alone are too lenient
        // (صوبر، كطيف pass), so a name after a stripped article would read as a word.
        let k = lex.knows(form);
        known_cache.borrow_mut().insert(form.to_string(), k);
        k
    };
    // A spelling its writer vocalized at every occurrence (see `VOCALIZED_MARKS`) is no
    // careless respelling: it is never flagged, though it may be the spelling kept (`مَرْجة`
    // beside `مرجه`). (Its occurrences are read until the first that is not: for nearly all
    // spellings, the first one.)
    let vocalized = |s: &Spelling<'_, T::Id>| {
        !s.at.is_empty()
            && s.at.iter().all(|&(w, _)| {
                let marks = words.written(w).0.chars().filter(|&c| arabic::is_harakah(c) && c != '\u{0651}');
                marks.count() >= VOCALIZED_MARKS
            })
    };
    // A spelling in ه that God's name follows at every occurrence is a prayer's verb with its
    // pronoun (`رحمه الله`, `حفظه الله`, `يرحمه الله`), not a name nor `رحمة`'s respelling.
    let prayer = |s: &Spelling<'_, T::Id>| {
        s.form.ends_with('ه') && !s.at.is_empty() && s.at.iter().all(|&(w, _)| words.neighbour(w, true) == Some("الله"))
    };
    // (by the folded key, borrowed where the form is its own: no String per question)
    let ordinary = |form: &str| data.allowed.contains(form) || data.function_words.contains(&*arabic::fold_cow(form));
    let given = |f: &str| data.given_names.contains(&*arabic::fold_cow(f));
    // A dictionary word as written, or once the hamza its first alif lost is restored (the
    // desk's hamza style decides الاشكال / الأشكال, not this rule).
    // (a name after ل + the article is read as the same after the article alone: the
    // dictionary and the web read `الالعاب` as `الألعاب` more readily than `للالعاب`)
    let word = |f: &str| {
        // (a hamza restored on the alif of a word that opens with ال is a word only when
        // the web writes it too: the dictionary reads `ألنمص` as أ + ل + نمص, a question,
        // so every definite name would stand; `ألعاب`, `إليك` and `ألفي` are written words)
        let restored =
            |f: &str, r: &str| known(r) && (!f.starts_with("ال") || r.starts_with('ا') || web_class(r).is_some());
        let read = |f: &str| known(f) || hamza_restored(f).any(|r| restored(f, &r));
        read(f) || as_article(f).is_some_and(|a| read(&a))
    };
    // A spelling that stands on its own: a given name, a dictionary word or a word of the
    // desk's. Two of them are two people or two words (سلمان / سليمان، الحوثيون / الحوثيين).
    let standing = |f: &str| given(f) || ordinary(f) || word(f);
    // Words next to a spelling's occurrences (same line): `سيرغي لافروف` and `سيرجي لافروف`
    // share `لافروف`, which tells a name from an inflected verb (سيرجي = سـ + يرجي, a word
    // the dictionary knows). A set, so that comparing two spellings' neighbours stays linear
    // in their occurrences.
    // Counted by side (before, after), so that a word that merely turns up somewhere beside
    // a spelling used hundreds of times in a long document (وأن ×577) is no shared name: see
    // `shared_name` below.
    let neighbours = |s: &Spelling<'_, T::Id>| -> FxHashMap<(bool, &str), u32> {
        let mut out = FxHashMap::default();
        for &(wi, _) in &s.at {
            for after in [false, true] {
                if let Some(n) = words.neighbour(wi, after) {
                    *out.entry((after, n)).or_default() += 1;
                }
            }
        }
        out
    };
    let vowels = ctx.lexicon.is_some();
    // A word of content beside an occurrence (three letters or more, all letters, no function
    // word, after و or ف or not; of the list's words, one of five letters or more: a title or
    // a noun of place, `السيد`, `مدينة`): a neighbour two spellings may share as one name's do.
    let content = |n: &str| {
        let function = |f: &str| data.function_words.contains(&*arabic::fold_cow(f));
        let bare = n.strip_prefix(['و', 'ف']).filter(|r| letters(r) >= 2);
        letters(n) >= MIN_LETTERS
            && n.chars().all(arabic::is_arabic_letter)
            && ((!function(n) && !bare.is_some_and(function)) || letters(n) >= 5)
            && hamza_tell(n).is_none()
    };
    // A word that ties a name to the next (`بن`, `آل`, `أبو`: shorter than a word of content
    // and listed as a function word, but met beside names only), and a name's own context: a
    // given name or such a word beside it.
    let link = |n: &str| NAME_LINKS.contains(&&*arabic::fold_cow(n));
    let name_context = |n: &str| link(n) || given(n);
    // Whether `a`, a spelling used once or twice, shares its context with `b`: an occurrence
    // of `a` has on one side (same line) the word of content that occurrences of `b` have on
    // that side at least an eighth of the times `b` is written (`محمد المطري` beside `محمد
    // المطيري`, `مدينة ازمت التركية` beside `مدينة ازميت التركية`). The context that tells a
    // name respelled into a dictionary word from a word that merely shares a skeleton with a
    // name (`موسم القطف` beside `محافظة القطيف`).
    // (and only when the web does not write the word more often than the name: `توعية` beside
    // the adjective `توعوية`, `الفيديو` beside the slip `الفديو` are words in their own right;
    // nor when the two differ by hamza alone, which the story's hamza style decides)
    // (A seat inside the word, `ذي دايلي مائل` beside `ذي دايلي مايل`, was tried as no style:
    // names_eval gained one to three plants a seed, but the misspelling rule mends the name's
    // other occurrence to the word the story now writes, `مايل` -> `مائل`, so the two rules'
    // fixes contradicted each other.)
    // (`b`'s neighbours gathered once per spelling and group, on first need: a frequent
    // spelling's occurrences run to thousands, and every rarer spelling of its group asks.)
    let gathered: std::cell::RefCell<FxHashMap<usize, std::rc::Rc<FxHashMap<(bool, &str), u32>>>> = Default::default();
    let neighbours_of = |id: usize| {
        let before = gathered.borrow().get(&id).cloned();
        before.unwrap_or_else(|| {
            let counts = std::rc::Rc::new(spellings.get(id).map(&neighbours).unwrap_or_default());
            gathered.borrow_mut().insert(id, counts.clone());
            counts
        })
    };
    // A neighbour that is itself nobody's word (no word of the desk's, none the dictionary
    // reads): a name, beside which the two sit as one name's spellings do (`ذي دايلي مايل` /
    // `ذي دايلي ميل`), whatever the web's counts of the two (asked last: it asks the dictionary).
    // Not for a final ة or ى written ه or ي: an everyday word's slip after a name (`ازميت
    // التركية` / `ازميت التركيه`), which the web's counts rightly decide.
    let no_word = |n: &str| !ordinary(n) && !given(n) && !word(n);
    let shares_context = |a: &Spelling<'_, T::Id>, b_id: usize| -> bool {
        let Some(b) = spellings.get(b_id) else { return false };
        let not_rarer = match (web_class(a.form), web_class(b.form)) {
            (None, _) => true,
            (Some(wa), Some(wb)) => wb <= wa,
            (Some(_), None) => false,
        };
        // (beside a given name or a link word, `كريم قسم` beside `كريم قاسم`, `آل شرم` beside
        // `آل شريم`, the word sits in a name's slot: the web's counts do not tell there)
        let slip = final_taa(a.form, b.form) || final_ya(a.form, b.form);
        a.at.len() <= 2
            && !a.form.chars().map(bare_seat).eq(b.form.chars().map(bare_seat))
            && a.at.iter().any(|&(wa, _)| {
                [false, true].into_iter().any(|after| {
                    let Some(n) = words.neighbour(wa, after).filter(|n| content(n) || link(n)) else {
                        return false;
                    };
                    let c = neighbours_of(b_id).get(&(after, n)).map_or(0, |&c| c as usize);
                    c > 0 && 8 * c >= b.at.len() && (not_rarer || name_context(n) || (!slip && no_word(n)))
                })
            })
    };
    // Whether an occurrence of `a` sits in the slot of a name where occurrences of `b` sit (at
    // least an eighth of the times `b` is written): after the same title, given name or link
    // word (`كريم قاسم` / `كريم قسم`); with `both`, between the same words on both sides, a
    // title or a link word on one of them and a word of content or a name on the other
    // (`الأمير بدر بن` / `الأمير بدار بن`, `الدكتور أيمن الخضراء` / `الدكتور أمن الخضراء`).
    // What tells a name respelled into a word when the name itself is a word or a given name
    // (see `in_slot` below). (A link word after, `بن`, follows any first name; and a given name
    // that is an everyday word too, `سلامة تصميم` / `سلامة تصاميم`, is no slot of its own for
    // two words.)
    let slot_word = |n: &str| given(n) || link(n) || person_title(n).is_some();
    let title_or_link = |n: &str| link(n) || person_title(n).is_some();
    // Two neighbours are one slot word when they fold alike or are one title (`الدكتور` /
    // `والدكتور`): exactly when their `slot_key`s are equal, for a title is a function of the
    // folded word. So `b`'s occurrences are counted once by the keys of the words beside them
    // (`slots_of`, once per spelling and group), and each occurrence of `a` looks its own keys
    // up: no comparison of every occurrence of `a` with every one of `b`, folding both each
    // time (a kept spelling's occurrences run to thousands in a long document).
    let slot_key = |n: &str| -> (bool, String) {
        match person_title(n) {
            Some(t) => (true, t),
            None => (false, arabic::fold(n)),
        }
    };
    let slot_counts: std::cell::RefCell<FxHashMap<usize, std::rc::Rc<SlotCounts>>> = Default::default();
    let slots_of = |id: usize| {
        let before = slot_counts.borrow().get(&id).cloned();
        before.unwrap_or_else(|| {
            // (counted by the words as they are first, then by their keys: a frequent spelling's
            // thousands of occurrences have far fewer distinct neighbours)
            let mut before: FxHashMap<&str, u32> = FxHashMap::default();
            let mut around: FxHashMap<(&str, &str), u32> = FxHashMap::default();
            for &(wb, _) in spellings.get(id).map_or(&[][..], |b| &b.at[..]) {
                let Some(pb) = words.neighbour(wb, false) else { continue };
                if let Some(nb) = words.neighbour(wb, true) {
                    *around.entry((pb, nb)).or_default() += 1;
                }
                *before.entry(pb).or_default() += 1;
            }
            let mut keys: FxHashMap<&str, (bool, String)> = FxHashMap::default();
            for &n in before.keys().chain(around.keys().map(|(_, n)| n)) {
                keys.entry(n).or_insert_with(|| slot_key(n));
            }
            let key = |n: &str| keys.get(n).cloned().unwrap_or_else(|| slot_key(n));
            let mut counts = SlotCounts::default();
            for (pb, c) in before {
                *counts.before.entry(key(pb)).or_default() += c;
            }
            for ((pb, nb), c) in around {
                *counts.around.entry((key(pb), key(nb))).or_default() += c;
            }
            let counts = std::rc::Rc::new(counts);
            slot_counts.borrow_mut().insert(id, counts.clone());
            counts
        })
    };
    let name_slot = |a: &Spelling<'_, T::Id>, b_id: usize, both: bool| -> bool {
        let Some(b) = spellings.get(b_id) else { return false };
        a.at.iter().any(|&(wa, _)| {
            let (pa, na) = (words.neighbour(wa, false), words.neighbour(wa, true));
            let matching = if !both {
                match pa.filter(|&p| slot_word(p)) {
                    Some(p) => slots_of(b_id).before.get(&slot_key(p)).copied().unwrap_or(0),
                    None => 0,
                }
            } else {
                let other = |n: Option<&str>| n.is_some_and(|n| slot_word(n) || content(n));
                match (pa, na) {
                    (Some(p), Some(n)) if (title_or_link(p) || title_or_link(n)) && other(pa) && other(na) => {
                        slots_of(b_id).around.get(&(slot_key(p), slot_key(n))).copied().unwrap_or(0)
                    }
                    _ => 0,
                }
            } as usize;
            matching > 0 && 8 * matching >= b.at.len()
        })
    };
    let house = (!data.house_names.is_empty())
        .then(|| group.iter().find_map(|&id| data.house_names.get(&*arabic::fold_cow(spellings[id].form)).cloned()))
        .flatten();
    // The spellings from the one most likely kept to the least: the most frequent in the
    // story; on a tie one that stands on its own (a name or a word), then one the web
    // writes (the frequency table: `كلينتون` beside `كلنتون`), the more often the better,
    // then the earliest (a story introduces a name in full first). `group` is in order of
    // first occurrence and the sort is stable.
    let mut order: Vec<usize> = group.clone();
    // Whether the top two spellings tie and nothing but letter statistics tells them apart
    // (see `undecided` below): then both are flagged, with fixes `--fix` does not apply.
    let mut undecided = false;
    // Whether the spelling at each place of `order` was ranked below a spelling it ties with
    // as a word read into a name (see `demoted` below): then it is that name's variant.
    let mut lowered: Vec<bool> = vec![false; group.len()];
    if house.is_none() {
        // Spellings that differ by hamza alone (`إليسا` / `اليسا`): the story's own hamza
        // style decides (see `story_writes_hamza`) before the dictionary (which reads either
        // once a hamza is restored) and the web (which writes hamza loosely); with no style
        // they score alike (an undecided tie: see `undecided`). (Decided for the whole group, so that the
        // order stays total.) The style is the hamza of an initial alif only (that is what the
        // story's function words tell): a seat inside the name (`حسومإت`، `دلئم`، `اسطنبؤل`)
        // is no house style, and the letter statistics with the seats decide it (see
        // `seat_regularity`).
        let first = spellings[group[0]].form;
        let hamza_only =
            group.iter().all(|&id| spellings[id].form.chars().map(bare_seat).eq(first.chars().map(bare_seat)));
        // (as written: Hunspell reads a hamza restored on almost any stem, `أرانتي`)
        let stem_stands = |stem: &str| given(stem) || ordinary(stem) || known(stem) || web_class(stem).is_some();
        let inner_seat =
            hamza_only && group.iter().any(|&id| !initial_hamza_only(first, spellings[id].form, &stem_stands));
        let style = if hamza_only && !inner_seat { hamza() } else { None };
        // Each spelling ranked by (count, hamza, stands, web), by its place in `group`: the
        // count and the hamza for all, whether it stands and the web's class only when a tie
        // asks (most spellings of a large group differ in count, and those two are the
        // dictionary's and the table's lookups).
        let head = |id: usize| {
            let f = spellings[id].form;
            let hamza = match style {
                Some(true) => hamzas(f) as i64,
                Some(false) => -(hamzas(f) as i64),
                None => 0,
            };
            (spellings[id].at.len(), hamza)
        };
        // How often the story writes each spelling counting the spellings that differ from it
        // by the hamza of an alif alone (`أزميت` / `ازميت`): the desk's hamza style, not
        // another spelling of the name, so a respelling used once (`اذميت`) beside a name
        // written once each way is outnumbered, as it is beside one written twice alike (not where
        // one of the hamza spellings stands on its own: a word or a given name). Ranked
        // first, before each spelling's own count (the two hamza spellings stay ranked by
        // theirs). (Asked only of a group that writes a hamza on an alif, and not of one whose
        // spellings differ by hamza alone, where it is the same for all.)
        let alif_hamza = |c: char| matches!(c, 'أ' | 'إ' | 'آ');
        let pooled: Vec<usize> = if !hamza_only && group.iter().any(|&id| spellings[id].form.chars().any(alif_hamza)) {
            let keys: Vec<String> = group
                .iter()
                .map(|&id| spellings[id].form.chars().map(|c| if alif_hamza(c) { 'ا' } else { c }).collect())
                .collect();
            // (how many spellings and occurrences each key has, and whether one of its
            // spellings stands on its own: a word's hamza spellings are not pooled, `أيد` /
            // `ايد` beside the name `إياد` in a whole 10 MB file checked as one story)
            let mut counts: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
            for (k, &id) in keys.iter().zip(&group) {
                let c = counts.entry(k.as_str()).or_default();
                c.0 += 1;
                c.1 += spellings[id].at.len();
            }
            let mut stands_in: FxHashMap<&str, bool> = FxHashMap::default();
            for (k, &id) in keys.iter().zip(&group) {
                if counts.get(k.as_str()).is_some_and(|c| c.0 > 1) {
                    let s = stands_in.entry(k.as_str()).or_default();
                    *s = *s || standing(spellings[id].form);
                }
            }
            keys.iter()
                .zip(&group)
                .map(|(k, &id)| match counts.get(k.as_str()) {
                    Some(&(n, total)) if n > 1 && stands_in.get(k.as_str()) == Some(&false) => total,
                    _ => spellings[id].at.len(),
                })
                .collect()
        } else {
            group.iter().map(|&id| spellings[id].at.len()).collect()
        };
        let heads: Vec<(usize, usize, i64)> = group
            .iter()
            .zip(&pooled)
            .map(|(&id, &n)| {
                let (own, hamza) = head(id);
                (n, own, hamza)
            })
            .collect();
        fn lazy<T>(n: usize) -> Vec<std::cell::OnceCell<T>> {
            (0..n).map(|_| std::cell::OnceCell::new()).collect()
        }
        // A dictionary word that only Hunspell reads (no name, no word of the desk's; the web
        // writes neither it nor its stem after a clitic), used once or twice: its nisba and
        // clitic rules read a name into a word (`الخرصي` beside `الخريصي`), so on a tie of the
        // two spellings a name's group holds (a verb beside its own forms, `اكتنز`، `اكتنزوا`،
        // is a group of more) it stands no more than a spelling of no word does; not when the
        // two differ by hamza alone (the story's style decides), nor when it is an everyday
        // word inflected (see `inflection_written`).
        let hollow = |p: usize| {
            let s = &spellings[group[p]];
            group.len() == 2
                && s.at.len() <= 2
                && !hamza_only
                && !given(s.form)
                && !ordinary(s.form)
                && word(s.form)
                && unwritten(s.form)
                && !inflection_written(s.form)
        };
        // (whether each spelling stands on its own, asked once: a tie in a large group asks it
        // of every spelling tied with each one demoted, below)
        let standing_cells = lazy(group.len());
        let standing_at = |p: usize| *standing_cells[p].get_or_init(|| standing(spellings[group[p]].form));
        let (stand_cells, webs) = (lazy(group.len()), lazy(group.len()));
        let stands = |p: usize| *stand_cells[p].get_or_init(|| standing_at(p) && !hollow(p));
        let web = |p: usize| {
            *webs[p].get_or_init(|| web_class(spellings[group[p]].form).map_or(0, |c| u32::from(u8::MAX - c) + 1))
        };
        // On a tie, the more regular writing (see `regularity`), computed only then.
        let regular = lazy(group.len());
        let regular = |p: usize| {
            *regular[p].get_or_init(|| {
                let f = spellings[group[p]].form;
                if inner_seat {
                    seat_regularity(f)
                } else {
                    regularity(f)
                }
            })
        };
        // A dictionary word used as often as a spelling that is neither a name nor a word
        // but that the web writes (the frequency table), one difference away (not hamza
        // alone: the story's hamza style decides that) and in the same context (`مدينة ازمت
        // التركية` / `مدينة ازميت التركية`): the name respelled into a word, ranked below it
        // (computed only on a tie of counts). A name that is itself a word beside a
        // spelling nobody writes (`سعدون` / `سعددون`) keeps its rank.
        // So is, in any context, a word only the dictionary reads, which the web never writes
        // as it is (`يليك` beside `يليق`, `فوده` beside `فودة`: a verb with a pronoun read
        // into a name the web writes), a hamza on a seat inside the word included (`تائم`
        // beside `تايم`: see `seat_inside`; an alif's hamza is the desk's style, not this); and one in ه, which neither the web nor its stem after
        // a clitic is written, beside the same in ة that is no word (`صميمه` beside
        // `صميمة`: a pronoun read into a name's taa marbuta).
        // Whether two spellings used as often as each other both sit where a person's name
        // does, one name's two writings: every occurrence of each after a person title or a
        // given name (`العميد طماح`, `محمد طماح`), and at least one occurrence of the two after
        // a given name (a name in full, given name then family name). An everyday word after a
        // title is most often an adjective (`الرئيس الأمريكي`), which no given name precedes;
        // a word after a given name alone is a second given name or a verb as often. (Read
        // off the occurrences of a tie of two spellings used once or twice: a handful of
        // neighbours, no dictionary.)
        let in_person_slot = |a: &Spelling<'_, T::Id>, b: &Spelling<'_, T::Id>| {
            let before =
                |x: &Spelling<'_, T::Id>| x.at.iter().map(|&(w, _)| words.neighbour(w, false)).collect::<Vec<_>>();
            let (ba, bb) = (before(a), before(b));
            let slot = |n: &Option<&str>| n.is_some_and(|n| given(n) || person_title(n).is_some());
            ba.iter().chain(&bb).all(slot) && ba.iter().chain(&bb).any(|n| n.is_some_and(given))
        };
        let demoted_cells = lazy(group.len());
        let demoted = |p: usize| {
            *demoted_cells[p].get_or_init(|| {
                let s = &spellings[group[p]];
                // (what depends on this spelling alone, asked at most once)
                let (as_is, in_ha) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
                let as_is_unwritten = || *as_is.get_or_init(|| unwritten_as_is(s.form));
                let ha_unwritten = || *in_ha.get_or_init(|| s.form.ends_with('ه') && unwritten(s.form));
                s.at.len() <= 2
                    && word(s.form)
                    && !given(s.form)
                    && (0..group.len()).any(|q| {
                        let o = &spellings[group[q]];
                        // (a word tied with a given name one difference away, in that name's
                        // slot: `كريم قسم` beside `كريم قاسم` is the name respelled, whatever the
                        // web's counts; a word of the desk's too, `قسم` is one, unless the two
                        // differ by a final ى or ة, an everyday word's slip: `شدد محمد على` beside
                        // `محمد علي` is a preposition after its subject)
                        if q != p
                            && heads[q] == heads[p]
                            && given(o.form)
                            && (!ordinary(s.form) || (!final_ya(s.form, o.form) && !final_taa(s.form, o.form)))
                            && edits_within(s.form, o.form, vowels, false, 1) == Some(1)
                            && name_slot(s, group[q], false)
                        {
                            return true;
                        }
                        // (the other ways below are for no word of the desk's)
                        if ordinary(s.form) {
                            return false;
                        }
                        // (a word tied with a spelling that is nobody's word but the web writes, one
                        // difference away, every occurrence of the two in a person's slot and one
                        // of them after a given name: `منصور المطيري` / `المهندس المطري`; see
                        // `in_person_slot`. Not beside a spelling the web never writes: a name
                        // that is a word, `حجار`, respelled into no word, `حيجار`, sits in the
                        // same slots, and keeps its rank)
                        if q != p
                            && heads[q] == heads[p]
                            && in_person_slot(s, o)
                            && !final_taa(s.form, o.form)
                            && !final_ya(s.form, o.form)
                            && !s.form.chars().map(bare_seat).eq(o.form.chars().map(bare_seat))
                            && web(q) != 0
                            && edits_within(s.form, o.form, vowels, false, 1) == Some(1)
                            && !standing_at(q)
                        {
                            return true;
                        }
                        // (how the two are written asked before whether the other stands, which
                        // asks the dictionary)
                        let near = |q: usize| {
                            if web(q) != 0 {
                                edits_within(s.form, o.form, vowels, false, 1) == Some(1)
                            } else {
                                final_taa(o.form, s.form)
                            }
                        };
                        q != p
                            && heads[q] == heads[p]
                            && near(q)
                            && !standing_at(q)
                            && if web(q) != 0 {
                                shares_context(s, group[q])
                                    || (as_is_unwritten()
                                        && (!s.form.chars().map(bare_seat).eq(o.form.chars().map(bare_seat))
                                            || seat_inside(s.form, o.form)))
                            } else {
                                ha_unwritten()
                            }
                    })
            })
        };
        // Whether a spelling is a spelling of another it ties with (within `MAX_EDITS`), when
        // three or more tie (every one counts alike otherwise): a spelling of another name
        // that merely shares the skeleton (`كوسبر` beside `غوسبر` and its respelling `غوصبر`,
        // once each) is ranked below the two that are one name's, so that their tie is left
        // undecided (see `tie` below) instead of the letter statistics guessing it. (Asked
        // after the web's counts: it only orders what they leave tied. A spelling one
        // difference from every other tied one, `ازميت` beside `أزميت` and `اذميت`, was tried as
        // the name too: it lost six plants on seed 1's measure half, a respelling that lands
        // between the name and the story's other spelling being as likely as the name.)
        // (how many spellings share each head, counted once and only when a tie asks)
        let tied_counts: std::cell::OnceCell<FxHashMap<(usize, usize, i64), usize>> = std::cell::OnceCell::new();
        let tied = |p: usize| {
            let counts = tied_counts.get_or_init(|| {
                let mut counts = FxHashMap::default();
                for h in &heads {
                    *counts.entry(*h).or_default() += 1;
                }
                counts
            });
            counts.get(&heads[p]).copied().unwrap_or(0)
        };
        let support_cells = lazy(group.len());
        let support = |p: usize| -> usize {
            *support_cells[p].get_or_init(|| {
                if tied(p) < 3 {
                    return 0;
                }
                let f = spellings[group[p]].form;
                let linked = (0..group.len()).any(|q| {
                    let o = spellings[group[q]].form;
                    q != p && heads[q] == heads[p] && edits_within(f, o, vowels, false, MAX_EDITS).is_some()
                });
                usize::from(linked)
            })
        };
        let mut places: Vec<usize> = (0..group.len()).collect();
        places.sort_by(|&a, &b| {
            heads[b]
                .cmp(&heads[a])
                .then_with(|| demoted(a).cmp(&demoted(b)))
                .then_with(|| stands(b).cmp(&stands(a)))
                .then_with(|| web(b).cmp(&web(a)))
                .then_with(|| support(b).cmp(&support(a)))
                .then_with(|| {
                    if web(a) != 0 {
                        return std::cmp::Ordering::Equal;
                    }
                    // (a function of each spelling alone, so the order stays total)
                    doubles(spellings[group[a]].form)
                        .cmp(&doubles(spellings[group[b]].form))
                        .then_with(|| regular(b).total_cmp(&regular(a)))
                })
        });
        order = places.iter().map(|&p| group[p]).collect();
        // (a spelling demoted was asked on a tie; one never asked was not demoted)
        // (and so was a hollow word ranked below a spelling of no word it ties with)
        lowered = places
            .iter()
            .enumerate()
            .map(|(i, &p)| {
                demoted_cells[p].get().copied().unwrap_or(false)
                    || (hollow(p) && places[..i].iter().any(|&q| heads[q] == heads[p] && !standing_at(q)))
            })
            .collect();
        // A tie between the top two spellings, used as often as each other (and a third, if
        // any, less often), neither a name nor a word nor written on the web (a hollow word
        // counts as none beside a spelling of no word, not beside another hollow word), nor a
        // final ة or ي written ه or ى, nor a letter written twice, whose letters are
        // about as regular as each other's (see `regularity`, right about three times in four
        // on such ties, and about a coin's toss within `UNDECIDED_MARGIN`): which one the
        // story meant is not for this rule to guess. So is a tie between two spellings that
        // differ by the hamza of the first letter alone in a story whose hamza style says
        // too little (a style ranks them apart: see `head`): the earlier was kept before, and
        // was the respelling about as often as not (`انجرليك` / `إنجرليك`).
        // A final ة beside the same in ه that the dictionary reads (a noun with its pronoun,
        // `دكانه` "his shop", beside `دكانة`): the ه is no slip of the keyboard there, and the
        // ة may be the slip as often as a name (`صميمة`): undecided too.
        let pronoun_read = |x: &str, y: &str| final_taa(x, y) && [x, y].iter().any(|f| f.ends_with('ه') && word(f));
        // Two words, neither a given name nor a word of the desk's, used once each (or twice)
        // in one name's slot on both sides (`الدكتور أيمن الخضراء` / `الدكتور أمن الخضراء`),
        // one difference apart: one is the name respelled, and nothing tells which (the web
        // writes the everyday word more often, the letters are a word's either way).
        let slot_tie = |a: usize, b: usize| {
            let (x, y) = (&spellings[group[a]], &spellings[group[b]]);
            [x, y].iter().all(|s| s.at.len() <= 2 && word(s.form) && !given(s.form))
                // (one of them may be a word of the desk's list, `أمن` beside `أيمن`: the slot
                // on both sides is a name's whatever the list says of the word; two such are
                // two words)
                && !(ordinary(x.form) && ordinary(y.form))
                && !x.form.chars().map(bare_seat).eq(y.form.chars().map(bare_seat))
                && edits_within(x.form, y.form, vowels, false, 1) == Some(1)
                && name_slot(x, group[b], true)
        };
        if let [a, b, rest @ ..] = places.as_slice() {
            let (a, b) = (*a, *b);
            // (a third spelling tied with the two is no bar when it is no spelling of either:
            // another name that merely shares their skeleton, `كوسبر` beside `غوسبر` / `غوصبر`)
            let (fa, fb) = (spellings[group[a]].form, spellings[group[b]].form);
            let apart = |c: usize| {
                let fc = spellings[group[c]].form;
                [fa, fb].iter().all(|f| edits_within(f, fc, vowels, false, MAX_EDITS).is_none())
            };
            let tie = heads[a] == heads[b] && rest.iter().all(|&c| heads[c] != heads[a] || apart(c));
            undecided = tie
                && (slot_tie(a, b)
                    || !stands(a)
                        && !stands(b)
                        && web(a) == 0
                        && web(b) == 0
                        && ((regular(a) - regular(b)).abs() < UNDECIDED_MARGIN
                            || final_hamza_pair(spellings[group[a]].form, spellings[group[b]].form))
                        && !(standing_at(a) && standing_at(b))
                        && !doubled_letter(spellings[group[a]].form, spellings[group[b]].form)
                        && (!final_taa(spellings[group[a]].form, spellings[group[b]].form)
                            || pronoun_read(spellings[group[a]].form, spellings[group[b]].form))
                        && !final_ya(spellings[group[a]].form, spellings[group[b]].form));
        }
    }
    // A final و written or dropped after a consonant, the name's last syllable (`كاريتو` /
    // `كاريت`, `برانيلو` / `برانيل`), nothing else differing, in a name of five letters or more
    // with it (after the article): one outlet writes the foreign name's last vowel, another
    // leaves it. Asked only of two spellings neither of which stands (no name, no word:
    // `مهندسو` / `مهندس` is a plural in construct). Not a final ي (a nisba: `داعشي` beside
    // `داعش`), nor a final alif, which is also the accusative's (`مزيادا` beside `مزياد`) and
    // tells apart words of their own (`ميرلان` / `ميرلانا`).
    let final_vowel = |a: &str, b: &str| {
        let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
        let bare = short.strip_prefix("ال").unwrap_or(short);
        long.strip_prefix(short) == Some("و")
            && letters(bare) >= MIN_LETTERS_VOWEL_EDIT
            && short.chars().next_back().is_some_and(|c| !is_suffix_letter(c))
    };
    // The kept spellings' first names (see `first_name` below), read once per kept spelling: a frequent
    // one's occurrences run to thousands.
    let first_names: Vec<std::cell::OnceCell<Option<String>>> = order.iter().map(|_| Default::default()).collect();
    // The place of the spelling each spelling was flagged as the variant of (by the story's
    // counts), for a spelling kept in its turn (see `tried` below).
    let mut flagged_to: Vec<Option<usize>> = vec![None; order.len()];
    // Each spelling's letters, sorted, and how many (see `letter_bag`), made once per spelling
    // when the search for what a spelling is a variant of first reaches it: a frequent
    // skeleton's group holds hundreds of spellings, each compared with every one above it.
    let bags: Vec<std::cell::OnceCell<(Bag, usize)>> = order.iter().map(|_| Default::default()).collect();
    let bag_at =
        |p: usize| bags[p].get_or_init(|| (letter_bag(spellings[order[p]].form), letters(spellings[order[p]].form)));
    for (pos, &id) in order.iter().enumerate() {
        let spelling = &spellings[id];
        // A name after ل + the article (للشيلات) beside the same name after the
        // article alone ranked above it (الشيلات), or the other way round, is an
        // occurrence of that spelling, not a variant of another.
        // (لل and ال are as long: a byte count rules most pairs out at once)
        let len = spelling.form.len();
        let (bag, chars) = bag_at(pos);
        let chars = *chars;
        if house.is_none() && (vocalized(spelling) || prayer(spelling)) {
            continue;
        }
        if house.is_none()
            && (spelling.form.starts_with("ال")
                || LIL.iter().any(|(lil, al)| spelling.form.starts_with(lil) || spelling.form.starts_with(al)))
            && order[..pos]
                .iter()
                .any(|&k| spellings[k].form.len() == len && same_after_article(spelling.form, spellings[k].form))
        {
            continue;
        }
        // The first place above this spelling not yet tried as the one it is a variant of, and
        // how many were tried.
        let mut from = 0;
        let mut tried = 0;
        // What this spelling is a variant of: the house spelling, or the first spelling
        // ranked above it that it may be another way of writing and that the tests below
        // keep (a skeleton group may hold several names: `عايد` / `عايض` beside `عديد`; and a
        // spelling two differences from a word ranked first may be one from a name ranked
        // next: `مونتسكي` beside the word `منتسكي` ×3 and the name `مونتيسكي` once). Each
        // `continue` below tries the next.
        'candidates: loop {
            let (keep, keep_pos, edits): (String, Option<usize>, u32) = match &house {
                Some(h) => {
                    if from > 0 {
                        break 'candidates;
                    }
                    from = 1;
                    (h.clone(), order.iter().position(|&k| spellings[k].form == arabic::key_string(h)), 0)
                }
                None => {
                    let found = order[from..pos].iter().enumerate().map(|(i, k)| (from + i, k)).find_map(|(kp, &k)| {
                        // (two spellings far apart in length never are one name's: a byte
                        // count rules most pairs of a large group out at once)
                        if spellings[k].form.len().abs_diff(len) > 4 * MAX_EDITS as usize {
                            return None;
                        }
                        let kf = spellings[k].form;
                        let (kf_bag, kf_chars) = bag_at(kp);
                        // (each edit changes the length by one letter at most, so spellings more
                        // than MAX_EDITS letters apart are that many edits apart or none: no
                        // variant, unless two bytes apart for the vowel test below)
                        if kf.len().abs_diff(len) != 2 && kf_chars.abs_diff(chars) > MAX_EDITS as usize {
                            return None;
                        }
                        // (nor are spellings whose letters, counted, differ by more than MAX_EDITS:
                        // see `edits_floor`; every test below counts one edit or more per letter)
                        if edits_floor(spelling.form, bag, kf, kf_bag) > MAX_EDITS as usize {
                            return None;
                        }
                        // A long vowel before a final vowel between two spellings that are
                        // neither names nor words: a spelling, not a suffix. One such difference
                        // only (so one letter more or less, and the same final vowel: most pairs
                        // are ruled out before the count). Asked only when no variant edits turn
                        // one into the other at all (more than MAX_EDITS is no variant either).
                        // (a hamza after the final alif that one of the two writes and the other
                        // leaves, `مليشيا` / `مليشاء`, is one difference more, as `final_hamza`
                        // counts it: the final vowel is that alif either way)
                        let hamza = || {
                            u32::from(
                                (without_final_hamza(spelling.form).len() == spelling.form.len())
                                    != (without_final_hamza(kf).len() == kf.len()),
                            )
                        };
                        let one_vowel = || {
                            let (open_s, open_k) = (without_final_hamza(spelling.form), without_final_hamza(kf));
                            let last = |f: &str| f.chars().next_back();
                            open_s.len().abs_diff(open_k.len()) == 2
                                && last(open_k) == last(open_s)
                                && last(open_k).is_some_and(|c| matches!(c, 'ا' | 'و' | 'ي' | 'ى'))
                        };
                        match edits_within(spelling.form, kf, vowels, false, MAX_EDITS) {
                            Some(e) => Some(e),
                            None if one_vowel() && variant_edits(spelling.form, kf, vowels).is_none() => {
                                edits_with(spelling.form, kf, vowels, true)
                                    .filter(|&e| e == 1 + hamza() && !standing(spelling.form) && !standing(kf))
                            }
                            None if vowels && final_vowel(spelling.form, kf) => {
                                (!standing(spelling.form) && !standing(kf)).then_some(1)
                            }
                            // (neither may stand as a word: a place whose own name ends in وه is no
                            // respelling of an adjective in ة that the dictionary knows; a whole
                            // 10 MB file checked as one story flagged such a pair when only the
                            // written-out spelling was asked)
                            None if vowels => taa_written_long(spelling.form, kf, MAX_EDITS)
                                .filter(|_| !standing(spelling.form) && !standing(kf)),
                            None => None,
                        }
                        .filter(|e| (1..=MAX_EDITS).contains(e))
                        .map(|e| (kp, e))
                    });
                    let Some((kp, e)) = found else {
                        break 'candidates;
                    };
                    from = kp + 1;
                    tried += 1;
                    (spellings[order[kp]].form.to_string(), Some(kp), e)
                }
            };
            let keep_key = arabic::key_string(&keep);
            if spelling.form == keep_key {
                continue;
            }
            let keep_spelling = keep_pos.map(|kp| &spellings[order[kp]]);
            let keep_count = keep_spelling.map_or(0, |s| s.at.len());
            if house.is_none() {
                // A clitic is not a spelling (وواتساب is و + واتساب).
                let with_clitic = |a: &str, b: &str| arabic::clitic_splits(a).any(|(_, stem)| stem == b);
                if with_clitic(spelling.form, &keep_key) || with_clitic(&keep_key, spelling.form) {
                    continue;
                }
                // Two given names are two people (سلمان / سليمان، محمد / محمود); one given
                // name with and without its hamza (احمد / إحمد) is one.
                if given(spelling.form) && given(&keep_key) && arabic::fold(spelling.form) != arabic::fold(&keep_key) {
                    continue;
                }
                // So are two family names each written after its own first name, the same one each
                // time: `فواز القرني` twice and `خالد القروني` are two men. (The kept spelling used
                // at least twice, so that a name written once after the father's name, `بندر بن
                // محمد حجار`, is no first name of its own.)
                let first_name = |s: &Spelling<'_, T::Id>| {
                    let mut before = s.at.iter().map(|&(wi, _)| words.neighbour(wi, false).filter(|n| given(n)));
                    let first = arabic::fold(before.next()??);
                    before.all(|n| n.is_some_and(|n| arabic::fold_cow(n) == first.as_str())).then_some(first)
                };
                if keep_count >= 2 {
                    if let Some(a) = first_name(spelling) {
                        let b = keep_pos.and_then(|kp| {
                            first_names[kp].get_or_init(|| first_name(&spellings[order[kp]])).as_deref()
                        });
                        if b.is_some_and(|b| a != b) {
                            continue;
                        }
                    }
                }
                // Whether the spelling sits beside the same name as the kept spelling, on the same
                // side, as a name's two spellings do (`سيرجي لافروف` / `سيرغي لافروف`): the same
                // name, beside the kept spelling at least an eighth of the times it is written (a
                // name goes with its first name; a word used hundreds of times meets any word
                // somewhere). Asked only where a spelling would otherwise stand apart.
                // (read off the spelling's occurrences directly, stopping at the first shared
                // name: the same answer as over the set of its neighbours, without building it;
                // nothing to look for when the kept spelling has no neighbours)
                // (asked at most once: the guard below and the standing test may both need it)
                let shared = std::cell::OnceCell::new();
                let shared_name = || {
                    *shared.get_or_init(|| {
                        // A neighbour the two might share: a name, no word (asked first: most
                        // spellings have none beside them, and then the kept spelling's
                        // neighbours, thousands for a frequent one, are never gathered).
                        let may_share =
                            |n: &str| letters(n) >= MIN_LETTERS && arabic::has_arabic(n) && !ordinary(n) && !known(n);
                        let beside = |after: bool| {
                            spelling.at.iter().any(|&(wi, _)| words.neighbour(wi, after).is_some_and(may_share))
                        };
                        if !beside(false) && !beside(true) {
                            return false;
                        }
                        // (the kept spelling's neighbours gathered once per spelling and group,
                        // as `shares_context` reads them)
                        let theirs = keep_pos.map(|kp| neighbours_of(order[kp])).unwrap_or_default();
                        let shares = |after: bool, n: &str| {
                            theirs.get(&(after, n)).is_some_and(|&c| 8 * c as usize >= keep_count) && may_share(n)
                        };
                        !theirs.is_empty()
                            && spelling.at.iter().any(|&(wi, _)| {
                                [false, true]
                                    .into_iter()
                                    .any(|after| words.neighbour(wi, after).is_some_and(|n| shares(after, n)))
                            })
                    })
                };
                // Or the story's subject: a name that is no word, written again and again, beside a
                // dictionary word used once one difference away (not by hamza alone: the story's
                // style decides that). A story writes its subject its way; a word one letter from
                // it, once, is the name respelled when the name is written at least
                // `SUBJECT_WRITTEN` times and the web writes the word no more often than the name
                // (a foreign name the web writes, beside a rare word), or when it is written twice and the web
                // writes neither the word nor its stem after a clitic (`تميك` beside `توميك` ×2;
                // not `موسم القطف` beside `محافظة القطيف` twice: قطف is a word the web writes, and
                // the article is a clitic).
                let subject = || {
                    let web_no_commoner = || match (web_class(spelling.form), web_class(&keep_key)) {
                        (None, _) => true,
                        (Some(ws), Some(wk)) => wk <= ws,
                        (Some(_), None) => false,
                    };
                    // (or, beside a name the web never writes, a rare word (`RARE_CLASS`): `كرار`
                    // once beside the surname `كارار` ×5; not after a given name the kept
                    // spelling never follows, another man's family name: `فواز القرني` beside
                    // `خالد القروني` ×5)
                    let rare_word = || {
                        web_class(&keep_key).is_none()
                            && web_class(spelling.form).is_some_and(|c| c >= RARE_CLASS)
                            && !(spelling.at.iter().any(|&(w, _)| words.neighbour(w, false).is_some_and(given))
                                && !keep_pos.is_some_and(|kp| name_slot(spelling, order[kp], false)))
                    };
                    spelling.at.len() == 1
                        && !spelling.form.chars().map(bare_seat).eq(keep_key.chars().map(bare_seat))
                        && ((keep_count >= SUBJECT_WRITTEN && (web_no_commoner() || rare_word()))
                            || (keep_count >= 2 && unwritten(spelling.form)))
                };
                // Or, for a dictionary word one difference from a spelling that is neither a name
                // nor a word: a shared context (see `shares_context`): the name respelled into a
                // word (`محمد المطري` beside `محمد المطيري`).
                let context = || {
                    shared_name()
                        || (edits == 1
                            && !given(spelling.form)
                            && word(spelling.form)
                            && !standing(&keep_key)
                            && (keep_pos.is_some_and(|kp| shares_context(spelling, order[kp])) || subject()))
                };
                // Or, for a dictionary word (no given name) one difference from a name that is a
                // word or a given name itself: the name's slot (see `name_slot`), beside a given
                // name kept at least as often on one side (`كريم قسم` beside `كريم قاسم`), beside
                // another kept more often on both (`الدكتور أمن الخضراء` beside the same with
                // `أيمن` twice), or on a tie of two such words left undecided.
                // (and so is a word the dictionary reads as written that folds to the given
                // name kept, the name as the list writes it, but is written at a letter folding
                // hides as another word: see
                // `given_twin`, `نائف` beside `نايف`, `ناجى` beside `ناجي`)
                let twin = given_twin(spelling.form, &keep_key) && known(spelling.form);
                let in_slot = || {
                    edits == 1
                        && spelling.at.len() <= 2
                        && (!given(spelling.form) || twin)
                        && word(spelling.form)
                        && standing(&keep_key)
                        && (twin || !spelling.form.chars().map(bare_seat).eq(keep_key.chars().map(bare_seat)))
                        && keep_pos.is_some_and(|kp| {
                            if given(&keep_key) {
                                keep_count >= spelling.at.len() && name_slot(spelling, order[kp], false)
                            } else {
                                (keep_count > spelling.at.len() || (undecided && pos == 1 && keep_pos == Some(0)))
                                    && name_slot(spelling, order[kp], true)
                            }
                        })
                };
                // A long vowel or a doubled letter between a dictionary word and a form the
                // web writes as a word of its own (the frequency table) is another pattern of
                // one root: a verb and its noun (تحذر / تحذير), a colloquial plural (الحبايب /
                // الحبيب). A name's variants differ so only when neither is an ordinary word.
                // So is a long vowel or a doubled letter beside one of the commonest words (the
                // top classes of the table: `العربي` beside the family name `العرابي`).
                let pattern = |a: &str, b: &str| word(a) && !given(a) && web_class(b).is_some();
                let common = |a: &str| word(a) && !given(a) && web_class(a).is_some_and(|c| c <= COMMON_CLASS);
                // (unless the kept spelling is no word and the two sit beside the same name: a
                // name respelled into a word, `توماس مولر` / `تماس مولر`; a verb and its noun
                // share the name they govern, `تعين الملا` / `تعيين الملا`)
                let read_into_name =
                    lowered[pos] && edits == 1 && keep_pos.is_some_and(|kp| kp < pos) && !standing(&keep_key);
                // (nor, beside a name that is no word, a spelling only Hunspell reads, which the
                // story's name outnumbers: see `only_hunspell_reads_it`, `فيفا` / `فيفاء`)
                let hollow_beside_name = || only_hunspell_reads_it(spelling, &keep_key, keep_count, false);
                if (pattern(&keep_key, spelling.form) || pattern(spelling.form, &keep_key) || common(&keep_key))
                    && variant_edits(spelling.form, &keep_key, false).is_none()
                    && (word(&keep_key) || !(read_into_name || context() || hollow_beside_name()))
                    && !in_slot()
                {
                    continue;
                }
                // A name of four letters (after the article) with a long vowel or a doubled
                // letter more or less: one such difference only, and beside a given name or
                // another non-word, never beside a dictionary word (مسح / مسوح، سوبر / سبور:
                // short words differ so by pattern; غسان / غسن is a name).
                // (after ال, or after ل + the article: للمرة is المرة)
                let bare = |f: &str| letters(f.strip_prefix("ال").or_else(|| f.strip_prefix("لل")).unwrap_or(f));
                // Whether the story writes the kept spelling, a given name, a word of the desk's or
                // no dictionary word (`داعش`, `قاسم`), at least `TWO_EDITS_OUTNUMBERED` times as
                // often as this spelling, which is nobody's word (no name, no dictionary word, never
                // written on the web): then two differences are another outlet's transliteration
                // (`داعش` / `ضاعوش`, `قاسم` / `غاصم`). Not beside an everyday word of the
                // dictionary: a slip of another word shares its skeleton (`الجبال` / `القبالل`).
                // A dictionary word the web writes rarely or never (`RARE_CLASS` or rarer), and no
                // everyday word inflected (see `inflection_written`: `آليتها` ×3 beside `التها`,
                // the bench's `آلتها` without its madda, is آلية with a pronoun), is no everyday
                // word: kept so often, it is the story's name that the dictionary happens to read.
                // So is a spelling only Hunspell reads (no given name, no word of the desk's, no
                // everyday word inflected; the web writes neither it nor its stem after a clitic:
                // see `unwritten`; no plural in construct in another case, `مرتادوها` beside
                // `مرتاديها`: see `case_before_pronoun`) that the kept spelling outnumbers
                // `TWO_EDITS_OUTNUMBERED` times: its nisba and clitic rules read a name respelled
                // at two places into a word (`الحصيين` once beside `الحوثيين` ×3, `أزمت` once
                // beside `ازميت` ×2), as they do at one (`hollow`). (Three times as often was
                // asked first: twice adds one true pair on the bench file and none false.)
                let hunspell_outnumbered = || {
                    keep_count >= TWO_EDITS_OUTNUMBERED * spelling.at.len()
                        && !given(spelling.form)
                        && !ordinary(spelling.form)
                        && !inflection_written(spelling.form)
                        && !case_before_pronoun(spelling.form, &keep_key)
                };
                let outnumbered = || {
                    keep_count >= TWO_EDITS_OUTNUMBERED * spelling.at.len()
                        && (given(&keep_key)
                            || data.allowed.contains(keep_key.as_str())
                            || !word(&keep_key)
                            || (web_class(&keep_key).is_none_or(|c| c >= RARE_CLASS) && !inflection_written(&keep_key)))
                        && unwritten(spelling.form)
                        && (!standing(spelling.form) || hunspell_outnumbered())
                };
                // (nor a spelling that is nobody's word beside the name the kept spelling sits
                // beside, on the same side (see `shared_name`): a short name's two differences,
                // or two from a name that is a word, are another outlet's transliteration there
                // (`ذي دايلي مايل` / `ذي دايلي مئل`), as one difference beside a word is; and so
                // is one written with a letter no Arabic word has, ڤ پ گ چ, where the kept spelling
                // has none: a foreign name's transliteration whatever its length, `ليڤ` / `لايف`)
                let foreign = |f: &str| f.chars().any(|c| matches!(c, 'ڤ' | 'پ' | 'گ' | 'چ'));
                let beside_one_name = || {
                    !standing(spelling.form)
                        && unwritten(spelling.form)
                        && ((foreign(spelling.form) && !foreign(&keep_key)) || shared_name())
                };
                if bare(spelling.form).max(bare(&keep_key)) < MIN_LETTERS_VOWEL_EDIT + 1
                && variant_edits(spelling.form, &keep_key, false).is_none()
                && (edits > 1 || (word(&keep_key) && !given(&keep_key)))
                // (but a short name respelled once, as a word of its own, beside a spelling
                // that is none of the commonest words and outnumbers it: `بدر` / `پيدر`; a
                // stem after a clitic is too often another word cut short: ب + غية)
                && !(spelling.at.len() == 1 && spelling.at[0].1 == 0 && !common(&keep_key) && outnumbered())
                && !in_slot()
                && !beside_one_name()
                {
                    continue;
                }
                let keep_stands = standing(&keep_key);
                // Beside a name or a word, a spelling one difference away only: two are too
                // many to tell a name's variant from another word (شيقة / شياكة), unless the
                // kept spelling outnumbers one that is nobody's word (see `outnumbered`), or is a
                // name the desk knows (a given name or a word of the desk's, `ماغيد` beside
                // the given name `ماجد`), used as often, beside one that is nobody's word:
                // another outlet's transliteration, no other person (nobody writes that spelling).
                let known_name = || {
                    keep_count >= spelling.at.len()
                        && (given(&keep_key) || data.allowed.contains(keep_key.as_str()))
                        && !standing(spelling.form)
                        && unwritten(spelling.form)
                };
                if keep_stands && edits > 1 && !outnumbered() && !known_name() && !beside_one_name() {
                    continue;
                }
                // A given name written with another hamza is that name's variant, not another
                // person (إحمد beside احمد); and a spelling that reads as a word only once its
                // hamza is restored, beside that very spelling, is the same word written the
                // other way (اليسا / إليسا). (A hamza-less spelling of a word is the desk's hamza
                // style, not this rule's: اعلام / إعلام.)
                let hamza_pair =
                    spelling.form.chars().map(bare_seat).eq(keep_key.chars().map(bare_seat)) && !word(&keep_key);
                let same_given =
                    given(spelling.form) && arabic::fold(spelling.form) == arabic::fold(&keep_key) && !twin;
                let spelling_stands = if same_given || hamza_pair {
                    ordinary(spelling.form) || known(spelling.form)
                } else {
                    standing(spelling.form)
                };
                // An everyday word kept (the dictionary knows it, the web writes it, and it is no
                // given name) beside a spelling one consonant of a sound class away: two words
                // (`نقدية` / `نكدية`, `المقرر` / `المغرر`, `شنت` / `شنط`) unless both sit beside
                // the same name, as a name's two spellings do (`سيرجي لافروف` / `سيرغي لافروف`).
                // The spelling reads as another word by its morphology: without its suffix, with
                // a ة, or without a participle's م, it is a word (`نكدية`: نكد، `شنط`: شنطة،
                // `المغرر`: غرر), which no respelled name is (`الثجفي` beside `الثقفي`).
                let everyday_keep = word(&keep_key)
                    && !given(&keep_key)
                    && crate::core::frequency::class(&keep_key).is_some()
                    && consonant_swap(spelling.form, &keep_key)
                    && another_word(spelling.form, &known);
                if spelling_stands || everyday_keep {
                    // A name or a word beside another spelling: two people, an inflection
                    // (الحوثيون / الحوثيين) or two words, unless both sit beside the same
                    // name: `سيرجي لافروف` / `سيرغي لافروف` (the dictionary reads سيرجي and
                    // سيرغي as verbs: سـ + يرجي).
                    // (a word of the desk's ranked below the given name whose slot it sits in is
                    // that name respelled: see `demoted`)
                    // (and so is one of an undecided tie in a name's slot on both sides: see
                    // `slot_tie`)
                    let given_slot = (lowered[pos] && given(&keep_key))
                        || (undecided && pos == 1 && keep_pos == Some(0) && in_slot());
                    if (given(spelling.form) && !same_given && !twin) || (ordinary(spelling.form) && !given_slot) {
                        continue;
                    }
                    let hunspell_only =
                        spelling_stands && only_hunspell_reads_it(spelling, &keep_key, keep_count, word(&keep_key));
                    // (two differences from a spelling that outnumbers this one, read only by
                    // Hunspell: see `hunspell_outnumbered`)
                    let outnumbered_hollow = edits > 1 && outnumbered();
                    if !read_into_name && !context() && !hunspell_only && !outnumbered_hollow && !in_slot() {
                        continue;
                    }
                }
                // Otherwise this spelling is neither a name nor a word: the variant, unless
                // the misspelling rule already mends it.
                if misspelling_mends(ctx, words, spelling, &keep_key, ctx.lexicon.is_none() || word(&keep_key)) {
                    continue;
                }
            }
            // An undecided tie (see `undecided`): the kept spelling is flagged too, each with the
            // other for a fix that `--fix` leaves to a person (unless the misspelling rule mends
            // the kept spelling itself).
            let both = undecided && pos == 1 && keep_pos == Some(0);
            let how = if house.is_some() {
                How::House
            } else if both {
                How::Undecided
            } else {
                How::Majority
            };
            // A spelling kept after another above it was tried, when that kept spelling is itself
            // flagged as the variant of one above it: the fix is that one, the story's usual
            // spelling (`منتسكي` ×3, `مونتيسكي` once, `مونتسكي` once: both are mended to
            // `منتسكي`, and `--fix` leaves one spelling).
            let (keep, keep_pos) = match keep_pos.and_then(|kp| flagged_to[kp]) {
                Some(up) if tried > 1 && how == How::Majority => (spellings[order[up]].form.to_string(), Some(up)),
                _ => (keep, keep_pos),
            };
            let keep_spelling = keep_pos.map(|kp| &spellings[order[kp]]);
            let keep_count = keep_spelling.map_or(0, |s| s.at.len());
            if how == How::Majority {
                flagged_to[pos] = keep_pos;
            }
            // (the fix keeps the word's own ل + article: للحوثثيين -> للحوثيين)
            let fix = written_like(spelling.form, &keep);
            for &(word, at) in &spelling.at {
                out.push(finding(words, word, at, &keep, &fix, keep_count, how));
            }
            if let Some(kept) = keep_spelling.filter(|k| both && !vocalized(k)) {
                if !misspelling_mends(ctx, words, kept, spelling.form, ctx.lexicon.is_none() || word(spelling.form)) {
                    let fix = written_like(kept.form, spelling.form);
                    for &(word, at) in &kept.at {
                        out.push(finding(words, word, at, spelling.form, &fix, spelling.at.len(), How::Undecided));
                    }
                }
            }
            break;
        }
    }
}

/// How regular `form` is as written Arabic: the mean log-probability of its letters (and of
/// its end) under a letter-trigram model of the frequency table's words, each counted once.
/// Story-independent. A letter written twice (`كاميللا`), a letter few outlets use (ڤ، پ، گ),
/// an emphatic where writers use the plain letter, a final ى where the table writes ي score
/// lower: on a tie between two spellings neither of which is a known word, the less regular
/// one is taken for the variant (equal scores keep the earlier). The model is built once, on
/// first use, from the table the binary carries (no I/O).
pub(crate) fn regularity(form: &str) -> f32 {
    regularity_with(form, bare_seat)
}

/// [`regularity`] with the hamza seats as written: for two spellings that differ by a seat
/// inside the name (`دليم` / `دلئم`, `هاورد` / `هإورد`), where the trigrams of the table tell
/// the seat Arabic writes there from one no writer does.
fn seat_regularity(form: &str) -> f32 {
    regularity_with(form, |c| c)
}

/// [`regularity`], each letter read through `letter` first.
fn regularity_with(form: &str, letter: fn(char) -> char) -> f32 {
    /// Letters as indices: 0 a word's start or end, the Arabic letters ء..ي, then one index for
    /// every other letter (ڤ، پ، گ and the rest are rare alike).
    const N: usize = 44;
    fn index(c: Option<char>) -> usize {
        match c {
            None => 0,
            Some(c @ '\u{0621}'..='\u{064A}') => c as usize - 0x0620,
            Some(_) => N - 1,
        }
    }
    /// Counts of letter trigrams and of their two-letter contexts, in flat tables (built in a
    /// few milliseconds; in a hash map, the rule took about 0.2 s more CPU on a 10 MB text).
    struct Model {
        tri: Vec<u32>,
        bi: Vec<u32>,
    }
    static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    const ALPHA: f32 = 0.5;
    let model = MODEL.get_or_init(|| {
        let mut m = Model { tri: vec![0; N * N * N], bi: vec![0; N * N] };
        for line in crate::core::frequency::TABLE.lines().filter(|l| !l.starts_with('#')) {
            let word = line.split('\t').next().unwrap_or("");
            let (mut a, mut b) = (0, 0);
            for c in word.chars().map(Some).chain(std::iter::once(None)) {
                let c = index(c);
                m.tri[(a * N + b) * N + c] += 1;
                m.bi[a * N + b] += 1;
                (a, b) = (b, c);
            }
        }
        m
    });
    // (in `regularity` hamza seats are the desk's style, not a spelling's regularity: أ/ا
    // score alike, and a tie between them keeps the earlier spelling; `seat_regularity` reads
    // them as written)
    let (mut a, mut b) = (0, 0);
    let (mut sum, mut n) = (0.0f32, 0u32);
    for c in form.chars().map(|c| Some(letter(c))).chain(std::iter::once(None)) {
        let c = index(c);
        let tri = model.tri[(a * N + b) * N + c] as f32;
        let bi = model.bi[a * N + b] as f32;
        sum += ((tri + ALPHA) / (bi + ALPHA * N as f32)).ln();
        n += 1;
        (a, b) = (b, c);
    }
    sum / n.max(1) as f32
}

/// Whether `a` and `b` differ at some place by two consonants of one sound class (ت/ط، ك/ق،
/// ج/غ/ق، س/ص/ث، ز/ذ/ظ، د/ض، ف/ڤ، ب/پ), not only by vowels, hamza, ة/ه or ى/ي.
fn consonant_swap(a: &str, b: &str) -> bool {
    let consonant = |c: char| !matches!(class(c), 'ا' | 'و' | 'ي' | 'ه');
    // (aligned on the letters both share up to the first difference, and from the end)
    let pre = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let suf = a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count();
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na != nb || pre + suf >= na {
        return false;
    }
    a.chars().zip(b.chars()).skip(pre).take(na - pre - suf).any(|(x, y)| x != y && consonant(x) && consonant(y))
}

/// Whether a spelling the dictionary rejects is another word by its morphology: its stem
/// (after the article) without a suffix (ية، ي، ة، ات، ون، ين), with a ة, or without a
/// participle's م, is a dictionary word of three letters or more.
fn another_word(form: &str, known: &dyn Fn(&str) -> bool) -> bool {
    let bare = form.strip_prefix("ال").unwrap_or(form);
    let long = |s: &str| s.chars().count() >= 3;
    let mut buf = String::with_capacity(bare.len() + 2);
    let mut try_form = |s: &str, tail: &str| {
        buf.clear();
        buf.push_str(s);
        buf.push_str(tail);
        long(s) && known(&buf)
    };
    ["ية", "ي", "ة", "ات", "ون", "ين"].iter().any(|suf| bare.strip_suffix(suf).is_some_and(|s| try_form(s, "")))
        || try_form(bare, "ة")
        || bare.strip_prefix('م').filter(|s| long(s)).is_some_and(|s| try_form(s, ""))
}

/// Whether one of `a` and `b` is the other with a letter written twice (`الإنتركونتننتال` /
/// `الإنتركونتنتال`): a slip of the keyboard, which Arabic spelling (a shadda, not a second
/// letter) seldom writes; the letter statistics tell it even where the word is long.
fn doubled_letter(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    let l: Vec<char> = long.chars().collect();
    let s: Vec<char> = short.chars().collect();
    l.len() == s.len() + 1 && (1..l.len()).any(|i| l[i] == l[i - 1] && l[..i] == s[..i] && l[i + 1..] == s[i..])
}

/// How many letters of `form` (after the article) are written twice in a row, long vowels
/// aside (`داوود` is regular): no Arabic word writes a consonant twice but across a prefix
/// (`تتم`), so on a tie of two spellings nobody writes (no name, no word, not on the web) the
/// one with a letter written twice is the slip (`كوستيللو` beside `كوستيلو`), whatever the
/// letter statistics say of its trigrams.
fn doubles(form: &str) -> usize {
    let bare = form.strip_prefix("ال").or_else(|| form.strip_prefix("لل")).unwrap_or(form);
    bare.chars().zip(bare.chars().skip(1)).filter(|&(a, b)| a == b && !matches!(b, 'ا' | 'و' | 'ي')).count()
}

/// Whether `a` and `b` differ by a final ة written as ه alone (`وشبوة` / `وشبوه`): the ه is
/// the slip of the keyboard, whatever the letter statistics say.
fn final_taa(a: &str, b: &str) -> bool {
    let (Some(x), Some(y)) = (a.strip_suffix('ة'), b.strip_suffix('ه')) else {
        return b.strip_suffix('ة').is_some_and(|y| a.strip_suffix('ه') == Some(y));
    };
    x == y
}

/// Whether `a` and `b` differ by a final ي written ى alone (`كونغولي` / `كونغولى`): a slip of
/// the keyboard or a house style (the Egyptian press writes `التى`), which the letter
/// statistics tell.
fn final_ya(a: &str, b: &str) -> bool {
    let (Some(x), Some(y)) = (a.strip_suffix('ي'), b.strip_suffix('ى')) else {
        return b.strip_suffix('ي').is_some_and(|y| a.strip_suffix('ى') == Some(y));
    };
    x == y
}

/// Whether `a` and `b` (one spelling with its seats bared, see [`bare_seat`]) differ only by
/// the hamza of the name's first letter: an alif at the start of the word, after an article
/// (`والأهلاوية` / `والاهلاوية`), or after a proclitic where what follows is a word
/// (`stem_stands`: `وإليسا`; in `كإرانتي` the ك is the name's own letter).
fn initial_hamza_only(a: &str, b: &str, stem_stands: &dyn Fn(&str) -> bool) -> bool {
    a.char_indices().zip(b.chars()).all(|((i, x), y)| {
        let after_clitic = || {
            let prefix = &a[..i];
            arabic::PROCLITICS.contains(&prefix)
                && (arabic::has_article(prefix)
                    || a.get(i..).is_some_and(stem_stands)
                    || b.get(i..).is_some_and(stem_stands))
        };
        x == y || (bare_seat(x) == 'ا' && bare_seat(y) == 'ا' && (i == 0 || after_clitic()))
    })
}

/// Whether `form` is a name as the given-names list writes it (not only folded alike: the
/// list is matched on folded keys, where `ناجى` and `نائف` are the names `ناجي` and `نايف`).
fn given_as_written(form: &str) -> bool {
    static WRITTEN: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    WRITTEN
        .get_or_init(|| crate::core::data::entries(crate::core::data::GIVEN_NAMES).map(|(_, l)| l).collect())
        .contains(form)
}

/// Whether `form` folds to `name`, a given name as the list writes it, but is written another
/// way at one letter that folding hides: a final ى for the name's ي (`ناجى` / `ناجي`), or a
/// hamza seated on ي inside it for its ي (`نائف` / `نايف`). The dictionary reads such a form as
/// another word (a verb, a participle), so it stands as a word beside the name, not as that
/// name written with another hamza (`إحمد` / `احمد`); only the name's slot tells it is the
/// name respelled (see `in_slot` in [`decide`]).
fn given_twin(form: &str, name: &str) -> bool {
    if !given_as_written(name) || given_as_written(form) || form.chars().count() != name.chars().count() {
        return false;
    }
    let last = name.chars().count().saturating_sub(1);
    // (the one letter where they differ)
    let mut diff = form.chars().zip(name.chars()).enumerate().filter(|(_, (f, n))| f != n);
    match (diff.next(), diff.next()) {
        (Some((i, ('ى', 'ي'))), None) => i == last,
        (Some((i, ('ئ', 'ي'))), None) => i > 0,
        _ => false,
    }
}

/// Whether `a` and `b` differ only by a hamza on a seat inside the word, ئ for ي or ؤ for و
/// (`تائم` / `تايم`): no alif's hamza, which is the desk's style.
fn seat_inside(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
        && a.chars().zip(b.chars()).any(|(x, y)| x != y)
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || matches!((x, y), ('ئ', 'ي') | ('ي', 'ئ') | ('ؤ', 'و') | ('و', 'ؤ')))
}

/// A hamza's seat without the hamza (أ -> ا، ؤ -> و، ئ -> ي).
fn bare_seat(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        'ئ' => 'ي',
        _ => c,
    }
}

/// Hamza letters in a spelling (on alif or on a seat, or alone).
fn hamzas(form: &str) -> usize {
    form.chars().filter(|c| matches!(c, 'أ' | 'إ' | 'آ' | 'ؤ' | 'ئ' | 'ء')).count()
}

/// The function words whose hamza tells a story's style: (with hamza, without).
const HAMZA_TELLS: &[(&str, &str)] =
    &[("أن", "ان"), ("إلى", "الى"), ("أو", "او"), ("إذا", "اذا"), ("أنه", "انه"), ("أيضا", "ايضا"), ("إن", "ان")];

/// What a word tells of the story's hamza style: `Some(true)` for a function word written
/// with its hamza (bare or after و: أن، وإلى), `Some(false)` for one written without (ان،
/// والى), `None` for any other word.
pub(crate) fn hamza_tell(key: &str) -> Option<bool> {
    let bare = key.strip_prefix('و').filter(|r| r.chars().count() >= 2).unwrap_or(key);
    [key, bare].into_iter().find_map(|form| {
        if HAMZA_TELLS.iter().any(|(h, _)| *h == form) {
            Some(true)
        } else if HAMZA_TELLS.iter().any(|(_, b)| *b == form) {
            Some(false)
        } else {
            None
        }
    })
}

/// The story's hamza style from its counts of function words written with and without
/// hamza ([`hamza_tell`]): at least five of them, nine in ten one way; else `None`.
pub(crate) fn hamza_style(with: usize, without: usize) -> Option<bool> {
    let all = with + without;
    if all < 5 {
        None
    } else if 10 * with >= 9 * all {
        Some(true)
    } else if 10 * without >= 9 * all {
        Some(false)
    } else {
        None
    }
}

/// Whether the story writes hamza on alif (`Some(true)`), leaves it out (`Some(false)`), or
/// says too little to tell (`None`): read from its function words alone, bare or after و
/// (أن / ان، إلى / الى، أو / او…), at least five of them and nine in ten one way. A tie between
/// two spellings of a name that differ only by hamza keeps the one written the story's way
/// (`إليسا` in a story that writes `إلى`). A function of the story's per-word counts, which
/// the incremental engine keeps up to date ([`hamza_tell`], [`hamza_style`]).
fn story_writes_hamza(doc: &Document<'_>) -> Option<bool> {
    let (mut with, mut without) = (0, 0);
    // (what each distinct form tells, looked at once)
    let mut tells: Vec<Option<Option<bool>>> = vec![None; doc.form_count()];
    for w in &doc.words {
        let tell = match tells.get_mut(w.form as usize) {
            Some(t) => *t.get_or_insert_with(|| hamza_tell(doc.key(w))),
            None => hamza_tell(doc.key(w)),
        };
        match tell {
            Some(true) => with += 1,
            Some(false) => without += 1,
            None => {}
        }
    }
    hamza_style(with, without)
}

/// How line `line` of `doc` writes compounds opened by a head (`عبد`, `أبو`…): (apart,
/// joined) counts: each word (or its stem after a clitic) that is a head followed on its line
/// by a name part of three letters or more, and each that is a head joined to three letters
/// or more. The story's counts ([`story_compounds`]) are the sums over its lines.
pub(crate) fn line_compounds(doc: &Document<'_>, line: usize) -> (usize, usize) {
    compounds_on_line(doc, line, &mut |w| compound_kind(doc.key(w)))
}

/// What a word's key is to [`line_compounds`]: a compound head (alone or after a clitic),
/// a head joined to three letters or more, or neither (or not all Arabic letters).
#[derive(Clone, Copy, PartialEq)]
enum CompoundKind {
    Head,
    Joined,
    Neither,
}

fn compound_kind(k: &str) -> CompoundKind {
    if !k.chars().all(arabic::is_arabic_letter) {
        return CompoundKind::Neither;
    }
    let stems = || std::iter::once(k).chain(arabic::clitic_splits(k).map(|(_, s)| s));
    if stems().any(|s| COMPOUND_HEADS.contains(&s)) {
        CompoundKind::Head
    } else if stems()
        .any(|s| COMPOUND_HEADS.iter().any(|h| s.strip_prefix(h).is_some_and(|rest| rest.chars().count() >= 3)))
    {
        CompoundKind::Joined
    } else {
        CompoundKind::Neither
    }
}

/// [`line_compounds`] with each word's [`CompoundKind`] from `kind` (given its key).
fn compounds_on_line(doc: &Document<'_>, line: usize, kind: &mut dyn FnMut(&Word) -> CompoundKind) -> (usize, usize) {
    let Some(l) = doc.lines.get(line) else { return (0, 0) };
    let words = doc.words.get(l.words.clone()).unwrap_or(&[]);
    let (mut apart, mut joined) = (0, 0);
    for (i, w) in words.iter().enumerate() {
        match kind(w) {
            CompoundKind::Head => {
                let next = words.get(i + 1).map(|n| doc.key(n));
                if next.is_some_and(|n| n.chars().count() >= 3 && n.chars().all(arabic::is_arabic_letter)) {
                    apart += 1;
                }
            }
            CompoundKind::Joined => joined += 1,
            CompoundKind::Neither => {}
        }
    }
    (apart, joined)
}

/// How the story writes compounds opened by a head: (apart, joined) counts, the sums of
/// [`line_compounds`] (each distinct form looked at once). A compound written once each way
/// follows them (see [`compounds`]).
fn story_compounds(doc: &Document<'_>) -> (usize, usize) {
    let mut kinds: Vec<Option<CompoundKind>> = vec![None; doc.form_count()];
    let mut kind = |w: &Word| match kinds.get_mut(w.form as usize) {
        Some(k) => *k.get_or_insert_with(|| compound_kind(doc.key(w))),
        None => compound_kind(doc.key(w)),
    };
    (0..doc.lines.len()).map(|l| compounds_on_line(doc, l, &mut kind)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}

/// Whether a spelling that "stands" only because Hunspell reads it (its nisba and clitic
/// rules accept `الحوسي`, `القحتاني`) is nobody's word: neither it nor its stem after a
/// clitic (nor with a hamza restored) is in the frequency table, while the story's majority
/// spelling, used at least twice as often, is — or, used at least three times as often, is
/// no word either. Then it is that name's variant, as a spelling of no word at all would be.
fn only_hunspell_reads_it<W>(spelling: &Spelling<'_, W>, keep: &str, keep_count: usize, keep_word: bool) -> bool {
    use crate::core::frequency::class;
    let n = spelling.at.len();
    (keep_count >= 2 * n && class(keep).is_some() || (keep_count >= ONLY_HUNSPELL_OUTNUMBERED * n && !keep_word))
        && unwritten(spelling.form)
}

/// Whether `form` is an everyday word inflected: without a pronoun or a plural ending
/// (`يشهدها`, `مقتولين`, `اكتنزوا`; a ت before a pronoun read as ة: `طمأنينتك`) its stem of three
/// letters or more, or that stem after a clitic, is written on the web. (A nisba's ي and a
/// final ه are not stripped: they are where the dictionary reads a name into a word.)
fn inflection_written(form: &str) -> bool {
    use crate::core::frequency::class;
    const SUFFIXES: &[&str] = &["هما", "كما", "ها", "هم", "هن", "كم", "نا", "ني", "ين", "ون", "ات", "وا", "ك"];
    let written = |f: &str| f.chars().count() >= 3 && arabic::with_clitics(f, |s| class(s).is_some());
    SUFFIXES
        .iter()
        .filter_map(|suf| form.strip_suffix(suf))
        .any(|stem| written(stem) || stem.strip_suffix('ت').is_some_and(|b| written(&format!("{b}ة"))))
}

/// Whether the web does not write `form` as it is, nor with a hamza restored (see
/// [`unwritten`], which asks of its stem after a clitic too).
fn unwritten_as_is(form: &str) -> bool {
    web_class(form).is_none() && hamza_restored(form).all(|r| web_class(&r).is_none())
}

/// Pronouns a word may end with (`مرتادوها`): see [`case_before_pronoun`].
const PRONOUN_SUFFIXES: &[&str] = &["هما", "كما", "ها", "هم", "هن", "كم", "نا", "ه"];

/// Whether `a` and `b` end with the same pronoun and, before it, differ by one vowel pattern
/// for another (see [`vowel_pattern`]): a sound plural in construct in two cases
/// (`مرتادوها` / `مرتاديها`), one word inflected, not a name's two spellings.
fn case_before_pronoun(a: &str, b: &str) -> bool {
    PRONOUN_SUFFIXES.iter().any(|p| match (a.strip_suffix(p), b.strip_suffix(p)) {
        (Some(x), Some(y)) => {
            let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
            vowel_pattern(&x, &y)
        }
        _ => false,
    })
}

/// Whether the web writes neither `form` nor its stem after a clitic (a stem of
/// `STEM_LETTERS` or more), nor either with a hamza restored (the frequency table): a spelling
/// the dictionary may read (its nisba and clitic rules accept `الحوسي`; `فوده` reads as a stem
/// with a pronoun) that is nobody's word.
/// (A hamza-less spelling of a word is the desk's hamza style, not this rule's: افة / آفة.)
fn unwritten(form: &str) -> bool {
    use crate::core::frequency::class;
    let written = |f: &str| {
        class(f).is_some()
            || arabic::clitic_splits(f).any(|(_, s)| s.chars().count() >= STEM_LETTERS && class(s).is_some())
    };
    !(written(form) || hamza_restored(form).any(|r| written(&r)))
}

/// The fewest letters of a stem after a clitic that [`unwritten`] looks up: a stem of two
/// letters the web writes (`فا`, `لي`) is a particle or a letter's name, and a name of three
/// letters respelled (`ففا` beside `فيفا`) would read as a clitic on it.
const STEM_LETTERS: usize = 3;

/// How many times more often than a spelling two differences away, which is nobody's word,
/// the story must write a kept spelling that stands on its own (a given name, a word of the
/// desk's) for the two to be one name's spellings: a name the story uses is written its way
/// again and again. Once against once (no more often at all), words that merely share a
/// skeleton were flagged (about 12 new findings on the bench file, most false).
const TWO_EDITS_OUTNUMBERED: usize = 2;

/// How many times a name that is no word must be written for a dictionary word used once, one
/// difference away, that the web writes (no more often than the name), to be taken for it
/// respelled (see `subject`). Twice was too few: a word the web writes sits one letter from a name
/// written twice in a sentence of its own (`موسم القطف` beside `محافظة القطيف`).
const SUBJECT_WRITTEN: usize = 3;

/// The frequency class from which a dictionary word is rare (one in 100,000 words of the web
/// or fewer): used once one difference from a name the web never writes, which the story
/// writes at least `SUBJECT_WRITTEN` times, it is taken for the name respelled (see `subject`):
/// the web's counts cannot say the word is no commoner than the name, and a story's subject
/// is written its way again and again. (Beside a name the web writes, a word this rare may be
/// one of its own: `توعية` ×1, class 51, beside the adjective `توعوية` ×3 on the bench file.)
const RARE_CLASS: u8 = 50;

/// How many times more often than a spelling only Hunspell reads the story must write the
/// kept spelling, when the web does not write that one either (and it is no word: `قناعتك`
/// beside `قناعاتك` is a singular and a plural).
const ONLY_HUNSPELL_OUTNUMBERED: usize = 3;

/// Words that tie a name to the next, folded (`بن`, `ابن`, `بنت`, `آل`, `أبو`, `أبي`, `أبا`):
/// listed as function words and shorter than a word of content, but a name's context.
const NAME_LINKS: &[&str] = &["ابا", "ابن", "ابو", "ابي", "ال", "بن", "بنت"];

/// Titles that stand before a person's name, folded (`الدكتور`, `العميد`, `الشيخ`): the word
/// after one sits in a name's slot. Matched after و or ف, and after ل with the article's alif
/// gone (`للرئيس`).
const PERSON_TITLES: &[&str] = &[
    "الاستاذ",
    "الاستاذه",
    "الامير",
    "الاميره",
    "الدكتور",
    "الدكتوره",
    "الرايد",
    "الرييس",
    "السفير",
    "السيد",
    "السيده",
    "الشيخ",
    "الشيخه",
    "العقيد",
    "العميد",
    "الفريق",
    "القاضي",
    "اللاعب",
    "اللواء",
    "المحامي",
    "المدرب",
    "المستشار",
    "المقدم",
    "الملك",
    "المهندس",
    "المهندسه",
    "النايب",
    "النقيب",
    "الوزير",
];

/// The title `key` is, without the clitic before it (`والدكتور` and `للدكتور` are `الدكتور`).
fn person_title(key: &str) -> Option<String> {
    let f = arabic::fold(key);
    let bare = f.strip_prefix(['و', 'ف']).filter(|r| r.starts_with("ال") || r.starts_with("لل")).unwrap_or(&f);
    let bare = match bare.strip_prefix("لل") {
        Some(rest) => format!("ال{rest}"),
        None => bare.to_string(),
    };
    PERSON_TITLES.binary_search(&bare.as_str()).is_ok().then_some(bare)
}

/// Words that open a compound name, written apart or joined to the next word by different
/// outlets (`عبد العزيز` / `عبدالعزيز`, `أبو ظبي` / `أبوظبي`).
const COMPOUND_HEADS: &[&str] = &["أبا", "أبو", "أبي", "ابا", "ابو", "ابي", "عبد"];

/// Where a joined compound splits: after a head (عبدالعزيز), or before an article that
/// follows three letters or more (نورالدين), or two before `الله` or `الدين` (عزالدين, the
/// compound names of two letters and the article).
pub(crate) fn compound_split(data: &crate::core::data::Data, stem: &str) -> Option<usize> {
    let letters = |s: &str| s.chars().count();
    if let Some(h) = COMPOUND_HEADS.iter().find(|h| stem.starts_with(*h)) {
        return (letters(&stem[h.len()..]) >= 3).then_some(h.len());
    }
    let p = stem
        .char_indices()
        .enumerate()
        .find(|&(n, (i, _))| {
            let rest = &stem[i..];
            (n >= 3 && rest.starts_with("ال") && letters(rest) >= 4)
                || (n == 2 && corrector::COMPOUND_SECOND.contains(&rest))
        })
        .map(|(_, (i, _))| i)?;
    let head = &stem[..p];
    (!head.starts_with("ال") && !data.function_words.contains(&arabic::fold(head))).then_some(p)
}

/// What [`compounds`] reads of the words of line `line` of `doc`, as hashes of forms (for the
/// incremental engine, which runs `compounds` only on the lines that hold a compound written
/// both ways): `joinable`, the forms of words that may be a compound written joined (step 1);
/// `pairs`, the joined forms of two words that may be one written apart (step 2, whatever
/// the rest of the story holds); `forms`, every form of every word that may be a joined
/// compound (step 3 looks them up).
pub(crate) fn compound_facts(
    data: &crate::core::data::Data,
    doc: &Document<'_>,
    line: usize,
    joinable: &mut Vec<u64>,
    pairs: &mut Vec<u64>,
    forms: &mut Vec<u64>,
) {
    let Some(l) = doc.lines.get(line) else { return };
    let words = &doc.words[l.words.clone()];
    let letters = |s: &str| s.chars().count();
    let is_name_part = |s: &str| s.chars().all(arabic::is_arabic_letter);
    let mut buf = String::new();
    for (i, w) in words.iter().enumerate() {
        let k = doc.key(w);
        let name = letters(k) >= 5 && is_name_part(k);
        for stem in std::iter::once(k).chain(arabic::clitic_splits(k).map(|(_, s)| s)) {
            if compound_split(data, stem).is_some() {
                forms.push(form_hash(stem));
                if name {
                    joinable.push(form_hash(stem));
                }
            }
        }
        let Some(b) = words.get(i + 1) else { continue };
        let kb = doc.key(b);
        if !is_name_part(kb) || !doc.text[w.range.end..b.range.start].chars().all(|c| c == ' ' || c == '\u{a0}') {
            continue;
        }
        for head in std::iter::once(k).chain(arabic::clitic_splits(k).map(|(_, s)| s)) {
            buf.clear();
            buf.push_str(head);
            buf.push_str(kb);
            if compound_split(data, &buf) == Some(head.len()) {
                pairs.push(form_hash(&buf));
            }
        }
    }
}

/// A hash of a form (for [`compound_facts`]).
pub(crate) fn form_hash(form: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(form)
}

/// A compound name written apart somewhere and joined elsewhere: `عبد العزيز` and
/// `عبدالعزيز`, `أبو ظبي` and `أبوظبي`, or a name with the article (`نور الدين`, when the
/// joined form is no word). The story's more frequent way is kept; on a tie, the way the
/// story writes its other compounds (`style`: [`story_compounds`], called only on a tie).
pub(crate) fn compounds(ctx: &Context<'_>, style: &dyn Fn() -> (usize, usize), out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let words = &doc.words;
    let letters = |s: &str| s.chars().count();
    let is_name_part = |s: &str| s.chars().all(arabic::is_arabic_letter);
    // Where a joined compound splits: after a head (عبدالعزيز), or before an article that
    // follows three letters or more (نورالدين).
    let split_at = |stem: &'_ str| compound_split(ctx.data, stem);
    // 1. Words that may be compounds written joined, with where they split (one look at each
    // distinct word: most stories have none, and then the pairs are never looked at).
    // (by the document's form ids)
    let mut seen: Vec<bool> = vec![false; doc.form_count()];
    let mut joinable: FxHashMap<&str, usize> = FxHashMap::default();
    for w in words {
        match seen.get_mut(w.form as usize) {
            Some(true) => continue,
            Some(s) => *s = true,
            None => {}
        }
        let k = doc.key(w);
        if letters(k) < 5 || !is_name_part(k) {
            continue;
        }
        for stem in std::iter::once(k).chain(arabic::clitic_splits(k).map(|(_, s)| s)) {
            if let Some(at) = split_at(stem) {
                joinable.insert(stem, at);
            }
        }
    }
    if joinable.is_empty() {
        return;
    }
    let firsts: FxHashSet<&str> = joinable.iter().map(|(form, &at)| &form[..at]).collect();
    // 2. The same compounds written apart: joined form -> (first word, byte offset of the
    // head in its key).
    let mut apart: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
    let mut buf = String::new();
    // The heads in each distinct form of a first word, found once by form id: the byte
    // offsets in its key of the stems that are the first part of a joined form (most forms
    // have none). `heads_of[form]`: its span in `heads`.
    let mut heads_of: Vec<Option<(usize, usize)>> = vec![None; doc.form_count()];
    let mut heads: Vec<usize> = Vec::new();
    for (i, pair) in words.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        if a.line != b.line {
            continue;
        }
        let ka = doc.key(a);
        let find = |heads: &mut Vec<usize>| {
            let start = heads.len();
            let offsets = std::iter::once(0).chain(arabic::clitic_splits(ka).map(|(p, _)| p.len()));
            heads.extend(offsets.filter(|&at| ka.get(at..).is_some_and(|head| firsts.contains(head))));
            (start, heads.len())
        };
        let (from, to) = match heads_of.get_mut(a.form as usize) {
            Some(Some(span)) => *span,
            Some(slot) => *slot.insert(find(&mut heads)),
            None => find(&mut heads),
        };
        if from == to {
            continue;
        }
        let kb = doc.key(b);
        for &at in heads.get(from..to).unwrap_or(&[]) {
            let head = ka.get(at..).unwrap_or("");
            if !is_name_part(kb) || !doc.text[a.range.end..b.range.start].chars().all(|c| c == ' ' || c == '\u{a0}') {
                continue;
            }
            buf.clear();
            buf.push_str(head);
            buf.push_str(kb);
            if let Some((&form, &split)) = joinable.get_key_value(buf.as_str()) {
                if split == head.len() {
                    apart.entry(form).or_default().push((i, at));
                }
            }
        }
    }
    if apart.is_empty() {
        return;
    }
    // 3. Joined form -> occurrences written joined: (word, byte offset of the form in its key).
    let mut joined: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
    // (each distinct form looked up once)
    let mut found_of: Vec<Option<Option<(usize, &str)>>> = vec![None; doc.form_count()];
    for (i, w) in words.iter().enumerate() {
        let look = || {
            let k = doc.key(w);
            std::iter::once((0, k))
                .chain(arabic::clitic_splits(k).map(|(p, s)| (p.len(), s)))
                .find(|(_, form)| apart.contains_key(*form))
        };
        let found = match found_of.get_mut(w.form as usize) {
            Some(f) => *f.get_or_insert_with(look),
            None => look(),
        };
        if let Some((at, form)) = found {
            joined.entry(form).or_default().push((i, at));
        }
    }
    let mut groups: Vec<(&str, &Places, &Places)> = joined
        .iter()
        .filter_map(|(form, j)| apart.get(*form).map(|a| (*form, a, j)))
        .filter(|(form, a, _)| {
            // With the article rather than a head: only when the joined form is no word.
            let head = &words[a[0].0];
            let head_key = doc.key(head).get(a[0].1..).unwrap_or("");
            COMPOUND_HEADS.contains(&head_key) || !ctx.lexicon.is_some_and(|lex| lex.knows_with_clitics(form))
        })
        .collect();
    groups.sort_by_key(|(_, a, j)| a[0].0.min(j[0].0));
    for (form, apart, joined) in groups {
        let first = &words[apart[0].0];
        let head_len = doc.key(first).len() - apart[0].1;
        let (head, rest) = form.split_at(head_len.min(form.len()));
        if !form.is_char_boundary(head.len()) || head.is_empty() {
            continue;
        }
        let split_form = format!("{head} {rest}");
        // A word before a definite one is a compound name only with `الله` or `الدين` after it
        // (`نصرالله`, `نورالدين`); any other pair written joined (`لكرةالقدم`, `خالدالفيصل`) is
        // two words with the space dropped, however the story writes them elsewhere.
        let name_compound = COMPOUND_HEADS.contains(&head) || corrector::COMPOUND_SECOND.contains(&rest);
        // The more frequent way; on a tie, the way the story writes its other compounds
        // (`عبد الله` / `عبدالله` in a story that writes `عبد الرحمن` and `أبو علي`), else the
        // earlier.
        let keep_apart = !name_compound
            || match apart.len().cmp(&joined.len()) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Less => false,
                std::cmp::Ordering::Equal => {
                    let style = style();
                    let others = (style.0.saturating_sub(apart.len()), style.1.saturating_sub(joined.len()));
                    if others.0 > 2 * others.1 {
                        true
                    } else if others.1 > 2 * others.0 {
                        false
                    } else {
                        apart[0].0 < joined[0].0
                    }
                }
            };
        let times = |n: usize| if n == 1 { "once".to_string() } else { format!("{n} times") };
        if keep_apart {
            for &(wi, at) in joined {
                let w = &words[wi];
                let (key, map) = arabic::key_with_map(doc.word_text(w));
                let split_at = at + head.len();
                let (range, replacement) = arabic::source_edit(&key, &map, split_at, split_at, " ");
                let start = w.range.start + arabic::source_edit(&key, &map, at, at, "").0.start;
                let written = &doc.text[start..w.range.end];
                out.push(compound_finding(
                    start..w.range.end,
                    format!(
                        "Name spelled two ways: «{written}» here, «{split_form}» elsewhere in the story ({})",
                        times(apart.len())
                    ),
                    &split_form,
                    Edit::replace(w.range.start + range.start..w.range.start + range.end, replacement),
                ));
            }
        } else {
            for &(wi, at) in apart {
                let (a, b) = (&words[wi], &words[wi + 1]);
                let (key, map) = arabic::key_with_map(doc.word_text(a));
                let start = a.range.start + arabic::source_edit(&key, &map, at, at, "").0.start;
                let written = &doc.text[start..b.range.end];
                out.push(compound_finding(
                    start..b.range.end,
                    format!(
                        "Name spelled two ways: «{written}» here, «{form}» elsewhere in the story ({})",
                        times(joined.len())
                    ),
                    form,
                    Edit::replace(a.range.end..b.range.start, String::new()),
                ));
            }
        }
    }
}

/// Where a form occurs: (word index, byte offset of the form in the word's key).
type Places = Vec<(usize, usize)>;

fn compound_finding(range: std::ops::Range<usize>, message: String, keep: &str, edit: Edit) -> Finding {
    Finding {
        rule: RULE.id,
        severity: RULE.default_severity,
        range,
        message,
        fixes: vec![Fix {
            title: format!("Replace with «{keep}»"),
            applicability: Applicability::Safe,
            edits: vec![edit],
        }],
    }
}

/// Why a spelling is flagged: another spelling is the story's (more frequent, or ranked above
/// it on a tie), the house spelling, or a tie the rule leaves undecided (both flagged).
#[derive(Clone, Copy, PartialEq)]
enum How {
    Majority,
    House,
    Undecided,
}

/// A finding on one occurrence of a variant: `keep` is the spelling the story keeps (for the
/// message), `fix` the same written as this word writes its clitics.
fn finding<T: Words>(words: &T, word: T::Id, at: usize, keep: &str, fix: &str, keep_count: usize, how: How) -> Finding {
    let (text, base) = words.written(word);
    // The name part of the word (after any clitic; a ligature holding one is rewritten whole).
    let (key, map) = arabic::key_with_map(text);
    let (range, replacement) = arabic::source_edit(&key, &map, at, key.len(), fix);
    let start = base + range.start;
    let written = text.get(range.start..).unwrap_or("");
    let end = base + text.len();
    let times = if keep_count == 1 { "once".to_string() } else { format!("{keep_count} times") };
    let message = match how {
        How::House => format!("Name variant «{written}»: the house spelling is «{keep}»"),
        How::Majority => format!("Name spelled two ways: «{written}» here, «{keep}» elsewhere in the story ({times})"),
        How::Undecided => format!(
            "Name spelled two ways: «{written}» here, «{keep}» elsewhere in the story ({times} each; which is right is not clear)"
        ),
    };
    Finding {
        rule: RULE.id,
        severity: RULE.default_severity,
        range: start..end,
        message,
        fixes: vec![Fix {
            title: format!("Replace with «{fix}»"),
            // A name's spelling is the desk's, not the speaker's: safe inside quotations too;
            // but not when the rule cannot tell which spelling is right (both are flagged).
            applicability: if how == How::Undecided { Applicability::Unsafe } else { Applicability::Safe },
            edits: vec![Edit::replace(start..base + range.end, replacement)],
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plural_in_construct_in_two_cases_is_one_word() {
        assert!(case_before_pronoun("مراجعوها", "مراجعيها"));
        assert!(case_before_pronoun("زائروهم", "زائريهم"));
        assert!(!case_before_pronoun("زائروهم", "زائرهم"));
        assert!(!case_before_pronoun("الحصيين", "الحوثيين"));
    }

    #[test]
    fn a_broken_plural_is_no_spelling() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        assert!(broken_plural(&c("داعش"), &c("دواعش")));
        assert!(broken_plural(&c("داعش"), &c("الدواعش")));
        assert_eq!(edits_within("داعش", "دواعش", true, false, 3), None);
        // (A long vowel written elsewhere is a spelling: `داود` / `داوود`.)
        assert!(!broken_plural(&c("داود"), &c("داوود")));
        assert!(!broken_plural(&c("دعش"), &c("دواعش")));
    }

    #[test]
    fn same_sound_by_table_is_same_sound_by_the_sets() {
        let by_sets = |a: char, b: char| {
            a == b || (!(is_seat(a) && is_seat(b)) && SAME_SOUND.iter().any(|s| s.contains(&a) && s.contains(&b)))
        };
        let letters = (0x600..0x700).chain(0..0x80).chain([0xFB50, 0xFEFB, 0x10FFFF]).filter_map(char::from_u32);
        let letters: Vec<char> = letters.collect();
        let mut pairs = 0;
        for &a in &letters {
            for &b in &letters {
                assert_eq!(same_sound(a, b), by_sets(a, b), "{a} {b}");
                pairs += usize::from(a != b && same_sound(a, b));
            }
        }
        // (the sets are not empty: ت/ط both ways, the hamza seats with alif, ...)
        assert!(pairs > 40, "{pairs}");
        assert!(same_sound('ت', 'ط') && same_sound('ؤ', 'و') && !same_sound('ؤ', 'ئ') && !same_sound('ت', 'د'));
    }

    #[test]
    fn edits_within_a_cap_are_the_edits_when_no_more() {
        // Every pair of a list of spellings (articles, ل + the article, vowels, doubled
        // letters, hamza seats, lengths far apart), every cap and both vowel settings.
        let forms = [
            "بوتين",
            "بوتن",
            "بووتين",
            "البوتين",
            "للبوتين",
            "ماربيا",
            "ماربا",
            "ميكائيل",
            "ميكايل",
            "ميكال",
            "كاميللا",
            "كاميلا",
            "كميلا",
            "الحوثيين",
            "الحوثثيين",
            "للحوثثيين",
            "سيرجي",
            "سيرغي",
            "ابن",
            "بوتينوفيتشكايا",
        ];
        for a in forms {
            for b in forms {
                for (vowels, before_final) in [(true, false), (true, true), (false, false)] {
                    let full = edits_with(a, b, vowels, before_final);
                    for cap in 0..4 {
                        let want = full.filter(|&d| d <= cap);
                        assert_eq!(edits_within(a, b, vowels, before_final, cap), want, "{a} {b} {vowels} {cap}");
                    }
                }
            }
        }
        assert_eq!(edits_with("بوتين", "بووتين", true, false), Some(1));
    }

    #[test]
    fn a_final_taa_written_as_a_long_vowel_and_ha() {
        assert_eq!(taa_written_long("الزعفرونة", "الزعفرونوه", MAX_EDITS), Some(1));
        assert_eq!(taa_written_long("الزعفرونياه", "الزعفرونة", MAX_EDITS), None);
        assert_eq!(taa_written_long("الزعفرونة", "الزعفرنوه", MAX_EDITS), Some(2));
        assert_eq!(taa_written_long("الزعفرونة", "الزعفرونه", MAX_EDITS), None);
        assert_eq!(taa_written_long("الزعفرونة", "الزعفرونوه", 0), None);
        // (a short stem is a word and its suffix)
        assert_eq!(taa_written_long("سنة", "سناه", MAX_EDITS), None);
    }

    #[test]
    fn variants_of_one_name() {
        for (a, b) in [
            ("سيرغي", "سيرجي"),
            ("أردوغان", "أردوجان"),
            ("ترمب", "ترامب"),
            ("زيلينسكي", "زيلنسكي"),
            ("فلاديمير", "ڤلاديمير"),
            ("أنطونيو", "أنتونيو"),
            ("بوتين", "بوتن"),
            ("ميركل", "ميركيل"),
            ("كاميلا", "كاميللا"),
            ("هوارد", "هاورد"),
            ("ميكائيل", "ميكايل"),
            ("الحذيفي", "الحذيفى"),
            ("ستولتنبرغ", "ستولتنبرج"),
            ("الصوبر", "السوبر"),
            ("هاورد", "هاوردد"),
            ("غسان", "غسن"),
        ] {
            assert_eq!(skeleton_hash(a), skeleton_hash(b), "{a} {b}");
            assert!(variant_edits(a, b, true).is_some_and(|e| (1..=MAX_EDITS).contains(&e)), "{a} {b}");
        }
    }

    fn findings(text: &str) -> Vec<Finding> {
        let doc = Document::new(text);
        let data = crate::core::data::Data::new(&crate::core::Config::default());
        let ctx = Context { doc: &doc, data: &data, lexicon: None };
        let mut out = Vec::new();
        check(&ctx, &mut out);
        out
    }

    #[test]
    fn what_the_misspelling_rule_mends_is_left_to_it() {
        // Hamzat al-wasl written as qat', and ه for the taa marbuta of a definite word: one
        // finding (misspelling's), not two.
        assert!(findings("وأعلن الاتحاد المحلي خطته، ثم عاد الإتحاد فعدّلها.\r\n").is_empty());
        assert!(findings("ارتفعت البورصة أمس 🙂 وتراجعت البورصه اليوم.").is_empty());
        assert!(findings("دعا إلى العدل والمساواة، وإلى الحرية والمساواه.").is_empty());
        // A name still is a name (no article, so no taa marbuta slip): سكينه / سكينة.
        assert_eq!(findings("الطفلة سكينة بخير، وقالت أم سكينه إنها تتعافى.").len(), 1);
    }

    #[test]
    fn a_spelling_is_compared_with_every_spelling_ranked_above_it() {
        // `جرد` (an inventory, three times) shares its letters' skeleton with the name
        // `جاريد` / `غاريد`; the name's two spellings are still each other's variants
        // (the kept one was compared with `جرد` alone, which neither is a spelling of).
        let text =
            "أجرت إدارة المتجر جرد المخزون، وتابع جاريد كوشنر جرد الفروع.\r\nوقال غاريد كوشنر إن جرد العام مطمئن.";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(text[f[0].range.clone()].contains("اريد"), "{f:?}");
        // With the name once and no other spelling, the word and the name stay apart.
        assert!(findings("أجرت إدارة المتجر جرد المخزون، وتابع جاريد كوشنر جرد الفروعِ.").is_empty());
    }

    #[test]
    fn regularity_finds_the_slip() {
        // A letter written twice, a letter few outlets use, a final ى: less regular.
        assert!(regularity("كوستيللو") < regularity("كوستيلو"));
        assert!(regularity("ڤاليرو") < regularity("فاليرو"));
        assert!(regularity("غوسبببر") < regularity("غوسبر"));
        // Hamza seats are the desk's style: alike.
        assert_eq!(regularity("ألفونسو"), regularity("الفونسو"));
        assert_eq!(regularity("سائد"), regularity("سايد"));
        // Any input: a number, never a panic.
        for s in ["", "a", "🙂", "ـ", "اً"] {
            assert!(regularity(s).is_finite(), "{s}");
        }
    }

    #[test]
    fn one_against_one_the_less_regular_spelling_is_the_variant() {
        // Used twice, the first occurrence respelled: neither spelling is a known word, so
        // the rarer writing (ڤ) is the variant even though it comes first.
        let text = "افتتح رجلُ الأعمال ڤاليرو متجرَه الجديد 🛍️.\r\nوقال فاليرو إن الإقبال فاق توقعاته.\r\n";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&text[f[0].range.clone()], "ڤاليرو");
        assert_eq!(f[0].fixes[0].edits[0].replacement, "فاليرو");
        // A hamza seat decides nothing: the earlier spelling is kept.
        let text = "أعلن المدرب ألفونسو التشكيلةَ.\r\nوقال الفونسو إن اللاعبين جاهزون.";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&text[f[0].range.clone()], "الفونسو");
    }

    #[test]
    fn an_undecided_tie_flags_both_spellings_with_unsafe_fixes() {
        // Neither spelling is a name, a word or on the web, and their letters are about as
        // regular: both are flagged, each with the other, and `--fix` applies neither.
        let text = "التقى الوزيرُ بالمهندس اليوناني ستافروكيس في أثينا 🏛️.\r\nوقال ستافروقيس إن المشروع سيبدأ قريباً.";
        assert!((regularity("ستافروكيس") - regularity("ستافروقيس")).abs() < UNDECIDED_MARGIN);
        let mut f = findings(text);
        f.sort_by_key(|f| f.range.start);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|f| !f.fixes[0].is_safe() && f.message.contains("once each")), "{f:?}");
        assert_eq!(fixed(text, &f[0]), text.replacen("ستافروكيس", "ستافروقيس", 1));
        assert_eq!(fixed(text, &f[1]), text.replacen("ستافروقيس", "ستافروكيس", 1));
        // A final ة written ه, and a letter written twice, are slips the rule still decides,
        // though the letter statistics are as close (one finding, a safe fix).
        assert!((regularity("كرمانشة") - regularity("كرمانشه")).abs() < UNDECIDED_MARGIN);
        let text = "زار الوفدُ بلدة كرمانشة الجبلية أمس.\nوقال المحافظ إن كرمانشه تستعد للموسم 🌄.";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].fixes[0].is_safe() && &text[f[0].range.clone()] == "كرمانشه", "{f:?}");
        assert!(final_taa("وشبوة", "وشبوه") && final_taa("وشبوه", "وشبوة") && !final_taa("شبوة", "شبوة"));
        assert!(!final_taa("شبوه", "شبوه") && !final_taa("", "ة") && !final_taa("🙂", "ه"));
        assert!(doubled_letter("الإنتركونتننتال", "الإنتركونتنتال") && doubled_letter("كوستيلو", "كوستيللو"));
        assert!(!doubled_letter("كوستيلو", "كوستيلو") && !doubled_letter("ترمب", "ترامب") && !doubled_letter("", "اا"));
        assert!(doubled_letter("ا", "اا") && !doubled_letter("🙂", ""));
        // A name or a word on one side decides the tie as before (one finding).
        let text = "افتتح رجلُ الأعمال ڤاليرو متجرَه الجديد.\nوقال فاليرو إن الإقبال فاق توقعاته.";
        assert_eq!(findings(text).len(), 1);
    }

    #[test]
    fn a_tie_between_hamza_seats_follows_the_storys_hamza_style() {
        let style = |words: &[(&str, usize)]| {
            let count = |w: bool| words.iter().filter(|(k, _)| hamza_tell(k) == Some(w)).map(|(_, n)| n).sum();
            hamza_style(count(true), count(false))
        };
        assert_eq!(style(&[("أن", 3), ("إلى", 2), ("وأنه", 1), ("الكتاب", 9)]), Some(true));
        assert_eq!(style(&[("ان", 3), ("الى", 2), ("او", 1), ("اذا", 1)]), Some(false));
        // Mixed, or too few to tell: no style.
        assert_eq!(style(&[("أن", 3), ("ان", 3)]), None);
        assert_eq!(style(&[("أن", 4)]), None);
        assert_eq!(style(&[("", 1), ("و", 9), ("🙂", 2)]), None);
        // A story that writes hamza: the hamza-less spelling is the variant, even first.
        let text = "غنّت اليسا أمس، وقالت إنها سعيدة بالعودة إلى المسرح.\r\nوأكد المنظمون أن الحفل نجح، وأنه سيتكرر إذا سمحت الظروف أو تحسن الطقس.\r\nوأضافت إليسا أن جمهورها هو الأهم 🎤.";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&text[f[0].range.clone()], "اليسا");
        // A story without hamza: the hamzated spelling is the variant.
        let text = "قالت ايفا ان الفيلم سيعرض قريبا، واضافت انه يروي قصة.\nوذكرت الى جانب ذلك ان التصوير استغرق عاما او اكثر.\nوختمت إيفا حديثها.";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&text[f[0].range.clone()], "إيفا");
    }

    #[test]
    fn a_compound_tie_follows_the_storys_other_compounds() {
        // Once joined, once apart: the story writes its other compounds apart.
        let text = "وصل عبدالله إلى الرياض، واستقبله عبد الرحمن.\nوقال أبو علي إن عبد العزيز سيحضر، وإن عبد الكريم اعتذر.\nوأكد عبد الله أن الزيارة نجحت.";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&text[f[0].range.clone()], "عبدالله");
        assert_eq!(f[0].fixes[0].edits[0].replacement, " ");
        // No other compound: the earlier way is kept.
        let text = "وصل عبدالله إلى الرياض.\nوأكد عبد الله أن الزيارة نجحت.";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&text[f[0].range.clone()], "عبد الله");
        assert_eq!(story_compounds(&Document::new("عبد الرحمن وعبدالله وأبو علي وأبوظبي 🙂")), (2, 2));
        // (a head at a line's end is followed by nothing on its line)
        assert_eq!(story_compounds(&Document::new("قال عبد\r\nالرحمن")), (0, 0));
    }

    #[test]
    fn two_words_one_consonant_apart() {
        assert!(consonant_swap("نكدية", "نقدية"));
        assert!(consonant_swap("المغرر", "المقرر"));
        assert!(!consonant_swap("ترمب", "ترامب"));
        assert!(!consonant_swap("الحذيفى", "الحذيفي"));
        assert!(!consonant_swap("سكينه", "سكينة"));
        assert!(!consonant_swap("", "🙂"));
        let known = |w: &str| ["نكد", "شنطة", "غرر"].contains(&w);
        assert!(another_word("نكدية", &known));
        assert!(another_word("شنط", &known));
        assert!(another_word("المغرر", &known));
        assert!(!another_word("الثجفي", &known));
        assert!(!another_word("ـ", &known));
    }

    /// The text with a finding's first fix applied.
    fn fixed(text: &str, f: &Finding) -> String {
        crate::core::apply_edits(text, &f.fixes[0].edits).0
    }

    #[test]
    fn a_name_after_lil_is_the_name_after_the_article() {
        // ل + the article is written لل: `للكرمطاني` is `الكرمتاني` respelled, and its fix
        // keeps the ل (`للكرمتاني`).
        let text =
            "أعلن النادي تعاقده مع الكرمتاني لموسمين.\nوقال المدرب إن الكرمتاني إضافة.\nوأضاف أن للكرمطاني دورًا 🙂.";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&text[f[0].range.clone()], "للكرمطاني");
        assert_eq!(fixed(text, &f[0]), text.replace("للكرمطاني", "للكرمتاني"));
        // The other way: the article alone respelled, beside the name written after لل.
        let text = "وأضاف أن للكرمتاني دورًا.\nوقال إن للكرمتاني مستقبلًا.\nوأشاد المدرب بأداء الكرمطاني.";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(fixed(text, &f[0]), text.replace("الكرمطاني", "الكرمتاني"));
        // After و too.
        let text = "أشاد المدرب بالكرمتاني، وقال إن الكرمتاني جاهز وللكرمطاني الحق في الراحة.";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(fixed(text, &f[0]), text.replace("وللكرمطاني", "وللكرمتاني"));
        // One name with and without ل is no variant; nor is a word whose ل is its own
        // (`للحم` is ل + اللحم).
        assert!(findings("وقال إن الكرمتاني جاهز، وإن للكرمتاني الحق في الراحة.").is_empty());
        assert!(findings("ارتفع سعر اللحم، وقال التاجر إن للحم موسمًا.").is_empty());
        assert_eq!(lil_pair("للحوثيين", "الحوثيين"), Some(("حوثيين", "حوثيين")));
        assert_eq!(lil_pair("الحوثيين", "للحوثيين"), None);
        assert_eq!(written_like("وللكرمطاني", "والكرمتاني"), "وللكرمتاني");
        assert_eq!(written_like("الكرمطاني", "للكرمتاني"), "الكرمتاني");
        assert_eq!(written_like("كرمطاني", "كرمتاني"), "كرمتاني");
        assert_eq!(skeleton_hash("للكرمطاني"), skeleton_hash("الكرمتاني"));
        // The name after لل, ranked below the same after ال, is no variant of a third
        // spelling (`للكرمتاني` is `الكرمتاني`, not `الكرمطاني` respelled).
        let text = "أشاد المدرب بأداء الكرمتاني.\nوقال إن الكرمتاني جاهز.\nوأضاف أن للكرمتاني دورًا، وأن الكرمطاني ودّع.\nوعاد الكرمطاني مساءً.";
        let f = findings(text);
        assert!(f.iter().all(|f| !text[f.range.clone()].starts_with("لل")), "{f:?}");
        assert!(same_after_article("للكرمتاني", "الكرمتاني") && same_after_article("الكرمتاني", "للكرمتاني"));
        assert!(!same_after_article("للكرمطاني", "الكرمتاني"));
        assert_eq!(as_article("وللكرمتاني").as_deref(), Some("والكرمتاني"));
        assert_eq!(as_article("الكرمتاني"), None);
        for s in ["لل", "ل", "", "لل🙂"] {
            let _ = (skeleton_hash(s), variant_edits(s, "ال", true), written_like(s, "ال"));
        }
    }

    #[test]
    fn a_name_only_written_after_clitics_is_read_from_its_article() {
        // No word of the story is the name alone: after two different clitic chains, the two
        // spellings meet from the article on, and the fix keeps each word's clitic.
        let text = "أشاد المدرب بالكرمطاني في المؤتمر.\nوقال إن الفريق والكرمتاني جاهزان.";
        let f = findings(text);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(&text[f[0].range.clone()], "الكرمطاني");
        assert_eq!(fixed(text, &f[0]), text.replace("بالكرمطاني", "بالكرمتاني"));
        let none = |_| 0;
        assert_eq!(
            name_form("وبالكرمتاني", skeleton_hash("وبالكرمتاني"), none),
            (4, "الكرمتاني", skeleton_hash("الكرمتاني"))
        );
        assert_eq!(name_form("وللكرمتاني", skeleton_hash("وللكرمتاني"), none).1, "للكرمتاني");
        // A word that only opens like a chain, or whose rest is too short, is read whole; and
        // a stem the story writes alone still decides first.
        assert_eq!(name_form("بالون", skeleton_hash("بالون"), none).1, "بالون");
        assert_eq!(name_form("الكرمتاني", skeleton_hash("الكرمتاني"), none).1, "الكرمتاني");
        let bare = skeleton_hash("كرمتاني");
        assert_eq!(name_form("بالكرمتاني", skeleton_hash("بالكرمتاني"), |s| usize::from(s == bare)).1, "كرمتاني");
        for s in ["وال", "بال", "ولل", "وبال🙂", ""] {
            let _ = (article_chain(s), name_form(s, skeleton_hash(s), none));
        }
    }

    #[test]
    fn compounds_written_apart_and_joined() {
        let f = findings("وصل عبد العزيز صباحاً، ثم غادر عبد العزيز مساءً. وكان عبدالعزيز قد زار المدينة.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].fixes[0].edits[0].replacement, " ");
        // Words that merely follow each other are no compound: في + الوقت.
        assert!(findings("في الوقت نفسه، وفيالوقت ذاته").is_empty());
    }

    #[test]
    fn a_long_vowel_before_a_final_vowel_only_when_asked() {
        for (a, b) in [("ماربيا", "ماربا"), ("شنغهاي", "شنغهي"), ("اليحيى", "اليحى"), ("الاستديو", "الاستدو")]
        {
            assert_eq!(skeleton_hash(a), skeleton_hash(b), "{a} {b}");
            assert_eq!(variant_edits(a, b, true), None, "{a} {b}");
            assert_eq!(edits_with(a, b, true, true), Some(1), "{a} {b}");
            assert_eq!(edits_with(b, a, true, true), Some(1), "{a} {b}");
        }
        // Never before a final ة or ه (a nisba beside its noun), nor one vowel pattern for
        // another, nor without the dictionary's vowels.
        for (a, b) in [("تهامية", "تهامة"), ("إضافية", "إضافة"), ("ميشال", "ميشيل")] {
            assert_eq!(edits_with(a, b, true, true), None, "{a} {b}");
        }
        assert_eq!(edits_with("ماربيا", "ماربا", false, true), None);
    }

    #[test]
    fn different_people_stay_apart() {
        for (a, b) in [
            ("بيسكوف", "بوشكوف"),
            ("جونسون", "جانسن"),
            ("الحوثيون", "الحوثيين"),
            ("داعش", "داعشي"),
            ("إضافة", "إضافية"),
            ("المسلمون", "المسلمين"),
            ("ميشال", "ميشيل"),
            ("فرنسا", "فرنسوا"),
            ("الأهلي", "الأهلاوي"),
            ("منهج", "ممنهج"),
            ("الشكل", "الاشكال"),
            ("عمر", "عمرو"),
            ("وللحوثيين", "والحوثيين"),
            ("للجمعية", "الجمعية"),
            // the hamza's seat follows the case ending: one word inflected
            ("أبناؤهم", "أبنائهم"),
            ("شركاءها", "شركائها"),
        ] {
            assert!(
                skeleton_hash(a) != skeleton_hash(b) || variant_edits(a, b, true).is_none_or(|e| e > MAX_EDITS),
                "{a} {b}"
            );
        }
    }

    #[test]
    fn person_titles_are_sorted_folded_keys_read_through_clitics() {
        assert!(PERSON_TITLES.windows(2).all(|w| w[0] < w[1]));
        assert!(PERSON_TITLES.iter().all(|t| arabic::fold(t) == *t));
        for (word, title) in [("والدكتور", "الدكتور"), ("للرئيس", "الرييس"), ("فالشيخ", "الشيخ"), ("الأمير", "الامير")]
        {
            assert_eq!(person_title(word).as_deref(), Some(title), "{word}");
        }
        for word in ["دكتور", "الرؤساء", "والد"] {
            assert_eq!(person_title(word), None, "{word}");
        }
    }

    #[test]
    fn doubles_counts_consonants_written_twice_after_the_article() {
        for (form, n) in [("داوود", 0), ("الليمون", 0), ("كوستيللو", 1), ("للحوثثيين", 1), ("دافتتس", 1), ("", 0)]
        {
            assert_eq!(doubles(form), n, "{form}");
        }
    }

    #[test]
    fn letter_bags_bound_the_edits_from_below() {
        // Every pair of a few invented spellings, with and without vowel edits and before a
        // final vowel: the bound never exceeds the edits counted, and a bound over MAX_EDITS
        // means no variant within MAX_EDITS.
        let forms = [
            "كورتاني",
            "كورطاني",
            "كرتاني",
            "كورتانى",
            "الكورتاني",
            "للكورتاني",
            "قورتاني",
            "كورتانيي",
            "ماليندو",
            "مالندو",
            "ماليند",
            "مالينضو",
            "بالينتو",
            "المالينتو",
            "ساردوفا",
            "صاردوفا",
            "الكرطاني",
            "للكرتاني",
            "وللكورتاني",
            "والكرطني",
            "للمالندو",
            "الماليندو",
        ];
        for a in forms {
            for b in forms {
                let floor = edits_floor(a, &letter_bag(a), b, &letter_bag(b));
                for (vowels, before_final) in [(true, false), (false, false), (true, true)] {
                    if let Some(e) = edits_within(a, b, vowels, before_final, u32::MAX) {
                        assert!(floor <= e as usize, "{a} / {b}");
                    }
                    if floor > MAX_EDITS as usize {
                        assert_eq!(edits_within(a, b, vowels, before_final, MAX_EDITS), None, "{a} / {b}");
                    }
                }
            }
        }
        assert_eq!(bag_bound(&letter_bag("كورتاني"), &letter_bag("ساردوفا")), 4);
        assert_eq!(bag_bound(&letter_bag(&"ك".repeat(30)), &letter_bag("ساردوفا")), 0);
    }

    #[test]
    fn a_given_twin_is_the_list_name_written_at_a_folded_letter() {
        for (form, name, twin) in [
            ("ناجى", "ناجي", true),
            ("نائف", "نايف", true),
            ("ناجي", "ناجى", false),
            ("احمد", "أحمد", false),
            ("ناجى", "ناجيي", false),
            ("يحيي", "يحيى", false),
            ("ئايف", "نايف", false),
        ] {
            assert_eq!(given_twin(form, name), twin, "{form} / {name}");
        }
    }
}
