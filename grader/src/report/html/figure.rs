//! One measurement of the HTML report as a figure: its words (measured, goal, verdict), its
//! plot, and its evidence, with "not measured" wherever a figure is missing.

use crate::report::escape::escape;
use crate::report::{figures, plots};
use grader_kit::protocol::{EndpointFigures, Evidence, Measurement, ServiceFigures, Verdict};
use std::fmt::Write;

/// One measurement: its words (measured, goal, verdict), its plot, and its evidence.
pub fn measurement(out: &mut String, m: &Measurement) {
    let measured = measured_words(m);
    let goal = figures::goal(m);
    let (class, verdict) = match m.verdict {
        Verdict::Pass => ("ok", "✓ pass"),
        Verdict::Fail => ("bad", "✗ fail"),
        Verdict::Inconclusive => ("warn", "? inconclusive"),
    };
    let _ = writeln!(
        out,
        "<figure>\n<figcaption><strong>{}</strong> <span class=\"badge {class}\">{verdict}</span> \
         {}; goal: {}</figcaption>",
        escape(&m.metric),
        escape(&measured),
        escape(&goal)
    );
    let mut description = format!("{}: {measured}; goal {goal}; verdict {verdict}", m.metric);
    let light_latency = matches!(m.evidence, Evidence::Load { .. }) && m.metric == plots::LIGHT_LATENCY;
    if light_latency {
        description = format!("{CURVE_DESCRIPTION}. {description}");
    }
    if let Some(plot) = plots::plot(m, &description) {
        out.push_str(&plot);
        out.push('\n');
    }
    if light_latency {
        let _ = writeln!(out, "<p class=\"caption\">{}</p>", escape(CURVE_CAPTION));
    }
    let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(&evidence_words(m)));
    if let Evidence::Load { starter, subject, .. } = &m.evidence
        && !light_latency
    {
        endpoints(out, starter, subject);
    }
    if let Evidence::Findings { found, .. } = &m.evidence {
        let found = if found.is_empty() {
            "none yet".to_string()
        } else {
            found.join(", ")
        };
        let _ = writeln!(out, "<p>Found: {}</p>", escape(&found));
    }
    out.push_str("</figure>\n");
}

/// The start of the light-latency plot's description (its `aria-label` and `<title>`).
pub const CURVE_DESCRIPTION: &str =
    "Latency percentile curve of light requests while heavy ones ran, the starter's and yours";

/// How to read the percentile curve, below it.
const CURVE_CAPTION: &str = "How long light requests waited while heavy ones ran, at each \
    percentile: the left is the typical request, each step right is ten times rarer (the \
    slowest in 10, 100, 1,000 and 10,000), and the right edge is the slowest of all. Lower is \
    better; the grade compares the two curves at p99 (the starter's latency ÷ yours).";

/// The column headings of one server's side of the endpoint table.
const ENDPOINT_COLUMNS: [&str; 4] = ["requests", "p50", "p99", "max"];

/// Every endpoint's latency under load, the starter's and yours side by side: the endpoints
/// in the order the starter's figures list them, then any only yours list.
fn endpoints(out: &mut String, starter: &ServiceFigures, subject: &ServiceFigures) {
    let mut names: Vec<&str> = Vec::new();
    for e in starter.endpoints.iter().chain(&subject.endpoints) {
        if !names.contains(&e.endpoint.as_str()) {
            names.push(&e.endpoint);
        }
    }
    if names.is_empty() {
        return;
    }
    out.push_str(
        "<div class=\"table\"><table class=\"endpoints\">\n\
         <caption>Latency per endpoint over every round: the starter's server and yours, side by side</caption>\n\
         <thead>\n<tr><th scope=\"col\" rowspan=\"2\">Endpoint</th>\
         <th scope=\"colgroup\" colspan=\"4\">Starter</th><th scope=\"colgroup\" colspan=\"4\">Yours</th></tr>\n<tr>",
    );
    for _side in 0..2 {
        for column in ENDPOINT_COLUMNS {
            let _ = write!(out, "<th scope=\"col\">{column}</th>");
        }
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for name in names {
        let _ = write!(out, "<tr><th scope=\"row\"><code>{}</code></th>", escape(name));
        for figures in [starter, subject] {
            match figures.endpoints.iter().find(|e| e.endpoint == name) {
                Some(e) => endpoint_cells(out, e),
                None => out.push_str("<td colspan=\"4\">not measured</td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
}

/// One server's figures for one endpoint: requests, p50, p99 and max, as four cells.
fn endpoint_cells(out: &mut String, e: &EndpointFigures) {
    let _ = write!(out, "<td>{}</td>", figures::count(e.requests));
    for s in [e.p50_seconds, e.p99_seconds, e.max_seconds] {
        let text = if s.is_finite() {
            figures::seconds(s)
        } else {
            "not measured".into()
        };
        let _ = write!(out, "<td>{}</td>", escape(&text));
    }
}

/// [`figures::measured`], or "not measured" where it would print a missing number as "?".
fn measured_words(m: &Measurement) -> String {
    let value = m.value.is_some_and(f64::is_finite);
    let finite = match m.evidence {
        // figures has its own words for a machine with one core, where nothing is timed.
        Evidence::Parallel { cores: 1, .. } | Evidence::ProfileFindings { .. } => true,
        Evidence::Crossover {
            measured, claimed, ..
        } => value && measured.is_finite() && claimed.is_finite(),
        _ => value,
    };
    if finite {
        figures::measured(m)
    } else {
        "not measured".into()
    }
}

/// [`figures::evidence`], or "not measured" where it would print a missing time as "?".
fn evidence_words(m: &Measurement) -> String {
    let finite = |values: &[f64]| values.iter().all(|v| v.is_finite());
    let measured = match &m.evidence {
        Evidence::Timings {
            starter_seconds,
            subject_seconds,
            ..
        } => finite(&[*starter_seconds, *subject_seconds]),
        Evidence::Parallel {
            starter_seconds,
            subject_seconds,
            ..
        } => [starter_seconds, subject_seconds]
            .iter()
            .all(|s| s.is_some_and(f64::is_finite)),
        Evidence::Curves {
            starter_seconds,
            subject_seconds,
            starter_exponent,
            ..
        } => finite(starter_seconds) && finite(subject_seconds) && starter_exponent.is_finite(),
        Evidence::BenchmarkFigure {
            claimed_seconds,
            measured_seconds,
        } => finite(&[*claimed_seconds, *measured_seconds]),
        Evidence::Load { starter, subject, .. } => {
            finite(&[starter.requests_per_second, subject.requests_per_second])
        }
        Evidence::Instructions { .. }
        | Evidence::InstructionCurves { .. }
        | Evidence::ThreadSplit { .. }
        | Evidence::Crossover { .. }
        | Evidence::Findings { .. }
        | Evidence::ProfileFindings { .. }
        | Evidence::Lints { .. }
        | Evidence::Count { .. }
        | Evidence::Heap { .. }
        | Evidence::Resident { .. } => true,
    };
    match &m.evidence {
        _ if measured => figures::evidence(m),
        Evidence::Parallel { n, cores: 1, .. } => {
            format!("at n = {n} on one core: only the answers were checked")
        }
        _ => "the figures behind it were not measured".into(),
    }
}
