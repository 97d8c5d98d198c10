//! Seeing complexity by measuring: time the same job at n, 2n, 4n and 8n and read the ratios.
//!
//! ```console
//! cargo run --release -p big-o --example growth
//! cargo run --release -p big-o --example growth -- 5000   # start at n = 5,000
//! ```
//!
//! Doubling n doubles a linear function's time and quadruples a quadratic one's; the slope of
//! ln(time) against ln(n) is the exponent k in time ∝ nᵏ. A second table shows what Big O
//! leaves out: for a handful of elements, the "slow" linear scan beats the hash set.

use std::collections::HashSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The smallest input size, unless given on the command line.
const DEFAULT_N: usize = 2_000;

// ANCHOR: contenders
/// Compares every pair: O(n²).
fn has_duplicate_all_pairs(values: &[u64]) -> bool {
    values
        .iter()
        .enumerate()
        .any(|(i, value)| values[i + 1..].contains(value))
}

/// Sorts a copy, then looks at neighbours: O(n log n).
fn has_duplicate_sorted(values: &[u64]) -> bool {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).any(|pair| pair[0] == pair[1])
}

/// One pass with a hash set: O(n) expected.
fn has_duplicate_hashed(values: &[u64]) -> bool {
    let mut seen = HashSet::with_capacity(values.len());
    !values.iter().all(|&value| seen.insert(value))
}
// ANCHOR_END: contenders

// ANCHOR: seconds_per_call
/// How long one call of `f` takes, in seconds.
///
/// Calls are batched until a batch lasts 10 ms, so the clock's resolution and the cost of
/// reading it vanish in the total. The fastest of five batches is kept: noise (another
/// process, an interrupt, a cold cache) only ever adds time.
fn seconds_per_call<R>(mut f: impl FnMut() -> R) -> f64 {
    let mut calls: u32 = 1;
    loop {
        let start = Instant::now();
        for _ in 0..calls {
            // `black_box` makes the compiler assume the result is used, so the call stays.
            black_box(f());
        }
        if start.elapsed() >= Duration::from_millis(10) {
            break;
        }
        calls *= 2;
    }
    (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                black_box(f());
            }
            start.elapsed().as_secs_f64() / f64::from(calls)
        })
        .fold(f64::INFINITY, f64::min)
}
// ANCHOR_END: seconds_per_call

// ANCHOR: loglog_slope
/// The least-squares slope of ln(seconds) against ln(n): the k in time ∝ nᵏ.
fn loglog_slope(points: &[(usize, f64)]) -> f64 {
    let logs: Vec<(f64, f64)> = points
        .iter()
        .map(|&(n, seconds)| ((n as f64).ln(), seconds.ln()))
        .collect();
    let count = logs.len() as f64;
    let mean_x = logs.iter().map(|&(x, _)| x).sum::<f64>() / count;
    let mean_y = logs.iter().map(|&(_, y)| y).sum::<f64>() / count;
    let covariance: f64 = logs.iter().map(|&(x, y)| (x - mean_x) * (y - mean_y)).sum();
    let variance: f64 = logs.iter().map(|&(x, _)| (x - mean_x).powi(2)).sum();
    covariance / variance
}
// ANCHOR_END: loglog_slope

/// `n` distinct IDs in a scrambled order: multiplying by an odd constant modulo 2⁶⁴ is a
/// bijection, so no two are equal, and with no duplicate to stop at, every function does its
/// full, worst-case work.
fn distinct_ids(n: usize) -> Vec<u64> {
    (0..n as u64).map(scrambled).collect()
}

/// The `i`-th scrambled ID: distinct for distinct `i`.
fn scrambled(i: u64) -> u64 {
    i.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// `seconds` with a unit that keeps three or four significant digits.
fn format_time(seconds: f64) -> String {
    match seconds {
        s if s >= 1.0 => format!("{s:.2} s"),
        s if s >= 1e-3 => format!("{:.2} ms", s * 1e3),
        s if s >= 1e-6 => format!("{:.2} µs", s * 1e6),
        s => format!("{:.1} ns", s * 1e9),
    }
}

/// `n` with thousands separators.
fn format_n(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

// ANCHOR: doubling
/// A function to time, with its name.
type Contender = (&'static str, fn(&[u64]) -> bool);

/// Times each contender at n, 2n, 4n and 8n, and prints each time with its ratio to the
/// previous size, then each contender's log-log slope.
fn doubling_table(first_n: usize) {
    let contenders: [Contender; 3] = [
        ("all pairs, O(n²)", has_duplicate_all_pairs),
        ("sort, O(n log n)", has_duplicate_sorted),
        ("HashSet, O(n)", has_duplicate_hashed),
    ];
    let sizes: Vec<usize> = (0..4).map(|doublings| first_n << doublings).collect();

    print!("{:>10}", "n");
    for (name, _) in &contenders {
        print!("{name:>24}");
    }
    println!();

    let mut timings = vec![Vec::new(); contenders.len()];
    for &n in &sizes {
        let ids = distinct_ids(n);
        let mut row = format!("{:>10}", format_n(n));
        for ((_, function), points) in contenders.iter().zip(&mut timings) {
            // `black_box` on the input too: otherwise the compiler may compute the answer
            // once, outside the timing loop, since the input never changes.
            let seconds = seconds_per_call(|| function(black_box(&ids)));
            let ratio = match points.last() {
                Some(&(_, previous)) => format!("×{:.2}", seconds / previous),
                None => String::new(),
            };
            row.push_str(&format!("{:>13} {ratio:>10}", format_time(seconds)));
            points.push((n, seconds));
        }
        println!("{}", row.trim_end());
    }

    print!("{:>10}", "slope");
    for points in &timings {
        print!("{:>24.2}", loglog_slope(points));
    }
    println!();
}
// ANCHOR_END: doubling

// ANCHOR: small_lookup
/// Times one membership test in a `Vec` (a linear scan) and in a `HashSet` (a hash and a
/// probe) at small sizes: Big O favours the set, the constant factors do not.
fn small_lookup_table() {
    println!("{:>10}{:>24}{:>24}", "n", "Vec::contains", "HashSet::contains");
    for n in [4, 8, 16, 32, 64, 128, 256, 1024] {
        let ids = distinct_ids(n);
        let set: HashSet<u64> = ids.iter().copied().collect();
        // Alternately an ID that is present and one that is not (which scans the whole Vec).
        let queries: Vec<u64> = (0..512)
            .flat_map(|i| [scrambled(i % n as u64), scrambled(n as u64 + i % n as u64)])
            .collect();
        let scan = seconds_per_call(|| count_found(black_box(&queries), |id| ids.contains(id)));
        let hash = seconds_per_call(|| count_found(black_box(&queries), |id| set.contains(id)));
        let per_lookup = |seconds: f64| format_time(seconds / queries.len() as f64);
        println!(
            "{:>10}{:>24}{:>24}",
            format_n(n),
            per_lookup(scan),
            per_lookup(hash)
        );
    }
}

/// How many of `queries` the `contains` test accepts.
fn count_found(queries: &[u64], contains: impl Fn(&u64) -> bool) -> usize {
    queries.iter().filter(|&id| contains(id)).count()
}
// ANCHOR_END: small_lookup

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("warning: an unoptimised build; run with `--release` for meaningful times\n");
    }
    let first_n = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(DEFAULT_N);

    println!("Is there a duplicate among n distinct IDs? Time per call, fastest of 5 batches.\n");
    doubling_table(first_n);
    println!(
        "\nPer doubling of n: ×2 is linear, ×4 quadratic, a little over ×2 is n log n.\n\
         The slope is the exponent k in time ∝ nᵏ.\n"
    );
    println!("One membership test among n IDs: below some size, scanning beats hashing.\n");
    small_lookup_table();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slope_recovers_power_laws() {
        let sizes = [1_000, 2_000, 4_000, 8_000];
        let quadratic: Vec<(usize, f64)> = sizes.iter().map(|&n| (n, 3e-9 * (n * n) as f64)).collect();
        let linear: Vec<(usize, f64)> = sizes.iter().map(|&n| (n, 2e-8 * n as f64)).collect();
        assert!((loglog_slope(&quadratic) - 2.0).abs() < 1e-9);
        assert!((loglog_slope(&linear) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn contenders_agree() {
        let ids = distinct_ids(500);
        assert!(!has_duplicate_all_pairs(&ids));
        assert!(!has_duplicate_sorted(&ids));
        assert!(!has_duplicate_hashed(&ids));
        let mut repeated = ids.clone();
        repeated.push(ids[123]);
        assert!(has_duplicate_all_pairs(&repeated));
        assert!(has_duplicate_sorted(&repeated));
        assert!(has_duplicate_hashed(&repeated));
        let unique: HashSet<u64> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len());
    }

    #[test]
    fn formatting() {
        assert_eq!(format_n(8_000), "8,000");
        assert_eq!(format_n(16_384_000), "16,384,000");
        assert_eq!(format_n(7), "7");
        assert_eq!(format_time(0.004_21), "4.21 ms");
        assert_eq!(format_time(2.5e-8), "25.0 ns");
        assert_eq!(format_time(3.2e-5), "32.00 µs");
    }
}
