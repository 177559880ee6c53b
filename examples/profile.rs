//! Times the core on one file, per rule, in the same process (ratios against building the
//! document alone). `cargo run --release --example profile -- FILE`
//!
//! `-- FILE --micro`: the core's lookups alone, each the best of a few passes in one process
//! (a shared machine's noise hits a pass, seldom all): building the document, the frequency
//! table and the dictionary (`Lexicon::knows`) asked about one-letter edits of a sample of the
//! file's distinct forms (the kind of candidate the corrector asks about, most of them no
//! word), and `knows_with_clitics` of every distinct form. For comparing two builds of the
//! core run by run, alternating.
use std::hint::black_box;
use std::time::{Duration, Instant};

use copydesk::core::{Checker, Config, Document, RuleLevel, RULES};

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    let lexicon = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    if std::env::args().any(|a| a == "--micro") {
        micro(&text, lexicon.as_deref());
        return;
    }
    let t = Instant::now();
    let doc = Document::new(&text);
    let base = t.elapsed();
    println!(
        "document: {:?} ({}, {}, {})",
        base,
        copydesk::cli::output::count(doc.words.len(), "word"),
        copydesk::cli::output::count(doc.form_count(), "distinct form"),
        copydesk::cli::output::count(doc.quotes.len(), "quote")
    );
    for only in RULES {
        let mut config = Config::default();
        for r in RULES {
            config.rules.insert(
                r.id.to_string(),
                if r.id == only.id { RuleLevel::On(r.default_severity) } else { RuleLevel::Off },
            );
        }
        let checker = Checker::new(config, lexicon.clone());
        let t = Instant::now();
        let n = checker.check(&text, None).findings.len();
        let e = t.elapsed();
        println!(
            "{:<22} {:>10.1?}  {:>5.2}× document  {}",
            only.id,
            e,
            e.as_secs_f64() / base.as_secs_f64(),
            copydesk::cli::output::count(n, "finding")
        );
    }
    let checker = Checker::new(Config::default(), lexicon);
    let t = Instant::now();
    let n = checker.check(&text, None).findings.len();
    println!("{:<22} {:>10.1?}  {}", "all", t.elapsed(), copydesk::cli::output::count(n, "finding"));
}

/// The best of `passes` timings of `f` in the thread's CPU time (its result kept from the
/// optimiser).
fn best<T>(passes: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..passes)
        .map(|_| {
            let t = cpu();
            black_box(f());
            cpu().saturating_sub(t)
        })
        .min()
        .unwrap_or_default()
}

/// The calling thread's CPU time.
fn cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Letters put in place of each letter, and after it, in the sample's edits: the commonest of
/// news copy and its usual slips.
const EDIT_LETTERS: [char; 8] = ['ا', 'ي', 'و', 'ة', 'ه', 'ت', 'ن', 'ى'];

/// Letters the corrector puts into a form (its `LETTERS`: the Arabic alphabet).
const INSERTED: &str = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي";

/// Every `SAMPLE_EVERY`th distinct form (by id) gives its edits.
const SAMPLE_EVERY: usize = 8;

fn micro(text: &str, lexicon: Option<&copydesk::core::Lexicon>) {
    let doc = Document::new(text);
    println!("document        {:>9.1?}", best(7, || Document::new(text).words.len()));
    let forms: Vec<&str> = (0..doc.form_count()).map(|id| doc.key_of_form(id as u32)).collect();
    let mut edits: Vec<String> = Vec::new();
    for form in forms.iter().step_by(SAMPLE_EVERY) {
        let letters: Vec<(usize, char)> = form.char_indices().collect();
        if !(3..=12).contains(&letters.len()) || !letters.iter().all(|&(_, c)| ('\u{0621}'..='\u{064A}').contains(&c)) {
            continue;
        }
        for &(at, c) in &letters {
            let rest = &form[at + c.len_utf8()..];
            edits.push(format!("{}{rest}", &form[..at]));
            for e in EDIT_LETTERS.iter().filter(|&&e| e != c) {
                edits.push(format!("{}{e}{rest}", &form[..at]));
            }
        }
    }
    println!("({} distinct forms, {} edits of every {SAMPLE_EVERY}th)", forms.len(), edits.len());
    // (The sampled forms whose letters are all Arabic, for the insertions' timing.)
    let sampled: Vec<&str> = forms
        .iter()
        .step_by(SAMPLE_EVERY)
        .filter(|f| (3..=12).contains(&f.chars().count()) && f.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)))
        .copied()
        .collect();
    let classes = || edits.iter().filter_map(|e| copydesk::core::frequency::class(e)).map(usize::from).sum::<usize>();
    println!("frequency class {:>9.1?}  ({} of the edits in the table)", best(7, classes), {
        edits.iter().filter(|e| copydesk::core::frequency::class(e).is_some()).count()
    });
    let hits = || forms.iter().filter_map(|f| copydesk::core::frequency::class(f)).map(usize::from).sum::<usize>();
    println!("class of forms  {:>9.1?}", best(7, hits));
    // The dictionary's shape test alone (the first question `knows` asks), on a compiled form
    // of its own with its shapes built.
    let aff = std::fs::read_to_string(copydesk::dictionary::SYSTEM_AR.replace(".dic", ".aff"));
    let dic = std::fs::read_to_string(copydesk::dictionary::SYSTEM_AR);
    if let (Ok(aff), Ok(dic)) = (aff, dic) {
        if let Ok(c) = copydesk::core::hunspell::Compiled::from_hunspell(&aff, &dic) {
            c.prune_now();
            let rejected = || edits.iter().filter(|e| c.surely_rejects(e)).count();
            println!("shape test      {:>9.1?}  ({} of the edits rejected)", best(7, rejected), rejected());
            // The corrector's insertions (`letters::sole_slip`): every letter put in at every
            // place after the first of the sampled forms, one by one (issue 10: a batch a place
            // that shares the tails' walk over what follows and the heads' over what goes
            // before saved nothing, 373 ms against 371: each letter's own core probes are
            // most of the time).
            let places: Vec<(&str, usize)> = sampled
                .iter()
                .flat_map(|f| f.char_indices().skip(1).map(|(at, _)| at).chain([f.len()]).map(move |at| (*f, at)))
                .collect();
            let one_by_one = || {
                let mut buf = String::new();
                let mut n = 0;
                for &(f, at) in &places {
                    for l in INSERTED.chars() {
                        buf.clear();
                        buf.push_str(&f[..at]);
                        buf.push(l);
                        buf.push_str(&f[at..]);
                        n += usize::from(c.surely_rejects(&buf));
                    }
                }
                n
            };
            println!(
                "insertions      {:>9.1?}  ({} places, {} of {} rejected)",
                best(7, one_by_one),
                places.len(),
                one_by_one(),
                places.len() * INSERTED.chars().count()
            );
        }
    }
    let Some(lexicon) = lexicon else { return };
    // (A first pass builds what a long check builds early: the shapes, the verdicts' index.)
    let known = edits.iter().filter(|e| lexicon.knows(e)).count();
    println!(
        "knows           {:>9.1?}  ({known} of the edits known)",
        best(7, || edits.iter().filter(|e| lexicon.knows(e)).count())
    );
    let clitics = || forms.iter().filter(|f| lexicon.knows_with_clitics(f)).count();
    println!("with clitics    {:>9.1?}", best(7, clitics));
}
