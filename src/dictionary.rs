//! Finding and loading the Hunspell dictionary (I/O, so outside the core), once per process.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::core::config::DictionaryConfig;
use crate::core::Lexicon;

/// Where Debian's `hunspell-ar` puts the Arabic dictionary.
pub const SYSTEM_AR: &str = "/usr/share/hunspell/ar.dic";

/// The `.dic` path to use: the configured one (relative to `base`), else `$COPYDESK_DICTIONARY`,
/// else the system Arabic dictionary.
pub fn dic_path(config: &DictionaryConfig, base: Option<&Path>) -> PathBuf {
    if let Some(p) = &config.path {
        let p = PathBuf::from(p);
        return match base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p,
        };
    }
    if let Some(p) = std::env::var_os("COPYDESK_DICTIONARY") {
        return PathBuf::from(p);
    }
    PathBuf::from(SYSTEM_AR)
}

type Cache = Mutex<HashMap<PathBuf, Option<Arc<Lexicon>>>>;

/// Load (or reuse) the dictionary at `dic` and the `.aff` beside it. `Err` says why it could
/// not be used; callers go on without it.
pub fn load(dic: &Path) -> Result<Arc<Lexicon>, String> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().map_err(|_| "dictionary cache poisoned".to_string())?.get(dic) {
        return found.clone().ok_or_else(|| format!("cannot load dictionary {}", dic.display()));
    }
    let aff = dic.with_extension("aff");
    let result = (|| {
        let dic_text = std::fs::read_to_string(dic).map_err(|e| format!("cannot read {}: {e}", dic.display()))?;
        let aff_text = std::fs::read_to_string(&aff).map_err(|e| format!("cannot read {}: {e}", aff.display()))?;
        Lexicon::from_hunspell(&aff_text, &dic_text).map(Arc::new)
    })();
    if let Ok(mut c) = cache.lock() {
        c.insert(dic.to_path_buf(), result.as_ref().ok().cloned());
    }
    result
}
