//! The "tight loop" of issue 10: the work a full check cannot avoid, done as plainly as we
//! can, for the README's ratio of `copydesk check` to the practical limit on one core.
//!
//!     cargo run --release --example tight_loop -- FILE [PASSES]
//!
//! Per pass, over the whole file as one document: split it into lines and hash each line;
//! tokenise each line into words (`arabic::is_word_char` runs); build each word's lookup key
//! (`arabic::key`, which allocates only for a word holding harakat, tatweel or the like);
//! count the forms (one hash-map probe a word, the key borrowed from the text where it is its
//! own) and keep every word as (start, length, form id); then one lookup per distinct form
//! in the frequency table and one in the dictionary (`Lexicon::knows`, the Hunspell
//! dictionary through `COPYDESK_CACHE_DIR`'s cache when it is warm). Best of PASSES
//! (default 5), in-process, the file already read; the first pass is shown apart (the
//! dictionary's per-process memo is cold then, as in a fresh `copydesk check`). Times are the
//! thread's CPU time (the machine is shared; wall time is shown beside it).
use std::borrow::Cow;
use std::hash::BuildHasher;
use std::time::{Duration, Instant};

use copydesk::core::arabic;
use rustc_hash::{FxBuildHasher, FxHashMap};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let passes: usize = args.next().map_or(5, |p| p.parse().expect("PASSES"));
    let text = std::fs::read_to_string(&path).expect("read");
    let lexicon = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    let mib = text.len() as f64 / 1048576.0;
    let (mut best, mut best_wall) = (Duration::MAX, Duration::MAX);
    let mut best_lookups = (Duration::MAX, Duration::MAX);
    for pass in 0..passes {
        let (t, wall) = (cpu(), Instant::now());
        let (words, forms, lines, found, lookups) = one_pass(&text, lexicon.as_deref());
        let (took, wall) = (cpu() - t, wall.elapsed());
        if pass == 0 {
            println!(
                "{words} words, {forms} distinct forms, {lines} lines, {found} forms known to the table or dictionary"
            );
            println!(
                "first pass: {:.1} ms CPU ({:.1} MiB/s; the lookups {:.1} + {:.1} ms), {:.1} ms wall",
                ms(took),
                mib / took.as_secs_f64(),
                ms(lookups.0),
                ms(lookups.1),
                ms(wall)
            );
        }
        best = best.min(took);
        best_lookups = (best_lookups.0.min(lookups.0), best_lookups.1.min(lookups.1));
        best_wall = best_wall.min(wall);
    }
    println!(
        "best of {passes}: {:.1} ms CPU ({:.1} MiB/s; the lookups {:.1} + {:.1} ms), {:.1} ms wall",
        ms(best),
        mib / best.as_secs_f64(),
        ms(best_lookups.0),
        ms(best_lookups.1),
        ms(best_wall)
    );
}

/// The thread's CPU time so far.
fn cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One pass: (words, distinct forms, lines, forms the frequency table or dictionary knows,
/// the CPU time of the lookups: in the frequency table, in the dictionary).
fn one_pass(
    text: &str,
    lexicon: Option<&copydesk::core::lexicon::Lexicon>,
) -> (usize, usize, usize, usize, (Duration, Duration)) {
    let mut line_hashes: Vec<u64> = Vec::new();
    let mut words: Vec<(u32, u32, u32)> = Vec::with_capacity(text.len() / 8);
    let mut forms: FxHashMap<Cow<'_, str>, (u32, u32)> = FxHashMap::default();
    for line in text.split('\n') {
        line_hashes.push(FxBuildHasher.hash_one(line));
        let base = line.as_ptr() as usize - text.as_ptr() as usize;
        let mut start = None;
        for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
            match (arabic::is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    start = None;
                    let word = &line[s..i];
                    let key = match arabic::key(word) {
                        Some(k) => Cow::Owned(k),
                        None => Cow::Borrowed(word),
                    };
                    let next = forms.len() as u32;
                    let id = match forms.get_mut(key.as_ref()) {
                        Some((id, n)) => {
                            *n += 1;
                            *id
                        }
                        None => {
                            forms.insert(key, (next, 1));
                            next
                        }
                    };
                    words.push(((base + s) as u32, (i - s) as u32, id));
                }
                _ => {}
            }
        }
    }
    let t = cpu();
    let web: Vec<bool> = forms.keys().map(|f| copydesk::core::frequency::class(f).is_some()).collect();
    let web_took = cpu() - t;
    let found = forms.keys().zip(web).filter(|&(f, web)| lexicon.is_some_and(|l| l.knows(f)) || web).count();
    (words.len(), forms.len(), line_hashes.len(), found, (web_took, cpu() - t - web_took))
}
