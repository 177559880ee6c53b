//! Growth benchmark for the core: each case is checked at size n and 2n in this process
//! (best of five runs, small and large alternating, up to three attempts on a busy machine)
//! and fails if doubling the input multiplies the time by more than 2.5. Linear code
//! doubles; the quadratic shapes this guards against (issue 11) quadruple.
//!
//! `cargo bench --profile dev --bench scaling_core` (the test profile: dependencies
//! optimised). `SCALING_CASE=quotes` runs the cases whose name contains `quotes`;
//! `SCALING_ATTEMPTS=1` measures each case once (for code known to be slow).
//! Prints a table; exits non-zero naming every case that grew too fast.

mod growth;

use copydesk::core::config::IgnoreEntry;
use copydesk::core::{Checker, Config, Document, RuleLevel, RULES};
use growth::Case;

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

fn main() {
    growth::run(cases());
}
