//! Findings are plain data: a rule id, a byte span, a message and the fixes that mend it.

use std::ops::Range;

/// How serious a finding is. Ordered from least to most severe so `>=` means "at least".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|sev| sev.as_str() == s)
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Mends the text and changes nothing else: `copydesk check --fix` applies it.
    Safe,
    /// Probably right, but a person should look (for instance inside quoted speech).
    Unsafe,
}

/// Replace the bytes in `range` (UTF-8 offsets into the checked text) with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, replacement: impl Into<String>) -> Edit {
        Edit { range, replacement: replacement.into() }
    }

    pub fn delete(range: Range<usize>) -> Edit {
        Edit { range, replacement: String::new() }
    }
}

/// One way to mend a finding: a title in the imperative and the edits that carry it out.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix { title: title.into(), applicability: Applicability::Safe, edits }
    }

    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }
}

/// One problem found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    /// The stable kebab-case rule id, such as `misspelling`.
    pub rule: &'static str,
    pub severity: Severity,
    /// UTF-8 byte range of the flagged text.
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
}

/// Apply `edits` to `text`. Edits are sorted; an edit overlapping an earlier one is skipped.
/// Returns the new text and how many edits were applied. Offsets outside the text or off
/// a character boundary make the edit be skipped, never a panic.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut applied = 0;
    let out = apply_edits_with(text, edits, |_| applied += 1);
    (out, applied)
}

/// [`apply_edits`], telling `applied` of each edit it applies, in text order.
pub fn apply_edits_with(text: &str, edits: &[Edit], mut applied: impl FnMut(&Edit)) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for edit in sorted {
        let Range { start, end } = edit.range;
        if start < pos
            || end < start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&text[pos..start]);
        out.push_str(&edit.replacement);
        pos = end;
        applied(edit);
    }
    out.push_str(&text[pos..]);
    out
}
