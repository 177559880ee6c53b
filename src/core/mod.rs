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
pub mod incremental;
pub mod lexicon;
pub mod rules;
pub mod suppress;

use std::panic::{catch_unwind, AssertUnwindSafe};

use rayon::prelude::*;
use std::sync::Arc;

pub use config::{Config, ConfigError, RuleLevel};
pub use document::Document;
pub use finding::{apply_edits, apply_edits_with, Applicability, Edit, Finding, Fix, Severity};
pub use incremental::Incremental;
pub use lexicon::Lexicon;
pub use rules::{RuleInfo, Scope, RULES};

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
        let doc = Document::new(text);
        let ctx = rules::Context { doc: &doc, data: &self.data, lexicon: self.lexicon.as_deref() };
        let mut checked = Checked::default();
        // Rules are independent given the document: run them side by side (a long story
        // is checked in the time of its slowest rule, not the sum).
        let outcomes: Vec<(&RuleInfo, Severity, std::thread::Result<Vec<Finding>>)> = RULES
            .par_iter()
            .filter_map(|rule| {
                let RuleLevel::On(severity) = self.level(rule, path) else { return None };
                let run = catch_unwind(AssertUnwindSafe(|| {
                    let mut found = Vec::new();
                    (rule.check)(&ctx, &mut found);
                    found
                }));
                Some((rule, severity, run))
            })
            .collect();
        for (rule, severity, run) in outcomes {
            match run {
                Ok(found) => checked.findings.extend(found.into_iter().map(|mut f| {
                    f.severity = severity;
                    f
                })),
                Err(_) => checked.failed_rules.push(rule.id),
            }
        }
        self.finish(text, path, &mut checked.findings);
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
        self.drop_ignored(text, path, findings);
        suppress::apply(text, findings);
        findings.sort_by(|a, b| (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule)));
        drop_repeated_name_fixes(text, self.lexicon.as_deref(), findings);
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
/// mend it to the same spelling, one of the two goes. When the mended spelling is a word the
/// dictionary knows as a whole (`الاجتماععي` beside the story's `الاجتماعي`), it is a
/// misspelling of that word and the misspelling finding stays; otherwise (`كاميللا` beside
/// `كاميلا`, or no dictionary) it is a name, and the name-variant finding says more ("spelled
/// two ways", with the count). `findings` is sorted by range, so the two are neighbours.
fn drop_repeated_name_fixes(text: &str, lexicon: Option<&Lexicon>, findings: &mut Vec<Finding>) {
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
            let a_word = lexicon.is_some_and(|lex| lex.knows(&arabic::key_string(&fixed)));
            drop[if a_word { j } else { i }] = true;
        }
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}
