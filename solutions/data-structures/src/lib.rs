//! # Data structures: reference solution
//!
//! The same API as `exercises/data-structures`, each function on the structure that fits it.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, VecDeque};
use std::fmt::Write as _;

// ANCHOR: top_players_after_each
/// The `k` best players after each score update, highest score first, a tie going to the lower
/// player number.
///
/// The board is the front of an order that changes by one player per update, so keep that
/// order instead of re-sorting the whole table: a `BTreeSet` of `(Reverse(score), player)`
/// (best first), beside a `HashMap` of each player's score to find their entry. An update is
/// one removal and one insertion, O(log n); the board is the set's first `k` entries.
pub fn top_players_after_each(updates: &[(u32, u32)], k: usize) -> Vec<Vec<u32>> {
    let mut scores: HashMap<u32, u64> = HashMap::new();
    let mut ranking: BTreeSet<(Reverse<u64>, u32)> = BTreeSet::new();
    let mut boards = Vec::with_capacity(updates.len());
    for &(player, points) in updates {
        let score = scores.entry(player).or_insert(0);
        ranking.remove(&(Reverse(*score), player));
        *score += u64::from(points);
        ranking.insert((Reverse(*score), player));
        boards.push(ranking.iter().take(k).map(|&(_, player)| player).collect());
    }
    boards
}
// ANCHOR_END: top_players_after_each

// ANCHOR: print_finish_times
/// When each job's last page comes out of the round-robin printer. A `pages_per_turn` of 0
/// counts as 1.
///
/// A `VecDeque` is a ring buffer: `pop_front` and `push_back` are O(1), so each turn costs
/// O(1) instead of a shift of the whole queue.
pub fn print_finish_times(pages: &[u32], pages_per_turn: u64) -> Vec<u64> {
    let turn = pages_per_turn.max(1);
    let mut finish = vec![0; pages.len()];
    let mut queue: VecDeque<(usize, u64)> = pages
        .iter()
        .enumerate()
        .map(|(job, &count)| (job, u64::from(count)))
        .collect();
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
// ANCHOR_END: print_finish_times

// ANCHOR: accept_bookings
/// The positions of the accepted booking requests.
///
/// Accepted bookings never overlap, so ordered by start they are ordered by end too. A new
/// span `[start, end)` can only clash with the booking that starts last before `end`: a
/// `BTreeMap` from start to end finds it with `range(..end).next_back()` in O(log n).
pub fn accept_bookings(requests: &[(u64, u64)]) -> Vec<usize> {
    let mut booked: BTreeMap<u64, u64> = BTreeMap::new();
    let mut accepted = Vec::new();
    for (position, &(start, end)) in requests.iter().enumerate() {
        if start >= end {
            continue;
        }
        let clash = booked
            .range(..end)
            .next_back()
            .is_some_and(|(_, &booked_end)| booked_end > start);
        if !clash {
            booked.insert(start, end);
            accepted.push(position);
        }
    }
    accepted
}
// ANCHOR_END: accept_bookings

// ANCHOR: triage_order
/// The tickets in the order agents took them.
///
/// A `BinaryHeap` keeps its largest element on top: O(log n) to push, O(log n) to pop. The
/// key `(urgency, Reverse(ticket))` makes the most urgent ticket the largest, and among equals
/// the oldest (smallest number).
pub fn triage_order(events: &[u32]) -> Vec<usize> {
    let mut waiting: BinaryHeap<(u32, Reverse<usize>)> = BinaryHeap::new();
    let mut taken = Vec::new();
    for (position, &event) in events.iter().enumerate() {
        if event > 0 {
            waiting.push((event, Reverse(position)));
        } else if let Some((_, Reverse(ticket))) = waiting.pop() {
            taken.push(ticket);
        }
    }
    taken
}
// ANCHOR_END: triage_order

// ANCHOR: invoice_csv
/// The month's invoices as CSV.
///
/// One `String`, sized once for the whole export, and every line formatted straight into it
/// with `write!`: each byte is written once, O(total length).
pub fn invoice_csv(invoices: &[(u64, u64)]) -> String {
    const HEADER: &str = "member,amount\n";
    // A typical line ("48213,1520.75\n") is under 24 bytes; longer ones cost a reallocation.
    let mut csv = String::with_capacity(HEADER.len() + 24 * invoices.len());
    csv.push_str(HEADER);
    for &(member, cents) in invoices {
        // Writing into a String cannot fail.
        let _ = writeln!(csv, "{member},{}.{:02}", cents / 100, cents % 100);
    }
    csv
}
// ANCHOR_END: invoice_csv
