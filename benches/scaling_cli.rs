//! Growth of the command line's own work with input size: each case is timed at n and 2n in
//! one process, and the run fails (exit 1, naming the case) when time(2n) > 2.5 × time(n).
//! Linear work doubles; quadratic work quadruples. Times are the thread's CPU time (steady on
//! a busy shared machine), printed, never asserted.
//!
//! Run: `cargo bench --profile dev --bench scaling_cli` (well under a minute). The rules are
//! not run: findings are made here, so only the CLI's part is measured (positions, output
//! formats, choosing and applying fixes, the diff). `SCALING_CLI_SCALE=0.1` shrinks every
//! case (to time code that is still quadratic without waiting for it).

use std::time::Duration;
#[cfg(not(unix))]
use std::time::Instant;

use copydesk::cli::fix::{choose, fix_until_stable, unified_diff};
use copydesk::cli::output::{self, FileReport};
use copydesk::cli::Format;
use copydesk::core::{Checked, Edit, Finding, Fix, Severity};

/// The allowed growth when the input doubles.
const LIMIT: f64 = 2.5;

/// A word that is flagged, with its fix (a swap of two letters, as misspelling does).
const WRONG: &str = "الإدراة";
const SWAP: &str = "ار";

/// `n` flagged words on one line (findings on a long line: the position worst case).
fn long_line(n: usize) -> FileReport {
    let unit = format!("قال 👍 إن {WRONG} ");
    let text = unit.repeat(n);
    let findings = (0..n).map(|i| finding(i * unit.len() + "قال 👍 إن ".len())).collect();
    FileReport { display: "long-line.txt".to_string(), path: None, text, findings, paragraphs: None }
}

fn finding(at: usize) -> Finding {
    // «الإدراة»: the letters to swap start after «الإد».
    let swap = at + "الإد".len();
    Finding {
        rule: "misspelling",
        severity: Severity::Warning,
        range: at..at + WRONG.len(),
        message: format!("Misspelling «{WRONG}»"),
        fixes: vec![Fix::safe("Replace with «الإدارة»", vec![Edit::replace(swap..swap + SWAP.len(), SWAP)])],
    }
}

/// `n` lines, each with one flagged word (the --fix and --diff worst case: every line changes).
fn many_lines(n: usize) -> String {
    (0..n).map(|i| format!("السطر {i}: قال إن {WRONG} أعلنت 👍\r\n")).collect()
}

/// A stand-in for the rules: flags every «الإدراة».
fn check(text: &str) -> Checked {
    Checked { findings: text.match_indices(WRONG).map(|(at, _)| finding(at)).collect(), failed_rules: vec![] }
}

fn render(format: Format, file: &FileReport) -> usize {
    let mut out = Vec::new();
    let errors: Vec<String> = Vec::new();
    output::write(format, std::slice::from_ref(file), false, &errors, output::Skipped::default(), &mut out)
        .expect("render");
    out.len()
}

/// CPU time of this thread: unlike wall time, it does not count the time spent waiting for
/// a core while other work runs on a shared machine.
#[cfg(unix)]
fn cpu_now() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant libc knows.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if !ok {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec.max(0) as u64, ts.tv_nsec.clamp(0, 999_999_999) as u32)
}

/// Elsewhere: wall time since the first call.
#[cfg(not(unix))]
fn cpu_now() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// The fastest of five runs of each of `small` and `large`, taken in turns (so a burst of
/// other work on a shared machine slows both sizes, not one), in CPU time.
fn time_pair(mut small: impl FnMut() -> usize, mut large: impl FnMut() -> usize) -> (Duration, Duration) {
    let once = |f: &mut dyn FnMut() -> usize| {
        let start = cpu_now();
        std::hint::black_box(f());
        cpu_now().saturating_sub(start)
    };
    let (mut s, mut l) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        s = s.min(once(&mut small));
        l = l.min(once(&mut large));
    }
    (s, l)
}

fn main() {
    let scale: f64 = std::env::var("SCALING_CLI_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let n = |base: usize| ((base as f64 * scale) as usize).max(10);
    type Case = (&'static str, usize, Box<dyn Fn(usize) -> Box<dyn FnMut() -> usize>>);
    let cases: Vec<Case> = vec![
        (
            "short output, findings on one long line",
            n(20_000),
            Box::new(|n| {
                let file = long_line(n);
                Box::new(move || render(Format::Short, &file))
            }),
        ),
        (
            "human output, findings on one long line",
            n(10_000),
            Box::new(|n| {
                let file = long_line(n);
                Box::new(move || render(Format::Human, &file))
            }),
        ),
        (
            "json output",
            n(5_000),
            Box::new(|n| {
                let file = long_line(n);
                Box::new(move || render(Format::Json, &file))
            }),
        ),
        (
            "sarif output",
            n(2_500),
            Box::new(|n| {
                let file = long_line(n);
                Box::new(move || render(Format::Sarif, &file))
            }),
        ),
        (
            "--fix: choosing fixes",
            n(40_000),
            Box::new(|n| {
                let file = long_line(n);
                Box::new(move || choose(&file.text, &file.findings, false).1)
            }),
        ),
        (
            "--fix: fixing every line",
            n(20_000),
            Box::new(|n| {
                let text = many_lines(n);
                Box::new(move || fix_until_stable(&text, false, check).fixed)
            }),
        ),
        (
            "--diff: every line changed",
            n(20_000),
            Box::new(|n| {
                let text = many_lines(n);
                let fixed = fix_until_stable(&text, false, check);
                Box::new(move || unified_diff("story.txt", &text, &fixed.text, &fixed.changes).len())
            }),
        ),
    ];
    let mut failed = Vec::new();
    for (name, size, make) in &cases {
        // A case over the limit is measured again (twice at most) and judged by its best
        // ratio: a burst of other work can spoil one measurement, quadratic code fails all.
        let mut best: Option<(Duration, Duration, f64)> = None;
        for _ in 0..3 {
            let (small, large) = time_pair(make(*size), make(2 * size));
            let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
            if best.is_none_or(|b| ratio < b.2) {
                best = Some((small, large, ratio));
            }
            if ratio <= LIMIT {
                break;
            }
        }
        let Some((small, large, ratio)) = best else { continue };
        let verdict = if ratio > LIMIT { "TOO SLOW" } else { "ok" };
        println!(
            "{name:<45} n={size:<7} {:>9.1} ms   2n: {:>9.1} ms   ×{ratio:.2}  {verdict}",
            small.as_secs_f64() * 1e3,
            large.as_secs_f64() * 1e3
        );
        if ratio > LIMIT {
            failed.push(*name);
        }
    }
    if !failed.is_empty() {
        eprintln!("scaling_cli: time more than ×{LIMIT} when the input doubles: {}", failed.join("; "));
        std::process::exit(1);
    }
}
