//! One path through the engine: `dlab simulate --json`, the checks' `simulate::run`
//! and the page's player (`playback::PlaybackState`, stepped a second at a time)
//! give the same report for the same diagram, seed and duration, with every
//! rule's pattern and subscription's filter policy applied as AWS applies them.

mod cli;

use decouple_lab::lessons::{build::Builder, patterns, simulate};
use decouple_lab::model::{ConnectionKind, Diagram, FilterPolicyScope};
use decouple_lab::share;
use decouple_lab::playback::PlaybackState;
use decouple_lab::sim::{RunReport, Simulation};
use std::rc::Rc;
use serde_json::Value;

const SECONDS: f64 = 60.0;

/// The report `dlab simulate FILE --duration 60s --json` prints.
fn cli_report(name: &str, diagram: &Diagram) -> Value {
    let path = std::env::temp_dir().join(format!("dlab-one-path-{}-{name}.json", std::process::id()));
    std::fs::write(&path, share::to_json(diagram)).expect("write the diagram");
    let out = cli::dlab(&["simulate", &path.to_string_lossy(), "--duration", "60s", "--json"], None);
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{name}: dlab simulate failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: dlab printed no JSON report: {e}"))
}

fn as_value(report: RunReport) -> Value {
    serde_json::to_value(report).expect("a report is JSON")
}

/// The same books from the command line, the checks and the page's construction.
fn assert_one_path(name: &str, diagram: &Diagram) -> Value {
    let from_cli = cli_report(name, diagram);
    let from_checks = as_value(simulate::run(diagram, SECONDS).unwrap_or_else(|e| panic!("{name}: {}", e.en)).report());
    // The page's player, stepped one simulated second at a time (it keeps only the
    // chart window of samples: that must not change the run).
    let mut page = PlaybackState::new();
    page.set_diagram(Rc::new(diagram.clone()), 1);
    for _ in 0..SECONDS as u32 {
        page.step().unwrap_or_else(|e| panic!("{name}: the page cannot run it: {}", e.en));
    }
    let from_page = serde_json::to_value(page.snapshot().books).expect("books are JSON");
    assert_eq!(from_cli["messages"], from_checks["messages"], "{name}: dlab simulate and the checks differ");
    assert_eq!(from_cli["messages"], from_page, "{name}: dlab simulate and the page differ");
    assert_eq!(from_cli["components"], from_checks["components"], "{name}: component reports differ");
    for c in diagram.components() {
        let page_report = serde_json::to_value(page.report(c.id)).expect("a report is JSON");
        let cli_report = from_cli["components"]
            .as_array()
            .and_then(|cs| cs.iter().find(|r| r["id"] == c.id.0))
            .unwrap_or_else(|| panic!("{name}: dlab reported nothing for {}", c.name));
        assert_eq!(page_report["processed"], cli_report["processed"], "{name}: {} processed differently in the page", c.name);
        assert_eq!(page_report["errors"], cli_report["errors"], "{name}: {} failed differently in the page", c.name);
    }
    from_cli
}

fn component<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["components"].as_array().and_then(|cs| cs.iter().find(|c| c["name"] == name)).unwrap_or_else(|| panic!("no component {name} in {report}"))
}

fn received(report: &Value, name: &str) -> u64 {
    component(report, name)["received"].as_u64().unwrap_or_else(|| panic!("{name} has no received count"))
}

#[test]
fn every_ready_made_pattern_runs_the_same_everywhere() {
    for p in patterns() {
        let report = assert_one_path(p.id, &p.diagram());
        assert!(report["messages"]["created"].as_u64().is_some_and(|n| n > 0), "{}: the pattern created no message", p.id);
    }
}

/// A bus whose only rule can never match routes nothing, from every caller.
#[test]
fn a_rule_that_never_matches_routes_nothing() {
    let mut b = Builder::new();
    let client = b.client("shop", 0.0, 0.0, 10.0, false, "");
    let bus = b.add(decouple_lab::model::ComponentKind::EventBus, "bus", 1.0, 0.0);
    let queue = b.queue("matched", 2.0, 0.0, 30);
    b.link(client, bus);
    b.rule(bus, queue, r#"{"source": [{"prefix": "zzz-never"}]}"#);
    let report = assert_one_path("never-matches", &b.d);
    assert!(received(&report, "bus") > 0, "the bus received events: {report}");
    assert_eq!(received(&report, "matched"), 0, "a never-matching rule routed events: {report}");
    assert_eq!(report["messages"]["no_route"], report["messages"]["created"], "every event ended without a route");
}

/// Filter policies read the scope they are given: attributes by default, the body
/// when asked, never the other.
#[test]
fn filter_policies_read_their_scope() {
    let mut b = Builder::new();
    let client = b.client("shop", 0.0, 0.0, 20.0, false, r#"{"kind": "{{pick order refund}}"}"#);
    b.attributes(client, r#"{"kind": "{{pick order refund}}"}"#);
    let topic = b.add(decouple_lab::model::ComponentKind::Topic, "events", 1.0, 0.0);
    b.link(client, topic);
    let by_attribute = b.queue("orders by attribute", 2.0, 0.0, 30);
    let by_body = b.queue("orders by body", 2.0, 1.0, 30);
    let body_policy_on_attributes = b.queue("body field as attribute", 2.0, 2.0, 30);
    b.subscribe(topic, by_attribute, r#"{"kind": ["order"]}"#, FilterPolicyScope::MessageAttributes);
    b.subscribe(topic, by_body, r#"{"kind": ["order"]}"#, FilterPolicyScope::MessageBody);
    // A nested policy is a body policy; on attributes SNS refuses it, so this one
    // asks for an attribute the client does not set.
    b.subscribe(topic, body_policy_on_attributes, r#"{"region": ["eu"]}"#, FilterPolicyScope::MessageAttributes);
    let report = assert_one_path("scopes", &b.d);
    let (attr, body, none) = (received(&report, "orders by attribute"), received(&report, "orders by body"), received(&report, "body field as attribute"));
    let published = received(&report, "events");
    assert!(attr > published / 4 && attr < published * 3 / 4, "about half are orders: {attr} of {published}");
    assert_eq!(attr, body, "the same field in attributes and body picks the same messages");
    assert_eq!(none, 0, "no message carries a region attribute");
}

/// Without attributes, a default-scope (attributes) policy matches nothing, even when
/// the body has the field: SNS does not look at the body then.
#[test]
fn an_attribute_policy_ignores_the_body() {
    let mut b = Builder::new();
    let client = b.client("shop", 0.0, 0.0, 10.0, false, r#"{"kind": "order"}"#);
    let topic = b.add(decouple_lab::model::ComponentKind::Topic, "events", 1.0, 0.0);
    b.link(client, topic);
    let queue = b.queue("orders", 2.0, 0.0, 30);
    b.subscribe(topic, queue, r#"{"kind": ["order"]}"#, FilterPolicyScope::MessageAttributes);
    let report = assert_one_path("attributes-only", &b.d);
    assert!(received(&report, "events") > 0);
    assert_eq!(received(&report, "orders"), 0, "the body's field was read as an attribute: {report}");
}

/// An invalid pattern or policy refuses the whole run, naming the connection and
/// AWS's reason, from every caller.
#[test]
fn an_invalid_pattern_refuses_to_run_with_the_reason() {
    let mut b = Builder::new();
    let client = b.client("shop", 0.0, 0.0, 10.0, false, "");
    let bus = b.add(decouple_lab::model::ComponentKind::EventBus, "bus", 1.0, 0.0);
    let queue = b.queue("target", 2.0, 0.0, 30);
    b.link(client, bus);
    let rule = b.rule(bus, queue, r#"{"source": [{"prefix": 5}]}"#);
    assert_eq!(b.d.connection(rule).map(|c| c.kind), Some(ConnectionKind::Rule));
    let refused = Simulation::new(&b.d).err().expect("an invalid pattern must not run").0;
    assert!(refused.en.starts_with("bus → target: Event pattern is not valid."), "{}", refused.en);
    assert!(refused.vi.contains("Event pattern không hợp lệ"), "{}", refused.vi);
    let path = std::env::temp_dir().join(format!("dlab-one-path-{}-invalid.json", std::process::id()));
    std::fs::write(&path, share::to_json(&b.d)).expect("write");
    let out = cli::dlab(&["simulate", &path.to_string_lossy(), "--duration", "5s"], None);
    let _ = std::fs::remove_file(&path);
    assert!(!out.status.success(), "dlab ran an invalid pattern");
    assert!(String::from_utf8_lossy(&out.stderr).contains("bus → target: Event pattern is not valid."));
}

/// Attributes SNS would refuse are refused before the run, with the reason.
#[test]
fn attributes_sns_refuses_do_not_run() {
    let mut b = Builder::new();
    let client = b.client("shop", 0.0, 0.0, 10.0, false, "");
    b.attributes(client, r#"{"nested": {"a": 1}}"#);
    let topic = b.add(decouple_lab::model::ComponentKind::Topic, "events", 1.0, 0.0);
    b.link(client, topic);
    let refused = Simulation::new(&b.d).err().expect("refused").0;
    assert!(refused.en.starts_with("shop (attributes): Message attribute nested:"), "{}", refused.en);
}
