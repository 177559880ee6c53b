//! `copydesk check` as a newsroom uses it: files, folders, stdin, exit codes, rule
//! selection, and errors that are reported without losing the other files' findings.

mod cli_support;

use cli_support::{copydesk, desk, flagged, json, write, SEED};

const CLEAN: &str = "أكد الكرملين أن الرئيس الروسي سيستقبل وزير الخارجية الأميركي في موسكو.\n";
const MISSPELT: &str = "قال المتحدث إن الإدراة الجديدة ستعلن خطتها غداً.\n";

#[test]
fn seed_story_findings_and_exit_1() {
    let dir = desk();
    write(dir.path(), "seed.txt", SEED);
    let run = copydesk(dir.path(), &["check", "--format", "json", "seed.txt"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = flagged(dir.path(), &run);
    assert!(found.contains(&("misspelling".into(), "للإدراة".into())), "{found:?}");
    assert!(found.contains(&("boilerplate".into(), "لم تشترك بعد".into())), "{found:?}");
    assert!(found.iter().any(|(r, _)| r == "duplicate-paragraph"), "{found:?}");
}

#[test]
fn json_fields_follow_the_contract() {
    let dir = desk();
    write(dir.path(), "a.txt", MISSPELT);
    let run = copydesk(dir.path(), &["check", "--format", "json", "a.txt"], None);
    let items = json(&run);
    let f = items.iter().find(|f| f["rule"] == "misspelling").expect("a misspelling");
    let start = f["start_byte"].as_u64().expect("start") as usize;
    let end = f["end_byte"].as_u64().expect("end") as usize;
    assert_eq!(&MISSPELT[start..end], "الإدراة");
    assert_eq!(f["path"], "a.txt");
    assert_eq!(f["severity"], "warning");
    // «قال المتحدث إن » is 15 characters: the word starts at column 16.
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(1), Some(16)));
    assert_eq!((f["end_line"].as_u64(), f["end_column"].as_u64()), (Some(1), Some(23)));
    assert!(f["message"].as_str().expect("message").contains("الإدراة"));
    let fix = &f["fixes"][0];
    assert_eq!(fix["safe"], true);
    assert!(fix["title"].as_str().expect("title").contains("الإدارة"));
    let edit = &fix["edits"][0];
    let (s, e) = (edit["start_byte"].as_u64().expect("s") as usize, edit["end_byte"].as_u64().expect("e") as usize);
    let fixed = format!("{}{}{}", &MISSPELT[..s], edit["replacement"].as_str().expect("r"), &MISSPELT[e..]);
    assert!(fixed.contains("الإدارة الجديدة"), "{fixed}");
}

#[test]
fn clean_copy_exits_0_and_says_so() {
    let dir = desk();
    write(dir.path(), "clean.txt", CLEAN);
    let run = copydesk(dir.path(), &["check", "clean.txt"], None);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "No findings in 1 file.\n");
    let run = copydesk(dir.path(), &["check", "--format", "json", "clean.txt"], None);
    assert_eq!(run.stdout.trim(), "[]");
}

#[test]
fn human_output_has_location_rule_message_and_marked_line() {
    let dir = desk();
    write(dir.path(), "a.txt", MISSPELT);
    let run = copydesk(dir.path(), &["check", "a.txt"], None);
    assert_eq!(run.code, 1);
    let mut lines = run.stdout.lines();
    let head = lines.next().expect("first line");
    assert!(head.starts_with("a.txt:1:16: warning misspelling: "), "{head}");
    assert!(head.contains("«الإدراة»"), "{head}");
    assert_eq!(lines.next(), Some(" 1 | قال المتحدث إن ⟦الإدراة⟧ الجديدة ستعلن خطتها غداً."));
    assert!(lines.next().is_some_and(|l| l.contains("= fix: ") && l.contains("الإدارة")));
    assert!(!run.stdout.contains('\x1b'), "no colour when stdout is not a terminal");
    let coloured = copydesk(dir.path(), &["check", "--color", "always", "a.txt"], None);
    assert!(coloured.stdout.contains("\x1b[1;4;31m⟦الإدراة⟧\x1b[0m"));
}

#[test]
fn short_format_is_one_line_a_finding() {
    let dir = desk();
    write(dir.path(), "a.txt", MISSPELT);
    let run = copydesk(dir.path(), &["check", "--format", "short", "a.txt"], None);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stdout.starts_with("a.txt:1:16: warning misspelling: Misspelling «الإدراة»"), "{}", run.stdout);
}

#[test]
fn folders_are_walked_in_order_honouring_gitignore() {
    let dir = desk();
    write(dir.path(), "stories/b.txt", MISSPELT);
    write(dir.path(), "stories/a.md", MISSPELT);
    write(dir.path(), "stories/drafts/c.txt", MISSPELT);
    write(dir.path(), "stories/photo.jpg", MISSPELT);
    write(dir.path(), "stories/.gitignore", "drafts/\n");
    let run = copydesk(dir.path(), &["check", "--format", "short", "stories"], None);
    let paths: Vec<&str> = run.stdout.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(paths, ["stories/a.md", "stories/b.txt"], "{}", run.stdout);
    // A file named on the command line is checked whatever its extension.
    let run = copydesk(dir.path(), &["check", "--format", "short", "stories/photo.jpg"], None);
    assert_eq!(run.code, 1);
    // No path: the current folder.
    let run = copydesk(&dir.path().join("stories"), &["check", "--format", "short"], None);
    let paths: Vec<&str> = run.stdout.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(paths, ["a.md", "b.txt"], "{}", run.stdout);
}

#[test]
fn nothing_to_check_is_said_but_not_an_error() {
    let dir = desk();
    write(dir.path(), "photos/a.jpg", MISSPELT);
    let run = copydesk(dir.path(), &["check", "photos"], None);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("no files to check"), "{}", run.stderr);
    // Not "No findings in 0 files.": nothing was checked.
    assert_eq!(run.stdout, "Nothing checked: no files to check.\n");
    // Every file named is excluded: the same.
    write(dir.path(), "copydesk.toml", "exclude = [\"drafts\"]\n");
    write(dir.path(), "drafts/a.txt", MISSPELT);
    let run = copydesk(dir.path(), &["check", "drafts/a.txt"], None);
    assert_eq!((run.code, run.stdout.as_str()), (0, "Nothing checked: no files to check.\n"), "{}", run.stderr);
}

#[test]
fn many_files_in_parallel_keep_their_order() {
    let dir = desk();
    for i in 0..60 {
        write(dir.path(), &format!("s/{i:02}.txt"), if i % 3 == 0 { MISSPELT } else { CLEAN });
    }
    let run = copydesk(dir.path(), &["check", "--format", "short", "s"], None);
    let expected: Vec<String> = (0..60).filter(|i| i % 3 == 0).map(|i| format!("s/{i:02}.txt")).collect();
    let paths: Vec<String> = run.stdout.lines().filter_map(|l| l.split(':').next()).map(str::to_string).collect();
    assert_eq!(paths, expected);
    assert!(run.stderr.is_empty(), "no progress bar when stderr is not a terminal: {}", run.stderr);
}

#[test]
fn stdin_with_and_without_a_file_name() {
    let dir = desk();
    let run = copydesk(dir.path(), &["check", "--format", "short", "-"], Some(MISSPELT));
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("-:1:16: warning misspelling"), "{}", run.stdout);
    let run =
        copydesk(dir.path(), &["check", "--format", "short", "--stdin-filename", "news/today.md"], Some(MISSPELT));
    assert!(run.stdout.starts_with("news/today.md:1:16: warning misspelling"), "{}", run.stdout);
}

#[test]
fn missing_path_is_reported_and_the_other_files_still_checked() {
    let dir = desk();
    write(dir.path(), "a.txt", MISSPELT);
    let run = copydesk(dir.path(), &["check", "--format", "short", "gone.txt", "a.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("gone.txt: no such file or folder"), "{}", run.stderr);
    assert!(run.stdout.starts_with("a.txt:1:16:"), "{}", run.stdout);
}

#[test]
fn invalid_utf8_is_reported_without_a_panic() {
    let dir = desk();
    std::fs::write(dir.path().join("bad.txt"), b"\xd9\x82\xd8\xa7\xd9\x84\n\xff\xfe ok").expect("write");
    write(dir.path(), "a.txt", MISSPELT);
    let run = copydesk(dir.path(), &["check", "--format", "json", "bad.txt", "a.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.txt:2:1: not valid UTF-8"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"));
    assert_eq!(json(&run).len(), 1, "a.txt is still checked");
    let run = copydesk(dir.path(), &["check", "-"], Some("\u{feff}ok"));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn utf16_is_named_and_a_utf8_bom_is_not_a_column() {
    let dir = desk();
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("قال إن الإدراة".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.path().join("wide.txt"), utf16).expect("write");
    write(dir.path(), "bom.txt", &format!("\u{feff}{MISSPELT}"));
    let run = copydesk(dir.path(), &["check", "--format", "json", "wide.txt", "bom.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("wide.txt: UTF-16 (little-endian) text"), "{}", run.stderr);
    assert!(!run.stderr.contains("not valid UTF-8"), "{}", run.stderr);
    let items = json(&run);
    assert_eq!(items.len(), 1, "{}", run.stdout);
    // The same column as without the mark; the bytes still count it (offsets into the file).
    assert_eq!((items[0]["line"].as_u64(), items[0]["column"].as_u64()), (Some(1), Some(16)));
    assert_eq!(items[0]["start_byte"].as_u64(), Some(27 + 3));
    let human = copydesk(dir.path(), &["check", "bom.txt"], None);
    assert!(human.stdout.contains("bom.txt:1:16: warning misspelling"), "{}", human.stdout);
    assert!(human.stdout.contains("\n 1 | قال المتحدث إن ⟦الإدراة⟧"), "no mark in the shown line: {}", human.stdout);
}

#[test]
fn a_lone_cr_ends_a_line_as_in_the_language_server() {
    let dir = desk();
    write(dir.path(), "mac.txt", &format!("عنوان الخبر\r{}", MISSPELT.replace('\n', "\r")));
    let run = copydesk(dir.path(), &["check", "--format", "short", "mac.txt"], None);
    assert!(run.stdout.starts_with("mac.txt:2:16: warning misspelling"), "{}", run.stdout);
    let run = copydesk(dir.path(), &["check", "mac.txt"], None);
    assert!(run.stdout.contains("\n 2 | قال المتحدث إن ⟦الإدراة⟧ الجديدة ستعلن خطتها غداً.\n"), "{}", run.stdout);
}

#[test]
fn the_summary_says_what_was_checked_and_what_could_not_be_read() {
    let dir = desk();
    std::fs::write(dir.path().join("bad.txt"), b"ok \xff").expect("write");
    write(dir.path(), "clean.txt", CLEAN);
    write(dir.path(), "a.txt", MISSPELT);
    let run = copydesk(dir.path(), &["check", "gone.txt"], None);
    assert_eq!((run.code, run.stdout.as_str()), (2, "Nothing checked: 1 file could not be read.\n"));
    let run = copydesk(dir.path(), &["check", "gone.txt", "bad.txt"], None);
    assert_eq!((run.code, run.stdout.as_str()), (2, "Nothing checked: 2 files could not be read.\n"));
    let run = copydesk(dir.path(), &["check", "bad.txt", "clean.txt"], None);
    assert_eq!((run.code, run.stdout.as_str()), (2, "No findings in 1 file; 1 file could not be read.\n"));
    let run = copydesk(dir.path(), &["check", "bad.txt", "clean.txt", "a.txt"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.ends_with(
            "Found 1 finding (1 warning) in 1 of 2 files; 1 fixable with `copydesk check --fix`; 1 file could not be read.\n"
        ),
        "{}",
        run.stdout
    );
    let run = copydesk(dir.path(), &["check", "--diff", "a.txt"], None);
    assert!(run.stderr.contains("1 finding would be fixed in 1 file\n"), "{}", run.stderr);
}

#[test]
fn inputs_over_the_limit_are_refused_unread() {
    let dir = desk();
    write(dir.path(), "big.txt", &MISSPELT.repeat(40));
    write(dir.path(), "a.txt", MISSPELT);
    let run =
        copydesk(dir.path(), &["check", "--format", "short", "--max-input-size", "1KiB", "big.txt", "a.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("big.txt: larger than the input limit of 1 KiB; not read"), "{}", run.stderr);
    assert!(run.stdout.starts_with("a.txt:1:16:"), "the other file is still checked: {}", run.stdout);
    // The desk's config sets it too; the command line wins.
    write(dir.path(), "copydesk.toml", "max_input_size = \"1KiB\"\n");
    let run = copydesk(dir.path(), &["check", "--format", "short", "big.txt"], None);
    assert!(run.stderr.contains("big.txt: larger than the input limit of 1 KiB"), "{}", run.stderr);
    let run = copydesk(dir.path(), &["check", "--format", "short", "--max-input-size", "1MB", "big.txt"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    write(dir.path(), "copydesk.toml", "max_input_size = \"a lot\"\n");
    let run = copydesk(dir.path(), &["check", "a.txt"], None);
    assert!(run.stderr.contains("copydesk.toml:1:18: invalid size `a lot`"), "{}", run.stderr);
    let run = copydesk(dir.path(), &["check", "--max-input-size", "lots", "a.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid size `lots`"), "{}", run.stderr);
}

/// A file or a stdin that never ends is refused after the limit, not read until memory runs out.
#[cfg(unix)]
#[test]
fn endless_inputs_are_refused_after_the_limit() {
    let dir = desk();
    write(dir.path(), "a.txt", MISSPELT);
    let run = copydesk(dir.path(), &["check", "--format", "short", "/dev/zero", "a.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("/dev/zero: larger than the input limit of 64 MiB; not read"), "{}", run.stderr);
    assert!(run.stdout.starts_with("a.txt:1:16:"), "{}", run.stdout);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--max-input-size", "2MiB", "-"])
        .current_dir(dir.path())
        .stdin(std::fs::File::open("/dev/zero").expect("/dev/zero"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("-: larger than the input limit of 2 MiB; not read"), "{stderr}");
}

#[test]
fn fail_on_select_and_ignore() {
    let dir = desk();
    write(dir.path(), "seed.txt", SEED);
    let run = copydesk(dir.path(), &["check", "--fail-on", "error", "seed.txt"], None);
    assert_eq!(run.code, 0, "warnings only: not failing at error");
    assert!(run.stdout.contains("warning"), "the findings are still printed");
    let run = copydesk(dir.path(), &["check", "--fail-on", "never", "seed.txt"], None);
    assert_eq!(run.code, 0);
    let run =
        copydesk(dir.path(), &["check", "--format", "json", "--select", "boilerplate,misspelling", "seed.txt"], None);
    let rules: Vec<String> = flagged(dir.path(), &run).into_iter().map(|(r, _)| r).collect();
    assert!(rules.iter().all(|r| r == "boilerplate" || r == "misspelling") && rules.len() >= 3, "{rules:?}");
    let run = copydesk(
        dir.path(),
        &["check", "--format", "json", "--ignore", "boilerplate", "--ignore", "misspelling", "seed.txt"],
        None,
    );
    let rules: Vec<String> = flagged(dir.path(), &run).into_iter().map(|(r, _)| r).collect();
    assert!(!rules.is_empty() && rules.iter().all(|r| r != "boilerplate" && r != "misspelling"), "{rules:?}");
    let run = copydesk(dir.path(), &["check", "--select", "speling", "seed.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown rule `speling`"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let dir = desk();
    let run = copydesk(dir.path(), &["check", "--format", "xml", "."], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("xml"), "{}", run.stderr);
    let run = copydesk(dir.path(), &["frobnicate"], None);
    assert_eq!(run.code, 2);
    let run = copydesk(dir.path(), &["--help"], None);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("check"));
}

#[test]
fn rules_and_explain() {
    let dir = desk();
    let run = copydesk(dir.path(), &["rules"], None);
    assert_eq!(run.code, 0);
    for id in
        ["misspelling", "name-variant", "unattributed-quote", "boilerplate", "duplicate-paragraph", "repeated-word"]
    {
        assert!(run.stdout.lines().any(|l| l.starts_with(id)), "{id} in {}", run.stdout);
    }
    let run = copydesk(dir.path(), &["rules", "--json"], None);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(copydesk::core::RULES.len()));
    let run = copydesk(dir.path(), &["explain", "misspelling"], None);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("misspelling"), "{}", run.stdout);
    assert!(run.stdout.lines().count() > 3, "the rule's docs: {}", run.stdout);
    let run = copydesk(dir.path(), &["explain", "nonsense"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown rule `nonsense`"));
}

#[test]
fn suppression_comments_in_markdown() {
    let dir = desk();
    let md = "# خبر\n\n<!-- copydesk-disable-next-line misspelling -->\nقال إن الإدراة الجديدة ستعلن.\n\nقال إن الإدراة ستعلن.\n\n<!-- copydesk-disable misspelling -->\nقال إن الإدراة القديمة أعلنت.\n<!-- copydesk-enable -->\n";
    write(dir.path(), "a.md", md);
    let run = copydesk(dir.path(), &["check", "--format", "json", "--select", "misspelling", "a.md"], None);
    let items = json(&run);
    assert_eq!(items.len(), 1, "{}", run.stdout);
    assert_eq!(items[0]["line"], 6);
}

/// Run `copydesk ARGS` under a pseudo-terminal (`script`, from util-linux; Debian ships it
/// in `bsdutils`), so stdout and stderr are terminals. Returns copydesk's exit code and all
/// it wrote. Panics, naming the package, where `script` is missing: a test that cannot run
/// must not pass.
fn on_a_terminal(dir: &std::path::Path, args: &str) -> (i32, String) {
    let typescript = dir.join("typescript");
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_copydesk"));
    let status = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &command])
        .arg(&typescript)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run `script` (Debian package bsdutils, util-linux elsewhere): {e}"));
    let code = status.code().unwrap_or_else(|| panic!("`script` was killed: {status}"));
    let seen = std::fs::read(&typescript).unwrap_or_else(|e| panic!("`script` wrote no typescript: {e}"));
    (code, String::from_utf8_lossy(&seen).into_owned())
}

#[test]
fn colour_and_progress_bar_only_on_a_terminal() {
    let dir = desk();
    for i in 0..60 {
        write(dir.path(), &format!("s/{i:02}.txt"), MISSPELT);
    }
    let (code, seen) = on_a_terminal(dir.path(), "check s");
    assert_eq!(code, 1, "findings: exit 1 (`script -e` passes copydesk's code on)\n{seen}");
    assert!(seen.contains("\x1b[1;4;31m⟦الإدراة⟧\x1b[0m"), "colour on a terminal: {seen}");
    assert!(seen.contains("checking ["), "a progress bar for 60 files on a terminal: {seen}");
    assert!(seen.contains("Found 60 findings"), "{seen}");
    let (code, seen) = on_a_terminal(dir.path(), "check --no-progress --color never s");
    assert_eq!(code, 1, "{seen}");
    assert!(seen.contains("Found 60 findings"), "the run did happen: {seen}");
    assert!(!seen.contains("checking [") && !seen.contains("\x1b[1;4;31m"), "{seen}");
    // Not a terminal: neither (see many_files_in_parallel_keep_their_order).
}

#[test]
fn integrations_run_the_documented_commands() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let action = std::fs::read_to_string(root.join("action.yml")).expect("action.yml");
    assert!(action.contains("run: copydesk check --format github $COPYDESK_ARGS $COPYDESK_PATHS"), "{action}");
    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).expect(".pre-commit-hooks.yaml");
    let entries: Vec<&str> = hooks.lines().filter_map(|l| l.trim().strip_prefix("entry: ")).collect();
    assert_eq!(entries, ["copydesk check", "copydesk check --fix"]);
    // The commands they run exist and accept these arguments.
    let dir = desk();
    write(dir.path(), "a.txt", CLEAN);
    for args in [&["check", "--format", "github", "--fail-on", "warning", "."][..], &["check", "--fix", "a.txt"][..]] {
        let run = copydesk(dir.path(), args, None);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
}

/// The project's own tree is an example of the tool's use: its copydesk.toml leaves out the
/// word lists and the material that is wrong on purpose, so a check at the root is clean;
/// the seed story named on the command line (the README's first command) still shows its
/// findings.
#[test]
fn the_repository_checks_clean_and_the_seed_named_still_has_findings() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = copydesk(root, &["check", "--no-progress"], None);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("No findings in ") && run.stdout.ends_with(" files.\n"), "{}", run.stdout);
    assert!(!run.stdout.starts_with("No findings in 0 files"), "something is still checked: {}", run.stdout);
    let seed = "examples/stories/seed-article.txt";
    let run = copydesk(root, &["check", "--format", "short", seed], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout.lines().filter(|l| l.starts_with(seed)).count(), 5, "{}", run.stdout);
}

#[test]
fn a_folder_excluded_above_stays_excluded_under_a_nested_config() {
    let dir = desk();
    write(dir.path(), "copydesk.toml", "exclude = [\"archive\"]\n");
    write(dir.path(), "archive/2015/copydesk.toml", "[rules]\nboilerplate = \"off\"\n");
    write(dir.path(), "archive/2015/old.txt", MISSPELT);
    write(dir.path(), "today/copydesk.toml", "");
    write(dir.path(), "today/new.txt", MISSPELT);
    let run = copydesk(dir.path(), &["check", "--format", "short", "."], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.starts_with("today/new.txt:1:16:"), "{}", run.stdout);
    assert!(!run.stdout.contains("old.txt"), "{}", run.stdout);
    // Named, too (exclude applies to files named on the command line).
    let run = copydesk(dir.path(), &["check", "archive/2015/old.txt"], None);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}
