//! Timestamps of a push's steps, from an edit's arrival to its diagnostics being written, for
//! the latency bench (`cargo bench --bench lsp_latency -- story stages`): off unless
//! [`enable`] is called, and then one atomic load per step.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// The steps of a push, in the order they happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// `didChange`'s handler started (the message read and parsed).
    Changed,
    /// The checking task has its turn and its snapshot.
    Snapshot,
    /// The check's closure started (on the blocking pool, or where [`crate::lsp::server`]
    /// runs an edit's check).
    Started,
    /// The text compared with the last results'.
    Compared,
    /// The engine applied the edits and its findings were copied out.
    Checked,
    /// The check returned to the async task.
    Resumed,
    /// The findings converted to diagnostics and serialised.
    Converted,
    /// The diagnostics handed to the writer.
    Queued,
    /// The writer wrote them out.
    Written,
}

static ON: AtomicBool = AtomicBool::new(false);
static STAMPS: Mutex<Vec<(Step, Instant)>> = Mutex::new(Vec::new());

/// Start recording (for the process's lifetime).
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

/// Record that `step` happened now (nothing unless [`enable`]d).
#[inline]
pub fn stamp(step: Step) {
    if ON.load(Ordering::Relaxed) {
        let now = Instant::now();
        STAMPS.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((step, now));
    }
}

/// The steps recorded since the last call.
pub fn take() -> Vec<(Step, Instant)> {
    std::mem::take(&mut *STAMPS.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
}
