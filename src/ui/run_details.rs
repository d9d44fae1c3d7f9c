//! What the running simulation holds inside the selected component, in the inspector:
//! an event bus's archive (with a replay button) and the events its schema flagged, a
//! topic's flagged messages, a stream's consumers (iterator age, Kafka groups, lag per
//! partition), and a state machine's executions, one of which can be opened to see
//! each state it entered, its retries and which catcher fired.
//!
//! It follows the run through [`RunTick`], so only this panel re-renders with the
//! snapshots, not the inspector around it.

use crate::lessons::ui_strings as words;
use super::i18n::{use_lang, Lang};
use super::playback::{Player, RunTick};
use crate::model::spec::Spec;
use crate::model::{Component, ComponentId, ComponentKind, Diagram};
use crate::sim::{ComponentReport, ExecutionStatus, ExecutionView, StepStatus, StreamConsumerReport};
use super::store::use_editor;
use yew::prelude::*;

/// Executions listed, newest first.
const EXECUTIONS_SHOWN: usize = 8;

#[derive(Properties, PartialEq)]
pub struct RunDetailsProps {
    pub player: Player,
    pub component: Component,
}

#[function_component(RunDetails)]
pub fn run_details(props: &RunDetailsProps) -> Html {
    let lang = use_lang();
    // Re-renders with every snapshot of the run.
    let _tick = use_context::<RunTick>();
    // The execution opened, as last seen: the engine keeps only the latest few, and one
    // being read should not vanish when newer ones push it out.
    let opened = use_state(|| None::<u64>);
    let last_seen = use_mut_ref(|| None::<ExecutionView>);
    // For the names of a stream's consumers.
    let editor = use_editor();
    let c = &props.component;
    if !matches!(c.kind(), ComponentKind::EventBus | ComponentKind::Topic | ComponentKind::Stream | ComponentKind::StateMachine) {
        return Html::default();
    }
    let player = &props.player;
    let body = match player.report(c.id) {
        None => html! { <p class="inspector-hint">{ words::run_details::PRESS_PLAY_TO_SEE_WHAT.get(lang) }</p> },
        Some(report) => match c.kind() {
            ComponentKind::EventBus => html! { <>{ archive(player, c, &report, lang) }{ schema(player, c, &report, lang) }</> },
            ComponentKind::Topic => schema(player, c, &report, lang),
            ComponentKind::Stream => stream(&report, editor.diagram(), lang),
            _ => {
                let list = player.executions(c.id);
                let mut kept = last_seen.borrow_mut();
                *kept = match *opened {
                    Some(id) => list.iter().find(|e| e.id == id).cloned().or_else(|| kept.take().filter(|e| e.id == id)),
                    None => None,
                };
                executions(&report, &list, kept.as_ref(), opened, lang)
            }
        },
    };
    html! {
        <section class="inspector-section live run-details" data-details={c.kind().key()}>
            <h3>{ words::run_details::IN_THIS_RUN.get(lang) }</h3>
            { body }
        </section>
    }
}

fn archive(player: &Player, c: &Component, report: &ComponentReport, lang: Lang) -> Html {
    let Some(a) = &report.archive else {
        return html! { <p class="inspector-hint">{ words::run_details::TURN_ON_ARCHIVE_IN_THE.get(lang) }</p> };
    };
    let replay = {
        let player = player.clone();
        let id = c.id;
        Callback::from(move |_: MouseEvent| {
            player.replay_archive(id);
        })
    };
    html! {
        <div class="details-block">
            <p class="details-line" data-archived={a.archived.to_string()}>
                { words::run_details::EVENTS_IN_THE_ARCHIVE_N.get(lang).replace("{n}", &a.archived.to_string()) }
                if a.dropped > 0 {
                    { " " }{ words::run_details::NOT_KEPT_BECAUSE_THE_ARCHIVE.get(lang).replace("{n}", &a.dropped.to_string()) }
                }
            </p>
            if a.replays > 0 {
                <p class="details-line" data-replayed={a.replayed.to_string()}>
                    { words::run_details::REPLAYS_STARTED_R_EVENTS_SENT.get(lang).replace("{n}", &a.replayed.to_string()).replace("{r}", &a.replays.to_string()) }
                </p>
            }
            <button type="button" class="button" data-action="replay" onclick={replay} disabled={a.archived == 0}>{ words::run_details::REPLAY_ARCHIVE.get(lang) }</button>
            <p class="inspector-hint">{ words::run_details::SENDS_EVERY_ARCHIVED_EVENT_TO.get(lang) }</p>
        </div>
    }
}

fn schema(player: &Player, c: &Component, report: &ComponentReport, lang: Lang) -> Html {
    let has_schema = match &c.spec {
        Spec::EventBus(s) => !s.schema.trim().is_empty(),
        Spec::Topic(s) => !s.schema.trim().is_empty(),
        _ => false,
    };
    if !has_schema {
        return Html::default();
    }
    if report.schema_violations == 0 {
        return html! { <p class="details-line" data-violations="0">{ words::run_details::EVERY_MESSAGE_SO_FAR_FITS.get(lang) }</p> };
    }
    let reasons = report.schema_reasons.iter().map(|v| {
        let player = player.clone();
        let message = v.message;
        let onclick = Callback::from(move |_: MouseEvent| player.select_message(Some(message)));
        html! {
            <li>
                <button type="button" class="text-button" {onclick} title={words::run_details::FOLLOW_THIS_MESSAGE_IN_THE.get(lang)}>
                    { words::run_details::MESSAGE_ID_AT_T_S.get(lang).replace("{id}", &message.to_string()).replace("{t}", &format!("{:.1}", v.at_s)) }
                </button>
                { ": " }{ v.reason.get(lang).to_string() }
            </li>
        }
    });
    html! {
        <div class="details-block">
            <p class="details-line alert" data-violations={report.schema_violations.to_string()}>
                { words::run_details::MESSAGES_THAT_DID_NOT_FIT.get(lang).replace("{n}", &report.schema_violations.to_string()) }
            </p>
            <ul class="details-list">{ for reasons }</ul>
        </div>
    }
}

fn stream(report: &ComponentReport, diagram: &Diagram, lang: Lang) -> Html {
    let consumers = report.stream_consumers.as_deref().unwrap_or_default();
    if consumers.is_empty() {
        return html! { <p class="inspector-hint">{ words::run_details::NOTHING_READS_THIS_STREAM_YET.get(lang) }</p> };
    }
    let name = |id: ComponentId| diagram.component(id).map(|c| c.name.clone()).unwrap_or_else(|| format!("#{}", id.0));
    html! {
        <div class="details-block">
            { for consumers.iter().map(|r| consumer(r, &name, lang)) }
        </div>
    }
}

fn consumer(r: &StreamConsumerReport, name: &dyn Fn(ComponentId) -> String, lang: Lang) -> Html {
    let members: Vec<String> = r.members.iter().map(|&m| name(m)).collect();
    let partitions = r.partitions.iter().map(|p| {
        let owner = match p.owner {
            Some(o) => name(o),
            None => words::run_details::NOBODY.get(lang).to_string(),
        };
        html! {
            <tr>
                <td>{ p.partition }</td>
                <td>{ owner }</td>
                <td class="number">{ p.lag }</td>
            </tr>
        }
    });
    html! {
        <div class="stream-consumer" data-consumer={r.name.clone()}>
            <p class="details-line">
                <strong>{ r.name.clone() }</strong>
                if members.len() > 1 || members.first() != Some(&r.name) {
                    { " — " }{ members.join(", ") }
                }
                if r.enhanced_fan_out {
                    <span class="details-tag">{ words::run_details::ENHANCED_FAN_OUT.get(lang) }</span>
                }
                if r.rebalancing {
                    <span class="details-tag alert">{ words::run_details::REBALANCING.get(lang) }</span>
                }
            </p>
            <p class="details-line" data-iterator-age={r.iterator_age_ms.to_string()}>
                { words::run_details::ITERATOR_AGE_NOW_AT_MOST.get(lang).replace("{now}", &duration(r.iterator_age_ms))
                    .replace("{max}", &duration(r.max_iterator_age_ms)).replace("{read}", &r.read.to_string()) }
                if r.rebalances > 0 {
                    { " · " }{ words::run_details::REBALANCES_N_RECORDS_READ_AGAIN.get(lang).replace("{n}", &r.rebalances.to_string()).replace("{m}", &r.redelivered.to_string()) }
                }
            </p>
            <table class="details-table">
                <thead><tr><th>{ words::run_details::PARTITION.get(lang) }</th><th>{ words::run_details::READ_BY.get(lang) }</th><th class="number">{ words::run_details::LAG.get(lang) }</th></tr></thead>
                <tbody>{ for partitions }</tbody>
            </table>
        </div>
    }
}

fn duration(ms: u64) -> String {
    if ms < 1_000 { format!("{ms} ms") } else { format!("{:.1} s", ms as f64 / 1000.0) }
}

fn executions(report: &ComponentReport, list: &[ExecutionView], open: Option<&ExecutionView>, opened: UseStateHandle<Option<u64>>, lang: Lang) -> Html {
    let counts = report.executions.unwrap_or_default();
    // The newest few, and the one opened even once newer ones push it down the list.
    let mut shown: Vec<&ExecutionView> = list.iter().rev().take(EXECUTIONS_SHOWN).collect();
    if let Some(open) = open.filter(|e| !shown.iter().any(|s| s.id == e.id)) {
        shown.insert(0, open);
    }
    let rows = shown.into_iter().map(|e| {
        let id = e.id;
        let open = *opened == Some(id);
        let onclick = {
            let opened = opened.clone();
            Callback::from(move |_: MouseEvent| opened.set(if open { None } else { Some(id) }))
        };
        let took = e.ended_us.map(|end| duration((end.saturating_sub(e.started_us)) / 1000));
        html! {
            <li class={classes!("execution", open.then_some("open"))} data-execution={id.to_string()} data-status={status_key(e.status)}>
                <button type="button" class="execution-head" aria-expanded={open.to_string()} {onclick}>
                    <span class="execution-id">{ format!("#{id}") }</span>
                    <span class={classes!("execution-status", status_key(e.status))}>{ execution_status(e.status, lang) }</span>
                    <span class="execution-time">{ took.unwrap_or_default() }</span>
                </button>
                if open {
                    { steps(e, lang) }
                }
            </li>
        }
    });
    html! {
        <div class="details-block">
            <p class="details-line" data-started={counts.started.to_string()}>
                { words::run_details::S_STARTED_OK_SUCCEEDED_F.get(lang).replace("{s}", &counts.started.to_string())
                    .replace("{ok}", &counts.succeeded.to_string()).replace("{f}", &(counts.failed + counts.timed_out).to_string())
                    .replace("{r}", &counts.running.to_string()) }
            </p>
            <p class="details-line">
                { words::run_details::RETRIES_R_ERRORS_CAUGHT_C.get(lang).replace("{r}", &counts.retries.to_string()).replace("{c}", &counts.caught.to_string()) }
            </p>
            if list.is_empty() {
                <p class="inspector-hint">{ words::run_details::NO_EXECUTION_YET_SOMETHING_MUST.get(lang) }</p>
            } else {
                <p class="inspector-hint">{ words::run_details::OPEN_AN_EXECUTION_TO_SEE.get(lang) }</p>
                <ul class="execution-list">{ for rows }</ul>
            }
        </div>
    }
}

/// One execution's states, in the order entered.
fn steps(e: &ExecutionView, lang: Lang) -> Html {
    let rows = e.steps.iter().map(|s| {
        let note = match (&s.error, &s.catcher_next) {
            (Some(error), Some(next)) => words::run_details::ERROR_CAUGHT_WENT_TO_NEXT.get(lang).replace("{error}", error).replace("{next}", next),
            (Some(error), None) => error.clone(),
            (None, _) => String::new(),
        };
        html! {
            <tr data-state={s.state.clone()} data-step-status={step_key(s.status)} data-retries={s.retries.to_string()}>
                <td>{ s.state.clone() }<span class="step-kind">{ s.kind }</span></td>
                <td>
                    <span class={classes!("step-status", step_key(s.status))}>{ step_status(s.status, lang) }</span>
                    if s.retries > 0 {
                        <span class="details-tag">{ words::run_details::RETRIED_N.get(lang).replace("{n}", &s.retries.to_string()) }</span>
                    }
                    if !note.is_empty() {
                        <div class="step-note">{ note }</div>
                    }
                </td>
            </tr>
        }
    });
    html! {
        <div class="execution-steps">
            if e.steps_dropped > 0 {
                <p class="inspector-hint">{ words::run_details::EARLIER_STATES_NOT_SHOWN_N.get(lang).replace("{n}", &e.steps_dropped.to_string()) }</p>
            }
            <table class="details-table">
                <thead><tr><th>{ words::run_details::STATE.get(lang) }</th><th>{ words::run_details::STATUS.get(lang) }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if let Some(error) = &e.error {
                <p class="details-line alert">
                    { match &e.cause {
                        Some(cause) => format!("{error}: {cause}"),
                        None => error.clone(),
                    } }
                </p>
            }
        </div>
    }
}

fn status_key(s: ExecutionStatus) -> &'static str {
    match s {
        ExecutionStatus::Running => "running",
        ExecutionStatus::Succeeded => "succeeded",
        ExecutionStatus::Failed => "failed",
        ExecutionStatus::TimedOut => "timed-out",
    }
}

fn execution_status(s: ExecutionStatus, lang: Lang) -> &'static str {
    match s {
        ExecutionStatus::Running => words::run_details::RUNNING.get(lang),
        ExecutionStatus::Succeeded => words::run_details::SUCCEEDED.get(lang),
        ExecutionStatus::Failed => words::run_panel::FAILED.get(lang),
        ExecutionStatus::TimedOut => words::run_details::TIMED_OUT.get(lang),
    }
}

fn step_key(s: StepStatus) -> &'static str {
    match s {
        StepStatus::Running => "running",
        StepStatus::Succeeded => "succeeded",
        StepStatus::Failed => "failed",
        StepStatus::Caught => "caught",
        StepStatus::Cancelled => "cancelled",
    }
}

fn step_status(s: StepStatus, lang: Lang) -> &'static str {
    match s {
        StepStatus::Running => words::run_details::RUNNING.get(lang),
        StepStatus::Succeeded => words::run_details::SUCCEEDED.get(lang),
        StepStatus::Failed => words::run_panel::FAILED.get(lang),
        StepStatus::Caught => words::run_details::CAUGHT.get(lang),
        StepStatus::Cancelled => words::run_details::CANCELLED.get(lang),
    }
}
