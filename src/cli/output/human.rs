//! `--format human` (the default): for each finding `path:line:col: severity rule: message`,
//! then the source line (a window of it, around the flagged text) with the flagged text
//! marked ⟦like this⟧, then its fixes. Marking inline, rather than with carets underneath,
//! stays right when a terminal lays Arabic out right to left. Colour only when asked.

use super::{spans, FileReport, Skipped};
use crate::cli::position::LineIndex;
use crate::core::{Finding, Severity};

/// Characters of context shown on each side of the flagged text.
const CONTEXT: usize = 40;
/// Flagged text longer than this is shortened in the source line.
const MAX_MARKED: usize = 60;

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn severity_code(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;34",
        Severity::Hint => "1;36",
    }
}

/// The last `n` characters of `s`, starting at a word if one starts in them. Looks at no
/// more than those characters, however long the line.
fn take_last(s: &str, n: usize) -> (bool, String) {
    // The character before the last `n`, if there is one: the tail starts after it.
    let Some((i, c)) = s.char_indices().rev().nth(n) else {
        return (false, s.to_string());
    };
    let tail = &s[i + c.len_utf8()..];
    let tail = match tail.find(' ') {
        Some(i) if i + 1 < tail.len() => &tail[i + 1..],
        _ => tail,
    };
    (true, tail.to_string())
}

/// The first `n` characters of `s`, ending at a word's end if one ends in them.
fn take_first(s: &str, n: usize) -> (bool, String) {
    let Some((end, _)) = s.char_indices().nth(n) else {
        return (false, s.to_string());
    };
    let head = &s[..end];
    let head = match head.rfind(' ') {
        Some(i) if i > 0 => &head[..i],
        _ => head,
    };
    (true, head.to_string())
}

/// The source line of `f`, windowed, with the flagged text marked.
fn marked_line(text: &str, index: &LineIndex<'_>, f: &Finding, line: usize, paint: &Paint) -> String {
    let range = index.line_range(line);
    let start = f.range.start.clamp(range.start, range.end);
    let end = f.range.end.clamp(start, range.end);
    let (Some(before), Some(flagged), Some(after)) =
        (text.get(range.start..start), text.get(start..end), text.get(end..range.end))
    else {
        return String::new();
    };
    let (cut_before, before) = take_last(before, CONTEXT);
    let (cut_flagged, flagged) = take_first(flagged, MAX_MARKED);
    let (cut_after, after) = take_first(after, CONTEXT);
    let mut out = String::new();
    if cut_before {
        out.push('…');
    }
    out.push_str(&before);
    let mark = format!("⟦{flagged}{}⟧", if cut_flagged { "…" } else { "" });
    out.push_str(&paint.wrap("1;4;31", &mark));
    out.push_str(&after);
    if cut_after {
        out.push('…');
    }
    // A Word paragraph's manual line break stays on the one line shown.
    out.replace(['\n', '\r'], "↵")
}

pub fn render(files: &[FileReport], color: bool, skipped: Skipped) -> String {
    let paint = Paint(color);
    let mut out = String::new();
    let mut counts = [0usize; 4];
    let mut fixable = 0;
    // Findings whose only fixes are unsafe: `--fix` leaves them, `--unsafe-fixes` applies them.
    let mut unsafe_only = 0;
    let mut files_with = 0;
    for file in files {
        let index = file.line_index();
        if !file.findings.is_empty() {
            files_with += 1;
        }
        for (f, s) in file.findings.iter().zip(spans(&index, &file.findings)) {
            counts[f.severity as usize] += 1;
            if f.fixes.iter().any(|x| x.is_safe()) {
                fixable += 1;
            }
            // A Word file has no lines to go to: its paragraph (quoted below) says where.
            let location = match file.paragraphs {
                Some(_) => format!("{}: paragraph {}", file.display, s.start.line),
                None => format!("{}:{}:{}", file.display, s.start.line, s.start.column),
            };
            out.push_str(&format!(
                "{}: {} {}: {}\n",
                paint.wrap("1", &location),
                paint.wrap(severity_code(f.severity), f.severity.as_str()),
                paint.wrap("1", f.rule),
                f.message
            ));
            let gutter = s.start.line.to_string();
            let pad = " ".repeat(gutter.len());
            out.push_str(&format!(" {gutter} | {}\n", marked_line(&file.text, &index, f, s.start.line, &paint)));
            for fix in &f.fixes {
                let kind = if fix.is_safe() { "fix" } else { "unsafe fix" };
                out.push_str(&format!(" {pad} = {kind}: {}\n", fix.title));
            }
            if !f.fixes.is_empty() && !f.fixes.iter().any(|x| x.is_safe()) {
                unsafe_only += 1;
                let its = if f.fixes.len() == 1 { "its only fix is" } else { "its fixes are" };
                out.push_str(&format!(
                    " {pad} = note: {its} unsafe (`--fix` leaves it); `copydesk check --fix --unsafe-fixes` applies it\n"
                ));
            }
            out.push('\n');
        }
    }
    let total: usize = counts.iter().sum();
    let checked = files.len();
    let mut not_checked = Vec::new();
    if skipped.unread > 0 {
        not_checked.push(format!("{} could not be read", files_count(skipped.unread)));
    }
    if skipped.not_written > 0 {
        not_checked.push(format!("{} not fixed (Word files are never written)", files_count(skipped.not_written)));
    }
    if skipped.bad_config > 0 {
        not_checked.push(format!("{} not checked for errors in copydesk.toml", files_count(skipped.bad_config)));
    }
    if total == 0 && checked == 0 {
        let why = if not_checked.is_empty() { "no files to check".to_string() } else { not_checked.join("; ") };
        out.push_str(&format!("Nothing checked: {why}.\n"));
        return out;
    }
    if total == 0 {
        out.push_str(&format!("No findings in {}", files_count(checked)));
    } else {
        let mut parts = Vec::new();
        for sev in Severity::ALL {
            let n = counts[sev as usize];
            if n > 0 {
                parts.push(format!("{n} {}{}", sev.as_str(), if n == 1 || sev == Severity::Info { "" } else { "s" }));
            }
        }
        out.push_str(&format!(
            "Found {total} finding{} ({}) in {files_with} of {}",
            plural(total),
            parts.join(", "),
            files_count(checked)
        ));
        if fixable > 0 {
            out.push_str(&format!("; {fixable} fixable with `copydesk check --fix`"));
        }
        if unsafe_only > 0 {
            let more = if fixable > 0 { " more" } else { "" };
            out.push_str(&format!(
                "; {unsafe_only}{more} with only an unsafe fix: `copydesk check --fix --unsafe-fixes`"
            ));
        }
    }
    for part in not_checked {
        out.push_str("; ");
        out.push_str(&part);
    }
    out.push_str(".\n");
    out
}

/// `1 file`, `2 files`.
pub fn files_count(n: usize) -> String {
    count(n, "file")
}

/// `1 finding`, `2 findings`.
pub fn findings_count(n: usize) -> String {
    count(n, "finding")
}

/// `n` and a noun with a regular English plural: `1 word`, `0 words`, `2 articles`.
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
