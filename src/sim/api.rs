//! The live what-if API the page calls on a running simulation.

use super::engine::{Simulation, State};
use super::event::Event;
use super::time::{secs_f64, Micros};
use crate::model::{ComponentId, ComponentKind};

impl Simulation {
    fn node_of(&self, id: ComponentId) -> Option<u32> {
        self.index.get(&id).copied()
    }

    /// Takes a component down (or brings it back). Returns false for an unknown id.
    pub fn set_down(&mut self, id: ComponentId, down: bool) -> bool {
        let Some(n) = self.node_of(id) else { return false };
        let fault = &mut self.nodes[n as usize].fault;
        if down && !fault.down {
            fault.down_since = self.now;
        }
        fault.down = down;
        if !down {
            // Consumers start polling again and wait lines move.
            self.events.push(self.now, Event::Pump { node: n });
        }
        true
    }

    /// Stops a function (throttles it to 0, as reserved concurrency 0 does) or lets it
    /// run again. Returns false for an unknown id.
    pub fn set_stopped(&mut self, id: ComponentId, stopped: bool) -> bool {
        let Some(n) = self.node_of(id) else { return false };
        self.nodes[n as usize].fault.stopped = stopped;
        if !stopped {
            // Its pollers invoke it again and its own wait line moves.
            self.events.push(self.now, Event::Pump { node: n });
        }
        true
    }

    /// Extra share of work that fails at this component (0 to 1).
    pub fn set_error_rate(&mut self, id: ComponentId, rate: f64) -> bool {
        let Some(n) = self.node_of(id) else { return false };
        self.nodes[n as usize].fault.error_rate = if rate.is_finite() { rate.clamp(0.0, 1.0) } else { 0.0 };
        true
    }

    /// Multiplies this component's processing and answer times (0.1 to 100).
    pub fn set_latency_multiplier(&mut self, id: ComponentId, multiplier: f64) -> bool {
        let Some(n) = self.node_of(id) else { return false };
        self.nodes[n as usize].fault.latency_multiplier = if multiplier.is_finite() { multiplier.clamp(0.1, 100.0) } else { 1.0 };
        true
    }

    /// Multiplies a client's rate by `factor` for `duration_s` seconds from now.
    pub fn spike(&mut self, client: ComponentId, factor: f64, duration_s: f64) -> bool {
        let Some(n) = self.node_of(client) else { return false };
        let until = self.now.saturating_add(secs_f64(duration_s));
        let State::Source(s) = &mut self.nodes[n as usize].state else { return false };
        s.spike_factor = if factor.is_finite() { factor.clamp(0.0, 1_000.0) } else { 1.0 };
        s.spike_until = until;
        // Cancel the pending arrival and draw again at the new rate.
        s.generation = s.generation.wrapping_add(1);
        self.schedule_next_tick(n, false);
        true
    }

    /// Makes the next message from this client or event source a poison message: it
    /// fails at every consumer (and so ends in a dead-letter queue, if there is one).
    pub fn inject_poison(&mut self, source: ComponentId) -> bool {
        let Some(n) = self.node_of(source) else { return false };
        let State::Source(s) = &mut self.nodes[n as usize].state else { return false };
        s.poison_next += 1;
        true
    }

    /// Replays an event bus's archive: every event it holds now is sent to the bus's
    /// rules again, as new messages marked replayed (not archived or checked against
    /// the schema a second time), at the next event. False for an unknown id, or a
    /// component that is not an event bus with its archive on.
    pub fn replay_archive(&mut self, bus: ComponentId) -> bool {
        let Some(n) = self.node_of(bus) else { return false };
        let archived = matches!(&self.nodes[n as usize].spec, crate::model::spec::Spec::EventBus(s) if s.archive);
        if archived {
            self.events.push(self.now, Event::Replay { node: n });
        }
        archived
    }

    /// The kind of a component in this run.
    pub fn kind_of(&self, id: ComponentId) -> Option<ComponentKind> {
        self.node_of(id).map(|n| self.nodes[n as usize].kind)
    }

    /// Takes the hops recorded since the last call (the page animates these).
    pub fn drain_trace(&mut self) -> Vec<super::trace::Hop> {
        let (nodes, latency) = (&self.nodes, self.options.hop_latency_us);
        self.trace.drain(|h| {
            Some(super::trace::Hop {
                message: h.message,
                from: nodes.get(h.from as usize)?.id,
                to: nodes.get(h.to as usize)?.id,
                depart_us: h.arrive_us.saturating_sub(latency),
                arrive_us: h.arrive_us,
                outcome: h.outcome,
            })
        })
    }

    /// Hops pushed out of the ring before they were drained.
    pub fn trace_dropped(&self) -> u64 {
        self.trace.dropped
    }

    /// The time of the next pending event, if any.
    pub fn next_event_us(&self) -> Option<Micros> {
        self.events.peek_time()
    }

    /// The payload text of a message still alive, by its id (for the inspector).
    pub fn payload(&self, message_id: u64) -> Option<String> {
        self.msgs.iter().find(|(_, m)| m.id == message_id).map(|(k, _)| self.payload_of(k))
    }
}
