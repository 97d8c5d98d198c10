//! Sensor readings as CSV: the report a logger writes, and the summary of a log it reads back.

use std::io::{self, Read, Write};

/// One temperature reading of one sensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The sensor's number.
    pub sensor: u32,
    /// When it was taken, in seconds since the Unix epoch.
    pub time: u64,
    /// The temperature, in thousandths of a degree Celsius.
    pub milli_celsius: i32,
}

/// What a log of readings holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Lines that are a reading: three comma-separated integers.
    pub readings: u64,
    /// Other lines: the header, blank lines, damaged lines.
    pub skipped: u64,
    /// The lowest temperature, in thousandths of a degree (`None` without readings).
    pub min: Option<i32>,
    /// The highest temperature, in thousandths of a degree (`None` without readings).
    pub max: Option<i32>,
    /// The sum of all the temperatures, in thousandths of a degree.
    pub total: i64,
}

// ANCHOR: write_report
/// Writes `readings` to `out` as CSV: the header `sensor,time,milli_celsius`, then one line
/// per reading, each line ending in `\n`.
///
/// # Errors
///
/// The first error of `out`.
pub fn write_report(readings: &[Reading], mut out: impl Write) -> io::Result<()> {
    writeln!(out, "sensor,time,milli_celsius")?;
    for reading in readings {
        writeln!(
            out,
            "{},{},{}",
            reading.sensor, reading.time, reading.milli_celsius
        )?;
    }
    out.flush()
}
// ANCHOR_END: write_report

// ANCHOR: summarize
/// Summarizes a CSV log of readings read from `input`.
///
/// Lines end in `\n` (or `\r\n`); the last one may have no end. A line is a reading when it
/// has three comma-separated fields that parse, after trimming spaces, as a sensor (`u32`), a
/// time (`u64`) and a temperature (`i32`); every other line is counted as skipped.
///
/// # Errors
///
/// An error of `input`, or [`io::ErrorKind::InvalidData`] if the log is not UTF-8.
pub fn summarize(mut input: impl Read) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut line = Vec::new();
    let mut byte = [0; 1];
    while input.read(&mut byte)? > 0 {
        if byte[0] == b'\n' {
            add_line(&mut summary, &line)?;
            line.clear();
        } else {
            line.push(byte[0]);
        }
    }
    if !line.is_empty() {
        add_line(&mut summary, &line)?;
    }
    Ok(summary)
}
// ANCHOR_END: summarize

/// Counts one line of the log into `summary`.
fn add_line(summary: &mut Summary, line: &[u8]) -> io::Result<()> {
    let text = std::str::from_utf8(line).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    match parse_reading(text) {
        Some(reading) => {
            let t = reading.milli_celsius;
            summary.readings += 1;
            summary.min = Some(summary.min.map_or(t, |m| m.min(t)));
            summary.max = Some(summary.max.map_or(t, |m| m.max(t)));
            summary.total += i64::from(t);
        }
        None => summary.skipped += 1,
    }
    Ok(())
}

/// The reading on one line of the log, if it is one.
fn parse_reading(line: &str) -> Option<Reading> {
    let mut fields = line.split(',');
    let reading = Reading {
        sensor: fields.next()?.trim().parse().ok()?,
        time: fields.next()?.trim().parse().ok()?,
        milli_celsius: fields.next()?.trim().parse().ok()?,
    };
    fields.next().is_none().then_some(reading)
}
