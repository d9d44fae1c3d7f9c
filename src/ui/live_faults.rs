//! Live error rate and added latency for the selected component, in the inspector:
//! they act on the running simulation at once (the next piece of work the component
//! finishes or starts), never on the diagram. Only compute components (functions,
//! services, worker groups) do work that can fail or slow down, so only they get them.

use super::i18n::t;
use super::playback::{LiveFault, Player};
use crate::model::{Component, ComponentKind};
use yew::prelude::*;

/// Error rates offered, in percent.
const ERROR_RATES: [u32; 5] = [0, 10, 25, 50, 100];
/// Processing-time multipliers offered.
const SLOWDOWNS: [f64; 5] = [1.0, 2.0, 5.0, 10.0, 30.0];

#[derive(Properties, PartialEq)]
pub struct LiveFaultsProps {
    pub player: Player,
    pub component: Component,
}

#[function_component(LiveFaults)]
pub fn live_faults(props: &LiveFaultsProps) -> Html {
    let c = &props.component;
    if !matches!(c.kind(), ComponentKind::Function | ComponentKind::Service | ComponentKind::WorkerGroup) {
        return Html::default();
    }
    let id = c.id;
    let from_diagram = LiveFault { error_rate: c.faults.error_rate, latency: c.faults.latency_multiplier };
    let live = props.player.snapshot().live_faults.get(&id).copied();
    let now = live.unwrap_or(from_diagram);
    let rate_buttons = ERROR_RATES.iter().map(|&pct| {
        let rate = f64::from(pct) / 100.0;
        let player = props.player.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            player.set_error_rate(id, rate);
        });
        let on = (now.error_rate - rate).abs() < 1e-9;
        html! {
            <button type="button" class={classes!("segment", on.then_some("on"))} aria-pressed={on.to_string()}
                    data-error-rate={pct.to_string()} {onclick}>{ format!("{pct}%") }</button>
        }
    });
    let slow_buttons = SLOWDOWNS.iter().map(|&m| {
        let player = props.player.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            player.set_latency(id, m);
        });
        let on = (now.latency - m).abs() < 1e-9;
        html! {
            <button type="button" class={classes!("segment", on.then_some("on"))} aria-pressed={on.to_string()}
                    data-latency={m.to_string()} {onclick}>{ format!("×{m}") }</button>
        }
    });
    let changed = live.filter(|l| *l != from_diagram);
    let restore = {
        let player = props.player.clone();
        Callback::from(move |_: MouseEvent| {
            player.set_error_rate(id, from_diagram.error_rate);
            player.set_latency(id, from_diagram.latency);
        })
    };
    html! {
        <section class="inspector-section live live-faults">
            <h3>{ t("Live faults") }</h3>
            <p class="inspector-hint">{ t("They act on the running simulation from now on; the diagram keeps its settings.") }</p>
            <div class="live-fault" role="group" aria-label={t("Error rate")}>
                <span class="live-fault-label">{ t("Error rate") }</span>
                <div class="segmented">{ for rate_buttons }</div>
            </div>
            <div class="live-fault" role="group" aria-label={t("Added latency")}>
                <span class="live-fault-label">{ t("Added latency") }<span class="live-fault-unit">{ t("× processing time") }</span></span>
                <div class="segmented">{ for slow_buttons }</div>
            </div>
            // A fixed container, so the status line coming and going moves nothing else.
            <div class="live-fault-status" role="status">
                if let Some(l) = changed {
                    <span class="live-fault-now">
                        { t("Live now: {rate} of its work fails, {times} slower.")
                            .replace("{rate}", &format!("{:.0}%", l.error_rate * 100.0))
                            .replace("{times}", &format!("×{}", l.latency)) }
                    </span>
                    <button type="button" class="text-button" onclick={restore}>{ t("Back to the diagram's settings") }</button>
                }
            </div>
        </section>
    }
}
