//! Differential testing: the subject must give the frozen starter's answer on every case.
//! On a disagreement the failing input is shrunk, so the learner sees a small example.

use crate::harness::set_phase;
use crate::protocol::Mismatch;
use crate::text::thousands;
use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Longest `Debug` text shown for an input or an answer.
const MAX_SHOWN: usize = 300;

/// Shrinking stops after this many candidate inputs, however small the failure got.
const MAX_SHRINK_ATTEMPTS: usize = 2_000;

/// Calls on the same input that tell an answer that is wrong from one that changes from call to
/// call: to bring back a disagreement not seen first hand, and to check the subject's answer on
/// the input finally shown.
const REPEATS: usize = 3;

/// A task input: printable, with a size to order cases by, and smaller variants to shrink to.
pub trait Input: Debug + Clone {
    /// The input's size (element count); cases are checked smallest first.
    fn size(&self) -> usize;

    /// The input's size in words, with its unit, for messages: "1,025 elements". Every message
    /// that compares two sizes of an input uses this, so the two are in the same unit.
    fn describe_size(&self) -> String {
        quantity(self.size(), "element", "elements")
    }

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
            Some(i) => {
                // Trimmed for reading, unless the difference is in the spaces themselves.
                let (e, a) = (expected_lines[i], actual_lines[i]);
                let (e, a) = if e.trim() == a.trim() {
                    (e, a)
                } else {
                    (e.trim(), a.trim())
                };
                format!("at line {}: expected {e:?}, got {a:?}", i + 1)
            }
            // The same lines: the difference is in the line ends or a final newline.
            None if expected_lines.len() == actual_lines.len() => character_difference(self, actual),
            None => format!(
                "the first {} lines agree, but expected {} lines, got {}",
                expected_lines.len().min(actual_lines.len()),
                expected_lines.len(),
                actual_lines.len()
            ),
        }
    }
}

/// Where two texts whose lines agree first differ, character by character (a `\r`, a final
/// newline), shown escaped.
fn character_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<char>, Vec<char>) = (expected.chars().collect(), actual.chars().collect());
    let Some(i) = (0..e.len().max(a.len())).find(|&i| e.get(i) != a.get(i)) else {
        return format!("none: both are {}", show(expected));
    };
    let from = |text: &[char]| match text.get(i..) {
        Some(rest) if !rest.is_empty() => format!("{:?}", rest.iter().take(12).collect::<String>()),
        _ => "the end of the text".into(),
    };
    format!(
        "the lines agree, but at character {}: expected {}, got {}",
        i + 1,
        from(&e),
        from(&a)
    )
}

impl<T: PartialEq + Debug> Output for Vec<T> {
    fn first_difference(&self, actual: &Self) -> String {
        match self.iter().zip(actual).position(|(e, a)| e != a) {
            Some(i) => format!("at index {i}: expected {:?}, got {:?}", self[i], actual[i]),
            None if self.len() == actual.len() => format!("none: both are {}", show(self)),
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

    fn describe_size(&self) -> String {
        quantity(self.len(), "element", "elements")
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

    /// Characters, and lines too when there are several: "3 lines (97 characters)".
    fn describe_size(&self) -> String {
        let characters = quantity(self.chars().count(), "character", "characters");
        match self.lines().count() {
            lines if lines > 1 => format!("{} ({characters})", quantity(lines, "line", "lines")),
            _ => characters,
        }
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

    /// Each side's, leaving out a scalar parameter's: "64 elements and 1,000 elements".
    fn describe_size(&self) -> String {
        match (self.0.describe_size(), self.1.describe_size()) {
            (a, b) if b.is_empty() => a,
            (a, b) if a.is_empty() => b,
            (a, b) => format!("{a} and {b}"),
        }
    }

    fn shrink(&self) -> Vec<Self> {
        let left = self.0.shrink().into_iter().map(|a| (a, self.1.clone()));
        let right = self.1.shrink().into_iter().map(|b| (self.0.clone(), b));
        left.chain(right).collect()
    }
}

macro_rules! scalar_input {
    ($($t:ty),*) => {$(
        /// A scalar parameter counts as size 0, has no size to describe, and is never shrunk.
        impl Input for $t {
            fn size(&self) -> usize { 0 }
            fn describe_size(&self) -> String { String::new() }
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

/// `n` with its unit in the singular or the plural: "1 element", "1,025 elements".
pub(crate) fn quantity(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n as u64), if n == 1 { one } else { many })
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

    #[test]
    fn sizes_are_described_with_their_unit() {
        assert_eq!(vec![0u8; 1025].describe_size(), "1,025 elements");
        assert_eq!(vec![0u8].describe_size(), "1 element");
        assert_eq!(
            (vec![1u32], vec![2u32, 3]).describe_size(),
            "1 element and 2 elements"
        );
        assert_eq!((vec![1u64, 2], 5u64).describe_size(), "2 elements");
        assert_eq!("a\nb\n".to_string().describe_size(), "2 lines (4 characters)");
    }

    #[test]
    fn text_that_differs_only_in_line_ends_names_the_character() {
        assert_eq!(
            "a\r\nb".to_string().first_difference(&"a\nb".to_string()),
            "the lines agree, but at character 2: expected \"\\r\\nb\", got \"\\nb\""
        );
        assert_eq!(
            "x\n".to_string().first_difference(&"x".to_string()),
            "the lines agree, but at character 2: expected \"\\n\", got the end of the text"
        );
        // A difference in spaces alone is shown untrimmed.
        assert_eq!(
            "  x".to_string().first_difference(&"x".to_string()),
            "at line 1: expected \"  x\", got \"x\""
        );
    }

    #[test]
    fn long_values_are_cut() {
        let shown = show(&vec![0u8; 1000]);
        assert!(shown.chars().count() < MAX_SHOWN + 40);
        assert!(shown.ends_with("characters in all)"));
    }
}
