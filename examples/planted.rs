//! Planted-fault evaluation: recall and collateral damage on real articles nobody tuned the
//! rules to. For each article, the clean text is checked first (baseline); then, for each
//! fault kind, a copy gets ONE fault planted at a known byte range and is checked again.
//!
//! - hit: a finding of the expected rule overlapping the planted fault;
//! - collateral: findings outside the planted text that are not in the baseline (matched by
//!   rule + byte range mapped back to the clean text, or else rule + flagged text);
//! - inside-other: findings of other rules inside the planted text that the baseline does not
//!   have (for instance the lexicon flagging a word of an inserted sentence);
//! - guardrails (attributed quotes, quoted titles, scare quotes, distinct similar names):
//!   false flags are findings of the guarded rule on the planted text (for names: any new
//!   `name-variant` finding anywhere).
//!
//! Planting shares nothing with the rules: it never reads copydesk's data lists, letter
//! classes or frequent-word lists, and its faults are not shaped by what the rules look for.
//! Misspellings are planted in any word of the article: the common errors of an independent
//! list (`COMMON`, sources named there), hamza on any wasl alif, ة written ه on any word, a
//! letter doubled or dropped or a long vowel added or dropped, two words fused, a hamza taken
//! off its seat, two neighbouring letters swapped in any word of 5+ letters the story uses
//! once; and any word typed twice (repeated-word). The Hunspell dictionary (through our own
//! clitic splits) only decides what is a fault at all: a planted spelling must be unknown to it (a real word is a real-word error), and a
//! wasl alif is one whose hamzated spellings it does not know. Names are respelled by every
//! correspondence of transliteration. Inserted material (boilerplate lines, title sentences,
//! name pairs) is written here, independently of `src/data/`.
//!
//! The folder is split in two halves by a hash of the file name (`tune`, `measure`); tune
//! the rules on the first, report both. A hit whose first fix restores the clean text counts
//! as a right fix.
//!
//! `cargo run --release --example planted -- [FOLDER] [--seed=N | --seeds=A,B,…] [--samples=N] [--verbose] [--lexicon]`
//! (`--lexicon` turns on the Hunspell unknown-word check, off in the default config;
//! `--knows WORD...` prints the lexicon's verdicts and exits; `--dump=ARTICLE:K` prints the
//! planted copy of kind K, 0-based in table order, with its findings.)
//! (FOLDER defaults to /work/shared/corpus/dev; the corpus is read, never copied.)

mod common;

use common::{fnv, Lcg};

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

use copydesk::core::{Checker, Config, Finding, Lexicon};

// ---------------------------------------------------------------------------------------------
// A small tokenizer of our own (Arabic letter runs), independent of copydesk's Document.

#[derive(Clone, Debug)]
struct Tok {
    range: Range<usize>,
    /// Whether the word carries harakat or tatweel (we do not plant in those).
    marked: bool,
}

fn is_letter(c: char) -> bool {
    matches!(c as u32, 0x0621..=0x063A | 0x0641..=0x064A | 0x0671..=0x06D3)
}
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x064B..=0x0652 | 0x0670 | 0x0640)
}

fn tokens(text: &str, within: Range<usize>) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut marked = false;
    let slice = &text[within.clone()];
    for (i, c) in slice.char_indices() {
        let at = within.start + i;
        if is_letter(c) || (is_mark(c) && start.is_some()) {
            if start.is_none() {
                start = Some(at);
                marked = false;
            }
            if is_mark(c) {
                marked = true;
            }
        } else if let Some(s) = start.take() {
            out.push(Tok { range: s..at, marked });
        }
    }
    if let Some(s) = start {
        out.push(Tok { range: s..within.end, marked });
    }
    out
}

/// Lines as (content range, index); content excludes the line ending.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' { i - 1 } else { i };
            out.push(start..end);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(is_letter)).count()
}

/// Body paragraphs: lines after the title (line 0) with at least `min_words` words.
fn body_lines_all(text: &str, min_words: usize) -> Vec<Range<usize>> {
    lines(text).into_iter().skip(1).filter(|r| word_count(&text[r.clone()]) >= min_words).collect()
}

/// Where a plant may go: body paragraphs not in `avoid`.
fn body_lines_ok(text: &str, min_words: usize, avoid: &[Range<usize>]) -> Vec<Range<usize>> {
    body_lines_all(text, min_words).into_iter().filter(|r| !avoid.iter().any(|a| a == r)).collect()
}

fn avoid_lines(text: &str, base: &[Finding]) -> Vec<Range<usize>> {
    let ls = lines(text);
    let mut out = Vec::new();
    for (i, l) in ls.iter().enumerate() {
        let content = text[l.clone()].trim();
        let flagged = base.iter().any(|f| {
            matches!(f.rule, "boilerplate" | "duplicate-paragraph")
                && f.range.start < l.end.max(l.start + 1)
                && l.start < f.range.end
        });
        let next_opens_quote = ls[i + 1..]
            .iter()
            .map(|n| text[n.clone()].trim())
            .find(|t| !t.is_empty())
            .is_some_and(|t| t.starts_with(['«', '“', '"']));
        if flagged || content.ends_with(':') || next_opens_quote {
            out.push(l.clone());
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Clitics: proclitic sequences that may precede a stem (longest first).

const PREFIXES: &[&str] = &[
    "وبال", "فبال", "وكال", "وللا", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "فب", "فل", "وك",
    "و", "ف", "ب", "ل", "ك", "",
];

fn splits(word: &str) -> impl Iterator<Item = (&'static str, &str)> + '_ {
    PREFIXES.iter().filter_map(move |p| word.strip_prefix(p).map(|s| (*p, s))).filter(|(_, s)| s.chars().count() >= 2)
}

fn has_article(prefix: &str) -> bool {
    prefix.ends_with("ال") || prefix.ends_with("لل")
}

// ---------------------------------------------------------------------------------------------
// Our own attribution list (to keep bare quotes bare and donor sentences speech-free).

const SPEECH: &[&str] = &[
    "قال",
    "قالت",
    "قالوا",
    "يقول",
    "تقول",
    "يقولون",
    "أكد",
    "أكدت",
    "اكد",
    "اكدت",
    "يؤكد",
    "تؤكد",
    "مؤكدا",
    "مؤكدة",
    "أضاف",
    "أضافت",
    "اضاف",
    "اضافت",
    "يضيف",
    "مضيفا",
    "مضيفة",
    "أوضح",
    "أوضحت",
    "اوضح",
    "اوضحت",
    "يوضح",
    "موضحا",
    "كشف",
    "كشفت",
    "يكشف",
    "صرح",
    "صرحت",
    "يصرح",
    "أشار",
    "أشارت",
    "اشار",
    "اشارت",
    "يشير",
    "مشيرا",
    "مشيرة",
    "ذكر",
    "ذكرت",
    "يذكر",
    "لفت",
    "لفتت",
    "لافتا",
    "بحسب",
    "حسب",
    "وفقا",
    "وفق",
    "نقلا",
    "تابع",
    "تابعت",
    "أعلن",
    "أعلنت",
    "اعلن",
    "اعلنت",
    "يعلن",
    "شدد",
    "شددت",
    "مشددا",
    "بين",
    "بينت",
    "اعتبر",
    "اعتبرت",
    "معتبرا",
    "رأى",
    "رأت",
    "يرى",
    "زعم",
    "أفاد",
    "أفادت",
    "افاد",
    "أعرب",
    "قائلا",
    "قائلة",
    "أجاب",
    "أجابت",
    "سأل",
    "تساءل",
    "أوضحوا",
    "أكدوا",
    "طالب",
    "دعا",
    "حذر",
    "أبلغ",
    "أبلغت",
    "نوه",
    "أفصح",
    "وصف",
    "وصفت",
    "علق",
    "علقت",
    "لسان",
    "مصدر",
    "مصادر",
    "بيان",
    "تصريح",
    "تصريحات",
    "حديث",
    "قوله",
    "كلمة",
    "مؤتمر",
];

fn strip_marks(s: &str) -> String {
    s.chars().filter(|c| !is_mark(*c)).collect()
}

fn has_speech(s: &str) -> bool {
    s.split(|c: char| !is_letter(c) && !is_mark(c)).any(|w| {
        let w = strip_marks(w);
        let w = w.as_str();
        let cands =
            [w, w.strip_prefix('و').unwrap_or(w), w.strip_prefix('ف').unwrap_or(w), w.strip_prefix("ل").unwrap_or(w)];
        cands.iter().any(|c| SPEECH.contains(c))
    })
}

// ---------------------------------------------------------------------------------------------
// Written-here planting material.

/// Site leftovers, written for this evaluation (not taken from `src/data/boilerplate.txt`).
/// `{H}` is replaced by the headline of another article.
const BOILERPLATE: &[&str] = &[
    "اقرأ أيضاً: {H}",
    "اقرأ أيضا: {H}",
    "إقرأ ايضاً.. {H}",
    "لم تشترك بعد؟ اشترك الآن في نشرتنا البريدية اليومية",
    "اشترك في النشرة الإخبارية ليصلك كل جديد على بريدك",
    "سجل الدخول أو أنشئ حساباً جديداً لإضافة تعليق",
    "شارك هذا الخبر عبر: فيسبوك | تويتر | واتساب",
    "شارك الخبر على مواقع التواصل الاجتماعي",
    "جميع الحقوق محفوظة © 2015",
    "© 2015 جميع الحقوق محفوظة للصحيفة",
    "// انتهى //",
    "(انتهى)",
    "-انتهى-",
    "مساحة إعلانية",
    "إعلان",
    "Advertisement",
    "Read more",
    "All rights reserved",
    "Share this article: Facebook Twitter Email",
    "تابعونا على تويتر",
    "تابعونا على فيسبوك وتويتر وإنستغرام ويوتيوب",
    "للاشتراك في خدمة الأخبار العاجلة عبر الجوال أرسل رقم 1 إلى 88500",
    "لمتابعة آخر الأخبار على جوالك أرسل كلمة أخبار إلى الرقم 606060",
    "حمّل تطبيق الصحيفة على هاتفك الذكي من متجر آبل وغوغل بلاي",
    "طباعة الخبر | أرسل لصديق | حفظ",
    "أضف تعليقاً",
    "التعليقات (0)",
    "اضغط هنا لمشاهدة الفيديو",
    "لمزيد من الأخبار اضغط هنا",
    "تصفح النسخة الورقية من العدد PDF",
    "Click here to subscribe to our newsletter",
    "Copyright © 2015. All Rights Reserved.",
];

/// Common misspellings, (standard spelling, misspelling), compiled for this evaluation from
/// the error types and examples of public lists of common Arabic spelling errors, not from
/// copydesk's data: oktob.io/posts/2838 (ة written ه, ض/ظ confusion, the parasitic ي),
/// lakee.el-emirates.com/?p=221848 (لاكن، ذالك، إسم، إنشاء الله), bayut.com/mybayut/ar
/// "اخطاء املائية شائعة" (hamzat al-wasl, hamza seats, alif after و), extended with further
/// everyday words of the same types written here.
const COMMON: &[(&str, &str)] = &[
    ("لكن", "لاكن"),
    ("لكنه", "لاكنه"),
    ("لكنها", "لاكنها"),
    ("ذلك", "ذالك"),
    ("كذلك", "كذالك"),
    ("لذلك", "لذالك"),
    ("هذا", "هاذا"),
    ("هذه", "هاذه"),
    ("هؤلاء", "هاؤلاء"),
    ("أولئك", "أولائك"),
    ("الذي", "اللذي"),
    ("التي", "اللتي"),
    ("اسم", "إسم"),
    ("ابن", "إبن"),
    ("ابنة", "إبنة"),
    ("امرأة", "إمرأة"),
    ("اثنان", "إثنان"),
    ("اثنين", "إثنين"),
    ("اثنتين", "إثنتين"),
    ("انتخابات", "إنتخابات"),
    ("اجتماع", "إجتماع"),
    ("استقالة", "إستقالة"),
    ("استخدام", "إستخدام"),
    ("شيء", "شيئ"),
    ("شيئا", "شيأ"),
    ("جزء", "جزئ"),
    ("هيئة", "هيأة"),
    ("قراءة", "قرائة"),
    ("مسؤول", "مسؤل"),
    ("مسؤولية", "مسؤلية"),
    ("مسؤولين", "مسؤلين"),
    ("المسؤولين", "المسؤلين"),
    ("رئيس", "رءيس"),
    ("يدعو", "يدعوا"),
    ("تدعو", "تدعوا"),
    ("يبدو", "يبدوا"),
    ("يرجو", "يرجوا"),
    ("كانوا", "كانو"),
    ("قالوا", "قالو"),
    ("حتى", "حتي"),
    ("متى", "متي"),
    ("مستشفى", "مستشفي"),
    ("الآن", "الأن"),
    ("لأن", "لإن"),
    ("إن شاء الله", "إنشاء الله"),
    ("انتظار", "انتضار"),
    ("نظام", "نضام"),
    ("الظروف", "الضروف"),
    ("مظاهرات", "مضاهرات"),
    ("ضابط", "ظابط"),
    ("الضباط", "الظباط"),
    ("ظاهرة", "ضاهرة"),
    ("الأرض", "الأرظ"),
    ("هكذا", "هاكذا"),
    ("الحكومة", "الحكومه"),
    ("مدينة", "مدينه"),
    ("الدولة", "الدوله"),
    ("المنطقة", "المنطقه"),
    ("السنة", "السنه"),
];

/// Sentences with «إنشاء الله» (the fused misspelling of «إن شاء الله»).
const INSHA: &[&str] = &[
    "وسيعود الفريق إلى التدريبات الأسبوع المقبل إنشاء الله.",
    "ومن المنتظر أن تنتهي الأعمال قبل نهاية العام إنشاء الله.",
    "وأعرب الأهالي عن أملهم في أن تتحسن الأوضاع قريباً إنشاء الله.",
    "وسيتم افتتاح المشروع في موعده إنشاء الله.",
];

/// Attribution heads for the attributed-quote guardrail (speech verb + speaker + colon).
const ATTRIB: &[&str] = &[
    "وقال مسؤول في الوزارة:",
    "وأضاف المتحدث الرسمي:",
    "وأكدت مصادر مطلعة:",
    "وقال شاهد عيان:",
    "وأوضح المدير العام للشركة:",
    "وتابع:",
    "وقالت الناطقة باسم المنظمة:",
    "وصرح رئيس اللجنة للصحفيين:",
];

/// Quoted titles and names (guardrail): (template with {T}, list of titles).
const TITLE_TEMPLATES: &[(&str, &str, &[&str])] = &[
    (
        "صحيفة",
        "ونشرت صحيفة «{T}» تقريراً مفصلاً عن القضية.",
        &["الحياة", "النهار", "لوموند", "نيويورك تايمز", "واشنطن بوست", "الغارديان", "فايننشال تايمز", "الشرق الأوسط"],
    ),
    (
        "تنظيم",
        "وتبنى تنظيم «{T}» الهجوم في وقت لاحق.",
        &["داعش", "القاعدة", "جبهة النصرة", "بوكو حرام", "أنصار بيت المقدس"],
    ),
    ("قناة", "وعرضت قناة «{T}» لقطات من موقع الحادث.", &["الجزيرة", "العربية", "سكاي نيوز عربية", "بي بي سي"]),
    ("وكالة", "ونقلت وكالة «{T}» صوراً من المكان.", &["رويترز", "أسوشيتد برس", "فرانس برس", "الأناضول"]),
    (
        "بعنوان",
        "وصدر للكاتب كتاب بعنوان «{T}» العام الماضي.",
        &["زمن الحرب", "مدن الملح", "الطريق إلى مكة", "ذاكرة الجسد"],
    ),
];

/// Scare quotes (guardrail): a word or two in quotes inside an ordinary sentence.
const SCARE: &[&str] = &[
    "وجاءت نتائج الربع الأول «مخيبة» للتوقعات.",
    "وشهدت الأسواق حالة من «الترقب الحذر» طوال الأسبوع.",
    "ووصف الاتفاق بأنه «تاريخي» في الأوساط الاقتصادية.",
    "وتعيش المنطقة حالة «هدوء حذر» منذ أيام.",
];

/// Different people whose names look alike (guardrail): must never be merged.
const NAME_PAIRS: &[(&str, &str)] = &[
    ("بيسكوف", "بوشكوف"),
    ("حسين", "حسن"),
    ("محمد", "محمود"),
    ("سعد", "سعيد"),
    ("عمر", "عمرو"),
    ("سلمان", "سليمان"),
    ("كمال", "كامل"),
    ("يوسف", "يونس"),
    ("جمال", "جميل"),
    ("كريم", "كرم"),
];
const SURNAMES: &[&str] = &["الزهراني", "المالكي", "العتيبي", "الشمري", "الحربي", "القحطاني", "الدوسري", "الغامدي"];
const NAME_TEMPLATES: &[&str] = &[
    "وحضر اللقاء كل من {A} {S1} و{B} {S2}.",
    "وشارك في الجلسة {A} {S1} إلى جانب {B} {S2}.",
    "وتسلم {A} {S1} الجائزة من {B} {S2}.",
];

// ---------------------------------------------------------------------------------------------
// Plants.

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    CommonList,
    WaslHamza,
    TaaMarbuta,
    LetterAddedDropped,
    Fused,
    HamzaSeat,
    HamzaInitial,
    SwapOnce,
    InshaInsert,
    NameVariant,
    BareQuote,
    Boilerplate,
    DupTitle,
    DupParagraph,
    GuardAttributed,
    GuardTitle,
    GuardScare,
    GuardNames,
    WordDoubled,
}

const KINDS: &[Kind] = &[
    Kind::CommonList,
    Kind::WaslHamza,
    Kind::TaaMarbuta,
    Kind::LetterAddedDropped,
    Kind::Fused,
    Kind::HamzaSeat,
    Kind::HamzaInitial,
    Kind::SwapOnce,
    Kind::InshaInsert,
    Kind::NameVariant,
    Kind::BareQuote,
    Kind::Boilerplate,
    Kind::DupTitle,
    Kind::DupParagraph,
    Kind::WordDoubled,
    Kind::GuardAttributed,
    Kind::GuardTitle,
    Kind::GuardScare,
    Kind::GuardNames,
];

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::CommonList => "misspelling: common error (independent list)",
            Kind::WaslHamza => "misspelling: hamza written on a wasl alif",
            Kind::TaaMarbuta => "misspelling: taa marbuta written as ha",
            Kind::LetterAddedDropped => "misspelling: letter doubled/dropped, long vowel added/dropped",
            Kind::Fused => "misspelling: two words fused (space dropped)",
            Kind::HamzaSeat => "misspelling: hamza stripped from its seat (ئ ؤ ء, inner أ)",
            Kind::HamzaInitial => "misspelling: initial hamza stripped (house style, hamza=off)",
            Kind::SwapOnce => "misspelling: two letters swapped, word used once",
            Kind::InshaInsert => "misspelling: إنشاء الله (inserted sentence)",
            Kind::NameVariant => "name-variant: one occurrence respelled",
            Kind::BareQuote => "unattributed-quote: bare «…» sentence",
            Kind::Boilerplate => "boilerplate: site leftover line",
            Kind::DupTitle => "duplicate-paragraph: title repeated at end",
            Kind::DupParagraph => "duplicate-paragraph: paragraph repeated",
            Kind::GuardAttributed => "GUARD quote: attributed «…»",
            Kind::GuardTitle => "GUARD quote: quoted title/name",
            Kind::GuardScare => "GUARD quote: scare quotes",
            Kind::GuardNames => "GUARD name-variant: distinct similar names",
            Kind::WordDoubled => "repeated-word: a word typed twice",
        }
    }
    fn rule(self) -> &'static str {
        match self {
            Kind::CommonList
            | Kind::WaslHamza
            | Kind::TaaMarbuta
            | Kind::LetterAddedDropped
            | Kind::Fused
            | Kind::HamzaSeat
            | Kind::HamzaInitial
            | Kind::SwapOnce
            | Kind::InshaInsert => "misspelling",
            Kind::NameVariant | Kind::GuardNames => "name-variant",
            Kind::BareQuote | Kind::GuardAttributed | Kind::GuardTitle | Kind::GuardScare => "unattributed-quote",
            Kind::Boilerplate => "boilerplate",
            Kind::DupTitle | Kind::DupParagraph => "duplicate-paragraph",
            Kind::WordDoubled => "repeated-word",
        }
    }
    fn guard(self) -> bool {
        matches!(self, Kind::GuardAttributed | Kind::GuardTitle | Kind::GuardScare | Kind::GuardNames)
    }
    /// Whether a hit should also carry the right fix (applying it restores the clean text).
    fn fixable(self) -> bool {
        (self.rule() == "misspelling" && self != Kind::InshaInsert) || self == Kind::WordDoubled
    }
}

/// One planted fault: the original bytes `orig` replaced by `new` (so the planted text spans
/// `orig.start .. orig.start + new.len()` in the copy); `target` is the fault itself inside it
/// (planted-copy offsets).
struct Plant {
    text: String,
    orig: Range<usize>,
    new_len: usize,
    target: Range<usize>,
    desc: String,
    /// For name variants: the spellings involved (related findings are not collateral).
    related: Vec<String>,
    /// Sub-family for breakdowns (variant rule, template…).
    sub: String,
}

fn splice(text: &str, orig: Range<usize>, new: &str, target_in_new: Range<usize>) -> (String, Range<usize>, usize) {
    let mut s = String::with_capacity(text.len() + new.len());
    s.push_str(&text[..orig.start]);
    s.push_str(new);
    s.push_str(&text[orig.end..]);
    let t = orig.start + target_in_new.start..orig.start + target_in_new.end;
    (s, t, new.len())
}

fn make(text: &str, orig: Range<usize>, new: &str, target_in_new: Range<usize>, desc: String, sub: &str) -> Plant {
    let (t, target, new_len) = splice(text, orig.clone(), new, target_in_new);
    Plant { text: t, orig, new_len, target, desc, related: Vec::new(), sub: sub.to_string() }
}

/// Replace one word (whole range) by `new`.
fn replace_word(text: &str, r: Range<usize>, new: &str, sub: &str) -> Plant {
    let desc = format!("{} -> {}", &text[r.clone()], new);
    make(text, r, new, 0..new.len(), desc, sub)
}

/// Append `sentence` (with a leading space) at the end of paragraph `line`; target is the part
/// of `sentence` given by `target_in_sentence`.
fn append_to_paragraph(
    text: &str,
    line: Range<usize>,
    sentence: &str,
    target_in_sentence: Range<usize>,
    desc: String,
    sub: &str,
) -> Plant {
    let content = text[line.clone()].trim_end();
    let end = line.start + content.len();
    let needs_stop = !content.ends_with(['.', '!', '؟', '?', '»', '”', '"', ':', '،', ')']);
    let lead = if needs_stop { ". " } else { " " };
    let new = format!("{lead}{sentence}");
    let off = lead.len();
    make(text, end..end, &new, off + target_in_sentence.start..off + target_in_sentence.end, desc, sub)
}

fn is_cons(c: char) -> bool {
    is_letter(c) && !matches!(c, 'ا' | 'أ' | 'إ' | 'آ' | 'ى' | 'ء' | 'ة')
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    /// Lines not to plant next to: lines the baseline already flags as boilerplate or
    /// duplicates, lines ending in a colon (the next line is their quotation), lines followed
    /// by a line opening with a quotation mark.
    avoid: Vec<Range<usize>>,
    articles: &'a [(String, String)],
    index: usize,
}

/// Whether the dictionary accepts `w`, whole or after one of our proclitic chains.
fn knows(lex: &Lexicon, w: &str) -> bool {
    splits(w).any(|(_, s)| lex.knows(s))
}

/// Whether the dictionary rejects `w`, whole and after every proclitic chain.
fn unknown(lex: &Lexicon, w: &str) -> bool {
    !knows(lex, w)
}

fn plant(kind: Kind, text: &str, ctx: &Ctx, rng: &mut Lcg) -> Result<Plant, &'static str> {
    let toks: Vec<Tok> = tokens(text, 0..text.len()).into_iter().filter(|t| !t.marked).collect();
    let word = |t: &Tok| &text[t.range.clone()];
    match kind {
        Kind::CommonList => {
            let mut cands: Vec<(Range<usize>, String, &str)> = Vec::new();
            for &(right, wrong) in COMMON {
                if right.contains(' ') {
                    let mut from = 0;
                    while let Some(pos) = text[from..].find(right) {
                        let at = from + pos;
                        let end = at + right.len();
                        let before = text[..at].chars().next_back().is_none_or(|c| !is_letter(c) && !is_mark(c));
                        let after = text[end..].chars().next().is_none_or(|c| !is_letter(c) && !is_mark(c));
                        if before && after {
                            cands.push((at..end, wrong.to_string(), right));
                        }
                        from = end;
                    }
                    continue;
                }
                for t in &toks {
                    if let Some((p, _)) = splits(word(t)).find(|(_, s)| *s == right) {
                        cands.push((t.range.clone(), format!("{p}{wrong}"), right));
                    }
                }
            }
            let mut entries: Vec<&str> = cands.iter().map(|c| c.2).collect();
            entries.dedup();
            let e = *rng.pick(&entries).ok_or("no listed word in the article")?;
            let occ: Vec<_> = cands.iter().filter(|c| c.2 == e).collect();
            let c = rng.pick(&occ).ok_or("no occurrence")?;
            Ok(replace_word(text, c.0.clone(), &c.1, e))
        }
        Kind::WaslHamza => {
            let mut cands = Vec::new();
            for t in &toks {
                let w = word(t);
                for (p, stem) in splits(w) {
                    let Some(rest) = stem.strip_prefix('ا') else { continue };
                    if stem.starts_with("ال") || stem.chars().count() < 4 || !ctx.lex.knows(stem) {
                        continue;
                    }
                    // a wasl alif: no hamzated spelling of the word is standard
                    if ['أ', 'إ', 'آ'].iter().any(|h| ctx.lex.knows(&format!("{h}{rest}"))) {
                        break;
                    }
                    let sub = if has_article(p) {
                        "after the article"
                    } else if p.is_empty() {
                        "bare"
                    } else {
                        "after a clitic"
                    };
                    cands.push((t.range.clone(), format!("{p}إ{rest}"), sub));
                    break;
                }
            }
            let (r, new, sub) = rng.pick(&cands).ok_or("no word starting with a wasl alif")?;
            Ok(replace_word(text, r.clone(), new, sub))
        }
        Kind::TaaMarbuta => {
            let mut cands = Vec::new();
            for t in &toks {
                let w = word(t);
                if !w.ends_with('ة') || w.chars().count() < 4 || !knows(ctx.lex, w) {
                    continue;
                }
                let new = format!("{}ه", &w[..w.len() - 'ة'.len_utf8()]);
                let sub = if splits(w).any(|(p, s)| has_article(p) && s.chars().count() >= 3) {
                    "definite"
                } else if unknown(ctx.lex, &new) {
                    "indefinite, ه form not a word"
                } else {
                    "indefinite, ه form is a word (pronoun reading)"
                };
                cands.push((t.range.clone(), new, sub));
            }
            let (r, new, sub) = rng.pick(&cands).ok_or("no word ending in ة")?;
            Ok(replace_word(text, r.clone(), new, sub))
        }
        Kind::LetterAddedDropped => {
            let mut opts: Vec<(&'static str, Range<usize>, String)> = Vec::new();
            for t in &toks {
                let w = word(t);
                let c: Vec<char> = w.chars().collect();
                let n = c.len();
                if n < 4 || !knows(ctx.lex, w) {
                    continue;
                }
                let s = |v: Vec<char>| v.into_iter().collect::<String>();
                let vowel = |x: char| matches!(x, 'ا' | 'و' | 'ي');
                for i in 1..n - 1 {
                    let mut v = c.clone();
                    v.insert(i, c[i]);
                    opts.push(("letter doubled", t.range.clone(), s(v)));
                    let mut v = c.clone();
                    v.remove(i);
                    let kind = if vowel(c[i]) { "long vowel dropped" } else { "letter dropped" };
                    opts.push((kind, t.range.clone(), s(v)));
                    if !vowel(c[i - 1]) && !vowel(c[i]) {
                        for l in ['ا', 'و', 'ي'] {
                            let mut v = c.clone();
                            v.insert(i, l);
                            opts.push(("long vowel added", t.range.clone(), s(v)));
                        }
                    }
                }
            }
            opts.retain(|(_, _, new)| unknown(ctx.lex, new));
            let mut types: Vec<&str> = opts.iter().map(|o| o.0).collect();
            types.sort();
            types.dedup();
            let ty = *rng.pick(&types).ok_or("no word to misspell")?;
            let of: Vec<_> = opts.iter().filter(|o| o.0 == ty).collect();
            let (sub, r, new) = rng.pick(&of).ok_or("no edit")?;
            Ok(replace_word(text, r.clone(), new, sub))
        }
        Kind::Fused => {
            let mut cands = Vec::new();
            for pair in toks.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                if &text[a.range.end..b.range.start] != " " {
                    continue;
                }
                let (wa, wb) = (word(a), word(b));
                // the space a writer drops unnoticed: after a letter that does not join
                if !wa.ends_with(['ا', 'أ', 'إ', 'آ', 'د', 'ذ', 'ر', 'ز', 'و', 'ة', 'ى', 'ء']) || wb.chars().count() < 2
                {
                    continue;
                }
                let joined = format!("{wa}{wb}");
                if knows(ctx.lex, wa) && knows(ctx.lex, wb) && unknown(ctx.lex, &joined) {
                    cands.push((a.range.start..b.range.end, joined));
                }
            }
            let (r, new) = rng.pick(&cands).ok_or("no pair of words to fuse")?;
            Ok(replace_word(text, r.clone(), new, ""))
        }
        Kind::HamzaSeat => {
            let mut cands = Vec::new();
            for t in &toks {
                let w = word(t);
                if !knows(ctx.lex, w) {
                    continue;
                }
                let c: Vec<char> = w.chars().collect();
                // where the stem starts (an initial hamza is the other family)
                let stem_at =
                    splits(w).filter(|(_, s)| ctx.lex.knows(s)).map(|(p, _)| p.chars().count()).max().unwrap_or(0);
                for (i, &ch) in c.iter().enumerate() {
                    let to: Option<char> = match ch {
                        'ئ' => Some('ي'),
                        'ؤ' => Some('و'),
                        'أ' | 'آ' if i > stem_at => Some('ا'),
                        'ء' => None,
                        _ => continue,
                    };
                    let mut v = c.clone();
                    let sub = match to {
                        Some(x) => {
                            v[i] = x;
                            match ch {
                                'ئ' => "ئ -> ي",
                                'ؤ' => "ؤ -> و",
                                _ => "inner أ/آ -> ا",
                            }
                        }
                        None => {
                            v.remove(i);
                            "ء dropped"
                        }
                    };
                    let new: String = v.into_iter().collect();
                    if unknown(ctx.lex, &new) {
                        cands.push((t.range.clone(), new, sub));
                    }
                }
            }
            let (r, new, sub) = rng.pick(&cands).ok_or("no hamza on a seat")?;
            Ok(replace_word(text, r.clone(), new, sub))
        }
        Kind::HamzaInitial => {
            let mut cands = Vec::new();
            for t in &toks {
                let w = word(t);
                for (p, stem) in splits(w) {
                    let Some(h) = stem.chars().next().filter(|h| matches!(h, 'أ' | 'إ' | 'آ')) else { continue };
                    let bare = format!("ا{}", &stem[h.len_utf8()..]);
                    if ctx.lex.knows(stem) && !ctx.lex.knows(&bare) {
                        cands.push((t.range.clone(), format!("{p}{bare}")));
                    }
                    break;
                }
            }
            let (r, new) = rng.pick(&cands).ok_or("no word with an initial hamza")?;
            Ok(replace_word(text, r.clone(), new, ""))
        }
        Kind::WordDoubled => {
            // Any word of the article typed twice, as a last-minute edit leaves it: function
            // words as often as the copy has them.
            let t = rng.pick(&toks).ok_or("no word")?;
            let w = word(t);
            let new = format!("{w} {w}");
            let sub = if w.chars().count() <= 3 { "a word of three letters or fewer" } else { "a longer word" };
            Ok(make(text, t.range.clone(), &new, 0..new.len(), format!("{w} -> {new}"), sub))
        }
        Kind::SwapOnce => {
            let mut count: HashMap<&str, usize> = HashMap::new();
            for t in &toks {
                *count.entry(word(t)).or_default() += 1;
            }
            let mut cands = Vec::new();
            for t in &toks {
                let w = word(t);
                let c: Vec<char> = w.chars().collect();
                if c.len() < 5 || count.get(w) != Some(&1) {
                    continue;
                }
                let sub = if knows(ctx.lex, w) { "a dictionary word" } else { "a word the dictionary does not know" };
                let mut opts = Vec::new();
                for i in 0..c.len() - 1 {
                    if c[i] != c[i + 1] {
                        let mut v = c.clone();
                        v.swap(i, i + 1);
                        let new: String = v.into_iter().collect();
                        if unknown(ctx.lex, &new) && !count.contains_key(new.as_str()) {
                            opts.push(new);
                        }
                    }
                }
                if let Some(new) = rng.pick(&opts) {
                    cands.push((t.range.clone(), new.clone(), sub));
                }
            }
            let (r, new, sub) = rng.pick(&cands).ok_or("no word of 5+ letters used once")?;
            Ok(replace_word(text, r.clone(), new, sub))
        }
        Kind::InshaInsert => {
            let lines = body_lines_ok(text, 8, &ctx.avoid);
            let l = rng.pick(&lines).ok_or("no body paragraph")?.clone();
            let s = *rng.pick(INSHA).unwrap();
            let at = s.find("إنشاء الله").unwrap();
            Ok(append_to_paragraph(text, l, s, at..at + "إنشاء الله".len(), s.to_string(), ""))
        }
        Kind::NameVariant => plant_name_variant(text, &toks, ctx, rng),
        Kind::BareQuote | Kind::GuardAttributed => {
            let q = donor_sentence(ctx, rng).ok_or("no donor sentence")?;
            let lines = body_lines_ok(text, 8, &ctx.avoid);
            if kind == Kind::BareQuote {
                // a paragraph whose last sentence, and the next paragraph's first, carry no attribution
                let all = lines_nonempty(text);
                let ok: Vec<Range<usize>> = lines
                    .iter()
                    .filter(|l| {
                        let last = last_sentence(&text[(*l).clone()]);
                        let next = all
                            .iter()
                            .find(|n| n.start > l.end)
                            .map(|n| first_sentence(&text[n.clone()]))
                            .unwrap_or("");
                        !has_speech(last) && !has_speech(next) && !last.trim_end().ends_with(':')
                    })
                    .cloned()
                    .collect();
                let l = rng.pick(&ok).ok_or("no paragraph free of attribution")?.clone();
                let s = format!("«{q}».");
                let tlen = s.len() - 1;
                // right after a closing quotation mark the new quote may read as the same
                // speaker going on: a separate sub-family
                let after_quote = text[l.clone()].trim_end().trim_end_matches(['.', '،']).ends_with(['»', '”', '"']);
                let sub = if after_quote { "after a paragraph ending in a quotation" } else { "after plain prose" };
                Ok(append_to_paragraph(text, l, &s, 0..tlen, s.clone(), sub))
            } else {
                let l = rng.pick(&lines).ok_or("no body paragraph")?.clone();
                let head = *rng.pick(ATTRIB).unwrap();
                let s = format!("{head} «{q}».");
                let qs = head.len() + 1;
                Ok(append_to_paragraph(text, l, &s, qs..s.len() - 1, s.clone(), head))
            }
        }
        Kind::GuardTitle => {
            let lines = body_lines_ok(text, 8, &ctx.avoid);
            let l = rng.pick(&lines).ok_or("no body paragraph")?.clone();
            let (noun, tpl, titles) = rng.pick(TITLE_TEMPLATES).unwrap();
            let t = rng.pick(titles).unwrap();
            let s = tpl.replace("{T}", t);
            let qs = s.find('«').unwrap();
            let qe = s.find('»').unwrap() + '»'.len_utf8();
            Ok(append_to_paragraph(text, l, &s, qs..qe, s.clone(), noun))
        }
        Kind::GuardScare => {
            let lines = body_lines_ok(text, 8, &ctx.avoid);
            let l = rng.pick(&lines).ok_or("no body paragraph")?.clone();
            let s = *rng.pick(SCARE).unwrap();
            let qs = s.find('«').unwrap();
            let qe = s.find('»').unwrap() + '»'.len_utf8();
            Ok(append_to_paragraph(text, l, s, qs..qe, s.to_string(), ""))
        }
        Kind::GuardNames => {
            let lines = body_lines_ok(text, 8, &ctx.avoid);
            let l = rng.pick(&lines).ok_or("no body paragraph")?.clone();
            let (a, b) = *rng.pick(NAME_PAIRS).unwrap();
            let s1 = rng.below(SURNAMES.len());
            let s2 = (s1 + 1 + rng.below(SURNAMES.len() - 1)) % SURNAMES.len();
            let tpl = *rng.pick(NAME_TEMPLATES).unwrap();
            let s = tpl.replace("{A}", a).replace("{B}", b).replace("{S1}", SURNAMES[s1]).replace("{S2}", SURNAMES[s2]);
            let n = s.len();
            let mut p = append_to_paragraph(text, l, &s, 0..n, s.clone(), &format!("{a}/{b}"));
            p.related = vec![a.to_string(), b.to_string()];
            Ok(p)
        }
        Kind::Boilerplate => {
            let tpl = *rng.pick(BOILERPLATE).unwrap();
            let line = if tpl.contains("{H}") {
                let other = other_article(ctx, rng);
                let h = first_line(&ctx.articles[other].1).trim();
                tpl.replace("{H}", h)
            } else {
                tpl.to_string()
            };
            let ls = lines(text);
            // after the last paragraph, or between two paragraphs (after a random body line)
            let body: Vec<Range<usize>> = ls
                .iter()
                .skip(1)
                .filter(|r| !text[(*r).clone()].trim().is_empty() && !ctx.avoid.contains(r))
                .cloned()
                .collect();
            let after_last = rng.below(2) == 0;
            let anchor = if after_last { body.last() } else { rng.pick(&body) }.ok_or("no paragraph")?.clone();
            let new = format!("\n{line}");
            let target = 1..new.len();
            let where_ = if after_last { "after the last paragraph" } else { "between paragraphs" };
            Ok(make(text, anchor.end..anchor.end, &new, target, format!("{line}  ({where_})"), tpl))
        }
        Kind::DupTitle => {
            let title = first_line(text).trim_end().to_string();
            if title.trim().is_empty() {
                return Err("no title");
            }
            let (at, new) = if text.ends_with('\n') {
                (text.len(), format!("{title}\n"))
            } else {
                (text.len(), format!("\n{title}"))
            };
            let t = if text.ends_with('\n') { 0..title.len() } else { 1..new.len() };
            let n = word_count(&title);
            let sub = match n {
                0..=3 => "title of 1-3 words",
                4..=6 => "title of 4-6 words",
                _ => "title of 7+ words",
            };
            Ok(make(text, at..at, &new, t, title.clone(), sub))
        }
        Kind::DupParagraph => {
            let lines = body_lines_ok(text, 8, &ctx.avoid);
            let l = rng.pick(&lines).ok_or("no body paragraph")?.clone();
            let para = text[l.clone()].to_string();
            let new = format!("\n{para}");
            Ok(make(text, l.end..l.end, &new, 1..new.len(), short(&para), ""))
        }
    }
}

fn short(s: &str) -> String {
    let s = s.trim();
    let c: Vec<char> = s.chars().collect();
    if c.len() > 50 {
        format!("{}…", c[..50].iter().collect::<String>())
    } else {
        s.to_string()
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

fn lines_nonempty(text: &str) -> Vec<Range<usize>> {
    lines(text).into_iter().filter(|r| !text[r.clone()].trim().is_empty()).collect()
}

fn sentence_cuts(s: &str) -> Vec<&str> {
    s.split(['.', '!', '؟', '?']).filter(|x| x.chars().any(is_letter)).collect()
}
fn last_sentence(s: &str) -> &str {
    sentence_cuts(s).last().copied().unwrap_or("")
}
fn first_sentence(s: &str) -> &str {
    sentence_cuts(s).first().copied().unwrap_or("")
}

fn other_article(ctx: &Ctx, rng: &mut Lcg) -> usize {
    let n = ctx.articles.len();
    if n < 2 {
        return ctx.index;
    }
    (ctx.index + 1 + rng.below(n - 1)) % n
}

/// A sentence of 6–15 words from a different article: no quotes, brackets, digits, Latin or
/// attribution words.
fn donor_sentence(ctx: &Ctx, rng: &mut Lcg) -> Option<String> {
    for _ in 0..20 {
        let d = other_article(ctx, rng);
        let text = &ctx.articles[d].1;
        let mut cands = Vec::new();
        for l in lines(text).into_iter().skip(1) {
            for s in text[l].split(['.', '!', '؟', '?', ':', '؛', '\n']) {
                let s = s.trim().trim_end_matches(['،', ',']);
                let n = word_count(s);
                if (6..=15).contains(&n)
                    && s.split_whitespace().count() == n
                    && !s.contains(['«', '»', '“', '”', '"', '\'', '(', ')', '[', ']', '-', '–', '/'])
                    && !s.chars().any(|c| c.is_ascii_alphanumeric() || ('٠'..='٩').contains(&c))
                    && !has_speech(s)
                    && !s.starts_with("سمات")
                {
                    cands.push(s.to_string());
                }
            }
        }
        if let Some(s) = rng.pick(&cands) {
            return Some(s.clone());
        }
    }
    None
}

/// Respellings of one name by the correspondences writers use for foreign names: ت/ط, ك/ق,
/// ج/غ/ق/گ, س/ص/ث, ز/ذ/ظ, د/ض, ف/ڤ, ب/پ, hamza seats, ة/ه, ى/ي, a long vowel written or
/// dropped anywhere (the last syllable too), a doubled letter. Returns (correspondence, variant).
fn variants(x: &str) -> Vec<(&'static str, String)> {
    let c: Vec<char> = x.chars().collect();
    let n = c.len();
    let mut out = Vec::new();
    let s = |v: Vec<char>| v.into_iter().collect::<String>();
    const SEATS_AND_ENDINGS: &[(&str, &[char])] = &[
        ("hamza seat", &['ا', 'أ', 'إ', 'آ']),
        ("hamza seat", &['ئ', 'ي']),
        ("hamza seat", &['ؤ', 'و']),
        ("ة/ه", &['ة', 'ه']),
        ("ى/ي", &['ى', 'ي']),
    ];
    for (i, &ch) in c.iter().enumerate() {
        for (label, set) in common::OUTLET_LETTERS.iter().chain(SEATS_AND_ENDINGS) {
            if !set.contains(&ch) {
                continue;
            }
            for &to in set.iter().filter(|&&t| t != ch) {
                // ة and ى only ever end a word
                if matches!(to, 'ة' | 'ى') && i + 1 != n {
                    continue;
                }
                let mut v = c.clone();
                v[i] = to;
                out.push((*label, s(v)));
            }
        }
    }
    for i in 1..n {
        if matches!(c[i], 'ا' | 'و' | 'ي') && is_cons(c[i - 1]) {
            let mut v = c.clone();
            v.remove(i);
            out.push(("long vowel dropped", s(v)));
        }
        if is_cons(c[i - 1]) && is_cons(c[i]) && !matches!(c[i - 1], 'و' | 'ي') && !matches!(c[i], 'و' | 'ي') {
            for vow in ['ا', 'و', 'ي'] {
                let mut v = c.clone();
                v.insert(i, vow);
                out.push(("long vowel added", s(v)));
            }
        }
        if is_cons(c[i]) && c[i] != c[i - 1] && c.get(i + 1) != Some(&c[i]) {
            let mut v = c.clone();
            v.insert(i, c[i]);
            out.push(("doubled letter", s(v)));
        }
        if i >= 2 && c[i] == c[i - 1] {
            let mut v = c.clone();
            v.remove(i);
            out.push(("doubled letter", s(v)));
        }
    }
    out.retain(|(_, v)| v != x);
    out
}

fn plant_name_variant(text: &str, toks: &[Tok], ctx: &Ctx, rng: &mut Lcg) -> Result<Plant, &'static str> {
    let words: Vec<&str> = toks.iter().map(|t| &text[t.range.clone()]).collect();
    let mut bare: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &words {
        *bare.entry(w).or_default() += 1;
    }
    // candidate names: unknown to the lexicon, 4+ letters (after an article, which is kept
    // as it is), not ending in ة
    let mut cands: Vec<(&str, Vec<usize>)> = Vec::new();
    for &x in bare.keys() {
        let n = x.strip_prefix("ال").unwrap_or(x).chars().count();
        if n < 4 || x.ends_with('ة') || knows(ctx.lex, x) {
            continue;
        }
        let occ: Vec<usize> = words
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                **w == x || ["و", "ب", "ل", "ف", "ك", "وب", "ول"].iter().any(|p| w.strip_prefix(p) == Some(x))
            })
            .map(|(i, _)| i)
            .collect();
        if occ.len() >= 2 {
            cands.push((x, occ));
        }
    }
    if cands.is_empty() {
        return Err("no unknown name occurring twice");
    }
    // Names used twice are as likely as names used more often (1 vs 1 after the respelling).
    let pool = cands;
    for _ in 0..10 {
        let (x, occ) = rng.pick(&pool).unwrap().clone();
        let (article, name) = match x.strip_prefix("ال") {
            Some(rest) => ("ال", rest),
            None => ("", x),
        };
        let vars: Vec<(&str, String)> = variants(name)
            .into_iter()
            .map(|(label, v)| (label, format!("{article}{v}")))
            .filter(|(_, v)| v.chars().count() >= 4 && !knows(ctx.lex, v) && !bare.contains_key(v.as_str()))
            .collect();
        // each correspondence equally likely, then one of its variants
        let mut labels: Vec<&str> = vars.iter().map(|v| v.0).collect();
        labels.sort();
        labels.dedup();
        let Some(&label) = rng.pick(&labels) else { continue };
        let of: Vec<&(&str, String)> = vars.iter().filter(|v| v.0 == label).collect();
        let Some(&(rule, ref v)) = rng.pick(&of).copied() else { continue };
        let v = v.clone();
        // respell any one occurrence, the first included (a story may introduce the name in
        // another outlet's spelling)
        let i = occ[rng.below(occ.len())];
        let t = &toks[i];
        let w = words[i];
        let prefix = &w[..w.len() - x.len()];
        let new = format!("{prefix}{v}");
        let mut p = replace_word(text, t.range.clone(), &new, rule);
        p.desc = format!("{w} -> {new} ({} occurrences)", occ.len());
        p.related = vec![x.to_string(), v.clone()];
        return Ok(p);
    }
    Err("no variant rule applies")
}

// ---------------------------------------------------------------------------------------------
// Scoring.

#[derive(Default)]
struct Stats {
    tried: usize,
    planted: usize,
    hit: usize,
    right_fix: usize,
    wrong_fix_ex: Vec<String>,
    false_flag: usize,
    collateral: usize,
    inside_other: usize,
    related: usize,
    lost: usize,
    skipped: BTreeMap<&'static str, usize>,
    sub: BTreeMap<String, (usize, usize)>,
    /// By how common the planted word is on the web (see [`band`]): planted, hit, right fix.
    band: [(usize, usize, usize); 3],
    misses: Vec<String>,
    collateral_ex: Vec<String>,
    inside_ex: Vec<String>,
    flags_ex: Vec<String>,
}

/// The bands of [`band`], by name.
const BANDS: [&str; 3] = ["everyday (class 45 or commoner)", "common (46-55)", "rare (56+ or unseen)"];

/// How common the clean text a fault replaced is on the web (its rarest word, by the frequency
/// table; a word with clitics by its form as written): 0 everyday, 1 common, 2 rare. Read after
/// planting, to break the figures down; planting never reads the table.
fn band(clean: &str) -> usize {
    let class = clean
        .split_whitespace()
        .map(|w| copydesk::core::frequency::class_or_unseen(&copydesk::core::arabic::key_string(w)))
        .max()
        .unwrap_or(copydesk::core::frequency::UNSEEN);
    match class {
        0..=45 => 0,
        46..=55 => 1,
        _ => 2,
    }
}

/// The text with the edits of a fix applied (non-overlapping, any order).
fn apply(text: &str, edits: &[copydesk::core::finding::Edit]) -> String {
    let mut es: Vec<_> = edits.iter().collect();
    es.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    for e in es {
        if out.get(e.range.clone()).is_some() {
            out.replace_range(e.range.clone(), &e.replacement);
        }
    }
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || (a.start == a.end && b.start <= a.start && a.start < b.end)
}

fn fmt_finding(text: &str, f: &Finding) -> String {
    format!("{}: «{}» — {}", f.rule, short(text.get(f.range.clone()).unwrap_or("?")), f.message)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    // `--seeds=A,B,C` plants each kind once per seed (`--samples` copies each) and adds the
    // counts up: the rules were tuned reading the default seed's misses, so its tune half
    // overstates; other seeds' plants are new to them.
    let seeds: Vec<u64> = match args.iter().find_map(|a| a.strip_prefix("--seeds=")) {
        Some(list) => list.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
        None => vec![args.iter().find_map(|a| a.strip_prefix("--seed=")).and_then(|s| s.parse().ok()).unwrap_or(2015)],
    };
    // `--dump=ARTICLE:K` prints the planted copy of kind number K (0-based, table order) and
    // its findings, then exits.
    let dump: Option<(String, usize)> = args.iter().find_map(|a| a.strip_prefix("--dump=")).and_then(|d| {
        let (a, k) = d.rsplit_once(':')?;
        Some((a.to_string(), k.parse().ok()?))
    });
    let examples: usize = if verbose { usize::MAX } else { 6 };
    let (folder, files) = common::corpus_files(&args);
    let articles: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| {
            let t = std::fs::read_to_string(p).ok()?;
            Some((p.file_name()?.to_string_lossy().to_string(), t))
        })
        .collect();
    let Ok(lexicon) = copydesk::dictionary::load(Path::new(copydesk::dictionary::SYSTEM_AR)) else {
        eprintln!("the Hunspell Arabic dictionary is needed (apt install hunspell-ar)");
        std::process::exit(2);
    };
    if let Some(i) = args.iter().position(|a| a == "--knows") {
        // debugging aid: the lexicon's verdicts on the words that follow
        for w in &args[i + 1..] {
            println!("{w}\tknows={}\tknows_with_clitics={}", lexicon.knows(w), lexicon.knows_with_clitics(w));
        }
        return;
    }
    // The product default leaves the lexicon check off; `--lexicon` turns it on (as
    // `[dictionary] lexicon = true` would) to measure what it adds and what it costs.
    let mut config = Config::default();
    config.dictionary.lexicon = args.iter().any(|a| a == "--lexicon");
    let checker = Checker::new(config, Some(lexicon.clone()));
    let samples: usize =
        args.iter().find_map(|a| a.strip_prefix("--samples=")).and_then(|s| s.parse().ok()).unwrap_or(3);
    // Two halves of the folder by a hash of the file name: tune on one, only measure on the other.
    let half_of = |name: &str| (fnv(name) % 2) as usize;
    let mut stats: BTreeMap<(Kind, usize), Stats> = BTreeMap::new();
    let mut baseline_total: BTreeMap<&str, usize> = BTreeMap::new();

    for (ai, (name, text)) in articles.iter().enumerate() {
        let base = checker.check(text, None).findings;
        for f in &base {
            *baseline_total.entry(f.rule).or_default() += 1;
        }
        let ctx = Ctx { lex: &lexicon, avoid: avoid_lines(text, &base), articles: &articles, index: ai };
        let half = half_of(name);
        for (seed, &kind, sample) in seeds.iter().flat_map(|&seed| {
            KINDS.iter().flat_map(move |k| (0..if k.fixable() { samples } else { 1 }).map(move |s| (seed, k, s)))
        }) {
            let st = stats.entry((kind, half)).or_default();
            st.tried += 1;
            let mut rng = Lcg::new(
                seed ^ fnv(name)
                    ^ (kind as u64 + 1).wrapping_mul(0x2545F4914F6CDD1D)
                    ^ (sample as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            let p = match plant(kind, text, &ctx, &mut rng) {
                Ok(p) => p,
                Err(why) => {
                    *st.skipped.entry(why).or_default() += 1;
                    continue;
                }
            };
            st.planted += 1;
            let found = checker.check(&p.text, None).findings;
            if dump.as_ref().is_some_and(|(a, k)| a == name && *k == KINDS.iter().position(|x| *x == kind).unwrap_or(0))
            {
                println!("=== {name} / {} / target {:?}: {}", kind.label(), p.target, p.desc);
                println!("{}", p.text);
                for f in &found {
                    println!("--- {}..{} {}", f.range.start, f.range.end, fmt_finding(&p.text, f));
                }
                return;
            }
            let region = p.orig.start..p.orig.start + p.new_len;
            let delta = p.new_len as isize - p.orig.len() as isize;
            let rule = kind.rule();
            let hit_findings: Vec<&Finding> =
                found.iter().filter(|f| f.rule == rule && overlaps(&f.range, &p.target)).collect();
            let hit = !hit_findings.is_empty();
            let band = band(&text[p.orig.clone()]);
            st.band[band].0 += 1;
            let sub = st.sub.entry(p.sub.clone()).or_default();
            sub.0 += 1;
            if kind.guard() {
                if hit {
                    st.false_flag += 1;
                    sub.1 += 1;
                    if st.flags_ex.len() < examples {
                        st.flags_ex.push(format!("{name}: {} => {}", p.desc, fmt_finding(&p.text, hit_findings[0])));
                    }
                }
            } else if hit {
                st.hit += 1;
                sub.1 += 1;
                st.band[band].1 += 1;
                if kind.fixable() {
                    let fixed = hit_findings.iter().find_map(|f| f.fixes.first()).map(|fx| apply(&p.text, &fx.edits));
                    if fixed.as_deref() == Some(text.as_str()) {
                        st.right_fix += 1;
                        st.band[band].2 += 1;
                    } else if st.wrong_fix_ex.len() < examples {
                        st.wrong_fix_ex.push(format!(
                            "{name}: {} => {}",
                            p.desc,
                            fmt_finding(&p.text, hit_findings[0])
                        ));
                    }
                }
            } else if st.misses.len() < examples {
                let near: Vec<String> =
                    found.iter().filter(|f| overlaps(&f.range, &region)).map(|f| fmt_finding(&p.text, f)).collect();
                st.misses.push(format!(
                    "{name}: {}{}",
                    p.desc,
                    if near.is_empty() { String::new() } else { format!("  [nearby: {}]", near.join(" | ")) }
                ));
            }
            // match the rest against the baseline: first by rule + range mapped back to the
            // clean text, then by rule + flagged text
            let map = |x: usize| -> Option<usize> {
                if x <= region.start {
                    Some(x)
                } else if x >= region.end {
                    Some((x as isize - delta) as usize)
                } else {
                    None
                }
            };
            let mut pool: Vec<Option<&Finding>> = base.iter().map(Some).collect();
            let mut unmatched: Vec<&Finding> = Vec::new();
            for f in &found {
                if hit_findings.iter().any(|h| std::ptr::eq(*h, f)) {
                    continue;
                }
                let mapped = match (map(f.range.start), map(f.range.end)) {
                    (Some(a), Some(b)) if a <= b => Some(a..b),
                    _ => None,
                };
                if let Some(m) = mapped {
                    if let Some(b) = pool.iter_mut().find(|b| b.is_some_and(|b| b.rule == f.rule && b.range == m)) {
                        *b = None;
                        continue;
                    }
                }
                unmatched.push(f);
            }
            for f in unmatched {
                let ftext = p.text.get(f.range.clone()).unwrap_or("");
                let inside = overlaps(&f.range, &region) || (region.is_empty() && f.range.start == region.start);
                let same_text = |b: &&Finding| b.rule == f.rule && text.get(b.range.clone()) == Some(ftext);
                if inside {
                    // an echo of a baseline finding (copied text, same rule + text) is fine
                    if base.iter().any(|b| same_text(&b)) {
                        if let Some(b) = pool.iter_mut().find(|b| b.as_ref().is_some_and(same_text)) {
                            *b = None;
                        }
                        continue;
                    }
                    if kind == Kind::GuardNames && f.rule == "name-variant" {
                        st.false_flag += 1;
                        if st.flags_ex.len() < examples {
                            st.flags_ex.push(format!("{name}: {} => {}", p.desc, fmt_finding(&p.text, f)));
                        }
                        continue;
                    }
                    st.inside_other += 1;
                    if st.inside_ex.len() < examples {
                        st.inside_ex.push(format!("{name}: planted {} => {}", short(&p.desc), fmt_finding(&p.text, f)));
                    }
                    continue;
                }
                if let Some(b) = pool.iter_mut().find(|b| b.as_ref().is_some_and(same_text)) {
                    *b = None;
                    continue;
                }
                if f.rule == "name-variant" && kind == Kind::GuardNames {
                    st.false_flag += 1;
                    if st.flags_ex.len() < examples {
                        st.flags_ex.push(format!("{name}: {} => elsewhere {}", p.desc, fmt_finding(&p.text, f)));
                    }
                    continue;
                }
                if !p.related.is_empty()
                    && f.rule == "name-variant"
                    && p.related.iter().any(|r| ftext.contains(r.as_str()))
                {
                    st.related += 1;
                    continue;
                }
                st.collateral += 1;
                if st.collateral_ex.len() < examples {
                    st.collateral_ex.push(format!("{name}: planted {} => {}", short(&p.desc), fmt_finding(&p.text, f)));
                }
            }
            st.lost += pool.iter().filter(|b| b.is_some()).count();
        }
    }

    // ---- report
    println!(
        "# Planted-fault evaluation (seed {}, {} from {}, {} per misspelling kind, lexicon check {})",
        seeds.iter().map(u64::to_string).collect::<Vec<_>>().join(", "),
        copydesk::cli::output::count(articles.len(), "article"),
        folder.display(),
        copydesk::cli::output::count(samples, "sample"),
        if checker.config().dictionary.lexicon { "ON" } else { "off (default)" }
    );
    println!();
    println!(
        "Baseline findings on the clean articles: {}",
        baseline_total.iter().map(|(r, n)| format!("{r} {n}")).collect::<Vec<_>>().join(", ")
    );
    for (half, title) in [(0, "tune half"), (1, "measure half (held out from tuning)")] {
        let n = articles.iter().filter(|(name, _)| half_of(name) == half).count();
        println!();
        println!("## {title}: {}", copydesk::cli::output::count(n, "article"));
        println!();
        println!(
            "| fault kind | rule | planted | hit | recall | right fix | collateral | inside-other | lost | skipped |"
        );
        println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (&(k, h), st) in &stats {
            if k.guard() || h != half {
                continue;
            }
            let pct = |x: usize| if st.planted > 0 { 100.0 * x as f64 / st.planted as f64 } else { f64::NAN };
            let fix = if k.fixable() { format!("{:.1}%", pct(st.right_fix)) } else { "-".to_string() };
            println!(
                "| {} | {} | {} | {} | {:.1}% | {fix} | {} | {} | {} | {} |",
                k.label(),
                k.rule(),
                st.planted,
                st.hit,
                pct(st.hit),
                st.collateral,
                st.inside_other,
                st.lost,
                st.tried - st.planted
            );
        }
        println!();
        println!("| guardrail | rule | planted | false flags | rate | collateral | inside-other | lost |");
        println!("|---|---|---:|---:|---:|---:|---:|---:|");
        for (&(k, h), st) in &stats {
            if !k.guard() || h != half {
                continue;
            }
            let rate = if st.planted > 0 { 100.0 * st.false_flag as f64 / st.planted as f64 } else { f64::NAN };
            println!(
                "| {} | {} | {} | {} | {:.1}% | {} | {} | {} |",
                k.label(),
                k.rule(),
                st.planted,
                st.false_flag,
                rate,
                st.collateral,
                st.inside_other,
                st.lost
            );
        }
    }
    println!();
    println!("right fix = the hit's first fix turns the planted copy back into the clean article;");
    println!("collateral = new findings outside the planted text; inside-other = new findings of other rules");
    println!("inside the planted text; lost = baseline findings that disappeared; skipped = plants with");
    println!("nothing to plant this kind in.");
    for (&(k, half), st) in &stats {
        println!();
        println!("## {} ({} half)", k.label(), if half == 0 { "tune" } else { "measure" });
        if !st.skipped.is_empty() {
            println!(
                "skipped: {}",
                st.skipped.iter().map(|(w, n)| format!("{w} ({n})")).collect::<Vec<_>>().join(", ")
            );
        }
        if st.sub.len() > 1 || st.sub.keys().any(|s| !s.is_empty()) {
            let what = if k.guard() { "flagged" } else { "hit" };
            let mut v: Vec<_> = st.sub.iter().collect();
            v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
            println!(
                "by sub-family (planted/{what}): {}",
                v.iter().map(|(s, (n, h))| format!("{s} {h}/{n}")).collect::<Vec<_>>().join("; ")
            );
        }
        if k.fixable() {
            let pct = |a: usize, n: usize| if n == 0 { 0.0 } else { 100.0 * a as f64 / n as f64 };
            println!(
                "by the word's web frequency (planted: recall / right fix): {}",
                BANDS
                    .iter()
                    .zip(&st.band)
                    .map(|(b, &(n, h, r))| format!("{b} {n}: {:.1}% / {:.1}%", pct(h, n), pct(r, n)))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
        if st.related > 0 {
            println!("name-variant findings on the other occurrences (not counted as collateral): {}", st.related);
        }
        for m in &st.misses {
            println!("- MISS {m}");
        }
        for m in &st.wrong_fix_ex {
            println!("- WRONG FIX {m}");
        }
        for m in &st.flags_ex {
            println!("- FALSE FLAG {m}");
        }
        for m in &st.collateral_ex {
            println!("- COLLATERAL {m}");
        }
        for m in &st.inside_ex {
            println!("- INSIDE {m}");
        }
    }
}
