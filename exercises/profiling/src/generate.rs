//! Realistic access logs, generated deterministically from a seed: for the tests, the
//! benchmark, the `run_pipeline` example and the grader. Not part of the pipeline.

use fastrand::Rng;
use std::fmt::Write;

/// The time of the first line of every generated log: 2026-11-24T00:00:00Z.
const START: u64 = 1_795_478_400;

/// The API's resources; each has 8 endpoints in each of 2 API versions.
const RESOURCES: [&str; 16] = [
    "orders",
    "users",
    "products",
    "carts",
    "invoices",
    "payments",
    "reviews",
    "shipments",
    "coupons",
    "wishlists",
    "addresses",
    "categories",
    "inventory",
    "refunds",
    "notifications",
    "recommendations",
];

/// The endpoints of one resource, `{r}` standing for its name and `{id}` for a numeric ID.
const SHAPES: [(&str, &str); 8] = [
    ("GET", "/api/{v}/{r}"),
    ("POST", "/api/{v}/{r}"),
    ("GET", "/api/{v}/{r}/{id}"),
    ("PUT", "/api/{v}/{r}/{id}"),
    ("DELETE", "/api/{v}/{r}/{id}"),
    ("GET", "/api/{v}/{r}/{id}/items"),
    ("GET", "/api/{v}/{r}/{id}/history"),
    ("PATCH", "/api/{v}/{r}/{id}/status"),
];

/// The endpoints outside the API.
const OTHER_ENDPOINTS: [(&str, &str); 8] = [
    ("GET", "/"),
    ("GET", "/health"),
    ("HEAD", "/health"),
    ("GET", "/static/app.js"),
    ("GET", "/static/app.css"),
    ("GET", "/favicon.ico"),
    ("POST", "/login"),
    ("OPTIONS", "/api/v2/orders"),
];

/// Query strings, `{n}` standing for a number.
const QUERIES: [&str; 5] = [
    "?page={n}",
    "?limit=50&offset={n}",
    "?sort=desc",
    "?expand=items",
    "?q=red+shoes",
];

/// User agents, with the spaces, parentheses and semicolons of real ones.
const USER_AGENTS: [&str; 6] = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "okhttp/4.12.0",
    "curl/8.11.0",
    "Googlebot/2.1 (+http://www.google.com/bot.html)",
];

/// Lines that are not requests at all.
const GARBAGE: [&str; 4] = [
    "-- server restarted --",
    "    at handler (/srv/app/orders.js:42:17)",
    "2026-11-24T09:15:00Z WARN connection pool exhausted",
    "\u{feff}#Fields: date method path status latency session ua",
];

/// One endpoint of the generated traffic.
#[derive(Debug)]
struct Endpoint {
    method: &'static str,
    /// The path template, with `{id}` for a numeric ID.
    template: String,
    /// The latency of a typical request, in milliseconds.
    typical_ms: u32,
    /// Server errors per thousand requests.
    errors_per_mille: u32,
}

/// Every endpoint the generated logs use, a few hundred, with the traffic of each: a handful of
/// endpoints take most of it, and a long tail of others a request now and then. Which ones are
/// busy depends on the seed.
fn catalogue(rng: &mut Rng) -> (Vec<Endpoint>, Vec<u64>) {
    let mut endpoints = Vec::new();
    for resource in RESOURCES {
        for version in ["v1", "v2"] {
            for (method, shape) in SHAPES {
                let template = shape.replace("{v}", version).replace("{r}", resource);
                endpoints.push((method, template));
            }
        }
    }
    endpoints.extend(OTHER_ENDPOINTS.map(|(method, path)| (method, path.to_owned())));
    rng.shuffle(&mut endpoints);
    let endpoints: Vec<Endpoint> = endpoints
        .into_iter()
        .map(|(method, template)| Endpoint {
            method,
            template,
            typical_ms: rng.u32(40..=400),
            errors_per_mille: if rng.u8(..8) == 0 {
                rng.u32(20..=80)
            } else {
                rng.u32(0..=5)
            },
        })
        .collect();
    // Zipf popularity: the endpoint of rank r gets traffic in proportion to 1/r^1.5. (A square
    // root is exact in IEEE arithmetic, so the weights are the same on every machine.)
    let mut cumulative = Vec::with_capacity(endpoints.len());
    let mut total = 0;
    for rank in 1..=endpoints.len() {
        let rank = rank as f64;
        total += (1e9 / (rank * rank.sqrt())) as u64;
        cumulative.push(total);
    }
    (endpoints, cumulative)
}

/// A deterministic access log of `lines` lines in the format the crate documents: the same
/// `seed` and `lines` always give the same log.
///
/// It has a few hundred endpoints, a few of them busy; numeric IDs, query strings, mixed-case
/// and doubled or trailing slashes in paths; about one session for every two lines; a few
/// server errors and slow requests; times slightly out of order; and about one malformed line
/// in a hundred (truncated, garbage, impossible dates, unknown methods, bad numbers). Every line,
/// the last one included, ends with `\n`.
pub fn generate_log(seed: u64, lines: usize) -> String {
    let mut rng = Rng::with_seed(seed);
    let (endpoints, cumulative) = catalogue(&mut rng);
    let total_weight = cumulative.last().copied().unwrap_or(1);
    let sessions: Vec<String> = (0..lines / 4 + 1)
        .map(|_| format!("{:08x}", rng.u32(..)))
        .collect();
    let mut log = String::with_capacity(lines * 160);
    let mut line = String::new();
    let mut now = START;
    for _ in 0..lines {
        now += rng.u64(0..=2);
        let choice = rng.u64(..total_weight);
        let endpoint = &endpoints[cumulative.partition_point(|&c| c <= choice)];
        line.clear();
        // Requests are logged when they end, so a line may come a little before an earlier one.
        let time = if rng.u8(..10) == 0 {
            now - rng.u64(1..=5)
        } else {
            now
        };
        write_timestamp(&mut line, time);
        line.push(' ');
        line.push_str(endpoint.method);
        line.push(' ');
        write_path(&mut line, &mut rng, &endpoint.template);
        let _ = write!(
            line,
            " {} {}ms session={} ua=\"{}\"",
            status(&mut rng, endpoint),
            latency_ms(&mut rng, endpoint),
            sessions[rng.usize(..sessions.len())],
            USER_AGENTS[rng.usize(..USER_AGENTS.len())],
        );
        if rng.u8(..100) == 0 {
            spoil(&mut rng, &mut line);
        }
        log.push_str(&line);
        log.push('\n');
    }
    log
}

/// Writes `time`, in seconds since 1970, as `YYYY-MM-DDTHH:MM:SSZ`.
fn write_timestamp(out: &mut String, time: u64) {
    let (days, seconds) = (time / 86_400, time % 86_400);
    // Howard Hinnant's `civil_from_days`, with years counted from March, in 400-year eras.
    let days = days + 719_468;
    let era = days / 146_097;
    let day_of_era = days % 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    let _ = write!(
        out,
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
}

/// Writes a path for `template`: IDs filled in, and sometimes mixed case, an extra slash or a
/// query string, none of which changes the endpoint.
fn write_path(out: &mut String, rng: &mut Rng, template: &str) {
    let mixed_case = rng.u8(..10) == 0;
    for segment in template.split('/').skip(1) {
        out.push('/');
        if segment == "{id}" {
            let _ = write!(out, "{}", rng.u32(1..2_000_000));
        } else if mixed_case && rng.bool() {
            out.extend(segment.chars().map(|c| c.to_ascii_uppercase()));
        } else if mixed_case && rng.bool() {
            let mut chars = segment.chars();
            out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(chars.as_str());
        } else {
            out.push_str(segment);
        }
        if rng.u16(..200) == 0 {
            out.push('/');
        }
    }
    if rng.u8(..40) == 0 {
        out.push('/');
    }
    if rng.u8(..5) == 0 {
        let query = QUERIES[rng.usize(..QUERIES.len())];
        out.push_str(&query.replace("{n}", &rng.u32(1..500).to_string()));
    }
}

/// The status of a request: mostly a success, sometimes a client error, sometimes (as often as
/// the endpoint fails) a server error.
fn status(rng: &mut Rng, endpoint: &Endpoint) -> u16 {
    if rng.u32(..1000) < endpoint.errors_per_mille {
        return [500, 502, 503, 504][rng.usize(..4)];
    }
    match rng.u8(..100) {
        0..=2 => 404,
        3 => [400, 401, 403, 409, 429][rng.usize(..5)],
        4 if endpoint.method == "GET" => 304,
        _ => match endpoint.method {
            "POST" => 201,
            "DELETE" => 204,
            _ => 200,
        },
    }
}

/// The latency of a request: around the endpoint's typical latency, with a slow tail.
fn latency_ms(rng: &mut Rng, endpoint: &Endpoint) -> u32 {
    let typical = endpoint.typical_ms;
    let latency = rng.u32(typical / 2..=typical + typical / 2);
    if rng.u8(..20) == 0 {
        latency * rng.u32(3..=12)
    } else {
        latency
    }
}

/// Turns a well-formed line into a malformed one, in one of the ways real logs go wrong.
fn spoil(rng: &mut Rng, line: &mut String) {
    match rng.u8(..7) {
        // Cut short by a crash or a full disk; this always loses the closing quote.
        0 => line.truncate(rng.usize(..line.len())),
        1 => *line = GARBAGE[rng.usize(..GARBAGE.len())].to_owned(),
        2 => line.replace_range(0..10, ["2026-02-29", "2026-11-31", "2026-13-01"][rng.usize(..3)]),
        3 => line.replace_range(11..13, "24"),
        // The method starts after the 20-byte time and its space.
        4 => {
            let method_len = line[21..].find(' ').unwrap_or(0);
            line.replace_range(21..21 + method_len, ["get", "FETCH", ""][rng.usize(..3)]);
        }
        5 => {
            *line = line.replacen(
                "ms session=",
                [" session=", "s session=", "ms  session="][rng.usize(..3)],
                1,
            )
        }
        _ => *line = line.replacen(" session=", " session= ", 1),
    }
}
