//! The inputs module, shared with the exercise's benchmarks: its sizes agree with the checks of
//! `grader/workbook.toml`, and its generators draw what their documentation says.

use caching_harness::inputs::{self, Zipf, sku_of_rank};
use fastrand::Rng;
use grader_kit::testing::manifest_sizes;
use std::collections::HashSet;

#[test]
fn the_inputs_sizes_are_the_manifests() {
    for (task, n) in [
        ("travel-passes", inputs::passes::N),
        ("price-lookup", inputs::prices::N),
        ("shared-lookups", inputs::shared::N),
    ] {
        let sizes = manifest_sizes("caching", task);
        assert!(!sizes.is_empty(), "{task}: no size in the manifest");
        assert!(
            sizes.iter().all(|&s| s == n),
            "{task}: the manifest says {sizes:?}, the inputs {n}"
        );
    }
}

#[test]
fn skus_are_distinct_by_rank() {
    let skus: HashSet<u32> = (0..90_000).map(sku_of_rank).collect();
    assert_eq!(skus.len(), 90_000);
    assert!(skus.iter().all(|&s| (10_000..100_000).contains(&s)));
}

#[test]
fn zipf_favours_low_ranks() {
    let zipf = Zipf::new(1000, 1.0);
    let mut rng = Rng::with_seed(1);
    let draws: Vec<usize> = (0..10_000).map(|_| zipf.sample(&mut rng)).collect();
    let top = draws.iter().filter(|&&r| r < 10).count();
    assert!(draws.iter().all(|&r| r < 1000));
    // The top 10 of 1,000 ranks hold H(10) / H(1000) ≈ 39% of the weight.
    assert!((3_500..4_300).contains(&top), "{top}");
}

#[test]
fn shared_lookups_repeat_popular_skus() {
    let lookups = inputs::shared::lookups(&mut Rng::with_seed(2), inputs::shared::N);
    assert_eq!(lookups.len(), inputs::shared::N);
    let distinct = lookups.iter().collect::<HashSet<_>>().len();
    assert!(distinct < inputs::shared::CATALOGUE, "{distinct} distinct skus");
}
