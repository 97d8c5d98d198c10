//! The inputs of the three benchmarks, and the sizes and scenarios they are graded at: the
//! shape of data the grader times, defined once, here.
//!
//! - [`tiles`]: the tiles of a photo, for `equalize_tiles` (task `image-histograms`);
//! - [`catalog`]: a page of product ids and a limit, for `fetch_all` (task `async-fetch`);
//! - [`views`]: pages and the views recorded by request threads, for `ViewCounter` (task
//!   `page-views`).
//!
//! A directory's `mod.rs` is not a benchmark of its own; a bench file pulls it in with
//! `mod inputs;`. It uses nothing but `std` and `fastrand`.

#![allow(dead_code)] // each user takes its own part of this module

/// The tiles of an uploaded photo.
pub mod tiles {
    use fastrand::Rng;

    /// Tiles per photo, the size the grader times.
    pub const N: usize = 1_600;

    /// The side of a full tile, in pixels: 64 × 64 = 4,096 pixels.
    pub const TILE_SIDE: usize = 64;

    /// A photo cut into `n` tiles of grey levels, row after row: full 64 × 64 tiles, and one in
    /// eight (every eighth) a partial tile from the photo's right or bottom edge, 64 pixels wide
    /// and 1 to 63 rows high. Each tile is a gradient with noise on a base level of its own, so
    /// the tiles use different ranges of grey.
    pub fn image(rng: &mut Rng, n: usize) -> Vec<Vec<u8>> {
        (0..n)
            .map(|i| {
                let rows = if i % 8 == 7 {
                    rng.usize(1..TILE_SIDE)
                } else {
                    TILE_SIDE
                };
                let mut pixels = vec![0; rows * TILE_SIDE];
                rng.fill(&mut pixels);
                let base = rng.u8(..192);
                let noise = [15, 31, 63][rng.usize(..3)];
                for (p, pixel) in pixels.iter_mut().enumerate() {
                    let gradient = ((p / TILE_SIDE + p % TILE_SIDE) / 4) as u8;
                    *pixel = base.saturating_add(gradient).saturating_add(*pixel & noise);
                }
                pixels
            })
            .collect()
    }
}

/// A page of products to fetch from the catalogue service.
pub mod catalog {
    use fastrand::Rng;

    /// Product ids per page, the size the grader uses.
    pub const N: usize = 200;

    /// The most requests in flight at once that `fetch_all` is allowed.
    pub const LIMIT: usize = 8;

    /// `n` product ids drawn from a catalogue of 50,000 (ids 100,000 to 149,999), in random
    /// order: a long page repeats a few.
    pub fn product_ids(rng: &mut Rng, n: usize) -> Vec<u32> {
        (0..n).map(|_| 100_000 + rng.u32(..50_000)).collect()
    }
}

/// Page views recorded by request threads into one shared counter.
pub mod views {
    use fastrand::Rng;

    /// Page views per run, the size the grader uses.
    pub const N: usize = 100_000;

    /// Request threads recording views at once, each a contiguous share of the views, the
    /// shares as equal as can be.
    pub const THREADS: usize = 4;

    /// Pages the counter knows.
    pub const PAGES: usize = 64;

    /// Hot pages, which take most views (the home page, today's featured photos): the first
    /// ones.
    pub const HOT_PAGES: usize = 4;

    /// The first page id: pages were numbered in the order they were published, from here on.
    pub const FIRST_PAGE: u32 = 1_000;

    /// The counter's [`PAGES`] pages (ids [`FIRST_PAGE`] on, ascending), and `n` views in
    /// random order: 60% on the [`HOT_PAGES`] hot pages, 39% spread over all pages, and 1% on
    /// ten pages the counter does not know (ids 200,000 to 200,009).
    pub fn traffic(rng: &mut Rng, n: usize) -> (Vec<u32>, Vec<u32>) {
        let pages: Vec<u32> = (FIRST_PAGE..FIRST_PAGE + PAGES as u32).collect();
        let trace = (0..n)
            .map(|_| match rng.u8(..100) {
                0 => 200_000 + rng.u32(..10),
                1..=60 => pages[rng.usize(..HOT_PAGES)],
                _ => pages[rng.usize(..PAGES)],
            })
            .collect();
        (pages, trace)
    }
}
