//! `duplicate-paragraph`: the same headline or paragraph twice in one story.
//! Docs: `docs/rules/duplicate-paragraph.md`.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::core::arabic;
use crate::core::data::normalize_line;
use crate::core::finding::{Edit, Finding, Fix, Severity};
use crate::core::rules::boilerplate::{self, shorten};
use crate::core::rules::{Context, RuleInfo, Scope};

pub const RULE: RuleInfo = RuleInfo {
    id: "duplicate-paragraph",
    default_severity: Severity::Warning,
    summary: "A headline or paragraph that appears twice",
    docs: include_str!("../../../docs/rules/duplicate-paragraph.md"),
    check,
    scope: Scope::Story,
};

/// Shorter lines (datelines, section labels, bylines) legitimately repeat; the headline is
/// the exception.
pub const MIN_WORDS: usize = 3;

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let has_words = |i: usize| !doc.lines[i].words.is_empty();
    // A line whose letters no other line shares cannot repeat one: its facts are left empty
    // (not a paragraph), and only the lines that may repeat, the headline and the last line
    // are normalised (a string per line was 3-4% of a check of the 10 MB bench file).
    let keys: Vec<Option<u64>> =
        (0..doc.lines.len()).map(|i| has_words(i).then(|| letters_key(doc.line_text(i)))).collect();
    let mut times: FxHashMap<u64, u32> = FxHashMap::default();
    for k in keys.iter().flatten() {
        *times.entry(*k).or_default() += 1;
    }
    let headline = (0..doc.lines.len()).find(|&i| has_words(i));
    let last = (0..doc.lines.len()).rev().find(|&i| has_words(i));
    let facts: Vec<LineFacts> = (0..doc.lines.len())
        .map(|i| match keys[i] {
            Some(k) if Some(i) != headline && Some(i) != last && times.get(&k) == Some(&1) => {
                LineFacts { has_words: true, norm: String::new(), paragraph: false }
            }
            _ => LineFacts::of(doc.line_text(i), doc.lines[i].words.len()),
        })
        .collect();
    let lines: Vec<(Range<usize>, Range<usize>)> =
        doc.lines.iter().map(|l| (l.range.clone(), l.full.clone())).collect();
    // Chrome repeated is boilerplate's to report, once per line: asked of repeats only.
    let chrome = |i: usize| boilerplate::matches(ctx.data, doc.line_text(i)).is_some();
    out.extend(decide(doc.text, &lines, |i| &facts[i], chrome, |i| doc.line_number(i)));
}

/// A hash of the characters of [`normalize_line`]`(line)` but its spaces: lines with the
/// same normalised text have the same key. Read as [`normalize_line`] reads (a test holds
/// them to the same characters), without building the string.
fn letters_key(line: &str) -> u64 {
    let mut h = 0u64;
    let mut feed = |c: char| h = (h.rotate_left(5) ^ u64::from(u32::from(c))).wrapping_mul(KEY_MULTIPLIER);
    for c in line.chars() {
        match c as u32 {
            0x0621..=0x063A | 0x0641..=0x064A => feed(arabic::fold_char(c)),
            0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A => feed(c.to_ascii_lowercase()),
            0..=0x7F => {}
            _ if arabic::is_ignorable(c) || !arabic::is_word_char(c) => {}
            _ => {
                let c = arabic::fold_char(c);
                if c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c) {
                    feed(c.to_ascii_lowercase());
                } else {
                    c.to_lowercase().for_each(&mut feed);
                }
            }
        }
    }
    h
}

/// [`letters_key`]'s step (FxHash's multiplier: any odd constant that mixes the bits).
const KEY_MULTIPLIER: u64 = 0x517c_c1b7_2722_0a95;

/// What the rule needs of one line, from the line alone (so incremental checking keeps it
/// per line and only [`decide`] runs on the whole story).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineFacts {
    pub has_words: bool,
    /// The line normalised (empty for a line without words).
    pub norm: String,
    /// Long enough to count as a paragraph: [`MIN_WORDS`] words, as many with letters.
    pub paragraph: bool,
}

impl LineFacts {
    /// The facts of a line's text (without its line ending) holding `words` words.
    pub fn of(text: &str, words: usize) -> LineFacts {
        if words == 0 {
            return LineFacts::default();
        }
        let norm = normalize_line(text);
        // Arabic letters asked first: Unicode's tables are slow for them (a few percent of a
        // whole check when every word of every line went through them).
        let lettered = |w: &&str| w.chars().any(|c| matches!(c, '\u{0621}'..='\u{064A}') || c.is_alphabetic());
        let paragraph = words >= MIN_WORDS && norm.split(' ').filter(lettered).take(MIN_WORDS).count() >= MIN_WORDS;
        LineFacts { has_words: true, norm, paragraph }
    }
}

/// The findings of a story whose lines are `lines` (each line's range without and with its
/// line ending), `facts(i)` line `i`'s facts; `chrome(i)`: line `i` is boilerplate's;
/// `line_number(i)`: the 1-based line of the source that line `i` starts on (in Markdown and
/// HTML a block is a line, and the message names the source's line).
pub fn decide<'f>(
    text: &str,
    lines: &[(Range<usize>, Range<usize>)],
    facts: impl Fn(usize) -> &'f LineFacts,
    chrome: impl Fn(usize) -> bool,
    line_number: impl Fn(usize) -> usize,
) -> Vec<Finding> {
    let mut out = Vec::new();
    // The headline (the first line with words) pasted again as the last line counts
    // however short it is: that is the CMS export, not a dateline that recurs.
    let headline = (0..lines.len()).find(|&i| facts(i).has_words);
    let last = (0..lines.len()).rev().find(|&i| facts(i).has_words);
    let headline_norm = headline.map(|h| facts(h).norm.as_str()).filter(|n| n.chars().count() >= 3);
    // The first paragraph with each normalised text.
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, (range, full)) in lines.iter().enumerate() {
        let f = facts(i);
        if !f.has_words {
            continue;
        }
        let norm = f.norm.as_str();
        let first = if Some(i) != headline && Some(i) == last && headline_norm == Some(norm) {
            headline
        } else {
            if !f.paragraph {
                continue;
            }
            let first = seen.get(norm).copied();
            if first.is_none() {
                seen.insert(norm, i);
            }
            first
        };
        let Some(first) = first else { continue };
        if chrome(i) {
            continue;
        }
        let line_text = text.get(range.clone()).unwrap_or("");
        let what = if Some(first) == headline { "headline" } else { "paragraph" };
        out.push(Finding {
            rule: RULE.id,
            severity: RULE.default_severity,
            range: range.clone(),
            message: format!(
                "Repeated {what} «{}»: it first appears on line {}",
                shorten(line_text.trim(), 50),
                line_number(first)
            ),
            fixes: vec![Fix::safe(
                "Delete this repeated line",
                vec![Edit::delete(boilerplate::line_deletion_of(text, range.clone(), full.clone()))],
            )],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`letters_key`] the slow way: the hash of the normalised line's characters but spaces.
    fn slow_key(line: &str) -> u64 {
        normalize_line(line)
            .chars()
            .filter(|&c| c != ' ')
            .fold(0u64, |h, c| (h.rotate_left(5) ^ u64::from(u32::from(c))).wrapping_mul(KEY_MULTIPLIER))
    }

    #[test]
    fn a_line_s_key_is_its_normalised_letters() {
        // Lines drawn from plain letters and every kind normalising drops, folds or lowers.
        for line in crate::core::data::pseudo_random_lines(0x2545_F491_4F6C_DD1D, 600, 50) {
            assert_eq!(letters_key(&line), slow_key(&line), "{line:?}");
        }
        // the same letters under other punctuation and marks: one key
        assert_eq!(letters_key("«الإدارة» تقول: نعم!!"), letters_key("الادارهُ، تقول نعم"));
    }
}
