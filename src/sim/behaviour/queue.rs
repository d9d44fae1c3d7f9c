//! SQS: standard (at-least-once, duplicates) and FIFO (order per message group, a
//! received message blocks its group, 5-minute deduplication); delivery delay,
//! visibility timeout, receive counts and redrive to a dead-letter queue, retention.
//!
//! Consumers (Lambda event source mappings, polling workers) are modelled as long
//! polling with no gap: a visible message goes to a consumer with free capacity at once.
//! Lambda's event source mapping polls with a number of pollers that grows with the
//! backlog: five batches at once, up to 300 more each minute messages are still
//! there, at most 1,000, back to five when the queue has been empty for a minute
//! (AWS, "Configuring scaling behavior for SQS event source mappings").
//! A receive is still an API call: a message received with a zero visibility timeout
//! is not handed out again before the next ReceiveMessage round trip, so no setting
//! makes the engine receive one message many times within one instant.

use crate::model::spec::{QueueSpec, Spec};
use crate::model::{ComponentKind, ConnectionKind};
use crate::sim::behaviour::compute::{Item, Origin};
use crate::sim::engine::{Reply, Simulation, State};
use crate::sim::event::Event;
use crate::sim::message::Place;
use crate::sim::metrics::{integrate, Fate, Rejection};
use crate::sim::payload::{field_text, fnv1a};
use crate::sim::slab::Key;
use crate::sim::time::{secs, Micros};
use crate::sim::trace::HopOutcome;
use std::collections::{HashMap, VecDeque};

const NO_TIMER: Micros = Micros::MAX;
/// FIFO deduplication interval.
const DEDUP_WINDOW: Micros = 300_000_000;
/// A ReceiveMessage round trip inside a region (AWS documents no figure; SQS calls
/// typically answer in milliseconds to tens of milliseconds). The earliest another
/// poller's call can get a message whose visibility timeout is 0 s.
pub(crate) const RECEIVE_ROUND_TRIP: Micros = 20_000;
/// Lambda's SQS pollers: where they start, how many a minute adds, the most.
const POLLERS_START: u32 = 5;
const POLLERS_PER_MINUTE: u32 = 300;
const POLLERS_MAX: u32 = 1_000;
const MINUTE: Micros = 60_000_000;

/// The pollers of one event source mapping from this queue to a function.
#[derive(Clone, Copy, Debug)]
struct Pollers {
    link: u32,
    count: u32,
    /// Batches being processed now.
    busy: u32,
    /// When the next 300 may start, while messages wait.
    grow_at: Micros,
    /// A pump already asked for at `grow_at`.
    woken: Micros,
    /// Since when the queue has been empty (scale back after a minute).
    idle_since: Option<Micros>,
}

#[derive(Debug, Default)]
struct Group {
    msgs: VecDeque<Key>,
    received: u32,
    ready: bool,
}

pub(crate) struct QueueState {
    pub spec: QueueSpec,
    visible: VecDeque<Key>,
    groups: HashMap<u64, Group>,
    ready_groups: VecDeque<u64>,
    delayed: VecDeque<(Micros, Key)>,
    /// Visibility deadlines in receive order (the timeout is fixed, so they are sorted);
    /// entries whose message was deleted are skipped lazily.
    received: VecDeque<(Micros, Key, u32)>,
    pub n_visible: u32,
    pub n_delayed: u32,
    pub n_received: u32,
    timer_at: Micros,
    window_at: Micros,
    dedup: HashMap<u64, Micros>,
    dedup_order: VecDeque<(Micros, u64)>,
    next_consumer: u32,
    backlog_since: Micros,
    pollers: Vec<Pollers>,
    /// The dead-letter queue (the topology is fixed for a run: found once, not per receive).
    dlq: Option<u32>,
}

impl QueueState {
    pub fn new(spec: QueueSpec) -> QueueState {
        QueueState {
            spec,
            visible: VecDeque::new(),
            groups: HashMap::new(),
            ready_groups: VecDeque::new(),
            delayed: VecDeque::new(),
            received: VecDeque::new(),
            n_visible: 0,
            n_delayed: 0,
            n_received: 0,
            timer_at: NO_TIMER,
            window_at: NO_TIMER,
            dedup: HashMap::new(),
            dedup_order: VecDeque::new(),
            next_consumer: 0,
            backlog_since: 0,
            pollers: Vec::new(),
            dlq: None,
        }
    }

    /// Messages this queue owns (visible, delayed, received and not deleted).
    pub fn held(&self) -> u64 {
        u64::from(self.n_visible) + u64::from(self.n_delayed) + u64::from(self.n_received)
    }

    /// When the oldest visible message became visible.
    pub fn oldest_since(&self, sim: &Simulation) -> Option<Micros> {
        let front = if self.spec.fifo {
            self.groups.values().filter_map(|g| g.msgs.front()).filter_map(|k| sim.msgs.get(*k)).map(|m| m.since).min()
        } else {
            self.visible.front().and_then(|k| sim.msgs.get(*k)).map(|m| m.since)
        };
        front
    }
}

impl Simulation {
    fn queue_state(&mut self, q: u32) -> Option<&mut QueueState> {
        match &mut self.nodes.get_mut(q as usize)?.state {
            State::Queue(s) => Some(s),
            _ => None,
        }
    }

    /// The dead-letter queue of `q`, as found when the run was built.
    fn dlq_of(&self, q: u32) -> Option<u32> {
        match &self.nodes.get(q as usize)?.state {
            State::Queue(s) => s.dlq,
            _ => None,
        }
    }

    /// Finds `q`'s dead-letter queue once (not itself: a self-redrive would loop).
    pub(crate) fn init_dlq(&mut self, q: u32) {
        let Some(node) = self.nodes.get(q as usize) else { return };
        let dlq = node
            .out
            .iter()
            .map(|&l| &self.links[l as usize])
            .find(|l| l.kind == ConnectionKind::Redrive && l.to != q)
            .map(|l| l.to);
        if let Some(s) = self.queue_state(q) {
            s.dlq = dlq;
        }
    }

    /// Messages waiting in `q`'s dead-letter queue.
    pub(crate) fn dlq_depth(&self, q: u32) -> u32 {
        match self.dlq_of(q).and_then(|d| self.nodes.get(d as usize)).map(|n| &n.state) {
            Some(State::Queue(d)) => d.n_visible + d.n_delayed,
            _ => 0,
        }
    }

    pub(crate) fn queue_arrive(&mut self, q: u32, _link: u32, msg: Key, frame: Key) -> HopOutcome {
        let fifo = matches!(&self.nodes[q as usize].spec, Spec::Queue(s) if s.fifo);
        if fifo {
            let now = self.now;
            let origin = self.msgs.get(msg).map(|m| m.origin).unwrap_or(0);
            let Some(state) = self.queue_state(q) else { return HopOutcome::Rejected };
            while let Some(&(t, o)) = state.dedup_order.front() {
                if t + DEDUP_WINDOW > now {
                    break;
                }
                state.dedup_order.pop_front();
                if state.dedup.get(&o) == Some(&t) {
                    state.dedup.remove(&o);
                }
            }
            if state.dedup.contains_key(&origin) {
                self.finish(msg, Fate::Rejected(Rejection::Deduplicated));
                self.reply(frame, Reply::Ok);
                return HopOutcome::Rejected;
            }
            state.dedup.insert(origin, now);
            state.dedup_order.push_back((now, origin));
            let field = state.spec.message_group_field.clone();
            let group = fnv1a(field_text(&self.payload_of(msg), &field).unwrap_or_default().as_bytes());
            if let Some(m) = self.msgs.get_mut(msg) {
                m.group = group;
            }
        }
        self.enqueue(q, msg);
        self.reply(frame, Reply::Ok);
        self.pump_queue(q);
        HopOutcome::Delivered
    }

    /// Puts a message in `q`, delayed or visible.
    fn enqueue(&mut self, q: u32, msg: Key) {
        let now = self.now;
        let Some(delay) = self.queue_state(q).map(|s| secs(s.spec.delay_s)) else { return };
        if let Some(m) = self.msgs.get_mut(msg) {
            m.enqueued = now;
            m.since = now;
        }
        if delay > 0 {
            if let Some(m) = self.msgs.get_mut(msg) {
                m.place = Place::Delayed(q);
            }
            let Some(state) = self.queue_state(q) else { return };
            state.delayed.push_back((now + delay, msg));
            state.n_delayed += 1;
            self.ensure_queue_timer(q, now + delay);
        } else {
            self.make_visible(q, msg, false);
        }
    }

    fn make_visible(&mut self, q: u32, msg: Key, front: bool) {
        let now = self.now;
        let group = match self.msgs.get_mut(msg) {
            Some(m) => {
                m.place = Place::Visible(q);
                m.since = now;
                m.group
            }
            None => return,
        };
        let node = &mut self.nodes[q as usize];
        let State::Queue(state) = &mut node.state else { return };
        integrate(&mut node.totals.backlog_area, u64::from(state.n_visible), &mut state.backlog_since, now);
        state.n_visible += 1;
        if state.spec.fifo {
            let g = state.groups.entry(group).or_default();
            if front {
                g.msgs.push_front(msg);
            } else {
                g.msgs.push_back(msg);
            }
            if g.received == 0 && !g.ready {
                g.ready = true;
                state.ready_groups.push_back(group);
            }
        } else {
            state.visible.push_back(msg);
        }
    }

    /// Takes the next visible message (FIFO: from the first unblocked group, staying in
    /// `current` group while it has messages).
    fn pop_visible(&mut self, q: u32, current: &mut Option<u64>) -> Option<Key> {
        let now = self.now;
        let node = &mut self.nodes[q as usize];
        let State::Queue(state) = &mut node.state else { return None };
        let key = if state.spec.fifo {
            loop {
                if let Some(g) = current.and_then(|g| state.groups.get_mut(&g)) {
                    if let Some(k) = g.msgs.pop_front() {
                        break Some(k);
                    }
                }
                let g = state.ready_groups.pop_front()?;
                if let Some(group) = state.groups.get_mut(&g) {
                    group.ready = false;
                }
                *current = Some(g);
            }
        } else {
            state.visible.pop_front()
        }?;
        integrate(&mut node.totals.backlog_area, u64::from(state.n_visible), &mut state.backlog_since, now);
        state.n_visible -= 1;
        Some(key)
    }

    /// After a FIFO group lost a message, unblock it if nothing of it is in flight.
    fn settle_group(&mut self, q: u32, group: u64) {
        let Some(state) = self.queue_state(q) else { return };
        if !state.spec.fifo {
            return;
        }
        if let Some(g) = state.groups.get_mut(&group) {
            if g.received == 0 && !g.ready {
                if g.msgs.is_empty() {
                    state.groups.remove(&group);
                } else {
                    g.ready = true;
                    state.ready_groups.push_back(group);
                }
            }
        }
    }

    /// Receives up to `max` messages for a consumer: expired ones are dropped and
    /// counted, ones past the receive limit move to the dead-letter queue.
    pub(crate) fn receive_batch(&mut self, q: u32, max: u32) -> Vec<Item> {
        let mut out = self.item_pool.pop().unwrap_or_default();
        out.clear();
        let Some((fifo, retention, max_receives, visibility, duplicate_rate)) = self
            .queue_state(q)
            .map(|s| (s.spec.fifo, secs(s.spec.retention_s), s.spec.max_receive_count, secs(s.spec.visibility_timeout_s), s.spec.duplicate_rate))
        else {
            return out;
        };
        let dlq = self.dlq_of(q);
        let mut current = None;
        let mut touched = Vec::new();
        while (out.len() as u32) < max {
            // Nothing visible: spare the call (most receives find one message).
            if self.queue_state(q).is_none_or(|s| s.n_visible == 0) {
                break;
            }
            let Some(msg) = self.pop_visible(q, &mut current) else { break };
            let now = self.now;
            let Some(m) = self.msgs.get_mut(msg) else { continue };
            let group = m.group;
            if fifo && !touched.contains(&group) {
                touched.push(group);
            }
            if now.saturating_sub(m.enqueued) >= retention {
                m.place = Place::Moving;
                self.nodes[q as usize].totals.expired += 1;
                self.finish(msg, Fate::Expired);
                continue;
            }
            if let (Some(d), true) = (dlq, m.receives >= max_receives) {
                self.dead_letter(q, d, msg);
                continue;
            }
            m.receives += 1;
            m.receipt = m.receipt.wrapping_add(1);
            m.place = Place::Received(q);
            let (receipt, waited) = (m.receipt, now.saturating_sub(m.since));
            m.since = now;
            if m.dead {
                m.dead = false;
                self.dead_live -= 1;
            }
            let deadline = now.saturating_add(visibility.max(RECEIVE_ROUND_TRIP));
            let node = &mut self.nodes[q as usize];
            node.totals.wait_sum_us += u128::from(waited);
            node.totals.waits += 1;
            let State::Queue(state) = &mut node.state else { break };
            state.received.push_back((deadline, msg, receipt));
            state.n_received += 1;
            if fifo {
                if let Some(g) = state.groups.get_mut(&group) {
                    g.received += 1;
                }
            }
            self.ensure_queue_timer(q, deadline);
            // Standard queues deliver at least once: sometimes a second copy stays behind.
            if !fifo && self.rng.chance(duplicate_rate) {
                if let Some(copy) = self.copy_message(msg) {
                    // The copy keeps the original's origin (clone), so FIFO-style dedup sees it.
                    if let Some(c) = self.msgs.get_mut(copy) {
                        c.enqueued = now;
                    }
                    self.make_visible(q, copy, false);
                }
            }
            out.push(Item { msg, receipt, failed: false });
        }
        for g in touched {
            self.settle_group(q, g);
        }
        out
    }

    /// Moves a message to the dead-letter queue `d` (its receive count starts over).
    pub(crate) fn dead_letter(&mut self, q: u32, d: u32, msg: Key) {
        let Some(m) = self.msgs.get_mut(msg) else { return };
        m.receives = 0;
        m.place = Place::Moving;
        let id = m.id;
        if !m.dead {
            m.dead = true;
            self.dead_live += 1;
        }
        self.nodes[q as usize].totals.dead_lettered += 1;
        let enqueued = m.enqueued;
        self.record_hop(id, q, d, HopOutcome::DeadLettered);
        self.nodes[d as usize].totals.received += 1;
        self.enqueue(d, msg);
        // A standard DLQ keeps the original enqueue time, so retention counts from
        // the first send (AWS, "Amazon SQS dead-letter queues"); a FIFO DLQ restarts it.
        let fifo_dlq = matches!(&self.nodes[d as usize].spec, Spec::Queue(s) if s.fifo);
        if let (false, Some(m)) = (fifo_dlq, self.msgs.get_mut(msg)) {
            m.enqueued = enqueued;
        }
        self.pump_queue(d);
    }

    /// A consumer deletes a message it received; false when its receipt is stale
    /// (the message became visible again, or someone else received it).
    pub(crate) fn queue_delete(&mut self, q: u32, msg: Key, receipt: u32) -> bool {
        let Some(m) = self.msgs.get_mut(msg) else { return false };
        if m.place != Place::Received(q) || m.receipt != receipt {
            return false;
        }
        m.place = Place::Moving;
        let group = m.group;
        let Some(state) = self.queue_state(q) else { return false };
        state.n_received -= 1;
        if state.spec.fifo {
            if let Some(g) = state.groups.get_mut(&group) {
                g.received = g.received.saturating_sub(1);
            }
            self.settle_group(q, group);
        }
        true
    }

    fn ensure_queue_timer(&mut self, q: u32, at: Micros) {
        let Some(state) = self.queue_state(q) else { return };
        if at < state.timer_at {
            state.timer_at = at;
            self.events.push(at, Event::QueueTimer { node: q });
        }
    }

    /// Delays that ended and visibility timeouts that passed.
    pub(crate) fn queue_timer(&mut self, q: u32) {
        let now = self.now;
        let Some(state) = self.queue_state(q) else { return };
        if state.timer_at != now {
            // A superseded timer (an earlier one was scheduled later on).
            if state.timer_at < now {
                state.timer_at = NO_TIMER;
            } else {
                return;
            }
        }
        state.timer_at = NO_TIMER;
        while let Some(&(at, msg)) = self.queue_state(q).and_then(|s| s.delayed.front()) {
            if at > now {
                break;
            }
            let Some(state) = self.queue_state(q) else { return };
            state.delayed.pop_front();
            state.n_delayed -= 1;
            self.make_visible(q, msg, false);
        }
        while let Some(&(deadline, msg, receipt)) = self.queue_state(q).and_then(|s| s.received.front()) {
            let valid = self.msgs.get(msg).is_some_and(|m| m.place == Place::Received(q) && m.receipt == receipt);
            if valid && deadline > now {
                break;
            }
            let Some(state) = self.queue_state(q) else { return };
            state.received.pop_front();
            if valid {
                // Not deleted in time: visible again, at the front of its FIFO group.
                state.n_received -= 1;
                let fifo = state.spec.fifo;
                let group = self.msgs.get(msg).map(|m| m.group).unwrap_or(0);
                if fifo {
                    if let Some(g) = self.queue_state(q).and_then(|s| s.groups.get_mut(&group)) {
                        g.received = g.received.saturating_sub(1);
                    }
                }
                self.make_visible(q, msg, true);
                self.settle_group(q, group);
            }
        }
        let Some(state) = self.queue_state(q) else { return };
        let next = state.delayed.front().map(|d| d.0).into_iter().chain(state.received.front().map(|r| r.0)).min();
        if let Some(at) = next {
            self.ensure_queue_timer(q, at);
        }
        self.pump_queue(q);
    }

    /// Expires visible messages older than the retention period (called each second).
    pub(crate) fn sweep_retention(&mut self, q: u32) {
        let now = self.now;
        let Some(state) = self.queue_state(q) else {
            self.sweep_stream(q);
            return;
        };
        if state.spec.fifo {
            return; // FIFO messages expire when they reach the front of a receive.
        }
        let retention = secs(state.spec.retention_s);
        while let Some(&msg) = self.queue_state(q).and_then(|s| s.visible.front()) {
            let old = self.msgs.get(msg).is_some_and(|m| now.saturating_sub(m.enqueued) >= retention);
            if !old {
                break;
            }
            let mut none = None;
            if self.pop_visible(q, &mut none).is_none() {
                break;
            }
            self.nodes[q as usize].totals.expired += 1;
            self.finish(msg, Fate::Expired);
        }
    }

    /// Hands visible messages to consumers with free capacity.
    pub(crate) fn pump_queue(&mut self, q: u32) {
        loop {
            let Some(state) = self.queue_state(q) else { return };
            // FIFO: visible messages in blocked groups cannot be received yet.
            if state.n_visible == 0 || (state.spec.fifo && state.ready_groups.is_empty()) {
                return;
            }
            let n_visible = state.n_visible;
            let start = state.next_consumer;
            let count = self.nodes[q as usize].out.len() as u32;
            let mut chosen = None;
            for i in 0..count {
                let l = self.nodes[q as usize].out[((start + i) % count) as usize];
                let (kind, to) = (self.links[l as usize].kind, self.links[l as usize].to);
                if matches!(kind, ConnectionKind::EventSourceMapping | ConnectionKind::Poll) && self.consumer_room(to) > 0 && self.poller_free(q, l) {
                    chosen = Some((i, l));
                    break;
                }
            }
            let Some((i, link)) = chosen else { return };
            let (to, settings_batch, window) = {
                let l = &self.links[link as usize];
                (l.to, l.settings.batch_size, secs(l.settings.batch_window_s))
            };
            let is_function = self.nodes[to as usize].kind == ComponentKind::Function;
            // Lambda takes the mapping's batch size; a worker slot receives up to the
            // queue's receive batch size (MaxNumberOfMessages) and works through it.
            let receive_batch = self.queue_state(q).map(|s| s.spec.batch_size.clamp(1, 10)).unwrap_or(1);
            let batch = if is_function { settings_batch.max(1) } else { receive_batch };
            if is_function && window > 0 && n_visible < batch {
                // Gather a fuller batch until the oldest message has waited the window.
                let oldest = self.queue_state(q).and_then(|s| s.oldest_since_fast()).and_then(|k| self.msgs.get(k)).map(|m| m.since);
                let due = oldest.unwrap_or(self.now).saturating_add(window);
                if due > self.now {
                    let Some(state) = self.queue_state(q) else { return };
                    if state.window_at != due {
                        state.window_at = due;
                        self.events.push(due, Event::Pump { node: q });
                    }
                    return;
                }
            }
            if let Some(state) = self.queue_state(q) {
                state.next_consumer = (start + i + 1) % count.max(1);
            }
            let items = self.receive_batch(q, batch);
            if items.is_empty() {
                self.item_pool.push(items);
                continue;
            }
            if let Some(p) = self.queue_state(q).and_then(|s| s.pollers.iter_mut().find(|p| p.link == link)) {
                p.busy += 1;
            }
            self.start_job(to, items, Origin::Queue { queue: q, link });
        }
    }

    /// May the event source mapping over `link` (to a function) start another batch?
    /// Grows or shrinks its pollers first. Other consumers have no poller limit.
    fn poller_free(&mut self, q: u32, link: u32) -> bool {
        let to = self.links[link as usize].to;
        if self.nodes[to as usize].kind != ComponentKind::Function {
            return true;
        }
        let now = self.now;
        let Some(state) = self.queue_state(q) else { return true };
        let waiting = state.n_visible > 0;
        let p = match state.pollers.iter().position(|p| p.link == link) {
            Some(i) => &mut state.pollers[i],
            None => {
                state.pollers.push(Pollers { link, count: POLLERS_START, busy: 0, grow_at: now + MINUTE, woken: 0, idle_since: None });
                let last = state.pollers.len() - 1;
                &mut state.pollers[last]
            }
        };
        if waiting {
            p.idle_since = None;
            if p.busy >= p.count && now >= p.grow_at {
                p.count = (p.count + POLLERS_PER_MINUTE).min(POLLERS_MAX);
                p.grow_at = now + MINUTE;
            }
        } else {
            let since = *p.idle_since.get_or_insert(now);
            if now.saturating_sub(since) >= MINUTE {
                p.count = POLLERS_START;
                p.grow_at = now + MINUTE;
            }
        }
        if p.busy < p.count {
            return true;
        }
        // Pollers all busy while messages wait: look again when 300 more may start.
        let at = p.grow_at.max(now + 1);
        if p.woken != at {
            p.woken = at;
            self.events.push(at, Event::Pump { node: q });
        }
        false
    }

    /// A batch from the mapping over `link` is done: its poller is free.
    pub(crate) fn poller_done(&mut self, q: u32, link: u32) {
        if let Some(p) = self.queue_state(q).and_then(|s| s.pollers.iter_mut().find(|p| p.link == link)) {
            p.busy = p.busy.saturating_sub(1);
        }
    }
}

impl QueueState {
    fn oldest_since_fast(&self) -> Option<Key> {
        if self.spec.fifo {
            self.ready_groups.front().and_then(|g| self.groups.get(g)).and_then(|g| g.msgs.front().copied())
        } else {
            self.visible.front().copied()
        }
    }
}
