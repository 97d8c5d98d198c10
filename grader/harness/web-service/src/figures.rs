//! From rounds to measurements: per-round ratios summarised by their median and its
//! distribution-free interval (as every timed check of the workbook), per-endpoint latency
//! figures from HDR histograms, and the light requests' percentile curve.

use crate::load::{RoundRun, SlotAnswer};
use crate::plan::Class;
use grader_kit::protocol::{EndpointFigures, Evidence, Goal, Measurement, ServiceFigures, Verdict};
use grader_kit::stats::{CONFIDENCE, decide, median, median_interval};
use hdrhistogram::Histogram;
use std::collections::BTreeMap;

/// The percentiles of the light requests' curve.
const CURVE: [f64; 11] = [0.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9, 99.99, 100.0];

/// The nearest-rank `percentile` of `samples` (which need not be sorted).
pub fn percentile(samples: &[f64], percentile: f64) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((percentile / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A ratio measurement from per-round ratios: median, interval, verdict against `at_least`.
pub fn ratio_measurement(metric: &str, ratios: &[f64], at_least: f64, evidence: Evidence) -> Measurement {
    let interval = median_interval(ratios, CONFIDENCE);
    let goal = Goal::AtLeast(at_least);
    let verdict = match interval {
        Some((low, high)) if ratios.len() >= grader_kit::measure::MIN_ROUNDS => decide(low, high, goal),
        _ => Verdict::Inconclusive,
    };
    Measurement {
        metric: metric.into(),
        value: (!ratios.is_empty()).then(|| median(ratios)),
        low: interval.map(|(low, _)| low),
        high: interval.map(|(_, high)| high),
        confidence: CONFIDENCE,
        unit: "x".into(),
        goal,
        verdict,
        samples: ratios.len(),
        evidence,
    }
}

/// Whether a ratio measurement over these rounds has decided against `at_least`.
pub fn decided(ratios: &[f64], at_least: f64) -> bool {
    ratios.len() >= grader_kit::measure::MIN_ROUNDS
        && median_interval(ratios, CONFIDENCE)
            .is_some_and(|(low, high)| decide(low, high, Goal::AtLeast(at_least)) != Verdict::Inconclusive)
}

/// One server's figures over its rounds.
pub fn service_figures(runs: &[RoundRun], mixed_requests: usize) -> ServiceFigures {
    let rates: Vec<f64> = runs
        .iter()
        .map(|r| mixed_requests as f64 / r.makespan.as_secs_f64().max(1e-9))
        .collect();
    let mut by_class: BTreeMap<Class, Histogram<u64>> = BTreeMap::new();
    let mut light = histogram();
    for run in runs {
        let answered = run
            .mixed
            .iter()
            .chain(&run.heavy)
            .chain(run.light.iter().filter_map(|s| match s {
                SlotAnswer::Light(a) => Some(a),
                SlotAnswer::Probe(_) => None,
            }));
        for a in answered {
            let micros = a.latency.as_micros().max(1) as u64;
            let _ = by_class.entry(a.class).or_insert_with(histogram).record(micros);
        }
        for s in run.light_seconds() {
            let _ = light.record(((s * 1e6) as u64).max(1));
        }
    }
    let seconds = |micros: u64| micros as f64 / 1e6;
    ServiceFigures {
        requests_per_second: if rates.is_empty() {
            f64::NAN
        } else {
            median(&rates)
        },
        endpoints: by_class
            .iter()
            .map(|(class, h)| EndpointFigures {
                endpoint: class.route().into(),
                requests: h.len(),
                p50_seconds: seconds(h.value_at_quantile(0.5)),
                p99_seconds: seconds(h.value_at_quantile(0.99)),
                max_seconds: seconds(h.max()),
            })
            .collect(),
        light_percentiles: if light.is_empty() {
            Vec::new()
        } else {
            CURVE
                .iter()
                .map(|&p| (p, seconds(light.value_at_quantile(p / 100.0))))
                .collect()
        },
    }
}

/// Microseconds from 1 µs to 10 minutes, at 3 significant digits.
fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 600_000_000, 3).expect("fixed, valid bounds")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let samples: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&samples, 99.0), 99.0);
        assert_eq!(percentile(&samples, 50.0), 50.0);
        assert_eq!(percentile(&samples, 100.0), 100.0);
        assert_eq!(percentile(&[3.0, 1.0, 2.0], 99.0), 3.0);
        assert_eq!(percentile(&[3.0, 1.0, 2.0], 0.0), 1.0);
        assert!(percentile(&[], 50.0).is_nan());
    }

    #[test]
    fn ratios_decide_only_after_the_minimum_rounds() {
        let nine = vec![10.0; 9];
        assert!(!decided(&nine, 5.0));
        let ten = vec![10.0; 10];
        assert!(decided(&ten, 5.0));
        let evidence = Evidence::Resident {
            starter_bytes: 1,
            subject_bytes: 1,
            threshold: 1,
        };
        let m = ratio_measurement("throughput", &ten, 5.0, evidence.clone());
        assert_eq!((m.verdict, m.value, m.samples), (Verdict::Pass, Some(10.0), 10));
        let low = ratio_measurement("throughput", &[2.0; 12], 5.0, evidence.clone());
        assert_eq!(low.verdict, Verdict::Fail);
        assert_eq!(
            ratio_measurement("throughput", &nine, 5.0, evidence).verdict,
            Verdict::Inconclusive
        );
    }
}
