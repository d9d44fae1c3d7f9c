//! Streams (Kinesis): records go to a shard by the MD5 of their partition key, in
//! order per shard; every consumer reads every record (its own copy), one batch per
//! shard at a time; a failed batch is retried (the shard waits) until it expires.
//!
//! Each shard takes at most 1,000 records or 1 MB per second (counted per whole
//! simulated second); a PutRecord beyond that is throttled
//! (ProvisionedThroughputExceeded): the producer's SDK retries it 3 times (100 ms
//! doubling backoff, jittered), then it is rejected as throttled. With
//! `bisect_on_error`, a failing batch is split in halves and retried at once, so the
//! good records before a bad one go through and the bad one is isolated (it still
//! blocks its shard until it expires: there is no maximum retry count).

use crate::model::spec::StreamSpec;
use crate::model::{ComponentKind, ConnectionKind};
use crate::sim::behaviour::compute::{Item, Origin};
use crate::sim::engine::{Reply, Simulation, State};
use crate::sim::event::Event;
use crate::sim::metrics::Fate;
use crate::sim::payload::field_text;
use crate::sim::slab::Key;
use crate::sim::time::Micros;
use crate::sim::trace::HopOutcome;
use md5::{Digest, Md5};
use serde::Serialize;
use std::collections::VecDeque;

/// Per-shard write limits.
const SHARD_RECORDS_PER_S: u32 = 1_000;
const SHARD_BYTES_PER_S: u64 = 1_000_000;
const PUT_RETRIES: u8 = 3;
const PUT_BACKOFF: Micros = 100_000;

#[derive(Default)]
pub(crate) struct Shard {
    records: VecDeque<Key>,
    busy: bool,
    /// Bisect on error: the largest batch to take next, and how many records at the
    /// front still belong to the batch being split (0: not splitting).
    split_limit: u32,
    split_left: u32,
}

/// Writes into one shard in the current second, and in the whole run.
#[derive(Clone, Copy, Debug, Default)]
struct ShardWrites {
    second: u64,
    records: u32,
    bytes: u64,
    accepted: u64,
    throttled: u64,
}

/// One shard of a stream, for the page and the reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ShardReport {
    pub shard: u32,
    /// PutRecord calls taken and throttled (each SDK retry counts as a call).
    pub accepted: u64,
    pub throttled: u64,
    /// Records waiting to be read, over all consumers.
    pub waiting: u32,
}

pub(crate) struct StreamState {
    shards: u32,
    retention: Micros,
    key_field: String,
    /// Per consumer link, per shard.
    consumers: Vec<(u32, Vec<Shard>)>,
    /// Records nobody reads, kept until they expire.
    unread: VecDeque<Key>,
    retry_at: Micros,
    writes: Vec<ShardWrites>,
}

impl StreamState {
    pub fn new(spec: &StreamSpec) -> StreamState {
        StreamState {
            shards: spec.shards.max(1),
            retention: Micros::from(spec.retention_h) * 3_600_000_000,
            key_field: spec.partition_key_field.clone(),
            consumers: Vec::new(),
            unread: VecDeque::new(),
            retry_at: Micros::MAX,
            writes: vec![ShardWrites { second: u64::MAX, ..ShardWrites::default() }; spec.shards.max(1) as usize],
        }
    }

    pub fn held(&self) -> u64 {
        let queued: usize = self.consumers.iter().flat_map(|(_, s)| s.iter()).map(|s| s.records.len()).sum();
        (queued + self.unread.len()) as u64
    }

    pub fn depth(&self) -> u32 {
        self.held().min(u64::from(u32::MAX)) as u32
    }

    pub fn in_flight(&self) -> u32 {
        self.consumers.iter().flat_map(|(_, s)| s.iter()).filter(|s| s.busy).count() as u32
    }
}

/// Kinesis maps the 128-bit MD5 of the partition key onto equal hash-key ranges.
pub fn shard_for(key: &str, shards: u32) -> u32 {
    let digest = Md5::digest(key.as_bytes());
    let mut top = [0u8; 8];
    top.copy_from_slice(&digest[..8]);
    ((u128::from(u64::from_be_bytes(top)) * u128::from(shards.max(1))) >> 64) as u32
}

impl Simulation {
    fn stream_state(&mut self, s: u32) -> Option<&mut StreamState> {
        match &mut self.nodes.get_mut(s as usize)?.state {
            State::Stream(st) => Some(st),
            _ => None,
        }
    }

    fn ensure_consumers(&mut self, s: u32) {
        let links: Vec<u32> = self.nodes[s as usize]
            .out
            .iter()
            .copied()
            .filter(|&l| matches!(self.links[l as usize].kind, ConnectionKind::EventSourceMapping | ConnectionKind::Poll))
            .collect();
        let Some(st) = self.stream_state(s) else { return };
        if st.consumers.len() != links.len() {
            let shards = st.shards;
            st.consumers = links.into_iter().map(|l| (l, (0..shards).map(|_| Shard::default()).collect())).collect();
        }
    }

    /// Per-shard writes and backlog of a stream.
    pub(crate) fn shard_reports(&self, s: u32) -> Option<Vec<ShardReport>> {
        let State::Stream(st) = &self.nodes.get(s as usize)?.state else { return None };
        Some(
            (0..st.shards)
                .map(|i| {
                    let w = st.writes.get(i as usize).copied().unwrap_or_default();
                    let waiting: usize = st.consumers.iter().filter_map(|(_, sh)| sh.get(i as usize)).map(|sh| sh.records.len()).sum();
                    ShardReport { shard: i, accepted: w.accepted, throttled: w.throttled, waiting: waiting.min(u32::MAX as usize) as u32 }
                })
                .collect(),
        )
    }

    pub(crate) fn stream_arrive(&mut self, s: u32, link: u32, msg: Key, frame: Key) -> HopOutcome {
        if self.is_down(s) {
            self.nodes[s as usize].totals.errors += 1;
            self.finish(msg, Fate::Failed);
            self.reply(frame, Reply::ServerError);
            return HopOutcome::Failed;
        }
        self.ensure_consumers(s);
        let Some((shards, field)) = self.stream_state(s).map(|st| (st.shards, st.key_field.clone())) else { return HopOutcome::Rejected };
        let text = self.payload_of(msg);
        let bytes = (text.len() + field.len()).max(1) as u64;
        let key = field_text(&text, &field).unwrap_or_else(|| self.message_id(msg).to_string());
        let shard = shard_for(&key, shards) as usize;
        let now = self.now;
        let second = now / 1_000_000;
        let Some(st) = self.stream_state(s) else { return HopOutcome::Rejected };
        if let Some(w) = st.writes.get_mut(shard) {
            if w.second != second {
                w.second = second;
                w.records = 0;
                w.bytes = 0;
            }
            if w.records >= SHARD_RECORDS_PER_S || w.bytes + bytes > SHARD_BYTES_PER_S {
                w.throttled += 1;
                self.nodes[s as usize].totals.throttles += 1;
                if self.retry_throttled_write(link, msg, frame, PUT_RETRIES, PUT_BACKOFF) {
                    self.nodes[s as usize].totals.retries += 1;
                }
                return HopOutcome::Throttled;
            }
            w.records += 1;
            w.bytes += bytes;
            w.accepted += 1;
        }
        if let Some(m) = self.msgs.get_mut(msg) {
            m.attempts = 0;
        }
        if let Some(m) = self.msgs.get_mut(msg) {
            m.enqueued = now;
            m.since = now;
        }
        let consumers = self.stream_state(s).map(|st| st.consumers.len()).unwrap_or(0);
        let mut copies = vec![msg];
        for _ in 1..consumers {
            if let Some(c) = self.copy_message(msg) {
                copies.push(c);
            }
        }
        let Some(st) = self.stream_state(s) else { return HopOutcome::Rejected };
        if consumers == 0 {
            st.unread.push_back(msg);
        } else {
            for (i, c) in copies.into_iter().enumerate() {
                if let Some(sh) = st.consumers.get_mut(i).and_then(|(_, sh)| sh.get_mut(shard)) {
                    sh.records.push_back(c);
                }
            }
        }
        self.nodes[s as usize].totals.processed += 1;
        self.reply(frame, Reply::Ok);
        self.pump_stream(s);
        HopOutcome::Delivered
    }

    /// Expired records leave every shard (called each second and when pumping).
    pub(crate) fn sweep_stream(&mut self, s: u32) {
        let now = self.now;
        let Some(st) = self.stream_state(s) else { return };
        let retention = st.retention;
        let mut expired = Vec::new();
        let mut take = |q: &mut VecDeque<Key>, sim_msgs: &crate::sim::slab::Slab<crate::sim::message::Message>| {
            while let Some(&k) = q.front() {
                let old = sim_msgs.get(k).is_none_or(|m| now.saturating_sub(m.enqueued) >= retention);
                if !old {
                    break;
                }
                q.pop_front();
                expired.push(k);
            }
        };
        let msgs = &self.msgs;
        let State::Stream(st) = &mut self.nodes[s as usize].state else { return };
        take(&mut st.unread, msgs);
        for (_, shards) in &mut st.consumers {
            for sh in shards.iter_mut().filter(|sh| !sh.busy) {
                take(&mut sh.records, msgs);
            }
        }
        self.nodes[s as usize].totals.expired += expired.len() as u64;
        for k in expired {
            self.finish(k, Fate::Expired);
        }
    }

    /// Starts a batch on every idle shard of every consumer with room.
    pub(crate) fn pump_stream(&mut self, s: u32) {
        self.ensure_consumers(s);
        let consumers: Vec<u32> = self.stream_state(s).map(|st| st.consumers.iter().map(|c| c.0).collect()).unwrap_or_default();
        let shards = self.stream_state(s).map(|st| st.shards).unwrap_or(0);
        for (ci, link) in consumers.into_iter().enumerate() {
            let (to, batch) = {
                let l = &self.links[link as usize];
                (l.to, l.settings.batch_size.max(1))
            };
            let firehose = self.nodes[to as usize].kind == ComponentKind::DeliveryStream;
            for shard in 0..shards {
                if !firehose && self.consumer_room(to) == 0 {
                    break;
                }
                let Some(st) = self.stream_state(s) else { return };
                let Some(sh) = st.consumers.get_mut(ci).and_then(|(_, sh)| sh.get_mut(shard as usize)) else { continue };
                if sh.busy || sh.records.is_empty() {
                    continue;
                }
                if firehose {
                    let records: Vec<Key> = sh.records.drain(..).collect();
                    for k in records {
                        self.firehose_take(to, k);
                    }
                    continue;
                }
                let mut take = (batch as usize).min(sh.records.len());
                if sh.split_left > 0 {
                    take = take.min(sh.split_limit.max(1) as usize).min(sh.split_left as usize);
                }
                let items: Vec<Item> = sh.records.drain(..take).map(|msg| Item { msg, receipt: 0, failed: false }).collect();
                sh.busy = true;
                self.start_job(to, items, Origin::Stream { stream: s, consumer: ci as u32, shard });
            }
        }
    }

    /// A consumer finished a batch: forward what succeeded; with a failure, the failed
    /// records (all of them, or from the first failure with a partial batch response)
    /// go back to the front of the shard and are retried after a second.
    pub(crate) fn stream_batch_done(&mut self, s: u32, consumer: u32, shard: u32, items: &[Item]) {
        let link = self.stream_state(s).and_then(|st| st.consumers.get(consumer as usize).map(|c| c.0));
        let partial = link.and_then(|l| self.links.get(l as usize)).is_some_and(|l| l.settings.report_batch_item_failures);
        let bisect = link.and_then(|l| self.links.get(l as usize)).is_some_and(|l| l.settings.bisect_on_error);
        let first_failure = items.iter().position(|i| i.failed);
        let keep_from = match (first_failure, partial) {
            (None, _) => items.len(),
            (Some(i), true) => i,
            (Some(_), false) => 0,
        };
        let to = link.map(|l| self.links[l as usize].to);
        for item in &items[..keep_from] {
            match to {
                Some(n) => self.forward(n, item.msg),
                None => self.finish(item.msg, Fate::Consumed),
            }
        }
        let now = self.now;
        let Some(st) = self.stream_state(s) else { return };
        let failed = items.len() - keep_from;
        let mut split_now = false;
        if let Some(sh) = st.consumers.get_mut(consumer as usize).and_then(|(_, sh)| sh.get_mut(shard as usize)) {
            sh.busy = false;
            for item in items[keep_from..].iter().rev() {
                sh.records.push_front(item.msg);
            }
            if sh.split_left > 0 {
                sh.split_left = sh.split_left.saturating_sub(keep_from as u32);
                if sh.split_left == 0 {
                    sh.split_limit = 0;
                }
            }
            if bisect && failed > 1 {
                // Split the failing records in two and try the first half at once.
                if sh.split_left == 0 {
                    sh.split_left = failed as u32;
                }
                sh.split_limit = (failed as u32 / 2).max(1);
                split_now = true;
            }
        }
        if split_now {
            self.pump_stream(s);
        } else if keep_from < items.len() {
            let at = now + 1_000_000;
            if st.retry_at != at {
                st.retry_at = at;
                self.events.push(at, Event::Pump { node: s });
            }
        } else {
            self.pump_stream(s);
        }
    }
}
