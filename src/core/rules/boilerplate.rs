//! `boilerplate`: web and CMS leftovers pasted into the copy, as whole lines.
//! Docs: `docs/rules/boilerplate.md`.

use crate::core::arabic;
use crate::core::data::{normalize_line, Data, Placement};
use crate::core::document::{Document, Line};
use crate::core::finding::{Edit, Finding, Fix, Severity};
use crate::core::rules::{Context, RuleInfo, Scope};

pub const RULE: RuleInfo = RuleInfo {
    id: "boilerplate",
    default_severity: Severity::Warning,
    summary:
        "Website and CMS leftovers: subscription prompts, share and \"read also\" lines, copyright, ads, wire markers",
    docs: include_str!("../../../docs/rules/boilerplate.md"),
    check,
    scope: Scope::Line,
};

/// Lines longer than this (in words) are copy, not chrome, whatever they start with.
const MAX_PREFIX_WORDS: usize = 25;
/// Longest line the chrome-vocabulary test applies to.
const MAX_CHROME_WORDS: usize = 20;
/// A `contains` phrase only counts in a line this short.
const MAX_CONTAINS_WORDS: usize = 14;

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let user_patterns = !ctx.data.user_boilerplate.is_empty();
    for (i, line) in doc.lines.iter().enumerate() {
        // Copy, not chrome: no built-in phrase applies to a line this long.
        if line.words.len() > MAX_PREFIX_WORDS && !user_patterns {
            continue;
        }
        // Comments (suppression comments among them) are markup, never copy to delete.
        if doc.is_markup_line(i) {
            continue;
        }
        let text = doc.line_text(i);
        let Some(found) = matches(ctx.data, text) else { continue };
        // Chrome leading copy (`Next Previous عين اليوم – الرياض`): flag and delete only the
        // chrome's words, up to the first word of the copy.
        let lead_end =
            found.lead_words.filter(|&n| n < line.words.len()).map(|n| doc.words[line.words.start + n].range.start);
        let (range, edit, title) = match lead_end {
            Some(end) => (line.range.start..end, line.range.start..end, "Delete the leftover before the copy"),
            None => (line.range.clone(), line_deletion(doc, line), "Delete this line"),
        };
        out.push(Finding {
            rule: RULE.id,
            severity: RULE.default_severity,
            message: format!("Website leftover in the copy: «{}»", shorten(doc.text[range.clone()].trim(), 60)),
            range,
            fixes: vec![Fix::safe(title, vec![Edit::delete(edit)])],
        });
    }
}

/// A boilerplate match: what matched, and for chrome leading copy, how many words it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub what: String,
    pub lead_words: Option<usize>,
}

/// Whether a line is boilerplate, and which phrase or pattern says so.
pub fn matches(data: &Data, line: &str) -> Option<Match> {
    let whole = |what: String| Match { what, lead_words: None };
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    for re in &data.user_boilerplate {
        if re.is_match(trimmed) {
            return Some(whole(re.as_str().to_string()));
        }
    }
    let norm = normalize_line(trimmed);
    if norm.is_empty() {
        return None;
    }
    let words = norm.split(' ').count();
    // «التعليقات (0)»: counters do not make a line copy.
    // (built only for a whole-line phrase the line is not as it is)
    // (`None` when the line has no number to drop: it is then `norm` itself)
    let without_numbers = std::cell::OnceCell::new();
    let without_numbers = || {
        without_numbers
            .get_or_init(|| {
                let number = |w: &&str| w.chars().all(|c| c.is_numeric());
                norm.split(' ')
                    .any(|w| number(&w))
                    .then(|| norm.split(' ').filter(|w| !number(w)).collect::<Vec<_>>().join(" "))
            })
            .as_deref()
    };
    for (placement, phrase) in data.boilerplate.iter() {
        let hit = match placement {
            Placement::Line => norm == *phrase || without_numbers() == Some(phrase.as_str()),
            Placement::Prefix => words <= MAX_PREFIX_WORDS && starts_with_words(&norm, phrase),
            Placement::Contains => words <= MAX_CONTAINS_WORDS && contains_words(&norm, phrase),
            Placement::Lead => starts_with_words(&norm, phrase),
        };
        if hit {
            let lead_words = (*placement == Placement::Lead).then(|| phrase.split(' ').count());
            return Some(Match { what: phrase.clone(), lead_words });
        }
    }
    chrome(data, trimmed, &norm, words).map(whole)
}

/// Chrome no listed phrase covers: a short line that tells the reader to do something
/// (شارك، اشترك، طباعة، أرسل…) with something of the site's (فيسبوك، النشرة، لصديق، الرقم…),
/// where such words are at least a quarter of the line. Either kind alone is news, and so is
/// a prompt word inside a sentence («كلينتون: لم أرسل…»): the prompt must open the line, or
/// the line must be a menu (`|`, `•`) or carry an SMS short code.
fn chrome(data: &Data, raw: &str, norm: &str, words: usize) -> Option<String> {
    if words > MAX_CHROME_WORDS {
        return None;
    }
    let is = |set: &rustc_hash::FxHashSet<String>, w: &str| {
        set.contains(w) || arabic::clitic_splits(w).any(|(_, stem)| set.contains(stem))
    };
    let menu = raw.contains(['|', '•', '·']);
    let short_code = norm.split(' ').any(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_digit()));
    let (mut actions, mut objects, mut opens) = (0, 0, false);
    for (i, w) in norm.split(' ').enumerate() {
        if is(&data.chrome_actions, w) {
            actions += 1;
            opens |= i < 2;
        } else if is(&data.chrome_objects, w) {
            objects += 1;
        }
    }
    let prompt = opens || menu || short_code;
    (prompt && actions > 0 && objects > 0 && (actions + objects) * 4 >= words).then(|| "website chrome".to_string())
}

fn starts_with_words(hay: &str, needle: &str) -> bool {
    hay.strip_prefix(needle).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before_ok = at == 0 || hay[..at].ends_with(' ');
        let after = &hay[at + needle.len()..];
        before_ok && (after.is_empty() || after.starts_with(' '))
    })
}

/// The bytes to delete to remove a line whole: with its line ending, or, for a last line
/// without one, with the line ending before it.
pub fn line_deletion(doc: &Document<'_>, line: &Line) -> std::ops::Range<usize> {
    line_deletion_of(doc.text, line.range.clone(), line.full.clone())
}

/// [`line_deletion`] of the line at `range` (`full`: with its line ending) in `text`.
pub fn line_deletion_of(
    text: &str,
    range: std::ops::Range<usize>,
    full: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    if full.end > range.end || range.start == 0 {
        return full;
    }
    let mut start = range.start;
    if text[..start].ends_with("\r\n") {
        start -= 2;
    } else if text[..start].ends_with('\n') {
        start -= 1;
    }
    start..full.end
}

/// `s` cut to `max` characters, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}
