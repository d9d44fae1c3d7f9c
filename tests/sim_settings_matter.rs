//! Every setting the inspector shows changes the run, or is declared a label
//! (`model::labels::is_label_only`, which the inspector marks). The settings are read
//! from each kind's serialized spec, not listed here, so a new setting that the engine
//! ignores fails this test until it does something or says it is only a label.
//!
//! For each kind, a few small designs put a component of that kind where its settings
//! can act (a slow consumer behind a queue, a filter that reads attributes, ...). Each
//! setting is changed to other valid values in turn; it matters when one of them
//! changes the run's books, per-component counts or timings.

use decouple_lab::lessons::build::Builder;
use decouple_lab::model::is_label_only;
use decouple_lab::model::spec::{DatabaseEngine, Integration, Spec, Traffic};
use decouple_lab::model::{check_component, ComponentId, ComponentKind as K, ConnectionKind, Diagram, FilterPolicyScope, Poison, Window};
use decouple_lab::sim::{SimOptions, Simulation};
use serde_json::{json, Map, Value};

/// One small design: the diagram, the component whose settings are changed, and how
/// long to run it.
struct Variant {
    d: Diagram,
    subject: ComponentId,
    secs: u64,
}

const ORDER: &str = r#"{"orderId": "k-{{int 1 6}}", "customerId": "c-{{int 1 20}}", "amount": {{int 1 500}}}"#;

fn variant(b: Builder, subject: ComponentId, secs: u64) -> Variant {
    Variant { d: b.finish().expect("a valid design"), subject, secs }
}

fn set(b: &mut Builder, id: ComponentId, edit: impl FnOnce(&mut Spec)) {
    edit(b.spec(id));
}

fn client_traffic(b: &mut Builder, c: ComponentId, traffic: Traffic) {
    set(b, c, |s| {
        if let Spec::Client(s) = s {
            s.traffic = traffic;
        }
    });
}

fn function_edit(b: &mut Builder, f: ComponentId, edit: impl FnOnce(&mut decouple_lab::model::spec::FunctionSpec)) {
    set(b, f, |s| {
        if let Spec::Function(s) = s {
            edit(s);
        }
    });
}

/// Designs in which a component of `kind` can show what its settings do.
fn designs(kind: K) -> Vec<Variant> {
    match kind {
        K::Client => {
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 20.0, true, ORDER);
            let f = b.function("f", 1.0, 0.0, 400, 3);
            function_edit(&mut b, f, |s| s.concurrency_limit = 3);
            let t = b.add(K::Topic, "t", 1.0, 1.0);
            let (qa, qb) = (b.queue("by attributes", 2.0, 1.0, 3), b.queue("by body", 2.0, 2.0, 3));
            b.link(c, f);
            b.link(c, t);
            b.subscribe(t, qa, r#"{"tier": ["gold"]}"#, FilterPolicyScope::MessageAttributes);
            b.subscribe(t, qb, r#"{"customerId": [{"prefix": "c-1"}]}"#, FilterPolicyScope::MessageBody);
            vec![variant(b, c, 30)]
        }
        K::ApiGateway => {
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 20.0, true, ORDER);
            client_traffic(&mut b, c, Traffic::Burst { every_s: 1.0, size: 40 });
            let g = b.gateway("g", 1.0, 0.0, Integration::SyncProxy);
            set(&mut b, g, |s| {
                if let Spec::ApiGateway(s) = s {
                    s.throttle_burst = 10;
                }
            });
            let f = b.function("f", 2.0, 0.0, 300, 3);
            function_edit(&mut b, f, |s| s.concurrency_limit = 5);
            b.link(c, g);
            b.link(g, f);
            let sync = variant(b, g, 20);
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 20.0, true, ORDER);
            let g = b.gateway("g", 1.0, 0.0, Integration::SyncProxy);
            let q = b.queue("q", 2.0, 0.0, 3);
            let f = b.function("f", 3.0, 0.0, 300, 3);
            b.link(c, g);
            b.link(g, q);
            b.link(q, f);
            vec![sync, variant(b, g, 20)]
        }
        K::EventSource => {
            let mut b = Builder::new();
            let e = b.add(K::EventSource, "e", 0.0, 0.0);
            let bus = b.add(K::EventBus, "bus", 1.0, 0.0);
            let q = b.queue("q", 2.0, 0.0, 3);
            b.link(e, bus);
            b.rule(bus, q, r#"{"source": ["aws.s3"]}"#);
            vec![variant(b, e, 30)]
        }
        K::Queue => {
            let build = |fifo: bool| {
                let mut b = Builder::new();
                let c = b.client("c", 0.0, 0.0, 30.0, false, ORDER);
                let q = b.queue("q", 1.0, 0.0, 3);
                let dlq = b.queue("dlq", 1.0, 1.0, 3);
                for id in [q, dlq] {
                    set(&mut b, id, |s| {
                        if let Spec::Queue(s) = s {
                            s.fifo = fifo;
                        }
                    });
                }
                let f = b.function("f", 2.0, 0.0, 1_000, 3);
                function_edit(&mut b, f, |s| (s.concurrency_limit, s.error_rate) = (1, 0.2));
                b.link(c, q);
                b.link(q, f);
                b.redrive(q, dlq, 3);
                variant(b, q, 120)
            };
            // Worker instances receive the queue's own batch size.
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 30.0, false, ORDER);
            let q = b.queue("q", 1.0, 0.0, 30);
            let w = b.workers("w", 2.0, 0.0, 2, 2, 300);
            b.link(c, q);
            b.link(q, w);
            vec![build(false), build(true), variant(b, q, 60)]
        }
        K::Topic => {
            // Faster than a FIFO topic's quota.
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 4_000.0, false, ORDER);
            let t = b.add(K::Topic, "t", 1.0, 0.0);
            let (qa, qb) = (b.queue("a", 2.0, 0.0, 3), b.queue("b", 2.0, 1.0, 3));
            b.link(c, t);
            b.link(t, qa);
            b.link(t, qb);
            vec![variant(b, t, 5)]
        }
        K::EventBus => {
            let build = |archive: bool| {
                let mut b = Builder::new();
                let c = b.client("c", 0.0, 0.0, 10.0, false, r#"{"source": "shop", "detail-type": "Order", "detail": {"n": {{seq}}}}"#);
                let bus = b.add(K::EventBus, "bus", 1.0, 0.0);
                set(&mut b, bus, |s| {
                    if let Spec::EventBus(s) = s {
                        s.archive = archive;
                    }
                });
                let q = b.queue("q", 2.0, 0.0, 3);
                b.link(c, bus);
                b.rule(bus, q, r#"{"source": ["shop"]}"#);
                variant(b, bus, 30)
            };
            vec![build(false), build(true)]
        }
        K::Stream => {
            let build = |rate: f64, down: bool, secs: u64| {
                let mut b = Builder::new();
                let c = b.client("c", 0.0, 0.0, rate, false, r#"{"deviceId": "d-{{int 1 3}}", "v": {{int 1 100}}}"#);
                let s = b.add(K::Stream, "s", 1.0, 0.0);
                let f = b.function("f", 2.0, 0.0, 200, 3);
                b.link(c, s);
                b.link(s, f);
                b.d.component_mut(f).expect("f").faults.down = down;
                variant(b, s, secs)
            };
            vec![build(50.0, false, 30), build(0.05, true, 86_500)]
        }
        K::DeliveryStream => {
            let mut b = Builder::new();
            let pad = "x".repeat(4_000);
            let c = b.client("c", 0.0, 0.0, 50.0, false, &format!(r#"{{"pad": "{pad}"}}"#));
            let fh = b.add(K::DeliveryStream, "fh", 1.0, 0.0);
            let s3 = b.add(K::ObjectStorage, "s3", 2.0, 0.0);
            b.link(c, fh);
            b.link(fh, s3);
            vec![variant(b, fh, 120)]
        }
        K::Function => {
            // Invoked asynchronously faster than it can run, sending to a queue that is down.
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 10.0, false, ORDER);
            let f = b.function("f", 1.0, 0.0, 1_500, 3);
            function_edit(&mut b, f, |s| s.concurrency_limit = 2);
            let q = b.queue("down", 2.0, 0.0, 3);
            b.link_as(c, f, ConnectionKind::Invoke);
            b.link(f, q);
            b.d.component_mut(q).expect("q").faults.down = true;
            let busy = variant(b, f, 120);
            // Publishing with attributes a subscription filters on.
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 10.0, false, ORDER);
            let f = b.function("f", 1.0, 0.0, 100, 3);
            let t = b.add(K::Topic, "t", 2.0, 0.0);
            let q = b.queue("gold", 3.0, 0.0, 3);
            b.link(c, f);
            b.link(f, t);
            b.subscribe(t, q, r#"{"tier": ["gold"]}"#, FilterPolicyScope::MessageAttributes);
            let publishing = variant(b, f, 20);
            // A Task whose result a Choice reads.
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 5.0, true, ORDER);
            let asl = r#"{"StartAt": "Do", "States": {
                "Do": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F", "Next": "Check"},
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$.status", "StringEquals": "done", "Next": "Ok"}], "Default": "Bad"},
                "Ok": {"Type": "Succeed"}, "Bad": {"Type": "Fail", "Error": "NotDone"}}}"#;
            let sm = b.state_machine("sm", 1.0, 0.0, asl);
            let f = b.function("f", 2.0, 0.0, 100, 3);
            b.link(c, sm);
            b.task(sm, f, "Do");
            vec![busy, publishing, variant(b, f, 20)]
        }
        K::WorkerGroup => {
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 20.0, false, ORDER);
            // A backlog at once: target tracking scales out on its third minute, and
            // in only after 15 low minutes once the instances' warm-up is over.
            client_traffic(&mut b, c, Traffic::Burst { every_s: 86_400.0, size: 3_000 });
            let q = b.queue("q", 1.0, 0.0, 30);
            let w = b.workers("w", 2.0, 0.0, 1, 10, 500);
            b.link(c, q);
            b.link(q, w);
            vec![variant(b, w, 1_300)]
        }
        K::Service => {
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 20.0, true, ORDER);
            let s = b.service("s", 1.0, 0.0, 10, 100);
            let slow = b.service("slow", 2.0, 0.0, 2, 300);
            b.link(c, s);
            b.link(s, slow);
            vec![variant(b, s, 20)]
        }
        K::StateMachine => {
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 5.0, true, ORDER);
            let sm = b.state_machine("sm", 1.0, 0.0, r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}}"#);
            b.link(c, sm);
            vec![variant(b, sm, 20)]
        }
        K::Database => {
            // Written, read, and streamed to a projector that fails on one item.
            let build = |engine: DatabaseEngine, outage: bool| {
                let mut b = Builder::new();
                let c = b.client("c", 0.0, 0.0, 50.0, false, ORDER);
                let writer = b.function("writer", 1.0, 0.0, 20, 3);
                let db = b.database("db", 2.0, 0.0, engine, true);
                set(&mut b, db, |s| {
                    if let Spec::Database(s) = s {
                        s.write_capacity_per_s = 2_000;
                    }
                });
                let projector = b.function("projector", 3.0, 0.0, 30, 3);
                let index = b.add(K::SearchIndex, "index", 4.0, 0.0);
                b.link(c, writer);
                b.link(writer, db);
                b.link_as(writer, db, ConnectionKind::Read);
                b.link(db, projector);
                b.link(projector, index);
                b.d.component_mut(projector).expect("projector").faults.poison =
                    Some(Poison { field: "orderId".into(), value: json!("k-1") });
                if outage {
                    b.d.component_mut(db).expect("db").faults.down_window = Some(Window { from_s: 10.0, to_s: 100.0 });
                }
                variant(b, db, if outage { 120 } else { 30 })
            };
            // Aurora behind a function with many more instances than connections.
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 100.0, false, ORDER);
            let writer = b.function("writer", 1.0, 0.0, 500, 3);
            let db = b.database("db", 2.0, 0.0, DatabaseEngine::Aurora, false);
            set(&mut b, db, |s| {
                if let Spec::Database(s) = s {
                    (s.max_connections, s.write_capacity_per_s) = (30, 10_000);
                }
            });
            b.link(c, writer);
            b.link(writer, db);
            let aurora = variant(b, db, 10);
            vec![build(DatabaseEngine::DynamoDb, false), build(DatabaseEngine::DynamoDb, true), aurora]
        }
        K::ObjectStorage => {
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 10.0, false, ORDER);
            let s3 = b.add(K::ObjectStorage, "s3", 1.0, 0.0);
            let f = b.function("f", 2.0, 0.0, 100, 3);
            b.link(c, s3);
            b.link(s3, f);
            vec![variant(b, s3, 20)]
        }
        K::SearchIndex => {
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 10.0, true, ORDER);
            let f = b.function("f", 1.0, 0.0, 50, 3);
            let index = b.add(K::SearchIndex, "index", 2.0, 0.0);
            b.link(c, f);
            b.link(f, index);
            b.link_as(f, index, ConnectionKind::Read);
            vec![variant(b, index, 20)]
        }
        K::Analytics => {
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 10.0, false, ORDER);
            let s3 = b.add(K::ObjectStorage, "s3", 1.0, 0.0);
            let a = b.add(K::Analytics, "a", 2.0, 0.0);
            b.link(c, s3);
            b.link(s3, a);
            vec![variant(b, a, 10)]
        }
        K::Notification => {
            let mut b = Builder::new();
            let c = b.client("c", 0.0, 0.0, 10.0, false, ORDER);
            let t = b.add(K::Topic, "t", 1.0, 0.0);
            let n = b.add(K::Notification, "n", 2.0, 0.0);
            b.link(c, t);
            b.link(t, n);
            vec![variant(b, n, 10)]
        }
    }
}

/// Words and texts a string setting may take: every enum value the specs use, field
/// names, and JSON that filters, schemas, definitions and results read.
const TEXTS: &[&str] = &[
    "kinesis",
    "kafka",
    "ec2",
    "fargate",
    "dynamo_db",
    "aurora",
    "standard",
    "express",
    "open_search",
    "cache",
    "email",
    "sms",
    "sync_proxy",
    "async",
    "s3_upload",
    "schedule",
    "iot_devices",
    "cloud_watch_alarm",
    "customerId",
    "orderId",
    "deviceId",
    "",
    r#"{"orderId": "{{uuid}}"}"#,
    r#"{"tier": "gold"}"#,
    r#"{"type": "object", "required": ["nope"]}"#,
    r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3, "End": true}}}"#,
    r#"{"status": "done"}"#,
];

/// Other values for a setting whose value is `v`, most telling first.
fn candidates(v: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = match v {
        Value::Bool(b) => vec![json!(!b)],
        Value::Number(n) if n.is_u64() => {
            let n = n.as_u64().unwrap_or(0);
            [n * 3, n / 3, n + 7, 0, 1, 2, 5, 60, 3_600].into_iter().map(|x| json!(x)).collect()
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            [x * 3.0, x / 3.0, x + 7.0, 0.0, 0.5, 1.0].into_iter().map(|x| json!(x)).collect()
        }
        Value::String(_) => TEXTS.iter().map(|t| json!(t)).collect(),
        Value::Object(_) => vec![
            json!({"shape": "steady"}),
            json!({"shape": "burst", "every_s": 2.0, "size": 30}),
            json!({"shape": "spike", "at_s": 5.0, "for_s": 10.0, "factor": 4.0}),
            json!({"shape": "ramp", "to_rate_per_s": 60.0, "over_s": 10.0}),
        ],
        _ => Vec::new(),
    };
    out.retain(|c| c != v);
    out.dedup();
    out
}

fn settings_of(spec: &Spec) -> Map<String, Value> {
    match serde_json::to_value(spec) {
        Ok(Value::Object(mut o)) => o.remove("settings").and_then(|s| s.as_object().cloned()).unwrap_or_default(),
        _ => Map::new(),
    }
}

/// What a run shows a learner: its books and every component's counts and timings
/// (not the engine's own event count).
fn outcome(d: &Diagram, secs: u64) -> Option<String> {
    let mut sim = Simulation::with_options(d, SimOptions { seed: 11, ..SimOptions::default() }).ok()?;
    sim.run_for(secs * 1_000_000);
    let mut report = serde_json::to_value(sim.report()).ok()?;
    report["events"] = Value::Null;
    Some(report.to_string())
}

/// The same design with the subject's `key` set to `value`, when that is a valid setting.
fn with_setting(v: &Variant, key: &str, value: &Value) -> Option<Diagram> {
    let c = v.d.component(v.subject)?;
    let mut settings = settings_of(&c.spec);
    settings.insert(key.to_string(), value.clone());
    let spec: Spec = serde_json::from_value(json!({"kind": c.kind().key(), "settings": settings})).ok()?;
    let mut d = v.d.clone();
    let comp = d.component_mut(v.subject)?;
    comp.spec = spec;
    check_component(comp).is_empty().then_some(d)
}

#[test]
fn every_shown_setting_changes_the_run_or_is_a_label() {
    let mut idle = Vec::new();
    let mut checked = 0;
    for kind in K::ALL {
        let variants = designs(kind);
        assert!(variants.iter().all(|v| v.d.component(v.subject).map(|c| c.kind()) == Some(kind)), "{kind:?}: designs test that kind");
        let keys: Vec<String> = settings_of(&Spec::default_for(kind)).keys().cloned().collect();
        let base: Vec<Option<String>> = variants.iter().map(|v| outcome(&v.d, v.secs)).collect();
        assert!(base.iter().all(Option::is_some), "{kind:?}: every design runs");
        for key in keys {
            checked += 1;
            // Where it is a label it must change nothing; elsewhere it must change the
            // run in at least one design (a label everywhere needs no design).
            let (mut acts, mut acting_designs) = (false, 0);
            for (v, base) in variants.iter().zip(&base) {
                let spec = &v.d.component(v.subject).expect("subject").spec;
                let current = settings_of(spec).get(&key).cloned().unwrap_or(Value::Null);
                let changes = candidates(&current)
                    .iter()
                    .filter_map(|value| with_setting(v, &key, value))
                    .any(|d| outcome(&d, v.secs).is_some_and(|o| Some(&o) != base.as_ref()));
                if is_label_only(spec, &key) {
                    if changes {
                        idle.push(format!("{kind:?}.{key} changes the run but is declared label-only"));
                    }
                } else {
                    acting_designs += 1;
                    acts |= changes;
                }
            }
            let label_everywhere = is_label_only(&Spec::default_for(kind), &key) && acting_designs == 0;
            if !acts && !label_everywhere {
                idle.push(format!("{kind:?}.{key} changes nothing: make it act or declare it label-only"));
            }
        }
    }
    assert!(checked > 50, "{checked} settings");
    assert!(idle.is_empty(), "{}", idle.join("\n"));
}

/// Settings that change which AWS service a box stands for name it everywhere the
/// learner reads it: on the box and in the inspector (`Spec::service`) and in the SVG
/// export (`Spec::aws_name`).
#[test]
fn a_kafka_stream_is_named_msk_everywhere() {
    use decouple_lab::model::spec::StreamFlavour;
    use decouple_lab::text::Lang;
    let mut b = Builder::new();
    let s = b.add(K::Stream, "events", 0.0, 0.0);
    set(&mut b, s, |spec| {
        if let Spec::Stream(st) = spec {
            st.flavour = StreamFlavour::Kafka;
        }
    });
    let d = b.finish().expect("valid");
    let spec = &d.component(s).expect("stream").spec;
    assert_eq!(spec.aws_name(), "Amazon MSK");
    for lang in [Lang::En, Lang::Vi] {
        assert_eq!(spec.service(lang), "Amazon MSK");
    }
    let svg = decouple_lab::view::export::to_svg(&d);
    assert!(svg.contains("Amazon MSK") && !svg.contains("Kinesis"), "{svg}");
}
