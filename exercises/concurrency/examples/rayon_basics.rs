//! Data parallelism with rayon: `par_iter`, `join`, chunk sizes, a pool of your own, and the
//! cases where parallelism does not pay.
//!
//! Run it with `cargo run --release -p concurrency --example rayon_basics` (timings mean little
//! in a debug build), test it with `cargo test -p concurrency --example rayon_basics`. The book
//! includes it piece by piece, between the `ANCHOR` comments.

use rayon::prelude::*;

mod stopwatch;

/// A deliberately costly score of one photo: the total difference between neighbouring
/// pixels, over a few passes of smoothing. About 30 µs for 4,096 pixels.
fn sharpness(pixels: &[u8]) -> u64 {
    let mut row: Vec<u32> = pixels.iter().map(|&p| u32::from(p)).collect();
    let mut total = 0;
    for _ in 0..8 {
        total += row
            .windows(2)
            .map(|w| u64::from(w[0].abs_diff(w[1])))
            .sum::<u64>();
        for i in 1..row.len() {
            row[i] = (row[i] + row[i - 1]) / 2;
        }
    }
    total
}

// ANCHOR: par_iter
/// One score per photo, on one core.
fn scores(photos: &[Vec<u8>]) -> Vec<u64> {
    photos.iter().map(|photo| sharpness(photo)).collect()
}

/// The same, on every core: `iter` becomes `par_iter`. Rayon splits the slice between its
/// worker threads (one per core), and `collect` puts every result back in its place, so the
/// answer is the sequential one, in the same order.
fn scores_parallel(photos: &[Vec<u8>]) -> Vec<u64> {
    photos.par_iter().map(|photo| sharpness(photo)).collect()
}
// ANCHOR_END: par_iter

// ANCHOR: join
/// The sum of `values` by divide and conquer: `rayon::join` runs both halves, in parallel if a
/// core is free (another worker *steals* the second closure), else one after the other on this
/// thread. Below the cut-off the work is too small to be worth splitting.
fn sum_by_halves(values: &[u64]) -> u64 {
    const CUT_OFF: usize = 16_384;
    if values.len() <= CUT_OFF {
        return values.iter().sum();
    }
    let (left, right) = values.split_at(values.len() / 2);
    let (a, b) = rayon::join(|| sum_by_halves(left), || sum_by_halves(right));
    a + b
}
// ANCHOR_END: join

// ANCHOR: min_len
/// Adds 20% tax to every price: a few nanoseconds of work per element.
fn add_tax(prices: &mut [u64]) {
    prices.iter_mut().for_each(|p| *p = *p * 6 / 5);
}

/// The same with `par_iter_mut`: rayon may split the work down to single elements, and each
/// split costs far more than 6/5 of a price.
fn add_tax_parallel(prices: &mut [u64]) {
    prices.par_iter_mut().for_each(|p| *p = *p * 6 / 5);
}

/// With `with_min_len`, no piece of work is smaller than 64K elements: fewer, larger tasks.
/// (`par_chunks_mut(65_536)` is the same idea, with a sequential loop per chunk.)
fn add_tax_in_chunks(prices: &mut [u64]) {
    prices
        .par_iter_mut()
        .with_min_len(65_536)
        .for_each(|p| *p = *p * 6 / 5);
}
// ANCHOR_END: min_len

// ANCHOR: float_sum
/// A sum of floating-point values, sequential and parallel. Rayon adds the values in a
/// different grouping, and floating-point addition is not associative: the two sums can differ
/// in their last digits, and the parallel one can differ from run to run.
fn float_sums(values: &[f64]) -> (f64, f64) {
    (values.iter().sum(), values.par_iter().sum())
}

/// Integer sums are exact in any order: the parallel sum is always the sequential one.
fn cent_sums(cents: &[u64]) -> (u64, u64) {
    (cents.iter().sum(), cents.par_iter().sum())
}
// ANCHOR_END: float_sum

// ANCHOR: amdahl
/// Amdahl's law: the speed-up on `cores` cores of a job of which a fraction `parallel` can be
/// spread over the cores, the rest staying sequential.
fn amdahl(parallel: f64, cores: f64) -> f64 {
    1.0 / ((1.0 - parallel) + parallel / cores)
}
// ANCHOR_END: amdahl

// ANCHOR: pool
/// Scores computed on a pool of exactly `threads` threads, instead of rayon's global pool (one
/// thread per core): to leave cores to the rest of a server, say. Inside `install`, every
/// rayon call uses that pool.
fn scores_on_pool(photos: &[Vec<u8>], threads: usize) -> Vec<u64> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    pool.install(|| scores_parallel(photos))
}
// ANCHOR_END: pool

fn main() {
    use stopwatch::{seconds_per_call, show};
    stopwatch::warn_if_debug();
    let mut rng = fastrand::Rng::with_seed(3);
    println!("rayon's pool here: {} threads\n", rayon::current_num_threads());

    let photos: Vec<Vec<u8>> = (0..400)
        .map(|_| (0..4096).map(|_| rng.u8(..)).collect())
        .collect();
    let (one, all) = (
        seconds_per_call(|| scores(&photos)),
        seconds_per_call(|| scores_parallel(&photos)),
    );
    println!(
        "sharpness of 400 photos: iter {}, par_iter {} ({:.2}×)",
        show(one),
        show(all),
        one / all
    );
    let pooled = seconds_per_call(|| scores_on_pool(&photos, 1));
    println!(
        "the same on a pool of 1 thread (building the pool included): {}",
        show(pooled)
    );
    let values: Vec<u64> = (0..4_000_000).collect();
    let (one, all) = (
        seconds_per_call(|| values.iter().sum::<u64>()),
        seconds_per_call(|| sum_by_halves(&values)),
    );
    println!(
        "sum of 4,000,000 values: iter {}, join {} ({:.2}×)\n",
        show(one),
        show(all),
        one / all
    );

    println!("20% tax on n prices (time per call):\n");
    println!(
        "{:>12} {:>12} {:>14} {:>22}",
        "n", "iter_mut", "par_iter_mut", "with_min_len(65,536)"
    );
    for n in [1_000, 100_000, 10_000_000] {
        let mut prices: Vec<u64> = (0..n).map(|_| rng.u64(100..100_000)).collect();
        let a = seconds_per_call(|| add_tax(&mut prices));
        let b = seconds_per_call(|| add_tax_parallel(&mut prices));
        let c = seconds_per_call(|| add_tax_in_chunks(&mut prices));
        println!("{n:>12} {:>12} {:>14} {:>22}", show(a), show(b), show(c));
    }

    let floats: Vec<f64> = (0..1_000_000).map(|_| rng.f64() * 1e6).collect();
    let (sequential, parallel) = float_sums(&floats);
    println!("\nsum of 1,000,000 floats: sequential {sequential}, parallel {parallel}");
    let cents: Vec<u64> = (0..1_000_000).map(|_| rng.u64(..100_000_000)).collect();
    let (sequential, parallel) = cent_sums(&cents);
    println!("sum of 1,000,000 integers: sequential {sequential}, parallel {parallel}");

    println!("\nAmdahl's law, the speed-up on P cores:\n");
    println!(
        "{:>18} {:>7} {:>7} {:>7} {:>7}",
        "parallel fraction", "P = 2", "P = 4", "P = 8", "P = 64"
    );
    for parallel in [0.5, 0.9, 0.95, 0.99] {
        let row: Vec<String> = [2.0, 4.0, 8.0, 64.0]
            .iter()
            .map(|&p| format!("{:>6.2}×", amdahl(parallel, p)))
            .collect();
        println!("{:>18} {}", format!("{:.0}%", parallel * 100.0), row.join(" "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_scores_are_the_sequential_ones_in_order() {
        let mut rng = fastrand::Rng::with_seed(1);
        let photos: Vec<Vec<u8>> = (0..50)
            .map(|i| (0..i * 10).map(|_| rng.u8(..)).collect())
            .collect();
        assert_eq!(scores_parallel(&photos), scores(&photos));
        assert_eq!(scores_on_pool(&photos, 1), scores(&photos));
        assert_eq!(scores_on_pool(&photos, 3), scores(&photos));
    }

    #[test]
    fn join_splits_and_adds_up() {
        let values: Vec<u64> = (0..100_001).collect();
        assert_eq!(sum_by_halves(&values), 100_000 * 100_001 / 2);
        assert_eq!(sum_by_halves(&[]), 0);
    }

    #[test]
    fn every_tax_version_agrees() {
        let prices: Vec<u64> = (0..200_000).collect();
        let (mut a, mut b, mut c) = (prices.clone(), prices.clone(), prices);
        add_tax(&mut a);
        add_tax_parallel(&mut b);
        add_tax_in_chunks(&mut c);
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn float_sums_are_close_integer_sums_are_equal() {
        let floats: Vec<f64> = (0..100_000).map(|i| f64::from(i) * 0.1).collect();
        let (sequential, parallel) = float_sums(&floats);
        assert!((sequential - parallel).abs() < 1e-6 * sequential);
        let cents: Vec<u64> = (0..100_000).collect();
        let (sequential, parallel) = cent_sums(&cents);
        assert_eq!(sequential, parallel);
    }

    #[test]
    fn amdahl_caps_the_speed_up() {
        assert!((amdahl(1.0, 8.0) - 8.0).abs() < 1e-9);
        assert!((amdahl(0.5, 2.0) - 4.0 / 3.0).abs() < 1e-9);
        assert!(amdahl(0.9, 1e9) < 10.0);
    }
}
