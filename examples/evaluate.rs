//! Measures copydesk on a folder of real copy: findings per rule per 1,000 words (false
//! alarms, on published copy), with `--list` to read them. Not a test: the corpus is not
//! ours to ship. `cargo run --release --example evaluate -- ../shared/corpus/dev [--list]`

use std::collections::BTreeMap;
use std::path::PathBuf;

use copydesk::core::{Checker, Config, RULES};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let only: Option<&str> = args.iter().find_map(|a| a.strip_prefix("--rule="));
    let mut files: Vec<PathBuf> = Vec::new();
    for a in args.iter().filter(|a| !a.starts_with("--")) {
        let p = PathBuf::from(a);
        if p.is_dir() {
            let mut entries: Vec<PathBuf> =
                std::fs::read_dir(&p).into_iter().flatten().flatten().map(|e| e.path()).collect();
            entries.sort();
            files.extend(entries.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")));
        } else {
            files.push(p);
        }
    }
    let lexicon = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    eprintln!("lexicon: {}", if lexicon.is_some() { "loaded" } else { "missing" });
    let mut config = Config::default();
    // `--lexicon`: also flag every word the Hunspell dictionary rejects.
    config.dictionary.lexicon = args.iter().any(|a| a == "--lexicon");
    let checker = Checker::new(config, lexicon);
    let mut words = 0usize;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        words += text.split_whitespace().count();
        for finding in checker.check(&text, None).findings {
            if only.is_some_and(|r| r != finding.rule) {
                continue;
            }
            *counts.entry(finding.rule).or_default() += 1;
            if list {
                let (l, _) = copydesk::core::config::line_col(&text, finding.range.start);
                let name = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                println!("{name}:{l}: {}: {}", finding.rule, finding.message);
            }
        }
    }
    println!("{}, {}", copydesk::cli::output::count(files.len(), "file"), copydesk::cli::output::count(words, "word"));
    for r in RULES {
        let n = counts.get(r.id).copied().unwrap_or(0);
        println!(
            "{:<22} {:>14}  {:>7.3} per 1,000 words",
            r.id,
            copydesk::cli::output::count(n, "finding"),
            n as f64 * 1000.0 / words.max(1) as f64
        );
    }
}
