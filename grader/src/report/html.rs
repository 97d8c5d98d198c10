//! The report as one self-contained HTML page with plots, for `--report report.html`.
//!
//! Inline CSS and inline SVG only (no script, font or image, nothing fetched), so the page
//! opens offline, prints, and travels as one file. Everything taken from the report is
//! escaped: summaries, inputs and compiler output are the learner's text, not markup.

use super::{figures, svg};
use crate::result::{ChecklistStatus, Report, Status, TaskResult};
use crate::workspace::Subject;
use grader_kit::protocol::{Evidence, Measurement, Mismatch, Verdict};
use std::fmt::Write;

/// The page's title and heading.
const TITLE: &str = "Rust Performance Workbook — grade report";

/// The page's styles: light, print-friendly; colour always comes with words or a mark.
const STYLE: &str = "
:root{color-scheme:light}
body{margin:0;background:#fff;color:#1f2328;font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif}
main{max-width:960px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:1.6em;margin:.2em 0 .5em}
h2{font-size:1.3em;border-bottom:1px solid #d1d9e0;padding-bottom:.2em;margin:1.8em 0 .6em}
h3{font-size:1.05em;margin:0 0 .4em}
h4{font-size:1em;margin:.8em 0 .3em}
p{margin:.3em 0}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#f6f8fa;border:1px solid #d1d9e0;border-radius:6px;padding:6px 10px;margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
dl.facts,dl.mismatch{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:.5em 0}
dt{font-weight:600}dd{margin:0;min-width:0}
.badge{display:inline-block;border:1.5px solid currentColor;border-radius:999px;padding:0 .6em;font-size:.85em;font-weight:600;white-space:nowrap}
.ok{color:#1a7f37;background:#dafbe1}.bad{color:#cf222e;background:#ffebe9}.warn{color:#7d4e00;background:#fff8c5}
ul.checklist{list-style:none;padding:0}ul.checklist li{margin:.35em 0}
.mark{display:inline-block;width:1.5em;font-weight:700;background:none}
.muted{color:#59636e}
.task{border:1px solid #d1d9e0;border-radius:8px;padding:14px 16px;margin:14px 0}
figure{margin:16px 0 0;break-inside:avoid}
figcaption{margin-bottom:4px}
@media print{body{font-size:10.5pt}main{max-width:none;padding:0}
.badge,pre,svg{print-color-adjust:exact;-webkit-print-color-adjust:exact}.task{break-inside:avoid-page}}
";

/// The whole report as one HTML document.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{TITLE}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n<main>\n",
        svg::STYLE
    );
    header(&mut out, report);
    checklist(&mut out, report);
    // Group by chapter, in the order the chapters first appear (the report's course order).
    let mut chapters: Vec<(&str, Vec<&TaskResult>)> = Vec::new();
    for t in &report.tasks {
        match chapters.iter_mut().find(|(name, _)| *name == t.chapter) {
            Some((_, tasks)) => tasks.push(t),
            None => chapters.push((&t.chapter, vec![t])),
        }
    }
    for (chapter, tasks) in chapters {
        let passed = tasks.iter().filter(|t| t.passed).count();
        let _ = writeln!(
            out,
            "<section>\n<h2>{}</h2>\n<p class=\"muted\">{passed} of {} tasks passed</p>",
            escape(chapter),
            tasks.len()
        );
        for t in tasks {
            task(&mut out, t);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// `text` with HTML's special characters replaced, safe in text and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Title, overall result, what was graded, and how to reproduce it.
fn header(out: &mut String, report: &Report) {
    let passed = report.tasks.iter().filter(|t| t.passed).count();
    let (class, mark, word) = if report.passed {
        ("ok", "✓", "passed")
    } else {
        ("bad", "✗", "not passed yet")
    };
    let (graded, flag) = match report.subject {
        Subject::Exercises => ("your exercises (<code>exercises/</code>)", ""),
        Subject::Solutions => (
            "the reference solutions (<code>solutions/</code>)",
            " --solutions",
        ),
        Subject::Starters => (
            "the frozen starters (<code>grader/starters/</code>)",
            " --starters",
        ),
    };
    let _ = writeln!(
        out,
        "<header>\n<h1>{TITLE}</h1>\n<p><span class=\"badge {class}\">{mark} {word}</span> \
         {passed} of {} graded tasks passed.</p>\n<dl class=\"facts\">\n\
         <dt>Graded</dt><dd>{graded}</dd>\n\
         <dt>Seed</dt><dd><code>{seed}</code>: rerun with <code>cargo run -p grader --{flag} --seed {seed}</code> \
         (add the same chapters or tasks) for the same inputs</dd>\n\
         <dt>Grader</dt><dd>version {} (report format {})</dd>\n</dl>\n</header>",
        report.tasks.len(),
        escape(&report.grader),
        report.version,
        seed = report.seed,
    );
}

/// The assessment checklist: a mark, the item, and why it is or is not ticked.
fn checklist(out: &mut String, report: &Report) {
    out.push_str("<section>\n<h2>Assessment checklist</h2>\n<ul class=\"checklist\">\n");
    for item in &report.checklist {
        let (tasks, done) = (item.tasks.len(), item.tasks_passed);
        let state = match item.status {
            ChecklistStatus::Passed => format!("passed: all {tasks} tasks"),
            ChecklistStatus::NotYet => format!("not yet: {done} of {tasks} tasks passed"),
            ChecklistStatus::NotGraded => {
                format!("not graded: not all of its tasks ran ({done} of {tasks} passed)")
            }
            ChecklistStatus::ChapterNotAvailable => "its chapter is not in the workbook yet".into(),
        };
        let (class, mark) = if item.passed {
            ("ok", "✓")
        } else {
            ("bad", "✗")
        };
        let _ = writeln!(
            out,
            "<li><span class=\"mark {class}\" aria-label=\"{}\">{mark}</span>{} <span class=\"muted\">({})</span></li>",
            if item.passed { "ticked" } else { "not ticked" },
            escape(&item.item),
            escape(&state)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// One task: title, badge, what happened, what to do, the mismatch or output, the figures.
fn task(out: &mut String, t: &TaskResult) {
    let name = format!("{}/{}", t.chapter, t.task);
    let class = match t.status {
        Status::Passed => "ok",
        Status::Inconclusive => "warn",
        _ => "bad",
    };
    let mark = if t.passed { "✓" } else { "✗" };
    let _ = writeln!(
        out,
        "<article class=\"task\" id=\"{id}\">\n<h3>{} <code class=\"muted\">{id}</code> \
         <span class=\"badge {class}\">{mark} {}</span></h3>\n<p>{}</p>\n<p><strong>Next:</strong> {}</p>",
        escape(&t.title),
        t.status.label(),
        escape(&t.summary),
        escape(&t.next_step),
        id = escape(&name),
    );
    let mut facts = Vec::new();
    // Tasks that judge a claim rather than answers (a crossover, findings) check no cases.
    if let Some(cases) = t.cases.filter(|&c| c > 0) {
        facts.push(format!("{cases} correctness cases agreed with the starter"));
    }
    if t.seconds.is_finite() {
        facts.push(format!("graded in {:.1} s", t.seconds));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", facts.join(" · "));
    }
    if let Some(m) = &t.mismatch {
        mismatch(out, m);
    }
    if let Some(details) = &t.details {
        let _ = writeln!(out, "<h4>Output</h4>\n<pre>{}</pre>", escape(details));
    }
    for m in &t.measurements {
        measurement(out, m);
    }
    out.push_str("</article>\n");
}

/// The smallest input on which the answers differ, side by side.
fn mismatch(out: &mut String, m: &Mismatch) {
    let _ = write!(
        out,
        "<h4>Wrong answer ({})</h4>\n<dl class=\"mismatch\">\n<dt>Input</dt><dd><pre>{}</pre></dd>\n\
         <dt>Starter's answer</dt><dd><pre>{}</pre></dd>\n<dt>Yours</dt><dd><pre>{}</pre></dd>\n\
         <dt>Difference</dt><dd>{}</dd>\n",
        escape(&m.case),
        escape(&m.input),
        escape(&m.expected),
        escape(&m.actual),
        escape(&m.difference)
    );
    if let Some(advice) = &m.advice {
        let _ = writeln!(out, "<dt>What to do</dt><dd>{}</dd>", escape(advice));
    }
    out.push_str("</dl>\n");
}

/// One measurement: its words (measured, goal, verdict), its plot, and its evidence.
fn measurement(out: &mut String, m: &Measurement) {
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
    if let Some(plot) = svg::plot(m, &description) {
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

/// [`figures::measured`], or "not measured" where it would print a missing number as "NaN".
fn measured_words(m: &Measurement) -> String {
    let finite = match m.evidence {
        // figures has its own words for a machine with one core, where nothing is timed.
        Evidence::Parallel { cores: 1, .. } => true,
        Evidence::Crossover {
            measured, claimed, ..
        } => m.value.is_finite() && measured.is_finite() && claimed.is_finite(),
        _ => m.value.is_finite(),
    };
    if finite {
        figures::measured(m)
    } else {
        "not measured".into()
    }
}

/// [`figures::evidence`], or "not measured" where it would print a missing time as "NaN ns".
fn evidence_words(m: &Measurement) -> String {
    let finite = |values: &[f64]| values.iter().all(|v| v.is_finite());
    let measured = match &m.evidence {
        Evidence::Timings {
            starter_seconds,
            subject_seconds,
            ..
        }
        | Evidence::Parallel {
            starter_seconds,
            subject_seconds,
            ..
        } => finite(&[*starter_seconds, *subject_seconds]),
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
        Evidence::Crossover { .. }
        | Evidence::Findings { .. }
        | Evidence::Count { .. }
        | Evidence::Heap { .. } => true,
    };
    match &m.evidence {
        _ if measured => figures::evidence(m),
        Evidence::Parallel { n, cores: 1, .. } => {
            format!("at n = {n} on one core: only the answers were checked")
        }
        _ => "the figures behind it were not measured".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist;
    use crate::manifest::Manifest;
    use crate::result::REPORT_VERSION;
    use grader_kit::measure::{Policy, ScriptedSampler, measure_complexity, measure_speedup};
    use grader_kit::protocol::Goal;
    use grader_kit::spec::{ComplexityClass, HeapFigure};
    use std::time::Duration;

    /// The hostile text every field from the learner's side may carry.
    const NASTY: &str = "<script>alert('x')</script> & \"quoted\"";

    fn policy() -> Policy {
        Policy::with_budget(Duration::from_secs(1))
    }

    /// A measured speed-up of about `starter / subject`, with a little noise per round.
    fn speedup(starter: f64, subject: f64, goal: f64) -> Measurement {
        let mut sampler = ScriptedSampler::new(|_, r| (starter * (1.0 + (r % 5) as f64 * 0.02), subject));
        measure_speedup(&mut sampler, 8000, goal, policy()).unwrap()
    }

    /// A quadratic starter against a subject growing as n^`exponent`.
    fn complexity(exponent: f64) -> Measurement {
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
            value,
            low: value,
            high: value,
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
            low: 0.18,
            high: 0.25,
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

    /// A parallel speed-up on 4 cores, and the one-core case where nothing is timed (NaN).
    fn parallel() -> [Measurement; 2] {
        let timed = Measurement {
            metric: "parallel-speedup".into(),
            goal: Goal::AtLeast(2.5),
            evidence: Evidence::Parallel {
                n: 100_000,
                cores: 4,
                starter_seconds: 0.08,
                subject_seconds: 0.034,
                capacity: 3.9,
                offered: 1.0,
            },
            ..speedup(0.08, 0.034, 2.5)
        };
        let one_core = Measurement {
            value: f64::NAN,
            low: f64::NAN,
            high: f64::NAN,
            samples: 0,
            goal: Goal::AtLeast(1.0),
            evidence: Evidence::Parallel {
                n: 100_000,
                cores: 1,
                starter_seconds: f64::NAN,
                subject_seconds: f64::NAN,
                capacity: f64::NAN,
                offered: f64::NAN,
            },
            ..timed.clone()
        };
        [timed, one_core]
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
    fn report() -> Report {
        let no_slower = Measurement {
            metric: "no-slower".into(),
            ..speedup(0.006, 0.0025, 0.8)
        };
        let undecided = Measurement {
            low: f64::NAN,
            high: f64::INFINITY,
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
        ];
        let manifest =
            Manifest::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook.toml")).unwrap();
        Report {
            version: REPORT_VERSION,
            grader: "0.1.0".into(),
            seed: 1234,
            subject: Subject::Exercises,
            passed: false,
            checklist: checklist::assess(&manifest, &tasks),
            tasks,
        }
    }

    #[test]
    fn escaping_covers_markup_ampersands_and_quotes() {
        assert_eq!(
            escape(NASTY),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"
        );
        let page = render(&report());
        assert!(!page.contains("<script"), "a raw <script> in the page");
        assert!(page.contains("wrong answer: &lt;script&gt;"));
        assert!(
            page.contains("[1, 2] &lt;script&gt;alert(&#39;x&#39;)"),
            "mismatch input"
        );
        assert!(page.contains("src/lib.rs:3:5 &lt;script&gt;"), "details");
    }

    #[test]
    fn the_page_is_self_contained() {
        let page = render(&report());
        assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
        for loader in [
            "src=", "<link", "@import", "url(", "<img", "<iframe", "http://", "https://",
        ] {
            assert!(!page.contains(loader), "{loader} in the page");
        }
        assert!(page.contains("<style>"));
    }

    #[test]
    fn every_plottable_measurement_gets_a_labelled_plot() {
        let report = report();
        let page = render(&report);
        let measurements: Vec<&Measurement> = report.tasks.iter().flat_map(|t| &t.measurements).collect();
        let text_only = measurements
            .iter()
            .filter(|m| {
                matches!(
                    m.evidence,
                    Evidence::BenchmarkFigure { .. } | Evidence::Findings { .. }
                )
            })
            .count();
        assert_eq!(page.matches("<svg").count(), measurements.len() - text_only);
        assert_eq!(page.matches("<figure>").count(), measurements.len());
        assert_eq!(
            page.matches("<svg").count(),
            page.matches("role=\"img\" aria-label=").count()
        );
        assert_eq!(page.matches("<svg").count(), page.matches("<title>").count() - 1);
        // Goals, references and fits, in words beside their lines.
        for label in [
            "goal ≥ 10×",
            "goal ≥ 0.8×",
            "goal ≥ 2.5×",
            "1× = as fast as the starter",
            "starter ≈ n^2.00, goal ≤ 1.5",
            "yours ≈ n^1.02",
            "goal ≤ 863.7 KiB",
            "8.43 MiB",
            "limit ≤ 1,500",
            "1,904 backend calls",
            "measured crossover ≈ 512",
            "yours: 100",
            "time per call (log)",
            "20 µs",
        ] {
            assert!(page.contains(&escape(label)), "missing {label:?}");
        }
    }

    #[test]
    fn missing_figures_read_as_not_measured() {
        let page = render(&report());
        assert!(
            !page.contains("NaN") && !page.contains("inf "),
            "a non-finite number leaked"
        );
        assert!(page.contains("not measured"));
        assert!(page.contains("one core: parallel speed not graded"));
        let mut nan_curve = complexity(1.0);
        nan_curve.value = f64::NAN;
        if let Evidence::Curves { subject_seconds, .. } = &mut nan_curve.evidence {
            subject_seconds.fill(f64::NAN);
        }
        let mut r = report();
        r.tasks[1].measurements = vec![nan_curve];
        let page = render(&r);
        assert!(!page.contains("NaN"));
        assert!(page.contains("yours ≈ not measured"));
    }

    #[test]
    fn header_checklist_and_tasks_are_all_there() {
        let page = render(&report());
        assert!(page.contains(TITLE));
        assert!(page.contains("<code>cargo run -p grader -- --seed 1234</code>"));
        assert!(page.contains("version 0.1.0"));
        assert!(page.contains("3 of 8 graded tasks passed"));
        assert!(page.contains("<h2>Assessment checklist</h2>"));
        assert!(page.contains("Understand and apply Big O notation in algorithm choices"));
        assert!(page.contains("not yet: 1 of 4 tasks passed") || page.contains("not graded"));
        assert!(page.contains("✗ wrong answer") && page.contains("✗ does not compile"));
        assert!(page.contains("<dt>Starter's answer</dt><dd><pre>[]</pre></dd>"));
        assert!(page.contains("Found: SessionSet::insert"));
        // Chapters in the order they first appear, each once.
        let order: Vec<usize> = ["benchmarking", "big-o", "data-structures", "memory", "caching"]
            .iter()
            .map(|c| page.find(&format!("<h2>{c}</h2>")).unwrap())
            .collect();
        assert!(order.is_sorted(), "{order:?}");
        assert_eq!(page.matches("<h2>big-o</h2>").count(), 1);
    }

    /// Renders the hand-built report where a person can look at it (the temp dir, never the
    /// repository): `cargo test -p grader --bin grader html::tests::preview -- --nocapture`.
    #[test]
    fn preview() {
        let path = std::env::temp_dir().join("workbook-report-preview.html");
        std::fs::write(&path, render(&report())).unwrap();
        println!("preview: file://{}", path.display());
    }
}
