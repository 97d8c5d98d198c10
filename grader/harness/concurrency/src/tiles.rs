//! `image-histograms`: the tiles of an uploaded photo, equalized and fingerprinted.
//!
//! Graded by a parallel speed-up: the starter works through the tiles on one core, so a
//! subject that spreads them over P cores can reach nearly P×.

use crate::Api;
use crate::inputs::tiles::TILE_SIDE;
use fastrand::Rng;
use grader_kit::correctness::{Case, case};
use grader_kit::inputs::edge_lists;

/// One figure of a report, so that a wrong answer is named ("tile 17's checksum").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// The checksum of tile `tile`.
    TileChecksum {
        /// The tile's position.
        tile: usize,
        /// Its checksum.
        checksum: u64,
    },
    /// How many pixels of the image have grey level `level`.
    HistogramBin {
        /// The grey level.
        level: usize,
        /// The pixels at that level.
        pixels: u64,
    },
}

/// The subject's report as a list of figures: the checksums in tile order, then the 256 bins.
#[allow(clippy::ptr_arg)] // a `fn(&I) -> O` of the task's input type, `Vec<Vec<u8>>`
pub fn report<A: Api>(tiles: &Vec<Vec<u8>>) -> Vec<Figure> {
    let (checksums, histogram) = A::equalize_tiles(tiles);
    let tiles = checksums
        .into_iter()
        .enumerate()
        .map(|(tile, checksum)| Figure::TileChecksum { tile, checksum });
    let bins = histogram
        .into_iter()
        .enumerate()
        .map(|(level, pixels)| Figure::HistogramBin { level, pixels });
    tiles.chain(bins).collect()
}

/// Hand-picked tiles (empty, one pixel, one or two levels, every level, more pixels at one
/// level than a `u16` counts), then the generic lists as one tile and in tiles of 7 pixels.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<Vec<Vec<u8>>>> {
    let mut cases = vec![
        case("edge case: no tiles", vec![]),
        case("edge case: one empty tile", vec![vec![]]),
        case(
            "edge case: empty tiles among others",
            vec![vec![], vec![3, 9], vec![], vec![1]],
        ),
        case("edge case: one pixel", vec![vec![0]]),
        case(
            "edge case: single-level tiles",
            vec![vec![0; 100], vec![255; 7], vec![128]],
        ),
        case(
            "edge case: two levels",
            vec![vec![0, 255, 255, 0, 0], vec![254, 255]],
        ),
        case("edge case: every level once", vec![(0..=255).collect()]),
        case(
            "edge case: every level, descending",
            vec![(0..=255).rev().collect()],
        ),
        case(
            "edge case: one dark pixel in a bright tile",
            vec![[vec![250; 4095], vec![1]].concat()],
        ),
        case(
            "edge case: many one-pixel tiles",
            (0..1025).map(|i| vec![(i * 7 % 256) as u8]).collect(),
        ),
        case(
            "edge case: one tile of 70,000 pixels, more at one level than a u16 counts",
            vec![[vec![3; 69_000], vec![200; 1_000]].concat()],
        ),
        case(
            "edge case: 17 full black tiles, more black pixels than a u16 counts",
            vec![vec![0; TILE_SIDE * TILE_SIDE]; 17],
        ),
    ];
    for (label, values) in edge_lists::<u32>(rng) {
        let bytes: Vec<u8> = values.iter().map(|&v| v as u8).collect();
        cases.push(case(format!("{label}, as one tile"), vec![bytes.clone()]));
        let split = bytes.chunks(7).map(<[u8]>::to_vec).collect();
        cases.push(case(format!("{label}, in tiles of 7 pixels"), split));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Starter;
    use crate::inputs::tiles::image;

    #[test]
    fn images_are_seeded_and_sized() {
        for n in [0, 1, 9, 100] {
            let a = image(&mut Rng::with_seed(4), n);
            assert_eq!(a, image(&mut Rng::with_seed(4), n));
            assert_eq!(a.len(), n);
            assert!(
                a.iter()
                    .all(|t| !t.is_empty() && t.len() <= TILE_SIDE * TILE_SIDE)
            );
        }
    }

    #[test]
    fn tiles_use_different_ranges_of_grey() {
        let tiles = image(&mut Rng::with_seed(1), 64);
        let ranges: std::collections::HashSet<(u8, u8)> = tiles
            .iter()
            .map(|t| (*t.iter().min().unwrap(), *t.iter().max().unwrap()))
            .collect();
        assert!(ranges.len() > 32, "{} distinct ranges", ranges.len());
        let figures = report::<Starter>(&tiles);
        assert_eq!(figures.len(), 64 + 256);
        let checksums: std::collections::HashSet<u64> = figures
            .iter()
            .filter_map(|f| match f {
                Figure::TileChecksum { checksum, .. } => Some(*checksum),
                Figure::HistogramBin { .. } => None,
            })
            .collect();
        assert_eq!(checksums.len(), 64);
    }
}
