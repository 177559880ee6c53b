//! `misspelling`: see `docs/rules/misspelling.md`.

use crate::core::finding::{Finding, Severity};
use crate::core::rules::{Context, RuleInfo};

pub const RULE: RuleInfo = RuleInfo {
    id: "misspelling",
    default_severity: Severity::Warning,
    summary: "TODO",
    docs: include_str!("../../../docs/rules/misspelling.md"),
    check,
};

fn check(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
