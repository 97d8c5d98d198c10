//! Quiet bugs at the edges of a type's range that a learner's faster structure might carry
//! (positions and ticket numbers kept in 16 bits, keys truncated to 32 bits), graded on every
//! correctness case as the grader grades them: each must be a wrong answer on the edge case
//! built for it; beside them, the legitimate versions that must pass (the reference, and
//! rustc-hash's sets). Answers only: no test asserts a speed-up.

use data_structures_harness::{blocked_payments, invoice_export, print_queue, room_bookings, support_triage};
use grader_kit::testing::{assert_passes, assert_wrong_answer, grade};

data_structures_harness::forward_api!(Solution => data_structures_solution);

// Each version below is a module that re-exports the reference and defines the one function it
// changes (an item of the module shadows the glob import), graded through `forward_api!`.

// ---------------------------------------------------------------------------------------------
// blocked-payments
// ---------------------------------------------------------------------------------------------

/// The blocklist in an `FxHashSet`.
mod blocked_fx {
    pub use data_structures_solution::*;
    use rustc_hash::FxHashSet;

    pub fn blocked_payments(cards: &[u64], blocklist: &[u64]) -> Vec<usize> {
        let blocked: FxHashSet<u64> = blocklist.iter().copied().collect();
        (0..cards.len())
            .filter(|&i| blocked.contains(&cards[i]))
            .collect()
    }
}
data_structures_harness::forward_api!(BlockedFx => blocked_fx);

/// Positions kept in 16 bits.
mod blocked_u16_positions {
    pub use data_structures_solution::*;
    use rustc_hash::FxHashSet;

    pub fn blocked_payments(cards: &[u64], blocklist: &[u64]) -> Vec<usize> {
        let blocked: FxHashSet<u64> = blocklist.iter().copied().collect();
        let positions: Vec<u16> = (0..cards.len())
            .filter(|&i| blocked.contains(&cards[i]))
            .map(|i| i as u16)
            .collect();
        positions.into_iter().map(usize::from).collect()
    }
}
data_structures_harness::forward_api!(BlockedU16 => blocked_u16_positions);

/// Cards keyed by their low 32 bits.
mod blocked_u32_cards {
    pub use data_structures_solution::*;
    use rustc_hash::FxHashSet;

    pub fn blocked_payments(cards: &[u64], blocklist: &[u64]) -> Vec<usize> {
        let blocked: FxHashSet<u32> = blocklist.iter().map(|&c| c as u32).collect();
        (0..cards.len())
            .filter(|&i| blocked.contains(&(cards[i] as u32)))
            .collect()
    }
}
data_structures_harness::forward_api!(BlockedU32 => blocked_u32_cards);

#[test]
fn the_reference_passes_blocked_payments() {
    assert_passes(&grade(&blocked_payments::<Solution>(), vec![]));
}

#[test]
fn a_rustc_hash_set_passes_blocked_payments() {
    assert_passes(&grade(&blocked_payments::<BlockedFx>(), vec![]));
}

#[test]
fn sixteen_bit_positions_are_caught_beyond_65536_payments() {
    let graded = grade(&blocked_payments::<BlockedU16>(), vec![]);
    assert_wrong_answer(&graded, "70,000 payments", "expected 65");
}

#[test]
fn cards_truncated_to_32_bits_are_caught() {
    let graded = grade(&blocked_payments::<BlockedU32>(), vec![]);
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
