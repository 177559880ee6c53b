//! Growth of the `name-variant` rule's time with the size of a story: a long document that
//! alternates two spellings the dictionary knows as words (`سيرغي`, `سيرجي`), each beside its
//! own surname, must take at most 2.5 times as long at twice the size. The rule then looks
//! for a name the two share as neighbours, which once compared every occurrence's neighbours
//! with every other's (`Vec::contains`): 13.9 s on 80,000 occurrences.
//!
//! Run: `cargo bench --profile dev --bench scaling_names` (under a minute). The ratio is what
//! counts, so any profile will do; each size is timed several times and the fastest run kept.

use std::path::Path;
use std::time::{Duration, Instant};

use copydesk::core::data::Data;
use copydesk::core::rules::{Context, RuleInfo};
use copydesk::core::{Config, Document, Lexicon, RULES};

/// `pairs` sentences, each naming two men: `سيرغي لافروف` and `سيرجي ريابكوف` (both given
/// names read by the dictionary as verbs, سـ + يرغي and سـ + يرجي), never beside the same
/// surname, so every neighbour is looked at.
fn story(pairs: usize) -> String {
    let mut text = String::with_capacity(pairs * 120);
    for i in 0..pairs {
        text.push_str("وقال سيرغي لافروف إن الجولة ");
        text.push_str(&(i % 97).to_string());
        text.push_str(" انتهت، وأكد سيرجي ريابكوف أنها مفيدة.\n");
    }
    text
}

/// The rule's own time on `text` (the document is built beforehand, outside the timing),
/// fastest of `runs`, and its findings.
fn fastest(rule: &RuleInfo, data: &Data, lexicon: Option<&Lexicon>, text: &str, runs: usize) -> (Duration, usize) {
    let doc = Document::new(text);
    let ctx = Context { doc: &doc, data, lexicon };
    let mut best = Duration::MAX;
    let mut found = 0;
    for _ in 0..runs {
        let mut out = Vec::new();
        let t = Instant::now();
        (rule.check)(&ctx, &mut out);
        best = best.min(t.elapsed());
        found = out.len();
    }
    (best, found)
}

fn main() {
    let lexicon = copydesk::dictionary::load(Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    if lexicon.is_none() {
        eprintln!("note: no Hunspell dictionary; timing the rule without it");
    }
    let lexicon = lexicon.as_deref();
    let data = Data::new(&Config::default());
    let Some(rule) = RULES.iter().find(|r| r.id == "name-variant") else {
        panic!("no name-variant rule");
    };
    // 40,000 and 80,000 occurrences of the name (two per sentence); `SCALING_NAMES_PAIRS`
    // sets another size.
    let base: usize = std::env::var("SCALING_NAMES_PAIRS").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
    // Warm up (allocator, lazily built lists).
    let _ = fastest(rule, &data, lexicon, &story(500), 2);
    let (t1, n1) = fastest(rule, &data, lexicon, &story(base), 3);
    let (t2, n2) = fastest(rule, &data, lexicon, &story(2 * base), 3);
    let ratio = t2.as_secs_f64() / t1.as_secs_f64().max(1e-9);
    println!(
        "name-variant, alternating spellings: {} occurrences {:.1} ms ({n1} findings), {} occurrences {:.1} ms ({n2} findings), ratio {ratio:.2}",
        2 * base,
        t1.as_secs_f64() * 1000.0,
        4 * base,
        t2.as_secs_f64() * 1000.0,
    );
    assert!(n2 >= n1, "more text, fewer findings: {n1} then {n2}");
    assert!(ratio <= 2.5, "name-variant grows faster than linearly: time at 2x input is {ratio:.2}x the time at 1x");
}
