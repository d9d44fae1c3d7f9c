//! The diagram: a petgraph `StableGraph` whose weights carry their own stable ids.

use super::connection::{allowed_kinds, ConnectionKind, ConnectionSettings};
use super::ids::{ComponentId, ConnectionId};
use super::kind::ComponentKind;
use super::spec::Spec;
use crate::text::{Lang, Message};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::Direction;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A point on the canvas, in canvas units (not screen pixels).
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A stretch of simulated time, in seconds from the start of a run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub from_s: f64,
    pub to_s: f64,
}

/// Faults a learner sets on a component before a run (or toggles live).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Down for the whole run: what reaches it fails (a function's invocations error,
    /// so a queue's messages come back after their visibility timeout).
    pub down: bool,
    /// A function stopped for the whole run: throttled to 0 (reserved concurrency 0),
    /// so it is never invoked and a queue's messages wait, visible. Left out of files
    /// when false, so diagrams without it read as before.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stopped: bool,
    /// Down during this window of the run.
    pub down_window: Option<Window>,
    /// Extra share of work that fails (0 to 1), on top of the kind's own error rate.
    pub error_rate: f64,
    /// Processing and answer times are multiplied by this.
    pub latency_multiplier: f64,
    /// Messages whose payload has `field` equal to `value` always fail here.
    pub poison: Option<Poison>,
}

impl Default for Faults {
    fn default() -> Self {
        Faults { down: false, stopped: false, down_window: None, error_rate: 0.0, latency_multiplier: 1.0, poison: None }
    }
}

/// How a component is out for the whole run (or, live, from now on): the one choice
/// the inspector offers, over the diagram's `down` and `stopped`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Outage {
    #[default]
    Running,
    /// Down: what reaches it fails (for a function: invocations error).
    Errors,
    /// A function throttled to 0 (reserved concurrency 0): no invocations at all.
    Stopped,
}

impl Faults {
    /// The outage these faults set for the whole run (stopped wins over down).
    pub fn outage(&self) -> Outage {
        match (self.stopped, self.down) {
            (true, _) => Outage::Stopped,
            (false, true) => Outage::Errors,
            (false, false) => Outage::Running,
        }
    }

    /// These faults with `outage` for the whole run instead.
    pub fn with_outage(&self, outage: Outage) -> Faults {
        Faults { down: outage == Outage::Errors, stopped: outage == Outage::Stopped, ..self.clone() }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Poison {
    pub field: String,
    pub value: serde_json::Value,
}

/// A box on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Component {
    pub id: ComponentId,
    pub name: String,
    pub position: Point,
    #[serde(flatten)]
    pub spec: Spec,
    #[serde(default)]
    pub faults: Faults,
}

impl Component {
    pub fn kind(&self) -> ComponentKind {
        self.spec.kind()
    }
}

/// An arrow between two components.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Connection {
    pub id: ConnectionId,
    pub from: ComponentId,
    pub to: ComponentId,
    pub kind: ConnectionKind,
    #[serde(default)]
    pub settings: ConnectionSettings,
}

/// How long to run and with which seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct RunSettings {
    pub seed: u64,
    pub duration_s: f64,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings { seed: 1, duration_s: 60.0 }
    }
}

/// Why an edit to the diagram was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    NoSuchComponent(ComponentId),
    NoSuchConnection(ConnectionId),
    DuplicateComponentId(ComponentId),
    DuplicateConnectionId(ConnectionId),
    /// The two ends may not connect (or not with that kind); the sentence says why.
    Refused(Message),
}

impl ModelError {
    /// The sentence in both languages.
    pub fn message(&self) -> Message {
        match self {
            ModelError::NoSuchComponent(id) => msg!("There is no component {id}.", "Không có thành phần {id}."),
            ModelError::NoSuchConnection(id) => msg!("There is no connection {id}.", "Không có kết nối {id}."),
            ModelError::DuplicateComponentId(id) => msg!("Two components have the same id {id}.", "Hai thành phần có cùng id {id}."),
            ModelError::DuplicateConnectionId(id) => msg!("Two connections have the same id {id}.", "Hai kết nối có cùng id {id}."),
            ModelError::Refused(why) => why.clone(),
        }
    }
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ModelError {}

/// The learner's diagram.
#[derive(Clone, Debug, Default)]
pub struct Diagram {
    graph: StableDiGraph<Component, Connection>,
    nodes: HashMap<ComponentId, NodeIndex>,
    edges: HashMap<ConnectionId, EdgeIndex>,
    next_component: u32,
    next_connection: u32,
    pub run: RunSettings,
    /// The exercise this diagram answers, if any.
    pub exercise: Option<String>,
}

/// Sorts components by id. One function for every caller: each `sort_by_key` with its
/// own closure is another copy of the sort in the page's download (about 3 KB each).
/// Ids are unique, so an unstable sort gives the same order.
pub fn sort_components_by_id(v: &mut [&Component]) {
    v.sort_unstable_by_key(|c| c.id);
}

impl PartialEq for Diagram {
    /// Two diagrams are equal when they hold the same components and connections,
    /// whatever order or petgraph indices they were built with.
    fn eq(&self, other: &Self) -> bool {
        self.components_by_id() == other.components_by_id()
            && self.connections_by_id() == other.connections_by_id()
            && self.run == other.run
            && self.exercise == other.exercise
    }
}

impl Diagram {
    pub fn new() -> Diagram {
        Diagram::default()
    }

    /// Builds a diagram from stored parts, checking ids, ends and the rule table.
    pub fn from_parts(components: Vec<Component>, connections: Vec<Connection>) -> Result<Diagram, ModelError> {
        let mut diagram = Diagram::new();
        for component in components {
            diagram.insert_component(component)?;
        }
        for connection in connections {
            diagram.insert_connection(connection)?;
        }
        Ok(diagram)
    }

    pub fn component_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn connection_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Components in the order they were added.
    pub fn components(&self) -> impl Iterator<Item = &Component> + '_ {
        self.graph.node_weights()
    }

    pub fn connections(&self) -> impl Iterator<Item = &Connection> + '_ {
        self.graph.edge_weights()
    }

    /// The components in id order, whatever petgraph's order.
    pub fn components_by_id(&self) -> Vec<&Component> {
        let mut v: Vec<&Component> = self.components().collect();
        sort_components_by_id(&mut v);
        v
    }

    /// The connections in id order.
    pub fn connections_by_id(&self) -> Vec<&Connection> {
        let mut v: Vec<&Connection> = self.connections().collect();
        v.sort_unstable_by_key(|c| c.id);
        v
    }

    pub fn component(&self, id: ComponentId) -> Option<&Component> {
        self.nodes.get(&id).map(|&n| &self.graph[n])
    }

    pub fn component_mut(&mut self, id: ComponentId) -> Option<&mut Component> {
        let node = *self.nodes.get(&id)?;
        self.graph.node_weight_mut(node)
    }

    pub fn connection(&self, id: ConnectionId) -> Option<&Connection> {
        self.edges.get(&id).map(|&e| &self.graph[e])
    }

    pub fn connection_mut(&mut self, id: ConnectionId) -> Option<&mut Connection> {
        let edge = *self.edges.get(&id)?;
        self.graph.edge_weight_mut(edge)
    }

    /// Connections leaving `id`.
    pub fn outgoing(&self, id: ComponentId) -> impl Iterator<Item = &Connection> + '_ {
        self.edges_of(id, Direction::Outgoing)
    }

    /// Connections arriving at `id`.
    pub fn incoming(&self, id: ComponentId) -> impl Iterator<Item = &Connection> + '_ {
        self.edges_of(id, Direction::Incoming)
    }

    fn edges_of(&self, id: ComponentId, direction: Direction) -> impl Iterator<Item = &Connection> + '_ {
        self.nodes
            .get(&id)
            .into_iter()
            .flat_map(move |&n| self.graph.edges_directed(n, direction).map(|e| e.weight()))
    }

    /// The underlying graph, for algorithms (read only: ids stay consistent).
    pub fn graph(&self) -> &StableDiGraph<Component, Connection> {
        &self.graph
    }

    /// Adds a new component of `kind` with AWS's defaults, and returns its fresh id.
    pub fn add_component(&mut self, kind: ComponentKind, name: impl Into<String>, position: Point) -> ComponentId {
        let id = ComponentId(self.next_component);
        let component = Component { id, name: name.into(), position, spec: Spec::default_for(kind), faults: Faults::default() };
        // A fresh id cannot clash, so this cannot fail.
        let _ = self.insert_component(component);
        id
    }

    /// Inserts a component that already has an id (undo, paste, loading a file).
    pub fn insert_component(&mut self, component: Component) -> Result<(), ModelError> {
        if self.nodes.contains_key(&component.id) {
            return Err(ModelError::DuplicateComponentId(component.id));
        }
        let id = component.id;
        self.next_component = self.next_component.max(id.0.saturating_add(1));
        let node = self.graph.add_node(component);
        self.nodes.insert(id, node);
        Ok(())
    }

    /// Removes a component and every connection touching it; returns them for undo.
    pub fn remove_component(&mut self, id: ComponentId) -> Result<(Component, Vec<Connection>), ModelError> {
        let node = self.nodes.remove(&id).ok_or(ModelError::NoSuchComponent(id))?;
        let touching: Vec<ConnectionId> = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .chain(self.graph.edges_directed(node, Direction::Incoming))
            .map(|e| e.weight().id)
            .collect();
        let mut removed = Vec::with_capacity(touching.len());
        for connection in touching {
            if let Ok(c) = self.remove_connection(connection) {
                removed.push(c);
            }
        }
        // Dead-letter references to the removed queue go too.
        for edge in self.graph.edge_weights_mut() {
            if edge.settings.dead_letter_queue == Some(id) {
                edge.settings.dead_letter_queue = None;
            }
        }
        let component = self.graph.remove_node(node).ok_or(ModelError::NoSuchComponent(id))?;
        Ok((component, removed))
    }

    /// Connects two components with the default kind the rule table gives.
    pub fn connect(&mut self, from: ComponentId, to: ComponentId) -> Result<ConnectionId, ModelError> {
        let kind = self.default_kind(from, to)?;
        let id = ConnectionId(self.next_connection);
        self.insert_connection(Connection { id, from, to, kind, settings: default_settings(kind, self.kind_of(from)?) })?;
        Ok(id)
    }

    /// The kind a new connection between these two would take, or why there can be
    /// none: the rule table's first kind not yet joining them (a second arrow from a
    /// function to its table is a read), else the first (a Task for another state).
    pub fn default_kind(&self, from: ComponentId, to: ComponentId) -> Result<ConnectionKind, ModelError> {
        let kinds = allowed_kinds(self.kind_of(from)?, self.kind_of(to)?).map_err(ModelError::Refused)?;
        let used: Vec<ConnectionKind> = self.outgoing(from).filter(|c| c.to == to).map(|c| c.kind).collect();
        kinds
            .iter()
            .copied()
            .find(|k| !used.contains(k))
            .or_else(|| kinds.first().copied())
            .ok_or_else(|| ModelError::Refused(msg!("These two can't be connected.", "Không thể nối hai thành phần này.")))
    }

    /// Inserts a connection that already has an id, checking both ends and the rule table.
    pub fn insert_connection(&mut self, connection: Connection) -> Result<(), ModelError> {
        if self.edges.contains_key(&connection.id) {
            return Err(ModelError::DuplicateConnectionId(connection.id));
        }
        let from = *self.nodes.get(&connection.from).ok_or(ModelError::NoSuchComponent(connection.from))?;
        let to = *self.nodes.get(&connection.to).ok_or(ModelError::NoSuchComponent(connection.to))?;
        let (from_kind, to_kind) = (self.graph[from].kind(), self.graph[to].kind());
        let allowed = allowed_kinds(from_kind, to_kind).map_err(ModelError::Refused)?;
        if !allowed.contains(&connection.kind) {
            let (kind, kind_vi) = (connection.kind.label(), connection.kind.label_in(Lang::Vi));
            let (from_a, to_a) = (from_kind.with_article(), to_kind.with_article());
            let (from_vi, to_vi) = (from_kind.noun_in(Lang::Vi), to_kind.noun_in(Lang::Vi));
            let list = allowed.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ");
            let list_vi = allowed.iter().map(|k| k.label_in(Lang::Vi)).collect::<Vec<_>>().join(", ");
            return Err(ModelError::Refused(msg!(
                "A {kind} from {from_a} to {to_a} isn't possible; it can be: {list}.",
                "Kết nối “{kind_vi}” từ {from_vi} tới {to_vi} là không thể; nó chỉ có thể là: {list_vi}."
            )));
        }
        // One connection per pair, except where AWS designs need two: a function writes
        // to a table and reads from it, and one function serves several Task states of
        // a state machine, each its own connection naming its state.
        let distinct = |e: &Connection| match (e.kind, connection.kind) {
            (ConnectionKind::Write, ConnectionKind::Read) | (ConnectionKind::Read, ConnectionKind::Write) => true,
            (ConnectionKind::Task, ConnectionKind::Task) => e.settings.task_state != connection.settings.task_state,
            _ => false,
        };
        if self.graph.edges_connecting(from, to).any(|e| !distinct(e.weight())) {
            let (a, b) = (&self.graph[from].name, &self.graph[to].name);
            return Err(ModelError::Refused(if connection.kind == ConnectionKind::Task {
                msg!(
                    "{a} already runs {b} for that Task state; name another state on this connection.",
                    "{a} đã chạy {b} cho Task state đó rồi; hãy chọn một state khác cho kết nối này."
                )
            } else {
                msg!("{a} and {b} are already connected.", "{a} và {b} đã được nối với nhau rồi.")
            }));
        }
        if let Some(dlq) = connection.settings.dead_letter_queue {
            if self.component(dlq).map(Component::kind) != Some(ComponentKind::Queue) {
                return Err(ModelError::Refused(msg!(
                    "A dead-letter queue must be a queue in this diagram.",
                    "Dead-letter queue phải là một hàng đợi trong sơ đồ này."
                )));
            }
        }
        let id = connection.id;
        self.next_connection = self.next_connection.max(id.0.saturating_add(1));
        let edge = self.graph.add_edge(from, to, connection);
        self.edges.insert(id, edge);
        Ok(())
    }

    pub fn remove_connection(&mut self, id: ConnectionId) -> Result<Connection, ModelError> {
        let edge = self.edges.remove(&id).ok_or(ModelError::NoSuchConnection(id))?;
        self.graph.remove_edge(edge).ok_or(ModelError::NoSuchConnection(id))
    }

    /// Changes a connection's kind to another the rule table allows for its ends.
    pub fn set_connection_kind(&mut self, id: ConnectionId, kind: ConnectionKind) -> Result<(), ModelError> {
        let connection = self.connection(id).ok_or(ModelError::NoSuchConnection(id))?;
        let allowed = allowed_kinds(self.kind_of(connection.from)?, self.kind_of(connection.to)?).map_err(ModelError::Refused)?;
        if !allowed.contains(&kind) {
            let (label, label_vi) = (kind.label(), kind.label_in(Lang::Vi));
            return Err(ModelError::Refused(msg!("This connection can't be a {label}.", "Kết nối này không thể là “{label_vi}”.")));
        }
        let (from, to) = (connection.from, connection.to);
        if kind != ConnectionKind::Task && self.outgoing(from).any(|c| c.to == to && c.id != id && c.kind == kind) {
            let (label, label_vi) = (kind.label(), kind.label_in(Lang::Vi));
            return Err(ModelError::Refused(msg!(
                "These two already have a {label} connection.",
                "Hai thành phần này đã có một kết nối “{label_vi}” rồi."
            )));
        }
        if let Some(c) = self.connection_mut(id) {
            c.kind = kind;
        }
        Ok(())
    }

    pub fn kind_of(&self, id: ComponentId) -> Result<ComponentKind, ModelError> {
        self.component(id).map(Component::kind).ok_or(ModelError::NoSuchComponent(id))
    }

    /// The id the next new component will get (ids are never reused).
    pub fn next_component_id(&self) -> ComponentId {
        ComponentId(self.next_component)
    }

    pub fn next_connection_id(&self) -> ConnectionId {
        ConnectionId(self.next_connection)
    }
}

/// Connection settings whose defaults depend on the ends (Kinesis batches default to 100).
pub fn default_settings(kind: ConnectionKind, from: ComponentKind) -> ConnectionSettings {
    let mut settings = ConnectionSettings::default();
    // Lambda's default batch for Kinesis and DynamoDB Streams mappings.
    if (kind == ConnectionKind::EventSourceMapping && from == ComponentKind::Stream) || kind == ConnectionKind::ChangeStream {
        settings.batch_size = 100;
    }
    if kind == ConnectionKind::Rule {
        settings.pattern = r#"{"source": [{"prefix": ""}]}"#.to_string();
    }
    settings
}
