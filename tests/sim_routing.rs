//! Routing behaviours of the engine: Step Functions executions, EventBridge rule and
//! SNS subscription delivery retries with dead-letter queues, and Kinesis shards.

use decouple_lab::model::spec::{Spec, Traffic, WorkflowType};
use decouple_lab::model::{ComponentId, ComponentKind, ConnectionId, Diagram, Point, Window};
use decouple_lab::sim::{shard_for, ExecutionStatus, HopOutcome, SimOptions, Simulation, StepStatus};

fn add(d: &mut Diagram, kind: ComponentKind, name: &str) -> ComponentId {
    d.add_component(kind, name, Point::default())
}

fn spec(d: &mut Diagram, id: ComponentId) -> &mut Spec {
    &mut d.component_mut(id).expect("component").spec
}

fn client(d: &mut Diagram, rate: f64, payload: &str) -> ComponentId {
    let c = add(d, ComponentKind::Client, "producer");
    if let Spec::Client(s) = spec(d, c) {
        s.rate_per_s = rate;
        s.waits_for_reply = false;
        s.traffic = Traffic::Steady;
        s.payload = payload.to_string();
    }
    c
}

fn connect(d: &mut Diagram, a: ComponentId, b: ComponentId) -> ConnectionId {
    d.connect(a, b).expect("allowed connection")
}

fn checked(mut sim: Simulation, secs: u64) -> Simulation {
    sim.run_for(secs * 1_000_000);
    assert!(sim.books().balanced(), "books: {:?}", sim.books());
    sim.audit().expect("every live message is held somewhere");
    sim
}

fn run(d: &Diagram, secs: u64) -> Simulation {
    checked(Simulation::with_options(d, SimOptions { seed: 7, ..SimOptions::default() }).expect("valid diagram"), secs)
}

fn id_named(d: &Diagram, name: &str) -> ComponentId {
    d.components().find(|c| c.name == name).map(|c| c.id).unwrap_or_else(|| panic!("no component named {name}"))
}

// ----- Step Functions -----

#[test]
fn saga_compensates_in_reverse_order_when_payment_fails() {
    let d = decouple_lab::lessons::pattern("saga").expect("saga pattern").diagram();
    let sm = id_named(&d, "Book trip (saga)");
    let payment = id_named(&d, "Charge payment");
    let mut sim = Simulation::new(&d).expect("valid");
    sim.set_error_rate(payment, 1.0);
    let sim = checked(sim, 60);
    let counts = sim.component_report(sm).and_then(|r| r.executions).expect("execution counts");
    assert!(counts.started >= 50, "{counts:?}");
    assert_eq!(counts.succeeded, 0, "{counts:?}");
    assert!(counts.failed >= 50, "{counts:?}");
    assert_eq!(counts.caught, counts.failed, "every failure went through ChargePayment's catcher: {counts:?}");
    let done: Vec<_> = sim.executions(sm).into_iter().filter(|e| e.status != ExecutionStatus::Running).collect();
    assert!(!done.is_empty());
    for e in &done {
        assert_eq!(e.state_names(), ["ReserveHotel", "BookFlight", "ChargePayment", "CancelFlight", "CancelHotel", "TripFailed"], "{e:?}");
        assert_eq!(e.catchers(), [("ChargePayment", "CancelFlight")]);
        assert_eq!(e.status, ExecutionStatus::Failed);
        assert_eq!(e.error.as_deref(), Some("TripNotBooked"));
        assert_eq!(e.steps[2].status, StepStatus::Caught);
        assert_eq!(e.steps[2].error.as_deref(), Some("States.TaskFailed"));
    }
    // The compensations really ran: the hotel's one function reserved and then
    // cancelled, twice per failed execution; the flight's cancel once.
    let hotel = sim.component_report(id_named(&d, "Hotel bookings")).expect("report");
    assert!(hotel.processed >= 2 * counts.failed, "{hotel:?}");
    let cancel_flight = sim.component_report(id_named(&d, "Cancel flight")).expect("report");
    assert!(cancel_flight.processed >= counts.failed, "{cancel_flight:?}");
}

#[test]
fn saga_succeeds_without_faults() {
    let d = decouple_lab::lessons::pattern("saga").expect("saga pattern").diagram();
    let sm = id_named(&d, "Book trip (saga)");
    let sim = run(&d, 30);
    let counts = sim.component_report(sm).and_then(|r| r.executions).expect("execution counts");
    assert!(counts.succeeded >= 50, "{counts:?}");
    assert_eq!(counts.failed, 0);
    let e = sim.executions(sm).into_iter().find(|e| e.status == ExecutionStatus::Succeeded).expect("a finished execution");
    assert_eq!(e.state_names(), ["ReserveHotel", "BookFlight", "ChargePayment", "TripBooked"]);
    assert_eq!(sim.component_report(id_named(&d, "Cancel flight")).map(|r| r.received), Some(0));
}

/// A machine with a retried Task, a Choice, a Parallel and a Map.
const FLOW: &str = r#"{
  "StartAt": "Validate",
  "States": {
    "Validate": {"Type": "Task", "Resource": "arn:aws:lambda:::function:v", "ResultPath": null,
                 "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2, "MaxAttempts": 2, "BackoffRate": 3}],
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Rejected"}],
                 "Next": "Kind"},
    "Kind": {"Type": "Choice", "Choices": [{"Variable": "$.kind", "StringEquals": "big", "Next": "Both"}], "Default": "Each"},
    "Both": {"Type": "Parallel", "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 3, "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}
      ], "Next": "Done"},
    "Each": {"Type": "Map", "ItemsPath": "$.lines", "MaxConcurrency": 1,
             "Iterator": {"StartAt": "Line", "States": {"Line": {"Type": "Wait", "Seconds": 1, "End": true}}},
             "Next": "Done"},
    "Rejected": {"Type": "Fail", "Error": "Invalid"},
    "Done": {"Type": "Succeed"}
  }
}"#;

/// Client → state machine `flow` (with `definition`) whose Task state `task_state` calls
/// a function: (diagram, machine, client, function).
fn machine_with_task(definition: &str, payload: &str, task_state: &str) -> (Diagram, ComponentId, ComponentId, ComponentId) {
    let mut d = Diagram::new();
    let c = client(&mut d, 1.0, payload);
    let sm = add(&mut d, ComponentKind::StateMachine, "flow");
    if let Spec::StateMachine(s) = spec(&mut d, sm) {
        s.definition = definition.to_string();
    }
    let f = add(&mut d, ComponentKind::Function, "validator");
    connect(&mut d, c, sm);
    let t = connect(&mut d, sm, f);
    d.connection_mut(t).expect("task").settings.task_state = task_state.into();
    (d, sm, c, f)
}

fn flow(payload: &str, validator_error: f64) -> (Diagram, ComponentId, ComponentId) {
    let (mut d, sm, c, v) = machine_with_task(FLOW, payload, "Validate");
    if let Spec::Function(s) = spec(&mut d, v) {
        s.error_rate = validator_error;
    }
    (d, sm, c)
}

#[test]
fn choice_parallel_map_wait_and_retry() {
    // Big orders: Parallel waits for its slower branch (3 s).
    let (d, sm, _) = flow(r#"{"kind": "big", "lines": [1, 2, 3]}"#, 0.0);
    let sim = run(&d, 10);
    let e = sim.executions(sm).into_iter().find(|e| e.status == ExecutionStatus::Succeeded).expect("done");
    assert_eq!(e.state_names(), ["Validate", "Kind", "Both", "A", "B", "Done"]);
    let both = &e.steps[2];
    let took = both.left_us.expect("left") - both.entered_us;
    assert!((3_000_000..3_100_000).contains(&took), "{took}");
    // Small orders: Map over three lines, one at a time, 1 s each.
    let (d, sm, _) = flow(r#"{"kind": "small", "lines": [1, 2, 3]}"#, 0.0);
    let sim = run(&d, 10);
    let e = sim.executions(sm).into_iter().find(|e| e.status == ExecutionStatus::Succeeded).expect("done");
    assert_eq!(e.state_names(), ["Validate", "Kind", "Each", "Line", "Line", "Line", "Done"]);
    let each = &e.steps[2];
    assert!(each.left_us.expect("left") - each.entered_us >= 3_000_000);
    // A failing validator: retried twice (after 2 s, then 6 s), then caught.
    let (d, sm, _) = flow(r#"{"kind": "big", "lines": []}"#, 1.0);
    let sim = run(&d, 20);
    let e = sim.executions(sm).into_iter().find(|e| e.status != ExecutionStatus::Running).expect("done");
    assert_eq!(e.status, ExecutionStatus::Failed);
    assert_eq!(e.retries, 2);
    assert_eq!(e.steps[0].retries, 2);
    assert_eq!(e.catchers(), [("Validate", "Rejected")]);
    assert_eq!(e.error.as_deref(), Some("Invalid"));
    let ended = e.ended_us.expect("ended") - e.started_us;
    assert!((8_000_000..9_500_000).contains(&ended), "2 s + 6 s of backoff plus three invocations: {ended}");
}

#[test]
fn express_workflow_answers_at_the_end_and_invalid_definitions_fail() {
    let (mut d, sm, c) = flow(r#"{"kind": "big"}"#, 0.0);
    if let Spec::StateMachine(s) = spec(&mut d, sm) {
        s.workflow = WorkflowType::Express;
    }
    if let Spec::Client(s) = spec(&mut d, c) {
        s.waits_for_reply = true;
        s.timeout_ms = 10_000;
    }
    let sim = run(&d, 20);
    let latency = sim.client_latency(c).expect("latencies");
    assert!(latency.p50_ms >= 3_000.0, "the caller waits for the Parallel's 3 s: {latency:?}");
    if let Spec::StateMachine(s) = spec(&mut d, sm) {
        s.definition = r#"{"StartAt": "Nowhere", "States": {}}"#.into();
    }
    let sim = run(&d, 5);
    let counts = sim.component_report(sm).and_then(|r| r.executions).expect("counts");
    assert_eq!(counts.failed, counts.started);
    assert!(counts.started > 0);
}

/// Data flow as AWS runs it: Parameters read the input and the context object, and a
/// path that matches nothing fails the execution with States.Runtime, which a Catch
/// on States.ALL does not catch (the function is never called).
#[test]
fn parameters_read_the_input_and_a_missing_path_is_a_runtime_error() {
    const MACHINE: &str = r#"{
      "StartAt": "Shape",
      "States": {
        "Shape": {"Type": "Pass", "Parameters": {"input.$": "$", "machine.$": "$$.StateMachine.Name"}, "Next": "Charge"},
        "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
                   "Parameters": {"id.$": "$.input.orderId"}, "ResultPath": "$.charge",
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [{"And": [{"Variable": "$.machine", "StringEquals": "flow"}, {"Variable": "$.charge.id", "NumericEquals": 7}], "Next": "Done"}], "Default": "Wrong"},
        "Caught": {"Type": "Fail", "Error": "Caught"},
        "Wrong": {"Type": "Fail", "Error": "Wrong"},
        "Done": {"Type": "Succeed"}
      }
    }"#;
    let build = |payload: &str| {
        let (d, sm, _, f) = machine_with_task(MACHINE, payload, "Charge");
        (d, sm, f)
    };
    let (d, sm, f) = build(r#"{"orderId": 7}"#);
    let sim = run(&d, 5);
    let done = sim.executions(sm);
    assert!(!done.is_empty());
    assert!(done.iter().filter(|e| e.status != ExecutionStatus::Running).all(|e| e.status == ExecutionStatus::Succeeded), "{done:?}");
    let (d, sm, f2) = build(r#"{"order": 7}"#);
    let sim2 = run(&d, 5);
    let failed = sim2.executions(sm);
    assert!(!failed.is_empty());
    for e in failed.iter().filter(|e| e.status != ExecutionStatus::Running) {
        assert_eq!(e.status, ExecutionStatus::Failed);
        assert_eq!(e.error.as_deref(), Some("States.Runtime"), "{e:?}");
        assert!(e.cause.as_deref().unwrap_or_default().contains("$.input.orderId"), "{:?}", e.cause);
        assert_eq!(e.state_names(), ["Shape", "Charge"], "the Catch on States.ALL does not catch it");
    }
    let invoked = |s: &Simulation, f| s.component_report(f).map_or(0, |r| r.received);
    assert!(invoked(&sim, f) > 0);
    assert_eq!(invoked(&sim2, f2), 0);
}

// ----- EventBridge -----

fn bus_to_function(max_retry_attempts: u32) -> (Diagram, ComponentId, ComponentId, ComponentId, ComponentId) {
    let mut d = Diagram::new();
    let c = client(&mut d, 2.0, r#"{"source": "shop", "detail-type": "OrderPlaced"}"#);
    let bus = add(&mut d, ComponentKind::EventBus, "events");
    let f = add(&mut d, ComponentKind::Function, "handler");
    let dlq = add(&mut d, ComponentKind::Queue, "rule-dlq");
    connect(&mut d, c, bus);
    let rule = connect(&mut d, bus, f);
    let s = &mut d.connection_mut(rule).expect("rule").settings;
    s.pattern = r#"{"source": ["shop"]}"#.into();
    s.max_retry_attempts = max_retry_attempts;
    s.dead_letter_queue = Some(dlq);
    (d, c, bus, f, dlq)
}

#[test]
fn rule_retries_a_down_target_then_dead_letters() {
    let (mut d, _, bus, f, dlq) = bus_to_function(3);
    d.component_mut(f).expect("f").faults.down = true;
    let sim = run(&d, 60);
    let books = sim.books();
    let bus_report = sim.component_report(bus).expect("bus");
    // Three retries (1, 2, 4 s, jittered down to half) then the DLQ: everything older than 7 s is there.
    assert!(books.dead_lettered >= 100, "{books:?}");
    assert_eq!(books.failed, 0, "nothing is lost: {books:?}");
    assert_eq!(bus_report.dead_lettered, books.dead_lettered);
    assert!(bus_report.retries >= 3 * books.dead_lettered, "three retries each: {bus_report:?}");
    assert_eq!(sim.component_report(dlq).map(|r| r.depth), Some(books.dead_lettered as u32));
    assert_eq!(sim.component_report(f).map(|r| r.processed), Some(0));
}

#[test]
fn rule_delivers_after_an_outage_with_default_retries() {
    let (mut d, _, bus, f, _) = bus_to_function(185);
    d.component_mut(f).expect("f").faults.down_window = Some(Window { from_s: 5.0, to_s: 45.0 });
    let sim = run(&d, 400);
    let books = sim.books();
    assert_eq!(books.dead_lettered, 0, "{books:?}");
    assert_eq!(books.failed, 0, "{books:?}");
    let bus_report = sim.component_report(bus).expect("bus");
    assert!(bus_report.retries > 80, "{bus_report:?}");
    let fr = sim.component_report(f).expect("f");
    assert!(fr.processed >= 790, "every event arrives once the function is back: {fr:?}");
}

#[test]
fn rule_gives_up_at_the_maximum_event_age() {
    let (mut d, _, bus, f, _) = bus_to_function(185);
    d.component_mut(f).expect("f").faults.down = true;
    let rule = d.connections().find(|c| c.from == bus).map(|c| c.id).expect("rule");
    let s = &mut d.connection_mut(rule).expect("rule").settings;
    s.max_event_age_s = 60;
    s.dead_letter_queue = None;
    let sim = run(&d, 200);
    let books = sim.books();
    assert!(books.failed >= 250, "events older than a minute are dropped: {books:?}");
    assert!(books.in_flight <= 130, "{books:?}");
    assert_eq!(sim.component_report(bus).map(|r| r.errors), Some(books.failed));
}

// ----- SNS -----

#[test]
fn topic_fans_out_and_filters() {
    let mut d = Diagram::new();
    let c = client(&mut d, 10.0, r#"{"type": "{{pick order refund}}", "n": {{seq}}}"#);
    let topic = add(&mut d, ComponentKind::Topic, "orders");
    connect(&mut d, c, topic);
    let all: Vec<ComponentId> = (0..3).map(|i| add(&mut d, ComponentKind::Queue, &format!("copy-{i}"))).collect();
    for &q in &all {
        connect(&mut d, topic, q);
    }
    let refunds = add(&mut d, ComponentKind::Queue, "refunds");
    let sub = connect(&mut d, topic, refunds);
    let settings = &mut d.connection_mut(sub).expect("sub").settings;
    settings.filter_policy = r#"{"type": ["refund"]}"#.into();
    settings.filter_policy_scope = decouple_lab::model::FilterPolicyScope::MessageBody;
    let sim = run(&d, 100);
    let sent = sim.component_report(c).map(|r| r.client.map(|c| c.sent).unwrap_or(0)).unwrap_or(0);
    let sent = if sent > 0 { sent } else { sim.component_report(topic).map(|r| r.received).unwrap_or(0) };
    assert!(sent >= 990, "{sent}");
    for &q in &all {
        assert_eq!(sim.component_report(q).map(|r| r.received), Some(sent), "each subscriber gets every message");
    }
    let share = sim.component_report(refunds).map(|r| r.received).unwrap_or(0);
    assert!(share > sent * 4 / 10 && share < sent * 6 / 10, "the filtered subscriber gets its half: {share} of {sent}");
}

#[test]
fn topic_retries_an_unavailable_subscriber_then_dead_letters() {
    let mut d = Diagram::new();
    let c = client(&mut d, 1.0, r#"{"type": "order"}"#);
    let topic = add(&mut d, ComponentKind::Topic, "orders");
    let web = add(&mut d, ComponentKind::Service, "webhook");
    let f = add(&mut d, ComponentKind::Function, "mailer");
    let dlq = add(&mut d, ComponentKind::Queue, "webhook-dlq");
    connect(&mut d, c, topic);
    let sub = connect(&mut d, topic, web);
    connect(&mut d, topic, f);
    d.connection_mut(sub).expect("sub").settings.dead_letter_queue = Some(dlq);
    d.component_mut(web).expect("web").faults.down = true;
    d.component_mut(f).expect("f").faults.down_window = Some(Window { from_s: 0.0, to_s: 30.0 });
    let sim = run(&d, 120);
    let books = sim.books();
    // HTTP: three retries 20 s apart, then the DLQ (every message older than 60 s).
    let dead = sim.component_report(dlq).map(|r| r.depth).unwrap_or(0);
    assert!((55..=62).contains(&dead), "{dead} {books:?}");
    assert_eq!(u64::from(dead), books.dead_lettered);
    // The function was down for 30 s: SNS kept retrying, and everything arrived.
    let fr = sim.component_report(f).expect("f");
    assert!(fr.processed >= 118, "{fr:?}");
    assert_eq!(books.failed, 0, "{books:?}");
    let topic_report = sim.component_report(topic).expect("topic");
    assert!(topic_report.retries > 100, "{topic_report:?}");
}

#[test]
fn topic_to_an_erroring_http_service_retries() {
    let mut d = Diagram::new();
    let c = client(&mut d, 1.0, r#"{"type": "order"}"#);
    let topic = add(&mut d, ComponentKind::Topic, "orders");
    let web = add(&mut d, ComponentKind::Service, "webhook");
    if let Spec::Service(s) = spec(&mut d, web) {
        s.error_rate = 0.5;
    }
    connect(&mut d, c, topic);
    connect(&mut d, topic, web);
    let sim = run(&d, 200);
    let books = sim.books();
    let topic_report = sim.component_report(topic).expect("topic");
    assert!(topic_report.retries > 50, "{topic_report:?}");
    // 1 in 16 fails all four tries and, with no DLQ, is lost.
    let lost = topic_report.errors;
    assert!((2..=30).contains(&lost), "{lost} {books:?}");
}

// ----- Kinesis -----

fn stream_pipeline(rate: f64, payload: &str, shards: u32) -> (Diagram, ComponentId, ComponentId, ComponentId, ComponentId) {
    let mut d = Diagram::new();
    let c = client(&mut d, rate, payload);
    let s = add(&mut d, ComponentKind::Stream, "telemetry");
    if let Spec::Stream(st) = spec(&mut d, s) {
        st.shards = shards;
        st.partition_key_field = "deviceId".into();
    }
    let f = add(&mut d, ComponentKind::Function, "consumer");
    let out = add(&mut d, ComponentKind::Queue, "out");
    connect(&mut d, c, s);
    let esm = connect(&mut d, s, f);
    d.connection_mut(esm).expect("esm").settings.batch_size = 50;
    connect(&mut d, f, out);
    (d, c, s, f, out)
}

#[test]
fn records_keep_their_order_per_shard_under_load() {
    let (mut d, _, s, f, out) = stream_pipeline(400.0, r#"{"deviceId": "d{{int 1 12}}", "n": {{seq}}}"#, 3);
    if let Spec::Function(fs) = spec(&mut d, f) {
        fs.duration_ms = 400;
        fs.error_rate = 0.002;
    }
    let mut sim = Simulation::with_options(&d, SimOptions { seed: 3, ..SimOptions::default() }).expect("valid");
    let mut last: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let mut per_shard_last: Vec<u64> = vec![0; 3];
    let mut delivered = std::collections::HashSet::new();
    let mut seen = 0;
    for step in 1..=60u64 {
        sim.advance_until(step * 1_000_000);
        for hop in sim.drain_trace() {
            if hop.from != f || hop.to != out || hop.outcome != HopOutcome::Delivered {
                continue;
            }
            let text = sim.payload(hop.message).expect("the record waits in the out queue");
            let v: serde_json::Value = serde_json::from_str(&text).expect("json");
            let key = v["deviceId"].as_str().expect("key").to_string();
            let n = v["n"].as_u64().expect("n");
            let shard = shard_for(&key, 3) as usize;
            if !delivered.insert(n) {
                // A failed batch is retried whole: its good records are sent again
                // (AWS's duplicate side effects); only a record already sent may repeat.
                continue;
            }
            assert!(n > per_shard_last[shard], "shard {shard}: record {n} after {}", per_shard_last[shard]);
            per_shard_last[shard] = n;
            let prev = last.insert(key.clone(), n).unwrap_or(0);
            assert!(n > prev, "{key}: {n} after {prev}");
            seen += 1;
        }
    }
    assert!(seen > 10_000, "{seen}");
    let report = sim.component_report(s).expect("stream");
    assert!(report.depth > 100, "a backlog built up: {report:?}");
    assert!(sim.books().balanced());
}

#[test]
fn a_hot_partition_key_throttles_one_shard_while_others_flow() {
    let payload = r#"{"deviceId": "{{pick hot hot hot hot hot hot k1 k2 k3 k4 k5 k6 k7 k8}}"}"#;
    let (d, _, s, _, _) = stream_pipeline(3_000.0, payload, 4);
    let sim = run(&d, 20);
    let shards = sim.component_report(s).and_then(|r| r.shards).expect("shards");
    let hot = shard_for("hot", 4) as usize;
    assert!(shards[hot].throttled > 10_000, "{shards:?}");
    assert!(shards[hot].accepted <= 20 * 1_000 + 1_000, "the hot shard takes at most 1,000 records a second: {shards:?}");
    let cold: Vec<_> = shards.iter().filter(|sh| sh.shard as usize != hot && sh.accepted > 0).collect();
    assert!(!cold.is_empty());
    for sh in cold {
        assert_eq!(sh.throttled, 0, "{shards:?}");
    }
    let books = sim.books();
    assert!(books.throttled > 5_000, "writes the SDK gave up on: {books:?}");
    let report = sim.component_report(s).expect("stream");
    assert!(report.retries > 10_000 && report.throttles >= report.retries, "{report:?}");
}

#[test]
fn bisect_on_error_lets_the_good_records_of_a_failing_batch_through() {
    let processed = |bisect: bool| {
        let (mut d, c, s, f, out) = stream_pipeline(20.0, r#"{"deviceId": "one", "n": {{seq}}}"#, 1);
        if let Spec::Function(fs) = spec(&mut d, f) {
            fs.duration_ms = 1_000;
        }
        let esm = d.connections().find(|x| x.from == s).map(|x| x.id).expect("esm");
        d.connection_mut(esm).expect("esm").settings.batch_size = 40;
        d.connection_mut(esm).expect("esm").settings.bisect_on_error = bisect;
        let mut sim = Simulation::new(&d).expect("valid");
        sim.run_for(10_300_000);
        sim.inject_poison(c);
        let _ = sim.drain_trace();
        let mut sim = checked(sim, 50);
        // Distinct records: a retried batch sends its good records again (the copy
        // keeps the record's id), which is not more records through.
        let hops: Vec<_> = sim.drain_trace().into_iter().filter(|h| h.to == out && h.outcome == HopOutcome::Delivered).collect();
        let distinct = hops.iter().map(|h| h.message).collect::<std::collections::HashSet<_>>().len() as u64;
        let sends = hops.len() as u64;
        let waiting = sim.component_report(s).map(|r| r.depth).unwrap_or(0);
        (distinct, sends, waiting)
    };
    let (plain, plain_sends, plain_waiting) = processed(false);
    let (split, split_sends, split_waiting) = processed(true);
    // Either way the poison record blocks the shard (retries until it expires). The
    // handler writes the good records before it on every attempt; bisecting
    // checkpoints them, so they are not written again and again.
    assert!(plain_waiting > 500 && split_waiting > 500, "{plain_waiting} {split_waiting}");
    assert!(split >= plain, "{split} vs {plain}");
    assert!(plain_sends > 10 * plain, "without bisect the good records are written each retry: {plain_sends} sends of {plain}");
    assert!(split_sends < 3 * split, "bisected, they are written about once: {split_sends} sends of {split}");
}

// ----- the saga exercise uses the simulated run -----

#[test]
fn the_saga_check_watches_the_compensations_run() {
    let ex = decouple_lab::lessons::exercise("saga").expect("saga exercise");
    let d = ex.solution();
    let v = ex.check(&d);
    let f = v.finding("compensate-step-3").expect("step 3 failing was run");
    assert!(f.passed, "{}", v.render(decouple_lab::lessons::Lang::En));
    assert!(f.message.en.contains("CancelFlight") && f.message.en.contains("CancelHotel"), "{}", f.message.en);
    // A compensation that is down: its retries outlast the run, nothing is undone in time.
    let mut d = ex.solution();
    let cancel = id_named(&d, "Cancel flight");
    d.component_mut(cancel).expect("c").faults.down = true;
    let v = ex.check(&d);
    let f = v.finding("compensate-step-3").expect("step 3 failing was run");
    assert!(!f.passed, "{}", v.render(decouple_lab::lessons::Lang::En));
}

// ----- robustness: executions under live faults keep the books -----

#[test]
fn executions_under_random_faults_keep_the_books() {
    let base = decouple_lab::lessons::pattern("saga").expect("saga").diagram();
    let (flow_d, _, _) = flow(r#"{"kind": "{{pick big small}}", "lines": [1, 2, 3, 4]}"#, 0.3);
    for (i, d) in [base, flow_d].iter().enumerate() {
        for seed in 0..6u64 {
            let mut sim = Simulation::with_options(d, SimOptions { seed, max_live_messages: 5_000, ..SimOptions::default() }).expect("valid");
            let ids: Vec<ComponentId> = d.components().map(|c| c.id).collect();
            let mut t = 0;
            while t < 60_000_000 {
                t += 900_000;
                sim.advance_until(t);
                assert!(sim.books().balanced(), "{i}/{seed} at {t}: {:?}", sim.books());
                sim.audit().unwrap_or_else(|e| panic!("{i}/{seed} at {t}: {e}"));
                let k = (t / 900_000) as usize;
                let target = ids[(k + seed as usize) % ids.len()];
                match k % 5 {
                    0 => {
                        sim.set_down(target, k % 2 == 0);
                    }
                    1 => {
                        sim.set_error_rate(target, 0.5);
                    }
                    2 => {
                        sim.inject_poison(target);
                    }
                    3 => {
                        sim.spike(target, 10.0, 3.0);
                    }
                    _ => {
                        sim.set_latency_multiplier(target, 20.0);
                    }
                }
            }
            for sm in d.components().filter(|c| c.kind() == ComponentKind::StateMachine) {
                let c = sim.component_report(sm.id).and_then(|r| r.executions).expect("counts");
                assert_eq!(c.started, c.succeeded + c.failed + c.timed_out + c.running, "{c:?}");
                assert!(sim.executions(sm.id).len() <= 48);
            }
        }
    }
}
