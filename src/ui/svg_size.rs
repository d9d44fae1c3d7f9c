//! The diagram's SVG sized in whole pixels, following the canvas it fills. Sized in
//! percentages, Chromium laid out every box, arrow and label again whenever the page
//! around it was laid out (about four times a second while playing, from the chart
//! strip's figures), a whole-document layout that made a slow phone's frames miss their
//! vsync (`make trace`, `make frames`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Keeps the SVG in `svg_ref` exactly as large as its parent, in pixels.
#[hook]
pub fn use_pixel_size(svg_ref: &NodeRef) {
    let svg_ref = svg_ref.clone();
    use_effect_with((), move |_| {
        let svg = svg_ref.cast::<web_sys::Element>();
        let parent = svg.as_ref().and_then(|s| s.parent_element());
        let fit = {
            let (svg, parent) = (svg.clone(), parent.clone());
            move || {
                if let (Some(svg), Some(parent)) = (&svg, &parent) {
                    let size = format!("width:{}px;height:{}px", parent.client_width(), parent.client_height());
                    if svg.get_attribute("style").as_deref() != Some(size.as_str()) {
                        let _ = svg.set_attribute("style", &size);
                    }
                }
            }
        };
        fit();
        let on_resize = Closure::<dyn FnMut()>::new(fit);
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let (Some(observer), Some(parent)) = (&observer, &parent) {
            observer.observe(parent);
        }
        move || {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(on_resize);
        }
    });
}
