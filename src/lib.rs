//! Decouple Lab: a playground for decoupled cloud architectures.
//!
//! Layers, top to bottom (arrows only point down):
//! - `ui`: Yew components and canvas drawing (wasm32 only)
//! - `editor`: editor state, actions, reducer, undo
//! - `lessons`: ready-made patterns, exercises and their checks, quiz
//! - `share`: diagram <-> JSON file and URL
//! - `sim`: the discrete-event engine
//! - `routing`: EventBridge patterns, SNS filter policies, Amazon States Language
//! - `model`: the diagram itself
//!
//! Everything but `ui` is plain Rust that builds and tests natively.

pub mod model;
pub mod routing;
pub mod editor;
pub mod lessons;
pub mod share;
pub mod sim;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The version shown in the page footer and by `dlab --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
