//! The project's own corpus of answers: for each exercise, designs a learner might draw
//! (right ones in different shapes, names, extra parts and AWS's recommended settings;
//! wrong ones each a real misconception), each with the verdict and the finding code a
//! careful instructor would give. Built with the lesson's own `Builder`.

use decouple_lab::lessons::build::Builder;
use decouple_lab::lessons::{exercise, AsyncApiCode, FanoutCode, FindingCode, Lang, MicroservicesCode, PipelineCode, SagaCode, Verdict};
use decouple_lab::model::spec::{DatabaseEngine, Integration, NotificationChannel, Spec};
use decouple_lab::model::{default_settings, setting_label, ComponentKind as K, ConnectionKind as C, FilterPolicyScope};
use std::collections::BTreeSet;

mod corpus;
use corpus::*;

fn verdict(exercise_id: &str, b: Builder) -> Verdict {
    let d = b.finish().unwrap_or_else(|e| panic!("the corpus diagram builds: {e}"));
    exercise(exercise_id).expect("exercise").check(&d)
}

/// A right design: the verdict passes.
fn right(exercise_id: &str, what: &str, b: Builder) {
    let v = verdict(exercise_id, b);
    assert!(v.passed, "{exercise_id}, right design \"{what}\" failed:\n{}", v.render(Lang::En));
}

/// A wrong design: the verdict fails, and `code` is among the failures.
fn wrong(exercise_id: &str, what: &str, b: Builder, code: impl FindingCode) {
    wrong_design(Wrong { exercise: exercise_id.to_string(), what: what.to_string(), builder: b, code: code.as_str() });
}

fn wrong_design(w: Wrong) {
    let Wrong { exercise: exercise_id, what, builder: b, code } = w;
    let (exercise_id, what) = (exercise_id.as_str(), what.as_str());
    let v = verdict(exercise_id, b);
    assert!(!v.passed, "{exercise_id}, wrong design \"{what}\" passed:\n{}", v.render(Lang::En));
    let f = v.failures().find(|f| f.code == code);
    let f = f.unwrap_or_else(|| panic!("{exercise_id}, wrong design \"{what}\": expected a failed {code}:\n{}", v.render(Lang::En)));
    assert!(!f.message.vi.is_empty() && f.message.vi != f.message.en, "{code}: a sentence in each language");
    for lang in Lang::ALL {
        names_only_labels(f.message.get(lang), lang);
    }
}

fn keys(value: serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::Object(map) => map.into_iter().flat_map(|(k, v)| if k == "traffic" { keys(v) } else { vec![k] }).collect(),
        _ => Vec::new(),
    }
}

/// Every setting label the inspector shows, in `lang`.
fn inspector_labels(lang: Lang) -> BTreeSet<String> {
    let mut all = Vec::new();
    for kind in K::ALL {
        all.extend(keys(serde_json::to_value(Spec::default_for(kind)).expect("json")["settings"].clone()));
    }
    for kind in [C::Rule, C::EventSourceMapping, C::Subscription] {
        all.extend(keys(serde_json::to_value(default_settings(kind, K::EventBus)).expect("json")));
    }
    all.iter().filter_map(|k| setting_label(k)).map(|t| t.get(lang).to_string()).collect()
}

/// A hint or finding names a setting between “ and ”, exactly as the inspector labels
/// it in that language.
fn names_only_labels(text: &str, lang: Lang) {
    let labels = inspector_labels(lang);
    for quoted in text.split('“').skip(1).filter_map(|rest| rest.split('”').next()) {
        assert!(labels.contains(quoted), "“{quoted}” is not a setting the {lang:?} inspector shows: {text}");
    }
}

#[test]
fn hints_name_settings_as_the_inspector_labels_them() {
    let mut named = 0;
    for e in decouple_lab::lessons::exercises() {
        for hint in e.hints {
            for lang in Lang::ALL {
                names_only_labels(hint.get(lang), lang);
                named += hint.get(lang).matches('“').count();
            }
        }
    }
    assert!(named >= 10, "the hints name settings by their labels ({named})");
    // The quiz's feedback names settings the same way.
    for q in decouple_lab::lessons::quiz() {
        for c in q.choices {
            Lang::ALL.iter().for_each(|&lang| names_only_labels(c.feedback.get(lang), lang));
        }
    }
    // The wording the issue found: a Vietnamese hint must not name a setting in English.
    for e in decouple_lab::lessons::exercises() {
        for hint in e.hints {
            for english in ["visibility timeout", "write capacity"] {
                assert!(!hint.vi.contains(english), "{}: {}", e.id, hint.vi);
            }
        }
    }
}

// ----- 1: pipeline -----

#[test]
fn pipeline_right_designs() {
    let ex = "pipeline";
    let (b, _) = pipeline(10, 60, DatabaseEngine::DynamoDb);
    right(ex, "plain, visibility timeout six times the function timeout", b);
    // AWS's advice with a long timeout: redeliveries come 180 s after the outage.
    let (b, _) = pipeline(30, 180, DatabaseEngine::DynamoDb);
    right(ex, "timeout 30 s, visibility timeout 180 s", b);
    // Orders received while the function was down come back only after 900 s.
    let (b, _) = pipeline(150, 900, DatabaseEngine::DynamoDb);
    right(ex, "timeout 150 s, visibility timeout 900 s", b);
    let (b, _) = pipeline(15, 15, DatabaseEngine::DynamoDb);
    right(ex, "visibility timeout equal to the function timeout (AWS's minimum)", b);
    let (mut b, [_, _, q, _, _]) = pipeline(10, 60, DatabaseEngine::DynamoDb);
    let dlq = b.queue("Orders DLQ", 2.0, 1.0, 10);
    b.redrive(q, dlq, 10);
    right(ex, "with a dead-letter queue after ten receives", b);
    let (mut b, [_, _, _, f, _]) = pipeline(10, 60, DatabaseEngine::DynamoDb);
    let topic = b.add(K::Topic, "Order saved", 4.0, 1.0);
    let mail = b.add(K::Notification, "Receipt e-mail", 5.0, 1.0);
    b.link(f, topic);
    b.link(topic, mail);
    right(ex, "extra: the function also publishes a receipt", b);
    let (mut b, [_, _, _, f, db]) = pipeline(10, 60, DatabaseEngine::DynamoDb);
    if let Spec::Function(s) = b.spec(f) {
        s.concurrency_limit = 5;
    }
    if let Spec::Database(s) = b.spec(db) {
        s.write_capacity_per_s = 100;
    }
    right(ex, "concurrency capped at 5, table sized for it", b);
    // A standard queue delivers some orders twice (at-least-once): still none lost.
    let (mut b, [_, _, q, _, _]) = pipeline(10, 60, DatabaseEngine::DynamoDb);
    if let Spec::Queue(s) = b.spec(q) {
        s.duplicate_rate = 0.05;
    }
    right(ex, "a standard queue's duplicate deliveries", b);
}

#[test]
fn pipeline_wrong_designs() {
    let ex = "pipeline";
    let (b, _) = pipeline(10, 60, DatabaseEngine::Aurora);
    wrong(ex, "Aurora instead of DynamoDB", b, PipelineCode::FunctionToDatabase);
    let (b, _) = pipeline(60, 20, DatabaseEngine::DynamoDb);
    wrong(ex, "visibility timeout shorter than the function timeout", b, PipelineCode::Refused);
    let mut b = Builder::new();
    let users = b.client("Customers", 0.0, 0.0, 5.0, true, "");
    let api = b.gateway("POST /orders", 1.0, 0.0, Integration::SyncProxy);
    let f = b.function("Order writer", 2.0, 0.0, 80, 10);
    let db = b.database("Orders", 3.0, 0.0, DatabaseEngine::DynamoDb, false);
    b.link(users, api);
    b.link(api, f);
    b.link(f, db);
    wrong(ex, "synchronous: the gateway calls the function", b, PipelineCode::GatewayToQueue);
    let (mut b, [_, _, q, f, _]) = pipeline(10, 60, DatabaseEngine::DynamoDb);
    let _ = (q, f);
    let w = b.workers("Order workers", 3.0, 1.0, 1, 4, 80);
    b.link(q, w);
    let mut d = b.finish().expect("builds");
    let esm = d.outgoing(q).find(|c| c.to == f).map(|c| c.id).expect("mapping");
    d.remove_connection(esm).expect("removed");
    let v = exercise(ex).expect("exercise").check(&d);
    assert!(v.failures().any(|x| x.code == PipelineCode::QueueToFunction.as_str()), "{}", v.render(Lang::En));
    let (mut b, [_, _, _, _, db]) = pipeline(10, 60, DatabaseEngine::DynamoDb);
    if let Spec::Database(s) = b.spec(db) {
        s.write_capacity_per_s = 1;
    }
    wrong(ex, "a table too small for the backlog after the outage", b, PipelineCode::NoLostOrders);
    wrong_design(corpus::pipeline_dlq_after_one_receive());
    let mut b = Builder::new();
    let users = b.client("Customers", 0.0, 0.0, 5.0, true, "");
    let api = b.gateway("POST /orders", 1.0, 0.0, Integration::Async);
    let q = b.queue("Incoming orders", 2.0, 0.0, 10);
    let f = b.function("Order writer", 3.0, 0.0, 80, 10);
    b.link(users, api);
    b.link(api, q);
    b.link(q, f);
    wrong(ex, "orders never saved", b, PipelineCode::FunctionToDatabase);
}

// ----- 2: fan-out -----

#[test]
fn fanout_right_designs() {
    let ex = "fanout";
    let mut b = Builder::new();
    let t = fanout_front(&mut b);
    three_subscribers(&mut b, t);
    right(ex, "function behind the API publishes", b);
    // The gateway publishes itself (an AWS service integration).
    let mut b = Builder::new();
    let users = b.client("Buyers", 0.0, 1.0, 5.0, true, "");
    let api = b.gateway("Checkout API", 1.0, 1.0, Integration::Async);
    let t = b.add(K::Topic, "orders-topic", 2.0, 1.0);
    b.link(users, api);
    b.link(api, t);
    three_subscribers(&mut b, t);
    right(ex, "the API Gateway publishes to the topic", b);
    // API → SQS → Auto Scaling workers → SNS fan-out.
    let mut b = Builder::new();
    let users = b.client("Buyers", 0.0, 1.0, 5.0, true, "");
    let api = b.gateway("Checkout API", 1.0, 1.0, Integration::Async);
    let inbox = b.queue("Checkout queue", 2.0, 1.0, 30);
    let workers = b.workers("Checkout workers", 3.0, 1.0, 2, 6, 100);
    let t = b.add(K::Topic, "orders-topic", 4.0, 1.0);
    b.link(users, api);
    b.link(api, inbox);
    b.link(inbox, workers);
    b.link(workers, t);
    let q = b.queue("Warehouse queue", 5.0, 0.0, 3);
    let pick = b.workers("Pickers", 6.0, 0.0, 1, 2, 100);
    let audit = b.function("Audit", 5.0, 1.0, 50, 3);
    let mail = b.add(K::Notification, "Confirmation e-mail", 5.0, 2.0);
    b.link(t, q);
    b.link(q, pick);
    b.link(t, audit);
    b.link(t, mail);
    right(ex, "API → SQS → Auto Scaling workers → SNS", b);
    let mut b = Builder::new();
    let users = b.client("Buyers", 0.0, 1.0, 5.0, true, "");
    let api = b.gateway("Checkout API", 1.0, 1.0, Integration::SyncProxy);
    let svc = b.service("Order service", 2.0, 1.0, 50, 30);
    let t = b.add(K::Topic, "orders-topic", 3.0, 1.0);
    b.link(users, api);
    b.link(api, svc);
    b.link(svc, t);
    three_subscribers(&mut b, t);
    let q2 = b.queue("Billing queue", 4.0, 3.0, 3);
    let bill = b.function("Bill", 5.0, 3.0, 100, 3);
    b.link(t, q2);
    b.link(q2, bill);
    right(ex, "a service publishes; an extra queue subscriber", b);
    let mut b = Builder::new();
    let t = fanout_front(&mut b);
    let [q, _, _] = three_subscribers(&mut b, t);
    let dlq = b.queue("Warehouse DLQ", 4.0, 3.0, 3);
    b.redrive(q, dlq, 5);
    let sms = b.add(K::Notification, "Courier SMS", 5.0, 2.0);
    if let Spec::Notification(s) = b.spec(sms) {
        s.channel = NotificationChannel::Sms;
    }
    b.link(t, sms);
    right(ex, "a DLQ behind the queue and an SMS beside the e-mail", b);
    let mut b = Builder::new();
    let t = fanout_front(&mut b);
    let [q, audit, mail] = three_subscribers(&mut b, t);
    for id in [q, audit, mail] {
        let mut d = std::mem::take(&mut b.d);
        let conn = d.incoming(id).find(|c| c.from == t).map(|c| c.id).expect("subscription");
        if let Some(c) = d.connection_mut(conn) {
            c.settings.filter_policy = r#"{"orderId": [{"exists": true}]}"#.to_string();
            c.settings.filter_policy_scope = FilterPolicyScope::MessageBody;
        }
        b.d = d;
    }
    right(ex, "filter policies every order matches", b);
}

#[test]
fn fanout_wrong_designs() {
    let ex = "fanout";
    let mut b = Builder::new();
    let users = b.client("Buyers", 0.0, 1.0, 5.0, false, "");
    let t = b.add(K::Topic, "orders-topic", 1.0, 1.0);
    b.link(users, t);
    three_subscribers(&mut b, t);
    wrong(ex, "the client publishes straight to the topic", b, FanoutCode::Topic);
    let mut b = Builder::new();
    let t = fanout_front(&mut b);
    let [_, _, mail] = three_subscribers(&mut b, t);
    if let Spec::Notification(s) = b.spec(mail) {
        s.channel = NotificationChannel::Sms;
    }
    wrong(ex, "SMS instead of e-mail", b, FanoutCode::EmailSubscriber);
    let mut b = Builder::new();
    let t = fanout_front(&mut b);
    let q = b.queue("Warehouse queue", 4.0, 0.0, 3);
    let audit = b.function("Audit", 4.0, 1.0, 50, 3);
    let mail = b.add(K::Notification, "Confirmation e-mail", 4.0, 2.0);
    b.link(t, q);
    b.link(t, audit);
    b.link(t, mail);
    wrong(ex, "a queue nobody reads", b, FanoutCode::QueueSubscriber);
    let mut b = Builder::new();
    let t = fanout_front(&mut b);
    let q = b.queue("Warehouse queue", 4.0, 0.0, 3);
    let pick = b.function("Pick items", 5.0, 0.0, 100, 3);
    let mail = b.add(K::Notification, "Confirmation e-mail", 4.0, 2.0);
    b.link(t, q);
    b.link(q, pick);
    b.link(t, mail);
    wrong(ex, "the function only behind the queue, not subscribed", b, FanoutCode::FunctionSubscriber);
    wrong_design(corpus::fanout_filter_drops_most_emails());
    // No topic: the function calls each part itself.
    let mut b = Builder::new();
    let users = b.client("Buyers", 0.0, 1.0, 5.0, true, "");
    let api = b.gateway("Checkout API", 1.0, 1.0, Integration::SyncProxy);
    let place = b.function("Checkout", 2.0, 1.0, 50, 3);
    let q = b.queue("Warehouse queue", 3.0, 0.0, 3);
    let pick = b.function("Pick items", 4.0, 0.0, 100, 3);
    let mail = b.add(K::Notification, "Confirmation e-mail", 3.0, 2.0);
    b.link(users, api);
    b.link(api, place);
    b.link(place, q);
    b.link(q, pick);
    b.link(place, mail);
    wrong(ex, "no topic: the function sends to each part itself", b, FanoutCode::Topic);
    let mut b = Builder::new();
    let t = fanout_front(&mut b);
    let q = b.queue("Warehouse queue", 4.0, 0.0, 3);
    let pick = b.function("Pick items", 5.0, 0.0, 100, 3);
    let audit = b.function("Audit", 4.0, 1.0, 50, 3);
    let mail = b.add(K::Notification, "Confirmation e-mail", 5.0, 1.0);
    b.link(t, q);
    b.link(q, pick);
    b.link(t, audit);
    b.link(audit, mail);
    wrong(ex, "the e-mail sent by a subscriber, not subscribed itself", b, FanoutCode::EmailSubscriber);
}

// ----- 3: saga -----

#[test]
fn saga_right_designs() {
    let ex = "saga";
    let (def, states) = lesson_saga();
    right(ex, "one chain of compensations, newest first", saga(&def, &states, &[]));
    let def = definition("A", &[
        task("A", "B", None),
        task("B", "C", Some("RollbackA")),
        task("C", "Done", Some("RollbackB")),
        undo("RollbackB", "RollbackA"),
        undo("RollbackA", "Failed"),
    ]);
    right(ex, "other names, step 1 without a Catch", saga(&def, &["A", "B", "C", "RollbackB", "RollbackA"], &[]));
    // Separate chains per failure point, each undoing the finished steps newest first.
    let def = definition("Hotel", &[
        task("Hotel", "Flight", None),
        task("Flight", "Payment", Some("FlightFailedUndoHotel")),
        task("Payment", "Done", Some("PaymentFailedUndoFlight")),
        undo("PaymentFailedUndoFlight", "PaymentFailedUndoHotel"),
        undo("PaymentFailedUndoHotel", "Failed"),
        undo("FlightFailedUndoHotel", "Failed"),
    ]);
    let states = ["Hotel", "Flight", "Payment", "PaymentFailedUndoFlight", "PaymentFailedUndoHotel", "FlightFailedUndoHotel"];
    let shared = [("PaymentFailedUndoFlight", "Cancel flight"), ("PaymentFailedUndoHotel", "Cancel hotel"), ("FlightFailedUndoHotel", "Cancel hotel")];
    right(ex, "separate compensation chains per failure point", saga(&def, &states, &shared));
    // One function serves both compensations; the state's Parameters say which.
    let with_params = |name: &str, action: &str, next: &str| {
        format!(r#""{name}": {{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Compensate", "Parameters": {{"action": "{action}", "trip.$": "$"}}, "ResultPath": null, {RETRY}, "Next": "{next}"}}"#)
    };
    let def = definition("Hotel", &[
        task("Hotel", "Flight", Some("Failed")),
        task("Flight", "Payment", Some("CancelHotel")),
        task("Payment", "Done", Some("CancelFlight")),
        with_params("CancelFlight", "cancel-flight", "CancelHotel"),
        with_params("CancelHotel", "cancel-hotel", "Failed"),
    ]);
    let states = ["Hotel", "Flight", "Payment", "CancelFlight", "CancelHotel"];
    right(ex, "one function serving two compensation states", saga(&def, &states, &[("CancelFlight", "Compensate"), ("CancelHotel", "Compensate")]));
    // Retry before Catch on every step.
    let retried = |name: &str, next: &str, catch: &str| {
        format!(r#""{name}": {{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:{name}", {RETRY}, "Catch": [{{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "{catch}"}}], "Next": "{next}"}}"#)
    };
    let def = definition("Hotel", &[
        retried("Hotel", "Flight", "Failed"),
        retried("Flight", "Payment", "UndoHotel"),
        retried("Payment", "Done", "UndoFlight"),
        undo("UndoFlight", "UndoHotel"),
        undo("UndoHotel", "Failed"),
    ]);
    right(ex, "Retry before Catch", saga(&def, &["Hotel", "Flight", "Payment", "UndoFlight", "UndoHotel"], &[]));
    // Pass states between the steps, and the payment inside a Parallel with the Catch.
    let def = format!(
        r#"{{"StartAt": "Hotel", "States": {{{}, "Prepare": {{"Type": "Pass", "Next": "Flight"}}, {}, "Pay": {{"Type": "Parallel", "Branches": [{{"StartAt": "Payment", "States": {{{}}}}}], "Catch": [{{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "UndoFlight"}}], "Next": "Done"}}, {}, {}, "Failed": {{"Type": "Fail"}}, "Done": {{"Type": "Succeed"}}}}}}"#,
        task("Hotel", "Prepare", Some("Failed")),
        task("Flight", "Pay", Some("UndoHotel")),
        task("Payment", "", None),
        undo("UndoFlight", "UndoHotel"),
        undo("UndoHotel", "Failed"),
    );
    right(ex, "a Pass state between steps, the payment inside a Parallel", saga(&def, &["Hotel", "Flight", "Payment", "UndoFlight", "UndoHotel"], &[]));
    // The payment runs per card inside a Map, with the Catch on the Map.
    let def = format!(
        r#"{{"StartAt": "Hotel", "States": {{{}, {}, "Cards": {{"Type": "Pass", "Result": [{{"card": "visa"}}], "ResultPath": "$.cards", "Next": "PayEach"}}, "PayEach": {{"Type": "Map", "ItemsPath": "$.cards", "ItemProcessor": {{"StartAt": "Payment", "States": {{{}}}}}, "Catch": [{{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "UndoFlight"}}], "Next": "Done"}}, {}, {}, "Failed": {{"Type": "Fail"}}, "Done": {{"Type": "Succeed"}}}}}}"#,
        task("Hotel", "Flight", Some("Failed")),
        task("Flight", "Cards", Some("UndoHotel")),
        task("Payment", "", None),
        undo("UndoFlight", "UndoHotel"),
        undo("UndoHotel", "Failed"),
    );
    right(ex, "the payment inside a Map", saga(&def, &["Hotel", "Flight", "Payment", "UndoFlight", "UndoHotel"], &[]));
    // One booking function serves the first two steps.
    let (def, states) = lesson_saga();
    right(ex, "one function serving two steps", saga(&def, &states, &[("Hotel", "Bookings"), ("Flight", "Bookings")]));
}

#[test]
fn saga_wrong_designs() {
    let ex = "saga";
    wrong_design(corpus::saga_compensations_in_the_wrong_order());
    let def = definition("Hotel", &[
        task("Hotel", "Flight", Some("Failed")),
        task("Flight", "Payment", Some("UndoHotel")),
        task("Payment", "Done", Some("UndoFlight")),
        undo("UndoFlight", "Failed"),
        undo("UndoHotel", "Failed"),
    ]);
    wrong(ex, "a payment failure undoes only the flight", saga(&def, &["Hotel", "Flight", "Payment", "UndoFlight", "UndoHotel"], &[]), SagaCode::CompensateStep3);
    let def = definition("Hotel", &[
        task("Hotel", "Flight", Some("Failed")),
        task("Flight", "Payment", Some("UndoHotel")),
        task("Payment", "Done", None),
        undo("UndoHotel", "Failed"),
    ]);
    wrong(ex, "the last step catches nothing", saga(&def, &["Hotel", "Flight", "Payment", "UndoHotel"], &[]), SagaCode::Catch);
    let def = definition("Hotel", &[
        task("Hotel", "Flight", Some("Failed")),
        task("Flight", "Payment", Some("UndoFlight")),
        task("Payment", "Done", Some("UndoFlight")),
        undo("UndoFlight", "UndoHotel"),
        undo("UndoHotel", "Failed"),
    ]);
    wrong(ex, "a failed flight is cancelled too", saga(&def, &["Hotel", "Flight", "Payment", "UndoFlight", "UndoHotel"], &[]), SagaCode::CompensateStep2);
    let def = definition("Hotel", &[
        task("Hotel", "Flight", Some("UndoHotel")),
        task("Flight", "Payment", Some("UndoHotel")),
        task("Payment", "Done", Some("UndoFlight")),
        undo("UndoFlight", "UndoHotel"),
        undo("UndoHotel", "Failed"),
    ]);
    wrong(ex, "a hotel that failed to book is cancelled", saga(&def, &["Hotel", "Flight", "Payment", "UndoFlight", "UndoHotel"], &[]), SagaCode::CompensateStep1);
    let def = definition("Hotel", &[task("Hotel", "Flight", None), task("Flight", "Done", Some("UndoHotel")), undo("UndoHotel", "Failed")]);
    wrong(ex, "two steps only", saga(&def, &["Hotel", "Flight", "UndoHotel"], &[]), SagaCode::ThreeSteps);
    let (def, _) = lesson_saga();
    wrong(ex, "a compensation with no function", saga(&def, &["Hotel", "Flight", "Payment", "UndoFlight"], &[]), SagaCode::TaskConnections);
}

// ----- 4: async API -----

#[test]
fn async_api_right_designs() {
    let ex = "async-api";
    let mut a = async_api(false, 120);
    status_endpoint(&mut a.b, a.status, K::Function);
    right(ex, "gateway (async) → queue → worker; GET reads the status", a.b);
    let mut a = async_api(true, 120);
    status_endpoint(&mut a.b, a.status, K::Function);
    right(ex, "the lesson's design: a function enqueues, records pending, answers", a.b);
    let mut a = async_api(false, 900);
    status_endpoint(&mut a.b, a.status, K::Function);
    let dlq = a.b.queue("Job DLQ", 3.0, 1.0, 900);
    a.b.redrive(a.queue, dlq, 3);
    right(ex, "Lambda's longest timeout, visibility timeout six times it, a DLQ", a.b);
    let mut a = async_api(false, 120);
    status_endpoint(&mut a.b, a.status, K::Service);
    let done = a.b.add(K::Topic, "Job done", 5.0, 1.0);
    let push = a.b.add(K::Notification, "Push to the app", 6.0, 1.0);
    a.b.link(a.worker, done);
    a.b.link(done, push);
    right(ex, "a service reads the status; the worker also announces the result", a.b);
    let mut a = async_api(false, 120);
    if let Spec::Database(s) = a.b.spec(a.status) {
        s.engine = DatabaseEngine::Aurora;
    }
    status_endpoint(&mut a.b, a.status, K::Function);
    right(ex, "status in Aurora", a.b);
    // Workers on Auto Scaling instead of Lambda, with a visibility timeout over the job.
    let mut b = Builder::new();
    let app = b.client("Mobile app", 0.0, 0.0, 1.0, true, r#"{"jobId": "{{uuid}}"}"#);
    let api = b.gateway("POST /jobs", 1.0, 0.0, Integration::Async);
    let q = b.queue("Job queue", 2.0, 0.0, 60);
    // One job per receive: a worker holding ten would leave nine waiting past the
    // visibility timeout.
    if let Spec::Queue(s) = b.spec(q) {
        s.batch_size = 1;
    }
    let w = b.workers("Render fleet", 3.0, 0.0, 2, 20, 30_000);
    let status = b.database("Jobs", 4.0, 0.0, DatabaseEngine::DynamoDb, false);
    b.link(app, api);
    b.link(api, q);
    b.link(q, w);
    b.link(w, status);
    status_endpoint(&mut b, status, K::Function);
    right(ex, "an Auto Scaling worker group", b);
}

#[test]
fn async_api_wrong_designs() {
    let ex = "async-api";
    // Synchronous: the gateway waits for the job.
    let mut b = Builder::new();
    let app = b.client("Mobile app", 0.0, 0.0, 1.0, true, "");
    let api = b.gateway("POST /jobs", 1.0, 0.0, Integration::SyncProxy);
    let worker = b.function("Render", 2.0, 0.0, 30_000, 120);
    let status = b.database("Jobs", 3.0, 0.0, DatabaseEngine::DynamoDb, false);
    b.link(app, api);
    b.link(api, worker);
    b.link(worker, status);
    status_endpoint(&mut b, status, K::Function);
    wrong(ex, "the gateway waits for the job", b, AsyncApiCode::Submit);
    let a = async_api(false, 120);
    wrong(ex, "no way to poll", a.b, AsyncApiCode::StatusEndpoint);
    let mut a = async_api(false, 120);
    let get = a.b.gateway("GET /jobs/{id}", 1.0, 2.0, Integration::SyncProxy);
    let reader = a.b.function("Read status", 2.0, 2.0, 20, 3);
    a.b.link(get, reader);
    wrong(ex, "a status reader that reads nothing", a.b, AsyncApiCode::StatusEndpoint);
    wrong_design(corpus::async_api_worker_times_out());
    // A worker group whose queue hands the job out again while it still runs.
    let mut b = Builder::new();
    let app = b.client("Mobile app", 0.0, 0.0, 1.0, true, "");
    let api = b.gateway("POST /jobs", 1.0, 0.0, Integration::Async);
    let q = b.queue("Job queue", 2.0, 0.0, 5);
    let w = b.workers("Render fleet", 3.0, 0.0, 2, 20, 30_000);
    let status = b.database("Jobs", 4.0, 0.0, DatabaseEngine::DynamoDb, false);
    b.link(app, api);
    b.link(api, q);
    b.link(q, w);
    b.link(w, status);
    status_endpoint(&mut b, status, K::Function);
    wrong(ex, "visibility timeout shorter than the job: jobs run twice", b, AsyncApiCode::JobsFinish);
    let mut b = Builder::new();
    let app = b.client("Mobile app", 0.0, 0.0, 1.0, true, "");
    let api = b.gateway("POST /jobs", 1.0, 0.0, Integration::Async);
    let q = b.queue("Job queue", 2.0, 0.0, 120);
    let w = b.function("Render", 3.0, 0.0, 30_000, 120);
    b.link(app, api);
    b.link(api, q);
    b.link(q, w);
    wrong(ex, "the status is recorded nowhere", b, AsyncApiCode::StatusStore);
}

// ----- 5: microservices -----

#[test]
fn microservices_right_designs() {
    let ex = "microservices";
    let mut b = Builder::new();
    let s = micro_front(&mut b, 3, K::Service);
    micro_bus(&mut b, &s);
    right(ex, "three services, an event bus with a mailer and a search indexer", b);
    let mut b = Builder::new();
    let s = micro_front(&mut b, 3, K::Function);
    let topic = b.add(K::Topic, "Shop events", 3.0, 4.0);
    for x in &s {
        b.link(*x, topic);
    }
    let q = b.queue("Analytics queue", 4.0, 4.0, 10);
    let analytics = b.function("Analytics", 5.0, 4.0, 100, 10);
    let mail = b.add(K::Notification, "E-mail", 4.0, 5.0);
    b.link(topic, q);
    b.link(q, analytics);
    b.link(topic, mail);
    right(ex, "Lambda services, a topic, a queue and an e-mail subscription", b);
    let mut b = Builder::new();
    let s = micro_front(&mut b, 4, K::Service);
    micro_bus(&mut b, &s);
    right(ex, "four services", b);
    // Analytics through a queue to a Fargate worker group.
    let mut b = Builder::new();
    let s = micro_front(&mut b, 3, K::Service);
    let q = b.queue("Analytics queue", 3.0, 4.0, 30);
    for x in &s {
        b.link(*x, q);
    }
    let fleet = b.workers("Analytics (Fargate)", 4.0, 4.0, 1, 3, 50);
    let lake = b.add(K::ObjectStorage, "Reports", 5.0, 4.0);
    b.link(q, fleet);
    b.link(fleet, lake);
    right(ex, "a queue feeding a Fargate worker group", b);
    // Orders calls Payments synchronously: both are services behind the gateway.
    let mut b = Builder::new();
    let s = micro_front(&mut b, 3, K::Service);
    b.link(s[1], s[2]);
    micro_bus(&mut b, &s);
    right(ex, "one service calls another synchronously for the answer", b);
    let mut b = Builder::new();
    let s = micro_front(&mut b, 3, K::Service);
    let stream = b.add(K::Stream, "Clickstream", 3.0, 4.0);
    for x in &s {
        b.link(*x, stream);
    }
    let analytics = b.function("Analytics", 4.0, 4.0, 100, 10);
    let lake = b.add(K::ObjectStorage, "Data lake", 5.0, 4.0);
    b.link(stream, analytics);
    b.link(analytics, lake);
    right(ex, "a Kinesis stream for analytics", b);
}

#[test]
fn microservices_wrong_designs() {
    let ex = "microservices";
    // Two services write one table.
    let mut b = Builder::new();
    let s = micro_front(&mut b, 3, K::Service);
    let shared = b.database("Shared table", 3.0, 3.0, DatabaseEngine::DynamoDb, false);
    b.link(s[0], shared);
    b.link(s[1], shared);
    micro_bus(&mut b, &s);
    wrong(ex, "a database shared by two services", b, MicroservicesCode::NoSharedDatabase);
    let mut b = Builder::new();
    let s = micro_front(&mut b, 2, K::Service);
    micro_bus(&mut b, &s);
    wrong(ex, "two services", b, MicroservicesCode::Services);
    let mut b = Builder::new();
    let mut s = micro_front(&mut b, 2, K::Service);
    let api = b.d.components().find(|c| c.name == "Shop API").map(|c| c.id).expect("gateway");
    let third = b.service("Catalogue", 2.0, 3.0, 20, 50);
    b.link(api, third);
    s.push(third);
    micro_bus(&mut b, &s);
    wrong(ex, "a service without a database", b, MicroservicesCode::OwnDatabase);
    // Side effects called directly, no bus.
    let mut b = Builder::new();
    let s = micro_front(&mut b, 3, K::Service);
    let ses = b.add(K::Notification, "SES", 4.0, 1.0);
    b.link(s[1], ses);
    wrong(ex, "no events: the order service sends the e-mail itself", b, MicroservicesCode::AsyncSideEffects);
    // SES called synchronously beside the bus.
    wrong_design(corpus::microservices_ses_called_synchronously());
    let mut b = Builder::new();
    let s = micro_front(&mut b, 3, K::Service);
    micro_bus(&mut b, &s);
    let loyalty = b.service("Loyalty", 4.0, 1.0, 20, 50);
    b.link(s[1], loyalty);
    wrong(ex, "a loyalty side effect called synchronously", b, MicroservicesCode::SideEffectsIsolated);
    let mut b = Builder::new();
    let users = b.client("Shoppers", 0.0, 1.0, 10.0, true, EVENT);
    let s = b.service("Monolith", 1.0, 1.0, 20, 50);
    b.link(users, s);
    wrong(ex, "no API Gateway", b, MicroservicesCode::FrontDoor);
}
