//! Quiet bugs at the edges of a type's range that a learner's faster structure might carry
//! (positions and ticket numbers kept in 16 bits, keys truncated to 32 bits, scores kept in 32,
//! ties broken the wrong way), graded on every correctness case as the grader grades them: each
//! must be a wrong answer on the edge case built for it; beside them, the legitimate versions
//! that must pass (the reference, and rustc-hash's maps). Answers only: no test asserts a speed-up.

use data_structures_harness::{invoice_export, leaderboard, print_queue, room_bookings, support_triage};
use grader_kit::testing::{assert_passes, assert_wrong_answer, grade};

data_structures_harness::forward_api!(Solution => data_structures_solution);

// Each version below is a module that re-exports the reference and defines the one function it
// changes (an item of the module shadows the glob import), graded through `forward_api!`.

// ---------------------------------------------------------------------------------------------
// leaderboard
// ---------------------------------------------------------------------------------------------

/// The scores in an `FxHashMap`, the order in a `BTreeMap` keyed by `(Reverse(score), player)`.
mod board_fx {
    pub use data_structures_solution::*;
    use rustc_hash::FxHashMap;
    use std::cmp::Reverse;
    use std::collections::BTreeMap;

    pub fn top_players_after_each(updates: &[(u32, u32)], k: usize) -> Vec<Vec<u32>> {
        let mut scores: FxHashMap<u32, u64> = FxHashMap::default();
        let mut ranking: BTreeMap<(Reverse<u64>, u32), ()> = BTreeMap::new();
        let mut boards = Vec::new();
        for &(player, points) in updates {
            let score = scores.entry(player).or_default();
            ranking.remove(&(Reverse(*score), player));
            *score += u64::from(points);
            ranking.insert((Reverse(*score), player), ());
            boards.push(ranking.keys().take(k).map(|&(_, p)| p).collect());
        }
        boards
    }
}
data_structures_harness::forward_api!(BoardFx => board_fx);

/// Scores kept in 32 bits, like the points: they wrap past 4,294,967,295.
mod board_u32_scores {
    pub use data_structures_solution::*;
    use rustc_hash::FxHashMap;
    use std::cmp::Reverse;
    use std::collections::BTreeSet;

    pub fn top_players_after_each(updates: &[(u32, u32)], k: usize) -> Vec<Vec<u32>> {
        let mut scores: FxHashMap<u32, u32> = FxHashMap::default();
        let mut ranking: BTreeSet<(Reverse<u32>, u32)> = BTreeSet::new();
        let mut boards = Vec::new();
        for &(player, points) in updates {
            let score = scores.entry(player).or_default();
            ranking.remove(&(Reverse(*score), player));
            *score = score.wrapping_add(points);
            ranking.insert((Reverse(*score), player));
            boards.push(ranking.iter().take(k).map(|&(_, p)| p).collect());
        }
        boards
    }
}
data_structures_harness::forward_api!(BoardU32 => board_u32_scores);

/// The set keyed by `(score, player)` and read backwards: the best score first, but a tie goes
/// to the higher player number.
mod board_reversed_ties {
    pub use data_structures_solution::*;
    use rustc_hash::FxHashMap;
    use std::collections::BTreeSet;

    pub fn top_players_after_each(updates: &[(u32, u32)], k: usize) -> Vec<Vec<u32>> {
        let mut scores: FxHashMap<u32, u64> = FxHashMap::default();
        let mut ranking: BTreeSet<(u64, u32)> = BTreeSet::new();
        let mut boards = Vec::new();
        for &(player, points) in updates {
            let score = scores.entry(player).or_default();
            ranking.remove(&(*score, player));
            *score += u64::from(points);
            ranking.insert((*score, player));
            boards.push(ranking.iter().rev().take(k).map(|&(_, p)| p).collect());
        }
        boards
    }
}
data_structures_harness::forward_api!(BoardReversedTies => board_reversed_ties);

#[test]
fn the_reference_passes_leaderboard() {
    assert_passes(&grade(&leaderboard::<Solution>(), vec![]));
}

#[test]
fn a_rustc_hash_map_and_a_btree_map_pass_leaderboard() {
    assert_passes(&grade(&leaderboard::<BoardFx>(), vec![]));
}

#[test]
fn thirty_two_bit_scores_are_caught() {
    let graded = grade(&leaderboard::<BoardU32>(), vec![]);
    assert_wrong_answer(&graded, "", "expected");
}

#[test]
fn ties_to_the_higher_player_number_are_caught() {
    let graded = grade(&leaderboard::<BoardReversedTies>(), vec![]);
    assert_wrong_answer(&graded, "", "expected");
}

// ---------------------------------------------------------------------------------------------
// print-queue
// ---------------------------------------------------------------------------------------------

/// The reference's round robin, with the turn truncated to 32 bits ("no job has 4 billion pages").
mod print_u32_turn {
    pub use data_structures_solution::*;
    use std::collections::VecDeque;

    pub fn print_finish_times(pages: &[u32], pages_per_turn: u64) -> Vec<u64> {
        let turn = u64::from((pages_per_turn as u32).max(1));
        let mut finish = vec![0; pages.len()];
        let mut queue: VecDeque<(usize, u64)> = pages.iter().map(|&p| u64::from(p)).enumerate().collect();
        let mut clock = 0;
        while let Some((job, left)) = queue.pop_front() {
            let printed = left.min(turn);
            clock += printed;
            if left > printed {
                queue.push_back((job, left - printed));
            } else {
                finish[job] = clock;
            }
        }
        finish
    }
}
data_structures_harness::forward_api!(PrintU32 => print_u32_turn);

/// The reference's round robin, taking a turn of 0 for "no limit" instead of 1.
mod print_zero_unlimited {
    pub use data_structures_solution::*;

    pub fn print_finish_times(pages: &[u32], pages_per_turn: u64) -> Vec<u64> {
        let turn = if pages_per_turn == 0 {
            u64::MAX
        } else {
            pages_per_turn
        };
        data_structures_solution::print_finish_times(pages, turn)
    }
}
data_structures_harness::forward_api!(PrintZero => print_zero_unlimited);

#[test]
fn the_reference_passes_print_queue() {
    assert_passes(&grade(&print_queue::<Solution>(), vec![]));
}

#[test]
fn a_turn_truncated_to_32_bits_is_caught() {
    let graded = grade(&print_queue::<PrintU32>(), vec![]);
    assert_wrong_answer(&graded, "pages per turn", "expected");
}

#[test]
fn a_turn_of_zero_taken_for_no_limit_is_caught() {
    let graded = grade(&print_queue::<PrintZero>(), vec![]);
    assert_wrong_answer(&graded, "0 pages per turn", "expected");
}

// ---------------------------------------------------------------------------------------------
// room-bookings
// ---------------------------------------------------------------------------------------------

/// The reference's `BTreeMap`, with accepted positions kept in 16 bits.
mod bookings_u16_positions {
    pub use data_structures_solution::*;
    use std::collections::BTreeMap;

    pub fn accept_bookings(requests: &[(u64, u64)]) -> Vec<usize> {
        let mut booked: BTreeMap<u64, u64> = BTreeMap::new();
        let mut accepted: Vec<u16> = Vec::new();
        for (position, &(start, end)) in requests.iter().enumerate() {
            let clash = booked.range(..end).next_back().is_some_and(|(_, &e)| e > start);
            if start < end && !clash {
                booked.insert(start, end);
                accepted.push(position as u16);
            }
        }
        accepted.into_iter().map(usize::from).collect()
    }
}
data_structures_harness::forward_api!(BookingsU16 => bookings_u16_positions);

/// The reference's `BTreeMap`, with minutes kept in 32 bits.
mod bookings_u32_minutes {
    pub use data_structures_solution::*;
    use std::collections::BTreeMap;

    pub fn accept_bookings(requests: &[(u64, u64)]) -> Vec<usize> {
        let mut booked: BTreeMap<u32, u32> = BTreeMap::new();
        let mut accepted = Vec::new();
        for (position, &(start, end)) in requests.iter().enumerate() {
            let (start, end) = (start as u32, end as u32);
            let clash = booked.range(..end).next_back().is_some_and(|(_, &e)| e > start);
            if start < end && !clash {
                booked.insert(start, end);
                accepted.push(position);
            }
        }
        accepted
    }
}
data_structures_harness::forward_api!(BookingsU32 => bookings_u32_minutes);

#[test]
fn the_reference_passes_room_bookings() {
    assert_passes(&grade(&room_bookings::<Solution>(), vec![]));
}

#[test]
fn sixteen_bit_positions_are_caught_beyond_65536_requests() {
    let graded = grade(&room_bookings::<BookingsU16>(), vec![]);
    assert_wrong_answer(&graded, "70,004 requests", "expected 70000");
}

#[test]
fn minutes_truncated_to_32_bits_are_caught() {
    let graded = grade(&room_bookings::<BookingsU32>(), vec![]);
    assert_wrong_answer(&graded, "", "expected");
}

// ---------------------------------------------------------------------------------------------
// support-triage
// ---------------------------------------------------------------------------------------------

/// The reference's `BinaryHeap`, with ticket numbers kept in 16 bits.
mod triage_u16_tickets {
    pub use data_structures_solution::*;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    pub fn triage_order(events: &[u32]) -> Vec<usize> {
        let mut waiting: BinaryHeap<(u32, Reverse<u16>)> = BinaryHeap::new();
        let mut taken = Vec::new();
        for (position, &event) in events.iter().enumerate() {
            if event > 0 {
                waiting.push((event, Reverse(position as u16)));
            } else if let Some((_, Reverse(ticket))) = waiting.pop() {
                taken.push(usize::from(ticket));
            }
        }
        taken
    }
}
data_structures_harness::forward_api!(TriageU16Tickets => triage_u16_tickets);

/// The reference's `BinaryHeap`, with urgencies kept in 16 bits ("urgency is 1 to 5").
mod triage_u16_urgency {
    pub use data_structures_solution::*;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    pub fn triage_order(events: &[u32]) -> Vec<usize> {
        let mut waiting: BinaryHeap<(u16, Reverse<usize>)> = BinaryHeap::new();
        let mut taken = Vec::new();
        for (position, &event) in events.iter().enumerate() {
            if event > 0 {
                waiting.push((event as u16, Reverse(position)));
            } else if let Some((_, Reverse(ticket))) = waiting.pop() {
                taken.push(ticket);
            }
        }
        taken
    }
}
data_structures_harness::forward_api!(TriageU16Urgency => triage_u16_urgency);

#[test]
fn the_reference_passes_support_triage() {
    assert_passes(&grade(&support_triage::<Solution>(), vec![]));
}

#[test]
fn sixteen_bit_ticket_numbers_are_caught_beyond_65536_events() {
    let graded = grade(&support_triage::<TriageU16Tickets>(), vec![]);
    assert_wrong_answer(&graded, "70,006 events", "expected 65536, got 0");
}

#[test]
fn urgencies_truncated_to_16_bits_are_caught() {
    let graded = grade(&support_triage::<TriageU16Urgency>(), vec![]);
    assert_wrong_answer(&graded, "", "expected");
}

// ---------------------------------------------------------------------------------------------
// invoice-export
// ---------------------------------------------------------------------------------------------

#[test]
fn the_reference_passes_invoice_export() {
    assert_passes(&grade(&invoice_export::<Solution>(), vec![]));
}
