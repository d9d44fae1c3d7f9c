//! The diagram: components, connections and the rules that join them.
//!
//! A [`Diagram`] is a petgraph `StableGraph`; every component and connection carries
//! its own stable id ([`ComponentId`], [`ConnectionId`]) that is never reused, so undo
//! history, messages, files and links never hold petgraph indices.

mod aws_refusals;
mod connection;
mod diagram;
mod ids;
mod kind;
mod labels;
mod limits;
pub mod placeholders;
mod setting;
pub mod spec;
mod warnings;

pub use aws_refusals::{aws_refusals, new_refusal, refusal, Refusal};
pub use connection::{allowed_kinds, ConnectionKind, ConnectionSettings, FilterPolicyScope};
pub use diagram::{default_settings, sort_components_by_id, Component, Connection, Diagram, Faults, ModelError, Outage, Point, Poison, RunSettings, Window};
pub use ids::{ComponentId, ConnectionId};
pub use kind::{Category, ComponentKind};
pub use labels::{fault_label, is_label_only, label_only_note, setting_label};
pub use limits::{check_component, check_connection, name_missing, name_too_long, SettingError, MAX_NAME_CHARS};
pub use setting::{fields_of, set_connection_setting, set_fault, set_setting, Reason};
pub use spec::Spec;
pub use warnings::{warnings, Warning};
