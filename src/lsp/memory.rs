//! The process's memory, for the server to give freed memory back and for tests and benches
//! to measure it (resident set size, from `/proc/self/status`).

/// Resident set size of this process in bytes (Linux; `None` elsewhere or if unreadable).
pub fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.trim_start_matches("VmRSS:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

/// Hand memory freed by a closed document back to the system. glibc keeps freed memory in
/// its arenas (one per thread that allocated), so without this a server that opened and
/// closed many documents keeps their peak footprint for good.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only returns free memory at the top of glibc's heaps to the
        // system; it takes no pointers and is safe to call at any time from any thread.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// The size from which glibc serves an allocation by its own mapping (unmapped when freed).
const MMAP_FROM: i32 = 128 * 1024;

/// Make every large block (a document model of a long text, a rule's maps) a mapping of its
/// own, unmapped when freed. glibc starts there, but raises the threshold to the largest
/// block freed so far: after the first check of a 2 MB document, each later check's scratch
/// (tens of MB) came from the arenas and stayed: the memory bench's 2 MB document, 42 MB
/// resident when opened, was at 76 MB after 20 keystrokes; with the threshold fixed, 44 MB.
/// Called once, at the server's start.
pub fn unmap_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        const M_MMAP_THRESHOLD: i32 = -3;
        // SAFETY: mallopt only sets an allocator parameter; it takes no pointers.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, MMAP_FROM);
        }
    }
}

/// [`give_back`] on the blocking pool, once for a burst of calls (closing a hundred
/// documents trims once or twice, not a hundred times on the thread serving the client).
/// Must be called inside a tokio runtime.
pub fn give_back_soon() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static PENDING: AtomicBool = AtomicBool::new(false);
    if !PENDING.swap(true, Ordering::SeqCst) {
        tokio::task::spawn_blocking(|| {
            PENDING.store(false, Ordering::SeqCst);
            give_back();
        });
    }
}
