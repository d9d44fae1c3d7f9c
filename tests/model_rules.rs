//! The connection rule table over every pair of kinds, warnings, and id stability.

use decouple_lab::model::{allowed_kinds, warnings, ComponentKind, ConnectionKind, Diagram, ModelError, Point, Spec};

fn at(x: f64) -> Point {
    Point { x, y: 0.0 }
}

#[test]
fn every_pair_of_kinds_either_connects_or_says_why_in_a_sentence() {
    let mut allowed = 0;
    for from in ComponentKind::ALL {
        for to in ComponentKind::ALL {
            match allowed_kinds(from, to) {
                Ok(kinds) => {
                    allowed += 1;
                    assert!(!kinds.is_empty(), "{from:?} -> {to:?} allows no kind");
                    // The table and the diagram agree: the default kind is what connect() makes.
                    let mut d = Diagram::new();
                    let a = d.add_component(from, "a", at(0.0));
                    let b = d.add_component(to, "b", at(300.0));
                    let id = d.connect(a, b).unwrap_or_else(|e| panic!("{from:?} -> {to:?}: {e}"));
                    assert_eq!(d.connection(id).map(|c| c.kind), Some(kinds[0]));
                }
                Err(why) => {
                    for sentence in [&why.en, &why.vi] {
                        assert!(sentence.ends_with('.') && sentence.len() > 20, "{from:?} -> {to:?} refusal is not a sentence: {sentence}");
                        assert!(sentence.chars().next().is_some_and(char::is_uppercase), "{sentence}");
                    }
                }
            }
        }
    }
    // A sanity bound so a broken table (all refused or all allowed) fails.
    assert!((60..200).contains(&allowed), "{allowed} pairs allowed");
}

#[test]
fn the_lesson_core_connections_are_what_aws_calls_them() {
    use ComponentKind::*;
    let expect = [
        (Client, ApiGateway, ConnectionKind::Call),
        (ApiGateway, Queue, ConnectionKind::Send),
        (Queue, Function, ConnectionKind::EventSourceMapping),
        (Queue, WorkerGroup, ConnectionKind::Poll),
        (Queue, Queue, ConnectionKind::Redrive),
        (Topic, Queue, ConnectionKind::Subscription),
        (EventBus, StateMachine, ConnectionKind::Rule),
        (Function, Database, ConnectionKind::Write),
        (Database, Function, ConnectionKind::ChangeStream),
        (StateMachine, Function, ConnectionKind::Task),
        (ObjectStorage, Function, ConnectionKind::Invoke),
        (Stream, Function, ConnectionKind::EventSourceMapping),
    ];
    for (from, to, kind) in expect {
        assert_eq!(allowed_kinds(from, to).map(|k| k[0]), Ok(kind), "{from:?} -> {to:?}");
    }
    assert!(allowed_kinds(Function, Queue).unwrap().contains(&ConnectionKind::OnFailure));
}

#[test]
fn a_backwards_connection_names_the_right_direction() {
    let why = allowed_kinds(ComponentKind::Queue, ComponentKind::Topic).unwrap_err();
    assert_eq!(why.en, "A topic pushes to subscribers; connect the topic to the queue, not the queue to the topic.");
    assert_eq!(why.vi, "Topic tự đẩy message tới các subscriber; hãy nối từ topic tới hàng đợi, không phải từ hàng đợi tới topic.");
    let why = allowed_kinds(ComponentKind::Notification, ComponentKind::Queue).unwrap_err();
    assert!(why.en.contains("end point") && why.vi.contains("điểm cuối"), "{why:?}");
}

#[test]
fn refused_and_duplicate_connections_leave_the_diagram_unchanged() {
    let mut d = Diagram::new();
    let q = d.add_component(ComponentKind::Queue, "Orders", at(0.0));
    let t = d.add_component(ComponentKind::Topic, "Events", at(300.0));
    assert!(matches!(d.connect(q, t), Err(ModelError::Refused(_))));
    assert_eq!(d.connection_count(), 0);
    d.connect(t, q).expect("topic to queue is a subscription");
    assert!(matches!(d.connect(t, q), Err(ModelError::Refused(ref why)) if why.en.contains("already connected")));
    assert_eq!(d.connection_count(), 1);
}

#[test]
fn ids_are_never_reused_after_removal() {
    let mut d = Diagram::new();
    let a = d.add_component(ComponentKind::Client, "a", at(0.0));
    let b = d.add_component(ComponentKind::Queue, "b", at(200.0));
    let c = d.add_component(ComponentKind::Function, "c", at(400.0));
    let ab = d.connect(a, b).unwrap();
    let bc = d.connect(b, c).unwrap();
    let (_, removed) = d.remove_component(b).unwrap();
    assert_eq!(removed.len(), 2);
    assert!(d.connection(ab).is_none() && d.connection(bc).is_none());
    // petgraph reuses the freed slot; our ids must not follow it.
    let e = d.add_component(ComponentKind::Queue, "e", at(200.0));
    assert!(e > c, "new id {e} reuses an old one");
    assert_eq!(d.component(a).map(|x| x.name.as_str()), Some("a"));
    assert_eq!(d.component(c).map(|x| x.name.as_str()), Some("c"));
    let ae = d.connect(a, e).unwrap();
    assert!(ae > bc);
    assert_eq!(d.connection(ae).map(|x| (x.from, x.to)), Some((a, e)));
}

#[test]
fn warnings_catch_what_is_allowed_but_unintended() {
    let mut d = Diagram::new();
    let client = d.add_component(ComponentKind::Client, "Shop", at(0.0));
    let orders = d.add_component(ComponentKind::Queue, "Orders", at(200.0));
    d.connect(client, orders).unwrap();
    let texts: Vec<String> = warnings(&d).into_iter().map(|w| w.message.en).collect();
    assert!(texts.iter().any(|t| t.contains("Nobody consumes the queue Orders")), "{texts:?}");

    let worker = d.add_component(ComponentKind::Function, "Worker", at(400.0));
    assert!(warnings(&d).iter().any(|w| w.component == worker && w.message.en.contains("no trigger")));
    d.connect(orders, worker).unwrap();
    let texts: Vec<String> = warnings(&d).into_iter().map(|w| w.message.en).collect();
    assert!(!texts.iter().any(|t| t.contains("Nobody consumes")), "{texts:?}");

    // A FIFO queue with a standard dead-letter queue.
    if let Some(c) = d.component_mut(orders) {
        if let Spec::Queue(q) = &mut c.spec {
            q.fifo = true;
        }
    }
    let dlq = d.add_component(ComponentKind::Queue, "Orders DLQ", at(200.0));
    d.connect(orders, dlq).unwrap();
    assert!(warnings(&d).iter().any(|w| w.component == orders && w.message.en.contains("same type")));
}

#[test]
fn settings_out_of_range_are_refused_with_the_range() {
    let mut d = Diagram::new();
    let q = d.add_component(ComponentKind::Queue, "q", at(0.0));
    let mut component = d.component(q).unwrap().clone();
    if let Spec::Queue(s) = &mut component.spec {
        s.visibility_timeout_s = 50_000;
    }
    let errors = decouple_lab::model::check_component(&component);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "visibility_timeout_s");
    assert!(errors[0].message.en.contains("between 0 and 43,200"), "{}", errors[0].message);
}
