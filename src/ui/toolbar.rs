//! The toolbar: editing (undo, redo, delete), view (zoom, fit, snap) and the run
//! controls. The simulation is wired in by the playback work; until then the run
//! controls stay disabled and say so.

use crate::lessons::ui_strings as words;
use super::i18n::{Lang, use_lang};
use super::canvas::canvas_size;
use super::icons::{control_icon, Control};
use super::playback::{Player, SPEEDS};
use super::store::use_editor;
use wasm_bindgen::JsCast;
use crate::editor::Action;
use crate::model::Point;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub on_help: Callback<()>,
    pub player: Player,
    /// The run's figures changed (the clock and summary show them).
    pub tick: u64,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let lang = use_lang();
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
    let player = &props.player;
    let run = player.snapshot().clone();
    let has_components = editor.diagram().component_count() > 0;
    let play_pause = {
        let player = player.clone();
        let playing = run.playing;
        Callback::from(move |_: MouseEvent| if playing { player.pause() } else { player.play() })
    };
    let step = {
        let player = player.clone();
        Callback::from(move |_: MouseEvent| player.step())
    };
    let reset = {
        let player = player.clone();
        Callback::from(move |_: MouseEvent| player.reset())
    };
    let speed = {
        let player = player.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                if let Ok(v) = select.value().parse::<f64>() {
                    player.set_speed(v);
                }
            }
        })
    };
    // A diagram that passes its check can still play nothing: say so beside Play.
    let silent = has_components && !crate::editor::traffic::has_traffic_source(editor.diagram());
    let can_add_client = silent && crate::editor::traffic::client_entry(editor.diagram()).is_some();
    let seed = editor.diagram().run.seed;
    let set_seed = {
        let editor = editor.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                match input.value().trim().parse::<u64>() {
                    Ok(seed) => editor.dispatch(Action::SetSeed(seed)),
                    Err(_) => input.set_value(&editor.diagram().run.seed.to_string()),
                }
            }
        })
    };
    let new_seed = {
        let editor = editor.clone();
        // A fresh seed from the clock: runs stay reproducible because it is stored.
        Callback::from(move |_: MouseEvent| editor.dispatch(Action::SetSeed((js_sys::Date::now() as u64) % 1_000_000)))
    };
    // Compact, so it is never cut; the full sentence is its tooltip.
    let summary = run.books.as_ref().map(|b| {
        let full = format!("{}\n{}", crate::view::summary::full(b).get(lang), words::toolbar::EVERY_MESSAGE_ENDS_IN_EXACTLY.get(lang));
        (crate::view::summary::compact(b).get(lang).to_string(), full)
    });
    html! {
        // A landmark, so every part of the page is in one (a toolbar role would promise
        // arrow-key movement between its controls, which Tab does here).
        <section class="toolbar" aria-label={words::frame::EDITOR_AND_SIMULATION_CONTROLS.get(lang)}>
            <div class="tool-group" aria-label={words::frame::SIMULATION.get(lang)}>
                if run.playing {
                    { button(Control::Pause, words::toolbar::PAUSE_SPACE.get(lang), true, play_pause) }
                } else {
                    { button(Control::Play, words::toolbar::PLAY_SPACE.get(lang), has_components, play_pause) }
                }
                { button(Control::Step, words::toolbar::STEP_ONE_SIMULATED_SECOND.get(lang), has_components && !run.playing, step) }
                { button(Control::Reset, words::toolbar::RESET_THE_RUN.get(lang), run.running, reset) }
                <select class="speed-select" aria-label={words::toolbar::SPEED.get(lang)} title={words::toolbar::SIMULATED_SECONDS_PER_SECOND.get(lang)} onchange={speed}>
                    { for SPEEDS.iter().map(|(v, label)| html! { <option value={v.to_string()} selected={*v == run.speed}>{ label.get(lang) }</option> }) }
                </select>
            </div>
            if silent {
                <div class="traffic-hint" role="status">
                    <span class="traffic-hint-text">{ words::toolbar::NOTHING_SENDS_MESSAGES_YET.get(lang) }</span>
                    if can_add_client {
                        <button type="button" class="text-button add-client" title={words::toolbar::ADD_A_CLIENT_CONNECTED_TO.get(lang)}
                                onclick={act(Action::AddTrafficSource)}>{ words::toolbar::ADD_A_CLIENT.get(lang) }</button>
                    }
                </div>
            }
            <div class="tool-group tool-seed">
                <label class="clock-label" for="seed-input">{ words::toolbar::SEED.get(lang) }</label>
                <input id="seed-input" class="seed-input" type="text" inputmode="numeric" value={seed.to_string()} onchange={set_seed}
                       title={words::toolbar::THE_SAME_SEED_GIVES_THE.get(lang)} />
                <button type="button" class="text-button" onclick={new_seed}>{ words::toolbar::NEW_SEED.get(lang) }</button>
            </div>
            <div class="tool-group tool-clock" aria-label={words::toolbar::SIMULATED_TIME.get(lang)} title={words::toolbar::SIMULATED_TIME.get(lang)}>
                <span class="clock-label">{ words::toolbar::SIMULATED_TIME.get(lang) }</span>
                <span class="clock-value" data-now={format!("{:.3}", run.now_s)}>{ format_clock(run.now_s, lang) }</span>
            </div>
            <div class="tool-group tool-edit" aria-label={words::frame::EDIT.get(lang)}>
                { button(Control::Undo, words::toolbar::UNDO_CTRL_Z.get(lang), editor.can_undo(), act(Action::Undo)) }
                { button(Control::Redo, words::toolbar::REDO_CTRL_SHIFT_Z.get(lang), editor.can_redo(), act(Action::Redo)) }
                { button(Control::Delete, words::toolbar::DELETE_THE_SELECTION_DELETE.get(lang), !editor.selection.is_empty(), act(Action::DeleteSelection)) }
            </div>
            <div class="tool-group" aria-label={words::frame::VIEW.get(lang)}>
                { button(Control::ZoomOut, words::toolbar::ZOOM_OUT_CTRL_WHEEL.get(lang), true, zoom(1.0 / 1.25)) }
                <span class="zoom-value" aria-label={words::shortcuts::ZOOM.get(lang)}>{ format!("{:.0}%", editor.viewport.zoom * 100.0) }</span>
                { button(Control::ZoomIn, words::toolbar::ZOOM_IN_CTRL_WHEEL.get(lang), true, zoom(1.25)) }
                { button(Control::Fit, words::toolbar::FIT_THE_DIAGRAM_TO_THE.get(lang), editor.diagram().component_count() > 0, fit) }
                <label class="snap-toggle" title={words::toolbar::SNAP_TO_THE_GRID.get(lang)}>
                    <input type="checkbox" checked={editor.snap} onchange={snap} />
                    { words::toolbar::SNAP.get(lang) }
                </label>
            </div>
            // Help before the summary: when the row is full the summary, not a lone help
            // button, takes the second line.
            <div class="tool-group">
                { button(Control::Help, words::toolbar::KEYBOARD_SHORTCUTS.get(lang), true, help) }
            </div>
            if let Some((summary, full)) = summary {
                <div class="run-summary" role="status" aria-live="off" title={full}>{ summary }</div>
            }
        </section>
    }
}

/// "42.3 s", "3 min 05 s", "1 h 02 min".
fn format_clock(seconds: f64, lang: Lang) -> String {
    let s = seconds.max(0.0);
    if s < 60.0 {
        format!("{s:.1} s")
    } else if s < 3_600.0 {
        let (m, s) = ((s / 60.0).floor(), (s % 60.0).floor());
        msg!("{m} min {s:02} s", "{m} phút {s:02} giây").get(lang).to_string()
    } else {
        let (h, m) = ((s / 3_600.0).floor(), ((s % 3_600.0) / 60.0).floor());
        msg!("{h} h {m:02} min", "{h} giờ {m:02} phút").get(lang).to_string()
    }
}
