//! The built-in word lists are data, and data gets tests: each list sorted and free of
//! duplicates and contradictions, every line parseable, and the misspellings checked
//! against the real Hunspell dictionary (a wrong form it knows is a real word, which
//! belongs in `context.txt`, not in the list).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use copydesk::core::arabic;
use copydesk::core::data::{self, entries};

fn lists() -> [(&'static str, &'static str); 9] {
    [
        ("misspellings.txt", data::MISSPELLINGS),
        ("context.txt", data::CONTEXT_RULES),
        ("attribution.txt", data::ATTRIBUTION),
        ("boilerplate.txt", data::BOILERPLATE),
        ("function-words.txt", data::FUNCTION_WORDS),
        ("title-nouns.txt", data::TITLE_NOUNS),
        ("given-names.txt", data::GIVEN_NAMES),
        ("chrome-words.txt", data::CHROME_WORDS),
        ("extra-words.txt", data::EXTRA_WORDS),
    ]
}

#[test]
fn every_list_is_sorted_without_duplicates() {
    for (name, text) in lists() {
        let lines: Vec<&str> = entries(text).map(|(_, l)| l).collect();
        assert!(!lines.is_empty(), "{name} is empty");
        for pair in lines.windows(2) {
            assert!(
                pair[0].as_bytes() < pair[1].as_bytes(),
                "{name}: not sorted or duplicated: {:?} then {:?}",
                pair[0],
                pair[1]
            );
        }
        for (n, line) in entries(text) {
            assert!(!line.chars().any(arabic::is_harakah), "{name}:{n}: no harakat in entries: {line}");
        }
    }
}

#[test]
fn misspellings_are_consistent() {
    let mut wrongs: HashMap<String, String> = HashMap::new();
    for (n, line) in entries(data::MISSPELLINGS) {
        let (wrong, right) =
            line.split_once('\t').unwrap_or_else(|| panic!("misspellings.txt:{n}: want wrong<TAB>right"));
        let (wrong, right) = (wrong.trim(), right.trim());
        assert!(!wrong.is_empty() && !right.is_empty(), "misspellings.txt:{n}: empty column");
        assert_ne!(arabic::key_string(wrong), arabic::key_string(right), "misspellings.txt:{n}: maps a word to itself");
        let before = wrongs.insert(arabic::key_string(wrong), right.to_string());
        assert!(before.is_none(), "misspellings.txt:{n}: {wrong} listed twice");
    }
    for (wrong, right) in &wrongs {
        assert!(
            !wrongs.contains_key(&arabic::key_string(right)),
            "{wrong} -> {right}, but {right} is itself listed as wrong"
        );
    }
    let function: HashSet<String> = entries(data::FUNCTION_WORDS).map(|(_, l)| arabic::key_string(l)).collect();
    for wrong in wrongs.keys() {
        assert!(!function.contains(wrong), "{wrong} is listed as misspelled and as a function word");
    }
}

#[test]
fn misspellings_agree_with_the_dictionary() {
    let lexicon = copydesk::dictionary::load(Path::new(copydesk::dictionary::SYSTEM_AR))
        .unwrap_or_else(|e| panic!("the tests need the Hunspell Arabic dictionary (Debian hunspell-ar): {e}"));
    let mut problems = Vec::new();
    for (n, raw) in data::MISSPELLINGS.lines().enumerate() {
        let commented = raw.contains(" #");
        let Some((_, line)) = entries(raw).next() else { continue };
        let Some((wrong, right)) = line.split_once('\t') else { continue };
        for w in wrong.split_whitespace() {
            // What the dictionary gets wrong is marked so (the list is there for it).
            let accepted = raw.contains("# the dictionary accepts the wrong form");
            if wrong.split_whitespace().count() == 1 && lexicon.knows(&arabic::key_string(w)) && !accepted {
                problems.push(format!("misspellings.txt:{}: the dictionary knows the wrong form {w}", n + 1));
            }
        }
        if !commented {
            for r in right.split_whitespace() {
                if !lexicon.knows(&arabic::key_string(r)) {
                    problems.push(format!(
                        "misspellings.txt:{}: the dictionary does not know the correction {r} (comment why)",
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_context_and_boilerplate_line_parses() {
    for (n, line) in entries(data::CONTEXT_RULES) {
        assert!(data::parse_context_rule(line).is_some(), "context.txt:{n}: cannot parse {line:?}");
    }
    for (n, line) in entries(data::CHROME_WORDS) {
        assert!(
            line.starts_with("action\t") || line.starts_with("object\t"),
            "chrome-words.txt:{n}: want action|object<TAB>word"
        );
    }
    for (n, line) in entries(data::BOILERPLATE) {
        assert!(data::parse_boilerplate(line).is_some(), "boilerplate.txt:{n}: cannot parse {line:?}");
    }
}
