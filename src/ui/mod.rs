//! The Yew interface (wasm32 only). Thin components over the pure layers below.

mod app;
mod canvas;
mod icons;
mod inspector;
mod palette;
mod toolbar;

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
