//! What the running simulation holds inside the selected component, in the inspector:
//! an event bus's archive (with a replay button) and the events its schema flagged, a
//! topic's flagged messages, a stream's consumers (iterator age, Kafka groups, lag per
//! partition), and a state machine's executions, one of which can be opened to see
//! each state it entered, its retries and which catcher fired.
//!
//! It follows the run through [`RunTick`], so only this panel re-renders with the
//! snapshots, not the inspector around it.

use super::i18n::t;
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
        None => html! { <p class="inspector-hint">{ t("Press play to see what this component holds while the simulation runs.") }</p> },
        Some(report) => match c.kind() {
            ComponentKind::EventBus => html! { <>{ archive(player, c, &report) }{ schema(player, c, &report) }</> },
            ComponentKind::Topic => schema(player, c, &report),
            ComponentKind::Stream => stream(&report, editor.diagram()),
            _ => {
                let list = player.executions(c.id);
                let mut kept = last_seen.borrow_mut();
                *kept = match *opened {
                    Some(id) => list.iter().find(|e| e.id == id).cloned().or_else(|| kept.take().filter(|e| e.id == id)),
                    None => None,
                };
                executions(&report, &list, kept.as_ref(), opened)
            }
        },
    };
    html! {
        <section class="inspector-section live run-details" data-details={c.kind().key()}>
            <h3>{ t("In this run") }</h3>
            { body }
        </section>
    }
}

fn archive(player: &Player, c: &Component, report: &ComponentReport) -> Html {
    let Some(a) = &report.archive else {
        return html! { <p class="inspector-hint">{ t("Turn on Archive in the settings to keep every event, so the run can replay them.") }</p> };
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
                { t("Events in the archive: {n}.").replace("{n}", &a.archived.to_string()) }
                if a.dropped > 0 {
                    { " " }{ t("Not kept because the archive was full: {n}.").replace("{n}", &a.dropped.to_string()) }
                }
            </p>
            if a.replays > 0 {
                <p class="details-line" data-replayed={a.replayed.to_string()}>
                    { t("Replays started: {r} · events sent again: {n}.").replace("{n}", &a.replayed.to_string()).replace("{r}", &a.replays.to_string()) }
                </p>
            }
            <button type="button" class="button" data-action="replay" onclick={replay} disabled={a.archived == 0}>{ t("Replay archive") }</button>
            <p class="inspector-hint">{ t("Sends every archived event to the bus's rules again, as a replay in EventBridge does: a read model built from them is built again.") }</p>
        </div>
    }
}

fn schema(player: &Player, c: &Component, report: &ComponentReport) -> Html {
    let has_schema = match &c.spec {
        Spec::EventBus(s) => !s.schema.trim().is_empty(),
        Spec::Topic(s) => !s.schema.trim().is_empty(),
        _ => false,
    };
    if !has_schema {
        return Html::default();
    }
    if report.schema_violations == 0 {
        return html! { <p class="details-line" data-violations="0">{ t("Every message so far fits the schema.") }</p> };
    }
    let lang = super::i18n::current();
    let reasons = report.schema_reasons.iter().map(|v| {
        let player = player.clone();
        let message = v.message;
        let onclick = Callback::from(move |_: MouseEvent| player.select_message(Some(message)));
        html! {
            <li>
                <button type="button" class="text-button" {onclick} title={t("Follow this message in the event log")}>
                    { t("Message {id} at {t} s").replace("{id}", &message.to_string()).replace("{t}", &format!("{:.1}", v.at_s)) }
                </button>
                { ": " }{ v.reason.get(lang).to_string() }
            </li>
        }
    });
    html! {
        <div class="details-block">
            <p class="details-line alert" data-violations={report.schema_violations.to_string()}>
                { t("Messages that did not fit the schema: {n} (still delivered, flagged).").replace("{n}", &report.schema_violations.to_string()) }
            </p>
            <ul class="details-list">{ for reasons }</ul>
        </div>
    }
}

fn stream(report: &ComponentReport, diagram: &Diagram) -> Html {
    let consumers = report.stream_consumers.as_deref().unwrap_or_default();
    if consumers.is_empty() {
        return html! { <p class="inspector-hint">{ t("Nothing reads this stream yet: connect a function or a worker group to it.") }</p> };
    }
    let name = |id: ComponentId| diagram.component(id).map(|c| c.name.clone()).unwrap_or_else(|| format!("#{}", id.0));
    html! {
        <div class="details-block">
            { for consumers.iter().map(|r| consumer(r, &name)) }
        </div>
    }
}

fn consumer(r: &StreamConsumerReport, name: &dyn Fn(ComponentId) -> String) -> Html {
    let members: Vec<String> = r.members.iter().map(|&m| name(m)).collect();
    let partitions = r.partitions.iter().map(|p| {
        let owner = match p.owner {
            Some(o) => name(o),
            None => t("nobody").to_string(),
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
                    <span class="details-tag">{ t("enhanced fan-out") }</span>
                }
                if r.rebalancing {
                    <span class="details-tag alert">{ t("rebalancing") }</span>
                }
            </p>
            <p class="details-line" data-iterator-age={r.iterator_age_ms.to_string()}>
                { t("Iterator age {now} (at most {max}) · {read} records read").replace("{now}", &duration(r.iterator_age_ms))
                    .replace("{max}", &duration(r.max_iterator_age_ms)).replace("{read}", &r.read.to_string()) }
                if r.rebalances > 0 {
                    { " · " }{ t("rebalances: {n}, records read again: {m}").replace("{n}", &r.rebalances.to_string()).replace("{m}", &r.redelivered.to_string()) }
                }
            </p>
            <table class="details-table">
                <thead><tr><th>{ t("Partition") }</th><th>{ t("Read by") }</th><th class="number">{ t("Lag") }</th></tr></thead>
                <tbody>{ for partitions }</tbody>
            </table>
        </div>
    }
}

fn duration(ms: u64) -> String {
    if ms < 1_000 { format!("{ms} ms") } else { format!("{:.1} s", ms as f64 / 1000.0) }
}

fn executions(report: &ComponentReport, list: &[ExecutionView], open: Option<&ExecutionView>, opened: UseStateHandle<Option<u64>>) -> Html {
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
                    <span class={classes!("execution-status", status_key(e.status))}>{ execution_status(e.status) }</span>
                    <span class="execution-time">{ took.unwrap_or_default() }</span>
                </button>
                if open {
                    { steps(e) }
                }
            </li>
        }
    });
    html! {
        <div class="details-block">
            <p class="details-line" data-started={counts.started.to_string()}>
                { t("{s} started · {ok} succeeded · {f} failed · {r} running").replace("{s}", &counts.started.to_string())
                    .replace("{ok}", &counts.succeeded.to_string()).replace("{f}", &(counts.failed + counts.timed_out).to_string())
                    .replace("{r}", &counts.running.to_string()) }
            </p>
            <p class="details-line">
                { t("Retries: {r} · errors caught: {c}").replace("{r}", &counts.retries.to_string()).replace("{c}", &counts.caught.to_string()) }
            </p>
            if list.is_empty() {
                <p class="inspector-hint">{ t("No execution yet: something must call this state machine.") }</p>
            } else {
                <p class="inspector-hint">{ t("Open an execution to see each state it entered.") }</p>
                <ul class="execution-list">{ for rows }</ul>
            }
        </div>
    }
}

/// One execution's states, in the order entered.
fn steps(e: &ExecutionView) -> Html {
    let rows = e.steps.iter().map(|s| {
        let note = match (&s.error, &s.catcher_next) {
            (Some(error), Some(next)) => t("{error}, caught: went to {next}").replace("{error}", error).replace("{next}", next),
            (Some(error), None) => error.clone(),
            (None, _) => String::new(),
        };
        html! {
            <tr data-state={s.state.clone()} data-step-status={step_key(s.status)} data-retries={s.retries.to_string()}>
                <td>{ s.state.clone() }<span class="step-kind">{ s.kind }</span></td>
                <td>
                    <span class={classes!("step-status", step_key(s.status))}>{ step_status(s.status) }</span>
                    if s.retries > 0 {
                        <span class="details-tag">{ t("retried ×{n}").replace("{n}", &s.retries.to_string()) }</span>
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
                <p class="inspector-hint">{ t("Earlier states not shown: {n}.").replace("{n}", &e.steps_dropped.to_string()) }</p>
            }
            <table class="details-table">
                <thead><tr><th>{ t("State") }</th><th>{ t("Status") }</th></tr></thead>
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

fn execution_status(s: ExecutionStatus) -> &'static str {
    match s {
        ExecutionStatus::Running => t("Running"),
        ExecutionStatus::Succeeded => t("Succeeded"),
        ExecutionStatus::Failed => t("Failed"),
        ExecutionStatus::TimedOut => t("Timed out"),
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

fn step_status(s: StepStatus) -> &'static str {
    match s {
        StepStatus::Running => t("Running"),
        StepStatus::Succeeded => t("Succeeded"),
        StepStatus::Failed => t("Failed"),
        StepStatus::Caught => t("Caught"),
        StepStatus::Cancelled => t("Cancelled"),
    }
}
