//! # Data structures: the exercise
//!
//! Five functions from the back office of a coworking space. Each one is correct, and each one
//! must keep up with a busy month's data. Make each one faster by choosing the data structure
//! that fits its job, without changing any signature or any answer.
//!
//! - Check your answers: `cargo test -p data-structures`
//! - Measure it yourself: `cargo bench -p data-structures`
//! - Grade it: `cargo run -p grader -- data-structures`
//!
//! The grader compares your answers with this starter's on edge cases and random inputs, then
//! times both on the same fresh inputs.

use std::cmp::Reverse;
use std::collections::HashMap;

// ANCHOR: top_players_after_each
/// The live leaderboard of the coworking space's table-football league. Each update
/// `(player, points)` adds `points` to that player's score (a player's first update enters them
/// with those points, even 0). After each update, the board shows the `k` best players (all of
/// them if fewer have played), highest score first, a tie going to the lower player number.
/// Returns the board shown after each update, in order.
pub fn top_players_after_each(updates: &[(u32, u32)], k: usize) -> Vec<Vec<u32>> {
    let mut scores: HashMap<u32, u64> = HashMap::new();
    let mut boards = Vec::with_capacity(updates.len());
    for &(player, points) in updates {
        *scores.entry(player).or_insert(0) += u64::from(points);
        // The standings: every player, best first.
        let mut standings: Vec<(u32, u64)> = scores.iter().map(|(&p, &s)| (p, s)).collect();
        standings.sort_by_key(|&(player, score)| (Reverse(score), player));
        boards.push(standings.iter().take(k).map(|&(player, _)| player).collect());
    }
    boards
}
// ANCHOR_END: top_players_after_each

// ANCHOR: print_finish_times
/// The shared printer takes jobs in turns. All jobs are queued at time 0, in order; the job at
/// the front prints up to `pages_per_turn` pages, then goes to the back of the queue if it has
/// pages left. Time is counted in pages printed. Returns, for each job, the time at which its
/// last page came out (a job of 0 pages is done at the time its first turn comes). A
/// `pages_per_turn` of 0 counts as 1.
pub fn print_finish_times(pages: &[u32], pages_per_turn: u64) -> Vec<u64> {
    let turn = pages_per_turn.max(1);
    let mut finish = vec![0; pages.len()];
    // (job, pages left), front of the queue first.
    let mut queue: Vec<(usize, u64)> = pages
        .iter()
        .enumerate()
        .map(|(job, &count)| (job, u64::from(count)))
        .collect();
    let mut clock = 0;
    while !queue.is_empty() {
        let (job, left) = queue.remove(0);
        let printed = left.min(turn);
        clock += printed;
        if left > printed {
            queue.push((job, left - printed));
        } else {
            finish[job] = clock;
        }
    }
    finish
}
// ANCHOR_END: print_finish_times

// ANCHOR: accept_bookings
/// Booking requests for one meeting room, in the order they arrived, each a half-open span of
/// minutes `(start, end)`. A request is accepted when it is not empty (`start < end`) and
/// overlaps no booking accepted before it; back-to-back bookings (one ends at the minute the
/// next starts) do not overlap. Returns the positions of the accepted requests, ascending.
pub fn accept_bookings(requests: &[(u64, u64)]) -> Vec<usize> {
    let mut booked: Vec<(u64, u64)> = Vec::new();
    let mut accepted = Vec::new();
    for (position, &(start, end)) in requests.iter().enumerate() {
        if start >= end {
            continue;
        }
        let clash = booked.iter().any(|&(s, e)| s < end && start < e);
        if !clash {
            booked.push((start, end));
            accepted.push(position);
        }
    }
    accepted
}
// ANCHOR_END: accept_bookings

// ANCHOR: triage_order
/// A shift at the support desk, as a list of events. A positive event is a new ticket of that
/// urgency, numbered by the event's position. A 0 is an agent becoming free: the agent takes the
/// most urgent waiting ticket, the oldest one among equally urgent tickets (if none waits, the
/// agent has nothing to do). Returns the tickets in the order agents took them.
pub fn triage_order(events: &[u32]) -> Vec<usize> {
    let mut waiting: Vec<(u32, usize)> = Vec::new();
    let mut taken = Vec::new();
    for (position, &event) in events.iter().enumerate() {
        if event > 0 {
            waiting.push((event, position));
        } else if !waiting.is_empty() {
            // The last ticket is then the most urgent, the oldest among equally urgent ones.
            waiting.sort_by_key(|&(urgency, ticket)| (urgency, Reverse(ticket)));
            if let Some((_, ticket)) = waiting.pop() {
                taken.push(ticket);
            }
        }
    }
    taken
}
// ANCHOR_END: triage_order

// ANCHOR: invoice_csv
/// The month's invoices as CSV: the header `member,amount`, then one line per invoice, in
/// order, with the amount in dollars and cents (`1234` cents is `12.34`). Every line ends in
/// `\n`.
pub fn invoice_csv(invoices: &[(u64, u64)]) -> String {
    let mut csv = String::from("member,amount\n");
    for &(member, cents) in invoices {
        csv = format!("{csv}{member},{}.{:02}\n", cents / 100, cents % 100);
    }
    csv
}
// ANCHOR_END: invoice_csv
