//! Our compiled Hunspell checker beside spellbook on a dictionary and the words of some text
//! (evaluation only: prints counts and times, writes nothing).
//!
//!   cargo run --release --example hunspell_compare -- [DIC] [TEXT-OR-FOLDER]...
//!
//! Defaults: `/usr/share/hunspell/ar.dic` and `../shared/corpus/dev`. Prints the time to parse
//! with spellbook, to compile with ours, the blob's size, the time to load it, the words
//! compared, the disagreements (each listed), and the time per check of each (best of `PASSES`
//! passes over the words, default 3).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use copydesk::core::hunspell::Compiled;

fn files_under(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                files_under(&e.path(), out);
            }
        }
    } else {
        out.push(p.to_path_buf());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dic = PathBuf::from(args.first().map_or("/usr/share/hunspell/ar.dic", String::as_str));
    let texts: Vec<PathBuf> = if args.len() > 1 {
        args[1..].iter().map(PathBuf::from).collect()
    } else {
        vec!["../shared/corpus/dev".into()]
    };
    let aff_text = std::fs::read_to_string(dic.with_extension("aff")).expect("read .aff");
    let dic_text = std::fs::read_to_string(&dic).expect("read .dic");

    let t = Instant::now();
    let theirs = spellbook::Dictionary::new(&aff_text, &dic_text).expect("spellbook parses");
    let spellbook_parse = t.elapsed();
    let t = Instant::now();
    let ours = Compiled::from_hunspell(&aff_text, &dic_text).expect("we compile");
    let compile = t.elapsed();
    let t = Instant::now();
    let blob = ours.to_blob(1);
    let serialise = t.elapsed();
    let mut load = std::time::Duration::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let c = Compiled::from_blob(&blob, 1).expect("loads");
        load = load.min(t.elapsed());
        std::hint::black_box(c);
    }
    let ours = Compiled::from_blob(&blob, 1).expect("loads");
    println!("spellbook parse {spellbook_parse:.1?}; our compile {compile:.1?}, blob {serialise:.1?}, {} bytes; load (best of 5) {load:.2?}", blob.len());

    let mut files = Vec::new();
    for p in &texts {
        files_under(p, &mut files);
    }
    let mut words = BTreeSet::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else { continue };
        for tok in text.split_whitespace() {
            let t = tok.trim_matches(|c: char| !c.is_alphanumeric());
            if !t.is_empty() && t.len() < 100 {
                words.insert(t.to_string());
            }
        }
    }
    let words: Vec<String> = words.into_iter().collect();
    // Best of `PASSES` passes over the words (default 3) for each checker, alternating.
    let passes: usize = std::env::var("PASSES").ok().and_then(|p| p.parse().ok()).unwrap_or(3).max(1);
    let (mut theirs_time, mut ours_time) = (std::time::Duration::MAX, std::time::Duration::MAX);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..passes {
        let t = Instant::now();
        a = words.iter().map(|w| theirs.check(w)).collect();
        theirs_time = theirs_time.min(t.elapsed());
        let t = Instant::now();
        b = words.iter().map(|w| ours.check(w)).collect();
        ours_time = ours_time.min(t.elapsed());
    }
    let mut diffs = 0;
    for (i, w) in words.iter().enumerate() {
        if a[i] != b[i] {
            diffs += 1;
            println!("DISAGREE {w:?}: spellbook {}, ours {}", a[i], b[i]);
        }
    }
    let n = words.len().max(1) as f64;
    println!(
        "{} distinct words, {} accepted by spellbook; {diffs} disagreements; per check: spellbook {:.2} µs, ours {:.2} µs",
        words.len(),
        a.iter().filter(|&&v| v).count(),
        theirs_time.as_secs_f64() * 1e6 / n,
        ours_time.as_secs_f64() * 1e6 / n
    );
}
