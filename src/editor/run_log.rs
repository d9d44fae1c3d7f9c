//! What the page keeps of a run's trace, pure Rust and bounded whatever the run's
//! length: the latest hops (the event log), the hops of each recent message (the message
//! inspector) and per-second latency percentiles of each component (the charts). It is
//! fed the hops the engine's trace gives, oldest first; all of its memory is reserved
//! when the run starts or reaches a fixed ceiling soon after, so a long run at 100×
//! does not grow the page.
//!
//! Latency comes from the hops, two ways per component (the chart shows the first that
//! has data): the time a message spent here, from arriving to being sent on (a queue's
//! wait, a function's work), and for components that send nothing on, the message's age
//! when it arrived. Clients' response times come from the engine's histograms instead
//! ([`RunLog::push_point`]), and means from the engine's counters ([`RunLog::push_mean`]:
//! a queue's wait, a compute component's work per message) while the engine records no
//! hop when a consumer polls a message out of a queue or stream (which leaves the
//! queue's departure and the consumer's arrival untimed).

use crate::model::{ComponentId, ComponentKind};
use crate::sim::{Hop, HopOutcome};
use std::collections::VecDeque;

/// Hops the event log keeps.
pub const LOG_HOPS: usize = 10_000;
/// Messages whose hops are kept for the message inspector (the newest ids).
pub const MESSAGES: usize = 4_096;
/// Hops kept per message (the engine refuses a message past 64 hops anyway).
pub const HOPS_PER_MESSAGE: usize = 64;
/// Seconds the charts show: the latency percentiles kept per component (and the
/// engine's samples the page keeps).
pub const CHART_SECONDS: usize = 600;
/// Messages followed at once for latency (by id; older ones are let go).
const FOLLOWED: usize = 65_536;
/// Values kept per component per second; past this, a sample of them.
const VALUES_PER_SECOND: usize = 2_048;
const NOWHERE: u32 = u32::MAX;

/// Every outcome, in the order the page lists them.
pub const OUTCOMES: [HopOutcome; 5] =
    [HopOutcome::Delivered, HopOutcome::Throttled, HopOutcome::Failed, HopOutcome::Rejected, HopOutcome::DeadLettered];

/// A bit per outcome, for filters.
pub fn outcome_bit(o: HopOutcome) -> u8 {
    match o {
        HopOutcome::Delivered => 1,
        HopOutcome::Throttled => 2,
        HopOutcome::Failed => 4,
        HopOutcome::Rejected => 8,
        HopOutcome::DeadLettered => 16,
    }
}

/// Which hops the event log shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogFilter {
    /// Hops from or to this component only.
    pub component: Option<ComponentId>,
    /// Outcomes shown, as [`outcome_bit`]s.
    pub outcomes: u8,
}

impl Default for LogFilter {
    fn default() -> Self {
        LogFilter { component: None, outcomes: 0x1f }
    }
}

impl LogFilter {
    pub fn accepts(&self, h: &Hop) -> bool {
        self.outcomes & outcome_bit(h.outcome) != 0 && self.component.is_none_or(|c| h.from == c || h.to == c)
    }
}

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

struct MessageSlot {
    id: u64,
    hops: Vec<Hop>,
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

/// The run's trace as the page keeps it.
pub struct RunLog {
    log: VecDeque<Hop>,
    taken: u64,
    messages: Vec<MessageSlot>,
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

impl RunLog {
    pub fn new(components: impl IntoIterator<Item = ComponentId>) -> RunLog {
        let mut components: Vec<ComponentId> = components.into_iter().collect();
        components.sort_unstable();
        components.dedup();
        let n = components.len();
        RunLog {
            log: VecDeque::with_capacity(LOG_HOPS),
            taken: 0,
            messages: (0..MESSAGES).map(|_| MessageSlot { id: 0, hops: Vec::new() }).collect(),
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

    /// Hops taken since the run started.
    pub fn hops_taken(&self) -> u64 {
        self.taken
    }

    /// Takes the hops the engine recorded, oldest first.
    pub fn take(&mut self, hops: &[Hop]) {
        for h in hops {
            self.taken += 1;
            if self.log.len() >= LOG_HOPS {
                self.log.pop_front();
            }
            self.log.push_back(*h);
            self.remember(h);
            self.follow(h);
        }
    }

    fn remember(&mut self, h: &Hop) {
        let slot = &mut self.messages[(h.message % MESSAGES as u64) as usize];
        if slot.id != h.message {
            if h.message < slot.id {
                return; // an old message whose place a newer one took
            }
            slot.id = h.message;
            slot.hops.clear();
        }
        if slot.hops.len() >= HOPS_PER_MESSAGE {
            slot.hops.remove(0);
        }
        slot.hops.push(*h);
    }

    fn follow(&mut self, h: &Hop) {
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

    /// The newest hops the filter accepts, newest first.
    pub fn recent(&self, filter: &LogFilter, limit: usize) -> Vec<Hop> {
        self.log.iter().rev().filter(|h| filter.accepts(h)).take(limit).copied().collect()
    }

    /// A recent message's hops, oldest first (None once newer messages took its place).
    pub fn message(&self, id: u64) -> Option<&[Hop]> {
        let slot = &self.messages[(id % MESSAGES as u64) as usize];
        (slot.id == id && id != 0).then_some(slot.hops.as_slice())
    }
}

/// The second a time falls in, counted as the engine's samples count: the sample at
/// `t_s` covers the second that ends at `t_s`.
fn second_of(us: u64) -> u32 {
    us.div_ceil(1_000_000).min(u64::from(u32::MAX)) as u32
}

/// Why a message's story ends where it does, from its last hop and whether the engine
/// still holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Still alive at this component: waiting there or being worked on.
    At(ComponentId),
    /// In this dead-letter queue.
    DeadLettered(ComponentId),
    /// Refused or failed here, and the engine still holds it: a retry is coming.
    RetryPending(ComponentId, HopOutcome),
    Failed(ComponentId),
    Throttled(ComponentId),
    Rejected(ComponentId),
    /// Landed in a store or sink: the journey is complete.
    Stored(ComponentId),
    /// Gone after arriving here: consumed (nowhere further to send it), or failed while
    /// this component worked on it with no retry left.
    EndedAt(ComponentId),
}

/// A message's hops told as a story: which hops were retries, and how it ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    pub hops: Vec<Hop>,
    /// Per hop: it repeats an earlier hop between the same two components.
    pub retry: Vec<bool>,
    pub retries: u32,
    pub ending: Option<Ending>,
}

pub fn story(hops: &[Hop], alive: bool, kind_of: impl Fn(ComponentId) -> Option<ComponentKind>) -> Story {
    let hops = in_causal_order(hops);
    let hops = hops.as_slice();
    let retry: Vec<bool> = hops.iter().enumerate().map(|(i, h)| hops[..i].iter().any(|e| (e.from, e.to) == (h.from, h.to))).collect();
    let retries = retry.iter().filter(|r| **r).count() as u32;
    let ending = hops.last().map(|last| {
        let at = last.to;
        match (last.outcome, alive) {
            (HopOutcome::DeadLettered, _) => Ending::DeadLettered(at),
            (HopOutcome::Delivered, true) => Ending::At(at),
            (outcome, true) => Ending::RetryPending(at, outcome),
            (HopOutcome::Failed, false) => Ending::Failed(at),
            (HopOutcome::Throttled, false) => Ending::Throttled(at),
            (HopOutcome::Rejected, false) => Ending::Rejected(at),
            (HopOutcome::Delivered, false) if kind_of(at).is_some_and(is_store) => Ending::Stored(at),
            (HopOutcome::Delivered, false) => Ending::EndedAt(at),
        }
    });
    Story { hops: hops.to_vec(), retry, retries, ending }
}

/// The engine records a hop once its target has taken the message in, so a hop the
/// target makes at the same instant (a topic's first delivery) comes first in the
/// trace. Within one instant, a hop into a component goes before the hops out of it.
fn in_causal_order(hops: &[Hop]) -> Vec<Hop> {
    let mut out = Vec::with_capacity(hops.len());
    let mut start = 0;
    while start < hops.len() {
        let end = start + hops[start..].iter().take_while(|h| h.arrive_us == hops[start].arrive_us).count();
        let mut group: Vec<Hop> = hops[start..end].to_vec();
        while !group.is_empty() {
            // The first hop whose source no other hop of the instant leads into.
            let next = group.iter().position(|h| !group.iter().any(|o| o.to == h.from && o.from != h.from)).unwrap_or(0);
            out.push(group.remove(next));
        }
        start = end;
    }
    out
}

fn is_store(kind: ComponentKind) -> bool {
    use ComponentKind::*;
    matches!(kind, Database | ObjectStorage | SearchIndex | Analytics | Notification)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(message: u64, from: u32, to: u32, at_ms: u64, outcome: HopOutcome) -> Hop {
        let us = at_ms * 1000;
        Hop { message, from: ComponentId(from), to: ComponentId(to), depart_us: us, arrive_us: us, outcome }
    }

    fn log() -> RunLog {
        RunLog::new((0..4).map(ComponentId))
    }

    #[test]
    fn the_event_log_keeps_the_latest_hops_and_filters_them() {
        let mut l = log();
        let hops: Vec<Hop> = (1..=LOG_HOPS as u64 + 10).map(|m| hop(m, 0, 1, m, HopOutcome::Delivered)).collect();
        l.take(&hops);
        l.take(&[hop(99_999, 1, 2, 20_000, HopOutcome::Failed)]);
        assert_eq!(l.hops_taken(), LOG_HOPS as u64 + 11);
        let all = l.recent(&LogFilter::default(), usize::MAX);
        assert_eq!(all.len(), LOG_HOPS, "bounded");
        assert_eq!(all[0].message, 99_999, "newest first");
        let failed = LogFilter { outcomes: outcome_bit(HopOutcome::Failed), ..LogFilter::default() };
        assert_eq!(l.recent(&failed, 10).len(), 1);
        let at_two = LogFilter { component: Some(ComponentId(2)), ..LogFilter::default() };
        assert_eq!(l.recent(&at_two, 10).iter().map(|h| h.message).collect::<Vec<_>>(), vec![99_999]);
        let none = LogFilter { outcomes: 0, ..LogFilter::default() };
        assert!(l.recent(&none, 10).is_empty());
    }

    #[test]
    fn a_message_keeps_its_hops_until_newer_messages_take_its_place() {
        let mut l = log();
        l.take(&[hop(5, 0, 1, 0, HopOutcome::Delivered), hop(5, 1, 2, 100, HopOutcome::Delivered)]);
        assert_eq!(l.message(5).map(<[Hop]>::len), Some(2));
        assert_eq!(l.message(6), None);
        let newer = 5 + MESSAGES as u64;
        l.take(&[hop(newer, 0, 1, 200, HopOutcome::Delivered)]);
        assert_eq!(l.message(5), None, "its slot went to a newer message");
        // A late hop of the old message does not disturb the newer one.
        l.take(&[hop(5, 2, 3, 300, HopOutcome::Delivered)]);
        assert_eq!(l.message(newer).map(<[Hop]>::len), Some(1));
        // A message that loops keeps only its latest hops.
        let looping: Vec<Hop> = (0..100).map(|i| hop(7, 1, 2, 400 + i, HopOutcome::Delivered)).collect();
        l.take(&looping);
        assert_eq!(l.message(7).map(<[Hop]>::len), Some(HOPS_PER_MESSAGE));
        assert_eq!(l.message(7).and_then(|h| h.last()).map(|h| h.arrive_us), Some(499_000));
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

    #[test]
    fn stories_say_which_hops_were_retries_and_how_it_ended() {
        let kinds = |id: ComponentId| Some([ComponentKind::Client, ComponentKind::Queue, ComponentKind::Function, ComponentKind::Database][id.0 as usize % 4]);
        let retried = [hop(1, 0, 1, 0, HopOutcome::Delivered), hop(1, 1, 2, 10, HopOutcome::Delivered), hop(1, 1, 2, 40, HopOutcome::Delivered)];
        let s = story(&retried, true, kinds);
        assert_eq!((s.retry.clone(), s.retries), (vec![false, false, true], 1));
        assert_eq!(s.ending, Some(Ending::At(ComponentId(2))));
        assert_eq!(story(&retried, false, kinds).ending, Some(Ending::EndedAt(ComponentId(2))));
        let stored = [hop(2, 2, 3, 0, HopOutcome::Delivered)];
        assert_eq!(story(&stored, false, kinds).ending, Some(Ending::Stored(ComponentId(3))));
        let dlq = [hop(3, 1, 3, 0, HopOutcome::DeadLettered)];
        assert_eq!(story(&dlq, true, kinds).ending, Some(Ending::DeadLettered(ComponentId(3))));
        let failed = [hop(4, 0, 2, 0, HopOutcome::Failed)];
        assert_eq!(story(&failed, false, kinds).ending, Some(Ending::Failed(ComponentId(2))));
        assert_eq!(story(&failed, true, kinds).ending, Some(Ending::RetryPending(ComponentId(2), HopOutcome::Failed)));
        // A topic's first delivery is traced before the hop that brought the message.
        let traced = [hop(7, 1, 2, 5, HopOutcome::Failed), hop(7, 0, 1, 5, HopOutcome::Delivered), hop(7, 1, 2, 5, HopOutcome::Failed)];
        let s = story(&traced, true, kinds);
        assert_eq!(s.hops.iter().map(|h| (h.from.0, h.to.0)).collect::<Vec<_>>(), vec![(0, 1), (1, 2), (1, 2)]);
        assert_eq!(s.retry, vec![false, false, true]);
        let throttled = [hop(5, 0, 2, 0, HopOutcome::Throttled)];
        assert_eq!(story(&throttled, false, kinds).ending, Some(Ending::Throttled(ComponentId(2))));
        let rejected = [hop(6, 0, 1, 0, HopOutcome::Rejected)];
        assert_eq!(story(&rejected, false, kinds).ending, Some(Ending::Rejected(ComponentId(1))));
        assert_eq!(story(&[], false, kinds).ending, None);
    }
}
