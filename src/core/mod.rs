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
        let mut projection = markup::project(text, format);
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
        self.drop_ignored(seen, path, findings);
        suppress::apply(source, findings);
        findings.sort_by(|a, b| (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule)));
        drop_repeated_name_fixes(seen, &self.data, self.lexicon.as_deref(), findings);
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

/// One word, one finding: where the misspelling rule and name-variant flag the same word and
/// mend it to the same spelling, one of the two goes. When the mended spelling is an everyday
/// word — the dictionary knows it as a whole and the web writes it (the frequency table), and
/// it is no given name (`الاجتماععي` beside the story's `الاجتماعي`), or is one after a clitic
/// chain (`لكيفاءة` beside `لكفاءة`) — it is a misspelling of
/// that word and the misspelling finding stays; otherwise it is a name (`كاميللا` beside
/// `كاميلا`; `قاسمم` beside the given name `قاسم`; `الحميدانن` beside `الحميدان`, which only
/// Hunspell's rules read as a word; or no dictionary), and the name-variant finding says more
/// ("spelled two ways", with the count). `findings` is sorted by range, so the two are
/// neighbours.
fn drop_repeated_name_fixes(text: &str, data: &data::Data, lexicon: Option<&Lexicon>, findings: &mut Vec<Finding>) {
    let mended = |f: &Finding| -> Option<String> {
        let fix = f.fixes.first()?;
        let span = text.get(f.range.clone())?;
        let edits: Vec<Edit> = fix
            .edits
            .iter()
            .map(|e| {
                let inside = e.range.start >= f.range.start && e.range.end <= f.range.end;
                inside
                    .then(|| Edit::replace(e.range.start - f.range.start..e.range.end - f.range.start, &e.replacement))
            })
            .collect::<Option<_>>()?;
        let (out, applied) = apply_edits(span, &edits);
        (applied == edits.len()).then_some(out)
    };
    let mut drop = vec![false; findings.len()];
    for i in 0..findings.len() {
        let a = &findings[i];
        if a.rule != rules::misspelling::RULE.id {
            continue;
        }
        let Some(fixed) = mended(a) else { continue };
        let twin = [i.wrapping_sub(1), i + 1].into_iter().find(|&j| {
            findings.get(j).is_some_and(|b| {
                b.range == a.range && b.rule == rules::name_variant::RULE.id && mended(b).as_ref() == Some(&fixed)
            })
        });
        if let Some(j) = twin {
            let key = arabic::key_string(&fixed);
            // The word as a whole, or after a clitic chain (`لكفاءة`: ل + كفاءة): a clitic
            // makes no name of an everyday word, nor an everyday word of a name (`لسلمان`).
            // (A stem of four letters or more: a name reads as a clitic and a short word,
            // `بيفر` as ب + يفر.)
            let name = |form: &str| data.given_names.contains(&arabic::fold(form));
            let everyday = |form: &str| {
                lexicon.is_some_and(|lex| lex.knows(form)) && frequency::class(form).is_some() && !name(form)
            };
            let a_word = !name(&key)
                && (everyday(&key)
                    || arabic::clitic_splits(&key)
                        .filter(|(_, stem)| stem.chars().count() >= 4)
                        .any(|(_, stem)| everyday(stem)));
            drop[if a_word { j } else { i }] = true;
        }
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}
