//! How one component and one connection are drawn in the canvas's SVG. Each is its
//! own component with comparable props, so a drag re-renders only what moved.

use crate::lessons::ui_strings as words;
use super::i18n::Lang;
use super::icons::kind_icon_at;
use super::playback::LiveBadges;
use crate::editor::geometry::{edge_point, Rect, NODE_HEIGHT, NODE_WIDTH};
use crate::view::labels::{fit_line, place_edge_label};
use std::rc::Rc;
use crate::model::{ComponentId, ComponentKind, ConnectionId, ConnectionKind};
use yew::prelude::*;

/// Props compare by what is drawn, not by callbacks: the canvas makes new callbacks on
/// every render, and they only dispatch or set state, so an older one acts the same.
/// Without this, every box would re-render on every drag step.
#[derive(Properties, Clone)]
pub struct NodeProps {
    pub id: ComponentId,
    pub kind: ComponentKind,
    /// The AWS service under the name (from the settings: a Kafka stream is MSK).
    pub service: &'static str,
    pub name: AttrValue,
    pub x: f64,
    pub y: f64,
    pub selected: bool,
    pub down: bool,
    /// Out as a function throttled to 0 (tagged so, not "down").
    #[prop_or_default]
    pub stopped: bool,
    pub warnings: usize,
    /// Pressed on the box: select and start dragging.
    pub on_press: Callback<(ComponentId, PointerEvent)>,
    /// Pressed on the output port: start a connection.
    pub on_port: Callback<(ComponentId, PointerEvent)>,
    pub on_rename: Callback<ComponentId>,
    pub on_select: Callback<ComponentId>,
    /// The page's language: the box's kind and badges are written in it.
    pub lang: Lang,
}

impl PartialEq for NodeProps {
    fn eq(&self, other: &Self) -> bool {
        (self.id, self.kind, self.service, &self.name, self.x, self.y, self.selected, self.down, self.stopped, self.warnings, self.lang)
            == (other.id, other.kind, other.service, &other.name, other.x, other.y, other.selected, other.down, other.stopped, other.warnings, other.lang)
    }
}

/// Names longer than this are cut with an ellipsis on the box (the inspector shows all).
const NAME_CHARS: usize = 22;
/// Names longer than this are squeezed to the box's text width instead of overflowing.
const SQUEEZE_ABOVE_CHARS: usize = 14;
/// The width available to the name, right of the icon.
const NAME_WIDTH: f64 = NODE_WIDTH - 64.0;
/// The subtitle's font size, the larger of the desk's and the phone's (static/*.css).
const SUBTITLE_PX: f64 = 12.0;

fn shorten(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_string()
    } else {
        let cut: String = name.chars().take(NAME_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[function_component(NodeView)]
pub fn node_view(props: &NodeProps) -> Html {
    let lang = props.lang;
    let id = props.id;
    let on_press = {
        let cb = props.on_press.clone();
        Callback::from(move |e: PointerEvent| cb.emit((id, e)))
    };
    let on_port = {
        let cb = props.on_port.clone();
        Callback::from(move |e: PointerEvent| {
            e.stop_propagation();
            cb.emit((id, e))
        })
    };
    let on_dblclick = {
        let cb = props.on_rename.clone();
        Callback::from(move |_: MouseEvent| cb.emit(id))
    };
    // Keyboard: Tab reaches each box; Enter selects it, F2 renames it.
    let on_key = {
        let select = props.on_select.clone();
        let rename = props.on_rename.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" | " " => {
                e.prevent_default();
                select.emit(id);
            }
            "F2" => rename.emit(id),
            _ => {}
        })
    };
    let mut class = classes!("node");
    if props.selected {
        class.push("selected");
    }
    if props.down {
        class.push("down");
    }
    let (kind, service) = (props.kind.name(props.lang), props.service);
    // The visible words first, in the order shown, so "click Orders" finds the box by
    // voice (WCAG 2.5.3); then the kind.
    let label = format!("{}, {service}, {kind}", props.name);
    html! {
        <g class={class} transform={format!("translate({} {})", props.x, props.y)}
           data-id={id.0.to_string()} data-kind={props.kind.key()}
           tabindex="0" role="button" aria-label={label} aria-pressed={props.selected.to_string()}
           onpointerdown={on_press} ondblclick={on_dblclick} onkeydown={on_key}>
            <title>{ format!("{} — {service}", props.name) }</title>
            <rect class="node-box" width={NODE_WIDTH.to_string()} height={NODE_HEIGHT.to_string()} rx="10" />
            { kind_icon_at(props.kind, 14.0, 14.0, 32.0) }
            if props.name.chars().count() > SQUEEZE_ABOVE_CHARS {
                <text class="node-name" x="56" y="27" textLength={NAME_WIDTH.to_string()} lengthAdjust="spacingAndGlyphs">{ shorten(&props.name) }</text>
            } else {
                <text class="node-name" x="56" y="27">{ shorten(&props.name) }</text>
            }
            <text class="node-kind" x="56" y="45">{ fit_line(service, NAME_WIDTH, SUBTITLE_PX).0 }</text>
            if props.down {
                <text class="node-down" x={(NODE_WIDTH - 10.0).to_string()} y="16" text-anchor="end">{ if props.stopped { words::frame::STOPPED.get(lang) } else { words::frame::DOWN.get(lang) } }</text>
            } else if props.warnings > 0 {
                <g class="node-warning" transform={format!("translate({} 6)", NODE_WIDTH - 24.0)}>
                    <title>{ warnings_title(props.warnings, props.lang) }</title>
                    <path d="M9 1l8 15H1z" />
                    <text x="9" y="14" text-anchor="middle">{ "!" }</text>
                </g>
            }
            <NodeBadge {id} lang={props.lang} />
            <circle class="node-port" cx={NODE_WIDTH.to_string()} cy={(NODE_HEIGHT / 2.0).to_string()} r="7"
                    onpointerdown={on_port}>
                <title>{ words::canvas::DRAG_TO_ANOTHER_COMPONENT_TO.get(lang) }</title>
            </circle>
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct NodeBadgeProps {
    id: ComponentId,
    lang: Lang,
}

/// A live figure from a run under the box ("12 waiting"). It reads the run's badges
/// from a context, so a snapshot re-renders these small parts and not the boxes.
#[function_component(NodeBadge)]
fn node_badge(props: &NodeBadgeProps) -> Html {
    let badges = use_context::<LiveBadges>();
    let Some(badge) = badges.as_ref().and_then(|b| b.0.get(&props.id)) else { return Html::default() };
    // Two figures fit a row; more go on a second row (its " · " kept, so the text
    // still reads as one list).
    let text = badge.text.get(props.lang);
    let figures: Vec<&str> = text.split(" · ").collect();
    let (first, rest) = figures.split_at(figures.len().min(2));
    let height = if rest.is_empty() { 20.0 } else { 34.0 };
    let middle = (NODE_WIDTH / 2.0).to_string();
    html! {
        <g class={classes!("node-badge", badge.alert.then_some("alert"), badge.title.is_some().then_some("explained"))} transform={format!("translate(0 {})", NODE_HEIGHT + 6.0)}>
            if let Some(title) = &badge.title {
                <title>{ title.get(props.lang).to_string() }</title>
            }
            <rect width={NODE_WIDTH.to_string()} height={height.to_string()} rx="10" />
            <text x={middle.clone()} y="14" text-anchor="middle">
                <tspan>{ first.join(" · ") }</tspan>
                if !rest.is_empty() {
                    <tspan x={middle} dy="14">{ format!(" · {}", rest.join(" · ")) }</tspan>
                }
            </text>
        </g>
    }
}

/// Compared by what is drawn, as [`NodeProps`].
#[derive(Properties, Clone)]
pub struct EdgeProps {
    pub id: ConnectionId,
    pub kind: ConnectionKind,
    pub from: Rect,
    pub to: Rect,
    pub selected: bool,
    /// Which of the connections between the same two boxes this is (0 for the first):
    /// a write and a read, or several Task states, are drawn side by side.
    pub lane: u32,
    /// Shown after the kind (a Task's state name).
    pub detail: AttrValue,
    pub on_press: Callback<(ConnectionId, PointerEvent)>,
    pub lang: Lang,
    /// Every box on the canvas: the label is placed clear of them.
    pub boxes: Rc<Vec<Rect>>,
}

impl PartialEq for EdgeProps {
    fn eq(&self, other: &Self) -> bool {
        (self.id, self.kind, self.from, self.to, self.selected, self.lane, &self.detail, self.lang, &self.boxes)
            == (other.id, other.kind, other.from, other.to, other.selected, other.lane, &other.detail, other.lang, &other.boxes)
    }
}

/// How far a lane is drawn from the straight line between the boxes: 0, +16, -16, +32...
fn lane_offset(lane: u32) -> f64 {
    let step = f64::from(lane.div_ceil(2)) * 16.0;
    if lane % 2 == 1 { step } else { -step }
}

#[function_component(EdgeView)]
pub fn edge_view(props: &EdgeProps) -> Html {
    let id = props.id;
    let (mut start, mut end) = (edge_point(&props.from, props.to.center()), edge_point(&props.to, props.from.center()));
    let (dx, dy) = (end.x - start.x, end.y - start.y);
    let length = dx.hypot(dy).max(1.0);
    let offset = lane_offset(props.lane);
    for p in [&mut start, &mut end] {
        p.x -= dy / length * offset;
        p.y += dx / length * offset;
    }
    let path = format!("M{:.1} {:.1} L{:.1} {:.1}", start.x, start.y, end.x, end.y);
    let on_press = {
        let cb = props.on_press.clone();
        Callback::from(move |e: PointerEvent| {
            e.stop_propagation();
            cb.emit((id, e))
        })
    };
    let mut class = classes!("edge", format!("edge-{}", kind_class(props.kind)));
    if props.kind.is_synchronous() {
        class.push("sync");
    }
    if props.selected {
        class.push("selected");
    }
    let label = match props.detail.as_str() {
        "" => props.kind.label_in(props.lang).to_string(),
        detail => format!("{}: {detail}", props.kind.label_in(props.lang)),
    };
    // Never under a box: wrapped, moved off the line or shortened, the full words in
    // the title (the hover text and the accessible name).
    let placed = place_edge_label(&label, start, end, &props.boxes);
    let top = -placed.height / 2.0;
    html! {
        <g class={class} data-id={id.0.to_string()} onpointerdown={on_press}>
            <path class="edge-hit" d={path.clone()} />
            <path class="edge-line" d={path} marker-end="url(#arrow)" />
            <g class="edge-label" transform={format!("translate({:.1} {:.1})", placed.center.x, placed.center.y)}
               data-full={label.clone()} data-shortened={placed.shortened.to_string()}>
                <title>{ label.clone() }</title>
                <rect x={format!("{:.1}", -placed.width / 2.0)} y={format!("{top:.1}")} width={format!("{:.1}", placed.width)}
                      height={format!("{:.1}", placed.height)} rx="9" />
                { for placed.lines.iter().enumerate().map(|(i, line)| html! {
                    <text y={format!("{:.1}", top + 13.0 + 12.0 * i as f64)} text-anchor="middle">{ line.clone() }</text>
                }) }
            </g>
        </g>
    }
}

/// The warning sign's tooltip, written whole in each language.
fn warnings_title(count: usize, lang: Lang) -> String {
    match (lang, count) {
        (Lang::En, 1) => "1 warning: see the inspector".to_string(),
        (Lang::En, n) => format!("{n} warnings: see the inspector"),
        (Lang::Vi, n) => format!("{n} cảnh báo: xem ở khung Thuộc tính"),
    }
}

fn kind_class(kind: ConnectionKind) -> &'static str {
    match kind {
        ConnectionKind::Redrive | ConnectionKind::OnFailure => "failure",
        _ => "flow",
    }
}
