//! Measures copydesk on a folder of real copy: findings per rule per 1,000 words (false
//! alarms, on published copy), with `--list` to read them. Not a test: the corpus is not
//! ours to ship. `cargo run --release --example evaluate -- ../shared/corpus/dev [--list]`
//! (`--pieces`: a file is split at its empty lines and each piece checked alone, as the 10 MB
//! bench file's articles; `--context`: each listed finding with its first fix and six words
//! either side.)

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
    let pieces = args.iter().any(|a| a == "--pieces");
    let context = args.iter().any(|a| a == "--context");
    let mut docs: Vec<(String, String)> = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let name = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if !pieces {
            docs.push((name, text));
            continue;
        }
        let mut current = String::new();
        let mut k = 0;
        for line in text.split_inclusive('\n') {
            if line.trim_end_matches(['\n', '\r']).is_empty() {
                if !current.trim().is_empty() {
                    k += 1;
                    docs.push((format!("{name}#{k}"), std::mem::take(&mut current)));
                }
                current.clear();
            } else {
                current.push_str(line);
            }
        }
        if !current.trim().is_empty() {
            docs.push((format!("{name}#{}", k + 1), current));
        }
    }
    let mut words = 0usize;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, text) in &docs {
        words += text.split_whitespace().count();
        for finding in checker.check(text, None).findings {
            if only.is_some_and(|r| r != finding.rule) {
                continue;
            }
            *counts.entry(finding.rule).or_default() += 1;
            if list {
                let (l, _) = copydesk::core::config::line_col(text, finding.range.start);
                if !context {
                    println!("{name}:{l}: {}: {}", finding.rule, finding.message);
                    continue;
                }
                let fix = finding.fixes.first().and_then(|f| f.edits.first()).map_or("", |e| e.replacement.as_str());
                let before: Vec<&str> = text.get(..finding.range.start).unwrap_or("").split_whitespace().collect();
                let after: Vec<&str> = text.get(finding.range.end..).unwrap_or("").split_whitespace().collect();
                println!(
                    "{name}:{l}: {}: {} -> «{fix}»\t{} [{}] {}",
                    finding.rule,
                    finding.message,
                    before[before.len().saturating_sub(6)..].join(" "),
                    text.get(finding.range.clone()).unwrap_or(""),
                    after[..after.len().min(6)].join(" ")
                );
            }
        }
    }
    println!(
        "{}, {}",
        copydesk::cli::output::count(docs.len(), if pieces { "piece" } else { "file" }),
        copydesk::cli::output::count(words, "word")
    );
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
