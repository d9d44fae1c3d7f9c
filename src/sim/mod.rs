//! The discrete-event engine that runs a diagram.
//!
//! Events sit in a binary heap ordered by (simulated time, sequence); time is integer
//! microseconds; randomness is ChaCha8 from one seed, and nothing that affects results
//! uses `usize` or platform maths, so a diagram, seed and duration give the same run
//! natively and in wasm32. See `docs/simulation.md`.
//!
//! The page drives a [`Simulation`] in slices ([`Simulation::advance_until`] per
//! animation frame), drains hops with [`Simulation::drain_trace`], reads
//! [`Simulation::books`], [`Simulation::component_report`] and [`Simulation::series`],
//! and changes faults live ([`Simulation::set_down`], [`Simulation::spike`], ...).

mod api;
mod behaviour;
mod bucket;
mod engine;
mod event;
mod message;
pub mod metrics;
pub mod mmc;
pub mod models;
pub mod payload;
mod report;
pub mod rng;
mod routes;
pub mod settings;
mod slab;
pub mod time;
pub mod trace;

pub mod fingerprint;

pub use behaviour::compute::ServiceTime;
pub use behaviour::fanout::{ArchiveReport, SchemaViolation, ARCHIVE_CAPACITY, SCHEMA_REASONS_KEPT};
pub use behaviour::stepfn::{ExecutionCounts, ExecutionStatus, ExecutionView, StepStatus, StepView};
pub use behaviour::stream::{shard_for, PartitionReport, ShardReport, StreamConsumerReport};
pub use engine::{SimError, SimOptions, Simulation};
pub use metrics::{Books, Percentiles, Rejection, Sample};
pub use report::{ClientReport, ComponentReport, RunReport, SendError};
pub use trace::{Hop, HopOutcome};
