//! Every taa-marbuta finding (a final ه mended to ة) on real copy, with six words of context
//! each side, to read by hand: the precision of the taa rules outside the dev corpus. Not a
//! test: the corpus is not ours to ship, and nothing of it is kept.
//!
//! `cargo run --release --example taa_bench -- FILE|FOLDER [--sample=N] [--seed=S]`
//!
//! A file is split into articles at its empty lines (the 10 MB bench file separates its
//! articles so); a folder's `.txt` files are one article each. Each article is checked alone
//! with the built-in defaults and the Hunspell dictionary, misspelling only. One line a
//! finding: `article:line<TAB>written -> fix<TAB>context`, sorted as found; `--sample=N` prints
//! N of them picked at random (reproducibly, by `--seed`), in the order found.

mod common;

use common::Lcg;

use std::path::PathBuf;

use copydesk::core::config::RuleLevel;
use copydesk::core::{Checker, Config, RULES};

/// Words of context printed each side of the finding.
const CONTEXT: usize = 6;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().find_map(|a| a.strip_prefix(name)).and_then(|v| v.parse::<u64>().ok());
    let sample = flag("--sample=");
    let seed = flag("--seed=").unwrap_or(1);
    let Some(path) = args.iter().find(|a| !a.starts_with("--")).map(PathBuf::from) else {
        eprintln!("usage: taa_bench FILE|FOLDER [--sample=N] [--seed=S]");
        std::process::exit(2);
    };
    // (name, text) of each article.
    let mut articles: Vec<(String, String)> = Vec::new();
    if path.is_dir() {
        let (_, files) = common::corpus_files(&args);
        for f in files {
            let name = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            if let Ok(text) = std::fs::read_to_string(&f) {
                articles.push((name, text));
            }
        }
    } else {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {}", path.display());
            std::process::exit(2);
        };
        let mut current = String::new();
        for line in text.split_inclusive('\n') {
            if line.trim_end_matches(['\n', '\r']).is_empty() {
                if !current.trim().is_empty() {
                    articles.push((format!("a{}", articles.len() + 1), std::mem::take(&mut current)));
                }
                current.clear();
            } else {
                current.push_str(line);
            }
        }
        if !current.trim().is_empty() {
            articles.push((format!("a{}", articles.len() + 1), current));
        }
    }
    let lexicon = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    eprintln!("lexicon: {}", if lexicon.is_some() { "loaded" } else { "missing" });
    let mut config = Config::default();
    for r in RULES.iter().filter(|r| r.id != "misspelling") {
        config.rules.insert(r.id.to_string(), RuleLevel::Off);
    }
    let checker = Checker::new(config, lexicon);
    let mut lines: Vec<String> = Vec::new();
    let mut words = 0usize;
    for (name, text) in &articles {
        words += text.split_whitespace().count();
        for f in checker.check(text, None).findings {
            let Some(fixed) = taa_fix(text, &f) else { continue };
            let (line, _) = copydesk::core::config::line_col(text, f.range.start);
            let written = text.get(f.range.clone()).unwrap_or("");
            let before: Vec<&str> = text.get(..f.range.start).unwrap_or("").split_whitespace().collect();
            let after: Vec<&str> = text.get(f.range.end..).unwrap_or("").split_whitespace().collect();
            let before = before[before.len().saturating_sub(CONTEXT)..].join(" ");
            let after = after[..after.len().min(CONTEXT)].join(" ");
            lines.push(format!(
                "{name}:{line}\t{written} -> {fixed}\t{before} [{written}] {after}\t{}",
                classes(written)
            ));
        }
    }
    eprintln!("{} articles, {} words, {} taa findings", articles.len(), words, lines.len());
    let picked: Vec<usize> = match sample {
        Some(n) => {
            let mut rng = Lcg::new(seed);
            let mut idx: Vec<usize> = (0..lines.len()).collect();
            // Partial Fisher-Yates: the first n are a uniform sample.
            let n = (n as usize).min(idx.len());
            for i in 0..n {
                let j = i + rng.below(idx.len() - i);
                idx.swap(i, j);
            }
            let mut first = idx[..n].to_vec();
            first.sort_unstable();
            first
        }
        None => (0..lines.len()).collect(),
    };
    for i in picked {
        println!("{}", lines[i]);
    }
}

/// The corrected word when the finding's first fix turns a final ه (harakat aside) into ة and
/// changes nothing else.
fn taa_fix(text: &str, f: &copydesk::core::Finding) -> Option<String> {
    let fix = f.fixes.first()?;
    let [edit] = fix.edits.as_slice() else { return None };
    if edit.range.start < f.range.start || edit.range.end > f.range.end {
        return None;
    }
    let fixed = format!(
        "{}{}{}",
        text.get(f.range.start..edit.range.start)?,
        edit.replacement,
        text.get(edit.range.end..f.range.end)?
    );
    let strip = |s: &str| s.chars().filter(|c| !copydesk::core::arabic::is_harakah(*c)).collect::<String>();
    let (was, now) = (strip(text.get(f.range.clone())?), strip(&fixed));
    (was.strip_suffix('ه')? == now.strip_suffix('ة')?).then_some(fixed)
}

/// The web's frequency classes of the word as written (harakat aside): the ة form, the ه form,
/// the word without ه, and its commonest pronoun form (`ها`, `هم`); 99 for a form the table lacks.
fn classes(written: &str) -> String {
    use copydesk::core::frequency::class_or_unseen as c;
    let key: String = written.chars().filter(|c| !copydesk::core::arabic::is_harakah(*c)).collect();
    let base = key.strip_suffix('ه').unwrap_or(&key);
    let pronoun = c(&format!("{base}ها")).min(c(&format!("{base}هم")));
    format!("taa {} ha {} bare {} pronoun {}", c(&format!("{base}ة")), c(&key), c(base), pronoun)
}
