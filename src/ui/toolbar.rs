//! Run controls. The simulation is wired in by the playback work; until then the
//! controls show what they will do and stay disabled.

use super::icons::{control_icon, Control};
use yew::prelude::*;

#[function_component(Toolbar)]
pub fn toolbar() -> Html {
    let button = |control: Control, label: &'static str| {
        html! {
            <button class="tool-button" type="button" disabled=true title={label} aria-label={label}>
                { control_icon(control) }
            </button>
        }
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label="Simulation controls">
            <div class="tool-group">
                { button(Control::Play, "Play") }
                { button(Control::Pause, "Pause") }
                { button(Control::Step, "Step one event") }
                { button(Control::Reset, "Reset the run") }
            </div>
            <div class="tool-group tool-clock" aria-label="Simulated time">
                <span class="clock-label">{ "Simulated time" }</span>
                <span class="clock-value">{ "0.0 s" }</span>
            </div>
            <div class="tool-group tool-status">{ "Add components to start" }</div>
        </div>
    }
}
