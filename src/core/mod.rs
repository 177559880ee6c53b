//! The pure checking core: text -> [`Document`] -> rules -> [`Finding`]s with fixes.
//!
//! Invariants: no I/O, no async, nothing of LSP or UTF-16; offsets are UTF-8 byte offsets
//! into the text as given; no input makes it panic (a rule that does anyway is caught and
//! reported, and the other rules' findings still come back).

pub mod arabic;
pub mod config;
pub mod corrector;
pub mod data;
pub mod document;
pub mod finding;
pub mod frequency;
pub mod hunspell;
pub mod incremental;
pub mod lexicon;
pub mod markup;
pub mod rules;
pub mod suppress;
mod table_hash;

use std::panic::{catch_unwind, AssertUnwindSafe};

use rayon::prelude::*;
use std::sync::Arc;

pub use config::{Config, ConfigError, RuleLevel};
pub use document::Document;
pub use finding::{apply_edits, apply_edits_with, Applicability, Edit, Finding, Fix, Severity};
pub use incremental::{Incremental, NAMES_BY_GROUP_FROM};
pub use lexicon::Lexicon;
pub use markup::Format;
pub use rules::{RuleInfo, Scope, RULES};

/// The shortest text (bytes) whose rules run side by side rather than in sequence.
pub const PARALLEL_FROM: usize = 64 * 1024;

/// What one check produced.
#[derive(Debug, Default)]
pub struct Checked {
    /// Sorted by start offset, then rule id.
    pub findings: Vec<Finding>,
    /// Rules that panicked on this text (a bug in copydesk; their findings are missing).
    pub failed_rules: Vec<&'static str>,
}

/// A configured checker: built once per configuration, then used for any number of texts.
pub struct Checker {
    config: Config,
    data: data::Data,
    lexicon: Option<Arc<Lexicon>>,
    /// The path globs of each override and each ignore entry, compiled once (an ignore entry
    /// without paths applies everywhere: `None`).
    overrides: Vec<globset::GlobSet>,
    ignore_paths: Vec<Option<globset::GlobSet>>,
    /// The lookup key of each ignore entry's text, built once.
    ignore_keys: Vec<String>,
}

impl Checker {
    /// `config` must be valid ([`Config::validate`]); invalid user regexes and globs are skipped.
    pub fn new(config: Config, lexicon: Option<Arc<Lexicon>>) -> Checker {
        let data = data::Data::new(&config);
        let overrides = config.overrides.iter().map(|o| config::glob_set(&o.paths)).collect();
        let ignore_paths =
            config.ignore.iter().map(|e| (!e.paths.is_empty()).then(|| config::glob_set(&e.paths))).collect();
        let ignore_keys = config.ignore.iter().map(|e| arabic::key_string(&e.text)).collect();
        Checker { config, data, lexicon, overrides, ignore_paths, ignore_keys }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The word lists and patterns this configuration checks with.
    pub fn data(&self) -> &data::Data {
        &self.data
    }

    pub fn lexicon(&self) -> Option<&Lexicon> {
        self.lexicon.as_deref()
    }

    /// Build now what checks otherwise build on the way, once enough questions were asked:
    /// the dictionary's compiled form, the shapes that reject most unknown words early (decoded
    /// from the compiled file, or built from its stems when it was compiled in this process)
    /// and the verdicts' index ([`Lexicon::warm`]). The verdicts are the same either way; what
    /// changes is which check pays. The server calls this on a thread of its own after a
    /// document's first check, so that no keystroke pays for them (the first partial words
    /// typed are forms nobody writes, and the corrector asks hundreds of questions about each).
    /// A one-story CLI run never asks enough to want them, and does not call this.
    pub fn warm(&self) {
        if let Some(lexicon) = &self.lexicon {
            lexicon.warm();
        }
    }

    /// The level of a rule for a file at `path` (relative to the config's folder, `/`-separated).
    pub fn level(&self, rule: &RuleInfo, path: Option<&str>) -> RuleLevel {
        self.config.level(rule, |i| path.is_some_and(|p| self.overrides.get(i).is_some_and(|set| set.is_match(p))))
    }

    /// Check `text`. `path` (relative, `/`-separated) selects overrides and ignore entries.
    pub fn check(&self, text: &str, path: Option<&str>) -> Checked {
        self.check_as(text, path, Format::Plain)
    }

    /// Check `text` read as `format`: Markdown and HTML are checked through their projection
    /// ([`markup`]), with positions in `text` and fixes that keep the markup whole.
    pub fn check_as(&self, text: &str, path: Option<&str>, format: Format) -> Checked {
        self.check_full(text, path, format, text.len() >= PARALLEL_FROM)
    }

    /// [`Checker::check`], with the rules side by side (rayon) or in sequence as asked (for
    /// `benches/rules_in_sequence.rs`, which measures where side by side starts to pay).
    pub fn check_with(&self, text: &str, path: Option<&str>, side_by_side: bool) -> Checked {
        self.check_full(text, path, Format::Plain, side_by_side)
    }

    fn check_full(&self, text: &str, path: Option<&str>, format: Format, side_by_side: bool) -> Checked {
        // (plain text has no projection: asking would first fill two buffers the text's size)
        let mut projection = if matches!(format, Format::Plain) { None } else { markup::project(text, format) };
        let seen = projection.as_ref().map(|p| p.text.clone());
        let seen = seen.as_deref().unwrap_or(text);
        let mut doc = Document::new(seen);
        if let Some(p) = projection.as_mut() {
            p.shape(&mut doc, text);
        }
        let mut checked = Checked::default();
        let run = |rule: &'static RuleInfo| {
            let RuleLevel::On(severity) = self.level(rule, path) else { return None };
            Some((rule, self.run_rule(rule, &doc, severity)))
        };
        // Rules are independent given the document: a long one is checked side by side (in
        // the time of its slowest rule, not the sum); a story is checked faster in sequence
        // than by handing its rules to other threads.
        let outcomes: Vec<(&RuleInfo, Option<Vec<Finding>>)> = if side_by_side {
            RULES.par_iter().filter_map(run).collect()
        } else {
            RULES.iter().filter_map(run).collect()
        };
        for (rule, run) in outcomes {
            match run {
                Some(found) => checked.findings.extend(found),
                None => checked.failed_rules.push(rule.id),
            }
        }
        self.finish_projected(seen, text, path, &mut checked.findings);
        if let Some(p) = &projection {
            p.guard(&mut checked.findings);
        }
        checked
    }

    /// Run one rule on `doc`, its findings at `severity`; `None` if the rule panicked.
    pub fn run_rule(&self, rule: &RuleInfo, doc: &Document<'_>, severity: Severity) -> Option<Vec<Finding>> {
        let ctx = rules::Context { doc, data: &self.data, lexicon: self.lexicon.as_deref() };
        let mut found = catch_unwind(AssertUnwindSafe(|| {
            let mut found = Vec::new();
            (rule.check)(&ctx, &mut found);
            found
        }))
        .ok()?;
        for f in &mut found {
            f.severity = severity;
        }
        Some(found)
    }

    /// What [`Checker::check`] does to the rules' findings on `text`: `[[ignore]]` entries,
    /// suppression comments, the order, one finding per word.
    pub fn finish(&self, text: &str, path: Option<&str>, findings: &mut Vec<Finding>) {
        self.finish_projected(text, text, path, findings);
    }

    /// [`Checker::finish`] for a text the rules saw as `seen` (a Markdown or HTML projection,
    /// the same length as `source`): suppression comments are read in the source, where the
    /// projection blanked them.
    fn finish_projected(&self, seen: &str, source: &str, path: Option<&str>, findings: &mut Vec<Finding>) {
        self.finish_with(seen, Some(source), path, findings);
    }

    /// [`Checker::finish`] for a text with no `<!--` in it, where no suppression comment can
    /// be: the same, without searching the text for one (a 2 MB document's whole text, where
    /// the incremental engine finishes one line's findings at a time).
    pub(crate) fn finish_uncommented(&self, text: &str, path: Option<&str>, findings: &mut Vec<Finding>) {
        self.finish_with(text, None, path, findings);
    }

    /// The post-processing of [`Checker::finish_projected`]; suppression comments read in
    /// `source` when there is one.
    fn finish_with(&self, seen: &str, source: Option<&str>, path: Option<&str>, findings: &mut Vec<Finding>) {
        let by_range =
            |a: &Finding, b: &Finding| (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule));
        self.drop_ignored(seen, path, findings);
        if let Some(source) = source {
            suppress::apply(source, findings);
        }
        findings.sort_by(by_range);
        drop_repeated_name_fixes(seen, &self.data, self.lexicon.as_deref(), findings);
        if let RuleLevel::On(severity) = self.level(&rules::misspelling::RULE, path) {
            if words_misspelled_as_names(seen, &self.data, self.lexicon.as_deref(), severity, findings) {
                // (what is now a misspelling answers to the misspelling rule's ignore entries
                // and comments too)
                self.drop_ignored(seen, path, findings);
                if let Some(source) = source {
                    suppress::apply(source, findings);
                }
                findings.sort_by(by_range);
            }
        }
    }

    /// Drop the findings an `[[ignore]]` entry covers. The entries that apply to `path` are
    /// indexed by (rule, key) once per check, so each finding is one hash lookup (4,000
    /// entries x 20,000 findings was a product: 6.2 s).
    fn drop_ignored(&self, text: &str, path: Option<&str>, findings: &mut Vec<Finding>) {
        if self.config.ignore.is_empty() || findings.is_empty() {
            return;
        }
        let mut active: rustc_hash::FxHashSet<(&str, &str)> = rustc_hash::FxHashSet::default();
        for ((e, paths), key) in self.config.ignore.iter().zip(&self.ignore_paths).zip(&self.ignore_keys) {
            let applies = match paths {
                None => true,
                Some(set) => path.is_some_and(|p| set.is_match(p)),
            };
            if applies {
                active.insert((e.rule.as_str(), key.as_str()));
            }
        }
        if active.is_empty() {
            return;
        }
        findings.retain(|f| {
            let flagged = text.get(f.range.clone()).unwrap_or("");
            !active.contains(&(f.rule, arabic::key_string(flagged).as_str()))
        });
    }
}

/// `span` of `text` with `f`'s first fix applied, when every edit of it lies inside.
fn mended(text: &str, f: &Finding, span: &std::ops::Range<usize>) -> Option<String> {
    let fix = f.fixes.first()?;
    let written = text.get(span.clone())?;
    let edits: Vec<Edit> = fix
        .edits
        .iter()
        .map(|e| {
            let inside = e.range.start >= span.start && e.range.end <= span.end;
            inside.then(|| Edit::replace(e.range.start - span.start..e.range.end - span.start, &e.replacement))
        })
        .collect::<Option<_>>()?;
    let (out, applied) = apply_edits(written, &edits);
    (applied == edits.len()).then_some(out)
}

/// Whether `mended` is an everyday word — the dictionary knows it as a whole and the web
/// writes it (the frequency table), and it is no given name — or one after a clitic chain
/// (`لكفاءة`: ل + كفاءة: a clitic makes no name of an everyday word, nor an everyday word of
/// a name, `لسلمان`; a stem of four letters or more: a name reads as a clitic and a short
/// word, `بيفر` as ب + يفر). Two words (a fused word split) are everyday when each is, or is
/// a function word. Never without a dictionary.
fn everyday_words(mended: &str, data: &data::Data, lexicon: Option<&Lexicon>) -> bool {
    let key = arabic::key_string(mended);
    let name = |form: &str| data.given_names.contains(&*arabic::fold_cow(form));
    let everyday =
        |form: &str| lexicon.is_some_and(|lex| lex.knows(form)) && frequency::class(form).is_some() && !name(form);
    let a_word = |key: &str| !name(key) && or_clitic_stem(key, everyday);
    key.split(' ')
        .all(|part| a_word(part) || (key.contains(' ') && data.function_words.contains(&*arabic::fold_cow(part))))
}

/// A name-variant finding that mends a spelling nobody writes into everyday words the story
/// uses elsewhere — two words fused (`توافرالوظائف` beside `توافر الوظائف`) or a hamza off its
/// seat (`وقايية` beside `وقائية`) — is a misspelling of those words, not a name spelled two
/// ways: it is reported as one (the whole word, the misspelling rule's message and
/// `severity`), with the same fix. Not a house spelling, not where the written form is a
/// word, a given name or a form the web writes (`الشوكولاتة` beside `الشكولاتة`: two spellings
/// of one word, which name-variant says better), and never without a dictionary. Returns
/// whether any finding was relabelled.
fn words_misspelled_as_names(
    text: &str,
    data: &data::Data,
    lexicon: Option<&Lexicon>,
    severity: Severity,
    findings: &mut Vec<Finding>,
) -> bool {
    let Some(lex) = lexicon else { return false };
    // (decided on the findings as sorted, then applied: a relabelled finding covers more)
    let mut relabel = Vec::new();
    let mut dropped: Vec<usize> = Vec::new();
    let in_word = |c: char| arabic::is_arabic_letter(c) || arabic::is_ignorable(c);
    for (i, f) in findings.iter().enumerate().filter(|(_, f)| f.rule == rules::name_variant::RULE.id) {
        // The whole word: name-variant leaves a clitic or the article out of its range.
        let start = text.get(..f.range.start).map_or(f.range.start, |before| before.trim_end_matches(in_word).len());
        let end = text
            .get(f.range.end..)
            .map_or(f.range.end, |after| f.range.end + after.len() - after.trim_start_matches(in_word).len());
        let word = start..end;
        let (Some(written), Some(right)) = (text.get(word.clone()), mended(text, f, &word)) else { continue };
        let key = arabic::key_string(written);
        let a_word = lex.knows_with_clitics(&key) || data.given_names.contains(&*arabic::fold_cow(&key));
        // (a form the web writes, as written or after a clitic chain: `والجبيل`, the city)
        let stands = a_word || or_clitic_stem(&key, |form| frequency::class(form).is_some());
        let right_key = arabic::key_string(&right);
        let house = data.house_names.contains_key(&*arabic::fold_cow(&right_key));
        // Where the misspelling rule mends the word another way, both findings stay. (Its
        // findings are words: one that overlaps this word starts shortly before its end.)
        let near = findings.partition_point(|g| g.range.start + 256 < word.start)
            ..findings.partition_point(|g| g.range.start < word.end);
        let near_start = near.start;
        let apart: Vec<usize> = findings[near]
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                g.rule == rules::misspelling::RULE.id && g.range.start < word.end && word.start < g.range.end
            })
            .map(|(j, _)| near_start + j)
            .collect();
        // Two words fused, or a hamza off its seat inside the word: never how another outlet
        // writes a name (a name that is also a word, `سعدون`, `صقر`, `عبده`, keeps
        // name-variant's finding). A compound name written as one word (`أبوعريش`, `عبدالله`)
        // and a hamza on the alif that opens the word or its stem (`[style] hamza`) are a
        // desk's style, not a slip. Two names fused (`خالدالفيصل`) are a slip as much as two
        // words: the parts need not be everyday words.
        let fused = right.split_once(' ').is_some_and(|(a, b)| {
            !corrector::COMPOUND_FIRST.contains(&arabic::key_string(a).as_str())
                && !corrector::COMPOUND_SECOND.contains(&arabic::key_string(b).as_str())
        });
        // Taa marbuta written as ha on an everyday word the story writes with ة (`صيانه` beside
        // `صيانة`): a misspelling, though the ه form reads as a pronoun or the web writes it.
        // Not on a rarer word, which a name often is (`سكينه`, the city `درنه`).
        let taa = taa_as_ha(&key, &right_key) && common_word(&right_key, data, lex);
        // A hamza off its seat is a slip though the web writes it (`العايلات` beside
        // `العائلات`), not where the dictionary reads it as a word of its own.
        let seat = hamza_seat_only(&key, &right_key);
        // A letter typed twice or a long vowel written or dropped in an everyday word the story
        // writes elsewhere (`مرسسم` beside `مرسم`, `مسؤولن` beside `مسؤولون`), where the written
        // form is nobody's word: a misspelling of it.
        let slip = fused || taa || seat || one_letter_more(&key, &right_key) || one_letter_more(&right_key, &key);
        let stands = if taa {
            false
        } else if seat {
            a_word
        } else {
            stands
        };
        // Where the misspelling rule mends the word another way, both findings stay — but a
        // hamza put back on its seat or a ة restored to the story's own everyday word is the
        // likelier mending than the corrector's other edit (`للبيية` beside the story's
        // `للبيئة` is no `لليبية`): that one goes.
        let overrules = taa || seat;
        if !slip
            || stands
            || house
            || (!apart.is_empty() && !overrules)
            || (!fused && !everyday_words(&right, data, lexicon))
        {
            continue;
        }
        dropped.extend(apart);
        relabel.push((i, word, format!("Misspelling «{written}»: write «{right}»"), format!("Replace with «{right}»")));
    }
    for (i, word, message, title) in &relabel {
        let f = &mut findings[*i];
        f.rule = rules::misspelling::RULE.id;
        f.severity = severity;
        f.range = word.clone();
        f.message = message.clone();
        if let Some(fix) = f.fixes.first_mut() {
            fix.title = title.clone();
        }
    }
    if !dropped.is_empty() {
        dropped.sort_unstable();
        let mut i = 0;
        findings.retain(|_| {
            i += 1;
            dropped.binary_search(&(i - 1)).is_err()
        });
    }
    !relabel.is_empty()
}

/// Whether `longer` is `shorter` with one letter more inside it (not its first two letters:
/// `يازين`, `ماتقدم` are يا and ما fused): a letter typed twice, or a long vowel (ا و ي) —
/// but not the ي of a diminutive after the stem's second letter, the pattern of family names
/// (`المحيسن`, `المديهش` beside `المحسن`, `المدهش`).
fn one_letter_more(longer: &str, shorter: &str) -> bool {
    let (l, s): (Vec<char>, Vec<char>) = (longer.chars().collect(), shorter.chars().collect());
    if l.len() != s.len() + 1 {
        return false;
    }
    let i = l.iter().zip(&s).position(|(a, b)| a != b).unwrap_or(s.len());
    let stem = if longer.starts_with("ال") { 2 } else { 0 };
    let diminutive = l[i] == 'ي' && i == stem + 2;
    i >= 2
        && !diminutive
        && l[i + 1..] == s[i..]
        && (matches!(l[i], 'ا' | 'و' | 'ي') || l[i - 1] == l[i] || l.get(i + 1) == Some(&l[i]))
}

/// Whether `written` is `right` with its final ة written ه, and nothing else.
fn taa_as_ha(written: &str, right: &str) -> bool {
    right.strip_suffix('ة').is_some_and(|stem| written.strip_suffix('ه') == Some(stem))
}

/// How common (frequency class) a word must be for its ة written ه beside it to be a slip and
/// not a name's spelling: the commonest quarter of the table's words (`صيانة` 49, `مذكرة` 45;
/// the name `سكينة` is 53, the city `درنة` 57).
const TAA_COMMON_CLASS: u8 = 50;

/// Whether `key` is a common word ([`TAA_COMMON_CLASS`]) the dictionary knows and no given
/// name, as written or after a clitic chain (a stem of four letters or more).
fn common_word(key: &str, data: &data::Data, lex: &Lexicon) -> bool {
    let common = |form: &str| {
        (frequency::class(form).is_some_and(|c| c <= TAA_COMMON_CLASS) || nisba_of_common_word(form))
            && lex.knows(form)
            && !data.given_names.contains(&*arabic::fold_cow(form))
    };
    or_clitic_stem(key, common)
}

/// Whether `form` is a nisba adjective in ية the web writes, made of an everyday word of four
/// letters or more (`تجارية` of `تجار`, `ميدانية` of `ميدان`): rarer than
/// [`TAA_COMMON_CLASS`] allows, but an adjective, not a name's spelling. (Not of three
/// letters: women's names are made so, `فوزية` of `فوز`.)
fn nisba_of_common_word(form: &str) -> bool {
    frequency::class(form).is_some()
        && form.strip_suffix("ية").is_some_and(|stem| {
            stem.chars().count() >= 4 && frequency::class(stem).is_some_and(|c| c <= TAA_COMMON_CLASS)
        })
}

/// Whether `key`, or its stem after a clitic chain (four letters or more: a name reads as a
/// clitic and a short word, `بيفر` as ب + يفر), satisfies `is`.
fn or_clitic_stem(key: &str, is: impl Fn(&str) -> bool) -> bool {
    is(key) || arabic::clitic_splits(key).any(|(_, stem)| stem.chars().count() >= 4 && is(stem))
}

/// Whether `written` is `right` with hamza seats dropped (ئ as ي, ؤ as و) or a hamza taken
/// off an alif inside the word (`وتاكيد` for `وتأكيد`), and nothing else: not an alif that
/// opens the word or its stem after clitics and the article (`الاسترليني`).
fn hamza_seat_only(written: &str, right: &str) -> bool {
    let (w, r): (Vec<char>, Vec<char>) = (written.chars().collect(), right.chars().collect());
    w.len() == r.len()
        && w != r
        && w.iter().zip(&r).enumerate().all(|(i, (&a, &b))| match (a, b) {
            _ if a == b => true,
            ('ي', 'ئ') | ('و', 'ؤ') => true,
            ('ا', 'أ' | 'إ') => !r[..i].iter().all(|c| "وفبكلا".contains(*c)),
            _ => false,
        })
}

/// One word, one finding: where the misspelling rule and name-variant flag the same word and
/// mend it to the same spelling, one of the two goes. When the mended spelling is an everyday
/// word — the dictionary knows it as a whole and the web writes it (the frequency table), and
/// it is no given name (`الاجتماععي` beside the story's `الاجتماعي`), or is one after a clitic
/// chain (`لكيفاءة` beside `لكفاءة`) — it is a misspelling of
/// that word and the misspelling finding stays; otherwise it is a name (`كاميللا` beside
/// `كاميلا`; `قاسمم` beside the given name `قاسم`; `الحميدانن` beside `الحميدان`, which only
/// Hunspell's rules read as a word; or no dictionary), and the name-variant finding says more
/// ("spelled two ways", with the count). Two words fused (`توافرالوظائف` beside the story's
/// `توافر الوظائف`) are mended into everyday words when each part is one (or a function
/// word): a misspelling, not a name written two ways. The two findings may cover the word
/// differently (name-variant leaves the article out: `التنميةالاجتماعية`, «تنميةالاجتماعية»):
/// they are twins when each mends the span both cover the same way. `findings` is sorted by
/// range, so the two are near each other.
fn drop_repeated_name_fixes(text: &str, data: &data::Data, lexicon: Option<&Lexicon>, findings: &mut Vec<Finding>) {
    let mended = |f: &Finding, span: &std::ops::Range<usize>| mended(text, f, span);
    let mut drop = vec![false; findings.len()];
    for i in 0..findings.len() {
        let a = &findings[i];
        if a.rule != rules::misspelling::RULE.id {
            continue;
        }
        let overlaps = |b: &Finding| b.range.start < a.range.end && a.range.start < b.range.end;
        let before = (0..i).rev().take_while(|&j| findings[j].range.start == a.range.start || overlaps(&findings[j]));
        let after = (i + 1..findings.len()).take_while(|&j| findings[j].range.start < a.range.end);
        let twin = before.chain(after).find_map(|j| {
            let b = &findings[j];
            if b.rule != rules::name_variant::RULE.id || !overlaps(b) {
                return None;
            }
            let both = a.range.start.min(b.range.start)..a.range.end.max(b.range.end);
            let fixed = mended(a, &both)?;
            (mended(b, &both).as_ref() == Some(&fixed)).then_some((j, mended(a, &a.range)?))
        });
        if let Some((j, fixed)) = twin {
            drop[if everyday_words(&fixed, data, lexicon) { j } else { i }] = true;
        }
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::{hamza_seat_only, one_letter_more, taa_as_ha};

    #[test]
    fn a_letter_typed_twice_or_a_long_vowel_inside_a_word_is_one_letter_more() {
        assert!(one_letter_more("المرسسم", "المرسم"));
        assert!(one_letter_more("مسؤولون", "مسؤولن"));
        assert!(one_letter_more("الحيوانية", "الحيانية"));
        // يا and ما fused before a word, the ي of a family name's diminutive, another letter,
        // two letters more: no.
        assert!(!one_letter_more("يازين", "يزين"));
        assert!(!one_letter_more("ماتقدم", "متقدم"));
        assert!(!one_letter_more("المحيسن", "المحسن"));
        assert!(!one_letter_more("المديهش", "المدهش"));
        assert!(!one_letter_more("المرسلم", "المرسم"));
        assert!(!one_letter_more("الحيوانيية", "الحيانية"));
        assert!(taa_as_ha("صيانه", "صيانة"));
        assert!(!taa_as_ha("صيانة", "صيانه"));
        assert!(!taa_as_ha("صيانته", "صيانة"));
    }

    #[test]
    fn a_hamza_off_its_seat_inside_the_word_is_a_slip_at_its_start_a_style() {
        assert!(hamza_seat_only("وقايية", "وقائية"));
        assert!(hamza_seat_only("مسوولون", "مسؤولون"));
        assert!(hamza_seat_only("وتاكيد", "وتأكيد"));
        // The alif that opens the word or its stem: the desk's hamza style.
        assert!(!hamza_seat_only("الاسترليني", "الإسترليني"));
        assert!(!hamza_seat_only("واعلن", "وأعلن"));
        // Anything else, or nothing, is no hamza slip.
        assert!(!hamza_seat_only("صكر", "صقر"));
        assert!(!hamza_seat_only("وقائية", "وقائية"));
        assert!(!hamza_seat_only("بغنايها", "بغناها"));
        assert!(!hamza_seat_only("", "ئ"));
    }
}
