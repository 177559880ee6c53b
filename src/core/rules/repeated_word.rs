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

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let same = |i: usize, j: usize| match (doc.words.get(i), doc.words.get(j)) {
        (Some(x), Some(y)) => x.line == y.line && doc.key(x).to_lowercase() == doc.key(y).to_lowercase(),
        _ => false,
    };
    for (i, pair) in doc.words.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        // Three or more in a row is emphasis on purpose (مظلومة مظلومة مظلومة).
        if (i > 0 && same(i - 1, i)) || same(i + 1, i + 2) {
            continue;
        }
        if a.line != b.line || !doc.text[a.range.end..b.range.start].chars().all(char::is_whitespace) {
            continue;
        }
        let (ka, kb) = (doc.key(a), doc.key(b));
        if !ka.chars().any(char::is_alphabetic) || ka.to_lowercase() != kb.to_lowercase() {
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
