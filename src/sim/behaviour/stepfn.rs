//! Step Functions: a message reaching a state machine starts an execution of its
//! Amazon States Language definition.
//!
//! An execution holds its input message until it ends (succeeded: consumed; failed or
//! timed out: failed). It runs as one or more threads (the top level, each Parallel
//! branch, each Map iteration), each at one state of its branch. A Task calls the
//! component connected by the Task connection whose `task_state` names the state, with
//! a copy of the input message, and waits for its answer (queues, topics and buses
//! answer as soon as they take the message: send and continue). Retry and Catch follow
//! the States Language: the first retrier whose `ErrorEquals` matches, with its
//! interval, backoff rate, maximum delay and jitter; then the first matching catcher.
//!
//! Each state type has one function (`pass_state`, `task_state`, `choice_state`,
//! `wait_state`, `succeed_state`, `fail_state`, `parallel_state`, `map_state`, and
//! what happens when a Task answers, a Wait ends or branches end), so a state's
//! behaviour is read in one place. What data a state sees and passes on (paths,
//! payload templates, ResultPath) is [`crate::routing::asl::dataflow`]; a failure
//! there fails the state with `States.Runtime`. A Task on a function gets the
//! function's result (its input passed through, or its result template), other
//! Tasks `{}`. Express executions stop at 5 minutes with States.Timeout.

use crate::model::spec::{Spec, WorkflowType};
use crate::model::{ComponentKind, ConnectionKind};
use crate::routing::asl::dataflow::{self, DataFlowError, RUNTIME_ERROR};
use crate::routing::asl::{
    choice_matches, resolve_reference_path, Branch, ChoiceBranch, Dynamic, FailState, Io, Jitter, MapState, PathField, Retrier, State as AslState, StateKind,
    StateMachineDefinition, TaskState, Transition, WaitFor,
};
use crate::sim::engine::{Caller, Reply, Simulation, State};
use crate::sim::event::Event;
use crate::sim::metrics::Fate;
use crate::sim::slab::Key;
use crate::sim::time::{Micros, MICROS_PER_S};

/// The longest an Express execution runs.
const EXPRESS_MAX: Micros = 300 * MICROS_PER_S;

/// Whole seconds to microseconds, capped at a year.
fn secs(s: u64) -> Micros {
    s.min(MAX_TIMER / MICROS_PER_S) * MICROS_PER_S
}
use crate::sim::trace::HopOutcome;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

/// Executions kept per state machine after they end (the page shows the latest).
const RECENT: usize = 24;
/// Steps kept per execution (the oldest drop off).
const STEPS_KEPT: usize = 64;
/// State transitions an execution may make (Step Functions caps history at 25,000 events).
const MAX_TRANSITIONS: u32 = 25_000;
/// How long a Task waits for a target that is neither a function nor a state machine,
/// when the state sets no `TimeoutSeconds`.
const DEFAULT_TASK_TIMEOUT: Micros = 60 * MICROS_PER_S;
/// Longest timer the engine schedules (a year).
const MAX_TIMER: Micros = 365 * 86_400 * MICROS_PER_S;

/// Executions of one state machine so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExecutionCounts {
    pub started: u64,
    pub succeeded: u64,
    pub failed: u64,
    pub timed_out: u64,
    pub running: u64,
    /// Task retries (Retry) and errors caught (Catch) over all executions.
    pub retries: u64,
    pub caught: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExecutionStatus {
    Running,
    Succeeded,
    Failed,
    TimedOut,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Running,
    Succeeded,
    Failed,
    /// Failed, and a Catch led elsewhere.
    Caught,
    /// Left unfinished (another branch failed, or the execution ended).
    Cancelled,
}

/// One state an execution entered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepView {
    pub state: String,
    /// The state's `Type`.
    pub kind: &'static str,
    pub entered_us: Micros,
    pub left_us: Option<Micros>,
    pub status: StepStatus,
    /// Retries of this state (Retry).
    pub retries: u32,
    /// The error that ended it, if any.
    pub error: Option<String>,
    /// When a catcher fired: the state it led to.
    pub catcher_next: Option<String>,
    #[serde(skip)]
    no: u64,
}

/// One execution: what the page shows ("which state, retries, which catcher fired").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExecutionView {
    /// 1, 2, ... per state machine.
    pub id: u64,
    /// The message that started it.
    pub message: u64,
    pub status: ExecutionStatus,
    pub started_us: Micros,
    pub ended_us: Option<Micros>,
    /// Visited states in order (the latest 64).
    pub steps: Vec<StepView>,
    pub steps_dropped: u32,
    pub retries: u32,
    pub error: Option<String>,
    pub cause: Option<String>,
}

impl ExecutionView {
    /// The names of the states visited, in order (kept ones).
    pub fn state_names(&self) -> Vec<&str> {
        self.steps.iter().map(|s| s.state.as_str()).collect()
    }

    /// The catchers that fired: (state that failed, state the catcher led to).
    pub fn catchers(&self) -> Vec<(&str, &str)> {
        self.steps.iter().filter_map(|s| s.catcher_next.as_deref().map(|n| (s.state.as_str(), n))).collect()
    }
}

pub(crate) struct MachineState {
    definition: Result<Rc<Branch>, String>,
    timeout: Option<Micros>,
    workflow: WorkflowType,
    /// Task state name -> Task connection.
    tasks: HashMap<String, u32>,
    /// Parallel branches and Map processors by state name (unique across a machine).
    nested: HashMap<String, Vec<Rc<Branch>>>,
    pub counts: ExecutionCounts,
    recent: VecDeque<ExecutionView>,
    next_id: u64,
}

impl MachineState {
    pub fn new(spec: &Spec) -> MachineState {
        let (text, workflow) = match spec {
            Spec::StateMachine(s) => (s.definition.as_str(), s.workflow),
            _ => ("", WorkflowType::Standard),
        };
        let mut nested = HashMap::new();
        let (definition, timeout) = match StateMachineDefinition::parse(text) {
            Ok(def) => {
                collect_nested(&def.root, &mut nested, 0);
                let timeout = def.timeout_seconds.map(secs);
                // An Express workflow runs for at most five minutes (AWS, "Choosing
                // workflow type": Express "maximum duration 5 minutes").
                let timeout = match workflow {
                    WorkflowType::Express => Some(timeout.map_or(EXPRESS_MAX, |t| t.min(EXPRESS_MAX))),
                    WorkflowType::Standard => timeout,
                };
                (Ok(Rc::new(def.root)), timeout)
            }
            // The execution fails with States.Runtime and this cause, in English as AWS words it.
            Err(errors) => (Err(errors.into_iter().next().map_or_else(|| "invalid definition".into(), |e| e.en)), None),
        };
        MachineState {
            definition,
            timeout,
            workflow,
            tasks: HashMap::new(),
            nested,
            counts: ExecutionCounts::default(),
            recent: VecDeque::new(),
            next_id: 1,
        }
    }
}

fn collect_nested(branch: &Branch, out: &mut HashMap<String, Vec<Rc<Branch>>>, depth: u32) {
    if depth > 64 {
        return;
    }
    for s in &branch.states {
        let children: Vec<&Branch> = match &s.kind {
            StateKind::Parallel { branches, .. } => branches.iter().collect(),
            StateKind::Map(m) => vec![&m.processor],
            _ => continue,
        };
        for c in &children {
            collect_nested(c, out, depth + 1);
        }
        out.insert(s.name.clone(), children.into_iter().map(|b| Rc::new(b.clone())).collect());
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hold {
    Running,
    /// A Task call is out (to node).
    Call(u32),
    /// A timer: start of a branch, end of a Wait state, or a retry.
    Start,
    WaitState,
    Retry,
    Children,
}

pub(crate) struct Thread {
    exec: Key,
    parent: Key,
    slot: u32,
    branch: Rc<Branch>,
    at: u32,
    /// The raw input of the current state.
    input: Value,
    /// Retries used per retrier of the current state.
    tries: Vec<u32>,
    wait: Hold,
    children: Vec<Key>,
    results: Vec<Value>,
    pending: u32,
    /// Map: all items, the next to start, and how many may run at once.
    items: Vec<Value>,
    next_item: u32,
    max_concurrency: u32,
    /// The number of the step entry for the current state.
    step: u64,
}

pub(crate) struct Execution {
    node: u32,
    pub msg: Key,
    frame: Key,
    root: Key,
    transitions: u32,
    next_step: u64,
    view: ExecutionView,
}

/// Does `error` match an `ErrorEquals` list?
fn error_matches(list: &[String], error: &str) -> bool {
    list.iter().any(|e| {
        e == error
            || (e == "States.ALL" && error != "States.Runtime")
            || (e == "States.TaskFailed" && !matches!(error, "States.Timeout" | "States.Runtime"))
    })
}

fn retrier_delay(r: &Retrier, attempt: u32, draw: f64) -> Micros {
    let mut delay = r.interval_seconds as f64;
    let rate = if r.backoff_rate.is_finite() && r.backoff_rate >= 1.0 { r.backoff_rate } else { 1.0 };
    for _ in 0..attempt.min(64) {
        delay *= rate;
    }
    if let Some(max) = r.max_delay_seconds {
        delay = delay.min(max as f64);
    }
    if r.jitter == Jitter::Full {
        delay *= draw;
    }
    let max = (MAX_TIMER / MICROS_PER_S) as f64;
    (delay.clamp(0.0, max) * 1e6) as Micros
}

impl Simulation {
    fn machine(&mut self, n: u32) -> Option<&mut MachineState> {
        match &mut self.nodes.get_mut(n as usize)?.state {
            State::Machine(m) => Some(m),
            _ => None,
        }
    }

    /// Task connections by the state they serve (built once the links exist).
    pub(crate) fn init_machine(&mut self, n: u32) {
        let tasks: HashMap<String, u32> = self.nodes[n as usize]
            .out
            .iter()
            .map(|&l| (l, &self.links[l as usize]))
            .filter(|(_, l)| l.kind == ConnectionKind::Task && !l.settings.task_state.is_empty())
            .map(|(ix, l)| (l.settings.task_state.clone(), ix))
            .collect();
        if let Some(m) = self.machine(n) {
            m.tasks = tasks;
        }
    }

    /// Counts and recent executions of a state machine.
    pub fn executions(&self, id: crate::model::ComponentId) -> Vec<ExecutionView> {
        let Some(&n) = self.index.get(&id) else { return Vec::new() };
        let State::Machine(m) = &self.nodes[n as usize].state else { return Vec::new() };
        let mut out: Vec<ExecutionView> = m.recent.iter().cloned().collect();
        let mut running: Vec<ExecutionView> = self.execs.iter().filter(|(_, e)| e.node == n).map(|(_, e)| e.view.clone()).collect();
        running.sort_by_key(|v| v.id);
        let keep = running.len().saturating_sub(RECENT);
        out.extend(running.into_iter().skip(keep));
        out.sort_by_key(|v| v.id);
        out
    }

    pub(crate) fn execution_counts(&self, n: u32) -> Option<ExecutionCounts> {
        match &self.nodes.get(n as usize)?.state {
            State::Machine(m) => Some(m.counts),
            _ => None,
        }
    }

    /// A message arrives at a state machine: an execution starts. A Standard workflow
    /// answers StartExecution at once; an Express one (StartSyncExecution) and a
    /// parent's Task wait for the end.
    pub(crate) fn start_execution(&mut self, n: u32, kind: ConnectionKind, msg: Key, frame: Key) -> HopOutcome {
        let now = self.now;
        let message = self.message_id(msg);
        let Some(m) = self.machine(n) else {
            self.finish(msg, Fate::Consumed);
            self.reply(frame, Reply::Ok);
            return HopOutcome::Delivered;
        };
        // StartSyncExecution (an Express workflow called synchronously) and a parent's
        // Task wait for the end; StartExecution answers at once.
        let waits = kind == ConnectionKind::Task || (m.workflow == WorkflowType::Express && kind.is_synchronous());
        let id = m.next_id;
        m.next_id += 1;
        m.counts.started += 1;
        m.counts.running += 1;
        let root = m.definition.clone();
        let timeout = m.timeout;
        let view = ExecutionView {
            id,
            message,
            status: ExecutionStatus::Running,
            started_us: now,
            ended_us: None,
            steps: Vec::new(),
            steps_dropped: 0,
            retries: 0,
            error: None,
            cause: None,
        };
        let exec = self.execs.insert(Execution { node: n, msg, frame: if waits { frame } else { Key::NONE }, root: Key::NONE, transitions: 0, next_step: 0, view });
        if !waits {
            self.reply(frame, Reply::Ok);
        }
        let branch = match root {
            Ok(b) => b,
            Err(why) => {
                self.exec_end(exec, ExecutionStatus::Failed, Some("States.Runtime".into()), Some(why));
                return HopOutcome::Delivered;
            }
        };
        let input = self.execution_input(msg);
        let t = self.spawn_thread(exec, Key::NONE, 0, branch, input);
        if let Some(e) = self.execs.get_mut(exec) {
            e.root = t;
        }
        if let Some(timeout) = timeout {
            self.events.push(now.saturating_add(timeout), Event::ExecTimeout { exec });
        }
        self.exec_begin(t);
        HopOutcome::Delivered
    }

    fn execution_input(&self, msg: Key) -> Value {
        let text = self.payload_of(msg);
        serde_json::from_str::<Value>(&text).unwrap_or_else(|_| Value::Object(Map::new()))
    }

    fn spawn_thread(&mut self, exec: Key, parent: Key, slot: u32, branch: Rc<Branch>, input: Value) -> Key {
        let at = branch.states.iter().position(|s| s.name == branch.start_at).unwrap_or(0) as u32;
        self.threads.insert(Thread {
            exec,
            parent,
            slot,
            branch,
            at,
            input,
            tries: Vec::new(),
            wait: Hold::Start,
            children: Vec::new(),
            results: Vec::new(),
            pending: 0,
            items: Vec::new(),
            next_item: 0,
            max_concurrency: u32::MAX,
            step: u64::MAX,
        })
    }

    /// A thread enters its first state and runs.
    fn exec_begin(&mut self, t: Key) {
        if let Some(th) = self.threads.get_mut(t) {
            th.wait = Hold::Running;
        }
        self.exec_enter(t);
        self.exec_run(t);
    }

    /// Records entering the thread's current state.
    fn exec_enter(&mut self, t: Key) {
        let now = self.now;
        let Some(th) = self.threads.get(t) else { return };
        let Some(state) = th.branch.states.get(th.at as usize) else { return };
        let (name, kind) = (state.name.clone(), state.kind.type_name());
        let exec = th.exec;
        let Some(e) = self.execs.get_mut(exec) else { return };
        let no = e.next_step;
        e.next_step += 1;
        if e.view.steps.len() >= STEPS_KEPT {
            e.view.steps.remove(0);
            e.view.steps_dropped += 1;
        }
        e.view.steps.push(StepView {
            state: name,
            kind,
            entered_us: now,
            left_us: None,
            status: StepStatus::Running,
            retries: 0,
            error: None,
            catcher_next: None,
            no,
        });
        if let Some(th) = self.threads.get_mut(t) {
            th.step = no;
            th.tries.clear();
        }
    }

    fn exec_step<F: FnOnce(&mut StepView)>(&mut self, t: Key, f: F) {
        let Some(th) = self.threads.get(t) else { return };
        let (exec, no) = (th.exec, th.step);
        let Some(e) = self.execs.get_mut(exec) else { return };
        if let Some(s) = e.view.steps.iter_mut().rev().find(|s| s.no == no) {
            f(s);
        }
    }

    fn exec_leave(&mut self, t: Key, status: StepStatus, error: Option<&str>) {
        let now = self.now;
        self.exec_step(t, |s| {
            if s.status == StepStatus::Running {
                s.status = status;
                s.left_us = Some(now);
                s.error = error.map(str::to_string);
            }
        });
    }

    /// Runs a thread until it waits (a call, a timer, its branches) or ends: each
    /// state's behaviour is its own function below, by `Type`.
    fn exec_run(&mut self, t: Key) {
        loop {
            let Some(th) = self.threads.get(t) else { return };
            let exec = th.exec;
            let branch = th.branch.clone();
            let Some(state) = branch.states.get(th.at as usize) else {
                self.exec_thread_failed(t, "States.Runtime", "the branch has no such state");
                return;
            };
            let input = th.input.clone();
            let Some(e) = self.execs.get_mut(exec) else { return };
            e.transitions += 1;
            if e.transitions > MAX_TRANSITIONS {
                self.exec_leave(t, StepStatus::Failed, Some("States.Runtime"));
                self.exec_end(exec, ExecutionStatus::Failed, Some("States.Runtime".into()), Some(format!("more than {MAX_TRANSITIONS} state transitions")));
                return;
            }
            let go_on = match &state.kind {
                StateKind::Pass { result } => self.pass_state(t, state, &input, result.as_ref()),
                StateKind::Task(task) => self.task_state(t, state, &input, task),
                StateKind::Choice { choices, default } => self.choice_state(t, state, &input, choices, default.as_deref()),
                StateKind::Wait(wait) => self.wait_state(t, state, &input, wait),
                StateKind::Succeed => self.succeed_state(t, state, &input),
                StateKind::Fail(fail) => self.fail_state(t, &input, fail),
                StateKind::Parallel { .. } => self.parallel_state(t, state, &input),
                StateKind::Map(map) => self.map_state(t, state, &input, map),
            };
            if !go_on {
                return;
            }
        }
    }

    /// Goes on with a state's output, or fails the state with `States.Runtime` when its
    /// data flow failed. True when the thread keeps running.
    fn exec_flow(&mut self, t: Key, output: Result<Value, DataFlowError>) -> bool {
        match output {
            Ok(output) => self.exec_advance(t, output),
            Err(e) => self.exec_state_error(t, RUNTIME_ERROR, &e.cause),
        }
    }

    /// The context object (`$$`) for the thread's current state, built only when the
    /// state's templates (or a Map's `ItemSelector`, `force`) read it.
    fn context_object(&self, t: Key, io: &Io, force: bool) -> Value {
        if !force && !dataflow::uses_context(io) {
            return Value::Null;
        }
        let Some(th) = self.threads.get(t) else { return Value::Null };
        let Some(e) = self.execs.get(th.exec) else { return Value::Null };
        let machine = &self.nodes[e.node as usize].name;
        let state = th.branch.states.get(th.at as usize).map_or("", |s| s.name.as_str());
        let id = e.view.id;
        let arn = format!("arn:aws:states:us-east-1:123456789012:stateMachine:{machine}");
        serde_json::json!({
            "Execution": {"Id": format!("arn:aws:states:us-east-1:123456789012:execution:{machine}:{id}"), "Name": id.to_string(), "Input": self.execution_input(e.msg)},
            "StateMachine": {"Id": arn, "Name": machine},
            "State": {"Name": state, "RetryCount": th.tries.iter().sum::<u32>()},
        })
    }

    /// Pass: its `Result`, or its effective input, goes through ResultPath and OutputPath.
    fn pass_state(&mut self, t: Key, state: &AslState, input: &Value, result: Option<&Value>) -> bool {
        let context = self.context_object(t, &state.io, false);
        let out = dataflow::effective_input(&state.io, input, &context)
            .and_then(|effective| dataflow::state_output(&state.io, input, result.cloned().unwrap_or(effective), &context));
        self.exec_flow(t, out)
    }

    /// Task: calls the component the state's Task connection leads to with a copy of
    /// the execution's message and waits for [`Self::task_answered`]. With no such
    /// connection there is nothing to call: it succeeds with `{}`.
    fn task_state(&mut self, t: Key, state: &AslState, input: &Value, task: &TaskState) -> bool {
        let exec = self.threads.get(t).map_or(Key::NONE, |th| th.exec);
        let context = self.context_object(t, &state.io, false);
        // Parameters are applied before the call: a path that matches nothing fails
        // the state without calling anything.
        if let Err(e) = dataflow::effective_input(&state.io, input, &context) {
            return self.exec_state_error(t, RUNTIME_ERROR, &e.cause);
        }
        let node = self.execs.get(exec).map_or(u32::MAX, |e| e.node);
        let Some(link) = self.machine(node).and_then(|m| m.tasks.get(&state.name).copied()) else {
            let out = dataflow::state_output(&state.io, input, Value::Object(Map::new()), &context);
            return self.exec_flow(t, out);
        };
        let to = self.links[link as usize].to;
        let timeout = match (&task.timeout_seconds, &self.nodes[to as usize].spec) {
            (Some(Dynamic::Fixed(s)), _) => secs(*s),
            (_, Spec::Function(f)) => secs(u64::from(f.timeout_s) + 1),
            (_, Spec::StateMachine(_)) => 86_400 * MICROS_PER_S,
            _ => DEFAULT_TASK_TIMEOUT,
        };
        let msg = self.execs.get(exec).map_or(Key::NONE, |e| e.msg);
        match self.copy_message(msg) {
            Some(request) => {
                if let Some(th) = self.threads.get_mut(t) {
                    th.wait = Hold::Call(to);
                }
                self.call(link, request, Caller::Execution { thread: t }, timeout);
                false
            }
            None => self.exec_state_error(t, "States.TaskFailed", "too many messages alive"),
        }
    }

    /// Task, on its target's answer: the result goes through ResultSelector, ResultPath
    /// and OutputPath; a failure is retried, caught, or fails the thread.
    fn task_answered(&mut self, t: Key, to: u32, reply: Reply) -> bool {
        if reply.is_ok() {
            let Some(th) = self.threads.get(t) else { return false };
            let branch = th.branch.clone();
            let input = th.input.clone();
            let Some(state) = branch.states.get(th.at as usize) else { return false };
            let context = self.context_object(t, &state.io, false);
            let out = match dataflow::effective_input(&state.io, &input, &context) {
                Ok(task_input) => {
                    let result = self.task_result(to, &task_input);
                    dataflow::state_output(&state.io, &input, result, &context)
                }
                Err(e) => Err(e),
            };
            return self.exec_flow(t, out);
        }
        let function = self.nodes.get(to as usize).is_some_and(|n| n.kind == ComponentKind::Function);
        let (error, cause) = match reply {
            Reply::Timeout => ("States.Timeout", "the task did not answer in time"),
            Reply::Throttled if function => ("Lambda.TooManyRequestsException", "the function is at its concurrency limit"),
            Reply::Throttled => ("States.TaskFailed", "the target throttled the request"),
            _ => ("States.TaskFailed", "the task failed"),
        };
        self.exec_state_error(t, error, cause)
    }

    /// Choice: the first rule that matches the effective input (InputPath) leads on,
    /// else `Default`, else `States.NoChoiceMatched`; a rule whose path matches nothing
    /// is `States.Runtime`. The output is the effective input through OutputPath.
    fn choice_state(&mut self, t: Key, state: &AslState, input: &Value, choices: &[ChoiceBranch], default: Option<&str>) -> bool {
        let effective = match dataflow::select("InputPath", &state.io.input_path, input) {
            Ok(v) => v,
            Err(e) => return self.exec_state_error(t, RUNTIME_ERROR, &e.cause),
        };
        let mut next = None;
        for c in choices {
            match choice_matches(&c.rule, &effective) {
                Ok(true) => {
                    next = Some(c.next.as_str());
                    break;
                }
                Ok(false) => {}
                Err(e) => return self.exec_state_error(t, RUNTIME_ERROR, &e),
            }
        }
        let Some(name) = next.or(default) else {
            return self.exec_state_error(t, "States.NoChoiceMatched", "no choice rule matched and there is no Default");
        };
        match dataflow::select("OutputPath", &state.io.output_path, &effective) {
            Ok(out) => self.exec_goto(t, name, out),
            Err(e) => self.exec_state_error(t, RUNTIME_ERROR, &e.cause),
        }
    }

    /// Wait: a timer for `Seconds` or `SecondsPath` (read from the effective input;
    /// no wall clock here, so a `Timestamp` waits 0 s), then [`Self::wait_over`].
    fn wait_state(&mut self, t: Key, state: &AslState, input: &Value, wait: &WaitFor) -> bool {
        let seconds = match wait {
            WaitFor::Seconds(Dynamic::Fixed(s)) => Ok(*s),
            WaitFor::Seconds(Dynamic::Path(p)) => dataflow::select("InputPath", &state.io.input_path, input).and_then(|effective| {
                dataflow::select("SecondsPath", &PathField::Path(p.clone()), &effective)?.as_u64().ok_or_else(|| DataFlowError {
                    cause: format!("The SecondsPath '{p}' does not select a whole number of seconds"),
                })
            }),
            _ => Ok(0),
        };
        let seconds = match seconds {
            Ok(s) => s,
            Err(e) => return self.exec_state_error(t, RUNTIME_ERROR, &e.cause),
        };
        if let Some(th) = self.threads.get_mut(t) {
            th.wait = Hold::WaitState;
        }
        self.events.push(self.now.saturating_add(secs(seconds)), Event::ExecResume { thread: t });
        false
    }

    /// Wait, when its timer fires: its input goes on through InputPath and OutputPath.
    fn wait_over(&mut self, t: Key) -> bool {
        let Some(th) = self.threads.get_mut(t) else { return false };
        th.wait = Hold::Running;
        let branch = th.branch.clone();
        let input = th.input.clone();
        let Some(state) = branch.states.get(th.at as usize) else { return false };
        let out = dataflow::passed_through(&state.io, &input);
        self.exec_flow(t, out)
    }

    /// Succeed: the thread ends well with its input through InputPath and OutputPath.
    fn succeed_state(&mut self, t: Key, state: &AslState, input: &Value) -> bool {
        match dataflow::passed_through(&state.io, input) {
            Ok(out) => {
                self.exec_leave(t, StepStatus::Succeeded, None);
                self.exec_thread_ok(t, out);
                false
            }
            Err(e) => self.exec_state_error(t, RUNTIME_ERROR, &e.cause),
        }
    }

    /// Fail: the thread fails with the state's `Error` and `Cause` (or their paths').
    fn fail_state(&mut self, t: Key, input: &Value, fail: &FailState) -> bool {
        let text = |d: &Option<Dynamic<String>>, fallback: &str| match d {
            Some(Dynamic::Fixed(s)) => s.clone(),
            Some(Dynamic::Path(p)) => resolve_reference_path(p, input)
                .ok()
                .flatten()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| fallback.to_string()),
            _ => fallback.to_string(),
        };
        let (error, cause) = (text(&fail.error, "States.Fail"), text(&fail.cause, ""));
        self.exec_leave(t, StepStatus::Failed, Some(&error));
        self.exec_thread_failed(t, &error, &cause);
        false
    }

    /// Parallel: every branch starts with the effective input (InputPath, Parameters);
    /// [`Self::children_done`] goes on when all have ended.
    fn parallel_state(&mut self, t: Key, state: &AslState, input: &Value) -> bool {
        let context = self.context_object(t, &state.io, false);
        let effective = match dataflow::effective_input(&state.io, input, &context) {
            Ok(v) => v,
            Err(e) => return self.exec_state_error(t, RUNTIME_ERROR, &e.cause),
        };
        let exec = self.threads.get(t).map_or(Key::NONE, |th| th.exec);
        let node = self.execs.get(exec).map_or(u32::MAX, |e| e.node);
        let branches = self.machine(node).and_then(|m| m.nested.get(&state.name).cloned()).unwrap_or_default();
        if branches.is_empty() {
            let out = dataflow::state_output(&state.io, input, Value::Array(Vec::new()), &context);
            return self.exec_flow(t, out);
        }
        self.await_children(t, branches.len(), Vec::new(), u32::MAX);
        for (i, b) in branches.into_iter().enumerate() {
            self.start_child(t, exec, i as u32, b, effective.clone());
        }
        false
    }

    /// Map: one iteration per item of `ItemsPath` (or `Items`) in the effective input,
    /// each shaped by `ItemSelector`, at most `MaxConcurrency` at once
    /// ([`Self::map_start_more`]); [`Self::children_done`] goes on with their results.
    fn map_state(&mut self, t: Key, state: &AslState, input: &Value, map: &MapState) -> bool {
        let effective = match dataflow::select("InputPath", &state.io.input_path, input) {
            Ok(v) => v,
            Err(e) => return self.exec_state_error(t, RUNTIME_ERROR, &e.cause),
        };
        let context = self.context_object(t, &state.io, map.item_selector.is_some());
        let items = match dataflow::map_items(map, &effective, &context) {
            Ok(items) => items,
            Err(e) => return self.exec_state_error(t, RUNTIME_ERROR, &e.cause),
        };
        if items.is_empty() {
            let out = dataflow::state_output(&state.io, input, Value::Array(Vec::new()), &context);
            return self.exec_flow(t, out);
        }
        let limit = match &map.max_concurrency {
            Some(Dynamic::Fixed(c)) if *c > 0 => (*c).min(u64::from(u32::MAX)) as u32,
            _ => u32::MAX,
        };
        let exec = self.threads.get(t).map_or(Key::NONE, |th| th.exec);
        let node = self.execs.get(exec).map_or(u32::MAX, |e| e.node);
        if self.machine(node).and_then(|m| m.nested.get(&state.name)).is_none() {
            let out = dataflow::state_output(&state.io, input, Value::Array(items), &context);
            return self.exec_flow(t, out);
        }
        self.await_children(t, items.len(), items, limit);
        self.map_start_more(t);
        false
    }

    /// The thread waits for `count` branches or iterations (a Map's `items` start
    /// `limit` at a time).
    fn await_children(&mut self, t: Key, count: usize, items: Vec<Value>, limit: u32) {
        if let Some(th) = self.threads.get_mut(t) {
            th.wait = Hold::Children;
            th.results = vec![Value::Null; count];
            th.pending = count as u32;
            th.items = items;
            th.next_item = 0;
            th.max_concurrency = limit;
        }
    }

    /// Parallel and Map, when every branch or iteration has ended well: their results,
    /// in order, go through ResultSelector, ResultPath and OutputPath.
    fn children_done(&mut self, p: Key, results: Vec<Value>) -> bool {
        let Some(parent) = self.threads.get(p) else { return false };
        let branch = parent.branch.clone();
        let input = parent.input.clone();
        let Some(state) = branch.states.get(parent.at as usize) else { return false };
        let context = self.context_object(p, &state.io, false);
        let out = dataflow::state_output(&state.io, &input, Value::Array(results), &context);
        self.exec_flow(p, out)
    }

    /// Starts Map iterations up to the concurrency limit.
    fn map_start_more(&mut self, t: Key) {
        loop {
            let Some(th) = self.threads.get_mut(t) else { return };
            if th.next_item as usize >= th.items.len() || th.children.len() as u32 >= th.max_concurrency {
                return;
            }
            let i = th.next_item;
            th.next_item += 1;
            let item = std::mem::take(&mut th.items[i as usize]);
            let exec = th.exec;
            let name = th.branch.states.get(th.at as usize).map(|s| s.name.clone()).unwrap_or_default();
            let node = self.execs.get(exec).map(|e| e.node).unwrap_or(u32::MAX);
            let Some(processor) = self.machine(node).and_then(|m| m.nested.get(&name).and_then(|b| b.first().cloned())) else { return };
            // Each iteration counts as a transition (bounds huge item lists).
            if let Some(e) = self.execs.get_mut(exec) {
                e.transitions += 1;
                if e.transitions > MAX_TRANSITIONS {
                    self.exec_end(exec, ExecutionStatus::Failed, Some("States.Runtime".into()), Some(format!("more than {MAX_TRANSITIONS} state transitions")));
                    return;
                }
            }
            self.start_child(t, exec, i, processor, item);
        }
    }

    /// A branch or iteration starts at the current instant (as its own event, so long
    /// item lists never nest calls).
    fn start_child(&mut self, parent: Key, exec: Key, slot: u32, branch: Rc<Branch>, input: Value) {
        let child = self.spawn_thread(exec, parent, slot, branch, input);
        if let Some(p) = self.threads.get_mut(parent) {
            p.children.push(child);
        }
        self.events.push(self.now, Event::ExecResume { thread: child });
    }

    /// Goes on after the current state with `output`; true when the thread keeps running.
    fn exec_advance(&mut self, t: Key, output: Value) -> bool {
        let Some(th) = self.threads.get(t) else { return false };
        let transition = th.branch.states.get(th.at as usize).map(|s| s.transition.clone());
        match transition {
            Some(Transition::Next(name)) => self.exec_goto(t, &name, output),
            _ => {
                self.exec_leave(t, StepStatus::Succeeded, None);
                self.exec_thread_ok(t, output);
                false
            }
        }
    }

    fn exec_goto(&mut self, t: Key, name: &str, input: Value) -> bool {
        self.exec_leave(t, StepStatus::Succeeded, None);
        let Some(th) = self.threads.get_mut(t) else { return false };
        let Some(at) = th.branch.states.iter().position(|s| s.name == name) else {
            self.exec_thread_failed(t, "States.Runtime", "no such state");
            return false;
        };
        th.at = at as u32;
        th.input = input;
        th.wait = Hold::Running;
        self.exec_enter(t);
        true
    }

    /// The current state failed with `error`: retry, catch, or fail the thread. True
    /// when a catcher leads on (the thread keeps running).
    fn exec_state_error(&mut self, t: Key, error: &str, cause: &str) -> bool {
        let Some(th) = self.threads.get(t) else { return false };
        let branch = th.branch.clone();
        let Some(state) = branch.states.get(th.at as usize) else { return false };
        let (retry, catch) = match &state.kind {
            StateKind::Task(task) => (task.retry.as_slice(), task.catch.as_slice()),
            StateKind::Parallel { retry, catch, .. } => (retry.as_slice(), catch.as_slice()),
            StateKind::Map(m) => (m.retry.as_slice(), m.catch.as_slice()),
            _ => (&[][..], &[][..]),
        };
        if let Some(ri) = retry.iter().position(|r| error_matches(&r.error_equals, error)) {
            let r = &retry[ri];
            let used = th.tries.get(ri).copied().unwrap_or(0);
            if u64::from(used) < r.max_attempts {
                let draw = if r.jitter == Jitter::Full { self.rng.unit() } else { 1.0 };
                let delay = retrier_delay(r, used, draw);
                let exec = th.exec;
                if let Some(th) = self.threads.get_mut(t) {
                    if th.tries.len() <= ri {
                        th.tries.resize(ri + 1, 0);
                    }
                    th.tries[ri] += 1;
                    th.wait = Hold::Retry;
                }
                let node = self.execs.get_mut(exec).map(|e| {
                    e.view.retries += 1;
                    e.node
                });
                if let Some(m) = node.and_then(|n| self.machine(n)) {
                    m.counts.retries += 1;
                }
                self.exec_step(t, |s| s.retries += 1);
                self.events.push(self.now.saturating_add(delay), Event::ExecResume { thread: t });
                return false;
            }
        }
        if let Some(c) = catch.iter().find(|c| error_matches(&c.error_equals, error)) {
            let raw = th.input.clone();
            let exec = th.exec;
            let out = match dataflow::error_output(&c.result_path, raw, error, cause) {
                Ok(out) => out,
                // The error output cannot be placed: the execution fails (AWS: States.Runtime).
                Err(e) => {
                    self.exec_leave(t, StepStatus::Failed, Some(RUNTIME_ERROR));
                    self.exec_thread_failed(t, RUNTIME_ERROR, &e.cause);
                    return false;
                }
            };
            let now = self.now;
            let next = c.next.clone();
            self.exec_step(t, |s| {
                s.status = StepStatus::Caught;
                s.left_us = Some(now);
                s.error = Some(error.to_string());
                s.catcher_next = Some(next.clone());
            });
            let node = self.execs.get(exec).map(|e| e.node);
            if let Some(m) = node.and_then(|n| self.machine(n)) {
                m.counts.caught += 1;
            }
            return self.exec_goto(t, &c.next, out);
        }
        self.exec_leave(t, StepStatus::Failed, Some(error));
        self.exec_thread_failed(t, error, cause);
        false
    }

    /// The answer to a Task call.
    pub(crate) fn exec_answer(&mut self, t: Key, reply: Reply) {
        let Some(th) = self.threads.get_mut(t) else { return };
        let Hold::Call(to) = th.wait else { return };
        th.wait = Hold::Running;
        if self.task_answered(t, to, reply) {
            self.exec_run(t);
        }
    }

    /// What a Task's target returned: a function its result (its input passed through,
    /// or its result template rendered); other services `{}` (their API answers,
    /// such as a MessageId, are not modelled).
    fn task_result(&mut self, to: u32, task_input: &Value) -> Value {
        let Some(Spec::Function(f)) = self.nodes.get(to as usize).map(|n| &n.spec) else { return Value::Object(Map::new()) };
        if f.result.trim().is_empty() {
            return task_input.clone();
        }
        let text = crate::sim::payload::Template::parse(&f.result).render(self.next_message_id, self.rng.next_u64());
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    }

    /// A timer of a thread: a branch starts, a Wait state ends, or a retry is due.
    pub(crate) fn exec_resume(&mut self, t: Key) {
        let Some(th) = self.threads.get_mut(t) else { return };
        match th.wait {
            Hold::Start => self.exec_begin(t),
            Hold::Retry => {
                th.wait = Hold::Running;
                self.exec_run(t);
            }
            Hold::WaitState => {
                if self.wait_over(t) {
                    self.exec_run(t);
                }
            }
            _ => {}
        }
    }

    pub(crate) fn exec_timeout(&mut self, exec: Key) {
        if self.execs.get(exec).is_some() {
            self.exec_end(exec, ExecutionStatus::TimedOut, Some("States.Timeout".into()), Some("the execution ran past its TimeoutSeconds".into()));
        }
    }

    fn exec_thread_ok(&mut self, t: Key, output: Value) {
        let Some(th) = self.threads.remove(t) else { return };
        if th.parent.is_none() {
            self.exec_end(th.exec, ExecutionStatus::Succeeded, None, None);
            return;
        }
        let p = th.parent;
        let Some(parent) = self.threads.get_mut(p) else { return };
        parent.children.retain(|&c| c != t);
        if let Some(slot) = parent.results.get_mut(th.slot as usize) {
            *slot = output;
        }
        parent.pending = parent.pending.saturating_sub(1);
        if parent.pending > 0 {
            self.map_start_more(p);
            return;
        }
        let results = std::mem::take(&mut parent.results);
        parent.items.clear();
        parent.wait = Hold::Running;
        if self.children_done(p, results) {
            self.exec_run(p);
        }
    }

    fn exec_thread_failed(&mut self, t: Key, error: &str, cause: &str) {
        let Some(th) = self.threads.get(t) else { return };
        let (exec, parent) = (th.exec, th.parent);
        self.cancel_thread(t);
        if parent.is_none() {
            self.exec_end(exec, ExecutionStatus::Failed, Some(error.to_string()), Some(cause.to_string()));
            return;
        }
        // One branch failed: the others stop and the Parallel or Map state fails.
        let children = match self.threads.get_mut(parent) {
            Some(p) => {
                p.results.clear();
                p.items.clear();
                p.pending = 0;
                p.wait = Hold::Running;
                std::mem::take(&mut p.children)
            }
            None => return,
        };
        for c in children {
            self.cancel_thread(c);
        }
        if self.exec_state_error(parent, error, cause) {
            self.exec_run(parent);
        }
    }

    /// Removes a thread and everything it started (their calls' answers are ignored).
    fn cancel_thread(&mut self, t: Key) {
        let mut stack = vec![t];
        while let Some(k) = stack.pop() {
            if self.threads.get(k).is_some() {
                self.exec_leave(k, StepStatus::Cancelled, None);
            }
            if let Some(th) = self.threads.remove(k) {
                stack.extend(th.children);
            }
        }
    }

    fn exec_end(&mut self, exec: Key, status: ExecutionStatus, error: Option<String>, cause: Option<String>) {
        let Some(root) = self.execs.get(exec).map(|e| e.root) else { return };
        if !root.is_none() {
            self.cancel_thread(root);
        }
        let Some(mut e) = self.execs.remove(exec) else { return };
        e.view.status = status;
        e.view.ended_us = Some(self.now);
        e.view.error = error;
        e.view.cause = cause;
        let ok = status == ExecutionStatus::Succeeded;
        let n = e.node;
        if let Some(m) = self.machine(n) {
            m.counts.running = m.counts.running.saturating_sub(1);
            match status {
                ExecutionStatus::Succeeded => m.counts.succeeded += 1,
                ExecutionStatus::TimedOut => m.counts.timed_out += 1,
                _ => m.counts.failed += 1,
            }
            if m.recent.len() >= RECENT {
                m.recent.pop_front();
            }
            m.recent.push_back(e.view);
        }
        let node = &mut self.nodes[n as usize];
        if ok {
            node.totals.processed += 1;
            self.finish(e.msg, Fate::Consumed);
        } else {
            node.totals.errors += 1;
            self.finish(e.msg, Fate::Failed);
        }
        self.reply(e.frame, if ok { Reply::Ok } else { Reply::ServerError });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_match_and_retries_back_off() {
        assert!(error_matches(&["States.ALL".into()], "States.Timeout"));
        assert!(!error_matches(&["States.TaskFailed".into()], "States.Timeout"));
        assert!(error_matches(&["States.TaskFailed".into()], "Lambda.TooManyRequestsException"));
        let r = Retrier { interval_seconds: 1, backoff_rate: 2.0, max_attempts: 3, ..Retrier::default() };
        assert_eq!(retrier_delay(&r, 2, 1.0), 4_000_000);
    }
}
