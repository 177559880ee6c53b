//! What the corpus evaluations share: the folder they read and the articles in it, their
//! reproducible randomness, and the planters' table of letters outlets write for one sound.
#![allow(dead_code)] // each example uses its own part of it

use std::path::PathBuf;

/// The folder named by the first argument that is not a `--flag` (default: the development
/// corpus beside the checkout) and its `.txt` articles, sorted by name.
pub fn corpus_files(args: &[String]) -> (PathBuf, Vec<PathBuf>) {
    let folder = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/corpus/dev"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    (folder, files)
}

/// Reproducible randomness: a 64-bit LCG (Knuth's MMIX constants), output from the high bits.
pub struct Lcg(pub u64);

impl Lcg {
    /// A generator whose seed is mixed first (two outputs discarded).
    pub fn new(seed: u64) -> Lcg {
        let mut r = Lcg(seed ^ 0x9E37_79B9_7F4A_7C15);
        r.next();
        r.next();
        r
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        if v.is_empty() {
            None
        } else {
            Some(&v[self.below(v.len())])
        }
    }
}

/// FNV-1a of a string: a stable hash for seeds and for splitting the corpus in halves.
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}

/// The letters different outlets write for one sound in a transliterated name (issue 8, item
/// 4; each set: any member for any other). The planters' own table, not the rules'.
pub const OUTLET_LETTERS: &[(&str, &[char])] = &[
    ("ت/ط", &['ت', 'ط']),
    ("ك/ق", &['ك', 'ق']),
    ("G ج/غ/ق/گ", &['ج', 'غ', 'ق', 'گ']),
    ("S س/ص/ث", &['س', 'ص', 'ث']),
    ("Z ز/ذ/ظ", &['ز', 'ذ', 'ظ']),
    ("د/ض", &['د', 'ض']),
    ("V ف/ڤ", &['ف', 'ڤ']),
    ("P ب/پ", &['ب', 'پ']),
];
