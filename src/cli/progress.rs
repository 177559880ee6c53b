//! A progress bar on stderr for large runs, drawn only when stderr is a terminal.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// Runs with fewer files than this finish before a bar would be worth reading.
pub const MIN_FILES: usize = 50;

pub struct Progress {
    pub done: AtomicUsize,
    total: usize,
    finished: AtomicBool,
    enabled: bool,
}

impl Progress {
    pub fn new(total: usize, allowed: bool) -> Progress {
        let enabled = allowed && total >= MIN_FILES && std::io::stderr().is_terminal();
        Progress { done: AtomicUsize::new(0), total, finished: AtomicBool::new(false), enabled }
    }

    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Run `work` while a thread redraws the bar every 100 ms; the bar is erased after.
    /// The bar is drawn once before the work starts, so a run that ends before the thread
    /// first wakes still shows it (the user sees it flash; a test sees it every time).
    pub fn run<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        if !self.enabled {
            return work();
        }
        self.draw();
        std::thread::scope(|s| {
            s.spawn(|| {
                loop {
                    std::thread::sleep(Duration::from_millis(100));
                    if self.finished.load(Ordering::Relaxed) {
                        break;
                    }
                    self.draw();
                }
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[2K");
                let _ = err.flush();
            });
            let result = work();
            self.finished.store(true, Ordering::Relaxed);
            result
        })
    }

    fn draw(&self) {
        const WIDTH: usize = 30;
        let done = self.done.load(Ordering::Relaxed).min(self.total);
        let filled = WIDTH * done / self.total.max(1);
        let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH - filled));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2Kchecking [{bar}] {done}/{}", super::output::files_count(self.total));
        let _ = err.flush();
    }
}
