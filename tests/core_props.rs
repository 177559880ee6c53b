//! The core never panics and never points outside the text, whatever it is given: random
//! mixes of Arabic letters, harakat, tatweel, presentation forms, bidi and zero-width marks,
//! quotation marks of every kind, emoji, CRLF and the words the rules look for.

use std::sync::{Arc, OnceLock};

use copydesk::core::{Checker, Config, Lexicon};
use proptest::prelude::*;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let lexicon: Option<Arc<Lexicon>> =
            copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
        Checker::new(Config::default(), lexicon)
    })
}

const PIECES: &[&str] = &[
    "ال",
    "لل",
    "و",
    "ب",
    "إ",
    "أ",
    "ا",
    "ة",
    "ه",
    "ى",
    "ي",
    "سلسة",
    "زيارات",
    "الإدراة",
    "إجتماع",
    "الحكومه",
    "إنشاء الله",
    "ترمب",
    "ترامب",
    "سيرغي",
    "سيرجي",
    "قال",
    "«",
    "»",
    "“",
    "”",
    "\"",
    ":",
    ".",
    "،",
    "؟",
    "\u{064B}",
    "\u{0651}",
    "\u{0640}",
    "\u{200F}",
    "\u{200C}",
    "\u{202B}",
    "\u{FEFF}",
    "ﻹ",
    "ﻻ",
    "😀",
    "👨‍👩‍👧",
    "\r\n",
    "\n",
    " ",
    "  ",
    "لم تشترك بعد",
    "// انتهى //",
    "شارك | فيسبوك",
    "a",
    "Said",
    "\u{0654}",
    "\u{0653}",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_is_checked_without_panics_and_within_bounds(t in text()) {
        let checked = checker().check(&t, None);
        prop_assert!(checked.failed_rules.is_empty(), "rules panicked: {:?}", checked.failed_rules);
        for f in &checked.findings {
            prop_assert!(f.range.start <= f.range.end && f.range.end <= t.len());
            prop_assert!(t.is_char_boundary(f.range.start) && t.is_char_boundary(f.range.end));
            for fix in &f.fixes {
                for e in &fix.edits {
                    prop_assert!(e.range.start <= e.range.end && e.range.end <= t.len());
                    prop_assert!(t.is_char_boundary(e.range.start) && t.is_char_boundary(e.range.end));
                }
            }
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(t in "\\PC{0,300}") {
        let checked = checker().check(&t, None);
        prop_assert!(checked.failed_rules.is_empty(), "rules panicked: {:?}", checked.failed_rules);
    }
}
