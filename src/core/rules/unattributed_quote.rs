//! `unattributed-quote`: a direct quotation with nobody saying it.
//! Docs: `docs/rules/unattributed-quote.md`.

use std::cell::RefCell;

use crate::core::arabic;
use crate::core::document::{Document, Quote};
use crate::core::finding::{Finding, Severity};
use crate::core::rules::{Context, RuleInfo};

pub const RULE: RuleInfo = RuleInfo {
    id: "unattributed-quote",
    default_severity: Severity::Warning,
    summary: "A direct quotation with no speech verb or attribution in its sentence or next to it",
    docs: include_str!("../../../docs/rules/unattributed-quote.md"),
    check,
};

/// Quotations of up to this many words are names, titles or scare quotes, not speech.
const MAX_NAME_WORDS: usize = 3;
/// Words of the following sentence that may still attribute (`«…». قال ذلك الوزير`).
const NEXT_SENTENCE_WORDS: usize = 3;

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let attr = Attribution::new(ctx);
    for (qi, q) in doc.quotes.iter().enumerate() {
        if q.words.len() <= MAX_NAME_WORDS
            || is_nested(doc, qi)
            || introduces_name(ctx, q)
            || reads_like_a_title(doc, q)
        {
            continue;
        }
        if attributed(doc, &attr, q) {
            continue;
        }
        let inner = doc.text[q.inner.clone()].trim();
        let shown: String = inner.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
        let ellipsis = if inner.split_whitespace().count() > 6 { "…" } else { "" };
        out.push(Finding {
            rule: RULE.id,
            severity: RULE.default_severity,
            range: q.range.clone(),
            message: format!("Quotation with no speaker: «{shown}{ellipsis}»; say who said it"),
            fixes: Vec::new(),
        });
    }
}

/// A quotation inside another one is part of the outer speech.
fn is_nested(doc: &Document<'_>, qi: usize) -> bool {
    let q = &doc.quotes[qi];
    doc.quotes[..qi].iter().any(|o| o.range.start <= q.range.start && q.range.end <= o.range.end)
}

/// `لـ«الشرق الأوسط»`, `صحيفة «…»`, `تنظيم «…»`: the quotation is a name or a title.
fn introduces_name(ctx: &Context<'_>, q: &Quote) -> bool {
    let doc = ctx.doc;
    let before = &doc.text[doc.lines[q.line].range.start..q.range.start];
    // A clitic letter glued to the opening mark: لـ«…», بـ«…», كـ«…».
    let glued = before.trim_end_matches(arabic::TATWEEL);
    if glued.len() < before.len() || matches!(glued.chars().last(), Some('ل' | 'ب' | 'ك')) {
        return true;
    }
    let Some(prev) = doc.words[..q.words.start].last() else {
        return false;
    };
    if prev.line != q.line || !doc.text[prev.range.end..q.range.start].chars().all(char::is_whitespace) {
        return false;
    }
    let folded = arabic::fold(doc.key(prev));
    let is_title = |w: &str| {
        ctx.data.title_nouns.contains(w)
            || arabic::clitic_splits(w).any(|(_, stem)| ctx.data.title_nouns.contains(stem))
    };
    // With a possessive pronoun: كتابه «…», برنامجها «…».
    is_title(&folded)
        || PRONOUNS
            .iter()
            .any(|p| folded.strip_suffix(p).is_some_and(|stem| stem.chars().count() >= 3 && is_title(stem)))
}

const PRONOUNS: &[&str] = &["ه", "ها", "هم", "هما", "هن", "ي", "نا", "ك", "كم"];

/// Longest quotation that may still be a name or title rather than speech.
const MAX_TITLE_WORDS: usize = 8;

/// `«المعجم الجغرافي للبلاد العربية السعودية»`, `«الدورة السنوية السادسة عشرة لطب الأطفال»`:
/// a short run of mostly definite nouns and adjectives is the name of a thing, not speech,
/// which is made of verbs, pronouns and particles.
fn reads_like_a_title(doc: &Document<'_>, q: &Quote) -> bool {
    let words = &doc.words[q.words.clone()];
    if words.len() > MAX_TITLE_WORDS || doc.text[q.inner.clone()].contains(['.', '،', ',', '؟', '?', '!', '؛']) {
        return false;
    }
    let definite = words
        .iter()
        .filter(|w| {
            let k = doc.key(w);
            ["ال", "لل", "وال", "بال", "فال", "كال"]
                .iter()
                .any(|p| k.strip_prefix(p).is_some_and(|r| r.chars().count() >= 2))
        })
        .count();
    definite * 5 >= words.len() * 3
}

/// Memoised "is this word an attribution word?".
struct Attribution<'c> {
    ctx: &'c Context<'c>,
    cache: RefCell<Vec<Option<bool>>>,
}

impl<'c> Attribution<'c> {
    fn new(ctx: &'c Context<'c>) -> Self {
        Attribution { ctx, cache: RefCell::new(vec![None; ctx.doc.words.len()]) }
    }

    fn word(&self, i: usize) -> bool {
        if let Some(Some(v)) = self.cache.borrow().get(i) {
            return *v;
        }
        let v = self.compute(i);
        if let Some(slot) = self.cache.borrow_mut().get_mut(i) {
            *slot = Some(v);
        }
        v
    }

    fn compute(&self, i: usize) -> bool {
        let doc = self.ctx.doc;
        let data = self.ctx.data;
        let Some(w) = doc.words.get(i) else {
            return false;
        };
        let folded = arabic::fold(doc.key(w));
        let known = |s: &str| data.attribution_words.contains(s);
        if known(&folded) || arabic::clitic_splits(&folded).any(|(_, stem)| known(stem)) {
            return true;
        }
        data.attribution_phrases.iter().any(|p| {
            p.iter().enumerate().all(|(k, pk)| {
                doc.words.get(i + k).is_some_and(|x| {
                    let f = arabic::fold(doc.key(x));
                    &f == pk || (k == 0 && arabic::clitic_splits(&f).any(|(_, s)| s == pk))
                })
            })
        })
    }

    /// Whether any word in `words` (outside quotation `q`) attributes.
    fn any(&self, doc: &Document<'_>, words: std::ops::Range<usize>, q: &Quote) -> bool {
        words.into_iter().any(|i| {
            let w = &doc.words[i];
            let outside = w.range.end <= q.range.start || w.range.start >= q.range.end;
            outside && self.word(i)
        })
    }
}

fn attributed(doc: &Document<'_>, attr: &Attribution<'_>, q: &Quote) -> bool {
    let Some(si) = doc.sentence_at(q.range.start) else {
        return false;
    };
    let s = &doc.sentences[si];
    if attr.any(doc, s.words.clone(), q) {
        return true;
    }
    // `المتحدث: «…»` — a speaker and a colon introduce it.
    let lead = doc.text[s.range.start..q.range.start].trim_end();
    if lead.ends_with(':') && lead.chars().any(char::is_alphabetic) {
        return true;
    }
    let first_in_sentence = !lead.chars().any(char::is_alphanumeric);
    if first_in_sentence {
        // Speech continued from the previous sentence, or introduced by it with a colon.
        if let Some(prev) = si.checked_sub(1).map(|p| &doc.sentences[p]).filter(|p| p.line == s.line) {
            let t = doc.text[prev.range.clone()].trim_end();
            let continued = t.ends_with(':') || t.trim_end_matches(['.', '،', ',']).ends_with(['»', '”', '"']);
            if continued && attr.any(doc, prev.words.clone(), q) || t.ends_with(':') {
                return true;
            }
        }
    }
    // In the first sentence of a line that follows a line ending in a colon.
    if si == 0 || doc.sentences[si - 1].line != s.line {
        let prev_line = (0..q.line).rev().map(|l| doc.line_text(l).trim()).find(|t| !t.is_empty());
        if prev_line.is_some_and(|t| t.ends_with(':')) {
            return true;
        }
    }
    // `«…». قال ذلك الوزير.`
    let quote_ends_sentence = !doc.text[q.range.end..s.range.end].chars().any(char::is_alphanumeric);
    if quote_ends_sentence {
        if let Some(next) = doc.sentences.get(si + 1).filter(|n| n.line == s.line) {
            let end = (next.words.start + NEXT_SENTENCE_WORDS).min(next.words.end);
            if attr.any(doc, next.words.start..end, q) {
                return true;
            }
        }
    }
    false
}
