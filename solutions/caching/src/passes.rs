//! Task 1 (`travel-passes`): the recursion, memoized bottom-up.

/// How many consecutive days each pass covers: a day pass, a week pass, a 30-day pass.
const PASS_DAYS: [u64; 3] = [1, 7, 30];

// ANCHOR: cheapest_passes
/// The least a traveller can pay for passes that cover every day in `days`, when a day pass,
/// a 7-day pass and a 30-day pass cost `prices[0]`, `prices[1]` and `prices[2]` cents. A pass
/// bought on day `d` covers days `d` to `d + 6` (a 7-day pass) or `d + 29` (a 30-day pass).
///
/// Days are day numbers, in any order; a day listed twice is travelled once. No days cost
/// nothing. Costs saturate: a total above `u64::MAX` is `u64::MAX`.
pub fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
    let mut days = days.to_vec();
    days.sort_unstable();
    days.dedup();
    // `best[i]` is the cheapest cover of `days[i..]`, the starter's `cheapest_from(&days[i..])`:
    // the recursion only ever asks about suffixes, so a suffix's start is the whole key. The
    // prices are fixed for the call, so the table lives for one call, never longer.
    let mut best = vec![0_u64; days.len() + 1];
    // Where each pass bought on day `days[i]` leaves off; these only move forward as `i` does.
    let mut next = [days.len(); 3];
    for i in (0..days.len()).rev() {
        let mut cheapest = u64::MAX;
        for (k, (&price, length)) in prices.iter().zip(PASS_DAYS).enumerate() {
            let end = u64::from(days[i]) + length;
            while next[k] > i + 1 && u64::from(days[next[k] - 1]) >= end {
                next[k] -= 1;
            }
            cheapest = cheapest.min(price.saturating_add(best[next[k]]));
        }
        best[i] = cheapest;
    }
    best[0]
}
// ANCHOR_END: cheapest_passes
