//! One run as the page plays it: the engine, the diagram it was built from, the
//! bounded event log, message hops and latency tracks its trace feeds, the figures read a simulated second at a time
//! (clients' response times and failures, queues' waits, compute components' work) and
//! the hops still moving, which the page draws as dots.

use crate::editor::geometry::{edge_point, Rect, NODE_HEIGHT, NODE_WIDTH};
use super::event_log::EventLog;
use super::latency::{LatencyPoint, LatencyTracks, Measure, CHART_SECONDS};
use super::message_hops::MessageHops;
use crate::editor::Viewport;
use crate::model::{ComponentId, ComponentKind, Diagram, Point};
use crate::sim::metrics::{Histogram, Totals};
use crate::sim::{Hop, HopOutcome, Sample, Simulation};
use std::collections::VecDeque;
use std::rc::Rc;

/// At most this many dots are drawn; older ones are let go first.
pub const MAX_DOTS: usize = 5_000;
/// A moving dot's radius at zoom 1 (one that ended badly shows larger where it stopped).
pub const DOT_RADIUS: f64 = 4.5;
pub(crate) const SECOND_US: u64 = 1_000_000;

/// A total and a count at the ends of the last [`MEAN_OVER_S`] seconds, oldest first.
type Totalled = VecDeque<(u128, u64)>;
/// Means are taken over this many seconds: a worker busy with a batch for several
/// seconds finishes it all at once, which a one-second mean would show as spikes.
const MEAN_OVER_S: usize = 5;

/// A client's figures, kept a second at a time.
struct ClientTrack {
    id: ComponentId,
    before: Histogram,
    failed: u64,
    per_second: VecDeque<(u32, u32)>,
}

/// The engine and what the page keeps of it.
pub struct Run {
    pub(crate) sim: Simulation,
    /// The diagram the run was built from (positions for the dots).
    pub(crate) diagram: Rc<Diagram>,
    pub(crate) revision: u64,
    pub(crate) dots: Vec<Hop>,
    pub(crate) events: EventLog,
    pub(crate) messages: MessageHops,
    pub(crate) latency: LatencyTracks,
    /// Each box by component id, sorted, so a dot finds its ends without hashing.
    boxes: Vec<(ComponentId, Rect)>,
    /// Each client's response times as they were at the last second's end, and its
    /// failures so far and per second (the engine's samples count a client's own errors,
    /// which it has none of; a chart wants what its users saw).
    clients: Vec<ClientTrack>,
    /// Each queue's total wait and receives, and each compute component's busy time and
    /// messages done, at the ends of the last few seconds (for means over them).
    queues: Vec<(ComponentId, Totalled)>,
    computes: Vec<(ComponentId, Totalled)>,
}

impl Run {
    pub fn new(sim: Simulation, diagram: Rc<Diagram>, revision: u64) -> Run {
        let mut boxes: Vec<(ComponentId, Rect)> = diagram
            .components()
            .map(|c| (c.id, Rect { x: c.position.x, y: c.position.y, width: NODE_WIDTH, height: NODE_HEIGHT }))
            .collect();
        boxes.sort_unstable_by_key(|b| b.0);
        let of_kind = |kind| diagram.components().filter(move |c| c.kind() == kind).map(|c| c.id);
        let clients = of_kind(ComponentKind::Client)
            .map(|id| ClientTrack { id, before: Histogram::default(), failed: 0, per_second: VecDeque::with_capacity(CHART_SECONDS) })
            .collect();
        let totalled = |id| (id, Totalled::from([(0, 0)]));
        let queues: Vec<(ComponentId, Totalled)> = of_kind(ComponentKind::Queue).map(totalled).collect();
        let computes: Vec<(ComponentId, Totalled)> =
            [ComponentKind::Function, ComponentKind::Service, ComponentKind::WorkerGroup].into_iter().flat_map(of_kind).map(totalled).collect();
        let mut latency = LatencyTracks::new(boxes.iter().map(|b| b.0));
        for (id, _) in &queues {
            latency.mean_of(*id, Measure::MeanWait);
        }
        for (id, _) in &computes {
            latency.mean_of(*id, Measure::MeanWork);
        }
        Run { sim, diagram, revision, dots: Vec::new(), events: EventLog::default(), messages: MessageHops::default(), latency, boxes, clients, queues, computes }
    }

    fn rect(&self, id: ComponentId) -> Option<&Rect> {
        self.boxes.binary_search_by_key(&id, |b| b.0).ok().map(|i| &self.boxes[i].1)
    }

    /// Runs to `to`, a simulated second at a time: each second's end closes its latency
    /// percentiles and reads the clients' response times and the queues' waits. With
    /// `dots` (a dot's shortest travel), the hops still moving at `to` become dots, and
    /// the rest are trimmed (see [`Run::trim_dots`]).
    pub fn advance(&mut self, to: u64, dots: Option<u64>) {
        while self.sim.now_us() < to {
            let second_end = (self.sim.now_us() / SECOND_US + 1) * SECOND_US;
            let until = second_end.min(to);
            self.sim.advance_until(until);
            let hops = self.sim.drain_trace();
            for h in &hops {
                self.events.push(h);
                self.messages.remember(h);
                self.latency.follow(h);
            }
            if let Some(linger) = dots {
                // Only hops still moving at `to`: a slow frame at 100× brings tens of
                // thousands, which would only grow the list before the trim.
                self.dots.extend(hops.into_iter().filter(|h| h.arrive_us.max(h.depart_us + linger) >= to));
            }
            if until == second_end {
                self.latency.close_until(until);
                self.read_second((until / SECOND_US) as u32);
            }
        }
    }

    fn read_second(&mut self, t_s: u32) {
        // (the components, and the total and the count to divide it by)
        let means: [(&mut Vec<(ComponentId, Totalled)>, fn(&Totals) -> (u128, u64)); 2] = [
            (&mut self.queues, |t| (t.wait_sum_us, t.waits)),
            (&mut self.computes, |t| (t.busy_area, t.processed + t.errors)),
        ];
        for (list, read) in means {
            for (id, past) in list.iter_mut() {
                let Some(totals) = self.sim.component_totals(*id) else { continue };
                let (sum, count) = read(&totals);
                let (then_sum, then_count) = past.front().copied().unwrap_or((0, 0));
                let n = count.saturating_sub(then_count);
                if n > 0 {
                    let mean = sum.saturating_sub(then_sum) / u128::from(n);
                    self.latency.push_mean(*id, t_s, u64::try_from(mean).unwrap_or(u64::MAX));
                }
                if past.len() >= MEAN_OVER_S {
                    past.pop_front();
                }
                past.push_back((sum, count));
            }
        }
        for c in &mut self.clients {
            let Some(stats) = self.sim.client_stats(c.id) else { continue };
            let failed = stats.errors();
            if c.per_second.len() >= CHART_SECONDS {
                c.per_second.pop_front();
            }
            c.per_second.push_back((t_s, u32::try_from(failed.saturating_sub(c.failed)).unwrap_or(u32::MAX)));
            c.failed = failed;
            let now = &stats.latency_us;
            if now.count() == c.before.count() {
                continue;
            }
            let q = |q: f64| now.quantile_since(&c.before, q).unwrap_or(0);
            self.latency.push_point(c.id, LatencyPoint { t_s, p50_us: q(0.50), p95_us: q(0.95), p99_us: q(0.99) });
            c.before = now.clone();
        }
    }

    /// Lets go of dots that have arrived (each lingers `linger_us` at least), and the
    /// oldest past [`MAX_DOTS`].
    pub fn trim_dots(&mut self, linger_us: u64) {
        let now = self.sim.now_us();
        self.dots.retain(|h| h.arrive_us.max(h.depart_us + linger_us) >= now);
        if self.dots.len() > MAX_DOTS {
            let excess = self.dots.len() - MAX_DOTS;
            self.dots.drain(..excess);
        }
    }

    /// Where a dot is now on screen, and its radius.
    pub fn dot_at(&self, hop: &Hop, min_travel_us: f64, vp: &Viewport) -> Option<(Point, f64)> {
        let (a, b) = (self.rect(hop.from)?, self.rect(hop.to)?);
        let travel = (hop.arrive_us.saturating_sub(hop.depart_us) as f64).max(min_travel_us);
        let t = ((self.sim.now_us() as f64 - hop.depart_us as f64) / travel).clamp(0.0, 1.0);
        let (s, e) = (edge_point(a, b.center()), edge_point(b, a.center()));
        let at = vp.to_screen(Point { x: s.x + (e.x - s.x) * t, y: s.y + (e.y - s.y) * t });
        let radius = if t >= 1.0 && hop.outcome != HopOutcome::Delivered { 6.5 } else { DOT_RADIUS } * vp.zoom.max(0.5);
        Some((at, radius))
    }

    /// A component's samples, the last [`CHART_SECONDS`] at most; a client's
    /// errors are the failures its users saw.
    pub fn series(&self, id: ComponentId) -> Vec<Sample> {
        let all = self.sim.series(id);
        let mut samples = all[all.len().saturating_sub(CHART_SECONDS)..].to_vec();
        if let Some(c) = self.clients.iter().find(|c| c.id == id) {
            // Both run a second at a time: match them up by second.
            let mut failed = c.per_second.iter().peekable();
            for s in &mut samples {
                while failed.next_if(|(t, _)| *t < s.t_s).is_some() {}
                if let Some((_, n)) = failed.next_if(|(t, _)| *t == s.t_s) {
                    s.errors = s.errors.max(*n);
                }
            }
        }
        samples
    }
}
