//! The rule registry: one line per rule. Each rule is one file with its docs in
//! `docs/rules/<id>.md`.

use crate::core::data::Data;
use crate::core::document::Document;
use crate::core::finding::{Finding, Severity};
use crate::core::lexicon::Lexicon;

pub mod boilerplate;
pub mod duplicate_paragraph;
pub mod hamza;
pub mod misspelling;
pub mod name_variant;
pub mod repeated_word;
pub mod unattributed_quote;

/// What the registry knows of a rule.
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable kebab-case id (a contract: CLI, JSON, LSP `code`, config keys).
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line, for `copydesk rules` and SARIF `shortDescription`.
    pub summary: &'static str,
    /// The full documentation (What it flags / Why it matters / Example / Fix safety).
    pub docs: &'static str,
    pub check: fn(&Context<'_>, &mut Vec<Finding>),
    /// How much of the text a finding of this rule depends on (what incremental checking
    /// may re-check after an edit: see `crate::core::incremental`).
    pub scope: Scope,
}

/// What a rule's findings on a line depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The line itself (with its line ending) and nothing else: no neighbouring lines, no
    /// story-wide counts, no position in the story. Checking each line alone, with the
    /// findings shifted by the line's offset, gives what a check of the whole text gives
    /// (outside HTML comments, which may span lines and are handled whole).
    Line,
    /// The line and its neighbours: whether the nearest line above it that is not blank ends
    /// with a colon or leaves attributed speech open, and the first words after it (as many as
    /// [`unattributed_quote::words_read_after`] says, on however many lines below). Checking
    /// the line after a line `:` (or none) and followed by the lines that hold those words,
    /// and keeping the findings inside the line, gives what a check of the whole text gives.
    Neighbours,
    /// Other lines too (story-wide counts, the line before, the headline).
    Story,
}

pub static RULES: &[RuleInfo] = &[
    misspelling::RULE,
    name_variant::RULE,
    unattributed_quote::RULE,
    boilerplate::RULE,
    duplicate_paragraph::RULE,
    repeated_word::RULE,
];

pub fn by_id(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// What a rule gets to look at.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub data: &'a Data,
    pub lexicon: Option<&'a Lexicon>,
}
