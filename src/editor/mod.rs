//! Editor state, pure Rust: every edit is an [`Action`] applied by one reducer, with
//! undo, selection, clipboard, viewport and hit-testing. The UI only dispatches. What
//! is derived for display (charts, look, export) is in `crate::view`.

pub mod geometry;
mod state;
pub mod traffic;
mod viewport;

pub use state::{Action, EditorState, Item, Notice, NoticeLevel, HISTORY_LIMIT};
pub use viewport::{Viewport, MAX_ZOOM, MIN_ZOOM, READABLE_ZOOM};
