//! Ready-made diagrams for benchmarks and checks.

use crate::model::spec::Spec;
use crate::model::{ComponentKind, Diagram, Point};

/// A pipeline of `1 + 2 x stages + 1` components: a client at 1,000 requests/s feeding
/// queue -> function stages, ending in object storage (50 components for 24 stages).
pub fn pipeline(stages: u32) -> Diagram {
    let mut d = Diagram::new();
    let client = d.add_component(ComponentKind::Client, "users", Point::default());
    if let Some(Spec::Client(c)) = d.component_mut(client).map(|c| &mut c.spec) {
        c.rate_per_s = 1_000.0;
        c.payload = String::new();
        c.waits_for_reply = false;
    }
    let mut last = client;
    for i in 0..stages {
        let q = d.add_component(ComponentKind::Queue, format!("queue {i}"), Point::default());
        let f = d.add_component(ComponentKind::Function, format!("function {i}"), Point::default());
        if let Some(Spec::Function(s)) = d.component_mut(f).map(|c| &mut c.spec) {
            s.duration_ms = 20;
        }
        let _ = d.connect(last, q);
        let _ = d.connect(q, f);
        last = f;
    }
    let sink = d.add_component(ComponentKind::ObjectStorage, "lake", Point::default());
    let _ = d.connect(last, sink);
    d
}
