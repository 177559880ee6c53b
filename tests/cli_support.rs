//! Helpers shared by the `cli_*` integration tests (included with `mod cli_support;`):
//! run the real binary in a temporary folder on real files.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The seed story (the product's defining example; copying it into tests is allowed).
pub const SEED: &str = include_str!("../examples/stories/seed-article.txt");

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A temporary folder with an empty `copydesk.toml`, so no config above it is used.
pub fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "copydesk.toml", "");
    dir
}

pub fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, text).expect("write");
    path
}

pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).expect("read")
}

/// Run `copydesk ARGS` in `dir`, with `stdin` piped in (or nothing).
pub fn copydesk(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    copydesk_bytes(dir, args, stdin.map(str::as_bytes))
}

/// [`copydesk`] with any bytes on stdin (a Word file, say).
pub fn copydesk_bytes(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COPYDESK_DICTIONARY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run copydesk");
    {
        let mut input = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            input.write_all(bytes).expect("write stdin");
        }
    }
    let out = child.wait_with_output().expect("wait");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Parse `--format json` output.
pub fn json(run: &Run) -> Vec<serde_json::Value> {
    match serde_json::from_str::<serde_json::Value>(&run.stdout) {
        Ok(serde_json::Value::Array(items)) => items,
        other => panic!("not a JSON array: {other:?}\nstdout: {}\nstderr: {}", run.stdout, run.stderr),
    }
}

/// (rule, flagged text) of each finding in `--format json` output, reading the files in `dir`.
pub fn flagged(dir: &Path, run: &Run) -> Vec<(String, String)> {
    json(run)
        .iter()
        .map(|f| {
            let path = f["path"].as_str().expect("path");
            let text = if path == "-" { String::new() } else { read(dir, path) };
            let (s, e) =
                (f["start_byte"].as_u64().expect("start") as usize, f["end_byte"].as_u64().expect("end") as usize);
            (f["rule"].as_str().expect("rule").to_string(), text.get(s..e).unwrap_or("").to_string())
        })
        .collect()
}
