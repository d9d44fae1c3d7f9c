//! "What to try" steps: a sentence, and the faults or traffic the step sets, by the
//! name of the component in the pattern's diagram.

use super::text::Text;
use crate::model::spec::{Spec, Traffic};
use crate::model::{ComponentId, Diagram, Window};
use crate::sim::Simulation;

/// Something a step does to the diagram or the running simulation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Act {
    /// Take the named component down.
    Down(&'static str),
    /// Bring the named component back.
    Up(&'static str),
    /// Multiply the named component's processing time.
    Slow(&'static str, f64),
    /// Make this share of the named component's work fail.
    ErrorRate(&'static str, f64),
    /// Multiply the named client's rate by `factor` for `for_s` seconds.
    Spike { client: &'static str, factor: f64, for_s: f64 },
    /// Send one poison message from the named client or event source.
    Poison(&'static str),
    /// Replay the named event bus's archive to its rules.
    Replay(&'static str),
}

impl Act {
    /// The component the act names.
    pub fn target(&self) -> &'static str {
        match *self {
            Act::Down(n) | Act::Up(n) | Act::Slow(n, _) | Act::ErrorRate(n, _) | Act::Poison(n) | Act::Replay(n) => n,
            Act::Spike { client, .. } => client,
        }
    }

    /// The component the act names, found by its name in `diagram`.
    pub fn target_in(&self, diagram: &Diagram) -> Option<ComponentId> {
        let name = self.target();
        diagram.components().find(|c| c.name == name).map(|c| c.id)
    }
}

/// One "what to try" step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub text: Text,
    /// What the step's button does; empty when the step only asks to watch.
    pub acts: &'static [Act],
}

impl Step {
    pub const fn say(text: Text) -> Step {
        Step { text, acts: &[] }
    }

    pub const fn act(text: Text, acts: &'static [Act]) -> Step {
        Step { text, acts }
    }

    /// Applies the step to a running simulation, or to anything that forwards the
    /// live what-if calls to one (the page's player, which also shows them on the
    /// boxes): each act is done once, by `target`. Returns the names it could not find.
    pub fn apply_live(&self, diagram: &Diagram, target: &mut impl LiveTarget) -> Vec<&'static str> {
        let mut missing = Vec::new();
        for act in self.acts {
            let Some(id) = act.target_in(diagram) else {
                missing.push(act.target());
                continue;
            };
            let done = match *act {
                Act::Down(_) => target.set_down(id, true),
                Act::Up(_) => target.set_down(id, false),
                Act::Slow(_, m) => target.set_latency_multiplier(id, m),
                Act::ErrorRate(_, r) => target.set_error_rate(id, r),
                Act::Spike { factor, for_s, .. } => target.spike(id, factor, for_s),
                Act::Poison(_) => target.inject_poison(id),
                Act::Replay(_) => target.replay_archive(id),
            };
            if !done {
                missing.push(act.target());
            }
        }
        missing
    }

    /// Writes the step into the diagram's faults, starting at `at_s` into the run
    /// (for tests and for checks run before playing). Returns the names it could not find.
    pub fn apply_to_diagram(&self, diagram: &mut Diagram, at_s: f64) -> Vec<&'static str> {
        let mut missing = Vec::new();
        for act in self.acts {
            let Some(id) = act.target_in(diagram) else {
                missing.push(act.target());
                continue;
            };
            let Some(c) = diagram.component_mut(id) else { continue };
            match *act {
                Act::Down(_) => {
                    c.faults.down_window = Some(Window { from_s: at_s, to_s: f64::from(u32::MAX) });
                }
                Act::Up(_) => {
                    c.faults.down = false;
                    if let Some(w) = &mut c.faults.down_window {
                        w.to_s = at_s.max(w.from_s + 0.001);
                    }
                }
                Act::Slow(_, m) => c.faults.latency_multiplier = m,
                Act::ErrorRate(_, r) => c.faults.error_rate = r,
                Act::Spike { factor, for_s, .. } => {
                    if let Spec::Client(s) = &mut c.spec {
                        s.traffic = Traffic::Spike { at_s, for_s, factor };
                    }
                }
                // A poison message is sent live only (the diagram's own poison fault
                // belongs to the consumer, not the sender).
                Act::Poison(_) => {}
                // At 0 s the archive is still empty, which is what "no replay" means.
                Act::Replay(_) => {
                    if let Spec::EventBus(s) = &mut c.spec {
                        s.replay_at_s = at_s;
                    }
                }
            }
        }
        missing
    }
}

/// The live what-if calls a step makes (see [`Simulation`]'s methods of the same names):
/// each returns false when the component is unknown or cannot take it.
pub trait LiveTarget {
    fn set_down(&mut self, id: ComponentId, down: bool) -> bool;
    fn set_error_rate(&mut self, id: ComponentId, rate: f64) -> bool;
    fn set_latency_multiplier(&mut self, id: ComponentId, multiplier: f64) -> bool;
    fn spike(&mut self, client: ComponentId, factor: f64, duration_s: f64) -> bool;
    fn inject_poison(&mut self, source: ComponentId) -> bool;
    fn replay_archive(&mut self, bus: ComponentId) -> bool;
}

impl LiveTarget for Simulation {
    fn set_down(&mut self, id: ComponentId, down: bool) -> bool {
        Simulation::set_down(self, id, down)
    }
    fn set_error_rate(&mut self, id: ComponentId, rate: f64) -> bool {
        Simulation::set_error_rate(self, id, rate)
    }
    fn set_latency_multiplier(&mut self, id: ComponentId, multiplier: f64) -> bool {
        Simulation::set_latency_multiplier(self, id, multiplier)
    }
    fn spike(&mut self, client: ComponentId, factor: f64, duration_s: f64) -> bool {
        Simulation::spike(self, client, factor, duration_s)
    }
    fn inject_poison(&mut self, source: ComponentId) -> bool {
        Simulation::inject_poison(self, source)
    }
    fn replay_archive(&mut self, bus: ComponentId) -> bool {
        Simulation::replay_archive(self, bus)
    }
}
