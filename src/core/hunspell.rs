//! Our own Hunspell checker for the features real dictionaries like Debian's `ar` use, compiled
//! to one flat blob that loads without parsing.
//!
//! [`Compiled::from_hunspell`] parses `.aff` and `.dic` text; [`Compiled::to_blob`] and
//! [`Compiled::from_blob`] write and read the flat form (a versioned header, a tag the caller
//! chooses — the adapter's hash of the text — a checksum, then arrays of little-endian integers);
//! [`Compiled::check`] answers what `spellbook::Dictionary::check` answers for the same text. The
//! equivalence is binding (a wrong verdict changes findings) and tested against spellbook on the
//! installed `ar` dictionary (`tests/hunspell_equivalence.rs`).
//!
//! What is supported, with spellbook's semantics for `check`: stems (homonyms kept apart), one
//! prefix and/or one suffix (cross product), twofold suffixes through continuation flags
//! (suffix+suffix, prefix+two suffixes, suffix+prefix+suffix), `FLAG` short/long/num/UTF-8, `AF`
//! aliases, conditions (`.`, `[…]`, `[^…]`), strip strings, `IGNORE`, `ICONV`, `BREAK`,
//! `NEEDAFFIX`, `ONLYINCOMPOUND`, `CIRCUMFIX`, numbers, a trailing dot, cased words. Anything
//! else that could change a verdict (compounding, `COMPLEXPREFIXES`, `KEEPCASE`, `CHECKSHARPS`,
//! Turkic casing, a forbidden stem, escaped or spaced `.dic` entries…) is
//! [`Error::Unsupported`]: the caller then uses spellbook, never a guess.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// Why a dictionary was not compiled, or a blob not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The dictionary uses a feature this checker does not implement (use spellbook).
    Unsupported(String),
    /// The text is not a dictionary spellbook would load either.
    Malformed(String),
    /// A blob that is not a whole compiled dictionary for this tag (rebuild it).
    BadBlob(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unsupported(s) => write!(f, "unsupported Hunspell feature: {s}"),
            Error::Malformed(s) => write!(f, "malformed Hunspell dictionary: {s}"),
            Error::BadBlob(s) => write!(f, "compiled dictionary rejected: {s}"),
        }
    }
}

type Flag = u16;

/// The longest word spellbook checks (longer ones are rejected).
const MAX_WORD_LEN: usize = 360;
/// spellbook's (and Hunspell's) default `FORBIDDENWORD` flag.
const DEFAULT_FORBIDDEN: Flag = 65510;
const NO_COND: u32 = u32::MAX;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FlagType {
    Short,
    Long,
    Num,
    Utf8,
}

fn flag_of(ty: FlagType, s: &str) -> Result<Flag, Error> {
    let bad = |why: &str| Error::Malformed(format!("flag {s:?}: {why}"));
    let v = match ty {
        FlagType::Short => u16::from(*s.as_bytes().first().ok_or_else(|| bad("empty"))?),
        FlagType::Long => {
            let b = s.as_bytes();
            if b.len() < 2 {
                return Err(bad("a long flag needs two characters"));
            }
            u16::from_le_bytes([b[0], b[1]])
        }
        FlagType::Num => s.parse::<u16>().map_err(|_| bad("not a number"))?,
        FlagType::Utf8 => s.encode_utf16().next().ok_or_else(|| bad("empty"))?,
    };
    if v == 0 {
        return Err(bad("flag zero"));
    }
    Ok(v)
}

fn flags_of(ty: FlagType, s: &str) -> Result<Vec<Flag>, Error> {
    let bad = |why: &str| Error::Malformed(format!("flags {s:?}: {why}"));
    if s.is_empty() {
        return Ok(Vec::new());
    }
    let mut out: Vec<Flag> = match ty {
        FlagType::Short => s.bytes().map(u16::from).collect(),
        FlagType::Long => {
            let b = s.as_bytes();
            if b.len() % 2 == 1 {
                return Err(bad("odd length for long flags"));
            }
            b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect()
        }
        FlagType::Num => {
            if s.contains(",,") {
                return Err(bad("two commas"));
            }
            let mut v = Vec::new();
            for part in s.split(',') {
                v.push(part.parse::<u16>().map_err(|_| bad("not a number"))?);
            }
            v
        }
        FlagType::Utf8 => s.encode_utf16().collect(),
    };
    if out.contains(&0) {
        return Err(bad("flag zero"));
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// A flag set given in a `.dic` line or after an affix's `/`: an `AF` alias number or flags.
fn decode_flags(ty: FlagType, aliases: &[Vec<Flag>], s: &str) -> Result<Vec<Flag>, Error> {
    if ty != FlagType::Num && !aliases.is_empty() {
        if let Some(i) = s.parse::<u16>().ok().map(usize::from).filter(|&i| i > 0 && i <= aliases.len()) {
            return Ok(aliases[i - 1].clone());
        }
    }
    flags_of(ty, s)
}

/// One element of an affix condition.
#[derive(Clone, Debug, PartialEq, Eq)]
enum CondElem {
    Any,
    Lit(char),
    Class(bool, Vec<char>),
}

/// Compile a condition the way spellbook validates it: `[` opens a class (`^` first negates it),
/// the class ends at the first `]`, an empty class or an unmatched bracket is an error.
fn compile_condition(s: &str) -> Result<Vec<CondElem>, Error> {
    let bad = |why: &str| Error::Malformed(format!("condition {s:?}: {why}"));
    let mut out = Vec::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            ']' => return Err(bad("unopened character class")),
            '[' => {
                let rest = chars.as_str();
                let (neg, rest) = match rest.strip_prefix('^') {
                    Some(r) => (true, r),
                    None if rest.is_empty() => return Err(bad("unclosed character class")),
                    None => (false, rest),
                };
                let end = rest.find(']').ok_or_else(|| bad("unclosed character class"))?;
                if end == 0 {
                    return Err(bad("empty character class"));
                }
                out.push(CondElem::Class(neg, rest[..end].chars().collect()));
                chars = rest[end + 1..].chars();
            }
            '.' => out.push(CondElem::Any),
            c => out.push(CondElem::Lit(c)),
        }
    }
    Ok(out)
}

/// An affix as parsed, before flattening.
struct RawAffix {
    flag: Flag,
    cross: bool,
    strip: String,
    add: String,
    cond: Option<Vec<CondElem>>,
    cont: Vec<Flag>,
}

/// Lines of `.aff` or `.dic` text the way spellbook walks them: a BOM dropped, comment lines
/// (`#` after leading space) skipped, each line split at whitespace.
struct Lines<'t> {
    lines: std::iter::Peekable<std::str::Lines<'t>>,
    words: Option<std::str::SplitWhitespace<'t>>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.lines().peekable();
        while lines.next_if(|l| l.trim_start().starts_with('#')).is_some() {}
        let words = lines.peek().map(|l| l.split_whitespace());
        Lines { lines, words }
    }
    fn finished(&mut self) -> bool {
        self.lines.peek().is_none()
    }
    fn advance(&mut self) {
        self.lines.next();
        while self.lines.next_if(|l| l.trim_start().starts_with('#')).is_some() {}
        self.words = self.lines.peek().map(|l| l.split_whitespace());
    }
    fn line(&mut self) -> Option<&'t str> {
        self.lines.peek().copied()
    }
    fn word(&mut self) -> Option<&'t str> {
        self.words.as_mut()?.next()
    }
    fn one(&mut self, key: &str) -> Result<&'t str, Error> {
        self.word().ok_or_else(|| Error::Malformed(format!("{key} needs a value")))
    }
    fn count(&mut self, key: &str) -> Result<usize, Error> {
        self.one(key)?.parse().map_err(|_| Error::Malformed(format!("{key}: bad row count")))
    }
    /// The next row of a table `key`: its words after the key.
    fn row(&mut self, key: &str) -> Result<(), Error> {
        self.advance();
        if self.finished() || self.word() != Some(key) {
            return Err(Error::Malformed(format!("{key}: fewer rows than announced")));
        }
        Ok(())
    }
}

/// The parsed `.aff` options that matter for checking.
struct Aff {
    ty: FlagType,
    aliases: Vec<Vec<Flag>>,
    ignore: Vec<char>,
    iconv: Vec<(String, String)>,
    breaks: Vec<String>,
    pfx: Vec<RawAffix>,
    sfx: Vec<RawAffix>,
    need_affix: Option<Flag>,
    only_in_compound: Option<Flag>,
    circumfix: Option<Flag>,
    forbidden: Flag,
}

fn unsupported(key: &str) -> Error {
    Error::Unsupported(key.to_string())
}

fn parse_aff(text: &str) -> Result<Aff, Error> {
    let mut a = Aff {
        ty: FlagType::Short,
        aliases: Vec::new(),
        ignore: Vec::new(),
        iconv: Vec::new(),
        breaks: vec!["^-".into(), "-".into(), "-$".into()],
        pfx: Vec::new(),
        sfx: Vec::new(),
        need_affix: None,
        only_in_compound: None,
        circumfix: None,
        forbidden: DEFAULT_FORBIDDEN,
    };
    let mut l = Lines::new(text);
    while !l.finished() {
        if let Some(key) = l.word() {
            match key {
                "FLAG" => {
                    a.ty = match l.one(key)? {
                        "long" => FlagType::Long,
                        "num" => FlagType::Num,
                        "UTF-8" => FlagType::Utf8,
                        other => return Err(Error::Malformed(format!("unknown FLAG type {other:?}"))),
                    }
                }
                "NEEDAFFIX" => a.need_affix = Some(flag_of(a.ty, l.one(key)?)?),
                "ONLYINCOMPOUND" => a.only_in_compound = Some(flag_of(a.ty, l.one(key)?)?),
                "CIRCUMFIX" => a.circumfix = Some(flag_of(a.ty, l.one(key)?)?),
                "FORBIDDENWORD" => a.forbidden = flag_of(a.ty, l.one(key)?)?,
                // Flags that only suggestions (or FORBIDWARN, unsupported) read: validated.
                "NOSUGGEST" | "SUBSTANDARD" | "WARN" => {
                    flag_of(a.ty, l.one(key)?)?;
                }
                "MAXCPDSUGS" | "MAXNGRAMSUGS" | "MAXDIFF" => {
                    l.one(key)?.parse::<u16>().map_err(|_| Error::Malformed(format!("{key}: not a number")))?;
                }
                "ONLYMAXDIFF" | "NOSPLITSUGS" | "SUGSWITHDOTS" | "FULLSTRIP" => {}
                "KEY" | "TRY" => {
                    l.one(key)?;
                }
                "LANG" => {
                    if matches!(l.one(key)?, "tr" | "tr_TR" | "az" | "crh") {
                        return Err(unsupported("LANG with Turkic casing"));
                    }
                }
                "IGNORE" => a.ignore = l.one(key)?.chars().collect(),
                "REP" | "ICONV" | "OCONV" => {
                    let n = l.count(key)?;
                    for _ in 0..n {
                        l.row(key)?;
                        let from = l.one(key)?;
                        let to = l.one(key)?;
                        if key == "ICONV" {
                            a.iconv.push((from.to_string(), to.to_string()));
                        }
                    }
                }
                "MAP" | "BREAK" | "AF" => {
                    let n = l.count(key)?;
                    if key == "BREAK" {
                        a.breaks.clear();
                    }
                    for _ in 0..n {
                        l.row(key)?;
                        let v = l.one(key)?;
                        match key {
                            "BREAK" => a.breaks.push(v.to_string()),
                            "AF" => a.aliases.push(flags_of(a.ty, v)?),
                            _ => {}
                        }
                    }
                }
                "PFX" | "SFX" => {
                    let flag_str = l.one(key)?;
                    let flag = flag_of(a.ty, flag_str)?;
                    let cross = match l.one(key)? {
                        "Y" => true,
                        "N" => false,
                        _ => return Err(Error::Malformed(format!("{key} {flag_str}: cross product not Y/N"))),
                    };
                    let n = l.count(key)?;
                    for _ in 0..n {
                        l.row(key)?;
                        if l.word() != Some(flag_str) {
                            return Err(Error::Malformed(format!("{key} {flag_str}: a row of another flag")));
                        }
                        let strip = match l.one(key)? {
                            "0" => "",
                            s => s,
                        };
                        let word = l.one(key)?;
                        let (add, cont) = word.split_once('/').unwrap_or((word, ""));
                        let add = if add == "0" { "" } else { add };
                        let cond = match l.word() {
                            None | Some(".") => None,
                            Some(c) => Some(compile_condition(c)?),
                        };
                        let cont = decode_flags(a.ty, &a.aliases, cont)?;
                        let raw = RawAffix { flag, cross, strip: strip.into(), add: add.into(), cond, cont };
                        if key == "PFX" {
                            a.pfx.push(raw);
                        } else {
                            a.sfx.push(raw);
                        }
                    }
                }
                "COMPOUNDFLAG"
                | "COMPOUNDBEGIN"
                | "COMPOUNDMIDDLE"
                | "COMPOUNDEND"
                | "COMPOUNDPERMITFLAG"
                | "COMPOUNDFORBIDFLAG"
                | "COMPOUNDROOT"
                | "FORCEUCASE"
                | "COMPLEXPREFIXES"
                | "CHECKSHARPS"
                | "FORBIDWARN"
                | "KEEPCASE"
                | "COMPOUNDMORESUFFIXES"
                | "CHECKCOMPOUNDDUP"
                | "CHECKCOMPOUNDREP"
                | "CHECKCOMPOUNDCASE"
                | "CHECKCOMPOUNDTRIPLE"
                | "SIMPLIFIEDTRIPLE"
                | "SYLLABLENUM"
                | "COMPOUNDMIN"
                | "COMPOUNDWORDMAX"
                | "COMPOUNDSYLLABLE"
                | "COMPOUNDRULE"
                | "CHECKCOMPOUNDPATTERN" => return Err(unsupported(key)),
                _ => {}
            }
        }
        l.advance();
    }
    Ok(a)
}

/// Parse the `.dic` text: (stem, flags) entries, homonyms kept apart.
fn parse_dic(text: &str, a: &Aff) -> Result<Vec<(String, Vec<Flag>)>, Error> {
    let mut l = Lines::new(text);
    l.count("the .dic's first line")?;
    let erase = |s: &str| -> String { s.chars().filter(|c| !a.ignore.contains(c)).collect() };
    let mut out = Vec::new();
    while !l.finished() {
        l.advance();
        let Some(line) = l.line().map(str::trim).filter(|l| !l.is_empty()) else { continue };
        if line.starts_with('/') && line.len() > 1 {
            continue;
        }
        if line.len() > usize::from(u16::MAX) {
            return Err(Error::Malformed("a .dic line too long".into()));
        }
        let (word, flags) = match line.find(['/', '\\', ' ', '\t']).map(|i| (i, line.as_bytes()[i])) {
            None => (line, Vec::new()),
            Some((i, b'/')) if i != 0 => {
                let rest = &line[i + 1..];
                let f = rest.split_whitespace().next().unwrap_or(rest);
                (&line[..i], decode_flags(a.ty, &a.aliases, f)?)
            }
            Some((i, b'\t')) => (&line[..i], Vec::new()),
            // Escaped slashes, spaces in words, morphology after a space: not ours.
            Some(_) => return Err(unsupported("a .dic entry with a space, backslash or leading slash")),
        };
        let word = erase(word);
        if word.chars().any(|c| c.is_uppercase()) {
            // spellbook adds hidden homonyms for some cased entries; not implemented here.
            return Err(unsupported("a .dic entry with capital letters"));
        }
        if flags.contains(&a.forbidden) {
            return Err(unsupported("FORBIDDENWORD on a stem"));
        }
        out.push((word, flags));
    }
    Ok(out)
}

/// One step of our own stable 64-bit hash (FNV-1a); the stem table and the affix index
/// depend on it: never change it without bumping [`VERSION`].
fn hash_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}
const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Little-endian words read off the front of a byte slice.
struct Words<'b>(&'b [u8]);

impl<'b> Words<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).and_then(|b| le32(b, 0))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from(self.u32()?) | u64::from(self.u32()?) << 32)
    }
}

/// A set of hashes kept as 15-bit fingerprints in one array of `u16`, each with one bit of
/// its own ([`WHOLE`] for a tail): a hash's slot is picked by its remixed high bits, probed
/// onward to the first empty slot (linear probing, at most [`Prints::MAX_LOAD`] full). A hash
/// put in is always found, with the OR of the bits put in with every hash sharing its
/// fingerprint and probe run; a hash never put in is found about once in a few thousand
/// lookups (a fingerprint met on its run). For [`Shapes`] that is safe in the one direction
/// that matters: a false find only sends a word the shapes could have rejected to the full
/// check, or walks its tails a step further, and no verdict changes. Two bytes a slot: the
/// Arabic dictionary's 157,000 cores and 166,000 tails' ends take about 0.9 MB, where hash
/// tables of their 32-bit keys took 3.7 MB (the 2 MB document's server was over its bound).
#[derive(Clone)]
struct Prints {
    slots: Vec<u16>,
    len: usize,
    /// A smaller set in front of the slots ([`Prints::sealed`]; empty until then): most
    /// hashes never put in are turned away by one read of it, where the slots, four times its
    /// size and read at random, miss every cache.
    sieve: Vec<u64>,
}

/// Slots of [`Prints`] one stretch of its sieve covers: runs seldom cross two.
const SIEVE_RUN: usize = 64;
/// Bits of a [`Prints`]' sieve for each hash in it (about; a power of two of words): each
/// hash sets two bits in one word (four with its bit), so about one hash in twelve never put
/// in passes. 150,000 hashes take 128 KB, a quarter of their slots.
const SIEVE_BITS: usize = 6;

/// A lookup in [`Prints`] started ([`Prints::start`]) and not yet finished.
#[derive(Clone, Copy, Default)]
struct Probe {
    at: u32,
    fp: u16,
    first: u16,
}

impl Prints {
    /// The most slots filled, as a fraction (7/8): a miss probes about 32 slots then, 64
    /// bytes, one or two cache lines.
    const MAX_LOAD: (usize, usize) = (7, 8);

    /// An empty set for about `n` hashes (filled to about 3/4; more grow it).
    fn with_room(n: usize) -> Prints {
        Prints { slots: vec![0; (n + n / 3).max(16)], len: 0, sieve: Vec::new() }
    }

    /// Append the set to `w`: how many hashes, how many slots, then the slots two to a word.
    fn encode(&self, w: &mut Vec<u32>) {
        w.extend([self.len as u32, self.slots.len() as u32]);
        w.extend(self.slots.chunks(2).map(|p| u32::from(p[0]) | u32::from(p.get(1).copied().unwrap_or(0)) << 16));
    }

    /// A set [`Prints::encode`] wrote, read from `r` (`None`: damaged; a set with no empty
    /// slot is refused, since a probe for a hash not in it would never end).
    fn decode(r: &mut Words<'_>) -> Option<Prints> {
        let len = r.u32()? as usize;
        let n = r.u32()? as usize;
        let bytes = r.take(4 * n.div_ceil(2))?;
        let slots: Vec<u16> = bytes.chunks_exact(2).take(n).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
        (len < n && slots.contains(&0)).then_some(Prints { slots, len, sieve: Vec::new() })
    }

    /// The set with its sieve built (after the last insert): a blocked Bloom filter of
    /// (the [`SIEVE_RUN`]-slot stretch of a hash's place, its fingerprint), two bits for it
    /// and two more when its bit is set, all four in one `u64`. Built from the slots alone
    /// (a set decoded from a blob has no hashes): a fingerprint at slot `p` was put in from
    /// a place between its run's start (the slot after the last empty one) and `p`, so it is
    /// entered for every stretch that range touches, and a hash put in always passes.
    fn sealed(mut self) -> Prints {
        let n = self.slots.len();
        let Some(empty) = self.slots.iter().position(|&s| s == 0) else { return self };
        let words = (self.len * SIEVE_BITS / 64).max(1).next_power_of_two();
        let mut sieve = vec![0u64; words];
        // (From an empty slot round to it again, so every run is met from its start.)
        let mut run_start = empty;
        for i in 1..=n {
            let p = (empty + i) % n;
            let s = self.slots[p];
            if s == 0 {
                run_start = (p + 1) % n;
                continue;
            }
            // The stretches from the run's start to `p`, going round the end when it does.
            let first = run_start / SIEVE_RUN;
            let last = p / SIEVE_RUN;
            let stretches = if run_start <= p {
                (first..=last).chain(0..0)
            } else {
                (first..=(n - 1) / SIEVE_RUN).chain(0..last + 1)
            };
            for stretch in stretches {
                let (w, bits) = Self::sieve_bits(stretch, s >> 1, words);
                sieve[w] |= bits[0] | if s & 1 != 0 { bits[1] } else { 0 };
            }
        }
        self.sieve = sieve;
        self
    }

    /// The sieve's word and its bits (for being in; for the bit) of a fingerprint placed in
    /// `stretch`.
    #[inline]
    fn sieve_bits(stretch: usize, fp: u16, words: usize) -> (usize, [u64; 2]) {
        let k = (stretch as u64) << 16 | u64::from(fp);
        let m = k.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let m = (m ^ (m >> 32)).wrapping_mul(0xd6e8_feb8_6659_fd93);
        let w = (m >> 40) as usize & (words - 1);
        let bit = |shift: u32| 1u64 << ((m >> shift) & 63);
        (w, [bit(0) | bit(6), bit(12) | bit(18)])
    }

    /// What the sieve says of the hash at `at` with `fp`: `None`, surely never put in;
    /// `Some(1)` it may be in with its bit set, `Some(0)` it may be in, surely not with its bit
    /// set (no sieve: `Some(1)`).
    #[inline]
    fn sift(&self, at: usize, fp: u16) -> Option<u8> {
        if self.sieve.is_empty() {
            return Some(1);
        }
        let (w, bits) = Self::sieve_bits(at / SIEVE_RUN, fp, self.sieve.len());
        let word = self.sieve[w];
        if word & bits[0] != bits[0] {
            return None;
        }
        Some(u8::from(word & bits[1] == bits[1]))
    }

    /// The slot a hash's probe run starts at, and its fingerprint (never 0: empty).
    fn place(&self, h: u64) -> (usize, u16) {
        let m = (h ^ (h >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let at = ((u128::from(m >> 32) * self.slots.len() as u128) >> 32) as usize;
        let fp = ((m >> 17) as u16) & 0x7fff;
        (at, fp.max(1))
    }

    /// The bits kept with `h` (`None`: `h` was surely never put in).
    fn get(&self, h: u64) -> Option<u8> {
        self.finish(self.start(h))
    }

    /// The first half of [`Prints::get`]: `h`'s place and the first slot of its run, read
    /// now. A word's probes are all started before any is finished, so that their reads (most
    /// of them misses of every cache: the sets are 0.9 MB, read at random) overlap instead
    /// of each waiting out the last; waited on one by one they were two fifths of the shapes'
    /// time.
    #[inline]
    fn start(&self, h: u64) -> Probe {
        let (at, fp) = self.place(h);
        Probe { at: at as u32, fp, first: self.slots.get(at).copied().unwrap_or(0) }
    }

    /// [`Prints::sift`] for hash `h`.
    #[inline]
    fn sifted(&self, h: u64) -> Option<u8> {
        let (at, fp) = self.place(h);
        self.sift(at, fp)
    }

    /// [`Prints::start`] for a hash the sieve lets through (`None`: surely never put in).
    #[inline]
    fn start_sifted(&self, h: u64) -> Option<Probe> {
        let (at, fp) = self.place(h);
        self.sift(at, fp)?;
        Some(Probe { at: at as u32, fp, first: self.slots.get(at).copied().unwrap_or(0) })
    }

    /// The second half of [`Prints::get`]: the run of `p`'s place read on from its first
    /// slot, four slots at a time.
    #[inline]
    fn finish(&self, p: Probe) -> Option<u8> {
        if p.first == 0 {
            return None;
        }
        if p.first >> 1 == p.fp {
            return Some((p.first & 1) as u8);
        }
        self.scan(p.at as usize + 1, p.fp)
    }

    /// The first slot from `at` on (wrapping round) that is empty (`None`) or holds `fp`
    /// (its bit). Four slots are one `u64` here, tested at once for a lane that is empty or
    /// holds the fingerprint (a miss reads about 32 slots at the sets' 7/8 load; one at a
    /// time that was 32 unpredictable branches).
    fn scan(&self, mut at: usize, fp: u16) -> Option<u8> {
        const ONES: u64 = 0x0001_0001_0001_0001;
        const HIGH: u64 = 0x8000_8000_8000_8000;
        // (The lowest lane this flags is a zero lane: a borrow only flags lanes above one.)
        let zero_lanes = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
        let want = u64::from(fp << 1).wrapping_mul(ONES);
        loop {
            if at >= self.slots.len() {
                at = 0;
            }
            match self.slots.get(at..at + 4) {
                Some(four) => {
                    let v = u64::from(four[0])
                        | u64::from(four[1]) << 16
                        | u64::from(four[2]) << 32
                        | u64::from(four[3]) << 48;
                    let hit = zero_lanes(v) | zero_lanes((v & !ONES) ^ want);
                    if hit != 0 {
                        let s = four[(hit.trailing_zeros() / 16) as usize];
                        return (s != 0).then_some((s & 1) as u8);
                    }
                    at += 4;
                }
                None => {
                    let s = *self.slots.get(at)?;
                    if s == 0 {
                        return None;
                    }
                    if s >> 1 == fp {
                        return Some((s & 1) as u8);
                    }
                    at += 1;
                }
            }
        }
    }

    /// Put `h` in with `bit` (OR-ed into what its fingerprint's slot holds). `false` when the
    /// set is too full to take it: build it again with more room.
    fn insert(&mut self, h: u64, bit: u8) -> bool {
        let (mut at, fp) = self.place(h);
        let (size, full) = (self.slots.len(), (self.len + 1) * Self::MAX_LOAD.1 > self.slots.len() * Self::MAX_LOAD.0);
        loop {
            let Some(s) = self.slots.get_mut(at) else { return false };
            if *s == 0 {
                if full {
                    return false;
                }
                *s = fp << 1 | u16::from(bit & 1);
                self.len += 1;
                return true;
            }
            if *s >> 1 == fp {
                *s |= u16::from(bit & 1);
                return true;
            }
            at += 1;
            if at == size {
                at = 0;
            }
        }
    }
}

fn hash_mix(h: u64) -> u64 {
    h ^ (h >> 29)
}

/// The hash of a stem.
fn stem_hash(bytes: &[u8]) -> u64 {
    hash_mix(bytes.iter().fold(HASH_START, |h, &b| hash_step(h, b)))
}

/// The hash of an affix's add string read from the word's edge inward: backwards for a
/// suffix, forwards for a prefix (so a word's candidates are hashed one byte at a time).
fn edge_hash(add: &[u8], suffix: bool) -> u64 {
    if suffix {
        add.iter().rev().fold(HASH_START, |h, &b| hash_step(h, b))
    } else {
        add.iter().fold(HASH_START, |h, &b| hash_step(h, b))
    }
}

/// A fast 64-bit checksum (four lanes), to refuse damaged blobs.
fn blob_checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut lanes = [0x243f_6a88_85a3_08d3u64, 0x1319_8a2e_0370_7344, 0xa409_3822_299f_31d0, 0x082e_fa98_ec4e_6c89];
    let mut chunks = bytes.chunks_exact(32);
    for c in &mut chunks {
        for (i, lane) in lanes.iter_mut().enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&c[i * 8..i * 8 + 8]);
            *lane = (*lane ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(31);
        }
    }
    let mut h = bytes.len() as u64;
    for lane in lanes {
        h = (h ^ lane).wrapping_mul(K).rotate_left(27);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(13);
    }
    h ^ (h >> 32)
}

const MAGIC: &[u8; 16] = b"copydesk-hunspel";
/// The compiled format's version: bump it whenever the layout or [`hash_step`] changes.
/// 2: stems as records read in place, the table's entries with a hash fingerprint, flag set
/// ids in two bytes, affix entries ordered by strip string within their group.
/// 3: the [`Shapes`] as a last section, so a loaded dictionary has them from its first word.
const VERSION: u32 = 3;
const SECTIONS: usize = 12;
/// The last section: the shapes ([`Shapes::encode`]), empty when there are none. A compiled
/// form in memory never keeps it (decoded at load, encoded again by [`Compiled::to_blob`]).
const SHAPES_SECTION: usize = SECTIONS - 1;
/// The header: [`MAGIC`] (16 bytes), [`VERSION`] at [`VERSION_AT`], the caller's tag at
/// [`TAG_AT`], the body's checksum at [`SUM_AT`], then each section's length from
/// [`LENS_AT`] (little-endian, 4 and 8 bytes).
const HEADER: usize = LENS_AT + SECTIONS * 8;
const VERSION_AT: usize = 16;
const TAG_AT: usize = VERSION_AT + 4;
const SUM_AT: usize = TAG_AT + 8;
const LENS_AT: usize = SUM_AT + 8;
/// The sections that are bytes (the others are arrays of little-endian `u32`): the strings
/// and the stem records.
const BYTE_SECTIONS: usize = 2;

/// Fields of one affix entry in the flat tables.
const AFFIX_WORDS: usize = 7;
// Entry: flag, bits (1 cross, 2 need-affix, 4 only-in-compound, 8 circumfix: of its
// continuation flags), strip offset, strip length, condition offset (NO_COND for none),
// continuation flag set, add length (the add itself is its group's).
const CROSS: u32 = 1;
const NEED: u32 = 2;
const ONLY: u32 = 4;
const CIRC: u32 = 8;

/// A compiled dictionary. The stem records and the stem table (nearly all of it) are read in
/// place from the bytes the blob came in, never copied or converted; the small tables (affixes,
/// flag sets, conditions, options) are copied out as arrays of `u32`.
///
/// Stem record (sorted by stem bytes, homonyms in one record): the stem's length in bytes
/// (one byte), the stem, the number of flag sets (one byte below 128, else two: the low seven
/// bits with the high bit set, then the rest), each flag set id (two bytes, little-endian). Table (a power of two of little-endian `u32`, open addressing by
/// [`stem_hash`]): 0 empty, else the record's offset + 1 in the low `off_bits` bits and the top
/// bits of the stem's hash above them, so most misses never touch a record.
#[derive(Clone)]
pub struct Compiled {
    /// The blob's bytes as given (with whatever the caller put before it).
    bytes: Vec<u8>,
    /// Where the body (after the header) lies in `bytes`, and its section lengths.
    body: std::ops::Range<usize>,
    lens: [usize; SECTIONS],
    /// Where the stem records and the stem table lie in `bytes`.
    records: std::ops::Range<usize>,
    table: std::ops::Range<usize>,
    /// Low bits of a table entry holding a record offset + 1 (the rest: a fingerprint).
    off_bits: u32,
    /// Affix strings, strip strings, conversions, breaks.
    strings: Vec<u8>,
    /// Flag set `i` is `flags[fs_off[i]..fs_off[i + 1]]`, sorted.
    fs_off: Vec<u32>,
    flags: Vec<u32>,
    /// Prefix and suffix entries, [`AFFIX_WORDS`] each, grouped by their add string, and in a
    /// group by strip string (entries that give the same root are neighbours).
    pfx: Vec<u32>,
    sfx: Vec<u32>,
    /// Groups: (add offset, add length, first entry, end entry), sorted by add bytes.
    groups: [Vec<u32>; 2],
    /// Conditions: at an offset, the number of elements, then each element: 0 any; 1 a
    /// literal (then the char); 2 a class, 3 a negated class (then n, then n chars).
    conds: Vec<u32>,
    /// `IGNORE` chars; `ICONV` (from offset, from length, to offset, to length, anchored at the
    /// end), sorted by from; `BREAK` (kind 0 start / 1 middle / 2 end, offset, length);
    /// options: the `NEEDAFFIX`, `ONLYINCOMPOUND`, `CIRCUMFIX` flags (0: none).
    misc: Vec<u32>,
    /// The longest prefix and suffix add string, in bytes (derived, not stored).
    max_add: [usize; 2],
    /// Every flag named in a prefix's or a suffix's continuation flags, as bit sets (derived):
    /// an affix whose flag no continuation names cannot be the outer one of two.
    conts: [Vec<u64>; 2],
    /// The groups by [`edge_hash`] of their add string (derived; open addressing, a power of
    /// two): 1 + the group's index, 0 empty. A word finds the groups it ends (or begins)
    /// with one byte at a time, no search.
    index: [Vec<u32>; 2],
    /// The shapes of every word `simple` may accept (derived, built after [`SHAPES_AFTER`]
    /// questions: a story's few never pay for them), to reject most others without walking
    /// their affixes.
    shapes: Lazy,
    /// Where in `bytes` the blob it was loaded from keeps its shapes (empty: none), decoded
    /// when they are wanted instead of built: a story's few questions never pay for either.
    stored_shapes: std::ops::Range<usize>,
}

/// How many words `simple` weighs before [`Shapes`] are built: building them costs a few
/// dozen milliseconds (every stem hashed a dozen ways), a rejected word's walk of its affixes
/// some microseconds, so a story's few hundred questions never pay for them and a long
/// document's hundreds of thousands do at once.
const SHAPES_AFTER: usize = 4096;
/// No shapes for a dictionary with more stems or suffix groups than these (their sets would
/// cost more memory than the walks they save): every word then walks its affixes as before.
const SHAPES_MAX_STEMS: usize = 1 << 20;
const SHAPES_MAX_SUFFIX_GROUPS: usize = 4096;

/// [`Shapes`] once they are wanted, and how many words were weighed until then.
#[derive(Default)]
struct Lazy {
    asked: AtomicUsize,
    shapes: OnceLock<Option<Shapes>>,
}

impl Clone for Lazy {
    fn clone(&self) -> Lazy {
        Lazy { asked: AtomicUsize::new(self.asked.load(Ordering::Relaxed)), shapes: self.shapes.clone() }
    }
}

/// A necessary condition for [`Compiled::simple`] to accept a word, as sets of hashes
/// ([`hash_step`] from [`HASH_START`]; a collision only lets a word through to the full
/// walk, so the verdicts are unchanged). Every word `simple` accepts is a prefix's add string
/// (or none), then a *core* — a stem with at most the longest prefix strip taken off its start
/// and at most two suffix strips off its end (an outer strip longer than the inner add eats
/// into the stem) — then a *tail*: none, a suffix's add, or an inner suffix's add cut short
/// (by the outer strip) followed by an outer suffix's add. Where the strips and adds overlap
/// so much that no letter of the stem is left, the word is the start of a prefix's add then
/// the end of a tail. A form the corrector makes by adding a letter to a name (`كاتبيرز`)
/// rarely has that shape; checking it is a few hash probes, where walking its prefixes,
/// suffixes and their pairs is thousands of steps.
#[derive(Clone)]
struct Shapes {
    /// Every start of a prefix add string (closed under taking a start), hashed forwards:
    /// [`WHOLE`] when it is a whole add string (or the empty one).
    heads: FxHashMap<u64, u8>,
    /// The longest prefix add string, in bytes.
    max_head: usize,
    /// Cores, hashed forwards (never the empty one), as fingerprints ([`Prints`]).
    cores: Prints,
    /// Every end of a tail (closed under taking an end), hashed backwards from the word's
    /// end, as fingerprints: [`WHOLE`] when it is a whole tail (or the empty one).
    tails: Prints,
    /// The Arabic letters (bit `c - U+0621`, to U+064A) no `IGNORE`, `ICONV` or `BREAK`
    /// string of the dictionary writes: a word of these alone is checked by `simple` as it is
    /// (no conversion, no letter erased, no break, no case, no number).
    plain: u64,
    /// What the tails' sieve says ([`Prints::sifted`]) of every end of one or two plain Arabic
    /// letters, by [`end_index`] ([`NOT_AN_END`]: surely no tail's end; else the kind), read
    /// off the sieve once ([`Shapes::with_ends`]). Every word [`Shapes::may_hold`] weighs
    /// asks these first, its last letter and last two, which are the same few thousand ends
    /// over and over: 1.8 KB, where they sat spread over the sieve's 128 KB with the cores'
    /// probes evicting them.
    ends: Box<[u8]>,
}

/// In [`Shapes::ends`]: the sieve turns this end away.
const NOT_AN_END: u8 = 0xFF;

/// Letter codes in [`Shapes::ends`]: 1 to 42 for U+0621–U+064A, 0 for no letter.
const END_CODES: usize = 43;

/// The code of the plain Arabic letter (U+0621–U+064A) whose two UTF-8 bytes start at `at`.
#[inline]
fn letter_code(word: &[u8], at: usize) -> Option<usize> {
    let (lead, next) = (*word.get(at)?, *word.get(at + 1)?);
    if !matches!(lead, 0xD8 | 0xD9) || next & 0xC0 != 0x80 {
        return None;
    }
    let cp = (usize::from(lead & 0x1F) << 6) | usize::from(next & 0x3F);
    (0x0621..=0x064A).contains(&cp).then(|| cp - 0x0620)
}

/// The place in [`Shapes::ends`] of `word[b..]`, when that is one or two plain Arabic letters.
#[inline]
fn end_index(word: &[u8], b: usize) -> Option<usize> {
    match word.len().checked_sub(b)? {
        2 => letter_code(word, b),
        4 => Some(letter_code(word, b)? * END_CODES + letter_code(word, b + 2)?),
        _ => None,
    }
}

/// In [`Shapes`]' maps: a whole add string or tail, not only its start or end.
const WHOLE: u8 = 1;

impl Shapes {
    /// The shapes of `c`'s words; `None` for a dictionary too large for them.
    fn of(c: &Compiled) -> Option<Shapes> {
        if c.groups[1].len() / 4 > SHAPES_MAX_SUFFIX_GROUPS {
            return None;
        }
        let boundary = |s: &[u8], i: usize| s.get(i).is_none_or(|&b| (b as i8) >= -0x40);
        let adds = |k: usize| -> Vec<&[u8]> { c.groups[k].chunks_exact(4).map(|g| c.string(g[0], g[1])).collect() };
        let max_strip = |ents: &[u32]| ents.chunks_exact(AFFIX_WORDS).map(|e| e[3] as usize).max().unwrap_or(0);
        let (pfx_adds, sfx_adds) = (adds(0), adds(1));
        let mut heads: FxHashMap<u64, u8> = FxHashMap::default();
        heads.insert(HASH_START, WHOLE);
        for add in &pfx_adds {
            let mut h = HASH_START;
            for &b in *add {
                h = hash_step(h, b);
                heads.entry(h).or_insert(0);
            }
            heads.insert(h, WHOLE);
        }
        let max_head = pfx_adds.iter().map(|a| a.len()).max().unwrap_or(0);
        // Tails: hashed backwards, every end of one kept on the way. (A set too full for
        // them all is built again with twice the room; the first guesses are the Arabic
        // dictionary's measure: about twice as many tails' ends as pairs of suffix adds, a
        // core for every 10 bytes of stem records, each set then about 3/4 full.)
        let build_tails = |room: usize| -> Option<Prints> {
            let mut tails = Prints::with_room(room);
            let mut fits = tails.insert(HASH_START, WHOLE);
            let mut tail = |parts: [&[u8]; 2]| {
                let mut h = HASH_START;
                for &b in parts[1].iter().rev().chain(parts[0].iter().rev()) {
                    h = hash_step(h, b);
                    fits &= tails.insert(h, 0);
                }
                fits &= tails.insert(h, WHOLE);
            };
            for outer in &sfx_adds {
                tail([&[], outer]);
                for inner in &sfx_adds {
                    for cut in (0..=inner.len()).filter(|&i| boundary(inner, i)) {
                        tail([&inner[..cut], outer]);
                    }
                }
            }
            fits.then_some(tails)
        };
        let mut room = 2 * sfx_adds.len() * sfx_adds.len() + 16;
        let tails = loop {
            match build_tails(room) {
                Some(t) => break t,
                None => room *= 2,
            }
        };
        // Cores: every stem less up to `front` bytes at its start and `back` at its end, cut
        // at characters, never empty.
        let (front, back) = (max_strip(&c.pfx), 2 * max_strip(&c.sfx));
        let build_cores = |room: usize| -> Option<Option<Prints>> {
            let mut cores = Prints::with_room(room);
            let (mut at, mut stems) = (0, 0);
            while let Some((stem, sets)) = c.record(at) {
                stems += 1;
                if stems > SHAPES_MAX_STEMS {
                    return Some(None);
                }
                at += 2 + stem.len() + sets.len() + usize::from(sets.len() >= 2 * 0x80);
                let n = stem.len();
                for start in (0..=front.min(n)).filter(|&i| boundary(stem, i)) {
                    let mut h = HASH_START;
                    for (i, &b) in stem.iter().enumerate().skip(start) {
                        h = hash_step(h, b);
                        if n - (i + 1) <= back && boundary(stem, i + 1) && !cores.insert(h, 0) {
                            return None;
                        }
                    }
                }
            }
            Some(Some(cores))
        };
        let mut room = c.lens[1] / 10 + 16;
        let cores = loop {
            match build_cores(room) {
                Some(cores) => break cores?,
                None => room *= 2,
            }
        };
        // Letters `check` may treat otherwise than as they are: none when a break string is
        // empty (it matches any word).
        let misc = c.misc();
        let mut touched: Vec<u32> = misc.ignore.to_vec();
        let mut empty_break = false;
        for e in misc.iconv.chunks_exact(5) {
            touched.extend(String::from_utf8_lossy(c.string(e[0], e[1])).chars().map(u32::from));
        }
        for b in misc.breaks.chunks_exact(3) {
            let s = c.string(b[1], b[2]);
            empty_break |= s.is_empty();
            touched.extend(String::from_utf8_lossy(s).chars().map(u32::from));
        }
        let mut plain = 0u64;
        for cp in 0x0621u32..=0x064A {
            let ch = char::from_u32(cp).unwrap_or('.');
            if !empty_break && !touched.contains(&cp) && !ch.is_uppercase() && !ch.is_lowercase() {
                plain |= 1 << (cp - 0x0621);
            }
        }
        Some(
            Shapes { heads, max_head, cores: cores.sealed(), tails: tails.sealed(), plain, ends: Box::default() }
                .with_ends(),
        )
    }

    /// The shapes with [`Shapes::ends`] filled from the tails' sieve (built last: it is read
    /// off the sieve, so it answers exactly as the sieve would).
    fn with_ends(mut self) -> Shapes {
        let mut ends = vec![NOT_AN_END; END_CODES * END_CODES];
        // (Each letter's two UTF-8 bytes, from its code: 0xD8 or 0xD9, then the low six bits.)
        let utf8 = |code: usize| {
            let cp = 0x0620 + code;
            [0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]
        };
        for first in 0..END_CODES {
            for last in 1..END_CODES {
                let (a, b) = (utf8(first), utf8(last));
                let word: &[u8] = if first == 0 { &b } else { &[a[0], a[1], b[0], b[1]] };
                let h = word.iter().rev().fold(HASH_START, |h, &x| hash_step(h, x));
                if let Some(kind) = self.tails.sifted(h) {
                    ends[first * END_CODES + last] = kind;
                }
            }
        }
        self.ends = ends.into_boxed_slice();
        self
    }

    /// The shapes as little-endian `u32` words, for a blob's last section: the plain letters
    /// (two words), the longest head, the number of heads, each head (its hash in two words,
    /// then its kind), then the cores and the tails ([`Prints::encode`]).
    fn encode(&self) -> Vec<u8> {
        let mut heads: Vec<(u64, u8)> = self.heads.iter().map(|(&h, &k)| (h, k)).collect();
        heads.sort_unstable();
        let mut w: Vec<u32> =
            vec![self.plain as u32, (self.plain >> 32) as u32, self.max_head as u32, heads.len() as u32];
        for (h, k) in heads {
            w.extend([h as u32, (h >> 32) as u32, u32::from(k)]);
        }
        self.cores.encode(&mut w);
        self.tails.encode(&mut w);
        w.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// The shapes [`Shapes::encode`] wrote (`None`: not shapes, or damaged).
    fn decode(bytes: &[u8]) -> Option<Shapes> {
        let mut r = Words(bytes);
        let plain = r.u64()?;
        let max_head = r.u32()? as usize;
        let n = r.u32()? as usize;
        if n > bytes.len() / 12 || max_head > MAX_WORD_LEN {
            return None;
        }
        let mut heads = FxHashMap::default();
        heads.reserve(n);
        for _ in 0..n {
            let h = r.u64()?;
            heads.insert(h, u8::try_from(r.u32()?).ok()?);
        }
        let cores = Prints::decode(&mut r)?;
        let tails = Prints::decode(&mut r)?;
        // (Nothing may follow.)
        r.0.is_empty().then(|| {
            Shapes { heads, max_head, cores: cores.sealed(), tails: tails.sealed(), plain, ends: Box::default() }
                .with_ends()
        })
    }

    /// Whether `word` is a word of plain letters (see [`Shapes::plain`]), not empty.
    fn is_plain(&self, word: &[u8]) -> bool {
        !word.is_empty()
            && word.len() % 2 == 0
            && word.chunks_exact(2).all(|p| {
                if !(0x80..0xC0).contains(&p[1]) {
                    return false;
                }
                let cp = match p[0] {
                    0xD8 => 0x0600 + u32::from(p[1]) - 0x80,
                    0xD9 => 0x0640 + u32::from(p[1]) - 0x80,
                    _ => return false,
                };
                (0x0621..=0x064A).contains(&cp) && self.plain & (1 << (cp - 0x0621)) != 0
            })
    }

    /// Whether `word` may be one `simple` accepts (false: it surely is not).
    fn may_hold(&self, word: &[u8]) -> bool {
        let n = word.len();
        // (A bit per byte boundary, in a u128: a longer word takes the full check.)
        if n >= 128 {
            return true;
        }
        // Bit b: word[b..] is a tail; is the end of one. (The ends are closed under taking an
        // end: once word[b..] is none, no longer end of the word is.) Asked of the tails'
        // sieve alone (see [`Prints::sealed`]): one read in a set a quarter of the slots'
        // size, where most ends probed are ends and each would read the slots too. An end
        // the sieve lets through wrongly only walks on a letter further.
        let (mut tail_at, mut end_at) = (0u128, 0u128);
        let mut h = HASH_START;
        for b in (0..=n).rev() {
            if b < n {
                h = hash_step(h, word[b]);
                // (Only where a letter starts is worth a probe: an accepted word is made of
                // whole letters, its pieces meet between two. The ends are closed under
                // taking an end, so a walk that would stop inside a letter stops at its
                // start. A tenth of this test's time, which is a tenth of a long document's
                // check.)
                if (word[b] as i8) < -0x40 {
                    continue;
                }
            }
            // (The last letter and the last two are read from the table of such ends.)
            let sifted = match end_index(word, b).and_then(|i| self.ends.get(i)) {
                Some(&NOT_AN_END) => None,
                Some(&kind) => Some(kind),
                None => self.tails.sifted(h),
            };
            match sifted {
                Some(kind) => {
                    end_at |= 1 << b;
                    tail_at |= u128::from(kind & WHOLE) << b;
                }
                None => break,
            }
        }
        // Whether word[b..] is the end of a tail (`whole`: a whole tail) by the slots
        // themselves: an end the sieve let through is asked again before it lets a word pass.
        let tail_in_slots = |b: usize, whole: bool| {
            let h = word[b..].iter().rev().fold(HASH_START, |h, &x| hash_step(h, x));
            self.tails.get(h).is_some_and(|kind| !whole || kind & WHOLE != 0)
        };
        // Cores: after each head that is a whole prefix add, up to each place a tail starts;
        // those the sieve lets through all started before any is finished (at most
        // [`CORE_BATCH`] waiting).
        let mut cores = [(0usize, Probe::default()); CORE_BATCH];
        let found = |&(b, p): &(usize, Probe)| self.cores.finish(p).is_some() && tail_in_slots(b, true);
        let mut k = 0;
        let mut h = HASH_START;
        for a in 0..=n.min(self.max_head) {
            if a > 0 {
                h = hash_step(h, word[a - 1]);
            }
            let Some(&kind) = self.heads.get(&h) else { break };
            if end_at & (1 << a) != 0 && tail_in_slots(a, false) {
                return true;
            }
            if kind & WHOLE != 0 {
                // (Each place after `a` a whole tail starts, in turn: the core hashed on to it.)
                let (mut core, mut hashed) = (HASH_START, a);
                let mut places = if a < n { tail_at & (!0u128 << (a + 1)) } else { 0 };
                while places != 0 {
                    let b = places.trailing_zeros() as usize;
                    places &= places - 1;
                    core = word[hashed..b].iter().fold(core, |h, &x| hash_step(h, x));
                    hashed = b;
                    if k == CORE_BATCH {
                        if cores.iter().any(found) {
                            return true;
                        }
                        k = 0;
                    }
                    if let Some(p) = self.cores.start_sifted(core) {
                        cores[k] = (b, p);
                        k += 1;
                    }
                }
            }
        }
        cores[..k].iter().any(found)
    }
}

/// Cores [`Shapes::may_hold`] keeps waiting at most (a word has a handful: its whole heads
/// times the places its tails start).
const CORE_BATCH: usize = 16;

impl PartialEq for Compiled {
    fn eq(&self, other: &Compiled) -> bool {
        self.bytes.get(self.body.clone()) == other.bytes.get(other.body.clone()) && self.lens == other.lens
    }
}
impl Eq for Compiled {}

impl fmt::Debug for Compiled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Compiled({} stems, {} prefixes, {} suffixes)",
            self.stems(),
            self.pfx.len() / AFFIX_WORDS,
            self.sfx.len() / AFFIX_WORDS
        )
    }
}

/// The layout of `misc`: its first words give where each part starts.
struct Misc<'a> {
    ignore: &'a [u32],
    iconv: &'a [u32],
    breaks: &'a [u32],
    need: u32,
    only: u32,
    circ: u32,
}

fn push_str(strings: &mut Vec<u8>, s: &str) -> Result<(u32, u32), Error> {
    let off = u32::try_from(strings.len()).map_err(|_| Error::Unsupported("a dictionary over 4 GB".into()))?;
    strings.extend_from_slice(s.as_bytes());
    Ok((off, s.len() as u32))
}

/// The number of low bits a table entry needs for record offsets + 1 below `records_len`.
fn off_bits_for(records_len: usize) -> u32 {
    (64 - (records_len as u64 + 1).leading_zeros()).clamp(1, 32)
}

/// The fingerprint of a stem hash for a table whose entries keep `off_bits` bits of offset.
fn fingerprint(h: u64, off_bits: u32) -> u64 {
    (h >> 32) & ((1u64 << (32 - off_bits)) - 1)
}

fn le32(b: &[u8], i: usize) -> Option<u32> {
    let w = b.get(i * 4..i * 4 + 4)?;
    Some(u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
}

impl Compiled {
    /// Parse a Hunspell `.aff` and `.dic` pair.
    pub fn from_hunspell(aff: &str, dic: &str) -> Result<Compiled, Error> {
        let a = parse_aff(aff)?;
        let erase = |s: &str| -> String { s.chars().filter(|c| !a.ignore.contains(c)).collect() };
        let mut entries = parse_dic(dic, &a)?;
        entries.sort_by(|x, y| x.0.as_bytes().cmp(y.0.as_bytes()));
        let mut fs_ids: std::collections::HashMap<Vec<Flag>, u32> = Default::default();
        let mut fs_off = vec![0u32];
        let mut flags: Vec<u32> = Vec::new();
        let mut intern = |set: &[Flag]| -> u32 {
            if let Some(&id) = fs_ids.get(set) {
                return id;
            }
            let id = (fs_off.len() - 1) as u32;
            flags.extend(set.iter().map(|&f| u32::from(f)));
            fs_off.push(flags.len() as u32);
            fs_ids.insert(set.to_vec(), id);
            id
        };
        // Stem records, one per distinct stem, and where each starts.
        let mut records: Vec<u8> = Vec::with_capacity(dic.len());
        let mut starts: Vec<(u32, u64)> = Vec::new();
        let mut i = 0;
        while i < entries.len() {
            let stem = &entries[i].0;
            let mut j = i + 1;
            while j < entries.len() && entries[j].0 == *stem {
                j += 1;
            }
            let len = u8::try_from(stem.len()).map_err(|_| unsupported("a stem over 255 bytes"))?;
            let n = u16::try_from(j - i).ok().filter(|&n| n < 1 << 15);
            let n = n.ok_or_else(|| unsupported("over 32,767 homonyms of one stem"))?;
            let at = u32::try_from(records.len()).map_err(|_| unsupported("a dictionary over 4 GB"))?;
            starts.push((at, stem_hash(stem.as_bytes())));
            records.push(len);
            records.extend_from_slice(stem.as_bytes());
            // The count: one byte below 128, else two (low seven bits first, high bit set).
            if n < 0x80 {
                records.push(n as u8);
            } else {
                records.extend([(n & 0x7f) as u8 | 0x80, (n >> 7) as u8]);
            }
            for (_, set) in &entries[i..j] {
                let id = u16::try_from(intern(set)).map_err(|_| unsupported("over 65,535 flag sets"))?;
                records.extend_from_slice(&id.to_le_bytes());
            }
            i = j;
        }
        drop(entries);
        if records.len() as u64 + 1 >= u64::from(u32::MAX) {
            return Err(unsupported("a dictionary over 4 GB"));
        }
        let off_bits = off_bits_for(records.len());
        let size = (starts.len() * 2).next_power_of_two().max(2);
        let mut table = vec![0u32; size];
        for &(at, h) in &starts {
            let mut slot = h as usize & (size - 1);
            while table[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            table[slot] = ((fingerprint(h, off_bits) << off_bits) | (u64::from(at) + 1)) as u32;
        }
        drop(starts);
        let mut strings = Vec::new();
        let mut strip_at: std::collections::HashMap<String, (u32, u32)> = Default::default();
        let mut conds = Vec::new();
        let bits = |cont: &[Flag], cross: bool| -> u32 {
            let has = |f: Option<Flag>| f.is_some_and(|f| cont.contains(&f));
            (u32::from(cross) * CROSS)
                | (u32::from(has(a.need_affix)) * NEED)
                | (u32::from(has(a.only_in_compound)) * ONLY)
                | (u32::from(has(a.circumfix)) * CIRC)
        };
        let mut tables = Vec::new();
        for list in [&a.pfx, &a.sfx] {
            let mut order: Vec<(String, &RawAffix)> = list.iter().map(|x| (erase(&x.add), x)).collect();
            order.sort_by(|x, y| x.0.as_bytes().cmp(y.0.as_bytes()).then_with(|| x.1.strip.cmp(&y.1.strip)));
            let mut ents = Vec::with_capacity(order.len() * AFFIX_WORDS);
            let mut groups = Vec::new();
            for (i, (add, x)) in order.iter().enumerate() {
                if i == 0 || order[i - 1].0 != *add {
                    let (off, len) = push_str(&mut strings, add)?;
                    groups.extend([off, len, i as u32, i as u32 + 1]);
                } else if let Some(end) = groups.last_mut() {
                    *end = i as u32 + 1;
                }
                // One copy of each strip string: equal strips share an offset, so entries
                // that give the same root are known by it.
                let (s_off, s_len) = match strip_at.get(&x.strip) {
                    Some(&v) => v,
                    None => {
                        let v = push_str(&mut strings, &x.strip)?;
                        strip_at.insert(x.strip.clone(), v);
                        v
                    }
                };
                let cond = match &x.cond {
                    None => NO_COND,
                    Some(elems) => {
                        // [n, then (kind, a, b) per element, then the classes' chars]: kind 0
                        // any, 1 the literal a, 2 a class, 3 a negated class of the b chars
                        // from index a.
                        let at = conds.len();
                        conds.push(elems.len() as u32);
                        let mut chars_at = at + 1 + 3 * elems.len();
                        for e in elems {
                            match e {
                                CondElem::Any => conds.extend([0, 0, 0]),
                                CondElem::Lit(c) => conds.extend([1, u32::from(*c), 0]),
                                CondElem::Class(neg, cs) => {
                                    conds.extend([if *neg { 3 } else { 2 }, chars_at as u32, cs.len() as u32]);
                                    chars_at += cs.len();
                                }
                            }
                        }
                        for e in elems {
                            if let CondElem::Class(_, cs) = e {
                                conds.extend(cs.iter().map(|&c| u32::from(c)));
                            }
                        }
                        at as u32
                    }
                };
                ents.extend([
                    u32::from(x.flag),
                    bits(&x.cont, x.cross),
                    s_off,
                    s_len,
                    cond,
                    intern(&x.cont),
                    add.len() as u32,
                ]);
            }
            tables.push((ents, groups));
        }
        if fs_off.len() - 1 > usize::from(u16::MAX) + 1 {
            return Err(unsupported("over 65,535 flag sets"));
        }
        let (sfx, sfx_groups) = tables.pop().unwrap_or_default();
        let (pfx, pfx_groups) = tables.pop().unwrap_or_default();
        // misc: [ignore start, iconv start, breaks start, end, need, only, circ, ...parts]
        let mut parts: Vec<u32> = a.ignore.iter().map(|&c| u32::from(c)).collect();
        let iconv_at = parts.len();
        let mut iconv: Vec<(String, String, bool)> = a
            .iconv
            .iter()
            .map(|(f, t)| match f.strip_suffix('_') {
                Some(f) => (f.to_string(), t.clone(), true),
                None => (f.clone(), t.clone(), false),
            })
            .filter(|(f, _, _)| !f.is_empty())
            .collect();
        iconv.sort_by(|x, y| x.0.as_bytes().cmp(y.0.as_bytes()));
        if iconv.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err(unsupported("two ICONV entries for one pattern"));
        }
        for (f, t, anchored) in &iconv {
            let (fo, fl) = push_str(&mut strings, f)?;
            let (to, tl) = push_str(&mut strings, t)?;
            parts.extend([fo, fl, to, tl, u32::from(*anchored)]);
        }
        let breaks_at = parts.len();
        for kind in 0..3u32 {
            for b in &a.breaks {
                let (k, s) = if let Some(s) = b.strip_prefix('^') {
                    (0, s)
                } else if let Some(s) = b.strip_suffix('$') {
                    (2, s)
                } else {
                    (1, b.as_str())
                };
                if k == kind {
                    let (o, l) = push_str(&mut strings, s)?;
                    parts.extend([k, o, l]);
                }
            }
        }
        let end = parts.len();
        let opt = |f: Option<Flag>| f.map_or(0, u32::from);
        let mut misc = vec![7, 7 + iconv_at as u32, 7 + breaks_at as u32, 7 + end as u32];
        misc.extend([opt(a.need_affix), opt(a.only_in_compound), opt(a.circumfix)]);
        misc.extend(parts);
        // The body, as a blob carries it; then opened like a loaded one (one form, one path).
        let words: [&[u32]; SHAPES_SECTION - BYTE_SECTIONS] =
            [&table, &fs_off, &flags, &pfx, &sfx, &pfx_groups, &sfx_groups, &conds, &misc];
        // (No shapes yet: they are built when wanted, or when the form is saved.)
        let mut lens = [0usize; SECTIONS];
        lens[0] = strings.len();
        lens[1] = records.len();
        for (l, w) in lens[BYTE_SECTIONS..].iter_mut().zip(words) {
            *l = 4 * w.len();
        }
        let mut body = Vec::with_capacity(lens.iter().sum());
        body.extend_from_slice(&strings);
        body.extend_from_slice(&records);
        drop(records);
        for w in words {
            for &v in w {
                body.extend_from_slice(&v.to_le_bytes());
            }
        }
        let n = body.len();
        Compiled::open(body, 0..n, lens).map_err(|why| Error::Malformed(format!("compiled form: {why}")))
    }

    /// The compiled form over `bytes[body]`, whose sections have the lengths `lens`: the small
    /// tables copied out and checked, the derived indexes built; the stem records and table
    /// stay where they are.
    fn open(bytes: Vec<u8>, body: std::ops::Range<usize>, lens: [usize; SECTIONS]) -> Result<Compiled, &'static str> {
        let mut at = body.start;
        let mut ranges: Vec<std::ops::Range<usize>> = Vec::with_capacity(SECTIONS);
        for &l in &lens {
            let end = at.checked_add(l).ok_or("bad section length")?;
            ranges.push(at..end);
            at = end;
        }
        if at != body.end || bytes.len() < body.end {
            return Err("truncated or padded");
        }
        let words = |i: usize| -> Vec<u32> {
            bytes
                .get(ranges[i].clone())
                .unwrap_or(&[])
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect()
        };
        let strings = bytes.get(ranges[0].clone()).unwrap_or(&[]).to_vec();
        let mut c = Compiled {
            strings,
            records: ranges[1].clone(),
            table: ranges[2].clone(),
            off_bits: off_bits_for(lens[1]),
            fs_off: words(3),
            flags: words(4),
            pfx: words(5),
            sfx: words(6),
            groups: [words(7), words(8)],
            conds: words(9),
            misc: words(10),
            max_add: [0, 0],
            conts: [Vec::new(), Vec::new()],
            index: [Vec::new(), Vec::new()],
            shapes: Lazy::default(),
            stored_shapes: ranges[SHAPES_SECTION].clone(),
            bytes,
            body,
            lens,
        };
        // The body is the blob's less its shapes, which stay in `bytes` until wanted.
        c.body.end = c.stored_shapes.start;
        c.lens[SHAPES_SECTION] = 0;
        c.validate()?;
        Ok(c.with_derived())
    }

    fn with_derived(mut self) -> Compiled {
        for k in 0..2 {
            self.max_add[k] = self.groups[k].chunks_exact(4).map(|g| g[1] as usize).max().unwrap_or(0);
            let mut bits = vec![0u64; 1 << 10];
            let ents = if k == 0 { &self.pfx } else { &self.sfx };
            for e in ents.chunks_exact(AFFIX_WORDS) {
                let (a, b) = (self.fs_off.get(e[5] as usize), self.fs_off.get(e[5] as usize + 1));
                if let (Some(&a), Some(&b)) = (a, b) {
                    for &f in self.flags.get(a as usize..b as usize).unwrap_or(&[]) {
                        if let Some(w) = bits.get_mut((f as usize >> 6) & 1023) {
                            *w |= 1 << (f & 63);
                        }
                    }
                }
            }
            self.conts[k] = bits;
            let n = self.groups[k].len() / 4;
            let size = (n * 4).next_power_of_two().max(4);
            let mut index = vec![0u32; size];
            for (gi, g) in self.groups[k].chunks_exact(4).enumerate() {
                let add = self.string(g[0], g[1]);
                let mut slot = hash_mix(edge_hash(add, k == 1)) as usize & (size - 1);
                while index[slot] != 0 {
                    slot = (slot + 1) & (size - 1);
                }
                index[slot] = gi as u32 + 1;
            }
            self.index[k] = index;
        }
        self
    }

    /// The shapes of the words `simple` may accept, once enough words were asked about.
    fn shapes(&self) -> Option<&Shapes> {
        if let Some(s) = self.shapes.shapes.get() {
            return s.as_ref();
        }
        if self.shapes.asked.fetch_add(1, Ordering::Relaxed) < SHAPES_AFTER {
            return None;
        }
        self.shapes.shapes.get_or_init(|| self.make_shapes()).as_ref()
    }

    /// The shapes: the blob's, decoded (a fraction of a millisecond), else built from the
    /// stems (a few dozen). (A stored section that does not decode, which only a blob made to
    /// fool the checksum could hold, is ignored and the shapes built: never a probe without end.)
    fn make_shapes(&self) -> Option<Shapes> {
        self.bytes.get(self.stored_shapes.clone()).and_then(Shapes::decode).or_else(|| Shapes::of(self))
    }

    /// Build the shapes that reject most unknown words early now, not after a few thousand
    /// questions (for tests that compare verdicts with them).
    pub fn prune_now(&self) {
        self.shapes.shapes.get_or_init(|| self.make_shapes());
    }

    /// Whether some prefix's (`suffix` false) or suffix's continuation flags name `flag`.
    fn named(&self, suffix: bool, flag: u32) -> bool {
        self.conts[usize::from(suffix)].get((flag as usize >> 6) & 1023).is_some_and(|w| w & (1 << (flag & 63)) != 0)
    }

    /// The number of distinct stems (walks the records: for diagnostics).
    pub fn stems(&self) -> usize {
        let mut n = 0;
        let mut at = 0;
        while let Some((stem, sets)) = self.record(at) {
            n += 1;
            at += 2 + stem.len() + sets.len() + usize::from(sets.len() >= 2 * 0x80);
        }
        n
    }

    /// The compiled form as one blob, tagged with `tag` (the caller's hash of the text).
    /// Its shapes go with it (built now if they were not yet: a few dozen milliseconds, once
    /// per dictionary), so a process that loads it decodes them when it wants them instead.
    pub fn to_blob(&self, tag: u64) -> Vec<u8> {
        let body = self.bytes.get(self.body.clone()).unwrap_or(&[]);
        let shapes =
            self.shapes.shapes.get_or_init(|| self.make_shapes()).as_ref().map_or_else(Vec::new, Shapes::encode);
        let mut lens = self.lens;
        lens[SHAPES_SECTION] = shapes.len();
        let mut out = Vec::with_capacity(HEADER + body.len() + shapes.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&[0; 8]);
        for l in lens {
            out.extend_from_slice(&(l as u64).to_le_bytes());
        }
        out.extend_from_slice(body);
        out.extend_from_slice(&shapes);
        let sum = blob_checksum(&out[HEADER..]);
        out[SUM_AT..LENS_AT].copy_from_slice(&sum.to_le_bytes());
        out
    }

    /// The tag a blob was written with, if it is one of ours at all (read before deciding
    /// whether to take it).
    pub fn blob_tag(blob: &[u8]) -> Option<u64> {
        if blob.len() < SUM_AT || &blob[..VERSION_AT] != MAGIC || blob[VERSION_AT..TAG_AT] != VERSION.to_le_bytes() {
            return None;
        }
        Some(u64::from_le_bytes(blob[TAG_AT..SUM_AT].try_into().ok()?))
    }

    /// Take a blob written by [`Compiled::to_blob`] with the same `tag` (copied; see
    /// [`Compiled::from_blob_in`] to take the bytes as they are).
    pub fn from_blob(blob: &[u8], tag: u64) -> Result<Compiled, Error> {
        Compiled::from_blob_in(blob.to_vec(), 0, tag)
    }

    /// Take the blob that starts at `at` in `bytes` (a file read whole, whatever precedes it),
    /// without copying its stem records or table: header, lengths and checksum checked, then
    /// every offset of the small tables checked against its array, and every read of the
    /// records and the table bounds-checked, so a damaged or foreign blob is refused (never a
    /// panic, never a wrong verdict from it).
    pub fn from_blob_in(bytes: Vec<u8>, at: usize, tag: u64) -> Result<Compiled, Error> {
        let blob = bytes.get(at..).unwrap_or(&[]);
        if blob.len() < HEADER || &blob[..VERSION_AT] != MAGIC {
            return Err(Error::BadBlob("not a compiled dictionary"));
        }
        if blob[VERSION_AT..TAG_AT] != VERSION.to_le_bytes() {
            return Err(Error::BadBlob("another format version"));
        }
        let word = |at: usize| -> u64 {
            let mut w = [0u8; 8];
            w.copy_from_slice(&blob[at..at + 8]);
            u64::from_le_bytes(w)
        };
        if word(TAG_AT) != tag {
            return Err(Error::BadBlob("compiled from other dictionary text"));
        }
        let body_len = (blob.len() - HEADER) as u64;
        let mut lens = [0usize; SECTIONS];
        let mut total: u64 = 0;
        for (i, l) in lens.iter_mut().enumerate() {
            let v = word(LENS_AT + 8 * i);
            total = total.saturating_add(v);
            if (i >= BYTE_SECTIONS && v % 4 != 0) || v > body_len {
                return Err(Error::BadBlob("bad section length"));
            }
            *l = v as usize;
        }
        if total != body_len {
            return Err(Error::BadBlob("truncated or padded"));
        }
        if blob_checksum(&blob[HEADER..]) != word(SUM_AT) {
            return Err(Error::BadBlob("checksum mismatch"));
        }
        let body = at + HEADER..bytes.len();
        Compiled::open(bytes, body, lens).map_err(Error::BadBlob)
    }

    /// Structural checks of the small tables: every offset within its array (what the
    /// checksum cannot promise against a blob built to collide, this makes a panic impossible
    /// anyway: every access, to the records and the table too, is also checked).
    fn validate(&self) -> Result<(), &'static str> {
        let slen = self.strings.len() as u64;
        let monotone =
            |v: &[u32], end: u64| v.windows(2).all(|w| w[0] <= w[1]) && v.last().is_none_or(|&l| u64::from(l) <= end);
        let sets = self.fs_off.len().checked_sub(1).ok_or("no flag sets")?;
        if !monotone(&self.fs_off, self.flags.len() as u64) {
            return Err("bad flag sets");
        }
        let table = self.table.len() / 4;
        if !table.is_power_of_two() {
            return Err("bad stem table");
        }
        for (ents, groups) in [(&self.pfx, &self.groups[0]), (&self.sfx, &self.groups[1])] {
            if ents.len() % AFFIX_WORDS != 0 || groups.len() % 4 != 0 {
                return Err("bad affix table");
            }
            let count = (ents.len() / AFFIX_WORDS) as u32;
            for g in groups.chunks_exact(4) {
                if u64::from(g[0]) + u64::from(g[1]) > slen || g[2] >= g[3] || g[3] > count {
                    return Err("bad affix group");
                }
            }
            for e in ents.chunks_exact(AFFIX_WORDS) {
                if u64::from(e[2]) + u64::from(e[3]) > slen
                    || e[5] as usize >= sets
                    || (e[4] != NO_COND && e[4] as usize >= self.conds.len())
                {
                    return Err("bad affix entry");
                }
            }
        }
        let m = &self.misc;
        if m.len() < 7 || !(m[0] == 7 && m[0] <= m[1] && m[1] <= m[2] && m[2] <= m[3] && m[3] as usize == m.len()) {
            return Err("bad options");
        }
        if (m[2] - m[1]) % 5 != 0 || (m[3] - m[2]) % 3 != 0 {
            return Err("bad conversion or break table");
        }
        Ok(())
    }

    fn misc(&self) -> Misc<'_> {
        let m = &self.misc;
        let at = |i: usize| m.get(i).map_or(0, |&v| v as usize);
        let part = |a: usize, b: usize| m.get(a..b).unwrap_or(&[]);
        Misc {
            ignore: part(at(0), at(1)),
            iconv: part(at(1), at(2)),
            breaks: part(at(2), at(3)),
            need: at(4) as u32,
            only: at(5) as u32,
            circ: at(6) as u32,
        }
    }

    fn string(&self, off: u32, len: u32) -> &[u8] {
        self.strings.get(off as usize..off as usize + len as usize).unwrap_or(&[])
    }

    fn fs_has(&self, set: u32, flag: u32) -> bool {
        let (a, b) = (self.fs_off.get(set as usize), self.fs_off.get(set as usize + 1));
        match (a, b) {
            (Some(&a), Some(&b)) => {
                self.flags.get(a as usize..b as usize).is_some_and(|f| f.binary_search(&flag).is_ok())
            }
            _ => false,
        }
    }

    /// The record at byte `at` of the records: (the stem, its flag set ids as bytes).
    fn record(&self, at: usize) -> Option<(&[u8], &[u8])> {
        let r = self.bytes.get(self.records.clone())?;
        let len = usize::from(*r.get(at)?);
        let stem = r.get(at + 1..at + 1 + len)?;
        let mut at = at + 1 + len;
        let mut n = usize::from(*r.get(at)?);
        at += 1;
        if n >= 0x80 {
            n = (n & 0x7f) | usize::from(*r.get(at)?) << 7;
            at += 1;
        }
        let sets = r.get(at..at + 2 * n)?;
        Some((stem, sets))
    }

    /// The flag set ids (two bytes each) of the stem entries spelled `stem`.
    fn stem_ids(&self, stem: &[u8]) -> &[u8] {
        let Some(table) = self.bytes.get(self.table.clone()) else { return &[] };
        let n = table.len() / 4;
        if n == 0 {
            return &[];
        }
        let h = stem_hash(stem);
        let off_bits = self.off_bits;
        let fp = fingerprint(h, off_bits);
        let low = (1u64 << off_bits) - 1;
        let mut slot = h as usize & (n - 1);
        for _ in 0..n {
            let Some(t) = le32(table, slot) else { break };
            if t == 0 {
                break;
            }
            let t = u64::from(t);
            if t >> off_bits == fp {
                if let Some((s, sets)) = self.record(((t & low) as usize).wrapping_sub(1)) {
                    if s == stem {
                        return sets;
                    }
                }
            }
            slot = (slot + 1) & (n - 1);
        }
        &[]
    }

    /// The flag sets of the stem entries spelled `stem`.
    fn stem_sets(&self, stem: &[u8]) -> Ids<'_> {
        Ids(self.stem_ids(stem).chunks_exact(2))
    }

    /// The flag sets of `root`, the root affix `a` gives: looked up once for the entries of a
    /// group that share a strip string (they give the same root), `last` keeping the latest.
    fn root_sets<'s>(&'s self, a: &Affix<'s>, root: &[u8], last: &mut Last<'s>) -> Ids<'s> {
        let key = (a.group, a.strip.as_ptr() as usize, a.strip.len(), a.add_len);
        if last.0 != Some(key) {
            *last = Last(Some(key), self.stem_ids(root));
        }
        Ids(last.1.chunks_exact(2))
    }

    /// The affixes whose add string begins (`suffix` false) or ends `word`.
    fn affixes_of<'s>(&'s self, word: &'s [u8], suffix: bool) -> Affixes<'s> {
        let k = usize::from(suffix);
        Affixes {
            c: self,
            word,
            suffix,
            ents: if suffix { &self.sfx } else { &self.pfx },
            groups: &self.groups[k],
            index: &self.index[k],
            k: 0,
            max: self.max_add[k].min(word.len()),
            h: HASH_START,
            group: 0,
            next: 0,
            end: 0,
        }
    }
}

/// The flag set ids of a stem's entries.
#[derive(Clone)]
struct Ids<'s>(std::slice::ChunksExact<'s, u8>);

impl Iterator for Ids<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        self.0.next().map(|c| u32::from(u16::from_le_bytes([c[0], c[1]])))
    }
}

/// The latest root looked up in a loop over affixes: (group, strip string, add length) and
/// its flag set ids.
#[derive(Default)]
struct Last<'s>(Option<(u32, usize, usize, usize)>, &'s [u8]);

/// The affix entries whose add string ends (or begins) a word, the shortest add first.
struct Affixes<'s> {
    c: &'s Compiled,
    word: &'s [u8],
    suffix: bool,
    ents: &'s [u32],
    groups: &'s [u32],
    index: &'s [u32],
    /// The add length tried next, the hash of the word's edge up to it.
    k: usize,
    max: usize,
    h: u64,
    /// The group being walked and its entries left.
    group: u32,
    next: usize,
    end: usize,
}

impl<'s> Affixes<'s> {
    /// The group whose add string is the word's edge of `k` bytes (hashed to `h`), if any.
    fn group_at(&self, k: usize, h: u64) -> Option<(u32, usize, usize)> {
        let n = self.index.len();
        if n == 0 {
            return None;
        }
        let w = self.word;
        let key = if self.suffix { w.get(w.len() - k..)? } else { w.get(..k)? };
        let mut slot = hash_mix(h) as usize & (n - 1);
        for _ in 0..n {
            let t = *self.index.get(slot)?;
            if t == 0 {
                return None;
            }
            let gi = t as usize - 1;
            let g = self.groups.get(gi * 4..gi * 4 + 4)?;
            if self.c.string(g[0], g[1]) == key {
                return Some((gi as u32, g[2] as usize, g[3] as usize));
            }
            slot = (slot + 1) & (n - 1);
        }
        None
    }
}

impl<'s> Iterator for Affixes<'s> {
    type Item = Affix<'s>;
    fn next(&mut self) -> Option<Affix<'s>> {
        while self.next >= self.end {
            let k = self.k;
            if k > self.max {
                return None;
            }
            // The edge of k bytes, at a character boundary only (a UTF-8 add string cannot
            // match elsewhere).
            let w = self.word;
            let boundary = if self.suffix { w.len() - k } else { k };
            let at_boundary = w.get(boundary).is_none_or(|&b| (b as i8) >= -0x40);
            if at_boundary {
                if let Some((g, a, b)) = self.group_at(k, self.h) {
                    (self.group, self.next, self.end) = (g, a, b);
                }
            }
            if k < self.max {
                let b = if self.suffix { w[w.len() - k - 1] } else { w[k] };
                self.h = hash_step(self.h, b);
            }
            self.k += 1;
        }
        let e = self.next;
        self.next += 1;
        let f = self.ents.get(e * AFFIX_WORDS..(e + 1) * AFFIX_WORDS)?;
        Some(Affix {
            flag: f[0],
            bits: f[1],
            strip: self.c.string(f[2], f[3]),
            cond: f[4],
            cont: f[5],
            add_len: f[6] as usize,
            suffix: self.suffix,
            group: self.group,
        })
    }
}

#[derive(Clone, Copy)]
struct Affix<'s> {
    flag: u32,
    bits: u32,
    strip: &'s [u8],
    cond: u32,
    cont: u32,
    add_len: usize,
    suffix: bool,
    /// Its group (entries of one group with one strip string give the same root).
    group: u32,
}

impl Affix<'_> {
    fn cross(&self) -> bool {
        self.bits & CROSS != 0
    }
    fn need(&self) -> bool {
        self.bits & NEED != 0
    }
    fn only(&self) -> bool {
        self.bits & ONLY != 0
    }
    fn circ(&self) -> bool {
        self.bits & CIRC != 0
    }
    /// The word with this affix taken off and its strip string put back, written into `r`
    /// (a buffer reused across candidates: no allocation per affix tried).
    fn root<'b>(&self, word: &[u8], r: &'b mut Vec<u8>) -> &'b [u8] {
        r.clear();
        if self.suffix {
            r.extend_from_slice(&word[..word.len().saturating_sub(self.add_len)]);
            r.extend_from_slice(self.strip);
        } else {
            r.extend_from_slice(self.strip);
            r.extend_from_slice(word.get(self.add_len..).unwrap_or(&[]));
        }
        r.as_slice()
    }
}

/// The casing classes spellbook tells apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Casing {
    Small,
    Init,
    All,
    Camel,
    Pascal,
}

fn casing(word: &str) -> Casing {
    let (mut upper, mut lower) = (0, 0);
    for c in word.chars() {
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
    }
    if upper == 0 {
        return Casing::Small;
    }
    let first = word.chars().next().is_some_and(char::is_uppercase);
    if first && upper == 1 {
        Casing::Init
    } else if lower == 0 {
        Casing::All
    } else if first {
        Casing::Pascal
    } else {
        Casing::Camel
    }
}

fn titlecase(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
    }
    for c in chars {
        out.extend(c.to_lowercase());
    }
    out
}

/// spellbook's number test: digits, separated by single `.`, `,` or `-`, an optional `-` first.
fn is_number(word: &str) -> bool {
    let word = word.strip_prefix('-').unwrap_or(word);
    if word.is_empty() {
        return false;
    }
    let mut separated = true;
    for c in word.chars() {
        match c {
            '0'..='9' => separated = false,
            '.' | '-' | ',' if !separated => separated = true,
            _ => return false,
        }
    }
    !separated
}

impl Compiled {
    /// Whether the dictionary surely rejects `word`, without a walk of its affixes: a word of
    /// plain letters (none the dictionary ignores, converts or breaks at) that has no accepted
    /// word's shape. `false` means "ask [`Compiled::check`]"; always `false` until the shapes
    /// are built (after a few thousand words).
    pub fn surely_rejects(&self, word: &str) -> bool {
        let w = word.as_bytes();
        matches!(self.shapes.shapes.get(), Some(Some(s)) if w.len() <= MAX_WORD_LEN && s.is_plain(w) && !s.may_hold(w))
    }

    /// Whether the dictionary accepts `word` (the same verdict as spellbook's `check`).
    pub fn check(&self, word: &str) -> bool {
        if word.len() > MAX_WORD_LEN {
            return false;
        }
        // A word of plain letters is what `simple` weighs, as it is: nothing to convert,
        // erase, break or case (and no copies of it made to find that out).
        if let Some(Some(s)) = self.shapes.shapes.get() {
            if s.is_plain(word.as_bytes()) {
                return self.simple(word.as_bytes(), &self.misc());
            }
        }
        let misc = self.misc();
        let word = self.convert(word, misc.iconv);
        if word.is_empty() {
            return true;
        }
        let trimmed = word.trim_end_matches('.');
        let abbreviated = trimmed.len() != word.len();
        if is_number(trimmed) {
            return true;
        }
        let erased: String = if misc.ignore.is_empty() {
            trimmed.to_string()
        } else {
            trimmed.chars().filter(|&c| !misc.ignore.contains(&u32::from(c))).collect()
        };
        if self.spell_break(&erased, 0, &misc) {
            return true;
        }
        abbreviated && self.spell_break(&word, 0, &misc)
    }

    /// `ICONV`: at each position the longest pattern that matches is replaced, and the scan
    /// goes on after the replacement.
    fn convert(&self, word: &str, iconv: &[u32]) -> String {
        let mut w = word.to_string();
        if iconv.is_empty() {
            return w;
        }
        let mut i = 0;
        while i < w.len() {
            let tail = &w.as_bytes()[i..];
            let mut best: Option<(usize, &[u8])> = None;
            for e in iconv.chunks_exact(5) {
                let from = self.string(e[0], e[1]);
                let hit = if e[4] == 1 { tail == from } else { tail.starts_with(from) };
                if hit && !from.is_empty() && best.is_none_or(|(l, _)| from.len() > l) {
                    best = Some((from.len(), self.string(e[2], e[3])));
                }
            }
            match best.and_then(|(l, to)| Some((l, std::str::from_utf8(to).ok()?))) {
                Some((l, to)) if w.is_char_boundary(i + l) => {
                    w.replace_range(i..i + l, to);
                    i += to.len();
                }
                _ => i += w[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
        w
    }

    fn spell_break(&self, word: &str, depth: usize, misc: &Misc<'_>) -> bool {
        if self.spell_casing(word, misc) {
            return true;
        }
        if depth == 9 {
            return false;
        }
        let breaks = |kind: u32| {
            misc.breaks
                .chunks_exact(3)
                .filter(move |b| b[0] == kind)
                .filter_map(|b| std::str::from_utf8(self.string(b[1], b[2])).ok())
        };
        for p in breaks(0) {
            if let Some(rest) = word.strip_prefix(p) {
                if self.spell_break(rest, depth + 1, misc) {
                    return true;
                }
            }
        }
        for p in breaks(2) {
            if let Some(rest) = word.strip_suffix(p) {
                if self.spell_break(rest, depth + 1, misc) {
                    return true;
                }
            }
        }
        for p in breaks(1) {
            if let Some((a, b)) = word.split_once(p) {
                if b.is_empty() || !self.spell_break(a, depth + 1, misc) {
                    continue;
                }
                if self.spell_break(b, depth + 1, misc) {
                    return true;
                }
            }
        }
        false
    }

    fn spell_casing(&self, word: &str, misc: &Misc<'_>) -> bool {
        match casing(word) {
            Casing::Small | Casing::Camel | Casing::Pascal => self.simple(word.as_bytes(), misc),
            Casing::All => {
                if self.simple(word.as_bytes(), misc) {
                    return true;
                }
                if let Some(idx) = word.find('\'').filter(|&i| i != word.len() - 1) {
                    let (p1, p2) = word.split_at(idx + 1);
                    let p2 = titlecase(p2);
                    if self.simple(format!("{}{p2}", p1.to_lowercase()).as_bytes(), misc)
                        || self.simple(format!("{}{p2}", titlecase(p1)).as_bytes(), misc)
                    {
                        return true;
                    }
                }
                self.simple(titlecase(word).as_bytes(), misc) || self.simple(word.to_lowercase().as_bytes(), misc)
            }
            Casing::Init => self.simple(word.as_bytes(), misc) || self.simple(word.to_lowercase().as_bytes(), misc),
        }
    }

    /// Whether affix `a`'s condition holds on `root` (its first or last characters).
    fn cond_ok(&self, a: &Affix<'_>, root: &[u8]) -> bool {
        if a.cond == NO_COND {
            return true;
        }
        let Ok(root) = std::str::from_utf8(root) else { return false };
        let c = &self.conds;
        let at = a.cond as usize;
        let Some(&n) = c.get(at) else { return false };
        let Some(elems) = c.get(at + 1..at + 1 + 3 * n as usize) else { return false };
        let matches = |e: &[u32], ch: char| -> bool {
            let ch = u32::from(ch);
            match e[0] {
                0 => true,
                1 => e[1] == ch,
                kind => {
                    let found = c.get(e[1] as usize..e[1] as usize + e[2] as usize).is_some_and(|cs| cs.contains(&ch));
                    found == (kind == 2)
                }
            }
        };
        if a.suffix {
            let mut chars = root.chars().rev();
            elems.chunks_exact(3).rev().all(|e| chars.next().is_some_and(|ch| matches(e, ch)))
        } else {
            let mut chars = root.chars();
            elems.chunks_exact(3).all(|e| chars.next().is_some_and(|ch| matches(e, ch)))
        }
    }

    /// spellbook's `check_simple_word` without compounding: the word as a stem, or a stem
    /// with one or two affixes in the combinations it accepts.
    fn simple(&self, word: &[u8], misc: &Misc<'_>) -> bool {
        if self.shapes().is_some_and(|s| !s.may_hold(word)) {
            return false;
        }
        let has = |set: u32, flag: u32| flag != 0 && self.fs_has(set, flag);
        let (need, only) = (misc.need, misc.only);
        let _ = misc.circ;
        let (mut b1, mut b2, mut b3) = (Vec::new(), Vec::new(), Vec::new());
        // The word itself.
        if self.stem_sets(word).any(|s| !has(s, need) && !has(s, only)) {
            return true;
        }
        // One suffix, or one prefix.
        for suffix in [true, false] {
            let mut last = Last::default();
            for a in self.affixes_of(word, suffix) {
                if a.only() || a.need() || a.circ() {
                    continue;
                }
                let root = a.root(word, &mut b1);
                if self.root_sets(&a, root, &mut last).any(|s| self.fs_has(s, a.flag) && !has(s, only))
                    && self.cond_ok(&a, root)
                {
                    return true;
                }
            }
        }
        // A prefix and a suffix.
        for p in self.affixes_of(word, false) {
            if !p.cross() || p.only() {
                continue;
            }
            let r1 = p.root(word, &mut b1);
            if !self.cond_ok(&p, r1) {
                continue;
            }
            let mut last = Last::default();
            for s in self.affixes_of(r1, true) {
                if !s.cross() || s.only() || (p.need() && s.need()) || p.circ() != s.circ() {
                    continue;
                }
                let r2 = s.root(r1, &mut b2);
                let ok = self.root_sets(&s, r2, &mut last).any(|e| {
                    let prefix_outer =
                        !p.need() && self.fs_has(e, s.flag) && (self.fs_has(s.cont, p.flag) || self.fs_has(e, p.flag));
                    let suffix_outer =
                        !s.need() && self.fs_has(e, p.flag) && (self.fs_has(p.cont, s.flag) || self.fs_has(e, s.flag));
                    (prefix_outer || suffix_outer) && !has(e, only)
                });
                if ok && self.cond_ok(&s, r2) {
                    return true;
                }
            }
        }
        // Two suffixes: the inner one's continuation flags name the outer one.
        for o in self.affixes_of(word, true) {
            if !self.named(true, o.flag) || o.only() || o.need() || o.circ() {
                continue;
            }
            let r1 = o.root(word, &mut b1);
            if !self.cond_ok(&o, r1) {
                continue;
            }
            let mut last = Last::default();
            for i in self.affixes_of(r1, true) {
                if !self.fs_has(i.cont, o.flag) || i.only() || i.circ() {
                    continue;
                }
                let r2 = i.root(r1, &mut b2);
                if self.root_sets(&i, r2, &mut last).any(|e| self.fs_has(e, i.flag) && !has(e, only))
                    && self.cond_ok(&i, r2)
                {
                    return true;
                }
            }
        }
        // A prefix, then two suffixes.
        for p in self.affixes_of(word, false) {
            if !p.cross() || p.only() || p.need() {
                continue;
            }
            let r1 = p.root(word, &mut b1);
            if !self.cond_ok(&p, r1) {
                continue;
            }
            for o in self.affixes_of(r1, true) {
                if !self.named(true, o.flag) || !o.cross() || o.only() || p.circ() != o.circ() {
                    continue;
                }
                let r2 = o.root(r1, &mut b2);
                if !self.cond_ok(&o, r2) {
                    continue;
                }
                let mut last = Last::default();
                for i in self.affixes_of(r2, true) {
                    if !self.fs_has(i.cont, o.flag) || i.only() || i.circ() {
                        continue;
                    }
                    let r3 = i.root(r2, &mut b3);
                    let ok = self.root_sets(&i, r3, &mut last).any(|e| {
                        (self.fs_has(o.cont, p.flag) || self.fs_has(e, p.flag))
                            && self.fs_has(e, i.flag)
                            && !has(e, only)
                    });
                    if ok && self.cond_ok(&i, r3) {
                        return true;
                    }
                }
            }
        }
        // An outer suffix, a prefix, an inner suffix. As in spellbook, the prefix's condition
        // is tested on the word before the prefix is taken off.
        for o in self.affixes_of(word, true) {
            if !(self.named(true, o.flag) || self.named(false, o.flag)) || !o.cross() || o.only() || o.need() {
                continue;
            }
            let r1 = o.root(word, &mut b1);
            if !self.cond_ok(&o, r1) {
                continue;
            }
            for p in self.affixes_of(r1, false) {
                if !p.cross() || p.only() {
                    continue;
                }
                let r2 = p.root(r1, &mut b2);
                if !self.cond_ok(&p, r1) {
                    continue;
                }
                let p_names_o = self.fs_has(p.cont, o.flag);
                let mut last = Last::default();
                for i in self.affixes_of(r2, true) {
                    if !i.cross() || !(self.fs_has(i.cont, o.flag) || p_names_o) || i.only() {
                        continue;
                    }
                    let ok1 = p.circ() == o.circ() && !i.circ();
                    let ok2 = p.circ() == i.circ() && !o.circ();
                    if !ok1 && !ok2 {
                        continue;
                    }
                    let r3 = i.root(r2, &mut b3);
                    let ok = self.root_sets(&i, r3, &mut last).any(|e| {
                        (self.fs_has(i.cont, p.flag) || self.fs_has(e, p.flag))
                            && self.fs_has(e, i.flag)
                            && !has(e, only)
                    });
                    if ok && self.cond_ok(&i, r3) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A prefix with a strip string, a suffix with one, and a twofold suffix whose outer strip
    /// eats into the inner add.
    const AFF: &str = "SET UTF-8\nPFX A Y 2\nPFX A 0 ال .\nPFX A ا وا ا\nSFX B Y 2\nSFX B ة ات ة\nSFX B 0 ين/C .\nSFX C Y 1\nSFX C ن ها ن\n";
    const DIC: &str = "4\nكتاب/AB\nمدرسة/AB\nاسم/A\nقلم/B\n";

    #[test]
    fn prints_find_every_hash_put_in_and_refuse_to_overfill() {
        let hashes: Vec<u64> = (0..5_000u64).map(|i| hash_mix(i.wrapping_mul(0x9e37_79b9_7f4a_7c15))).collect();
        let mut p = Prints::with_room(hashes.len());
        for (i, &h) in hashes.iter().enumerate() {
            assert!(p.insert(h, (i % 2) as u8));
        }
        for (i, &h) in hashes.iter().enumerate() {
            let bits = p.get(h).expect("every hash put in is found");
            // A fingerprint shared with another hash may carry its bit too, never lose one.
            assert!(i % 2 == 0 || bits == 1, "{i}");
        }
        let strangers =
            (0..100_000u64).filter(|i| p.get(hash_mix(i.wrapping_mul(31) ^ 0xdead_beef_0000)).is_some()).count();
        assert!(strangers < 500, "a few false finds, not many: {strangers}");
        // A set too small refuses a hash rather than fill past its bound.
        let mut small = Prints::with_room(10);
        let taken = hashes.iter().take_while(|&&h| small.insert(h, 0)).count();
        assert!(taken < 20 && small.len * 8 <= small.slots.len() * 7, "{taken}");
    }

    #[test]
    fn the_sieve_passes_every_hash_put_in_and_the_scan_finds_what_one_slot_at_a_time_finds() {
        // Full (7/8, runs crossing stretches and the end of the slots) and sparse sets.
        for (n, room) in [(5_000usize, 5_000usize), (7_000, 6_000), (300, 4_000)] {
            let hashes: Vec<u64> = (0..n as u64).map(|i| hash_mix(i.wrapping_mul(0x9e37_79b9_7f4a_7c15))).collect();
            let mut p = Prints::with_room(room);
            let kept: Vec<(u64, u8)> = hashes
                .iter()
                .enumerate()
                .map(|(i, &h)| (h, (i % 3 == 0) as u8))
                .filter(|&(h, b)| p.insert(h, b))
                .collect();
            let p = p.sealed();
            assert!(!p.sieve.is_empty());
            for &(h, bit) in &kept {
                let sifted = p.sifted(h).expect("every hash put in passes the sieve");
                assert!(bit == 0 || sifted == 1, "its bit passes too");
            }
            // The scan (four slots at once) and a probe one slot at a time agree on all.
            let one_at_a_time = |h: u64| {
                let (mut at, fp) = p.place(h);
                loop {
                    let s = p.slots[at];
                    if s == 0 {
                        return None;
                    }
                    if s >> 1 == fp {
                        return Some((s & 1) as u8);
                    }
                    at = (at + 1) % p.slots.len();
                }
            };
            let strangers: Vec<u64> = (0..50_000u64).map(|i| hash_mix(i.wrapping_mul(31) ^ 0xdead_beef_0000)).collect();
            for &h in kept.iter().map(|(h, _)| h).chain(&strangers) {
                assert_eq!(p.get(h), one_at_a_time(h));
            }
            let through = strangers.iter().filter(|&&h| p.sifted(h).is_some()).count();
            assert!(through * 6 < strangers.len(), "most strangers turned away: {through}");
        }
    }

    #[test]
    fn shapes_hold_every_accepted_word_and_reject_others_early() {
        let c = Compiled::from_hunspell(AFF, DIC).expect("compiles");
        let words = [
            "كتاب",
            "الكتاب",
            "كتابات",
            "مدرسات",
            "المدرسات",
            "واسم",
            "وسم",
            "قلمين",
            "قلميها",
            "كتابيها",
            "الكتابيها",
            "مدرسيها",
            "كتابن",
            "كتاتب",
            "الكتابيهاا",
            "بكتاب",
            "قلمات",
            "ها",
            "ال",
            "",
        ];
        let before: Vec<bool> = words.iter().map(|w| c.check(w)).collect();
        c.prune_now();
        let shapes = c.shapes().expect("built");
        let after: Vec<bool> = words.iter().map(|w| c.check(w)).collect();
        assert_eq!(before, after, "the shapes change no verdict");
        for (w, ok) in words.iter().zip(&before) {
            if *ok {
                assert!(shapes.may_hold(w.as_bytes()), "{w} is accepted, so it has a word's shape");
            }
        }
        assert!(before.iter().filter(|ok| **ok).count() >= 8, "not vacuous: {before:?}");
        // Letters no stem, prefix or suffix writes in that order: rejected without a walk.
        for w in ["كتاتب", "بكتاب", "قاتلم"] {
            assert!(!shapes.may_hold(w.as_bytes()), "{w}");
            assert!(c.surely_rejects(w), "{w}");
        }
        for (w, ok) in words.iter().zip(&before) {
            assert!(!(*ok && c.surely_rejects(w)), "{w} is accepted");
        }
        // A run of letters with no space, up to 127 bytes, is rejected by shape too (a word typed
        // into the one before it in an editor); a longer one takes the full check.
        let run = "كتاتب".repeat(8);
        assert!(run.len() >= 64 && !shapes.may_hold(run.as_bytes()) && c.surely_rejects(&run));
        let longer = "كتاتب".repeat(13);
        assert!(longer.len() >= 128 && shapes.may_hold(longer.as_bytes()) && !c.check(&longer));
        // Letters with harakat, Latin, a hyphen: not plain, so never rejected by shape alone.
        for w in ["كِتاتب", "abc", "كتا-تب"] {
            assert!(!c.surely_rejects(w), "{w}");
        }
    }

    #[test]
    fn the_table_of_short_ends_answers_as_the_tails_sieve() {
        let c = Compiled::from_hunspell(AFF, DIC).expect("compiles");
        c.prune_now();
        let shapes = c.shapes().expect("built");
        assert_eq!(shapes.ends.len(), END_CODES * END_CODES);
        let letters: Vec<char> = ('\u{0621}'..='\u{064A}').collect();
        let mut seen = [false; 2];
        for &a in &letters {
            for end in std::iter::once(a.to_string()).chain(letters.iter().map(|&b| format!("{a}{b}"))) {
                let bytes = end.as_bytes();
                let h = bytes.iter().rev().fold(HASH_START, |h, &x| hash_step(h, x));
                let i = end_index(bytes, 0).expect("one or two plain letters");
                let kept = shapes.ends[i];
                assert_eq!((kept != NOT_AN_END).then_some(kept), shapes.tails.sifted(h), "{end}");
                seen[usize::from(kept == NOT_AN_END)] = true;
            }
        }
        assert_eq!(seen, [true, true], "ends let through and ends turned away");
        // Not one or two plain letters: asked of the sieve itself.
        for other in ["ابت", "a", "ab", "اb", "", "\u{0620}"] {
            assert_eq!(end_index(other.as_bytes(), 0), None, "{other}");
        }
        // A blob's shapes have the table too.
        let loaded = Compiled::from_blob(&c.to_blob(7), 7).expect("loads");
        loaded.prune_now();
        assert_eq!(loaded.shapes().expect("built").ends, shapes.ends);
    }

    #[test]
    fn a_saved_blob_keeps_its_shapes_and_a_damaged_section_is_built_again() {
        let c = Compiled::from_hunspell(AFF, DIC).expect("compiles");
        assert!(!c.surely_rejects("كتاتب"), "a compiled form builds its shapes only when wanted");
        let blob = c.to_blob(5);
        let built = c.shapes().expect("built when saved").encode();
        let loaded = Compiled::from_blob(&blob, 5).expect("loads");
        assert_eq!(loaded, c, "the shapes are not part of the body");
        assert!(!loaded.stored_shapes.is_empty() && loaded.shapes.shapes.get().is_none(), "kept, not decoded yet");
        loaded.prune_now();
        assert_eq!(loaded.shapes().map(Shapes::encode), Some(built.clone()), "decoded as saved");
        assert!(loaded.surely_rejects("كتاتب"));
        for w in ["كتاب", "الكتابيها", "قلمين", "كتاتب", "بكتاب"] {
            assert_eq!(loaded.check(w), c.check(w), "{w}");
        }
        assert_eq!(loaded.to_blob(5), blob, "saved again, the same bytes");
        // A set with no empty slot would never end a probe: not decoded, even under a good
        // checksum; the shapes are built from the stems instead.
        let mut full = Shapes::decode(&built).expect("decodes");
        full.tails.slots.iter_mut().for_each(|s| *s = 3);
        full.tails.len = full.tails.slots.len();
        assert!(Shapes::decode(&full.encode()).is_none());
        for cut in [0, 4, 12, built.len() / 2, built.len() - 2] {
            assert!(Shapes::decode(&built[..cut]).is_none(), "cut at {cut}");
        }
        let mut bad = blob[..blob.len() - built.len()].to_vec();
        bad.extend_from_slice(&full.encode());
        let sum = blob_checksum(&bad[HEADER..]);
        bad[SUM_AT..LENS_AT].copy_from_slice(&sum.to_le_bytes());
        let odd = Compiled::from_blob(&bad, 5).expect("the body is sound");
        odd.prune_now();
        assert_eq!(odd.shapes().map(Shapes::encode), Some(built));
        assert!(odd.surely_rejects("كتاتب") && odd.check("الكتاب") == c.check("الكتاب"));
    }
}
