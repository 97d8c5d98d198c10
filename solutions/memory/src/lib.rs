//! # Memory management: reference solution
//!
//! The same API as `exercises/memory`, each function frugal with the heap: the access log is
//! streamed through one reused line buffer, words are lowercased into one reused buffer, the org
//! chart's upward links are `Weak`, and sensor readings are stored in 16 bytes each.
//!
//! Each is also faster than its starter. The org chart needed the most care there: freeing the
//! chart costs time the leaking starter never spends, won back by sizing its map once, looking
//! each ID up once, and hashing the company's own IDs with one multiplication.

use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::BufRead;
use std::rc::{Rc, Weak};

// ANCHOR: endpoint_report
/// What the report says about one path.
#[derive(Default)]
struct PathStats {
    requests: u64,
    server_errors: u64,
    max_latency_us: u64,
}

impl PathStats {
    fn record(&mut self, status: u16, latency_us: u64) {
        self.requests += 1;
        if status >= 500 {
            self.server_errors += 1;
        }
        self.max_latency_us = self.max_latency_us.max(latency_us);
    }
}

/// The per-endpoint report of an access log (the format is the exercise's).
///
/// The log is streamed: one line at a time into one `String` that is cleared and reused, parsed
/// into fields borrowed from that line, and folded into the totals straight away. Only the
/// totals stay alive: about 40 paths, whatever the length of the log. A path's key is allocated
/// once, the first time the path is seen.
///
/// # Panics
///
/// If reading the log fails, or the log is not UTF-8 text.
pub fn endpoint_report(mut log: impl BufRead) -> String {
    let mut by_path: BTreeMap<String, PathStats> = BTreeMap::new();
    let mut skipped = 0;
    let mut line = String::new();
    loop {
        line.clear(); // keeps the capacity: no allocation once the longest line has been seen
        let read = log
            .read_line(&mut line)
            .expect("the access log must be readable UTF-8 text");
        if read == 0 {
            break;
        }
        let Some((path, status, latency_us)) = parse_request(&line) else {
            skipped += 1;
            continue;
        };
        // `get_mut` takes a `&str`: no String is built to look a path up.
        if let Some(stats) = by_path.get_mut(path) {
            stats.record(status, latency_us);
        } else {
            let mut stats = PathStats::default();
            stats.record(status, latency_us);
            by_path.insert(path.to_owned(), stats);
        }
    }

    let mut report = String::with_capacity(64 * (by_path.len() + 1));
    for (path, stats) in &by_path {
        let _ = writeln!(
            report,
            "{path} requests={} 5xx={} max_latency_us={}",
            stats.requests, stats.server_errors, stats.max_latency_us
        );
    }
    let _ = writeln!(report, "skipped={skipped}");
    report
}

/// The path, status and latency of the request on `line` (borrowed from it), or `None` when the
/// line is not a request. No allocation: the fields are slices of `line`.
fn parse_request(line: &str) -> Option<(&str, u16, u64)> {
    let mut fields = line.split_ascii_whitespace();
    let (Some(time), Some(_method), Some(path), Some(status), Some(latency), None) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return None;
    };
    time.parse::<u64>().ok()?;
    let status: u16 = status.parse().ok()?;
    if !path.starts_with('/') || !(100..=599).contains(&status) {
        return None;
    }
    Some((path, status, latency.parse().ok()?))
}
// ANCHOR_END: endpoint_report

// ANCHOR: top_words
/// The `k` most frequent words of `text` (the rules are the exercise's).
///
/// Each word is lowercased into one reused buffer and looked up by `&str`; a `String` is
/// allocated only the first time a word is seen. A vocabulary of a few hundred words costs a few
/// hundred allocations, whatever the length of the text.
pub fn top_words(text: &str, k: usize) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut lowered = String::new();
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'')) {
        let word = word.trim_matches('\'');
        if word.is_empty() {
            continue;
        }
        lowered.clear();
        lowered.push_str(word);
        lowered.make_ascii_lowercase();
        match counts.get_mut(lowered.as_str()) {
            Some(count) => *count += 1,
            None => {
                counts.insert(lowered.clone(), 1);
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    let order = |(word_a, count_a): &(String, usize), (word_b, count_b): &(String, usize)| {
        count_b.cmp(count_a).then(word_a.cmp(word_b))
    };
    if k < ranked.len() {
        // The k best in front, in any order (O(n)); then only those k are sorted.
        ranked.select_nth_unstable_by(k, order);
        ranked.truncate(k);
    }
    ranked.sort_unstable_by(order);
    ranked
}
// ANCHOR_END: top_words

// ANCHOR: org_chart
/// One employee of the org chart, linked to their manager and to their direct reports.
struct Employee {
    /// The employee's ID.
    id: u32,
    /// The employee's manager (`Weak::new()` at the top). A `Weak` does not keep the manager
    /// alive: the strong links all point down the chart (and from the chart's map), so there is
    /// no cycle, and dropping the chart frees every employee.
    manager: Weak<Employee>,
    /// The employee's direct reports, in hiring order: strong links.
    reports: RefCell<Vec<Rc<Employee>>>,
}

/// The company's org chart: every employee, by ID.
#[derive(Debug, Default)]
pub struct OrgChart {
    by_id: HashMap<u32, Rc<Employee>, BuildHasherDefault<IdHasher>>,
}

/// Employee IDs come from the company's own records, not from strangers, so they need no
/// protection against keys chosen to collide (the Data structures chapter's page on hashers):
/// one multiplication, as FxHash does, instead of SipHash's rounds.
#[derive(Debug, Default, Clone, Copy)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u32(u32::from(byte));
        }
    }

    fn write_u32(&mut self, id: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(id)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        // The table picks a bucket with the low bits: bring the well-mixed high bits down, so
        // that IDs differing only in their high bits still spread.
        self.0.rotate_left(26)
    }
}

impl OrgChart {
    /// Builds the chart from `(employee, manager)` records in hiring order (the rules are the
    /// exercise's).
    pub fn build(records: &[(u32, Option<u32>)]) -> OrgChart {
        let mut by_id = HashMap::with_capacity_and_hasher(records.len(), BuildHasherDefault::default());
        for &(id, manager_id) in records {
            // The manager first (a clone of the `Rc`, so that the map is free again), then one
            // `entry` both checks for a duplicate and keeps the slot to insert into.
            let manager = manager_id.and_then(|m| by_id.get(&m)).cloned();
            let Entry::Vacant(slot) = by_id.entry(id) else {
                continue;
            };
            let employee = Rc::new(Employee {
                id,
                // `Rc::downgrade` counts a weak reference; no allocation.
                manager: manager.as_ref().map(Rc::downgrade).unwrap_or_default(),
                reports: RefCell::new(Vec::new()),
            });
            if let Some(manager) = manager {
                manager.reports.borrow_mut().push(Rc::clone(&employee));
            }
            slot.insert(employee);
        }
        OrgChart { by_id }
    }

    /// The number of employees.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether the chart has no employee.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Whether `id` is an employee.
    pub fn contains(&self, id: u32) -> bool {
        self.by_id.contains_key(&id)
    }

    /// The ID of `id`'s manager; `None` at the top, and if `id` is not an employee.
    pub fn manager(&self, id: u32) -> Option<u32> {
        self.by_id.get(&id)?.manager.upgrade().map(|m| m.id)
    }

    /// The IDs of `id`'s direct reports, in hiring order; empty if `id` is not an employee.
    pub fn reports(&self, id: u32) -> Vec<u32> {
        self.by_id
            .get(&id)
            .map(|e| e.reports.borrow().iter().map(|r| r.id).collect())
            .unwrap_or_default()
    }

    /// `id` and their managers up to the top; empty if `id` is not an employee.
    pub fn chain_of_command(&self, id: u32) -> Vec<u32> {
        self.by_id.get(&id).map(chain_from).unwrap_or_default()
    }

    /// How many employees work under `id`, directly or not; 0 if `id` is not an employee.
    pub fn team_size(&self, id: u32) -> usize {
        let mut to_visit = Vec::new();
        self.by_id
            .get(&id)
            .map_or(0, |employee| team_under(employee, &mut to_visit))
    }
}

/// `employee` and their managers up to the top.
fn chain_from(employee: &Rc<Employee>) -> Vec<u32> {
    let mut chain = Vec::new();
    let mut next = Some(Rc::clone(employee));
    while let Some(employee) = next {
        chain.push(employee.id);
        // `upgrade` gives an `Rc` while the manager is alive (always, inside the chart).
        next = employee.manager.upgrade();
    }
    chain
}

/// How many employees work under `employee`, walked with `to_visit` as the stack (left empty).
fn team_under(employee: &Employee, to_visit: &mut Vec<Rc<Employee>>) -> usize {
    to_visit.extend(employee.reports.borrow().iter().cloned());
    let mut size = 0;
    while let Some(member) = to_visit.pop() {
        size += 1;
        to_visit.extend(member.reports.borrow().iter().cloned());
    }
    size
}

/// Builds the chart, answers `(chain_of_command(q), team_size(q))` for each query, and drops
/// the chart: all of it, this time. Each query looks its employee up once, and the walks down
/// the chart share one stack.
pub fn org_answers(records: &[(u32, Option<u32>)], queries: &[u32]) -> Vec<(Vec<u32>, usize)> {
    let chart = OrgChart::build(records);
    let mut to_visit = Vec::new();
    queries
        .iter()
        .map(|&id| match chart.by_id.get(&id) {
            Some(employee) => (chain_from(employee), team_under(employee, &mut to_visit)),
            None => (Vec::new(), 0),
        })
        .collect()
}
// ANCHOR_END: org_chart

/// Shows the IDs of an employee's manager and reports.
impl fmt::Debug for Employee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let manager = self.manager.upgrade().map(|m| m.id);
        let reports: Option<Vec<u32>> = self
            .reports
            .try_borrow()
            .ok()
            .map(|r| r.iter().map(|e| e.id).collect());
        f.debug_struct("Employee")
            .field("id", &self.id)
            .field("manager", &manager)
            .field("reports", &reports)
            .finish()
    }
}

// ANCHOR: sensor_log
/// A reading's status: one byte instead of a `String` (24 bytes, plus a heap block).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Status {
    Ok,
    Warn,
    Alarm,
}

/// One temperature reading: 16 bytes (8 + 4 + 2 + 1, padded to a multiple of the `u64`'s
/// alignment), against the starter's 64 bytes plus two heap blocks. The sensor is an index into
/// [`SensorLog`]'s names, each name stored once; the temperature is a whole number of tenths of a
/// degree, exact, where an `f64` would be 8 bytes and inexact.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    timestamp: u64,
    sensor: u32,
    tenths: i16,
    status: Status,
}

/// The readings of a sensor log, in file order, and each sensor's name, once.
#[derive(Debug, Default)]
pub struct SensorLog {
    names: Vec<Box<str>>,
    readings: Vec<Reading>,
    skipped: usize,
}

impl SensorLog {
    /// The number of readings.
    pub fn len(&self) -> usize {
        self.readings.len()
    }

    /// Whether the log holds no reading.
    pub fn is_empty(&self) -> bool {
        self.readings.is_empty()
    }
}

/// Loads a sensor log in CSV (the format is the exercise's).
///
/// The readings' `Vec` is sized once from the number of lines (an upper bound), so it never
/// grows: no doubling, no moment with the old and the new buffer both alive, no empty half.
/// Sensor names are interned: a `HashMap<&str, u32>` borrowed from the text finds each name's
/// index, and the name is copied into a `Box<str>` the first time only.
pub fn load_readings(csv: &str) -> SensorLog {
    let lines = csv.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut log = SensorLog {
        names: Vec::new(),
        readings: Vec::with_capacity(lines.saturating_sub(1)),
        skipped: 0,
    };
    let mut index: HashMap<&str, u32> = HashMap::new();
    for line in csv.lines().skip(1) {
        let Some((name, timestamp, tenths, status)) = parse_reading(line) else {
            log.skipped += 1;
            continue;
        };
        let sensor = match index.get(name) {
            Some(&sensor) => sensor,
            None => {
                let sensor = u32::try_from(log.names.len()).expect("fewer than 2³² sensors");
                log.names.push(name.into());
                index.insert(name, sensor);
                sensor
            }
        };
        log.readings.push(Reading {
            timestamp,
            sensor,
            tenths,
            status,
        });
    }
    log
}

/// The fields of the reading on `line` (the name borrowed from it), or `None` when the line is
/// not a reading.
fn parse_reading(line: &str) -> Option<(&str, u64, i16, Status)> {
    let mut fields = line.split(',');
    let (Some(sensor), Some(timestamp), Some(celsius), Some(status), None) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return None;
    };
    if sensor.is_empty() {
        return None;
    }
    let status = match status {
        "OK" => Status::Ok,
        "WARN" => Status::Warn,
        "ALARM" => Status::Alarm,
        _ => return None,
    };
    Some((sensor, timestamp.parse().ok()?, parse_tenths(celsius)?, status))
}

/// A temperature as the sensors write it (an optional `-`, one to three digits, a `.` and one
/// digit), in tenths of a degree: `-0.5` is -5. At most ±9,999: it fits an `i16`.
fn parse_tenths(text: &str) -> Option<i16> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    let (whole, tenth) = digits.split_once('.')?;
    if !(1..=3).contains(&whole.len()) || tenth.len() != 1 {
        return None;
    }
    let mut tenths: i16 = 0;
    for digit in whole.bytes().chain(tenth.bytes()) {
        if !digit.is_ascii_digit() {
            return None;
        }
        tenths = tenths * 10 + i16::from(digit - b'0');
    }
    Some(if negative { -tenths } else { tenths })
}

/// The report of a sensor log (the format is the exercise's).
///
/// The totals go into a `Vec` indexed by sensor, and only the names are sorted.
pub fn sensor_report(log: &SensorLog) -> String {
    /// (readings, highest tenths, alarms, latest timestamp)
    type Summary = (usize, i16, usize, u64);
    let mut summaries: Vec<Summary> = vec![(0, i16::MIN, 0, 0); log.names.len()];
    for reading in &log.readings {
        let summary = &mut summaries[reading.sensor as usize];
        summary.0 += 1;
        summary.1 = summary.1.max(reading.tenths);
        if reading.status == Status::Alarm {
            summary.2 += 1;
        }
        summary.3 = summary.3.max(reading.timestamp);
    }
    let mut order: Vec<usize> = (0..log.names.len()).collect();
    order.sort_unstable_by_key(|&sensor| &log.names[sensor]);

    let mut report = String::with_capacity(80 * (order.len() + 1));
    for sensor in order {
        let (count, highest, alarms, last) = summaries[sensor];
        let sign = if highest < 0 { "-" } else { "" };
        let (whole, tenth) = (highest.unsigned_abs() / 10, highest.unsigned_abs() % 10);
        let _ = writeln!(
            report,
            "{} readings={count} max={sign}{whole}.{tenth} alarms={alarms} last={last}",
            log.names[sensor]
        );
    }
    let _ = writeln!(report, "skipped={}", log.skipped);
    report
}
// ANCHOR_END: sensor_log

#[cfg(test)]
mod tests {
    use super::*;

    /// 1 manages 2 and 3; 2 manages 4.
    const RECORDS: [(u32, Option<u32>); 4] = [(1, None), (2, Some(1)), (3, Some(1)), (4, Some(2))];

    /// The chart's employees with these IDs, as `Weak`s that outlive the chart.
    fn watch(chart: &OrgChart, ids: &[u32]) -> Vec<Weak<Employee>> {
        ids.iter()
            .map(|id| Rc::downgrade(chart.by_id.get(id).expect("hired")))
            .collect()
    }

    // These tests are not in the exercise's shared test file because they look inside this
    // design (the starter fails them: its manager links are strong, so every manager and report
    // keep each other alive, and dropping the chart frees nobody). They observe the chart
    // through `Rc` and `Weak` counts, not through a heap profiler, so they can run in parallel
    // with any other test; the harness's `org_designs` test checks the heap figures.

    #[test]
    fn dropping_the_chart_frees_every_employee() {
        let chart = OrgChart::build(&RECORDS);
        let watched = watch(&chart, &[1, 2, 3, 4]);
        assert!(watched.iter().all(|w| w.upgrade().is_some()));
        drop(chart);
        for (id, weak) in [1, 2, 3, 4].iter().zip(&watched) {
            assert!(weak.upgrade().is_none(), "employee {id} outlived the chart");
            assert_eq!(weak.strong_count(), 0);
        }
    }

    #[test]
    fn only_the_chart_and_the_manager_hold_an_employee() {
        let chart = OrgChart::build(&RECORDS);
        let [top, middle, leaf] = [1, 2, 4].map(|id| chart.by_id.get(&id).expect("hired"));
        // The top is held by the chart's map only: its reports' links up to it are weak.
        assert_eq!(Rc::strong_count(top), 1);
        assert_eq!(Rc::weak_count(top), 2, "the manager links of 2 and 3");
        // Everyone else by the map and by their manager's list of reports.
        assert_eq!(Rc::strong_count(middle), 2);
        assert_eq!(Rc::weak_count(middle), 1, "the manager link of 4");
        assert_eq!(Rc::strong_count(leaf), 2);
        assert_eq!(Rc::weak_count(leaf), 0);
    }

    #[test]
    fn an_employee_kept_after_the_chart_keeps_only_their_team() {
        let chart = OrgChart::build(&RECORDS);
        let middle = Rc::clone(chart.by_id.get(&2).expect("hired"));
        let [top, leaf] = <[Weak<Employee>; 2]>::try_from(watch(&chart, &[1, 4])).expect("two");
        drop(chart);
        // Holding 2 keeps 2 and, through its reports, 4; its manager is gone.
        assert!(top.upgrade().is_none());
        assert!(leaf.upgrade().is_some());
        assert_eq!(Rc::strong_count(&middle), 1);
        drop(middle);
        assert!(leaf.upgrade().is_none());
    }

    #[test]
    fn a_long_chain_is_freed_too() {
        let records: Vec<(u32, Option<u32>)> = (0..2000u32).map(|i| (i, i.checked_sub(1))).collect();
        let chart = OrgChart::build(&records);
        let watched = watch(&chart, &[1999, 0]);
        drop(chart);
        assert!(watched.iter().all(|w| w.upgrade().is_none()));
    }

    #[test]
    fn a_reading_takes_16_bytes_and_a_status_one() {
        // The starter's `Reading` (two Strings, a u64 and an f64) takes 64.
        assert_eq!(size_of::<Reading>(), 16);
        assert_eq!(size_of::<Status>(), 1);
        assert_eq!(
            size_of::<Option<Status>>(),
            1,
            "a niche: Status uses 3 of 256 values"
        );
    }

    #[test]
    fn temperatures_parse_to_exact_tenths() {
        assert_eq!(parse_tenths("21.5"), Some(215));
        assert_eq!(parse_tenths("-0.5"), Some(-5));
        assert_eq!(parse_tenths("-0.0"), Some(0));
        assert_eq!(parse_tenths("999.9"), Some(9999));
        assert_eq!(parse_tenths("-999.9"), Some(-9999));
        for bad in [
            "", "-", ".5", "1.", "1.25", "1000.0", "+1.0", "1e2", "--1.0", "1.-", "abc",
        ] {
            assert_eq!(parse_tenths(bad), None, "{bad:?}");
        }
    }
}
