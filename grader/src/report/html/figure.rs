//! One measurement of the HTML report as a figure: its words (measured, goal, verdict), its
//! plot, and its evidence, with "not measured" wherever a figure is missing.

use crate::report::escape::escape;
use crate::report::{figures, plots};
use grader_kit::protocol::{Evidence, Measurement, Verdict};
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
    let description = format!("{}: {measured}; goal {goal}; verdict {verdict}", m.metric);
    if let Some(plot) = plots::plot(m, &description) {
        out.push_str(&plot);
        out.push('\n');
    }
    let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(&evidence_words(m)));
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

/// [`figures::measured`], or "not measured" where it would print a missing number as "?".
fn measured_words(m: &Measurement) -> String {
    let value = m.value.is_some_and(f64::is_finite);
    let finite = match m.evidence {
        // figures has its own words for a machine with one core, where nothing is timed.
        Evidence::Parallel { cores: 1, .. } => true,
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
        Evidence::Crossover { .. }
        | Evidence::Findings { .. }
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
