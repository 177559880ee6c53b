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

impl Config {
    /// Parse `copydesk.toml` text. Unknown keys, wrong types, unknown rule ids and invalid
    /// regular expressions are errors with a position.
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
        config.validate().map_err(|mut err| {
            // Point at the offending value if it can be found in the text.
            if err.line.is_none() {
                if let Some(needle) = err_needle(&err.message) {
                    if let Some(at) = text.find(&needle) {
                        let (l, c) = line_col(text, at);
                        err.line = Some(l);
                        err.column = Some(c);
                    }
                }
            }
            err
        })?;
        Ok(config)
    }

    /// Parse settings given as JSON (LSP initializationOptions or workspace configuration).
    pub fn from_json(value: &serde_json::Value) -> Result<Config, ConfigError> {
        let config: Config = serde_json::from_value(value.clone()).map_err(|e| ConfigError {
            message: e.to_string(),
            line: None,
            column: None,
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Checks what serde cannot: rule ids exist and regular expressions compile.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let known = crate::core::rules::RULES;
        let check_ids = |rules: &BTreeMap<String, RuleLevel>| -> Result<(), ConfigError> {
            for id in rules.keys() {
                if !known.iter().any(|r| r.id == id) {
                    return Err(ConfigError { message: format!("unknown rule `{id}`"), line: None, column: None });
                }
            }
            Ok(())
        };
        check_ids(&self.rules)?;
        for o in &self.overrides {
            check_ids(&o.rules)?;
        }
        for e in &self.ignore {
            if !known.iter().any(|r| r.id == e.rule) {
                return Err(ConfigError { message: format!("unknown rule `{}`", e.rule), line: None, column: None });
            }
        }
        for p in &self.boilerplate.patterns {
            if let Err(e) = regex::Regex::new(p) {
                let first = e.to_string().lines().last().unwrap_or("").trim().to_string();
                return Err(ConfigError {
                    message: format!("invalid regular expression `{p}`: {first}"),
                    line: None,
                    column: None,
                });
            }
        }
        Ok(())
    }

    /// The level of `rule` for a file, after `[rules]` and the overrides whose paths match.
    /// `matches_path` is given each override's globs; the adapter knows the path.
    pub fn level(
        &self,
        rule: &crate::core::rules::RuleInfo,
        overrides_matching: impl Fn(&Override) -> bool,
    ) -> RuleLevel {
        let mut level = self.rules.get(rule.id).copied().unwrap_or(RuleLevel::On(rule.default_severity));
        for o in &self.overrides {
            if let Some(l) = o.rules.get(rule.id) {
                if overrides_matching(o) {
                    level = *l;
                }
            }
        }
        level
    }
}

fn err_needle(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(message[start..end].to_string())
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
