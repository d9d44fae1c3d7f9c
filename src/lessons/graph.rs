//! Small questions about a diagram's shape, asked by the checks.

use crate::model::{sort_components_by_id, Component, ComponentId, ComponentKind, ConnectionKind, Diagram};

pub fn of_kind(d: &Diagram, kind: ComponentKind) -> Vec<&Component> {
    let mut v: Vec<&Component> = d.components_by_id();
    v.retain(|c| c.kind() == kind);
    v
}

/// Components `from` reaches over one connection of `conn` kind (any kind if `None`)
/// whose kind is in `to`.
pub fn targets<'a>(d: &'a Diagram, from: ComponentId, conn: Option<ConnectionKind>, to: &[ComponentKind]) -> Vec<&'a Component> {
    let mut v: Vec<&Component> = d
        .outgoing(from)
        .filter(|c| conn.is_none_or(|k| c.kind == k))
        .filter_map(|c| d.component(c.to))
        .filter(|c| to.contains(&c.kind()))
        .collect();
    sort_components_by_id(&mut v);
    v
}

/// Components sending to `to` over one connection of `conn` kind whose kind is in `from`.
pub fn sources<'a>(d: &'a Diagram, to: ComponentId, conn: Option<ConnectionKind>, from: &[ComponentKind]) -> Vec<&'a Component> {
    let mut v: Vec<&Component> = d
        .incoming(to)
        .filter(|c| conn.is_none_or(|k| c.kind == k))
        .filter_map(|c| d.component(c.from))
        .filter(|c| from.contains(&c.kind()))
        .collect();
    sort_components_by_id(&mut v);
    v
}

pub fn name(d: &Diagram, id: ComponentId) -> String {
    d.component(id).map(|c| c.name.clone()).unwrap_or_default()
}

/// "a", "a and b", "a, b and c" in English; "a", "a và b", "a, b và c" in Vietnamese.
pub fn list_en(names: &[String]) -> String {
    join(names, " and ")
}

pub fn list_vi(names: &[String]) -> String {
    join(names, " và ")
}

fn join(names: &[String], last: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., end] => format!("{}{last}{end}", rest.join(", ")),
    }
}

pub const COMPUTE: &[ComponentKind] = &[ComponentKind::Function, ComponentKind::Service, ComponentKind::WorkerGroup];
