//! `image-histograms`: equalize the contrast of every tile of an uploaded photo.

// ANCHOR: tile_report
/// What [`equalize_tiles`] reports about one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileReport {
    /// For each tile, in the order given, the checksum of its equalized pixels (the key of the
    /// thumbnail cache).
    pub checksums: Vec<u64>,
    /// How many pixels of the whole image have each grey level, 0 to 255, before equalization.
    pub histogram: [u64; 256],
}
// ANCHOR_END: tile_report

// ANCHOR: equalize_tiles
/// Equalizes the contrast of each tile of a greyscale image (its pixels, one byte each) and
/// reports each tile's checksum, in the order of `tiles`, and the whole image's histogram.
pub fn equalize_tiles(tiles: &[Vec<u8>]) -> TileReport {
    let mut checksums = Vec::with_capacity(tiles.len());
    let mut histogram = [0; 256];
    for tile in tiles {
        let tile_histogram = histogram_of(tile);
        for (total, count) in histogram.iter_mut().zip(tile_histogram) {
            *total += count;
        }
        checksums.push(equalized_checksum(tile, &tile_histogram));
    }
    TileReport { checksums, histogram }
}
// ANCHOR_END: equalize_tiles

// ANCHOR: tile_helpers
/// How many pixels of `tile` have each grey level.
pub fn histogram_of(tile: &[u8]) -> [u64; 256] {
    let mut histogram = [0; 256];
    for &pixel in tile {
        histogram[usize::from(pixel)] += 1;
    }
    histogram
}

/// The checksum (64-bit FNV-1a) of `tile` after histogram equalization, given its histogram:
/// each grey level is mapped through the tile's cumulative distribution, so that the levels
/// it uses spread over the whole range 0 to 255.
pub fn equalized_checksum(tile: &[u8], histogram: &[u64; 256]) -> u64 {
    let table = equalization_table(histogram);
    tile.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &pixel| {
        (hash ^ u64::from(table[usize::from(pixel)])).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The equalization table of a tile with this histogram: level `v` becomes
/// `round((cdf(v) − cdf_min) × 255 / (pixels − cdf_min))`, where `cdf(v)` counts the pixels at
/// or below `v` and `cdf_min` is the count of the darkest level present. A tile with a single
/// level (or none) is left as it is.
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
// ANCHOR_END: tile_helpers
