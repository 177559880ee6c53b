//! Why the corrector missed a planted misspelling: reads the `- MISS article: right -> wrong`
//! lines of `--example planted -- --verbose` output (from a file or stdin), replants each
//! fault in its article (the first occurrence of the word) and prints the corrector's reason
//! (`corrector::diagnose`), where the right candidate ranked, and the rule's name guards.
//! A tool for reading misses by cause; it plants nothing of its own.
//!
//! `cargo run --release --example spell_misses -- FOLDER < planted-output.txt`
//! (only the sections whose title contains `--section=TEXT`, default all; `--half=tune`
//! keeps the tune half's sections; `--words` instead prints the verdict on each word of the
//! input, alone; `--swaps` and `--slips` list every swap, or letter added or taken out, the
//! dictionary accepts, with its classes and the story's evidence.)

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use copydesk::core::corrector::{self, Refusal, StoryForms};
use copydesk::core::{arabic, data::Data, Checker, Config, Document};

fn is_letter(c: char) -> bool {
    matches!(c as u32, 0x0621..=0x063A | 0x0641..=0x064A | 0x0671..=0x06D3 | 0x064B..=0x0652 | 0x0670 | 0x0640)
}

/// The first occurrence of `word` as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = text[from..].find(word) {
        let at = from + p;
        let end = at + word.len();
        let before = text[..at].chars().next_back().is_none_or(|c| !is_letter(c));
        let after = text[end..].chars().next().is_none_or(|c| !is_letter(c));
        if before && after {
            return Some(at);
        }
        from = end;
    }
    None
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let folder = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or("/work/shared/corpus/dev".into());
    let section = args.iter().find_map(|a| a.strip_prefix("--section=")).unwrap_or("");
    let half = args.iter().find_map(|a| a.strip_prefix("--half=")).unwrap_or("");
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        std::process::exit(2);
    }
    let Ok(lex) = copydesk::dictionary::load(Path::new(copydesk::dictionary::SYSTEM_AR)) else {
        eprintln!("the Hunspell Arabic dictionary is needed");
        std::process::exit(2);
    };
    // `--words`: the corrector's verdict on each word of the input alone (no story), or in the
    // story of `--story=FILE` (its forms counted as the misspelling rule counts them).
    if args.iter().any(|a| a == "--words") {
        let story_text = args
            .iter()
            .find_map(|a| a.strip_prefix("--story="))
            .map(|f| std::fs::read_to_string(f).unwrap_or_else(|e| panic!("--story={f}: {e}")))
            .unwrap_or_default();
        let story_keys: Vec<String> = story_text.split_whitespace().map(arabic::key_string).collect();
        let mut counts: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for k in &story_keys {
            for f in copydesk::core::rules::misspelling::story_forms_of(k) {
                *counts.entry(f).or_default() += 1;
            }
        }
        let story = StoryForms::new(&counts);
        for w in input.split_whitespace() {
            let key = arabic::key_string(w);
            let (verdict, cands) = corrector::diagnose(&lex, &key, &story);
            let best = cands.iter().filter(|c| c.2).take(3).map(|b| format!("{} r{}", b.0, b.1)).collect::<Vec<_>>();
            // (The winner, or the candidate too rare to win.)
            let winner = match &verdict {
                Ok(c) | Err(Refusal::TooRare { best: c, .. }) | Err(Refusal::Close { best: c, .. }) => Some(c),
                _ => None,
            };
            let gain = winner.map_or(0.0, |c| corrector::regularity_gain(&key, c));
            let class = winner.and_then(|c| corrector::web_rank(c, corrector::STEM_PENALTY));
            println!("{w}\t{verdict:?}\tgain {gain:.2} class {class:?}\t{}", best.join(", "));
        }
        return;
    }
    let checker = Checker::new(Config::default(), Some(lex.clone()));
    let data = Data::built_in();
    let mut title = String::new();
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for line in input.lines() {
        if let Some(t) = line.strip_prefix("## ") {
            title = t.to_string();
            continue;
        }
        if !title.contains(section) || !title.contains(half) {
            continue;
        }
        let Some(m) = line.strip_prefix("- MISS ") else { continue };
        let Some((article, rest)) = m.split_once(": ") else { continue };
        let rest = rest.split("  [nearby").next().unwrap_or(rest);
        let Some((right, wrong)) = rest.split_once(" -> ") else { continue };
        let Ok(text) = std::fs::read_to_string(Path::new(&folder).join(article)) else { continue };
        let Some(at) = find_word(&text, right) else { continue };
        let planted = format!("{}{}{}", &text[..at], wrong, &text[at + right.len()..]);
        let range = at..at + wrong.len();
        let hit = checker
            .check(&planted, None)
            .findings
            .into_iter()
            .any(|f| f.rule == "misspelling" && f.range.start < range.end && range.start < f.range.end);
        let doc = Document::new(&planted);
        let Some(i) = doc.words.iter().position(|w| w.range.start < range.end && range.start < w.range.end) else {
            continue;
        };
        let key = doc.key(&doc.words[i]);
        let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for w in &doc.words {
            let k = doc.key(w);
            *seen.entry(k).or_default() += 1;
            for (_, stem) in arabic::clitic_splits(k) {
                *seen.entry(stem).or_default() += 1;
            }
        }
        let story = StoryForms::new(&seen);
        let want = right.split(' ').map(arabic::key_string).collect::<Vec<_>>().join(" ");
        let (verdict, cands) = corrector::diagnose(&lex, key, &story);
        let folded_prev = i.checked_sub(1).map(|j| arabic::fold(doc.key(&doc.words[j]))).unwrap_or_default();
        let guard = if data.given_names.contains(&arabic::fold(key)) {
            Some("given name")
        } else if data.title_nouns.contains(&folded_prev) {
            Some("after a title noun")
        } else if key.starts_with("ال")
            && data.given_names.contains(&folded_prev)
            && !data.function_words.contains(&folded_prev)
        {
            Some("family name after a given name")
        } else {
            None
        };
        let pos = cands.iter().position(|c| c.0 == want);
        let cause = match (&verdict, guard) {
            (_, _) if hit => "hit now".to_string(),
            (Ok(c), Some(g)) if *c == want => format!("guard: {g}"),
            (Ok(c), None) if *c == want => "right answer, but not flagged (another path?)".into(),
            (Ok(_), _) => "a wrong candidate wins".into(),
            (Err(Refusal::Known), _) => "dictionary accepts it".into(),
            (Err(Refusal::Ineligible), _) => "ineligible".into(),
            (Err(Refusal::HouseHamza), _) => "guard: bare alif = house hamza".into(),
            (Err(_), _) if pos.is_none() => "right candidate not generated".into(),
            (Err(Refusal::NoCandidate), _) => "right candidate too rare vs written form".into(),
            (Err(Refusal::TooRare { .. }), _) => "winner too rare (MOST_ORDINARY)".into(),
            (Err(Refusal::Close { .. }), _) => "a runner-up too close".into(),
            (Err(Refusal::Repeated { .. }), _) => "story repeats the form".into(),
        };
        if args.iter().any(|a| a == "--swaps") {
            // Every swap of two neighbours the dictionary accepts, with what would decide it.
            let chars: Vec<char> = key.chars().collect();
            for j in 0..chars.len().saturating_sub(1) {
                let mut v = chars.clone();
                v.swap(j, j + 1);
                let c: String = v.into_iter().collect();
                if c == key || !lex.knows_with_clitics(&c) {
                    continue;
                }
                println!(
                    "    swap {c}{}\twhole {}\tclass {:?}\tgain {:.2}\tstory stem {}",
                    if c == want { " (right)" } else { "" },
                    lex.knows(&c),
                    corrector::web_rank(&c, corrector::STEM_PENALTY),
                    corrector::regularity_gain(key, &c),
                    corrector::story_uses_stem(&c, &story)
                );
            }
        }
        if args.iter().any(|a| a == "--slips") {
            // Every letter added or taken out that the dictionary accepts, with what would
            // decide it.
            let chars: Vec<char> = key.chars().collect();
            let mut slips: Vec<String> = Vec::new();
            for j in 0..chars.len() {
                let mut v = chars.clone();
                v.remove(j);
                slips.push(v.into_iter().collect());
            }
            for j in 0..=chars.len() {
                for l in "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي".chars() {
                    let mut v = chars.clone();
                    v.insert(j, l);
                    slips.push(v.into_iter().collect());
                }
            }
            slips.sort();
            slips.dedup();
            for c in slips {
                if c == key || c.chars().count() < 3 || !lex.knows_with_clitics(&c) {
                    continue;
                }
                println!(
                    "    slip {c}{}\twhole {}\tclass {:?}\tstem class {:?}\tstory {}\tstory stem {}",
                    if c == want { " (right)" } else { "" },
                    lex.knows(&c),
                    corrector::web_rank(&c, corrector::STEM_PENALTY),
                    corrector::stem_class(&c),
                    seen.get(c.as_str()).copied().unwrap_or(0),
                    corrector::story_uses_stem(&c, &story)
                );
            }
        }
        let family = title.split(" (").next().unwrap_or("").to_string();
        *counts.entry((family, cause.clone())).or_default() += 1;
        let right_at = pos.map(|p| format!("#{} r{} acc={}", p, cands[p].1, cands[p].2)).unwrap_or("-".into());
        // The best three candidates the dictionary accepts, with their ranks.
        let best = cands.iter().filter(|c| c.2).take(3).map(|b| format!("{} r{}", b.0, b.1)).collect::<Vec<_>>();
        let best = if best.is_empty() { "-".to_string() } else { best.join(", ") };
        let written = copydesk::core::frequency::class(key).map_or("unseen".to_string(), |c| c.to_string());
        println!(
            "{article}\t{right} -> {key}\t[{cause}]\twritten {written}\tright {right_at}\tbest {best}\t{verdict:?}"
        );
    }
    println!();
    for ((family, cause), n) in counts {
        println!("{n:4}  {family}: {cause}");
    }
}
