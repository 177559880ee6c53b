//! Times the core on one file, per rule, in the same process (ratios against building the
//! document alone). `cargo run --release --example profile -- FILE`
use std::time::Instant;

use copydesk::core::{Checker, Config, Document, RuleLevel, RULES};

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    let lexicon = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    let t = Instant::now();
    let doc = Document::new(&text);
    let base = t.elapsed();
    println!(
        "document: {:?} ({}, {}, {})",
        base,
        copydesk::cli::output::count(doc.words.len(), "word"),
        copydesk::cli::output::count(doc.form_count(), "distinct form"),
        copydesk::cli::output::count(doc.quotes.len(), "quote")
    );
    for only in RULES {
        let mut config = Config::default();
        for r in RULES {
            config.rules.insert(
                r.id.to_string(),
                if r.id == only.id { RuleLevel::On(r.default_severity) } else { RuleLevel::Off },
            );
        }
        let checker = Checker::new(config, lexicon.clone());
        let t = Instant::now();
        let n = checker.check(&text, None).findings.len();
        let e = t.elapsed();
        println!(
            "{:<22} {:>10.1?}  {:>5.2}× document  {}",
            only.id,
            e,
            e.as_secs_f64() / base.as_secs_f64(),
            copydesk::cli::output::count(n, "finding")
        );
    }
    let checker = Checker::new(Config::default(), lexicon);
    let t = Instant::now();
    let n = checker.check(&text, None).findings.len();
    println!("{:<22} {:>10.1?}  {}", "all", t.elapsed(), copydesk::cli::output::count(n, "finding"));
}
