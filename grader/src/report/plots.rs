//! Hand-written SVG plots of a measurement's evidence for the HTML report.
//!
//! No dependency and no script: each plot is a handful of lines, rectangles and texts drawn on
//! a [`Canvas`], styled by [`STYLE`].

use super::figures;
use super::svg::{
    Anchor, CHAR_WIDTH, CURVE_BOTTOM, CURVE_TOP, Canvas, LEFT, LogScale, RIGHT, ROWS, Side, WIDTH, log_ticks,
    positive, short, size_axis, tick_instructions, tick_seconds,
};
use grader_kit::protocol::{Evidence, Goal, Measurement, ServiceFigures, Verdict};
use grader_kit::spec::HeapFigure;

/// Speed-up plot: the interval's row and the axis below it.
const SPEED_BAR_Y: f64 = 62.0;
const SPEED_AXIS_Y: f64 = 86.0;
const SPEED_HEIGHT: f64 = 124.0;
/// Curve plots (complexity, crossover): the height of the plot.
const CURVE_HEIGHT: f64 = 294.0;
/// The light-latency metric, whose load evidence is drawn as a percentile curve.
pub const LIGHT_LATENCY: &str = "light-latency";
/// The percentile the light-latency metric compares (the harness's p99).
const GRADED_PERCENTILE: f64 = 99.0;
/// Bar plots (heap, count): where bars end at the largest figure, leaving room for its label.
const BAR_RIGHT: f64 = WIDTH - 150.0;
const BAR_HEIGHT: f64 = 18.0;
const MIN_BAR: f64 = 2.0;

/// The plots' styles, for the page's `<style>`; colours carry meaning only beside words.
pub const STYLE: &str = "
svg.plot{display:block;width:100%;max-width:720px;height:auto;font:12px system-ui,sans-serif}
svg.plot text{fill:#1f2328;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
svg.plot text.tick{fill:#59636e;font-size:11px}
svg.plot .axis{stroke:#59636e;stroke-width:1}
svg.plot .grid{stroke:#e1e4e8;stroke-width:1}
svg.plot .ref{stroke:#818b98;stroke-width:1.5}
svg.plot .goal{stroke:#0550ae;stroke-width:2;stroke-dasharray:6 4}
svg.plot text.goal{fill:#0550ae;stroke:#fff;stroke-width:3px;stroke-dasharray:none}
svg.plot .starter{stroke:#818b98}
svg.plot .starter-mark{fill:#818b98}
svg.plot .v-pass{color:#1a7f37}
svg.plot .v-fail{color:#cf222e}
svg.plot .v-inconclusive{color:#9a6700}
";

/// A plot of `m`'s evidence described by `description` (its `aria-label` and `<title>`), or
/// `None` for evidence that reads better as text (a benchmark's figure, findings).
pub fn plot(m: &Measurement, description: &str) -> Option<String> {
    let verdict = verdict_class(m.verdict);
    let canvas = match &m.evidence {
        Evidence::Timings { .. }
        | Evidence::Parallel { .. }
        | Evidence::Instructions { .. }
        | Evidence::ThreadSplit { .. } => speedup(m, verdict, SPEED_TITLE),
        Evidence::Curves {
            sizes,
            starter_seconds,
            subject_seconds,
            starter_exponent,
            ..
        } => curves(
            m,
            verdict,
            sizes,
            (starter_seconds, subject_seconds),
            *starter_exponent,
            &TIME_AXIS,
        ),
        Evidence::InstructionCurves {
            sizes,
            starter_instructions,
            subject_instructions,
            starter_exponent,
            ..
        } => curves(
            m,
            verdict,
            sizes,
            (starter_instructions, subject_instructions),
            *starter_exponent,
            &INSTRUCTION_AXIS,
        ),
        Evidence::Crossover {
            first,
            second,
            sizes,
            ratios,
            measured,
            claimed,
        } => crossover(verdict, first, second, sizes, ratios, *measured, *claimed),
        Evidence::Heap {
            figure,
            starter,
            subject,
            threshold,
            ..
        } => heap(verdict, *figure, *starter, *subject, *threshold),
        Evidence::Count { limit, .. } => count(m, verdict, *limit),
        Evidence::Load { starter, subject, .. } if m.metric == LIGHT_LATENCY => {
            percentile_curve(verdict, starter, subject)
        }
        Evidence::Load { .. } => speedup(m, verdict, THROUGHPUT_TITLE),
        Evidence::Resident {
            starter_bytes,
            subject_bytes,
            threshold,
        } => heap(
            verdict,
            HeapFigure::PeakBytes,
            *starter_bytes,
            *subject_bytes,
            *threshold,
        ),
        Evidence::BenchmarkFigure { .. }
        | Evidence::Findings { .. }
        | Evidence::ProfileFindings { .. }
        | Evidence::Lints { .. } => {
            return None;
        }
    };
    Some(canvas.finish(description))
}

fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "v-pass",
        Verdict::Fail => "v-fail",
        Verdict::Inconclusive => "v-inconclusive",
    }
}

/// The speed-up plot's axis title, for timed work and for a server's throughput.
const SPEED_TITLE: &str = "speed-up: the starter's time ÷ yours (log scale)";
const THROUGHPUT_TITLE: &str = "throughput: your requests per second ÷ the starter's (log scale)";

/// Starter time ÷ yours as a point, its interval as a bar with whiskers, the goal and 1× as
/// vertical lines, on a log axis (a 2× gain and a 2× loss look the same size).
fn speedup(m: &Measurement, verdict: &str, axis_title: &str) -> Canvas {
    let mut c = Canvas::new(SPEED_HEIGHT);
    let goals = goal_marks(m.goal);
    let mut values: Vec<f64> = [m.value, m.low, m.high]
        .into_iter()
        .flatten()
        .chain([1.0])
        .collect();
    values.extend(goals.iter().map(|(at, _)| *at));
    let Some(ticks) = log_ticks(&values) else {
        c.not_measured((LEFT + RIGHT) / 2.0, SPEED_BAR_Y);
        return c;
    };
    let x = LogScale::new(&ticks, LEFT, RIGHT);
    for &t in &ticks {
        c.line((x.at(t), ROWS[0]), (x.at(t), SPEED_AXIS_Y), "grid");
        c.tick(
            (x.at(t), SPEED_AXIS_Y + 15.0),
            Anchor::Middle,
            &format!("{}×", short(t)),
        );
    }
    c.line((LEFT, SPEED_AXIS_Y), (RIGHT, SPEED_AXIS_Y), "axis");
    c.text(
        ((LEFT + RIGHT) / 2.0, SPEED_AXIS_Y + 33.0),
        Anchor::Middle,
        axis_title,
    );
    c.row_name(SPEED_BAR_Y, "yours");
    c.vertical_mark(
        x.at(1.0),
        ROWS[0],
        SPEED_AXIS_Y,
        "ref",
        "1× = as fast as the starter",
        false,
    );
    // The goal's label sits on the side away from the 1× line, which crosses its row.
    for (at, label) in &goals {
        c.vertical_mark(x.at(*at), ROWS[1], SPEED_AXIS_Y, "goal", label, *at < 1.0);
    }
    c.open_group(verdict);
    if let (Some(low), Some(high)) = (m.low, m.high)
        && positive(low)
        && positive(high)
    {
        let (low, high) = (x.at(low), x.at(high));
        c.rect(
            low,
            SPEED_BAR_Y - 5.0,
            high - low,
            10.0,
            "fill=\"currentColor\" fill-opacity=\"0.3\"",
        );
        for end in [low, high] {
            c.line((end, SPEED_BAR_Y - 9.0), (end, SPEED_BAR_Y + 9.0), "");
        }
        c.line((low, SPEED_BAR_Y), (high, SPEED_BAR_Y), "");
    }
    if let Some(value) = m.value.filter(|v| positive(*v)) {
        let at = x.at(value);
        c.circle(at, SPEED_BAR_Y, 5.5);
        c.boxed_text((at, ROWS[2]), &format!("{}×", short(value)));
    } else {
        c.not_measured((LEFT + RIGHT) / 2.0, SPEED_BAR_Y + 4.0);
    }
    c.close_group();
    c
}

/// The goal's thresholds with their labels ("goal ≥ 10×").
fn goal_marks(goal: Goal) -> Vec<(f64, String)> {
    match goal {
        Goal::AtLeast(t) => vec![(t, format!("goal ≥ {}×", short(t)))],
        Goal::AtMost(t) => vec![(t, format!("goal ≤ {}×", short(t)))],
        Goal::Between(a, b) => vec![
            (a, format!("goal ≥ {}×", short(a))),
            (b, format!("≤ {}×", short(b))),
        ],
    }
}

/// Seconds per call against n for both sides on log-log axes, where a slope is an exponent.
/// What a curve plot's vertical axis shows: seconds per call, or instructions (exact mode).
struct Axis {
    tick: fn(f64) -> String,
    title: &'static str,
}

const TIME_AXIS: Axis = Axis {
    tick: tick_seconds,
    title: "time per call (log)",
};

const INSTRUCTION_AXIS: Axis = Axis {
    tick: tick_instructions,
    title: "instructions per call (log)",
};

fn curves(
    m: &Measurement,
    verdict: &str,
    sizes: &[usize],
    (starter, subject): (&[f64], &[f64]),
    starter_exp: f64,
    axis: &Axis,
) -> Canvas {
    let mut c = Canvas::new(CURVE_HEIGHT);
    let n: Vec<f64> = sizes.iter().map(|&n| n as f64).collect();
    let times: Vec<f64> = starter.iter().chain(subject).copied().collect();
    let (Some(x), Some(y_ticks)) = (size_axis(&n), log_ticks(&times)) else {
        c.not_measured((LEFT + RIGHT) / 2.0, (CURVE_TOP + CURVE_BOTTOM) / 2.0);
        return c;
    };
    let y = LogScale::new(&y_ticks, CURVE_BOTTOM, CURVE_TOP);
    c.frame(&x, &n, &y, &y_ticks, axis.tick, axis.title);
    c.polyline(&x, &y, &n, starter, Side::Starter);
    c.open_group(verdict);
    if !c.polyline(&x, &y, &n, subject, Side::Yours) {
        c.not_measured((LEFT + RIGHT) / 2.0, (CURVE_TOP + CURVE_BOTTOM) / 2.0);
    }
    c.close_group();
    legend(&mut c, verdict);
    let exponent = |e: Option<f64>| match e {
        Some(e) if e.is_finite() => format!("n^{e:.2}"),
        _ => "not measured".into(),
    };
    let goal = match m.goal {
        Goal::AtMost(t) => format!(", goal ≤ {}", short(t)),
        _ => String::new(),
    };
    let fit = format!(
        "yours ≈ {}, starter ≈ {}{goal}",
        exponent(m.value),
        exponent(Some(starter_exp))
    );
    c.text((RIGHT, ROWS[0]), Anchor::End, &fit);
    c
}

/// The legend of a two-curve plot: a line and a marker per side, in the curves' styles.
fn legend(c: &mut Canvas, verdict: &str) {
    c.open_group(verdict);
    c.line((LEFT, ROWS[0] - 4.0), (LEFT + 24.0, ROWS[0] - 4.0), "");
    c.circle(LEFT + 12.0, ROWS[0] - 4.0, 4.0);
    c.close_group();
    c.text((LEFT + 30.0, ROWS[0]), Anchor::Start, "yours");
    c.line(
        (LEFT + 80.0, ROWS[0] - 4.0),
        (LEFT + 104.0, ROWS[0] - 4.0),
        "starter",
    );
    c.square(LEFT + 92.0, ROWS[0] - 4.0);
    c.text((LEFT + 110.0, ROWS[0]), Anchor::Start, "starter");
}

/// A percentile on the "nines" scale of latency plots: -log10(1 − p/100), so that 90, 99,
/// 99.9 and 99.99 are evenly spaced; `None` for 100 (the maximum, infinitely far) and beyond,
/// or for a percentile that is not one.
pub fn nines(percentile: f64) -> Option<f64> {
    let rest = 1.0 - percentile / 100.0;
    (percentile.is_finite() && percentile >= 0.0 && rest > 0.0).then(|| -rest.log10())
}

/// The percentile at `k` nines as people write it: 0, 90, 99, 99.9, 99.99.
fn nines_label(k: usize) -> String {
    match k {
        0 => "0".into(),
        1 => "90".into(),
        k => format!("99{}{}", if k > 2 { "." } else { "" }, "9".repeat(k - 2)),
    }
}

/// The light requests' latency against the percentile, for both servers: the percentile on a
/// nines scale (ticks 0, 90, 99, 99.9, … and the maximum, 100, one step past the last), the
/// latency on a log scale, and the graded percentile as a vertical line.
fn percentile_curve(verdict: &str, starter: &ServiceFigures, subject: &ServiceFigures) -> Canvas {
    let mut c = Canvas::new(CURVE_HEIGHT);
    let points = |f: &ServiceFigures| -> Vec<(f64, f64)> {
        f.light_percentiles
            .iter()
            .copied()
            .filter(|&(p, s)| p.is_finite() && (0.0..=100.0).contains(&p) && positive(s))
            .collect()
    };
    let (starter, subject) = (points(starter), points(subject));
    let seconds: Vec<f64> = starter.iter().chain(&subject).map(|&(_, s)| s).collect();
    let Some(y_ticks) = log_ticks(&seconds) else {
        c.not_measured((LEFT + RIGHT) / 2.0, (CURVE_TOP + CURVE_BOTTOM) / 2.0);
        return c;
    };
    // At least up to 99.9; a small tolerance keeps 99.99 at four nines despite rounding.
    let deepest = starter
        .iter()
        .chain(&subject)
        .filter_map(|&(p, _)| nines(p))
        .fold(3.0, f64::max);
    let finite_ticks = (deepest - 1e-6).ceil() as usize;
    let maximum = finite_ticks as f64 + 1.0;
    let x = |p: f64| LEFT + nines(p).map_or(maximum, |n| n.min(maximum)) / maximum * (RIGHT - LEFT);
    let y = LogScale::new(&y_ticks, CURVE_BOTTOM, CURVE_TOP);
    for &t in &y_ticks {
        c.line((LEFT, y.at(t)), (RIGHT, y.at(t)), "grid");
        c.tick((LEFT - 6.0, y.at(t) + 4.0), Anchor::End, &tick_seconds(t));
    }
    for k in 0..=finite_ticks + 1 {
        let at = LEFT + k as f64 / maximum * (RIGHT - LEFT);
        let label = if k > finite_ticks {
            "100".into()
        } else {
            nines_label(k)
        };
        c.line((at, CURVE_TOP), (at, CURVE_BOTTOM), "grid");
        c.line((at, CURVE_BOTTOM), (at, CURVE_BOTTOM + 5.0), "axis");
        c.tick((at, CURVE_BOTTOM + 18.0), Anchor::Middle, &label);
    }
    c.line((LEFT, CURVE_BOTTOM), (RIGHT, CURVE_BOTTOM), "axis");
    c.line((LEFT, CURVE_TOP), (LEFT, CURVE_BOTTOM), "axis");
    let x_title = "percentile (nines scale: each step is ten times rarer; 100 = the slowest)";
    c.text(
        ((LEFT + RIGHT) / 2.0, CURVE_BOTTOM + 38.0),
        Anchor::Middle,
        x_title,
    );
    c.y_title("light request latency (log)");
    let graded = format!("p{}", short(GRADED_PERCENTILE));
    c.vertical_mark(x(GRADED_PERCENTILE), ROWS[1], CURVE_BOTTOM, "ref", &graded, false);
    let pixels =
        |points: &[(f64, f64)]| -> Vec<(f64, f64)> { points.iter().map(|&(p, s)| (x(p), y.at(s))).collect() };
    c.polyline_at(&pixels(&starter), Side::Starter);
    c.open_group(verdict);
    if !c.polyline_at(&pixels(&subject), Side::Yours) {
        c.not_measured((LEFT + RIGHT) / 2.0, (CURVE_TOP + CURVE_BOTTOM) / 2.0);
    }
    c.close_group();
    legend(&mut c, verdict);
    let at_graded = |points: &[(f64, f64)]| {
        points
            .iter()
            .find(|(p, _)| (p - GRADED_PERCENTILE).abs() < 1e-9)
            .map_or_else(|| "not measured".to_string(), |&(_, s)| figures::seconds(s))
    };
    let summary = format!(
        "{graded}: starter {}, yours {}",
        at_graded(&starter),
        at_graded(&subject)
    );
    c.text((RIGHT, ROWS[0]), Anchor::End, &summary);
    c
}

/// The time ratio per size on log-log axes, with the 1.0 line (equally fast) and the
/// measured and claimed crossovers as vertical lines.
fn crossover(
    verdict: &str,
    first: &str,
    second: &str,
    sizes: &[usize],
    ratios: &[f64],
    measured: f64,
    claimed: f64,
) -> Canvas {
    let mut c = Canvas::new(CURVE_HEIGHT);
    let n: Vec<f64> = sizes.iter().map(|&n| n as f64).collect();
    let span: Vec<f64> = n.iter().copied().chain([measured, claimed]).collect();
    let mut r = ratios.to_vec();
    r.push(1.0);
    let (Some(x), Some(y_ticks)) = (size_axis(&span), log_ticks(&r)) else {
        c.not_measured((LEFT + RIGHT) / 2.0, (CURVE_TOP + CURVE_BOTTOM) / 2.0);
        return c;
    };
    let y = LogScale::new(&y_ticks, CURVE_BOTTOM, CURVE_TOP);
    c.frame(
        &x,
        &n,
        &y,
        &y_ticks,
        short,
        &format!("{second} ÷ {first} time (log)"),
    );
    // The ratio falls from left to right, so the line's lower left is free for its label.
    c.line((LEFT, y.at(1.0)), (RIGHT, y.at(1.0)), "ref");
    let equal = format!("1 = equally fast; below it, {second} wins");
    c.text((LEFT + 6.0, y.at(1.0) + 16.0), Anchor::Start, &equal);
    if positive(measured) {
        let label = format!("measured crossover ≈ {}", figures::count(measured.round() as u64));
        c.vertical_mark(x.at(measured), ROWS[0], CURVE_BOTTOM, "ref", &label, false);
    }
    c.open_group(verdict);
    if !c.polyline(&x, &y, &n, ratios, Side::Yours) {
        c.not_measured((LEFT + RIGHT) / 2.0, (CURVE_TOP + CURVE_BOTTOM) / 2.0);
    }
    if positive(claimed) {
        let label = format!("yours: {}", figures::count(claimed.round() as u64));
        c.vertical_mark(
            x.at(claimed),
            ROWS[1],
            CURVE_BOTTOM,
            "",
            &label,
            claimed < measured,
        );
    }
    c.close_group();
    c
}

/// The starter's and your heap figure as bars from zero, with the threshold as a line.
fn heap(verdict: &str, figure: HeapFigure, starter: u64, subject: u64, threshold: u64) -> Canvas {
    let rows = [
        (ROWS[1] + 4.0, "starter", starter),
        (ROWS[1] + 34.0, "yours", subject),
    ];
    let label = |v: u64| figures::heap_figure(figure, v);
    let goal = match threshold {
        0 => "goal: none".to_string(),
        t => format!("goal ≤ {}", label(t)),
    };
    bars(verdict, &rows, label, threshold, &goal)
}

/// The count as a bar from zero, with its limit as a line.
fn count(m: &Measurement, verdict: &str, limit: u64) -> Canvas {
    let goal = match limit {
        0 => format!("limit: no {}", m.unit),
        l => format!("limit ≤ {}", figures::count(l)),
    };
    let label = |v: u64| format!("{} {}", figures::count(v), m.unit);
    let Some(value) = m.value.filter(|v| v.is_finite() && *v >= 0.0) else {
        let mut c = bars(verdict, &[], label, limit, &goal);
        c.not_measured((LEFT + BAR_RIGHT) / 2.0, ROWS[1] + 8.0 + BAR_HEIGHT / 2.0);
        return c;
    };
    bars(
        verdict,
        &[(ROWS[1] + 4.0, "yours", value.round() as u64)],
        label,
        limit,
        &goal,
    )
}

/// Horizontal bars on a linear scale from zero (the last row is yours, in the verdict's
/// colour), each labelled with its figure, and the limit as a vertical line.
fn bars(
    verdict: &str,
    rows: &[(f64, &str, u64)],
    label: impl Fn(u64) -> String,
    limit: u64,
    goal: &str,
) -> Canvas {
    let bottom = rows.last().map_or(ROWS[1] + 4.0, |r| r.0) + BAR_HEIGHT;
    let mut c = Canvas::new(bottom + 12.0);
    let largest = rows.iter().map(|r| r.2).chain([limit]).max().unwrap_or(0).max(1) as f64;
    // The bars end where the longest figure still fits to their right.
    let longest = rows
        .iter()
        .map(|r| label(r.2).chars().count() as f64 * CHAR_WIDTH + 12.0)
        .fold(WIDTH - BAR_RIGHT, f64::max);
    let bar_right = (WIDTH - longest).max(LEFT + 160.0);
    let x = |v: u64| LEFT + v as f64 / largest * (bar_right - LEFT);
    c.line((LEFT, ROWS[1]), (LEFT, bottom + 4.0), "axis");
    // Bars first, then the limit across them, then the figures on top.
    let mut widths = Vec::new();
    for (i, &(top, name, value)) in rows.iter().enumerate() {
        let yours = i + 1 == rows.len();
        c.row_name(top + BAR_HEIGHT / 2.0, name);
        if yours {
            c.open_group(verdict);
        }
        let paint = [r#"class="starter-mark""#, r#"fill="currentColor""#][usize::from(yours)];
        // A figure above zero stays visible however small it is beside the largest.
        let width = if value > 0 {
            (x(value) - LEFT).max(MIN_BAR)
        } else {
            0.0
        };
        c.rect(LEFT, top, width, BAR_HEIGHT, paint);
        if yours {
            c.close_group();
        }
        widths.push(width);
    }
    c.vertical_mark(x(limit), ROWS[0], bottom + 4.0, "goal", goal, false);
    for (&(top, _, value), width) in rows.iter().zip(widths) {
        let at = (LEFT + width + 6.0, top + BAR_HEIGHT / 2.0 + 4.0);
        c.text(at, Anchor::Start, &label(value));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_mode_curves_plot_instructions() {
        let evidence = Evidence::InstructionCurves {
            sizes: vec![500, 1000, 2000, 4000],
            starter_instructions: vec![3e5, 1.2e6, 4.6e6, 1.8e7],
            subject_instructions: vec![5e4, 1.1e5, 2.6e5, 5.4e5],
            starter_exponent: 1.97,
            target: grader_kit::spec::ComplexityClass::Linearithmic,
        };
        let m = grader_kit::measure::exact("complexity", "exponent", 1.13, Goal::AtMost(1.5), evidence);
        let svg = plot(&m, "find-duplicates").expect("instruction curves are plotted");
        assert!(svg.contains("instructions per call (log)"), "{svg}");
        assert!(svg.contains(">1 M<") || svg.contains(">10 M<"), "{svg}");
        assert!(svg.contains("yours ≈ n^1.13, starter ≈ n^1.97"), "{svg}");
        assert_eq!(tick_instructions(2_000.0), "2 k");
        assert_eq!(tick_instructions(1.5e9), "1.5 G");
    }

    #[test]
    fn nines_space_ninety_ninety_nine_and_so_on_evenly() {
        assert_eq!(nines(0.0), Some(0.0));
        for (p, n) in [(90.0, 1.0), (99.0, 2.0), (99.9, 3.0), (99.99, 4.0)] {
            assert!((nines(p).unwrap() - n).abs() < 1e-9, "{p}");
        }
        assert!((nines(50.0).unwrap() - 2f64.log10()).abs() < 1e-12);
        for p in [100.0, 101.0, -1.0, f64::NAN] {
            assert_eq!(nines(p), None, "{p}");
        }
        let labels: Vec<String> = (0..5).map(nines_label).collect();
        assert_eq!(labels, ["0", "90", "99", "99.9", "99.99"]);
    }

    #[test]
    fn the_maximum_sits_one_step_past_the_deepest_percentile() {
        let side = |points: Vec<(f64, f64)>| ServiceFigures {
            requests_per_second: 1.0,
            endpoints: Vec::new(),
            light_percentiles: points,
        };
        let starter = side(vec![(0.0, 0.001), (99.0, 0.1), (99.999, 0.5), (100.0, 0.9)]);
        let subject = side(vec![(0.0, 0.0001), (99.0, 0.002), (100.0, 0.004)]);
        let svg = percentile_curve("v-pass", &starter, &subject).finish("curve");
        // Ticks 0, 90, 99, 99.9, 99.99, 99.999, then 100 at the right edge.
        assert!(svg.contains(">99.999<") && svg.contains(">100<"), "{svg}");
        assert!(
            svg.contains(&format!("{RIGHT:.1},")),
            "the maximum is not at the right edge: {svg}"
        );
        let empty = side(Vec::new());
        let svg = percentile_curve("v-fail", &empty, &empty).finish("curve");
        assert!(
            svg.contains("not measured") && !svg.contains("<polyline"),
            "{svg}"
        );
    }
}
