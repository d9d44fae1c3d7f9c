//! Reports: per-component metrics, client latencies, and the run's summary.

use super::behaviour::fanout::{ArchiveReport, SchemaViolation};
use super::engine::{Simulation, State};
use super::metrics::{Books, Percentiles, Sample, Totals};
use super::time::to_secs;
use crate::model::ComponentId;
use serde::Serialize;

/// One component's metrics at the end (or the current point) of a run.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentReport {
    pub id: ComponentId,
    pub name: String,
    pub kind: &'static str,
    pub received: u64,
    pub processed: u64,
    pub errors: u64,
    pub throttles: u64,
    /// Stores: reads answered (throttled reads count in `throttles`).
    pub reads: u64,
    pub duplicates: u64,
    pub dead_lettered: u64,
    pub expired: u64,
    /// Rules and subscriptions: deliveries tried again; streams: writes retried after throttling.
    pub retries: u64,
    /// Topics and buses with a JSON Schema: events that did not fit (they were still
    /// routed), and why the first few did not.
    pub schema_violations: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schema_reasons: Vec<SchemaViolation>,
    /// Event buses with their archive on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archive: Option<ArchiveReport>,
    /// Now: waiting, in flight, concurrency used, dead-letter depth, instances.
    pub depth: u32,
    pub in_flight: u32,
    pub concurrency: u32,
    pub dead_letter_depth: u32,
    pub instances: u32,
    /// Queues: mean wait from visible to received, in seconds; mean backlog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_wait_s: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_backlog: Option<f64>,
    /// Compute: mean concurrency used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_busy: Option<f64>,
    /// Search index: mean and maximum read-model lag, in ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_lag_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_lag_ms: Option<f64>,
    /// State machines: executions started, succeeded, failed, running.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executions: Option<super::behaviour::stepfn::ExecutionCounts>,
    /// Streams: per-shard writes accepted and throttled, reads throttled, records waiting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shards: Option<Vec<super::behaviour::stream::ShardReport>>,
    /// Streams: each consumer (Kinesis) or consumer group (Kafka): iterator age, records
    /// read, and per partition who reads it and the lag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_consumers: Option<Vec<super::behaviour::stream::StreamConsumerReport>>,
    /// Clients that wait: what users saw.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClientReport {
    pub sent: u64,
    pub ok: u64,
    pub accepted_202: u64,
    pub timeouts: u64,
    pub server_errors: u64,
    pub throttled_429: u64,
    pub latency: Option<Percentiles>,
    /// Sends that failed, by AWS's error name (ProvisionedThroughputExceededException, ...).
    pub send_errors: Vec<SendError>,
}

/// How many of a producer's sends failed with one AWS error.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SendError {
    pub error: &'static str,
    pub count: u64,
}

/// The whole run.
#[derive(Clone, Debug, Serialize)]
pub struct RunReport {
    pub seed: u64,
    pub duration_s: f64,
    pub events: u64,
    pub messages: Books,
    pub balanced: bool,
    pub components: Vec<ComponentReport>,
}

impl Simulation {
    fn integrated(&self, area: u128) -> Option<f64> {
        (self.now > 0).then(|| area as f64 / self.now as f64)
    }

    /// Metrics of one component now.
    pub fn component_report(&self, id: ComponentId) -> Option<ComponentReport> {
        let &n = self.index.get(&id)?;
        let node = self.nodes.get(n as usize)?;
        let g = self.gauges(n);
        let t: &Totals = &node.totals;
        let (mean_wait_s, mean_backlog, mean_busy) = match &node.state {
            State::Queue(_) => {
                ((t.waits > 0).then(|| t.wait_sum_us as f64 / t.waits as f64 / 1e6), self.integrated(t.backlog_area), None)
            }
            State::Compute(_) => (None, None, self.integrated(t.busy_area)),
            _ => (None, None, None),
        };
        let (schema_violations, schema_reasons, archive) = match &node.state {
            State::Fanout(f) => (f.violations, f.reasons.clone(), f.archive_report()),
            _ => (0, Vec::new(), None),
        };
        let client = node.client.as_deref().map(|c| ClientReport {
            sent: c.sent,
            ok: c.ok,
            accepted_202: c.accepted_202,
            timeouts: c.timeouts,
            server_errors: c.server_errors,
            throttled_429: c.throttled_429,
            latency: Percentiles::of(&c.latency_us),
            send_errors: c.send_errors.iter().map(|&(error, count)| SendError { error, count }).collect(),
        });
        Some(ComponentReport {
            id,
            name: node.name.clone(),
            kind: node.kind.key(),
            received: t.received,
            processed: t.processed,
            errors: t.errors,
            throttles: t.throttles,
            reads: t.reads,
            duplicates: t.duplicates,
            dead_lettered: t.dead_lettered,
            expired: t.expired,
            retries: t.retries,
            schema_violations,
            schema_reasons,
            archive,
            executions: self.execution_counts(n),
            shards: self.shard_reports(n),
            stream_consumers: self.stream_consumer_reports(n),
            depth: g.depth,
            in_flight: g.in_flight,
            concurrency: g.concurrency,
            dead_letter_depth: g.dead_letter_depth,
            instances: g.instances,
            mean_wait_s,
            mean_backlog,
            mean_busy,
            mean_lag_ms: (t.lags > 0).then(|| t.lag_sum_us as f64 / t.lags as f64 / 1000.0),
            max_lag_ms: (t.lags > 0).then(|| t.max_lag_us as f64 / 1000.0),
            client,
        })
    }

    /// The per-second samples of one component (the latest `series_capacity`).
    pub fn series(&self, id: ComponentId) -> Vec<Sample> {
        self.index
            .get(&id)
            .and_then(|&n| self.nodes.get(n as usize))
            .map(|n| n.series.samples.iter().copied().collect())
            .unwrap_or_default()
    }

    /// Latency percentiles a waiting client saw.
    pub fn client_latency(&self, id: ComponentId) -> Option<Percentiles> {
        let &n = self.index.get(&id)?;
        self.nodes.get(n as usize)?.client.as_deref().and_then(|c| Percentiles::of(&c.latency_us))
    }

    /// Everything, for the CLI and checkers.
    pub fn report(&self) -> RunReport {
        let books = self.books();
        RunReport {
            seed: self.options.seed,
            duration_s: to_secs(self.now),
            events: self.processed_events,
            messages: books,
            balanced: books.balanced(),
            components: self.nodes.iter().filter_map(|n| self.component_report(n.id)).collect(),
        }
    }
}

impl ClientReport {
    /// Everything the users saw fail: timeouts, 5xx and 429.
    pub fn errors_total(&self) -> u64 {
        self.timeouts + self.server_errors + self.throttled_429
    }
}
