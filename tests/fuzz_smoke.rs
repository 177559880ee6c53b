//! The fuzz targets' properties on stable Rust, for CI: each target replays its checked-in
//! corpus (`fuzz/corpus/<target>/`) and its past crashes (`fuzz/regressions/<target>/`), then
//! runs seeded random inputs and mutations of the corpus for a bounded time.
//!
//! `COPYDESK_FUZZ_SECS` sets the time per target (default 25); `COPYDESK_FUZZ_SEED` the seed
//! (default: fixed per target, so a failure reproduces). A failing input is written to
//! `target/fuzz-smoke-failures/` and can be replayed with `cargo fuzz run <target> <file>`
//! or by copying it into `fuzz/regressions/<target>/`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use copydesk::fuzzing;

/// SplitMix64: small, seeded, good enough to pick bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `dir`, sorted, with their names.
fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).ok()?)))
        .collect();
    files.sort();
    files
}

/// One of libFuzzer's simple mutations of `base`, sometimes spliced with `other`.
fn mutate(rng: &mut Rng, base: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = base.to_vec();
    for _ in 0..=rng.below(4) {
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(v.len() + 1);
                v.insert(i, rng.next() as u8);
            }
            2 if !v.is_empty() => {
                let i = rng.below(v.len());
                let n = rng.below(v.len() - i + 1).min(8);
                v.drain(i..i + n);
            }
            3 if !v.is_empty() => {
                let i = rng.below(v.len());
                let n = rng.below(v.len() - i + 1).min(16);
                let copy = v[i..i + n].to_vec();
                let at = rng.below(v.len() + 1);
                v.splice(at..at, copy);
            }
            4 if !other.is_empty() => {
                let cut = rng.below(v.len() + 1);
                let from = rng.below(other.len());
                v.truncate(cut);
                v.extend_from_slice(&other[from..]);
            }
            _ => {
                let i = rng.below(v.len() + 1);
                let n = rng.below(8) + 1;
                let extra = rng.bytes(n);
                v.splice(i..i, extra);
            }
        }
    }
    v
}

fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

/// Run `property` on `data`; on failure keep the input and fail with where it came from.
fn run(target: &str, property: fn(&[u8]), data: &[u8], origin: &str) {
    if catch_unwind(AssertUnwindSafe(|| property(data))).is_err() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-smoke-failures");
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("{target}-{:016x}", fnv(data)));
        let _ = std::fs::write(&file, data);
        panic!("fuzz target `{target}` failed on {origin} (kept in {}), input hex: {}", file.display(), hex(data));
    }
}

fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

fn smoke(target: &str, property: fn(&[u8])) {
    let started = Instant::now();
    let secs = std::env::var("COPYDESK_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(25);
    let budget = Duration::from_secs(secs);
    let seed = std::env::var("COPYDESK_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(fnv(target.as_bytes()));
    let corpus = inputs(&root().join("corpus").join(target));
    let regressions = inputs(&root().join("regressions").join(target));
    assert!(!corpus.is_empty(), "fuzz/corpus/{target}/ is empty: the smoke would only test random bytes");
    for (name, data) in corpus.iter().chain(&regressions) {
        run(target, property, data, &format!("the checked-in input {name}"));
    }
    let mut rng = Rng(seed);
    let mut runs = 0u64;
    while runs < 20 || started.elapsed() < budget {
        let data = if rng.below(4) == 0 {
            let n = rng.below(300);
            rng.bytes(n)
        } else {
            let (_, base) = &corpus[rng.below(corpus.len())];
            let (_, other) = &corpus[rng.below(corpus.len())];
            mutate(&mut rng, base, other)
        };
        run(target, property, &data, &format!("random input {runs} (seed {seed})"));
        runs += 1;
    }
    eprintln!(
        "fuzz smoke `{target}`: {} checked-in inputs, {runs} random in {:.1?} (seed {seed})",
        corpus.len() + regressions.len(),
        started.elapsed()
    );
}

#[test]
fn core() {
    smoke("core", fuzzing::core);
}

#[test]
fn config() {
    smoke("config", fuzzing::config);
}

#[test]
fn transport() {
    smoke("transport", fuzzing::transport);
}

#[test]
fn edits() {
    smoke("edits", fuzzing::edits);
}
