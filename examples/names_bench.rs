//! Precision of `name-variant` on a long text: a sample of its findings on a file checked as
//! one document, each shown with where the kept spelling is, for reading by hand.
//! Not a test: the file is not ours to ship.
//! `cargo run --release --example names_bench -- ../shared/corpus/bench/arabic-news-10mb.txt [--sample=N] [--seed=N]`
//!
//! For each finding: the flagged line, the kept spelling, and whether the kept spelling occurs
//! in the same block (lines between blank lines; an article is one block or a few) and how
//! many lines away its nearest occurrence is. A finding whose kept spelling is only in another
//! article compares two stories' names: read those first.

mod common;

use common::Lcg;

use copydesk::core::{Checker, Config};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: names_bench FILE [--sample=N] [--seed=N]");
        std::process::exit(2);
    };
    let sample: usize =
        args.iter().find_map(|a| a.strip_prefix("--sample=")).and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args.iter().find_map(|a| a.strip_prefix("--seed=")).and_then(|s| s.parse().ok()).unwrap_or(8);
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {path}");
        std::process::exit(2);
    };
    let lex = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    let checker = Checker::new(Config::default(), lex);
    let findings: Vec<_> =
        checker.check(&text, None).findings.into_iter().filter(|f| f.rule == "name-variant").collect();
    // Line starts, and each line's block (a blank line ends a block).
    let lines: Vec<&str> = text.split('\n').collect();
    let mut starts = Vec::with_capacity(lines.len());
    let mut blocks = Vec::with_capacity(lines.len());
    let (mut at, mut block) = (0usize, 0usize);
    for l in &lines {
        starts.push(at);
        if l.trim().is_empty() {
            block += 1;
        }
        blocks.push(block);
        at += l.len() + 1;
    }
    let line_of = |byte: usize| starts.partition_point(|&s| s <= byte).saturating_sub(1);
    let mut rng = Lcg::new(seed);
    let mut picked: Vec<usize> = (0..findings.len()).collect();
    for i in 0..picked.len() {
        let j = i + rng.below(picked.len() - i);
        picked.swap(i, j);
    }
    picked.truncate(sample);
    picked.sort_unstable();
    let mut same_block = 0;
    println!("{} name-variant findings; a sample of {}", findings.len(), picked.len());
    for &i in &picked {
        let f = &findings[i];
        let keep = f.fixes.first().and_then(|x| x.edits.first()).map(|e| e.replacement.clone()).unwrap_or_default();
        let l = line_of(f.range.start);
        let near = lines
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                t.split(|c: char| !c.is_alphabetic())
                    .any(|w| w == keep || (w.ends_with(keep.as_str()) && w.len() <= keep.len() + 4))
            })
            .min_by_key(|(k, _)| k.abs_diff(l))
            .map(|(k, _)| k);
        let same = near.is_some_and(|k| blocks[k] == blocks[l]);
        same_block += usize::from(same);
        println!("\n#{i} line {}: «{}» -> «{keep}» | {}", l + 1, &text[f.range.clone()], f.message);
        let show = |k: usize| lines[k].chars().take(160).collect::<String>();
        println!("  here: {}", show(l));
        match near {
            Some(k) => println!(
                "  kept at line {} ({} lines away, {}): {}",
                k + 1,
                k.abs_diff(l),
                if same { "same block" } else { "OTHER block" },
                show(k)
            ),
            None => println!("  kept spelling not found as a word"),
        }
    }
    println!("\nkept spelling in the same block: {same_block} of {}", picked.len());
}
