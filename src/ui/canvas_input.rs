//! The canvas's low-level input: the wheel (pan, or zoom with Ctrl or a pinch), pointer
//! capture and positions relative to the canvas. Apart from the gestures in `canvas.rs`,
//! which decide what a press and a drag mean.

use super::store::Editor;
use crate::editor::Action;
use crate::model::Point;
use gloo::events::{EventListener, EventListenerOptions};
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
    if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
        let _ = svg.set_pointer_capture(e.pointer_id());
    }
}
