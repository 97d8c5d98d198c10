//! `page-views`: count the views of the marketplace's pages, from every request thread.

use std::collections::HashMap;
use std::sync::Mutex;

// ANCHOR: view_counter
/// Views per page, recorded by many request threads at once (share it with `&` or an `Arc`).
#[derive(Debug)]
pub struct ViewCounter {
    views: Mutex<HashMap<u32, u64>>,
}

impl ViewCounter {
    /// A counter for `pages`, each at 0 views. Views of any other page are ignored; a page
    /// listed twice is one page.
    pub fn new(pages: &[u32]) -> Self {
        let views = pages.iter().map(|&page| (page, 0)).collect();
        ViewCounter {
            views: Mutex::new(views),
        }
    }

    /// Records one view of `page`. Called from many threads at the same time.
    pub fn record(&self, page: u32) {
        let seen = match self.views.lock().unwrap().get(&page) {
            Some(&count) => count,
            None => return,
        };
        self.views.lock().unwrap().insert(page, seen + 1);
    }

    /// The views of `page` recorded so far (0 for a page the counter does not know).
    pub fn total(&self, page: u32) -> u64 {
        self.views.lock().unwrap().get(&page).copied().unwrap_or(0)
    }
}
// ANCHOR_END: view_counter
