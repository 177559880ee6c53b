//! Finding and reading `copydesk.toml` (I/O, so outside the core), shared by CLI and server.

use std::path::{Path, PathBuf};

use crate::core::{Config, ConfigError};

pub const CONFIG_FILE: &str = "copydesk.toml";

/// The nearest `copydesk.toml` in `dir` or its ancestors.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// A config file that could not be used: which file, and what is wrong where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFileError {
    pub path: PathBuf,
    pub error: ConfigError,
}

impl std::fmt::Display for ConfigFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.error)
    }
}

/// Read and parse a config file.
pub fn load_config(path: &Path) -> Result<Config, ConfigFileError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigFileError {
        path: path.to_path_buf(),
        error: ConfigError { message: format!("cannot read: {e}"), line: None, column: None },
    })?;
    Config::from_toml(&text).map_err(|error| ConfigFileError { path: path.to_path_buf(), error })
}

/// The config's `exclude` globs as one matcher.
pub fn exclude_set(config: &Config) -> globset::GlobSet {
    crate::core::config::glob_set(&config.exclude)
}

/// Whether `exclude` matches `rel` (`/`-separated, relative to the config's folder) or a
/// folder it is in: a glob may name a folder (`archive`) or files in it (`archive/**`). The
/// CLI's folder walks and the server's open documents ask the same question.
pub fn excluded(exclude: &globset::GlobSet, rel: &str) -> bool {
    let mut prefix = rel;
    loop {
        if exclude.is_match(prefix) {
            return true;
        }
        match prefix.rfind('/') {
            Some(i) => prefix = &prefix[..i],
            None => return false,
        }
    }
}
