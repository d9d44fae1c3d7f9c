//! Diagrams as files and links.
//!
//! The file format is versioned JSON (`{"format": "decouple-lab", "version": 1, ...}`),
//! described in `docs/diagram-format.md` with its JSON Schema in
//! `docs/diagram.schema.json`. Settings equal to their defaults are left out when
//! writing and filled in when reading. Runtime state never goes in.
//!
//! # Public API
//!
//! Writing:
//! - [`to_json`]: pretty JSON for a file (2-space indent, final newline).
//! - [`to_json_compact`]: the same on one line, as links carry it.
//! - [`link_for`]: a [`ShareLink`] (`url`, `length`, `compressed`, `warning`) for "Copy
//!   link": `base#json=<JSON, percent-encoded where it must be>` while the link has at most
//!   [`COMPRESS_ABOVE_CHARS`] characters, else `base#z=<base64url of raw deflate>`; a
//!   warning above [`WARN_ABOVE_CHARS`].
//!
//! Reading (never panics; every refusal is a [`ShareError`] whose `Display` is one
//! sentence for the learner):
//! - [`from_json`]: a file's text (any known version; older ones are migrated).
//! - [`from_link`]: a full URL, a fragment (`#json=...`, `#z=...`) or the fragment without
//!   its `#`.
//! - [`link_json`]: only the JSON text a link holds (for showing or editing it).
//!
//! Native only: [`json_schema`], the schema text kept in `docs/diagram.schema.json`.
//!
//! Limits ([`MAX_COMPONENTS`], [`MAX_CONNECTIONS`], [`MAX_SETTINGS_BYTES`],
//! [`MAX_JSON_BYTES`], [`MAX_DEPTH`], [`MAX_NAME_CHARS`], [`MAX_EXERCISE_CHARS`]) are checked
//! before anything is built: the text length first (and the unpacked size while
//! inflating, stopping at the limit), then bracket depth by a scan before parsing, then
//! counts, settings text and names before any component is made.
//!
//! Lower-level pieces for tests and tools: [`format`] (the wire types) and [`migrate`]
//! (the version chain).

mod error;
pub mod format;
pub mod library;
mod link;
pub mod migrate;
#[cfg(not(target_arch = "wasm32"))]
mod schema;

pub use error::ShareError;
pub use link::{encode_fragment, from_link, link_for, link_json, percent_decode, ShareLink, JSON_PREFIX, Z_PREFIX};
#[cfg(not(target_arch = "wasm32"))]
pub use schema::json_schema;

use crate::model::Diagram;

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "decouple-lab";
/// The newest format version this build writes and reads.
pub const CURRENT_VERSION: u64 = 1;

/// At most this many components.
pub const MAX_COMPONENTS: usize = 500;
/// At most this many connections.
pub const MAX_CONNECTIONS: usize = 2_000;
/// At most this many bytes of text in all `settings` and `faults` together (64 KB).
pub const MAX_SETTINGS_BYTES: usize = 64 * 1024;
/// At most this many bytes of JSON text, in a file or unpacked from a link (1 MB).
pub const MAX_JSON_BYTES: usize = 1024 * 1024;
/// At most this many levels of nested brackets.
pub const MAX_DEPTH: usize = 64;
/// At most this many characters in a component name (the model's own limit).
pub use crate::model::MAX_NAME_CHARS;
/// At most this many characters in the exercise id.
pub const MAX_EXERCISE_CHARS: usize = 100;
/// The longest run a file may ask for, in simulated seconds (one week).
pub const MAX_DURATION_S: f64 = 604_800.0;

/// A link longer than this many characters is compressed (`#z=`).
pub const COMPRESS_ABOVE_CHARS: usize = 2_000;
/// A link longer than this many characters comes with a warning.
pub const WARN_ABOVE_CHARS: usize = 8_000;

/// The diagram as pretty JSON for a file, with defaults left out and a final newline.
pub fn to_json(diagram: &Diagram) -> String {
    let mut text = serde_json::to_string_pretty(&format::to_file(diagram)).unwrap_or_default();
    text.push('\n');
    text
}

/// The diagram as compact JSON on one line, with defaults left out (what links carry).
pub fn to_json_compact(diagram: &Diagram) -> String {
    serde_json::to_string(&format::to_file(diagram)).unwrap_or_default()
}

/// Reads a diagram file of any known format version.
pub fn from_json(text: &str) -> Result<Diagram, ShareError> {
    format::read(text)
}
