//! The app's behaviours that are not drawing, one hook each: the language, autosave,
//! the keyboard, and opening diagrams from links and files.

mod autosave;
mod language;
mod open_diagram;
mod shortcuts;

pub use autosave::{use_autosave, use_notice_fade};
pub use language::{language_switch, use_language};
pub use open_diagram::{offer, pending_dialog, read_diagram_file, use_open_link, Pending, Source};
pub use shortcuts::{shortcuts_dialog, use_shortcuts};
