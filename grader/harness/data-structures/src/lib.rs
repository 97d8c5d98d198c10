//! The Data structures chapter's tasks: how to generate their inputs and how to call the code.
//!
//! The subject is reached through [`Api`], so the same task code grades the exercise, the
//! solution or the starter, each in its own binary (see `src/bin`).

use fastrand::Rng;
use grader_kit::TimedTask;
use grader_kit::correctness::{Case, case};
use grader_kit::inputs::edge_lists;
use inputs::{booking_requests, invoices, print_jobs, score_updates, shift};
use std::process::ExitCode;

// The random inputs, generated as the exercise's benchmarks generate them: by the frozen copy of
// their `inputs` module.
#[path = "../../../starters/data-structures/benches/inputs/mod.rs"]
mod inputs;

grader_kit::subject_api! {
    crate data_structures_harness;
    /// The chapter's public API, exactly as the exercise declares it.
    pub trait Api {
        /// See `data_structures::top_players_after_each`.
        fn top_players_after_each(updates: &[(u32, u32)], k: usize) -> Vec<Vec<u32>>;
        /// See `data_structures::print_finish_times`.
        fn print_finish_times(pages: &[u32], pages_per_turn: u64) -> Vec<u64>;
        /// See `data_structures::accept_bookings`.
        fn accept_bookings(requests: &[(u64, u64)]) -> Vec<usize>;
        /// See `data_structures::triage_order`.
        fn triage_order(events: &[u32]) -> Vec<usize>;
        /// See `data_structures::invoice_csv`.
        fn invoice_csv(invoices: &[(u64, u64)]) -> String;
    }
}

forward_api!(Starter => data_structures_starter);

/// The input of `leaderboard`: the score updates `(player, points)` and the board's length.
pub type Season = (Vec<(u32, u32)>, usize);

/// `leaderboard`, with `S` as the subject and the frozen starter as the yardstick.
pub fn leaderboard<S: Api>() -> TimedTask<Season, Vec<Vec<u32>>> {
    TimedTask {
        name: "leaderboard",
        edge_cases: leaderboard_edge_cases,
        generate: score_updates,
        starter: |(updates, k): &Season| Starter::top_players_after_each(updates, *k),
        subject: |(updates, k): &Season| S::top_players_after_each(updates, *k),
    }
}

/// `print-queue`, with `S` as the subject and the frozen starter as the yardstick.
pub fn print_queue<S: Api>() -> TimedTask<(Vec<u32>, u64), Vec<u64>> {
    TimedTask {
        name: "print-queue",
        edge_cases: print_edge_cases,
        generate: print_jobs,
        starter: |(pages, turn): &(Vec<u32>, u64)| Starter::print_finish_times(pages, *turn),
        subject: |(pages, turn): &(Vec<u32>, u64)| S::print_finish_times(pages, *turn),
    }
}

/// `room-bookings`, with `S` as the subject and the frozen starter as the yardstick.
pub fn room_bookings<S: Api>() -> TimedTask<Vec<(u64, u64)>, Vec<usize>> {
    TimedTask {
        name: "room-bookings",
        edge_cases: booking_edge_cases,
        generate: booking_requests,
        starter: |requests: &Vec<(u64, u64)>| Starter::accept_bookings(requests),
        subject: |requests: &Vec<(u64, u64)>| S::accept_bookings(requests),
    }
}

/// `support-triage`, with `S` as the subject and the frozen starter as the yardstick.
pub fn support_triage<S: Api>() -> TimedTask<Vec<u32>, Vec<usize>> {
    TimedTask {
        name: "support-triage",
        edge_cases: triage_edge_cases,
        generate: shift,
        starter: |events: &Vec<u32>| Starter::triage_order(events),
        subject: |events: &Vec<u32>| S::triage_order(events),
    }
}

/// `invoice-export`, with `S` as the subject and the frozen starter as the yardstick.
pub fn invoice_export<S: Api>() -> TimedTask<Vec<(u64, u64)>, String> {
    TimedTask {
        name: "invoice-export",
        edge_cases: invoice_edge_cases,
        generate: invoices,
        starter: |invoices: &Vec<(u64, u64)>| Starter::invoice_csv(invoices),
        subject: |invoices: &Vec<(u64, u64)>| S::invoice_csv(invoices),
    }
}

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    let (board, printer, bookings) = (leaderboard::<S>(), print_queue::<S>(), room_bookings::<S>());
    let (triage, export) = (support_triage::<S>(), invoice_export::<S>());
    grader_kit::harness::main(&[&board, &printer, &bookings, &triage, &export])
}

// ---------------------------------------------------------------------------------------------
// leaderboard
// ---------------------------------------------------------------------------------------------

/// The generic lists as players (a point each, or their own number of points) and as
/// neighbours paired into `(player, points)`, with boards of 0, 1, 3 and every player; then
/// ties, scores beyond 32 bits, players equal in their low 16 bits, and more updates than a u16
/// numbers.
fn leaderboard_edge_cases(rng: &mut Rng) -> Vec<Case<Season>> {
    let mut cases = Vec::new();
    for (label, values) in edge_lists::<u32>(rng) {
        let one_point: Vec<(u32, u32)> = values.iter().map(|&p| (p, 1)).collect();
        let own_points: Vec<(u32, u32)> = values.iter().map(|&p| (p, p)).collect();
        let paired: Vec<(u32, u32)> = values.chunks_exact(2).map(|p| (p[0], p[1])).collect();
        for k in [0, 1, 3, usize::MAX] {
            cases.push(case(
                format!("{label} as players, a point each, top {k}"),
                (one_point.clone(), k),
            ));
            cases.push(case(
                format!("{label} as players and their points, top {k}"),
                (own_points.clone(), k),
            ));
            cases.push(case(
                format!("{label} paired into updates, top {k}"),
                (paired.clone(), k),
            ));
        }
    }
    cases.push(case(
        "edge case: ties, the lower player number first",
        (vec![(9, 2), (4, 2), (7, 2), (1, 1), (1, 1), (4, 0), (9, 0)], 3),
    ));
    cases.push(case(
        "edge case: scores beyond 32 bits",
        (
            vec![
                (1, u32::MAX),
                (2, u32::MAX),
                (2, 1),
                (1, u32::MAX),
                (3, u32::MAX),
                (2, u32::MAX),
            ],
            2,
        ),
    ));
    cases.push(case(
        "edge case: players equal in their low 16 bits",
        (
            vec![
                (1, 3),
                (65_537, 2),
                (131_073, 5),
                (1, 0),
                (u32::MAX, 1),
                (65_535, 1),
            ],
            4,
        ),
    ));
    // 70,000 updates by 100 players: scores and board count beyond 16 bits.
    let long: Vec<(u32, u32)> = (0..70_000).map(|i| (i % 100, 1 + i % 7)).collect();
    cases.push(case("edge case: 70,000 updates", (long, 5)));
    cases
}

// ---------------------------------------------------------------------------------------------
// print-queue
// ---------------------------------------------------------------------------------------------

/// The generic lists as page counts: with turns of 0, 1 and a few pages when the lists hold few
/// pages in all, and with turns that let every job finish in at most three.
fn print_edge_cases(rng: &mut Rng) -> Vec<Case<(Vec<u32>, u64)>> {
    let mut cases = Vec::new();
    for (label, pages) in edge_lists::<u32>(rng) {
        let longest = pages.iter().copied().max().map_or(0, u64::from);
        let total: u64 = pages.iter().copied().map(u64::from).sum();
        let mut turns = vec![longest / 3 + 1, longest, u64::MAX];
        if total <= 100_000 {
            turns.extend([0, 1, 2, 7]);
        }
        for turn in turns {
            cases.push(case(
                format!("{label}, {turn} pages per turn"),
                (pages.clone(), turn),
            ));
        }
    }
    cases.push(case("edge case: only empty jobs", (vec![0; 50], 3)));
    // Turns that a truncation to 32 or 16 bits takes for 1.
    for turn in [(1 << 32) + 1, (1 << 16) + 1, 1 << 32] {
        cases.push(case(
            format!("edge case: {turn} pages per turn"),
            (vec![5, 3, 8, 70_000, 1], turn),
        ));
    }
    // Six jobs: checked after the five-job cases above, so that a turn truncated to 32 bits
    // (here 0, taken for 1) is caught there rather than left printing billions of single pages.
    cases.push(case(
        "edge case: jobs of u32::MAX pages, 2^32 pages per turn",
        (vec![u32::MAX, 1, u32::MAX, u32::MAX, 2, 3], 1 << 32),
    ));
    cases.push(case(
        "edge case: one long job among short ones",
        (vec![1, 1, 500, 1, 1], 4),
    ));
    cases
}

// ---------------------------------------------------------------------------------------------
// room-bookings
// ---------------------------------------------------------------------------------------------

fn booking_edge_cases(rng: &mut Rng) -> Vec<Case<Vec<(u64, u64)>>> {
    let mut cases = vec![
        case(
            "edge case: back to back",
            vec![(0, 30), (30, 60), (60, 90), (15, 45)],
        ),
        case("edge case: the same slot twice", vec![(60, 120), (60, 120)]),
        case(
            "edge case: nested",
            vec![(0, 100), (10, 20), (200, 300), (150, 400)],
        ),
        case(
            "edge case: empty and reversed spans",
            vec![(5, 5), (9, 3), (3, 9), (0, 0)],
        ),
        case(
            "edge case: the whole timeline",
            vec![(0, u64::MAX), (u64::MAX - 1, u64::MAX), (0, 1)],
        ),
        case(
            "edge case: at the end of time",
            vec![
                (u64::MAX - 1, u64::MAX),
                (u64::MAX - 2, u64::MAX - 1),
                (0, u64::MAX),
            ],
        ),
    ];
    cases.push(case(
        "edge case: spans equal in their low 32 bits",
        vec![
            (5, 10),
            (5 + (1 << 32), 10 + (1 << 32)),
            (8, 9),
            (1 << 32, (1 << 32) + 6),
        ],
    ));
    // More requests than a u16 can number: one booking, 69,999 that clash with it, then a few
    // accepted beyond position 65,536.
    let many: Vec<(u64, u64)> = std::iter::once((0, 1_000))
        .chain(std::iter::repeat_n((10, 20), 69_999))
        .chain((1..=5).map(|i| (1_000 * i, 1_000 * i + 10)))
        .collect();
    cases.push(case(
        "edge case: 70,004 requests, accepted ones beyond position 65,536",
        many,
    ));
    for (label, times) in edge_lists::<u64>(rng) {
        // Neighbours as spans: many empty or reversed, extremes included.
        let pairs: Vec<(u64, u64)> = times.chunks_exact(2).map(|p| (p[0], p[1])).collect();
        // Each time as the start of a short booking.
        let short: Vec<(u64, u64)> = times.iter().map(|&t| (t, t.saturating_add(3))).collect();
        cases.push(case(format!("{label}, paired into spans"), pairs));
        cases.push(case(format!("{label}, as starts of short bookings"), short));
    }
    cases
}

// ---------------------------------------------------------------------------------------------
// support-triage
// ---------------------------------------------------------------------------------------------

fn triage_edge_cases(rng: &mut Rng) -> Vec<Case<Vec<u32>>> {
    let mut cases: Vec<Case<Vec<u32>>> = edge_lists::<u32>(rng)
        .into_iter()
        .map(|(label, events)| case(label, events))
        .collect();
    cases.push(case("edge case: agents free, no tickets", vec![0; 20]));
    cases.push(case("edge case: tickets, no agent", vec![3, 1, 2]));
    cases.push(case(
        "edge case: equal urgency, oldest first",
        vec![2, 2, 2, 0, 0, 0],
    ));
    cases.push(case(
        "edge case: a burst, then agents",
        [vec![1, 5, 3, 5, 2], vec![0; 6]].concat(),
    ));
    let bursts: Vec<u32> = (0..300)
        .map(|i| if i % 7 < 4 { rng.u32(1..=3) } else { 0 })
        .collect();
    cases.push(case("edge case: bursts of tickets", bursts));
    cases.push(case(
        "edge case: urgencies equal in their low 16 or 8 bits",
        vec![2, 65_537, 3, 257, u32::MAX, 65_536, 0, 0, 0, 0, 0, 0],
    ));
    // More events than a u16 can number: a ticket and an agent in turn, the tickets numbered
    // up to 69,998, then a few waiting tickets taken in urgency order.
    let shift: Vec<u32> = (0..70_000)
        .map(|i| if i % 2 == 0 { 1 + i % 5 } else { 0 })
        .chain([2, 5, 1, 0, 0, 0])
        .collect();
    cases.push(case("edge case: 70,006 events", shift));
    cases
}

// ---------------------------------------------------------------------------------------------
// invoice-export
// ---------------------------------------------------------------------------------------------

fn invoice_edge_cases(rng: &mut Rng) -> Vec<Case<Vec<(u64, u64)>>> {
    let mut cases = vec![case(
        "edge case: amounts around a dollar",
        vec![
            (1, 0),
            (2, 1),
            (3, 9),
            (4, 10),
            (5, 99),
            (6, 100),
            (7, 101),
            (8, 1_000),
        ],
    )];
    for (label, values) in edge_lists::<u64>(rng) {
        let numbered = values.iter().enumerate().map(|(i, &v)| (i as u64, v)).collect();
        let same = values.iter().map(|&v| (v, v)).collect();
        cases.push(case(format!("{label}, as amounts"), numbered));
        cases.push(case(format!("{label}, as members and amounts"), same));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generators_are_seeded_and_sized() {
        for n in [0, 1, 17, 1000] {
            assert_eq!(
                score_updates(&mut Rng::with_seed(3), n),
                score_updates(&mut Rng::with_seed(3), n)
            );
            assert_eq!(score_updates(&mut Rng::with_seed(3), n).0.len(), n);
            assert_eq!(print_jobs(&mut Rng::with_seed(3), n).0.len(), n);
            assert_eq!(booking_requests(&mut Rng::with_seed(3), n).len(), n);
            assert_eq!(shift(&mut Rng::with_seed(3), n).len(), n);
            assert_eq!(invoices(&mut Rng::with_seed(3), n).len(), n);
        }
    }

    #[test]
    fn generated_inputs_have_something_to_find() {
        let n = 2000;
        // Most of the league plays, and the board changes often.
        let (updates, k) = score_updates(&mut Rng::with_seed(1), n);
        let boards = Starter::top_players_after_each(&updates, k);
        let changes = boards.windows(2).filter(|w| w[0] != w[1]).count();
        assert!(changes > n / 50, "the board changed {changes} times");
        let players: std::collections::HashSet<u32> = updates.iter().map(|u| u.0).collect();
        assert!(players.len() > n / 5, "{} players", players.len());

        let (pages, turn) = print_jobs(&mut Rng::with_seed(1), n);
        let turns: u64 = pages.iter().map(|&p| u64::from(p).div_ceil(turn)).sum();
        assert!(turns > 2 * n as u64 && turns < 4 * n as u64, "{turns} turns");
        let finish = Starter::print_finish_times(&pages, turn);
        assert_eq!(
            finish.iter().max(),
            Some(&pages.iter().map(|&p| u64::from(p)).sum())
        );

        let accepted = Starter::accept_bookings(&booking_requests(&mut Rng::with_seed(1), n)).len();
        assert!(
            accepted > n / 5 && accepted < n / 2,
            "{accepted} of {n} bookings accepted"
        );

        let events = shift(&mut Rng::with_seed(1), n);
        let taken = Starter::triage_order(&events).len();
        let agents = events.iter().filter(|&&e| e == 0).count();
        assert!(
            taken > agents * 9 / 10,
            "{taken} tickets taken by {agents} agents"
        );

        let csv = Starter::invoice_csv(&invoices(&mut Rng::with_seed(1), n));
        assert_eq!(csv.lines().count(), n + 1);
    }

    #[test]
    fn edge_cases_never_ask_for_billions_of_turns() {
        for Case { label, input } in print_edge_cases(&mut Rng::with_seed(5)) {
            let (pages, turn) = input;
            let turns: u64 = pages.iter().map(|&p| u64::from(p).div_ceil(turn.max(1))).sum();
            assert!(turns <= 100_000, "{label}: {turns} turns");
        }
    }
}
