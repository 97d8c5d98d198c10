//! `image-histograms`, on every core.

use rayon::prelude::*;

/// What [`equalize_tiles`] reports about one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileReport {
    /// For each tile, in the order given, the checksum of its equalized pixels.
    pub checksums: Vec<u64>,
    /// How many pixels of the whole image have each grey level, 0 to 255, before equalization.
    pub histogram: [u64; 256],
}

// ANCHOR: equalize_tiles
/// Each tile's checksum, in order, and the image's histogram.
///
/// The tiles are independent, so rayon spreads them over every core: each of its worker
/// threads folds a run of consecutive tiles into a partial report, and `reduce` joins the
/// partial reports left to right, so the checksums keep the order of `tiles`. The histograms
/// are added in a different order than on one thread, which changes nothing: integer addition
/// is associative and exact.
pub fn equalize_tiles(tiles: &[Vec<u8>]) -> TileReport {
    tiles
        .par_iter()
        .fold(TileReport::empty, |mut report, tile| {
            let tile_histogram = histogram_of(tile);
            report.add_histogram(&tile_histogram);
            report.checksums.push(equalized_checksum(tile, &tile_histogram));
            report
        })
        .reduce(TileReport::empty, TileReport::append)
}

impl TileReport {
    fn empty() -> Self {
        TileReport {
            checksums: Vec::new(),
            histogram: [0; 256],
        }
    }

    fn add_histogram(&mut self, histogram: &[u64; 256]) {
        for (total, count) in self.histogram.iter_mut().zip(histogram) {
            *total += count;
        }
    }

    /// `self` followed by `later`: the tiles of `later` come after those of `self`.
    fn append(mut self, mut later: TileReport) -> TileReport {
        self.checksums.append(&mut later.checksums);
        self.add_histogram(&later.histogram);
        self
    }
}
// ANCHOR_END: equalize_tiles

/// How many pixels of `tile` have each grey level.
pub fn histogram_of(tile: &[u8]) -> [u64; 256] {
    let mut histogram = [0; 256];
    for &pixel in tile {
        histogram[usize::from(pixel)] += 1;
    }
    histogram
}

/// The checksum (64-bit FNV-1a) of `tile` after histogram equalization.
pub fn equalized_checksum(tile: &[u8], histogram: &[u64; 256]) -> u64 {
    let table = equalization_table(histogram);
    tile.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &pixel| {
        (hash ^ u64::from(table[usize::from(pixel)])).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The equalization table of a tile with this histogram (see the exercise's documentation).
pub fn equalization_table(histogram: &[u64; 256]) -> [u8; 256] {
    let pixels: u64 = histogram.iter().sum();
    let cdf_min = histogram.iter().copied().find(|&count| count > 0).unwrap_or(0);
    let spread = pixels - cdf_min;
    if spread == 0 {
        // A single level, or none: nothing to spread.
        return std::array::from_fn(|level| level as u8);
    }
    let mut cdf = 0;
    // `from_fn` fills the table in order, level 0 first.
    std::array::from_fn(|level| {
        cdf += histogram[level];
        ((cdf.saturating_sub(cdf_min) * 255 + spread / 2) / spread) as u8
    })
}
