//! What is derived for display, pure Rust: chart axes and lines, each kind's colour and
//! pictogram, the diagram as an SVG picture, a message's story. Nothing here changes the
//! diagram or the run.

pub mod chart;
pub mod export;
pub mod labels;
pub mod look;
pub mod story;
pub mod summary;
