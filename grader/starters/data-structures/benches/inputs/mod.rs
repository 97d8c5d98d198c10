//! The inputs the benchmarks measure: the same shapes of input, at the same sizes, as the
//! grader times (it generates its inputs with a frozen copy of this file).
//!
//! A directory's `mod.rs` is not a benchmark of its own; each bench file pulls this in with
//! `mod inputs;`. It needs nothing but `std` and `fastrand`.

// Each benchmark uses one generator of the five.
#![allow(dead_code)]

use fastrand::Rng;

/// How many score updates the grader times `top_players_after_each` on (about a quarter as many
/// players).
pub const SCORE_UPDATES: usize = 1_500;

/// How many print jobs the grader times `print_finish_times` on.
pub const PRINT_JOBS: usize = 8_000;

/// How many booking requests the grader times `accept_bookings` on.
pub const BOOKING_REQUESTS: usize = 8_000;

/// How many events the grader times `triage_order` on.
pub const SHIFT_EVENTS: usize = 12_000;

/// How many invoices the grader times `invoice_csv` on.
pub const INVOICES: usize = 8_000;

/// The sizes at which the grader times each function but `invoice_csv` to fit its growth,
/// time ≈ nᵏ.
pub const GROWTH_SIZES: [usize; 4] = [500, 1_000, 2_000, 4_000];

/// How many players the generated leaderboards show.
pub const BOARD_SIZE: usize = 5;

/// A league's `n` score updates, as (player, points), and [`BOARD_SIZE`]: the players are
/// `n / 4` (at least one) random player numbers, each update by one of them drawn uniformly,
/// worth 0 to 10 points, so scores stay close and ties are common.
pub fn score_updates(rng: &mut Rng, n: usize) -> (Vec<(u32, u32)>, usize) {
    let players: Vec<u32> = (0..(n / 4).max(1)).map(|_| rng.u32(..)).collect();
    let updates = (0..n)
        .map(|_| (players[rng.usize(..players.len())], rng.u32(..=10)))
        .collect();
    (updates, BOARD_SIZE)
}

/// The pages printed per turn in the generated print queues.
pub const PAGES_PER_TURN: u64 = 10;

/// `n` print jobs, and [`PAGES_PER_TURN`]: 70% of the jobs a page or ten, 25% of 11 to 60 pages,
/// 5% of 61 to 400, so about three turns per job.
pub fn print_jobs(rng: &mut Rng, n: usize) -> (Vec<u32>, u64) {
    let pages = (0..n)
        .map(|_| match rng.u8(..20) {
            0 => rng.u32(61..=400),
            1..=5 => rng.u32(11..=60),
            _ => rng.u32(1..=10),
        })
        .collect();
    (pages, PAGES_PER_TURN)
}

/// `n` booking requests for slots of 15 minutes to 2 hours, starting on a quarter hour within
/// `40 · n` minutes: the room fills up, and about a third of the requests are accepted.
pub fn booking_requests(rng: &mut Rng, n: usize) -> Vec<(u64, u64)> {
    let quarters = (40 * n as u64 / 15).max(1);
    (0..n)
        .map(|_| {
            let start = 15 * rng.u64(..quarters);
            (start, start + 15 * rng.u64(1..=8))
        })
        .collect()
}

/// A shift of `n` events: tickets of urgency 1 to 5 (many ties), and an agent free (a 0) at
/// two events in five, so the waiting queue grows to about a fifth of the shift.
pub fn shift(rng: &mut Rng, n: usize) -> Vec<u32> {
    (0..n)
        .map(|_| match rng.u8(..5) {
            0 | 1 => 0,
            _ => rng.u32(1..=5),
        })
        .collect()
}

/// A month of `n` invoices, as (member, amount in cents): five-digit member numbers, amounts
/// from $15 to $2,500.
pub fn invoices(rng: &mut Rng, n: usize) -> Vec<(u64, u64)> {
    (0..n)
        .map(|_| (rng.u64(10_000..100_000), rng.u64(1_500..=250_000)))
        .collect()
}
