//! The handles `buffered-io` hands the subject: an in-memory file and an in-memory log that
//! count the calls reaching them, each call costing what a system call costs.
//!
//! Like a pipe or a socket, each call moves at most [`MAX_PER_CALL`] bytes, so code that
//! ignores a short write or read loses data and fails the correctness check.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// What one call into the operating system costs: about a microsecond for a `write` or `read`
/// of a small buffer on Linux.
pub const CALL_COST: Duration = Duration::from_micros(1);

/// The most bytes one call moves: a pipe's buffer.
pub const MAX_PER_CALL: usize = 64 * 1024;

/// Spends [`CALL_COST`]: spinning on the clock when timed, a fixed amount of work when counted
/// in instructions (exact mode).
fn system_call() {
    if grader_kit::exact::counted_wait(CALL_COST) {
        return;
    }
    let start = Instant::now();
    while start.elapsed() < CALL_COST {
        std::hint::spin_loop();
    }
}

/// An in-memory file that counts the `write` calls reaching it.
#[derive(Debug, Default)]
pub struct CountingWriter {
    /// Everything written, in order.
    pub written: Vec<u8>,
    /// `write` calls so far, empty ones included.
    pub calls: u64,
}

impl Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        system_call();
        self.calls += 1;
        let n = buf.len().min(MAX_PER_CALL);
        self.written.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    /// Nothing is held back, so there is nothing to flush (and no call is counted).
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// An in-memory log that counts the `read` calls reaching it.
#[derive(Debug)]
pub struct CountingReader<'a> {
    /// What is left to read.
    pub rest: &'a [u8],
    /// `read` calls so far, those at the end of the log included.
    pub calls: u64,
}

impl<'a> CountingReader<'a> {
    /// A reader at the start of `log`.
    pub fn new(log: &'a [u8]) -> Self {
        CountingReader { rest: log, calls: 0 }
    }
}

impl Read for CountingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        system_call();
        self.calls += 1;
        let n = buf.len().min(MAX_PER_CALL).min(self.rest.len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_counts_calls_and_takes_at_most_a_pipe_full() {
        let mut out = CountingWriter::default();
        out.write_all(b"1,").expect("memory never fails");
        out.write_all(b"2").expect("memory never fails");
        out.write_all(b"").expect("memory never fails");
        assert_eq!((out.written.as_slice(), out.calls), (&b"1,2"[..], 2));
        let big = vec![7u8; MAX_PER_CALL + 10];
        assert_eq!(out.write(&big).expect("memory never fails"), MAX_PER_CALL);
        out.write_all(&big).expect("memory never fails");
        assert_eq!(out.calls, 5);
        assert_eq!(out.written.len(), 3 + MAX_PER_CALL + big.len());
    }

    #[test]
    fn the_reader_counts_calls_including_the_one_at_the_end() {
        let log = vec![b'x'; MAX_PER_CALL + 5];
        let mut input = CountingReader::new(&log);
        let mut all = Vec::new();
        input.read_to_end(&mut all).expect("memory never fails");
        assert_eq!(all, log);
        let mut one = CountingReader::new(b"ab");
        let mut byte = [0; 1];
        let mut bytes = Vec::new();
        while one.read(&mut byte).expect("memory never fails") > 0 {
            bytes.push(byte[0]);
        }
        assert_eq!((bytes.as_slice(), one.calls), (&b"ab"[..], 3));
    }

    #[test]
    fn a_call_costs_about_a_microsecond() {
        let mut out = CountingWriter::default();
        let start = Instant::now();
        for _ in 0..1000 {
            out.write_all(b"x").expect("memory never fails");
        }
        assert!(start.elapsed() >= 1000 * CALL_COST);
    }
}
