//! The toolbar: editing (undo, redo, delete), view (zoom, fit, snap) and the run
//! controls. The simulation is wired in by the playback work; until then the run
//! controls stay disabled and say so.

use super::canvas::canvas_size;
use super::icons::{control_icon, Control};
use super::store::use_editor;
use crate::editor::Action;
use crate::model::Point;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub on_help: Callback<()>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let editor = use_editor();
    let act = |action: Action| {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.dispatch(action.clone()))
    };
    let zoom = |factor: f64| {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            let (w, h) = canvas_size();
            editor.dispatch(Action::ZoomAt { factor, screen: Point { x: w / 2.0, y: h / 2.0 } });
        })
    };
    let fit = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            let (width, height) = canvas_size();
            editor.dispatch(Action::FitToView { width, height });
        })
    };
    let snap = {
        let editor = editor.clone();
        let on = editor.snap;
        Callback::from(move |_: Event| editor.dispatch(Action::SetSnap(!on)))
    };
    let help = {
        let on_help = props.on_help.clone();
        Callback::from(move |_: MouseEvent| on_help.emit(()))
    };
    let button = |control: Control, label: &'static str, enabled: bool, onclick: Callback<MouseEvent>| {
        html! {
            <button class="tool-button" type="button" disabled={!enabled} title={label} aria-label={label} {onclick}>
                { control_icon(control) }
            </button>
        }
    };
    let run_off = "Playback arrives with the simulation";
    let nothing = Callback::noop();
    html! {
        <div class="toolbar" role="toolbar" aria-label="Editor and simulation controls">
            <div class="tool-group" aria-label="Simulation">
                { button(Control::Play, run_off, false, nothing.clone()) }
                { button(Control::Pause, run_off, false, nothing.clone()) }
                { button(Control::Step, run_off, false, nothing.clone()) }
                { button(Control::Reset, run_off, false, nothing) }
            </div>
            <div class="tool-group tool-clock" aria-label="Simulated time">
                <span class="clock-label">{ "Simulated time" }</span>
                <span class="clock-value">{ "0.0 s" }</span>
            </div>
            <div class="tool-group tool-edit" aria-label="Edit">
                { button(Control::Undo, "Undo (Ctrl+Z)", editor.can_undo(), act(Action::Undo)) }
                { button(Control::Redo, "Redo (Ctrl+Shift+Z)", editor.can_redo(), act(Action::Redo)) }
                { button(Control::Delete, "Delete the selection (Delete)", !editor.selection.is_empty(), act(Action::DeleteSelection)) }
            </div>
            <div class="tool-group" aria-label="View">
                { button(Control::ZoomOut, "Zoom out (Ctrl+wheel)", true, zoom(1.0 / 1.25)) }
                <span class="zoom-value" aria-label="Zoom">{ format!("{:.0}%", editor.viewport.zoom * 100.0) }</span>
                { button(Control::ZoomIn, "Zoom in (Ctrl+wheel)", true, zoom(1.25)) }
                { button(Control::Fit, "Fit the diagram to the view (F)", editor.diagram().component_count() > 0, fit) }
                <label class="snap-toggle" title="Snap to the grid">
                    <input type="checkbox" checked={editor.snap} onchange={snap} />
                    { "Snap" }
                </label>
            </div>
            <div class="tool-group tool-right">
                { button(Control::Help, "Keyboard shortcuts (?)", true, help) }
            </div>
        </div>
    }
}
