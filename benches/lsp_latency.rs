//! Edit-to-diagnostics latency of the language server, against a bare core check of the same
//! text in the same process (so the ratio holds whatever the build profile and machine).
//!
//! Run: `cargo bench --bench lsp_latency` (or `--profile dev` for a quick look; the ratios
//! are what to compare). Texts: a 20 KB story and a 2 MB document cut at line starts from
//! the evaluation corpus's bench file when it is present (read at run time, never copied),
//! else the seed story repeated. Each sample is one edit sent over real LSP framing, timed until the
//! diagnostics for that version arrive: a keystroke of a word typed mid-paragraph, a
//! paragraph deleted, a paragraph pasted; p50 and p95 per scenario, and p95 against a full
//! core check of the same text in the same process.
//!
//! `cargo bench --bench lsp_latency -- story` runs the 20 KB story alone, pulled then pushed.
//! With `stages` as well (or alone, for the full run), the server stamps each step of a push
//! ([`copydesk::lsp::trace`]) and each typing run prints the steps' p50 / p95 after its figures.
//! `-- engine` runs the engine alone (no server) on the 2 MB document, `-- engine story` on
//! the 20 KB story, with each edit's CPU time (for a profiler, and a shared machine);
//! `-- engine paragraphs` the 2 MB document's deletes and pastes alone, 100 of each.
//!
//! `cargo bench --bench lsp_latency -- cold` measures the first words typed in fresh
//! `copydesk lsp` processes (five per case: typed at once after the open's diagnostics, and
//! 300 ms later), which the in-process passes cannot show: they come after a full check and
//! the engine's run in the same process, which build what a fresh server builds on the way.
//!
//! `cargo bench --bench lsp_latency -- memory` measures memory instead: the resident set
//! size (`VmRSS` in /proc/<pid>/status) of a real `copydesk lsp` process with 100 different
//! 20 KB stories open, and of another with one 2 MB document open and edited.

#[path = "../tests/lsp_support/mod.rs"]
mod lsp_support;

use std::path::Path;
use std::time::{Duration, Instant};

use copydesk::core::{Checker, Config, Incremental};
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

/// The evaluation corpus's bench file, when present (read at run time, never copied).
fn corpus() -> Option<&'static str> {
    static CORPUS: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    CORPUS
        .get_or_init(|| {
            std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bench/arabic-news-10mb.txt"),
            )
            .ok()
        })
        .as_deref()
}

/// `len` bytes of real copy starting near byte `from` of the corpus, cut at line starts; or
/// the seed story repeated (with a numbered first line) where the corpus is absent.
fn text(from: usize, len: usize) -> String {
    match corpus() {
        Some(c) if c.len() > len => {
            let mut from = from % (c.len() - len);
            while !c.is_char_boundary(from) {
                from -= 1;
            }
            let start = c[from..].find('\n').map_or(0, |i| from + i + 1);
            let mut end = (start + len).min(c.len());
            while !c.is_char_boundary(end) {
                end -= 1;
            }
            let end = c[..end].rfind('\n').map_or(end, |i| i + 1);
            c[start..end].to_string()
        }
        _ => format!("الخبر رقم {from}\n{}", build(len)),
    }
}

fn source() -> &'static str {
    if corpus().is_some() {
        "../shared/corpus/bench/arabic-news-10mb.txt"
    } else {
        "the seed story repeated"
    }
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
        // (counted where they lie: copying the list out, as `Client::diagnostics` does for
        // the tests, took milliseconds of the 2 MB document's samples that no editor spends)
        let note = c
            .wait_note(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            })
            .await;
        note["params"]["diagnostics"].as_array().map_or(0, Vec::len)
    }
}

fn percentile(xs: &[Duration], p: f64) -> Duration {
    let mut xs = xs.to_vec();
    xs.sort();
    xs.get(((xs.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or_default()
}

/// One scenario's samples: p50, p95 and worst, and p95 against a full core check; then the
/// process's CPU time per sample (server and client, every thread: what an edit costs whatever
/// else a shared machine runs).
fn report(name: &str, scenario: &str, xs: &[Duration], cpu: &[Duration], core: Duration) {
    let p95 = percentile(xs, 0.95);
    println!(
        "{name:>14} | {scenario:<28} | n={:>3} p50 {} p95 {} worst {} | p95 = x{:.3} a full check | process CPU p50 {} p95 {}",
        xs.len(),
        ms(percentile(xs, 0.5)),
        ms(p95),
        ms(max(xs)),
        p95.as_secs_f64() / core.as_secs_f64(),
        ms(percentile(cpu, 0.5)),
        ms(percentile(cpu, 0.95)),
    );
}

/// Where each keystroke's time went, from [`copydesk::lsp::trace`]'s stamps (with `stages`
/// on the command line; pushes only): p50 and p95 of the time from the step before (the
/// client's send for the first) to each step, and from the last to the client's receipt.
fn stages(name: &str, samples: &[(Instant, Vec<(copydesk::lsp::trace::Step, Instant)>, Instant)]) {
    use std::collections::BTreeMap;
    let mut gaps: BTreeMap<String, Vec<Duration>> = BTreeMap::new();
    for (sent, stamps, got) in samples {
        if stamps.is_empty() {
            continue;
        }
        let mut stamps = stamps.clone();
        stamps.sort_by_key(|&(step, at)| (step, at));
        stamps.dedup_by_key(|(step, _)| *step);
        let mut before = *sent;
        for (i, (step, at)) in stamps.iter().enumerate() {
            gaps.entry(format!("{i} {step:?}")).or_default().push(at.saturating_duration_since(before));
            before = *at;
        }
        gaps.entry(format!("{} received", stamps.len())).or_default().push(got.saturating_duration_since(before));
    }
    for (step, xs) in gaps {
        println!(
            "{name:>14} | stage {step:<12} | n={:>3} p50 {:.3} ms p95 {:.3} ms",
            xs.len(),
            percentile(&xs, 0.5).as_secs_f64() * 1e3,
            percentile(&xs, 0.95).as_secs_f64() * 1e3
        );
    }
}

/// Line `line`, character `character` (UTF-16) as an LSP position.
fn pos(line: usize, character: usize) -> Value {
    json!({"line": line, "character": character})
}

/// Realistic editing, each step timed from the change to its diagnostics: typing a word in
/// the middle of a paragraph (one keystroke per sample), deleting a paragraph, pasting one.
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
    // Where a full check's time goes: the document model, then each rule alone.
    let t = Instant::now();
    let doc = copydesk::core::Document::new(text);
    let mut parts = vec![format!("document model {}", ms(t.elapsed()))];
    for rule in copydesk::core::RULES {
        let t = Instant::now();
        std::hint::black_box(checker.run_rule(rule, &doc, rule.default_severity));
        parts.push(format!("{} ({:?}) {}", rule.id, rule.scope, ms(t.elapsed())));
    }
    drop(doc);
    // The engine alone (no server): open, then a word typed mid-text a keystroke at a time.
    let checker = std::sync::Arc::new(checker);
    let t = Instant::now();
    let mut inc = Incremental::new(checker.clone(), text, None);
    let built = t.elapsed();
    let mid_at = mid_paragraph(text);
    let mut keys = Vec::new();
    let mut at = mid_at;
    for ch in "والمسؤولين ".chars().cycle().take(samples) {
        let t = Instant::now();
        inc.apply(at..at, &ch.to_string());
        keys.push(t.elapsed());
        at += ch.len_utf8();
    }
    println!(
        "{name:>14} | engine alone: built {} | keystroke p50 {} p95 {} | keeps {:?}",
        ms(built),
        ms(percentile(&keys, 0.5)),
        ms(percentile(&keys, 0.95)),
        inc.footprint()
    );
    drop(inc);

    let caps = if pull { pull_utf8_caps() } else { push_caps() };
    let (mut c, _) = Client::start(Options::default(), caps, None, Value::Null).await;
    c.drain(200).await; // let the start-up settings reload pass
    let uri = "untitled:bench";
    let t = Instant::now();
    c.open(uri, text, 0).await;
    let first = diagnostics(&mut c, uri, 0, pull).await;
    let opened = t.elapsed();
    assert_eq!(first, findings, "the server reports what the core finds");
    println!(
        "{name:>14} | {} KB, {} lines, {findings} findings, {} | full core check {} | open -> diagnostics {}",
        text.len() / 1000,
        text.lines().count(),
        if pull { "pulled" } else { "pushed" },
        ms(core),
        ms(opened)
    );
    println!("{name:>14} | one thread: {}", parts.join(", "));
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // A paragraph in the middle of the text (not a blank line between stories).
    let mid = (lines.len() / 2..lines.len()).find(|&i| lines[i].chars().count() > 60).unwrap_or(0);
    let mut version = 0i64;

    // Typing a word mid-paragraph, a keystroke at a time (a space after each word).
    let mut typing = Vec::new();
    let mut steps = Vec::new();
    let mut typing_cpu = Vec::new();
    let word = "والمسؤولين ";
    // Twelve characters into the line, in the position encoding negotiated: UTF-8 for the
    // pulling client, UTF-16 for the pushed one. (Until 2026-12-03 the column was counted in
    // UTF-16 units for both, so the pulled pass typed each letter into the middle of the one
    // before, a run of letters with no space that grew to 60 and cost 16–28 ms a keystroke.)
    let width = |ch: char| if pull { ch.len_utf8() } else { ch.len_utf16() };
    let mut column: usize = lines[mid].chars().take(12).map(width).sum();
    while typing.len() < samples {
        for ch in word.chars() {
            version += 1;
            copydesk::lsp::trace::take();
            let (t, p) = (Instant::now(), process_cpu());
            let at = pos(mid, column);
            c.change(uri, version, json!([{"range": {"start": at, "end": at}, "text": ch.to_string()}])).await;
            diagnostics(&mut c, uri, version, pull).await;
            typing.push(t.elapsed());
            typing_cpu.push(process_cpu().saturating_sub(p));
            steps.push((t, copydesk::lsp::trace::take(), Instant::now()));
            column += width(ch);
        }
    }
    report(name, "type a word mid-paragraph", &typing, &typing_cpu, core);
    stages(name, &steps);

    // Deleting a paragraph (a different one each time), then pasting one back elsewhere.
    let (mut deleting, mut pasting) = (Vec::new(), Vec::new());
    let (mut deleting_cpu, mut pasting_cpu) = (Vec::new(), Vec::new());
    for k in 0..samples.min(20) {
        let line = (mid + 7 * k + 3) % (lines.len() - 1);
        version += 1;
        let (t, p) = (Instant::now(), process_cpu());
        c.change(uri, version, json!([{"range": {"start": pos(line, 0), "end": pos(line + 1, 0)}, "text": ""}])).await;
        diagnostics(&mut c, uri, version, pull).await;
        deleting.push(t.elapsed());
        deleting_cpu.push(process_cpu().saturating_sub(p));
        let removed = lines.remove(line);
        let to = (line + lines.len() / 3) % lines.len();
        version += 1;
        let (t, p) = (Instant::now(), process_cpu());
        let at = pos(to, 0);
        c.change(uri, version, json!([{"range": {"start": at, "end": at}, "text": format!("{removed}\n")}])).await;
        diagnostics(&mut c, uri, version, pull).await;
        pasting.push(t.elapsed());
        pasting_cpu.push(process_cpu().saturating_sub(p));
        lines.insert(to, removed);
    }
    report(name, "delete a paragraph", &deleting, &deleting_cpu, core);
    report(name, "paste a paragraph", &pasting, &pasting_cpu, core);
    c.shutdown().await;
}

/// A real `copydesk lsp` process spoken to over stdio, for its memory (`/proc/<pid>/status`)
/// and its first keystrokes ([`cold`]): the build's own binary, or `$COPYDESK_LSP_BIN`'s.
struct Process {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    notes: std::sync::mpsc::Receiver<Value>,
}

impl Process {
    fn start() -> Process {
        use std::io::{BufRead, Read};
        // (`COPYDESK_LSP_BIN`: another build's binary, to compare two builds in one run)
        let bin = std::env::var_os("COPYDESK_LSP_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_copydesk").into());
        let mut child = std::process::Command::new(bin)
            .arg("lsp")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("copydesk lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, notes) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut r = std::io::BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length:") {
                        len = n.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                if let Ok(v) = serde_json::from_slice::<Value>(&body) {
                    if tx.send(v).is_err() {
                        return;
                    }
                }
            }
        });
        let mut p = Process { child, stdin, notes };
        p.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "rootUri": null,
                "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": true}}}}}));
        p.wait(|m| m["id"] == 1);
        p.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        p
    }

    fn send(&mut self, msg: Value) {
        use std::io::Write;
        let body = msg.to_string();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.stdin.flush();
    }

    /// Wait for a message; requests from the server are answered with `null`.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self.notes.recv_timeout(Duration::from_secs(600)).expect("the server answers");
            if m.get("method").is_some() && m.get("id").is_some() {
                self.send(json!({"jsonrpc": "2.0", "id": m["id"], "result": null}));
            }
            if pred(&m) {
                return m;
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
            {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}));
    }

    fn published(&mut self, uri: &str, version: i64) -> usize {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().map_or(0, Vec::len)
    }

    /// The CPU time of every thread of the process so far (`/proc/<pid>/task/*/schedstat`, in
    /// nanoseconds: finer than `stat`'s clock ticks).
    fn cpu(&self) -> Duration {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.child.id())).into_iter().flatten().flatten();
        let ns: u64 = tasks
            .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
            .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
            .sum();
        Duration::from_nanos(ns)
    }

    /// A field of the process's /proc status, in MB (`VmRSS`: resident now; `VmHWM`: peak).
    fn status_mb(&self, field: &str) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let kb: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(f64::NAN);
        kb / 1024.0
    }

    fn stop(mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
        self.wait(|m| m["id"] == 2);
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        let _ = self.child.wait();
    }
}

/// Resident memory of a real `copydesk lsp` process (the release binary, system dictionary
/// when installed): after start-up, with 100 different 20 KB stories open and checked, and
/// then with a keystroke in 10 and in all 100 of them, and with one 2 MB document open, checked
/// and edited.
fn memory() {
    println!("memory: texts from {}", source());
    let mut p = Process::start();
    std::thread::sleep(Duration::from_millis(500));
    let start = p.status_mb("VmRSS");
    for i in 0..100 {
        // Each story its own: a different first line, so nothing is shared by content.
        p.open(&format!("untitled:story-{i}"), &text(i * 20_000, 20_000));
    }
    // The stories are checked in whatever order the server takes them: count each one's
    // first publish as it comes (waiting for them in order would drop the ones that came early).
    let mut n = 0;
    let mut seen = std::collections::HashSet::new();
    while seen.len() < 100 {
        let m = p.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1);
        if seen.insert(m["params"]["uri"].as_str().unwrap_or_default().to_string()) {
            n += m["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        }
    }
    std::thread::sleep(Duration::from_millis(300));
    println!(
        "memory: copydesk lsp: {start:.1} MB after start-up; 100 open 20 KB stories ({n} diagnostics): {:.1} MB resident, peak {:.1} MB",
        p.status_mb("VmRSS"),
        p.status_mb("VmHWM")
    );
    // Then a keystroke in each story, one after another (an edited story keeps name-variant's
    // facts by group: what that costs, for 10 stories edited and for all 100).
    let mut edited = Vec::new();
    for i in 0..100 {
        let uri = format!("untitled:story-{i}");
        let at = json!({"line": 1, "character": 0});
        p.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": at, "end": at}, "text": "ب"}]}}));
        p.published(&uri, 2);
        if i == 9 || i == 99 {
            std::thread::sleep(Duration::from_millis(300));
            edited.push(format!("{:.1} MB with {} edited", p.status_mb("VmRSS"), i + 1));
        }
    }
    println!("memory: copydesk lsp: the same stories, a keystroke in each: {}", edited.join(", "));
    p.stop();

    let doc = text(0, 2_000_000);
    let mut p = Process::start();
    std::thread::sleep(Duration::from_millis(500));
    let start = p.status_mb("VmRSS");
    p.open("untitled:big", &doc);
    let n = p.published("untitled:big", 1);
    std::thread::sleep(Duration::from_millis(300));
    let open = p.status_mb("VmRSS");
    let line = doc.lines().count() / 2;
    for v in 2..22 {
        let at = json!({"line": line, "character": 3});
        p.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": "untitled:big", "version": v},
            "contentChanges": [{"range": {"start": at, "end": at}, "text": "ب"}]}}));
        p.published("untitled:big", v);
    }
    let typed = p.status_mb("VmRSS");
    // As after opening: the server idle a moment (it gives back what a long text's check freed).
    std::thread::sleep(Duration::from_millis(300));
    println!(
        "memory: copydesk lsp: {start:.1} MB after start-up; one {:.1} MB document ({n} diagnostics): {open:.1} MB resident, {typed:.1} MB right after 20 keystrokes, {:.1} MB idle after them, peak {:.1} MB",
        doc.len() as f64 / 1e6,
        p.status_mb("VmRSS"),
        p.status_mb("VmHWM")
    );
    p.stop();
}

/// The first words typed in a fresh server, as an editor meets them: `runs` real `copydesk lsp`
/// processes (the release binary, the desk's verdict cache), each started, sent the 20 KB story,
/// and, `pause` after its diagnostics arrive, typed into a keystroke at a time (the word of
/// [`measure`], at the same place, pushed, UTF-16), each keystroke timed from its `didChange`
/// to its diagnostics; p50 / p95 / worst over every run's keystrokes, with the server process's
/// CPU time per keystroke (every thread). The in-process passes of [`measure`] come after a
/// full check and the engine's run in the same process, which warm what a fresh server has
/// still to build; this is the number an editor's first minute sees.
fn cold(runs: usize, pauses: &[u64]) {
    let text = text(0, 20_000);
    let lines: Vec<&str> = text.lines().collect();
    let mid = (lines.len() / 2..lines.len()).find(|&i| lines[i].chars().count() > 60).unwrap_or(0);
    let start: usize = lines[mid].chars().take(12).map(char::len_utf16).sum();
    let uri = "untitled:cold";
    println!("cold: texts from {}; {runs} fresh servers per pause", source());
    for &pause in pauses {
        let (mut walls, mut cpus, mut opens, mut firsts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut open_cpus = Vec::new();
        for _ in 0..runs {
            let mut p = Process::start();
            let (t, c) = (Instant::now(), p.cpu());
            p.open(uri, &text);
            p.published(uri, 1);
            opens.push(t.elapsed());
            open_cpus.push(p.cpu().saturating_sub(c));
            std::thread::sleep(Duration::from_millis(pause));
            let (mut version, mut column) = (1i64, start);
            for (i, ch) in "والمسؤولين ".chars().cycle().take(66).enumerate() {
                version += 1;
                let at = pos(mid, column);
                let (t, c) = (Instant::now(), p.cpu());
                p.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": {"start": at, "end": at}, "text": ch.to_string()}]}}));
                p.published(uri, version);
                walls.push(t.elapsed());
                cpus.push(p.cpu().saturating_sub(c));
                if i == 0 {
                    firsts.push(t.elapsed());
                }
                column += ch.len_utf16();
            }
            p.stop();
        }
        println!(
            "cold: 20 KB story | typed {pause:>3} ms after the open's diagnostics | open -> diagnostics p50 {} worst {}, CPU p50 {} | keystrokes n={} p50 {} p95 {} worst {} (the first: p50 {} worst {}) | server CPU p50 {} p95 {}",
            ms(percentile(&opens, 0.5)),
            ms(max(&opens)),
            ms(percentile(&open_cpus, 0.5)),
            walls.len(),
            ms(percentile(&walls, 0.5)),
            ms(percentile(&walls, 0.95)),
            ms(max(&walls)),
            ms(percentile(&firsts, 0.5)),
            ms(max(&firsts)),
            ms(percentile(&cpus, 0.5)),
            ms(percentile(&cpus, 0.95)),
        );
    }
}

/// A place a dozen bytes into the line after the middle of `text`, where the edits are typed.
fn mid_paragraph(text: &str) -> usize {
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let line = text[half..].find('\n').map_or(0, |i| half + i + 1);
    (line + 12..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(line)
}

/// This thread's CPU time (Linux): what an edit cost, whatever else the shared machine runs
/// (the 2 MB document's engine runs its edits on the calling thread).
fn thread_cpu() -> Duration {
    cpu_clock(3) // CLOCK_THREAD_CPUTIME_ID
}

/// The whole process's CPU time (Linux), every thread's.
fn process_cpu() -> Duration {
    cpu_clock(2) // CLOCK_PROCESS_CPUTIME_ID
}

fn cpu_clock(clock: i32) -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, out: *mut Timespec) -> i32;
    }
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec to the pointer it is given, a live local here.
    let ok = unsafe { clock_gettime(clock, &mut t) } == 0;
    if ok {
        Duration::new(t.sec as u64, t.nsec as u32)
    } else {
        Duration::ZERO
    }
}

/// The engine alone on `text` (no server), for a profiler (`perf record` on the bench binary
/// run with `-- engine`): `keystrokes` keystrokes typed mid-paragraph, then `paragraphs` paragraphs
/// deleted and pasted back elsewhere; p50 / p95 of the wall clock and CPU time per edit (CPU on the
/// calling thread, and of the whole process: a story's name-variant may run on rayon's other
/// thread).
fn engine(name: &str, text: &str, keystrokes: usize, paragraphs: usize) {
    let lexicon = copydesk::dictionary::load(Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    let checker = std::sync::Arc::new(Checker::new(Config::default(), lexicon));
    let mut inc = Incremental::new(checker, text, None);
    let mut at = mid_paragraph(text);
    let mut keys = Vec::new();
    let mut cpu: [Vec<Duration>; 3] = Default::default();
    let mut all: [Vec<Duration>; 3] = Default::default();
    for ch in "والمسؤولين ".chars().cycle().take(keystrokes) {
        let (t, c, p) = (Instant::now(), thread_cpu(), process_cpu());
        inc.apply(at..at, &ch.to_string());
        keys.push(t.elapsed());
        cpu[0].push(thread_cpu().saturating_sub(c));
        all[0].push(process_cpu().saturating_sub(p));
        at += ch.len_utf8();
    }
    let (mut deleting, mut pasting) = (Vec::new(), Vec::new());
    for k in 0..paragraphs {
        let starts: Vec<usize> = std::iter::once(0).chain(inc.text().match_indices('\n').map(|(i, _)| i + 1)).collect();
        let line = (starts.len() / 2 + 7 * k + 3) % (starts.len() - 2);
        let (from, to) = (starts[line], starts[line + 1]);
        let removed = inc.text()[from..to].to_string();
        let (t, c, p) = (Instant::now(), thread_cpu(), process_cpu());
        inc.apply(from..to, "");
        deleting.push(t.elapsed());
        cpu[1].push(thread_cpu().saturating_sub(c));
        all[1].push(process_cpu().saturating_sub(p));
        let starts: Vec<usize> = std::iter::once(0).chain(inc.text().match_indices('\n').map(|(i, _)| i + 1)).collect();
        let into = starts[(line + starts.len() / 3) % starts.len()];
        let (t, c, p) = (Instant::now(), thread_cpu(), process_cpu());
        inc.apply(into..into, &removed);
        pasting.push(t.elapsed());
        cpu[2].push(thread_cpu().saturating_sub(c));
        all[2].push(process_cpu().saturating_sub(p));
    }
    // (a paragraph deleted, for a publish after it that reuses the last one's ranges)
    let before = (ropey::Rope::from_str(inc.text()), inc.checked().findings.clone());
    if let Some(line) = inc.text().get(mid_paragraph(inc.text())..).and_then(|t| t.find('\n')) {
        let from = mid_paragraph(inc.text()) + line + 1;
        let to = inc.text()[from..].find('\n').map_or(inc.text().len(), |i| from + i + 1);
        inc.apply(from..to, "");
    }
    publishing(name, &inc, &before);
    let cases = [("keystroke", &keys), ("delete a paragraph", &deleting), ("paste a paragraph", &pasting)];
    for (((what, xs), cpu), all) in cases.into_iter().zip(&cpu).zip(&all) {
        println!(
            "engine alone, {name} | {what:<18} | n={:>3} p50 {} p95 {} | CPU p50 {} p95 {} | process CPU p50 {} p95 {}",
            xs.len(),
            ms(percentile(xs, 0.5)),
            ms(percentile(xs, 0.95)),
            ms(percentile(cpu, 0.5)),
            ms(percentile(cpu, 0.95)),
            ms(percentile(all, 0.5)),
            ms(percentile(all, 0.95))
        );
    }
}

/// What making one publish of the engine's findings costs (this thread's CPU time, median of
/// 20): as `Diagnostic`s then serialised by serde (as the server did), written straight
/// from the findings ([`copydesk::lsp::diagnostics::publish_json`]), and written straight
/// taking the ranges the edit since `before` (the text and findings of the publish before it)
/// cannot have moved from that publish's ([`copydesk::lsp::diagnostics::publish_json_after`],
/// as the server does now).
fn publishing(name: &str, inc: &Incremental, before: &(ropey::Rope, Vec<copydesk::core::Finding>)) {
    use copydesk::lsp::diagnostics;
    use copydesk::lsp::positions::Encoding;
    let rope = ropey::Rope::from_str(inc.text());
    let findings = &inc.checked().findings;
    let uri: tower_lsp_server::lsp_types::Uri = "untitled:bench".parse().expect("a URI");
    let (mut serde, mut straight, mut after) = (Vec::new(), Vec::new(), Vec::new());
    let last = diagnostics::publish_json_after(&uri, Some(1), &before.0, &before.1, Encoding::Utf16, true, None).1;
    for _ in 0..20 {
        let c = thread_cpu();
        let d = diagnostics::diagnostics(&rope, findings, Encoding::Utf16, true);
        let note = json!({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
            "params": {"uri": "untitled:bench", "diagnostics": d, "version": 1}});
        std::hint::black_box(serde_json::to_vec(&note).expect("JSON"));
        serde.push(thread_cpu().saturating_sub(c));
        let c = thread_cpu();
        std::hint::black_box(diagnostics::publish_json(&uri, Some(1), &rope, findings, Encoding::Utf16, true));
        straight.push(thread_cpu().saturating_sub(c));
        let c = thread_cpu();
        let (body, _) =
            diagnostics::publish_json_after(&uri, Some(1), &rope, findings, Encoding::Utf16, true, Some(&last));
        std::hint::black_box(body);
        after.push(thread_cpu().saturating_sub(c));
    }
    println!(
        "engine alone, {name} | a publish of {} findings: as Diagnostics then serde {}, written straight {}, after a paragraph deleted reusing the last publish's ranges {} (CPU, median of 20)",
        findings.len(),
        ms(median(serde)),
        ms(median(straight)),
        ms(median(after))
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    if std::env::args().any(|a| a == "memory") {
        memory();
        return;
    }
    if std::env::args().any(|a| a == "cold") {
        cold(5, &[0, 300]);
        return;
    }
    if std::env::args().any(|a| a == "engine") {
        if std::env::args().any(|a| a == "story") {
            engine("20 KB story", &text(0, 20_000), 600, 20);
        } else if std::env::args().any(|a| a == "paragraphs") {
            // (deletes and pastes alone, five times as many: for a profiler)
            engine("2 MB document", &text(0, 2_000_000), 0, 100);
        } else {
            engine("2 MB document", &text(0, 2_000_000), 200, 20);
        }
        return;
    }
    if std::env::args().any(|a| a == "stages") {
        copydesk::lsp::trace::enable();
    }
    println!("texts from {}", source());
    if std::env::args().any(|a| a == "story") {
        // The 20 KB story alone, pulled first, then pushed: neither run follows the 2 MB
        // document's (whose server's leftovers the full run's second story run comes after).
        runtime.block_on(async {
            for pull in [true, false] {
                measure("20 KB story", &text(0, 20_000), 60, pull).await;
            }
        });
        return;
    }
    runtime.block_on(async {
        for pull in [false, true] {
            measure("20 KB story", &text(0, 20_000), 60, pull).await;
            measure("2 MB document", &text(0, 2_000_000), 20, pull).await;
        }
    });
}
