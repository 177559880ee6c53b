//! In-text suppression comments, for Markdown and HTML copy:
//!
//! - `<!-- copydesk-disable RULE ... -->` … `<!-- copydesk-enable RULE ... -->` switch rules
//!   off between the two comments (to the end of the text if never re-enabled);
//! - `<!-- copydesk-disable-next-line RULE ... -->` switches rules off on the next line.
//!
//! With no rule ids, a comment applies to every rule. Several ids may be separated by
//! spaces or commas. Unknown ids are ignored. Pure: text in, findings out.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::core::finding::Finding;

/// A stretch of text where some rules are off (`None` = all rules).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppressed {
    pub rules: Option<Vec<String>>,
    pub range: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
}

struct Directive {
    kind: Kind,
    rules: Vec<String>,
    /// Byte range of the whole comment.
    range: Range<usize>,
}

fn directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--").map(|i| from + i) {
        let body_start = open + 4;
        let Some(close) = text[body_start..].find("-->").map(|i| body_start + i) else { break };
        from = close + 3;
        let body = text[body_start..close].trim();
        let mut words = body.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
        let kind = match words.next() {
            Some("copydesk-disable") => Kind::Disable,
            Some("copydesk-enable") => Kind::Enable,
            Some("copydesk-disable-next-line") => Kind::NextLine,
            _ => continue,
        };
        out.push(Directive { kind, rules: words.map(str::to_string).collect(), range: open..from });
    }
    out
}

/// The stretches of `text` that suppression comments switch off.
///
/// Linear in the text: the rules open at any point are kept in a hash map (one `disable`
/// comment may name 200,000 ids), and a `disable-next-line` finds its line from a cursor
/// that only moves forward (80,000 of them on one line must not each search it).
pub fn regions(text: &str) -> Vec<Suppressed> {
    if !text.contains("copydesk-") {
        return Vec::new();
    }
    let mut out = Vec::new();
    // `disable` with no ids: where all rules went off.
    let mut all: Option<usize> = None;
    // `disable ID`: where each named rule went off.
    let mut named: FxHashMap<String, usize> = FxHashMap::default();
    // Two cursors: the end of a comment's own line, and the end of the line after it; each
    // is asked in increasing order.
    let (mut own_line, mut next_line) = (NextNewline::new(text), NextNewline::new(text));
    for d in directives(text) {
        match d.kind {
            Kind::Disable => {
                if d.rules.is_empty() {
                    all.get_or_insert(d.range.end);
                } else {
                    for r in d.rules {
                        named.entry(r).or_insert(d.range.end);
                    }
                }
            }
            Kind::Enable => {
                if d.rules.is_empty() {
                    if let Some(start) = all.take() {
                        out.push(Suppressed { rules: None, range: start..d.range.start });
                    }
                    for (r, start) in named.drain() {
                        out.push(Suppressed { rules: Some(vec![r]), range: start..d.range.start });
                    }
                    continue;
                }
                let enabled: FxHashSet<&str> = d.rules.iter().map(String::as_str).collect();
                for r in &enabled {
                    if let Some(start) = named.remove(*r) {
                        out.push(Suppressed { rules: Some(vec![r.to_string()]), range: start..d.range.start });
                    }
                }
                if let Some(start) = all.take() {
                    // `enable X` inside `disable` (all): all but X stay off after this point.
                    out.push(Suppressed { rules: None, range: start..d.range.start });
                    for id in crate::core::rules::RULES.iter().map(|r| r.id) {
                        if !enabled.contains(id) {
                            named.entry(id.to_string()).or_insert(d.range.end);
                        }
                    }
                }
            }
            Kind::NextLine => {
                let line_end = own_line.after(d.range.end);
                if line_end >= text.len() {
                    continue;
                }
                let next_start = line_end + 1;
                let next_end = next_line.after(next_start);
                let rules = (!d.rules.is_empty()).then_some(d.rules);
                out.push(Suppressed { rules, range: next_start..next_end });
            }
        }
    }
    if let Some(start) = all {
        out.push(Suppressed { rules: None, range: start..text.len() });
    }
    let mut rest: Vec<(String, usize)> = named.into_iter().collect();
    rest.sort_unstable_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    for (r, start) in rest {
        out.push(Suppressed { rules: Some(vec![r]), range: start..text.len() });
    }
    out
}

/// The offset of the first `\n` at or after a position (the text's length if none), for
/// positions asked in increasing order: each byte is searched once.
struct NextNewline<'t> {
    text: &'t str,
    /// The last answer, and the position it was asked from.
    last: Option<(usize, usize)>,
}

impl<'t> NextNewline<'t> {
    fn new(text: &'t str) -> Self {
        NextNewline { text, last: None }
    }

    fn after(&mut self, from: usize) -> usize {
        if let Some((asked, found)) = self.last {
            if asked <= from && from <= found {
                return found;
            }
        }
        let found = self.text.get(from..).and_then(|t| t.find('\n')).map_or(self.text.len(), |i| from + i);
        self.last = Some((from, found));
        found
    }
}

/// Sorted, merged stretches: whether one contains an offset is a binary search.
#[derive(Default)]
struct Stretches(Vec<Range<usize>>);

impl Stretches {
    fn build(mut ranges: Vec<Range<usize>>) -> Self {
        ranges.retain(|r| r.start < r.end);
        ranges.sort_unstable_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Stretches(merged)
    }

    fn contains(&self, at: usize) -> bool {
        let i = self.0.partition_point(|r| r.end <= at);
        self.0.get(i).is_some_and(|r| r.start <= at)
    }
}

/// Drop the findings that suppression comments in `text` switch off. A finding is off
/// when it starts inside a region that covers its rule.
pub fn apply(text: &str, findings: &mut Vec<Finding>) {
    let regions = regions(text);
    if regions.is_empty() {
        return;
    }
    // Only the rules that have findings matter: ids nobody reported are not indexed.
    let reported: FxHashSet<&'static str> = findings.iter().map(|f| f.rule).collect();
    let mut all = Vec::new();
    let mut by_rule: FxHashMap<&'static str, Vec<Range<usize>>> = FxHashMap::default();
    for r in regions {
        match r.rules {
            None => all.push(r.range),
            Some(ids) => {
                for id in ids {
                    if let Some(&rule) = reported.get(id.as_str()) {
                        by_rule.entry(rule).or_default().push(r.range.clone());
                    }
                }
            }
        }
    }
    let all = Stretches::build(all);
    let by_rule: FxHashMap<&'static str, Stretches> =
        by_rule.into_iter().map(|(rule, ranges)| (rule, Stretches::build(ranges))).collect();
    findings
        .retain(|f| !all.contains(f.range.start) && !by_rule.get(f.rule).is_some_and(|s| s.contains(f.range.start)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::Severity;

    fn finding(rule: &'static str, text: &str, word: &str, nth: usize) -> Finding {
        let start = text.match_indices(word).nth(nth).map(|(i, _)| i).unwrap_or(usize::MAX);
        Finding {
            rule,
            severity: Severity::Warning,
            range: start..start + word.len(),
            message: String::new(),
            fixes: vec![],
        }
    }

    fn kept(text: &str, findings: Vec<Finding>) -> Vec<(&'static str, usize)> {
        let mut f = findings;
        apply(text, &mut f);
        f.iter().map(|f| (f.rule, f.range.start)).collect()
    }

    #[test]
    fn disable_enable_region() {
        let text = "الإدراة\n<!-- copydesk-disable misspelling -->\nالإدراة\n<!-- copydesk-enable -->\nالإدراة\n";
        let fs = (0..3).map(|n| finding("misspelling", text, "الإدراة", n)).collect();
        let starts: Vec<usize> = text.match_indices("الإدراة").map(|(i, _)| i).collect();
        assert_eq!(kept(text, fs), vec![("misspelling", starts[0]), ("misspelling", starts[2])]);
    }

    #[test]
    fn disable_only_named_rules() {
        let text = "<!-- copydesk-disable misspelling, boilerplate -->\nالإدراة\n";
        let fs = vec![finding("misspelling", text, "الإدراة", 0), finding("name-variant", text, "الإدراة", 0)];
        let at = text.find("الإدراة").unwrap_or(0);
        assert_eq!(kept(text, fs), vec![("name-variant", at)]);
    }

    #[test]
    fn disable_without_rules_covers_all_to_the_end() {
        let text = "a\n<!-- copydesk-disable -->\nالإدراة كيري\n";
        let fs = vec![finding("misspelling", text, "الإدراة", 0), finding("name-variant", text, "كيري", 0)];
        assert_eq!(kept(text, fs), vec![]);
    }

    #[test]
    fn next_line_only() {
        let text = "<!-- copydesk-disable-next-line misspelling -->\nالإدراة\nالإدراة\n";
        let fs = (0..2).map(|n| finding("misspelling", text, "الإدراة", n)).collect();
        let second = text.match_indices("الإدراة").nth(1).map(|(i, _)| i).unwrap_or(0);
        assert_eq!(kept(text, fs), vec![("misspelling", second)]);
    }

    #[test]
    fn enable_one_rule_inside_disable_all() {
        let text = "<!-- copydesk-disable -->\nكيري\n<!-- copydesk-enable misspelling -->\nالإدراة كيري\n";
        let fs = vec![
            finding("name-variant", text, "كيري", 0),
            finding("misspelling", text, "الإدراة", 0),
            finding("name-variant", text, "كيري", 1),
        ];
        let at = text.find("الإدراة").unwrap_or(0);
        assert_eq!(kept(text, fs), vec![("misspelling", at)]);
    }

    #[test]
    fn unclosed_or_foreign_comments_are_harmless() {
        let text = "<!-- a note --> الإدراة <!-- copydesk-disable";
        let fs = vec![finding("misspelling", text, "الإدراة", 0)];
        assert_eq!(kept(text, fs).len(), 1);
        assert!(regions("<!-- copydesk-disable-next-line -->").is_empty());
    }

    /// The suppression comments read the slow, obvious way (the first implementation): a
    /// finding is off when, among the comments before it, one switches its rule off and
    /// no later one switches it back on, or a `disable-next-line` names it on the line above.
    fn off_by_reference(text: &str, rule: &str, at: usize) -> bool {
        let mut off_all = false;
        let mut off: Vec<String> = Vec::new();
        let mut next_line: Option<(usize, usize, Vec<String>)> = None; // line range, rules
        let mut by_next_line = false;
        for d in directives(text) {
            // `enable` counts from its comment's start, the others from their comment's end.
            if d.range.start > at || (d.kind != Kind::Enable && d.range.end > at) {
                break;
            }
            match d.kind {
                Kind::Disable if d.rules.is_empty() => off_all = true,
                Kind::Disable => off.extend(d.rules.iter().cloned()),
                Kind::Enable if d.rules.is_empty() => {
                    off_all = false;
                    off.clear();
                }
                Kind::Enable => {
                    if off_all {
                        off_all = false;
                        off.extend(crate::core::rules::RULES.iter().map(|r| r.id.to_string()));
                    }
                    off.retain(|r| !d.rules.contains(r));
                }
                Kind::NextLine => {
                    let Some(nl) = text[d.range.end..].find('\n').map(|i| d.range.end + i) else { continue };
                    let end = text[nl + 1..].find('\n').map_or(text.len(), |i| nl + 1 + i);
                    next_line = Some((nl + 1, end, d.rules.clone()));
                }
            }
            if let Some((s, e, rules)) = &next_line {
                if *s <= at && at < *e && (rules.is_empty() || rules.iter().any(|r| r == rule)) {
                    by_next_line = true;
                }
            }
        }
        off_all || off.iter().any(|r| r == rule) || by_next_line
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

        /// Every finding is kept or dropped exactly as the comments before it say, whatever
        /// the mix of comments, broken comments, CRLF and emoji; regions stay in the text.
        #[test]
        fn findings_are_dropped_as_the_comments_say(
            text in "(<!--|-->|<!-- copydesk-disable(-next-line)?( misspelling| boilerplate|,)* -->|<!-- copydesk-enable( misspelling| boilerplate)* -->| copydesk-disable| copydesk-enable|<!-- note -->|\r?\n|الإدراة|👍| )*"
        ) {
            for r in regions(&text) {
                proptest::prop_assert!(r.range.start <= r.range.end && r.range.end <= text.len());
            }
            // Findings anywhere but inside a suppression comment (markup, never copy).
            let comments: Vec<Range<usize>> = directives(&text).into_iter().map(|d| d.range).collect();
            let mut findings: Vec<Finding> = Vec::new();
            for (i, _) in text.char_indices().filter(|(i, _)| !comments.iter().any(|c| c.contains(i))) {
                for rule in ["misspelling", "boilerplate", "name-variant"] {
                    findings.push(Finding { rule, severity: Severity::Hint, range: i..i + 1, message: String::new(), fixes: vec![] });
                }
            }
            let expected: Vec<(&str, usize)> = findings
                .iter()
                .filter(|f| !off_by_reference(&text, f.rule, f.range.start))
                .map(|f| (f.rule, f.range.start))
                .collect();
            proptest::prop_assert_eq!(kept(&text, findings), expected);
        }
    }
}
