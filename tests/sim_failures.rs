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

/// Ten messages at once from a client that does not wait.
fn ten_at_once(b: &mut Builder) -> ComponentId {
    let c = b.client("producer", 0.0, 0.0, 1.0, false, "");
    if let Spec::Client(s) = b.spec(c) {
        s.traffic = decouple_lab::model::spec::Traffic::Burst { every_s: 10_000.0, size: 10 };
    }
    c
}

/// Ten messages at once -> queue `in` (maxReceiveCount 3, DLQ `in-dlq`) -> function
/// `worker` -> queue `out`.
struct Chain {
    client: ComponentId,
    f: ComponentId,
    dlq: ComponentId,
    out: ComponentId,
    esm: decouple_lab::model::ConnectionId,
}

fn ten_through_a_worker(b: &mut Builder) -> Chain {
    let client = ten_at_once(b);
    let q = b.queue("in", 1.0, 0.0, 3);
    let dlq = b.queue("in-dlq", 1.0, 1.0, 3);
    let f = b.function("worker", 2.0, 0.0, 100, 3);
    let out = b.queue("out", 3.0, 0.0, 3);
    b.link(client, q);
    b.redrive(q, dlq, 3);
    let esm = b.link(q, f);
    b.link(f, out);
    Chain { client, f, dlq, out, esm }
}

/// The chain above, with `out` down. Returns (function, in-dlq, out).
fn into_a_queue_that_is_down(ignore: bool) -> (Diagram, ComponentId, ComponentId, ComponentId) {
    let mut b = Builder::new();
    let Chain { f, dlq, out, .. } = ten_through_a_worker(&mut b);
    if let Spec::Function(s) = b.spec(f) {
        s.ignore_downstream_failures = ignore;
    }
    let mut d = b.finish().expect("diagram");
    d.component_mut(out).expect("out").faults.down = true;
    (d, f, dlq, out)
}

/// The function's SendMessage throws, the invocation fails, the message returns to
/// `in` after its visibility timeout and reaches `in-dlq` after three receives.
#[test]
fn a_failed_send_fails_the_invocation_and_the_message_reaches_the_dlq() {
    let (d, f, dlq, out) = into_a_queue_that_is_down(false);
    let sim = run(&d, 200);
    let function = report(&sim, f);
    assert_eq!(function.errors, 30, "three failed invocations per message");
    assert_eq!(function.processed, 0);
    assert_eq!(report(&sim, dlq).depth, 10, "all ten reach the DLQ");
    let books = sim.books();
    assert_eq!(books.failed, 0, "nothing is lost: {books:?}");
    assert_eq!(books.dead_lettered, 10);
    assert_eq!(books.returned, 30, "each failed SendMessage went back to the function");
    assert_eq!(report(&sim, out).errors, 30);
}

/// The same code with try/except around the send: the invocations succeed and the
/// ten messages are lost at `out`; the DLQ stays empty.
#[test]
fn a_function_that_ignores_failed_sends_loses_the_messages() {
    let (d, f, dlq, _out) = into_a_queue_that_is_down(true);
    let sim = run(&d, 200);
    assert_eq!(report(&sim, f).processed, 10);
    assert_eq!(report(&sim, f).errors, 0);
    assert_eq!(report(&sim, dlq).depth, 0);
    assert_eq!(sim.books().failed, 10, "{:?}", sim.books());
}

/// A database over its write capacity throttles; after the SDK's retries the write
/// fails, and so does the invocation: the message is received again, not dropped.
#[test]
fn a_throttled_write_fails_the_invocation() {
    let mut b = Builder::new();
    let c = b.client("producer", 0.0, 0.0, 40.0, false, "");
    let q = b.queue("in", 1.0, 0.0, 3);
    let f = b.function("writer", 2.0, 0.0, 20, 3);
    let db = b.database("table", 3.0, 0.0, decouple_lab::model::spec::DatabaseEngine::DynamoDb, false);
    b.link(c, q);
    b.link(q, f);
    b.link(f, db);
    if let Spec::Database(s) = b.spec(db) {
        s.write_capacity_per_s = 10;
    }
    let d = b.finish().expect("diagram");
    let sim = run(&d, 60);
    let function = report(&sim, f);
    assert!(function.errors > 100, "throttled writes fail invocations: {}", function.errors);
    let books = sim.books();
    assert_eq!(books.failed, 0, "{books:?}");
    assert_eq!(books.throttled, 0, "the writes that ran out of retries went back to the function: {books:?}");
    let waiting = report(&sim, q).depth + report(&sim, q).in_flight;
    assert!(waiting > 500, "the backlog waits in the queue: {waiting}");
}

/// PutRecord over a shard's 1,000 records a second: after the SDK's retries the
/// producer sees ProvisionedThroughputExceededException.
#[test]
fn a_kinesis_producer_sees_the_throttles() {
    let mut b = Builder::new();
    let c = b.client("devices", 0.0, 0.0, 2_000.0, false, "");
    let s = b.add(decouple_lab::model::ComponentKind::Stream, "telemetry", 1.0, 0.0);
    b.link(c, s);
    if let Spec::Stream(st) = b.spec(s) {
        st.shards = 1;
    }
    let d = b.finish().expect("diagram");
    let sim = run(&d, 10);
    let client = report(&sim, c).client.expect("client stats");
    let throttled = client.send_errors.iter().find(|e| e.error == "ProvisionedThroughputExceededException").map(|e| e.count);
    let rejected = sim.books().throttled;
    assert!(rejected > 5_000, "{rejected}");
    assert_eq!(throttled, Some(rejected), "every record the stream refused was an error at the producer: {:?}", client.send_errors);
}

/// A Lambda throttle behind an API Gateway proxy integration reaches the client as
/// 500 (AWS: "If the Lambda API rejects the invocation request, API Gateway returns
/// a 500 error code"), not 429.
#[test]
fn a_lambda_throttle_behind_a_proxy_is_a_500() {
    let mut b = Builder::new();
    let c = b.client("users", 0.0, 0.0, 50.0, true, "");
    let g = b.gateway("api", 1.0, 0.0, decouple_lab::model::spec::Integration::SyncProxy);
    let f = b.function("handler", 2.0, 0.0, 500, 3);
    b.link(c, g);
    b.link(g, f);
    if let Spec::Function(s) = b.spec(f) {
        s.concurrency_limit = 2;
    }
    let d = b.finish().expect("diagram");
    let sim = run(&d, 20);
    let client = report(&sim, c).client.expect("client stats");
    assert_eq!(client.throttled_429, 0);
    assert!(client.server_errors > 500, "{}", client.server_errors);
    assert!(report(&sim, f).throttles > 500);
}

/// An Express workflow stops at five minutes with States.Timeout: a Wait of 400 s
/// never ends (AWS: Express workflows run for at most 5 minutes).
#[test]
fn an_express_workflow_stops_at_five_minutes() {
    let mut b = Builder::new();
    let c = b.client("trigger", 0.0, 0.0, 0.1, false, "");
    let sm = b.state_machine(
        "express",
        1.0,
        0.0,
        r#"{"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 400, "End": true}}}"#,
    );
    b.link(c, sm);
    if let Spec::StateMachine(s) = b.spec(sm) {
        s.workflow = decouple_lab::model::spec::WorkflowType::Express;
    }
    let d = b.finish().expect("diagram");
    let sim = run(&d, 900);
    let counts = report(&sim, sm).executions.expect("executions");
    assert_eq!(counts.succeeded, 0, "{counts:?}");
    assert!(counts.timed_out >= 50, "{counts:?}");
}

/// A Task on a function gets what the function returns: its result template.
#[test]
fn a_task_result_is_the_functions_result() {
    let mut b = Builder::new();
    let c = b.client("trigger", 0.0, 0.0, 1.0, false, r#"{"n": 1}"#);
    let sm = b.state_machine(
        "flow",
        1.0,
        0.0,
        r#"{"StartAt": "Score", "States": {
            "Score": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Score", "ResultPath": "$.score", "Next": "High"},
            "High": {"Type": "Choice", "Choices": [{"Variable": "$.score.value", "NumericGreaterThan": 5, "Next": "Yes"}], "Default": "No"},
            "Yes": {"Type": "Succeed"},
            "No": {"Type": "Fail", "Error": "Low"}}}"#,
    );
    let f = b.function("score", 2.0, 0.0, 50, 3);
    b.link(c, sm);
    b.task(sm, f, "Score");
    if let Spec::Function(s) = b.spec(f) {
        s.result = r#"{"value": {{int 6 9}}}"#.into();
    }
    let d = b.finish().expect("diagram");
    let sim = run(&d, 60);
    let counts = report(&sim, sm).executions.expect("executions");
    assert!(counts.succeeded >= 50, "{counts:?}");
    assert_eq!(counts.failed, 0, "{counts:?}");
}

/// A result template that is not JSON, or uses a placeholder the engine does not know,
/// is refused before the run starts, naming the function and the reason, and shows
/// as a warning on the function.
#[test]
fn a_bad_result_template_refuses_the_run() {
    for (template, reason) in [(r#"{"id": "{{order_id}}"}"#, "{{order_id}}"), (r#"{"valid": true"#, "not valid JSON")] {
        let mut b = Builder::new();
        let c = b.client("trigger", 0.0, 0.0, 1.0, false, r#"{"n": 1}"#);
        let f = b.function("score", 2.0, 0.0, 50, 3);
        b.link(c, f);
        if let Spec::Function(s) = b.spec(f) {
            s.result = template.into();
        }
        let mut d = b.finish().expect("diagram");
        let refused = Simulation::new(&d).err().expect("the run refuses to start").to_string();
        assert!(refused.starts_with("score (result)") && refused.contains(reason), "{refused}");
        let warned = decouple_lab::sim::settings::warnings(&d);
        assert!(warned.iter().any(|w| w.component == f && w.message.en.contains(reason)), "{warned:?}");
        if let Some(Spec::Function(s)) = d.component_mut(f).map(|c| &mut c.spec) {
            s.result = r#"{"id": "{{uuid}}", "n": {{seq}}}"#.into();
        }
        assert!(Simulation::new(&d).is_ok(), "a good template runs");
    }
}

/// 10,000 messages waiting, 10 s of work per batch: Lambda's SQS pollers start at
/// five batches at once and add up to 300 a minute, so the queue drains in minutes,
/// not in the 10 s that 1,000 concurrent batches would take.
#[test]
fn sqs_pollers_start_at_five_and_grow_by_300_a_minute() {
    let mut b = Builder::new();
    let c = b.client("backlog", 0.0, 0.0, 1.0, false, "");
    if let Spec::Client(s) = b.spec(c) {
        s.traffic = decouple_lab::model::spec::Traffic::Burst { every_s: 86_400.0, size: 10_000 };
    }
    let q = b.queue("jobs", 1.0, 0.0, 30);
    let f = b.function("worker", 2.0, 0.0, 10_000, 30);
    b.link(c, q);
    let esm = b.link(q, f);
    b.d.connection_mut(esm).expect("mapping").settings.batch_size = 10;
    let d = b.finish().expect("diagram");
    let mut sim = Simulation::with_options(&d, SimOptions { seed: 7, ..SimOptions::default() }).expect("a valid diagram");
    sim.run_for(50_000_000);
    let busy = sim.series(f).iter().map(|s| s.concurrency).max().unwrap_or(0);
    assert!(busy <= 5, "five pollers in the first minute: {busy}");
    assert!(report(&sim, f).processed <= 5 * 10 * 5, "{}", report(&sim, f).processed);
    sim.run_for(130_000_000);
    assert!(sim.books().balanced());
    let left = report(&sim, q).depth + report(&sim, q).in_flight;
    assert_eq!(left, 0, "drained within three minutes");
    let peak = sim.series(f).iter().map(|s| s.concurrency).max().unwrap_or(0);
    assert!((300..=1_000).contains(&peak), "300 more pollers after a minute: {peak}");
}

/// Counters a learner reads: a function fed by a queue shows what it received, and
/// Lambda's asynchronous retries (after 1 and 2 minutes) are counted as retries.
#[test]
fn counters_show_what_a_queue_fed_function_received_and_async_retries() {
    let (d, f, _dlq, _out) = into_a_queue_that_is_down(false);
    let sim = run(&d, 200);
    assert_eq!(report(&sim, f).received, 30, "three receives of ten messages");

    let mut b = Builder::new();
    let c = ten_at_once(&mut b);
    let f = b.function("handler", 1.0, 0.0, 100, 3);
    b.link_as(c, f, decouple_lab::model::ConnectionKind::Invoke);
    let mut d = b.finish().expect("diagram");
    d.component_mut(f).expect("f").faults.error_rate = 1.0;
    let sim = run(&d, 200);
    let r = report(&sim, f);
    assert_eq!(r.retries, 20, "two retries per event: {r:?}");
    assert_eq!(r.errors, 30);
    assert_eq!(sim.books().failed, 10, "no on-failure destination: lost");
}

/// A message moved to a standard queue's DLQ keeps its original enqueue time: with
/// a 2-minute retention on both, it expires in the DLQ 2 minutes after it was first
/// sent, not 2 minutes after the move.
#[test]
fn dlq_retention_counts_from_the_original_enqueue() {
    let mut b = Builder::new();
    let c = ten_at_once(&mut b);
    let q = b.queue("in", 1.0, 0.0, 3);
    let dlq = b.queue("in-dlq", 1.0, 1.0, 3);
    let f = b.function("worker", 2.0, 0.0, 100, 3);
    b.link(c, q);
    b.redrive(q, dlq, 1);
    b.link(q, f);
    for id in [q, dlq] {
        if let Spec::Queue(s) = b.spec(id) {
            s.retention_s = 120;
            s.visibility_timeout_s = 30;
        }
    }
    let mut d = b.finish().expect("diagram");
    d.component_mut(f).expect("f").faults.error_rate = 1.0;
    // Received once at 0 s, back at 30 s, moved to the DLQ at the second receive.
    let sim = run(&d, 100);
    assert_eq!(report(&sim, dlq).depth, 10);
    let sim = run(&d, 125);
    assert_eq!(report(&sim, dlq).depth, 0, "expired 120 s after the first send");
    assert_eq!(sim.books().expired, 10);
}

/// Asynchronous invocations wait in Lambda's queue while the function is at its
/// concurrency limit; with a 60 s maximum event age the ones that waited longer go
/// to the on-failure destination instead of running.
#[test]
fn async_events_past_their_maximum_age_go_to_the_on_failure_destination() {
    let mut b = Builder::new();
    let c = b.client("events", 0.0, 0.0, 10.0, false, "");
    let f = b.function("slow", 1.0, 0.0, 2_000, 3);
    let dest = b.queue("on-failure", 2.0, 1.0, 3);
    b.link_as(c, f, decouple_lab::model::ConnectionKind::Invoke);
    b.link_as(f, dest, decouple_lab::model::ConnectionKind::OnFailure);
    if let Spec::Function(s) = b.spec(f) {
        s.concurrency_limit = 1;
        s.max_event_age_s = 60;
    }
    let d = b.finish().expect("diagram");
    let sim = run(&d, 180);
    let r = report(&sim, f);
    assert!(r.expired > 500, "{r:?}");
    assert!(report(&sim, dest).depth as u64 >= r.expired - 5, "{}", report(&sim, dest).depth);
    assert!(r.processed < 100, "one at a time, 2 s each: {}", r.processed);
}

/// A stream event source mapping honours its batch window: with 2 records a second,
/// a batch size of 100 and a 10 s window, the function gets a batch about every
/// 10 s, instead of one a second (Lambda's polling rate for a caught-up shard).
#[test]
fn a_stream_mapping_waits_out_its_batch_window() {
    let batches = |window_s: u32| {
        let mut b = Builder::new();
        let c = b.client("devices", 0.0, 0.0, 2.0, false, r#"{"deviceId": "d1"}"#);
        let s = b.add(decouple_lab::model::ComponentKind::Stream, "telemetry", 1.0, 0.0);
        let f = b.function("reader", 2.0, 0.0, 50, 3);
        b.link(c, s);
        let esm = b.link(s, f);
        if let Spec::Stream(st) = b.spec(s) {
            st.shards = 1;
        }
        let settings = &mut b.d.connection_mut(esm).expect("mapping").settings;
        settings.batch_size = 100;
        settings.batch_window_s = window_s;
        let d = b.finish().expect("diagram");
        let mut sim = run(&d, 120);
        let starts: std::collections::BTreeSet<u64> =
            sim.drain_trace().iter().filter(|h| h.to == f).map(|h| h.arrive_us).collect();
        (starts.len(), report(&sim, f).received)
    };
    let (without, received) = batches(0);
    let (with, received_with) = batches(10);
    assert!(without >= 100, "a batch a second without a window: {without}");
    assert!((10..=13).contains(&with), "a batch every 10 s: {with}");
    assert!(received >= 230 && received_with >= 220, "{received} {received_with}");
}

/// A database over its write capacity counts each write once in `received`; the
/// SDK's retries of throttled writes count in `retries` (and the throttles in
/// `throttles`), not as new writes.
#[test]
fn a_database_counts_each_write_once() {
    let mut b = Builder::new();
    let c = b.client("events", 0.0, 0.0, 100.0, false, "");
    let f = b.function("writer", 1.0, 0.0, 100, 3);
    let db = b.database("table", 2.0, 0.0, decouple_lab::model::spec::DatabaseEngine::DynamoDb, false);
    b.link_as(c, f, decouple_lab::model::ConnectionKind::Invoke);
    b.link(f, db);
    if let Spec::Function(s) = b.spec(f) {
        // One write per invocation, whatever its outcome (no async retries).
        s.ignore_downstream_failures = true;
    }
    if let Spec::Database(s) = b.spec(db) {
        s.write_capacity_per_s = 10;
    }
    let d = b.finish().expect("diagram");
    let sim = run(&d, 30);
    let (writer, r) = (report(&sim, f), report(&sim, db));
    assert!(r.received <= writer.received && r.received + 300 >= writer.received, "each write arrives once: {r:?} {writer:?}");
    assert!(r.retries > r.received, "most writes are retried several times: {r:?}");
    assert!(r.throttles >= r.retries, "{r:?}");
    assert!(r.processed <= 10 * 31, "{r:?}");
}

/// A batch of ten from a queue (no partial batch response), one of them a poison
/// message: the whole batch fails each time, so nothing counts as processed, the
/// batch is received three times and moves to the DLQ; the nine good messages send
/// their output each time they run (three copies each, as AWS would).
#[test]
fn a_failed_batch_is_not_processed_but_its_good_items_send_each_time() {
    let mut b = Builder::new();
    let Chain { client: c, f, dlq, out, esm } = ten_through_a_worker(&mut b);
    let mut d = b.finish().expect("diagram");
    if let Some(conn) = d.connection_mut(esm) {
        conn.settings.batch_window_s = 1;
    }
    let mut sim = Simulation::with_options(&d, SimOptions { seed: 7, ..SimOptions::default() }).expect("a valid diagram");
    assert!(sim.inject_poison(c));
    sim.run_for(200_000_000);
    assert!(sim.books().balanced());
    let worker = report(&sim, f);
    assert_eq!(worker.received, 30, "the batch of ten, received three times: {worker:?}");
    assert_eq!(worker.processed, 0, "a batch that failed was not processed: {worker:?}");
    assert_eq!(worker.errors, 3, "the poison message failed each time: {worker:?}");
    assert_eq!(report(&sim, dlq).depth, 10);
    assert_eq!(report(&sim, out).received, 27, "the good nine sent their output each time");
}

/// Queue → function at 10 messages a second, the function out for the whole run.
fn outage(how: decouple_lab::model::Outage) -> (Simulation, ComponentId, ComponentId) {
    let mut b = Builder::new();
    let c = b.client("producer", 0.0, 0.0, 10.0, false, "");
    let q = b.queue("orders", 1.0, 0.0, 3);
    let f = b.function("worker", 2.0, 0.0, 100, 3);
    b.link(c, q);
    b.link(q, f);
    let mut d = b.finish().expect("diagram");
    let faults = d.component(f).expect("f").faults.with_outage(how);
    d.component_mut(f).expect("f").faults = faults;
    (run(&d, 20), q, f)
}

/// The two outages a learner can choose for a function behind a queue, as AWS does
/// them: a failing function is still invoked, so its messages are received and hidden
/// (in flight) until their visibility timeout; a function throttled to 0 (reserved
/// concurrency 0) is never invoked, so the messages wait, visible.
#[test]
fn a_failing_function_hides_its_messages_and_a_stopped_one_leaves_them_waiting() {
    use decouple_lab::model::Outage;
    let (sim, q, f) = outage(Outage::Errors);
    let (queue, function) = (report(&sim, q), report(&sim, f));
    assert!(function.errors > 100, "every invocation fails: {}", function.errors);
    assert!(queue.in_flight > 100, "received and hidden: {}", queue.in_flight);
    assert!(queue.depth < 10, "nothing waits visible for long: {}", queue.depth);

    let (sim, q, f) = outage(Outage::Stopped);
    let (queue, function) = (report(&sim, q), report(&sim, f));
    assert_eq!((function.errors, function.received, function.processed), (0, 0, 0), "never invoked");
    assert_eq!(queue.in_flight, 0);
    assert!(queue.depth > 150, "the backlog waits, visible: {}", queue.depth);
}

/// Stopping and restarting a function live: the backlog drains at once on the restart
/// (nothing was received, so nothing is hidden).
#[test]
fn a_stopped_function_drains_its_backlog_when_it_runs_again() {
    use decouple_lab::model::Outage;
    let (mut sim, q, f) = outage(Outage::Running);
    assert!(sim.set_stopped(f, true));
    sim.run_for(20_000_000);
    let waiting = report(&sim, q).depth;
    assert!(waiting > 150, "{waiting}");
    assert!(sim.set_stopped(f, false));
    sim.run_for(3_000_000);
    assert!(report(&sim, q).depth < 10, "drained: {}", report(&sim, q).depth);
    assert!(!sim.set_stopped(ComponentId(999), true));
}
