//! SVG drawing primitives for the HTML report's plots: a [`Canvas`] of lines, rectangles,
//! markers and texts in a `viewBox`, log scales and their ticks, and the layout every plot
//! shares. Every text is escaped, and every coordinate is finite: a figure that is NaN or
//! infinite is left out, and the plot says "not measured" instead.

use super::escape::escape;
use super::figures;
use std::fmt::Write;

/// Width of every plot's `viewBox`; the page scales the plot to its column.
pub const WIDTH: f64 = 640.0;
/// Left edge of the plotting area: room for row names and a vertical axis's tick labels.
pub const LEFT: f64 = 76.0;
/// Right edge of the plotting area.
pub const RIGHT: f64 = WIDTH - 24.0;
/// Rough width of one character of the 12px labels, to keep labels inside the plot.
pub const CHAR_WIDTH: f64 = 6.6;
/// Most ticks an axis gets; more and 1–2–5 ticks thin out to powers of ten.
const MAX_TICKS: usize = 9;
/// Baselines of the label rows above a plot: one label per row, so that labels of lines that
/// sit close together never overlap, and a line starts below its own label's row.
pub const ROWS: [f64; 3] = [14.0, 30.0, 46.0];
/// Curve plots (complexity, crossover): the plotting area's top and bottom.
pub const CURVE_TOP: f64 = 40.0;
pub const CURVE_BOTTOM: f64 = 250.0;

/// Whether `v` can be drawn on a log scale: positive and finite.
pub fn positive(v: f64) -> bool {
    v.is_finite() && v > 0.0
}

/// A number as short as it reads: "10", "0.5", "1.5" (three significant figures at most).
pub fn short(x: f64) -> String {
    let text = figures::number(x);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A tick's time: "5 µs", "20 ms".
pub fn tick_seconds(s: f64) -> String {
    let (scale, unit) = match s {
        s if s >= 1.0 => (1.0, "s"),
        s if s >= 1e-3 => (1e3, "ms"),
        s if s >= 1e-6 => (1e6, "µs"),
        _ => (1e9, "ns"),
    };
    format!("{} {unit}", short(s * scale))
}

/// An instruction count for an axis tick: "2 k", "1.5 M", "3 G".
pub fn tick_instructions(n: f64) -> String {
    let (scale, unit) = match n {
        n if n >= 1e9 => (1e-9, " G"),
        n if n >= 1e6 => (1e-6, " M"),
        n if n >= 1e3 => (1e-3, " k"),
        _ => (1.0, ""),
    };
    format!("{}{unit}", short(n * scale))
}

/// Ticks at 1, 2 and 5 × 10^k (only powers of ten, then every other one and so on, when that
/// would crowd the axis) spanning every positive finite value; the first and last tick bound
/// the axis. `None` when there is no such value.
pub fn log_ticks(values: &[f64]) -> Option<Vec<f64>> {
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
pub fn size_axis(sizes: &[f64]) -> Option<LogScale> {
    let shown: Vec<f64> = sizes.iter().copied().filter(|&v| positive(v)).collect();
    let min = shown.iter().copied().reduce(f64::min)?;
    let max = shown.iter().copied().reduce(f64::max)?;
    let pad = ((max / min).log10() * 0.05).max(0.05);
    let (lo, hi) = (min / 10f64.powf(pad), max * 10f64.powf(pad));
    Some(LogScale::new(&[lo, hi], LEFT, RIGHT))
}

/// Maps a positive value to a pixel: the domain's ends go to `from` and `to`.
#[derive(Debug, Clone, Copy)]
pub struct LogScale {
    lo: f64,
    span: f64,
    from: f64,
    to: f64,
}

impl LogScale {
    /// The domain is the first and last of `ticks` (positive, increasing).
    pub fn new(ticks: &[f64], from: f64, to: f64) -> Self {
        let lo = ticks[0].log10();
        let span = (ticks[ticks.len() - 1].log10() - lo).max(f64::EPSILON);
        LogScale { lo, span, from, to }
    }

    pub fn at(&self, v: f64) -> f64 {
        self.from + (v.log10() - self.lo) / self.span * (self.to - self.from)
    }
}

/// How a text sits on its x.
#[derive(Debug, Clone, Copy)]
pub enum Anchor {
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
pub enum Side {
    Starter,
    Yours,
}

/// An SVG being written: elements in drawing order (later ones on top).
#[derive(Debug)]
pub struct Canvas {
    height: f64,
    body: String,
}

impl Canvas {
    pub fn new(height: f64) -> Self {
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

    pub fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), class: &str) {
        let class = Canvas::class(class);
        let _ = write!(
            self.body,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\"{class}/>"
        );
    }

    /// `attributes` are written as they are: callers pass constants only.
    pub fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, attributes: &str) {
        let width = width.max(0.0);
        let _ = write!(
            self.body,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{height:.1}\" {attributes}/>"
        );
    }

    /// Your marker, in the enclosing group's colour.
    pub fn circle(&mut self, x: f64, y: f64, r: f64) {
        let _ = write!(
            self.body,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"currentColor\"/>"
        );
    }

    /// The starter's marker.
    pub fn square(&mut self, x: f64, y: f64) {
        self.rect(x - 4.0, y - 4.0, 8.0, 8.0, "class=\"starter-mark\"");
    }

    pub fn text(&mut self, at: (f64, f64), anchor: Anchor, text: &str) {
        self.styled_text(at, anchor, "", text);
    }

    /// An axis's tick label, smaller and grey.
    pub fn tick(&mut self, at: (f64, f64), anchor: Anchor, text: &str) {
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
    pub fn vertical_mark(&mut self, x: f64, row: f64, bottom: f64, class: &str, label: &str, left: bool) {
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
    pub fn boxed_text(&mut self, (x, y): (f64, f64), text: &str) {
        let half = text.chars().count() as f64 * CHAR_WIDTH / 2.0 + 2.0;
        let x = x.clamp(half, WIDTH - half);
        self.rect(x - half, y - 11.0, 2.0 * half, 14.0, r##"fill="#fff""##);
        self.text((x, y), Anchor::Middle, text);
    }

    /// A row's name, left of the plotting area.
    pub fn row_name(&mut self, y: f64, name: &str) {
        self.text((LEFT - 8.0, y + 4.0), Anchor::End, name);
    }

    pub fn not_measured(&mut self, x: f64, y: f64) {
        self.text((x, y), Anchor::Middle, "not measured");
    }

    pub fn open_group(&mut self, class: &str) {
        let _ = write!(self.body, "<g class=\"{class}\">");
    }

    pub fn close_group(&mut self) {
        self.body.push_str("</g>");
    }

    /// Axes, grid and tick labels of a curve plot: `sizes` as x ticks, `y_ticks` as y ticks.
    pub fn frame(
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
        self.y_title(y_title);
    }

    /// A curve plot's vertical axis title, turned to read upwards beside the axis.
    pub fn y_title(&mut self, title: &str) {
        let middle = (CURVE_TOP + CURVE_BOTTOM) / 2.0;
        let _ = write!(
            self.body,
            "<text x=\"14\" y=\"{middle:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {middle:.1})\">{}</text>",
            escape(title)
        );
    }

    /// A line through the points with positive finite coordinates, each marked; false when
    /// there was none.
    pub fn polyline(&mut self, x: &LogScale, y: &LogScale, xs: &[f64], ys: &[f64], side: Side) -> bool {
        let points: Vec<(f64, f64)> = xs
            .iter()
            .zip(ys)
            .filter(|&(&a, &b)| positive(a) && positive(b))
            .map(|(&a, &b)| (x.at(a), y.at(b)))
            .collect();
        self.polyline_at(&points, side)
    }

    /// A line through points already in pixels, each marked, leaving out any that is not
    /// finite; false when none was left.
    pub fn polyline_at(&mut self, points: &[(f64, f64)], side: Side) -> bool {
        let points: Vec<(f64, f64)> = points
            .iter()
            .copied()
            .filter(|(a, b)| a.is_finite() && b.is_finite())
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

    pub fn finish(self, description: &str) -> String {
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
