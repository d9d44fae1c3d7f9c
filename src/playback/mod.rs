//! A run as the page plays it, pure Rust: the clock and speed, the live faults and
//! pattern steps applied to the engine, the snapshot of figures and badges the page
//! renders, the per-second series and the moving dots' positions. The page (`ui`) only
//! draws, handles events and runs the animation-frame loop, so everything here is
//! tested natively (`tests/playback.rs`).

mod badge;
pub mod event_log;
pub mod latency;
pub mod message_hops;
mod run;
mod state;

pub use badge::{badge, failures, Badge, ALERT_AFTER_FAILURE_S};
pub use run::{Run, DOT_RADIUS, MAX_DOTS};
pub use state::{min_travel_us, LiveFault, PlaybackState, Snapshot, MIN_TRAVEL_WALL_S, SPEEDS};

/// A hop between components `from` and `to`, departing and arriving at `at_ms` (for the
/// tests of the run's logs and stories).
#[cfg(test)]
pub(crate) fn test_hop(message: u64, from: u32, to: u32, at_ms: u64, outcome: crate::sim::HopOutcome) -> crate::sim::Hop {
    let us = at_ms * 1000;
    crate::sim::Hop { message, from: crate::model::ComponentId(from), to: crate::model::ComponentId(to), depart_us: us, arrive_us: us, outcome }
}
