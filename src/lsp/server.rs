//! The language server: protocol handlers, document state, checking and publishing.
//!
//! Invariants:
//! - `didOpen`/`didChange`/`didClose` change the document store synchronously, before any
//!   `.await`, so edits apply in the order they arrive even though handlers run concurrently.
//! - Checks run on a snapshot of the rope, on the blocking pool, except an edit the document's
//!   engine takes: under [`INLINE_CHECK_BELOW`] bytes on the task that asks, longer in place
//!   on its worker thread (see [`run_check`]; a panic is caught either way). Results carry the
//!   document revision (the server's own count of changes, never the client's version number,
//!   which a client may reuse), the text and the settings generation they were made for, and
//!   an id of their own; a pull's result id names the text (a hash made when first asked
//!   for) and the settings. Only results for the current revision and generation are
//!   published; a pull reuses results only for the same text and settings.
//! - Push clients get one checking task per document at a time that re-checks while the
//!   document keeps changing (no debounce, no backlog); pull clients get checks on request.
//!   The same text under the same settings is checked once and published once per client
//!   version number (a change that changes nothing, or a reload that changes no settings,
//!   publishes nothing new).
//! - Each document keeps an incremental checker ([`Incremental`]) fed the byte-range edits
//!   made to the rope since it last checked; the rope stays the source of truth (the
//!   checker's text is compared with it, and rebuilt from it when they differ, when edits
//!   were forgotten, or when the settings or the path changed).
//! - Closing a document drops everything kept for it; a check of it still running is
//!   discarded (its results are neither converted, stored nor published).
//! - Requests to the client (configuration, registration, refresh) run in their own tasks so
//!   a client that never answers cannot block the handlers.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{self, ErrorCode};
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer, UriExt};

use crate::core::{Checked, Checker, Finding, Format, Incremental, NAMES_BY_GROUP_FROM};
use crate::lsp::actions::{self, CommandArgs, Target};
use crate::lsp::diagnostics;
use crate::lsp::documents::Document;
use crate::lsp::positions::{self, Encoding};
use crate::lsp::settings::{self, ConfigEdit, Settings};
use crate::lsp::trace::{self, Step};
use crate::settings::CONFIG_FILE;

/// How a plain-text document is checked: the core's [`Checker::check`] unless a test swaps
/// it (Markdown and HTML documents go to [`Checker::check_as`]).
pub type CheckFn = Arc<dyn Fn(&Checker, &str, Option<&str>) -> Checked + Send + Sync>;

/// Documents larger than this are not checked (they are still kept and edited; the user is
/// told once).
pub const MAX_CHECK_BYTES: usize = 64 << 20;

#[derive(Clone)]
pub struct Options {
    pub check: CheckFn,
    /// Messages larger than this are skipped unread and answered with an error
    /// ([`crate::lsp::transport::MAX_MESSAGE_BYTES`] unless a test lowers it).
    pub max_message_bytes: usize,
    /// Documents larger than this are not checked ([`MAX_CHECK_BYTES`] unless a test lowers it).
    pub max_check_bytes: usize,
    /// Checks run at once (the machine's cores by default): opening a hundred stories does
    /// not hold a hundred texts' worth of check memory at once, and a document closed while
    /// its check waits for a turn is never checked.
    pub parallel_checks: usize,
    /// Check through [`Incremental`] (edits re-check the lines they touch) rather than
    /// calling `check` on the whole text; a test that swaps `check` turns this off.
    pub incremental: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            check: Arc::new(|checker: &Checker, text: &str, path: Option<&str>| checker.check(text, path)),
            max_message_bytes: crate::lsp::transport::MAX_MESSAGE_BYTES,
            max_check_bytes: MAX_CHECK_BYTES,
            parallel_checks: std::thread::available_parallelism().map_or(2, |n| n.get()),
            incremental: true,
        }
    }
}

/// What the client can do, fixed at `initialize`.
#[derive(Clone, Copy, Debug, Default)]
struct Session {
    enc: Encoding,
    pull: bool,
    refresh: bool,
    document_changes: bool,
    watch: bool,
    configuration: bool,
    /// The client shows `codeDescription` links (pull clients, and push clients that say so).
    links: bool,
    /// The client takes `CodeAction` literals (else only `Command`s may be returned).
    literals: bool,
    /// The client understands `isPreferred`.
    preferred: bool,
}

/// One check of one text. Only the findings are kept (diagnostics are made from them when
/// sent), so a document's memory is its rope plus its findings.
pub struct Results {
    /// This check's own number (never reused in the session): results reused for the same
    /// text keep it, so it names the text and settings for `published`.
    pub id: u64,
    /// The document revision checked.
    pub revision: u64,
    /// The client's version number of that revision (for pushes and versioned edits).
    pub version: i32,
    pub generation: u64,
    pub rope: Rope,
    pub findings: Findings,
    /// A hash of the text, made when first asked for (a pull's result id names the text, so
    /// that returning to a text the client was sent gets its id again).
    pub hash: std::sync::OnceLock<u64>,
}

/// A check's findings, shared with the document's engine when it made them (an edit's
/// findings are not copied out of it: 700 findings of a 2 MB document, a few thousand
/// allocations, per edit).
#[derive(Clone, Debug, Default)]
pub struct Findings(Arc<Checked>);

impl Findings {
    fn of(findings: Vec<Finding>) -> Findings {
        Findings(Arc::new(Checked { findings, failed_rules: Vec::new() }))
    }
}

impl std::ops::Deref for Findings {
    type Target = [Finding];

    fn deref(&self) -> &[Finding] {
        &self.0.findings
    }
}

impl Results {
    fn result_id(&self) -> String {
        format!("{:016x}-{}", self.hash.get_or_init(|| text_hash(&self.rope)), self.generation)
    }

    /// Whether these results are for `rope` under settings `generation`: the texts are
    /// compared (lengths first, so an edit that changes the length costs nothing; hashing the
    /// whole text per edit, as before, took 0.5–1 ms on a 2 MB document).
    fn hold_for(&self, rope: &Rope, generation: u64) -> bool {
        self.generation == generation && self.rope == *rope
    }
}

/// A hash of a document's text (the same for the same text, however the rope is chunked).
pub fn text_hash(rope: &Rope) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for chunk in rope.chunks() {
        h.write(chunk.as_bytes());
    }
    h.write_usize(rope.len_bytes());
    h.finish()
}

/// The next [`Results::id`].
fn next_results_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

struct Entry {
    doc: Document,
    path: Option<PathBuf>,
    /// How the text is read, from the languageId it was opened with.
    format: Format,
    /// The server's count of this document's texts: new on open and on every change, never
    /// reused (the client's version numbers may be).
    revision: u64,
    /// The last results, and the revision they hold for (a later revision with the same text
    /// reuses them).
    results: Option<(u64, Arc<Results>)>,
    /// One on-request check per document at a time: a burst of pulls (or code action
    /// requests) waits for the check in flight and then reuses it or checks the newest text,
    /// rather than checking every version in parallel.
    gate: Arc<tokio::sync::Mutex<()>>,
    dirty: bool,
    checking: bool,
    /// The (revision, generation) a push check last started on.
    started: Option<(u64, u64)>,
    /// What the client was last sent: (results id, generation, version).
    published: Option<(u64, u64, i32)>,
    /// The ranges that push converted, against its text: the next push converts only the
    /// findings the edits since may have moved on their lines.
    converted: Option<Arc<diagnostics::Converted>>,
    /// Set when the document is closed: checks still running for it are discarded.
    closed: Arc<AtomicBool>,
    /// The user was told the document is too large to check.
    size_told: bool,
    /// The document's incremental checker, fed the edits made since it last checked.
    engine: Arc<Mutex<Option<Engine>>>,
}

impl Entry {
    /// A document just opened: never checked, sent nothing, no engine yet.
    fn new(doc: Document, path: Option<PathBuf>, format: Format, revision: u64) -> Entry {
        Entry {
            doc,
            path,
            format,
            revision,
            results: None,
            gate: Arc::default(),
            dirty: false,
            checking: false,
            started: None,
            published: None,
            converted: None,
            closed: Arc::default(),
            size_told: false,
            engine: Arc::default(),
        }
    }
}

/// An [`Incremental`] checker of one document, for one checker (settings) and path.
struct Engine {
    inc: Incremental,
    checker: Arc<Checker>,
    path: Option<String>,
    /// How many of the document's edits it has applied ([`Document::edits_total`]).
    seen: u64,
    /// When it last applied an edit ([`State::edit_ticks`]; 0: never since it was built).
    edited: u64,
    /// The settings generation it last checked under (its checker is that generation's).
    generation: u64,
}

/// Edited short texts whose engines are kept at most: an engine keeps a short text's
/// `name-variant` by group once it is edited (about 0.35–0.55 MB more for a 20 KB story), so
/// the engines of the short texts edited longest ago are dropped past this many (their next
/// edit builds one again from the text: a full check, then each keystroke is fast again).
const EDITED_ENGINES_KEPT: usize = 8;

/// The engines to drop (indices into `edited`): all but the `keep` most recently edited,
/// given each engine's last edit tick.
fn engines_past(edited: &[u64], keep: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..edited.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(edited[i]));
    order.split_off(keep.min(order.len()))
}

struct State {
    client: Client,
    options: Options,
    session: Mutex<Session>,
    docs: Mutex<HashMap<Uri, Entry>>,
    settings: Mutex<Settings>,
    /// The client's settings in two layers: initializationOptions, then workspace settings.
    client_settings: Mutex<(Option<Value>, Option<Value>)>,
    /// Held while deciding to publish and publishing, so a decision is never overtaken.
    publish: tokio::sync::Mutex<()>,
    /// Where published diagnostics go, serialised here straight from the diagnostics (the
    /// protocol library would first build a JSON tree of them: for tens of thousands of
    /// diagnostics, a hundred megabytes).
    publishes: tokio::sync::mpsc::Sender<Vec<u8>>,
    /// Turns to run a check ([`Options::parallel_checks`]).
    turns: tokio::sync::Semaphore,
    revisions: AtomicU64,
    /// A count of the edits the engines applied (each engine's last is [`Engine::edited`]).
    edit_ticks: AtomicU64,
    shutdown: Arc<AtomicBool>,
}

/// A poisoned lock (a panic while holding it) still guards consistent-enough data here:
/// every critical section leaves the maps valid at each step.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub struct Server {
    state: Arc<State>,
}

impl Server {
    /// `publishes` takes serialised `textDocument/publishDiagnostics` messages to the client
    /// (see [`crate::lsp::transport::merge_output`]).
    pub fn new(
        client: Client,
        options: Options,
        shutdown: Arc<AtomicBool>,
        publishes: tokio::sync::mpsc::Sender<Vec<u8>>,
    ) -> Server {
        Server {
            state: Arc::new(State {
                client,
                options: options.clone(),
                session: Mutex::new(Session::default()),
                docs: Mutex::new(HashMap::new()),
                settings: Mutex::new(Settings::default()),
                client_settings: Mutex::new((None, None)),
                publish: tokio::sync::Mutex::new(()),
                publishes,
                turns: tokio::sync::Semaphore::new(options.parallel_checks.max(1)),
                revisions: AtomicU64::new(0),
                edit_ticks: AtomicU64::new(0),
                shutdown,
            }),
        }
    }

    /// Answers for a message the transport guard found malformed.
    pub async fn invalid_message(&self, params: Value) -> jsonrpc::Result<()> {
        let code = params.get("code").and_then(Value::as_i64).unwrap_or(-32700);
        let message = params.get("message").and_then(Value::as_str).unwrap_or("malformed message").to_string();
        Err(jsonrpc::Error { code: ErrorCode::from(code), message: message.into(), data: None })
    }

    /// A notification the transport skipped for its size: tell the user; a document whose
    /// open or change was lost is dropped (its text here would be wrong) and its diagnostics
    /// cleared, rather than checked stale or shown as having no findings.
    pub async fn skipped_message(&self, params: Value) {
        let message = params.get("message").and_then(Value::as_str).unwrap_or("copydesk: a message was too large");
        let method = params.get("method").and_then(Value::as_str).unwrap_or("");
        let uri = params.get("uri").and_then(Value::as_str).and_then(|u| u.parse::<Uri>().ok());
        let mut shown = message.to_string();
        if let (Some(uri), "textDocument/didOpen" | "textDocument/didChange") = (&uri, method) {
            shown.push_str(&format!("; {} is not checked until it is reopened", uri.as_str()));
            self.state.forget(uri).await;
        }
        eprintln!("{shown}");
        self.state.client.show_message(MessageType::ERROR, shown).await;
    }
}

fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.as_str().starts_with("file:") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

fn is_config_file(uri: &Uri) -> bool {
    uri.as_str().rsplit('/').next() == Some(CONFIG_FILE)
}

/// What a check needs of a document, taken under the lock.
struct Snapshot {
    rope: Rope,
    version: i32,
    revision: u64,
    /// The document's engine was last used under the current settings: an edit to it will
    /// be applied, not the engine built again ([`run_check`] runs such a check in place).
    engine_ready: bool,
    path: Option<PathBuf>,
    format: Format,
    closed: Arc<AtomicBool>,
    /// The document's last results (reused when the text and settings are the same).
    previous: Option<Arc<Results>>,
    /// The edits kept since the engine last caught up, and the count of edits they end at.
    edits: Vec<(std::ops::Range<usize>, String)>,
    edits_total: u64,
    engine: Arc<Mutex<Option<Engine>>>,
}

impl Snapshot {
    /// A snapshot of `e` to check under settings `generation`.
    fn of(e: &Entry, generation: u64) -> Snapshot {
        let engine_ready = e.engine.try_lock().is_ok_and(|g| g.as_ref().is_some_and(|g| g.generation == generation));
        Snapshot {
            rope: e.doc.rope.clone(),
            version: e.doc.version,
            revision: e.revision,
            engine_ready,
            path: e.path.clone(),
            format: e.format,
            closed: e.closed.clone(),
            previous: e.results.as_ref().map(|(_, r)| r.clone()),
            edits: e.doc.edits.clone(),
            edits_total: e.doc.edits_total,
            engine: e.engine.clone(),
        }
    }

    /// How its check should run (see [`run_check`]).
    fn how(&self, options: &Options) -> Run {
        let edit = self.engine_ready && self.format == Format::Plain && options.incremental;
        match (edit, self.rope.len_bytes() < INLINE_CHECK_BELOW) {
            (true, true) => Run::Inline,
            (true, false) => Run::InPlace,
            (false, _) => Run::Pool,
        }
    }
}

/// Texts under this many bytes are checked on the async task that asks when the edit goes to
/// their engine (a keystroke in a 20 KB story takes well under a millisecond there; handing
/// it to the blocking pool and back took two thread wake-ups, which on a loaded machine were
/// the story's p95 through the server: 3–4 ms of it).
pub const INLINE_CHECK_BELOW: usize = 256 << 10;

/// Where a check runs ([`run_check`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    /// On the calling task: an edit to a short text the engine holds.
    Inline,
    /// On the calling worker thread, which hands its other tasks to another thread while it
    /// works (`block_in_place`): an edit to a long text the engine holds, from a task of its
    /// own; on the blocking pool where the runtime has one thread only.
    InPlace,
    /// On the blocking pool: building an engine, a whole-text check, or a check of unknown
    /// length (a full check of a 2 MB document takes most of a second).
    Pool,
}

/// Run a check's closure as `how` says; `Err` with what went wrong if it panicked.
async fn run_check<T: Send + 'static>(how: Run, f: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    let caught = |f: Box<dyn FnOnce() -> T + Send>| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| "the check panicked".to_string())
    };
    let multi_thread = tokio::runtime::Handle::try_current()
        .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
    match how {
        Run::Inline => caught(Box::new(f)),
        Run::InPlace if multi_thread => tokio::task::block_in_place(|| caught(Box::new(f))),
        Run::InPlace | Run::Pool => tokio::task::spawn_blocking(f).await.map_err(|e| e.to_string()),
    }
}

/// The findings of `rope` through the document's engine: the edits it has not seen are
/// applied to it, or, when it cannot catch up (new settings or path, edits forgotten, a text
/// that differs from the rope), it is built again from the rope. `true` with the findings when
/// it was built.
fn incremental_check(
    engine: &Mutex<Option<Engine>>,
    checker: &Arc<Checker>,
    path: Option<&str>,
    rope: &Rope,
    edits: &[(std::ops::Range<usize>, String)],
    edits_total: u64,
    tick: u64,
    generation: u64,
) -> (Arc<Checked>, bool) {
    let mut slot = lock(engine);
    let first = edits_total - edits.len() as u64;
    // Taken out while in use: should anything panic, the next check starts afresh.
    let caught_up = slot.take().filter(|e| {
        Arc::ptr_eq(&e.checker, checker) && e.path.as_deref() == path && e.seen >= first && e.seen <= edits_total
    });
    let caught_up = caught_up.and_then(|mut e| {
        let pending = &edits[(e.seen - first) as usize..];
        if !pending.is_empty() {
            e.edited = tick;
        }
        let applied = pending.iter().all(|(range, text)| e.inc.apply(range.clone(), text));
        (applied && same_text(e.inc.text(), rope)).then_some(e)
    });
    let built = caught_up.is_none();
    let e = caught_up.unwrap_or_else(|| Engine {
        inc: Incremental::new(checker.clone(), &rope.to_string(), path),
        checker: checker.clone(),
        path: path.map(str::to_string),
        seen: 0,
        edited: 0,
        generation,
    });
    let checked = e.inc.shared();
    *slot = Some(Engine { seen: edits_total, generation, ..e });
    (checked, built)
}

/// Whether `text` is the rope's text (chunk by chunk, without building a string).
fn same_text(text: &str, rope: &Rope) -> bool {
    if text.len() != rope.len_bytes() {
        return false;
    }
    let mut at = 0;
    rope.chunks().all(|c| {
        let same = text.as_bytes().get(at..at + c.len()) == Some(c.as_bytes());
        at += c.len();
        same
    })
}

impl State {
    fn session(&self) -> Session {
        *lock(&self.session)
    }

    /// Check a snapshot (on the blocking pool). Returns the results and messages to show, or
    /// nothing when the document was closed meanwhile.
    fn compute(&self, uri: &Uri, snap: Snapshot) -> Option<(Results, Vec<String>)> {
        let Snapshot { rope, version, revision, path, format, closed, edits, edits_total, engine, .. } = snap;
        if closed.load(Ordering::SeqCst) {
            return None;
        }
        let (profile, generation, mut messages) = {
            let mut s = lock(&self.settings);
            let p = s.profile(path.as_deref());
            (p, s.generation, s.take_messages())
        };
        let rel = profile.relative(path.as_deref());
        let limit = self.options.max_check_bytes;
        let findings = if profile.excluded(rel.as_deref()) {
            Findings::default()
        } else if rope.len_bytes() > limit {
            let msg = format!(
                "copydesk: {} is {} bytes, over the limit of {limit} bytes; it is not checked",
                uri.as_str(),
                rope.len_bytes()
            );
            eprintln!("{msg}");
            if let Some(e) = lock(&self.docs).get_mut(uri).filter(|e| !e.size_told) {
                e.size_told = true;
                messages.push(msg);
            }
            Findings::default()
        } else {
            // Markdown and HTML are checked whole: their projection is not local to a line
            // (a `<script>` or a code block spans many).
            // (whether the whole text was checked, rather than an edit brought into the engine)
            let (checked, whole) = if format != Format::Plain {
                (Arc::new(profile.checker.check_as(&rope.to_string(), rel.as_deref(), format)), true)
            } else if self.options.incremental {
                let tick = self.edit_ticks.fetch_add(1, Ordering::SeqCst) + 1;
                let found = incremental_check(
                    &engine,
                    &profile.checker,
                    rel.as_deref(),
                    &rope,
                    &edits,
                    edits_total,
                    tick,
                    generation,
                );
                if rope.len_bytes() < NAMES_BY_GROUP_FROM {
                    self.drop_engines_edited_long_ago();
                }
                found
            } else {
                (Arc::new((self.options.check)(&profile.checker, &rope.to_string(), rel.as_deref())), true)
            };
            // (an edit the engine took frees little: trimming the arenas after each keystroke
            // held their locks while the next edit was checked)
            if whole && rope.len_bytes() > 1 << 20 {
                // A long text's check leaves megabytes of scratch free in the arenas of the
                // threads that ran its rules: give them back, off this thread.
                crate::lsp::memory::give_back_soon();
            }
            // This text holds every edit up to `edits_total`: the log keeps only later ones.
            if let Some(e) = lock(&self.docs).get_mut(uri) {
                e.doc.forget_edits(edits_total);
            }
            for rule in &checked.failed_rules {
                eprintln!(
                    "copydesk lsp: rule `{rule}` failed on {} (a bug in copydesk); its findings are missing",
                    uri.as_str()
                );
            }
            // (a whole check's findings are this text's alone: kept without their spare capacity)
            let findings = match Arc::try_unwrap(checked) {
                Ok(Checked { mut findings, .. }) => {
                    findings.shrink_to_fit();
                    Findings::of(findings)
                }
                Err(shared) => Findings(shared),
            };
            trace::stamp(Step::Checked);
            // (after the check: the open's diagnostics do not wait for it)
            profile.warm_soon();
            findings
        };
        if closed.load(Ordering::SeqCst) {
            return None;
        }
        let hash = std::sync::OnceLock::new();
        Some((Results { id: next_results_id(), revision, version, generation, rope, findings, hash }, messages))
    }

    /// Past [`EDITED_ENGINES_KEPT`] edited short texts, drop the engines of those edited
    /// longest ago (an engine in use is skipped).
    fn drop_engines_edited_long_ago(&self) {
        let docs = lock(&self.docs);
        let mut engines = Vec::new();
        let mut ticks = Vec::new();
        for e in docs.values() {
            let Ok(slot) = e.engine.try_lock() else { continue };
            if let Some(engine) = slot.as_ref().filter(|g| g.edited > 0 && g.inc.text().len() < NAMES_BY_GROUP_FROM) {
                ticks.push(engine.edited);
                engines.push(e.engine.clone());
            }
        }
        drop(docs);
        for i in engines_past(&ticks, EDITED_ENGINES_KEPT) {
            if let Ok(mut slot) = engines[i].try_lock() {
                // (unless it was edited again meanwhile)
                if slot.as_ref().is_some_and(|g| g.edited == ticks[i]) {
                    *slot = None;
                }
            }
        }
    }

    /// The diagnostics of `results` (of `uri`), made now (they are not kept; their ranges are,
    /// for the next conversion, as a push keeps them).
    fn diagnostics(&self, uri: &Uri, results: &Results) -> Vec<Diagnostic> {
        let session = self.session();
        let before = lock(&self.docs).get(uri).and_then(|e| e.converted.clone());
        let (out, converted) = diagnostics::diagnostics_after(
            &results.rope,
            &results.findings,
            session.enc,
            session.links,
            before.as_deref(),
        );
        drop(before);
        self.keep_converted(uri, converted);
        out
    }

    /// Keep `converted` (the ranges just converted for `uri`) for the next conversion.
    fn keep_converted(&self, uri: &Uri, converted: diagnostics::Converted) {
        if let Some(e) = lock(&self.docs).get_mut(uri) {
            e.converted = Some(Arc::new(converted));
        }
    }

    /// Drop everything kept for `uri` (closed, or its text here can no longer be trusted);
    /// checks still running for it are discarded. Push clients get its diagnostics cleared.
    async fn forget(&self, uri: &Uri) {
        let removed = {
            let mut docs = lock(&self.docs);
            let removed = docs.remove(uri);
            if docs.capacity() > 2 * docs.len() + 16 {
                docs.shrink_to_fit();
            }
            removed
        };
        let Some(entry) = removed else { return };
        entry.closed.store(true, Ordering::SeqCst);
        drop(entry);
        crate::lsp::memory::give_back_soon();
        if self.session().pull {
            return;
        }
        let _turn = self.publish.lock().await;
        if !lock(&self.docs).contains_key(uri) {
            self.send_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn show_errors(&self, messages: Vec<String>) {
        for m in messages {
            eprintln!("{m}");
            self.client.show_message(MessageType::ERROR, m).await;
        }
    }

    fn generation(&self) -> u64 {
        lock(&self.settings).generation
    }

    /// Results for the current text of `uri` under the current settings, checking now if
    /// there are none; with the client's version number of that text.
    async fn results(self: &Arc<Self>, uri: &Uri) -> Option<(Arc<Results>, i32)> {
        let gate = lock(&self.docs).get(uri)?.gate.clone();
        let _turn = gate.lock().await;
        let _check = self.turns.acquire().await.ok()?;
        let generation = self.generation();
        let (snap, cached) = {
            let docs = lock(&self.docs);
            let e = docs.get(uri)?;
            if let Some((revision, r)) = &e.results {
                if *revision == e.revision && r.generation == generation {
                    return Some((r.clone(), e.doc.version));
                }
            }
            (Snapshot::of(e, generation), e.results.as_ref().map(|(_, r)| r.clone()))
        };
        if let Some(r) = cached {
            // The same text again (an undo, or a change that changed nothing): reuse.
            if r.hold_for(&snap.rope, generation) {
                if let Some(e) = lock(&self.docs).get_mut(uri).filter(|e| e.revision == snap.revision) {
                    e.results = Some((snap.revision, r.clone()));
                }
                return Some((r, snap.version));
            }
        }
        let version = snap.version;
        let me = self.clone();
        let u = uri.clone();
        // (not in place: this runs inside the protocol library's loop, which would stop
        // reading messages meanwhile)
        let how = match snap.how(&self.options) {
            Run::InPlace => Run::Pool,
            how => how,
        };
        let (results, messages) = match run_check(how, move || me.compute(&u, snap)).await {
            Ok(Some(r)) => r,
            Ok(None) => return None,
            Err(e) => {
                eprintln!("copydesk lsp: checking {} failed: {e}", uri.as_str());
                return None;
            }
        };
        self.show_errors(messages).await;
        let results = Arc::new(results);
        let generation = self.generation();
        let mut docs = lock(&self.docs);
        if let Some(e) = docs.get_mut(uri) {
            if e.revision == results.revision && results.generation == generation {
                e.results = Some((results.revision, results.clone()));
            }
        }
        Some((results, version))
    }

    /// Mark `uri` changed; push clients get it re-checked and published.
    fn schedule(self: &Arc<Self>, uri: &Uri) {
        if self.session().pull {
            return;
        }
        let mut docs = lock(&self.docs);
        let Some(e) = docs.get_mut(uri) else { return };
        e.dirty = true;
        if !e.checking {
            e.checking = true;
            tokio::spawn(self.clone().check_loop(uri.clone()));
        }
    }

    /// Check and publish `uri` until it stops changing.
    async fn check_loop(self: Arc<Self>, uri: Uri) {
        loop {
            // Wait for a turn first: the snapshot is then the newest text, and a document
            // closed meanwhile is not checked at all.
            let Ok(turn) = self.turns.acquire().await else { return };
            let generation = self.generation();
            let snap = {
                let mut docs = lock(&self.docs);
                let Some(e) = docs.get_mut(&uri) else { return };
                if !e.dirty {
                    e.checking = false;
                    return;
                }
                e.dirty = false;
                // Marked dirty again without a new revision or settings: that revision was
                // checked already, by this task or an earlier one.
                let key = Some((e.revision, generation));
                if e.started == key {
                    continue;
                }
                e.started = key;
                Snapshot::of(e, generation)
            };
            trace::stamp(Step::Snapshot);
            let me = self.clone();
            let u = uri.clone();
            let (revision, version) = (snap.revision, snap.version);
            let how = snap.how(&self.options);
            match run_check(how, move || {
                trace::stamp(Step::Started);
                let mut snap = snap;
                // The same text under the same settings (a change that changed nothing, an
                // undo): the last results stand.
                if let Some(previous) = snap.previous.take().filter(|p| p.hold_for(&snap.rope, generation)) {
                    return Some((previous, Vec::new()));
                }
                trace::stamp(Step::Compared);
                me.compute(&u, snap).map(|(r, m)| (Arc::new(r), m))
            })
            .await
            {
                Ok(Some((results, messages))) => {
                    trace::stamp(Step::Resumed);
                    drop(turn);
                    self.show_errors(messages).await;
                    self.publish(&uri, results, revision, version).await;
                }
                Ok(None) => {}
                Err(e) => eprintln!("copydesk lsp: checking {} failed: {e}", uri.as_str()),
            }
        }
    }

    /// Publish `results` (for the document's `revision`, numbered `version` by the client)
    /// if that revision and the settings are still current, and the client was not sent the
    /// same text under the same settings and version already.
    async fn publish(&self, uri: &Uri, results: Arc<Results>, revision: u64, version: i32) {
        let _turn = self.publish.lock().await;
        let generation = self.generation();
        let (current, before) = {
            let mut docs = lock(&self.docs);
            match docs.get_mut(uri) {
                Some(e) if e.revision == revision && results.generation == generation => {
                    e.results = Some((revision, results.clone()));
                    let key = Some((results.id, generation, version));
                    let fresh = e.published != key;
                    e.published = key;
                    (fresh, e.converted.clone())
                }
                _ => (false, None),
            }
        };
        if current {
            let session = self.session();
            let (body, converted) = diagnostics::publish_json_after(
                uri,
                Some(version),
                &results.rope,
                &results.findings,
                session.enc,
                session.links,
                before.as_deref(),
            );
            drop(before);
            self.keep_converted(uri, converted);
            trace::stamp(Step::Converted);
            // Only fails when the session is over.
            let _ = self.publishes.send(body).await;
            trace::stamp(Step::Queued);
        }
    }

    /// Send `textDocument/publishDiagnostics` (call with the publish lock held, so that
    /// publishes leave in the order they were decided).
    async fn send_diagnostics(&self, uri: &Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        #[derive(serde::Serialize)]
        struct Notification {
            jsonrpc: &'static str,
            method: &'static str,
            params: PublishDiagnosticsParams,
        }
        let note = Notification {
            jsonrpc: "2.0",
            method: "textDocument/publishDiagnostics",
            params: PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version },
        };
        match serde_json::to_vec(&note) {
            Ok(body) => {
                drop(note);
                // Only fails when the session is over.
                let _ = self.publishes.send(body).await;
            }
            Err(e) => eprintln!("copydesk lsp: cannot serialise diagnostics for {}: {e}", uri.as_str()),
        }
    }

    /// Settings may have changed: re-read them, show errors, re-check every open document.
    async fn reload(self: Arc<Self>) {
        let paths: Vec<Option<PathBuf>> = {
            lock(&self.settings).invalidate();
            lock(&self.docs).values().map(|e| e.path.clone()).collect()
        };
        self.clone().build_profiles(paths).await;
        let session = self.session();
        if session.pull {
            if session.refresh {
                if let Err(e) = self.client.workspace_diagnostic_refresh().await {
                    eprintln!("copydesk lsp: diagnostic refresh failed: {e}");
                }
            }
        } else {
            let uris: Vec<Uri> = lock(&self.docs).keys().cloned().collect();
            for uri in uris {
                self.schedule(&uri);
            }
        }
    }

    fn apply_client_settings(&self) {
        let merged = {
            let cs = lock(&self.client_settings);
            match (&cs.0, &cs.1) {
                (None, None) => None,
                (Some(a), None) => Some(a.clone()),
                (None, Some(b)) => Some(b.clone()),
                (Some(a), Some(b)) => {
                    let mut a = settings::unwrap_section(a.clone());
                    settings::merge(&mut a, &settings::unwrap_section(b.clone()));
                    Some(a)
                }
            }
        };
        lock(&self.settings).set_client(merged);
    }

    /// Ask the client for the `copydesk` section of its settings, then reload.
    async fn pull_configuration(self: Arc<Self>) {
        let item = ConfigurationItem { scope_uri: None, section: Some("copydesk".into()) };
        match self.client.configuration(vec![item]).await {
            Ok(values) => {
                let v = values.into_iter().next().filter(|v| !v.is_null());
                let changed = {
                    let mut cs = lock(&self.client_settings);
                    let changed = cs.1 != v;
                    cs.1 = v;
                    changed
                };
                if changed {
                    self.apply_client_settings();
                    return self.reload().await;
                }
            }
            Err(e) => eprintln!("copydesk lsp: workspace/configuration failed: {e}"),
        }
        self.preload().await;
    }

    /// Build the settings now (for the workspace and the open documents), so that a broken
    /// config is reported at once rather than at the first check. Changes nothing.
    async fn preload(self: Arc<Self>) {
        let mut paths: Vec<Option<PathBuf>> = lock(&self.docs).values().map(|e| e.path.clone()).collect();
        paths.push(None);
        self.build_profiles(paths).await;
    }

    /// Build the settings profiles for these documents off the async threads (reading
    /// `copydesk.toml` and the dictionary is I/O), then show any config errors.
    async fn build_profiles(self: Arc<Self>, paths: Vec<Option<PathBuf>>) {
        let me = self.clone();
        let messages = tokio::task::spawn_blocking(move || {
            let mut s = lock(&me.settings);
            for p in &paths {
                s.profile(p.as_deref());
            }
            s.take_messages()
        })
        .await
        .unwrap_or_default();
        self.show_errors(messages).await;
    }

    async fn run_command(self: &Arc<Self>, params: ExecuteCommandParams) -> jsonrpc::Result<Option<Value>> {
        if params.command == actions::APPLY_EDIT {
            let edit: WorkspaceEdit = params
                .arguments
                .into_iter()
                .next()
                .and_then(|v| serde_json::from_value(v).ok())
                .ok_or_else(|| jsonrpc::Error::invalid_params("expected one argument: a WorkspaceEdit"))?;
            // The client answers in its own time; do not hold this request for it.
            let client = self.client.clone();
            tokio::spawn(async move {
                match client.apply_edit(edit).await {
                    Ok(r) if !r.applied => {
                        eprintln!("copydesk lsp: the client did not apply the fix: {:?}", r.failure_reason)
                    }
                    Ok(_) => {}
                    Err(e) => eprintln!("copydesk lsp: workspace/applyEdit failed: {e}"),
                }
            });
            return Ok(None);
        }
        let args: CommandArgs =
            params.arguments.into_iter().next().and_then(|v| serde_json::from_value(v).ok()).ok_or_else(|| {
                jsonrpc::Error::invalid_params("expected one argument {uri, word} or {uri, rule, text}")
            })?;
        let edit = match (params.command.as_str(), args.word, args.rule, args.text) {
            (actions::ADD_WORD, Some(word), _, _) if !word.trim().is_empty() => {
                ConfigEdit::AddWord(word.trim().to_string())
            }
            (actions::IGNORE, _, Some(rule), Some(text))
                if crate::core::rules::by_id(&rule).is_some() && !text.is_empty() =>
            {
                ConfigEdit::Ignore { rule, text }
            }
            (actions::ADD_WORD | actions::IGNORE, ..) => {
                return Err(jsonrpc::Error::invalid_params("missing or invalid arguments"))
            }
            (other, ..) => return Err(jsonrpc::Error::invalid_params(format!("unknown command `{other}`"))),
        };
        let doc = args.uri.parse::<Uri>().ok().and_then(|u| file_path(&u));
        let target = lock(&self.settings).config_path_to_write(doc.as_deref());
        let Some(target) = target else {
            let msg = "copydesk: no workspace folder to put copydesk.toml in".to_string();
            self.client.show_message(MessageType::ERROR, msg.clone()).await;
            return Err(jsonrpc::Error { code: ErrorCode::InternalError, message: msg.into(), data: None });
        };
        let written = tokio::task::spawn_blocking({
            let target = target.clone();
            move || settings::edit_config_file(&target, &edit)
        })
        .await
        .unwrap_or_else(|e| Err(format!("editing failed: {e}")));
        match written {
            Ok(_) => {
                self.clone().reload().await;
                Ok(Some(Value::String(target.display().to_string())))
            }
            Err(e) => {
                let msg = format!("copydesk: could not update copydesk.toml: {e}");
                eprintln!("{msg}");
                self.client.show_message(MessageType::ERROR, msg.clone()).await;
                Err(jsonrpc::Error { code: ErrorCode::InternalError, message: msg.into(), data: None })
            }
        }
    }
}

/// `initialize` with the client's `workspace.diagnostics` capability (the protocol's
/// spelling, which VS Code sends) also under `workspace.diagnostic`, the name lsp-types
/// 0.97 reads: without it no client would be known to take `workspace/diagnostic/refresh`.
pub fn spec_capabilities(req: jsonrpc::Request) -> jsonrpc::Request {
    if req.method() != "initialize" {
        return req;
    }
    let (method, id, params) = req.into_parts();
    let mut params = params;
    if let Some(ws) =
        params.as_mut().and_then(|p| p.pointer_mut("/capabilities/workspace")).and_then(Value::as_object_mut)
    {
        if !ws.contains_key("diagnostic") {
            if let Some(d) = ws.get("diagnostics").cloned() {
                ws.insert("diagnostic".into(), d);
            }
        }
    }
    let mut b = jsonrpc::Request::build(method);
    if let Some(p) = params {
        b = b.params(p);
    }
    if let Some(id) = id {
        b = b.id(id);
    }
    b.finish()
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> jsonrpc::Result<InitializeResult> {
        let caps = &params.capabilities;
        let workspace = caps.workspace.as_ref();
        let enc = Encoding::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        let text_caps = caps.text_document.as_ref();
        let can_pull = text_caps.is_some_and(|t| t.diagnostic.is_some());
        let refresh = workspace.and_then(|w| w.diagnostic.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false);
        // A client that pulls but cannot be asked to pull again (Neovim 0.11 pulls only after
        // its own edits and has no `workspace/diagnostic/refresh` handler) would keep stale
        // findings after a dictionary or ignore command or a settings change: it gets pushes
        // instead, and is offered no pull (pushed and pulled diagnostics would both show).
        let pull = can_pull && refresh;
        let code_action = text_caps.and_then(|t| t.code_action.as_ref());
        let session = Session {
            enc,
            pull,
            links: can_pull
                || text_caps
                    .and_then(|t| t.publish_diagnostics.as_ref())
                    .and_then(|p| p.code_description_support)
                    .unwrap_or(false),
            literals: code_action.is_some_and(|c| c.code_action_literal_support.is_some()),
            preferred: code_action.and_then(|c| c.is_preferred_support).unwrap_or(false),
            refresh,
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            watch: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
        };
        *lock(&self.state.session) = session;

        #[allow(deprecated)]
        let mut roots: Vec<PathBuf> =
            params.workspace_folders.iter().flatten().filter_map(|f| file_path(&f.uri)).collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            roots.extend(params.root_uri.as_ref().and_then(file_path));
        }
        lock(&self.state.settings).set_roots(roots);
        lock(&self.state.client_settings).0 = params.initialization_options.filter(|v| !v.is_null());
        self.state.apply_client_settings();

        let capabilities = ServerCapabilities {
            position_encoding: Some(enc.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            })),
            diagnostic_provider: session.pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("copydesk".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::FIX_ALL_KIND]),
                resolve_provider: Some(false),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: actions::COMMANDS.iter().map(|c| c.to_string()).collect(),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            }),
            ..ServerCapabilities::default()
        };
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo { name: "copydesk".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let state = self.state.clone();
        let session = state.session();
        tokio::spawn(async move {
            if session.watch {
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: vec![FileSystemWatcher {
                        glob_pattern: GlobPattern::String(format!("**/{CONFIG_FILE}")),
                        kind: None,
                    }],
                };
                let registration = Registration {
                    id: "copydesk-config-watcher".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                if let Err(e) = state.client.register_capability(vec![registration]).await {
                    eprintln!("copydesk lsp: could not watch {CONFIG_FILE}: {e}");
                }
            }
            if session.configuration {
                state.pull_configuration().await;
            } else {
                state.preload().await;
            }
        });
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        self.state.shutdown.store(true, Ordering::SeqCst);
        // The dictionary verdicts this session decided, for the next start (as the CLI does
        // after its checks; see `crate::dictionary`). Failing to write is not an error.
        let _ = tokio::task::spawn_blocking(crate::dictionary::persist).await;
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        if is_config_file(&doc.uri) {
            return;
        }
        let entry = Entry::new(
            Document::new(&doc.text, doc.version),
            file_path(&doc.uri),
            Format::from_language_id(&doc.language_id),
            self.state.revisions.fetch_add(1, Ordering::SeqCst),
        );
        if let Some(old) = lock(&self.state.docs).insert(doc.uri.clone(), entry) {
            // Opened twice without a close: the old one's checks are void.
            old.closed.store(true, Ordering::SeqCst);
        }
        self.state.schedule(&doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        trace::stamp(Step::Changed);
        let uri = params.text_document.uri;
        let enc = self.state.session().enc;
        {
            let mut docs = lock(&self.state.docs);
            let Some(e) = docs.get_mut(&uri) else {
                eprintln!("copydesk lsp: didChange for a document that is not open: {}", uri.as_str());
                return;
            };
            e.doc.apply(&params.content_changes, params.text_document.version, enc);
            e.revision = self.state.revisions.fetch_add(1, Ordering::SeqCst);
        }
        self.state.schedule(&uri);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if is_config_file(&params.text_document.uri) {
            lock(&self.state.settings).invalidate();
            tokio::spawn(self.state.clone().reload());
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.state.forget(&params.text_document.uri).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let state = self.state.clone();
        let empty = params.settings.is_null() || params.settings.as_object().is_some_and(|m| m.is_empty());
        if empty && state.session().configuration {
            tokio::spawn(state.pull_configuration());
            return;
        }
        lock(&state.client_settings).1 = Some(params.settings).filter(|v| !v.is_null());
        state.apply_client_settings();
        tokio::spawn(state.reload());
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| is_config_file(&c.uri)) {
            // Invalidate now, so requests after this notification see the new settings.
            lock(&self.state.settings).invalidate();
            tokio::spawn(self.state.clone().reload());
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> jsonrpc::Result<DocumentDiagnosticReportResult> {
        let report = match self.state.results(&params.text_document.uri).await {
            Some((r, _)) if params.previous_result_id.as_deref() == Some(r.result_id().as_str()) => {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: r.result_id(),
                    },
                })
            }
            Some((r, _)) => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(r.result_id()),
                    items: self.state.diagnostics(&params.text_document.uri, &r),
                },
            }),
            None => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn code_action(&self, params: CodeActionParams) -> jsonrpc::Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some((r, version)) = self.state.results(&uri).await else { return Ok(None) };
        let session = self.state.session();
        let range = positions::byte_range(&r.rope, params.range, session.enc);
        let text = r.rope.to_string();
        let target = Target {
            uri: &uri,
            rope: &r.rope,
            text: &text,
            version,
            findings: &r.findings,
            enc: session.enc,
            links: session.links,
            document_changes: session.document_changes,
        };
        let only = params.context.only.as_deref();
        let mut found = actions::actions(&target, range, only);
        if !session.literals {
            // Only commands can be returned to such a client: edits go through applyEdit.
            found = found
                .into_iter()
                .filter_map(|a| match a {
                    CodeActionOrCommand::CodeAction(CodeAction { command: Some(c), edit: None, .. }) => Some(c),
                    CodeActionOrCommand::CodeAction(CodeAction { title, edit: Some(edit), .. }) => Some(Command {
                        title,
                        command: actions::APPLY_EDIT.into(),
                        arguments: Some(vec![serde_json::to_value(edit).ok()?]),
                    }),
                    CodeActionOrCommand::Command(c) => Some(c),
                    CodeActionOrCommand::CodeAction(_) => None,
                })
                .map(CodeActionOrCommand::Command)
                .collect();
        } else if !session.preferred {
            for a in &mut found {
                if let CodeActionOrCommand::CodeAction(a) = a {
                    a.is_preferred = None;
                }
            }
        }
        Ok(Some(found))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> jsonrpc::Result<Option<Value>> {
        self.state.run_command(params).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engines_edited_longest_ago_are_dropped_past_the_kept_count() {
        // Last edit ticks of five engines: the two most recent (ticks 9 and 7) are kept.
        let mut past = engines_past(&[3, 9, 1, 7, 5], 2);
        past.sort_unstable();
        assert_eq!(past, [0, 2, 4]);
        assert!(engines_past(&[3, 9], 2).is_empty());
        assert!(engines_past(&[], 8).is_empty());
        assert_eq!(engines_past(&[4, 2], 0).len(), 2);
    }

    fn entry(text: &str) -> Entry {
        Entry::new(Document::new(text, 1), None, Format::Plain, 1)
    }

    #[test]
    fn only_an_edit_to_an_engine_of_the_current_settings_is_checked_in_place() {
        let checker = Arc::new(Checker::new(crate::core::Config::default(), None));
        let story = "قال الرئيس في بيان صدر اليوم إن المفاوضات مستمرة\n";
        let long = story.repeat(INLINE_CHECK_BELOW / story.len() + 1);
        let options = Options::default();
        for (text, ready) in [(story.to_string(), Run::Inline), (long, Run::InPlace)] {
            let mut e = entry(&text);
            // No engine yet: it is built on the pool.
            assert_eq!(Snapshot::of(&e, 3).how(&options), Run::Pool);
            let (_, built) = incremental_check(&e.engine, &checker, None, &e.doc.rope, &[], 0, 1, 3);
            assert!(built);
            assert_eq!(Snapshot::of(&e, 3).how(&options), ready, "{} bytes", text.len());
            // The settings changed since (a new generation): it will be built again.
            assert_eq!(Snapshot::of(&e, 4).how(&options), Run::Pool);
            // Not plain text, or not incremental: checked whole.
            e.format = Format::Markdown;
            assert_eq!(Snapshot::of(&e, 3).how(&options), Run::Pool);
            e.format = Format::Plain;
            assert_eq!(Snapshot::of(&e, 3).how(&Options { incremental: false, ..Options::default() }), Run::Pool);
            // In use by another check: not known to be ready.
            let held = lock(&e.engine);
            assert_eq!(Snapshot::of(&e, 3).how(&options), Run::Pool);
            drop(held);
            assert_eq!(Snapshot::of(&e, 3).how(&options), ready);
        }
    }

    #[test]
    fn a_panicking_check_is_caught_wherever_it_runs() {
        for multi in [true, false] {
            let runtime = if multi {
                tokio::runtime::Builder::new_multi_thread().worker_threads(2).build()
            } else {
                tokio::runtime::Builder::new_current_thread().build()
            }
            .expect("runtime");
            runtime.block_on(async {
                tokio::spawn(async {
                    for how in [Run::Inline, Run::InPlace, Run::Pool] {
                        assert_eq!(run_check(how, || 7).await, Ok(7));
                        let r: Result<u8, String> = run_check(how, || panic!("a bug in a check")).await;
                        assert!(r.is_err(), "{how:?}");
                    }
                })
                .await
                .expect("the checks' panics are caught");
            });
        }
    }

    #[test]
    fn results_hold_for_the_same_text_and_settings_only() {
        let r = Results {
            id: next_results_id(),
            revision: 1,
            version: 1,
            generation: 2,
            rope: Rope::from_str("قال الرئيس"),
            findings: Findings::default(),
            hash: std::sync::OnceLock::new(),
        };
        assert!(r.hold_for(&Rope::from_str("قال الرئيس"), 2));
        // The same text, chunked otherwise.
        let mut edited = Rope::from_str("قال");
        edited.insert(3, " الرئيس");
        assert!(r.hold_for(&edited, 2));
        assert!(!r.hold_for(&Rope::from_str("قال الرئيس"), 3));
        assert!(!r.hold_for(&Rope::from_str("قال الرئيسُ"), 2));
        // Of the same length, one letter apart.
        assert!(!r.hold_for(&Rope::from_str("قال الرئيز"), 2));
        assert_ne!(next_results_id(), r.id);
        // The pull result id names the text and settings, whichever check made the results.
        let first = r.result_id();
        let again = Results { id: next_results_id(), hash: std::sync::OnceLock::new(), rope: edited, ..r };
        assert_eq!(again.result_id(), first);
        let other = Results { hash: std::sync::OnceLock::new(), rope: Rope::from_str("قال الرئيز"), ..again };
        assert_ne!(other.result_id(), first);
    }

    fn initialize(caps: Value) -> InitializeParams {
        let req =
            jsonrpc::Request::build("initialize").id(1).params(serde_json::json!({ "capabilities": caps })).finish();
        let (_, _, params) = spec_capabilities(req).into_parts();
        serde_json::from_value(params.unwrap_or_default()).expect("initialize params")
    }

    fn refresh(p: &InitializeParams) -> Option<bool> {
        p.capabilities.workspace.as_ref()?.diagnostic.as_ref()?.refresh_support
    }

    #[test]
    fn the_protocols_spelling_of_diagnostic_refresh_is_read() {
        // As VS Code sends it (LSP 3.17: `workspace.diagnostics`).
        let vscode = initialize(serde_json::json!({"workspace": {"diagnostics": {"refreshSupport": true}}}));
        assert_eq!(refresh(&vscode), Some(true));
        // lsp-types' own spelling still works, and wins when both are there.
        let both = initialize(serde_json::json!({"workspace": {
            "diagnostic": {"refreshSupport": false}, "diagnostics": {"refreshSupport": true}}}));
        assert_eq!(refresh(&both), Some(false));
        // Neovim 0.11 sends neither.
        assert_eq!(refresh(&initialize(serde_json::json!({"workspace": {}}))), None);
        // Other requests pass untouched.
        let other = jsonrpc::Request::build("shutdown").id(2).finish();
        assert_eq!(spec_capabilities(other.clone()), other);
    }
}
