//! Small multiples of a component's run metrics, drawn as inline SVG (240 × 120 px
//! each): one row per component in the strip under the canvas. Every row shows the same
//! four charts first, so rows line up for comparison (waiting, throughput, errors and
//! latency percentiles), then the kind's own (a queue's in-flight, oldest age and
//! dead-letter depth; a worker group's instances…). The geometry lives in
//! [`crate::editor::chart`]; titles and units go through `t(..)` at run time.

use super::i18n::t;
use crate::editor::chart::{chart, lines_chart, metrics_for, Axis, Chart, Metric, Unit};
use crate::editor::run_log::{LatencyPoint, Measure};
use crate::model::ComponentKind;
use crate::sim::Sample;
use std::rc::Rc;
use yew::prelude::*;

/// The whole chart, in pixels.
const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 120.0;
/// Room around the plot area: the title row above, tick labels left and below.
const LEFT: f64 = 40.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 18.0;
const PLOT_W: f64 = WIDTH - LEFT - RIGHT;
const PLOT_H: f64 = HEIGHT - TOP - BOTTOM;

const BLUE: &str = "#0972d3";
const RED: &str = "#d91515";
const GRID: &str = "#e9ebed";
const AXIS: &str = "#d5dbdb";
const INK_SOFT: &str = "#545b64";
/// p50, p95, p99.
const PERCENTILE_COLOURS: [&str; 3] = ["#0972d3", "#ec7211", "#c33d69"];
const PERCENTILE_NAMES: [&str; 3] = ["p50", "p95", "p99"];

/// Shown in a chart before the run has produced a sample.
pub const NO_DATA: &str = "No data yet";

/// The charts every row starts with, before the latency chart.
const CORE: [Metric; 3] = [Metric::Depth, Metric::Throughput, Metric::Errors];

/// A component's latency percentiles and what they measure, if any yet.
pub type Latency = Option<(Measure, Vec<LatencyPoint>)>;

#[derive(Properties, Clone)]
pub struct ChartRowProps {
    /// The component's per-second samples, oldest first.
    pub samples: Rc<Vec<Sample>>,
    pub latency: Rc<Latency>,
    pub kind: ComponentKind,
    /// The component's name (for the charts' accessible labels).
    pub name: AttrValue,
}

impl PartialEq for ChartRowProps {
    fn eq(&self, other: &Self) -> bool {
        (Rc::ptr_eq(&self.samples, &other.samples) || self.samples == other.samples)
            && self.latency == other.latency
            && self.kind == other.kind
            && self.name == other.name
    }
}

/// One component's charts side by side.
#[function_component(ChartRow)]
pub fn chart_row(props: &ChartRowProps) -> Html {
    let samples = &props.samples;
    let span = samples.first().zip(samples.last()).map(|(a, b)| (a.t_s, b.t_s));
    let extras = metrics_for(props.kind).iter().filter(|m| !CORE.contains(m));
    html! {
        <div class="chart-row" role="group" aria-label={format!("{} — {}", props.name, t("Charts"))}>
            { for CORE.iter().map(|&m| one_chart(&chart(samples, m, PLOT_W, PLOT_H), &props.name)) }
            { latency_chart(&props.latency, span, &props.name) }
            { for extras.map(|&m| one_chart(&chart(samples, m, PLOT_W, PLOT_H), &props.name)) }
        </div>
    }
}

fn num(v: f64) -> String {
    // One decimal is finer than a pixel needs; trailing ".0" dropped.
    let s = format!("{:.1}", v);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// What a chart draws inside its frame.
struct Frame<'a> {
    /// `data-metric`, for tests and styles.
    key: &'a str,
    title: &'a str,
    unit: &'a str,
    /// The latest value at the top right, with its colour.
    value: Option<(String, &'static str)>,
    /// Or a legend of coloured names there.
    legend: &'a [(&'a str, &'a str)],
    x: &'a Axis,
    y: &'a Axis,
    /// Lines as (path, colour, class); all empty means no data.
    lines: Vec<(String, &'static str, Classes)>,
    last_point: Option<((f64, f64), &'static str)>,
    summary: String,
}

/// The chart's box: title, unit, latest value or legend, grid, ticks, axes and lines.
fn frame(f: Frame) -> Html {
    let y_grid = f.y.ticks.iter().map(|tick| {
        let y = num(tick.at);
        html! {
            <g class="chart-ytick">
                <line class="chart-grid" x1="0" x2={num(PLOT_W)} y1={y.clone()} y2={y.clone()} stroke={GRID} />
                <text class="chart-tick" x="-5" y={num(tick.at + 3.5)} text-anchor="end" fill={INK_SOFT}>{ tick.label.clone() }</text>
            </g>
        }
    });
    let x_grid = f.x.ticks.iter().map(|tick| {
        let x = num(tick.at);
        // Keep the outermost labels inside the chart.
        let anchor = if tick.at > PLOT_W - 14.0 { "end" } else { "middle" };
        let label_x = if anchor == "end" { num((tick.at + 6.0).min(PLOT_W + RIGHT - 1.0)) } else { x.clone() };
        html! {
            <g class="chart-xtick">
                <line class="chart-grid" x1={x.clone()} x2={x} y1="0" y2={num(PLOT_H)} stroke={GRID} />
                <text class="chart-tick" x={label_x} y={num(PLOT_H + 13.0)} text-anchor={anchor} fill={INK_SOFT}>{ tick.label.clone() }</text>
            </g>
        }
    });
    let empty = f.lines.iter().all(|(d, _, _)| d.is_empty());
    // The legend is laid out from the right edge, last name first.
    let mut legend_x = WIDTH - 2.0;
    let legend = f.legend.iter().rev().map(|(name, colour)| {
        let x = legend_x;
        legend_x -= name.chars().count() as f64 * 6.5 + 8.0;
        html! { <text class="chart-legend" x={num(x)} y="14" text-anchor="end" fill={colour.to_string()}>{ name.to_string() }</text> }
    });
    html! {
        <figure class="chart">
            <svg class="chart-svg" width={num(WIDTH)} height={num(HEIGHT)} viewBox={format!("0 0 {} {}", num(WIDTH), num(HEIGHT))}
                 role="img" aria-label={f.summary.clone()} data-metric={f.key.to_string()}>
                <title>{ f.summary }</title>
                <text class="chart-heading" x="2" y="14">
                    <tspan class="chart-title">{ f.title }</tspan>
                    if !f.unit.is_empty() {
                        <tspan class="chart-unit" dx="6" fill={INK_SOFT}>{ f.unit }</tspan>
                    }
                </text>
                <g class="chart-corner">
                    if let Some((value, colour)) = f.value {
                        <text class="chart-value" x={num(WIDTH - 2.0)} y="14" text-anchor="end" fill={colour}>{ value }</text>
                    }
                    { for legend }
                </g>
                <g class="chart-plot" transform={format!("translate({} {})", num(LEFT), num(TOP))}>
                    { for y_grid }
                    { for x_grid }
                    <line class="chart-axis" x1="0" x2="0" y1="0" y2={num(PLOT_H)} stroke={AXIS} />
                    <line class="chart-axis" x1="0" x2={num(PLOT_W)} y1={num(PLOT_H)} y2={num(PLOT_H)} stroke={AXIS} />
                    if empty {
                        <text class="chart-empty" x={num(PLOT_W / 2.0)} y={num(PLOT_H / 2.0 + 4.0)} text-anchor="middle" fill={INK_SOFT}>{ t(NO_DATA) }</text>
                    }
                    { for f.lines.into_iter().filter(|(d, _, _)| !d.is_empty()).map(|(d, colour, class)| html! {
                        <path {class} d={d} fill="none" stroke={colour} stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round" />
                    }) }
                    if let Some(((x, y), colour)) = f.last_point {
                        <circle class="chart-last" cx={num(x)} cy={num(y)} r="2.5" fill={colour} />
                    }
                </g>
            </svg>
        </figure>
    }
}

fn one_chart(c: &Chart, name: &AttrValue) -> Html {
    let metric: Metric = c.metric;
    let title = t(metric.title());
    let unit = metric.unit_label();
    let unit = if unit.is_empty() { "" } else { t(unit) };
    let colour = if metric.is_alert() { RED } else { BLUE };
    let summary = match &c.last_label {
        Some(last) if unit.is_empty() => format!("{name} — {title}: {last}"),
        Some(last) => format!("{name} — {title}: {last} {unit}"),
        None => format!("{name} — {title}: {}", t(NO_DATA)),
    };
    let key = format!("{metric:?}");
    frame(Frame {
        key: &key,
        title,
        unit,
        value: c.last_label.clone().map(|v| (v, colour)),
        legend: &[],
        x: &c.x,
        y: &c.y,
        lines: vec![(c.path.clone(), colour, classes!("chart-line", metric.is_alert().then_some("chart-line-alert")))],
        last_point: c.last_point.map(|p| (p, colour)),
        summary,
    })
}

/// Latency percentiles per second, three lines on one duration axis.
fn latency_chart(latency: &Latency, span: Option<(u32, u32)>, name: &AttrValue) -> Html {
    let (measure, points) = match latency {
        Some((m, p)) => (Some(*m), p.as_slice()),
        None => (None, &[][..]),
    };
    let title = match measure {
        Some(Measure::Response) => t("Response time"),
        Some(Measure::TimeHere) => t("Time here"),
        Some(Measure::AgeOnArrival) => t("Age on arrival"),
        Some(Measure::MeanWait) => t("Wait in queue"),
        Some(Measure::MeanWork) => t("Work per message"),
        None => t("Latency"),
    };
    let t_s: Vec<u32> = points.iter().map(|p| p.t_s).collect();
    let ms = |f: fn(&LatencyPoint) -> u64| points.iter().map(|p| f(p) as f64 / 1000.0).collect::<Vec<f64>>();
    // A mean is one line; percentiles are three.
    let names: Vec<&str> = match measure {
        Some(Measure::MeanWait | Measure::MeanWork) => vec![t("mean")],
        _ => PERCENTILE_NAMES.to_vec(),
    };
    let lines = [ms(|p| p.p50_us), ms(|p| p.p95_us), ms(|p| p.p99_us)];
    let lines: Vec<&[f64]> = lines.iter().take(names.len()).map(Vec::as_slice).collect();
    let l = lines_chart(&t_s, &lines, Unit::Millis, span, PLOT_W, PLOT_H);
    let summary = match points.last() {
        Some(_) => {
            let values: Vec<String> =
                names.iter().zip(&l.last_labels).map(|(n, v)| format!("{n} {}", v.clone().unwrap_or_default())).collect();
            format!("{name} — {title}: {}", values.join(", "))
        }
        None => format!("{name} — {title}: {}", t(NO_DATA)),
    };
    let legend: Vec<(&str, &str)> = names.iter().copied().zip(PERCENTILE_COLOURS).collect();
    frame(Frame {
        key: "Latency",
        title,
        unit: "",
        value: None,
        legend: &legend,
        x: &l.x,
        y: &l.y,
        lines: l.paths.into_iter().zip(PERCENTILE_COLOURS).map(|(d, c)| (d, c, classes!("chart-percentile"))).collect(),
        last_point: None,
        summary,
    })
}
