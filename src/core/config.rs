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
    /// The largest input the command line reads (`max_input_size = "64MiB"`, or bytes);
    /// larger inputs are refused. `None`: [`DEFAULT_MAX_INPUT_SIZE`].
    #[serde(default)]
    pub max_input_size: Option<ByteSize>,
}

/// The default of `max_input_size`: 64 MiB.
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 64 * 1024 * 1024;

/// A size in bytes, written as a number of bytes or as a number and a unit
/// (`KiB`, `MiB`, `GiB`: powers of 1024; `KB`, `MB`, `GB`: powers of 1000; `B`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl ByteSize {
    /// Parse `64MiB`, `64 MiB`, `500KB` or `1048576` (units in any case).
    pub fn parse(s: &str) -> Result<ByteSize, String> {
        let t = s.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (number, unit) = (&t[..split], t[split..].trim());
        let bad = || format!("invalid size `{s}`: expected bytes, or a number and KiB, MiB, GiB, KB, MB or GB");
        let n: u64 = number.parse().map_err(|_| bad())?;
        let factor: u64 = match unit.to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "kib" => 1 << 10,
            "mib" => 1 << 20,
            "gib" => 1 << 30,
            "kb" => 1_000,
            "mb" => 1_000_000,
            "gb" => 1_000_000_000,
            _ => return Err(bad()),
        };
        n.checked_mul(factor).map(ByteSize).ok_or_else(bad)
    }
}

impl std::fmt::Display for ByteSize {
    /// `64 MiB` when the size is a whole number of MiB (or KiB, GiB), else `N bytes`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0;
        for (unit, size) in [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
            if n >= size && n % size == 0 {
                return write!(f, "{} {unit}", n / size);
            }
        }
        write!(f, "{n} byte{}", if n == 1 { "" } else { "s" })
    }
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bytes(u64),
            Text(String),
        }
        match Raw::deserialize(d) {
            Ok(Raw::Bytes(n)) => Ok(ByteSize(n)),
            Ok(Raw::Text(s)) => ByteSize::parse(&s).map_err(serde::de::Error::custom),
            Err(_) => {
                Err(serde::de::Error::custom("invalid size: expected bytes (a number), or a string such as \"64MiB\""))
            }
        }
    }
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
            let place = || vec![key("boilerplate"), key("patterns"), Seg::Index(i)];
            match regex::Regex::new(p) {
                Err(e) => return Err(at(regex_error(p, &e), place())),
                // Such a pattern matches every line, and `--fix` would delete the story.
                Ok(re) if re.is_match("") => {
                    return Err(at(
                        format!(
                            "boilerplate pattern {} matches an empty line, so it matches every line: \
                             make it match only the leftover's text",
                            quote_pattern(p)
                        ),
                        place(),
                    ))
                }
                Ok(_) => {}
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
        if let Some(cycle) = misspelling_cycle(&self.misspellings) {
            let pairs: Vec<String> = cycle.iter().map(|(w, r)| format!("`{w}` = `{r}`")).collect();
            let first = cycle.first().map(|(w, _)| w.to_string()).unwrap_or_default();
            return Err(at(
                format!(
                    "misspellings {} undo each other: each fix would bring back a word another \
                     corrects; keep one direction",
                    join_and(&pairs)
                ),
                vec![key("misspellings"), key(&first)],
            ));
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

/// Longest part of a pattern an error message quotes (a desk's pattern may be 150 KB).
const MAX_QUOTED_PATTERN: usize = 60;

/// The pattern as an error message quotes it, in backticks: whole if short, else its
/// start, an ellipsis and its length.
fn quote_pattern(p: &str) -> String {
    let n = p.chars().count();
    if n <= MAX_QUOTED_PATTERN {
        return format!("`{p}`");
    }
    let head: String = p.chars().take(MAX_QUOTED_PATTERN).collect();
    format!("`{head}…` ({n} characters)")
}

/// Why a pattern does not compile, and where: the pattern quoted short, the reason, and the
/// character (line and column for a pattern of several lines) where the problem is.
fn regex_error(p: &str, e: &regex::Error) -> String {
    let located = regex_syntax::Parser::new().parse(p).err().and_then(|err| {
        let (why, span) = match &err {
            regex_syntax::Error::Parse(x) => (x.kind().to_string(), *x.span()),
            regex_syntax::Error::Translate(x) => (x.kind().to_string(), *x.span()),
            _ => return None,
        };
        let at = span.start;
        let place = if p.contains('\n') {
            format!("line {}, character {}", at.line, at.column)
        } else {
            format!("character {}", at.column)
        };
        Some((why, place))
    });
    let (why, place) = match located {
        Some((why, place)) => (why, format!(" at {place}")),
        // Compiles as syntax but not as a program (too big): the regex crate says why.
        None => {
            let text = e.to_string();
            let why = text.lines().last().unwrap_or("").trim().trim_start_matches("error: ").to_string();
            (why, String::new())
        }
    };
    format!("invalid regular expression {}: {why}{place}", quote_pattern(p))
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A circle of desk misspellings (`a = "b"`, `b = "a"`, or longer), as its entries in order.
/// Words are compared by lookup key, and without the article when both sides have it (an
/// entry with the article matches through clitics). A word mapped to itself allows it and
/// is no circle; a correction that contains its word (`فلسطين = "دولة فلسطين"`) is
/// satisfied where the text already reads so, and is no circle either.
fn misspelling_cycle(misspellings: &BTreeMap<String, String>) -> Option<Vec<(&str, &str)>> {
    use crate::core::arabic::key_string;
    let node = |w: &str, other: &str| {
        let (k, o) = (key_string(w.trim()), key_string(other.trim()));
        match (k.strip_prefix("ال"), o.strip_prefix("ال")) {
            (Some(stem), Some(_)) if stem.chars().count() >= 2 => stem.to_string(),
            _ => k,
        }
    };
    // Word -> (its entry, the word it is corrected to).
    let mut next: rustc_hash::FxHashMap<String, (&str, &str, String)> = rustc_hash::FxHashMap::default();
    for (wrong, right) in misspellings {
        let (from, to) = (node(wrong, right), node(right, wrong));
        if from != to {
            next.entry(from).or_insert((wrong.as_str(), right.as_str(), to));
        }
    }
    // Follow each chain once: 1 = on the chain being followed, 2 = done.
    let mut state: rustc_hash::FxHashMap<&str, u8> = rustc_hash::FxHashMap::default();
    for start in next.keys() {
        let mut chain: Vec<&str> = Vec::new();
        let mut at = start.as_str();
        loop {
            match state.get(at).copied() {
                Some(2) => break,
                Some(_) => {
                    let from = chain.iter().position(|c| *c == at).unwrap_or(0);
                    let mut cycle: Vec<(&str, &str)> =
                        chain[from..].iter().filter_map(|c| next.get(*c).map(|(w, r, _)| (*w, *r))).collect();
                    // Start at the entry that sorts first (a stable message).
                    if let Some(min) = cycle.iter().enumerate().min_by_key(|(_, e)| e.0).map(|(i, _)| i) {
                        cycle.rotate_left(min);
                    }
                    return Some(cycle);
                }
                None => {}
            }
            let Some((_, _, to)) = next.get(at) else { break };
            state.insert(at, 1);
            chain.push(at);
            at = to.as_str();
        }
        for c in chain {
            state.insert(c, 2);
        }
    }
    None
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
    fn a_pattern_that_matches_an_empty_line_is_refused() {
        for p in ["", "^", ".*", "^\\s*$", "(اقرأ أيضا)?"] {
            let toml = format!("[boilerplate]\npatterns = [\"^اقرأ أيضاً\", '{p}']\n");
            let (m, l, c) = err(&toml);
            assert!(m.starts_with(&format!("boilerplate pattern `{p}` matches an empty line")), "{p}: {m}");
            assert_eq!((l, c), (Some(2), Some(28)), "{p}");
        }
        assert!(Config::from_toml("[boilerplate]\npatterns = ['^\\s*اقرأ أيضا.*$', 'x?y']\n").is_ok());
    }

    #[test]
    fn a_long_pattern_is_quoted_short_with_the_place_of_its_error() {
        let long = format!("^(?:{})|(شاركوا", vec!["عاجل"; 40_000].join("|"));
        let (m, l, _) = err(&format!("[boilerplate]\npatterns = ['{long}']\n"));
        assert!(m.len() < 300, "{} bytes: {}", m.len(), &m[..300.min(m.len())]);
        let n = long.chars().count();
        assert!(m.contains(&format!("…` ({n} characters): unclosed group at character {}", n - 6)), "{m}");
        assert_eq!(l, Some(2));
        // Short patterns are quoted whole; a pattern of several lines gets a line and column.
        let (m, _, _) = err("[boilerplate]\npatterns = [\"a\\nb)\"]\n");
        assert_eq!(m, "invalid regular expression `a\nb)`: unopened group at line 2, character 2");
    }

    #[test]
    fn misspellings_that_undo_each_other_are_refused() {
        let (m, l, c) = err("[misspellings]\n\"ترمب\" = \"ترامب\"\n\"الحكومه\" = \"الحكومة\"\n\"ترامب\" = \"ترمب\"\n");
        assert!(m.starts_with("misspellings `ترامب` = `ترمب` and `ترمب` = `ترامب` undo each other"), "{m}");
        assert_eq!((l, c), (Some(4), Some(1)));
        // Longer circles, harakat and the article do not hide one.
        let (m, _, _) = err("[misspellings]\n\"أ\" = \"ب\"\n\"ب\" = \"جَ\"\n\"ج\" = \"أ\"\n");
        assert!(m.starts_with("misspellings `أ` = `ب`, `ب` = `جَ` and `ج` = `أ` undo each other"), "{m}");
        let (m, _, _) = err("[misspellings]\n\"الإدراة\" = \"الإدارة\"\n\"إدارة\" = \"إدراة\"\n");
        assert!(m.contains("undo each other"), "{m}");
        // A chain, a word allowed, and a correction containing its word are no circle.
        let ok = "[misspellings]\n\"أ\" = \"ب\"\n\"ب\" = \"ج\"\n\"د\" = \"د\"\n\"فلسطين\" = \"دولة فلسطين\"\n";
        assert!(Config::from_toml(ok).is_ok());
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
    fn max_input_size_in_bytes_or_with_a_unit() {
        let size = |t: &str| Config::from_toml(t).map(|c| c.max_input_size);
        assert_eq!(size(""), Ok(None));
        assert_eq!(size("max_input_size = 1000"), Ok(Some(ByteSize(1000))));
        assert_eq!(size("max_input_size = \"64MiB\""), Ok(Some(ByteSize(DEFAULT_MAX_INPUT_SIZE))));
        assert_eq!(size("max_input_size = \"2 kb\""), Ok(Some(ByteSize(2000))));
        let e = Config::from_toml("\nmax_input_size = \"64 parsecs\"").expect_err("bad unit");
        assert!(e.message.contains("invalid size `64 parsecs`"), "{}", e.message);
        assert_eq!(e.line, Some(2));
        assert!(Config::from_toml("max_input_size = -1").is_err());
        assert!(ByteSize::parse("99999999999GiB").is_err(), "overflow is an error, not a wrap");
        assert_eq!(ByteSize(DEFAULT_MAX_INPUT_SIZE).to_string(), "64 MiB");
        assert_eq!(ByteSize(1000).to_string(), "1000 bytes");
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("أ\nبت", 5), (2, 2));
        assert_eq!(line_col("أ\nبت", 7), (2, 3));
        assert_eq!(line_col("abc", 99), (1, 4));
    }
}
