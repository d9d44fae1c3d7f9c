//! Functions (Lambda), worker groups (Auto Scaling) and services: capacity, run
//! times, errors, timeouts, the calls and sends they make, and what happens to the
//! work when it succeeds or fails.
//!
//! A job's sends (SendMessage, Publish, PutRecord, PutItem, async Invoke) are API
//! calls its code makes after the synchronous calls: one that fails (target down,
//! throttled, timed out) fails the job's message as the exception would, so the
//! queue, stream, async retries or caller that gave it the message handle it, unless
//! the function is set to catch and ignore failed downstream calls.

use crate::model::spec::Spec;
use crate::model::{ComponentKind, ConnectionKind};
use crate::sim::bucket::TokenBucket;
use crate::sim::engine::{Caller, Reply, Simulation, State};
use crate::sim::event::Event;
use crate::sim::metrics::{integrate, Fate, Rejection};
use crate::sim::slab::Key;
use crate::sim::time::{ms, secs, Micros};
use crate::sim::trace::HopOutcome;
use std::collections::VecDeque;

/// How long one piece of work takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ServiceTime {
    /// Spread around the component's own setting (duration, latency, processing time).
    Around,
    /// Exponential with this mean, in microseconds (M/M/c models).
    Exponential { mean_us: f64 },
}

/// A request waiting for capacity (service wait line, Lambda's async queue).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Waiting {
    pub msg: Key,
    pub frame: Key,
    pub link: u32,
    pub sync: bool,
}

pub(crate) struct ComputeState {
    pub busy: u32,
    pub busy_since: Micros,
    pub waiting: VecDeque<Waiting>,
    /// Worker instances in service and warming up.
    pub running: u32,
    pub warming: u32,
    pub service_time: ServiceTime,
    /// Lambda: execution environments created so far, the scaling rate that creates
    /// more, and when a wake-up for the next one is already due.
    pub environments: u32,
    pub new_environments: TokenBucket,
    pub scale_wake_at: Micros,
    /// Worker groups: in-service instances still in their instance warm-up (when each
    /// ends), target tracking's breaching and low data points in a row, the last
    /// scale-in.
    pub warming_until: VecDeque<Micros>,
    pub high_points: u32,
    pub low_points: u32,
    pub scaled_in_at: Option<Micros>,
}

impl ComputeState {
    pub fn new(spec: &Spec) -> ComputeState {
        let running = match spec {
            Spec::WorkerGroup(w) => w.min_instances,
            _ => 0,
        };
        ComputeState {
            busy: 0,
            busy_since: 0,
            waiting: VecDeque::new(),
            running,
            warming: 0,
            service_time: ServiceTime::Around,
            environments: 0,
            new_environments: TokenBucket::default(),
            scale_wake_at: 0,
            warming_until: VecDeque::new(),
            high_points: 0,
            low_points: 0,
            scaled_in_at: None,
        }
    }
}

/// Where a job's messages came from, which decides what success and failure do.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Origin {
    /// Received from a queue: delete on success, let the visibility timeout return it on failure.
    Queue { queue: u32, link: u32 },
    /// A synchronous call: answer the caller.
    Call { frame: Key },
    /// An asynchronous invocation over `link`: two retries, then the on-failure destination.
    Async { link: u32 },
    /// Pushed without anyone waiting (subscription, rule).
    Push,
    /// A batch from one stream shard for one consumer.
    Stream { stream: u32, consumer: u32, shard: u32 },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    pub msg: Key,
    pub receipt: u32,
    pub failed: bool,
}

pub(crate) struct Job {
    pub node: u32,
    pub items: Vec<Item>,
    pub origin: Origin,
    pub pending_calls: u32,
    /// The sends have gone out (after the synchronous calls answered).
    pub sent: bool,
}

impl Job {
    /// Messages this job owns (queue messages stay owned by their queue).
    pub fn owned_count(&self, sim: &Simulation) -> u64 {
        match self.origin {
            Origin::Queue { .. } => 0,
            _ => self.items.iter().filter(|i| sim.msgs.get(i.msg).is_some()).count() as u64,
        }
    }
}

/// Lambda's asynchronous invocation retries, and the delays before them.
const ASYNC_RETRIES: u8 = 2;
const ASYNC_RETRY_DELAYS: [Micros; 2] = [60_000_000, 120_000_000];

/// Lambda's concurrency scaling rate: 1,000 new execution environments per function
/// every 10 seconds, refilled continuously (a burst of 1,000 at most).
const NEW_ENVIRONMENTS_PER_S: f64 = 100.0;
const NEW_ENVIRONMENTS_BURST: f64 = 1_000.0;

impl Simulation {
    pub(crate) fn compute(&mut self, n: u32) -> Option<&mut ComputeState> {
        match &mut self.nodes.get_mut(n as usize)?.state {
            State::Compute(c) => Some(c),
            _ => None,
        }
    }

    /// An item list (from the pool) holding one message.
    pub(crate) fn items_of(&mut self, msg: Key) -> Vec<Item> {
        let mut items = self.item_pool.pop().unwrap_or_default();
        items.clear();
        items.push(Item { msg, receipt: 0, failed: false });
        items
    }

    /// How many more jobs `n` can start now.
    #[inline]
    pub(crate) fn consumer_room(&self, n: u32) -> u32 {
        let Some(node) = self.nodes.get(n as usize) else { return 0 };
        let State::Compute(c) = &node.state else { return 0 };
        let capacity = match &node.spec {
            // Throttled to 0: no poller invokes it and every invoke is throttled.
            Spec::Function(_) if node.fault.stopped => return 0,
            Spec::Function(f) => {
                let room = f.concurrency_limit.saturating_sub(c.busy);
                // Past its idle environments, a function grows at the scaling rate.
                let idle = c.environments.saturating_sub(c.busy);
                let new = if c.new_environments.full(self.now) {
                    NEW_ENVIRONMENTS_BURST as u32
                } else {
                    c.new_environments.available(self.now, NEW_ENVIRONMENTS_PER_S, NEW_ENVIRONMENTS_BURST) as u32
                };
                return room.min(idle.saturating_add(new));
            }
            Spec::Service(s) => s.capacity,
            Spec::WorkerGroup(w) => {
                // Instances that are down poll nothing.
                if self.is_down(n) {
                    return 0;
                }
                c.running.saturating_mul(w.per_instance_concurrency)
            }
            _ => 0,
        };
        capacity.saturating_sub(c.busy)
    }

    /// Replaces how long work takes at `id` (M/M/c uses exponential service times).
    pub fn set_service_time(&mut self, id: crate::model::ComponentId, time: ServiceTime) {
        if let Some(&n) = self.index.get(&id) {
            if let Some(c) = self.compute(n) {
                c.service_time = time;
            }
        }
    }

    pub(crate) fn compute_arrive(&mut self, n: u32, link: u32, kind: ConnectionKind, msg: Key, frame: Key) -> HopOutcome {
        let node_kind = self.nodes[n as usize].kind;
        // A service pushed to by a rule or subscription that waits (HTTP delivery) answers too.
        let sync = kind.is_synchronous() || (node_kind == ComponentKind::Service && !frame.is_none());
        if node_kind == ComponentKind::Service && self.is_down(n) {
            // A service that is down never answers: its callers wait for their timeout.
            return self.refuse_down(n, msg, frame, None);
        }
        if node_kind == ComponentKind::Function && sync && self.is_down(n) {
            return self.refuse_down(n, msg, frame, Some(Reply::ServerError));
        }
        if node_kind == ComponentKind::Function && !sync {
            // Lambda queues an asynchronous invocation and answers 202 at once; the
            // event's age counts from this first arrival.
            self.reply(frame, Reply::Accepted);
            let now = self.now;
            if let Some(m) = self.msgs.get_mut(msg).filter(|m| m.attempts == 0) {
                m.enqueued = now;
            }
        }
        let room = self.consumer_room(n);
        let line_empty = self.compute(n).is_some_and(|c| c.waiting.is_empty());
        if room > 0 && line_empty {
            let origin = if sync {
                Origin::Call { frame }
            } else if node_kind == ComponentKind::Function {
                Origin::Async { link }
            } else {
                Origin::Push
            };
            let items = self.items_of(msg);
            self.start_job(n, items, origin);
            return HopOutcome::Delivered;
        }
        if node_kind == ComponentKind::Function && sync {
            // A synchronous invoke over the concurrency limit is throttled (429).
            self.nodes[n as usize].totals.throttles += 1;
            self.finish(msg, Fate::Rejected(Rejection::Throttled));
            self.reply(frame, Reply::Throttled);
            return HopOutcome::Throttled;
        }
        if node_kind == ComponentKind::Function {
            // Async invocations wait in Lambda's own queue.
            self.nodes[n as usize].totals.throttles += 1;
        }
        if let Some(c) = self.compute(n) {
            c.waiting.push_back(Waiting { msg, frame, link, sync });
        }
        self.wake_when_scaled(n);
        HopOutcome::Delivered
    }

    /// Starts one job (one invocation, one request, one worker slot).
    pub(crate) fn start_job(&mut self, n: u32, mut items: Vec<Item>, origin: Origin) {
        let now = self.now;
        let down = self.is_down(n);
        let multiplier = self.latency_multiplier(n);
        let node = &mut self.nodes[n as usize];
        let State::Compute(c) = &mut node.state else { return };
        integrate(&mut node.totals.busy_area, u64::from(c.busy), &mut c.busy_since, now);
        if node.kind == ComponentKind::Function && c.busy >= c.environments {
            // A new execution environment (consumer_room saw the rate allow it).
            c.new_environments.take_burst(now, NEW_ENVIRONMENTS_PER_S, NEW_ENVIRONMENTS_BURST);
            c.environments += 1;
        }
        c.busy += 1;
        let service_time = c.service_time;
        let (mean_us, timeout) = match &node.spec {
            Spec::Function(f) => (ms(f.duration_ms) as f64, Some(secs(f.timeout_s))),
            Spec::Service(s) => (ms(s.latency_ms) as f64, None),
            Spec::WorkerGroup(w) => (ms(w.processing_ms) as f64, None),
            _ => (1000.0, None),
        };
        if down {
            for i in &mut items {
                i.failed = true;
            }
        }
        // A down target still takes a moment to fail (and a zero here could make a
        // queue with a zero visibility timeout spin within one instant).
        let mut duration = if down {
            DOWN_FAILURE
        } else {
            // Workers handle a received batch one message after another.
            let rounds = if node.kind == ComponentKind::WorkerGroup { items.len().max(1) } else { 1 };
            let mut drawn = 0.0;
            for _ in 0..rounds {
                drawn += match service_time {
                    ServiceTime::Around => self.rng.around(mean_us),
                    ServiceTime::Exponential { mean_us } => self.rng.exponential(mean_us),
                };
            }
            (drawn * multiplier + 0.5).max(0.0) as Micros
        };
        if let Some(t) = timeout {
            if duration > t {
                // The function runs out of time: the whole invocation fails.
                duration = t;
                for i in &mut items {
                    i.failed = true;
                }
            }
        }
        // A receive from a queue or a stream is a hop too: the page draws it on the
        // poll arrow, and a message's history shows each (re)delivery. (Skipped
        // outright when no hops are kept.)
        let receive_from = match origin {
            Origin::Queue { queue, .. } => Some(queue),
            Origin::Stream { stream, .. } => Some(stream),
            _ => None,
        };
        if receive_from.is_some() {
            // What a consumer received is what its poller handed it (not a delivery).
            self.nodes[n as usize].totals.received += items.len() as u64;
        }
        if let Some(from) = receive_from.filter(|_| self.options.trace_capacity > 0) {
            let outcome = if down { HopOutcome::Failed } else { HopOutcome::Delivered };
            for i in &items {
                if let Some(id) = self.msgs.get(i.msg).map(|m| m.id) {
                    self.record_hop(id, from, n, outcome);
                }
            }
        }
        let job = self.jobs.insert(Job { node: n, items, origin, pending_calls: 0, sent: false });
        self.events.push(now + duration, Event::JobDone { job });
    }

    /// Processing is over: draw errors, then make the synchronous calls the component makes.
    pub(crate) fn job_done(&mut self, job: Key) {
        let Some(j) = self.jobs.get(job) else { return };
        let n = j.node;
        let rate = match &self.nodes[n as usize].spec {
            Spec::Function(f) => f.error_rate,
            Spec::Service(s) => s.error_rate,
            Spec::WorkerGroup(w) => w.error_rate,
            _ => 0.0,
        } + self.nodes[n as usize].fault.error_rate;
        let count = j.items.len();
        for i in 0..count {
            let Some(item) = self.jobs.get(job).map(|j| j.items[i]) else { return };
            if item.failed {
                continue;
            }
            let failed = self.rng.chance(rate) || self.is_poison_at(n, item.msg);
            if let Some(j) = self.jobs.get_mut(job) {
                j.items[i].failed = failed;
            }
        }
        // A stream batch is handled in order: the code stops at the first record that
        // fails, so the records after it are not processed (they return with it).
        if let Some(j) = self.jobs.get_mut(job) {
            if matches!(j.origin, Origin::Stream { .. }) {
                if let Some(first) = j.items.iter().position(|i| i.failed) {
                    for i in &mut j.items[first..] {
                        i.failed = true;
                    }
                }
            }
        }
        if !self.nodes[n as usize].call_out.is_empty() {
            let calls = self.call_outputs(n);
            self.make_calls(job, &calls, false);
        }
        if self.jobs.get(job).is_some_and(|j| j.pending_calls == 0) {
            self.send_outputs(job);
        }
    }

    /// Calls every link in `links` for each item that has not failed, each with its
    /// own request message (`hand_over`: the first link carries the message on).
    fn make_calls(&mut self, job: Key, links: &[u32], hand_over: bool) {
        if links.is_empty() {
            return;
        }
        // The items leave the job while the calls go out (one slab lookup, not several
        // per call): a call only schedules events, so nothing answers in between.
        let Some((n, mut items)) = self.jobs.get_mut(job).map(|j| (j.node, std::mem::take(&mut j.items))) else { return };
        let timeout = match &self.nodes[n as usize].spec {
            Spec::Service(s) => ms(s.timeout_ms),
            Spec::Function(f) => secs(f.timeout_s),
            _ => secs(30),
        };
        let mut pending = 0;
        for (i, item) in items.iter_mut().enumerate() {
            if item.failed {
                continue;
            }
            for (k, &link) in links.iter().enumerate() {
                let child = if hand_over && k == 0 { self.hand_over(item.msg) } else { self.copy_message(item.msg) };
                // What the code sends carries the function's own message attributes.
                if let Some(c) = child.filter(|_| !self.nodes[n as usize].attributes.is_empty()).and_then(|c| self.msgs.get_mut(c)) {
                    c.attrs = n;
                }
                let Some(child) = child else {
                    item.failed = true;
                    continue;
                };
                pending += 1;
                self.call(link, child, Caller::Job { job, item: i as u32 }, timeout);
            }
        }
        if let Some(j) = self.jobs.get_mut(job) {
            j.items = items;
            j.pending_calls += pending;
        }
    }

    /// The synchronous calls answered: the code sends its outputs, then the job ends.
    fn send_outputs(&mut self, job: Key) {
        let Some(j) = self.jobs.get_mut(job) else { return };
        j.sent = true;
        let n = j.node;
        let outs = self.async_outputs(n);
        self.make_calls(job, &outs, true);
        if self.jobs.get(job).is_some_and(|j| j.pending_calls == 0) {
            self.finish_job(job);
        }
    }

    /// Done with a message that succeeded at `n`: its outputs already went out as
    /// copies (the first carries it on), so the original ends here.
    pub(crate) fn done_with(&mut self, n: u32, msg: Key) {
        if self.nodes.get(n as usize).is_none_or(|node| node.async_out.is_empty()) {
            self.finish(msg, Fate::Consumed);
        } else {
            self.retire(msg);
        }
    }

    /// A call the job made was answered (or timed out).
    pub(crate) fn call_answered(&mut self, job: Key, item: u32, reply: Reply) {
        let Some(j) = self.jobs.get_mut(job) else { return };
        j.pending_calls = j.pending_calls.saturating_sub(1);
        let (pending, sent) = (j.pending_calls, j.sent);
        if !reply.is_ok() {
            let n = j.node;
            let ignores = matches!(&self.nodes[n as usize].spec, Spec::Function(f) if f.ignore_downstream_failures);
            if let Some(i) = self.jobs.get_mut(job).filter(|_| !ignores).and_then(|j| j.items.get_mut(item as usize)) {
                i.failed = true;
            }
        }
        if pending == 0 {
            if sent {
                self.finish_job(job);
            } else {
                self.send_outputs(job);
            }
        }
    }

    fn finish_job(&mut self, job: Key) {
        let Some(j) = self.jobs.remove(job) else { return };
        let n = j.node;
        let now = self.now;
        {
            let node = &mut self.nodes[n as usize];
            if let State::Compute(c) = &mut node.state {
                integrate(&mut node.totals.busy_area, u64::from(c.busy), &mut c.busy_since, now);
                c.busy = c.busy.saturating_sub(1);
            }
            let failures = j.items.iter().filter(|i| i.failed).count() as u64;
            node.totals.errors += failures;
            // What a batch that failed returns to its queue or stream was not
            // processed (the branches below count what was).
            if !matches!(j.origin, Origin::Queue { .. } | Origin::Stream { .. }) {
                node.totals.processed += j.items.len() as u64 - failures;
            }
        }
        match j.origin {
            Origin::Queue { queue, link } => {
                self.poller_done(queue, link);
                let partial = self.links.get(link as usize).is_some_and(|l| l.settings.report_batch_item_failures);
                let any_failed = j.items.iter().any(|i| i.failed);
                for item in &j.items {
                    // Without a partial batch response one failure returns the whole batch.
                    let delete = !item.failed && (partial || !any_failed);
                    if !delete {
                        continue;
                    }
                    if self.queue_delete(queue, item.msg, item.receipt) {
                        self.nodes[n as usize].totals.processed += 1;
                        self.done_with(n, item.msg);
                    } else {
                        // Another consumer got it too: the work (and its sends) was
                        // done twice, and the message stays with the queue.
                        self.nodes[n as usize].totals.duplicates += 1;
                    }
                }
                // The queue is one of the sources pump_compute polls; when it did, a
                // second look would find nothing to hand out.
                if !self.pump_compute(n) {
                    self.pump_queue(queue);
                }
            }
            Origin::Call { frame } => {
                for item in &j.items {
                    if item.failed {
                        self.end_request(item.msg, frame, Fate::Failed);
                    } else {
                        self.done_with(n, item.msg);
                    }
                }
                let ok = j.items.iter().all(|i| !i.failed);
                self.reply(frame, if ok { Reply::Ok } else { Reply::ServerError });
                self.pump_compute(n);
            }
            Origin::Push => {
                for item in &j.items {
                    if item.failed {
                        self.finish(item.msg, Fate::Failed);
                    } else {
                        self.done_with(n, item.msg);
                    }
                }
                self.pump_compute(n);
            }
            Origin::Async { link } => {
                for item in &j.items {
                    if item.failed {
                        self.async_failed(n, link, item.msg);
                    } else {
                        self.done_with(n, item.msg);
                    }
                }
                self.pump_compute(n);
            }
            Origin::Stream { stream, consumer, shard } => {
                self.stream_batch_done(stream, consumer, shard, &j.items);
                self.pump_compute(n);
            }
        }
        if self.item_pool.len() < 1024 {
            self.item_pool.push(j.items);
        }
    }

    /// Lambda retries an async invocation twice (after 1 and 2 minutes), then sends it
    /// to the on-failure destination, or it is lost (failed).
    fn async_failed(&mut self, n: u32, link: u32, msg: Key) {
        let attempts = self.msgs.get(msg).map(|m| m.attempts).unwrap_or(ASYNC_RETRIES);
        let next = ASYNC_RETRY_DELAYS.get(attempts as usize).copied().unwrap_or(0);
        if attempts < ASYNC_RETRIES && !self.too_old(n, msg, next) {
            if let Some(m) = self.msgs.get_mut(msg) {
                m.attempts += 1;
            }
            self.nodes[n as usize].totals.retries += 1;
            let at = self.now + ASYNC_RETRY_DELAYS[attempts as usize];
            if link != u32::MAX && (link as usize) < self.links.len() {
                self.events.push(at, Event::Deliver { link, msg, frame: Key::NONE });
                return;
            }
        }
        self.to_on_failure(n, msg, Fate::Failed);
    }

    /// An asynchronous event Lambda gives up on goes to the on-failure destination,
    /// or ends in `fate` without one.
    fn to_on_failure(&mut self, n: u32, msg: Key, fate: Fate) {
        match self.on_failure_link(n) {
            Some(l) => self.fan_out(&[l], msg),
            None => self.finish(msg, fate),
        }
    }

    /// The function's on-failure destination (async invocations, stream mappings).
    pub(crate) fn on_failure_link(&self, n: u32) -> Option<u32> {
        let node = self.nodes.get(n as usize)?;
        node.out.iter().copied().find(|&l| self.links[l as usize].kind == ConnectionKind::OnFailure)
    }

    /// Would an asynchronous event be past the function's maximum event age `after`
    /// from now?
    fn too_old(&self, n: u32, msg: Key, after: Micros) -> bool {
        let Some(Spec::Function(f)) = self.nodes.get(n as usize).map(|n| &n.spec) else { return false };
        let age = self.msgs.get(msg).map(|m| (self.now + after).saturating_sub(m.enqueued)).unwrap_or(0);
        age > secs(f.max_event_age_s)
    }

    /// An asynchronous event past its maximum age: Lambda discards it to the
    /// on-failure destination (or it is lost).
    fn async_expired(&mut self, n: u32, msg: Key) {
        self.nodes[n as usize].totals.expired += 1;
        self.to_on_failure(n, msg, Fate::Expired);
    }

    /// Capacity freed: take waiting requests, then poll sources (true when it did).
    pub(crate) fn pump_compute(&mut self, n: u32) -> bool {
        loop {
            // The room is looked at once per turn: taking nothing from an empty line
            // leaves it as it was, so the sources below are polled with it.
            if self.consumer_room(n) == 0 {
                self.wake_when_scaled(n);
                return false;
            }
            let Some(w) = self.compute(n).and_then(|c| c.waiting.pop_front()) else { break };
            if !w.sync && self.too_old(n, w.msg, 0) {
                self.async_expired(n, w.msg);
                continue;
            }
            if w.sync && !self.frame_alive(w.frame) {
                // The caller gave up while this request waited (it heard its timeout).
                self.end_request(w.msg, w.frame, Fate::Failed);
                continue;
            }
            let origin = if w.sync {
                Origin::Call { frame: w.frame }
            } else if self.nodes[n as usize].kind == ComponentKind::Function {
                Origin::Async { link: w.link }
            } else {
                Origin::Push
            };
            let items = self.items_of(w.msg);
            self.start_job(n, items, origin);
        }
        let sources = self.nodes[n as usize].sources.clone();
        for &s in sources.iter() {
            match self.nodes[s as usize].kind {
                ComponentKind::Queue => self.pump_queue(s),
                ComponentKind::Stream | ComponentKind::Database => self.pump_stream(s),
                _ => {}
            }
        }
        true
    }

    /// A function held back by its scaling rate (not by its concurrency limit) looks
    /// again when the next execution environment may be created.
    fn wake_when_scaled(&mut self, n: u32) {
        let now = self.now;
        let Some(node) = self.nodes.get(n as usize) else { return };
        let (Spec::Function(f), State::Compute(c)) = (&node.spec, &node.state) else { return };
        if node.fault.stopped || c.busy >= f.concurrency_limit || c.environments > c.busy || c.scale_wake_at > now {
            return;
        }
        let missing = 1.0 - c.new_environments.available(now, NEW_ENVIRONMENTS_PER_S, NEW_ENVIRONMENTS_BURST);
        let after = ((missing.max(0.0) / NEW_ENVIRONMENTS_PER_S) * 1e6).ceil().max(1.0) as Micros;
        if let Some(c) = self.compute(n) {
            c.scale_wake_at = now + after;
        }
        self.events.push(now + after, Event::Pump { node: n });
    }

    // ----- worker groups -----

    pub(crate) fn init_workers(&mut self, n: u32) {
        if let Spec::WorkerGroup(w) = &self.nodes[n as usize].spec {
            if w.min_instances < w.max_instances {
                self.events.push(self.now + SCALE_EVERY, Event::Scale { node: n });
            }
        }
    }

    /// Target tracking on backlog per instance, one data point a minute (AWS's
    /// target tracking alarms: out after 3 breaching points, in after 15 low ones).
    pub(crate) fn scale(&mut self, n: u32) {
        let Spec::WorkerGroup(w) = self.nodes[n as usize].spec.clone() else { return };
        let backlog: u64 = self.nodes[n as usize]
            .inc
            .iter()
            .map(|&l| self.links[l as usize].from)
            .map(|s| u64::from(self.gauges(s).depth))
            .sum();
        let target = u64::from(w.target_backlog_per_instance.max(1));
        let desired = (backlog.div_ceil(target).min(u64::from(w.max_instances)) as u32).max(w.min_instances);
        let desired = self.tracked(n, &w, backlog, desired);
        let warmup = secs(w.platform.start_s() + w.warmup_s);
        let now = self.now;
        if let Some(c) = self.compute(n) {
            let have = c.running + c.warming;
            if desired > have {
                let launch = desired - have;
                c.warming += launch;
                for _ in 0..launch {
                    self.events.push(now + warmup, Event::InstanceReady { node: n });
                }
            } else if desired < c.running {
                // Instances taken out finish the work they hold.
                c.running = desired;
                c.scaled_in_at = Some(now);
            }
        }
        self.events.push(now + SCALE_EVERY, Event::Scale { node: n });
    }

    /// What target tracking does with this minute's data point: the capacity it
    /// wants (`desired`) once 3 points in a row were above the target, fewer once 15
    /// in a row were under 90% of it, with no instance warming up and the scale-in
    /// cooldown over; otherwise what the group has now. In-service instances still in
    /// their instance warm-up do not count toward the metric.
    fn tracked(&mut self, n: u32, w: &crate::model::spec::WorkerGroupSpec, backlog: u64, desired: u32) -> u32 {
        let now = self.now;
        let Some(c) = self.compute(n) else { return desired };
        while c.warming_until.front().is_some_and(|&t| t <= now) {
            c.warming_until.pop_front();
        }
        let counted = c.running.saturating_sub(c.warming_until.len() as u32).max(1);
        let per_instance = backlog as f64 / f64::from(counted);
        let target = f64::from(w.target_backlog_per_instance.max(1));
        c.high_points = if per_instance > target { c.high_points.saturating_add(1) } else { 0 };
        c.low_points = if per_instance < 0.9 * target { c.low_points.saturating_add(1) } else { 0 };
        let have = c.running + c.warming;
        if c.high_points >= SCALE_OUT_POINTS {
            // Warming and starting instances count as capacity already there.
            return desired.max(have);
        }
        let cooled = c.scaled_in_at.is_none_or(|t| now >= t + SCALE_IN_COOLDOWN);
        if c.low_points >= SCALE_IN_POINTS && c.warming == 0 && c.warming_until.is_empty() && cooled {
            return desired.min(c.running);
        }
        have
    }

    pub(crate) fn instance_ready(&mut self, n: u32) {
        let max = match &self.nodes[n as usize].spec {
            Spec::WorkerGroup(w) => w.max_instances,
            _ => 0,
        };
        let metric_warmup = match &self.nodes[n as usize].spec {
            Spec::WorkerGroup(w) => secs(w.instance_warmup_s),
            _ => 0,
        };
        let now = self.now;
        if let Some(c) = self.compute(n) {
            c.warming = c.warming.saturating_sub(1);
            c.running = (c.running + 1).min(max);
            c.warming_until.push_back(now + metric_warmup);
        }
        self.pump_compute(n);
    }
}

/// Target tracking's metric period and its alarms' data points (AWS creates an alarm
/// of 3 one-minute points to scale out and one of 15 to scale in), and the default
/// cooldown after a scale-in.
const SCALE_EVERY: Micros = 60_000_000;
const SCALE_OUT_POINTS: u32 = 3;
const SCALE_IN_POINTS: u32 = 15;
const SCALE_IN_COOLDOWN: Micros = 300_000_000;
/// How long an invocation of a down function or worker takes to fail.
const DOWN_FAILURE: Micros = 10_000;
