//! The desk's settings (`copydesk.toml`, or the same shape as LSP settings) and their errors.
//!
//! Parsing is pure: callers hand in the text; errors are values with a line and a column.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::core::finding::Severity;

/// What a rule is set to: off, or on at a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

impl<'de> Deserialize<'de> for RuleLevel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "off" {
            return Ok(RuleLevel::Off);
        }
        Severity::parse(&s).map(RuleLevel::On).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown rule level `{s}`: expected one of off, error, warning, info, hint"
            ))
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Rule id -> level. Unknown ids are an error (see [`Config::validate`]).
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
    /// The desk's own misspellings: wrong = right. A word mapped to itself is allowed
    /// (it silences the built-in list and the lexicon for that word).
    #[serde(default)]
    pub misspellings: BTreeMap<String, String>,
    /// House spellings of names: the house spelling = [variants to correct to it].
    #[serde(default)]
    pub names: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub boilerplate: BoilerplateConfig,
    #[serde(default)]
    pub attribution: AttributionConfig,
    #[serde(default)]
    pub dictionary: DictionaryConfig,
    /// House style switches.
    #[serde(default)]
    pub style: StyleConfig,
    /// Findings the desk has chosen to ignore ("ignore this finding here").
    #[serde(default)]
    pub ignore: Vec<IgnoreEntry>,
    /// Path globs (relative to the config file's folder) that are never checked.
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub overrides: Vec<Override>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoilerplateConfig {
    /// Regular expressions matched against whole lines (after trimming).
    #[serde(default)]
    pub patterns: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionConfig {
    /// More words that attribute a quotation (matched through clitics).
    #[serde(default)]
    pub verbs: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DictionaryConfig {
    /// Words the desk accepts: never flagged as misspellings or as name variants.
    #[serde(default)]
    pub words: Vec<String>,
    /// Flag words the Hunspell dictionary does not know (off by default: names and
    /// foreign words are its false alarms).
    #[serde(default)]
    pub lexicon: bool,
    /// Path of the Hunspell `.dic` file (its `.aff` beside it). Default: the system `ar`.
    #[serde(default)]
    pub path: Option<String>,
}

/// House style switches (`[style]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleConfig {
    /// `"strict"`: flag a bare alif where the dictionary knows only the hamzated form
    /// (`الى` → `إلى`), under rule `misspelling`. Default `"off"`.
    #[serde(default)]
    pub hamza: HamzaStyle,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HamzaStyle {
    #[default]
    Off,
    Strict,
}

/// One ignored finding: the rule and the exact flagged text, optionally only in some paths.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    pub rule: String,
    pub text: String,
    #[serde(default)]
    pub paths: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub paths: Vec<String>,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
}

/// A configuration error: what is wrong and where (1-based line and column, when known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}", self.message),
            (Some(l), None) => write!(f, "{l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

/// Where in the settings a validation error is: keys and array indices from the top.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

fn at(message: String, path: Vec<Seg>) -> (ConfigError, Vec<Seg>) {
    (ConfigError { message, line: None, column: None }, path)
}

impl Config {
    /// Parse `copydesk.toml` text. Unknown keys, wrong types, unknown rule ids, invalid
    /// regular expressions and invalid globs are errors with a line and a column.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = match e.span() {
                Some(span) => {
                    let (l, c) = line_col(text, span.start);
                    (Some(l), Some(c))
                }
                None => (None, None),
            };
            ConfigError { message: e.message().trim().to_string(), line, column }
        })?;
        config.validate_located().map_err(|(mut err, path)| {
            if let Some(span) = locate(text, &path) {
                let (l, c) = line_col(text, span);
                err.line = Some(l);
                err.column = Some(c);
            }
            err
        })?;
        Ok(config)
    }

    /// Parse settings given as JSON (LSP initializationOptions or workspace configuration).
    /// Errors name the setting (`boilerplate.patterns[0]: ...`), as there are no lines.
    pub fn from_json(value: &serde_json::Value) -> Result<Config, ConfigError> {
        let config: Config = serde_json::from_value(value.clone()).map_err(|e| ConfigError {
            message: e.to_string(),
            line: None,
            column: None,
        })?;
        config.validate_located().map_err(|(mut err, path)| {
            if !path.is_empty() {
                err.message = format!("{}: {}", dotted(&path), err.message);
            }
            err
        })?;
        Ok(config)
    }

    /// Checks what serde cannot: rule ids exist, regular expressions and globs compile.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.validate_located().map_err(|(e, _)| e)
    }

    fn validate_located(&self) -> Result<(), (ConfigError, Vec<Seg>)> {
        let known = |id: &str| crate::core::rules::RULES.iter().any(|r| r.id == id);
        let unknown_rule = |id: &str| {
            let ids: Vec<&str> = crate::core::rules::RULES.iter().map(|r| r.id).collect();
            format!("unknown rule `{id}`: expected one of {}", ids.join(", "))
        };
        let glob = |g: &str, path: Vec<Seg>| {
            globset::Glob::new(g).map(|_| ()).map_err(|e| {
                let why = e.kind().to_string();
                at(format!("invalid glob `{g}`: {why}"), path)
            })
        };
        for id in self.rules.keys() {
            if !known(id) {
                return Err(at(unknown_rule(id), vec![key("rules"), key(id)]));
            }
        }
        for (i, o) in self.overrides.iter().enumerate() {
            for id in o.rules.keys() {
                if !known(id) {
                    return Err(at(unknown_rule(id), vec![key("overrides"), Seg::Index(i), key("rules"), key(id)]));
                }
            }
            if o.paths.is_empty() {
                return Err(at(
                    "an override needs at least one path glob".to_string(),
                    vec![key("overrides"), Seg::Index(i)],
                ));
            }
            for (j, g) in o.paths.iter().enumerate() {
                glob(g, vec![key("overrides"), Seg::Index(i), key("paths"), Seg::Index(j)])?;
            }
        }
        for (i, e) in self.ignore.iter().enumerate() {
            if !known(&e.rule) {
                return Err(at(unknown_rule(&e.rule), vec![key("ignore"), Seg::Index(i), key("rule")]));
            }
            for (j, g) in e.paths.iter().enumerate() {
                glob(g, vec![key("ignore"), Seg::Index(i), key("paths"), Seg::Index(j)])?;
            }
        }
        for (i, g) in self.exclude.iter().enumerate() {
            glob(g, vec![key("exclude"), Seg::Index(i)])?;
        }
        for (i, p) in self.boilerplate.patterns.iter().enumerate() {
            if let Err(e) = regex::Regex::new(p) {
                let why = e.to_string().lines().last().unwrap_or("").trim().trim_start_matches("error: ").to_string();
                return Err(at(
                    format!("invalid regular expression `{p}`: {why}"),
                    vec![key("boilerplate"), key("patterns"), Seg::Index(i)],
                ));
            }
        }
        for (wrong, right) in &self.misspellings {
            if wrong.trim().is_empty() || right.trim().is_empty() {
                return Err(at(
                    "a misspelling and its correction must not be empty".to_string(),
                    vec![key("misspellings"), key(wrong)],
                ));
            }
        }
        for (house, variants) in &self.names {
            if house.trim().is_empty() || variants.iter().any(|v| v.trim().is_empty()) {
                return Err(at(
                    "a name and its variants must not be empty".to_string(),
                    vec![key("names"), key(house)],
                ));
            }
        }
        Ok(())
    }

    /// The level of `rule` for a file, after `[rules]` and the overrides whose paths match.
    /// `override_matches` is asked by each override's index; the caller knows the path.
    pub fn level(&self, rule: &crate::core::rules::RuleInfo, override_matches: impl Fn(usize) -> bool) -> RuleLevel {
        let mut level = self.rules.get(rule.id).copied().unwrap_or(RuleLevel::On(rule.default_severity));
        for (i, o) in self.overrides.iter().enumerate() {
            if let Some(l) = o.rules.get(rule.id) {
                if override_matches(i) {
                    level = *l;
                }
            }
        }
        level
    }
}

/// Path globs from the config as one matcher. They were checked by [`Config::validate`];
/// one that still fails to compile is left out.
pub fn glob_set(patterns: &[String]) -> globset::GlobSet {
    let mut b = globset::GlobSetBuilder::new();
    for g in patterns {
        if let Ok(g) = globset::Glob::new(g) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| globset::GlobSet::empty())
}

fn dotted(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// The 1-based line and column of the setting at `keys` (such as `["dictionary", "path"]`)
/// in `copydesk.toml` text, for errors found after parsing (a dictionary that cannot load).
pub fn position_of(text: &str, keys: &[&str]) -> Option<(usize, usize)> {
    let path: Vec<Seg> = keys.iter().map(|k| key(k)).collect();
    locate(text, &path).map(|at| line_col(text, at))
}

/// The byte offset in `text` of the setting at `path`: the key, for a final key; the
/// element, for a final index. `None` if the text cannot be parsed or has no such place.
fn locate(text: &str, path: &[Seg]) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(text).ok()?;
    let mut table = root.get_ref();
    let mut value: Option<&DeValue<'_>> = None;
    let mut found = None;
    for seg in path {
        match seg {
            Seg::Key(k) => {
                let t = match value {
                    None => table,
                    Some(DeValue::Table(t)) => t,
                    _ => return found,
                };
                let (name, v) = t.iter().find(|(name, _)| name.get_ref().as_ref() == k.as_str())?;
                found = Some(name.span().start);
                table = t;
                value = Some(v.get_ref());
            }
            Seg::Index(i) => {
                let Some(DeValue::Array(items)) = value else { return found };
                let item = items.get(*i)?;
                found = Some(item.span().start);
                value = Some(item.get_ref());
            }
        }
    }
    found
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(toml: &str) -> (String, Option<usize>, Option<usize>) {
        match Config::from_toml(toml) {
            Ok(_) => panic!("accepted: {toml}"),
            Err(e) => (e.message, e.line, e.column),
        }
    }

    #[test]
    fn validation_errors_point_at_the_setting() {
        let (m, l, c) = err("[rules]\nmisspelling = \"off\"\nname-varient = \"off\"\n");
        assert!(m.starts_with("unknown rule `name-varient`"), "{m}");
        assert_eq!((l, c), (Some(3), Some(1)));
        let (m, l, c) = err("[boilerplate]\npatterns = [\"ok\", 'a(b']\n");
        assert!(m.starts_with("invalid regular expression `a(b`: unclosed group"), "{m}");
        assert_eq!((l, c), (Some(2), Some(19)));
        let (_, l, c) = err("[[overrides]]\npaths = [\"a/**\"]\n\n[[overrides]]\npaths = [\"b/[\"]\n");
        assert_eq!((l, c), (Some(5), Some(10)));
        let (_, l, c) =
            err("[[ignore]]\nrule = \"boilerplate\"\ntext = \"x\"\n[[ignore]]\nrule = \"nope\"\ntext = \"y\"\n");
        assert_eq!((l, c), (Some(5), Some(1)));
        let (m, l, _) = err("[names]\n\"ترمب\" = [\"\"]\n");
        assert!(m.contains("must not be empty"), "{m}");
        assert_eq!(l, Some(2));
    }

    #[test]
    fn json_settings_name_the_setting() {
        let value = serde_json::json!({"boilerplate": {"patterns": ["a(b"]}});
        let e = Config::from_json(&value).expect_err("invalid regex");
        assert!(e.message.starts_with("boilerplate.patterns[0]: invalid regular expression"), "{}", e.message);
        let value = serde_json::json!({"rules": {"boilerplate": "off"}, "names": {"ترمب": ["ترامب"]}});
        let config = Config::from_json(&value).expect("valid");
        assert_eq!(config.rules.get("boilerplate"), Some(&RuleLevel::Off));
    }

    #[test]
    fn hamza_style_is_off_unless_strict() {
        assert_eq!(Config::from_toml("").map(|c| c.style.hamza), Ok(HamzaStyle::Off));
        let config = Config::from_toml("[style]\nhamza = \"strict\"\n").expect("valid");
        assert_eq!(config.style.hamza, HamzaStyle::Strict);
        let (m, l, _) = err("[style]\nhamza = \"loose\"\n");
        assert!(m.contains("off") && m.contains("strict"), "{m}");
        assert_eq!(l, Some(2));
        let value = serde_json::json!({"style": {"hamza": "strict"}});
        assert_eq!(Config::from_json(&value).map(|c| c.style.hamza), Ok(HamzaStyle::Strict));
    }

    #[test]
    fn position_of_a_setting() {
        let text = "[rules]\nboilerplate = \"off\"\n\n[dictionary]\nlexicon = true\npath = \"x.dic\"\n";
        assert_eq!(position_of(text, &["dictionary", "path"]), Some((6, 1)));
        assert_eq!(position_of("dictionary = { path = \"x\" }", &["dictionary", "path"]), Some((1, 16)));
        assert_eq!(position_of(text, &["names"]), None);
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("أ\nبت", 5), (2, 2));
        assert_eq!(line_col("أ\nبت", 7), (2, 3));
        assert_eq!(line_col("abc", 99), (1, 4));
    }
}
