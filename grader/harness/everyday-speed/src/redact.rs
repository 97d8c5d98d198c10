//! `perf-lints`: redact an access log (pseudonymous clients, masked secrets, requests per user).
//!
//! The input's size n is the number of log lines (the generator is the exercise's
//! [`server_log`](crate::inputs::server_log), shared with its benchmark). Whether the lints
//! are gone is the grader's own check (it runs clippy); the harness times the code and checks
//! its answers.

use fastrand::Rng;
use grader_kit::Input;
use grader_kit::correctness::{Case, case};
use grader_kit::text::thousands;

/// The inputs of `redact_log`.
#[derive(Debug, Clone)]
pub struct Log {
    /// The log's text.
    pub text: String,
    /// The words to mask.
    pub secrets: Vec<String>,
}

impl Input for Log {
    fn size(&self) -> usize {
        self.text.lines().count()
    }

    fn describe_size(&self) -> String {
        format!(
            "a log of {} lines ({} bytes) and {} secrets",
            thousands(self.size() as u64),
            thousands(self.text.len() as u64),
            self.secrets.len()
        )
    }

    /// The first half and the second half of the lines, with the same secrets; then half the
    /// secrets.
    fn shrink(&self) -> Vec<Self> {
        let lines: Vec<&str> = self.text.split_inclusive('\n').collect();
        let mut smaller = Vec::new();
        if lines.len() >= 2 {
            let half = lines.len() / 2;
            for part in [&lines[..half], &lines[half..]] {
                smaller.push(Log {
                    text: part.concat(),
                    secrets: self.secrets.clone(),
                });
            }
        } else if !self.text.is_empty() {
            smaller.push(Log {
                text: String::new(),
                secrets: self.secrets.clone(),
            });
        }
        if !self.secrets.is_empty() {
            smaller.push(Log {
                text: self.text.clone(),
                secrets: self.secrets[..self.secrets.len() / 2].to_vec(),
            });
        }
        smaller
    }
}

/// The log of `n` lines and its secrets.
pub fn server_log(rng: &mut Rng, n: usize) -> Log {
    let (text, secrets) = crate::inputs::server_log(rng, n);
    Log { text, secrets }
}

/// A log of this text and these secrets.
fn of(text: &str, secrets: &[&str]) -> Log {
    Log {
        text: text.to_string(),
        secrets: secrets.iter().map(|s| s.to_string()).collect(),
    }
}

/// Hand-picked logs (nothing, blank and short lines, quiet levels in every case, both line
/// ends, empty requests and empty words, secrets that are words of the line's other fields or
/// parts of a word, an empty secret, duplicate secrets, text beyond ASCII, users that sort by
/// bytes), then generated ones of awkward sizes.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<Log>> {
    let mut cases = vec![
        case("edge case: an empty log, no secrets", of("", &[])),
        case("edge case: one newline", of("\n", &["x"])),
        case(
            "edge case: lines with fewer than five fields",
            of("t\nt INFO\nt INFO a\nt INFO a u\nt INFO a u r\n", &[]),
        ),
        case(
            "edge case: quiet levels in any case, and levels that only look quiet",
            of(
                "1 DEBUG a u r\n2 debug a u r\n3 TrAcE a u r\n4 DEBUGGING a u r\n5 DEBU a u r\n6 İNFO a u r\n",
                &[],
            ),
        ),
        case(
            "edge case: \\r\\n line ends and a last line with no end",
            of("1 INFO a u GET /\r\n2 WARN b v key k\r\n3 INFO c u k", &["k"]),
        ),
        case(
            "edge case: an empty request and empty words between spaces",
            of("1 INFO a u \n2 INFO a u  x  \n3 INFO a u   \n", &["x"]),
        ),
        case("edge case: an empty secret", of("1 INFO a u x  y \n", &["", "y"])),
        case(
            "edge case: secrets in the other fields and inside words are kept",
            of("k INFO k k k\n1 INFO a u kk k,k xk k\n", &["k", "INFO"]),
        ),
        case(
            "edge case: duplicate secrets, and secrets beyond ASCII masked by character",
            of(
                "1 INFO a u p\u{e4}ss \u{1f511}\u{1f511} pass\n",
                &["p\u{e4}ss", "p\u{e4}ss", "\u{1f511}\u{1f511}"],
            ),
        ),
        case(
            "edge case: users that sort by bytes, not by letters",
            of(
                "1 INFO a b r\n2 INFO a B r\n3 INFO a \u{e9} r\n4 INFO a e r\n5 INFO a - r\n6 INFO a b r\n",
                &[],
            ),
        ),
        case(
            "edge case: a lone \\r inside a line",
            of("1 INFO a u x\ry\n", &["x"]),
        ),
        case(
            "edge case: a long request of secrets",
            of(&format!("1 INFO a u{}\n", " s".repeat(10_000)), &["s"]),
        ),
    ];
    for n in [1, 2, 3, 10, 99, 500] {
        cases.push(case(format!("random log, {n} lines"), server_log(rng, n)));
    }
    let mut no_secrets = server_log(rng, 200);
    no_secrets.secrets.clear();
    cases.push(case("random log, 200 lines, no secrets", no_secrets));
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Api, Starter};

    #[test]
    fn generated_logs_have_n_lines_secrets_and_quiet_lines() {
        let log = server_log(&mut Rng::with_seed(4), 1000);
        assert_eq!(log.size(), 1000);
        assert_eq!(log.secrets.len(), crate::inputs::SECRETS);
        let out = Starter::redact_log(&log.text, &log.secrets);
        assert!(out.contains("****"), "some secrets are masked");
        let dropped: u64 = out
            .lines()
            .last()
            .and_then(|l| l.strip_prefix("dropped: "))
            .and_then(|d| d.parse().ok())
            .expect("the last line counts the dropped lines");
        assert!((50..250).contains(&dropped), "{dropped} lines dropped");
        for smaller in log.shrink() {
            assert!(smaller.size() < 1000 || smaller.secrets.len() < log.secrets.len());
        }
    }

    #[test]
    fn the_edge_cases_mask_by_character_and_keep_look_alikes() {
        let cases = edge_cases(&mut Rng::with_seed(1));
        let run = |label: &str| {
            let c = cases.iter().find(|c| c.label.contains(label)).expect(label);
            Starter::redact_log(&c.input.text, &c.input.secrets)
        };
        assert!(run("beyond ASCII").contains("u **** ** pass\n"));
        assert!(run("inside words").contains("k INFO client-"));
        assert!(run("look quiet").ends_with("dropped: 3\n"));
    }
}
