//! Behaviours of the simulation engine, each asserting what a learner would see.

use decouple_lab::model::spec::{Integration, Spec, Traffic};
use decouple_lab::model::{ComponentId, ComponentKind, ConnectionKind, Diagram, Point, Poison, Window};
use decouple_lab::sim::{HopOutcome, SimOptions, Simulation};

fn add(d: &mut Diagram, kind: ComponentKind, name: &str) -> ComponentId {
    d.add_component(kind, name, Point::default())
}

fn spec(d: &mut Diagram, id: ComponentId) -> &mut Spec {
    &mut d.component_mut(id).expect("component").spec
}

fn client(d: &mut Diagram, rate: f64, waits: bool) -> ComponentId {
    let c = add(d, ComponentKind::Client, "users");
    if let Spec::Client(s) = spec(d, c) {
        s.rate_per_s = rate;
        s.waits_for_reply = waits;
        s.traffic = Traffic::Poisson;
    }
    c
}

fn connect(d: &mut Diagram, a: ComponentId, b: ComponentId) -> decouple_lab::model::ConnectionId {
    d.connect(a, b).expect("allowed connection")
}

fn run(d: &Diagram, seed: u64, secs: u64) -> Simulation {
    let mut sim = Simulation::with_options(d, SimOptions { seed, ..SimOptions::default() }).expect("valid diagram");
    sim.run_for(secs * 1_000_000);
    assert!(sim.books().balanced(), "books: {:?}", sim.books());
    sim.audit().expect("every live message is held somewhere");
    sim
}

fn outage(d: &mut Diagram, id: ComponentId, from_s: f64, to_s: f64) {
    d.component_mut(id).expect("component").faults.down_window = Some(Window { from_s, to_s });
}

#[test]
fn queue_absorbs_a_function_outage() {
    let mut d = Diagram::new();
    let c = client(&mut d, 20.0, true);
    let q = add(&mut d, ComponentKind::Queue, "orders");
    let f = add(&mut d, ComponentKind::Function, "process");
    connect(&mut d, c, q);
    connect(&mut d, q, f);
    outage(&mut d, f, 10.0, 40.0);
    let sim = run(&d, 1, 150);
    let client = sim.component_report(c).and_then(|r| r.client).expect("client stats");
    assert!(client.sent > 2_000);
    assert_eq!(client.timeouts + client.server_errors + client.throttled_429, 0, "users see no errors");
    let series = sim.series(q);
    let peak = series.iter().filter(|s| s.t_s <= 45).map(|s| s.depth + s.in_flight).max().unwrap_or(0);
    let end = series.last().map(|s| s.depth + s.in_flight).unwrap_or(u32::MAX);
    assert!(peak > 400, "the backlog grows while the function is down: {peak}");
    assert!(end < 50, "and drains afterwards: {end}");
    assert_eq!(sim.books().dead_lettered, 0);
}

#[test]
fn synchronous_outage_reaches_the_users() {
    let mut d = Diagram::new();
    let c = client(&mut d, 20.0, true);
    let g = add(&mut d, ComponentKind::ApiGateway, "api");
    let f = add(&mut d, ComponentKind::Function, "process");
    connect(&mut d, c, g);
    connect(&mut d, g, f);
    outage(&mut d, f, 10.0, 40.0);
    let sim = run(&d, 1, 60);
    let client = sim.component_report(c).and_then(|r| r.client).expect("client stats");
    assert!(client.server_errors > 400, "{client:?}");
    assert!(client.ok > 300);
}

#[test]
fn a_down_service_cascades_to_its_callers() {
    let mut d = Diagram::new();
    let c = client(&mut d, 20.0, true);
    let a = add(&mut d, ComponentKind::Service, "orders");
    let b = add(&mut d, ComponentKind::Service, "payments");
    connect(&mut d, c, a);
    connect(&mut d, a, b);
    outage(&mut d, b, 10.0, 1_000.0);
    let sim = run(&d, 3, 60);
    let client = sim.component_report(c).and_then(|r| r.client).expect("client stats");
    // Orders waits 5 s for payments with 10 slots: it fills up and users time out or fail.
    assert!(client.timeouts + client.server_errors > 500, "{client:?}");
    let orders = sim.series(a);
    let busy = orders.iter().filter(|s| s.t_s > 20).map(|s| s.concurrency).max().unwrap_or(0);
    assert_eq!(busy, 10, "the caller's capacity is used up waiting");
    let before = sim.component_report(c).and_then(|r| r.client).map(|c| c.ok).unwrap_or(0);
    assert!(before > 100, "requests before the outage succeeded");
}

#[test]
fn poison_message_ends_in_the_dead_letter_queue() {
    let mut d = Diagram::new();
    let c = client(&mut d, 2.0, false);
    let q = add(&mut d, ComponentKind::Queue, "orders");
    let dlq = add(&mut d, ComponentKind::Queue, "orders-dlq");
    let f = add(&mut d, ComponentKind::Function, "process");
    if let Spec::Queue(s) = spec(&mut d, q) {
        s.visibility_timeout_s = 5;
        s.max_receive_count = 3;
    }
    connect(&mut d, c, q);
    connect(&mut d, q, f);
    let redrive = connect(&mut d, q, dlq);
    assert_eq!(d.connection(redrive).map(|c| c.kind), Some(ConnectionKind::Redrive));
    let mut sim = Simulation::new(&d).expect("valid");
    sim.run_for(5_000_000);
    assert!(sim.inject_poison(c));
    sim.run_for(60_000_000);
    let books = sim.books();
    assert!(books.balanced());
    assert_eq!(books.dead_lettered, 1, "{books:?}");
    let queue = sim.component_report(q).expect("queue");
    assert_eq!(queue.dead_lettered, 1);
    assert_eq!(queue.dead_letter_depth, 1);
    let f_report = sim.component_report(f).expect("function");
    assert_eq!(f_report.errors, 3, "received three times, failed three times");
    let hops = sim.drain_trace();
    let poison = hops.iter().find(|h| h.outcome == HopOutcome::DeadLettered && h.to == dlq).map(|h| h.message).expect("dead-lettered hop");
    // Each receive is a hop on the queue-to-function arrow: three receives, each failing in the function.
    let receives: Vec<HopOutcome> = hops.iter().filter(|h| h.message == poison && h.from == q && h.to == f).map(|h| h.outcome).collect();
    assert_eq!(receives, vec![HopOutcome::Delivered; 3], "{hops:?}");
    let good = hops.iter().find(|h| h.from == c && h.message != poison).map(|h| h.message).expect("a good message");
    assert!(hops.iter().any(|h| h.message == good && h.from == q && h.to == f && h.outcome == HopOutcome::Delivered));
}

#[test]
fn without_a_dead_letter_queue_poison_keeps_coming_back() {
    let mut d = Diagram::new();
    let c = client(&mut d, 2.0, false);
    let q = add(&mut d, ComponentKind::Queue, "orders");
    let f = add(&mut d, ComponentKind::Function, "process");
    if let Spec::Queue(s) = spec(&mut d, q) {
        s.visibility_timeout_s = 5;
        s.max_receive_count = 3;
    }
    connect(&mut d, c, q);
    connect(&mut d, q, f);
    d.component_mut(f).expect("f").faults.poison = Some(Poison { field: "amount".into(), value: serde_json::json!(7) });
    if let Spec::Client(s) = spec(&mut d, c) {
        s.payload = r#"{"amount": {{int 1 10}}}"#.into();
    }
    let sim = run(&d, 5, 120);
    let books = sim.books();
    assert_eq!(books.dead_lettered, 0);
    let report = sim.component_report(q).expect("queue");
    assert!(report.depth + report.in_flight > 5, "poison messages stay in the queue: {report:?}");
    assert!(sim.component_report(f).map(|r| r.errors).unwrap_or(0) > 40);
}

/// Order at the sink, by message id (ids follow the client's sending order).
fn arrival_order(fifo: bool) -> (Vec<u64>, Simulation) {
    let mut d = Diagram::new();
    let c = client(&mut d, 50.0, false);
    let q = add(&mut d, ComponentKind::Queue, "orders");
    let f = add(&mut d, ComponentKind::Function, "process");
    let s3 = add(&mut d, ComponentKind::ObjectStorage, "archive");
    if let Spec::Queue(s) = spec(&mut d, q) {
        s.fifo = fifo;
    }
    if let Spec::Client(s) = spec(&mut d, c) {
        s.payload = r#"{"customerId": "one", "n": {{seq}}}"#.into();
    }
    if let Spec::Function(s) = spec(&mut d, f) {
        s.duration_ms = 300;
    }
    connect(&mut d, c, q);
    let esm = connect(&mut d, q, f);
    if let Some(conn) = d.connection_mut(esm) {
        conn.settings.batch_size = 1;
    }
    connect(&mut d, f, s3);
    let mut sim = run(&d, 9, 30);
    let order = sim.drain_trace().into_iter().filter(|h| h.to == s3).map(|h| h.message).collect();
    (order, sim)
}

#[test]
fn fifo_keeps_order_within_a_group() {
    let (fifo, _) = arrival_order(true);
    assert!(fifo.len() > 50);
    assert!(fifo.windows(2).all(|w| w[0] < w[1]), "FIFO delivers one group in order");
    let (standard, _) = arrival_order(false);
    assert!(standard.windows(2).any(|w| w[0] > w[1]), "a standard queue with concurrent consumers does not");
}

#[test]
fn fifo_deduplicates_and_standard_duplicates() {
    let mut d = Diagram::new();
    let c = client(&mut d, 20.0, false);
    let q = add(&mut d, ComponentKind::Queue, "orders");
    let f = add(&mut d, ComponentKind::Function, "process");
    if let Spec::Queue(s) = spec(&mut d, q) {
        s.duplicate_rate = 0.2;
    }
    connect(&mut d, c, q);
    connect(&mut d, q, f);
    let sim = run(&d, 2, 60);
    let sent = sim.component_report(c).and_then(|r| r.client).map(|c| c.sent).unwrap_or(0);
    let processed = sim.component_report(f).map(|r| r.processed).unwrap_or(0);
    assert!(processed as f64 > sent as f64 * 1.1, "duplicates are processed: {processed} vs {sent}");
}

#[test]
fn delay_and_retention() {
    let mut d = Diagram::new();
    let c = client(&mut d, 5.0, false);
    let q = add(&mut d, ComponentKind::Queue, "later");
    let f = add(&mut d, ComponentKind::Function, "process");
    let s3 = add(&mut d, ComponentKind::ObjectStorage, "archive");
    if let Spec::Queue(s) = spec(&mut d, q) {
        s.delay_s = 20;
    }
    connect(&mut d, c, q);
    connect(&mut d, q, f);
    connect(&mut d, f, s3);
    let mut sim = run(&d, 4, 40);
    let first = sim.drain_trace().into_iter().filter(|h| h.to == s3).map(|h| h.arrive_us).min().unwrap_or(0);
    assert!(first >= 20_000_000, "nothing arrives before the delay: {first}");

    let mut d = Diagram::new();
    let c = client(&mut d, 5.0, false);
    let q = add(&mut d, ComponentKind::Queue, "nobody reads me");
    if let Spec::Queue(s) = spec(&mut d, q) {
        s.retention_s = 60;
    }
    connect(&mut d, c, q);
    let sim = run(&d, 4, 180);
    let books = sim.books();
    assert!(books.expired > 400, "{books:?}");
    assert!(books.in_flight < 400);
}

#[test]
fn batch_window_gathers_batches() {
    let mut d = Diagram::new();
    let c = client(&mut d, 20.0, false);
    let q = add(&mut d, ComponentKind::Queue, "orders");
    let f = add(&mut d, ComponentKind::Function, "process");
    connect(&mut d, c, q);
    let esm = connect(&mut d, q, f);
    if let Some(conn) = d.connection_mut(esm) {
        conn.settings.batch_size = 100;
        conn.settings.batch_window_s = 5;
    }
    let sim = run(&d, 4, 60);
    let f_report = sim.component_report(f).expect("function");
    // Batches of up to 100 gathered over 5 s: about 4 messages/s x 5 s... at most a few dozen invocations.
    let mean_busy = f_report.mean_busy.unwrap_or(0.0);
    assert!(f_report.processed > 1_000);
    assert!(mean_busy < 0.2, "few invocations run: {mean_busy}");
}

#[test]
fn partial_batch_response_only_returns_failed_items() {
    let build = |partial: bool| {
        let mut d = Diagram::new();
        let c = client(&mut d, 20.0, false);
        let q = add(&mut d, ComponentKind::Queue, "orders");
        let f = add(&mut d, ComponentKind::Function, "process");
        if let Spec::Function(s) = spec(&mut d, f) {
            s.error_rate = 0.1;
        }
        connect(&mut d, c, q);
        let esm = connect(&mut d, q, f);
        if let Some(conn) = d.connection_mut(esm) {
            conn.settings.batch_size = 10;
            conn.settings.batch_window_s = 1;
            conn.settings.report_batch_item_failures = partial;
        }
        let sim = run(&d, 6, 120);
        sim.component_report(q).map(|r| r.depth + r.in_flight).unwrap_or(0)
    };
    let with = build(true);
    let without = build(false);
    assert!(without > with * 2, "whole batches return without a partial batch response: {without} vs {with}");
}

#[test]
fn async_invocation_retries_twice_then_goes_to_the_destination() {
    let mut d = Diagram::new();
    let c = client(&mut d, 1.0, false);
    if let Spec::Client(s) = spec(&mut d, c) {
        s.traffic = Traffic::Burst { every_s: 1_000.0, size: 10 };
    }
    let f = add(&mut d, ComponentKind::Function, "resize");
    let failures = add(&mut d, ComponentKind::Queue, "failures");
    let call = connect(&mut d, c, f);
    d.set_connection_kind(call, ConnectionKind::Invoke).expect("invoke");
    if let Spec::Function(s) = spec(&mut d, f) {
        s.error_rate = 1.0;
    }
    let dest = connect(&mut d, f, failures);
    d.set_connection_kind(dest, ConnectionKind::OnFailure).expect("on failure");
    let sim = run(&d, 7, 100);
    assert_eq!(sim.component_report(f).map(|r| r.errors), Some(20), "first tries and first retries by 100 s");
    let sim = run(&d, 7, 400);
    assert_eq!(sim.component_report(f).map(|r| r.errors), Some(30), "three attempts each");
    assert_eq!(sim.component_report(failures).map(|r| r.received), Some(10));
}

#[test]
fn api_gateway_throttles_with_429() {
    let mut d = Diagram::new();
    let c = client(&mut d, 100.0, true);
    let g = add(&mut d, ComponentKind::ApiGateway, "api");
    let q = add(&mut d, ComponentKind::Queue, "orders");
    if let Spec::ApiGateway(s) = spec(&mut d, g) {
        s.throttle_rate_per_s = 10.0;
        s.throttle_burst = 20;
        s.integration = Integration::Async;
    }
    connect(&mut d, c, g);
    connect(&mut d, g, q);
    let sim = run(&d, 8, 30);
    let client = sim.component_report(c).and_then(|r| r.client).expect("client");
    assert!(client.throttled_429 > 2_000, "{client:?}");
    assert!(client.accepted_202 > 250 && client.accepted_202 < 400, "{client:?}");
    assert_eq!(sim.books().throttled, client.throttled_429);
}

#[test]
fn worker_group_scales_out_on_backlog() {
    let mut d = Diagram::new();
    let c = client(&mut d, 20.0, false);
    let q = add(&mut d, ComponentKind::Queue, "jobs");
    let w = add(&mut d, ComponentKind::WorkerGroup, "workers");
    if let Spec::WorkerGroup(s) = spec(&mut d, w) {
        s.min_instances = 1;
        s.max_instances = 20;
        s.processing_ms = 500;
        s.warmup_s = 30;
        s.target_backlog_per_instance = 10;
    }
    connect(&mut d, c, q);
    connect(&mut d, q, w);
    let sim = run(&d, 10, 600);
    let series = sim.series(w);
    let at = |t: u32| series.iter().find(|s| s.t_s == t).map(|s| s.instances).unwrap_or(0);
    assert_eq!(at(5), 1);
    // Target tracking scales out on the third breaching one-minute data point (180 s);
    // then an EC2 instance starts and warms up before it serves.
    assert_eq!(at(175), 1, "not before three breaching data points");
    let ready = 180 + decouple_lab::model::spec::WorkerPlatform::Ec2.start_s() + 30;
    assert!(at(ready - 5) == 1, "nothing serves before the start and warm-up: {}", at(ready - 5));
    assert!(at(ready + 5) > 5, "scaled out after the start and warm-up: {}", at(ready + 5));
    let q_end = sim.component_report(q).map(|r| r.depth).unwrap_or(u32::MAX);
    assert!(q_end < 250, "the backlog stays near the target per instance: {q_end}");
    let peak = series.iter().map(|s| s.instances).max().unwrap_or(0);
    assert!(peak <= 20);
}

#[test]
fn topic_fans_out_and_filters() {
    let mut d = Diagram::new();
    let c = client(&mut d, 10.0, false);
    if let Spec::Client(s) = spec(&mut d, c) {
        s.payload = r#"{"type": "{{pick order refund}}"}"#.into();
        // The same template as attributes: the same draw, so the same type.
        s.attributes = s.payload.clone();
    }
    let t = add(&mut d, ComponentKind::Topic, "events");
    let a = add(&mut d, ComponentKind::Queue, "all");
    let b = add(&mut d, ComponentKind::Queue, "orders only");
    connect(&mut d, c, t);
    connect(&mut d, t, a);
    let sub = connect(&mut d, t, b);
    if let Some(conn) = d.connection_mut(sub) {
        conn.settings.filter_policy = r#"{"type": ["order"]}"#.into();
    }
    let sim = run(&d, 11, 60);
    let sent = sim.component_report(c).and_then(|r| r.client).map(|c| c.sent).unwrap_or(0);
    let all = sim.component_report(a).map(|r| r.received).unwrap_or(0);
    let orders = sim.component_report(b).map(|r| r.received).unwrap_or(0);
    assert_eq!(all, sent);
    assert!(orders > sent / 3 && orders < sent * 2 / 3, "{orders} of {sent}");
}

#[test]
fn event_bus_rules_and_stream_shards() {
    let mut d = Diagram::new();
    let c = client(&mut d, 10.0, false);
    if let Spec::Client(s) = spec(&mut d, c) {
        s.payload = r#"{"source": "iot.devices", "detail-type": "{{pick Reading Heartbeat}}", "detail": {"deviceId": "d{{int 1 20}}"}}"#.into();
    }
    let bus = add(&mut d, ComponentKind::EventBus, "bus");
    let stream = add(&mut d, ComponentKind::Stream, "telemetry");
    let f = add(&mut d, ComponentKind::Function, "aggregate");
    let index = add(&mut d, ComponentKind::SearchIndex, "dashboard");
    connect(&mut d, c, bus);
    let rule = connect(&mut d, bus, stream);
    if let Some(conn) = d.connection_mut(rule) {
        conn.settings.pattern = r#"{"source": ["iot.devices"], "detail-type": ["Reading"]}"#.into();
    }
    connect(&mut d, stream, f);
    connect(&mut d, f, index);
    let sim = run(&d, 12, 60);
    let sent = sim.component_report(c).and_then(|r| r.client).map(|c| c.sent).unwrap_or(0);
    let indexed = sim.component_report(index).expect("index");
    // The rule takes the readings (about half) and leaves the heartbeats.
    assert!(indexed.received * 100 > sent * 35 && indexed.received * 100 < sent * 65 && indexed.received > 200, "{} of {sent}", indexed.received);
    assert!(indexed.mean_lag_ms.unwrap_or(0.0) >= 1_000.0, "lag includes the refresh");
    let shards: Vec<u32> = (1..=20).map(|i| decouple_lab::sim::shard_for(&format!("d{i}"), 2)).collect();
    assert!(shards.contains(&0) && shards.contains(&1), "keys spread over both shards: {shards:?}");
}

#[test]
fn database_throttles_and_writers_retry() {
    let mut d = Diagram::new();
    let c = client(&mut d, 20.0, false);
    let q = add(&mut d, ComponentKind::Queue, "writes");
    let f = add(&mut d, ComponentKind::Function, "writer");
    let db = add(&mut d, ComponentKind::Database, "table");
    if let Spec::Database(s) = spec(&mut d, db) {
        s.write_capacity_per_s = 10;
    }
    connect(&mut d, c, q);
    connect(&mut d, q, f);
    connect(&mut d, f, db);
    let sim = run(&d, 13, 60);
    let report = sim.component_report(db).expect("db");
    assert!(report.throttles > 100, "{report:?}");
    // Writes that still fail after the SDK's retries fail the invocation: the
    // message goes back to the queue (the failed request is booked as returned).
    assert!(sim.books().returned > 0, "some writes give up after retries: {:?}", sim.books());
    assert_eq!(sim.books().throttled, 0, "and none is lost: {:?}", sim.books());
    assert!(report.processed >= 550 && report.processed <= 620, "capacity holds: {}", report.processed);
}

#[test]
fn live_faults_take_effect_within_a_second() {
    let mut d = Diagram::new();
    let c = client(&mut d, 50.0, true);
    let s = add(&mut d, ComponentKind::Service, "orders");
    connect(&mut d, c, s);
    let mut sim = Simulation::new(&d).expect("valid");
    sim.run_for(10_000_000);
    let before = sim.component_report(c).and_then(|r| r.client).expect("client");
    assert_eq!(before.errors_total(), 0);
    assert!(sim.set_error_rate(s, 1.0));
    sim.run_for(1_000_000);
    let after = sim.component_report(c).and_then(|r| r.client).expect("client");
    assert!(after.server_errors > 20, "{after:?}");
    assert!(sim.set_error_rate(s, 0.0));
    assert!(sim.set_latency_multiplier(s, 100.0));
    sim.run_for(20_000_000);
    let slow = sim.component_report(c).and_then(|r| r.client).expect("client");
    assert!(slow.timeouts > 0, "100x latency (10 s) beats the 10 s client timeout: {slow:?}");
    assert!(sim.set_latency_multiplier(s, 1.0));
    let sent = slow.sent;
    assert!(sim.spike(c, 10.0, 1.0));
    sim.run_for(1_000_000);
    let spiked = sim.component_report(c).and_then(|r| r.client).expect("client").sent - sent;
    assert!(spiked > 300, "ten times the rate for a second: {spiked}");
    assert!(sim.set_down(s, true));
    assert!(!sim.set_down(ComponentId(999), true));
    sim.run_for(30_000_000);
    assert!(sim.books().balanced());
}

#[test]
fn same_seed_same_run_and_bounded_trace() {
    let mut d = Diagram::new();
    let c = client(&mut d, 50.0, true);
    let g = add(&mut d, ComponentKind::ApiGateway, "api");
    let s = add(&mut d, ComponentKind::Service, "orders");
    let q = add(&mut d, ComponentKind::Queue, "events");
    let f = add(&mut d, ComponentKind::Function, "notify");
    connect(&mut d, c, g);
    connect(&mut d, g, s);
    connect(&mut d, s, q);
    connect(&mut d, q, f);
    let json = |seed| serde_json::to_string(&run(&d, seed, 60).report()).expect("json");
    assert_eq!(json(1), json(1));
    assert_ne!(json(1), json(2));
    let mut sim = Simulation::with_options(&d, SimOptions { trace_capacity: 100, ..SimOptions::default() }).expect("valid");
    // Slices as the page runs them: many small frames give the same result as one run.
    for frame in 1..=600u64 {
        sim.advance_until(frame * 100_000);
    }
    assert_eq!(sim.now_us(), 60_000_000);
    let hops = sim.drain_trace();
    assert_eq!(hops.len(), 100);
    assert!(sim.trace_dropped() > 1_000);
    assert!(hops.windows(2).all(|w| w[0].arrive_us <= w[1].arrive_us));
    assert!(sim.drain_trace().is_empty());
    let mut whole = Simulation::with_options(&d, SimOptions { trace_capacity: 100, ..SimOptions::default() }).expect("valid");
    whole.run_for(60_000_000);
    assert_eq!(serde_json::to_string(&whole.report()).ok(), serde_json::to_string(&sim.report()).ok());
}

#[test]
fn a_failing_consumer_with_zero_visibility_timeout_does_not_spin() {
    // Lambda refuses a mapping from a queue whose visibility timeout is under the
    // function's timeout, so a zero timeout can only meet pollers such as instances.
    let mut d = Diagram::new();
    let c = client(&mut d, 5.0, false);
    let q = add(&mut d, ComponentKind::Queue, "orders");
    let w = add(&mut d, ComponentKind::WorkerGroup, "process");
    if let Spec::Queue(s) = spec(&mut d, q) {
        s.visibility_timeout_s = 0;
    }
    connect(&mut d, c, q);
    connect(&mut d, q, w);
    d.component_mut(w).expect("w").faults.error_rate = 1.0;
    let sim = run(&d, 1, 20);
    // Bounded by the instances' capacity: busy, but it finishes.
    assert!(sim.events_processed() < 500_000, "{}", sim.events_processed());
    assert_eq!(sim.books().consumed, 0);
}

#[test]
fn change_stream_and_storage_events_feed_the_read_side() {
    let mut d = Diagram::new();
    let c = client(&mut d, 10.0, false);
    let q = add(&mut d, ComponentKind::Queue, "commands");
    let w = add(&mut d, ComponentKind::Function, "write model");
    let db = add(&mut d, ComponentKind::Database, "table");
    let projector = add(&mut d, ComponentKind::Function, "projector");
    let index = add(&mut d, ComponentKind::SearchIndex, "read model");
    if let Spec::Database(s) = spec(&mut d, db) {
        s.change_stream = true;
    }
    connect(&mut d, c, q);
    connect(&mut d, q, w);
    connect(&mut d, w, db);
    connect(&mut d, db, projector);
    connect(&mut d, projector, index);
    let uploads = add(&mut d, ComponentKind::Client, "uploads");
    let bucket = add(&mut d, ComponentKind::ObjectStorage, "bucket");
    let events = add(&mut d, ComponentKind::Queue, "object events");
    let athena = add(&mut d, ComponentKind::Analytics, "athena");
    connect(&mut d, uploads, bucket);
    connect(&mut d, bucket, events);
    connect(&mut d, bucket, athena);
    let sim = run(&d, 14, 60);
    let written = sim.component_report(db).map(|r| r.processed).unwrap_or(0);
    let indexed = sim.component_report(index).expect("index");
    assert!(written > 400);
    assert!(indexed.received + 20 >= written, "every change reaches the read model: {} of {written}", indexed.received);
    assert!(indexed.max_lag_ms.unwrap_or(0.0) > 1_000.0);
    let stored = sim.component_report(bucket).map(|r| r.processed).unwrap_or(0);
    assert_eq!(sim.component_report(events).map(|r| r.received), Some(stored), "one event per object");
    assert_eq!(sim.component_report(athena).map(|r| r.processed), Some(stored), "analytics counts what lands");
}
