//! The panel under the canvas, in two tabs: charts of the selected components over
//! simulated time, and the event log (every hop, filterable) beside the message
//! inspector (one message's hops, retries and how it ended). It reads the player when
//! Yew renders it, a few times a second; the dots never go through here.

use super::charts::ChartRow;
use super::i18n::t;
use super::playback::{outcome_index, Player, DOT_COLOURS};
use super::store::use_editor;
use crate::playback::event_log::{outcome_bit, LogFilter, OUTCOMES};
use crate::playback::message_hops::MESSAGES;
use crate::view::story::{Ending, Story};
use crate::editor::Item;
use crate::model::{ComponentId, Diagram, Spec};
use crate::sim::{Hop, HopOutcome};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Components charted at once (the rest are counted).
const MAX_ROWS: usize = 4;
/// The panel's height to start with and its least, in pixels; at most it takes this
/// share of the window.
const HEIGHT: f64 = 280.0;
const MIN_HEIGHT: f64 = 120.0;
const MAX_SHARE: f64 = 0.7;
/// Lines the event log lists.
const LOG_ROWS: usize = 100;
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
    let editor = use_editor();
    let tab = use_state(|| Tab::Charts);
    let open = use_state(|| true);
    let height = use_state(|| HEIGHT);
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
        });
        html! {
            <button type="button" role="tab" class={classes!("dock-tab", on.then_some("on"))} aria-selected={on.to_string()}
                    data-tab={if which == Tab::Charts { "charts" } else { "log" }} {onclick}>{ label }</button>
        }
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
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
    let grip_up = Callback::from(move |_: PointerEvent| *resize_from.borrow_mut() = None);
    let selected: Vec<ComponentId> = editor
        .selection
        .iter()
        .filter_map(|item| match item {
            Item::Component(id) => Some(*id),
            Item::Connection(_) => None,
        })
        .collect();

    html! {
        <section class={classes!("run-dock", (!*open).then_some("closed"))} aria-label={t("Run details")}
                 style={if *open { format!("height:{:.0}px", *height) } else { String::new() }}
                 data-dots={run.dots.to_string()} data-hops={run.hops.to_string()}>
            <div class="dock-grip" title={t("Drag to resize")} onpointerdown={grip_down} onpointermove={grip_move} onpointerup={grip_up}></div>
            <div class="dock-bar" role="tablist">
                { tab_button(Tab::Charts, t("Charts")) }
                { tab_button(Tab::Log, t("Event log")) }
                <span class="dock-status">
                    if run.running {
                        { t("{dots} messages moving · {hops} hops so far")
                            .replace("{dots}", &run.dots.to_string())
                            .replace("{hops}", &run.hops.to_string()) }
                    }
                </span>
                <button type="button" class="dock-toggle" onclick={toggle} aria-expanded={open.to_string()}
                        aria-label={if *open { t("Hide the panel") } else { t("Show the panel") }}
                        title={if *open { t("Hide the panel") } else { t("Show the panel") }}>
                    { if *open { "▾" } else { "▴" } }
                </button>
            </div>
            <div class="dock-body">
                if *open {
                    if *tab == Tab::Charts {
                        { chart_strip(&props.player, editor.diagram(), &selected, &mut chart_cache.borrow_mut()) }
                    } else {
                        <EventLog player={props.player.clone()} tick={props.tick} />
                    }
                }
            </div>
        </section>
    }
}

fn chart_strip(player: &Player, diagram: &Diagram, selected: &[ComponentId], cache: &mut ChartCache) -> Html {
    if !player.snapshot().running {
        return html! { <p class="dock-empty">{ t("Press play: the selected components' charts show here, over simulated time.") }</p> };
    }
    if selected.is_empty() {
        return html! { <p class="dock-empty">{ t("Select components on the canvas to chart them (Shift+click to add more).") }</p> };
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
                    <span class="strip-kind">{ c.kind().aws_name() }</span>
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
                    { t("{n} more selected: charts show the first four.").replace("{n}", &more.to_string()) }
                }
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EventLogProps {
    player: Player,
    tick: u64,
}

/// The log of hops and, beside it, the message inspector.
#[function_component(EventLog)]
fn event_log(props: &EventLogProps) -> Html {
    let editor = use_editor();
    let filter = use_state(LogFilter::default);
    // While the pointer is over the list it holds still, so a line can be clicked.
    let held = use_state(|| None::<Rc<Vec<Hop>>>);
    let player = &props.player;
    let run = player.snapshot();
    let diagram = editor.diagram();
    let name = |id: ComponentId| diagram.component(id).map(|c| c.name.clone()).unwrap_or_else(|| format!("#{}", id.0));

    let rows: Rc<Vec<Hop>> = match &*held {
        Some(rows) => rows.clone(),
        None => Rc::new(player.recent_hops(&filter, LOG_ROWS)),
    };
    let hold = {
        let held = held.clone();
        let rows = rows.clone();
        Callback::from(move |_: MouseEvent| held.set(Some(rows.clone())))
    };
    let release = {
        let held = held.clone();
        Callback::from(move |_: MouseEvent| held.set(None))
    };
    let on_component = {
        let filter = filter.clone();
        let held = held.clone();
        Callback::from(move |e: Event| {
            held.set(None);
            if let Some(select) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                let component = select.value().parse::<u32>().ok().map(ComponentId);
                filter.set(LogFilter { component, ..*filter });
            }
        })
    };
    let chips = OUTCOMES.iter().map(|&o| {
        let bit = outcome_bit(o);
        let on = filter.outcomes & bit != 0;
        let filter = filter.clone();
        let held = held.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            held.set(None);
            filter.set(LogFilter { outcomes: filter.outcomes ^ bit, ..*filter });
        });
        html! {
            <button type="button" class={classes!("chip", on.then_some("on"))} aria-pressed={on.to_string()}
                    data-outcome={outcome_key(o)} {onclick}>
                <span class="dot" style={format!("background:{}", DOT_COLOURS[outcome_index(o)])}></span>
                { outcome_label(o) }
            </button>
        }
    });
    let lines = rows.iter().map(|h| {
        let id = h.message;
        let onclick = {
            let player = player.clone();
            Callback::from(move |_: MouseEvent| player.select_message(Some(id)))
        };
        let onkeydown = {
            let player = player.clone();
            Callback::from(move |e: KeyboardEvent| {
                // Enter only: Space plays and pauses, anywhere on the page.
                if e.key() == "Enter" {
                    e.prevent_default();
                    player.select_message(Some(id));
                }
            })
        };
        let chosen = run.message == Some(id);
        html! {
            <tr class={classes!("log-line", chosen.then_some("chosen"))} data-message={id.to_string()} tabindex="0"
                aria-selected={chosen.to_string()} {onclick} {onkeydown}>
                <td class="log-time">{ format_time(h.arrive_us) }</td>
                <td class="log-message">{ format!("#{id}") }</td>
                <td class="log-hop">{ format!("{} → {}", name(h.from), name(h.to)) }</td>
                <td class="log-outcome">{ outcome_badge(h.outcome) }</td>
            </tr>
        }
    });

    html! {
        <div class="event-log">
            <div class="log-main">
                <div class="log-filters">
                    <select class="log-component" aria-label={t("Component")} onchange={on_component}>
                        <option value="" selected={filter.component.is_none()}>{ t("All components") }</option>
                        { for diagram.components().map(|c| html! {
                            <option value={c.id.0.to_string()} selected={filter.component == Some(c.id)}>{ c.name.clone() }</option>
                        }) }
                    </select>
                    <div class="chips" role="group" aria-label={t("Outcomes")}>{ for chips }</div>
                </div>
                // Always there and laid over the list, so holding it moves no line.
                <span class={classes!("log-hint", held.is_some().then_some("on"))} aria-hidden={held.is_none().to_string()}>
                    { t("Held while the pointer is over the list.") }
                </span>
                <div class="log-scroll" onmouseenter={hold} onmouseleave={release}>
                    <table class="log-table">
                        <thead>
                            <tr><th>{ t("Time") }</th><th>{ t("Message") }</th><th>{ t("From → to") }</th><th>{ t("Outcome") }</th></tr>
                        </thead>
                        <tbody>{ for lines }</tbody>
                    </table>
                    if rows.is_empty() {
                        <p class="dock-empty">
                            { if run.running { t("No hop matches these filters yet.") } else { t("Press play: every hop a message makes is listed here.") } }
                        </p>
                    }
                </div>
            </div>
            { message_panel(player, diagram, run.message) }
        </div>
    }
}

/// One message's hops, retries and ending.
fn message_panel(player: &Player, diagram: &Diagram, message: Option<u64>) -> Html {
    let close = {
        let player = player.clone();
        Callback::from(move |_: MouseEvent| player.select_message(None))
    };
    let name = |id: ComponentId| diagram.component(id).map(|c| c.name.clone()).unwrap_or_else(|| format!("#{}", id.0));
    let body = match message.map(|id| (id, player.message(id))) {
        None => html! { <p class="dock-empty">{ t("Click a line in the log, or a dot on the canvas, to follow one message.") }</p> },
        Some((id, None)) => html! {
            <p class="dock-empty">
                { t("Message {id} is no longer kept: the page keeps the hops of the latest {n} messages.")
                    .replace("{id}", &format!("#{id}"))
                    .replace("{n}", &MESSAGES.to_string()) }
            </p>
        },
        Some((_, Some((story, payload)))) => story_view(&story, payload, diagram, &name),
    };
    html! {
        <aside class="message-panel" aria-label={t("Message inspector")} data-message={message.map(|m| m.to_string()).unwrap_or_default()}>
            <div class="message-head">
                <h3>
                    { t("Message") }
                    if let Some(id) = message {
                        <span class="message-id">{ format!(" #{id}") }</span>
                    }
                </h3>
                if message.is_some() {
                    <button type="button" class="notice-close" aria-label={t("Stop following this message")} onclick={close}>{ "×" }</button>
                }
            </div>
            { body }
        </aside>
    }
}

fn story_view(story: &Story, payload: Option<String>, diagram: &Diagram, name: &dyn Fn(ComponentId) -> String) -> Html {
    let (ending, tone) = story.ending.map(|e| ending_text(e, name)).unwrap_or_default();
    // A queue moves a message to its dead-letter queue after maxReceiveCount receives;
    // receives are not traced as hops, so the tries are told from the queue's setting.
    let redriven = story.hops.last().filter(|h| h.outcome == HopOutcome::DeadLettered).and_then(|h| match &diagram.component(h.from)?.spec {
        Spec::Queue(q) => Some((h.from, q.max_receive_count)),
        _ => None,
    });
    let retries = match (story.retries, redriven) {
        (0, Some((queue, n))) => t("Handed out {n} times by {queue}, failing each time, then moved.")
            .replace("{n}", &n.to_string())
            .replace("{queue}", &name(queue)),
        (0, None) => t("No retries.").to_string(),
        (1, _) => t("1 retry (a hop made again).").to_string(),
        (n, _) => t("{n} retries (hops made again).").replace("{n}", &n.to_string()),
    };
    html! {
        <div class="message-story">
            <p class={classes!("message-ending", tone)} data-ending={story.ending.map(ending_key).unwrap_or("none")}>{ ending }</p>
            <p class="message-retries">{ retries }</p>
            <ol class="message-hops">
                { for story.hops.iter().zip(&story.retry).map(|(h, &again)| html! {
                    <li class="message-hop" data-outcome={outcome_key(h.outcome)}>
                        <span class="log-time">{ format_time(h.arrive_us) }</span>
                        <span class="message-hop-path" title={format!("{} → {}", name(h.from), name(h.to))}>{ format!("{} → {}", name(h.from), name(h.to)) }</span>
                        { outcome_badge(h.outcome) }
                        if again {
                            <span class="retry-tag">{ t("retry") }</span>
                        }
                    </li>
                }) }
            </ol>
            if let Some(p) = payload {
                <details class="message-payload">
                    <summary>{ t("Payload") }</summary>
                    <pre>{ p }</pre>
                </details>
            }
        </div>
    }
}

/// How a message's story ends, as a sentence, with a tone for its colour.
fn ending_text(e: Ending, name: &dyn Fn(ComponentId) -> String) -> (String, &'static str) {
    let (text, at, tone) = match e {
        Ending::At(c) => (t("Still in {name}: waiting there or being worked on."), c, "moving"),
        Ending::DeadLettered(c) => (t("In the dead-letter queue {name}: it failed too many times."), c, "bad"),
        Ending::RetryPending(c, HopOutcome::Throttled) => (t("Throttled by {name}; it will be tried again."), c, "warn"),
        Ending::RetryPending(c, HopOutcome::Rejected) => (t("Refused by {name}; it will be tried again."), c, "warn"),
        Ending::RetryPending(c, _) => (t("Failed at {name}; it will be tried again."), c, "warn"),
        Ending::Failed(c) => (t("Failed at {name}: it was down, returned an error or timed out, and no retry was left."), c, "bad"),
        Ending::Throttled(c) => (t("Throttled by {name}: too many at once, and no retry was left."), c, "bad"),
        Ending::Rejected(c) => (t("Refused by {name}: no route, filtered out, a duplicate, or going round a loop."), c, "bad"),
        Ending::Stored(c) => (t("Stored in {name}: its journey is complete."), c, "good"),
        Ending::EndedAt(c) => (t("Gone after reaching {name}: consumed there, or failed there with no retry left."), c, "good"),
    };
    (text.replace("{name}", &name(at)), tone)
}

fn ending_key(e: Ending) -> &'static str {
    match e {
        Ending::At(_) => "at",
        Ending::DeadLettered(_) => "dead-lettered",
        Ending::RetryPending(..) => "retry-pending",
        Ending::Failed(_) => "failed",
        Ending::Throttled(_) => "throttled",
        Ending::Rejected(_) => "rejected",
        Ending::Stored(_) => "stored",
        Ending::EndedAt(_) => "ended",
    }
}

fn outcome_badge(o: HopOutcome) -> Html {
    html! {
        <span class="outcome" data-outcome={outcome_key(o)}>
            <span class="dot" style={format!("background:{}", DOT_COLOURS[outcome_index(o)])}></span>
            { outcome_label(o) }
        </span>
    }
}

fn outcome_label(o: HopOutcome) -> &'static str {
    match o {
        HopOutcome::Delivered => t("Delivered"),
        HopOutcome::Throttled => t("Throttled"),
        HopOutcome::Failed => t("Failed"),
        HopOutcome::Rejected => t("Rejected"),
        HopOutcome::DeadLettered => t("Dead-lettered"),
    }
}

fn outcome_key(o: HopOutcome) -> &'static str {
    match o {
        HopOutcome::Delivered => "delivered",
        HopOutcome::Throttled => "throttled",
        HopOutcome::Failed => "failed",
        HopOutcome::Rejected => "rejected",
        HopOutcome::DeadLettered => "dead-lettered",
    }
}

/// Simulated time to the millisecond: "12.345 s", "3:05.120".
fn format_time(us: u64) -> String {
    let ms = us / 1000;
    let (minutes, seconds, millis) = (ms / 60_000, (ms / 1000) % 60, ms % 1000);
    if minutes == 0 {
        format!("{seconds}.{millis:03} s")
    } else {
        format!("{minutes}:{seconds:02}.{millis:03}")
    }
}
