//! Writing then reading gives the same diagram: fixtures, the link forms, and random
//! diagrams built from the rule table.
#![cfg(not(target_arch = "wasm32"))]

use decouple_lab::model::{
    allowed_kinds, check_component, check_connection, default_settings, Component, ComponentId, ComponentKind, Connection,
    ConnectionId, ConnectionSettings, Diagram, Faults, Point, Poison, RunSettings, Spec, Window,
};
use decouple_lab::share::{self, ShareError};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Map, Value};

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
// Random diagrams

/// Words that some string settings (enums) accept.
const ENUM_WORDS: &[&str] = &[
    "dynamo_db", "aurora", "open_search", "cache", "email", "sms", "ec2", "fargate", "standard", "express", "kinesis", "kafka",
    "s3_upload", "schedule", "iot_devices", "cloud_watch_alarm", "sync_proxy", "async", "MessageAttributes", "MessageBody",
];

/// One random change to one setting.
#[derive(Clone, Debug)]
struct Tweak {
    field: usize,
    pick: u8,
    flag: bool,
    small: u32,
    big: u32,
    unit: f64,
    wide: f64,
    text: String,
}

fn tweak() -> impl Strategy<Value = Tweak> {
    (any::<usize>(), any::<u8>(), any::<bool>(), 0u32..20, 0u32..2_000_000, 0.0f64..=1.0, 0.0f64..20_000.0, text())
        .prop_map(|(field, pick, flag, small, big, unit, wide, text)| Tweak { field, pick, flag, small, big, unit, wide, text })
}

/// Names and settings text: unicode, quotes, markup, percent signs, control characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,24}",
        "(?s).{0,12}",
        "[a-z \"'<>&%#{}\\[\\]\\\\/+=?]{0,20}",
        Just("<script>alert(\"pwned\")</script>".to_string()),
        Just("Robert'); DROP TABLE \"orders\";--".to_string()),
        "[é✓🚀日本語ß\u{200b}\u{feff} ]{0,10}",
    ]
}

fn poison_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        proptest::num::f64::NORMAL.prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec(("[a-z]{1,6}", inner), 0..3).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn apply(map: &mut Map<String, Value>, t: &Tweak, queues: &[ComponentId]) {
    if map.is_empty() {
        return;
    }
    let key = map.keys().nth(t.field % map.len()).cloned().unwrap_or_default();
    let new = match &map[&key] {
        Value::Bool(_) => Value::Bool(t.flag),
        Value::Number(n) if n.is_f64() => Value::from(if t.pick % 2 == 0 { t.unit } else { t.wide }),
        Value::Number(_) => Value::from(match t.pick % 3 {
            0 => t.small,
            1 => t.big,
            _ => t.big % 1_000,
        }),
        Value::String(_) if t.pick % 3 == 0 => Value::from(t.text.clone()),
        Value::String(_) => Value::from(ENUM_WORDS[usize::from(t.pick) % ENUM_WORDS.len()]),
        Value::Object(_) => match t.pick % 5 {
            0 => json!({"shape": "steady"}),
            1 => json!({"shape": "poisson"}),
            2 => json!({"shape": "burst", "every_s": t.wide.max(0.1), "size": t.small + 1}),
            3 => json!({"shape": "spike", "at_s": t.wide, "for_s": 0.1 + t.unit, "factor": 1.0 + t.unit * 100.0}),
            _ => json!({"shape": "ramp", "to_rate_per_s": t.unit * 1000.0, "over_s": t.wide.max(0.1)}),
        },
        Value::Null if !queues.is_empty() => Value::from(queues[t.small as usize % queues.len()].0),
        other => other.clone(),
    };
    map.insert(key, new);
}

#[derive(Clone, Debug)]
struct ComponentSeed {
    kind: usize,
    id_gap: u32,
    name: String,
    x: f64,
    y: f64,
    tweaks: Vec<Tweak>,
    faults: FaultSeed,
}

/// down, down window (start, length), error rate, latency multiplier, poison.
type FaultSeed = (bool, Option<(f64, f64)>, f64, f64, Option<(String, Value)>);

fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-2_000i32..2_000).prop_map(f64::from),
        -5_000.0f64..5_000.0,
        proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
    ]
}

fn component_seed() -> impl Strategy<Value = ComponentSeed> {
    (
        0..ComponentKind::ALL.len(),
        prop_oneof![Just(1u32), 1u32..1_000, Just(u32::MAX / 600)],
        text(),
        coordinate(),
        coordinate(),
        prop::collection::vec(tweak(), 0..5),
        (
            prop::bool::weighted(0.1),
            prop::option::weighted(0.2, (0.0f64..1_000.0, 0.1f64..1_000.0)),
            prop_oneof![3 => Just(0.0), 1 => 0.0f64..=1.0],
            prop_oneof![3 => Just(1.0), 1 => 0.1f64..=100.0],
            prop::option::weighted(0.2, (text(), poison_value())),
        ),
    )
        .prop_map(|(kind, id_gap, name, x, y, tweaks, faults)| ComponentSeed { kind, id_gap, name, x, y, tweaks, faults })
}

#[derive(Clone, Debug)]
struct DiagramSeed {
    components: Vec<ComponentSeed>,
    connections: Vec<(usize, usize, usize, u32, Vec<Tweak>)>,
    run: (u64, f64),
    exercise: Option<String>,
}

fn diagram_seed() -> impl Strategy<Value = DiagramSeed> {
    (
        prop::collection::vec(component_seed(), 0..14),
        prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>(), 1u32..50, prop::collection::vec(tweak(), 0..4)), 0..30),
        (any::<u64>(), prop_oneof![Just(60.0), 0.001f64..604_800.0]),
        prop::option::of(prop_oneof!["[a-z0-9-]{1,40}", "\\PC{1,20}"]),
    )
        .prop_map(|(components, connections, run, exercise)| DiagramSeed { components, connections, run, exercise })
}

fn spec_settings(spec: &Spec) -> Map<String, Value> {
    match serde_json::to_value(spec).unwrap() {
        Value::Object(mut o) => o.remove("settings").and_then(|s| s.as_object().cloned()).unwrap_or_default(),
        _ => Map::new(),
    }
}

/// A valid diagram from a seed: tweaks that break a range or the types are dropped,
/// connections the rule table refuses are skipped.
fn build(seed: &DiagramSeed) -> Diagram {
    let mut d = Diagram::new();
    let mut next_id = 0u32;
    for s in &seed.components {
        next_id = next_id.saturating_add(s.id_gap);
        let kind = ComponentKind::ALL[s.kind];
        let (down, window, error_rate, latency_multiplier, poison) = s.faults.clone();
        let mut component = Component {
            id: ComponentId(next_id),
            name: s.name.clone(),
            position: Point { x: s.x, y: s.y },
            spec: Spec::default_for(kind),
            faults: Faults {
                down,
                down_window: window.map(|(from_s, len)| Window { from_s, to_s: from_s + len }),
                error_rate,
                latency_multiplier,
                poison: poison.map(|(field, value)| Poison { field, value }),
            },
        };
        assert!(check_component(&component).is_empty(), "{:?}", check_component(&component));
        for t in &s.tweaks {
            let mut settings = spec_settings(&component.spec);
            apply(&mut settings, t, &[]);
            let tagged = json!({"kind": kind.key(), "settings": settings});
            if let Ok(spec) = Spec::deserialize(tagged) {
                let candidate = Component { spec, ..component.clone() };
                if check_component(&candidate).is_empty() {
                    component = candidate;
                }
            }
        }
        d.insert_component(component).unwrap();
    }
    let ids: Vec<ComponentId> = d.components().map(|c| c.id).collect();
    let queues: Vec<ComponentId> = d.components().filter(|c| c.kind() == ComponentKind::Queue).map(|c| c.id).collect();
    if !ids.is_empty() {
        for (n, (a, b, k, gap, tweaks)) in seed.connections.iter().enumerate() {
            let (from, to) = (ids[a % ids.len()], ids[b % ids.len()]);
            let (from_kind, to_kind) = (d.kind_of(from).unwrap(), d.kind_of(to).unwrap());
            let Ok(kinds) = allowed_kinds(from_kind, to_kind) else { continue };
            let kind = kinds[k % kinds.len()];
            let mut settings = default_settings(kind, from_kind);
            for t in tweaks {
                let mut map = match serde_json::to_value(&settings).unwrap() {
                    Value::Object(m) => m,
                    _ => unreachable!(),
                };
                apply(&mut map, t, &queues);
                if let Ok(candidate) = ConnectionSettings::deserialize(Value::Object(map)) {
                    if check_connection(kind, from_kind, &candidate).is_empty() {
                        settings = candidate;
                    }
                }
            }
            let id = ConnectionId(n as u32 * 50 + gap);
            let _ = d.insert_connection(Connection { id, from, to, kind, settings });
        }
    }
    d.run = RunSettings { seed: seed.run.0, duration_s: seed.run.1 };
    d.exercise = seed.exercise.clone();
    d
}

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
