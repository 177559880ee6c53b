//! Growth benchmark for Markdown and HTML (`src/core/markup.rs`): each case is checked at
//! size n and 2n in this process (best of five runs, up to three attempts on a busy machine)
//! and fails if doubling the input multiplies the time by more than 2.5. Linear code
//! doubles; a quadratic shape (a line looking through every block, an end tag walking down
//! every open element) quadruples.
//!
//! `cargo bench --profile dev --bench scaling_markup`. `SCALING_CASE=html` runs the cases
//! whose name contains `html`. Prints a table; exits non-zero naming every case that grew
//! too fast.

mod growth;

use copydesk::core::{markup, Checker, Config, Format};
use growth::Case;

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

fn main() {
    growth::run(cases());
}
