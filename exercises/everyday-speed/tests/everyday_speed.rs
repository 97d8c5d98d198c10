//! The exercise's correctness tests: `cargo test -p everyday-speed` (and, through a generated
//! shim, `cargo test -p everyday-speed-solution`).

use everyday_speed::{Reading, Summary, redact_log, smooth, summarize, write_report};
use std::io::{self, Read, Write};

fn report(readings: &[Reading]) -> String {
    let mut out = Vec::new();
    write_report(readings, &mut out).expect("a Vec never fails");
    String::from_utf8(out).expect("the report is UTF-8")
}

#[test]
fn the_report_is_a_header_and_one_line_per_reading() {
    assert_eq!(report(&[]), "sensor,time,milli_celsius\n");
    let readings = [
        Reading {
            sensor: 3,
            time: 1_764_800_000,
            milli_celsius: -1_250,
        },
        Reading {
            sensor: u32::MAX,
            time: u64::MAX,
            milli_celsius: i32::MIN,
        },
    ];
    assert_eq!(
        report(&readings),
        "sensor,time,milli_celsius\n3,1764800000,-1250\n4294967295,18446744073709551615,-2147483648\n"
    );
}

/// A writer that takes at most `limit` bytes per call, and fails after `fail_after` calls.
struct Stubborn {
    written: Vec<u8>,
    limit: usize,
    calls: usize,
    fail_after: usize,
}

impl Write for Stubborn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.calls += 1;
        if self.calls > self.fail_after {
            return Err(io::Error::other("disk full"));
        }
        let n = buf.len().min(self.limit);
        self.written.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn short_writes_are_finished_and_errors_are_returned() {
    let readings: Vec<Reading> = (0..500)
        .map(|i| Reading {
            sensor: i % 7,
            time: 1_000 + u64::from(i),
            milli_celsius: i as i32 - 250,
        })
        .collect();
    let mut short = Stubborn {
        written: Vec::new(),
        limit: 5,
        calls: 0,
        fail_after: usize::MAX,
    };
    write_report(&readings, &mut short).expect("short writes are no error");
    assert_eq!(
        String::from_utf8(short.written).expect("UTF-8"),
        report(&readings)
    );

    let mut failing = Stubborn {
        written: Vec::new(),
        limit: usize::MAX,
        calls: 0,
        fail_after: 0,
    };
    let error = write_report(&readings, &mut failing).expect_err("the writer fails");
    assert_eq!(error.to_string(), "disk full");
}

#[test]
fn a_report_read_back_is_summarized() {
    let readings = [
        Reading {
            sensor: 1,
            time: 10,
            milli_celsius: 21_500,
        },
        Reading {
            sensor: 2,
            time: 70,
            milli_celsius: -3_000,
        },
        Reading {
            sensor: 1,
            time: 130,
            milli_celsius: 19_000,
        },
    ];
    let summary = summarize(report(&readings).as_bytes()).expect("valid log");
    let expected = Summary {
        readings: 3,
        skipped: 1,
        min: Some(-3_000),
        max: Some(21_500),
        total: 37_500,
    };
    assert_eq!(summary, expected);
}

#[test]
fn damaged_lines_are_skipped_and_line_ends_are_either_kind() {
    let log = "sensor,time,milli_celsius\r\n4, 60 ,-5\r\n\n1,2\n1,2,3,4\nx,1,2\n7,8,9";
    let summary = summarize(log.as_bytes()).expect("valid log");
    let expected = Summary {
        readings: 2,
        skipped: 5,
        min: Some(-5),
        max: Some(9),
        total: 4,
    };
    assert_eq!(summary, expected);
    assert_eq!(summarize(&b""[..]).expect("empty log"), Summary::default());
    let one = summarize(&b"5,5,2147483647\n"[..]).expect("valid log");
    assert_eq!((one.readings, one.skipped, one.total), (1, 0, 2_147_483_647));
}

#[test]
fn a_log_that_is_not_utf8_is_invalid_data() {
    let error = summarize(&b"1,2,3\n4,5,\xff\n"[..]).expect_err("not UTF-8");
    assert_eq!(error.kind(), io::ErrorKind::InvalidData);
}

/// A reader that hands out at most three bytes per call.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(3);
        self.0.read(&mut buf[..n])
    }
}

#[test]
fn short_reads_give_the_same_summary() {
    let log = "sensor,time,milli_celsius\n1,2,3\n4,5,-6\nbad\n";
    let whole = summarize(log.as_bytes()).expect("valid log");
    assert_eq!(summarize(Trickle(log.as_bytes())).expect("valid log"), whole);
    assert_eq!((whole.readings, whole.skipped, whole.total), (2, 2, -3));
}

#[test]
fn smoothing_is_a_weighted_moving_sum() {
    assert!(smooth(&[], &[]).is_empty());
    assert!(smooth(&[1.0, 2.0], &[]).is_empty());
    assert!(smooth(&[1.0, 2.0], &[1.0, 1.0, 1.0]).is_empty());
    assert_eq!(smooth(&[1.0, 2.0, 3.0], &[1.0, 1.0, 1.0]), vec![6.0]);
    assert_eq!(smooth(&[1.0, 2.0, 3.0, 4.0], &[0.5, 2.0]), vec![4.5, 7.0, 9.5]);
    assert_eq!(smooth(&[3.0, -1.0], &[2.0]), vec![6.0, -2.0]);
}

#[test]
fn smoothing_adds_the_terms_in_order() {
    // (1e8 + -1e8) + 1 is 1 in f32, while 1e8 + (-1e8 + 1) is 0: the order shows.
    assert_eq!(smooth(&[1e8, -1e8, 1.0], &[1.0, 1.0, 1.0]), vec![1.0]);
}

fn secrets(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[test]
fn a_redacted_log_hides_addresses_and_secrets_and_counts_users() {
    let log = "2026-12-04T10:00:00 INFO 203.0.113.7 ana GET /cart 200 512 bearer s3cret\n\
               2026-12-04T10:00:01 DEBUG 203.0.113.7 ana GET /cart 200 512\n\
               2026-12-04T10:00:02 WARN 2001:db8::1 bob POST /login 401 0 bearer other\n\
               2026-12-04T10:00:03 INFO 203.0.113.7 ana GET /orders/7 200 90\n";
    let expected = "2026-12-04T10:00:00 INFO client-8f7164444e034d60 ana GET /cart 200 512 bearer ******\n\
                    2026-12-04T10:00:02 WARN client-ee44bdf00577f2e7 bob POST /login 401 0 bearer other\n\
                    2026-12-04T10:00:03 INFO client-8f7164444e034d60 ana GET /orders/7 200 90\n\
                    ana: 2 requests\n\
                    bob: 1 requests\n\
                    dropped: 1\n";
    assert_eq!(redact_log(log, &secrets(&["s3cret", "GET /cart"])), expected);
}

#[test]
fn short_quiet_and_empty_lines_are_dropped() {
    assert_eq!(redact_log("", &[]), "dropped: 0\n");
    let log = "\n1 INFO a b\n2 trace a b c\n3 Debug a b c\r\n4 debugging a b c\r\n5 INFO a b \n";
    let expected = "4 debugging client-af63dc4c8601ec8c b *\n\
                    5 INFO client-af63dc4c8601ec8c b \n\
                    b: 2 requests\n\
                    dropped: 4\n";
    assert_eq!(redact_log(log, &secrets(&["c"])), expected);
}

#[test]
fn secrets_are_whole_words_masked_by_character() {
    let log = "t INFO a u  p\u{e4}ss p\u{e4}ssword  p\u{e4}ss";
    assert_eq!(
        redact_log(log, &secrets(&["p\u{e4}ss", "p\u{e4}ss"])),
        "t INFO client-af63dc4c8601ec8c u  **** p\u{e4}ssword  ****\nu: 1 requests\ndropped: 0\n"
    );
    // An empty secret matches the empty words between two spaces, and masks them with nothing.
    assert_eq!(
        redact_log("t INFO a u x  y", &secrets(&[""])),
        "t INFO client-af63dc4c8601ec8c u x  y\nu: 1 requests\ndropped: 0\n"
    );
}
