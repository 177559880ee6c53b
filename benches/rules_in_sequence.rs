//! Where running the rules side by side starts to pay: one document checked with its rules in
//! sequence and with them side by side (rayon), at sizes from a 5 KB story to 1 MB, in this
//! process, alternating, best of several runs, wall time. `PARALLEL_FROM` in `src/core/mod.rs`
//! is the size `Checker::check` switches at; this prints both times and their ratio so the
//! threshold can be checked against a measurement. A benchmark, not a test: it asserts nothing.
//!
//! `cargo bench --bench rules_in_sequence` (release). The text is the evaluation corpus's dev
//! stories when `../shared/corpus/dev` is there (read, never copied), else the seed story with
//! numbered paragraphs. The system Hunspell dictionary is used when installed.

use std::time::{Duration, Instant};

use copydesk::core::{Checker, Config, PARALLEL_FROM};

const RUNS: usize = 7;

fn source_text() -> String {
    let dev = std::path::Path::new("../shared/corpus/dev");
    let mut files: Vec<_> = std::fs::read_dir(dev)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut text: String = files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect::<Vec<_>>().join("\n");
    if text.len() < 1 << 20 {
        let seed = include_str!("../examples/stories/seed-article.txt");
        let mut i = 0;
        while text.len() < 1 << 20 {
            i += 1;
            text.push_str(&format!("\n{i}\n{seed}"));
        }
    }
    text
}

/// The first `n` bytes of `text`, cut back to a line end.
fn prefix(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind('\n').unwrap_or(end);
    &text[..cut]
}

fn timed(f: &mut dyn FnMut()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn main() {
    let lexicon = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    println!("dictionary: {}", if lexicon.is_some() { "system Hunspell ar" } else { "none" });
    let checker = Checker::new(Config::default(), lexicon);
    let text = source_text();
    println!("PARALLEL_FROM = {PARALLEL_FROM} bytes; best of {RUNS}, wall time, alternating");
    println!("{:>10} {:>14} {:>14} {:>16}", "bytes", "in sequence", "side by side", "sequence / side");
    for size in [5_000, 20_000, 40_000, 64_000, 128_000, 256_000, 1_000_000] {
        let t = prefix(&text, size);
        // Warm up: the dictionary's memo and the lists, for both.
        checker.check_with(t, None, false);
        let (mut seq, mut par) = (Duration::MAX, Duration::MAX);
        for _ in 0..RUNS {
            seq = seq.min(timed(&mut || {
                std::hint::black_box(checker.check_with(t, None, false));
            }));
            par = par.min(timed(&mut || {
                std::hint::black_box(checker.check_with(t, None, true));
            }));
        }
        println!(
            "{:>10} {:>11.2} ms {:>11.2} ms {:>16.2}",
            t.len(),
            seq.as_secs_f64() * 1e3,
            par.as_secs_f64() * 1e3,
            seq.as_secs_f64() / par.as_secs_f64()
        );
    }
}
