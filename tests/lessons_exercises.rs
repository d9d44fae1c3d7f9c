//! Each exercise's reference solution passes its check, and broken variants fail it
//! with the reason a learner needs.

use decouple_lab::lessons::{exercise, exercises, Lang, Verdict};
use decouple_lab::model::spec::{Integration, NotificationChannel, Spec};
use decouple_lab::model::{ComponentId, ComponentKind, ConnectionKind, Diagram, FilterPolicyScope, Point};
use decouple_lab::share;

fn id_of(d: &Diagram, name: &str) -> ComponentId {
    d.components().find(|c| c.name == name).unwrap_or_else(|| panic!("no component {name}")).id
}

fn solution(id: &str) -> Diagram {
    exercise(id).expect("exercise").solution()
}

fn check(id: &str, d: &Diagram) -> Verdict {
    exercise(id).expect("exercise").check(d)
}

/// The verdict fails, and the finding `code` is among the failures; returns its English text.
fn fails_on(v: &Verdict, code: &str) -> String {
    assert!(!v.passed, "expected a failure on {code}: {}", v.render(Lang::En));
    let f = v.failures().find(|f| f.code == code).unwrap_or_else(|| panic!("no failed {code}: {}", v.render(Lang::En)));
    assert!(!f.message.vi.is_empty() && f.message.vi != f.message.en);
    f.message.en.clone()
}

fn spec_mut<'a>(d: &'a mut Diagram, name: &str) -> &'a mut Spec {
    let id = id_of(d, name);
    &mut d.component_mut(id).expect("component").spec
}

fn remove(d: &mut Diagram, name: &str) {
    let id = id_of(d, name);
    d.remove_component(id).expect("removed");
}

fn disconnect(d: &mut Diagram, from: &str, to: &str) {
    let (a, b) = (id_of(d, from), id_of(d, to));
    let c = d.outgoing(a).find(|c| c.to == b).map(|c| c.id).expect("connected");
    d.remove_connection(c).expect("removed");
}

#[test]
fn five_exercises_with_goals_and_hints_in_both_languages() {
    let ids: Vec<&str> = exercises().iter().map(|e| e.id).collect();
    assert_eq!(ids, ["pipeline", "fanout", "saga", "async-api", "microservices"]);
    for e in exercises() {
        for lang in Lang::ALL {
            assert!(e.title.get(lang).len() > 5);
            assert!(e.goal.get(lang).len() > 80);
            assert!(!e.hints.is_empty());
        }
    }
}

#[test]
fn every_reference_solution_passes_and_round_trips() {
    for e in exercises() {
        let d = e.solution();
        let v = e.check(&d);
        assert!(v.passed, "{}: {}", e.id, v.render(Lang::En));
        assert!(v.findings.len() >= 4, "{}", e.id);
        let back = share::from_json(&share::to_json(&d)).expect("reads back");
        assert_eq!(back.exercise.as_deref(), Some(e.id));
        assert!(e.check(&back).passed);
    }
}

#[test]
fn an_empty_diagram_fails_every_exercise_with_a_reason() {
    for e in exercises() {
        let v = e.check(&Diagram::new());
        assert!(!v.passed);
        let f = v.failures().next().expect("a failure");
        assert!(f.message.en.len() > 40, "{}: {}", e.id, f.message.en);
    }
}

// ----- 1: pipeline -----

#[test]
fn pipeline_without_a_gateway() {
    let mut d = solution("pipeline");
    remove(&mut d, "Orders API");
    fails_on(&check("pipeline", &d), "gateway");
}

#[test]
fn pipeline_calling_the_function_directly() {
    let mut d = solution("pipeline");
    disconnect(&mut d, "Orders API", "Orders queue");
    disconnect(&mut d, "Orders queue", "Save order");
    let (api, f) = (id_of(&d, "Orders API"), id_of(&d, "Save order"));
    d.connect(api, f).expect("gateway calls the function");
    let why = fails_on(&check("pipeline", &d), "gateway-to-queue");
    assert!(why.contains("directly"), "{why}");
}

#[test]
fn pipeline_with_nobody_reading_the_queue() {
    let mut d = solution("pipeline");
    disconnect(&mut d, "Orders queue", "Save order");
    let why = fails_on(&check("pipeline", &d), "queue-to-function");
    assert!(why.contains("Orders queue"), "{why}");
}

#[test]
fn pipeline_not_saving_orders() {
    let mut d = solution("pipeline");
    remove(&mut d, "Orders table");
    fails_on(&check("pipeline", &d), "function-to-database");
}

#[test]
fn pipeline_with_a_table_too_small_for_the_backlog_loses_nothing() {
    // A throttled write fails the invocation, so the order goes back to the queue and
    // is written later: as in AWS, the queue absorbs the table's limit too.
    let mut d = solution("pipeline");
    if let Spec::Database(s) = spec_mut(&mut d, "Orders table") {
        s.write_capacity_per_s = 5;
    }
    let v = check("pipeline", &d);
    let f = v.finding("no-lost-orders").expect("checked");
    assert!(f.passed, "{}", v.render(decouple_lab::lessons::Lang::En));
    assert!(v.finding("outage-users").expect("checked").passed, "users still see no error");
}

#[test]
fn pipeline_with_a_synchronous_gateway_call_beside_the_queue() {
    let mut d = solution("pipeline");
    let audit = d.add_component(ComponentKind::Function, "Audit", Point { x: 0.0, y: 400.0 });
    let api = id_of(&d, "Orders API");
    let c = d.connect(api, audit).expect("gateway to function");
    d.set_connection_kind(c, ConnectionKind::Call).expect("call");
    let why = fails_on(&check("pipeline", &d), "gateway-to-queue");
    assert!(why.contains("Audit"), "{why}");
}

// ----- 2: fan-out -----

#[test]
fn fanout_without_a_topic() {
    let mut d = solution("fanout");
    remove(&mut d, "OrderPlaced");
    fails_on(&check("fanout", &d), "topic");
}

#[test]
fn fanout_without_e_mail() {
    let mut d = solution("fanout");
    remove(&mut d, "Order e-mail");
    fails_on(&check("fanout", &d), "email-subscriber");
}

#[test]
fn fanout_sending_sms_instead_of_e_mail() {
    let mut d = solution("fanout");
    if let Spec::Notification(s) = spec_mut(&mut d, "Order e-mail") {
        s.channel = NotificationChannel::Sms;
    }
    let why = fails_on(&check("fanout", &d), "email-subscriber");
    assert!(why.contains("SMS"), "{why}");
}

#[test]
fn fanout_queue_nobody_reads() {
    let mut d = solution("fanout");
    remove(&mut d, "Update stock");
    fails_on(&check("fanout", &d), "queue-subscriber");
}

#[test]
fn fanout_without_a_function_subscriber() {
    let mut d = solution("fanout");
    remove(&mut d, "Audit log");
    fails_on(&check("fanout", &d), "function-subscriber");
}

#[test]
fn fanout_filtering_away_most_e_mails() {
    let mut d = solution("fanout");
    let (t, m) = (id_of(&d, "OrderPlaced"), id_of(&d, "Order e-mail"));
    let c = d.outgoing(t).find(|c| c.to == m).map(|c| c.id).expect("subscription");
    let s = &mut d.connection_mut(c).expect("connection").settings;
    s.filter_policy = r#"{"amount": [{"numeric": [">", 450]}]}"#.into();
    s.filter_policy_scope = FilterPolicyScope::MessageBody;
    let why = fails_on(&check("fanout", &d), "every-subscriber");
    assert!(why.contains("filter"), "{why}");
}

// ----- 3: saga -----

fn saga_with(definition: &str) -> Diagram {
    let mut d = solution("saga");
    if let Spec::StateMachine(s) = spec_mut(&mut d, "Book trip (saga)") {
        s.definition = definition.to_string();
    }
    d
}

fn task(name: &str, next: &str, catch: Option<&str>) -> String {
    let catch = catch.map(|c| format!(r#", "Catch": [{{"ErrorEquals": ["States.ALL"], "Next": "{c}"}}]"#)).unwrap_or_default();
    let next = if next.is_empty() { r#""End": true"#.to_string() } else { format!(r#""Next": "{next}""#) };
    format!(r#""{name}": {{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:{name}", {next}{catch}}}"#)
}

fn machine(states: &[String]) -> String {
    format!(r#"{{"StartAt": "ReserveHotel", "States": {{{}, "TripFailed": {{"Type": "Fail"}}}}}}"#, states.join(", "))
}

#[test]
fn saga_without_a_state_machine() {
    let mut d = solution("saga");
    remove(&mut d, "Book trip (saga)");
    fails_on(&check("saga", &d), "state-machine");
}

#[test]
fn saga_with_an_invalid_definition() {
    let d = saga_with(r#"{"StartAt": "ReserveHotel", "States": {"ReserveHotel": {"Type": "Task", "Next": "Nowhere"}}}"#);
    let why = fails_on(&check("saga", &d), "definition");
    assert!(why.contains("not valid"), "{why}");
}

#[test]
fn saga_of_two_steps() {
    let d = saga_with(&machine(&[task("ReserveHotel", "BookFlight", None), task("BookFlight", "", Some("CancelHotel")), task("CancelHotel", "TripFailed", None)]));
    let why = fails_on(&check("saga", &d), "three-steps");
    assert!(why.contains('2'), "{why}");
}

#[test]
fn saga_whose_last_step_catches_nothing() {
    let d = saga_with(&machine(&[
        task("ReserveHotel", "BookFlight", None),
        task("BookFlight", "ChargePayment", Some("CancelHotel")),
        task("ChargePayment", "", None),
        task("CancelHotel", "TripFailed", None),
    ]));
    let why = fails_on(&check("saga", &d), "catch");
    assert!(why.contains("ChargePayment"), "{why}");
}

#[test]
fn saga_that_forgets_to_cancel_the_flight() {
    let d = saga_with(&machine(&[
        task("ReserveHotel", "BookFlight", None),
        task("BookFlight", "ChargePayment", Some("CancelHotel")),
        task("ChargePayment", "", Some("CancelHotel")),
        task("CancelHotel", "TripFailed", None),
    ]));
    let why = fails_on(&check("saga", &d), "compensate-step-3");
    assert!(why.contains("BookFlight") && why.contains("ReserveHotel"), "{why}");
}

#[test]
fn saga_compensating_in_the_wrong_order() {
    let d = saga_with(&machine(&[
        task("ReserveHotel", "BookFlight", None),
        task("BookFlight", "ChargePayment", Some("CancelHotel")),
        task("ChargePayment", "", Some("UndoHotelFirst")),
        task("UndoHotelFirst", "CancelFlight", None),
        task("CancelFlight", "TripFailed", None),
        task("CancelHotel", "TripFailed", None),
    ]));
    // The hotel's function (it also undoes the booking) serves the new state.
    let mut d = d;
    let (sm, hotel) = (id_of(&d, "Book trip (saga)"), id_of(&d, "Hotel bookings"));
    let c = d.connect(sm, hotel).expect("a second task connection");
    d.set_connection_kind(c, ConnectionKind::Task).expect("task");
    d.connection_mut(c).expect("connection").settings.task_state = "UndoHotelFirst".to_string();
    let why = fails_on(&check("saga", &d), "compensate-step-3");
    assert!(why.contains("reverse order"), "{why}");
}

#[test]
fn saga_with_a_step_nobody_runs() {
    let mut d = solution("saga");
    remove(&mut d, "Cancel flight");
    let why = fails_on(&check("saga", &d), "task-connections");
    assert!(why.contains("CancelFlight"), "{why}");
}

// ----- 4: async API -----

#[test]
fn async_api_that_waits_for_the_job() {
    let mut d = solution("async-api");
    disconnect(&mut d, "POST /jobs", "Jobs queue");
    if let Spec::ApiGateway(s) = spec_mut(&mut d, "POST /jobs") {
        s.integration = Integration::SyncProxy;
    }
    remove(&mut d, "GET /jobs/{id}");
    let (g, w) = (id_of(&d, "POST /jobs"), id_of(&d, "Job worker"));
    d.connect(g, w).expect("gateway calls the worker");
    let why = fails_on(&check("async-api", &d), "submit");
    assert!(why.contains("29-second"), "{why}");
}

#[test]
fn async_api_without_polling() {
    let mut d = solution("async-api");
    remove(&mut d, "GET /jobs/{id}");
    fails_on(&check("async-api", &d), "status-endpoint");
}

#[test]
fn async_api_without_a_status_store() {
    let mut d = solution("async-api");
    remove(&mut d, "Job status");
    fails_on(&check("async-api", &d), "status-store");
}

#[test]
fn async_api_whose_worker_times_out() {
    let mut d = solution("async-api");
    if let Spec::Function(s) = spec_mut(&mut d, "Job worker") {
        s.timeout_s = 30;
    }
    let v = check("async-api", &d);
    let why = fails_on(&v, "jobs-finish");
    assert!(why.contains("times out after 30 s"), "{why}");
    assert!(v.finding("submit-fast").expect("checked").passed);
}

// ----- 5: microservices -----

#[test]
fn microservices_sharing_a_database() {
    let mut d = solution("microservices");
    let (pay, orders) = (id_of(&d, "Payment service"), id_of(&d, "Orders DB"));
    d.connect(pay, orders).expect("a second writer");
    let why = fails_on(&check("microservices", &d), "no-shared-database");
    assert!(why.contains("Orders DB") && why.contains("Payment service") && why.contains("Order service"), "{why}");
}

#[test]
fn microservices_with_two_services() {
    let mut d = solution("microservices");
    remove(&mut d, "Payment service");
    fails_on(&check("microservices", &d), "services");
}

#[test]
fn microservices_with_a_service_without_a_database() {
    let mut d = solution("microservices");
    remove(&mut d, "Users DB");
    let why = fails_on(&check("microservices", &d), "own-database");
    assert!(why.contains("User service"), "{why}");
}

#[test]
fn microservices_without_events() {
    let mut d = solution("microservices");
    remove(&mut d, "Event bus (EventBridge)");
    fails_on(&check("microservices", &d), "async-side-effects");
}

#[test]
fn microservices_calling_a_side_effect_synchronously() {
    let mut d = solution("microservices");
    let notify = d.add_component(ComponentKind::Service, "Loyalty service", Point { x: 1064.0, y: 880.0 });
    let (bus, order) = (id_of(&d, "Event bus (EventBridge)"), id_of(&d, "Order service"));
    d.connect(bus, notify).expect("a rule");
    d.connect(order, notify).expect("a synchronous call");
    let why = fails_on(&check("microservices", &d), "side-effects-isolated");
    assert!(why.contains("Loyalty service"), "{why}");
}

#[test]
fn the_check_measures_its_own_traffic_not_the_learners() {
    let mut d = solution("pipeline");
    if let Spec::Client(s) = spec_mut(&mut d, "Shoppers") {
        s.traffic = decouple_lab::model::spec::Traffic::Burst { every_s: 1.0, size: 5_000 };
    }
    let v = check("pipeline", &d);
    assert!(v.passed, "{}", v.render(Lang::En));
    assert!(v.finding("outage-users").expect("simulated").message.en.contains("500 test orders"));
}

#[test]
fn verdicts_read_in_vietnamese_too() {
    let v = check("microservices", &solution("microservices"));
    let vi = v.render(Lang::Vi);
    assert!(vi.contains("Không có database nào bị các service dùng chung."), "{vi}");
    assert!(vi.trim_end().ends_with("mục kiểm tra."), "{vi}");
}

#[test]
fn no_verdict_passes_what_aws_would_refuse_to_create() {
    for e in exercises() {
        let mut d = e.solution();
        // A queue whose visibility timeout is under its function's timeout: AWS refuses
        // the event source mapping.
        let q = d.add_component(ComponentKind::Queue, "Refused queue", Point { x: 0.0, y: 1200.0 });
        let f = d.add_component(ComponentKind::Function, "Refused consumer", Point { x: 300.0, y: 1200.0 });
        if let Some(Spec::Queue(s)) = d.component_mut(q).map(|c| &mut c.spec) {
            s.visibility_timeout_s = 20;
        }
        if let Some(Spec::Function(s)) = d.component_mut(f).map(|c| &mut c.spec) {
            s.timeout_s = 60;
        }
        d.connect(q, f).expect("an event source mapping the editor draws");
        let why = fails_on(&e.check(&d), "aws-refuses");
        assert!(why.contains("Refused queue") && why.contains("visibility timeout"), "{}: {why}", e.id);
    }
}
