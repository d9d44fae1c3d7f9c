//! The Yew interface (wasm32 only). Thin components over the pure layers below: they
//! read the editor state and dispatch actions.

mod app;
mod browser;
mod canvas;
mod canvas_input;
mod charts;
mod diagram_view;
mod connection_panel;
mod connect_chooser;
mod context_menu;
mod dialog;
mod dots;
mod event_log;
mod fields;
mod header;
mod hooks;
mod i18n;
mod iac_worker;
mod icons;
mod inspector;
mod legend;
mod lesson_panel;
mod lesson_panels;
mod library_dialog;
mod live_faults;
mod palette;
mod paste_dialog;
mod pattern_tester;
mod phone_tabs;
mod playback;
mod quiz_panel;
mod rename_box;
mod run_details;
mod run_dock;
mod setting_input;
mod share_dialog;
mod side_panel;
mod store;
mod svg_size;
mod toolbar;

pub use app::App;
pub use store::AUTOSAVE_KEY;

/// Mounts the app on the page's body.
pub fn start() {
    // The wasm memory, for benchmarks to read the heap's size (`benches/playback_frames.rs`).
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &"dlabWasmMemory".into(), &wasm_bindgen::memory());
    yew::Renderer::<App>::new().render();
    // The first paint (index.html) leaves now: Yew renders in a microtask of this same
    // task, so no frame shows neither it nor the app.
    if let Some(first_paint) = gloo::utils::document().get_element_by_id("first-paint") {
        first_paint.remove();
    }
}
