//! Accounting (the books), per-component counters and per-second samples, and
//! latency histograms.

use super::time::Micros;
use serde::Serialize;
use std::collections::VecDeque;

/// Why a message was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rejection {
    /// 429, Lambda throttling, database write throttling after the writer's retries.
    Throttled,
    /// Nothing to deliver to (no connection, or no subscription accepted it).
    NoRoute,
    /// A FIFO queue saw the same message within its 5-minute deduplication window.
    Deduplicated,
    /// The message went round a loop of connections too many times.
    LoopLimit,
}

/// Where a message ended (or that it has not ended yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    Consumed,
    Expired,
    Rejected(Rejection),
    Failed,
    /// A request whose failure went back to a caller that holds the message and
    /// retries or reports it (a SendMessage that threw inside a function).
    Returned,
}

/// Every message created is in exactly one of these states at every moment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Books {
    pub created: u64,
    /// Reached a sink or was fully processed by a component with nowhere to send it.
    pub consumed: u64,
    /// Sitting in a dead-letter queue (moved there by a redrive policy).
    pub dead_lettered: u64,
    /// Outlived a queue's or stream's retention period.
    pub expired: u64,
    pub throttled: u64,
    pub no_route: u64,
    pub deduplicated: u64,
    pub loop_limit: u64,
    /// Lost: failed with nobody left to retry it (a client's request answered 5xx, an
    /// async invocation out of retries with no destination).
    pub failed: u64,
    /// Requests that failed back to a caller which still holds the message and
    /// retries it or reports it (a function's SendMessage to a queue that is down).
    pub returned: u64,
    /// Anywhere else: travelling, queued, being processed.
    pub in_flight: u64,
}

impl Books {
    pub fn rejected(&self) -> u64 {
        self.throttled + self.no_route + self.deduplicated + self.loop_limit
    }

    pub fn ended(&self) -> u64 {
        self.consumed + self.dead_lettered + self.expired + self.rejected() + self.failed + self.returned
    }

    /// Every created message is accounted for exactly once.
    pub fn balanced(&self) -> bool {
        self.created == self.ended() + self.in_flight
    }
}

/// Counters one component keeps for the whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Messages or requests that arrived.
    pub received: u64,
    /// Work finished successfully.
    pub processed: u64,
    pub errors: u64,
    pub throttles: u64,
    /// Stores: reads answered.
    pub reads: u64,
    /// Work done again on a message another consumer also got (at-least-once).
    pub duplicates: u64,
    pub dead_lettered: u64,
    pub expired: u64,
    /// Delivery attempts made again (rules, subscriptions) or writes retried after throttling (streams).
    pub retries: u64,
    /// Queue: sum and count of waits from visible to received (for mean wait).
    pub wait_sum_us: u128,
    pub waits: u64,
    /// Integral of the backlog (visible messages) over time, in message-microseconds.
    pub backlog_area: u128,
    /// Integral of the busy concurrency over time.
    pub busy_area: u128,
    /// Search index: sum and count of read-model lag.
    pub lag_sum_us: u128,
    pub lags: u64,
    pub max_lag_us: u64,
}

/// One component at one simulated second.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Sample {
    pub t_s: u32,
    /// Visible and delayed messages waiting (queues, streams, buffers, wait lines).
    pub depth: u32,
    pub oldest_age_ms: u64,
    /// Received but not yet deleted or answered.
    pub in_flight: u32,
    /// Work finished during this second.
    pub throughput: u32,
    pub errors: u32,
    pub throttles: u32,
    pub concurrency: u32,
    pub dead_letter_depth: u32,
    pub instances: u32,
}

/// A bounded series of samples (the oldest drop off past the capacity).
#[derive(Clone, Debug, Default)]
pub struct Series {
    pub samples: VecDeque<Sample>,
}

impl Series {
    pub fn push(&mut self, sample: Sample, capacity: u32) {
        if capacity == 0 {
            return;
        }
        if self.samples.is_empty() {
            // The whole window at once: growing by doubling would keep taking memory
            // for minutes of a run, which reads as a leak in the page.
            self.samples.reserve_exact(capacity.min(4_096) as usize);
        }
        if self.samples.len() as u64 >= u64::from(capacity) {
            self.samples.pop_front();
        }
        self.samples.push_back(sample);
    }
}

/// A log-bucketed latency histogram: fixed memory, under 1% relative error.
#[derive(Clone, Debug, Default)]
pub struct Histogram {
    counts: Vec<u64>,
    total: u64,
    sum: u128,
    max: u64,
}

const SUB_BITS: u32 = 7;
const SUBS: u64 = 1 << SUB_BITS;


impl Histogram {
    fn bucket(value: u64) -> usize {
        if value < SUBS {
            return value as usize;
        }
        let exp = 63 - value.leading_zeros(); // >= SUB_BITS
        let shift = exp - SUB_BITS;
        let mantissa = (value >> shift) - SUBS; // 0..SUBS
        ((u64::from(shift) + 1) * SUBS + mantissa) as usize
    }

    fn lower_bound(bucket: usize) -> u64 {
        let b = bucket as u64;
        if b < SUBS {
            return b;
        }
        let shift = b / SUBS - 1;
        let mantissa = b % SUBS;
        (SUBS + mantissa) << shift
    }

    pub fn record(&mut self, value: u64) {
        let b = Self::bucket(value);
        if self.counts.len() <= b {
            self.counts.resize(b + 1, 0);
        }
        self.counts[b] += 1;
        self.total += 1;
        self.sum += u128::from(value);
        self.max = self.max.max(value);
    }

    pub fn count(&self) -> u64 {
        self.total
    }

    pub fn mean(&self) -> Option<f64> {
        (self.total > 0).then(|| self.sum as f64 / self.total as f64)
    }

    pub fn max(&self) -> u64 {
        self.max
    }

    /// The value below which a share `q` of the records fall (bucket midpoint).
    pub fn quantile(&self, q: f64) -> Option<u64> {
        self.quantile_of(q, self.total, |i| self.counts[i])
    }

    /// The same for the records made since `earlier`, an older copy of this histogram
    /// (the page's per-second response times).
    pub fn quantile_since(&self, earlier: &Histogram, q: f64) -> Option<u64> {
        let total = self.total.saturating_sub(earlier.total);
        self.quantile_of(q, total, |i| self.counts[i].saturating_sub(earlier.counts.get(i).copied().unwrap_or(0)))
    }

    fn quantile_of(&self, q: f64, total: u64, count: impl Fn(usize) -> u64) -> Option<u64> {
        if total == 0 {
            return None;
        }
        let rank = ((q.clamp(0.0, 1.0) * total as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for i in 0..self.counts.len() {
            seen += count(i);
            if seen >= rank {
                let lo = Self::lower_bound(i);
                let hi = Self::lower_bound(i + 1).max(lo + 1);
                return Some((lo + (hi - lo - 1) / 2).min(self.max));
            }
        }
        Some(self.max)
    }
}

/// What a waiting client saw.
#[derive(Clone, Debug, Default)]
pub struct ClientStats {
    pub sent: u64,
    pub ok: u64,
    pub accepted_202: u64,
    pub timeouts: u64,
    pub server_errors: u64,
    pub throttled_429: u64,
    pub latency_us: Histogram,
    /// Sends (SendMessage, Publish, PutRecord, ...) that failed, by AWS's error name,
    /// whether or not the client waits for an answer.
    pub send_errors: Vec<(&'static str, u64)>,
}

impl ClientStats {
    pub(crate) fn count_send_error(&mut self, name: &'static str) {
        match self.send_errors.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => self.send_errors.push((name, 1)),
        }
    }

    pub fn errors(&self) -> u64 {
        self.timeouts + self.server_errors + self.throttled_429
    }
}

/// Latency percentiles in milliseconds, for reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Percentiles {
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub mean_ms: f64,
    pub max_ms: f64,
}

impl Percentiles {
    pub fn of(h: &Histogram) -> Option<Percentiles> {
        let ms = |us: u64| us as f64 / 1000.0;
        Some(Percentiles {
            p50_ms: ms(h.quantile(0.50)?),
            p95_ms: ms(h.quantile(0.95)?),
            p99_ms: ms(h.quantile(0.99)?),
            mean_ms: h.mean()? / 1000.0,
            max_ms: ms(h.max()),
        })
    }
}

impl super::engine::Simulation {
    /// What a client's users have seen so far (read-only: the page keeps a copy of the
    /// response times each second and charts the percentiles of the difference, and the
    /// failures per second).
    pub fn client_stats(&self, id: crate::model::ComponentId) -> Option<&ClientStats> {
        let &n = self.index.get(&id)?;
        self.nodes.get(n as usize)?.client.as_deref()
    }

    /// A component's counters so far (read-only: the page takes per-second differences,
    /// such as a queue's mean wait).
    pub fn component_totals(&self, id: crate::model::ComponentId) -> Option<Totals> {
        let &n = self.index.get(&id)?;
        self.nodes.get(n as usize).map(|node| node.totals)
    }
}

/// Integrates a level (backlog, busy servers) over time.
pub fn integrate(area: &mut u128, level: u64, since: &mut Micros, now: Micros) {
    if now > *since {
        *area += u128::from(level) * u128::from(now - *since);
        *since = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_quantiles_are_close() {
        let mut h = Histogram::default();
        for v in 1..=100_000u64 {
            h.record(v * 10);
        }
        let p50 = h.quantile(0.5).unwrap_or(0) as f64;
        let p99 = h.quantile(0.99).unwrap_or(0) as f64;
        assert!((p50 / 500_000.0 - 1.0).abs() < 0.01, "{p50}");
        assert!((p99 / 990_000.0 - 1.0).abs() < 0.01, "{p99}");
    }

    #[test]
    fn quantiles_since_an_older_copy_see_only_the_new_records() {
        let mut h = Histogram::default();
        for _ in 0..1000 {
            h.record(10);
        }
        let earlier = h.clone();
        assert_eq!(h.quantile_since(&earlier, 0.5), None);
        for _ in 0..10 {
            h.record(5_000);
        }
        let p50 = h.quantile_since(&earlier, 0.5).unwrap_or(0) as f64;
        assert!((p50 / 5_000.0 - 1.0).abs() < 0.01, "{p50}");
        assert_eq!(h.quantile_since(&Histogram::default(), 0.5), h.quantile(0.5));
    }
}
