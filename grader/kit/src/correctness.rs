//! Differential testing: the subject must give the frozen starter's answer on every case.
//! On a disagreement the failing input is shrunk, so the learner sees a small example.
//!
//! `values` says what inputs and answers are (size, shrinking candidates, first difference,
//! how they are shown); `shrink` turns a disagreement into a small example.

mod shrink;
mod values;

pub use shrink::{shrink_failure, shrink_seen_failure};
pub(crate) use values::quantity;
pub use values::{Input, Output, show};

use crate::phase::set_phase;
use crate::protocol::Mismatch;

/// One correctness case.
#[derive(Debug, Clone)]
pub struct Case<I> {
    /// Where it came from ("edge case: all equal", "random, n = 37").
    pub label: String,
    /// The input.
    pub input: I,
}

/// `label` and `input` as a correctness case.
pub fn case<I>(label: impl Into<String>, input: I) -> Case<I> {
    Case {
        label: label.into(),
        input,
    }
}

/// Checks every case, smallest first; on the first disagreement returns it, shrunk.
/// Returns the number of cases checked. A panic in either function propagates to the caller
/// (the harness reports it with the case being checked).
pub fn check_all<I: Input, O: Output>(
    mut cases: Vec<Case<I>>,
    starter: fn(&I) -> O,
    subject: fn(&I) -> O,
) -> Result<usize, Mismatch> {
    cases.sort_by_key(|c| c.input.size());
    for case in &cases {
        set_phase(format!(
            "checking correctness on {} ({}): {}",
            case.label,
            case.input.describe_size(),
            show(&case.input)
        ));
        let expected = starter(&case.input);
        let actual = subject(&case.input);
        if expected != actual {
            return Err(shrink_seen_failure(
                &case.label,
                case.input.clone(),
                (expected, actual),
                starter,
                subject,
            ));
        }
    }
    Ok(cases.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

    #[allow(clippy::ptr_arg)] // the task's input type is Vec<u64>
    fn sum(v: &Vec<u64>) -> u64 {
        v.iter().sum()
    }

    /// Wrong whenever the input holds a 7.
    #[allow(clippy::ptr_arg)]
    fn sum_skipping_sevens(v: &Vec<u64>) -> u64 {
        v.iter().filter(|&&x| x != 7).sum()
    }

    fn cases(inputs: &[Vec<u64>]) -> Vec<Case<Vec<u64>>> {
        inputs
            .iter()
            .enumerate()
            .map(|(i, v)| Case {
                label: format!("case {i}"),
                input: v.clone(),
            })
            .collect()
    }

    #[test]
    fn agreeing_functions_pass_every_case() {
        let n = check_all(cases(&[vec![], vec![1, 2], vec![7; 40]]), sum, sum).unwrap();
        assert_eq!(n, 3);
    }

    #[test]
    fn a_failure_is_shrunk_to_the_essential_element() {
        let big: Vec<u64> = (0..500).map(|i| i % 13).collect();
        let m = check_all(cases(&[big]), sum, sum_skipping_sevens).unwrap_err();
        assert_eq!(m.input, "[7]");
        assert_eq!(m.expected, "7");
        assert_eq!(m.actual, "0");
        assert_eq!(m.difference, "expected 7, got 0");
        // Both sizes in one unit.
        assert_eq!(m.case, "case 0, shrunk from 500 elements to 1 element");
    }

    #[test]
    fn the_smallest_failing_case_is_reported_first() {
        let m = check_all(cases(&[vec![7; 100], vec![1, 7]]), sum, sum_skipping_sevens).unwrap_err();
        assert!(m.case.starts_with("case 1"), "{}", m.case);
    }

    static ALTERNATING_CALLS: AtomicUsize = AtomicUsize::new(0);

    /// Right on even calls, one too many on odd ones: the same input, different answers.
    #[allow(clippy::ptr_arg)]
    fn sum_alternating(v: &Vec<u64>) -> u64 {
        let wrong = ALTERNATING_CALLS.fetch_add(1, Relaxed) % 2 == 1;
        sum(v) + u64::from(wrong)
    }

    #[test]
    fn an_alternating_answer_shows_the_call_that_disagreed_and_says_why() {
        let m = check_all(cases(&[vec![1, 2], vec![3, 4, 5]]), sum, sum_alternating).unwrap_err();
        // The answers shown disagree: they are the call that failed, not a later one.
        assert_ne!(m.expected, m.actual, "{m:?}");
        let first = format!("expected {}, got {}", m.expected, m.actual);
        assert!(m.difference.starts_with(&first), "{}", m.difference);
        assert!(
            m.difference
                .contains("not deterministic (same input, different answers)"),
            "{}",
            m.difference
        );
        assert!(m.difference.contains("(the expected answer)"), "{}", m.difference);
    }

    static FIRST_CALL_DONE: AtomicBool = AtomicBool::new(false);

    /// Wrong on its first call only.
    #[allow(clippy::ptr_arg)]
    fn sum_wrong_once(v: &Vec<u64>) -> u64 {
        sum(v) + u64::from(!FIRST_CALL_DONE.swap(true, Relaxed))
    }

    #[test]
    fn a_wrong_answer_that_does_not_come_back_is_still_shown() {
        let m = check_all(cases(&[vec![1, 2, 3]]), sum, sum_wrong_once).unwrap_err();
        // Nothing smaller disagrees, so the case is not called shrunk, and the answers shown
        // are the ones seen, which differ.
        assert_eq!(m.case, "case 0");
        assert_eq!((m.expected.as_str(), m.actual.as_str()), ("6", "7"));
        assert_eq!(
            m.difference,
            "expected 6, got 7; and your function is not deterministic (same input, different answers): called again on this input, it answered 6 (the expected answer)"
        );
    }

    #[test]
    fn a_disagreement_the_caller_saw_but_calls_do_not_bring_back_is_called_so() {
        // The caller saw a disagreement; every call here agrees.
        let m = shrink_failure("timed round 3, input size 3", vec![1, 2, 3], sum, sum);
        assert_eq!(m.case, "timed round 3, input size 3");
        assert_eq!(m.expected, "6");
        assert_eq!(m.actual, "6 when called again; something else the first time");
        assert!(
            m.difference
                .starts_with("your function is not deterministic (same input, different answers)"),
            "{}",
            m.difference
        );
        assert!(!m.difference.contains("expected 6, got 6"), "{}", m.difference);
    }

    #[test]
    fn a_deterministic_wrong_answer_is_not_called_anything_else() {
        let m = check_all(cases(&[vec![7, 7, 1]]), sum, sum_skipping_sevens).unwrap_err();
        assert_eq!(m.difference, "expected 7, got 0");
    }

    #[test]
    fn answers_that_print_alike_say_so_instead_of_contradicting_themselves() {
        #[allow(clippy::ptr_arg)]
        fn not_a_number(_: &Vec<u64>) -> Vec<f64> {
            vec![f64::NAN]
        }
        let m = check_all(cases(&[vec![1]]), not_a_number, not_a_number).unwrap_err();
        assert_eq!(
            m.difference,
            "at index 0: expected NaN, got NaN (the two print alike but are not equal)"
        );
        assert_eq!(vec![1, 2].first_difference(&vec![1, 2]), "none: both are [1, 2]");
    }

    /// Counts the `z`s of a text, and misses them on lines of their own.
    #[allow(clippy::ptr_arg)]
    fn zs(text: &String) -> usize {
        text.matches('z').count()
    }

    #[allow(clippy::ptr_arg)]
    fn zs_but_alone(text: &String) -> usize {
        text.lines()
            .filter(|l| *l != "z")
            .map(|l| l.matches('z').count())
            .sum()
    }

    #[test]
    fn shrunk_text_is_measured_in_one_unit() {
        let log = Case {
            label: "random input of size 4".into(),
            input: "ab\nz\ncd\nzz\n".to_string(),
        };
        let m = check_all(vec![log], zs, zs_but_alone).unwrap_err();
        assert_eq!(m.input, "\"z\"");
        assert_eq!(
            m.case,
            "random input of size 4, shrunk from 4 lines (11 characters) to 1 character"
        );
        assert_eq!("x".to_string().describe_size(), "1 character");
    }
}
