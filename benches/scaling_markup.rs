//! Growth benchmark for Markdown and HTML (`src/core/markup.rs`): each case is checked at
//! size n and 2n in this process (best of five runs, up to three attempts on a busy machine)
//! and fails if doubling the input multiplies the time by more than 2.5. Linear code
//! doubles; a quadratic shape (a line looking through every block, an end tag walking down
//! every open element) quadruples.
//!
//! `cargo bench --profile dev --bench scaling_markup`. `SCALING_CASE=html` runs the cases
//! whose name contains `html`. Prints a table; exits non-zero naming every case that grew
//! too fast.

use std::time::{Duration, Instant};

use copydesk::core::{markup, Checker, Config, Format};

/// Doubling the input may at most multiply the time by this.
const MAX_RATIO: f64 = 2.5;
const RUNS: usize = 5;
const ATTEMPTS: usize = 3;

struct Case {
    name: &'static str,
    n: usize,
    make: fn(usize) -> Box<dyn Fn()>,
}

const PARAGRAPH: &str = "أكد الكرملين أن الرئيس سيستقبل وزير الخارجية في موسكو، وقال إن «المحادثات مهمة» 😀.";

/// The whole check (every rule, no dictionary) of `text` read as `format`.
fn check(format: Format, text: String) -> Box<dyn Fn()> {
    let checker = Checker::new(Config::default(), None);
    Box::new(move || {
        std::hint::black_box(checker.check_as(&text, None, format));
    })
}

/// The projection alone.
fn project(format: Format, text: String) -> Box<dyn Fn()> {
    Box::new(move || {
        std::hint::black_box(markup::project(&text, format));
    })
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "html: one <p> a paragraph (check)",
            n: 2_000,
            make: |n| check(Format::Html, format!("<p class=\"x\">{PARAGRAPH}</p>\r\n").repeat(n)),
        },
        Case {
            name: "html: <li> items in one list, each its own element (check)",
            n: 2_000,
            make: |n| check(Format::Html, format!("<ul>{}</ul>", format!("<li>{PARAGRAPH} {n}</li>\n").repeat(n))),
        },
        Case {
            name: "html: <div> x n, text, </p> x n (projection)",
            n: 20_000,
            make: |n| project(Format::Html, format!("{}نص{}", "<div>".repeat(n), "</p>".repeat(n))),
        },
        Case {
            name: "html: <p> x n unclosed, then </div> x n (projection)",
            n: 20_000,
            make: |n| project(Format::Html, format!("{}{}", "<p>نص ".repeat(n), "</div>".repeat(n))),
        },
        Case {
            name: "html: character references in one paragraph (check)",
            n: 20_000,
            make: |n| check(Format::Html, format!("<p>{}</p>", "ك&#1604;مة&nbsp;&amp; ".repeat(n))),
        },
        Case {
            name: "markdown: paragraphs with links and code (check)",
            n: 2_000,
            make: |n| check(Format::Markdown, format!("{PARAGRAPH} [رابط](https://example.com/x) `كود`\n\n").repeat(n)),
        },
        Case {
            name: "markdown: one list, an item a line (check)",
            n: 2_000,
            make: |n| check(Format::Markdown, format!("- {PARAGRAPH}\n").repeat(n)),
        },
        Case {
            name: "markdown: block quotes nested n deep (projection)",
            n: 2_000,
            make: |n| project(Format::Markdown, format!("{} نص\n", ">".repeat(n))),
        },
    ]
}

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
