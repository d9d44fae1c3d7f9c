//! The canvas where the diagram is drawn.

use yew::prelude::*;

#[function_component(Canvas)]
pub fn canvas() -> Html {
    html! {
        <section class="canvas" aria-label="Diagram canvas">
            <div class="canvas-empty">
                <p class="canvas-empty-title">{ "Your diagram is empty" }</p>
                <p class="canvas-empty-hint">{ "Drag a producer, a queue and a consumer from the palette, connect them, then press play." }</p>
            </div>
        </section>
    }
}
