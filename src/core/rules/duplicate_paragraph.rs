//! `duplicate-paragraph`: see `docs/rules/duplicate-paragraph.md`.

use crate::core::finding::{Finding, Severity};
use crate::core::rules::{Context, RuleInfo};

pub const RULE: RuleInfo = RuleInfo {
    id: "duplicate-paragraph",
    default_severity: Severity::Warning,
    summary: "TODO",
    docs: include_str!("../../../docs/rules/duplicate-paragraph.md"),
    check,
};

fn check(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
