//! The hamza house style on a folder of real copy: `[style] hamza = "strict"` findings per
//! 1,000 words (beside the built-in defaults' own misspelling findings), and a fixed sample
//! to read by hand. Not a test: the corpus is not ours to ship.
//! `cargo run --release --example hamza_eval -- ../shared/corpus/dev [--sample=30]`

mod common;

use std::path::PathBuf;

use copydesk::core::config::HamzaStyle;
use copydesk::core::{Checker, Config};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sample: usize =
        args.iter().find_map(|a| a.strip_prefix("--sample=")).and_then(|s| s.parse().ok()).unwrap_or(30);
    let (_, files) = common::corpus_files(&args);
    let lexicon = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    let off = Checker::new(Config::default(), lexicon.clone());
    let mut config = Config::default();
    config.style.hamza = HamzaStyle::Strict;
    let strict = Checker::new(config, lexicon);
    let (mut words, mut found) = (0usize, Vec::new());
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        words += text.split_whitespace().count();
        let before: Vec<_> = off.check(&text, None).findings.into_iter().map(|f| (f.range, f.message)).collect();
        let name = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        for g in strict.check(&text, None).findings {
            if g.rule != "misspelling" || before.contains(&(g.range.clone(), g.message.clone())) {
                continue;
            }
            // The sentence around it, for reading.
            let (s, e) = (g.range.start.saturating_sub(60), (g.range.end + 60).min(text.len()));
            let (mut s, mut e) = (s, e);
            while !text.is_char_boundary(s) {
                s -= 1;
            }
            while !text.is_char_boundary(e) {
                e += 1;
            }
            let context = text[s..e].replace('\n', " ⏎ ");
            found.push(format!("{name}: {} | …{context}…", g.message));
        }
    }
    if args.iter().any(|a| a == "--recall") {
        recall(&files, &strict);
    }
    println!(
        "{}, {}: {} from the hamza check, {:.2} per 1,000 words",
        copydesk::cli::output::count(files.len(), "file"),
        copydesk::cli::output::count(words, "word"),
        copydesk::cli::output::count(found.len(), "finding"),
        found.len() as f64 * 1000.0 / words.max(1) as f64
    );
    let step = (found.len() / sample.max(1)).max(1);
    println!("sample (every {step}th):");
    for f in found.iter().step_by(step).take(sample) {
        println!("  {f}");
    }
    if args.iter().any(|a| a == "--all") {
        println!("all:");
        for f in &found {
            println!("  {f}");
        }
    }
}

/// How many hamzas the style puts back when an article loses them: every أ/إ/آ that starts a
/// word, or its stem after و ف ب ك ل ال (and their chains), written as a bare alif, as a
/// hamza-less outlet would; one check per article.
fn recall(files: &[PathBuf], strict: &Checker) {
    const PREFIXES: &[&str] =
        &["", "و", "ف", "ب", "ك", "ل", "ال", "وال", "بال", "لل", "فال", "وب", "ول", "وبال", "ولل"];
    let (mut stripped, mut restored, mut wrong) = (0usize, 0usize, 0usize);
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        let mut out = String::with_capacity(text.len());
        // (byte offset of the bare alif in `out`, the hamza it had)
        let mut planted: Vec<(usize, char)> = Vec::new();
        for (i, piece) in text.split_inclusive(|c: char| !copydesk::core::arabic::is_word_char(c)).enumerate() {
            let _ = i;
            let word_end = piece.len()
                - piece.chars().last().filter(|c| !copydesk::core::arabic::is_word_char(*c)).map_or(0, char::len_utf8);
            let word = &piece[..word_end];
            let hit = PREFIXES.iter().rev().find_map(|p| {
                let rest = word.strip_prefix(p)?;
                let h = rest.chars().next().filter(|c| matches!(c, 'أ' | 'إ' | 'آ'))?;
                (rest.chars().count() >= 3).then_some((p.len(), h))
            });
            match hit {
                Some((at, h)) => {
                    planted.push((out.len() + at, h));
                    out.push_str(&word[..at]);
                    out.push('ا');
                    out.push_str(&word[at + h.len_utf8()..]);
                    out.push_str(&piece[word_end..]);
                }
                None => out.push_str(piece),
            }
        }
        let findings = strict.check(&out, None).findings;
        for &(at, h) in &planted {
            stripped += 1;
            let fix =
                findings.iter().flat_map(|g| g.fixes.iter().flat_map(|x| x.edits.iter())).find(|e| e.range.start == at);
            match fix {
                Some(e) if e.replacement.starts_with(h) => restored += 1,
                Some(_) => wrong += 1,
                None => {
                    if std::env::var_os("HAMZA_MISSES").is_some() {
                        let end = out[at..]
                            .find(|c: char| !copydesk::core::arabic::is_word_char(c))
                            .map_or(out.len(), |e| at + e);
                        let start = out[..at]
                            .char_indices()
                            .rev()
                            .find(|(_, c)| !copydesk::core::arabic::is_word_char(*c))
                            .map_or(0, |(s, c)| s + c.len_utf8());
                        eprintln!("MISS {} ({h})", &out[start..end]);
                    }
                }
            }
        }
    }
    println!(
        "recall: {stripped} hamzas taken off, {restored} put back ({:.3}), {wrong} put back as another hamza",
        restored as f64 / stripped.max(1) as f64
    );
}
