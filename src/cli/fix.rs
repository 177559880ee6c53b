//! `--fix`, `--unsafe-fixes` and `--diff`: choosing non-overlapping fixes, applying them
//! until none is left (bounded), and writing files atomically.

use std::collections::BTreeSet;
use std::io::{Read, Seek, Write};
use std::ops::Range;
use std::path::Path;

use crate::core::{Edit, Finding};

/// How many fix→recheck passes at most: fixes that keep producing new fixes are a bug in
/// a rule, and must not hang the desk's pipeline.
pub const MAX_PASSES: usize = 10;

/// Ranges already taken, none overlapping another, for overlap queries in O(log n).
///
/// Sorted by (start, end), ranges that do not overlap one another also have non-decreasing
/// ends (an empty range strictly inside another would overlap it; one at another's start
/// sorts first). So the last range starting before a point reaches furthest of all that
/// start before it, and one look at it answers "does anything cover this point?".
#[derive(Default)]
struct Taken(BTreeSet<(usize, usize)>);

impl Taken {
    /// Whether `r` overlaps a taken range. Two insertions at one point conflict too: their
    /// order would be a guess.
    fn clashes(&self, r: &Range<usize>) -> bool {
        let reaches_past =
            |point: usize, bound: usize| self.0.range(..(bound, 0)).next_back().is_some_and(|&(_, end)| end > point);
        if r.is_empty() {
            self.0.contains(&(r.start, r.start)) || reaches_past(r.start, r.start)
        } else {
            reaches_past(r.start, r.end)
        }
    }

    fn insert(&mut self, r: &Range<usize>) {
        self.0.insert((r.start, r.end));
    }
}

/// The edits of the fixes to apply in one pass over `text`: for each finding its first fix
/// that is safe (or any, with `unsafe_fixes`), skipping a fix that overlaps one already
/// chosen, so a fix is applied whole or not at all, and a one-edit fix that would trade
/// places with one already chosen (`a` → `b` here, `b` → `a` there: a spelling written two
/// ways once each, each finding offering the other): applying both would only swap them, so
/// the first is applied and the story agrees with itself. Returns the edits and how many
/// findings they fix. O(n log n) in the number of edits.
pub fn choose(text: &str, findings: &[Finding], unsafe_fixes: bool) -> (Vec<Edit>, usize) {
    let mut chosen: Vec<Edit> = Vec::new();
    let mut taken = Taken::default();
    // (text replaced, replacement) of the one-edit fixes chosen.
    let mut swaps: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    let mut count = 0;
    for f in findings {
        let Some(fix) = f.fixes.iter().find(|x| (unsafe_fixes || x.is_safe()) && !x.edits.is_empty()) else {
            continue;
        };
        if !fix.edits.iter().all(|e| e.range.start <= e.range.end) {
            continue;
        }
        let fits = match fix.edits.as_slice() {
            // The usual fix: one edit, nothing of its own to overlap.
            [e] => {
                let was = text.get(e.range.clone());
                let free =
                    !taken.clashes(&e.range) && !was.is_some_and(|w| swaps.contains(&(e.replacement.as_str(), w)));
                if let (true, Some(w)) = (free, was) {
                    swaps.insert((w, e.replacement.as_str()));
                }
                free
            }
            edits => {
                let mut own = Taken::default();
                edits.iter().all(|e| {
                    let free = !own.clashes(&e.range) && !taken.clashes(&e.range);
                    own.insert(&e.range);
                    free
                })
            }
        };
        if !fits {
            continue;
        }
        for e in &fix.edits {
            taken.insert(&e.range);
        }
        chosen.extend(fix.edits.iter().cloned());
        count += 1;
    }
    (chosen, count)
}

/// A stretch that fixing changed: `old` in the text as read, `new` in the fixed text.
/// Outside the stretches the two texts are the same bytes, in the same order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// Apply `edits` to `text` as [`crate::core::apply_edits`] does (sorted; one that overlaps
/// an earlier one, or is off the text or off a character boundary, is skipped). `changes`
/// are the stretches changed so far (`new` ranges in `text`); they come back describing the
/// returned text, these edits folded in. Linear in the text, the edits and the changes.
fn apply_tracked(text: &str, edits: &[Edit], changes: &[Change]) -> (String, usize, Vec<Change>) {
    // Applied edits: their range in `text` and how many bytes they add (or remove).
    let mut applied: Vec<(Range<usize>, isize)> = Vec::new();
    let out = crate::core::apply_edits_with(text, edits, |edit| {
        let Range { start, end } = edit.range;
        applied.push((start..end, edit.replacement.len() as isize - (end - start) as isize));
    });

    /// Earlier changes and edits that overlap or touch, as one stretch of `text`.
    struct Group {
        start: usize,
        end: usize,
        /// Bytes added before the group by earlier changes (text = original + this).
        before_old: isize,
        /// Bytes added before the group by these edits.
        before_new: isize,
        /// Bytes added inside the group by earlier changes, and by these edits.
        inside_old: isize,
        inside_new: isize,
    }
    impl Group {
        fn change(&self) -> Change {
            let at = |x: usize, d: isize| x.saturating_add_signed(d);
            Change {
                old: at(self.start, -self.before_old)..at(self.end, -self.before_old - self.inside_old),
                new: at(self.start, self.before_new)..at(self.end, self.before_new + self.inside_new),
            }
        }
    }
    let mut merged = Vec::with_capacity(changes.len() + applied.len());
    let (mut i, mut j) = (0, 0);
    let (mut added_old, mut added_new) = (0isize, 0isize);
    let mut group: Option<Group> = None;
    loop {
        let change = changes.get(i).map(|c| (c.new.clone(), c.new.len() as isize - c.old.len() as isize));
        let edit = applied.get(j).cloned();
        let (range, delta, is_edit) = match (change, edit) {
            (Some(c), Some(e)) if (c.0.start, c.0.end) <= (e.0.start, e.0.end) => (c.0, c.1, false),
            (_, Some(e)) => (e.0, e.1, true),
            (Some(c), None) => (c.0, c.1, false),
            (None, None) => break,
        };
        if group.as_ref().is_some_and(|g| range.start > g.end) {
            merged.extend(group.take().map(|g| g.change()));
        }
        let g = group.get_or_insert(Group {
            start: range.start,
            end: range.end,
            before_old: added_old,
            before_new: added_new,
            inside_old: 0,
            inside_new: 0,
        });
        g.end = g.end.max(range.end);
        if is_edit {
            g.inside_new += delta;
            added_new += delta;
            j += 1;
        } else {
            g.inside_old += delta;
            added_old += delta;
            i += 1;
        }
    }
    merged.extend(group.map(|g| g.change()));
    (out, applied.len(), merged)
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
    /// What changed between the text given and `text`, for [`unified_diff`].
    pub changes: Vec<Change>,
}

/// Fix `text` until no applicable fix is left, or [`MAX_PASSES`], or the fixes bring back a
/// text already seen. `check` runs the rules.
pub fn fix_until_stable(text: &str, unsafe_fixes: bool, check: impl Fn(&str) -> crate::core::Checked) -> Fixed {
    // Every text reached, with the findings fixed to reach it and what changed.
    let mut states: Vec<(String, usize, Vec<Change>)> = vec![(text.to_string(), 0, Vec::new())];
    let mut failed_rules = Vec::new();
    let mut checked = check(text);
    let mut cycled = false;
    for _ in 0..MAX_PASSES {
        failed_rules.extend(checked.failed_rules.iter().copied());
        let Some((current, fixed, changes)) = states.last() else { break };
        let (edits, count) = choose(current, &checked.findings, unsafe_fixes);
        if edits.is_empty() {
            break;
        }
        let (next, applied, changes) = apply_tracked(current, &edits, changes);
        if applied == 0 || next == *current {
            break;
        }
        if let Some(k) = states.iter().position(|(t, _, _)| *t == next) {
            let circle = states.split_off(k);
            if let Some(min) = circle.into_iter().min_by(|a, b| a.0.cmp(&b.0)) {
                states.push(min);
            }
            cycled = true;
            checked = states.last().map(|(t, _, _)| check(t)).unwrap_or_default();
            break;
        }
        let fixed = fixed + count;
        checked = check(&next);
        states.push((next, fixed, changes));
    }
    failed_rules.extend(checked.failed_rules.iter().copied());
    failed_rules.sort_unstable();
    failed_rules.dedup();
    let (text, fixed, changes) = states.pop().unwrap_or_else(|| (text.to_string(), 0, Vec::new()));
    Fixed { text, fixed, remaining: checked.findings, failed_rules, cycled, changes }
}

/// What a file was when it was read (identity, length, modification time), compared again
/// just before the fixed text is written: a file replaced, appended to or saved meanwhile is
/// not overwritten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// Device and inode (Unix): the same file, not another saved under its name.
    id: Option<(u64, u64)>,
}

impl Snapshot {
    /// The snapshot of an open file whose `len` bytes were read.
    pub fn of(meta: &std::fs::Metadata, len: u64) -> Snapshot {
        #[cfg(unix)]
        let id = {
            use std::os::unix::fs::MetadataExt;
            Some((meta.dev(), meta.ino()))
        };
        #[cfg(not(unix))]
        let id = None;
        Snapshot { len, modified: meta.modified().ok(), id }
    }
}

fn changed_meanwhile() -> std::io::Error {
    std::io::Error::other("the file changed while it was being checked; nothing was written; run again")
}

/// Replace the text of the file at `path` — which held `old` when `snapshot` was taken —
/// with `contents`, keeping the file itself: its inode, so its owner, group, mode, extended
/// attributes and hard links all stay. First the new text is written to a temporary file
/// in the same folder and read back (a full disk or a bad write shows there, with the story
/// untouched); then the file's identity, length, modification time and text are checked
/// against what was read; then the file is rewritten in place and flushed, and the
/// temporary file removed. If rewriting fails, the old text is put back; if even that
/// fails, the temporary file is kept and named in the error. Symlinks are followed.
pub fn write_fixed(path: &Path, snapshot: &Snapshot, old: &str, contents: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".copydesk-").suffix(".tmp").tempfile_in(&dir)?;
    tmp.write_all(contents.as_bytes())?;
    tmp.as_file().sync_all()?;
    let mut back = Vec::with_capacity(contents.len());
    tmp.as_file_mut().rewind()?;
    tmp.as_file_mut().read_to_end(&mut back)?;
    if back != contents.as_bytes() {
        return Err(std::io::Error::other("the temporary copy did not read back as written; nothing was written"));
    }
    drop(back);

    let mut file = std::fs::OpenOptions::new().read(true).write(true).open(&target)?;
    if Snapshot::of(&file.metadata()?, file.metadata()?.len()) != *snapshot {
        return Err(changed_meanwhile());
    }
    let mut now = Vec::with_capacity(old.len());
    (&mut file).take(old.len() as u64 + 1).read_to_end(&mut now)?;
    if now != old.as_bytes() {
        return Err(changed_meanwhile());
    }
    drop(now);
    // The last look, just before writing: nothing appended since the comparison.
    if file.metadata()?.len() != snapshot.len {
        return Err(changed_meanwhile());
    }
    let rewrite = |file: &mut std::fs::File, text: &[u8]| -> std::io::Result<()> {
        file.rewind()?;
        file.write_all(text)?;
        file.set_len(text.len() as u64)?;
        file.sync_all()
    };
    if let Err(e) = rewrite(&mut file, contents.as_bytes()) {
        if rewrite(&mut file, old.as_bytes()).is_err() {
            let kept = tmp.into_temp_path().keep().map(|p| p.display().to_string()).unwrap_or_default();
            return Err(std::io::Error::other(format!("{e}; the file may be damaged: the fixed text is in {kept}")));
        }
        return Err(e);
    }
    Ok(())
}

/// A unified diff of `old` → `new` for `display` (empty if they are equal), the changed
/// stretches given (from [`Fixed::changes`]). Lines are compared only around those
/// stretches, so the time grows with the text and the changes, not with their product.
/// Lines end as `similar` splits them: `\n`, `\r\n` or a lone `\r`.
pub fn unified_diff(display: &str, old: &str, new: &str, changes: &[Change]) -> String {
    if old == new {
        return String::new();
    }
    let old_lines = lines(old);
    let new_lines = lines(new);
    let ops = line_ops(old, new, &old_lines, &new_lines, changes);
    let mut out = String::new();
    for (i, group) in similar::group_diff_ops(ops, 1).into_iter().filter(|g| !g.is_empty()).enumerate() {
        if i == 0 {
            out.push_str(&format!("--- a/{display}\n+++ b/{display}\n"));
        }
        out.push_str(&format!("{}\n", similar::udiff::UnifiedHunkHeader::new(&group)));
        for op in &group {
            for change in op.iter_changes(&old_lines[..], &new_lines[..]) {
                out.push_str(&change.tag().to_string());
                out.push_str(change.value());
                if !change.value().ends_with(['\r', '\n']) {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// `text` split into lines, each with its line break.
fn lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let end = match bytes[i] {
            b'\n' => Some(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(i + 2),
            b'\r' => Some(i + 1),
            _ => None,
        };
        if let Some(end) = end {
            out.push(&text[start..end]);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The line-level diff of `old` and `new`: equal runs between the changed stretches, and
/// a Myers diff of just the lines each stretch touches.
fn line_ops(old: &str, new: &str, old_lines: &[&str], new_lines: &[&str], changes: &[Change]) -> Vec<similar::DiffOp> {
    let starts = |ls: &[&str]| {
        let mut v = Vec::with_capacity(ls.len() + 1);
        let mut at = 0;
        for l in ls {
            v.push(at);
            at += l.len();
        }
        v.push(at);
        v
    };
    let (old_starts, new_starts) = (starts(old_lines), starts(new_lines));
    // The line holding byte `at` (the last line for the end of a text without a final break).
    let line_of = |st: &[usize], n: usize, at: usize| st.partition_point(|&s| s <= at).saturating_sub(1).min(n);
    // Each change widened by a byte at the end unless it ends at a line start on both sides
    // (so that it ends inside a line on both, and a `\r` before a `\n` cut by the edge is
    // inside) and, after a `\r`, by a byte at the start; then to whole lines; changes
    // that share a line become one hunk.
    let mut hunks: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for c in changes {
        let after_cr = c.old.start > 0 && old.as_bytes().get(c.old.start - 1) == Some(&b'\r');
        let back = usize::from(after_cr && c.new.start > 0);
        let at_start = |starts: &[usize], x: usize| starts.binary_search(&x).is_ok();
        let ends_lines = at_start(&old_starts, c.old.end) && at_start(&new_starts, c.new.end);
        let room = (old.len() - c.old.end.min(old.len())).min(new.len() - c.new.end.min(new.len()));
        let fwd = if ends_lines { 0 } else { room.min(1) };
        let (os, oe) = (c.old.start - back, c.old.end + fwd);
        let (ns, ne) = (c.new.start - back, c.new.end + fwd);
        let ol0 = line_of(&old_starts, old_lines.len(), os);
        let ls = old_starts[ol0];
        // The new side starts the same number of bytes before the change (the same bytes).
        let nl0 = line_of(&new_starts, new_lines.len(), ns.saturating_sub(os - ls));
        let ol1 = if oe > os && old_starts[line_of(&old_starts, old_lines.len(), oe)] == oe {
            line_of(&old_starts, old_lines.len(), oe)
        } else {
            (line_of(&old_starts, old_lines.len(), oe) + 1).min(old_lines.len())
        };
        let le = old_starts[ol1];
        let nl1 = {
            let at = ne + (le - oe.min(le));
            let l = line_of(&new_starts, new_lines.len(), at);
            if new_starts[l] == at {
                l
            } else {
                (l + 1).min(new_lines.len())
            }
        };
        // A change on a line of the hunk before joins it. Only the old side decides: a new
        // side computed across an earlier change of the same hunk is off by that change's
        // size, but the first change's start and the last change's end are right (nothing
        // changed before the first, on its lines, or after the last, on its lines).
        match hunks.last_mut() {
            Some((o, n)) if ol0 < o.end => {
                o.end = o.end.max(ol1);
                n.end = nl1;
            }
            _ => hunks.push((ol0..ol1.max(ol0), nl0..nl1.max(nl0))),
        }
    }
    let mut ops = Vec::new();
    let (mut o, mut n) = (0, 0);
    let tail = (old_lines.len()..old_lines.len(), new_lines.len()..new_lines.len());
    for (hold, hnew) in hunks.into_iter().chain([tail]) {
        // The unchanged lines before the hunk (as many on each side, unless a bug says
        // otherwise: then the rest goes to the diff, which is still right, only slower).
        let equal = hold.start.saturating_sub(o).min(hnew.start.saturating_sub(n));
        if equal > 0 {
            ops.push(similar::DiffOp::Equal { old_index: o, new_index: n, len: equal });
        }
        let (old_end, new_end) = (hold.end.max(o + equal), hnew.end.max(n + equal));
        ops.extend(similar::capture_diff(
            similar::Algorithm::Myers,
            old_lines,
            o + equal..old_end,
            new_lines,
            n + equal..new_end,
        ));
        (o, n) = (old_end, new_end);
    }
    // One equal run, not two side by side: hunks are cut at equal runs longer than the
    // context, as `similar` cuts them. And one change, not several side by side: lines
    // changed one after another read as their old lines, then their new ones, as in any
    // diff of the whole text.
    // Rebuilt in order from the lengths alone (a Delete's `new_index` and an Insert's
    // `old_index` from `similar` need not be where the other side stands), with one equal
    // run, not two side by side (hunks are cut at equal runs longer than the context, as
    // `similar` cuts them), and one change, not several side by side (lines changed one
    // after another read as their old lines, then their new ones, as in any whole diff).
    let mut merged: Vec<similar::DiffOp> = Vec::with_capacity(ops.len());
    // Pending: an equal run, or a change, from (o, n) to the cursors.
    let (mut o, mut n) = (0, 0);
    let (mut po, mut pn, mut pending_equal) = (0, 0, true);
    let flush = |merged: &mut Vec<similar::DiffOp>, equal: bool, old: Range<usize>, new: Range<usize>| {
        if old.is_empty() && new.is_empty() {
            return;
        }
        merged.push(if equal {
            similar::DiffOp::Equal { old_index: old.start, new_index: new.start, len: old.len() }
        } else {
            change_op(old, new)
        });
    };
    for op in ops {
        let (old_len, new_len) = match op {
            similar::DiffOp::Equal { len, .. } => (len, len),
            similar::DiffOp::Delete { old_len, .. } => (old_len, 0),
            similar::DiffOp::Insert { new_len, .. } => (0, new_len),
            similar::DiffOp::Replace { old_len, new_len, .. } => (old_len, new_len),
        };
        let equal = matches!(op, similar::DiffOp::Equal { .. });
        if equal != pending_equal {
            flush(&mut merged, pending_equal, po..o, pn..n);
            (po, pn, pending_equal) = (o, n, equal);
        }
        (o, n) = (o + old_len, n + new_len);
    }
    flush(&mut merged, pending_equal, po..o, pn..n);
    merged
}

/// The diff op that turns old lines `old` into new lines `new` (neither both empty).
fn change_op(old: Range<usize>, new: Range<usize>) -> similar::DiffOp {
    match (old.is_empty(), new.is_empty()) {
        (false, true) => similar::DiffOp::Delete { old_index: old.start, old_len: old.len(), new_index: new.start },
        (true, false) => similar::DiffOp::Insert { old_index: old.start, new_index: new.start, new_len: new.len() },
        _ => similar::DiffOp::Replace {
            old_index: old.start,
            old_len: old.len(),
            new_index: new.start,
            new_len: new.len(),
        },
    }
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
        let (edits, count) = choose("", &[a, b, c], false);
        assert_eq!(count, 2);
        assert_eq!(edits.iter().map(|e| e.range.clone()).collect::<Vec<_>>(), vec![0..4, 10..12, 20..22]);
    }

    #[test]
    fn two_fixes_that_would_swap_two_spellings_apply_one() {
        // «فودة» once and «فوده» once, each flagged with the other's spelling (an undecided
        // tie): applying both would swap them and the next pass would swap them back.
        let text = "قال فودة إن فوده 🙂\r\n";
        let (a, b) = (text.find("فودة").unwrap(), text.find("فوده").unwrap());
        let unsafe_fix = |range: Range<usize>, to: &str| {
            let mut fix = Fix::safe("u", vec![Edit::replace(range, to)]);
            fix.applicability = crate::core::Applicability::Unsafe;
            fix
        };
        let first = finding(a..a + 8, vec![unsafe_fix(a..a + 8, "فوده")]);
        let second = finding(b..b + 8, vec![unsafe_fix(b..b + 8, "فودة")]);
        let (edits, count) = choose(text, &[first.clone(), second.clone()], true);
        assert_eq!((count, edits.len()), (1, 1));
        assert_eq!(edits[0].range, a..a + 8);
        // Edits elsewhere that do not undo each other are all applied.
        let third = finding(b..b + 8, vec![unsafe_fix(b..b + 8, "فودا")]);
        assert_eq!(choose(text, &[first, third], true).1, 2);
    }

    #[test]
    fn unsafe_fixes_only_when_asked() {
        let mut fix = Fix::safe("u", vec![Edit::replace(0..1, "b")]);
        fix.applicability = crate::core::Applicability::Unsafe;
        let f = finding(0..1, vec![fix]);
        assert_eq!(choose("", std::slice::from_ref(&f), false).1, 0);
        assert_eq!(choose("", std::slice::from_ref(&f), true).1, 1);
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

    /// The rule before it was made fast: every edit against every chosen one.
    fn choose_slowly(findings: &[Finding]) -> (Vec<Edit>, usize) {
        let mut chosen: Vec<Edit> = Vec::new();
        let mut count = 0;
        for f in findings {
            let Some(fix) = f.fixes.iter().find(|x| x.is_safe() && !x.edits.is_empty()) else { continue };
            let overlaps = |a: &Range<usize>, b: &Range<usize>| {
                (a.start < b.end && b.start < a.end) || (a.is_empty() && b.is_empty() && a.start == b.start)
            };
            let self_overlap = fix
                .edits
                .iter()
                .enumerate()
                .any(|(i, a)| fix.edits[i + 1..].iter().any(|b| overlaps(&a.range, &b.range)));
            let clash = fix.edits.iter().any(|e| chosen.iter().any(|c| overlaps(&e.range, &c.range)));
            if self_overlap || clash || fix.edits.iter().any(|e| e.range.start > e.range.end) {
                continue;
            }
            chosen.extend(fix.edits.iter().cloned());
            count += 1;
        }
        (chosen, count)
    }

    /// A small deterministic generator (no dependency, same cases every run).
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) % n.max(1) as u64) as usize
        }
    }

    #[test]
    fn choosing_agrees_with_comparing_every_pair() {
        let mut rng = Lcg(7);
        for _ in 0..1000 {
            let findings: Vec<Finding> = (0..rng.below(12))
                .map(|_| {
                    let edits = (0..1 + rng.below(3))
                        .map(|_| {
                            let start = rng.below(20);
                            // Empty ranges (insertions) often, now and then a reversed one.
                            let end = match rng.below(4) {
                                0 => start,
                                1 => start.saturating_sub(1),
                                _ => start + rng.below(5),
                            };
                            Edit::replace(start..end, "x")
                        })
                        .collect();
                    finding(0..1, vec![Fix::safe("f", edits)])
                })
                .collect();
            assert_eq!(choose("", &findings, false), choose_slowly(&findings), "{findings:?}");
        }
    }

    #[test]
    fn tracked_changes_describe_the_fixed_text() {
        let mut rng = Lcg(11);
        let letters = ["أ", "ب", "\n", "\r\n", "\r", "👍", "x", "َ"];
        for _ in 0..1000 {
            let original: String = (0..rng.below(30)).map(|_| letters[rng.below(letters.len())]).collect();
            let mut text = original.clone();
            let mut changes = Vec::new();
            for _ in 0..1 + rng.below(4) {
                let edits: Vec<Edit> = (0..rng.below(5))
                    .map(|_| {
                        let start = rng.below(text.len() + 2);
                        let end = start + rng.below(6);
                        Edit::replace(start..end, letters[rng.below(letters.len())].repeat(rng.below(3)))
                    })
                    .collect();
                let (next, applied, c) = apply_tracked(&text, &edits, &changes);
                assert_eq!((next.as_str(), applied), (crate::core::apply_edits(&text, &edits).0.as_str(), applied));
                (text, changes) = (next, c);
            }
            // Between the changes, the two texts are the same bytes.
            let (mut o, mut n) = (0, 0);
            for c in &changes {
                assert!(c.old.start >= o && c.new.start >= n, "{changes:?}");
                assert_eq!(original.as_bytes().get(o..c.old.start), text.as_bytes().get(n..c.new.start), "{changes:?}");
                (o, n) = (c.old.end, c.new.end);
            }
            assert_eq!(original.as_bytes().get(o..), text.as_bytes().get(n..), "{original:?} -> {text:?}: {changes:?}");
            // And the diff made from them turns the one text into the other (the diff of the
            // whole texts is shown beside it on failure).
            let whole = similar::TextDiff::from_lines(original.as_str(), text.as_str())
                .unified_diff()
                .context_radius(1)
                .header("a/x", "b/x")
                .to_string();
            let fast = unified_diff("x", &original, &text, &changes);
            assert_eq!(
                apply_diff(&original, &fast),
                text,
                "{original:?} -> {text:?}\n{changes:?}\n{:?}\n{fast}\nwhole:\n{whole}",
                line_ops(&original, &text, &lines(&original), &lines(&text), &changes)
            );
        }
    }

    /// Apply a unified diff made by [`unified_diff`] to `old`, checking its context and
    /// deleted lines against `old`.
    fn apply_diff(old: &str, diff: &str) -> String {
        const NO_NEWLINE: &str = "\\ No newline at end of file\n";
        let old_lines = lines(old);
        // Each diff line is a tag and a text line with its own break (which may be a lone CR).
        let body: Vec<&str> = lines(diff).into_iter().skip(2).collect();
        let mut out = String::new();
        let mut at = 0;
        for (i, line) in body.iter().enumerate() {
            if let Some(header) = line.strip_prefix("@@ -") {
                let range = header.split(' ').next().unwrap_or("");
                let mut parts = range.split(',').map(|n| n.parse::<usize>().unwrap_or(0));
                let (shown, len) = (parts.next().unwrap_or(0), parts.next().unwrap_or(1));
                let first = if len == 0 { shown } else { shown - 1 };
                out.extend(old_lines[at..first].iter().copied());
                at = first;
                continue;
            }
            if *line == NO_NEWLINE {
                continue;
            }
            let (tag, mut value) = (&line[..1], &line[1..]);
            if body.get(i + 1) == Some(&NO_NEWLINE) {
                value = &value[..value.len() - 1];
            }
            match tag {
                "+" => out.push_str(value),
                _ => {
                    assert_eq!(old_lines.get(at).copied(), Some(value), "context or deleted line {at}");
                    if tag == " " {
                        out.push_str(value);
                    }
                    at += 1;
                }
            }
        }
        out.extend(old_lines[at..].iter().copied());
        out
    }

    #[test]
    fn diffs_read_like_similar_ones() {
        // Replacements, a deleted line, an added line, CRLF, no final break.
        let cases = [
            ("سطر أول.\nقال إن الإدراة أعلنت.\n", "سطر أول.\nقال إن الإدارة أعلنت.\n"),
            ("a\r\nb\r\nc\r\nd\r\ne\r\nf", "a\r\nB\r\nc\r\nd\r\ne\r\nF"),
            ("one\ntwo\nthree\nfour\n", "one\nthree\nfour\n"),
            ("one\ntwo", "one\ntwo\n"),
            ("one\ntwo\n", "zero\none\ntwo\n"),
        ];
        for (old, new) in cases {
            // The one change: the differing middle (its bytes, after the common ends).
            let p: usize = old.chars().zip(new.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
            let s: usize = old[p..]
                .chars()
                .rev()
                .zip(new[p..].chars().rev())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum();
            let changes = [Change { old: p..old.len() - s, new: p..new.len() - s }];
            let whole = similar::TextDiff::from_lines(old, new)
                .unified_diff()
                .context_radius(1)
                .header("a/x", "b/x")
                .to_string();
            assert_eq!(unified_diff("x", old, new, &changes), whole, "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn the_file_keeps_its_inode_its_links_and_its_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "قديم").expect("write");
        let link = dir.path().join("also.txt");
        std::fs::hard_link(&path, &link).expect("hard link");
        let (text, snap) = read_snapshot(&path);
        write_fixed(&path, &snap, &text, "جديد").expect("write");
        assert_eq!(std::fs::read_to_string(&link).expect("read"), "جديد", "the other name sees the fix");
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let (a, b) = (std::fs::metadata(&path).expect("stat"), std::fs::metadata(&link).expect("stat"));
            assert_eq!((a.ino(), a.nlink()), (b.ino(), 2), "still one file with two names");
        }
        let mut names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("ls").filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
        names.sort();
        assert_eq!(names, vec![std::ffi::OsString::from("also.txt"), std::ffi::OsString::from("story.txt")]);
    }

    fn read_snapshot(path: &Path) -> (String, Snapshot) {
        let text = std::fs::read_to_string(path).expect("read");
        let meta = std::fs::metadata(path).expect("stat");
        (text.clone(), Snapshot::of(&meta, text.len() as u64))
    }

    #[test]
    fn a_file_that_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("story.txt");
        std::fs::write(&path, "قال إن الإدراة أعلنت.\n").expect("write");
        let (text, snap) = read_snapshot(&path);
        // An append between the read and the write (a reporter still saving, a wire feed).
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all("وأضاف 👍\r\n".as_bytes()))
            .expect("append");
        assert!(write_fixed(&path, &snap, &text, "قال إن الإدارة أعلنت.\n").is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "قال إن الإدراة أعلنت.\nوأضاف 👍\r\n");
        // The same length, other text (the snapshot's time may not have moved): not written.
        std::fs::write(&path, "أبجد").expect("write");
        let (_, snap) = read_snapshot(&path);
        assert!(write_fixed(&path, &snap, "هوزح", "كلمن").is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "أبجد");
        // Another file saved under the name (an editor's rename): not written.
        let (text, snap) = read_snapshot(&path);
        let other = dir.path().join("other.txt");
        std::fs::write(&other, &text).expect("write");
        std::fs::rename(&other, &path).expect("rename");
        #[cfg(unix)]
        assert!(write_fixed(&path, &snap, &text, "كلمن").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1, "no temporary file left behind");
    }
}
