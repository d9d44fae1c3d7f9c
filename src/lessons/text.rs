//! The lesson's texts use the crate's bilingual types; they live in [`crate::text`] so
//! that the model, sharing and the simulation can speak both languages too.

pub use crate::text::{Lang, Message, Text};
