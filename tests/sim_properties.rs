//! Properties over many random diagrams and seeds: the books balance at every step,
//! every live message is held somewhere, no diagram makes the engine panic, the work
//! stays proportional to the traffic (no setting makes the engine spin), and Little's
//! law holds for a queue with workers.

use decouple_lab::model::spec::{Spec, Traffic};
use decouple_lab::model::{allowed_kinds, aws_refusals, ComponentKind, ConnectionKind, Diagram, Point, Poison, Window};
use decouple_lab::sim::{mmc, SimOptions, Simulation};
use proptest::prelude::*;

/// A recipe for a random diagram: kinds, connection attempts, and numbers to vary settings.
#[derive(Debug, Clone)]
struct Recipe {
    kinds: Vec<u8>,
    edges: Vec<(u8, u8, u8)>,
    knobs: Vec<u32>,
}

fn recipe() -> impl Strategy<Value = Recipe> {
    (
        prop::collection::vec(0u8..17, 2..9),
        prop::collection::vec((0u8..16, 0u8..16, 0u8..4), 0..18),
        prop::collection::vec(any::<u32>(), 24),
    )
        .prop_map(|(kinds, edges, knobs)| Recipe { kinds, edges, knobs })
}

/// Schemas for buses and topics: none, one most payloads fit, one none fit.
const SCHEMAS: [&str; 3] = [
    "",
    r#"{"type": "object", "required": ["customerId"], "properties": {"customerId": {"enum": ["a", "b"]}, "n": {"type": "integer"}}}"#,
    r#"{"type": "array"}"#,
];

fn build(r: &Recipe) -> Diagram {
    let mut d = Diagram::new();
    let mut ids = Vec::new();
    let mut k = r.knobs.iter().cycle().copied();
    let mut next = move || k.next().unwrap_or(0);
    for &kind in &r.kinds {
        let kind = ComponentKind::ALL[kind as usize % ComponentKind::ALL.len()];
        let id = d.add_component(kind, format!("{kind:?}"), Point::default());
        ids.push(id);
        let Some(c) = d.component_mut(id) else { continue };
        match &mut c.spec {
            Spec::Client(s) => {
                s.rate_per_s = f64::from(next() % 40) + 1.0;
                s.waits_for_reply = next() % 2 == 0;
                s.timeout_ms = 1_000 + next() % 10_000;
                s.traffic = match next() % 5 {
                    0 => Traffic::Steady,
                    1 => Traffic::Poisson,
                    2 => Traffic::Burst { every_s: 5.0, size: 1 + next() % 30 },
                    3 => Traffic::Spike { at_s: 5.0, for_s: 5.0, factor: 4.0 },
                    _ => Traffic::Ramp { to_rate_per_s: 60.0, over_s: 20.0 },
                };
                s.payload = r#"{"customerId": "{{pick a b c}}", "deviceId": "{{int 1 5}}", "n": {{seq}}}"#.into();
            }
            Spec::Queue(s) => {
                s.fifo = next() % 3 == 0;
                s.visibility_timeout_s = next() % 20;
                s.max_receive_count = 1 + next() % 4;
                s.delay_s = next() % 3;
                s.retention_s = 60 + next() % 60;
                s.batch_size = 1 + next() % 10;
                s.duplicate_rate = f64::from(next() % 4) / 10.0;
            }
            Spec::Function(s) => {
                s.concurrency_limit = next() % 20;
                s.duration_ms = 1 + next() % 3_000;
                s.error_rate = f64::from(next() % 5) / 10.0;
                s.timeout_s = 1 + next() % 4;
            }
            Spec::Service(s) => {
                s.capacity = 1 + next() % 10;
                s.latency_ms = 1 + next() % 2_000;
                s.error_rate = f64::from(next() % 4) / 10.0;
                s.timeout_ms = 100 + next() % 5_000;
            }
            Spec::WorkerGroup(s) => {
                s.max_instances = 1 + next() % 6;
                s.min_instances = next() % (s.max_instances + 1);
                s.processing_ms = 1 + next() % 2_000;
                s.warmup_s = next() % 20;
                s.error_rate = f64::from(next() % 4) / 10.0;
            }
            Spec::ApiGateway(s) => {
                s.throttle_rate_per_s = f64::from(next() % 50);
                s.throttle_burst = next() % 50;
            }
            Spec::Database(s) => {
                s.write_capacity_per_s = 1 + next() % 20;
                s.change_stream = next() % 2 == 0;
            }
            Spec::EventBus(s) => {
                s.archive = next() % 2 == 0;
                s.replay_at_s = [0.0, 3.0, 12.5][next() as usize % 3];
                s.schema = SCHEMAS[next() as usize % SCHEMAS.len()].into();
            }
            Spec::Topic(s) => s.schema = SCHEMAS[next() as usize % SCHEMAS.len()].into(),
            Spec::Stream(s) => s.shards = 1 + next() % 4,
            Spec::DeliveryStream(s) => s.buffer_interval_s = next() % 10,
            _ => {}
        }
        match next() % 6 {
            0 => c.faults.down = true,
            1 => c.faults.down_window = Some(Window { from_s: 5.0, to_s: 15.0 }),
            2 => c.faults.error_rate = 0.3,
            3 => c.faults.latency_multiplier = 5.0,
            4 => c.faults.poison = Some(Poison { field: "customerId".into(), value: serde_json::json!("a") }),
            _ => {}
        }
    }
    for &(a, b, choice) in &r.edges {
        let (Some(&from), Some(&to)) = (ids.get(a as usize % ids.len()), ids.get(b as usize % ids.len())) else { continue };
        let Ok(id) = d.connect(from, to) else { continue };
        let (Ok(fk), Ok(tk)) = (d.kind_of(from), d.kind_of(to)) else { continue };
        if let Ok(kinds) = allowed_kinds(fk, tk) {
            let kind = kinds[choice as usize % kinds.len()];
            let _ = d.set_connection_kind(id, kind);
        }
        if let Some(c) = d.connection_mut(id) {
            c.settings.batch_size = 1 + u32::from(choice) * 3;
            c.settings.batch_window_s = u32::from(choice % 2);
            c.settings.report_batch_item_failures = choice % 2 == 0;
            if choice == 3 {
                c.settings.filter_policy = r#"{"customerId": ["b"]}"#.into();
            }
        }
    }
    // What AWS would refuse to create is refused by the run too; leave it out.
    for refusal in aws_refusals(&d) {
        let _ = d.remove_connection(refusal.connection);
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn books_balance_and_nothing_leaks(r in recipe(), seed in any::<u64>()) {
        let d = build(&r);
        let options = SimOptions { seed, max_live_messages: 20_000, trace_capacity: 256, ..SimOptions::default() };
        let mut sim = match Simulation::with_options(&d, options) {
            Ok(s) => s,
            Err(e) => return Err(TestCaseError::fail(format!("a diagram built with the model's own API was refused: {e}"))),
        };
        let mut t = 0;
        while t < 40_000_000 {
            t += 700_000;
            sim.advance_until(t);
            let books = sim.books();
            prop_assert!(books.balanced(), "at {t}: {books:?}");
            if let Err(e) = sim.audit() {
                return Err(TestCaseError::fail(format!("at {t}: {e}")));
            }
            if t == 7_000_000 {
                // Live what-ifs on whatever is there.
                for c in d.components() {
                    sim.set_error_rate(c.id, 0.5);
                    sim.set_down(c.id, c.id.0 % 2 == 0);
                    sim.spike(c.id, 3.0, 2.0);
                    sim.inject_poison(c.id);
                    sim.set_latency_multiplier(c.id, 2.0);
                    sim.replay_archive(c.id);
                }
            }
        }
        let _ = sim.report();
        let _ = sim.drain_trace();
    }

    #[test]
    fn littles_law_holds_for_a_queue_with_workers(seed in any::<u64>(), rate in 2u32..30, servers in 1u32..5, ms in 50u32..400) {
        // Utilisation kept below 0.8 so the run settles.
        let capacity = f64::from(servers) * 1000.0 / f64::from(ms);
        prop_assume!(f64::from(rate) < 0.8 * capacity);
        let (mut d, _client, _queue, workers) = mmc::diagram(f64::from(rate), servers).map_err(TestCaseError::fail)?;
        if let Some(Spec::WorkerGroup(w)) = d.component_mut(workers).map(|c| &mut c.spec) {
            w.processing_ms = ms;
        }
        let mut sim = Simulation::with_options(&d, SimOptions { seed, ..SimOptions::default() }).map_err(|e| TestCaseError::fail(e.to_string()))?;
        sim.run_for(600_000_000);
        let (l, lambda, w) = sim.littles_law();
        prop_assert!(sim.books().balanced());
        prop_assert!(l > 0.0);
        let predicted = lambda * w;
        prop_assert!((l - predicted).abs() <= 0.05 * predicted + 0.02, "L {l} vs lambda W {predicted} (lambda {lambda}, W {w})");
    }
}

/// The M/M/c estimate guards the engine's accuracy in CI (the 2% check over a
/// million customers is `dlab mmc` and the benchmark).
#[test]
fn mmc_matches_erlang_c_at_moderate_load() {
    for (lambda, mu, c) in [(0.2, 0.1, 3u32), (0.5, 1.0, 1)] {
        let theory = mmc::erlang_c(lambda, mu, c).expect("stable");
        let run = mmc::run(lambda, mu, c, 200_000, 7).expect("runs");
        let err = (run.simulated.mean_wait / theory.mean_wait - 1.0).abs();
        assert!(err < 0.06, "M/M/{c}: {} vs {}", run.simulated.mean_wait, theory.mean_wait);
        assert!((run.simulated.utilisation / theory.utilisation - 1.0).abs() < 0.02);
        let lq = (run.simulated.mean_queue_length / theory.mean_queue_length - 1.0).abs();
        assert!(lq < 0.06, "Lq {} vs {}", run.simulated.mean_queue_length, theory.mean_queue_length);
    }
}

/// Downstream kinds a queue-fed function may send to or call. (A function it invokes
/// asynchronously answers 202 at once; what that one loses is its own.)
const DOWNSTREAM: [ComponentKind; 7] = [
    ComponentKind::Queue,
    ComponentKind::Topic,
    ComponentKind::EventBus,
    ComponentKind::Stream,
    ComponentKind::Database,
    ComponentKind::ObjectStorage,
    ComponentKind::Service,
];

/// Client -> queue (with a DLQ) -> function -> 1 to 3 components of random kinds with
/// random faults (down, a down window, errors, slow, throttling capacity).
fn downstream_diagram(kinds: &[u8], faults: &[u8], ignore: bool, error_rate: u8) -> Diagram {
    let mut d = Diagram::new();
    let client = d.add_component(ComponentKind::Client, "producer", Point::default());
    let queue = d.add_component(ComponentKind::Queue, "in", Point::default());
    let dlq = d.add_component(ComponentKind::Queue, "in-dlq", Point::default());
    let f = d.add_component(ComponentKind::Function, "worker", Point::default());
    if let Some(Spec::Client(s)) = d.component_mut(client).map(|c| &mut c.spec) {
        s.rate_per_s = 20.0;
        s.waits_for_reply = false;
    }
    if let Some(Spec::Queue(s)) = d.component_mut(queue).map(|c| &mut c.spec) {
        s.visibility_timeout_s = 5;
        s.max_receive_count = 3;
    }
    if let Some(Spec::Function(s)) = d.component_mut(f).map(|c| &mut c.spec) {
        s.ignore_downstream_failures = ignore;
        s.error_rate = f64::from(error_rate % 4) / 10.0;
        s.duration_ms = 50;
    }
    let _ = d.connect(client, queue);
    let _ = d.connect(queue, dlq);
    let _ = d.connect(queue, f);
    for (i, &k) in kinds.iter().enumerate() {
        let kind = DOWNSTREAM[k as usize % DOWNSTREAM.len()];
        let id = d.add_component(kind, format!("{kind:?}"), Point::default());
        if d.connect(f, id).is_err() {
            continue;
        }
        let fault = faults.get(i).copied().unwrap_or(0);
        let Some(c) = d.component_mut(id) else { continue };
        match &mut c.spec {
            Spec::Database(s) => s.write_capacity_per_s = 1 + u32::from(fault % 30),
            Spec::Service(s) => {
                s.capacity = 1 + u32::from(fault % 5);
                s.latency_ms = 200;
            }
            _ => {}
        }
        match fault % 5 {
            0 => c.faults.down = true,
            1 => c.faults.down_window = Some(Window { from_s: 10.0, to_s: 40.0 }),
            2 => c.faults.error_rate = 0.5,
            3 => c.faults.latency_multiplier = 20.0,
            _ => {}
        }
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Whatever fails downstream of a queue-fed function, the failure travels back:
    /// the message is received again and ends in the DLQ, not "failed" where the
    /// function sent it, unless the function was set to ignore failed calls.
    #[test]
    fn failures_travel_back_to_a_caller_that_retries(
        kinds in prop::collection::vec(any::<u8>(), 1..4),
        faults in prop::collection::vec(any::<u8>(), 3),
        ignore in any::<bool>(),
        error_rate in any::<u8>(),
        seed in any::<u64>(),
    ) {
        let d = downstream_diagram(&kinds, &faults, ignore, error_rate);
        let mut sim = Simulation::with_options(&d, SimOptions { seed, ..SimOptions::default() }).map_err(|e| TestCaseError::fail(e.to_string()))?;
        sim.run_for(120_000_000);
        let books = sim.books();
        prop_assert!(books.balanced(), "{books:?}");
        if !ignore {
            prop_assert_eq!(books.failed, 0, "a message was lost where the function could have retried it: {:?}", books);
        }
    }
}

proptest! {
    // Ten simulated minutes each: fewer cases (a debug build runs them).
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Ten simulated minutes of any diagram: the events handled are bounded by the
    /// messages created and the time they spent alive (a receive, poll or retry takes
    /// simulated time: at most one receive of a message per 20 ms round trip), and the
    /// run ends in seconds of wall time. The 10,000-diagram sweep that found the
    /// zero-visibility-timeout spin made 59.8 million events from 28 messages.
    #[test]
    fn work_is_proportional_to_the_traffic(r in recipe(), seed in any::<u64>()) {
        let d = build(&r);
        let options = SimOptions { seed, max_live_messages: 20_000, trace_capacity: 0, ..SimOptions::default() };
        let mut sim = Simulation::with_options(&d, options).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let started = std::time::Instant::now();
        sim.run_for(600_000_000);
        let wall = started.elapsed().as_secs_f64();
        let (alive, _, _) = sim.littles_law();
        let message_seconds = alive * 600.0;
        let created = sim.books().created as f64;
        let components = d.component_count() as f64;
        // Per message a few hops; per second alive at most 50 receives of a few events
        // each; per component a sample, a scaling check or a poll each second.
        let bound = 200.0 * created + 400.0 * message_seconds + 50.0 * components * 600.0;
        let events = sim.events_processed() as f64;
        prop_assert!(events <= bound, "{events} events for {created} messages alive {message_seconds:.0} message-seconds");
        prop_assert!(sim.books().balanced());
        // Generous for a debug build on a shared machine (about 150,000 events a
        // second); the spinning run took minutes for 30 simulated seconds.
        prop_assert!(wall < 30.0, "a 10-minute run took {wall:.1} s of wall time");
    }
}

/// Downstream kinds over many shapes: the seven above and a function called
/// synchronously (its failure answers the caller).
fn downstream_kind(k: u8) -> ComponentKind {
    DOWNSTREAM.get(k as usize % 8).copied().unwrap_or(ComponentKind::Function)
}

/// A random diagram whose every message has a caller able to retry it: a queue with a
/// DLQ feeding a function, or asynchronous invocations of a function with an
/// on-failure destination; the function (random run time, errors, timeout,
/// concurrency, batch) calls or sends to 1 to 3 components of random kinds with
/// random faults, some of them functions that call on.
fn retrying_diagram(knobs: &[u8], ignore: bool) -> Diagram {
    let mut k = knobs.iter().cycle().copied();
    let mut next = move || k.next().unwrap_or(0);
    let mut d = Diagram::new();
    let client = d.add_component(ComponentKind::Client, "producer", Point::default());
    let f = d.add_component(ComponentKind::Function, "worker", Point::default());
    if let Some(Spec::Client(s)) = d.component_mut(client).map(|c| &mut c.spec) {
        s.rate_per_s = f64::from(1 + next() % 20);
        s.waits_for_reply = false;
        if next() % 3 == 0 {
            s.traffic = Traffic::Burst { every_s: 10.0, size: 1 + u32::from(next() % 50) };
        }
    }
    if let Some(Spec::Function(s)) = d.component_mut(f).map(|c| &mut c.spec) {
        s.ignore_downstream_failures = ignore;
        s.error_rate = f64::from(next() % 4) / 10.0;
        s.duration_ms = 1 + u32::from(next()) * 4;
        s.timeout_s = 1 + u32::from(next() % 3);
        s.concurrency_limit = 1 + u32::from(next() % 20);
    }
    if next() % 2 == 0 {
        let queue = d.add_component(ComponentKind::Queue, "in", Point::default());
        let dlq = d.add_component(ComponentKind::Queue, "in-dlq", Point::default());
        if let Some(Spec::Queue(s)) = d.component_mut(queue).map(|c| &mut c.spec) {
            // At least the function's timeout, as AWS requires of a mapping.
            s.visibility_timeout_s = 4 + u32::from(next() % 10);
            s.max_receive_count = 1 + u32::from(next() % 4);
        }
        let _ = d.connect(client, queue);
        let _ = d.connect(queue, dlq);
        if let Ok(esm) = d.connect(queue, f) {
            let (size, partial) = (1 + u32::from(next() % 10), next() % 2 == 0);
            if let Some(c) = d.connection_mut(esm) {
                c.settings.batch_size = size;
                c.settings.report_batch_item_failures = partial;
            }
        }
    } else {
        let failures = d.add_component(ComponentKind::Queue, "failures", Point::default());
        if let Ok(id) = d.connect(client, f) {
            let _ = d.set_connection_kind(id, ConnectionKind::Invoke);
        }
        if let Ok(id) = d.connect(f, failures) {
            let _ = d.set_connection_kind(id, ConnectionKind::OnFailure);
        }
    }
    let mut callers = vec![f];
    for _ in 0..1 + next() % 3 {
        let kind = downstream_kind(next());
        let from = callers[next() as usize % callers.len()];
        let id = d.add_component(kind, format!("{kind:?}"), Point::default());
        let Ok(link) = d.connect(from, id) else { continue };
        if kind == ComponentKind::Function {
            // Called and waited for: its failure is its caller's.
            let _ = d.set_connection_kind(link, ConnectionKind::Call);
            callers.push(id);
        }
        let fault = next();
        let Some(c) = d.component_mut(id) else { continue };
        match &mut c.spec {
            Spec::Database(s) => s.write_capacity_per_s = 1 + u32::from(fault % 30),
            Spec::Service(s) => {
                s.capacity = 1 + u32::from(fault % 5);
                s.latency_ms = 200;
            }
            Spec::Function(s) => {
                s.concurrency_limit = 1 + u32::from(fault % 5);
                s.duration_ms = 1 + u32::from(fault) * 2;
            }
            _ => {}
        }
        match fault % 6 {
            0 => c.faults.down = true,
            1 => c.faults.down_window = Some(Window { from_s: 10.0, to_s: 40.0 }),
            2 => c.faults.error_rate = 0.5,
            3 => c.faults.latency_multiplier = 20.0,
            _ => {}
        }
    }
    for refusal in aws_refusals(&d) {
        let _ = d.remove_connection(refusal.connection);
    }
    d
}

proptest! {
    // Thousands of short runs (a minute each, a few messages a second): under
    // 30 s of wall time in a debug build.
    #![proptest_config(ProptestConfig { cases: 2_000, .. ProptestConfig::default() })]

    /// Whatever fails below a caller that retries (a queue's redelivery and DLQ,
    /// Lambda's async retries and on-failure destination), the failure travels back to
    /// it: no message ends "failed" unless the function chose to ignore failed calls.
    /// The books balance and the work stays within a few events per message.
    #[test]
    fn no_message_fails_below_a_caller_that_retries(
        knobs in prop::collection::vec(any::<u8>(), 24),
        ignore in prop::bool::weighted(0.2),
        seed in any::<u64>(),
    ) {
        let d = retrying_diagram(&knobs, ignore);
        let options = SimOptions { seed, trace_capacity: 0, sample_period_us: 0, ..SimOptions::default() };
        let mut sim = Simulation::with_options(&d, options).map_err(|e| TestCaseError::fail(e.to_string()))?;
        sim.run_for(60_000_000);
        let books = sim.books();
        prop_assert!(books.balanced(), "{books:?}");
        if !ignore {
            prop_assert_eq!(books.failed, 0, "a message was lost where a caller could have retried it: {:?}", books);
        }
        let (alive, _, _) = sim.littles_law();
        let bound = 200.0 * books.created as f64 + 400.0 * alive * 60.0 + 50.0 * d.component_count() as f64 * 60.0;
        prop_assert!((sim.events_processed() as f64) <= bound, "{} events for {} messages", sim.events_processed(), books.created);
    }
}
