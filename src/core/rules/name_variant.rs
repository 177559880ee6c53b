//! `name-variant`: one name spelled two ways in one story (`ترمب`/`ترامب`).
//! Docs: `docs/rules/name-variant.md`.

use std::collections::HashMap;

use crate::core::arabic;
use crate::core::document::Document;
use crate::core::finding::{Applicability, Edit, Finding, Fix, Severity};
use crate::core::rules::{Context, RuleInfo};

pub const RULE: RuleInfo = RuleInfo {
    id: "name-variant",
    default_severity: Severity::Warning,
    summary: "One name spelled two ways in one story",
    docs: include_str!("../../../docs/rules/name-variant.md"),
    check,
};

/// Shortest name form considered (in letters).
const MIN_LETTERS: usize = 3;
/// Names that differ by a written or unwritten long vowel must be at least this long.
const MIN_LETTERS_VOWEL_EDIT: usize = 5;
/// Most differences two spellings of one name may have.
const MAX_EDITS: u32 = 2;

/// A name-like token: word `word`, whose key from byte `at` on is the name form.
struct Token {
    word: usize,
    at: usize,
    form: String,
}

/// Letters that transliterate one foreign sound, or that writers interchange: folded to
/// one class letter.
fn class(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' | 'ی' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'غ' | 'ج' | 'ق' | 'گ' => 'G',
        'ڤ' => 'ف',
        'پ' => 'ب',
        'ک' => 'ك',
        _ => c,
    }
}

fn is_long_vowel(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ي')
}

/// The consonant skeleton: classes folded, long vowels after the first letter dropped.
/// Two spellings of one name share it.
fn skeleton(form: &str) -> String {
    form.chars().map(class).enumerate().filter(|&(i, c)| i == 0 || !is_long_vowel(c)).map(|(_, c)| c).collect()
}

/// How many edits turn `a` into `b` when only these are allowed: a letter for another of
/// its class, and (with `vowels`) a long vowel written or dropped after the first letter.
/// `None` when something else differs.
fn variant_edits(a: &str, b: &str, vowels: bool) -> Option<u32> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    const INF: u32 = u32::MAX / 2;
    let mut dp = vec![vec![INF; b.len() + 1]; a.len() + 1];
    dp[0][0] = 0;
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let cur = dp[i][j];
            if cur >= INF {
                continue;
            }
            if i < a.len() && j < b.len() && class(a[i]) == class(b[j]) {
                let cost = u32::from(a[i] != b[j]);
                dp[i + 1][j + 1] = dp[i + 1][j + 1].min(cur + cost);
            }
            // Not in the last two letters: there a vowel is an inflection (الحوثيون /
            // الحوثيين، داعش / داعشي، إضافة / إضافية), not a spelling.
            if vowels && i > 0 && i + 2 < a.len() && is_long_vowel(class(a[i])) {
                dp[i + 1][j] = dp[i + 1][j].min(cur + 1);
            }
            if vowels && j > 0 && j + 2 < b.len() && is_long_vowel(class(b[j])) {
                dp[i][j + 1] = dp[i][j + 1].min(cur + 1);
            }
        }
    }
    let d = dp[a.len()][b.len()];
    (d < INF).then_some(d)
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let data = ctx.data;
    let letters = |s: &str| s.chars().count();

    // Whole words first; a clitic is stripped only when the rest matches another word.
    let mut whole_skeletons: HashMap<String, u32> = HashMap::new();
    let mut candidates: Vec<(usize, &str, String)> = Vec::new();
    for (i, w) in doc.words.iter().enumerate() {
        let key = doc.key(w);
        if letters(key) < MIN_LETTERS || !key.chars().all(arabic::is_arabic_letter) {
            continue;
        }
        let sk = skeleton(key);
        *whole_skeletons.entry(sk.clone()).or_default() += 1;
        candidates.push((i, key, sk));
    }
    let mut tokens: Vec<Token> = Vec::with_capacity(candidates.len());
    for (i, key, sk) in candidates {
        let (at, form) = if whole_skeletons.get(&sk).copied().unwrap_or(0) >= 2 {
            (0, key)
        } else {
            arabic::clitic_splits(key)
                .filter(|(_, stem)| letters(stem) >= MIN_LETTERS)
                .find(|(_, stem)| whole_skeletons.contains_key(&skeleton(stem)))
                .map_or((0, key), |(p, stem)| (p.len(), stem))
        };
        tokens.push(Token { word: i, at, form: form.to_string() });
    }

    // Group by skeleton; only groups with two spellings or a house spelling matter.
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (t, tok) in tokens.iter().enumerate() {
        groups.entry(skeleton(&tok.form)).or_default().push(t);
    }
    let mut known_cache: HashMap<String, bool> = HashMap::new();
    let mut known = |form: &str| -> bool {
        match ctx.lexicon {
            Some(lex) => *known_cache.entry(form.to_string()).or_insert_with(|| lex.knows_with_clitics(form)),
            None => false,
        }
    };
    let ordinary = |form: &str| data.allowed.contains(form) || data.function_words.contains(&arabic::fold(form));
    // Words next to each occurrence of a spelling (same line): `سيرغي لافروف` and
    // `سيرجي لافروف` share `لافروف`, which tells a name from an inflected verb (سيرجي =
    // سـ + يرجي, a word the dictionary knows).
    let neighbours = |spelling: &str, toks: &[usize]| -> Vec<&str> {
        let mut out = Vec::new();
        for &t in toks.iter().filter(|&&t| tokens[t].form == spelling) {
            let wi = tokens[t].word;
            let line = doc.words[wi].line;
            for n in [wi.checked_sub(1), Some(wi + 1)].into_iter().flatten() {
                if let Some(w) = doc.words.get(n).filter(|w| w.line == line) {
                    out.push(doc.key(w));
                }
            }
        }
        out
    };
    let vowels = ctx.lexicon.is_some();
    let mut group_list: Vec<(String, Vec<usize>)> = groups.into_iter().collect();
    group_list.sort_by_key(|(_, toks)| toks[0]);
    for (_, toks) in group_list {
        // Spellings in order of first appearance, with counts.
        let mut spellings: Vec<(&str, u32)> = Vec::new();
        for &t in &toks {
            let f = tokens[t].form.as_str();
            match spellings.iter_mut().find(|(s, _)| *s == f) {
                Some(e) => e.1 += 1,
                None => spellings.push((f, 1)),
            }
        }
        let house = spellings.iter().find_map(|(s, _)| data.house_names.get(&arabic::fold(s)).cloned());
        if spellings.len() < 2 && house.is_none() {
            continue;
        }
        // The spelling to keep: the house's, else the most frequent (earliest on a tie).
        let keep: String = match &house {
            Some(h) => h.clone(),
            None => match spellings.iter().max_by(|a, b| a.1.cmp(&b.1).then(std::cmp::Ordering::Greater)) {
                Some((s, _)) => s.to_string(),
                None => continue,
            },
        };
        let keep_key = arabic::key_string(&keep);
        let keep_count = spellings.iter().find(|(s, _)| *s == keep_key).map_or(0, |e| e.1);
        for (spelling, _) in &spellings {
            if *spelling == keep_key {
                continue;
            }
            if house.is_none() {
                if ordinary(spelling) || ordinary(&keep_key) {
                    continue;
                }
                let Some(edits) = variant_edits(spelling, &keep_key, vowels) else { continue };
                let long_enough = letters(spelling).max(letters(&keep_key)) >= MIN_LETTERS_VOWEL_EDIT
                    || variant_edits(spelling, &keep_key, false).is_some();
                if edits == 0 || edits > MAX_EDITS || !long_enough {
                    continue;
                }
                let both_unknown = !known(spelling) && !known(&keep_key);
                if !both_unknown {
                    let theirs = neighbours(&keep_key, &toks);
                    let shared_name = neighbours(spelling, &toks).into_iter().any(|n| {
                        theirs.contains(&n) && letters(n) >= MIN_LETTERS && arabic::has_arabic(n) && !ordinary(n) && !known(n)
                    });
                    if !shared_name {
                        continue;
                    }
                }
            }
            for &t in toks.iter().filter(|&&t| tokens[t].form == *spelling) {
                out.push(finding(doc, &tokens[t], &keep, keep_count, house.is_some()));
            }
        }
    }
}

fn finding(doc: &Document<'_>, tok: &Token, keep: &str, keep_count: u32, house: bool) -> Finding {
    let w = &doc.words[tok.word];
    let start = if tok.at == 0 {
        w.range.start
    } else {
        let (key, map) = arabic::key_with_map(doc.word_text(w));
        w.range.start + arabic::map_key_offset(&key, &map, tok.at)
    };
    let written = &doc.text[start..w.range.end];
    let message = if house {
        format!("Name variant «{written}»: the house spelling is «{keep}»")
    } else {
        let times = if keep_count == 1 { "once".to_string() } else { format!("{keep_count} times") };
        format!("Name spelled two ways: «{written}» here, «{keep}» elsewhere in the story ({times})")
    };
    Finding {
        rule: RULE.id,
        severity: RULE.default_severity,
        range: start..w.range.end,
        message,
        fixes: vec![Fix {
            title: format!("Replace with «{keep}»"),
            // A name's spelling is the desk's, not the speaker's: safe inside quotations too.
            applicability: Applicability::Safe,
            edits: vec![Edit::replace(start..w.range.end, keep)],
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_name() {
        for (a, b) in [("سيرغي", "سيرجي"), ("أردوغان", "أردوجان"), ("ترمب", "ترامب"), ("زيلينسكي", "زيلنسكي"), ("فلاديمير", "ڤلاديمير")] {
            assert_eq!(skeleton(a), skeleton(b), "{a} {b}");
            assert!(variant_edits(a, b, true).is_some_and(|e| (1..=MAX_EDITS).contains(&e)), "{a} {b}");
        }
    }

    #[test]
    fn different_people_stay_apart() {
        for (a, b) in [("بيسكوف", "بوشكوف"), ("جونسون", "جانسن"), ("الحوثيون", "الحوثيين"), ("داعش", "داعشي"), ("إضافة", "إضافية")] {
            assert!(skeleton(a) != skeleton(b) || variant_edits(a, b, true).is_none_or(|e| e > MAX_EDITS), "{a} {b}");
        }
    }
}
