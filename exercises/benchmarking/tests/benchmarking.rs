//! Correctness tests for the Benchmarking exercise: `cargo test -p benchmarking`.
//!
//! In this chapter the functions are not yours to change; these tests pin down what they do,
//! so that what you measure is the work you think it is:
//!
//! - `total_cents` on worked examples, malformed fields and values at the edge of `u64`;
//! - `make_line`: the same seed gives the same line, of the documented shape;
//! - the two `count_known_*` functions agree, with each other and with a `BTreeSet` oracle;
//! - `findings.toml` parses and holds exactly the documented keys.
//!
//! The reference solution runs this same file (see `solutions/benchmarking/tests/benchmarking.rs`).

use benchmarking::{
    FINDINGS, LINE_PRICES, QUERIES, count_known_hashed, count_known_linear, make_line, total_cents,
};
use fastrand::Rng;
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// total_cents
// ---------------------------------------------------------------------------------------------

#[test]
fn total_cents_worked_example() {
    // 12.34 + 0.99 + 105.00 = 118.33, that is 1234 + 99 + 10500 cents.
    assert_eq!(total_cents("12.34,0.99,105.00"), 11_833);
}

#[test]
fn total_cents_one_price() {
    assert_eq!(total_cents("7.50"), 750);
    assert_eq!(total_cents("0.01"), 1);
    assert_eq!(total_cents("0.00"), 0);
}

#[test]
fn total_cents_without_decimals_or_with_one() {
    // "12" is 12.00; "12.3" is 12.30, not 12.03.
    assert_eq!(total_cents("12"), 1_200);
    assert_eq!(total_cents("12,3"), 1_500);
    assert_eq!(total_cents("12.3"), 1_230);
    assert_eq!(total_cents("0.5,0.05"), 55);
    // Leading zeros are just digits.
    assert_eq!(total_cents("007.05"), 705);
}

#[test]
fn total_cents_empty_line_and_empty_fields() {
    assert_eq!(total_cents(""), 0, "empty line");
    assert_eq!(total_cents(","), 0, "two empty fields");
    // Empty fields count 0; the prices around them still count.
    assert_eq!(total_cents(",,5.00,"), 500);
}

#[test]
fn total_cents_ignores_whitespace_around_fields() {
    assert_eq!(total_cents(" 1.00 , 2.00\n"), 300);
    assert_eq!(total_cents("\t3.25\r\n"), 325);
    // Inside a price, a space makes it malformed.
    assert_eq!(total_cents("1 .00,2.00"), 200);
}

#[test]
fn total_cents_malformed_fields_count_zero() {
    for field in [
        "abc", "-1.00", "+1.00", "1.234", "1.", ".5", ".", "1.2.3", "1e3", "1_000", "$5", "5€", "１.00",
        "0x10",
    ] {
        assert_eq!(total_cents(field), 0, "{field:?} alone");
        // And they do not disturb their neighbours.
        assert_eq!(
            total_cents(&format!("1.00,{field},2.50")),
            350,
            "{field:?} between prices"
        );
    }
    // A decimal comma is a field separator: "1,00" is 1.00 and then 0.00.
    assert_eq!(total_cents("1,00"), 100);
}

#[test]
fn total_cents_large_values_do_not_overflow() {
    // u64::MAX cents, exactly.
    assert_eq!(total_cents("184467440737095516.15"), u64::MAX);
    // One cent more does not fit a u64: the field counts 0.
    assert_eq!(total_cents("184467440737095516.16"), 0);
    assert_eq!(total_cents("99999999999999999999999"), 0);
    assert_eq!(total_cents("1.00,184467440737095517"), 100);
    // Beyond u32 is fine.
    assert_eq!(total_cents("42949672.96"), 4_294_967_296);
    // The total stops at u64::MAX instead of wrapping around.
    assert_eq!(total_cents("184467440737095516.15,0.01"), u64::MAX);
    assert_eq!(total_cents("100000000000000000,100000000000000000"), u64::MAX);
}

/// The cents of a line of well-formed "units.cc" prices, computed another way: drop the point
/// and read the digits as one integer.
fn oracle_total_cents(line: &str) -> u64 {
    line.split(',')
        .filter(|field| !field.is_empty())
        .map(|field| {
            field
                .replace('.', "")
                .parse::<u64>()
                .expect("a well-formed price")
        })
        .sum()
}

#[test]
fn total_cents_matches_the_oracle_on_made_lines() {
    for seed in 0..50 {
        let line = make_line(seed, 200);
        assert_eq!(total_cents(&line), oracle_total_cents(&line), "seed {seed}");
    }
    let line = make_line(2024, LINE_PRICES);
    assert_eq!(total_cents(&line), oracle_total_cents(&line));
}

// ---------------------------------------------------------------------------------------------
// make_line
// ---------------------------------------------------------------------------------------------

#[test]
fn make_line_is_deterministic_in_its_seed() {
    assert_eq!(make_line(7, LINE_PRICES), make_line(7, LINE_PRICES));
    assert_ne!(make_line(7, LINE_PRICES), make_line(8, LINE_PRICES));
    // Fewer prices from the same seed: the start of the same line.
    assert!(make_line(7, LINE_PRICES).starts_with(&make_line(7, 10)));
}

#[test]
fn make_line_edge_sizes() {
    assert_eq!(make_line(1, 0), "", "no prices, no text");
    let one = make_line(1, 1);
    assert!(!one.contains(','), "one price, no separator: {one:?}");
    assert_eq!(make_line(1, 2).matches(',').count(), 1);
}

/// Whether `field` is 1 to 3 digits without a needless leading zero, a point and 2 digits.
fn is_documented_price(field: &str) -> bool {
    let Some((units, cents)) = field.split_once('.') else {
        return false;
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (1..=3).contains(&units.len())
        && all_digits(units)
        && (units == "0" || !units.starts_with('0'))
        && cents.len() == 2
        && all_digits(cents)
}

#[test]
fn make_line_has_the_documented_shape() {
    let line = make_line(2024, LINE_PRICES);
    let fields: Vec<&str> = line.split(',').collect();
    assert_eq!(fields.len(), LINE_PRICES);
    for field in &fields {
        assert!(is_documented_price(field), "{field:?} in {line:?}");
    }
    // Every magnitude occurs: prices with 1, 2 and 3 digits before the point, and below 1.00.
    for digits in 1..=3 {
        assert!(
            fields.iter().any(|f| f.find('.') == Some(digits)),
            "no price with {digits} digits before the point"
        );
    }
    assert!(fields.iter().any(|f| f.starts_with("0.")));
}

// ---------------------------------------------------------------------------------------------
// count_known_linear and count_known_hashed
// ---------------------------------------------------------------------------------------------

/// The count, by a `BTreeSet`: slow to build, obviously right.
fn oracle_count_known(known: &[u32], queries: &[u32]) -> usize {
    let known: BTreeSet<u32> = known.iter().copied().collect();
    queries.iter().filter(|query| known.contains(query)).count()
}

/// Both functions and the oracle give `expected`.
fn assert_count(known: &[u32], queries: &[u32], expected: usize, what: &str) {
    assert_eq!(count_known_linear(known, queries), expected, "linear: {what}");
    assert_eq!(count_known_hashed(known, queries), expected, "hashed: {what}");
    assert_eq!(oracle_count_known(known, queries), expected, "oracle: {what}");
}

#[test]
fn count_known_worked_example() {
    // 3 and 7 are known, 5 is not: two of the three queries.
    assert_count(&[7, 1, 3], &[3, 5, 7], 2, "worked example");
}

#[test]
fn count_known_edge_cases() {
    assert_count(&[], &[], 0, "both empty");
    assert_count(&[], &[1, 2, 3], 0, "nothing known");
    assert_count(&[1, 2, 3], &[], 0, "no queries");
    assert_count(&[42], &[42], 1, "one of each, found");
    assert_count(&[42], &[24], 0, "one of each, not found");
    // A query asked three times counts three times.
    assert_count(&[5, 6], &[5, 5, 5, 9], 3, "duplicates in queries");
    // An ID listed twice in `known` is still one known ID.
    assert_count(&[5, 5, 6], &[5, 6, 7], 2, "duplicates in known");
    assert_count(
        &[0, u32::MAX],
        &[u32::MAX, 0, 1, u32::MAX - 1],
        2,
        "extreme values",
    );
    let all: Vec<u32> = (0..QUERIES as u32).collect();
    assert_count(&all, &all, QUERIES, "every query known");
}

#[test]
fn count_known_functions_agree_on_random_inputs() {
    let mut rng = Rng::with_seed(0x0010_0C0B);
    for round in 0..300 {
        let n = match rng.u8(..3) {
            0 => rng.usize(..=8),
            1 => rng.usize(..=64),
            _ => rng.usize(..=512),
        };
        let m = rng.usize(..=200);
        // A small range makes hits and repeats common; a large one makes misses common.
        let range = match rng.u8(..3) {
            0 => 16,
            1 => 2 * n as u32 + 1,
            _ => u32::MAX,
        };
        let known: Vec<u32> = (0..n).map(|_| rng.u32(..range)).collect();
        let queries: Vec<u32> = (0..m).map(|_| rng.u32(..range)).collect();
        let expected = oracle_count_known(&known, &queries);
        assert_eq!(
            count_known_linear(&known, &queries),
            expected,
            "linear, round {round}"
        );
        assert_eq!(
            count_known_hashed(&known, &queries),
            expected,
            "hashed, round {round}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// findings.toml
// ---------------------------------------------------------------------------------------------

#[test]
fn findings_parse_with_the_documented_keys() {
    let findings: toml::Table = toml::from_str(FINDINGS).expect("findings.toml is valid TOML");
    let keys: BTreeSet<&str> = findings.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from(["faster_at_small_n", "faster_at_large_n", "crossover_n"]),
        "findings.toml must hold exactly these keys (a typo would not be read)"
    );
    for key in ["faster_at_small_n", "faster_at_large_n"] {
        let answer = findings[key]
            .as_str()
            .unwrap_or_else(|| panic!("{key} must be a string in quotes"));
        assert!(
            ["", "linear", "hashed"].contains(&answer),
            "{key} = {answer:?}: the answer is \"linear\" or \"hashed\" (or \"\" until measured)"
        );
    }
    let crossover = findings["crossover_n"]
        .as_integer()
        .expect("crossover_n must be a whole number, without quotes");
    assert!(
        crossover >= 0,
        "crossover_n = {crossover}: a size cannot be negative"
    );
}
