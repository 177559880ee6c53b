//! The core never panics, never points outside the text, and its fixes apply and converge,
//! whatever it is given: random mixes of Arabic letters, harakat, tatweel, presentation
//! forms, bidi and zero-width marks, quotation marks of every kind, emoji, CRLF and the words
//! the rules look for (the fuzz targets' pieces, `copydesk::fuzzing::PIECES`).

use std::sync::{Arc, OnceLock};

use copydesk::core::{Checker, Config, Lexicon};
use copydesk::fuzzing;
use proptest::prelude::*;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let lexicon: Option<Arc<Lexicon>> =
            copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
        Checker::new(Config::default(), lexicon)
    })
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(fuzzing::PIECES), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Stronger than "no panic": every finding and edit is inside the text on character
    /// boundaries, every fix applies whole and changes the text, fixing converges (safe, then
    /// unsafe) without cycling, and the same text gives the same findings twice.
    #[test]
    fn any_text_gives_sound_findings_and_fixes_that_converge(t in text()) {
        let checked = checker().check(&t, None);
        fuzzing::assert_findings_sound(&t, &checked);
        fuzzing::assert_fixes_converge(checker(), &t);
        let again = checker().check(&t, None);
        prop_assert_eq!(&checked.findings, &again.findings, "the same text checked twice");
    }

    #[test]
    fn arbitrary_unicode_gives_sound_findings(t in "\\PC{0,300}") {
        let checked = checker().check(&t, None);
        fuzzing::assert_findings_sound(&t, &checked);
        fuzzing::assert_fixes_converge(checker(), &t);
    }
}

/// A name written two ways once each (an undecided tie: each spelling flagged with the other
/// as its unsafe fix) converges instead of swapping the two forever. Proptest found it.
#[test]
fn an_undecided_tie_converges_with_unsafe_fixes() {
    let t = "أردوغانترمب😀أردوغانترامب";
    fuzzing::assert_findings_sound(t, &checker().check(t, None));
    fuzzing::assert_fixes_converge(checker(), t);
}
