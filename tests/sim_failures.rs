//! Failures as AWS makes them travel, and the time AWS takes to recover: each
//! scenario is a small diagram with the numbers AWS documents (docs/simulation.md
//! names the sources).

use decouple_lab::lessons::build::Builder;
use decouple_lab::model::spec::Spec;
use decouple_lab::model::{ComponentId, Diagram};
use decouple_lab::sim::{SimOptions, Simulation};

fn run(d: &Diagram, seconds: u64) -> Simulation {
    let mut sim = Simulation::with_options(d, SimOptions { seed: 7, ..SimOptions::default() }).expect("a valid diagram");
    sim.run_for(seconds * 1_000_000);
    assert!(sim.books().balanced(), "books: {:?}", sim.books());
    sim.audit().expect("every live message is held somewhere");
    sim
}

fn report(sim: &Simulation, id: ComponentId) -> decouple_lab::sim::ComponentReport {
    sim.component_report(id).expect("a component of the run")
}

/// 28 messages in a queue with a 0 s visibility timeout, read by 1,000 worker slots
/// that fail each one after 1 ms: each receive is a round trip, so a message is
/// received at most 50 times a second, not thousands of times within one instant.
#[test]
fn a_zero_visibility_timeout_does_not_spin() {
    let mut b = Builder::new();
    let c = b.client("producer", 0.0, 0.0, 28.0, false, "");
    let q = b.queue("jobs", 1.0, 0.0, 1);
    let w = b.workers("workers", 2.0, 0.0, 10, 10, 1);
    if let Spec::WorkerGroup(s) = b.spec(w) {
        s.per_instance_concurrency = 100;
        s.error_rate = 1.0;
    }
    b.link(c, q);
    b.link(q, w);
    if let Spec::Queue(s) = b.spec(q) {
        s.visibility_timeout_s = 0;
    }
    if let Spec::Client(s) = b.spec(c) {
        s.traffic = decouple_lab::model::spec::Traffic::Burst { every_s: 1_000.0, size: 28 };
    }
    let d = b.finish().expect("diagram");
    let sim = run(&d, 30);
    let created = sim.books().created;
    assert!(created >= 28, "{created}");
    let workers = report(&sim, w);
    // 28 messages, one receive each per 20 ms round trip, for 30 s.
    assert!(workers.errors > 28 * 30, "the messages keep coming back: {}", workers.errors);
    assert!(workers.errors <= 28 * 50 * 30, "at most one receive per round trip: {}", workers.errors);
    assert!(sim.events_processed() < 10 * 28 * 50 * 30, "{} events", sim.events_processed());
}
