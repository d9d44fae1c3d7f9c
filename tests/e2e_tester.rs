//! The pattern tester in headless Chromium: a rule's pattern against a pasted event,
//! with the field that decided it.

mod support;

use decouple_lab::model::{ComponentKind, ConnectionKind, Diagram, Point};
use fantoccini::Locator;
use support::wait_for_count;

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_rule_pattern_is_tested_against_a_pasted_event() {
    let mut d = Diagram::new();
    let uploads = d.add_component(ComponentKind::EventSource, "Uploads", Point { x: 0.0, y: 0.0 });
    let bus = d.add_component(ComponentKind::EventBus, "Bus", Point { x: 280.0, y: 0.0 });
    let thumbs = d.add_component(ComponentKind::Function, "Thumbnails", Point { x: 560.0, y: 0.0 });
    d.connect(uploads, bus).expect("put event");
    let rule = d.connect(bus, thumbs).expect("rule");
    if let Some(c) = d.connection_mut(rule) {
        assert_eq!(c.kind, ConnectionKind::Rule);
        c.settings.pattern = r#"{"source": ["aws.s3"], "detail": {"object": {"size": [{"numeric": [">", 1000]}]}}}"#.into();
    }

    let b = support::open_app().await;
    let c = &b.client;
    c.goto(&decouple_lab::share::link_for(&d, &b.base_url).url).await.expect("open");
    wait_for_count(c, ".edge", 2).await;
    let edge = c.find(Locator::Css(&format!(r#".edge[data-id="{}"] .edge-label"#, rule.0))).await.expect("the rule");
    edge.click().await.expect("select the rule");
    let result = c.wait().for_element(Locator::Css(".tester-result")).await.expect("a result");
    assert!(result.text().await.expect("text").starts_with("Matches."), "the sample S3 event matches");

    let sample = c.find(Locator::Css("#tester-sample")).await.expect("sample");
    sample.clear().await.expect("clear");
    sample.send_keys(r#"{"source": "aws.s3", "detail": {"object": {"size": 12}}}"#).await.expect("type");
    let text = c.find(Locator::Css(".tester-result")).await.expect("result").text().await.expect("text");
    assert!(text.starts_with("Does not match.") && text.contains("size"), "the size decided it: {text}");
    support::screenshot(c, "pattern-tester").await;
    b.client.clone().close().await.expect("close");
}
