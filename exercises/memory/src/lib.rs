//! # Memory management: the exercise
//!
//! Four functions from the monitoring service of a small data centre: the endpoint report of an
//! access log, the most frequent words of a text, the org chart, and the sensors' daily report.
//! Each one is correct. Make each one frugal with the heap, without changing any signature or
//! any answer.
//!
//! - Check your answers: `cargo test -p memory`
//! - Measure the heap yourself: `cargo run --release -p memory --example heap_profile -- log-summary`
//!   (or `word-frequencies`, `org-chart`, `sensor-log`)
//! - Measure the time: `cargo bench -p memory`
//! - Grade it: `cargo run -p grader -- memory`
//!
//! The grader compares your answers with this starter's on edge cases and random inputs, then
//! measures both with a heap profiler on the same input, and times both: a saving of memory must
//! not cost speed.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};
use std::io::BufRead;
use std::rc::Rc;

// ANCHOR: endpoint_report
/// One request of the access log, parsed.
struct Request {
    path: String,
    status: u16,
    latency_us: u64,
}

/// What the report says about one path.
#[derive(Default)]
struct PathStats {
    requests: u64,
    server_errors: u64,
    max_latency_us: u64,
}

/// The per-endpoint report of an access log.
///
/// Each line of the log is one request, five fields separated by spaces:
/// `<unix_ms> <METHOD> <path> <status> <latency_us>`, for example
/// `1764460800123 GET /api/orders 200 5123`. A line is a request when it has exactly five fields
/// (any run of ASCII whitespace separates them, and ends a line's `\r`), the time and the
/// latency are whole numbers that fit a `u64`, the path starts with `/`, and the status is a
/// whole number from 100 to 599. The method may be any word. Every other line, a blank one
/// included, is skipped and counted.
///
/// The report has one line per path, sorted by path (byte order):
/// `<path> requests=<count> 5xx=<count of statuses 500 to 599> max_latency_us=<largest latency>`,
/// then a last line `skipped=<count of skipped lines>`. Every line ends in `\n`.
///
/// # Panics
///
/// If reading the log fails, or the log is not UTF-8 text.
pub fn endpoint_report(mut log: impl BufRead) -> String {
    let mut text = String::new();
    log.read_to_string(&mut text)
        .expect("the access log must be readable UTF-8 text");
    let lines: Vec<String> = text.lines().map(String::from).collect();

    let mut requests = Vec::new();
    let mut skipped = 0;
    for line in &lines {
        match parse_request(line) {
            Some(request) => requests.push(request),
            None => skipped += 1,
        }
    }

    let mut by_path: BTreeMap<String, PathStats> = BTreeMap::new();
    for request in &requests {
        let stats = by_path.entry(request.path.clone()).or_default();
        stats.requests += 1;
        if request.status >= 500 {
            stats.server_errors += 1;
        }
        stats.max_latency_us = stats.max_latency_us.max(request.latency_us);
    }

    let mut report = String::new();
    for (path, stats) in &by_path {
        // Writing into a String cannot fail.
        let _ = writeln!(
            report,
            "{path} requests={} 5xx={} max_latency_us={}",
            stats.requests, stats.server_errors, stats.max_latency_us
        );
    }
    let _ = writeln!(report, "skipped={skipped}");
    report
}

/// The request on `line`, or `None` when the line is not one.
fn parse_request(line: &str) -> Option<Request> {
    let fields: Vec<&str> = line.split_ascii_whitespace().collect();
    let [time, _method, path, status, latency] = fields[..] else {
        return None;
    };
    time.parse::<u64>().ok()?;
    let status: u16 = status.parse().ok()?;
    if !path.starts_with('/') || !(100..=599).contains(&status) {
        return None;
    }
    Some(Request {
        path: path.to_string(),
        status,
        latency_us: latency.parse().ok()?,
    })
}
// ANCHOR_END: endpoint_report

// ANCHOR: top_words
/// The `k` most frequent words of `text`, most frequent first, with their counts; words equally
/// frequent come in alphabetical (byte) order. Fewer than `k` when the text has fewer distinct
/// words; none when `k` is 0.
///
/// A word is a maximal run of ASCII letters, ASCII digits and apostrophes (`'`), with the
/// apostrophes at its start and end removed (`'tis'` is `tis`, `don't` stays `don't`); a run of
/// apostrophes alone is not a word. Every other character separates words, non-ASCII letters
/// included. Words are counted case-insensitively and reported in ASCII lowercase.
pub fn top_words(text: &str, k: usize) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'')) {
        let word = word.trim_matches('\'');
        if word.is_empty() {
            continue;
        }
        *counts.entry(word.to_ascii_lowercase()).or_insert(0) += 1;
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|(word_a, count_a), (word_b, count_b)| count_b.cmp(count_a).then(word_a.cmp(word_b)));
    ranked.truncate(k);
    ranked
}
// ANCHOR_END: top_words

// ANCHOR: org_chart
/// One employee of the org chart, linked to their manager and to their direct reports.
struct Employee {
    /// The employee's ID.
    id: u32,
    /// The employee's manager, `None` at the top.
    manager: RefCell<Option<Rc<Employee>>>,
    /// The employee's direct reports, in hiring order.
    reports: RefCell<Vec<Rc<Employee>>>,
}

/// The company's org chart: every employee, by ID.
#[derive(Debug, Default)]
pub struct OrgChart {
    by_id: HashMap<u32, Rc<Employee>>,
}

impl OrgChart {
    /// Builds the chart from `(employee, manager)` records in hiring order. A manager is hired
    /// before their reports: a manager ID that is not known yet (or `None`) makes the employee a
    /// top-level one. A record whose employee ID is already known is ignored.
    pub fn build(records: &[(u32, Option<u32>)]) -> OrgChart {
        let mut by_id: HashMap<u32, Rc<Employee>> = HashMap::new();
        for &(id, manager_id) in records {
            if by_id.contains_key(&id) {
                continue;
            }
            let employee = Rc::new(Employee {
                id,
                manager: RefCell::new(None),
                reports: RefCell::new(Vec::new()),
            });
            if let Some(manager) = manager_id.and_then(|m| by_id.get(&m)) {
                *employee.manager.borrow_mut() = Some(Rc::clone(manager));
                manager.reports.borrow_mut().push(Rc::clone(&employee));
            }
            by_id.insert(id, employee);
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

    /// The ID of `id`'s manager; `None` for an employee at the top of the chart, and if `id` is
    /// not an employee.
    pub fn manager(&self, id: u32) -> Option<u32> {
        let employee = self.by_id.get(&id)?;
        let manager = employee.manager.borrow();
        manager.as_ref().map(|m| m.id)
    }

    /// The IDs of `id`'s direct reports, in hiring order; empty if `id` is not an employee.
    pub fn reports(&self, id: u32) -> Vec<u32> {
        match self.by_id.get(&id) {
            Some(employee) => employee.reports.borrow().iter().map(|r| r.id).collect(),
            None => Vec::new(),
        }
    }

    /// `id`, their manager, their manager's manager, and so on up to the top of the chart; empty
    /// if `id` is not an employee.
    pub fn chain_of_command(&self, id: u32) -> Vec<u32> {
        let mut chain = Vec::new();
        let mut next = self.by_id.get(&id).cloned();
        while let Some(employee) = next {
            chain.push(employee.id);
            next = employee.manager.borrow().clone();
        }
        chain
    }

    /// How many employees work under `id`, directly or not; 0 if `id` is not an employee.
    pub fn team_size(&self, id: u32) -> usize {
        let Some(employee) = self.by_id.get(&id) else {
            return 0;
        };
        let mut to_visit: Vec<Rc<Employee>> = employee.reports.borrow().clone();
        let mut size = 0;
        while let Some(member) = to_visit.pop() {
            size += 1;
            to_visit.extend(member.reports.borrow().iter().cloned());
        }
        size
    }
}

/// Builds the chart from `records` (see [`OrgChart::build`]), answers
/// `(chain_of_command(q), team_size(q))` for each query `q`, in order, and drops the chart.
pub fn org_answers(records: &[(u32, Option<u32>)], queries: &[u32]) -> Vec<(Vec<u32>, usize)> {
    let chart = OrgChart::build(records);
    queries
        .iter()
        .map(|&id| (chart.chain_of_command(id), chart.team_size(id)))
        .collect()
}
// ANCHOR_END: org_chart

/// Shows the IDs of an employee's manager and reports (showing the employees themselves would
/// go round the chart for ever).
impl fmt::Debug for Employee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let manager = self
            .manager
            .try_borrow()
            .ok()
            .and_then(|m| m.as_ref().map(|m| m.id));
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
/// One temperature reading: which sensor, when, how warm, and the sensor's status.
#[derive(Debug, Clone)]
pub struct Reading {
    sensor: String,
    timestamp: u64,
    celsius: f64,
    status: String,
}

/// The readings of a sensor log, in file order.
#[derive(Debug, Default)]
pub struct SensorLog {
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

/// Loads a sensor log in CSV: a header line first (whatever it says), then one reading per line,
/// `sensor,timestamp,celsius,status`, for example `boiler-room-3,1764460800,21.5,OK`.
///
/// A line is a reading when it has exactly four fields separated by commas (nothing is
/// trimmed), the sensor's name is not empty, the timestamp is a whole number that fits a `u64`,
/// the temperature is an optional `-`, one to three digits, a `.` and one digit (`21.5`,
/// `-0.5`, `104.0`), and the status is `OK`, `WARN` or `ALARM`. Every other line, a blank one
/// included, is skipped and counted.
pub fn load_readings(csv: &str) -> SensorLog {
    let mut log = SensorLog::default();
    for line in csv.lines().skip(1) {
        match parse_reading(line) {
            Some(reading) => log.readings.push(reading),
            None => log.skipped += 1,
        }
    }
    log
}

/// The reading on `line`, or `None` when the line is not one.
fn parse_reading(line: &str) -> Option<Reading> {
    let fields: Vec<&str> = line.split(',').collect();
    let [sensor, timestamp, celsius, status] = fields[..] else {
        return None;
    };
    if sensor.is_empty() || !is_celsius(celsius) || !matches!(status, "OK" | "WARN" | "ALARM") {
        return None;
    }
    Some(Reading {
        sensor: sensor.to_string(),
        timestamp: timestamp.parse().ok()?,
        celsius: celsius.parse().ok()?,
        status: status.to_string(),
    })
}

/// Whether `text` is a temperature as the sensors write it: an optional `-`, one to three
/// digits, a `.` and one digit.
fn is_celsius(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let Some((whole, tenths)) = digits.split_once('.') else {
        return false;
    };
    (1..=3).contains(&whole.len())
        && tenths.len() == 1
        && whole.bytes().chain(tenths.bytes()).all(|b| b.is_ascii_digit())
}

/// The report of a sensor log: one line per sensor, sorted by name (byte order):
/// `<sensor> readings=<count> max=<highest celsius> alarms=<count of ALARM> last=<latest timestamp>`,
/// the temperature with one decimal (`-0.0` is shown as `0.0`), then a last line
/// `skipped=<count of skipped lines>`. Every line ends in `\n`.
pub fn sensor_report(log: &SensorLog) -> String {
    // Per sensor: (readings, highest celsius, alarms, latest timestamp).
    let mut by_sensor: BTreeMap<&str, (usize, f64, usize, u64)> = BTreeMap::new();
    for reading in &log.readings {
        let entry = by_sensor
            .entry(reading.sensor.as_str())
            .or_insert((0, f64::NEG_INFINITY, 0, 0));
        entry.0 += 1;
        entry.1 = entry.1.max(reading.celsius);
        if reading.status == "ALARM" {
            entry.2 += 1;
        }
        entry.3 = entry.3.max(reading.timestamp);
    }
    let mut report = String::new();
    for (sensor, (count, highest, alarms, last)) in &by_sensor {
        // Adding 0.0 turns -0.0 into 0.0.
        let highest = highest + 0.0;
        let _ = writeln!(
            report,
            "{sensor} readings={count} max={highest:.1} alarms={alarms} last={last}"
        );
    }
    let _ = writeln!(report, "skipped={}", log.skipped);
    report
}
// ANCHOR_END: sensor_log
