//! Describing a disagreement: the failing input is shrunk greedily to a smaller one that still
//! disagrees, and an answer that changes from call to call on the same input is called so.

use super::values::{Input, Output, show};
use crate::phase::set_phase;
use crate::protocol::Mismatch;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Shrinking stops after this many candidate inputs, however small the failure got.
const MAX_SHRINK_ATTEMPTS: usize = 2_000;

/// Calls on the same input that tell an answer that is wrong from one that changes from call to
/// call: to bring back a disagreement not seen first hand, and to check the subject's answer on
/// the input finally shown.
const REPEATS: usize = 3;

/// Describes a disagreement on `input`, after shrinking it greedily to a smaller input that
/// still disagrees (a candidate on which either side panics is not taken). The disagreement is
/// first brought back by calling both again; when it does not come back, the subject's answer
/// changes from call to call on the same input, and the mismatch says so.
pub fn shrink_failure<I: Input, O: Output>(
    label: &str,
    input: I,
    starter: fn(&I) -> O,
    subject: fn(&I) -> O,
) -> Mismatch {
    shrink_from(label, input, None, starter, subject)
}

/// [`shrink_failure`], given the two answers that disagreed on `input` (`(expected, actual)`):
/// they are shown if nothing smaller disagrees, even when calling again would agree.
pub fn shrink_seen_failure<I: Input, O: Output>(
    label: &str,
    input: I,
    seen: (O, O),
    starter: fn(&I) -> O,
    subject: fn(&I) -> O,
) -> Mismatch {
    shrink_from(label, input, Some(seen), starter, subject)
}

fn shrink_from<I: Input, O: Output>(
    label: &str,
    mut input: I,
    seen: Option<(O, O)>,
    starter: fn(&I) -> O,
    subject: fn(&I) -> O,
) -> Mismatch {
    set_phase(format!("shrinking a failing input from {label}"));
    // The two answers, when they disagree on `i` (a panic on either side counts as agreement).
    let disagreement = |i: &I| {
        catch_unwind(AssertUnwindSafe(|| {
            let (expected, actual) = (starter(i), subject(i));
            (expected != actual).then_some((expected, actual))
        }))
        .ok()
        .flatten()
    };
    let seen = seen.or_else(|| (0..REPEATS).find_map(|_| disagreement(&input)));
    let Some(mut answers) = seen else {
        return not_reproduced(label, &input, starter, subject);
    };
    let original = input.describe_size();
    let mut attempts = 0;
    let mut shrunk = false;
    'outer: while attempts < MAX_SHRINK_ATTEMPTS {
        for candidate in input.shrink() {
            attempts += 1;
            if let Some(found) = disagreement(&candidate) {
                input = candidate;
                answers = found;
                shrunk = true;
                continue 'outer;
            }
            if attempts >= MAX_SHRINK_ATTEMPTS {
                break 'outer;
            }
        }
        break;
    }
    // The answers shown are the ones that disagreed, never a later call's; a later call that
    // answers otherwise is reported as what it is.
    let (expected, actual) = answers;
    let again = (0..REPEATS).find_map(|_| {
        let again = catch_unwind(AssertUnwindSafe(|| subject(&input))).ok()?;
        // (Answers that print alike are not called different: NaN is not equal to itself.)
        (again != actual && show(&again) != show(&actual)).then_some(again)
    });
    let mut difference = expected.first_difference(&actual);
    if show(&expected) == show(&actual) {
        difference.push_str(" (the two print alike but are not equal)");
    }
    if let Some(again) = again {
        let which = if again == expected {
            " (the expected answer)"
        } else {
            ""
        };
        difference.push_str(&format!(
            "; and your function is not deterministic (same input, different answers): called again on this input, it answered {}{which}",
            show(&again)
        ));
    }
    Mismatch {
        case: if shrunk {
            format!("{label}, shrunk from {original} to {}", input.describe_size())
        } else {
            label.to_string()
        },
        input: show(&input),
        expected: show(&expected),
        actual: show(&actual),
        difference,
        advice: None,
    }
}

/// The mismatch of a disagreement seen once (by the caller) that calling again does not bring
/// back: the subject answers the same input differently from call to call.
fn not_reproduced<I: Input, O: Output>(
    label: &str,
    input: &I,
    starter: fn(&I) -> O,
    subject: fn(&I) -> O,
) -> Mismatch {
    let expected = show(&starter(input));
    let actual = catch_unwind(AssertUnwindSafe(|| subject(input)))
        .map(|a| show(&a))
        .unwrap_or_else(|_| "a panic".into());
    Mismatch {
        case: label.to_string(),
        input: show(input),
        expected,
        actual: format!("{actual} when called again; something else the first time"),
        difference: format!(
            "your function is not deterministic (same input, different answers): on this input its answer differed from the expected one once, then matched it in {REPEATS} more calls. Its answer must depend on the input alone (not on earlier calls, a cache, randomness or timing)."
        ),
        advice: None,
    }
}
