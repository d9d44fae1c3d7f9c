//! The corpus's building blocks, shared by `tests/lessons_corpus.rs` (every design,
//! judged natively) and `tests/e2e_lessons.rs` (one wrong design per exercise, judged by
//! the page's Check button): the designs are written once.

#![allow(dead_code)]

use decouple_lab::lessons::build::Builder;
use decouple_lab::lessons::{AsyncApiCode, FanoutCode, FindingCode, MicroservicesCode, PipelineCode, SagaCode};
use decouple_lab::model::spec::{DatabaseEngine, Integration, Spec};
use decouple_lab::model::{ComponentId, ComponentKind as K, ConnectionKind as C, FilterPolicyScope};

/// A wrong design with the finding code a careful instructor would fail it on.
pub struct Wrong {
    pub exercise: String,
    pub what: String,
    pub builder: Builder,
    pub code: &'static str,
}

fn wrong(exercise: &str, what: &str, builder: Builder, code: impl FindingCode) -> Wrong {
    Wrong { exercise: exercise.to_string(), what: what.to_string(), builder, code: code.as_str() }
}

pub fn set_vt(b: &mut Builder, q: ComponentId, secs: u32) {
    if let Spec::Queue(s) = b.spec(q) {
        s.visibility_timeout_s = secs;
    }
}

/// users → gateway (async) → queue → function → table; the function's timeout and the
/// queue's visibility timeout as given.
pub fn pipeline(timeout_s: u32, visibility_s: u32, engine: DatabaseEngine) -> (Builder, [ComponentId; 5]) {
    let mut b = Builder::new();
    let users = b.client("Customers", 0.0, 0.0, 5.0, true, "");
    let api = b.gateway("POST /orders", 1.0, 0.0, Integration::Async);
    let q = b.queue("Incoming orders", 2.0, 0.0, timeout_s);
    set_vt(&mut b, q, visibility_s);
    let f = b.function("Order writer", 3.0, 0.0, 80, timeout_s);
    let db = b.database("Orders", 4.0, 0.0, engine, false);
    b.link(users, api);
    b.link(api, q);
    b.link(q, f);
    b.link(f, db);
    (b, [users, api, q, f, db])
}

/// users → gateway → publisher function → topic; returns the topic.
pub fn fanout_front(b: &mut Builder) -> ComponentId {
    let users = b.client("Buyers", 0.0, 1.0, 5.0, true, "");
    let api = b.gateway("Checkout API", 1.0, 1.0, Integration::SyncProxy);
    let place = b.function("Checkout", 2.0, 1.0, 50, 3);
    let topic = b.add(K::Topic, "orders-topic", 3.0, 1.0);
    b.link(users, api);
    b.link(api, place);
    b.link(place, topic);
    topic
}

/// A queue with a function consumer, a function and an e-mail, subscribed to `topic`.
pub fn three_subscribers(b: &mut Builder, topic: ComponentId) -> [ComponentId; 3] {
    let q = b.queue("Warehouse queue", 4.0, 0.0, 3);
    let pick = b.function("Pick items", 5.0, 0.0, 100, 3);
    let audit = b.function("Audit", 4.0, 1.0, 50, 3);
    let mail = b.add(K::Notification, "Confirmation e-mail", 4.0, 2.0);
    b.link(topic, q);
    b.link(q, pick);
    b.link(topic, audit);
    b.link(topic, mail);
    [q, audit, mail]
}

pub const RETRY: &str = r#""Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2}]"#;

pub fn task(name: &str, next: &str, catch: Option<&str>) -> String {
    let catch = catch.map(|c| format!(r#", "Catch": [{{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "{c}"}}]"#)).unwrap_or_default();
    let next = if next.is_empty() { r#""End": true"#.to_string() } else { format!(r#""Next": "{next}""#) };
    format!(r#""{name}": {{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:{name}", "ResultPath": "$.{name}"{catch}, {next}}}"#)
}

pub fn undo(name: &str, next: &str) -> String {
    format!(r#""{name}": {{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:{name}", "ResultPath": null, {RETRY}, "Next": "{next}"}}"#)
}

pub fn definition(start: &str, states: &[String]) -> String {
    format!(r#"{{"StartAt": "{start}", "States": {{{}, "Failed": {{"Type": "Fail", "Error": "SagaFailed"}}, "Done": {{"Type": "Succeed"}}}}}}"#, states.join(", "))
}

/// A state machine with one function per Task state (or the given function for
/// states listed in `shared`).
pub fn saga(def: &str, states: &[&str], shared: &[(&str, &str)]) -> Builder {
    let mut b = Builder::new();
    let app = b.client("Travel app", 0.0, 1.0, 1.0, true, r#"{"tripId": "{{uuid}}"}"#);
    let sm = b.state_machine("Trip saga", 1.0, 1.0, def);
    b.link(app, sm);
    let mut functions: Vec<(String, ComponentId)> = Vec::new();
    for (i, state) in states.iter().enumerate() {
        let fname = shared.iter().find(|(s, _)| s == state).map(|(_, f)| f.to_string()).unwrap_or_else(|| state.to_string());
        let f = match functions.iter().find(|(n, _)| *n == fname) {
            Some((_, f)) => *f,
            None => {
                let f = b.function(&fname, 2.0, i as f64, 100, 5);
                functions.push((fname, f));
                f
            }
        };
        b.task(sm, f, state);
    }
    b
}

pub fn lesson_saga() -> (String, Vec<&'static str>) {
    let def = definition("Hotel", &[
        task("Hotel", "Flight", Some("Failed")),
        task("Flight", "Payment", Some("UndoHotel")),
        task("Payment", "Done", Some("UndoFlight")),
        undo("UndoFlight", "UndoHotel"),
        undo("UndoHotel", "Failed"),
    ]);
    (def, vec!["Hotel", "Flight", "Payment", "UndoFlight", "UndoHotel"])
}

/// Submit side: `gateway (async) → queue`, or `gateway → function → queue (+ status)`.
/// Worker: a function with this timeout, the queue's visibility timeout six times it.
pub struct AsyncApi {
    pub b: Builder,
    pub queue: ComponentId,
    pub worker: ComponentId,
    pub status: ComponentId,
}

pub fn async_api(submit_via_function: bool, worker_timeout_s: u32) -> AsyncApi {
    let mut b = Builder::new();
    let app = b.client("Mobile app", 0.0, 0.0, 1.0, true, r#"{"jobId": "{{uuid}}"}"#);
    let queue = b.queue("Job queue", 3.0, 0.0, worker_timeout_s);
    let status = b.database("Jobs", 5.0, 0.0, DatabaseEngine::DynamoDb, false);
    if submit_via_function {
        let api = b.gateway("POST /jobs", 1.0, 0.0, Integration::SyncProxy);
        let accept = b.function("Accept job", 2.0, 0.0, 30, 3);
        b.link(app, api);
        b.link(api, accept);
        b.link(accept, queue);
        b.link(accept, status);
    } else {
        let api = b.gateway("POST /jobs", 1.0, 0.0, Integration::Async);
        b.link(app, api);
        b.link(api, queue);
    }
    let worker = b.function("Render", 4.0, 0.0, 30_000, worker_timeout_s);
    b.link(queue, worker);
    b.link(worker, status);
    AsyncApi { b, queue, worker, status }
}

/// GET /jobs/{id}: a gateway calling a reader with a Read connection to the status.
pub fn status_endpoint(b: &mut Builder, status: ComponentId, reader_kind: K) {
    let poll = b.client("Mobile app polling", 0.0, 2.0, 2.0, true, r#"{"jobId": "{{uuid}}"}"#);
    let get = b.gateway("GET /jobs/{id}", 1.0, 2.0, Integration::SyncProxy);
    let reader = match reader_kind {
        K::Service => b.service("Status service", 2.0, 2.0, 50, 10),
        _ => b.function("Read status", 2.0, 2.0, 20, 3),
    };
    b.link(poll, get);
    b.link(get, reader);
    b.link_as(reader, status, C::Read);
}

pub const EVENT: &str = r#"{"source": "shop", "detail-type": "{{pick OrderPlaced UserSignedUp}}", "detail": {"id": "{{uuid}}"}}"#;

/// users → gateway → `n` services, each with its own table; returns the services.
pub fn micro_front(b: &mut Builder, n: usize, kind: K) -> Vec<ComponentId> {
    let users = b.client("Shoppers", 0.0, 1.0, 10.0, true, EVENT);
    let api = b.gateway("Shop API", 1.0, 1.0, Integration::SyncProxy);
    b.link(users, api);
    let names = ["Accounts", "Orders", "Payments", "Catalogue"];
    (0..n)
        .map(|i| {
            let row = i as f64;
            let s = match kind {
                K::Function => b.function(names[i], 2.0, row, 50, 3),
                _ => b.service(names[i], 2.0, row, 20, 50),
            };
            let db = b.database(&format!("{} table", names[i]), 3.0, row, DatabaseEngine::DynamoDb, false);
            b.link(api, s);
            b.link(s, db);
            s
        })
        .collect()
}

/// An event bus the services publish to, feeding a mailer (function → SES) and a
/// search indexer.
pub fn micro_bus(b: &mut Builder, services: &[ComponentId]) {
    let bus = b.add(K::EventBus, "Shop events", 3.0, 4.0);
    for s in services {
        b.link(*s, bus);
    }
    let mailer = b.function("Mailer", 4.0, 4.0, 100, 3);
    let ses = b.add(K::Notification, "SES", 5.0, 4.0);
    let indexer = b.function("Indexer", 4.0, 5.0, 100, 3);
    let index = b.add(K::SearchIndex, "Search", 5.0, 5.0);
    b.rule(bus, mailer, r#"{"source": ["shop"]}"#);
    b.rule(bus, indexer, r#"{"source": ["shop"]}"#);
    b.link(mailer, ses);
    b.link(indexer, index);
}

// ----- one wrong design per exercise, judged in the page too -----

pub fn pipeline_dlq_after_one_receive() -> Wrong {
    let (mut b, [_, _, q, _, _]) = pipeline(10, 60, DatabaseEngine::DynamoDb);
    let dlq = b.queue("Orders DLQ", 2.0, 1.0, 10);
    b.redrive(q, dlq, 1);
    wrong("pipeline", "a DLQ after one receive: orders tried during the outage are given up", b, PipelineCode::NoLostOrders)
}

pub fn fanout_filter_drops_most_emails() -> Wrong {
    let mut b = Builder::new();
    let t = fanout_front(&mut b);
    let [_, _, mail] = three_subscribers(&mut b, t);
    let mut d = std::mem::take(&mut b.d);
    let conn = d.incoming(mail).find(|c| c.from == t).map(|c| c.id).expect("subscription");
    if let Some(c) = d.connection_mut(conn) {
        c.settings.filter_policy = r#"{"amount": [{"numeric": [">", 490]}]}"#.to_string();
        c.settings.filter_policy_scope = FilterPolicyScope::MessageBody;
    }
    b.d = d;
    wrong("fanout", "a filter policy that drops most e-mails", b, FanoutCode::EverySubscriber)
}

pub fn saga_compensations_in_the_wrong_order() -> Wrong {
    let def = definition("Hotel", &[
        task("Hotel", "Flight", Some("Failed")),
        task("Flight", "Payment", Some("UndoHotel")),
        task("Payment", "Done", Some("UndoHotelFirst")),
        undo("UndoHotelFirst", "UndoFlightLast"),
        undo("UndoFlightLast", "Failed"),
        undo("UndoHotel", "Failed"),
    ]);
    let states = ["Hotel", "Flight", "Payment", "UndoHotelFirst", "UndoFlightLast", "UndoHotel"];
    let shared = [("UndoHotelFirst", "Cancel hotel"), ("UndoHotel", "Cancel hotel"), ("UndoFlightLast", "Cancel flight")];
    wrong("saga", "compensations in the wrong order", saga(&def, &states, &shared), SagaCode::CompensateStep3)
}

pub fn async_api_worker_times_out() -> Wrong {
    let mut a = async_api(false, 30);
    status_endpoint(&mut a.b, a.status, K::Function);
    wrong("async-api", "the worker times out before the job is done", a.b, AsyncApiCode::JobsFinish)
}

pub fn microservices_ses_called_synchronously() -> Wrong {
    let mut b = Builder::new();
    let s = micro_front(&mut b, 3, K::Service);
    micro_bus(&mut b, &s);
    let ses = b.add(K::Notification, "SES (direct)", 4.0, 1.0);
    b.link(s[1], ses);
    wrong("microservices", "SES called synchronously by a service", b, MicroservicesCode::SideEffectsIsolated)
}

/// One wrong design per exercise, in the lesson's order.
pub fn one_wrong_design_per_exercise() -> [Wrong; 5] {
    [
        pipeline_dlq_after_one_receive(),
        fanout_filter_drops_most_emails(),
        saga_compensations_in_the_wrong_order(),
        async_api_worker_times_out(),
        microservices_ses_called_synchronously(),
    ]
}
