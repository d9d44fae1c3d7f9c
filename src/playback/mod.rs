//! A run as the page plays it, pure Rust: the clock and speed, the live faults and
//! pattern steps applied to the engine, the snapshot of figures and badges the page
//! renders, the per-second series and the moving dots' positions. The page (`ui`) only
//! draws, handles events and runs the animation-frame loop, so everything here is
//! tested natively (`tests/playback.rs`).

mod badge;
mod run;
mod state;

pub use badge::{badge, Badge};
pub use run::{Run, DOT_RADIUS, MAX_DOTS};
pub use state::{min_travel_us, LiveFault, PlaybackState, Snapshot, MIN_TRAVEL_WALL_S, SPEEDS};
