//! `unattributed-quote`: a direct quotation with nobody saying it.
//! Docs: `docs/rules/unattributed-quote.md`.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::core::arabic;
use crate::core::data::Data;
use crate::core::document::{Document, Quote, Word};
use crate::core::finding::{Finding, Severity};
use crate::core::rules::{Context, RuleInfo, Scope};

pub const RULE: RuleInfo = RuleInfo {
    id: "unattributed-quote",
    default_severity: Severity::Warning,
    summary: "A direct quotation with no speech verb or attribution in its sentence or next to it",
    docs: include_str!("../../../docs/rules/unattributed-quote.md"),
    check,
    scope: Scope::Neighbours,
};

/// Quotations of up to this many words are names, titles or scare quotes, not speech.
const MAX_NAME_WORDS: usize = 3;
/// Words of the following sentence that may still attribute (`«…». قال ذلك الوزير`).
const NEXT_SENTENCE_WORDS: usize = 3;

/// How many words after a line the rule's findings on the line may read: an attribution
/// phrase that starts on the line's last word runs on into the lines below.
pub fn words_read_after(data: &Data) -> usize {
    data.attribution_phrases.iter().map(|p| p.len().saturating_sub(1)).max().unwrap_or(0)
}

/// Whether `line` has a mark that may open a quotation (a line without one has no findings).
pub fn may_quote(line: &str) -> bool {
    line.contains(['«', '“', '"'])
}

/// Whether `line` may hand its speech on to the next paragraph: it leaves a quotation open
/// ([`leaves_quote_open`]) or ends with a closing mark (`يقول لويس: "…".`), so a paragraph
/// opening with a quotation after it may be the same speaker going on (when `line` attributes).
pub fn carries_speech_on(line: &str) -> bool {
    leaves_quote_open(line) || line.trim_end().trim_end_matches(['.', '،', ',']).ends_with(['»', '”', '"'])
}

/// Whether `line` opens more quotations than it closes: speech that runs on into the next
/// paragraph, which by the usual convention opens again with a mark and no new speaker
/// (`قال الوزير: «… .` then `«…».`).
pub fn leaves_quote_open(line: &str) -> bool {
    let count = |c: char| line.chars().filter(|&x| x == c).count();
    count('«') > count('»') || count('“') > count('”') || count('"') % 2 == 1
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let attr = Attribution::new(ctx);
    let nested = nested(doc);
    for (qi, q) in doc.quotes.iter().enumerate() {
        if q.words.len() <= MAX_NAME_WORDS
            || nested.get(qi).copied().unwrap_or(false)
            || introduces_name(ctx, q)
            || reads_like_a_title(doc, q)
            || inside_the_writers_sentence(doc, q)
            || subject_of_the_sentence(doc, q)
            || an_item_of_a_list(doc, q)
            || a_formula(doc, q)
        {
            continue;
        }
        if attributed(doc, &attr, q) {
            continue;
        }
        let inner = doc.text[q.inner.clone()].trim();
        let shown: String = inner.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
        let ellipsis = if inner.split_whitespace().count() > 6 { "…" } else { "" };
        out.push(Finding {
            rule: RULE.id,
            severity: RULE.default_severity,
            range: q.range.clone(),
            message: format!("Quotation with no speaker: «{shown}{ellipsis}»; say who said it"),
            fixes: Vec::new(),
        });
    }
}

/// For each quotation, whether it is inside another one (part of the outer speech).
/// Quotations are sorted by start, so one is inside an earlier one exactly when an earlier
/// one ends at or after its end: one pass, not a scan of the earlier ones per quotation.
fn nested(doc: &Document<'_>) -> Vec<bool> {
    let mut furthest_end: Option<usize> = None;
    doc.quotes
        .iter()
        .map(|q| {
            let inside = furthest_end.is_some_and(|end| q.range.end <= end);
            furthest_end = Some(furthest_end.map_or(q.range.end, |e| e.max(q.range.end)));
            inside
        })
        .collect()
}

/// `لـ«الشرق الأوسط»`, `صحيفة «…»`, `تنظيم «…»`: the quotation is a name or a title.
fn introduces_name(ctx: &Context<'_>, q: &Quote) -> bool {
    let doc = ctx.doc;
    let before = &doc.text[doc.lines[q.line].range.start..q.range.start];
    // A clitic letter glued to the opening mark: لـ«…», بـ«…», كـ«…».
    let glued = before.trim_end_matches(arabic::TATWEEL);
    if glued.len() < before.len() || matches!(glued.chars().last(), Some('ل' | 'ب' | 'ك')) {
        return true;
    }
    let Some(prev) = word_right_before(doc, q) else {
        return false;
    };
    let folded = arabic::fold(doc.key(prev));
    let is_title = |w: &str| arabic::with_clitics(w, |s| ctx.data.title_nouns.contains(s));
    // With a possessive pronoun: كتابه «…», برنامجها «…».
    let titled = |w: &str| {
        is_title(w)
            || PRONOUNS
                .iter()
                .any(|p| w.strip_suffix(p).is_some_and(|stem| stem.chars().count() >= 3 && is_title(stem)))
    };
    if titled(&folded) || arabic::with_clitics(&folded, |s| ORDINALS.contains(&s)) {
        return true;
    }
    // What a title is about: ندوة عن «…», محاضرة حول «…».
    if !ABOUT.contains(&folded.as_str()) {
        return false;
    }
    let Some(noun) = q.words.start.checked_sub(2).map(|i| &doc.words[i]) else {
        return false;
    };
    noun.line == q.line
        && doc.text[noun.range.end..prev.range.start].chars().all(char::is_whitespace)
        && titled(&arabic::fold(doc.key(noun)))
}

/// The word right before quotation `q` on its line, with nothing but spaces between.
fn word_right_before<'d>(doc: &'d Document<'_>, q: &Quote) -> Option<&'d Word> {
    let prev = doc.words[..q.words.start].last()?;
    (prev.line == q.line && doc.text[prev.range.end..q.range.start].chars().all(char::is_whitespace)).then_some(prev)
}

/// A quotation the writer's own sentence runs straight into, after one of its words with
/// nothing but a space between (`بسبب «…»`, `مناخ من «…»`, `مصرف «…»`, `بسياسة "…"`): a
/// phrase, a saying, a name or a title the sentence uses as one of its parts, not a sentence
/// of speech, which opens its own sentence or follows a mark (`. «…»`, `، «…»`, `: «…»`).
/// Unless that word opens a clause (`حيث «…»`, `أن «…»`): what follows it is a whole sentence,
/// and quoted, someone's.
fn inside_the_writers_sentence(doc: &Document<'_>, q: &Quote) -> bool {
    let Some(prev) = word_right_before(doc, q) else {
        return false;
    };
    let folded = arabic::fold(doc.key(prev));
    // (`بأن «…»`, `بأنه «…»` follow a verb that reports or describes: `أفاد بأن`, `وصفه بأنه`.)
    let reported = folded.trim_start_matches(['و', 'ف']).starts_with("بان");
    reported || !arabic::with_clitics(&folded, |s| CLAUSE_OPENERS.contains(&s))
}

/// `«رعاية الشباب واتحاد القدم» يهددان…`, `«…» الأسرع بين…`: a short quotation that opens its
/// sentence and that the sentence goes straight on after, with a word and no mark between, is
/// that sentence's subject, a name or a title. Speech ends at its closing mark (`«…».`,
/// `«…»، قال`) or hands over to a new clause (`«…» ثم`, `«…» وأضاف`).
fn subject_of_the_sentence(doc: &Document<'_>, q: &Quote) -> bool {
    if q.words.len() > MAX_TITLE_WORDS || doc.text[q.inner.clone()].contains(SENTENCE_MARKS) {
        return false;
    }
    let opens = doc
        .sentence_at(q.range.start)
        .is_some_and(|si| doc.text[doc.sentences[si].range.start..q.range.start].chars().all(|c| !c.is_alphanumeric()));
    let Some(next) = doc.words.get(q.words.end).filter(|w| w.line == q.line) else {
        return false;
    };
    // What a subject is followed by: its verb (`يهددان`, `تنطلق`) or a definite predicate
    // (`الأسرع`). A preposition or a particle after it (`«…» على حد قولها`) goes on from speech.
    let folded = arabic::fold(doc.key(next));
    let letters = folded.chars().count();
    let predicate = (folded.starts_with("ال") && letters >= 4) || (folded.starts_with(['ي', 'ت']) && letters >= 4);
    opens && doc.text[q.range.end..next.range.start].chars().all(char::is_whitespace) && predicate
}

/// `أفلام «غروب وشروق»، «على من نطلق الرصاص»، و«الهارب»`: a short quotation with another
/// quotation right beside it, only a comma or `و` between, is one item of a list of titles.
/// Speech runs on in sentences, not in quoted items.
fn an_item_of_a_list(doc: &Document<'_>, q: &Quote) -> bool {
    if q.words.len() > MAX_TITLE_WORDS || doc.text[q.inner.clone()].contains(SENTENCE_MARKS) {
        return false;
    }
    let line = &doc.lines[q.line].range;
    let between = |c: char| c.is_whitespace() || matches!(c, '،' | ',' | 'و');
    let before = doc.text[line.start..q.range.start].trim_end_matches(between);
    let after = doc.text[q.range.end..line.end].trim_start_matches(between);
    let joined = |gap: &str| gap.contains(['،', ',', 'و']);
    (before.ends_with(['»', '”', '"']) && joined(&doc.text[line.start + before.len()..q.range.start]))
        || (after.starts_with(['«', '“', '"']) && joined(&doc.text[q.range.end..line.end - after.len()]))
}

/// The formulas everyone says at a death, a blessing or an oath (folded, whole): quoted, they
/// are nobody's words in particular (`«إنا لله وإنا إليه راجعون»` closing an obituary).
const FORMULAS: &[&str] = &[
    "انا لله وانا اليه راجعون",
    "لا حول ولا قوه الا بالله",
    "حسبنا الله ونعم الوكيل",
    "بسم الله الرحمن الرحيم",
    "لا اله الا الله",
    "لا اله الا الله محمد رسول الله",
    "سبحان الله وبحمده سبحان الله العظيم",
    "الله اكبر ولله الحمد",
    "صلي الله عليه وسلم",
];

/// A quotation that is one of the [`FORMULAS`], word for word.
fn a_formula(doc: &Document<'_>, q: &Quote) -> bool {
    let words = &doc.words[q.words.clone()];
    FORMULAS.iter().any(|f| {
        f.split(' ').count() == words.len() && f.split(' ').zip(words).all(|(p, w)| arabic::fold(doc.key(w)) == p)
    })
}

/// Words after which a quotation is a clause of its own (folded; through clitics: `فإن`,
/// `بأن`, `وحيث`).
const CLAUSE_OPENERS: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "حيث",
    "اذ",
    "اذا",
    "لكن",
    "لكنه",
    "لكنها",
    "بل",
    "ثم",
    "فيما",
    "بينما",
    "عندما",
    "حين",
    "حينما",
    "لو",
    "كي",
    "لكي",
    "لان",
    "لانه",
    "لانها",
];

const PRONOUNS: &[&str] = &["ه", "ها", "هم", "هما", "هن", "ي", "نا", "ك", "كم"];

/// Prepositions between a title noun and what it is about (folded).
const ABOUT: &[&str] = &["عن", "حول", "بشان"];

/// An ordinal before a quotation numbers an item of a list (`والثانية «…»`): a name (folded).
const ORDINALS: &[&str] = &[
    "الاول",
    "الاولي",
    "الثاني",
    "الثانيه",
    "الثالث",
    "الثالثه",
    "الرابع",
    "الرابعه",
    "الخامس",
    "الخامسه",
    "السادس",
    "السادسه",
    "السابع",
    "السابعه",
    "الثامن",
    "الثامنه",
    "التاسع",
    "التاسعه",
    "العاشر",
    "العاشره",
    "الاخير",
    "الاخيره",
];

/// Marks that end or divide a sentence: a quotation with one is speech, not a name.
const SENTENCE_MARKS: [char; 7] = ['.', '،', ',', '؟', '?', '!', '؛'];

/// Longest quotation that may still be a name or title rather than speech.
const MAX_TITLE_WORDS: usize = 8;

/// `«المعجم الجغرافي للبلاد العربية السعودية»`, `«الدورة السنوية السادسة عشرة لطب الأطفال»`:
/// a short run of mostly definite nouns and adjectives is the name of a thing, not speech,
/// which is made of verbs, pronouns and particles.
fn reads_like_a_title(doc: &Document<'_>, q: &Quote) -> bool {
    let words = &doc.words[q.words.clone()];
    if words.len() > MAX_TITLE_WORDS || doc.text[q.inner.clone()].contains(SENTENCE_MARKS) {
        return false;
    }
    let definite = words
        .iter()
        .filter(|w| {
            let k = doc.key(w);
            ["ال", "لل", "وال", "بال", "فال", "كال"]
                .iter()
                .any(|p| k.strip_prefix(p).is_some_and(|r| r.chars().count() >= 2))
        })
        .count();
    definite * 5 >= words.len() * 3
}

/// Memoised "is this word an attribution word?", and what each sentence holds, computed
/// once per sentence however many quotations it has (40,000 quotations on one line must not
/// each rescan the line).
struct Attribution<'c> {
    ctx: &'c Context<'c>,
    cache: RefCell<Vec<Option<bool>>>,
    sentences: RefCell<FxHashMap<usize, Rc<SentenceFacts>>>,
}

/// What the attribution test asks of a sentence.
struct SentenceFacts {
    /// `attributing[k]`: how many of the sentence's first `k` words attribute.
    attributing: Vec<u32>,
    /// Byte offsets of the first letter, the first letter or digit, and the end of the last
    /// letter or digit in the sentence.
    first_alphabetic: Option<usize>,
    first_alphanumeric: Option<usize>,
    last_alphanumeric_end: Option<usize>,
    /// The sentence, trimmed, ends with a colon; ends with a closing quotation mark (before
    /// any trailing stops and commas); ends with two stops or an ellipsis, which news copy
    /// writes where a colon would introduce speech (`ويقول.. «…»`).
    ends_with_colon: bool,
    ends_with_quote: bool,
    ends_with_dots: bool,
}

impl<'c> Attribution<'c> {
    fn new(ctx: &'c Context<'c>) -> Self {
        Attribution {
            ctx,
            cache: RefCell::new(vec![None; ctx.doc.words.len()]),
            sentences: RefCell::new(FxHashMap::default()),
        }
    }

    fn word(&self, i: usize) -> bool {
        if let Some(Some(v)) = self.cache.borrow().get(i) {
            return *v;
        }
        let v = self.compute(i);
        if let Some(slot) = self.cache.borrow_mut().get_mut(i) {
            *slot = Some(v);
        }
        v
    }

    fn compute(&self, i: usize) -> bool {
        let doc = self.ctx.doc;
        let data = self.ctx.data;
        let Some(w) = doc.words.get(i) else {
            return false;
        };
        let folded = arabic::fold(doc.key(w));
        let known = |s: &str| data.attribution_words.contains(s);
        if arabic::with_clitics(&folded, known) {
            return true;
        }
        // A phrase: its first word here (through clitics), the rest exactly after it. Each
        // following word is folded once, when a phrase gets that far.
        let stems: Vec<&str> = arabic::clitic_splits(&folded).map(|(_, s)| s).collect();
        let starts = &data.attribution_phrase_starts;
        if !starts.contains(&folded) && !stems.iter().any(|s| starts.contains(*s)) {
            return false;
        }
        let mut following: Vec<Option<String>> = Vec::new();
        data.attribution_phrases.iter().any(|p| {
            let Some((first, rest)) = p.split_first() else { return false };
            if *first != folded && !stems.contains(&first.as_str()) {
                return false;
            }
            rest.iter().enumerate().all(|(k, pk)| {
                if following.len() <= k {
                    following.resize(k + 1, None);
                }
                let f = following[k].get_or_insert_with(|| {
                    doc.words.get(i + 1 + k).map(|x| arabic::fold(doc.key(x))).unwrap_or_default()
                });
                doc.words.get(i + 1 + k).is_some() && f == pk
            })
        })
    }

    /// The facts of sentence `si`, computed on first use.
    fn sentence(&self, si: usize) -> Rc<SentenceFacts> {
        if let Some(f) = self.sentences.borrow().get(&si) {
            return Rc::clone(f);
        }
        let doc = self.ctx.doc;
        let s = &doc.sentences[si];
        let mut attributing = Vec::with_capacity(s.words.len() + 1);
        let mut n = 0u32;
        attributing.push(n);
        for i in s.words.clone() {
            n += u32::from(self.word(i));
            attributing.push(n);
        }
        let text = &doc.text[s.range.clone()];
        let at = |i: usize| s.range.start + i;
        let first_alphabetic = text.char_indices().find(|(_, c)| c.is_alphabetic()).map(|(i, _)| at(i));
        let first_alphanumeric = text.char_indices().find(|(_, c)| c.is_alphanumeric()).map(|(i, _)| at(i));
        let last_alphanumeric_end =
            text.char_indices().rev().find(|(_, c)| c.is_alphanumeric()).map(|(i, c)| at(i + c.len_utf8()));
        let t = text.trim_end();
        let facts = Rc::new(SentenceFacts {
            attributing,
            first_alphabetic,
            first_alphanumeric,
            last_alphanumeric_end,
            ends_with_colon: t.ends_with(':'),
            ends_with_quote: t.trim_end_matches(['.', '،', ',']).ends_with(['»', '”', '"']),
            ends_with_dots: t.ends_with("..") || t.ends_with('…'),
        });
        self.sentences.borrow_mut().insert(si, Rc::clone(&facts));
        facts
    }

    /// Whether any word of sentence `si` outside quotation `q` attributes.
    fn any_outside(&self, si: usize, q: &Quote) -> bool {
        let doc = self.ctx.doc;
        let facts = self.sentence(si);
        let words = &doc.sentences[si].words;
        let count =
            |k: usize| facts.attributing.get(k.saturating_sub(words.start).min(words.len())).copied().unwrap_or(0);
        // The quotation's words inside the sentence do not count.
        let inside_start = q.words.start.clamp(words.start, words.end);
        let inside_end = q.words.end.clamp(inside_start, words.end);
        let total = count(words.end);
        let inside = count(inside_end) - count(inside_start);
        total > inside
    }

    /// Whether any of the first `n` words of sentence `si` attributes (the sentence does
    /// not hold the quotation).
    fn any_in_first(&self, si: usize, n: usize) -> bool {
        let words = self.ctx.doc.sentences[si].words.clone();
        (words.start..words.start.saturating_add(n).min(words.end)).any(|i| self.word(i))
    }
}

/// Words opening a sentence that hand the quotation just before to whoever the sentence names
/// (folded): "thus" (`هكذا تصف السيدة حالها`) and "with these words" (`بتلك النصائح تختتم`).
const THUS: &[&str] = &["هكذا", "وهكذا", "بهذه", "وبهذه", "بتلك", "وبتلك"];

fn attributed(doc: &Document<'_>, attr: &Attribution<'_>, q: &Quote) -> bool {
    let Some(si) = doc.sentence_at(q.range.start) else {
        return false;
    };
    let s = &doc.sentences[si];
    if attr.any_outside(si, q) {
        return true;
    }
    let facts = attr.sentence(si);
    // `المتحدث: «…»` — a speaker and a colon introduce it; the speaker may be in the sentence
    // before, when a question mark ends it before the colon (`وقال ردا على سؤال عن …؟: «…»`).
    let lead = doc.text[s.range.start..q.range.start].trim_end();
    let same_line_before = si.checked_sub(1).filter(|&p| doc.sentences[p].line == s.line);
    let spoken_before = facts.first_alphabetic.is_some_and(|a| a < q.range.start)
        || same_line_before.is_some_and(|p| attr.any_in_first(p, usize::MAX));
    if lead.ends_with(':') && spoken_before {
        return true;
    }
    let first_in_sentence = facts.first_alphanumeric.is_none_or(|a| a >= q.range.start);
    // Reported speech going on into the next sentence: `قالت إن … . ومع اقتراب …، فإنه «…»`,
    // a quotation after a word that opens a clause, the sentence before attributing.
    let after_a_clause_opener = word_right_before(doc, q)
        .is_some_and(|w| arabic::with_clitics(&arabic::fold(doc.key(w)), |s| CLAUSE_OPENERS.contains(&s)));
    if !first_in_sentence && after_a_clause_opener && same_line_before.is_some_and(|p| attr.any_in_first(p, usize::MAX))
    {
        return true;
    }
    if first_in_sentence {
        // Speech continued from the previous sentence, or introduced by it with a colon.
        if let Some(p) = same_line_before {
            let prev = attr.sentence(p);
            // (Two stops introduce it as a colon does, where that sentence says who speaks:
            // `بالقول.. «…»`, `وهو ما قالته للمحقق.. «…»`.)
            let continued = prev.ends_with_colon || prev.ends_with_quote || prev.ends_with_dots;
            if continued && attr.any_in_first(p, usize::MAX) || prev.ends_with_colon {
                return true;
            }
            // (Two stops hand over to the paragraph's speaker, named in any sentence before.)
            if prev.ends_with_dots
                && (0..p)
                    .rev()
                    .take_while(|&k| doc.sentences[k].line == s.line)
                    .any(|k| attr.any_in_first(k, usize::MAX))
            {
                return true;
            }
        }
    }
    // In the first sentence of a line that follows a line ending in a colon, or (opening it)
    // a line whose attributed speech is left open: the same speaker's next paragraph.
    if si == 0 || doc.sentences[si - 1].line != s.line {
        let prev_line = (0..q.line).rev().find(|&l| !doc.line_text(l).trim().is_empty());
        if let Some(l) = prev_line {
            let t = doc.line_text(l).trim();
            if t.ends_with(':') {
                return true;
            }
            // (Or a line whose attributed speech closes at its end: `يقول لويس: "…".` then `"…".`)
            if first_in_sentence && carries_speech_on(t) && doc.lines[l].words.clone().any(|i| attr.word(i)) {
                return true;
            }
        }
    }
    // `«…». قال ذلك الوزير.`
    let quote_ends_sentence = facts.last_alphanumeric_end.is_none_or(|e| e <= q.range.end);
    let next_on_line = doc.sentences.get(si + 1).is_some_and(|n| n.line == s.line);
    if quote_ends_sentence && next_on_line && attr.any_in_first(si + 1, NEXT_SENTENCE_WORDS) {
        return true;
    }
    // `«…».. هكذا تصف السيدة حالها`: "thus" opening the next sentence hands the words just
    // quoted to whoever it names, whatever its verb.
    quote_ends_sentence
        && next_on_line
        && doc.sentences[si + 1]
            .words
            .clone()
            .next()
            .is_some_and(|i| THUS.contains(&arabic::fold(doc.key(&doc.words[i])).as_str()))
}
