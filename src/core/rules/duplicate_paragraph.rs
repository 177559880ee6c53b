//! `duplicate-paragraph`: the same headline or paragraph twice in one story.
//! Docs: `docs/rules/duplicate-paragraph.md`.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::core::data::normalize_line;
use crate::core::finding::{Edit, Finding, Fix, Severity};
use crate::core::rules::boilerplate::{self, line_deletion, shorten};
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
const MIN_WORDS: usize = 3;

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    // The headline (the first line with words) pasted again as the last line counts
    // however short it is: that is the CMS export, not a dateline that recurs.
    let headline = doc.lines.iter().position(|l| !l.words.is_empty());
    let last = doc.lines.iter().rposition(|l| !l.words.is_empty());
    let headline_norm = headline.map(|h| normalize_line(doc.line_text(h))).filter(|n| n.chars().count() >= 3);
    // Lines by the hash of their normalised text; a hit is confirmed on the text itself.
    let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, line) in doc.lines.iter().enumerate() {
        if line.words.is_empty() {
            continue;
        }
        let text = doc.line_text(i);
        let norm = normalize_line(text);
        let first = if Some(i) != headline && Some(i) == last && headline_norm.as_deref() == Some(norm.as_str()) {
            headline
        } else {
            if line.words.len() < MIN_WORDS
                || norm.split(' ').filter(|w| w.chars().any(char::is_alphabetic)).count() < MIN_WORDS
            {
                continue;
            }
            let mut h = FxHasher::default();
            norm.hash(&mut h);
            let earlier = seen.entry(h.finish()).or_default();
            let first = earlier.iter().copied().find(|&j| normalize_line(doc.line_text(j)) == norm);
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
            message: format!("Repeated {what} «{}»: it first appears on line {}", shorten(text.trim(), 50), first + 1),
            fixes: vec![Fix::safe("Delete this repeated line", vec![Edit::delete(line_deletion(doc, line))])],
        });
    }
}
