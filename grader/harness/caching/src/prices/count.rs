//! The counted scenario of `price-lookup`: backend calls, stale answers and entries held, with
//! two caches fed the same trace.

use super::Trace;
use super::watched::Watched;
use crate::inputs::prices::{LATENCY, Op};
use crate::{Answer, Api};
use grader_kit::Count;
use grader_kit::text::thousands;
use std::collections::HashSet;

/// Entries are counted every this many operations, and at the end.
pub const SAMPLE_EVERY: usize = 64;

/// Runs the subject through the trace, as an audited [`serve`](super::serve) does, with the trace's
/// operations fed to two caches at once, each in front of its own backend, and counts:
///
/// - `backend-calls`: the first cache's backend calls during the trace;
/// - `stale-answers`: lookups whose answer is not the cache's backend's price at that moment
///   (an old price, or one from the other cache's backend): the first cache's, and the second
///   cache's where the first answered right (the same stale answer from both counts once);
/// - `max-entries`: the most entries either cache held: the most `entry_count()` reported
///   (every [`SAMPLE_EVERY`] operations), or, when more, the most found held by asking again
///   for every sku right after an `entry_count()` (the second cache at a quarter, half and
///   three quarters of the trace, the first at its end), whatever `entry_count()` said.
pub fn count<S: Api>(trace: &Trace) -> Vec<Count> {
    let (ops, capacity) = (&trace.ops, trace.capacity);
    let mut first = Watched::new::<S>(capacity, LATENCY);
    let mut second = Watched::new::<S>(capacity, LATENCY);
    let checkpoints = [ops.len() / 4, ops.len() / 2, 3 * ops.len() / 4];
    let (mut lookups, mut changes) = (0_u64, 0_u64);
    let mut distinct = HashSet::new();
    // The second cache's wrong answers where the first was right, and the first of them:
    // (operation, the second cache's lookup number, why).
    let mut second_stale = 0_u64;
    let mut first_second: Option<(usize, u64, String)> = None;
    for (i, &op) in ops.iter().enumerate() {
        match op {
            Op::Price(sku) => {
                lookups += 1;
                distinct.insert(sku);
            }
            Op::Change(..) => changes += 1,
        }
        let answer = first.apply(op, i + 1);
        let twin = second.apply(op, i + 1);
        // The second cache's wrong answers count where the first answered right: the same
        // stale answer from both is one fault, seen twice.
        if let (Some(Answer::Right), Some(Answer::Wrong(why))) = (&answer, &twin) {
            second_stale += 1;
            first_second.get_or_insert_with(|| (i + 1, second.lookups, why.clone()));
        }
        if (i + 1) % SAMPLE_EVERY == 0 {
            first.sample(i + 1);
            second.sample(i + 1);
        }
        if i + 1 < ops.len() && checkpoints.contains(&(i + 1)) {
            let wrong_before = second.wrong;
            second.probe(i + 1);
            if second.wrong > wrong_before {
                second_stale += second.wrong - wrong_before;
                if let Some((n, _, why)) = &second.first_wrong {
                    first_second.get_or_insert_with(|| (i + 1, *n, why.clone()));
                }
            }
        }
    }
    let calls = first.backend.calls();
    first.probe(ops.len());
    second.sample(ops.len());

    let stale = first.wrong + second_stale;
    let first_stale = match (&first.first_wrong, &first_second) {
        (Some((n, op, why)), Some((twin_op, _, _))) if op <= twin_op => Some((*n, why.clone(), "")),
        (_, Some((_, n, why))) => Some((*n, why.clone(), "the second cache's ")),
        (Some((n, _, why)), None) => Some((*n, why.clone(), "")),
        (None, None) => None,
    };
    let stale_detail = match first_stale {
        None => format!(
            "no stale answer in {} lookups, with {} price changes, from either of two caches fed the same \
             operations in front of backends of their own",
            thousands(lookups),
            thousands(changes)
        ),
        Some((n, why, who)) => format!(
            "first stale answer: {who}lookup {} {why} ({} stale answers in all)",
            thousands(n),
            thousands(stale)
        ),
    };

    let reported = first.reported.0.max(second.reported.0);
    let held = [&first, &second]
        .into_iter()
        .map(|w| w.held)
        .max()
        .unwrap_or_default();
    let max_entries = reported.max(held.0);
    let entries_detail = if held.0 > reported {
        let (h, op, settled) = held;
        format!(
            "held at least {} prices with capacity {}: asked again for every sku after operation {}, right \
             after entry_count() said {}, the cache answered {} of them without calling the backend",
            thousands(h),
            thousands(capacity),
            thousands(op as u64),
            thousands(settled),
            thousands(h)
        )
    } else {
        let probed: Vec<String> = (second.probed_at.iter().chain(&first.probed_at))
            .map(|&op| thousands(op as u64))
            .collect();
        format!(
            "held {} entries at most, capacity {}: entry_count() said at most {} (every {SAMPLE_EVERY} \
             operations), and asking again for every sku after operations {} found at most {} held",
            thousands(max_entries),
            thousands(capacity),
            thousands(reported),
            probed.join(", "),
            thousands(held.0)
        )
    };
    vec![
        Count {
            counter: "backend-calls",
            value: calls,
            unit: "backend calls",
            detail: Some(format!(
                "{} backend calls for {} lookups of {} distinct skus, with {} price changes and capacity {}",
                thousands(calls),
                thousands(lookups),
                thousands(distinct.len() as u64),
                thousands(changes),
                thousands(capacity)
            )),
        },
        Count {
            counter: "stale-answers",
            value: stale,
            unit: "stale answers",
            detail: Some(stale_detail),
        },
        Count {
            counter: "max-entries",
            value: max_entries,
            unit: "entries",
            detail: Some(entries_detail),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Starter;
    use crate::prices::trace;
    use fastrand::Rng;

    #[test]
    fn the_starter_calls_the_backend_for_every_lookup_and_is_never_stale() {
        let input = trace(&mut Rng::with_seed(2), 500);
        let counts = count::<Starter>(&input);
        let lookups = input.ops.iter().filter(|op| matches!(op, Op::Price(_))).count() as u64;
        assert_eq!(counts[0].value, lookups);
        assert_eq!((counts[1].value, counts[2].value), (0, 0));
        assert!(
            counts[1]
                .detail
                .as_deref()
                .unwrap()
                .starts_with("no stale answer")
        );
    }
}
