//! In-text suppression comments, for Markdown and HTML copy:
//!
//! - `<!-- copydesk-disable RULE ... -->` … `<!-- copydesk-enable RULE ... -->` switch rules
//!   off between the two comments (to the end of the text if never re-enabled);
//! - `<!-- copydesk-disable-next-line RULE ... -->` switches rules off on the next line.
//!
//! With no rule ids, a comment applies to every rule. Several ids may be separated by
//! spaces or commas. Unknown ids are ignored. Pure: text in, findings out.

use std::ops::Range;

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
pub fn regions(text: &str) -> Vec<Suppressed> {
    if !text.contains("copydesk-") {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Open `disable` regions: (rules, start). `None` = all rules.
    let mut open: Vec<(Option<String>, usize)> = Vec::new();
    for d in directives(text) {
        match d.kind {
            Kind::Disable => {
                if d.rules.is_empty() {
                    open.push((None, d.range.end));
                } else {
                    for r in d.rules {
                        if !open.iter().any(|(o, _)| o.as_deref() == Some(r.as_str())) {
                            open.push((Some(r), d.range.end));
                        }
                    }
                }
            }
            Kind::Enable => {
                let closes =
                    |rule: &Option<String>| d.rules.is_empty() || rule.as_ref().is_some_and(|r| d.rules.contains(r));
                let mut still_open = Vec::new();
                for (rule, start) in open.drain(..) {
                    if closes(&rule) {
                        out.push(Suppressed { rules: rule.map(|r| vec![r]), range: start..d.range.start });
                    } else if rule.is_none() {
                        // `enable X` inside `disable` (all): all but X stay off after this point.
                        out.push(Suppressed { rules: None, range: start..d.range.start });
                        still_open.push((None, d.range.end));
                        let enabled = d.rules.clone();
                        for id in crate::core::rules::RULES.iter().map(|r| r.id) {
                            if !enabled.iter().any(|e| e == id)
                                && !still_open.iter().any(|(o, _)| o.as_deref() == Some(id))
                            {
                                still_open.push((Some(id.to_string()), d.range.end));
                            }
                        }
                        still_open.retain(|(o, _)| o.is_some());
                    } else {
                        still_open.push((rule, start));
                    }
                }
                open = still_open;
            }
            Kind::NextLine => {
                let line_end = text[d.range.end..].find('\n').map_or(text.len(), |i| d.range.end + i);
                if line_end >= text.len() {
                    continue;
                }
                let next_start = line_end + 1;
                let next_end = text[next_start..].find('\n').map_or(text.len(), |i| next_start + i);
                let rules = (!d.rules.is_empty()).then_some(d.rules);
                out.push(Suppressed { rules, range: next_start..next_end });
            }
        }
    }
    for (rule, start) in open {
        out.push(Suppressed { rules: rule.map(|r| vec![r]), range: start..text.len() });
    }
    out
}

/// Drop the findings that suppression comments in `text` switch off. A finding is off
/// when it starts inside a region that covers its rule.
pub fn apply(text: &str, findings: &mut Vec<Finding>) {
    let regions = regions(text);
    if regions.is_empty() {
        return;
    }
    findings.retain(|f| {
        !regions.iter().any(|r| {
            r.range.contains(&f.range.start) && r.rules.as_ref().is_none_or(|rules| rules.iter().any(|id| id == f.rule))
        })
    });
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

    proptest::proptest! {
        #[test]
        fn any_text_is_safe(text in "(<!--|-->| copydesk-disable(-next-line)?| copydesk-enable| misspelling|,|\n|ا|👍| )*") {
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let mut findings: Vec<Finding> = starts
                .iter()
                .map(|&i| Finding { rule: "misspelling", severity: Severity::Hint, range: i..i, message: String::new(), fixes: vec![] })
                .collect();
            for r in regions(&text) {
                proptest::prop_assert!(r.range.start <= r.range.end && r.range.end <= text.len());
            }
            apply(&text, &mut findings);
            proptest::prop_assert!(findings.len() <= starts.len());
        }
    }
}
