//! Recall of `name-variant` on names respelled once, measured on a folder of real copy.
//! Not a test: the corpus is not ours to ship.
//! `cargo run --release --example names_eval -- ../shared/corpus/dev [--verbose] [--seed=N]`
//!
//! For each article, a few names that occur at least twice (words the Hunspell dictionary does
//! not know, 4+ letters, or compounds written with عبد/أبو) get one later occurrence respelled
//! the way another outlet might write it. The respellings are written here, from the list of
//! correspondences between outlets in issue 8, not from the rule's own tables. A plant is found
//! when a `name-variant` finding covers the respelled occurrence; a new `name-variant` finding
//! anywhere else (not on the name) is a false alarm. Articles are split in two halves by a
//! hash of their file name: tune on one (`tune`), report the other (`measure`).

mod common;

use common::{fnv, Lcg};

use std::collections::BTreeMap;
use std::ops::Range;

use copydesk::core::{Checker, Config, Finding, Lexicon};

/// Letter pairs outlets write for one sound (issue 8, item 4), both ways.
const LETTER_PAIRS: &[(char, char)] = &[
    ('ت', 'ط'),
    ('ك', 'ق'),
    ('ج', 'غ'),
    ('ج', 'ق'),
    ('غ', 'ق'),
    ('ج', 'گ'),
    ('س', 'ص'),
    ('س', 'ث'),
    ('ز', 'ذ'),
    ('ز', 'ظ'),
    ('د', 'ض'),
    ('ف', 'ڤ'),
    ('ب', 'پ'),
];
const HAMZA: &[(char, char)] = &[('أ', 'ا'), ('إ', 'ا'), ('آ', 'ا'), ('ؤ', 'و'), ('ئ', 'ي')];
const VOWELS: &[char] = &['ا', 'و', 'ي'];

fn is_vowel(c: char) -> bool {
    VOWELS.contains(&c)
}

/// Every respelling of `name` one correspondence makes, with the family it belongs to.
fn respellings(name: &str) -> Vec<(&'static str, String)> {
    // The article is not part of the name: respell what follows it.
    if let Some(rest) = name.strip_prefix("ال").filter(|r| r.chars().count() >= 3) {
        return respellings(rest).into_iter().map(|(f, v)| (f, format!("ال{v}"))).collect();
    }
    let c: Vec<char> = name.chars().collect();
    let n = c.len();
    let s = |v: &[char]| v.iter().collect::<String>();
    let mut out = Vec::new();
    for i in 0..n {
        for &(a, b) in LETTER_PAIRS {
            for (x, y) in [(a, b), (b, a)] {
                if c[i] == x {
                    let mut v = c.clone();
                    v[i] = y;
                    out.push(("letter for one sound", s(&v)));
                }
            }
        }
        for &(a, b) in HAMZA {
            if c[i] == a {
                let mut v = c.clone();
                v[i] = b;
                out.push(("hamza seat", s(&v)));
            }
            if c[i] == b && (b != 'ا' || i == 0) && a != 'ؤ' && a != 'ئ' {
                let mut v = c.clone();
                v[i] = a;
                out.push(("hamza seat", s(&v)));
            }
        }
    }
    match c[n - 1] {
        'ة' => out.push(("ة/ه, ى/ي", s(&[&c[..n - 1], &['ه']].concat()))),
        'ى' => out.push(("ة/ه, ى/ي", s(&[&c[..n - 1], &['ي']].concat()))),
        'ي' if n > 4 => out.push(("ة/ه, ى/ي", s(&[&c[..n - 1], &['ى']].concat()))),
        _ => {}
    }
    // A long vowel dropped or written, anywhere after the first letter and before the last
    // (the last syllable included).
    for i in 1..n - 1 {
        if is_vowel(c[i]) && !is_vowel(c[i - 1]) {
            let mut v = c.clone();
            v.remove(i);
            let place = if i + 2 >= n { "long vowel, last syllable" } else { "long vowel" };
            out.push((place, s(&v)));
        }
    }
    for i in 1..n {
        // Written after a consonant that has none.
        if !is_vowel(c[i - 1]) && !is_vowel(c[i]) && i < n {
            for &v in VOWELS {
                let mut w = c.clone();
                w.insert(i, v);
                let place = if i + 1 >= n { "long vowel, last syllable" } else { "long vowel" };
                out.push((place, s(&w)));
            }
        }
    }
    // A doubled letter written twice (or a double written once).
    for i in 1..n - 1 {
        if c[i] == c[i - 1] {
            let mut v = c.clone();
            v.remove(i);
            out.push(("doubled letter", s(&v)));
        } else if !is_vowel(c[i]) && !matches!(c[i], 'ة' | 'ى' | 'ء') && c[i - 1] != 'ا' {
            let mut v = c.clone();
            v.insert(i, c[i]);
            out.push(("doubled letter", s(&v)));
        }
    }
    out.retain(|(_, v)| v != name);
    out
}

const CLITICS: &[&str] = &["وبال", "وال", "بال", "لل", "وب", "ول", "و", "ب", "ل", "ف", "ك"];
const HEADS: &[&str] = &["عبد", "أبو", "ابو"];

/// A word's stem after a clitic the harness knows (the name part), and where it starts.
fn stems(w: &str) -> Vec<(usize, &str)> {
    let mut out = vec![(0, w)];
    for p in CLITICS {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 3 {
                out.push((p.len(), rest));
            }
        }
    }
    out
}

fn is_arabic_word(w: &str) -> bool {
    !w.is_empty()
        && w.chars()
            .all(|c| (('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}') || matches!(c, 'گ' | 'ڤ' | 'پ'))
}

struct Tok {
    range: Range<usize>,
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in text.char_indices() {
        let word = ('\u{0621}'..='\u{064A}').contains(&ch) || ch.is_alphanumeric();
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Tok { range: s..i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Tok { range: s..text.len() });
    }
    out
}

struct Plant {
    text: String,
    /// Where the respelled occurrence is in the new text.
    at: Range<usize>,
    family: &'static str,
    desc: String,
    /// Every spelling of the name (old and new), to tell related findings from false alarms.
    spellings: Vec<String>,
}

fn candidates<'t>(text: &'t str, toks: &[Tok], lex: &Lexicon) -> Vec<(String, Vec<(usize, usize)>)> {
    // name -> occurrences (token index, byte offset of the name in the token)
    let mut occ: BTreeMap<&'t str, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, t) in toks.iter().enumerate() {
        let w = &text[t.range.clone()];
        if !is_arabic_word(w) {
            continue;
        }
        for (at, stem) in stems(w) {
            occ.entry(stem).or_default().push((i, at));
        }
    }
    occ.into_iter()
        .filter(|(name, o)| {
            o.len() >= 2
                && o.iter().any(|&(_, at)| at == 0)
                && name.chars().count() >= 4
                && !lex.knows(name)
                && !name.ends_with('ة')
        })
        .map(|(n, o)| (n.to_string(), o))
        .collect()
}

fn plant(text: &str, lex: &Lexicon, rng: &mut Lcg, taken: &mut Vec<String>) -> Option<Plant> {
    let toks = tokens(text);
    let words: std::collections::HashSet<&str> = toks.iter().map(|t| &text[t.range.clone()]).collect();
    // Compounds: عبد العزيز <-> عبدالعزيز, أبو ظبي <-> أبوظبي.
    let mut compounds: Vec<(usize, bool)> = Vec::new(); // (token, split?)
    for (i, t) in toks.iter().enumerate() {
        let w = &text[t.range.clone()];
        if HEADS.contains(&w) {
            if let Some(n) = toks.get(i + 1) {
                if text[t.range.end..n.range.start] == *" " && is_arabic_word(&text[n.range.clone()]) {
                    compounds.push((i, true));
                }
            }
        } else if HEADS.iter().any(|h| w.strip_prefix(h).is_some_and(|r| r.chars().count() >= 3)) {
            compounds.push((i, false));
        }
    }
    let cands = candidates(text, &toks, lex);
    for _ in 0..20 {
        // One in five plants is a compound, when the article has one written at least twice.
        if !compounds.is_empty() && rng.below(5) == 0 {
            let (i, split) = compounds[rng.below(compounds.len())];
            let t = &toks[i];
            let w = &text[t.range.clone()];
            let (joined, range) = if split {
                let n = &toks[i + 1];
                (format!("{w}{}", &text[n.range.clone()]), t.range.start..n.range.end)
            } else {
                let _ = HEADS.iter().find(|h| w.starts_with(*h))?;
                (w.to_string(), t.range.clone())
            };
            let h = HEADS.iter().find(|h| joined.starts_with(*h))?;
            let rest = &joined[h.len()..];
            let split_form = format!("{h} {rest}");
            let same = |a: &str| a == joined || a == split_form;
            // The compound must occur twice (either way); respell a later one.
            let mut all: Vec<Range<usize>> = Vec::new();
            for (j, tj) in toks.iter().enumerate() {
                let wj = &text[tj.range.clone()];
                if same(wj) {
                    all.push(tj.range.clone());
                } else if let Some(n) = toks.get(j + 1) {
                    if same(&text[tj.range.start..n.range.end]) {
                        all.push(tj.range.start..n.range.end);
                    }
                }
            }
            if all.len() < 2 || all[0] == range || taken.contains(&joined) {
                continue;
            }
            let new = if split { joined.clone() } else { split_form.clone() };
            let mut out = text.to_string();
            out.replace_range(range.clone(), &new);
            taken.push(joined.clone());
            return Some(Plant {
                at: range.start..range.start + new.len(),
                text: out,
                family: "compound split/joined",
                desc: format!("{} -> {new}", &text[range.clone()]),
                spellings: vec![joined, split_form],
            });
        }
        if cands.is_empty() {
            continue;
        }
        let (name, occ) = &cands[rng.below(cands.len())];
        if taken.contains(name) {
            continue;
        }
        let vars: Vec<(&str, String)> =
            respellings(name).into_iter().filter(|(_, v)| !lex.knows(v) && !words.contains(v.as_str())).collect();
        if vars.is_empty() {
            continue;
        }
        let (family, v) = vars[rng.below(vars.len())].clone();
        let (ti, at) = occ[1 + rng.below(occ.len() - 1)];
        let t = &toks[ti];
        let start = t.range.start + at;
        let mut out = text.to_string();
        out.replace_range(start..t.range.end, &v);
        taken.push(name.clone());
        return Some(Plant {
            at: start..start + v.len(),
            text: out,
            family,
            desc: format!("{name} -> {v} ({} occurrences)", occ.len()),
            spellings: vec![name.clone(), v],
        });
    }
    None
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[derive(Default)]
struct Tally {
    planted: usize,
    found: usize,
    false_alarms: usize,
    families: BTreeMap<&'static str, (usize, usize)>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let seed: u64 = args.iter().find_map(|a| a.strip_prefix("--seed=")).and_then(|s| s.parse().ok()).unwrap_or(8);
    let per_article: usize =
        args.iter().find_map(|a| a.strip_prefix("--per-article=")).and_then(|s| s.parse().ok()).unwrap_or(3);
    let (_, files) = common::corpus_files(&args);
    let Ok(lex) = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)) else {
        eprintln!("needs the Hunspell Arabic dictionary");
        std::process::exit(2);
    };
    let checker = Checker::new(Config::default(), Some(lex.clone()));
    let names = |fs: &[Finding]| -> Vec<Finding> { fs.iter().filter(|f| f.rule == "name-variant").cloned().collect() };
    let mut halves: [Tally; 2] = Default::default();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        let file = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let half = (fnv(&file) & 1) as usize;
        let before = names(&checker.check(&text, None).findings);
        let mut rng = Lcg(seed ^ fnv(&file));
        let mut taken = Vec::new();
        for _ in 0..per_article {
            let Some(p) = plant(&text, &lex, &mut rng, &mut taken) else { break };
            let after = names(&checker.check(&p.text, None).findings);
            let hit = after.iter().any(|g| overlaps(&g.range, &p.at));
            let shift = p.text.len() as isize - text.len() as isize;
            let mut alarms = Vec::new();
            for g in &after {
                if overlaps(&g.range, &p.at) {
                    continue;
                }
                let flagged = &p.text[g.range.clone()];
                if p.spellings.iter().any(|s| flagged.contains(s.as_str()) || g.message.contains(s.as_str())) {
                    continue;
                }
                // Findings the clean article already had (shifted past the plant).
                let back = |x: usize| if x >= p.at.end { (x as isize - shift) as usize } else { x };
                let orig = back(g.range.start)..back(g.range.end);
                if before.iter().any(|b| b.range == orig && b.message == g.message) {
                    continue;
                }
                alarms.push(format!("«{flagged}»: {}", g.message));
            }
            let t = &mut halves[half];
            t.planted += 1;
            t.found += usize::from(hit);
            t.false_alarms += alarms.len();
            let e = t.families.entry(p.family).or_default();
            e.0 += 1;
            e.1 += usize::from(hit);
            if verbose && (!hit || !alarms.is_empty()) {
                let label = ["tune", "measure"][half];
                println!("[{label}] {file}: {} {} [{}]", if hit { "found" } else { "MISSED" }, p.desc, p.family);
                for a in &alarms {
                    println!("    false alarm {a}");
                }
            }
        }
    }
    for (label, t) in ["tune", "measure"].iter().zip(&halves) {
        println!(
            "{label}: {} planted, {} found, recall {:.3}; {} new name-variant findings elsewhere",
            t.planted,
            t.found,
            t.found as f64 / t.planted.max(1) as f64,
            t.false_alarms
        );
        for (fam, (n, hit)) in &t.families {
            println!("    {fam:<28} {hit:>4}/{n:<4} {:.3}", *hit as f64 / (*n).max(1) as f64);
        }
    }
}
