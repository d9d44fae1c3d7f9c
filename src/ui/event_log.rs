//! The event log (every hop, filterable by component and outcome) beside the message
//! inspector (one message's hops, retries and how it ended), in the panel under the
//! canvas.

use crate::lessons::ui_strings as words;
use super::i18n::{use_lang, Lang};
use super::playback::{outcome_index, Player, DOT_COLOURS};
use super::store::use_editor;
use crate::playback::event_log::{outcome_bit, LogFilter, OUTCOMES};
use crate::playback::message_hops::MESSAGES;
use crate::view::story::{Ending, Story};
use crate::model::{ComponentId, Diagram, Spec};
use crate::sim::{Hop, HopOutcome};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Lines the event log lists.
const LOG_ROWS: usize = 100;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub player: Player,
    pub tick: u64,
}

/// The log of hops and, beside it, the message inspector.
#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let lang = use_lang();
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
                { outcome_label(o, lang) }
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
                <td class="log-outcome">{ outcome_badge(h.outcome, lang) }</td>
            </tr>
        }
    });

    html! {
        <div class="event-log">
            <div class="log-main">
                <div class="log-filters">
                    <select class="log-component" aria-label={words::run_panel::COMPONENT.get(lang)} onchange={on_component}>
                        <option value="" selected={filter.component.is_none()}>{ words::run_panel::ALL_COMPONENTS.get(lang) }</option>
                        { for diagram.components().map(|c| html! {
                            <option value={c.id.0.to_string()} selected={filter.component == Some(c.id)}>{ c.name.clone() }</option>
                        }) }
                    </select>
                    <div class="chips" role="group" aria-label={words::run_panel::OUTCOMES.get(lang)}>{ for chips }</div>
                </div>
                // Always there and laid over the list, so holding it moves no line.
                <span class={classes!("log-hint", held.is_some().then_some("on"))} aria-hidden={held.is_none().to_string()}>
                    { words::run_panel::HELD_WHILE_THE_POINTER_IS.get(lang) }
                </span>
                <div class="log-scroll" onmouseenter={hold} onmouseleave={release}>
                    <table class="log-table">
                        <thead>
                            <tr><th>{ words::run_panel::TIME.get(lang) }</th><th>{ words::run_panel::MESSAGE.get(lang) }</th><th>{ words::run_panel::FROM_TO.get(lang) }</th><th>{ words::run_panel::OUTCOME.get(lang) }</th></tr>
                        </thead>
                        <tbody>{ for lines }</tbody>
                    </table>
                    if rows.is_empty() {
                        <p class="dock-empty">
                            { if run.running { words::run_panel::NO_HOP_MATCHES_THESE_FILTERS.get(lang) } else { words::run_panel::PRESS_PLAY_EVERY_HOP_A.get(lang) } }
                        </p>
                    }
                </div>
            </div>
            { message_panel(player, diagram, run.message, lang) }
        </div>
    }
}

/// One message's hops, retries and ending.
fn message_panel(player: &Player, diagram: &Diagram, message: Option<u64>, lang: Lang) -> Html {
    let close = {
        let player = player.clone();
        Callback::from(move |_: MouseEvent| player.select_message(None))
    };
    let name = |id: ComponentId| diagram.component(id).map(|c| c.name.clone()).unwrap_or_else(|| format!("#{}", id.0));
    let body = match message.map(|id| (id, player.message(id))) {
        None => html! { <p class="dock-empty">{ words::run_panel::CLICK_A_LINE_IN_THE.get(lang) }</p> },
        Some((id, None)) => html! {
            <p class="dock-empty">
                { words::run_panel::MESSAGE_ID_IS_NO_LONGER.get(lang)
                    .replace("{id}", &format!("#{id}"))
                    .replace("{n}", &MESSAGES.to_string()) }
            </p>
        },
        Some((_, Some((story, payload)))) => story_view(&story, payload, diagram, &name, lang),
    };
    html! {
        <section class="message-panel" aria-label={words::run_panel::MESSAGE_INSPECTOR.get(lang)} data-message={message.map(|m| m.to_string()).unwrap_or_default()}>
            <div class="message-head">
                <h3>
                    { words::run_panel::MESSAGE.get(lang) }
                    if let Some(id) = message {
                        <span class="message-id">{ format!(" #{id}") }</span>
                    }
                </h3>
                if message.is_some() {
                    <button type="button" class="notice-close" aria-label={words::run_panel::STOP_FOLLOWING_THIS_MESSAGE.get(lang)} onclick={close}>{ "×" }</button>
                }
            </div>
            { body }
        </section>
    }
}

fn story_view(story: &Story, payload: Option<String>, diagram: &Diagram, name: &dyn Fn(ComponentId) -> String, lang: Lang) -> Html {
    let (ending, tone) = story.ending.map(|e| ending_text(e, name, lang)).unwrap_or_default();
    // A queue moves a message to its dead-letter queue after maxReceiveCount receives;
    // receives are not traced as hops, so the tries are told from the queue's setting.
    let redriven = story.hops.last().filter(|h| h.outcome == HopOutcome::DeadLettered).and_then(|h| match &diagram.component(h.from)?.spec {
        Spec::Queue(q) => Some((h.from, q.max_receive_count)),
        _ => None,
    });
    let retries = match (story.retries, redriven) {
        (0, Some((queue, n))) => words::run_panel::HANDED_OUT_N_TIMES_BY.get(lang)
            .replace("{n}", &n.to_string())
            .replace("{queue}", &name(queue)),
        (0, None) => words::run_panel::NO_RETRIES.get(lang).to_string(),
        (1, _) => words::run_panel::N1_RETRY_A_HOP_MADE.get(lang).to_string(),
        (n, _) => words::run_panel::N_RETRIES_HOPS_MADE_AGAIN.get(lang).replace("{n}", &n.to_string()),
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
                        { outcome_badge(h.outcome, lang) }
                        if again {
                            <span class="retry-tag">{ words::run_panel::RETRY.get(lang) }</span>
                        }
                    </li>
                }) }
            </ol>
            if let Some(p) = payload {
                <details class="message-payload">
                    <summary>{ words::run_panel::PAYLOAD.get(lang) }</summary>
                    <pre>{ p }</pre>
                </details>
            }
        </div>
    }
}

/// How a message's story ends, as a sentence, with a tone for its colour.
fn ending_text(e: Ending, name: &dyn Fn(ComponentId) -> String, lang: Lang) -> (String, &'static str) {
    let (text, at, tone) = match e {
        Ending::At(c) => (words::run_panel::STILL_IN_NAME_WAITING_THERE.get(lang), c, "moving"),
        Ending::DeadLettered(c) => (words::run_panel::IN_THE_DEAD_LETTER_QUEUE.get(lang), c, "bad"),
        Ending::RetryPending(c, HopOutcome::Throttled) => (words::run_panel::THROTTLED_BY_NAME_IT_WILL.get(lang), c, "warn"),
        Ending::RetryPending(c, HopOutcome::Rejected) => (words::run_panel::REFUSED_BY_NAME_IT_WILL.get(lang), c, "warn"),
        Ending::RetryPending(c, _) => (words::run_panel::FAILED_AT_NAME_IT_WILL.get(lang), c, "warn"),
        Ending::Failed(c) => (words::run_panel::FAILED_AT_NAME_IT_WAS.get(lang), c, "bad"),
        Ending::Throttled(c) => (words::run_panel::THROTTLED_BY_NAME_TOO_MANY.get(lang), c, "bad"),
        Ending::Rejected(c) => (words::run_panel::REFUSED_BY_NAME_NO_ROUTE.get(lang), c, "bad"),
        Ending::Stored(c) => (words::run_panel::STORED_IN_NAME_ITS_JOURNEY.get(lang), c, "good"),
        Ending::EndedAt(c) => (words::run_panel::GONE_AFTER_REACHING_NAME_CONSUMED.get(lang), c, "good"),
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

fn outcome_badge(o: HopOutcome, lang: Lang) -> Html {
    html! {
        <span class="outcome" data-outcome={outcome_key(o)}>
            <span class="dot" style={format!("background:{}", DOT_COLOURS[outcome_index(o)])}></span>
            { outcome_label(o, lang) }
        </span>
    }
}

pub(super) fn outcome_label(o: HopOutcome, lang: Lang) -> &'static str {
    match o {
        HopOutcome::Delivered => words::run_panel::DELIVERED.get(lang),
        HopOutcome::Throttled => words::run_panel::THROTTLED.get(lang),
        HopOutcome::Failed => words::run_panel::FAILED.get(lang),
        HopOutcome::Rejected => words::run_panel::REJECTED.get(lang),
        HopOutcome::DeadLettered => words::run_panel::DEAD_LETTERED.get(lang),
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
