//! Clients and event sources: arrivals shaped by `Traffic`, payloads from templates.

use crate::model::spec::{EventSourceType, Spec, Traffic};
use crate::model::ConnectionKind;
use crate::sim::engine::{Caller, Simulation};
use crate::sim::event::Event;
use crate::sim::metrics::{Fate, Rejection};
use crate::sim::time::{ms, secs_f64, Micros};

#[derive(Clone, Debug, Default)]
pub(crate) struct SourceState {
    /// Bumped to cancel the pending tick (a live spike redraws the next arrival).
    pub generation: u32,
    pub seq: u64,
    /// What the pending tick does.
    pub tick: TickKind,
    pub spike_factor: f64,
    pub spike_until: Micros,
    /// Messages still to be made poison (`inject_poison`).
    pub poison_next: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) enum TickKind {
    #[default]
    Emit,
    /// A change of rate: nothing to send, just draw again.
    Redraw,
    /// Thinning for a ramp: send with probability rate(now) / bound.
    Thin(f64),
}

pub(crate) fn event_source_template(source: EventSourceType) -> &'static str {
    match source {
        EventSourceType::S3Upload => {
            r#"{"source": "aws.s3", "detail-type": "Object Created", "detail": {"bucket": "uploads", "key": "{{uuid}}.jpg", "size": {{int 1000 5000000}}}}"#
        }
        EventSourceType::Schedule => r#"{"source": "aws.scheduler", "detail-type": "Scheduled Event", "detail": {"run": {{seq}}}}"#,
        EventSourceType::IotDevices => {
            r#"{"source": "aws.iot", "deviceId": "device-{{int 1 50}}", "detail": {"temperature": {{int -10 45}}}}"#
        }
        EventSourceType::CloudWatchAlarm => {
            r#"{"source": "aws.cloudwatch", "detail-type": "CloudWatch Alarm State Change", "detail": {"state": "{{pick ALARM OK}}"}}"#
        }
    }
}

impl Simulation {
    fn traffic(&self, n: u32) -> (f64, Traffic) {
        match self.nodes.get(n as usize).map(|n| &n.spec) {
            Some(Spec::Client(c)) => (c.rate_per_s, c.traffic.clone()),
            Some(Spec::EventSource(e)) => (e.rate_per_s, Traffic::Poisson),
            _ => (0.0, Traffic::Steady),
        }
    }

    fn source_state(&mut self, n: u32) -> Option<&mut SourceState> {
        match &mut self.nodes.get_mut(n as usize)?.state {
            crate::sim::engine::State::Source(s) => Some(s),
            _ => None,
        }
    }

    /// The request rate at time `t` (per second), including a live spike.
    fn rate_at(&self, n: u32, t: Micros) -> f64 {
        let (base, traffic) = self.traffic(n);
        let shaped = match traffic {
            Traffic::Spike { at_s, for_s, factor } => {
                let (from, to) = (secs_f64(at_s), secs_f64(at_s + for_s));
                if t >= from && t < to {
                    base * factor
                } else {
                    base
                }
            }
            Traffic::Ramp { to_rate_per_s, over_s } => {
                let share = (t as f64 / 1e6 / over_s.max(1e-6)).min(1.0);
                base + (to_rate_per_s - base) * share
            }
            _ => base,
        };
        shaped * self.spike_factor_at(n, t)
    }

    fn spike_factor_at(&self, n: u32, t: Micros) -> f64 {
        match self.nodes.get(n as usize).map(|n| &n.state) {
            Some(crate::sim::engine::State::Source(s)) if t < s.spike_until && s.spike_factor > 0.0 => s.spike_factor,
            _ => 1.0,
        }
    }

    /// The next instant after `t` where the rate jumps.
    fn next_change(&self, n: u32, t: Micros) -> Option<Micros> {
        let mut next: Option<Micros> = None;
        let mut consider = |p: Micros| {
            if p > t && next.is_none_or(|n| p < n) {
                next = Some(p);
            }
        };
        if let Some(Spec::Client(c)) = self.nodes.get(n as usize).map(|n| &n.spec) {
            if let Traffic::Spike { at_s, for_s, .. } = c.traffic {
                consider(secs_f64(at_s));
                consider(secs_f64(at_s + for_s));
            }
        }
        if let Some(crate::sim::engine::State::Source(s)) = self.nodes.get(n as usize).map(|n| &n.state) {
            consider(s.spike_until);
        }
        next
    }

    /// Draws and schedules the next tick of a client or event source.
    pub(crate) fn schedule_next_tick(&mut self, n: u32, first: bool) {
        let now = self.now;
        let (base, traffic) = self.traffic(n);
        let spike = self.spike_factor_at(n, now);
        let (at, kind) = match traffic {
            Traffic::Burst { every_s, .. } => {
                let every = secs_f64(every_s).max(1);
                (if first { now } else { now + every }, TickKind::Emit)
            }
            Traffic::Steady => {
                let rate = self.rate_at(n, now);
                if rate > 0.0 {
                    (now + secs_f64(1.0 / rate).max(1), TickKind::Emit)
                } else {
                    match self.next_change(n, now) {
                        Some(c) => (c, TickKind::Redraw),
                        None => return,
                    }
                }
            }
            Traffic::Ramp { to_rate_per_s, .. } => {
                let bound = base.max(to_rate_per_s) * spike;
                if bound.is_nan() || bound <= 0.0 {
                    return;
                }
                let gap = secs_f64(self.rng.exponential(1.0 / bound)).max(1);
                let at = now + gap;
                match self.next_change(n, now) {
                    Some(c) if c <= at => (c, TickKind::Redraw),
                    _ => (at, TickKind::Thin(bound)),
                }
            }
            Traffic::Poisson | Traffic::Spike { .. } => {
                let rate = self.rate_at(n, now);
                let change = self.next_change(n, now);
                if rate > 0.0 {
                    let at = now + secs_f64(self.rng.exponential(1.0 / rate)).max(1);
                    match change {
                        // Poisson arrivals are memoryless: redraw at the change.
                        Some(c) if c <= at => (c, TickKind::Redraw),
                        _ => (at, TickKind::Emit),
                    }
                } else {
                    match change {
                        Some(c) => (c, TickKind::Redraw),
                        None => return,
                    }
                }
            }
        };
        let Some(state) = self.source_state(n) else { return };
        state.tick = kind;
        let generation = state.generation;
        self.events.push(at, Event::Tick { node: n, generation });
    }

    pub(crate) fn source_tick(&mut self, n: u32, generation: u32) {
        let Some(state) = self.source_state(n) else { return };
        if state.generation != generation {
            return;
        }
        let kind = state.tick;
        let count = match (kind, self.traffic(n).1) {
            (TickKind::Redraw, _) => 0,
            (TickKind::Thin(bound), _) => {
                let p = self.rate_at(n, self.now) / bound;
                u32::from(self.rng.chance(p))
            }
            (TickKind::Emit, Traffic::Burst { size, .. }) => {
                ((f64::from(size) * self.spike_factor_at(n, self.now)).round() as u64).min(1_000_000) as u32
            }
            (TickKind::Emit, _) => 1,
        };
        for _ in 0..count {
            self.emit(n);
        }
        self.schedule_next_tick(n, false);
    }

    /// One new request from a client or event source, sent over all its connections.
    fn emit(&mut self, n: u32) {
        let Some(state) = self.source_state(n) else { return };
        state.seq += 1;
        let seq = state.seq;
        let poison = state.poison_next > 0;
        state.poison_next = state.poison_next.saturating_sub(1);
        let (waits, timeout) = match self.nodes.get(n as usize).map(|n| &n.spec) {
            Some(Spec::Client(c)) => (c.waits_for_reply, ms(c.timeout_ms)),
            _ => (false, ms(10_000)),
        };
        if let Some(stats) = self.nodes[n as usize].client.as_deref_mut() {
            stats.sent += 1;
        }
        self.nodes[n as usize].totals.processed += 1;
        // None: too many messages alive (counted as created and refused).
        let Some(msg) = self.new_message(n, seq, None) else { return };
        if let Some(m) = self.msgs.get_mut(msg) {
            m.poison = poison;
        }
        let count = self.nodes[n as usize].out.len();
        if count == 0 {
            self.finish(msg, Fate::Rejected(Rejection::NoRoute));
            return;
        }
        let last = count - 1;
        for i in 0..count {
            let link = self.nodes[n as usize].out[i];
            let m = if i == last { msg } else {
                match self.copy_message(msg) {
                    Some(c) => c,
                    None => continue,
                }
            };
            // SendMessage, Publish, PutEvents, PutRecord are API calls too: the service
            // acknowledges (at once when it takes the message) or the SDK call fails
            // with the service's error, which the producer sees whether or not it
            // waits for an answer to its requests.
            let l = &self.links[link as usize];
            let send_to = (l.kind != ConnectionKind::Call).then(|| self.nodes[l.to as usize].kind);
            let caller = Caller::Client { node: n, sent: self.now, waits, send_to };
            self.call(link, m, caller, timeout);
        }
    }
}
