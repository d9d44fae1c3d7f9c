//! Event bus archives and replays, and JSON Schemas on buses and topics: a schema
//! flags events that do not fit and still routes them; an archive keeps every event
//! once and a replay sends them to every matching rule again.

use decouple_lab::lessons::simulate;
use decouple_lab::model::spec::{Spec, Traffic};
use decouple_lab::model::{ComponentId, ComponentKind, Diagram, Point};
use decouple_lab::sim::{ArchiveReport, ComponentReport, Simulation, ARCHIVE_CAPACITY, SCHEMA_REASONS_KEPT};

const EVENT: &str = r#"{"kind": "{{pick a b}}", "n": {{seq}}}"#;

struct Bus {
    d: Diagram,
    app: ComponentId,
    bus: ComponentId,
    /// Queues behind the rules `kind = a`, `kind = b` and a catch-all rule.
    only_a: ComponentId,
    only_b: ComponentId,
    all: ComponentId,
}

fn add(d: &mut Diagram, kind: ComponentKind, name: &str) -> ComponentId {
    d.add_component(kind, name, Point::default())
}

fn client(d: &mut Diagram, rate: f64, payload: &str) -> ComponentId {
    let c = add(d, ComponentKind::Client, "app");
    if let Some(Spec::Client(s)) = d.component_mut(c).map(|c| &mut c.spec) {
        (s.rate_per_s, s.traffic, s.waits_for_reply, s.payload) = (rate, Traffic::Steady, false, payload.to_string());
    }
    c
}

/// app -> bus -> three rules to three queues nobody consumes (their received counts
/// are exact).
fn bus_diagram(archive: bool, schema: &str) -> Bus {
    let mut d = Diagram::new();
    let app = client(&mut d, 10.0, EVENT);
    let bus = add(&mut d, ComponentKind::EventBus, "bus");
    if let Some(Spec::EventBus(s)) = d.component_mut(bus).map(|c| &mut c.spec) {
        (s.archive, s.schema) = (archive, schema.to_string());
    }
    d.connect(app, bus).expect("app -> bus");
    let mut rule_to = |name: &str, pattern: &str| {
        let q = add(&mut d, ComponentKind::Queue, name);
        let rule = d.connect(bus, q).expect("bus -> queue");
        d.connection_mut(rule).expect("rule").settings.pattern = pattern.to_string();
        q
    };
    let only_a = rule_to("only a", r#"{"kind": ["a"]}"#);
    let only_b = rule_to("only b", r#"{"kind": ["b"]}"#);
    let all = rule_to("all", "");
    Bus { d, app, bus, only_a, only_b, all }
}

fn report(sim: &Simulation, id: ComponentId) -> ComponentReport {
    sim.component_report(id).expect("a component of this run")
}

fn received(sim: &Simulation, id: ComponentId) -> u64 {
    report(sim, id).received
}

fn archive(sim: &Simulation, bus: ComponentId) -> ArchiveReport {
    report(sim, bus).archive.expect("the bus has an archive")
}

fn sent(sim: &Simulation, app: ComponentId) -> u64 {
    report(sim, app).client.expect("a client").sent
}

/// The payloads of the messages that arrived at `to` since the last drain, sorted.
fn texts_arriving(sim: &mut Simulation, to: ComponentId) -> Vec<String> {
    let hops = sim.drain_trace();
    let mut texts: Vec<String> = hops.iter().filter(|h| h.to == to).filter_map(|h| sim.payload(h.message)).collect();
    texts.sort();
    texts
}

fn balanced(sim: &Simulation) {
    assert!(sim.books().balanced(), "{:?}", sim.books());
    sim.audit().expect("every live message is held somewhere");
}

#[test]
fn the_archive_keeps_every_event_once_and_a_replay_sends_them_to_every_matching_rule_again() {
    let b = bus_diagram(true, "");
    let mut sim = Simulation::new(&b.d).expect("runs");
    sim.run_for(10_000_000);
    let n = sent(&sim, b.app);
    let (a, bb) = (received(&sim, b.only_a), received(&sim, b.only_b));
    assert!(n >= 100 && a > 20 && bb > 20, "{n} {a} {bb}");
    assert_eq!(a + bb, n);
    assert_eq!(received(&sim, b.all), n);
    assert_eq!(archive(&sim, b.bus), ArchiveReport { archived: n, dropped: 0, replays: 0, replayed: 0 });
    let originals = texts_arriving(&mut sim, b.only_a);
    assert_eq!(originals.len() as u64, a);

    assert!(sim.replay_archive(b.bus));
    sim.run_for(0);
    // The same events again: replayed messages render the payloads the originals had.
    assert_eq!(texts_arriving(&mut sim, b.only_a), originals);
    // Nothing new was sent in between: the replay alone doubled every rule's deliveries.
    assert_eq!(sent(&sim, b.app), n);
    assert_eq!((received(&sim, b.only_a), received(&sim, b.only_b), received(&sim, b.all)), (2 * a, 2 * bb, 2 * n));
    assert_eq!(archive(&sim, b.bus), ArchiveReport { archived: n, dropped: 0, replays: 1, replayed: n }, "replays are not archived again");
    assert_eq!(received(&sim, b.bus), 2 * n);
    balanced(&sim);

    // A second replay sends the same events, no more.
    assert!(sim.replay_archive(b.bus));
    sim.run_for(0);
    assert_eq!(received(&sim, b.all), 3 * n);
    assert_eq!(archive(&sim, b.bus), ArchiveReport { archived: n, dropped: 0, replays: 2, replayed: 2 * n });

    sim.run_for(5_000_000);
    let later = sent(&sim, b.app);
    assert!(later > n);
    assert_eq!(archive(&sim, b.bus).archived, later, "new events are archived as usual");
    balanced(&sim);

    // A replay of a bus that is down fails its events; the books still balance.
    let failed = sim.books().failed;
    sim.set_down(b.bus, true);
    assert!(sim.replay_archive(b.bus));
    sim.run_for(0);
    assert_eq!(sim.books().failed, failed + later);
    balanced(&sim);
}

#[test]
fn only_an_event_bus_with_its_archive_on_replays() {
    let b = bus_diagram(false, "");
    let mut sim = Simulation::new(&b.d).expect("runs");
    sim.run_for(2_000_000);
    assert!(!sim.replay_archive(b.bus), "the archive is off");
    assert!(!sim.replay_archive(b.all), "a queue");
    assert!(!sim.replay_archive(ComponentId(9_999)), "no such component");
    assert!(report(&sim, b.bus).archive.is_none());
    sim.run_for(1_000_000);
    assert_eq!(received(&sim, b.all), sent(&sim, b.app));
}

#[test]
fn a_replay_can_be_scheduled_in_the_diagram() {
    let mut b = bus_diagram(true, "");
    if let Some(Spec::EventBus(s)) = b.d.component_mut(b.bus).map(|c| &mut c.spec) {
        s.replay_at_s = 5.05;
    }
    let sim = simulate::run(&b.d, 10.0).expect("runs");
    let a = archive(&sim, b.bus);
    let n = sent(&sim, b.app);
    assert_eq!(a.replays, 1);
    assert_eq!(a.archived, n);
    assert!((49..=52).contains(&a.replayed), "the events of the first 5 s: {a:?}");
    assert_eq!(received(&sim, b.all), n + a.replayed);
    balanced(&sim);
    // The report the command line prints says so.
    let json = serde_json::to_value(sim.report()).expect("json");
    let bus = json["components"].as_array().expect("components").iter().find(|c| c["name"] == "bus").expect("the bus").clone();
    assert_eq!(bus["archive"]["replays"], 1);
    assert_eq!(bus["schema_violations"], 0);
}

#[test]
fn the_archive_is_capped_and_counts_what_it_drops() {
    let mut d = Diagram::new();
    let app = client(&mut d, 10_000.0, r#"{"n": {{seq}}}"#);
    let bus = add(&mut d, ComponentKind::EventBus, "bus");
    if let Some(Spec::EventBus(s)) = d.component_mut(bus).map(|c| &mut c.spec) {
        s.archive = true;
    }
    d.connect(app, bus).expect("app -> bus");
    let sim = simulate::run(&d, 10.5).expect("runs");
    let n = sent(&sim, app);
    assert!(n > ARCHIVE_CAPACITY as u64, "{n}");
    let a = archive(&sim, bus);
    assert_eq!((a.archived, a.dropped), (ARCHIVE_CAPACITY as u64, n - ARCHIVE_CAPACITY as u64));
    balanced(&sim);
}

const ONLY_A: &str = r#"{
    "type": "object",
    "required": ["kind", "n"],
    "properties": {"kind": {"enum": ["a"]}, "n": {"type": "integer", "minimum": 1}}
}"#;

#[test]
fn a_schema_flags_events_that_do_not_fit_and_still_routes_them() {
    let b = bus_diagram(true, ONLY_A);
    let mut sim = Simulation::new(&b.d).expect("runs");
    sim.run_for(10_000_000);
    let n = sent(&sim, b.app);
    let bus = report(&sim, b.bus);
    let misfits = received(&sim, b.only_b);
    assert!(misfits > 20);
    assert_eq!(bus.schema_violations, misfits, "every `b` event is flagged");
    assert_eq!(received(&sim, b.all), n, "and every event is still routed");
    assert_eq!(bus.schema_reasons.len(), SCHEMA_REASONS_KEPT);
    for v in &bus.schema_reasons {
        assert_eq!(v.reason.en, "kind: must be one of \"a\", found \"b\".");
        assert_eq!(v.reason.vi, "kind: phải là một trong \"a\", nhưng nhận được \"b\".");
        assert!(v.message > 0 && v.at_s <= 10.0);
    }
    assert!(bus.schema_reasons.windows(2).all(|w| w[0].at_s <= w[1].at_s), "the first ones, in order");
    // Replayed events were checked when they first arrived: not counted again.
    assert!(sim.replay_archive(b.bus));
    sim.run_for(0);
    assert_eq!(report(&sim, b.bus).schema_violations, misfits);
    assert_eq!(received(&sim, b.all), 2 * n);
    balanced(&sim);
    let json = serde_json::to_value(sim.report()).expect("json");
    assert!(json["components"].as_array().expect("components").iter().any(|c| c["schema_violations"] == misfits));
}

#[test]
fn a_topic_schema_flags_too() {
    let mut d = Diagram::new();
    let app = client(&mut d, 10.0, r#"{"orderId": "o-{{seq}}", "amount": "{{int 1 9}}"}"#);
    let topic = add(&mut d, ComponentKind::Topic, "orders");
    if let Some(Spec::Topic(s)) = d.component_mut(topic).map(|c| &mut c.spec) {
        s.schema = r#"{"properties": {"amount": {"type": "number"}}}"#.to_string();
    }
    let q = add(&mut d, ComponentKind::Queue, "q");
    d.connect(app, topic).expect("app -> topic");
    d.connect(topic, q).expect("topic -> queue");
    let sim = simulate::run(&d, 5.0).expect("runs");
    let t = report(&sim, topic);
    assert_eq!(t.schema_violations, sent(&sim, app));
    assert_eq!(received(&sim, q), sent(&sim, app));
    assert_eq!(t.schema_reasons[0].reason.en, "amount: expected a number, found a string.");
    assert!(t.archive.is_none());
    balanced(&sim);
}

#[test]
fn a_schema_that_cannot_be_used_is_refused_with_a_sentence() {
    let b = bus_diagram(false, r#"{"type": "object", "properties": {"detail": {"oneOf": []}}}"#);
    let e = Simulation::new(&b.d).err().expect("refused");
    assert!(
        e.0.en.starts_with("bus (schema): properties.detail.oneOf: the keyword \"oneOf\" is not supported."),
        "{}",
        e.0.en
    );
    assert!(e.0.vi.starts_with("bus (schema): properties.detail.oneOf: từ khóa \"oneOf\" không được hỗ trợ."), "{}", e.0.vi);

    let mut d = Diagram::new();
    let topic = add(&mut d, ComponentKind::Topic, "orders");
    if let Some(Spec::Topic(s)) = d.component_mut(topic).map(|c| &mut c.spec) {
        s.schema = "{not json".to_string();
    }
    let e = Simulation::new(&d).err().expect("refused").0;
    assert!(e.en.starts_with("orders (schema): The schema is not valid JSON"), "{}", e.en);
    assert!(e.vi.starts_with("orders (schema): Lược đồ không phải JSON hợp lệ"), "{}", e.vi);

    // An empty or blank schema is no schema.
    let b = bus_diagram(false, "  \n ");
    let sim = simulate::run(&b.d, 2.0).expect("runs");
    assert_eq!(report(&sim, b.bus).schema_violations, 0);
}
