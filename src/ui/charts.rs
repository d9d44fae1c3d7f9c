//! Small multiples of a component's run metrics (240 × 120 px each: an HTML heading
//! over a canvas plot): one row per component in the strip under the canvas. Every row shows the same
//! four charts first, so rows line up for comparison (waiting, throughput, errors and
//! latency percentiles), then the kind's own (a queue's oldest age and dead-letter
//! depth; a worker group's instances…). A queue's first chart draws waiting and in
//! flight as two named lines: a failing consumer hides its messages (in flight) while
//! waiting stays at 0, and only the two together show where the backlog is. The geometry lives in
//! [`crate::view::chart`]; titles and units are [`Text`]s read in the page's language.

use crate::lessons::ui_strings as words;
use super::i18n::{use_lang, Lang};
use crate::text::Text;
use crate::view::chart::{chart, lines_chart, metrics_for, Axis, Chart, Metric, Unit};
use crate::playback::latency::{LatencyPoint, Measure};
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
/// The canvas holds the plot and its tick labels, with room for the top label's half.
const PLOT_TOP: f64 = 4.0;
const CANVAS_H: f64 = PLOT_TOP + PLOT_H + BOTTOM;

const BLUE: &str = "#0972d3";
/// In flight, beside waiting in blue.
const ORANGE: &str = "#b84f00";
const RED: &str = "#d91515";
const GRID: &str = "#e9ebed";
const AXIS: &str = "#d5dbdb";
const INK_SOFT: &str = "#545b64";
const TICK_FONT: &str = "10px system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", Arial, sans-serif";
const EMPTY_FONT: &str = "italic 11px system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", Arial, sans-serif";
/// p50, p95, p99.
const PERCENTILE_COLOURS: [&str; 3] = ["#0972d3", "#b84f00", "#c33d69"];
const PERCENTILE_NAMES: [&str; 3] = ["p50", "p95", "p99"];

/// Shown in a chart before the run has produced a sample.
pub const NO_DATA: Text = words::charts::NO_DATA_YET;

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
    let lang = use_lang();
    let samples = &props.samples;
    let span = samples.first().zip(samples.last()).map(|(a, b)| (a.t_s, b.t_s));
    let extras = metrics_for(props.kind).iter().filter(|m| !CORE.contains(m));
    html! {
        <div class="chart-row" role="group" aria-label={format!("{} — {}", props.name, words::charts::CHARTS.get(lang))}>
            { for CORE.iter().map(|&m| match (m, props.kind) {
                (Metric::Depth, ComponentKind::Queue) => backlog_chart(samples, &props.name, lang),
                _ => one_chart(&chart(samples, m, PLOT_W, PLOT_H), &props.name, lang),
            }) }
            { latency_chart(&props.latency, span, &props.name, lang) }
            { for extras.map(|&m| one_chart(&chart(samples, m, PLOT_W, PLOT_H), &props.name, lang)) }
        </div>
    }
}

fn num(v: f64) -> String {
    // One decimal is finer than a pixel needs; trailing ".0" dropped.
    let s = format!("{:.1}", v);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// What a chart shows: the heading in HTML (text a reader and a test can read), the
/// plot on a canvas. Drawn on a canvas because the strip redraws a dozen charts a few
/// times a second while playing: as SVG, every moved tick and line meant style and
/// layout work that made those frames miss their vsync.
struct Frame<'a> {
    /// `data-metric`, for tests and styles.
    key: &'a str,
    title: &'a str,
    unit: &'a str,
    /// The latest value at the top right, with its colour.
    value: Option<(String, &'static str)>,
    /// Or a legend of coloured names there.
    legend: &'a [(&'a str, &'a str)],
    plot: Plot,
    summary: String,
}

/// The plot area's contents, in plot pixels.
#[derive(Clone, PartialEq)]
struct Plot {
    x: Axis,
    y: Axis,
    /// Lines as (points, colour); all empty means no data.
    lines: Vec<(Vec<(f64, f64)>, &'static str)>,
    last_point: Option<((f64, f64), &'static str)>,
}

/// The chart's box: title, unit, latest value or legend above the plot.
fn frame(f: Frame) -> Html {
    let lines = f.plot.lines.iter().filter(|(points, _)| !points.is_empty()).count();
    html! {
        <figure class="chart" data-metric={f.key.to_string()}>
            <figcaption class="chart-heading">
                if !f.title.is_empty() {
                    <span class="chart-title">{ f.title }</span>
                }
                if !f.unit.is_empty() {
                    <span class="chart-unit">{ f.unit }</span>
                }
                <span class="chart-corner">
                    if let Some((value, colour)) = f.value {
                        <span class="chart-value" style={format!("color:{colour}")}>{ value }</span>
                    }
                    { for f.legend.iter().map(|(name, colour)| html! {
                        <span class="chart-legend" style={format!("color:{colour}")}>{ name.to_string() }</span>
                    }) }
                </span>
            </figcaption>
            <PlotCanvas plot={Rc::new(f.plot)} label={AttrValue::from(f.summary)} {lines} />
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct PlotProps {
    plot: Rc<Plot>,
    /// What the plot shows, said in words (its accessible name).
    label: AttrValue,
    /// Lines drawn (for tests).
    lines: usize,
}


#[function_component(PlotCanvas)]
fn plot_canvas(props: &PlotProps) -> Html {
    let lang = use_lang();
    let canvas = use_node_ref();
    // Backing pixels per chart pixel: the screen's, so it is crisp on dense screens
    // without costing four times the pixels where one is enough.
    let ratio = gloo::utils::window().device_pixel_ratio().clamp(1.0, 3.0);
    {
        let canvas = canvas.clone();
        // Redrawn when the language changes too: an empty plot says so in words.
        use_effect_with((props.plot.clone(), lang), move |(plot, lang)| {
            if let Some(canvas) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                draw(&canvas, plot, ratio, *lang);
            }
        });
    }
    html! {
        <canvas ref={canvas} class="chart-canvas" width={num(WIDTH * ratio)} height={num(CANVAS_H * ratio)}
                role="img" aria-label={props.label.clone()} data-lines={props.lines.to_string()}
                data-yticks={props.plot.y.ticks.len().to_string()} data-xticks={props.plot.x.ticks.len().to_string()}>
            { props.label.clone() }
        </canvas>
    }
}

/// Grid, ticks, axes, lines and the latest point; "No data yet" when there is none.
fn draw(canvas: &web_sys::HtmlCanvasElement, plot: &Plot, ratio: f64, lang: Lang) {
    use wasm_bindgen::JsCast;
    let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()) else { return };
    let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, WIDTH, CANVAS_H);
    let _ = ctx.translate(LEFT, PLOT_TOP);
    ctx.set_line_width(1.0);
    ctx.set_font(TICK_FONT);
    ctx.set_fill_style_str(INK_SOFT);
    ctx.set_text_align("end");
    for tick in &plot.y.ticks {
        // Half pixels: one-pixel lines stay sharp.
        let y = tick.at.round() + 0.5;
        line(&ctx, (0.0, y), (PLOT_W, y), GRID);
        let _ = ctx.fill_text(&tick.label, -5.0, tick.at + 3.5);
    }
    for tick in &plot.x.ticks {
        let x = tick.at.round() + 0.5;
        line(&ctx, (x, 0.0), (x, PLOT_H), GRID);
        // Keep the outermost labels inside the chart.
        let (align, at) = if tick.at > PLOT_W - 14.0 { ("end", (tick.at + 6.0).min(PLOT_W + RIGHT - 1.0)) } else { ("center", tick.at) };
        ctx.set_text_align(align);
        let _ = ctx.fill_text(&tick.label, at, PLOT_H + 13.0);
    }
    line(&ctx, (0.5, 0.0), (0.5, PLOT_H), AXIS);
    line(&ctx, (0.0, PLOT_H.round() + 0.5), (PLOT_W, PLOT_H.round() + 0.5), AXIS);
    if plot.lines.iter().all(|(points, _)| points.is_empty()) {
        ctx.set_font(EMPTY_FONT);
        ctx.set_text_align("center");
        let _ = ctx.fill_text(NO_DATA.get(lang), PLOT_W / 2.0, PLOT_H / 2.0 + 4.0);
        return;
    }
    ctx.set_line_width(1.5);
    ctx.set_line_join("round");
    ctx.set_line_cap("round");
    for (points, colour) in plot.lines.iter().filter(|(points, _)| !points.is_empty()) {
        ctx.begin_path();
        for (i, &(x, y)) in points.iter().enumerate() {
            if i == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.set_stroke_style_str(colour);
        ctx.stroke();
    }
    if let Some(((x, y), colour)) = plot.last_point {
        ctx.begin_path();
        let _ = ctx.arc(x, y, 2.5, 0.0, std::f64::consts::TAU);
        ctx.set_fill_style_str(colour);
        ctx.fill();
    }
}

fn line(ctx: &web_sys::CanvasRenderingContext2d, from: (f64, f64), to: (f64, f64), colour: &str) {
    ctx.begin_path();
    ctx.move_to(from.0, from.1);
    ctx.line_to(to.0, to.1);
    ctx.set_stroke_style_str(colour);
    ctx.stroke();
}

fn one_chart(c: &Chart, name: &AttrValue, lang: Lang) -> Html {
    let metric: Metric = c.metric;
    let title = metric.title().get(lang);
    let unit = metric.unit_label().map_or("", |u| u.get(lang));
    let colour = if metric.is_alert() { RED } else { BLUE };
    let summary = match &c.last_label {
        Some(last) if unit.is_empty() => format!("{name} — {title}: {last}"),
        Some(last) => format!("{name} — {title}: {last} {unit}"),
        None => format!("{name} — {title}: {}", NO_DATA.get(lang)),
    };
    let key = format!("{metric:?}");
    frame(Frame {
        key: &key,
        title,
        unit,
        value: c.last_label.clone().map(|v| (v, colour)),
        legend: &[],
        plot: Plot { x: c.x.clone(), y: c.y.clone(), lines: vec![(c.points.clone(), colour)], last_point: c.last_point.map(|p| (p, colour)) },
        summary,
    })
}

/// A queue's messages: waiting (visible) and in flight (received, hidden), two lines
/// on one axis, each named with its latest value in the heading.
fn backlog_chart(samples: &[Sample], name: &AttrValue, lang: Lang) -> Html {
    let t_s: Vec<u32> = samples.iter().map(|s| s.t_s).collect();
    let values = |m: Metric| samples.iter().map(|s| m.value(s)).collect::<Vec<f64>>();
    let (waiting, in_flight) = (values(Metric::Depth), values(Metric::InFlight));
    let l = lines_chart(&t_s, &[&waiting, &in_flight], Unit::Count, None, PLOT_W, PLOT_H);
    let names = [Metric::Depth.title().get(lang), Metric::InFlight.title().get(lang)];
    let colours = [BLUE, ORANGE];
    let named: Vec<String> = names.iter().zip(&l.last_labels).map(|(n, v)| format!("{n} {}", v.clone().unwrap_or_else(|| "0".into()))).collect();
    let title = words::charts::MESSAGES_IN_THE_QUEUE.get(lang);
    let summary = match samples.last() {
        Some(_) => format!("{name} — {title} ({}): {}", words::charts::MESSAGES.get(lang), named.join(", ")),
        None => format!("{name} — {title}: {}", NO_DATA.get(lang)),
    };
    let legend: Vec<(&str, &str)> = named.iter().map(String::as_str).zip(colours).collect();
    frame(Frame {
        key: "Depth",
        // The two named lines are the heading (a title beside them would not fit).
        title: "",
        // The axis counts messages: said in the accessible summary, no room here.
        unit: "",
        value: None,
        legend: if samples.is_empty() { &[] } else { &legend },
        plot: Plot { x: l.x, y: l.y, lines: l.lines.into_iter().zip(colours).collect(), last_point: None },
        summary,
    })
}

/// Latency percentiles per second, three lines on one duration axis.
fn latency_chart(latency: &Latency, span: Option<(u32, u32)>, name: &AttrValue, lang: Lang) -> Html {
    let (measure, points) = match latency {
        Some((m, p)) => (Some(*m), p.as_slice()),
        None => (None, &[][..]),
    };
    let title = match measure {
        Some(Measure::Response) => words::run_panel::RESPONSE_TIME.get(lang),
        Some(Measure::TimeHere) => words::run_panel::TIME_HERE.get(lang),
        Some(Measure::AgeOnArrival) => words::run_panel::AGE_ON_ARRIVAL.get(lang),
        Some(Measure::MeanWait) => words::run_panel::WAIT_IN_QUEUE.get(lang),
        Some(Measure::MeanWork) => words::run_panel::WORK_PER_MESSAGE.get(lang),
        None => words::run_panel::LATENCY.get(lang),
    };
    let t_s: Vec<u32> = points.iter().map(|p| p.t_s).collect();
    let ms = |f: fn(&LatencyPoint) -> u64| points.iter().map(|p| f(p) as f64 / 1000.0).collect::<Vec<f64>>();
    // A mean is one line; percentiles are three.
    let names: Vec<&str> = match measure {
        Some(Measure::MeanWait | Measure::MeanWork) => vec![words::run_panel::MEAN.get(lang)],
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
        None => format!("{name} — {title}: {}", NO_DATA.get(lang)),
    };
    let legend: Vec<(&str, &str)> = names.iter().copied().zip(PERCENTILE_COLOURS).collect();
    frame(Frame {
        key: "Latency",
        title,
        unit: "",
        value: None,
        legend: &legend,
        plot: Plot { x: l.x, y: l.y, lines: l.lines.into_iter().zip(PERCENTILE_COLOURS).collect(), last_point: None },
        summary,
    })
}
