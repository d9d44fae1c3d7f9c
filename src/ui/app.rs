//! The page's frame: header, toolbar, palette, canvas, inspector and footer.

use super::canvas::Canvas;
use super::inspector::Inspector;
use super::palette::Palette;
use super::toolbar::Toolbar;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    html! {
        <div class="app">
            <header class="app-header">
                <a class="brand" href="./" aria-label="Decouple Lab home">
                    { brand_mark() }
                    <span class="brand-name">{ "Decouple Lab" }</span>
                </a>
                <span class="brand-tagline">{ "Build a decoupled architecture, press play, then break it." }</span>
            </header>
            <Toolbar />
            <main class="workspace">
                <Palette />
                <Canvas />
                <Inspector />
            </main>
            <footer class="app-footer">
                <span>{ format!("Decouple Lab {}", crate::VERSION) }</span>
                <span class="footer-note">{ "A simulation for learning: timings and limits follow AWS's documentation, simplified." }</span>
            </footer>
        </div>
    }
}

/// The logo: a producer, a queue and a consumer.
fn brand_mark() -> Html {
    html! {
        <svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" fill="#37475a" />
            <circle cx="8" cy="16" r="3.5" fill="#ff9900" />
            <rect x="13" y="11.5" width="9" height="9" rx="2" fill="none" stroke="#ff5ca8" stroke-width="2" />
            <path d="M11.5 16h1.5M22 16h3" stroke="#fff" stroke-width="2" stroke-linecap="round" />
            <circle cx="27" cy="16" r="1.6" fill="#fff" />
        </svg>
    }
}
