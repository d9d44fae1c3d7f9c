//! What AWS refuses to create between two components is refused while drawing, shown
//! on a diagram that already holds it, and keeps the run from starting; and what AWS
//! allows between two components (a function writing and reading a table, one
//! function serving several Task states) can be drawn.

use decouple_lab::editor::{Action, EditorState, NoticeLevel};
use decouple_lab::model::{aws_refusals, warnings, ComponentId, ComponentKind, ConnectionKind, Diagram, Point, Spec};
use decouple_lab::sim::Simulation;

fn add(state: &mut EditorState, kind: ComponentKind, x: f64) -> ComponentId {
    state.apply(Action::AddComponent { kind, at: Point { x, y: 100.0 } });
    state.selected_components().next().expect("the new component is selected")
}

fn set_spec(state: &mut EditorState, id: ComponentId, change: impl FnOnce(&mut Spec)) {
    let mut spec = state.diagram().component(id).expect("component").spec.clone();
    change(&mut spec);
    state.apply(Action::SetSpec { id, spec });
}

fn refused_with(state: &EditorState, words: &str) {
    let notice = state.notice.clone().expect("a notice says why");
    assert_eq!(notice.level, NoticeLevel::Error, "{}", notice.text);
    assert!(notice.text.en.contains(words), "{}", notice.text);
    assert_ne!(notice.text.en, notice.text.vi, "the refusal speaks Vietnamese too");
}

/// Lambda refuses a queue mapping whose visibility timeout is under the function's
/// timeout, whichever side the learner changes.
#[test]
fn a_visibility_timeout_under_the_function_timeout_is_refused_with_aws_words() {
    let mut s = EditorState::default();
    let q = add(&mut s, ComponentKind::Queue, 100.0);
    let f = add(&mut s, ComponentKind::Function, 400.0);
    set_spec(&mut s, q, |spec| {
        if let Spec::Queue(queue) = spec {
            queue.visibility_timeout_s = 20;
        }
    });
    set_spec(&mut s, f, |spec| {
        if let Spec::Function(function) = spec {
            function.timeout_s = 60;
        }
    });
    let before = s.diagram().clone();
    s.apply(Action::Connect { from: q, to: f });
    assert_eq!(*s.diagram(), before, "the mapping was not created");
    refused_with(&s, "Queue visibility timeout: 20 seconds is less than Function timeout: 60 seconds");

    // With a long enough visibility timeout it connects; shortening it again is refused.
    set_spec(&mut s, q, |spec| {
        if let Spec::Queue(queue) = spec {
            queue.visibility_timeout_s = 360;
        }
    });
    s.apply(Action::Connect { from: q, to: f });
    assert_eq!(s.diagram().connection_count(), 1);
    let connected = s.diagram().clone();
    set_spec(&mut s, q, |spec| {
        if let Spec::Queue(queue) = spec {
            queue.visibility_timeout_s = 30;
        }
    });
    assert_eq!(*s.diagram(), connected, "the edit that breaks AWS's rule was refused");
    refused_with(&s, "is less than Function timeout: 60 seconds");
    // Raising the function's timeout past the queue's is refused the same way.
    set_spec(&mut s, f, |spec| {
        if let Spec::Function(function) = spec {
            function.timeout_s = 900;
        }
    });
    assert_eq!(*s.diagram(), connected);
    refused_with(&s, "Queue visibility timeout: 360 seconds is less than Function timeout: 900 seconds");
}

/// A diagram from a file that already breaks the rule opens, warns, and does not run.
#[test]
fn a_loaded_diagram_that_aws_would_refuse_warns_and_does_not_run() {
    let mut d = Diagram::new();
    let q = d.add_component(ComponentKind::Queue, "orders", Point::default());
    let f = d.add_component(ComponentKind::Function, "worker", Point { x: 300.0, y: 0.0 });
    d.connect(q, f).expect("defaults are fine");
    if let Some(Spec::Function(function)) = d.component_mut(f).map(|c| &mut c.spec) {
        function.timeout_s = 120;
    }
    assert_eq!(aws_refusals(&d).len(), 1);
    let warned: Vec<_> = warnings(&d).into_iter().filter(|w| w.message.en.contains("is less than Function timeout")).collect();
    assert_eq!(warned.len(), 1, "the queue shows the refusal as a warning");
    assert_eq!(warned[0].component, q);
    let refused = Simulation::new(&d).err().expect("AWS would not deploy it, so it does not run").0;
    assert!(refused.en.starts_with("orders → worker: Queue visibility timeout: 30 seconds is less than Function timeout: 120 seconds"), "{}", refused.en);
}

#[test]
fn fifo_topics_deliver_to_queues_only_and_fifo_queues_need_fifo_topics() {
    let mut s = EditorState::default();
    let topic = add(&mut s, ComponentKind::Topic, 100.0);
    let function = add(&mut s, ComponentKind::Function, 400.0);
    let queue = add(&mut s, ComponentKind::Queue, 700.0);
    set_spec(&mut s, topic, |spec| {
        if let Spec::Topic(t) = spec {
            t.fifo = true;
        }
    });
    s.apply(Action::Connect { from: topic, to: function });
    assert_eq!(s.diagram().connection_count(), 0);
    refused_with(&s, "A FIFO topic delivers only to SQS queues");
    set_spec(&mut s, queue, |spec| {
        if let Spec::Queue(q) = spec {
            q.fifo = true;
        }
    });
    s.apply(Action::Connect { from: topic, to: queue });
    assert_eq!(s.diagram().connection_count(), 1, "a FIFO queue on a FIFO topic is fine");
    // Making the topic standard again would leave a FIFO queue on a standard topic.
    set_spec(&mut s, topic, |spec| {
        if let Spec::Topic(t) = spec {
            t.fifo = false;
        }
    });
    refused_with(&s, "FIFO SQS queues can't be subscribed to standard SNS topics");
    assert!(matches!(s.diagram().component(topic).map(|c| &c.spec), Some(Spec::Topic(t)) if t.fifo));
}

#[test]
fn a_fifo_queue_mapping_takes_at_most_ten_messages() {
    let mut d = Diagram::new();
    let q = d.add_component(ComponentKind::Queue, "orders.fifo", Point::default());
    let f = d.add_component(ComponentKind::Function, "worker", Point { x: 300.0, y: 0.0 });
    if let Some(Spec::Queue(queue)) = d.component_mut(q).map(|c| &mut c.spec) {
        queue.fifo = true;
    }
    let c = d.connect(q, f).expect("connects");
    assert!(aws_refusals(&d).is_empty());
    if let Some(conn) = d.connection_mut(c) {
        conn.settings.batch_size = 50;
        conn.settings.batch_window_s = 5;
    }
    let refusals = aws_refusals(&d);
    assert_eq!(refusals.len(), 1);
    assert!(refusals[0].message.en.contains("at most 10 messages per batch, not 50"), "{}", refusals[0].message.en);
}

#[test]
fn s3_notifications_go_to_standard_topics_and_queues_only() {
    let mut d = Diagram::new();
    let bucket = d.add_component(ComponentKind::ObjectStorage, "uploads", Point::default());
    let q = d.add_component(ComponentKind::Queue, "jobs.fifo", Point { x: 300.0, y: 0.0 });
    if let Some(Spec::Queue(queue)) = d.component_mut(q).map(|c| &mut c.spec) {
        queue.fifo = true;
    }
    d.connect(bucket, q).expect("the rule table allows it");
    let refusals = aws_refusals(&d);
    assert_eq!(refusals.len(), 1);
    assert!(refusals[0].message.en.contains("S3 event notifications can't go to a FIFO queue"));
}

/// A function may write a table and read it: a second arrow is a read.
#[test]
fn a_second_arrow_to_a_table_is_a_read() {
    let mut s = EditorState::default();
    let f = add(&mut s, ComponentKind::Function, 100.0);
    let table = add(&mut s, ComponentKind::Database, 400.0);
    s.apply(Action::Connect { from: f, to: table });
    s.apply(Action::Connect { from: f, to: table });
    let kinds: Vec<ConnectionKind> = s.diagram().connections().map(|c| c.kind).collect();
    assert_eq!(kinds.len(), 2, "{:?}", s.notice);
    assert!(kinds.contains(&ConnectionKind::Write) && kinds.contains(&ConnectionKind::Read), "{kinds:?}");
    // A third arrow has no kind left: refused.
    s.apply(Action::Connect { from: f, to: table });
    assert_eq!(s.diagram().connection_count(), 2);
    refused_with(&s, "already connected");
}

/// One Lambda function can serve several Task states, one connection per state.
#[test]
fn one_function_serves_several_task_states() {
    let mut d = Diagram::new();
    let sm = d.add_component(ComponentKind::StateMachine, "saga", Point::default());
    let f = d.add_component(ComponentKind::Function, "hotel service", Point { x: 300.0, y: 0.0 });
    let reserve = d.connect(sm, f).expect("first task");
    if let Some(c) = d.connection_mut(reserve) {
        c.settings.task_state = "ReserveHotel".into();
    }
    let cancel = d.connect(sm, f).expect("a second Task state for the same function");
    assert_eq!(d.connection(cancel).map(|c| c.kind), Some(ConnectionKind::Task));
    if let Some(c) = d.connection_mut(cancel) {
        c.settings.task_state = "CancelHotel".into();
    }
    // A third with no state yet is fine too; a fourth with the same empty state is not.
    d.connect(sm, f).expect("a third, still unnamed");
    let again = d.connect(sm, f).expect_err("two connections for the same state");
    assert!(again.message().en.contains("already runs hotel service for that Task state"), "{again}");
}
