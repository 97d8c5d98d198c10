//! The inputs the benchmarks measure: the same shapes of input, at the same sizes, as the
//! grader times (it generates its inputs with a frozen copy of this file).
//!
//! A directory's `mod.rs` is not a benchmark of its own; each bench file pulls this in with
//! `mod inputs;`. It needs nothing but `std` and `fastrand`.

// Each benchmark uses one generator of the five.
#![allow(dead_code)]

use fastrand::Rng;

/// How many payments the grader times `blocked_payments` on (with a blocklist a quarter as long).
pub const PAYMENTS: usize = 16_000;

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

/// The first card number of the generated card space (16 digits, like a real card number).
pub const FIRST_CARD: u64 = 4_000_000_000_000_000;

/// `n` payments by about `n / 2` regular customers, and a blocklist of `n / 4` cards: most
/// reported elsewhere (never seen here), about one in ten a customer's card.
pub fn payments(rng: &mut Rng, n: usize) -> (Vec<u64>, Vec<u64>) {
    let customers = (n as u64 / 2).max(1);
    let cards = (0..n).map(|_| FIRST_CARD + rng.u64(..customers)).collect();
    let blocklist = (0..n / 4)
        .map(|_| match rng.u8(..10) {
            0 => FIRST_CARD + rng.u64(..customers),
            _ => FIRST_CARD + rng.u64(customers..1_000_000_000_000),
        })
        .collect();
    (cards, blocklist)
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
