//! SAM and CloudFormation templates in and out: a team's real template opens as a
//! diagram that plays, and a diagram leaves as a SAM template that `cfn-lint` accepts.
//!
//! Sits below `lessons` and above `share`: it uses `model`, `routing` and `share` only.
//!
//! - [`import`]: template text (YAML with short-form tags, or JSON) -> [`Imported`]
//!   (the diagram and a [`Summary`] whose [`Summary::message`] is the sentence shown
//!   after an import: what is not modelled, what is not drawn).
//! - [`open_text`]: a template, or else a diagram file (what `dlab` and the tests open;
//!   the page asks [`remote`]'s worker for templates, keeping this module out of its
//!   first download).
//! - [`export`]: a diagram -> SAM template text (YAML).
//!
//! The resource mapping is in docs/iac.md.

mod error;
mod export;
mod import;
pub mod layout;
pub mod remote;
mod template;
mod yaml_out;
pub mod value;

pub use error::IacError;
pub use export::export;
pub use import::{Imported, Summary, METADATA_KEY};

use crate::model::Diagram;
use crate::text::Message;

/// Imports a template's text.
pub fn import(text: &str) -> Result<Imported, IacError> {
    let value = value::parse(text)?;
    let template = template::Template::from_value(value)?;
    Ok(import::import_template(&template))
}

/// Opens text dropped or chosen in the page: a Decouple Lab diagram file (JSON that is
/// not a template) opens as it is, with no summary and the file format's own refusals;
/// anything else is read as a template.
pub fn open_text(text: &str) -> Result<(Diagram, Option<Summary>), Message> {
    if let Some(opened) = remote::diagram_file(text) {
        return opened.map(|d| (d, None));
    }
    import(text).map(|i| (i.diagram, Some(i.summary))).map_err(|e| e.message())
}
