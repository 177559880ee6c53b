//! `unattributed-quote`: see `docs/rules/unattributed-quote.md`.

use crate::core::finding::{Finding, Severity};
use crate::core::rules::{Context, RuleInfo};

pub const RULE: RuleInfo = RuleInfo {
    id: "unattributed-quote",
    default_severity: Severity::Warning,
    summary: "TODO",
    docs: include_str!("../../../docs/rules/unattributed-quote.md"),
    check,
};

fn check(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
