//! `--fix`, `--unsafe-fixes` and `--diff`: choosing non-overlapping fixes, applying them
//! until none is left (bounded), and writing files atomically.

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use crate::core::{apply_edits, Edit, Finding};

/// How many fix→recheck passes at most: fixes that keep producing new fixes are a bug in
/// a rule, and must not hang the desk's pipeline.
pub const MAX_PASSES: usize = 10;

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    // Two insertions at one point conflict too: their order would be a guess.
    (a.start < b.end && b.start < a.end) || (a.is_empty() && b.is_empty() && a.start == b.start)
}

/// The edits of the fixes to apply in one pass: for each finding its first fix that is safe
/// (or any, with `unsafe_fixes`), skipping a fix that overlaps one already chosen, so
/// a fix is applied whole or not at all. Returns the edits and how many findings they fix.
pub fn choose(findings: &[Finding], unsafe_fixes: bool) -> (Vec<Edit>, usize) {
    let mut chosen: Vec<Edit> = Vec::new();
    let mut count = 0;
    for f in findings {
        let Some(fix) = f.fixes.iter().find(|x| (unsafe_fixes || x.is_safe()) && !x.edits.is_empty()) else {
            continue;
        };
        let self_overlap =
            fix.edits.iter().enumerate().any(|(i, a)| fix.edits[i + 1..].iter().any(|b| overlaps(&a.range, &b.range)));
        let clash = fix.edits.iter().any(|e| chosen.iter().any(|c| overlaps(&e.range, &c.range)));
        let sane = fix.edits.iter().all(|e| e.range.start <= e.range.end);
        if self_overlap || clash || !sane {
            continue;
        }
        chosen.extend(fix.edits.iter().cloned());
        count += 1;
    }
    (chosen, count)
}

/// The result of fixing one text.
pub struct Fixed {
    pub text: String,
    /// Findings fixed, over all passes.
    pub fixed: usize,
    /// The findings left in `text` (from the last check).
    pub remaining: Vec<Finding>,
    /// Rules that panicked during any pass.
    pub failed_rules: Vec<&'static str>,
    /// The fixes went round in a circle (rules undoing each other's fixes: a bug in the
    /// rules). The text returned is then the smallest of the circle, so that fixing again
    /// gives the same text: `--fix` stays idempotent whatever the rules do.
    pub cycled: bool,
}

/// Fix `text` until no applicable fix is left, or [`MAX_PASSES`], or the fixes bring back a
/// text already seen. `check` runs the rules.
pub fn fix_until_stable(text: &str, unsafe_fixes: bool, check: impl Fn(&str) -> crate::core::Checked) -> Fixed {
    // Every text reached, with the findings fixed to reach it.
    let mut states: Vec<(String, usize)> = vec![(text.to_string(), 0)];
    let mut failed_rules = Vec::new();
    let mut checked = check(text);
    let mut cycled = false;
    for _ in 0..MAX_PASSES {
        failed_rules.extend(checked.failed_rules.iter().copied());
        let (edits, count) = choose(&checked.findings, unsafe_fixes);
        if edits.is_empty() {
            break;
        }
        let Some((current, fixed)) = states.last() else { break };
        let (next, applied) = apply_edits(current, &edits);
        if applied == 0 || next == *current {
            break;
        }
        if let Some(k) = states.iter().position(|(t, _)| *t == next) {
            let circle = states.split_off(k);
            if let Some(min) = circle.into_iter().min_by(|a, b| a.0.cmp(&b.0)) {
                states.push(min);
            }
            cycled = true;
            checked = states.last().map(|(t, _)| check(t)).unwrap_or_default();
            break;
        }
        let fixed = fixed + count;
        checked = check(&next);
        states.push((next, fixed));
    }
    failed_rules.extend(checked.failed_rules.iter().copied());
    failed_rules.sort_unstable();
    failed_rules.dedup();
    let (text, fixed) = states.pop().unwrap_or_else(|| (text.to_string(), 0));
    Fixed { text, fixed, remaining: checked.findings, failed_rules, cycled }
}

/// Replace the file at `path`, which held `old`, with `contents` atomically: a temporary
/// file in the same folder, flushed, given the old file's permissions, then renamed over
/// it. If the file no longer holds `old` (someone saved it meanwhile), nothing is written.
/// On any error the temporary file is removed and the old file is untouched. Symlinks are
/// followed.
pub fn write_atomic(path: &Path, old: &str, contents: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".copydesk-").suffix(".tmp").tempfile_in(&dir)?;
    tmp.write_all(contents.as_bytes())?;
    tmp.as_file().sync_all()?;
    let perms = std::fs::metadata(&target)?.permissions();
    tmp.as_file().set_permissions(perms)?;
    if std::fs::read(&target)? != old.as_bytes() {
        return Err(std::io::Error::other("the file changed while it was being checked; run again"));
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// A unified diff of `old` → `new` for `display` (empty if they are equal).
pub fn unified_diff(display: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out =
        diff.unified_diff().context_radius(1).header(&format!("a/{display}"), &format!("b/{display}")).to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Fix, Severity};

    fn finding(range: Range<usize>, fixes: Vec<Fix>) -> Finding {
        Finding { rule: "misspelling", severity: Severity::Warning, range, message: String::new(), fixes }
    }

    #[test]
    fn overlapping_fixes_are_taken_whole_or_not_at_all() {
        let a = finding(0..4, vec![Fix::safe("a", vec![Edit::replace(0..4, "x"), Edit::replace(10..12, "y")])]);
        let b = finding(11..14, vec![Fix::safe("b", vec![Edit::replace(11..14, "z")])]);
        let c = finding(20..22, vec![Fix::safe("c", vec![Edit::delete(20..22)])]);
        let (edits, count) = choose(&[a, b, c], false);
        assert_eq!(count, 2);
        assert_eq!(edits.iter().map(|e| e.range.clone()).collect::<Vec<_>>(), vec![0..4, 10..12, 20..22]);
    }

    #[test]
    fn unsafe_fixes_only_when_asked() {
        let mut fix = Fix::safe("u", vec![Edit::replace(0..1, "b")]);
        fix.applicability = crate::core::Applicability::Unsafe;
        let f = finding(0..1, vec![fix]);
        assert_eq!(choose(std::slice::from_ref(&f), false).1, 0);
        assert_eq!(choose(std::slice::from_ref(&f), true).1, 1);
    }

    #[test]
    fn fixes_that_undo_each_other_stop() {
        // A rule that flips «ab» and «ba» forever: fixing stops when a text comes back.
        let check = |t: &str| crate::core::Checked {
            findings: vec![finding(
                0..2,
                vec![Fix::safe("flip", vec![Edit::replace(0..2, if t == "ab" { "ba" } else { "ab" })])],
            )],
            failed_rules: vec![],
        };
        let fixed = fix_until_stable("ba", false, check);
        assert_eq!((fixed.text.as_str(), fixed.fixed, fixed.cycled), ("ab", 1, true));
        let again = fix_until_stable("ab", false, check);
        assert_eq!((again.text.as_str(), again.fixed, again.cycled), ("ab", 0, true));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "قديم").expect("write");
        assert!(write_atomic(&path, "غيره", "جديد").is_err(), "the file does not hold what was checked");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "قديم");
        write_atomic(&path, "قديم", "جديد").expect("atomic write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "جديد");
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("ls").filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("story.txt")]);
    }
}
