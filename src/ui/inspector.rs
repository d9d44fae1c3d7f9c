//! The inspector: settings of the selected component or connection.

use yew::prelude::*;

#[function_component(Inspector)]
pub fn inspector() -> Html {
    html! {
        <aside class="inspector" aria-label="Inspector">
            <h2 class="panel-title">{ "Inspector" }</h2>
            <p class="inspector-empty">{ "Select a component or a connection to see and change its settings." }</p>
        </aside>
    }
}
