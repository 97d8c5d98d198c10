//! What an input and an answer are to the correctness check: an input has a size, describes
//! it, and offers smaller variants to shrink to; an answer says where it first differs from
//! another. And how both are shown in messages.

use crate::text::thousands;
use std::fmt::Debug;

/// Longest `Debug` text shown for an input or an answer.
const MAX_SHOWN: usize = 300;

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
