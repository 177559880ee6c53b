//! A word list the checker can ask "is this a word?": the Hunspell dictionary through our own
//! compiled checker (spellbook where it cannot), with each verdict remembered.
//!
//! Loading the files is the adapters' job (see `crate::dictionary`); this only parses text.
//! Four layers answer [`Lexicon::knows`], cheapest first: verdicts precompiled from earlier
//! runs ([`Verdicts`], a sorted blob the adapter keeps in a cache file), a bounded memo of the
//! verdicts decided in this process, the compiled dictionary ([`Compiled`], loaded from the
//! adapter's blob or compiled from the text on the first miss), and spellbook, for a
//! dictionary using what [`Compiled`] does not implement. Suggestions always come from
//! spellbook, which parses the text only when one is asked for. A story asks the memo before
//! the verdicts (a hash lookup before a binary search); a long document gets the verdicts
//! indexed, and then they answer first and the memo keeps only the words they lack (the
//! server's memory bound).

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

use crate::core::arabic;
use crate::core::hunspell::Compiled;

/// Fetches the `.aff` and `.dic` text of a lazy lexicon, once.
pub type Source = Box<dyn FnOnce() -> Option<(String, String)> + Send>;

/// Loads a compiled dictionary (the adapter reads its blob), once.
pub type CompiledSource = Box<dyn FnOnce() -> Option<Compiled> + Send>;

pub struct Lexicon {
    /// How a lazy lexicon gets its `.aff` and `.dic` text, until it is read.
    pending: Mutex<Option<Source>>,
    /// How a lexicon gets its compiled form from the adapter, until it is loaded.
    loader: Mutex<Option<CompiledSource>>,
    /// The text, once read (`None` inside when it could not be).
    texts: OnceLock<Option<(String, String)>>,
    /// Our compiled checker; `None` inside when the text uses what it does not implement (or
    /// is not a dictionary at all).
    compiled: OnceLock<Option<Compiled>>,
    /// The compiled checker was built from the text in this process (the adapter saves it).
    compiled_here: AtomicBool,
    /// spellbook's parse, for suggestions and as the fallback; `None` inside when it failed
    /// (then every word is taken as known: a broken dictionary must never make copydesk flag
    /// the whole story).
    dict: OnceLock<Option<spellbook::Dictionary>>,
    seed: Verdicts,
    memo: Memo,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lexicon")
    }
}

impl Lexicon {
    fn new(source: Option<Source>, compiled: OnceLock<Option<Compiled>>, seed: Verdicts) -> Lexicon {
        Lexicon {
            pending: Mutex::new(source),
            loader: Mutex::new(None),
            texts: OnceLock::new(),
            compiled,
            compiled_here: AtomicBool::new(false),
            dict: OnceLock::new(),
            seed,
            memo: Memo::default(),
        }
    }

    /// Build from the text of a Hunspell `.aff` and `.dic` pair, compiled now (or, for a
    /// dictionary the compiled checker does not support, parsed by spellbook now).
    pub fn from_hunspell(aff: &str, dic: &str) -> Result<Lexicon, String> {
        let lex = Lexicon::lazy(aff.to_string(), dic.to_string(), Verdicts::default());
        if lex.compiled().is_none() && lex.dict().is_none() {
            let why =
                spellbook::Dictionary::new(aff, dic).err().map_or_else(|| "unknown error".into(), |e| e.to_string());
            return Err(format!("cannot parse Hunspell dictionary: {why}"));
        }
        Ok(lex)
    }

    /// A lexicon that answers from `seed` (verdicts of this same dictionary, precompiled by an
    /// earlier run) and compiles `aff` and `dic` only when asked about a word `seed` lacks. The
    /// caller vouches that the pair parsed before (the seed came from it).
    pub fn lazy(aff: String, dic: String, seed: Verdicts) -> Lexicon {
        Lexicon::lazy_from(Box::new(move || Some((aff, dic))), seed)
    }

    /// [`Lexicon::lazy`] with the text fetched by `source` on the first miss (the adapter reads
    /// the files then; the core itself does no I/O). `None` from it means the text is gone or
    /// no longer the seed's: every word the seed lacks is then taken as known.
    pub fn lazy_from(source: Source, seed: Verdicts) -> Lexicon {
        Lexicon::new(Some(source), OnceLock::new(), seed)
    }

    /// A lexicon that checks with `compiled` (loaded by the adapter from its blob) behind
    /// `seed`; `source` gives spellbook the text if a suggestion is asked for.
    pub fn with_compiled(compiled: Compiled, source: Source, seed: Verdicts) -> Lexicon {
        Lexicon::new(Some(source), OnceLock::from(Some(compiled)), seed)
    }

    /// [`Lexicon::with_compiled`] with the compiled form loaded by `load` at the first word
    /// `seed` lacks (a story the verdicts cover never loads it). `None` from it: compiled
    /// from the text fetched by `source` instead.
    pub fn with_compiled_lazy(load: CompiledSource, source: Source, seed: Verdicts) -> Lexicon {
        let mut lex = Lexicon::new(Some(source), OnceLock::new(), seed);
        lex.loader = Mutex::new(Some(load));
        lex
    }

    /// Whether the dictionary text has been read and parsed in this process (a lexicon that
    /// answered every question from its seed or from a loaded compiled form never is).
    pub fn is_parsed(&self) -> bool {
        self.texts.get().is_some()
    }

    /// Whether the compiled checker answers (loaded, or compiled here), not spellbook
    /// (a lazily loaded one counts once it is loaded).
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some_and(Option::is_some)
    }

    /// Whether a checker could be built (compiled, or spellbook's parse); a lexicon whose text
    /// neither can read takes every word as known.
    pub fn is_usable(&self) -> bool {
        self.is_compiled() || self.dict.get().is_some_and(Option::is_some)
    }

    /// Parse the dictionary now if it is not yet (for a thread that warms it up).
    pub fn parse_now(&self) {
        if self.compiled().is_none() {
            self.dict();
        }
    }

    /// Build now what a lexicon otherwise builds once enough questions were asked: the
    /// compiled form (loaded, or compiled from the text), its shapes ([`Compiled::prune_now`])
    /// and the seed's index. For a thread that warms the dictionary up before the first
    /// keystroke asks it; the verdicts are the same either way.
    pub fn warm(&self) {
        if let Some(c) = self.compiled() {
            c.prune_now();
        }
        self.seed.warm();
    }

    fn texts(&self) -> Option<&(String, String)> {
        self.texts
            .get_or_init(|| {
                let source = self.pending.lock().ok().and_then(|mut p| p.take());
                source.and_then(|fetch| fetch())
            })
            .as_ref()
    }

    fn compiled(&self) -> Option<&Compiled> {
        self.compiled
            .get_or_init(|| {
                let load = self.loader.lock().ok().and_then(|mut l| l.take());
                if let Some(c) = load.and_then(|load| load()) {
                    return Some(c);
                }
                let (aff, dic) = self.texts()?;
                let c = Compiled::from_hunspell(aff, dic).ok()?;
                self.compiled_here.store(true, Ordering::Release);
                Some(c)
            })
            .as_ref()
    }

    fn dict(&self) -> Option<&spellbook::Dictionary> {
        self.dict
            .get_or_init(|| {
                let (aff, dic) = self.texts()?;
                spellbook::Dictionary::new(aff, dic).ok()
            })
            .as_ref()
    }

    /// The compiled form as a blob tagged `tag`, when it was compiled from the text in this
    /// process (for the adapter to save; `None` when it was loaded or never built).
    /// Once: a later call gives `None` until it is compiled again.
    pub fn take_compiled_blob(&self, tag: u64) -> Option<Vec<u8>> {
        if !self.compiled_here.swap(false, Ordering::AcqRel) {
            return None;
        }
        Some(self.compiled.get()?.as_ref()?.to_blob(tag))
    }

    /// Whether the dictionary accepts `word` (given as a lookup key: no harakat or tatweel).
    pub fn knows(&self, word: &str) -> bool {
        // Once the seed is indexed (a long document), it answers first, in one probe, and what
        // it answers is not copied into the memo: the memo keeps only the words it lacks.
        // That probe's slot is asked for now, before the shape test, so that its read (a miss
        // of every cache: the index is 2 MB, read at random) overlaps the test's work instead
        // of following it; a word the test rejects only wasted a fetch. (Asking the index
        // first, before the test, gives the same verdicts, since a seeded word's verdict is
        // this dictionary's and the test rejects only words `check` rejects, and it spares
        // the words the test passes, mostly seeded, the test's full walk: on the 10 MB bench
        // file's check, cachegrind counted 2.9% fewer instructions and 3.6% fewer L1 misses,
        // yet it took about 5% more CPU time (30 alternated pairs, 22 slower), the 730,000
        // words of its 1.07 million questions that the test rejects each waiting on the
        // index's read first.)
        let indexed = self.seed.indexed();
        let hash = indexed.map(|index| index.prefetch(word.as_bytes()));
        // A word the compiled checker rejects by its shape alone (most of the corrector's
        // candidates) costs a few probes of small tables, less than the verdicts' index or the
        // memo would: it is never looked up or remembered.
        if self.compiled.get().and_then(Option::as_ref).is_some_and(|c| c.surely_rejects(word)) {
            return false;
        }
        if let Some(v) = indexed.zip(hash).and_then(|(index, h)| index.get_hashed(&self.seed, word, h)) {
            return v;
        }
        // Before that the memo first: a hash lookup, where the seed is a binary search.
        if let Some(v) = self.memo.get(word) {
            return v;
        }
        let seeded = if indexed.is_some() { None } else { self.seed.get(word) };
        let v = match seeded {
            Some(v) => v,
            None => match self.compiled() {
                Some(c) => {
                    // A long run (the seed indexed) builds the shapes at its first miss, not
                    // after thousands of full walks: those walks cost it time, and the words
                    // they memoised (the corrector's candidates the shapes reject) filled the
                    // cache, the more of them the more the cache held (the compiled form
                    // loaded later, the shapes later still): 4,000 new ones a run on the bench
                    // file, without end.
                    if indexed.is_some() {
                        c.prune_now();
                    }
                    c.check(word)
                }
                None => self.dict().is_none_or(|d| d.check(word)),
            },
        };
        self.memo.insert(word, v);
        v
    }

    /// Whether the word, or the word without one of its clitic prefixes, is known.
    pub fn knows_with_clitics(&self, word: &str) -> bool {
        if self.knows(word) {
            return true;
        }
        arabic::clitic_splits(word).any(|(_, stem)| stem.chars().count() >= 2 && self.knows(stem))
    }

    /// Spelling suggestions (slow: up to 150 ms a word; compute them only when asked).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(d) = self.dict() {
            d.suggest(word, &mut out);
        }
        out
    }

    /// The seed's verdicts as a blob again (to write the same cache under a new stamp), each
    /// line's age as it was.
    pub fn seed_blob(&self, tag: u64) -> Vec<u8> {
        Verdicts::blob_of_body(tag, self.seed.n, self.seed.body())
    }

    /// Every verdict this lexicon knows: its seed and what it decided since, sorted, as a
    /// blob for [`Verdicts::from_blob`] (`None` when nothing was decided since the seed: a
    /// run that meets nothing new never rewrites the cache).
    ///
    /// At most `cap` entries. Each line carries an age ([`MAX_AGE`]): how many writing runs
    /// since its word was last met. A seeded word met in this run is 0 again, one not met gets
    /// a run older, a new one starts at 0. When there are more than `cap`, the oldest go
    /// first; among the same age a new word goes before a seeded one (met in two runs at
    /// least), and then a fixed hash of the word decides (no bias to the alphabet). So a full
    /// cache takes the forms the desk's copy meets and drops those it stopped meeting (the
    /// corrector's one-off candidates, old stories' names), where it used to take nothing
    /// and leave every new form to the dictionary on every run.
    pub fn verdicts_blob(&self, tag: u64, cap: usize) -> Option<Vec<u8>> {
        let memo = self.memo.entries();
        if memo.is_empty() || cap == 0 {
            return None;
        }
        // The memo holds the words the dictionary decided and, before the seed was indexed,
        // the seeded words the search answered (met: so are those the index marked).
        // A new word the shapes reject is not cached: the shapes answer it for less than the
        // cache would, and a run decides such words only before its shapes are built.
        let shapes = self.compiled.get().and_then(Option::as_ref);
        // (Met words by their lines' starts, walked in step with the lines below: no hash of
        // each of a full cache's 200,000 words.)
        let mut met: Vec<usize> = Vec::new();
        let mut fresh: Vec<(&str, bool)> = Vec::new();
        for (w, v) in &memo {
            let seeded = match self.seed.indexed() {
                Some(_) => self.seed.get(w).map(|_| None),
                None => self.seed.line_of(w).map(|(start, _)| Some(start)),
            };
            match seeded {
                Some(start) => met.extend(start),
                None if shapes.is_some_and(|c| c.surely_rejects(w)) => {}
                None => fresh.push((w.as_ref(), *v)),
            }
        }
        // (The seed's verdicts are gathered only when there is something new to add: a warm
        // run over words the cache holds writes nothing, and reading a desk's 120,000 seeded
        // lines cost it more than its story.)
        if fresh.is_empty() {
            return None;
        }
        // A full cache is rewritten only for a run that brings enough new words to pay for
        // it (see [`FULL_REWRITE_SHARE`]): a story's run keeps its milliseconds.
        if self.seed.len() + fresh.len() > cap && fresh.len() * FULL_REWRITE_SHARE < cap {
            return None;
        }
        met.sort_unstable();
        fresh.sort_unstable();
        fresh.dedup_by(|a, b| a.0 == b.0);
        // Each line's new age (one byte a line, not a copy of the lines), counted by class.
        let index = self.seed.indexed();
        // The lines' starts are kept too, so the passes below slice the lines instead of
        // searching each one's end again.
        let mut ages: Vec<u8> = Vec::with_capacity(self.seed.len());
        let mut starts: Vec<u32> = Vec::with_capacity(self.seed.len() + 1);
        let mut counts = [0usize; RANKS];
        let mut next_met = met.iter().copied().peekable();
        let mut end = 0;
        for (start, word, _, age) in self.seed.aged_lines() {
            end = start + word.len() + 3;
            while next_met.next_if(|&m| m < start).is_some() {}
            let hit = next_met.next_if_eq(&start).is_some() || index.is_some_and(|i| i.was_met(&self.seed, word));
            let age = if hit { 0 } else { (age + 1).min(MAX_AGE) };
            counts[rank(age, false)] += 1;
            ages.push(age);
            starts.push(start as u32);
        }
        let body = self.seed.body();
        // (the end of the last line read: a line that does not read stops the lines there)
        starts.push(end as u32);
        // Line `i` as (word, verdict): the word ends three bytes before the next line.
        let line = |i: usize| {
            let (from, to) = (starts[i] as usize, starts[i + 1] as usize - 3);
            (&body[from..to], body[to + 1] & 1 != 0)
        };
        counts[rank(0, true)] += fresh.len();
        let over = (self.seed.len() + fresh.len()).saturating_sub(cap);
        let mut cut = Cut::new(&counts, over, |class| {
            let seeded = (0..ages.len()).filter(|&i| rank(ages[i], false) == class);
            let seeded = seeded.map(|i| LineIndex::hash(line(i).0));
            let new = fresh.iter().filter(|_| rank(0, true) == class).map(|(w, _)| LineIndex::hash(w.as_bytes()));
            seeded.chain(new).collect()
        });
        // The seed's lines and the new ones, both sorted already, merged (sorting the 200,000
        // lines of a full cache cost a story's run 20 ms), each kept or dropped as it passes.
        let mut out = Vec::with_capacity(body.len() + fresh.len() * 20);
        let (mut n, mut kept_fresh) = (0, 0);
        let mut put = |body: &mut Vec<u8>, word: &[u8], v: bool, age: u8| {
            body.extend_from_slice(word);
            body.extend_from_slice(&[b'\t', verdict_char(v, age), b'\n']);
            n += 1;
        };
        let mut i = 0;
        let mut new = fresh.iter().peekable();
        loop {
            let seed_first = match (i < ages.len(), new.peek()) {
                (true, Some((f, _))) => line(i).0 <= f.as_bytes(),
                (true, None) => true,
                (false, Some(_)) => false,
                (false, None) => break,
            };
            if seed_first {
                let ((w, v), age) = (line(i), ages[i]);
                i += 1;
                if cut.keeps(rank(age, false), w) {
                    put(&mut out, w, v, age);
                }
            } else if let Some(&(w, v)) = new.next() {
                if cut.keeps(rank(0, true), w.as_bytes()) {
                    put(&mut out, w.as_bytes(), v, 0);
                    kept_fresh += 1;
                }
            }
        }
        // (Every new word lost to words met again: a run meeting more forms than the cap
        // holds. Writing would change only ages, so the file is left as it is: a check of
        // more copy than the cache holds does not rewrite it on every run.)
        if kept_fresh == 0 {
            return None;
        }
        Some(Verdicts::blob_of_body(tag, n, &out))
    }
}

/// Classes of cached verdicts by [`rank`].
const RANKS: usize = (MAX_AGE as usize + 1) * 2;

/// A verdict's class in the order of eviction (the higher, the sooner it goes): its age, and
/// among the same age a new word before a seeded one.
fn rank(age: u8, fresh: bool) -> usize {
    usize::from(age.min(MAX_AGE)) * 2 + usize::from(fresh)
}

/// Which verdicts a full cache drops: whole classes from the top, then of the class the cut
/// falls in those of the highest hash (so the order is (rank, hash), found in linear time:
/// only that class is hashed).
struct Cut {
    /// Classes from this one up go.
    from: usize,
    /// The class the cut falls in, if any: of it, hashes above `bar` go, and `at_bar` of
    /// those equal to it.
    partial: Option<usize>,
    bar: u64,
    at_bar: usize,
}

impl Cut {
    /// Drop `over` of the verdicts counted by class in `counts`; `hashes` gives the hashes of
    /// the words of one class.
    fn new(counts: &[usize; RANKS], over: usize, hashes: impl FnOnce(usize) -> Vec<u64>) -> Cut {
        let (mut left, mut from) = (over, RANKS);
        while from > 0 && left > 0 && left >= counts[from - 1] {
            from -= 1;
            left -= counts[from];
        }
        let partial = (left > 0 && from > 0).then(|| from - 1);
        let (mut bar, mut at_bar) = (u64::MAX, 0);
        if let Some(class) = partial {
            let mut hashes = hashes(class);
            let n = hashes.len();
            let (_, &mut b, _) = hashes.select_nth_unstable(n - left);
            bar = b;
            at_bar = left - hashes.iter().filter(|&&h| h > b).count();
        }
        Cut { from, partial, bar, at_bar }
    }

    /// Whether a verdict of class `rank` on `word` is kept (asked once a verdict).
    fn keeps(&mut self, rank: usize, word: &[u8]) -> bool {
        if rank >= self.from {
            return false;
        }
        if Some(rank) != self.partial {
            return true;
        }
        let h = LineIndex::hash(word);
        if h == self.bar && self.at_bar > 0 {
            self.at_bar -= 1;
            return false;
        }
        h <= self.bar
    }
}

/// The most writing runs a cached verdict's age counts (see [`Lexicon::verdicts_blob`]); an
/// entry unmet for longer stays this old. Fifteen fits the verdict and its age in one
/// character of the line (`'0'` to `'O'`), and tells apart what a desk met in its last
/// fortnight or so of new copy from what it met before, which is all eviction needs.
pub const MAX_AGE: u8 = 15;

/// A cache over its cap is rewritten only when a run brings at least one new word for every
/// `FULL_REWRITE_SHARE` it may hold (500 of 200,000). Rewriting the full 3.4 MB file costs a
/// run some 15 ms; each new word spares a later run a walk of about 8 µs. A 6 KB story with
/// 80 slips brings some 2,700 (its words and the corrector's candidates): its first check,
/// one core, 33.6 -> 49.9 ms (medians of 12), each check after 34.3 -> 20.2 ms. A clean
/// story's handful of new forms would pay the write and never earn it back: such a run reads
/// the cache and leaves it. A long run (a folder, the 10 MB bench file's 4,500) takes its
/// words. (Not full, the file is rewritten for any new word, as it always was.)
const FULL_REWRITE_SHARE: usize = 400;

/// The character after a line's tab: the verdict in its low bit, the age above it.
fn verdict_char(v: bool, age: u8) -> u8 {
    b'0' + ((age.min(MAX_AGE) << 1) | u8::from(v))
}

/// A line's verdict and age from its character after the tab (`None`: not a verdict).
fn read_verdict_char(c: u8) -> Option<(bool, u8)> {
    let d = c.checked_sub(b'0').filter(|&d| d <= (MAX_AGE << 1 | 1))?;
    Some((d & 1 != 0, d >> 1))
}

/// Shards of the memo (threads of a parallel check rarely wait on one another).
const SHARDS: usize = 16;
/// The most verdicts the memo keeps, all shards together; a full shard is emptied and fills
/// again (the verdicts are cheap to recompute, memory is not unbounded).
pub const MEMO_CAP: usize = 1 << 20;

/// Verdicts decided in this process, by word: thread-safe and bounded.
#[derive(Default)]
struct Memo {
    shards: [Mutex<Shard>; SHARDS],
}

/// The most bytes a [`Shard`]'s buffer holds before it is emptied: 64 a word on average
/// (Arabic words are 10–20 bytes), well inside the `u32` places.
const MEMO_BYTES_PER_SHARD: usize = MEMO_CAP / SHARDS * 64;

/// One shard of the [`Memo`]: its words one after another in one buffer (a byte for the
/// word's length, one for its verdict, then the word), and each word's place there by 32
/// bits of its hash. No allocation per word: about 25 bytes a verdict, where a map from a
/// boxed copy of each word took about 60 (the 2 MB document's server keeps some 60,000).
/// Two words with those 32 bits alike keep only the later one's place: the earlier is
/// asked of the dictionary again.
#[derive(Default)]
struct Shard {
    words: Vec<u8>,
    at: FxHashMap<u32, u32>,
}

impl Shard {
    fn get(&self, word: &str, key: u32) -> Option<bool> {
        let at = *self.at.get(&key)? as usize;
        let len = usize::from(*self.words.get(at)?);
        let kept = self.words.get(at + 2..at + 2 + len)?;
        (kept == word.as_bytes()).then(|| self.words.get(at + 1).is_some_and(|&v| v != 0))
    }

    fn insert(&mut self, word: &str, key: u32, v: bool) {
        // (A word of more than 255 bytes is not remembered: a run of letters no dictionary
        // holds, asked again at the price of a check.)
        let Ok(len) = u8::try_from(word.len()) else { return };
        // (The buffer is bounded too: a word whose place another took is written again when
        // asked again, and two such words asked in turn would grow it for ever.)
        if self.at.len() >= MEMO_CAP / SHARDS || self.words.len() + word.len() + 2 > MEMO_BYTES_PER_SHARD {
            self.at.clear();
            self.words.clear();
        }
        let at = self.words.len() as u32;
        self.words.push(len);
        self.words.push(u8::from(v));
        self.words.extend_from_slice(word.as_bytes());
        self.at.insert(key, at);
    }

    fn entries(&self) -> impl Iterator<Item = (&str, bool)> + '_ {
        self.at.values().filter_map(|&at| {
            let at = at as usize;
            let len = usize::from(*self.words.get(at)?);
            let word = std::str::from_utf8(self.words.get(at + 2..at + 2 + len)?).ok()?;
            Some((word, *self.words.get(at + 1)? != 0))
        })
    }
}

impl Memo {
    /// The word's shard and its key there.
    fn shard(&self, word: &str) -> (&Mutex<Shard>, u32) {
        let mut h = FxHasher::default();
        word.hash(&mut h);
        let h = h.finish();
        (&self.shards[(h >> 59) as usize % SHARDS], h as u32)
    }

    fn get(&self, word: &str) -> Option<bool> {
        let (shard, key) = self.shard(word);
        shard.lock().ok()?.get(word, key)
    }

    fn insert(&self, word: &str, v: bool) {
        let (shard, key) = self.shard(word);
        if let Ok(mut m) = shard.lock() {
            m.insert(word, key, v);
        }
    }

    fn entries(&self) -> Vec<(Box<str>, bool)> {
        let mut out = Vec::new();
        for s in &self.shards {
            if let Ok(m) = s.lock() {
                out.extend(m.entries().map(|(w, v)| (Box::from(w), v)));
            }
        }
        out
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().map_or(0, |m| m.at.len())).sum()
    }
}

/// Precompiled verdicts: a blob of lines `word\t0|1`, sorted by bytes, after a header line
/// `copydesk-verdicts 1 <tag> <entries> <body checksum>`. Looked up by binary search in the
/// blob itself, so loading is one checksum pass, no parsing. A long document asks about
/// hundreds of thousands of words: after [`INDEX_AFTER`] searches the lines are indexed once
/// ([`LineIndex`], 8 bytes a slot) and each answer is one probe instead of seventeen.
#[derive(Default)]
pub struct Verdicts {
    /// The blob as read: its header line, then from byte `from` the body (see
    /// [`Verdicts::body`]).
    blob: Vec<u8>,
    from: usize,
    /// How many lines the body holds (a search finds its lines by their newlines: no table of
    /// line starts, 0.5 MB for the bench file's verdicts, to build at load or keep).
    n: usize,
    /// Lookups answered by binary search so far (counted until [`INDEX_AFTER`]).
    asked: AtomicUsize,
    /// Built once, at the search after [`INDEX_AFTER`] (`None` inside: not indexable).
    index: OnceLock<Option<LineIndex>>,
}

/// Lookups a [`Verdicts`] answers by binary search before it indexes its lines: a story never
/// gets there (its few thousand words cost less than the index's build, 1–2 ms), the long
/// document and the 10 MB check get there early.
const INDEX_AFTER: usize = 10_000;

/// A [`Verdicts`]'s lines by the hash of their word, open-addressed, 8 bytes a slot. A word of
/// at most [`arabic::PACKED_LETTERS`] plain Arabic letters (most of what a check asks) is held
/// in its slot itself, packed ([`arabic::pack`]) beside its verdict: a probe answers it from the
/// slot, one cache line. Any other word's slot holds its line's start in the body plus one in
/// the low bits, the top bits of the word's hash above them, so a probe reads the body only
/// when those agree (0: an empty slot). Under two thirds full: 2 MB for the 150,000 verdicts the
/// bench file leaves. (With 4-byte slots of line starts alone, 1 MB, every answer read the slot
/// and then the body, two cache misses in a check's busy memory: 7% of the 10 MB check, for its
/// 300,000 questions. A table of (`&str`, verdict) took 2 MB too and, with every seeded word
/// also copied into the memo, put the server's 2 MB document over its memory bound.)
struct LineIndex {
    slots: Box<[u64]>,
    mask: usize,
    /// Low bits of a line slot that hold the line start plus one.
    offset_bits: u32,
    /// A bit a slot: its word was met in this process (so the cache keeps it: see
    /// [`Lexicon::verdicts_blob`]). 64 KB for a full cache's 4 MB of slots; a hit reads its
    /// word's bit and writes it only the first time.
    met: Box<[AtomicU64]>,
}

/// Lines [`LineIndex::build`] reads ahead of the one it puts in: each line's slot is fetched
/// while the lines before it are put in (the 2 MB table written at random was a miss a line:
/// 35 ms of the 10 MB check, for its 150,000 verdicts).
const BUILD_AHEAD: usize = 16;

/// Ask the cache for the line holding `p` (a hint: nothing waits for it, nothing is read
/// through it, and it never faults, whatever `p` is).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `_mm_prefetch` reads nothing the program sees and cannot fault on any address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// A slot holding a packed word: this bit, the verdict in [`VERDICT_BIT`], the word below.
const PACKED_BIT: u64 = 1 << 63;
/// A packed word's verdict.
const VERDICT_BIT: u64 = 1 << 62;

impl LineIndex {
    /// `None` when a slot cannot hold a line start and a few bits of hash.
    fn build(v: &Verdicts) -> Option<LineIndex> {
        let offset_bits = u32::BITS - u32::try_from(v.body().len() + 1).ok()?.leading_zeros();
        if offset_bits > u32::BITS - 6 || v.n == 0 {
            return None;
        }
        let size = (v.n * 3 / 2 + 1).next_power_of_two();
        let (mut slots, mask) = (vec![0u64; size].into_boxed_slice(), size - 1);
        let offset_mask = (1u32 << offset_bits) - 1;
        // Each line is put in [`BUILD_AHEAD`] lines after its slot was asked for (a prefetch),
        // in the lines' order as before: the same table, its writes' misses overlapped.
        let mut waiting = [(0usize, 0u64); BUILD_AHEAD];
        let put = |slots: &mut [u64], (mut at, value): (usize, u64)| {
            // (the lines are sorted strictly, so no word comes twice)
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = value;
        };
        let mut n = 0;
        for (start, word, verdict) in v.lines() {
            let h = Self::hash(word);
            let at = h as usize & mask;
            prefetch(slots.as_ptr().wrapping_add(at));
            let value = match arabic::pack(word) {
                Some(packed) => PACKED_BIT | if verdict { VERDICT_BIT } else { 0 } | packed,
                None => u64::from(((h >> 32) as u32 & !offset_mask) | (start as u32 + 1)),
            };
            let k = n % BUILD_AHEAD;
            if n >= BUILD_AHEAD {
                put(&mut slots, waiting[k]);
            }
            waiting[k] = (at, value);
            n += 1;
        }
        for i in n.saturating_sub(BUILD_AHEAD)..n {
            put(&mut slots, waiting[i % BUILD_AHEAD]);
        }
        let met = (0..size.div_ceil(64)).map(|_| AtomicU64::new(0)).collect();
        Some(LineIndex { slots, mask, offset_bits, met })
    }

    fn hash(word: &[u8]) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(word)
    }

    /// The hash of `word`, its probe's first slot asked for now (a prefetch: nothing waits for
    /// it) for a [`LineIndex::get_hashed`] a little later.
    #[inline]
    fn prefetch(&self, word: &[u8]) -> u64 {
        let h = Self::hash(word);
        prefetch(self.slots.as_ptr().wrapping_add(h as usize & self.mask));
        h
    }

    /// The verdict on `word`, or `None` when `v` does not have it (as [`Verdicts::by_search`]).
    fn get(&self, v: &Verdicts, word: &str) -> Option<bool> {
        self.get_hashed(v, word, Self::hash(word.as_bytes()))
    }

    /// [`LineIndex::get`] given the word's hash (`Self::hash`); a word found is marked met.
    #[inline]
    fn get_hashed(&self, v: &Verdicts, word: &str, h: u64) -> Option<bool> {
        let (at, verdict) = self.find(v, word.as_bytes(), h)?;
        let (cell, bit) = (&self.met[at / 64], 1u64 << (at % 64));
        if cell.load(Ordering::Relaxed) & bit == 0 {
            cell.fetch_or(bit, Ordering::Relaxed);
        }
        Some(verdict)
    }

    /// Whether `word` (a seeded word) was found through this index in this process.
    fn was_met(&self, v: &Verdicts, word: &[u8]) -> bool {
        self.find(v, word, Self::hash(word))
            .is_some_and(|(at, _)| self.met[at / 64].load(Ordering::Relaxed) & (1u64 << (at % 64)) != 0)
    }

    /// The slot and verdict of `word`, given its hash.
    fn find(&self, v: &Verdicts, word: &[u8], h: u64) -> Option<(usize, bool)> {
        let mut at = h as usize & self.mask;
        if let Some(packed) = arabic::pack(word) {
            // (a packable word was indexed packed: line slots are other words)
            let want = PACKED_BIT | packed;
            loop {
                let slot = self.slots[at];
                if slot == 0 {
                    return None;
                }
                if slot & !VERDICT_BIT == want {
                    return Some((at, slot & VERDICT_BIT != 0));
                }
                at = (at + 1) & self.mask;
            }
        }
        let offset_mask = (1u32 << self.offset_bits) - 1;
        let want = u64::from((h >> 32) as u32 & !offset_mask);
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return None;
            }
            if slot & PACKED_BIT == 0 && slot & u64::from(!offset_mask) == want {
                // A line start, the word, a tab, the verdict and the line's end: that line's word.
                let start = (slot & u64::from(offset_mask)) as usize - 1;
                let end = start + word.len();
                // (a line's word never holds a newline; one that did could run on into the
                // next line: asked only of a match, not of every word before its lookup)
                if v.body().get(start..end) == Some(word)
                    && v.body().get(end) == Some(&b'\t')
                    && v.body().get(end + 2) == Some(&b'\n')
                    && !word.contains(&b'\n')
                {
                    if let Some((verdict, _)) = v.body().get(end + 1).and_then(|&c| read_verdict_char(c)) {
                        return Some((at, verdict));
                    }
                }
            }
            at = (at + 1) & self.mask;
        }
    }
}

/// The header of a blob written now: its lines' verdict characters carry an age too.
const MAGIC: &str = "copydesk-verdicts 2";
/// The header of a blob written before ages: `0` and `1` are verdicts of age 0, so its lines
/// read as they are.
const MAGIC_1: &str = "copydesk-verdicts 1";

impl Verdicts {
    /// Check and take a blob written by [`Lexicon::verdicts_blob`] for the same `tag` (the
    /// adapter's hash of the dictionary files). `None` when it is for another tag, truncated,
    /// altered, or not one at all: the caller rebuilds it then.
    pub fn from_blob(blob: Vec<u8>, tag: u64) -> Option<Verdicts> {
        let nl = blob.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&blob[..nl]).ok()?;
        let mut parts = header.strip_prefix(MAGIC).or_else(|| header.strip_prefix(MAGIC_1))?.split_ascii_whitespace();
        let (t, n, sum) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || u64::from_str_radix(t, 16).ok()? != tag {
            return None;
        }
        let n: usize = n.parse().ok()?;
        let sum = u64::from_str_radix(sum, 16).ok()?;
        // (The body is read where it lies, after the header line: moving the 2.6 MB of a
        // desk's cache down over it was 4% of a fresh process's samples.)
        let from = nl + 1;
        let body = &blob[from..];
        if checksum(body) != sum || u32::try_from(body.len()).is_err() {
            return None;
        }
        if body.last().is_some_and(|&b| b != b'\n') {
            return None;
        }
        // Written sorted with a verdict on every line: the checksum says the body is the one
        // written, the count that the header is its own. (Checking each line's order too cost
        // a fresh process 2–3 ms on a desk's 120,000 verdicts, more than its story; a line
        // out of order could only give a wrong verdict, never a crash: see `line_at`.)
        let count = body.iter().filter(|&&b| b == b'\n').count();
        (count == n).then(|| Verdicts { blob, from, n, ..Verdicts::default() })
    }

    /// The lines, sorted: `word\t0|1\n` each.
    fn body(&self) -> &[u8] {
        self.blob.get(self.from..).unwrap_or(&[])
    }

    /// A blob of `n` lines `body`, under a header for `tag`.
    fn blob_of_body(tag: u64, n: usize, body: &[u8]) -> Vec<u8> {
        let mut out = format!("{MAGIC} {tag:x} {n} {:x}\n", checksum(body)).into_bytes();
        out.extend_from_slice(body);
        out
    }

    /// The line starting at byte `start` as (word bytes, verdict, age, the next line's start).
    fn line_at(&self, start: usize) -> Option<(&[u8], bool, u8, usize)> {
        let body = self.body();
        let rest = body.get(start..)?;
        let end = start + rest.iter().position(|&b| b == b'\n')?;
        let line = &body[start..end];
        let (word, v) = line.split_at(line.len().checked_sub(2)?);
        match *v {
            [b'\t', c] => read_verdict_char(c).map(|(v, age)| (word, v, age, end + 1)),
            _ => None,
        }
    }

    /// Every line as (its start, word bytes, verdict, age), in order.
    fn aged_lines(&self) -> impl Iterator<Item = (usize, &[u8], bool, u8)> {
        let mut at = 0;
        std::iter::from_fn(move || {
            let (word, v, age, next) = self.line_at(at)?;
            let start = std::mem::replace(&mut at, next);
            Some((start, word, v, age))
        })
    }

    /// Every line as (its start, word bytes, verdict), in order.
    fn lines(&self) -> impl Iterator<Item = (usize, &[u8], bool)> {
        self.aged_lines().map(|(start, word, v, _)| (start, word, v))
    }

    pub fn get(&self, word: &str) -> Option<bool> {
        let index = match self.index.get() {
            Some(index) => index.as_ref(),
            None if self.asked.fetch_add(1, Ordering::Relaxed) >= INDEX_AFTER => {
                self.index.get_or_init(|| LineIndex::build(self)).as_ref()
            }
            None => None,
        };
        match index {
            Some(index) => index.get(self, word),
            None => self.by_search(word),
        }
    }

    /// Build the line index now, as after [`INDEX_AFTER`] searches. It is built before it is
    /// offered, so a check asking meanwhile searches as before instead of waiting for it (a
    /// keystroke in a fresh server waited out the whole build).
    fn warm(&self) {
        if self.index.get().is_none() {
            let _ = self.index.set(LineIndex::build(self));
        }
    }

    /// The line index, once built.
    fn indexed(&self) -> Option<&LineIndex> {
        self.index.get().and_then(Option::as_ref)
    }

    /// [`Verdicts::get`] by binary search in the blob.
    /// `lo` and `hi` are always line starts (or the end); each probe reads the line around the
    /// middle byte.
    fn by_search(&self, word: &str) -> Option<bool> {
        self.line_of(word).map(|(_, v)| v)
    }

    /// The start of `word`'s line and its verdict, by binary search.
    fn line_of(&self, word: &str) -> Option<(usize, bool)> {
        let body = self.body();
        let (mut lo, mut hi) = (0, body.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = body[lo..mid].iter().rposition(|&b| b == b'\n').map_or(lo, |i| lo + i + 1);
            let (w, v, _, next) = self.line_at(start)?;
            match w.cmp(word.as_bytes()) {
                std::cmp::Ordering::Less => lo = next,
                std::cmp::Ordering::Greater => hi = start,
                std::cmp::Ordering::Equal => return Some((start, v)),
            }
        }
        None
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// A fast 64-bit checksum of `bytes` (not cryptographic: it catches truncation and damage).
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    // A tiny Hunspell pair: enough to tell known words from unknown ones.
    const AFF: &str = "SET UTF-8\nPFX A Y 1\nPFX A 0 ال .\n";
    const DIC: &str = "3\nكتاب/A\nقلم\nمدرسة/A\n";

    #[test]
    fn eager_and_lazy_agree_and_remember() {
        let eager = Lexicon::from_hunspell(AFF, DIC).unwrap();
        let lazy = Lexicon::lazy(AFF.into(), DIC.into(), Verdicts::default());
        assert!(!lazy.is_parsed());
        for w in ["كتاب", "الكتاب", "قلم", "القلم", "مدرسة", "مدرسه", "😀", "", "كِتاب"]
        {
            assert_eq!(eager.knows(w), lazy.knows(w), "{w}");
            assert_eq!(eager.knows_with_clitics(w), lazy.knows_with_clitics(w), "{w}");
        }
        assert!(lazy.is_parsed());
        assert!(eager.knows("الكتاب") && !eager.knows("القلم") && !eager.knows("مدرسه"));
        assert!(eager.memo.len() >= 9, "every verdict is remembered");
    }

    #[test]
    fn a_warmed_lexicon_answers_as_a_cold_one() {
        let (seed, words) = numbered_seed(200);
        let (again, _) = numbered_seed(200);
        let cold = Lexicon::lazy(AFF.into(), DIC.into(), seed);
        let warmed = Lexicon::lazy(AFF.into(), DIC.into(), again);
        warmed.warm();
        assert!(warmed.is_compiled() && warmed.seed.indexed().is_some(), "built before any question");
        assert!(!cold.is_compiled() && cold.seed.indexed().is_none());
        let unseeded = ["والمدرسة", "كتابات", "قلمم", "مدرسته", "كتاز", "😀", ""];
        for w in words.iter().map(String::as_str).chain(PACKING_EDGES).chain(unseeded) {
            assert_eq!(warmed.knows(w), cold.knows(w), "{w}");
            assert_eq!(warmed.knows_with_clitics(w), cold.knows_with_clitics(w), "{w}");
        }
        // Warming twice builds nothing again.
        warmed.warm();
        assert!(warmed.knows("الكتاب") && !warmed.knows("القلم"));
    }

    #[test]
    fn verdicts_round_trip_and_answer_without_parsing() {
        let eager = Lexicon::from_hunspell(AFF, DIC).unwrap();
        for w in ["كتاب", "مدرسه", "الكتاب", "zz"] {
            eager.knows(w);
        }
        let blob = eager.verdicts_blob(7, 100).unwrap();
        let seed = Verdicts::from_blob(blob.clone(), 7).unwrap();
        assert_eq!(seed.len(), 4);
        // The dictionary text is garbage: answering from the seed must not need it.
        let lazy = Lexicon::lazy("x".into(), "y".into(), seed);
        assert!(lazy.knows("كتاب") && lazy.knows("الكتاب") && !lazy.knows("مدرسه") && !lazy.knows("zz"));
        assert!(!lazy.is_parsed());
        // Nothing new decided: nothing to write back.
        assert!(lazy.verdicts_blob(7, 100).is_none());
        // Another dictionary (another tag) never uses these verdicts.
        assert!(Verdicts::from_blob(blob, 8).is_none());
    }

    /// A seed of `n` verdicts (of numbered words, every third one known) and the words.
    fn numbered_seed(n: usize) -> (Verdicts, Vec<String>) {
        let eager = Lexicon::from_hunspell(AFF, DIC).unwrap();
        let words: Vec<String> = (0..n).map(|i| format!("{}{i}", ["كتاب", "قلم", "ب"][i % 3])).collect();
        for w in words.iter().map(String::as_str).chain(["كتاب", "الكتاب", "مدرسة", "مدرسه"]).chain(PACKING_EDGES)
        {
            eager.knows(w);
        }
        (Verdicts::from_blob(eager.verdicts_blob(5, n + 20).unwrap(), 5).unwrap(), words)
    }

    /// Words on either side of what a slot holds packed: nine letters and ten, letters at the
    /// ends of the packed range (ء, ي), tatweel inside it (U+0640), a haraka (U+064B) and a
    /// letter (پ) outside it.
    const PACKING_EDGES: [&str; 8] = ["المدرستان", "والمدرستان", "ءي", "يء", "كتـاب", "كتاً", "پاكستان", "ي"];

    #[test]
    fn the_index_and_the_search_agree() {
        let (seed, words) = numbered_seed(3000);
        let index = LineIndex::build(&seed).unwrap();
        assert!(index.slots.len() >= seed.len() * 3 / 2 && index.slots.len() <= seed.len() * 3);
        let odd = ["", "x", "ك", "كتاب1x", "كتاب\t1", "كتاب\t1\nالكتاب", "\n", "\t1", "كتا", "قلمان", "1"];
        for w in
            words.iter().map(String::as_str).chain(["كتاب", "الكتاب", "مدرسة", "مدرسه"]).chain(PACKING_EDGES).chain(odd)
        {
            assert_eq!(index.get(&seed, w), seed.by_search(w), "{w:?}");
            // a prefix or an extension of a seeded word is another word
            let longer = format!("{w}ة");
            assert_eq!(index.get(&seed, &longer), seed.by_search(&longer), "{longer:?}");
            if let Some((at, _)) = w.char_indices().last().filter(|&(at, _)| at > 0) {
                assert_eq!(index.get(&seed, &w[..at]), seed.by_search(&w[..at]), "{:?}", &w[..at]);
            }
        }
        let mut n = 0;
        for (_, w, v) in seed.lines() {
            let w = std::str::from_utf8(w).unwrap();
            assert_eq!((seed.by_search(w), index.get(&seed, w)), (Some(v), Some(v)), "{w}");
            n += 1;
        }
        assert_eq!(n, seed.len());
        assert_eq!(index.get(&seed, "الكتاب"), Some(true));
        assert_eq!(index.get(&seed, "مدرسه"), Some(false));
        assert_eq!(index.get(&seed, "قلم1"), Some(false));
        assert_eq!(index.get(&seed, "قلمان"), None);
        // An empty seed is never indexed.
        assert!(LineIndex::build(&Verdicts::default()).is_none());
    }

    #[test]
    fn a_long_run_indexes_the_seed_and_keeps_seeded_words_out_of_the_memo() {
        let (seed, words) = numbered_seed(INDEX_AFTER + 2000);
        let eager = Lexicon::from_hunspell(AFF, DIC).unwrap();
        let lazy = Lexicon::lazy(AFF.into(), DIC.into(), seed);
        for w in &words[..INDEX_AFTER] {
            assert_eq!(lazy.knows(w), eager.knows(w), "{w}");
        }
        assert!(lazy.seed.indexed().is_none(), "a story's worth of questions never builds the index");
        // The memo keeps what the search answered, until the index is there.
        for w in &words[INDEX_AFTER..] {
            assert_eq!(lazy.knows(w), eager.knows(w), "{w}");
        }
        assert!(lazy.seed.indexed().is_some());
        let before = lazy.memo.len();
        assert!(before <= INDEX_AFTER + 1, "{before}");
        for w in words.iter().rev().chain(&words) {
            assert_eq!(lazy.knows(w), eager.knows(w), "{w}");
        }
        assert_eq!(lazy.memo.len(), before, "seeded words answered by the index are not memoised");
        assert!(!lazy.is_parsed(), "the seed answered every question");
        assert!(lazy.verdicts_blob(5, 1 << 20).is_none(), "nothing new to write");
        // A word the seed lacks is decided, memoised and written back, unless the shapes
        // reject it (built at the first miss of a run this long).
        let new = ["والكتاب", "مدرستي", "أقلام", "المدرسة"];
        for w in new {
            assert_eq!(lazy.knows(w), eager.knows(w), "{w:?}");
            assert_eq!(lazy.knows(w), eager.knows(w), "{w:?}");
        }
        let shapes = lazy.compiled.get().and_then(Option::as_ref).unwrap();
        let passed = new.iter().filter(|w| !shapes.surely_rejects(w)).count();
        assert!(passed >= 1 && !shapes.surely_rejects("المدرسة"));
        // (the first miss is memoised before the shapes are there to reject it)
        assert!(lazy.memo.len() >= before + passed && lazy.memo.len() <= before + passed + 1);
        for w in words.iter().step_by(7) {
            assert_eq!(lazy.knows_with_clitics(w), eager.knows_with_clitics(w), "{w}");
        }
        let fresh = lazy
            .memo
            .entries()
            .iter()
            .filter(|(w, _)| lazy.seed.by_search(w).is_none() && !shapes.surely_rejects(w))
            .count();
        assert!(fresh >= passed, "{fresh}");
        let again = Verdicts::from_blob(lazy.verdicts_blob(5, 1 << 20).unwrap(), 5).unwrap();
        // (The seed holds every numbered word; of the plain words asked after them, those the
        // compiled checker rejected by their shape alone were never memoised, so not written.)
        assert!(lazy.seed.len() >= words.len() + 4 && lazy.seed.len() <= words.len() + 4 + PACKING_EDGES.len());
        assert_eq!(again.len(), lazy.seed.len() + fresh);
        assert_eq!(again.by_search("المدرسة"), Some(true));
    }

    #[test]
    fn damaged_blobs_are_refused() {
        let eager = Lexicon::from_hunspell(AFF, DIC).unwrap();
        for w in ["كتاب", "مدرسه", "الكتاب", "قلم", "أقلام"] {
            eager.knows(w);
        }
        let blob = eager.verdicts_blob(1, 100).unwrap();
        assert!(Verdicts::from_blob(blob.clone(), 1).is_some());
        for cut in [0, 1, 10, blob.len() / 2, blob.len() - 1] {
            assert!(Verdicts::from_blob(blob[..cut].to_vec(), 1).is_none(), "truncated at {cut}");
        }
        for at in [blob.len() - 2, blob.len() - 8, blob.iter().position(|&b| b == b'\n').unwrap() + 1] {
            let mut bad = blob.clone();
            bad[at] ^= 0x01;
            assert!(Verdicts::from_blob(bad, 1).is_none(), "flipped byte {at}");
        }
        assert!(Verdicts::from_blob(b"not a cache\n".to_vec(), 1).is_none());
        assert!(Verdicts::from_blob(Vec::new(), 1).is_none());
    }

    /// The (word, verdict, age) of every line of `v`.
    fn aged(v: &Verdicts) -> Vec<(String, bool, u8)> {
        v.aged_lines().map(|(_, w, v, age)| (String::from_utf8(w.to_vec()).unwrap(), v, age)).collect()
    }

    #[test]
    fn a_full_blob_keeps_what_was_met_and_drops_the_oldest() {
        let eager = Lexicon::from_hunspell(AFF, DIC).unwrap();
        for w in ["كتاب", "قلم"] {
            eager.knows(w);
        }
        let seed = Verdicts::from_blob(eager.verdicts_blob(3, 10).unwrap(), 3).unwrap();
        let lazy = Lexicon::lazy(AFF.into(), DIC.into(), seed);
        // كتاب is met again, قلم is not; two words are new.
        for w in ["كتاب", "مدرسة", "مدرسه"] {
            lazy.knows(w);
        }
        let with_room = Verdicts::from_blob(lazy.verdicts_blob(3, 10).unwrap(), 3).unwrap();
        let want = [("قلم", true, 1), ("كتاب", true, 0), ("مدرسة", true, 0), ("مدرسه", false, 0)];
        let want: Vec<(String, bool, u8)> = want.iter().map(|&(w, v, a)| (w.to_string(), v, a)).collect();
        let mut got = aged(&with_room);
        got.sort();
        let mut sorted = want.clone();
        sorted.sort();
        assert_eq!(got, sorted, "the word not met is a run older");
        // Full: the oldest goes.
        let three = Verdicts::from_blob(lazy.verdicts_blob(3, 3).unwrap(), 3).unwrap();
        assert_eq!(three.len(), 3);
        assert_eq!(three.get("قلم"), None, "not met: dropped");
        assert_eq!((three.get("كتاب"), three.get("مدرسة"), three.get("مدرسه")), (Some(true), Some(true), Some(false)));
        // A word met in two runs goes after the new ones; when it leaves no room for any of
        // them, only ages would change: nothing is written.
        assert!(lazy.verdicts_blob(3, 1).is_none());
        // An age never passes MAX_AGE, and a seeded word's verdict never changes with it.
        let mut seed = with_room;
        for _ in 0..MAX_AGE + 3 {
            let lex = Lexicon::lazy(AFF.into(), DIC.into(), seed);
            lex.knows("كتاب");
            lex.knows(&format!("كتاب{}", lex.seed.len()));
            seed = Verdicts::from_blob(lex.verdicts_blob(3, 100).unwrap(), 3).unwrap();
        }
        let ages: FxHashMap<String, (bool, u8)> = aged(&seed).into_iter().map(|(w, v, a)| (w, (v, a))).collect();
        assert_eq!(ages["قلم"], (true, MAX_AGE));
        assert_eq!(ages["مدرسه"], (false, MAX_AGE));
        assert_eq!(ages["كتاب"], (true, 0));
        // Nothing new decided: nothing written, however many seeded words were met.
        let lex = Lexicon::lazy(AFF.into(), DIC.into(), seed);
        assert!(lex.knows("كتاب") && !lex.knows("مدرسه"));
        assert!(lex.verdicts_blob(3, 1).is_none() && lex.verdicts_blob(3, 100).is_none());
    }

    #[test]
    fn a_full_cache_is_rewritten_only_for_enough_new_words() {
        let eager = Lexicon::from_hunspell(AFF, DIC).unwrap();
        let words: Vec<String> = (0..500).map(|i| format!("كتاب{i}")).collect();
        for w in &words {
            eager.knows(w);
        }
        let seed = Verdicts::from_blob(eager.verdicts_blob(3, 500).unwrap(), 3).unwrap();
        assert_eq!(seed.len(), 500);
        let lazy = Lexicon::lazy(AFF.into(), DIC.into(), seed);
        lazy.knows("مدرسة");
        // One new word in a full cache of 500: fewer than one in FULL_REWRITE_SHARE.
        assert!(lazy.verdicts_blob(3, 500).is_none(), "a story's few words leave a full cache as it is");
        assert_eq!(Verdicts::from_blob(lazy.verdicts_blob(3, 2000).unwrap(), 3).unwrap().len(), 501, "room: written");
        lazy.knows("مدرسه");
        let full = Verdicts::from_blob(lazy.verdicts_blob(3, 500).unwrap(), 3).unwrap();
        assert_eq!(full.len(), 500, "two new words in 500 pay for the rewrite, within the cap");
        assert_eq!((full.get("مدرسة"), full.get("مدرسه")), (Some(true), Some(false)));
    }

    #[test]
    fn the_cut_drops_as_a_full_sort_would() {
        let words: Vec<String> = (0..600).map(|i| format!("كتاب{i}")).collect();
        // Ages 0..=MAX_AGE spread unevenly; every third word new (age 0).
        let class = |i: usize| {
            if i % 3 == 0 {
                rank(0, true)
            } else {
                rank(((i * 7) % 23).min(MAX_AGE as usize) as u8, false)
            }
        };
        let mut counts = [0usize; RANKS];
        for i in 0..600 {
            counts[class(i)] += 1;
        }
        for over in [0, 1, 37, 150, 199, 200, 201, 299, 300, 301, 599, 600] {
            let mut want: Vec<usize> = (0..600).collect();
            want.sort_by_key(|&i| (class(i), LineIndex::hash(words[i].as_bytes())));
            want.truncate(600 - over);
            want.sort_unstable();
            let mut cut = Cut::new(&counts, over, |c| {
                (0..600).filter(|&i| class(i) == c).map(|i| LineIndex::hash(words[i].as_bytes())).collect()
            });
            let got: Vec<usize> = (0..600).filter(|&i| cut.keeps(class(i), words[i].as_bytes())).collect();
            assert_eq!(got, want, "over {over}");
        }
    }

    #[test]
    fn a_blob_of_the_first_format_reads_as_age_zero() {
        let body = "قلم\t1\nكتاب\t1\nمدرسه\t0\n";
        let mut blob = format!("{MAGIC_1} 9 3 {:x}\n", checksum(body.as_bytes())).into_bytes();
        blob.extend_from_slice(body.as_bytes());
        let v = Verdicts::from_blob(blob, 9).unwrap();
        assert_eq!((v.get("قلم"), v.get("مدرسه"), v.get("كتب")), (Some(true), Some(false), None));
        assert!(aged(&v).iter().all(|&(_, _, age)| age == 0));
        // A character past the oldest age is no verdict.
        assert_eq!(read_verdict_char(verdict_char(true, MAX_AGE) + 1), None);
        assert_eq!(read_verdict_char(verdict_char(false, 200)), Some((false, MAX_AGE)));
    }

    #[test]
    fn the_index_marks_what_it_answered_and_the_blob_keeps_it() {
        let (seed, words) = numbered_seed(3000);
        let n = seed.len();
        let lazy = Lexicon::lazy(AFF.into(), DIC.into(), seed);
        // Indexed, and no compiled form yet (no shape test): every question reaches the index.
        lazy.seed.warm();
        // (Fifty: the one new word below must be one in FULL_REWRITE_SHARE of the cap for a
        // full cache to be written at all.)
        let asked = &words[..50];
        for w in asked {
            lazy.knows(w);
        }
        assert_eq!(lazy.memo.len(), 0, "the index answered them all");
        assert!(lazy.knows("الكتاب"), "seeded");
        assert!(lazy.knows("المدرسة"), "new (and known: the shapes pass it)");
        let keep = asked.len() + 2;
        let kept = Verdicts::from_blob(lazy.verdicts_blob(5, keep).unwrap(), 5).unwrap();
        assert_eq!(kept.len(), keep);
        for w in asked.iter().map(String::as_str).chain(["الكتاب", "المدرسة"]) {
            assert_eq!(kept.get(w), Some(lazy.knows(w)), "{w}");
        }
        // With room for them all, nothing is dropped.
        let all = Verdicts::from_blob(lazy.verdicts_blob(5, n + 10).unwrap(), 5).unwrap();
        assert_eq!(all.len(), n + 1);
    }

    #[test]
    fn concurrent_first_use_parses_once_and_agrees() {
        let eager = Lexicon::from_hunspell(AFF, DIC).unwrap();
        let lazy = std::sync::Arc::new(Lexicon::lazy(AFF.into(), DIC.into(), Verdicts::default()));
        let words = ["كتاب", "الكتاب", "قلم", "القلم", "مدرسة", "مدرسه", "ومدرسة"];
        let handles: Vec<_> = (0..8)
            .map(|t| {
                let lazy = lazy.clone();
                std::thread::spawn(move || {
                    (0..200).map(|i| lazy.knows_with_clitics(words[(i + t) % words.len()])).collect::<Vec<bool>>()
                })
            })
            .collect();
        for (t, h) in handles.into_iter().enumerate() {
            let got = h.join().unwrap();
            for (i, v) in got.into_iter().enumerate() {
                assert_eq!(v, eager.knows_with_clitics(words[(i + t) % words.len()]));
            }
        }
        assert!(lazy.is_parsed());
    }

    #[test]
    fn the_memo_stays_bounded() {
        let memo = Memo::default();
        let n = MEMO_CAP + MEMO_CAP / 2;
        for i in 0..n {
            memo.insert(&i.to_string(), i % 2 == 0);
        }
        assert!(memo.len() <= MEMO_CAP && memo.len() > MEMO_CAP / 4, "{}", memo.len());
        // The newest verdict is always kept.
        assert_eq!(memo.get(&(n - 1).to_string()), Some((n - 1) % 2 == 0));
    }

    #[test]
    fn a_memo_shard_never_answers_for_another_word() {
        let mut shard = Shard::default();
        shard.insert("كتاب", 7, true);
        shard.insert("قلم", 8, false);
        assert_eq!((shard.get("كتاب", 7), shard.get("قلم", 8)), (Some(true), Some(false)));
        // Another word with the same key is not taken for the kept one; put in, it takes the
        // key's place, and the earlier word is asked again.
        assert_eq!(shard.get("مدرسة", 7), None);
        shard.insert("مدرسة", 7, false);
        assert_eq!((shard.get("مدرسة", 7), shard.get("كتاب", 7)), (Some(false), None));
        let mut kept: Vec<(&str, bool)> = shard.entries().collect();
        kept.sort_unstable();
        assert_eq!(kept, [("قلم", false), ("مدرسة", false)]);
        // A word too long for its length byte is not remembered, and breaks nothing.
        let long = "ب".repeat(200);
        shard.insert(&long, 9, true);
        assert_eq!((shard.get(&long, 9), shard.get("قلم", 8)), (None, Some(false)));
        assert_eq!(shard.get("", 10), None);
        // Two words sharing a key, asked in turn for ever, never grow the buffer past its
        // bound.
        for i in 0..MEMO_BYTES_PER_SHARD / 8 {
            shard.insert(if i % 2 == 0 { "كتاب" } else { "مدرسة" }, 7, true);
            assert!(shard.words.len() <= MEMO_BYTES_PER_SHARD);
        }
    }
}
