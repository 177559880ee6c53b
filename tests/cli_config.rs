//! copydesk.toml, the house style, as the CLI uses it: found from each file's folder
//! upwards; every setting changes the findings; every mistake in it is reported with the
//! file, line and column, and exit code 2.

mod cli_support;

use std::path::Path;

use cli_support::{copydesk, desk, flagged, json, write, SEED};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config").join(name))
        .expect("fixture")
}

/// Check `file` (with `text`) in a desk whose copydesk.toml is `config`.
fn with_config(config: &str, file: &str, text: &str) -> (tempfile::TempDir, cli_support::Run) {
    let dir = desk();
    write(dir.path(), "copydesk.toml", config);
    write(dir.path(), file, text);
    let run = copydesk(dir.path(), &["check", "--format", "json", file], None);
    (dir, run)
}

fn assert_config_error(name: &str, at: &str, says: &str) {
    let (_dir, run) = with_config(&fixture(name), "a.txt", "خبر.\n");
    assert_eq!(run.code, 2, "{name}: {}", run.stderr);
    let expected = format!("copydesk: copydesk.toml:{at}: ");
    assert!(run.stderr.starts_with(&expected), "{name}: expected `{expected}…`, got: {}", run.stderr);
    assert!(run.stderr.contains(says), "{name}: expected `{says}` in: {}", run.stderr);
}

#[test]
fn config_errors_name_the_file_line_and_column() {
    assert_config_error("unknown-table.toml", "4:2", "unknown field `spelling`");
    assert_config_error("wrong-type.toml", "2:12", "invalid type: string");
    assert_config_error("bad-regex.toml", "4:3", "invalid regular expression `^(شاركوا`");
    assert_config_error("unknown-rule.toml", "6:11", "unknown rule `unattributed-quotes`");
    assert_config_error("bad-level.toml", "2:15", "unknown rule level `loud`");
    assert_config_error("bad-glob.toml", "1:12", "invalid glob `archive/[abc`");
    assert_config_error("empty-line-pattern.toml", "5:3", "boilerplate pattern `(شارك الخبر)?` matches an empty line");
    assert_config_error(
        "cyclic-misspellings.toml",
        "5:1",
        "misspellings `ترامب` = `ترمب` and `ترمب` = `ترامب` undo each other",
    );
}

#[test]
fn the_full_house_style_is_accepted() {
    let (_dir, run) = with_config(&fixture("house-style.toml"), "a.txt", "خبر.\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
}

#[test]
fn a_broken_config_does_not_stop_the_other_files() {
    let dir = desk();
    write(dir.path(), "good/a.txt", "قال إن الإدراة أعلنت.\n");
    write(dir.path(), "bad/copydesk.toml", &fixture("unknown-table.toml"));
    write(dir.path(), "bad/b.txt", "قال إن الإدراة أعلنت.\n");
    let run = copydesk(dir.path(), &["check", "--format", "json", "good", "bad"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad/copydesk.toml:4:2: unknown field `spelling`"), "{}", run.stderr);
    let paths: Vec<String> = json(&run).iter().map(|f| f["path"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(paths, ["good/a.txt"]);
}

#[test]
fn boilerplate_off_and_a_new_misspelling_change_the_seed_findings() {
    let dir = desk();
    write(dir.path(), "seed.txt", SEED);
    let before = flagged(dir.path(), &copydesk(dir.path(), &["check", "--format", "json", "seed.txt"], None));
    assert!(before.iter().any(|(r, _)| r == "boilerplate"));
    assert!(!before.contains(&("misspelling".into(), "الثنائية".into())));

    write(
        dir.path(),
        "copydesk.toml",
        "[rules]\nboilerplate = \"off\"\n\n[misspellings]\n\"الثنائية\" = \"الثنائيه\"\n",
    );
    let run = copydesk(dir.path(), &["check", "--format", "json", "seed.txt"], None);
    let after = flagged(dir.path(), &run);
    assert!(!after.iter().any(|(r, _)| r == "boilerplate"), "{after:?}");
    assert!(after.contains(&("misspelling".into(), "الثنائية".into())), "{after:?}");
    // Everything else is as before.
    let rest = |v: &[(String, String)]| -> Vec<(String, String)> {
        v.iter().filter(|(r, t)| r != "boilerplate" && t != "الثنائية").cloned().collect()
    };
    assert_eq!(rest(&after), rest(&before));
}

#[test]
fn a_word_mapped_to_itself_is_allowed() {
    let text = "قال إن للإدراة الجديدة خطة.\n";
    let (_d, run) = with_config("", "a.txt", text);
    assert_eq!(json(&run).len(), 1);
    let (_d, run) = with_config("[misspellings]\n\"الإدراة\" = \"الإدراة\"\n", "a.txt", text);
    assert_eq!(run.stdout.trim(), "[]", "{}", run.stderr);
}

#[test]
fn rule_levels_and_fail_on() {
    let text = "قال إن الإدراة أعلنت.\n";
    let (dir, run) = with_config("[rules]\nmisspelling = \"error\"\n", "a.txt", text);
    assert_eq!(json(&run)[0]["severity"], "error");
    let run = copydesk(dir.path(), &["check", "--fail-on", "error", "a.txt"], None);
    assert_eq!(run.code, 1);
    let (dir, _) = with_config("[rules]\nmisspelling = \"hint\"\n", "a.txt", text);
    let run = copydesk(dir.path(), &["check", "--fail-on", "info", "--format", "json", "a.txt"], None);
    assert_eq!((run.code, json(&run)[0]["severity"].as_str()), (0, Some("hint")));
}

#[test]
fn house_names_attribution_verbs_and_boilerplate_patterns() {
    let config = fixture("house-style.toml");
    let (dir, run) = with_config(&config, "a.txt", "التقى دونالد ترامب نظيره الفرنسي.\n");
    assert_eq!(flagged(dir.path(), &run), [("name-variant".to_string(), "ترامب".to_string())]);
    assert!(json(&run)[0]["fixes"][0]["title"].as_str().is_some_and(|t| t.contains("ترمب")));

    let quote = "وانتهى الاجتماع. «سنعلن الأسماء غداً بعد الاجتماع المقبل» زمجر الوزير.\n";
    let (_d, run) = with_config("", "a.txt", quote);
    assert_eq!(json(&run).len(), 1, "unattributed without the desk's verb");
    let (_d, run) = with_config(&config, "a.txt", quote);
    assert_eq!(run.stdout.trim(), "[]", "زمجر is one of the desk's attribution verbs");

    let (dir, run) = with_config(
        "[boilerplate]\npatterns = [\"^شاركوا\"]\n",
        "a.txt",
        "قال الوزير إن الخطة جاهزة.\nشاركوا الخبر مع أصدقائكم\n",
    );
    assert_eq!(flagged(dir.path(), &run), [("boilerplate".to_string(), "شاركوا الخبر مع أصدقائكم".to_string())]);
}

#[test]
fn overrides_excludes_and_ignores_use_paths_relative_to_the_config() {
    let dir = desk();
    write(dir.path(), "copydesk.toml", &fixture("house-style.toml"));
    let quote = "وانتهى الاجتماع. «سنعلن الأسماء غداً بعد الاجتماع المقبل».\n";
    write(dir.path(), "news/a.txt", quote);
    write(dir.path(), "opinion/b.txt", quote);
    write(dir.path(), "archive/c.txt", quote);
    write(dir.path(), "drafts/x/d.md", quote);
    write(dir.path(), "drafts/x/e.txt", quote);
    // سيرغي twice, سيرجي once: the finding is on سيرجي, the spelling the ignore entry names.
    let names = "قال سيرغي لافروف إن سيرجي لافروف مستعد، وأكد سيرغي لافروف ذلك.\n";
    write(dir.path(), "sport/f.txt", names);
    write(dir.path(), "world/g.txt", names);
    let run = copydesk(dir.path(), &["check", "--format", "json", "."], None);
    let got: Vec<(String, String)> = json(&run)
        .iter()
        .map(|f| (f["path"].as_str().unwrap_or("").into(), f["rule"].as_str().unwrap_or("").into()))
        .collect();
    let has = |p: &str| got.iter().any(|(path, _)| path == p);
    assert!(has("news/a.txt") && has("drafts/x/e.txt"), "{got:?}");
    assert!(!has("opinion/b.txt"), "override: unattributed-quote off in opinion/**");
    assert!(!has("archive/c.txt") && !has("drafts/x/d.md"), "excluded");
    assert!(!got.iter().any(|(p, r)| p == "sport/f.txt" && r == "name-variant"), "ignored in sport/**: {got:?}");
    assert!(got.iter().any(|(p, r)| p == "world/g.txt" && r == "name-variant"), "{got:?}");
    // The same holds when the files are named one by one (as pre-commit does).
    let run = copydesk(dir.path(), &["check", "--format", "json", "archive/c.txt", "opinion/b.txt"], None);
    assert_eq!(run.stdout.trim(), "[]");
}

#[test]
fn the_nearest_config_wins_and_stdin_filename_finds_it() {
    let dir = desk();
    write(dir.path(), "copydesk.toml", "[rules]\nmisspelling = \"error\"\n");
    write(dir.path(), "desk2/copydesk.toml", "[rules]\nmisspelling = \"off\"\n");
    let text = "قال إن الإدراة أعلنت.\n";
    write(dir.path(), "a.txt", text);
    write(dir.path(), "desk2/sub/b.txt", text);
    let run = copydesk(dir.path(), &["check", "--format", "json", "a.txt", "desk2"], None);
    let items = json(&run);
    assert_eq!(items.len(), 1);
    assert_eq!((items[0]["path"].as_str(), items[0]["severity"].as_str()), (Some("a.txt"), Some("error")));
    let run = copydesk(dir.path(), &["check", "--format", "json", "--stdin-filename", "desk2/c.txt", "-"], Some(text));
    assert_eq!(run.stdout.trim(), "[]", "desk2's config applies to text named desk2/c.txt");
    let run = copydesk(dir.path(), &["check", "--format", "json", "--config", "desk2/copydesk.toml", "a.txt"], None);
    assert_eq!(run.stdout.trim(), "[]", "--config applies to every file");
}

#[test]
fn an_explicit_dictionary_that_cannot_be_loaded_is_an_error() {
    let (_d, run) = with_config("[dictionary]\npath = \"nowhere/xx.dic\"\n", "a.txt", "قال إن الإدراة أعلنت.\n");
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("copydesk: copydesk.toml:2:1: [dictionary] path: "), "{}", run.stderr);
    assert!(run.stderr.contains("nowhere/xx.dic"), "{}", run.stderr);
    assert_eq!(json(&run).len(), 1, "the file is still checked");
}
