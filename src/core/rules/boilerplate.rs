//! `boilerplate`: see `docs/rules/boilerplate.md`.

use crate::core::finding::{Finding, Severity};
use crate::core::rules::{Context, RuleInfo};

pub const RULE: RuleInfo = RuleInfo {
    id: "boilerplate",
    default_severity: Severity::Warning,
    summary: "TODO",
    docs: include_str!("../../../docs/rules/boilerplate.md"),
    check,
};

fn check(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
