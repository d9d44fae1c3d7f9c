//! Breaking things, in the inspector. Live: take down, spike, poison, and an error rate
//! and added latency that act on the running simulation at once (the next piece of
//! work the component finishes or starts), never on the diagram; only compute
//! components (functions, services, worker groups) do work that can fail or slow down,
//! so only they get those. And the diagram's own faults, for the whole run.

use crate::lessons::ui_strings as words;
use super::i18n::{use_lang, Lang};
use crate::text::Text;
use super::inspector::Dispatch;
use super::playback::{LiveFault, Player};
use super::setting_input::{Edit, SettingInput};
use crate::editor::Action;
use crate::model::{fields_of, set_fault, Component, ComponentId, ComponentKind};
use serde_json::Value;
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
    let lang = use_lang();
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
            <h3>{ words::live_faults::LIVE_FAULTS.get(lang) }</h3>
            <p class="inspector-hint">{ words::live_faults::THEY_ACT_ON_THE_RUNNING.get(lang) }</p>
            <div class="live-fault" role="group" aria-label={words::live_faults::ERROR_RATE.get(lang)}>
                <span class="live-fault-label">{ words::live_faults::ERROR_RATE.get(lang) }</span>
                <div class="segmented">{ for rate_buttons }</div>
            </div>
            <div class="live-fault" role="group" aria-label={words::live_faults::ADDED_LATENCY.get(lang)}>
                <span class="live-fault-label">{ words::live_faults::ADDED_LATENCY.get(lang) }<span class="live-fault-unit">{ words::live_faults::PROCESSING_TIME.get(lang) }</span></span>
                <div class="segmented">{ for slow_buttons }</div>
            </div>
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

/// Break it while it runs: these act on the running simulation, not on the diagram.
pub fn live_actions(player: &Player, component: &Component, lang: Lang) -> Html {
    let id = component.id;
    let act = |label: Text, action: fn(&Player, ComponentId) -> bool| {
        let player = player.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            action(&player, id);
        });
        html! { <button type="button" class="button" {onclick}>{ label.get(lang) }</button> }
    };
    let is_source = matches!(component.kind(), ComponentKind::Client | ComponentKind::EventSource);
    html! {
        <section class="inspector-section live">
            <h3>{ words::inspector::WHILE_IT_RUNS.get(lang) }</h3>
            <div class="live-actions">
                { act(words::inspector::TAKE_DOWN_NOW, |p, id| p.set_down(id, true)) }
                { act(words::inspector::BRING_BACK, |p, id| p.set_down(id, false)) }
                if component.kind() == ComponentKind::Client {
                    { act(words::inspector::SEND_A_SPIKE_10_FOR, |p, id| p.spike(id)) }
                }
                if is_source {
                    { act(words::inspector::INJECT_A_POISON_MESSAGE, |p, id| p.poison(id)) }
                }
            </div>
        </section>
    }
}

pub fn faults_editor(editor: &Dispatch, component: &Component, lang: Lang) -> Html {
    let faults = fields_of(&component.faults);
    let rows = [("down", words::inspector::DOWN_FOR_THE_WHOLE_RUN.get(lang), ""), ("error_rate", words::inspector::INJECTED_ERROR_RATE.get(lang), words::settings::SHARE_ZERO_TO_ONE.get(lang)), ("latency_multiplier", words::inspector::LATENCY_MULTIPLIER.get(lang), "×")];
    html! {
        <section class="inspector-section faults">
            <h3>{ words::inspector::BREAK_IT.get(lang) }</h3>
            { for rows.into_iter().map(|(key, label, unit)| {
                let editor = editor.clone();
                let component = component.clone();
                let on_commit = Callback::from(move |edit: Edit| {
                    let faults = set_fault(&component, key, edit.value.clone()).map_err(|r| r.message().get(lang).to_string())?;
                    edit.then_commit(|| editor.dispatch(Action::SetFaults { id: component.id, faults }))
                });
                html! { <SettingInput name={format!("fault-{key}")} {label} {unit} value={faults.get(key).cloned().unwrap_or(Value::Null)} {on_commit} /> }
            }) }
        </section>
    }
}
