//! Stage 1: split a log line into its fields and check each one against the log format.

/// One well-formed line of the log, borrowing its text from the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request<'a> {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub time: u64,
    pub method: &'a str,
    /// The path as logged, query string included.
    pub path: &'a str,
    pub status: u16,
    pub latency_ms: u32,
    pub session: &'a str,
}

/// The methods the log format allows.
const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

// ANCHOR: parse_line
/// The request on `line`, or `None` if the line is malformed.
#[inline(never)]
pub fn parse_line(line: &str) -> Option<Request<'_>> {
    let (time, rest) = split_field(line)?;
    let time = parse_timestamp(time)?;
    let (method, rest) = split_field(rest)?;
    if !METHODS.contains(&method) {
        return None;
    }
    let (path, rest) = split_field(rest)?;
    if !path.starts_with('/') {
        return None;
    }
    let (status, rest) = split_field(rest)?;
    if status.len() != 3 {
        return None;
    }
    let status = u16::try_from(parse_number(status)?).ok()?;
    if !(100..=599).contains(&status) {
        return None;
    }
    let (latency, rest) = split_field(rest)?;
    let latency_ms = parse_number(latency.strip_suffix("ms")?)?;
    let (session, user_agent) = split_field(rest)?;
    let session = session.strip_prefix("session=")?;
    if session.is_empty() || !session.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // The user agent itself is not used, but it must be quoted. It is the rest of the line, so
    // it may contain spaces.
    user_agent.strip_prefix("ua=\"")?.strip_suffix('"')?;
    Some(Request {
        time,
        method,
        path,
        status,
        latency_ms,
        session,
    })
}
// ANCHOR_END: parse_line

/// Splits `text` at its first space: the field before the space, and the rest after it. `None`
/// if there is no space.
#[inline(never)]
pub fn split_field(text: &str) -> Option<(&str, &str)> {
    let space = text.bytes().position(|byte| byte == b' ')?;
    Some((&text[..space], &text[space + 1..]))
}

/// A decimal number of one or more ASCII digits (no sign), or `None` if it is not one or does
/// not fit in a `u32`.
#[inline(never)]
pub fn parse_number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    let mut value: u32 = 0;
    for byte in text.bytes() {
        if !byte.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(u32::from(byte - b'0'))?;
    }
    Some(value)
}

// ANCHOR: parse_timestamp
/// Seconds since 1970-01-01T00:00:00Z of a `YYYY-MM-DDTHH:MM:SSZ` time, or `None` if `text` is
/// not one or names a date that does not exist.
#[inline(never)]
pub fn parse_timestamp(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    if bytes.len() != 20
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || bytes[10] != b'T'
        || bytes[13] != b':'
        || bytes[16] != b':'
        || bytes[19] != b'Z'
    {
        return None;
    }
    let year = parse_number(&text[0..4])?;
    let month = parse_number(&text[5..7])?;
    let day = parse_number(&text[8..10])?;
    let hour = parse_number(&text[11..13])?;
    let minute = parse_number(&text[14..16])?;
    let second = parse_number(&text[17..19])?;
    if year < 1970 || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = days_since_epoch(year, month, day);
    Some(days * 86_400 + u64::from(hour * 3600 + minute * 60 + second))
}
// ANCHOR_END: parse_timestamp

/// The number of days in `month` (1–12) of `year`, leap years counted.
#[inline(never)]
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Whether `year` has a 29th of February in the Gregorian calendar.
#[inline(never)]
pub fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days from 1970-01-01 to a valid date on or after it.
///
/// Howard Hinnant's `days_from_civil`: count from 0000-03-01 in 400-year eras, so that the
/// leap day falls at the end of each counted year, then subtract the days before 1970.
#[inline(never)]
pub fn days_since_epoch(year: u32, month: u32, day: u32) -> u64 {
    let (year, month, day) = (u64::from(year), u64::from(month), u64::from(day));
    // March is month 0 of the counted year; January and February belong to the previous one.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year % 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719,468 days separate 0000-03-01 from 1970-01-01.
    era * 146_097 + day_of_era - 719_468
}
