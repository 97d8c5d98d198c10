//! Memoization: remembering the answers of a pure function.
//!
//! ```console
//! cargo run --release -p caching --example memo
//! ```
//!
//! One problem three ways: how many ways are there to pay an amount with a set of coins? The
//! plain recursion solves the same sub-problems over and over (exponential time); the same
//! recursion with a memo solves each once; the table filled bottom-up does the same work with
//! no recursion and no hashing. Then a memo that wraps any pure function, the Rust counterpart
//! of Python's `@functools.cache`, and what goes wrong when the key leaves something out.

use std::collections::HashMap;
use std::hash::Hash;
use std::hint::black_box;
use std::sync::LazyLock;

mod stopwatch;

// ANCHOR: ways_naive
/// The number of ways to pay `amount` with coins of the values in `coins`, each used as often
/// as needed; the order does not matter (2 + 1 and 1 + 2 are one way). Coins of 0 are ignored.
fn ways_naive(amount: u64, coins: &[u64]) -> u64 {
    if amount == 0 {
        return 1;
    }
    let Some((&coin, rest)) = coins.split_first() else {
        return 0;
    };
    // Either use the first coin (once more), or never use it again.
    let using_it = if coin > 0 && coin <= amount {
        ways_naive(amount - coin, coins)
    } else {
        0
    };
    using_it + ways_naive(amount, rest)
}
// ANCHOR_END: ways_naive

// ANCHOR: ways_memo
/// The same recursion, with each answer remembered in `memo`. The answer depends on the amount
/// and on the coins left, and the coins left are always a suffix of the caller's `coins`: their
/// number names them. So `(amount, coins.len())` is the whole key, for this call's coins.
fn ways_memo(amount: u64, coins: &[u64], memo: &mut HashMap<(u64, usize), u64>) -> u64 {
    if amount == 0 {
        return 1;
    }
    let Some((&coin, rest)) = coins.split_first() else {
        return 0;
    };
    let key = (amount, coins.len());
    if let Some(&known) = memo.get(&key) {
        return known;
    }
    let using_it = if coin > 0 && coin <= amount {
        ways_memo(amount - coin, coins, memo)
    } else {
        0
    };
    let ways = using_it + ways_memo(amount, rest, memo);
    memo.insert(key, ways);
    ways
}

/// A fresh memo for every call: it is only valid for the coins of this call.
fn ways_memoized(amount: u64, coins: &[u64]) -> u64 {
    ways_memo(amount, coins, &mut HashMap::new())
}
// ANCHOR_END: ways_memo

// ANCHOR: ways_table
/// Bottom-up: `ways[a]` is the number of ways to pay `a` with the coins taken so far. Each coin
/// in turn adds, for every amount from its own value up, the ways that use it at least once.
/// O(amount × coins) steps in one `Vec`: no recursion, no hashing, no memo to look up.
fn ways_table(amount: u64, coins: &[u64]) -> u64 {
    let amount = amount as usize;
    let mut ways = vec![0_u64; amount + 1];
    ways[0] = 1;
    for &coin in coins.iter().filter(|&&c| c > 0) {
        let coin = coin as usize;
        for a in coin..=amount {
            ways[a] += ways[a - coin];
        }
    }
    ways[amount]
}
// ANCHOR_END: ways_table

// ANCHOR: memoized
/// A pure function with its answers remembered: what Python's `@functools.cache` adds to a
/// function. Like `functools.cache`, it keeps every answer forever.
struct Memoized<A, R, F> {
    function: F,
    answers: HashMap<A, R>,
    /// How many times `function` actually ran.
    calls: u64,
}

impl<A: Hash + Eq + Clone, R: Clone, F: Fn(&A) -> R> Memoized<A, R, F> {
    fn new(function: F) -> Self {
        Memoized {
            function,
            answers: HashMap::new(),
            calls: 0,
        }
    }

    /// The function's answer for `argument`: remembered, or computed and then remembered.
    fn get(&mut self, argument: A) -> R {
        if let Some(answer) = self.answers.get(&argument) {
            return answer.clone();
        }
        self.calls += 1;
        let answer = (self.function)(&argument);
        self.answers.insert(argument, answer.clone());
        answer
    }
}
// ANCHOR_END: memoized

// ANCHOR: pure_function
/// The smallest prime at or above `n`, by trial division: pure (the same `n`, the same answer,
/// nothing else read or changed) and slow enough to be worth remembering.
fn next_prime(&n: &u64) -> u64 {
    let is_prime = |k: u64| k >= 2 && (2..).take_while(|d| d * d <= k).all(|d| !k.is_multiple_of(d));
    (n..)
        .find(|&k| is_prime(k))
        .expect("there is always a larger prime")
}
// ANCHOR_END: pure_function

// ANCHOR: lazy_lock
/// The primes below 100,000, computed the first time anything reads them and then kept for the
/// life of the program: a memo of a function without arguments. `LazyLock` is thread-safe:
/// if several threads read it first at once, one computes and the others wait.
static SMALL_PRIMES: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut primes: Vec<u64> = Vec::new();
    for k in 2..100_000_u64 {
        if primes
            .iter()
            .take_while(|&&p| p * p <= k)
            .all(|&p| !k.is_multiple_of(p))
        {
            primes.push(k);
        }
    }
    primes
});
// ANCHOR_END: lazy_lock

// ANCHOR: wrong_key
/// A memo kept across calls and keyed by the amount alone. The answer also depends on the
/// coins, which the key leaves out: a call with other coins gets an earlier call's answer.
#[derive(Default)]
struct WaysByAmount {
    memo: HashMap<u64, u64>,
}

impl WaysByAmount {
    fn ways(&mut self, amount: u64, coins: &[u64]) -> u64 {
        *self
            .memo
            .entry(amount)
            .or_insert_with(|| ways_table(amount, coins))
    }
}

/// The fix, if the memo must outlive the call: the key holds everything the answer depends on.
#[derive(Default)]
struct WaysByAmountAndCoins {
    memo: HashMap<(u64, Vec<u64>), u64>,
}

impl WaysByAmountAndCoins {
    fn ways(&mut self, amount: u64, coins: &[u64]) -> u64 {
        *self
            .memo
            .entry((amount, coins.to_vec()))
            .or_insert_with(|| ways_table(amount, coins))
    }
}
// ANCHOR_END: wrong_key

/// The coins of the euro, in cents.
const EURO_COINS: [u64; 8] = [200, 100, 50, 20, 10, 5, 2, 1];

fn main() {
    use stopwatch::{seconds_per_call, show};
    stopwatch::warn_if_debug();

    println!("Ways to pay an amount with euro coins (time per call):\n");
    println!(
        "{:>8} {:>14} {:>14} {:>14} {:>14}",
        "amount", "ways", "recursion", "memo", "table"
    );
    for amount in [100, 200, 300, 400] {
        let ways = ways_table(amount, &EURO_COINS);
        // `black_box` hides the constant arguments, or the compiler would do the work itself.
        let coins = &EURO_COINS[..];
        let naive = seconds_per_call(|| ways_naive(black_box(amount), black_box(coins)));
        let memo = seconds_per_call(|| ways_memoized(black_box(amount), black_box(coins)));
        let table = seconds_per_call(|| ways_table(black_box(amount), black_box(coins)));
        println!(
            "{amount:>8} {ways:>14} {:>14} {:>14} {:>14}",
            show(naive),
            show(memo),
            show(table)
        );
    }

    let mut rng = fastrand::Rng::with_seed(7);
    let queries: Vec<u64> = (0..10_000)
        .map(|_| 100_000_000 + 1_000 * rng.u64(..100))
        .collect();
    let plain = seconds_per_call(|| queries.iter().map(next_prime).sum::<u64>());
    let mut memo = Memoized::new(next_prime);
    let remembered = seconds_per_call(|| queries.iter().map(|&q| memo.get(q)).sum::<u64>());
    println!(
        "\nnext_prime for 10,000 queries of 100 distinct numbers: {} plain, {} memoized ({} calls of the function in all)",
        show(plain),
        show(remembered),
        memo.calls
    );

    println!(
        "{} primes below 100,000, computed on first use",
        SMALL_PRIMES.len()
    );

    let mut by_amount = WaysByAmount::default();
    let mut by_both = WaysByAmountAndCoins::default();
    println!("\nA memo whose key leaves out the coins:");
    for coins in [&EURO_COINS[..], &[50, 20]] {
        println!(
            "  ways to pay 100 with {coins:?}: keyed by amount {}, keyed by amount and coins {}, truth {}",
            by_amount.ways(100, coins),
            by_both.ways(100, coins),
            ways_table(100, coins)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_ways_agree() {
        for amount in 0..=60 {
            for coins in [&EURO_COINS[..], &[3, 7], &[0, 4], &[], &[1]] {
                let expected = ways_naive(amount, coins);
                assert_eq!(ways_memoized(amount, coins), expected, "{amount} {coins:?}");
                assert_eq!(ways_table(amount, coins), expected, "{amount} {coins:?}");
            }
        }
        // The classic: 4 ways to pay 5 with 1, 2 and 5 (5, 2+2+1, 2+1+1+1, 1+1+1+1+1).
        assert_eq!(ways_table(5, &[1, 2, 5]), 4);
    }

    #[test]
    fn a_memoized_function_runs_once_per_argument() {
        let mut memo = Memoized::new(next_prime);
        for n in [10, 14, 10, 10, 14, 90] {
            memo.get(n);
        }
        assert_eq!(memo.calls, 3);
        assert_eq!(memo.get(14), 17);
        assert_eq!(memo.get(90), 97);
    }

    #[test]
    fn the_lazy_table_is_computed_once_and_right() {
        assert_eq!(SMALL_PRIMES.len(), 9_592);
        assert_eq!(&SMALL_PRIMES[..5], &[2, 3, 5, 7, 11]);
        assert!(std::ptr::eq(&*SMALL_PRIMES, &*SMALL_PRIMES));
    }

    #[test]
    fn a_key_without_the_coins_gives_wrong_answers() {
        let mut by_amount = WaysByAmount::default();
        let mut by_both = WaysByAmountAndCoins::default();
        assert_eq!(by_amount.ways(10, &[1, 5]), 3);
        assert_eq!(by_amount.ways(10, &[2]), 3, "the answer for [1, 5], remembered");
        assert_eq!(by_both.ways(10, &[1, 5]), 3);
        assert_eq!(by_both.ways(10, &[2]), 1);
    }
}
