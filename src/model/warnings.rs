//! Things that are allowed but probably not what the learner meant.

use super::connection::ConnectionKind;
use super::diagram::{Component, Diagram};
use super::ids::ComponentId;
use super::kind::ComponentKind;
use super::spec::Spec;

/// A warning about one component, in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub component: ComponentId,
    pub message: String,
}

/// Every warning for the diagram, in component order.
pub fn warnings(diagram: &Diagram) -> Vec<Warning> {
    let mut found = Vec::new();
    for component in diagram.components() {
        for message in component_warnings(diagram, component) {
            found.push(Warning { component: component.id, message });
        }
    }
    found
}

fn component_warnings(diagram: &Diagram, component: &Component) -> Vec<String> {
    use ComponentKind::*;
    let id = component.id;
    let name = &component.name;
    let has_in = diagram.incoming(id).any(|c| c.kind != ConnectionKind::Redrive);
    let consumers = diagram.outgoing(id).filter(|c| c.kind != ConnectionKind::Redrive).count();
    let mut out = Vec::new();
    match &component.spec {
        Spec::Queue(queue) => {
            let is_dlq = diagram.incoming(id).any(|c| c.kind == ConnectionKind::Redrive);
            if consumers == 0 && !is_dlq {
                out.push(format!("Nobody consumes the queue {name}: its messages will wait until they expire."));
            }
            if !has_in && !is_dlq {
                out.push(format!("Nothing sends to the queue {name}."));
            }
            for redrive in diagram.outgoing(id).filter(|c| c.kind == ConnectionKind::Redrive) {
                if let Some(Spec::Queue(dlq)) = diagram.component(redrive.to).map(|c| &c.spec) {
                    if dlq.fifo != queue.fifo {
                        let (a, b) = if queue.fifo { ("FIFO", "standard") } else { ("standard", "FIFO") };
                        out.push(format!("The {a} queue {name} has a {b} dead-letter queue; AWS requires both to be of the same type."));
                    }
                }
            }
            for mapping in diagram.outgoing(id).filter(|c| c.kind == ConnectionKind::EventSourceMapping) {
                if let Some(Spec::Function(f)) = diagram.component(mapping.to).map(|c| &c.spec) {
                    if u64::from(queue.visibility_timeout_s) < 6 * u64::from(f.timeout_s) {
                        out.push(format!(
                            "The queue {name}'s visibility timeout ({} s) is under six times its function's timeout ({} s), as AWS advises: messages may be received twice.",
                            queue.visibility_timeout_s, f.timeout_s
                        ));
                    }
                }
            }
        }
        Spec::Function(_) if !has_in => out.push(format!("The function {name} has no trigger: nothing invokes it.")),
        Spec::WorkerGroup(_) if !has_in => out.push(format!("The worker group {name} polls nothing: connect a queue to it.")),
        Spec::Topic(_) if consumers == 0 => out.push(format!("The topic {name} has no subscribers: what it publishes reaches nobody.")),
        Spec::EventBus(_) if consumers == 0 => out.push(format!("The event bus {name} has no rules: its events go nowhere.")),
        Spec::Stream(_) if consumers == 0 => out.push(format!("Nobody reads the stream {name}.")),
        Spec::Client(_) | Spec::EventSource(_) if consumers == 0 => {
            out.push(format!("{name} is not connected to anything, so its requests go nowhere."))
        }
        Spec::Database(db) if !db.change_stream && diagram.outgoing(id).any(|c| c.kind == ConnectionKind::ChangeStream) => {
            out.push(format!("The database {name} has a change stream connection but its change stream is off."))
        }
        _ => {}
    }
    if matches!(component.kind(), SearchIndex | Analytics | Notification | Database | ObjectStorage) && !has_in {
        out.push(format!("Nothing writes to {name}."));
    }
    out
}
