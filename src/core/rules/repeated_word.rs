//! `repeated-word`: the same word twice in a row (`في في`), a slip of the keyboard or of an
//! edit. Docs: `docs/rules/repeated-word.md`.

use rustc_hash::FxHashMap;

use crate::core::arabic;
use crate::core::document::{Document, Word};
use crate::core::finding::{Applicability, Edit, Finding, Fix, Severity};
use crate::core::rules::{Context, RuleInfo, Scope};

pub const RULE: RuleInfo = RuleInfo {
    id: "repeated-word",
    default_severity: Severity::Warning,
    summary: "The same word twice in a row",
    docs: include_str!("../../../docs/rules/repeated-word.md"),
    check,
    scope: Scope::Line,
};

/// Words that are repeated on purpose, folded: Arabic distributive and gradual doubling
/// (خطوة خطوة; most such words are indefinite accusatives in ـاً, skipped anyway), phrases
/// that double a word (ولي ولي العهد "deputy crown prince", هم هم, كذا وكذا وكذا "such and
/// such"), and English doublings that are grammatical (that that, had had). (`من من` "who among" only opens its sentence:
/// see [`opens_its_sentence`]; the names of Latin letters only in an abbreviation: see
/// [`LETTER_NAMES`].)
const DOUBLED_ON_PURPOSE: &[&str] = &[
    "رويدا",
    "خطوه",
    "كلمه",
    "حرف",
    "بند",
    "شبر",
    "دار",
    "بيت",
    "زنقه",
    "حبه",
    "نقطه",
    "سطر",
    "ولي",
    "هم",
    "توت",
    "وكذا",
    "that",
    "had",
    "is",
    "bye",
    "very",
    "no",
    "yes",
];

/// The names of Latin letters (folded), doubled in an abbreviation beside another
/// (`بي بي سي`, `سي إن إن`, `أم أم أل`): alone, doubled, they are the slip (`أن أن`).
const LETTER_NAMES: &[&str] = &[
    "ان",
    "ام",
    "م",
    "بي",
    "سي",
    "دي",
    "اف",
    "جي",
    "اتش",
    "اي",
    "ايه",
    "جيه",
    "كيه",
    "كي",
    "ال",
    "كيو",
    "ار",
    "اس",
    "تي",
    "يو",
    "دبليو",
    "اكس",
    "واي",
    "زد",
];

/// For each form of `doc` (by id), the id of the first form that is the same once lowercased
/// ([`same_lowercase`]): neighbours compare by index, each form is lowercased once. A form of
/// Arabic-block characters only is its own lowercase, and no other form lowercases to it.
fn lower_classes(doc: &Document<'_>) -> Vec<u32> {
    let mut by_lowered: FxHashMap<String, u32> = FxHashMap::default();
    (0..doc.form_count())
        .map(|f| {
            let id = u32::try_from(f).unwrap_or(u32::MAX);
            let key = doc.key_of_form(id);
            if key.chars().all(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
                id
            } else {
                *by_lowered.entry(lowered(key).collect()).or_insert(id)
            }
        })
        .collect()
}

/// Whether `a` and `b` are the same once lowercased (`a.to_lowercase() == b.to_lowercase()`),
/// without allocating: the meaning [`lower_classes`] gives each form (its test compares them).
#[cfg(test)]
fn same_lowercase(a: &str, b: &str) -> bool {
    a == b || lowered(a).eq(lowered(b))
}

/// The chars of `s` lowercased, as `str::to_lowercase` would give them (the final sigma aside:
/// both sides of a comparison get the same mapping).
fn lowered(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(|c| {
        if c.is_ascii() {
            Lowered::One(Some(c.to_ascii_lowercase()))
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            Lowered::One(Some(c))
        } else {
            Lowered::Many(c.to_lowercase())
        }
    })
}

enum Lowered {
    One(Option<char>),
    Many(std::char::ToLowercase),
}

impl Iterator for Lowered {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        match self {
            Lowered::One(c) => c.take(),
            Lowered::Many(m) => m.next(),
        }
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let class = lower_classes(doc);
    let class_of = |w: &Word| class.get(w.form as usize).copied().unwrap_or(w.form);
    let same = |i: usize, j: usize| match (doc.words.get(i), doc.words.get(j)) {
        (Some(x), Some(y)) => x.line == y.line && class_of(x) == class_of(y),
        _ => false,
    };
    for (i, pair) in doc.words.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        if a.line != b.line || class_of(a) != class_of(b) {
            continue;
        }
        // Three or more in a row is emphasis on purpose (مظلومة مظلومة مظلومة).
        if (i > 0 && same(i - 1, i)) || same(i + 1, i + 2) {
            continue;
        }
        let ka = doc.key(a);
        if !doc.text[a.range.end..b.range.start].chars().all(char::is_whitespace)
            || !ka.chars().any(char::is_alphabetic)
        {
            continue;
        }
        // Vocalised apart, they are two words (`مِن مَن` "from whom").
        let (ta, tb) = (doc.word_text(a), doc.word_text(b));
        if ta != tb && ta.chars().any(arabic::is_harakah) && tb.chars().any(arabic::is_harakah) {
            continue;
        }
        let folded = arabic::fold(ka);
        let letter_name = |j: usize| {
            doc.words
                .get(j)
                .is_some_and(|w| w.line == a.line && LETTER_NAMES.contains(&arabic::fold(doc.key(w)).as_str()))
        };
        if DOUBLED_ON_PURPOSE.contains(&folded.as_str())
            || (LETTER_NAMES.contains(&folded.as_str())
                && (i.checked_sub(1).is_some_and(letter_name) || letter_name(i + 2)))
            || (folded == "من" && opens_its_sentence(doc, i))
            || accusative(ka)
            || within_one_people(doc, i, ka)
            || named(doc, i)
        {
            continue;
        }
        let shown = doc.word_text(b);
        out.push(Finding {
            rule: RULE.id,
            severity: RULE.default_severity,
            range: a.range.start..b.range.end,
            message: format!("Repeated word «{shown}»"),
            fixes: vec![Fix {
                title: format!("Delete the second «{shown}»"),
                // Speech may repeat itself on purpose («لا لا»): only the desk decides there.
                applicability: if b.quote().is_some() { Applicability::Unsafe } else { Applicability::Safe },
                edits: vec![Edit::delete(a.range.end..b.range.end)],
            }],
        });
    }
}

/// Whether word `i` opens its sentence or clause: the first on its line, or after a mark
/// (`وسأل: من من المسؤولين حضر؟`, `.. من من مصلحته`). `من من` there asks "who among"; after a
/// word (`مجموعة من من الخبراء`) it is the slip.
fn opens_its_sentence(doc: &Document<'_>, i: usize) -> bool {
    let w = &doc.words[i];
    let start = doc.lines[w.line].range.start;
    let before = doc.text[start..w.range.start].trim_end();
    before.is_empty() || before.ends_with(|c: char| !c.is_alphanumeric())
}

/// An indefinite accusative doubled is an adverb or counts one by one (`رويداً رويداً`,
/// `بنداً بنداً`, `سطراً سطراً`, `واحداً واحداً`, `جداً جداً`): a word in ا, its tanween written or not,
/// whose stem is an everyday noun or adjective of the web (class [`ACCUSATIVE_STEM_CLASS`]).
/// Not a pronoun's or a particle's alif (`لها لها`, `هذا هذا`, `بلا بلا`), a plural verb's
/// (`وقاربوا`), an adverb in يا (`يوميا`), nor a name's (`إيطاليا`, `أوباما`): those doubled are
/// slips.
fn accusative(key: &str) -> bool {
    let Some(stem) = key.strip_suffix('ا') else {
        return false;
    };
    !key.starts_with("ال")
        && !["ه", "ن", "م", "ذ", "ل", "و", "ي"].iter().any(|end| stem.ends_with(end))
        && stem.chars().count() >= 2
        && crate::core::frequency::class(stem).is_some_and(|c| c <= ACCUSATIVE_STEM_CLASS)
}

/// Rarest stem (frequency class) of a doubled accusative: `جد` 43, `عنصر` 45, `بند` 51, `سطر`
/// 52; not `أبد` 55 or `إيطالي` 53 (`أبدا أبدا`, `إيطاليا إيطاليا` are slips).
const ACCUSATIVE_STEM_CLASS: u8 = 52;

/// An indefinite nisba doubled after a noun of what passes between parties names what happens
/// within one people or camp: `حوار يمني يمني`, `مصالحة فلسطينية فلسطينية`, `خلاف عربي عربي`.
/// Elsewhere a nisba doubled (`معلومات اقتصادية اقتصادية`) is the slip, as is the definite one
/// (`الأولية الأولية`).
fn within_one_people(doc: &Document<'_>, i: usize, key: &str) -> bool {
    let nisba = !key.starts_with("ال") && (key.ends_with('ي') || key.ends_with("ية"));
    nisba
        && word_before(doc, i)
            .is_some_and(|p| arabic::with_clitics(&arabic::fold(doc.key(p)), |s| BETWEEN_PARTIES.contains(&s)))
}

/// Nouns of what passes between parties (folded).
const BETWEEN_PARTIES: &[&str] = &[
    "حوار",
    "خلاف",
    "خلافات",
    "صراع",
    "مصالحه",
    "لقاء",
    "اقتتال",
    "تنسيق",
    "تعاون",
    "تقارب",
    "انقسام",
    "نزاع",
    "اتفاق",
    "قمه",
    "وفاق",
    "حرب",
    "مفاوضات",
    "تفاهم",
    "توافق",
    "صدام",
    "حوارات",
    "لقاءات",
];

/// A name whose two parts are the same word after a verb that names (`تدعى هان هان`,
/// `المدعو …`). (A given name doubled is not taken for a name: written by slip far more often
/// than as a first and a family name.)
fn named(doc: &Document<'_>, i: usize) -> bool {
    word_before(doc, i).is_some_and(|p| NAMING.contains(&arabic::fold(doc.key(p)).as_str()))
}

/// The word before word `i`, on its line.
fn word_before<'d>(doc: &'d Document<'_>, i: usize) -> Option<&'d Word> {
    let w = doc.words.get(i)?;
    doc.words.get(i.checked_sub(1)?).filter(|p| p.line == w.line)
}

/// Words that introduce a name (folded): `تدعى`, `يسمى`, `المدعو`.
const NAMING: &[&str] = &["تدعي", "يدعي", "المدعو", "المدعوه", "يسمي", "تسمي"];

#[cfg(test)]
mod tests {
    use super::same_lowercase;

    #[test]
    fn forms_share_a_class_exactly_when_they_are_the_same_lowercased() {
        use crate::core::document::Document;
        let text =
            "في فى The the THE ΣΟΦΙΑ σοφια İstanbul i̇stanbul Straße STRASSE ǅ ǆ قالَ قال\r\nA a 2015 ٢٠١٥ Ab aB ok";
        let doc = Document::new(text);
        let class = super::lower_classes(&doc);
        for x in &doc.words {
            for y in &doc.words {
                let (kx, ky) = (doc.key(x), doc.key(y));
                assert_eq!(class[x.form as usize] == class[y.form as usize], same_lowercase(kx, ky), "{kx} {ky}");
            }
        }
    }

    #[test]
    fn same_lowercase_agrees_with_to_lowercase() {
        let words = [
            "في",
            "فى",
            "The",
            "the",
            "THE",
            "ΣΟΦΙΑ",
            "σοφια",
            "İstanbul",
            "i̇stanbul",
            "Straße",
            "STRASSE",
            "ǅ",
            "ǆ",
            "😀",
            "",
            "a",
            "A",
            "قالَ",
            "قال",
            "Ünal",
            "ünal",
            "K",
            "k",
        ];
        for a in words {
            for b in words {
                assert_eq!(same_lowercase(a, b), a.to_lowercase() == b.to_lowercase(), "{a:?} {b:?}");
            }
        }
    }
}
