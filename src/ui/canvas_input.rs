//! The canvas's low-level input: the wheel (pan, or zoom with Ctrl or a pinch), two
//! fingers on a touch screen, pointer capture and positions relative to the canvas.
//! Apart from the gestures in `canvas.rs`, which decide what a press and a drag mean.

use super::store::Editor;
use crate::editor::Action;
use crate::model::Point;
use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Wheel: pan, or zoom with Ctrl (also what a trackpad pinch sends). Registered by hand
/// because the page must not scroll: Yew's wheel listener is passive.
#[hook]
pub fn use_wheel(svg_ref: &NodeRef, editor: &Editor) {
    let svg_ref = svg_ref.clone();
    let editor = editor.clone();
    use_effect_with((), move |_| {
        let listener = svg_ref.cast::<web_sys::Element>().map(|svg| {
            let target = svg.clone();
            EventListener::new_with_options(&svg, "wheel", EventListenerOptions::enable_prevent_default(), move |event| {
                let Some(e) = event.dyn_ref::<web_sys::WheelEvent>() else { return };
                e.prevent_default();
                if e.ctrl_key() || e.meta_key() {
                    let factor = (-e.delta_y() * 0.002).exp();
                    editor.dispatch(Action::ZoomAt { factor, screen: local_point(&target, e.client_x(), e.client_y()) });
                } else {
                    editor.dispatch(Action::PanBy { dx: -e.delta_x(), dy: -e.delta_y() });
                }
            })
        });
        move || drop(listener)
    });
}

/// A client-space position relative to the element's top-left corner.
pub fn local_point(element: &web_sys::Element, client_x: i32, client_y: i32) -> Point {
    let r = element.get_bounding_client_rect();
    Point { x: f64::from(client_x) - r.left(), y: f64::from(client_y) - r.top() }
}

/// Keeps pointer events coming to the canvas while a gesture leaves it.
pub fn capture(svg_ref: &NodeRef, e: &PointerEvent) {
    // A text selection left on the page (Ctrl+A in a panel, a triple click) would turn
    // the drag into the browser's own drag of that text, cancelling the gesture.
    if let Ok(Some(selection)) = gloo::utils::window().get_selection() {
        let _ = selection.remove_all_ranges();
    }
    if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
        let _ = svg.set_pointer_capture(e.pointer_id());
    }
}

/// Fingers on the canvas, in the order they landed, and whether two are pinching.
#[derive(Default)]
struct Touches {
    down: Vec<(i32, Point)>,
    pinching: bool,
}

/// Two fingers: pan and pinch-zoom. From the second finger until the last one lifts,
/// the canvas's own handlers see none of the touches (so the first finger's press
/// neither moves a box nor leaves a gesture half done); the last finger's release goes
/// through, ending whatever the first finger started. Listens on the window, in the
/// capture phase: Yew handles events at the page's root in that phase, so only a
/// listener above it can keep a finger from the canvas's handlers.
#[hook]
pub fn use_pinch_zoom(svg_ref: &NodeRef, editor: &Editor) {
    let (svg_ref, editor) = (svg_ref.clone(), editor.clone());
    use_effect_with((), move |_| {
        let touches = Rc::new(RefCell::new(Touches::default()));
        let window = gloo::utils::window();
        let capture = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
        let listeners: Vec<EventListener> = ["pointerdown", "pointermove", "pointerup", "pointercancel"]
            .into_iter()
            .map(|kind| {
                let (svg_ref, editor, touches) = (svg_ref.clone(), editor.clone(), touches.clone());
                EventListener::new_with_options(&window, kind, capture, move |event| {
                    let Some(e) = event.dyn_ref::<web_sys::PointerEvent>() else { return };
                    let Some(svg) = svg_ref.cast::<web_sys::Element>() else { return };
                    let on_canvas = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()).is_some_and(|n| svg.contains(Some(&n)));
                    if e.pointer_type() != "touch" || !on_canvas {
                        return;
                    }
                    let at = local_point(&svg, e.client_x(), e.client_y());
                    let mut t = touches.borrow_mut();
                    match kind {
                        "pointerdown" => {
                            t.down.push((e.pointer_id(), at));
                            t.pinching |= t.down.len() >= 2;
                        }
                        "pointermove" => {
                            let two = |t: &Touches| (t.down.len() >= 2).then(|| [t.down[0].1, t.down[1].1]);
                            let before = two(&t);
                            if let Some(finger) = t.down.iter_mut().find(|(id, _)| *id == e.pointer_id()) {
                                finger.1 = at;
                            }
                            if let (true, Some(before), Some(after)) = (t.pinching, before, two(&t)) {
                                editor.dispatch(Action::Pinch { before, after });
                            }
                        }
                        _ => {
                            t.down.retain(|(id, _)| *id != e.pointer_id());
                            if t.pinching && t.down.is_empty() {
                                t.pinching = false;
                                return; // the last release reaches the canvas
                            }
                        }
                    }
                    if t.pinching {
                        e.stop_propagation();
                        e.prevent_default();
                    }
                })
            })
            .collect();
        move || drop(listeners)
    });
}
