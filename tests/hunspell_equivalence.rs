//! Our compiled Hunspell checker (`copydesk::core::hunspell`) against spellbook, verdict for
//! verdict: on the installed `ar` dictionary over a large word set built here (the frequency
//! table, the words of `tests/fixtures` and `examples/stories`, and deterministic misspellings
//! of a sample of them), and on small synthetic dictionaries, one per feature.

use std::collections::BTreeSet;
use std::path::Path;

use copydesk::core::hunspell::{Compiled, Error};

/// Compile and compare on `words`; returns the disagreements.
fn disagreements<'a>(
    ours: &Compiled,
    theirs: &spellbook::Dictionary,
    words: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let mut out = Vec::new();
    for w in words {
        let (a, b) = (ours.check(w), theirs.check(w));
        if a != b {
            out.push(format!("{w:?}: ours {a}, spellbook {b}"));
        }
        if b && ours.surely_rejects(w) {
            out.push(format!("{w:?}: surely rejected by its shape, accepted by spellbook"));
        }
    }
    out
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Words of the project's own text: tokens split at whitespace, each as written (with its
/// punctuation: dots, hyphens, harakat) and trimmed of what is neither a letter nor a mark.
fn project_words() -> BTreeSet<String> {
    let mut files = Vec::new();
    files_under(Path::new("tests/fixtures"), &mut files);
    files_under(Path::new("examples/stories"), &mut files);
    let mut words = BTreeSet::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else { continue };
        for tok in text.split_whitespace() {
            if tok.len() > 80 {
                continue;
            }
            words.insert(tok.to_string());
            let t = tok.trim_matches(|c: char| !c.is_alphanumeric() && !('\u{064B}'..='\u{0652}').contains(&c));
            if !t.is_empty() {
                words.insert(t.to_string());
            }
        }
    }
    words
}

/// The misspellings Arabic writers make, applied to `w` deterministically.
fn edits(w: &str) -> Vec<String> {
    let cs: Vec<char> = w.chars().collect();
    let mut out = Vec::new();
    let s = |v: &[char]| v.iter().collect::<String>();
    for i in 0..cs.len() {
        // A letter dropped, doubled; two swapped.
        let mut v = cs.clone();
        v.remove(i);
        out.push(s(&v));
        let mut v = cs.clone();
        v.insert(i, cs[i]);
        out.push(s(&v));
        if i + 1 < cs.len() {
            let mut v = cs.clone();
            v.swap(i, i + 1);
            out.push(s(&v));
        }
        // Hamza seats moved, ة/ه, ى/ي.
        let swaps: &[(char, &[char])] = &[
            ('ا', &['أ', 'إ', 'آ']),
            ('أ', &['ا', 'إ', 'ء']),
            ('إ', &['ا', 'أ']),
            ('آ', &['ا']),
            ('ؤ', &['و', 'ء']),
            ('ئ', &['ي', 'ء']),
            ('ء', &['ئ', 'ؤ']),
            ('ة', &['ه', 'ت']),
            ('ه', &['ة']),
            ('ى', &['ي', 'ا']),
            ('ي', &['ى']),
        ];
        for (from, tos) in swaps {
            if cs[i] == *from {
                for &to in *tos {
                    let mut v = cs.clone();
                    v[i] = to;
                    out.push(s(&v));
                }
            }
        }
    }
    for clitic in ["و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "س"] {
        out.push(format!("{clitic}{w}"));
    }
    for ending in ["ها", "هم", "ات", "ون", "ين", "ة", "ي", "كما"] {
        out.push(format!("{w}{ending}"));
    }
    out
}

fn installed_ar() -> Option<(String, String)> {
    let aff = std::fs::read_to_string("/usr/share/hunspell/ar.aff").ok()?;
    let dic = std::fs::read_to_string("/usr/share/hunspell/ar.dic").ok()?;
    Some((aff, dic))
}

#[test]
fn the_installed_ar_dictionary_agrees_with_spellbook_word_for_word() {
    let Some((aff, dic)) = installed_ar() else {
        eprintln!("SKIPPED: /usr/share/hunspell/ar.{{aff,dic}} not installed (apt-get install hunspell-ar)");
        return;
    };
    let theirs = spellbook::Dictionary::new(&aff, &dic).expect("spellbook parses ar");
    let ours = Compiled::from_hunspell(&aff, &dic).expect("we compile ar");
    // Through the blob, as a later process loads it.
    let ours = Compiled::from_blob(&ours.to_blob(42), 42).expect("the blob loads back");
    // Every word through the shapes that reject most unknown words early (a long document's
    // checker builds them after a few thousand words).
    ours.prune_now();

    let mut words: BTreeSet<String> = copydesk::core::frequency::TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .map(str::to_string)
        .collect();
    let freq = words.len();
    let project = project_words();
    words.extend(project.iter().cloned());
    // Misspellings of a deterministic sample: every 40th frequency word, every 4th project
    // word (about as many rejected words as accepted ones, in a debug build's minute).
    let sample: Vec<String> = words.iter().enumerate().filter(|(i, _)| i % 40 == 0).map(|(_, w)| w.clone()).collect();
    for w in sample.iter().chain(project.iter().step_by(4)) {
        words.extend(edits(w));
    }
    // Odd inputs: numbers, dots, hyphens, harakat, tatweel, ICONV ligatures, Latin, case.
    for w in [
        "",
        ".",
        "..",
        "-",
        "--",
        "1",
        "12.5",
        "-3",
        "1,000",
        "3-",
        "كتاب.",
        "كتاب..",
        "كتاب-",
        "-كتاب",
        "كتاب-قلم",
        "كتاب--قلم",
        "كِتَابٌ",
        "كتـــاب",
        "ﻻ",
        "ﻻعب",
        "ٱلكتاب",
        "stopwords.dic",
        "STOPWORDS.DIC",
        "Stopwords.dic",
        "names.dic",
        "Names.Dic",
        "abc",
        "ABC",
        "Abc",
        "aBc",
        "😀",
        "كتاب😀",
        "\u{200c}",
        "x'Y",
        "O'NEIL",
        "ـ",
        "ّ",
        "ًٌٍ",
        "بيد",
        "أفذين",
        "تبغدد",
        "نلام",
    ] {
        words.insert(w.to_string());
    }
    // Compared on every core (a debug build takes a minute on one).
    let all: Vec<&str> = words.iter().map(String::as_str).collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let diffs: Vec<String> = std::thread::scope(|scope| {
        let (ours, theirs) = (&ours, &theirs);
        let parts: Vec<_> = all
            .chunks(all.len().div_ceil(cores).max(1))
            .map(|part| scope.spawn(move || disagreements(ours, theirs, part.iter().copied())))
            .collect();
        parts.into_iter().flat_map(|h| h.join().expect("a comparison thread panicked")).collect()
    });
    let accepted = words.iter().filter(|w| theirs.check(w)).count();
    eprintln!(
        "ar: {} words ({} frequency, {} project, the rest edits and odd inputs), {} accepted, {} rejected, {} disagreements",
        words.len(),
        freq,
        project.len(),
        accepted,
        words.len() - accepted,
        diffs.len()
    );
    assert!(accepted > 10_000 && words.len() - accepted > 10_000, "both verdicts well covered");
    assert!(diffs.is_empty(), "{} disagreements, first: {:#?}", diffs.len(), &diffs[..diffs.len().min(20)]);
}

/// Compile `aff`/`dic` both ways and compare on `words` (and check a few verdicts are as
/// expected, so the case is not vacuous).
fn same(aff: &str, dic: &str, words: &[&str], expect_yes: &[&str]) {
    let theirs = spellbook::Dictionary::new(aff, dic).expect("spellbook parses");
    let ours = Compiled::from_hunspell(aff, dic).expect("we compile");
    let diffs = disagreements(&ours, &theirs, words.iter().copied());
    assert!(diffs.is_empty(), "{diffs:#?}");
    // The same with the shapes that reject most unknown words early.
    ours.prune_now();
    let diffs = disagreements(&ours, &theirs, words.iter().copied());
    assert!(diffs.is_empty(), "with shapes: {diffs:#?}");
    for w in expect_yes {
        assert!(ours.check(w), "{w} should be accepted");
    }
    assert!(words.iter().any(|w| !theirs.check(w)), "some word is rejected");
}

#[test]
fn cross_product_on_and_off() {
    let aff = "SET UTF-8\nPFX A Y 1\nPFX A 0 ال .\nSFX B Y 1\nSFX B 0 ات .\nPFX C N 1\nPFX C 0 و .\nSFX D N 1\nSFX D 0 ها .\n";
    let dic = "3\nكتاب/AB\nقلم/CD\nبيت/AD\n";
    let words = [
        "كتاب",
        "الكتاب",
        "كتابات",
        "الكتابات",
        "قلم",
        "وقلم",
        "قلمها",
        "وقلمها",
        "البيت",
        "بيتها",
        "البيتها",
        "القلم",
    ];
    same(aff, dic, &words, &["الكتابات", "وقلم", "قلمها", "البيت", "بيتها"]);
}

#[test]
fn conditions_with_classes_negation_and_strip_strings() {
    let aff = "SET UTF-8\nSFX A Y 3\nSFX A ة ات ة\nSFX A 0 ون [^ةى]\nSFX A ى يات [^ا]ى\nPFX B Y 2\nPFX B ا أ ا\nPFX B 0 و [^و]\n";
    let dic = "4\nمدرسة/A\nمعلم/AB\nمستشفى/A\nاكل/B\n";
    let words = [
        "مدارس",
        "مدرسات",
        "مدرسةات",
        "مدرسةون",
        "معلمون",
        "ومعلم",
        "ومعلمون",
        "مستشفيات",
        "مستشفىون",
        "أكل",
        "اكل",
        "واكل",
        "وأكل",
        "ووكل",
        "مدرسون",
    ];
    same(aff, dic, &words, &["مدرسات", "معلمون", "مستشفيات", "أكل", "ومعلمون"]);
}

#[test]
fn continuation_flags_make_twofold_suffixes() {
    let aff =
        "SET UTF-8\nFLAG long\nSFX Aa Y 1\nSFX Aa 0 ات/Bb .\nSFX Bb Y 1\nSFX Bb 0 ها .\nPFX Cc Y 1\nPFX Cc 0 و/Bb .\n";
    let dic = "2\nكتاب/AaCc\nقلم/Bb\n";
    let words = ["كتابات", "كتاباتها", "كتابها", "وكتاباتها", "وكتاب", "وكتابها", "قلمها", "قلماتها", "وقلمها"];
    same(aff, dic, &words, &["كتاباتها", "وكتاباتها", "وكتابها"]);
}

#[test]
fn flag_types_num_and_utf8_and_aliases() {
    let num = "FLAG num\nSFX 101 Y 1\nSFX 101 0 s .\nPFX 7 Y 1\nPFX 7 0 re .\n";
    same(num, "2\nread/101,7\nwrite/7\n", &["read", "reads", "reread", "rereads", "writes", "rewrite"], &["rereads"]);
    let utf8 = "FLAG UTF-8\nSFX ب Y 1\nSFX ب 0 ات .\n";
    same(utf8, "1\nكتاب/ب\n", &["كتاب", "كتابات", "كتابا"], &["كتابات"]);
    let aliased = "FLAG long\nAF 2\nAF AaBb # 1\nAF Bb # 2\nSFX Aa Y 1\nSFX Aa 0 ات/2 .\nSFX Bb Y 1\nSFX Bb 0 ها .\n";
    same(aliased, "2\nكتاب/1\nقلم/2\n", &["كتابات", "كتاباتها", "كتابها", "قلمها", "قلمات"], &["كتاباتها", "قلمها"]);
}

#[test]
fn ignore_iconv_break_and_numbers() {
    let aff = "SET UTF-8\nIGNORE ًٌٍَُِّْـ\nICONV 2\nICONV ﻻ لا\nICONV ٱ ا\nPFX A Y 1\nPFX A 0 ال .\n";
    let dic = "3\nكتاب/A\nلاعب/A\nمَدرسة\n";
    let words = [
        "كِتَابٌ",
        "الكتـــاب",
        "ﻻعب",
        "الﻻعب",
        "ٱلكتاب",
        "مدرسة",
        "مدرسة.",
        "كتاب-لاعب",
        "كتاب-",
        "-كتاب",
        "12.5",
        "1,000",
        "-3",
        "كتب",
        "ك-ت",
    ];
    same(aff, dic, &words, &["كِتَابٌ", "ﻻعب", "مدرسة", "كتاب-لاعب", "12.5"]);
    let no_break = "SET UTF-8\nBREAK 0\n";
    same(no_break, "1\nكتاب\n", &["كتاب", "كتاب-كتاب", "كتاب-"], &["كتاب"]);
}

#[test]
fn needaffix_onlyincompound_and_circumfix() {
    let aff = "SET UTF-8\nNEEDAFFIX X\nONLYINCOMPOUND O\nCIRCUMFIX Z\nSFX A Y 2\nSFX A 0 ات .\nSFX A 0 ها/X .\nPFX P Y 1\nPFX P 0 لل/Z .\nSFX S Y 1\nSFX S 0 ين/Z .\n";
    let dic = "3\nجذر/XA\nقلم/OA\nبيت/PS\n";
    let words = ["جذر", "جذرات", "جذرها", "قلم", "قلمات", "بيت", "للبيت", "بيتين", "للبيتين"];
    same(aff, dic, &words, &["جذرات", "للبيتين"]);
}

#[test]
fn unsupported_features_are_refused_not_guessed() {
    for aff in [
        "COMPOUNDFLAG X\n",
        "COMPLEXPREFIXES\n",
        "KEEPCASE K\n",
        "CHECKSHARPS\n",
        "LANG tr\n",
        "COMPOUNDRULE 1\nCOMPOUNDRULE A*\n",
    ] {
        assert!(matches!(Compiled::from_hunspell(aff, "1\nword\n"), Err(Error::Unsupported(_))), "{aff}");
    }
    assert!(matches!(Compiled::from_hunspell("", "1\nWord\n"), Err(Error::Unsupported(_))));
    assert!(matches!(Compiled::from_hunspell("", "1\nword\\/x\n"), Err(Error::Unsupported(_))));
    // Malformed text is an error as it is for spellbook.
    for (aff, dic) in [
        ("FLAG long\n", "1\nword/A\n"),
        ("PFX A Y 2\nPFX A 0 x .\n", "1\nword\n"),
        ("", "many\n"),
        ("SFX A Y 1\nSFX A 0 s [ab\n", "1\nw\n"),
    ] {
        assert!(spellbook::Dictionary::new(aff, dic).is_err());
        assert!(matches!(Compiled::from_hunspell(aff, dic), Err(Error::Malformed(_))), "{aff} / {dic}");
    }
}

#[test]
fn damaged_blobs_are_refused_and_never_panic() {
    let aff = "SET UTF-8\nFLAG long\nSFX Aa Y 2\nSFX Aa ة ات ة\nSFX Aa 0 ها/Bb [^ة]\nSFX Bb Y 1\nSFX Bb 0 ن .\nIGNORE ًٌ\nICONV 1\nICONV ﻻ لا\n";
    let dic = "3\nمدرسة/Aa\nقلم/Aa\nلاعب\n";
    let good = Compiled::from_hunspell(aff, dic).unwrap();
    let blob = good.to_blob(7);
    assert_eq!(Compiled::from_blob(&blob, 7).as_ref(), Ok(&good));
    assert!(matches!(Compiled::from_blob(&blob, 8), Err(Error::BadBlob(_))), "another tag");
    for cut in 0..blob.len() {
        assert!(Compiled::from_blob(&blob[..cut], 7).is_err(), "truncated at {cut}");
    }
    // Every single byte flipped, and a few garbled runs: refused (or, were the checksum
    // fooled, still answering without a panic).
    let words = ["مدرسات", "قلمها", "قلمهان", "ﻻعب", "x", ""];
    for at in 0..blob.len() {
        let mut bad = blob.clone();
        bad[at] ^= 0x5a;
        match Compiled::from_blob(&bad, 7) {
            Err(_) => {}
            Ok(c) => {
                assert_eq!(c, good, "a changed blob taken at byte {at}");
            }
        }
    }
    let mut seed = 0x1234_5678_u64;
    for _ in 0..2000 {
        let mut bad = blob.clone();
        for _ in 0..4 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let i = (seed >> 33) as usize % bad.len();
            bad[i] = (seed >> 17) as u8;
        }
        if let Ok(c) = Compiled::from_blob(&bad, 7) {
            for w in words {
                let _ = c.check(w);
            }
        }
    }
    assert!(Compiled::from_blob(b"not a dictionary", 7).is_err());
    assert!(Compiled::from_blob(&[], 7).is_err());
}

/// A stem with hundreds of homonyms (the `ar` dictionary has one with 1,010): its record counts
/// them in two bytes past 127, and the last homonym's flags still count, loaded from a blob too.
#[test]
fn a_stem_with_hundreds_of_homonyms() {
    let mut aff = String::from("SET UTF-8\nFLAG long\nSFX Sf Y 1\nSFX Sf 0 ها .\nSFX Sg Y 1\nSFX Sg 0 ات .\n");
    let mut dic = String::new();
    let mut lines = Vec::new();
    // 300 homonyms of كتب, each with a flag of its own (declared, unused), then one with Sf.
    for i in 0..300u32 {
        let flag = format!("{}{}", char::from(b'a' + (i / 26) as u8), char::from(b'a' + (i % 26) as u8));
        aff.push_str(&format!("SFX {flag} Y 1\nSFX {flag} 0 ين .\n"));
        lines.push(format!("كتب/{flag}"));
    }
    lines.push("كتب/Sf".into());
    lines.push("قلم/Sg".into());
    dic.push_str(&format!("{}\n{}\n", lines.len(), lines.join("\n")));
    let words = ["كتب", "كتبها", "كتبات", "كتبين", "قلم", "قلمات", "قلمها", "كت"];
    same(&aff, &dic, &words, &["كتب", "كتبها", "كتبين", "قلمات"]);
    let ours = Compiled::from_hunspell(&aff, &dic).expect("we compile");
    let loaded = Compiled::from_blob(&ours.to_blob(3), 3).expect("the blob loads back");
    let theirs = spellbook::Dictionary::new(&aff, &dic).expect("spellbook parses");
    assert!(disagreements(&loaded, &theirs, words.iter().copied()).is_empty());
    assert!(loaded.check("كتبها") && !loaded.check("كتبات"));
}
