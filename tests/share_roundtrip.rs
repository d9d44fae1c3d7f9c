//! Writing then reading gives the same diagram: fixtures, the link forms, and random
//! diagrams built from the rule table.
#![cfg(not(target_arch = "wasm32"))]

use decouple_lab::model::{Component, ComponentId, ComponentKind, ConnectionId, Diagram, Point, RunSettings, Spec, Window};
use decouple_lab::share::{self, ShareError};
use proptest::prelude::*;

#[path = "support/random_diagram.rs"]
mod random_diagram;
use random_diagram::{build, diagram_seed};
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ecommerce() -> Diagram {
    share::from_json(&fixture("ecommerce-order-pipeline.v1.json")).expect("the e-commerce fixture opens")
}

fn by_name<'a>(diagram: &'a Diagram, name: &str) -> &'a Component {
    diagram.components().find(|c| c.name == name).unwrap_or_else(|| panic!("no component {name}"))
}

// ---------------------------------------------------------------------------------------
// Fixtures

#[test]
fn the_ecommerce_fixture_reads_with_its_settings_and_defaults_filled_in() {
    let d = ecommerce();
    assert_eq!(d.component_count(), 10);
    assert_eq!(d.connection_count(), 10);
    assert_eq!(d.run, RunSettings { seed: 42, duration_s: 300.0 });
    assert_eq!(d.exercise.as_deref(), Some("ecommerce-order-pipeline"));
    let Spec::Queue(orders) = &by_name(&d, "orders").spec else { panic!("orders is a queue") };
    assert_eq!((orders.visibility_timeout_s, orders.max_receive_count), (60, 3));
    assert_eq!(orders.retention_s, 345_600, "an omitted setting takes the kind's default");
    let payments = by_name(&d, "Payments");
    assert_eq!(payments.faults.down_window, Some(Window { from_s: 120.0, to_s: 150.0 }));
    assert_eq!(payments.faults.latency_multiplier, 1.0);
    let Spec::Client(shoppers) = &by_name(&d, "Shoppers").spec else { panic!() };
    assert!(shoppers.payload.contains("chloé"));
    let mapping = d.connection(ConnectionId(8)).unwrap();
    assert_eq!(mapping.settings.batch_size, 1);
    assert_eq!(mapping.settings.max_retry_attempts, 185);
}

#[test]
fn the_sns_fanout_fixture_keeps_filter_policies_and_dead_letter_queues() {
    let d = share::from_json(&fixture("sns-fanout.v1.json")).unwrap();
    assert_eq!((d.component_count(), d.connection_count()), (10, 8));
    assert_eq!(d.run, RunSettings::default());
    assert_eq!(d.exercise, None);
    let billing = d.connection(ConnectionId(3)).unwrap();
    assert_eq!(billing.settings.filter_policy, r#"{"country": ["FR", "BE"]}"#);
    assert_eq!(billing.settings.dead_letter_queue, Some(ComponentId(10)));
    let analytics = d.connection(ConnectionId(5)).unwrap();
    assert_eq!(serde_json::to_value(analytics.settings.filter_policy_scope).unwrap(), json!("MessageBody"));
    // The fixture's own ids are kept, and new ones continue after them.
    assert_eq!(d.next_component_id(), ComponentId(11));
    assert_eq!(d.next_connection_id(), ConnectionId(9));
}

#[test]
fn fixtures_survive_writing_and_reading_again() {
    for name in ["ecommerce-order-pipeline.v1.json", "sns-fanout.v1.json", "prerelease.v0.json"] {
        let d = share::from_json(&fixture(name)).unwrap();
        let pretty = share::to_json(&d);
        assert_eq!(share::from_json(&pretty).unwrap(), d, "{name}");
        assert_eq!(share::to_json(&share::from_json(&pretty).unwrap()), pretty, "{name}: writing is stable");
        assert_eq!(share::from_json(&share::to_json_compact(&d)).unwrap(), d, "{name}");
    }
}

#[test]
fn a_prerelease_version_0_file_is_migrated() {
    let d = share::from_json(&fixture("prerelease.v0.json")).unwrap();
    assert_eq!(d.run, RunSettings { seed: 7, duration_s: 120.0 });
    assert_eq!(d.exercise.as_deref(), Some("first-queue"));
    let jobs = by_name(&d, "jobs");
    assert_eq!(jobs.position, Point { x: 200.0, y: 100.0 });
    let Spec::Queue(q) = &jobs.spec else { panic!() };
    assert_eq!(q.visibility_timeout_s, 45);
    assert_eq!(d.connection(ConnectionId(3)).unwrap().settings.pattern, r#"{"source": ["shop"], "detail-type": ["click"]}"#);
    // A Kinesis event source mapping gets its own default batch size.
    assert_eq!(d.connection(ConnectionId(4)).unwrap().settings.batch_size, 100);
    // Written back, it is a version 1 file.
    let v1: Value = serde_json::from_str(&share::to_json(&d)).unwrap();
    assert_eq!(v1["version"], json!(1));
    assert!(v1.get("nodes").is_none() && v1["components"].as_array().unwrap().len() == 6);
}

// ---------------------------------------------------------------------------------------
// Defaults left out

#[test]
fn defaults_are_left_out_field_by_field() {
    let mut d = Diagram::new();
    let stream = d.add_component(ComponentKind::Stream, "clicks", Point { x: 1.0, y: 2.5 });
    let f = d.add_component(ComponentKind::Function, "count", Point { x: 3.0, y: 4.0 });
    let bus = d.add_component(ComponentKind::EventBus, "bus", Point::default());
    let q = d.add_component(ComponentKind::Queue, "q", Point::default());
    d.connect(stream, f).unwrap();
    d.connect(bus, q).unwrap();
    if let Some(Spec::Function(spec)) = d.component_mut(f).map(|c| &mut c.spec) {
        spec.timeout_s = 30;
    }
    let file: Value = serde_json::from_str(&share::to_json_compact(&d)).unwrap();
    assert_eq!(file.get("run"), None);
    assert_eq!(file.get("exercise"), None);
    assert_eq!(file["components"][0], json!({"id": 0, "kind": "stream", "name": "clicks", "position": {"x": 1, "y": 2.5}}));
    assert_eq!(file["components"][1]["settings"], json!({"timeout_s": 30}));
    // A Kinesis mapping's batch of 100 and a rule's catch-all pattern are their defaults.
    assert_eq!(file["connections"][0], json!({"id": 0, "from": 0, "to": 1, "kind": "event_source_mapping"}));
    assert_eq!(file["connections"][1], json!({"id": 1, "from": 2, "to": 3, "kind": "rule"}));
    assert_eq!(share::from_json(&file.to_string()).unwrap(), d);
}

// ---------------------------------------------------------------------------------------
// Links

#[test]
fn the_ecommerce_link_is_under_2000_characters() {
    let d = ecommerce();
    let link = share::link_for(&d, "https://lab.example.org/play/");
    let readable = format!("https://lab.example.org/play/#json={}", share::encode_fragment(&share::to_json_compact(&d)));
    println!(
        "e-commerce pipeline link: {} characters, compressed: {} (readable form: {} characters)",
        link.length,
        link.compressed,
        readable.len()
    );
    println!("{}", link.url);
    assert!(link.length < 2_000, "{} characters", link.length);
    assert_eq!(link.length, link.url.chars().count());
    // Its readable form is over 2,000 characters (346 quotes become %22), so it is packed.
    assert_eq!(link.compressed, readable.len() > 2_000);
    assert_eq!(link.warning, None);
    assert_eq!(share::from_link(&link.url).unwrap(), d);
    assert_eq!(share::from_link(&readable).unwrap(), d);
}

#[test]
fn small_diagrams_get_readable_links() {
    let d = share::from_json(&fixture("prerelease.v0.json")).unwrap();
    let link = share::link_for(&d, "https://lab.example.org/play/");
    println!("first-queue link: {} characters\n{}", link.length, link.url);
    assert!(!link.compressed && link.length <= 2_000);
    assert!(link.url.starts_with("https://lab.example.org/play/#json={%22format%22:%22decouple-lab%22,%22version%22:1,"));
    assert!(link.url.contains("%22name%22:%22Do%20the%20job%22"));
    assert_eq!(share::from_link(&link.url).unwrap(), d);
}

#[test]
fn every_form_of_a_link_opens() {
    let small = share::from_json(&fixture("prerelease.v0.json")).unwrap();
    for d in [ecommerce(), small] {
        let link = share::link_for(&d, "http://127.0.0.1:8080/#old-fragment");
        assert!(link.url.starts_with(if link.compressed { "http://127.0.0.1:8080/#z=" } else { "http://127.0.0.1:8080/#json=" }));
        let fragment = &link.url[link.url.find('#').unwrap()..];
        for text in [link.url.clone(), fragment.to_string(), fragment[1..].to_string(), format!("  {}\n", link.url)] {
            assert_eq!(share::from_link(&text).unwrap(), d, "{text}");
        }
        // The JSON typed by hand, unencoded, opens too (browsers keep it as typed).
        let by_hand = format!("https://x.test/#json={}", share::to_json_compact(&d));
        assert_eq!(share::from_link(&by_hand).unwrap(), d);
        assert_eq!(share::link_json(&link.url).unwrap(), share::to_json_compact(&d));
    }
}

/// A diagram big enough to need compression: the e-commerce pipeline, ten times over.
fn big_diagram(copies: u32, payload_chars: usize) -> Diagram {
    let base = ecommerce();
    let mut components = Vec::new();
    let mut connections = Vec::new();
    for copy in 0..copies {
        for c in base.components() {
            let mut c = c.clone();
            c.id = ComponentId(c.id.0 + 100 * copy);
            c.position.y += 600.0 * f64::from(copy);
            c.name = format!("{} #{copy}", c.name);
            if let Spec::Client(client) = &mut c.spec {
                client.payload = format!("{{\"note\": \"{}\"}}", "x".repeat(payload_chars));
            }
            components.push(c);
        }
        for e in base.connections() {
            let mut e = e.clone();
            e.id = ConnectionId(e.id.0 + 100 * copy);
            e.from = ComponentId(e.from.0 + 100 * copy);
            e.to = ComponentId(e.to.0 + 100 * copy);
            connections.push(e);
        }
    }
    Diagram::from_parts(components, connections).unwrap()
}

#[test]
fn long_links_are_compressed_and_still_open() {
    let d = big_diagram(10, 0);
    let link = share::link_for(&d, "http://127.0.0.1:8080/");
    println!("100-component link: {} characters", link.length);
    assert!(link.compressed);
    assert!(link.url.starts_with("http://127.0.0.1:8080/#z="));
    let z = &link.url[link.url.find("#z=").unwrap() + 3..];
    assert!(z.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "base64url without padding");
    assert_eq!(share::from_link(&link.url).unwrap(), d);
    assert_eq!(share::from_link(&link.url[link.url.find('#').unwrap()..]).unwrap(), d);
    // Wrapped by a chat tool, it still opens.
    let wrapped: String = link.url.chars().enumerate().flat_map(|(i, c)| if i > 0 && i % 70 == 0 { vec!['\n', c] } else { vec![c] }).collect();
    assert_eq!(share::from_link(&wrapped).unwrap(), d);
}

#[test]
fn very_long_links_come_with_a_warning() {
    // Random-looking payloads compress badly.
    let mut d = big_diagram(2, 0);
    let mut state = 12345u64;
    for c in d.graph().node_indices().collect::<Vec<_>>() {
        let id = d.graph()[c].id;
        if let Some(Spec::Client(client)) = d.component_mut(id).map(|c| &mut c.spec) {
            client.payload = (0..6_000)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    char::from(b'a' + (state >> 59) as u8 % 26)
                })
                .collect();
        }
    }
    let link = share::link_for(&d, "http://127.0.0.1:8080/");
    assert!(link.compressed && link.length > 8_000, "{}", link.length);
    let warning = link.warning.expect("a warning");
    assert!(warning.en.contains("some chat tools cut longer links"), "{warning}");
    assert_eq!(share::from_link(&link.url).unwrap(), d);
}

// ---------------------------------------------------------------------------------------
// Random diagrams (tests/support/random_diagram.rs)

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_diagrams_survive_files_and_links(seed in diagram_seed()) {
        let d = build(&seed);
        let pretty = share::to_json(&d);
        let read: Result<Diagram, ShareError> = share::from_json(&pretty);
        prop_assert_eq!(read.as_ref(), Ok(&d), "{}", pretty);
        prop_assert_eq!(share::to_json(&read.unwrap()), pretty.clone());
        prop_assert_eq!(share::from_json(&share::to_json_compact(&d)), Ok(d.clone()));
        let link = share::link_for(&d, "https://lab.example.org/");
        prop_assert_eq!(share::from_link(&link.url), Ok(d.clone()));
        let readable = format!("https://lab.example.org/#json={}", share::encode_fragment(&share::to_json_compact(&d)));
        prop_assert_eq!(link.compressed, readable.chars().count() > 2_000);
        if !link.compressed {
            // Readable: nothing but what must be is escaped.
            let fragment = &link.url[link.url.find('#').unwrap() + 1..];
            prop_assert!(fragment.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'<' && b != b'>' && b != b'`'));
        }
    }
}

#[test]
fn the_generator_makes_varied_diagrams() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut connections, mut settings, mut faults, mut link_settings) = (0, 0, 0, 0);
    for _ in 0..100 {
        let d = build(&diagram_seed().new_tree(&mut runner).unwrap().current());
        let file: Value = serde_json::from_str(&share::to_json(&d)).unwrap();
        connections += d.connection_count();
        for c in file["components"].as_array().unwrap() {
            settings += usize::from(c.get("settings").is_some());
            faults += usize::from(c.get("faults").is_some());
        }
        link_settings += file["connections"].as_array().unwrap().iter().filter(|c| c.get("settings").is_some()).count();
    }
    println!("100 diagrams: {connections} connections, {settings} components with settings, {faults} with faults, {link_settings} connections with settings");
    assert!(connections > 100 && settings > 50 && faults > 20 && link_settings > 10);
}

/// The outage choice is stored over the old fields: a link written with `down` (before
/// a function could be stopped) opens as "Errors", a stopped function keeps `stopped`
/// through a link, and a diagram with no outage writes no `stopped` at all.
#[test]
fn outages_old_and_new_survive_a_link() {
    use decouple_lab::model::Outage;
    let mut d = Diagram::new();
    let f = d.add_component(ComponentKind::Function, "Worker", Point { x: 0.0, y: 0.0 });
    let g = d.add_component(ComponentKind::Function, "Other", Point { x: 200.0, y: 0.0 });
    let plain = share::to_json(&d);
    assert!(!plain.contains("stopped"), "{plain}");
    // An older link's faults: only `down`.
    let mut old: Value = serde_json::from_str(&plain).expect("json");
    for c in old["components"].as_array_mut().expect("components") {
        if c["name"] == "Worker" {
            c["faults"] = json!({"down": true, "error_rate": 0.0, "latency_multiplier": 1.0});
        }
    }
    let opened = share::from_json(&old.to_string()).expect("an old link opens");
    assert_eq!(opened.component(f).expect("worker").faults.outage(), Outage::Errors);
    assert_eq!(opened.component(g).expect("other").faults.outage(), Outage::Running);
    // Stopped, through a link and back.
    let faults = d.component(g).expect("other").faults.with_outage(Outage::Stopped);
    d.component_mut(g).expect("other").faults = faults;
    let back = share::from_link(&share::link_for(&d, "https://x.test/").url).expect("the link opens");
    assert_eq!(back.component(g).expect("other").faults.outage(), Outage::Stopped);
    assert_eq!(back.component(f).expect("worker").faults.outage(), Outage::Running);
}
