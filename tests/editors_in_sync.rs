//! The editor integrations list copydesk's rules for their settings UIs; a rule added to the
//! registry must appear in each of them (and none may name a rule that does not exist).

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn registry() -> BTreeSet<String> {
    copydesk::core::RULES.iter().map(|r| r.id.to_string()).collect()
}

/// Every `'id'` (single-quoted) between `start` and the next `end` in `text`.
fn quoted_ids(text: &str, start: &str, end: &str) -> BTreeSet<String> {
    let from = text.find(start).unwrap_or_else(|| panic!("{start} not found")) + start.len();
    let body = &text[from..from + text[from..].find(end).unwrap_or(0)];
    body.split('\'').skip(1).step_by(2).map(str::to_string).collect()
}

#[test]
fn vscode_settings_schema_lists_every_rule() {
    let manifest: serde_json::Value = serde_json::from_str(&read("editors/vscode/package.json")).expect("package.json");
    let configuration = &manifest["contributes"]["configuration"];
    let sections: Vec<&serde_json::Value> = match configuration.as_array() {
        Some(list) => list.iter().collect(),
        None => vec![configuration],
    };
    let ids: BTreeSet<String> = sections
        .iter()
        .filter_map(|c| c["properties"].as_object())
        .flat_map(|p| p.keys())
        .filter_map(|k| k.strip_prefix("copydesk.rules."))
        .map(str::to_string)
        .collect();
    assert_eq!(ids, registry());
}

#[test]
fn vscode_and_neovim_rule_lists_match_the_registry() {
    assert_eq!(quoted_ids(&read("editors/vscode/src/settings.ts"), "RULE_IDS = [", "]"), registry());
    assert_eq!(quoted_ids(&read("editors/nvim/lua/copydesk/init.lua"), "M.rules = {", "}"), registry());
    let template = read("editors/vscode/src/template.ts");
    for id in registry() {
        assert!(template.contains(&format!("# {id} = ")), "editors/vscode/src/template.ts lacks {id}");
    }
}
