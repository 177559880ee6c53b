//! Edit-to-diagnostics latency of the language server, against a bare core check of the same
//! text in the same process (so the ratio holds whatever the build profile and machine).
//!
//! Run: `cargo bench --bench lsp_latency` (or `--profile dev` for a quick look; the ratios
//! are what to compare). Texts: a 20 KB article and a 2 MB document, both built from the
//! seed story. Each sample is one keystroke (a one-character incremental change) sent over
//! real LSP framing, timed until the diagnostics for that version arrive.
//!
//! `cargo bench --profile dev --bench lsp_latency -- memory` measures memory instead: the
//! resident set size (`VmRSS` in /proc/self/status; server and test client share the
//! process) while a 1.5 MB one-line document with tens of thousands of findings is open and
//! after it is closed, and over five cycles of opening and closing a hundred 20 KB stories.

#[path = "../tests/lsp_support/mod.rs"]
mod lsp_support;

use std::path::Path;
use std::time::{Duration, Instant};

use copydesk::core::{Checker, Config};
use copydesk::lsp::Options;
use lsp_support::{pull_utf8_caps, push_caps, seed, Client};
use serde_json::{json, Value};

fn build(target: usize) -> String {
    let seed = seed();
    let mut text = String::with_capacity(target + seed.len());
    while text.len() < target {
        text.push_str(&seed);
        text.push('\n');
    }
    text
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn max(xs: &[Duration]) -> Duration {
    xs.iter().copied().max().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The diagnostics for `version`: pulled, or awaited as pushed.
async fn diagnostics(c: &mut Client, uri: &str, version: i64, pull: bool) -> usize {
    if pull {
        let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await;
        r["result"]["items"].as_array().map_or(0, Vec::len)
    } else {
        c.diagnostics(uri, version).await.len()
    }
}

async fn measure(name: &str, text: &str, samples: usize, pull: bool) {
    // Reference: the core alone, same text, same process.
    let lexicon = copydesk::dictionary::load(Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    let checker = Checker::new(Config::default(), lexicon);
    let findings = checker.check(text, None).findings.len();
    let core: Vec<Duration> = (0..samples.min(10))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(checker.check(text, None));
            t.elapsed()
        })
        .collect();
    let core = median(core);

    let caps = if pull { pull_utf8_caps() } else { push_caps() };
    let (mut c, _) = Client::start(Options::default(), caps, None, Value::Null).await;
    c.drain(200).await; // let the start-up settings reload pass
    let uri = "untitled:bench";
    c.open(uri, text, 0).await;
    let first = diagnostics(&mut c, uri, 0, pull).await;
    assert_eq!(first, findings, "the server reports what the core finds");

    // One keystroke at a time: type a letter in the middle of the text, wait for diagnostics.
    let line = (text.lines().count() / 2) as u64;
    let mut keystrokes = Vec::new();
    for v in 1..=samples {
        let at = json!({"line": line, "character": 3});
        let t = Instant::now();
        c.change(uri, v as i64, json!([{"range": {"start": at, "end": at}, "text": "ب"}])).await;
        diagnostics(&mut c, uri, v as i64, pull).await;
        keystrokes.push(t.elapsed());
    }
    // A burst: ten keystrokes sent back to back, timed until the last version is published.
    let t = Instant::now();
    let base = samples as i64;
    for k in 1..=10 {
        let at = json!({"line": line, "character": 3});
        c.change(uri, base + k, json!([{"range": {"start": at, "end": at}, "text": "ـ"}])).await;
    }
    diagnostics(&mut c, uri, base + 10, pull).await;
    let burst = t.elapsed();
    c.shutdown().await;

    let k = median(keystrokes.clone());
    println!(
        "{name:>14} ({} KB, {findings} findings, {}): core check {} | keystroke -> diagnostics median {} (x{:.2} the core check), worst {} | 10-keystroke burst {} (x{:.2})",
        text.len() / 1000,
        if pull { "pulled" } else { "pushed" },
        ms(core),
        ms(k),
        k.as_secs_f64() / core.as_secs_f64(),
        ms(max(&keystrokes)),
        ms(burst),
        burst.as_secs_f64() / core.as_secs_f64(),
    );
}

/// A field of /proc/self/status, in MB (`VmRSS`: resident now; `VmHWM`: the peak).
fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(f64::NAN);
    kb / 1024.0
}

/// Wait for the empty publish that clears `uri` after its close.
async fn cleared(c: &mut Client, uri: &str) {
    c.wait_note(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"].as_array().is_some_and(Vec::is_empty)
    })
    .await;
}

async fn memory() {
    let (mut c, _) = Client::start(Options::default(), push_caps(), None, Value::Null).await;
    c.drain(200).await;
    let start = status_mb("VmRSS");
    println!("memory: {start:.0} MB resident after start-up");

    // One long line with a misspelling every few words.
    let unit = "للإدراة في المدينة ";
    let line = unit.repeat(1_560_000 / unit.len());
    let uri = "untitled:one-line";
    c.open(uri, &line, 0).await;
    let n = c.diagnostics(uri, 0).await.len();
    c.notes.clear();
    let open = status_mb("VmRSS");
    let peak = status_mb("VmHWM");
    // What is live, as against what the allocator keeps: trim, then look again.
    copydesk::lsp::memory::give_back();
    let live = status_mb("VmRSS");
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}})).await;
    cleared(&mut c, uri).await;
    c.drain(300).await;
    c.notes.clear();
    let closed = status_mb("VmRSS");
    println!(
        "memory: one {:.2} MB line, {n} diagnostics: {open:.0} MB resident while open (+{:.0}; +{:.0} live, after malloc_trim), peak {peak:.0} MB, {closed:.0} MB after close (+{:.0})",
        line.len() as f64 / 1e6,
        open - start,
        live - start,
        closed - start
    );

    // Open and close a hundred 20 KB stories, five times.
    let story = build(20_000);
    let before = status_mb("VmRSS");
    let mut after = Vec::new();
    for cycle in 0..5 {
        for i in 0..100 {
            c.open(&format!("untitled:story-{cycle}-{i}"), &story, 1).await;
        }
        for i in 0..100 {
            c.diagnostics(&format!("untitled:story-{cycle}-{i}"), 1).await;
        }
        let open = status_mb("VmRSS");
        for i in 0..100 {
            c.notify("textDocument/didClose", json!({"textDocument": {"uri": format!("untitled:story-{cycle}-{i}")}}))
                .await;
        }
        for i in 0..100 {
            cleared(&mut c, &format!("untitled:story-{cycle}-{i}")).await;
        }
        c.drain(300).await;
        c.notes.clear();
        let closed = status_mb("VmRSS");
        println!("memory: cycle {cycle}: 100 stories of 20 KB open {open:.0} MB, all closed {closed:.0} MB");
        after.push(closed);
    }
    println!(
        "memory: after five open/close cycles: {:.0} MB resident, {:+.0} MB against before the first",
        after[4],
        after[4] - before
    );
    c.shutdown().await;
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    if std::env::args().any(|a| a == "memory") {
        runtime.block_on(memory());
        return;
    }
    runtime.block_on(async {
        for pull in [false, true] {
            measure("20 KB article", &build(20_000), 30, pull).await;
            measure("2 MB document", &build(2_000_000), 8, pull).await;
        }
    });
}
