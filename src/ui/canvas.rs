//! The canvas: the diagram as SVG, with pointer gestures for moving, connecting,
//! box-selecting, panning and zooming, and inline renaming.

use crate::lessons::ui_strings as words;
use super::i18n::use_lang;
use super::diagram_view::{EdgeView, NodeView};
use super::playback::DOTS_CANVAS_ID;
use super::context_menu::{use_context_menu, ContextMenu};
use super::canvas_input::{capture, local_point, use_pinch_zoom, use_wheel};
use super::rename_box::RenameBox;
use super::store::use_editor;
use std::rc::Rc;
use crate::editor::geometry::{self, Rect, NODE_HEIGHT, NODE_WIDTH};
use crate::editor::{Action, Item};
use crate::model::{ComponentId, ComponentKind, ConnectionId, ConnectionKind, Outage, Point};
use crate::sim::settings::warnings;
use std::collections::HashMap;
use yew::prelude::*;

/// The element id of the canvas's SVG, for toolbar actions that need its size.
pub const CANVAS_SVG_ID: &str = "canvas-svg";

/// The visible canvas area's size in screen pixels.
pub fn canvas_size() -> (f64, f64) {
    gloo::utils::document()
        .get_element_by_id(CANVAS_SVG_ID)
        .map(|svg| {
            let r = svg.get_bounding_client_rect();
            (r.width(), r.height())
        })
        .unwrap_or((800.0, 600.0))
}

/// A pointer gesture under way.
#[derive(Clone, Debug, PartialEq)]
enum Gesture {
    None,
    /// Moving the selected components; `clicked` is the box pressed, for a plain click.
    Moving { start: Point, clicked: ComponentId, moved: bool },
    /// A rubber band from a component's port to the pointer (screen pixels, so that the
    /// port's possibly older callback needs no viewport).
    Connecting { from: ComponentId, to: Point },
    /// A selection box, in canvas units.
    Selecting { start: Point, end: Point, additive: bool },
    Panning { last: Point },
}

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    /// A kind being dragged from the palette, if any.
    pub placing: Option<ComponentKind>,
    pub on_placed: Callback<()>,
    /// A file dropped on the canvas.
    pub on_file: Callback<web_sys::File>,
    /// Faults changed live during the run (an outage there wins over the diagram's).
    #[prop_or_default]
    pub live_faults: Rc<std::collections::BTreeMap<ComponentId, crate::playback::LiveFault>>,
    /// A press at this screen point: true when it picked a moving dot (then it selects nothing).
    #[prop_or_default]
    pub on_dot: Option<Callback<Point, bool>>,
    /// The empty canvas offers the lesson: an exercise chosen there (its id)...
    #[prop_or_default]
    pub on_open_exercise: Callback<&'static str>,
    /// ...or a pattern (its id).
    #[prop_or_default]
    pub on_open_pattern: Callback<&'static str>,
    /// The context menu's "Connect to…": show the inspector (a sheet on a phone).
    #[prop_or_default]
    pub on_show_settings: Callback<()>,
}

#[function_component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let lang = use_lang();
    let editor = use_editor();
    let svg_ref = use_node_ref();
    let gesture = use_state(|| Gesture::None);
    let hover = use_state(|| None::<Point>);
    let renaming = use_state(|| None::<ComponentId>);

    use_wheel(&svg_ref, &editor);
    use_pinch_zoom(&svg_ref, &editor);
    super::svg_size::use_pixel_size(&svg_ref);
    let menu = use_context_menu(&svg_ref, &editor);

    let screen_point = {
        let svg_ref = svg_ref.clone();
        move |e: &MouseEvent| -> Point {
            svg_ref.cast::<web_sys::Element>().map(|svg| local_point(&svg, e.client_x(), e.client_y())).unwrap_or_default()
        }
    };

    let on_node_press = {
        let editor = editor.clone();
        let gesture = gesture.clone();
        let screen_point = screen_point.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |(id, e): (ComponentId, PointerEvent)| {
            if e.button() != 0 {
                return;
            }
            e.stop_propagation();
            capture(&svg_ref, &e);
            let additive = e.shift_key() || e.meta_key() || e.ctrl_key();
            editor.dispatch(Action::Select { item: Item::Component(id), additive });
            if !additive {
                editor.dispatch(Action::BeginDrag);
                gesture.set(Gesture::Moving { start: screen_point(&e), clicked: id, moved: false });
            }
        })
    };

    let on_port_press = {
        let gesture = gesture.clone();
        let svg_ref = svg_ref.clone();
        let screen_point = screen_point.clone();
        Callback::from(move |(id, e): (ComponentId, PointerEvent)| {
            if e.button() != 0 {
                return;
            }
            // No text selection or native drag may start under a connecting drag.
            e.prevent_default();
            capture(&svg_ref, &e);
            gesture.set(Gesture::Connecting { from: id, to: screen_point(&e) });
        })
    };

    // Dots travel along the arrows, so a press on an arrow may be meant for a dot.
    let picks_dot = {
        let on_dot = props.on_dot.clone();
        let screen_point = screen_point.clone();
        move |e: &PointerEvent| {
            e.button() == 0 && !(e.shift_key() || e.meta_key() || e.ctrl_key() || e.alt_key())
                && on_dot.as_ref().is_some_and(|pick| pick.emit(screen_point(e)))
        }
    };

    let on_edge_press = {
        let editor = editor.clone();
        let picks_dot = picks_dot.clone();
        Callback::from(move |(id, e): (ConnectionId, PointerEvent)| {
            if picks_dot(&e) {
                return;
            }
            if e.button() == 0 {
                let additive = e.shift_key() || e.meta_key() || e.ctrl_key();
                editor.dispatch(Action::Select { item: Item::Connection(id), additive });
            }
        })
    };

    let on_rename = {
        let renaming = renaming.clone();
        Callback::from(move |id: ComponentId| renaming.set(Some(id)))
    };

    let on_select = {
        let editor = editor.clone();
        Callback::from(move |id: ComponentId| editor.dispatch(Action::SelectOnly(Item::Component(id))))
    };

    let on_background_press = {
        let editor = editor.clone();
        let gesture = gesture.clone();
        let screen_point = screen_point.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: PointerEvent| {
            // A right button's press is the context menu's, which needs its real target.
            if e.button() == 2 || picks_dot(&e) {
                return;
            }
            capture(&svg_ref, &e);
            let at = screen_point(&e);
            // One finger on the empty canvas pans, as on every touch map and canvas.
            if e.button() == 1 || (e.button() == 0 && (e.alt_key() || e.pointer_type() == "touch")) {
                gesture.set(Gesture::Panning { last: at });
            } else if e.button() == 0 {
                let additive = e.shift_key() || e.meta_key() || e.ctrl_key();
                if !additive {
                    editor.dispatch(Action::ClearSelection);
                }
                let start = editor.viewport.to_canvas(at);
                gesture.set(Gesture::Selecting { start, end: start, additive });
            }
        })
    };

    let on_move = {
        let editor = editor.clone();
        let gesture = gesture.clone();
        let hover = hover.clone();
        let screen_point = screen_point.clone();
        let placing = props.placing;
        Callback::from(move |e: PointerEvent| {
            let at = screen_point(&e);
            match &*gesture {
                Gesture::Moving { start, clicked, .. } => {
                    let zoom = editor.viewport.zoom;
                    editor.dispatch(Action::DragTo { dx: (at.x - start.x) / zoom, dy: (at.y - start.y) / zoom });
                    if (at.x - start.x).abs() + (at.y - start.y).abs() > 3.0 {
                        gesture.set(Gesture::Moving { start: *start, clicked: *clicked, moved: true });
                    }
                }
                Gesture::Connecting { from, .. } => gesture.set(Gesture::Connecting { from: *from, to: at }),
                Gesture::Selecting { start, additive, .. } => {
                    gesture.set(Gesture::Selecting { start: *start, end: editor.viewport.to_canvas(at), additive: *additive })
                }
                Gesture::Panning { last } => {
                    editor.dispatch(Action::PanBy { dx: at.x - last.x, dy: at.y - last.y });
                    gesture.set(Gesture::Panning { last: at });
                }
                Gesture::None => {
                    if placing.is_some() {
                        hover.set(Some(at));
                    }
                }
            }
        })
    };

    let on_up = {
        let editor = editor.clone();
        let gesture = gesture.clone();
        let hover = hover.clone();
        let screen_point = screen_point.clone();
        let placing = props.placing;
        let on_placed = props.on_placed.clone();
        Callback::from(move |e: PointerEvent| {
            let at = screen_point(&e);
            match &*gesture {
                Gesture::Moving { clicked, moved, .. } => {
                    editor.dispatch(Action::EndDrag);
                    if !moved {
                        editor.dispatch(Action::SelectOnly(Item::Component(*clicked)));
                    }
                }
                Gesture::Connecting { from, .. } => {
                    let target = geometry::component_at(editor.diagram(), editor.viewport.to_canvas(at));
                    if let Some(to) = target.filter(|to| to != from) {
                        editor.dispatch(Action::Connect { from: *from, to });
                    }
                }
                Gesture::Selecting { start, end, additive } => {
                    let rect = Rect::from_corners(*start, *end);
                    if rect.width > 2.0 || rect.height > 2.0 {
                        editor.dispatch(Action::SelectInRect { rect, additive: *additive });
                    }
                }
                Gesture::Panning { .. } => {}
                Gesture::None => {
                    if let Some(kind) = placing {
                        editor.dispatch(Action::AddComponent { kind, at: editor.viewport.to_canvas(at) });
                        on_placed.emit(());
                    }
                }
            }
            hover.set(None);
            gesture.set(Gesture::None);
        })
    };

    let on_leave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };
    // The browser took the pointer (a native drag, a touch scroll): end the gesture
    // rather than leave a rubber band stuck to the pointer.
    let on_cancel = {
        let editor = editor.clone();
        let gesture = gesture.clone();
        Callback::from(move |_: PointerEvent| {
            if matches!(*gesture, Gesture::Moving { .. }) {
                editor.dispatch(Action::EndDrag);
            }
            gesture.set(Gesture::None);
        })
    };
    let no_native_drag = Callback::from(|e: DragEvent| e.prevent_default());

    let diagram = editor.diagram();
    // Warnings only change with the diagram, not with each drag step.
    let warning_counts = {
        let diagram = editor.diagram_rc();
        use_memo(editor.revision, move |_| {
            warnings(&diagram).into_iter().fold(HashMap::<ComponentId, usize>::new(), |mut m, w| {
                *m.entry(w.component).or_default() += 1;
                m
            })
        })
    };
    let position = |c: &crate::model::Component| editor.display_position(c);
    let rects: HashMap<ComponentId, Rect> = diagram
        .components()
        .map(|c| {
            let at = position(c);
            (c.id, Rect { x: at.x, y: at.y, width: NODE_WIDTH, height: NODE_HEIGHT })
        })
        .collect();
    let vp = editor.viewport;
    let boxes: Rc<Vec<Rect>> = Rc::new(rects.values().copied().map(crate::view::labels::with_badge).collect());

    // Connections between the same two boxes, in id order, take lanes 0, 1, 2...
    let mut lanes: HashMap<(ComponentId, ComponentId), u32> = HashMap::new();
    let edges = diagram.connections_by_id().into_iter().filter_map(|c| {
        let (from, to) = (*rects.get(&c.from)?, *rects.get(&c.to)?);
        let lane = lanes.entry((c.from, c.to)).or_insert(0);
        let this_lane = *lane;
        *lane += 1;
        let detail = AttrValue::from(if c.kind == ConnectionKind::Task { c.settings.task_state.clone() } else { String::new() });
        Some(html! {
            <EdgeView key={format!("e{}", c.id.0)} id={c.id} kind={c.kind} from={from} to={to} lane={this_lane} {detail}
                      selected={editor.is_selected(Item::Connection(c.id))} on_press={on_edge_press.clone()} {lang} boxes={boxes.clone()} />
        })
    });
    let out = |c: &crate::model::Component| props.live_faults.get(&c.id).map_or(c.faults.outage(), |f| f.outage);
    let nodes = diagram.components().map(|c| {
        html! {
            <NodeView key={format!("c{}", c.id.0)} id={c.id} kind={c.kind()} service={c.spec.service(lang)} name={AttrValue::from(c.name.clone())}
                      x={position(c).x} y={position(c).y}
                      selected={editor.is_selected(Item::Component(c.id))}
                      down={out(c) != Outage::Running} stopped={out(c) == Outage::Stopped}
                      warnings={warning_counts.get(&c.id).copied().unwrap_or(0)}
                      on_press={on_node_press.clone()} on_port={on_port_press.clone()} on_rename={on_rename.clone()}
                      on_select={on_select.clone()}
                      {lang} />
        }
    });

    let overlay = match &*gesture {
        Gesture::Connecting { from, to } => rects.get(from).map(|r| {
            let start = Point { x: r.x + NODE_WIDTH, y: r.y + NODE_HEIGHT / 2.0 };
            let to = vp.to_canvas(*to);
            html! { <path class="rubber-band" d={format!("M{:.1} {:.1} L{:.1} {:.1}", start.x, start.y, to.x, to.y)} /> }
        }),
        Gesture::Selecting { start, end, .. } => {
            let r = Rect::from_corners(*start, *end);
            Some(html! { <rect class="selection-box" x={r.x.to_string()} y={r.y.to_string()} width={r.width.to_string()} height={r.height.to_string()} /> })
        }
        _ => None,
    };

    let ghost = match (props.placing, *hover) {
        (Some(kind), Some(at)) => {
            let c = vp.to_canvas(at);
            Some(html! {
                <g class="ghost" transform={format!("translate({:.1} {:.1})", c.x - NODE_WIDTH / 2.0, c.y - NODE_HEIGHT / 2.0)}>
                    <rect width={NODE_WIDTH.to_string()} height={NODE_HEIGHT.to_string()} rx="10" />
                    <text x={(NODE_WIDTH / 2.0).to_string()} y="35" text-anchor="middle">{ kind.name(lang) }</text>
                </g>
            })
        }
        _ => None,
    };

    let rename_box = (*renaming).and_then(|id| diagram.component(id)).map(|c| {
        html! { <RenameBox key={c.id.0} component={c.clone()} editor={editor.clone()} renaming={renaming.clone()} {vp} {lang} /> }
    });
    let context_menu = (*menu).map(|at| {
        let close = { let menu = menu.clone(); Callback::from(move |_| menu.set(None)) };
        html! { <ContextMenu menu={at} editor={editor.clone()} on_rename={on_rename.clone()} on_show_settings={props.on_show_settings.clone()} on_close={close} /> }
    });

    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
        })
    };

    let mut class = classes!("canvas");
    if props.placing.is_some() {
        class.push("placing");
    }
    // Arrow labels would only be clutter when zoomed far out.
    if vp.zoom < 0.6 {
        class.push("far");
    }
    let grid = 20.0 * vp.zoom;
    html! {
        <section class={class} aria-label={words::frame::DIAGRAM_CANVAS.get(lang)} ondragover={on_dragover} ondrop={on_drop}
                 style={format!("background-size:{grid:.2}px {grid:.2}px;background-position:{:.1}px {:.1}px", vp.pan.x, vp.pan.y)}>
            <svg id={CANVAS_SVG_ID} ref={svg_ref} class="canvas-svg" role="application" aria-label={words::frame::DIAGRAM.get(lang)}
                 onpointerdown={on_background_press} onpointermove={on_move} onpointerup={on_up} onpointerleave={on_leave}
                 onpointercancel={on_cancel} ondragstart={no_native_drag}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0L10 5L0 10z" class="arrow-head" />
                    </marker>
                </defs>
                <g transform={format!("translate({:.2} {:.2}) scale({:.4})", vp.pan.x, vp.pan.y, vp.zoom)}>
                    <g class="edges">{ for edges }</g>
                    <g class="nodes">{ for nodes }</g>
                    // Optional parts sit in fixed containers: Yew matches unkeyed children by
                    // position, and a child appearing would otherwise re-create its siblings.
                    <g class="overlay">{ for overlay }{ for ghost }</g>
                </g>
            </svg>
            <canvas id={DOTS_CANVAS_ID} class="dots" aria-hidden="true"></canvas>
            <div class="canvas-layer">{ for rename_box }{ for context_menu }</div>
            <super::legend::CanvasLegend />
            // Not under a palette drag: its buttons would take the drop.
            if diagram.component_count() == 0 && props.placing.is_none() {
                { super::lesson_panels::empty_canvas(lang, &props.on_open_exercise, &props.on_open_pattern) }
            }
        </section>
    }
}
