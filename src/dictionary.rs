//! Finding and loading the Hunspell dictionary (I/O, so outside the core), once per process,
//! with the verdicts of earlier runs kept in a cache file so a fresh process rarely parses it.
//!
//! Parsing Debian's `ar` dictionary takes 70–90 ms; a story needs the verdicts on a few hundred
//! words. The cache (`$XDG_CACHE_HOME/copydesk`, else `~/.cache/copydesk`; `COPYDESK_CACHE_DIR`
//! overrides, an empty value switches it off) holds, per dictionary path, every verdict copydesk
//! has asked for, tagged with a hash of the `.aff` and `.dic` text. A cache for other text (a
//! changed dictionary), a truncated or damaged one, is ignored and rewritten; with a good one
//! the dictionary is parsed only when a story asks about a word the cache lacks. Writing the
//! cache never makes a check fail.
//!
//! Reading and hashing the 3.8 MB of text costs a fresh process more than its story does, so
//! the cache also records the files' stamp (size, modification and change times, inode): while
//! the stamp is the same, the recorded hash is taken for the files' (as build tools trust
//! modification times), and the text is read only when a word is missing from the cache.
//!
//! Beside the verdicts, the cache keeps the dictionary compiled by our own checker
//! (`crate::core::hunspell`: `hunspell-<path hash>.bin`, the files' stamp then the blob, tagged
//! with the same hash of the text): the first process that reads the text compiles it and
//! writes it; later ones load it in a few milliseconds instead of parsing 3.8 MB of text, so a
//! word the verdicts lack costs a lookup, not a parse. A blob for other text, damaged or
//! truncated is refused and rebuilt; a dictionary the compiled checker does not support is
//! checked by spellbook as before.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::core::config::DictionaryConfig;
use crate::core::hunspell::Compiled;
use crate::core::lexicon::{checksum, CompiledSource, Source, Verdicts};
use crate::core::Lexicon;

/// Where Debian's `hunspell-ar` puts the Arabic dictionary.
pub const SYSTEM_AR: &str = "/usr/share/hunspell/ar.dic";

/// The most verdicts one cache file keeps (about 17 bytes each): enough for a desk's daily
/// copy, small enough to load in a millisecond or two. A full cache still takes the new forms
/// a run meets when they are many (one in 400 of the cap: a clean story's few leave it as it is),
/// in place of those no writing run has met for longest ([`Lexicon::verdicts_blob`]); a run
/// that meets nothing new leaves the file as it is. (The
/// 10 MB bench file's check leaves some 162,500 verdicts, the dev corpus's and its 171,500.)
pub const CACHE_CAP: usize = 200_000;

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

/// A loaded dictionary and where its verdicts go back to.
struct Loaded {
    lexicon: Option<Arc<Lexicon>>,
    /// Where its verdicts are cached (none when caching is off).
    cache: Option<CacheFile>,
}

type Cache = Mutex<HashMap<PathBuf, Loaded>>;

fn loaded() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The folder for copydesk's caches, if there is one.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("COPYDESK_CACHE_DIR") {
        return (!d.is_empty()).then(|| PathBuf::from(d));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|d| !d.is_empty()).map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("copydesk"))
}

/// The tag of a dictionary: a hash of its `.aff` and `.dic` text and of the cache format.
pub fn tag(aff: &str, dic: &str) -> u64 {
    checksum(aff.as_bytes()).rotate_left(17) ^ checksum(dic.as_bytes()) ^ 0x636f_7079_6465_736b
}

/// The cache file of the dictionary at `dic` in `dir` (one per dictionary path).
fn cache_file(dir: &Path, dic: &Path) -> PathBuf {
    let abs = std::path::absolute(dic).unwrap_or_else(|_| dic.to_path_buf());
    let key = checksum(abs.to_string_lossy().as_bytes());
    dir.join(format!("verdicts-{key:016x}.txt"))
}

/// The compiled dictionary file of the dictionary at `dic` in `dir`.
fn compiled_file(dir: &Path, dic: &Path) -> PathBuf {
    let abs = std::path::absolute(dic).unwrap_or_else(|_| dic.to_path_buf());
    let key = checksum(abs.to_string_lossy().as_bytes());
    dir.join(format!("hunspell-{key:016x}.bin"))
}

/// A compiled dictionary file as (the files' stamp when it was written, the whole file: the
/// blob starts at byte 8). Read once, not copied again: the blob is used where it lies.
fn read_compiled(path: &Path) -> Option<(u64, Vec<u8>)> {
    let bytes = std::fs::read(path).ok()?;
    let stamp = u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?);
    Some((stamp, bytes))
}

/// The stamp and tag at the head of a compiled dictionary file, without reading the rest.
fn read_compiled_head(path: &Path) -> Option<(u64, u64)> {
    use std::io::Read;
    let mut head = [0u8; 8 + 28];
    std::fs::File::open(path).ok()?.read_exact(&mut head).ok()?;
    let stamp = u64::from_le_bytes(head[..8].try_into().ok()?);
    Some((stamp, Compiled::blob_tag(&head[8..])?))
}

/// Write a compiled dictionary file (temporary file renamed over it). Failures are the
/// caller's to ignore: the file only saves time.
fn write_compiled(path: &Path, stamp: u64, blob: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&stamp.to_le_bytes())?;
    tmp.write_all(blob)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Load (or reuse) the dictionary at `dic` and the `.aff` beside it. `Err` says why it could
/// not be used; callers go on without it.
pub fn load(dic: &Path) -> Result<Arc<Lexicon>, String> {
    let mut cache = loaded().lock().map_err(|_| "dictionary cache poisoned".to_string())?;
    if let Some(found) = cache.get(dic) {
        return found.lexicon.clone().ok_or_else(|| format!("cannot load dictionary {}", dic.display()));
    }
    let (result, file) = load_uncached(dic, cache_dir().as_deref());
    cache.insert(dic.to_path_buf(), Loaded { lexicon: result.as_ref().ok().cloned(), cache: file });
    result
}

/// Read the dictionary at `dic`: from its compiled form in `cache_dir` when that is good for
/// this very text, else compiled (or parsed) from the text, lazily behind the verdicts in
/// `cache_dir` when they are good for it. Also returns where the verdicts go back to.
fn load_uncached(dic: &Path, cache_dir: Option<&Path>) -> (Result<Arc<Lexicon>, String>, Option<CacheFile>) {
    let aff = dic.with_extension("aff");
    let stamp = stamp(dic, &aff);
    let path = cache_dir.map(|d| cache_file(d, dic));
    let cpath = cache_dir.map(|d| compiled_file(d, dic));
    let cached = path.as_ref().and_then(|p| read_cache(p));
    let head = cpath.as_ref().and_then(|p| read_compiled_head(p));
    let compiled = || cpath.as_ref().and_then(|p| read_compiled(p));
    let source = || -> Source {
        let (dic, aff) = (dic.to_path_buf(), aff.clone());
        Box::new(move || read_texts(&dic, &aff).ok())
    };
    // The verdicts cached for `tag` (and whether they were for this stamp too).
    let seed_for = |tag: u64| -> (Verdicts, bool) {
        match &cached {
            Some((was, t, blob)) if *t == tag => match Verdicts::from_blob(blob.clone(), tag) {
                Some(v) => (v, Some(*was) == stamp),
                None => (Verdicts::default(), false),
            },
            _ => (Verdicts::default(), false),
        }
    };
    // Unchanged files: the compiled form recorded for this stamp stands for the text.
    if let (Some(stamp), Some((was, tag))) = (stamp, head) {
        if was == stamp {
            let (seed, fresh) = seed_for(tag);
            if fresh && !seed.is_empty() {
                // The verdicts may answer the whole story: read and load the blob at the first
                // miss (checked then; a bad one means compiling from the text, saved again).
                let p = cpath.clone().unwrap_or_default();
                let load: CompiledSource = Box::new(move || {
                    let (was, blob) = read_compiled(&p)?;
                    (was == stamp).then(|| Compiled::from_blob_in(blob, 8, tag).ok()).flatten()
                });
                let file = path.map(|path| CacheFile {
                    path,
                    compiled: cpath.clone().unwrap_or_default(),
                    tag,
                    stamp,
                    restamp: false,
                });
                return (Ok(Arc::new(Lexicon::with_compiled_lazy(load, source(), seed))), file);
            }
            if let Some(Ok(c)) = compiled().map(|(_, bytes)| Compiled::from_blob_in(bytes, 8, tag)) {
                let file = path.map(|path| CacheFile {
                    path,
                    compiled: cpath.clone().unwrap_or_default(),
                    tag,
                    stamp,
                    restamp: !fresh && !seed.is_empty(),
                });
                return (Ok(Arc::new(Lexicon::with_compiled(c, source(), seed))), file);
            }
        }
    }
    // Warm verdicts and unchanged files, but no compiled form (a dictionary it does not
    // support, or a cache from before it): the recorded hash stands for the text, which is
    // read on a miss only (and compiled then, saved by `persist`). A compiled form that is
    // there but bad is rebuilt now instead.
    if !cpath.as_ref().is_some_and(|p| p.exists()) {
        if let (Some(path), Some(stamp), Some((was, tag, blob))) = (&path, stamp, &cached) {
            if *was == stamp {
                if let Some(seed) = Verdicts::from_blob(blob.clone(), *tag) {
                    let file = CacheFile {
                        path: path.clone(),
                        compiled: cpath.clone().unwrap_or_default(),
                        tag: *tag,
                        stamp,
                        restamp: false,
                    };
                    return (Ok(Arc::new(Lexicon::lazy_from(source(), seed))), Some(file));
                }
            }
        }
    }
    let (aff_text, dic_text) = match read_texts(dic, &aff) {
        Ok(t) => t,
        Err(e) => return (Err(e), None),
    };
    let tag = tag(&aff_text, &dic_text);
    let (seed, _) = seed_for(tag);
    // The text is the compiled form's, the stamp is not (a file touched, copied back): load
    // it and write the new stamp. Otherwise compile now, and save what was compiled.
    let compiled = if head.is_some_and(|(_, t)| t == tag) { compiled() } else { None };
    let loaded = compiled.and_then(|(_, bytes)| Compiled::from_blob_in(bytes, 8, tag).ok());
    let lexicon = match loaded {
        Some(c) => {
            if let (Some(p), Some(stamp)) = (&cpath, stamp) {
                let _ = write_compiled(p, stamp, &c.to_blob(tag));
            }
            Ok(Arc::new(Lexicon::with_compiled(c, source(), seed)))
        }
        None => {
            let lex = Lexicon::lazy(aff_text, dic_text, seed);
            lex.parse_now();
            match (lex.is_compiled(), &cpath, stamp) {
                (true, Some(p), Some(stamp)) => {
                    if let Some(blob) = lex.take_compiled_blob(tag) {
                        let _ = write_compiled(p, stamp, &blob);
                    }
                    Ok(Arc::new(lex))
                }
                (true, _, _) => Ok(Arc::new(lex)),
                (false, _, _) if lex.is_usable() => Ok(Arc::new(lex)),
                (false, _, _) => Err(format!("cannot parse Hunspell dictionary {}", dic.display())),
            }
        }
    };
    // Write the stamp even when no verdict is new, so the next run need not read the text.
    let restamp = lexicon.is_ok();
    let file = path.map(|path| CacheFile {
        path,
        compiled: cpath.clone().unwrap_or_default(),
        tag,
        stamp: stamp.unwrap_or(0),
        restamp,
    });
    (lexicon, file)
}

/// The `.aff` and `.dic` text.
fn read_texts(dic: &Path, aff: &Path) -> Result<(String, String), String> {
    let dic_text = std::fs::read_to_string(dic).map_err(|e| format!("cannot read {}: {e}", dic.display()))?;
    let aff_text = std::fs::read_to_string(aff).map_err(|e| format!("cannot read {}: {e}", aff.display()))?;
    Ok((aff_text, dic_text))
}

/// Where a dictionary's verdicts are cached, for which text, and the files' stamp then.
struct CacheFile {
    path: PathBuf,
    /// Where the compiled dictionary goes, if this process compiles it after loading.
    compiled: PathBuf,
    tag: u64,
    stamp: u64,
    /// Write the cache even if no verdict is new (its stamp is out of date).
    restamp: bool,
}

/// A hash of the size, times and inode of both files (`None` when one cannot be read).
fn stamp(dic: &Path, aff: &Path) -> Option<u64> {
    let mut parts = Vec::with_capacity(10);
    for p in [dic, aff] {
        let m = std::fs::metadata(p).ok()?;
        parts.push(m.len());
        let nanos = |t: std::io::Result<std::time::SystemTime>| {
            t.ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos() as u64)
        };
        parts.push(nanos(m.modified()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            parts.push(m.ino());
            parts.push(m.ctime() as u64);
            parts.push(m.ctime_nsec() as u64);
        }
    }
    let bytes: Vec<u8> = parts.iter().flat_map(|p| p.to_le_bytes()).collect();
    Some(checksum(&bytes))
}

/// The first line of a cache file: the files' stamp and the text's tag; then the verdicts.
const STAMP: &str = "copydesk-stamp";

/// A cache file as (stamp, tag, verdicts blob), if it starts as one.
fn read_cache(path: &Path) -> Option<(u64, u64, Vec<u8>)> {
    let mut bytes = std::fs::read(path).ok()?;
    let nl = bytes.iter().position(|&b| b == b'\n')?;
    let head = std::str::from_utf8(&bytes[..nl]).ok()?;
    let mut parts = head.strip_prefix(STAMP)?.split_ascii_whitespace();
    let stamp = u64::from_str_radix(parts.next()?, 16).ok()?;
    let tag = u64::from_str_radix(parts.next()?, 16).ok()?;
    bytes.drain(..=nl);
    Some((stamp, tag, bytes))
}

/// Write back the verdicts the loaded dictionaries decided in this process (the CLI calls
/// this once its checks are done). Failures are ignored: the cache is an optimisation.
pub fn persist() {
    let Ok(cache) = loaded().lock() else { return };
    for l in cache.values() {
        if let (Some(lex), Some(file)) = (&l.lexicon, &l.cache) {
            let _ = write_verdicts(lex, file);
        }
    }
}

/// Write `lex`'s verdicts to `file` through a temporary file in the same folder, renamed
/// over it, so a reader sees the old cache or the new one, never half of one.
fn write_verdicts(lex: &Lexicon, file: &CacheFile) -> std::io::Result<()> {
    write_verdicts_capped(lex, file, CACHE_CAP)
}

/// [`write_verdicts`] keeping at most `cap` verdicts.
fn write_verdicts_capped(lex: &Lexicon, file: &CacheFile, cap: usize) -> std::io::Result<()> {
    if let Some(blob) = lex.take_compiled_blob(file.tag) {
        let _ = write_compiled(&file.compiled, file.stamp, &blob);
    }
    let blob = lex.verdicts_blob(file.tag, cap).or_else(|| file.restamp.then(|| lex.seed_blob(file.tag)));
    let Some(blob) = blob else { return Ok(()) };
    let dir = file.path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    writeln!(tmp, "{STAMP} {:x} {:x}", file.stamp, file.tag)?;
    tmp.write_all(&blob)?;
    tmp.persist(&file.path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFF: &str = "SET UTF-8\nPFX A Y 1\nPFX A 0 ال .\n";
    const DIC: &str = "3\nكتاب/A\nقلم\nمدرسة/A\n";

    fn dictionary(dir: &Path, dic: &str) -> PathBuf {
        let path = dir.join("t.dic");
        std::fs::write(dir.join("t.aff"), AFF).unwrap();
        std::fs::write(&path, dic).unwrap();
        path
    }

    /// Load, ask about `words`, write the cache back: what a CLI run does.
    fn run(dic: &Path, cache: &Path, words: &[&str]) -> (Arc<Lexicon>, Vec<bool>) {
        let (lex, file) = load_uncached(dic, Some(cache));
        let lex = lex.unwrap();
        let verdicts = words.iter().map(|w| lex.knows(w)).collect();
        write_verdicts(&lex, &file.unwrap()).unwrap();
        (lex, verdicts)
    }

    #[test]
    fn a_warm_cache_answers_without_parsing() {
        let dir = tempfile::tempdir().unwrap();
        let dic = dictionary(dir.path(), DIC);
        let cache = dir.path().join("cache");
        let words = ["كتاب", "الكتاب", "قلم", "القلم", "مدرسه"];
        let (cold, first) = run(&dic, &cache, &words);
        assert!(cold.is_parsed());
        assert_eq!(first, [true, true, true, false, false]);
        let (warm, again) = run(&dic, &cache, &words);
        assert_eq!(again, first);
        assert!(!warm.is_parsed(), "every word was in the cache");
        // A word the verdicts lack is answered by the compiled form the cold run saved, right
        // and without reading the text.
        assert!(warm.knows("المدرسة") && !warm.knows("المدرسه"));
        assert!(warm.is_compiled() && !warm.is_parsed());
    }

    #[test]
    fn a_cache_filled_past_its_cap_stays_bounded_and_answers_as_a_cold_one() {
        let dir = tempfile::tempdir().unwrap();
        let dic = dictionary(dir.path(), DIC);
        let cache = dir.path().join("cache");
        let cold = Lexicon::from_hunspell(AFF, DIC).unwrap();
        const CAP: usize = 12;
        let verdicts = cache_file(&cache, &dic);
        let lines = || std::fs::read_to_string(&verdicts).map_or(0, |t| t.lines().count() - 2);
        // Each run: the desk's steady words, and a story's new ones; after three runs the cache
        // is full, and from then on the new words take the place of old stories' words.
        let steady = ["كتاب", "الكتاب", "قلم", "مدرسة"];
        let mut full_runs = 0;
        for run in 0..8 {
            let story: Vec<String> =
                (0..CAP / 3).map(|i| format!("{}{}", ["مدرسه", "القلمم", "كتابي"][i % 3], run * CAP + i)).collect();
            let (lex, file) = load_uncached(&dic, Some(&cache));
            let lex = lex.unwrap();
            for w in steady {
                assert_eq!(lex.knows_with_clitics(w), cold.knows_with_clitics(w), "run {run}: {w}");
            }
            for w in &story {
                assert_eq!(lex.knows(w), cold.knows(w), "run {run}: {w}");
            }
            write_verdicts_capped(&lex, &file.unwrap(), CAP).unwrap();
            assert!(lines() <= CAP, "run {run}: {} lines", lines());
            full_runs += usize::from(lines() == CAP);
            // The steady words stay cached: a later run asks the dictionary nothing about them.
            let (lex, _) = load_uncached(&dic, Some(&cache));
            let lex = lex.unwrap();
            for w in steady {
                assert_eq!(lex.knows(w), cold.knows(w), "run {run}: {w}");
            }
            assert!(!lex.is_compiled(), "run {run}: the cache answered the steady words");
        }
        assert!(full_runs >= 5, "filled past the cap: {full_runs}");
        // A run that meets nothing new does not rewrite the file.
        let before = std::fs::read(&verdicts).unwrap();
        let modified = std::fs::metadata(&verdicts).unwrap().modified().unwrap();
        let (lex, file) = load_uncached(&dic, Some(&cache));
        let lex = lex.unwrap();
        for w in steady {
            assert_eq!(lex.knows(w), cold.knows(w), "{w}");
        }
        write_verdicts_capped(&lex, &file.unwrap(), CAP).unwrap();
        assert_eq!(std::fs::read(&verdicts).unwrap(), before);
        assert_eq!(std::fs::metadata(&verdicts).unwrap().modified().unwrap(), modified);
    }

    #[test]
    fn a_dictionary_with_the_same_text_keeps_its_cache() {
        let dir = tempfile::tempdir().unwrap();
        let dic = dictionary(dir.path(), DIC);
        let cache = dir.path().join("cache");
        let (_, want) = run(&dic, &cache, &["كتاب", "مدرسه"]);
        // Same text, new stamp (copied back): the hash is checked, the stamp rewritten.
        std::fs::write(&dic, DIC).unwrap();
        let (lex, got) = run(&dic, &cache, &["كتاب", "مدرسه"]);
        assert_eq!(got, want);
        assert!(!lex.is_parsed());
        // The .aff is unreadable now; the stamp of the .dic alone cannot be taken, so the
        // dictionary cannot be used: as before the cache.
        let aff = dir.path().join("t.aff");
        std::fs::rename(&aff, dir.path().join("moved.aff")).unwrap();
        assert!(load_uncached(&dic, Some(&cache)).0.is_err());
        std::fs::rename(dir.path().join("moved.aff"), &aff).unwrap();
        // Back (a new change time, so a new stamp): the same text, so the seed answers.
        let (lex, file) = load_uncached(&dic, Some(&cache));
        let lex = lex.unwrap();
        assert!(lex.knows("كتاب") && !lex.knows("مدرسه") && !lex.is_parsed());
        assert!(file.is_some());
    }

    #[test]
    fn a_changed_dictionary_does_not_use_the_old_cache() {
        let dir = tempfile::tempdir().unwrap();
        let dic = dictionary(dir.path(), DIC);
        let cache = dir.path().join("cache");
        let (_, before) = run(&dic, &cache, &["قلم", "كتاب"]);
        assert_eq!(before, [true, true]);
        // The desk's dictionary loses قلم: the old verdict must not survive.
        let dic = dictionary(dir.path(), "2\nكتاب/A\nمدرسة/A\n");
        let (lex, after) = run(&dic, &cache, &["قلم", "كتاب"]);
        assert_eq!(after, [false, true]);
        assert!(lex.is_parsed());
    }

    #[test]
    fn a_truncated_or_corrupt_cache_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let dic = dictionary(dir.path(), DIC);
        let cache = dir.path().join("cache");
        let words = ["كتاب", "القلم", "مدرسة", "المدرسة"];
        let (_, want) = run(&dic, &cache, &words[..3]);
        let want: Vec<bool> = want.into_iter().chain([true]).collect();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&cache).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        assert_eq!(files.len(), 2, "the compiled form and the verdicts: {files:?}");
        let mut fresh = 0;
        for file in files {
            let good = std::fs::read(&file).unwrap();
            let mut flipped = good.clone();
            let last = flipped.len() - 2;
            flipped[last] = if flipped[last] == b'1' { b'0' } else { b'1' };
            for bad in [good[..good.len() / 2].to_vec(), flipped, b"garbage".to_vec(), Vec::new()] {
                std::fs::write(&file, &bad).unwrap();
                let (_, got) = run(&dic, &cache, &words);
                assert_eq!(got, want, "{}", file.display());
                // A word the verdicts lack is answered right by the compiled form, rebuilt
                // from the text when it was the damaged file (and saved) ...
                fresh += 1;
                let (lex, got) = run(&dic, &cache, &[&format!("قلمز{fresh}"), "الكتاب"]);
                assert_eq!(got, [false, true]);
                assert!(lex.is_compiled());
                // ... and the next run loads it again without the text.
                fresh += 1;
                let (lex, got) = run(&dic, &cache, &[&format!("قلمز{fresh}"), "القلم", "كتاب"]);
                assert_eq!(got, [false, false, true]);
                assert!(lex.is_compiled() && !lex.is_parsed());
                assert_ne!(std::fs::read(&file).unwrap(), bad, "rewritten whole");
            }
        }
    }

    #[test]
    fn an_unwritable_cache_never_fails_the_check() {
        let dir = tempfile::tempdir().unwrap();
        let dic = dictionary(dir.path(), DIC);
        // The cache folder is a file: nothing can be written there.
        let blocker = dir.path().join("blocker");
        std::fs::write(&blocker, "x").unwrap();
        let (lex, file) = load_uncached(&dic, Some(&blocker));
        let lex = lex.unwrap();
        assert!(lex.knows("كتاب"));
        assert!(write_verdicts(&lex, &file.unwrap()).is_err());
        // No cache at all.
        let (lex, file) = load_uncached(&dic, None);
        assert!(lex.unwrap().knows("قلم") && file.is_none());
    }
}
