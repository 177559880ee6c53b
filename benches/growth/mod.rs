//! The growth harness shared by the scaling benchmarks (`scaling_core`, `scaling_markup`):
//! each case is timed at size n and 2n in one process (best of five runs, small and large
//! alternating, up to three attempts on a busy machine) and fails if doubling the input
//! multiplies the time by more than 2.5. Linear code doubles; a quadratic shape quadruples.
//! `SCALING_CASE=text` runs the cases whose name contains `text`; `SCALING_ATTEMPTS=1`
//! measures each case once.

use std::time::{Duration, Instant};

/// Doubling the input may at most multiply the time by this.
pub const MAX_RATIO: f64 = 2.5;
const RUNS: usize = 5;
const ATTEMPTS: usize = 3;

/// A case: its name, the base size n, and what to time at a given size (setup outside).
pub struct Case {
    pub name: &'static str,
    pub n: usize,
    /// Builds the input for size `n` and returns the work to time.
    pub make: fn(usize) -> Box<dyn Fn()>,
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

/// Time every case, print a table, and exit non-zero naming every case that grew too fast.
pub fn run(cases: Vec<Case>) {
    let only = std::env::var("SCALING_CASE").ok();
    // `cargo bench` passes `--bench`; nothing else is expected.
    let mut failed = Vec::new();
    println!("{:<76} {:>8} {:>10} {:>10} {:>6}", "case", "n", "t(n)", "t(2n)", "ratio");
    for case in cases {
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
