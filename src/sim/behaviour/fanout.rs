//! Topics (SNS subscriptions), event buses (rules), object storage events and sinks.
//! Delivery retries and dead-letter queues of rules and subscriptions are in `delivery.rs`.
//!
//! A topic or bus with a JSON Schema checks each event that arrives; one that does not
//! fit is counted and still routed, as a schema registry flags and does not block.
//! A bus with its archive on keeps every event it receives (up to
//! [`ARCHIVE_CAPACITY`]; later ones are counted as dropped) and can replay them to its
//! rules as new messages, marked so that no bus archives or checks them again.
//! A FIFO topic takes at most 3,000 publishes a second (SNS's topic-scope FIFO quota);
//! beyond that a publish is throttled.

use crate::model::spec::Spec;
use crate::model::{ComponentKind, ConnectionKind};
use crate::routing::JsonSchema;
use crate::sim::bucket::TokenBucket;
use crate::sim::engine::{Reply, Simulation, State};
use crate::sim::metrics::{Fate, Rejection};
use crate::sim::slab::Key;
use crate::sim::time::{ms, to_secs};
use crate::sim::trace::HopOutcome;
use crate::text::Message;
use serde::Serialize;

/// Events one bus's archive keeps (about 24 bytes each); later ones are not archived
/// and are counted in [`ArchiveReport::dropped`].
pub const ARCHIVE_CAPACITY: usize = 100_000;
/// Schema violations whose reasons are kept for display: the first ones.
pub const SCHEMA_REASONS_KEPT: usize = 5;

/// An event that did not fit its topic's or bus's schema (it was still routed).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SchemaViolation {
    /// The message's id, as in the trace.
    pub message: u64,
    pub at_s: f64,
    /// Where and why, in both languages (`detail.amount: expected a number, found a string.`).
    pub reason: Message,
}

/// An event bus's archive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ArchiveReport {
    /// Events kept.
    pub archived: u64,
    /// Events not kept because the archive was full.
    pub dropped: u64,
    /// Replays started.
    pub replays: u64,
    /// Events sent again by those replays.
    pub replayed: u64,
}

/// What an archive keeps of an event: enough to render the same payload again.
#[derive(Clone, Copy)]
struct Archived {
    source: u32,
    seq: u64,
    seed: u64,
    poison: bool,
}

#[derive(Default)]
struct Archive {
    events: Vec<Archived>,
    dropped: u64,
    replays: u64,
    replayed: u64,
}

pub(crate) struct FanoutState {
    schema: Option<JsonSchema>,
    pub violations: u64,
    pub reasons: Vec<SchemaViolation>,
    archive: Option<Archive>,
    /// FIFO topics: their publish quota.
    fifo_publishes: Option<TokenBucket>,
}

/// SNS FIFO topics (topic throughput scope): 3,000 messages a second.
const FIFO_TOPIC_PER_S: f64 = 3_000.0;

impl FanoutState {
    /// A topic's or bus's state; the reason when its schema cannot be used.
    pub fn new(spec: &Spec) -> Result<FanoutState, Message> {
        let (schema, archive) = match spec {
            Spec::Topic(s) => (s.schema.as_str(), false),
            Spec::EventBus(s) => (s.schema.as_str(), s.archive),
            _ => ("", false),
        };
        let schema = if schema.trim().is_empty() { None } else { Some(JsonSchema::parse(schema).map_err(|e| e.message)?) };
        let fifo = matches!(spec, Spec::Topic(s) if s.fifo);
        Ok(FanoutState {
            schema,
            violations: 0,
            reasons: Vec::new(),
            archive: archive.then(Archive::default),
            fifo_publishes: fifo.then(TokenBucket::default),
        })
    }

    pub fn archive_report(&self) -> Option<ArchiveReport> {
        self.archive.as_ref().map(|a| ArchiveReport { archived: a.events.len() as u64, dropped: a.dropped, replays: a.replays, replayed: a.replayed })
    }
}

impl Simulation {
    fn fanout_state(&mut self, n: u32) -> Option<&mut FanoutState> {
        match &mut self.nodes.get_mut(n as usize)?.state {
            State::Fanout(f) => Some(f),
            _ => None,
        }
    }

    /// A topic pushes to every subscription that accepts the message; a bus to every
    /// matching rule. With none, the message goes nowhere (counted as no route).
    pub(crate) fn fanout_arrive(&mut self, n: u32, msg: Key, frame: Key) -> HopOutcome {
        let now = self.now;
        if self.fanout_state(n).and_then(|f| f.fifo_publishes.as_mut()).is_some_and(|b| !b.take(now, FIFO_TOPIC_PER_S)) {
            self.nodes[n as usize].totals.throttles += 1;
            self.end_request(msg, frame, Fate::Rejected(Rejection::Throttled));
            self.reply(frame, Reply::Throttled);
            return HopOutcome::Throttled;
        }
        let mut payload = None;
        self.register(n, msg, &mut payload);
        let wanted = if self.nodes[n as usize].kind == ComponentKind::Topic { ConnectionKind::Subscription } else { ConnectionKind::Rule };
        let candidates: Vec<u32> = self.nodes[n as usize].out.iter().copied().filter(|&l| self.links[l as usize].kind == wanted).collect();
        let mut routed = None;
        let targets: Vec<u32> = candidates.into_iter().filter(|&l| self.accepts(l, msg, &mut payload, &mut routed)).collect();
        self.reply(frame, Reply::Ok);
        if targets.is_empty() {
            self.finish(msg, Fate::Rejected(Rejection::NoRoute));
            return HopOutcome::Delivered;
        }
        self.nodes[n as usize].totals.processed += 1;
        self.deliver_all(&targets, msg);
        HopOutcome::Delivered
    }

    /// The schema registry and the archive see an event as it first arrives (the
    /// payload, rendered at most once, is kept for the rules' matching).
    fn register(&mut self, n: u32, msg: Key, payload: &mut Option<String>) {
        let Some(m) = self.msgs.get(msg) else { return };
        if m.replayed {
            return;
        }
        let (id, event) = (m.id, Archived { source: m.source, seq: m.seq, seed: m.seed, poison: m.poison });
        let verdict = match &self.nodes[n as usize].state {
            State::Fanout(f) => f.schema.as_ref().map(|s| s.check_text(payload.get_or_insert_with(|| self.payload_of(msg)))),
            _ => None,
        };
        let at_s = to_secs(self.now);
        let Some(f) = self.fanout_state(n) else { return };
        if let Some(Err(reason)) = verdict {
            f.violations += 1;
            if f.reasons.len() < SCHEMA_REASONS_KEPT {
                f.reasons.push(SchemaViolation { message: id, at_s, reason });
            }
        }
        if let Some(a) = &mut f.archive {
            if a.events.len() < ARCHIVE_CAPACITY {
                a.events.push(event);
            } else {
                a.dropped += 1;
            }
        }
    }

    /// Sends every event in bus `n`'s archive (as it is now) to the bus again, in the
    /// order received, as new messages marked replayed. No-op for a node without one.
    pub(crate) fn replay(&mut self, n: u32) {
        // A copy of the (small, plain) entries: replaying sends through the bus, which
        // needs the simulation mutably while the archive is read.
        let events = match self.fanout_state(n).and_then(|f| f.archive.as_mut()) {
            Some(a) => {
                a.replays += 1;
                a.events.clone()
            }
            None => return,
        };
        let mut replayed = 0;
        for e in events {
            // None: too many messages alive (the refusal is counted).
            let Some(msg) = self.new_message(e.source, e.seq, Some(e.seed)) else { continue };
            if let Some(m) = self.msgs.get_mut(msg) {
                m.replayed = true;
                m.poison = e.poison;
            }
            replayed += 1;
            self.nodes[n as usize].totals.received += 1;
            if !self.refused_while_down(n, msg, Key::NONE) {
                self.fanout_arrive(n, msg, Key::NONE);
            }
        }
        if let Some(a) = self.fanout_state(n).and_then(|f| f.archive.as_mut()) {
            a.replayed += replayed;
        }
    }

    /// Object storage keeps the object, lets analytics count it, and emits an event per
    /// write to its connected function, queue, topic or bus.
    pub(crate) fn object_storage_arrive(&mut self, n: u32, msg: Key, frame: Key) -> HopOutcome {
        self.nodes[n as usize].totals.processed += 1;
        let queries: Vec<u32> =
            self.nodes[n as usize].out.iter().copied().filter(|&l| self.links[l as usize].kind == ConnectionKind::Query).collect();
        for l in queries {
            let to = self.links[l as usize].to as usize;
            if let Some(a) = self.nodes.get_mut(to) {
                a.totals.received += 1;
                a.totals.processed += 1;
            }
        }
        self.reply(frame, Reply::Ok);
        self.forward(n, msg);
        HopOutcome::Delivered
    }

    /// Search index, analytics, notification: the message ends here. The search index
    /// records how far its read model lags the original write (including its refresh).
    pub(crate) fn sink_arrive(&mut self, n: u32, msg: Key, frame: Key) -> HopOutcome {
        let refresh = match &self.nodes[n as usize].spec {
            Spec::SearchIndex(s) => Some(ms(s.refresh_ms)),
            _ => None,
        };
        if let (Some(refresh), Some(m)) = (refresh, self.msgs.get(msg)) {
            let lag = self.now.saturating_sub(m.born) + refresh;
            let t = &mut self.nodes[n as usize].totals;
            t.lag_sum_us += u128::from(lag);
            t.lags += 1;
            t.max_lag_us = t.max_lag_us.max(lag);
        }
        self.nodes[n as usize].totals.processed += 1;
        self.finish(msg, Fate::Consumed);
        self.reply(frame, Reply::Ok);
        HopOutcome::Delivered
    }
}
