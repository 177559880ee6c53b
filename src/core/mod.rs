//! The pure checking core: text -> [`Document`] -> rules -> [`Finding`]s with fixes.
//!
//! Invariants: no I/O, no async, nothing of LSP or UTF-16; offsets are UTF-8 byte offsets
//! into the text as given; no input makes it panic (a rule that does anyway is caught and
//! reported, and the other rules' findings still come back).

pub mod arabic;
pub mod config;
pub mod data;
pub mod document;
pub mod finding;
pub mod lexicon;
pub mod rules;
pub mod suppress;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

pub use config::{Config, ConfigError, RuleLevel};
pub use document::Document;
pub use finding::{apply_edits, Applicability, Edit, Finding, Fix, Severity};
pub use lexicon::Lexicon;
pub use rules::{RuleInfo, RULES};

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
    overrides: Vec<(globset::GlobSet, usize)>,
}

impl Checker {
    /// `config` must be valid ([`Config::validate`]); invalid user regexes are skipped.
    pub fn new(config: Config, lexicon: Option<Arc<Lexicon>>) -> Checker {
        let data = data::Data::new(&config);
        let overrides = config
            .overrides
            .iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let mut b = globset::GlobSetBuilder::new();
                for p in &o.paths {
                    b.add(globset::Glob::new(p).ok()?);
                }
                Some((b.build().ok()?, i))
            })
            .collect();
        Checker { config, data, lexicon, overrides }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn lexicon(&self) -> Option<&Lexicon> {
        self.lexicon.as_deref()
    }

    /// The level of a rule for a file at `path` (relative to the config's folder, `/`-separated).
    pub fn level(&self, rule: &RuleInfo, path: Option<&str>) -> RuleLevel {
        self.config.level(rule, |o| {
            let Some(path) = path else { return false };
            self.overrides.iter().any(|(set, i)| std::ptr::eq(&self.config.overrides[*i], o) && set.is_match(path))
        })
    }

    /// Check `text`. `path` (relative, `/`-separated) selects overrides and ignore entries.
    pub fn check(&self, text: &str, path: Option<&str>) -> Checked {
        let doc = Document::new(text);
        let ctx = rules::Context { doc: &doc, data: &self.data, lexicon: self.lexicon.as_deref() };
        let mut checked = Checked::default();
        for rule in RULES {
            let RuleLevel::On(severity) = self.level(rule, path) else {
                continue;
            };
            let mut found = Vec::new();
            match catch_unwind(AssertUnwindSafe(|| (rule.check)(&ctx, &mut found))) {
                Ok(()) => {
                    for mut f in found {
                        f.severity = severity;
                        checked.findings.push(f);
                    }
                }
                Err(_) => checked.failed_rules.push(rule.id),
            }
        }
        self.drop_ignored(text, path, &mut checked.findings);
        suppress::apply(text, &mut checked.findings);
        checked
            .findings
            .sort_by(|a, b| (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule)));
        checked
    }

    fn drop_ignored(&self, text: &str, path: Option<&str>, findings: &mut Vec<Finding>) {
        if self.config.ignore.is_empty() {
            return;
        }
        findings.retain(|f| {
            let flagged = text.get(f.range.clone()).unwrap_or("");
            !self.config.ignore.iter().any(|e| {
                e.rule == f.rule
                    && arabic::key_string(&e.text) == arabic::key_string(flagged)
                    && (e.paths.is_empty()
                        || path.is_some_and(|p| {
                            e.paths.iter().any(|g| globset::Glob::new(g).is_ok_and(|g| g.compile_matcher().is_match(p)))
                        }))
            })
        });
    }
}
