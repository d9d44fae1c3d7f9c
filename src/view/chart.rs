//! Chart geometry, pure Rust: from a component's per-second [`Sample`]s and one
//! [`Metric`], the axis ranges with "nice" ticks (1, 2, 5 × 10ⁿ for amounts, a time
//! ladder of 1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min… for durations), their labels with
//! units, and the SVG path of the line over a plot area. Nothing here panics: an empty
//! series, a single sample, all zeros and values near `u64::MAX` all give a drawable chart.
//!
//! Coordinates are in the plot area: x from 0 (left) to `width`, y from 0 (top) to
//! `height`, the axis minimum at the bottom.

use crate::lessons::ui_strings::charts;
use crate::text::Text;
use crate::model::ComponentKind;
use crate::sim::Sample;

/// One line a chart can draw from a [`Sample`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Visible and delayed messages waiting.
    Depth,
    /// Received but not yet deleted or answered.
    InFlight,
    /// Age of the oldest waiting message.
    OldestAge,
    /// Messages sitting in the dead-letter queue.
    DeadLetterDepth,
    /// Work running at once.
    Concurrency,
    /// Work finished per second.
    Throughput,
    Errors,
    Throttles,
    /// Running instances (worker groups).
    Instances,
}

/// How a metric's values read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Whole things (messages, requests, instances): ticks 1, 2, 5 × 10ⁿ, at least 1 apart.
    Count,
    /// Milliseconds, labelled "250 ms", "30 s", "2 min", "1 h".
    Millis,
}

impl Metric {
    pub const ALL: [Metric; 9] = [
        Metric::Depth,
        Metric::InFlight,
        Metric::OldestAge,
        Metric::DeadLetterDepth,
        Metric::Concurrency,
        Metric::Throughput,
        Metric::Errors,
        Metric::Throttles,
        Metric::Instances,
    ];

    /// The sample's value for this metric.
    pub fn value(self, s: &Sample) -> f64 {
        match self {
            Metric::Depth => f64::from(s.depth),
            Metric::InFlight => f64::from(s.in_flight),
            Metric::OldestAge => s.oldest_age_ms as f64,
            Metric::DeadLetterDepth => f64::from(s.dead_letter_depth),
            Metric::Concurrency => f64::from(s.concurrency),
            Metric::Throughput => f64::from(s.throughput),
            Metric::Errors => f64::from(s.errors),
            Metric::Throttles => f64::from(s.throttles),
            Metric::Instances => f64::from(s.instances),
        }
    }

    /// The chart's title.
    pub fn title(self) -> Text {
        match self {
            Metric::Depth => charts::WAITING,
            Metric::InFlight => charts::IN_FLIGHT,
            Metric::OldestAge => charts::OLDEST_MESSAGE_AGE,
            Metric::DeadLetterDepth => charts::DEAD_LETTER_QUEUE,
            Metric::Concurrency => charts::CONCURRENCY,
            Metric::Throughput => charts::THROUGHPUT,
            Metric::Errors => charts::ERRORS,
            Metric::Throttles => charts::THROTTLES,
            Metric::Instances => charts::INSTANCES,
        }
    }

    /// What the value axis counts. None for durations: each tick carries its own unit
    /// ("30 s", "2 min").
    pub fn unit_label(self) -> Option<Text> {
        Some(match self {
            Metric::Depth | Metric::InFlight | Metric::DeadLetterDepth => charts::MESSAGES,
            Metric::OldestAge => return None,
            Metric::Concurrency => charts::RUNNING_AT_ONCE,
            Metric::Throughput | Metric::Errors | Metric::Throttles => charts::PER_SECOND,
            Metric::Instances => charts::INSTANCES_UNIT,
        })
    }

    pub fn unit(self) -> Unit {
        match self {
            Metric::OldestAge => Unit::Millis,
            _ => Unit::Count,
        }
    }

    /// Drawn in the alert colour (errors and throttles).
    pub fn is_alert(self) -> bool {
        matches!(self, Metric::Errors | Metric::Throttles)
    }
}

/// The metrics worth a chart for a kind of component, 2 to 4 of them.
pub fn metrics_for(kind: ComponentKind) -> &'static [Metric] {
    use ComponentKind as K;
    use Metric as M;
    match kind {
        // Waiting and in flight share the queue's first chart (two lines).
        K::Queue => &[M::Depth, M::OldestAge, M::DeadLetterDepth],
        K::Stream => &[M::Depth, M::InFlight, M::Throughput, M::Errors],
        K::DeliveryStream => &[M::Depth, M::Throughput, M::Errors],
        K::Function | K::Service => &[M::Concurrency, M::Throughput, M::Errors],
        K::WorkerGroup => &[M::Concurrency, M::Throughput, M::Errors, M::Instances],
        // A table's oldest age is its DynamoDB stream's iterator age.
        K::Database => &[M::Throughput, M::Errors, M::OldestAge],
        _ => &[M::Throughput, M::Errors],
    }
}

/// One tick: its value, its label and where it sits along the axis, in pixels (x: from
/// the plot's left edge; y: from its top edge).
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub label: String,
    pub at: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<Tick>,
}

/// Everything a chart draws, in plot-area pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub metric: Metric,
    /// Time in seconds since the run started.
    pub x: Axis,
    pub y: Axis,
    /// The line's points, rounded to a tenth of a pixel; empty when there are no samples.
    pub points: Vec<(f64, f64)>,
    /// The latest sample's point, for a marker (also what shows a single sample).
    pub last_point: Option<(f64, f64)>,
    /// The latest value, formatted like the ticks ("12", "1.5k", "30 s").
    pub last_label: Option<String>,
    pub width: f64,
    pub height: f64,
}

/// The shortest time span the x axis shows, so a young run grows from the left.
pub const MIN_SPAN_S: u32 = 30;

/// About this many intervals between ticks on each axis.
const TARGET_INTERVALS: f64 = 4.0;

/// Past this many samples per pixel, the line keeps each pixel column's extremes.
const SAMPLES_PER_PIXEL: f64 = 4.0;

/// Lays out one chart of `metric` over a plot area `width` × `height` pixels.
pub fn chart(samples: &[Sample], metric: Metric, width: f64, height: f64) -> Chart {
    let width = sane_len(width);
    let height = sane_len(height);
    let x = time_axis(span_of(samples.iter().map(|s| s.t_s)), width);
    let top = samples.iter().map(|s| metric.value(s)).fold(0.0_f64, f64::max);
    let y = value_axis(top, metric.unit(), height);

    let to_x = |t: f64| scale(t, x.min, x.max, 0.0, width);
    let to_y = |v: f64| scale(v, y.min, y.max, height, 0.0);
    let points = thin(samples.len(), &|i| to_x(f64::from(samples[i].t_s)), &|i| metric.value(&samples[i]), width, &to_y);
    let points = tenths(points);
    let last = samples.last();
    Chart {
        metric,
        last_point: last.map(|s| (to_x(f64::from(s.t_s)), to_y(metric.value(s)))),
        last_label: last.map(|s| format_value(metric.value(s), metric.unit())),
        x,
        y,
        points,
        width,
        height,
    }
}

fn sane_len(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 { v } else { 1.0 }
}

/// Maps `v` from [a, b] to [from, to]; a zero-width domain maps to `from`.
fn scale(v: f64, a: f64, b: f64, from: f64, to: f64) -> f64 {
    let span = b - a;
    if !(span.is_finite() && span > 0.0) {
        return from;
    }
    let r = ((v - a) / span).clamp(0.0, 1.0);
    from + (to - from) * r
}

/// Several lines over shared axes (a component's latency percentiles).
#[derive(Clone, Debug, PartialEq)]
pub struct Lines {
    /// Time in seconds since the run started.
    pub x: Axis,
    pub y: Axis,
    /// Each line's points, in the order given; empty when there are none.
    pub lines: Vec<Vec<(f64, f64)>>,
    /// Each line's latest value, formatted like the ticks.
    pub last_labels: Vec<Option<String>>,
}

/// Lays out lines of values at the seconds `t_s` (`lines[i][k]` is line i's value at
/// `t_s[k]`) over a plot area `width` × `height`. The time axis spans `span` (first and
/// last second), so that it lines up with the charts beside it, or else the points' own.
pub fn lines_chart(t_s: &[u32], lines: &[&[f64]], unit: Unit, span: Option<(u32, u32)>, width: f64, height: f64) -> Lines {
    let width = sane_len(width);
    let height = sane_len(height);
    let x = time_axis(span.unwrap_or_else(|| span_of(t_s.iter().copied())), width);
    let top = lines.iter().flat_map(|l| l.iter().copied()).fold(0.0_f64, f64::max);
    let y = value_axis(top, unit, height);
    let to_x = |t: f64| scale(t, x.min, x.max, 0.0, width);
    let to_y = |v: f64| scale(v, y.min, y.max, height, 0.0);
    let mut drawn = Vec::with_capacity(lines.len());
    let mut last_labels = Vec::with_capacity(lines.len());
    for line in lines {
        let n = line.len().min(t_s.len());
        // Points left of the axis (older than the charts beside it) are not drawn.
        let first = t_s[..n].iter().position(|&t| f64::from(t) >= x.min).unwrap_or(n);
        let (t, v) = (&t_s[first..n], &line[first..n]);
        drawn.push(tenths(thin(t.len(), &|i| to_x(f64::from(t[i])), &|i| v[i], width, &to_y)));
        last_labels.push(v.last().map(|&v| format_value(v, unit)));
    }
    Lines { x, y, lines: drawn, last_labels }
}

/// The first and last of a run of seconds (0 and 0 for none).
fn span_of(t_s: impl Iterator<Item = u32>) -> (u32, u32) {
    let mut t_s = t_s.peekable();
    let first = t_s.peek().copied().unwrap_or(0);
    (first, t_s.max().unwrap_or(first).max(first))
}

/// The time axis: from the first to the last second, at least [`MIN_SPAN_S`] wide.
fn time_axis((first, last): (u32, u32), width: f64) -> Axis {
    let min = f64::from(first);
    let max = f64::from(last).max(min + f64::from(MIN_SPAN_S));
    let step_s = time_step_ms((max - min) * 1000.0 / TARGET_INTERVALS) / 1000.0;
    let step_s = step_s.max(1.0);
    let mut ticks = Vec::new();
    let mut k = (min / step_s).ceil();
    while ticks.len() < 12 {
        let value = k * step_s;
        if value > max + 1e-9 {
            break;
        }
        ticks.push(Tick { value, label: format_duration_ms(value * 1000.0), at: scale(value, min, max, 0.0, width) });
        k += 1.0;
    }
    Axis { min, max, ticks }
}

/// The value axis: from 0 to the first tick at or above `top`.
fn value_axis(top: f64, unit: Unit, height: f64) -> Axis {
    let top = if top.is_finite() { top.max(0.0) } else { 0.0 };
    let step = match unit {
        Unit::Count => nice_step(top / TARGET_INTERVALS).max(1.0),
        Unit::Millis if top <= 0.0 => 1000.0,
        Unit::Millis => time_step_ms(top / TARGET_INTERVALS),
    };
    let intervals = (top / step).ceil().max(1.0);
    let max = intervals * step;
    let ticks = (0..=intervals as usize)
        .take(12)
        .map(|i| {
            let value = i as f64 * step;
            Tick { value, label: format_value(value, unit), at: scale(value, 0.0, max, height, 0.0) }
        })
        .collect();
    Axis { min: 0.0, max, ticks }
}

/// The smallest of 1, 2, 5 × 10ⁿ at or above `raw` (1 for nothing to show).
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mut magnitude = 10f64.powf(raw.log10().floor());
    // log10 can land a hair low or high; keep raw / magnitude within [1, 10).
    if raw / magnitude >= 10.0 {
        magnitude *= 10.0;
    } else if raw / magnitude < 1.0 {
        magnitude /= 10.0;
    }
    let f = raw / magnitude;
    let m = if f <= 1.0 + 1e-9 {
        1.0
    } else if f <= 2.0 + 1e-9 {
        2.0
    } else if f <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    m * magnitude
}

const SECOND: f64 = 1000.0;
const MINUTE: f64 = 60.0 * SECOND;
const HOUR: f64 = 60.0 * MINUTE;
const DAY: f64 = 24.0 * HOUR;

/// Durations read best at these steps; past a day, whole days at 1, 2, 5 × 10ⁿ.
const TIME_LADDER_MS: [f64; 27] = [
    1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, //
    SECOND, 2.0 * SECOND, 5.0 * SECOND, 10.0 * SECOND, 15.0 * SECOND, 30.0 * SECOND, //
    MINUTE, 2.0 * MINUTE, 5.0 * MINUTE, 10.0 * MINUTE, 15.0 * MINUTE, 30.0 * MINUTE, //
    HOUR, 2.0 * HOUR, 3.0 * HOUR, 6.0 * HOUR, 12.0 * HOUR, DAY,
];

/// The smallest readable time step, in milliseconds, at or above `raw_ms`.
pub fn time_step_ms(raw_ms: f64) -> f64 {
    if !(raw_ms.is_finite() && raw_ms > 0.0) {
        return 1.0;
    }
    TIME_LADDER_MS.iter().copied().find(|&s| s >= raw_ms).unwrap_or_else(|| nice_step(raw_ms / DAY) * DAY)
}

/// A value as its axis labels it.
pub fn format_value(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Count => format_count(v),
        Unit::Millis => format_duration_ms(v),
    }
}

/// "7", "1500", "12k", "3.5M", "2B", "1.2T"; past that, "4e18".
pub fn format_count(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let a = v.abs();
    if a < 10_000.0 {
        return trim(v, if v.fract() == 0.0 { 0 } else { 1 });
    }
    for (size, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")] {
        if a >= size && a < size * 1000.0 {
            return format!("{}{suffix}", trim(v / size, 1));
        }
    }
    format!("{v:.0e}")
}

/// "0 s", "250 ms", "1.5 s", "30 s", "1 min", "90 s", "12.5 min", "2 h", "3 d".
pub fn format_duration_ms(ms: f64) -> String {
    if !ms.is_finite() {
        return "–".to_string();
    }
    let a = ms.abs();
    if a == 0.0 {
        "0 s".to_string()
    } else if a < SECOND {
        format!("{} ms", trim(ms, 0))
    } else if a < MINUTE {
        format!("{} s", trim(ms / SECOND, 1))
    } else if a < HOUR {
        let whole = |unit: f64| (ms / unit - (ms / unit).round()).abs() < 1e-9;
        if !whole(MINUTE) && a < 10.0 * MINUTE && whole(SECOND) {
            // 90 s reads better than 1.5 min, and 105 s than 1.8 min.
            format!("{} s", trim(ms / SECOND, 0))
        } else {
            format!("{} min", trim(ms / MINUTE, 1))
        }
    } else if a < DAY {
        format!("{} h", trim(ms / HOUR, 1))
    } else {
        format!("{} d", format_count((ms / DAY * 10.0).round() / 10.0))
    }
}

/// `v` with at most `decimals` decimals, no trailing ".0".
fn trim(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" { "0".to_string() } else { s }
}

/// The line's points in pixels, from `n` points given by their x in pixels and their
/// value. Long series keep, per pixel column, the first, lowest, highest and last
/// values in time order, so spikes survive.
fn thin(n: usize, x_at: &dyn Fn(usize) -> f64, value_at: &dyn Fn(usize) -> f64, width: f64, to_y: &dyn Fn(f64) -> f64) -> Vec<(f64, f64)> {
    let point = |i: usize| (x_at(i), to_y(value_at(i)));
    if (n as f64) <= width * SAMPLES_PER_PIXEL {
        return (0..n).map(point).collect();
    }
    let columns = width.ceil().clamp(1.0, 100_000.0) as usize;
    let column_of = |i: usize| (x_at(i) / width * columns as f64).floor();
    let mut out = Vec::with_capacity(columns * 4);
    let mut start = 0;
    while start < n {
        let column = column_of(start);
        let mut end = start + 1;
        while end < n && column_of(end) <= column {
            end += 1;
        }
        let (mut lo, mut hi) = (start, start);
        for i in start..end {
            if value_at(i) < value_at(lo) {
                lo = i;
            }
            if value_at(i) > value_at(hi) {
                hi = i;
            }
        }
        let mut keep = [start, lo.min(hi), lo.max(hi), end - 1];
        keep.sort_unstable();
        let mut previous = None;
        for i in keep {
            if previous != Some(i) {
                out.push(point(i));
                previous = Some(i);
            }
        }
        start = end;
    }
    out
}

/// Points rounded to a tenth of a pixel (finer than anything drawn), so that charts
/// that look the same compare equal and are not redrawn.
fn tenths(mut points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let round = |v: f64| (v * 10.0).round() / 10.0 + 0.0;
    for p in &mut points {
        *p = (round(p.0), round(p.1));
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t_s: u32, depth: u32) -> Sample {
        Sample { t_s, depth, ..Sample::default() }
    }

    fn values(axis: &Axis) -> Vec<f64> {
        axis.ticks.iter().map(|t| t.value).collect()
    }

    fn labels(axis: &Axis) -> Vec<&str> {
        axis.ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn nice_steps_are_one_two_five_times_a_power_of_ten() {
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(1.0), 1.0);
        assert_eq!(nice_step(1.2), 2.0);
        assert_eq!(nice_step(2.0), 2.0);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(nice_step(1000.0), 1000.0);
        assert_eq!(nice_step(1001.0), 2000.0);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(nice_step(f64::NAN), 1.0);
    }

    #[test]
    fn value_ticks_round_up_to_a_nice_top() {
        let samples = [at(0, 3), at(1, 7), at(2, 5)];
        let c = chart(&samples, Metric::Depth, 200.0, 100.0);
        assert_eq!(values(&c.y), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(labels(&c.y), vec!["0", "2", "4", "6", "8"]);
        assert_eq!(c.y.max, 8.0);
        // 0 at the bottom, 8 at the top.
        assert_eq!(c.y.ticks[0].at, 100.0);
        assert_eq!(c.y.ticks[4].at, 0.0);
        assert_eq!(c.metric.unit_label().map(|u| u.en), Some("messages"));
    }

    #[test]
    fn path_points_follow_the_samples() {
        // 0..=30 s spans the whole width; values over a 0..10 axis.
        let samples = [at(0, 0), at(15, 10), at(30, 5)];
        let c = chart(&samples, Metric::Depth, 300.0, 100.0);
        assert_eq!(c.y.max, 10.0);
        assert_eq!(c.points, vec![(0.0, 100.0), (150.0, 0.0), (300.0, 50.0)]);
        assert_eq!(c.last_point, Some((300.0, 50.0)));
        assert_eq!(c.last_label.as_deref(), Some("5"));
    }

    #[test]
    fn time_ticks_read_as_seconds_and_minutes() {
        let samples: Vec<Sample> = (0..=120).map(|t| at(t, 1)).collect();
        let c = chart(&samples, Metric::Depth, 240.0, 100.0);
        assert_eq!(values(&c.x), vec![0.0, 30.0, 60.0, 90.0, 120.0]);
        assert_eq!(labels(&c.x), vec!["0 s", "30 s", "1 min", "90 s", "2 min"]);
        assert_eq!(c.x.ticks[2].at, 120.0);
    }

    #[test]
    fn a_sliding_window_starts_at_its_first_sample() {
        let samples: Vec<Sample> = (95..=155).map(|t| at(t, 1)).collect();
        let c = chart(&samples, Metric::Depth, 240.0, 100.0);
        assert_eq!(c.x.min, 95.0);
        assert_eq!(c.x.max, 155.0);
        assert_eq!(values(&c.x), vec![105.0, 120.0, 135.0, 150.0]);
        assert_eq!(labels(&c.x), vec!["105 s", "2 min", "135 s", "150 s"]);
    }

    #[test]
    fn empty_series_draws_axes_and_no_line() {
        let c = chart(&[], Metric::Throughput, 240.0, 100.0);
        assert!(c.points.is_empty());
        assert_eq!(c.last_point, None);
        assert_eq!(c.last_label, None);
        assert_eq!(values(&c.y), vec![0.0, 1.0]);
        assert_eq!((c.x.min, c.x.max), (0.0, 30.0));
        assert_eq!(labels(&c.x), vec!["0 s", "10 s", "20 s", "30 s"]);
    }

    #[test]
    fn a_single_sample_is_one_point_at_the_left() {
        let c = chart(&[at(4, 3)], Metric::Depth, 240.0, 100.0);
        assert_eq!(values(&c.y), vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(c.points.clone(), vec![(0.0, 0.0)]);
        assert_eq!(c.last_point, Some((0.0, 0.0)));
        assert_eq!((c.x.min, c.x.max), (4.0, 34.0));
    }

    #[test]
    fn all_zero_values_lie_on_the_floor() {
        let samples = [at(0, 0), at(10, 0), at(20, 0)];
        let c = chart(&samples, Metric::Depth, 120.0, 60.0);
        assert_eq!(values(&c.y), vec![0.0, 1.0]);
        assert!(c.points.clone().iter().all(|&(_, y)| y == 60.0));
        let age = chart(&samples, Metric::OldestAge, 120.0, 60.0);
        assert_eq!(labels(&age.y), vec!["0 s", "1 s"]);
    }

    #[test]
    fn huge_values_stay_finite_and_readable() {
        let samples = [
            Sample { t_s: 0, oldest_age_ms: 0, throughput: 0, ..Sample::default() },
            Sample { t_s: u32::MAX, oldest_age_ms: u64::MAX, throughput: u32::MAX, ..Sample::default() },
        ];
        for metric in Metric::ALL {
            let c = chart(&samples, metric, 240.0, 100.0);
            assert!(c.y.max >= metric.value(&samples[1]), "{metric:?}");
            assert!(c.y.ticks.len() >= 2 && c.y.ticks.len() <= 6, "{metric:?}: {:?}", c.y.ticks);
            assert!(c.x.ticks.len() <= 6);
            for (x, y) in c.points.clone() {
                assert!((0.0..=240.0).contains(&x) && (0.0..=100.0).contains(&y));
            }
        }
        let c = chart(&samples, Metric::Throughput, 240.0, 100.0);
        assert_eq!(c.y.max, 6e9);
        assert_eq!(labels(&c.y), vec!["0", "2B", "4B", "6B"]);
        let age = chart(&samples, Metric::OldestAge, 240.0, 100.0);
        assert_eq!(labels(&age.y), vec!["0 s", "100B d", "200B d", "300B d"]);
    }

    #[test]
    fn bad_plot_sizes_do_not_panic() {
        let samples = [at(0, 1), at(1, 2)];
        for (w, h) in [(0.0, 0.0), (-5.0, f64::NAN), (f64::INFINITY, 10.0)] {
            let c = chart(&samples, Metric::Depth, w, h);
            assert!(c.points.iter().all(|(x, y)| x.is_finite() && y.is_finite()), "{:?}", c.points);
        }
    }

    #[test]
    fn durations_pick_readable_steps_and_labels() {
        let samples = [Sample { t_s: 0, oldest_age_ms: 90_000, ..Sample::default() }];
        let c = chart(&samples, Metric::OldestAge, 240.0, 100.0);
        assert_eq!(labels(&c.y), vec!["0 s", "30 s", "1 min", "90 s"]);
        let samples = [Sample { t_s: 0, oldest_age_ms: 700, ..Sample::default() }];
        let c = chart(&samples, Metric::OldestAge, 240.0, 100.0);
        assert_eq!(labels(&c.y), vec!["0 s", "200 ms", "400 ms", "600 ms", "800 ms"]);
        assert_eq!(c.last_label.as_deref(), Some("700 ms"));
        assert_eq!(format_duration_ms(1500.0), "1.5 s");
        assert_eq!(format_duration_ms(2.0 * HOUR), "2 h");
        assert_eq!(format_duration_ms(12.5 * MINUTE), "12.5 min");
        assert_eq!(format_duration_ms(95_432.0), "1.6 min");
    }

    #[test]
    fn counts_are_compact() {
        assert_eq!(format_count(0.0), "0");
        assert_eq!(format_count(1500.0), "1500");
        assert_eq!(format_count(12_000.0), "12k");
        assert_eq!(format_count(3_500_000.0), "3.5M");
        assert_eq!(format_count(1.2e12), "1.2T");
        assert_eq!(format_count(4e18), "4e18");
    }

    #[test]
    fn long_series_are_thinned_but_keep_their_spikes() {
        let mut samples: Vec<Sample> = (0..3600).map(|t| at(t, 1)).collect();
        samples[1234].depth = 500;
        let c = chart(&samples, Metric::Depth, 100.0, 50.0);
        let pts = c.points.clone();
        assert!(pts.len() < 1000, "{} points", pts.len());
        // 500 on a 0..600 axis: 50 − 500/600 × 50 ≈ 8.3 px from the top.
        assert_eq!(c.y.max, 600.0);
        assert!(pts.iter().any(|&(_, y)| y == 8.3), "the spike survives thinning");
        assert!(pts.windows(2).all(|w| w[0].0 <= w[1].0), "time runs left to right");
        assert_eq!(pts.last(), Some(&(100.0, 49.9)));
    }

    #[test]
    fn lines_share_one_value_axis_and_line_up_with_the_charts_beside_them() {
        let t: Vec<u32> = (10..=70).collect();
        let p50: Vec<f64> = t.iter().map(|_| 100.0).collect();
        let p99: Vec<f64> = t.iter().map(|&s| f64::from(s) * 100.0).collect();
        let l = lines_chart(&t, &[&p50, &p99], Unit::Millis, Some((0, 70)), 200.0, 100.0);
        assert_eq!((l.x.min, l.x.max), (0.0, 70.0));
        assert_eq!(l.y.max, 8000.0, "the axis fits the highest line");
        assert_eq!(l.lines.len(), 2);
        assert_eq!(l.last_labels, vec![Some("100 ms".to_string()), Some("7 s".to_string())]);
        let first = l.lines[0].clone()[0];
        assert!((first.0 - 200.0 * 10.0 / 70.0).abs() < 0.1, "{first:?}");
        // Points older than the span are left out; no points, no path.
        let l = lines_chart(&t, &[&p50], Unit::Millis, Some((60, 70)), 200.0, 100.0);
        assert_eq!(l.lines[0].clone().len(), 11);
        let empty = lines_chart(&[], &[&[]], Unit::Millis, None, 200.0, 100.0);
        assert_eq!((empty.lines[0].is_empty(), empty.last_labels[0].clone()), (true, None));
    }

    #[test]
    fn each_kind_gets_two_to_four_charts() {
        for kind in ComponentKind::ALL {
            let m = metrics_for(kind);
            assert!((2..=4).contains(&m.len()), "{kind:?}");
        }
        assert_eq!(metrics_for(ComponentKind::Queue), &[Metric::Depth, Metric::OldestAge, Metric::DeadLetterDepth]);
        assert!(metrics_for(ComponentKind::WorkerGroup).contains(&Metric::Instances));
        assert_eq!(metrics_for(ComponentKind::Client), &[Metric::Throughput, Metric::Errors]);
        assert!(Metric::Errors.is_alert() && !Metric::Throughput.is_alert());
    }
}
