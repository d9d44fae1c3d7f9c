//! The diagram: components, connections and the rules that join them.
//!
//! A [`Diagram`] is a petgraph `StableGraph`; every component and connection carries
//! its own stable id ([`ComponentId`], [`ConnectionId`]) that is never reused, so undo
//! history, messages, files and links never hold petgraph indices.

mod connection;
mod diagram;
mod ids;
mod kind;
mod limits;
pub mod spec;
mod warnings;

pub use connection::{allowed_kinds, ConnectionKind, ConnectionSettings, FilterPolicyScope};
pub use diagram::{default_settings, Component, Connection, Diagram, Faults, ModelError, Point, Poison, RunSettings, Window};
pub use ids::{ComponentId, ConnectionId};
pub use kind::{Category, ComponentKind};
pub use limits::{check_component, check_connection, SettingError, MAX_NAME_CHARS};
pub use spec::Spec;
pub use warnings::{warnings, Warning};
