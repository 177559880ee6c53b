//! Golden tests: the output of every format on the seed story and on a small desk folder
//! (tests/golden/desk: a copydesk.toml with house style, stories in several shapes).
//! Expected files live in tests/golden; after an intended change, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test cli_golden` and review the diff.
//! The SARIF outputs are also validated against the official SARIF 2.1.0 schema.

mod cli_support;

use std::path::{Path, PathBuf};

use cli_support::{copydesk, desk, write, Run, SEED};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Compare `actual` with tests/golden/`name`, or rewrite it under UPDATE_GOLDEN=1.
fn golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; create it with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .header("expected", "actual")
            .to_string();
        panic!("{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it if the change is intended):\n{diff}");
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

const FORMATS: [(&str, &str); 5] = [
    ("human", "human.txt"),
    ("short", "short.txt"),
    ("json", "json"),
    ("sarif", "sarif.json"),
    ("github", "github.txt"),
];

fn seed_run(format: &str) -> Run {
    let dir = desk();
    write(dir.path(), "seed-article.txt", SEED);
    copydesk(dir.path(), &["check", "--format", format, "seed-article.txt"], None)
}

fn desk_run(format: &str) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&golden_dir().join("desk"), dir.path());
    copydesk(dir.path(), &["check", "--format", format, "stories", "archive/old.txt"], None)
}

#[test]
fn seed_in_every_format() {
    for (format, ext) in FORMATS {
        let run = seed_run(format);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{format}");
        golden(&format!("seed.{ext}"), &run.stdout);
    }
}

#[test]
fn desk_folder_in_every_format() {
    for (format, ext) in FORMATS {
        let run = desk_run(format);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{format}");
        assert!(!run.stdout.contains("archive/old.txt"), "excluded by the desk's config");
        assert!(!run.stdout.contains("opinion/column.txt"), "unattributed-quote is off in opinion/** by override");
        golden(&format!("desk.{ext}"), &run.stdout);
    }
}

#[test]
fn seed_diff() {
    let dir = desk();
    write(dir.path(), "seed-article.txt", SEED);
    let run = copydesk(dir.path(), &["check", "--diff", "seed-article.txt"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    golden("seed.diff", &run.stdout);
    assert_eq!(cli_support::read(dir.path(), "seed-article.txt"), SEED, "--diff writes nothing");
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(golden_dir().join("schema/sarif-2.1.0.json")).expect("schema");
    let mut schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    // The official schema's `language` pattern has a lone `]`, a literal only under ECMA-262
    // Annex B; the validator checks patterns in Unicode mode and rejects it. Escaping it keeps
    // its meaning. The file itself stays as published.
    fn escape_lone_bracket(v: &mut serde_json::Value) -> usize {
        match v {
            serde_json::Value::Object(map) => {
                let mut n = 0;
                for (k, child) in map.iter_mut() {
                    if k == "pattern" && child == r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                        *child = serde_json::Value::String(r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\]?$".to_string());
                        n += 1;
                    } else {
                        n += escape_lone_bracket(child);
                    }
                }
                n
            }
            serde_json::Value::Array(items) => items.iter_mut().map(escape_lone_bracket).sum(),
            _ => 0,
        }
    }
    assert_eq!(escape_lone_bracket(&mut schema), 2, "the `language` patterns of run and toolComponent");
    jsonschema::draft7::options().should_validate_formats(true).build(&schema).expect("schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, stdout: &str) -> serde_json::Value {
    let log: serde_json::Value = serde_json::from_str(stdout).expect("SARIF is JSON");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));
    log
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let validator = sarif_validator();
    for run in [seed_run("sarif"), desk_run("sarif")] {
        let log = assert_valid_sarif(&validator, &run.stdout);
        let sarif_run = &log["runs"][0];
        assert_eq!(sarif_run["columnKind"], "unicodeCodePoints");
        let rules = sarif_run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), copydesk::core::RULES.len());
        for r in rules {
            assert!(r["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()), "{r}");
            assert!(r["helpUri"].as_str().is_some_and(|u| u.starts_with("https://")), "{r}");
        }
        let results = sarif_run["results"].as_array().expect("results");
        assert!(!results.is_empty());
        for res in results {
            let region = &res["locations"][0]["physicalLocation"]["region"];
            assert!(region["startColumn"].as_u64().is_some_and(|c| c >= 1), "{res}");
            assert!(region["endColumn"].as_u64().is_some_and(|c| c >= 1), "{res}");
            let uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri");
            assert!(
                uri.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%:".contains(&b)),
                "a URI reference, percent-encoded: {uri}"
            );
            let index = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], res["ruleId"]);
        }
    }
    // The validator is not vacuous: a column 0 or an unknown level is caught.
    let mut bad = assert_valid_sarif(&validator, &seed_run("sarif").stdout);
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0.into();
    assert!(!validator.is_valid(&bad));
    let mut bad = assert_valid_sarif(&validator, &seed_run("sarif").stdout);
    bad["runs"][0]["results"][0]["level"] = "hint".into();
    assert!(!validator.is_valid(&bad));
    // Errors are recorded as notifications of an unsuccessful invocation.
    let dir = desk();
    std::fs::write(dir.path().join("bad.txt"), b"ok \xff").expect("write");
    let run = copydesk(dir.path(), &["check", "--format", "sarif", "bad.txt", "gone.txt"], None);
    assert_eq!(run.code, 2);
    let log = assert_valid_sarif(&validator, &run.stdout);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes: Vec<&str> = invocation["toolExecutionNotifications"]
        .as_array()
        .map(|a| a.iter().filter_map(|n| n["message"]["text"].as_str()).collect())
        .unwrap_or_default();
    assert!(notes.iter().any(|n| n.contains("gone.txt: no such file")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("bad.txt:1:4: not valid UTF-8")), "{notes:?}");
    // An empty run is valid too.
    let dir = desk();
    write(dir.path(), "clean.txt", "خبر بلا أخطاء.\n");
    let run = copydesk(dir.path(), &["check", "--format", "sarif", "clean.txt"], None);
    assert_eq!(run.code, 0);
    assert_valid_sarif(&validator, &run.stdout);
}

/// A file name that is not UTF-8 (Linux allows any bytes) keeps its exact bytes in the
/// SARIF URI, percent-encoded, instead of a replacement character's.
#[cfg(target_os = "linux")]
#[test]
fn sarif_uris_keep_file_names_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = desk();
    let name = std::ffi::OsStr::from_bytes(b"s/\xd8\xae\xd8\xa8\xd8\xb1-\xff.txt");
    if let Err(e) = std::fs::create_dir_all(dir.path().join("s"))
        .and_then(|()| std::fs::write(dir.path().join(name), "قال إن الإدراة أعلنت.\n"))
    {
        panic!("cannot create a file with a non-UTF-8 name: {e}");
    }
    let run = copydesk(dir.path(), &["check", "--format", "sarif", "s"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log = assert_valid_sarif(&sarif_validator(), &run.stdout);
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "s/%D8%AE%D8%A8%D8%B1-%FF.txt");
}

#[test]
fn github_annotations_are_well_formed() {
    let line_re = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=[1-9][0-9]*,col=[1-9][0-9]*,(endColumn|endLine)=[1-9][0-9]*,title=[^,:]+::[^\r\n]+$",
    )
    .expect("regex");
    for run in [seed_run("github"), desk_run("github")] {
        assert!(!run.stdout.is_empty());
        for line in run.stdout.lines() {
            assert!(line_re.is_match(line), "malformed annotation: {line}");
        }
    }
    // Commas, colons, percent signs and line breaks in names and messages are escaped.
    let dir = desk();
    write(dir.path(), "رأي, 100%: خبر.txt", "قال إن الإدراة أعلنت.\n");
    let run = copydesk(dir.path(), &["check", "--format", "github", "--select", "misspelling", "."], None);
    let line = run.stdout.lines().next().expect("one annotation");
    assert!(
        line.starts_with(
            "::warning file=رأي%2C 100%25%3A خبر.txt,line=1,col=8,endColumn=15,title=copydesk misspelling::"
        ),
        "{line}"
    );
    assert!(line_re.is_match(line), "{line}");
}
