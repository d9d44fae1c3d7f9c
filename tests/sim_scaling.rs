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

/// A queue and a worker group (1 to 10 Fargate tasks, each working on one message for
/// 500 ms, target 10 messages per instance, 30 s to start a task).
fn workers_behind_a_queue(traffic: Traffic, instance_warmup_s: u32) -> (Diagram, ComponentId) {
    let mut b = Builder::new();
    let c = b.client("producer", 0.0, 0.0, 20.0, false, "");
    let q = b.queue("jobs", 1.0, 0.0, 30);
    let w = b.workers("workers", 2.0, 0.0, 1, 10, 500);
    b.link(c, q);
    b.link(q, w);
    if let Spec::Client(s) = b.spec(c) {
        s.traffic = traffic;
    }
    if let Spec::WorkerGroup(s) = b.spec(w) {
        s.target_backlog_per_instance = 10;
        s.instance_warmup_s = instance_warmup_s;
        assert_eq!((s.platform.start_s(), s.warmup_s), (30, 0), "the builder's workers: Fargate tasks, no extra warm-up");
    }
    (b.finish().expect("diagram"), w)
}

fn instances_at(sim: &Simulation, w: ComponentId, t_s: u32) -> u32 {
    sim.series(w).iter().find(|s| s.t_s == t_s).map(|s| s.instances).expect("a sample at that second")
}

/// 20 messages a second for one instance that handles 2: the backlog breaches the
/// target from the first minute, and target tracking scales out on the third
/// breaching one-minute data point (AWS's scale-out alarm: 3 data points within 3
/// minutes), not at its first check.
#[test]
fn target_tracking_scales_out_after_three_breaching_minutes() {
    let (d, w) = workers_behind_a_queue(Traffic::Steady, 300);
    let mut sim = Simulation::with_options(&d, SimOptions { seed: 7, ..SimOptions::default() }).expect("valid");
    settle(&mut sim, 240);
    assert_eq!(instances_at(&sim, w, 175), 1, "no scaling on the first two breaching data points");
    assert_eq!(instances_at(&sim, w, 209), 1, "the new tasks take 30 s to start");
    assert_eq!(instances_at(&sim, w, 215), 10, "the third breaching point asks for the capacity the backlog needs");
}

/// 3,000 messages at once: scale out on the third minute, drain in about 2.5 minutes,
/// then scale in only after 15 low one-minute data points in a row (AWS's scale-in
/// alarm), and not while an instance is still in its instance warm-up.
#[test]
fn target_tracking_scales_in_after_fifteen_low_minutes_and_not_during_warm_up() {
    let burst = Traffic::Burst { every_s: 86_400.0, size: 3_000 };
    let (d, w) = workers_behind_a_queue(burst.clone(), 300);
    let mut sim = Simulation::with_options(&d, SimOptions { seed: 7, ..SimOptions::default() }).expect("valid");
    settle(&mut sim, 1_300);
    assert_eq!(instances_at(&sim, w, 215), 10);
    // Drained by 360 s: the low points are at 360, 420, ... 1,200 s (the 15th).
    assert_eq!(instances_at(&sim, w, 1_195), 10, "14 low data points are not enough");
    assert_eq!(instances_at(&sim, w, 1_205), 1, "the 15th scales in to the minimum");

    // The same with a one-hour instance warm-up: the new instances hold back scale-in.
    let (d, w) = workers_behind_a_queue(burst, 3_600);
    let mut sim = Simulation::with_options(&d, SimOptions { seed: 7, ..SimOptions::default() }).expect("valid");
    settle(&mut sim, 1_300);
    assert_eq!(instances_at(&sim, w, 1_295), 10, "no scale-in while instances warm up");
}
