//! The report as one self-contained HTML page with plots, for `--report report.html`.
//!
//! Inline CSS and inline SVG only (no script, font or image, nothing fetched), so the page
//! opens offline, prints, and travels as one file. Everything taken from the report is
//! escaped: summaries, inputs and compiler output are the learner's text, not markup.

mod figure;

use super::escape::escape;
use super::plots;
use crate::checklist::{describe, footnote};
use crate::layout::Subject;
use crate::result::{ChecklistStatus, Report, Status, TaskResult};
use figure::measurement;
use grader_kit::protocol::Mismatch;
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
p.caption{font-size:.9em;max-width:720px}
div.table{overflow-x:auto;margin:.5em 0}
table.endpoints{border-collapse:collapse;font-size:.9em;font-variant-numeric:tabular-nums}
table.endpoints caption{text-align:left;font-weight:600;padding-bottom:4px}
table.endpoints th,table.endpoints td{padding:3px 8px;border-bottom:1px solid #d1d9e0;text-align:right;white-space:nowrap}
table.endpoints th[scope=row]{text-align:left;font-weight:400}
table.endpoints th[scope=colgroup]{text-align:center;border-bottom:1px solid #818b98}
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
        plots::STYLE
    );
    header(&mut out, report);
    checklist(&mut out, report);
    for (name, title, tasks) in by_chapter(report) {
        let passed = tasks.iter().filter(|t| t.passed).count();
        let _ = writeln!(
            out,
            "<section>\n<h2>{} <code class=\"muted\">{}</code></h2>\n<p class=\"muted\">{passed} of {} tasks passed</p>",
            escape(title),
            escape(name),
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

/// The graded tasks grouped by chapter, with each chapter's name and title: the report's
/// chapters in course order, then (should a task's chapter be missing from them) any other
/// chapter in the order its tasks first appear, titled by its name.
fn by_chapter(report: &Report) -> Vec<(&str, &str, Vec<&TaskResult>)> {
    let mut chapters: Vec<(&str, &str, Vec<&TaskResult>)> = report
        .chapters
        .iter()
        .map(|c| (c.name.as_str(), c.title.as_str(), Vec::new()))
        .collect();
    for t in &report.tasks {
        match chapters.iter_mut().find(|(name, _, _)| *name == t.chapter) {
            Some((_, _, tasks)) => tasks.push(t),
            None => chapters.push((&t.chapter, &t.chapter, vec![t])),
        }
    }
    chapters.retain(|(_, _, tasks)| !tasks.is_empty());
    chapters
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
         <dt>Measured</dt><dd>{measured}</dd>\n\
         <dt>Seed</dt><dd><code>{seed}</code>: rerun with <code>cargo run -p grader --{flag}{exact} --seed {seed}</code> \
         (add the same chapters or tasks) for the same inputs</dd>\n\
         <dt>Grader</dt><dd>version {} (report format {})</dd>\n</dl>\n</header>",
        report.tasks.len(),
        escape(&report.grader),
        report.version,
        seed = report.seed,
        measured = escape(report.mode.description()),
        exact = if report.mode == crate::result::Mode::Exact {
            " --exact"
        } else {
            ""
        },
    );
}

/// The assessment checklist: a mark, the item, and why it is or is not ticked.
fn checklist(out: &mut String, report: &Report) {
    out.push_str("<section>\n<h2>Assessment checklist</h2>\n<ul class=\"checklist\">\n");
    for item in &report.checklist {
        let state = match item.status {
            ChecklistStatus::Passed => format!("ticked: {}", describe(item, report.subject)),
            ChecklistStatus::NotYet => format!("not yet: {}", describe(item, report.subject)),
            ChecklistStatus::NotGraded => format!("not graded: {}", describe(item, report.subject)),
            ChecklistStatus::ChapterNotAvailable => describe(item, report.subject),
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
    out.push_str("</ul>\n");
    if let Some(rule) = footnote(report) {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(rule));
    }
    out.push_str("</section>\n");
}

/// One task: title, badge, what happened, what to do, the mismatch or output, the figures.
fn task(out: &mut String, t: &TaskResult) {
    let name = t.id().to_string();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample::{NASTY, complexity, report};
    use grader_kit::protocol::{Evidence, Measurement};

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
        let mut unmeasured_curve = complexity(1.0);
        unmeasured_curve.value = None;
        if let Evidence::Curves { subject_seconds, .. } = &mut unmeasured_curve.evidence {
            subject_seconds.fill(f64::NAN);
        }
        let mut r = report();
        r.tasks[1].measurements = vec![unmeasured_curve];
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
        assert!(page.contains("4 of 10 graded tasks passed"));
        assert!(page.contains("<h2>Assessment checklist</h2>"));
        assert!(page.contains("Understand and apply Big O notation in algorithm choices"));
        assert!(
            page.contains("not yet: 1 of 4 tasks passed so far; 1 not graded in this run"),
            "{page}"
        );
        assert!(page.contains("counts as passed when its last verdict"));
        assert!(page.contains("✗ wrong answer") && page.contains("✗ does not compile"));
        assert!(page.contains("<dt>Starter's answer</dt><dd><pre>[]</pre></dd>"));
        assert!(page.contains("Found: SessionSet::insert"));
        // Chapters in course order, each once, headed by its title and name.
        let order: Vec<usize> = ["benchmarking", "big-o", "data-structures", "memory", "caching"]
            .iter()
            .map(|c| {
                page.find(&format!("<code class=\"muted\">{c}</code></h2>"))
                    .unwrap()
            })
            .collect();
        assert!(order.is_sorted(), "{order:?}");
        assert_eq!(
            page.matches("<h2>Big O and algorithms <code class=\"muted\">big-o</code></h2>")
                .count(),
            1
        );
    }

    /// Every `<svg>…</svg>` of a page.
    fn svgs(page: &str) -> Vec<&str> {
        page.match_indices("<svg")
            .map(|(start, _)| {
                let end = page[start..].find("</svg>").expect("an unclosed <svg>") + start;
                &page[start..end + "</svg>".len()]
            })
            .collect()
    }

    /// The SVG's elements nest and close, its description is both its label and its title,
    /// and every coordinate is a finite number inside its `viewBox`.
    fn assert_well_formed(svg: &str) {
        let view: Vec<f64> = svg
            .split("viewBox=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a viewBox")
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        let (width, height) = (view[2], view[3]);
        let mut open: Vec<&str> = Vec::new();
        for tag in svg.split('<').skip(1) {
            let tag = tag.split('>').next().expect("an unclosed tag");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(
                    open.pop(),
                    Some(name),
                    "</{name}> closes the wrong element in {svg}"
                );
                continue;
            }
            let name = tag.split([' ', '/']).next().unwrap();
            let known = ["svg", "title", "g", "line", "rect", "circle", "polyline", "text"];
            assert!(known.contains(&name), "<{name}> in {svg}");
            for (attribute, limit) in [
                ("x", width),
                ("x1", width),
                ("x2", width),
                ("cx", width),
                ("y", height),
                ("y1", height),
                ("y2", height),
                ("cy", height),
            ] {
                let key = format!(" {attribute}=\"");
                if let Some(rest) = tag.split(key.as_str()).nth(1) {
                    let v: f64 = rest.split('"').next().unwrap().parse().unwrap();
                    assert!(
                        v.is_finite() && (-0.05..=limit + 0.05).contains(&v),
                        "{attribute}={v} outside 0..{limit} in <{tag}>"
                    );
                }
            }
            if let Some(points) = tag.split(" points=\"").nth(1) {
                for point in points.split('"').next().unwrap().split(' ') {
                    let (x, y) = point.split_once(',').unwrap();
                    let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                    assert!(
                        (0.0..=width).contains(&x) && (0.0..=height).contains(&y),
                        "{point}"
                    );
                }
            }
            if !tag.ends_with('/') {
                open.push(name);
            }
        }
        assert!(open.is_empty(), "{open:?} left open in {svg}");
        let label = svg
            .split("aria-label=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(svg.contains(&format!("<title>{label}</title>")), "{svg}");
    }

    #[test]
    fn every_plot_is_well_formed() {
        let page = render(&report());
        let plots = svgs(&page);
        assert_eq!(plots.len(), page.matches("<svg").count());
        for svg in plots {
            assert_well_formed(svg);
        }
    }

    #[test]
    fn the_capstone_gets_a_percentile_curve_and_an_endpoint_table() {
        let page = render(&report());
        // The light requests' percentile curve, labelled, on a nines axis up to the maximum.
        let curve = svgs(&page)
            .into_iter()
            .find(|svg| svg.contains(&format!("aria-label=\"{}", escape(figure::CURVE_DESCRIPTION))))
            .expect("no percentile curve");
        assert_well_formed(curve);
        for label in [
            ">90<",
            ">99<",
            ">99.9<",
            ">99.99<",
            ">100<",
            "percentile (nines scale",
            "light request latency (log)",
            "p99: starter 900.00 ms, yours 4.00 ms",
            ">yours<",
            ">starter<",
        ] {
            assert!(curve.contains(label), "{label:?} missing from {curve}");
        }
        assert_eq!(curve.matches("<polyline").count(), 2, "{curve}");
        assert!(page.contains("<p class=\"caption\">How long light requests waited"));
        // The throughput keeps its speed-up plot, with the endpoints' table below it.
        assert!(page.contains("throughput: your requests per second ÷ the starter&#39;s"));
        assert_eq!(page.matches("<table class=\"endpoints\">").count(), 1);
        let table = &page[page.find("<table class=\"endpoints\">").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        assert!(table.contains("<caption>Latency per endpoint"), "{table}");
        assert_eq!(table.matches("<th scope=\"colgroup\" colspan=\"4\">").count(), 2);
        assert_eq!(table.matches("<th scope=\"col\">p99</th>").count(), 2);
        assert_eq!(table.matches("<th scope=\"row\">").count(), 5);
        assert!(
            table.contains(
                "<th scope=\"row\"><code>GET /products/{id}</code></th><td>6,400</td>\
                 <td>21.00 ms</td><td>380.00 ms</td><td>910.00 ms</td>\
                 <td>6,400</td><td>420.0 µs</td><td>2.10 ms</td><td>9.30 ms</td></tr>"
            ),
            "{table}"
        );
        // Peak resident memory as bars, the diagnosis in words.
        assert!(page.contains(&escape("goal ≤ 57.00 MiB")));
        assert!(page.contains("named 4 of 5 bottlenecks"));
    }

    #[test]
    fn an_unmeasured_curve_and_table_read_as_not_measured() {
        let Evidence::Load {
            mut starter,
            mut subject,
            ..
        } = crate::report::sample::load()
        else {
            unreachable!()
        };
        subject.light_percentiles.clear();
        subject.endpoints[0].p99_seconds = f64::NAN;
        subject.endpoints.pop();
        starter.light_percentiles[3].1 = f64::NAN;
        let mut r = report();
        for m in r.tasks.iter_mut().flat_map(|t| &mut t.measurements) {
            if let Evidence::Load {
                starter: s,
                subject: x,
                ..
            } = &mut m.evidence
            {
                (*s, *x) = (starter.clone(), subject.clone());
            }
        }
        let page = render(&r);
        assert!(!page.contains("NaN"));
        for svg in svgs(&page) {
            assert_well_formed(svg);
        }
        assert!(page.contains("p99: starter 900.00 ms, yours not measured"));
        assert!(page.contains("<td>6,400</td><td>420.0 µs</td><td>not measured</td>"));
        assert!(page.contains("<td colspan=\"4\">not measured</td>"));
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
