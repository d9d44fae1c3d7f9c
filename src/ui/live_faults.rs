//! The inspector's "Faults": one group for breaking a component, the same controls
//! before a run and during it. Before, they set the diagram's faults (they apply from
//! t = 0 and are saved and shared with it); during, they act on the running simulation
//! at once and the diagram keeps its own (a changed diagram would reset the run). One
//! outage choice (for a function: failing or stopped, as AWS users tell them apart),
//! one error rate, one slow-down, each with a line saying what it does. A client's or
//! event source's spike and poison message only exist during a run.

use crate::lessons::ui_strings as words;
use super::i18n::{use_lang, Lang};
use crate::text::Text;
use super::inspector::Dispatch;
use super::playback::{LiveFault, Player};
use crate::editor::Action;
use crate::model::{Component, ComponentId, ComponentKind, Faults, Outage};
use yew::prelude::*;

/// Error rates offered, in percent.
const ERROR_RATES: [u32; 5] = [0, 10, 25, 50, 100];
/// Processing-time multipliers offered.
const SLOWDOWNS: [f64; 5] = [1.0, 2.0, 5.0, 10.0, 30.0];

#[derive(Properties, PartialEq)]
pub struct FaultsProps {
    pub player: Player,
    pub component: Component,
    pub dispatch: Dispatch,
}

/// The outages a kind can have, each with its name and what it does.
fn outages(kind: ComponentKind) -> Vec<(Outage, Text, Text)> {
    use words::faults as w;
    use ComponentKind::*;
    let running = (Outage::Running, w::RUNNING, w::RUNNING_MEANS);
    match kind {
        Client | EventSource => Vec::new(),
        Function => vec![running, (Outage::Errors, w::ERRORS, w::ERRORS_MEANS), (Outage::Stopped, w::STOPPED, w::STOPPED_MEANS)],
        Service => vec![running, (Outage::Errors, w::DOWN, w::DOWN_SERVICE_MEANS)],
        WorkerGroup => vec![running, (Outage::Errors, w::DOWN, w::DOWN_WORKERS_MEANS)],
        _ => vec![running, (Outage::Errors, w::DOWN, w::DOWN_MEANS)],
    }
}

/// Only compute components do work that can fail or slow down.
fn does_work(kind: ComponentKind) -> bool {
    matches!(kind, ComponentKind::Function | ComponentKind::Service | ComponentKind::WorkerGroup)
}

#[function_component(FaultsGroup)]
pub fn faults_group(props: &FaultsProps) -> Html {
    let lang = use_lang();
    let c = &props.component;
    let (id, kind) = (c.id, c.kind());
    let running = props.player.snapshot().running;
    let from_diagram = LiveFault::of(&c.faults);
    let live = props.player.snapshot().live_faults.get(&id).copied().filter(|_| running);
    let now = live.unwrap_or(from_diagram);
    let change = |live: fn(&Player, ComponentId, f64) -> bool, edit: fn(&mut Faults, f64), value: f64| {
        change_fault(&props.player, &props.dispatch, c, move |p| live(p, id, value), move |f| edit(f, value))
    };
    let outage_choices = outages(kind);
    let outage_group = (!outage_choices.is_empty()).then(|| {
        let name = format!("outage-{}", id.0);
        let options = outage_choices.into_iter().map(|(outage, label, means)| {
            let apply = change_fault(&props.player, &props.dispatch, c, move |p| p.set_outage(id, outage), move |f| *f = f.with_outage(outage));
            let onchange = Callback::from(move |_: Event| apply());
            let key = outage_key(outage);
            html! {
                <label class="fault-choice" data-outage={key}>
                    <input type="radio" name={name.clone()} value={key} checked={now.outage == outage} {onchange} />
                    <span class="fault-choice-text">
                        <span class="fault-choice-name">{ label.get(lang) }</span>
                        <span class="fault-choice-means">{ means.get(lang) }</span>
                    </span>
                </label>
            }
        });
        html! {
            <div class="live-fault" role="radiogroup" aria-label={words::faults::OUTAGE.get(lang)}>
                <span class="live-fault-label">{ words::faults::OUTAGE.get(lang) }</span>
                { for options }
            </div>
        }
    });
    let work = does_work(kind).then(|| {
        let rate_buttons = ERROR_RATES.iter().map(|&pct| {
            let rate = f64::from(pct) / 100.0;
            let apply = change(|p, id, rate| p.set_error_rate(id, rate), |f, rate| f.error_rate = rate, rate);
            let onclick = Callback::from(move |_: MouseEvent| apply());
            let on = (now.error_rate - rate).abs() < 1e-9;
            html! {
                <button type="button" class={classes!("segment", on.then_some("on"))} aria-pressed={on.to_string()}
                        data-error-rate={pct.to_string()} {onclick}>{ format!("{pct}%") }</button>
            }
        });
        let slow_buttons = SLOWDOWNS.iter().map(|&m| {
            let apply = change(|p, id, m| p.set_latency(id, m), |f, m| f.latency_multiplier = m, m);
            let onclick = Callback::from(move |_: MouseEvent| apply());
            let on = (now.latency - m).abs() < 1e-9;
            html! {
                <button type="button" class={classes!("segment", on.then_some("on"))} aria-pressed={on.to_string()}
                        data-latency={m.to_string()} {onclick}>{ format!("×{m}") }</button>
            }
        });
        // A rate or slow-down not among the buttons (from a file or a lesson) still shows.
        let unlisted_rate = !ERROR_RATES.iter().any(|&p| (f64::from(p) / 100.0 - now.error_rate).abs() < 1e-9);
        html! {
            <>
                <div class="live-fault" role="group" aria-label={words::live_faults::ERROR_RATE.get(lang)}>
                    <span class="live-fault-label">{ words::live_faults::ERROR_RATE.get(lang) }
                        if unlisted_rate {
                            <span class="live-fault-unit">{ format!("{:.1}%", now.error_rate * 100.0) }</span>
                        }
                    </span>
                    <div class="segmented">{ for rate_buttons }</div>
                    <span class="fault-choice-means">{ words::faults::ERROR_RATE_MEANS.get(lang) }</span>
                    { own_error_rate(c, lang) }
                </div>
                <div class="live-fault" role="group" aria-label={words::live_faults::ADDED_LATENCY.get(lang)}>
                    <span class="live-fault-label">{ words::live_faults::ADDED_LATENCY.get(lang) }<span class="live-fault-unit">{ words::live_faults::PROCESSING_TIME.get(lang) }</span></span>
                    <div class="segmented">{ for slow_buttons }</div>
                    <span class="fault-choice-means">{ words::faults::SLOWER_MEANS.get(lang) }</span>
                </div>
            </>
        }
    });
    let acts = source_acts(&props.player, c, lang);
    if outage_group.is_none() && work.is_none() && acts.is_none() {
        return Html::default();
    }
    let changed = live.filter(|l| *l != from_diagram);
    let restore = {
        let player = props.player.clone();
        Callback::from(move |_: MouseEvent| {
            player.set_outage(id, from_diagram.outage);
            player.set_error_rate(id, from_diagram.error_rate);
            player.set_latency(id, from_diagram.latency);
        })
    };
    let when = if running { words::faults::DURING_THE_RUN } else { words::faults::BEFORE_THE_RUN };
    html! {
        <section class="inspector-section live live-faults faults" data-when={if running { "live" } else { "diagram" }}>
            <h3>{ words::faults::FAULTS.get(lang) }</h3>
            <p class="inspector-hint">{ when.get(lang) }</p>
            { outage_group.unwrap_or_default() }
            { work.unwrap_or_default() }
            { acts.unwrap_or_default() }
            // A fixed container, so the status line coming and going moves nothing else.
            <div class="live-fault-status" role="status">
                if let Some(l) = changed {
                    <span class="live-fault-now">
                        { words::live_faults::LIVE_NOW_RATE_OF_ITS.get(lang)
                            .replace("{rate}", &format!("{:.0}%", l.error_rate * 100.0))
                            .replace("{times}", &format!("×{}", l.latency)) }
                    </span>
                    <button type="button" class="text-button" onclick={restore}>{ words::live_faults::BACK_TO_THE_DIAGRAMS_SETTINGS.get(lang) }</button>
                }
            </div>
        </section>
    }
}

/// The one way a fault changes: on the running simulation during a run (the diagram
/// keeps its own), in the diagram before one (it then applies from t = 0).
fn change_fault(player: &Player, dispatch: &Dispatch, component: &Component, live: impl Fn(&Player) -> bool + 'static, edit: impl Fn(&mut Faults) + 'static) -> impl Fn() {
    let (player, dispatch, id, faults) = (player.clone(), dispatch.clone(), component.id, component.faults.clone());
    move || {
        if player.snapshot().running {
            live(&player);
        } else {
            let mut faults = faults.clone();
            edit(&mut faults);
            dispatch.dispatch(Action::SetFaults { id, faults });
        }
    }
}

/// `data-outage` and the radio's value.
fn outage_key(outage: Outage) -> &'static str {
    match outage {
        Outage::Running => "running",
        Outage::Errors => "errors",
        Outage::Stopped => "stopped",
    }
}

/// A component's own failure rate (a setting from an imported template or an older
/// link: the code's `ERROR_RATE`), said beside the fault's since both add up.
fn own_error_rate(c: &Component, lang: Lang) -> Html {
    use crate::model::spec::Spec;
    let own = match &c.spec {
        Spec::Function(s) => s.error_rate,
        Spec::Service(s) => s.error_rate,
        Spec::WorkerGroup(s) => s.error_rate,
        _ => 0.0,
    };
    if own <= 0.0 {
        return Html::default();
    }
    let pct = format!("{:.1}%", own * 100.0);
    html! { <span class="fault-choice-means">{ words::faults::PLUS_ITS_OWN.get(lang).replace("{pct}", &pct) }</span> }
}

/// A client's spike and a source's poison message: acts on the running simulation.
fn source_acts(player: &Player, component: &Component, lang: Lang) -> Option<Html> {
    let id = component.id;
    let kind = component.kind();
    if !matches!(kind, ComponentKind::Client | ComponentKind::EventSource) {
        return None;
    }
    let act = |label: Text, action: fn(&Player, ComponentId) -> bool| {
        let player = player.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            action(&player, id);
        });
        html! { <button type="button" class="button" {onclick}>{ label.get(lang) }</button> }
    };
    Some(html! {
        <div class="live-actions">
            if kind == ComponentKind::Client {
                { act(words::inspector::SEND_A_SPIKE_10_FOR, |p, id| p.spike(id)) }
            }
            { act(words::inspector::INJECT_A_POISON_MESSAGE, |p, id| p.poison(id)) }
        </div>
    })
}
