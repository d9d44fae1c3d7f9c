//! Per-second latency percentiles of each component, for the charts, bounded to the
//! last [`CHART_SECONDS`] seconds and a sample of each busy second.
//!
//! Latency comes from the hops, two ways per component (the chart shows the first that
//! has data): the time a message spent here, from arriving to being sent on (a queue's
//! wait, a function's work), and for components that send nothing on, the message's age
//! when it arrived. Clients' response times come from the engine's histograms instead
//! ([`LatencyTracks::push_point`]), and means from the engine's counters
//! ([`LatencyTracks::push_mean`]: a queue's wait, a compute component's work per
//! message) while the engine records no hop when a consumer polls a message out of a
//! queue or stream (which leaves the queue's departure and the consumer's arrival untimed).

use crate::model::ComponentId;
use crate::sim::{Hop, HopOutcome};
use std::collections::VecDeque;

/// Seconds the charts show: the latency percentiles kept per component (and the
/// engine's samples the page keeps).
pub const CHART_SECONDS: usize = 600;
/// Messages followed at once for latency (by id; older ones are let go).
const FOLLOWED: usize = 65_536;
/// Values kept per component per second; past this, a sample of them.
const VALUES_PER_SECOND: usize = 2_048;
const NOWHERE: u32 = u32::MAX;

/// One second's latency percentiles, in microseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LatencyPoint {
    /// The second ending at this time (as the engine's samples count).
    pub t_s: u32,
    pub p50_us: u64,
    pub p95_us: u64,
    pub p99_us: u64,
}

/// What a component's latency chart measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// From arriving here to being sent on.
    TimeHere,
    /// From the message's creation to arriving here.
    AgeOnArrival,
    /// What a waiting client saw, from sending to the answer.
    Response,
    /// A queue's mean wait, from visible to received (one line: p50 = p95 = p99).
    MeanWait,
    /// A compute component's mean busy time per message, failed ones included.
    MeanWork,
}

/// Where a followed message is, for latency.
#[derive(Clone, Copy, Default)]
struct Followed {
    id: u64,
    born_us: u64,
    at: u32,
    arrived_us: u64,
}

/// One component's per-second values and percentiles, for one [`Measure`].
struct Track {
    values: Vec<u64>,
    seen: u64,
    points: VecDeque<LatencyPoint>,
}

impl Track {
    fn new() -> Track {
        Track { values: Vec::new(), seen: 0, points: VecDeque::with_capacity(CHART_SECONDS) }
    }

    fn record(&mut self, v: u64) {
        self.seen += 1;
        if self.values.len() < VALUES_PER_SECOND {
            self.values.push(v);
        } else {
            // A spread sample of a busy second (Knuth's multiplicative hash picks the slot).
            let slot = (self.seen.wrapping_mul(2_654_435_761) % VALUES_PER_SECOND as u64) as usize;
            self.values[slot] = v;
        }
    }

    fn push(&mut self, point: LatencyPoint) {
        if self.points.len() >= CHART_SECONDS {
            self.points.pop_front();
        }
        self.points.push_back(point);
    }

    fn close(&mut self, t_s: u32) {
        if self.values.is_empty() {
            return;
        }
        self.values.sort_unstable();
        let at = |q: f64| {
            let rank = ((q * self.values.len() as f64).ceil() as usize).clamp(1, self.values.len());
            self.values[rank - 1]
        };
        let point = LatencyPoint { t_s, p50_us: at(0.50), p95_us: at(0.95), p99_us: at(0.99) };
        self.push(point);
        self.values.clear();
        self.seen = 0;
    }
}

/// Every component's latency tracks.
pub struct LatencyTracks {
    /// The run's components, sorted: a component's place here indexes the tracks.
    components: Vec<ComponentId>,
    followed: Vec<Followed>,
    time_here: Vec<Track>,
    age: Vec<Track>,
    response: Vec<Track>,
    /// Means from the engine's counters, and which kind each component has, if any.
    means: Vec<(Option<Measure>, Track)>,
    /// The second whose values are being collected.
    open_s: u32,
}

impl LatencyTracks {
    pub fn new(components: impl IntoIterator<Item = ComponentId>) -> LatencyTracks {
        let mut components: Vec<ComponentId> = components.into_iter().collect();
        components.sort_unstable();
        components.dedup();
        let n = components.len();
        LatencyTracks {
            components,
            followed: vec![Followed::default(); FOLLOWED],
            time_here: (0..n).map(|_| Track::new()).collect(),
            age: (0..n).map(|_| Track::new()).collect(),
            response: (0..n).map(|_| Track::new()).collect(),
            means: (0..n).map(|_| (None, Track::new())).collect(),
            open_s: 1,
        }
    }

    fn index(&self, id: ComponentId) -> u32 {
        self.components.binary_search(&id).map_or(NOWHERE, |i| i as u32)
    }

    /// Follows a message through a hop, recording the time it spent where it left and
    /// its age where it arrived.
    pub fn follow(&mut self, h: &Hop) {
        let (from, to) = (self.index(h.from), self.index(h.to));
        let f = &mut self.followed[(h.message % FOLLOWED as u64) as usize];
        if f.id != h.message {
            if h.message < f.id {
                return;
            }
            *f = Followed { id: h.message, born_us: h.depart_us, at: NOWHERE, arrived_us: 0 };
        }
        // A failed, throttled or refused try leaves the message where it was (a bus or
        // topic holds it for the next try); only a delivery moves it, and only leaving
        // for the next component counts as time here (not a move to a dead-letter queue).
        let moved = matches!(h.outcome, HopOutcome::Delivered | HopOutcome::DeadLettered) && to != NOWHERE;
        let here = (h.outcome == HopOutcome::Delivered && f.at == from && from != NOWHERE).then(|| h.depart_us.saturating_sub(f.arrived_us));
        let mut age = None;
        if moved {
            age = Some(h.arrive_us.saturating_sub(f.born_us));
            f.at = to;
            f.arrived_us = h.arrive_us;
        }
        let (depart_s, arrive_s) = (second_of(h.depart_us), second_of(h.arrive_us));
        if let Some(v) = here {
            self.open(depart_s);
            self.time_here[from as usize].record(v);
        }
        if let Some(v) = age {
            self.open(arrive_s);
            self.age[to as usize].record(v);
        }
    }

    /// Moves collection to second `s`, closing the open one if `s` is later.
    fn open(&mut self, s: u32) {
        if s > self.open_s {
            self.close_open();
            self.open_s = s;
        }
    }

    fn close_open(&mut self) {
        let s = self.open_s;
        for t in self.time_here.iter_mut().chain(self.age.iter_mut()) {
            t.close(s);
        }
    }

    /// Closes every second that ended by `now_us` (no hop can land in it any more).
    pub fn close_until(&mut self, now_us: u64) {
        let done = (now_us / 1_000_000).min(u64::from(u32::MAX)) as u32;
        if done >= self.open_s {
            self.close_open();
            self.open_s = done.saturating_add(1);
        }
    }

    /// A latency point measured elsewhere (a client's response times).
    pub fn push_point(&mut self, id: ComponentId, point: LatencyPoint) {
        let i = self.index(id);
        if let Some(t) = self.response.get_mut(i as usize) {
            t.push(point);
        }
    }

    /// Says that this component's latency, when no hop times it, is a mean from its
    /// counters ([`Measure::MeanWait`] for queues, [`Measure::MeanWork`] for compute):
    /// the chart then names that, even before the first point.
    pub fn mean_of(&mut self, id: ComponentId, measure: Measure) {
        let i = self.index(id);
        if let Some(m) = self.means.get_mut(i as usize) {
            m.0 = Some(measure);
        }
    }

    /// The mean over the second that ends at `t_s`.
    pub fn push_mean(&mut self, id: ComponentId, t_s: u32, mean_us: u64) {
        let i = self.index(id);
        if let Some((_, t)) = self.means.get_mut(i as usize) {
            t.push(LatencyPoint { t_s, p50_us: mean_us, p95_us: mean_us, p99_us: mean_us });
        }
    }

    /// The component's latency series and what it measures: response times for clients
    /// that wait, else the time spent here, else its mean (points or not), else the age
    /// on arrival.
    pub fn latency(&self, id: ComponentId) -> Option<(Measure, Vec<LatencyPoint>)> {
        let i = self.index(id) as usize;
        let points = |t: &Track| t.points.iter().copied().collect::<Vec<_>>();
        fn some(t: Option<&Track>) -> Option<&Track> {
            t.filter(|t| !t.points.is_empty())
        }
        if let Some(t) = some(self.response.get(i)) {
            return Some((Measure::Response, points(t)));
        }
        if let Some(t) = some(self.time_here.get(i)) {
            return Some((Measure::TimeHere, points(t)));
        }
        if let Some((Some(m), t)) = self.means.get(i) {
            return Some((*m, points(t)));
        }
        some(self.age.get(i)).map(|t| (Measure::AgeOnArrival, points(t)))
    }
}

/// The second a time falls in, counted as the engine's samples count: the sample at
/// `t_s` covers the second that ends at `t_s`.
fn second_of(us: u64) -> u32 {
    us.div_ceil(1_000_000).min(u64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::playback::test_hop as hop;

    fn log() -> Log {
        Log(LatencyTracks::new((0..4).map(ComponentId)))
    }

    /// The tracks, fed hops as the run feeds them.
    struct Log(LatencyTracks);

    impl Log {
        fn take(&mut self, hops: &[Hop]) {
            hops.iter().for_each(|h| self.0.follow(h));
        }
    }

    impl std::ops::Deref for Log {
        type Target = LatencyTracks;
        fn deref(&self) -> &LatencyTracks {
            &self.0
        }
    }

    impl std::ops::DerefMut for Log {
        fn deref_mut(&mut self) -> &mut LatencyTracks {
            &mut self.0
        }
    }

    #[test]
    fn latency_is_the_time_here_or_else_the_age_on_arrival() {
        let mut l = log();
        // Client 0 → queue 1 → function 2 → database 3; each message waits (m × 100 ms)
        // in the queue and 50 ms in the function.
        for m in 1..=10u64 {
            l.take(&[
                hop(m, 0, 1, 0, HopOutcome::Delivered),
                hop(m, 1, 2, m * 100, HopOutcome::Delivered),
                hop(m, 2, 3, m * 100 + 50, HopOutcome::Delivered),
            ]);
        }
        l.close_until(3_000_000);
        let (measure, queue) = l.latency(ComponentId(1)).expect("queue latency");
        assert_eq!(measure, Measure::TimeHere);
        assert_eq!(queue.len(), 1, "every message left the queue by 1.0 s: {queue:?}");
        assert_eq!((queue[0].t_s, queue[0].p50_us, queue[0].p99_us), (1, 500_000, 1_000_000));
        let (_, function) = l.latency(ComponentId(2)).expect("function latency");
        assert!(function.iter().all(|p| p.p50_us == 50_000));
        let (measure, db) = l.latency(ComponentId(3)).expect("database latency");
        assert_eq!(measure, Measure::AgeOnArrival, "a sink sends nothing on");
        assert_eq!(db.last().map(|p| p.p99_us), Some(1_050_000));
        assert_eq!(l.latency(ComponentId(0)), None, "a client has no hop-based latency");
        l.push_point(ComponentId(0), LatencyPoint { t_s: 1, p50_us: 7, p95_us: 8, p99_us: 9 });
        assert_eq!(l.latency(ComponentId(0)).map(|(m, p)| (m, p.len())), Some((Measure::Response, 1)));
        assert_eq!(l.latency(ComponentId(42)), None);
        // A queue whose consumer polls (no hop out) charts its mean wait instead.
        let mut l = log();
        l.take(&[hop(1, 0, 1, 0, HopOutcome::Delivered)]);
        l.close_until(2_000_000);
        assert_eq!(l.latency(ComponentId(1)).map(|(m, _)| m), Some(Measure::AgeOnArrival));
        l.mean_of(ComponentId(1), Measure::MeanWait);
        assert_eq!(l.latency(ComponentId(1)), Some((Measure::MeanWait, vec![])), "a queue's chart names its wait before the first");
        l.push_mean(ComponentId(1), 2, 1234);
        assert_eq!(l.latency(ComponentId(1)).map(|(m, p)| (m, p[0].p99_us)), Some((Measure::MeanWait, 1234)));
    }

    #[test]
    fn failed_tries_count_as_time_here_until_the_delivery_and_only_the_last_seconds_are_kept() {
        let mut l = log();
        // A topic (1) fails to deliver to a function (2) twice, then delivers at 30 ms.
        l.take(&[
            hop(1, 0, 1, 0, HopOutcome::Delivered),
            hop(1, 1, 2, 10, HopOutcome::Failed),
            hop(1, 1, 2, 20, HopOutcome::Failed),
            hop(1, 1, 2, 30, HopOutcome::Delivered),
            // Dead-lettering is not time here (it would stand for the whole queue's wait).
            hop(2, 0, 1, 0, HopOutcome::Delivered),
            hop(2, 1, 3, 500, HopOutcome::DeadLettered),
        ]);
        l.close_until(2_000_000);
        let (_, points) = l.latency(ComponentId(1)).expect("topic latency");
        assert_eq!(points.iter().map(|p| p.p50_us).collect::<Vec<_>>(), vec![30_000], "the time until the delivery that worked");
        assert_eq!(l.latency(ComponentId(3)).map(|(m, p)| (m, p[0].p50_us)), Some((Measure::AgeOnArrival, 500_000)));
        for s in 0..(CHART_SECONDS as u64 + 50) {
            let m = 10 + s;
            let at = (s + 2) * 1000;
            l.take(&[hop(m, 0, 1, at, HopOutcome::Delivered), hop(m, 1, 2, at + 1, HopOutcome::Delivered)]);
            l.close_until((s + 3) * 1_000_000);
        }
        let (_, points) = l.latency(ComponentId(1)).expect("queue latency");
        assert_eq!(points.len(), CHART_SECONDS);
    }

    #[test]
    fn a_busy_second_is_sampled_not_stored_whole() {
        let mut l = log();
        let hops: Vec<Hop> = (1..=20_000u64).flat_map(|m| [hop(m, 0, 1, 1, HopOutcome::Delivered), hop(m, 1, 2, 1 + m % 100, HopOutcome::Delivered)]).collect();
        l.take(&hops);
        l.close_until(1_000_000);
        let (_, points) = l.latency(ComponentId(1)).expect("latency");
        let p = points[0];
        assert!(p.p50_us <= p.p95_us && p.p95_us <= p.p99_us && p.p99_us <= 99_000, "{p:?}");
        assert!((40_000..=60_000).contains(&p.p50_us), "{p:?}");
    }
}
