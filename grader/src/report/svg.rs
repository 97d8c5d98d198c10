//! Hand-written SVG plots of a measurement's evidence for the HTML report.
//!
//! No dependency and no script: each plot is a handful of lines, rectangles and texts in a
//! `viewBox`, styled by [`STYLE`]. Every text is escaped, and every coordinate is finite: a
//! figure that is NaN or infinite is left out of the plot, which says "not measured" instead.

use super::figures;
use super::html::escape;
use grader_kit::protocol::{Evidence, Goal, Measurement, Verdict};
use grader_kit::spec::HeapFigure;
use std::fmt::Write;

/// Width of every plot's `viewBox`; the page scales the plot to its column.
const WIDTH: f64 = 640.0;
/// Left edge of the plotting area: room for row names and a vertical axis's tick labels.
const LEFT: f64 = 76.0;
/// Right edge of the plotting area.
const RIGHT: f64 = WIDTH - 24.0;
/// Rough width of one character of the 12px labels, to keep labels inside the plot.
const CHAR_WIDTH: f64 = 6.6;
/// Most ticks an axis gets; more and 1–2–5 ticks thin out to powers of ten.
const MAX_TICKS: usize = 9;
/// Baselines of the label rows above a plot: one label per row, so that labels of lines that
/// sit close together never overlap, and a line starts below its own label's row.
const ROWS: [f64; 3] = [14.0, 30.0, 46.0];

/// Speed-up plot: the interval's row and the axis below it.
const SPEED_BAR_Y: f64 = 62.0;
const SPEED_AXIS_Y: f64 = 86.0;
const SPEED_HEIGHT: f64 = 124.0;
/// Curve plots (complexity, crossover): the plotting area's top and bottom.
const CURVE_TOP: f64 = 40.0;
const CURVE_BOTTOM: f64 = 250.0;
const CURVE_HEIGHT: f64 = 294.0;
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
        Evidence::Timings { .. } | Evidence::Parallel { .. } => speedup(m, verdict),
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
            starter_seconds,
            subject_seconds,
            *starter_exponent,
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
        Evidence::BenchmarkFigure { .. } | Evidence::Findings { .. } => return None,
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

/// Starter time ÷ yours as a point, its interval as a bar with whiskers, the goal and 1× as
/// vertical lines, on a log axis (a 2× gain and a 2× loss look the same size).
fn speedup(m: &Measurement, verdict: &str) -> Canvas {
    let mut c = Canvas::new(SPEED_HEIGHT);
    let goals = goal_marks(m.goal);
    let mut values = vec![m.value, m.low, m.high, 1.0];
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
    let axis_title = "speed-up: the starter's time ÷ yours (log scale)";
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
    if positive(m.low) && positive(m.high) {
        let (low, high) = (x.at(m.low), x.at(m.high));
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
    if positive(m.value) {
        let at = x.at(m.value);
        c.circle(at, SPEED_BAR_Y, 5.5);
        c.boxed_text((at, ROWS[2]), &format!("{}×", short(m.value)));
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
fn curves(
    m: &Measurement,
    verdict: &str,
    sizes: &[usize],
    starter: &[f64],
    subject: &[f64],
    starter_exp: f64,
) -> Canvas {
    let mut c = Canvas::new(CURVE_HEIGHT);
    let n: Vec<f64> = sizes.iter().map(|&n| n as f64).collect();
    let times: Vec<f64> = starter.iter().chain(subject).copied().collect();
    let (Some(x), Some(y_ticks)) = (size_axis(&n), log_ticks(&times)) else {
        c.not_measured((LEFT + RIGHT) / 2.0, (CURVE_TOP + CURVE_BOTTOM) / 2.0);
        return c;
    };
    let y = LogScale::new(&y_ticks, CURVE_BOTTOM, CURVE_TOP);
    c.frame(&x, &n, &y, &y_ticks, tick_seconds, "time per call (log)");
    c.polyline(&x, &y, &n, starter, Side::Starter);
    c.open_group(verdict);
    if !c.polyline(&x, &y, &n, subject, Side::Yours) {
        c.not_measured((LEFT + RIGHT) / 2.0, (CURVE_TOP + CURVE_BOTTOM) / 2.0);
    }
    // The legend: a line and a marker per side, in the same styles as the curves.
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
    let exponent = |e: f64| {
        if e.is_finite() {
            format!("n^{e:.2}")
        } else {
            "not measured".into()
        }
    };
    let goal = match m.goal {
        Goal::AtMost(t) => format!(", goal ≤ {}", short(t)),
        _ => String::new(),
    };
    let fit = format!(
        "yours ≈ {}, starter ≈ {}{goal}",
        exponent(m.value),
        exponent(starter_exp)
    );
    c.text((RIGHT, ROWS[0]), Anchor::End, &fit);
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
    if !(m.value.is_finite() && m.value >= 0.0) {
        let mut c = bars(verdict, &[], label, limit, &goal);
        c.not_measured((LEFT + BAR_RIGHT) / 2.0, ROWS[1] + 8.0 + BAR_HEIGHT / 2.0);
        return c;
    }
    bars(
        verdict,
        &[(ROWS[1] + 4.0, "yours", m.value.round() as u64)],
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

fn positive(v: f64) -> bool {
    v.is_finite() && v > 0.0
}

/// A number as short as it reads: "10", "0.5", "1.5" (three significant figures at most).
fn short(x: f64) -> String {
    let text = figures::number(x);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A tick's time: "5 µs", "20 ms".
fn tick_seconds(s: f64) -> String {
    let (scale, unit) = match s {
        s if s >= 1.0 => (1.0, "s"),
        s if s >= 1e-3 => (1e3, "ms"),
        s if s >= 1e-6 => (1e6, "µs"),
        _ => (1e9, "ns"),
    };
    format!("{} {unit}", short(s * scale))
}

/// Ticks at 1, 2 and 5 × 10^k (only powers of ten, then every other one and so on, when that
/// would crowd the axis) spanning every positive finite value; the first and last tick bound
/// the axis. `None` when there is no such value.
fn log_ticks(values: &[f64]) -> Option<Vec<f64>> {
    let shown = values.iter().copied().filter(|&v| positive(v));
    let (min, max) = shown.fold(None, |range: Option<(f64, f64)>, v| match range {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })?;
    let tolerance = 1e-9;
    let mut layouts = vec![(vec![1.0, 2.0, 5.0], 1)];
    layouts.extend((0..10).map(|k| (vec![1.0], 1 << k)));
    let mut ticks = Vec::new();
    for (mantissas, every) in layouts {
        let first = (min.log10().floor() as i32 - every).div_euclid(every) * every;
        let last = max.log10().ceil() as i32 + every;
        let candidates: Vec<f64> = (first..=last)
            .step_by(every as usize)
            .flat_map(|e| mantissas.iter().map(move |m| m * 10f64.powi(e)))
            .collect();
        let lo = candidates.iter().rposition(|&c| c <= min * (1.0 + tolerance))?;
        let mut hi = candidates.iter().position(|&c| c >= max * (1.0 - tolerance))?;
        if hi == lo {
            hi += 1;
        }
        ticks = candidates[lo..=hi.min(candidates.len() - 1)].to_vec();
        if ticks.len() <= MAX_TICKS {
            break;
        }
    }
    Some(ticks)
}

/// The x axis of sizes: their own values as ticks, with a little room at both ends.
fn size_axis(sizes: &[f64]) -> Option<LogScale> {
    let shown: Vec<f64> = sizes.iter().copied().filter(|&v| positive(v)).collect();
    let min = shown.iter().copied().reduce(f64::min)?;
    let max = shown.iter().copied().reduce(f64::max)?;
    let pad = ((max / min).log10() * 0.05).max(0.05);
    let (lo, hi) = (min / 10f64.powf(pad), max * 10f64.powf(pad));
    Some(LogScale::new(&[lo, hi], LEFT, RIGHT))
}

/// Maps a positive value to a pixel: the domain's ends go to `from` and `to`.
#[derive(Debug, Clone, Copy)]
struct LogScale {
    lo: f64,
    span: f64,
    from: f64,
    to: f64,
}

impl LogScale {
    /// The domain is the first and last of `ticks` (positive, increasing).
    fn new(ticks: &[f64], from: f64, to: f64) -> Self {
        let lo = ticks[0].log10();
        let span = (ticks[ticks.len() - 1].log10() - lo).max(f64::EPSILON);
        LogScale { lo, span, from, to }
    }

    fn at(&self, v: f64) -> f64 {
        self.from + (v.log10() - self.lo) / self.span * (self.to - self.from)
    }
}

/// How a text sits on its x.
#[derive(Debug, Clone, Copy)]
enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Whose curve: the starter's is grey, dashed, with squares; yours is in the verdict's colour
/// (set by the enclosing group), solid, with circles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Starter,
    Yours,
}

/// An SVG being written: elements in drawing order (later ones on top).
#[derive(Debug)]
struct Canvas {
    height: f64,
    body: String,
}

impl Canvas {
    fn new(height: f64) -> Self {
        Canvas {
            height,
            body: String::new(),
        }
    }

    fn class(class: &str) -> String {
        if class.is_empty() {
            " stroke=\"currentColor\"".into()
        } else {
            format!(" class=\"{class}\"")
        }
    }

    fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), class: &str) {
        let class = Canvas::class(class);
        let _ = write!(
            self.body,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\"{class}/>"
        );
    }

    /// `attributes` are written as they are: callers pass constants only.
    fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, attributes: &str) {
        let width = width.max(0.0);
        let _ = write!(
            self.body,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{height:.1}\" {attributes}/>"
        );
    }

    /// Your marker, in the enclosing group's colour.
    fn circle(&mut self, x: f64, y: f64, r: f64) {
        let _ = write!(
            self.body,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"currentColor\"/>"
        );
    }

    /// The starter's marker.
    fn square(&mut self, x: f64, y: f64) {
        self.rect(x - 4.0, y - 4.0, 8.0, 8.0, "class=\"starter-mark\"");
    }

    fn text(&mut self, at: (f64, f64), anchor: Anchor, text: &str) {
        self.styled_text(at, anchor, "", text);
    }

    /// An axis's tick label, smaller and grey.
    fn tick(&mut self, at: (f64, f64), anchor: Anchor, text: &str) {
        self.styled_text(at, anchor, "tick", text);
    }

    fn styled_text(&mut self, (x, y): (f64, f64), anchor: Anchor, class: &str, text: &str) {
        let _ = write!(
            self.body,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{}\"{}>{}</text>",
            anchor.name(),
            if class.is_empty() {
                String::new()
            } else {
                format!(" class=\"{class}\"")
            },
            escape(text)
        );
    }

    /// A vertical line from a label row down to `bottom`, labelled at the row beside the line
    /// (never across it): on the right, or on the left when asked or when the right is full.
    fn vertical_mark(&mut self, x: f64, row: f64, bottom: f64, class: &str, label: &str, left: bool) {
        self.line((x, row + 4.0), (x, bottom), class);
        let width = label.chars().count() as f64 * CHAR_WIDTH;
        let fits_left = x - 4.0 - width >= 0.0;
        let fits_right = x + 4.0 + width <= WIDTH;
        let (at, anchor) = if (left && fits_left) || !fits_right {
            (x - 4.0, Anchor::End)
        } else {
            (x + 4.0, Anchor::Start)
        };
        let class = if class == "goal" { "goal" } else { "" };
        self.styled_text((at, row), anchor, class, label);
    }

    /// A centred label on a white box, kept inside the plot, which hides the lines behind it.
    fn boxed_text(&mut self, (x, y): (f64, f64), text: &str) {
        let half = text.chars().count() as f64 * CHAR_WIDTH / 2.0 + 2.0;
        let x = x.clamp(half, WIDTH - half);
        self.rect(x - half, y - 11.0, 2.0 * half, 14.0, r##"fill="#fff""##);
        self.text((x, y), Anchor::Middle, text);
    }

    /// A row's name, left of the plotting area.
    fn row_name(&mut self, y: f64, name: &str) {
        self.text((LEFT - 8.0, y + 4.0), Anchor::End, name);
    }

    fn not_measured(&mut self, x: f64, y: f64) {
        self.text((x, y), Anchor::Middle, "not measured");
    }

    fn open_group(&mut self, class: &str) {
        let _ = write!(self.body, "<g class=\"{class}\">");
    }

    fn close_group(&mut self) {
        self.body.push_str("</g>");
    }

    /// Axes, grid and tick labels of a curve plot: `sizes` as x ticks, `y_ticks` as y ticks.
    fn frame(
        &mut self,
        x: &LogScale,
        sizes: &[f64],
        y: &LogScale,
        y_ticks: &[f64],
        y_label: impl Fn(f64) -> String,
        y_title: &str,
    ) {
        for &t in y_ticks {
            self.line((LEFT, y.at(t)), (RIGHT, y.at(t)), "grid");
            self.tick((LEFT - 6.0, y.at(t) + 4.0), Anchor::End, &y_label(t));
        }
        // Sizes double from one to the next; label every one, or every other when crowded.
        let step = sizes.len().div_ceil(MAX_TICKS + 3).max(1);
        for &n in sizes.iter().filter(|&&n| positive(n)).step_by(step) {
            self.line((x.at(n), CURVE_BOTTOM), (x.at(n), CURVE_BOTTOM + 5.0), "axis");
            let label = figures::count(n as u64);
            self.tick((x.at(n), CURVE_BOTTOM + 18.0), Anchor::Middle, &label);
        }
        self.line((LEFT, CURVE_BOTTOM), (RIGHT, CURVE_BOTTOM), "axis");
        self.line((LEFT, CURVE_TOP), (LEFT, CURVE_BOTTOM), "axis");
        let x_title = "n, the input size (log scale)";
        self.text(
            ((LEFT + RIGHT) / 2.0, CURVE_BOTTOM + 38.0),
            Anchor::Middle,
            x_title,
        );
        let middle = (CURVE_TOP + CURVE_BOTTOM) / 2.0;
        let _ = write!(
            self.body,
            "<text x=\"14\" y=\"{middle:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {middle:.1})\">{}</text>",
            escape(y_title)
        );
    }

    /// A line through the points with positive finite coordinates, each marked; false when
    /// there was none.
    fn polyline(&mut self, x: &LogScale, y: &LogScale, xs: &[f64], ys: &[f64], side: Side) -> bool {
        let points: Vec<(f64, f64)> = xs
            .iter()
            .zip(ys)
            .filter(|&(&a, &b)| positive(a) && positive(b))
            .map(|(&a, &b)| (x.at(a), y.at(b)))
            .collect();
        if points.is_empty() {
            return false;
        }
        let path: Vec<String> = points.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
        let style = match side {
            Side::Starter => " class=\"starter\" stroke-dasharray=\"5 3\"",
            Side::Yours => " stroke=\"currentColor\"",
        };
        let _ = write!(
            self.body,
            "<polyline points=\"{}\" fill=\"none\" stroke-width=\"2\"{style}/>",
            path.join(" ")
        );
        for &(a, b) in &points {
            match side {
                Side::Starter => self.square(a, b),
                Side::Yours => self.circle(a, b, 4.0),
            }
        }
        true
    }

    fn finish(self, description: &str) -> String {
        let description = escape(description);
        format!(
            "<svg class=\"plot\" viewBox=\"0 0 {WIDTH} {:.0}\" role=\"img\" aria-label=\"{description}\"><title>{description}</title>{}</svg>",
            self.height, self.body
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_one_two_five_and_span_every_value() {
        assert_eq!(
            log_ticks(&[1.0, 64.8, 10.0]).unwrap(),
            [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
        );
        assert_eq!(log_ticks(&[0.8, 1.0, 2.4]).unwrap(), [0.5, 1.0, 2.0, 5.0]);
        // Exactly one value still gives an axis.
        assert_eq!(log_ticks(&[1.0]).unwrap(), [1.0, 2.0]);
        // Crowded: powers of ten only.
        let wide = log_ticks(&[1.0, 7000.0, f64::NAN]).unwrap();
        assert_eq!(wide.len(), 5, "{wide:?}");
        assert!((wide[4] - 1e4).abs() < 1e-6, "{wide:?}");
        let very_wide = log_ticks(&[1e-9, 1e9]).unwrap();
        assert!(very_wide.len() <= MAX_TICKS, "{very_wide:?}");
        assert!(log_ticks(&[f64::NAN, f64::INFINITY, 0.0, -1.0]).is_none());
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(short(10.0), "10");
        assert_eq!(short(0.8), "0.8");
        assert_eq!(short(100.0), "100");
        assert_eq!(tick_seconds(2e-5), "20 µs");
        assert_eq!(tick_seconds(0.001), "1 ms");
        assert_eq!(tick_seconds(5e-9), "5 ns");
    }

    #[test]
    fn a_log_scale_maps_its_domain_to_its_pixels() {
        let x = LogScale::new(&[1.0, 100.0], 0.0, 200.0);
        assert!((x.at(10.0) - 100.0).abs() < 1e-9);
        assert!((x.at(100.0) - 200.0).abs() < 1e-9);
    }
}
