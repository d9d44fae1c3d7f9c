//! Databases (write capacity, throttled writes retried by the writer, change
//! streams) and delivery streams (buffer, then write in batches).

use crate::model::spec::{DatabaseEngine, Spec};
use crate::model::ConnectionKind;
use crate::sim::behaviour::stream::StreamState;
use crate::sim::bucket::TokenBucket;
use crate::sim::engine::{Reply, Simulation, State};
use crate::sim::event::Event;
use crate::sim::metrics::{Fate, Rejection};
use crate::sim::slab::Key;
use crate::sim::time::{secs, Micros};
use crate::sim::trace::HopOutcome;
use std::collections::VecDeque;

/// A database's write capacity, and its DynamoDB stream when a function reads it.
#[derive(Default)]
pub(crate) struct DatabaseState {
    writes: TokenBucket,
    pub changes: Option<Box<StreamState>>,
}

impl DatabaseState {
    pub fn new(changes: Option<StreamState>) -> DatabaseState {
        DatabaseState { writes: TokenBucket::default(), changes: changes.map(Box::new) }
    }
}

#[derive(Default)]
pub(crate) struct FirehoseState {
    pub buffer: VecDeque<Key>,
    pub bytes: u64,
}

/// Throttled writes: the SDK retries with exponential backoff, then gives up.
const WRITE_RETRIES: u8 = 5;
const WRITE_BACKOFF: Micros = 50_000;

impl Simulation {
    pub(crate) fn database_arrive(&mut self, d: u32, link: u32, msg: Key, frame: Key) -> HopOutcome {
        let capacity = match &self.nodes[d as usize].spec {
            Spec::Database(s) => f64::from(s.write_capacity_per_s),
            _ => 0.0,
        };
        if self.out_of_connections(d) {
            return self.refuse_down(d, msg, frame, Some(Reply::ServerError));
        }
        let now = self.now;
        let State::Database(state) = &mut self.nodes[d as usize].state else { return HopOutcome::Rejected };
        if !state.writes.take(now, capacity) {
            self.nodes[d as usize].totals.throttles += 1;
            if self.retry_throttled_write(link, msg, frame, WRITE_RETRIES, WRITE_BACKOFF) {
                self.nodes[d as usize].totals.retries += 1;
            }
            return HopOutcome::Throttled;
        }
        self.nodes[d as usize].totals.processed += 1;
        // A write that went through starts afresh (a change passed on to a function
        // has its own asynchronous retries).
        if let Some(m) = self.msgs.get_mut(msg) {
            m.attempts = 0;
        }
        self.reply(frame, Reply::Ok);
        // With the change stream on, the change goes into the table's stream, which
        // its functions read, and on to a Kinesis stream it feeds.
        let to_stream = matches!(&self.nodes[d as usize].state, State::Database(s) if s.changes.is_some());
        let outs = self.async_outputs(d);
        if to_stream && !outs.is_empty() {
            if let Some(copy) = self.copy_message(msg) {
                self.change_record(d, copy);
            }
            self.forward(d, msg);
        } else if to_stream {
            self.change_record(d, msg);
        } else {
            self.forward(d, msg);
        }
        HopOutcome::Delivered
    }

    /// Aurora: are more connections open than the writer accepts? Every running slot
    /// of a function, worker group or service that reads or writes it holds one (a
    /// Lambda execution environment keeps its connection); over the limit, the request
    /// fails ("too many connections"), as a 5xx.
    pub(crate) fn out_of_connections(&self, d: u32) -> bool {
        let node = &self.nodes[d as usize];
        let Spec::Database(s) = &node.spec else { return false };
        if s.engine != DatabaseEngine::Aurora {
            return false;
        }
        let mut callers: Vec<u32> = node
            .inc
            .iter()
            .map(|&l| &self.links[l as usize])
            .filter(|l| matches!(l.kind, ConnectionKind::Write | ConnectionKind::Read))
            .map(|l| l.from)
            .collect();
        callers.sort_unstable();
        callers.dedup();
        let open: u64 = callers
            .iter()
            .map(|&n| match &self.nodes[n as usize].state {
                State::Compute(c) => u64::from(c.busy),
                _ => 0,
            })
            .sum();
        open > u64::from(s.max_connections)
    }

    pub(crate) fn firehose_arrive(&mut self, f: u32, msg: Key, frame: Key) -> HopOutcome {
        self.reply(frame, Reply::Ok);
        self.firehose_take(f, msg);
        HopOutcome::Delivered
    }

    /// Buffers a record; writes when the buffer reaches its size.
    pub(crate) fn firehose_take(&mut self, f: u32, msg: Key) {
        let (size_limit, interval) = match &self.nodes[f as usize].spec {
            Spec::DeliveryStream(s) => (u64::from(s.buffer_size_mb) * 1_000_000, s.buffer_interval_s),
            _ => (1, 0),
        };
        let bytes = self.payload_of(msg).len().max(1) as u64;
        if let Some(m) = self.msgs.get_mut(msg) {
            m.place = crate::sim::message::Place::Moving;
        }
        let State::Firehose(state) = &mut self.nodes[f as usize].state else {
            self.finish(msg, Fate::Consumed);
            return;
        };
        state.buffer.push_back(msg);
        state.bytes += bytes;
        if state.bytes >= size_limit || interval == 0 {
            self.write_buffer(f);
        }
    }

    pub(crate) fn schedule_flush(&mut self, f: u32) {
        if let Spec::DeliveryStream(s) = &self.nodes[f as usize].spec {
            if s.buffer_interval_s > 0 {
                self.events.push(self.now + secs(s.buffer_interval_s), Event::Flush { node: f });
            }
        }
    }

    pub(crate) fn flush(&mut self, f: u32) {
        self.write_buffer(f);
        self.schedule_flush(f);
    }

    fn write_buffer(&mut self, f: u32) {
        let State::Firehose(state) = &mut self.nodes[f as usize].state else { return };
        let records: Vec<Key> = state.buffer.drain(..).collect();
        state.bytes = 0;
        self.nodes[f as usize].totals.processed += records.len() as u64;
        for k in records {
            self.forward(f, k);
        }
    }
}

impl Simulation {
    /// A write the target throttled: sent again after a doubling, jittered backoff while
    /// `max_attempts` allow, else rejected as throttled. Returns whether it will be retried.
    pub(crate) fn retry_throttled_write(&mut self, link: u32, msg: Key, frame: Key, max_attempts: u8, backoff: Micros) -> bool {
        let attempts = self.msgs.get(msg).map(|m| m.attempts).unwrap_or(max_attempts);
        if attempts >= max_attempts {
            self.end_request(msg, frame, Fate::Rejected(Rejection::Throttled));
            self.reply(frame, Reply::Throttled);
            return false;
        }
        if let Some(m) = self.msgs.get_mut(msg) {
            m.attempts += 1;
        }
        let backoff = backoff << attempts;
        let jitter = self.rng.below(backoff as u32 / 2 + 1) as Micros;
        self.events.push(self.now + backoff + jitter, Event::RetryWrite { link, msg, frame });
        true
    }
}
