//! Differential testing: the subject must give the frozen starter's answer on every case.
//! On a disagreement the failing input is shrunk, so the learner sees a small example.

use crate::harness::set_phase;
use crate::protocol::Mismatch;
use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Longest `Debug` text shown for an input or an answer.
const MAX_SHOWN: usize = 300;

/// Shrinking stops after this many candidate inputs, however small the failure got.
const MAX_SHRINK_ATTEMPTS: usize = 2_000;

/// A task input: printable, with a size to order cases by, and smaller variants to shrink to.
pub trait Input: Debug + Clone {
    /// The input's size (element count); cases are checked smallest first.
    fn size(&self) -> usize;

    /// Strictly smaller inputs to try when this one makes the subject fail.
    fn shrink(&self) -> Vec<Self>;
}

/// A task output: comparable, printable, able to say where two answers first differ.
pub trait Output: PartialEq + Debug {
    /// The first difference between the starter's answer (`self`) and the subject's, in words.
    fn first_difference(&self, actual: &Self) -> String {
        format!("expected {}, got {}", show(self), show(actual))
    }
}

impl Output for u64 {}
impl Output for usize {}
impl Output for std::ops::Range<usize> {}

/// Text (a rendered report, say) differs at its first differing line.
impl Output for String {
    fn first_difference(&self, actual: &Self) -> String {
        let (expected_lines, actual_lines): (Vec<&str>, Vec<&str>) =
            (self.lines().collect(), actual.lines().collect());
        match expected_lines.iter().zip(&actual_lines).position(|(e, a)| e != a) {
            Some(i) => format!(
                "at line {}: expected {:?}, got {:?}",
                i + 1,
                expected_lines[i].trim(),
                actual_lines[i].trim()
            ),
            None => format!(
                "the first {} lines agree, but expected {} lines, got {}",
                expected_lines.len().min(actual_lines.len()),
                expected_lines.len(),
                actual_lines.len()
            ),
        }
    }
}

impl<T: PartialEq + Debug> Output for Vec<T> {
    fn first_difference(&self, actual: &Self) -> String {
        match self.iter().zip(actual).position(|(e, a)| e != a) {
            Some(i) => format!("at index {i}: expected {:?}, got {:?}", self[i], actual[i]),
            None => format!(
                "the first {} elements agree, but the lengths differ: expected {}, got {}",
                self.len().min(actual.len()),
                self.len(),
                actual.len()
            ),
        }
    }
}

impl<T: Debug + Clone> Input for Vec<T> {
    fn size(&self) -> usize {
        self.len()
    }

    /// Halves first (fast progress on big inputs), then single removals on small ones.
    fn shrink(&self) -> Vec<Self> {
        let n = self.len();
        let mut out = Vec::new();
        if n >= 2 {
            out.push(self[..n / 2].to_vec());
            out.push(self[n / 2..].to_vec());
        }
        if n > 16 {
            let chunk = n.div_ceil(8);
            for start in (0..n).step_by(chunk) {
                let mut v = self[..start].to_vec();
                v.extend_from_slice(&self[(start + chunk).min(n)..]);
                out.push(v);
            }
        } else {
            for i in 0..n {
                let mut v = self.clone();
                v.remove(i);
                out.push(v);
            }
        }
        out
    }
}

/// Text shrinks by lines when it has several (logs, CSV), else by characters.
impl Input for String {
    fn size(&self) -> usize {
        self.len()
    }

    fn shrink(&self) -> Vec<Self> {
        let lines: Vec<&str> = self.split_inclusive('\n').collect();
        if lines.len() > 1 {
            let owned: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            return owned.shrink().into_iter().map(|v| v.concat()).collect();
        }
        let chars: Vec<char> = self.chars().collect();
        chars
            .shrink()
            .into_iter()
            .map(|v| v.into_iter().collect())
            .collect()
    }
}

/// A pair input (two lists, or a list and a parameter) shrinks each side in turn.
impl<A: Input, B: Input> Input for (A, B) {
    fn size(&self) -> usize {
        self.0.size() + self.1.size()
    }

    fn shrink(&self) -> Vec<Self> {
        let left = self.0.shrink().into_iter().map(|a| (a, self.1.clone()));
        let right = self.1.shrink().into_iter().map(|b| (self.0.clone(), b));
        left.chain(right).collect()
    }
}

macro_rules! scalar_input {
    ($($t:ty),*) => {$(
        /// A scalar parameter counts as size 0 and is never shrunk.
        impl Input for $t {
            fn size(&self) -> usize { 0 }
            fn shrink(&self) -> Vec<Self> { Vec::new() }
        }
    )*};
}
scalar_input!(i64, u64, usize);

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
            "checking correctness on {} (size {}): {}",
            case.label,
            case.input.size(),
            show(&case.input)
        ));
        let expected = starter(&case.input);
        let actual = subject(&case.input);
        if expected != actual {
            return Err(shrink_failure(&case.label, case.input.clone(), starter, subject));
        }
    }
    Ok(cases.len())
}

/// Describes a disagreement on `input`, after shrinking it greedily to a smaller input that
/// still disagrees (a candidate on which either side panics is not taken).
pub fn shrink_failure<I: Input, O: Output>(
    label: &str,
    mut input: I,
    starter: fn(&I) -> O,
    subject: fn(&I) -> O,
) -> Mismatch {
    set_phase(format!("shrinking a failing input from {label}"));
    let disagree = |i: &I| catch_unwind(AssertUnwindSafe(|| starter(i) != subject(i))).unwrap_or(false);
    let mut attempts = 0;
    let mut shrunk = false;
    'outer: while attempts < MAX_SHRINK_ATTEMPTS {
        for candidate in input.shrink() {
            attempts += 1;
            if disagree(&candidate) {
                input = candidate;
                shrunk = true;
                continue 'outer;
            }
            if attempts >= MAX_SHRINK_ATTEMPTS {
                break 'outer;
            }
        }
        break;
    }
    let (expected, actual) = (starter(&input), subject(&input));
    Mismatch {
        case: if shrunk {
            format!("{label}, shrunk to size {}", input.size())
        } else {
            label.to_string()
        },
        input: show(&input),
        expected: show(&expected),
        actual: show(&actual),
        difference: expected.first_difference(&actual),
        advice: None,
    }
}

/// `Debug` text, cut to a readable length.
pub fn show<T: Debug + ?Sized>(value: &T) -> String {
    let text = format!("{value:?}");
    match text.char_indices().nth(MAX_SHOWN) {
        Some((cut, _)) => format!("{}… ({} characters in all)", &text[..cut], text.chars().count()),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(m.case.contains("shrunk to size 1"), "{}", m.case);
    }

    #[test]
    fn the_smallest_failing_case_is_reported_first() {
        let m = check_all(cases(&[vec![7; 100], vec![1, 7]]), sum, sum_skipping_sevens).unwrap_err();
        assert!(m.case.starts_with("case 1"), "{}", m.case);
    }

    #[test]
    fn vector_differences_name_the_index() {
        assert_eq!(
            vec![1, 2, 3].first_difference(&vec![1, 5, 3]),
            "at index 1: expected 2, got 5"
        );
        assert!(
            vec![1, 2]
                .first_difference(&vec![1])
                .contains("expected 2, got 1")
        );
    }

    #[test]
    fn text_differences_name_the_line() {
        let expected = "Report {\n    lines: 3,\n    errors: 1,\n}".to_string();
        let actual = "Report {\n    lines: 3,\n    errors: 2,\n}".to_string();
        assert_eq!(
            expected.first_difference(&actual),
            "at line 3: expected \"errors: 1,\", got \"errors: 2,\""
        );
    }

    #[test]
    fn pairs_shrink_each_side() {
        let candidates = (vec![1u64, 2], 5i64).shrink();
        assert!(candidates.contains(&(vec![1], 5)));
        assert!(candidates.iter().all(|c| c.1 == 5));
    }

    #[test]
    fn text_shrinks_by_lines_then_characters() {
        let log = "a 1\nb 2\nc 3\n".to_string();
        assert!(log.shrink().contains(&"a 1\nc 3\n".to_string()));
        assert!("abc".to_string().shrink().contains(&"ac".to_string()));
        assert_eq!(log.size(), 12);
    }

    #[test]
    fn long_values_are_cut() {
        let shown = show(&vec![0u8; 1000]);
        assert!(shown.chars().count() < MAX_SHOWN + 40);
        assert!(shown.ends_with("characters in all)"));
    }
}
