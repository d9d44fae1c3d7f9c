//! The app's behaviours that are not drawing, one hook each: the language, autosave,
//! the keyboard, opening diagrams from links and files, and ending a palette drag.

mod autosave;
mod language;
mod open_diagram;
mod placing;
mod shortcuts;

pub use autosave::{use_autosave, use_notice_fade};
pub use language::{language_switch, use_language};
pub use open_diagram::{offer, offer_opened, offer_then, pending_dialog, read_diagram_file, use_open_link, Pending, Source};
pub use placing::use_release_placing;
pub use shortcuts::{shortcuts_dialog, use_shortcuts};
