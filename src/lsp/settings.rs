//! The server's settings: `copydesk.toml` (nearest the document, like the CLI) merged with the
//! client's settings (initializationOptions, workspace/didChangeConfiguration), the checkers
//! built from them, and the edits that persist "add word" and "ignore" into `copydesk.toml`.
//!
//! A broken config file never replaces a good one: the last good settings stay in force and
//! the error is queued for the server to show the user once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde_json::Value;

use crate::core::{Checker, Config};
use crate::settings::{find_config, CONFIG_FILE};

/// Everything needed to check one document: the checker for its settings, the folder its
/// path is relative to, and the globs of paths that are not checked.
pub struct Profile {
    pub checker: Arc<Checker>,
    pub base: Option<PathBuf>,
    exclude: globset::GlobSet,
    /// Whether [`Profile::warm_soon`] has handed the checker to a thread to warm up.
    warming: AtomicBool,
}

impl Profile {
    /// Warm the checker up ([`Checker::warm`]) on a thread of its own, once per profile, not
    /// waited for. The server asks this after a document's check, so the open's diagnostics
    /// never wait for it: the dictionary, its shapes and the verdicts' index are then ready
    /// before the first keystrokes typed into the story, not built inside them (`cargo bench
    /// --bench lsp_latency -- cold`, a 20 KB story typed 300 ms after its diagnostics in fresh
    /// servers, load 4–5: p95 7.5–8.1 -> 1.5–1.6 ms, worst keystroke 34–35 -> 7–8 ms). Warming
    /// when the server started instead had it compete with the open's check for the machine's
    /// cores. (Not at a lower priority: a check that reaches a threshold while the thread
    /// builds what it crosses waits for that thread, and a niced one on a loaded machine made
    /// one keystroke 253 ms.)
    pub fn warm_soon(self: &Arc<Self>) {
        if self.warming.swap(true, Ordering::Relaxed) {
            return;
        }
        let me = self.clone();
        let spawned = std::thread::Builder::new().name("copydesk-warm".into()).spawn(move || {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| me.checker.warm()));
        });
        if spawned.is_err() {
            // (no thread to be had: the checks build what they need on the way, as before)
            self.warming.store(false, Ordering::Relaxed);
        }
    }

    /// `doc`'s path relative to the config's folder, `/`-separated (for overrides, ignores).
    pub fn relative(&self, doc: Option<&Path>) -> Option<String> {
        let rel = doc?.strip_prefix(self.base.as_ref()?).ok()?;
        let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        Some(parts.join("/"))
    }

    pub fn excluded(&self, rel: Option<&str>) -> bool {
        // A folder named in `exclude` covers the files in it, as in the CLI.
        rel.is_some_and(|r| crate::settings::excluded(&self.exclude, r))
    }
}

/// One config file as last read.
struct FileEntry {
    /// The last good parse: the config and the same settings as JSON (for merging).
    good: Option<(Config, Value)>,
    /// False when the file may have changed on disk since it was read.
    fresh: bool,
}

#[derive(Default)]
pub struct Settings {
    roots: Vec<PathBuf>,
    client: Option<Value>,
    files: HashMap<PathBuf, FileEntry>,
    profiles: HashMap<Option<PathBuf>, Arc<Profile>>,
    /// Source (a path, or "client settings") -> the error last shown for it.
    reported: HashMap<String, String>,
    messages: Vec<String>,
    dictionary_missing_logged: bool,
    /// Bumped whenever settings may have changed: results of older generations are stale.
    pub generation: u64,
}

impl Settings {
    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        self.roots = roots;
        self.invalidate();
    }

    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// Set the client's settings (`{"copydesk": {...}}` or the bare object; null clears them).
    pub fn set_client(&mut self, value: Option<Value>) {
        let value = value.map(unwrap_section);
        self.client = value.filter(|v| v.as_object().is_some_and(|m| !m.is_empty()));
        self.invalidate();
    }

    /// Config files may have changed: re-read them on next use (keeping the last good ones).
    pub fn invalidate(&mut self) {
        for entry in self.files.values_mut() {
            entry.fresh = false;
        }
        self.profiles.clear();
        self.generation += 1;
    }

    /// Errors to show the user, each once.
    pub fn take_messages(&mut self) -> Vec<String> {
        std::mem::take(&mut self.messages)
    }

    fn report(&mut self, source: String, error: Option<String>) {
        match error {
            Some(e) => {
                if self.reported.get(&source) != Some(&e) {
                    self.reported.insert(source, e.clone());
                    self.messages.push(e);
                }
            }
            None => {
                self.reported.remove(&source);
            }
        }
    }

    /// The config file that governs `doc` (a file path; `None` for unsaved documents).
    pub fn config_path(&self, doc: Option<&Path>) -> Option<PathBuf> {
        let dir = doc.and_then(Path::parent).or(self.roots.first().map(PathBuf::as_path))?;
        find_config(dir)
    }

    /// Where a new `copydesk.toml` for `doc` goes: the existing one, else the root of the
    /// workspace folder holding `doc`, else the first workspace folder, else `doc`'s folder.
    pub fn config_path_to_write(&self, doc: Option<&Path>) -> Option<PathBuf> {
        if let Some(p) = self.config_path(doc) {
            return Some(p);
        }
        let root = doc
            .and_then(|d| self.roots.iter().find(|r| d.starts_with(r)))
            .or(self.roots.first())
            .map(PathBuf::as_path)
            .or(doc.and_then(Path::parent))?;
        Some(root.join(CONFIG_FILE))
    }

    /// The profile for a document (built once per config file and settings generation).
    pub fn profile(&mut self, doc: Option<&Path>) -> Arc<Profile> {
        let path = self.config_path(doc);
        if let Some(p) = self.profiles.get(&path) {
            return p.clone();
        }
        let file = path.as_ref().and_then(|p| self.file_config(p));
        let config = match (&self.client, file) {
            (None, file) => file.map(|(c, _)| c).unwrap_or_default(),
            (Some(client), file) => {
                let fallback = file.as_ref().map(|(c, _)| c.clone()).unwrap_or_default();
                let mut merged = file.map(|(_, json)| json).unwrap_or_else(|| Value::Object(Default::default()));
                merge(&mut merged, client);
                match Config::from_json(&merged) {
                    Ok(c) => {
                        self.report("client settings".into(), None);
                        c
                    }
                    Err(e) => {
                        let msg = format!(
                            "copydesk: the editor's copydesk settings are invalid ({e}); using copydesk.toml alone"
                        );
                        self.report("client settings".into(), Some(msg));
                        fallback
                    }
                }
            }
        };
        let base = match &path {
            Some(p) => p.parent().map(Path::to_path_buf),
            None => {
                doc.and_then(|d| self.roots.iter().find(|r| d.starts_with(r)).cloned()).or(self.roots.first().cloned())
            }
        };
        let lexicon = match crate::dictionary::load(&crate::dictionary::dic_path(&config.dictionary, base.as_deref())) {
            Ok(l) => Some(l),
            Err(e) => {
                // Not an error the user must act on: log it once, no pop-up.
                if !self.dictionary_missing_logged {
                    self.dictionary_missing_logged = true;
                    eprintln!("copydesk lsp: going on without the Hunspell dictionary: {e}");
                }
                None
            }
        };
        // A dictionary compiled (or parsed) here leaves its scratch in the heap: hand it back.
        if lexicon.as_ref().is_some_and(|l| l.is_parsed()) {
            crate::lsp::memory::give_back();
        }
        let exclude = crate::settings::exclude_set(&config);
        let profile = Arc::new(Profile {
            checker: Arc::new(Checker::new(config, lexicon)),
            base,
            exclude,
            warming: AtomicBool::new(false),
        });
        self.profiles.insert(path, profile.clone());
        profile
    }

    /// The last good settings of a config file, re-reading it if it may have changed.
    fn file_config(&mut self, path: &Path) -> Option<(Config, Value)> {
        let stale = self.files.get(path).is_none_or(|e| !e.fresh);
        if stale {
            let read = read_config(path);
            let entry = self.files.entry(path.to_path_buf()).or_insert(FileEntry { good: None, fresh: true });
            entry.fresh = true;
            let error = match read {
                Ok(good) => {
                    entry.good = Some(good);
                    None
                }
                Err(e) => Some(if entry.good.is_some() {
                    format!("copydesk: {e} (keeping the last good settings)")
                } else {
                    format!("copydesk: {e} (using the default settings)")
                }),
            };
            self.report(path.display().to_string(), error);
        }
        self.files.get(path).and_then(|e| e.good.clone())
    }
}

/// Read and validate a config file; also return it as JSON for merging with client settings.
fn read_config(path: &Path) -> Result<(Config, Value), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let config = Config::from_toml(&text).map_err(|e| format!("{}:{e}", path.display()))?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))?;
    let json = serde_json::to_value(table).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((config, json))
}

/// Client settings come as `{"copydesk": {...}}` or as the bare object.
pub fn unwrap_section(value: Value) -> Value {
    match value {
        Value::Object(mut m) if m.get("copydesk").is_some_and(Value::is_object) => {
            m.remove("copydesk").unwrap_or(Value::Null)
        }
        other => other,
    }
}

/// Client settings over file settings: tables merge, lists add up, other values replace.
pub fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(bv) => merge(bv, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (Value::Array(b), Value::Array(o)) => b.extend(o.iter().cloned()),
        (b, o) => *b = o.clone(),
    }
}

/// What to persist into `copydesk.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigEdit {
    /// Append to `[dictionary] words`.
    AddWord(String),
    /// Append an `[[ignore]]` table `{rule, text}`.
    Ignore { rule: String, text: String },
}

/// Apply `edit` to the config file at `path` (created if missing), keeping the user's
/// formatting and comments. A file that is not valid TOML, or not valid settings, is left
/// alone and the error returned. Returns whether the file changed.
///
/// The new text is written to a temporary file next to the real one and renamed over it (a
/// reader never sees half a file). A symlinked `copydesk.toml` stays a symlink: the file it
/// points to is the one replaced. The file keeps its permissions; a new one is made 0644
/// (readable by the desk, like any file an editor saves). Edits are serialised: each reads
/// the text the previous one wrote, so concurrent commands lose nothing.
pub fn edit_config_file(path: &Path, edit: &ConfigEdit) -> Result<bool, String> {
    static EDITING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = EDITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let real = resolve_symlinks(path);
    let (text, permissions) = match std::fs::read_to_string(&real) {
        Ok(t) => (t, std::fs::metadata(&real).ok().map(|m| m.permissions())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (String::new(), None),
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    let Some(new_text) = edit_config_text(&text, edit).map_err(|e| format!("{}:{e}", path.display()))? else {
        return Ok(false);
    };
    let dir = real.parent().ok_or_else(|| format!("{}: no folder", path.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| format!("{}: cannot write: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, new_text.as_bytes())
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    if let Some(permissions) = permissions.or_else(new_file_permissions) {
        tmp.as_file().set_permissions(permissions).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    tmp.persist(&real).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    Ok(true)
}

/// The file `path` names after following symlinks (also dangling ones, whose target is then
/// created), at most 40 deep like the kernel.
fn resolve_symlinks(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        let Ok(meta) = std::fs::symlink_metadata(&p) else { break };
        if !meta.file_type().is_symlink() {
            break;
        }
        let Ok(target) = std::fs::read_link(&p) else { break };
        p = match p.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    p
}

/// 0644 for a new `copydesk.toml` (a temporary file is made 0600).
#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    Some(std::os::unix::fs::PermissionsExt::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

/// The config text with `edit` applied, or `None` when it is already there.
pub fn edit_config_text(text: &str, edit: &ConfigEdit) -> Result<Option<String>, String> {
    Config::from_toml(text).map_err(|e| format!("{e} (fix this first)"))?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    match edit {
        ConfigEdit::AddWord(word) => {
            let dict = doc
                .entry("dictionary")
                .or_insert(toml_edit::table())
                .as_table_like_mut()
                .ok_or("`dictionary` is not a table")?;
            let words = dict
                .entry("words")
                .or_insert(toml_edit::value(toml_edit::Array::new()))
                .as_array_mut()
                .ok_or("`dictionary.words` is not a list")?;
            if words.iter().any(|w| w.as_str() == Some(word)) {
                return Ok(None);
            }
            words.push(word.as_str());
        }
        ConfigEdit::Ignore { rule, text } => {
            let item = doc.entry("ignore").or_insert(toml_edit::Item::ArrayOfTables(Default::default()));
            let same = |t: &dyn toml_edit::TableLike| {
                t.get("rule").and_then(|v| v.as_str()) == Some(rule)
                    && t.get("text").and_then(|v| v.as_str()) == Some(text)
                    && t.get("paths").is_none()
            };
            if let Some(tables) = item.as_array_of_tables_mut() {
                if tables.iter().any(|t| same(t)) {
                    return Ok(None);
                }
                let mut t = toml_edit::Table::new();
                t.insert("rule", toml_edit::value(rule.as_str()));
                t.insert("text", toml_edit::value(text.as_str()));
                tables.push(t);
            } else if let Some(array) = item.as_array_mut() {
                if array.iter().any(|v| v.as_inline_table().is_some_and(|t| same(t))) {
                    return Ok(None);
                }
                let mut t = toml_edit::InlineTable::new();
                t.insert("rule", rule.as_str().into());
                t.insert("text", text.as_str().into());
                array.push(t);
            } else {
                return Err("`ignore` is not a list of tables".into());
            }
        }
    }
    let out = doc.to_string();
    Config::from_toml(&out).map_err(|e| format!("the edit would make the settings invalid: {e}"))?;
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_word_keeps_comments_and_creates_tables() {
        let text = "# house style\n[rules]\nmisspelling = \"error\" # strict\n";
        let out = edit_config_text(text, &ConfigEdit::AddWord("كيري".into())).unwrap().unwrap();
        assert!(out.starts_with("# house style\n[rules]\nmisspelling = \"error\" # strict\n"), "{out}");
        let config = Config::from_toml(&out).unwrap();
        assert_eq!(config.dictionary.words, vec!["كيري".to_string()]);
        // A second time changes nothing.
        assert_eq!(edit_config_text(&out, &ConfigEdit::AddWord("كيري".into())).unwrap(), None);
        let out2 = edit_config_text(&out, &ConfigEdit::AddWord("لافروف".into())).unwrap().unwrap();
        assert_eq!(Config::from_toml(&out2).unwrap().dictionary.words, vec!["كيري".to_string(), "لافروف".to_string()]);
    }

    #[test]
    fn ignore_appends_tables_and_inline_entries() {
        let edit = ConfigEdit::Ignore { rule: "misspelling".into(), text: "الإدراة".into() };
        let out = edit_config_text("", &edit).unwrap().unwrap();
        let config = Config::from_toml(&out).unwrap();
        assert_eq!(config.ignore.len(), 1);
        assert_eq!((config.ignore[0].rule.as_str(), config.ignore[0].text.as_str()), ("misspelling", "الإدراة"));
        assert_eq!(edit_config_text(&out, &edit).unwrap(), None);
        let inline = "ignore = [{ rule = \"boilerplate\", text = \"x\" }]\n";
        let out = edit_config_text(inline, &edit).unwrap().unwrap();
        assert_eq!(Config::from_toml(&out).unwrap().ignore.len(), 2);
    }

    #[test]
    fn broken_files_are_left_alone() {
        assert!(edit_config_text("[rules\n", &ConfigEdit::AddWord("x".into())).is_err());
        assert!(edit_config_text("[rules]\nnot-a-rule = \"error\"\n", &ConfigEdit::AddWord("x".into())).is_err());
        assert!(edit_config_text("dictionary = 3\n", &ConfigEdit::AddWord("x".into())).is_err());
    }

    #[test]
    fn client_settings_merge_over_the_file() {
        let mut base = serde_json::json!({"dictionary": {"words": ["a"]}, "rules": {"misspelling": "error"}});
        merge(&mut base, &serde_json::json!({"dictionary": {"words": ["b"]}, "rules": {"misspelling": "off"}}));
        assert_eq!(base, serde_json::json!({"dictionary": {"words": ["a", "b"]}, "rules": {"misspelling": "off"}}));
    }
}
