//! `name-variant`: see `docs/rules/name-variant.md`.

use crate::core::finding::{Finding, Severity};
use crate::core::rules::{Context, RuleInfo};

pub const RULE: RuleInfo = RuleInfo {
    id: "name-variant",
    default_severity: Severity::Warning,
    summary: "TODO",
    docs: include_str!("../../../docs/rules/name-variant.md"),
    check,
};

fn check(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
