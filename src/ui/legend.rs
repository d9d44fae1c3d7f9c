//! The canvas's legend: what a moving dot's colour and a box's badge figures mean,
//! behind a small button in the canvas's corner so it costs no room until asked for.
//! The dot colours and names are the event log's own (one list, [`OUTCOMES`]).

use crate::lessons::ui_strings as words;
use super::event_log::outcome_label;
use super::i18n::use_lang;
use super::playback::{outcome_index, DOT_COLOURS};
use crate::playback::event_log::OUTCOMES;
use yew::prelude::*;

#[function_component(CanvasLegend)]
pub fn canvas_legend() -> Html {
    let lang = use_lang();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close_on_escape = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    let dots = OUTCOMES.iter().map(|&o| {
        html! {
            <li><span class="dot" style={format!("background:{}", DOT_COLOURS[outcome_index(o)])}></span>{ outcome_label(o, lang) }</li>
        }
    });
    let figures = words::legend::FIGURES.iter().map(|(name, means)| {
        html! { <li><b>{ name.get(lang) }</b>{ " — " }{ means.get(lang) }</li> }
    });
    html! {
        <div class="canvas-legend" onkeydown={close_on_escape}>
            <button type="button" class="legend-toggle" aria-expanded={open.to_string()}
                    aria-controls={open.then_some("canvas-legend-body")} onclick={toggle}>
                { words::legend::LEGEND.get(lang) }
            </button>
            if *open {
                <div id="canvas-legend-body" class="legend-body" role="region" aria-label={words::legend::LEGEND.get(lang)}>
                    <h3>{ words::legend::DOTS.get(lang) }</h3>
                    <ul class="legend-dots">{ for dots }</ul>
                    <h3>{ words::legend::BADGES.get(lang) }</h3>
                    <ul class="legend-figures">{ for figures }</ul>
                </div>
            }
        </div>
    }
}
