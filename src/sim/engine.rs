//! The simulation: nodes built from a diagram, the event loop, messages, calls and
//! jobs. Each kind's behaviour lives in `behaviour/`, as more `impl Simulation` blocks.

use super::behaviour::compute::{ComputeState, Job};
use super::behaviour::fanout::FanoutState;
use super::behaviour::gateway::GatewayState;
use super::behaviour::queue::QueueState;
use super::bucket::TokenBucket;
use super::behaviour::source::SourceState;
use super::behaviour::storage::{DatabaseState, FirehoseState};
use super::behaviour::stepfn::{Execution, MachineState, Thread};
use super::behaviour::stream::{is_stream_reader, StreamState};
use super::event::{Event, EventQueue};
use super::message::{Message, Place, NO_ATTRIBUTES};
use super::metrics::{integrate, Books, ClientStats, Fate, Rejection, Sample, Series, Totals};
use super::payload::Template;
use super::rng::SimRng;
use super::routes::Route;
use super::slab::{Key, Slab};
use super::time::{secs_f64, Micros, MICROS_PER_S};
use super::trace::{HopOutcome, RawHop, TraceRing};
use crate::model::{check_component, check_connection, ComponentId, ComponentKind, ConnectionKind, ConnectionSettings, Diagram, Poison};
use crate::model::spec::Spec;
use std::collections::HashMap;
use std::rc::Rc;

/// Knobs that are not part of the diagram.
#[derive(Clone, Debug)]
pub struct SimOptions {
    pub seed: u64,
    /// Metrics sampling period; 0 turns sampling off (M/M/c runs).
    pub sample_period_us: Micros,
    /// Samples kept per component (one hour of seconds by default).
    pub series_capacity: u32,
    /// Hops kept for the page between drains.
    pub trace_capacity: u32,
    /// Time a message takes between two components (0: instant, as inside a region).
    pub hop_latency_us: Micros,
    /// Messages alive at once before new ones are refused (guards copy storms in loops).
    pub max_live_messages: u32,
    /// A message passing more components than this is refused (loops).
    pub max_hops: u16,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            seed: 1,
            sample_period_us: MICROS_PER_S,
            series_capacity: 3_600,
            trace_capacity: 65_536,
            hop_latency_us: 0,
            max_live_messages: 5_000_000,
            max_hops: 64,
        }
    }
}

/// Why a diagram cannot run, in both languages (`Display` gives the English).
#[derive(Clone, Debug, PartialEq)]
pub struct SimError(pub crate::text::Message);

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.en)
    }
}
impl std::error::Error for SimError {}

/// What a component holds at one instant (the samples' and the report's gauges).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Gauges {
    /// Waiting: visible or delayed in a queue, queued at a compute node, unread in a stream.
    pub depth: u32,
    /// Age of the oldest waiting message (a stream's iterator age).
    pub oldest_age_us: Micros,
    /// Received and not yet finished.
    pub in_flight: u32,
    /// Executions or requests running.
    pub concurrency: u32,
    pub dead_letter_depth: u32,
    /// Worker instances running.
    pub instances: u32,
}

/// The live faults of one component (set from the diagram, changed by the what-if API).
#[derive(Clone, Debug, Default)]
pub(crate) struct FaultState {
    pub down: bool,
    /// A function throttled to 0 (reserved concurrency 0): nothing invokes it.
    pub stopped: bool,
    pub window: Option<(Micros, Micros)>,
    pub error_rate: f64,
    pub latency_multiplier: f64,
    pub poison: Option<Poison>,
    /// Aurora: how long a failed writer stays unavailable before a reader is promoted
    /// (0: a down component stays down); and when `down` was last set.
    pub failover: Micros,
    pub down_since: Micros,
}

/// Aurora fails over to a reader in about 30 seconds (Aurora user guide, "High
/// availability for Amazon Aurora": failover typically completes within 30 seconds).
const AURORA_FAILOVER: Micros = 30 * MICROS_PER_S;

pub(crate) enum State {
    Source(SourceState),
    Gateway(GatewayState),
    Queue(Box<QueueState>),
    Compute(Box<ComputeState>),
    Stream(Box<StreamState>),
    Firehose(FirehoseState),
    Database(DatabaseState),
    Machine(Box<MachineState>),
    /// Topics and buses: their schema, the events that did not fit, the archive.
    Fanout(Box<FanoutState>),
    /// Storage and sinks keep no state of their own.
    Passive,
}

pub(crate) struct Node {
    pub id: ComponentId,
    pub name: String,
    pub kind: ComponentKind,
    pub spec: Spec,
    pub fault: FaultState,
    pub out: Vec<u32>,
    pub inc: Vec<u32>,
    /// Cached from the topology (fixed for a run): where finished work goes, the
    /// synchronous calls a job makes, and the queues or streams a consumer polls.
    pub async_out: Rc<[u32]>,
    pub call_out: Rc<[u32]>,
    pub sources: Rc<[u32]>,
    pub template: Template,
    /// SNS message attributes this node gives the messages it sends (empty: none).
    pub attributes: Template,
    /// Stores: the read capacity left (reads are calls, `behaviour/read.rs`).
    pub reads: TokenBucket,
    pub state: State,
    pub totals: Totals,
    pub last: Totals,
    pub series: Series,
    pub client: Option<Box<ClientStats>>,
}

pub(crate) struct Link {
    #[allow(dead_code)] // kept for inspector look-ups by connection
    pub id: crate::model::ConnectionId,
    pub from: u32,
    pub to: u32,
    pub kind: ConnectionKind,
    pub settings: ConnectionSettings,
    /// The rule's pattern or the subscription's filter policy, compiled once.
    pub route: Route,
}

/// Who waits for the answer to a synchronous call.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Caller {
    /// A client's request, or its send to a service of kind `send_to` (whose AWS
    /// error name a failed send gets).
    Client { node: u32, sent: Micros, waits: bool, send_to: Option<ComponentKind> },
    /// API Gateway's proxy integration: relays the answer (a Lambda throttle is a 500).
    Gateway { parent: Key },
    /// API Gateway's AWS service integration (SendMessage, PutRecord, ...): 202 once
    /// the service took the request, 500 when it did not.
    GatewayAsync { parent: Key },
    Job { job: Key, item: u32 },
    /// A Step Functions Task waits for its target.
    Execution { thread: Key },
    /// A rule or subscription delivering `msg` (held here) to an HTTP-style target.
    Delivery { link: u32, msg: Key },
}

pub(crate) struct Frame {
    pub caller: Caller,
}

/// The answer to a synchronous call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reply {
    Ok,
    Accepted,
    Timeout,
    ServerError,
    Throttled,
}

impl Reply {
    pub fn is_ok(self) -> bool {
        matches!(self, Reply::Ok | Reply::Accepted)
    }
}

pub struct Simulation {
    pub(super) now: Micros,
    pub(super) events: EventQueue,
    pub(super) rng: SimRng,
    pub(super) options: SimOptions,
    pub(super) nodes: Vec<Node>,
    pub(super) index: HashMap<ComponentId, u32>,
    pub(super) links: Vec<Link>,
    pub(super) msgs: Slab<Message>,
    pub(super) frames: Slab<Frame>,
    pub(super) jobs: Slab<Job>,
    pub(super) execs: Slab<Execution>,
    pub(super) threads: Slab<Thread>,
    /// Spent item lists, reused so a job costs no allocation.
    pub(super) item_pool: Vec<Vec<super::behaviour::compute::Item>>,
    pub(super) next_message_id: u64,
    pub(super) books: Books,
    pub(super) dead_live: u64,
    pub(super) trace: TraceRing,
    pub(super) processed_events: u64,
    // Little's law: the integral of messages alive, and time spent by finished ones.
    pub(super) live_area: u128,
    pub(super) live_since: Micros,
    pub(super) sojourn_sum: u128,
    pub(super) sojourn_count: u64,
}

impl Simulation {
    /// Builds a run of `diagram` with the diagram's own seed.
    pub fn new(diagram: &Diagram) -> Result<Simulation, SimError> {
        Simulation::with_options(diagram, SimOptions { seed: diagram.run.seed, ..SimOptions::default() })
    }

    /// Builds a run; refuses diagrams whose settings are out of range.
    pub fn with_options(diagram: &Diagram, options: SimOptions) -> Result<Simulation, SimError> {
        let components = diagram.components_by_id();
        let connections = diagram.connections_by_id();
        for c in &components {
            if let Some(e) = check_component(c).into_iter().next() {
                let (name, field, en, vi) = (&c.name, e.field, &e.message.en, &e.message.vi);
                return Err(SimError(msg!("{name} ({field}): {en}", "{name} ({field}): {vi}")));
            }
            if let Err(e) = super::payload::check_attributes(c.spec.message_attributes()) {
                let (name, en, vi) = (&c.name, &e.en, &e.vi);
                return Err(SimError(msg!("{name} (attributes): {en}", "{name} (attributes): {vi}")));
            }
            if let Spec::Function(f) = &c.spec {
                if let Err(e) = crate::model::placeholders::check_result(&f.result) {
                    let (name, en, vi) = (&c.name, &e.en, &e.vi);
                    return Err(SimError(msg!("{name} (result): {en}", "{name} (result): {vi}")));
                }
            }
        }
        if let Some(r) = crate::model::aws_refusals(diagram).into_iter().next() {
            let c = diagram.connection(r.connection);
            let name = |id| diagram.component(id).map(|c| c.name.as_str()).unwrap_or("?");
            let (from, to) = c.map_or(("?", "?"), |c| (name(c.from), name(c.to)));
            let (en, vi) = (&r.message.en, &r.message.vi);
            return Err(SimError(msg!("{from} → {to}: {en}", "{from} → {to}: {vi}")));
        }
        let mut sim = Simulation {
            now: 0,
            events: EventQueue::default(),
            rng: SimRng::new(options.seed),
            nodes: Vec::with_capacity(components.len()),
            index: HashMap::new(),
            links: Vec::with_capacity(connections.len()),
            msgs: Slab::default(),
            frames: Slab::default(),
            jobs: Slab::default(),
            execs: Slab::default(),
            threads: Slab::default(),
            item_pool: Vec::new(),
            next_message_id: 1,
            books: Books::default(),
            dead_live: 0,
            trace: TraceRing::new(options.trace_capacity),
            processed_events: 0,
            live_area: 0,
            live_since: 0,
            sojourn_sum: 0,
            sojourn_count: 0,
            options,
        };
        for c in components {
            let ix = sim.nodes.len() as u32;
            sim.index.insert(c.id, ix);
            let f = &c.faults;
            let fault = FaultState {
                down: f.down,
                stopped: f.stopped,
                window: f.down_window.map(|w| (secs_f64(w.from_s), secs_f64(w.to_s))),
                error_rate: f.error_rate,
                latency_multiplier: f.latency_multiplier,
                poison: f.poison.clone(),
                failover: match &c.spec {
                    Spec::Database(s) if s.engine == crate::model::spec::DatabaseEngine::Aurora => AURORA_FAILOVER,
                    _ => 0,
                },
                down_since: 0,
            };
            let template = match &c.spec {
                Spec::Client(s) => Template::parse(&s.payload),
                Spec::EventSource(s) => Template::parse(super::behaviour::source::event_source_template(s.source)),
                _ => Template::default(),
            };
            let attributes = Template::parse(c.spec.message_attributes());
            let client = matches!(c.spec, Spec::Client(_)).then(Box::default);
            sim.nodes.push(Node {
                id: c.id,
                name: c.name.clone(),
                kind: c.kind(),
                spec: c.spec.clone(),
                fault,
                out: Vec::new(),
                inc: Vec::new(),
                async_out: Rc::from(Vec::new()),
                call_out: Rc::from(Vec::new()),
                sources: Rc::from(Vec::new()),
                template,
                attributes,
                reads: TokenBucket::default(),
                state: State::Passive,
                totals: Totals::default(),
                last: Totals::default(),
                series: Series::default(),
                client,
            });
        }
        for c in connections {
            let (Some(&from), Some(&to)) = (sim.index.get(&c.from), sim.index.get(&c.to)) else {
                let id = c.id;
                return Err(SimError(msg!(
                    "Connection {id} joins a component that is not in the diagram.",
                    "Kết nối {id} nối tới một thành phần không có trong sơ đồ."
                )));
            };
            if let Some(e) = check_connection(c.kind, sim.nodes[from as usize].kind, &c.settings).into_iter().next() {
                let (id, field, en, vi) = (c.id, e.field, &e.message.en, &e.message.vi);
                return Err(SimError(msg!("Connection {id} ({field}): {en}", "Kết nối {id} ({field}): {vi}")));
            }
            let route = Route::compile(c.kind, &c.settings).map_err(|e| {
                let (from, to, en, vi) = (&sim.nodes[from as usize].name, &sim.nodes[to as usize].name, &e.en, &e.vi);
                SimError(msg!("{from} → {to}: {en}", "{from} → {to}: {vi}"))
            })?;
            let ix = sim.links.len() as u32;
            sim.links.push(Link { id: c.id, from, to, kind: c.kind, settings: c.settings.clone(), route });
            sim.nodes[from as usize].out.push(ix);
            sim.nodes[to as usize].inc.push(ix);
        }
        for n in 0..sim.nodes.len() as u32 {
            let async_out = Rc::from(sim.compute_async_outputs(n));
            let call_out: Rc<[u32]> =
                sim.nodes[n as usize].out.iter().copied().filter(|&l| sim.links[l as usize].kind.is_synchronous()).collect();
            let sources: Rc<[u32]> = sim.nodes[n as usize]
                .inc
                .iter()
                .map(|&l| &sim.links[l as usize])
                .filter(|l| is_stream_reader(l.kind, sim.nodes[l.to as usize].kind))
                .map(|l| l.from)
                .collect();
            let node = &mut sim.nodes[n as usize];
            node.async_out = async_out;
            node.call_out = call_out;
            node.sources = sources;
        }
        for n in 0..sim.nodes.len() as u32 {
            sim.init_node(n)?;
        }
        if sim.options.sample_period_us > 0 {
            sim.events.push(sim.options.sample_period_us, Event::Sample);
        }
        Ok(sim)
    }

    /// Sets up a node's state; refuses a schema that cannot be parsed (parsed here,
    /// once, not per message).
    fn init_node(&mut self, n: u32) -> Result<(), SimError> {
        let node = &self.nodes[n as usize];
        let state = match &node.spec {
            Spec::Topic(_) | Spec::EventBus(_) => match FanoutState::new(&node.spec) {
                Ok(f) => State::Fanout(Box::new(f)),
                Err(e) => {
                    let (name, en, vi) = (&node.name, &e.en, &e.vi);
                    return Err(SimError(msg!("{name} (schema): {en}", "{name} (schema): {vi}")));
                }
            },
            Spec::Client(_) | Spec::EventSource(_) => State::Source(SourceState::default()),
            Spec::ApiGateway(s) => State::Gateway(GatewayState::new(s)),
            Spec::Queue(s) => State::Queue(Box::new(QueueState::new(s.clone()))),
            Spec::Function(_) | Spec::Service(_) | Spec::WorkerGroup(_) => State::Compute(Box::new(ComputeState::new(&node.spec))),
            Spec::Stream(s) => State::Stream(Box::new(StreamState::new(s))),
            Spec::DeliveryStream(_) => State::Firehose(FirehoseState::default()),
            Spec::Database(s) => {
                // A function on a change-stream connection reads the table's stream.
                let read = node.out.iter().any(|&l| is_stream_reader(self.links[l as usize].kind, self.nodes[self.links[l as usize].to as usize].kind));
                State::Database(DatabaseState::new((s.change_stream && read).then(|| StreamState::for_table(s))))
            }
            Spec::StateMachine(_) => State::Machine(Box::new(MachineState::new(&node.spec))),
            _ => State::Passive,
        };
        self.nodes[n as usize].state = state;
        if self.nodes[n as usize].kind == ComponentKind::Queue {
            self.init_dlq(n);
        }
        match self.nodes[n as usize].kind {
            ComponentKind::Client | ComponentKind::EventSource => self.schedule_next_tick(n, true),
            ComponentKind::WorkerGroup => self.init_workers(n),
            ComponentKind::DeliveryStream => self.schedule_flush(n),
            ComponentKind::StateMachine => self.init_machine(n),
            _ => {}
        }
        if let Spec::EventBus(s) = &self.nodes[n as usize].spec {
            if s.archive && s.replay_at_s > 0.0 {
                self.events.push(secs_f64(s.replay_at_s), Event::Replay { node: n });
            }
        }
        if let Some((from, to)) = self.nodes[n as usize].fault.window {
            // Consumers start polling again when the outage ends (or fails over).
            let failover = self.nodes[n as usize].fault.failover;
            let back = if failover > 0 { to.min(from.saturating_add(failover)) } else { to };
            self.events.push(back, Event::Pump { node: n });
        }
        Ok(())
    }

    // ----- running -----

    /// Simulated time now, in microseconds.
    pub fn now_us(&self) -> Micros {
        self.now
    }

    /// Events handled so far.
    pub fn events_processed(&self) -> u64 {
        self.processed_events
    }

    /// Handles every event up to and including time `t`, then sets the clock to `t`
    /// (for animation frames: call with the frame's simulated time).
    pub fn advance_until(&mut self, t: Micros) {
        while let Some((at, event)) = self.events.pop_until(t) {
            self.set_now(at);
            self.processed_events += 1;
            self.handle(event);
        }
        if t > self.now {
            self.set_now(t);
        }
    }

    /// Runs for `duration` more microseconds.
    pub fn run_for(&mut self, duration: Micros) {
        let end = self.now.saturating_add(duration);
        self.advance_until(end);
    }

    fn set_now(&mut self, t: Micros) {
        let live = u64::from(self.msgs.len());
        integrate(&mut self.live_area, live, &mut self.live_since, t);
        self.now = t;
        self.events.set_now(t);
    }

    fn handle(&mut self, event: Event) {
        match event {
            Event::Tick { node, generation } => self.source_tick(node, generation),
            Event::Deliver { link, msg, frame } => self.deliver(link, msg, frame, true),
            Event::RetryWrite { link, msg, frame } => self.deliver(link, msg, frame, false),
            Event::QueueTimer { node } => self.queue_timer(node),
            Event::Pump { node } => self.pump(node),
            Event::JobDone { job } => self.job_done(job),
            Event::CallTimeout { frame } => self.reply(frame, Reply::Timeout),
            Event::InstanceReady { node } => self.instance_ready(node),
            Event::Scale { node } => self.scale(node),
            Event::Flush { node } => self.flush(node),
            Event::Sample => self.sample(),
            Event::ExecResume { thread } => self.exec_resume(thread),
            Event::ExecTimeout { exec } => self.exec_timeout(exec),
            Event::Redeliver { link, msg } => self.redeliver(link, msg),
            Event::Replay { node } => self.replay(node),
            Event::ReadDone { node, msg, frame } => self.read_done(node, msg, frame),
        }
    }

    /// Asks a node to take more work (after capacity frees or an outage ends).
    pub(crate) fn pump(&mut self, node: u32) {
        match self.nodes.get(node as usize).map(|n| n.kind) {
            Some(ComponentKind::Queue) => self.pump_queue(node),
            Some(ComponentKind::Stream | ComponentKind::Database) => self.pump_stream(node),
            Some(ComponentKind::Function | ComponentKind::WorkerGroup | ComponentKind::Service) => {
                self.pump_compute(node);
            }
            _ => {}
        }
    }

    // ----- faults -----

    pub(crate) fn is_down(&self, node: u32) -> bool {
        let Some(n) = self.nodes.get(node as usize) else { return true };
        // An Aurora writer that fails is replaced by a promoted reader after the failover.
        let failed_over = |since: Micros| n.fault.failover > 0 && self.now >= since.saturating_add(n.fault.failover);
        (n.fault.down && !failed_over(n.fault.down_since))
            || n.fault.window.is_some_and(|(from, to)| self.now >= from && self.now < to && !failed_over(from))
    }

    pub(crate) fn latency_multiplier(&self, node: u32) -> f64 {
        self.nodes.get(node as usize).map(|n| n.fault.latency_multiplier).filter(|m| *m > 0.0).unwrap_or(1.0)
    }

    /// Does this message fail at `node` whatever its error rate (poison)?
    pub(crate) fn is_poison_at(&self, node: u32, msg: Key) -> bool {
        let Some(m) = self.msgs.get(msg) else { return false };
        if m.poison {
            return true;
        }
        let Some(poison) = self.nodes.get(node as usize).and_then(|n| n.fault.poison.as_ref()) else { return false };
        let text = self.payload_of(msg);
        super::payload::field(&text, &poison.field).is_some_and(|v| v == poison.value)
    }

    // ----- messages -----

    /// Too many messages alive for one more: the refused message is counted as created
    /// and rejected, so the books still balance.
    fn refused_for_room(&mut self) -> bool {
        if self.msgs.len() < self.options.max_live_messages {
            return false;
        }
        self.books.created += 1;
        self.books.loop_limit += 1;
        true
    }

    /// A new message from `source` (its payload template) with a fresh payload seed, or
    /// the given one (a replayed event renders the same payload again); None when too
    /// many are alive, in which case the refusal is counted.
    pub(crate) fn new_message(&mut self, source: u32, seq: u64, seed: Option<u64>) -> Option<Key> {
        if self.refused_for_room() {
            return None;
        }
        let id = self.next_message_id;
        self.next_message_id += 1;
        let seed = seed.unwrap_or_else(|| self.rng.next_u64());
        self.books.created += 1;
        let key = self.msgs.insert(Message {
            id,
            origin: id,
            born: self.now,
            since: self.now,
            enqueued: self.now,
            source,
            attrs: if self.nodes[source as usize].attributes.is_empty() { NO_ATTRIBUTES } else { source },
            seq,
            seed,
            group: 0,
            receives: 0,
            receipt: 0,
            place: Place::Moving,
            hops: 0,
            attempts: 0,
            poison: false,
            dead: false,
            replayed: false,
        });
        Some(key)
    }

    /// The copy a component sends on in place of `msg` (same id and birth: the same
    /// message travelling on); `retire` ends the original once the send is done.
    pub(crate) fn hand_over(&mut self, msg: Key) -> Option<Key> {
        self.copy_as(msg, true)
    }

    /// The original of a hand-over whose work succeeded: it lives on as its copy.
    pub(crate) fn retire(&mut self, msg: Key) {
        let Some(dead) = self.msgs.discard(msg, |m| m.dead) else { return };
        if dead {
            self.dead_live -= 1;
        }
        self.books.created -= 1;
    }

    /// A copy of a message (fan-out, duplicate delivery, call request); None when too
    /// many are alive, in which case the refusal is counted.
    pub(crate) fn copy_message(&mut self, msg: Key) -> Option<Key> {
        self.copy_as(msg, false)
    }

    /// A copy of a message; `same`: it carries the original on (its id and birth).
    fn copy_as(&mut self, msg: Key, same: bool) -> Option<Key> {
        let mut copy = self.msgs.get(msg)?.clone();
        if self.refused_for_room() {
            return None;
        }
        if !same {
            copy.id = self.next_message_id;
            self.next_message_id += 1;
            copy.born = self.now;
        }
        copy.since = self.now;
        copy.place = Place::Moving;
        copy.receives = 0;
        copy.receipt = 0;
        copy.attempts = 0;
        copy.dead = false;
        self.books.created += 1;
        Some(self.msgs.insert(copy))
    }

    /// Ends a message's life in `fate`.
    pub(crate) fn finish(&mut self, msg: Key, fate: Fate) {
        let Some(m) = self.msgs.remove(msg) else { return };
        if m.dead {
            self.dead_live -= 1;
        }
        self.sojourn_sum += u128::from(self.now.saturating_sub(m.born));
        self.sojourn_count += 1;
        let b = &mut self.books;
        match fate {
            Fate::Consumed => b.consumed += 1,
            Fate::Expired => b.expired += 1,
            Fate::Failed => b.failed += 1,
            Fate::Returned => b.returned += 1,
            Fate::Rejected(Rejection::Throttled) => b.throttled += 1,
            Fate::Rejected(Rejection::NoRoute) => b.no_route += 1,
            Fate::Rejected(Rejection::Deduplicated) => b.deduplicated += 1,
            Fate::Rejected(Rejection::LoopLimit) => b.loop_limit += 1,
        }
    }

    /// The SNS message attributes of a live message (none when it carries none, or
    /// when its template renders something SNS would refuse).
    pub(crate) fn attributes_of(&self, msg: Key) -> Vec<(String, crate::routing::MessageAttribute)> {
        let Some(m) = self.msgs.get(msg) else { return Vec::new() };
        let Some(n) = self.nodes.get(m.attrs as usize) else { return Vec::new() };
        serde_json::from_str(&n.attributes.render(m.seq, m.seed))
            .ok()
            .and_then(|v| crate::routing::SnsMessage::attributes_from_json(&v).ok())
            .unwrap_or_default()
    }

    pub(crate) fn message_id(&self, msg: Key) -> u64 {
        self.msgs.get(msg).map(|m| m.id).unwrap_or(0)
    }

    /// The payload text of a live message ("" when it has none or is gone).
    pub(crate) fn payload_of(&self, msg: Key) -> String {
        let Some(m) = self.msgs.get(msg) else { return String::new() };
        match self.nodes.get(m.source as usize) {
            Some(n) if !n.template.is_empty() => n.template.render(m.seq, m.seed),
            _ => String::new(),
        }
    }

    // ----- moving messages -----

    /// Sends `msg` over `link`; it arrives after the hop latency.
    pub(crate) fn send(&mut self, link: u32, msg: Key, frame: Key) {
        let at = self.now.saturating_add(self.options.hop_latency_us);
        self.events.push(at, Event::Deliver { link, msg, frame });
    }

    /// `arrival`: a new request (a retried write is not one).
    fn deliver(&mut self, link: u32, msg: Key, frame: Key, arrival: bool) {
        let Some(l) = self.links.get(link as usize) else {
            self.finish(msg, Fate::Rejected(Rejection::NoRoute));
            return;
        };
        let (from, to, kind) = (l.from, l.to, l.kind);
        let max_hops = self.options.max_hops;
        let Some(m) = self.msgs.get_mut(msg) else {
            self.reply(frame, Reply::ServerError);
            return;
        };
        m.hops = m.hops.saturating_add(1);
        let id = m.id;
        let outcome = if m.hops > max_hops {
            self.finish(msg, Fate::Rejected(Rejection::LoopLimit));
            self.reply(frame, Reply::ServerError);
            HopOutcome::Rejected
        } else {
            if arrival {
                self.nodes[to as usize].totals.received += 1;
            }
            self.arrive(link, to, kind, msg, frame)
        };
        self.record_hop(id, from, to, outcome);
    }

    #[inline]
    pub(crate) fn record_hop(&mut self, message: u64, from: u32, to: u32, outcome: HopOutcome) {
        if self.options.trace_capacity == 0 {
            return;
        }
        self.trace.push(RawHop { message, from, to, arrive_us: self.now, outcome });
    }

    /// A message arrives at `to`; returns what the hop looked like.
    fn arrive(&mut self, link: u32, to: u32, kind: ConnectionKind, msg: Key, frame: Key) -> HopOutcome {
        // Compute decides what a down consumer does itself; every other kind refuses.
        let compute = matches!(self.nodes[to as usize].kind, ComponentKind::Function | ComponentKind::Service | ComponentKind::WorkerGroup);
        if !compute && self.refused_while_down(to, msg, frame) {
            return HopOutcome::Failed;
        }
        if kind == ConnectionKind::Read {
            return self.read_arrive(to, link, msg, frame);
        }
        match self.nodes[to as usize].kind {
            ComponentKind::Queue => self.queue_arrive(to, link, msg, frame),
            ComponentKind::ApiGateway => self.gateway_arrive(to, msg, frame),
            ComponentKind::Function | ComponentKind::Service | ComponentKind::WorkerGroup => {
                self.compute_arrive(to, link, kind, msg, frame)
            }
            ComponentKind::Topic | ComponentKind::EventBus => self.fanout_arrive(to, msg, frame),
            ComponentKind::Stream => self.stream_arrive(to, link, msg, frame),
            ComponentKind::DeliveryStream => self.firehose_arrive(to, msg, frame),
            ComponentKind::Database => self.database_arrive(to, link, msg, frame),
            ComponentKind::ObjectStorage => self.object_storage_arrive(to, msg, frame),
            ComponentKind::SearchIndex | ComponentKind::Analytics | ComponentKind::Notification => self.sink_arrive(to, msg, frame),
            ComponentKind::StateMachine => self.start_execution(to, kind, msg, frame),
            ComponentKind::Client | ComponentKind::EventSource => {
                self.finish(msg, Fate::Rejected(Rejection::NoRoute));
                self.reply(frame, Reply::ServerError);
                HopOutcome::Rejected
            }
        }
    }

    /// A component that is down fails what reaches it (its caller hears a server
    /// error); true when it did.
    #[inline]
    pub(crate) fn refused_while_down(&mut self, n: u32, msg: Key, frame: Key) -> bool {
        if !self.is_down(n) {
            return false;
        }
        self.refuse_down(n, msg, frame, Some(Reply::ServerError));
        true
    }

    /// Connections over which `node` pushes work onward once it is done with a message.
    pub(crate) fn async_outputs(&self, node: u32) -> Rc<[u32]> {
        self.nodes.get(node as usize).map(|n| n.async_out.clone()).unwrap_or_else(|| Rc::from(Vec::new()))
    }

    fn compute_async_outputs(&self, node: u32) -> Vec<u32> {
        let Some(n) = self.nodes.get(node as usize) else { return Vec::new() };
        let emits = match &n.spec {
            Spec::Database(s) => s.change_stream,
            Spec::ObjectStorage(s) => s.emit_events,
            _ => true,
        };
        n.out
            .iter()
            .copied()
            .filter(|&l| {
                let kind = self.links[l as usize].kind;
                match kind {
                    ConnectionKind::Send
                    | ConnectionKind::Publish
                    | ConnectionKind::PutEvent
                    | ConnectionKind::PutRecord
                    | ConnectionKind::Invoke
                    | ConnectionKind::Write => emits,
                    ConnectionKind::ChangeStream => emits && !is_stream_reader(kind, self.nodes[self.links[l as usize].to as usize].kind),
                    _ => false,
                }
            })
            .collect()
    }

    /// Synchronous connections out of `node` (calls a job makes before it answers).
    pub(crate) fn call_outputs(&self, node: u32) -> Rc<[u32]> {
        self.nodes.get(node as usize).map(|n| n.call_out.clone()).unwrap_or_else(|| Rc::from(Vec::new()))
    }

    /// Sends `msg` over every link in `links`: the first gets the message, the rest
    /// copies. With no link the message was consumed here.
    pub(crate) fn fan_out(&mut self, links: &[u32], msg: Key) {
        let Some((&first, rest)) = links.split_first() else {
            self.finish(msg, Fate::Consumed);
            return;
        };
        for &l in rest {
            if let Some(copy) = self.copy_message(msg) {
                self.send(l, copy, Key::NONE);
            }
        }
        if let Some(m) = self.msgs.get_mut(msg) {
            m.attempts = 0;
            m.place = Place::Moving;
        }
        self.send(first, msg, Key::NONE);
    }

    /// Done with `msg` at `node`: push it onward, or it was consumed here. A node
    /// that sets message attributes puts its own on what it sends.
    pub(crate) fn forward(&mut self, node: u32, msg: Key) {
        if !self.nodes[node as usize].attributes.is_empty() {
            if let Some(m) = self.msgs.get_mut(msg) {
                m.attrs = node;
            }
        }
        let outs = self.async_outputs(node);
        self.fan_out(&outs, msg);
    }

    // ----- synchronous calls -----

    /// Calls over `link` with `msg`; the caller hears back through `reply`.
    pub(crate) fn call(&mut self, link: u32, msg: Key, caller: Caller, timeout: Micros) {
        let frame = self.frames.insert(Frame { caller });
        // A send (SendMessage, PutRecord, an async Invoke, ...) is answered when the
        // service takes it or refuses it, at most after the SDK's throttle retries:
        // no timer needed. A service (HTTP) may never answer: its callers time out.
        let answered_on_arrival = self.links.get(link as usize).is_some_and(|l| {
            !l.kind.is_synchronous() && self.nodes[l.to as usize].kind != ComponentKind::Service
        });
        if !answered_on_arrival {
            self.events.push(self.now.saturating_add(timeout), Event::CallTimeout { frame });
        }
        self.send(link, msg, frame);
    }

    /// Answers a call (timeouts answer too); later answers to the same call are ignored.
    pub(crate) fn reply(&mut self, frame: Key, reply: Reply) {
        if frame.is_none() {
            return;
        }
        let Some(f) = self.frames.remove(frame) else { return };
        match f.caller {
            Caller::Client { node, sent, waits, send_to } => {
                let now = self.now;
                let Some(stats) = self.nodes.get_mut(node as usize).and_then(|n| n.client.as_deref_mut()) else { return };
                if let Some(name) = send_to.and_then(|k| aws_send_error(k, reply)) {
                    // The SDK call a producer makes fails with this error, waiting or not.
                    stats.count_send_error(name);
                }
                if !waits {
                    return;
                }
                match reply {
                    Reply::Ok => {
                        stats.ok += 1;
                        stats.latency_us.record(now.saturating_sub(sent));
                    }
                    Reply::Accepted => {
                        stats.accepted_202 += 1;
                        stats.latency_us.record(now.saturating_sub(sent));
                    }
                    Reply::Timeout => stats.timeouts += 1,
                    Reply::ServerError => stats.server_errors += 1,
                    Reply::Throttled => stats.throttled_429 += 1,
                }
            }
            // API Gateway answers 504 when its integration times out, and 500 when
            // Lambda refuses the invocation (a throttle is not passed on as 429: AWS,
            // "Handling Lambda errors with an API Gateway API").
            Caller::Gateway { parent } => {
                let relayed = match reply {
                    Reply::Timeout | Reply::Throttled => Reply::ServerError,
                    other => other,
                };
                self.reply(parent, relayed);
            }
            Caller::GatewayAsync { parent } => {
                self.reply(parent, if reply.is_ok() { Reply::Accepted } else { Reply::ServerError });
            }
            Caller::Job { job, item } => self.call_answered(job, item, reply),
            Caller::Execution { thread } => self.exec_answer(thread, reply),
            Caller::Delivery { link, msg } => self.delivery_answered(link, msg, reply),
        }
    }

    /// Is anybody still waiting on this call?
    pub(crate) fn frame_alive(&self, frame: Key) -> bool {
        !frame.is_none() && self.frames.get(frame).is_some()
    }

    /// Does the caller waiting on `frame` hold the message and retry or report a
    /// failure (a job, an execution's Task, a rule or subscription delivery)?
    fn caller_handles_failure(&self, frame: Key) -> bool {
        match self.frames.get(frame).map(|f| f.caller) {
            // A function whose code ignores failed calls drops what the call carried.
            Some(Caller::Job { job, .. }) => !self.jobs.get(job).is_some_and(|j| {
                matches!(&self.nodes[j.node as usize].spec, Spec::Function(f) if f.ignore_downstream_failures)
            }),
            Some(Caller::Execution { .. } | Caller::Delivery { .. }) => true,
            Some(_) => false,
            // Its caller was already answered (timed out) and holds the message.
            None => !frame.is_none(),
        }
    }

    /// A request ends in `fate` where it failed, unless its caller learns of the
    /// failure and keeps the message, in which case it was only an attempt.
    pub(crate) fn end_request(&mut self, msg: Key, frame: Key, fate: Fate) {
        let fate = if self.caller_handles_failure(frame) { Fate::Returned } else { fate };
        self.finish(msg, fate);
    }

    /// The one refusal of a component that is down: the request fails and the caller
    /// hears a 5xx (`None`: a server that never answers, the caller times out).
    pub(crate) fn refuse_down(&mut self, n: u32, msg: Key, frame: Key, reply: Option<Reply>) -> HopOutcome {
        self.nodes[n as usize].totals.errors += 1;
        self.end_request(msg, frame, Fate::Failed);
        if let Some(r) = reply {
            self.reply(frame, r);
        }
        HopOutcome::Failed
    }
    // ----- accounting -----

    /// The books: every message created, by where it is or ended.
    pub fn books(&self) -> Books {
        let mut b = self.books;
        b.dead_lettered = self.dead_live;
        b.in_flight = u64::from(self.msgs.len()) - self.dead_live;
        b
    }

    /// Little's law terms over the run so far: (mean number alive L, arrival rate
    /// lambda per second, mean time in system W in seconds, from finished messages).
    pub fn littles_law(&self) -> (f64, f64, f64) {
        let t = self.now.max(1) as f64;
        let mut area = self.live_area;
        if self.now > self.live_since {
            area += u128::from(self.msgs.len()) * u128::from(self.now - self.live_since);
        }
        let l = area as f64 / t;
        let lambda = self.books.created as f64 / (t / 1e6);
        let w = if self.sojourn_count == 0 { 0.0 } else { self.sojourn_sum as f64 / self.sojourn_count as f64 / 1e6 };
        (l, lambda, w)
    }

    /// Counts the message references held by queues, jobs, buffers and pending
    /// events, and checks they equal the messages alive (tests use this to find leaks).
    pub fn audit(&self) -> Result<(), String> {
        let mut held: u64 = 0;
        for e in self.events.iter() {
            if let Event::Deliver { msg, .. } | Event::RetryWrite { msg, .. } | Event::Redeliver { msg, .. } | Event::ReadDone { msg, .. } = e {
                if self.msgs.get(*msg).is_some() {
                    held += 1;
                }
            }
        }
        for (_, f) in self.frames.iter() {
            if let Caller::Delivery { msg, .. } = f.caller {
                if self.msgs.get(msg).is_some() {
                    held += 1;
                }
            }
        }
        held += self.execs.iter().filter(|(_, e)| self.msgs.get(e.msg).is_some()).count() as u64;
        for (_, job) in self.jobs.iter() {
            held += job.owned_count(self);
        }
        for n in &self.nodes {
            held += match &n.state {
                State::Queue(q) => q.held(),
                State::Compute(c) => c.waiting.len() as u64,
                State::Stream(s) => s.held(),
                State::Database(d) => d.changes.as_ref().map_or(0, |s| s.held()),
                State::Firehose(f) => f.buffer.len() as u64,
                _ => 0,
            };
        }
        let live = u64::from(self.msgs.len());
        if held == live {
            Ok(())
        } else {
            Err(format!("{live} messages alive but {held} held"))
        }
    }

    // ----- metrics -----

    fn sample(&mut self) {
        let period = self.options.sample_period_us;
        if period == 0 {
            return;
        }
        for n in 0..self.nodes.len() as u32 {
            self.sweep_retention(n);
            let g = self.gauges(n);
            let now = self.now;
            let cap = self.options.series_capacity;
            let node = &mut self.nodes[n as usize];
            let (t, l) = (node.totals, node.last);
            let delta = |a: u64, b: u64| a.saturating_sub(b).min(u64::from(u32::MAX)) as u32;
            let sample = Sample {
                t_s: (now / MICROS_PER_S).min(u64::from(u32::MAX)) as u32,
                depth: g.depth,
                oldest_age_ms: g.oldest_age_us / 1000,
                in_flight: g.in_flight,
                throughput: delta(t.processed, l.processed),
                errors: delta(t.errors, l.errors),
                throttles: delta(t.throttles, l.throttles),
                concurrency: g.concurrency,
                dead_letter_depth: g.dead_letter_depth,
                instances: g.instances,
            };
            node.series.push(sample, cap);
            node.last = node.totals;
        }
        self.events.push(self.now.saturating_add(period), Event::Sample);
    }

    /// What a component holds now.
    pub(crate) fn gauges(&self, n: u32) -> Gauges {
        let Some(node) = self.nodes.get(n as usize) else { return Gauges::default() };
        match &node.state {
            State::Queue(q) => Gauges {
                depth: q.n_visible + q.n_delayed,
                oldest_age_us: q.oldest_since(self).map(|s| self.now.saturating_sub(s)).unwrap_or(0),
                in_flight: q.n_received,
                dead_letter_depth: self.dlq_depth(n),
                ..Gauges::default()
            },
            State::Compute(c) => Gauges {
                depth: c.waiting.len() as u32,
                oldest_age_us: c.waiting.front().and_then(|w| self.msgs.get(w.msg)).map(|m| self.now.saturating_sub(m.since)).unwrap_or(0),
                in_flight: c.busy,
                concurrency: c.busy,
                instances: c.running,
                ..Gauges::default()
            },
            State::Stream(s) => Gauges { depth: s.depth(), oldest_age_us: s.iterator_age(self.now), in_flight: s.in_flight(), ..Gauges::default() },
            State::Database(d) => d.changes.as_ref().map_or_else(Gauges::default, |s| Gauges {
                depth: s.depth(),
                oldest_age_us: s.iterator_age(self.now),
                in_flight: s.in_flight(),
                ..Gauges::default()
            }),
            State::Firehose(f) => Gauges { depth: f.buffer.len() as u32, ..Gauges::default() },
            _ => Gauges::default(),
        }
    }
}

/// The error an AWS SDK call gets from a service of this kind: throttles by the
/// service's own exception name, an outage as the common `ServiceUnavailable` (503).
pub(crate) fn aws_send_error(kind: ComponentKind, reply: Reply) -> Option<&'static str> {
    match reply {
        Reply::Ok | Reply::Accepted => None,
        Reply::Throttled => Some(match kind {
            ComponentKind::Stream | ComponentKind::Database => "ProvisionedThroughputExceededException",
            ComponentKind::Function => "TooManyRequestsException",
            ComponentKind::StateMachine => "ThrottlingException",
            _ => "ThrottlingException",
        }),
        Reply::ServerError => Some("ServiceUnavailable"),
        Reply::Timeout => Some("RequestTimeout"),
    }
}
