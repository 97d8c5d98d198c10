//! Correctness tests for the Data structures exercise: `cargo test -p data-structures`.
//!
//! They pass on the slow starter code, and they must still pass once your functions are fast:
//! speed is worth nothing if the answers change. Each task has three kinds of test:
//!
//! - worked examples, with the expected answer explained in a comment;
//! - edge cases: empty inputs, one element, all equal, ties, the extreme values of each type;
//! - random cross-checks: seeded random inputs (up to 300 elements, so the slow starter stays
//!   quick even in a debug build) compared with a small oracle, written for obviousness rather
//!   than speed, and in a different way from both the starter and the reference solution.
//!
//! The reference solution runs this same file (see `solutions/data-structures/tests/`).

use data_structures::{
    accept_bookings, invoice_csv, print_finish_times, top_players_after_each, triage_order,
};
use fastrand::Rng;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Random inputs for the cross-checks.
// ---------------------------------------------------------------------------------------------

/// How many random inputs each cross-check tries.
const RANDOM_ROUNDS: u64 = 200;

/// The largest random input: big enough for long queues and many repeats, small enough that the
/// slow starter finishes the cross-checks in well under a second, even in a debug build.
const MAX_RANDOM_LEN: usize = 300;

/// A random length up to [`MAX_RANDOM_LEN`], short inputs (where off-by-one bugs live) being as
/// likely as long ones.
fn random_len(rng: &mut Rng) -> usize {
    match rng.u8(..4) {
        0 => rng.usize(..=4),
        1 => rng.usize(..=20),
        _ => rng.usize(..=MAX_RANDOM_LEN),
    }
}

/// `n` values from `0..range`: a small range gives many repeats, a large one few.
fn random_values(rng: &mut Rng, n: usize, range: u64) -> Vec<u64> {
    (0..n).map(|_| rng.u64(..range.max(1))).collect()
}

// ---------------------------------------------------------------------------------------------
// top_players_after_each
// ---------------------------------------------------------------------------------------------

/// The scores in a `BTreeMap`; after each update, every player's rank counted from scratch
/// (how many players are ahead: a higher score, or the same score and a lower number), and the
/// board is the players ranked below `k`, in rank order.
fn oracle_top_players(updates: &[(u32, u32)], k: usize) -> Vec<Vec<u32>> {
    let mut scores: BTreeMap<u32, u64> = BTreeMap::new();
    let mut boards = Vec::new();
    for &(player, points) in updates {
        *scores.entry(player).or_insert(0) += u64::from(points);
        let mut by_rank: BTreeMap<usize, u32> = BTreeMap::new();
        for (&p, &score) in &scores {
            let ahead = scores
                .iter()
                .filter(|&(&q, &other)| other > score || (other == score && q < p))
                .count();
            if ahead < k {
                by_rank.insert(ahead, p);
            }
        }
        boards.push(by_rank.into_values().collect());
    }
    boards
}

#[test]
fn top_players_worked_example() {
    // Player 7 scores 3, then player 2 scores 5, then player 7 scores 4 more (7 in all), then
    // player 9 enters with 0. The board shows the best two.
    assert_eq!(
        top_players_after_each(&[(7, 3), (2, 5), (7, 4), (9, 0)], 2),
        vec![vec![7], vec![2, 7], vec![7, 2], vec![7, 2]]
    );
}

#[test]
fn top_players_ties_go_to_the_lower_player_number() {
    // 8 reaches 4 first, then 3 reaches 4 too: 3 goes ahead on the tie, whatever the order.
    assert_eq!(
        top_players_after_each(&[(8, 4), (3, 4), (5, 1)], 3),
        vec![vec![8], vec![3, 8], vec![3, 8, 5]]
    );
    // Three players at 0: ordered by number.
    assert_eq!(
        top_players_after_each(&[(6, 0), (1, 0), (4, 0)], 2),
        vec![vec![6], vec![1, 6], vec![1, 4]]
    );
}

#[test]
fn top_players_edge_cases() {
    assert_eq!(
        top_players_after_each(&[], 3),
        Vec::<Vec<u32>>::new(),
        "no updates"
    );
    assert_eq!(
        top_players_after_each(&[(1, 5), (2, 6)], 0),
        vec![Vec::<u32>::new(); 2],
        "a board of no players"
    );
    assert_eq!(
        top_players_after_each(&[(1, 5), (2, 6)], usize::MAX),
        vec![vec![1], vec![2, 1]],
        "a board longer than the league"
    );
    // One player, 300 updates: always alone on the board.
    assert_eq!(top_players_after_each(&[(4, 1); 300], 3), vec![vec![4]; 300]);
    // Scores equal all along: 0 and 1 alternate updates of the same points.
    let alternating: Vec<(u32, u32)> = (0..300).map(|i| (i % 2, 2)).collect();
    let boards = top_players_after_each(&alternating, 2);
    assert_eq!(boards[0], vec![0]);
    assert_eq!(boards[1], vec![0, 1], "tied: the lower number first");
    assert_eq!(boards[2], vec![0, 1], "0 ahead");
    assert_eq!(boards[299], vec![0, 1], "tied again");
}

#[test]
fn top_players_extreme_values() {
    // Player numbers at both ends of u32, and scores beyond u32: two updates of u32::MAX.
    let updates = [(u32::MAX, u32::MAX), (0, u32::MAX), (0, 1), (u32::MAX, u32::MAX)];
    assert_eq!(
        top_players_after_each(&updates, 2),
        vec![
            vec![u32::MAX],
            vec![0, u32::MAX],
            vec![0, u32::MAX],
            vec![u32::MAX, 0]
        ]
    );
    // Players equal in their low 16 bits are different players.
    let updates = [(1, 3), (1 + (1 << 16), 2), (1, 0)];
    assert_eq!(
        top_players_after_each(&updates, 5),
        vec![vec![1], vec![1, 1 + (1 << 16)], vec![1, 1 + (1 << 16)]]
    );
}

#[test]
fn top_players_match_the_oracle_on_random_leagues() {
    let mut rng = Rng::with_seed(0x1EADE5);
    for round in 0..RANDOM_ROUNDS {
        let n = random_len(&mut rng);
        let players = [2, 10, 50, u64::from(u32::MAX)][rng.usize(..4)];
        let points = [1, 3, 11, u32::MAX][rng.usize(..4)];
        let updates: Vec<(u32, u32)> = random_values(&mut rng, n, players)
            .into_iter()
            .map(|p| (p as u32, rng.u32(..points)))
            .collect();
        let k = [0, 1, 3, 10, usize::MAX][rng.usize(..5)];
        assert_eq!(
            top_players_after_each(&updates, k),
            oracle_top_players(&updates, k),
            "round {round}, k {k}, updates {updates:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// print_finish_times
// ---------------------------------------------------------------------------------------------

/// Round robin seen as rounds: since every unfinished job goes to the back, the queue always
/// holds the unfinished jobs in their original order. So pass over the jobs in order, again and
/// again, giving each unfinished one a turn.
fn oracle_print_finish_times(pages: &[u32], pages_per_turn: u64) -> Vec<u64> {
    let turn = pages_per_turn.max(1);
    let mut left: Vec<u64> = pages.iter().map(|&p| u64::from(p)).collect();
    let mut finish: Vec<Option<u64>> = vec![None; pages.len()];
    let mut clock = 0;
    while finish.iter().any(Option::is_none) {
        for job in 0..pages.len() {
            if finish[job].is_none() {
                let printed = left[job].min(turn);
                clock += printed;
                left[job] -= printed;
                if left[job] == 0 {
                    finish[job] = Some(clock);
                }
            }
        }
    }
    finish.into_iter().flatten().collect()
}

#[test]
fn print_finish_times_worked_example() {
    // Jobs of 3, 1 and 5 pages, 2 pages per turn:
    //   job 0 prints pages 1-2   (time 2), goes to the back with 1 page left;
    //   job 1 prints its 1 page  (time 3): done at 3;
    //   job 2 prints 2 pages     (time 5), 3 left;
    //   job 0 prints its last    (time 6): done at 6;
    //   job 2 prints 2 pages     (time 8), 1 left, then its last (time 9): done at 9.
    assert_eq!(print_finish_times(&[3, 1, 5], 2), vec![6, 3, 9]);
}

#[test]
fn print_finish_times_turns_and_empty_jobs() {
    // A turn long enough for any job: first come, first served.
    assert_eq!(print_finish_times(&[3, 1, 5], 100), vec![3, 4, 9]);
    assert_eq!(print_finish_times(&[3, 1, 5], u64::MAX), vec![3, 4, 9]);
    // One page per turn: the jobs take turns page by page.
    assert_eq!(print_finish_times(&[2, 2], 1), vec![3, 4]);
    // A turn of 0 pages counts as 1.
    assert_eq!(print_finish_times(&[2, 2], 0), vec![3, 4]);
    // A job of 0 pages is done when its turn comes, at the time of its turn.
    assert_eq!(print_finish_times(&[0, 4, 0], 2), vec![0, 4, 2]);
}

#[test]
fn print_finish_times_edge_cases() {
    assert_eq!(print_finish_times(&[], 5), Vec::<u64>::new(), "no jobs");
    assert_eq!(print_finish_times(&[7], 2), vec![7], "one job");
    assert_eq!(print_finish_times(&[0; 5], 1), vec![0; 5], "only empty jobs");
    // All equal: each job's last page comes out in the last round, in order.
    let finish = print_finish_times(&[4; 300], 3);
    assert_eq!(
        finish,
        (0..300).map(|job| 900 + 1 + job as u64).collect::<Vec<_>>()
    );
    // The longest job a u32 allows, twice: the clock goes past u32::MAX without trouble.
    let big = u64::from(u32::MAX);
    assert_eq!(print_finish_times(&[u32::MAX, u32::MAX], big), vec![big, 2 * big]);
    assert_eq!(
        print_finish_times(&[u32::MAX, 1], big / 2 + 1),
        vec![big + 1, big / 2 + 2]
    );
}

#[test]
fn print_finish_times_match_the_oracle_on_random_inputs() {
    let mut rng = Rng::with_seed(0x9817);
    for round in 0..RANDOM_ROUNDS {
        let n = random_len(&mut rng);
        let longest = [1, 5, 40, 400][rng.usize(..4)];
        let pages: Vec<u32> = (0..n).map(|_| rng.u32(..=longest)).collect();
        let turn = rng.u64(..=12);
        assert_eq!(
            print_finish_times(&pages, turn),
            oracle_print_finish_times(&pages, turn),
            "round {round}, {turn} pages per turn, jobs {pages:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// accept_bookings
// ---------------------------------------------------------------------------------------------

/// The room's day as one flag per minute: a request is accepted when all of its minutes are
/// free, and then they are taken. Only for small times.
fn oracle_accept_bookings(requests: &[(u64, u64)]) -> Vec<usize> {
    let day = requests.iter().map(|&(_, end)| end).max().unwrap_or(0);
    let mut taken = vec![false; usize::try_from(day).expect("small times")];
    let mut accepted = Vec::new();
    for (position, &(start, end)) in requests.iter().enumerate() {
        let minutes = start as usize..end as usize;
        if !minutes.is_empty() && !taken[minutes.clone()].contains(&true) {
            taken[minutes].fill(true);
            accepted.push(position);
        }
    }
    accepted
}

#[test]
fn accept_bookings_worked_example() {
    // 0: 9:00-10:00, accepted. 1: 9:30-10:30 overlaps 0, refused. 2: 10:00-11:00 starts when 0
    // ends, accepted. 3: 8:00-9:00 ends when 0 starts, accepted. 4: 8:30-11:30 overlaps all
    // three, refused. (Times in minutes since midnight.)
    let requests = [(540, 600), (570, 630), (600, 660), (480, 540), (510, 690)];
    assert_eq!(accept_bookings(&requests), vec![0, 2, 3]);
}

#[test]
fn accept_bookings_only_accepted_bookings_block() {
    // 1 is refused because of 0; 2 would have clashed with 1, but 1 was never booked.
    assert_eq!(accept_bookings(&[(0, 10), (5, 20), (15, 25)]), vec![0, 2]);
    // A clash with a booking far earlier in the list still counts.
    assert_eq!(
        accept_bookings(&[(100, 200), (0, 10), (20, 30), (150, 160)]),
        vec![0, 1, 2]
    );
    // Inside a booking, around one, and exactly on one: all refused.
    assert_eq!(accept_bookings(&[(10, 20), (12, 18), (5, 25), (10, 20)]), vec![0]);
}

#[test]
fn accept_bookings_edge_cases() {
    assert_eq!(accept_bookings(&[]), Vec::<usize>::new(), "no requests");
    assert_eq!(accept_bookings(&[(5, 5)]), Vec::<usize>::new(), "an empty span");
    assert_eq!(
        accept_bookings(&[(9, 3), (3, 9)]),
        vec![1],
        "a reversed span is refused"
    );
    assert_eq!(
        accept_bookings(&[(1, 2); 300]),
        vec![0],
        "all equal: the first only"
    );
    // Empty spans block nothing, even inside a booking.
    assert_eq!(accept_bookings(&[(5, 5), (0, 10), (5, 5)]), vec![1]);
    // The extremes of u64.
    assert_eq!(
        accept_bookings(&[(0, u64::MAX), (u64::MAX - 1, u64::MAX)]),
        vec![0]
    );
    assert_eq!(
        accept_bookings(&[(u64::MAX - 1, u64::MAX), (0, u64::MAX - 1)]),
        vec![0, 1]
    );
    assert_eq!(accept_bookings(&[(u64::MAX, u64::MAX), (0, 1)]), vec![1]);
}

#[test]
fn accept_bookings_match_the_oracle_on_random_inputs() {
    let mut rng = Rng::with_seed(0xB00C);
    for round in 0..RANDOM_ROUNDS {
        let n = random_len(&mut rng);
        // A short day (crowded: few accepted) or a long one (most accepted).
        let day = [20, 200, 2000][rng.usize(..3)];
        let longest = [1, 5, 60][rng.usize(..3)];
        let requests: Vec<(u64, u64)> = (0..n)
            .map(|_| {
                let start = rng.u64(..day);
                // Sometimes empty or reversed.
                match rng.u8(..10) {
                    0 => (start, rng.u64(..=start)),
                    _ => (start, start + rng.u64(1..=longest)),
                }
            })
            .collect();
        assert_eq!(
            accept_bookings(&requests),
            oracle_accept_bookings(&requests),
            "round {round}, requests {requests:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// triage_order
// ---------------------------------------------------------------------------------------------

/// At each free agent, a scan of the waiting tickets for the most urgent, oldest one.
fn oracle_triage_order(events: &[u32]) -> Vec<usize> {
    let mut waiting: Vec<usize> = Vec::new();
    let mut taken = Vec::new();
    for (position, &event) in events.iter().enumerate() {
        if event > 0 {
            waiting.push(position);
            continue;
        }
        let mut best: Option<usize> = None;
        for (i, &ticket) in waiting.iter().enumerate() {
            let better = match best {
                None => true,
                // Strictly more urgent; `waiting` is oldest first, so the first of equals stays.
                Some(b) => events[ticket] > events[waiting[b]],
            };
            if better {
                best = Some(i);
            }
        }
        if let Some(i) = best {
            taken.push(waiting.remove(i));
        }
    }
    taken
}

#[test]
fn triage_order_worked_example() {
    // Position: 0  1  2  3  4  5  6  7
    // Event:    2  5  2  0  0  9  0  0
    // Tickets 0 (urgency 2), 1 (5) and 2 (2) arrive. The first agent takes 1, the most urgent;
    // the second takes 0: urgency 2 like ticket 2, but older. Ticket 5 (9) arrives and jumps
    // the queue; the last agent takes ticket 2.
    assert_eq!(triage_order(&[2, 5, 2, 0, 0, 9, 0, 0]), vec![1, 0, 5, 2]);
}

#[test]
fn triage_order_agents_without_tickets_and_tickets_without_agents() {
    // Agents free before any ticket do nothing, and tickets left at the end are not taken.
    assert_eq!(triage_order(&[0, 0, 3, 0, 4, 1]), vec![2]);
    assert_eq!(triage_order(&[0; 20]), Vec::<usize>::new());
    assert_eq!(triage_order(&[3, 1, 2]), Vec::<usize>::new());
}

#[test]
fn triage_order_edge_cases() {
    assert_eq!(triage_order(&[]), Vec::<usize>::new(), "an empty shift");
    assert_eq!(triage_order(&[7, 0]), vec![0], "one ticket, one agent");
    // All equally urgent: first come, first served.
    let mut events = vec![1; 150];
    events.extend([0; 150]);
    assert_eq!(
        triage_order(&events),
        (0..150).collect::<Vec<_>>(),
        "all equal urgency"
    );
    // The most urgent ticket a u32 allows goes first, then the rest by urgency.
    assert_eq!(triage_order(&[1, u32::MAX, u32::MAX - 1, 0, 0, 0]), vec![1, 2, 0]);
}

#[test]
fn triage_order_matches_the_oracle_on_random_shifts() {
    let mut rng = Rng::with_seed(0x7219);
    for round in 0..RANDOM_ROUNDS {
        let n = random_len(&mut rng);
        let levels = [1, 3, 100, u32::MAX][rng.usize(..4)];
        let agents_in_ten = rng.u8(1..=6);
        let events: Vec<u32> = (0..n)
            .map(|_| match rng.u8(..10) < agents_in_ten {
                true => 0,
                false => rng.u32(1..=levels),
            })
            .collect();
        assert_eq!(
            triage_order(&events),
            oracle_triage_order(&events),
            "round {round}, events {events:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// invoice_csv
// ---------------------------------------------------------------------------------------------

/// One line per invoice, joined; the amount's digits written out one by one.
fn oracle_invoice_csv(invoices: &[(u64, u64)]) -> String {
    let mut lines = vec!["member,amount".to_string()];
    for &(member, cents) in invoices {
        let dollars = cents / 100;
        let (tens, ones) = ((cents / 10) % 10, cents % 10);
        lines.push(format!("{member},{dollars}.{tens}{ones}"));
    }
    lines.join("\n") + "\n"
}

#[test]
fn invoice_csv_worked_example() {
    // 1234 cents is $12.34; 5 cents is $0.05 (two decimals, always); 100 cents is $1.00.
    assert_eq!(
        invoice_csv(&[(48213, 1234), (10007, 5), (99999, 100)]),
        "member,amount\n48213,12.34\n10007,0.05\n99999,1.00\n"
    );
}

#[test]
fn invoice_csv_edge_cases() {
    assert_eq!(
        invoice_csv(&[]),
        "member,amount\n",
        "no invoices: the header alone"
    );
    assert_eq!(invoice_csv(&[(0, 0)]), "member,amount\n0,0.00\n", "zeros");
    assert_eq!(
        invoice_csv(&[(u64::MAX, u64::MAX)]),
        "member,amount\n18446744073709551615,184467440737095516.15\n",
        "the largest u64, as a member and in cents"
    );
    // Repeated invoices stay repeated, in order.
    let csv = invoice_csv(&[(7, 700); 300]);
    assert_eq!(csv.lines().count(), 301);
    assert!(csv.lines().skip(1).all(|line| line == "7,7.00"));
}

#[test]
fn invoice_csv_matches_the_oracle_on_random_inputs() {
    let mut rng = Rng::with_seed(0x1D01CE);
    for round in 0..RANDOM_ROUNDS {
        let n = random_len(&mut rng);
        let range = [10, 1000, 1_000_000, u64::MAX][rng.usize(..4)];
        let invoices: Vec<(u64, u64)> = (0..n).map(|_| (rng.u64(..range), rng.u64(..range))).collect();
        assert_eq!(
            invoice_csv(&invoices),
            oracle_invoice_csv(&invoices),
            "round {round}, invoices {invoices:?}"
        );
    }
}
