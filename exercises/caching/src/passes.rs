//! Task 1 (`travel-passes`): the cheapest travel passes for a year of journeys.

// ANCHOR: cheapest_passes
/// How many consecutive days each pass covers: a day pass, a week pass, a 30-day pass.
const PASS_DAYS: [u64; 3] = [1, 7, 30];

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
    cheapest_from(&days, prices)
}

/// The cheapest cover of `days` (ascending, distinct): try each pass on the first day, then
/// cover whatever that pass leaves.
fn cheapest_from(days: &[u32], prices: &[u64; 3]) -> u64 {
    let Some(&first) = days.first() else {
        return 0;
    };
    let mut best = u64::MAX;
    for (&price, length) in prices.iter().zip(PASS_DAYS) {
        // The days this pass leaves uncovered: those from `first + length` on.
        let end = u64::from(first) + length;
        let rest = days
            .iter()
            .position(|&day| u64::from(day) >= end)
            .map_or(&[][..], |i| &days[i..]);
        best = best.min(price.saturating_add(cheapest_from(rest, prices)));
    }
    best
}
// ANCHOR_END: cheapest_passes
