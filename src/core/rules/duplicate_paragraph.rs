//! `duplicate-paragraph`: the same headline or paragraph twice in one story.
//! Docs: `docs/rules/duplicate-paragraph.md`.

use std::ops::Range;

use rustc_hash::FxHashMap;

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
    let facts: Vec<LineFacts> =
        (0..doc.lines.len()).map(|i| LineFacts::of(doc.line_text(i), doc.lines[i].words.len())).collect();
    let lines: Vec<(Range<usize>, Range<usize>)> =
        doc.lines.iter().map(|l| (l.range.clone(), l.full.clone())).collect();
    // Chrome repeated is boilerplate's to report, once per line: asked of repeats only.
    let chrome = |i: usize| boilerplate::matches(ctx.data, doc.line_text(i)).is_some();
    out.extend(decide(doc.text, &lines, |i| &facts[i], chrome, |i| doc.line_number(i)));
}

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
