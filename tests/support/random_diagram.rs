//! Random valid diagrams built from the rule table, for the property tests that write
//! diagrams out and read them back (files and links, SAM templates).
#![allow(dead_code)]

use decouple_lab::model::{
    allowed_kinds, check_component, check_connection, default_settings, Component, ComponentId, ComponentKind, Connection,
    ConnectionId, ConnectionSettings, Diagram, Faults, Point, Poison, RunSettings, Spec, Window,
};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Map, Value};

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
pub struct DiagramSeed {
    components: Vec<ComponentSeed>,
    connections: Vec<(usize, usize, usize, u32, Vec<Tweak>)>,
    run: (u64, f64),
    exercise: Option<String>,
}

pub fn diagram_seed() -> impl Strategy<Value = DiagramSeed> {
    (
        prop::collection::vec(component_seed(), 0..14),
        prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>(), 1u32..50, prop::collection::vec(tweak(), 0..4)), 0..30),
        (any::<u64>(), prop_oneof![Just(60.0), 0.001f64..604_800.0]),
        prop::option::of(prop_oneof!["[a-z0-9-]{1,40}", "\\PC{1,20}"]),
    )
        .prop_map(|(components, connections, run, exercise)| DiagramSeed { components, connections, run, exercise })
}

pub fn spec_settings(spec: &Spec) -> Map<String, Value> {
    match serde_json::to_value(spec).unwrap() {
        Value::Object(mut o) => o.remove("settings").and_then(|s| s.as_object().cloned()).unwrap_or_default(),
        _ => Map::new(),
    }
}

/// A valid diagram from a seed: tweaks that break a range or the types are dropped,
/// connections the rule table refuses are skipped.
pub fn build(seed: &DiagramSeed) -> Diagram {
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
                // Some are stopped too (no new strategy field: old regressions still replay).
                stopped: down && error_rate > 0.5,
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
