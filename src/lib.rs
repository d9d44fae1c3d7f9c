//! Decouple Lab: a playground for decoupled cloud architectures.
//!
//! Layers, top to bottom (arrows only point down; docs/architecture.md):
//! - `ui`: Yew components and canvas drawing (wasm32 only)
//! - `view`: what is derived for display (charts, look, SVG export, message stories)
//! - `playback`: a run as the page plays it (clock, speed, live faults, badges)
//! - `editor`: editor state, actions, reducer, undo
//! - `lessons`: ready-made patterns, exercises and their checks, quiz
//! - `iac`: SAM and CloudFormation templates in and out
//! - `share`: diagram <-> JSON file and URL
//! - `sim`: the discrete-event engine
//! - `routing`: EventBridge patterns, SNS filter policies, Amazon States Language
//! - `model`: the diagram itself
//!
//! `text` (both languages' sentences) sits below them all.
//!
//! Everything but `ui` is plain Rust that builds and tests natively.

/// `msg!("English {name}", "Vietnamese {name}")`: a [`text::Message`], each language's
/// sentence written whole with the same names filled in.
macro_rules! msg {
    ($en:literal, $vi:literal $(,)?) => {
        $crate::text::Message { en: format!($en), vi: format!($vi) }
    };
}

pub mod text;
pub mod model;
pub mod routing;
pub mod editor;
pub mod playback;
pub mod view;
pub mod lessons;
pub mod iac;
pub mod share;
pub mod sim;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The version shown in the page footer and by `dlab --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
