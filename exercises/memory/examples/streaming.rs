//! Streaming instead of collecting: the same statistics of a log computed three ways, with the
//! heap each one needs, measured by dhat.
//!
//! ```console
//! cargo run --release -p memory --example streaming
//! ```
//!
//! Test it with `cargo test -p memory --example streaming`.

use std::hint::black_box;
use std::io::BufRead;

// Like `heap_profile`, this example measures itself with dhat's allocator.
#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// What all three versions compute: lines, words, and the longest line's length in bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Stats {
    lines: usize,
    words: usize,
    longest: usize,
}

impl Stats {
    fn add(&mut self, line: &str) {
        self.lines += 1;
        self.words += line.split_ascii_whitespace().count();
        self.longest = self.longest.max(line.len());
    }
}

// ANCHOR: collected
/// Reads everything, then copies every line into its own `String`, then looks at them. At its
/// peak the whole text is in memory twice, plus a 24-byte handle per line.
fn stats_collected(mut input: impl BufRead) -> Stats {
    let mut text = String::new();
    input.read_to_string(&mut text).expect("UTF-8 text");
    let lines: Vec<String> = text.lines().map(String::from).collect();
    let mut stats = Stats::default();
    for line in &lines {
        stats.add(line);
    }
    stats
}
// ANCHOR_END: collected

// ANCHOR: lines_iter
/// `BufRead::lines` streams: one line is alive at a time, so the peak is small. But it hands out
/// a new `String` for every line: one allocation (and one free) per line.
fn stats_lines(input: impl BufRead) -> Stats {
    let mut stats = Stats::default();
    for line in input.lines() {
        stats.add(&line.expect("UTF-8 text"));
    }
    stats
}
// ANCHOR_END: lines_iter

// ANCHOR: streamed
/// `read_line` into one `String`, cleared before each line: one line alive at a time, and the
/// buffer allocated only while lines keep getting longer.
fn stats_streamed(mut input: impl BufRead) -> Stats {
    let mut stats = Stats::default();
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line).expect("UTF-8 text") == 0 {
            break;
        }
        stats.add(line.trim_end_matches(['\n', '\r']));
    }
    stats
}
// ANCHOR_END: streamed

// ANCHOR: borrowed_fields
/// The status codes of a log whose lines read `<time> <method> <path> <status> <latency>`,
/// counted per hundred (index 2 for 2xx, 5 for 5xx). The fields are `&str` slices of the line:
/// looking at a field costs no allocation, and nothing is collected to count.
fn status_classes(log: &str) -> [usize; 6] {
    let mut classes = [0; 6];
    for line in log.lines() {
        let status = line
            .split_ascii_whitespace()
            .nth(3)
            .and_then(|s| s.parse::<u16>().ok());
        if let Some(class) = status.map(|s| usize::from(s / 100)).filter(|&c| c < 6) {
            classes[class] += 1;
        }
    }
    classes
}
// ANCHOR_END: borrowed_fields

/// The peak bytes live and the allocations of one call of `f`, under dhat (testing mode: the
/// statistics only, no profile file).
fn heap_of<O>(f: impl FnOnce() -> O) -> (usize, u64) {
    let _profiler = dhat::Profiler::builder().testing().build();
    black_box(f());
    let stats = dhat::HeapStats::get();
    (stats.max_bytes, stats.total_blocks)
}

/// One of the three versions, reading from bytes.
type Version = fn(&[u8]) -> Stats;

/// `n` lines of access log.
fn log_of(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "17644608{i:05} GET /api/v1/orders/{} 200 {}\n",
                i % 97,
                100 + i % 900
            )
        })
        .collect()
}

fn main() {
    let log = log_of(100_000);
    println!("A log of 100000 lines, {} bytes:\n", log.len());
    println!("{:<28} {:>14} {:>13}", "", "peak bytes", "allocations");
    let versions: [(&str, Version); 3] = [
        ("read_to_string + collect", |b| stats_collected(b)),
        ("BufRead::lines", |b| stats_lines(b)),
        ("read_line into one String", |b| stats_streamed(b)),
    ];
    for (name, version) in versions {
        let (peak, allocations) = heap_of(|| version(log.as_bytes()));
        println!("{name:<28} {peak:>14} {allocations:>13}");
    }
    println!("\nstatus classes: {:?}", status_classes(&log));
    println!("(all three agree: {:?})", stats_streamed(log.as_bytes()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_versions_agree() {
        for text in ["", "one", "a b\n\nc d e\r\nlonger line here\n", "x\n"] {
            let expected = stats_collected(text.as_bytes());
            assert_eq!(stats_lines(text.as_bytes()), expected, "{text:?}");
            assert_eq!(stats_streamed(text.as_bytes()), expected, "{text:?}");
        }
        assert_eq!(
            stats_streamed("a b\n\nc d e\r\n".as_bytes()),
            Stats {
                lines: 3,
                words: 5,
                longest: 5
            }
        );
    }

    #[test]
    fn status_classes_count_per_hundred() {
        let log = "1 GET /a 200 5\n1 GET /a 503 5\n1 GET /b 204 5\nbad\n1 GET /c 700 1\n";
        assert_eq!(status_classes(log), [0, 0, 2, 0, 0, 1]);
    }

    // The only test that starts a profiler (dhat allows one at a time). Other tests' allocations
    // may be counted too, so the bounds are loose.
    #[test]
    fn streaming_allocates_less() {
        let log = log_of(10_000);
        let (collected_peak, collected_allocations) = heap_of(|| stats_collected(log.as_bytes()));
        let (lines_peak, lines_allocations) = heap_of(|| stats_lines(log.as_bytes()));
        let (streamed_peak, streamed_allocations) = heap_of(|| stats_streamed(log.as_bytes()));
        assert!(collected_peak > 2 * log.len(), "{collected_peak}");
        assert!(collected_allocations > 10_000);
        assert!(lines_allocations >= 10_000, "{lines_allocations}");
        assert!(lines_peak < log.len() / 10, "{lines_peak}");
        assert!(streamed_peak < log.len() / 10, "{streamed_peak}");
        assert!(streamed_allocations < 1_000, "{streamed_allocations}");
    }
}
