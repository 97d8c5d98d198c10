//! A hand-built report over every kind of evidence, a wrong answer and a compile error, for
//! the renderers' tests.

use crate::checklist;
use crate::layout::Subject;
use crate::manifest::Manifest;
use crate::result::{ChapterInfo, REPORT_VERSION, Report, Status, TaskResult};
use grader_kit::measure::{Policy, ScriptedSampler, measure_complexity, measure_speedup};
use grader_kit::protocol::{EndpointFigures, Evidence, Goal, Measurement, Mismatch, ServiceFigures, Verdict};
use grader_kit::spec::{ComplexityClass, HeapFigure};
use std::time::Duration;

/// The hostile text every field from the learner's side may carry.
pub const NASTY: &str = "<script>alert('x')</script> & \"quoted\"";

fn policy() -> Policy {
    Policy::with_budget(Duration::from_secs(1))
}

/// A measured speed-up of about `starter / subject`, with a little noise per round.
fn speedup(starter: f64, subject: f64, goal: f64) -> Measurement {
    let mut sampler = ScriptedSampler::new(|_, r| (starter * (1.0 + (r % 5) as f64 * 0.02), subject));
    measure_speedup(&mut sampler, 8000, goal, policy()).unwrap()
}

/// A quadratic starter against a subject growing as n^`exponent`.
pub fn complexity(exponent: f64) -> Measurement {
    let mut sampler = ScriptedSampler::new(|n, r| {
        let n = n as f64;
        (
            1e-10 * n * n * (1.0 + (r % 4) as f64 * 0.01),
            2e-8 * n.powf(exponent),
        )
    });
    let sizes = [500, 1000, 2000, 4000];
    measure_complexity(&mut sampler, &sizes, ComplexityClass::Linearithmic, policy()).unwrap()
}

/// A figure that repeats exactly (heap, count): no interval, one sample.
fn exact(
    metric: &str,
    unit: &str,
    value: f64,
    goal: Goal,
    verdict: Verdict,
    evidence: Evidence,
) -> Measurement {
    Measurement {
        metric: metric.into(),
        value: Some(value),
        low: Some(value),
        high: Some(value),
        confidence: 1.0,
        unit: unit.into(),
        goal,
        verdict,
        samples: 1,
        evidence,
    }
}

fn heap() -> Measurement {
    let evidence = Evidence::Heap {
        figure: HeapFigure::PeakBytes,
        n: 50_000,
        starter: 8_844_066,
        subject: 6_167,
        threshold: 884_406,
        resident_growth: None,
    };
    exact(
        "peak-bytes",
        "bytes",
        6_167.0,
        Goal::AtMost(884_406.0),
        Verdict::Pass,
        evidence,
    )
}

fn count() -> Measurement {
    let evidence = Evidence::Count {
        counter: "backend-calls".into(),
        n: 5_000,
        limit: 1_500,
        detail: Some("1,904 backend calls for 4,887 lookups of 570 distinct skus".into()),
    };
    exact(
        "backend-calls",
        "backend calls",
        1_904.0,
        Goal::AtMost(1_500.0),
        Verdict::Fail,
        evidence,
    )
}

fn crossover() -> Measurement {
    let sizes: Vec<usize> = (2..=12).map(|k| 1 << k).collect();
    let ratios = vec![3.25, 2.55, 2.44, 1.99, 1.77, 1.5, 1.18, 0.87, 0.63, 0.51, 0.43];
    let evidence = Evidence::Crossover {
        first: "linear".into(),
        second: "hashed".into(),
        sizes,
        ratios,
        measured: 512.0,
        claimed: 100.0,
    };
    let m = exact(
        "crossover",
        "x",
        0.2,
        Goal::Between(0.5, 2.0),
        Verdict::Fail,
        evidence,
    );
    Measurement {
        low: Some(0.18),
        high: Some(0.25),
        ..m
    }
}

fn text_only() -> Vec<Measurement> {
    let benchmark = Evidence::BenchmarkFigure {
        claimed_seconds: 1.87e-5,
        measured_seconds: 2.35e-5,
    };
    let findings = Evidence::Findings {
        named: vec![NASTY.into(), "SessionSet::insert".into()],
        found: vec!["SessionSet::insert".into()],
        missed: 1,
        max_named: 3,
    };
    vec![
        exact(
            "benchmark-accuracy",
            "x",
            0.78,
            Goal::Between(0.6, 1.4),
            Verdict::Pass,
            benchmark,
        ),
        exact(
            "hot-functions",
            "functions",
            1.0,
            Goal::AtLeast(2.0),
            Verdict::Fail,
            findings,
        ),
    ]
}

/// A parallel speed-up on 4 cores, and the one-core case where nothing is timed (`None`).
fn parallel() -> [Measurement; 2] {
    let timed = Measurement {
        metric: "parallel-speedup".into(),
        goal: Goal::AtLeast(2.5),
        evidence: Evidence::Parallel {
            n: 100_000,
            cores: 4,
            starter_seconds: Some(0.08),
            subject_seconds: Some(0.034),
            capacity: Some(3.9),
            offered: Some(1.0),
        },
        ..speedup(0.08, 0.034, 2.5)
    };
    let one_core = Measurement {
        value: None,
        low: None,
        high: None,
        samples: 0,
        goal: Goal::AtLeast(1.0),
        evidence: Evidence::Parallel {
            n: 100_000,
            cores: 1,
            starter_seconds: None,
            subject_seconds: None,
            capacity: None,
            offered: None,
        },
        ..timed.clone()
    };
    [timed, one_core]
}

/// One server's figures under load: its requests per second, and per endpoint its requests
/// and (p50, p99, max) seconds; the light requests' curve is `light` at [`CURVE`].
fn service(rate: f64, endpoints: [(&str, u64, [f64; 3]); 5], light: [f64; 11]) -> ServiceFigures {
    const CURVE: [f64; 11] = [0.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9, 99.99, 100.0];
    ServiceFigures {
        requests_per_second: rate,
        endpoints: endpoints
            .into_iter()
            .map(|(endpoint, requests, [p50, p99, max])| EndpointFigures {
                endpoint: endpoint.into(),
                requests,
                p50_seconds: p50,
                p99_seconds: p99,
                max_seconds: max,
            })
            .collect(),
        light_percentiles: CURVE.into_iter().zip(light).collect(),
    }
}

/// The capstone's two servers under the same load: the starter at about 110 requests/s with
/// light requests waiting 0.9 s at p99 behind heavy ones, yours at about 1,400 with 4 ms.
pub fn load() -> Evidence {
    let starter = service(
        110.0,
        [
            ("GET /products/{id}", 6_400, [0.021, 0.38, 0.91]),
            ("GET /customers/{id}/orders", 3_200, [0.048, 0.61, 1.24]),
            ("GET /search", 1_600, [0.19, 1.42, 2.31]),
            ("GET /top-sellers", 1_600, [0.12, 0.95, 1.63]),
            ("POST /orders", 3_200, [0.015, 0.33, 0.82]),
        ],
        [
            0.0009, 0.0031, 0.0074, 0.018, 0.095, 0.31, 0.52, 0.9, 1.6, 2.1, 2.2,
        ],
    );
    let subject = service(
        1_400.0,
        [
            ("GET /products/{id}", 6_400, [0.00042, 0.0021, 0.0093]),
            ("GET /customers/{id}/orders", 3_200, [0.00078, 0.0034, 0.012]),
            ("GET /search", 1_600, [0.0061, 0.019, 0.041]),
            ("GET /top-sellers", 1_600, [0.00031, 0.0018, 0.0087]),
            ("POST /orders", 3_200, [0.00095, 0.0047, 0.016]),
        ],
        [
            0.00012, 0.00021, 0.00034, 0.0006, 0.0009, 0.0016, 0.0022, 0.004, 0.0085, 0.012, 0.013,
        ],
    );
    Evidence::Load {
        rounds: 8,
        requests: 2_000,
        starter,
        subject,
    }
}

/// The capstone's measurements: throughput and light latency (ratios with intervals over the
/// rounds), the servers' peak resident memory, and the diagnosis of the endpoints.
fn web_service() -> [Measurement; 4] {
    let ratio = |metric: &str, value: f64, low: f64, high: f64| Measurement {
        metric: metric.into(),
        value: Some(value),
        low: Some(low),
        high: Some(high),
        confidence: 0.99,
        unit: "x".into(),
        goal: Goal::AtLeast(5.0),
        verdict: Verdict::Pass,
        samples: 8,
        evidence: load(),
    };
    let (starter_bytes, subject_bytes) = (95 << 20, 31 << 20);
    let threshold = starter_bytes * 6 / 10;
    let resident = exact(
        "peak-resident",
        "bytes",
        subject_bytes as f64,
        Goal::AtMost(threshold as f64),
        Verdict::Pass,
        Evidence::Resident {
            starter_bytes,
            subject_bytes,
            threshold,
        },
    );
    let diagnosis = exact(
        "diagnosis",
        "bottlenecks",
        4.0,
        Goal::AtLeast(5.0),
        Verdict::Fail,
        Evidence::Findings {
            named: vec![
                "GET /customers/{id}/orders: n-plus-one".into(),
                "GET /products/{id}: missing-index".into(),
                "GET /search: blocking-runtime".into(),
                "GET /top-sellers: rebuilt-per-request".into(),
                "service: needless-allocation".into(),
            ],
            found: vec![
                "GET /customers/{id}/orders: n-plus-one".into(),
                "GET /products/{id}: missing-index".into(),
                "GET /search: blocking-runtime".into(),
                "GET /top-sellers: rebuilt-per-request".into(),
            ],
            missed: 1,
            max_named: 2,
        },
    );
    [
        ratio("throughput", 12.7, 11.9, 13.4),
        ratio("light-latency", 225.0, 180.0, 262.0),
        resident,
        diagnosis,
    ]
}

fn task(chapter: &str, name: &str, status: Status, measurements: Vec<Measurement>) -> TaskResult {
    TaskResult {
        chapter: chapter.into(),
        task: name.into(),
        title: format!("The {name} task"),
        passed: status == Status::Passed,
        status,
        summary: format!("{name}: {}", status.label()),
        next_step: "Run `cargo bench -p big-o` and compare.".into(),
        measurements,
        cases: Some(90),
        mismatch: None,
        details: None,
        seconds: 2.5,
    }
}

/// A run over every kind of evidence, a wrong answer and a compile error.
pub fn report() -> Report {
    let no_slower = Measurement {
        metric: "no-slower".into(),
        ..speedup(0.006, 0.0025, 0.8)
    };
    let undecided = Measurement {
        low: None,
        high: Some(f64::INFINITY),
        verdict: Verdict::Inconclusive,
        ..speedup(0.010, 0.0011, 10.0)
    };
    let mut wrong = task("big-o", "count-pairs-with-sum", Status::WrongAnswer, vec![]);
    wrong.summary = format!("wrong answer: {NASTY}");
    wrong.mismatch = Some(Mismatch {
        case: "edge case: empty".into(),
        input: format!("[1, 2] {NASTY}"),
        expected: "[]".into(),
        actual: "[(1, 2)]".into(),
        difference: "lengths differ: 0 against 1".into(),
        advice: Some("Count each pair once.".into()),
    });
    let mut broken = task("data-structures", "print-queue", Status::DoesNotCompile, vec![]);
    broken.details = Some(format!(
        "error[E0308]: mismatched types\n  --> src/lib.rs:3:5 {NASTY}"
    ));
    broken.cases = None;
    let tasks = vec![
        task(
            "benchmarking",
            "crossover",
            Status::Failed,
            [vec![crossover()], text_only()].concat(),
        ),
        task(
            "big-o",
            "find-duplicates",
            Status::Passed,
            vec![speedup(0.0083, 0.000128, 10.0), complexity(1.02)],
        ),
        wrong,
        task(
            "big-o",
            "longest-unique-window",
            Status::Inconclusive,
            vec![undecided, complexity(1.6)],
        ),
        broken,
        task("memory", "log-summary", Status::Passed, vec![heap(), no_slower]),
        task("caching", "price-lookup", Status::Failed, vec![count()]),
        task("concurrency", "parallel-sum", Status::Passed, parallel().to_vec()),
        task(
            "web-service",
            "under-load",
            Status::Passed,
            web_service()[..3].to_vec(),
        ),
        task(
            "web-service",
            "diagnosis",
            Status::Failed,
            web_service()[3..].to_vec(),
        ),
    ];
    let manifest =
        Manifest::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook.toml")).unwrap();
    Report {
        version: REPORT_VERSION,
        grader: "0.1.0".into(),
        seed: 1234,
        subject: Subject::Exercises,
        mode: crate::result::Mode::Timed,
        passed: false,
        checklist: checklist::assess(&manifest, &tasks, None),
        chapters: ChapterInfo::graded(&manifest, &tasks),
        tasks,
    }
}
