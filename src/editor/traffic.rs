//! Whether a diagram has anything that sends messages, and where a client would plug
//! in. A diagram built as the lesson words it (API Gateway → SQS → Lambda) passes its
//! check yet plays nothing: only clients and event sources make traffic in the engine
//! (`sim::engine`, the sources it ticks), so the page says so and offers to add one.

use crate::model::{ComponentId, ComponentKind, Diagram};

/// True when something in the diagram sends messages by itself: a client (requests at a
/// rate) or an event source (S3 uploads, schedules, devices).
pub fn has_traffic_source(diagram: &Diagram) -> bool {
    diagram.components().any(|c| matches!(c.kind(), ComponentKind::Client | ComponentKind::EventSource))
}

/// Where a client added for a diagram with no traffic source connects: the first API
/// Gateway, else the first queue, topic, event bus or stream that nothing feeds yet (the
/// head of the flow: a fan-out's topic, not one of its queues), else the first of those
/// at all. None when the diagram has a source already, or nothing a client can send to.
pub fn client_entry(diagram: &Diagram) -> Option<ComponentId> {
    if has_traffic_source(diagram) {
        return None;
    }
    let fed: std::collections::BTreeSet<ComponentId> = diagram.connections().map(|c| c.to).collect();
    diagram
        .components()
        .filter(|c| {
            matches!(c.kind(), ComponentKind::ApiGateway | ComponentKind::Queue | ComponentKind::Topic | ComponentKind::EventBus | ComponentKind::Stream)
                && crate::model::allowed_kinds(ComponentKind::Client, c.kind()).is_ok()
        })
        .min_by_key(|c| (c.kind() != ComponentKind::ApiGateway, fed.contains(&c.id), c.id))
        .map(|c| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Point;

    fn at(x: f64) -> Point {
        Point { x, y: 0.0 }
    }

    #[test]
    fn the_lessons_pipeline_has_no_source_and_plugs_in_at_the_gateway() {
        let mut d = Diagram::new();
        let queue = d.add_component(ComponentKind::Queue, "Queue", at(300.0));
        let api = d.add_component(ComponentKind::ApiGateway, "API", at(0.0));
        let f = d.add_component(ComponentKind::Function, "Fn", at(600.0));
        d.connect(api, queue).expect("api to queue");
        d.connect(queue, f).expect("queue to function");
        assert!(!has_traffic_source(&d));
        assert_eq!(client_entry(&d), Some(api), "the gateway comes before the queue");
        let client = d.add_component(ComponentKind::Client, "Client", at(-300.0));
        d.connect(client, api).expect("client to api");
        assert!(has_traffic_source(&d));
        assert_eq!(client_entry(&d), None);
    }

    #[test]
    fn a_fan_out_plugs_in_at_its_topic_and_compute_alone_has_no_entry() {
        let mut d = Diagram::new();
        let f = d.add_component(ComponentKind::Function, "Fn", at(600.0));
        assert_eq!(client_entry(&d), None, "nothing a client can send to");
        let topic = d.add_component(ComponentKind::Topic, "Topic", at(0.0));
        let queue = d.add_component(ComponentKind::Queue, "Queue", at(300.0));
        d.connect(topic, queue).expect("topic to queue");
        d.connect(queue, f).expect("queue to function");
        assert_eq!(client_entry(&d), Some(topic), "the head of the flow, not the queue the topic feeds");
        d.add_component(ComponentKind::EventSource, "S3", at(-300.0));
        assert!(has_traffic_source(&d));
        assert_eq!(client_entry(&d), None);
    }
}
