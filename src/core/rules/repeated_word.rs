//! `repeated-word`: the same word twice in a row (`في في`), a slip of the keyboard or of an
//! edit. Docs: `docs/rules/repeated-word.md`.

use crate::core::arabic;
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
/// that double a word (ولي ولي العهد "deputy crown prince", من من "from whom", هم هم),
/// the names of Latin letters in abbreviations (بي بي سي، كيه كيه), and English doublings
/// that are grammatical (that that, had had).
const DOUBLED_ON_PURPOSE: &[&str] = &[
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
    "من",
    "هم",
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
    "توت",
    "that",
    "had",
    "is",
    "bye",
    "very",
    "no",
    "yes",
];

/// Whether `a` and `b` are the same once lowercased (`a.to_lowercase() == b.to_lowercase()`),
/// without allocating, and without Unicode's case tables for the ASCII and Arabic letters of
/// nearly every word: this runs for every pair of neighbouring words.
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
    let same = |i: usize, j: usize| match (doc.words.get(i), doc.words.get(j)) {
        (Some(x), Some(y)) => x.line == y.line && same_lowercase(doc.key(x), doc.key(y)),
        _ => false,
    };
    for (i, pair) in doc.words.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        // Three or more in a row is emphasis on purpose (مظلومة مظلومة مظلومة).
        if (i > 0 && same(i - 1, i)) || same(i + 1, i + 2) {
            continue;
        }
        let (ka, kb) = (doc.key(a), doc.key(b));
        if a.line != b.line || !same_lowercase(ka, kb) {
            continue;
        }
        if !doc.text[a.range.end..b.range.start].chars().all(char::is_whitespace)
            || !ka.chars().any(char::is_alphabetic)
        {
            continue;
        }
        let folded = arabic::fold(ka);
        // Indefinite accusatives doubled are adverbs (رويداً رويداً، يوماً يوماً).
        if DOUBLED_ON_PURPOSE.contains(&folded.as_str()) || (arabic::has_arabic(ka) && ka.ends_with('ا')) {
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
                applicability: if b.quote.is_some() { Applicability::Unsafe } else { Applicability::Safe },
                edits: vec![Edit::delete(a.range.end..b.range.end)],
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::same_lowercase;

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
