//! `duplicate-paragraph`: the same headline or paragraph twice in one story.
//! Docs: `docs/rules/duplicate-paragraph.md`.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use crate::core::data::normalized_chars;
use crate::core::finding::{Edit, Finding, Fix, Severity};
use crate::core::rules::boilerplate::{self, line_deletion, shorten};
use crate::core::rules::{Context, RuleInfo};

pub const RULE: RuleInfo = RuleInfo {
    id: "duplicate-paragraph",
    default_severity: Severity::Warning,
    summary: "A headline or paragraph that appears twice",
    docs: include_str!("../../../docs/rules/duplicate-paragraph.md"),
    check,
};

/// Shorter lines (datelines, section labels, bylines) legitimately repeat; the headline is
/// the exception.
const MIN_WORDS: usize = 3;

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let norm = |i: usize| normalized_chars(doc.line_text(i));
    // The headline (the first line with words) pasted again as the last line counts
    // however short it is: that is the CMS export, not a dateline that recurs.
    let headline = doc.lines.iter().position(|l| !l.words.is_empty());
    let last = doc.lines.iter().rposition(|l| !l.words.is_empty());
    // (a headline under three characters once normalised is not one to look for)
    let long_headline = headline.filter(|&h| norm(h).nth(2).is_some());
    let headline_again =
        |i: usize| Some(i) != headline && Some(i) == last && long_headline.is_some_and(|h| norm(h).eq(norm(i)));
    // Lines by the hash of their normalised text; a hit is confirmed on the text itself. The
    // normalised text is streamed, never built: this runs for every line of the document.
    let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, line) in doc.lines.iter().enumerate() {
        if line.words.is_empty() {
            continue;
        }
        let text = doc.line_text(i);
        let first = if headline_again(i) {
            headline
        } else {
            if line.words.len() < MIN_WORDS {
                continue;
            }
            let (hash, words) = hash_and_words(norm(i));
            if words < MIN_WORDS {
                continue;
            }
            let earlier = seen.entry(hash).or_default();
            let first = earlier.iter().copied().find(|&j| norm(j).eq(norm(i)));
            if first.is_none() {
                earlier.push(i);
            }
            first
        };
        let Some(first) = first else { continue };
        // Chrome repeated is boilerplate's to report, once per line.
        if boilerplate::matches(ctx.data, text).is_some() {
            continue;
        }
        let what = if Some(first) == headline { "headline" } else { "paragraph" };
        out.push(Finding {
            rule: RULE.id,
            severity: RULE.default_severity,
            range: line.range.clone(),
            message: format!(
                "Repeated {what} «{}»: it first appears on line {}",
                shorten(text.trim(), 50),
                doc.line_number(first)
            ),
            fixes: vec![Fix::safe("Delete this repeated line", vec![Edit::delete(line_deletion(doc, line))])],
        });
    }
}

/// The hash of a normalised line and how many of its words hold a letter.
fn hash_and_words(norm: impl Iterator<Item = char>) -> (u64, usize) {
    let mut h = FxHasher::default();
    let (mut words, mut letter) = (0, false);
    for c in norm {
        h.write_u32(c as u32);
        if c == ' ' {
            words += usize::from(letter);
            letter = false;
        } else if !letter {
            letter = is_letter(c);
        }
    }
    (h.finish(), words + usize::from(letter))
}

/// `char::is_alphabetic`, without Unicode's tables for ASCII and the Arabic letters.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{0621}'..='\u{064A}').contains(&c) || (!c.is_ascii() && c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::normalize_line;

    #[test]
    fn streamed_words_count_as_the_built_line_did() {
        for line in ["قال الوزير: «نعم» 123 456", "a b 1", "", "؟؟", "Ünal ünal ١٢ x", "الـ ـ ب"]
        {
            let built = normalize_line(line);
            let want = built.split(' ').filter(|w| w.chars().any(char::is_alphabetic)).count();
            assert_eq!(hash_and_words(normalized_chars(line)).1, want, "{line:?}");
        }
        for c in (0u32..0x1_0000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{:04X}", c as u32);
        }
    }
}
