//! The seed story (a real Asharq Al-Awsat article) is the product's defining example: these
//! are the findings the product exists for, and the ones it must not make.

use std::path::Path;

use copydesk::core::{apply_edits, Checker, Config};

fn seed() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/stories/seed-article.txt"))
        .expect("seed article")
}

fn checker() -> Checker {
    let lexicon = copydesk::dictionary::load(Path::new(copydesk::dictionary::SYSTEM_AR))
        .unwrap_or_else(|e| panic!("the tests need the Hunspell Arabic dictionary (Debian hunspell-ar): {e}"));
    Checker::new(Config::default(), Some(lexicon))
}

#[test]
fn seed_findings_are_the_ones_the_desk_wants() {
    let text = seed();
    let findings = checker().check(&text, None).findings;
    let flagged = |rule: &str| -> Vec<&str> {
        findings.iter().filter(|f| f.rule == rule).map(|f| &text[f.range.clone()]).collect()
    };

    assert_eq!(flagged("misspelling"), ["سلسة", "للإدراة"]);
    // The flagged word as it reads once its (safe) fix is applied.
    let fix_of = |word: &str| -> String {
        let f = findings.iter().find(|f| &text[f.range.clone()] == word).expect("finding");
        let fix = &f.fixes[0];
        assert!(fix.is_safe(), "{word}: fix should be safe");
        let (fixed, applied) = apply_edits(&text, &fix.edits);
        assert_eq!(applied, fix.edits.len());
        let grown: isize = fix.edits.iter().map(|e| e.replacement.len() as isize - e.range.len() as isize).sum();
        fixed[f.range.start..(f.range.end as isize + grown) as usize].to_string()
    };
    assert_eq!(fix_of("للإدراة"), "للإدارة");
    assert_eq!(fix_of("سلسة"), "سلسلة");

    let boilerplate = flagged("boilerplate");
    assert_eq!(boilerplate.len(), 2);
    assert_eq!(boilerplate[0], "لم تشترك بعد");
    assert!(boilerplate[1].starts_with("انشئ حساباً خاصاً بك"));

    let dup = flagged("duplicate-paragraph");
    assert_eq!(dup, ["مصادر روسية ترجح التوصل لاتفاق «يكسر الجمود» حول سوريا"]);
    let dup_at = findings.iter().find(|f| f.rule == "duplicate-paragraph").map(|f| f.range.start);
    let first_at = text.find(dup[0]);
    assert!(dup_at > first_at, "the later copy is the one flagged");

    assert_eq!(flagged("unattributed-quote"), Vec::<&str>::new(), "every quote in the seed is attributed");
    assert_eq!(flagged("name-variant"), Vec::<&str>::new(), "بيسكوف and بوشكوف are two men");
}

#[test]
fn fixing_the_seed_leaves_nothing_safe_to_fix() {
    let checker = checker();
    let mut text = seed();
    for _ in 0..3 {
        let edits: Vec<_> = checker
            .check(&text, None)
            .findings
            .iter()
            .flat_map(|f| f.fixes.iter().filter(|x| x.is_safe()).take(1))
            .flat_map(|x| x.edits.clone())
            .collect();
        if edits.is_empty() {
            break;
        }
        text = apply_edits(&text, &edits).0;
    }
    let left: Vec<_> =
        checker.check(&text, None).findings.into_iter().filter(|f| f.fixes.iter().any(|x| x.is_safe())).collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(text.contains("للإدارة") && text.contains("سلسلة زيارات"));
    assert!(!text.contains("لم تشترك بعد"));
    assert_eq!(text.matches("مصادر روسية ترجح التوصل").count(), 1);
}
