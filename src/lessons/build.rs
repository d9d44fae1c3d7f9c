//! A small builder that lays patterns and reference solutions out on a grid.

use crate::model::spec::*;
use crate::model::{ComponentId, ComponentKind, ConnectionId, ConnectionKind, Diagram, FilterPolicyScope, Point};

/// Boxes are 176 × 60 canvas units; columns and rows leave 80 units between boxes.
pub const BOX_W: f64 = 176.0;
pub const BOX_H: f64 = 60.0;
pub const GAP: f64 = 80.0;
pub const MARGIN: f64 = 40.0;

/// The top-left corner of the box in column `col`, row `row` (halves allowed).
pub fn cell(col: f64, row: f64) -> Point {
    Point { x: MARGIN + col * (BOX_W + GAP), y: MARGIN + row * (BOX_H + GAP) }
}

/// Builds a diagram; the first refused connection is kept so a test can report it.
#[derive(Default)]
pub struct Builder {
    pub d: Diagram,
    pub error: Option<String>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    pub fn add(&mut self, kind: ComponentKind, name: &str, col: f64, row: f64) -> ComponentId {
        self.d.add_component(kind, name, cell(col, row))
    }

    pub fn spec(&mut self, id: ComponentId) -> &mut Spec {
        &mut self.d.component_mut(id).expect("a component just added").spec
    }

    /// Connects with the rule table's default kind.
    pub fn link(&mut self, from: ComponentId, to: ComponentId) -> ConnectionId {
        match self.d.connect(from, to) {
            Ok(id) => id,
            Err(e) => {
                let names = (self.name(from), self.name(to));
                self.error.get_or_insert(format!("{} -> {}: {e}", names.0, names.1));
                crate::model::ConnectionId(u32::MAX)
            }
        }
    }

    /// Connects with a chosen kind.
    pub fn link_as(&mut self, from: ComponentId, to: ComponentId, kind: ConnectionKind) -> ConnectionId {
        let id = self.link(from, to);
        if let Err(e) = self.d.set_connection_kind(id, kind) {
            let names = (self.name(from), self.name(to));
            self.error.get_or_insert(format!("{} -> {} as {}: {e}", names.0, names.1, kind.label()));
        }
        id
    }

    fn name(&self, id: ComponentId) -> String {
        self.d.component(id).map(|c| c.name.clone()).unwrap_or_default()
    }

    /// A rule from an event bus with this event pattern.
    pub fn rule(&mut self, bus: ComponentId, to: ComponentId, pattern: &str) -> ConnectionId {
        let id = self.link(bus, to);
        if let Some(c) = self.d.connection_mut(id) {
            c.settings.pattern = pattern.to_string();
        }
        id
    }

    /// A topic's subscription with this filter policy and scope.
    pub fn subscribe(&mut self, topic: ComponentId, to: ComponentId, policy: &str, scope: FilterPolicyScope) -> ConnectionId {
        let id = self.link(topic, to);
        if let Some(c) = self.d.connection_mut(id) {
            c.settings.filter_policy = policy.to_string();
            c.settings.filter_policy_scope = scope;
        }
        id
    }

    /// SNS message attributes (a JSON template) on what a client or function sends.
    pub fn attributes(&mut self, id: ComponentId, template: &str) {
        match self.spec(id) {
            Spec::Client(s) => s.attributes = template.to_string(),
            Spec::Function(s) => s.attributes = template.to_string(),
            _ => {
                let name = self.name(id);
                self.error.get_or_insert(format!("{name} cannot set message attributes"));
            }
        }
    }

    /// A state machine Task connection serving the state `state`.
    pub fn task(&mut self, machine: ComponentId, to: ComponentId, state: &str) -> ConnectionId {
        let id = self.link(machine, to);
        if let Some(c) = self.d.connection_mut(id) {
            c.settings.task_state = state.to_string();
        }
        id
    }

    /// A queue's redrive to its dead-letter queue.
    pub fn redrive(&mut self, queue: ComponentId, dlq: ComponentId, max_receive_count: u32) -> ConnectionId {
        if let Spec::Queue(q) = self.spec(queue) {
            q.max_receive_count = max_receive_count;
        }
        self.link(queue, dlq)
    }

    pub fn client(&mut self, name: &str, col: f64, row: f64, rate_per_s: f64, waits: bool, payload: &str) -> ComponentId {
        let id = self.add(ComponentKind::Client, name, col, row);
        if let Spec::Client(s) = self.spec(id) {
            s.rate_per_s = rate_per_s;
            s.waits_for_reply = waits;
            if !payload.is_empty() {
                s.payload = payload.to_string();
            }
        }
        id
    }

    pub fn gateway(&mut self, name: &str, col: f64, row: f64, integration: Integration) -> ComponentId {
        let id = self.add(ComponentKind::ApiGateway, name, col, row);
        if let Spec::ApiGateway(s) = self.spec(id) {
            s.integration = integration;
        }
        id
    }

    pub fn function(&mut self, name: &str, col: f64, row: f64, duration_ms: u32, timeout_s: u32) -> ComponentId {
        let id = self.add(ComponentKind::Function, name, col, row);
        if let Spec::Function(s) = self.spec(id) {
            s.duration_ms = duration_ms;
            s.timeout_s = timeout_s;
        }
        id
    }

    pub fn service(&mut self, name: &str, col: f64, row: f64, capacity: u32, latency_ms: u32) -> ComponentId {
        let id = self.add(ComponentKind::Service, name, col, row);
        if let Spec::Service(s) = self.spec(id) {
            s.capacity = capacity;
            s.latency_ms = latency_ms;
        }
        id
    }

    pub fn workers(&mut self, name: &str, col: f64, row: f64, min: u32, max: u32, processing_ms: u32) -> ComponentId {
        let id = self.add(ComponentKind::WorkerGroup, name, col, row);
        if let Spec::WorkerGroup(s) = self.spec(id) {
            s.min_instances = min;
            s.max_instances = max;
            s.processing_ms = processing_ms;
            // ECS tasks on Fargate, ready as soon as the task starts: the lessons' spikes
            // are a minute long, shorter than an EC2 instance takes to join.
            s.platform = WorkerPlatform::Fargate;
            s.warmup_s = 0;
        }
        id
    }

    /// A queue whose visibility timeout suits consumers with this timeout (6 ×, as AWS advises).
    pub fn queue(&mut self, name: &str, col: f64, row: f64, consumer_timeout_s: u32) -> ComponentId {
        let id = self.add(ComponentKind::Queue, name, col, row);
        if let Spec::Queue(s) = self.spec(id) {
            s.visibility_timeout_s = (consumer_timeout_s * 6).max(30);
        }
        id
    }

    pub fn database(&mut self, name: &str, col: f64, row: f64, engine: DatabaseEngine, change_stream: bool) -> ComponentId {
        let id = self.add(ComponentKind::Database, name, col, row);
        if let Spec::Database(s) = self.spec(id) {
            s.engine = engine;
            s.change_stream = change_stream;
            s.write_capacity_per_s = 1_000;
        }
        id
    }

    pub fn state_machine(&mut self, name: &str, col: f64, row: f64, definition: &str) -> ComponentId {
        let id = self.add(ComponentKind::StateMachine, name, col, row);
        if let Spec::StateMachine(s) = self.spec(id) {
            s.definition = definition.to_string();
        }
        id
    }

    pub fn finish(self) -> Result<Diagram, String> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.d),
        }
    }
}
