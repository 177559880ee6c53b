//! A spelling corrector driven by the dictionary and a word-frequency table, not by lists: for a
//! word the dictionary rejects, the edits Arabic writers make, kept when the dictionary accepts
//! them, ranked by frequency and by the story itself; an answer only when one clearly wins.
//!
//! Pure: the dictionary is passed in, the frequency table is compiled in.

use rustc_hash::FxHashMap;

use crate::core::arabic;
use crate::core::frequency;
use crate::core::lexicon::Lexicon;
use crate::core::rules::name_variant::regularity;

mod boundary;
mod fused;
pub(crate) use fused::{particle_fused, PARTICLE_FUSED};
mod letters;
mod morphology;
mod patterns;

pub(crate) use letters::final_inside;

/// Letters that stand for each other in common misspellings: the sound-alike consonants,
/// and ة/ه.
const CONFUSABLE: &[&[char]] =
    &[&['ض', 'ظ'], &['ذ', 'ز', 'د'], &['ث', 'س'], &['ص', 'س'], &['ط', 'ت'], &['ق', 'ك', 'غ', 'ج'], &['ة', 'ه']];

/// Spellings of the same sound: hamza on alif and on its seats. A bare alif starting a stem
/// is never the source: writing it for a hamzated alif is the house style `hamza = "off"`
/// allows. Final ى for ي (`فى`) is a house decision too (see `src/data/misspellings.txt`).
/// Persian ya and kaf typed for Arabic ones are the same letters to the reader; a final
/// Persian ya is ى as well as ي (Persian writes the two alike: `إلی` is `إلى`, not `إلي`), the
/// frequency of each word deciding (ى is put only at a word's end).
const ORTHOGRAPHIC: &[&[char]] = &[
    &['ا', 'أ', 'إ', 'آ'],
    &['ء', 'ؤ', 'ئ', 'أ', 'إ'],
    &['ئ', 'ي'],
    &['ؤ', 'و'],
    &['ی', 'ي'],
    &['ی', 'ى'],
    &['ک', 'ك'],
];

/// Long vowels that end a word as a suffix of their own (a nisba, a name's ending, ى for ي):
/// never taken out as a letter typed too many.
const FINAL_VOWELS: &[char] = &['و', 'ي', 'ى'];

/// Letters a writer drops or doubles without noticing: long vowels and hamzas.
const SLIPPERY: &[char] = &['ا', 'و', 'ي', 'ى', 'ء', 'أ', 'إ', 'ؤ', 'ئ'];

/// Shortest word (in letters) that gets more than orthographic edits: shorter unknown words
/// are mostly names and dialect, and every edit of them makes some common word.
const MIN_LETTERS_FOR_EDITS: usize = 5;
/// Shortest word that may have lost any letter (not only a long vowel, a hamza or a double).
/// (Five letters: +1 and +3 right fixes of 1,056 and 960 doubled/dropped faults on seeds
/// 7,99,31,4242 (tune, measure), but −2 right swaps on each half, rivals of the swap's word,
/// and names on the bench file: `بانكو` -> `بانكوك`, `باريخ` -> `بتاريخ`, `توقات` -> `توقعات`,
/// even inside the word.)
const MIN_LETTERS_FOR_ANY_INSERT: usize = 6;

/// Short words a fused word may start with (`ياكبير`, `فيالمدينة`): split off only these
/// when the first part has fewer than three letters. Not ما and لا: published copy fuses
/// them (`مازال`, `لايزال`), a house decision (see `src/data/misspellings.txt`).
const SHORT_FIRST: &[&str] = &["يا", "في", "من", "عن"];

/// Two-letter words a fused word may end with (`أكثرمن`, `الآراءفي`).
pub(crate) const SHORT_SECOND: &[&str] = &["من", "في", "عن", "ثم", "قد", "لم", "لن", "أن", "أو"];

/// Compound names written as one word by many desks (`عبدالله`): never split.
pub(crate) const COMPOUND_FIRST: &[&str] = &["عبد", "وعبد", "لعبد", "بعبد", "كعبد", "فعبد", "ابو", "أبو", "بو"];
/// The second halves of compound names (`نصرالله`, `نورالدين`): never split off.
pub(crate) const COMPOUND_SECOND: &[&str] = &["الله", "الدين"];

/// The most frequent a split's parts must both be (frequency class), and where the first
/// ends in a letter that joins the next.
const SPLIT_PART_CLASS: i32 = 50;
const SPLIT_PART_CLASS_JOINED: i32 = 44;
/// Function words a fused word may end with after a letter that does not join the next
/// (`أخيرفي`, `مشيراإلى`, `أخطارهذه`, `لمخاطرغير`), and how rare the first part may then be:
/// prepositions, demonstratives, relative pronouns and the commonest particles of time and
/// place, a closed class that ends no name (not `فيه`, `بين`: `هيرفيه`, `روبين`).
pub(crate) const FUNCTION_SECOND: &[&str] = &[
    "من", "في", "عن", "على", "إلى", "غير", "هذه", "هذا", "ذلك", "بذلك", "لذلك", "ضمن", "التي", "الذي", "خلال", "بعد",
    "قبل", "حول", "عند", "منذ", "حتى", "لدى",
];
const FUNCTION_SPLIT_PART_CLASS: i32 = 58;
/// Prepositions of three letters or more with a pronoun, as second parts after a letter that
/// does not join the next (`الإصرارعليه`, `تعاقدمعها`).
const PREPOSITION_PRONOUNS: &[&str] = &[
    "عليه",
    "عليها",
    "عليهم",
    "إليه",
    "إليها",
    "إليهم",
    "معه",
    "معها",
    "معهم",
    "لديه",
    "لديها",
    "لديهم",
    "عنه",
    "عنها",
    "عنهم",
    "منه",
    "منها",
    "منهم",
];
/// After a letter that does not join the next, a split whose commoner part is at least this
/// common may have a rarer part up to [`HIDDEN_SPLIT_RARE`].
const HIDDEN_SPLIT_COMMON: i32 = 40;
const HIDDEN_SPLIT_RARE: i32 = 56;
/// How long (letters, both parts) a fused form must be for a split after a letter that does
/// not join the next to take parts as rare as other splits' ([`SPLIT_PART_CLASS`]) beside a
/// part up to [`HIDDEN_SPLIT_RARE`]: names and loanwords made of two words by chance are
/// short (`دارمين`: seven letters gave 4 false findings of 5 on the bench file).
const HIDDEN_LONG_LETTERS: usize = 8;
/// Letters that do not join the next one: a space dropped after them barely shows.
const NON_JOINING: &[char] = &['ا', 'أ', 'إ', 'آ', 'د', 'ذ', 'ر', 'ز', 'و', 'ؤ', 'ة', 'ى', 'ء'];

/// Letters of the Arabic alphabet a dropped letter can be.
const LETTERS: &str = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي";

/// How much more frequent (in classes: 10 = ten times) the winner must be than the word as
/// written, and than the runner-up.
const OVER_WRITTEN: i32 = 8;
const OVER_RUNNER_UP: i32 = 6;
/// The same for a hamza respelled against a runner-up of another edit (a letter added,
/// dropped or swapped).
const OVER_RUNNER_UP_HAMZA: i32 = 3;
/// The same for a bare seat given its hamza (ي -> ئ, و -> ؤ) against a runner-up that puts
/// back any other letter: the seat's hamza has one spelling, a dropped consonant rivals in
/// every letter of the alphabet (`الماية`: `المائة` 31 before `المالية` 33 and `الماضية` 32,
/// their ranks with that edit's cost). Only a tie challenges it. (2: one plant fewer on the
/// tune half of seeds 7, 99, 31, 4242; the dev and bench findings the same either way.)
const OVER_RUNNER_UP_SEAT_ANY: i32 = 1;
/// A candidate the story uses elsewhere counts as this many classes more frequent.
const STORY_BONUS: i32 = 15;
/// The rarest (frequency class) a winner may be, unless the story uses it.
const MOST_ORDINARY: i32 = 52;
/// The same for a short word (four letters) mended by a long vowel or a doubled letter.
/// (A long vowel restored in its middle, the third letter of the word it makes (see
/// [`inside_word`]: `مشرا` -> `مشيرا`, `ثقلة` -> `ثقيلة`), has a longer word's few rivals:
/// `MOST_ORDINARY`. Nearer its edges a name's own shape is as likely: `تساي`, `قندل`, `زكري`,
/// new findings on the bench file where any place was open.)
const SHORT_MOST_ORDINARY: i32 = 46;
/// How long (letters) a word must be for a swap's winner to be as rare as
/// `MOST_ORDINARY_SURE`, and (one letter less) a slip's or swap's as `MOST_ORDINARY_LONG`.
const LONG_WORD: usize = 7;
const MOST_ORDINARY_LONG: i32 = 56;
/// The same for a letter restored inside a word of `LONG_WORD` letters or more (a class
/// more, 60, flagged transliterations the web writes both ways: `الأستديو`, `وطاجكستان`).
const MOST_ORDINARY_LONGER: i32 = 59;
/// The rarest a winner may be where the edit has few rivals: a hamza respelled, a letter
/// typed twice, a swap in a long word.
const MOST_ORDINARY_SURE: i32 = 62;
/// The rarest a winner may be when it is the only candidate the dictionary accepts, of a
/// slip or a swap in a form nobody writes.
const SOLE_MOST_ORDINARY: i32 = 62;
/// The same when the story writes the candidate's stem (see [`story_uses_stem`]).
const SOLE_STORY_MOST_ORDINARY: i32 = 68;
/// The same for a letter added, dropped or typed twice (rarer, `SOLE_STORY_MOST_ORDINARY`,
/// made names the story's words: `وطمطم` -> `وطماطم`, `عمورية` -> `عمرية`).
const SOLE_SLIP_MOST_ORDINARY: i32 = 56;
/// Shortest stem (letters) of a candidate that counts as the story's evidence for it.
const MIN_STORY_STEM: usize = 4;
/// How much more regular (mean log-probability of a letter, see [`regularity`]) the sole
/// winner must read than the form as written.
const SOLE_REGULARITY_GAIN: f32 = 0.7;
/// A candidate known only without a pronoun suffix ranks as the word without it plus this.
const SUFFIX_PENALTY: i32 = 3;
/// Endings of a written form that may be an inflection of a known word (dual, plural,
/// pronoun suffixes, the nisba: `العمروي` is the adjective of `عمرو`, not `العمري` with a و
/// typed too many).
const INFLECTIONS: &[&str] = &["ان", "ين", "ون", "ات", "هما", "هم", "ها", "ه", "نا", "كم", "ي", "ية"];
/// The nisba endings among [`INFLECTIONS`], and how common (frequency class, its stem's after
/// clitics with [`STEM_PENALTY`]) the word they are made of must be: `عمرو` 41, `المناطق` 37.
const NISBA_ENDINGS: &[&&str] = &[&"ي", &"ية"];
const NISBA_BASE_CLASS: i32 = 52;
/// Pronoun suffixes the frequency table may lack on a form it has (longest first).
const PRONOUN_SUFFIXES: &[&str] = &["هما", "هم", "ها", "هن", "كم", "نا", "ه"];
/// How often a story must write `في` (one word in 25 of news copy: 100 is a story of about
/// 2,500 words; the dev corpus's longest writes it 68 times) to be too long for a word it
/// writes to be evidence for a short form one letter away: a long story writes most everyday
/// words (the 10 MB bench file as one document: 30 new findings, nearly all names, `زاها` ->
/// `زارها`, `سياد` -> `سيادة`).
const LONG_STORY_FI: usize = 100;
/// What follows the alif of a feminine plural's `ات` at a word's end: the ت alone or with a
/// pronoun suffix (`لمؤلفت` -> `لمؤلفات`, `علاقتها` -> `علاقاتها`).
pub(crate) const PLURAL_TAILS: &[&str] = &["ت", "ته", "تها", "تهم", "تهما", "تهن", "تك", "تكم", "تنا"];
/// A part of a split after ة or ى that the table lacks (the dictionary accepts it) ranks as
/// this rare a word.
const SURE_SPLIT_UNSEEN_PART: i32 = 60;
/// A hamza put on its seat that the frequency table lacks (the dictionary accepts it) ranks
/// as this rare a word.
const SEAT_UNSEEN: i32 = 60;
/// How many classes a long vowel taken out costs more where its hamza makes a word, and a
/// letter added, dropped or swapped beside a bare seat whose hamza makes one (see `seats`).
const SEAT_OVER_SLIP: i32 = 4;
/// A word the story writes elsewhere that the frequency table lacks (the dictionary knows it
/// whole) ranks as this rare a word, before the story's bonus.
const STORY_UNSEEN: i32 = 60;
/// How many classes a swap that turns the article's `ال` into `لا` costs more than another.
const ARTICLE_UNSWAP_COST: i32 = 4;

/// The hamzas a bare seat (ا ي و) carries.
fn seat_of(c: char) -> &'static [char] {
    match c {
        'ا' => &['أ', 'إ', 'آ'],
        'ي' => &['ئ'],
        'و' => &['ؤ'],
        _ => &[],
    }
}

/// A split into two words ranks as the rarer word plus this.
const SPLIT_PENALTY: i32 = 4;
/// A candidate that is only known through a clitic (its stem in the table) ranks as the
/// stem plus this.
pub const STEM_PENALTY: i32 = 3;
/// The same for a candidate of an edit other than a respelling of one sound.
const STEM_PENALTY_EDIT: i32 = 6;
/// A form the web writes (in the frequency table) that the dictionary rejects is mostly a
/// name or a dialect word, but the web also writes everyday slips (`ذالك`, `اللذي`, `كانو`):
/// an edit other than a respelling of one sound ranks as this many classes rarer there, so
/// only a candidate overwhelmingly more frequent than the written form wins.
const SEEN_PENALTY: i32 = 12;

/// How often each form (a word's key, or a stem its clitic chains leave) occurs in a story.
pub trait FormCounts {
    fn count(&self, form: &str) -> usize;
}

impl FormCounts for FxHashMap<&str, usize> {
    fn count(&self, form: &str) -> usize {
        self.get(form).copied().unwrap_or(0)
    }
}

/// No story: every form unseen.
struct NoForms;

impl FormCounts for NoForms {
    fn count(&self, _: &str) -> usize {
        0
    }
}

/// One lookup of the story's evidence, as recorded: the answer it gave holds while the
/// count of the form (by [`form_hash`]) stays in `lo..=hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Read {
    pub form: u64,
    pub lo: u32,
    pub hi: u32,
}

impl Read {
    /// Whether the recorded answer is still the answer when the form occurs `count` times.
    pub fn holds(&self, count: usize) -> bool {
        (self.lo as usize..=self.hi as usize).contains(&count)
    }
}

/// Recorded lookups, compactly: most say "the story never writes this form" (a candidate
/// nobody wrote), kept as 32 bits of the form's hash (a false match only re-checks more).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reads {
    /// Sorted by form.
    counted: Vec<Read>,
    /// Sorted: `form_hash as u32` of the forms read as occurring zero times, where any change
    /// of the count changes the answer.
    absent: Vec<u32>,
}

impl Reads {
    pub fn new(mut all: Vec<Read>) -> Reads {
        let mut absent: Vec<u32> = all.iter().filter(|r| r.lo == 0 && r.hi == 0).map(|r| r.form as u32).collect();
        all.retain(|r| !(r.lo == 0 && r.hi == 0));
        all.sort_unstable();
        all.dedup();
        all.shrink_to_fit();
        absent.sort_unstable();
        absent.dedup();
        absent.shrink_to_fit();
        Reads { counted: all, absent }
    }

    pub fn is_empty(&self) -> bool {
        self.counted.is_empty() && self.absent.is_empty()
    }

    pub fn len(&self) -> usize {
        self.counted.len() + self.absent.len()
    }

    /// [`Reads::stale`] the other way round, for when the changed forms outnumber the lookups
    /// (a pasted or deleted paragraph changes hundreds of forms' counts): each recorded lookup
    /// is looked up in `changed` (form hash -> new count), and each form read as absent in
    /// `present` (the low 32 bits of the changed forms' hashes whose new count is not zero).
    pub fn stale_among(
        &self,
        changed: &rustc_hash::FxHashMap<u64, usize>,
        present: &rustc_hash::FxHashSet<u32>,
    ) -> bool {
        self.counted.iter().any(|r| changed.get(&r.form).is_some_and(|&n| !r.holds(n)))
            || self.absent.iter().any(|f| present.contains(f))
    }

    /// The forms read, each as the low 32 bits of its [`form_hash`] (what an index of who read
    /// a form is keyed by).
    pub fn forms32(&self) -> impl Iterator<Item = u32> + '_ {
        self.counted.iter().map(|r| r.form as u32).chain(self.absent.iter().copied())
    }

    /// Whether a lookup's answer changes when the forms in `changed` (by [`form_hash`]) now
    /// occur the given number of times, from counts the lookups held for.
    pub fn stale<'c>(&self, changed: impl IntoIterator<Item = (&'c u64, &'c usize)>) -> bool {
        changed.into_iter().any(|(&h, &n)| {
            let from = self.counted.partition_point(|r| r.form < h);
            self.counted[from..].iter().take_while(|r| r.form == h).any(|r| !r.holds(n))
                || (n != 0 && self.absent.binary_search(&(h as u32)).is_ok())
        })
    }
}

/// The hash [`Read`]s name forms by.
pub fn form_hash(form: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(form)
}

/// What the story says about forms: how often each key and clitic stem occurs. Every story
/// lookup of the misspelling rule and the corrector goes through [`StoryForms::get`] or
/// [`StoryForms::at_least`], which can record what was asked and the answer (for incremental
/// checking: a verdict is re-made only when an answer it read would change).
#[derive(Clone, Copy)]
pub struct StoryForms<'a> {
    counts: &'a dyn FormCounts,
    reads: Option<&'a std::cell::RefCell<Vec<Read>>>,
}

impl Default for StoryForms<'static> {
    fn default() -> Self {
        StoryForms { counts: &NoForms, reads: None }
    }
}

impl<'a> StoryForms<'a> {
    pub fn new(counts: &'a dyn FormCounts) -> StoryForms<'a> {
        StoryForms { counts, reads: None }
    }

    /// The same counts, each lookup recorded in `reads`.
    pub fn recording<'b>(&self, reads: &'b std::cell::RefCell<Vec<Read>>) -> StoryForms<'b>
    where
        'a: 'b,
    {
        StoryForms { counts: self.counts, reads: Some(reads) }
    }

    /// Whether lookups are recorded.
    pub fn is_recording(&self) -> bool {
        self.reads.is_some()
    }

    /// How often `form` occurs (the exact count: any change of it changes the answer).
    pub fn get(&self, form: &str) -> usize {
        let n = self.counts.count(form);
        self.record(form, n, n);
        n
    }

    /// Whether `form` occurs at least `n` times (the answer changes only when the count
    /// crosses `n`).
    pub fn at_least(&self, form: &str, n: usize) -> bool {
        let count = self.counts.count(form);
        let yes = count >= n;
        if yes {
            self.record(form, n, usize::MAX);
        } else {
            self.record(form, 0, n.saturating_sub(1));
        }
        yes
    }

    fn record(&self, form: &str, lo: usize, hi: usize) {
        if let Some(reads) = self.reads {
            let clamp = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
            reads.borrow_mut().push(Read { form: form_hash(form), lo: clamp(lo), hi: clamp(hi) });
        }
    }
}

/// The correction of `key` (a lookup key of Arabic letters) if one candidate clearly wins:
/// the whole corrected key. `None` for words the dictionary knows, words it cannot correct,
/// and words with several plausible corrections.
pub fn correct(lex: &Lexicon, key: &str, story: &StoryForms<'_>) -> Option<String> {
    decide(lex, key, story, None).ok()
}

/// Whether the corrector weighs another reading of `key` above `cand` (a swap another step
/// found), having weighed `cand` too: its answer is another word, or its best candidate is
/// another word with a runner-up too close (`عاملية`: `عملية`, a long vowel typed too many, is
/// far commoner than the swap's `عالمية`). Not where the corrector cannot rank `cand` (a word
/// of the frequent list the table lacks: `منوها`), which the other step knows better.
pub fn prefers_other(lex: &Lexicon, key: &str, story: &StoryForms<'_>, cand: &str) -> bool {
    let mut all = Vec::new();
    let verdict = decide(lex, key, story, Some(&mut all));
    all.iter().any(|w| w.0 == cand)
        && match verdict {
            Ok(best) | Err(Refusal::Close { best, .. }) => best != cand,
            _ => false,
        }
}

/// Why the corrector gave no answer (see [`diagnose`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Shorter than three letters, or not all Arabic letters.
    Ineligible,
    /// The dictionary accepts the word (whole or through a clitic).
    Known,
    /// A bare alif starting the word or its stem, where the dictionary knows a hamzated one.
    HouseHamza,
    /// No candidate the dictionary accepts is frequent enough to beat the form as written.
    NoCandidate,
    /// The winner is too rare a word.
    TooRare { best: String, rank: i32 },
    /// A runner-up is too close to the winner.
    Close { best: String, runner_up: String },
    /// The story repeats the form and never writes the winner.
    Repeated { best: String },
}

/// A candidate as [`diagnose`] reports it: the form, its rank (frequency class with the
/// edit's cost and any penalty), and whether the dictionary accepts it.
pub type Weighed = (String, i32, bool);

/// The corrector's verdict on `key` with its reason, and every candidate it weighed, best
/// first: for evaluations and tests.
pub fn diagnose(lex: &Lexicon, key: &str, story: &StoryForms<'_>) -> (Result<String, Refusal>, Vec<Weighed>) {
    let mut all = Vec::new();
    let verdict = decide(lex, key, story, Some(&mut all));
    (verdict, all)
}

/// The corrector's verdict on `key` with its reason, without the trace: what the misspelling
/// rule's context step reads of a close call (see `rules::misspelling::context`).
pub fn verdict(lex: &Lexicon, key: &str, story: &StoryForms<'_>) -> Result<String, Refusal> {
    decide(lex, key, story, None)
}

/// The edits' verdict (see [`decide_edits`]); where it finds no winner, or only one too rare,
/// a consonant restored in a form of four or five letters (see [`consonant_restored`]).
fn decide(
    lex: &Lexicon,
    key: &str,
    story: &StoryForms<'_>,
    trace: Option<&mut Vec<Weighed>>,
) -> Result<String, Refusal> {
    let verdict = decide_edits(lex, key, story, trace);
    let rival = match &verdict {
        Err(Refusal::NoCandidate) => None,
        Err(Refusal::TooRare { best, .. }) => Some(best.as_str()),
        _ => return verdict,
    };
    consonant_restored(lex, key, story, rival).map_or(verdict, Ok)
}

/// How common (frequency class of the form itself, which the web must write whole) the word a
/// consonant restored makes must be in a form of four or five letters (see
/// [`consonant_restored`]): an everyday or common word, where a name or a dialect word one
/// letter from a word is mostly one from a rare word.
const CONSONANT_MOST_ORDINARY: i32 = 48;

/// Letters a form of four letters may open with that are a proclitic of their own: such a form
/// reads as the clitic and a word of three letters or a name (`سيوم`, `ورال`), one consonant
/// from the clitic and an everyday word (`سيقوم`, `ورجال`). (Without this, on the 10 MB bench
/// file 2 new findings, both false.)
const FOUR_LETTER_CLITICS: &[char] = &['و', 'ف', 'ب', 'ك', 'ل', 'س'];

/// The word a form of four or five letters nobody writes (that the dictionary rejects, where
/// the edits find no winner: see [`decide_edits`]) becomes with a consonant restored inside the
/// word (see [`inside_word`]: `إعان` -> `إعلان`, `مشاكة` -> `مشاركة`): shorter forms get no
/// consonant restored among the edits, which every letter of the alphabet would make rivals
/// of the swaps' and the vowels' words (see [`MIN_LETTERS_FOR_ANY_INSERT`]); here it is
/// weighed only where they found nothing, or only a word too rare (`rival`). The word must be
/// one the web writes whole and common (see [`CONSONANT_MOST_ORDINARY`]), and beat every other
/// letter restored anywhere after the first, a long vowel or a hamza too (writers drop those
/// far more often: `التير` is `التيار` before `التغير`), and `rival`, by [`OVER_RUNNER_UP`]
/// classes. Not where the story repeats the form. Unknown forms only, once each; nothing on a
/// word the edits mend. (Seeds 7,99,31,4242: letters doubled or dropped right 75.3 -> 75.7%
/// tune, 77.8 -> 78.1% measure; 1 new finding on the 10 MB bench file, a name after the
/// conjunction, `وإيان` -> `وإيران`.)
/// (Restored anywhere after the first letter: on seeds 1-6, tune half, +18 right fixes of
/// doubled or dropped letters, 2 wrong, but 9 new findings on the 10 MB bench file and 1 on
/// the dev corpus, all false: names and dialect read as a clitic or a word's first letter
/// and a rarer word, `ليجي`, `مارع`, `ماشر`, `صيرة`.)
fn consonant_restored(lex: &Lexicon, key: &str, story: &StoryForms<'_>, rival: Option<&str>) -> Option<String> {
    let chars: Vec<char> = key.chars().collect();
    let n = chars.len();
    if !(MIN_LETTERS_FOR_EDITS - 1..MIN_LETTERS_FOR_ANY_INSERT).contains(&n)
        || (n == MIN_LETTERS_FOR_EDITS - 1 && FOUR_LETTER_CLITICS.contains(&chars[0]))
        || !chars.iter().all(|&c| arabic::is_arabic_letter(c))
        || frequency::class(key).is_some()
        || story.at_least(key, 2)
    {
        return None;
    }
    let no_story = StoryForms::default();
    let written = rank_of(key, &no_story).min(frequency::UNSEEN as i32);
    let offs: Vec<usize> = key.char_indices().map(|(at, _)| at).chain(std::iter::once(key.len())).collect();
    let mut buf = String::with_capacity(key.len() + 4);
    // (the commonest candidate, its rank and whether a consonant restored makes it; the rank of
    // the next other one)
    let mut best: Option<(i32, String, bool)> = None;
    let mut second = i32::MAX;
    for i in 1..n {
        let (before, after) = key.split_at(offs[i]);
        for l in LETTERS.chars().filter(|l| !matches!(l, 'ة' | 'ى')) {
            buf.clear();
            buf.push_str(before);
            buf.push(l);
            buf.push_str(after);
            let r =
                frequency::class(&buf).map(i32::from).unwrap_or_else(|| rank_with(&buf, &no_story, STEM_PENALTY_EDIT));
            if r >= CONSONANT_MOST_ORDINARY + OVER_RUNNER_UP
                || r + OVER_WRITTEN > written
                || best.as_ref().is_some_and(|(b, c, _)| r >= *b && r >= second && *c != buf)
                || article_doubled(&buf)
                || !knows_soundly(lex, &buf)
            {
                continue;
            }
            let consonant = !SLIPPERY.contains(&l) && frequency::class(&buf).is_some();
            match &mut best {
                Some((_, c, k)) if *c == buf => *k = *k && consonant,
                Some((b, _, _)) if r < *b => {
                    second = *b;
                    best = Some((r, buf.clone(), consonant));
                }
                Some(_) => second = second.min(r),
                None => best = Some((r, buf.clone(), consonant)),
            }
        }
    }
    let (r, cand, consonant) = best?;
    let rival = rival.filter(|b| *b != cand).map_or(i32::MAX, |b| rank_of(b, &no_story));
    (consonant
        && r <= CONSONANT_MOST_ORDINARY
        && second >= r + OVER_RUNNER_UP
        && rival >= r + OVER_RUNNER_UP
        && inside_word(key, &cand)
        && !morphology::undoes_pattern(key, &cand))
    .then_some(cand)
}

fn decide_edits(
    lex: &Lexicon,
    key: &str,
    story: &StoryForms<'_>,
    trace: Option<&mut Vec<Weighed>>,
) -> Result<String, Refusal> {
    let n = key.chars().count();
    if n < 3 || !key.chars().all(arabic::is_arabic_letter) {
        return Err(Refusal::Ineligible);
    }
    if lex.knows_with_clitics(key) {
        return known_respelled(lex, key).ok_or(Refusal::Known);
    }
    let repeated = std::iter::once(key)
        .chain(arabic::clitic_splits(key).map(|(_, stem)| stem).filter(|stem| stem.chars().count() >= 3))
        .any(|f| story.at_least(f, 2));
    let no_story = StoryForms::default();
    // The written form's own frequency (the story's use of it is no evidence: it is this use).
    let written = rank_of(key, &no_story).min(frequency::UNSEEN as i32);
    // A form the web writes (in the frequency table) is mostly a word of its own, a name or
    // a dialect word the dictionary lacks: a respelling of one sound may still mend it, any
    // other edit only with overwhelming evidence (SEEN_PENALTY). A form nobody writes gets
    // every edit.
    let in_table = written < frequency::UNSEEN as i32;
    // An inflection the table and the dictionary lack of a word both know (`يعانيان`: the
    // dual of يعاني) is written about as often as that word: a candidate must beat that.
    let written = written.min(
        INFLECTIONS
            .iter()
            .filter_map(|suf| key.strip_suffix(suf).map(|base| (base, suf)))
            // (An alif doubled, `الكلماات`, is no ending after a base in alif, nor a ya doubled,
            // `السياسيية`, after one in ya.)
            .filter(|(base, suf)| !['ا', 'ي'].iter().any(|&l| base.ends_with(l) && suf.starts_with(l)))
            // (ة and ى only end a word, before an ending they are written ت and ي: `العشرةي` is
            // no nisba of `العشرة`.)
            .filter(|(base, _)| !base.ends_with(['ة', 'ى']))
            // (Nor is a pronoun's ه typed twice, `زملائههم`: a word takes one pronoun; a root's
            // final ه before one, `وجههم`, the dictionary knows.)
            .filter(|(base, suf)| !(base.ends_with('ه') && suf.starts_with('ه')))
            // (A nisba is made of a common word: `الاستثمرية` is no adjective of the verb
            // `استثمر` with the article.)
            .filter(|(base, suf)| {
                !NISBA_ENDINGS.contains(suf) || web_rank(base, STEM_PENALTY).is_some_and(|c| c <= NISBA_BASE_CLASS)
            })
            .map(|(base, _)| base)
            .filter(|base| base.chars().count() >= 4 && lex.knows_with_clitics(base))
            .map(|base| rank_of(base, &no_story) + SUFFIX_PENALTY)
            .min()
            .unwrap_or(written),
    );
    // A noun in ة with a pronoun, its ة written ت as it must be (`حوكمتها`: `حوكمة`, a word the
    // web writes and the dictionary lacks), is written about as often as that noun.
    let written = written.min(
        PRONOUN_SUFFIXES
            .iter()
            .filter_map(|suf| key.strip_suffix(suf)?.strip_suffix('ت'))
            .filter(|stem| stem.chars().count() >= 3)
            .filter_map(|stem| web_rank(&format!("{stem}ة"), STEM_PENALTY))
            .map(|r| r + SUFFIX_PENALTY)
            .min()
            .unwrap_or(written),
    );
    // `لا` fused to a verb the dictionary knows (`لاتمثل`, `ولايقوم`: an imperfect's prefix
    // after it) is a house decision (see `SHORT_FIRST`), not ل + the verb with an alif typed
    // after it, nor the article's letters swapped, unless the web writes the definite word about
    // as often (see [`article_swap_likely`]). (Before a noun, `لاضبطيات`, the article swapped
    // is the slip.) Where the story writes لا and ما apart and fuses no other word to them,
    // the fused form is a slip against its own spelling (see `fused::particle_apart`).
    let apart_key = fused::particle_apart(key, story);
    let fused_la = key.strip_prefix(['و', 'ف']).unwrap_or(key).strip_prefix("لا");
    if fused_la.is_some_and(|rest| {
        !apart_key
            && rest.starts_with(IMPERFECT_PREFIXES)
            && rest.chars().count() >= 3
            && lex.knows_with_clitics(rest)
            && !article_swap_likely(rest)
    }) {
        return Err(Refusal::NoCandidate);
    }
    // A bare alif before a hamzated one (`اأحد`, `الاأزمة`) is no spelling of anything: a slip
    // whatever the word's length.
    let garbled = ["اأ", "اإ", "اآ"].iter().any(|g| key.contains(g));
    let short = n < MIN_LETTERS_FOR_EDITS && !garbled;
    // Seen on the web, every edit but a respelling of one sound needs overwhelming evidence.
    // Short and unseen, a form gets respellings, and a long vowel or a doubled letter put
    // right (names and dialect are short too: only for a common winner, SHORT_MOST_ORDINARY).
    let penalty = |edit: Edit| {
        if edit.orthographic() || edit == Edit::HouseBeside {
            Some(0)
        } else if in_table {
            Some(SEEN_PENALTY)
        } else if short
            && edit != Edit::StoryLetter
            && edit != Edit::Mended
            && !(n == MIN_LETTERS_FOR_EDITS - 1 && matches!(edit, Edit::Restored | Edit::AlifBeforeHamza))
            // (A form of three letters, a consonant between two and a final hamza (`غذء`), is the
            // ending `اء` written short as surely: no word of that shape the dictionary lacks.)
            && !(n == MIN_LETTERS_FOR_EDITS - 2 && edit == Edit::AlifBeforeHamza)
        {
            None
        } else {
            Some(0)
        }
    };
    // A bare alif starting the word or its stem where the dictionary knows a hamzated one
    // is the house style (`[style] hamza`), not a slip. Inside the stem (`مسالة`) it is one.
    let chars: Vec<char> = key.chars().collect();
    let stem_starts: Vec<usize> =
        std::iter::once(0).chain(arabic::clitic_splits(key).map(|(p, _)| p.chars().count())).collect();
    // The story's everyday words one letter from a form the guard below would read as the house's
    // hamza (see [`story_words_beside`]).
    let mut beside: Vec<String> = Vec::new();
    for &i in &stem_starts {
        if chars.get(i) == Some(&'ا') {
            for h in ['أ', 'إ', 'آ'] {
                let mut v = chars.clone();
                v[i] = h;
                let hamzated: String = v.iter().collect();
                if !lex.knows_with_clitics(&hamzated) {
                    continue;
                }
                // A bare alif starting the word whose hamzated reading nobody writes, nor any
                // inflection of it (`انظام`: Hunspell reads `أنظام` as أ + a word; `انتها`: `إنتها`),
                // is no house spelling: the word's other edits decide (`النظام`, `انتهاء`).
                if i == 0 && !web_writes_inflection(&hamzated) {
                    continue;
                }
                // `لا` + a word whose definite form the web writes far more often than the
                // hamzated reading after ل (`لانجاح`: `النجاح` 42, `لإنجاح` 60; `لاجانب`) is the
                // article's letters swapped, not ل + the house's bare alif: the candidates decide.
                // (Not `لأنه`, `لأجل`, `لأحد`: their hamzated reading is as common.)
                if i == 1 && chars[0] == 'ل' && article_swap_over_hamza(&key["لا".len()..], &hamzated) {
                    continue;
                }
                // Hunspell reads an interrogative أ before any word (أحديثة: أ + حديثة): a
                // hamzated form known perhaps only that way is the house spelling of a word
                // only where the web writes it.
                if h == 'أ' {
                    let without: String = chars.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &c)| c).collect();
                    if without.chars().count() >= 2
                        && lex.knows_with_clitics(&without)
                        && rank_of(&hamzated, &no_story) >= frequency::UNSEEN as i32
                    {
                        continue;
                    }
                }
                // A bare alif one letter from an everyday word the story writes elsewhere, far
                // commoner than the hamzated reading (`اتي` in a story that writes `التي`): that
                // word's letter is the slip, not the hamza (see [`story_words_beside`]).
                if !repeated {
                    let words = story_words_beside(key, &hamzated, story);
                    if !words.is_empty() {
                        beside = words;
                        continue;
                    }
                }
                return Err(Refusal::HouseHamza);
            }
        }
    }
    // A form nobody writes whole ranks by a stem the web writes after its clitics (`وتبدا`:
    // `تبدا`); a hamza respelled in that stem ranks by the respelled stem after the same
    // clitics too (`وتبدأ` by `تبدأ`, far commoner than the whole form), the closer comparison.
    let key_unseen = frequency::class(key).is_none();
    let same_stem_rank = |cand: &str| -> i32 {
        if !key_unseen {
            return frequency::UNSEEN as i32;
        }
        arabic::clitic_splits(key)
            .filter(|(_, stem)| stem.chars().count() >= 3 && frequency::class(stem).is_some())
            .filter_map(|(prefix, _)| cand.strip_prefix(prefix))
            .filter_map(frequency::class)
            .map(|c| i32::from(c) + STEM_PENALTY)
            .min()
            .unwrap_or(frequency::UNSEEN as i32)
    };
    // candidate -> (rank with any penalty and the edit's cost, that penalty, the edit)
    let mut cands: FxHashMap<String, (i32, i32, Edit)> = FxHashMap::default();
    // Long vowels taken out from beside another long vowel where moving them one place makes
    // a word too (see [`vowel_beside_vowel`]): rivals that never win, weighed like `cands`; and
    // the letters (with the slip's extra cost) waiting for the swaps to be weighed.
    let mut beside_vowel: FxHashMap<String, (i32, i32, Edit)> = FxHashMap::default();
    let mut held: Vec<(usize, i32)> = Vec::new();
    // Each candidate is built into one reused buffer and weighed by `&str`; only the ones
    // frequent enough to count are copied into `cands`.
    let consider = |cand: &str, edit: Edit, extra: i32, cands: &mut FxHashMap<String, (i32, i32, Edit)>| {
        let mut edit = edit;
        let Some(penalty) = penalty(edit) else { return };
        if cand == key {
            return;
        }
        // (Two everyday words fused are the web's slip too, where it writes the fused form far
        // more rarely than either: see `fused::web_slip`.)
        let penalty = match cand.split_once(' ') {
            Some((a, b)) if penalty > 0 && fused::web_slip(written, a, b) => 0,
            // (So is لا or ما fused once in a story that writes them apart: the web writes
            // `لايمكن` as a house spelling, the story does not.)
            Some((a, _)) if penalty > 0 && apart_key && fused::particle(a) => 0,
            _ => penalty,
        };
        // Seen on the web, a form is weighed against the web alone: a story word one vowel
        // away (فرنسوا beside فرنسا) is another word or a name's variant, not a correction.
        let story = if penalty > 0 { &no_story } else { story };
        // Known only through a clitic, an edited candidate may be a clitic glued to another
        // word (بيستون -> ب + ستون): it ranks as its stem plus more.
        let stem_penalty = if edit.orthographic() { STEM_PENALTY } else { STEM_PENALTY_EDIT };
        let rank = match cand.split_once(' ') {
            // ة and ى only end a word: after one, the space was surely dropped.
            Some((a, b)) if matches!(edit, Edit::SureSplit | Edit::ArticleSplit) => {
                // (Nor the article's alif taken for the first word's: `شكروالمدرب` is no
                // `شكروا لمدرب`, see `fused::article_alif_taken`.)
                if b.chars().count() < 2 || fused::article_alif_taken(a, b) {
                    return;
                }
                // Before the article: never the halves of a compound name (`نصرالله`), and a
                // first part of two letters only a function word of its own (`في`, `من`).
                // (After ى the phrase is split: `صلىالله` -> `صلى الله`.)
                if edit == Edit::ArticleSplit
                    && (COMPOUND_SECOND.contains(&b)
                        || COMPOUND_FIRST.contains(&a)
                        || (a.chars().count() < 3
                            && !SHORT_FIRST.contains(&a)
                            && !fused::SHORT_FIRST_BEFORE_ARTICLE.contains(&a)))
                {
                    return;
                }
                // A part the table lacks, that the dictionary accepts, counts as a rare word
                // after ة/ى; before the article both parts must be forms the web writes (or
                // their stems: `يشهدها`): `الأوروبياللوم` is not `الأوروبيا للوم`.
                // (Before the article, a second part the table lacks counts as that rare a word
                // where the first is a form the table writes and the dictionary knows the second
                // whole, article and all: `الحضورالغفير`, `دورالناصحين`.)
                let floor = if edit == Edit::SureSplit { SURE_SPLIT_UNSEEN_PART } else { i32::MAX };
                let floor_b = if edit == Edit::SureSplit
                    || (b.starts_with("ال") && frequency::class(a).is_some() && lex.knows(b))
                {
                    SURE_SPLIT_UNSEEN_PART
                } else {
                    i32::MAX
                };
                let part = |f: &str, floor: i32| rank_of_candidate(key, f, story, stem_penalty).min(floor);
                // (The first part may carry a pronoun suffix the table lacks on it:
                // `لمخالفتهاالمادة`.)
                let first = part(a, floor).min(suffixed_rank(a, story, stem_penalty));
                first.max(part(b, floor_b)) + SPLIT_PENALTY
            }
            Some((a, b)) if edit == Edit::EverydaySplit => {
                // The other part ranks at most `EVERYDAY_SPLIT_OTHER`. One the table lacks
                // counts only where the dictionary knows it whole (through its clitics a part
                // is too easily a word by chance: `والألممن` + `يوم`) and after an everyday
                // word of three letters or more, not after و (`فقد` + `رسمنا`; not `أن` +
                // `سيلمز`, `من` + `جوريتين`, `وهو` + `شاريك`). A first part before the everyday
                // word must be in the table (`العبي` + `كان` is a name).
                let (every, other) = if everyday_part(a) { (a, b) } else { (b, a) };
                let ro = rank_with(other, &no_story, STEM_PENALTY).min(suffixed_rank(other, &no_story, STEM_PENALTY));
                let dictionary_only = ro >= frequency::UNSEEN as i32;
                if (dictionary_only && (!lex.knows(other) || every.chars().count() < 3 || every.starts_with('و')))
                    || (other == a && ro > EVERYDAY_SPLIT_FIRST)
                {
                    return;
                }
                ro.min(EVERYDAY_SPLIT_OTHER) + SPLIT_PENALTY
            }
            Some((a, b)) => {
                let particle = fused::particle(a);
                // (The word after it as the web writes it, not through a clitic: `لافيتو` is a
                // name, not لا + ف + `يتو`; or a rare imperfect the table lacks whose other
                // persons it holds, see `fused::unwritten_verb`: `لاتكذبه`, `مايؤملونه`. After لا,
                // not a noun the web writes with the article about as often: `لاكتاب` is the
                // article's letters swapped, see [`article_swap_likely`].)
                let apart = particle
                    && apart_key
                    && (frequency::class(b).is_some() || fused::unwritten_verb(b))
                    && !(a.ends_with("لا") && article_swap_likely(b));
                let short_ok = a.chars().count() >= 3
                    || SHORT_FIRST.contains(&a)
                    || fused::SHORT_FIRST_BEFORE_WORD.contains(&a)
                    || apart;
                let second_ok = b.chars().count() >= 3
                    || SHORT_SECOND.contains(&b)
                    || (a.chars().count() >= 3 && fused::SHORT_SECOND_AFTER_WORD.contains(&b));
                // Fused لا and ما (`ولايعني`) are a house decision, unless the story writes them
                // apart (see `fused::particle_apart`).
                let house = particle && !apart;
                // A second part starting with و may be و + a word (`اللي وان`), or a name
                // (`ميلوفان`, `البروبوليس`): only after a letter that does not join the next,
                // both parts of four letters or more, and the first a word of three letters or
                // more after its clitics (`تركياوذلك`; not `البر` + `وبوليس`, `بها` + `ولفور`), or
                // an everyday word of three (`بعدوصوله`).
                let waw_ok = (a.ends_with(NON_JOINING)
                    && b.chars().count() >= 4
                    && (fused::everyday_before_waw(a)
                        || (a.chars().count() >= 4
                            && arabic::clitic_splits(a).all(|(_, stem)| stem.chars().count() >= 3))))
                    || fused::particle_before_waw_word(a, b)
                    || (a.ends_with(NON_JOINING) && a.chars().count() >= 3 && fused::WAW_PARTICLES.contains(&b));
                let suffix = fused::SUFFIX_PRONOUNS.contains(&b);
                // Not the alif of an accusative taken as the next word's (`مزيدامن` is no
                // `مزيد امن`), nor the article's as the first word's (`الدورالأول` is no
                // `الدورا لأول`): see `fused::accusative`, `fused::article_alif_taken`.
                let alif_moved = b.strip_prefix('ا').is_some_and(|rest| fused::accusative(a, rest))
                    || fused::article_alif_taken(a, b);
                if !short_ok
                    || alif_moved
                    || !second_ok
                    || (b.starts_with('و') && !waw_ok)
                    || house
                    || suffix
                    || COMPOUND_FIRST.contains(&a)
                {
                    return;
                }
                // (Either part may carry clitics: `لمخاطرغير`, `الحصاروالجوع`.)
                // (A conjunction makes a word rarer, not less of a word: a second part of five
                // letters or more after و ranks by its stem when that is commoner, `وكاتب`.
                // Any clitic on either part: 10 new findings on the bench file, 3 true,
                // `الغاز ولين`, `والبلاد يوم`, `بها لوقت`.)
                // (The story writing a part elsewhere is evidence: see
                // `fused::story_writes_a_part`.)
                let parts_story = if fused::story_writes_a_part(a, b, story) { story } else { &no_story };
                let ra = rank_with(a, parts_story, STEM_PENALTY);
                let rb = if b.starts_with('و') && b.chars().count() >= 5 {
                    part_rank(b).min(rank_with(b, parts_story, STEM_PENALTY))
                } else {
                    rank_with(b, parts_story, STEM_PENALTY)
                };
                // After a letter that does not join the next, a part may be a rare inflection of
                // a common stem (see `fused::inflected_rank`).
                let (ra, rb) = if a.ends_with(NON_JOINING) {
                    (fused::inflected_rank(a, ra, false), fused::inflected_rank(b, rb, true))
                } else {
                    (ra, rb)
                };
                // The first part may carry a pronoun suffix the table lacks on it
                // (`تدريباتهاعلى`: تدريبات + ها, `يتقدمهاسهم`).
                let ra =
                    if ra >= frequency::UNSEEN as i32 { ra.min(suffixed_rank(a, &no_story, STEM_PENALTY)) } else { ra };
                // Before a function word, a first part of four letters or more the table lacks,
                // that the dictionary knows (a rare inflection, `استبسلوا` + `في`), is a rare
                // word: the function word ends no name after a letter that does not join it.
                // (Not where the form is a word with its final ى written ي: `ويتنافي` is
                // `ويتنافى`, not `ويتنا` + `في`.)
                let ya_for_alif =
                    || key.strip_suffix('ي').is_some_and(|stem| lex.knows_with_clitics(&format!("{stem}ى")));
                let ra = if edit == Edit::FunctionSplit
                    && ra > FUNCTION_SPLIT_PART_CLASS
                    && a.chars().count() >= 4
                    && lex.knows_with_clitics(a)
                    && !ya_for_alif()
                {
                    FUNCTION_SPLIT_PART_CLASS
                } else {
                    ra
                };
                // After a letter that joins the next, the fused form looks like one word to its
                // writer, and is more often one (a name: `باريمان`): only everyday parts.
                let limit = match edit {
                    Edit::FunctionSplit => FUNCTION_SPLIT_PART_CLASS,
                    _ if a.ends_with(NON_JOINING) => SPLIT_PART_CLASS,
                    _ => SPLIT_PART_CLASS_JOINED,
                };
                // After `قد`, a verb: rarer than other parts may be, or one the table lacks that
                // the dictionary knows, of four letters or more (`قداندثرت`). After لا or ما
                // the story writes apart, one the web conjugates (see `apart`) whether or not
                // the dictionary knows it.
                let rb = if fused::verbal_particle(a)
                    && rb > limit
                    && (rb <= FUNCTION_SPLIT_PART_CLASS
                        || (b.chars().count() >= 4 && (apart || lex.knows_with_clitics(b))))
                {
                    limit
                } else {
                    rb
                };
                if ra > limit || rb > limit {
                    // After a letter that does not join the next, an everyday part beside a
                    // rarer one of four letters or more, both forms the web writes as they
                    // stand (not through a clitic: `لما` + `كنسي`, `الأمير` + `كتين`) that the
                    // dictionary knows whole. In a long fused form (see [`HIDDEN_LONG_LETTERS`])
                    // the commoner part need only be as common as a split's parts, the second of
                    // four letters or more: two ordinary words make a long form (`يعززمكانته`),
                    // names fused of syllables a short one. Not before و (`الداروية`: a place's
                    // nisba), nor ل after an alif, which may be the article's (`عبدالكبير`).
                    // (Before و only where the word after it, of four letters or more, is a form
                    // the web writes and the dictionary knows: then the web need not write it
                    // with the و, `الانحيازوساهمت`.)
                    let waw_word = b.strip_prefix('و').is_some_and(|rest| {
                        rest.chars().count() >= 4 && frequency::class(rest).is_some() && lex.knows(rest)
                    });
                    let (common, rare) = if ra <= rb { (a, b) } else { (b, a) };
                    let long = a.chars().count() + b.chars().count() >= HIDDEN_LONG_LETTERS
                        && b.chars().count() >= 4
                        && (!b.starts_with('و') || waw_word)
                        && !(a.ends_with('ا') && b.starts_with('ل'));
                    let commoner = if long { SPLIT_PART_CLASS } else { HIDDEN_SPLIT_COMMON };
                    let hidden = edit == Edit::Split
                        && a.ends_with(NON_JOINING)
                        && ra.min(rb) <= commoner
                        && ra.max(rb) <= HIDDEN_SPLIT_RARE
                        && common.chars().count() >= 3
                        && rare.chars().count() >= 4
                        && frequency::class(a).is_some()
                        && (frequency::class(b).is_some() || (long && waw_word))
                        && lex.knows(a)
                        && (lex.knows(b) || (long && waw_word));
                    if !hidden {
                        return;
                    }
                    edit = Edit::HiddenSplit;
                } else if edit == Edit::Split && (fused::verbal_particle(a) || apart) {
                    // (The verb after `قد`, or after لا or ما the story writes apart, as rare as a
                    // hidden split's rarer part.)
                    edit = Edit::HiddenSplit;
                } else if edit == Edit::Split
                    && ra.max(rb) + SPLIT_PENALTY > MOST_ORDINARY
                    && a.ends_with(NON_JOINING)
                    && a.chars().count() >= 4
                    && fused::story_writes_a_part(a, b, story)
                    && !b.strip_prefix('ا').is_some_and(|tail| PLURAL_TAILS.contains(&tail))
                    && frequency::class(a).is_some()
                    && frequency::class(b).is_some()
                    && lex.knows(a)
                    && lex.knows(b)
                {
                    // Parts as common as a split's may be ([`SPLIT_PART_CLASS`]) rank above
                    // [`MOST_ORDINARY`] with the split's penalty: they pass as a hidden split's
                    // where the story writes a part elsewhere (not `بذورقليلة` alone: see
                    // `fused::story_writes_a_part`), both are forms the web writes and the
                    // dictionary knows whole, the
                    // first of four letters or more (not `بها` + `لوقت`), the second no plural's
                    // `ات` with a pronoun taken from the first (`عطاءاتهم` is no `عطاء اتهم`).
                    edit = Edit::HiddenSplit;
                }
                ra.max(rb) + SPLIT_PENALTY
            }
            // A hamza put on its seat that the dictionary accepts is a word even where the
            // table lacks it (`مؤثرين`): a rare one.
            None if edit == Edit::Seat => {
                rank_of_candidate(key, cand, story, stem_penalty).min(SEAT_UNSEEN).min(same_stem_rank(cand))
            }
            None => {
                let rank = rank_of_candidate(key, cand, story, stem_penalty);
                let rank = if edit == Edit::Respelling { rank.min(same_stem_rank(cand)) } else { rank };
                // A word the story writes elsewhere that the table lacks, the dictionary
                // knowing it whole (`متجاورة`, `تداولاتها`): a rare word, with the story's bonus.
                // (Not another hamza starting the stem: a name the story spells both ways is
                // name-variant's. Not for a form the story repeats: a name used three times is
                // no slip for a spelling Hunspell reads once (`لامبرو` beside `لمبرو`). Not in a
                // long story, which writes nearly any word: the 10 MB bench file as one
                // document got 180 new findings, nearly all names, see `LONG_STORY_FI`.)
                // (Nor a final ة made ه: `فلاتة` is no slip for the story's `فلاته`, which the
                // dictionary reads as a word with a pronoun; ه for ة is the slip.)
                let taa_to_ha = key.strip_suffix('ة').is_some_and(|k| cand.strip_suffix('ه') == Some(k));
                if rank < frequency::UNSEEN as i32
                    && !repeated
                    && !taa_to_ha
                    && edit != Edit::InitialHamza
                    && web_rank(cand, stem_penalty).is_none()
                    && story.at_least(cand, 1)
                    && lex.knows(cand)
                    && !story.at_least("في", LONG_STORY_FI)
                {
                    rank.min(STORY_UNSEEN - STORY_BONUS)
                } else {
                    rank
                }
            }
        };
        if rank < frequency::UNSEEN as i32 {
            let score = rank + penalty + extra + edit.cost();
            match cands.get_mut(cand) {
                Some(r) if score < r.0 => *r = (score, penalty + extra, edit),
                Some(_) => {}
                None => {
                    cands.insert(cand.to_owned(), (score, penalty + extra, edit));
                }
            }
        }
    };
    // Byte offset of each letter of `key`, and of its end.
    let offs: Vec<usize> = key.char_indices().map(|(b, _)| b).chain(std::iter::once(key.len())).collect();
    // Each candidate is written into this one buffer (no `String` per candidate): `key` with
    // its letters `from..to` replaced by `with`.
    let mut text = String::with_capacity(key.len() + 8);
    let splice = |text: &mut String, from: usize, to: usize, with: &[char]| {
        text.clear();
        text.push_str(&key[..offs[from]]);
        text.extend(with);
        text.push_str(&key[offs[to]..]);
    };
    // Bare seats inside the word (not starting a stem, where a bare alif is the house's hamza)
    // where their hamza makes a word the dictionary accepts (`الدلايل`, `القايم`): a letter
    // taken out there is the hamza left off (`Edit::SlipBesideSeat`), and a letter added,
    // dropped or swapped beside one, into another word (`الدليل`, `القيام`), is the rarer slip.
    let seats: Vec<usize> = (1..n)
        .filter(|&i| !stem_starts.contains(&i))
        .filter(|&i| {
            seat_of(chars[i]).iter().any(|&h| {
                splice(&mut text, i, i + 1, &[h]);
                lex.knows_with_clitics(&text)
            })
        })
        .collect();
    // The cost of an edit of letters `from..=to` (an insertion: `to` is `from - 1`) beside one.
    let beside_seat = |from: usize, to: usize| {
        if seats.iter().any(|&s| s + 1 >= from && s <= to + 1) {
            SEAT_OVER_SLIP
        } else {
            0
        }
    };
    for i in 0..n {
        // one letter for another: the same sound spelled otherwise, or a confusable one
        for (sets, orthographic) in [(ORTHOGRAPHIC, true), (CONFUSABLE, false)] {
            for set in sets.iter().filter(|set| set.contains(&chars[i])) {
                if orthographic && chars[i] == 'ا' && stem_starts.contains(&i) {
                    continue;
                }
                for &to in set.iter().filter(|&&t| t != chars[i] && !matches!(t, 'ی' | 'ک')) {
                    if matches!(to, 'ة' | 'ى') && i + 1 != n {
                        continue;
                    }
                    // A hamzated alif made bare is a wasl question the wasl shapes decide, or
                    // a loanword's spelling (إسترليني): not a respelling.
                    let edit = match (orthographic, to) {
                        (true, 'ا') => Edit::Slip,
                        // Which hamza starts a stem is the loanword's or the wasl question
                        // (`الآذربيجانية`): an everyday winner only.
                        (true, _) if stem_starts.contains(&i) => Edit::InitialHamza,
                        // A bare seat given its hamza (ي -> ئ, و -> ؤ) before the word's
                        // last two letters (a loanword's ending is its own: أوتشا، الأومليت).
                        (true, 'ؤ' | 'ئ') if matches!(chars[i], 'ي' | 'و') && i + 2 < n => Edit::Seat,
                        (true, _) => Edit::Respelling,
                        _ => Edit::Confusable,
                    };
                    splice(&mut text, i, i + 1, &[to]);
                    consider(&text, edit, 0, &mut cands);
                }
            }
        }
        // a letter too many: a doubled letter, a long vowel or a hamza added; never the
        // first, which may be a clitic or a name's own, and never the ي of a final ية: the
        // nisba ending is productive (المضاربية is an adjective the dictionary lacks, not
        // المضاربة with a letter too many)
        let nisba = chars[i] == 'ي' && i + 2 == n && chars[n - 1] == 'ة';
        // Seen on the web, a form's last vowel is a suffix of its own (فرنسوا، القانونى); and
        // a final و, ي or ى nobody writes is one too: a nisba (`السفياني`, `العمروي`), a
        // name's ending (`روبيو`, `فوردو`), ى written for ي (`الإنسانى` is `الإنساني`, not
        // `الإنسان`), unless it doubles the letter before it.
        let suffix = i + 1 == n && (in_table || (FINAL_VOWELS.contains(&chars[i]) && chars[i] != chars[i - 1]));
        // The alif of `يا` fused to a word the dictionary knows (`يازينها`: a house decision, see
        // `SHORT_FIRST`), not a letter typed too many. (`لا` fused to a verb is refused above;
        // before a noun its alif and the article's letters swapped weigh each other. Not `ما`:
        // fused to a verb in the web's copy, `ماذكر`, but `ماحافظة` is a slip.)
        let fused_particle = i == 1
            && chars[i] == 'ا'
            && chars[0] == 'ي'
            && key[offs[i + 1]..].chars().count() >= 3
            && lex.knows_with_clitics(&key[offs[i + 1]..]);
        // `لا` starting the word where the article's letters swapped back make a word the web
        // writes (`لاظروف`: `الظروف`) is that swap, not ل + a word with an alif typed after it.
        let article_swapped = chars[i] == 'ا'
            && i >= 1
            && chars[i - 1] == 'ل'
            && (i == 1 || (i == 2 && matches!(chars[0], 'و' | 'ف')))
            && article_swap_likely(&key[offs[i + 1]..]);
        // `او` before the article's ل (`اولتي`) is the conjunction swapped with the article's
        // alif (`والتي`), not the article with a و typed inside it: the swap alone mends it.
        // (Not where the web writes the form with أ: a name's bare alif, `اولمرت`.)
        let conjunction_swapped = i == 1
            && chars[0] == 'ا'
            && chars[i] == 'و'
            && chars.get(2) == Some(&'ل')
            && frequency::class(&format!("أ{}", &key[offs[1]..])).is_none();
        if i > 0
            && !nisba
            && !suffix
            && !fused_particle
            && !article_swapped
            && !conjunction_swapped
            && (chars[i] == chars[i - 1] || SLIPPERY.contains(&chars[i]))
        {
            // (A double after the first letter may be a prefix's: ممنهج، تتابع; so may تت or
            // مم starting the stem after a clitic: فتتكثف.)
            let prefix_double = matches!(chars[i], 'ت' | 'م') && stem_starts.contains(&(i - 1));
            // (A hamza is no letter a writer adds by a slip of the hand: `العزء` is `العزاء`
            // with its alif dropped before `العز` with a hamza added.)
            let edit = if chars[i] == chars[i - 1] && i >= 2 && !prefix_double {
                Edit::Undoubled
            } else if matches!(chars[i], 'ء' | 'أ' | 'إ' | 'ؤ' | 'ئ') {
                Edit::HamzaAdded
            } else if seats.contains(&i) {
                // A bare seat where its hamza makes a word (`تاثيره`, `البدايل`) is far more
                // often the hamza left off than a letter typed too many (`تثيره`, `البديل`).
                // (Not starting a stem, where a bare alif is the house's hamza: `لاتلقي`.)
                Edit::SlipBesideSeat
            } else {
                Edit::Slip
            };
            splice(&mut text, i, i + 1, &[]);
            let extra = if edit == Edit::SlipBesideSeat { 0 } else { beside_seat(i, i) };
            // (Two alifs starting the word or its stem, `ااستقبال`, are the article's ل dropped
            // between them, `الاستقبال`, more often than an alif typed twice: no word starts so.)
            let extra = if chars[i] == 'ا' && chars[i - 1] == 'ا' && stem_starts.contains(&(i - 1)) {
                extra + SEAT_OVER_SLIP
            } else {
                extra
            };
            if edit == Edit::Slip && !stem_starts.contains(&i) && vowel_beside_vowel(&chars, i) {
                held.push((i, extra));
            } else {
                consider(&text, edit, extra, &mut cands);
            }
        }
        // two neighbours swapped
        if i + 1 < n && chars[i] != chars[i + 1] {
            // The article's own two letters swapped into `لا` (`الضطراب` read as `لاضطراب`,
            // ل + a word): writers type the article by reflex; the wasl alif after it dropped
            // (`الاضطراب`) is the likelier slip.
            let edit = if chars[i] == 'ا' && chars[i + 1] == 'ل' && stem_starts.contains(&i) {
                Edit::SwapOutOfArticle
            } else {
                Edit::Swap
            };
            splice(&mut text, i, i + 2, &[chars[i + 1], chars[i]]);
            consider(&text, edit, beside_seat(i, i + 1), &mut cands);
        }
        // fused words: a space dropped
        if i >= 2 && n - i >= 2 {
            let (a, b) = (&key[..offs[i]], &key[offs[i]..]);
            let edit = if matches!(chars[i - 1], 'ة' | 'ى')
                || ((n - i >= 3 || FUNCTION_SECOND.contains(&b)) && ends_in_suffix(a))
                || a.strip_suffix('ا').is_some_and(|noun| fused::accusative(noun, b))
                || (n - i >= 2 && fused::pronoun_on_inflection(a))
            {
                // A pronoun suffix or a verb's plural ending (`يتقدمهاسهم`, `يتجاوزوامراحل`)
                // ends a word as surely as ة. (Before a word of two letters only a function
                // word, a closed class that ends no name: `يجلبونهامن`.)
                Edit::SureSplit
            } else if NON_JOINING.contains(&chars[i - 1]) && n - i >= 5 && starts_with_article(b) {
                // The article after a letter that does not join the next: the dropped space
                // does not show (`توافرالوظائف`, `يشهدهاالمنفذ`), nor with a conjunction or a
                // preposition before it (`الحصاروالجوع`, `وتزويدهابالخدمات`). (Not before two
                // letters: names end in `-lin`, `-lim`: `روزالين`, `ميراليم`.)
                Edit::ArticleSplit
            } else if (everyday_part(a) && n - i >= EVERYDAY_SPLIT_LETTERS && !b.starts_with('و'))
                || (i >= EVERYDAY_SPLIT_LETTERS
                    && everyday_part(b)
                    && !b.starts_with(['ل', 'ب', 'ه', 'ف'])
                    && b != "يوم"
                    && (n - i >= 3 || (NON_JOINING.contains(&chars[i - 1]) && !article_and_three(a))))
            {
                // An everyday word fused to a longer one (`هواستئذان`, `فقدرسمنا`,
                // `أكثربتواجدي`, `للكاتبحتى`). Not before و + a word (`بها` + `ولفور`: see the
                // split below). As the second part, not one that could be a pronoun suffix or a
                // preposition with one (`…هم`, `…لها`, `…فيه`), nor the `-ium` of an element
                // (`والبلاديوم`), nor two letters after the article and three (`المورمن`).
                Edit::EverydaySplit
            } else if NON_JOINING.contains(&chars[i - 1])
                && i >= 3
                && (FUNCTION_SECOND.contains(&b) || PREPOSITION_PRONOUNS.contains(&b))
                && !article_and_three(a)
            {
                // A function word after a letter that does not join the next (`أخيرفي`,
                // `مشيراإلى`, `أخطارهذه`): the dropped space does not show either. (Not after the article
                // and three letters or fewer, too easily a word by chance: `والمورمن`.)
                Edit::FunctionSplit
            } else {
                Edit::Split
            };
            splice(&mut text, i, i, &[' ']);
            consider(&text, edit, 0, &mut cands);
        }
    }
    // a hamza dropped (إجرا for إجراء): the same sound, spelled
    for i in 1..=n {
        // (not أ: after a letter that is also a clitic it makes a new word, بيار -> بأيار)
        for h in ['ء', 'ئ', 'ؤ'] {
            splice(&mut text, i, i, &[h]);
            consider(&text, Edit::Respelling, 0, &mut cands);
        }
    }
    // a letter dropped (a long vowel, a doubled letter, a hamza, any letter; seen on the web,
    // only a long vowel, a hamza or a double)
    // (How many letter sequences no word writes the form has: see `letters`.)
    let key_unwritten = letters::unwritten(key);
    for i in 1..=n {
        let doubled = [chars[i - 1], chars.get(i).copied().unwrap_or(chars[i - 1])];
        for l in LETTERS.chars() {
            // The article's ل dropped (`احديثة`, `اأول`): a slip at any length; after و or ف
            // too (`واتأمين`), where the web writes the definite word (`واجمعت` is وأجمعت
            // in the house's hamza, no `الجمعت`). Not after ب or ك: `با` starts family names
            // (`باشريف`, `باراس`).
            let article = l == 'ل'
                && !in_table
                && chars[i - 1] == 'ا'
                && (i == 1
                    || (i == 2
                        && matches!(chars[0], 'و' | 'ف')
                        && frequency::class(&format!("ال{}", &key[offs[2]..])).is_some()));
            let any = n >= MIN_LETTERS_FOR_ANY_INSERT && !in_table;
            // A form nobody writes with a letter sequence no word writes (see `letters`), at any
            // length: any letter restored that takes the sequence out is the slip's own evidence
            // (`مكز` -> `مركز`, `المهة` -> `المهمة`). (Names and loanwords are mostly written
            // with sequences the table has.)
            let mending = !in_table && key_unwritten > 0;
            if !any && !article && !mending && !SLIPPERY.contains(&l) && !doubled.contains(&l) {
                continue;
            }
            splice(&mut text, i, i, &[l]);
            let mended = mending && letters::unwritten(&text) < key_unwritten;
            if !any && !article && !SLIPPERY.contains(&l) && !doubled.contains(&l) && !mended {
                continue;
            }
            // The silent alif after a final و (كانوا) is no sound: a spelling.
            let edit = if (l == 'ا' && i == n && chars[n - 1] == 'و') || (l == 'و' && chars[i - 1] == 'ؤ') {
                // (So is the long vowel after a hamza on و, which reads as the seat doubled:
                // `مسؤل` for `مسؤول`, a form the web writes too.)
                Edit::Respelling
            } else if article {
                Edit::ArticleLam
            } else if l == 'ا' && i + 1 == n && chars[n - 1] == 'ء' && !SLIPPERY.contains(&chars[n - 2]) {
                Edit::AlifBeforeHamza
            } else if l == 'ا' && i >= 3 && PLURAL_TAILS.contains(&&key[offs[i]..]) {
                Edit::PluralAlif
            } else if !short && i + 1 == n && ending_vowel(lex, key, l) {
                Edit::EndingVowel
            } else if l == 'ا' && wasl_after_article(&key[..offs[i]], &key[offs[i]..]) {
                Edit::WaslAlif
            } else if short && mended {
                Edit::Mended
            } else if SLIPPERY.contains(&l) || doubled.contains(&l) {
                Edit::Restored
            } else if any {
                Edit::AnyLetter
            } else {
                Edit::Mended
            };
            let extra = if edit.orthographic() { 0 } else { beside_seat(i, i - 1) };
            consider(&text, edit, extra, &mut cands);
        }
    }
    // A long vowel beside another, taken out, is a rival that never wins only where the swaps
    // moving it one place make a word the dictionary accepts (`كبيار`: `كبيرا`); where none
    // does, it is a slip like any (`الزلوازل` -> `الزلازل`, `للدايئرة` -> `للدائرة`).
    for &(i, extra) in &held {
        let moved = [i.checked_sub(1), Some(i)].into_iter().flatten().filter(|&j| j + 1 < n).any(|j| {
            splice(&mut text, j, j + 2, &[chars[j + 1], chars[j]]);
            cands.contains_key(text.as_str()) && lex.knows_with_clitics(&text)
        });
        splice(&mut text, i, i + 1, &[]);
        consider(&text, Edit::Slip, extra, if moved { &mut beside_vowel } else { &mut cands });
    }
    for word in &beside {
        consider(word, Edit::HouseBeside, 0, &mut cands);
    }
    // A short form nobody writes, one letter short of a word the story writes elsewhere
    // (`حساية` in a story that writes `حسابية`, `رال` beside `ريال`): that word, whatever the
    // letter. (Not where the story repeats the form: then it is a word of its own; nor in a
    // long story, see `LONG_STORY_FI`.)
    if !in_table && !repeated && n < MIN_LETTERS_FOR_ANY_INSERT && !story.at_least("في", LONG_STORY_FI) {
        for i in 1..=n {
            for l in LETTERS.chars() {
                splice(&mut text, i, i, &[l]);
                if story.at_least(&text, 1) {
                    consider(&text, Edit::StoryLetter, 0, &mut cands);
                }
            }
        }
    }
    // Best first; only candidates the dictionary accepts count. Candidates too rare to win,
    // or to challenge the winner, are never looked up.
    let accepted = |c: &str| match c.split_once(' ') {
        Some((a, b)) => lex.knows_with_clitics(a) && lex.knows_with_clitics(b),
        // (The story's everyday word beside a bare alif (see [`story_words_beside`]) may add the
        // article the written form lacks: `اتي` -> `التي`.)
        None => {
            (beside.iter().any(|w| w == c) || (!article_invented(key, c, in_table) && !article_doubled(c)))
                && knows_soundly(lex, c)
        }
    };
    if let Some(all) = trace {
        let mut v: Vec<Weighed> = cands.iter().map(|(c, &(r, _, _))| (c.clone(), r, accepted(c))).collect();
        v.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        *all = v;
    }
    let mut ranked: Vec<(String, i32, i32, Edit)> = cands
        .into_iter()
        .map(|(c, (r, extra, edit))| (c, r, extra, edit))
        .filter(|(_, r, _, edit)| r - edit.cost() + OVER_WRITTEN <= written)
        .collect();
    // A bare seat given its hamza that makes the form a word (`موتمره`: `مؤتمره`, `ياكله`:
    // `يأكله`) is the likelier slip than a space dropped that is not sure (`موت مره`, `يا كله`):
    // the hamza left off is the commonest slip, and the split reads the bare seat as a word's
    // own letter. Such splits rank [`SEAT_OVER_SPLIT`] classes rarer there.
    if ranked.iter().any(|(_, _, _, e)| e.splits())
        && ranked
            .iter()
            .any(|(c, _, _, e)| matches!(e, Edit::Seat | Edit::Respelling) && c.chars().count() == n && accepted(c))
    {
        for (_, r, extra, e) in ranked.iter_mut() {
            if e.splits() {
                *r += SEAT_OVER_SPLIT;
                *extra += SEAT_OVER_SPLIT;
            }
        }
    }
    // The conjunction typed one place late (`مودارس` for `ومدارس`, `يووجد` for `ويوجد`) reads,
    // its letter taken out, as the bare word (`مدارس`), which the web writes far more often
    // than the word with its clitic: that slip and the swap are one reading of the letters, and
    // the swap, which keeps every letter the writer typed, ranks as the bare word (see
    // [`morphology::clitic_moved`]); the sentence then weighs the two readings per occurrence
    // (`rules::misspelling::context`, the conjunction's shape). Only where the bare word is
    // common enough for a swap to win on its own: a rarer one is mostly a name's (`كووات`), and
    // the swap's evidence for a rarer winner is no evidence for the bare word. (The same for a
    // long vowel typed one place off, `لاعاب` for `لاعبا`: on seeds 1-3 a letter added or
    // dropped fell from 78.0% right to 75.3% on the tune half.)
    if let Some(at) =
        ranked.iter().position(|(c, _, _, e)| *e == Edit::Swap && morphology::clitic_moved(key, c).is_some())
    {
        let bare = morphology::clitic_moved(key, &ranked[at].0).unwrap_or_default();
        let slip = ranked.iter().position(|(c, r, extra, e)| {
            *c == bare
                && matches!(e, Edit::Slip | Edit::Undoubled)
                && r - extra - e.cost() <= Edit::Swap.rarest(n, short)
        });
        if let Some(k) = slip {
            (ranked[at].1, ranked[at].2) = (ranked[k].1, ranked[k].2);
            ranked.swap_remove(k);
            beside_vowel.remove(&bare);
        }
    }
    ranked.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    let Some(at) = ranked.iter().position(|(c, _, _, _)| accepted(c)) else {
        // No ranked candidate: two letters swapped across the clitic chain's boundary, into a
        // word the table may lack (see [`boundary::swap`]), where nobody writes the form; an
        // alif typed twice; two letters swapped into a sequence no word writes (see
        // [`letters::swap`]); a letter added or dropped (see [`sole_slip`]); the one swap into
        // an inflection morphology vouches for (see [`sole_swap`]); a common noun's plural with
        // its `ات` written short (see [`plural_written_short`]).
        let mended = (!in_table && !short)
            .then(|| {
                boundary::swap(lex, &chars)
                    .or_else(|| undoubled(lex, &chars))
                    .or_else(|| undoubled_before_suffix(lex, &chars, story))
                    .or_else(|| letters::swap(lex, &chars))
                    .or_else(|| sole_slip(lex, &chars, story))
                    .or_else(|| sole_swap(lex, &chars, story))
                    .or_else(|| plural_written_short(lex, key))
            })
            .flatten();
        return match mended {
            Some(best) if repeated && !story.at_least(&best, 1) => Err(Refusal::Repeated { best }),
            Some(best) if morphology::undoes_pattern(key, &best) => Err(Refusal::NoCandidate),
            Some(best) => Ok(best),
            None => Err(Refusal::NoCandidate),
        };
    };
    let mut it = ranked.into_iter().skip(at);
    let Some((best, best_rank, best_extra, edit)) = it.next() else { return Err(Refusal::NoCandidate) };
    // A winner that undoes a valid pattern of the written form (an `-awi` nisba, a hamza's seat
    // before a pronoun read by case) mends nothing: see [`morphology`].
    if morphology::undoes_pattern(key, &best) {
        return Err(Refusal::NoCandidate);
    }
    // Not seen on the web, the winner must be a common word, or one the story uses; how
    // rare it may be depends on the edit (a hamza respelled or a letter typed twice has few
    // rivals, any other edit of a short word many).
    // (The penalty of a form the web writes weighs against the form, not the winner.)
    let rank = best_rank - best_extra - edit.cost();
    // A long vowel, a hamza or a double restored inside a word of seven letters or more (not
    // in its first two letters nor its ending: a nisba ي before ة makes a word of a place
    // name) has few rivals: a rarer winner (`الأسيية` -> `الأسيوية`).
    let bar = if edit == Edit::Restored && n >= LONG_WORD && inside_word(key, &best) {
        MOST_ORDINARY_LONGER
    } else if edit == Edit::Restored && n == LONG_WORD - 2 && inside_word(key, &best) {
        // Inside a word of five letters, as in one of six (`جرئمه` -> `جرائمه`; not after the
        // first letter: `بعطيك` is dialect, not `بيعطيك`).
        MOST_ORDINARY_LONG
    } else if edit == Edit::ArticleLam && !short && bare_after_alif(key, &best) {
        // The article's ل dropped before a word the web writes on its own and with the
        // article (`امحطات` -> `المحطات`: محطات), as sure as a hamza respelled.
        MOST_ORDINARY_SURE
    } else if edit == Edit::Restored
        && n == MIN_LETTERS_FOR_EDITS - 1
        && inside_word(key, &best)
        && matches!(best.chars().nth(same_start(key, &best)), Some('ا' | 'و' | 'ي'))
    {
        // A long vowel restored inside a word of four letters (see `SHORT_MOST_ORDINARY`).
        MOST_ORDINARY
    } else {
        edit.rarest(n, short)
    };
    if rank > bar {
        // A form nobody writes, one swap away from a single word the web writes and from no
        // other as close, with evidence for that word (see `swap_evidence`): that word, rarer or not.
        // The same for a letter added, dropped or typed twice inside the word (see
        // [`inside_word`]), up to `SOLE_SLIP_MOST_ORDINARY`, where the story writes the
        // candidate's stem (`التشوهير` in a story that writes `تشهير`).
        let slip = matches!(
            edit,
            Edit::Slip | Edit::HamzaAdded | Edit::Restored | Edit::PluralAlif | Edit::EndingVowel | Edit::Undoubled
        );
        let any_letter = matches!(edit, Edit::AnyLetter | Edit::Mended);
        let sole =
            !in_table && !short && (edit.sole_may_win() || slip || any_letter) && rank <= SOLE_STORY_MOST_ORDINARY;
        // Any other letter restored (a consonant the writer dropped: `للمعمات` -> `للمعلمات`)
        // has rivals in every letter of the alphabet: it wins rarer only inside the stem, with
        // the stem's own evidence (an inflection of a common stem, or the story writing it).
        let evidence = || {
            if any_letter {
                rank <= SOLE_MOST_ORDINARY
                    && inside_word(key, &best)
                    && inside_stem(key, &best)
                    && (story_uses_stem(&best, story)
                        || stem_class(&best).is_some_and(|c| c <= COMMON_STEM)
                        || clitic_on_common_stem(&best))
            } else if slip {
                // (A letter typed too many, taken out, may be the one before a two-letter
                // ending: `علاقاتاها` in a story that writes `علاقات`.)
                let inside = inside_word(key, &best) || (edit == Edit::Slip && typed_before_ending(key, &best));
                // (Up to `SOLE_MOST_ORDINARY` where a clitic chain on a common word makes the
                // form rare: `وبالمكتبة` ranks far below `المكتبة`.)
                let bar = if clitic_on_common_stem(&best) { SOLE_MOST_ORDINARY } else { SOLE_SLIP_MOST_ORDINARY };
                // (Or, up to `SOLE_MOST_ORDINARY`, an inflection of a common stem that no family
                // name reads as, see [`inflection_class`]: `المتعاقيدين` -> `المتعاقدين`; or a long
                // vowel or a double put back into a clitic chain on a common word, `وللمكتبت` ->
                // `وللمكتبات`.)
                let common_stem = || {
                    inflection_class(&best).is_some_and(|c| c <= COMMON_STEM)
                        || (matches!(edit, Edit::Restored | Edit::PluralAlif | Edit::EndingVowel)
                            && clitic_on_common_stem(&best))
                };
                (rank <= bar && inside && story_uses_stem(&best, story))
                    || slip_evidence(lex, key, &best, rank)
                    || (rank <= SOLE_MOST_ORDINARY && inside && common_stem())
            } else {
                swap_evidence(key, &best, story, rank)
            }
        };
        // (Only where no other candidate comes as close as a runner-up may: a rival rarer
        // by `OVER_RUNNER_UP` classes or more would lose to the winner anyway, `متكنه` ->
        // `تمكنه` before `متقنه`.)
        let rival =
            it.clone().take_while(|(_, r, _, _)| *r < best_rank + OVER_RUNNER_UP).any(|(c, _, _, _)| accepted(&c));
        // (Or a long vowel added or dropped that mends the word's pattern, see
        // [`pattern_mended`], up to `PATTERN_MOST_ORDINARY`, with no rival.)
        let pattern_sole =
            !in_table && rank <= PATTERN_MOST_ORDINARY && inside_stem(key, &best) && pattern_mended(key, &best, edit);
        if !(pattern_sole && !rival) && (!sole || rival || !evidence()) {
            return Err(Refusal::TooRare { best, rank });
        }
    }
    // A hamza put back on its seat or respelled is the likelier slip than a letter added or
    // dropped at the same place (`رايحة`: `رائحة` before `راحة`): such a runner-up must be
    // closer to challenge it.
    // So is one of two identical neighbours taken out (`لعللاج`: `لعلاج` before the swap's
    // `للعلاج`): Arabic writes a double with shadda, so a letter written twice inside the stem is
    // a key struck twice.
    // So is the article's ل put back between two alifs starting the word (`ااستقبال`), and a
    // verbal noun's wasl alif put back after the article (`والضطراب`: `والاضطراب` before the
    // article's letters swapped, `ولاضطراب`).
    let hamza = matches!(edit, Edit::Respelling | Edit::Seat | Edit::Undoubled | Edit::WaslAlif)
        || (edit == Edit::ArticleLam && key.starts_with("اا"));
    // So is a long vowel put back (writers drop one far more often than a consonant) against
    // a consonant put back or a space restored that is not sure: a dropped consonant has
    // rivals in every letter of the alphabet, a long vowel three.
    let long_vowel =
        edit == Edit::Restored && matches!(best.chars().nth(same_start(key, &best)), Some('ا' | 'و' | 'ي'));
    let seat_given = matches!(edit, Edit::Seat | Edit::Respelling) && hamza_on_bare_seat(key, &best);
    let margin = |e: Edit| {
        if seat_given && e == Edit::AnyLetter {
            OVER_RUNNER_UP_SEAT_ANY
        } else if (hamza && !e.orthographic())
            || (long_vowel && matches!(e, Edit::AnyLetter | Edit::Mended | Edit::Split))
        {
            OVER_RUNNER_UP_HAMZA
        } else {
            OVER_RUNNER_UP
        }
    };
    // A swap keeps every letter the writer typed: a runner-up that is the winner with a long
    // vowel taken out (`تحيسن`: `تحسين` before `تحسن`) reads the same stem with a letter lost,
    // and must come as close as a hamza's rival to challenge it.
    let shortened = |c: &str| edit == Edit::Swap && without_long_vowel(&best, c);
    let margin = |c: &str, e: Edit| if shortened(c) { OVER_RUNNER_UP_HAMZA } else { margin(e) };
    // A long vowel taken out from beside another (see [`vowel_beside_vowel`]) never wins, but
    // as close to a winner of another slip as a runner-up may come, either side of it, it is a
    // rival still: that winner is no surer than before (`ثاناي`, a hotel's name: `ثانيا` 48
    // beside `ثاني` 43; `الرايق`). Far commoner than the winner, it is no rival: the letters
    // typed read far better moved than taken out (`كبيار`: `كبيرا` 54, not `كبير` 48). (A hamza
    // put on its seat or respelled has no such rival: the bare seat beside a long vowel is the
    // hamza left off, `رايس`, not a vowel typed too many.)
    if !edit.orthographic() {
        let rival = beside_vowel
            .iter()
            .filter(|(_, &(r, _, e))| r - e.cost() + OVER_WRITTEN <= written)
            // (Commoner, as close as a slip's runner-up may come; rarer, as close as the
            // winner's own runner-up may.)
            .filter(|(c, &(r, _, e))| {
                **c != best && r > best_rank - OVER_RUNNER_UP && r < best_rank + margin(c.as_str(), e)
            })
            .filter(|(c, _)| accepted(c))
            .min_by(|a, b| a.1 .0.cmp(&b.1 .0).then_with(|| a.0.cmp(b.0)));
        if let Some((rival, &(r, _, _))) = rival {
            // (The commoner of the two is the best, as the runner-up check orders them.)
            return Err(if r < best_rank {
                Refusal::Close { best: rival.clone(), runner_up: best }
            } else {
                Refusal::Close { best, runner_up: rival.clone() }
            });
        }
    }
    let mut runner_ups = it
        .take_while(|(_, r, _, _)| *r < best_rank + OVER_RUNNER_UP)
        .filter(|(c, r, _, e)| *r < best_rank + margin(c, *e))
        // (Another vowel of the same ending, `ون` beside `ين`, is the same word in another case:
        // the commoner wins.)
        .filter(|(_, _, _, e)| !(edit == Edit::EndingVowel && *e == Edit::EndingVowel))
        .filter(|(c, _, _, _)| accepted(c));
    if let Some((runner_up, r, extra, e)) = runner_ups.next() {
        // The mirror of `shortened`: a long vowel taken out (`بتشيكل`: `بتشكل`) against the swap
        // that moves it one place (`بتشكيل`), the same stem with every letter the writer typed,
        // as close as a hamza's rival and with no other: the swap.
        let moved = edit == Edit::Slip
            && e == Edit::Swap
            && r < best_rank + OVER_RUNNER_UP_HAMZA
            && without_long_vowel(&runner_up, &best)
            && r - extra - e.cost() <= e.rarest(n, short);
        if moved {
            let mut rest = runner_ups.clone();
            if rest.next().is_none() {
                return if repeated && !story.at_least(&runner_up, 1) {
                    Err(Refusal::Repeated { best: runner_up })
                } else {
                    Ok(runner_up)
                };
            }
        }
        // The story breaks a near tie of a form nobody writes: where it writes the stem of one
        // of the close candidates alone (see [`story_uses_stem`]: `بقيدة` in a story that
        // writes `القيادة`, not `جيدة`), that one is the word meant. (Not in a long story,
        // which writes nearly any stem, see `LONG_STORY_FI`.)
        let story_decides = !in_table && !repeated && !story.at_least("في", LONG_STORY_FI);
        if story_decides {
            let best_stem = story_uses_stem(&best, story);
            let runner_stem = story_uses_stem(&runner_up, story);
            let others_stem = runner_ups.any(|(c, _, _, _)| story_uses_stem(&c, story));
            if best_stem && !runner_stem && !others_stem {
                return Ok(best);
            }
            // (The runner-up as rare a word as its edit may make.)
            if runner_stem && !best_stem && !others_stem && r - extra - e.cost() <= e.rarest(n, short) {
                return Ok(runner_up);
            }
        }
        return Err(Refusal::Close { best, runner_up });
    }
    // A form the story repeats is its spelling, unless the story also writes the winner.
    if repeated && !story.at_least(&best, 1) {
        return Err(Refusal::Repeated { best });
    }
    Ok(best)
}

/// Whether the letter at `i` of `chars` is a long vowel beside another long vowel (not the
/// same letter: a double is a key struck twice, see [`Edit::Undoubled`]). A writer adds a long
/// vowel by ear, lengthening a short vowel between two consonants; beside another long vowel
/// there is no short vowel to lengthen, and the letter was typed in the wrong place (a swap:
/// `كبيار` for `كبيرا`, `نوواي` for `نوويا`, `اوستقبال` for `واستقبال`), not typed too many.
/// (Unvocalised, a و or ي beside it may be a consonant, `يوتوقع` for `ويتوقع`: the letters are
/// what the check sees, and a key struck once too often lands beside them as rarely.)
/// (On the bench file, taking such a letter out was mostly a name's own vowel: `وصوير`,
/// `بيازيد`, `ديور`, `شيخنوا`.)
fn vowel_beside_vowel(chars: &[char], i: usize) -> bool {
    let long = |c: Option<&char>| matches!(c, Some('ا' | 'و' | 'ي' | 'ى'));
    i > 0
        && matches!(chars[i], 'ا' | 'و' | 'ي')
        && [chars.get(i - 1), chars.get(i + 1)].into_iter().any(|c| long(c) && c != Some(&chars[i]))
}

/// How common (frequency class, or its stem's after clitics with [`STEM_PENALTY`]) a noun must
/// be for [`plural_written_short`] to read a form as its plural.
const SHORT_PLURAL_BASE: i32 = 56;

/// The feminine plural of a noun the web writes, where `key` (a form nobody writes, with no
/// candidate the frequency table holds) is that noun and a ت: the plural's `ات` written short
/// (`للمقترحت` -> `للمقترحات`), a plural the table is too small to hold. The noun must be of
/// four letters or more (a name in ت is mostly a root of three and its ت: `مدحت`, `رأفت`), not
/// ending in a long vowel (`يت` and `وت` end transliterated names, `-ett`, `-out`: one false
/// finding on the 10 MB bench file), and as common as [`SHORT_PLURAL_BASE`]; the dictionary must
/// know the plural whole.
fn plural_written_short(lex: &Lexicon, key: &str) -> Option<String> {
    let base = key.strip_suffix('ت')?;
    if base.chars().count() < 4 || base.ends_with(['ا', 'و', 'ي', 'ة', 'ى', 'ت']) {
        return None;
    }
    if !web_rank(base, STEM_PENALTY).is_some_and(|c| c <= SHORT_PLURAL_BASE) {
        return None;
    }
    let cand = format!("{base}ات");
    lex.knows(&cand).then_some(cand)
}

/// Whether `l` restored before the last letter of `key` (a form the dictionary rejects) puts
/// back the long vowel of an ending on a word the web writes: ي, و or ا before a final ن
/// (`للمتقاعدن` -> `للمتقاعدين`: a sound plural or a dual), ي before a final ة (`التسويقة` ->
/// `التسويقية`: a nisba). The form less its last letter must be a word of four letters or more
/// that the dictionary accepts and the web writes (`للمتقاعد`, `التسويق`), after a consonant: the
/// writer wrote the word and its ending's last letter. (A name ends in ن or ة after a consonant
/// as often, `ستيفن`, but is rarely a word the table holds with its last letter taken off.)
fn ending_vowel(lex: &Lexicon, key: &str, l: char) -> bool {
    let Some(last) = key.chars().next_back() else { return false };
    if !(matches!((l, last), ('ي' | 'و' | 'ا', 'ن') | ('ي', 'ة'))) {
        return false;
    }
    let base = &key[..key.len() - last.len_utf8()];
    // (A nisba only of a verbal noun of the derived forms, `تفعيل`, `تفاعل`, `افتعال`,
    // `استفعال`, after its clitics: the productive adjectives of news copy, `التسويقية`,
    // `التعاونية`. A place in ة one letter from the nisba of the word it is named after is a
    // name, `المصباحة`: a village of that shape gave 12 false findings on the 10 MB bench file.)
    if last == 'ة' && !verbal_noun_of_derived_form(base) {
        return false;
    }
    base.chars().count() >= 4
        && base.chars().next_back().is_some_and(|c| !SLIPPERY.contains(&c) && c != 'ة')
        && web_rank(base, STEM_PENALTY).is_some()
        && lex.knows_with_clitics(base)
}

/// Whether `best` is `key` with one bare seat given its hamza (ي -> ئ, و -> ؤ), and no other
/// letter changed.
fn hamza_on_bare_seat(key: &str, best: &str) -> bool {
    let (mut k, mut b) = (key.chars(), best.chars());
    let mut seats = 0;
    loop {
        match (k.next(), b.next()) {
            (None, None) => return seats == 1,
            (Some(x), Some(y)) if x == y => {}
            (Some('ي'), Some('ئ')) | (Some('و'), Some('ؤ')) => seats += 1,
            _ => return false,
        }
    }
}

/// Whether `form`, after its clitic chain (the article among it), reads as a verbal noun of a
/// derived form: five letters or more starting with ت (`تفعيل`, `تفاعل`, `تفعّل`) or with an
/// alif (`افتعال`, `انفعال`, `استفعال`).
fn verbal_noun_of_derived_form(form: &str) -> bool {
    std::iter::once(form)
        .chain(arabic::clitic_splits(form).map(|(_, stem)| stem))
        .any(|stem| stem.chars().count() >= 5 && stem.starts_with(['ت', 'ا']) && !stem.starts_with("ال"))
}

/// Clitic chains that may stand before the article's `ال` (and `لل`, the article after ل).
const BEFORE_ARTICLE: &[&str] = &["", "و", "ف", "ب", "ك", "وب", "فب", "وك", "فك"];

/// Whether an alif restored between `before` (the article after a clitic chain or none, or
/// `لل`) and `rest` puts back the wasl alif of a verbal noun of the derived forms: `است`
/// (استفعال), `ان` (انفعال), `اCت` (افتعال, with `ط` or `د` for its ت after some letters:
/// `اضطراب`, `ازدهار`). `والضطراب` is `والاضطراب` with the alif the writer runs over; the
/// article's letters swapped (`ولاضطراب`, ل + the noun) is the rarer slip.
fn wasl_after_article(before: &str, rest: &str) -> bool {
    let chain = before.strip_suffix("ال").or_else(|| before.strip_suffix("لل"));
    if !chain.is_some_and(|chain| BEFORE_ARTICLE.contains(&chain)) {
        return false;
    }
    let mut it = rest.chars();
    let (Some(a), Some(b)) = (it.next(), it.next()) else { return false };
    rest.chars().count() >= 4 && (rest.starts_with("ست") || a == 'ن' || matches!(b, 'ت' | 'ط' | 'د'))
}

/// Whether `key` (a form nobody writes) is an alif, after و or ف or neither, before a word of
/// three letters or more the web writes on its own, and `best` that word with the article,
/// which the web writes too: the article with its ل dropped, where a rarer definite winner
/// has no rival reading. Not before a long vowel: a bare alif and و or ي open a foreign name's
/// vowel (`اوليفر`, `ايفان`), or are `أو` fused to the next word; a name or a loanword whose
/// rest is a word by chance is rarely written with the article on the web.
fn bare_after_alif(key: &str, best: &str) -> bool {
    let (rest, cand) = match (key.strip_prefix(['و', 'ف']), best.strip_prefix(['و', 'ف'])) {
        (Some(r), Some(c)) => (r, c),
        _ => (key, best),
    };
    rest.strip_prefix('ا').is_some_and(|word| {
        word.chars().count() >= 3
            && !word.starts_with(['و', 'ي', 'ا'])
            && frequency::class(word).is_some()
            && cand.strip_prefix("ال") == Some(word)
            && frequency::class(cand).is_some()
    })
}

/// The one word the dictionary accepts whole that `chars` (a form nobody writes, that the
/// dictionary rejects, with no candidate the frequency table holds) becomes with an alif
/// typed twice inside it taken out (`سنتجااهل` -> `سنتجاهل`): no word writes two. Not in the
/// word's first two letters nor its last (before the last letter it may be a plural's `ات`:
/// `محطاات`). (Any letter typed twice: +4 tune plants, but 11 new findings on the 10 MB bench
/// file, all words of roots with a double, `أرففها`, `يفخخون`, `سفلتتها`, or names.) `None`
/// when no such word or more than one.
fn undoubled(lex: &Lexicon, chars: &[char]) -> Option<String> {
    let n = chars.len();
    let mut found: Option<String> = None;
    for i in 2..n.saturating_sub(1) {
        if chars[i] != 'ا' || chars[i - 1] != 'ا' {
            continue;
        }
        let cand: String = chars.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &c)| c).collect();
        if article_doubled(&cand) || !lex.knows(&cand) {
            continue;
        }
        match &found {
            Some(other) if *other != cand => return None,
            _ => found = Some(cand),
        }
    }
    found
}

/// Pronoun suffixes, and a noun's ة written ت before one, that a consonant typed twice may
/// touch (see [`undoubled_before_suffix`]).
const SUFFIX_TAILS: &[&str] =
    &["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "نا", "ته", "تها", "تهم", "تهما", "تك", "تكم", "تنا"];

/// The one word the dictionary accepts whole that `chars` (a form nobody writes, that the
/// dictionary rejects, with no candidate the frequency table holds) becomes with a consonant
/// typed twice taken out where the double touches a pronoun suffix: the suffix's own first
/// letter (`وقتهها` -> `وقتها`: a word takes one pronoun) or the letter before it. The word
/// must be an inflection of a common stem (see [`stem_class`], [`suffixed_short_stem`]) or of
/// one the story writes. Not where the written form less its suffix is a word the dictionary
/// knows: a root with a double of its own (`شددها`). (Any consonant typed twice, anywhere:
/// see [`undoubled`].) `None` when no such word, or more than one.
fn undoubled_before_suffix(lex: &Lexicon, chars: &[char], story: &StoryForms<'_>) -> Option<String> {
    let n = chars.len();
    let mut found: Option<String> = None;
    let mut tail = String::new();
    for i in 2..n {
        let c = chars[i];
        if c != chars[i - 1] || SLIPPERY.contains(&c) {
            continue;
        }
        tail.clear();
        tail.extend(&chars[i + 1..]);
        let after = SUFFIX_TAILS.contains(&tail.as_str());
        let own = SUFFIX_TAILS.iter().any(|s| s.strip_prefix(c) == Some(tail.as_str()));
        if !after && !own {
            continue;
        }
        if after {
            let base: String = chars[..=i].iter().collect();
            if lex.knows_with_clitics(&base) {
                continue;
            }
        }
        let cand: String = chars.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &c)| c).collect();
        if article_doubled(&cand) || !lex.knows(&cand) {
            continue;
        }
        let evidence = stem_class(&cand).is_some_and(|k| k <= COMMON_STEM)
            || suffixed_short_stem(&cand)
            || story_uses_stem(&cand, story);
        if !evidence {
            continue;
        }
        match &found {
            Some(other) if *other != cand => return None,
            _ => found = Some(cand),
        }
    }
    found
}

/// The one word the dictionary accepts one letter away from `chars` (a form nobody writes,
/// that the dictionary rejects, with no candidate the frequency table holds: see
/// [`letters::sole_slip`]), where the slip has evidence of its own: a slip of the hand (a
/// long vowel or a double) that takes out a letter sequence no word writes
/// (`الملتببسة` -> `الملتبسة`), or makes an inflection of a common stem (see [`stem_class`]:
/// `وأونانيته` -> `وأنانيته`) or of a stem the story writes; or any letter restored that makes
/// an everyday word (`يتاوز` -> `يتجاوز`), or taken out where that takes out a sequence no
/// word writes. A name or a loanword one letter from a single word
/// is mostly one from a rare word, with no sequence no word writes.
fn sole_slip(lex: &Lexicon, chars: &[char], story: &StoryForms<'_>) -> Option<String> {
    let slip = letters::sole_slip(lex, chars)?;
    let key: String = chars.iter().collect();
    // (A consonant typed twice may be taken out before a two-letter ending too:
    // `المتنازععين`; not at the word's end, nor a long vowel: a name's own.)
    let same = same_start(&key, &slip.word);
    let consonant = chars.get(same).is_some_and(|c| !SLIPPERY.contains(c));
    // (A letter written three times running is no word's, wherever it stands: `الإعلامييين`.
    // Not four times or more, a cry drawn out, `ياااه`; and the word must have the stem's
    // evidence, a cry of three, `أوووه`, may be a word's letters twice.)
    let thrice = slip.undoubled && runs_of_three(chars);
    let inside = inside_word(&key, &slip.word)
        || (slip.undoubled && consonant && same >= 2 && same + 1 < slip.word.chars().count())
        || thrice;
    let stem = || stem_class(&slip.word).is_some_and(|c| c <= COMMON_STEM) || story_uses_stem(&slip.word, story);
    let sure = if !inside {
        false
    } else if slip.typed {
        if slip.added || slip.undoubled {
            slip.mends || stem()
        } else {
            // (A long vowel typed too many in a loanword is its other spelling, `الستايرين`, or
            // a dialect word's: both kinds of evidence.)
            slip.mends && stem()
        }
    } else {
        // (Not another letter taken out: a name's own consonant taken out makes a word as
        // easily, `فونيس`, `اسبود`, and a Turkish `-جي` taken out an everyday word.)
        // A consonant put back inside the stem (not its first letter after the clitics, see
        // [`inside_stem`]) of an inflection of a common stem or of one the story writes
        // (`للتصيحات` -> `للتصريحات`), as the ranked candidates' (see `decide`).
        slip.added
            && (web_rank(&slip.word, STEM_PENALTY).is_some_and(|c| c <= MOST_ORDINARY)
                || (inside_stem(&key, &slip.word) && stem()))
    };
    sure.then_some(slip.word)
}

/// Whether `chars` writes a letter exactly three times running, and none four times or more.
fn runs_of_three(chars: &[char]) -> bool {
    let mut three = false;
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| c == chars[i]).count();
        if run > 3 {
            return false;
        }
        three |= run == 3;
        i += run;
    }
    three
}

/// How much more regular (see [`regularity`]) [`sole_swap`]'s word must read than the form as
/// written. A name or a loanword one swap from an inflection the dictionary accepts reads
/// about as regularly either way (a family name's nisba, a brand, a dual the dictionary
/// lacks taken for a verb with `نا`: on the 10 MB bench file, 35 such findings without this
/// bar, 1 true); the planted swaps mostly read far more regularly put back.
const SOLE_SWAP_REGULARITY_GAIN: f32 = 0.4;

/// The one word `chars` (a form nobody writes, that the dictionary rejects, with no candidate
/// the frequency table holds) becomes with two neighbours swapped back, where no other swap
/// makes a word the dictionary accepts (whole or through a clitic), the word is one the
/// dictionary accepts whole, and morphology vouches for it where the table is too small to:
/// an imperfect verb of an everyday past stem (see [`imperfect_of_common_verb`]: `سيدرسون` for
/// `يسدرسون`), an inflection of a common stem (see [`stem_class`]: `مكاتبهم` for `مكاتهبم`),
/// or a word whose stem the story writes (see [`story_uses_stem`]); and the swap makes the
/// letters read more like written Arabic (see [`SOLE_SWAP_REGULARITY_GAIN`]). Not the article
/// made of `لا` (`لاأحد` is لا fused to a word, a house decision).
fn sole_swap(lex: &Lexicon, chars: &[char], story: &StoryForms<'_>) -> Option<String> {
    let la = |i: usize| chars[i] == 'ل' && chars[i + 1] == 'ا';
    let found = letters::only_swap(chars, la, |cand| lex.knows_with_clitics(cand));
    let key: String = chars.iter().collect();
    found.filter(|cand| {
        lex.knows(cand)
            && regularity(cand) - regularity(&key) >= SOLE_SWAP_REGULARITY_GAIN
            && (imperfect_of_common_verb(cand)
                || stem_class(cand).is_some_and(|c| c <= COMMON_STEM)
                || suffixed_short_stem(cand)
                || story_uses_stem(cand, story))
    })
}

/// Whether `shorter` is `word` with one long vowel (ا و ي) taken out.
fn without_long_vowel(word: &str, shorter: &str) -> bool {
    word.len() == shorter.len() + 'ا'.len_utf8()
        && word.char_indices().any(|(i, c)| {
            // (`get`: `i` need not fall between two letters of `shorter`.)
            matches!(c, 'ا' | 'و' | 'ي')
                && word.get(..i) == shorter.get(..i)
                && word.get(i + c.len_utf8()..) == shorter.get(i..)
        })
}

/// How many frequency classes (14: 25 times) more often the web must write a respelling of
/// one sound than a form the dictionary accepts for the dictionary to be wrong about it
/// (`حتي` 41, `حتى` 27). At 13 the nisba `الأولي` ("preliminary") would read as `الأولى`.
const KNOWN_RESPELLED_MARGIN: i32 = 14;

/// Pronoun suffixes (and ما) `إن` takes: after a preposition it is always `أن` (`لأنه`).
const INNA_STEMS: &[&str] =
    &["إن", "إنه", "إنها", "إنهم", "إنهما", "إنهن", "إنك", "إنكم", "إني", "إنني", "إننا", "إنما"];

/// Prepositions in ى whose ي form is the preposition with the pronoun "me" (`إليّ`).
const PREPOSITIONS_IN_YA: &[&str] = &["إلي", "علي", "لدي"];

/// The respelling of one sound that mends a form the dictionary accepts, where the dictionary
/// is wrong: Hunspell reads `حتي` as حت + ي "my", `الأن` as the article on أن, `شيئ` and
/// `لإن` through analyses nobody writes. Only these respellings, each where grammar or the
/// web decides: a final ي for ى (`حتي`, `مستشفي`, `الكبري`), أ for آ starting the stem
/// (`الأن`, `أسيا`), ئ for ء after a long vowel at the end (`شيئ`: after ي or و the hamza
/// sits on the line), إ for أ in `إن` after a preposition (`لإن`, `بإنه`: إنّ never follows
/// one). The respelling must be a word the dictionary accepts and the web writes
/// [`KNOWN_RESPELLED_MARGIN`] classes more often than the form, compared whole or by the
/// same stem after the same clitics (the closest of those comparisons counts); after a
/// preposition, `إن` needs no such evidence. A nisba or a masdar in ي (`الأولي`, `التلقي`,
/// `الجري`) and a pronoun on a preposition (`علي`, `لدي`) are words the web writes too.
#[inline(never)]
fn known_respelled(lex: &Lexicon, key: &str) -> Option<String> {
    // (Most known words have none of these letters where it matters: decided without a look-up.)
    let last = key.chars().next_back();
    // (A letter, not a string: `contains` of a string sets up a searcher, too dear here.)
    let inna = key.contains('إ');
    if !matches!(last, Some('ي' | 'ئ')) && !inna && !key.contains('أ') {
        return None;
    }
    let chars: Vec<char> = key.chars().collect();
    let n = chars.len();
    let respell = |i: usize, to: char| -> String {
        let mut v = chars.clone();
        v[i] = to;
        v.into_iter().collect()
    };
    // (Each clitic split is found once: this runs for every known word of these letters.)
    let splits: Vec<(&str, &str)> = arabic::clitic_splits(key).collect();
    // `إن` after a preposition (with و or ف before it, or not).
    if inna {
        for &(prefix, stem) in &splits {
            if prefix.trim_start_matches(['و', 'ف']).len() == 'ل'.len_utf8()
                && matches!(prefix.chars().next_back(), Some('ل' | 'ب' | 'ك'))
                && INNA_STEMS.contains(&stem)
            {
                let cand = format!("{prefix}أ{}", &stem['إ'.len_utf8()..]);
                if lex.knows_with_clitics(&cand) {
                    return Some(cand);
                }
            }
        }
    }
    let mut cands: Vec<String> = Vec::new();
    // (Not on a verb's imperfect, `ستبقي` "will keep", form IV of أبقى, nor on a preposition,
    // `إلي` "to me": both are words of their own in ي.)
    if last == Some('ي') {
        let own_word = std::iter::once(key)
            .chain(splits.iter().map(|&(_, stem)| stem))
            .any(|s| s.trim_start_matches('س').starts_with(['ي', 'ت', 'ن', 'أ']) || PREPOSITIONS_IN_YA.contains(&s));
        if !own_word {
            cands.push(respell(n - 1, 'ى'));
        }
    }
    if last == Some('ئ') && matches!(chars[n - 2], 'ي' | 'و') {
        cands.push(respell(n - 1, 'ء'));
    }
    if key.contains('أ') {
        for i in std::iter::once(0).chain(splits.iter().map(|(p, _)| p.chars().count())) {
            if chars.get(i) == Some(&'أ') {
                cands.push(respell(i, 'آ'));
            }
        }
    }
    cands.into_iter().find(|cand| {
        // The closest comparison of the written form and the candidate by the same stem (the
        // whole word, or after the same clitic chain), where the table has both. (Every
        // respelling keeps each letter's length in bytes.)
        // (The candidate's class first: mostly the table lacks it, and the look-ups are dear.)
        let whole = std::iter::once((key, cand.as_str()));
        let stems = splits.iter().map(|&(p, stem)| (stem, &cand[p.len()..]));
        let mut compared = false;
        for (w, c) in whole.chain(stems).filter(|(w, c)| w.chars().count() >= 3 && c.chars().count() >= 3) {
            let Some(c) = frequency::class(c) else { continue };
            let Some(w) = frequency::class(w) else { continue };
            if i32::from(w) - i32::from(c) < KNOWN_RESPELLED_MARGIN {
                return false;
            }
            compared = true;
        }
        compared && lex.knows_with_clitics(cand)
    })
}

/// How much more regular (see [`regularity`]) the sole winner of a letter added or dropped
/// inside the word must read than the form as written to win rarer (names and loanwords
/// written with a vowel more or less read about as regularly either way: `فورميولا`).
const SOLE_SLIP_REGULARITY_GAIN: f32 = 0.3;
/// How common (frequency class) the word after a preposition must be for a ي typed between
/// them (`بيصحيفة`) to be a slip.
const AFTER_PREPOSITION_CLASS: u8 = 50;

/// Whether the only candidate `best` (of frequency class `rank`, up to
/// [`SOLE_MOST_ORDINARY`]) of a letter added or dropped has evidence of its own, where the
/// story has none: the edit is inside the word (see [`inside_word`]) and makes it read far
/// more like written Arabic (`المسوتحدثة` -> `المستحدثة`); or it takes out letter sequences no
/// word writes, twice over (see [`letters::mends_surely`]: `للدايئرة` -> `للدائرة`); or it
/// takes out a ي typed between a preposition and a common word (`بيصحيفة` -> `بصحيفة`,
/// `ليمشاركة` -> `لمشاركة`), where
/// the ي and the word make no word of their own (`بيقول` is the dialect's ب + `يقول`). (Not an
/// alif: `لا` is a word, and `با`, `كا` start names, `كابرس`.)
fn slip_evidence(lex: &Lexicon, key: &str, best: &str, rank: i32) -> bool {
    if rank > SOLE_MOST_ORDINARY {
        return false;
    }
    if inside_word(key, best) && regularity(best) - regularity(key) >= SOLE_SLIP_REGULARITY_GAIN {
        return true;
    }
    if letters::mends_surely(key, best) {
        return true;
    }
    let rest = key.strip_prefix(['و', 'ف']).unwrap_or(key);
    let mut it = rest.chars();
    let (Some(p), Some(v)) = (it.next(), it.next()) else { return false };
    let word = it.as_str();
    matches!(p, 'ب' | 'ل' | 'ك')
        && v == 'ي'
        && best.len() + v.len_utf8() == key.len()
        && best.ends_with(word)
        && word.chars().count() >= 3
        && frequency::class(word).is_some_and(|c| c <= AFTER_PREPOSITION_CLASS)
        && !lex.knows_with_clitics(&rest[p.len_utf8()..])
}

/// How common (frequency class) the only candidate of a long vowel added or dropped must be
/// where that mends the word's pattern (see [`pattern_mended`]). On the planted faults of the
/// tune half this took doubled/dropped from 75.9% / 73.9% to 76.5% / 74.4%, with no new
/// finding on the dev articles or the bench file (four classes rarer: one plant more on the
/// measure half, the same findings; without the guards in `pattern_mended`: 13 new bench
/// findings, about one true).
const PATTERN_MOST_ORDINARY: i32 = MOST_ORDINARY_LONG + 2;

/// Whether a long vowel added or dropped (`edit`, turning `key` into `best`) mends the word's
/// pattern: the written form parses as no pattern (see [`patterns`]) and `best` does, a vowel
/// taken out inside the stem (`الزلوازل` -> `الزلازل`, فعالل), a restored one as one of its
/// pattern's own long vowels (`إمدد` -> `إمداد`, إفعال). Evidence for a rarer winner (see
/// [`PATTERN_MOST_ORDINARY`]): a name or a loanword written with a long vowel more or less
/// reads as no pattern either way, or as one both ways.
fn pattern_mended(key: &str, best: &str, edit: Edit) -> bool {
    let same = same_start(key, best);
    let (k, b) = (key.chars().count(), best.chars().count());
    let vowel = |c: Option<char>| matches!(c, Some('ا' | 'و' | 'ي'));
    let mends = match edit {
        Edit::Restored => {
            b == k + 1
                && vowel(best.chars().nth(same))
                && patterns::parses_with(best, Some(same), patterns::Slot::Vowel)
        }
        // (Not right after the stem's first letter: a name's own long vowel sits there as
        // often, `كاتالينا`, and so does the alif of ما fused to a verb. Allowed there, seeds
        // 1-3 took a letter added or dropped from 78.0% to 78.3% right on the tune half, but the
        // bench file's pieces got 7 new findings, all false: `تامارا`, `نيقولا`, `ماقدمه`.)
        Edit::Slip => {
            b + 1 == k
                && same >= clitic_chain(best) + 2
                && inside_word(key, best)
                && vowel(key.chars().nth(same))
                && patterns::parses(best)
        }
        _ => false,
    };
    mends && !patterns::parses(key)
}

/// Whether a swap's only candidate `best` (of frequency class `rank`) has the evidence a
/// rarer winner needs: the swap makes the letters read far more like written Arabic (names and
/// loanwords read about as regularly either way: `منوتي`/`مونتي`; up to
/// [`SOLE_MOST_ORDINARY`]), or the story writes the candidate's stem (`مبوسم` in a story
/// that writes `موسم`), or the candidate is an inflection of an everyday stem (see
/// [`stem_class`]: `لحكوتمها` -> `لحكومتها`, `وتعامتل` -> `وتعاملت`), or the swap takes out a
/// letter sequence no word writes, twice over (see [`letters::mends_surely`]: `صأواتا` ->
/// `أصواتا`); or the swap puts back a verb's plural ending `وا` written `او` (`خسراو` ->
/// `خسروا`: a final `او` after a letter that joins is a name's, never a verb's); or the
/// candidate is an everyday word of three letters with a pronoun suffix (see
/// [`suffixed_short_stem`]: `درهسم` -> `درسهم`) that reads more regularly than the form (see
/// [`SOLE_SWAP_REGULARITY_GAIN`]); or, up to [`SOLE_MOST_ORDINARY`], a clitic chain on a word
/// the web writes commonly (see [`clitic_on_common_stem`]: `غبريب` -> `بغريب`, `لعلقد` ->
/// `للعقد`: the chain makes the whole form rare, not the word) that reads more regularly too,
/// not opening with و twice (a name in و after the conjunction: `وودرو` is no `وودور`); all up
/// to [`SOLE_STORY_MOST_ORDINARY`]).
fn swap_evidence(key: &str, best: &str, story: &StoryForms<'_>, rank: i32) -> bool {
    rank <= SOLE_MOST_ORDINARY && regularity(best) - regularity(key) >= SOLE_REGULARITY_GAIN
        || story_uses_stem(best, story)
        || stem_class(best).is_some_and(|c| c <= COMMON_STEM)
        || letters::mends_surely(key, best)
        || plural_ending_swapped(key, best)
        || imperfect_of_common_verb(best)
        || (suffixed_short_stem(best) && regularity(best) - regularity(key) >= SOLE_SWAP_REGULARITY_GAIN)
        || (rank <= SOLE_MOST_ORDINARY
            && clitic_on_common_stem(best)
            && !best.starts_with("وو")
            && regularity(best) - regularity(key) >= SOLE_SWAP_REGULARITY_GAIN)
}

/// The clitics an imperfect verb may carry (a conjunction, the ل of purpose or command, the
/// future's س), and its person prefixes.
const VERB_PROCLITICS: &[&str] = &["", "و", "ف", "ل", "ول", "فل", "س", "وس", "فس"];
const IMPERFECT_PREFIXES: &[char] = &['ي', 'ت', 'ن', 'أ'];

/// Whether `best` is an imperfect verb (after the clitics of [`VERB_PROCLITICS`], and with an
/// ending of [`STEM_ENDINGS`] or none) whose past stem, the letters after its person prefix,
/// is an everyday word of three letters or more (see [`COMMON_STEM`]): `يسافر` (سافر),
/// `وتكتشف` (اكتشف), `يتعاطى` (تعاطى), `ولنكتب` (كتب), `وترمي` (رمى). The frequency table
/// holds few of a verb's persons and moods; its past stem speaks for them all.
fn imperfect_of_common_verb(best: &str) -> bool {
    VERB_PROCLITICS.iter().filter_map(|p| best.strip_prefix(p)).any(|rest| {
        let Some(verb) = rest.strip_prefix(IMPERFECT_PREFIXES) else { return false };
        std::iter::once("")
            .chain(STEM_ENDINGS.iter().copied())
            .filter_map(|end| verb.strip_suffix(end))
            .filter(|stem| stem.chars().count() >= 3)
            .any(|stem| {
                let common = |f: &str| frequency::class(f).is_some_and(|c| i32::from(c) <= COMMON_STEM);
                // (A defective verb's ي is ى in the past, `يرمي`: رمى; forms VII, VIII and X
                // open the past with an alif, `نستخدم`: استخدم; form IV with a hamza,
                // `يرسل`: أرسل, `يلقي`: ألقى.)
                common(stem)
                    || stem.strip_suffix('ي').is_some_and(|base| common(&format!("{base}ى")))
                    || common(&format!("ا{stem}"))
                    || (stem.chars().count() == 3
                        && (common(&format!("أ{stem}"))
                            || stem.strip_suffix('ي').is_some_and(|base| common(&format!("أ{base}ى")))))
            })
    })
}

/// How common (frequency class) a word of three letters must be for it with a pronoun suffix
/// to count as an everyday word the table is too small to hold (see [`suffixed_short_stem`]).
const SHORT_STEM_CLASS: i32 = 45;

/// Pronoun suffixes of two letters or more: after a stem of three letters, a suffix of one
/// (`ه`, `ك`) makes a word of four, too easily a name by chance.
const LONG_PRONOUNS: &[&str] = &["هما", "هم", "ها", "هن", "كم", "نا"];

/// Whether `cand` is an everyday word of three letters (see [`SHORT_STEM_CLASS`]) with a
/// pronoun suffix of two letters or more (see [`LONG_PRONOUNS`]), after و or ف or neither:
/// `درسهم`, `وقولها`. [`stem_class`] leaves such stems out (a name of three letters and an
/// ending is too often a word by chance), so this counts only beside other evidence.
fn suffixed_short_stem(cand: &str) -> bool {
    let rest = cand.strip_prefix(['و', 'ف']).into_iter().chain(std::iter::once(cand));
    rest.flat_map(|r| LONG_PRONOUNS.iter().filter_map(move |suf| r.strip_suffix(suf))).any(|stem| {
        stem.chars().count() == 3 && frequency::class(stem).is_some_and(|c| i32::from(c) <= SHORT_STEM_CLASS)
    })
}

/// Whether `best` is `key` with its last two letters `او` swapped back into a verb's plural
/// ending `وا`, after a stem of three letters or more the swap leaves as it was.
fn plural_ending_swapped(key: &str, best: &str) -> bool {
    key.strip_suffix("او")
        .zip(best.strip_suffix("وا"))
        .is_some_and(|(k, b)| k == b && k.trim_start_matches(['و', 'ف', 'س']).chars().count() >= 3)
}

/// How common (frequency class) a stem must be for an inflection of it to count as an
/// everyday word the table is too small to hold (see [`stem_class`]).
const COMMON_STEM: i32 = 50;

/// Endings [`stem_class`] takes off a candidate: pronoun suffixes, a verb's and a noun's
/// inflections, and the two together.
const STEM_ENDINGS: &[&str] = &[
    "ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ي", "ني", "ت", "تم", "ات", "ون", "ين", "ان", "وا", "ة", "ته",
    "تها", "تهم", "اته", "اتها", "اتهم",
];

/// Prefixes [`stem_class`] takes off: the clitic chains, and the future's س (with و or ف).
const STEM_PREFIXES: &[&str] = &["س", "وس", "فس"];

/// Shortest stem (letters) [`stem_class`] counts: a three-letter stem with an ending makes
/// a word of a name by chance (`مورني` -> `مورين`, مور + ين).
const MIN_INFLECTED_STEM: usize = 4;

/// The frequency class of the commonest stem `cand` is an inflection of: `cand` with an
/// ending (see [`STEM_ENDINGS`]) taken off, and a clitic chain (or the future's س) or none,
/// the stem four letters or more; a taa marbuta written ت before a suffix (`ثقافتها` ->
/// `ثقافة`), a plural's `ات` for its singular's ة, a final ى written ي before an ending or ا
/// before a pronoun (`مستشفيات` -> `مستشفى`, `مبناها` -> `مبنى`), and the article of `لل`
/// put back. An ending must come off: a conjunction or a preposition before a word is a
/// name's first letter as often (`وودرو` -> `وودور`, `بارليف` -> `بالريف`). `None` when no
/// stem is in the table.
pub fn stem_class(cand: &str) -> Option<i32> {
    stem_class_of(cand, false)
}

/// Endings [`inflection_class`] leaves on: the nisba's ي (and ية) and the pronoun "me",
/// which make a family name of a word (`الحمداني`, `عبوديني`).
const NAME_ENDINGS: &[&str] = &["ي", "ني"];

/// [`stem_class`] of an inflection no family name reads as: not by a nisba ending (see
/// [`NAME_ENDINGS`]), and the stem four letters or more after the article too (`الدربان` is
/// no dual of `الدرب`). Evidence for a rarer sole winner of a long vowel or a double (see
/// `decide`): names written with a long vowel more or less are mostly a nisba or a word of
/// three root letters with the article.
fn inflection_class(cand: &str) -> Option<i32> {
    stem_class_of(cand, true)
}

fn stem_class_of(cand: &str, strict: bool) -> Option<i32> {
    let prefixes = std::iter::once("")
        .chain(arabic::PROCLITICS.iter().copied())
        .chain(STEM_PREFIXES.iter().copied())
        .filter(|p| cand.starts_with(p));
    let mut best: Option<i32> = None;
    let mut form = String::new();
    for p in prefixes {
        let rest = &cand[p.len()..];
        // The future's س only before an imperfect's prefix.
        if p.ends_with('س') && !rest.starts_with(['ي', 'ت', 'ن', 'أ']) {
            continue;
        }
        for suf in STEM_ENDINGS {
            let Some(stem) = rest.strip_suffix(suf) else { continue };
            if stem.chars().count() < MIN_INFLECTED_STEM {
                continue;
            }
            if strict
                && (NAME_ENDINGS.contains(suf)
                    || (*suf == "ة" && stem.ends_with('ي'))
                    || stem.strip_prefix("ال").is_some_and(|s| s.chars().count() < MIN_INFLECTED_STEM))
            {
                continue;
            }
            let mut look = |f: &str| {
                if let Some(c) = frequency::class(f) {
                    best = Some(best.map_or(i32::from(c), |b| b.min(i32::from(c))));
                }
            };
            look(stem);
            // (A stem in ى: `مستوياتها`, `مستواه`.)
            if let Some(base) = stem.strip_suffix(['ي', 'ا']) {
                form.clear();
                form.push_str(base);
                form.push('ى');
                look(&form);
            }
            if suf.starts_with('ت') || suf.starts_with("ات") {
                form.clear();
                form.push_str(stem);
                form.push('ة');
                look(&form);
            }
            if p.ends_with("لل") {
                form.clear();
                form.push_str("ال");
                form.push_str(stem);
                look(&form);
            }
        }
    }
    best
}

/// Whether `key` and `cand` first differ inside the word: after its first two letters (a
/// clitic's or a particle's: `لايزيدون` is لا fused to a verb, not `ليزيدون`) and before
/// `cand`'s last two (an ending: a ي there makes a nisba of the written word, `للفندقة` ->
/// `للفندقية`, and a story that writes one writes the other).
fn inside_word(key: &str, cand: &str) -> bool {
    let same = same_start(key, cand);
    same >= 2 && same + 2 < cand.chars().count()
}

/// Whether `key` and `cand` first differ after the first letter of `cand`'s stem (after its
/// longest clitic chain): a word's first letter after the article or a conjunction is a name's
/// own as often as a slip (a place's name one letter from a rarer word). Not a candidate opening with و
/// twice: و before a name in و (`ووادعة`) reads as the conjunction twice before a word.
fn inside_stem(key: &str, cand: &str) -> bool {
    same_start(key, cand) > clitic_chain(cand) && !cand.starts_with("وو")
}

/// How many letters `a` and `b` share before they first differ.
fn same_start(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// How many letters `word`'s longest clitic chain before a stem of three letters or more has
/// (0 with none).
fn clitic_chain(word: &str) -> usize {
    arabic::clitic_splits(word)
        .filter(|(_, stem)| stem.chars().count() >= 3)
        .map(|(p, _)| p.chars().count())
        .max()
        .unwrap_or(0)
}

/// Whether `cand` is a clitic chain on a word of three letters or more that the web writes at
/// least as often as [`MOST_ORDINARY`] (`فبالمدرسة`: `المدرسة`): the chain makes the whole
/// form rare, not the word. (A name or a rarer word after و, the story writing its stem, is
/// as often the story's other spelling of a name.)
fn clitic_on_common_stem(cand: &str) -> bool {
    arabic::clitic_splits(cand).any(|(_, stem)| {
        stem.chars().count() >= 3 && frequency::class(stem).is_some_and(|c| i32::from(c) <= MOST_ORDINARY)
    })
}

/// Whether `cand` is `key` with the letter before its last two taken out, after its first two
/// (`علاقاتاها` -> `علاقاتها`): a letter typed before a pronoun or plural ending, which
/// [`inside_word`] leaves out (it guards the ending of a letter restored).
fn typed_before_ending(key: &str, cand: &str) -> bool {
    let same = same_start(key, cand);
    let n = key.chars().count();
    cand.chars().count() + 1 == n && same >= 2 && same + 3 == n
}

/// How much more regular `cand` reads than `written` (see [`regularity`]), for evaluations.
pub fn regularity_gain(written: &str, cand: &str) -> f32 {
    regularity(cand) - regularity(written)
}

/// Whether the story writes `cand`'s stem: the candidate with its clitics, a pronoun suffix
/// (a taa marbuta before it written ت: `ثقافتها` -> `ثقافة`) or a plural or dual ending
/// (`حملات` -> `حملة`) taken off, four letters or more. Not the candidate itself: a story that
/// writes it ranks it higher already.
pub fn story_uses_stem(cand: &str, story: &StoryForms<'_>) -> bool {
    let mut forms: Vec<String> = Vec::new();
    for stem in std::iter::once(cand).chain(arabic::clitic_splits(cand).map(|(_, stem)| stem)) {
        let mut bases = vec![stem.to_string()];
        for suf in PRONOUN_SUFFIXES.iter().chain(&["ي"]) {
            if let Some(b) = stem.strip_suffix(suf) {
                bases.push(b.to_string());
                if let Some(t) = b.strip_suffix('ت') {
                    bases.push(format!("{t}ة"));
                }
            }
        }
        for b in bases {
            for (ending, to) in [("ات", "ة"), ("ات", ""), ("ون", ""), ("ين", ""), ("ان", ""), ("ة", "")] {
                if let Some(x) = b.strip_suffix(ending) {
                    forms.push(format!("{x}{to}"));
                }
            }
            forms.push(b);
        }
    }
    forms.sort_unstable();
    forms.dedup();
    forms.iter().filter(|f| f.as_str() != cand && f.chars().count() >= MIN_STORY_STEM).any(|f| story.at_least(f, 1))
}

/// The edits the corrector makes, each with what it costs (in frequency classes: a hamza
/// respelled is far likelier than an arbitrary letter added) and how rare a word it may
/// make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    /// The same sound spelled otherwise: a hamza on another seat, Persian ی/ک, a silent alif.
    Respelling,
    /// Another hamza on the alif that starts the word or its stem.
    InitialHamza,
    /// A bare seat given its hamza inside the word (`رييسها` -> `رئيسها`, `موثرين` -> `مؤثرين`).
    Seat,
    /// The second of two identical neighbours taken out (`المناززعات`).
    Undoubled,
    /// A long vowel, a hamza or a letter of a double taken out (the writer added it).
    Slip,
    /// A hamza taken out (the writer added it: rarer than a long vowel added).
    HamzaAdded,
    /// A long vowel, a hamza or a letter of a double restored (the writer dropped it).
    Restored,
    /// Two neighbours swapped.
    Swap,
    /// The article's `ال` swapped into `لا` (ل + a word): rarer than another swap.
    SwapOutOfArticle,
    /// A sound-alike consonant.
    Confusable,
    /// The alif of a feminine plural's `ات` restored (see [`PLURAL_TAILS`]): the commonest long
    /// vowel writers drop, and the ending has few rivals.
    PluralAlif,
    /// The long vowel of an ending restored before its last letter (see [`ending_vowel`]):
    /// a plural's or a dual's `ين` `ون` `ان`, a nisba's `ية`.
    EndingVowel,
    /// The wasl alif of a verbal noun restored after the article (see [`wasl_after_article`]).
    WaslAlif,
    /// Any other letter restored.
    AnyLetter,
    /// Any letter restored that takes out a letter sequence no word writes (see [`letters`]),
    /// whatever the word's length (`هئة` -> `هيئة`).
    Mended,
    /// Any letter restored in a short word, making a word the story writes elsewhere.
    StoryLetter,
    /// The article's ل restored after its alif (`احديثة`).
    ArticleLam,
    /// A long vowel taken out where its hamza put on it makes a word too.
    SlipBesideSeat,
    /// A space restored after ة or ى, which only end a word.
    SureSplit,
    /// A space restored before the article after a letter that does not join the next
    /// (`توافرالوظائف`): the dropped space does not show.
    ArticleSplit,
    /// A space restored before a preposition after a letter that does not join the next.
    FunctionSplit,
    /// A space restored after or before an everyday word (see [`everyday_part`]), the other
    /// part five letters or more.
    EverydaySplit,
    /// A space restored after a letter that does not join the next, between an everyday word
    /// and a rarer one (`كنانعاني`, `لذاسياسته`).
    HiddenSplit,
    /// A space restored elsewhere.
    Split,
    /// The alif restored before a final hamza (`الأعضء`): the ending `اء` written short.
    AlifBeforeHamza,
    /// A letter restored in a form starting (or its stem starting) with a bare alif, into an
    /// everyday word the story writes elsewhere (see [`story_words_beside`]).
    HouseBeside,
}

/// How many classes a space restored that is not sure (see [`Edit::splits`]) costs more where
/// a bare seat given its hamza makes the form a word (see `decide`).
const SEAT_OVER_SPLIT: i32 = 24;

impl Edit {
    /// Whether the edit restores a space that is not sure (not after ة or ى, nor before the
    /// article or a function word after a letter that does not join the next).
    fn splits(self) -> bool {
        matches!(self, Edit::Split | Edit::HiddenSplit | Edit::EverydaySplit)
    }

    /// Whether the edit mends a form the web writes, or a short one, like any other.
    fn orthographic(self) -> bool {
        matches!(self, Edit::Respelling | Edit::Seat | Edit::InitialHamza | Edit::SureSplit | Edit::ArticleLam)
    }

    /// Whether the edit's winner may be rarer when it is the only candidate.
    fn sole_may_win(self) -> bool {
        matches!(self, Edit::Swap | Edit::SwapOutOfArticle)
    }

    /// Frequency classes added to the candidate's rank.
    fn cost(self) -> i32 {
        match self {
            Edit::Respelling
            | Edit::Seat
            | Edit::InitialHamza
            | Edit::SureSplit
            | Edit::ArticleSplit
            | Edit::FunctionSplit
            | Edit::EverydaySplit
            | Edit::HiddenSplit
            | Edit::Split => 0,
            Edit::Undoubled | Edit::ArticleLam | Edit::WaslAlif => 1,
            Edit::Slip
            | Edit::Restored
            | Edit::AlifBeforeHamza
            | Edit::PluralAlif
            | Edit::EndingVowel
            | Edit::Swap
            | Edit::HouseBeside => 3,
            Edit::Confusable => 4,
            Edit::SlipBesideSeat => 3 + SEAT_OVER_SLIP,
            Edit::AnyLetter | Edit::StoryLetter | Edit::Mended => 5,
            Edit::HamzaAdded => 8,
            Edit::SwapOutOfArticle => 3 + ARTICLE_UNSWAP_COST,
        }
    }

    /// The rarest (frequency class) a winner of this edit may be in a word of `n` letters.
    fn rarest(self, n: usize, short: bool) -> i32 {
        match self {
            // (The story's word ranks `STORY_BONUS` more common already.)
            Edit::StoryLetter | Edit::HouseBeside => MOST_ORDINARY,
            _ if short && self.orthographic() => MOST_ORDINARY,
            _ if short => SHORT_MOST_ORDINARY,
            Edit::Undoubled => MOST_ORDINARY_SURE + 3,
            Edit::Respelling
            | Edit::Seat
            | Edit::FunctionSplit
            | Edit::AlifBeforeHamza
            | Edit::PluralAlif
            | Edit::EndingVowel
            | Edit::WaslAlif => MOST_ORDINARY_SURE,
            Edit::SureSplit | Edit::ArticleSplit => MOST_ORDINARY_SURE + 4,
            Edit::EverydaySplit => MOST_ORDINARY_SURE,
            Edit::HiddenSplit => HIDDEN_SPLIT_RARE + SPLIT_PENALTY,
            Edit::Swap | Edit::SwapOutOfArticle if n >= LONG_WORD => MOST_ORDINARY_SURE,
            Edit::Swap | Edit::SwapOutOfArticle | Edit::Restored if n >= LONG_WORD - 1 => MOST_ORDINARY_LONG,
            _ => MOST_ORDINARY,
        }
    }
}

/// [`rank_with`] for a candidate of `key`, which may also be known through a pronoun suffix
/// the table lacks on it (`استراتيجياتها`: `استراتيجيات` + ها) — one the written form
/// carries too: an edit that makes a suffix (`للمحترفن` -> `للمحترفنا`) is no such word. A
/// hamza on ئ or ؤ after a long vowel before the suffix sits on the line without it
/// (`بسمائها`: `بسماء` + ها, `زملاؤنا`: `زملاء` + نا).
fn rank_of_candidate(key: &str, form: &str, story: &StoryForms<'_>, stem_penalty: i32) -> i32 {
    let own = rank_with(form, story, stem_penalty);
    if own < frequency::UNSEEN as i32 {
        return own;
    }
    PRONOUN_SUFFIXES
        .iter()
        .filter(|suf| key.ends_with(*suf))
        .filter_map(|suf| form.strip_suffix(suf))
        .filter(|base| base.chars().count() >= 4)
        .map(|base| {
            let own = rank_with(base, story, stem_penalty);
            let on_line = base
                .strip_suffix(['ئ', 'ؤ'])
                .filter(|b| b.ends_with(['ا', 'و', 'ي']))
                .map_or(own, |b| rank_with(&format!("{b}ء"), story, stem_penalty));
            own.min(on_line) + SUFFIX_PENALTY
        })
        .min()
        .unwrap_or(own)
        .min(own)
}

/// The rank of `form` as a word the table knows with a pronoun suffix it lacks on it
/// (`تدريباتها`: تدريبات + ها, `لمخالفتها`: لمخالفة + ها, its ة written ت before the suffix):
/// the word's rank plus [`SUFFIX_PENALTY`]. Above [`frequency::UNSEEN`] when there is none,
/// and for a form with the article: a definite word takes no pronoun (`العيدهاهنا` is
/// `العيد هاهنا`, not `العيدها هنا`).
fn suffixed_rank(form: &str, story: &StoryForms<'_>, stem_penalty: i32) -> i32 {
    if definite(form) {
        return frequency::UNSEEN as i32 + 1;
    }
    let mut buf = String::new();
    PRONOUN_SUFFIXES
        .iter()
        .filter_map(|suf| form.strip_suffix(suf))
        .filter(|base| base.chars().count() >= 4)
        .map(|base| {
            let own = rank_with(base, story, stem_penalty);
            let taa = base.strip_suffix('ت').map_or(own, |stem| {
                buf.clear();
                buf.push_str(stem);
                buf.push('ة');
                rank_with(&buf, story, stem_penalty)
            });
            own.min(taa) + SUFFIX_PENALTY
        })
        .min()
        .unwrap_or(frequency::UNSEEN as i32 + 1)
}

/// How common (frequency class) a noun in ة of three letters must be for a hamzated form to
/// read as it with a pronoun suffix, its ة written ت (`آلتها`: `آلة` 43; not `أنتها`, `أنة` 56
/// + ها, where `انتها` is `انتهاء` with its hamza dropped).
const SUFFIXED_NOUN_CLASS: u8 = 52;

/// Whether the web writes `form`, or a word it inflects: its stem after a clitic, an
/// inflection of a stem the table holds (see [`stem_class`]), or a word with a pronoun suffix
/// (`أمرتنا`: `أمرت`; `آلتها`: `آلة`, its ة written ت before the suffix).
fn web_writes_inflection(form: &str) -> bool {
    web_rank(form, STEM_PENALTY).is_some()
        || stem_class(form).is_some()
        || PRONOUN_SUFFIXES.iter().filter_map(|suf| form.strip_suffix(suf)).any(|base| {
            let letters = base.chars().count();
            let noun = base.strip_suffix('ت').and_then(|stem| frequency::class(&format!("{stem}ة")));
            if letters >= MIN_INFLECTED_STEM {
                web_rank(base, STEM_PENALTY).is_some() || noun.is_some()
            } else {
                letters + 1 == MIN_INFLECTED_STEM && noun.is_some_and(|c| c <= SUFFIXED_NOUN_CLASS)
            }
        })
}

/// The rank of a part of a split: the form as the web writes it, or its stem after a clitic
/// with [`STEM_PENALTY`], whichever is commoner (`وكاتب` is و + `كاتب`).
fn part_rank(form: &str) -> i32 {
    let own = frequency::class(form).map_or(frequency::UNSEEN as i32 + 1, i32::from);
    stem_rank(form, STEM_PENALTY).map_or(own, |stem| own.min(stem))
}

/// How common (frequency class) a word must be to be [`everyday_part`] of a fused word, and
/// how long the other part, which then ranks at most [`EVERYDAY_SPLIT_OTHER`] when the
/// dictionary knows it.
const EVERYDAY_PART: u8 = 32;
const EVERYDAY_SPLIT_LETTERS: usize = 5;
const EVERYDAY_SPLIT_OTHER: i32 = 56;
/// The rarest (class, or its stem's) a first part before an everyday word may be.
const EVERYDAY_SPLIT_FIRST: i32 = 60;
/// Everyday words that are no part of a fused word: لا and ما are a house decision
/// (`لايزال`, `مازال`); names and the halves of compound names (`محمدعلي` is a name's
/// spelling); spellings of a house style (`فى`, `ان`, `الى`).
const NOT_EVERYDAY_PARTS: &[&str] = &["لا", "ما", "ولا", "الله", "محمد", "عبد", "بن", "علي", "فى", "ان", "الى", "يا"];

/// Whether `form` is one of the few hundred commonest words (`هو`, `فقد`, `أكثر`, `على`), which
/// is a word of its own wherever it starts or ends a form the dictionary rejects.
/// Not a two-letter word that starts with a clitic's letter (`لم`, `كل`, `به`): `لمنافسات` is
/// ل + a word.
fn everyday_part(form: &str) -> bool {
    frequency::class(form).is_some_and(|c| c <= EVERYDAY_PART)
        && !NOT_EVERYDAY_PARTS.contains(&form)
        && !(form.chars().count() == 2 && form.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'س']))
}

/// Endings that close a word: pronoun suffixes and a verb's plural `وا` (its alif is written
/// only at a word's end).
const WORD_ENDINGS: &[&str] = &["هما", "هم", "ها", "كم", "نا", "وا"];

/// Whether `form` is a word the table knows (at least four letters) with one of
/// [`WORD_ENDINGS`] after it (`يتقدمها`, `لمخالفتها`, `يتجاوزوا`): it can only end a word.
/// Not with the article (a definite word takes no pronoun). A word of three letters under
/// the pronoun counts where the web writes both it and the suffixed form whole (`تعدها`:
/// `تعد`; `أمنها`: `أمن`): two readings agreeing, not a name's letters by chance. (Not `نا`,
/// a name's syllable too often: `سيرناندو` read as `سيرنا` + `ندو`, 1 false bench finding.)
fn ends_in_suffix(form: &str) -> bool {
    let Some(base) = WORD_ENDINGS.iter().find_map(|end| form.strip_suffix(end)) else { return false };
    if form.ends_with("وا") {
        return base.chars().count() >= 4 && !definite(form) && web_rank(base, STEM_PENALTY).is_some();
    }
    suffixed_rank(form, &StoryForms::default(), STEM_PENALTY) < frequency::UNSEEN as i32
        || (base.chars().count() == 3
            && !form.ends_with("نا")
            && !definite(form)
            && frequency::class(form).is_some()
            && frequency::class(base).is_some())
}

/// Whether `form` is the article (after any clitics) and three letters or fewer: before a
/// short function word, too easily a name's start by chance (`المورمن`, `والمورمن`).
fn article_and_three(form: &str) -> bool {
    arabic::PROCLITICS
        .iter()
        .filter(|p| arabic::has_article(p))
        .any(|p| form.strip_prefix(p).is_some_and(|stem| stem.chars().count() <= 3))
}

/// Whether `form` opens with a clitic chain ending in the article (`ال`, `لل`, `وال`, `بال`…).
fn definite(form: &str) -> bool {
    arabic::PROCLITICS.iter().any(|p| arabic::has_article(p) && form.starts_with(p))
}

/// Whether `form` starts with the article, alone or after one conjunction or preposition
/// (`الجوع`, `للجنة`, `والجوع`, `بالخدمات`).
fn starts_with_article(form: &str) -> bool {
    let rest = form.strip_prefix(['و', 'ف', 'ب', 'ك']).unwrap_or(form);
    rest.starts_with("ال") || form.starts_with("لل")
}

/// A candidate that turns a bare alef into the article (اعلام -> العام) is another word —
/// where the written form is one the web writes (`in_table`: a hamza-less spelling). A form
/// nobody writes that starts with the alef (`اسلفر`, `ادلفاع`) is the article with its ل
/// swapped into the word, and one that starts `لا` and reads as the article once the two
/// are swapped back (`لاواقعة`) is the article's letters swapped: `لاتذهب` stays لا fused to
/// a verb (the dictionary knows no `التذهب`), and a fused لا the web writes is its own form.
fn article_invented(key: &str, cand: &str, in_table: bool) -> bool {
    if !cand.starts_with("ال") || key.starts_with("ال") {
        return false;
    }
    // The article's two letters swapped (`لاواقعة`), where nobody writes the form.
    let swapped = key.strip_prefix("لا").is_some_and(|rest| cand.strip_prefix("ال") == Some(rest))
        && frequency::class(cand).is_some();
    in_table || !(key.starts_with('ا') || swapped)
}

/// How common (frequency class) a form must be for the web never writing it with the article
/// to show it takes none (a verb: `ارتفعت` 48, `يعمل` 36, no `الارتفعت`, `اليعمل`): the table
/// goes down to class 62, where the definite form of a noun this common always is.
const NEVER_DEFINITE_CLASS: i32 = 52;

/// Whether the dictionary accepts `form` whole, or through a clitic chain that Arabic writes:
/// Hunspell reads any known word after any chain, so the article on a verb (`الارتفعت`,
/// `واليعمل`: see [`NEVER_DEFINITE_CLASS`]) or a preposition before a word that carries one
/// already (`بللمرأة`: ب + `للمرأة`) counts as a word there, where it is none.
fn knows_soundly(lex: &Lexicon, form: &str) -> bool {
    if lex.knows(form) {
        return true;
    }
    let seen = frequency::class(form).is_some();
    arabic::clitic_splits(form).any(|(prefix, stem)| {
        if stem.chars().count() < 2 || !lex.knows(stem) {
            return false;
        }
        if seen {
            return true;
        }
        let stacked = prefix.ends_with(['ب', 'ك', 'ل']) && ["لل", "بال", "كال"].iter().any(|p| stem.starts_with(p));
        let never_definite = arabic::has_article(prefix)
            && frequency::class(stem).is_some_and(|c| i32::from(c) <= NEVER_DEFINITE_CLASS)
            && frequency::class(&format!("ال{stem}")).is_none();
        !stacked && !never_definite
    })
}

/// How many classes rarer than the word alone its definite form may be for `لا` + the word to
/// read as the article's letters swapped (`لاظروف`: `الظروف` 41, `ظروف` 42) rather than لا
/// fused to it (`لاتعود`: `تعود` 39, `التعود` 56).
const ARTICLE_SWAP_MARGIN: i32 = 8;

/// Whether `لا` + `rest` reads as the article's letters swapped rather than ل + the word with
/// an alif typed after it: the web writes the definite form, not much more rarely than the
/// word alone. (Otherwise both readings are weighed, and mostly refuse each other: `لاتعود`.)
/// How many classes rarer than the definite form (`ال` + the rest) the hamzated reading after
/// ل must be for `لا` + the rest to be the article swapped (see [`article_swap_over_hamza`]).
const ARTICLE_OVER_HAMZA: i32 = 12;

/// Whether `لا` + `rest` reads as the article's letters swapped rather than ل + a word with its
/// hamza left off (`hamzated`): the web writes the definite form [`ARTICLE_OVER_HAMZA`] classes
/// more often than the hamzated one, or writes only the former. Not before a word of three
/// letters: `لا` fused to a short noun is as likely (`لاشك`, "no doubt").
fn article_swap_over_hamza(rest: &str, hamzated: &str) -> bool {
    rest.chars().count() >= 4
        && frequency::class(&format!("ال{rest}")).is_some_and(|definite| {
            rank_of(hamzated, &StoryForms::default()) >= i32::from(definite) + ARTICLE_OVER_HAMZA
        })
}

fn article_swap_likely(rest: &str) -> bool {
    let Some(definite) = frequency::class(&format!("ال{rest}")) else { return false };
    frequency::class(rest).is_none_or(|bare| i32::from(definite) <= i32::from(bare) + ARTICLE_SWAP_MARGIN)
}

/// How common (frequency class) a word one letter from a bare-alif form must be to read as
/// the slip's word rather than the house's hamza (see [`story_words_beside`]).
const BESIDE_EVERYDAY: i32 = 40;
/// How many classes commoner than the hamzated reading that word must be.
const BESIDE_OVER_HAMZA: i32 = 12;

/// The everyday words (up to [`BESIDE_EVERYDAY`], [`BESIDE_OVER_HAMZA`] classes commoner than
/// `hamzated` on the web) that `key`, a form starting (or its stem starting) with a bare alif,
/// makes with one letter added, and that the story writes elsewhere: `اتي` in a
/// story that writes `التي` is that word with its ل dropped, not the rare `أتي` in the house's
/// hamza. Where the story writes no such word, the bare alif stays the house's.
fn story_words_beside(key: &str, hamzated: &str, story: &StoryForms<'_>) -> Vec<String> {
    // (A final ي may be ى written without its dots, `الي` for `الى`: the hamzated reading
    // is then the commoner of both, `إلى`.)
    let hamza_rank = std::iter::once(hamzated.to_owned())
        .chain(hamzated.strip_suffix('ي').map(|stem| format!("{stem}ى")))
        .filter_map(|h| web_rank(&h, STEM_PENALTY))
        .min()
        .unwrap_or(frequency::UNSEEN as i32);
    // (Most bare alifs are an everyday word's house spelling, `الى`: nothing can be commoner
    // by the margin, and no form is built.)
    let commonest = BESIDE_EVERYDAY.min(hamza_rank - BESIDE_OVER_HAMZA);
    if commonest < 0 {
        return Vec::new();
    }
    let chars: Vec<char> = key.chars().collect();
    let n = chars.len();
    // (Only a letter added: one taken out, the bare alif's own or another, reads a house
    // spelling as a shorter word too easily, `اعلى` as `على`, `انهت` as `انه`.)
    let mut forms: Vec<String> = Vec::new();
    let mut f = String::with_capacity(key.len() + 2);
    for i in 1..=n {
        for l in LETTERS.chars() {
            f.clear();
            f.extend(&chars[..i]);
            f.push(l);
            f.extend(&chars[i..]);
            if frequency::class(&f).is_some_and(|c| i32::from(c) <= commonest) {
                forms.push(f.clone());
            }
        }
    }
    forms.sort_unstable();
    forms.dedup();
    forms.retain(|f| story.at_least(f, 1));
    forms
}

/// A candidate with the article twice (`والالشمال`: و + ال + الشمال), which Hunspell's clitic
/// analysis accepts: no word, unless the web writes it (`الالتزام` is ال + التزام). The same
/// for the preposition ل written before the article's alif (`فلالبعض`): ل + ال is always
/// written `لل` (`فللبعض`), so a form the web never writes that way, whose `لل` spelling it
/// writes, is no word (`لالتزام`, ل + التزام, has no `للتزام`). And `لل` (ل + the article)
/// before the article again (`للالاقتصاد`), where the web writes the form with one
/// (`للاقتصاد`; `للالتزام` is لل + التزام, with no `للتزام`).
fn article_doubled(cand: &str) -> bool {
    let rest = cand.trim_start_matches(['و', 'ف', 'ب', 'ك', 'ل']);
    if rest.starts_with("الال") && frequency::class(rest).is_none() && frequency::class(cand).is_none() {
        return true;
    }
    let after_conj = cand.strip_prefix(['و', 'ف']).unwrap_or(cand);
    let once = |word: &str| frequency::class(after_conj).is_none() && frequency::class(&format!("لل{word}")).is_some();
    after_conj.strip_prefix("لال").is_some_and(once) || after_conj.strip_prefix("للال").is_some_and(once)
}

/// How common a form is, in frequency classes (lower is more common): the form itself, else
/// its stem after a clitic, and much more common when the story uses it.
fn rank_of(form: &str, story: &StoryForms<'_>) -> i32 {
    rank_with(form, story, STEM_PENALTY)
}

/// How common `form` is on the web (frequency class, lower is more common): its own class,
/// else its commonest stem after a clitic plus `stem_penalty`; `None` when the table has
/// neither.
pub fn web_rank(form: &str, stem_penalty: i32) -> Option<i32> {
    frequency::class(form).map(i32::from).or_else(|| stem_rank(form, stem_penalty))
}

/// The class of `form`'s commonest stem after a clitic chain (three letters or more) plus
/// `stem_penalty`.
fn stem_rank(form: &str, stem_penalty: i32) -> Option<i32> {
    arabic::clitic_splits(form)
        .filter(|(_, stem)| stem.chars().count() >= 3)
        .filter_map(|(_, stem)| frequency::class(stem))
        .min()
        .map(|c| i32::from(c) + stem_penalty)
}

/// [`rank_of`] with `stem_penalty` for a form known only through its stem.
fn rank_with(form: &str, story: &StoryForms<'_>, stem_penalty: i32) -> i32 {
    let own = web_rank(form, stem_penalty).unwrap_or(frequency::UNSEEN as i32 + 1);
    if story.at_least(form, 1) {
        own.min(frequency::UNSEEN as i32) - STORY_BONUS
    } else {
        own
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bare_seat_given_its_hamza() {
        assert!(hamza_on_bare_seat("قرايب", "قرائب"));
        assert!(hamza_on_bare_seat("مولفن", "مؤلفن"));
        // Another letter changed too, two seats, or a length changed: not the seat alone.
        assert!(!hamza_on_bare_seat("قرايب", "قرائد"));
        assert!(!hamza_on_bare_seat("سوايل", "سؤائل"));
        assert!(!hamza_on_bare_seat("قرايب", "قرائبة"));
        assert!(!hamza_on_bare_seat("قرايب", "قرايب"));
    }

    #[test]
    fn a_long_vowel_beside_another() {
        let v = |w: &str, i: usize| vowel_beside_vowel(&w.chars().collect::<Vec<_>>(), i);
        // ا after ي, و before ا: beside another long vowel.
        assert!(v("كبيار", 3));
        assert!(v("اوستقبال", 1));
        assert!(v("نوواي", 3));
        // Between two consonants, or a double (a key struck twice), or no long vowel: no.
        assert!(!v("لاعاب", 3));
        assert!(!v("تصنييف", 4));
        assert!(!v("كبيار", 4));
        assert!(!v("كبيار", 0));
    }

    #[test]
    fn a_long_vowel_that_mends_the_pattern() {
        // Typed inside the stem, taken out: the written form parses as no pattern.
        assert!(pattern_mended("الزلوازل", "الزلازل", Edit::Slip));
        // Not right after the stem's first letter (a name's own vowel), nor at the ending.
        assert!(!pattern_mended("ماريسا", "مريسا", Edit::Slip));
        assert!(!pattern_mended("والماكتوب", "والمكتوب", Edit::Slip));
        // Restored as the pattern's own long vowel (إفعال).
        assert!(pattern_mended("إمدد", "إمداد", Edit::Restored));
        // Other edits, and letters of other widths: no.
        assert!(!pattern_mended("الزلوازل", "الزلازل", Edit::Swap));
        assert!(!pattern_mended("😀ا", "ab", Edit::Slip));
    }

    #[test]
    fn a_long_vowel_taken_out() {
        assert!(without_long_vowel("تحسين", "تحسن"));
        assert!(!without_long_vowel("تحسين", "تحسين"));
        assert!(!without_long_vowel("تحسين", "حسين"));
        // Letters of other widths never split a letter in two: no panic, no match.
        assert!(!without_long_vowel("abاcd", "😀"));
        assert!(!without_long_vowel("😀ا", "ab"));
        assert!(!without_long_vowel("", ""));
    }
    use std::path::Path;

    fn lexicon() -> std::sync::Arc<Lexicon> {
        crate::dictionary::load(Path::new(crate::dictionary::SYSTEM_AR))
            .unwrap_or_else(|e| panic!("the tests need the Hunspell Arabic dictionary (Debian hunspell-ar): {e}"))
    }

    #[test]
    fn a_persian_ya_is_either_arabic_ya() {
        let lex = lexicon();
        let none = StoryForms::default();
        // At the end the commoner of ى and ي; inside a word only ي.
        assert_eq!(correct(&lex, "إلی", &none).as_deref(), Some("إلى"));
        assert_eq!(correct(&lex, "علی", &none).as_deref(), Some("على"));
        assert_eq!(correct(&lex, "المدینة", &none).as_deref(), Some("المدينة"));
        assert_eq!(correct(&lex, "الذی", &none).as_deref(), Some("الذي"));
    }

    #[test]
    fn a_consonant_restored_in_a_short_form() {
        let lex = lexicon();
        let none = StoryForms::default();
        // A consonant dropped inside a form of four or five letters, one from an everyday word.
        assert_eq!(correct(&lex, "إعان", &none).as_deref(), Some("إعلان"));
        assert_eq!(correct(&lex, "مشاكة", &none).as_deref(), Some("مشاركة"));
        // A clitic and a short word or name (`سيوم`); a long vowel restored as common
        // (`التير`: `التيار` before `التغير`); a consonant at the word's start or end.
        for key in ["سيوم", "التير", "ماطق", "الشبة"] {
            assert_eq!(consonant_restored(&lex, key, &none, None), None, "{key}");
        }
        // A rival the edits found, as common: no answer.
        assert_eq!(consonant_restored(&lex, "إعان", &none, Some("أعلن")), None);
    }

    #[test]
    fn la_and_ma_fused_once_in_a_story_that_writes_them_apart() {
        let lex = lexicon();
        // The story writes the particle apart twice and fuses it to this word only.
        for (wrong, right, particle) in [("لايقبلون", "لا يقبلون", "لا"), ("مايفسر", "ما يفسر", "ما")]
        {
            let counts: FxHashMap<&str, usize> = [(particle, 2), (wrong, 1), (PARTICLE_FUSED, 1)].into_iter().collect();
            assert_eq!(correct(&lex, wrong, &StoryForms::new(&counts)).as_deref(), Some(right), "{wrong}");
            // A verb in the imperfect the web never writes fused: apart once is enough.
            let once: FxHashMap<&str, usize> = [(particle, 1), (wrong, 1), (PARTICLE_FUSED, 1)].into_iter().collect();
            assert_eq!(correct(&lex, wrong, &StoryForms::new(&once)).as_deref(), Some(right), "{wrong} once");
            // Fused to another word too (the writer's habit): a house spelling.
            let habit: FxHashMap<&str, usize> = [(particle, 5), (wrong, 1), (PARTICLE_FUSED, 2)].into_iter().collect();
            assert_eq!(correct(&lex, wrong, &StoryForms::new(&habit)), None, "{wrong}");
        }
        // Apart once only before a word that is no imperfect verb (`ماقيل`): the story's one
        // particle is not evidence enough, twice is.
        let (wrong, particle) = ("ماقيل", "ما");
        let once: FxHashMap<&str, usize> = [(particle, 1), (wrong, 1), (PARTICLE_FUSED, 1)].into_iter().collect();
        let twice: FxHashMap<&str, usize> = [(particle, 2), (wrong, 1), (PARTICLE_FUSED, 1)].into_iter().collect();
        assert_eq!(correct(&lex, wrong, &StoryForms::new(&once)), None);
        assert_eq!(correct(&lex, wrong, &StoryForms::new(&twice)).as_deref(), Some("ما قيل"));
        // A house spelling the web writes fused stays quiet however often the story writes
        // the particle apart.
        for (wrong, particle) in [("لايزال", "لا"), ("مازال", "ما")] {
            let twice: FxHashMap<&str, usize> = [(particle, 2), (wrong, 1), (PARTICLE_FUSED, 1)].into_iter().collect();
            assert_eq!(correct(&lex, wrong, &StoryForms::new(&twice)), None, "{wrong}");
        }
        // What counts as fused: the rest a word the web writes, the whole far rarer.
        assert!(particle_fused("ولايقبلون") && particle_fused("مايفسر"));
        assert!(!particle_fused("لاحقا") && !particle_fused("مالم") && !particle_fused("لاعبين"));
    }

    #[test]
    fn a_letter_dropped_beside_a_bare_alif_where_the_story_writes_the_word() {
        let lex = lexicon();
        // The story writes the everyday word: its letter dropped, not the house's hamza.
        for (wrong, right) in [("اتي", "التي"), ("كات", "كانت")] {
            let counts: FxHashMap<&str, usize> = [(right, 2), (wrong, 1)].into_iter().collect();
            assert_eq!(correct(&lex, wrong, &StoryForms::new(&counts)).as_deref(), Some(right), "{wrong}");
            // Without the story's word, or where the story repeats the form: the house's hamza.
            assert_eq!(verdict(&lex, wrong, &StoryForms::default()), Err(Refusal::HouseHamza), "{wrong}");
            let repeated: FxHashMap<&str, usize> = [(right, 2), (wrong, 2)].into_iter().collect();
            assert_eq!(verdict(&lex, wrong, &StoryForms::new(&repeated)), Err(Refusal::HouseHamza), "{wrong}");
        }
        // A final ي written for ى: the hamzated reading is `إلى`, far commoner than the story's
        // `التي`. A letter taken out is no such word (`اعلى` is no `على`).
        for (wrong, story_word) in [("الي", "التي"), ("اعلى", "على")] {
            let counts: FxHashMap<&str, usize> = [(story_word, 3), (wrong, 1)].into_iter().collect();
            assert_eq!(verdict(&lex, wrong, &StoryForms::new(&counts)), Err(Refusal::HouseHamza), "{wrong}");
        }
    }

    #[test]
    fn a_long_vowel_restored_over_a_consonant_restored() {
        let lex = lexicon();
        let story = StoryForms::default();
        // A consonant put back makes a word a few classes rarer: the long vowel wins.
        for (wrong, right) in [("الماهب", "المواهب"), ("الخرية", "الخيرية")] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
    }

    #[test]
    fn everyday_slips_are_mended() {
        let lex = lexicon();
        let story = StoryForms::default();
        for (wrong, right) in [
            // a letter typed twice, a hamza off its seat, a space after ة or before a short
            // function word, the article's letters swapped, the article's ل dropped
            ("المناززعات", "المنازعات"),
            ("رييسها", "رئيسها"),
            // a hamza restored beats a long vowel taken out (للشون, اللقاحات): it costs less
            ("للشوون", "للشؤون"),
            ("اللقاات", "اللقاءات"),
            // a seat given its hamza where the table lacks the word (the dictionary knows it)
            ("موثرين", "مؤثرين"),
            ("البعثةالرسمية", "البعثة الرسمية"),
            ("أكثرمن", "أكثر من"),
            ("لاجميع", "الجميع"),
            ("امملكة", "المملكة"),
            // a space dropped before the article after a letter that does not join the next
            ("توافرالوظائف", "توافر الوظائف"),
            ("زارالمستشفى", "زار المستشفى"),
            // after ى the phrase is split, الله or not
            ("صلىالله", "صلى الله"),
            // the article's letters swapped beat ل + the word with an alif typed after it
            ("لاظروف", "الظروف"),
            // a hamza on its seat beats a letter taken out (راحة)
            ("رايحة", "رائحة"),
            // the alif of an ending `اء` dropped in a word of three letters
            ("دعء", "دعاء"),
            // a pronoun's first letter typed twice
            ("وقتهها", "وقتها"),
        ] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
    }

    #[test]
    fn a_pronoun_suffix_or_a_conjunction_with_the_article_marks_a_dropped_space() {
        let lex = lexicon();
        let story = StoryForms::default();
        for (wrong, right) in [
            // a pronoun suffix ends a word as surely as ة (its ة written ت before it)
            ("سيارتهاجديدة", "سيارتها جديدة"),
            ("منازلهمبعد", "منازلهم بعد"),
            // the article after و, a letter that does not join the next
            ("الحصاروالجوع", "الحصار والجوع"),
            ("شعبهاوالعالم", "شعبها والعالم"),
        ] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
        // A definite word takes no pronoun: not `العيدها هنا`. A name in -نا or -وا whose
        // first letters make no word stays.
        for w in ["العيدهاهنا", "كاترينا", "أوتاوا"] {
            assert_eq!(correct(&lex, w, &story), None, "{w}");
        }
        assert!(!ends_in_suffix("العيدها"));
        assert!(ends_in_suffix("لمخالفتها"));
        // a word of three letters under the pronoun, both forms written whole; not نا
        assert!(ends_in_suffix("أمنها"));
        assert!(!ends_in_suffix("سيرنا"));
    }

    #[test]
    fn respellings_of_one_sound_mend_forms_the_dictionary_wrongly_accepts() {
        let lex = lexicon();
        let story = StoryForms::default();
        // ي for a final ى, أ for آ, ئ for ء after a long vowel, إن after a preposition: forms
        // Hunspell accepts through analyses nobody writes.
        for (wrong, right) in [
            ("حتي", "حتى"),
            ("وحتي", "وحتى"),
            ("مستشفي", "مستشفى"),
            ("بمستشفي", "بمستشفى"),
            ("الأن", "الآن"),
            ("شيئ", "شيء"),
            ("الشيئ", "الشيء"),
            ("لإن", "لأن"),
            ("ولإنه", "ولأنه"),
            ("بإنها", "بأنها"),
        ] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
        // Words of their own in ي: a nisba (الأولي "preliminary"), masdars (التلقي, الجري),
        // a verb's imperfect (ستبقي "will keep"), a preposition with "me" (إلي, لدي), the name
        // علي; a word in إن that is no particle (لإنشاء), and إنا/أنا, both words.
        for w in ["الأولي", "التلقي", "الجري", "ستبقي", "سيبقي", "إلي", "لدي", "علي", "لإنشاء", "إنا", "السوي"]
        {
            assert_eq!(correct(&lex, w, &story), None, "{w}");
        }
    }

    #[test]
    fn words_and_names_that_look_like_slips_stay() {
        let lex = lexicon();
        let story = StoryForms::default();
        // لا fused to a verb, a name after a joining letter, a prefix's double, a dual the
        // dictionary lacks, a hamza at a loanword's start
        // compound names fused (`سعدالدين`), a jussive's double at the end (`يخالل`)
        for w in ["لاتذهب", "لاتعود", "ولايعني", "باريمان", "ممنهجا", "يعانيان", "الآذربيجانية", "سعدالدين", "يخالل"]
        {
            assert_eq!(correct(&lex, w, &story), None, "{w}");
        }
    }

    #[test]
    fn a_sole_swap_winner_may_be_rarer_when_the_swap_reads_far_better() {
        let lex = lexicon();
        let story = StoryForms::default();
        // تشييد and تجسيد are rarer than MOST_ORDINARY; the swapped forms read as no Arabic
        // (`شت`, `جت` starting a word) and no other candidate is near.
        assert_eq!(correct(&lex, "شتييد", &story).as_deref(), Some("تشييد"));
        assert_eq!(correct(&lex, "جتسيد", &story).as_deref(), Some("تجسيد"));
        // بمدرج is the only candidate too, reading only somewhat more regularly than بدمرج: ب on
        // a word the web writes commonly, the clitic chain is what makes the form rare.
        assert_eq!(correct(&lex, "بدمرج", &story).as_deref(), Some("بمدرج"));
        // Not a name in و after the conjunction, read as the conjunction twice (`وودور`).
        assert_eq!(correct(&lex, "وودرو", &story), None);
    }

    #[test]
    fn the_conjunction_swapped_with_the_articles_alif_is_put_back() {
        let lex = lexicon();
        let story = StoryForms::default();
        // `او` before the article's ل: و swapped with the article's alif, not a و typed
        // inside the article (which would read `الحكومة`).
        for (wrong, right) in [("اولحكومة", "والحكومة"), ("اولكتاب", "والكتاب"), ("اولمدرسة", "والمدرسة")]
        {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
        // A و after a first letter that is no article's alif is the conjunction typed one place
        // late (see `morphology::clitic_moved`): the sentence weighs it against `قوات` (see
        // `rules::misspelling::context`); a name's bare alif the web writes with أ (أولمرت) is
        // no conjunction swapped.
        assert_eq!(correct(&lex, "قووات", &story).as_deref(), Some("وقوات"));
        assert_ne!(correct(&lex, "اولمرت", &story).as_deref(), Some("والمرت"));
    }

    #[test]
    fn a_sole_winner_may_have_a_rival_no_runner_up_would_be() {
        let lex = lexicon();
        let story = StoryForms::default();
        // تمكنه (an inflection of the everyday تمكن) is rarer than its bar; متقنه is a
        // candidate too, but `OVER_RUNNER_UP` classes rarer: it would never stop the winner.
        assert_eq!(correct(&lex, "متكنه", &story).as_deref(), Some("تمكنه"));
        let (_, weighed) = diagnose(&lex, "متكنه", &story);
        assert!(weighed.iter().any(|(c, _, ok)| c == "متقنه" && *ok), "{weighed:?}");
    }

    #[test]
    fn a_sole_swap_winner_may_be_rarer_where_the_story_writes_its_stem() {
        let lex = lexicon();
        // بموسم is rarer than MOST_ORDINARY and مبوسم reads about as regularly: quiet alone,
        // mended in a story that writes موسم.
        assert!(matches!(diagnose(&lex, "مبوسم", &StoryForms::default()).0, Err(Refusal::TooRare { .. })));
        let counts: FxHashMap<&str, usize> = [("مبوسم", 1), ("موسم", 2), ("الموسم", 1)].into_iter().collect();
        assert_eq!(correct(&lex, "مبوسم", &StoryForms::new(&counts)).as_deref(), Some("بموسم"));
        // The stem of a plural with a pronoun (حملاتهم -> حملة) counts; the candidate itself not.
        let forms: FxHashMap<&str, usize> = [("حملة", 1)].into_iter().collect();
        assert!(story_uses_stem("بحملاتهم", &StoryForms::new(&forms)));
        let forms: FxHashMap<&str, usize> = [("بحملاتهم", 1)].into_iter().collect();
        assert!(!story_uses_stem("بحملاتهم", &StoryForms::new(&forms)));
    }

    #[test]
    fn a_sole_swap_winner_may_be_rarer_when_it_inflects_an_everyday_stem() {
        let lex = lexicon();
        let story = StoryForms::default();
        // A pronoun suffix or a verb's ending on an everyday stem of four letters or more
        // (سياسات، حكومة، تعامل): the only candidate, rarer than its bar, the swap reading no
        // better than the form (regularity gain under 0.7), and no story.
        for (wrong, right) in [("بسياساتمه", "بسياساتهم"), ("لحكوتمها", "لحكومتها"), ("وتعامتل", "وتعاملت")]
        {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
            assert!(stem_class(right).is_some_and(|c| c <= COMMON_STEM), "{right}");
        }
        // Names one swap from a conjunction or a preposition before a word (no ending comes
        // off), or from a three-letter stem with an ending (مور + ين): quiet.
        for w in ["وودرو", "بارليف", "مورني", "وحشنة"] {
            assert!(matches!(diagnose(&lex, w, &story).0, Err(Refusal::TooRare { .. })), "{w}");
        }
        assert_eq!(stem_class("وودور"), None);
        assert_eq!(stem_class("مورين"), None);
        // A stem in ى, its ى written ي before an ending.
        assert!(stem_class("مستشفياتها").is_some_and(|c| c <= COMMON_STEM));
        // No nisba, and no stem of three letters after the article, for a rarer sole winner.
        assert_eq!(inflection_class("الدربان"), None);
    }

    #[test]
    fn a_sole_slip_winner_may_be_rarer_where_the_story_writes_its_stem() {
        let lex = lexicon();
        // التشهير (class 54 with its cost) is rarer than MOST_ORDINARY: mended in a story that
        // writes تشهير. (Alone too now: the و typed inside breaks the pattern تفعيل, see
        // `pattern_mended`.)
        assert_eq!(correct(&lex, "التشوهير", &StoryForms::default()).as_deref(), Some("التشهير"));
        let counts: FxHashMap<&str, usize> = [("تشهير", 1)].into_iter().collect();
        assert_eq!(correct(&lex, "التشوهير", &StoryForms::new(&counts)).as_deref(), Some("التشهير"));
        // Rarer than SOLE_SLIP_MOST_ORDINARY (مهاجمين, 60), the story's stem is not enough; a
        // plural of a common stem is, story or none (see `inflection_class`).
        assert!(inflection_class("مهاجمين").is_some_and(|c| c <= COMMON_STEM));
        assert_eq!(correct(&lex, "مهجمين", &StoryForms::default()).as_deref(), Some("مهاجمين"));
        // Not at the word's start (a particle) nor in its ending (a nisba).
        assert!(inside_word("التشوهير", "التشهير"));
        assert!(!inside_word("لايزيدون", "ليزيدون"));
        assert!(!inside_word("للفندقة", "للفندقية"));
        assert!(!inside_word("والطاجيك", "والطاجيكي"));
    }

    #[test]
    fn a_long_vowel_restored_inside_a_five_letter_word_may_make_a_rarer_word() {
        let lex = lexicon();
        let story = StoryForms::default();
        // رسائله (class 55) is rarer than MOST_ORDINARY, not than MOST_ORDINARY_LONG.
        assert_eq!(correct(&lex, "رسئله", &story).as_deref(), Some("رسائله"));
        // Not right after the first letter (ب + a dialect imperfect).
        assert!(matches!(diagnose(&lex, "بعطيك", &story).0, Err(Refusal::TooRare { .. })));
    }

    #[test]
    fn a_letter_typed_before_an_ending_is_taken_out_where_the_story_writes_the_stem() {
        let lex = lexicon();
        // مبادراتها (class 53 with its cost) is rarer than MOST_ORDINARY: mended in a story that
        // writes مبادرات (the alif typed before ها was outside `inside_word`), and alone as an
        // inflection of a common stem (see `inflection_class`).
        assert_eq!(correct(&lex, "مبادراتاها", &StoryForms::default()).as_deref(), Some("مبادراتها"));
        let counts: FxHashMap<&str, usize> = [("مبادرات", 1)].into_iter().collect();
        assert_eq!(correct(&lex, "مبادراتاها", &StoryForms::new(&counts)).as_deref(), Some("مبادراتها"));
        assert!(typed_before_ending("مبادراتاها", "مبادراتها"));
        // Only a letter taken out there: a letter restored before the ending is a nisba's ي
        // (`للفندقة` -> `للفندقية`), and the word's first two letters are a particle's.
        assert!(!typed_before_ending("للفندقة", "للفندقية"));
        assert!(!typed_before_ending("لايزيد", "ليزيد"));
        assert!(!typed_before_ending("مبادراتاها", "مبادراتاه"));
    }

    #[test]
    fn rarer_words_before_a_preposition_and_before_a_final_hamza() {
        let lex = lexicon();
        let story = StoryForms::default();
        // A space dropped before a preposition after a letter that does not join the next,
        // and the alif of the ending اء left out: each may mend to a rarer word than a long
        // vowel or a split elsewhere (both were too rare before).
        for (wrong, right) in [("مؤكداإلى", "مؤكدا إلى"), ("الإعفء", "الإعفاء"), ("والإحصء", "والإحصاء")]
        {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
    }

    #[test]
    fn a_space_dropped_before_a_function_word_or_a_conjunction() {
        let lex = lexicon();
        let story = StoryForms::default();
        // A demonstrative, غير, a relative pronoun after a letter that does not join the next;
        // a pronoun suffix on the first part the table lacks; و + a word after such a letter.
        for (wrong, right) in [
            ("أخبارهذه", "أخبار هذه"),
            ("لمصادرغير", "لمصادر غير"),
            ("القرارالذي", "القرار الذي"),
            ("تدريباتهاعلى", "تدريباتها على"),
            ("تركياوذلك", "تركيا وذلك"),
        ] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
        // و after a first part that is the article and two letters (البر) is no split: the
        // article glued to a name's first letters (البر + وكيل would rank as a split).
        for w in ["البروكيل"] {
            assert!(!correct(&lex, w, &story).is_some_and(|c| c.contains(' ')), "{w}");
        }
    }

    #[test]
    fn a_space_dropped_after_or_before_an_everyday_word() {
        let lex = lexicon();
        let story = StoryForms::default();
        // An everyday word before a rarer one, even one only the dictionary knows (after an
        // everyday word of three letters); a rarer word before an everyday one.
        for (wrong, right) in [
            ("هواستقلال", "هو استقلال"),
            ("أكثرتواضعا", "أكثر تواضعا"),
            ("فقدكتبنا", "فقد كتبنا"),
            ("المسافرحتى", "المسافر حتى"),
            ("الباحثكيف", "الباحث كيف"),
        ] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
        // Names and loanwords that start or end like an everyday word: a two-letter word before
        // a part only the dictionary knows, a name's first part the table lacks before `كان`,
        // an element's `-ium`, the article and three letters before `من`, و after `بها`, and
        // لا and ما fused to a verb (a house decision).
        for w in ["أنسيلمز", "منجوريتين", "العبيكان", "الكالسيوم", "المورمن", "بهاولفور", "وهوشاريك", "لايمكن", "مايبدو"]
        {
            assert!(!correct(&lex, w, &story).is_some_and(|c| c.contains(' ')), "{w}");
        }
    }

    #[test]
    fn a_space_dropped_after_a_letter_that_does_not_join_between_an_everyday_word_and_a_rarer_one() {
        let lex = lexicon();
        let story = StoryForms::default();
        for (wrong, right) in [("كنانعاني", "كنا نعاني"), ("لذاسياسته", "لذا سياسته"), ("وهويملأ", "وهو يملأ")]
        {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
        // A rarer part the web writes only through a clitic (`ك` + `نسي`), or of three letters,
        // or a compound name's first half written with its case ending.
        for w in ["لماكنسي", "مناكفات", "تغيرتوا", "هيرفيه", "عبدالجميل"] {
            assert!(!correct(&lex, w, &story).is_some_and(|c| c.contains(' ')), "{w}");
        }
    }

    #[test]
    fn a_long_fused_form_of_two_ordinary_words_or_a_preposition_with_a_pronoun_splits() {
        let lex = lexicon();
        let story = StoryForms::default();
        // Eight letters or more: the commoner part need only be as common as other splits'.
        for (wrong, right) in [("يقررمصيرها", "يقرر مصيرها"), ("دمارشامل", "دمار شامل")]
        {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
        // Seven letters of the same kind of parts: a name made of two words by chance.
        assert_eq!(correct(&lex, "كنزستيل", &story), None);
    }

    #[test]
    fn a_hamza_seat_before_a_pronoun_ranks_by_the_word_on_the_line() {
        let lex = lexicon();
        let story = StoryForms::default();
        // ئ or ؤ after a long vowel before a pronoun suffix is ء without it: the word ranks as
        // `بسماء`, `لقاء` with the suffix, before a long vowel moved or taken out.
        for (wrong, right) in [("بسمايها", "بسمائها"), ("لقاونا", "لقاؤنا")] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
    }

    #[test]
    fn a_bare_seat_whose_hamza_makes_a_word_beats_a_dropped_space() {
        let lex = lexicon();
        let story = StoryForms::default();
        // Not `يا كلها`, `يا كلهم`: the split reads the seat as a word's own letter.
        for (wrong, right) in [("ياكلها", "يأكلها"), ("ياكلهم", "يأكلهم")] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
        // A space dropped where no seat's hamza makes a word still splits.
        assert_eq!(correct(&lex, "أكثرمن", &story).as_deref(), Some("أكثر من"));
    }

    #[test]
    fn a_bare_seat_is_a_hamza_left_off_before_a_letter_typed_too_many() {
        let lex = lexicon();
        let story = StoryForms::default();
        // `تثيره` (the alif taken out) is about as common as `تأثيره`: the hamza wins.
        for (wrong, right) in [("تاثيره", "تأثيره"), ("عوايد", "عوائد")] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
        // Starting a stem, a bare alif is the house's hamza, not a seat: `لاتلقي` is no
        // `لائتلقي`, and no `لتلقي` either: it is لا fused to a verb, a house decision.
        assert_eq!(correct(&lex, "لاتلقي", &story), None);
    }

    #[test]
    fn a_letter_typed_twice_may_make_a_rarer_word_but_a_prefix_double_stays() {
        let lex = lexicon();
        let story = StoryForms::default();
        // وتطرقت is of class 61 (with its cost, one over the old bar of 62).
        assert_eq!(correct(&lex, "وتططرقت", &story).as_deref(), Some("وتطرقت"));
        // تت starting the stem after a clitic is the verb's prefix (فتتكثف "and it condenses").
        for w in ["فتتكثف", "وتتكثف"] {
            assert!(matches!(diagnose(&lex, w, &story).0, Err(Refusal::TooRare { .. })), "{w}");
        }
    }

    #[test]
    fn a_letter_restored_inside_a_long_word_may_make_a_rarer_word() {
        let lex = lexicon();
        let story = StoryForms::default();
        // الأسيوية (class 59 with its cost) was rarer than the bar of a long word.
        assert_eq!(correct(&lex, "الأسيية", &story).as_deref(), Some("الأسيوية"));
        // Not in a word's ending: a nisba ي before ة (a place named like an adjective).
        assert!(!inside_word("المشراقة", "المشراقية"));
    }

    #[test]
    fn a_doubled_alif_is_no_inflection() {
        let lex = lexicon();
        let story = StoryForms::default();
        // Not الكلما + ات: one alif typed twice.
        for (wrong, right) in [("الكلماات", "الكلمات"), ("السياراات", "السيارات")] {
            assert_eq!(correct(&lex, wrong, &story).as_deref(), Some(right), "{wrong}");
        }
    }

    #[test]
    fn the_articles_lam_dropped_after_a_conjunction_is_put_back() {
        let lex = lexicon();
        let story = StoryForms::default();
        assert_eq!(correct(&lex, "واصحة", &story).as_deref(), Some("والصحة"));
        assert_eq!(correct(&lex, "واشباب", &story).as_deref(), Some("والشباب"));
        // Not after ب: `با` starts family names.
        assert_eq!(correct(&lex, "باشريف", &story), None);
    }

    #[test]
    fn a_preposition_before_the_articles_alif_is_no_word() {
        let lex = lexicon();
        assert!(article_doubled("فلالبعض"));
        assert!(!article_doubled("لالتزام"));
        assert_eq!(correct(&lex, "فلابعض", &StoryForms::default()).as_deref(), Some("فالبعض"));
    }

    #[test]
    fn a_swap_yields_to_a_commoner_reading_the_corrector_weighed() {
        let lex = lexicon();
        let story = StoryForms::default();
        // A long vowel typed too many makes a far commoner word than the swap.
        assert!(prefers_other(&lex, "عاملية", &story, "عالمية"));
        assert!(!prefers_other(&lex, "عاملية", &story, "عملية"));
        // A swap the corrector cannot rank (the table lacks it) is the other step's to decide.
        assert!(!prefers_other(&lex, "منواه", &story, "منوها"));
    }

    #[test]
    fn a_doubled_article_is_no_word_unless_the_web_writes_it() {
        // Hunspell reads والالشمال as و + ال + الشمال; الالتزام is ال + التزام.
        assert!(article_doubled("والالشمال"));
        assert!(!article_doubled("الالتزام"));
        assert!(!article_doubled("والشمال"));
        assert!(!article_doubled("للالتزام"));
    }

    #[test]
    fn an_interrogative_hamza_is_no_house_spelling() {
        let lex = lexicon();
        let story = StoryForms::default();
        // Hunspell reads أجهود as أ + جهود; the web never writes it: not the house style.
        assert_ne!(diagnose(&lex, "اجهود", &story).0, Err(Refusal::HouseHamza));
        // اعلن is the house spelling of أعلن, which the web writes.
        assert_eq!(diagnose(&lex, "اعلنت", &story).0, Err(Refusal::HouseHamza));
    }

    #[test]
    fn a_short_form_one_letter_short_of_a_story_word_is_that_word() {
        let lex = lexicon();
        // Alone, a short form gets no arbitrary letter back (`حساية` reads as `حسية`, too rare).
        assert_ne!(correct(&lex, "حساية", &StoryForms::default()).as_deref(), Some("حسابية"));
        assert_eq!(correct(&lex, "رال", &StoryForms::default()), None);
        // A story that writes the word elsewhere decides, whatever the letter.
        let counts: FxHashMap<&str, usize> = [("حسابية", 2), ("ريال", 3)].into_iter().collect();
        assert_eq!(correct(&lex, "حساية", &StoryForms::new(&counts)).as_deref(), Some("حسابية"));
        assert_eq!(correct(&lex, "رال", &StoryForms::new(&counts)).as_deref(), Some("ريال"));
        // A form the story repeats is a word of its own.
        let counts: FxHashMap<&str, usize> = [("ريال", 3), ("رال", 2)].into_iter().collect();
        assert_eq!(correct(&lex, "رال", &StoryForms::new(&counts)), None);
        // A long story writes most everyday words: no evidence there.
        let counts: FxHashMap<&str, usize> = [("ريال", 3), ("في", LONG_STORY_FI)].into_iter().collect();
        assert_eq!(correct(&lex, "رال", &StoryForms::new(&counts)), None);
    }

    #[test]
    fn an_alif_typed_twice_is_taken_out_where_the_table_lacks_the_word() {
        let lex = lexicon();
        let story = StoryForms::default();
        assert_eq!(correct(&lex, "سنتجااهل", &story).as_deref(), Some("سنتجاهل"));
        // A consonant written twice is a root's double as often (رفف، فخخ) or a name's.
        for w in ["أرففها", "يفخخون", "سفلتتها", "وسفلتتها", "كووات"] {
            assert_eq!(correct(&lex, w, &story), None, "{w}");
        }
    }

    #[test]
    fn a_hamza_is_no_letter_a_writer_adds() {
        let lex = lexicon();
        let story = StoryForms::default();
        // The alif dropped before a hamza, not a hamza added after the word's stem (`العز`,
        // `العلنية`).
        assert_eq!(correct(&lex, "العزء", &story).as_deref(), Some("العزاء"));
        assert_eq!(correct(&lex, "الإعلنية", &story).as_deref(), Some("الإعلانية"));
    }

    #[test]
    fn the_alif_of_a_feminine_plural_may_make_a_rarer_word() {
        let lex = lexicon();
        let story = StoryForms::default();
        // لمؤلفات (class 58 with its cost) is rarer than MOST_ORDINARY: mended as the plural's
        // alif restored, and with a pronoun suffix after the ت.
        assert_eq!(correct(&lex, "لمؤلفت", &story).as_deref(), Some("لمؤلفات"));
        assert_eq!(diagnose(&lex, "لمؤلفت", &story).1.first().map(|c| c.0.as_str()), Some("لمؤلفات"));
        // Any other long vowel restored as rarely stays (`التحفيزة`: a nisba ي, class 67).
        assert_eq!(correct(&lex, "التحفيزة", &story), None);
        // A verb in ت the dictionary knows is no plural.
        assert_eq!(correct(&lex, "نشطت", &story), None);
    }

    #[test]
    fn the_articles_letters_swapped_into_la_yield_to_its_wasl_alif_dropped() {
        let lex = lexicon();
        let story = StoryForms::default();
        // `لاضطراب` (ل + a word, the article's letters swapped) was too close a runner-up.
        assert_eq!(correct(&lex, "الضطراب", &story).as_deref(), Some("الاضطراب"));
        // The swap's reading is still weighed, no longer as close as a runner-up may be.
        let (_, all) = diagnose(&lex, "الضطراب", &story);
        let rank = |c: &str| all.iter().find(|w| w.0 == c).map(|w| w.1);
        let (wasl, swap) = (rank("الاضطراب").unwrap_or(i32::MAX), rank("لاضطراب").unwrap_or(i32::MIN));
        assert!(swap >= wasl + OVER_RUNNER_UP, "{wasl} {swap}");
        // Another swap costs what it did (`وشتمل`: `وتشمل`).
        let (_, all) = diagnose(&lex, "وشتمل", &story);
        assert!(all.iter().any(|w| w.0 == "وتشمل"));
    }

    #[test]
    fn a_word_the_story_writes_that_the_table_lacks_may_win() {
        let lex = lexicon();
        // `متجاورة`: the dictionary knows it, the frequency table does not.
        assert!(frequency::class("متجاورة").is_none());
        assert!(lex.knows("متجاورة"));
        // Alone, a word nobody ranks: quiet.
        assert_ne!(correct(&lex, "متجارة", &StoryForms::default()).as_deref(), Some("متجاورة"));
        // In a story that writes it elsewhere: that word.
        let counts: FxHashMap<&str, usize> = [("متجاورة", 1)].into_iter().collect();
        assert_eq!(correct(&lex, "متجارة", &StoryForms::new(&counts)).as_deref(), Some("متجاورة"));
        // A final ة is never made the story's ه (`فلاتة` beside `فلاته`, a word with a pronoun).
        let counts: FxHashMap<&str, usize> = [("فلاته", 1)].into_iter().collect();
        assert_ne!(correct(&lex, "فلاتة", &StoryForms::new(&counts)).as_deref(), Some("فلاته"));
        // A story word the dictionary does not know is no evidence (a name's other spelling).
        let counts: FxHashMap<&str, usize> = [("متجاوررة", 1)].into_iter().collect();
        assert_eq!(correct(&lex, "متجارة", &StoryForms::new(&counts)), correct(&lex, "متجارة", &StoryForms::default()));
    }

    #[test]
    fn the_long_vowel_of_an_ending_put_back() {
        let lex = lexicon();
        let story = StoryForms::default();
        // A sound plural's ي or و dropped before its ن, on a participle the web writes: as sure
        // as a plural's alif (the plural rarer than a winner may otherwise be).
        assert_eq!(correct(&lex, "للمتقاعدن", &story).as_deref(), Some("للمتقاعدين"));
        assert_eq!(correct(&lex, "والمتطوعن", &story).as_deref(), Some("والمتطوعين"));
        // The plural's other case is the same word, no rival: the commoner wins.
        let (_, all) = diagnose(&lex, "والمتطوعن", &story);
        assert!(all.iter().any(|w| w.0 == "والمتطوعون"));
        // The form less its ن must be a word the table holds (a name's ending is its own).
        assert!(!ending_vowel(&lex, "ستيفن", 'ي'));
        // Only a long vowel, only before ن (or ي before ة).
        assert!(!ending_vowel(&lex, "والمتطوعن", 'م'));
        assert!(ending_vowel(&lex, "والمتطوعن", 'و'));
    }

    #[test]
    fn a_nisba_only_of_a_verbal_noun_of_a_derived_form() {
        for noun in ["التسويق", "والتعاون", "الاستثمار", "بالانتخاب"] {
            assert!(verbal_noun_of_derived_form(noun), "{noun}");
        }
        // A noun of another pattern one letter from its nisba may be a place's name.
        for noun in ["المصباح", "الميدان", "تبن", "الأمر"] {
            assert!(!verbal_noun_of_derived_form(noun), "{noun}");
        }
    }

    #[test]
    fn a_verbal_nouns_wasl_alif_dropped_after_the_article() {
        let lex = lexicon();
        let story = StoryForms::default();
        // Before the article's letters swapped into لا (ل + the noun).
        assert_eq!(correct(&lex, "الستقبال", &story).as_deref(), Some("الاستقبال"));
        assert_eq!(correct(&lex, "والضطراب", &story).as_deref(), Some("والاضطراب"));
        // The shapes: استفعال, انفعال, افتعال (ت, or ط or د after some letters).
        for (before, rest) in [("ال", "ستقبال"), ("وال", "نسحاب"), ("بال", "حتفال"), ("لل", "زدحام"), ("وال", "ضطراب")]
        {
            assert!(wasl_after_article(before, rest), "{before}{rest}");
        }
        // Not after letters that are no article, nor before another shape.
        for (before, rest) in [("با", "ستقبال"), ("ال", "حكومة"), ("مال", "ستقبال"), ("ال", "نت")]
        {
            assert!(!wasl_after_article(before, rest), "{before}{rest}");
        }
    }

    #[test]
    fn a_common_nouns_plural_with_its_ending_written_short() {
        let lex = lexicon();
        // The noun and a ت: the plural's `ات` written short.
        assert_eq!(plural_written_short(&lex, "للمقترحت").as_deref(), Some("للمقترحات"));
        // Not a root of three and its ت (a name: `مدحت`), nor after a long vowel (`-ett`).
        assert_eq!(plural_written_short(&lex, "مدحت"), None);
        assert_eq!(plural_written_short(&lex, "جانيت"), None);
        // Nor where the form ends otherwise.
        assert_eq!(plural_written_short(&lex, "للمقترح"), None);
    }
}
