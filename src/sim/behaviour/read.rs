//! Reads: a function, service or worker asks a database, search index or object store
//! for data and waits for the answer (a synchronous call). A read takes the store's
//! read latency, which adds to the caller's own answer, and counts against the store's
//! read capacity; over it, the SDK retries with backoff as for writes, then the read
//! fails as throttled (DynamoDB's ProvisionedThroughputExceededException) and the
//! caller's work fails with it. Reads change nothing, so they go nowhere after.

use crate::model::spec::{DatabaseEngine, ReadModelType, Spec};
use crate::sim::engine::{Reply, Simulation};
use crate::sim::event::Event;
use crate::sim::metrics::Fate;
use crate::sim::slab::Key;
use crate::sim::time::{ms, Micros};
use crate::sim::trace::HopOutcome;

/// Throttled reads: the SDK's retries, as for writes.
const READ_RETRIES: u8 = 5;
const READ_BACKOFF: Micros = 50_000;

/// Reads per second and the time one takes, by store. DynamoDB: the table's read
/// capacity, single-digit milliseconds; Aurora: a few milliseconds per indexed query;
/// OpenSearch: tens of milliseconds per search; a cache (ElastiCache): under one; S3: 5,500 GETs per second per prefix,
/// tens of milliseconds to the first byte.
fn read_profile(spec: &Spec) -> (f64, Micros) {
    match spec {
        Spec::Database(s) => (
            f64::from(s.read_capacity_per_s),
            match s.engine {
                DatabaseEngine::DynamoDb => ms(5),
                DatabaseEngine::Aurora => ms(3),
            },
        ),
        // ElastiCache answers in under a millisecond.
        Spec::SearchIndex(s) => (
            f64::from(u32::MAX),
            match s.engine {
                ReadModelType::OpenSearch => ms(20),
                ReadModelType::Cache => ms(1),
            },
        ),
        Spec::ObjectStorage(_) => (5_500.0, ms(30)),
        _ => (0.0, 0),
    }
}

impl Simulation {
    /// A read arrives at a store over `link`; the answer comes after the read latency.
    pub(crate) fn read_arrive(&mut self, n: u32, link: u32, msg: Key, frame: Key) -> HopOutcome {
        if self.out_of_connections(n) {
            return self.refuse_down(n, msg, frame, Some(Reply::ServerError));
        }
        let (capacity, latency) = read_profile(&self.nodes[n as usize].spec);
        let now = self.now;
        if !self.nodes[n as usize].reads.take(now, capacity) {
            self.nodes[n as usize].totals.throttles += 1;
            self.retry_throttled_write(link, msg, frame, READ_RETRIES, READ_BACKOFF);
            return HopOutcome::Throttled;
        }
        let latency = (latency as f64 * self.latency_multiplier(n)) as Micros;
        self.events.push(self.now.saturating_add(latency), Event::ReadDone { node: n, msg, frame });
        HopOutcome::Delivered
    }

    /// The read's answer reaches the caller.
    pub(crate) fn read_done(&mut self, n: u32, msg: Key, frame: Key) {
        self.nodes[n as usize].totals.reads += 1;
        self.finish(msg, Fate::Consumed);
        self.reply(frame, Reply::Ok);
    }
}
