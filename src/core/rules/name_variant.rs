//! `name-variant`: one name spelled two ways in one story (`ترمب`/`ترامب`).
//! Docs: `docs/rules/name-variant.md`.

use rustc_hash::{FxHashMap, FxHashSet};

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

/// How many edits turn `a` into `b` when only these are allowed: a letter for another of
/// its class, and (with `vowels`) a long vowel written or dropped after the first letter.
/// `None` when something else differs.
fn variant_edits(a: &str, b: &str, vowels: bool) -> Option<u32> {
    // Names are short: fixed buffers keep this free of allocation on the hot path.
    const MAX: usize = 24;
    let mut ab = ['\0'; MAX];
    let mut bb = ['\0'; MAX];
    let (mut n, mut m) = (0, 0);
    for c in a.chars() {
        *ab.get_mut(n)? = c;
        n += 1;
    }
    for c in b.chars() {
        *bb.get_mut(m)? = c;
        m += 1;
    }
    let (a, b) = (&ab[..n], &bb[..m]);
    const INF: u32 = u32::MAX / 2;
    let mut dp = [[INF; MAX + 1]; MAX + 1];
    dp[0][0] = 0;
    for i in 0..=n {
        for j in 0..=m {
            let cur = dp[i][j];
            if cur >= INF {
                continue;
            }
            if i < n && j < m && class(a[i]) == class(b[j]) {
                let cost = u32::from(a[i] != b[j]);
                dp[i + 1][j + 1] = dp[i + 1][j + 1].min(cur + cost);
            }
            // Not in the last two letters: there a vowel is an inflection (الحوثيون /
            // الحوثيين، داعش / داعشي، إضافة / إضافية), not a spelling.
            if vowels && i > 0 && i + 2 < n && is_long_vowel(class(a[i])) {
                dp[i + 1][j] = dp[i + 1][j].min(cur + 1);
            }
            if vowels && j > 0 && j + 2 < m && is_long_vowel(class(b[j])) {
                dp[i][j + 1] = dp[i][j + 1].min(cur + 1);
            }
        }
    }
    let d = dp[n][m];
    (d < INF).then_some(d)
}

/// The hash of the consonant skeleton (classes folded, long vowels after the first letter
/// dropped), computed without building it. Two spellings of one name share it.
fn skeleton_hash(form: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for (i, c) in form.chars().map(class).enumerate() {
        if i == 0 || !is_long_vowel(c) {
            h.write_u32(c as u32);
        }
    }
    h.finish()
}

/// A distinct spelling in the story: where its name part starts in the key, how often and
/// where it occurs.
struct Spelling<'d> {
    /// The name form (the whole word, or the word after a clitic).
    form: &'d str,
    skeleton: u64,
    /// Words (indices) where the form occurs, each with the byte offset of the form in the key.
    at: Vec<(usize, usize)>,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let data = ctx.data;
    let letters = |s: &str| s.chars().count();

    // 1. Distinct whole words (interned: each word is hashed once), with their words.
    let mut whole_ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut wholes: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, w) in doc.words.iter().enumerate() {
        let key = doc.key(w);
        if key.len() < 2 * MIN_LETTERS || !key.chars().all(arabic::is_arabic_letter) {
            continue;
        }
        let id = *whole_ids.entry(key).or_insert_with(|| {
            wholes.push((key, Vec::new()));
            wholes.len() - 1
        });
        wholes[id].1.push(i);
    }
    let mut whole_skeletons: FxHashMap<u64, usize> = FxHashMap::default();
    let skeletons: Vec<u64> = wholes.iter().map(|(k, _)| skeleton_hash(k)).collect();
    for (sk, (_, words)) in skeletons.iter().zip(&wholes) {
        *whole_skeletons.entry(*sk).or_default() += words.len();
    }

    // 2. Each whole word's name form: the word itself, or, when only the rest after a
    // clitic matches another word, that rest (ولأردوجان -> أردوجان).
    let mut form_ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut spellings: Vec<Spelling<'_>> = Vec::new();
    for ((key, words), &sk) in wholes.iter().zip(&skeletons) {
        let (at, form, sk) = if whole_skeletons.get(&sk).copied().unwrap_or(0) >= 2 {
            (0, *key, sk)
        } else {
            arabic::clitic_splits(key)
                .filter(|(_, stem)| letters(stem) >= MIN_LETTERS)
                .map(|(p, stem)| (p.len(), stem, skeleton_hash(stem)))
                .find(|(_, _, stem_sk)| whole_skeletons.contains_key(stem_sk))
                .unwrap_or((0, key, sk))
        };
        let id = *form_ids.entry(form).or_insert_with(|| {
            spellings.push(Spelling { form, skeleton: sk, at: Vec::new() });
            spellings.len() - 1
        });
        spellings[id].at.extend(words.iter().map(|&w| (w, at)));
    }
    for s in &mut spellings {
        s.at.sort_unstable();
    }

    // 3. Spellings grouped by skeleton: a group with two spellings (or a house spelling)
    // is a candidate.
    let mut groups: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (id, s) in spellings.iter().enumerate() {
        groups.entry(s.skeleton).or_default().push(id);
    }
    let house_names = !data.house_names.is_empty();
    let mut group_list: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|g| g.len() > 1 || (house_names && data.house_names.contains_key(&arabic::fold(spellings[g[0]].form))))
        .collect();
    for g in &mut group_list {
        g.sort_by_key(|&id| spellings[id].at[0].0);
    }
    group_list.sort_by_key(|g| spellings[g[0]].at[0].0);

    let mut known_cache: FxHashMap<String, bool> = FxHashMap::default();
    let mut known = |form: &'_ str| -> bool {
        match ctx.lexicon {
            Some(lex) => *known_cache.entry(form.to_string()).or_insert_with(|| lex.knows_with_clitics(form)),
            None => false,
        }
    };
    let ordinary = |form: &str| data.allowed.contains(form) || data.function_words.contains(&arabic::fold(form));
    // Words next to a spelling's occurrences (same line): `سيرغي لافروف` and `سيرجي لافروف`
    // share `لافروف`, which tells a name from an inflected verb (سيرجي = سـ + يرجي, a word
    // the dictionary knows). A set, so that comparing two spellings' neighbours stays linear
    // in their occurrences (a `Vec::contains` per neighbour took 13.9 s on 80,000).
    let neighbours = |s: &Spelling<'_>| -> FxHashSet<&str> {
        let mut out = FxHashSet::default();
        for &(wi, _) in &s.at {
            let line = doc.words[wi].line;
            for n in [wi.checked_sub(1), Some(wi + 1)].into_iter().flatten() {
                if let Some(w) = doc.words.get(n).filter(|w| w.line == line) {
                    out.insert(doc.key(w));
                }
            }
        }
        out
    };
    let vowels = ctx.lexicon.is_some();
    for group in group_list {
        let house = group.iter().find_map(|&id| data.house_names.get(&arabic::fold(spellings[id].form)).cloned());
        // The spelling to keep: the house's, else the most frequent (earliest on a tie).
        let keep: String = match &house {
            Some(h) => h.clone(),
            None => match group
                .iter()
                .max_by(|&&a, &&b| spellings[a].at.len().cmp(&spellings[b].at.len()).then(std::cmp::Ordering::Greater))
            {
                Some(&id) => spellings[id].form.to_string(),
                None => continue,
            },
        };
        let keep_key = arabic::key_string(&keep);
        let keep_spelling = group.iter().map(|&id| &spellings[id]).find(|s| s.form == keep_key);
        let keep_count = keep_spelling.map_or(0, |s| s.at.len());
        // The kept spelling's neighbours, gathered once per group when first needed.
        let theirs: std::cell::OnceCell<FxHashSet<&str>> = std::cell::OnceCell::new();
        for &id in &group {
            let spelling = &spellings[id];
            if spelling.form == keep_key {
                continue;
            }
            if house.is_none() {
                let Some(edits) = variant_edits(spelling.form, &keep_key, vowels) else {
                    continue;
                };
                let long_enough = letters(spelling.form).max(letters(&keep_key)) >= MIN_LETTERS_VOWEL_EDIT
                    || variant_edits(spelling.form, &keep_key, false).is_some();
                if edits == 0 || edits > MAX_EDITS || !long_enough || ordinary(spelling.form) || ordinary(&keep_key) {
                    continue;
                }
                // Two given names are two people (سلمان / سليمان); a clitic is not a spelling
                // (وواتساب is و + واتساب).
                let given = |f: &str| data.given_names.contains(&arabic::fold(f));
                let with_clitic = |a: &str, b: &str| arabic::clitic_splits(a).any(|(_, stem)| stem == b);
                if (given(spelling.form) && given(&keep_key))
                    || with_clitic(spelling.form, &keep_key)
                    || with_clitic(&keep_key, spelling.form)
                {
                    continue;
                }
                let both_unknown = !known(spelling.form) && !known(&keep_key);
                if !both_unknown {
                    let theirs = theirs.get_or_init(|| keep_spelling.map(&neighbours).unwrap_or_default());
                    let shared_name = neighbours(spelling).into_iter().any(|n| {
                        theirs.contains(n)
                            && letters(n) >= MIN_LETTERS
                            && arabic::has_arabic(n)
                            && !ordinary(n)
                            && !known(n)
                    });
                    if !shared_name {
                        continue;
                    }
                }
            }
            for &(word, at) in &spelling.at {
                out.push(finding(doc, word, at, &keep, keep_count, house.is_some()));
            }
        }
    }
}

fn finding(doc: &Document<'_>, word: usize, at: usize, keep: &str, keep_count: usize, house: bool) -> Finding {
    let w = &doc.words[word];
    // The name part of the word (after any clitic; a ligature holding one is rewritten whole).
    let (key, map) = arabic::key_with_map(doc.word_text(w));
    let (range, replacement) = arabic::source_edit(&key, &map, at, key.len(), keep);
    let start = w.range.start + range.start;
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
            edits: vec![Edit::replace(start..w.range.start + range.end, replacement)],
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_name() {
        for (a, b) in [
            ("سيرغي", "سيرجي"),
            ("أردوغان", "أردوجان"),
            ("ترمب", "ترامب"),
            ("زيلينسكي", "زيلنسكي"),
            ("فلاديمير", "ڤلاديمير"),
        ] {
            assert_eq!(skeleton_hash(a), skeleton_hash(b), "{a} {b}");
            assert!(variant_edits(a, b, true).is_some_and(|e| (1..=MAX_EDITS).contains(&e)), "{a} {b}");
        }
    }

    #[test]
    fn different_people_stay_apart() {
        for (a, b) in [
            ("بيسكوف", "بوشكوف"),
            ("جونسون", "جانسن"),
            ("الحوثيون", "الحوثيين"),
            ("داعش", "داعشي"),
            ("إضافة", "إضافية"),
        ] {
            assert!(
                skeleton_hash(a) != skeleton_hash(b) || variant_edits(a, b, true).is_none_or(|e| e > MAX_EDITS),
                "{a} {b}"
            );
        }
    }
}
