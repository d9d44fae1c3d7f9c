//! Streams (Kinesis, or Kafka with `flavour: kafka`): records go to a shard by their
//! partition key and stay in order per shard; every reader gets every record (its own
//! copy) and reads one batch per shard at a time; a failed batch is retried after a
//! second (the shard waits) until it expires.
//!
//! Readers: each Kinesis consumer reads alone; on a Kafka stream, consumers sharing a
//! `consumer_group` form one reader whose partitions are split among its members
//! (`kafka.rs`).
//!
//! Writes (Kinesis): each shard takes at most 1,000 records or 1 MB per second (counted
//! per whole simulated second); a PutRecord beyond that is throttled
//! (ProvisionedThroughputExceeded): the producer's SDK retries it 3 times (100 ms
//! doubling backoff, jittered), then it is rejected as throttled. Kafka has no such
//! per-partition limit (MSK quotas are off by default).
//!
//! Reads (Kinesis), from the developer guide's "shared throughput vs enhanced fan-out"
//! table and Lambda's "polling and batching streams":
//! - Standard consumers poll (GetRecords): each shard serves at most 5 reads and 2 MB a
//!   second, shared by all of them. A consumer that has caught up polls the shard again
//!   a second later (Lambda's base rate; Firehose always polls once a second); with more
//!   records waiting it reads again as soon as its batch is done. A read past the
//!   second's budget is throttled (ReadProvisionedThroughputExceeded) and tried at the
//!   next second; a read is cut to the bytes the second has left.
//! - With `enhanced_fan_out`, each consumer (not Firehose, which reads with GetRecords)
//!   has its own 2 MB a second per shard, and records are pushed about 70 ms after they
//!   are written.
//! - Kafka consumers fetch as soon as records are there (fetch.min.bytes 1).
//!
//! With `bisect_on_error`, a failing batch is split in halves and retried at once, so the
//! good records before a bad one go through and the bad one is isolated. A failing batch
//! blocks its shard until it succeeds, its records expire, or the mapping's limits
//! (`mapping_retry_attempts`, `max_record_age_s`; -1, AWS's default, means no limit)
//! discard it: the function's on-failure destination then gets one notice per discarded
//! batch (Lambda sends the batch's metadata, not its records), and the records end as
//! failed (retries used up) or expired (too old). Splitting does not use up retries.
//!
//! DynamoDB Streams (a database with `change_stream` and a function on a change-stream
//! connection) run on this same machinery: the table's changes go to shards by the
//! item's partition key, the function reads them through the connection's mapping
//! settings, polled four times a second, with no per-shard write limit (the table's
//! write capacity throttles first). Shards follow the table's partitions: one per
//! 1,000 write or 3,000 read capacity units, as a DynamoDB partition serves.

use super::kafka::Group;
use crate::model::spec::{DatabaseSpec, StreamFlavour, StreamSpec};
use crate::model::{ComponentId, ComponentKind, ConnectionKind};
use crate::sim::behaviour::compute::{Item, Origin};
use crate::sim::engine::{Reply, Simulation, State};
use crate::sim::event::Event;
use crate::sim::metrics::Fate;
use crate::sim::payload::field_text;
use crate::sim::slab::Key;
use crate::sim::time::{secs, Micros, MICROS_PER_S};
use crate::sim::trace::HopOutcome;
use serde::Serialize;
use std::collections::VecDeque;

/// Per-shard write limits (Kinesis).
const SHARD_RECORDS_PER_S: u32 = 1_000;
const SHARD_BYTES_PER_S: u64 = 1_000_000;
const PUT_RETRIES: u8 = 3;
const PUT_BACKOFF: Micros = 100_000;
/// Per-shard read limits (Kinesis): shared by standard consumers, or per enhanced
/// fan-out consumer (bytes only).
const SHARD_READS_PER_S: u32 = 5;
const SHARD_READ_BYTES_PER_S: u64 = 2_000_000;
/// A standard consumer that caught up polls again after this.
const POLL_INTERVAL: Micros = MICROS_PER_S;
/// Enhanced fan-out pushes a record about this long after it is written.
const EFO_PUSH_DELAY: Micros = 70_000;
/// The most records one GetRecords returns (what Firehose takes per poll).
const GET_RECORDS_MAX: u32 = 10_000;
/// A failed batch is tried again after this.
const RETRY_AFTER: Micros = MICROS_PER_S;
/// Lambda polls a DynamoDB stream's shards four times a second.
const TABLE_POLL_INTERVAL: Micros = MICROS_PER_S / 4;
/// DynamoDB Streams keep records 24 hours.
const TABLE_RETENTION_H: u64 = 24;
/// What one DynamoDB partition serves (write and read capacity units a second).
const PARTITION_WCU: u32 = 1_000;
const PARTITION_RCU: u32 = 3_000;

/// A record in a shard: its message, its size and when it was written.
#[derive(Clone, Copy, Debug)]
struct Record {
    msg: Key,
    bytes: u32,
    at: Micros,
}

/// Calls (records or reads) and bytes within one whole simulated second.
#[derive(Clone, Copy, Debug, Default)]
struct Window {
    second: u64,
    count: u32,
    bytes: u64,
}

impl Window {
    /// The window for the second holding `now`, emptied when a new second began.
    fn at(&mut self, now: Micros) -> &mut Window {
        let second = now / MICROS_PER_S;
        if self.second != second {
            *self = Window { second, count: 0, bytes: 0 };
        }
        self
    }
}

/// How a consumer reads a shard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Kinesis GetRecords, sharing the shard's reads and bytes a second.
    Polled,
    /// Kinesis enhanced fan-out: its own bytes a second, records pushed.
    Pushed,
    /// Kafka: fetches whatever is there.
    Fetch,
}

/// One reader's position in one shard: the records it has not read, and the batch it is
/// working on.
#[derive(Default)]
pub(crate) struct Cursor {
    records: VecDeque<Record>,
    busy: bool,
    /// The batch in flight, and the connection (member) reading it.
    batch: Vec<Record>,
    reader: u32,
    /// No read before this (poll interval, throttled read, failed batch).
    next_read: Micros,
    /// Enhanced fan-out: this consumer's own reads this second.
    own: Window,
    /// Bisect on error: the largest batch to take next, and how many records at the
    /// front still belong to the batch being split (0: not splitting).
    split_limit: u32,
    split_left: u32,
    /// Failed tries of the records at the front (the mapping's retry limit).
    retries: u32,
}

/// A Kinesis consumer, or a Kafka consumer group.
pub(crate) struct Reader {
    name: String,
    /// Kafka: the group's id ("" for a consumer in a group of its own).
    group_id: String,
    /// The connections (to consumers) that read for it.
    pub(crate) members: Vec<u32>,
    cursors: Vec<Cursor>,
    /// Kafka: who owns which partition.
    pub(crate) group: Option<Group>,
    /// Records handed to consumers, those handed again after a consumer died with them,
    /// and the oldest a record was when read.
    read: u64,
    redelivered: u64,
    max_age: Micros,
}

impl Reader {
    fn new(name: String, group_id: String, link: u32, shards: u32) -> Reader {
        Reader {
            name,
            group_id,
            members: vec![link],
            cursors: (0..shards).map(|_| Cursor::default()).collect(),
            group: None,
            read: 0,
            redelivered: 0,
            max_age: 0,
        }
    }

    /// Iterator age: how old the oldest record it has not read is (0: caught up).
    fn iterator_age(&self, now: Micros) -> Micros {
        self.cursors.iter().filter_map(|c| c.records.front()).map(|rec| now.saturating_sub(rec.at)).max().unwrap_or(0)
    }

    /// The connection that reads `shard` now: the consumer itself, or the group member
    /// that owns the partition (none while the group rebalances).
    fn member_for(&self, shard: u32) -> Option<u32> {
        match &self.group {
            Some(g) => g.owner_of(shard).and_then(|m| self.members.get(m).copied()),
            None => self.members.first().copied(),
        }
    }
}

/// Writes and shared reads of one shard in the current second, and in the whole run.
#[derive(Clone, Copy, Debug, Default)]
struct ShardTotals {
    writes: Window,
    reads: Window,
    accepted: u64,
    throttled: u64,
    read_throttled: u64,
}

/// One shard of a stream, for the page and the reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ShardReport {
    pub shard: u32,
    /// PutRecord calls taken and throttled (each SDK retry counts as a call).
    pub accepted: u64,
    pub throttled: u64,
    /// Standard consumers' reads past the shard's 5 reads or 2 MB a second
    /// (ReadProvisionedThroughputExceeded), each tried again the next second.
    pub read_throttled: u64,
    /// Records waiting to be read, over all readers.
    pub waiting: u32,
}

/// One reader of a stream: a Kinesis consumer or a Kafka consumer group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StreamConsumerReport {
    /// The group's id, or the consumer's name.
    pub name: String,
    /// The consumers reading: the group's members, or the one consumer.
    pub members: Vec<ComponentId>,
    /// Reads with its own 2 MB a second per shard, pushed (Kinesis enhanced fan-out).
    pub enhanced_fan_out: bool,
    /// Iterator age: how old the oldest record not yet read is, over its shards, now;
    /// and the oldest a record was when it was read, over the run.
    pub iterator_age_ms: u64,
    pub max_iterator_age_ms: u64,
    /// Records handed to consumers; those handed again because a consumer died before
    /// committing them (at-least-once).
    pub read: u64,
    pub redelivered: u64,
    /// Kafka: a rebalance is under way (the whole group waits), and how many there were.
    pub rebalancing: bool,
    pub rebalances: u32,
    pub partitions: Vec<PartitionReport>,
}

/// One shard or partition as one reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PartitionReport {
    pub partition: u32,
    /// The consumer reading it (none while a Kafka group rebalances, or for a partition
    /// no live member owns).
    pub owner: Option<ComponentId>,
    /// Consumer lag: records not yet committed (waiting, or in the batch being read).
    pub lag: u32,
}

pub(crate) struct StreamState {
    pub(crate) flavour: StreamFlavour,
    enhanced_fan_out: bool,
    /// A caught-up standard consumer polls again after this.
    poll_interval: Micros,
    /// Kinesis's per-shard write limits (a table's stream has none of its own).
    write_limits: bool,
    pub(crate) shards: u32,
    retention: Micros,
    key_field: String,
    /// Built at the first record or poll, once the connections are known.
    built: bool,
    pub(crate) readers: Vec<Reader>,
    /// Records nobody reads, kept until they expire.
    unread: VecDeque<Record>,
    totals: Vec<ShardTotals>,
    /// The earliest pending wake-up (a `Pump` event) this stream asked for.
    wake_at: Micros,
}

impl StreamState {
    pub fn new(spec: &StreamSpec) -> StreamState {
        let shards = spec.shards.max(1);
        StreamState {
            flavour: spec.flavour,
            enhanced_fan_out: spec.enhanced_fan_out,
            poll_interval: POLL_INTERVAL,
            write_limits: spec.flavour == StreamFlavour::Kinesis,
            shards,
            retention: Micros::from(spec.retention_h) * 3_600 * MICROS_PER_S,
            key_field: spec.partition_key_field.clone(),
            built: false,
            readers: Vec::new(),
            unread: VecDeque::new(),
            totals: vec![ShardTotals::default(); shards as usize],
            wake_at: 0,
        }
    }

    /// A table's DynamoDB stream: one shard per partition the table's capacity needs.
    pub fn for_table(spec: &DatabaseSpec) -> StreamState {
        let shards = spec.write_capacity_per_s.div_ceil(PARTITION_WCU).max(spec.read_capacity_per_s.div_ceil(PARTITION_RCU)).max(1);
        let as_stream = StreamSpec {
            flavour: StreamFlavour::Kinesis,
            shards,
            partition_key_field: spec.partition_key_field.clone(),
            retention_h: TABLE_RETENTION_H as u32,
            enhanced_fan_out: false,
        };
        StreamState { poll_interval: TABLE_POLL_INTERVAL, write_limits: false, ..StreamState::new(&as_stream) }
    }

    fn cursors(&self) -> impl Iterator<Item = &Cursor> + '_ {
        self.readers.iter().flat_map(|r| r.cursors.iter())
    }

    /// The second's budget a read of `shard` by reader `r` counts against: the shard's,
    /// or the consumer's own with enhanced fan-out (none for Kafka).
    fn read_window(&mut self, r: usize, shard: usize, mode: Mode, now: Micros) -> Option<&mut Window> {
        match mode {
            Mode::Polled => self.totals.get_mut(shard).map(|t| t.reads.at(now)),
            Mode::Pushed => self.readers.get_mut(r)?.cursors.get_mut(shard).map(|c| c.own.at(now)),
            Mode::Fetch => None,
        }
    }

    pub fn held(&self) -> u64 {
        let queued: usize = self.cursors().map(|c| c.records.len()).sum();
        (queued + self.unread.len()) as u64
    }

    pub fn depth(&self) -> u32 {
        self.held().min(u64::from(u32::MAX)) as u32
    }

    pub fn in_flight(&self) -> u32 {
        self.cursors().filter(|c| c.busy).count() as u32
    }

    /// The stream's oldest age for the charts: the worst iterator age of its readers.
    pub fn iterator_age(&self, now: Micros) -> Micros {
        self.readers.iter().map(|r| r.iterator_age(now)).max().unwrap_or(0)
    }
}

/// Does a connection of `kind` into a `to` read its source's shards? A change stream
/// into a stream is a write (Kinesis Data Streams for DynamoDB), not a reader.
pub(crate) fn is_stream_reader(kind: ConnectionKind, to: ComponentKind) -> bool {
    match kind {
        ConnectionKind::EventSourceMapping | ConnectionKind::Poll => true,
        ConnectionKind::ChangeStream => to == ComponentKind::Function,
        _ => false,
    }
}

/// Kinesis maps the 128-bit MD5 of the partition key onto equal hash-key ranges.
pub fn shard_for(key: &str, shards: u32) -> u32 {
    StreamFlavour::Kinesis.partition_of(key, shards)
}

fn to_ms(us: Micros) -> u64 {
    us / 1_000
}

impl Simulation {
    /// A stream's shards, or a table's change stream.
    pub(crate) fn stream_state(&mut self, s: u32) -> Option<&mut StreamState> {
        match &mut self.nodes.get_mut(s as usize)?.state {
            State::Stream(st) => Some(st),
            State::Database(d) => d.changes.as_deref_mut(),
            _ => None,
        }
    }

    pub(crate) fn stream_ref(&self, s: u32) -> Option<&StreamState> {
        match &self.nodes.get(s as usize)?.state {
            State::Stream(st) => Some(st),
            State::Database(d) => d.changes.as_deref(),
            _ => None,
        }
    }

    /// Sets up the readers from the stream's consumer connections (fixed for a run).
    fn ensure_readers(&mut self, s: u32) {
        let Some(st) = self.stream_ref(s).filter(|st| !st.built) else { return };
        let (kafka, shards) = (st.flavour == StreamFlavour::Kafka, st.shards);
        let mut readers: Vec<Reader> = Vec::new();
        for &l in &self.nodes[s as usize].out {
            let link = &self.links[l as usize];
            if !is_stream_reader(link.kind, self.nodes[link.to as usize].kind) {
                continue;
            }
            // Consumer groups are Kafka's: every Kinesis consumer reads on its own.
            let group = if kafka { link.settings.consumer_group.trim().to_string() } else { String::new() };
            match readers.iter_mut().find(|r| !group.is_empty() && r.group_id == group) {
                Some(r) => r.members.push(l),
                None => {
                    let name = if group.is_empty() { self.nodes[link.to as usize].name.clone() } else { group.clone() };
                    readers.push(Reader::new(name, group, l, shards));
                }
            }
        }
        if kafka {
            for r in &mut readers {
                let up: Vec<bool> = r.members.iter().map(|&l| !self.is_down(self.links[l as usize].to)).collect();
                r.group = Some(Group::new(&up, shards));
            }
        }
        if let Some(st) = self.stream_state(s) {
            st.readers = readers;
            st.built = true;
        }
    }

    /// Per-shard writes, read throttles and backlog of a stream.
    pub(crate) fn shard_reports(&self, s: u32) -> Option<Vec<ShardReport>> {
        let st = self.stream_ref(s)?;
        Some(
            (0..st.shards)
                .map(|i| {
                    let t = st.totals.get(i as usize).copied().unwrap_or_default();
                    let waiting: usize = st.readers.iter().filter_map(|r| r.cursors.get(i as usize)).map(|c| c.records.len()).sum();
                    ShardReport {
                        shard: i,
                        accepted: t.accepted,
                        throttled: t.throttled,
                        read_throttled: t.read_throttled,
                        waiting: waiting.min(u32::MAX as usize) as u32,
                    }
                })
                .collect(),
        )
    }

    /// Each reader of a stream: iterator age, reads, and who reads which partition.
    pub(crate) fn stream_consumer_reports(&self, s: u32) -> Option<Vec<StreamConsumerReport>> {
        let st = self.stream_ref(s)?;
        let now = self.now;
        let consumer = |l: u32| self.links.get(l as usize).and_then(|l| self.nodes.get(l.to as usize));
        Some(
            st.readers
                .iter()
                .map(|r| StreamConsumerReport {
                    name: r.name.clone(),
                    members: r.members.iter().filter_map(|&l| consumer(l)).map(|n| n.id).collect(),
                    enhanced_fan_out: st.enhanced_fan_out
                        && st.flavour == StreamFlavour::Kinesis
                        && r.members.iter().filter_map(|&l| consumer(l)).all(|n| n.kind != ComponentKind::DeliveryStream),
                    iterator_age_ms: to_ms(r.iterator_age(now)),
                    max_iterator_age_ms: to_ms(r.max_age),
                    read: r.read,
                    redelivered: r.redelivered,
                    rebalancing: r.group.as_ref().is_some_and(|g| g.rebalancing()),
                    rebalances: r.group.as_ref().map_or(0, |g| g.rebalances),
                    partitions: r
                        .cursors
                        .iter()
                        .enumerate()
                        .map(|(p, c)| PartitionReport {
                            partition: p as u32,
                            owner: r.member_for(p as u32).and_then(consumer).map(|n| n.id),
                            lag: (c.records.len() + c.batch.len()).min(u32::MAX as usize) as u32,
                        })
                        .collect(),
                })
                .collect(),
        )
    }

    pub(crate) fn stream_arrive(&mut self, s: u32, link: u32, msg: Key, frame: Key) -> HopOutcome {
        self.ensure_readers(s);
        let Some((shard, bytes)) = self.shard_of(s, msg) else { return HopOutcome::Rejected };
        let now = self.now;
        let Some(st) = self.stream_state(s) else { return HopOutcome::Rejected };
        let limits = st.write_limits;
        let Some(t) = st.totals.get_mut(shard) else { return HopOutcome::Rejected };
        let w = t.writes.at(now);
        if limits && (w.count >= SHARD_RECORDS_PER_S || w.bytes + u64::from(bytes) > SHARD_BYTES_PER_S) {
            t.throttled += 1;
            self.nodes[s as usize].totals.throttles += 1;
            if self.retry_throttled_write(link, msg, frame, PUT_RETRIES, PUT_BACKOFF) {
                self.nodes[s as usize].totals.retries += 1;
            }
            return HopOutcome::Throttled;
        }
        self.append_record(s, shard, msg, bytes);
        self.nodes[s as usize].totals.processed += 1;
        self.reply(frame, Reply::Ok);
        self.pump_stream(s);
        HopOutcome::Delivered
    }

    /// The shard a record goes to by its key field, and its size. A record without the
    /// key field is spread by its message id.
    fn shard_of(&self, s: u32, msg: Key) -> Option<(usize, u32)> {
        let st = self.stream_ref(s)?;
        let (flavour, shards, field) = (st.flavour, st.shards, &st.key_field);
        let text = self.payload_of(msg);
        let bytes = (text.len() + field.len()).clamp(1, u32::MAX as usize) as u32;
        let key = field_text(&text, field).unwrap_or_else(|| self.message_id(msg).to_string());
        Some((flavour.partition_of(&key, shards) as usize, bytes))
    }

    /// A table's change: its record goes to the change stream's shard for its item key.
    pub(crate) fn change_record(&mut self, d: u32, msg: Key) {
        self.ensure_readers(d);
        match self.shard_of(d, msg) {
            Some((shard, bytes)) => self.append_record(d, shard, msg, bytes),
            None => self.finish(msg, Fate::Consumed),
        }
        self.pump_stream(d);
    }

    /// Appends a written record to `shard`, a copy for every reader.
    fn append_record(&mut self, s: u32, shard: usize, msg: Key, bytes: u32) {
        let now = self.now;
        let Some(st) = self.stream_state(s) else { return self.finish(msg, Fate::Consumed) };
        let Some(t) = st.totals.get_mut(shard) else { return self.finish(msg, Fate::Consumed) };
        let w = t.writes.at(now);
        w.count += 1;
        w.bytes += u64::from(bytes);
        t.accepted += 1;
        let readers = st.readers.len();
        if let Some(m) = self.msgs.get_mut(msg) {
            m.attempts = 0;
            m.enqueued = now;
            m.since = now;
        }
        // Every reader gets its own copy.
        let mut copies = vec![msg];
        for _ in 1..readers {
            if let Some(c) = self.copy_message(msg) {
                copies.push(c);
            }
        }
        let Some(st) = self.stream_state(s) else { return };
        if readers == 0 {
            st.unread.push_back(Record { msg, bytes, at: now });
        } else {
            for (r, c) in st.readers.iter_mut().zip(copies) {
                if let Some(cur) = r.cursors.get_mut(shard) {
                    cur.records.push_back(Record { msg: c, bytes, at: now });
                }
            }
        }
    }

    /// Expired records leave every shard (called each second).
    pub(crate) fn sweep_stream(&mut self, s: u32) {
        let now = self.now;
        let Some(st) = self.stream_state(s) else { return };
        let retention = st.retention;
        let mut expired = Vec::new();
        let queues = std::iter::once(&mut st.unread)
            .chain(st.readers.iter_mut().flat_map(|r| r.cursors.iter_mut()).filter(|c| !c.busy).map(|c| &mut c.records));
        for q in queues {
            while q.front().is_some_and(|r| now.saturating_sub(r.at) >= retention) {
                expired.extend(q.pop_front().map(|r| r.msg));
            }
        }
        self.nodes[s as usize].totals.expired += expired.len() as u64;
        for k in expired {
            self.finish(k, Fate::Expired);
        }
    }

    /// Starts a batch on every shard of every reader that may read now, and asks to be
    /// woken when the next one may.
    pub(crate) fn pump_stream(&mut self, s: u32) {
        self.ensure_readers(s);
        let mut wake = self.heartbeat_groups(s);
        let Some(st) = self.stream_ref(s) else { return };
        let (readers, shards) = (st.readers.len(), st.shards);
        // Who reads first turns each second, so consumers sharing a shard's reads take turns.
        let first = (self.now / MICROS_PER_S % readers.max(1) as u64) as usize;
        for i in 0..readers {
            for shard in 0..shards {
                if let Some(at) = self.read_shard(s, (first + i) % readers, shard) {
                    wake = wake.min(at);
                }
            }
        }
        self.wake_stream(s, wake);
    }

    /// A `Pump` for the stream at `at`, unless an earlier one is already due.
    fn wake_stream(&mut self, s: u32, at: Micros) {
        let now = self.now;
        let Some(st) = self.stream_state(s) else { return };
        if at == Micros::MAX || (st.wake_at > now && st.wake_at <= at) {
            return;
        }
        st.wake_at = at;
        self.events.push(at.max(now), Event::Pump { node: s });
    }

    /// Reads one batch from `shard` for reader `r` if it may; otherwise, when it may.
    fn read_shard(&mut self, s: u32, r: usize, shard: u32) -> Option<Micros> {
        let now = self.now;
        let st = self.stream_ref(s)?;
        let (flavour, efo) = (st.flavour, st.enhanced_fan_out);
        let reader = st.readers.get(r)?;
        let link = reader.member_for(shard)?;
        let cur = reader.cursors.get(shard as usize)?;
        if cur.busy {
            return None;
        }
        // The mapping's maximum record age: older records are discarded, not read.
        let max_age = self.links.get(link as usize).and_then(|l| u32::try_from(l.settings.max_record_age_s).ok()).map(secs);
        if let Some(max_age) = max_age.filter(|&age| cur.records.front().is_some_and(|rec| now.saturating_sub(rec.at) > age)) {
            self.discard_old(s, r, shard, link, max_age);
        }
        let cur = self.stream_ref(s)?.readers.get(r)?.cursors.get(shard as usize)?;
        let front = cur.records.front()?.at;
        let (waiting, splitting) = (cur.records.len(), cur.split_left > 0);
        let (to, batch_size, window) = {
            let l = self.links.get(link as usize)?;
            (l.to, l.settings.batch_size.max(1), secs(l.settings.batch_window_s))
        };
        let firehose = self.nodes[to as usize].kind == ComponentKind::DeliveryStream;
        // A Kafka consumer that died polls nothing: its partitions wait for the group.
        if flavour == StreamFlavour::Kafka && self.is_down(to) {
            return None;
        }
        // Capacity frees when a job ends, and that pumps the stream again.
        if !firehose && self.consumer_room(to) == 0 {
            return None;
        }
        let mode = match flavour {
            StreamFlavour::Kafka => Mode::Fetch,
            StreamFlavour::Kinesis if efo && !firehose => Mode::Pushed,
            StreamFlavour::Kinesis => Mode::Polled,
        };
        let ready = if mode == Mode::Pushed { cur.next_read.max(front + EFO_PUSH_DELAY) } else { cur.next_read };
        if ready > now {
            return Some(ready);
        }
        // The mapping's batch window: gather records until the batch is full or the
        // oldest has waited the window (MaximumBatchingWindowInSeconds).
        if !firehose && !splitting && window > 0 && waiting < batch_size as usize && front + window > now {
            return Some(front + window);
        }
        let next_second = (now / MICROS_PER_S + 1) * MICROS_PER_S;
        let st = self.stream_state(s)?;
        // What this read may still take this second.
        let budget = match st.read_window(r, shard as usize, mode, now).map(|w| *w) {
            Some(w) if w.bytes >= SHARD_READ_BYTES_PER_S || (mode == Mode::Polled && w.count >= SHARD_READS_PER_S) => {
                if mode == Mode::Polled {
                    st.totals[shard as usize].read_throttled += 1;
                }
                st.readers[r].cursors[shard as usize].next_read = next_second;
                return Some(next_second);
            }
            Some(w) => SHARD_READ_BYTES_PER_S - w.bytes,
            None => u64::MAX,
        };
        let poll = if firehose { POLL_INTERVAL } else { st.poll_interval };
        let reader = &mut st.readers[r];
        let cur = &mut reader.cursors[shard as usize];
        let mut limit = if firehose { GET_RECORDS_MAX } else { batch_size } as usize;
        if cur.split_left > 0 {
            limit = limit.min(cur.split_limit.max(1) as usize).min(cur.split_left as usize);
        }
        // At least one record, then as many as fit (pushed ones only once they arrived).
        let (mut take, mut bytes) = (0usize, 0u64);
        for rec in cur.records.iter().take(limit) {
            let fits = take == 0 || bytes + u64::from(rec.bytes) <= budget;
            if !fits || (mode == Mode::Pushed && rec.at + EFO_PUSH_DELAY > now) {
                break;
            }
            take += 1;
            bytes += u64::from(rec.bytes);
        }
        let records: Vec<Record> = cur.records.drain(..take).collect();
        let caught_up = cur.records.is_empty();
        // Lambda polls a shard once a second (a table's four times) and keeps reading
        // while records wait; Firehose polls once a second whatever waits.
        cur.next_read = if mode == Mode::Polled && (firehose || caught_up) { now + poll } else { now };
        reader.read += take as u64;
        reader.max_age = reader.max_age.max(now.saturating_sub(front));
        if let Some(w) = st.read_window(r, shard as usize, mode, now) {
            w.count += 1;
            w.bytes += bytes;
        }
        if firehose {
            for rec in records {
                self.firehose_take(to, rec.msg);
            }
            return (!caught_up).then_some(now + POLL_INTERVAL);
        }
        let items: Vec<Item> = records.iter().map(|rec| Item { msg: rec.msg, receipt: 0, failed: false }).collect();
        let cur = &mut self.stream_state(s)?.readers[r].cursors[shard as usize];
        cur.busy = true;
        cur.batch = records;
        cur.reader = link;
        self.start_job(to, items, Origin::Stream { stream: s, consumer: r as u32, shard });
        None
    }

    /// A consumer finished a batch: forward what succeeded; with a failure, the failed
    /// records (all of them, or from the first failure with a partial batch response)
    /// go back to the front of the shard and are retried after a second. A Kafka
    /// consumer that died before committing leaves the whole batch to be read again.
    pub(crate) fn stream_batch_done(&mut self, s: u32, consumer: u32, shard: u32, items: &[Item]) {
        let now = self.now;
        let Some(st) = self.stream_state(s) else { return };
        let kafka = st.flavour == StreamFlavour::Kafka;
        let Some(reader) = st.readers.get_mut(consumer as usize) else { return };
        let Some(cur) = reader.cursors.get_mut(shard as usize) else { return };
        let (link, batch) = (cur.reader, std::mem::take(&mut cur.batch));
        cur.busy = false;
        // The record behind each item (its size and write time), found by position.
        let record = |i: usize, msg: Key| batch.get(i).filter(|r| r.msg == msg).copied().unwrap_or(Record { msg, bytes: 1, at: now });
        let Some(l) = self.links.get(link as usize) else { return };
        let (to, partial, bisect, retry_limit) =
            (l.to, l.settings.report_batch_item_failures, l.settings.bisect_on_error, u32::try_from(l.settings.mapping_retry_attempts).ok());
        if kafka && self.is_down(to) {
            // Its work stands (at-least-once) but the offsets were not committed.
            let mut back = Vec::with_capacity(items.len());
            // (Its sends went out when the job ran.)
            for (i, item) in items.iter().enumerate() {
                back.push(record(i, item.msg));
            }
            if let Some(reader) = self.stream_state(s).and_then(|st| st.readers.get_mut(consumer as usize)) {
                reader.redelivered += back.len() as u64;
                if let Some(cur) = reader.cursors.get_mut(shard as usize) {
                    (cur.split_left, cur.split_limit) = (0, 0);
                    for rec in back.into_iter().rev() {
                        cur.records.push_front(rec);
                    }
                }
            }
            self.pump_stream(s);
            return;
        }
        let first_failure = items.iter().position(|i| i.failed);
        let keep_from = match (first_failure, partial) {
            (None, _) => items.len(),
            (Some(i), true) => i,
            (Some(_), false) => 0,
        };
        for item in &items[..keep_from] {
            self.done_with(to, item.msg);
        }
        // Only what is checkpointed was processed; the rest comes back.
        self.nodes[to as usize].totals.processed += keep_from as u64;
        let mut back: Vec<Record> = items.iter().enumerate().skip(keep_from).map(|(i, item)| record(i, item.msg)).collect();
        let failed = back.len();
        let Some(cur) =
            self.stream_state(s).and_then(|st| st.readers.get_mut(consumer as usize)).and_then(|r| r.cursors.get_mut(shard as usize))
        else {
            return;
        };
        // A retry of the same records (splitting does not count); past the mapping's
        // limit they are discarded and the shard moves on.
        let splits = bisect && failed > 1;
        cur.retries = if failed == 0 { 0 } else { cur.retries + u32::from(!splits) };
        let given_up = retry_limit.is_some_and(|limit| failed > 0 && !splits && cur.retries > limit);
        if given_up {
            cur.retries = 0;
            cur.next_read = now;
            (cur.split_left, cur.split_limit) = (cur.split_left.saturating_sub(items.len() as u32), 0);
            let discarded = std::mem::take(&mut back);
            self.discard_records(s, to, discarded, Fate::Failed);
            self.pump_stream(s);
            return;
        }
        for rec in back.into_iter().rev() {
            cur.records.push_front(rec);
        }
        if cur.split_left > 0 {
            cur.split_left = cur.split_left.saturating_sub(keep_from as u32);
            if cur.split_left == 0 {
                cur.split_limit = 0;
            }
        }
        if bisect && failed > 1 {
            // Split the failing records in two and try the first half at once.
            if cur.split_left == 0 {
                cur.split_left = failed as u32;
            }
            cur.split_limit = (failed as u32 / 2).max(1);
            cur.next_read = now;
        } else if failed > 0 {
            cur.next_read = now + RETRY_AFTER;
        }
        self.pump_stream(s);
    }

    /// Discards the records at the front of a shard older than `max_age` (the mapping's
    /// MaximumRecordAgeInSeconds).
    fn discard_old(&mut self, s: u32, r: usize, shard: u32, link: u32, max_age: Micros) {
        let now = self.now;
        let Some(cur) = self.stream_state(s).and_then(|st| st.readers.get_mut(r)).and_then(|rd| rd.cursors.get_mut(shard as usize)) else {
            return;
        };
        let mut old = Vec::new();
        while let Some(rec) = cur.records.front().copied().filter(|rec| now.saturating_sub(rec.at) > max_age) {
            cur.records.pop_front();
            old.push(rec);
        }
        cur.split_left = cur.split_left.saturating_sub(old.len() as u32);
        if cur.split_left == 0 {
            cur.split_limit = 0;
        }
        cur.retries = 0;
        let to = self.links.get(link as usize).map_or(u32::MAX, |l| l.to);
        self.discard_records(s, to, old, Fate::Expired);
    }

    /// Records a stream mapping gives up on: the consuming function's on-failure
    /// destination gets one notice for them (in AWS, the batch's metadata: a copy of its
    /// first record stands for it here), and the records end in `fate`.
    fn discard_records(&mut self, s: u32, to: u32, records: Vec<Record>, fate: Fate) {
        let Some(first) = records.first() else { return };
        if let Some(l) = self.on_failure_link(to) {
            if let Some(notice) = self.copy_message(first.msg) {
                self.fan_out(&[l], notice);
            }
        }
        let totals = &mut self.nodes[s as usize].totals;
        match fate {
            Fate::Expired => totals.expired += records.len() as u64,
            _ => totals.errors += records.len() as u64,
        }
        for rec in records {
            self.finish(rec.msg, fate);
        }
    }
}
