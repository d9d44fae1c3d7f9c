//! Scaling at AWS's pace: Lambda's concurrency scaling rate and Auto Scaling target
//! tracking, each a small diagram with the numbers AWS documents (docs/simulation.md
//! names the sources).

use decouple_lab::lessons::build::Builder;
use decouple_lab::model::spec::{Spec, Traffic};
use decouple_lab::model::{ComponentId, ConnectionKind, Diagram};
use decouple_lab::sim::{SimOptions, Simulation};

fn start(d: &Diagram) -> Simulation {
    Simulation::with_options(d, SimOptions { seed: 7, ..SimOptions::default() }).expect("a valid diagram")
}

fn settle(sim: &mut Simulation, until_s: u64) {
    sim.run_for(until_s * 1_000_000 - sim.now_us());
    assert!(sim.books().balanced(), "books: {:?}", sim.books());
    sim.audit().expect("every live message is held somewhere");
}

fn report(sim: &Simulation, id: ComponentId) -> decouple_lab::sim::ComponentReport {
    sim.component_report(id).expect("a component of the run")
}

/// 3,000 synchronous invocations at once, and 3,000 more 10 s later, of a function
/// allowed 3,000 at once whose invocations take two minutes. AWS: "every 10 seconds, Lambda
/// can allocate at most 1,000 additional execution environment instances ... to each
/// of your functions"; requests it cannot scale for fail with 429.
#[test]
fn a_function_grows_by_a_thousand_environments_every_ten_seconds() {
    let mut b = Builder::new();
    let c = b.client("callers", 0.0, 0.0, 1.0, true, "");
    let f = b.function("handler", 1.0, 0.0, 120_000, 300);
    b.link(c, f);
    if let Spec::Function(s) = b.spec(f) {
        s.concurrency_limit = 3_000;
    }
    if let Spec::Client(s) = b.spec(c) {
        s.traffic = Traffic::Burst { every_s: 10.0, size: 3_000 };
    }
    let d = b.finish().expect("diagram");
    let mut sim = start(&d);
    settle(&mut sim, 5);
    let first = report(&sim, f);
    assert_eq!(first.concurrency, 1_000, "a burst of 1,000 new environments at once");
    assert_eq!(first.throttles, 2_000, "the rest of the first burst is throttled");
    settle(&mut sim, 15);
    let second = report(&sim, f);
    assert_eq!(second.concurrency, 2_000, "1,000 more environments over the next 10 s");
    assert_eq!(second.throttles, 4_000);
    let client = report(&sim, c).client.expect("client stats");
    assert_eq!(client.throttled_429, 4_000, "a synchronous caller hears 429 TooManyRequestsException");
}

/// The same function with asynchronous callers: nothing is throttled back to the
/// caller; the invocations wait in Lambda's queue and start as environments are
/// created (100 a second once the first 1,000 are busy).
#[test]
fn asynchronous_invocations_wait_for_new_environments() {
    let mut b = Builder::new();
    let c = b.client("events", 0.0, 0.0, 1.0, false, "");
    let f = b.function("handler", 1.0, 0.0, 240_000, 600);
    b.link_as(c, f, ConnectionKind::Invoke);
    if let Spec::Function(s) = b.spec(f) {
        s.concurrency_limit = 3_000;
    }
    if let Spec::Client(s) = b.spec(c) {
        s.traffic = Traffic::Burst { every_s: 10_000.0, size: 3_000 };
    }
    let d = b.finish().expect("diagram");
    let mut sim = start(&d);
    settle(&mut sim, 1);
    let busy = report(&sim, f).concurrency;
    assert!((1_000..=1_110).contains(&busy), "{busy}");
    settle(&mut sim, 11);
    let busy = report(&sim, f).concurrency;
    assert!((1_990..=2_110).contains(&busy), "about 1,000 more in 10 s: {busy}");
    settle(&mut sim, 25);
    assert_eq!(report(&sim, f).concurrency, 3_000, "up to the concurrency limit");
    assert_eq!(sim.books().throttled, 0);
}
