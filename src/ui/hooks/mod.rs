//! The app's behaviours that are not drawing, one hook each: the language, autosave,
//! the keyboard, the canvas's wheel and touch gestures, and opening diagrams from links
//! and files.

mod autosave;
mod canvas_gestures;
mod language;
mod open_diagram;
mod shortcuts;

pub use autosave::{use_autosave, use_notice_fade};
pub use canvas_gestures::{local_point, use_pinch_zoom, use_wheel_zoom};
pub use language::{language_switch, use_language};
pub use open_diagram::{offer, pending_dialog, read_diagram_file, use_open_link, Pending, Source};
pub use shortcuts::{shortcuts_dialog, use_shortcuts};
