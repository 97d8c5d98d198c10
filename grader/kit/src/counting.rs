//! A global allocator that counts, for the heap checks: live bytes, their peak, and allocations.
//!
//! A chapter with heap checks installs it in its harness binaries, all of them, so the process
//! that measures the heap is the same binary, with the same allocator and the same speed, as the
//! one that checks answers and times: learner code cannot tell which one it is in. The counters
//! are relaxed atomics (a few nanoseconds per allocation, paid alike by the starter and the
//! subject), not dhat's global lock, so timed checks run beside it. dhat remains for
//! `grader profile`, where its per-site profile is the point.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

/// The counting allocator: `#[global_allocator] static ALLOC: CountingAlloc = CountingAlloc;`.
#[derive(Debug)]
pub struct CountingAlloc;

static LIVE: AtomicU64 = AtomicU64::new(0);
static PEAK: AtomicU64 = AtomicU64::new(0);
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static USED: AtomicBool = AtomicBool::new(false);

fn grew(bytes: u64) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

fn shrank(bytes: u64) {
    LIVE.fetch_sub(bytes, Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; only counters change.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on unchanged.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            USED.store(true, Relaxed);
            ALLOCATIONS.fetch_add(1, Relaxed);
            grew(layout.size() as u64);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            USED.store(true, Relaxed);
            ALLOCATIONS.fetch_add(1, Relaxed);
            grew(layout.size() as u64);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size() as u64);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // dhat's convention: a reallocation is one more allocation.
            ALLOCATIONS.fetch_add(1, Relaxed);
            let (old, new) = (layout.size() as u64, new_size as u64);
            if new >= old {
                grew(new - old)
            } else {
                shrank(old - new)
            }
        }
        p
    }
}

/// Whether this process's global allocator is [`CountingAlloc`] (it has seen an allocation).
pub fn installed() -> bool {
    drop(std::hint::black_box(Box::new(std::hint::black_box(1_u8))));
    USED.load(Relaxed)
}

/// Counters at the start of a measured window.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    live: u64,
    allocations: u64,
}

/// The figures of a window: as dhat defines them, for blocks allocated within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// The most bytes live at once above the window's starting level.
    pub peak_bytes: u64,
    /// Allocations (and reallocations) made.
    pub allocations: u64,
    /// Bytes live now above the starting level.
    pub live_bytes: u64,
}

impl Window {
    /// Starts a window: the peak is reset to what is live now.
    pub fn start() -> Self {
        let live = LIVE.load(Relaxed);
        PEAK.store(live, Relaxed);
        Window {
            live,
            allocations: ALLOCATIONS.load(Relaxed),
        }
    }

    /// The figures since [`Window::start`].
    pub fn counted(&self) -> Counted {
        Counted {
            peak_bytes: PEAK.load(Relaxed).saturating_sub(self.live),
            allocations: ALLOCATIONS.load(Relaxed) - self.allocations,
            live_bytes: LIVE.load(Relaxed).saturating_sub(self.live),
        }
    }
}
