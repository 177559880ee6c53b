//! The hamza house style (`[style] hamza = "strict"`), checked under rule id `misspelling`:
//! a bare alif where the dictionary knows only the hamzated form (`الى` → `إلى`, `اعلن` →
//! `أعلن`, `الاسبوع` → `الأسبوع`). Docs: the "Hamza house style" section of
//! `docs/rules/misspelling.md`.
//!
//! A word is flagged when exactly one way of putting a hamza on the alif that starts it (or its
//! stem, after clitics) gives a word the dictionary knows, and the word as written is unknown
//! to it, or known only as something rare (`اعلن`, the imperative of علن) while the hamzated
//! form is one of the frequent words of news copy. The
//! pair `أن`/`إن` (with pronoun suffixes: `انه`, `انها`…) has two readings, so it is flagged
//! only when the sentence decides: `إن` after a form of قال or at the start of a sentence,
//! `أن` after a verb of stating (أكد، أوضح، أعلن…) or a particle that takes it (بعد، قبل، إلا…).

use rustc_hash::FxHashSet;

use crate::core::arabic;
use crate::core::finding::{Applicability, Edit, Finding, Fix};
use crate::core::rules::misspelling;
use crate::core::rules::Context;

/// Shortest stem (in letters) checked: `ان` is handled by context, and a bare alif on a
/// two-letter stem is too often a clitic's (`اب`, `اخ` are fine as written in many desks).
const MIN_LETTERS: usize = 2;

/// Pronoun suffixes of `أن`/`إن`, whose two readings only the sentence can tell apart.
const AN_FORMS: &[&str] = &["ان", "انه", "انها", "انهم", "انهما", "انهن", "اننا", "انني", "انك", "انكم", "انكما"];

/// Words after which `ان` is `إن`: the forms of قال (folded keys, as written without hamza).
const INNA_AFTER: &[&str] = &[
    "قال",
    "وقال",
    "فقال",
    "قالت",
    "وقالت",
    "فقالت",
    "قالوا",
    "وقالوا",
    "يقول",
    "ويقول",
    "تقول",
    "وتقول",
    "يقولون",
    "اقول",
    "نقول",
    "قائلا",
    "قايلا",
    "وقايلا",
    "حيث",
];

/// Words after which `ان` is `أن`: verbs of stating, believing and needing, and the particles
/// that take it (folded keys).
const ANNA_AFTER: &[&str] = &[
    "اكد",
    "واكد",
    "اكدت",
    "واكدت",
    "اكدوا",
    "يوكد",
    "يؤكد",
    "اوضح",
    "واوضح",
    "اوضحت",
    "واوضحت",
    "اضاف",
    "واضاف",
    "اضافت",
    "واضافت",
    "ذكر",
    "وذكر",
    "ذكرت",
    "وذكرت",
    "اعلن",
    "واعلن",
    "اعلنت",
    "واعلنت",
    "اشار",
    "واشار",
    "اشارت",
    "واشارت",
    "بين",
    "وبين",
    "بينت",
    "اعتبر",
    "واعتبر",
    "اعتبرت",
    "يرى",
    "ترى",
    "يرون",
    "راى",
    "رات",
    "زعم",
    "زعمت",
    "افاد",
    "وافاد",
    "افادت",
    "كشف",
    "وكشف",
    "كشفت",
    "وكشفت",
    "اوضحوا",
    "يجب",
    "ينبغي",
    "يمكن",
    "يبدو",
    "تبين",
    "علما",
    "بعد",
    "قبل",
    "منذ",
    "الا",
    "لابد",
    "بد",
    "يعني",
    "اعتقد",
    "يعتقد",
    "تعتقد",
    "اعلم",
    "يذكر",
    "ويذكر",
    "المعروف",
    "الواضح",
    "شك",
    "رغم",
    "برغم",
    "بالرغم",
    "يريد",
    "تريد",
    "اراد",
    "ارادت",
    "استطاع",
    "يستطيع",
    "تستطيع",
    "امل",
    "يامل",
    "تامل",
    "ياملون",
    "عسى",
    "اريد",
    "نريد",
    "طلب",
    "طالب",
    "قرر",
    "وقرر",
    "قررت",
    "توقع",
    "يتوقع",
    "تتوقع",
    "لاحظ",
    "يلاحظ",
];

/// Words that start with a bare alif and lam that is not the article: إلى and its pronoun
/// forms, ألف and آلاف.
const ALIF_LAM_WORDS: &[&str] =
    &["الى", "الي", "اليه", "اليها", "اليهم", "اليهما", "اليهن", "اليك", "اليكم", "الينا", "الف", "الفا", "الاف"];

/// Bare forms with two common readings that no rule here tells apart: `الا` (إلا / ألا),
/// `اما` (أما / إما).
const UNDECIDED: &[&str] = &["الا", "اما", "والا", "واما", "فاما"];

/// Hamza-house-style findings for the story, added to the misspelling rule's `out` (words it
/// already flagged are left to it).
pub fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(lex) = ctx.lexicon else { return };
    if !ctx.data.hamza_strict {
        return;
    }
    let doc = ctx.doc;
    let flagged: FxHashSet<usize> = out.iter().map(|f| f.range.start).collect();
    let mut starts = vec![false; doc.words.len()];
    for s in &doc.sentences {
        if let Some(x) = starts.get_mut(s.words.start) {
            *x = true;
        }
    }
    for q in &doc.quotes {
        if let Some(x) = starts.get_mut(q.words.start) {
            *x = true;
        }
    }
    for (i, w) in doc.words.iter().enumerate() {
        let key = doc.key(w);
        if !key.contains('ا') || flagged.contains(&w.range.start) || ctx.data.allowed.contains(key) {
            continue;
        }
        if !key.chars().all(arabic::is_arabic_letter) || UNDECIDED.contains(&key) {
            continue;
        }
        // A haraka written on the alif (اِمْصافح) says the writer meant it bare.
        if doc.word_text(w).split('ا').skip(1).any(|after| after.chars().next().is_some_and(arabic::is_harakah)) {
            continue;
        }
        let found = if AN_FORMS.contains(&key) {
            an_in_context(ctx, i, &starts).map(|right| (0, right))
        } else {
            hamzated(ctx, lex, key)
        };
        if let Some((at, right)) = found {
            out.push(finding(ctx, i, at, right));
        }
    }
}

/// How many words back a verb or particle may stand and still decide `ان` (وقال وزير
/// الخارجية ان …).
const AN_LOOKBACK: usize = 4;

/// `أن` or `إن` for the bare `ان` (and its suffixed forms) at word `i`, when the words before
/// it in its sentence decide: the nearest verb or particle that takes one of them, else the
/// start of the sentence.
fn an_in_context(ctx: &Context<'_>, i: usize, starts: &[bool]) -> Option<char> {
    let doc = ctx.doc;
    if starts.get(i).copied().unwrap_or(false) {
        return Some('إ');
    }
    let line = doc.words[i].line;
    for j in (i.saturating_sub(AN_LOOKBACK)..i).rev() {
        let w = &doc.words[j];
        // Only words of the same clause: no line break or punctuation in between.
        let gap = &doc.text[w.range.end..doc.words[j + 1].range.start];
        if w.line != line || !gap.chars().all(char::is_whitespace) {
            break;
        }
        let p = arabic::fold(doc.key(w));
        if INNA_AFTER.contains(&p.as_str()) {
            return Some('إ');
        }
        if ANNA_AFTER.contains(&p.as_str()) {
            return Some('أ');
        }
        // Another ان, or the start of the sentence, ends the search.
        if AN_FORMS.contains(&p.as_str()) || starts.get(j).copied().unwrap_or(false) {
            break;
        }
    }
    None
}

/// The alif to hamzate in `key` (the byte offset of the alif) and the hamza letter. Either
/// the dictionary rejects the word and knows exactly one hamzated form of it, or it knows the
/// word as written only as something rare (اعلن as the imperative of علن, اكثر of كثر) while
/// exactly one hamzated form is among the frequent words of news copy (أعلن، أكثر).
fn hamzated(ctx: &Context<'_>, lex: &crate::core::lexicon::Lexicon, key: &str) -> Option<(usize, char)> {
    let frequent = &ctx.data.frequent;
    if frequent.contains(key) {
        return None;
    }
    let known_as_written = lex.knows(key);
    let stems = std::iter::once(("", key)).chain(arabic::clitic_splits(key));
    for (prefix, stem) in stems {
        let Some(rest) = stem.strip_prefix('ا') else { continue };
        if stem.chars().count() < MIN_LETTERS || ctx.data.allowed.contains(stem) || frequent.contains(stem) {
            continue;
        }
        // A stem that starts with the article: the dictionary reads أل + word as a question
        // (ألصبيحي, وألامن), so only the words listed here, or a frequent word, take the hamza
        // there; the alif after the article is tried with the longer clitic chain.
        if stem == "ال" {
            continue;
        }
        let article = stem.starts_with("ال") && !ALIF_LAM_WORDS.contains(&stem);
        let mut known: Vec<(char, bool)> = Vec::new();
        for hamza in ['أ', 'إ', 'آ'] {
            let candidate = format!("{hamza}{rest}");
            // Never propose what the misspelling rule takes back (إجتماع is اجتماع).
            if hamza == 'إ' && misspelling::hamzat_wasl(&candidate, !arabic::has_article(prefix)).is_some() {
                continue;
            }
            let whole = format!("{prefix}{candidate}");
            if lex.knows(&whole) {
                // Known as written (وافق، واحد), the word is read whole: a clitic chain's
                // hamzated stem must be a frequent word with the chain too.
                let common = if known_as_written && !prefix.is_empty() {
                    frequent.contains(whole.as_str())
                } else {
                    frequent.contains(candidate.as_str()) || frequent.contains(whole.as_str())
                };
                known.push((hamza, common));
            }
        }
        // Two readings (آثار / أثار), a word the dictionary knows as written, or one that
        // starts with the article: the one among the frequent words of news copy, if only
        // one is.
        if known.len() > 1 || known_as_written || article {
            known.retain(|&(_, common)| common);
        }
        match known.as_slice() {
            [(hamza, _)] => return Some((prefix.len(), *hamza)),
            // The shortest clitic chain that gives a word decides (بالاسبوع is بال + أسبوع).
            [] => {}
            _ => return None,
        }
    }
    None
}

/// A finding on word `i`: the alif at key byte `at` should carry `hamza`.
fn finding(ctx: &Context<'_>, i: usize, at: usize, hamza: char) -> Finding {
    let doc = ctx.doc;
    let w = &doc.words[i];
    let written = doc.word_text(w);
    let (key, map) = arabic::key_with_map(written);
    let (range, replacement) = arabic::source_edit(&key, &map, at, at + 'ا'.len_utf8(), &hamza.to_string());
    let edit = w.range.start + range.start..w.range.start + range.end;
    let right = format!("{}{replacement}{}", &doc.text[w.range.start..edit.start], &doc.text[edit.end..w.range.end]);
    Finding {
        rule: misspelling::RULE.id,
        severity: misspelling::RULE.default_severity,
        range: w.range.clone(),
        message: format!("Hamza «{written}»: the house style writes «{right}»"),
        fixes: vec![Fix {
            title: format!("Replace with «{right}»"),
            // A spelling, not a word: safe inside quotations too, as other spelling fixes.
            applicability: Applicability::Safe,
            edits: vec![Edit::replace(edit, replacement)],
        }],
    }
}
