//! The panel under the canvas, in two tabs: charts of the selected components over
//! simulated time, and the event log beside the message inspector (`event_log.rs`). It
//! reads the player when Yew renders it, a few times a second; the dots never go
//! through here.

use crate::lessons::ui_strings as words;
use super::i18n::{use_lang, Lang};
use super::charts::ChartRow;
use super::event_log::EventLog;
use super::playback::Player;
use super::store::{load_pref, save_pref, use_editor};
use crate::editor::Item;
use crate::model::{ComponentId, Diagram};
use std::rc::Rc;
use yew::prelude::*;

/// Components charted at once (the rest are counted).
const MAX_ROWS: usize = 4;
/// The panel's height to start with and its least, in pixels; at most it takes this
/// share of the window.
const HEIGHT: f64 = 280.0;
const MIN_HEIGHT: f64 = 120.0;
const MAX_SHARE: f64 = 0.7;
/// Where the panel's open state and height are remembered between visits.
const OPEN_KEY: &str = "decouple-lab.dock-open";
const HEIGHT_KEY: &str = "decouple-lab.dock-height";
/// Narrower than this is a phone, where the panel starts closed (static/phone.css).
const PHONE_WIDTH: f64 = 900.0;

/// At high speeds every snapshot brings new samples: the charts redraw at most this
/// often (wall time, a little under the player's fast snapshots so both land in the
/// same frame), which keeps Yew's share of the frames small.
const CHARTS_EVERY_MS: f64 = 450.0;

/// A component's chart data as last drawn, and when (wall ms).
type ChartCache = std::collections::HashMap<ComponentId, (f64, Rc<Vec<crate::sim::Sample>>, Rc<super::charts::Latency>)>;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Charts,
    Log,
}

#[derive(Properties, PartialEq)]
pub struct RunDockProps {
    pub player: Player,
    /// The run's figures changed (charts and log show them).
    pub tick: u64,
}

#[function_component(RunDock)]
pub fn run_dock(props: &RunDockProps) -> Html {
    let lang = use_lang();
    let editor = use_editor();
    let tab = use_state(|| Tab::Charts);
    // Closed to start with on a phone, where the canvas needs the height; elsewhere as
    // the learner last left it.
    let open = use_state(|| {
        let wide = gloo::utils::window().inner_width().ok().and_then(|w| w.as_f64()).is_none_or(|w| w > PHONE_WIDTH);
        wide && load_pref(OPEN_KEY).is_none_or(|v| v != "closed")
    });
    let height = use_state(|| load_pref(HEIGHT_KEY).and_then(|h| h.parse::<f64>().ok()).filter(|h| h.is_finite()).map_or(HEIGHT, |h| h.max(MIN_HEIGHT)));

    let chart_cache = use_mut_ref(ChartCache::new);
    // Where a resize by the top edge started: (pointer y, height then).
    let resize_from = use_mut_ref(|| None::<(f64, f64)>);
    let run = props.player.snapshot();

    // Following a message (a dot clicked on the canvas) opens the log beside it.
    {
        let tab = tab.clone();
        let open = open.clone();
        use_effect_with(run.message, move |message| {
            if message.is_some() {
                tab.set(Tab::Log);
                open.set(true);
            }
        });
    }

    let tab_button = |which: Tab, label: &'static str| {
        let tab = tab.clone();
        let open = open.clone();
        let on = *tab == which && *open;
        let onclick = Callback::from(move |_: MouseEvent| {
            tab.set(which);
            open.set(true);
            save_pref(OPEN_KEY, "open");
        });
        html! {
            <button type="button" role="tab" class={classes!("dock-tab", on.then_some("on"))} aria-selected={on.to_string()}
                    data-tab={if which == Tab::Charts { "charts" } else { "log" }} {onclick}>{ label }</button>
        }
    };
    let toggle = {
        let open = open.clone();
        // The learner's own choice is remembered (a phone's closed start is not).
        Callback::from(move |_: MouseEvent| {
            save_pref(OPEN_KEY, if *open { "closed" } else { "open" });
            open.set(!*open);
        })
    };
    let grip_down = {
        let (height, resize_from) = (height.clone(), resize_from.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(grip) = e.target_dyn_into::<web_sys::Element>() {
                let _ = grip.set_pointer_capture(e.pointer_id());
            }
            *resize_from.borrow_mut() = Some((f64::from(e.client_y()), *height));
        })
    };
    let grip_move = {
        let (height, resize_from) = (height.clone(), resize_from.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((y, from)) = *resize_from.borrow() else { return };
            let most = gloo::utils::window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(900.0) * MAX_SHARE;
            height.set((from + y - f64::from(e.client_y())).clamp(MIN_HEIGHT, most.max(MIN_HEIGHT)));
        })
    };
    let grip_up = {
        let height = height.clone();
        Callback::from(move |_: PointerEvent| {
            if resize_from.borrow_mut().take().is_some() {
                save_pref(HEIGHT_KEY, &format!("{:.0}", *height));
            }
        })
    };
    // Before a run the charts tab holds one sentence: it takes only that sentence's height.
    let one_sentence = *tab == Tab::Charts && !run.running;
    let selected: Vec<ComponentId> = editor
        .selection
        .iter()
        .filter_map(|item| match item {
            Item::Component(id) => Some(*id),
            Item::Connection(_) => None,
        })
        .collect();

    html! {
        <section class={classes!("run-dock", (!*open).then_some("closed"), (*open && one_sentence).then_some("fitted"))}
                 aria-label={words::run_panel::RUN_DETAILS.get(lang)}
                 style={if *open && !one_sentence { format!("height:{:.0}px", *height) } else { String::new() }}
                 data-dots={run.dots.to_string()} data-hops={run.hops.to_string()}>
            <div class="dock-grip" title={words::run_panel::DRAG_TO_RESIZE.get(lang)} onpointerdown={grip_down} onpointermove={grip_move} onpointerup={grip_up}></div>
            <div class="dock-bar">
                <div class="dock-tabs" role="tablist">
                    { tab_button(Tab::Charts, words::charts::CHARTS.get(lang)) }
                    { tab_button(Tab::Log, words::run_panel::EVENT_LOG.get(lang)) }
                </div>
                <span class="dock-status">
                    if run.running {
                        { words::run_panel::DOTS_MESSAGES_MOVING_HOPS_HOPS.get(lang)
                            .replace("{dots}", &run.dots.to_string())
                            .replace("{hops}", &run.hops.to_string()) }
                    }
                </span>
                <button type="button" class="dock-toggle" onclick={toggle} aria-expanded={open.to_string()}
                        aria-label={if *open { words::run_panel::HIDE_THE_PANEL.get(lang) } else { words::run_panel::SHOW_THE_PANEL.get(lang) }}
                        title={if *open { words::run_panel::HIDE_THE_PANEL.get(lang) } else { words::run_panel::SHOW_THE_PANEL.get(lang) }}>
                    { if *open { "▾" } else { "▴" } }
                </button>
            </div>
            <div class="dock-body">
                if *open {
                    if *tab == Tab::Charts {
                        { chart_strip(&props.player, editor.diagram(), &selected, &mut chart_cache.borrow_mut(), lang) }
                    } else {
                        <EventLog player={props.player.clone()} tick={props.tick} />
                    }
                }
            </div>
        </section>
    }
}

fn chart_strip(player: &Player, diagram: &Diagram, selected: &[ComponentId], cache: &mut ChartCache, lang: Lang) -> Html {
    if !player.snapshot().running {
        return html! { <p class="dock-empty">{ words::run_panel::PRESS_PLAY_THE_SELECTED_COMPONENTS.get(lang) }</p> };
    }
    if selected.is_empty() {
        return html! { <p class="dock-empty">{ words::run_panel::SELECT_COMPONENTS_ON_THE_CANVAS.get(lang) }</p> };
    }
    let now = gloo::utils::window().performance().map(|p| p.now()).unwrap_or(0.0);
    // Only what is charted is kept, and a reset run starts afresh.
    let run = player.snapshot();
    cache.retain(|id, (_, samples, _)| selected.contains(id) && samples.last().is_none_or(|s| f64::from(s.t_s) <= run.now_s + 1.0));
    // Paused (a step), nothing else would redraw them later.
    let every = if run.playing { CHARTS_EVERY_MS } else { 0.0 };
    let rows = selected.iter().filter_map(|&id| diagram.component(id)).take(MAX_ROWS).map(|c| {
        let (_, samples, latency) = cache
            .entry(c.id)
            .and_modify(|e| {
                if now - e.0 >= every {
                    *e = (now, player.series(c.id), Rc::new(player.latency(c.id)));
                }
            })
            .or_insert_with(|| (now, player.series(c.id), Rc::new(player.latency(c.id))))
            .clone();
        html! {
            <div class="strip-row" key={c.id.0.to_string()} data-component={c.id.0.to_string()}>
                <div class="strip-name">
                    <span class="strip-title">{ c.name.clone() }</span>
                    <span class="strip-kind">{ c.spec.aws_name() }</span>
                </div>
                <ChartRow {samples} {latency} kind={c.kind()}
                          name={AttrValue::from(c.name.clone())} />
            </div>
        }
    });
    let more = selected.len().saturating_sub(MAX_ROWS);
    html! {
        <div class="strip">
            { for rows }
            <p class="dock-note">
                if more > 0 {
                    { words::run_panel::N_MORE_SELECTED_CHARTS_SHOW.get(lang).replace("{n}", &more.to_string()) }
                }
            </p>
        </div>
    }
}
