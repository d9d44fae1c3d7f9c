//! Small multiples of one component's run metrics, drawn as inline SVG: 2 to 4 charts
//! side by side (240 × 120 px each), chosen by the component's kind (queues: waiting,
//! in flight, oldest age, dead-letter depth; functions, services and worker groups:
//! concurrency, throughput, errors, and instances for worker groups; others:
//! throughput and errors). The geometry lives in [`crate::editor::chart`].
//!
//! How to use it (the lead wires it):
//! - in `src/ui/mod.rs`: `mod charts;`
//! - where a component's run figures show (the inspector, for the selected component):
//!   ```ignore
//!   use super::charts::Charts;
//!   html! { <Charts samples={samples} kind={component.kind} name={AttrValue::from(component.name.clone())} /> }
//!   ```
//!   where `samples: Rc<Vec<Sample>>` is that component's series (for instance
//!   `Rc::new(series.samples.iter().copied().collect())`). Keep the same `Rc` while the
//!   series has not changed: the props compare the pointer first, and the charts
//!   re-render only when the props change.
//! - link `static/charts.css` in `index.html` (classes are prefixed `chart-`). Colours
//!   and strokes are also set as SVG attributes, so the charts stay legible without it.
//!
//! Titles and units go through `t(..)` at run time; their English texts are in
//! `crate::editor::chart` (`Metric::title`, `Metric::unit_label`) and [`NO_DATA`], for
//! Vietnamese entries to be added to `lessons::ui_strings`.

use super::i18n::t;
use crate::editor::chart::{chart, metrics_for, Chart, Metric};
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

/// Shown in a chart before the run has produced a sample.
pub const NO_DATA: &str = "No data yet";

#[derive(Properties, Clone)]
pub struct ChartsProps {
    /// The component's per-second samples, oldest first.
    pub samples: Rc<Vec<Sample>>,
    pub kind: ComponentKind,
    /// The component's name (for the charts' accessible labels).
    pub name: AttrValue,
}

impl PartialEq for ChartsProps {
    fn eq(&self, other: &Self) -> bool {
        (Rc::ptr_eq(&self.samples, &other.samples) || self.samples == other.samples)
            && self.kind == other.kind
            && self.name == other.name
    }
}

#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let metrics = metrics_for(props.kind);
    html! {
        <div class="chart-row" role="group" aria-label={format!("{} — {}", props.name, t(CHARTS_LABEL))}>
            { for metrics.iter().map(|&metric| one_chart(&chart(&props.samples, metric, PLOT_W, PLOT_H), &props.name)) }
        </div>
    }
}

/// The group's accessible label (after the component's name).
const CHARTS_LABEL: &str = "Charts";

fn num(v: f64) -> String {
    // One decimal is finer than a pixel needs; trailing ".0" dropped.
    let s = format!("{:.1}", v);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn one_chart(c: &Chart, name: &AttrValue) -> Html {
    let metric: Metric = c.metric;
    let title = t(metric.title());
    let unit = metric.unit_label();
    let unit = if unit.is_empty() { "" } else { t(unit) };
    let colour = if metric.is_alert() { RED } else { BLUE };
    let line_class = classes!("chart-line", metric.is_alert().then_some("chart-line-alert"));
    let summary = match &c.last_label {
        Some(last) if unit.is_empty() => format!("{name} — {title}: {last}"),
        Some(last) => format!("{name} — {title}: {last} {unit}"),
        None => format!("{name} — {title}: {}", t(NO_DATA)),
    };

    let y_grid = c.y.ticks.iter().map(|tick| {
        let y = num(tick.at);
        html! {
            <g class="chart-ytick">
                <line class="chart-grid" x1="0" x2={num(PLOT_W)} y1={y.clone()} y2={y.clone()} stroke={GRID} />
                <text class="chart-tick" x="-5" y={num(tick.at + 3.5)} text-anchor="end" fill={INK_SOFT}>{ tick.label.clone() }</text>
            </g>
        }
    });
    let x_grid = c.x.ticks.iter().map(|tick| {
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

    html! {
        <figure class="chart">
            <svg class="chart-svg" width={num(WIDTH)} height={num(HEIGHT)} viewBox={format!("0 0 {} {}", num(WIDTH), num(HEIGHT))}
                 role="img" aria-label={summary.clone()} data-metric={format!("{metric:?}")}>
                <title>{ summary }</title>
                <text class="chart-heading" x="2" y="14">
                    <tspan class="chart-title">{ title }</tspan>
                    if !unit.is_empty() {
                        <tspan class="chart-unit" dx="6" fill={INK_SOFT}>{ unit }</tspan>
                    }
                </text>
                if let Some(last) = &c.last_label {
                    <text class="chart-value" x={num(WIDTH - 2.0)} y="14" text-anchor="end" fill={colour}>{ last.clone() }</text>
                }
                <g class="chart-plot" transform={format!("translate({} {})", num(LEFT), num(TOP))}>
                    { for y_grid }
                    { for x_grid }
                    <line class="chart-axis" x1="0" x2="0" y1="0" y2={num(PLOT_H)} stroke={AXIS} />
                    <line class="chart-axis" x1="0" x2={num(PLOT_W)} y1={num(PLOT_H)} y2={num(PLOT_H)} stroke={AXIS} />
                    if c.path.is_empty() {
                        <text class="chart-empty" x={num(PLOT_W / 2.0)} y={num(PLOT_H / 2.0 + 4.0)} text-anchor="middle" fill={INK_SOFT}>{ t(NO_DATA) }</text>
                    } else {
                        <path class={line_class} d={c.path.clone()} fill="none" stroke={colour} stroke-width="1.5"
                              stroke-linejoin="round" stroke-linecap="round" />
                    }
                    if let Some((x, y)) = c.last_point {
                        <circle class="chart-last" cx={num(x)} cy={num(y)} r="2.5" fill={colour} />
                    }
                </g>
            </svg>
        </figure>
    }
}
