//! Growth benchmark for the core: each case is checked at size n and 2n in this process
//! (best of five runs, small and large alternating, up to three attempts on a busy machine)
//! and fails if doubling the input multiplies the time by more than 2.5. Linear code
//! doubles; the quadratic shapes this guards against (issue 11) quadruple.
//!
//! `cargo bench --profile dev --bench scaling_core` (the test profile: dependencies
//! optimised). `SCALING_CASE=quotes` runs the cases whose name contains `quotes`;
//! `SCALING_ATTEMPTS=1` measures each case once (for code known to be slow).
//! Prints a table; exits non-zero naming every case that grew too fast.

use std::time::{Duration, Instant};

use copydesk::core::config::IgnoreEntry;
use copydesk::core::{Checker, Config, Document, RuleLevel, RULES};

/// Doubling the input may at most multiply the time by this.
const MAX_RATIO: f64 = 2.5;
const RUNS: usize = 5;
const ATTEMPTS: usize = 3;

/// A case: its name, the base size n, and what to time at a given size (setup outside).
struct Case {
    name: &'static str,
    n: usize,
    /// Builds the input for size `n` and returns the work to time.
    make: fn(usize) -> Box<dyn Fn()>,
}

/// `config` with only `rule` on: the case measures its rule and the core around it.
fn only(rule: &str, mut config: Config) -> Config {
    for r in RULES {
        if r.id != rule {
            config.rules.insert(r.id.to_string(), RuleLevel::Off);
        }
    }
    config
}

fn check_text(rule: &str, config: Config, text: String) -> Box<dyn Fn()> {
    let checker = Checker::new(only(rule, config), None);
    Box::new(move || {
        std::hint::black_box(checker.check(&text, None));
    })
}

const UQ: &str = "unattributed-quote";
const MS: &str = "misspelling";
/// A quotation with no attribution word in it (so no quotation attributes another).
const QUOTE: &str = "«هذا كلام منقول دون أن نعرف صاحبه أبدا» ";

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "unbalanced quotes: “ x n then » x n (document)",
            n: 20_000,
            make: |n| {
                let text = format!("{}{}", "“".repeat(n), "»".repeat(n));
                Box::new(move || {
                    std::hint::black_box(Document::new(&text));
                })
            },
        },
        Case {
            name: "nested quotations: «كلمة x n then » x n (document)",
            n: 4_000,
            make: |n| {
                let text = format!("{}{}", "«كلمة ".repeat(n), "»".repeat(n));
                Box::new(move || {
                    std::hint::black_box(Document::new(&text));
                })
            },
        },
        Case {
            name: "quotations on one line (unattributed-quote)",
            // The old code's per-word cost hides its quadratic part below n = 3,000.
            n: 3_000,
            make: |n| check_text(UQ, Config::default(), QUOTE.repeat(n)),
        },
        Case {
            name: "one quotation a line (unattributed-quote)",
            n: 1_500,
            make: |n| check_text(UQ, Config::default(), format!("{}\n", QUOTE.trim_end()).repeat(n)),
        },
        Case {
            name: "disable-next-line comments, each over a misspelling (suppress)",
            n: 8_000,
            make: |n| {
                check_text(
                    MS,
                    Config::default(),
                    "<!-- copydesk-disable-next-line misspelling -->\nأعلنت الإدراة\n".repeat(n),
                )
            },
        },
        Case {
            name: "disable-next-line comments on one line (suppress)",
            n: 4_000,
            make: |n| {
                let text = format!("{}\nأعلنت الإدراة\n", "<!-- copydesk-disable-next-line misspelling -->".repeat(n));
                check_text(MS, Config::default(), text)
            },
        },
        Case {
            name: "one disable comment naming n rules (suppress)",
            n: 10_000,
            make: |n| {
                let ids: Vec<String> = (0..n).map(|i| format!("rule-{i}")).collect();
                let text = format!("<!-- copydesk-disable {} -->\nأعلنت الإدراة\n", ids.join(" "));
                check_text(MS, Config::default(), text)
            },
        },
        Case {
            name: "ignore entries x findings: n entries, 2n findings (core)",
            n: 1_500,
            make: |n| {
                let ignore = (0..n)
                    .map(|i| IgnoreEntry {
                        rule: "misspelling".to_string(),
                        text: format!("كلمة{i}"),
                        paths: Vec::new(),
                    })
                    .collect();
                check_text(MS, Config { ignore, ..Config::default() }, "أعلنت الإدراة\n".repeat(2 * n))
            },
        },
        Case {
            name: "phrase misspellings sharing a first word: n phrases, n uses (misspelling)",
            n: 1_500,
            make: |n| {
                let mut config = Config::default();
                for i in 0..n {
                    config.misspellings.insert(format!("مجلس خطأ{i}"), format!("مجلس صواب{i}"));
                }
                check_text(MS, config, "اجتمع مجلس الإدارة\n".repeat(n))
            },
        },
    ]
}

/// Best times of `small` and `large`, run alternately so both see the same machine (it is
/// shared, and its load comes and goes).
fn best_of(small: &dyn Fn(), large: &dyn Fn()) -> (Duration, Duration) {
    let time = |work: &dyn Fn()| {
        let t = Instant::now();
        work();
        t.elapsed()
    };
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..RUNS {
        a = a.min(time(small));
        b = b.min(time(large));
    }
    (a, b)
}

fn main() {
    let only = std::env::var("SCALING_CASE").ok();
    // `cargo bench` passes `--bench`; nothing else is expected.
    let mut failed = Vec::new();
    println!("{:<76} {:>8} {:>10} {:>10} {:>6}", "case", "n", "t(n)", "t(2n)", "ratio");
    for case in cases() {
        if only.as_deref().is_some_and(|o| !case.name.contains(o)) {
            continue;
        }
        let small = (case.make)(case.n);
        let large = (case.make)(2 * case.n);
        // One warm-up run each (first-use allocations, lazily built lists).
        small();
        large();
        // A busy machine can make one measurement look quadratic; a quadratic case never
        // looks linear. So a case gets up to ATTEMPTS measurements and keeps its best.
        let mut best = (Duration::ZERO, Duration::ZERO, f64::INFINITY);
        let attempts = std::env::var("SCALING_ATTEMPTS").ok().and_then(|a| a.parse().ok()).unwrap_or(ATTEMPTS);
        for _ in 0..attempts.max(1) {
            let (t1, t2) = best_of(&*small, &*large);
            let ratio = t2.as_secs_f64() / t1.as_secs_f64().max(1e-9);
            if ratio < best.2 {
                best = (t1, t2, ratio);
            }
            if ratio <= MAX_RATIO {
                break;
            }
        }
        let (t1, t2, ratio) = best;
        let verdict = if ratio > MAX_RATIO { "  TOO FAST A GROWTH" } else { "" };
        println!(
            "{:<76} {:>8} {:>8.1}ms {:>8.1}ms {:>6.2}{verdict}",
            case.name,
            case.n,
            t1.as_secs_f64() * 1e3,
            t2.as_secs_f64() * 1e3,
            ratio
        );
        if ratio > MAX_RATIO {
            failed.push(case.name);
        }
    }
    if !failed.is_empty() {
        eprintln!("time grew more than x{MAX_RATIO} when the input doubled in: {}", failed.join("; "));
        std::process::exit(1);
    }
}
