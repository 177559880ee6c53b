//! Desk corrections that contain the word they correct (`فلسطين` = `دولة فلسطين`,
//! `كتب` = `كتب كتب`) are satisfied where the text already reads as the correction:
//! whatever the config says, `--fix` twice changes nothing, and the text never grows pass
//! after pass (it used to: `كتب` became 1,024 copies of itself in one run).

use copydesk::cli::fix::fix_until_stable;
use copydesk::core::{Checker, Config};
use proptest::prelude::*;

/// `wrong = right` entries whose correction holds the wrong word (or phrase), and one
/// ordinary entry beside them.
const ENTRIES: &[(&str, &str)] = &[
    ("فلسطين", "دولة فلسطين"),
    ("كتب", "كتب كتب"),
    ("ترمب", "دونالد ترمب"),
    ("الرئيس", "الرئيس الأمريكي"),
    ("شاء الله", "إن شاء الله"),
    ("مجلس", "مجلس الوزراء مجلس"),
    ("الحكومه", "الحكومة"),
];

const PIECES: &[&str] = &[
    "فلسطين",
    "لفلسطين",
    "دولة",
    "كتب",
    "كَتَبَ",
    "ترمب",
    "دونالد",
    "الرئيس",
    "والرئيس",
    "الأمريكي",
    "إن",
    "شاء",
    "الله",
    "مجلس",
    "الوزراء",
    "الحكومه",
    "قال",
    "«",
    "»",
    ".",
    "،",
    "😀",
    "\u{064E}",
    "\r\n",
    "\n",
    " ",
    " ",
    " ",
];

fn config() -> impl Strategy<Value = Vec<(&'static str, &'static str)>> {
    prop::sample::subsequence(ENTRIES, 1..=ENTRIES.len())
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn checker(entries: &[(&str, &str)]) -> Checker {
    let mut config = Config::default();
    for (wrong, right) in entries {
        config.misspellings.insert(wrong.to_string(), right.to_string());
    }
    config.validate().expect("entries that contain their word are valid");
    Checker::new(config, None)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn fixing_twice_changes_nothing(entries in config(), text in text()) {
        let checker = checker(&entries);
        let once = fix_until_stable(&text, false, |t| checker.check(t, None));
        let twice = fix_until_stable(&once.text, false, |t| checker.check(t, None));
        prop_assert_eq!(&twice.text, &once.text, "config {:?}", entries);
        prop_assert_eq!(twice.fixed, 0);
        // Each word grows at most once, into its correction (three words at most here). Words
        // as the checker reads them: `مجلس«الرئيس` is two, with no space between them.
        let words = text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).count();
        prop_assert!(once.text.len() <= text.len() + words * 40, "{} -> {} bytes", text.len(), once.text.len());
    }
}

#[test]
fn a_correction_already_in_place_is_left_alone() {
    let checker = checker(&[("فلسطين", "دولة فلسطين")]);
    let fixed = fix_until_stable("زار دولة فلسطين، ثم فلسطين مرة أخرى.\r\n", false, |t| {
        checker.check(t, None)
    });
    assert_eq!(fixed.text, "زار دولة فلسطين، ثم دولة فلسطين مرة أخرى.\r\n");
    assert_eq!(fixed.fixed, 1);
}
