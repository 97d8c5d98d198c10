//! Seeded input generators, including the edge cases every list-shaped task is checked on.

use crate::correctness::quantity;
use fastrand::Rng;
use std::fmt::Debug;

/// An integer element type for generated lists.
pub trait Element: Copy + Debug + 'static {
    /// The smallest value.
    const MIN: Self;
    /// The largest value.
    const MAX: Self;
    /// A small value from a count (wrapping into the type).
    fn from_u64(x: u64) -> Self;
}

macro_rules! element {
    ($($t:ty),*) => {$(
        impl Element for $t {
            const MIN: Self = <$t>::MIN;
            const MAX: Self = <$t>::MAX;
            #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
            fn from_u64(x: u64) -> Self { x as $t }
        }
    )*};
}
element!(u32, u64, i64);

/// `n` values drawn uniformly from `0..range`.
pub fn values<T: Element>(rng: &mut Rng, n: usize, range: u64) -> Vec<T> {
    (0..n).map(|_| T::from_u64(rng.u64(0..range.max(1)))).collect()
}

/// Sizes that catch off-by-one and power-of-two assumptions: tiny, odd, primes, 2ᵏ ± 1.
pub const AWKWARD_SIZES: [usize; 12] = [1, 2, 3, 5, 7, 31, 33, 63, 100, 257, 1023, 1025];

/// Labelled edge-case lists: empty, one element, all equal, many duplicates, extreme values,
/// sorted both ways, and random lists at awkward (non-power-of-two) sizes.
pub fn edge_lists<T: Element>(rng: &mut Rng) -> Vec<(String, Vec<T>)> {
    let v = T::from_u64;
    let mut lists = vec![
        ("edge case: empty".to_string(), vec![]),
        ("edge case: one element".to_string(), vec![v(42)]),
        ("edge case: two equal elements".to_string(), vec![v(5), v(5)]),
        ("edge case: all equal".to_string(), vec![v(9); 257]),
        ("edge case: many duplicates".to_string(), values(rng, 1000, 8)),
        ("edge case: extreme values".to_string(), extremes::<T>(rng, 41)),
        (
            "edge case: sorted ascending".to_string(),
            (0..300).map(v).collect(),
        ),
        (
            "edge case: sorted descending".to_string(),
            (0..300).rev().map(v).collect(),
        ),
    ];
    for n in AWKWARD_SIZES {
        let label = format!("random list of {}", quantity(n, "element", "elements"));
        lists.push((label, values(rng, n, (n as u64 / 2).max(2))));
    }
    lists
}

/// A list mixing the type's extremes with zeros and small values.
pub fn extremes<T: Element>(rng: &mut Rng, n: usize) -> Vec<T> {
    let pool = [T::MIN, T::MAX, T::from_u64(0), T::from_u64(1), T::MIN, T::MAX];
    (0..n).map(|_| pool[rng.usize(0..pool.len())]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_lists() {
        let a: Vec<(String, Vec<u64>)> = edge_lists(&mut Rng::with_seed(7));
        let b: Vec<(String, Vec<u64>)> = edge_lists(&mut Rng::with_seed(7));
        assert_eq!(a, b);
        let c: Vec<(String, Vec<u64>)> = edge_lists(&mut Rng::with_seed(8));
        assert_ne!(a, c);
    }

    #[test]
    fn edge_lists_cover_the_named_shapes() {
        let lists: Vec<(String, Vec<i64>)> = edge_lists(&mut Rng::with_seed(1));
        let by_label = |l: &str| &lists.iter().find(|(label, _)| label.contains(l)).unwrap().1;
        assert!(by_label("empty").is_empty());
        assert_eq!(by_label("one element").len(), 1);
        assert!(by_label("all equal").windows(2).all(|w| w[0] == w[1]));
        assert!(by_label("extreme").contains(&i64::MIN) && by_label("extreme").contains(&i64::MAX));
        assert!(lists.iter().any(|(_, l)| l.len() == 1025));
    }
}
